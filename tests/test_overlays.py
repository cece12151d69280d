"""The schema overlay engine: how actions change a schema, and how a bad overlay is refused."""

import copy
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.errors import OverlayError
from codegen.overlay_document import read_overlay
from codegen.overlays import OverlayResult, apply_overlay, apply_overlay_directory
from tests.conftest import FIXTURES

OVERLAYS = FIXTURES / "overlays"
MINIMAL_SCHEMA = yaml.safe_load((FIXTURES / "schemas" / "minimal_drf_spectacular.yaml").read_text())
TASK_PATH = "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{instance_id}/tasks/{id}"  # noqa: E501


def minimal_schema() -> dict[str, Any]:
    return copy.deepcopy(MINIMAL_SCHEMA)


def applied(
    name: str, document: dict[str, Any] | None = None
) -> tuple[dict[str, Any], OverlayResult]:
    """The minimal schema (or ``document``) after the overlay fixture ``name``, and the result."""
    document = minimal_schema() if document is None else document
    overlay = read_overlay(OVERLAYS / name, f"overlays/schema/{Path(name).name}")
    return document, apply_overlay(document, overlay)


def refusal(name: str) -> str:
    with pytest.raises(OverlayError) as caught:
        applied(name)
    return str(caught.value)


def shown(path: Path) -> str:
    """Name files as the pipeline does: relative to the repository."""
    return f"overlays/schema/{path.name}"


