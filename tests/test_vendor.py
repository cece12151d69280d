"""Vendoring: the built package copied into an application under another import name."""

import datetime
import json
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from codegen.checks import absolute_self_imports, check_imports_are_relative
from codegen.errors import GenerationError, PipelineError
from codegen.provenance import sha256_hex
from codegen.settings import load_settings
from codegen.vendor import vendor_package
from tests.conftest import REPOSITORY, run_pipeline
from tests.instance_task_server import run_downstream_program, serve_task, task_request

SETTINGS = load_settings(REPOSITORY)
APP_INIT = '"""An application that vendors the OnetSolutions client."""\n'


def make_app(root: Path) -> Path:
    """A source root holding the package ``myapp`` and nothing vendored yet."""
    (root / "myapp").mkdir(parents=True)
    (root / "myapp" / "__init__.py").write_text(APP_INIT)
    return root


def built_wheel(dist: Path) -> Path:
    return dist / f"{SETTINGS.package_name}-{SETTINGS.package_version}-py3-none-any.whl"


@pytest.fixture(scope="module")
def vendored_app(tmp_path_factory: pytest.TempPathFactory, built_distributions: Path) -> Path:
    """An application with the client vendored as ``myapp._vendor.onet`` by the vendor step."""
    app = make_app(tmp_path_factory.mktemp("app"))
    completed = run_pipeline(
        REPOSITORY,
        "vendor",
        str(app),
        "--package=myapp._vendor.onet",
        f"--dist={built_distributions}",
    )
    assert completed.returncode == 0, completed.stderr
    return app


@pytest.mark.distribution
def test_vendored_copy_makes_a_call_under_its_new_import_name(
    vendored_app: Path, httpserver: HTTPServer
) -> None:
    serve_task(httpserver)

    report = run_downstream_program(
        Path(sys.executable), task_request(httpserver, "myapp._vendor.onet"), vendored_app
    )

    httpserver.check_assertions()
    assert report["status"] == "running"
    assert Path(report["client_file"]) == vendored_app / "myapp/_vendor/onet/__init__.py"
    assert report["imported_as_onetsolutions"] is False


@pytest.mark.distribution
def test_vendored_copy_carries_its_stamp_and_licence(vendored_app: Path) -> None:
    copy = vendored_app / "myapp" / "_vendor" / "onet"

    stamp = json.loads((copy / "VENDORED.json").read_text())
    assert stamp["distribution"] == "onetsolutions"
    assert stamp["import_name"] == "myapp._vendor.onet"
    assert stamp["version"] == SETTINGS.package_version
    assert stamp["schema_sha256"] == sha256_hex(SETTINGS.pinned_schema.read_bytes())
    assert stamp["generator"] == "openapi-python-client 0.29.1"
    vendored_on = datetime.date.fromisoformat(stamp["vendored_on"])
    assert abs(vendored_on - datetime.datetime.now(datetime.UTC).date()).days <= 1

    licence = (copy / "LICENSE").read_text()
    assert licence.startswith("MIT License") and "OnetSolutions SDK authors" in licence
    assert (copy / "py.typed").is_file()


@pytest.mark.distribution
def test_missing_parent_folders_become_packages_and_existing_ones_are_left_alone(
    vendored_app: Path,
) -> None:
    assert (vendored_app / "myapp" / "__init__.py").read_text() == APP_INIT
    assert (vendored_app / "myapp" / "_vendor" / "__init__.py").is_file()


@pytest.mark.distribution
def test_vendoring_again_replaces_the_previous_copy_whole(
    tmp_path: Path, built_distributions: Path
) -> None:
    app = make_app(tmp_path)
    copy = vendor_package(SETTINGS, built_wheel(built_distributions), app, "myapp.onet")
    (copy / "left_over_from_an_older_schema.py").write_text("")

    again = vendor_package(SETTINGS, built_wheel(built_distributions), app, "myapp.onet")

    assert again == copy
    assert not (copy / "left_over_from_an_older_schema.py").exists()
    assert (copy / "api" / "compute" / "get_nested_instance_task.py").is_file()
    assert sorted(path.name for path in (app / "myapp").iterdir()) == ["__init__.py", "onet"]


@pytest.mark.distribution
def test_folder_that_is_not_a_vendored_copy_is_never_replaced(
    tmp_path: Path, built_distributions: Path
) -> None:
    app = make_app(tmp_path)

    with pytest.raises(PipelineError, match="is not a vendored copy of onetsolutions"):
        vendor_package(SETTINGS, built_wheel(built_distributions), app, "myapp")

    assert (app / "myapp" / "__init__.py").read_text() == APP_INIT
    assert sorted(path.name for path in (app / "myapp").iterdir()) == ["__init__.py"]


@pytest.mark.distribution
@pytest.mark.parametrize("import_name", ["myapp.class", "my-app.onet", "myapp..onet"])
def test_import_name_python_cannot_import_is_refused(
    tmp_path: Path, built_distributions: Path, import_name: str
) -> None:
    with pytest.raises(PipelineError, match="cannot be a module name"):
        vendor_package(SETTINGS, built_wheel(built_distributions), tmp_path, import_name)

    assert list(tmp_path.iterdir()) == []


def test_no_module_of_the_package_imports_it_by_its_absolute_name() -> None:
    assert list(absolute_self_imports(SETTINGS.package_dir, SETTINGS.package_name)) == []


def test_absolute_self_import_is_found_wherever_it_is_written(tmp_path: Path) -> None:
    package = tmp_path / "onetsolutions"
    (package / "models").mkdir(parents=True)
    (package / "__init__.py").write_text("from . import types\nimport onetsolutions_extra\n")
    (package / "types.py").write_text("from .models import Task\nimport onetsolutions.client\n")
    (package / "models" / "__init__.py").write_text(
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n"
        "    from onetsolutions import client\n\n\n"
        "def lazy():\n"
        "    import onetsolutions\n"
    )

    found = list(absolute_self_imports(package, "onetsolutions"))

    assert found == [
        "onetsolutions/models/__init__.py:4 'onetsolutions'",
        "onetsolutions/models/__init__.py:8 'onetsolutions'",
        "onetsolutions/types.py:2 'onetsolutions.client'",
    ]
    with pytest.raises(GenerationError, match=r"models/__init__.py:4 .* \(and 2 more\)"):
        check_imports_are_relative(package)
