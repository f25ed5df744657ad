"""Writes of the reports app: the annual report's texts and options, its builds and versions."""

from .building import BuildError, build_request, builds_resume_stuck, report_build
from .notifications import report_ready_notify
from .versions import (
    StaleVersion,
    build_cancel,
    build_delete,
    build_finalise,
    build_retry,
    options_save,
    report_for,
    texts_save,
)

__all__ = [
    "BuildError",
    "StaleVersion",
    "build_cancel",
    "build_delete",
    "build_finalise",
    "build_request",
    "build_retry",
    "builds_resume_stuck",
    "options_save",
    "report_build",
    "report_for",
    "report_ready_notify",
    "texts_save",
]
