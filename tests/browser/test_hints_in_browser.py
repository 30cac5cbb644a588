"""The hint ladder in a real browser: on a lesson's practice sort, Hint three times gives the nudge, the worked
step and the explained answer, each in a live region, and the ladder's place is saved in the answers file."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from workshop_utils import checks, editions

from . import lab
from .test_participant import FEEDBACK_TIMEOUT

pytestmark = pytest.mark.browser

QID = "m01.practice_sort"
LESSON = "01-output-vs-outcome"


def test_hint_three_times_climbs_a_practice_ladder(own_course, visit):
    page = visit.page
    question = checks.question(QID)
    visit.goto_notebook(f"{own_course.name}/notebooks/{editions.lesson_name(LESSON)}")
    lab.run_all(page)
    widget = page.locator(".jp-NotebookPanel .jp-CodeCell", has_text=question.title).first
    area = widget.locator(".workshop-hint")
    for level, expected in ((1, question.hints[0]), (2, question.hints[1]), (3, "→")):
        widget.get_by_role("button", name=re.compile(rf"Hint \({level} of 3\)")).click()
        expect(area).to_contain_text(f"Hint ({level} of 3)", timeout=FEEDBACK_TIMEOUT)
        expect(area).to_contain_text(expected[:60])
        expect(area).to_have_attribute("aria-live", "polite")
    expect(area).to_contain_text("Why: " + question.why[:40])
    saved = json.loads((own_course / "notebooks" / "answers" / f"{LESSON}.json").read_text())
    assert saved["answers"][QID]["hint_level"] == 3
