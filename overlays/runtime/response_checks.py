"""Strict reading of response bodies: a value the schema does not allow is an error that says
where it is, never a silent surprise later.

Generated models call these while parsing. A failure raises ``ResponseFieldError`` naming the
model, the path of the field inside the body (``created_by.email``) and the offending value,
bounded in length. Datetimes follow RFC 3339: an offset (``Z``, ``z`` or ``+02:00``) is
required in what is read, and a naive datetime is never sent.
"""

import datetime
import re
from typing import Any

MAX_VALUE_EXCERPT = 80

_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z", re.ASCII
)


class ResponseFieldError(ValueError):
    """A response value that does not match the schema.

    ``model`` is the outermost model being parsed, ``field_path`` the dotted path of the field
    inside it ("" for the body itself), ``value`` the offending value and ``reason`` why.
    """

    def __init__(self, model: str, field_path: str, value: object, reason: str) -> None:
        self.model = model
        self.field_path = field_path
        self.value = value
        self.reason = reason
        where = f"{model}.{field_path}" if field_path else model
        super().__init__(f"{where}: {reason} (got {excerpt(value)})")

    def inside(self, model: str, field: str) -> "ResponseFieldError":
        """The same error seen from the model that holds this one in its ``field``."""
        path = f"{field}.{self.field_path}" if self.field_path else field
        return ResponseFieldError(model, path, self.value, self.reason)


def field_error(model: str, field: str, body: Any, error: Exception) -> ResponseFieldError:
    """Turn what went wrong while parsing ``field`` of ``model`` into a ResponseFieldError."""
    if isinstance(error, ResponseFieldError):
        return error.inside(model, field)
    if not isinstance(body, dict):
        return ResponseFieldError(model, "", body, "expected a JSON object")
    if isinstance(error, KeyError) and field not in body:
        return ResponseFieldError(model, field, None, "required field is missing")
    return ResponseFieldError(model, field, body.get(field), str(error) or type(error).__name__)


def wrong_type(expected: str, value: object) -> TypeError:
    return TypeError(f"expected {expected}, not {type(value).__name__}")


def parse_datetime(value: object) -> datetime.datetime:
    """Read an RFC 3339 date-time; a value without an offset is refused, not guessed at."""
    if not isinstance(value, str):
        raise wrong_type("an RFC 3339 date-time string", value)
    if not _RFC3339.match(value):
        raise ValueError("expected an RFC 3339 date-time with an offset, like 2026-01-31T09:00:00Z")
    if "t" in value or "z" in value or " " in value:
        value = value.upper().replace(" ", "T")  # RFC 3339 allows them; fromisoformat does not
    return datetime.datetime.fromisoformat(value)


def format_datetime(value: datetime.datetime) -> str:
    """Write an aware datetime as RFC 3339; a naive one is refused (its time zone is unknown)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"naive datetime {value.isoformat()} has no time zone; "
            "attach one (for example tzinfo=datetime.UTC) before sending it"
        )
    return value.isoformat()


def excerpt(value: object) -> str:
    """``repr(value)``, cut to a length that fits in a one-line message."""
    text = repr(value)
    if len(text) > MAX_VALUE_EXCERPT:
        text = text[: MAX_VALUE_EXCERPT - 1] + "…"
    return text
