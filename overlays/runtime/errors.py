"""Every error the OnetSolutions client raises, under one base class.

* OnetSolutionsError
  * ConfigurationError - the client cannot work as configured (no credentials, plain http)
  * InvalidPathParameterError - a path parameter that is not one path segment (also ValueError)
  * APIError - the server answered with an error status
    * BadRequestError - 400
    * AuthenticationError - 401
    * PermissionDeniedError - 403
    * NotFoundError - 404
    * ConflictError - 409
    * UnprocessableEntityError - 422
    * RateLimitError - 429
    * ServerError - 5xx
  * TransportError - no response: the request could not be sent or answered
    * ConnectionFailedError - connecting, sending or reading failed
    * RequestTimeoutError - a connect, read, write or pool timeout (also TimeoutError)
  * DeadlineExceededError - the deadline passed before the call finished (also TimeoutError)
  * ResponseValidationError - a success response whose body does not match its model
  * TaskError - a task ended without completing, or did not end in time
    * TaskFailedError
    * TaskCancelledError
    * TaskTimeoutError - also TimeoutError

Messages and the attributes meant for display (``url``, ``body_excerpt``, ``value``) never hold
a credential: they are redacted by name and by shape before they are stored.
"""

import json
from typing import Any

import httpx

from ._redact import excerpt, one_line, redact, redact_url, redacted_repr

# Where the transport counts the attempts made for one request (see _transport.py).
ATTEMPTS_EXTENSION = "onetsolutions.attempts"
REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-correlation-id")


class OnetSolutionsError(Exception):
    """Base class of every error raised by this client."""


class ConfigurationError(OnetSolutionsError):
    """The client cannot work as configured: missing credentials, an insecure URL."""


class InvalidPathParameterError(OnetSolutionsError, ValueError):
    """A path parameter that would not be exactly one path segment; nothing was sent."""


class APIError(OnetSolutionsError):
    """The server answered with an error status.

    Attributes: ``status_code``; ``method`` and ``url`` of the request (URL redacted);
    ``request_id`` from the response headers, if any; ``body_excerpt``, the redacted start of
    the body; ``detail``, parsed from a JSON error body (its ``detail`` member when it has one,
    else the whole body, such as DRF's field errors), None for other bodies; ``attempts``, how
    many times the request was sent; ``headers`` of the response.
    """

    hint = "see the detail and the API documentation"

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str,
        url: str,
        request_id: str | None = None,
        body_excerpt: str = "",
        detail: Any = None,
        attempts: int = 1,
        headers: httpx.Headers | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.method = method
        self.url = url
        self.request_id = request_id
        self.body_excerpt = body_excerpt
        self.detail = detail
        self.attempts = attempts
        self.headers = headers if headers is not None else httpx.Headers()

    @classmethod
    def from_response(cls, response: httpx.Response) -> "APIError":
        """The error for ``response``, whose body has been read; subclasses pick their status."""
        request = response.request
        detail = _error_detail(response)
        request_id = next(
            (response.headers[name] for name in REQUEST_ID_HEADERS if name in response.headers),
            None,
        )
        attempts = int(request.extensions.get(ATTEMPTS_EXTENSION, 1))
        url = redact_url(request.url)
        body_excerpt = excerpt(response.content)

        summary = one_line(redact(detail) if isinstance(detail, str) else body_excerpt)
        tried = f" after {attempts} attempts" if attempts > 1 else ""
        about = f" (request id {redact(request_id)})" if request_id else ""
        message = (
            f"{request.method} {url} answered {response.status_code} "
            f"{response.reason_phrase}{about}{tried}: {summary or 'empty body'}; {cls.hint}"
        )
        return cls(
            message,
            status_code=response.status_code,
            method=request.method,
            url=url,
            request_id=request_id,
            body_excerpt=body_excerpt,
            detail=detail,
            attempts=attempts,
            headers=response.headers,
        )


class BadRequestError(APIError):
    """400: the server refused the request as malformed or invalid."""

    hint = "correct the request: the detail names the fields at fault"


class AuthenticationError(APIError):
    """401: the credentials are missing, wrong or expired."""

    hint = (
        "check the API key or token (ONETSOLUTIONS_API_KEY, ONETSOLUTIONS_TOKEN); "
        "an expiring JWT needs token_provider="
    )


class PermissionDeniedError(APIError):
    """403: the credentials are valid but may not do this."""

    hint = "the credentials lack the permission; use an account or key that has it"


class NotFoundError(APIError):
    """404: no such resource, or not visible to these credentials."""

    hint = "check the ids in the path and that the resource belongs to this organization"


class ConflictError(APIError):
    """409: the request conflicts with the resource's current state."""

    hint = "fetch the resource's current state and try again"


class UnprocessableEntityError(APIError):
    """422: the request was understood but its content cannot be processed."""

    hint = "correct the request: the detail says what could not be processed"


