"""The mission-and-beachhead coach (workshop_utils.missions) agrees with module 04's rubric, part by part.

Each example is a draft with what a grader applying m04.mission's rubric would find for each of its four parts.
They hold right answers, typical wrong ones and decoys that beat surface cues: a mission that names people but is
the solution in other words, a beachhead with a narrowing word that is still everyone, a "next" that is a release.
The coach never shows a plain tick: a draft with every part is "◐ graded by hand".
"""

from __future__ import annotations

import pytest

from workshop_utils import missions, widgets
from workshop_utils.course import m04
from workshop_utils.errors import WorkshopError

_GOOD_WHY = "Why first: They already report online faster than others and talk to each other at the school gate."
_GOOD_NEXT = "Next: Tenants over 65 in sheltered housing, with champions beside them."
_GOOD_MISSION = "Mission: Every council tenant gets a repair fixed first time without chasing the council."
_GOOD_BEACHHEAD = "Beachhead: Families with children on the Millbrook estate."

# (draft, {part: found as the rubric asks})
EXAMPLES = [
    ("\n".join([_GOOD_MISSION, _GOOD_BEACHHEAD, _GOOD_WHY, _GOOD_NEXT]),
     {"mission": True, "beachhead": True, "why first": True, "next": True}),
    # The charter again: a solution to deliver, whoever it is for.
    ("\n".join(["Mission: Build a repairs portal for council tenants.", _GOOD_BEACHHEAD, _GOOD_WHY, _GOOD_NEXT]),
     {"mission": False, "beachhead": True, "why first": True, "next": True}),
    # Decoy: names people and no build verb, but the aim is the portal itself.
    ("\n".join(["Mission: Tenants use the new repairs portal for everything.", _GOOD_BEACHHEAD, _GOOD_WHY,
                _GOOD_NEXT]),
     {"mission": False, "beachhead": True, "why first": True, "next": True}),
    # Decoy: a good change with a deadline is an objective, not a mission.
    ("\n".join(["Mission: Tenants report 60% of repairs online by December 2026.", _GOOD_BEACHHEAD, _GOOD_WHY,
                _GOOD_NEXT]),
     {"mission": False, "beachhead": True, "why first": True, "next": True}),
    # The whole market as a beachhead, even with a narrowing word in it.
    ("\n".join([_GOOD_MISSION, "Beachhead: All tenants in the borough.", _GOOD_WHY, _GOOD_NEXT]),
     {"mission": True, "beachhead": False, "why first": True, "next": True}),
    # Two groups at once.
    ("\n".join([_GOOD_MISSION, "Beachhead: Families with children and tenants over 65.", _GOOD_WHY, _GOOD_NEXT]),
     {"mission": True, "beachhead": False, "why first": True, "next": True}),
    # A product as a beachhead.
    ("\n".join([_GOOD_MISSION, "Beachhead: The mobile app.", _GOOD_WHY, _GOOD_NEXT]),
     {"mission": True, "beachhead": False, "why first": True, "next": True}),
    # A circular reason.
    ("\n".join([_GOOD_MISSION, _GOOD_BEACHHEAD, "Why first: It is first.", _GOOD_NEXT]),
     {"mission": True, "beachhead": True, "why first": False, "next": True}),
    # Decoy: the next step is a release, not people.
    ("\n".join([_GOOD_MISSION, _GOOD_BEACHHEAD, _GOOD_WHY, "Next: Release 2.0 with photo upload and chat."]),
     {"mission": True, "beachhead": True, "why first": True, "next": False}),
    # Parts missing.
    ("\n".join([_GOOD_MISSION, _GOOD_BEACHHEAD]),
     {"mission": True, "beachhead": True, "why first": False, "next": False}),
    # Another organisation, other labels and case: the coach reads the parts, not the case study.
    ("MISSION - Every supplier keeps Fernhill's shelves right without a phone call or an email.\n"
     "First segment: Independent makers in the north of England who sell fewer than 50 products.\n"
     "Why: They lose the most time to emailed orders and most already use one accounting package we can link to.\n"
     "Then: Overseas factories, once the portal speaks their language.",
     {"mission": True, "beachhead": True, "why first": True, "next": True}),
]


# Decoys that beat the first coach's surface cues: a solution in other verbs or as a channel, a target share, a
# beachhead whose only narrowing restates the market, two groups joined without "and", a connective as a reason,
# a release dressed with people, and good parts with no keyword the coach knew.
_ALL_GOOD = {"mission": True, "beachhead": True, "why first": True, "next": True}


def _draft(mission=_GOOD_MISSION, beachhead=_GOOD_BEACHHEAD, why=_GOOD_WHY, step=_GOOD_NEXT):
    return "\n".join([mission, beachhead, why, step])


def _bad(part):
    return {**_ALL_GOOD, part: False}


