"""The hint ladder: a nudge, a worked step, then the explained answer (a graded item's only after two attempts).

Driven without a browser: the ladder's functions, the widgets' Hint button through the ipywidgets API, the
``hint`` cell helper, and the class report's column. Every graded item of every module is tried with 0 and 1
attempts: nothing of its answer may show before the rule allows.
"""

from __future__ import annotations

import json
import re

import pytest

from workshop_utils import answers, checks, hints, widgets
from workshop_utils.course import m00, m01, modules
from workshop_utils.errors import WorkshopError

NB = "01-output-vs-outcome"
# Modules whose hints are still to be written (hints=() and no why yet): none now. A new module's author may list it
# here while writing; the content tests below then skip it, and hold every other module to the same standard.
HINTS_TO_WRITE: set[str] = set()

ALL = [q for module in modules() for q in module.QUESTIONS]
GRADED = [q for q in ALL if q.points]
WITH_HINTS = [q for q in ALL if q.qid.split(".")[0] not in HINTS_TO_WRITE]


def _ids(questions):
    return [q.qid for q in questions]


def _entry(folder, notebook, qid):
    return json.loads((folder / "answers" / f"{notebook}.json").read_text())["answers"][qid]


@pytest.fixture
def in_notebook(in_tmp, monkeypatch):
    """As inside a notebook whose set-up cell ran ``NOTEBOOK = "01-output-vs-outcome"``."""
    monkeypatch.setattr(hints, "_user_namespace", lambda: {"NOTEBOOK": NB})
    return in_tmp


# -- the rules ---------------------------------------------------------------------------------------------


def test_a_practice_item_opens_every_rung_in_turn(in_tmp):
    q = checks.question("m00.practice_sort")
    first = hints.rung(q.qid, "00-start-here")
    assert (first.level, first.total, first.open, first.label) == (1, 3, True, "Hint (1 of 3)")
    assert first.text == q.hints[0]
    assert hints.rung(q.qid, "00-start-here").text == q.hints[1]
    last = hints.rung(q.qid, "00-start-here")
    assert last.level == 3 and last.open and "Publish a new bus timetable app → output" in last.text
    assert "Why: " + q.why in last.text
    assert hints.rung(q.qid, "00-start-here").level == 3, "the last rung stays"
    entry = _entry(in_tmp, "00-start-here", q.qid)
    assert entry["hint_level"] == 3 and set(entry["hint_times"]) == {"1", "2", "3"} and entry["value"] is None
    assert "answer_after" not in entry, "taking a practice item's answer is not a graded event"


def test_a_practice_item_gives_its_answer_at_once_on_request(in_tmp):
    shown = hints.rung("m00.practice_number", "00-start-here", level=3)
    assert shown.open and "0.50" in shown.text and "50%" in shown.text


def test_a_graded_item_opens_its_answer_after_two_attempts_and_records_it(in_tmp):
    store = answers.store_for(NB)
    q = checks.question("m01.classify")
    total = len(q.hints) + 1
    locked = hints.rung(q.qid, NB, level=total)
    assert not locked.open and "you have made 0, so 2 more to go" in locked.text
    wrong = dict.fromkeys(m01.CLASSIFY_KEY, "output")
    assert hints.count_attempt(store, q.qid, wrong) == 1
    assert hints.count_attempt(store, q.qid, wrong) == 1, "the same answer checked again is not a new attempt"
    assert hints.count_attempt(store, q.qid, {}) == 1, "an empty answer is no attempt"
    assert "1 more to go" in hints.rung(q.qid, NB, level=total).text
    assert hints.count_attempt(store, q.qid, {**wrong, list(wrong)[0]: "outcome"}) == 2
    shown = hints.rung(q.qid, NB, level=total)
    assert shown.open and shown.text.startswith(hints.explained_answer(q)) and "Recorded: you took" in shown.text
    entry = _entry(in_tmp, NB, q.qid)
    assert entry["answer_after"] == 2 and entry["attempts"] == 2 and entry["hint_level"] == total


