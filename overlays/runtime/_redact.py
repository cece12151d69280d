"""Masking of secrets in anything the client prints: reprs, error messages and log records.

Secrets are recognised by where they sit (the ``Authorization`` header, a ``token=`` query
parameter, the password of a URL) and by their shape (``sk-onetsolutions-...`` API keys, JWTs,
``Bearer ...``), so a token the server echoes back in a body is masked too.

Limitation: a credential of another shape (an opaque token) quoted in a body without its
``Bearer`` prefix is not recognised; the two documented kinds, API keys and JWTs, are.
"""

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import httpx

MASK = "[REDACTED]"
_MASK_IN_URL = quote(MASK)

# A JWT is base64url JSON, so each of its parts starts with "eyJ" ('{"'); the header part alone
# is enough to recognise one, which also catches a token cut short by an excerpt.
_SECRET_SHAPES = re.compile(
    r"sk-onetsolutions-[A-Za-z0-9_\-]*"
    r"|eyJ[A-Za-z0-9_\-]{4,}(?:\.[A-Za-z0-9_\-]*){0,2}"
    r"|(?<=[Bb]earer )[^\s\"',;]+"
)

SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
)
_SECRET_QUERY_NAME = re.compile(r"token|key|secret|password|signature|auth", re.IGNORECASE)

# Redacting is linear in the text; an excerpt never needs more than this much of a body.
_EXCERPT_SCAN_LIMIT = 8192


def redact(text: str) -> str:
    """``text`` with every secret-shaped substring replaced by ``[REDACTED]``."""
    return _SECRET_SHAPES.sub(MASK, text)


def redact_url(url: httpx.URL | str, *, path_only: bool = False) -> str:
    """``url`` without its password and with secret-looking query values masked.

    With ``path_only``, just its path and query, as logged for each request.
    """
    parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    if parsed.password:
        parsed = parsed.copy_with(username=parsed.username, password=MASK)
    if parsed.query:
        masked = [
            (name, MASK if _SECRET_QUERY_NAME.search(name) else value)
            for name, value in parsed.params.multi_items()
        ]
        parsed = parsed.copy_with(params=masked)
    shown = parsed.raw_path.decode("ascii") if path_only else str(parsed)
    # The result is for people to read, not to request: show the mask as written.
    return redact(shown.replace(_MASK_IN_URL, MASK))


def redact_headers(headers: httpx.Headers | Iterable[tuple[str, str]] | dict[str, str]) -> str:
    """A printable form of ``headers`` with credentials masked, for reprs."""
    items = headers.items() if isinstance(headers, httpx.Headers | dict) else headers
    shown = {
        name: MASK if name.lower() in SECRET_HEADERS else redact(value) for name, value in items
    }
    return repr(shown)


def excerpt(content: bytes | str, limit: int = 500) -> str:
    """The start of ``content`` as redacted text of at most ``limit`` characters."""
    if isinstance(content, bytes):
        text, unit = content[:_EXCERPT_SCAN_LIMIT].decode("utf-8", errors="replace"), "bytes"
    else:
        text, unit = content[:_EXCERPT_SCAN_LIMIT], "characters"
    text = redact(text)
    if len(text) <= limit and len(content) <= _EXCERPT_SCAN_LIMIT:
        return text
    return f"{text[:limit]}... ({len(content)} {unit} in all)"


def one_line(text: str) -> str:
    """``text`` with every run of whitespace, line breaks included, made one space."""
    return " ".join(text.split())


def redacted_repr(value: Any, limit: int = 200) -> str:
    """``repr(value)``, redacted and cut to ``limit`` characters, for values quoted in errors."""
    return excerpt(repr(value), limit)
