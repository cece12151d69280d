"""Request bodies keep the one media type the generated client should send."""

import copy
from typing import Any

import yaml

from codegen.request_bodies import keep_one_request_media_type
from tests.conftest import FIXTURES

THREE_MEDIA_TYPES = yaml.safe_load(
    (FIXTURES / "schemas" / "request_body_three_media_types.yaml").read_text()
)


def body_media_types(document: dict[str, Any], path_suffix: str) -> list[str]:
    (path,) = (path for path in document["paths"] if path.endswith(path_suffix))
    return list(document["paths"][path]["post"]["requestBody"]["content"])


def document_with_body(content: dict[str, Any], **schemas: Any) -> dict[str, Any]:
    operation = {"requestBody": {"content": content}, "responses": {"204": {"description": ""}}}
    return {
        "openapi": "3.0.3",
        "paths": {"/v1/things": {"post": operation}},
        "components": {"schemas": schemas},
    }


def test_json_is_kept_alone_where_forms_are_offered_beside_it() -> None:
    narrowed, _ = keep_one_request_media_type(THREE_MEDIA_TYPES)

    assert body_media_types(narrowed, "/ssh-keys") == ["application/json"]


def test_body_kept_under_components_is_narrowed_and_its_reference_left_alone() -> None:
    narrowed, _ = keep_one_request_media_type(THREE_MEDIA_TYPES)

    body = narrowed["components"]["requestBodies"]["DnsRecordBody"]
    assert list(body["content"]) == ["application/json"]
    (records,) = (item for path, item in narrowed["paths"].items() if path.endswith("/records"))
    assert records["post"]["requestBody"] == {"$ref": "#/components/requestBodies/DnsRecordBody"}


def test_file_upload_offered_as_forms_only_keeps_multipart() -> None:
    narrowed, _ = keep_one_request_media_type(THREE_MEDIA_TYPES)

    assert body_media_types(narrowed, "/files") == ["multipart/form-data"]


def test_binary_field_beneath_a_reference_keeps_multipart_even_when_json_is_offered() -> None:
    upload = {"$ref": "#/components/schemas/ImageUpload"}
    document = document_with_body(
        {"application/json": {"schema": upload}, "multipart/form-data": {"schema": upload}},
        ImageUpload={
            "type": "object",
            "properties": {"image": {"$ref": "#/components/schemas/ImageFile"}},
        },
        ImageFile={
            "type": "object",
            "properties": {"data": {"type": "string", "format": "binary"}},
        },
    )

    narrowed, report = keep_one_request_media_type(document)

    assert body_media_types(narrowed, "/things") == ["multipart/form-data"]
    assert (report.json_kept, report.multipart_kept) == (0, 1)


def test_binary_field_keeps_json_when_no_multipart_is_offered() -> None:
    upload = {"type": "object", "properties": {"data": {"type": "string", "format": "binary"}}}
    document = document_with_body(
        {
            "application/x-www-form-urlencoded": {"schema": upload},
            "application/json": {"schema": upload},
        }
    )

    narrowed, _ = keep_one_request_media_type(document)

    assert body_media_types(narrowed, "/things") == ["application/json"]


def test_body_offered_in_one_media_type_is_left_as_it_is() -> None:
    narrowed, _ = keep_one_request_media_type(THREE_MEDIA_TYPES)

    (reboot,) = (path for path in THREE_MEDIA_TYPES["paths"] if path.endswith("/reboot"))
    assert narrowed["paths"][reboot] == THREE_MEDIA_TYPES["paths"][reboot]


def test_application_json_is_preferred_to_another_json_type() -> None:
    schema = {"type": "object"}
    document = document_with_body(
        {
            "application/merge-patch+json": {"schema": schema},
            "application/json; charset=utf-8": {"schema": schema},
            "application/json": {"schema": schema},
        }
    )

    narrowed, _ = keep_one_request_media_type(document)

    assert body_media_types(narrowed, "/things") == ["application/json"]


def test_json_type_with_a_suffix_counts_as_json() -> None:
    schema = {"type": "object"}
    document = document_with_body(
        {"multipart/form-data": {"schema": schema}, "application/vnd.api+json": {"schema": schema}}
    )

    narrowed, _ = keep_one_request_media_type(document)

    assert body_media_types(narrowed, "/things") == ["application/vnd.api+json"]


def test_body_offering_neither_json_nor_multipart_is_left_as_it_is() -> None:
    content = {
        "application/x-www-form-urlencoded": {"schema": {"type": "object"}},
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
    }
    document = document_with_body(content)

    narrowed, report = keep_one_request_media_type(document)

    assert narrowed == document
    assert report.media_types_dropped == 0


def test_report_counts_bodies_narrowed_and_media_types_dropped() -> None:
    _, report = keep_one_request_media_type(THREE_MEDIA_TYPES)

    assert (report.json_kept, report.multipart_kept, report.media_types_dropped) == (2, 1, 5)
    assert report.summary() == (
        "kept application/json alone in 2 request bodies, multipart/form-data alone in 1 "
        "(no JSON offered, or file fields), dropped 5 other media types"
    )


def test_input_is_left_unchanged_and_a_second_run_changes_nothing() -> None:
    original = copy.deepcopy(THREE_MEDIA_TYPES)

    narrowed, _ = keep_one_request_media_type(THREE_MEDIA_TYPES)
    narrowed_again, report = keep_one_request_media_type(narrowed)

    assert original == THREE_MEDIA_TYPES
    assert narrowed_again == narrowed
    assert report.media_types_dropped == 0
