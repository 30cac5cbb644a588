"""Widget exercises: sort, choose and write, with instant feedback and answers that persist.

Each widget saves the participant's answer the moment it changes (``workshop_utils.answers``)
and reads it back when the cell runs again, so a kernel restart or nbgrader's autograde sees
the same answer. The *Check* button calls the same check function the grader uses
(``workshop_utils.checks``), in its self-check form. Nothing in here grades.

Errors never reach the participant as a traceback: every callback is wrapped, and a problem is
shown as a sentence in the feedback line while the widget keeps what was entered.
"""

from __future__ import annotations

import datetime as _dt
import functools
import html
import reprlib
from typing import Any

import ipywidgets as w
import traitlets

from workshop_utils import checks
from workshop_utils.answers import store_for
from workshop_utils.errors import WorkshopError

UNSET = "(not sorted)"


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _message_html(text: str, ok: bool | None = None) -> str:
    colour = {True: "#1b5e20", False: "#a4161a", None: "#333333"}[ok]
    body = html.escape(text).replace("\n", "<br>")
    return f'<div role="status" aria-live="polite" style="color:{colour}">{body}</div>'


def _title_html(title: str, prompt: str) -> str:
    """The question above a widget. Not a heading: the notebook's own markdown heading sits right above
    every widget, and an <h4> there skipped heading levels after a "## Question" (axe-core: heading-order)."""
    return f'<p><strong>{html.escape(title)}</strong></p><p>{html.escape(prompt)}</p>'


def _safe(method):
    """Run a widget callback; show any problem as a sentence instead of a traceback."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except WorkshopError as exc:
            self.feedback.value = _message_html(str(exc), ok=False)
        except Exception as exc:  # a bug must not cost the participant their answer
            self.feedback.value = _message_html(
                f"Something went wrong ({type(exc).__name__}: {_short(str(exc))}). Your answer is still "
                "here. Run the cell again; if this keeps happening, tell your facilitator (or, working alone, "
                "restart the kernel: your saved answers come back).", ok=False)
        return None

    return wrapper


class AnswerWidget:
    """Common parts: the question, the answer store, a Check button, a feedback line, a save line."""

    def __init__(self, qid: str, notebook: str, folder=None):
        self.question = self._question(qid)
        self.qid = qid
        self.store = store_for(notebook, folder)
        self.feedback = w.HTML(value="")
        self.saved = w.HTML(value="")
        self.check_button = w.Button(description="Check", icon="check", button_style="primary",
                                     tooltip=f"Check your answer to: {self.question.title}")
        self.check_button.on_click(lambda _: self.check())
        # The hint ladder (workshop_utils.hints): the button names the rung it shows next; the rung shows below.
        self.hint_button = w.Button(description="Hint", icon="question", tooltip="", layout=w.Layout(width="auto"))
        self.hint_button.on_click(lambda _: self.hint())
        self.hint_area = w.HTML(value="")
        self._hint_label()
        self._loading = False
        for warning in self.store.warnings:
            self.feedback.value = _message_html(warning, ok=False)

    @staticmethod
    def _question(qid: str) -> checks.Question:
        """The question this widget answers (a subclass may stand in for one no course module defines)."""
        return checks.question(qid)

    # The answer as the grader reads it ------------------------------------------------
    @property
    def answer(self) -> Any:
        return self.store.get(self.qid)

    @answer.setter
    def answer(self, value: Any) -> None:
        """Set the answer from code (solution cells, or participants who prefer typing).

        A value of the wrong shape raises a ``WorkshopError`` (a typed mistake deserves a clear
        error in that cell) and changes nothing: the widget and the saved answer stay as they were.
        """
        try:
            self._show(value)
            self._store()  # not _save: a failed save must raise here, where the answer was typed
        except WorkshopError as exc:
            self.feedback.value = _message_html(str(exc), ok=False)
            raise

    # Behaviour --------------------------------------------------------------------------
    @_safe
    def check(self) -> checks.Feedback:
        answer = self._read()
        feedback = checks.check(self.qid, answer)
        self.feedback.value = feedback._repr_html_()
        if not feedback.by_hand:
            self._attempted(answer)
        return feedback

    def _attempted(self, answer) -> None:
        """A Check on a new answer is an attempt on the hint ladder; a graded item's answer opens after two."""
        from workshop_utils import hints

        try:
            hints.count_attempt(self.store, self.qid, answer)
        except WorkshopError as exc:  # the check stands; only the attempt went unrecorded
            self.feedback.value += _message_html(str(exc), ok=False)

    @_safe
    def hint(self, level: int | None = None):
        """Show the next rung of the hint ladder (a text item's current draft counts as an attempt)."""
        from workshop_utils import hints

        draft = self._read() if self.question.check is None else None
        shown = hints.rung(self.qid, self.store.notebook, self.store.path.parent.parent, level=level, answer=draft)
        self.hint_area.value = shown._repr_html_()
        self._hint_label()
        return shown

    def _hint_label(self) -> None:
        """'Hint (2 of 3)': the rung the button shows next (the last one again once every rung is shown)."""
        total = len(self.question.hints) + 1
        shown = int(self.store.entry(self.qid).get("hint_level") or 0)
        self.hint_button.description = f"Hint ({min(shown + 1, total)} of {total})"
        self.hint_button.tooltip = f"A hint for: {self.question.title}"

    def _buttons(self, before: tuple = (), after: tuple = (), check: bool = True) -> w.VBox:
        """The row under the answer (widget-specific buttons, Check, Hint, the save line) and the hint's area."""
        row = [*before, *([self.check_button] if check else []), *after, self.hint_button, self.saved]
        return w.VBox([w.HBox(row), self.hint_area])

    @_safe
    def _save(self, *_):
        if not self._loading:
            self._store()

    def _store(self) -> None:
        self.store.save(self.qid, self._read())
        stamp = _dt.datetime.now().strftime("%H:%M:%S")
        self.saved.value = _message_html(f"Saved at {stamp}.", ok=None)

    def _load(self) -> None:
        saved = self.store.get(self.qid)
        if saved is None:
            return
        self._loading = True
        try:
            self._show(saved)
        except Exception:  # noqa: BLE001 - an odd saved value must not stop the widget from appearing
            self.feedback.value = _message_html(
                f"Your saved answer to this question could not be shown, so the widget starts empty. It is "
                f"still in {self.store.path.name} until you answer again.", ok=False)
            return
        finally:
            self._loading = False
        self.saved.value = _message_html("Your saved answer was restored.", ok=None)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.box)

    # Subclasses: _read() -> answer value; _show(value) updates the controls.


