"""A self-check never shows a plain tick on an answer the grader marks wrong.

Every graded (points > 0, autograded) question of every course module is tried with every single
slip from its solution: a classification item moved to each other label, a selection option added
or dropped, a number replaced by each known slip and by the module's typical wrong answer, a chart
encoding's field or type changed, or its mark. Whenever the grader (``checks.grade``) marks the slip
wrong, the self-check (``checks.check``) must either fail with a hint, or pass only partially (◐,
not ✓) naming the very thing it did not check. Every known trap (an ``explain`` entry, a
``near_misses`` value) must be caught by the self-check with its own hint.

`workshop check` is tried as an ordinary account on a copy of a module's exercise with one slip: it
names the reason for every point lost, the rubric of each free-text item and its model answer.
"""

from __future__ import annotations

import re
from collections import Counter

import nbformat
import pytest

from workshop_utils import checks, course
from workshop_utils.grading import pipeline

from . import asuser
from .classroom import fill_answers, module_facts, write_submission
from .conftest import ROOT


def _graded_questions():
    found = []
    for module in course.modules():
        examples = module.examples() if hasattr(module, "examples") else {}
        for q in module.QUESTIONS:
            if q.points > 0 and q.check is not None:
                found.append((module, q, examples.get(q.qid)))
    return found


GRADED = _graded_questions()
COUNTS: dict[str, Counter] = {}


class _Spec:
    """A chart as the checker sees it: anything with ``to_dict()``."""

    def __init__(self, spec: dict):
        self.spec = spec

    def to_dict(self) -> dict:
        return self.spec


_TYPES = ("nominal", "ordinal", "quantitative", "temporal")


def _slips(q, right, wrong):
    """(what changed, the slipped answer) for every single slip from ``right``."""
    if q.kind == "classify":
        labels = q.labels or tuple(sorted(set(right.values())))
        return [(repr(item), {**right, item: label}) for item in right for label in labels if label != right[item]]
    if q.kind == "select":
        return [(option, sorted(set(right) ^ {option})) for option in q.options]
    if q.kind == "value":
        values = {float(v) for v in checks.traps(q.check)}
        if wrong is not None:
            values.add(float(wrong))
        return [("whether the value is exact", value) for value in sorted(values)]
    if q.kind == "chart":
        spec = right.to_dict()
        encoding = spec["encoding"]
        fields = sorted({e["field"] for e in encoding.values()} | {"spent_k"})
        slips = []
        for channel, enc in encoding.items():
            for field_name in fields:
                if field_name != enc["field"]:
                    slips.append((channel, _Spec({**spec, "encoding": {**encoding, channel: {**enc,
                                                                                             "field": field_name}}})))
            for kind in _TYPES:
                if kind != enc["type"]:
                    slips.append((channel, _Spec({**spec, "encoding": {**encoding, channel: {**enc, "type": kind}}})))
        for mark in ("line", "point", "area"):
            slips.append(("mark", _Spec({**spec, "mark": {"type": mark}})))
        if wrong is not None:
            slips.append(("misconception", wrong))
        return slips
    if q.kind == "map":
        return _map_slips(right)
    if q.kind == "plan":
        return _plan_slips(right)
    raise AssertionError(f"{q.qid}: no slips defined for kind {q.kind!r}; add them here")


def _moved(plan: dict, did: str, where) -> dict:
    """``plan`` with deliverable ``did`` moved under outcome number ``where`` (from 0) or to "dropped"."""
    outcomes = [{**o, "options": [x for x in o["options"] if x != did]} for o in plan["outcomes"]]
    dropped = [x for x in plan["dropped"] if x != did]
    if where == "dropped":
        dropped.append(did)
    else:
        outcomes[where]["options"].append(did)
    return {"outcomes": outcomes, "dropped": dropped, "behaviours": dict(plan["behaviours"])}