EXAMPLES += [
    (_draft(mission="Mission: Tenants can report every repair online, 24/7, from their phone."), _bad("mission")),
    (_draft(mission="Mission: Digitise the repairs process for all tenants."), _bad("mission")),
    (_draft(mission="Mission: Move all tenants onto online repairs and close the phone line."), _bad("mission")),
    (_draft(mission="Mission: 80% of tenants report their repairs within two years."), _bad("mission")),
    (_draft(mission="Mission: Council tenants report their repairs through the repairs service."), _bad("mission")),
    (_draft(mission="Mission: Make sure every tenant's home is repaired first time, without chasing anyone."),
     _ALL_GOOD),
    # Good missions that start like a delivery or hold "through the": the change, not the channel.
    (_draft(mission="Mission: Give every tenant a home that is repaired first time, without chasing."), _ALL_GOOD),
    (_draft(mission="Mission: Every tenant gets through the winter in a warm, dry home."), _ALL_GOOD),
    (_draft(beachhead="Beachhead: Tenants who need a repair."), _bad("beachhead")),
    (_draft(beachhead="Beachhead: Tenants in Riverside."), _bad("beachhead")),
    (_draft(beachhead="Beachhead: Some tenants."), _bad("beachhead")),
    (_draft(beachhead="Beachhead: Young tenants as well as families with children."), _bad("beachhead")),
    (_draft(beachhead="Beachhead: Tenants on the Millbrook estate."), _ALL_GOOD),
    (_draft(why="Why first: Because they are the beachhead we chose for this plan."), _bad("why first")),
    (_draft(why="Why first: Damp in their flats makes children ill, and the school gate spreads news fast."),
     _ALL_GOOD),
    (_draft(why="Why first: The adoption data shows they adopted fastest after the under-35s."), _ALL_GOOD),
    (_draft(why="Why first: Cold is dangerous for them, and one warden knows each of them."), _ALL_GOOD),
    (_draft(step="Next: Add chat and push notifications for users."), _bad("next")),
    (_draft(step="Next: A release with photo upload for those families."), _bad("next")),
    (_draft(step="Next: Roll out the portal to all tenants."), _bad("next")),
    (_draft(step="Next: Extend the service to tenants over 65, with champions."), _ALL_GOOD),
]


@pytest.mark.parametrize("draft,expected", EXAMPLES, ids=[f"example{n}" for n in range(len(EXAMPLES))])
def test_the_coach_agrees_with_the_rubric(draft, expected):
    found = missions.assess(draft)
    assert found.parts == expected, (draft, found.parts, found.hints)
    assert len(found.hints) == list(expected.values()).count(False)


def test_the_rubric_and_the_coach_name_the_same_four_parts():
    q = next(q for q in m04.QUESTIONS if q.qid == "m04.mission")
    assert [name.split(" (")[0] for name in q.rubric] == ["mission", "beachhead", "why first", "next step"]
    assert list(missions.PARTS) == ["mission", "beachhead", "why first", "next"]


def test_the_model_answer_has_every_part():
    q = next(q for q in m04.QUESTIONS if q.qid == "m04.mission")
    assert missions.assess(q.solution).looks_complete


def test_the_first_hint_is_the_highest_priority_part():
    found = missions.assess("Mission: Build a portal.\nBeachhead: all tenants")
    assert found.hints[0].startswith("Your mission says what to build")
    assert len(found.hints) == 4


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_draft_gets_a_starting_hint(text):
    found = missions.assess(text)
    assert not any(found.parts.values()) and "Mission:" in found.hints[0]


def test_unlabelled_text_asks_for_labels():
    found = missions.assess("Every tenant gets repairs fixed first time, starting with families.")
    assert not any(found.parts.values()) and "Label your lines" in found.hints[0]


def test_bad_input_is_a_clear_error():
    with pytest.raises(WorkshopError, match="is text"):
        missions.assess(42)


def test_never_a_plain_tick(tmp_path):
    complete = EXAMPLES[0][0]
    assert missions.verdict_mark(missions.assess(complete)) == "◐"
    assert missions.verdict_mark(missions.assess(EXAMPLES[1][0])) == "✗"
    box = widgets.mission("m04.mission_draft", m04.NOTEBOOK, folder=tmp_path, debounce=0)
    box.area.value = complete
    page = box.checklist.value
    assert "✓" not in page and "◐" in page and "for a person to judge" in page
    assert "This box itself is not graded." in page and "graded by hand" not in page.lower()
    box.area.value = EXAMPLES[1][0]
    assert "✗" in box.checklist.value and "Next step:" in box.checklist.value


