"""One deadline for everything a call does: its attempts, retry waits and task polling.

The deadline lives in a context variable, so it follows the code that set it through sync calls
and into the asyncio tasks that code creates, without any generated function taking an argument.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[float | None] = ContextVar("onetsolutions_deadline", default=None)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Bound every call made inside the ``with`` block to end within ``seconds`` from now.

    Requests are cut short, retries and rate-limit waits that would end after the deadline are
    not started, and waiting for a task stops; the call raises DeadlineExceededError (or
    TaskTimeoutError from a task wait). A deadline nested inside another never extends it.
    """
    if seconds < 0:
        raise ValueError(f"deadline({seconds!r}): seconds must be zero or more")
    ends_at = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(ends_at if outer is None else min(ends_at, outer))
    try:
        yield
    finally:
        _deadline.reset(token)


def seconds_left() -> float | None:
    """Seconds until the current deadline (negative once passed), or None when there is none."""
    ends_at = _deadline.get()
    return None if ends_at is None else ends_at - time.monotonic()
