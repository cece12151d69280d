"""Retries with backoff and Retry-After, for idempotent methods only, within one deadline."""

import logging
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from types import ModuleType

import httpx
import pytest
from pytest_httpserver import HTTPServer

from onetsolutions import (
    IDEMPOTENT_METHODS,
    AuthenticatedClient,
    DeadlineExceededError,
    RateLimitError,
    Retries,
    ServerError,
    deadline,
)
from onetsolutions._retry_policy import retry_after_seconds
from tests.task_api import (
    API_KEY,
    ORGANIZATION,
    PROJECT,
    TASK_PATH,
    authenticated_client,
    call,
    fetch_task,
    json_response,
    opened,
    serve_in_turn,
    task_body,
)

pytestmark = pytest.mark.anyio

QUICK = Retries(attempts=3, backoff=0.01)
INSTANCES_PATH = f"/v1/organizations/{ORGANIZATION}/projects/{PROJECT}/compute/instances/"
UNAVAILABLE = json_response({"detail": "Service temporarily unavailable."}, 503)


async def test_429_with_retry_after_waits_that_long_then_succeeds(
    httpserver: HTTPServer, mode: str
) -> None:
    throttled = json_response({"detail": "Request was throttled."}, 429, {"Retry-After": "1"})
    arrivals = serve_in_turn(
        httpserver, TASK_PATH, [throttled, json_response(task_body("running"))]
    )
    client = authenticated_client(httpserver, retries=QUICK)

    async with opened(client, mode):
        task = await fetch_task(mode, client)

    assert str(task.status) == "running"
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] >= 1.0


async def test_503_three_times_raises_server_error_counting_the_attempts(
    httpserver: HTTPServer, mode: str
) -> None:
    arrivals = serve_in_turn(httpserver, TASK_PATH, [UNAVAILABLE])
    client = authenticated_client(httpserver, retries=QUICK)

    async with opened(client, mode):
        with pytest.raises(ServerError) as raised:
            await fetch_task(mode, client)

    assert len(arrivals) == 3
    assert (raised.value.status_code, raised.value.attempts) == (503, 3)
    assert "after 3 attempts" in str(raised.value)


async def test_502_then_504_then_success_is_retried_through(
    httpserver: HTTPServer, mode: str
) -> None:
    failures = [json_response({}, 502), json_response({}, 504)]
    arrivals = serve_in_turn(
        httpserver, TASK_PATH, [*failures, json_response(task_body("completed"))]
    )
    client = authenticated_client(httpserver, retries=QUICK)

    async with opened(client, mode):
        task = await fetch_task(mode, client)

    assert (str(task.status), len(arrivals)) == ("completed", 3)


async def test_post_is_not_retried_by_default(
    httpserver: HTTPServer, listing_package: ModuleType, mode: str
) -> None:
    arrivals = serve_in_turn(httpserver, INSTANCES_PATH, [UNAVAILABLE])
    client = listing_client(listing_package, httpserver, retries=QUICK)

    async with opened(client, mode):
        with pytest.raises(listing_package.ServerError) as raised:
            await create_instance(listing_package, mode, client)

    assert len(arrivals) == 1
    assert raised.value.attempts == 1


async def test_post_is_retried_when_the_caller_opts_in(
    httpserver: HTTPServer, listing_package: ModuleType, mode: str
) -> None:
    created = json_response({"id": str(ORGANIZATION), "name": "web-02"}, 201)
    arrivals = serve_in_turn(httpserver, INSTANCES_PATH, [UNAVAILABLE, created])
    retries = listing_package.Retries(
        attempts=3, backoff=0.01, methods=IDEMPOTENT_METHODS | {"POST"}
    )
    client = listing_client(listing_package, httpserver, retries=retries)

    async with opened(client, mode):
        instance = await create_instance(listing_package, mode, client)

    assert instance.name == "web-02"
    assert len(arrivals) == 2


async def test_no_retries_sends_each_request_once(httpserver: HTTPServer, mode: str) -> None:
    arrivals = serve_in_turn(httpserver, TASK_PATH, [UNAVAILABLE])
    client = authenticated_client(httpserver, retries=None)

    async with opened(client, mode):
        with pytest.raises(ServerError):
            await fetch_task(mode, client)

    assert len(arrivals) == 1


