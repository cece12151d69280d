"""The vendor step: copy the built package into another project's source tree.

    wheel -> package files under the new import name -> LICENSE + VENDORED.json -> destination

The package imports itself only relatively (checked at generation), so it works unchanged
under any name: ``myapp._vendor.onet``. What was copied, from which schema and when is
recorded in ``VENDORED.json`` beside the code; the licence travels with it as ``LICENSE``.
Re-vendoring replaces the previous copy in one rename.
"""

import json
import keyword
import logging
import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

from .atomic import replace_directory
from .checks import absolute_self_imports
from .errors import PipelineError
from .package_metadata import METADATA_MODULE, parse_package_metadata
from .provenance import sha256_hex
from .settings import Settings

logger = logging.getLogger("codegen.vendor")

STAMP_FILE = "VENDORED.json"
LICENSE_FILE = "LICENSE"
VENDOR_PACKAGE_DOCSTRING = '"""Third-party packages copied into this project."""\n'


def vendor_package(
    settings: Settings,
    wheel: Path,
    destination: Path,
    import_name: str | None = None,
    today: date | None = None,
) -> Path:
    """Copy the package in ``wheel`` under ``destination`` as ``import_name``; return its folder.

    ``destination`` is the directory the importing project puts on ``sys.path`` (its source
    root); ``import_name`` is dotted (default: the package's own name), and parent folders
    it names that do not exist yet are created as packages. An earlier vendored copy is
    replaced; any other folder in the way is left alone. Raises PipelineError when the name is
    not a Python import name, the target is not an earlier copy, or the wheel lacks the
    package or its licence.
    """
    import_name = import_name or settings.package_name
    _check_import_name(import_name)
    target = destination.joinpath(*import_name.split("."))
    if target.exists() and not (target / STAMP_FILE).is_file():
        raise PipelineError(
            f"{target} exists and is not a vendored copy of {settings.package_name} (it has no "
            f"{STAMP_FILE}); vendoring replaces the folder whole, so choose another --package "
            "name or move that folder away."
        )

    with zipfile.ZipFile(wheel) as archive:
        package_files = _package_files(settings, wheel, archive)
        licence = _licence(settings, wheel, archive)

    _create_parent_packages(destination, target.parent)
    with tempfile.TemporaryDirectory(prefix=f".{target.name}-", dir=target.parent) as scratch:
        copy = Path(scratch) / target.name
        for relative, content in package_files.items():
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            (copy / relative).write_bytes(content)
        _check_relative_imports(settings, copy)

        (copy / LICENSE_FILE).write_bytes(licence)
        stamp = _stamp(settings, package_files[METADATA_MODULE], wheel, import_name, today)
        (copy / STAMP_FILE).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")

        replace_directory(target, copy)

    logger.info(
        "vendored %s %s as %s: %d files -> %s",
        settings.package_name,
        stamp["version"],
        import_name,
        len(package_files),
        target,
    )
    return target


def _check_import_name(import_name: str) -> None:
    for part in import_name.split("."):
        if not part.isidentifier() or keyword.iskeyword(part):
            raise PipelineError(
                f"--package {import_name!r}: {part!r} cannot be a module name (not an identifier, "
                "or a keyword); give a dotted import name such as myapp._vendor.onet."
            )


def _package_files(settings: Settings, wheel: Path, archive: zipfile.ZipFile) -> dict[str, bytes]:
    """The package's files in ``archive``, keyed by their path inside the package."""
    prefix = f"{settings.package_name}/"
    files = {
        name.removeprefix(prefix): archive.read(name)
        for name in archive.namelist()
        if name.startswith(prefix) and not name.endswith("/")
    }
    if METADATA_MODULE not in files:
        raise PipelineError(
            f"{wheel}: has no {prefix}{METADATA_MODULE}; is it this package's wheel?"
        )
    return files


def _licence(settings: Settings, wheel: Path, archive: zipfile.ZipFile) -> bytes:
    name = f"{settings.package_name}-{settings.package_version}.dist-info/licenses/{LICENSE_FILE}"
    try:
        return archive.read(name)
    except KeyError:
        raise PipelineError(
            f"{wheel}: has no {name}; build it with `python3 noxfile.py -s build`."
        ) from None


def _create_parent_packages(destination: Path, parent: Path) -> None:
    """Create the folders between ``destination`` and ``parent`` that are missing, as packages."""
    destination.mkdir(parents=True, exist_ok=True)
    for folder in reversed([parent, *parent.parents]):
        if destination in folder.parents and not folder.exists():
            folder.mkdir()
            (folder / "__init__.py").write_text(VENDOR_PACKAGE_DOCSTRING, encoding="utf-8")


def _check_relative_imports(settings: Settings, copy: Path) -> None:
    offenders = list(absolute_self_imports(copy, settings.package_name))
    if offenders:
        raise PipelineError(
            f"{offenders[0]} imports {settings.package_name} by name, so the copy would not "
            "work under another name; regenerate the package and build again."
        )


def _stamp(
    settings: Settings, metadata_source: bytes, wheel: Path, import_name: str, today: date | None
) -> dict[str, str]:
    """What ``VENDORED.json`` records: the copy's origin, from the wheel's ``_metadata.py``."""
    metadata = parse_package_metadata(
        metadata_source.decode("utf-8"), f"{wheel.name}!{settings.package_name}/{METADATA_MODULE}"
    )
    return {
        "distribution": settings.package_name,
        "version": metadata.package_version,
        "import_name": import_name,
        "api_version": metadata.api_version,
        "schema_source": metadata.schema_source,
        "schema_sha256": metadata.schema_sha256,
        "generator": metadata.generator,
        "vendored_on": (today or datetime.now(UTC).date()).isoformat(),
        "wheel": wheel.name,
        "wheel_sha256": sha256_hex(wheel.read_bytes()),
    }
