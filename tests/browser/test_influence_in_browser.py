"""Module 05's graded widgets in a real browser: the power/interest grid's four labels per row, its loud-but-
powerless decoy caught with its own hint and its row marked, and the decision-roles choice catching the sound
'committee' decision, then saved once right."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from workshop_utils.course import m05

from . import lab
from .test_participant import FEEDBACK_TIMEOUT, answer_saved, cell, checkbox, label_button, save_notebook, toggles_of

pytestmark = pytest.mark.browser

MODULE = "05-ownership-vs-influence"
NOTEBOOK = f"exercises/{MODULE}/{MODULE}.ipynb"


def test_the_grid_catches_the_loud_decoy_and_the_roles_the_sound_committee(own_course, visit):
    page = visit.page
    visit.goto_notebook(f"{own_course.name}/{NOTEBOOK}")
    found, _ = lab.run_all(page)
    assert not lab.render_problems(found), lab.render_problems(found)

    grid = cell(page, found, "grid-widget")
    key = dict(m05.GRID_KEY)
    loud = next(item for item in key if item.startswith("The patients' forum chair"))
    for statement, label in key.items():
        row = toggles_of(grid, statement)
        for quadrant in m05.QUADRANTS:
            expect(label_button(row, quadrant)).to_be_visible()
        label_button(row, "manage closely" if statement == loud else label).click()
    grid.get_by_role("button", name="Check").click()
    feedback = grid.locator(".workshop-feedback")
    expect(feedback).to_contain_text("✗", timeout=FEEDBACK_TIMEOUT)
    expect(feedback).to_contain_text("Loud is not powerful")
    expect(grid.locator(".workshop-row-wrong")).to_have_count(1)
    label_button(toggles_of(grid, loud), key[loud]).click()
    answers = own_course / "exercises" / MODULE / "answers" / f"{MODULE}.json"
    answer_saved(answers, "m05.grid", lambda value: value == key)
    grid.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("✓", timeout=FEEDBACK_TIMEOUT)

    roles = cell(page, found, "daci-widget")
    keys = m05._keys()
    for decision in [*keys["daci_faulty"], keys["daci_busiest"]]:
        checkbox(roles, decision).check()
    roles.get_by_role("button", name="Check").click()
    said = roles.locator(".workshop-feedback")
    expect(said).to_contain_text("✗", timeout=FEEDBACK_TIMEOUT)
    expect(said).to_contain_text("committee")
    checkbox(roles, keys["daci_busiest"]).uncheck()
    answer_saved(answers, "m05.daci", lambda value: sorted(value) == keys["daci_faulty"])
    roles.get_by_role("button", name="Check").click()
    expect(said).to_contain_text("✓", timeout=FEEDBACK_TIMEOUT)

    save_notebook(page)
    saved = json.loads(answers.read_text())["answers"]
    assert saved["m05.grid"]["value"] == key
    assert sorted(saved["m05.daci"]["value"]) == keys["daci_faulty"]
    visit.screenshot("influence-05-grid-and-roles")
    assert not visit.outside(), f"requests left 127.0.0.1: {visit.outside()}"
