"""The retry policy: httpx-retries' ``Retry``, with waits that respect the deadline.

httpx-retries decides what is retried (method, status, exception), parses ``Retry-After`` and
computes the exponential backoff with jitter; this subclass only bounds each wait by the
current deadline and logs it.
"""

import asyncio
import logging
import time

import httpx
from httpx_retries import Retry

from ._config import Retries
from ._deadline import seconds_left
from ._redact import redact_url
from .errors import (
    ConnectionFailedError,
    DeadlineExceededError,
    RequestTimeoutError,
    TransportError,
)

logger = logging.getLogger(__name__)

# httpx-retries waits `backoff_factor * 2**n` before retry n; Retries.backoff is the first wait.
_FIRST_RETRY_MULTIPLIER = 2
# Each wait is scaled by a random factor in [1 - jitter, 1].
_JITTER = 0.5


class DeadlineAwareRetry(Retry):
    """``Retry`` whose waits log at DEBUG and never run past the deadline.

    A wait that would end after the deadline is not started: DeadlineExceededError is raised
    instead, naming what was being retried.
    """

    def sleep(self, response: httpx.Response | Exception) -> None:
        """Wait before the next attempt (sync transports)."""
        wait = self.wait_before_retry(response)
        time.sleep(wait)
        self.elapsed_sleep += wait

    async def asleep(self, response: httpx.Response | Exception) -> None:
        """Wait before the next attempt (async transports)."""
        wait = self.wait_before_retry(response)
        await asyncio.sleep(wait)
        self.elapsed_sleep += wait

    def wait_before_retry(self, outcome: httpx.Response | Exception) -> float:
        """Seconds to wait after ``outcome`` (a retryable response or error) before retrying."""
        wait = self.backoff_strategy()
        if isinstance(outcome, httpx.Response):
            requested = retry_after_seconds(outcome.headers)
            if requested:
                wait = min(requested, self.max_backoff_wait)
        if self.total_timeout is not None:
            wait = min(wait, max(0.0, self.total_timeout - self.elapsed_sleep))

        request, reason = _describe(outcome)
        left = seconds_left()
        if left is not None and wait >= left:
            raise DeadlineExceededError(
                f"{request}: {reason}, and the {wait:.2f} s wait before retrying would pass the "
                f"deadline ({max(left, 0.0):.2f} s left); allow more time with deadline() "
                "or try again later"
            )
        logger.debug(
            "%s: %s; retry %d of %d in %.2f s",
            request,
            reason,
            self.attempts_made,
            self.total,
            wait,
        )
        return wait


def retry_policy(retries: Retries) -> DeadlineAwareRetry:
    """The httpx-retries policy for a client's ``Retries`` settings."""
    return DeadlineAwareRetry(
        total=retries.attempts - 1,
        allowed_methods=retries.methods,
        status_forcelist=retries.statuses,
        retry_on_exceptions=(ConnectionFailedError, RequestTimeoutError),
        backoff_factor=retries.backoff / _FIRST_RETRY_MULTIPLIER,
        backoff_jitter=_JITTER,
        max_backoff_wait=retries.max_wait,
        total_timeout=retries.budget,
    )


def retry_after_seconds(headers: httpx.Headers) -> float | None:
    """The wait a ``Retry-After`` header asks for (seconds or HTTP date), or None."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        return Retry().parse_retry_after(value)
    except ValueError:
        return None


def _describe(outcome: httpx.Response | Exception) -> tuple[str, str]:
    """What was sent and what went wrong, for the log and for errors."""
    if isinstance(outcome, httpx.Response):
        request = outcome.request
        reason = f"{outcome.status_code} {outcome.reason_phrase}"
        return f"{request.method} {redact_url(request.url)}", reason
    if isinstance(outcome, TransportError):
        return f"{outcome.method} {outcome.url}", type(outcome).__name__
    return "request", type(outcome).__name__
