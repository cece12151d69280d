"""Every body a response schema allows parses into the generated model and is written back as
the same document.

hypothesis-jsonschema generates the bodies from each response schema of the prepared schema
(after overlays), converted to JSON Schema, and from each component schema those responses use.
The documented edge cases (date-times with Z, with an offset, with and without fractional
seconds; integers at their maximum; empty and non-ASCII strings; unknown fields; unknown enum
values) run first, as explicit examples derived from each schema.
"""

import json
import types
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, note, settings
from typeguard import check_type

from tests.generated_operations import (
    comparable,
    load_generated_client,
    pinned_client,
    written_back,
)
from tests.response_schemas import ResponseSchema, response_schemas
from tests.schema_bodies import bodies, edge_cases, populated_body

# Fixed, and derandomized, so that a run in CI checks the same bodies as the last run here.
EXAMPLES_PER_SCHEMA = 100
EXAMPLES_PER_FIXTURE_SCHEMA = 25

PINNED_RESPONSES = response_schemas(pinned_client())
TASK_RESPONSE = "get_nested_instance_task 200"


def check_every_body_round_trips(response: ResponseSchema, examples: int) -> None:
    """Run ``examples`` generated bodies and every edge case of ``response`` through the client."""
    schema = response.json_schema()
    parse = response.parser()
    parsed_type = response.parsed_type
    cases = edge_cases(schema, populated_body(schema))
    case_names = {json.dumps(case.body, sort_keys=True): case.name for case in cases}

    def parses_and_round_trips(body: Any) -> None:
        note(f"edge case: {case_names.get(json.dumps(body, sort_keys=True), 'none')}")
        parsed = parse(body)

        check_type(parsed, parsed_type)
        assert comparable(written_back(parsed)) == comparable(body)

    for case in cases:
        parses_and_round_trips = example(body=case.body)(parses_and_round_trips)
    run = settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )(given(body=bodies(schema))(parses_and_round_trips))
    run()


@pytest.mark.parametrize("response", PINNED_RESPONSES, ids=str)
def test_every_body_the_schema_allows_parses_and_round_trips(response: ResponseSchema) -> None:
    check_every_body_round_trips(response, EXAMPLES_PER_SCHEMA)


def test_edge_cases_of_the_task_schema_include_every_documented_one() -> None:
    (task,) = [response for response in PINNED_RESPONSES if response.label == TASK_RESPONSE]
    schema = task.json_schema()

    cases = {case.name: case.body for case in edge_cases(schema, populated_body(schema))}

    assert cases["integers at their maximum"]["max_retries"] == 4294967295
    assert cases["date-times in UTC with Z"]["created"] == "2026-11-30T09:15:00Z"
    assert cases["date-times with an offset"]["started_at"] == "2026-11-30T11:15:00+02:00"
    assert cases["empty strings"]["instance"]["name"] == ""
    assert cases["non-ASCII strings"]["created_by"]["first_name"].startswith("Zoë")
    assert "field_added_by_a_newer_server" in cases["an unknown field in every object"]["instance"]
    assert cases["unknown enum values"]["status"] == "value_added_by_a_newer_server"


def test_bodies_of_a_crud_schema_round_trip_too(
    fixture_package: Callable[[str], types.ModuleType],
) -> None:
    package = fixture_package("volumes_crud_drf_spectacular.yaml")
    client = load_generated_client(package)
    responses = response_schemas(client)

    assert {response.label for response in responses} == {
        "list_volumes 200",
        "create_volume 201",
        "get_volume 200",
        "update_volume 200",
        "VolumeAttachment",
    }
    for response in responses:
        check_every_body_round_trips(response, EXAMPLES_PER_FIXTURE_SCHEMA)
