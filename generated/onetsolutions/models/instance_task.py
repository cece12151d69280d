from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.instance_task_status import InstanceTaskStatus
from ..models.instance_task_task_type import InstanceTaskTaskType
from ..response_checks import field_error, format_datetime, parse_datetime, wrong_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_created_by import TaskCreatedBy
    from ..models.task_instance import TaskInstance


T = TypeVar("T", bound="InstanceTask")


@_attrs_define
class InstanceTask:
    """
    Attributes:
        id (UUID):
        instance_id (UUID):
        instance (TaskInstance):
        task_type (InstanceTaskTaskType): * `create_vps` - Create Instance
            * `delete_vps` - Delete Instance
            * `start_vps` - Start Instance
            * `stop_vps` - Stop Instance
            * `reboot_vps` - Reboot Instance
            * `shutdown_vps` - Shutdown Instance
            * `reset_vps` - Reset Instance
            * `resize_vps` - Resize Instance
            * `change_hostname` - Change Hostname
            * `reinstall_os` - Reinstall OS
            * `assign_ip` - Assign IP
            * `remove_ip` - Remove IP
            * `update_reverse_dns` - Update Reverse DNS
            * `update_vpc` - Update VPC
            * `apply_firewall` - Apply Firewall Rules
            * `create_snapshot` - Create Snapshot
            * `delete_snapshot` - Delete Snapshot
            * `restore_snapshot` - Restore Snapshot
            * `create_backup` - Create Backup
            * `delete_backup` - Delete Backup
            * `restore_backup` - Restore Backup
            * `create_image_from_snapshot` - Create Image from Snapshot
            * `delete_image` - Delete Image
            * `create_volume` - Create Volume
            * `attach_volume` - Attach Volume
            * `detach_volume` - Detach Volume
            * `resize_volume` - Resize Volume
            * `delete_volume` - Delete Volume
            * `install_software` - Install Software
            * `uninstall_software` - Uninstall Software
            * `get_vnc_url` - Get VNC URL
            * `sync_vps_state` - Sync Instance State
            * `apply_config` - Apply Proxmox Configuration
        status (InstanceTaskStatus): * `pending` - Pending
            * `running` - Running
            * `completed` - Completed
            * `failed` - Failed
            * `cancelled` - Cancelled
        result (Any): Résultat de l'exécution
        started_at (datetime.datetime | None):
        completed_at (datetime.datetime | None):
        retry_count (int):
        created (datetime.datetime):
        modified (datetime.datetime):
        created_by (None | TaskCreatedBy):
        parameters (Any | Unset): Paramètres spécifiques à la tâche
        max_retries (int | Unset):
    """

    id: UUID
    instance_id: UUID
    instance: TaskInstance
    task_type: InstanceTaskTaskType
    status: InstanceTaskStatus
    result: Any
    started_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    retry_count: int
    created: datetime.datetime
    modified: datetime.datetime
    created_by: None | TaskCreatedBy
    parameters: Any | Unset = UNSET
    max_retries: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_created_by import TaskCreatedBy  # noqa: PLC0415

        id = str(self.id)

        instance_id = str(self.instance_id)

        instance = self.instance.to_dict()

        task_type = self.task_type.value

        status = self.status.value

        result = self.result

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = format_datetime(self.started_at)
        else:
            started_at = self.started_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = format_datetime(self.completed_at)
        else:
            completed_at = self.completed_at

        retry_count = self.retry_count

        created = format_datetime(self.created)

        modified = format_datetime(self.modified)

        created_by: dict[str, Any] | None
        if isinstance(self.created_by, TaskCreatedBy):
            created_by = self.created_by.to_dict()
        else:
            created_by = self.created_by

        parameters = self.parameters

        max_retries = self.max_retries

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "instance_id": instance_id,
                "instance": instance,
                "task_type": task_type,
                "status": status,
                "result": result,
                "started_at": started_at,
                "completed_at": completed_at,
                "retry_count": retry_count,
                "created": created,
                "modified": modified,
                "created_by": created_by,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if max_retries is not UNSET:
            field_dict["max_retries"] = max_retries

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_created_by import TaskCreatedBy  # noqa: PLC0415
        from ..models.task_instance import TaskInstance  # noqa: PLC0415

        _at_field = ""
        try:
            d = dict(src_dict)
            _at_field = "id"
            id = UUID(d.pop("id"))

            _at_field = "instance_id"
            instance_id = UUID(d.pop("instance_id"))

            _at_field = "instance"
            instance = TaskInstance.from_dict(d.pop("instance"))

            _at_field = "task_type"
            task_type = InstanceTaskTaskType(d.pop("task_type"))

            _at_field = "status"
            status = InstanceTaskStatus(d.pop("status"))

            _at_field = "result"
            result = d.pop("result")

            _at_field = "started_at"

            def _parse_started_at(data: object) -> datetime.datetime | None:
                if data is None:
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    started_at_type_0 = parse_datetime(data)

                    return started_at_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if data is None:
                    return data

                raise TypeError("matches none of datetime.datetime | None")

            started_at = _parse_started_at(d.pop("started_at"))

            _at_field = "completed_at"

            def _parse_completed_at(data: object) -> datetime.datetime | None:
                if data is None:
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    completed_at_type_0 = parse_datetime(data)

                    return completed_at_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if data is None:
                    return data

                raise TypeError("matches none of datetime.datetime | None")

            completed_at = _parse_completed_at(d.pop("completed_at"))

            _at_field = "retry_count"
            retry_count = d.pop("retry_count")
            if not (isinstance(retry_count, int) and not isinstance(retry_count, bool)):
                raise wrong_type("an integer", retry_count)

            _at_field = "created"
            created = parse_datetime(d.pop("created"))

            _at_field = "modified"
            modified = parse_datetime(d.pop("modified"))

            _at_field = "created_by"

            def _parse_created_by(data: object) -> None | TaskCreatedBy:
                if data is None:
                    return data
                if data is None:
                    return data

                if not isinstance(data, dict):
                    raise TypeError()
                created_by_type_1 = TaskCreatedBy.from_dict(data)

                return created_by_type_1

            created_by = _parse_created_by(d.pop("created_by"))

            _at_field = "parameters"
            parameters = d.pop("parameters", UNSET)

            _at_field = "max_retries"
            max_retries = d.pop("max_retries", UNSET)
            if not isinstance(max_retries, Unset) and not (
                isinstance(max_retries, int) and not isinstance(max_retries, bool)
            ):
                raise wrong_type("an integer", max_retries)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("InstanceTask", _at_field, src_dict, error) from None
        instance_task = cls(
            id=id,
            instance_id=instance_id,
            instance=instance,
            task_type=task_type,
            status=status,
            result=result,
            started_at=started_at,
            completed_at=completed_at,
            retry_count=retry_count,
            created=created,
            modified=modified,
            created_by=created_by,
            parameters=parameters,
            max_retries=max_retries,
        )

        instance_task.additional_properties = d
        return instance_task

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
