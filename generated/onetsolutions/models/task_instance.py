from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..response_checks import field_error, wrong_type

T = TypeVar("T", bound="TaskInstance")


@_attrs_define
class TaskInstance:
    """
    Attributes:
        id (UUID):
        name (str):
    """

    id: UUID
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _at_field = ""
        try:
            d = dict(src_dict)
            _at_field = "id"
            id = UUID(d.pop("id"))

            _at_field = "name"
            name = d.pop("name")
            if not (isinstance(name, str)):
                raise wrong_type("a string", name)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("TaskInstance", _at_field, src_dict, error) from None
        task_instance = cls(
            id=id,
            name=name,
        )

        task_instance.additional_properties = d
        return task_instance

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
