"""The debrief page on its own: the template with a hand-made context (in-process), and `workshop report`
run as an unprivileged facilitator on a synthetic graded folder (result files and a gradebook made by
the grading pipeline, with a hand grade, a timeout, a refused zip and a hostile participant name)."""

from __future__ import annotations

import csv
import fnmatch
import html
import re
import shutil
from types import SimpleNamespace

import pytest
from markupsafe import Markup

from workshop_utils.course import module_numbered
from workshop_utils.grading import pipeline, report, results

from . import asuser
from .conftest import ROOT

MODULE = "01-output-vs-outcome"
HOSTILE = "<script>alert(1)"  # a participant name is a folder name: no slash, anything else
SVG = '<svg role="img" aria-label="A chart" xmlns="http://www.w3.org/2000/svg"><rect/></svg>'


def _context(**changes) -> dict:
    module = {"module": MODULE, "title": "Output <vs> outcome", "scores": [2.0, 4.0], "median": 3.0, "auto_best": 12.0,
              "not_graded": 1, "distribution": Markup(SVG), "items_chart": Markup(SVG),
              "item_rows": [{"item": "a", "title": "Item <A>", "full_share": 0.25, "missed": 3},
                        {"item": "b", "title": "Item B", "full_share": 1.0, "missed": 0}],
              "discuss": [{"item": "a", "title": "Item <A>", "full_share": 0.25, "prompt": "Why <this>?"}],
              "wrong": [{"title": "Sort them", "columns": ("statement", "sorted as", "participants"),
                         "rows": [("<b>Ship</b>", "outcome (key: output)", "2 of 3")], "answered": 3, "blank": 1},
                        {"title": "Choose", "columns": ("option", "mistake", "participants"), "rows": [],
                         "answered": 2, "blank": 0}],
              "waiting": [HOSTILE, "ada"]}
    context = {"participants": 4, "graded": 3, "not_graded": 2, "modules": [module],
               "flagged": [{"student": HOSTILE, "module": MODULE, "status": "timeout", "reason": "<i>slow</i>"}]}
    context.update(changes)
    return context


def test_the_page_escapes_what_participants_wrote():
    page = report.render(_context())
    assert "<script" not in page and "<i>slow" not in page and "<b>Ship" not in page and "<this>" not in page
    assert "&lt;script&gt;alert(1)" in page and "&lt;i&gt;slow&lt;/i&gt;" in page
    assert "<h2>Output &lt;vs&gt; outcome</h2>" in page
    assert page.count(SVG) == 2, "charts are markup the page trusts, drawn inline"


def test_the_page_has_its_sections_in_order():
    page = report.render(_context())
    headings = re.findall(r"<h([1-4])>(.*?)</h\1>", page)
    assert [text for _, text in headings] == [
        "Class debrief", "Submissions to look at", "Output &lt;vs&gt; outcome", "Items, most missed first",
        "Discuss first", "Most common wrong answers in the widget questions", "Sort them", "Choose",
        "Free text awaiting hand grading (2)"]
    assert "3 submissions graded by <code>workshop grade</code>, 2 could not be (see below)" in page
    assert "Median 3 of 12 automatic" in page and "<td>25%</td><td>3</td>" in page
    assert "(25% full marks): Why &lt;this&gt;?" in page
    assert '<p class="muted">1 gave no answer.</p>' in page
    assert "No wrong answers among the 2 who answered.</p>" in page
    assert "<td>outcome (key: output)</td><td>2 of 3</td>" in page


def test_sections_without_content_are_left_out():
    module = {**_context()["modules"][0], "distribution": None, "item_rows": [], "items_chart": None, "discuss": [],
              "wrong": [], "waiting": []}
    page = report.render(_context(flagged=[], not_graded=0, modules=[module]))
    for absent in ("Submissions to look at", "Items, most missed first", "Discuss first", "<figure>",
                   "Most common wrong answers", "awaiting hand grading", "could not be"):
        assert absent not in page


def test_the_templates_ship_with_the_package():
    """Every file under grading/templates is matched by pyproject's package-data, so a wheel carries it."""
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    grading = ROOT / "src" / "workshop_utils" / "grading"
    files = [p.relative_to(grading).as_posix() for p in (grading / "templates").rglob("*") if p.is_file()]
    assert "templates/report.html.j2" in files and "templates/feedback/conf.json" in files
    for name in files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns.get("workshop_utils.grading", [])), name


