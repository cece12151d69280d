"""Path parameters are single path segments: dot segments and non-UUIDs are refused unsent."""

import re
import uuid
from importlib import import_module
from types import ModuleType

import pytest
from pytest_httpserver import HTTPServer

from onetsolutions import InvalidPathParameterError
from tests.task_api import (
    API_KEY,
    TASK_PATH,
    authenticated_client,
    call,
    fetch_task,
    opened,
    task_body,
)

pytestmark = pytest.mark.anyio


async def retrieve_domain(
    package: ModuleType, httpserver: HTTPServer, mode: str, name: str
) -> object:
    operation = import_module(f"{package.__name__}.api.domains.retrieve_domain")
    client = package.AuthenticatedClient(base_url=httpserver.url_for(""), token=API_KEY)
    async with opened(client, mode):
        return await call(mode, operation.sync, operation.asyncio, name=name, client=client)


@pytest.mark.parametrize("name", ["..", ".", ""])
async def test_dot_segments_and_empty_values_are_refused_before_sending(
    httpserver: HTTPServer, listing_package: ModuleType, mode: str, name: str
) -> None:
    with pytest.raises(listing_package.InvalidPathParameterError) as raised:
        await retrieve_domain(listing_package, httpserver, mode, name)

    assert isinstance(raised.value, ValueError)
    assert f"path parameter name={name!r} would not name a resource" in str(raised.value)
    assert httpserver.log == []


async def test_slash_question_mark_and_hash_stay_inside_one_segment(
    httpserver: HTTPServer, listing_package: ModuleType, mode: str
) -> None:
    # The server decodes %2F before matching, so match any domain and look at the raw path.
    httpserver.expect_request(re.compile("^/v1/domains/")).respond_with_json({"name": "x"})

    domain = await retrieve_domain(listing_package, httpserver, mode, "a/b?c#d")

    assert getattr(domain, "name", None) == "x"
    ((request, _response),) = httpserver.log
    assert request.environ["RAW_URI"] == "/v1/domains/a%2Fb%3Fc%23d/"


async def test_uuid_parameter_accepts_the_string_form_of_a_uuid(
    httpserver: HTTPServer, mode: str
) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_json(task_body("running"))
    client = authenticated_client(httpserver)
    task_id = str(task_body("running")["id"]).upper()

    async with opened(client, mode):
        task = await fetch_task(mode, client, task_id=task_id)

    assert task.id == uuid.UUID(task_id)


@pytest.mark.parametrize("task_id", ["..", "3f0b8c52-5a41-4e0e-9a43", "latest", 42])
async def test_uuid_parameter_refuses_anything_else(
    httpserver: HTTPServer, mode: str, task_id: object
) -> None:
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        with pytest.raises(InvalidPathParameterError, match=r"path parameter id=.* is not a UUID"):
            await fetch_task(mode, client, task_id=task_id)

    assert httpserver.log == []
