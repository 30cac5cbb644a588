"""The grader's side of isolation: what this machine allows, and how workers are started.

Runs in the facilitator's ``workshop grade`` process. Workers are forked from a server process
that has nbgrader (and what the notebooks' kernels import) imported already, or started as fresh
``python -m workshop_utils.grading.isolation.worker`` processes under ``unshare``.

What the machine allows is measured, not guessed: :func:`protections` runs a small probe in a
child process that tries each piece of the jail for real (user, network, PID and mount
namespaces, a read-only bind mount by the ``mount`` command, dropping every capability) and
returns one :class:`Protection` per piece, with the fix for each one missing. Isolation is all
or nothing: a submission is isolated only when every piece works, and otherwise graded with
processes and limits only, and ``workshop doctor`` and ``workshop grade`` name what is missing.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
import subprocess
import sys
import tempfile

UNSHARE = ["unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--mount", "--mount-proc",
           "--kill-child"]

USERNS_FIX = ("allow unprivileged user namespaces: sysctl -w kernel.unprivileged_userns_clone=1 (Debian, Ubuntu) "
              "and user.max_user_namespaces above 0; on Ubuntu 24.04 also "
              "kernel.apparmor_restrict_unprivileged_userns=0; in a container, a seccomp profile that allows unshare")
MOUNT_FIX = "install util-linux's mount (apt-get install mount / dnf install util-linux)"
UNSHARE_FIX = "install util-linux's unshare (apt-get install util-linux), or grade with the fork server (the default)"


@dataclasses.dataclass(frozen=True)
class Protection:
    key: str  # processes, network, pid, files, privileges, unshare
    label: str
    available: bool
    fix: str = ""  # what to do about it, when it is not available
    plain_process_only: bool = False  # needed only by the plain-process path (no fork server)


def _probe(scratch: str) -> dict:  # pragma: no cover - runs in the probe's child process
    """Try each piece of the jail, in this (throw-away) process; returns what worked and why not."""
    import ctypes
    import os
    from pathlib import Path

    from workshop_utils.grading.isolation import jail
    from workshop_utils.grading.isolation.linux import CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER, libc

    found = {}
    c = libc()

    def attempt(flag: int) -> str:
        return "" if c.unshare(flag) == 0 else os.strerror(ctypes.get_errno())

    uid, gid = os.getuid(), os.getgid()
    found["userns"] = attempt(CLONE_NEWUSER)
    if found["userns"]:
        return found
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"0 {uid} 1")
    Path("/proc/self/gid_map").write_text(f"0 {gid} 1")
    found["network"] = attempt(CLONE_NEWNET)
    found["mountns"] = attempt(CLONE_NEWNS)
    if not found["mountns"]:
        if not shutil.which("mount"):
            found["files"] = "no mount command"
        else:
            from workshop_utils.grading.isolation.linux import mount

            ok = mount("--make-rprivate", "/") and mount("--bind", scratch, scratch)
            ok = ok and mount("-o", "remount,bind,ro", scratch)
            found["files"] = "" if ok and not os.access(scratch, os.W_OK) else "a read-only bind mount failed"
    found["pid"] = attempt(CLONE_NEWPID)
    if not found["pid"]:
        child = os.fork()
        if child == 0:
            os._exit(0 if os.getpid() == 1 else 1)
        found["pid"] = "" if os.waitpid(child, 0)[1] == 0 else "not process 1 in the new namespace"
    try:
        jail.drop_privileges()
        found["privileges"] = ""
    except OSError as error:
        found["privileges"] = str(error)
    return found


@functools.lru_cache(maxsize=4)
def _measure(path: str | None) -> tuple[tuple[str, str], ...]:
    """Run the probe in a child process (with the given PATH); (piece, error) pairs, "" = works."""
    import os

    if sys.platform != "linux":
        return (("userns", "not Linux"),)
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    scratch = tempfile.mkdtemp(prefix="workshop-probe-")
    code = ("import json, sys\nfrom workshop_utils.grading.isolation import host\n"
            "print(json.dumps(host._probe(sys.argv[1])))")
    try:
        done = subprocess.run([sys.executable, "-c", code, scratch], capture_output=True, text=True, timeout=60,
                              env=env)
        found = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else {
            "userns": f"the probe failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}"}
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError) as error:
        found = {"userns": f"the probe failed: {error}"}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if shutil.which("unshare", path=env.get("PATH")):
        try:
            plain = subprocess.run([*UNSHARE, "true"], capture_output=True, text=True, timeout=30, env=env)
            found["unshare"] = "" if plain.returncode == 0 else (plain.stderr.strip() or "it failed")[:200]
        except (OSError, subprocess.TimeoutExpired) as error:
            found["unshare"] = str(error)
    else:
        found["unshare"] = "no unshare command"
    return tuple(found.items())


def assess(found: dict) -> list[Protection]:
    """Each protection, from what the probe found (``found``: piece -> "" when it works, else why not)."""
    userns = found.get("userns", "not tried")

    def piece(key: str, needs: tuple[str, ...], label: str, fix: str) -> Protection:
        if userns:
            return Protection(key, label, False, f"{USERNS_FIX} (user namespaces: {userns})")
        errors = [found.get(name, "not tried") for name in needs]
        errors = [e for e in errors if e]
        return Protection(key, label, not errors, f"{fix} ({'; '.join(errors)})" if errors else "")

    files_fix = MOUNT_FIX if found.get("files") == "no mount command" else USERNS_FIX
    unshare = found.get("unshare", "not tried")
    return [
        Protection("processes", "a separate process per submission with memory, file-size and time limits", True),
        piece("network", ("network",), "no network (network namespace)", USERNS_FIX),
        piece("pid", ("pid",), "its own process tree (PID namespace)", USERNS_FIX),
        piece("files", ("mountns", "files"), "a read-only file system but its work folder (mount namespace and "
              "the mount command)", files_fix),
        piece("privileges", ("privileges",), "no capabilities and no_new_privs (prctl, capset)",
              "allow prctl and capset in user namespaces (a seccomp profile that blocks them)"),
        Protection("unshare", "the unshare command (workers of the plain-process path)", not unshare,
                   f"{UNSHARE_FIX if unshare == 'no unshare command' else USERNS_FIX} ({unshare})" if unshare else "",
                   plain_process_only=True),
    ]


def protections(path: str | None = None) -> list[Protection]:
    """What this machine gives a submission, measured; ``path``: the PATH to look for commands on."""
    return assess(dict(_measure(path)))


def isolation_possible(found: list[Protection], plain_process: bool = False) -> bool:
    return all(p.available for p in found if plain_process or not p.plain_process_only)


def namespaces_available() -> bool:
    """True when every protection of the fork-server path works here (see :func:`protections`)."""
    return isolation_possible(protections())


def plan(isolate: bool | None, plain_process: bool) -> tuple[bool, list[Protection]]:
    """Whether to isolate (``isolate``: None = when possible), and each protection as it will be in effect."""
    found = [p for p in protections() if plain_process or not p.plain_process_only]
    possible = isolation_possible(found, plain_process)
    if isolate is False:
        return False, [p if p.key == "processes" else dataclasses.replace(p, available=False, fix=NO_ISOLATION)
                      for p in found]
    return (possible if isolate is None else isolate), found


NAMES = {"processes": "processes and limits", "network": "network namespace", "pid": "PID namespace",
         "files": "read-only file system", "privileges": "dropped privileges", "unshare": "unshare command"}
NO_ISOLATION = "turned off by --no-isolation"


def describe(found: list[Protection], isolated: bool) -> str:
    """One line for the grade summary: isolated, or which protections are off and what is missing."""
    if isolated:
        return "isolated: " + ", ".join(NAMES[p.key] for p in found if p.key != "unshare")
    off = ", ".join(NAMES[p.key] for p in found if p.key not in ("processes", "unshare"))
    by_fix: dict[str, list[str]] = {}
    for p in found:
        if not p.available:
            by_fix.setdefault(p.fix, []).append(NAMES[p.key])
    if set(by_fix) <= {NO_ISOLATION}:
        return f"processes and limits only: --no-isolation turned off {off}"
    why = "; ".join(f"{', '.join(names)}: {fix}" for fix, names in by_fix.items())
    return f"processes and limits only, OFF: {off}; missing {why}"


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


def start_fork_server() -> None:
    """Start the fork server now, from the main thread, with Ctrl-C ignored.

    It spends seconds importing its preload, and a Ctrl-C in the terminal then would print a long
    traceback from inside multiprocessing. Ignored, it inherits that (its workers too, which live in
    sessions of their own anyway); the grader itself still stops on Ctrl-C and kills its workers.
    """
    import multiprocessing.forkserver
    import signal
    import threading

    fork_server()
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