def _cells(scores: dict[str, float], waiting: bool = True, module: str = MODULE) -> list[dict]:
    """Result cells for the module's grade cells: full marks unless ``scores`` says otherwise."""
    import nbformat

    nb = nbformat.read(ROOT / "solutions" / module / f"{module}.ipynb", as_version=4)
    cells = []
    for cell in nb.cells:
        info = cell.metadata.get("nbgrader", {})
        if not info.get("grade"):
            continue
        grade_id, points = info["grade_id"], float(info["points"])
        manual = pipeline.hand_graded(grade_id)
        cells.append({"notebook": module, "grade_id": grade_id, "item": pipeline.item_of(grade_id),
                      "score": 0.0 if manual else scores.get(grade_id, points), "max_score": points,
                      "needs_manual_grade": manual and waiting})
    return cells


@pytest.fixture(scope="module")
def graded_folder():
    """A graded class as `workshop grade` leaves it, without grading: the pipeline makes the gradebook
    (`classgrade.prepare`), each result is recorded as the grader records it."""
    from nbgrader.api import Gradebook

    from workshop_utils.answers import AnswerStore
    from workshop_utils.course import module_numbered
    from workshop_utils.grading import classgrade

    base = asuser.workspace("workshop-report-")
    out = base / "out"
    classgrade.keep_private(out)  # as workshop grade makes it, before anything goes in
    classgrade.prepare(ROOT, out, [MODULE])
    wrong = {"classify-self": 0.0, "classify-graded": 0.0, "rarely_used-self": 0.0, "rarely_used-graded": 0.0}
    results.record(out, results.Result("ada", MODULE, "graded", cells=_cells({})))
    results.record(out, results.Result(HOSTILE, MODULE, "graded", reason="<img src=x onerror=alert(2)> edited a test",
                                       cells=_cells(wrong)))
    results.record(out, results.Result("bob", MODULE, "graded",
                                       cells=_cells({"rarely_used-graded": 0.0, "delivery_rate-graded": 0.0})))
    results.record(out, results.Result("carl", MODULE, "timeout", reason="stopped after 240 s"))
    results.save_rejected(out, [SimpleNamespace(student="bad&zip", module="?", reason="<i>not a zip</i>")])
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:  # bob's free text is graded by hand
        gb.find_grade("reframe", MODULE, MODULE, "bob").manual_score = 2.0
        gb.db.commit()
    key = module_numbered("01").examples()["m01.classify"][0]
    statement = next(s for s, label in key.items() if label == "output")
    folder = out / "submitted" / HOSTILE / MODULE  # where the widget saved it, as submitted
    folder.mkdir(parents=True)
    AnswerStore(MODULE, folder).save("m01.classify", {**key, statement: "<em>outcome</em>"})
    # The hint ladder's record (workshop_utils.hints): two took rung 1 of the rarely-used share, one went on to
    # its explained answer after two attempts.
    AnswerStore(MODULE, folder).record("m01.rarely_used", attempts=2, hint_level=3, answer_after=2)
    (ada := out / "submitted" / "ada" / MODULE).mkdir(parents=True)
    AnswerStore(MODULE, ada).record("m01.rarely_used", hint_level=1)
    asuser.give(base)
    done = asuser.run(["report", str(out)], home=base / "home", timeout=300)
    yield {"out": out, "done": done, "statement": statement}
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow
def test_report_as_a_facilitator(graded_folder):
    out, done = graded_folder["out"], graded_folder["done"]
    assert done.returncode == 0, done.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<h1>Class debrief</h1>" in page and "<h2>Output vs outcome: graded exercises</h2>" in page
    assert "4 participants; 3 submissions graded" in page and "2 could not be (see below)" in page
    # Nothing a participant wrote becomes markup.
    for raw in ("<script>alert(1)", "<img src=x", "<i>not a zip", "<em>outcome"):
        assert raw not in page, raw
    assert html.escape(HOSTILE) in page and "&lt;em&gt;outcome&lt;/em&gt; (key: output)" in page
    # Flagged rows: the timeout, the graded work with a note, the refused zip.
    flagged = page.split("Submissions to look at")[1].split("</table>")[0]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in flagged.split("<tr>")[2:]]
    assert sorted(rows) == sorted([
        [html.escape(HOSTILE), MODULE, "graded", "&lt;img src=x onerror=alert(2)&gt; edited a test"],
        ["carl", MODULE, "timeout", "stopped after 240 s"],
        ["bad&amp;zip", "?", "rejected", "&lt;i&gt;not a zip&lt;/i&gt;"]])
    # Items: the rarely-used share was missed by two of three.
    items = page.split("Items, most missed first")[1].split("</table>")[0]
    rarely = "<td>How many of the app&#39;s features are rarely or never used?</td><td>33%</td><td>2</td>"
    assert rarely in items
    assert "<th>hint ladder</th>" in items and "<td>hints: 2 took rung 1, 1 rung 2, 1 the answer</td>" in items
    # A hand-graded item joins the table once a person has graded it: bob's reframe, below full marks.
    assert "<td>Reframe a deliverable</td><td>0%</td><td>1</td>" in items.split("<tr>")[2]
    assert "Discuss first" in page and html.escape(graded_folder["statement"]) in page
    # Hand grades: bob's is given, so two still wait, and grades.csv counts his.
    assert "Free text awaiting hand grading (2)" in page
    waiting = page.split("Free text awaiting hand grading (2)</h3>")[1].split("</p>")[0]
    assert "bob" not in waiting and "ada" in waiting and html.escape(HOSTILE) in waiting
    with open(out / "grades.csv", newline="") as handle:
        grades = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert grades["bob"]["needs_manual_grade"] == "0" and grades["ada"]["needs_manual_grade"] == "1"
    assert float(grades["bob"]["score"]) == float(grades["ada"]["score"]) - 4 + 2
    # Charts: inline SVG, each described; nothing to fetch, no script.
    tags = re.findall(r"<svg\b[^>]*>", page)
    assert len(tags) == 2 and all('role="img"' in t and re.search(r'aria-label="[^"]+"', t) for t in tags)
    assert not re.search(r"<script|<link|<[^>]*\ssrc=", page), "self-contained: no script, no link, nothing to load"
    assert set(re.findall(r"https?://[^\"' )<>]+", page)) <= {"http://www.w3.org/2000/svg",
                                                              "http://www.w3.org/1999/xlink"}


