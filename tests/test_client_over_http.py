"""The generated client against a real HTTP server on loopback."""

import datetime
import json
import uuid
from pathlib import Path

from pytest_httpserver import HTTPServer

from onetsolutions import AuthenticatedClient
from onetsolutions.api.compute import get_nested_instance_task
from onetsolutions.models import InstanceTask, InstanceTaskStatus, InstanceTaskTaskType
from tests.conftest import FIXTURES

ORGANIZATION = uuid.UUID("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
PROJECT = uuid.UUID("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9")
TASK_BODY = json.loads(
    (FIXTURES / "responses" / "get_nested_instance_task" / "resize_vps_running.json").read_text()
)
INSTANCE = uuid.UUID(TASK_BODY["instance_id"])
TASK = uuid.UUID(TASK_BODY["id"])
TOKEN = "sk-onetsolutions-0123456789abcdef"
TASK_PATH = (
    f"/v1/organizations/{ORGANIZATION}/projects/{PROJECT}/compute/instances/{INSTANCE}/tasks/{TASK}"
)


def serve_task(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request(
        TASK_PATH, method="GET", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json(TASK_BODY)


def fetch_task(httpserver: HTTPServer) -> InstanceTask:
    client = AuthenticatedClient(base_url=httpserver.url_for(""), token=TOKEN)
    with client:
        task = get_nested_instance_task.sync(
            organization_id=ORGANIZATION,
            project_id=PROJECT,
            instance_id=INSTANCE,
            id=TASK,
            client=client,
        )
    assert isinstance(task, InstanceTask)
    return task


def test_nested_task_request_sends_bearer_token_to_the_four_uuid_path(
    httpserver: HTTPServer,
) -> None:
    serve_task(httpserver)

    fetch_task(httpserver)

    httpserver.check_assertions()
    ((request, _response),) = httpserver.log
    assert request.path == TASK_PATH
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_nested_task_response_parses_every_field(httpserver: HTTPServer) -> None:
    serve_task(httpserver)

    task = fetch_task(httpserver)

    assert task.id == TASK
    assert task.instance_id == INSTANCE
    assert task.instance.id == INSTANCE and task.instance.name == "web-01"
    assert task.task_type is InstanceTaskTaskType.RESIZE_VPS
    assert task.status is InstanceTaskStatus.RUNNING
    assert task.started_at == datetime.datetime(2026, 11, 30, 9, 15, 2, 481000, tzinfo=datetime.UTC)
    assert task.completed_at is None
    assert task.created.tzinfo is not None and task.created.utcoffset() == datetime.timedelta(0)
    assert task.modified == task.started_at
    assert task.parameters == {"plan": "vps-4", "disk_gb": 80}
    assert task.result is None
    assert (task.retry_count, task.max_retries) == (0, 3)
    assert task.created_by.email == "operator@example.com"
    assert task.to_dict()["instance"] == TASK_BODY["instance"]


def test_response_fixture_is_a_task_of_the_pinned_schema() -> None:
    schema_text = (Path(__file__).parent.parent / "openapi" / "onetsolutions.yaml").read_text()
    for field_name in TASK_BODY:
        assert f"        {field_name}:" in schema_text
