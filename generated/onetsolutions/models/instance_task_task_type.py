from enum import StrEnum

from ..open_enums import is_known_member, unknown_member


class InstanceTaskTaskType(StrEnum):
    """An open enum: a value the server added after this client was generated still parses.

    Such a value becomes a member that is not one of those listed here: it keeps its exact
    string, compares equal to it, and has ``is_known`` False.
    """

    APPLY_CONFIG = "apply_config"
    APPLY_FIREWALL = "apply_firewall"
    ASSIGN_IP = "assign_ip"
    ATTACH_VOLUME = "attach_volume"
    CHANGE_HOSTNAME = "change_hostname"
    CREATE_BACKUP = "create_backup"
    CREATE_IMAGE_FROM_SNAPSHOT = "create_image_from_snapshot"
    CREATE_SNAPSHOT = "create_snapshot"
    CREATE_VOLUME = "create_volume"
    CREATE_VPS = "create_vps"
    DELETE_BACKUP = "delete_backup"
    DELETE_IMAGE = "delete_image"
    DELETE_SNAPSHOT = "delete_snapshot"
    DELETE_VOLUME = "delete_volume"
    DELETE_VPS = "delete_vps"
    DETACH_VOLUME = "detach_volume"
    GET_VNC_URL = "get_vnc_url"
    INSTALL_SOFTWARE = "install_software"
    REBOOT_VPS = "reboot_vps"
    REINSTALL_OS = "reinstall_os"
    REMOVE_IP = "remove_ip"
    RESET_VPS = "reset_vps"
    RESIZE_VOLUME = "resize_volume"
    RESIZE_VPS = "resize_vps"
    RESTORE_BACKUP = "restore_backup"
    RESTORE_SNAPSHOT = "restore_snapshot"
    SHUTDOWN_VPS = "shutdown_vps"
    START_VPS = "start_vps"
    STOP_VPS = "stop_vps"
    SYNC_VPS_STATE = "sync_vps_state"
    UNINSTALL_SOFTWARE = "uninstall_software"
    UPDATE_REVERSE_DNS = "update_reverse_dns"
    UPDATE_VPC = "update_vpc"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """False for a value this client was generated without."""
        return is_known_member(self)

    @classmethod
    def _missing_(cls, value: object) -> "InstanceTaskTaskType | None":
        return unknown_member(cls, value)
