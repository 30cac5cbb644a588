"""`workshop grade` on a synthetic class of 30 with every hostile kind: exact scores, flags, isolation.

The class is graded, and its feedback and report written, by running `workshop` as an ordinary account
(tests/asuser.py), as facilitators do: root ignores the read-only files nbgrader writes.
"""

import csv
import html
import re
import shutil
import socket
import subprocess
import threading
import zipfile

import nbformat
import pytest

from workshop_utils import cli
from workshop_utils.course import module_numbered
from workshop_utils.grading import classgrade, results, review
from workshop_utils.grading.isolation import host

from . import asuser
from .classroom import (
    check_escape_probe,
    escape_probe,
    fill_answers,
    free_text,
    make_benign_class,
    make_class,
    module_facts,
    points,
    write_submission,
)
from .conftest import ROOT

pytestmark = pytest.mark.slow
MODULE = "01-output-vs-outcome"
AUTO, ALL = points(MODULE)


def read_grades(out):
    with open(out / "grades.csv", newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def listener():
    """A TCP server on the host's loopback: an isolated submission must not reach it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    threading.Thread(target=lambda: [server.accept()[0].close() for _ in range(100)], daemon=True).start()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture(scope="module")
def graded_class(listener):
    """The class of 30, graded by `workshop grade` run as an ordinary account that owns the submissions,
    the output folder and the sentinel (as a facilitator owns their own files): only the isolation keeps
    the vandal away from the sentinel."""
    base = asuser.workspace("workshop-class-")
    submissions = base / "submissions"
    sentinel_dir = base / "outside"
    sentinel_dir.mkdir()
    sentinel = sentinel_dir / "precious.txt"
    sentinel.write_text("do not delete")
    expected = make_class(submissions, MODULE, sentinel, listener, host.namespaces_available())
    asuser.give(base)
    out = base / "out"
    done = asuser.run(["grade", str(submissions), "--out", str(out), "--jobs", "2", "--timeout", "30",
                       "--memory-mb", "1024", "--wall", "240"], home=base / "home", timeout=1800)
    yield {"out": out, "expected": expected, "code": done.returncode, "sentinel": sentinel,
           "submissions": submissions, "home": base / "home", "printed": done.stdout + done.stderr}
    asuser.remove(base)


@pytest.fixture
def facilitator():
    """A folder an ordinary account owns and works in (its home inside), removed afterwards."""
    base = asuser.workspace("workshop-facilitator-")
    yield base
    asuser.remove(base)


def grade_as_facilitator(base, submissions, out, *args, env=None):
    """`workshop grade SUBMISSIONS --out OUT ARGS` run as the account that owns ``base``."""
    asuser.give(base)
    done = asuser.run(["grade", str(submissions), "--out", str(out), *args], home=base / "home", env=env)
    return done


def formgrader_view(out):
    """Participant -> the submission as nbgrader's formgrader lists it, for the graded class ``out``."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(out)
    config.CourseDirectory.source_directory = "solutions"
    config.CourseDirectory.release_directory = "exercises"
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    return {s["student"]: s for s in api.get_submissions(MODULE)}


def first_errors(out, student):
    """The first error of each cell of a student's autograded notebook (to explain a wrong score)."""
    import nbformat

    path = out / "autograded" / student / MODULE / f"{MODULE}.ipynb"
    if not path.exists():
        return "no autograded notebook"
    return [(c.metadata.get("nbgrader", {}).get("grade_id"), o["ename"], o["evalue"][:200])
            for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
            for o in c.outputs if o.output_type == "error"][:4]


@pytest.mark.xdist_group("class-of-30")  # one class graded, in one worker
def test_every_student_scores_exactly_as_expected(graded_class):
    assert graded_class["code"] == 0, graded_class["printed"]
    grades = read_grades(graded_class["out"])
    assert set(grades) == set(graded_class["expected"])
    for student, exp in graded_class["expected"].items():
        row = grades[student]
        assert (float(row["score"]), row["status"]) == (exp.score, exp.status), \
            (student, row, first_errors(graded_class["out"], student))
        assert float(row["max_score"]) == ALL
        if exp.note:
            assert exp.note in row["reason"], (student, row["reason"])
        elif exp.status == "graded":
            assert row["reason"] == "", (student, row["reason"])


@pytest.mark.xdist_group("class-of-30")  # one class graded, in one worker
def test_hostile_submissions_touch_nothing_outside(graded_class):
    assert graded_class["sentinel"].read_text() == "do not delete"
    assert not (graded_class["sentinel"].parent / "written-by-a-submission").exists()
    out = graded_class["out"]
    for name in ("grades.csv", "gradebook.db", "nbgrader_config.py"):
        assert (out / name).exists()
    for student in graded_class["expected"]:
        assert (graded_class["submissions"] / student / MODULE).exists()


def printed_by(out, student, module=MODULE):
    import nbformat

    notebook = out / "autograded" / student / module / f"{module}.ipynb"
    return "".join(o.get("text", "") for c in nbformat.read(notebook, as_version=4).cells
                   if c.cell_type == "code" for o in c.outputs)


@pytest.mark.skipif(not host.namespaces_available(), reason="Linux namespaces are not available here")
@pytest.mark.xdist_group("class-of-30")  # one class graded, in one worker
def test_the_kernel_cannot_escape(graded_class):
    """A warm kernel has no network, no capabilities, no_new_privs, a read-only gradebook it cannot
    remount, and its own temporary folder in the work folder."""
    check_escape_probe(printed_by(graded_class["out"], "hostile_escape"), "hostile_escape", MODULE)


@pytest.mark.skipif(not host.namespaces_available(), reason="Linux namespaces are not available here")
@pytest.mark.parametrize("module", [MODULE, "03-measuring-recalibrating"])
def test_the_plain_process_path_isolates_as_well(facilitator, listener, module):
    """Without the fork server (other systems, or `Options(fork=False)`), each worker is a fresh
    Python under `unshare` and its kernel starts cold and jails itself: the same scores, the same jail.
    Module 03 is graded here too, as a small class (its quarter and weekly data, its widgets' answers)."""
    MODULE = module  # noqa: N806 - the module this small class hands in
    answers, points = module_facts(MODULE)
    release = ROOT / "exercises" / MODULE
    first = next(iter(answers))
    probe = escape_probe(listener)
    killer = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
    subs = facilitator / "subs"
    write_submission(release, subs / "full" / MODULE, MODULE, lambda nb: fill_answers(nb, answers))
    write_submission(release, subs / "escape" / MODULE, MODULE,
                     lambda nb: fill_answers(nb, {**answers, first: probe + answers[first]}))
    write_submission(release, subs / "killer" / MODULE, MODULE,
                     lambda nb: fill_answers(nb, {**answers, first: killer + answers[first]}))
    out = facilitator / "out"
    done = grade_as_facilitator(facilitator, subs, out, "--jobs", "2", "--wall", "240",
                                env={"WORKSHOP_GRADE_FORK": "0"})
    assert done.returncode == 0, done.stdout + done.stderr
    grades = read_grades(out)
    full = str(int(sum(points.values())))
    assert {s: (row["score"], row["status"]) for s, row in grades.items()} == {
        s: (full, "graded") for s in ("full", "escape", "killer")}
    check_escape_probe(printed_by(out, "escape", MODULE), "escape", MODULE)
    report = asuser.run(["report", str(out)], home=facilitator / "home")
    assert report.returncode == 0, report.stdout + report.stderr
    import nbformat

    title = nbformat.read(ROOT / "solutions" / MODULE / f"{MODULE}.ipynb", as_version=4).metadata["workshop"]["title"]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f"<h2>{title}</h2>" in page and "3 submissions graded" in page


@pytest.mark.xdist_group("class-of-30")  # one class graded, in one worker
def test_outputs_are_kept_small_and_logs_exist(graded_class):
    out = graded_class["out"]
    printer = out / "autograded" / "hostile_printer" / MODULE / f"{MODULE}.ipynb"
    assert printer.stat().st_size < 2_000_000
    assert (out / "logs" / f"full00--{MODULE}.log").exists()
    assert "hostile_killer" in (out / "grade.log").read_text()


@pytest.mark.xdist_group("class-of-30")  # one class graded, in one worker
def test_class_gradebook_matches_the_csv(graded_class):
    from nbgrader.api import Gradebook

    grades = read_grades(graded_class["out"])
    with Gradebook(f"sqlite:///{graded_class['out'] / 'gradebook.db'}") as gb:
        for student, row in grades.items():
            submission = gb.find_submission(MODULE, student)
            assert submission.score == pytest.approx(float(row["score"])), student
            if row["status"] != "graded":
                assert all(nb.flagged for nb in submission.notebooks)
        full = gb.find_submission(MODULE, "full00")
        assert full.needs_manual_grade, "the free-text item waits for the formgrader"


@pytest.mark.xdist_group("class-of-30")  # one class graded, in one worker
def test_rerun_resumes_without_grading_again(graded_class):
    out = graded_class["out"]
    before = (out / "grades.csv").read_text()
    done = asuser.run(["grade", str(graded_class["submissions"]), "--out", str(out), "--jobs", "2"],
                      home=graded_class["home"])
    assert done.returncode == 0, done.stdout + done.stderr
    summary = "Graded 0, flagged 0 (see status and reason in grades.csv), 30 already graded earlier and unchanged"
    assert summary in done.stdout
    assert (out / "grades.csv").read_text() == before


def test_zip_intake(facilitator):
    tmp_path = facilitator
    submissions = tmp_path / "zips"
    submissions.mkdir()
    with zipfile.ZipFile(submissions / "zoe.zip", "w") as archive:  # wrapper folder, like a zipped download
        for path in (ROOT / "solutions" / MODULE).glob("*.ipynb"):
            archive.write(path, f"my-work/{MODULE}/{path.name}")
    with zipfile.ZipFile(submissions / "yan.zip", "w") as archive:  # the notebook alone
        archive.write(ROOT / "exercises" / MODULE / f"{MODULE}.ipynb", f"{MODULE}.ipynb")
    with zipfile.ZipFile(submissions / "flat.zip", "w") as archive:  # the notebook and its answers, no folder
        archive.write(ROOT / "exercises" / MODULE / f"{MODULE}.ipynb", f"{MODULE}.ipynb")
        archive.writestr(f"answers/{MODULE}.json", '{"answers": {}}')
    with zipfile.ZipFile(submissions / "renamed.zip", "w") as archive:  # a browser's "(1)" download copy
        archive.write(ROOT / "exercises" / MODULE / f"{MODULE}.ipynb", f"{MODULE}/{MODULE} (1).ipynb")
    with zipfile.ZipFile(submissions / "evil.zip", "w") as archive:
        archive.writestr("../../escape.txt", "x")
    (submissions / "broken.zip").write_bytes(b"not a zip")
    shutil.copy2(submissions / "yan.zip", submissions / "Eve Smith.zip")
    out = tmp_path / "out"
    done = grade_as_facilitator(facilitator, submissions, out, "--jobs", "2", "--timeout", "20")
    assert done.returncode == 0, done.stdout + done.stderr
    grades = read_grades(out)
    assert float(grades["zoe"]["score"]) == AUTO and float(grades["yan"]["score"]) == 0
    assert (out / "intake" / "flat" / MODULE / "answers" / f"{MODULE}.json").exists()  # widget answers kept
    assert grades["renamed"]["status"] == "invalid" and "rename the notebook to" in grades["renamed"]["reason"]
    assert (grades["Eve_Smith"]["status"], float(grades["Eve_Smith"]["score"])) == ("graded", 0)  # a usable id
    reasons = {student: row["reason"] for student, row in grades.items() if row["status"] == "rejected"}
    assert "unsafe path" in reasons["evil"] and "not a readable zip" in reasons["broken"]
    assert not (tmp_path / "escape.txt").exists() and not (out.parent / "escape.txt").exists()


def test_interrupted_run_keeps_what_was_graded():
    base = asuser.workspace("workshop-interrupted-")
    try:
        submissions = base / "subs"
        for i in range(4):
            target = submissions / f"p{i}"
            target.mkdir(parents=True)
            subprocess.run(["cp", "-r", str(ROOT / "solutions" / MODULE), str(target)], check=True)
        asuser.give(base)
        out = base / "out"
        proc = asuser.popen(["grade", str(submissions), "--out", str(out), "--jobs", "1"], home=base / "home",
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        results = out / "results"
        import time

        deadline = time.time() + 180
        while time.time() < deadline and len(list(results.glob("*/*.json"))) < 1:
            time.sleep(0.5)
        proc.terminate()  # like `kill`: SIGTERM
        output, _ = proc.communicate(timeout=60)
        assert proc.returncode == 130, output
        assert "run the same command again" in output
        done = len(list(results.glob("*/*.json")))
        assert 1 <= done < 4
        assert len(read_grades(out)) == done, "grades.csv holds everything graded before the interrupt"
        assert not (out / ".work").exists(), "no work folder (copies of the solutions) outlives the run"
        # resume: only the rest is graded
        resumed = asuser.run(["grade", str(submissions), "--out", str(out), "--jobs", "2"], home=base / "home")
        assert resumed.returncode == 0, resumed.stdout + resumed.stderr
        grades = read_grades(out)
        assert len(grades) == 4 and all(float(r["score"]) == AUTO for r in grades.values())
        # --force, stopped after one submission is graded again: the message counts this run's, not all 4
        before = {path: path.stat().st_mtime_ns for path in results.glob("*/*.json")}
        proc = asuser.popen(["grade", str(submissions), "--out", str(out), "--jobs", "1", "--force"],
                            home=base / "home", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + 180
        while time.time() < deadline and all(p.stat().st_mtime_ns == t for p, t in before.items()):
            time.sleep(0.2)
        proc.terminate()
        output, _ = proc.communicate(timeout=60)
        assert proc.returncode == 130, output
        again = sum(p.stat().st_mtime_ns != t for p, t in before.items())
        assert 1 <= again < 4, output
        assert f"{again} of the 4 submission(s) this run set out to grade again were graded before it stopped" \
            in output, output
        assert "4 graded submission(s) in all are kept in" in output and "without --force" in output
    finally:
        asuser.remove(base)


def test_bad_arguments_are_clear(tmp_path, capsys):
    assert cli.main(["grade", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert cli.main(["grade", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 2
    assert "No submissions found" in capsys.readouterr().err
    assert cli.main(["grade", str(tmp_path / "empty"), "--out", str(tmp_path / "empty" / "out")]) == 2
    assert "outside the submissions folder" in capsys.readouterr().err


def _hidden_sources(module):
    """Every line of every hidden test region, and every solution line, in the source notebook."""
    import nbformat

    nb = nbformat.read(ROOT / "solutions" / module / f"{module}.ipynb", as_version=4)
    hidden, solutions = [], []
    for cell in nb.cells:
        for marker, bucket in (("HIDDEN TESTS", hidden), ("SOLUTION", solutions)):
            inside = False
            for line in cell.source.splitlines():
                if f"### BEGIN {marker}" in line:
                    inside = True
                elif f"### END {marker}" in line:
                    inside = False
                elif inside and line.strip():
                    bucket.append(line.strip())
    return hidden, solutions


@pytest.mark.xdist_group("class-of-30")  # one class graded, in one worker
def test_feedback_never_shows_hidden_tests_or_solutions(graded_class):
    import html as html_lib

    out = graded_class["out"]
    students = ["full00", "blank0", "misconception0", "hostile_tamper", "partial2"]
    printed = asuser.run(["feedback", str(out), *sum((["--student", s] for s in students), [])],
                         home=graded_class["home"])
    assert printed.returncode == 0, printed.stdout + printed.stderr
    assert "Wrote 5 feedback page(s)" in printed.stdout
    assert "show 0 for free text not yet graded by hand (full00)" in printed.stderr
    hidden, solutions = _hidden_sources(MODULE)
    released = (ROOT / "exercises" / MODULE / f"{MODULE}.ipynb").read_text()
    solutions = [line for line in solutions if line not in released]  # e.g. code the question itself shows
    assert hidden and solutions
    for student in students:
        page = next((out / "feedback" / student / MODULE).glob("*.html")).read_text()
        text = html_lib.unescape(page)
        for line in hidden:
            assert line not in text and html_lib.escape(line) not in page, (student, line)
        if student in ("blank0", "misconception0"):  # the others typed (some of) the solution's code
            for line in solutions:
                assert line not in text, (student, line)
        assert "Graded check: hidden tests run" in text, "the released test text stands in for the hidden one"
        assert not re.search(r'(src|href)="https?://', page), "a feedback page opens offline"
        assert "Assessor's suggestion" not in text, "the grader's suggestion stays with the grader"
    assert "Assessor's suggestion" in (out / "autograded" / "full00" / MODULE / f"{MODULE}.ipynb").read_text()
    full = html_lib.unescape(next((out / "feedback" / "full00" / MODULE).glob("*.html")).read_text())
    assert "Your answer, as saved from the widget:" in full, "widget answers are written out"
    assert "# Output or outcome?: self-check" in full, "each test cell is named after its question"
    full_page = next((out / "feedback" / "full00" / MODULE).glob("*.html")).read_text()
    assert "<img" in full_page and "No description has been provided" not in full_page, "charts have alt text"
    blank = html_lib.unescape(next((out / "feedback" / "blank0" / MODULE).glob("*.html")).read_text())
    assert "No answer was saved from this widget." in blank
    assert "No answer yet" in blank, "test messages reach the participant"
    assert "0 / 3" in blank or "0.0 / 3.0" in blank, "scores are shown"
    assert not (out / ".feedback-src").exists()


@pytest.mark.xdist_group("class-of-30")  # one class graded, in one worker
def test_report_lists_what_the_class_missed(graded_class):
    out = graded_class["out"]
    done = asuser.run(["report", str(out)], home=graded_class["home"])
    assert done.returncode == 0, done.stdout + done.stderr
    page = (out / "report.html").read_text()
    import re

    assert "<script" not in page and "<link" not in page and " src=" not in page, "self-contained, no scripts"
    addresses = set(re.findall(r"https?://[^\"' )<>]+", page))
    assert addresses <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, "nothing to fetch"
    assert page.count("<svg") >= 2 and 'role="img"' in page
    missed = page.split("Items, most missed first")[1].split("</table>")[0]
    shares = [int(share) for share in re.findall(r"<td>(\d+)%</td>", missed)]
    assert shares and shares == sorted(shares), f"items are listed most missed first: {shares}"
    assert "How many of the app&#39;s features are rarely or never used?" in missed
    assert "Discuss first" in page and "rarely used" in page
    assert "Most common wrong answers in the widget questions" in page
    assert "Grow the help-centre library from 120 to 400 articles by June" in page
    assert "Free text awaiting hand grading (8)" in page
    assert "hostile_json" in page and "not a valid notebook" in page


def test_report_and_feedback_need_a_graded_class(tmp_path, capsys):
    assert cli.main(["report", str(tmp_path)]) == 2
    assert "No graded submissions" in capsys.readouterr().err
    assert cli.main(["feedback", str(tmp_path)]) == 2
    assert "holds no graded class" in capsys.readouterr().err


@pytest.mark.xdist_group("class-of-30")  # one class graded, in one worker
def test_graders_see_the_assessor_suggestion_not_a_grade(graded_class):
    import nbformat

    out = graded_class["out"]
    nb = nbformat.read(out / "autograded" / "full00" / MODULE / f"{MODULE}.ipynb", as_version=4)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    index = ids.index("reframe")
    note = nb.cells[index + 1]
    assert review.SUGGESTION_TAG in note.metadata["tags"]
    assert "suggestion for the grader (not a grade)" in note.source and "Reads as **outcome**" in note.source
    blank = nbformat.read(out / "autograded" / "blank0" / MODULE / f"{MODULE}.ipynb", as_version=4)
    assert not any(review.SUGGESTION_TAG in c.metadata.get("tags", []) for c in blank.cells)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        grade = gb.find_grade("reframe", MODULE, MODULE, "full00")
        assert grade.needs_manual_grade and grade.score == 0, "the suggestion never becomes a score"


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere():
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    done = results.Result("ann", MODULE, "graded", cells=[{"score": 3.0}])
    flagged = results.Result("bob", MODULE, "timeout", "grading took longer than 300 s")
    tty = Terminal()
    bar = classgrade.Progress(2, tty)
    bar.update(done)
    bar.update(flagged)
    assert "\r[" in tty.getvalue() and "2/2 (1 flagged)" in tty.getvalue() and tty.getvalue().endswith("\n")
    plain = io.StringIO()
    lines = classgrade.Progress(2, plain)
    lines.update(done)
    lines.update(flagged)
    assert plain.getvalue().splitlines() == [f"[1/2] ann {MODULE}: graded 3",
                                             f"[2/2] bob {MODULE}: timeout 0 (grading took longer than 300 s)"]


def test_a_deep_output_folder_still_grades(facilitator):
    """Kernel sockets live in a short private path: Unix socket paths cannot exceed ~100 characters."""
    deep = facilitator / ("a-long-folder-name-" * 4) / ("another-long-folder-name-" * 3)
    (deep / "subs" / "p0").mkdir(parents=True)
    subprocess.run(["cp", "-r", str(ROOT / "solutions" / MODULE), str(deep / "subs" / "p0")], check=True)
    assert len(str(deep / "out" / ".work" / f"p0--{MODULE}" / "ipc" / "kernel-1")) > 110
    done = grade_as_facilitator(facilitator, deep / "subs", deep / "out", "--jobs", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert float(read_grades(deep / "out")["p0"]["score"]) == AUTO


@pytest.mark.parametrize("module", ["04-solution-vs-mission", "05-ownership-vs-influence", "06-capstone-outcome-plan"])
def test_a_small_class_of_another_module_grades_and_reports(facilitator, module):
    """Full, partial, blank and misconception hand-ins of another module, graded as a class and reported on."""
    subs, out = facilitator / "subs", facilitator / "out"
    expected = make_benign_class(subs, module, size=4)
    # A trial's participant wrote their free text in a cell of their own below the graded one: it scores 0, and
    # the row has to say where the text is, or nobody grades it.
    answers, _ = module_facts(module)

    def elsewhere(nb):
        fill_answers(nb, answers)
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
        nb.cells.insert(ids.index(next(iter(free_text(module)))) + 1, nbformat.v4.new_markdown_cell("My answer."))
    write_submission(ROOT / "exercises" / module, subs / "stray" / module, module, elsewhere)
    done = grade_as_facilitator(facilitator, subs, out, "--jobs", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    grades = read_grades(out)
    stray = grades.pop("stray")
    assert "left blank, but the participant wrote text outside the graded cells" in stray["reason"]
    assert stray["needs_manual_grade"] == "1", "no provisional 0 for an answer nobody has read"
    assert {s: float(row["score"]) for s, row in grades.items()} == {s: e.score for s, e in expected.items()}
    assert {float(row["max_score"]) for row in grades.values()} == {points(module)[1]}
    report = asuser.run(["report", str(out)], home=facilitator / "home")
    assert report.returncode == 0, report.stdout + report.stderr
    page = (out / "report.html").read_text()
    missed = page.split("Items, most missed first")[1].split("</table>")[0]
    for q in module_numbered(module).QUESTIONS:
        if q.points and q.check is not None:
            assert html.escape(q.title) in missed, q.title
    prompts = nbformat.read(ROOT / "solutions" / module / f"{module}.ipynb", as_version=4).metadata["workshop"]
    assert any(html.escape(prompt) in page for prompt in prompts["item_prompts"].values()), "discussion prompts"
    # The capstone's plans are summed up for any module with a plan question, without a participant's name.
    has_plan = any(q.kind == "plan" for q in module_numbered(module).QUESTIONS)
    assert ("<h3>Capstone plans</h3>" in page) == has_plan
    if has_plan:
        section = " ".join(page.split("<h3>Capstone plans</h3>")[1].split("<h3>")[0].split())
        assert f"of {len(expected) + 1} participants saved a plan" in section, section
        assert not any(name in section for name in [*expected, "stray"]), section


def test_resubmissions_are_regraded_and_hand_grades_reach_the_csv(facilitator):
    import nbformat
    from nbgrader.api import Gradebook

    subs, out = facilitator / "subs", facilitator / "out"
    answers, points = module_facts(MODULE)
    release = ROOT / "exercises" / MODULE
    shutil.copytree(ROOT / "solutions" / MODULE, subs / "ann" / MODULE)  # answers the free text too
    write_submission(release, subs / "ben" / MODULE, MODULE, lambda nb: None)
    (subs / "ann" / MODULE / "timestamp.txt").write_text("2026-05-04 09:10:11.123456 UTC")  # as collect leaves it
    assert grade_as_facilitator(facilitator, subs, out, "--jobs", "2").returncode == 0
    grades = read_grades(out)
    assert (float(grades["ann"]["score"]), grades["ann"]["needs_manual_grade"]) == (AUTO, "1")
    # The formgrader, opened on the graded class, counts both as autograded: none invites its own autograde.
    listed = formgrader_view(out)
    assert {s: (v["autograded"], v["needs_manual_grade"]) for s, v in listed.items()} == {
        "ann": (True, True), "ben": (True, False)}, listed

    # A hand grade in the formgrader reaches grades.csv and the report once `workshop report` runs.
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        grade = gb.find_grade("reframe", MODULE, MODULE, "ann")
        grade.manual_score = 2.5
        gb.db.commit()
    asuser.give(out)  # the formgrader writes as the facilitator too
    assert asuser.run(["report", str(out)], home=facilitator / "home").returncode == 0
    grades = read_grades(out)
    assert (float(grades["ann"]["score"]), grades["ann"]["needs_manual_grade"]) == (AUTO + 2.5, "0")
    assert "awaiting hand grading" not in (out / "report.html").read_text()

    # Regrading the same work keeps the hand grade; ben's resubmission is noticed and graded again.
    assert grade_as_facilitator(facilitator, subs, out, "--jobs", "2", "--force").returncode == 0
    assert float(read_grades(out)["ann"]["score"]) == AUTO + 2.5
    shutil.rmtree(subs / "ben")
    write_submission(release, subs / "ben" / MODULE, MODULE, lambda nb: fill_answers(nb, answers))
    printed = grade_as_facilitator(facilitator, subs, out, "--jobs", "2").stdout
    assert "Graded 1 (1 of them changed since they were last graded)" in printed, printed
    assert "1 already graded earlier and unchanged" in printed, printed
    assert float(read_grades(out)["ben"]["score"]) == AUTO

    # ann changes her work after the hand grade: it is cleared, since it graded other words.
    notebook = subs / "ann" / MODULE / f"{MODULE}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    text = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reframe")
    text.source += "\n\nOn second thoughts: by the end of Q3."
    nbformat.write(nb, notebook)
    printed = grade_as_facilitator(facilitator, subs, out, "--jobs", "2").stdout
    assert "Hand grades cleared because the work changed: ann." in printed, printed
    assert (float(read_grades(out)["ann"]["score"]), read_grades(out)["ann"]["needs_manual_grade"]) == (AUTO, "1")


def test_facilitator_slips_get_a_sentence_not_a_traceback(tmp_path, capsys):
    zips = tmp_path / "zips"
    zips.mkdir()
    for name in ("alice", "bob"):
        with zipfile.ZipFile(zips / f"{name}.zip", "w") as archive:
            archive.write(ROOT / "exercises" / MODULE / f"{MODULE}.ipynb", f"{MODULE}/{MODULE}.ipynb")
    out = str(tmp_path / "graded")
    assert cli.main(["grade", str(zips / "alice.zip"), str(zips / "bob.zip"), "--out", out]) == 2
    assert "takes one folder" in capsys.readouterr().err
    assert cli.main(["grade", str(zips / "alice.zip"), "--out", out]) == 2
    assert "Give the folder that holds the zip files" in capsys.readouterr().err
    assert cli.main(["grade", str(zips), "--out", out, "--jobs", "-1"]) == 2
    assert "--jobs is 0" in capsys.readouterr().err
    assert cli.main(["grade", str(zips), "--out", str(zips / "graded")]) == 2
    assert f"--out {tmp_path / 'graded'}" in capsys.readouterr().err
    graded = asuser.workspace("workshop-facilitator-")
    try:
        shutil.copytree(zips, graded / "zips")
        done = grade_as_facilitator(graded, graded / "zips", graded / "graded", "--jobs", "2")
        assert done.returncode == 0, done.stdout + done.stderr
        # a typo, or someone whose work was not graded
        done = asuser.run(["feedback", str(graded / "graded"), "--student", "zoe"], home=graded / "home")
    finally:
        asuser.remove(graded)
    assert done.returncode == 2
    err = done.stderr
    assert "No graded submission from 'zoe'" in err and "Graded participants: alice, bob" in err


# ----- module 06: the plan builder feeds three graded items (facilitator trial) -----------------------------------

def test_a_missing_or_damaged_answers_file_names_the_plan_items_too(tmp_path):
    """Module 06's plan (one widget, q4) feeds plan_outcomes, plan_measures and plan_traced: 9 points. A row that
    says only 'the widget questions (sort, well_formed, guardrails) score 0' hides that the plan scored 0 too."""
    from workshop_utils.grading import review

    module = "06-capstone-outcome-plan"
    release = ROOT / "exercises" / module
    folder = tmp_path / "fay" / module
    shutil.copytree(release, folder)
    notes = review.answers_notes(folder, release)
    assert len(notes) == 1, notes
    assert "(sort, well_formed, guardrails, plan_outcomes, plan_measures, plan_traced) score 0" in notes[0], notes


def test_a_worker_never_starts_once_the_run_is_stopping(tmp_path, monkeypatch):
    """Ctrl-C kills the workers it knows of: one about to start after that must not start (it would outlive
    the run and write into work folders the command then removes)."""
    started = tmp_path / "started"
    monkeypatch.setattr(host, "worker_command", lambda args, isolate: ["touch", str(started)])
    runner = classgrade.Runner()
    assert runner._run_process([], tmp_path / "worker.log", False, 30) == 0 and started.exists()
    started.unlink()
    runner.stop_all()
    with pytest.raises(KeyboardInterrupt):
        runner._run_process([], tmp_path / "worker.log", False, 30)
    with pytest.raises(KeyboardInterrupt):
        runner._run_forked([], tmp_path / "worker.log", False, 30)
    assert not started.exists() and not runner.procs
