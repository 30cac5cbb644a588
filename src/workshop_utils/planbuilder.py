"""The capstone's outcome-plan builder: one widget for the whole plan of ``workshop_utils.plan``.

Sections: the plan's title, team and why; three to five outcome slots, each a statement with the
assessor's live checklist (as :class:`workshop_utils.widgets.Rewriter` shows it) and the fields
who, behaviour, measure, baseline and its source, target, timeframe, with leading and lagging
measure rows; guardrails; partners (who, ask, what is in it for them); one row per deliverable,
placed under an outcome or dropped; the recalibration cadence and the first 30-day check-in.

Like every course widget (``workshop_utils.widgets``) it saves each change at once to
``answers/<notebook>.json`` under its question id, so a restart brings everything back, and a
problem is a sentence in the feedback line while everything entered stays. *Check plan* lists
:func:`workshop_utils.plan.problems`; *Export* writes the Markdown and the offline HTML page beside
the notebook and links to them. ``.plan`` is the current plan dict.
"""

from __future__ import annotations

import html

import ipywidgets as w

from workshop_utils import plan as plans
from workshop_utils.errors import WorkshopError
from workshop_utils.widgets import AnswerWidget, _message_html, _safe, _title_html, checklist_html

SLOTS = plans.MAX_OUTCOMES
MEASURE_ROWS = 2  # leading and lagging rows per outcome (more when a saved plan has more)
GUARDRAIL_ROWS = 3
PARTNER_ROWS = 4
_WIDE = {"description_width": "initial"}
_FULL = w.Layout(width="95%")
_FIELD_LABELS = {"who": "who (whose behaviour changes)", "behaviour": "behaviour (what they will do differently)",
                 "measure": "measure (how it is counted, with a unit)", "baseline": "baseline (where it is today)",
                 "baseline_source": "baseline source (where that number comes from)",
                 "target": "target (where it should be)", "timeframe": "timeframe (by when)"}
_PLACEHOLDERS = {"who": "e.g. Online customers", "behaviour": "e.g. start a return in the app instead of calling us",
                 "measure": "e.g. % of returns started in the app", "baseline": "e.g. 22%",
                 "baseline_source": "e.g. returns log, July to September", "target": "e.g. 60%",
                 "timeframe": "e.g. by December 2026"}
_GRID_HEADERS = ("", "measure", "baseline", "target", "source (where the number comes from)")
_SECTION = w.Layout(border="1px solid #bbb", padding="4px 8px", margin="6px 0")


def _text(description: str, placeholder: str = "", area: bool = False) -> w.Widget:
    if area:
        return w.Textarea(value="", description=description, placeholder=placeholder, style=_WIDE,
                          layout=w.Layout(width="95%", height="4em"))
    return w.Text(value="", description=description, placeholder=placeholder, style=_WIDE, layout=_FULL)


def _heading(text: str) -> w.HTML:
    return w.HTML(f"<p><b>{html.escape(text)}</b></p>")


def _show_value(value) -> str:
    return plans._show_value(value)


def _default_deliverables() -> dict:
    from workshop_utils.course import m02

    return dict(m02.DELIVERABLES)


