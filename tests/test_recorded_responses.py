"""Recorded response bodies parse with the current client: the schema can be wrong about the
server in ways no mock built from the schema shows.

Each file under tests/fixtures/responses/<operationId>/ is one body the operation's 200
response returned, with personal details replaced by example values, named for what it
shows. Adding a case is dropping in a file.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from typeguard import check_type

import onetsolutions
from onetsolutions.models import InstanceTask
from tests.conftest import FIXTURES
from tests.generated_operations import (
    comparable,
    pinned_client,
    replaying_client,
    sample_arguments,
    written_back,
)

RECORDED = FIXTURES / "responses"
PINNED_CLIENT = pinned_client()


def recorded_cases() -> list[Any]:
    cases = []
    for path in sorted(RECORDED.glob("*/*.json")):
        name = path.relative_to(RECORDED).as_posix()
        cases.append(pytest.param(path, id=name.removesuffix(".json")))
    return cases


def parsed_as_recorded(path: Path) -> Any:
    """The body in ``path`` as the client parses it from a 200 response of its operation."""
    operation = PINNED_CLIENT.operation(path.parent.name)
    body = json.loads(path.read_text(encoding="utf-8"))
    with replaying_client(onetsolutions, 200, body) as client:
        arguments = sample_arguments(operation, PINNED_CLIENT)
        return operation.module.sync_detailed(**arguments, client=client).parsed


def recorded_task(case: str) -> InstanceTask:
    task = parsed_as_recorded(RECORDED / "get_nested_instance_task" / f"{case}.json")
    assert isinstance(task, InstanceTask)
    return task


@pytest.mark.parametrize("path", recorded_cases())
def test_recorded_response_parses_into_the_model_of_its_200_response(path: Path) -> None:
    operation = PINNED_CLIENT.operation(path.parent.name)

    parsed = parsed_as_recorded(path)

    check_type(parsed, operation.parsed_type)
    body = json.loads(path.read_text(encoding="utf-8"))
    assert comparable(written_back(parsed)) == comparable(body)


def test_every_folder_is_named_for_an_operation_of_the_schema() -> None:
    operation_ids = {operation.schema.operation_id for operation in PINNED_CLIENT.operations}

    assert {folder.name for folder in RECORDED.iterdir() if folder.is_dir()} <= operation_ids


def test_unknown_task_type_and_status_are_kept_not_rejected() -> None:
    task_type = recorded_task("unknown_task_type").task_type
    status = recorded_task("unknown_status").status

    assert (task_type.value, task_type.is_known) == ("migrate_vps", False)
    assert (status.value, status.is_known) == ("paused", False)


def test_unknown_fields_are_kept_at_every_level() -> None:
    task = recorded_task("unknown_fields")

    assert task["queue"] == {"name": "proxmox-par1", "position": 0}
    assert task.instance["region"] == "par1"
    assert task.created_by["is_staff"] is False


def test_task_created_by_nobody_parses_with_created_by_none() -> None:
    task = recorded_task("created_by_null")

    assert task.created_by is None
