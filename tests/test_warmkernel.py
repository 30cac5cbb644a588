"""Warm grading kernels: a waiting, preloaded fork becomes the kernel; anything else starts cold."""

import json
import subprocess
import sys
import textwrap
import threading

import pytest

from workshop_utils.grading.isolation import warmkernel

# A fresh interpreter plays the fork server (numpy's thread pool included) and forks the worker,
# which starts with a single thread, as a grading worker does.
SCRIPT = textwrap.dedent("""
    import json, os, sys, tempfile
    from pathlib import Path
    import ipykernel.kernelapp, pandas  # what the fork server preloads
    import nbformat
    from nbclient import NotebookClient
    from workshop_utils.grading.isolation import warmkernel

    worker = os.fork()
    if worker:
        os._exit(os.waitstatus_to_exitcode(os.waitpid(worker, 0)[1]))
    work = Path(tempfile.mkdtemp())
    forked = warmkernel.fork_waiting_kernels(1, work, isolated=False)
    waiting = [pid for pid, _ in warmkernel._waiting]
    code = "import os, sys, tempfile\\nprint(os.getpid(), 'pandas' in sys.modules, os.getcwd(), tempfile.gettempdir())"
    report = {"forked": forked, "waiting": waiting, "runs": []}
    for run in range(2):  # the second finds no waiting kernel left and starts cold
        folder = work / f"nb{run}"
        folder.mkdir()
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        client = NotebookClient(nb, timeout=60, kernel_name="python3", kernel_manager_class=warmkernel.manager_class(),
                                resources={"metadata": {"path": str(folder)}})
        os.environ["TMPDIR"] = str(folder)
        client.execute()
        pid, preloaded, cwd, tmp = nb.cells[0].outputs[0]["text"].split()
        report["runs"].append({"pid": int(pid), "preloaded": preloaded == "True", "cwd": cwd, "tmp": tmp,
                               "folder": str(folder)})
    warmkernel.release_waiting()
    print(json.dumps(report), flush=True)
    os._exit(0)
""")


@pytest.mark.slow
def test_a_waiting_kernel_becomes_the_kernel_and_the_next_starts_cold():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["forked"] == 1
    warm, cold = report["runs"]
    assert warm["pid"] == report["waiting"][0] and warm["preloaded"]
    assert cold["pid"] not in report["waiting"] and not cold["preloaded"]
    for run in (warm, cold):  # each kernel runs in its notebook's folder, with the TMPDIR it was given
        assert run["cwd"] == run["folder"] and run["tmp"] == run["folder"]


def test_no_waiting_kernels_where_forking_is_unsafe(tmp_path):
    import ipykernel.kernelapp  # noqa: F401 - as in the fork server

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not warmkernel.single_threaded()
        assert warmkernel.fork_waiting_kernels(2, tmp_path, isolated=False) == 0
        assert warmkernel.take() is None
    finally:
        stop.set()
        thread.join()
    assert warmkernel.fork_waiting_kernels(0, tmp_path, isolated=False) == 0


def test_a_forked_kernel_handle_reports_its_exit():
    import os

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os._exit(3)
    kernel = warmkernel.ForkedKernel(pid)
    assert kernel.wait() == 3 and kernel.poll() == 3
    kernel.kill()  # already gone: nothing to signal, no error


def test_preload_lists_every_course_module_and_what_it_asks_for(monkeypatch):
    from workshop_utils import course
    from workshop_utils.course import m01

    monkeypatch.setattr(m01, "KERNEL_IMPORTS", ["json", "pandas"], raising=False)
    names = warmkernel.preload()
    assert {"pandas", "altair", "ipykernel.kernelapp", "json"} <= set(names)
    assert {f"workshop_utils.course.{name}" for name in course.module_names()} <= set(names)
    assert len(names) == len(set(names))


def test_a_course_module_that_cannot_load_is_left_out_not_fatal(monkeypatch):
    from workshop_utils import course

    monkeypatch.setattr(course, "module_names", lambda: ["m01", "m99"])  # m99 does not exist
    names = warmkernel.preload()
    assert "workshop_utils.course.m01" in names and "workshop_utils.course.m99" not in names


# A waiting kernel asked to become an isolated kernel where it cannot jail itself (an ordinary
# account, no user namespace): it must exit, run nothing, and leave the reason for its worker.
REFUSE = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    import ipykernel.kernelapp
    from workshop_utils.grading.isolation import warmkernel

    work, ran = Path(sys.argv[1]), Path(sys.argv[1]) / "tmp" / "student-code-ran"
    forked = warmkernel.fork_waiting_kernels(1, work, isolated=True)
    pid, write = warmkernel.take()
    request = {"connection_file": str(work / "runtime" / "kernel.json"), "cwd": str(work / "notebook"),
               "env": {"PATH": os.environ["PATH"], "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
                       "PYTHONSTARTUP": str(work / "notebook" / "startup.py")}}
    os.write(write, json.dumps(request).encode())
    os.close(write)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    print(json.dumps({"forked": forked, "code": code, "ran": ran.exists()}))
""")


def test_a_waiting_kernel_that_cannot_jail_itself_runs_nothing():
    from workshop_utils.grading.isolation import jail

    from . import asuser

    space = asuser.workspace("workshop-warm-")
    try:
        work = space / "work"
        for name in (*jail.KERNEL_WRITABLE, "notebook"):
            (work / name).mkdir(parents=True)
        # What would run first in the kernel, were it started: it must never be.
        (work / "notebook" / "startup.py").write_text(
            f"import os\nopen({str(work / 'tmp' / 'student-code-ran')!r}, 'w').close()\nos._exit(7)\n")
        asuser.give(space)
        done = subprocess.run(asuser.command([sys.executable, "-c", REFUSE, str(work)]), cwd=space,
                              env=asuser.environment(space / "home"), capture_output=True, text=True, timeout=180,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr[-3000:]
        report = json.loads(done.stdout.strip().splitlines()[-1])
        assert report == {"forked": 1, "code": 1, "ran": False}, done.stderr[-3000:]
        assert "refused to run unjailed" in (work / jail.FAILED).read_text()
        assert "refused to run unjailed" in done.stderr
    finally:
        asuser.remove(space)
