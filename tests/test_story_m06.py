"""Module 06's story holds: the unseen charter's decoys beat the surface cue, the assessor reads Kestrel's
statements as the key does, the worked plan is complete and agrees with the practice sort, and Fernhill's charter
loads like a team's own deliverables file."""

from __future__ import annotations

from workshop_utils import checks, data, outcomes, plan
from workshop_utils.course import m06

from .conftest import ROOT


def test_placing_by_the_outcomes_words_scores_at_most_sixty_percent():
    right = sum(m06.SORT_SLIP[item] == label for item, label in m06.SORT_KEY.items()) / len(m06.SORT_KEY)
    assert right <= 0.6, f"the keyword rule places {right:.0%} of Kestrel's deliverables right"
    named_but_dropped = [i for i, label in m06.SORT_KEY.items() if label == "drop" and m06.SORT_SLIP[i] != "drop"]
    unnamed_options = [i for i, label in m06.SORT_KEY.items() if label != "drop" and m06.SORT_SLIP[i] == "drop"]
    assert named_but_dropped and unnamed_options


def test_the_assessor_reads_kestrels_statements_as_the_key_does():
    for option in m06.WELL_FORMED_OPTIONS:
        assert outcomes.assess(option).well_formed == (option in m06.WELL_FORMED_KEY), option


def test_a_moving_number_does_not_pick_the_well_formed_statements():
    assert set(m06.WELL_FORMED_SLIP) != set(m06.WELL_FORMED_KEY)
    assert not checks.grade("m06.well_formed", m06.WELL_FORMED_SLIP).passed


def test_the_worked_plan_is_complete_and_matches_the_practice_sort():
    assert plan.problems(m06.FERNHILL_PLAN) == []
    placed = {d["deliverable"]: d["outcome"] for d in m06.FERNHILL_PLAN["deliverables"]}
    labels = dict(zip(("O1", "O2", "O3", "drop"), m06.PRACTICE_LABELS, strict=True))
    assert {text: labels[oid] for text, oid in placed.items()} == m06.PRACTICE_SORT
    for oid in plan.outcome_ids(m06.FERNHILL_PLAN):
        assert plan.options_for(m06.FERNHILL_PLAN, oid)


def test_the_project_mindset_plan_fails_the_outcomes_and_measures_but_places_everything():
    wrong = m06.examples()["m06.plan_outcomes"][1]
    for qid in ("m06.plan_outcomes", "m06.plan_measures"):
        feedback = checks.check(qid, wrong)
        assert not feedback.passed and feedback.hint, qid
    assert checks.check("m06.plan_traced", wrong).passed   # keeping everything is for the person grading to see
    assert not checks.check("m06.plan_traced", m06.examples()["m06.plan_traced"][1]).passed


def test_fernhills_charter_loads_like_a_teams_own_file():
    own = data.load_deliverables(ROOT / "data" / "charter_2027.csv")
    charter = data.load("charter_2027")
    assert list(own["id"]) == list(charter["id"]) and list(own["deliverable"]) == list(charter["deliverable"])
    assert plan.untraced(plan.from_deliverables(charter)) == list(charter["id"])


def test_the_guide_tells_the_grader_how_to_read_a_hand_ins_plan():
    """Question 7 is graded by reading the participant's plan (facilitator trial): the guide says where the
    formgrader shows it, how to read it as a page without writing into the hand-in, and that a missing or damaged
    answers file leaves the plan empty."""
    section = (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8").split(
        "### Graded exercises: `exercises/06-capstone-outcome-plan`")[1]
    assert "Your plan as the grader will read it" in section
    assert ("`workshop plan export graded/autograded/NAME/06-capstone-outcome-plan/answers/"
            "06-capstone-outcome-plan.json --out graded/plans/NAME`") in section
    assert "missing or damaged means the plan, too, scored 0" in section
