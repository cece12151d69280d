from enum import StrEnum

from ..open_enums import is_known_member, unknown_member


class InstanceTaskStatus(StrEnum):
    """An open enum: a value the server added after this client was generated still parses.

    Such a value becomes a member that is not one of those listed here: it keeps its exact
    string, compares equal to it, and has ``is_known`` False.
    """

    CANCELLED = "cancelled"
    COMPLETED = "completed"
    FAILED = "failed"
    PENDING = "pending"
    RUNNING = "running"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """False for a value this client was generated without."""
        return is_known_member(self)

    @classmethod
    def _missing_(cls, value: object) -> "InstanceTaskStatus | None":
        return unknown_member(cls, value)
