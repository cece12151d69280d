"""A generated client seen from outside: its operations, found by walking its ``api`` package
and matched with the schema it was generated from, and how to call each one.

Nothing here knows the OnetSolutions API: the contract tests drive whatever operations and
models the package has, so they keep working as the schema grows.
"""

import datetime
import functools
import importlib
import inspect
import operator
import pkgutil
import types
import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import httpx
from openapi_python_client.strings import ClassName

import onetsolutions
from codegen.checks import Operation, list_operations
from codegen.generate import generator_field_prefix, prepared_schema
from codegen.settings import load_settings
from onetsolutions.response_checks import parse_datetime
from tests.openapi_json_schema import json_schema
from tests.schema_bodies import populated_body

TOKEN = "sk-onetsolutions-contract-tests"
JSON_MEDIA_TYPE = "application/json"

# Path and query parameters get a fixed value of their Python type; UUIDs differ per name so
# that swapped arguments show in a request.
# Limitation: a value of the right type can still break a parameter's pattern or bounds,
# which Prism then refuses with 422 naming the parameter; give that type its value here.
SAMPLE_UUID_NAMESPACE = uuid.UUID("6f1c3a0e-2b7d-4c59-9e4a-1d8b5f0c7a23")
SAMPLE_VALUES: dict[Any, Any] = {
    str: "example",
    int: 1,
    float: 1.5,
    bool: True,
    datetime.datetime: datetime.datetime(2026, 11, 30, 9, 15, tzinfo=datetime.UTC),
    datetime.date: datetime.date(2026, 11, 30),
}


@dataclass(frozen=True)
class GeneratedOperation:
    """One generated operation module and the schema operation it was generated from."""

    name: str  # the module under the package's `api`: "compute.get_nested_instance_task"
    module: types.ModuleType
    schema: Operation
    definition: dict[str, Any]  # the operation object of the prepared schema
    requires_authentication: bool

    def __str__(self) -> str:
        return self.name

    @property
    def parsed_type(self) -> Any:
        """What the operation's ``sync`` returns for a documented response (its return type
        without None); None when the operation documents no response body.
        """
        sync = getattr(self.module, "sync", None)
        if sync is None:
            return None
        returned = typing.get_type_hints(sync)["return"]
        members = [member for member in typing.get_args(returned) if member is not type(None)]
        return functools.reduce(operator.or_, members) if members else returned


@dataclass(frozen=True)
class GeneratedClient:
    """A generated package, the prepared schema it came from, and its operations."""

    package: types.ModuleType
    document: dict[str, Any]
    field_prefix: str
    operations: list[GeneratedOperation]

    def model_class(self, component: str) -> type[Any]:
        """The class generated for ``#/components/schemas/<component>``."""
        models = importlib.import_module(f"{self.package.__name__}.models")
        return getattr(models, ClassName(component, self.field_prefix))

    def operation(self, operation_id: str) -> GeneratedOperation:
        """The operation with ``operation_id``; LookupError naming it when there is none."""
        for operation in self.operations:
            if operation.schema.operation_id == operation_id:
                return operation
        raise LookupError(f"the generated client has no operation {operation_id!r}")


@functools.cache
def pinned_client() -> GeneratedClient:
    """The package under ``generated/`` with the prepared schema of this repository."""
    return load_generated_client(onetsolutions)


def load_generated_client(package: types.ModuleType) -> GeneratedClient:
    """``package`` with the prepared schema of the repository it was generated in (the
    package lives in ``<repository>/generated/<package>``).

    Raises LookupError naming a module of the package that no schema operation explains.
    """
    settings = load_settings(Path(package.__file__ or "").resolve().parents[2])
    document = prepared_schema(settings)
    field_prefix = generator_field_prefix(settings.generator_config)
    schema_operations = {op.module: op for op in list_operations(document, field_prefix)}

    operations = []
    api = importlib.import_module(f"{package.__name__}.api")
    for found in pkgutil.walk_packages(api.__path__, f"{api.__name__}."):
        module = importlib.import_module(found.name)
        if not hasattr(module, "sync_detailed"):
            continue
        name = found.name.removeprefix(f"{api.__name__}.")
        if name not in schema_operations:
            raise LookupError(
                f"{found.name}: matches no operation of the prepared schema; "
                "the package is stale, regenerate it with `python3 noxfile.py -s generate`"
            )
        schema = schema_operations[name]
        definition = document["paths"][schema.path][schema.method]
        # An empty requirement among the alternatives makes authentication optional.
        security = definition.get("security", document.get("security", []))
        requires_authentication = bool(security) and all(security)
        operations.append(
            GeneratedOperation(name, module, schema, definition, requires_authentication)
        )
    return GeneratedClient(package, document, field_prefix, operations)