class SortRow(w.HBox):
    """The choice for one statement: a button per label, the chosen one unmistakable.

    The chosen button is filled (``CHOSEN_STYLE``: dark blue with white text in JupyterLab's light theme,
    well above WCAG AA contrast), pressed (``mod-active``), bold and ticked with a check icon, so the choice
    does not rest on colour alone; its tooltip ends with "(chosen)" for screen readers. ``value`` is the chosen
    label, or ``UNSET``; clicking a button chooses its label, as ipywidgets' ToggleButtons did.
    """

    CHOSEN_STYLE = "primary"
    CHOSEN_CLASS = "mod-active"
    value = traitlets.Unicode(UNSET)  # kept in the kernel: the buttons set it, the answer store reads it

    def __init__(self, options, number: int, width: str):
        super().__init__()
        self.options = tuple(options)
        self.buttons: dict[str, w.Button] = {}
        for option in self.options:
            button = w.Button(description=option, layout=w.Layout(width=width, margin="2px"))
            button.on_click(functools.partial(self._clicked, option))
            self.buttons[option] = button
        self._statement = f"statement {number}"
        self.children = tuple(self.buttons.values())
        self.add_class("workshop-sort-row")
        self.observe(self._paint, names="value")
        self._paint()

    @traitlets.validate("value")
    def _valid(self, proposal):
        if proposal["value"] not in self.options:
            raise traitlets.TraitError(f"{proposal['value']!r} is not one of {', '.join(self.options)}")
        return proposal["value"]

    def _clicked(self, option: str, _button=None) -> None:
        self.value = option

    def _paint(self, *_) -> None:
        for option, button in self.buttons.items():
            chosen = option == self.value
            button.button_style = self.CHOSEN_STYLE if chosen else ""
            button.icon = "check" if chosen else ""
            button.style.font_weight = "bold" if chosen else ""
            (button.add_class if chosen else button.remove_class)(self.CHOSEN_CLASS)
            name = "not sorted yet" if option == UNSET else option
            button.tooltip = f"{self._statement}: {name}" + (" (chosen)" if chosen else "")


