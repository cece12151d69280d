"""The clients every generated operation takes: ``Client`` and ``AuthenticatedClient``.

Both build their httpx clients on first use, over the transport stack of ``_transport.py``
(retries, rate limit, deadline, a DEBUG line per request), and send a User-Agent naming this
package's version and the sha256 prefix of the schema it was generated from.
"""

import os
import ssl
from collections.abc import Mapping
from typing import Any, Self

import httpx
from attrs import define, evolve, field

from ._auth import BearerAuth, TokenProvider
from ._config import (
    API_KEY_VARIABLE,
    DEFAULT_BASE_URL,
    TOKEN_VARIABLE,
    Retries,
    default_timeout,
    user_agent,
)
from ._limiter import RateLimiter
from ._redact import MASK, redact_headers
from .errors import ConfigurationError

# httpx.Client options that configure connections. httpx ignores them when it is given a
# transport, so they go to the network transport under the retry and rate-limit layers.
_NETWORK_OPTIONS = ("cert", "http1", "http2", "limits", "proxy", "trust_env")


def _masked_cookies(cookies: Mapping[str, str]) -> str:
    return repr(dict.fromkeys(cookies, MASK))


@define
class Client:
    """A client for the operations that need no credentials.

    Every argument is optional and all but ``base_url`` are keywords:

        ``base_url``: the API's address, ``https://api.onetsolutions.net`` by default.

        ``timeout``: an ``httpx.Timeout`` for each request; by default 10 s to connect and 30 s
        for each read, write or pool wait; None waits forever.

        ``retries``: a ``Retries`` policy (by default up to 4 attempts for idempotent methods on
        429, 502, 503, 504 and connection failures); None sends each request once.

        ``rate_limit``: a ``RateLimiter``; by default a new one with the API's limits (100
        requests per second, 1000 per minute); None turns client-side limiting off.

        ``raise_on_unexpected_status``: whether ``*_detailed`` functions raise an
        ``errors.APIError`` for a status the schema does not document as a success (True by
        default); otherwise they return it with ``parsed=None``. ``sync`` and ``asyncio``
        functions always raise.

        ``headers``, ``cookies``: sent with every request; the dicts given are not modified.

        ``verify_ssl``, ``follow_redirects``: httpx's ``verify`` and ``follow_redirects``.

        ``httpx_args``: more ``httpx.Client`` arguments. The connection options among them
        (``cert``, ``http1``, ``http2``, ``limits``, ``proxy``, ``trust_env``) and a
        ``transport`` go under the retry and rate-limit layers.

    Limitation: ``set_httpx_client``/``set_async_httpx_client`` and ``mounts`` in
    ``httpx_args`` bypass retries, rate limit and deadline; proxies from the environment
    (``HTTPS_PROXY``) are not used: pass ``proxy`` in ``httpx_args``.
    """

    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    _base_url: str = field(default=DEFAULT_BASE_URL, alias="base_url")
    _cookies: dict[str, str] = field(
        factory=dict, kw_only=True, alias="cookies", repr=_masked_cookies
    )
    _headers: dict[str, str] = field(
        factory=dict, kw_only=True, alias="headers", repr=redact_headers
    )
    _timeout: httpx.Timeout | None = field(factory=default_timeout, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=False)
    _retries: Retries | None = field(factory=Retries, kw_only=True, alias="retries")
    _rate_limit: RateLimiter | None = field(factory=RateLimiter, kw_only=True, alias="rate_limit")
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False, repr=False)

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A new client like this one, sending ``headers`` too; it shares the rate limiter."""
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A new client like this one, sending ``cookies`` too; it shares the rate limiter."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """A new client like this one with another timeout; it shares the rate limiter."""
        return evolve(self, timeout=timeout)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use ``client`` as is for sync requests: no retries, rate limit or deadline."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The httpx.Client sync operations use, built on first call."""
        if self._client is None:
            from ._transport import build_transport

            options, network_options, network = self._httpx_options()
            network = network or httpx.HTTPTransport(verify=self._verify_ssl, **network_options)
            transport = build_transport(network, self._retries, self._rate_limit)
            self._client = httpx.Client(transport=transport, **options)
        return self._client

    def __enter__(self) -> Self:
        """Enter the sync httpx.Client's context; it closes on exit and cannot be re-entered."""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Close the sync httpx.Client."""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use ``async_client`` as is for async requests: no retries, rate limit or deadline."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The httpx.AsyncClient async operations use, built on first call."""
        if self._async_client is None:
            from ._transport import build_async_transport

            options, network_options, network = self._httpx_options()
            network = network or httpx.AsyncHTTPTransport(
                verify=self._verify_ssl, **network_options
            )
            transport = build_async_transport(network, self._retries, self._rate_limit)
            self._async_client = httpx.AsyncClient(transport=transport, **options)
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter the httpx.AsyncClient's context; it closes on exit and cannot be re-entered."""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Close the httpx.AsyncClient."""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)

    def _httpx_auth(self) -> httpx.Auth | None:
        return None

    def _httpx_options(self) -> tuple[dict[str, Any], dict[str, Any], Any]:
        """The arguments of the httpx client, those of its network transport, and the transport
        given in ``httpx_args`` (None when there is none).
        """
        options = dict(self._httpx_args)
        network_options = {name: options.pop(name) for name in _NETWORK_OPTIONS if name in options}
        network = options.pop("transport", None)
        options.update(
            base_url=self._base_url,
            cookies=self._cookies,
            headers={"User-Agent": user_agent(), **self._headers},
            timeout=self._timeout,
            follow_redirects=self._follow_redirects,
            auth=self._httpx_auth(),
        )
        return options, network_options, network


