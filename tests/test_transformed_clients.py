"""Clients generated from schemas with drf-spectacular's habits, through the whole pipeline.

Each fixture schema is generated once per session under a package name of its own (see
``fixture_package``); the calls go to a real HTTP server on loopback.
"""

import datetime
import importlib
import importlib.util
import io
import json
import pkgutil
import uuid
from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs
import pytest
from pytest_httpserver import HTTPServer

ORGANIZATION = uuid.UUID("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
HOSTING = uuid.UUID("1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e")
INSTANCE = uuid.UUID("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9")
TOKEN = "sk-onetsolutions-0123456789abcdef"

INSTANCE_BODY = {
    "id": str(INSTANCE),
    "name": "web-01",
    "plan": "vps-2",
    "status": "provisioning",
    "network": {
        "vpc_id": None,
        "public_ipv4": True,
        "firewall_rules": [
            {
                "id": "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
                "protocol": "tcp",
                "port": 22,
                "source": "0.0.0.0/0",
                "created": "2026-11-30T09:15:02Z",
            }
        ],
    },
    "owner": {"id": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f", "email": "operator@example.com"},
    "created": "2026-11-30T09:15:02Z",
}

FixturePackage = Callable[[str], ModuleType]


def submodule(package: ModuleType, dotted: str) -> Any:
    """The generated module ``dotted`` of ``package`` (e.g. ``api.compute.create_instance``)."""
    return importlib.import_module(f"{package.__name__}.{dotted}")


def client_for(package: ModuleType, httpserver: HTTPServer) -> Any:
    return package.AuthenticatedClient(base_url=httpserver.url_for(""), token=TOKEN)


def only_request(httpserver: HTTPServer) -> Any:
    httpserver.check_assertions()
    ((request, _response),) = httpserver.log
    return request


@pytest.mark.slow
@pytest.mark.parametrize(
    "schema",
    [
        "request_body_three_media_types.yaml",
        "shared_component_read_only_required.yaml",
        "required_write_only_password.yaml",
        "pre_split_components.yaml",
        "unrelated_request_component_name.yaml",
    ],
)
def test_every_module_generated_from_the_fixture_imports(
    fixture_package: FixturePackage, schema: str
) -> None:
    package = fixture_package(schema)

    modules = [
        importlib.import_module(module.name)
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
    ]

    assert any(module.__name__.endswith(".models") for module in modules)
    assert sum(".api." in module.__name__ for module in modules) >= 2


@pytest.mark.slow
def test_create_call_sends_json_without_read_only_fields(
    fixture_package: FixturePackage, httpserver: HTTPServer
) -> None:
    generated = fixture_package("shared_component_read_only_required.yaml")
    models = submodule(generated, "models")
    create_instance = submodule(generated, "api.compute.create_instance")
    httpserver.expect_oneshot_request(
        f"/v1/organizations/{ORGANIZATION}/compute/instances", method="POST"
    ).respond_with_json(INSTANCE_BODY, status=201)
    body = models.InstanceRequest(
        name="web-01",
        plan="vps-2",
        network=models.NetworkSettingsRequest(
            vpc_id=None,
            firewall_rules=[models.FirewallRuleRequest(protocol="tcp", port=22)],
        ),
    )

    with client_for(generated, httpserver) as client:
        created = create_instance.sync(organization_id=ORGANIZATION, client=client, body=body)

    request = only_request(httpserver)
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.get_data()) == {
        "name": "web-01",
        "plan": "vps-2",
        "network": {"vpc_id": None, "firewall_rules": [{"protocol": "tcp", "port": 22}]},
    }
    assert isinstance(created, models.Instance)
    assert created.id == INSTANCE and created.status is models.InstanceStatus.PROVISIONING
    assert created.network.firewall_rules[0].created == datetime.datetime(
        2026, 11, 30, 9, 15, 2, tzinfo=datetime.UTC
    )


@pytest.mark.slow
def test_request_models_have_no_read_only_fields_and_response_models_keep_them(
    fixture_package: FixturePackage,
) -> None:
    models = submodule(fixture_package("shared_component_read_only_required.yaml"), "models")

    assert set(attrs.fields_dict(models.InstanceRequest)) == {
        "name",
        "plan",
        "network",
        "additional_properties",
    }
    assert {"id", "status", "owner", "created"} <= set(attrs.fields_dict(models.Instance))


@pytest.mark.slow
def test_patch_call_sends_only_the_fields_given(
    fixture_package: FixturePackage, httpserver: HTTPServer
) -> None:
    generated = fixture_package("shared_component_read_only_required.yaml")
    models = submodule(generated, "models")
    partial_update = submodule(generated, "api.compute.partial_update_instance")
    httpserver.expect_oneshot_request(
        f"/v1/organizations/{ORGANIZATION}/compute/instances/{INSTANCE}", method="PATCH"
    ).respond_with_json({**INSTANCE_BODY, "name": "web-02"})

    with client_for(generated, httpserver) as client:
        updated = partial_update.sync(
            organization_id=ORGANIZATION,
            id=INSTANCE,
            client=client,
            body=models.PatchedInstance(name="web-02"),
        )

    request = only_request(httpserver)
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.get_data()) == {"name": "web-02"}
    assert updated.name == "web-02"


