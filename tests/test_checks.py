import math

import altair as alt
import pandas as pd
import pytest

from workshop_utils import checks
from workshop_utils.errors import UnknownQuestionError, WorkshopError

KEY = {"a": "output", "b": "outcome", "c": "output", "d": "outcome"}


def test_classification_full_and_partial():
    run = checks.classification(KEY, visible=["a"], explain={"b": "b is an outcome"})
    assert run(KEY, True).passed and run(KEY, True).complete
    partial = run(KEY, False)
    assert partial.passed and not partial.complete and partial.partial
    assert checks.GRADED_MAY_TEST_MORE in partial.text(), "a self-check never claims full marks"
    assert partial.text().startswith("◐ ") and "✓" not in partial.text(), "and never shows a plain tick"
    assert partial.unchecked == ("'c'", "'d'") and "Not checked here: 'c', 'd'." in partial.text()
    wrong_hidden = {**KEY, "c": "outcome"}
    hidden = run(wrong_hidden, False)
    assert hidden.passed and hidden.partial and "'c'" in hidden.unchecked, "a hidden item is named, not judged"
    graded = run(wrong_hidden, True)
    assert not graded.passed and graded.hint == "Look again at 'c'."
    missing = run({"a": "output"}, True)
    assert not missing.passed and "not sorted yet" in missing.message


def test_an_explained_item_is_always_part_of_the_self_check():
    run = checks.classification(KEY, visible=["a"], explain={"d": "d is an outcome: people do it"})
    trap = run({**KEY, "d": "output"}, False)
    assert not trap.passed and trap.hint == "d is an outcome: people do it"
    assert checks.traps(run) == {"d": "d is an outcome: people do it"}
    every = checks.classification(KEY, visible=["a"], explain=dict.fromkeys(KEY, "why"))
    assert every(KEY, False).complete and every(KEY, False).text().startswith("✓ ")


def test_classification_bad_input():
    run = checks.classification(KEY)
    with pytest.raises(WorkshopError, match="dictionary"):
        run(["output"], True)
    with pytest.raises(WorkshopError, match="Use only these labels"):
        run({"a": "impact"}, True)
    assert run(KEY, False).complete, "with every item visible the self-check is the whole check"


def test_number_checks():
    run = checks.number(0.75, tolerance=1e-3, low=0, high=1, what="the share",
                        near_misses={0.8333: "on time alone"}, range_hint="between 0 and 1")
    assert run(0.75, True).passed
    assert run(pd.Series([0.75]).iloc[0], True).passed
    assert not run(0.5, True).passed
    assert run(0.5, False).passed and not run(0.5, False).complete
    assert run(0.5, False).unchecked == ("whether the value is exact",)
    assert run(0.5, False).text().startswith("◐ ")
    assert run(0.8333, False).hint == "on time alone"
    out = run(9, False)
    assert not out.passed and out.hint == "between 0 and 1"
    assert not run(math.nan, True).passed
    for bad in (True, [0.75]):
        with pytest.raises(WorkshopError, match="single number"):
            run(bad, True)
    with pytest.raises(WorkshopError, match=r"not as text: write 0\.75 \(no quotes, no % sign\)"):
        run("75%", True)
    with pytest.raises(WorkshopError, match=r"write 0\.75 \(no quotes\)"):
        run("0.75", True)


def test_selection_checks():
    run = checks.selection(["P01", "P02"], ["P01", "P02", "P03", "P04"], explain={"P03": "P03 met its target"})
    assert run(["P02", "P01"], True).passed
    assert run(["P01"], False).passed and not run(["P01"], False).complete
    assert run(["P01"], False).unchecked == ("P01", "P02", "P04"), "what is left to the grader is named"
    trap = run(["P01", "P03"], False)
    assert not trap.passed and trap.hint == "P03 met its target"
    assert not run(["P01", "P04"], True).passed
    with pytest.raises(WorkshopError, match="list"):
        run("P01", True)
    with pytest.raises(WorkshopError, match="not one of"):
        run(["P09"], True)