def test_a_locked_answer_is_not_recorded_as_taken(in_tmp):
    q = checks.question("m01.delivery_rate")
    for _ in range(len(q.hints) + 2):
        hints.rung(q.qid, NB)
    entry = _entry(in_tmp, NB, q.qid) if q.hints else {}
    assert entry.get("hint_level", 0) == len(q.hints) and "answer_after" not in entry


def test_a_rung_out_of_range_is_a_sentence(in_tmp):
    with pytest.raises(WorkshopError, match="has hints 1 to 3"):
        hints.rung("m00.practice_sort", "00-start-here", level=4)


def test_a_hand_graded_item_counts_each_new_draft(in_tmp):
    q = checks.question("m01.reframe")
    total = len(q.hints) + 1
    hints.rung(q.qid, NB, answer="We roll out tablets.")
    hints.rung(q.qid, NB, answer="We roll out tablets.")
    assert not hints.rung(q.qid, NB, level=total).open
    shown = hints.rung(q.qid, NB, level=total, answer="Store staff answer questions on the floor.")
    assert shown.open and q.solution in shown.text and "The rubric a person grades it with:" in shown.text
    assert "who (0.5)" in shown.text and _entry(in_tmp, NB, q.qid)["answer_after"] == 2


def test_an_old_answers_file_still_loads_and_keeps_its_answers(in_tmp):
    path = in_tmp / "answers" / f"{NB}.json"
    path.parent.mkdir()
    old = {"format": answers.FORMAT, "notebook": NB,
           "answers": {"m01.verdict": {"value": ["a"], "saved_at": "2026-01-01T00:00:00+00:00"}}}
    path.write_text(json.dumps(old))
    assert answers.damage(path) is None
    old["answers"]["m00.practice_sort"] = {"value": {"Publish a new bus timetable app": "output"}}
    path.write_text(json.dumps(old))
    assert hints.rung("m00.practice_sort", NB).level == 1
    store = answers.AnswerStore(NB)
    assert store.get("m01.verdict") == ["a"] and store.warnings == []
    assert store.entry("m00.practice_sort")["hint_level"] == 1
    assert store.get("m00.practice_sort") == {"Publish a new bus timetable app": "output"}


def test_saving_an_answer_keeps_the_ladder_record_and_forgetting_keeps_it_too(in_tmp):
    store = answers.AnswerStore(NB)
    store.record("m01.verdict", attempts=1, hint_level=2)
    assert store.get("m01.verdict") is None and answers.read_only(store.path)["m01.verdict"]["value"] is None
    store.save("m01.verdict", ["x"])
    assert store.entry("m01.verdict")["attempts"] == 1 and store.get("m01.verdict") == ["x"]
    store.forget("m01.verdict")
    assert store.entry("m01.verdict") == {"attempts": 1, "hint_level": 2, "value": None}
    with pytest.raises(WorkshopError, match="not a field"):
        store.record("m01.verdict", value=3)


# -- nothing of the answer before the rule allows -------------------------------------------------------------


def _key_fragments(q) -> list[str]:
    """Pieces of text that give a graded item's answer away."""
    value = hints.model_answer(q)
    found = [hints.explained_answer(q)]
    if q.kind == "classify" and isinstance(value, dict):
        found += [f"{item} → {label}" for item, label in value.items()]
    elif q.kind == "select" and value:
        found += ["☑ " + option for option in value]
    elif q.kind == "value" and value is not None and not float(value).is_integer():
        found += [f"{float(value):.2f}", f"{float(value):.0%}"]
    elif q.kind == "text" and isinstance(value, str):
        found.append(value)
    return found


