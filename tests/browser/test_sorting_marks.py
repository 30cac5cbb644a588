"""The sorting widget marks which rows are wrong, in a real browser: icon and words beside each row, and one
sentence in a live region that screen readers announce."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from workshop_utils.course import m01

from . import lab
from .test_participant import FEEDBACK_TIMEOUT, NOTEBOOK, cell, label_button, toggles_of

pytestmark = pytest.mark.browser


def test_a_wrongly_sorted_row_is_marked_and_announced(own_course, visit):
    page = visit.page
    key = dict(m01.CLASSIFY_KEY)
    items = list(key)
    slipped = items[2]
    wrong = "outcome" if key[slipped] == "output" else "output"
    visit.goto_notebook(f"{own_course.name}/{NOTEBOOK}")
    found, _ = lab.run_all(page)
    q1 = cell(page, found, "classify-widget")
    for statement, label in key.items():
        label_button(toggles_of(q1, statement), wrong if statement == slipped else label).click()
    q1.get_by_role("button", name="Check").click()
    expect(q1.locator(".workshop-feedback")).to_contain_text("✗", timeout=FEEDBACK_TIMEOUT)
    marked = q1.locator(".workshop-row-wrong")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("Statement 3: wrong")
    expect(q1.locator(".workshop-row-right")).to_have_count(len(items) - 1)
    summary = q1.locator(".workshop-row-summary")
    expect(summary).to_have_attribute("aria-live", "polite")
    expect(summary).to_contain_text("wrong: 3")
    # the mark sits with its row: right after the row of buttons of the statement it names
    row = toggles_of(q1, slipped)
    expect(row.locator("xpath=following-sibling::div[1]")).to_contain_text("Statement 3: wrong")
    label_button(row, key[slipped]).click()  # fixing it clears the stale mark
    expect(q1.locator(".workshop-row-wrong")).to_have_count(0, timeout=FEEDBACK_TIMEOUT)