# How a row is marked after a check: an icon AND words (never colour alone), spoken by screen readers too.
ROW_MARKS = {
    "wrong": ("✗", "wrong: not sorted as the key has it; look at this one again", "#a4161a"),
    "right": ("✓", "right", "#1b5e20"),
    "unchecked": ("–", "not checked here: the graded version checks it", "#333333"),
    "unsorted": ("?", "not sorted yet", "#7a4a00"),
}


def _row_mark_html(number: int, status: str) -> str:
    icon, words, colour = ROW_MARKS[status]
    return (f'<div class="workshop-row-mark workshop-row-{status}" style="color:{colour}; font-weight:bold">'
            f'<span aria-hidden="true">{icon}</span> Statement {number}: {words}.</div>')


def _sorting_key(question) -> dict | None:
    """The key a sorting question is checked against, to say which rows are wrong (None if it cannot be known).

    The question's ``solution`` when it sorts every statement; otherwise the key held by the check that
    ``checks.classification`` built (its ``key`` attribute). The check itself only
    names the first wrong row; marking every row needs the key, which already lives in the kernel.
    """
    if isinstance(question.solution, dict) and set(question.options) <= set(question.solution):
        return dict(question.solution)
    fn = question.check.resolve() if isinstance(question.check, checks.LazyCheck) else question.check
    key = getattr(fn, "key", None)
    return dict(key) if isinstance(key, dict) and set(question.options) <= set(key) else None


def row_statuses(qid: str, answer: dict) -> dict[str, str] | None:
    """For each statement of sorting question ``qid``: "right", "wrong", "unsorted" or "unchecked" (not covered
    by the self-check, which leaves it to the grader). None when the key cannot be known."""
    question = checks.question(qid)
    key = _sorting_key(question)
    if key is None:
        return None
    probe = checks.check(qid, key)  # what the self-check leaves to the grader, as it names it
    unchecked = set(probe.unchecked) if probe.partial else set()
    statuses = {}
    for item in question.options:
        if answer.get(item) is None:
            statuses[item] = "unsorted"
        elif repr(item) in unchecked:
            statuses[item] = "unchecked"
        else:
            statuses[item] = "right" if answer[item] == key[item] else "wrong"
    return statuses


def _row_summary(numbers: dict[str, list[int]]) -> str:
    """One sentence naming the rows by their mark, for the live feedback region (screen readers)."""
    parts = [f"{ROW_MARKS[status][1].split(':')[0]}: {', '.join(map(str, found))}"
             for status in ("wrong", "unsorted", "right", "unchecked") if (found := numbers.get(status))]
    return "Statements marked " + "; ".join(parts) + "." if parts else ""


