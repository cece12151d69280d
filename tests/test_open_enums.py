"""Every generated enum is open: a value the server added later parses and round-trips.

The enums of the committed package are tested in tests/client/test_open_enum_members.py; these
tests generate a package from a schema with more kinds of enum.
"""

import uuid
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

FixturePackage = Callable[[str], ModuleType]


@pytest.fixture(scope="module")
def enums_package(fixture_package: FixturePackage) -> ModuleType:
    return fixture_package("enums_drf_spectacular.yaml")


def volume_body(**fields: Any) -> dict[str, Any]:
    body = {"id": str(uuid.uuid4()), "status": "available", "disk_bus": "virtio", "tier": 1}
    return {**body, **fields}


def test_unknown_string_and_integer_values_round_trip_through_a_model(
    enums_package: ModuleType,
) -> None:
    body = volume_body(status="resizing", tier=7)

    volume = enums_package.models.Volume.from_dict(body)

    assert volume.status == "resizing" and volume.status.is_known is False
    assert volume.tier == 7 and volume.tier.is_known is False
    assert volume.to_dict() == body


@pytest.mark.parametrize(
    ("disk_bus", "expected_type", "known"),
    [
        pytest.param("scsi", "DiskBusEnum", True, id="listed-value"),
        pytest.param("", "BlankEnum", True, id="blank-is-blank-enum-not-an-unknown-value"),
        pytest.param(None, "NoneType", True, id="null-enum-is-none"),
        pytest.param("nvme", "DiskBusEnum", False, id="unknown-value-goes-to-the-real-enum"),
    ],
)
def test_blank_and_null_enums_of_drf_spectacular_parse_to_the_right_type(
    enums_package: ModuleType, disk_bus: str | None, expected_type: str, known: bool
) -> None:
    body = volume_body(disk_bus=disk_bus)

    volume = enums_package.models.Volume.from_dict(body)

    assert type(volume.disk_bus).__name__ == expected_type
    assert getattr(volume.disk_bus, "is_known", True) is known
    assert volume.to_dict() == body
