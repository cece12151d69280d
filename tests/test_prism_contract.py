"""The generated client against the Prism mock server serving the prepared schema.

Every generated operation is called through the real client with a Bearer token: Prism
validates the request (token, UUID path parameters, query parameters, body) and answers with
a body of the documented response, which must parse into the generated model and be written
back unchanged. Prism runs in static mode (bodies from the schema's examples and defaults) and
in dynamic mode (random bodies, repeatable with --seed; no random extra properties, since the
property-based tests cover those).
"""

import contextlib
import json
import types
from collections.abc import Callable, Iterator

import pytest
from typeguard import check_type

import onetsolutions
from codegen.checks import list_operations
from tests.generated_operations import (
    TOKEN,
    GeneratedClient,
    GeneratedOperation,
    comparable,
    load_generated_client,
    pinned_client,
    sample_arguments,
    written_back,
)
from tests.prism_mock_server import PrismDidNotStart, running_prism, why_prism_cannot_run

PINNED_CLIENT = pinned_client()
AUTHENTICATED_OPERATIONS = [op for op in PINNED_CLIENT.operations if op.requires_authentication]

PRISM_MODES = {
    "static": [],
    "dynamic": ["--dynamic", "--seed", "2026", "--json-schema-faker-fillProperties=false"],
}


def serve_with_prism(
    client: GeneratedClient, mode: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Run Prism on ``client``'s prepared schema for as long as the fixture lives."""
    reason = why_prism_cannot_run()
    if reason:
        pytest.skip(reason)
    work_dir = tmp_path_factory.mktemp(f"prism-{mode}")
    with contextlib.ExitStack() as running:
        try:
            url = running.enter_context(running_prism(client.document, PRISM_MODES[mode], work_dir))
        except PrismDidNotStart as error:
            pytest.fail(str(error), pytrace=False)
        yield url


@pytest.fixture(scope="session", params=sorted(PRISM_MODES))
def prism_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    yield from serve_with_prism(PINNED_CLIENT, request.param, tmp_path_factory)


def call_through_prism(
    operation: GeneratedOperation, client: GeneratedClient, prism_url: str, token: str | None
) -> onetsolutions.types.Response[object]:
    package = client.package
    arguments = sample_arguments(operation, client)
    # The tests look at the status Prism answered, so error statuses come back, not raised.
    if token is None:
        http_client = package.Client(base_url=prism_url, raise_on_unexpected_status=False)
    else:
        http_client = package.AuthenticatedClient(
            base_url=prism_url, token=token, raise_on_unexpected_status=False
        )
    with http_client:
        return operation.module.sync_detailed(**arguments, client=http_client)


def check_accepted_and_parsed(
    operation: GeneratedOperation, client: GeneratedClient, prism_url: str
) -> None:
    response = call_through_prism(operation, client, prism_url, TOKEN)

    assert 200 <= response.status_code < 300, (
        f"Prism refused the request of {operation} ({operation.schema.method.upper()} "
        f"{operation.schema.path}): {response.status_code} {response.content.decode()}"
    )
    if operation.parsed_type is not None:
        check_type(response.parsed, operation.parsed_type)
        sent = json.loads(response.content)
        assert comparable(written_back(response.parsed)) == comparable(sent)


def test_every_operation_of_the_schema_is_generated_and_driven() -> None:
    schema_operations = list_operations(PINNED_CLIENT.document, PINNED_CLIENT.field_prefix)

    assert {op.module for op in schema_operations} == {op.name for op in PINNED_CLIENT.operations}
    assert PINNED_CLIENT.operations


@pytest.mark.parametrize("operation", PINNED_CLIENT.operations, ids=str)
def test_request_passes_prism_validation_and_response_parses_into_the_model(
    prism_url: str, operation: GeneratedOperation
) -> None:
    check_accepted_and_parsed(operation, PINNED_CLIENT, prism_url)


@pytest.mark.parametrize("operation", AUTHENTICATED_OPERATIONS, ids=str)
def test_prism_refuses_a_request_without_the_bearer_token(
    prism_url: str, operation: GeneratedOperation
) -> None:
    response = call_through_prism(operation, PINNED_CLIENT, prism_url, token=None)

    assert response.status_code == 401, response.content.decode()


@pytest.fixture(scope="module")
def crud_client(fixture_package: Callable[[str], types.ModuleType]) -> GeneratedClient:
    package = fixture_package("volumes_crud_drf_spectacular.yaml")
    return load_generated_client(package)


@pytest.fixture(scope="module")
def crud_prism_url(
    crud_client: GeneratedClient, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    yield from serve_with_prism(crud_client, "dynamic", tmp_path_factory)


def test_list_create_update_and_delete_operations_pass_prism_validation_too(
    crud_client: GeneratedClient, crud_prism_url: str
) -> None:
    operations = {operation.name for operation in crud_client.operations}
    assert operations == {
        "compute.list_volumes",
        "compute.create_volume",
        "compute.get_volume",
        "compute.update_volume",
        "compute.delete_volume",
    }

    for operation in crud_client.operations:
        check_accepted_and_parsed(operation, crud_client, crud_prism_url)
        response = call_through_prism(operation, crud_client, crud_prism_url, token=None)
        assert response.status_code == 401, f"{operation}: {response.content.decode()}"