class Classifier(AnswerWidget):
    """Sort each statement into one of the question's labels.

    After a check every row is marked, icon and words: wrong, right, not sorted yet, or not checked here (the
    self-check leaves it to the grader). A mark clears as soon as its row changes, so it is never stale.
    """

    def __init__(self, qid: str, notebook: str, folder=None):
        super().__init__(qid, notebook, folder)
        labels = list(self.question.labels)
        # Wide enough for the longest label ("business outcome") and the tick of the chosen one.
        width = f"{max(7.5, 0.62 * max(len(label) for label in [UNSET, *labels]) + 3.5):.1f}em"
        self.controls: dict[str, SortRow] = {}
        self.marks: dict[str, w.HTML] = {}
        rows = []
        for number, item in enumerate(self.question.options, start=1):
            # Numbered once, in the statement's line; the buttons' tooltips name their statement, as a
            # screen reader otherwise hears only "output", "outcome" in every row.
            row = SortRow([UNSET, *labels], number, width)
            row.observe(self._save, names="value")
            row.observe(functools.partial(self._unmark, item), names="value")
            self.controls[item] = row
            self.marks[item] = w.HTML(value="")
            rows.append(w.VBox([w.HTML(f"<b>{number}.</b> {html.escape(item)}"), row, self.marks[item]]))
        self.box = w.VBox([w.HTML(_title_html(self.question.title, self.question.prompt)),
                           *rows, self._buttons(), self.feedback])
        self._load()

    def _read(self) -> dict:
        return {item: t.value for item, t in self.controls.items() if t.value != UNSET}

    def check(self) -> checks.Feedback:
        """The self-check, then a mark on every row saying which are wrong, right or not checked here."""
        feedback = super().check()
        if feedback is not None and not feedback.by_hand:
            self._mark_rows()
        return feedback

    @_safe
    def _mark_rows(self) -> None:
        statuses = row_statuses(self.qid, self._read())
        if statuses is None:
            return
        numbers: dict[str, list[int]] = {}
        for number, (item, status) in enumerate(statuses.items(), start=1):
            self.marks[item].value = _row_mark_html(number, status)
            numbers.setdefault(status, []).append(number)
        summary = _row_summary(numbers)
        if summary:
            self.feedback.value += (f'<div class="workshop-row-summary" role="status" aria-live="polite">'
                                    f"{html.escape(summary)}</div>")

    def _unmark(self, item: str, _change=None) -> None:
        self.marks[item].value = ""

    def _show(self, value) -> None:
        """Statements left out of ``value`` keep their sorting; map one to None to unsort it."""
        if not isinstance(value, dict):
            raise WorkshopError("A sorting answer is a dictionary from statement to label, e.g. "
                                "{'Launch the app': 'output'}.")
        unknown = [label for label in value.values() if label is not None and label not in self.question.labels]
        if unknown:
            raise WorkshopError(f"Use only the labels {', '.join(self.question.labels)} "
                                f"(got {reprlib.repr(unknown[0])}).")
        stray = [item for item in value if item not in self.controls]
        if stray:  # a typo in a statement would otherwise be dropped without a word
            raise WorkshopError(checks.not_one_of(stray[0], self.controls, "statements"))
        for item, label in value.items():
            self.controls[item].value = UNSET if label is None else label


# ipywidgets draws a checkbox's description on one line and cuts it with an ellipsis: an option that is a whole
# sentence would show only its start, the part that decides the answer hidden. This rule, scoped to the course's
# checkboxes, lets the label wrap; the <label> element (and so the checkbox's accessible name) is unchanged.
_WRAP_STYLE = ("<style>.workshop-wrap.widget-checkbox, .workshop-wrap.jupyter-widget-checkbox {height: auto;} "
               ".workshop-wrap .widget-label-basic, .workshop-wrap .jupyter-widget-label-basic "
               "{white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.4; "
               "display: flex; align-items: flex-start; gap: 0.4em; padding: 2px 0;} "
               ".workshop-wrap input[type='checkbox'] {flex: none; margin-top: 0.25em;}</style>")


class Chooser(AnswerWidget):
    """Tick every option that fits."""

    WRAP_CLASS = "workshop-wrap"

    def __init__(self, qid: str, notebook: str, folder=None, describe: dict | None = None):
        super().__init__(qid, notebook, folder)
        describe = describe or {}
        self.controls: dict[str, w.Checkbox] = {}
        for option in self.question.options:
            label = f"{option}: {describe[option]}" if option in describe else option
            box = w.Checkbox(value=False, description=label, indent=False,
                             layout=w.Layout(width="auto", height="auto"))
            box.add_class(self.WRAP_CLASS)
            box.observe(self._save, names="value")
            self.controls[option] = box
        self.box = w.VBox([w.HTML(_WRAP_STYLE + _title_html(self.question.title, self.question.prompt)),
                           *self.controls.values(), self._buttons(), self.feedback])
        self._load()

    def _read(self) -> list:
        return sorted(option for option, box in self.controls.items() if box.value)

    def _show(self, value) -> None:
        if isinstance(value, (str, dict)) or not hasattr(value, "__iter__"):
            raise WorkshopError("A choice answer is a list of options, e.g. ['P01', 'P02'].")
        # --- a table (DataFrame) given whole: iterated it yields its column names, never its options ---
        columns = [str(c) for c in getattr(value, "columns", [])]
        if columns:
            holds = next((c for c in columns if set(map(str, value[c])) <= set(self.controls)), columns[0])
            raise WorkshopError(f"A choice answer is a list of options, not a table (this one has the columns "
                                f"{', '.join(columns)}). Take the column that holds the options, e.g. "
                                f"sorted(set(table[\"{holds}\"])).")
        # --- end of the table case ---
        value = list(value)
        if not all(isinstance(option, str) for option in value):
            raise WorkshopError("Give each option as text in one flat list, e.g. ['P01', 'P02'].")
        chosen = set(value)
        stray = sorted(chosen - set(self.controls))
        if stray:
            raise WorkshopError(checks.not_one_of(stray[0], self.controls, "options"))
        for option, box in self.controls.items():
            box.value = option in chosen


