"""JSON bodies a JSON Schema allows: a hypothesis strategy for all of them, one body with every
field filled in, and the documented edge cases as explicit bodies.

Edge cases are derived from the schema, not written per model, so every model gets the ones
that apply to it: date-times written with ``Z``, with an offset, with and without fractional
seconds; integers at their maximum; empty and non-ASCII strings; a field the schema does not
know on every object; a value no enum lists.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jsonschema
from hypothesis import Phase, find, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

# hypothesis-jsonschema generates only the formats JSON Schema defines; others it treats as
# plain text, which the client rightly refuses for a UUID.
EXTRA_FORMATS = {"uuid": st.uuids().map(str)}

UNKNOWN_FIELD = "field_added_by_a_newer_server"
UNKNOWN_FIELD_VALUE = {"kept": ["as", "sent"], "count": 1, "note": None}
UNKNOWN_ENUM_TEXT = "value_added_by_a_newer_server"
NON_ASCII_TEXT = "Zoë Ørsted-Ñúñez 山田太郎 🚀"

# Any JSON value, for free-form fields and unknown fields: smaller than hypothesis-jsonschema's
# own, which makes up most of the time spent on a model with two free-form fields.
FREE_FORM_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=20), children, max_size=3)
    ),
    max_leaves=8,
)

_ANNOTATIONS = frozenset({"title", "description", "default"})
_PLAIN_OBJECT_KEYWORDS = frozenset({"type", "properties", "required", "additionalProperties"})
_PLAIN_OBJECT_KEYWORDS |= _ANNOTATIONS
_PLAIN_ARRAY_KEYWORDS = frozenset({"type", "items", "minItems", "maxItems"}) | _ANNOTATIONS
_UNCHANGED = object()
_FORMAT_CHECKER = jsonschema.FormatChecker()


@dataclass(frozen=True)
class EdgeCase:
    """A body that differs from a typical one in one documented way."""

    name: str
    body: Any


def bodies(schema: Any) -> st.SearchStrategy[Any]:
    """Every JSON value ``schema`` allows, as a hypothesis strategy.

    Plain objects and arrays, nullable values and single-member allOf, which make up most of a
    drf-spectacular schema, are built here from their parts; anything else is left to
    hypothesis-jsonschema, which builds each object's member strategies anew for every body
    drawn and so takes seconds per hundred bodies of a model.
    """
    if not isinstance(schema, dict):
        return from_schema(schema, custom_formats=EXTRA_FORMATS)
    if set(schema) <= _ANNOTATIONS:
        return FREE_FORM_JSON
    if set(schema) == {"allOf"} and len(schema["allOf"]) == 1:
        return bodies(schema["allOf"][0])
    non_null = _non_null_alternative(schema)
    if non_null is not None:
        return st.one_of(bodies(non_null), st.none())
    if schema.get("type") == "object" and _is_plain_object(schema):
        return _plain_objects(schema)
    if schema.get("type") == "array" and set(schema) <= _PLAIN_ARRAY_KEYWORDS:
        # A few items show what many would, in a fraction of the time.
        min_size = schema.get("minItems", 0)
        max_size = schema.get("maxItems", max(min_size, 5))
        return st.lists(bodies(schema.get("items", {})), min_size=min_size, max_size=max_size)
    return from_schema(schema, custom_formats=EXTRA_FORMATS)


def _non_null_alternative(schema: dict[str, Any]) -> Any:
    """X for ``{"anyOf": [X, {"type": "null"}]}``, a nullable schema as converted; else None."""
    alternatives = schema.get("anyOf")
    if set(schema) != {"anyOf"} or len(alternatives) != 2 or {"type": "null"} not in alternatives:
        return None
    return next(member for member in alternatives if member != {"type": "null"})


def _is_plain_object(schema: dict[str, Any]) -> bool:
    required_are_declared = set(schema.get("required", ())) <= set(schema.get("properties", {}))
    return set(schema) <= _PLAIN_OBJECT_KEYWORDS and required_are_declared


def _plain_objects(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects of ``schema``: its properties, and any others its additionalProperties allow."""
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    known = st.fixed_dictionaries(
        {name: bodies(properties[name]) for name in properties if name in required},
        optional={name: bodies(properties[name]) for name in properties if name not in required},
    )
    additional = schema.get("additionalProperties", {})
    if additional is False:
        return known
    others = st.dictionaries(
        st.text(max_size=20).filter(lambda name: name not in properties),
        bodies(additional),
        max_size=3,
    )
    return st.tuples(known, others).map(lambda parts: {**parts[1], **parts[0]})