def _map_slips(right: dict):
    """An impact map: each deliverable moved to every other place, each given behaviour forgotten, each
    outcome removed or one of its parts left empty."""
    slips = []
    places = [*range(len(right["outcomes"])), "dropped"]
    ids = [*right["dropped"], *(did for o in right["outcomes"] for did in o["options"])]
    for did in ids:
        for where in places:
            slips.append((did, _moved(right, did, where)))
    for did in right["behaviours"]:
        slips.append((did, {**right, "behaviours": {k: v for k, v in right["behaviours"].items() if k != did}}))
    for n in range(len(right["outcomes"])):
        slips.append((f"outcome {n + 1}", {**right, "outcomes": right["outcomes"][:n] + right["outcomes"][n + 1:]}))
        for part in ("goal", "outcome", "measure"):
            changed = [dict(o) for o in right["outcomes"]]
            changed[n][part] = ""
            slips.append((f"outcome {n + 1}", {**right, "outcomes": changed}))
    return slips


def _plan_slips(right: dict):
    """An outcome plan (module 06): each outcome's field emptied, each measure and the guardrails removed, each
    deliverable unplaced, each outcome removed."""
    slips = []
    for n, outcome in enumerate(right["outcomes"]):
        for part in ("statement", "who", "behaviour", "measure", "baseline", "baseline_source", "target",
                     "timeframe", "leading", "lagging"):
            changed = [dict(o) for o in right["outcomes"]]
            changed[n][part] = [] if part in ("leading", "lagging") else ""
            slips.append((f"{outcome['id']} {part}", {**right, "outcomes": changed}))
        slips.append((outcome["id"], {**right, "outcomes": right["outcomes"][:n] + right["outcomes"][n + 1:]}))
    slips.append(("guardrails", {**right, "guardrails": []}))
    for n, row in enumerate(right["deliverables"]):
        changed = [dict(d) for d in right["deliverables"]]
        changed[n]["outcome"] = ""
        slips.append((row["id"], {**right, "deliverables": changed}))
    return slips


def _named(changed: str, unchecked: tuple[str, ...]) -> bool:
    if changed in ("mark", "misconception"):
        return bool(unchecked)
    return any(changed == item or f" {changed} " in f" {item} " for item in unchecked)


@pytest.mark.parametrize("module,q,example", GRADED, ids=[q.qid for _, q, _ in GRADED])
def test_no_plain_tick_on_a_slip_the_grader_marks_wrong(module, q, example):
    assert example is not None, f"{module.__name__}.examples() has no right answer for {q.qid}"
    right, wrong = example
    assert checks.grade(q.qid, right).passed, f"{q.qid}: the example's right answer does not score full marks"
    assert checks.check(q.qid, right).passed, f"{q.qid}: the self-check rejects the right answer"
    counts = COUNTS.setdefault(q.qid, Counter())
    problems = []
    for changed, slip in _slips(q, right, wrong):
        counts["slips"] += 1
        if checks.grade(q.qid, slip).passed:
            continue
        counts["graded wrong"] += 1
        feedback = checks.check(q.qid, slip)
        shown = feedback.text()
        if not feedback.passed:
            counts["caught"] += 1
            if not feedback.hint:
                problems.append(f"{changed}: fails without a hint: {shown!r}")
            continue
        if shown.startswith("✓") or "✓" in feedback._repr_html_():
            counts["plain tick"] += 1
            problems.append(f"{changed}: a plain tick: {shown!r}")
        elif feedback.partial and checks.NOT_CHECKED in shown and _named(changed, feedback.unchecked):
            counts["not checked here"] += 1
        else:
            problems.append(f"{changed}: passes without naming it as not checked: {shown!r}")
    assert not problems, f"{q.qid}:\n" + "\n".join(problems)


@pytest.mark.parametrize("module,q,example", GRADED, ids=[q.qid for _, q, _ in GRADED])
def test_every_known_trap_is_caught_with_its_own_hint(module, q, example):
    right, _ = example
    known = checks.traps(q.check)
    problems = []
    for trap, hint in known.items():
        if q.kind == "classify":
            labels = q.labels or tuple(sorted(set(right.values())))
            answers = [{**right, trap: label} for label in labels if label != right[trap]]
        elif q.kind == "select" and trap in right:  # left out: caught, never named (see the test below)
            continue
        elif q.kind == "select":
            answers = [sorted(set(right) ^ {trap})]
        elif q.kind == "map":  # kept under an outcome with no behaviour change of its own
            kept = _moved(right, trap, 0)
            answers = [{**kept, "behaviours": {k: v for k, v in kept["behaviours"].items() if k != trap}}]
        else:
            answers = [trap]
        for answer in answers:
            feedback = checks.check(q.qid, answer)
            if feedback.passed or feedback.hint != hint:
                problems.append(f"{trap!r}: {feedback.text()!r}")
    assert not problems, f"{q.qid}: known traps the self-check does not coach:\n" + "\n".join(problems)


