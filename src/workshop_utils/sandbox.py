"""Run one participant's notebook where it cannot hurt anyone else.

A submission is student code, and nbgrader runs it as the grader's own user. ``workshop grade``
therefore grades each submission in its own process, and on Linux (where unprivileged user
namespaces are available) inside fresh namespaces:

* **network**: a new, empty network namespace: nothing to connect to (the kernel talks to its
  grader over Unix sockets instead of TCP);
* **processes**: a new PID namespace: the submission sees only its own grader and kernel, so
  ``os.kill(os.getppid(), 9)`` ends only its own grading, and ``kill -1`` reaches nothing else;
* **files**: a new mount namespace in which every file system is read-only except the
  submission's private work folder (where ``TMPDIR`` points) and a fresh, size-capped ``/dev/shm``;
* **privileges**: the kernel runs with no capabilities and ``no_new_privs``, so it cannot undo
  any of the above;
* **limits**: a memory cap (RLIMIT_DATA, which unlike RLIMIT_AS leaves room for V8's address
  space reservations in vl-convert), a file-size cap, a per-cell timeout and a wall-clock cap.

Where namespaces are not available the same limits apply without the namespaces, and
``workshop grade`` says so before it starts.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

KERNEL_NAME = "workshop-sandbox"
MAX_OUTPUT_CHARS = 20_000  # per output, in autograded notebooks and feedback
UNSHARE = ["unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--mount", "--mount-proc",
           "--kill-child"]
NEVER_READ_ONLY = ("/proc", "/sys", "/dev")


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
    """The command that grades one submission (``python -m workshop_utils.sandbox ...``)."""
    command = [sys.executable, "-m", "workshop_utils.sandbox", *args]
    return [*UNSHARE, *command] if isolate else command


def set_limits(memory_mb: int, file_mb: int = 200) -> None:
    """Memory and file-size caps, inherited by the kernel this process starts."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    size = file_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def lock_down(work: Path) -> None:
    """Inside the new mount namespace: everything read-only but ``work``, private tmp folders."""
    _mount("--make-rprivate", "/")
    _mount("--bind", str(work), str(work))
    targets = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        target = line.split()[4].replace("\\040", " ")
        if target == str(work) or target.startswith(NEVER_READ_ONLY) and target != "/dev/shm":
            continue
        targets.append(target)
    for target in sorted(set(targets), key=len):
        _mount("-o", "remount,bind,ro", target)
    # /tmp stays read-only (the work folder may itself live under /tmp); TMPDIR points into work.
    if Path("/dev/shm").is_dir() and not str(work).startswith("/dev/shm"):
        _mount("-t", "tmpfs", "-o", "size=64m,mode=1777", "tmpfs", "/dev/shm")


KERNEL_WRITABLE = ("tmp", "ipc", "runtime", "ipython", "cache", "home")
DROP_PRIVILEGES = ["setpriv", "--no-new-privs", "--bounding-set=-all", "--inh-caps=-all",
                   "--securebits=+noroot,+noroot_locked,+no_setuid_fixup,+no_setuid_fixup_locked"]