@pytest.mark.parametrize("attempts", [0, 1])
@pytest.mark.parametrize("q", GRADED, ids=_ids(GRADED))
def test_no_graded_answer_shows_before_two_attempts(q, attempts, in_tmp):
    store = answers.store_for("leak")
    for n in range(attempts):
        store.record(q.qid, attempts=n + 1, last_checked=f"try{n}")
    texts = [str(hints.rung(q.qid, "leak")) for _ in range(len(q.hints) + 2)]
    texts.append(str(hints.rung(q.qid, "leak", level=len(q.hints) + 1)))
    for fragment in _key_fragments(q):
        assert not any(fragment in text for text in texts), f"{q.qid} shows {fragment[:60]!r} too early"
    assert "answer_after" not in store.entry(q.qid)


@pytest.mark.parametrize("q", GRADED, ids=_ids(GRADED))
def test_every_graded_item_has_an_explained_answer(q):
    text = hints.explained_answer(q)
    assert text and "None" not in text.splitlines()[0]
    if q.kind != "text":
        assert hints.model_answer(q) is not None


# -- the content: modules with hints written ------------------------------------------------------------------


@pytest.mark.parametrize("q", WITH_HINTS, ids=_ids(WITH_HINTS))
def test_every_item_has_a_nudge_and_a_worked_step(q):
    assert len(q.hints) == 2, f"{q.qid}: hints=(nudge, worked step)"
    nudge, step = q.hints
    assert 20 <= len(nudge) <= 400 and 40 <= len(step) <= 700
    assert nudge != step and all(h.strip() == h and h[-1] in ".?!)'" for h in q.hints)
    if q.points or q.solution is not None or q.check is not None:  # a reflection or a draft has no model answer
        assert q.why and 1 <= len(re.findall(r"[.!?](?:\s|$)", q.why)) <= 3, f"{q.qid}: why, one to three sentences"
    american = re.compile(r"\b(color(?!=)|behaviors?|organizations?|analyze|center|favor|prioritize)\b", re.I)
    assert not any(american.search(text) for text in (*q.hints, q.why)), "British spelling (code keeps color=)"


@pytest.mark.parametrize("q", [q for q in WITH_HINTS if q.points and q.hints], ids=_ids([q for q in WITH_HINTS
                                                                                        if q.points and q.hints]))
def test_a_graded_items_hints_name_none_of_its_key(q):
    value = hints.model_answer(q)
    text = " ".join(q.hints)
    if q.kind == "classify":
        quoted = [item for item in q.options if item in text]
        assert not quoted, f"{q.qid}: a hint quotes a graded statement: {quoted[0]!r}"
        assert not re.search(r"\b(is|are) (an? )?(output|outcome)s?\b.*\bgraded\b", text)
    elif q.kind == "select":
        assert not [option for option in value if option in text]
    elif q.kind == "value" and not float(value).is_integer():
        assert f"{float(value):.2f}" not in text and f"{float(value):.0%}" not in text
    elif q.kind == "text" and isinstance(value, str):
        assert value not in text


def test_the_modules_still_to_hint_are_the_only_ones_skipped():
    have = {q.qid.split(".")[0] for q in ALL}
    assert {"m00", "m01", "m02", "m03", "m04", "m05", "m06"} <= have - HINTS_TO_WRITE


# -- the widgets' Hint button ---------------------------------------------------------------------------------


def test_the_hint_button_walks_a_practice_ladder_and_keeps_the_answer(in_tmp):
    q = widgets.classify("m00.practice_sort", "00-start-here")
    first = list(q.controls)[0]
    q.controls[first].value = "output"
    assert q.hint_button.description == "Hint (1 of 3)"
    q.hint_button.click()
    assert 'aria-live="polite"' in q.hint_area.value and "Hint (1 of 3)" in q.hint_area.value
    assert q.hint_button.description == "Hint (2 of 3)"
    q.hint_button.click()
    q.hint_button.click()
    assert "→" in q.hint_area.value and q.hint_button.description == "Hint (3 of 3)"
    assert q.controls[first].value == "output" and q.answer == {first: "output"}
    again = widgets.classify("m00.practice_sort", "00-start-here")
    assert again.hint_button.description == "Hint (3 of 3)", "the ladder's place survives a restart"


