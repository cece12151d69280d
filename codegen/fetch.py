"""The fetch step: download the published schema, validate it, and pin it under ``openapi/``.

The source is an http(s) URL, a ``file://`` URL or a local path. Nothing is written unless the
new schema parsed and validated; the pinned schema is written first, then its provenance, and
a failure while writing the provenance puts the previous schema back.
"""

import enum
import logging
import re
import socket
import ssl
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from urllib.request import url2pathname

import httpx

from .atomic import write_bytes_atomically
from .errors import FetchError, SchemaError
from .provenance import Provenance, read_provenance, sha256_hex, utc_timestamp, write_provenance
from .schema_document import parse_schema, validate_openapi_30
from .settings import Settings

logger = logging.getLogger("codegen.fetch")

_SECRET_PARAMETER = re.compile(r"key|token|secret|passw|signature|sig$|auth|credential", re.I)

# drf-spectacular serves YAML unless JSON is asked for; YAML is what we pin and diff.
_ACCEPT = (
    "application/vnd.oai.openapi, application/yaml;q=0.9, "
    "application/vnd.oai.openapi+json;q=0.8, application/json;q=0.8, */*;q=0.1"
)


class FetchOutcome(enum.Enum):
    """What a fetch did to the pinned schema."""

    UPDATED = "updated"
    NOT_MODIFIED = "not modified"
    IDENTICAL = "identical"


@dataclass(frozen=True)
class _Download:
    """A schema body as received, with what the provenance records about it."""

    body: bytes
    source_url: str
    etag: str | None = None
    last_modified: str | None = None
    media_type: str | None = None


@dataclass(frozen=True)
class _Pinned:
    """The pinned schema and its provenance as found before fetching; either may be absent."""

    schema: bytes | None
    provenance: Provenance | None

    @cached_property
    def intact_digest(self) -> str | None:
        """The pinned schema's SHA-256 when its provenance records that digest, else None."""
        if self.schema is None or self.provenance is None:
            return None
        digest = sha256_hex(self.schema)
        return digest if digest == self.provenance.sha256 else None

    def etag_for(self, source_url: str) -> str | None:
        """The ETag to send to ``source_url``, or None.

        An ETag identifies one version of one URL's answer, and a 304 keeps the local file, so
        it is sent only to the same URL and while the pinned file is the one it was sent for.
        """
        if self.provenance is None or self.intact_digest is None:
            return None
        return self.provenance.etag if self.provenance.source_url == source_url else None


def fetch_schema(settings: Settings, source: str, *, timeout: float) -> FetchOutcome:
    """Download the schema at ``source`` and pin it, with its provenance, under ``openapi/``.

    ``timeout`` bounds each network operation, in seconds. Raises FetchError, on one line
    naming ``source`` and the cause, when the schema cannot be obtained, is not valid OpenAPI
    3.0, or cannot be written; the pinned files are then left as they were. Credentials in
    ``source`` (a password, a token in the query) are used but never logged or recorded.
    """
    shown = url_without_secrets(source)
    try:
        return _fetch_schema(settings, source, shown, timeout=timeout)
    except FetchError as error:
        raise FetchError(str(error).replace(source, shown)) from None


def _fetch_schema(settings: Settings, source: str, shown: str, *, timeout: float) -> FetchOutcome:
    pinned = _Pinned(_read_pinned_schema(settings), read_provenance(settings.provenance))
    pinned_path = settings.shown(settings.pinned_schema)
    user_agent = f"onetsolutions-codegen/{settings.package_version}"
    started = time.monotonic()

    download = _download(source, pinned=pinned, timeout=timeout, user_agent=user_agent)
    seconds = time.monotonic() - started

    if download is None:
        logger.info("%s: not modified (HTTP 304) in %.2f s; kept %s", shown, seconds, pinned_path)
        return FetchOutcome.NOT_MODIFIED

    digest = sha256_hex(download.body)
    figures = f"{len(download.body):,} bytes from {shown} (sha256 {digest[:8]}…) in {seconds:.2f} s"
    if pinned.intact_digest == digest:
        logger.info("fetched %s; identical to %s, nothing written", figures, pinned_path)
        return FetchOutcome.IDENTICAL

    _require_valid_schema(download.body, source)
    provenance = Provenance(
        source_url=url_without_secrets(download.source_url),
        sha256=digest,
        size=len(download.body),
        etag=download.etag,
        last_modified=download.last_modified,
        fetched_at=utc_timestamp(),
        media_type=download.media_type,
    )
    _pin(settings, download.body, provenance, previous_schema=pinned.schema, source=source)
    logger.info("fetched %s; pinned %s", figures, pinned_path)
    return FetchOutcome.UPDATED


def _read_pinned_schema(settings: Settings) -> bytes | None:
    try:
        return settings.pinned_schema.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise FetchError(f"{settings.pinned_schema}: cannot be read ({error.strerror}).") from None


def _download(source: str, *, pinned: _Pinned, timeout: float, user_agent: str) -> _Download | None:
    """Obtain the body at ``source``; None when the server answered 304 Not Modified."""
    if "://" not in source:
        return _read_local_file(Path(source), source)

    address = urlsplit(source)
    scheme = address.scheme.lower()
    if scheme == "file":
        return _read_local_file(Path(url2pathname(address.path)), source)
    if scheme in ("http", "https"):
        if not address.hostname:
            raise FetchError(f"{source}: names no host; check the URL.")
        etag = pinned.etag_for(url_without_secrets(source))
        return _download_http(source, etag=etag, timeout=timeout, user_agent=user_agent)
    raise FetchError(
        f"{source}: unsupported URL scheme '{scheme}'; use http(s)://, file:// or a local path."
    )


