"""A client library for accessing OnetSolutions API"""

from . import errors
from ._config import IDEMPOTENT_METHODS, Retries
from ._deadline import deadline
from ._limiter import RateLimiter
from ._metadata import API_VERSION, GENERATOR, PACKAGE_VERSION, SCHEMA_SHA256, SCHEMA_SOURCE
from ._pagination import async_iterate_items, async_iterate_pages, iterate_items, iterate_pages
from ._tasks import PollSchedule, async_wait_for_task, wait_for_task
from .client import AuthenticatedClient, Client
from .errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    ConnectionFailedError,
    DeadlineExceededError,
    InvalidPathParameterError,
    NotFoundError,
    OnetSolutionsError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    ResponseValidationError,
    ServerError,
    TaskCancelledError,
    TaskError,
    TaskFailedError,
    TaskTimeoutError,
    TransportError,
    UnprocessableEntityError,
)

__version__ = PACKAGE_VERSION

__all__ = (
    "API_VERSION",
    "GENERATOR",
    "IDEMPOTENT_METHODS",
    "SCHEMA_SHA256",
    "SCHEMA_SOURCE",
    "APIError",
    "AuthenticatedClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConfigurationError",
    "ConflictError",
    "ConnectionFailedError",
    "DeadlineExceededError",
    "InvalidPathParameterError",
    "NotFoundError",
    "OnetSolutionsError",
    "PermissionDeniedError",
    "PollSchedule",
    "RateLimitError",
    "RateLimiter",
    "RequestTimeoutError",
    "ResponseValidationError",
    "Retries",
    "ServerError",
    "TaskCancelledError",
    "TaskError",
    "TaskFailedError",
    "TaskTimeoutError",
    "TransportError",
    "UnprocessableEntityError",
    "__version__",
    "async_iterate_items",
    "async_iterate_pages",
    "async_wait_for_task",
    "deadline",
    "errors",
    "iterate_items",
    "iterate_pages",
    "wait_for_task",
)
