"""The reframing drill as a widget: the controls around ``workshop_utils.drill``.

Why a separate module: the drill's rules (what comes next, when the model answer may show, the tally) are
plain functions tested without a browser; this module only draws them and saves the state after every
change, in the notebook's answers file, so nothing typed is lost and a self-learner picks up days later.
It follows the other widgets: real buttons with words (keyboard and screen-reader friendly), feedback in
live regions, and every callback wrapped so a problem shows as a sentence, never a traceback.
"""

from __future__ import annotations

import datetime as _dt

import ipywidgets as w

from workshop_utils import bank, drill, outcomes
from workshop_utils.answers import store_for
from workshop_utils.widgets import _message_html, _safe, _title_html, checklist_html

TITLE = "Reframing drill"
PROMPT = ("Deliverables from many sectors, one at a time. Write each as an outcome, press Check, and read the "
          "one next step. The model answer appears once you have tried; then try once more, or go on.")


class Drill:
    """One drill in a notebook; its state is saved under ``drill.DRILL_ID`` in ``answers/<notebook>.json``."""

    def __init__(self, notebook: str, folder=None, sector: str = ""):
        self.store = store_for(notebook, folder)
        self.feedback = w.HTML(value="")
        self.state = drill.clean(self.store.get(drill.DRILL_ID))
        self._loading = False
        if sector and sector != self.state["sector"]:
            drill.advance(self.state, sector)  # an unknown sector raises a WorkshopError in this cell
        self.sector = w.Dropdown(options=[drill.ALL_SECTORS, *bank.sectors()],
                                 value=self.state["sector"] or drill.ALL_SECTORS, description="Sector",
                                 tooltip="Practise deliverables from one sector, or from all of them")
        self.deliverable = w.HTML(value="")
        self.area = w.Textarea(value="", description="Your outcome statement", style={"description_width": "initial"},
                               placeholder="Who will do what differently, from X to Y, by when, without what "
                                           "getting worse?",
                               layout=w.Layout(width="95%", height="5em"), continuous_update=True)
        self.check_button = w.Button(description="Check", icon="check", button_style="primary",
                                     tooltip="Check your statement against the rubric (saved as an attempt)")
        self.again_button = w.Button(description="One more try", icon="redo", disabled=True,
                                     tooltip="Hide the model answer and revise your statement")
        self.model_button = w.Button(description="Show model answer", icon="eye", disabled=True,
                                     tooltip="The model answer and its traps, after your own attempt")
        self.next_button = w.Button(description="Next deliverable", icon="arrow-right",
                                    tooltip="Go on to the next deliverable; your attempts stay saved")
        self.checklist = w.HTML(value="")
        self.model = w.HTML(value="")
        self.tally = w.HTML(value="")
        self.saved = w.HTML(value="")
        self.check_button.on_click(lambda _: self.check())
        self.again_button.on_click(lambda _: self.again())
        self.model_button.on_click(lambda _: self.show_model())
        self.next_button.on_click(lambda _: self.next())
        self.sector.observe(self._sector_changed, names="value")
        self.area.observe(self._typed, names="value")
        self.buttons = (self.check_button, self.again_button, self.model_button, self.next_button)
        for button in self.buttons:  # as wide as its words: ipywidgets' fixed width cut "Show model answer"
            button.layout = w.Layout(width="auto", min_width="fit-content", margin="2px", padding="0 1em")
        buttons = w.HBox(list(self.buttons), layout=w.Layout(flex_flow="row wrap"))
        self.box = w.VBox([w.HTML(_title_html(TITLE, PROMPT)), self.sector, self.deliverable, self.area, buttons,
                           self.saved, self.checklist, self.model, self.tally, self.feedback])
        self.box.add_class("workshop-drill")
        for warning in self.store.warnings:
            self.feedback.value = _message_html(warning, ok=False)
        self._draw(restored=bool(self.state["attempts"] or self.state["draft"]))

    # Drawing --------------------------------------------------------------------------------------
    def _draw(self, restored: bool = False) -> None:
        entry = drill.current_entry(self.state)
        pool = bank.entries(self.state["sector"] or None)
        number = [item.id for item in pool].index(entry.id) + 1 if entry in pool else 1
        self.deliverable.value = drill.deliverable_html(entry, number, len(pool))
        self._loading = True
        try:
            self.area.value = self.state["draft"]
        finally:
            self._loading = False
        tries = self.state["attempts"].get(entry.id, [])
        self.checklist.value = (self._checked_html(tries[-1]["text"], len(tries)) if tries else
                                _message_html("Write your statement, then press Check.", ok=None))
        revealed = entry.id in self.state["revealed"]
        self.model.value = drill.model_html(entry) if revealed else ""
        self.model_button.disabled = not tries or revealed
        self.again_button.disabled = not tries
        self.tally.value = _message_html(drill.summary(self.state), ok=None)
        if restored:
            self.saved.value = _message_html("Your drill was restored: you continue where you stopped.", ok=None)

    @staticmethod
    def _checked_html(text: str, number: int) -> str:
        head = _message_html(f"Try {number} checked.", ok=None)
        return head + checklist_html(outcomes.assess(text))

    def _persist(self) -> None:
        self.store.save(drill.DRILL_ID, self.state)
        self.saved.value = _message_html(f"Saved at {_dt.datetime.now().strftime('%H:%M:%S')}.", ok=None)

    # Actions ---------------------------------------------------------------------------------------
    @_safe
    def check(self):
        """Record the text as an attempt, show the checklist with its one next step, allow the model answer."""
        self.feedback.value = ""
        result = drill.attempt(self.state, self.area.value)
        tries = self.state["attempts"][self.state["current"]]
        self.checklist.value = self._checked_html(tries[-1]["text"], len(tries))
        self.model_button.disabled = self.state["current"] in self.state["revealed"]
        self.again_button.disabled = False
        self.tally.value = _message_html(drill.summary(self.state), ok=None)
        self._persist()  # last: a failed save is reported below, after the feedback is already shown
        return result

    @_safe
    def again(self):
        """One more try: the model answer is hidden again and the statement stays in the box to revise."""
        self.feedback.value = ""
        self.model.value = ""
        tries = len(self.state["attempts"].get(self.state["current"], []))
        self.model_button.disabled = tries == 0
        self.checklist.value = _message_html(f"Try {tries + 1}: revise your statement above, then press Check.",
                                             ok=None)

    @_safe
    def show_model(self):
        """Reveal the model answer, its why and its traps (only after an attempt)."""
        self.feedback.value = ""
        entry = drill.reveal(self.state)
        self.model.value = drill.model_html(entry)
        self.model_button.disabled = True
        self._persist()
        return entry

    @_safe
    def next(self, sector: str | None = None):
        """Go on to the next deliverable; what was written is kept in the attempts."""
        self.feedback.value = ""
        entry = drill.advance(self.state, sector)
        self._persist()
        self._draw()
        return entry

    @_safe
    def _sector_changed(self, change) -> None:
        if not self._loading:
            self.next(change["new"])

    @_safe
    def _typed(self, change) -> None:
        if self._loading:
            return
        self.state["draft"] = change["new"]
        self._persist()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.box)


def drill_widget(notebook: str, folder=None, sector: str = "") -> Drill:
    """The reframing drill for ``notebook`` (its answers file keeps every attempt); ``sector`` filters."""
    return Drill(notebook, folder, sector)


__all__ = ["Drill", "drill_widget"]
