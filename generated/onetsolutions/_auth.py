"""Bearer authentication: a fixed API key or JWT, or a provider for JWTs that expire.

The token is added to each request as it is sent, never to the client's default headers, so it
is not in the caller's ``headers`` dict nor in any repr; and it is refused to a plain ``http://``
URL on another machine, where anyone on the way could read it.
"""

import ipaddress
import threading
from collections.abc import Callable, Generator

import httpx

from .errors import ConfigurationError

TokenProvider = Callable[[], str]


class BearerAuth(httpx.Auth):
    """Adds ``Authorization: <prefix> <token>`` to every request.

    With ``token_provider``, the provider is called for the first request and again when a
    request is answered 401; that request is then sent once more with the new token. Concurrent
    requests that get 401 with the same old token cause one refresh, not one each.
    """

    def __init__(
        self,
        *,
        token: str | None,
        token_provider: TokenProvider | None,
        prefix: str,
        header_name: str,
        allow_insecure_http: bool,
    ) -> None:
        self._provider = token_provider
        self._prefix = prefix
        self._header_name = header_name
        self._allow_insecure_http = allow_insecure_http
        self._header_value = self._with_prefix(token) if token is not None else None
        # Held only while the provider runs, so a refresh happens once however many wait for it.
        self._refresh_lock = threading.Lock()

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        refuse_plain_http_to_remote_host(request.url, self._allow_insecure_http)
        sent = self._current_header_value()
        request.headers[self._header_name] = sent

        response = yield request

        if response.status_code == 401 and self._provider is not None:
            request.headers[self._header_name] = self._refreshed_header_value(stale=sent)
            yield request

    def __repr__(self) -> str:
        return f"BearerAuth(prefix={self._prefix!r}, token=[REDACTED])"

    def _current_header_value(self) -> str:
        if self._header_value is None:
            with self._refresh_lock:
                if self._header_value is None:
                    self._header_value = self._with_prefix(self._fetch_token())
        return self._header_value

    def _refreshed_header_value(self, *, stale: str) -> str:
        with self._refresh_lock:
            if self._header_value is not None and self._header_value != stale:
                return self._header_value  # another request refreshed it meanwhile
            fresh = self._with_prefix(self._fetch_token())
            self._header_value = fresh
            return fresh

    def _fetch_token(self) -> str:
        # Limitation: the provider is a plain callable; in async code it blocks the event loop
        # while it runs, once per token lifetime.
        assert self._provider is not None
        token = self._provider()
        if not isinstance(token, str) or not token:
            got = "an empty string" if token == "" else f"a {type(token).__name__}"
            raise ConfigurationError(
                f"token_provider returned {got}; it must return the token as a non-empty string"
            )
        return token

    def _with_prefix(self, token: str) -> str:
        return f"{self._prefix} {token}" if self._prefix else token


def refuse_plain_http_to_remote_host(url: httpx.URL, allowed: bool) -> None:
    """Raise ConfigurationError before a credential goes over plain http to another machine."""
    if url.scheme != "http" or allowed or is_loopback(url.host):
        return
    raise ConfigurationError(
        f"refusing to send credentials over plain http to {url.host}: use an https:// base_url, "
        "or pass allow_insecure_http=True to AuthenticatedClient if that network is trusted"
    )


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine: localhost, 127.0.0.0/8 or ::1."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
