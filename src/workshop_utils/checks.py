"""One checker for every answer: instant self-check in class, points in nbgrader.

A question (see ``workshop_utils.course``) owns one check function ``check(answer, full)``.
The same function serves two callers:

* the participant, through :func:`check` (or a widget's *Check* button), with ``full=False``:
  the visible part of the check, with a hint. A self-check never shows a plain tick on an answer
  the grader could still mark wrong: where it covers less than the grader, a pass is *partial*
  (◐) and names what it did not check ("Not checked here: 'statement X'"). Every known trap of a
  question (an ``explain`` entry, a ``near_misses`` value) is always part of the self-check;
* nbgrader's test cells, through :func:`assert_passes`, with ``full=True`` in hidden tests:
  the whole check. A failure raises :class:`CheckFailed` (an ``AssertionError``) with the same
  friendly message, which nbgrader shows in the feedback.

The builders below (``classification``, ``number``, ``selection``, ``chart_spec``) cover the
common question kinds so a curriculum author writes data, not code; an interpretation item's
options are written as ``conclusions([Conclusion(text, fits, why), ...])``.
"""

from __future__ import annotations

import difflib
import html
import importlib
import math
import reprlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workshop_utils.errors import UnknownQuestionError, WorkshopError

CheckFn = Callable[[Any, bool], "Feedback"]

