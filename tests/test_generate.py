"""The generate step: what it produces, what it refuses, and that failures change nothing."""

import ast
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from codegen.drift import tree_differences
from tests.conftest import REPOSITORY, one_line_error, run_pipeline

Repository = Callable[..., Path]


def test_generate_reports_source_checksum_counts_and_time(make_repository: Repository) -> None:
    root = make_repository()

    completed = run_pipeline(root, "generate")

    assert completed.returncode == 0, completed.stderr
    report = completed.stderr.strip().splitlines()[-1]
    assert "from https://api.onetsolutions.net/schema (sha256 eb7d18e3f129)" in report
    assert "1 operations, 5 models in" in report
    assert (root / "generated" / "onetsolutions" / "api" / "compute").is_dir()


def test_package_records_api_version_apart_from_its_own_version(
    make_repository: Repository,
) -> None:
    root = make_repository()

    assert run_pipeline(root, "generate").returncode == 0

    metadata = (root / "generated" / "onetsolutions" / "_metadata.py").read_text()
    constants = {
        node.targets[0].id: ast.literal_eval(node.value)  # type: ignore[attr-defined]
        for node in ast.parse(metadata).body
        if isinstance(node, ast.Assign)
    }
    assert constants["API_VERSION"] == "v1 (v1)"
    assert constants["PACKAGE_VERSION"] == "0.1.0"
    assert constants["GENERATOR"] == "openapi-python-client 0.29.1"
    assert len(constants["SCHEMA_SHA256"]) == 64


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        pytest.param(
            "operation_id_clash.yaml",
            "getTask and get_task -> api/compute/get_task.py",
            id="operation-ids-that-collide-after-renaming",
        ),
        pytest.param(
            "property_name_clash.yaml",
            "sizeGb, size_gb all become 'size_gb'",
            id="properties-that-collide-after-renaming",
        ),
        pytest.param(
            "property_name_clash.yaml",
            "'d' becomes 'd', a name the generated model uses itself",
            id="property-named-like-a-template-local",
        ),
        pytest.param(
            "unparseable_operation.yaml",
            "the generator wrote no function for 1 operation(s): GET /v1/snapshots",
            id="operation-the-generator-skipped",
        ),
    ],
)
def test_schema_the_generator_would_mangle_is_refused_by_name(
    make_repository: Repository, schema: str, expected: str
) -> None:
    root = make_repository(schema)

    completed = run_pipeline(root, "generate")

    assert completed.returncode == 1
    assert expected in one_line_error(completed.stderr)
    assert not (root / "generated" / "onetsolutions").exists()


@pytest.mark.parametrize(
    ("runtime_module", "expected"),
    [
        pytest.param(
            "import onetsolutions_missing\n\nVERSION = onetsolutions_missing.VERSION\n",
            "onetsolutions.broken: ModuleNotFoundError: No module named 'onetsolutions_missing'",
            id="module-that-does-not-import",
        ),
        pytest.param(
            "def call() -> object:\n    return Unset\n",
            "F821",
            id="undefined-name",
        ),
    ],
)
def test_broken_module_stops_generation_and_keeps_the_previous_package(
    make_repository: Repository, runtime_module: str, expected: str
) -> None:
    root = make_repository()
    assert run_pipeline(root, "generate").returncode == 0
    previous = root.parent / "previous"
    shutil.copytree(root / "generated", previous)

    (root / "overlays" / "runtime" / "broken.py").write_text(runtime_module)
    completed = run_pipeline(root, "generate")

    assert completed.returncode == 1
    assert expected in one_line_error(completed.stderr)
    assert tree_differences(previous, root / "generated") == []


def test_pipeline_leaves_no_scratch_directories(make_repository: Repository) -> None:
    root = make_repository()

    assert run_pipeline(root, "generate").returncode == 0
    assert run_pipeline(root, "generate").returncode == 0

    assert sorted(path.name for path in (root / "generated").iterdir()) == [
        "onetsolutions",
        "surface.json",
    ]


def test_repository_copy_helper_does_not_touch_this_checkout(make_repository: Repository) -> None:
    root = make_repository()

    assert root != REPOSITORY
    assert (root / "openapi" / "onetsolutions.yaml").read_bytes() == (
        REPOSITORY / "openapi" / "onetsolutions.yaml"
    ).read_bytes()


def test_output_folder_holding_something_else_is_not_replaced(
    make_repository: Repository, tmp_path: Path
) -> None:
    root = make_repository()
    foreign = tmp_path / "elsewhere" / "onetsolutions"
    foreign.mkdir(parents=True)
    (foreign / "NOTES.txt").write_text("mine")

    completed = run_pipeline(root, "generate", "--output", str(foreign.parent))

    assert completed.returncode == 1
    assert "is not a package this pipeline generated" in one_line_error(completed.stderr)
    assert (foreign / "NOTES.txt").read_text() == "mine"


def test_runtime_overlay_with_a_syntax_error_is_named(make_repository: Repository) -> None:
    root = make_repository()
    (root / "overlays" / "runtime" / "broken_syntax.py").write_text("def f(:\n    pass\n")

    completed = run_pipeline(root, "generate")

    assert completed.returncode == 1
    assert "broken_syntax.py:1" in one_line_error(completed.stderr)


def test_a_timeout_that_is_not_a_positive_number_is_refused(make_repository: Repository) -> None:
    completed = run_pipeline(make_repository(), "fetch", "--timeout", "-1")

    assert completed.returncode == 2
    assert "give a number of seconds above zero" in completed.stderr
