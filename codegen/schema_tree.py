"""Finding one's way in a parsed OpenAPI 3.0 document: operations, request bodies, schemas.

The schema transforms walk the same few structures; the rules for where a request body or a
nested schema can sit live here once.
"""

from collections.abc import Callable, Iterator
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
COMPONENT_SCHEMA_PREFIX = "#/components/schemas/"

# Keywords whose value is one schema, and those whose value is a list of schemas.
_SINGLE_SCHEMA_KEYWORDS = ("items", "additionalProperties", "not")
_SCHEMA_LIST_KEYWORDS = ("allOf", "oneOf", "anyOf")


def component_schemas(document: dict[str, Any]) -> dict[str, Any]:
    """The document's ``components.schemas`` mapping (empty when it has none)."""
    components = document.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else {}


def operations(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every operation object under ``paths``, in document order."""
    for path_item in (document.get("paths") or {}).values():
        if not isinstance(path_item, dict):
            continue
        for method in HTTP_METHODS:
            operation = path_item.get(method)
            if isinstance(operation, dict):
                yield operation


def request_bodies(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every request body object, each once: inline in operations or under components.

    A body given as ``$ref`` is yielded where it is defined, under ``components.requestBodies``.
    """
    for operation in operations(document):
        body = operation.get("requestBody")
        if isinstance(body, dict) and "$ref" not in body:
            yield body

    components = document.get("components") or {}
    for body in (components.get("requestBodies") or {}).values():
        if isinstance(body, dict) and "$ref" not in body:
            yield body


def media_type_schemas(container: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The schema of each media type under ``container['content']`` (a body or a response)."""
    for media_type in (container.get("content") or {}).values():
        if isinstance(media_type, dict) and isinstance(media_type.get("schema"), dict):
            yield media_type["schema"]


def referenced_component(schema: dict[str, Any]) -> str | None:
    """The name of the component ``schema`` is a ``$ref`` to; None when it is no such ref."""
    return _component_named_by(schema.get("$ref"))


def component_reference(name: str) -> str:
    """The ``$ref`` value that points at the component schema ``name``."""
    return COMPONENT_SCHEMA_PREFIX + name


def inline_schemas(
    schema: Any, skip_property: Callable[[dict[str, Any]], bool] = lambda _: False
) -> list[dict[str, Any]]:
    """``schema`` and every schema nested in it, without following ``$ref``.

    Nesting is through properties, ``items``, ``additionalProperties``, ``not`` and the
    ``allOf``/``oneOf``/``anyOf`` lists. A property for which ``skip_property`` is true is left
    out together with everything beneath it. Parents come before their children.
    """
    found = []
    pending = [schema]
    while pending:
        current = pending.pop()
        if not isinstance(current, dict):
            continue
        found.append(current)

        properties = current.get("properties")
        if isinstance(properties, dict):
            pending.extend(
                child
                for child in properties.values()
                if isinstance(child, dict) and not skip_property(child)
            )
        pending.extend(current.get(keyword) for keyword in _SINGLE_SCHEMA_KEYWORDS)
        for keyword in _SCHEMA_LIST_KEYWORDS:
            members = current.get(keyword)
            if isinstance(members, list):
                pending.extend(members)
    return found


def references_in(schemas: list[dict[str, Any]]) -> set[str]:
    """Names of the components that ``schemas`` point at through ``$ref`` or a discriminator."""
    names = set()
    for schema in schemas:
        name = referenced_component(schema)
        if name is not None:
            names.add(name)
        for target in _discriminator_mapping(schema).values():
            name = _component_named_by(target)
            if name is not None:
                names.add(name)
    return names


def rewire_references(schema: dict[str, Any], replacements: dict[str, str]) -> None:
    """Point ``schema``'s own ``$ref`` and discriminator mapping at the replacement components.

    ``replacements`` maps a component name to the name to use instead; only ``schema`` itself
    is changed, not what is nested in it.
    """
    name = referenced_component(schema)
    if name in replacements:
        schema["$ref"] = component_reference(replacements[name])

    mapping = _discriminator_mapping(schema)
    for value, target in mapping.items():
        name = _component_named_by(target)
        if name in replacements:
            mapping[value] = component_reference(replacements[name])


def reachable_components(
    roots: list[Any],
    schemas: dict[str, Any],
    skip_property: Callable[[dict[str, Any]], bool] = lambda _: False,
) -> set[str]:
    """Names of the components in ``schemas`` that ``roots`` reach through references.

    References are followed at any depth, cycles included; a property for which
    ``skip_property`` is true is not followed, in ``roots`` or in the components reached.
    """
    reached: set[str] = set()
    pending = list(roots)
    while pending:
        found = references_in(inline_schemas(pending.pop(), skip_property)) & schemas.keys()
        newly_reached = found - reached
        reached |= newly_reached
        pending.extend(schemas[name] for name in sorted(newly_reached))
    return reached


def _component_named_by(reference: Any) -> str | None:
    if not isinstance(reference, str) or not reference.startswith(COMPONENT_SCHEMA_PREFIX):
        return None
    name = reference.removeprefix(COMPONENT_SCHEMA_PREFIX)
    # Limitation: a reference into a component (`#/components/schemas/Foo/properties/bar`) or
    # to another file is not followed; drf-spectacular writes neither.
    return None if "/" in name else name


def _discriminator_mapping(schema: dict[str, Any]) -> dict[str, Any]:
    discriminator = schema.get("discriminator")
    mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
    return mapping if isinstance(mapping, dict) else {}
