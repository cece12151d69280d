"""Every response body a generated client's schema documents, and how the client parses one.

A response schema is each JSON response of each operation, and each component schema those
responses use (an object, so a generated model), found by following ``$ref``.
"""

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from tests.generated_operations import (
    JSON_MEDIA_TYPE,
    GeneratedClient,
    GeneratedOperation,
    replaying_client,
    sample_arguments,
)
from tests.openapi_json_schema import component_schema, json_schema

COMPONENT_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class ResponseSchema:
    """A response body schema, and what parses a body of it."""

    label: str  # "get_nested_instance_task 200" or "TaskInstance"
    schema: dict[str, Any]  # the OpenAPI schema object
    client: GeneratedClient
    operation: GeneratedOperation | None = None
    status_code: int = 200

    def __str__(self) -> str:
        return self.label

    def json_schema(self) -> Any:
        return json_schema(self.schema, self.client.document, "response")

    @property
    def parsed_type(self) -> Any:
        """The type a body parses into: the operation's result, or the component's model."""
        if self.operation is not None:
            return self.operation.parsed_type
        return self.client.model_class(self.label)

    def parser(self) -> Callable[[Any], Any]:
        """A function from a JSON body to what the client makes of it: through the operation's
        own response handling for an operation's response, ``from_dict`` for a component.
        """
        if self.operation is None:
            return self.client.model_class(self.label).from_dict
        arguments = sample_arguments(self.operation, self.client)
        return functools.partial(_parsed_by_operation, self, arguments)


def response_schemas(client: GeneratedClient) -> list[ResponseSchema]:
    """The JSON response schemas of every operation, then every object component they use,
    except a component that is itself a whole response (it is checked there already).
    """
    responses = list(_operation_responses(client))
    whole_responses = {response.schema.get("$ref") for response in responses}
    used = set()
    for response in responses:
        used |= _referenced_components(response.schema, client.document)
    components = [
        ResponseSchema(name, {"$ref": COMPONENT_PREFIX + name}, client)
        for name in sorted(used)
        if COMPONENT_PREFIX + name not in whole_responses
        and _is_object(component_schema(client.document, COMPONENT_PREFIX + name))
    ]
    return responses + components


def _operation_responses(client: GeneratedClient) -> Iterator[ResponseSchema]:
    for operation in client.operations:
        for status, response in operation.definition.get("responses", {}).items():
            media_type = response.get("content", {}).get(JSON_MEDIA_TYPE, {})
            if status.isdigit() and "schema" in media_type:
                label = f"{operation.schema.operation_id or operation.name} {status}"
                yield ResponseSchema(label, media_type["schema"], client, operation, int(status))


def _referenced_components(schema: Any, document: dict[str, Any]) -> set[str]:
    """Names of the components ``schema`` refers to, directly or through other components."""
    found: set[str] = set()
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            reference = node.get("$ref")
            if isinstance(reference, str) and reference.startswith(COMPONENT_PREFIX):
                name = reference.removeprefix(COMPONENT_PREFIX)
                if name not in found:
                    found.add(name)
                    pending.append(component_schema(document, reference))
            pending.extend(node.values())
    return found


def _is_object(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _parsed_by_operation(response: ResponseSchema, arguments: dict[str, Any], body: Any) -> Any:
    assert response.operation is not None
    with replaying_client(response.client.package, response.status_code, body) as client:
        return response.operation.module.sync_detailed(**arguments, client=client).parsed
