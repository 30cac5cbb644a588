"""The grader's side of isolation: what this machine allows, and how workers are started.

Runs in the facilitator's ``workshop grade`` process. Workers are forked from a server process
that has nbgrader (and what the notebooks' kernels import) imported already, or started as fresh
``python -m workshop_utils.grading.isolation.worker`` processes under ``unshare``.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys

UNSHARE = ["unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--mount", "--mount-proc",
           "--kill-child"]


@functools.lru_cache(maxsize=1)
def namespaces_available() -> bool:
    """True when this machine lets an ordinary process create user, network, PID and mount namespaces."""
    if sys.platform != "linux" or not shutil.which("unshare") or not shutil.which("mount"):
        return False
    try:
        probe = subprocess.run([*UNSHARE, "mount", "-t", "tmpfs", "tmpfs", "/mnt"], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def worker_command(args: list[str], isolate: bool) -> list[str]:
    """The command that grades one submission (``python -m workshop_utils.grading.isolation.worker ...``)."""
    command = [sys.executable, "-m", "workshop_utils.grading.isolation.worker", *args]
    return [*UNSHARE, *command] if isolate else command


PRELOAD = ["workshop_utils.grading.isolation.worker", "workshop_utils.grading.pipeline", "nbgrader.apps",
           "nbgrader.preprocessors",
           "nbconvert.preprocessors", "nbclient", "jupyter_client", "nbformat", "traitlets"]


_context = {}


def fork_server():
    """The multiprocessing context whose server process has nbgrader, and what the notebooks'
    kernels import (``warmkernel.PRELOAD``), already imported."""
    import multiprocessing

    from workshop_utils.grading.isolation import warmkernel

    if "ctx" not in _context:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD + warmkernel.preload())
        _context["ctx"] = ctx
    return _context["ctx"]