def task_schema(document: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = document["components"]["schemas"]["InstanceTask"]
    return schema


def test_update_merges_objects_recursively_and_replaces_primitives() -> None:
    original = task_schema(minimal_schema())

    document, _ = applied("merge_task_fields.yaml")

    task = task_schema(document)
    assert task["description"] == "A task the platform runs on an instance."
    assert task["properties"]["status"]["description"] == "Where the task is in its life."
    assert task["properties"]["status"]["x-spec-enum-id"] == "1b7374f2553d22cc"
    assert task["properties"]["created_by"] == {"type": "string", "nullable": True}
    assert task["properties"]["completed_at"] == original["properties"]["completed_at"]


def test_update_of_an_array_appends_only_the_items_it_lacks() -> None:
    document, result = applied("merge_task_fields.yaml")

    task = task_schema(document)
    assert task["properties"]["status"]["enum"] == [
        "pending",
        "running",
        "completed",
        "failed",
        "cancelled",
        "paused",
    ]
    assert task["required"] == ["completed_at", "id", "instance", "status", "created_by"]
    assert [action.number for action in result.changed] == [1, 2, 3]


def test_applying_an_overlay_a_second_time_changes_nothing() -> None:
    once, _ = applied("merge_task_fields.yaml")
    twice, result = applied("merge_task_fields.yaml", copy.deepcopy(once))

    assert twice == once
    assert result.changed == ()
    assert [action.number for action in result.unchanged] == [1, 2, 3]


def test_remove_takes_nodes_out_of_arrays_and_objects() -> None:
    document, result = applied("remove_path_parameters.yaml")

    parameters = document["paths"][TASK_PATH]["get"]["parameters"]
    assert [parameter["name"] for parameter in parameters] == ["id"]
    assert "securitySchemes" not in document["components"]
    assert len(result.changed) == 2


def test_node_selected_twice_is_changed_once() -> None:
    document, _ = applied("remove_item_selected_twice.yaml")

    assert task_schema(document)["required"] == ["id", "instance", "status"]


def test_filters_select_an_operation_by_id_and_schemas_by_content() -> None:
    document, _ = applied("tag_operation_by_id.yaml")

    assert document["paths"][TASK_PATH]["get"]["x-waits-for-task"] is True
    checked = [
        name for name, schema in document["components"]["schemas"].items() if "x-checked" in schema
    ]
    assert checked == ["InstanceTask", "TaskInstance"]


def test_copy_merges_a_private_copy_of_another_node() -> None:
    document, result = applied("copy_instance_fields.yaml")

    properties = task_schema(document)["properties"]
    assert properties["name"] == {"type": "string"}
    assert properties["id"] == {"type": "string", "format": "uuid", "readOnly": True}
    properties["name"]["description"] = "changed after the copy"
    assert document["components"]["schemas"]["TaskInstance"]["properties"]["name"] == {
        "type": "string"
    }
    assert len(result.changed) == 1


def test_target_that_matches_nothing_is_an_error_naming_file_action_and_target() -> None:
    assert refusal("stale_target.yaml") == (
        "overlays/schema/stale_target.yaml: action 3 (line 14) targets $.components.schemas.Foo, "
        "which matches nothing; the schema changed: update or remove the action."
    )


def test_update_the_schema_already_has_is_reported_as_changing_nothing() -> None:
    document, result = applied("fixes_already_in_schema.yaml")

    assert [action.number for action in result.unchanged] == [1, 3]
    assert [action.number for action in result.changed] == [2]
    assert task_schema(document)["required"] == task_schema(minimal_schema())["required"]


def test_update_of_another_shape_than_its_target_is_refused_naming_the_place() -> None:
    assert refusal("type_of_wrong_shape.yaml") == (
        "overlays/schema/type_of_wrong_shape.yaml: action 1 (line 6) cannot merge an object "
        "into the str 'string' at "
        "$['components']['schemas']['InstanceTask']['properties']['status']['type']; "
        "give the update the shape of its target."
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(
            "bad_indentation.yaml",
            "invalid YAML at line 8, column 13: mapping values are not allowed in this context.",
            id="invalid-yaml",
        ),
        pytest.param("empty.yaml", "is empty; expected an Overlay document.", id="empty-file"),
        pytest.param(
            "list_at_top_level.yaml",
            "line 1: is a list, not an Overlay document (a mapping with overlay, info and "
            "actions).",
            id="list-instead-of-document",
        ),
        pytest.param(
            "without_overlay_version.yaml",
            "line 1: has no 'overlay' field, so it is not an Overlay document; start it with "
            "`overlay: 1.0.0`.",
            id="no-overlay-field",
        ),
        pytest.param(
            "overlay_version_2.yaml",
            "line 1: declares overlay 2.0.0; only Overlay 1.0.x and 1.1.x documents are supported.",
            id="unsupported-version",
        ),
        pytest.param(
            "overlay_version_as_number.yaml",
            "line 1: overlay version is a number, not text such as '1.0.0'; quote it.",
            id="version-read-as-a-number",
        ),
        pytest.param(
            "info_without_version.yaml",
            "line 2: info.version is missing or not text; add it.",
            id="info-without-version",
        ),
        pytest.param(
            "empty_actions.yaml",
            "line 5: has an empty 'actions' list; an Overlay document needs a list of at least "
            "one action.",
            id="no-actions",
        ),
        pytest.param(
            "action_without_description.yaml",
            "action 2 (line 9): has no description; say why the schema needs this fix, so that "
            "it can be dropped once the server's schema has it.",
            id="action-without-description",
        ),
        pytest.param(
            "action_with_update_and_remove.yaml",
            "action 1 (line 6): has both 'update' and 'remove'; split it into one action for each.",
            id="update-and-remove",
        ),
        pytest.param(
            "action_without_update_or_remove.yaml",
            "action 1 (line 6): has neither 'update' nor 'remove: true'; say what the action does.",
            id="neither-update-nor-remove",
        ),
        pytest.param(
            "unterminated_jsonpath.yaml",
            "action 1 (line 6): target $.components.schemas[ is not an RFC 9535 JSONPath: "
            "unexpected end of query.",
            id="invalid-jsonpath",
        ),
        pytest.param(
            "jsonpath_library_extension.yaml",
            "action 1 (line 6): target $.components.schemas.InstanceTask | "
            "$.components.schemas.TaskInstance is not an RFC 9535 JSONPath: unexpected token "
            "'|' at character 35.",
            id="jsonpath-beyond-rfc-9535",
        ),
        pytest.param(
            "misspelt_update.yaml",
            "action 1 (line 6): unknown field 'updte' at line 8; the fields are target, "
            "description, update, remove, copy (and x- extensions).",
            id="misspelt-field",
        ),
        pytest.param(
            "action_lost_its_dash.yaml",
            "line 10: key 'target' appears twice in one mapping; did an action lose its leading "
            "'- '?",
            id="duplicate-key",
        ),
        pytest.param(
            "unquoted_status_code.yaml",
            "action 1 (line 6): 'update' has key 200 at responses, which is a number, not text; "
            "quote it.",
            id="status-code-read-as-a-number",
        ),
        pytest.param(
            "copy_in_overlay_1_0.yaml",
            "action 1 (line 6): 'copy' needs Overlay 1.1; declare `overlay: 1.1.0`.",
            id="copy-in-overlay-1-0",
        ),
    ],
)
def test_malformed_overlay_is_refused_naming_file_line_and_cause(name: str, expected: str) -> None:
    with pytest.raises(OverlayError) as caught:
        read_overlay(OVERLAYS / "malformed" / name, f"overlays/schema/{name}")

    assert str(caught.value) == f"overlays/schema/{name}: {expected}"


