"""The reframing drill in JupyterLab, in a real browser: a trap answer gets its specific hint, the model
answer appears only after the attempt, and after a reload the attempt is still there.

Nothing is simulated: the typing and clicks reach the kernel through ipywidgets, the attempt is written to
the answers file by the course's own code, and the reloaded page builds a new drill from that file.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from workshop_utils import bank, drill, editions

from . import lab
from .test_participant import FEEDBACK_TIMEOUT, save_notebook

pytestmark = pytest.mark.browser

LESSON = "02-reframing-deliverables"


def _button(widget, name: str):
    """A drill button by its words (an icon glyph may come first in its accessible name)."""
    return widget.get_by_role("button", name=re.compile(rf"^\W*{re.escape(name)}\s*$"))


def test_drill_names_the_trap_shows_the_model_only_after_an_attempt_and_keeps_it(own_course, visit):
    page = visit.page
    entry = bank.ENTRIES[0]
    trap = next(t for t in entry.traps if t.kind == "traction")
    path = f"{own_course.name}/notebooks/{editions.lesson_name(LESSON)}"
    visit.goto_notebook(path)
    found, _ = lab.run_all(page)
    assert not lab.render_problems(found), lab.render_problems(found)

    widget = page.locator(".workshop-drill")
    expect(widget).to_contain_text(entry.deliverable, timeout=FEEDBACK_TIMEOUT)
    expect(widget.locator(".workshop-drill-model")).to_have_count(0)
    expect(_button(widget, "Show model answer")).to_be_disabled()

    area = widget.locator("textarea")
    area.click()
    page.keyboard.type(trap.rewrite)
    expect(widget).to_contain_text("Saved at", timeout=FEEDBACK_TIMEOUT)
    expect(widget.locator(".workshop-drill-model")).to_have_count(0)  # typing is not an attempt
    _button(widget, "Check").click()
    checklist = widget.locator(".workshop-checklist")
    expect(checklist).to_contain_text("traction metric", timeout=FEEDBACK_TIMEOUT)
    expect(checklist.locator(".workshop-next-hint")).to_be_visible()
    expect(checklist).to_have_attribute("role", "status")
    expect(widget.locator(".workshop-drill-model")).to_have_count(0)  # not before asking, even now

    # Every button shows its whole label (a trial saw "Show model a…"), and works from the keyboard.
    for name in ("Check", "One more try", "Show model answer", "Next deliverable"):
        cut = _button(widget, name).evaluate("b => b.scrollWidth > b.clientWidth")
        assert not cut, f"the {name!r} button cuts its label off"
    _button(widget, "Show model answer").focus()
    page.keyboard.press("Enter")
    model = widget.locator(".workshop-drill-model")
    expect(model).to_contain_text(entry.model[:40], timeout=FEEDBACK_TIMEOUT)
    expect(model).to_contain_text(trap.rewrite[:30])
    expect(widget).to_contain_text("You have practised 1 deliverable")

    answers = own_course / "notebooks" / "answers" / f"{LESSON}.json"
    saved = json.loads(answers.read_text(encoding="utf-8"))["answers"][drill.DRILL_ID]["value"]
    assert saved["attempts"][entry.id] == [{"text": trap.rewrite, "well_formed": False}]

    # Reload the page (saving first, as JupyterLab asks) and run the lesson again: the attempt is kept.
    save_notebook(page)
    visit.goto_notebook(path)
    found, _ = lab.run_all(page)
    widget = page.locator(".workshop-drill")
    expect(widget).to_contain_text("Your drill was restored", timeout=FEEDBACK_TIMEOUT)
    expect(widget).to_contain_text("You have practised 1 deliverable")
    expect(widget.locator("textarea")).to_have_value(trap.rewrite)
    expect(widget.locator(".workshop-checklist")).to_contain_text("traction metric")
    expect(widget.locator(".workshop-drill-model")).to_contain_text(entry.model[:40])
    assert not visit.outside(), f"requests left 127.0.0.1: {visit.outside()}"
