"""Module 03's swap on the map: after stopping D07, the participant swaps it for another option under the same
impact. Every typical slip fails with its own hint, never a tick; the answer is saved like any widget answer."""

import json

import nbformat
import pytest

from workshop_utils import checks, widgets
from workshop_utils.course import m03

from .conftest import ROOT

QID = "m03.practice_swap"
RIGHT = dict(m03.SWAP_KEY)
OTHER_IMPACT = "A 'find it in another store' page for online customers"
HOTLINE = "A stock hotline at head office, open longer hours"


def test_the_swap_is_an_ungraded_practice_item_on_the_map_of_d07():
    q = checks.question(QID)
    assert q.points == 0 and q.kind == "classify"
    assert "D07" in m03.SWAP_STOPPED and m03.SWAP_IMPACT.lower().startswith("store staff")
    plan = __import__("workshop_utils.data", fromlist=["load"]).load("plan_2026").set_index("deliverable_id")
    assert plan.at["D07", "behaviour_change"] in m03.SWAP_IMPACT  # the impact D07 hangs under on the 2026 map


def test_the_right_swap_passes_and_says_what_the_edit_changed():
    feedback = checks.check(QID, RIGHT)
    assert feedback.passed and not feedback.partial and "One line changed" in feedback.message
    assert checks.grade(QID, RIGHT).passed


@pytest.mark.parametrize("answer,says", [
    ({**RIGHT, m03.SWAP_STOPPED: "under this impact"}, "D07 is the option you stopped"),                # kept D07
    ({**RIGHT, m03.SWAP_STOPPED: "under this impact", m03.SWAP_IN: "not under it"}, "D07 is the option"),
    ({**RIGHT, OTHER_IMPACT: "under this impact"}, "different impact"),                                # other impact
    ({**RIGHT, OTHER_IMPACT: "under this impact", m03.SWAP_IN: "not under it"}, "different impact"),
    ({**RIGHT, HOTLINE: "under this impact"}, "works against the behaviour"),
    ({item: "not under it" for item in RIGHT}, "the impact itself is dropped"),                        # drop impact
    (m03.SWAP_SLIP, "D07 is the option you stopped"),
])
def test_each_typical_slip_fails_with_its_own_hint(answer, says):
    feedback = checks.check(QID, answer)
    assert not feedback.passed and says in feedback.hint
    assert not feedback.text().startswith("✓") and "✓" not in feedback._repr_html_()


def test_no_single_slip_gets_a_tick():
    for item in RIGHT:
        for label in m03.SWAP_LABELS:
            if label != RIGHT[item]:
                feedback = checks.check(QID, {**RIGHT, item: label})
                assert not feedback.passed and feedback.hint, (item, label)


def test_an_unfinished_sort_asks_for_the_rest_and_bad_input_is_a_sentence():
    feedback = checks.check(QID, {m03.SWAP_STOPPED: "not under it"})
    assert not feedback.passed and "not sorted yet" in feedback.message
    assert not checks.check(QID, "D07 out").passed


def test_the_widget_saves_the_swap_and_brings_it_back(in_tmp):
    q = widgets.classify(QID, m03.NOTEBOOK)
    for item, label in RIGHT.items():
        q.controls[item].value = label
    saved = json.loads((in_tmp / "answers" / f"{m03.NOTEBOOK}.json").read_text())["answers"][QID]["value"]
    assert saved == RIGHT
    again = widgets.classify(QID, m03.NOTEBOOK)  # as after a kernel restart
    assert again.answer == RIGHT and again.check().passed


def test_the_lesson_shows_the_swap_after_the_cost_table_and_keeps_its_minutes():
    for folder in ("instructor", "notebooks"):
        nb = nbformat.read(ROOT / folder / "03-lesson-measuring-recalibrating.ipynb", as_version=4)
        sources = [c.source for c in nb.cells]
        table = next(i for i, s in enumerate(sources) if "a product team's map edit |" in s)
        widget = next(i for i, s in enumerate(sources) if QID in s)
        assert table < widget
        assert (nb.metadata["workshop"]["teaching_minutes"], nb.metadata["workshop"]["exercise_minutes"]) == (20, 10)


def _practice_traps():
    from workshop_utils import course

    found = []
    for module in course.modules():
        for q in module.QUESTIONS:
            if q.points == 0 and q.check is not None and q.kind == "value":
                found.extend((q.qid, trap, hint) for trap, hint in checks.traps(q.check).items())
    return found


@pytest.mark.parametrize("qid,trap,hint", _practice_traps(), ids=[f"{q}={t}" for q, t, _ in _practice_traps()])
def test_a_practice_number_slip_gets_its_own_hint_even_outside_the_range(qid, trap, hint):
    """Module 03's K3 typed as actual / target (1.41) used to hear only "a score is clipped to 0..1"."""
    feedback = checks.check(qid, trap)
    assert not feedback.passed and feedback.hint == hint, feedback.text()


def test_a_stop_hint_says_the_lessons_rule_not_flat_when_the_outcome_moved_a_little():
    """D01 came 11% of the way the line asks for by Q1: the hint called that "flat or worse", which the lesson's
    table does not say (under 1/4 of it, or the wrong way, is a stop)."""
    answer = {"Q1": {did: "continue" for did in m03.TRACKED}}
    hint = checks.check("m03.practice_recalibrate", answer).hint
    assert "D01" in hint and "flat or worse" not in hint and "under a quarter" in hint, hint
