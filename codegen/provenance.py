"""Where the pinned schema came from: ``openapi/provenance.json``, kept next to the schema.

The record lets anyone check that the pinned bytes are the ones downloaded (``sha256``,
``size``), from where and when, and lets the next fetch ask the server whether anything
changed (``etag``).
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .atomic import write_bytes_atomically
from .errors import PipelineError

_REQUIRED_TEXT = ("source_url", "sha256", "fetched_at")
_OPTIONAL_TEXT = ("etag", "last_modified", "media_type")


@dataclass(frozen=True)
class Provenance:
    """What was downloaded, from where, and when.

    ``fetched_at`` is UTC in ISO 8601 with seconds, e.g. ``2025-01-31T09:30:00Z``; ``etag``,
    ``last_modified`` and ``media_type`` are the server's headers, None when it sent none.
    """

    source_url: str
    sha256: str
    size: int
    etag: str | None
    last_modified: str | None
    fetched_at: str
    media_type: str | None


def sha256_hex(content: bytes) -> str:
    """The SHA-256 digest of ``content`` as 64 lowercase hex digits."""
    return hashlib.sha256(content).hexdigest()


def utc_timestamp(moment: datetime | None = None) -> str:
    """``moment`` (default: now) as a ``fetched_at`` value: UTC, seconds, ``Z`` suffix."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_provenance(path: Path) -> Provenance | None:
    """Read the record at ``path``; None when there is none yet.

    Raises PipelineError naming the file when it is not a well-formed record.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise _malformed(path, f"cannot be read ({error})") from None

    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise _malformed(path, f"is not JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(record, dict):
        raise _malformed(path, "is not a JSON object")

    _check_field_types(path, record)
    # Keys this version does not know are left out rather than rejected, so an older checkout
    # can still read a record written by a newer pipeline.
    return Provenance(
        source_url=record["source_url"],
        sha256=record["sha256"],
        size=record["size"],
        etag=record.get("etag"),
        last_modified=record.get("last_modified"),
        fetched_at=record["fetched_at"],
        media_type=record.get("media_type"),
    )


def write_provenance(path: Path, provenance: Provenance) -> None:
    """Replace the record at ``path`` atomically with ``provenance``."""
    write_bytes_atomically(path, provenance_json(provenance))


def provenance_json(provenance: Provenance) -> bytes:
    """The record as written to disk: sorted keys, indented, ending in a newline.

    A stable layout keeps the diff of a schema update down to the values that changed.
    """
    text = json.dumps(asdict(provenance), indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _check_field_types(path: Path, record: dict[str, Any]) -> None:
    for name in _REQUIRED_TEXT:
        if not isinstance(record.get(name), str):
            raise _malformed(path, f"has no text field '{name}'")

    size = record.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise _malformed(path, f"field 'size' is {size!r}, not a byte count")

    for name in _OPTIONAL_TEXT:
        if not isinstance(record.get(name), str | None):
            raise _malformed(path, f"field '{name}' is {record[name]!r}, not text or null")


def _malformed(path: Path, cause: str) -> PipelineError:
    return PipelineError(
        f"{path}: {cause}; restore it from version control or delete it and fetch again."
    )
