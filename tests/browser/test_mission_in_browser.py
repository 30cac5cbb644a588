"""Module 04's mission coach in JupyterLab, in a real browser, driven by the keyboard only: a weak draft gets one
prioritised hint, a complete one shows ◐ "for a person to judge" (never a plain tick), and the draft is saved as
typed."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from workshop_utils import editions

from . import lab
from .test_participant import FEEDBACK_TIMEOUT

pytestmark = pytest.mark.browser

MODULE = "04-solution-vs-mission"
WEAK = "Mission: Build a repairs portal for council tenants."
COMPLETE = ("Mission: Every supplier keeps Fernhill's shelves right without a phone call or an email.\n"
            "Beachhead: Independent makers in the north of England who sell fewer than 50 products.\n"
            "Why first: They lose the most time to emailed orders and most already use one accounting package.\n"
            "Next: Overseas factories, once the portal speaks their language.")


def test_the_mission_coach_works_from_the_keyboard_and_never_ticks(own_course, visit):
    page = visit.page
    visit.goto_notebook(f"{own_course.name}/notebooks/{editions.lesson_name(MODULE)}")
    found, _ = lab.run_all(page)
    assert not lab.render_problems(found), lab.render_problems(found)

    area = page.get_by_role("textbox", name="Your mission and beachhead")
    widget = page.locator(".widget-vbox", has=area).last
    area.focus()
    page.keyboard.type(WEAK)
    checklist = widget.locator(".workshop-checklist")
    expect(checklist.locator(".workshop-next-hint")).to_contain_text("what to build", timeout=FEEDBACK_TIMEOUT)
    expect(checklist).to_have_attribute("role", "status")

    page.keyboard.press("Control+a")
    for line_number, line in enumerate(COMPLETE.splitlines()):
        if line_number:
            page.keyboard.press("Enter")
        page.keyboard.type(line)
    expect(checklist).to_contain_text("All four parts are there", timeout=FEEDBACK_TIMEOUT)
    assert "✓" not in checklist.inner_text() and "◐" in checklist.inner_text()
    expect(widget).to_contain_text("Saved at", timeout=FEEDBACK_TIMEOUT)

    answers = own_course / "notebooks" / "answers" / f"{MODULE}.json"
    saved = json.loads(answers.read_text(encoding="utf-8"))["answers"]["m04.practice_mission"]["value"]
    assert saved == COMPLETE
