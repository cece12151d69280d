"""wait_for_task and async_wait_for_task against a loopback task that walks through statuses."""

import itertools
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from onetsolutions import (
    PollSchedule,
    ResponseValidationError,
    TaskCancelledError,
    TaskFailedError,
    TaskTimeoutError,
    async_wait_for_task,
    deadline,
    wait_for_task,
)
from onetsolutions.models import InstanceTask
from tests.task_api import (
    TASK_IDS,
    TASK_PATH,
    authenticated_client,
    call,
    json_response,
    opened,
    serve_in_turn,
    task_body,
)

pytestmark = pytest.mark.anyio

TINY = PollSchedule(first=0.01, multiplier=2.0, maximum=0.02)


def serve_statuses(httpserver: HTTPServer, *bodies: dict[str, Any]) -> list[float]:
    return serve_in_turn(httpserver, TASK_PATH, [json_response(body) for body in bodies])


async def wait(mode: str, httpserver: HTTPServer, **options: Any) -> InstanceTask:
    client = authenticated_client(httpserver)
    options.setdefault("poll", TINY)
    async with opened(client, mode):
        task: InstanceTask = await call(
            mode, wait_for_task, async_wait_for_task, client=client, **TASK_IDS, **options
        )
    return task


async def test_waiter_returns_the_task_once_it_completed(httpserver: HTTPServer, mode: str) -> None:
    arrivals = serve_statuses(
        httpserver,
        task_body("pending"),
        task_body("running"),
        task_body("running"),
        task_body("completed", result={"disk_gb": 80}),
    )
    seen: list[str] = []

    task = await wait(mode, httpserver, on_status_change=lambda t: seen.append(str(t.status)))

    assert str(task.status) == "completed"
    assert task.result == {"disk_gb": 80}
    assert seen == ["pending", "running", "completed"]
    assert len(arrivals) == 4


async def test_failed_task_raises_task_failed_error_carrying_its_result(
    httpserver: HTTPServer, mode: str
) -> None:
    serve_statuses(
        httpserver,
        task_body("running"),
        task_body("failed", result={"error": "plan vps-4 is sold out"}),
    )

    with pytest.raises(TaskFailedError) as raised:
        await wait(mode, httpserver)

    assert raised.value.task.result == {"error": "plan vps-4 is sold out"}
    assert str(raised.value).startswith(f"task {TASK_IDS['task_id']} (resize_vps) failed after")
    assert "plan vps-4 is sold out" in str(raised.value)


async def test_cancelled_task_raises_task_cancelled_error(
    httpserver: HTTPServer, mode: str
) -> None:
    serve_statuses(httpserver, task_body("pending"), task_body("cancelled"))

    with pytest.raises(TaskCancelledError) as raised:
        await wait(mode, httpserver)

    assert str(raised.value.task.status) == "cancelled"


async def test_waiter_times_out_carrying_the_last_task_seen(
    httpserver: HTTPServer, mode: str
) -> None:
    arrivals = serve_statuses(httpserver, task_body("pending"), task_body("running"))

    with pytest.raises(TaskTimeoutError) as raised:
        await wait(mode, httpserver, timeout=0.3)

    error = raised.value
    assert isinstance(error, TimeoutError)
    assert str(error.task.status) == "running"
    assert error.waited >= 0.3
    assert "was still running after" in str(error)
    assert len(arrivals) >= 3


async def test_outer_deadline_bounds_the_wait(httpserver: HTTPServer, mode: str) -> None:
    serve_statuses(httpserver, task_body("running"))

    with deadline(0.2), pytest.raises(TaskTimeoutError):
        await wait(mode, httpserver, timeout=600)


async def test_unknown_status_is_not_final(httpserver: HTTPServer, mode: str) -> None:
    arrivals = serve_statuses(
        httpserver,
        task_body("pending"),
        task_body("paused_for_maintenance"),
        task_body("completed"),
    )

    seen: list[str] = []

    task = await wait(mode, httpserver, on_status_change=lambda t: seen.append(str(t.status)))

    assert str(task.status) == "completed"
    assert seen == ["pending", "paused_for_maintenance", "completed"]
    assert len(arrivals) == 3


async def test_body_broken_elsewhere_than_its_status_stops_the_wait(
    httpserver: HTTPServer, mode: str
) -> None:
    broken = task_body("running")
    del broken["created"]
    serve_statuses(httpserver, broken)

    with pytest.raises(ResponseValidationError, match="created"):
        await wait(mode, httpserver)


def test_a_60_second_task_costs_ten_requests() -> None:
    poll_times = itertools.accumulate(PollSchedule().intervals(), initial=0.0)

    requests = next(index + 1 for index, at in enumerate(poll_times) if at >= 60)

    assert requests == 10


def test_poll_interval_doubles_up_to_its_maximum() -> None:
    intervals = list(itertools.islice(PollSchedule().intervals(), 7))

    assert intervals == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0, 10.0]
