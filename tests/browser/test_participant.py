"""A participant works through module 01's graded set in JupyterLab, in a real browser.

They click a label for each statement of Question 1, press Check and read the feedback, tick
Question 6's boxes, type an answer into Question 4's cell, save with Ctrl+S, restart the kernel
from the Kernel menu, run everything again and find every answer still there. Nothing is
simulated: the clicks reach the kernel through ipywidgets, the answers file is written by the
course's own code, and the notebook is saved by JupyterLab.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from workshop_utils.course import m01

from . import lab

pytestmark = pytest.mark.browser

MODULE = "01-output-vs-outcome"
NOTEBOOK = f"exercises/{MODULE}/{MODULE}.ipynb"
TYPED = 'answer_rarely_used = metrics.rarely_used_share(features[features["project_id"] == "P01"])'
FEEDBACK_TIMEOUT = 20_000  # ms: a click goes to the kernel and back


def cell(page, found: list[dict], grade_id: str):
    """The cell with nbgrader id ``grade_id``, as a Playwright locator."""
    index = next(c["index"] for c in found if c["gradeId"] == grade_id)
    return page.locator(f'.jp-NotebookPanel .jp-Cell[data-windowed-list-index="{index}"]')


def toggles_of(widget, statement: str):
    """The row of label buttons under ``statement`` in a sorting widget (the chosen one is ``mod-active``)."""
    text = widget.locator(".widget-html-content", has_text=statement)
    return text.locator("xpath=../following-sibling::div[contains(@class, 'workshop-sort-row')][1]")


def label_button(row, label: str):
    """The button for ``label`` in a sorting row. The chosen one carries a check icon, whose glyph
    Chromium counts in the button's accessible name, so the name may start with a symbol."""
    return row.get_by_role("button", name=re.compile(rf"^\W*{re.escape(label)}\s*$"))


def answer_saved(answers_file, qid: str, holds, timeout: float = FEEDBACK_TIMEOUT / 1000) -> None:
    """Wait until the answers file shows the kernel has the answer just clicked (``holds(value)``).

    A click reaches the kernel as a widget update; ipywidgets holds an update back while the same control's
    previous one is still being processed, but sends a button's click at once. A test clicking faster than
    any participant can therefore press Check before the kernel has the change: this waits, as a person would.
    """
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            value = json.loads(answers_file.read_text(encoding="utf-8"))["answers"][qid]["value"]
        except (OSError, ValueError, KeyError, TypeError):
            value = None
        if value is not None and holds(value):
            return
        assert time.monotonic() < deadline, f"{qid}: the change never reached the answers file (last: {value!r})"
        time.sleep(0.05)


def checkbox(widget, option: str):
    return widget.get_by_role("checkbox", name=re.compile(rf"^{re.escape(option)}\b"))


def save_notebook(page) -> None:
    """Ctrl+S from command mode, then wait until JupyterLab reports the notebook saved."""
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=20_000)


def restart_kernel(page) -> None:
    """Kernel > Restart Kernel…, accept the dialog, and wait for the new kernel to be idle."""
    page.evaluate("""() => {
        const w = window.jupyterapp.shell.currentWidget;
        window.__restarted = false;
        w.sessionContext.statusChanged.connect((_, status) => {
            if (status === 'restarting' || status === 'autorestarting' || status === 'starting') {
                window.__restarted = true;
            }
        });
    }""")
    lab.menu(page, "Kernel", "Restart Kernel…")
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Restart")
    dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
    expect(dialog).to_have_count(0)
    page.wait_for_function("""() => {
        const w = window.jupyterapp.shell.currentWidget;
        const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
        return window.__restarted && kernel && kernel.status === 'idle';
    }""", timeout=lab.RUN_TIMEOUT * 1000, polling=200)


