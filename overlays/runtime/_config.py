"""The client's defaults in one place: base URL, timeouts, retry policy and User-Agent."""

import sys
from collections.abc import Iterable

import httpx
from attrs import define, field, validators

from ._metadata import PACKAGE_VERSION, SCHEMA_SHA256

DEFAULT_BASE_URL = "https://api.onetsolutions.net"

# Where AuthenticatedClient.from_env() looks for credentials, in this order.
API_KEY_VARIABLE = "ONETSOLUTIONS_API_KEY"
TOKEN_VARIABLE = "ONETSOLUTIONS_TOKEN"

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})


def default_timeout() -> httpx.Timeout:
    """The timeout a client uses unless given one: 10 s to connect, 30 s for everything else.

    Without a timeout a stalled connection would hang the caller forever.
    """
    return httpx.Timeout(30.0, connect=10.0)


def _method_names(methods: Iterable[str]) -> frozenset[str]:
    return frozenset(method.upper() for method in methods)


@define(frozen=True)
class Retries:
    """Which failed requests are sent again, how often, and how long to wait in between.

    A response with a status in ``statuses`` or a connection failure or timeout is retried, for
    the methods in ``methods`` only: by default the idempotent ones, so a POST that may have
    been acted on is never sent twice unless you add it (``methods=IDEMPOTENT_METHODS |
    {"POST"}``). Up to ``attempts`` sends in all. The wait before retry n is ``backoff * 2**(n-1)``
    seconds scaled by a random factor between 0.5 and 1, or the server's ``Retry-After``
    (seconds or HTTP date) when it gives one; no single wait exceeds ``max_wait`` and the waits
    of one request add up to at most ``budget`` seconds. ``deadline()`` bounds them further.
    """

    attempts: int = field(default=4, validator=validators.ge(1))
    backoff: float = field(default=0.5, validator=validators.ge(0))
    max_wait: float = field(default=30.0, validator=validators.gt(0))
    budget: float = field(default=60.0, validator=validators.gt(0))
    methods: frozenset[str] = field(
        default=IDEMPOTENT_METHODS, converter=_method_names, validator=validators.min_len(1)
    )
    statuses: frozenset[int] = field(
        default=RETRY_STATUSES, converter=frozenset, validator=validators.min_len(1)
    )


def user_agent() -> str:
    """``onetsolutions-python/<version> (schema <sha256 prefix>) httpx/<v> python/<v>``."""
    python = ".".join(str(part) for part in sys.version_info[:3])
    return (
        f"onetsolutions-python/{PACKAGE_VERSION} (schema {SCHEMA_SHA256[:12]}) "
        f"httpx/{httpx.__version__} python/{python}"
    )
