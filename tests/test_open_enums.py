"""Every generated enum is open: a value the server added later parses and round-trips."""

import logging
import uuid
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from onetsolutions.models import InstanceTaskStatus, InstanceTaskTaskType

FixturePackage = Callable[[str], ModuleType]


@pytest.fixture(scope="module")
def enums_package(fixture_package: FixturePackage) -> ModuleType:
    return fixture_package("enums_drf_spectacular.yaml")


def volume_body(**fields: Any) -> dict[str, Any]:
    body = {"id": str(uuid.uuid4()), "status": "available", "disk_bus": "virtio", "tier": 1}
    return {**body, **fields}


def test_unknown_value_keeps_its_string_and_is_not_a_known_member() -> None:
    status = InstanceTaskStatus("paused")

    assert status == "paused" and status.value == "paused" and str(status) == "paused"
    assert isinstance(status, InstanceTaskStatus)
    assert status.is_known is False
    assert status not in list(InstanceTaskStatus)
    assert InstanceTaskStatus.RUNNING.is_known is True


def test_known_value_is_the_member_itself() -> None:
    assert InstanceTaskTaskType("resize_vps") is InstanceTaskTaskType.RESIZE_VPS
    assert InstanceTaskStatus("completed") == InstanceTaskStatus.COMPLETED


def test_value_of_the_wrong_type_is_still_rejected() -> None:
    with pytest.raises(ValueError, match="is not a valid InstanceTaskStatus"):
        InstanceTaskStatus(3)  # type: ignore[arg-type]


def test_first_unknown_value_of_an_enum_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="onetsolutions")

    first = InstanceTaskTaskType("migrate_vps")
    second = InstanceTaskTaskType("migrate_vps")

    assert first is second
    warnings = [record for record in caplog.records if "migrate_vps" in record.getMessage()]
    assert len(warnings) == 1
    assert "InstanceTaskTaskType" in warnings[0].getMessage()
    assert warnings[0].levelno == logging.WARNING


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
