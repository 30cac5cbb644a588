"""One worker: grade one participant's submission where it cannot hurt anyone else.

Runs in its own process, started by the grader (see ``host``), inside fresh namespaces where
the machine allows them. It locks its file systems down, sets its limits, forks waiting kernels
(see ``warmkernel``) and runs nbgrader's autograde on its private copy of the course.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
from pathlib import Path

from workshop_utils import files
from workshop_utils.grading.isolation import jail
from workshop_utils.grading.isolation.linux import (
    CLONE_NEWNET,
    CLONE_NEWNS,
    CLONE_NEWPID,
    CLONE_NEWUSER,
    die_with_parent,
    libc,
    mount,
)

KERNEL_NAME = "workshop-sandbox"


MAX_OUTPUT_CHARS = 20_000  # per output, in autograded notebooks and feedback


NEVER_READ_ONLY = ("/proc", "/sys", "/dev")


def set_limits(memory_mb: int, file_mb: int = 200) -> None:
    """Memory and file-size caps, inherited by the kernel this process starts."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    size = file_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def lock_down(work: Path) -> str:
    """Inside the new mount namespace: everything read-only but ``work``, private tmp folders.

    Returns "" when done, else what failed (then nothing may run: the caller fails closed)."""
    if not (mount("--make-rprivate", "/") and mount("--bind", str(work), str(work))):
        return "could not set up a private mount of the work folder (is util-linux's mount installed?)"
    targets = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        target = line.split()[4].replace("\\040", " ")
        if target == str(work) or target.startswith(NEVER_READ_ONLY) and target != "/dev/shm":
            continue
        targets.append(target)
    for target in sorted(set(targets), key=len):
        # A mount the grader's user cannot reach may refuse; what matters is checked below.
        mount("-o", "remount,bind,ro", target)
    # /tmp stays read-only (the work folder may itself live under /tmp); TMPDIR points into work.
    if Path("/dev/shm").is_dir() and not str(work).startswith("/dev/shm"):
        mount("-t", "tmpfs", "-o", "size=64m,mode=1777", "tmpfs", "/dev/shm")
    writable = [str(path) for path in ("/", work.parent) if os.access(path, os.W_OK)]
    if writable or not os.access(work, os.W_OK):
        return f"the file system is not read-only but the work folder (still writable: {', '.join(writable)})"
    return ""


def write_kernelspec(work: Path, isolated: bool) -> Path:
    """The grading kernel. Isolated, it starts by jailing itself (``jail``): a mount namespace of
    its own where, of the work folder, only its notebook's folder and its scratch folders are
    writable (not the private gradebook, the solutions or the grader's result file), then no
    capabilities and ``no_new_privs``; if it cannot, it exits before running anything."""
    spec_dir = work / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    if isolated:
        argv = [sys.executable, "-m", "workshop_utils.grading.isolation.jail", "kernel", str(work), *argv]
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
    from workshop_utils.grading import pipeline

    for sub in ("home", "runtime", "ipc", "cache", "ipython", "tmp", "exchange"):
        (work / sub).mkdir(exist_ok=True)
    os.environ.update({
        "HOME": str(work / "home"), "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
        "JUPYTER_PATH": str(work / "jupyter"), "XDG_CACHE_HOME": str(work / "cache"),
        "IPYTHONDIR": str(work / "ipython"), "MPLCONFIGDIR": str(work / "cache"), "TMPDIR": str(work / "tmp"),
        "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    })
    write_kernelspec(work, isolated=isolated)
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
        from workshop_utils.grading.isolation import warmkernel

        execute["kernel_manager_class"] = warmkernel.manager_class()
    try:
        with pipeline.api(
            work,
            Execute=execute,
            KernelManager={"transport": "ipc", "ip": str(ipc / "kernel")},
            Exchange={"root": str(work / "exchange")},
            Autograde={"autograde_preprocessors": _autograde_preprocessors()},
        ) as grader:
            result = grader.autograde(module, student, force=True, create=True)
    finally:
        if ipc.name.startswith("wg-"):  # a folder of ours in the shared temporary folder: leave nothing there
            shutil.rmtree(ipc, ignore_errors=True)
    outcome = {"success": bool(result.get("success")), "log": (result.get("log") or "")[-50_000:],
               "error": (result.get("error") or "")[-4000:]}
    refused = work / jail.FAILED
    if refused.exists():  # a kernel refused to run unjailed: that, not nbgrader's "kernel died", is the reason
        outcome["success"] = False
        outcome["error"] = f"{outcome['error']}\nworkshop isolation: {refused.read_text(encoding='utf-8')[:500]}"
    return outcome


def _enter_namespaces() -> None:
    """What `unshare --user --map-root-user --net --pid --mount` does, for the calling process."""
    import ctypes

    uid, gid = os.getuid(), os.getgid()
    if libc().unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID) != 0:
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
        mount("-t", "proc", "proc", "/proc")
        code = 1
        try:
            code = main([*args, "--isolated", "--warm"])
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


def main(argv: list[str] | None = None) -> int:
    import argparse

    argv = sys.argv[1:] if argv is None else argv
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
        problem = lock_down(work)
        if problem:  # fail closed: no autograde, the submission ends as an error with this reason
            _write_result(work, {"success": False, "log": "", "error": f"workshop isolation: {problem}"})
            return 1
    set_limits(args.memory_mb)
    warm = 0
    if args.warm:
        from workshop_utils.grading.isolation import warmkernel

        # One waiting kernel per notebook, forked now, while this process is still single-threaded.
        notebooks = len(list((work / "solutions" / args.module).glob("*.ipynb")))
        warm = warmkernel.fork_waiting_kernels(notebooks, work, args.isolated)
    try:
        outcome = grade_in_sandbox(work, args.module, args.student, args.timeout, args.isolated, warm=bool(warm))
    finally:
        if warm:
            warmkernel.release_waiting()
    _write_result(work, outcome)
    return 0 if outcome["success"] else 1


def _write_result(work: Path, outcome: dict) -> None:
    files.write_text(work / "result.json", json.dumps(outcome))


if __name__ == "__main__":  # pragma: no cover - runs in the worker process
    sys.exit(main())
