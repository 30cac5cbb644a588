"""The capstone's outcome plan: shape, structural checks, saving and loading (workshop_utils.plan)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from workshop_utils import plan
from workshop_utils.answers import AnswerStore
from workshop_utils.errors import WorkshopError


@pytest.fixture
def example():
    return plan.fernhill_example()


def _delete(example, oid, name):
    outcome = next(o for o in example["outcomes"] if o["id"] == oid)
    outcome[name] = ""
    return example


# -- building -----------------------------------------------------------------------------------

def test_empty_plan_has_every_key_and_every_problem_at_once():
    empty = plan.empty_plan("My plan", "Returns")
    assert set(empty) == {"title", "team", "why", "outcomes", "guardrails", "partners", "deliverables", "cadence",
                          "checkin_30_days"}
    assert (empty["title"], empty["team"]) == ("My plan", "Returns")
    found = plan.problems(empty)
    assert len(found) == 5
    assert any("0 outcomes" in p for p in found) and any("guardrail" in p for p in found)
    assert any("cadence" in p for p in found) and any("30-day" in p for p in found) and any("why" in p for p in found)


def test_from_deliverables_takes_the_loader_frame_with_none_placed():
    frame = pd.DataFrame({"deliverable": ["Self-service returns", "Chatbot 2.0"], "id": ["D1", "D2"],
                          "description": ["", ""], "team": ["CS", "CS"], "due": ["2026-06", "2026-09"],
                          "goal": ["cost", "cost"], "status": ["planned", "planned"], "cost": [100, 200]})
    built = plan.from_deliverables(frame, title="Returns", team="CS")
    assert built["deliverables"] == [
        {"id": "D1", "deliverable": "Self-service returns", "outcome": "", "assumption": ""},
        {"id": "D2", "deliverable": "Chatbot 2.0", "outcome": "", "assumption": ""}]
    assert plan.untraced(built) == ["D1", "D2"]
    assert "D1 is not traced: place it under the outcome it would move, or drop it." in plan.problems(built)


def test_from_deliverables_numbers_rows_without_id_and_takes_module_02_columns():
    built = plan.from_deliverables([{"deliverable": "A"}, {"deliverable_id": "D09", "deliverable": "B"}])
    assert [d["id"] for d in built["deliverables"]] == ["D01", "D09"]
    assert [d["id"] for d in plan.from_deliverables({"X": "thing"})["deliverables"]] == ["X"]


@pytest.mark.parametrize("bad, words", [
    (42, "a table"), ([], "empty"), ([{"id": "D1", "deliverable": ""}], "no text"),
    ([{"id": "D1", "deliverable": "a"}, {"id": "D1", "deliverable": "b"}], "share the id D1"),
    (pd.DataFrame({"deliverable": [float("nan")], "id": ["D1"]}), "no text"),
])
def test_from_deliverables_bad_input_is_a_sentence(bad, words):
    with pytest.raises(WorkshopError, match=words):
        plan.from_deliverables(bad)


# -- the worked example -------------------------------------------------------------------------

def test_fernhill_example_is_complete(example):
    assert plan.problems(example) == []
    assert plan.outcome_ids(example) == ["O1", "O2", "O3", "O4"]
    assert plan.outcome_gaps(example) == {} and plan.measure_gaps(example) == {}
    assert plan.untraced(example) == [] and plan.has_guardrail(example)
    assert plan.statement_problems(example) == {}
    assert "D09" in plan.dropped(example)
    assert [d["id"] for d in plan.options_for(example, "O1")] == ["D08"]
    json.dumps(example, allow_nan=False)  # JSON-able as it stands


# -- structural rules, one at a time --------------------------------------------------------------

def test_missing_baseline_names_the_outcome_and_what_to_write(example):
    _delete(example, "O2", "baseline")
    assert plan.outcome_gaps(example) == {"O2": ["baseline"]}
    assert plan.problems(example) == ["O2 has no baseline: write where it is today, e.g. 'from 12%'."]


def test_every_outcome_field_is_required(example):
    for name in plan.OUTCOME_FIELDS:
        _delete(example, "O1", name)
    assert plan.outcome_gaps(example) == {"O1": list(plan.OUTCOME_FIELDS)}
    found = plan.problems(example)
    assert "O1 has no baseline source: say where the baseline comes from, e.g. 'returns log, last three months'." \
        in found
    assert sum(p.startswith("O1 has no ") for p in found) == len(plan.OUTCOME_FIELDS)


def test_a_number_counts_as_a_baseline_zero_included(example):
    example["outcomes"][0]["baseline"] = 0
    example["outcomes"][0]["target"] = 60.5
    assert plan.problems(example) == []


@pytest.mark.parametrize("count, words", [(2, "has 2 outcomes: write 3 to 5"), (6, "has 6 outcomes: keep the 5")])
def test_three_to_five_outcomes(example, count, words):
    outcomes = example["outcomes"]
    extra = [dict(outcomes[0], id=f"O{n}") for n in range(5, 7)]
    example["outcomes"] = (outcomes + extra)[:count]
    for row in example["deliverables"]:
        if row["outcome"] not in {o["id"] for o in example["outcomes"]} | {"drop"}:
            row["outcome"] = "drop"
    example["partners"] = [p for p in example["partners"] if p["outcome"] in plan.outcome_ids(example)]
    example["guardrails"][1]["outcome"] = ""
    assert [p for p in plan.problems(example) if "outcome" in p and "has" in p][0].endswith(
        "each a change in what people do." if count < 3 else "change the same people's behaviour.")
    assert any(words in p for p in plan.problems(example))


def test_duplicate_and_missing_outcome_ids(example):
    example["outcomes"][1]["id"] = "O1"
    example["outcomes"][2]["id"] = ""
    found = plan.problems(example)
    assert "Two outcomes share the id O1: give each its own, e.g. 'O2'." in found
    assert "Outcome 3 has no id: give it one, e.g. 'O3'." in found


def test_leading_and_lagging_measures_are_required(example):
    example["outcomes"][0]["leading"] = []
    example["outcomes"][1]["lagging"][0]["source"] = ""
    assert plan.measure_gaps(example) == {"O1": ["no leading measure"], "O2": ["lagging measure 1 has no source"]}
    found = plan.problems(example)
    assert any(p.startswith("O1 has no leading measure: add something that moves first") for p in found)
    assert "O2: the lagging measure 1 has no source: fill it in (the source says where the number will come from)." \
        in found


def test_an_all_blank_measure_row_is_ignored(example):
    example["outcomes"][0]["leading"].append({"measure": "", "baseline": "", "target": "", "source": ""})
    assert plan.measure_gaps(example) == {}


def test_guardrails(example):
    example["guardrails"] = []
    assert not plan.has_guardrail(example)
    assert any(p.startswith("The plan has no guardrail") for p in plan.problems(example))
    example["guardrails"] = [{"measure": "refund time", "limit": "", "outcome": "O9"}]
    assert not plan.has_guardrail(example)
    found = plan.problems(example)
    assert "Guardrail 1 has no limit: write both the measure and the line it must not cross." in found
    assert any(p.startswith("Guardrail 1 belongs to O9, which is not an outcome") for p in found)


def test_deliverables_must_be_traced_or_dropped(example):
    example["deliverables"][0]["outcome"] = ""
    example["deliverables"][1]["outcome"] = "O7"
    assert plan.untraced(example) == ["D01", "D02"]
    found = plan.problems(example)
    assert "D01 is not traced: place it under the outcome it would move, or drop it." in found
    assert "D02 sits under O7, which is not an outcome of this plan: place it under one of O1, O2, O3, O4, or drop " \
           "it." in found


def test_partners_need_an_ask(example):
    example["partners"][0]["ask"] = ""
    example["partners"][1]["outcome"] = "O8"
    example["partners"].append({"who": "", "ask": "", "offer": "", "outcome": ""})
    found = plan.problems(example)
    assert any(p.startswith("Customer Service has no ask") for p in found)
    assert any(p.startswith("Store managers is linked to O8") for p in found)
    assert "Partner 4 has no who: name the team or person whose help you need." in found
    assert any(p.startswith("Partner 4 has no ask") for p in found)


def test_cadence_and_checkin(example):
    example["cadence"] = " "
    example["checkin_30_days"] = ""
    found = plan.problems(example)
    assert len(found) == 2 and "cadence" in found[0] and "30-day check-in" in found[1]


@pytest.mark.parametrize("statement, words", [
    ("Launch self-service returns in the app by June 2026", "reads as an output: \"Launch self-service"),
    ("Deliverables and stuff", "reads as an output: no change in anyone's behaviour"),
    ("Members open the Rewards tab each week, from 2,000 to 5,000 by June 2026", "traction count"),
    ("Der Kunde kauft mehr ein", "does not read as an outcome yet: this does not read as English."),
])
def test_outputs_and_traction_statements_are_problems(example, statement, words):
    example["outcomes"][2]["statement"] = statement
    found = plan.statement_problems(example)
    assert list(found) == ["O3"] and words in found["O3"]
    assert found["O3"] in plan.problems(example)


# -- shape ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad, words", [
    ("plan", "is a dictionary"), ({"why": 3}, "'why' is text"), ({"outcomes": {}}, "'outcomes' is a list"),
    ({"outcomes": ["O1"]}, "Outcome 1 in 'outcomes' is a dictionary"),
    ({"outcomes": [{"id": "O1", "baseline": [1]}]}, "baseline of outcome 1 is text or a number"),
    ({"outcomes": [{"id": "O1", "baseline": True}]}, "baseline of outcome 1 is text or a number"),
    ({"outcomes": [{"id": "O1", "target": float("nan")}]}, "target of outcome 1 is text or a number"),
    ({"outcomes": [{"id": "O1", "leading": "visits"}]}, "leading measures of outcome 1 are a list"),
    ({"outcomes": [{"leading": [{"source": 3}]}]}, "source of leading measure 1 of outcome 1 is text"),
    ({"guardrails": [{"limit": 5}]}, "limit of guardrail 1 is text"),
    ({"deliverables": [{"id": 1}]}, "id of deliverable 1 is text"),
    ({"checkin_30_days": ["x"]}, "'30-day check-in' is text"),
])
def test_wrong_shapes_are_a_sentence(bad, words):
    with pytest.raises(WorkshopError, match=words):
        plan.validate_shape(bad)
    assert len(plan.problems(bad)) == 1


def test_normalise_fills_missing_keys_and_keeps_extras():
    full = plan.normalise({"why": "x", "outcomes": [{"id": "O1"}], "notes": "mine"})
    assert full["outcomes"][0] == plan.empty_outcome("O1")
    assert full["notes"] == "mine" and full["guardrails"] == [] and full["cadence"] == ""
    assert plan.validate_shape(plan.fernhill_example()) is None


# -- saving and loading -------------------------------------------------------------------------

def test_save_and_load_round_trip(tmp_path, example):
    path = plan.save(example, tmp_path / "sub" / "plan.json")
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == plan.FORMAT
    assert plan.load(path) == plan.normalise(example)
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(example), encoding="utf-8")
    assert plan.load(bare) == plan.normalise(example)


def test_load_finds_the_plan_in_an_answers_file(tmp_path, example):
    store = AnswerStore("06-capstone", tmp_path)
    store.save("m06.other", "a text answer")
    store.save("m06.plan", example)
    assert plan.load(store.path) == plan.normalise(example)
    assert plan.load(store.path, qid="m06.plan") == plan.normalise(example)
    with pytest.raises(WorkshopError, match="no answer to 'm06.nope'"):
        plan.load(store.path, qid="m06.nope")
    store.save("m06.plan2", example)
    with pytest.raises(WorkshopError, match="holds 2 plans .*--qid m06.plan"):
        plan.load(store.path)
    empty = AnswerStore("06-empty", tmp_path)
    empty.save("m06.other", "x")
    with pytest.raises(WorkshopError, match="no outcome plan yet"):
        plan.load(empty.path)


@pytest.mark.parametrize("content, words", [
    (b'{"why": "x", "outc', "is damaged: it is not valid JSON"), (b"\xff\xfe\x00", "not a text file"),
    (b'{"why": 5}', "does not hold a usable plan: The plan's 'why' is text"), (b"[1, 2]", "is a dictionary"),
])
def test_load_reports_a_damaged_file(tmp_path, content, words):
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    with pytest.raises(WorkshopError, match=words):
        plan.load(path)


def test_load_missing_file_and_folder(tmp_path):
    with pytest.raises(WorkshopError, match="There is no file"):
        plan.load(tmp_path / "nope.json")
    with pytest.raises(WorkshopError, match="is a folder"):
        plan.load(tmp_path)


@pytest.mark.parametrize("value, expected", [
    (12, 12.0), ("12%", 12.0), ("from €7.80", 7.8), ("1,200 a week", 1200.0), ("7,80", 7.8), ("−3", -3.0),
    ("none yet", None), (True, None), (float("inf"), None), (None, None),
])
def test_number(value, expected):
    assert plan.number(value) == expected


# -- export ----------------------------------------------------------------------------------------

def _hostile(example):
    example["title"] = 'Plan "A" <script>alert(1)</script>'
    example["outcomes"][0]["statement"] += " <script>alert('x')</script>"
    example["partners"][0]["ask"] = "<img src=x onerror=alert(1)> | pipes"
    example["deliverables"][0]["deliverable"] = "<a href='https://example.org'>link</a>"
    example["outcomes"][0]["leading"][0]["measure"] = "</svg><script>alert(2)</script>"  # drawn in the chart too
    example["why"] = "First line\n<b>second</b> line"
    return example


def test_markdown_is_a_readable_take_away(example):
    text = plan.to_markdown(example)
    for heading in ("# Online orders that cost less to serve", "## Why", "## Outcomes", "### O1. Online customers",
                    "## Guardrails", "## Partners to influence", "## Deliverables dropped",
                    "## Recalibration cadence", "## First 30-day check-in", "## Still to do"):
        assert heading in text
    o1 = text.split("### O1.")[1].split("### O2.")[0]
    assert "- D08: Self-service returns in the app. *Assumption:* Customers contact us" in o1
    assert "| returns started in the app each week | leading | 180 | 500 | app events, weekly |" in o1
    assert "Baseline from: returns log" in o1 and "**Guardrail:** returns refunded within 5 days" in o1
    dropped = text.split("## Deliverables dropped")[1].split("##")[0]
    assert "- D09: Chatbot 2.0 on a new language model" in dropped
    assert "Nothing: every structural check passes." in text
    assert "not placed yet" not in text


def test_markdown_lists_what_is_still_to_do():
    draft = plan.from_deliverables({"D1": "Self-service returns"}, title="Draft")
    text = plan.to_markdown(draft)
    assert "## Deliverables not placed yet\n\n- D1: Self-service returns" in text
    todo = text.split("## Still to do")[1]
    assert "- [ ] D1 is not traced" in todo and "- [ ] The plan has 0 outcomes" in todo
    assert "*No outcomes yet.*" in text


def test_markdown_neutralises_html_and_pipes(example):
    text = plan.to_markdown(_hostile(example))
    assert "<script" not in text and "<img" not in text and "<a " not in text
    assert "&lt;script&gt;" in text and "\\| pipes" in text
    assert "## Why\n\nFirst line  \n&lt;b&gt;second&lt;/b&gt; line\n" in text  # its line break kept


def test_html_is_one_self_contained_page(example):
    page = plan.to_html(example)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert 'name="viewport"' in page and "@media print" in page
    lowered = page.lower()
    for external in ("<script", "<link", "<iframe", "@import", "url(", "src=", "https://", "//cdn"):
        assert external not in lowered, external
    assert all(link.startswith("#") for link in re.findall(r'href="([^"]*)"', page))  # links within the page only
    assert set(re.findall(r"http://[^\"' ]+", page)) <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert "default-src 'none'" in page  # even a missed reference could not load


def test_html_charts_are_inline_svg_with_their_description(example):
    page = plan.to_html(example)
    figures = re.findall(r'<figure class="chart">(.*?)</figure>', page, flags=re.S)
    assert len(figures) == 4
    for oid, figure in zip(plan.outcome_ids(example), figures, strict=True):
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, flags=re.S).group(1)
        assert caption.startswith(f"For {oid}, where each measure starts")
        assert figure.startswith('<svg role="img" aria-label="' + caption.replace("'", "&#x27;")[:40])
    assert "Outcome: % of returns started in the app with no call, email or chat from 22% to 60%" in figures[0]


def test_html_escapes_every_text_of_the_plan(example):
    page = plan.to_html(_hostile(example))
    assert "<script" not in page.lower() and "<img" not in page and "onerror=alert(1)>" not in page
    assert "<title>Plan &quot;A&quot; &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert "&lt;img src=x onerror=alert(1)&gt; | pipes" in page
    assert "<a href='https://example.org'>" not in page
    assert page.count("</svg>") == 4 and "&lt;/svg&gt;&lt;script&gt;" in page
    assert "<p>First line<br>&lt;b&gt;second&lt;/b&gt; line</p>" in page


def test_outcome_chart_spec(example):
    chart = plan.outcome_chart(example, "O2")
    spec = chart.to_dict()
    assert spec["title"]["text"][0].startswith("O2: Online shoppers")
    assert spec["description"] == ("For O2, where each measure starts and where it should be: Outcome: % of online "
                                   "orders collected in a store from 11% to 25%; Leading: click & collect orders ready "
                                   "within one hour from 48% to 90%; Lagging: delivery cost per online order from "
                                   "€3.10 to €2.40.")
    assert len(spec["vconcat"]) == 3
    example["outcomes"][1].update(baseline="not measured yet", leading=[], lagging=[])
    assert plan.chart_rows(example, "O2") == [] and plan.outcome_chart(example, "O2") is None
    with pytest.raises(WorkshopError, match="no outcome 'O9'"):
        plan.chart_rows(example, "O9")


def test_html_without_numbers_or_outcomes_has_no_chart():
    page = plan.to_html(plan.empty_plan("Draft"))
    assert "<figure" not in page and "No outcomes yet." in page and 'id="still-to-do"' in page
    assert "5 items still to do" in page


def test_export_writes_both_files(tmp_path, example):
    md_path, html_path = plan.export(example, tmp_path / "out")
    assert (md_path.name, html_path.name) == ("my-outcome-plan.md", "my-outcome-plan.html")
    assert md_path.read_text(encoding="utf-8") == plan.to_markdown(example)
    assert html_path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["my-outcome-plan.html", "my-outcome-plan.md"]
    assert plan.export(example, tmp_path, stem="fernhill")[0] == tmp_path / "fernhill.md"


@pytest.mark.parametrize("stem", ["../up", "a/b", "", "plan.html", 5])
def test_export_refuses_a_bad_stem(tmp_path, example, stem):
    with pytest.raises(WorkshopError, match="not a usable file name"):
        plan.export(example, tmp_path, stem=stem)
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_file_is_a_sentence(tmp_path, example):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(WorkshopError, match="Could not write the plan into"):
        plan.export(example, blocker)
    with pytest.raises(WorkshopError, match="is a dictionary"):
        plan.export("not a plan", tmp_path)


def test_a_charter_with_one_goal_gives_the_plan_its_why():
    rows = [{"id": "C1", "deliverable": "Welcome emails", "goal": "Members buy again"},
            {"id": "C2", "deliverable": "New logo", "goal": "Members buy again"}]
    assert plan.from_deliverables(rows)["why"] == "Members buy again"
    assert plan.from_deliverables(rows, why="Mine")["why"] == "Mine"
    rows[1]["goal"] = "Fewer calls"
    assert plan.from_deliverables(rows)["why"] == ""


def test_load_from_the_notebook_reads_its_answers_file(tmp_path, example):
    AnswerStore("06-capstone-outcome-plan", tmp_path).save("m06.plan", example)
    assert plan.load(tmp_path / "06-capstone-outcome-plan.ipynb") == plan.normalise(example)
    with pytest.raises(WorkshopError, match="has no saved answers yet"):
        plan.load(tmp_path / "other.ipynb")


def test_problems_come_outcome_by_outcome(example):
    example["outcomes"][0]["statement"] = "Launch the returns app by June 2026"
    example["outcomes"][0]["target"] = ""
    example["outcomes"][1]["lagging"] = []
    example["outcomes"][2]["id"] = ""
    found = plan.problems(example)
    assert [p.split(" ")[0] for p in found] == ["Outcome", "O1's", "O1", "O2", "D07"]  # D07 sat under O3
    assert found[0] == "Outcome 3 has no id: give it one, e.g. 'O3'."
    assert found[1].startswith("O1's statement reads as an output: \"Launch the returns app\"")


def test_a_chart_that_cannot_be_drawn_leaves_a_sentence_not_a_traceback(example, monkeypatch):
    def broken(*_):
        raise ImportError("No module named 'vl_convert'")

    monkeypatch.setattr(plan, "chart_svg", broken)
    page = plan.to_html(example)
    assert "<figure" not in page and page.count("could not be drawn here (ImportError)") == 4
    monkeypatch.setattr(plan, "_ensure_charts_theme", broken)  # Altair itself missing
    page = plan.to_html(example)
    assert "<figure" not in page and page.count("could not be drawn here (ImportError)") == 4
    assert "every structural check passes" in page
