"""Items that need understanding (issue: the central skill): decoys beat surface cues, no graded answer is
printed in the lesson, a third of the points are on cases the lesson never showed, every computed number is
followed by a question on what it means, and a participant who never codes can still earn most points."""

from __future__ import annotations

import re

import nbformat
import pytest

from workshop_utils import course

from .conftest import ROOT

MODULES = [m for m in course.modules() if any(q.points for q in m.QUESTIONS)]
_MOVING = re.compile(r"\b(from|up from|down from|rise|rises|grow|grows|fall|falls|increase|raise)\b.*\d|\d.*\bto\b.*\d",
                     re.IGNORECASE)
_MONEY = re.compile(r"€|\$|£|revenue|cost|margin|money|value|spend|income|budget", re.IGNORECASE)


def _sets(labels: set[str]):
    return [q for m in course.modules() for q in m.QUESTIONS
            if q.kind == "classify" and set(q.labels or ()) == labels and q.check is not None]


def _key(q) -> dict:
    if isinstance(q.solution, dict):
        return dict(q.solution)
    return dict(next(m for m in course.modules() if q in m.QUESTIONS).examples()[q.qid][0])


def _accuracy(rule, key: dict) -> float:
    return sum(rule(item) == label for item, label in key.items()) / len(key)


@pytest.mark.parametrize("q", _sets({"output", "outcome"}), ids=lambda q: q.qid)
def test_a_moving_number_does_not_sort_outputs_from_outcomes(q):
    """'A number moving = outcome, otherwise output' must score at most 60%: the set holds outputs whose numbers
    move, outcomes with no number, and a team's own work dressed as behaviour."""
    key = _key(q)
    moving = _accuracy(lambda s: "outcome" if _MOVING.search(s) else "output", key)
    digits = _accuracy(lambda s: "outcome" if re.search(r"\d", s) else "output", key)
    assert moving <= 0.6 and digits <= 0.6, f"{q.qid}: surface cues score {moving:.0%} and {digits:.0%}"
    outcomes_without_number = [s for s, label in key.items() if label == "outcome" and not re.search(r"\d", s)]
    outputs_with_moving_number = [s for s, label in key.items() if label == "output" and _MOVING.search(s)]
    assert outcomes_without_number and outputs_with_moving_number, q.qid


@pytest.mark.parametrize("q", _sets({"leading", "lagging"}), ids=lambda q: q.qid)
def test_money_lags_people_lead_does_not_sort_timing(q):
    key = _key(q)
    rule = _accuracy(lambda s: "lagging" if _MONEY.search(s) else "leading", key)
    assert rule <= 0.6, f"{q.qid}: 'money lags, people lead' scores {rule:.0%}"


def _graded(module):
    return [q for q in module.QUESTIONS if q.points > 0]


def _lesson_source(module) -> str:
    paths = [p for folder in ("notebooks", "instructor") if (ROOT / folder).exists()
             for p in sorted((ROOT / folder).glob(f"{module.MODULE}-*.ipynb"))]
    assert paths, f"no lesson for module {module.MODULE}"
    return "\n".join(cell.source for p in paths for cell in nbformat.read(p, as_version=4).cells)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NOTEBOOK)
def test_a_third_of_the_points_are_on_cases_the_lesson_never_showed(module):
    lesson = _lesson_source(module)
    graded = _graded(module)
    unseen = [q for q in graded if q.unseen]
    for q in unseen:
        if q.unseen == "statements":
            shown = [o for o in q.options if o in lesson]
            assert not shown, f"{q.qid}: the lesson shows {shown[0]!r}"
        else:
            assert f'"{q.unseen}"' not in lesson and f"'{q.unseen}'" not in lesson, \
                f"{q.qid}: the lesson loads {q.unseen}"
    share = sum(q.points for q in unseen) / sum(q.points for q in graded)
    assert share >= 1 / 3, f"{module.NOTEBOOK}: only {share:.0%} of the points are on unseen cases"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NOTEBOOK)
def test_every_computed_number_is_followed_by_what_it_means(module):
    graded = _graded(module)
    interpreted = {qid for q in graded for qid in q.follows_from}
    values = [q.qid for q in graded if q.kind == "value"]
    assert set(values) <= interpreted, f"numbers no item interprets: {sorted(set(values) - interpreted)}"
    for q in graded:
        for qid in q.follows_from:
            assert qid in values, f"{q.qid} interprets {qid}, which is not a graded number"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NOTEBOOK)
def test_a_participant_who_never_codes_can_earn_most_points(module):
    graded = _graded(module)
    clicks_or_words = sum(q.points for q in graded if q.kind in ("classify", "select", "text", "map", "plan"))
    assert clicks_or_words / sum(q.points for q in graded) > 0.5


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NOTEBOOK)
def test_no_graded_answer_is_written_in_the_lesson(module):
    """Shares and counts the graded items ask for do not appear in the lesson's text (its executed output is
    checked in tests/test_notebooks_execute.py)."""
    lesson = _lesson_source(module)
    for q in _graded(module):
        if q.kind != "value":
            continue
        value = float(module.examples()[q.qid][0])
        for form in _printed_forms(value):
            assert not re.search(rf"(?<![\d.]){re.escape(form)}(?![\d])", lesson), f"{q.qid}: {form} in the lesson"


def _printed_forms(value: float) -> list[str]:
    if 0 < value < 1:
        return [f"{value:.0%}", f"{value:.1%}", f"{value:.2f}"]
    return []


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NOTEBOOK)
def test_every_solution_says_why(module):
    nb = nbformat.read(ROOT / "solutions" / module.NOTEBOOK / f"{module.NOTEBOOK}.ipynb", as_version=4)
    silent = [cell.metadata.get("nbgrader", {}).get("grade_id", cell.id) for cell in nb.cells
              if "### BEGIN SOLUTION" in cell.source and "# Why:" not in cell.source and "*Why:*" not in cell.source]
    assert not silent, f"solutions that give the answer without the reason: {silent}"