def test_a_written_part_that_misses_the_rubric_is_not_called_missing(tmp_path):
    """The charter typed as the mission: the checklist must not say the mission is missing (it is right there)."""
    box = widgets.mission("m04.mission_draft", m04.NOTEBOOK, folder=tmp_path, debounce=0)
    box.area.value = "Mission: Build a repairs portal for council tenants."
    page = box.checklist.value
    assert "<b>mission</b> (written, not yet as the rubric asks)" in page
    assert "<b>beachhead</b> (missing)" in page


def test_the_draft_is_saved_as_typed_and_restored(tmp_path):
    box = widgets.mission("m04.mission_draft", m04.NOTEBOOK, folder=tmp_path, debounce=0,
                          charter="C05: Build a repairs portal for council tenants")
    box.area.value = EXAMPLES[0][0]
    again = widgets.mission("m04.mission_draft", m04.NOTEBOOK, folder=tmp_path, debounce=0)
    assert again.area.value == EXAMPLES[0][0] and again.assessment.looks_complete
    assert "C05" in box.box.children[0].value and box.area.description == "Your mission and beachhead"


def test_graders_see_the_mission_coach_as_a_suggestion(tmp_path):
    """`workshop grade` adds the coach's reading below a changed mission answer: the parts, never a score."""
    import shutil

    import nbformat

    from workshop_utils.grading import review

    from .conftest import ROOT

    note = review.suggestion_markdown(EXAMPLES[1][0], "mission")
    assert "not a grade" in note and "what to build" in note
    assert "Written, not yet as the rubric asks: mission." in note and "Not found: none." in note
    partial = review.suggestion_markdown("Mission: Build a repairs portal for council tenants.", "mission")
    assert "Not found: beachhead, why first, next." in partial
    graded = tmp_path / "autograded"
    graded.mkdir()
    shutil.copy(ROOT / "solutions" / m04.NOTEBOOK / f"{m04.NOTEBOOK}.ipynb", graded)
    assert review.add_suggestions(graded, ROOT / "exercises" / m04.NOTEBOOK) == 1
    cells = nbformat.read(graded / f"{m04.NOTEBOOK}.ipynb", as_version=4).cells
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in cells]
    after = cells[ids.index("mission") + 1]
    assert review.SUGGESTION_TAG in after.metadata["tags"]
    assert "Mission coach's suggestion" in after.source and "Not found: none" in after.source


def test_no_hint_quotes_the_model_answer():
    """The coach runs beside the graded question: its examples must not be the model answer's words (the
    Millbrook families), nor belong to one case study (the lesson's practice is about suppliers)."""
    import re

    q = next(q for q in m04.QUESTIONS if q.qid == "m04.mission")
    words = re.findall(r"[a-z0-9']+", q.solution.lower())
    model = {" ".join(words[i:i + 4]) for i in range(len(words) - 3)}
    drafts = [draft for draft, _ in EXAMPLES] + ["", "Mission: x", "Mission: Build a portal.\nBeachhead: Tenants."]
    hints = {hint for draft in drafts for hint in missions.assess(draft).hints}
    for hint in hints:
        quoted = " ".join(re.findall(r"'([^']+)'", hint)).lower()
        found = re.findall(r"[a-z0-9']+", quoted)
        grams = {" ".join(found[i:i + 4]) for i in range(len(found) - 3)}
        assert not grams & model, hint
        assert "tenant" not in quoted and "millbrook" not in quoted, hint


def test_a_draft_never_copied_into_the_graded_cell_is_flagged_for_the_grader(tmp_path):
    """The draft box is saved but not graded: a participant who drafts there and never copies the four lines into
    the graded cell would score 0 on the mission with nothing for the grader to read. The grade's row says so."""
    import shutil

    import nbformat

    from workshop_utils.answers import AnswerStore
    from workshop_utils.grading import review

    from .conftest import ROOT

    release = ROOT / "exercises" / m04.NOTEBOOK
    hand_in = tmp_path / "ann"
    shutil.copytree(release, hand_in)
    assert review.draft_notes(hand_in, release) == []
    AnswerStore(m04.NOTEBOOK, hand_in).save("m04.mission_draft", EXAMPLES[0][0])
    (note,) = review.draft_notes(hand_in, release)
    assert note.startswith("mission left blank but its draft box holds a draft") and "m04.mission_draft" in note
    # In the formgrader, the draft shows below the blank cell, with the coach's reading: never as a grade.
    assert review.add_suggestions(hand_in, release) == 1
    path = hand_in / f"{m04.NOTEBOOK}.ipynb"
    cells = nbformat.read(path, as_version=4).cells
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in cells]
    shown = cells[ids.index("mission") + 1].source
    assert "draft box holds this draft" in shown and "\n>\n> Beachhead: Families with children" in shown
    assert "Mission coach's suggestion" in shown
    nb = nbformat.read(path, as_version=4)
    next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "mission").source = EXAMPLES[0][0]
    nbformat.write(nb, path)
    assert review.draft_notes(hand_in, release) == [], "copied: nothing to flag"
