"""A response that breaks the schema fails with one error naming model, field path and value."""

import copy
import datetime
import json
from typing import Any

import pytest

from onetsolutions.models import InstanceTask
from onetsolutions.response_checks import ResponseFieldError
from tests.conftest import FIXTURES

TASK_BODY: dict[str, Any] = json.loads(
    (FIXTURES / "responses" / "get_nested_instance_task" / "resize_vps_running.json").read_text()
)


def task_with(path: str, value: Any) -> dict[str, Any]:
    body = copy.deepcopy(TASK_BODY)
    *parents, last = path.split(".")
    target = body
    for parent in parents:
        target = target[parent]
    target[last] = value
    return body


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        pytest.param("id", "", "InstanceTask.id: badly formed hexadecimal UUID", id="blank-uuid"),
        pytest.param(
            "created",
            "2026-11-30T09:15:00",
            "InstanceTask.created: expected an RFC 3339",
            id="naive-datetime",
        ),
        pytest.param(
            "started_at",
            "2026-11-30T09:15:00",
            "InstanceTask.started_at: matches none of",
            id="naive-nullable-datetime",
        ),
        pytest.param(
            "modified",
            1764494100,
            "InstanceTask.modified: expected an RFC 3339 date-time string, not int",
            id="timestamp-number",
        ),
        pytest.param(
            "created_by.email",
            42,
            "InstanceTask.created_by.email: expected a string, not int",
            id="nested-number-for-string",
        ),
        pytest.param(
            "instance.name",
            None,
            "InstanceTask.instance.name: expected a string, not NoneType",
            id="nested-null-for-string",
        ),
        pytest.param(
            "retry_count",
            True,
            "InstanceTask.retry_count: expected an integer, not bool",
            id="boolean-for-integer",
        ),
        pytest.param(
            "max_retries",
            "3",
            "InstanceTask.max_retries: expected an integer, not str",
            id="string-for-integer",
        ),
        pytest.param(
            "instance", [], "InstanceTask.instance: expected a JSON object", id="list-for-object"
        ),
    ],
)
def test_value_the_schema_does_not_allow_is_named_with_its_path(
    path: str, value: Any, message: str
) -> None:
    with pytest.raises(ResponseFieldError) as raised:
        InstanceTask.from_dict(task_with(path, value))

    assert str(raised.value).startswith(message)
    assert raised.value.model == "InstanceTask"
    assert raised.value.field_path == path
    assert raised.value.value == value


def test_missing_required_field_is_named() -> None:
    body = copy.deepcopy(TASK_BODY)
    del body["status"]

    with pytest.raises(
        ResponseFieldError, match=r"^InstanceTask\.status: required field is missing"
    ):
        InstanceTask.from_dict(body)


def test_offending_value_is_bounded_in_the_message() -> None:
    with pytest.raises(ResponseFieldError) as raised:
        InstanceTask.from_dict(task_with("instance.name", ["x" * 10_000]))

    assert len(str(raised.value)) < 200
    assert raised.value.value == ["x" * 10_000]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-30T09:15:00Z", datetime.datetime(2026, 11, 30, 9, 15, tzinfo=datetime.UTC)),
        ("2026-11-30t09:15:00z", datetime.datetime(2026, 11, 30, 9, 15, tzinfo=datetime.UTC)),
        (
            "2026-11-30T11:15:00.250+02:00",
            datetime.datetime(2026, 11, 30, 9, 15, 0, 250000, tzinfo=datetime.UTC),
        ),
        (
            "2026-11-30T09:15:00.123456-00:00",
            datetime.datetime(2026, 11, 30, 9, 15, 0, 123456, tzinfo=datetime.UTC),
        ),
    ],
)
def test_rfc3339_datetimes_are_read_with_their_offset(
    text: str, expected: datetime.datetime
) -> None:
    task = InstanceTask.from_dict(task_with("created", text))

    assert task.created == expected
    assert task.created.utcoffset() is not None


def test_naive_datetime_is_never_sent() -> None:
    task = InstanceTask.from_dict(TASK_BODY)
    task.started_at = datetime.datetime(2026, 11, 30, 9, 15)

    with pytest.raises(ValueError, match="has no time zone; attach one"):
        task.to_dict()


def test_body_that_follows_the_schema_round_trips_unchanged() -> None:
    task = InstanceTask.from_dict(TASK_BODY)

    assert task.to_dict()["created_by"] == TASK_BODY["created_by"]
    assert task.to_dict()["parameters"] == TASK_BODY["parameters"]
    assert InstanceTask.from_dict(task.to_dict()) == task
