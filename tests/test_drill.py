"""The reframing drill: its rules as plain functions, then the widget driven through ipywidgets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from workshop_utils import bank, drill
from workshop_utils.drill_widget import drill_widget
from workshop_utils.errors import WorkshopError

from . import asuser

NB = "02-reframing-deliverables"


def _trap(entry: bank.Entry, kind: str) -> bank.Trap:
    return next(trap for trap in entry.traps if trap.kind == kind)


# ---- the rules ------------------------------------------------------------------------------


def test_next_goes_through_the_bank_then_returns_to_the_least_practised():
    state = drill.new_state()
    first = drill.current_entry(state)
    assert first == bank.ENTRIES[0]
    drill.attempt(state, "Launch it")
    seen = [first.id]
    for _ in range(len(bank.ENTRIES) - 1):
        entry = drill.advance(state)
        assert entry.id not in seen
        seen.append(entry.id)
        drill.attempt(state, "Launch it")
    drill.attempt(state, "Launch it again")  # the last one now has two attempts
    assert drill.advance(state).id != seen[-1]


def test_sector_filter_and_unknown_sector():
    state = drill.new_state()
    entry = drill.advance(state, "insurance")
    assert entry.sector == "insurance" and state["sector"] == "insurance"
    assert drill.advance(state).sector == "insurance"
    assert drill.advance(state, drill.ALL_SECTORS) and state["sector"] == ""
    with pytest.raises(WorkshopError, match="Choose one of"):
        drill.advance(state, "astrology")


def test_model_only_after_an_attempt_and_the_tally_counts_first_and_second_tries():
    state = drill.new_state()
    entry = drill.current_entry(state)
    assert not drill.can_reveal(state)
    with pytest.raises(WorkshopError, match="after an attempt"):
        drill.reveal(state)
    with pytest.raises(WorkshopError, match="Write your outcome statement"):
        drill.attempt(state, "   ")
    result = drill.attempt(state, entry.traps[0].rewrite)
    assert not result.well_formed and drill.can_reveal(state)
    assert drill.reveal(state) == entry
    result = drill.attempt(state, entry.model)
    assert result.well_formed
    drill.advance(state)
    assert drill.attempt(state, drill.current_entry(state).model).well_formed
    drill.advance(state)
    drill.attempt(state, "Build a portal")
    assert drill.tally(state) == {"practised": 3, "first_try": 1, "second_try": 1}
    assert drill.summary(state) == ("You have practised 3 deliverables: 1 well-formed at the first try, 1 more at "
                                    "the second try.")
    with pytest.raises(WorkshopError, match="one or two sentences"):
        drill.attempt(state, "x " * 400)


def test_a_damaged_or_foreign_saved_state_is_cleaned_not_fatal():
    assert drill.clean("nonsense") == drill.new_state()
    state = drill.clean({"sector": "astrology", "current": "zz99", "draft": 3,
                         "attempts": {"ph01": [{"text": "Parents bring", "well_formed": 1}, "bad"], "zz": []},
                         "revealed": ["ph01", "lo01"]})
    assert state == {"sector": "", "current": "", "draft": "", "revealed": ["ph01"],
                     "attempts": {"ph01": [{"text": "Parents bring", "well_formed": True}]}}


# ---- the widget ------------------------------------------------------------------------------


def test_widget_trap_answer_gets_its_hint_model_only_after_attempt_and_restores(in_tmp):
    d = drill_widget(NB)
    entry = bank.ENTRIES[0]
    assert entry.deliverable in d.deliverable.value
    assert d.model.value == "" and d.model_button.disabled
    d.area.value = _trap(entry, "traction").rewrite
    assert d.model.value == "" and d.model_button.disabled  # typing is not an attempt
    d.check_button.click()
    assert "traction metric" in d.checklist.value and "Try 1 checked" in d.checklist.value
    assert not d.model_button.disabled and d.model.value == ""
    d.model_button.click()
    assert "Model answer" in d.model.value and entry.model.split(",")[0] in d.model.value
    d.again_button.click()
    assert d.model.value == "" and "Try 2" in d.checklist.value
    assert d.area.value == _trap(entry, "traction").rewrite  # kept to revise
    d.area.value = entry.model
    d.check_button.click()
    assert "well-formed outcome" in d.checklist.value.lower() and "1 more at the second try" in d.tally.value

    saved = json.loads((in_tmp / "answers" / f"{NB}.json").read_text())["answers"][drill.DRILL_ID]["value"]
    assert [t["well_formed"] for t in saved["attempts"][entry.id]] == [False, True]

    d.next_button.click()
    assert d.area.value == "" and bank.ENTRIES[1].deliverable in d.deliverable.value
    d.area.value = "Half a thought"  # a draft, not yet checked
    again = drill_widget(NB)  # days later, a new kernel
    assert again.area.value == "Half a thought" and "restored" in again.saved.value
    assert "practised 1 deliverable" in again.tally.value


def test_the_buttons_are_as_wide_as_their_words_and_wrap_on_a_narrow_page(in_tmp):
    """A trial saw "Show model a…": ipywidgets gives every button one fixed width. (The browser test measures
    the label itself.)"""
    d = drill_widget(NB)
    assert [b.description for b in d.buttons] == ["Check", "One more try", "Show model answer", "Next deliverable"]
    for button in d.buttons:
        assert button.layout.width == "auto" and button.layout.min_width == "fit-content", button.description
        assert button.tooltip, "a tooltip says what it does"
    row = next(child for child in d.box.children if getattr(child, "children", ()) == d.buttons)
    assert row.layout.flex_flow == "row wrap", "on a narrow page the buttons wrap rather than shrink"


def test_widget_sector_choice_and_errors_are_sentences(in_tmp):
    d = drill_widget(NB, sector="transport")
    assert "(transport)" in d.deliverable.value and d.sector.value == "transport"
    d.sector.value = "publishing"
    assert "(publishing)" in d.deliverable.value
    d.check_button.click()  # nothing written
    assert "Write your outcome statement" in d.feedback.value and "Traceback" not in d.feedback.value
    with pytest.raises(WorkshopError, match="Choose one of"):
        drill_widget(NB, sector="astrology")


def test_an_unwritable_answers_folder_says_so_and_keeps_the_text_as_an_ordinary_account():
    """Root ignores permissions, so this runs as an unprivileged account, as participants do."""
    base = asuser.workspace("workshop-drill-")
    try:
        (base / "answers").mkdir()
        asuser.give(base)
        os.chmod(base / "answers", 0o555)
        script = textwrap.dedent(f"""
            from workshop_utils.drill_widget import drill_widget
            d = drill_widget({NB!r})
            d.area.value = "Parents bring their child to the clinic"
            d.check_button.click()
            print("FEEDBACK", d.feedback.value)
            print("TEXT", d.area.value)
            print("CHECKLIST", "Try 1 checked" in d.checklist.value)
        """)
        env = asuser.environment(base / "home", {"PYTHONPATH": str(asuser.ROOT / "src")})
        done = subprocess.run(asuser.command([sys.executable, "-c", script]), cwd=base, env=env, capture_output=True,
                              text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        assert "Could not save" in done.stdout and "Traceback" not in done.stdout, done.stdout
        assert "TEXT Parents bring their child to the clinic" in done.stdout and "CHECKLIST True" in done.stdout
        assert not (base / "answers" / f"{NB}.json").exists()
    finally:
        os.chmod(base / "answers", 0o755)
        asuser.remove(base)