async def test_each_retry_is_logged_at_debug_with_its_reason_and_wait(
    httpserver: HTTPServer, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    serve_in_turn(httpserver, TASK_PATH, [UNAVAILABLE, json_response(task_body("running"))])
    client = authenticated_client(httpserver, retries=QUICK)

    with caplog.at_level(logging.DEBUG, logger="onetsolutions"):
        async with opened(client, mode):
            await fetch_task(mode, client)

    retries = [record for record in caplog.records if "retry 1 of 2 in" in record.getMessage()]
    assert len(retries) == 1
    assert retries[0].levelno == logging.DEBUG
    assert retries[0].getMessage().startswith(f"GET http://localhost:{httpserver.port}{TASK_PATH}")
    assert ": 503 service unavailable; " in retries[0].getMessage().lower()


async def test_retry_after_past_the_deadline_is_not_waited_for(
    httpserver: HTTPServer, mode: str
) -> None:
    throttled = json_response({"detail": "Request was throttled."}, 429, {"Retry-After": "30"})
    arrivals = serve_in_turn(httpserver, TASK_PATH, [throttled])
    client = authenticated_client(httpserver, retries=QUICK)
    started = time.monotonic()

    async with opened(client, mode):
        with deadline(2.0), pytest.raises(DeadlineExceededError) as raised:
            await fetch_task(mode, client)

    assert time.monotonic() - started < 30
    assert len(arrivals) == 1
    assert ": 429 too many requests, and the" in str(raised.value).lower()
    assert "30.00 s wait before retrying would pass the deadline" in str(raised.value)


async def test_deadline_cuts_a_response_that_comes_too_late(silent_server: str, mode: str) -> None:
    client = AuthenticatedClient(
        base_url=silent_server, token=API_KEY, retries=QUICK, timeout=httpx.Timeout(30.0)
    )
    started = time.monotonic()

    async with opened(client, mode):
        with deadline(0.3), pytest.raises(DeadlineExceededError, match="deadline passed"):
            await fetch_task(mode, client)

    assert time.monotonic() - started < 30


async def test_passed_deadline_sends_nothing(httpserver: HTTPServer, mode: str) -> None:
    client = authenticated_client(httpserver)

    async with opened(client, mode):
        with deadline(0), pytest.raises(DeadlineExceededError, match="before attempt 1"):
            await fetch_task(mode, client)

    assert httpserver.log == []


async def test_retry_budget_ends_the_retries_with_the_last_answer(
    httpserver: HTTPServer, mode: str
) -> None:
    throttled = json_response({"detail": "Slow down."}, 429, {"Retry-After": "1"})
    arrivals = serve_in_turn(httpserver, TASK_PATH, [throttled])
    client = authenticated_client(
        httpserver, retries=Retries(attempts=10, backoff=0.01, budget=0.2)
    )

    async with opened(client, mode):
        with pytest.raises(RateLimitError) as raised:
            await fetch_task(mode, client)

    assert len(arrivals) == 2
    assert raised.value.attempts == 2


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    in_two_minutes = format_datetime(datetime.now(UTC) + timedelta(minutes=2), usegmt=True)

    from_date = retry_after_seconds(httpx.Headers({"Retry-After": in_two_minutes}))

    assert retry_after_seconds(httpx.Headers({"Retry-After": "7"})) == 7.0
    assert from_date is not None and 100 < from_date <= 120
    assert retry_after_seconds(httpx.Headers({"Retry-After": "soon"})) is None
    assert retry_after_seconds(httpx.Headers()) is None


def test_retry_settings_refuse_values_that_cannot_work() -> None:
    with pytest.raises(ValueError, match="attempts"):
        Retries(attempts=0)
    with pytest.raises(ValueError, match="methods"):
        Retries(methods=())
    assert Retries(methods=["get", "post"]).methods == {"GET", "POST"}


def listing_client(package: ModuleType, httpserver: HTTPServer, retries: object) -> object:
    return package.AuthenticatedClient(
        base_url=httpserver.url_for(""), token="sk-onetsolutions-abc", retries=retries
    )


async def create_instance(package: ModuleType, mode: str, client: object) -> object:
    from importlib import import_module

    operation = import_module(f"{package.__name__}.api.compute.create_instance")
    instance = import_module(f"{package.__name__}.models.instance").Instance
    return await call(
        mode,
        operation.sync,
        operation.asyncio,
        organization_id=ORGANIZATION,
        project_id=PROJECT,
        body=instance(id=ORGANIZATION, name="web-02"),
        client=client,
    )
