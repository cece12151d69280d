"""Request variants without readOnly fields; responses that may omit writeOnly fields.

Unless its ``COMPONENT_SPLIT_REQUEST`` setting is on, drf-spectacular uses one component for a
request body and for responses, and lists readOnly fields as required. openapi-python-client
ignores ``readOnly`` and ``writeOnly``: a request model demands and sends ``id``, ``created``,
``status``, and a response that omits a required writeOnly field (a password) raises KeyError.

Each component schema is sorted by where it is used:

    request only    reached from request bodies alone: its readOnly properties are removed
    shared          reached from request bodies and from elsewhere (responses, parameters):
                    it stays the response form, and gets a request variant (``FooRequest``)
                    when the two forms differ, i.e. when a readOnly or a required writeOnly
                    property sits anywhere beneath it, through references too
    response only   everything else, unused components included: writeOnly properties leave
                    ``required``

Request bodies and request forms then point at the variants. A shared component whose forms
do not differ keeps serving both: its variant would be an identical copy under another name.
Reaching components from request bodies does not pass through readOnly properties, since the
request form drops them. The output has no readOnly property on the request side and no
required writeOnly property on the response side, so running this again changes nothing; a
schema the server split itself (``FooRequest``, ``PatchedFooRequest``) is already in that shape.
"""

import copy
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .schema_tree import (
    component_schemas,
    inline_schemas,
    media_type_schemas,
    operations,
    reachable_components,
    referenced_component,
    references_in,
    request_bodies,
    rewire_references,
)

VARIANT_SUFFIX = "Request"
# Used when `FooRequest` already names something else, then numbered: FooWrite, FooWrite2, ...
FALLBACK_VARIANT_SUFFIX = "Write"


@dataclass(frozen=True)
class ReadWriteSplitReport:
    """What the split changed: variants created (component -> variant) and fields touched."""

    variants: dict[str, str]
    read_only_fields_dropped: int
    write_only_fields_made_optional: int

    def summary(self) -> str:
        """One line for the pipeline's log."""
        return (
            f"{len(self.variants)} request variants created, "
            f"{self.read_only_fields_dropped} readOnly fields dropped from requests, "
            f"{self.write_only_fields_made_optional} writeOnly fields made optional in responses"
        )


def split_read_write(document: dict[str, Any]) -> tuple[dict[str, Any], ReadWriteSplitReport]:
    """Return a copy of ``document`` with request and response forms apart, and a report.

    ``document`` itself is not changed. New components are appended after the existing ones,
    sorted by name; variant names never clash with a component or a class the generator
    derives from one.
    """
    schemas = component_schemas(document)
    request_side = _reached_from_request_bodies(document, schemas)
    response_side = _reached_from_elsewhere(document, schemas)
    request_only = request_side - response_side
    variants = _name_variants(_needing_variants(request_side & response_side, schemas), schemas)

    split = copy.deepcopy(document)
    split_schemas = component_schemas(split)
    read_only_dropped = write_only_made_optional = 0

    # Shared components stay as they are but for writeOnly: they are the response forms.
    for name, schema in split_schemas.items():
        if name in request_only:
            read_only_dropped += _make_request_form(schema, variants)
        else:
            write_only_made_optional += _make_response_form(schema)

    # Limitation: an inline enum of a split component becomes two identical enum classes
    # (`FooStatus` and `FooRequestStatus`); enums kept as components are shared by both forms.
    for name, variant in sorted(variants.items(), key=lambda pair: pair[1]):
        request_form = copy.deepcopy(schemas[name])
        read_only_dropped += _make_request_form(request_form, variants)
        split_schemas[variant] = request_form

    for body in request_bodies(split):
        for schema in media_type_schemas(body):
            read_only_dropped += _make_request_form(schema, variants)

    for schema in _inline_response_schemas(split):
        write_only_made_optional += _make_response_form(schema)

    return split, ReadWriteSplitReport(variants, read_only_dropped, write_only_made_optional)


def _is_read_only(property_schema: Any) -> bool:
    # Limitation: a property that is a bare $ref to a component marked readOnly at its root is
    # not recognised; drf-spectacular marks the property itself, wrapping the $ref in allOf.
    return isinstance(property_schema, dict) and property_schema.get("readOnly") is True


def _is_write_only(property_schema: Any) -> bool:
    return isinstance(property_schema, dict) and property_schema.get("writeOnly") is True


def _reached_from_request_bodies(document: dict[str, Any], schemas: dict[str, Any]) -> set[str]:
    roots = [schema for body in request_bodies(document) for schema in media_type_schemas(body)]
    return reachable_components(roots, schemas, skip_property=_is_read_only)


def _reached_from_elsewhere(document: dict[str, Any], schemas: dict[str, Any]) -> set[str]:
    """Components used outside request bodies: by responses, parameters, headers, callbacks."""
    roots = [
        mapping
        for mapping in _mappings_outside_request_bodies(document)
        if referenced_component(mapping) is not None
    ]
    return reachable_components(roots, schemas)


