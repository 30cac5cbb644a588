"""A participant who answers the widget questions only by clicking, saves, restarts the kernel and
submits through nbgrader's exchange gets full marks at autograde.

Everything is real: nbgrader's release_assignment, fetch_assignment, submit and collect with a
temporary exchange root, Jupyter kernels driven by nbclient, and the ipywidgets API for clicks.
"""

import json
import os
import subprocess
import sys

import nbformat
import pytest

from workshop_utils.course import m01
from workshop_utils.grading import pipeline

from .conftest import ROOT, copy_course, execute

pytestmark = pytest.mark.slow
MODULE = "01-output-vs-outcome"
COURSE_ID = "project-to-product"


def nbgrader(*args, cwd, exchange):
    command = [sys.executable, "-m", "nbgrader", *args, f"--Exchange.root={exchange}", f"--course={COURSE_ID}"]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def typed_answers_from_solution():
    """The participant types the code answers (the widget answers they will click)."""
    source = nbformat.read(ROOT / "solutions" / MODULE / f"{MODULE}.ipynb", as_version=4)
    typed = {}
    for cell in source.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id in ("delivery_rate-answer", "outcome_rate-answer", "rarely_used-answer", "chart-answer"):
            typed[grade_id] = cell.source.replace("### BEGIN SOLUTION\n", "").replace("### END SOLUTION\n", "")
        if grade_id == "reframe":
            typed[grade_id] = "Store staff answer 70% of questions on the floor, up from 40%, by Q2."
    return typed


def test_widget_only_participant_gets_full_marks_through_the_exchange(tmp_path):
    course = copy_course(tmp_path / "course", modules=[MODULE])
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    home = tmp_path / "participant"
    home.mkdir()
    pipeline.release(course, [MODULE])
    nbgrader("release_assignment", MODULE, cwd=course, exchange=exchange)
    nbgrader("fetch_assignment", MODULE, cwd=home, exchange=exchange)
    folder = home / MODULE
    notebook = folder / f"{MODULE}.ipynb"
    assert notebook.exists()

    # The participant types the code answers into the answer cells ...
    nb = nbformat.read(notebook, as_version=4)
    typed = typed_answers_from_solution()
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in typed:
            cell.source = typed[grade_id]
    nbformat.write(nb, notebook)

    # ... and answers the widget questions by clicking, in a live kernel.
    key = json.dumps(m01.CLASSIFY_KEY)
    correct = json.dumps(m01._keys()["project_not_product"])
    fits = {qid: json.dumps(conclusions.key) for qid, conclusions in (("verdict", m01.VERDICT),
                                                                   ("app_verdict", m01.APP_VERDICT))}
    clicks = {
        "classify-widget": f"for item, toggle in q1.controls.items():\n    toggle.value = {key}[item]\n"
                           "q1.check_button.click()\nassert '✓' in q1.feedback.value, q1.feedback.value",
        **{f"{item}-widget": f"for option, box in {var}.controls.items():\n    box.value = option in {fits[item]}\n"
                             f"{var}.check_button.click()\nassert '✓' in {var}.feedback.value, {var}.feedback.value"
           for item, var in (("verdict", "q4"), ("app_verdict", "q6b"))},
        "project_not_product-widget": f"for pid, box in q8.controls.items():\n    box.value = pid in {correct}\n"
                                      "q8.check_button.click()\nassert '✓' in q8.feedback.value, q8.feedback.value",
    }
    execute(notebook, folder, after=clicks)
    saved = json.loads((folder / "answers" / f"{MODULE}.json").read_text())["answers"]
    assert saved["m01.classify"]["value"] == m01.CLASSIFY_KEY

    # Save (the notebook file holds no clicks), restart: a fresh kernel finds the answers again.
    restored = execute(notebook, folder, extra_cells=[
        f"assert q1.answer == {key}\nassert all(t.value == {key}[i] for i, t in q1.controls.items())",
        f"assert q8.answer == {correct}",
    ])
    errors = [o for c in restored.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors

    # Submit through the exchange, collect, autograde.
    nbgrader("submit", MODULE, cwd=home, exchange=exchange)
    nbgrader("collect", MODULE, cwd=course, exchange=exchange)
    student = next(p.name for p in (course / "submitted").iterdir())
    assert (course / "submitted" / student / MODULE / "answers" / f"{MODULE}.json").exists()
    with pipeline.api(course) as api:
        result = api.autograde(MODULE, student)
    assert result["success"], result.get("log")
    totals = pipeline.totals(pipeline.read_scores(api.coursedir.db_url, MODULE, [student]))[student]
    for item in ("classify", "verdict", "app_verdict", "project_not_product"):
        assert totals[item][0] == totals[item][1] > 0, f"widget item {item}: {totals[item]}"
    manual = {"reframe"}
    got = sum(v[0] for k, v in totals.items() if k not in manual)
    best = sum(v[1] for k, v in totals.items() if k not in manual)
    assert got == best, totals
