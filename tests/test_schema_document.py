"""Parsing and validating schema documents: what is accepted, and how a rejection reads."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.errors import SchemaError
from codegen.schema_document import load_pinned_schema, parse_schema, validate_openapi_30
from tests.conftest import FIXTURES

SCHEMAS = FIXTURES / "schemas"
MINIMAL_YAML = (SCHEMAS / "minimal_drf_spectacular.yaml").read_bytes()
MINIMAL_JSON = (SCHEMAS / "minimal_drf_spectacular.json").read_bytes()
SIGN_IN_PAGE = (FIXTURES / "pages" / "sign_in_page.html").read_bytes()
SOURCE = "https://schema.example/schema"


def rejection(raw: bytes) -> str:
    with pytest.raises(SchemaError) as caught:
        parse_schema(raw, SOURCE)
    return str(caught.value)


def invalidity(document: dict[str, Any]) -> str:
    with pytest.raises(SchemaError) as caught:
        validate_openapi_30(document, SOURCE)
    return str(caught.value)


def minimal_document() -> dict[str, Any]:
    return parse_schema(MINIMAL_YAML, SOURCE)


def test_yaml_and_json_renderings_parse_to_the_same_document() -> None:
    from_yaml = parse_schema(MINIMAL_YAML, SOURCE)
    from_json = parse_schema(MINIMAL_JSON, SOURCE)

    assert from_yaml == from_json
    assert from_yaml["info"]["version"] == "v1 (v1)"


def test_byte_order_mark_is_ignored() -> None:
    assert parse_schema(b"\xef\xbb\xbf" + MINIMAL_YAML, SOURCE) == minimal_document()


@pytest.mark.parametrize(
    ("raw", "cause"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b" \n\t\n", "is empty", id="whitespace_only"),
        pytest.param(SIGN_IN_PAGE, "is an HTML page, not a schema", id="html_doctype"),
        pytest.param(b"\n  <html><body>Bad Gateway</body></html>", "HTML page", id="html_tag"),
        pytest.param(
            b"- openapi: 3.0.3\n", "the top-level value is a list, not a mapping", id="yaml_list"
        ),
        pytest.param(
            b"just a sentence\n", "the top-level value is text, not a mapping", id="yaml_scalar"
        ),
        pytest.param(
            b"openapi: caf\xe9\n", "is not UTF-8 text (byte 0xe9 at offset 12)", id="latin1"
        ),
    ],
)
def test_body_that_is_no_schema_is_rejected_with_its_cause(raw: bytes, cause: str) -> None:
    message = rejection(raw)

    assert message.startswith(f"{SOURCE}: ")
    assert cause in message
    assert "\n" not in message


def test_truncated_yaml_is_rejected_with_its_line() -> None:
    cut = MINIMAL_YAML.rindex(b"'#/components/schemas/") + len(b"'#/comp")
    last_line = MINIMAL_YAML[:cut].count(b"\n") + 1

    message = rejection(MINIMAL_YAML[:cut])

    assert f"invalid YAML at line {last_line}," in message
    assert "truncated?" in message


def test_truncated_json_is_rejected_with_its_line() -> None:
    truncated = MINIMAL_JSON[: len(MINIMAL_JSON) // 2]
    last_line = truncated.rstrip().count(b"\n") + 1

    message = rejection(truncated)

    assert f"invalid JSON at line {last_line}," in message
    assert "truncated?" in message


def test_invalid_yaml_in_the_middle_is_not_called_truncated() -> None:
    broken = MINIMAL_YAML.replace(
        b"  title: OnetSolutions API\n", b"  title: OnetSolutions: API\n", 1
    )

    message = rejection(broken)

    assert "invalid YAML at line 3" in message
    assert "truncated" not in message


def test_minimal_drf_spectacular_schema_is_valid_openapi_30() -> None:
    validate_openapi_30(minimal_document(), SOURCE)


@pytest.mark.parametrize(
    ("change", "cause"),
    [
        pytest.param({"openapi": "3.1.0"}, "declares openapi 3.1.0", id="openapi_3_1"),
        pytest.param({"openapi": 3.0}, "declares openapi 3.0, not a version string", id="number"),
        pytest.param({"openapi": None, "swagger": "2.0"}, "declares swagger 2.0", id="swagger_2"),
        pytest.param(
            {"openapi": None}, "has no 'openapi' key: not an OpenAPI document", id="no_version"
        ),
    ],
)
def test_document_that_is_not_openapi_30_names_what_it_declares(
    change: dict[str, Any], cause: str
) -> None:
    document = minimal_document() | change
    document = {key: value for key, value in document.items() if value is not None}

    assert cause in invalidity(document)


def test_kubernetes_manifest_is_not_an_openapi_document() -> None:
    manifest = parse_schema((SCHEMAS / "kubernetes_deployment.yaml").read_bytes(), SOURCE)

    assert "not an OpenAPI document" in invalidity(manifest)


def test_dangling_reference_is_reported_in_one_short_line() -> None:
    broken = MINIMAL_YAML.replace(b"schemas/TaskInstance'", b"schemas/TaskHost'")

    message = invalidity(parse_schema(broken, SOURCE))

    # The validator's own message for this quotes the whole document.
    assert message == (
        f"{SOURCE}: is not valid OpenAPI 3.0: $ref '#/components/schemas/TaskHost' points to "
        "nothing."
    )


def test_structural_error_names_its_json_path_instead_of_quoting_the_value() -> None:
    document = minimal_document()
    document["components"]["schemas"]["TaskInstance"]["type"] = "strin"

    assert invalidity(document) == (
        f"{SOURCE}: is not valid OpenAPI 3.0: the value is not valid under any of the given "
        "schemas at $.components.schemas.TaskInstance"
    )


def test_missing_required_member_is_reported_without_the_schema_it_failed() -> None:
    document = minimal_document()
    del document["info"]

    assert invalidity(document) == (
        f"{SOURCE}: is not valid OpenAPI 3.0: 'info' is a required property"
    )


def test_unquoted_status_code_key_is_named_with_its_place() -> None:
    # YAML reads an unquoted 200 as an integer; the validator fails on it without a location.
    document = parse_schema(MINIMAL_YAML.replace(b"'200':", b"200:"), SOURCE)

    message = invalidity(document)

    assert message == (
        f"{SOURCE}: key 200 at $.paths['/v1/organizations/{{organization_id}}/projects/"
        "{project_id}/compute/instances/{instance_id}/tasks/{id}'].get.responses is a number, "
        "not a string; quote it."
    )


def test_pinned_schema_is_returned_as_bytes_and_document(tmp_path: Path) -> None:
    pinned = tmp_path / "onetsolutions.yaml"
    pinned.write_bytes(MINIMAL_YAML)

    raw, document = load_pinned_schema(pinned)

    assert raw == MINIMAL_YAML
    assert document == yaml.safe_load(MINIMAL_YAML)


def test_missing_pinned_schema_says_to_fetch_it(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match=r"no pinned schema; run `nox -s fetch`"):
        load_pinned_schema(tmp_path / "onetsolutions.yaml")


def test_invalid_pinned_schema_is_rejected_naming_the_file(tmp_path: Path) -> None:
    pinned = tmp_path / "onetsolutions.yaml"
    pinned.write_bytes((SCHEMAS / "openapi_3_1.yaml").read_bytes())

    with pytest.raises(SchemaError, match=rf"^{pinned}: declares openapi 3\.1\.0"):
        load_pinned_schema(pinned)
