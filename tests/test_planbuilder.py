"""The capstone's outcome-plan builder widget (workshop_utils.planbuilder), without a browser."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from workshop_utils import checks, plan, planbuilder
from workshop_utils.course import m02
from workshop_utils.errors import WorkshopError

NOTEBOOK = "06-capstone-outcome-plan"
QID = "test.plan"


@pytest.fixture(autouse=True)
def plan_question(monkeypatch):
    """A question for the builder whatever the capstone module names its own (the builder takes any qid)."""
    fake = checks.Question(qid=QID, title="Your outcome plan", kind="text", points=0,
                           prompt="Build the plan for your charter.", check=plan.feedback)
    real = checks.question
    monkeypatch.setattr(checks, "question", lambda qid: fake if qid == QID else real(qid))


def build(folder, **kwargs):
    return planbuilder.build_plan(QID, NOTEBOOK, folder=folder, **kwargs)


def as_typed(value):
    """The plan as the widget's text boxes hold it: numbers become their text (12 -> "12", 6.5 -> "6.5")."""
    if isinstance(value, dict):
        return {key: as_typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_typed(item) for item in value]
    return plan._show_value(value) if isinstance(value, (int, float)) else value


def saved(folder):
    return json.loads((folder / "answers" / f"{NOTEBOOK}.json").read_text(encoding="utf-8"))["answers"][QID]["value"]


def test_a_fresh_builder_offers_fernhills_charter(tmp_path):
    builder = build(tmp_path, title="Cheaper online orders")
    assert builder.answer is None and list(builder.slots) == ["O1", "O2", "O3", "O4", "O5"]
    assert list(builder.rows) == list(m02.DELIVERABLES)
    assert builder.title.value == "Cheaper online orders"
    assert not (tmp_path / "answers").exists(), "a default is shown, not saved, until the participant changes something"
    assert builder.plan["deliverables"][0] == {"id": "D01", "deliverable": m02.DELIVERABLES["D01"], "outcome": "",
                                               "assumption": ""}


def test_every_change_is_saved_at_once_and_a_restart_restores_everything(tmp_path):
    builder = build(tmp_path)
    builder.slots["O2"]["fields"]["baseline"].value = "11%"
    assert saved(tmp_path)["outcomes"] == [{**plan.empty_outcome("O2"), "baseline": "11%"}]
    builder.rows["D09"]["outcome"].value = plan.DROP
    assert saved(tmp_path)["deliverables"][8]["outcome"] == "drop"
    builder.slots["O1"]["measures"]["lagging"][0]["source"].value = "finance"
    assert saved(tmp_path)["outcomes"][0]["lagging"] == [{"measure": "", "baseline": "", "target": "",
                                                          "source": "finance"}]
    example = plan.fernhill_example()
    builder.answer = example
    again = build(tmp_path)  # a restart
    assert again.plan == as_typed(plan.normalise(example))
    assert again.slots["O3"]["fields"]["who"].value == "Store staff"
    assert again.guardrails[1]["outcome"].value == "O1" and again.partners[2]["who"].value == "Supplier Partnerships"
    assert again.rows["D08"]["outcome"].value == "O1" and again.checkin.value == example["checkin_30_days"]
    assert plan.problems(again.plan) == []


def test_the_statement_gets_the_live_assessor_checklist(tmp_path):
    builder = build(tmp_path, debounce=0)
    slot = builder.slots["O1"]
    slot["statement"].value = "Launch self-service returns in the app by June 2026"
    assert builder.assessments["O1"].kind == "output"
    assert "workshop-checklist" in slot["checklist"].value and "Output" in slot["checklist"].value
    slot["statement"].value = ("Online customers start returns in the app instead of contacting customer service, "
                               "from 22% to 60% of returns by December 2026")
    assert builder.assessments["O1"].well_formed and "well-formed" in slot["checklist"].value
    slot["statement"].value = ""
    assert "O1" not in builder.assessments and "checklist updates" in slot["checklist"].value
    restarted = build(tmp_path)
    assert restarted.slots["O1"]["statement"].value == "" and restarted.assessments == {}


