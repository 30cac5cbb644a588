"""Widgets driven through the ipywidgets API: clicks save, a new widget restores, errors never raise."""

import html
import json
import sys
import types

import pytest
import traitlets

from workshop_utils import answers, checks, widgets
from workshop_utils.course import m01
from workshop_utils.errors import WorkshopError

NB = "01-output-vs-outcome"


def test_clicks_are_saved_and_restored(in_tmp):
    q = widgets.classify("m01.classify", NB)
    items = list(q.controls)
    q.controls[items[0]].value = "output"
    q.controls[items[1]].value = "outcome"
    saved = json.loads((in_tmp / "answers" / f"{NB}.json").read_text())
    assert saved["answers"]["m01.classify"]["value"] == {items[0]: "output", items[1]: "outcome"}
    assert "Saved at" in q.saved.value

    again = widgets.classify("m01.classify", NB)  # as after a kernel restart
    assert again.controls[items[0]].value == "output"
    assert again.controls[items[2]].value == widgets.UNSET
    assert again.answer == {items[0]: "output", items[1]: "outcome"}
    assert "restored" in again.saved.value


def test_check_button_shows_self_check_feedback(in_tmp):
    q = widgets.classify("m01.classify", NB)
    q.check_button.click()
    assert "No answer yet" in q.feedback.value
    q.answer = dict(m01.CLASSIFY_KEY)
    q.check_button.click()
    assert "✓" in q.feedback.value and "All 10 statements" in q.feedback.value
    assert checks.grade("m01.classify", q.answer).passed


def test_typed_answers_with_the_wrong_shape_change_nothing(in_tmp):
    q = widgets.classify("m01.classify", NB)
    first = next(iter(q.controls))
    q.answer = {first: "output"}
    for bad, message in (("output", "dictionary"), ({first: "impact"}, "Use only the labels")):
        with pytest.raises(WorkshopError, match=message):
            q.answer = bad
        assert message in q.feedback.value
        assert q.answer == {first: "output"} and q.controls[first].value == "output"
    chooser = widgets.choose("m01.project_not_product", NB, describe={"C01": "Parking permits online"})
    chooser.answer = ["C01", "C02"]
    for bad in (42, ["P99"]):
        with pytest.raises(WorkshopError):
            chooser.answer = bad
    assert chooser.answer == ["C01", "C02"]
    assert chooser.controls["C01"].description == "C01: Parking permits online"
    writer = widgets.write("m01.reflect", NB)
    with pytest.raises(WorkshopError, match="is text"):
        writer.answer = {"not": "text"}


def test_unexpected_errors_become_a_sentence(in_tmp, monkeypatch):
    q = widgets.choose("m01.project_not_product", NB)

    def boom(*_):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(checks, "check", boom)
    q.check_button.click()
    assert "Something went wrong (RuntimeError: disk on fire)" in q.feedback.value
    assert "Traceback" not in q.feedback.value


def test_save_failure_keeps_the_answer_in_the_widget(in_tmp):
    q = widgets.choose("m01.project_not_product", NB)
    (in_tmp / "answers").rename(in_tmp / "moved") if (in_tmp / "answers").exists() else None
    (in_tmp / "answers").write_text("a file in the way")
    q.controls["C03"].value = True
    assert q.controls["C03"].value is True
    assert "Could not save" in q.feedback.value and "still in the widget" in q.feedback.value


def test_corrupt_answers_file_is_reported_in_the_widget(in_tmp):
    (in_tmp / "answers").mkdir()
    (in_tmp / "answers" / f"{NB}.json").write_text("garbage")
    answers._STORES.clear()
    q = widgets.classify("m01.classify", NB)
    assert "could not be read" in q.feedback.value
    assert list((in_tmp / "answers").glob("*.corrupt-*.json"))


def test_writer_saves_as_typed(in_tmp):
    w = widgets.write("m01.reflect", NB)
    w.area.value = "Store staff would stop calling head office."
    assert answers.AnswerStore(NB).get("m01.reflect") == "Store staff would stop calling head office."
    assert widgets.write("m01.reflect", NB).area.value.startswith("Store staff")


def test_unknown_question_is_a_clear_error(in_tmp):
    from workshop_utils.errors import UnknownQuestionError

    with pytest.raises(UnknownQuestionError, match="has no question"):
        widgets.classify("m01.nope", NB)


