"""Request forms without readOnly fields; response forms that may omit writeOnly fields."""

import copy
from typing import Any

import pytest
import yaml

from codegen.read_write_split import split_read_write
from tests.conftest import FIXTURES, REPOSITORY

SPLIT_FIXTURES = (
    "shared_component_read_only_required.yaml",
    "required_write_only_password.yaml",
    "pre_split_components.yaml",
    "unrelated_request_component_name.yaml",
    "request_body_three_media_types.yaml",
    "minimal_drf_spectacular.yaml",
)


def load_fixture(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((FIXTURES / "schemas" / name).read_text())
    return document


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def body_schemas(document: dict[str, Any], method: str) -> list[Any]:
    """The schemas of every media type of every ``method`` operation's request body."""
    return [
        media_type["schema"]
        for path_item in document["paths"].values()
        if method in path_item
        for media_type in path_item[method]["requestBody"]["content"].values()
    ]


def document_with(request: Any, response: Any, **schemas: Any) -> dict[str, Any]:
    """A schema with one POST taking ``request`` and answering ``response``."""
    operation = {
        "requestBody": {"content": {"application/json": {"schema": request}}},
        "responses": {
            "200": {"description": "", "content": {"application/json": {"schema": response}}}
        },
    }
    return {
        "openapi": "3.0.3",
        "paths": {"/v1/things": {"post": operation}},
        "components": {"schemas": schemas},
    }


READ_ONLY_ID = {"type": "string", "format": "uuid", "readOnly": True}


def identified(**properties: Any) -> dict[str, Any]:
    """An object schema with a required readOnly ``id`` beside ``properties``."""
    return {
        "type": "object",
        "properties": {"id": READ_ONLY_ID, **properties},
        "required": ["id"],
    }


INSTANCES = load_fixture("shared_component_read_only_required.yaml")
FTP_ACCOUNTS = load_fixture("required_write_only_password.yaml")


def test_shared_component_gets_a_request_variant_without_read_only_fields() -> None:
    split, _ = split_read_write(INSTANCES)

    variant = split["components"]["schemas"]["InstanceRequest"]
    assert list(variant["properties"]) == ["name", "plan", "network"]
    assert variant["required"] == ["name", "network", "plan"]


def test_response_forms_and_responses_are_unchanged() -> None:
    split, _ = split_read_write(INSTANCES)

    for name in ("Instance", "NetworkSettings", "FirewallRule", "InstanceOwner"):
        assert split["components"]["schemas"][name] == INSTANCES["components"]["schemas"][name]
    for path, path_item in INSTANCES["paths"].items():
        for method, operation in path_item.items():
            assert split["paths"][path][method]["responses"] == operation["responses"]


def test_every_request_body_media_type_points_at_the_variant() -> None:
    split, _ = split_read_write(INSTANCES)

    assert body_schemas(split, "post") == [ref("InstanceRequest")] * 3
    assert body_schemas(split, "put") == [ref("InstanceRequest")] * 3


def test_component_nested_two_levels_deep_is_split_and_rewired_at_each_level() -> None:
    split, report = split_read_write(INSTANCES)
    schemas = split["components"]["schemas"]

    assert schemas["InstanceRequest"]["properties"]["network"] == ref("NetworkSettingsRequest")
    rules = schemas["NetworkSettingsRequest"]["properties"]["firewall_rules"]
    assert rules["items"] == ref("FirewallRuleRequest")
    assert list(schemas["FirewallRuleRequest"]["properties"]) == ["protocol", "port", "source"]
    assert schemas["FirewallRuleRequest"]["required"] == ["port", "protocol"]
    assert schemas["NetworkSettings"]["properties"]["firewall_rules"]["items"] == ref(
        "FirewallRule"
    )
    assert report.variants == {
        "FirewallRule": "FirewallRuleRequest",
        "Instance": "InstanceRequest",
        "NetworkSettings": "NetworkSettingsRequest",
    }


def test_component_reached_only_through_a_read_only_property_gets_no_variant() -> None:
    split, _ = split_read_write(INSTANCES)

    assert "InstanceOwnerRequest" not in split["components"]["schemas"]


def test_patch_component_used_only_in_requests_loses_read_only_fields_in_place() -> None:
    split, _ = split_read_write(INSTANCES)

    patched = split["components"]["schemas"]["PatchedInstance"]
    assert list(patched["properties"]) == ["name", "plan", "network"]
    assert patched["properties"]["network"] == ref("NetworkSettingsRequest")
    assert body_schemas(split, "patch") == [ref("PatchedInstance")] * 3
    assert "PatchedInstanceRequest" not in split["components"]["schemas"]


def test_required_write_only_field_is_optional_in_responses_and_required_in_requests() -> None:
    split, report = split_read_write(FTP_ACCOUNTS)
    schemas = split["components"]["schemas"]

    assert schemas["FtpAccount"]["required"] == ["created", "directory", "id", "username"]
    assert "password" in schemas["FtpAccount"]["properties"]
    assert schemas["FtpAccountRequest"]["required"] == ["directory", "password", "username"]
    assert report.write_only_fields_made_optional == 1


def test_shared_component_differing_only_by_a_write_only_field_gets_a_variant() -> None:
    secret = {"type": "string", "writeOnly": True}
    document = document_with(
        ref("ApiKey"),
        ref("ApiKey"),
        ApiKey={"type": "object", "properties": {"secret": secret}, "required": ["secret"]},
    )

    split, _ = split_read_write(document)

    assert body_schemas(split, "post") == [ref("ApiKeyRequest")]
    assert split["components"]["schemas"]["ApiKeyRequest"]["required"] == ["secret"]
    assert "required" not in split["components"]["schemas"]["ApiKey"]


def test_shared_component_without_read_only_or_write_only_fields_serves_both() -> None:
    document = document_with(
        ref("Label"),
        ref("Label"),
        Label={"type": "object", "properties": {"key": {"type": "string"}}, "required": ["key"]},
    )

    split, report = split_read_write(document)

    assert split == document
    assert report.variants == {}


def test_server_split_components_are_left_exactly_as_they_are() -> None:
    volumes = load_fixture("pre_split_components.yaml")

    split, report = split_read_write(volumes)

    assert split == volumes
    assert report.summary() == (
        "0 request variants created, 0 readOnly fields dropped from requests, "
        "0 writeOnly fields made optional in responses"
    )


@pytest.mark.parametrize("fixture", SPLIT_FIXTURES)
def test_second_run_changes_nothing(fixture: str) -> None:
    split, _ = split_read_write(load_fixture(fixture))

    split_again, report = split_read_write(split)

    assert split_again == split
    assert report.variants == {}


def test_pinned_schema_is_left_unchanged() -> None:
    pinned = yaml.safe_load((REPOSITORY / "openapi" / "onetsolutions.yaml").read_text())

    split, _ = split_read_write(pinned)

    assert split == pinned


def test_input_document_is_not_changed() -> None:
    original = copy.deepcopy(INSTANCES)

    split_read_write(INSTANCES)

    assert original == INSTANCES


def test_unrelated_component_holding_the_request_name_is_kept_and_another_name_used() -> None:
    domains = load_fixture("unrelated_request_component_name.yaml")

    split, report = split_read_write(domains)

    assert report.variants == {"Domain": "DomainWrite"}
    assert (
        split["components"]["schemas"]["DomainRequest"]
        == (domains["components"]["schemas"]["DomainRequest"])
    )
    assert body_schemas(split, "put") == [ref("DomainWrite")] * 3


@pytest.mark.parametrize(
    ("taken", "expected"),
    [
        pytest.param(["FooRequest"], "FooWrite", id="request-name-taken"),
        pytest.param(["FooRequest", "FooWrite"], "FooWrite2", id="both-names-taken"),
        pytest.param(["FooRequest", "FooWrite", "FooWrite2"], "FooWrite3", id="numbered"),
        pytest.param(["foo_request"], "FooWrite", id="taken-under-another-spelling"),
    ],
)
def test_variant_name_never_clashes_with_an_existing_component(
    taken: list[str], expected: str
) -> None:
    unrelated = {"type": "object", "properties": {"note": {"type": "string"}}}
    document = document_with(
        ref("Foo"), ref("Foo"), Foo=identified(), **dict.fromkeys(taken, unrelated)
    )

    _, report = split_read_write(document)

    assert report.variants == {"Foo": expected}


def test_variant_name_never_clashes_with_a_class_the_generator_derives_from_a_property() -> None:
    # The generator names an inline enum in property `request` of `Task` "TaskRequest".
    kind = {"type": "string", "enum": ["resize", "reboot"]}
    document = document_with(ref("Task"), ref("Task"), Task=identified(request=kind))

    _, report = split_read_write(document)

    assert report.variants == {"Task": "TaskWrite"}


def test_variants_are_appended_after_existing_components_in_sorted_order() -> None:
    split, _ = split_read_write(INSTANCES)

    names = list(split["components"]["schemas"])
    assert names[: len(INSTANCES["components"]["schemas"])] == list(
        INSTANCES["components"]["schemas"]
    )
    assert names[-3:] == ["FirewallRuleRequest", "InstanceRequest", "NetworkSettingsRequest"]


@pytest.mark.parametrize(
    "wrap",
    [
        pytest.param(lambda target: {"allOf": [target]}, id="allOf"),
        pytest.param(lambda target: {"oneOf": [target, {"type": "string"}]}, id="oneOf"),
        pytest.param(lambda target: {"anyOf": [target]}, id="anyOf"),
        pytest.param(lambda target: {"type": "array", "items": target}, id="items"),
        pytest.param(
            lambda target: {"type": "object", "additionalProperties": target},
            id="additionalProperties",
        ),
        pytest.param(
            lambda target: {"type": "object", "properties": {"inner": {"items": target}}},
            id="inline-object",
        ),
    ],
)
def test_component_reached_through_any_nesting_is_split_and_rewired(wrap: Any) -> None:
    document = document_with(
        ref("Outer"),
        ref("Outer"),
        Outer={"type": "object", "properties": {"part": wrap(ref("Part"))}},
        Part=identified(size={"type": "integer"}),
    )

    split, report = split_read_write(document)

    assert report.variants == {"Outer": "OuterRequest", "Part": "PartRequest"}
    outer_request = split["components"]["schemas"]["OuterRequest"]
    assert outer_request["properties"]["part"] == wrap(ref("PartRequest"))
    assert split["components"]["schemas"]["Outer"]["properties"]["part"] == wrap(ref("Part"))


def test_discriminator_mapping_follows_the_rewired_references() -> None:
    pet = {
        "oneOf": [ref("Cat"), ref("Dog")],
        "discriminator": {
            "propertyName": "kind",
            "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"},
        },
    }
    document = document_with(
        ref("Pet"), ref("Pet"), Pet=pet, Cat=identified(), Dog={"type": "object"}
    )

    split, _ = split_read_write(document)

    pet_request = split["components"]["schemas"]["PetRequest"]
    assert pet_request["oneOf"] == [ref("CatRequest"), ref("Dog")]
    assert pet_request["discriminator"]["mapping"] == {
        "cat": "#/components/schemas/CatRequest",
        "dog": "#/components/schemas/Dog",
    }


