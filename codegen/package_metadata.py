"""``<package>/_metadata.py``: which schema and generator produced the package.

The pipeline writes it on every generation; the package reads it at runtime (``__version__``,
``API_VERSION``, ``SCHEMA_SHA256``), and versioning, the distribution checks and vendoring read
it back here, as text, without importing the package.
"""

import ast
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import PipelineError

METADATA_MODULE = "_metadata.py"


@dataclass(frozen=True)
class PackageMetadata:
    """The constants of ``_metadata.py``; the field names are the constants' lower-cased names."""

    package_version: str
    api_version: str
    schema_source: str
    schema_sha256: str
    generator: str


def write_package_metadata(package_dir: Path, metadata: PackageMetadata) -> None:
    """Write ``package_dir/_metadata.py`` with one constant per field of ``metadata``."""
    lines = [
        '"""Provenance of this package: the schema and generator that produced it."""',
        "",
        *(
            f"{field.name.upper()} = {getattr(metadata, field.name)!r}"
            for field in fields(metadata)
        ),
        "",
    ]
    (package_dir / METADATA_MODULE).write_text("\n".join(lines), encoding="utf-8")


def read_package_metadata(package_dir: Path) -> PackageMetadata | None:
    """The metadata of the generated package in ``package_dir``; None when there is none yet."""
    path = package_dir / METADATA_MODULE
    if not path.is_file():
        return None
    return parse_package_metadata(path.read_text(encoding="utf-8"), str(path))


def parse_package_metadata(source: str, shown_as: str) -> PackageMetadata:
    """Read the constants out of the text of a ``_metadata.py``.

    Raises PipelineError naming ``shown_as`` when a constant is missing or is not a string.
    """
    constants = {}
    for node in ast.parse(source, filename=shown_as).body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            constants[node.targets[0].id.lower()] = node.value.value

    missing = [
        field.name.upper() for field in fields(PackageMetadata) if field.name not in constants
    ]
    if missing:
        raise PipelineError(
            f"{shown_as}: no text constant {', '.join(missing)}; regenerate the package with "
            "`python3 noxfile.py -s generate`."
        )
    return PackageMetadata(
        **{field.name: constants[field.name] for field in fields(PackageMetadata)}
    )
