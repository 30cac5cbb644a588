"""`workshop grade` runs that meet trouble: a failure last time, a second grader, a full disk.

Every run here is the facilitator's own command, run as an unprivileged account (tests/asuser.py).
"""

from __future__ import annotations

import csv
import os
import shlex
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from . import asuser
from .classroom import module_facts

MODULE = "01-output-vs-outcome"
FULL = float(sum(module_facts(MODULE)[1].values()))


def read_grades(out: Path) -> dict[str, dict]:
    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture
def workspace():
    folder = asuser.workspace("workshop-gruns-")
    yield folder
    asuser.remove(folder)


def make_class(folder: Path, size: int) -> Path:
    """``size`` participants who each handed in the solution (full marks)."""
    subs = folder / "subs"
    for n in range(size):
        shutil.copytree(asuser.ROOT / "solutions" / MODULE, subs / f"p{n}" / MODULE)
    asuser.give(folder)
    return subs


def grade(folder: Path, *extra: str) -> subprocess.CompletedProcess:
    return asuser.run(["grade", str(folder / "subs"), "--out", str(folder / "out"), "--jobs", "1", *extra],
                      home=folder / "home")


def wait_for(condition, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.3)


def test_a_rerun_grades_again_what_failed_and_an_error_fails_the_command(workspace):
    make_class(workspace, 1)
    out = workspace / "out"
    first = grade(workspace, "--wall", "1")  # far too short: the submission times out
    assert first.returncode == 0, first.stderr
    assert read_grades(out)["p0"]["status"] == "timeout"

    # Trouble on the grader's side this time: the submission's log cannot be written.
    log = out / "logs" / f"p0--{MODULE}.log"
    log.unlink()
    log.mkdir()
    asuser.give(log)
    second = grade(workspace)
    assert "failed last time and were tried again" in second.stdout, second.stdout + second.stderr
    assert read_grades(out)["p0"]["status"] == "error"
    assert second.returncode != 0
    last = second.stdout.strip().splitlines()[-1]
    assert "1 submission(s) ended in an error" in last
    assert str(out / "grades.csv") in last and str(log) in last

    log.rmdir()
    third = grade(workspace)  # no --force: the error is graded again on its own
    assert third.returncode == 0, third.stdout + third.stderr
    assert "failed last time and were tried again" in third.stdout
    row = read_grades(out)["p0"]
    assert row["status"] == "graded" and float(row["score"]) == FULL
    assert "ended in an error" not in third.stdout


def test_a_second_grader_is_refused_and_a_killed_one_leaves_no_lock(workspace):
    make_class(workspace, 2)
    out = workspace / "out"
    args = ["grade", str(workspace / "subs"), "--out", str(out), "--jobs", "1"]
    first = asuser.popen(args, home=workspace / "home", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: (out / ".work" / "template.db").exists() or first.poll() is not None)
        assert first.poll() is None, first.communicate()[0]
        # Held still (SIGSTOP) while the second starts: on a busy machine the first could otherwise finish
        # grading before the second has even imported, and the test would prove nothing.
        os.killpg(first.pid, signal.SIGSTOP)
        started = time.monotonic()
        try:
            second = grade(workspace)
        finally:
            os.killpg(first.pid, signal.SIGCONT)
        assert second.returncode != 0, second.stdout + second.stderr
        assert f"already grading into {out}" in second.stderr
        assert time.monotonic() - started < 120, "refused at once, not after waiting"
        assert first.poll() is None, "the first run ended before the second was refused: the test proves nothing"
        output, _ = first.communicate(timeout=900)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    assert first.returncode == 0, output
    assert stat.S_IMODE(out.stat().st_mode) == 0o700, "the class folder the run made is the facilitator's alone"
    grades = read_grades(out)
    assert sorted(grades) == ["p0", "p1"]
    assert all(r["status"] == "graded" and float(r["score"]) == FULL for r in grades.values()), grades

    # A run killed mid-way (kill -9: no clean-up at all) must not leave the folder locked.
    crashed = asuser.popen(args + ["--force"], home=workspace / "home", stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    wait_for(lambda: any((out / ".work").glob("p*--*")) or crashed.poll() is not None)
    assert crashed.poll() is None
    os.killpg(crashed.pid, signal.SIGKILL)
    crashed.wait(timeout=60)
    after = grade(workspace)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "already grading" not in after.stderr
    assert all(r["status"] == "graded" and float(r["score"]) == FULL for r in read_grades(out).values())


def _namespaces_for_mounts() -> list[str] | None:
    """How to get a private mount namespace in which a tmpfs can be mounted, or None."""
    if asuser.as_root():
        return ["unshare", "--mount", "--propagation", "private"]
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True)
    return ["unshare", "--user", "--map-root-user", "--mount"] if probe.returncode == 0 else None


