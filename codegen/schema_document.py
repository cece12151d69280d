"""Reading a schema document, as served by drf-spectacular or as pinned under ``openapi/``.

drf-spectacular serves YAML by default and JSON with ``?format=json``; both are accepted, and
the result must be an OpenAPI 3.0 document, because that is what the generator supports.
"""

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import SchemaError

# The C loader parses a large schema several times faster; PyYAML lacks it when built without
# libyaml, and the pure-Python loader gives the same result.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_HTML_OPENINGS = ("<!doctype", "<html", "<head", "<body")
_OPENAPI_30_VERSION = re.compile(r"3\.0\.\d+(-.+)?")
_LONGEST_CAUSE = 200
_LONGEST_VALUE = 40


def parse_schema(raw: bytes, source: str) -> dict[str, Any]:
    """Parse ``raw`` (YAML or JSON, UTF-8) into the document's top-level mapping.

    ``source`` names the input in error messages. Raises SchemaError for an empty body, an HTML
    page, invalid YAML or JSON (with its line), or a top-level value that is not a mapping.
    """
    text = _decode_utf8(raw, source)

    if not text.strip():
        raise SchemaError(f"{source}: is empty; expected an OpenAPI schema in YAML or JSON.")
    if text.lstrip().lower().startswith(_HTML_OPENINGS):
        raise SchemaError(f"{source}: is an HTML page, not a schema; check the URL.")

    if text.lstrip().startswith("{"):
        document = _load_json(text, source)
    else:
        document = _load_yaml(text, source)

    if not isinstance(document, dict):
        found = _kind_of(document)
        raise SchemaError(f"{source}: the top-level value is {found}, not a mapping; not a schema.")
    return document


def validate_openapi_30(document: dict[str, Any], source: str) -> None:
    """Check that ``document`` is a valid OpenAPI 3.0 document.

    Raises SchemaError naming ``source`` and the first problem found, on one line.
    """
    _require_openapi_30_version(document, source)
    _require_string_keys(document, source)

    # Imported here: the validator takes a third of a second to import, which a fetch that
    # finds the schema unchanged, or fails before validating, need not pay.
    from openapi_spec_validator import OpenAPIV30SpecValidator, validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
    from referencing.exceptions import Unresolvable

    try:
        validate(document, cls=OpenAPIV30SpecValidator)
    except OpenAPIValidationError as error:
        raise SchemaError(f"{source}: is not valid OpenAPI 3.0: {_describe(error)}") from None
    except Unresolvable as error:
        # A pointer into this document is reported without its leading '#'.
        target = f"#{error.ref}" if str(error.ref).startswith("/") else error.ref
        raise SchemaError(
            f"{source}: is not valid OpenAPI 3.0: $ref '{target}' points to nothing."
        ) from None


def load_pinned_schema(
    path: Path, *, validated_sha256: str | None = None
) -> tuple[bytes, dict[str, Any]]:
    """Read, parse and validate the pinned schema; return its bytes and its document.

    ``validated_sha256`` is the digest of bytes already validated (the fetch step validates
    before it pins and records the digest); a file with that digest is not validated again,
    which on a schema of hundreds of operations saves seconds. Raises SchemaError when the
    file is missing, unreadable, or not a valid OpenAPI 3.0 schema.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SchemaError(
            f"{path}: no pinned schema; run `nox -s fetch` to download and pin it."
        ) from None
    except OSError as error:
        raise SchemaError(f"{path}: cannot be read: {error.strerror}.") from None

    document = parse_schema(raw, str(path))
    if hashlib.sha256(raw).hexdigest() != validated_sha256:
        validate_openapi_30(document, str(path))
    return raw, document


def _decode_utf8(raw: bytes, source: str) -> str:
    # utf-8-sig drops a byte order mark, which some editors write and YAML allows.
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SchemaError(
            f"{source}: is not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})."
        ) from None


def _load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        # A JSON schema is one object, so text that does not end with its brace was cut off.
        cut_off = error.pos >= len(text.rstrip()) or not text.rstrip().endswith("}")
        ending = _truncation_hint(cut_off)
        cause = error.msg.removesuffix(" at")
        raise SchemaError(
            f"{source}: invalid JSON at line {error.lineno}, column {error.colno}: {cause}{ending}."
        ) from None


def _load_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = error.problem or "cannot be parsed"
        ending = _truncation_hint(mark is not None and mark.index >= len(text.rstrip()))
        raise SchemaError(f"{source}: invalid YAML{where}: {problem}{ending}.") from None
    except yaml.YAMLError as error:
        raise SchemaError(f"{source}: invalid YAML: {_first_line(str(error))}.") from None


def _truncation_hint(fails_at_the_end: bool) -> str:
    return " (the document ends early: truncated?)" if fails_at_the_end else ""


def _require_openapi_30_version(document: dict[str, Any], source: str) -> None:
    if "openapi" not in document:
        if "swagger" in document:
            found = document["swagger"]
            raise SchemaError(f"{source}: declares swagger {found}; convert it to OpenAPI 3.0.")
        raise SchemaError(f"{source}: has no 'openapi' key: not an OpenAPI document.")

    version = document["openapi"]
    if not isinstance(version, str):
        raise SchemaError(
            f"{source}: declares openapi {version!r}, not a version string such as '3.0.3'; "
            "quote it."
        )
    if not _OPENAPI_30_VERSION.fullmatch(version):
        raise SchemaError(
            f"{source}: declares openapi {version}; the generator needs OpenAPI 3.0.x."
        )


def _require_string_keys(document: dict[str, Any], source: str) -> None:
    # YAML reads unquoted `200:` as an integer and `on:` as a boolean; the validator then fails
    # with a bare TypeError that names no place in the document.
    pending: list[tuple[str, Any]] = [("$", document)]
    visited: set[int] = set()
    while pending:
        json_path, value = pending.pop()
        if id(value) in visited:
            continue
        visited.add(id(value))

        if isinstance(value, dict):
            for key, child in value.items():
                if not isinstance(key, str):
                    raise SchemaError(
                        f"{source}: key {key!r} at {json_path} is {_kind_of(key)}, "
                        "not a string; quote it."
                    )
                pending.append((_child_path(json_path, key), child))
        elif isinstance(value, list):
            pending.extend((f"{json_path}[{index}]", item) for index, item in enumerate(value))


def _child_path(json_path: str, key: str) -> str:
    # The same notation as the validator's paths: `$.paths['/v1/x'].get`.
    return f"{json_path}.{key}" if key.isidentifier() else f"{json_path}[{key!r}]"


def _kind_of(value: Any) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "text", list: "a list"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def _describe(error: Any) -> str:
    # The validator's str() appends the failing schema and instance, which for a `required`
    # error at the top is the whole document; its first line is the cause. That line may
    # still start with the failing value, which the JSON path locates more briefly.
    cause = _first_line(str(error.message))
    failing_value = repr(error.instance)
    if len(failing_value) > _LONGEST_VALUE and cause.startswith(failing_value):
        cause = "the value" + cause.removeprefix(failing_value)
    if len(cause) > _LONGEST_CAUSE:
        cause = cause[: _LONGEST_CAUSE - 1] + "…"

    json_path = getattr(error, "json_path", "$")
    return cause if json_path == "$" else f"{cause} at {json_path}"


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
