"""A client library for accessing OnetSolutions API"""

from ._metadata import API_VERSION, PACKAGE_VERSION, SCHEMA_SHA256
from .client import AuthenticatedClient, Client

__version__ = PACKAGE_VERSION

__all__ = (
    "API_VERSION",
    "SCHEMA_SHA256",
    "AuthenticatedClient",
    "Client",
    "__version__",
)
