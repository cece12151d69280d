"""The public surface snapshot and the classification of what a new schema changes in it."""

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.changes import Change, Severity, changelog_markdown, compare_surfaces, semver_bump
from codegen.surface import build_surface
from tests.conftest import REPOSITORY, run_pipeline

GENERATOR_CONFIG = REPOSITORY / "openapi" / "generator.yaml"
TASK_PATH = (
    "/v1/organizations/{organization_id}/projects/{project_id}"
    "/compute/instances/{instance_id}/tasks/{id}"
)
TASKS_PATH = (
    "/v1/organizations/{organization_id}/projects/{project_id}"
    "/compute/instances/{instance_id}/tasks/"
)

Edit = Callable[[dict[str, Any]], None]


def base_schema() -> dict[str, Any]:
    """The pinned schema plus a create operation, so requests have a model too."""
    document: dict[str, Any] = yaml.safe_load(
        (REPOSITORY / "openapi" / "onetsolutions.yaml").read_text()
    )
    get = document["paths"][TASK_PATH]["get"]
    document["paths"][TASKS_PATH] = {
        "post": {
            "tags": ["Compute"],
            "operationId": "create_nested_instance_task",
            "parameters": [p for p in get["parameters"] if p["name"] != "id"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/TaskRequest"}}
                },
            },
            "responses": {
                "201": {"description": "", "content": get["responses"]["200"]["content"]}
            },
        }
    }
    document["components"]["schemas"]["TaskRequest"] = {
        "type": "object",
        "properties": {"task_type": {"type": "string"}, "note": {"type": "string"}},
        "required": ["task_type"],
    }
    return document


def changes_after(edit: Edit) -> list[Change]:
    old = base_schema()
    new = copy.deepcopy(old)
    edit(new)
    return compare_surfaces(
        build_surface(old, GENERATOR_CONFIG, "onetsolutions"),
        build_surface(new, GENERATOR_CONFIG, "onetsolutions"),
        schema_changed=old != new,
    )


