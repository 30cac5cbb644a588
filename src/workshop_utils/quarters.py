"""The quarter stepper: a year's data revealed one quarter at a time, with a decision per deliverable.

Module 03's recalibration loop. The participant presses *Reveal next quarter*; the table grows by one
quarter (delivery, usage and the outcome against the straight line from baseline to target) and each
deliverable gets a fresh row of buttons: continue, pivot or stop. The decisions of every quarter so far
are the answer, ``{"Q1": {"D01": "stop", ...}, "Q2": {...}}``, saved the moment they change
(``workshop_utils.answers``) and restored when the cell runs again, like every other widget.

Buttons only, so the whole widget works from the keyboard (Tab to a button, Enter or Space to press it).
A problem is shown as a sentence in the feedback line; the decisions already made stay.
"""

from __future__ import annotations

import html
import reprlib

import ipywidgets as w

from workshop_utils import checks, metrics
from workshop_utils.errors import WorkshopError
from workshop_utils.widgets import UNSET, AnswerWidget, SortRow, _message_html, _safe, _title_html

QUARTERS = metrics.QUARTERS
COLUMNS = ("deliverable_id", "deliverable", "quarter", "delivery", "usage_measure", "usage", "outcome_measure",
           "unit", "baseline", "target", "actual")


def _table_html(table, revealed: int) -> str:
    """The quarters revealed so far, one row per deliverable: a real table with a caption and headers."""
    shown = QUARTERS[:revealed]
    if not shown:
        return ("<p>No quarter revealed yet. Press <b>Reveal next quarter</b> to see how Q1 went.</p>")
    status = metrics.quarterly_status(table[table["quarter"].isin(shown)])
    head = "".join(f'<th scope="col">{q}: outcome (line asks for); delivery; usage</th>' for q in shown)
    rows = []
    for did, part in status.groupby("deliverable_id", sort=False):
        first = part.iloc[0]
        cells = []
        for quarter in shown:
            found = part[part["quarter"] == quarter]
            if found.empty:
                cells.append("<td>no data</td>")
                continue
            row = found.iloc[0]
            cells.append(f"<td><b>{row['actual']:g}</b> ({row['expected']:.1f}); {html.escape(row['delivery'])}; "
                         f"{int(row['usage']):,}</td>")
        rows.append(f'<tr><th scope="row">{html.escape(did)} {html.escape(first["deliverable"])}<br>'
                    f"<small>{html.escape(first['outcome_measure'])} ({html.escape(first['unit'])}): "
                    f"{first['baseline']:g} to {first['target']:g}; usage: {html.escape(first['usage_measure'])}"
                    f"</small></th>{''.join(cells)}</tr>")
    return ('<table class="workshop-quarters-table" style="border-collapse:collapse">'
            f"<caption>2026 so far: {', '.join(shown)}. Outcome at the end of the quarter, with where the straight "
            "line from baseline to target would be in brackets.</caption>"
            f'<tr><th scope="col">Deliverable and its outcome</th>{head}</tr>{"".join(rows)}</table>')


