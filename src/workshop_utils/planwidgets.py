"""Two class widgets for module 02's whole-plan work: build an impact map, and peer-review a statement.

Both follow ``workshop_utils.widgets``: every change is saved at once to ``answers/<notebook>.json``
(so a restart or the autograder sees it), every control is labelled for screen readers, and a problem
shows as a sentence in the feedback line while everything entered stays where it is.
"""

from __future__ import annotations

import html

import ipywidgets as w

from workshop_utils import impactmap, peer
from workshop_utils.errors import WorkshopError
from workshop_utils.widgets import AnswerWidget, _message_html, _safe, _title_html

NOT_PLACED = ""
DROP = "drop"
_WIDE = {"description_width": "initial"}


class MapBuilder(AnswerWidget):
    """Outcome slots (goal, statement, measure) and one row per deliverable: under which outcome, or dropped.

    The question's ``options`` are the deliverable ids, its ``labels`` the plan's goals.
    """

    def __init__(self, qid: str, notebook: str, folder=None, describe: dict | None = None, slots: int = 6):
        super().__init__(qid, notebook, folder)
        describe = describe or {}
        self.deliverables = {did: describe.get(did, did) for did in self.question.options}
        self.goals = tuple(self.question.labels)
        self.slots = []
        for number in range(1, slots + 1):
            goal = w.Dropdown(options=[("(choose a goal)", ""), *[(g, g) for g in self.goals]], value="",
                              description=f"Outcome {number}, goal", style=_WIDE)
            outcome = w.Textarea(value="", description=f"Outcome {number}: who will do what differently",
                                 placeholder="Actor + behaviour change, e.g. 'Store staff answer ... without ...'",
                                 style=_WIDE, layout=w.Layout(width="95%", height="3.5em"))
            measure = w.Text(value="", description=f"Outcome {number}, measure (with a unit)",
                             placeholder="e.g. % of returns started in the app", style=_WIDE,
                             layout=w.Layout(width="95%"))
            for control in (goal, outcome, measure):
                control.observe(self._save, names="value")
            self.slots.append({"goal": goal, "outcome": outcome, "measure": measure})
        places = [("(not placed)", NOT_PLACED), *[(f"under outcome {n}", str(n)) for n in range(1, slots + 1)],
                  ("drop it", DROP)]
        self.rows = {}
        for did, text in self.deliverables.items():
            place = w.Dropdown(options=places, value=NOT_PLACED, description=f"{did}: {text}", style=_WIDE,
                               layout=w.Layout(width="95%"))
            behaviour = w.Text(value="", description=f"{did}: behaviour change it would cause",
                               placeholder="only where the plan names none and you keep it", style=_WIDE,
                               layout=w.Layout(width="95%"))
            place.observe(self._save, names="value")
            behaviour.observe(self._save, names="value")
            self.rows[did] = {"place": place, "behaviour": behaviour}
        slot_boxes = [w.VBox([s["goal"], s["outcome"], s["measure"]],
                             layout=w.Layout(border="1px solid #bbb", padding="4px", margin="4px 0"))
                      for s in self.slots]
        row_boxes = [w.VBox([r["place"], r["behaviour"]], layout=w.Layout(margin="4px 0"))
                     for r in self.rows.values()]
        self.box = w.VBox([w.HTML(_title_html(self.question.title, self.question.prompt)),
                           w.HTML("<p><b>Outcomes</b> (leave unused ones empty)</p>"), *slot_boxes,
                           w.HTML("<p><b>Deliverables</b>: place each under an outcome, or drop it</p>"), *row_boxes,
                           self._buttons(), self.feedback])
        self._load()

    def _read(self) -> dict:
        outcomes = [{"goal": s["goal"].value, "outcome": s["outcome"].value, "measure": s["measure"].value,
                     "options": [did for did, r in self.rows.items() if r["place"].value == str(n)]}
                    for n, s in enumerate(self.slots, start=1)]
        while outcomes and not any(outcomes[-1].values()):  # unused slots at the end; inner ones keep numbers
            outcomes.pop()
        return {"outcomes": outcomes,
                "dropped": [did for did, r in self.rows.items() if r["place"].value == DROP],
                "behaviours": {did: r["behaviour"].value for did, r in self.rows.items() if r["behaviour"].value}}

    def _show(self, value) -> None:
        plan = impactmap.normalise(value, self.deliverables, self.goals)
        while plan["outcomes"] and not any(plan["outcomes"][-1].values()):
            plan["outcomes"].pop()
        if len(plan["outcomes"]) > len(self.slots):
            raise WorkshopError(f"This map holds up to {len(self.slots)} outcomes (got {len(plan['outcomes'])}): "
                                "merge outcomes that change the same people's behaviour.")
        loading, self._loading = self._loading, True  # one save after the whole map is shown, not one per control
        try:
            for number, slot in enumerate(self.slots, start=1):
                outcome = plan["outcomes"][number - 1] if number <= len(plan["outcomes"]) else {}
                slot["goal"].value = outcome.get("goal", "")
                slot["outcome"].value = outcome.get("outcome", "")
                slot["measure"].value = outcome.get("measure", "")
            where = {did: str(n) for n, o in enumerate(plan["outcomes"], start=1) for did in o["options"]}
            where.update({did: DROP for did in plan["dropped"]})
            for did, row in self.rows.items():
                row["place"].value = where.get(did, NOT_PLACED)
                row["behaviour"].value = plan["behaviours"].get(did, "")
        finally:
            self._loading = loading

    def summary(self):
        """The map as a Markdown table (what the grader reads in the formgrader)."""
        from IPython.display import Markdown

        return Markdown(impactmap.summary_markdown(self.answer, self.deliverables, self.goals))


