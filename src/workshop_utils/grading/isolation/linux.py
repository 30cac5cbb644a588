"""The few Linux system calls the isolation needs, by ctypes and the `mount` command.

Plain functions, importable anywhere (nothing here runs on import), shared by the grader, its
workers and the grading kernels.
"""

from __future__ import annotations

import subprocess

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000


def libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def mount(*args: str) -> bool:
    """The ``mount`` command; False when it fails or is not installed (callers fail closed)."""
    try:
        return subprocess.run(["mount", *args], capture_output=True).returncode == 0
    except OSError:
        return False


def die_with_parent() -> None:
    """Linux: be killed when the parent dies (PR_SET_PDEATHSIG), so no worker outlives its grader."""
    import contextlib
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc().prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
