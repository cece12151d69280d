"""The built wheel and sdist: what they must hold, and the checks that refuse anything else."""

import io
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from codegen.distribution import check_distributions, check_sdist, check_wheel, find_distributions
from codegen.errors import PipelineError
from codegen.provenance import sha256_hex
from codegen.settings import load_settings
from tests.conftest import REPOSITORY

SETTINGS = load_settings(REPOSITORY)
VERSION = SETTINGS.package_version
DIST_INFO = f"onetsolutions-{VERSION}.dist-info"
pytestmark = pytest.mark.distribution


def rewritten_wheel(
    wheel: Path, target_dir: Path, add: dict[str, bytes], drop: frozenset[str] = frozenset()
) -> Path:
    """A copy of ``wheel`` in ``target_dir`` with files added (or replaced) and dropped."""
    target = target_dir / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(target, "w") as copy:
        for name in source.namelist():
            if name not in drop and name not in add:
                copy.writestr(name, source.read(name))
        for name, content in add.items():
            copy.writestr(name, content)
    return target


def test_built_wheel_and_sdist_pass_the_checks(built_distributions: Path) -> None:
    metadata = check_distributions(SETTINGS, find_distributions(SETTINGS, built_distributions))

    assert metadata.api_version == "v1 (v1)"
    assert metadata.schema_sha256 == sha256_hex(SETTINGS.pinned_schema.read_bytes())
    assert metadata.package_version == VERSION


def test_built_wheel_holds_the_package_its_types_and_licence_only(
    built_distributions: Path,
) -> None:
    wheel = built_distributions / f"onetsolutions-{VERSION}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()

    assert {name.split("/")[0] for name in names} == {"onetsolutions", DIST_INFO}
    assert "onetsolutions/py.typed" in names
    assert f"{DIST_INFO}/licenses/LICENSE" in names
    assert not [name for name in names if name.split("/")[1] in ("tests", "openapi", "overlays")]


def test_built_files_pass_twine_check(built_distributions: Path) -> None:
    files = sorted(str(path) for path in built_distributions.iterdir())

    completed = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize(
    ("add", "drop", "expected"),
    [
        pytest.param(
            {"tests/test_client.py": b""}, (), "holds tests/test_client.py, outside", id="tests"
        ),
        pytest.param(
            {"openapi/onetsolutions.yaml": b""}, (), "holds openapi/onetsolutions.yaml", id="schema"
        ),
        pytest.param(
            {"overlays/runtime/open_enums.py": b""}, (), "holds overlays/runtime", id="overlays"
        ),
        pytest.param(
            {"onetsolutions/__pycache__/client.cpython-311.pyc": b""},
            (),
            "holds the cache file onetsolutions/__pycache__",
            id="bytecode",
        ),
        pytest.param(
            {}, ("onetsolutions/py.typed",), "has no onetsolutions/py.typed", id="py-typed"
        ),
        pytest.param(
            {},
            (f"{DIST_INFO}/licenses/LICENSE",),
            f"has no {DIST_INFO}/licenses/LICENSE",
            id="licence",
        ),
    ],
)
def test_wheel_with_wrong_files_is_refused_naming_the_file(
    built_distributions: Path,
    tmp_path: Path,
    add: dict[str, bytes],
    drop: tuple[str, ...],
    expected: str,
) -> None:
    wheel = rewritten_wheel(
        built_distributions / f"onetsolutions-{VERSION}-py3-none-any.whl",
        tmp_path,
        add,
        frozenset(drop),
    )

    with pytest.raises(PipelineError, match=re.escape(expected)):
        check_wheel(SETTINGS, wheel)


def test_wheel_of_a_schema_other_than_the_pinned_one_is_refused_as_stale(
    built_distributions: Path, tmp_path: Path
) -> None:
    wheel = built_distributions / f"onetsolutions-{VERSION}-py3-none-any.whl"
    metadata = zipfile.ZipFile(wheel).read("onetsolutions/_metadata.py").decode()
    pinned_sha256 = sha256_hex(SETTINGS.pinned_schema.read_bytes())
    stale = metadata.replace(pinned_sha256, "0" * 64).encode()

    with pytest.raises(PipelineError, match=r"records SCHEMA_SHA256 '0+'.*the package is stale"):
        check_wheel(
            SETTINGS, rewritten_wheel(wheel, tmp_path, {"onetsolutions/_metadata.py": stale})
        )


def test_sdist_with_files_beyond_the_package_is_refused_naming_them(
    built_distributions: Path, tmp_path: Path
) -> None:
    sdist = tmp_path / f"onetsolutions-{VERSION}.tar.gz"
    shutil.copyfile(built_distributions / sdist.name, sdist)
    with (
        tarfile.open(built_distributions / sdist.name) as source,
        tarfile.open(sdist, "w:gz") as copy,
    ):
        for member in source.getmembers():
            copy.addfile(member, source.extractfile(member) if member.isfile() else None)
        extra = tarfile.TarInfo(f"onetsolutions-{VERSION}/overlays/runtime/open_enums.py")
        copy.addfile(extra, io.BytesIO(b""))

    with pytest.raises(PipelineError, match=f"holds onetsolutions-{VERSION}/overlays/runtime"):
        check_sdist(SETTINGS, sdist)


def test_missing_build_says_which_session_builds_it(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match=r"not built; run `python3 noxfile.py -s build`"):
        find_distributions(SETTINGS, tmp_path)