class PlanBuilder(AnswerWidget):
    """The whole outcome plan in one widget; the answer is the plan dict (see ``workshop_utils.plan``)."""

    def __init__(self, qid: str, notebook: str, folder=None, deliverables=None, title: str = "", team: str = "",
                 debounce: float = 0.4, stem: str = "my-outcome-plan"):
        super().__init__(qid, notebook, folder)
        self.debounce = debounce
        self.stem = stem
        self._pending: dict[str, object] = {}
        self.assessments: dict[str, object] = {}
        saved = self._saved_plan()
        rows = plans.from_deliverables(_default_deliverables() if deliverables is None else deliverables)
        self.deliverables = {d["id"]: d["deliverable"] for d in rows["deliverables"]}
        for row in saved["deliverables"]:  # a saved deliverable no longer in the table keeps its row
            self.deliverables.setdefault(row["id"], row["deliverable"])
        self.outcome_ids = [f"O{n}" for n in range(1, SLOTS + 1)]
        for outcome in saved["outcomes"]:
            if outcome["id"] and outcome["id"] not in self.outcome_ids:
                self.outcome_ids.append(outcome["id"])
        self.title = _text("Plan title", "e.g. Online orders that cost less to serve")
        self.team = _text("Team", "e.g. Customer Service")
        self.why = _text("Why (the goal it serves)", f"Your charter's goal: {rows['why']}" if rows["why"] else
                         "The goal or impact the plan serves, e.g. Online orders cost less to serve: from €7.80 to "
                         "€6.60 an order by December 2026", area=True)
        measure_rows = max([MEASURE_ROWS] + [len(o[k]) for o in saved["outcomes"] for k in plans.MEASURE_KINDS])
        self.slots = {oid: self._outcome_slot(oid, measure_rows) for oid in self.outcome_ids}
        self.guardrails = [self._row(f"Guardrail {n}", {"measure": "measure that must not get worse",
                                                         "limit": "its limit"}, "applies to")
                           for n in range(1, max(GUARDRAIL_ROWS, len(saved["guardrails"])) + 1)]
        self.partners = [self._row(f"Partner {n}", {"who": "who", "ask": "what we ask of them",
                                                     "offer": "what is in it for them"}, "for outcome")
                         for n in range(1, max(PARTNER_ROWS, len(saved["partners"])) + 1)]
        places = [("(not placed)", plans.NOT_PLACED), *[(f"under {oid}", oid) for oid in self.outcome_ids],
                  ("drop it", plans.DROP)]
        self.rows = {}
        for did, text in self.deliverables.items():
            place = w.Dropdown(options=places, value=plans.NOT_PLACED, description=f"{did}: {text}", style=_WIDE,
                               layout=_FULL)
            assumption = _text(f"{did}: assumption (why it would move the outcome, or why drop it)")
            self.rows[did] = {"outcome": place, "assumption": assumption}
        self.cadence = _text("Recalibration cadence", "How often you look at the measures and change the plan, e.g. "
                             "leading measures every two weeks; the whole plan each quarter", area=True)
        self.checkin = _text("First 30-day check-in", "What you will look at in 30 days, and what would make you "
                             "change course", area=True)
        self.check_button.description = "Check plan"
        self.check_button.tooltip = "List what the plan still needs (structure only; a person judges quality)"
        self.export_button = w.Button(description="Export", icon="download",
                                      tooltip="Write the plan as Markdown and as one offline HTML page beside "
                                              "this notebook")
        self.export_button.on_click(lambda _: self.export())
        self.links = w.HTML(value="")
        for control in self._controls():
            control.observe(self._save, names="value")
        for oid, slot in self.slots.items():
            slot["statement"].observe(lambda change, oid=oid: self._typed(oid), names="value")
        self.box = w.VBox([
            w.HTML(_title_html(self.question.title, self.question.prompt)),
            w.VBox([_heading("The plan"), self.title, self.team, self.why], layout=_SECTION),
            _heading(f"Outcomes: write {plans.MIN_OUTCOMES} to {plans.MAX_OUTCOMES} (leave unused ones empty)"),
            *[slot["box"] for slot in self.slots.values()],
            w.VBox([_heading("Guardrails: what must not get worse"), *[r["box"] for r in self.guardrails]],
                   layout=_SECTION),
            w.VBox([_heading("Partners to influence: what you ask, and what is in it for them"),
                    *[r["box"] for r in self.partners]], layout=_SECTION),
            w.VBox([_heading("Deliverables: options under an outcome, or dropped"),
                    *[w.VBox([r["outcome"], r["assumption"]], layout=w.Layout(margin="4px 0"))
                      for r in self.rows.values()]], layout=_SECTION),
            w.VBox([_heading("Keeping it alive"), self.cadence, self.checkin], layout=_SECTION),
            self._buttons(after=(self.export_button,)), self.links, self.feedback])
        self._load()
        self._loading = True  # defaults for an empty plan are shown, not saved: the first real change saves them
        try:
            self.title.value = self.title.value or str(title)
            self.team.value = self.team.value or str(team)
        finally:
            self._loading = False
        for oid, slot in self.slots.items():
            if slot["statement"].value:
                self.assess_now(oid)

    # -- building ------------------------------------------------------------------------
    def _saved_plan(self) -> dict:
        """The saved plan, normalised, or an empty one (an unreadable saved value is reported by _load)."""
        try:
            return plans.normalise(self.store.get(self.qid) or {})
        except WorkshopError:
            return plans.empty_plan()

    def _outcome_slot(self, oid: str, measure_rows: int) -> dict:
        statement = w.Textarea(value="", description=f"{oid} outcome statement", style=_WIDE,
                               placeholder="Who will do what differently, from X to Y, by when?",
                               layout=w.Layout(width="95%", height="4em"))
        checklist = w.HTML(value=_message_html("Write the statement: the checklist updates as you type.", ok=None))
        fields = {name: _text(f"{oid} {label}", _PLACEHOLDERS[name]) for name, label in _FIELD_LABELS.items()}
        measures = {kind: [{name: self._cell(f"{oid} {kind} measure {n}: {name}", name)
                            for name in plans.MEASURE_FIELDS} for n in range(1, measure_rows + 1)]
                    for kind in plans.MEASURE_KINDS}
        # A grid: one header row, then one row per measure. Each box keeps its full label for screen readers;
        # on screen the column headers say what goes where.
        cells = [w.HTML(f"<b>{html.escape(text)}</b>") for text in _GRID_HEADERS]
        for kind in plans.MEASURE_KINDS:
            for n, row in enumerate(measures[kind], start=1):
                cells += [w.HTML(f"{kind} {n}"), *row.values()]
        grid = w.GridBox(cells, layout=w.Layout(grid_template_columns="5.5em 2fr 1fr 1fr 1.6fr", grid_gap="2px 6px",
                                                width="95%"))
        box = w.VBox([_heading(f"Outcome {oid}"), statement, checklist, *fields.values(),
                      _heading(f"{oid}: leading measures (move first) and lagging measures (the result, later)"),
                      grid], layout=_SECTION)
        return {"statement": statement, "checklist": checklist, "fields": fields, "measures": measures, "box": box}

    @staticmethod
    def _cell(label: str, name: str) -> w.Text:
        """A box in the measures grid: its label read by screen readers, its column header shown on screen."""
        return w.Text(value="", description=label, placeholder=name, style={"description_width": "0px"},
                      layout=w.Layout(width="auto", min_width="0"))

    def _row(self, label: str, fields: dict, link: str) -> dict:
        controls = {name: _text(f"{label}: {text}") for name, text in fields.items()}
        outcome = w.Dropdown(options=[("the whole plan" if link == "applies to" else "(any)", ""),
                                      *[(oid, oid) for oid in self.outcome_ids]],
                             value="", description=f"{label}: {link}", style=_WIDE)
        return {**controls, "outcome": outcome, "box": w.VBox([*controls.values(), outcome],
                                                               layout=w.Layout(margin="4px 0"))}

    def _controls(self) -> list[w.Widget]:
        found = [self.title, self.team, self.why, self.cadence, self.checkin]
        for slot in self.slots.values():
            found += [slot["statement"], *slot["fields"].values()]
            found += [c for kind in plans.MEASURE_KINDS for row in slot["measures"][kind] for c in row.values()]
        for row in self.guardrails + self.partners:
            found += [c for name, c in row.items() if name != "box"]
        found += [c for row in self.rows.values() for c in row.values()]
        return found

    # -- the answer ----------------------------------------------------------------------
    @property
    def plan(self) -> dict:
        """The plan as the widget holds it now (a plain dict, see ``workshop_utils.plan``)."""
        return self._read()

    def _read(self) -> dict:
        current = plans.empty_plan(self.title.value, self.team.value)
        current.update(why=self.why.value, cadence=self.cadence.value, checkin_30_days=self.checkin.value)
        for oid, slot in self.slots.items():
            outcome = {"id": oid, "statement": slot["statement"].value,
                       **{name: control.value for name, control in slot["fields"].items()}}
            for kind in plans.MEASURE_KINDS:
                outcome[kind] = [{name: c.value for name, c in row.items()} for row in slot["measures"][kind]
                                 if any(c.value.strip() for c in row.values())]
            if any(plans._filled(outcome[name]) for name in plans.OUTCOME_FIELDS) or any(
                    outcome[kind] for kind in plans.MEASURE_KINDS):
                current["outcomes"].append(outcome)
        for key, rows in (("guardrails", self.guardrails), ("partners", self.partners)):
            for row in rows:
                entry = {name: c.value for name, c in row.items() if name != "box"}
                if any(value.strip() for name, value in entry.items() if name != "outcome"):
                    current[key].append(entry)
        current["deliverables"] = [{"id": did, "deliverable": text, "outcome": self.rows[did]["outcome"].value,
                                    "assumption": self.rows[did]["assumption"].value}
                                   for did, text in self.deliverables.items()]
        return current

    def _fits(self, value: dict) -> None:
        """Raise before anything changes when ``value`` has more than this widget can show."""
        unknown = [o["id"] for o in value["outcomes"] if o["id"] not in self.slots]
        if unknown:
            raise WorkshopError(f"This builder has outcomes {', '.join(self.slots)}; {unknown[0]!r} is not one of "
                                "them. Give each outcome one of those ids.")
        ids = [o["id"] for o in value["outcomes"]]
        if len(set(ids)) != len(ids):
            raise WorkshopError("Two outcomes share an id: give each its own, O1 to O5.")
        rows = len(next(iter(self.slots.values()))["measures"]["leading"])
        for outcome in value["outcomes"]:
            for kind in plans.MEASURE_KINDS:
                if len(outcome[kind]) > rows:
                    raise WorkshopError(f"{outcome['id']} has {len(outcome[kind])} {kind} measures; this builder "
                                        f"holds {rows}. Keep the ones that matter most.")
        for key, rows_of in (("guardrails", self.guardrails), ("partners", self.partners)):
            if len(value[key]) > len(rows_of):
                raise WorkshopError(f"This builder holds {len(rows_of)} {key} (got {len(value[key])}): keep the ones "
                                    "that matter most.")
        stray = [d["id"] for d in value["deliverables"] if d["id"] not in self.rows]
        if stray:
            raise WorkshopError(f"{stray[0]} is not one of this plan's deliverables ({', '.join(self.rows)}).")

    def _show(self, value) -> None:
        value = plans.normalise(value)
        self._fits(value)
        loading, self._loading = self._loading, True  # one save after the whole plan is shown, not one per control
        try:
            self.title.value, self.team.value, self.why.value = value["title"], value["team"], value["why"]
            self.cadence.value, self.checkin.value = value["cadence"], value["checkin_30_days"]
            by_id = {o["id"]: o for o in value["outcomes"]}
            for oid, slot in self.slots.items():
                outcome = by_id.get(oid, plans.empty_outcome(oid))
                slot["statement"].value = _show_value(outcome["statement"])
                for name, control in slot["fields"].items():
                    control.value = _show_value(outcome[name])
                for kind in plans.MEASURE_KINDS:
                    for index, row in enumerate(slot["measures"][kind]):
                        entry = outcome[kind][index] if index < len(outcome[kind]) else {}
                        for name, control in row.items():
                            control.value = _show_value(entry.get(name, ""))
            for key, rows in (("guardrails", self.guardrails), ("partners", self.partners)):
                for index, row in enumerate(rows):
                    entry = value[key][index] if index < len(value[key]) else {}
                    for name, control in row.items():
                        if name == "outcome":
                            self._choose(control, entry.get("outcome", ""))
                        elif name != "box":
                            control.value = _show_value(entry.get(name, ""))
            placed = {d["id"]: d for d in value["deliverables"]}
            for did, row in self.rows.items():
                entry = placed.get(did, {})
                self._choose(row["outcome"], entry.get("outcome", plans.NOT_PLACED))
                row["assumption"].value = entry.get("assumption", "")
        finally:
            self._loading = loading
        for oid, slot in self.slots.items():
            if slot["statement"].value:
                self.assess_now(oid)

    @staticmethod
    def _choose(dropdown: w.Dropdown, value: str) -> None:
        """Set a dropdown, first adding a value it does not offer (an outcome id from elsewhere) so nothing is
        lost; the plan's check then says that id is not an outcome of the plan."""
        if value not in [option[1] for option in dropdown.options]:
            dropdown.options = [*dropdown.options, (f"{value} (not an outcome here)", value)]
        dropdown.value = value

    # -- live assessment -----------------------------------------------------------------
    def _typed(self, oid: str) -> None:
        if self._loading:
            return
        import asyncio

        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            loop = None
        if loop is None or not loop.is_running() or self.debounce <= 0:
            self.assess_now(oid)  # outside a running kernel (tests, scripts): no waiting
            return
        pending = self._pending.pop(oid, None)
        if pending is not None:
            pending.cancel()
        self._pending[oid] = loop.call_later(self.debounce, self.assess_now, oid)

    @_safe
    def assess_now(self, oid: str):
        """Assess outcome ``oid``'s statement and redraw its checklist."""
        from workshop_utils import outcomes

        self._pending.pop(oid, None)
        slot = self.slots[oid]
        text = slot["statement"].value
        if not text.strip():
            self.assessments.pop(oid, None)
            slot["checklist"].value = _message_html("Write the statement: the checklist updates as you type.",
                                                    ok=None)
            return None
        self.assessments[oid] = outcomes.assess(text)
        slot["checklist"].value = checklist_html(self.assessments[oid])
        return self.assessments[oid]

    # -- buttons -------------------------------------------------------------------------
    @_safe
    def check(self):
        """List every structural problem of the plan (``workshop_utils.plan.problems``) in the feedback line."""
        found = plans.problems(self._read())
        if found:
            self.feedback.value = _message_html(
                f"{len(found)} thing{'s' if len(found) != 1 else ''} still to do:\n"
                + "\n".join(f"• {line}" for line in found), ok=False)
        else:
            self.feedback.value = _message_html(
                "Every structural check passes. How good the plan is, a person judges: talk it through with a "
                "partner, then export it.", ok=True)
        return found

    @_safe
    def export(self):
        """Write ``<stem>.md`` and ``<stem>.html`` beside the notebook and show links to them."""
        folder = self.store.path.parent.parent
        self.links.value = _message_html("Exporting: drawing the charts takes a few seconds...", ok=None)
        md_path, html_path = plans.export(self._read(), folder, stem=self.stem)
        left = len(plans.problems(self._read()))
        note = (f" {left} thing{'s' if left != 1 else ''} still to do: both files list them." if left else "")
        links = " and ".join(f'<a href="{html.escape(p.name, quote=True)}" target="_blank" rel="noopener">'
                             f"{html.escape(p.name)}</a>" for p in (html_path, md_path))
        self.links.value = (f'<div role="status" aria-live="polite">Exported {links}, beside this notebook (open them '
                            f"from the file browser; the HTML page works offline and can be shared).{html.escape(note)}"
                            "</div>")
        return md_path, html_path


def build_plan(qid: str, notebook: str, folder=None, deliverables=None, title: str = "", team: str = "",
               debounce: float = 0.4) -> PlanBuilder:
    """The outcome-plan builder for question ``qid``; ``deliverables`` is the charter's table (default: Fernhill's
    2026 plan); ``title`` and ``team`` fill an empty plan's first fields."""
    return PlanBuilder(qid, notebook, folder, deliverables=deliverables, title=title, team=team, debounce=debounce)


__all__ = ["PlanBuilder", "build_plan"]