def test_check_plan_lists_every_problem_then_passes(tmp_path):
    builder = build(tmp_path)
    builder.check_button.click()
    assert "still to do" in builder.feedback.value and "D01 is not traced" in builder.feedback.value
    assert "Traceback" not in builder.feedback.value
    builder.answer = plan.fernhill_example()
    builder.slots["O2"]["fields"]["baseline"].value = ""
    assert builder.check() == ["O2 has no baseline: write where it is today, e.g. 'from 12%'."]
    assert "O2 has no baseline" in builder.feedback.value
    builder.slots["O2"]["fields"]["baseline"].value = "11%"
    assert builder.check() == [] and "Every structural check passes" in builder.feedback.value


def test_export_writes_beside_the_notebook_and_links_to_both(tmp_path):
    builder = build(tmp_path)
    example = plan.fernhill_example()
    example["why"] += " <script>alert(1)</script>"
    builder.answer = example
    builder.export_button.click()
    page = (tmp_path / "my-outcome-plan.html").read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert (tmp_path / "my-outcome-plan.md").read_text(encoding="utf-8") == plan.to_markdown(builder.plan)
    assert 'href="my-outcome-plan.html"' in builder.links.value and 'href="my-outcome-plan.md"' in builder.links.value
    assert "still to do" not in builder.links.value


def test_an_export_that_cannot_write_is_a_sentence_and_keeps_the_plan(tmp_path):
    builder = build(tmp_path)
    builder.answer = plan.fernhill_example()
    (tmp_path / "my-outcome-plan.md").mkdir()  # in the way
    assert builder.export() is None
    assert "Could not write the plan" in builder.feedback.value and "Traceback" not in builder.feedback.value
    assert "Exporting" not in builder.links.value, "a failed export does not say it is still exporting"
    assert not builder.export_button.disabled
    assert plan.problems(builder.plan) == [] and plan.problems(saved(tmp_path)) == []


def test_export_is_one_click_at_a_time_and_says_the_first_takes_longer(tmp_path, monkeypatch):
    """The first export draws charts for a while (15 s on a class laptop): a second click must not start another."""
    builder = build(tmp_path)
    seen = []
    real = plan.export
    monkeypatch.setattr(plan, "export", lambda *a, **k: (seen.append((builder.export_button.disabled,
                                                                       builder.links.value)), real(*a, **k))[1])
    builder.export_button.click()
    assert seen[0][0] is True and "the first time" in seen[0][1]
    assert not builder.export_button.disabled and "Exported" in builder.links.value


@pytest.mark.parametrize("bad, words", [
    ("a plan", "is a dictionary"), ({"outcomes": "O1"}, "'outcomes' is a list"),
    ({"outcomes": [{"id": "O7"}]}, "'O7' is not one of them"),
    ({"outcomes": [{"id": "O1"}, {"id": "O1"}]}, "share an id"),
    ({"outcomes": [{"id": "O1", "leading": [{"measure": "m"}] * 3}]}, "O1 has 3 leading measures"),
    ({"guardrails": [{"measure": "m", "limit": "l"}] * 4}, "holds 3 guardrails"),
    ({"deliverables": [{"id": "D99", "deliverable": "x"}]}, "D99 is not one of this plan's deliverables"),
])
def test_bad_input_is_a_sentence_and_changes_nothing(tmp_path, bad, words):
    builder = build(tmp_path)
    builder.answer = plan.fernhill_example()
    before = saved(tmp_path)
    with pytest.raises(WorkshopError, match=words):
        builder.answer = bad
    assert saved(tmp_path) == before and builder.plan == before
    assert "Traceback" not in builder.feedback.value and builder.feedback.value


