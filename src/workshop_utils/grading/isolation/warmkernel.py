"""Grading kernels that start warm: pandas, Altair and the course helpers are already imported.

A grading kernel spends most of its life importing: pandas, Altair, ipywidgets, IPython and the
course helpers take about three seconds, and a notebook's own work takes well under one. With two
submissions graded at once on two cores, those imports are most of the cost of grading a class.

So the fork server that the grading workers come from imports them once (``PRELOAD``), and each
worker, while it is still single-threaded, forks one *waiting kernel* per notebook it will grade.
When nbgrader asks for a kernel, ``WarmKernelManager`` hands the connection file, folder and
environment to a waiting kernel instead of starting ``python -m ipykernel_launcher``. The waiting
kernel then jails itself exactly as the cold kernel does (``jail.jail_kernel``: its own mount
namespace with the work folder read-only, then no capabilities and ``no_new_privs``) and becomes
the kernel. Its notebook's ``import pandas`` costs nothing.

Anything unusual (no waiting kernel left, e.g. after a restart; threads already running in the
worker) falls back to the ordinary cold start, so grading never depends on this being possible.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import sys
from pathlib import Path

# What a course notebook imports, loaded once in the grading fork server. A module that cannot be
# imported is simply skipped; a notebook importing something else pays for it in its own kernel.
PRELOAD = ["IPython", "ipykernel.kernelapp", "ipykernel.ipkernel", "comm", "numpy", "pandas", "altair",
           "ipywidgets", "workshop_utils.answers", "workshop_utils.charts", "workshop_utils.checks",
           "workshop_utils.data", "workshop_utils.metrics", "workshop_utils.outcomes", "workshop_utils.widgets"]


def preload() -> list[str]:
    """``PRELOAD``, every course module, and the libraries a course module lists in its optional
    ``KERNEL_IMPORTS`` (so a module built on another heavy library needs no framework edit)."""
    import importlib

    from workshop_utils import course

    names = list(PRELOAD)
    for name in course.module_names():
        try:  # a broken module is its notebooks' problem, reported there; grading goes on
            module = importlib.import_module(f"{course.__name__}.{name}")
        except Exception:  # noqa: BLE001 - the fork server would die on it: skip it here
            continue
        names.append(module.__name__)
        names.extend(getattr(module, "KERNEL_IMPORTS", []))
    return list(dict.fromkeys(names))

_waiting: list[tuple[int, int]] = []  # (pid, write end of its pipe), one per kernel still to start


def single_threaded() -> bool:
    """Forking is only safe while this process has one thread (native threads included)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def fork_waiting_kernels(count: int, work: Path, isolated: bool) -> int:
    """Fork ``count`` waiting kernels; returns how many were forked (0 when it is not safe)."""
    if sys.platform != "linux" or count < 1 or "ipykernel.kernelapp" not in sys.modules or not single_threaded():
        return 0
    for _ in range(count):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the waiting kernel, a forked child
            os.close(write)
            code = 1
            try:
                code = _wait_then_become_kernel(read, Path(work), isolated)
            finally:
                os._exit(code)
        os.close(read)
        _waiting.append((pid, write))
    return count


def take() -> tuple[int, int] | None:
    return _waiting.pop(0) if _waiting else None


def release_waiting() -> None:
    """End the waiting kernels nobody asked for (closing the pipe tells them to exit)."""
    while _waiting:
        pid, write = _waiting.pop()
        os.close(write)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def _wait_then_become_kernel(read: int, work: Path, isolated: bool) -> int:  # pragma: no cover - forked child
    from workshop_utils.grading.isolation import jail, linux

    linux.die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # an interrupt is for the kernel to come, not for us waiting
    message = _read_all(read)
    if not message:
        return 0
    request = json.loads(message)
    os.setsid()  # a process group of its own, as jupyter_client starts kernels (interrupts reach the group)
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGHUP):
        signal.signal(number, signal.default_int_handler if number == signal.SIGINT else signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.closerange(3, 65536)  # nothing the worker had open reaches student code
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    if isolated:
        error = jail.jail_kernel(work)
        if error:  # fail closed: no student code runs in a kernel that could not jail itself
            return jail.refuse(work, error)
    # Whatever was worked out from the worker's environment at import time, work out again.
    import tempfile

    tempfile.tempdir = None
    argv = ["-f", request["connection_file"], f"--IPKernelApp.parent_handle={os.getppid()}"]
    sys.argv = ["ipykernel_launcher", *argv]
    sys.path[0:0] = [request["cwd"]]
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=argv)
    sys.stdout.flush()
    sys.stderr.flush()
    return 0


class ForkedKernel:
    """The little of ``subprocess.Popen`` that jupyter_client uses, for a kernel that is our child."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def _reap(self, flags: int) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, flags)
            except ChildProcessError:
                self.returncode = -1
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def poll(self) -> int | None:
        return self._reap(os.WNOHANG)

    def wait(self, timeout: float | None = None) -> int | None:
        return self._reap(0)

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, number)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


@functools.cache
def manager_class():
    """Built on first use, so importing this module does not import jupyter_client."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner

    class WarmProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd: list[str], **kwargs):
            waiting = take()
            if waiting is None or "-f" not in cmd:
                return await super().launch_kernel(cmd, **kwargs)
            pid, write = waiting
            env = dict(kwargs.get("env") or os.environ)
            env["JPY_PARENT_PID"] = str(os.getpid())
            request = {"connection_file": cmd[cmd.index("-f") + 1], "cwd": str(kwargs.get("cwd") or os.getcwd()),
                       "env": env}
            os.write(write, json.dumps(request).encode())
            os.close(write)
            self.process = ForkedKernel(pid)
            self.pid, self.pgid = pid, pid
            self.cwd = request["cwd"]
            return self.connection_info

    class WarmKernelManager(AsyncKernelManager):
        async def _async_pre_start_kernel(self, **kw):
            if self.provisioner is None:
                import uuid

                self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
                self.provisioner = WarmProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                                   parent=self)
            return await super()._async_pre_start_kernel(**kw)

    return WarmKernelManager