GRADED_MAY_TEST_MORE = "The graded version checks more than this self-check."
NOT_CHECKED = "Not checked here"
MARKS = {"passed": "✓", "partial": "◐", "failed": "✗", "by_hand": "•"}
# Dark green, dark amber, dark red, dark grey on white: all pass WCAG AA contrast; the mark and the
# words carry the meaning too.
COLOURS = {"passed": "#1b5e20", "partial": "#7a4a00", "failed": "#a4161a", "by_hand": "#333333"}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: did it pass, what to say, and a hint for the next try.

    A pass that is not ``complete`` (a self-check covering less than the grader) is *partial*: it
    shows ◐, never a plain ✓, and says what it did not check (``unchecked``: statements, options,
    channels, or "whether the value is exact").
    """

    passed: bool
    message: str
    hint: str = ""
    complete: bool = True  # False: a self-check that does not cover everything the grader tests
    by_hand: bool = False  # a person grades it: neither a pass nor a failure yet
    unchecked: tuple[str, ...] = ()  # what a partial pass did not check, named for the participant

    @property
    def status(self) -> str:
        """passed, partial, failed or by_hand."""
        if self.by_hand:
            return "by_hand"
        if not self.passed:
            return "failed"
        return "passed" if self.complete else "partial"

    @property
    def partial(self) -> bool:
        return self.status == "partial"

    def text(self) -> str:
        parts = [f"{MARKS[self.status]} {self.message}"]
        if self.hint:
            parts.append(f"Hint: {self.hint}")
        if self.partial:
            named = ", ".join(self.unchecked) or "part of what the grader tests"
            parts.append(f"{NOT_CHECKED}: {named}.")
            parts.append(GRADED_MAY_TEST_MORE)
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        lines = html.escape(self.text()).replace("\n", "<br>")
        return (f'<div class="workshop-feedback workshop-feedback-{self.status}" role="status" '
                f'style="color:{COLOURS[self.status]}">{lines}</div>')


@dataclass(frozen=True)
class Question:
    """One exercise item: what to ask, how to check it, and (for tests) a right and a typical wrong answer."""

    qid: str
    title: str
    kind: str  # classify | select | value | chart | text
    points: int
    prompt: str
    check: CheckFn | None  # None: graded by hand (free text)
    options: tuple = ()  # items to sort or choose from
    labels: tuple = ()  # the categories of a classification
    solution: Any = None  # an answer that scores full marks (used by tests and the solution notebook)
    misconception: Any = None  # a typical wrong answer (tests prove it scores less than full)
    rubric: Mapping[str, str] = field(default_factory=dict)  # for hand-graded items
    # Hand-graded: show graders a coach's reading as a suggestion. True: the outcome assessor (an outcome
    # statement); "mission": the mission coach (workshop_utils.missions, a mission and its beachhead).
    suggest: bool | str = False
    # Item standards (tests/test_items.py holds them): what this item asks about that the lesson never showed
    # (a data set's name, or "statements" when its options are new), the value items whose number it
    # interprets, and why the model answer is right (shown after grading, beside the model answer).
    unseen: str = ""
    follows_from: tuple = ()
    why: str = ""
    # The hint ladder (a self-learner's help when nobody is there to ask): rung one a nudge, rung two a worked
    # step; rung three is the explained answer (the model answer with ``why``). Hints never state the answer.
    hints: tuple = ()


def _course_module(prefix: str):
    try:
        return importlib.import_module(f"workshop_utils.course.{prefix}")
    except ModuleNotFoundError as exc:
        raise UnknownQuestionError(
            f"No course module {prefix!r} is installed. Question ids look like 'm01.classify'; "
            "check the spelling, or run `pip install -e .` in the course folder if you added a module."
        ) from exc


def question(qid: str) -> Question:
    """The question with id ``qid`` (``"m01.classify"``): module prefix, dot, name."""
    if not isinstance(qid, str) or "." not in qid:
        raise UnknownQuestionError(f"{qid!r} is not a question id; ids look like 'm01.classify'.")
    prefix = qid.split(".", 1)[0]
    module = _course_module(prefix)
    found = {q.qid: q for q in getattr(module, "QUESTIONS", ())}
    if qid not in found:
        raise UnknownQuestionError(
            f"Module {prefix} has no question {qid!r}. Its questions are: {', '.join(sorted(found))}."
        )
    return found[qid]


def _run(q: Question, answer: Any, full: bool) -> Feedback:
    if q.check is None:
        return Feedback(False, "This answer is graded by hand by your facilitator.", complete=False, by_hand=True)
    if answer is None or (isinstance(answer, (str, list, dict, tuple, set)) and not answer):
        return Feedback(False, "No answer yet.", hint=q.prompt)
    try:
        return q.check(answer, full)
    except WorkshopError as exc:
        return Feedback(False, str(exc))


def check(qid: str, answer: Any) -> Feedback:
    """Instant self-check for a participant: the visible part of the question's check.

    Practice questions (worth 0 points) have nothing to hide, so they get the whole check.
    """
    q = question(qid)
    return _run(q, answer, full=q.points == 0)


def grade(qid: str, answer: Any) -> Feedback:
    """The whole check, as the grader runs it."""
    return _run(question(qid), answer, full=True)


class CheckFailed(AssertionError):
    """A check that did not pass.

    In a notebook it shows only its feedback, the first line in red, with no traceback into this
    module: IPython renders an exception through ``_render_traceback_`` when it has one. What to do
    next is in the message; a traceback through the framework would only bury it. Errors in a
    participant's own code keep their full traceback.
    """

    def _render_traceback_(self) -> list[str]:
        first, *rest = str(self).splitlines() or [""]
        return [f"\x1b[0;31m{first}\x1b[0m", *rest]


def assert_passes(qid: str, answer: Any, full: bool = False) -> None:
    """For nbgrader test cells: raise :class:`CheckFailed` with the feedback text unless it passes.

    ``full=False`` is the self-check, as :func:`check` runs it (the whole check for a practice question).
    """
    q = question(qid)
    feedback = _run(q, answer, full=full or q.points == 0)
    if not full:
        _count_attempt(qid, answer)
    if not feedback.passed:
        raise CheckFailed(feedback.text())
    print(feedback.text())  # a pass says so, and says when the graded version checks more


def _count_attempt(qid: str, answer: Any) -> None:
    """A self-check run in a notebook counts as an attempt on the hint ladder (see workshop_utils.hints)."""
    from workshop_utils import hints

    hints.count_attempt_quietly(qid, answer)


def hint(qid: str, answer: Any = None, notebook: str | None = None, folder=None, level: int | None = None):
    """The next rung of ``qid``'s hint ladder, printed in a cell: ``hint("m01.delivery_rate")``.

    A nudge, then a worked step, then the explained answer (a graded item's only after two attempts). For an
    item graded by hand, pass your draft as ``answer``: each new draft counts as an attempt.
    """
    from workshop_utils import hints

    return hints.hint(qid, answer=answer, notebook=notebook, folder=folder, level=level)


def model_answer(q: Question) -> Any:
    """An answer that scores full marks on ``q``: its ``solution``, else its module's example (None if neither)."""
    from workshop_utils import hints

    return hints.model_answer(q)


class LazyCheck:
    """A check whose answer key is computed from the data only when first used.

    ``keys()`` computes the module's answer keys (it may load data with pandas); ``make(keys)``
    returns the real check. Course modules stay cheap to import, and keys are computed once.
    """

    def __init__(self, keys: Callable[[], Any], make: Callable[[Any], CheckFn]):
        self._keys = keys
        self._make = make
        self._fn: CheckFn | None = None

    def resolve(self) -> CheckFn:
        """The real check (computing the keys on first use); its ``traps`` say what it knows."""
        if self._fn is None:
            self._fn = self._make(self._keys())
        return self._fn

    def __call__(self, answer: Any, full: bool) -> Feedback:
        return self.resolve()(answer, full)


def traps(check_fn: CheckFn | None) -> dict:
    """The known traps a check coaches: item, option or value -> its hint (empty when it has none).

    Every one of them is part of the self-check, so a participant who falls into one hears why at once.
    """
    if isinstance(check_fn, LazyCheck):
        check_fn = check_fn.resolve()
    return dict(getattr(check_fn, "traps", {}) or {})


# ---------------------------------------------------------------------------------------------
# Builders for common question kinds
# ---------------------------------------------------------------------------------------------


def classification(
    key: Mapping[str, str],
    visible: Iterable[str] = (),
    explain: Mapping[str, str] | None = None,
) -> CheckFn:
    """Sort each item into a label. ``visible`` items are checked instantly; all at grading.

    ``explain`` maps an item to the coaching sentence shown when it is sorted wrongly. An explained
    item is a known trap, so it is always checked instantly too: the visible set is ``visible`` plus
    every explained item (every item when ``visible`` is empty). A pass that leaves items to the
    grader is partial and names them.
    """
    key = dict(key)
    explain = {item: hint for item, hint in dict(explain or {}).items() if item in key}
    chosen = {item for item in visible if item in key}
    visible = [item for item in key if item in chosen or item in explain] if chosen else list(key)
    hidden = [item for item in key if item not in visible]
    labels = sorted(set(key.values()))

    def run(answer: Any, full: bool) -> Feedback:
        if not isinstance(answer, Mapping):
            raise WorkshopError(
                "Give your answer as a dictionary from each statement to a label, "
                f"e.g. {{'statement': '{labels[0]}'}}, or use the widget above."
            )
        unknown = [label for label in answer.values() if label is not None and label not in labels]
        if unknown:
            raise WorkshopError(f"Use only these labels: {', '.join(labels)} (got {reprlib.repr(unknown[0])}).")
        stray = [item for item in answer if item not in key]
        if stray:
            raise WorkshopError(not_one_of(stray[0], key, "statements"))
        missing = [item for item in key if answer.get(item) is None]
        scope = list(key) if full else visible
        wrong = [item for item in scope if answer.get(item) is not None and answer.get(item) != key[item]]
        if missing:
            return Feedback(
                False,
                f"{len(missing)} of {len(key)} statements are not sorted yet.",
                hint=f"Sort every statement, starting with: {missing[0]!r}.",
            )
        if wrong:
            first = wrong[0]
            return Feedback(
                False,
                f"{len(scope) - len(wrong)} of {len(scope)} checked statements are sorted as the key has them.",
                hint=explain.get(first, f"Look again at {first!r}."),
            )
        if full or not hidden:
            return Feedback(True, f"All {len(key)} statements are sorted as the key has them.")
        return Feedback(
            True,
            f"The {len(visible)} statements the self-check covers are right; "
            f"{len(hidden)} more are checked at grading.",
            complete=False,
            unchecked=tuple(repr(item) for item in hidden),
        )

    run.traps = dict(explain)
    run.key = dict(key)  # the sorting widget marks every wrong row with it, not only the first
    return run


def not_one_of(item: Any, known: Iterable[str], what: str) -> str:
    """'X' is not one of the statements. Did you mean 'Y'? (for a typo in an answer typed as code)."""
    known = [str(k) for k in known]
    close = difflib.get_close_matches(str(item), known, n=1, cutoff=0.6) if isinstance(item, str) else []
    hint = f" Did you mean {close[0]!r}?" if close else f" Copy one from the list: {', '.join(map(repr, known))}."
    return f"{reprlib.repr(item)} is not one of the {what}.{hint}"


def number(
    expected: float,
    tolerance: float = 1e-6,
    low: float = -math.inf,
    high: float = math.inf,
    near_misses: Mapping[float, str] | None = None,
    what: str = "the value",
    range_hint: str = "",
    rounding: int | None = 2,
    exact_hint: str = "Re-read which rows count, and what you divide by.",
    whole_hint: str = "",
) -> CheckFn:
    """A numeric answer. The self-check tests type, range and known wrong values; grading the value.

    ``near_misses`` maps a value a typical misconception produces to the hint it deserves.
    An answer given with exactly ``rounding`` decimal places counts as any value it rounds from
    (0.49 for 0.4867): lessons print shares as percentages, and a participant who copies a printed
    49% as 0.49 has understood. The same holds for near misses, so a rounded slip still gets its hint.
    ``whole_hint`` makes the answer a count: a value that is not a whole number fails with that hint, in the
    self-check too (a count of 0.3 is never plausible).
    """
    near_misses = dict(near_misses or {})

    def same(value: float, target: float) -> bool:
        target = float(target)
        if math.isclose(value, target, abs_tol=tolerance):
            return True
        return rounding is not None and value == round(value, rounding) and round(target, rounding) == value

    def run(answer: Any, full: bool) -> Feedback:
        if isinstance(answer, str):
            text = answer.strip()
            example = text.rstrip("%").strip()
            try:
                share = float(example) / (100 if text.endswith("%") else 1)
                suggestion = f"write {share:g}"
            except ValueError:
                suggestion = "write the number itself, e.g. 0.75, or the variable that holds it"
            raise WorkshopError(f"Give {what} as a number, not as text: {suggestion} "
                                f"(no quotes{', no % sign' if text.endswith('%') else ''}).")
        if isinstance(answer, bool) or not isinstance(answer, (int, float)) and not hasattr(answer, "__float__"):
            raise WorkshopError(
                f"Give {what} as a single number (got {type(answer).__name__}). "
                "If you have a one-value Series or DataFrame, take the value out, e.g. with float(...)."
            )
        try:
            value = float(answer)
        except (TypeError, ValueError) as exc:
            raise WorkshopError(f"Give {what} as a single number.") from exc
        if math.isnan(value):
            return Feedback(False, f"{what.capitalize()} is NaN.", hint="Check for empty groups or 0/0.")
        # A known slip first, even out of range (actual / target can exceed 1): its hint names the slip itself.
        for wrong, hint in near_misses.items():
            if same(value, wrong) and not same(value, expected):
                return Feedback(False, f"{value:g} is what a common slip gives.", hint=hint)
        if not low <= value <= high:
            return Feedback(False, f"{value:g} is outside the possible range {low:g} to {high:g}.",
                            hint=range_hint)
        if whole_hint and not value.is_integer():
            return Feedback(False, f"{value:g} is not a whole number.", hint=whole_hint)
        if not full:
            return Feedback(True, f"{value:g} is plausible for {what}: in range, and not one of the known slips.",
                            complete=False, unchecked=("whether the value is exact",))
        if same(value, expected):
            return Feedback(True, f"{value:g} is right.")
        return Feedback(False, f"{value:g} does not match the key for {what}.", hint=exact_hint)

    run.traps = {wrong: hint for wrong, hint in near_misses.items() if not same(float(wrong), expected)}
    run.hints = {"range": range_hint, "exact": exact_hint, "whole": whole_hint}  # for tests: what they name
    run.bounds = (low, high)
    run.what, run.rounding, run.expected = what, rounding, expected  # the hint ladder's explained answer
    return run


def distinct_slips(expected: float, misses: Mapping[float, str], tolerance: float) -> dict:
    """The near misses that differ from the right answer (a slip must never hide the key) and from each other.

    Two slips that give the same value, to the 2 decimals an answer may be rounded to, keep the first hint:
    list the computed slips first and the figures a participant might remember from the lesson last.
    """
    kept: dict = {}
    for value, hint in misses.items():
        rounded = round(float(value), 2)
        if (abs(float(value) - float(expected)) > tolerance and rounded != round(float(expected), 2)
                and rounded not in {round(float(v), 2) for v in kept}):
            kept[value] = hint
    return kept


def _named(option: str) -> str:
    """An option as a message names it: a short id as it is (P04), a sentence in quotation marks."""
    if " " not in option:
        return option
    return f"“{option if len(option) <= 60 else option[:57].rstrip() + '...'}”"


@dataclass(frozen=True)
class Conclusion:
    """One option of an interpretation item: a conclusion, whether it follows from the numbers, and why.

    ``why`` is the coaching sentence a participant sees when they judge this conclusion wrongly.
    """

    text: str
    fits: bool
    why: str


@dataclass(frozen=True)
class Conclusions:
    """The options of an interpretation item, each with whether it fits and why (see :func:`conclusions`)."""

    rows: tuple[Conclusion, ...]

    def __post_init__(self) -> None:
        if not self.rows:
            raise WorkshopError("An interpretation item needs at least one Conclusion(text, fits, why).")
        for row in self.rows:
            if not isinstance(row, Conclusion):
                raise WorkshopError("Write each option as checks.Conclusion(text=..., fits=..., why=...), "
                                    f"not {reprlib.repr(row)}.")
            if not (isinstance(row.text, str) and row.text.strip() and isinstance(row.fits, bool)
                    and isinstance(row.why, str) and row.why.strip()):
                raise WorkshopError(f"Give the conclusion {reprlib.repr(row.text)} a text, fits=True or False, "
                                    "and why it does or does not fit.")
        texts = [row.text for row in self.rows]
        repeated = [text for text in texts if texts.count(text) > 1]
        if repeated:
            raise WorkshopError(f"The conclusion {_named(repeated[0])} is written twice; give each option once.")
        if not any(row.fits for row in self.rows):
            raise WorkshopError("No conclusion has fits=True: an interpretation item needs at least one that fits.")

    @property
    def options(self) -> tuple[str, ...]:
        """Every conclusion's text, in the order written."""
        return tuple(row.text for row in self.rows)

    @property
    def key(self) -> list[str]:
        """The answer key: the conclusions that fit, in the order written."""
        return [row.text for row in self.rows if row.fits]

    @property
    def explain(self) -> dict[str, str]:
        """Each conclusion's text -> why it fits or does not (the hint for judging it wrongly)."""
        return {row.text: row.why for row in self.rows}

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> Conclusion:
        return self.rows[index]


def conclusions(rows: Iterable[Conclusion]) -> Conclusions:
    """An interpretation item's options written as one list of rows, for :func:`selection`.

    Each row is a :class:`Conclusion`: the sentence, whether it follows from the numbers, and why.
    ``conclusions(rows).key`` is the answer, ``.options`` the sentences in order, ``.explain`` the hints.
    """
    return Conclusions(tuple(rows))


def _left_out_hint() -> str:
    """What a graded selection says instead of naming an option left out. The number of attempts is the hint
    ladder's own (imported here: hints imports this module)."""
    from workshop_utils import hints

    return ("Go back over the options you left out, one at a time, against the question. The Hint button (or "
            f"checks.hint) gives a nudge, and the explained answer after {hints.ATTEMPTS_FOR_ANSWER} attempts.")


def selection(
    correct: Iterable[str] | Conclusions,
    options: Iterable[str] | None = None,
    explain: Mapping[str, str] | None = None,
) -> CheckFn:
    """Choose the options that fit.

    ``explain`` maps an option to the coaching sentence shown when it is judged wrongly: chosen
    although it does not fit, or left out although it does. Explained options are known traps and
    are checked instantly; the self-check leaves only unexplained options to the grader, and a pass
    names them. (Keep that set mixed, some that fit and some that do not, or naming it gives the
    answer away; with every option explained, the self-check is the whole check.) On a graded item an
    option left out is not named, as its sentence would name it: the self-check says one is missing, and
    the explained answer waits for the hint ladder's attempts rule.

    An interpretation item passes its :func:`conclusions` alone, ``selection(VERDICT)``: they give
    the options, the key and every option's explanation.
    """
    if isinstance(correct, Conclusions):
        if options is not None or explain is not None:
            raise WorkshopError("selection(conclusions) takes its options and explanations from the "
                                "conclusions: pass them alone.")
        correct, options, explain = correct.key, correct.options, correct.explain
    elif options is None:
        raise WorkshopError("selection(correct, options) needs the options to choose from "
                            "(or pass checks.conclusions([...]) alone).")
    correct = set(correct)
    options = set(options)
    explain = {option: hint for option, hint in dict(explain or {}).items() if option in options}
    hidden = sorted(options - set(explain))

    def run(answer: Any, full: bool) -> Feedback:
        if isinstance(answer, (str, Mapping)) or not isinstance(answer, Iterable):
            raise WorkshopError("Give your answer as a list of choices, e.g. ['P01', 'P04'], or use the widget.")
        answer = list(answer)
        if not all(isinstance(item, str) for item in answer):
            raise WorkshopError("Give each choice as text in one flat list, e.g. ['P01', 'P04'].")
        chosen = set(answer)
        stray = sorted(chosen - options)
        if stray:
            raise WorkshopError(not_one_of(stray[0], sorted(options), "choices"))
        traps = sorted(item for item in chosen - correct if item in explain)
        if traps:
            return Feedback(False, f"{len(chosen)} chosen, and {_named(traps[0])} does not fit.",
                            hint=explain[traps[0]])
        left_out = sorted(item for item in correct - chosen if item in explain)
        if left_out and full:
            return Feedback(False, f"{len(chosen)} chosen, and {_named(left_out[0])} is missing.",
                            hint=explain[left_out[0]])
        if left_out:  # a graded item: naming it would let Check after Check walk the key from an empty answer
            return Feedback(False, f"{len(chosen)} chosen, and at least one option that fits is missing.",
                            hint=_left_out_hint())
        if not full and hidden:
            return Feedback(True, f"{len(chosen)} chosen; none of them is a known trap, and none of the options "
                                  "the self-check covers is missing.", complete=False, unchecked=tuple(hidden))
        if chosen == correct:
            return Feedback(True, f"Exactly the {len(correct)} that fit.")
        missed = len(correct - chosen)
        extra = len(chosen - correct)
        return Feedback(False, f"Not yet: {missed} missing, {extra} that do not fit.",
                        hint="Check each option against both conditions.")

    run.traps = dict(explain)
    return run


def chart_spec(
    mark: str,
    encodings: Mapping[str, tuple[str, str]],
    visible: Iterable[str] = (),
    every: tuple[str, Iterable[str]] | None = None,
    what: str = "rows",
) -> CheckFn:
    """An Altair chart, checked on ``chart.to_dict()``: mark, then each channel's (field, type).

    The self-check covers the title, description, mark and the ``visible`` channels;
    grading covers every channel in ``encodings``. ``every=(field, values)`` asks for every one of
    ``values`` in the chart's data (one bar per project, none filtered out); it is checked in the
    self-check too, and a missing one is named (``what`` says what they are, e.g. "projects").
    """
    encodings = dict(encodings)
    visible = set(visible)
    wanted = (every[0], [str(v) for v in every[1]]) if every else None

    def run(answer: Any, full: bool) -> Feedback:
        if not hasattr(answer, "to_dict") or type(answer).__module__.startswith(("pandas", "numpy")):
            raise WorkshopError("Give an Altair chart (alt.Chart(...)...), not "
                                f"{type(answer).__name__}. Did you forget to assign it?")
        try:
            spec = answer.to_dict()
        except Exception as exc:  # Altair raises several schema error types
            raise WorkshopError(f"Altair cannot build this chart: {str(exc).splitlines()[0]}") from exc
        title = spec.get("title")
        if not title:
            return Feedback(False, "The chart has no title.",
                            hint="Add .properties(title='...') so readers know what it shows.")
        if not spec.get("description"):
            return Feedback(False, "The chart has no description (its alt text).",
                            hint="Add .properties(description='One sentence on what the chart shows').")
        got_mark = spec.get("mark")
        got_mark = got_mark.get("type") if isinstance(got_mark, dict) else got_mark
        if got_mark != mark:
            return Feedback(False, f"The chart uses mark '{got_mark}'.", hint=f"Use mark_{mark}().")
        channels = spec.get("encoding", {})
        scope = encodings if full else {k: v for k, v in encodings.items() if k in visible}
        for channel, (field_name, field_type) in scope.items():
            enc = channels.get(channel)
            if not enc:
                return Feedback(False, f"Nothing is encoded on {channel}.",
                                hint=f"Encode {field_name!r} on {channel}.")
            if enc.get("field") != field_name:
                return Feedback(False, f"{channel} shows {enc.get('field')!r}.",
                                hint=f"Re-read the question: it puts {field_name!r} on {channel}. If the columns sit "
                                     "on the wrong channels, swap them.")
            if enc.get("type") != field_type:
                shorthand = f"{field_name}:{field_type[0].upper()}"
                return Feedback(False, f"{channel} is typed {enc.get('type')!r}.",
                                hint=f"Mark {field_name!r} as {field_type} (e.g. '{shorthand}').")
        if wanted:
            problem = _rows_missing(spec, *wanted, what=what)
            if problem:
                return problem
        hidden = [channel for channel in encodings if channel not in scope]
        if full or not hidden:
            return Feedback(True, "The chart has the right mark, encodings, title and description.")
        return Feedback(True, "Title, description, mark and the checked channels look right.", complete=False,
                        unchecked=tuple(f"what the {channel} channel shows" for channel in hidden))

    run.mark, run.encodings = mark, dict(encodings)  # the hint ladder's explained answer names them
    return run


def _chart_rows(spec: Mapping) -> list | None:
    """The rows a chart spec carries (inline values or a named data set); None when they are elsewhere (a URL)."""
    data = spec.get("data") or {}
    if isinstance(data.get("values"), list):
        return data["values"]
    name = data.get("name")
    rows = (spec.get("datasets") or {}).get(name) if name else None
    return rows if isinstance(rows, list) else None


def _rows_missing(spec: Mapping, field_name: str, values: list[str], what: str) -> Feedback | None:
    """A failure naming what the chart leaves out of ``values`` (in its ``field_name``), or None."""
    dropping = [next(iter(t)) for t in spec.get("transform") or [] if isinstance(t, Mapping)
                and ({"filter", "sample"} & set(t))]
    if dropping:
        return Feedback(False, f"The chart's {dropping[0]} transform leaves {what} out.",
                        hint=f"Show every one of the {len(values)} {what} of the data: remove the {dropping[0]}.")
    rows = _chart_rows(spec)
    if rows is None:
        return Feedback(False, f"The chart's data cannot be read here, so its {what} cannot be counted.",
                        hint="Give alt.Chart(...) the DataFrame itself, not a file name or a URL.")
    shown = {str(row.get(field_name)) for row in rows if isinstance(row, Mapping)}
    missing = [v for v in values if v not in shown]
    if not missing:
        return None
    named = ", ".join(_named(v) for v in missing[:4]) + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
    return Feedback(False, f"The chart shows {len(values) - len(missing)} of the {len(values)} {what}; "
                           f"missing: {named}.",
                    hint=f"Chart every one of the {what} in the data: do not filter the rows first.")


__all__ = [
    "CheckFailed",
    "Conclusion",
    "Conclusions",
    "Feedback",
    "LazyCheck",
    "NOT_CHECKED",
    "Question",
    "assert_passes",
    "chart_spec",
    "check",
    "classification",
    "conclusions",
    "grade",
    "hint",
    "model_answer",
    "not_one_of",
    "number",
    "question",
    "selection",
    "traps",
]
