"""The pinned schema's nested task endpoint, served on loopback for the client tests."""

import json
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from onetsolutions import AuthenticatedClient, Client
from onetsolutions.api.compute import get_nested_instance_task
from onetsolutions.models import InstanceTask
from tests.conftest import FIXTURES

ORGANIZATION = uuid.UUID("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
PROJECT = uuid.UUID("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9")
TASK_BODY: dict[str, Any] = json.loads(
    (FIXTURES / "responses" / "get_nested_instance_task" / "resize_vps_running.json").read_text()
)
INSTANCE = uuid.UUID(TASK_BODY["instance_id"])
TASK = uuid.UUID(TASK_BODY["id"])
TASK_PATH = (
    f"/v1/organizations/{ORGANIZATION}/projects/{PROJECT}/compute/instances/{INSTANCE}/tasks/{TASK}"
)
TASK_IDS = {
    "organization_id": ORGANIZATION,
    "project_id": PROJECT,
    "instance_id": INSTANCE,
    "task_id": TASK,
}

API_KEY = "sk-onetsolutions-0123456789abcdef"
# A JWT of the usual three base64url parts (header, claims, signature); not signed by anyone.
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    ".eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxOTAwMDAwMDAwfQ"
    ".c2lnbmF0dXJlLW9mLW5vYm9keQ"
)
SECOND_JWT = JWT.replace("c2lnbmF0dXJl", "b3RoZXItc2ln")


def task_body(status: str, **fields: Any) -> dict[str, Any]:
    """The fixture task with ``status`` and any other fields replaced."""
    return {**TASK_BODY, "status": status, **fields}


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, mimetype="application/json")


def serve_in_turn(httpserver: HTTPServer, path: str, responses: Iterable[Response]) -> list[float]:
    """Answer requests to ``path`` with ``responses`` in order, the last one for ever after.

    Returns the list the arrival time (time.monotonic) of each request is appended to.
    """
    remaining = list(responses)
    arrivals: list[float] = []

    def answer(request: Request) -> Response:
        arrivals.append(time.monotonic())
        return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    httpserver.expect_request(path).respond_with_handler(answer)
    return arrivals


def authenticated_client(httpserver: HTTPServer, **options: Any) -> AuthenticatedClient:
    """A client of ``httpserver`` with the test API key, unless given a token or a provider."""
    options.setdefault("token", None if "token_provider" in options else API_KEY)
    return AuthenticatedClient(base_url=httpserver.url_for(""), **options)


async def fetch_task(mode: str, client: AuthenticatedClient, **ids: Any) -> InstanceTask:
    """The task, fetched with the sync or the async function as ``mode`` says."""
    arguments = {**TASK_IDS, **ids}
    arguments["id"] = arguments.pop("task_id")
    if mode == "sync":
        return get_nested_instance_task.sync(client=client, **arguments)
    return await get_nested_instance_task.asyncio(client=client, **arguments)


@asynccontextmanager
async def opened(client: Client, mode: str) -> AsyncIterator[None]:
    """Open and close the httpx client ``mode`` uses."""
    if mode == "sync":
        with client:
            yield
    else:
        async with client:
            yield


async def call(
    mode: str,
    sync_function: Callable[..., Any],
    async_function: Callable[..., Any],
    **arguments: Any,
) -> Any:
    """Call ``sync_function`` or await ``async_function`` with ``arguments``, as ``mode`` says."""
    if mode == "sync":
        return sync_function(**arguments)
    return await async_function(**arguments)
