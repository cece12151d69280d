"""One nested instance task served on loopback, at the path of the pinned schema's GET: the
body of tests/fixtures/responses/get_nested_instance_task/resize_vps_running.json."""

import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

from tests.conftest import FIXTURES

DOWNSTREAM_PROGRAM = FIXTURES / "apps" / "fetch_task.py"

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
    """Answer one GET of the task, and only with the bearer token."""
    httpserver.expect_oneshot_request(
        TASK_PATH, method="GET", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json(TASK_BODY)


def task_request(httpserver: HTTPServer, import_name: str) -> dict[str, str]:
    """The arguments tests/fixtures/apps/fetch_task.py needs to fetch the served task."""
    return {
        "import_name": import_name,
        "base_url": httpserver.url_for(""),
        "token": TOKEN,
        "organization_id": str(ORGANIZATION),
        "project_id": str(PROJECT),
        "instance_id": str(INSTANCE),
        "id": str(TASK),
    }


def run_downstream_program(
    python: Path, request: dict[str, str], source_root: Path | None = None
) -> dict[str, Any]:
    """Run tests/fixtures/apps/fetch_task.py isolated (``-I``) with ``python``; return its report.

    Isolated mode keeps this checkout and any PYTHONPATH off ``sys.path``: the client must come
    from ``python``'s environment or from ``source_root``.
    """
    arguments = [json.dumps(request), *([str(source_root)] if source_root else [])]
    completed = subprocess.run(
        [str(python), "-I", str(DOWNSTREAM_PROGRAM), *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    report: dict[str, Any] = json.loads(completed.stdout)
    return report
