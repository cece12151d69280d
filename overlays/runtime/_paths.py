"""Path parameters as path segments: each value names one resource, never a path.

Quoting alone is not enough: ``/``, ``?`` and ``#`` are escaped, but a value of ``.`` or ``..``
passes through and the server resolves it, so a DELETE aimed at a record could land on its
parent. Both functions here refuse such values before anything is sent.
"""

from urllib.parse import quote
from uuid import UUID

from ._redact import redacted_repr
from .errors import InvalidPathParameterError

_NOT_SEGMENTS = frozenset({"", ".", ".."})


def uuid_segment(value: UUID | str, name: str) -> str:
    """The canonical text of a UUID path parameter given as a UUID or a string that parses as one.

    Raises InvalidPathParameterError for anything else.
    """
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, str):
        try:
            return str(UUID(value))
        except ValueError:
            pass
    raise InvalidPathParameterError(
        f"path parameter {name}={redacted_repr(value, 60)} is not a UUID; "
        "pass a uuid.UUID or its string form"
    )


def path_segment(value: object, name: str) -> str:
    """``value`` as one percent-encoded path segment.

    Raises InvalidPathParameterError when its text is empty, ``.`` or ``..``.
    """
    text = str(value)
    if text in _NOT_SEGMENTS:
        raise InvalidPathParameterError(
            f"path parameter {name}={text!r} would not name a resource (the server would resolve "
            "it against the path); pass the identifier of the resource"
        )
    return quote(text, safe="")
