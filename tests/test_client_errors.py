"""One exception hierarchy: error statuses, bodies that do not parse, transport failures."""

import inspect
import socket

import httpx
import pytest
from pytest_httpserver import HTTPServer

import onetsolutions
from onetsolutions import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ConnectionFailedError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    ResponseValidationError,
    Retries,
    ServerError,
    UnprocessableEntityError,
    errors,
)
from onetsolutions.api.compute import get_nested_instance_task
from tests.task_api import (
    API_KEY,
    TASK_IDS,
    TASK_PATH,
    authenticated_client,
    fetch_task,
    json_response,
    opened,
    task_body,
)

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (410, APIError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, ServerError),
        (501, ServerError),
    ],
)
async def test_error_status_raises_its_own_error_with_the_request_and_detail(
    httpserver: HTTPServer, mode: str, status: int, error_class: type[APIError]
) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_response(
        json_response({"detail": "Not allowed here."}, status, {"X-Request-ID": "req-31"})
    )
    client = authenticated_client(httpserver, retries=None)

    async with opened(client, mode):
        with pytest.raises(APIError) as raised:
            await fetch_task(mode, client)

    error = raised.value
    assert type(error) is error_class
    assert (error.status_code, error.method, error.request_id) == (status, "GET", "req-31")
    assert error.url == httpserver.url_for(TASK_PATH)
    assert error.detail == "Not allowed here."
    assert error.body_excerpt == '{"detail": "Not allowed here."}'
    assert f"GET {error.url} answered {status}" in str(error)
    assert "(request id req-31)" in str(error)
    assert "\n" not in str(error)


async def test_field_errors_without_a_detail_member_are_the_detail(
    httpserver: HTTPServer, mode: str
) -> None:
    field_errors = {"name": ["This field may not be blank."]}
    httpserver.expect_request(TASK_PATH).respond_with_json(field_errors, status=400)
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        with pytest.raises(BadRequestError) as raised:
            await fetch_task(mode, client)

    assert raised.value.detail == field_errors
    assert raised.value.request_id is None


async def test_body_excerpt_of_a_large_error_page_is_bounded(
    httpserver: HTTPServer, mode: str
) -> None:
    page = "<html>\n" + "<p>Bad gateway.</p>\n" * 5000 + "</html>"
    httpserver.expect_request(TASK_PATH).respond_with_data(page, 502, content_type="text/html")
    client = authenticated_client(httpserver, retries=None)

    async with opened(client, mode):
        with pytest.raises(ServerError) as raised:
            await fetch_task(mode, client)

    assert raised.value.detail is None
    assert len(raised.value.body_excerpt) < 600
    assert raised.value.body_excerpt.endswith(f"... ({len(page)} bytes in all)")
    assert len(str(raised.value)) < 1000
    assert "\n" not in str(raised.value)


async def test_rate_limit_error_carries_the_requested_wait(
    httpserver: HTTPServer, mode: str
) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_response(
        json_response({"detail": "Request was throttled."}, 429, {"Retry-After": "17"})
    )
    client = authenticated_client(httpserver, retries=None)

    async with opened(client, mode):
        with pytest.raises(RateLimitError) as raised:
            await fetch_task(mode, client)

    assert raised.value.retry_after == 17.0


async def test_detailed_function_returns_the_error_status_when_asked_not_to_raise(
    httpserver: HTTPServer, mode: str
) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_json({"detail": "Not found."}, status=404)
    client = authenticated_client(httpserver, raise_on_unexpected_status=False)
    arguments = {**TASK_IDS, "id": TASK_IDS["task_id"]}
    del arguments["task_id"]

    async with opened(client, mode):
        if mode == "sync":
            response = get_nested_instance_task.sync_detailed(client=client, **arguments)
        else:
            response = await get_nested_instance_task.asyncio_detailed(client=client, **arguments)
        with pytest.raises(NotFoundError):
            await fetch_task(mode, client)

    assert (response.status_code, response.parsed) == (404, None)
    assert b"Not found." in response.content


async def test_success_body_that_does_not_match_the_model_names_the_operation(
    httpserver: HTTPServer, mode: str
) -> None:
    body = task_body("running")
    del body["created_by"]
    httpserver.expect_request(TASK_PATH).respond_with_json(body)
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        with pytest.raises(ResponseValidationError) as raised:
            await fetch_task(mode, client)

    error = raised.value
    assert (error.operation, error.model) == ("get_nested_instance_task", "InstanceTask")
    assert (error.field_path, error.value) == ("created_by", "None")
    assert error.body.startswith(b"{")
    assert "get_nested_instance_task: the 200 response body does not match InstanceTask" in str(
        error
    )
    assert "InstanceTask at created_by: required field is missing" in str(error)
    assert error.__cause__ is None and error.__suppress_context__


async def test_success_body_that_is_not_json_is_a_validation_error(
    httpserver: HTTPServer, mode: str
) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_data("<html>maintenance</html>")
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        with pytest.raises(ResponseValidationError, match="JSONDecodeError"):
            await fetch_task(mode, client)


async def test_refused_connection_raises_connection_failed_after_every_attempt(mode: str) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed_port = unused.getsockname()[1]
    client = onetsolutions.AuthenticatedClient(
        base_url=f"http://127.0.0.1:{closed_port}",
        token=API_KEY,
        retries=Retries(attempts=3, backoff=0.01),
    )

    async with opened(client, mode):
        with pytest.raises(ConnectionFailedError) as raised:
            await fetch_task(mode, client)

    assert raised.value.attempts == 3
    assert raised.value.method == "GET"
    assert f"127.0.0.1:{closed_port}" in raised.value.url
    assert "ConnectError" in str(raised.value)


async def test_unanswered_request_raises_request_timeout_error(
    silent_server: str, mode: str
) -> None:
    client = onetsolutions.AuthenticatedClient(
        base_url=silent_server, token=API_KEY, retries=None, timeout=httpx.Timeout(0.1)
    )

    async with opened(client, mode):
        with pytest.raises(RequestTimeoutError) as raised:
            await fetch_task(mode, client)

    assert isinstance(raised.value, TimeoutError)
    assert "ReadTimeout" in str(raised.value)


def test_exception_tree_in_the_module_docstring_is_the_class_tree() -> None:
    drawn: dict[str, str] = {}
    parents: list[tuple[int, str]] = []
    for line in (errors.__doc__ or "").splitlines():
        if not line.lstrip().startswith("* "):
            continue
        depth = len(line) - len(line.lstrip())
        name = line.strip()[2:].split(" ")[0]
        parents = [(d, n) for d, n in parents if d < depth]
        drawn[name] = parents[-1][1] if parents else "Exception"
        parents.append((depth, name))

    actual = {
        name: getattr(errors, name).__mro__[1].__name__
        for name in errors.__all__
        if isinstance(getattr(errors, name), type)
    }
    assert drawn == actual


def test_every_error_is_exported_from_the_package() -> None:
    classes = {
        name
        for name, value in inspect.getmembers(errors, inspect.isclass)
        if value.__module__ == errors.__name__
    }

    assert classes <= set(onetsolutions.__all__)
    assert classes <= set(errors.__all__)
