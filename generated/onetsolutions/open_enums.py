"""Open enums: values the server added after this client was generated still parse.

The server gains enum values (a new task type, a new status) before every client is
regenerated. Rejecting the whole response for that would break working code, so each
generated enum's ``_missing_`` hands an unknown value to ``unknown_member``, which returns a
member made for it: same type, exact value, ``is_known`` False. The first time a process
meets a given unknown value of an enum, one WARNING says so.
"""

import logging
import threading
from enum import Enum
from typing import Any, TypeVar, cast

logger = logging.getLogger(__package__ or __name__)

EnumT = TypeVar("EnumT", bound=Enum)

UNKNOWN_MEMBER_NAME = "<unknown>"

# Unknown members are kept so the same value gives the same object and one warning only.
# Limitation: past this many distinct unknown values of one enum (a misbehaving server),
# further ones are still parsed but neither kept nor reported.
MAX_UNKNOWN_VALUES_KEPT = 64

_unknown_members: dict[type[Enum], dict[object, Enum]] = {}
_lock = threading.Lock()


def unknown_member(enum_class: type[EnumT], value: object) -> EnumT | None:
    """A member of ``enum_class`` for a ``value`` it does not list; None for a value of the
    wrong type (a number for a string enum), which the enum then rejects as usual.
    """
    if type(value) is not _value_type(enum_class):
        return None

    with _lock:
        kept = _unknown_members.setdefault(enum_class, {})
        member = kept.get(value)
        if member is not None:
            return cast(EnumT, member)

        # Built the way Enum builds its own members of a str or int enum.
        created: EnumT = _value_type(enum_class).__new__(enum_class, value)
        created._name_ = UNKNOWN_MEMBER_NAME
        created._value_ = value
        if len(kept) < MAX_UNKNOWN_VALUES_KEPT:
            kept[value] = created
            logger.warning(
                "%s got %r, a value this client does not know: the server is newer than the "
                "client; the value is kept as it is. Regenerate the client to name it.",
                enum_class.__name__,
                value,
            )
    return created


def is_known_member(member: Enum) -> bool:
    """Whether ``member`` is one of the values its enum was generated with."""
    return member._name_ in type(member)._member_map_


def _value_type(enum_class: type[Enum]) -> Any:
    """``str`` for a string enum, ``int`` for an integer one."""
    return str if issubclass(enum_class, str) else int
