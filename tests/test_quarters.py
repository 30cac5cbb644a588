"""The quarter stepper (module 03): quarters revealed one at a time, decisions saved and restored, bad input a
sentence in the widget, never a traceback, never a lost decision."""

import json

import pytest

from workshop_utils import checks, data, quarters
from workshop_utils.course import m03
from workshop_utils.errors import WorkshopError

NB = m03.NOTEBOOK
QID = "m03.practice_recalibrate"


@pytest.fixture()
def table():
    return data.load("quarterly_2026")


def _saved(folder):
    return json.loads((folder / "answers" / f"{NB}.json").read_text())["answers"][QID]["value"]


def test_quarters_are_revealed_one_at_a_time_and_decisions_are_saved(in_tmp, table):
    q = quarters.stepper(QID, NB, table)
    assert q.revealed == 0 and "No quarter revealed yet" in q.view.value and q.answer is None
    q.next_button.click()
    assert q.revealed == 1 and "Q1" in q.view.value and "Q2:" not in q.view.value
    q.controls["D01"].value = "stop"
    assert _saved(in_tmp) == {"Q1": {"D01": "stop"}}
    q.next_button.click()
    assert q.controls["D01"].value == "(not sorted)", "each quarter is decided afresh"
    q.controls["D15"].value = "continue"
    assert _saved(in_tmp) == {"Q1": {"D01": "stop"}, "Q2": {"D15": "continue"}}
    again = quarters.stepper(QID, NB, table)   # after a kernel restart
    assert again.revealed == 2 and again.controls["D15"].value == "continue" and "restored" in again.saved.value
    for _ in range(5):
        again.next_button.click()
    assert again.revealed == 4 and again.next_button.disabled and "last quarter" in again.feedback.value


def test_the_check_button_checks_every_quarter_revealed(in_tmp, table):
    q = quarters.stepper(QID, NB, table)
    q.check_button.click()
    assert "No answer yet" in q.feedback.value
    right = m03.examples()[QID][0]
    q.answer = {"Q1": dict(right["Q1"])}
    q.check_button.click()
    assert "✓" in q.feedback.value
    q.next_button.click()
    q.answer = {"Q1": dict(right["Q1"]), "Q2": {**right["Q2"], "D01": "continue"}}
    q.check_button.click()
    assert "✗" in q.feedback.value and "Delivery" in q.feedback.value
    assert checks.grade(QID, right).passed and not checks.grade(QID, {"Q1": {}}).passed


def test_one_quarters_decisions_typed_alone_are_the_quarter_on_show(in_tmp, table):
    """`stepper.answer = {"D01": "stop"}`, as a participant types a sorting answer: the decisions of the quarter
    shown (Q1 before any is revealed), earlier quarters kept."""
    q = quarters.stepper(QID, NB, table)
    q.answer = {"D01": "stop"}
    assert q.revealed == 1 and _saved(in_tmp) == {"Q1": {"D01": "stop"}}
    q.next_button.click()
    q.answer = {"D15": "pivot"}
    assert _saved(in_tmp) == {"Q1": {"D01": "stop"}, "Q2": {"D15": "pivot"}}
    assert q.controls["D15"].value == "pivot"


@pytest.mark.parametrize("bad,message", [
    ("stop", "maps each quarter"),
    ({"Q2": {}}, "in order from Q1"),
    ({"Q1": {"D99": "stop"}}, "D99"),
    ({"Q1": {"D01": "drop"}}, "continue, pivot, stop"),
    ({"Q1": ["D01"]}, "dictionary"),
])
def test_typed_answers_with_the_wrong_shape_change_nothing(in_tmp, table, bad, message):
    q = quarters.stepper(QID, NB, table)
    q.next_button.click()
    q.controls["D01"].value = "stop"
    with pytest.raises(WorkshopError, match=message):
        q.answer = bad
    assert message.split()[0] in q.feedback.value or "D99" in q.feedback.value or "dictionary" in q.feedback.value
    assert q.controls["D01"].value == "stop" and _saved(in_tmp) == {"Q1": {"D01": "stop"}}


def test_a_failing_callback_is_a_sentence_and_keeps_the_decisions(in_tmp, table, monkeypatch):
    q = quarters.stepper(QID, NB, table)
    q.next_button.click()
    q.controls["D01"].value = "stop"
    monkeypatch.setattr(q.store, "save", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    q.next_button.click()
    assert "Something went wrong" in q.feedback.value and "disk full" in q.feedback.value
    assert q.decisions["Q1"] == {"D01": "stop"}


def test_a_wrong_table_is_a_clear_error(in_tmp, table):
    with pytest.raises(WorkshopError, match="lacks the column"):
        quarters.stepper(QID, NB, table.drop(columns="actual"))
    with pytest.raises(WorkshopError, match="empty"):
        quarters.stepper(QID, NB, table.iloc[0:0])
    with pytest.raises(WorkshopError, match="no rows for D01"):
        quarters.stepper(QID, NB, table[table["deliverable_id"] != "D01"])


def test_every_control_is_a_button_so_the_keyboard_reaches_it(in_tmp, table):
    import ipywidgets as w

    q = quarters.stepper(QID, NB, table)
    q.next_button.click()
    assert isinstance(q.next_button, w.Button) and isinstance(q.check_button, w.Button)
    assert all(isinstance(b, w.Button) for row in q.controls.values() for b in row.buttons.values())
    assert "<caption>" in q.view.value and 'scope="col"' in q.view.value
