"""Waiting for an instance task to end, polling its nested endpoint with a growing interval.

Instance operations are asynchronous: the API hands back a task whose ``status`` goes from
``pending`` to ``running`` to one of ``completed``, ``failed`` or ``cancelled``.
"""

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING
from uuid import UUID

from attrs import define, field, validators

from ._deadline import deadline, seconds_left
from ._redact import redacted_repr
from .errors import (
    DeadlineExceededError,
    TaskCancelledError,
    TaskFailedError,
    TaskTimeoutError,
)

if TYPE_CHECKING:
    from .client import AuthenticatedClient
    from .models.instance_task import InstanceTask

logger = logging.getLogger(__name__)

KNOWN_TASK_STATUSES = frozenset({"pending", "running", "completed", "failed", "cancelled"})


@define(frozen=True)
class PollSchedule:
    """How long ``wait_for_task`` waits between polls: ``first`` seconds, then each wait
    ``multiplier`` times the one before, never more than ``maximum``.

    With the defaults (1 s, x2, 10 s) polls go out at 0, 1, 3, 7, 15, 25, 35, ... seconds: about
    log2(T) requests while a task is young, then one every 10 s, so a task that takes 60 s costs
    10 requests and one of 10 minutes 64.
    """

    first: float = field(default=1.0, validator=validators.gt(0))
    multiplier: float = field(default=2.0, validator=validators.ge(1))
    maximum: float = field(default=10.0, validator=validators.gt(0))

    def intervals(self) -> Iterator[float]:
        """The waits between polls, forever."""
        interval = min(self.first, self.maximum)
        while True:
            yield interval
            interval = min(interval * self.multiplier, self.maximum)


DEFAULT_POLL_SCHEDULE = PollSchedule()


def wait_for_task(
    client: "AuthenticatedClient",
    *,
    organization_id: UUID | str,
    project_id: UUID | str,
    instance_id: UUID | str,
    task_id: UUID | str,
    timeout: float | None = 600.0,
    on_status_change: Callable[["InstanceTask"], object] | None = None,
    poll: PollSchedule = DEFAULT_POLL_SCHEDULE,
) -> "InstanceTask":
    """Poll the task until it ends; return it when it completed.

    ``on_status_change`` is called with the task whenever its status differs from the last one
    seen, the first included. A status this client does not know is not final: polling goes
    on. ``timeout`` (seconds, None for no limit of its own) bounds the whole wait, the retries
    of each poll included, as does any ``deadline()`` around the call.

    Raises TaskFailedError or TaskCancelledError carrying the task (its ``result`` says why),
    TaskTimeoutError carrying the last task seen, or the errors of the poll request itself.
    """
    # Limitation: the waiter is written against the generated get_nested_instance_task; a
    # schema without that operation leaves it failing with ImportError when called.
    from .api.compute import get_nested_instance_task

    watch = _TaskWatch(task_id, on_status_change)
    intervals = poll.intervals()
    with _own_deadline(timeout):
        while True:
            try:
                task = get_nested_instance_task.sync(
                    organization_id, project_id, instance_id, task_id, client=client
                )
            except DeadlineExceededError:
                raise watch.timed_out() from None
            if watch.observe(task):
                return task

            wait, deadline_reached = watch.next_wait(intervals)
            time.sleep(wait)
            if deadline_reached:
                raise watch.timed_out()


async def async_wait_for_task(
    client: "AuthenticatedClient",
    *,
    organization_id: UUID | str,
    project_id: UUID | str,
    instance_id: UUID | str,
    task_id: UUID | str,
    timeout: float | None = 600.0,
    on_status_change: Callable[["InstanceTask"], object] | None = None,
    poll: PollSchedule = DEFAULT_POLL_SCHEDULE,
) -> "InstanceTask":
    """The asyncio twin of ``wait_for_task``: same arguments, result and errors."""
    import asyncio

    from .api.compute import get_nested_instance_task

    watch = _TaskWatch(task_id, on_status_change)
    intervals = poll.intervals()
    with _own_deadline(timeout):
        while True:
            try:
                task = await get_nested_instance_task.asyncio(
                    organization_id, project_id, instance_id, task_id, client=client
                )
            except DeadlineExceededError:
                raise watch.timed_out() from None
            if watch.observe(task):
                return task

            wait, deadline_reached = watch.next_wait(intervals)
            await asyncio.sleep(wait)
            if deadline_reached:
                raise watch.timed_out()


class _TaskWatch:
    """What the sync and async waits share: the meaning of each poll's answer."""

    def __init__(
        self, task_id: UUID | str, on_status_change: Callable[["InstanceTask"], object] | None
    ) -> None:
        self.task_id = task_id
        self.on_status_change = on_status_change
        self.last_task: InstanceTask | None = None
        self.last_status: str | None = None
        self.started = time.monotonic()

    def observe(self, task: "InstanceTask") -> bool:
        """Record a polled task; True when it completed, False while it has not ended.

        A status this client does not know (the generated enum keeps it as an unknown member)
        is not final. Raises TaskFailedError or TaskCancelledError when the task ended otherwise.
        """
        status = str(task.status)
        self.last_task = task
        if status != self.last_status:
            self._note_status(status)
            if self.on_status_change is not None:
                self.on_status_change(task)

        if status == "failed":
            raise TaskFailedError(
                f"task {self.task_id} ({task.task_type}) failed after {self.waited():.1f} s: "
                f"result {redacted_repr(task.result)}",
                task=task,
            )
        if status == "cancelled":
            raise TaskCancelledError(
                f"task {self.task_id} ({task.task_type}) was cancelled after {self.waited():.1f} s",
                task=task,
            )
        return status == "completed"

    def next_wait(self, intervals: Iterator[float]) -> tuple[float, bool]:
        """The wait before the next poll, and whether the deadline comes first."""
        interval = next(intervals)
        left = seconds_left()
        if left is None or left > interval:
            return interval, False
        return max(left, 0.0), True

    def timed_out(self) -> TaskTimeoutError:
        """The error for a wait whose deadline passed, carrying the last task seen."""
        waited = self.waited()
        state = f"still {self.last_status}" if self.last_status else "never read"
        return TaskTimeoutError(
            f"task {self.task_id} was {state} after {waited:.1f} s; wait longer with timeout=, "
            "or look at it later with get_nested_instance_task",
            task=self.last_task,
            waited=waited,
        )

    def waited(self) -> float:
        return time.monotonic() - self.started

    def _note_status(self, status: str) -> None:
        unknown = "" if status in KNOWN_TASK_STATUSES else " (unknown to this client; not final)"
        logger.debug("task %s is %s%s after %.1f s", self.task_id, status, unknown, self.waited())
        self.last_status = status


def _own_deadline(timeout: float | None) -> AbstractContextManager[None]:
    return nullcontext() if timeout is None else deadline(timeout)