class RateLimitError(APIError):
    """429: too many requests. ``retry_after`` is the server's wait in seconds, if it gave one."""

    hint = "lower the request rate (the client's rate_limit) or retry later"

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked to wait (``Retry-After``, seconds or HTTP date), or None."""
        from ._retry_policy import retry_after_seconds

        return retry_after_seconds(self.headers)


class ServerError(APIError):
    """5xx: the server failed to handle the request."""

    hint = "the server failed; retry later, quoting the request id if it persists"


class TransportError(OnetSolutionsError):
    """No response: the request could not be sent or its answer not read.

    ``method`` and ``url`` (redacted) name the request, ``attempts`` how often it was tried.
    """

    def __init__(self, message: str, *, method: str, url: str, attempts: int = 1) -> None:
        super().__init__(message)
        self.method = method
        self.url = url
        self.attempts = attempts


class ConnectionFailedError(TransportError):
    """Connecting, sending the request or reading the response failed."""


class RequestTimeoutError(TransportError, TimeoutError):
    """Connecting, sending, reading or waiting for a pooled connection took too long."""


class DeadlineExceededError(OnetSolutionsError, TimeoutError):
    """The deadline set with ``deadline()`` passed before the call could finish."""


class ResponseValidationError(OnetSolutionsError):
    """A success response whose body does not parse into the operation's model.

    Attributes: ``operation`` (the generated function's module name), ``model``,
    ``field_path`` ("" when the model does not say which field), ``value`` (the offending value,
    redacted and bounded, or None when unknown) and ``body`` (the raw response body).
    """

    def __init__(
        self,
        message: str,
        *,
        operation: str,
        model: str,
        field_path: str = "",
        value: str | None = None,
        body: bytes = b"",
    ) -> None:
        super().__init__(message)
        self.operation = operation
        self.model = model
        self.field_path = field_path
        self.value = value
        self.body = body

    @classmethod
    def from_parse_error(
        cls, error: Exception, *, operation: str, model: str, response: httpx.Response
    ) -> "ResponseValidationError":
        """Wrap the KeyError, TypeError or ValueError a model raised while parsing ``response``.

        An error that carries ``field_path``, ``value`` and ``reason`` attributes (as the
        models' ResponseFieldError does) gives them to this one.
        """
        field_path = str(getattr(error, "field_path", ""))
        value = redacted_repr(error.value) if hasattr(error, "value") else None
        if hasattr(error, "reason"):
            reason = one_line(redact(str(error.reason)))
        elif isinstance(error, KeyError):
            reason = f"missing field {redact(str(error))}"
        else:
            reason = f"{type(error).__name__}: {one_line(excerpt(str(error), 200))}"
        where = f" at {field_path}" if field_path else ""
        got = f" (got {value})" if value is not None else ""
        message = (
            f"{operation}: the {response.status_code} response body does not match {model}"
            f"{where}: {reason}{got}; the API sent data this client does not expect: "
            "regenerate the client from the current schema"
        )
        return cls(
            message,
            operation=operation,
            model=model,
            field_path=field_path,
            value=value,
            body=response.content,
        )


class TaskError(OnetSolutionsError):
    """A task ended without completing, or did not end in time; ``task`` is its last state."""

    def __init__(self, message: str, *, task: Any) -> None:
        super().__init__(message)
        self.task = task


class TaskFailedError(TaskError):
    """The task ended with status ``failed``; ``task.result`` says why."""


class TaskCancelledError(TaskError):
    """The task ended with status ``cancelled``."""


class TaskTimeoutError(TaskError, TimeoutError):
    """The task had not ended when the wait's timeout passed.

    ``task`` is the last state seen (None when no poll succeeded); ``waited`` is in seconds.
    """

    def __init__(self, message: str, *, task: Any, waited: float) -> None:
        super().__init__(message, task=task)
        self.waited = waited


_ERROR_FOR_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_for_response(response: httpx.Response) -> APIError:
    """The APIError subclass instance for an unexpected ``response`` (body already read)."""
    status = response.status_code
    error_class = _ERROR_FOR_STATUS.get(status) or (ServerError if status >= 500 else APIError)
    return error_class.from_response(response)


def _error_detail(response: httpx.Response) -> Any:
    if "json" not in response.headers.get("content-type", ""):
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    if isinstance(body, dict) and "detail" in body:
        return body["detail"]
    return body


__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "ConnectionFailedError",
    "DeadlineExceededError",
    "InvalidPathParameterError",
    "NotFoundError",
    "OnetSolutionsError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTimeoutError",
    "ResponseValidationError",
    "ServerError",
    "TaskCancelledError",
    "TaskError",
    "TaskFailedError",
    "TaskTimeoutError",
    "TransportError",
    "UnprocessableEntityError",
    "error_for_response",
]