def test_environment_and_setup_checks(in_tmp, monkeypatch):
    monkeypatch.setenv("WORKSHOP_CHARTS", "spec")
    box = widgets.environment_check()
    button, label = box.children
    button.click()
    assert "Widgets work" in label.value
    status, chart = widgets.setup_check()
    assert "✗" not in status.children[0].value and "Kernel-side checks passed" in status.children[0].value
    assert chart.to_dict()["title"] == "Your set-up works"
    assert "workshop doctor" in repr(status), "the plain-text fallback explains the fix"


def test_display_hooks(in_tmp, capsys):
    q = widgets.classify("m00.practice_sort", "00-start-here")
    q._ipython_display_()  # outside a kernel this prints the plain-text form; it must not raise


def test_rewriter_checklist_updates_and_persists(in_tmp):
    r = widgets.rewrite("m01.reflect", NB, deliverable="Roll out tablets to every store", debounce=0)
    assert "Start typing" in r.checklist.value
    r.area.value = "Roll out tablets to every store by May"
    assert r.assessment.kind == "output" and "<b>Output:</b>" in r.checklist.value
    assert "(missing)" in r.checklist.value and "Next step:" in r.checklist.value
    statement = ("Store staff answer 70% of customer questions on the shop floor, up from 40%, by Q2 2026, "
                 "while waiting times stay under five minutes")
    r.area.value = statement
    assert r.assessment.well_formed and "A well-formed outcome" in r.checklist.value
    assert r.checklist.value.count("(met)") == 7 and "Next step:" not in r.checklist.value
    again = widgets.rewrite("m01.reflect", NB)  # after a restart: text and checklist come back
    assert again.area.value == statement and again.assessment.well_formed
    with pytest.raises(WorkshopError, match="is text"):
        again.answer = ["not", "text"]


def test_rewriter_shows_one_hint_at_a_time_most_important_first(in_tmp):
    from workshop_utils import outcomes

    r = widgets.rewrite("m01.reflect", NB, debounce=0)
    r.area.value = "Members redeem more rewards"
    hints = r.assessment.hints
    assert len(hints) >= 4, "the assessor still knows every missing part"
    assert r.checklist.value.count("Next step:") == 1 and "How will you count it?" in r.checklist.value
    assert not any(html.escape(hint) in r.checklist.value for hint in hints[1:]), "later hints wait their turn"
    assert f"({len(hints) - 1} more suggestions once this one is done)" in r.checklist.value
    r.area.value = "Members redeem a reward each quarter, from 12% to 20%"
    assert "By when?" in r.checklist.value, "once measured, the timeframe comes next"
    r.area.value = ("Online customers start more conversations with the chatbot: from 2,000 to 6,000 a week by "
                    "June 2026")
    assert "Not an outcome yet" in r.checklist.value and "well-formed" not in r.checklist.value
    assert r.checklist.value.count("Not an outcome yet") == 1, "the summary is shown once"
    assert "traction metric" in r.checklist.value
    assert r.checklist.value.count("traction metric") == 1, "the why is said once"
    r.area.value = "We will increase online repair bookings"
    assert "not yet an outcome:</b>" in r.checklist.value and "An outcome, still" not in r.checklist.value
    assert outcomes.assess(r.area.value).next_hint.startswith('"We"')


def test_checklist_counts_the_six_required_and_recommends_the_guardrail(in_tmp):
    r = widgets.rewrite("m01.reflect", NB, debounce=0)
    r.area.value = ("Online customers start more conversations with the chatbot: from 2,000 to 6,000 a week by "
                    "June 2026")
    crosses = r.checklist.value.count("(missing)")
    missing = [n for n in r.assessment.criteria if not r.assessment.criteria[n]]
    assert crosses == len(missing) and "guardrail" in missing
    required = len(missing) - 1
    assert f"Still missing {required} of the 6 required:" in r.checklist.value
    assert "The guardrail is recommended." in r.checklist.value
    assert "of 6:" not in r.checklist.value