def _mappings_outside_request_bodies(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every mapping in ``document`` except in request bodies and component schemas.

    Callbacks stay in: a callback's request body is sent by the server, a response to us.
    """
    pending: list[tuple[tuple[str, ...], Any]] = [((), document)]
    while pending:
        location, value = pending.pop()
        if isinstance(value, list):
            pending.extend((location, item) for item in value)
        elif isinstance(value, dict) and not _is_request_body_or_schemas(location):
            yield value
            pending.extend(((*location, str(key)), child) for key, child in value.items())


def _is_request_body_or_schemas(location: tuple[str, ...]) -> bool:
    if location in {("components", "schemas"), ("components", "requestBodies")}:
        return True
    # paths -> path -> method -> requestBody
    return len(location) == 4 and location[0] == "paths" and location[3] == "requestBody"


def _needing_variants(shared: set[str], schemas: dict[str, Any]) -> set[str]:
    """The shared components whose request form differs from their response form."""
    differing = {name for name in shared if _has_own_difference(schemas[name])}

    # A component whose request form points at a variant differs too; repeat until stable.
    pointing_at_variants = differing
    while pointing_at_variants:
        pointing_at_variants = {
            name
            for name in shared - differing
            if references_in(inline_schemas(schemas[name], _is_read_only)) & differing
        }
        differing |= pointing_at_variants
    return differing


def _has_own_difference(schema: dict[str, Any]) -> bool:
    """Whether ``schema`` itself (references not followed) has a readOnly or required
    writeOnly property at any depth."""
    for nested in inline_schemas(schema):
        if any(_is_read_only(child) for child in _properties(nested).values()):
            return True
        if _required_write_only(nested):
            return True
    return False


def _name_variants(components: set[str], schemas: dict[str, Any]) -> dict[str, str]:
    """A free, deterministic variant name for each component, in sorted order."""
    taken = set()
    for name, schema in schemas.items():
        taken |= _class_names(name, schema)

    variants = {}
    for name in sorted(components):
        variant = next(
            candidate
            for candidate in _variant_candidates(name)
            if not _class_names(candidate, schemas[name]) & taken
        )
        taken |= _class_names(variant, schemas[name])
        variants[name] = variant
    return variants


def _variant_candidates(name: str) -> Iterator[str]:
    yield f"{name}{VARIANT_SUFFIX}"
    yield f"{name}{FALLBACK_VARIANT_SUFFIX}"
    for number in itertools.count(2):
        yield f"{name}{FALLBACK_VARIANT_SUFFIX}{number}"


def _class_names(name: str, schema: Any) -> set[str]:
    """The class names the generator may derive from component ``name``, compared loosely.

    Its model class, and ``{name}{Property}`` for inline enums and objects in its properties;
    case and punctuation are dropped because its class names drop them too.
    """
    # Limitation: names the generator derives deeper down (`{name}{Property}Item`) or takes from
    # an inline schema's `title` are not considered; a clash there makes it skip a model with a
    # warning.
    derived = [name, *(name + property_name for property_name in _properties(schema))]
    return {"".join(ch for ch in candidate.lower() if ch.isalnum()) for candidate in derived}


def _make_request_form(schema: dict[str, Any], variants: dict[str, str]) -> int:
    """Drop readOnly properties in ``schema`` at any depth and point it at request variants.

    Changes ``schema`` in place; returns the number of properties dropped.
    """
    dropped = 0
    for nested in inline_schemas(schema, skip_property=_is_read_only):
        rewire_references(nested, variants)
        properties = _properties(nested)
        read_only = [name for name, child in properties.items() if _is_read_only(child)]
        for name in read_only:
            del properties[name]
        _remove_from_required(nested, read_only)
        dropped += len(read_only)
    return dropped


def _make_response_form(schema: dict[str, Any]) -> int:
    """Make writeOnly properties optional in ``schema`` at any depth, in place; return how many."""
    made_optional = 0
    for nested in inline_schemas(schema):
        write_only = _required_write_only(nested)
        _remove_from_required(nested, write_only)
        made_optional += len(write_only)
    return made_optional


def _inline_response_schemas(document: dict[str, Any]) -> list[dict[str, Any]]:
    responses = [
        response
        for operation in operations(document)
        for response in (operation.get("responses") or {}).values()
    ]
    responses += ((document.get("components") or {}).get("responses") or {}).values()
    return [
        schema
        for response in responses
        if isinstance(response, dict)
        for schema in media_type_schemas(response)
    ]


def _properties(schema: Any) -> dict[str, Any]:
    properties = schema.get("properties") if isinstance(schema, dict) else None
    return properties if isinstance(properties, dict) else {}


def _required_write_only(schema: dict[str, Any]) -> list[str]:
    properties = _properties(schema)
    required = schema.get("required")
    if not isinstance(required, list):
        return []
    return [name for name in required if name in properties and _is_write_only(properties[name])]


def _remove_from_required(schema: dict[str, Any], names: list[str]) -> None:
    """Take ``names`` out of ``required``, dropping the keyword when nothing is left."""
    required = schema.get("required")
    if not names or not isinstance(required, list):
        return
    remaining = [name for name in required if name not in names]
    if remaining:
        schema["required"] = remaining
    else:
        del schema["required"]
