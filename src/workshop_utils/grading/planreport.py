"""The class report's "Capstone plans" section: what the class's outcome plans have in common.

For a module whose questions include a ``kind="plan"`` question (module 06's capstone), the
facilitator's debrief asks: how many planned their own team's deliverables and how many Fernhill's
charter, which gaps the plans share most (no guardrail, an outcome without a baseline, a statement
that reads as an output, deliverables left unplaced, no leading measure...), how many outcomes a
plan has and how many deliverables it drops (dropping is the point of the impact map), and one or
two examples of a gap to discuss.

The section is shown to the room, so it is anonymous by construction: :func:`summary` takes the
saved answers and returns counts and example texts only, never a participant's name. A missing or
damaged answers file, or a plan of the wrong shape, counts as "no plan saved".
"""

from __future__ import annotations

import statistics
from collections import Counter

from workshop_utils import plan as plans
from workshop_utils.errors import WorkshopError

# Gap name -> the test on one plan; in the order the page lists gaps of equal count.
_OUTCOME_FIELD_GAPS = {
    "baseline": "an outcome without a baseline",
    "baseline_source": "an outcome without a baseline source",
    "target": "an outcome without a target",
    "timeframe": "an outcome without a timeframe",
    "who": "an outcome without a who",
    "behaviour": "an outcome without a behaviour",
    "measure": "an outcome without a measure",
    "statement": "an outcome without a statement",
}
OUTPUT_STATEMENT = "a statement that reads as an output"
COUNT_STATEMENT = "a statement that counts use, a running total or an attitude"
VAGUE_STATEMENT = "a statement that does not read as an outcome yet"
NO_GUARDRAIL = "no guardrail"
NO_LEADING = "an outcome without a leading measure"
NO_LAGGING = "an outcome without a lagging measure"
UNPLACED = "deliverables left unplaced"
FEW_OUTCOMES = f"fewer than {plans.MIN_OUTCOMES} outcomes"
MANY_OUTCOMES = f"more than {plans.MAX_OUTCOMES} outcomes"
NOTHING_DROPPED = "no deliverable dropped"
# Equal counts are listed in this order: the gaps a debrief most wants to talk about first.
ORDER = [NO_GUARDRAIL, _OUTCOME_FIELD_GAPS["baseline"], OUTPUT_STATEMENT, UNPLACED, NO_LEADING, NOTHING_DROPPED,
         COUNT_STATEMENT, VAGUE_STATEMENT, NO_LAGGING, FEW_OUTCOMES, MANY_OUTCOMES,
         *(gap for gap in _OUTCOME_FIELD_GAPS.values() if gap != _OUTCOME_FIELD_GAPS["baseline"])]
# The gaps an example text shows (a statement, an unplaced deliverable), each with the question to ask the room.
_REWRITE = "Who would do what differently, from X to Y, by when?"
SHOWN_BY_TEXT = {OUTPUT_STATEMENT: _REWRITE, COUNT_STATEMENT: "What would people do differently that the business "
                 "gains from?", VAGUE_STATEMENT: _REWRITE,
                 UNPLACED: "Whose behaviour could it change, and under which outcome? Or should it be dropped?"}
MOST_GAPS = 8  # a short table: the rest are in each participant's feedback


def plan_qids(module) -> list[str]:
    """The module's plan-kind questions, in order (the builder's own question first, as the module lists it)."""
    return [q.qid for q in getattr(module, "QUESTIONS", ()) if q.kind == "plan"]


def _charter_texts(module) -> set[str]:
    """The case study's charter deliverables (a module's ``CHARTER``, ``{id: text}``), folded for comparing."""
    charter = getattr(module, "CHARTER", None)
    return {_fold(text) for text in charter.values()} if isinstance(charter, dict) else set()


def _fold(text) -> str:
    return " ".join(str(text).split()).casefold()


def _plan_of(answers: dict, qids: list[str]):
    """The first plan saved under one of ``qids``, normalised; None when there is none or it cannot be read."""
    for qid in qids:
        record = answers.get(qid)
        value = record.get("value") if isinstance(record, dict) else None
        if isinstance(value, dict):
            try:
                return plans.normalise(value)
            except (WorkshopError, AttributeError, TypeError):
                return None
    return None


