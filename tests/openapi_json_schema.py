"""OpenAPI 3.0 schema objects rewritten as JSON Schema, so JSON Schema tools can use them.

OpenAPI 3.0 speaks a dialect of JSON Schema draft 4: ``nullable: true`` instead of a "null"
type, ``$ref`` into the document's components, ``readOnly``/``writeOnly`` deciding which way
a property travels, draft 4's boolean ``exclusiveMinimum``, and keywords JSON Schema does not
know (``discriminator``, ``example``, ``x-*``). ``json_schema`` converts one schema object of
a document for one direction; ``format`` is kept, since the client parses by it.
"""

from typing import Any, Literal

Direction = Literal["request", "response"]

# Keywords JSON Schema does not know or that only say which way a property travels, which
# the conversion has already acted on.
OPENAPI_ONLY_KEYWORDS = frozenset(
    {
        "nullable",
        "discriminator",
        "xml",
        "externalDocs",
        "example",
        "deprecated",
        "readOnly",
        "writeOnly",
    }
)
SUBSCHEMA_KEYWORDS = frozenset({"items", "additionalProperties", "not"})
SUBSCHEMA_LIST_KEYWORDS = frozenset({"allOf", "anyOf", "oneOf"})


class RecursiveSchemaError(ValueError):
    """A schema that refers to itself, which cannot be written out as one JSON Schema."""


def json_schema(schema: Any, document: dict[str, Any], direction: Direction) -> Any:
    """``schema``, a schema object of ``document``, as a JSON Schema without any ``$ref``.

    For "response", writeOnly properties are left out; for "request", readOnly ones; either
    way they leave ``required`` too. Raises RecursiveSchemaError for a schema that contains
    itself (a tree of comments, say).
    """
    return _converted(schema, document, direction, refs_followed=())


def component_schema(document: dict[str, Any], reference: str) -> Any:
    """The schema object a local ``$ref`` (``#/components/schemas/Task``) points to."""
    target: Any = document
    for part in reference.removeprefix("#/").split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return target


def _converted(
    schema: Any, document: dict[str, Any], direction: Direction, refs_followed: tuple[str, ...]
) -> Any:
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        # Limitation: a recursive schema is refused rather than cut at some depth;
        # hypothesis-jsonschema could not generate from it either.
        reference = schema["$ref"]
        if reference in refs_followed:
            chain = " -> ".join((*refs_followed, reference))
            raise RecursiveSchemaError(f"{chain}: a recursive schema has no JSON Schema copy")
        target = component_schema(document, reference)
        return _converted(target, document, direction, (*refs_followed, reference))

    def convert(child: Any) -> Any:
        return _converted(child, document, direction, refs_followed)

    left_out = {
        name
        for name, child in schema.get("properties", {}).items()
        if _travels_the_other_way(child, direction)
    }
    converted: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword in OPENAPI_ONLY_KEYWORDS or keyword.startswith("x-"):
            continue
        if keyword == "properties":
            converted[keyword] = {
                name: convert(child) for name, child in value.items() if name not in left_out
            }
        elif keyword == "required":
            converted[keyword] = [name for name in value if name not in left_out]
        elif keyword in SUBSCHEMA_KEYWORDS:
            converted[keyword] = convert(value)
        elif keyword in SUBSCHEMA_LIST_KEYWORDS:
            converted[keyword] = [convert(child) for child in value]
        else:
            converted[keyword] = value

    _convert_draft4_exclusive_bounds(converted)
    if schema.get("nullable") is True:
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def _travels_the_other_way(schema: Any, direction: Direction) -> bool:
    if not isinstance(schema, dict):
        return False
    skipped_keyword = "readOnly" if direction == "request" else "writeOnly"
    return schema.get(skipped_keyword) is True


def _convert_draft4_exclusive_bounds(schema: dict[str, Any]) -> None:
    """OpenAPI 3.0's ``exclusiveMinimum: true`` beside ``minimum`` is draft 6's number form."""
    for exclusive, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(schema.get(exclusive), bool) and schema.pop(exclusive) and bound in schema:
            schema[exclusive] = schema.pop(bound)
