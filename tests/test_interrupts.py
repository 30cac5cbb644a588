"""Facilitator commands as an ordinary account, stopped mid-run: nothing with hidden tests is left behind.

Hidden tests legitimately live in the facilitator's own ``<out>/solutions``, ``<out>/autograded`` and
``<out>/gradebook.db``. Everything else (``<out>/feedback``, where the participants' pages are, the
rest of ``<out>``, the system's temporary folder) must be free of them after ``workshop feedback``,
``workshop check`` or ``workshop grade`` ends, however it ends: Ctrl-C (SIGINT), ``kill`` (SIGTERM),
and, where the design says it survives it, SIGKILL (a private temporary folder left behind is 0700
and removed by the next run). Each command runs as an ordinary account (tests/asuser.py) with its own
temporary folder (``TMPDIR``), so the search sees exactly what that account left there.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from . import asuser
from .classroom import fill_answers, hidden_test_lines, module_facts, points, write_submission
from .conftest import ROOT, copy_course

pytestmark = pytest.mark.slow
MODULE = "01-output-vs-outcome"
AUTO, _ = points(MODULE)
LEGITIMATE = ("solutions", "autograded", "gradebook.db")  # the facilitator's own, in <out>


def hidden_lines() -> list[str]:
    """The source lines between ### BEGIN HIDDEN TESTS and ### END HIDDEN TESTS in the solution."""
    lines = hidden_test_lines(nbformat.read(ROOT / "solutions" / MODULE / f"{MODULE}.ipynb", as_version=4))
    assert lines
    return lines


