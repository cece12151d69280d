"""Generated enums are open: a value the server added later is kept, not rejected."""

import logging

import pytest

from onetsolutions.models import InstanceTaskStatus, InstanceTaskTaskType


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
