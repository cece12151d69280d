"""The client-side rate limiter: it keeps one client within the API's documented limits.

The API allows bursts of 100 requests per second and 1000 requests per minute; a fleet of
pollers sharing one client would exceed that without noticing until the 429s arrive.
"""

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """At most ``per_second`` requests in any 1 s and ``per_minute`` in any 60 s.

    Each request books the earliest send time that keeps both sliding windows within their
    limits, in arrival order, and then waits until then: a thread with ``time.sleep``, an
    asyncio task with ``asyncio.sleep``. The booking takes a lock for a few microseconds only,
    so the threads and asyncio tasks of a client share one limiter. A client derived with
    ``with_headers()`` and the like shares its parent's; pass one instance to several clients
    to share a limit between them.

    Limitation: the limit is per process; several processes using one API key each allow
    themselves the full rate, and the retries on 429 have to absorb the excess.
    """

    def __init__(
        self,
        per_second: int = 100,
        per_minute: int = 1000,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        for name, limit in (("per_second", per_second), ("per_minute", per_minute)):
            if limit < 1:
                raise ValueError(f"RateLimiter({name}={limit!r}): a limit must be 1 or more")
        self.per_second = per_second
        self.per_minute = per_minute
        self._clock = clock
        self._lock = threading.Lock()
        # The last `limit` booked send times of each window, oldest first: a new request may go
        # once the oldest of them has left its window.
        self._windows = (
            (1.0, deque[float](maxlen=per_second)),
            (60.0, deque[float](maxlen=per_minute)),
        )
        self._last_slot = float("-inf")

    def reserve(self, within: float | None = None) -> float | None:
        """Book a send time for one request; return the seconds to wait until it (0 or more).

        Books nothing and returns None when that time is more than ``within`` seconds away.
        """
        with self._lock:
            now = self._clock()
            slot = max(now, self._last_slot)
            for seconds, booked in self._windows:
                if len(booked) == booked.maxlen:
                    slot = max(slot, booked[0] + seconds)

            wait = slot - now
            if within is not None and wait > within:
                return None

            for _, booked in self._windows:
                booked.append(slot)
            self._last_slot = slot
            return wait

    def __repr__(self) -> str:
        return f"RateLimiter(per_second={self.per_second}, per_minute={self.per_minute})"
