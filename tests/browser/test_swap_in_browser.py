"""Module 03's swap on the map in a real browser, from the keyboard: keeping the stopped D07 is caught with its
hint and its row marked; the right swap passes; the answer is in the answers file and comes back after a reload."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from workshop_utils.course import m03

from . import lab
from .test_participant import FEEDBACK_TIMEOUT, label_button, save_notebook, toggles_of
from .test_quarters_in_browser import LESSON, open_lesson

pytestmark = pytest.mark.browser

QID = "m03.practice_swap"


def test_the_swap_is_sorted_by_keyboard_checked_and_kept(own_course, visit):
    page = visit.page
    path, found = open_lesson(own_course, visit)
    index = next(c["index"] for c in found if QID in c["source"])
    widget = page.locator(f'.jp-NotebookPanel .jp-Cell[data-windowed-list-index="{index}"]')
    expect(widget).to_contain_text(m03.SWAP_IMPACT, timeout=FEEDBACK_TIMEOUT)

    slip = {**m03.SWAP_KEY, m03.SWAP_STOPPED: "under this impact"}
    for statement, label in slip.items():
        label_button(toggles_of(widget, statement), label).focus()
        page.keyboard.press("Space")
    widget.get_by_role("button", name=re.compile(r"^\W*Check\s*$")).focus()
    page.keyboard.press("Enter")
    feedback = widget.locator(".workshop-feedback")
    expect(feedback).to_contain_text("✗ D07 is still under the impact", timeout=FEEDBACK_TIMEOUT)
    expect(feedback).to_contain_text("D07 is the option you stopped")
    expect(widget.locator(".workshop-row-wrong")).to_have_count(1)

    label_button(toggles_of(widget, m03.SWAP_STOPPED), "not under it").click()
    widget.get_by_role("button", name=re.compile(r"^\W*Check\s*$")).click()
    expect(feedback).to_contain_text("✓ The map edit is right", timeout=FEEDBACK_TIMEOUT)
    answers = own_course / "notebooks" / "answers" / f"{LESSON}.json"
    assert json.loads(answers.read_text(encoding="utf-8"))["answers"][QID]["value"] == m03.SWAP_KEY

    page.locator(".jp-NotebookPanel .jp-Cell").first.locator(".jp-InputPrompt").click()
    save_notebook(page)
    visit.goto_notebook(path)
    lab.run_all(page)
    widget = page.locator(f'.jp-NotebookPanel .jp-Cell[data-windowed-list-index="{index}"]')
    expect(widget).to_contain_text("Your saved answer was restored", timeout=FEEDBACK_TIMEOUT)