def test_a_selection_coaches_an_explained_option_left_out():
    run = checks.selection(["P01", "P02"], ["P01", "P02", "P03"],
                           explain={"P01": "P01 fits", "P02": "P02 fits", "P03": "P03 does not"})
    practice = run(["P01"], True)
    assert not practice.passed and practice.hint == "P02 fits" and "P02 is missing" in practice.message
    graded = run(["P01"], False)
    assert not graded.passed and "one option that fits is missing" in graded.message
    assert "P02" not in graded.text(), "a graded self-check never names what is left out: Check after Check " \
                                       "would walk the key from an empty answer"
    assert run(["P01", "P02"], False).complete, "every option explained: the self-check is the whole check"
    assert checks.traps(run) == {"P01": "P01 fits", "P02": "P02 fits", "P03": "P03 does not"}


def test_an_interpretation_item_is_one_list_of_conclusions():
    verdict = checks.conclusions([
        checks.Conclusion(text="A follows", fits=True, why="A: compare the groups"),
        checks.Conclusion(text="B does not", fits=False, why="B: that is the project scorecard"),
        checks.Conclusion(text="C follows", fits=True, why="C: the gap says so"),
    ])
    assert verdict.options == ("A follows", "B does not", "C follows")
    assert verdict.key == ["A follows", "C follows"]
    assert verdict.explain == {"A follows": "A: compare the groups", "B does not": "B: that is the project scorecard",
                               "C follows": "C: the gap says so"}
    assert verdict[1].text == "B does not" and len(verdict) == 3
    run = checks.selection(verdict)
    assert run(verdict.key, False).passed and run(verdict.key, False).complete, "every option is explained"
    wrong = run(["A follows", "B does not", "C follows"], False)
    assert not wrong.passed and wrong.hint == "B: that is the project scorecard"
    left_out = run(["A follows"], True)
    assert not left_out.passed and left_out.hint == "C: the gap says so"
    assert not run(["A follows"], False).passed and "C follows" not in run(["A follows"], False).text()
    assert checks.traps(run) == verdict.explain
    # The same check as the options, the key and the explanations passed one by one.
    spelled = checks.selection(verdict.key, verdict.options, explain=verdict.explain)
    for answer in ([], ["A follows"], ["B does not"], ["C follows", "A follows"], list(verdict.options)):
        for full in (False, True):
            assert run(answer, full) == spelled(answer, full)


@pytest.mark.parametrize("rows, message", [
    ([], "at least one"),
    ([("A", True, "why")], "checks.Conclusion"),
    ([checks.Conclusion("A", "yes", "why")], "fits=True or False"),
    ([checks.Conclusion("A", True, "")], "why it does"),
    ([checks.Conclusion("A", True, "a"), checks.Conclusion("A", False, "b")], "written twice"),
    ([checks.Conclusion("A", False, "a")], "No conclusion has fits=True"),
])
def test_conclusions_written_wrongly_say_what_to_fix(rows, message):
    with pytest.raises(WorkshopError, match=message):
        checks.conclusions(rows)


def test_selection_takes_conclusions_alone_and_needs_options_otherwise():
    verdict = checks.conclusions([checks.Conclusion("A", True, "a"), checks.Conclusion("B", False, "b")])
    with pytest.raises(WorkshopError, match="pass them alone"):
        checks.selection(verdict, verdict.options)
    with pytest.raises(WorkshopError, match="needs the options"):
        checks.selection(["A"])


def _chart(x="value:Q", title="T", description="D", mark="bar"):
    base = alt.Chart(pd.DataFrame({"name": ["a"], "value": [1]}))
    chart = getattr(base, f"mark_{mark}")().encode(y="name:N", x=x)
    props = {k: v for k, v in (("title", title), ("description", description)) if v}
    return chart.properties(**props)


def test_chart_spec_checks():
    run = checks.chart_spec("bar", {"y": ("name", "nominal"), "x": ("value", "quantitative")}, visible=["y"])
    assert run(_chart(), True).passed
    assert not run(_chart(x="value:N"), True).passed
    assert run(_chart(x="value:N"), False).passed, "x is only checked at grading"
    assert run(_chart(x="value:N"), False).unchecked == ("what the x channel shows",)
    assert "title" in run(_chart(title=None), False).message
    assert "description" in run(_chart(description=None), False).message
    assert "mark" in run(_chart(mark="line"), False).message
    no_x = alt.Chart(pd.DataFrame({"name": ["a"]})).mark_bar().encode(y="name:N").properties(title="t", description="d")
    assert "Nothing is encoded" in run(no_x, True).message
    other_field = _chart(x="name:Q")
    assert "shows" in run(other_field, True).message
    with pytest.raises(WorkshopError, match="Altair chart"):
        run({"mark": "bar"}, True)

    class Broken:
        def to_dict(self):
            raise ValueError("schema says no")

    with pytest.raises(WorkshopError, match="cannot build"):
        run(Broken(), True)