@pytest.mark.slow
def test_create_call_offered_in_three_media_types_sends_json(
    fixture_package: FixturePackage, httpserver: HTTPServer
) -> None:
    generated = fixture_package("request_body_three_media_types.yaml")
    models = submodule(generated, "models")
    create_ssh_key = submodule(generated, "api.compute.create_ssh_key")
    key = {"name": "laptop", "public_key": "ssh-ed25519 AAAAC3Nza", "tags": ["ops", "eu"]}
    httpserver.expect_oneshot_request(
        f"/v1/organizations/{ORGANIZATION}/compute/ssh-keys", method="POST"
    ).respond_with_json(key, status=201)

    with client_for(generated, httpserver) as client:
        created = create_ssh_key.sync(
            organization_id=ORGANIZATION, client=client, body=models.SshKey.from_dict(key)
        )

    request = only_request(httpserver)
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.get_data()) == key
    assert created.tags == ["ops", "eu"]


@pytest.mark.slow
def test_file_upload_offered_as_forms_only_is_sent_as_multipart(
    fixture_package: FixturePackage, httpserver: HTTPServer
) -> None:
    generated = fixture_package("request_body_three_media_types.yaml")
    models = submodule(generated, "models")
    upload = submodule(generated, "api.web_hosting.upload_hosting_file")
    httpserver.expect_oneshot_request(
        f"/v1/organizations/{ORGANIZATION}/web-hosting/{HOSTING}/files", method="POST"
    ).respond_with_data(status=204)
    page = io.BytesIO(b"<h1>hello</h1>")
    document = submodule(generated, "types").File(payload=page, file_name="index.html")

    with client_for(generated, httpserver) as client:
        upload.sync_detailed(
            organization_id=ORGANIZATION,
            hosting_id=HOSTING,
            client=client,
            body=models.HostingFileUpload(path="public_html", file=document),
        )

    request = only_request(httpserver)
    assert request.mimetype == "multipart/form-data"
    assert request.form["path"] == "public_html"
    assert request.files["file"].read() == b"<h1>hello</h1>"


@pytest.mark.slow
def test_response_without_the_write_only_password_parses(
    fixture_package: FixturePackage, httpserver: HTTPServer
) -> None:
    generated = fixture_package("required_write_only_password.yaml")
    get_ftp_account = submodule(generated, "api.web_hosting.get_ftp_account")
    account_id = uuid.UUID("3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a")
    httpserver.expect_oneshot_request(
        f"/v1/organizations/{ORGANIZATION}/web-hosting/{HOSTING}/ftp-accounts/{account_id}"
    ).respond_with_json(
        {
            "id": str(account_id),
            "username": "deploy",
            "directory": "/public_html",
            "created": "2026-11-30T09:15:02Z",
        }
    )

    with client_for(generated, httpserver) as client:
        account = get_ftp_account.sync(
            organization_id=ORGANIZATION, hosting_id=HOSTING, id=account_id, client=client
        )

    assert account.username == "deploy"
    assert account.password is submodule(generated, "types").UNSET


@pytest.mark.slow
def test_create_call_sends_the_write_only_password_it_requires(
    fixture_package: FixturePackage, httpserver: HTTPServer
) -> None:
    generated = fixture_package("required_write_only_password.yaml")
    models = submodule(generated, "models")
    create_ftp_account = submodule(generated, "api.web_hosting.create_ftp_account")
    httpserver.expect_oneshot_request(
        f"/v1/organizations/{ORGANIZATION}/web-hosting/{HOSTING}/ftp-accounts", method="POST"
    ).respond_with_json(
        {
            "id": "3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a",
            "username": "deploy",
            "directory": "/public_html",
            "created": "2026-11-30T09:15:02Z",
        },
        status=201,
    )
    body = models.FtpAccountRequest(
        username="deploy", password="correct horse battery", directory="/public_html"
    )

    with client_for(generated, httpserver) as client:
        created = create_ftp_account.sync(
            organization_id=ORGANIZATION, hosting_id=HOSTING, client=client, body=body
        )

    sent = json.loads(only_request(httpserver).get_data())
    assert sent == {
        "username": "deploy",
        "password": "correct horse battery",
        "directory": "/public_html",
    }
    assert isinstance(created, models.FtpAccount)
    with pytest.raises(TypeError, match="password"):
        models.FtpAccountRequest(username="deploy", directory="/public_html")