def test_the_hint_button_of_a_graded_item_says_how_many_attempts_remain(in_tmp):
    q = widgets.choose("m01.verdict", NB)
    total = len(checks.question("m01.verdict").hints) + 1
    for _ in range(total):
        q.hint_button.click()
    assert "2 more to go" in q.hint_area.value and "☑" not in q.hint_area.value
    options = list(q.controls)
    q.controls[options[0]].value = True
    q.check_button.click()
    q.check_button.click()
    q.hint_button.click()
    assert "1 more to go" in q.hint_area.value
    q.controls[options[1]].value = True
    q.check_button.click()
    q.hint_button.click()
    assert "☑" in q.hint_area.value and _entry(in_tmp, NB, "m01.verdict")["answer_after"] == 2
    assert "Recorded: you took the explained answer after 2 attempts" in q.hint_area.value, \
        "the learner is told that taking the answer is recorded, as the guide says"
    assert q.answer == sorted(options[:2])


def test_every_answer_widget_kind_has_a_hint_button_beside_its_answer(in_tmp):
    made = [widgets.classify("m01.classify", NB), widgets.choose("m01.verdict", NB), widgets.write("m01.reflect", NB),
            widgets.rewrite("m02.practice_rewrite", "02-reframing-deliverables", debounce=0),
            widgets.mission("m04.practice_mission", "04-solution-vs-mission", debounce=0)]
    for widget in made:
        assert _contains(widget.box, widget.hint_button) and _contains(widget.box, widget.hint_area)
        assert widget.hint_button.description.startswith("Hint (1 of ")


def test_a_writers_draft_counts_as_an_attempt_when_hinted(in_tmp):
    q = widgets.write("m01.reframe", NB)
    total = len(checks.question("m01.reframe").hints) + 1
    q.area.value = "A first draft."
    q.hint(level=total)
    q.area.value = "A second draft."
    shown = q.hint(level=total)
    assert shown.open and "A model answer:" in q.hint_area.value and q.answer == "A second draft."


def test_a_hint_that_cannot_be_saved_is_a_sentence(in_tmp, monkeypatch):
    q = widgets.classify("m00.practice_sort", "00-start-here")

    def broken(*_args, **_kw):
        raise OSError("disk full")

    monkeypatch.setattr(answers.files, "write_text", broken)
    q.hint_button.click()
    assert "Could not save" in q.feedback.value and "Traceback" not in q.feedback.value


def _contains(box, widget) -> bool:
    return box is widget or any(_contains(child, widget) for child in getattr(box, "children", ()))


# -- the cell helper and the self-check cells -----------------------------------------------------------------


def test_the_hint_helper_prints_the_next_rung_of_the_running_notebook(in_notebook, capsys):
    shown = checks.hint("m00.practice_number")
    printed = capsys.readouterr().out
    assert printed.startswith(shown.label) and shown.text in printed
    assert (in_notebook / "answers" / f"{NB}.json").exists()


def test_a_printed_hint_is_not_shown_again_as_the_cells_result(in_notebook, capsys, monkeypatch):
    """`checks.hint(...)` as a cell's last line: printed once, and its result adds nothing (it appeared twice)."""
    import IPython.display

    shown_again = []
    monkeypatch.setattr(IPython.display, "display", lambda *args, **kw: shown_again.append(args))
    checks.hint("m00.practice_number")._ipython_display_()
    assert shown_again == [] and capsys.readouterr().out.startswith("Hint (")
    hints.rung("m00.practice_number")._ipython_display_()  # a rung nobody printed is shown
    assert len(shown_again) == 1 and "Hint (" in shown_again[0][0]["text/html"]


def test_the_hint_helper_finds_the_module_notebook_outside_one(in_tmp, capsys):
    hints.hint("m00.practice_number")
    assert (in_tmp / "answers" / "00-start-here.json").exists()


