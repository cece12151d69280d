"""What the overlays and transforms fix in the pinned schema, seen through the generated client."""

import copy
import json
import logging
from typing import Any

import pytest

from onetsolutions.models import InstanceTask, InstanceTaskStatus, InstanceTaskTaskType
from tests.conftest import FIXTURES

TASK_BODY: dict[str, Any] = json.loads(
    (FIXTURES / "responses" / "get_nested_instance_task" / "resize_vps_running.json").read_text()
)


def round_trips(task: InstanceTask, body: dict[str, Any]) -> bool:
    """to_dict gives the body back; datetimes may be written in another RFC 3339 form."""
    written = task.to_dict()
    moments = ("created", "modified", "started_at", "completed_at")
    same_fields = {k: v for k, v in written.items() if k not in moments} == {
        k: v for k, v in body.items() if k not in moments
    }
    return same_fields and InstanceTask.from_dict(written) == task


def test_task_started_by_the_platform_with_null_created_by_parses() -> None:
    body = {**copy.deepcopy(TASK_BODY), "created_by": None}

    task = InstanceTask.from_dict(body)

    assert task.created_by is None
    assert round_trips(task, body)


def test_task_from_a_newer_server_parses_with_unknown_type_status_and_no_user(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="onetsolutions")
    body = {
        **copy.deepcopy(TASK_BODY),
        "task_type": "live_migrate_vps",
        "status": "paused",
        "created_by": None,
    }

    task = InstanceTask.from_dict(body)

    assert isinstance(task.task_type, InstanceTaskTaskType) and not task.task_type.is_known
    assert isinstance(task.status, InstanceTaskStatus) and not task.status.is_known
    assert (task.task_type, task.status, task.created_by) == ("live_migrate_vps", "paused", None)
    assert round_trips(task, body)
    assert {record.levelname for record in caplog.records} == {"WARNING"}


@pytest.mark.parametrize(
    "value",
    [None, {"error": "disk full", "code": 28}, ["step 1", "step 2"], "done", 0, 2.5, True],
    ids=["null", "object", "list", "string", "zero", "float", "boolean"],
)
def test_free_form_parameters_and_result_take_any_json_value(value: Any) -> None:
    body = {**copy.deepcopy(TASK_BODY), "parameters": value, "result": value}

    task = InstanceTask.from_dict(body)

    assert task.parameters == value and task.result == value
    assert round_trips(task, body)