def test_question_lookup_and_assertions():
    q = checks.question("m00.practice_sort")
    assert q.kind == "classify" and q.points == 0
    with pytest.raises(UnknownQuestionError, match="ids look like"):
        checks.question("nodot")
    with pytest.raises(UnknownQuestionError, match="No course module"):
        checks.question("m99.x")
    with pytest.raises(UnknownQuestionError, match="has no question"):
        checks.question("m01.nope")
    with pytest.raises(AssertionError, match="No answer yet"):
        checks.assert_passes("m01.delivery_rate", None)
    with pytest.raises(AssertionError, match="not as text"):
        checks.assert_passes("m01.delivery_rate", "lots")
    assert checks.grade("m01.reframe", "text").message.startswith("This answer is graded by hand")


def test_practice_questions_get_the_whole_check():
    # points == 0: nothing hidden, so the self-check checks the value itself
    assert not checks.check("m00.practice_number", 0.25).passed
    assert checks.check("m00.practice_number", 0.5).passed


def test_feedback_rendering():
    good = checks.Feedback(True, "fine")
    bad = checks.Feedback(False, "not <yet>", hint="try again")
    assert str(good).startswith("✓ fine")
    assert "#1b5e20" in good._repr_html_() and "#a4161a" in bad._repr_html_()
    assert "#7a4a00" in checks.Feedback(True, "so far", complete=False, unchecked=("x",))._repr_html_()
    assert "Hint: try again" in bad.text()
    assert "&lt;yet&gt;" in bad._repr_html_() and 'role="status"' in bad._repr_html_()


def test_a_failed_check_shows_its_message_not_a_traceback():
    with pytest.raises(checks.CheckFailed) as caught:
        checks.assert_passes("m01.delivery_rate", None)
    assert isinstance(caught.value, AssertionError)  # nbgrader and pytest see an ordinary failed assertion
    shown = caught.value._render_traceback_()
    assert "No answer yet" in shown[0] and shown[0].startswith("\x1b[0;31m")
    assert shown[1:] == str(caught.value).splitlines()[1:]


def test_a_share_copied_rounded_counts_and_a_rounded_slip_is_still_named():
    run = checks.number(0.4867, tolerance=1e-3, low=0, high=1, near_misses={0.1667: "a slip"})
    assert run(0.49, True).passed and run(0.4867, True).passed
    assert not run(0.48, True).passed and not run(0.491, True).passed  # only a faithful rounding counts
    assert run(0.17, False).hint == "a slip" and run(0.1667, False).hint == "a slip"
    strict = checks.number(0.4867, tolerance=1e-3, rounding=None)
    assert not strict(0.49, True).passed


def test_typed_answers_get_told_what_is_wrong():
    key = {"Launch the app": "output", "Members renew": "outcome"}
    run = checks.classification(key)
    with pytest.raises(WorkshopError, match="'Launch the ap' is not one of the statements. Did you mean 'Launch"):
        run({"Launch the ap": "output"}, True)
    choose = checks.selection(["P01"], ["P01", "P02"])
    for bad in ([["P01"]], {"P01": False}):
        with pytest.raises(WorkshopError, match="list"):
            choose(bad, True)
    with pytest.raises(WorkshopError, match="'P1' is not one of the choices. Did you mean 'P01'"):
        choose(["P1"], True)
    chart = checks.chart_spec("bar", {"x": ("a", "nominal")})
    with pytest.raises(WorkshopError, match="Give an Altair chart"):
        chart(pd.DataFrame({"a": [1]}), True)
    with pytest.raises(WorkshopError) as caught:
        run({"x" * 100_000: "output"}, True)
    assert len(str(caught.value)) < 500  # a huge answer is not repeated back in full


def test_a_passing_check_says_so(capsys):
    checks.assert_passes("m00.practice_number", 0.5)
    assert capsys.readouterr().out.startswith("✓")


def test_a_hand_graded_answer_is_neither_passed_nor_failed():
    feedback = checks.check("m01.reframe", "Members renew more often by Q3.")
    assert not feedback.passed and feedback.by_hand
    assert feedback.text().startswith("• ") and "#333333" in feedback._repr_html_()
