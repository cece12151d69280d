"""Schema overlays in the generate step: what it reports, and that a bad overlay changes nothing."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from codegen.drift import tree_differences
from tests.conftest import FIXTURES, run_pipeline
from tests.test_generate import one_line_error

Repository = Callable[..., Path]
OVERLAYS = FIXTURES / "overlays"


def add_overlay(root: Path, fixture: Path, name: str | None = None) -> None:
    """Put the overlay fixture into the repository's overlays/schema, as ``name``."""
    directory = root / "overlays" / "schema"
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fixture, directory / (name or fixture.name))


def overlay_log_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("codegen.overlays: ")]


@pytest.mark.slow
def test_generate_applies_overlays_in_order_and_reports_each_ones_count(
    make_repository: Repository,
) -> None:
    root = make_repository()
    shutil.rmtree(root / "overlays" / "schema")  # only the two below, not the repository's own
    add_overlay(root, OVERLAYS / "ordered" / "20-describe-cancel-reason.yaml")
    add_overlay(root, OVERLAYS / "ordered" / "10-add-cancel-reason.yaml")

    completed = run_pipeline(root, "generate")

    assert completed.returncode == 0, completed.stderr
    assert overlay_log_lines(completed.stderr) == [
        "codegen.overlays: overlay 10-add-cancel-reason.yaml: 1 action applied",
        "codegen.overlays: overlay 20-describe-cancel-reason.yaml: 1 action applied, "
        "1 changing nothing",
        "codegen.overlays: overlays/schema/20-describe-cancel-reason.yaml: action 2 (line 10, "
        "target $.components.schemas.InstanceTask.properties.cancel_reason) changes nothing: "
        "the schema already has this fix; remove the action",
    ]
    model = (root / "generated" / "onetsolutions" / "models" / "instance_task.py").read_text()
    assert "cancel_reason (None | str | Unset): Why the task was cancelled." in model


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        pytest.param(
            OVERLAYS / "stale_target.yaml",
            "error: overlays/schema/stale_target.yaml: action 3 (line 14) targets "
            "$.components.schemas.Foo, which matches nothing; the schema changed: update or "
            "remove the action.",
            id="target-that-matches-nothing",
        ),
        pytest.param(
            OVERLAYS / "malformed" / "bad_indentation.yaml",
            "error: overlays/schema/bad_indentation.yaml: invalid YAML at line 8, column 13: "
            "mapping values are not allowed in this context.",
            id="invalid-yaml",
        ),
    ],
)
def test_failing_overlay_stops_generate_and_leaves_generated_byte_identical(
    make_repository: Repository, fixture: Path, expected: str
) -> None:
    root = make_repository()
    assert run_pipeline(root, "generate").returncode == 0
    previous = root.parent / "previous"
    shutil.copytree(root / "generated", previous)

    add_overlay(root, fixture)
    completed = run_pipeline(root, "generate")

    assert completed.returncode == 1
    assert one_line_error(completed.stderr) == expected
    assert tree_differences(previous, root / "generated") == []
