"""The grading kernel's own jail: what runs in the kernel's process before any student code.

Isolated, a kernel enters a mount namespace of its own in which, of the work folder, only its
notebook's folder and its scratch folders are writable, then drops every capability and sets
``no_new_privs``. A cold kernel runs this module (``python -m workshop_utils.grading.isolation.jail
kernel WORK COMMAND...``) before it becomes the kernel; a warm one calls :func:`jail_kernel`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from workshop_utils.grading.isolation.linux import CLONE_NEWNS, libc, mount

KERNEL_WRITABLE = ("tmp", "ipc", "runtime", "ipython", "cache", "home")


DROP_PRIVILEGES = ["setpriv", "--no-new-privs", "--bounding-set=-all", "--inh-caps=-all",
                   "--securebits=+noroot,+noroot_locked,+no_setuid_fixup,+no_setuid_fixup_locked"]


def _jail_files(work: Path) -> bool:
    """In the kernel's own mount namespace: the work folder read-only but for the notebook's folder
    and the kernel's scratch folders."""
    for path in [Path.cwd(), *(work / name for name in KERNEL_WRITABLE)]:
        mount("--bind", str(path), str(path))
    if not mount("-o", "remount,bind,ro", str(work)):
        print("workshop sandbox: could not make the work folder read-only", file=sys.stderr)
        return False
    return True


def kernel_main(argv: list[str]) -> int:  # pragma: no cover - runs as the grading kernel's first step
    """``sandbox kernel WORK COMMAND...``: jail the kernel's files, drop privileges, become the kernel."""
    work, command = Path(argv[0]), argv[1:]
    if not _jail_files(work):
        return 1
    os.execvp(DROP_PRIVILEGES[0], [*DROP_PRIVILEGES, *command])


def jail_kernel(work: Path) -> bool:  # pragma: no cover - runs in a warm grading kernel (warmkernel)
    """What the cold kernel's ``unshare --mount`` + ``kernel_main`` + ``setpriv`` do, for the calling
    process, which then becomes the kernel without an exec."""
    import ctypes

    if libc().unshare(CLONE_NEWNS) != 0:
        print(f"workshop sandbox: unshare failed: {os.strerror(ctypes.get_errno())}", file=sys.stderr)
        return False
    mount("--make-rprivate", "/")
    if not _jail_files(work):
        return False
    try:
        drop_privileges()
    except OSError as error:
        print(f"workshop sandbox: could not drop privileges: {error}", file=sys.stderr)
        return False
    return True


PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 24, 28, 38, 47


SECUREBITS_NOROOT_NO_FIXUP_LOCKED = 0x0F  # setpriv's +noroot,+noroot_locked,+no_setuid_fixup(,_locked)


def drop_privileges() -> None:  # pragma: no cover - runs in a warm grading kernel
    """``setpriv --no-new-privs --bounding-set=-all --inh-caps=-all --securebits=...`` without the
    exec that, with root made powerless, clears the permitted and effective sets: that we do here."""
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


if __name__ == "__main__":  # pragma: no cover - runs as the grading kernel's first step
    sys.exit(kernel_main(sys.argv[2:] if sys.argv[1:2] == ["kernel"] else sys.argv[1:]))