def test_self_check_cells_count_attempts_in_a_notebook_and_grading_does_not(in_notebook):
    for answer in (2, 2, 3):  # out of range: the self-check fails them
        with pytest.raises(checks.CheckFailed):
            checks.assert_passes("m01.delivery_rate", answer)
    assert _entry(in_notebook, NB, "m01.delivery_rate")["attempts"] == 2
    with pytest.raises(checks.CheckFailed):
        checks.assert_passes("m01.delivery_rate", 0.3, full=True)
    assert _entry(in_notebook, NB, "m01.delivery_rate")["attempts"] == 2, "hidden tests are grading, not attempts"


def test_outside_a_notebook_a_self_check_writes_nothing(in_tmp):
    checks.assert_passes("m00.practice_number", 0.5)
    assert not (in_tmp / "answers").exists()


# -- the class report -----------------------------------------------------------------------------------------


def test_the_ladder_summary_counts_each_rung_and_the_answer():
    entries = [{"hint_level": 1}, {"hint_level": 3, "answer_after": 2}, {"hint_level": 2}, {"value": 1}, "junk"]
    counts = hints.summary(entries, total=3)
    assert counts["took"] == {1: 3, 2: 2, 3: 1} and counts["answer_after"] == [2]
    assert hints.summary_text(counts) == "hints: 3 took rung 1, 2 rung 2, 1 the answer"
    assert hints.summary_text(hints.summary([{"value": 1}])) == ""


def test_the_report_reads_the_ladder_from_the_hand_ins(tmp_path):
    from workshop_utils.grading import report

    module = "00-start-here"
    levels = {"ada": 3, "bo": 1, "cy": 0, "di": 2}
    for student, level in levels.items():
        folder = tmp_path / "autograded" / student / module / "answers"
        folder.mkdir(parents=True)
        entry = {"value": None, "hint_level": level, **({"answer_after": 4} if level == 3 else {})}
        (folder / f"{module}.json").write_text(json.dumps({"format": answers.FORMAT, "notebook": module,
                                                           "answers": {"m00.practice_sort": entry}}))
    found = report._hint_ladders(tmp_path, module, {"module": "00"}, list(levels))
    assert found == {"practice_sort": "hints: 3 took rung 1, 2 rung 2, 1 the answer"}


def test_the_report_page_shows_the_ladder_column_only_when_hints_were_taken():
    from workshop_utils.grading import report

    from .test_report import _context  # the report tests' hand-made context

    context = _context()
    assert "hint ladder" not in report.render(context)
    module = context["modules"][0]
    module["any_hints"] = True
    module["item_rows"][0]["hints"] = "hints: 2 took rung 1, 1 rung 2, 1 the answer"
    page = report.render(context)
    assert "<th>hint ladder</th>" in page and "hints: 2 took rung 1, 1 rung 2, 1 the answer" in page


def test_m00_is_hinted_as_the_model():
    assert all(len(q.hints) == 2 and q.why for q in m00.QUESTIONS)


def test_a_feedback_page_says_when_the_answer_was_taken():
    import nbformat

    from workshop_utils.grading import feedback

    from .conftest import ROOT

    def read(folder):
        return nbformat.read(ROOT / folder / NB / f"{NB}.ipynb", as_version=4)

    notebook = read("solutions")
    saved = {"m01.classify": {"value": {}, "answer_after": 3}, "m01.delivery_rate": {"value": None, "answer_after": 2},
             "m01.verdict": {"value": ["x"], "hint_level": 1}}
    feedback.sanitise(notebook, read("exercises"), saved)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in notebook.cells}
    assert cells["classify-widget"].outputs[0]["text"].endswith("You took the explained answer after 3 attempts.\n")
    assert cells["delivery_rate-self"].source.startswith("# You took the explained answer after 2 attempts.\n")
    assert "explained answer" not in cells["verdict-widget"].outputs[0]["text"]
    assert "explained answer" not in cells["classify-self"].source, "said once, under the widget's answer"
    assert feedback.ladder_note({"answer_after": 1}) == "You took the explained answer after 1 attempt."