def write_kernelspec(work: Path, drop_privileges: bool) -> Path:
    """The grading kernel. Isolated, it starts in a mount namespace of its own where, of the work
    folder, only its notebook's folder and its scratch folders are writable (not the private
    gradebook, the solutions or the grader's result file), then drops every privilege."""
    spec_dir = work / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    if drop_privileges and shutil.which("setpriv"):
        argv = ["unshare", "--mount", "--propagation", "private", sys.executable, "-m", "workshop_utils.sandbox",
                "kernel", str(work), *argv]
    spec = {"argv": argv, "display_name": "Workshop grading sandbox", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return spec_dir


def _output_cap():
    """nbgrader's LimitOutput caps lines; a single 50 MB line would pass. This caps characters too."""
    from nbgrader.preprocessors import LimitOutput

    class LimitOutputSize(LimitOutput):
        def preprocess_cell(self, cell, resources, cell_index):
            cell, resources = super().preprocess_cell(cell, resources, cell_index)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and len(output.get("text", "")) > MAX_OUTPUT_CHARS:
                    output["text"] = output["text"][:MAX_OUTPUT_CHARS] + "\n... output truncated by the grader ..."
                for mime, value in list(output.get("data", {}).items()):
                    if isinstance(value, str) and len(value) > 50 * MAX_OUTPUT_CHARS:
                        output["data"][mime] = value[:MAX_OUTPUT_CHARS] + "... output truncated by the grader ..."
            return cell, resources

    return LimitOutputSize


def _autograde_preprocessors() -> list:
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import AssignLatePenalties, CheckCellMetadata, Execute, IgnorePattern, SaveAutoGrades

    return [Execute, IgnorePattern, ClearMetadataPreprocessor, _output_cap(), SaveAutoGrades, AssignLatePenalties,
            CheckCellMetadata]


def grade_in_sandbox(work: Path, module: str, student: str, timeout: int, isolated: bool, warm: bool = False) -> dict:
    """Autograde ``work/submitted/<student>/<module>`` with the course config in ``work``.

    Runs inside the worker process; returns what the parent needs (scores are read from the
    private gradebook by the parent).
    """
    from workshop_utils import grading

    for sub in ("home", "runtime", "ipc", "cache", "ipython", "tmp", "exchange"):
        (work / sub).mkdir(exist_ok=True)
    os.environ.update({
        "HOME": str(work / "home"), "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
        "JUPYTER_PATH": str(work / "jupyter"), "XDG_CACHE_HOME": str(work / "cache"),
        "IPYTHONDIR": str(work / "ipython"), "MPLCONFIGDIR": str(work / "cache"), "TMPDIR": str(work / "tmp"),
        "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    })
    write_kernelspec(work, drop_privileges=isolated)
    # Unix socket paths are limited to about 100 characters, and a course folder can be deeper than
    # that: the kernel's sockets go to a short private place (the namespace's own /dev/shm, or a
    # fresh folder in the system's temporary folder).
    if isolated and Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):
        ipc = Path("/dev/shm/workshop-ipc")
        ipc.mkdir(exist_ok=True)
    else:
        import tempfile

        ipc = Path(tempfile.mkdtemp(prefix="wg-", dir="/tmp" if Path("/tmp").is_dir() else None))
    execute = {"timeout": timeout, "kernel_name": KERNEL_NAME, "interrupt_on_timeout": True,
               "startup_timeout": 180}  # a busy machine (a whole class at once) starts kernels slowly
    if warm:
        from workshop_utils import warmkernel

        execute["kernel_manager_class"] = warmkernel.manager_class()
    grader = grading.api(
        work,
        Execute=execute,
        KernelManager={"transport": "ipc", "ip": str(ipc / "kernel")},
        Exchange={"root": str(work / "exchange")},
        Autograde={"autograde_preprocessors": _autograde_preprocessors()},
    )
    result = grader.autograde(module, student, force=True, create=True)
    return {"success": bool(result.get("success")), "log": (result.get("log") or "")[-50_000:],
            "error": (result.get("error") or "")[-4000:]}


def _jail_files(work: Path) -> bool:
    """In the kernel's own mount namespace: the work folder read-only but for the notebook's folder
    and the kernel's scratch folders."""
    for path in [Path.cwd(), *(work / name for name in KERNEL_WRITABLE)]:
        _mount("--bind", str(path), str(path))
    if not _mount("-o", "remount,bind,ro", str(work)):
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

    if _libc().unshare(CLONE_NEWNS) != 0:
        print(f"workshop sandbox: unshare failed: {os.strerror(ctypes.get_errno())}", file=sys.stderr)
        return False
    _mount("--make-rprivate", "/")
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

    libc = _libc()
    ulong = ctypes.c_ulong

    def check(result: int, what: str) -> None:
        if result != 0:
            raise OSError(ctypes.get_errno(), f"{what}: {os.strerror(ctypes.get_errno())}")

    check(libc.prctl(PR_SET_SECUREBITS, ulong(SECUREBITS_NOROOT_NO_FIXUP_LOCKED), ulong(0), ulong(0), ulong(0)),
          "securebits")
    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for cap in range(last + 1):
        check(libc.prctl(PR_CAPBSET_DROP, ulong(cap), ulong(0), ulong(0), ulong(0)), "bounding set")
    libc.prctl(PR_CAP_AMBIENT, ulong(4), ulong(0), ulong(0), ulong(0))  # PR_CAP_AMBIENT_CLEAR_ALL

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3, all sets empty
    check(libc.capset(ctypes.byref(header), data), "capset")
    check(libc.prctl(PR_SET_NO_NEW_PRIVS, ulong(1), ulong(0), ulong(0), ulong(0)), "no_new_privs")
    status = dict(line.split(":\t", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":\t" in line)
    if any(int(status.get(key, "0").strip(), 16) for key in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")):
        raise OSError(1, "capabilities remain")


def main(argv: list[str] | None = None) -> int:
    import argparse

    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "kernel":
        return kernel_main(argv[1:])

    parser = argparse.ArgumentParser(description="Grade one submission (used by `workshop grade`).")
    parser.add_argument("--work", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--student", required=True)
    parser.add_argument("--timeout", type=int, default=30)
    parser.add_argument("--memory-mb", type=int, default=1024)
    parser.add_argument("--isolated", action="store_true")
    parser.add_argument("--warm", action="store_true", help="start kernels from waiting, preloaded forks")
    args = parser.parse_args(argv)
    work = Path(args.work).resolve()
    if args.isolated:
        lock_down(work)
    set_limits(args.memory_mb)
    warm = 0
    if args.warm:
        from workshop_utils import warmkernel

        # One waiting kernel per notebook, forked now, while this process is still single-threaded.
        notebooks = len(list((work / "solutions" / args.module).glob("*.ipynb")))
        warm = warmkernel.fork_waiting_kernels(notebooks, work, args.isolated)
    try:
        outcome = grade_in_sandbox(work, args.module, args.student, args.timeout, args.isolated, warm=bool(warm))
    finally:
        if warm:
            warmkernel.release_waiting()
    tmp = work / "result.json.tmp"
    tmp.write_text(json.dumps(outcome), encoding="utf-8")
    os.replace(tmp, work / "result.json")
    return 0 if outcome["success"] else 1


if __name__ == "__main__":  # pragma: no cover - runs in the worker process
    sys.exit(main())


# ---------------------------------------------------------------------------------------------
# A fork server: the same isolation without paying for Python and nbgrader imports per submission
# ---------------------------------------------------------------------------------------------

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000
PRELOAD = ["workshop_utils.sandbox", "workshop_utils.grading", "nbgrader.apps", "nbgrader.preprocessors",
           "nbconvert.preprocessors", "nbclient", "jupyter_client", "nbformat", "traitlets"]


def _libc():
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def die_with_parent() -> None:
    """Linux: be killed when the parent dies (PR_SET_PDEATHSIG), so no worker outlives its grader."""
    import contextlib
    import signal

    with contextlib.suppress(OSError, AttributeError):
        _libc().prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _enter_namespaces() -> None:
    """What `unshare --user --map-root-user --net --pid --mount` does, for the calling process."""
    import ctypes

    uid, gid = os.getuid(), os.getgid()
    if _libc().unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID) != 0:
        raise OSError(ctypes.get_errno(), "unshare failed")
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"0 {uid} 1")
    Path("/proc/self/gid_map").write_text(f"0 {gid} 1")


def forked_worker(args: list[str], log: str, isolated: bool) -> None:  # pragma: no cover - a forked child
    """Entry point in a child of the fork server: become the isolated worker for one submission."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    die_with_parent()
    os.setsid()
    if not isolated:
        os._exit(main([*args, "--warm"]))
    _enter_namespaces()
    child = os.fork()  # the child is process 1 of the new PID namespace, as with `unshare --fork`
    if child == 0:
        die_with_parent()
        _mount("-t", "proc", "proc", "/proc")
        code = 1
        try:
            code = main([*args, "--isolated", "--warm"])
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


_context = {}


def fork_server():
    """The multiprocessing context whose server process has nbgrader, and what the notebooks'
    kernels import (``warmkernel.PRELOAD``), already imported."""
    import multiprocessing

    from workshop_utils import warmkernel

    if "ctx" not in _context:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD + warmkernel.preload())
        _context["ctx"] = ctx
    return _context["ctx"]