def test_participant_answers_saves_restarts_and_keeps_every_answer(own_course, visit):
    page = visit.page
    key = dict(m01.CLASSIFY_KEY)
    chosen = m01._keys()["project_not_product"]
    visit.goto_notebook(f"{own_course.name}/{NOTEBOOK}")
    found, _ = lab.run_all(page)
    assert not lab.render_problems(found), lab.render_problems(found)

    # Question 1: sort one statement, press Check too early, read the ✗; then sort the rest and get a ✓.
    q1 = cell(page, found, "classify-widget")
    first = next(iter(key))
    label_button(toggles_of(q1, first), key[first]).click()
    q1.get_by_role("button", name="Check").click()
    expect(q1.locator(".workshop-feedback")).to_contain_text("✗", timeout=FEEDBACK_TIMEOUT)
    expect(q1.locator(".workshop-feedback")).to_contain_text("not sorted yet")
    for statement, label in key.items():
        label_button(toggles_of(q1, statement), label).click()
    q1.get_by_role("button", name="Check").click()
    expect(q1.locator(".workshop-feedback")).to_contain_text("✓", timeout=FEEDBACK_TIMEOUT)
    expect(q1).to_contain_text("Saved at")

    # Question 6: tick the boxes, and check.
    q6 = cell(page, found, "project_not_product-widget")
    for option in chosen:
        checkbox(q6, option).check()
    q6.get_by_role("button", name="Check").click()
    expect(q6.locator(".workshop-feedback")).to_contain_text("✓", timeout=FEEDBACK_TIMEOUT)
    expect(q6).to_contain_text("Saved at")

    # Question 4: replace `answer_rarely_used = None` in the editor, run it and its self-check.
    q4 = cell(page, found, "rarely_used-answer")
    q4.locator(".cm-line", has_text="answer_rarely_used = None").click()
    page.keyboard.press("Home")
    page.keyboard.press("Shift+End")
    page.keyboard.type(TYPED)
    expect(q4.locator(".cm-content")).to_contain_text(TYPED)
    page.keyboard.press("Shift+Enter")  # runs the answer cell, moves to its self-check
    page.keyboard.press("Shift+Enter")  # runs the self-check
    lab.wait_until_idle(page)

    # Save with Ctrl+S, then check what reached the disk.
    save_notebook(page)
    folder = own_course / "exercises" / MODULE
    saved_notebook = json.loads((folder / f"{MODULE}.ipynb").read_text(encoding="utf-8"))
    assert any(TYPED in "".join(c["source"]) for c in saved_notebook["cells"]), "the typed answer was not saved"
    answers_file = folder / "answers" / f"{MODULE}.json"
    assert answers_file.exists(), f"no answers file at {answers_file}"
    saved = json.loads(answers_file.read_text(encoding="utf-8"))["answers"]
    assert saved["m01.classify"]["value"] == key
    assert sorted(saved["m01.project_not_product"]["value"]) == sorted(chosen)

    # Kernel > Restart Kernel…, run everything again: the answers come back.
    restart_kernel(page)
    found, _ = lab.run_all(page)
    assert next(c for c in found if c["gradeId"] == "setup")["count"] == 1, "cells did not run in a fresh kernel"
    q1 = cell(page, found, "classify-widget")
    q6 = cell(page, found, "project_not_product-widget")
    for statement, label in key.items():
        expect(toggles_of(q1, statement).locator("button.mod-active")).to_have_text(label)
    expect(q1).to_contain_text("Your saved answer was restored.")
    for option in m01._keys()["ids"]:
        if option in chosen:
            expect(checkbox(q6, option)).to_be_checked()
        else:
            expect(checkbox(q6, option)).not_to_be_checked()
    expect(q6).to_contain_text("Your saved answer was restored.")
    errors = {c["gradeId"] for c in found if any(o["type"] == "error" for o in c["outputs"])}
    assert not errors & {"classify-self", "rarely_used-self", "project_not_product-self"}, errors
    assert not lab.error_outputs(found, allow_self_check_failures=True)
    visit.screenshot("participant-01-after-restart")
    assert not visit.outside(), f"requests left 127.0.0.1: {visit.outside()}"


def open_assignment_list(page):
    lab.menu(page, "Nbgrader", "Assignment List")
    panel = page.locator("#assignments")
    expect(panel).to_be_visible()
    return panel


