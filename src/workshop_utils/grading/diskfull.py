"""Telling a full disk apart from a failing submission.

When the disk holding the output folder fills up, every submission after that fails for a reason
that is no fault of the participant, and SQLite reports ``database or disk is full``. Grading then
stops with one sentence that names the folder and the fix, instead of a traceback or a class full
of wrong ``error`` rows; what was graded is kept, and the same command resumes after space is freed.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
SQLITE_FULL = "database or disk is full"
NEARLY_FULL = 4 * 1024 * 1024  # bytes: less than this left, and a failure is taken as the disk's


class DiskFull(Exception):
    """The output folder's disk is full: stop grading, keep what is done."""


def caused_by_full_disk(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or anything that caused it) is a full disk or quota."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DiskFull):
            return True
        if isinstance(exc, OSError) and exc.errno in FULL_ERRNOS:
            return True
        if SQLITE_FULL in str(exc) or "No space left on device" in str(exc) or "Disk quota exceeded" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def nearly_full(folder: Path) -> bool:
    """Whether the file system holding ``folder`` has (almost) no room left for this user."""
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        return False
    return stats.f_bavail * stats.f_frsize < NEARLY_FULL


def message(out: Path, graded: int) -> str:
    return (f"The disk holding {out} is full, so grading stopped. The {graded} submission(s) graded so far are kept "
            f"in {out / 'results'} and {out / 'grades.csv'}. Free space on that disk (or move the folder to a "
            "bigger one), then run the same command again: it grades the rest.")
