"""Contains all the data models used in inputs/outputs.

Models load on first use, so importing the package costs the same whatever the schema's size.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .instance_task import InstanceTask
    from .instance_task_status import InstanceTaskStatus
    from .instance_task_task_type import InstanceTaskTaskType
    from .task_created_by import TaskCreatedBy
    from .task_instance import TaskInstance

_MODULE_OF_MODEL = {
    "InstanceTask": ".instance_task",
    "InstanceTaskStatus": ".instance_task_status",
    "InstanceTaskTaskType": ".instance_task_task_type",
    "TaskCreatedBy": ".task_created_by",
    "TaskInstance": ".task_instance",
}

__all__ = (
    "InstanceTask",
    "InstanceTaskStatus",
    "InstanceTaskTaskType",
    "TaskCreatedBy",
    "TaskInstance",
)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF_MODEL.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    model = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = model
    return model


def __dir__() -> list[str]:
    return sorted(__all__)