@pytest.mark.parametrize("module,q,example", [g for g in GRADED if g[1].kind == "select"],
                         ids=[q.qid for _, q, _ in GRADED if q.kind == "select"])
def test_a_selection_self_check_never_walks_the_key(module, q, example):
    """An option that fits, left out, fails the self-check without being named: otherwise Check after Check
    from an empty answer would read out every explained option of the key, no thinking needed."""
    right, _ = example
    problems = []
    for answer in ([], *([option for option in right if option != left] for left in right)):
        feedback = checks.check(q.qid, answer)
        named = [option for option in set(right) - set(answer) if option in feedback.text()]
        if feedback.passed and not feedback.partial:
            problems.append(f"{answer}: a plain pass on an answer that leaves out what fits")
        elif named and not feedback.partial:
            problems.append(f"{answer}: names {named} in {feedback.text()!r}")
    assert not problems, f"{q.qid}:\n" + "\n".join(problems)


@pytest.mark.parametrize("module,q,example", [g for g in GRADED if g[1].kind == "select"],
                         ids=[q.qid for _, q, _ in GRADED if q.kind == "select"])
def test_naming_what_a_selection_leaves_to_the_grader_gives_nothing_away(module, q, example):
    right, _ = example
    feedback = checks.check(q.qid, right)
    if feedback.partial:
        hidden = set(feedback.unchecked)
        assert hidden & set(right) and hidden - set(right), (
            f"{q.qid}: the options left to the grader ({sorted(hidden)}) all fit or all do not: naming them "
            "gives the answer away; explain more of them")


def test_slip_counts():
    """The figures, per item and in all (run with -s to see them)."""
    if len(COUNTS) < len(GRADED):
        pytest.skip("run with the other tests of this file to collect the counts")
    total = sum(COUNTS.values(), Counter())
    lines = [f"{qid:30} " + ", ".join(f"{k} {c[k]}" for k in ("slips", "graded wrong", "caught", "not checked here",
                                                              "plain tick")) for qid, c in COUNTS.items()]
    print("\n" + "\n".join(lines) + f"\nall: {dict(total)}")
    assert total["graded wrong"] == total["caught"] + total["not checked here"]
    assert total["plain tick"] == 0


def test_a_partial_pass_is_marked_and_named_in_text_and_html():
    partial = checks.Feedback(True, "Looks right so far.", complete=False, unchecked=("'A'", "'B <b>'"))
    assert partial.text().startswith("◐ ") and "✓" not in partial.text()
    assert "Not checked here: 'A', 'B <b>'." in partial.text()
    assert checks.GRADED_MAY_TEST_MORE in partial.text()
    page = partial._repr_html_()
    assert "✓" not in page and "◐" in page and "&lt;b&gt;" in page and "workshop-feedback-partial" in page
    assert checks.Feedback(True, "fine").text().startswith("✓ ")
    assert checks.Feedback(False, "no").text().startswith("✗ ")


def test_a_partial_pass_still_passes_the_visible_test_cell(capsys):
    checks.assert_passes("m01.delivery_rate", 0.5)  # plausible, not exact: the visible point stands
    out = capsys.readouterr().out
    assert out.startswith("◐ ") and "Not checked here: whether the value is exact." in out
    with pytest.raises(checks.CheckFailed):
        checks.assert_passes("m01.delivery_rate", 0.5, full=True)