@define
class AuthenticatedClient(Client):
    """A client for the operations that need credentials, sent as a Bearer token.

    Give ``token`` (an ``sk-onetsolutions-...`` API key or a JWT) or ``token_provider`` (a
    callable returning a token: it is called for the first request and again when a request is
    answered 401, which is then sent once more), or build the client with ``from_env()``. The
    other arguments are those of ``Client``, plus ``prefix`` and ``auth_header_name`` of the
    header sent.

    The token goes only to https URLs and plain http ones on this machine, unless
    ``allow_insecure_http=True``; it never appears in repr(), error messages or log records.
    """

    token: str | None = field(default=None, kw_only=True, repr=False)
    token_provider: TokenProvider | None = field(default=None, kw_only=True, repr=False)
    prefix: str = field(default="Bearer", kw_only=True)
    auth_header_name: str = field(default="Authorization", kw_only=True)
    allow_insecure_http: bool = field(default=False, kw_only=True)
    _bearer: BearerAuth | None = field(default=None, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.token is not None and self.token_provider is not None:
            raise ConfigurationError(
                "AuthenticatedClient takes token= or token_provider=, not both; "
                "a token_provider is for JWTs that expire"
            )
        if not self.token and self.token_provider is None:
            raise ConfigurationError(
                "AuthenticatedClient needs credentials: pass token= (an API key or JWT) or "
                "token_provider=, or use AuthenticatedClient.from_env(), which reads "
                f"{API_KEY_VARIABLE}, then {TOKEN_VARIABLE}"
            )

    @classmethod
    def from_env(cls, base_url: str = DEFAULT_BASE_URL, **options: Any) -> Self:
        """A client using the API key in ONETSOLUTIONS_API_KEY, or else the JWT in
        ONETSOLUTIONS_TOKEN.

        ``options`` are the keyword arguments of the class. Raises ConfigurationError, naming
        both variables, when neither is set.
        """
        for variable in (API_KEY_VARIABLE, TOKEN_VARIABLE):
            token = os.environ.get(variable, "").strip()
            if token:
                return cls(base_url, token=token, **options)
        raise ConfigurationError(
            f"no OnetSolutions credentials in the environment: set {API_KEY_VARIABLE} to an API "
            f"key (sk-onetsolutions-...) or {TOKEN_VARIABLE} to a JWT, or pass token= to "
            "AuthenticatedClient"
        )

    def _httpx_auth(self) -> httpx.Auth:
        # One BearerAuth for the sync and async clients, so a refreshed token serves both.
        if self._bearer is None:
            self._bearer = BearerAuth(
                token=self.token,
                token_provider=self.token_provider,
                prefix=self.prefix,
                header_name=self.auth_header_name,
                allow_insecure_http=self.allow_insecure_http,
            )
        return self._bearer


__all__ = ["AuthenticatedClient", "Client"]