def test_files_apply_in_file_name_order_and_each_reports_its_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    document = minimal_schema()

    with caplog.at_level(logging.INFO, logger="codegen.overlays"):
        results = apply_overlay_directory(document, OVERLAYS / "ordered", shown)

    assert [result.overlay.source for result in results] == [
        "overlays/schema/10-add-cancel-reason.yaml",
        "overlays/schema/20-describe-cancel-reason.yaml",
    ]
    assert task_schema(document)["properties"]["cancel_reason"] == {
        "type": "string",
        "nullable": True,
        "description": "Why the task was cancelled.",
    }
    assert [(record.levelname, record.getMessage()) for record in caplog.records] == [
        ("INFO", "overlay 10-add-cancel-reason.yaml: 1 action applied"),
        ("INFO", "overlay 20-describe-cancel-reason.yaml: 1 action applied, 1 changing nothing"),
        (
            "WARNING",
            "overlays/schema/20-describe-cancel-reason.yaml: action 2 (line 10, target "
            "$.components.schemas.InstanceTask.properties.cancel_reason) changes nothing: the "
            "schema already has this fix; remove the action",
        ),
    ]


def test_renaming_overlay_files_changes_the_order_they_apply_in(tmp_path: Path) -> None:
    ordered = OVERLAYS / "ordered"
    shutil.copyfile(ordered / "20-describe-cancel-reason.yaml", tmp_path / "10-describe.yaml")
    shutil.copyfile(ordered / "10-add-cancel-reason.yaml", tmp_path / "20-add.yaml")

    with pytest.raises(OverlayError) as caught:
        apply_overlay_directory(minimal_schema(), tmp_path, shown)

    assert str(caught.value).startswith(
        "overlays/schema/10-describe.yaml: action 1 (line 6) targets "
        "$.components.schemas.InstanceTask.properties.cancel_reason, which matches nothing"
    )


@pytest.mark.parametrize(
    "contents", [None, [], [".gitkeep", "README.md"]], ids=["missing", "empty", "no-overlays"]
)
def test_directory_without_overlay_files_leaves_the_schema_as_it_was(
    tmp_path: Path, contents: list[str] | None
) -> None:
    directory = tmp_path / "schema"
    if contents is not None:
        directory.mkdir()
        for name in contents:
            (directory / name).write_text("not an overlay\n")
    document = minimal_schema()

    assert apply_overlay_directory(document, directory, shown) == []
    assert document == MINIMAL_SCHEMA


def test_every_file_is_checked_before_any_is_applied(tmp_path: Path) -> None:
    shutil.copyfile(OVERLAYS / "merge_task_fields.yaml", tmp_path / "10-merge.yaml")
    shutil.copyfile(OVERLAYS / "malformed" / "misspelt_update.yaml", tmp_path / "20-misspelt.yaml")
    document = minimal_schema()

    with pytest.raises(OverlayError, match=r"20-misspelt\.yaml: action 1 "):
        apply_overlay_directory(document, tmp_path, shown)
    assert document == MINIMAL_SCHEMA


def test_overlay_that_leaves_an_invalid_schema_is_refused(tmp_path: Path) -> None:
    shutil.copyfile(OVERLAYS / "remove_referenced_component.yaml", tmp_path / "10-remove.yaml")

    with pytest.raises(OverlayError) as caught:
        apply_overlay_directory(minimal_schema(), tmp_path, shown)

    assert str(caught.value) == (
        "the schema after overlays/schema/10-remove.yaml: is not valid OpenAPI 3.0: "
        "$ref '#/components/schemas/TaskInstance' points to nothing."
    )