class _TextAnswer(AnswerWidget):
    """An answer typed into ``self.area``."""

    text_kind = "A written answer"

    def _read(self) -> str:
        return self.area.value

    def _show(self, value) -> None:
        if not isinstance(value, str):
            raise WorkshopError(f"{self.text_kind} is text.")
        self.area.value = value


class Writer(_TextAnswer):
    """Free text, saved as it is typed (for practice and reflection; hand-graded items use notebook cells)."""

    def __init__(self, qid: str, notebook: str, folder=None, placeholder: str = "Type here..."):
        super().__init__(qid, notebook, folder)
        self.area = w.Textarea(value="", placeholder=placeholder, description="Your text",
                               layout=w.Layout(width="95%", height="6em"), continuous_update=True)
        self.area.observe(self._save, names="value")
        self.box = w.VBox([w.HTML(_title_html(self.question.title, self.question.prompt)),
                           self.area, self._buttons(check=False), self.feedback])
        self._load()



def classify(qid: str, notebook: str, folder=None) -> Classifier:
    """A sorting exercise for question ``qid``; answers saved under ``answers/<notebook>.json``."""
    return Classifier(qid, notebook, folder)


def choose(qid: str, notebook: str, folder=None, describe: dict | None = None) -> Chooser:
    """A tick-all-that-apply exercise; ``describe`` adds a short label to each option."""
    return Chooser(qid, notebook, folder, describe)


def write(qid: str, notebook: str, folder=None, placeholder: str = "Type here...") -> Writer:
    """A free-text box whose text is saved as it is typed."""
    return Writer(qid, notebook, folder, placeholder)


def environment_check() -> w.Widget:
    """A button that proves widgets work: clicking it changes the text beside it."""
    label = w.HTML(_message_html("Not clicked yet.", ok=None))
    button = w.Button(description="Click me", button_style="primary", tooltip="Test that widgets respond")

    def clicked(_):
        label.value = _message_html("Widgets work: the kernel heard your click.", ok=True)

    button.on_click(clicked)
    return w.HBox([button, label])


class _SetupBox(w.VBox):
    """A VBox whose plain-text form explains the problem: JupyterLab shows that text only when it
    cannot draw widgets, so a participant without the widget extension reads the fix instead of
    a cryptic ``VBox(...)``."""

    def __repr__(self) -> str:
        # ipywidgets cuts this text at 110 characters: the whole fix must fit.
        return "Widgets are NOT showing. Fix: run `workshop doctor` in a terminal, then reload this tab."


def setup_check():
    """The start-here environment check: kernel-side checks, a widget to click and a chart to see."""
    import sys

    from workshop_utils import charts, data

    lines = []
    ok_all = True

    def record(ok: bool, text: str) -> None:
        nonlocal ok_all
        ok_all &= ok
        lines.append(("✓ " if ok else "✗ ") + text)

    record(sys.version_info >= (3, 10), f"Python {sys.version.split()[0]}")
    try:
        projects = data.load("projects")
        record(True, f"case-study data loads ({len(projects)} projects)")
    except WorkshopError as exc:
        record(False, f"case-study data: {exc}")
    chart = None
    try:
        import altair as alt

        mode = charts.enable_offline()
        svg = charts.to_svg(alt.Chart(alt.Data(values=[{"x": "a", "y": 1}])).mark_bar().encode(x="x:N", y="y:Q"))
        record("<svg" in svg, f"charts draw offline (renderer: {mode})")
        chart = charts.finish(
            alt.Chart(alt.Data(values=[{"check": "widgets", "ready": 1}, {"check": "charts", "ready": 1},
                                       {"check": "data", "ready": 1}]))
            .mark_bar(color=charts.PALETTE[2]).encode(x=alt.X("check:N", title=None),
                                                     y=alt.Y("ready:Q", title="ready")),
            "Your set-up works",
            "Three equal green bars labelled widgets, charts and data: if you can see them, charts work.")
    except Exception as exc:  # report, never raise, in the start-here notebook
        record(False, f"charts: {exc}. Run `workshop doctor` in a terminal for the fix.")
    verdict = ("Kernel-side checks passed. Now click the button: if its text changes, widgets work too."
               if ok_all else "Some checks failed: see the ✗ lines, and run `workshop doctor` in a terminal.")
    summary = w.HTML(_message_html("\n".join(lines + [verdict]), ok=ok_all))
    return _SetupBox([summary, environment_check()]), chart