def populated_body(schema: Any) -> Any:
    """The simplest body with every property the schema defines present, at every level, with
    a value rather than null where one is allowed, at least one item in each array and one
    character in each free text.

    Raises hypothesis.errors.NoSuchExample when the schema allows no such body.
    """
    # Hypothesis tries the simplest choices first, so the first body drawn is the simplest;
    # shrinking would only cost time.
    return find(
        bodies(_everything_present(schema)),
        lambda _body: True,
        settings=settings(database=None, derandomize=True, phases=[Phase.generate]),
    )


def edge_cases(schema: Any, typical_body: Any) -> list[EdgeCase]:
    """``typical_body`` itself, then each documented edge case that applies to ``schema`` as a
    copy of it rewritten in one way. All but unknown enum values are valid for ``schema``.
    """
    cases = [
        EdgeCase(rule.name, _rewritten(typical_body, schema, rule)) for rule in EDGE_CASE_RULES
    ]
    rewritten = [case for case in cases if case.body != typical_body]
    return [EdgeCase("every field present", typical_body), *rewritten]


@dataclass(frozen=True)
class _Rule:
    """Rewrites each value of a body that ``replacement`` has a replacement for.

    ``replacement`` sees the value and the schemas that apply to it; it returns the new value
    or ``_UNCHANGED``. A replacement the applying schemas refuse is dropped, unless the rule
    exists to send what the schema does not allow.
    """

    name: str
    replacement: Callable[[Any, list[dict[str, Any]]], Any]
    keeps_body_valid: bool = True

    def apply(self, value: Any, schemas: list[dict[str, Any]]) -> Any:
        replaced = self.replacement(value, schemas)
        if replaced is _UNCHANGED:
            return value
        if self.keeps_body_valid and not all(_is_valid(schema, replaced) for schema in schemas):
            return value
        return replaced


def _date_time(text: str) -> Callable[[Any, list[dict[str, Any]]], Any]:
    def replacement(value: Any, schemas: list[dict[str, Any]]) -> Any:
        is_date_time = any(schema.get("format") == "date-time" for schema in schemas)
        return text if isinstance(value, str) and is_date_time else _UNCHANGED

    return replacement


def _largest_integer(value: Any, schemas: list[dict[str, Any]]) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
        return _UNCHANGED
    maxima = [schema["maximum"] for schema in schemas if isinstance(schema.get("maximum"), int)]
    maxima += [
        schema["exclusiveMaximum"] - 1
        for schema in schemas
        if isinstance(schema.get("exclusiveMaximum"), int)
    ]
    return min(maxima) if maxima else _UNCHANGED


def _free_text(text: str) -> Callable[[Any, list[dict[str, Any]]], Any]:
    def replacement(value: Any, schemas: list[dict[str, Any]]) -> Any:
        constrained = any(
            keyword in schema for schema in schemas for keyword in ("format", "pattern", "enum")
        )
        return text if isinstance(value, str) and not constrained else _UNCHANGED

    return replacement


def _unknown_field(value: Any, schemas: list[dict[str, Any]]) -> Any:
    is_model = any("properties" in schema for schema in schemas)
    if not isinstance(value, dict) or not is_model or UNKNOWN_FIELD in value:
        return _UNCHANGED
    return {**value, UNKNOWN_FIELD: UNKNOWN_FIELD_VALUE}


def _unknown_enum_value(value: Any, schemas: list[dict[str, Any]]) -> Any:
    listed = [schema["enum"] for schema in schemas if value in schema.get("enum", ())]
    if not listed or isinstance(value, bool):
        return _UNCHANGED
    if isinstance(value, str):
        return UNKNOWN_ENUM_TEXT
    if isinstance(value, int):
        return max(item for item in listed[0] if isinstance(item, int)) + 1000
    return _UNCHANGED


