"""Module 03's quarter stepper in JupyterLab, in a real browser, from the keyboard only: reveal a quarter with
Enter, decide with Space, check with Enter; the decision is in the answers file and comes back after a reload.

Nothing is simulated: the key presses reach the kernel through ipywidgets, the decisions are written by the
course's own code, and the reloaded page builds a new stepper from that file.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from workshop_utils import editions

from . import lab
from .test_drill_in_browser import _button
from .test_participant import FEEDBACK_TIMEOUT, save_notebook

pytestmark = pytest.mark.browser

LESSON = "03-measuring-recalibrating"


def open_lesson(own_course, visit):
    """Module 03's lesson opened and run in the browser: (its path, the cells as run)."""
    path = f"{own_course.name}/notebooks/{editions.lesson_name(LESSON)}"
    visit.goto_notebook(path)
    found, _ = lab.run_all(visit.page)
    assert not lab.render_problems(found), lab.render_problems(found)
    return path, found


def test_the_stepper_works_from_the_keyboard_and_keeps_its_decisions(own_course, visit):
    page = visit.page
    path, _ = open_lesson(own_course, visit)

    widget = page.locator(".workshop-quarters")
    expect(widget).to_contain_text("Start of 2026", timeout=FEEDBACK_TIMEOUT)
    _button(widget, "Reveal next quarter").focus()
    page.keyboard.press("Enter")
    expect(widget).to_contain_text("End of Q1 2026", timeout=FEEDBACK_TIMEOUT)
    expect(widget.locator("table caption")).to_contain_text("Q1")

    # The first deliverable's row of buttons: "stop", chosen with Space.
    stop = widget.locator(".workshop-sort-row").first.get_by_role("button", name=re.compile(r"^\W*stop\s*$"))
    stop.focus()
    page.keyboard.press("Space")
    expect(widget).to_contain_text("Saved at", timeout=FEEDBACK_TIMEOUT)
    _button(widget, "Check").focus()
    page.keyboard.press("Enter")
    expect(widget.locator(".workshop-feedback")).to_be_visible(timeout=FEEDBACK_TIMEOUT)

    answers = own_course / "notebooks" / "answers" / f"{LESSON}.json"
    saved = json.loads(answers.read_text(encoding="utf-8"))["answers"]["m03.practice_recalibrate"]["value"]
    assert saved == {"Q1": {"D01": "stop"}}

    save_notebook(page)
    visit.goto_notebook(path)
    lab.run_all(page)
    widget = page.locator(".workshop-quarters")
    expect(widget).to_contain_text("Your saved answer was restored", timeout=FEEDBACK_TIMEOUT)
    expect(widget).to_contain_text("End of Q1 2026")