class Rewriter(_TextAnswer):
    """Rewrite a deliverable as an outcome statement, with the rubric checklist updating as you type.

    Every keystroke is saved at once (nothing typed is lost); the assessment waits until typing
    pauses for ``debounce`` seconds, so feedback does not flicker and the kernel stays responsive.
    """

    text_kind = "An outcome statement"

    def __init__(self, qid: str, notebook: str, folder=None, deliverable: str = "", debounce: float = 0.4,
                 placeholder: str = "Who will do what differently, from X to Y, by when, without what getting worse?"):
        super().__init__(qid, notebook, folder)
        self.debounce = debounce
        self.assessment = None
        self._pending = None
        intro = f"<p><b>Deliverable:</b> {html.escape(deliverable)}</p>" if deliverable else ""
        self.area = w.Textarea(value="", placeholder=placeholder, description="Your outcome statement",
                               style={"description_width": "initial"},
                               layout=w.Layout(width="95%", height="5em"), continuous_update=True)
        self.checklist = w.HTML(value=_message_html("Start typing: the checklist updates as you write.", ok=None))
        self.area.observe(self._typed, names="value")
        self.box = w.VBox([w.HTML(_title_html(self.question.title, self.question.prompt) + intro),
                           self.area, self._buttons(check=False), self.checklist, self.feedback])
        self._load()
        if self.area.value:
            self.assess_now()


    def _typed(self, change) -> None:
        self._save()
        if self._loading:
            return
        self._schedule()

    def _schedule(self) -> None:
        import asyncio

        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            loop = None
        if loop is None or not loop.is_running() or self.debounce <= 0:
            self.assess_now()  # outside a running kernel (tests, scripts): no waiting
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(self.debounce, self.assess_now)

    @_safe
    def assess_now(self):
        """Assess the current text and redraw the checklist."""
        from workshop_utils import outcomes

        self._pending = None
        text = self.area.value
        self.assessment = outcomes.assess(text)
        self.checklist.value = checklist_html(self.assessment)
        return self.assessment


def checklist_html(assessment) -> str:
    """The seven rubric criteria as an accessible checklist, why a trap is not a behaviour, and ONE next step.

    The assessor orders its hints (kind and who, behaviour, measure, baseline and target, timeframe,
    guardrail); the rewriter shows only the first, so a participant fixes one thing at a time. The rest
    appear as the statement improves (graders still see them all in ``review.suggestion_markdown``).
    """
    from workshop_utils import outcomes

    items = []
    for name in outcomes.CRITERIA:
        met = assessment.criteria[name]
        evidence = assessment.evidence.get(name, "")
        detail = f": “{html.escape(evidence)}”" if met and evidence else ""
        status = "met" if met else "missing"
        colour = "#1b5e20" if met else "#a4161a"
        items.append(f'<li style="color:{colour}"><span aria-hidden="true">{"✓" if met else "✗"}</span> '
                     f"<b>{html.escape(name)}</b> ({status}){detail}: {html.escape(outcomes.LABELS[name])}</li>")
    summary_html = _summary_html(assessment)
    why = getattr(assessment, "why", "")
    why_html = f"<p><b>Why:</b> {html.escape(why)}</p>" if why else ""
    next_hint = assessment.hints[0] if assessment.hints else ""
    step = ""
    if next_hint:
        more = len(assessment.hints) - 1
        later = (f' <span class="workshop-more">({more} more suggestion{"s" if more > 1 else ""} once this one is '
                 "done)</span>") if more else ""
        step = f'<p class="workshop-next-hint"><b>Next step:</b> {html.escape(next_hint)}{later}</p>'
    if why and next_hint.startswith(why):
        why_html = ""  # the next step already says why
    return (f'<div class="workshop-checklist" role="status" aria-live="polite">{summary_html}'
            f"{why_html}<ul>{''.join(items)}</ul>{step}</div>")