def task_schema(document: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = document["components"]["schemas"]["InstanceTask"]
    return schema


def get_task(document: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"][TASK_PATH]["get"]
    return operation


def add_query_parameter(required: bool) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        get_task(document)["parameters"].append(
            {"in": "query", "name": "expand", "required": required, "schema": {"type": "string"}}
        )

    return edit


def parameter_becomes_required(document: dict[str, Any]) -> None:
    add_query_parameter(required=True)(document)


CASES: list[tuple[str, Edit, Severity, str]] = [
    (
        "operation-removed",
        lambda d: d["paths"].pop(TASK_PATH),
        Severity.BREAKING,
        "onetsolutions.api.compute.get_nested_instance_task",
    ),
    (
        "operation-renamed",
        lambda d: get_task(d).update(operationId="get_task"),
        Severity.BREAKING,
        "onetsolutions.api.compute.get_nested_instance_task",
    ),
    (
        "model-removed",
        lambda d: (
            task_schema(d)["properties"].pop("created_by")
            and d["components"]["schemas"].pop("TaskCreatedBy")
        ),
        Severity.BREAKING,
        "TaskCreatedBy",
    ),
    (
        "field-removed",
        lambda d: task_schema(d)["properties"].pop("max_retries"),
        Severity.BREAKING,
        "InstanceTask.max_retries",
    ),
    (
        "field-type-changed",
        lambda d: task_schema(d)["properties"]["retry_count"].update(type="string"),
        Severity.BREAKING,
        "InstanceTask.retry_count",
    ),
    (
        "response-field-became-nullable",
        lambda d: task_schema(d)["properties"]["created"].update(nullable=True),
        Severity.BREAKING,
        "InstanceTask.created",
    ),
    (
        "request-field-became-required",
        lambda d: d["components"]["schemas"]["TaskRequest"]["required"].append("note"),
        Severity.BREAKING,
        "TaskRequest.note",
    ),
    (
        "enum-value-removed",
        lambda d: task_schema(d)["properties"]["status"]["enum"].remove("cancelled"),
        Severity.BREAKING,
        "InstanceTaskStatus.cancelled",
    ),
    (
        "new-required-parameter",
        add_query_parameter(required=True),
        Severity.BREAKING,
        "onetsolutions.api.compute.get_nested_instance_task(expand)",
    ),
    (
        "new-operation",
        lambda d: d["paths"].__setitem__(
            "/v1/ping",
            {
                "get": {
                    "operationId": "ping",
                    "tags": ["Compute"],
                    "responses": {"200": {"description": ""}},
                }
            },
        ),
        Severity.ADDITIVE,
        "onetsolutions.api.compute.ping",
    ),
    (
        "new-model",
        lambda d: d["components"]["schemas"].__setitem__(
            "Region", {"type": "object", "properties": {"code": {"type": "string"}}}
        ),
        Severity.ADDITIVE,
        "Region",
    ),
    (
        "new-optional-parameter",
        add_query_parameter(required=False),
        Severity.ADDITIVE,
        "onetsolutions.api.compute.get_nested_instance_task(expand)",
    ),
    (
        "new-optional-field",
        lambda d: task_schema(d)["properties"].__setitem__("priority", {"type": "integer"}),
        Severity.ADDITIVE,
        "InstanceTask.priority",
    ),
    (
        "new-enum-value",
        lambda d: task_schema(d)["properties"]["status"]["enum"].append("paused"),
        Severity.ADDITIVE,
        "InstanceTaskStatus.paused",
    ),
    (
        "description-only",
        lambda d: get_task(d).update(description="Reads one task."),
        Severity.COSMETIC,
        "schema",
    ),
]


@pytest.mark.parametrize(
    ("edit", "severity", "subject"),
    [pytest.param(edit, severity, subject, id=case) for case, edit, severity, subject in CASES],
)
def test_each_kind_of_schema_change_is_classified(
    edit: Edit, severity: Severity, subject: str
) -> None:
    changes = changes_after(edit)

    assert changes, "the edit should change something"
    assert changes[0].severity is severity, changes
    assert subject in {change.subject for change in changes if change.severity is severity}
    assert all(change.severity <= severity for change in changes)


def test_unchanged_schema_has_no_changes_and_no_bump() -> None:
    assert changes_after(lambda document: None) == []
    assert semver_bump([]) is None


def test_semver_bump_follows_the_most_severe_change() -> None:
    assert (
        semver_bump(
            changes_after(lambda d: task_schema(d)["properties"]["status"]["enum"].remove("failed"))
        )
        == "major"
    )
    assert semver_bump(changes_after(add_query_parameter(required=False))) == "minor"
    assert (
        semver_bump(changes_after(lambda d: d["info"].update(description="New words."))) == "patch"
    )


def test_changelog_lists_changes_by_severity_with_the_bump() -> None:
    changes = changes_after(
        lambda d: (
            task_schema(d)["properties"]["status"]["enum"].remove("cancelled"),
            task_schema(d)["properties"].__setitem__("priority", {"type": "integer"}),
        )
    )

    changelog = changelog_markdown(changes, old_version="1.4.2", schema_sha256="ab" * 32)

    assert "Version bump implied: **major** (from 1.4.2)." in changelog
    assert "### Breaking (1)\n\n- `InstanceTaskStatus.cancelled`: enum value removed" in changelog
    assert "### Additive (1)\n\n- `InstanceTask.priority`: new field" in changelog


def test_surface_records_operations_parameters_and_fields() -> None:
    surface = build_surface(base_schema(), GENERATOR_CONFIG, "onetsolutions")

    operation = surface["operations"]["onetsolutions.api.compute.get_nested_instance_task"]
    assert (operation["method"], operation["path"]) == ("GET", TASK_PATH)
    assert {"name": "id", "in": "path", "type": "UUID", "required": True} in operation["parameters"]
    assert operation["responses"] == {"200": "InstanceTask"}
    field = surface["models"]["InstanceTask"]["fields"]["started_at"]
    assert field == {
        "json_name": "started_at",
        "type": "datetime.datetime | None",
        "required": True,
        "nullable": True,
    }
    assert surface["models"]["TaskRequest"]["used_in"] == ["request"]
    assert "cancelled" in surface["enums"]["InstanceTaskStatus"]


def test_committed_surface_is_what_the_pipeline_derives(tmp_path: Path) -> None:
    committed = json.loads((REPOSITORY / "generated" / "surface.json").read_text())

    assert committed["operations"], "the snapshot lists the operations"
    assert set(committed) == {"enums", "models", "operations", "schema_sha256"}


def test_update_stops_on_a_breaking_change_and_prints_the_changelog(
    make_repository: Callable[..., Path],
) -> None:
    root = make_repository()
    assert run_pipeline(root, "generate").returncode == 0
    schema_path = root / "openapi" / "onetsolutions.yaml"
    text = schema_path.read_text()
    text = text.replace("            - cancelled\n", "", 1)
    text = text.replace(
        "        retry_count:\n",
        "        priority:\n          type: integer\n        retry_count:\n",
        1,
    )
    schema_path.write_text(text)
    previous_package = (
        root / "generated" / "onetsolutions" / "models" / "instance_task_status.py"
    ).read_bytes()

    stopped = run_pipeline(root, "generate", "--stop-on-breaking")

    assert stopped.returncode == 1
    assert "- `InstanceTaskStatus.cancelled`: enum value removed" in stopped.stdout
    assert "- `InstanceTask.priority`: new field" in stopped.stdout
    assert "Version bump implied: **major**" in stopped.stdout
    assert "accept with --accept-breaking" in stopped.stderr
    assert (
        root / "generated" / "onetsolutions" / "models" / "instance_task_status.py"
    ).read_bytes() == previous_package

    accepted = run_pipeline(root, "generate", "--stop-on-breaking", "--accept-breaking")
    assert accepted.returncode == 0, accepted.stderr
    assert "cancelled" not in (root / "generated" / "surface.json").read_text()


def test_python_api_check_catches_a_break_the_schema_cannot_show(
    make_repository: Callable[..., Path],
) -> None:
    root = make_repository()
    helper = root / "overlays" / "runtime" / "region_tools.py"
    helper.write_text(
        "def region_label(code: str, *, short: bool = False) -> str:\n    return code\n"
    )
    assert run_pipeline(root, "generate").returncode == 0
    helper.write_text("def region_label(code: str) -> str:\n    return code\n")

    stopped = run_pipeline(root, "generate", "--stop-on-breaking")

    assert stopped.returncode == 1
    assert "onetsolutions.region_tools.region_label" in stopped.stdout
    assert "python API" in stopped.stdout