def test_rewriter_debounces_inside_a_running_loop(in_tmp):
    import asyncio

    async def typing():
        r = widgets.rewrite("m01.reflect", NB, debounce=0.05)
        r.area.value = "Launch"
        r.area.value = "Launch the app"
        assert r.assessment is None, "no assessment while still typing"
        await asyncio.sleep(0.15)
        return r

    import threading

    result = {}
    # A thread of its own: other tests in this process (the browser suite) may own an event loop.
    worker = threading.Thread(target=lambda: result.setdefault("r", asyncio.run(typing())))
    worker.start()
    worker.join(timeout=30)
    r = result["r"]
    assert r.assessment.kind == "output"
    assert answers.AnswerStore(NB).get("m01.reflect") == "Launch the app", "every keystroke was saved"


def test_a_typed_statement_with_a_typo_is_refused_and_a_partial_answer_adds(in_tmp):
    q = widgets.classify("m01.classify", NB)
    key = dict(m01.CLASSIFY_KEY)
    q.answer = key
    first, second = list(key)[:2]
    with pytest.raises(WorkshopError, match="Did you mean"):
        q.answer = {first[:-1]: "output"}  # a typo loses nothing
    assert q.answer == key
    flipped = "outcome" if key[first] == "output" else "output"
    q.answer = {first: flipped}  # one statement re-sorted; the others keep theirs
    assert q.answer == {**key, first: flipped}
    q.answer = {second: None}  # None unsorts
    assert second not in q.answer and len(q.answer) == len(key) - 1


def test_a_chooser_refuses_nested_or_dict_answers(in_tmp):
    q = widgets.choose("m01.project_not_product", NB)
    for bad in ([["C01"]], {"C01": False}):
        with pytest.raises(WorkshopError, match="list"):
            q.answer = bad
    assert q.answer is None


def test_an_odd_saved_answer_still_shows_the_widget(in_tmp):
    store = answers.store_for(NB)
    store.save("m01.project_not_product", [["C01"]])
    q = widgets.choose("m01.project_not_product", NB)
    assert "could not be shown" in q.feedback.value
    assert answers.store_for(NB).get("m01.project_not_product") == [["C01"]]  # kept until answered again
    q.answer = ["C01"]
    assert answers.store_for(NB).get("m01.project_not_product") == ["C01"]


def test_a_save_that_fails_raises_where_the_answer_was_typed(in_tmp, monkeypatch):
    q = widgets.choose("m01.project_not_product", NB)

    def refuse(*_):
        raise answers.AnswerStoreError("Could not save your answer")

    monkeypatch.setattr(q.store, "save", refuse)
    with pytest.raises(WorkshopError, match="Could not save"):
        q.answer = ["C02"]


def test_a_notebook_name_with_its_extension_saves_where_the_grader_reads(in_tmp):
    assert answers.answers_path(f"{NB}.ipynb").name == f"{NB}.json"


def test_the_setup_check_text_fits_where_jupyterlab_shows_it():
    box = widgets._SetupBox([])
    text = box._repr_mimebundle_()["text/plain"]
    assert "workshop doctor" in text and "reload" in text  # not cut off by ipywidgets' 110 characters


def _rows(q):
    """(statement line, buttons) for each row of a sorting widget, as shown."""
    return [(row.children[0].value, getattr(row.children[1], "children", (row.children[1],)))
            for row in q.box.children[1:-2]]


def test_each_statement_is_numbered_once(in_tmp):
    q = widgets.classify("m01.classify", NB)
    rows = _rows(q)
    assert len(rows) == len(q.controls) > 2
    for number, ((line, buttons), item) in enumerate(zip(rows, q.controls, strict=True), start=1):
        assert line == f"<b>{number}.</b> {item}".replace("&", "&amp;")
        shown = [line, *(getattr(b, "description", "") for b in {*buttons, q.controls[item]})]
        assert sum(text.count(f"{number}.") for text in shown) == 1, shown
        assert [b.description for b in buttons] == [widgets.UNSET, *q.question.labels]
        assert all(b.tooltip.startswith(f"statement {number}: ") for b in buttons)