def _read_local_file(path: Path, source: str) -> _Download:
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        raise FetchError(f"{source}: no such file; check the path.") from None
    except OSError as error:
        raise FetchError(f"{source}: cannot be read ({error.strerror}).") from None

    # An absolute file URL says unambiguously, in the provenance, that the schema did not
    # come from the published URL.
    return _Download(body=body, source_url=path.resolve().as_uri())


def _download_http(
    url: str, *, etag: str | None, timeout: float, user_agent: str
) -> _Download | None:
    headers = {"User-Agent": user_agent, "Accept": _ACCEPT}
    if etag is not None:
        headers["If-None-Match"] = etag

    # Limitation: httpx applies the timeout to each connect and read, not to the whole
    # download; a server trickling bytes can take longer than `timeout` in total.
    try:
        with httpx.Client(headers=headers, timeout=timeout, follow_redirects=True) as client:
            response = client.get(url)
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise FetchError(f"{url}: {_describe_transport_failure(error, timeout)}") from None

    # A 304 to a request that named no version cannot be trusted to mean the pinned file.
    if response.status_code == httpx.codes.NOT_MODIFIED and etag is not None:
        return None
    if response.status_code != httpx.codes.OK:
        raise FetchError(
            f"{url}: answered HTTP {response.status_code} {_reason(response)}; "
            "check the URL, or retry later if the server is failing."
        )

    media_type = _media_type(response.headers.get("Content-Type"))
    if media_type == "text/html":
        raise FetchError(f"{url}: answered an HTML page, not a schema; check the URL.")
    if response.history:
        logger.debug("%s: redirected to %s", url, response.url)
    return _Download(
        body=response.content,
        source_url=url,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
        media_type=media_type,
    )


def _describe_transport_failure(error: Exception, timeout: float) -> str:
    if isinstance(error, httpx.ConnectTimeout):
        return f"could not connect within {timeout:g} s; retry, or raise --timeout."
    if isinstance(error, httpx.TimeoutException):
        return f"no answer within {timeout:g} s; retry, or raise --timeout."
    if isinstance(error, httpx.ConnectError):
        return _describe_connect_failure(error)
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the answer broke off (truncated): {str(error).rstrip('.')}; retry."
    if isinstance(error, httpx.TooManyRedirects):
        return "redirects too many times; check the URL."
    return f"request failed ({type(error).__name__}: {_first_line(str(error))})."


def _describe_connect_failure(error: httpx.ConnectError) -> str:
    # httpx keeps the socket error that refused the connection in the chain of causes.
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            host = error.request.url.host
            return f"could not resolve host '{host}'; check the URL and your DNS."
        if isinstance(cause, ConnectionRefusedError):
            return "could not connect: connection refused; is the server running?"
        if isinstance(cause, ssl.SSLError):
            return f"could not connect: TLS failed ({cause.reason or cause})."
        cause = cause.__cause__ or cause.__context__
    return f"could not connect ({_first_line(str(error))})."


def _require_valid_schema(body: bytes, source: str) -> None:
    try:
        document = parse_schema(body, source)
        validate_openapi_30(document, source)
    except SchemaError as error:
        raise FetchError(str(error)) from None


def _pin(
    settings: Settings,
    schema: bytes,
    provenance: Provenance,
    *,
    previous_schema: bytes | None,
    source: str,
) -> None:
    # The bytes are pinned exactly as served, so their sha256 can be checked against the
    # server. A JSON answer goes into the same .yaml file: JSON is valid YAML 1.2, which the
    # generator reads, and parse_schema reads JSON first.
    try:
        write_bytes_atomically(settings.pinned_schema, schema)
    except OSError as error:
        raise _not_written(source, settings.pinned_schema, error) from None

    try:
        write_provenance(settings.provenance, provenance)
    except BaseException as error:
        # A schema without its provenance could not be told apart from a hand edit.
        _restore(settings.pinned_schema, previous_schema)
        if isinstance(error, OSError):
            raise _not_written(source, settings.provenance, error) from None
        raise


def _not_written(source: str, path: Path, error: OSError) -> FetchError:
    return FetchError(f"{source}: downloaded, but {path} cannot be written ({error.strerror}).")


def _restore(path: Path, previous: bytes | None) -> None:
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        write_bytes_atomically(path, previous)


def _reason(response: httpx.Response) -> str:
    # Servers word reason phrases freely (werkzeug shouts them, HTTP/2 sends none).
    return httpx.codes.get_reason_phrase(response.status_code) or response.reason_phrase


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";")[0].strip().lower() or None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def url_without_secrets(url: str) -> str:
    """``url`` as it may be shown and recorded: no user or password, secret-looking query
    parameters (``api_key``, ``token``, ...) replaced by ``REDACTED``."""
    if "://" not in url:
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "<a URL that cannot be parsed>"
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    query = urlencode(
        [
            (name, "REDACTED" if _SECRET_PARAMETER.search(name) else value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
        ]
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