def test_report_on_a_hand_in_folder_suggests_grading_it_into_a_folder_of_its_own(tmp_path, capsys):
    """`workshop grade` refuses an output folder inside the submissions: the advice must not suggest one."""
    from workshop_utils import cli

    hand_ins = tmp_path / "zips"
    (hand_ins / "ann").mkdir(parents=True)
    for command in ("report", "feedback"):
        assert cli.main([command, str(hand_ins)]) == 2
        err = capsys.readouterr().err
        assert f"--out {hand_ins}`" not in err and f"--out {hand_ins} " not in err, err
        assert f"`workshop grade {hand_ins} --out {tmp_path / 'zips-graded'}`" in err, err
        assert f"`workshop {command} {tmp_path / 'zips-graded'}`" in err, err
    course = tmp_path / "graded"  # a class folder with nothing graded yet is graded into itself
    course.mkdir()
    (course / "nbgrader_config.py").write_text("")
    assert cli.main(["report", str(course)]) == 2
    assert f"Run `workshop grade SUBMISSIONS --out {course}` first." in capsys.readouterr().err


def test_an_item_still_waiting_for_hand_grades_is_not_the_first_to_discuss(tmp_path):
    """Module 04: one participant left the hand-graded mission blank (0, nothing to grade) and two wait for a
    person. The mission's share counts only the blank, so the page says so, and neither the chart nor "Discuss
    first" leads with it as if the whole class had missed it."""
    from workshop_utils.grading import classgrade

    module = "04-solution-vs-mission"
    out = tmp_path / "out"
    classgrade.keep_private(out)
    classgrade.prepare(ROOT, out, [module])

    def cells(waiting, missed=()):
        found = []
        for c in _cells({}, waiting=waiting, module=module):
            if c["item"] in missed:
                c = {**c, "score": 0.0}
            found.append(c)
        return found

    results.record(out, results.Result("ada", module, "graded", cells=cells(True)))
    results.record(out, results.Result("bo", module, "graded", cells=cells(True, missed=("adoption",))))
    results.record(out, results.Result("cy", module, "graded", cells=cells(False, missed=("adoption",))))
    mission = next(q.title for q in module_numbered("04").QUESTIONS if q.qid == "m04.mission")
    context = report.collect(out)
    (found,) = context["modules"]
    assert [r["title"] for r in found["discuss"]] == ["How far has adoption gone among families?"]
    row = next(r for r in found["item_rows"] if r["title"] == mission)
    assert row["waiting"] == 2 and row["full_share"] == 0
    assert html.escape(mission) not in str(found["items_chart"])
    page = report.render(context)
    assert "<td>2: the share counts only those graded so far</td>" in page


# --- Capstone plans: the class's outcome plans, anonymised (grading/planreport.py) ---------------------------
CAPSTONE = "06-capstone-outcome-plan"


def _own_plan(title: str = "<script>alert(3)</script>") -> dict:
    """A team's own plan with the commonest gaps: no guardrail, an outcome without a baseline, an output for a
    statement, a deliverable left unplaced, no leading measure; one deliverable dropped."""
    from workshop_utils.course import m06

    plan = {**m06.FERNHILL_PLAN, "title": title, "guardrails": []}
    first, *rest = m06.FERNHILL_PLAN["outcomes"]
    plan["outcomes"] = [{**first, "statement": "<b>Ship</b> the new booking form by June", "baseline": "",
                         "leading": []}, *rest]
    plan["deliverables"] = [{"id": "D01", "deliverable": "New booking form", "outcome": first["id"], "assumption": ""},
                            {"id": "D02", "deliverable": "<i>Board dashboard</i>", "outcome": "", "assumption": ""},
                            {"id": "D03", "deliverable": "New logo", "outcome": "drop", "assumption": ""}]
    return plan