def test_the_chosen_label_is_unmistakable_and_not_by_colour_alone(in_tmp):
    q = widgets.classify("m01.classify", NB)
    first, second = list(q.controls)[:2]
    row = q.controls[first]

    def chosen(r):
        return [label for label, b in r.buttons.items()
                if b.button_style == widgets.SortRow.CHOSEN_STYLE and b.icon == "check"
                and b.style.font_weight == "bold" and "mod-active" in b._dom_classes
                and b.tooltip.endswith("(chosen)")]

    def plain(r):
        return [label for label, b in r.buttons.items()
                if b.button_style == "" and b.icon == "" and b.style.font_weight != "bold"
                and "mod-active" not in b._dom_classes and not b.tooltip.endswith("(chosen)")]

    assert widgets.SortRow.CHOSEN_STYLE == "primary"  # filled, white on dark blue in JupyterLab (over 4.5:1)
    assert chosen(row) == [widgets.UNSET] and len(plain(row)) == len(row.buttons) - 1
    row.buttons["outcome"].click()  # a click chooses, as with toggle buttons
    assert row.value == "outcome" and chosen(row) == ["outcome"] and len(plain(row)) == len(row.buttons) - 1
    assert q.answer == {first: "outcome"}, "a click is saved"
    row.buttons["outcome"].click()  # clicking the chosen label again keeps it
    assert chosen(row) == ["outcome"]
    q.answer = {first: "output", second: "outcome"}  # typed answers and restored ones show the same way
    assert chosen(row) == ["output"] and chosen(q.controls[second]) == ["outcome"]
    again = widgets.classify("m01.classify", NB)
    assert chosen(again.controls[first]) == ["output"] and chosen(again.controls[list(q.controls)[2]]) == [
        widgets.UNSET]
    with pytest.raises(traitlets.TraitError):
        row.value = "impact"  # not a label: refused, the choice stays
    assert chosen(row) == ["output"]



@pytest.fixture
def partly_checked(monkeypatch):
    """A graded sorting question whose self-check covers two of four statements, as a course module defines it."""
    key = {"Launch the parcel app": "output", "Recipients pick a delivery slot ahead": "outcome",
           "Hold six supplier workshops": "output", "Drivers log fewer failed deliveries": "outcome"}
    module = types.ModuleType("workshop_utils.course.m99")
    module.QUESTIONS = (checks.Question(
        qid="m99.sort", title="Sort", kind="classify", points=2, prompt="Sort each statement.",
        check=checks.classification(key, visible=list(key)[:2]), options=tuple(key), labels=("output", "outcome")),)
    monkeypatch.setitem(sys.modules, "workshop_utils.course.m99", module)
    return key


def test_after_a_check_every_sorting_row_says_wrong_right_or_not_checked_here(in_tmp, partly_checked):
    """Issue 10 point 6: feedback marks which rows are wrong, with an icon and words, not colour alone."""
    key = partly_checked
    q = widgets.classify("m99.sort", NB)
    hidden = {item for item in key if repr(item) in checks.check("m99.sort", key).unchecked}
    assert hidden and len(hidden) < len(key)
    visible = [item for item in key if item not in hidden]
    slipped = visible[0]
    other = next(label for label in q.question.labels if label != key[slipped])
    q.answer = {**key, slipped: other}
    q.check_button.click()
    items = list(q.controls)
    for number, item in enumerate(items, start=1):
        mark = q.marks[item].value
        assert f"Statement {number}:" in mark, mark
        if item == slipped:
            assert "✗" in mark and "wrong" in mark and "workshop-row-wrong" in mark
        elif item in hidden:
            assert "not checked here" in mark and "✓" not in mark and "✗" not in mark
        else:
            assert "✓" in mark and "right" in mark
    number = items.index(slipped) + 1
    assert f"wrong: {number}" in q.feedback.value and 'aria-live="polite"' in q.feedback.value
    assert "not checked here: " in q.feedback.value
    q.controls[slipped].value = key[slipped]  # fixing the row clears its stale mark at once
    assert q.marks[slipped].value == ""
    q.check_button.click()
    assert "✗" not in "".join(mark.value for mark in q.marks.values())
    # a practice question is checked whole: no row is left "not checked here"
    practice = widgets.classify("m00.practice_sort", "00-start-here")
    first = next(iter(practice.controls))
    practice.controls[first].value = "outcome"
    practice.check_button.click()
    marks = [mark.value for mark in practice.marks.values()]
    assert "not checked here" not in "".join(marks) and any("not sorted yet" in m for m in marks)