class QuarterStepper(AnswerWidget):
    """Reveal the year one quarter at a time and decide, per deliverable, after each."""

    def __init__(self, qid: str, notebook: str, table, folder=None):
        metrics.require_columns(table, COLUMNS, "the quarterly table")
        if table.empty:
            raise WorkshopError("The quarterly table is empty: load it with data.load('quarterly_2026').")
        super().__init__(qid, notebook, folder)
        missing = [did for did in self.question.options if did not in set(table["deliverable_id"])]
        if missing:
            raise WorkshopError(f"The quarterly table has no rows for {', '.join(missing)}: is it the table this "
                                "question is about?")
        self.table = table[table["deliverable_id"].isin(self.question.options)].reset_index(drop=True)
        self.quarters = tuple(q for q in QUARTERS if q in set(self.table["quarter"]))
        self.decisions: dict[str, dict[str, str]] = {}
        self.revealed = 0
        labels = list(self.question.labels)
        names = dict(zip(self.table["deliverable_id"], self.table["deliverable"], strict=True))
        self.controls: dict[str, SortRow] = {}
        rows = []
        for number, did in enumerate(self.question.options, start=1):
            row = SortRow([UNSET, *labels], number, "7.5em")
            row.observe(self._save, names="value")
            self.controls[did] = row
            rows.append(w.VBox([w.HTML(f"<b>{number}. {html.escape(did)}</b> {html.escape(names[did])}"), row]))
        self.next_button = w.Button(description="Reveal next quarter", icon="forward",
                                    tooltip="Reveal the next quarter's data; your decisions so far are kept")
        self.next_button.on_click(self._next)
        self.heading = w.HTML()
        self.view = w.HTML()
        self.rows = w.VBox(rows)
        self.box = w.VBox([w.HTML(_title_html(self.question.title, self.question.prompt)), self.heading, self.view,
                           self.rows, self._buttons(before=(self.next_button,)), self.feedback])
        self.box.add_class("workshop-quarters")
        self._paint()
        self._load()

    # The answer ---------------------------------------------------------------------------
    def _current(self) -> dict[str, str]:
        return {did: row.value for did, row in self.controls.items() if row.value != UNSET}

    def _read(self) -> dict:
        answer = {q: dict(self.decisions.get(q, {})) for q in self.quarters[:self.revealed]}
        if self.revealed:
            answer[self.quarters[self.revealed - 1]] = self._current()
        return answer

    def _show(self, value) -> None:
        if not isinstance(value, dict):
            raise WorkshopError("The answer maps each quarter revealed to its decisions, e.g. "
                                "{'Q1': {'D01': 'stop'}}.")
        if value and all(key in self.controls for key in value):  # one quarter's decisions: the quarter on show
            shown = max(self.revealed, 1)
            value = {**{q: dict(self.decisions.get(q, {})) for q in self.quarters[:shown - 1]},
                     self.quarters[shown - 1]: dict(value)}
        quarters = list(value)
        if quarters != list(self.quarters[:len(quarters)]):
            raise WorkshopError(f"Quarters come in order from Q1, with none skipped (got {reprlib.repr(quarters)}); "
                                f"this table has {', '.join(self.quarters)}.")
        for quarter, decided in value.items():
            if not isinstance(decided, dict):
                raise WorkshopError(f"{quarter}'s decisions are a dictionary from deliverable to decision, e.g. "
                                    "{'D01': 'stop'}.")
            stray = [did for did in decided if did not in self.controls]
            if stray:
                raise WorkshopError(checks.not_one_of(stray[0], self.controls, "deliverables"))
            odd = [d for d in decided.values() if d not in self.question.labels]
            if odd:
                raise WorkshopError(f"Decide with {', '.join(self.question.labels)} (got {reprlib.repr(odd[0])}).")
        self.decisions = {q: dict(d) for q, d in value.items()}
        self.revealed = len(quarters)
        last = self.decisions.get(quarters[-1], {}) if quarters else {}
        for did, row in self.controls.items():
            row.value = last.get(did, UNSET)
        self._paint()

    # Behaviour ----------------------------------------------------------------------------
    @_safe
    def _next(self, _button=None) -> None:
        if self.revealed >= len(self.quarters):
            self.feedback.value = _message_html("That was the last quarter of the year: every quarter is shown.")
            return
        if self.revealed:
            self.decisions[self.quarters[self.revealed - 1]] = self._current()
        self.revealed += 1
        self._loading = True
        try:
            for row in self.controls.values():
                row.value = UNSET
        finally:
            self._loading = False
        self._paint()
        self._store()
        self.feedback.value = _message_html(f"{self.quarters[self.revealed - 1]} revealed: decide for each "
                                            "deliverable, then press Check.")

    def _paint(self) -> None:
        if self.revealed:
            quarter = self.quarters[self.revealed - 1]
            self.heading.value = (f'<p role="status" aria-live="polite"><b>End of {quarter} 2026.</b> Decide for '
                                  f"each deliverable: {', '.join(self.question.labels)}.</p>")
        else:
            self.heading.value = "<p><b>Start of 2026.</b> Nothing is known yet.</p>"
        self.view.value = _table_html(self.table, self.revealed)
        self.rows.layout.display = "" if self.revealed else "none"
        self.next_button.disabled = self.revealed >= len(self.quarters)


def stepper(qid: str, notebook: str, table, folder=None) -> QuarterStepper:
    """A quarter stepper for question ``qid`` over ``table`` (one row per deliverable and quarter)."""
    return QuarterStepper(qid, notebook, table, folder)
