"""The grading kernel's own jail: what runs in the kernel's process before any student code.

Isolated, a kernel enters a mount namespace of its own in which, of the work folder, only its
notebook's folder and its scratch folders are writable, then drops every capability and sets
``no_new_privs`` (:func:`jail_kernel`, by ``unshare(2)``, the ``mount`` command, ``prctl`` and
``capset``: no ``setpriv`` needed). A cold kernel runs this module (``python -m
workshop_utils.grading.isolation.jail kernel WORK COMMAND...``), which jails itself and then
execs the kernel command: the capabilities stay dropped across the exec (the securebits are set
and locked, ``no_new_privs`` is inherited). A warm one calls :func:`jail_kernel` and becomes the
kernel without an exec.

Fail closed: when any step fails, the kernel never starts (exit 1), the reason is printed and
left in ``WORK/tmp/kernel-jail-failed`` for the worker to report as the submission's error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from workshop_utils.grading.isolation.linux import CLONE_NEWNS, libc, mount

KERNEL_WRITABLE = ("tmp", "ipc", "runtime", "ipython", "cache", "home")

FAILED = Path("tmp") / "kernel-jail-failed"  # in the work folder: why the jail could not be set up


def _jail_files(work: Path) -> bool:
    """In the kernel's own mount namespace: the work folder read-only but for the notebook's folder
    and the kernel's scratch folders."""
    # The work folder first (a mount of its own, whatever the worker did), then what stays writable in it.
    for path in [work, Path.cwd(), *(work / name for name in KERNEL_WRITABLE)]:
        if not mount("--bind", str(path), str(path)):
            print(f"workshop isolation: could not bind {path} (is util-linux's mount installed?)", file=sys.stderr)
            return False
    if not mount("-o", "remount,bind,ro", str(work)):
        print("workshop isolation: could not make the work folder read-only", file=sys.stderr)
        return False
    if os.access(work, os.W_OK) or not os.access(Path.cwd(), os.W_OK):
        print("workshop isolation: the work folder is not read-only after the remount", file=sys.stderr)
        return False
    return True


def refuse(work: Path, reason: str) -> int:
    """No kernel: say why (stderr, and a file the worker reads), and exit non-zero."""
    message = f"the grading kernel refused to run unjailed: {reason}"
    print(f"workshop isolation: {message}", file=sys.stderr)
    with contextlib.suppress(OSError):
        (work / FAILED).write_text(message, encoding="utf-8")
    return 1


def kernel_main(argv: list[str]) -> int:
    """``jail kernel WORK COMMAND...``: jail the kernel's files, drop privileges, become the kernel."""
    if len(argv) < 2:
        print("usage: python -m workshop_utils.grading.isolation.jail kernel WORK COMMAND...", file=sys.stderr)
        return 2
    work, command = Path(argv[0]).resolve(), argv[1:]
    error = jail_kernel(work)
    if error:
        return refuse(work, error)
    try:
        os.execvp(command[0], command)
    except OSError as failure:
        return refuse(work, f"could not start {command[0]}: {failure}")


def jail_kernel(work: Path) -> str:
    """Jail the calling process (which then becomes the kernel); returns "" when jailed, else why not."""
    import ctypes

    if libc().unshare(CLONE_NEWNS) != 0:
        return f"no mount namespace of its own (unshare: {os.strerror(ctypes.get_errno())})"
    if not mount("--make-rprivate", "/"):
        return "could not make its mounts private (is util-linux's mount installed?)"
    if not _jail_files(work):
        return "could not make the work folder read-only (is util-linux's mount installed?)"
    try:
        drop_privileges()
    except OSError as error:
        return f"could not drop privileges: {error}"
    return ""


PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 24, 28, 38, 47


SECUREBITS_NOROOT_NO_FIXUP_LOCKED = 0x0F  # setpriv's +noroot,+noroot_locked,+no_setuid_fixup(,_locked)


def drop_privileges() -> None:
    """What ``setpriv --no-new-privs --bounding-set=-all --inh-caps=-all --securebits=+noroot,...``
    does, and the clearing of the permitted and effective sets that its exec would do; checked in
    ``/proc/self/status``. Raises OSError when any capability remains."""
    import ctypes

    c = libc()
    ulong = ctypes.c_ulong

    def check(result: int, what: str) -> None:
        if result != 0:
            raise OSError(ctypes.get_errno(), f"{what}: {os.strerror(ctypes.get_errno())}")

    check(c.prctl(PR_SET_SECUREBITS, ulong(SECUREBITS_NOROOT_NO_FIXUP_LOCKED), ulong(0), ulong(0), ulong(0)),
          "securebits")
    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for cap in range(last + 1):
        check(c.prctl(PR_CAPBSET_DROP, ulong(cap), ulong(0), ulong(0), ulong(0)), "bounding set")
    c.prctl(PR_CAP_AMBIENT, ulong(4), ulong(0), ulong(0), ulong(0))  # PR_CAP_AMBIENT_CLEAR_ALL

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3, all sets empty
    check(c.capset(ctypes.byref(header), data), "capset")
    check(c.prctl(PR_SET_NO_NEW_PRIVS, ulong(1), ulong(0), ulong(0), ulong(0)), "no_new_privs")
    status = dict(line.split(":\t", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":\t" in line)
    if any(int(status.get(key, "0").strip(), 16) for key in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")):
        raise OSError(1, "capabilities remain")
    if status.get("NoNewPrivs", "0").strip() != "1":
        raise OSError(1, "no_new_privs is not set")


if __name__ == "__main__":  # pragma: no cover - runs as the grading kernel's first step
    sys.exit(kernel_main(sys.argv[2:] if sys.argv[1:2] == ["kernel"] else sys.argv[1:]))
