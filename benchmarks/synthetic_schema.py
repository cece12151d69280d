"""A drf-spectacular-style schema of any size, for measuring the pipeline at full scale.

The published schema spans hundreds of operations; the pinned copy has one. This builds one
with the same habits, deterministically from a seed: resources nested under organization,
project and parent UUIDs; list, create, retrieve, update, partial update and delete for each;
readOnly fields listed as required; one component shared by requests and responses; request
bodies under JSON, form and multipart media types; inline enums with ``x-spec-enum-id``;
nullable datetimes; free-form fields; nested read-only relations; paginated lists taking
``page`` and ``page_size``.

    python -m benchmarks.synthetic_schema --operations 500 > large.yaml
"""

import argparse
import hashlib
import random
import sys
from typing import Any

import yaml

TAGS = ("Authentication", "Organizations", "Projects", "Compute", "Domains", "Web Hosting")
ACTIONS = ("list", "create", "retrieve", "update", "partial_update", "destroy")
NOUNS = (
    "instance", "volume", "snapshot", "backup", "firewall", "network", "key", "monitor",
    "zone", "record", "domain", "transfer", "mailbox", "database", "certificate", "site",
    "member", "role", "invitation", "token", "image", "address", "rule", "alert",
)  # fmt: skip
STATUSES = ("pending", "active", "suspended", "deleting", "failed", "archived")
DEFAULT_SEED = 20261203


def build_schema(operations: int = 500, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """A valid OpenAPI 3.0.3 document with about ``operations`` operations (a multiple of 6)."""
    chooser = random.Random(seed)
    resources = max(1, round(operations / len(ACTIONS)))
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}

    for index in range(resources):
        name = _resource_name(index)
        tag = TAGS[index % len(TAGS)]
        schemas.update(_components(name, chooser))
        paths.update(_paths(name, tag))

    return {
        "openapi": "3.0.3",
        "info": {
            "title": "OnetSolutions API",
            "version": "v1 (v1)",
            "description": f"Synthetic schema: {resources * len(ACTIONS)} operations.",
        },
        "paths": paths,
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "BearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT or API Key"}
            },
        },
        "tags": [{"name": tag} for tag in TAGS],
        "servers": [{"url": "https://api.onetsolutions.net"}],
        "security": [],
    }


def _resource_name(index: int) -> str:
    noun = NOUNS[index % len(NOUNS)]
    return f"{noun.capitalize()}{index // len(NOUNS) + 1}"


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def _uuid_parameter(name: str, description: str = "") -> dict[str, Any]:
    parameter: dict[str, Any] = {
        "in": "path",
        "name": name,
        "schema": {"type": "string", "format": "uuid"},
        "required": True,
    }
    if description:
        parameter["description"] = description
    return parameter


def _paths(name: str, tag: str) -> dict[str, Any]:
    snake = _snake(name)
    collection = (
        "/v1/organizations/{organization_id}/projects/{project_id}"
        f"/parents/{{parent_id}}/{snake}s/"
    )
    item = collection + "{id}/"
    scope = [_uuid_parameter("organization_id"), _uuid_parameter("project_id")]
    scope.append(_uuid_parameter("parent_id"))
    item_scope = [_uuid_parameter("id", f"A UUID string identifying this {name}."), *scope]
    reference = {"$ref": f"#/components/schemas/{name}"}
    security: list[dict[str, list[str]]] = [{"BearerAuth": []}]

    def operation(action: str, parameters: list[Any], **parts: Any) -> dict[str, Any]:
        return {
            "operationId": f"{snake}_{action}",
            "tags": [tag],
            "summary": f"[{name}] {action.replace('_', ' ')}",
            "parameters": parameters,
            "security": security,
            **parts,
        }

    def body(component: str) -> dict[str, Any]:
        schema = {"$ref": f"#/components/schemas/{component}"}
        media_types = (
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        )
        return {"content": {media: {"schema": schema} for media in media_types}, "required": True}

    def answer(schema: dict[str, Any], status: str = "200") -> dict[str, Any]:
        return {status: {"content": {"application/json": {"schema": schema}}, "description": ""}}

    pages = [
        {"name": "page", "required": False, "in": "query", "schema": {"type": "integer"}},
        {"name": "page_size", "required": False, "in": "query", "schema": {"type": "integer"}},
    ]
    return {
        collection: {
            "get": operation(
                "list",
                [*scope, *pages],
                responses=answer({"$ref": f"#/components/schemas/Paginated{name}List"}),
            ),
            "post": operation(
                "create", scope, requestBody=body(name), responses=answer(reference, "201")
            ),
        },
        item: {
            "get": operation("retrieve", item_scope, responses=answer(reference)),
            "put": operation(
                "update", item_scope, requestBody=body(name), responses=answer(reference)
            ),
            "patch": operation(
                "partial_update",
                item_scope,
                requestBody=body(f"Patched{name}"),
                responses=answer(reference),
            ),
            "delete": operation(
                "destroy", item_scope, responses={"204": {"description": "No response body"}}
            ),
        },
    }


def _components(name: str, chooser: random.Random) -> dict[str, Any]:
    statuses = sorted(chooser.sample(STATUSES, k=chooser.randint(3, len(STATUSES))))
    enum_id = hashlib.sha256(f"{name}-status".encode()).hexdigest()[:16]
    properties: dict[str, Any] = {
        "id": {"type": "string", "format": "uuid", "readOnly": True},
        "name": {"type": "string", "maxLength": 100},
        "status": {
            "enum": statuses,
            "type": "string",
            "description": "\n".join(f"* `{value}` - {value.title()}" for value in statuses),
            "x-spec-enum-id": enum_id,
            "readOnly": True,
        },
        "spec": {"$ref": f"#/components/schemas/{name}Spec"},
        "created_by": {
            "allOf": [{"$ref": f"#/components/schemas/{name}Creator"}],
            "readOnly": True,
        },
        "labels": {"type": "array", "items": {"type": "string"}},
        "metadata": {"description": "Free-form settings"},
        "size": {"type": "integer", "maximum": 4294967295, "minimum": 0, "format": "int64"},
        "started_at": {"type": "string", "format": "date-time", "readOnly": True, "nullable": True},
        "created": {"type": "string", "format": "date-time", "readOnly": True},
        "modified": {"type": "string", "format": "date-time", "readOnly": True},
    }
    required = ["created", "created_by", "id", "modified", "name", "spec", "started_at", "status"]
    patched = {key: value for key, value in properties.items()}
    return {
        name: {"type": "object", "properties": properties, "required": required},
        f"Patched{name}": {"type": "object", "properties": patched},
        f"{name}Spec": {
            "type": "object",
            "properties": {
                "region": {"type": "string"},
                "replicas": {"type": "integer"},
                "options": {"type": "object", "additionalProperties": {}},
            },
            "required": ["region"],
        },
        f"{name}Creator": {
            "type": "object",
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "email": {"type": "string", "format": "email"},
            },
            "required": ["email", "id"],
        },
        f"Paginated{name}List": {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "example": 123},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}},
            },
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=500)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    arguments = parser.parse_args()
    yaml.safe_dump(build_schema(arguments.operations, arguments.seed), sys.stdout, sort_keys=False)


if __name__ == "__main__":
    main()