def test_recursive_component_gets_one_variant_pointing_at_itself() -> None:
    folder = identified(children={"type": "array", "items": ref("Folder")})
    document = document_with(ref("Folder"), ref("Folder"), Folder=folder)

    split, report = split_read_write(document)

    assert report.variants == {"Folder": "FolderRequest"}
    variant = split["components"]["schemas"]["FolderRequest"]
    assert variant["properties"]["children"]["items"] == ref("FolderRequest")
    assert "required" not in variant


def test_inline_request_body_loses_its_read_only_fields_and_points_at_variants() -> None:
    inline_body = {
        "type": "object",
        "properties": {"id": READ_ONLY_ID, "rules": {"type": "array", "items": ref("Rule")}},
        "required": ["id", "rules"],
    }
    document = document_with(inline_body, ref("Rule"), Rule=identified())

    split, report = split_read_write(document)

    assert body_schemas(split, "post") == [
        {
            "type": "object",
            "properties": {"rules": {"type": "array", "items": ref("RuleRequest")}},
            "required": ["rules"],
        }
    ]
    assert report.read_only_fields_dropped == 2


def test_write_only_field_of_an_inline_response_schema_is_made_optional() -> None:
    token = {"type": "string", "writeOnly": True}
    response = {"type": "object", "properties": {"token": token}, "required": ["token"]}
    document = document_with({"type": "object"}, response)

    split, report = split_read_write(document)

    response_schema = split["paths"]["/v1/things"]["post"]["responses"]["200"]["content"]
    assert "required" not in response_schema["application/json"]["schema"]
    assert report.write_only_fields_made_optional == 1


def test_component_used_in_a_parameter_counts_as_used_outside_requests() -> None:
    document = document_with(ref("Filter"), {"type": "object"}, Filter=identified())
    document["paths"]["/v1/things"]["post"]["parameters"] = [
        {"in": "query", "name": "filter", "schema": ref("Filter")}
    ]

    split, report = split_read_write(document)

    assert report.variants == {"Filter": "FilterRequest"}
    assert split["components"]["schemas"]["Filter"] == identified()


def test_report_summary_gives_each_figure() -> None:
    _, report = split_read_write(FTP_ACCOUNTS)

    assert report.summary() == (
        "1 request variants created, 2 readOnly fields dropped from requests, "
        "1 writeOnly fields made optional in responses"
    )
