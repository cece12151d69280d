"""Contains all the data models used in inputs/outputs"""

from .instance_task import InstanceTask
from .instance_task_status import InstanceTaskStatus
from .instance_task_task_type import InstanceTaskTaskType
from .task_created_by import TaskCreatedBy
from .task_instance import TaskInstance

__all__ = (
    "InstanceTask",
    "InstanceTaskStatus",
    "InstanceTaskTaskType",
    "TaskCreatedBy",
    "TaskInstance",
)
