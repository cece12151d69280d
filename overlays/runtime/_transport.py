"""The transport stack under every request a client sends.

    httpx.Client(auth=BearerAuth)
      -> RetryTransport (httpx-retries, with DeadlineAwareRetry)   retries and their waits
        -> AttemptTransport                                         deadline, rate limit, log
          -> httpx.HTTPTransport (or the transport given)           the network

The attempt layer reads each response body, so that a connection dropped mid-body is a
retryable ConnectionFailedError like any other, and turns httpx's transport exceptions into
this package's. This module is imported on a client's first request, not with the package.

Limitation: because bodies are read here, ``client.get_httpx_client().stream(...)`` gets the
whole body in memory before its first chunk; the API's JSON answers are small. Waits use
``asyncio.sleep`` (as httpx-retries does), so the async side needs an asyncio event loop.
"""

import asyncio
import datetime
import logging
import time

import httpx
from httpx_retries import RetryTransport

from ._config import Retries
from ._deadline import seconds_left
from ._limiter import RateLimiter
from ._redact import one_line, redact, redact_url
from ._retry_policy import retry_policy
from .errors import (
    ATTEMPTS_EXTENSION,
    ConnectionFailedError,
    DeadlineExceededError,
    OnetSolutionsError,
    RequestTimeoutError,
    TransportError,
)

logger = logging.getLogger(__name__)

# A timeout that fires with less than this left before the deadline was the deadline's doing.
_DEADLINE_TOLERANCE = 0.05


def build_transport(
    network: httpx.BaseTransport, retries: Retries | None, limiter: RateLimiter | None
) -> httpx.BaseTransport:
    """The sync stack over ``network``: retries (unless None) over rate-limited attempts."""
    attempts = AttemptTransport(network, limiter)
    if retries is None:
        return attempts
    return RetryTransport(transport=attempts, retry=retry_policy(retries))


def build_async_transport(
    network: httpx.AsyncBaseTransport, retries: Retries | None, limiter: RateLimiter | None
) -> httpx.AsyncBaseTransport:
    """The async stack over ``network``, the twin of ``build_transport``."""
    attempts = AsyncAttemptTransport(network, limiter)
    if retries is None:
        return attempts
    return RetryTransport(transport=attempts, retry=retry_policy(retries))


class _Attempts:
    """What the sync and async attempt transports share: everything but sending and sleeping."""

    def __init__(self, limiter: RateLimiter | None) -> None:
        self._limiter = limiter

    def start_attempt(self, request: httpx.Request) -> tuple[int, float]:
        """Count the attempt and bound its timeouts by the deadline.

        Returns the attempt number and the seconds to wait for the rate limiter (booked now).
        """
        attempt = int(request.extensions.get(ATTEMPTS_EXTENSION, 0)) + 1
        request.extensions[ATTEMPTS_EXTENSION] = attempt

        left = seconds_left()
        if left is not None:
            if left <= 0:
                raise DeadlineExceededError(
                    f"{_named(request)}: the deadline passed before attempt {attempt} could "
                    "start; allow more time with deadline()"
                )
            request.extensions["timeout"] = {
                phase: left if limit is None else min(limit, left)
                for phase, limit in request.extensions.get("timeout", {}).items()
            }

        if self._limiter is None:
            return attempt, 0.0
        wait = self._limiter.reserve(within=left)
        if wait is None:
            raise DeadlineExceededError(
                f"{_named(request)}: the rate limit ({self._limiter}) allows the next request "
                "only after the deadline; allow more time with deadline() or send fewer requests"
            )
        if wait > 0:
            logger.debug("%s waits %.3f s for the rate limit", _named(request), wait)
        return attempt, wait

    def finish_attempt(
        self, request: httpx.Request, response: httpx.Response, started: float, attempt: int
    ) -> httpx.Response:
        """Attach the request and duration to ``response`` and log the attempt at DEBUG."""
        elapsed = time.perf_counter() - started
        response.request = request
        response.elapsed = datetime.timedelta(seconds=elapsed)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d %s in %.1f ms (attempt %d)",
                request.method,
                redact_url(request.url, path_only=True),
                response.status_code,
                response.reason_phrase,
                elapsed * 1000,
                attempt,
            )
        return response


class AttemptTransport(_Attempts, httpx.BaseTransport):
    """One attempt of a sync request: within the deadline and rate limit, body read, logged."""

    def __init__(self, network: httpx.BaseTransport, limiter: RateLimiter | None) -> None:
        super().__init__(limiter)
        self._network = network

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt, wait = self.start_attempt(request)
        if wait > 0:
            time.sleep(wait)

        started = time.perf_counter()
        try:
            response = self._network.handle_request(request)
            try:
                response.read()
            except BaseException:
                response.close()
                raise
        except httpx.RequestError as error:
            raise transport_error(request, error, attempt) from error
        return self.finish_attempt(request, response, started, attempt)

    def close(self) -> None:
        self._network.close()


class AsyncAttemptTransport(_Attempts, httpx.AsyncBaseTransport):
    """One attempt of an async request, the twin of ``AttemptTransport``."""

    def __init__(self, network: httpx.AsyncBaseTransport, limiter: RateLimiter | None) -> None:
        super().__init__(limiter)
        self._network = network

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt, wait = self.start_attempt(request)
        if wait > 0:
            await asyncio.sleep(wait)

        started = time.perf_counter()
        try:
            response = await self._network.handle_async_request(request)
            try:
                await response.aread()
            except BaseException:
                await response.aclose()
                raise
        except httpx.RequestError as error:
            raise transport_error(request, error, attempt) from error
        return self.finish_attempt(request, response, started, attempt)

    async def aclose(self) -> None:
        await self._network.aclose()


def transport_error(
    request: httpx.Request, error: httpx.RequestError, attempt: int
) -> OnetSolutionsError:
    """This package's error for an httpx ``error`` raised while sending ``request``."""
    method, url = request.method, redact_url(request.url)
    cause = f"{type(error).__name__}: {one_line(redact(str(error))) or 'no detail'}"
    where = f"{method} {url} (attempt {attempt})"

    if isinstance(error, httpx.TimeoutException):
        left = seconds_left()
        if left is not None and left < _DEADLINE_TOLERANCE:
            return DeadlineExceededError(
                f"{where}: the deadline passed while waiting for the server ({cause}); "
                "allow more time with deadline()"
            )
        return RequestTimeoutError(
            f"{where}: {cause}; the server or network is slow: raise the client's timeout= "
            "or try again later",
            method=method,
            url=url,
            attempts=attempt,
        )
    if isinstance(error, httpx.NetworkError | httpx.RemoteProtocolError):
        return ConnectionFailedError(
            f"{where}: {cause}; check the base URL and the network, or try again later",
            method=method,
            url=url,
            attempts=attempt,
        )
    return TransportError(
        f"{where}: {cause}; check the base URL and the client's httpx options",
        method=method,
        url=url,
        attempts=attempt,
    )


def _named(request: httpx.Request) -> str:
    return f"{request.method} {redact_url(request.url, path_only=True)}"