def holders(folder: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Files under ``folder`` (not following links) holding a hidden-test line, as written in a
    notebook (JSON), a page (HTML) or plain text; top-level names in ``skip`` are not searched."""
    forms = {form.encode() for line in hidden_lines()
             for form in (line, json.dumps(line)[1:-1], html.escape(line), html.escape(line, quote=False))}
    found = []
    for here, dirs, files in os.walk(folder):
        if Path(here) == folder:
            dirs[:] = [d for d in dirs if d not in skip]
            files = [f for f in files if f not in skip and not f.startswith(tuple(f"{s}-" for s in skip))]
        for name in files:
            path = Path(here) / name
            if path.is_symlink() or not path.is_file():
                continue
            data = path.read_bytes()
            if any(form in data for form in forms):
                found.append(str(path.relative_to(folder)))
    return found


def in_system_temp(pid: int) -> list[str]:
    """Anything in the real system temporary folder named after the process (a private temp of it)."""
    return [p.name for p in Path(tempfile.gettempdir()).glob(f"workshop-*-{pid}-*")]


def private_temps(tmp: Path, kind: str) -> list[Path]:
    return sorted(tmp.glob(f"workshop-{kind}-*"))


def wait_for(condition, proc: subprocess.Popen, what: str, limit: float = 300) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert proc.poll() is None, f"the command ended before {what}: {proc.communicate()}"
        assert time.monotonic() < deadline, f"no {what} within {limit} s"
        time.sleep(0.02)


def stop(proc: subprocess.Popen, number: int) -> tuple[str, str]:
    """Signal the command's whole process group, as a terminal's Ctrl-C does; its output."""
    assert proc.poll() is None, "the command must still be running when it is stopped"
    os.killpg(proc.pid, number)
    out, err = proc.communicate(timeout=120)
    return out, err


def account_env(ws: Path) -> dict:
    tmp = ws / "tmp"
    tmp.mkdir(exist_ok=True)
    asuser.give(tmp)
    return {"TMPDIR": str(tmp)}


def submission(dest: Path, free_text: bool = True) -> None:
    """A full submission written from the release (so it holds no hidden test itself)."""
    answers, _ = module_facts(MODULE)

    def complete(nb):
        fill_answers(nb, answers)
        for cell in nb.cells:
            info = cell.metadata.get("nbgrader", {})
            if free_text and info.get("grade") and info.get("solution") and cell.cell_type == "markdown":
                cell.source = "Store staff answer 70% of questions on the floor, up from 40%, by Q2."

    write_submission(ROOT / "exercises" / MODULE, dest, MODULE, complete)


@pytest.fixture(scope="module")
def graded():
    """Three participants graded by `workshop grade` as the account."""
    ws = asuser.workspace("workshop-interrupts-")
    try:
        for name in ("ann", "ben", "cat"):
            submission(ws / "subs" / name / MODULE, free_text=name != "cat")
        asuser.give(ws)
        env = account_env(ws)
        done = asuser.run(["grade", str(ws / "subs"), "--out", str(ws / "out"), "--jobs", "2"], home=ws / "home",
                          env=env, timeout=1200)
        assert done.returncode == 0, done.stdout + done.stderr
        grades = (ws / "out" / "grades.csv").read_text()
        assert grades.count(",graded,") == 3, grades
        yield ws
    finally:
        asuser.remove(ws)


def feedback_running(ws: Path, env: dict, phase: str = "sanitising"):
    """`workshop feedback` as the account, once it is sanitising copies (in a private temporary folder)
    or, with ``phase="rendering"``, once nbgrader has rendered the first page of this run."""
    started = time.time() - 1  # file times can be coarser than the clock
    proc = asuser.popen(["feedback", str(ws / "out")], home=ws / "home", env=env,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tmp = Path(env["TMPDIR"])
    wait_for(lambda: any(t.rglob("*.ipynb") for t in private_temps(tmp, "feedback")), proc,
             "sanitised copy in a private temporary folder")
    if phase == "rendering":
        def rendered() -> bool:
            for page in (ws / "out" / "feedback").rglob("*.html"):
                with contextlib.suppress(FileNotFoundError):  # nbgrader replaces a participant's pages
                    if page.stat().st_mtime > started:
                        return True
            return False

        wait_for(rendered, proc, "first feedback page")
    return proc


@pytest.mark.parametrize("phase", ["sanitising", "rendering"])
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_feedback_stopped_leaves_no_hidden_tests(graded, number, phase):
    """Stopped while it copies and sanitises, or while nbgrader renders the pages (nbgrader's API catches
    the interrupt there and reports a failure: it is still the facilitator stopping the command)."""
    env = account_env(graded)
    proc = feedback_running(graded, env, phase)
    tmp = Path(env["TMPDIR"])
    (shadow,) = private_temps(tmp, "feedback")
    assert stat.S_IMODE(shadow.stat().st_mode) == 0o700, "the unsanitised copies are private while they exist"
    out, err = stop(proc, number)
    # Exit 130, never death by a signal: the signal often lands while a module is being imported, inside the
    # exec() with which dataclasses build their methods, after which `python -m` would kill itself with SIGINT
    # at exit unless the command clears CPython's record of that interrupt (cli._stopped_by_interrupt).
    assert proc.returncode == 130, (proc.returncode, out, err)
    assert "Traceback" not in err and "workshop: interrupted" in err, err
    assert not private_temps(tmp, "feedback") and not private_temps(tmp, "exchange") and not in_system_temp(proc.pid)
    assert not (graded / "out" / ".feedback-src").exists()
    assert holders(graded / "out", skip=LEGITIMATE) == []
    assert holders(tmp) == []


def test_feedback_killed_outright_is_cleaned_by_the_next_run(graded):
    env = account_env(graded)
    proc = feedback_running(graded, env)
    tmp = Path(env["TMPDIR"])
    stop(proc, signal.SIGKILL)
    left = private_temps(tmp, "feedback")
    assert left and all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in left), "a killed run's copies stay private"
    assert holders(graded / "out", skip=LEGITIMATE) == [], "nothing unsanitised was ever written into <out>"
    done = asuser.run(["feedback", str(graded / "out")], home=graded / "home", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Wrote 3 feedback page(s)" in done.stdout
    assert not private_temps(tmp, "feedback"), "the next run removes what a killed run left"
    assert holders(graded / "out", skip=LEGITIMATE) == [] and holders(tmp) == []
    assert len(list((graded / "out" / "feedback").rglob("*.html"))) == 3


def test_graded_copies_are_the_facilitators_and_read_only(graded):
    """The decision: notebooks in <out>/autograded keep nbgrader's read-only mode, in folders the
    facilitator owns; the assessor's suggestion replaced the file rather than writing into it."""
    ids = asuser.account()
    for name in ("ann", "cat"):
        folder = graded / "out" / "autograded" / name / MODULE
        notebook = folder / f"{MODULE}.ipynb"
        assert stat.S_IMODE(notebook.stat().st_mode) == 0o444
        assert stat.S_IMODE(folder.stat().st_mode) & 0o700 == 0o700 and not folder.stat().st_mode & 0o002
        if ids:
            assert (notebook.stat().st_uid, folder.stat().st_uid) == (ids[0], ids[0])
        assert ("Assessor's suggestion" in notebook.read_text()) == (name == "ann")
        assert not list(folder.glob(".*.tmp"))


def check_running(ws: Path, env: dict, folder: Path):
    proc = asuser.popen(["check", MODULE, "--folder", str(folder)], home=ws / "home", env=env,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tmp = Path(env["TMPDIR"])
    wait_for(lambda: any((t / "course" / "submitted").exists() for t in private_temps(tmp, "selfgrade")), proc,
             "temporary course being graded")
    return proc


@pytest.fixture
def participant():
    ws = asuser.workspace("workshop-check-")
    submission(ws / "mine" / MODULE)
    asuser.give(ws)
    yield ws
    asuser.remove(ws)


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_check_stopped_leaves_no_hidden_tests(participant, number):
    env = account_env(participant)
    tmp = Path(env["TMPDIR"])
    proc = check_running(participant, env, participant / "mine" / MODULE)
    (course,) = private_temps(tmp, "selfgrade")
    assert stat.S_IMODE(course.stat().st_mode) == 0o700
    out, err = stop(proc, number)
    assert proc.returncode != 0 and "Traceback" not in err, (out, err)
    assert not private_temps(tmp, "selfgrade") and not in_system_temp(proc.pid)
    assert holders(participant) == []


def test_check_killed_outright_is_cleaned_by_the_next_run(participant):
    env = account_env(participant)
    tmp = Path(env["TMPDIR"])
    proc = check_running(participant, env, participant / "mine" / MODULE)
    stop(proc, signal.SIGKILL)
    left = private_temps(tmp, "selfgrade")
    assert left and all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in left)
    done = asuser.run(["check", MODULE, "--folder", str(participant / "mine" / MODULE)], home=participant / "home",
                      env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Automatically graded: {AUTO:g} of {AUTO:g} points." in done.stdout
    assert not private_temps(tmp, "selfgrade"), "the next run removes what a killed run left"
    assert holders(participant) == []


def test_grade_stopped_or_killed_leaves_no_hidden_tests():
    ws = asuser.workspace("workshop-grade-stop-")
    try:
        for name in ("ann", "ben"):
            submission(ws / "subs" / name / MODULE)
        asuser.give(ws)
        env = account_env(ws)
        tmp, out = Path(env["TMPDIR"]), ws / "out"
        command = ["grade", str(ws / "subs"), "--out", str(out), "--jobs", "1"]

        def grading():
            return any((out / ".work").glob("*--*/submitted"))

        proc = asuser.popen(command, home=ws / "home", env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
        wait_for(grading, proc, "submission being graded")
        printed, err = stop(proc, signal.SIGINT)
        assert proc.returncode == 130 and "run the same command again" in err, (printed, err)
        assert "Traceback" not in err
        assert not (out / ".work").exists(), "no work folder (copies of the solutions) outlives the run"
        assert holders(out, skip=LEGITIMATE) == [] and holders(tmp) == [] and not in_system_temp(proc.pid)

        # Killed outright, the work folder stays (in the facilitator's own <out>); the next run removes it.
        proc = asuser.popen(command, home=ws / "home", env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
        wait_for(grading, proc, "submission being graded")
        stop(proc, signal.SIGKILL)
        done = asuser.run(command, home=ws / "home", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert not (out / ".work").exists()
        assert holders(out, skip=LEGITIMATE) == [] and holders(tmp) == []
        assert (out / "grades.csv").read_text().count(",graded,") == 2
    finally:
        asuser.remove(ws)


def test_release_and_validate_as_the_account():
    """The author's commands on a copy of the course the account owns."""
    ws = asuser.workspace("workshop-author-")
    try:
        course = copy_course(ws / "course", modules=[MODULE])
        asuser.give(ws)
        env = account_env(ws)
        for args, expected in ((["release", MODULE], f"released exercises/{MODULE}"),
                               (["release", "--check", MODULE], "exercises/ matches solutions/."),
                               (["validate", MODULE], f"OK    {MODULE}")):
            done = asuser.run(args, home=ws / "home", cwd=course, env=env)
            assert done.returncode == 0 and expected in done.stdout, (args, done.stdout, done.stderr)
            assert "Unwritable" not in done.stderr and "Traceback" not in done.stderr, done.stderr
        tmp = Path(env["TMPDIR"])
        assert not private_temps(tmp, "release") and not private_temps(tmp, "validate"), "no temporary course is left"
        assert holders(tmp) == [] and holders(course, skip=("solutions", "gradebook.db")) == []
    finally:
        asuser.remove(ws)
