"""A reframing drill: one deliverable at a time from the practice bank, write, get feedback, try again.

Why a drill: writing outcome statements is learned by many short attempts with instant, specific feedback,
and by comparing one's own attempt with a model answer only *after* trying. The drill takes deliverables
from ``workshop_utils.bank``, assesses each attempt with ``workshop_utils.outcomes`` (the same one-hint
checklist as the rewriter), reveals the model answer and its why once an attempt is on record, and offers
one more try before the next deliverable.

Everything a participant does is saved in the notebook's answers file (``workshop_utils.answers``) under one
id, so a self-learner who comes back days later continues where they stopped and keeps their tally. The
logic lives in plain functions on a plain ``dict`` (the saved state), tested without a browser; the widget
only draws it.
"""

from __future__ import annotations

import html
from typing import Any

from workshop_utils import bank, outcomes
from workshop_utils.errors import WorkshopError

DRILL_ID = "drill.reframe"  # the id of the drill's record in the answers file
ALL_SECTORS = "All sectors"
MAX_CHARS = 600  # an outcome statement is one or two sentences


# =============================================================================================
# The drill's state: a dict saved as it is, so it survives a restart or a week away
# =============================================================================================


def new_state(sector: str = "") -> dict[str, Any]:
    """An empty drill: no attempts, no current deliverable yet."""
    return {"sector": sector, "current": "", "draft": "", "attempts": {}, "revealed": []}


def clean(saved: Any) -> dict[str, Any]:
    """A usable state from whatever was saved (an older or hand-edited file must not stop the drill).

    Unknown entry ids and odd values are dropped; attempts that are text are kept.
    """
    state = new_state()
    if not isinstance(saved, dict):
        return state
    known = {entry.id for entry in bank.ENTRIES}
    sector = saved.get("sector")
    state["sector"] = sector if isinstance(sector, str) and sector in bank.sectors() else ""
    current = saved.get("current")
    state["current"] = current if current in known else ""
    draft = saved.get("draft")
    state["draft"] = draft if isinstance(draft, str) else ""
    attempts = saved.get("attempts")
    if isinstance(attempts, dict):
        for entry_id, tries in attempts.items():
            if entry_id in known and isinstance(tries, list):
                kept = [t for t in tries if isinstance(t, dict) and isinstance(t.get("text"), str)]
                if kept:
                    state["attempts"][entry_id] = [{"text": t["text"], "well_formed": bool(t.get("well_formed"))}
                                                   for t in kept]
    revealed = saved.get("revealed")
    if isinstance(revealed, list):
        state["revealed"] = [entry_id for entry_id in revealed if entry_id in state["attempts"]]
    return state


def next_entry(state: dict[str, Any], sector: str = "") -> bank.Entry:
    """The next deliverable to practise: the first in the bank (of ``sector``, if given) not yet tried,
    after the current one; when all have been tried, the least practised one."""
    pool = bank.entries(sector or None)
    tried = state["attempts"]
    ids = [entry.id for entry in pool]
    start = ids.index(state["current"]) + 1 if state["current"] in ids else 0
    ordered = pool[start:] + pool[:start]
    for entry in ordered:
        if entry.id not in tried:
            return entry
    return min(ordered, key=lambda entry: len(tried.get(entry.id, [])))


def current_entry(state: dict[str, Any]) -> bank.Entry:
    """The deliverable on screen, choosing the first one when none is yet."""
    if not state["current"]:
        state["current"] = next_entry(state, state["sector"]).id
    return bank.entry(state["current"])


