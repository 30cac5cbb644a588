"""A whole plan as an impact map: its answer shape, its structural check, and a plain-text view of it.

An impact map (Adzic, 2012) hangs each deliverable under the outcome it might cause: goal -> outcome
(an actor, the behaviour they change, and a measure) -> deliverables as *options*. A participant's map
is JSON (it is saved by the widget in ``answers/`` and re-read at autograde)::

    {"outcomes": [{"goal": "cost to serve", "outcome": "Online customers ...", "measure": "% of returns ...",
                   "options": ["D08", "D09"]}, ...],
     "dropped": ["D05", ...],
     "behaviours": {"D09": "Online customers get answers without contacting an agent"}}

``behaviours`` gives a behaviour change to a deliverable the plan traces to none; without it such a
deliverable has no place under an outcome. The check below grades only the *structure* (what a
machine can judge fairly); how good the outcomes, the grouping and the drops are is graded by hand.
It is the same check for the self-check and the grader, so a pass is a whole pass, never a tick the
grader takes back.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from workshop_utils import checks
from workshop_utils.errors import WorkshopError

FIELDS = ("goal", "outcome", "measure", "options")
# What a pass leaves to the grader (a machine cannot judge it fairly), named in every pass.
HAND_GRADED = ("how well the outcomes, measures and behaviour changes are worded, and how good the grouping and "
               "the drops are: graded by hand in question 10 (Why this map?)")
_TRAPS_IN_A_MEASURE = ("traction", "attitude", "vanity")


def blank() -> dict:
    """An empty map, the shape the widget starts from."""
    return {"outcomes": [], "dropped": [], "behaviours": {}}


def normalise(answer: Any, deliverables: Mapping[str, str], goals) -> dict:
    """The map in its canonical shape, or a ``WorkshopError`` that says how to write it."""
    example = ("{'outcomes': [{'goal': ..., 'outcome': ..., 'measure': ..., 'options': ['D01']}], "
               "'dropped': ['D05'], 'behaviours': {}}")
    if not isinstance(answer, Mapping):
        raise WorkshopError(f"Give the impact map as a dictionary, e.g. {example}, or use the widget above.")
    stray = sorted(set(answer) - {"outcomes", "dropped", "behaviours"})
    if stray:
        raise WorkshopError(f"An impact map has only 'outcomes', 'dropped' and 'behaviours' (got {stray[0]!r}).")
    outcomes = answer.get("outcomes") or []
    dropped = answer.get("dropped") or []
    behaviours = answer.get("behaviours") or {}
    if not isinstance(outcomes, (list, tuple)) or not all(isinstance(o, Mapping) for o in outcomes):
        raise WorkshopError(f"'outcomes' is a list of dictionaries, one per outcome, e.g. {example}.")
    if not isinstance(dropped, (list, tuple)) or not all(isinstance(d, str) for d in dropped):
        raise WorkshopError("'dropped' is a list of deliverable ids, e.g. ['D05', 'D06'].")
    if not isinstance(behaviours, Mapping) or not all(isinstance(v, str) for v in behaviours.values()):
        raise WorkshopError("'behaviours' maps a deliverable id to a sentence, e.g. {'D09': 'Online customers ...'}.")
    clean = []
    for number, outcome in enumerate(outcomes, start=1):
        extra = sorted(set(outcome) - set(FIELDS))
        if extra:
            raise WorkshopError(f"Outcome {number} has {extra[0]!r}; an outcome has only {', '.join(FIELDS)}.")
        options = outcome.get("options") or []
        if isinstance(options, str) or not all(isinstance(o, str) for o in options):
            raise WorkshopError(f"The options of outcome {number} are a list of deliverable ids, e.g. ['D01', 'D02'].")
        goal = outcome.get("goal") or ""
        if goal and goal not in goals:
            raise WorkshopError(f"Outcome {number} serves {goal!r}, which is not a goal of the plan. "
                                f"Choose one of: {', '.join(goals)}.")
        clean.append({"goal": goal, "outcome": str(outcome.get("outcome") or "").strip(),
                      "measure": str(outcome.get("measure") or "").strip(), "options": list(options)})
    for did in [*dropped, *behaviours, *(o for c in clean for o in c["options"])]:
        if did not in deliverables:
            raise WorkshopError(checks.not_one_of(did, deliverables, "deliverables of the plan"))
    return {"outcomes": clean, "dropped": list(dropped),
            "behaviours": {k: v.strip() for k, v in behaviours.items() if v.strip()}}


def numbered(plan: dict) -> list[tuple[int, dict]]:
    """(number, outcome) for each outcome with anything in it. An empty one (an unused slot of the widget)
    is skipped but keeps its number, so "outcome 3" in a hint is the third slot the participant sees."""
    return [(n, o) for n, o in enumerate(plan["outcomes"], start=1) if any(o[name] for name in FIELDS)]


def _placement_problem(plan: dict, deliverables: Mapping[str, str]) -> checks.Feedback | None:
    places: dict[str, list[str]] = {}
    for number, outcome in numbered(plan):
        for did in outcome["options"]:
            places.setdefault(did, []).append(f"outcome {number}")
    for did in plan["dropped"]:
        places.setdefault(did, []).append("dropped")
    for did, where in places.items():
        if len(where) > 1:
            return checks.Feedback(False, f"{did} is in two places: {' and '.join(where)}.",
                                   hint=f"Place {did} once: under the one outcome it serves best, or dropped.")
    missing = [did for did in deliverables if did not in places]
    if missing:
        return checks.Feedback(False, f"{len(missing)} of {len(deliverables)} deliverables are not placed yet.",
                               hint=f"Place every deliverable under an outcome or drop it, starting with "
                                    f"{missing[0]}: {deliverables[missing[0]]!r}.")
    return None


def _behaviour_problem(text: str, actor: str = "") -> str:
    """Why ``text`` is not an actor changing a behaviour ('' when it is), in the assessor's words.

    ``actor`` is who the plan names for the deliverable: a behaviour written without its actor ("switch on
    dark mode") is read with it ("Members switch on dark mode"), as the rewriter would read the sentence,
    rather than as the team's own work."""
    from workshop_utils import outcomes

    verdict = outcomes.assess(text)
    if actor.strip() and not (verdict.kind == "outcome" and verdict.criteria["who"]):
        verdict = outcomes.assess(f"{actor.strip()} {text[:1].lower()}{text[1:]}")
    if verdict.trap or verdict.kind != "outcome" or not (verdict.criteria["who"] and verdict.criteria["behaviour"]):
        return verdict.why or (verdict.hints[0] if verdict.hints else verdict.summary)
    return ""


_CUT_NAME = re.compile(r"\s(?:on|with|for|in|at|and|after|to|from|of|by)\s|[:,;(]")


def _own_words(name: str) -> list[str]:
    """The words naming the thing a deliverable makes, ending with its head noun: ['chatbot'] in 'Chatbot 2.0 on
    a new language model', ['executive', 'kpi', 'dashboard'], ['dark', 'mode'] in 'Dark mode and a new icon set'."""
    words = re.findall(r"[a-z][a-z-]*[a-z]", _CUT_NAME.split(name.lower(), maxsplit=1)[0])
    return words if words and len(words[-1]) >= 4 else []


def _uses_itself(text: str, name: str) -> str:
    """The words of ``text`` that name the deliverable itself ('' when none): a behaviour change that is the
    use of the deliverable ('ask the chatbot', 'look at the KPI dashboard') counts use, not what people get done."""
    words = _own_words(name)
    if not words:
        return ""
    head = words[-1][:-1] if words[-1].endswith("s") else words[-1]
    for start in range(len(words) - 1):  # the longest part of the name the text repeats, ending with the head
        found = re.search(r"\b" + r"\s+".join(map(re.escape, words[start:-1])) + rf"\s+{re.escape(head)}s?\b", text,
                          flags=re.IGNORECASE)
        if found:
            return found.group()
    found = re.search(rf"\b{re.escape(head)}s?\b", text, flags=re.IGNORECASE)
    return found.group() if found else ""


def _counted_with_a_unit(measure: str) -> bool:
    """Whether a measure says how it is counted, with a unit, as the assessor decides a measure in a statement.

    The assessor reads a measure inside a sentence, where "%" and "€" follow a number; a measure on its own
    writes them bare ("% of rentals booked online", "€ per order"), so they are read as the words they stand for.
    Money ("revenue from repairs") is counted in money."""
    from workshop_utils import outcomes

    words = re.sub(r"%", " percentage ", measure)
    words = re.sub(r"[€£$]", " amount ", words)
    if re.search(r"\b(?:revenue|revenues|cost|costs|margin|margins|spend|sales|income)\b", words, re.IGNORECASE):
        return True
    return bool(outcomes.assess(words).criteria["measure"])


def check(deliverables: Mapping[str, str], untraced: Mapping[str, str], goals, low: int = 4,
          high: int = 6, goal_of: Mapping[str, str] | None = None,
          actor_of: Mapping[str, str] | None = None) -> checks.CheckFn:
    """The structural check of a whole-plan impact map.

    ``untraced`` maps each deliverable the plan traces to no impact to the hint shown when it is kept
    as an option without a behaviour change of its own (the item's known traps). ``goal_of`` gives the
    goal the plan gives each deliverable, ``actor_of`` the actor it names ('' for none). In order, one
    hint at a time: how many outcomes; each outcome complete (goal, statement, measure, an option); every
    deliverable in exactly one place; each outcome an actor changing a behaviour (per the assessor, no
    traction or attitude) with a measure of that behaviour that has a unit; no untraced deliverable kept
    without a behaviour change, nor with one that is the use of the deliverable itself; each deliverable
    under an outcome of the goal the plan gives it. What a machine cannot judge (how well all this is worded, how good
    the grouping and the drops are) is named in the pass as graded by hand.
    """
    deliverables = dict(deliverables)
    goals = tuple(goals)
    goal_of = dict(goal_of or {})
    actor_of = dict(actor_of or {})

    def run(answer: Any, full: bool) -> checks.Feedback:
        from workshop_utils import outcomes  # the assessor: imported when a map is checked, not on import

        plan = normalise(answer, deliverables, goals)
        outcomes_in_use = numbered(plan)
        count = len(outcomes_in_use)
        if not low <= count <= high:
            advice = ("Group deliverables that change the same people's behaviour under one outcome."
                      if count > high else "Each outcome is one actor changing one behaviour: split or add outcomes "
                                           "until the plan's deliverables have somewhere to go.")
            return checks.Feedback(False, f"The map has {count} outcome{'s' * (count != 1)}; this plan needs "
                                          f"{low} to {high}.", hint=advice)
        for number, outcome in outcomes_in_use:
            gap = next((name for name in ("goal", "outcome", "measure", "options") if not outcome[name]), None)
            if gap:
                needs = {"goal": f"choose the goal it serves ({', '.join(goals)})",
                         "outcome": "write who will do what differently",
                         "measure": "say how it is counted, with a unit",
                         "options": "put at least one deliverable under it as an option, or remove it"}[gap]
                return checks.Feedback(False, f"Outcome {number} has no {gap}.", hint=f"For outcome {number}, "
                                                                                       f"{needs}.")
        placed = _placement_problem(plan, deliverables)
        if placed:
            return placed
        for number, outcome in outcomes_in_use:
            problem = _behaviour_problem(outcome["outcome"])
            if problem:
                return checks.Feedback(False, f"Outcome {number} does not yet name an actor changing a behaviour.",
                                       hint=problem)
            measure = outcomes.assess(outcome["measure"])
            why = measure.why if measure.trap in _TRAPS_IN_A_MEASURE else outcomes.counts_use_or_opinion(
                outcome["measure"])
            if why:
                return checks.Feedback(False, f"The measure of outcome {number} counts use or opinion, not "
                                              "the behaviour.",
                                       hint=why or "Count what the actor does differently, with a unit.")
            if not _counted_with_a_unit(outcome["measure"]):
                return checks.Feedback(False, f"The measure of outcome {number} has no unit.",
                                       hint=f"“{outcome['measure']}” says what should change, not how it is "
                                            "counted: give it a unit, as a share (% of ...), a rate (... per "
                                            "week, per 1,000 orders) or a number (number of ... a month).")
        kept = [did for o in plan["outcomes"] for did in o["options"]]
        for did in sorted(untraced):
            if did in kept and did not in plan["behaviours"]:
                return checks.Feedback(False, f"{did} is kept as an option, but the plan traces it to no impact.",
                                       hint=untraced[did])
        for did, text in sorted(plan["behaviours"].items()):
            if did not in kept:
                continue
            itself = _uses_itself(text, deliverables[did]) if did in untraced else ""
            people = (actor_of.get(did) or "").strip()
            they = f"they ({people[:1].lower() + people[1:]})" if people else "they"
            problem = (f"“{text}” names {did} itself (“{itself}”): using it counts use of a feature, not a "
                       f"change in what people get done, so it is a traction metric. Say what {they} would do "
                       "differently thanks to it, without naming it." if itself
                       else _behaviour_problem(text, people))
            if problem:
                return checks.Feedback(False, f"The behaviour change you gave {did} is not one yet.", hint=problem)
        for number, outcome in outcomes_in_use:
            for did in outcome["options"]:
                if goal_of.get(did, outcome["goal"]) != outcome["goal"]:
                    return checks.Feedback(
                        False, f"{did} serves {goal_of[did]!r} in the plan, but outcome {number} serves "
                               f"{outcome['goal']!r}.",
                        hint=f"Put {did} ({deliverables[did]!r}) under an outcome of the goal it serves, "
                             f"{goal_of[did]} (add one if none fits), or drop it: an option hangs under the goal "
                             "its behaviour change moves.")
        return checks.Feedback(True, f"The structure holds: {count} outcomes, each an actor changing a behaviour "
                                     f"with a measure that has a unit, and options of its own goal; {len(kept)} "
                                     f"deliverables kept, {len(plan['dropped'])} dropped.", complete=False,
                               unchecked=(HAND_GRADED,))

    run.traps = dict(untraced)
    return run


def summary_markdown(answer: Any, deliverables: Mapping[str, str], goals) -> str:
    """The map as Markdown (for the grader in the formgrader, and for the participant): a table per goal."""
    try:
        plan = normalise(answer or blank(), deliverables, goals)
    except WorkshopError as exc:
        return f"The saved map cannot be shown: {exc}"
    if not numbered(plan) and not plan["dropped"]:
        return "No impact map yet."

    def cell(text: str) -> str:
        # Participants wrote it: never markup, never a column break.
        return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|") or "(empty)"

    lines = ["| goal | outcome | measure | options (deliverables) |", "|---|---|---|---|"]
    for _, outcome in numbered(plan):
        options = "; ".join(f"{did} {deliverables[did]}" + (f" (behaviour: {plan['behaviours'][did]})"
                                                           if did in plan["behaviours"] else "")
                            for did in outcome["options"])
        lines.append(f"| {cell(outcome['goal'])} | {cell(outcome['outcome'])} | {cell(outcome['measure'])} | "
                     f"{cell(options)} |")
    dropped = ", ".join(plan["dropped"]) or "none"
    return "\n".join([*lines, "", f"**Dropped:** {cell(dropped)}"])


__all__ = ["blank", "check", "normalise", "numbered", "summary_markdown"]
