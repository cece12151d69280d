"""The package version: bumped by kind in pyproject.toml, and once per schema change."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from codegen.errors import PipelineError
from codegen.settings import load_settings
from codegen.versioning import bump_version, bumped

Repository = Callable[..., Path]


@pytest.fixture
def repository(make_repository: Repository) -> Path:
    """A copy of the repository's pipeline inputs whose package version is 0.1.0."""
    root = make_repository()
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text()
    pyproject.write_text(re.sub(r'(?m)^version = ".*"$', 'version = "0.1.0"', text, count=1))
    return root


@pytest.mark.parametrize(
    ("version", "kind", "expected"),
    [
        ("0.1.0", "patch", "0.1.1"),
        ("0.1.7", "minor", "0.2.0"),
        ("1.4.2", "major", "2.0.0"),
        ("0.9.10", "minor", "0.10.0"),
    ],
)
def test_bump_increments_one_part_and_resets_the_lower_ones(
    version: str, kind: str, expected: str
) -> None:
    assert bumped(version, kind) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("version", ["1.2", "1.2.3rc1", "v1.2.3", "01.2.3", "1.2.3.4"])
def test_version_that_is_not_plain_semver_is_refused_naming_it(version: str) -> None:
    with pytest.raises(PipelineError, match=f"package version '{version}' is not MAJOR.MINOR"):
        bumped(version, "patch")


def test_bump_rewrites_only_the_version_in_pyproject(repository: Path) -> None:
    before = (repository / "pyproject.toml").read_text()

    assert bump_version(load_settings(repository), "minor") == "0.2.0"

    after = (repository / "pyproject.toml").read_text()
    assert after == before.replace('version = "0.1.0"', 'version = "0.2.0"', 1)
    assert load_settings(repository).package_version == "0.2.0"


def test_no_bump_kind_leaves_pyproject_untouched(repository: Path) -> None:
    before = (repository / "pyproject.toml").read_bytes()

    assert bump_version(load_settings(repository), None) == "0.1.0"

    assert (repository / "pyproject.toml").read_bytes() == before