def attempt(state: dict[str, Any], text: str) -> outcomes.Assessment:
    """Assess ``text`` as an attempt at the current deliverable and record it (the draft is kept too)."""
    if not isinstance(text, str) or not text.strip():
        raise WorkshopError("Write your outcome statement in the box first: who will do what differently, from "
                            "X to Y, by when.")
    text = text.strip()
    if len(text) > MAX_CHARS:
        raise WorkshopError(f"Keep it to one or two sentences (at most {MAX_CHARS} characters; yours has "
                            f"{len(text)}). Your text is still in the box.")
    entry = current_entry(state)
    result = outcomes.assess(text)
    state["attempts"].setdefault(entry.id, []).append({"text": text, "well_formed": bool(result.well_formed)})
    state["draft"] = text
    return result


def reveal(state: dict[str, Any]) -> bank.Entry:
    """Mark the current model answer as seen; only possible after an attempt (try first, then compare)."""
    entry = current_entry(state)
    if not state["attempts"].get(entry.id):
        raise WorkshopError("Write and check your own statement first: the model answer appears after an "
                            "attempt.")
    if entry.id not in state["revealed"]:
        state["revealed"].append(entry.id)
    return entry


def can_reveal(state: dict[str, Any]) -> bool:
    """Whether the current deliverable has an attempt on record."""
    return bool(state["current"] and state["attempts"].get(state["current"]))


def advance(state: dict[str, Any], sector: str | None = None) -> bank.Entry:
    """Move to the next deliverable (optionally switching sector); the draft box starts empty."""
    if sector is not None:
        if sector == ALL_SECTORS:
            sector = ""
        bank.entries(sector or None)  # a clear error for an unknown sector
        state["sector"] = sector
    entry = next_entry(state, state["sector"])
    state["current"] = entry.id
    state["draft"] = ""
    return entry


def tally(state: dict[str, Any]) -> dict[str, int]:
    """How many deliverables practised, and how many were well-formed at the first and at the second try."""
    tries = [t for t in state["attempts"].values() if t]
    first = sum(1 for t in tries if t[0]["well_formed"])
    second = sum(1 for t in tries if not t[0]["well_formed"] and len(t) > 1 and t[1]["well_formed"])
    return {"practised": len(tries), "first_try": first, "second_try": second}


def summary(state: dict[str, Any]) -> str:
    """One sentence for the participant (and the facilitator looking over a shoulder)."""
    count = tally(state)
    if not count["practised"]:
        return "No deliverables practised yet."
    noun = "deliverable" if count["practised"] == 1 else "deliverables"
    return (f"You have practised {count['practised']} {noun}: {count['first_try']} well-formed at the first try, "
            f"{count['second_try']} more at the second try.")


# =============================================================================================
# HTML pieces (escaped, accessible)
# =============================================================================================


def deliverable_html(entry: bank.Entry, number: int, total: int) -> str:
    """The deliverable to reframe, as a team would write it."""
    return (f'<p class="workshop-drill-deliverable"><b>Deliverable {number} of {total}</b> '
            f"({html.escape(entry.sector)}): “{html.escape(entry.deliverable)}”</p>"
            "<p>Rewrite it as an outcome: who will do what differently, from X to Y, by when, without what "
            "getting worse?</p>")


def model_html(entry: bank.Entry) -> str:
    """The model answer, why it works, and the traps this deliverable invites."""
    traps = "".join(f"<li><b>{html.escape(trap.kind.replace('_', ' '))}</b>: “{html.escape(trap.rewrite)}” "
                    f"{html.escape(trap.reason)}</li>" for trap in entry.traps)
    return (f'<div class="workshop-drill-model" role="region" aria-label="Model answer">'
            f"<p><b>Model answer:</b> {html.escape(entry.model)}</p>"
            f"<p><b>Why:</b> {html.escape(entry.why)}</p>"
            f"<p><b>Traps this deliverable invites:</b></p><ul>{traps}</ul>"
            "<p>Yours can differ and still be good: compare who, behaviour and measure, not the wording.</p></div>")


__all__ = ["ALL_SECTORS", "DRILL_ID", "advance", "attempt", "can_reveal", "clean", "current_entry", "model_html",
           "new_state", "next_entry", "reveal", "summary", "tally"]