def test_a_saved_place_the_dropdown_lacks_is_kept(tmp_path):
    example = plan.fernhill_example()
    example["deliverables"][0]["outcome"] = "O7"
    builder = build(tmp_path)
    with pytest.raises(WorkshopError):
        builder.answer = {**example, "outcomes": example["outcomes"] + [dict(example["outcomes"][0], id="O7")]}
    builder.answer = example
    assert builder.rows["D01"]["outcome"].value == "O7"
    assert "D01 sits under O7, which is not an outcome of this plan" in " ".join(plan.problems(builder.plan))


def test_a_saved_plan_bigger_than_the_defaults_gets_room_for_everything(tmp_path):
    from workshop_utils.answers import AnswerStore

    example = plan.fernhill_example()
    example["outcomes"][0]["leading"] *= 3
    example["guardrails"] *= 2
    example["outcomes"] += [dict(example["outcomes"][1], id="O5"), dict(example["outcomes"][1], id="O6")]
    AnswerStore(NOTEBOOK, tmp_path).save(QID, example)
    builder = build(tmp_path)
    assert list(builder.slots)[-1] == "O6" and len(builder.guardrails) == 4
    assert builder.plan == as_typed(plan.normalise(example))
    assert any("has 6 outcomes" in p for p in plan.problems(builder.plan))


def test_own_deliverables_from_the_loader_and_a_saved_row_that_left_the_table(tmp_path):
    frame = pd.DataFrame({"deliverable": ["Self-service returns", "Chatbot 2.0"], "id": ["R1", "R2"],
                          "description": ["", ""], "team": ["CS", "CS"], "due": ["", ""], "goal": ["", ""],
                          "status": ["", ""], "cost": [1, 2]})
    builder = build(tmp_path, deliverables=frame)
    assert list(builder.rows) == ["R1", "R2"]
    builder.rows["R2"]["outcome"].value = plan.DROP
    smaller = build(tmp_path, deliverables=frame.iloc[:1])
    assert list(smaller.rows) == ["R1", "R2"] and smaller.rows["R2"]["outcome"].value == "drop"


def test_switching_to_own_deliverables_keeps_only_the_rows_the_participant_worked_on(tmp_path):
    """Typing in the builder first (Fernhill's charter), then loading one's own list: Fernhill's untouched rows go,
    so the plan is not left with rows to place that are not the team's; a row placed or explained stays."""
    first = build(tmp_path)
    first.title.value = "Returns that cost less"
    first.rows["D03"]["assumption"].value = "why it would move returns"
    first.rows["D05"]["outcome"].value = plan.DROP
    frame = pd.DataFrame({"deliverable": ["Self-service returns"], "id": ["R1"], "description": [""], "team": [""],
                          "due": [""], "goal": [""], "status": [""], "cost": [1]})
    own = build(tmp_path, deliverables=frame)
    assert list(own.rows) == ["R1", "D03", "D05"]
    assert own.rows["D05"]["outcome"].value == "drop" and own.title.value == "Returns that cost less"
    assert "D01" not in plan.untraced(own.plan)


def test_a_broken_saved_value_is_reported_and_the_builder_still_appears(tmp_path):
    from workshop_utils.answers import AnswerStore

    AnswerStore(NOTEBOOK, tmp_path).save(QID, {"outcomes": "broken"})
    builder = build(tmp_path)
    assert "could not be shown" in builder.feedback.value and builder.plan["outcomes"] == []
    assert saved(tmp_path) == {"outcomes": "broken"}  # kept until the participant answers again


def test_every_control_is_labelled_for_screen_readers(tmp_path):
    builder = build(tmp_path)
    controls = builder._controls()
    assert all(c.description for c in controls)
    assert len({c.description for c in controls}) == len(controls), "each label names its outcome or row"
    assert builder.check_button.tooltip and builder.export_button.tooltip


def test_the_charters_goal_is_offered_as_the_why(tmp_path):
    rows = [{"id": "C1", "deliverable": "Welcome emails", "goal": "Members buy again"}]
    builder = build(tmp_path, deliverables=rows)
    assert builder.why.value == "" and builder.why.placeholder == "Your charter's goal: Members buy again"