def _strip(text: str) -> str:
    return " ".join(text.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", "").split())


@pytest.mark.parametrize("module", [m for m in course.modules() if any(q.rubric for q in m.QUESTIONS)],
                         ids=lambda m: m.NOTEBOOK)
def test_every_free_text_item_has_its_model_answer(module):
    """`workshop check` shows it after grading: it must be the solution notebook's own answer."""
    nb = nbformat.read(ROOT / "solutions" / module.NOTEBOOK / f"{module.NOTEBOOK}.ipynb", as_version=4)
    model = {c.metadata["nbgrader"]["grade_id"]: _strip(c.source) for c in nb.cells
             if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "markdown"}
    for q in module.QUESTIONS:
        if q.check is None and q.points > 0:
            item = q.qid.split(".", 1)[1]
            assert q.rubric, f"{q.qid} has no rubric"
            # The block is the model answer, then "*Why:* ..." with the question's own explanation.
            answer, _, why = model[item].partition(" *Why:* ")
            assert isinstance(q.solution, str) and _strip(q.solution) == answer, q.qid
            assert q.why and _strip(q.why) == why, f"{q.qid}: the solution's why differs from the question's"


def test_failing_test_cells_give_their_reasons(tmp_path):
    nb = nbformat.v4.new_notebook()
    failed = nbformat.v4.new_code_cell("checks.assert_passes('m01.delivery_rate', x, full=True)")
    failed.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "delivery_rate-graded",
                                   "points": 2}
    failed.outputs = [nbformat.v4.new_output("error", ename="CheckFailed", evalue="✗ 0.833 is a slip.\nHint: h",
                                             traceback=["\x1b[0;31m✗ 0.833 is a slip.\x1b[0m", "Hint: h"])]
    crashed = nbformat.v4.new_code_cell("checks.assert_passes('m01.outcome_rate', y)")
    crashed.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "outcome_rate-self", "points": 1}
    crashed.outputs = [nbformat.v4.new_output("error", ename="NameError", evalue="name 'y' is not defined",
                                              traceback=["..."])]
    passed = nbformat.v4.new_code_cell("checks.assert_passes('m01.chart', c)")
    passed.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "chart-self", "points": 1}
    passed.outputs = [nbformat.v4.new_output("stream", name="stdout", text="◐ fine\n")]
    nb.cells = [failed, crashed, passed]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    reasons = pipeline.failed_tests(path)
    assert reasons == {"delivery_rate-graded": "✗ 0.833 is a slip.\nHint: h",
                       "outcome_rate-self": "NameError: name 'y' is not defined"}


@pytest.mark.slow
def test_workshop_check_explains_every_point_lost():
    """As a self-learner (an ordinary account): one slip in a copy of the exercise, then `workshop check`."""
    module_name = "01-output-vs-outcome"
    module = course.module_numbered(module_name)
    answers, points = module_facts(module_name)
    answers["delivery_rate"] = ('answer_delivery_rate = float((council["actual_end"] <= '
                                'council["planned_end"]).mean())')  # on time alone: the item's known slip
    base = asuser.workspace("workshop-selfcheck-")
    try:
        folder = base / module_name
        write_submission(ROOT / "exercises" / module_name, folder, module_name, lambda nb: fill_answers(nb, answers))
        asuser.give(base)
        done = asuser.run(["check", module_name, "--folder", str(folder)], home=base / "home", check=True)
    finally:
        asuser.remove(base)
    out = done.stdout
    best = sum(points.values())
    assert f"Automatically graded: {best - points['delivery_rate']:g} of {best:g} points." in out, out
    lost = out.split("delivery_rate", 1)[1].split("\n  outcome_rate", 1)[0]
    keys = module._keys()
    hint = checks.traps(checks.question("m01.delivery_rate").check)[keys["on_time_rate"]]
    assert "0 / 3" in lost and "is what a common slip gives" in lost and hint in " ".join(lost.split()), out
    free = [q for q in module.QUESTIONS if q.check is None and q.points > 0]
    for q in free:
        for criterion, text in q.rubric.items():
            assert criterion in out and " ".join(text.split()) in " ".join(out.split()), (criterion, out)
        assert " ".join(q.solution.split()) in " ".join(out.split()), out
    assert not re.search(r"\x1b\[", out), "no terminal colour codes in the reasons"


def _value_questions():
    return [(module, q) for module in course.modules() for q in module.QUESTIONS
            if q.kind == "value" and q.check is not None]


