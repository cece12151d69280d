"""Provenance of this package: the schema and generator that produced it."""

PACKAGE_VERSION = "0.1.0"
API_VERSION = "v1 (v1)"
SCHEMA_SOURCE = "https://api.onetsolutions.net/schema"
SCHEMA_SHA256 = "eb7d18e3f1293f2f8e1dd6377beb4937b6a5544361c829bab1e31bac9f8c9fbb"
GENERATOR = "openapi-python-client 0.29.1"
