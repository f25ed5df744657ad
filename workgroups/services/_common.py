"""The workgroup services' shared helpers, from vkr_portal.versioning."""

from vkr_portal.versioning import StaleVersion, locked_at_version, save_versioned

__all__ = ["StaleVersion", "locked_at_version", "save_versioned"]