VALUES = _value_questions()


@pytest.mark.parametrize("module,q", VALUES, ids=[q.qid for _, q in VALUES])
def test_a_hint_never_points_at_a_value_the_check_knows_is_wrong(module, q):
    """A hint teaches how to get the number; a figure in it that is one of the item's known slips (the 0.25 of
    '1 of 4 is 0.25' where 0.25 is a slip) nudges towards a wrong answer."""
    check = q.check.resolve() if isinstance(q.check, checks.LazyCheck) else q.check
    slips = {round(float(v), 2) for v in checks.traps(check)} - {float(b) for b in check.bounds}  # "0 to 13": fine
    for name, hint in check.hints.items():
        figures = {round(float(f), 2) for f in re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)", hint)}
        assert not figures & slips, f"{q.qid}: its {name} hint names {sorted(figures & slips)}, a known slip"


@pytest.mark.parametrize("module,q", VALUES, ids=[q.qid for _, q in VALUES])
def test_a_count_is_a_whole_number_and_only_a_fraction_hears_so(module, q):
    """0.3 is never a plausible count, in the self-check either; a whole wrong count (16) is not told 'a count is
    a whole number'."""
    check = q.check.resolve() if isinstance(q.check, checks.LazyCheck) else q.check
    if "(a count)" not in q.prompt:
        return
    assert check.hints["whole"], f"{q.qid} asks for a count but does not require a whole number"
    fraction = checks.check(q.qid, 0.3)
    assert not fraction.passed and fraction.hint == check.hints["whole"], fraction.text()
    assert "whole number" not in check.hints["exact"] and "whole number" not in " ".join(checks.traps(check).values())
    for value in range(0, 17):
        feedback = checks.grade(q.qid, value)
        assert "A count is a whole number" not in feedback.text(), f"{q.qid}: {value} is whole: {feedback.text()}"


@pytest.mark.parametrize("qid,value,says", [
    ("m02.well_formed", 13, "That is every objective"),
    ("m02.practice_traced", 16, "That is every deliverable"),
])
def test_counting_every_row_is_a_known_slip(qid, value, says):
    feedback = checks.check(qid, value)
    assert not feedback.passed and says in feedback.text() and ".sum()" in feedback.hint, feedback.text()


@pytest.mark.parametrize("asked,other", [("m01.delivery_rate", "m01.outcome_rate"),
                                         ("m01.outcome_rate", "m01.delivery_rate")])
def test_the_two_shares_typed_in_each_others_place_are_a_known_slip(asked, other):
    from workshop_utils.course import m01

    swapped = m01.examples()[other][0]
    feedback = checks.check(asked, swapped)
    assert not feedback.passed and "the other question's number" in feedback.hint, feedback.text()


def test_a_chart_that_leaves_projects_out_fails_and_names_them():
    """Found by a self-learner trial: a chart of the 6 on-plan projects only had ◐ and 3 of 3 from the grader."""
    import altair as alt

    from workshop_utils import data, metrics

    card = metrics.scorecard(data.load("council_projects"))
    on_plan_only = alt.Chart(card[card["on_plan"]], title="T", description="Bars").mark_bar().encode(
        y="project:N", x="outcome_progress:Q", color="on_plan:N")
    left_out = sorted(card.loc[~card["on_plan"], "project"])
    for feedback in (checks.check("m01.chart", on_plan_only), checks.grade("m01.chart", on_plan_only)):
        assert not feedback.passed and f"shows {len(card) - len(left_out)} of the {len(card)} projects" in \
            feedback.message, feedback.text()
        assert all(name in feedback.message for name in left_out) and "do not filter" in feedback.hint
    filtered = alt.Chart(card, title="T", description="Bars").mark_bar().encode(
        y="project:N", x="outcome_progress:Q", color="on_plan:N").transform_filter("datum.on_plan")
    assert "filter transform leaves projects out" in checks.check("m01.chart", filtered).message
    whole = alt.Chart(card, title="T", description="Bars").mark_bar().encode(
        y="project:N", x="outcome_progress:Q", color="on_plan:N")
    assert checks.grade("m01.chart", whole).passed