def on_small_disk(folder: Path, size_kb: int, args: list[str]) -> subprocess.CompletedProcess:
    """Run ``workshop ARGS`` as the account with ``folder/disk`` a disk of ``size_kb`` (a tmpfs in a
    private mount namespace). The disk's content is kept in ``folder/kept`` between runs, as if it
    were the same disk: copied in before the run, copied back after."""
    disk, kept = folder / "disk", folder / "kept"
    ids = asuser.account()
    own = f"chown {ids[0]}:{ids[1]} {shlex.quote(str(disk))}" if ids else "true"
    script = "\n".join([
        "set -e",
        f"mount -t tmpfs -o size={size_kb}k,mode=0755 workshop-small-disk {shlex.quote(str(disk))}",
        f"cp -a {shlex.quote(str(kept))}/. {shlex.quote(str(disk))}/",
        own,
        'rc=0; "$@" || rc=$?',
        f"rm -rf {shlex.quote(str(kept))} && mkdir {shlex.quote(str(kept))}",
        f"cp -a {shlex.quote(str(disk))}/. {shlex.quote(str(kept))}/",
        'exit "$rc"',
    ])
    command = [*_namespaces_for_mounts(), "sh", "-c", script, "small-disk", *asuser.workshop(args)]
    return subprocess.run(command, cwd=asuser.ROOT, env=asuser.environment(folder / "home"), capture_output=True,
                          text=True, timeout=1800, stdin=subprocess.DEVNULL)


# Measured here grading module 01 with --jobs 1 (du of the output folder, peak while grading):
# the course part (solutions, exercises, gradebook) and each graded submission (autograded and
# submitted copies, result, log; the private work folder comes and goes).
COURSE_KB = 450
PER_SUBMISSION_KB = 300
WORK_KB = 1000


@pytest.mark.skipif(_namespaces_for_mounts() is None,
                    reason="needs root or unprivileged user namespaces to mount a small disk")
def test_a_full_disk_stops_with_a_sentence_and_the_same_command_resumes(workspace):
    make_class(workspace, 5)
    (workspace / "disk").mkdir()
    (workspace / "kept").mkdir()
    asuser.give(workspace)
    out = workspace / "disk" / "out"
    args = ["grade", str(workspace / "subs"), "--out", str(out), "--jobs", "1"]
    # Room for the course and about two submissions: the disk fills while the third is graded.
    small = COURSE_KB + WORK_KB + int(2.5 * PER_SUBMISSION_KB)
    full = on_small_disk(workspace, small, args)
    assert full.returncode != 0
    last = full.stderr.strip().splitlines()[-1]
    assert "Traceback" not in full.stderr, full.stderr
    assert f"The disk holding {out} is full" in last and "run the same command again" in last, full.stderr
    kept = workspace / "kept" / "out"
    graded = read_grades(kept)
    assert 1 <= len(graded) < 5, graded
    assert all(r["status"] == "graded" and float(r["score"]) == FULL for r in graded.values()), graded

    freed = on_small_disk(workspace, 1024 * 1024, args)  # space freed: a far bigger disk, same content
    assert freed.returncode == 0, freed.stdout + freed.stderr
    grades = read_grades(workspace / "kept" / "out")
    assert sorted(grades) == [f"p{n}" for n in range(5)]
    assert all(r["status"] == "graded" and float(r["score"]) == FULL for r in grades.values()), grades
    assert f"{5 - len(graded)}" in freed.stdout.split("Graded ", 1)[1].split(",")[0]


def test_nbgrader_exchange_is_private_to_each_run(workspace):
    """Another user's (here root's) folder at the old shared exchange path must not get in the way, and
    the run leaves nothing in the temporary folder. The account gets a temporary folder of its own, so
    that other tests running at the same time cannot be mistaken for leftovers."""
    temporary = workspace / "tmp"
    temporary.mkdir()
    asuser.give(temporary)
    shared = temporary / "workshop-nbgrader-exchange"
    shared.mkdir(mode=0o755)
    if asuser.as_root():
        os.chown(shared, 0, 0)
    else:
        pytest.skip("needs root to make the old shared exchange folder belong to someone else")
    done = asuser.run(["check", MODULE, "--folder", str(asuser.ROOT / "solutions" / MODULE)],
                      home=workspace / "home", env={"TMPDIR": str(temporary)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Unwritable directory" not in done.stdout + done.stderr
    assert f"Automatically graded: {FULL:g} of {FULL:g} points." in done.stdout
    left = set(os.listdir(temporary)) - {shared.name}
    assert not left, f"left behind in the temporary folder: {left}"
