"""Credentials: from the environment or a provider, refreshed once on 401, never sent in clear."""

import asyncio
from collections.abc import Callable, Iterator

import httpx
import pytest
from pytest_httpserver import HTTPServer

from onetsolutions import AuthenticatedClient, AuthenticationError, ConfigurationError
from tests.task_api import (
    API_KEY,
    JWT,
    SECOND_JWT,
    TASK_PATH,
    authenticated_client,
    fetch_task,
    opened,
    task_body,
)

pytestmark = pytest.mark.anyio


def serve_task_to(httpserver: HTTPServer, token: str) -> None:
    """Serve the task to requests bearing ``token``; anything else is answered 401."""
    httpserver.expect_request(
        TASK_PATH, headers={"Authorization": f"Bearer {token}"}
    ).respond_with_json(task_body("running"))
    httpserver.expect_request(TASK_PATH).respond_with_json(
        {"detail": "Given token not valid for any token type"}, status=401
    )


def counting_provider(tokens: list[str]) -> tuple[Callable[[], str], list[str]]:
    """A token provider handing out ``tokens`` in turn, and the list of tokens it handed out."""
    handed_out: list[str] = []
    supply: Iterator[str] = iter(tokens)

    def provide() -> str:
        handed_out.append(next(supply))
        return handed_out[-1]

    return provide, handed_out


async def test_api_key_variable_is_preferred_to_the_token_variable(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("ONETSOLUTIONS_API_KEY", API_KEY)
    monkeypatch.setenv("ONETSOLUTIONS_TOKEN", JWT)
    serve_task_to(httpserver, API_KEY)
    client = AuthenticatedClient.from_env(httpserver.url_for(""))

    async with opened(client, mode):
        task = await fetch_task(mode, client)

    assert str(task.status) == "running"


async def test_token_variable_is_used_without_an_api_key(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.delenv("ONETSOLUTIONS_API_KEY", raising=False)
    monkeypatch.setenv("ONETSOLUTIONS_TOKEN", JWT)
    serve_task_to(httpserver, JWT)
    client = AuthenticatedClient.from_env(httpserver.url_for(""))

    async with opened(client, mode):
        task = await fetch_task(mode, client)

    assert str(task.status) == "running"


def test_missing_credentials_error_names_both_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ONETSOLUTIONS_API_KEY", raising=False)
    monkeypatch.setenv("ONETSOLUTIONS_TOKEN", "  ")

    with pytest.raises(ConfigurationError) as raised:
        AuthenticatedClient.from_env()

    assert "ONETSOLUTIONS_API_KEY" in str(raised.value)
    assert "ONETSOLUTIONS_TOKEN" in str(raised.value)


def test_client_without_token_or_provider_is_refused() -> None:
    with pytest.raises(ConfigurationError, match=r"token= .* or token_provider="):
        AuthenticatedClient()


async def test_provider_is_called_for_the_first_request_only(
    httpserver: HTTPServer, mode: str
) -> None:
    serve_task_to(httpserver, JWT)
    provide, handed_out = counting_provider([JWT, SECOND_JWT])
    client = authenticated_client(httpserver, token_provider=provide)

    async with opened(client, mode):
        await fetch_task(mode, client)
        await fetch_task(mode, client)

    assert handed_out == [JWT]
    assert len(httpserver.log) == 2


async def test_unauthorized_answer_refreshes_the_token_and_sends_again(
    httpserver: HTTPServer, mode: str
) -> None:
    serve_task_to(httpserver, SECOND_JWT)
    provide, handed_out = counting_provider([JWT, SECOND_JWT])
    client = authenticated_client(httpserver, token_provider=provide)

    async with opened(client, mode):
        task = await fetch_task(mode, client)

    assert str(task.status) == "running"
    assert handed_out == [JWT, SECOND_JWT]
    sent = [request.headers["Authorization"] for request, _ in httpserver.log]
    assert sent == [f"Bearer {JWT}", f"Bearer {SECOND_JWT}"]


async def test_second_unauthorized_answer_raises_authentication_error(
    httpserver: HTTPServer, mode: str
) -> None:
    serve_task_to(httpserver, "a token nobody has")
    provide, handed_out = counting_provider([JWT, SECOND_JWT, JWT])
    client = authenticated_client(httpserver, token_provider=provide)

    async with opened(client, mode):
        with pytest.raises(AuthenticationError) as raised:
            await fetch_task(mode, client)

    assert raised.value.status_code == 401
    assert raised.value.detail == "Given token not valid for any token type"
    assert handed_out == [JWT, SECOND_JWT]
    assert len(httpserver.log) == 2


async def test_fixed_token_is_not_sent_again_after_401(httpserver: HTTPServer, mode: str) -> None:
    serve_task_to(httpserver, "a token nobody has")
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        with pytest.raises(AuthenticationError):
            await fetch_task(mode, client)

    assert len(httpserver.log) == 1


async def test_concurrent_unauthorized_answers_refresh_the_token_once(
    httpserver: HTTPServer,
) -> None:
    serve_task_to(httpserver, SECOND_JWT)
    provide, handed_out = counting_provider([JWT, SECOND_JWT, "a third token"])
    client = authenticated_client(httpserver, token_provider=provide)

    async with opened(client, "async"):
        tasks = await asyncio.gather(*(fetch_task("async", client) for _ in range(5)))

    assert [str(task.status) for task in tasks] == ["running"] * 5
    assert handed_out == [JWT, SECOND_JWT]


async def test_token_is_not_sent_over_plain_http_to_another_host(mode: str) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"{request.method} {request.url} was sent")

    client = AuthenticatedClient(
        base_url="http://api.example.com",
        token=API_KEY,
        httpx_args={"transport": httpx.MockTransport(fail)},
    )

    async with opened(client, mode):
        with pytest.raises(ConfigurationError) as raised:
            await fetch_task(mode, client)

    assert "plain http to api.example.com" in str(raised.value)
    assert "allow_insecure_http=True" in str(raised.value)
    assert API_KEY not in str(raised.value)


async def test_plain_http_to_another_host_is_allowed_when_asked(mode: str) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=task_body("running"))

    client = AuthenticatedClient(
        base_url="http://api.example.com",
        token=API_KEY,
        allow_insecure_http=True,
        httpx_args={"transport": httpx.MockTransport(answer)},
    )

    async with opened(client, mode):
        await fetch_task(mode, client)

    assert seen[0].headers["Authorization"] == f"Bearer {API_KEY}"


async def test_plain_http_to_this_machine_is_allowed(httpserver: HTTPServer, mode: str) -> None:
    serve_task_to(httpserver, API_KEY)
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        await fetch_task(mode, client)

    assert httpserver.url_for("").startswith("http://localhost")
    assert len(httpserver.log) == 1


async def test_callers_headers_dict_is_left_as_given(httpserver: HTTPServer, mode: str) -> None:
    serve_task_to(httpserver, API_KEY)
    headers = {"X-Trace": "run-7"}
    client = authenticated_client(httpserver, headers=headers)

    async with opened(client, mode):
        await fetch_task(mode, client)

    assert headers == {"X-Trace": "run-7"}
    ((request, _response),) = httpserver.log
    assert request.headers["X-Trace"] == "run-7"
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