def test_participant_fetches_and_submits_from_the_assignments_panel(own_course, visit, lab_server):
    """The hub path: Nbgrader > Assignment List, Fetch, answer by clicking, save, Submit.

    The facilitator's release is done with the stock `nbgrader release_assignment` into the test
    server's private exchange; everything the participant does happens in the browser.
    """
    import os
    import subprocess
    import sys

    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    release = subprocess.run(
        [sys.executable, "-m", "nbgrader", "release_assignment", MODULE, f"--Exchange.root={lab_server.exchange}",
         f"--course={lab.COURSE_ID}"], cwd=own_course, capture_output=True, text=True, env=env, timeout=120)
    assert release.returncode == 0, release.stdout + release.stderr

    page = visit.page
    page.goto(f"{lab_server.url}/lab?reset&token={lab_server.token}", wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
    panel = open_assignment_list(page)
    released = panel.locator("#released_assignments_list .list_item", has_text=MODULE)
    released.get_by_role("button", name="Fetch").click()
    fetched = panel.locator("#fetched_assignments_list .list_item", has_text=MODULE).first
    expect(fetched.get_by_role("button", name="Submit")).to_be_visible(timeout=30_000)
    assert (lab_server.root / MODULE / f"{MODULE}.ipynb").exists(), "Fetch did not put the notebook in the home folder"

    # Answer Question 1 by clicking, in the fetched copy, and save.
    visit.goto_notebook(f"{MODULE}/{MODULE}.ipynb")
    found, _ = lab.run_all(page)
    key = dict(m01.CLASSIFY_KEY)
    q1 = cell(page, found, "classify-widget")
    for statement, label in key.items():
        label_button(toggles_of(q1, statement), label).click()
    q1.get_by_role("button", name="Check").click()
    expect(q1.locator(".workshop-feedback")).to_contain_text("✓", timeout=FEEDBACK_TIMEOUT)
    save_notebook(page)

    # Submit from the panel; the submission in the exchange carries the answers file.
    panel = open_assignment_list(page)
    fetched = panel.locator("#fetched_assignments_list .list_item", has_text=MODULE).first
    fetched.get_by_role("button", name="Submit").click()
    submitted = panel.locator("#submitted_assignments_list .nested_list_item")
    expect(submitted.first).to_be_visible(timeout=30_000)
    inbound = lab_server.exchange / lab.COURSE_ID / "inbound"
    submissions = sorted(inbound.glob(f"*+{MODULE}+*"))
    assert submissions, f"nothing submitted into {inbound}"
    answers = submissions[-1] / "answers" / f"{MODULE}.json"
    assert answers.exists(), f"the submission has no answers file: {sorted(p.name for p in submissions[-1].iterdir())}"
    assert json.loads(answers.read_text(encoding="utf-8"))["answers"]["m01.classify"]["value"] == key
    visit.screenshot("participant-01-submitted")
    assert not visit.outside(), f"requests left 127.0.0.1: {visit.outside()}"


def _graded_widget_items(module: str):
    """(grade_id of the widget cell, question) for every sorting widget of a graded module."""
    import nbformat

    from workshop_utils import checks

    nb = nbformat.read(lab.ROOT / "solutions" / module / f"{module}.ipynb", as_version=4)
    number = nb.metadata["workshop"]["module"]
    items = []
    for c in nb.cells:
        grade_id = c.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-widget"):
            question = checks.question(f"m{number}.{grade_id[: -len('-widget')]}")
            if question.kind == "classify":
                items.append((grade_id, question))
    return items


LATER_MODULES = sorted(p.name for p in (lab.ROOT / "exercises").iterdir()
                       if p.is_dir() and p.name != MODULE and _graded_widget_items(p.name))


@pytest.mark.parametrize("module", LATER_MODULES)
def test_participant_sorts_saves_restarts_in_every_later_module(own_course, visit, module):
    """Each module as it lands: sort every statement of its sorting widgets by clicking, Check, save,
    restart the kernel, run again, and find every choice restored."""
    from workshop_utils.course import modules

    page = visit.page
    number = module.split("-", 1)[0]
    course_module = next(m for m in modules() if number == m.MODULE)
    right = {q.qid: course_module.examples()[q.qid][0] for _, q in _graded_widget_items(module)}
    visit.goto_notebook(f"{own_course.name}/exercises/{module}/{module}.ipynb")
    found, _ = lab.run_all(page)
    assert not lab.render_problems(found), lab.render_problems(found)
    for grade_id, question in _graded_widget_items(module):
        widget = cell(page, found, grade_id)
        for statement, label in right[question.qid].items():
            label_button(toggles_of(widget, statement), label).click()
        widget.get_by_role("button", name="Check").click()
        # ✓, or ◐ where the item holds statements only the graded version checks (module 03's key results)
        expect(widget.locator(".workshop-feedback")).to_have_text(re.compile(r"^\s*[✓◐]"), timeout=FEEDBACK_TIMEOUT)
    save_notebook(page)
    saved = json.loads((own_course / "exercises" / module / "answers" / f"{module}.json").read_text())["answers"]
    for qid, answer in right.items():
        assert saved[qid]["value"] == answer
    restart_kernel(page)
    found, _ = lab.run_all(page)
    for grade_id, question in _graded_widget_items(module):
        widget = cell(page, found, grade_id)
        for statement, label in right[question.qid].items():
            expect(toggles_of(widget, statement).locator("button.mod-active")).to_have_text(label)
        expect(widget).to_contain_text("Your saved answer was restored.")
    visit.screenshot(f"participant-{number}-after-restart")
    assert not visit.outside(), f"requests left 127.0.0.1: {visit.outside()}"


def test_sentence_options_wrap_and_stay_whole_on_a_narrow_screen(own_course, visit):
    """A tick-box option that is a whole sentence shows all of it at 1100 px (ipywidgets would cut it with an
    ellipsis, hiding the clause that decides the answer), and its checkbox still answers to a click."""
    page = visit.page
    page.set_viewport_size({"width": 1100, "height": 900})
    visit.goto_notebook(f"{own_course.name}/{NOTEBOOK}")
    found, _ = lab.run_all(page)
    widget = cell(page, found, "verdict-widget")
    for option in m01.VERDICT.options:
        box = widget.get_by_role("checkbox", name=re.compile("^" + re.escape(option[:40])))
        expect(box).to_be_visible(timeout=FEEDBACK_TIMEOUT)
        label = box.locator("xpath=ancestor::label[1]")
        cut = label.evaluate("el => el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow "
                             "=== 'ellipsis' && getComputedStyle(el).whiteSpace === 'nowrap'")
        assert not cut, f"cut off: {option[:50]}"
        assert " ".join(label.inner_text().split()) == " ".join(option.split())
    first = widget.get_by_role("checkbox", name=re.compile("^" + re.escape(m01.VERDICT.options[0][:40])))
    first.check()
    expect(first).to_be_checked()
    assert not visit.outside(), f"requests left 127.0.0.1: {visit.outside()}"