def _summary_html(assessment) -> str:
    """The assessor's one-sentence summary, shown once, its lead clause in bold.

    A separate verdict line above it said the same thing twice ("Not an outcome yet. Not an outcome yet:
    ..."). The guardrail's cross is not one of the six required: say it is recommended."""
    summary = assessment.summary
    if not assessment.criteria.get("guardrail", True):
        summary += " The guardrail is recommended."
    lead, sep, rest = summary.partition(":")
    if not sep:
        lead, sep, rest = summary.partition(",")
    if not sep:
        return f"<p><b>{html.escape(summary)}</b></p>"
    return f"<p><b>{html.escape(lead + sep)}</b>{html.escape(rest)}</p>"


def rewrite(qid: str, notebook: str, folder=None, deliverable: str = "", debounce: float = 0.4) -> Rewriter:
    """An outcome-statement rewriter for question ``qid`` (a text question), saved like any answer."""
    return Rewriter(qid, notebook, folder, deliverable=deliverable, debounce=debounce)


class MissionWriter(Rewriter):
    """Draft a mission and its beachhead, with the four parts of the rubric updating as you type.

    The same saving and debounce as :class:`Rewriter`; the coach is ``workshop_utils.missions``. A draft with
    all four parts shows ◐ "for a person to judge", never a plain tick: how good each part is, a person judges.
    """

    text_kind = "A mission draft"

    def __init__(self, qid: str, notebook: str, folder=None, charter: str = "", debounce: float = 0.4):
        super().__init__(qid, notebook, folder, deliverable="", debounce=debounce,
                         placeholder="Mission: ...\nBeachhead: ...\nWhy first: ...\nNext: ...")
        self.area.description = "Your mission and beachhead"
        self.area.layout.height = "8em"
        if charter:
            intro = f"<p><b>Project charter:</b> {html.escape(charter)}</p>"
            self.box.children[0].value = _title_html(self.question.title, self.question.prompt) + intro

    @_safe
    def assess_now(self):
        """Assess the current draft and redraw the four-part checklist."""
        from workshop_utils import missions

        self._pending = None
        self.assessment = missions.assess(self.area.value)
        self.checklist.value = mission_checklist_html(self.assessment)
        return self.assessment


def mission_checklist_html(assessment) -> str:
    """The four rubric parts as an accessible checklist, and ONE next step (the first hint)."""
    from workshop_utils import missions

    items = []
    for part in missions.PARTS:
        met = assessment.parts.get(part, False)
        evidence = assessment.evidence.get(part, "") if met else ""
        detail = f": “{html.escape(_short(evidence, 120))}”" if evidence else ""
        colour = "#1b5e20" if met else "#a4161a"
        mark = "◐" if met else "✗"
        # A part that is written but not yet as the rubric asks is not "missing": saying so would send the
        # participant looking for a line they can see.
        written = "written, not yet as the rubric asks" if assessment.evidence.get(part) else "missing"
        status = "found; for a person to judge" if met else written
        items.append(f'<li style="color:{colour}"><span aria-hidden="true">{mark}</span> <b>{html.escape(part)}</b> '
                     f"({status}){detail}: {html.escape(missions.LABELS[part])}</li>")
    lead = f'<span aria-hidden="true">{missions.verdict_mark(assessment)}</span> '
    step = ""
    if assessment.hints:
        more = len(assessment.hints) - 1
        later = f" ({more} more once this one is done)" if more else ""
        step = f'<p class="workshop-next-hint"><b>Next step:</b> {html.escape(assessment.hints[0])}{later}</p>'
    return (f'<div class="workshop-checklist" role="status" aria-live="polite"><p>{lead}'
            f"<b>{html.escape(assessment.summary)}</b></p><ul>{''.join(items)}</ul>{step}</div>")


def mission(qid: str, notebook: str, folder=None, charter: str = "", debounce: float = 0.4) -> MissionWriter:
    """A mission-and-beachhead draft box for question ``qid`` (a text question) with live hints, saved as typed."""
    return MissionWriter(qid, notebook, folder, charter=charter, debounce=debounce)