def test_the_capstone_plans_are_summed_up_without_names(tmp_path):
    """Module 06: who planned their own deliverables and who the lesson's charter, the commonest gaps, the medians
    and an example or two, from the answers files the report reads; a damaged, missing or misshapen answers file is
    "no plan saved"; no participant's name in the section, and every text of a plan escaped."""
    from workshop_utils.answers import ANSWERS_DIR, AnswerStore
    from workshop_utils.course import m06
    from workshop_utils.grading import classgrade

    out = tmp_path / "out"
    classgrade.keep_private(out)
    classgrade.prepare(ROOT, out, [CAPSTONE])
    names = ["Ann_Quill", "Bo_Xu", HOSTILE, "Dee_Ray", "Eve_Ng", "Fay_Oz"]
    for name in names:
        results.record(out, results.Result(name, CAPSTONE, "graded", cells=_cells({}, module=CAPSTONE)))

    def folder(name, stage="autograded"):
        (where := out / stage / name / CAPSTONE).mkdir(parents=True, exist_ok=True)
        return where

    AnswerStore(CAPSTONE, folder("Ann_Quill")).save("m06.plan", m06.FERNHILL_PLAN)  # the charter, complete
    AnswerStore(CAPSTONE, folder("Bo_Xu", "submitted")).save("m06.plan", m06.examples()["m06.plan"][1])  # charter
    AnswerStore(CAPSTONE, folder(HOSTILE)).save("m06.plan", _own_plan())  # their own team's
    AnswerStore(CAPSTONE, folder("Dee_Ray")).save("m06.plan", {"outcomes": "three of them"})  # misshapen
    (folder("Eve_Ng") / ANSWERS_DIR).mkdir()
    (folder("Eve_Ng") / ANSWERS_DIR / f"{CAPSTONE}.json").write_text("{not json", encoding="utf-8")  # damaged
    # Fay_Oz handed in no answers file at all.
    context = report.collect(out)
    (module,) = context["modules"]
    plans = module["plans"]
    assert (plans["total"], plans["saved"], plans["no_plan"], plans["own"], plans["charter"]) == (6, 3, 3, 1, 2)
    assert (plans["median_outcomes"], plans["median_dropped"]) == (3, 1)
    gaps = {g["gap"]: g["count"] for g in plans["gaps"]}
    assert gaps["no guardrail"] == 2 and gaps["an outcome without a baseline"] == 2
    assert gaps["a statement that reads as an output"] == 2 and gaps["deliverables left unplaced"] == 1
    assert gaps["an outcome without a leading measure"] == 2 and gaps["no deliverable dropped"] == 1
    assert [g["count"] for g in plans["gaps"]] == sorted((g["count"] for g in plans["gaps"]), reverse=True)
    assert 1 <= len(plans["examples"]) <= 2
    page = report.render(context)
    section = " ".join(page.split("<h3>Capstone plans</h3>")[1].split("<h3>")[0].split())
    assert "3 of 6 participants saved a plan: 1 for their own team's deliverables, 2 for the lesson's charter, " \
           "“Trail Club relaunch 2027”." in section
    assert "3 saved no plan" in section and "median of 3 outcomes" in section and "median of 1 deliverable" in section
    assert "<tr><td>no guardrail</td><td>2 of 3</td></tr>" in section
    assert "Examples to discuss (anonymised)" in section and "from X to Y, by when?</p>" in section
    for name in names:
        assert html.escape(name) not in section and name not in section, name
    assert "<script" not in page and "<b>Ship" not in page and "<i>Board" not in page
    other = report.render({**context, "modules": [{**module, "plans": None}]})
    assert "Capstone plans" not in other


def test_a_module_without_a_plan_question_has_no_capstone_section():
    from workshop_utils.grading import planreport

    assert planreport.summary(module_numbered("01"), {}, ["Ann_Quill"]) is None
    assert planreport.plan_qids(module_numbered("06"))[0] == "m06.plan"
    empty = planreport.summary(module_numbered("06"), {}, ["Ann_Quill", "Bo_Xu"])
    assert (empty["saved"], empty["no_plan"], empty["gaps"], empty["median_outcomes"]) == (0, 2, [], None)
    page = report.render(_context(modules=[{**_context()["modules"][0], "plans": empty}]))
    assert "0 of 2 participants saved a plan" in page and "2 saved no plan" in page and "median" not in page.split(
        "Capstone plans")[1]
