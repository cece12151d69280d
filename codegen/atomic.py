"""Writes that never leave a half-written file or tree behind.

Everything the pipeline pins or generates is first written next to its destination and then
renamed over it, so an interrupted or failed step leaves the previous version intact.
"""

import os
import shutil
import tempfile
from pathlib import Path


def write_bytes_atomically(destination: Path, content: bytes) -> None:
    """Replace ``destination`` with ``content`` in one rename; on error the old file stays."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent
    )
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def replace_directory(destination: Path, replacement: Path) -> None:
    """Put the directory ``replacement`` where ``destination`` is, then delete the old tree.

    Both must be on the same filesystem. The old tree is moved aside before the new one is
    renamed into place, so at every moment one complete version exists on disk.
    """
    retired = destination.with_name(f".{destination.name}.old")
    if retired.exists():
        shutil.rmtree(retired)

    if destination.exists():
        os.replace(destination, retired)
    try:
        os.replace(replacement, destination)
    except BaseException:
        if retired.exists():
            os.replace(retired, destination)
        raise

    shutil.rmtree(retired, ignore_errors=True)