def sample_arguments(operation: GeneratedOperation, client: GeneratedClient) -> dict[str, Any]:
    """Arguments for ``operation``'s functions except ``client``: every required parameter,
    and a request body with every field filled in when the operation takes one.
    """
    function = operation.module.sync_detailed
    hints = typing.get_type_hints(function)
    arguments = {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.name == "client":
            continue
        if parameter.name == "body":
            arguments["body"] = request_body(operation, hints["body"], client)
        elif parameter.default is inspect.Parameter.empty:
            arguments[parameter.name] = sample_value(parameter.name, hints[parameter.name])
    return arguments


def sample_value(name: str, annotation: Any) -> Any:
    """A value of the type ``annotation`` for the parameter ``name``."""
    if annotation is uuid.UUID:
        return uuid.uuid5(SAMPLE_UUID_NAMESPACE, name)
    if annotation in SAMPLE_VALUES:
        return SAMPLE_VALUES[annotation]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation))
    if typing.get_origin(annotation) is list:
        return [sample_value(name, typing.get_args(annotation)[0])]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return sample_value(name, _first_member(annotation, lambda member: True))
    raise TypeError(f"parameter {name!r}: no sample value for {annotation}; add one")


def request_body(operation: GeneratedOperation, annotation: Any, client: GeneratedClient) -> Any:
    """The body model ``annotation`` names, read from a JSON body with every field filled in,
    made from the operation's request schema.
    """
    body_class = _first_member(annotation, lambda member: hasattr(member, "from_dict"))
    content = operation.definition["requestBody"]["content"]
    media_type = content.get(JSON_MEDIA_TYPE) or next(iter(content.values()))
    schema = json_schema(media_type["schema"], client.document, "request")
    return body_class.from_dict(populated_body(schema))


def replaying_client(package: types.ModuleType, status_code: int, body: Any) -> Any:
    """An AuthenticatedClient of ``package`` whose every request gets ``body`` as JSON with
    ``status_code``, without a server: the client's own parsing, nothing else.
    """
    transport = httpx.MockTransport(lambda _request: httpx.Response(status_code, json=body))
    return package.AuthenticatedClient(
        base_url="https://api.example.com", token=TOKEN, httpx_args={"transport": transport}
    )


def written_back(parsed: Any) -> Any:
    """The JSON the client writes for a value it parsed: ``to_dict`` of models, enum values."""
    if hasattr(parsed, "to_dict"):
        return parsed.to_dict()
    if isinstance(parsed, list):
        return [written_back(item) for item in parsed]
    if isinstance(parsed, Enum):
        return parsed.value
    return parsed


def comparable(document: Any) -> Any:
    """``document`` with each RFC 3339 date-time string replaced by its moment and offset.

    The client keeps both, but writes "Z" as "+00:00" and trims fractions ("09:15:02.480Z"
    comes back as "09:15:02.480000+00:00"), so a body and what the client writes for it are
    compared this way. Strings of free-form fields that look like date-times are read the same
    on both sides, so nothing is hidden there.
    """
    if isinstance(document, dict):
        return {key: comparable(value) for key, value in document.items()}
    if isinstance(document, list):
        return [comparable(item) for item in document]
    if isinstance(document, str):
        try:
            moment = parse_datetime(document)
        except ValueError:
            return document
        return ("date-time", moment, moment.utcoffset())
    return document


def _first_member(annotation: Any, wanted: Callable[[Any], bool]) -> Any:
    """The first type of the union ``annotation`` (or ``annotation`` itself) that is
    ``wanted``, skipping None and the generator's Unset.
    """
    members = typing.get_args(annotation) or (annotation,)
    for member in members:
        is_nothing = member is type(None) or getattr(member, "__name__", "") == "Unset"
        if not is_nothing and wanted(member):
            return member
    raise TypeError(f"{annotation} has no member to build a value from")