class PeerReview(AnswerWidget):
    """Paste a partner's outcome statement, score it 0 or 0.5 per rubric criterion, write one suggestion.

    *Compare* (the check button) sets the scores beside the assessor's reading, criterion by criterion.
    """

    def __init__(self, qid: str, notebook: str, folder=None):
        super().__init__(qid, notebook, folder)
        self.statement = w.Textarea(value="", description="Your partner's outcome statement", style=_WIDE,
                                    placeholder="Paste it, or type it as your partner reads it out",
                                    layout=w.Layout(width="95%", height="4em"))
        self.scores = {}
        rows = []
        for criterion, question in peer.QUESTIONS.items():
            buttons = w.RadioButtons(options=[("0: missing", 0.0), ("0.5: met", 0.5)], value=None,
                                     description=criterion, style=_WIDE, layout=w.Layout(width="auto"))
            buttons.observe(self._save, names="value")
            self.scores[criterion] = buttons
            rows.append(w.VBox([w.HTML(f"<p>{html.escape(question)}</p>"), buttons]))
        self.suggestion = w.Textarea(value="", description="One suggestion for your partner", style=_WIDE,
                                     layout=w.Layout(width="95%", height="3.5em"))
        for control in (self.statement, self.suggestion):
            control.observe(self._save, names="value")
        self.check_button.description = "Compare"
        self.check_button.tooltip = "Set your scores beside the assessor's reading of the statement"
        self.box = w.VBox([w.HTML(_title_html(self.question.title, self.question.prompt)), self.statement, *rows,
                           self.suggestion, self._buttons(), self.feedback])
        self._load()

    def _read(self) -> dict:
        return {"statement": self.statement.value,
                "scores": {c: b.value for c, b in self.scores.items() if b.value is not None},
                "suggestion": self.suggestion.value}

    def _show(self, value) -> None:
        review = peer.normalise(value)
        loading, self._loading = self._loading, True
        try:
            self.statement.value = review["statement"]
            self.suggestion.value = review["suggestion"]
            for criterion, buttons in self.scores.items():
                buttons.value = review["scores"].get(criterion)
        finally:
            self._loading = loading

    @_safe
    def check(self):
        """Not a grade: where your scores and the assessor's reading differ, and what to talk about."""
        review = peer.normalise(self._read())
        if not review["statement"]:
            self.feedback.value = _message_html("Paste your partner's statement first.", ok=False)
            return None
        missing = [c for c in peer.CRITERIA if c not in review["scores"]]
        if missing:
            self.feedback.value = _message_html(f"Score every criterion first; next: {missing[0]}.", ok=False)
            return None
        compared = peer.compare(review)
        lines = [f"{r['criterion']}: you {r['peer']:g}, assessor {r['assessor']:g}"
                 + ("" if r["agree"] else "  <- you differ: who is right? Look at the words.")
                 for r in compared["rows"]]
        verdict = ("You and the assessor agree on every criterion." if not compared["disagree"] else
                   f"You differ on {len(compared['disagree'])}: {', '.join(compared['disagree'])}. The assessor "
                   "is a rule-based coach and can be wrong; your facilitator sees these.")
        self.feedback.value = _message_html("\n".join([*lines, verdict]), ok=None)
        return compared


def impact_map(qid: str, notebook: str, folder=None, describe: dict | None = None, slots: int = 6) -> MapBuilder:
    """An impact-map builder for question ``qid``; ``describe`` names each deliverable id."""
    return MapBuilder(qid, notebook, folder, describe=describe, slots=slots)


def peer_review(qid: str, notebook: str, folder=None) -> PeerReview:
    """A peer-review form for question ``qid``, saved with the notebook's answers."""
    return PeerReview(qid, notebook, folder)


__all__ = ["MapBuilder", "PeerReview", "impact_map", "peer_review"]
