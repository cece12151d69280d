from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..response_checks import field_error, wrong_type

T = TypeVar("T", bound="TaskCreatedBy")


@_attrs_define
class TaskCreatedBy:
    """
    Attributes:
        id (UUID):
        email (str):
        first_name (str):
        last_name (str):
    """

    id: UUID
    email: str
    first_name: str
    last_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        email = self.email

        first_name = self.first_name

        last_name = self.last_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "first_name": first_name,
                "last_name": last_name,
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

            _at_field = "email"
            email = d.pop("email")
            if not (isinstance(email, str)):
                raise wrong_type("a string", email)

            _at_field = "first_name"
            first_name = d.pop("first_name")
            if not (isinstance(first_name, str)):
                raise wrong_type("a string", first_name)

            _at_field = "last_name"
            last_name = d.pop("last_name")
            if not (isinstance(last_name, str)):
                raise wrong_type("a string", last_name)

        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise field_error("TaskCreatedBy", _at_field, src_dict, error) from None
        task_created_by = cls(
            id=id,
            email=email,
            first_name=first_name,
            last_name=last_name,
        )

        task_created_by.additional_properties = d
        return task_created_by

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
