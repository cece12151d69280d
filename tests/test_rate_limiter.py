"""The client-side rate limiter: 100 requests per second burst, 1000 per minute, shared."""

import asyncio
import logging
import time
from collections.abc import Iterator

import httpx
import pytest
from pytest_httpserver import HTTPServer

from onetsolutions import RateLimiter
from tests.task_api import (
    TASK_PATH,
    authenticated_client,
    fetch_task,
    opened,
    task_body,
)

pytestmark = pytest.mark.anyio


class ManualClock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class RecordingTransport(httpx.AsyncBaseTransport):
    """Records when each request is handed to the network, under the limiter."""

    def __init__(self) -> None:
        self.network = httpx.AsyncHTTPTransport()
        self.sent_at: list[float] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent_at.append(time.monotonic())
        return await self.network.handle_async_request(request)

    async def aclose(self) -> None:
        await self.network.aclose()


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    """A loopback server answering each connection in its own thread, for concurrent calls."""
    server = HTTPServer(threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


def most_in_any_window(times: list[float], seconds: float) -> int:
    ordered = sorted(times)
    return max(
        sum(1 for later in ordered[index:] if later < start + seconds)
        for index, start in enumerate(ordered)
    )


def test_a_burst_of_100_goes_at_once_and_the_101st_a_second_after_the_first() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock=clock)

    burst = [limiter.reserve() for _ in range(100)]
    clock.now += 0.25
    next_wait = limiter.reserve()

    assert burst == [0.0] * 100
    assert next_wait == pytest.approx(0.75)


def test_the_1001st_request_of_a_minute_waits_for_the_minute_to_pass() -> None:
    clock = ManualClock()
    limiter = RateLimiter(clock=clock)

    for _ in range(10):
        for _ in range(100):
            assert limiter.reserve() == 0.0
        clock.now += 1.0
    wait = limiter.reserve()

    assert wait == pytest.approx(50.0)


def test_waiting_requests_are_booked_in_turn_a_window_apart() -> None:
    limiter = RateLimiter(per_second=2, per_minute=1000, clock=ManualClock())

    waits = [limiter.reserve() for _ in range(6)]

    assert waits == [0.0, 0.0, 1.0, 1.0, 2.0, 2.0]


def test_booking_past_the_allowed_wait_books_nothing() -> None:
    limiter = RateLimiter(per_second=1, per_minute=1000, clock=ManualClock())
    limiter.reserve()

    assert limiter.reserve(within=0.5) is None
    assert limiter.reserve(within=1.0) == 1.0


def test_limits_below_one_are_refused() -> None:
    with pytest.raises(ValueError, match="per_minute=0"):
        RateLimiter(per_minute=0)


async def test_150_concurrent_async_calls_stay_within_the_burst_limit(
    threaded_server: HTTPServer,
) -> None:
    threaded_server.expect_request(TASK_PATH).respond_with_json(task_body("running"))
    recorder = RecordingTransport()
    client = authenticated_client(
        threaded_server,
        httpx_args={"transport": recorder, "limits": httpx.Limits(max_connections=200)},
    )

    async with opened(client, "async"):
        tasks = await asyncio.gather(*(fetch_task("async", client) for _ in range(150)))

    assert len(tasks) == 150
    assert len(recorder.sent_at) == 150
    # A request woken by the event loop can be recorded a hair early, hence 0.99 s, not 1 s.
    assert most_in_any_window(recorder.sent_at, 0.99) <= 100


async def test_limiter_can_be_turned_off(
    httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_json(task_body("running"))
    limited = authenticated_client(httpserver, rate_limit=RateLimiter(per_second=2))
    unlimited = authenticated_client(httpserver, rate_limit=None)

    with caplog.at_level(logging.DEBUG, logger="onetsolutions"):
        for client in (limited, unlimited):
            async with opened(client, "sync"):
                for _ in range(3):
                    await fetch_task("sync", client)

    waits = [record for record in caplog.records if "for the rate limit" in record.getMessage()]
    assert len(waits) == 1


def test_derived_clients_share_their_parents_limiter(httpserver: HTTPServer) -> None:
    httpserver.expect_request(TASK_PATH).respond_with_json(task_body("running"))
    limiter = RateLimiter(per_second=2)
    parent = authenticated_client(httpserver, rate_limit=limiter)
    child = parent.with_headers({"X-Trace": "child"})

    with parent, child:
        parent.get_httpx_client().get(TASK_PATH)
        child.get_httpx_client().get(TASK_PATH)

    assert limiter.reserve(within=0) is None
    assert "rate_limit=RateLimiter(per_second=2, per_minute=1000)" in repr(child)
