"""Peer review of an outcome statement: a partner's scores, set beside the assessor's reading.

In class, pairs swap outcome statements and score each other with the module's rubric, half a point
per criterion, and write one suggestion. The review is saved with the participant's answers (so it is
submitted with the exercise); the facilitator's report then shows, per statement, where the peer and
the rule-based assessor (``workshop_utils.outcomes``) disagree, and which criteria the class and the
assessor disagree on most: those are the criteria to discuss, or the assessor's blind spots.

An answer is JSON: ``{"statement": "...", "scores": {"who": 0.5, ...}, "suggestion": "..."}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from workshop_utils.errors import WorkshopError

# The rows of the module's rubric for an outcome statement, half a point each, with the assessor's
# criteria that decide each row (baseline and target is one row of the rubric, two criteria of the assessor).
CRITERIA = {
    "who": ("who",),
    "behaviour": ("behaviour",),
    "measure": ("measure",),
    "baseline and target": ("baseline", "target"),
    "timeframe": ("timeframe",),
    "guardrail": ("guardrail",),
}
QUESTIONS = {
    "who": "Whose behaviour changes: a named actor or segment, not 'we'?",
    "behaviour": "What will they do differently: not what the team builds, not use of a feature, not a feeling?",
    "measure": "How is it counted: a metric with a unit?",
    "baseline and target": "From where to where: 'from X to Y'?",
    "timeframe": "By when?",
    "guardrail": "What must not get worse meanwhile?",
}
SCORES = (0.0, 0.5)


def normalise(answer: Any) -> dict:
    """The review in its canonical shape (unscored criteria left out), or a ``WorkshopError`` saying how."""
    if not isinstance(answer, Mapping):
        raise WorkshopError("A peer review is a dictionary: {'statement': '...', 'scores': {'who': 0.5, ...}, "
                            "'suggestion': '...'}, or use the widget above.")
    statement = answer.get("statement") or ""
    suggestion = answer.get("suggestion") or ""
    scores = answer.get("scores") or {}
    if not isinstance(statement, str) or not isinstance(suggestion, str):
        raise WorkshopError("The statement and the suggestion of a peer review are text.")
    if not isinstance(scores, Mapping):
        raise WorkshopError("'scores' maps each criterion to 0 or 0.5, e.g. {'who': 0.5, 'guardrail': 0}.")
    clean = {}
    for criterion, score in scores.items():
        if criterion not in CRITERIA:
            raise WorkshopError(f"{criterion!r} is not a rubric criterion; they are: {', '.join(CRITERIA)}.")
        if score is None:
            continue
        if isinstance(score, bool) or not isinstance(score, (int, float)) or float(score) not in SCORES:
            raise WorkshopError(f"Score {criterion!r} 0 (missing) or 0.5 (met), not {score!r}.")
        clean[criterion] = float(score)
    return {"statement": statement.strip(), "scores": clean, "suggestion": suggestion.strip()}


def assessor_scores(statement: str) -> dict[str, float]:
    """The assessor's reading of ``statement`` on the rubric's rows: 0.5 where it finds the criterion."""
    from workshop_utils import outcomes

    verdict = outcomes.assess(statement)
    return {row: 0.5 if all(verdict.criteria[c] for c in parts) else 0.0 for row, parts in CRITERIA.items()}


def compare(answer: Any) -> dict | None:
    """One review beside the assessor: statement, peer and assessor scores, where they disagree.

    None when the review has no statement or no score yet (nothing to compare).
    """
    review = normalise(answer)
    if not review["statement"] or not review["scores"]:
        return None
    assessor = assessor_scores(review["statement"])
    rows = [{"criterion": c, "peer": review["scores"].get(c), "assessor": assessor[c],
             "agree": review["scores"].get(c) is None or review["scores"][c] == assessor[c]} for c in CRITERIA]
    return {"statement": review["statement"], "suggestion": review["suggestion"], "rows": rows,
            "peer_total": sum(review["scores"].values()), "assessor_total": sum(assessor.values()),
            "disagree": [r["criterion"] for r in rows if not r["agree"]]}


def class_summary(comparisons: Iterable[dict]) -> list[dict]:
    """Per criterion, over a class's reviews: how often peer and assessor disagree, and in which direction.

    Sorted with the most disagreed-on criterion first (ties in the rubric's order).
    """
    comparisons = [c for c in comparisons if c]
    summary = []
    for order, criterion in enumerate(CRITERIA):
        scored = [r for c in comparisons for r in c["rows"] if r["criterion"] == criterion and r["peer"] is not None]
        peer_higher = sum(r["peer"] > r["assessor"] for r in scored)
        assessor_higher = sum(r["peer"] < r["assessor"] for r in scored)
        summary.append({"criterion": criterion, "reviews": len(scored), "disagree": peer_higher + assessor_higher,
                        "peer_higher": peer_higher, "assessor_higher": assessor_higher, "order": order})
    summary.sort(key=lambda s: (-s["disagree"], s["order"]))
    return summary


__all__ = ["CRITERIA", "QUESTIONS", "SCORES", "assessor_scores", "class_summary", "compare", "normalise"]
