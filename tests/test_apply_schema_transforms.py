"""generate's schema-transform step: both transforms run, each reported in one line."""

import logging

import pytest
import yaml

from codegen.generate import apply_schema_transforms
from tests.conftest import FIXTURES


def test_each_transform_logs_one_line_with_its_figures(caplog: pytest.LogCaptureFixture) -> None:
    document = yaml.safe_load(
        (FIXTURES / "schemas" / "shared_component_read_only_required.yaml").read_text()
    )

    with caplog.at_level(logging.INFO, logger="codegen"):
        apply_schema_transforms(document)

    assert [record.getMessage() for record in caplog.records] == [
        "request bodies: kept application/json alone in 3 request bodies, multipart/form-data "
        "alone in 0 (no JSON offered, or file fields), dropped 6 other media types",
        "read/write split: 3 request variants created, 10 readOnly fields dropped from requests, "
        "0 writeOnly fields made optional in responses",
    ]


def test_create_body_keeps_json_alone_pointing_at_the_request_variant() -> None:
    document = yaml.safe_load(
        (FIXTURES / "schemas" / "shared_component_read_only_required.yaml").read_text()
    )

    transformed = apply_schema_transforms(document)

    create = next(iter(transformed["paths"].values()))["post"]["requestBody"]
    assert create["content"] == {
        "application/json": {"schema": {"$ref": "#/components/schemas/InstanceRequest"}}
    }