EDGE_CASE_RULES = (
    _Rule("date-times in UTC with Z", _date_time("2026-11-30T09:15:00Z")),
    _Rule("date-times with Z and milliseconds", _date_time("2026-11-30T09:15:02.481Z")),
    _Rule("date-times with an offset", _date_time("2026-11-30T11:15:00+02:00")),
    _Rule(
        "date-times with a negative offset and microseconds",
        _date_time("2026-11-30T04:15:00.123456-05:00"),
    ),
    _Rule("integers at their maximum", _largest_integer),
    _Rule("empty strings", _free_text("")),
    _Rule("non-ASCII strings", _free_text(NON_ASCII_TEXT)),
    _Rule("an unknown field in every object", _unknown_field),
    _Rule("unknown enum values", _unknown_enum_value, keeps_body_valid=False),
)


def _rewritten(value: Any, schema: Any, rule: _Rule) -> Any:
    """``value`` with ``rule`` applied to it and everything inside it, innermost first."""
    schemas = _applying_schemas(schema, value)
    if isinstance(value, dict):
        value = {
            key: _rewritten(child, _property_schema(schemas, key), rule)
            for key, child in value.items()
        }
    elif isinstance(value, list):
        item_schemas = [
            schema["items"] for schema in schemas if isinstance(schema.get("items"), dict)
        ]
        value = [_rewritten(item, {"allOf": item_schemas}, rule) for item in value]
    return rule.apply(value, schemas)


def _applying_schemas(schema: Any, value: Any) -> list[dict[str, Any]]:
    """``schema`` and each schema inside it that ``value`` is checked against: every member of
    ``allOf``, the members of ``anyOf`` and ``oneOf`` that ``value`` matches.
    """
    if not isinstance(schema, dict):
        return []
    applying = [schema]
    for member in schema.get("allOf", ()):
        applying += _applying_schemas(member, value)
    for keyword in ("anyOf", "oneOf"):
        for member in schema.get(keyword, ()):
            if _is_valid(member, value):
                applying += _applying_schemas(member, value)
    return applying


def _property_schema(schemas: list[dict[str, Any]], key: str) -> dict[str, Any]:
    declared = [
        schema["properties"][key] for schema in schemas if key in schema.get("properties", {})
    ]
    if not declared:
        declared = [
            schema["additionalProperties"]
            for schema in schemas
            if isinstance(schema.get("additionalProperties"), dict)
        ]
    return {"allOf": declared}


def _is_valid(schema: Any, value: Any) -> bool:
    validator = jsonschema.Draft7Validator(schema, format_checker=_FORMAT_CHECKER)
    return bool(validator.is_valid(value))


def _everything_present(schema: Any) -> Any:
    """``schema`` with every property required, null alternatives dropped, and arrays and free
    text non-empty (so that the edge case of empty strings differs from it).
    """
    if not isinstance(schema, dict):
        return schema

    non_null = _non_null_alternative(schema)
    if non_null is not None:
        return _everything_present(non_null)

    populated = dict(schema)
    for keyword in ("items", "additionalProperties"):
        if keyword in schema:
            populated[keyword] = _everything_present(schema[keyword])
    for keyword in ("allOf", "anyOf", "oneOf"):
        if keyword in schema:
            populated[keyword] = [_everything_present(member) for member in schema[keyword]]
    if isinstance(schema.get("properties"), dict):
        populated["properties"] = {
            name: _everything_present(child) for name, child in schema["properties"].items()
        }
        populated["required"] = sorted(set(schema.get("required", [])) | set(schema["properties"]))
    if schema.get("type") == "array" and schema.get("maxItems") != 0:
        populated["minItems"] = max(1, schema.get("minItems", 0))
    is_free_text = not {"enum", "format", "pattern"} & set(schema)
    if schema.get("type") == "string" and is_free_text and schema.get("maxLength") != 0:
        populated["minLength"] = max(1, schema.get("minLength", 0))
    return populated
