"""A self-learner's path: `workshop progress`, check records, the explained solution and the completion record.

Everything that reads a learner's files leaves them byte for byte as they were; damaged and foreign files are
reported, never fatal. `workshop check`, `solution` and `certificate` are run as an ordinary account on real
copies of the solutions (slow); the rest works on fabricated check records.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from workshop_utils import certificate, cli, course, progress, solutionpage
from workshop_utils.errors import WorkshopError

from . import asuser
from .conftest import ROOT, copy_course, execute

M01, M02 = "01-output-vs-outcome", "02-reframing-deliverables"


def _course(dest: Path) -> Path:
    copy_course(dest)
    shutil.copytree(ROOT / "notebooks", dest / "notebooks", ignore=shutil.ignore_patterns("answers", ".ipynb_*"))
    return dest


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "progress" not in p.parts}


def _answers(folder: Path, notebook: str, entries: dict) -> Path:
    path = folder / "answers" / f"{notebook}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "workshop-answers/1", "notebook": notebook, "answers": {
        qid: {"value": value, "saved_at": "2026-01-01T00:00:00+00:00"} for qid, value in entries.items()}}))
    return path


def _full_marks(root: Path, module: str, got_less: str | None = None) -> Path:
    """A check record as `workshop check` writes it, for the notebook now in exercises/MODULE."""
    m = course.module_numbered(module)
    items = {q.qid.split(".", 1)[1]: (0.0 if q.qid.endswith(f".{got_less}") else float(q.points), float(q.points))
             for q in m.QUESTIONS if q.points > 0}
    manual = {q.qid.split(".", 1)[1] for q in m.QUESTIONS if q.points > 0 and q.check is None}
    return progress.write_record(root, module, root / "exercises" / module, items, manual)


@pytest.fixture
def fresh(tmp_path, monkeypatch) -> Path:
    root = _course(tmp_path / "course")
    monkeypatch.setenv("WORKSHOP_COURSE_ROOT", str(root))
    return root


def _module(found: dict, name: str) -> dict:
    return next(m for m in found["modules"] if m["name"] == name)


# -- workshop progress ------------------------------------------------------------------------------
def test_a_fresh_course(fresh, capsys):
    before = _snapshot(fresh)
    assert cli.main(["progress"]) == 0
    out = capsys.readouterr().out
    assert all(len(line) <= 100 for line in out.splitlines()), out
    assert "Next: Module 00: Open notebooks/00-start-here.ipynb and do practice 1 of 2" in out
    assert "Problem" not in out
    assert cli.main(["progress", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert sorted(found) == ["course_root", "format", "generated_at", "modules", "next", "problems"]
    assert [m["module"] for m in found["modules"]] == [m.MODULE for m in course.modules()]  # found, not listed
    m01 = _module(found, M01)
    assert sorted(m01) == ["check", "done", "graded", "last_work", "lesson", "module", "name", "next",
                           "since_last_work"]
    assert m01["graded"]["answered"] == 0 and m01["check"] is None and m01["last_work"] is None
    assert m01["lesson"]["practice_total"] == sum(q.points == 0 for q in course.module_numbered("01").QUESTIONS)
    assert found["problems"] == []
    assert _snapshot(fresh) == before


def test_a_partly_done_course(fresh):
    _answers(fresh / "notebooks", "00-start-here", {"m00.practice_sort": {"a": "output"}})
    saved = _answers(fresh / "exercises" / M01, M01, {"m01.classify": {"x": "output"}, "m01.verdict": [],
                                                      "m01.app_verdict": ["a"]})
    document = json.loads(saved.read_text())
    document["answers"]["m01.app_verdict"]["attempts"] = 2  # as the hint ladder records checks; read if there
    saved.write_text(json.dumps(document))
    path = fresh / "exercises" / M01 / f"{M01}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "delivery_rate-answer":
            cell.source = cell.source.replace("# YOUR CODE HERE", "answer_delivery_rate = 0.4")
        if grade_id in ("classify-self", "delivery_rate-self"):
            cell.execution_count = 3
    nbformat.write(nb, path)
    before = _snapshot(fresh)
    found = progress.collect(fresh)
    m00, m01 = _module(found, "00-start-here"), _module(found, M01)
    assert m00["lesson"]["practice_done"] == 1 and m00["next"].endswith("do practice 2 of 2")
    # classify and app_verdict (widgets) and delivery_rate (code); an empty list is no answer
    assert m01["graded"]["answered"] == 3
    assert m01["graded"]["self_checked"] == 3  # two self-check cells run, one widget with recorded attempts
    assert m01["since_last_work"] != "never"
    assert _snapshot(fresh) == before


def test_a_lesson_run_from_the_top_is_not_practice_done(fresh):
    """Run All shows every widget and runs every self-check; JupyterLab then saves the outputs. Only an
    answer (saved by a widget, or a code practice checked on something other than None) is practice done."""
    path = fresh / "notebooks" / "01-lesson-output-vs-outcome.ipynb"
    nb = nbformat.read(path, as_version=4)
    for count, cell in enumerate((c for c in nb.cells if c.cell_type == "code"), 1):
        cell.execution_count = count
        if "widgets." in cell.source:  # what a displayed widget leaves in the saved notebook
            cell.outputs = [nbformat.v4.new_output("display_data", data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "ab12", "version_major": 2,
                                                             "version_minor": 0}, "text/plain": "VBox()"})]
        elif "checks.check(" in cell.source:
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "✗ No answer yet."})]
    nb.cells.append(nbformat.v4.new_code_cell('checks.hint("m01.practice_offplan")', execution_count=99, outputs=[
        nbformat.v4.new_output("display_data", data={"text/plain": "Hint (1 of 3)"})]))
    nbformat.write(nb, path)
    m01 = _module(progress.collect(fresh), M01)
    assert m01["lesson"]["practice_done"] == 0, "widgets shown and hints asked for are not answers"
    assert m01["next"].endswith("do practice 1 of 3")


def test_check_records_drive_the_next_step(fresh):
    shutil.copy2(ROOT / "solutions" / M01 / f"{M01}.ipynb", fresh / "exercises" / M01)
    m01 = _module(progress.collect(fresh), M01)
    assert m01["graded"]["answered"] == m01["graded"]["items"]
    assert "Run `workshop check 01-output-vs-outcome`" in m01["next"] or "practice" in m01["next"]
    _full_marks(fresh, M01, got_less="verdict")
    m01 = _module(progress.collect(fresh), M01)
    assert m01["check"]["current"] and m01["check"]["got"] < m01["check"]["best"]
    assert m01["next"] == "Fix m01.verdict then run `workshop check 01-output-vs-outcome` again"
    _full_marks(fresh, M01)
    found = progress.collect(fresh)
    m01 = _module(found, M01)
    assert m01["done"] and m01["next"].startswith(("Module done: next is 02", "Open notebooks/01-lesson"))
    _answers(fresh / "exercises" / M01, M01, {"m01.classify": {"x": "output"}})  # changed after the check
    m01 = _module(progress.collect(fresh), M01)
    assert not m01["check"]["current"] and "run `workshop check 01-output-vs-outcome` again" in m01["next"]
    assert "(old)" in progress.table(progress.collect(fresh))


def test_running_the_checked_notebook_again_does_not_make_its_check_old(fresh):
    """Coming back another day means running the cells again, and JupyterLab saves the new outputs; a Hint or a
    Check on the same answer records its time. None of that changes an answer, so the check stays current."""
    shutil.copy2(ROOT / "solutions" / M01 / f"{M01}.ipynb", fresh / "exercises" / M01)
    saved = _answers(fresh / "exercises" / M01, M01, {"m01.classify": {"x": "output"}})
    _full_marks(fresh, M01)
    path = fresh / "exercises" / M01 / f"{M01}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for count, cell in enumerate((c for c in nb.cells if c.cell_type == "code"), 1):
        cell.execution_count = count + 40
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"run {count}\n")]
    nbformat.write(nb, path)
    document = json.loads(saved.read_text())
    document["answers"]["m01.classify"].update(saved_at="2026-02-02T00:00:00+00:00", hint_level=1,
                                               hint_times={"1": "2026-02-02T00:00:00+00:00"})
    saved.write_text(json.dumps(document, indent=2))
    m01 = _module(progress.collect(fresh), M01)
    assert m01["check"]["current"], "outputs, run counts and hint times are not answers"
    document["answers"]["m01.classify"]["value"] = {"x": "outcome"}
    saved.write_text(json.dumps(document))
    assert not _module(progress.collect(fresh), M01)["check"]["current"], "a changed answer still makes it old"


def test_damaged_and_foreign_files_are_reported_not_fatal(fresh, capsys):
    damaged = fresh / "exercises" / M01 / "answers" / f"{M01}.json"
    damaged.parent.mkdir(parents=True)
    damaged.write_text('{"answers": {"m01.classify": ')
    _answers(fresh / "notebooks", "01-output-vs-outcome", {"m01.practice_sort": {"a": "output"}, "x99.other": 1})
    (fresh / "exercises" / M02 / f"{M02}.ipynb").write_text("not a notebook")
    (fresh / "progress").mkdir()
    (fresh / "progress" / "03-measuring-recalibrating.json").write_text('{"format": "something else"}')
    shutil.rmtree(fresh / "exercises" / "04-solution-vs-mission")
    before = _snapshot(fresh)
    assert cli.main(["progress"]) == 0
    out = capsys.readouterr().out
    assert cli.main(["progress", "--json"]) == 0
    problems = " ".join(json.loads(capsys.readouterr().out)["problems"])
    assert f"exercises/{M01}/answers/{M01}.json is damaged" in problems
    assert "x99.other from another notebook or course" in problems
    assert f"exercises/{M02}/{M02}.ipynb cannot be read as a notebook" in problems
    assert "progress/03-measuring-recalibrating.json cannot be used" in problems
    assert "exercises/04-solution-vs-mission/04-solution-vs-mission.ipynb is missing" in problems
    assert out.count("Problem:") == 5
    assert _module(progress.collect(fresh), M01)["lesson"]["practice_done"] == 1  # the rest of the file counts
    assert _snapshot(fresh) == before, "nothing was moved aside or rewritten"


def test_missing_folders(tmp_path, monkeypatch):
    root = copy_course(tmp_path / "course", modules=[])
    found = progress.collect(root)
    assert any(p.startswith("notebooks/ is missing") for p in found["problems"])
    assert any(p.startswith("exercises/ is missing") for p in found["problems"])


def test_the_widget_is_an_accessible_table(fresh):
    page = progress.show(fresh)._repr_html_()
    assert "<caption" in page and 'scope="col"' in page and 'scope="row"' in page and "aria-label" in page
    assert "run the cell again to refresh" in page
    assert "<script" not in page


# -- explained solutions -----------------------------------------------------------------------------
def test_the_solution_opens_only_after_a_check(fresh, capsys):
    assert cli.main(["solution", "01"]) == 2
    assert ("Run `workshop check 01-output-vs-outcome` first: the solution opens after you have checked your own "
            "answers.") in capsys.readouterr().err
    _full_marks(fresh, M01)
    assert cli.main(["solution", "01"]) == 0
    page = (fresh / "progress" / f"{M01}-solution.html").read_text()
    assert page.count("Why:") >= 8 and "Model answer" in page
    assert "HIDDEN TESTS" not in page and "assert_passes" not in page and "BEGIN SOLUTION" not in page
    assert "http:" not in page and "https:" not in page, "no remote style or script"
    shutil.rmtree(fresh / "solutions")
    assert cli.main(["solution", M01]) == 2
    assert "no solutions/ folder" in capsys.readouterr().err
    with pytest.raises(WorkshopError, match="No graded set"):
        solutionpage.module_name("00")


# -- the completion record ---------------------------------------------------------------------------
def test_certificate_refused_with_nothing_checked(fresh, capsys):
    assert cli.main(["certificate", "--name", "Ada Lovelace"]) == 2
    assert "No module is complete yet" in capsys.readouterr().err
    assert not (fresh / "progress" / "certificate.json").exists()


def test_certificate_issue_and_verify(fresh, tmp_path, capsys):
    for module in (M01, M02):
        shutil.copy2(ROOT / "solutions" / module / f"{module}.ipynb", fresh / "exercises" / module)
        _full_marks(fresh, module)
    out = tmp_path / "record"
    assert cli.main(["certificate", "--name", "Ada  Lovelace", "--out", str(out)]) == 0
    record = json.loads((out / "certificate.json").read_text())
    assert record["name"] == "Ada Lovelace" and [m["module"] for m in record["modules"]] == [M01, M02]
    assert "not proctored" in record["statement"] and record["course"]["version"]
    page = (out / "certificate.html").read_text()
    assert "not proctored" in page and 'name="viewport"' in page and "<script src" not in page and "https:" not in page
    for name in ("certificate.json", "certificate.html"):
        capsys.readouterr()
        assert cli.main(["certificate", "--verify", str(out / name)]) == 0
        said = capsys.readouterr().out
        assert said.startswith("intact:") and "still match" in said
    # One character edited, in the JSON and in the page's visible text.
    (out / "edited.json").write_text((out / "certificate.json").read_text().replace('"points": 24', '"points": 25'))
    assert cli.main(["certificate", "--verify", str(out / "edited.json")]) == 1
    assert "edited after issue: modules" in capsys.readouterr().out
    (out / "edited.html").write_text(page.replace("Ada Lovelace</p>", "Ada Lovelacf</p>"))
    assert cli.main(["certificate", "--verify", str(out / "edited.html")]) == 1
    assert "visible text was edited" in capsys.readouterr().out
    forged = json.loads((out / "certificate.json").read_text())
    forged["digest"]["value"] = "0" * 64
    (out / "forged.json").write_text(json.dumps(forged))
    assert cli.main(["certificate", "--verify", str(out / "forged.json")]) == 1
    assert "the digest does not match" in capsys.readouterr().out
    (out / "broken.json").write_bytes(b"\xff\xfe")
    assert cli.main(["certificate", "--verify", str(out / "broken.json")]) == 1
    assert "cannot be read" in capsys.readouterr().out
    # Answers changed after the check: left out of a new record, and reported by --verify.
    _answers(fresh / "exercises" / M02, M02, {"m02.anything": 1})
    assert cli.main(["certificate", "--name", "Ada", "--out", str(tmp_path / "again")]) == 0
    err = capsys.readouterr().err
    assert "run `workshop check 02-reframing-deliverables` again" in err
    assert [m["module"] for m in json.loads((tmp_path / "again" / "certificate.json").read_text())["modules"]] == [M01]
    assert cli.main(["certificate", "--verify", str(out / "certificate.json")]) == 0
    assert f"{M02}: the answers in this course folder no longer match" in capsys.readouterr().out


def test_certificate_needs_a_name(fresh, capsys):
    assert cli.main(["certificate"]) == 2
    assert "--name" in capsys.readouterr().err
    with pytest.raises(WorkshopError):
        certificate._clean_name("a\x07b")


# -- as a self-learner, with the real grader ------------------------------------------------------------
@pytest.mark.slow
def test_check_then_solution_then_certificate_as_an_ordinary_account():
    base = asuser.workspace("workshop-progress-")
    try:
        root = _course(base / "course")
        for module in (M01, M02):
            shutil.copy2(ROOT / "solutions" / module / f"{module}.ipynb", root / "exercises" / module)
        asuser.give(base)
        before = _snapshot(root)
        home = base / "home"
        refused = asuser.run(["certificate", "--name", "Grace Hopper"], home=home, cwd=root)
        assert refused.returncode == 2 and "No module is complete yet" in refused.stderr
        for module in (M01, M02):
            done = asuser.run(["check", module], home=home, cwd=root, check=True)
            assert f"Result kept in progress/{module}.json" in done.stdout
        assert _snapshot(root) == before, "checking changed nothing of the learner's"
        record = json.loads((root / "progress" / f"{M01}.json").read_text())
        assert record["automatic"]["got"] == record["automatic"]["best"] > 0
        assert not record["items"]["reframe"]["got"] and record["items"]["reframe"]["hand_graded"]
        shown = asuser.run(["progress"], home=home, cwd=root, check=True).stdout
        assert f"{record['automatic']['got']:g}/{record['automatic']['best']:g}" in shown
        asuser.run(["solution", "02"], home=home, cwd=root, check=True)
        assert "Why" in (root / "progress" / f"{M02}-solution.html").read_text()
        asuser.run(["certificate", "--name", "Grace Hopper"], home=home, cwd=root, check=True)
        verdict = asuser.run(["certificate", "--verify", "progress/certificate.html"], home=home, cwd=root)
        assert verdict.returncode == 0 and verdict.stdout.startswith("intact:"), verdict.stdout
        path = root / "progress" / "certificate.json"
        path.write_text(path.read_text().replace("Grace Hopper", "Grace Hoppet"))
        verdict = asuser.run(["certificate", "--verify", str(path)], home=home, cwd=root)
        assert verdict.returncode == 1 and "edited after issue: name" in verdict.stdout
        assert _snapshot(root) == before
    finally:
        asuser.remove(base)


@pytest.mark.slow
def test_the_start_notebook_shows_the_progress_table(tmp_path):
    root = _course(tmp_path / "course")
    _full_marks(root, M01, got_less="chart")
    nb = execute(root / "notebooks" / "00-start-here.ipynb", root / "notebooks")
    cell = next(c for c in nb.cells if c.get("id") == "progress-code")
    page = "".join(out.get("data", {}).get("text/html", "") for out in cell.outputs)
    assert "<caption" in page and M01 in page and "Fix m01.chart" in page
