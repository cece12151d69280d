"""The built distributions under ``dist/``: find them and check what they contain.

The wheel holds the package and its ``.dist-info`` (with the licence) and nothing else: no
tests, no ``openapi/``, no overlay sources, no caches. It carries ``py.typed``, and its
``_metadata.py`` records the API version and schema sha256 of the pinned schema and the same
version as the wheel. The sdist holds what building that wheel needs.
"""

import logging
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NoReturn

from .errors import PipelineError
from .package_metadata import METADATA_MODULE, PackageMetadata, parse_package_metadata
from .provenance import sha256_hex
from .schema_document import load_pinned_schema
from .settings import Settings

logger = logging.getLogger("codegen.distribution")

# Besides the generated package, the only files an sdist may hold. PKG-INFO is written by the
# builder; hatchling always adds .gitignore, which it reads to know what to leave out.
SDIST_TOP_LEVEL_FILES = frozenset(
    {".gitignore", "LICENSE", "PKG-INFO", "README.md", "pyproject.toml"}
)


@dataclass(frozen=True)
class Distributions:
    """The wheel and sdist of one version of the package."""

    wheel: Path
    sdist: Path

    @property
    def files(self) -> tuple[Path, Path]:
        return (self.wheel, self.sdist)


def find_distributions(settings: Settings, dist_dir: Path) -> Distributions:
    """The wheel and sdist of the version in pyproject.toml inside ``dist_dir``.

    Raises PipelineError naming the missing file when either was not built.
    """
    stem = f"{settings.package_name}-{settings.package_version}"
    wheel = dist_dir / f"{stem}-py3-none-any.whl"
    sdist = dist_dir / f"{stem}.tar.gz"
    for path in (wheel, sdist):
        if not path.is_file():
            raise PipelineError(
                f"{path}: not built; run `python3 noxfile.py -s build` first (it builds "
                f"version {settings.package_version}, the one in pyproject.toml)."
            )
    return Distributions(wheel=wheel, sdist=sdist)


def check_distributions(settings: Settings, distributions: Distributions) -> PackageMetadata:
    """Check both files' contents; return the package metadata recorded in the wheel.

    Raises PipelineError naming the file and the first problem found.
    """
    metadata = check_wheel(settings, distributions.wheel)
    check_sdist(settings, distributions.sdist)

    logger.info(
        "checked %s (%d bytes) and %s (%d bytes): API %s, schema sha256 %s",
        distributions.wheel.name,
        distributions.wheel.stat().st_size,
        distributions.sdist.name,
        distributions.sdist.stat().st_size,
        metadata.api_version,
        metadata.schema_sha256[:12],
    )
    return metadata


def check_wheel(settings: Settings, wheel: Path) -> PackageMetadata:
    """Check the wheel's file list and its recorded provenance; return that provenance."""
    package = settings.package_name
    dist_info = f"{package}-{settings.package_version}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata_source = _read_member(archive, wheel, f"{package}/{METADATA_MODULE}")

    for name in names:
        top_level = PurePosixPath(name).parts[0]
        if top_level not in (package, dist_info):
            _refuse(wheel, f"holds {name}, outside the package; only {package}/ belongs in it")
        if "__pycache__" in name or name.endswith(".pyc"):
            _refuse(wheel, f"holds the cache file {name}; build from a clean checkout")
    for required in (f"{package}/py.typed", f"{dist_info}/licenses/LICENSE"):
        if required not in names:
            _refuse(wheel, f"has no {required}")

    metadata = parse_package_metadata(metadata_source, f"{wheel.name}!{package}/_metadata.py")
    _check_provenance(settings, wheel, metadata)
    return metadata


def check_sdist(settings: Settings, sdist: Path) -> None:
    """Check that the sdist holds the generated package and the project files, nothing else."""
    root = f"{settings.package_name}-{settings.package_version}"
    package_path = settings.shown(settings.package_dir)
    with tarfile.open(sdist) as archive:
        names = [member.name for member in archive.getmembers() if member.isfile()]

    for name in names:
        relative = PurePosixPath(name).relative_to(root).as_posix()
        if relative not in SDIST_TOP_LEVEL_FILES and not relative.startswith(f"{package_path}/"):
            _refuse(sdist, f"holds {name}; only {package_path}/ and the project files belong")
    if f"{root}/{package_path}/py.typed" not in names:
        _refuse(sdist, f"has no {package_path}/py.typed")


def _check_provenance(settings: Settings, wheel: Path, metadata: PackageMetadata) -> None:
    """The wheel must be generated from the pinned schema, at the version it is named for."""
    raw_schema, document = load_pinned_schema(settings.pinned_schema)
    expected = {
        "package_version": settings.package_version,
        "schema_sha256": sha256_hex(raw_schema),
        "api_version": str(document.get("info", {}).get("version", "")),
    }
    for field, value in expected.items():
        recorded = getattr(metadata, field)
        if recorded != value:
            _refuse(
                wheel,
                f"records {field.upper()} {recorded!r} but the repository has {value!r}; "
                "the package is stale: run `python3 noxfile.py -s generate` and build again",
            )


def _read_member(archive: zipfile.ZipFile, wheel: Path, name: str) -> str:
    try:
        return archive.read(name).decode("utf-8")
    except KeyError:
        _refuse(wheel, f"has no {name}")


def _refuse(distribution: Path, problem: str) -> NoReturn:
    raise PipelineError(f"{distribution}: {problem}.")
