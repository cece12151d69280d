"""The package version: ``[project].version`` in pyproject.toml, semver, bumped, never typed.

    major   a change that can break a caller (an operation, model or field removed or retyped)
    minor   an addition (a new operation, model or optional field)
    patch   anything else (the generator, templates or runtime overlays changed)

``bump_version`` is the one way the version changes. ``generate --bump-version`` (which
``update`` runs) bumps by the kind the public-surface comparison implies (``codegen.changes``).
"""

import logging
import re
from typing import Literal

import tomlkit

from .atomic import write_bytes_atomically
from .errors import PipelineError
from .settings import Settings

logger = logging.getLogger("codegen.versioning")

BumpKind = Literal["major", "minor", "patch"]
BUMP_KINDS: tuple[BumpKind, ...] = ("major", "minor", "patch")

_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


def bumped(version: str, kind: BumpKind) -> str:
    """``version`` (``MAJOR.MINOR.PATCH``) after a ``kind`` bump; lower parts reset to 0.

    Raises PipelineError when ``version`` is not plain ``MAJOR.MINOR.PATCH``.
    """
    match = _SEMVER.fullmatch(version)
    if match is None:
        raise PipelineError(
            f"package version {version!r} is not MAJOR.MINOR.PATCH; set [project].version "
            "in pyproject.toml to one, e.g. '1.4.0'."
        )
    major, minor, patch = (int(part) for part in match.groups())

    if kind == "major":
        return f"{major + 1}.0.0"
    if kind == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def bump_version(settings: Settings, kind: BumpKind | None) -> str:
    """Bump ``[project].version`` in pyproject.toml by ``kind``; return the version now in force.

    ``kind`` None changes nothing. The file is rewritten atomically with its comments and
    layout intact; only the version string differs. ``settings`` still holds the old version
    afterwards: load the settings again to see the new one.
    """
    if kind is None:
        return settings.package_version

    pyproject_path = settings.root / "pyproject.toml"
    pyproject = tomlkit.parse(pyproject_path.read_text(encoding="utf-8"))
    project = pyproject.get("project")
    if not isinstance(project, dict) or "version" not in project:
        raise PipelineError(f"{pyproject_path}: [project] has no 'version'; add one.")

    previous = str(project["version"])
    new_version = bumped(previous, kind)
    project["version"] = new_version
    write_bytes_atomically(pyproject_path, tomlkit.dumps(pyproject).encode("utf-8"))

    logger.info("version %s -> %s (%s bump) in %s", previous, new_version, kind, pyproject_path)
    return new_version
