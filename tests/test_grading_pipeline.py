"""The real nbgrader pipeline on every module: generate, autograde, feedback.

For every graded item: the solution scores full marks, the blank release scores zero; per module,
a submission of typical misconceptions scores strictly between zero and full, with each item it
gets wrong below full.
"""

import shutil

import nbformat
import pytest

from workshop_utils.grading import pipeline

from .conftest import ROOT, copy_course
from .misconceptions import MISCONCEPTION_SCORES, MISCONCEPTIONS

# Each module is released and graded once per worker that needs it: one worker does them all.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pipeline")]
MODULES = pipeline.assignments(ROOT)


def _misconception_submission(course, module, dest):
    release = course / "exercises" / module
    shutil.copytree(release, dest)
    path = dest / f"{module}.ipynb"
    nb = nbformat.read(path, as_version=4)
    wrong = MISCONCEPTIONS[module]
    replaced = set()
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in wrong:
            cell.source = wrong[grade_id]
            replaced.add(grade_id)
    assert replaced == set(wrong), f"answer cells not found: {set(wrong) - replaced}"
    nbformat.write(nb, path)
    return dest


@pytest.fixture(scope="module", params=MODULES)
def graded(request, tmp_path_factory):
    module = request.param
    course = copy_course(tmp_path_factory.mktemp("course"), modules=[module])
    pipeline.release(course, [module])
    submissions = {
        "solution": course / "solutions" / module,
        "blank": course / "exercises" / module,
        "misconception": _misconception_submission(course, module, course / "work" / module),
    }
    scores = pipeline.autograde_folders(course, module, submissions)
    return module, course, scores


def test_every_item_discriminates(graded):
    module, _, scores = graded
    totals = pipeline.totals(scores)
    manual = {s.item for s in scores if s.student == "solution" and s.needs_manual_grade}
    assert manual, "each module has at least one hand-graded item"
    autograded = [item for item in totals["solution"] if item not in manual]
    assert len(autograded) + len(manual) >= 6, "at least six graded items"
    for item in autograded:
        got, best = totals["solution"][item]
        assert best > 0 and got == best, f"solution scores {got}/{best} on {item}"
    for item, (got, _) in totals["blank"].items():
        assert got == 0, f"blank release scores {got} on {item}"
    blank_manual = [s for s in scores if s.student == "blank" and s.item in manual]
    assert blank_manual and not any(s.needs_manual_grade for s in blank_manual), \
        "an untouched free-text answer scores 0 without waiting for a grader"


def test_misconceptions_score_strictly_between(graded):
    module, _, scores = graded
    totals = pipeline.totals(scores)
    manual = {s.item for s in scores if s.needs_manual_grade}
    wrong_items = {pipeline.item_of(g.replace("-answer", "")) for g in MISCONCEPTIONS[module]}
    for item in wrong_items:
        got, best = totals["misconception"][item]
        assert got < best, f"the misconception on {item} still scores full marks"
        assert got == MISCONCEPTION_SCORES[module][item], f"{item}: {got}"
    got = sum(v[0] for k, v in totals["misconception"].items() if k not in manual)
    best = sum(v[1] for k, v in totals["solution"].items() if k not in manual)
    # Below full marks always; above zero when some autograded item holds no misconception (a submission of
    # nothing but caught misconceptions may fairly score 0: every self-check stops it).
    autograded = {k for k in totals["solution"] if k not in manual}
    assert got < best and (got > 0 or autograded <= wrong_items), f"misconception submission scores {got} of {best}"


def test_nbgrader_feedback_shows_the_participants_answers(graded):
    """Plain nbgrader feedback works on our notebooks (workshop feedback, which also hides hidden tests,
    is tested in test_classgrade.py)."""
    import html as html_lib

    module, course, _ = graded
    with pipeline.api(course) as api:
        result = api.generate_feedback(module, "misconception")
    assert result["success"], result.get("log")
    import re

    raw = next((course / "feedback" / "misconception" / module).glob("*.html")).read_text()
    page = html_lib.unescape(re.sub(r"<[^>]+>", "", raw))  # code is highlighted token by token
    typed = [line for code in MISCONCEPTIONS[module].values() for line in code.splitlines() if len(line) > 20]
    assert any(line in page for line in typed), "the participant's own answers are shown"
    meta = nbformat.read(course / "solutions" / module / f"{module}.ipynb", as_version=4).metadata["workshop"]
    from workshop_utils.course import modules

    course_module = next(m for m in modules() if meta["module"] == m.MODULE)
    if any(q.kind == "chart" and q.points for q in course_module.QUESTIONS):
        assert "data:image/svg+xml" in raw, "charts appear as static SVG in feedback (drawn offline during autograde)"


def test_stock_nbgrader_commands_work_from_the_course_folder(tmp_path):
    """`nbgrader generate_assignment` run from the course root gives exactly the committed release."""
    import subprocess
    import sys

    module = MODULES[0]
    course = copy_course(tmp_path / "course", modules=[module])
    shutil.rmtree(course / "exercises" / module)
    result = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", module, "--force"],
                            cwd=course, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    fresh = course / "exercises" / module / f"{module}.ipynb"
    assert fresh.read_bytes() == (ROOT / "exercises" / module / f"{module}.ipynb").read_bytes()


@pytest.mark.parametrize("config", ["course", "class"])
def test_a_release_keeps_only_the_learner_metadata_whatever_the_configuration(tmp_path, config):
    """The preprocessor strips the facilitator metadata: under the course's nbgrader_config.py (which names it),
    and under one that does not, like the class folder `workshop grade` writes; it runs once either way."""
    from workshop_utils import editions
    from workshop_utils.grading import classgrade

    module = MODULES[0]
    course = copy_course(tmp_path / "course", modules=[module])
    shutil.rmtree(course / "exercises" / module)
    if config == "class":
        (course / "nbgrader_config.py").write_text(classgrade.config_text(course), encoding="utf-8")
    chain = pipeline._with_learner_metadata(pipeline.load_config(course))
    assert [step.__name__ for step in chain].count("LearnerMetadata") == 1
    pipeline.release(course, [module])
    released = nbformat.read(course / "exercises" / module / f"{module}.ipynb", as_version=4)
    source = nbformat.read(course / "solutions" / module / f"{module}.ipynb", as_version=4)
    assert "instructor_notes" in source.metadata["workshop"]
    assert released.metadata["workshop"] == {
        **{key: source.metadata["workshop"][key] for key in editions.LEARNER_METADATA if key in
           source.metadata["workshop"]}, "edition": "learner"}