def _source(full: dict, charter: set[str]) -> str:
    texts = [_fold(d["deliverable"]) for d in full["deliverables"] if plans._filled(d["deliverable"])]
    if not texts:
        return "none"
    return "charter" if charter and sum(t in charter for t in texts) * 2 > len(texts) else "own"


def gaps_of(full: dict) -> dict[str, str]:
    """The named gaps of one (normalised) plan, each with an example text from the plan ("" when none fits):
    the statement, outcome or deliverable it is about. Anonymous: nothing about who wrote it."""
    found: dict[str, str] = {}
    statements = {o["id"] or f"Outcome {n}": o["statement"] for n, o in enumerate(full["outcomes"], start=1)}
    for oid, sentence in plans.statement_problems(full).items():
        name = (OUTPUT_STATEMENT if "reads as an output" in sentence else
                COUNT_STATEMENT if " measures a " in sentence else VAGUE_STATEMENT)
        found.setdefault(name, statements.get(oid, ""))
    for oid, missing in plans.outcome_gaps(full).items():
        for field in missing:
            found.setdefault(_OUTCOME_FIELD_GAPS[field], statements.get(oid, ""))
    for oid, missing in plans.measure_gaps(full).items():
        for gap in missing:
            if gap in ("no leading measure", "no lagging measure"):
                found.setdefault(NO_LEADING if "leading" in gap else NO_LAGGING, statements.get(oid, ""))
    if not plans.has_guardrail(full):
        found[NO_GUARDRAIL] = ""
    loose = plans.untraced(full)
    if loose:
        text = next((d["deliverable"] for d in full["deliverables"] if d["id"] in loose), "")
        found[UNPLACED] = text
    count = len(full["outcomes"])
    if count < plans.MIN_OUTCOMES:
        found[FEW_OUTCOMES] = ""
    elif count > plans.MAX_OUTCOMES:
        found[MANY_OUTCOMES] = ""
    if full["deliverables"] and not plans.dropped(full):
        found[NOTHING_DROPPED] = ""
    return found


def summary(module, saved: dict, students: list[str], examples: int = 2) -> dict | None:
    """The section's content for ``students`` (graded participants) from ``saved`` ({student: answers}, as the
    report reads the answers files); None when the module has no plan question.

    Returns plain data with no participant's name: ``total``, ``saved``, ``no_plan``, ``own``, ``charter``,
    ``no_deliverables``, ``median_outcomes``, ``median_dropped``, ``gaps`` (``{"gap", "count"}``, most common
    first) and ``examples`` (``{"gap", "text", "ask"}``, the plan's own words for one or two of the commonest gaps).
    """
    qids = plan_qids(module)
    if not qids:
        return None
    charter = _charter_texts(module)
    found = [p for p in (_plan_of(saved.get(s) or {}, qids) for s in sorted(students)) if p is not None]
    sources = Counter(_source(p, charter) for p in found)
    counts: Counter = Counter()
    texts: dict[str, list[str]] = {}
    for full in found:
        for gap, text in gaps_of(full).items():
            counts[gap] += 1
            if plans._filled(text):
                texts.setdefault(gap, []).append(str(text).strip())
    ranked = sorted(counts, key=lambda gap: (-counts[gap], ORDER.index(gap)))
    picked, shown = [], set()
    for gap in (g for g in ranked if g in SHOWN_BY_TEXT):
        # The plan's own words where they show the gap (a statement, an unplaced deliverable), each text once:
        # the one written most often (Fernhill's charter lines recur), then the first in order.
        text = next((t for t, _ in Counter(texts.get(gap, ())).most_common() if t not in shown), None)
        if text is not None and len(picked) < examples:
            picked.append({"gap": gap, "text": text, "ask": SHOWN_BY_TEXT[gap]})
            shown.add(text)
    return {
        "total": len(students), "saved": len(found), "no_plan": len(students) - len(found),
        "own": sources["own"], "charter": sources["charter"], "no_deliverables": sources["none"],
        "charter_title": str(getattr(module, "CHARTER_TITLE", "")),
        "median_outcomes": statistics.median(len(p["outcomes"]) for p in found) if found else None,
        "median_dropped": statistics.median(len(plans.dropped(p)) for p in found) if found else None,
        "gaps": [{"gap": gap, "count": counts[gap]} for gap in ranked[:MOST_GAPS]],
        "examples": picked,
    }
