"""The capstone's outcome plan: a plain dict, the structural checks on it, and its take-home export.

The participant turns a charter (Fernhill Outdoor's, or their own team's deliverables) into an
**outcome plan**: why the work matters, three to five outcome statements with their measures,
guardrails, the partners to influence, the deliverables as options under each outcome (or
dropped), how often the plan is recalibrated and what the first 30-day check-in looks at.

The plan is a plain JSON-able dict, so it is saved in the answers store like any widget answer,
read by the grader, and exported from the command line without a kernel::

    {"title": str, "team": str,
     "why": str,                      # the goal / impact the plan serves
     "outcomes": [{"id": "O1", "statement": str, "who": str, "behaviour": str, "measure": str,
                   "baseline": str | number, "baseline_source": str,   # where the baseline comes from
                   "target": str | number, "timeframe": str,
                   "leading": [{"measure": str, "baseline": ..., "target": ..., "source": str}],
                   "lagging": [{"measure": str, "baseline": ..., "target": ..., "source": str}]}],
     "guardrails": [{"measure": str, "limit": str, "outcome": "O1" or ""}],   # "" = the whole plan
     "partners": [{"who": str, "ask": str, "offer": str, "outcome": "O1"}],  # offer: what's in it for them
     "deliverables": [{"id": "D01", "deliverable": str, "outcome": "O1" | "drop" | "", "assumption": str}],
     "cadence": str, "checkin_30_days": str}

Missing keys read as empty (:func:`normalise` fills them); a value of the wrong type is a
:class:`WorkshopError` saying which one (:func:`validate_shape`).

Structural checks (:func:`problems`, every problem at once, each a sentence naming the outcome or
deliverable and what to write): 3 to 5 outcomes; each with a statement the assessor
(:func:`workshop_utils.outcomes.assess`) reads as an outcome, not an output or a traction count;
who, behaviour, measure, baseline and where it comes from, target and timeframe; at least one
leading and one lagging measure, each with a baseline, target and source; at least one
guardrail; every deliverable placed under an outcome of the plan or explicitly dropped; each
partner with an ask; a cadence and a 30-day check-in. The finer functions (:func:`outcome_gaps`,
:func:`measure_gaps`, :func:`untraced`, :func:`has_guardrail`, :func:`statement_problems`) let a
graded item check one rule at a time.

Export: :func:`to_markdown`, :func:`to_html` (one self-contained page: charts drawn offline as
inline SVG, no request leaves the page) and :func:`export` (both files, written atomically).
"""

from __future__ import annotations

import copy
import html
import json
import math
import os
import re
from pathlib import Path

from workshop_utils import files
from workshop_utils.errors import WorkshopError

FORMAT = "workshop-outcome-plan/1"
MIN_OUTCOMES, MAX_OUTCOMES = 3, 5
DROP = "drop"
NOT_PLACED = ""
TEXT_KEYS = ("title", "team", "why", "cadence", "checkin_30_days")
LIST_KEYS = ("outcomes", "guardrails", "partners", "deliverables")
OUTCOME_FIELDS = ("statement", "who", "behaviour", "measure", "baseline", "baseline_source", "target", "timeframe")
MEASURE_KINDS = ("leading", "lagging")
MEASURE_FIELDS = ("measure", "baseline", "target", "source")
VALUE_FIELDS = frozenset(("baseline", "target"))  # text or a number; every other field is text
ROW_FIELDS = {
    "guardrails": ("measure", "limit", "outcome"),
    "partners": ("who", "ask", "offer", "outcome"),
    "deliverables": ("id", "deliverable", "outcome", "assumption"),
}
_ROW_NAMES = {"outcomes": "outcome", "guardrails": "guardrail", "partners": "partner", "deliverables": "deliverable"}

# What to write when a field is empty: the second half of each problem sentence.
FIELD_HINTS = {
    "statement": "write one sentence: who will do what differently, from X to Y, by when",
    "who": "name whose behaviour changes, e.g. 'online customers'",
    "behaviour": "say what they will do differently, e.g. 'start a return in the app instead of calling us'",
    "measure": "say how it is counted, with a unit, e.g. '% of returns started in the app'",
    "baseline": "write where it is today, e.g. 'from 12%'",
    "baseline_source": "say where the baseline comes from, e.g. 'returns log, last three months'",
    "target": "write where it should be, e.g. 'to 40%'",
    "timeframe": "say by when, e.g. 'by December 2026'",
}
FIELD_NAMES = {"baseline_source": "baseline source", "checkin_30_days": "30-day check-in"}


# ---------------------------------------------------------------------------------------------
# Building and reading a plan
# ---------------------------------------------------------------------------------------------

def empty_plan(title: str = "", team: str = "") -> dict:
    """A plan with every key present and nothing filled in."""
    return {"title": str(title), "team": str(team), "why": "", "outcomes": [], "guardrails": [], "partners": [],
            "deliverables": [], "cadence": "", "checkin_30_days": ""}


def empty_outcome(oid: str) -> dict:
    """An outcome with its id and every field empty (no measures yet)."""
    return {"id": oid, **{name: "" for name in OUTCOME_FIELDS}, "leading": [], "lagging": []}


def _records(frame) -> list[dict]:
    """Rows of a DataFrame, a list of dicts, or a ``{id: deliverable}`` dict, as dicts."""
    if isinstance(frame, dict):
        return [{"id": key, "deliverable": value} for key, value in frame.items()]
    if hasattr(frame, "to_dict") and hasattr(frame, "columns"):
        return frame.to_dict(orient="records")
    if isinstance(frame, (list, tuple)) and all(isinstance(row, dict) for row in frame):
        return list(frame)
    raise WorkshopError("Give the deliverables as a table (a DataFrame from workshop_utils.data.load_deliverables), "
                        f"a list of rows, or a dict from id to deliverable (got {type(frame).__name__}).")


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def from_deliverables(frame, title: str = "", team: str = "", why: str = "") -> dict:
    """A new plan whose deliverables are the rows of ``frame``, none placed under an outcome yet.

    ``frame`` is a DataFrame with ``id`` (or ``deliverable_id``) and ``deliverable`` columns, as
    ``workshop_utils.data.load_deliverables`` returns, a list of such rows, or ``{id: deliverable}``.
    Rows without an id are numbered D01, D02, ... When ``why`` is not given and every row names the same
    ``goal``, that goal is the plan's why.
    """
    plan = empty_plan(title, team)
    records = _records(frame)
    goals = {_text(row.get("goal")) for row in records} - {""}
    plan["why"] = str(why) or (goals.pop() if len(goals) == 1 else "")  # one goal for the whole charter: its why
    seen = set()
    for number, row in enumerate(records, start=1):
        did = _text(row.get("id", row.get("deliverable_id"))) or f"D{number:02d}"
        text = _text(row.get("deliverable"))
        if not text:
            raise WorkshopError(f"Deliverable {did} has no text: every row needs a 'deliverable' column saying "
                                "what the team plans to make or do.")
        if did in seen:
            raise WorkshopError(f"Two deliverables share the id {did}: give each row its own id.")
        seen.add(did)
        plan["deliverables"].append({"id": did, "deliverable": text, "outcome": NOT_PLACED, "assumption": ""})
    if not plan["deliverables"]:
        raise WorkshopError("There are no deliverables to plan with: the table is empty.")
    return plan


def _is_value(value) -> bool:
    return value is None or isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)
                                                       and math.isfinite(value))


def validate_shape(plan) -> None:
    """Raise a :class:`WorkshopError` naming the first value of the wrong type; return None when the shape is right.

    Missing keys are fine (they read as empty); extra keys are kept and ignored.
    """
    if not isinstance(plan, dict):
        raise WorkshopError("An outcome plan is a dictionary with keys such as 'why', 'outcomes' and 'deliverables' "
                            f"(got {type(plan).__name__}). Start from plan.empty_plan() or "
                            "plan.from_deliverables(...).")
    for key in TEXT_KEYS:
        if plan.get(key) is not None and not isinstance(plan[key], str):
            raise WorkshopError(f"The plan's {FIELD_NAMES.get(key, key)!r} is text, in quotes "
                                f"(got {type(plan[key]).__name__}).")
    for key in LIST_KEYS:
        rows = plan.get(key)
        if rows is None:
            continue
        if not isinstance(rows, list):
            raise WorkshopError(f"The plan's {key!r} is a list of dictionaries, one per {_ROW_NAMES[key]} "
                                f"(got {type(rows).__name__}).")
        for number, row in enumerate(rows, start=1):
            where = f"{_ROW_NAMES[key]} {number}"
            if not isinstance(row, dict):
                raise WorkshopError(f"{where.capitalize()} in {key!r} is a dictionary of fields "
                                    f"(got {type(row).__name__}).")
            fields = ("id", *OUTCOME_FIELDS) if key == "outcomes" else ROW_FIELDS[key]
            _check_fields(row, fields, where)
            if key == "outcomes":
                for kind in MEASURE_KINDS:
                    measures = row.get(kind)
                    if measures is None:
                        continue
                    if not isinstance(measures, list) or not all(isinstance(m, dict) for m in measures):
                        raise WorkshopError(f"The {kind} measures of {where} are a list of dictionaries with "
                                            f"{', '.join(MEASURE_FIELDS)}.")
                    for index, measure in enumerate(measures, start=1):
                        _check_fields(measure, MEASURE_FIELDS, f"{kind} measure {index} of {where}")


def _check_fields(row: dict, fields, where: str) -> None:
    for name in fields:
        value = row.get(name)
        if name in VALUE_FIELDS:
            if not _is_value(value):
                raise WorkshopError(f"The {name} of {where} is text or a number, e.g. '12%' or 12 "
                                    f"(got {type(value).__name__}).")
        elif value is not None and not isinstance(value, str):
            raise WorkshopError(f"The {FIELD_NAMES.get(name, name)} of {where} is text, in quotes "
                                f"(got {type(value).__name__}).")


def normalise(plan) -> dict:
    """A deep copy of ``plan`` with every key present (empty where missing), after :func:`validate_shape`."""
    validate_shape(plan)
    full = empty_plan()
    full.update({key: plan[key] for key in TEXT_KEYS if plan.get(key) is not None})
    for key in plan:
        if key not in full:
            full[key] = copy.deepcopy(plan[key])
    for key in LIST_KEYS:
        full[key] = []
        for row in plan.get(key) or []:
            if key == "outcomes":
                item = {"id": row.get("id") or "", **{n: _blank(row.get(n)) for n in OUTCOME_FIELDS}}
                for kind in MEASURE_KINDS:
                    item[kind] = [{n: _blank(m.get(n)) for n in MEASURE_FIELDS} for m in row.get(kind) or []]
            else:
                item = {n: _blank(row.get(n)) for n in ROW_FIELDS[key]}
            full[key].append(item)
    return full


def _blank(value):
    return "" if value is None else value


def _filled(value) -> bool:
    return isinstance(value, (int, float)) or (isinstance(value, str) and bool(value.strip()))


# ---------------------------------------------------------------------------------------------
# Structural checks
# ---------------------------------------------------------------------------------------------

def outcome_ids(plan) -> list[str]:
    """The ids of the plan's outcomes, in order (empty ids left out)."""
    return [o["id"] for o in normalise(plan)["outcomes"] if o["id"]]


def outcome_gaps(plan) -> dict[str, list[str]]:
    """For each outcome id, the fields still empty (in :data:`OUTCOME_FIELDS` order); complete outcomes are left out."""
    gaps = {}
    for number, outcome in enumerate(normalise(plan)["outcomes"], start=1):
        missing = [name for name in OUTCOME_FIELDS if not _filled(outcome[name])]
        if missing:
            gaps[outcome["id"] or f"Outcome {number}"] = missing
    return gaps


def measure_gaps(plan) -> dict[str, list[str]]:
    """For each outcome id, what its leading and lagging measures still lack, as short phrases:
    "no leading measure", "lagging measure 1 has no source". Complete outcomes are left out."""
    gaps = {}
    for number, outcome in enumerate(normalise(plan)["outcomes"], start=1):
        found = []
        for kind in MEASURE_KINDS:
            rows = [m for m in outcome[kind] if any(_filled(m[n]) for n in MEASURE_FIELDS)]
            if not any(_filled(m["measure"]) for m in rows):
                found.append(f"no {kind} measure")
            for index, measure in enumerate(rows, start=1):
                empty = [n for n in MEASURE_FIELDS if not _filled(measure[n])]
                if empty:
                    found.append(f"{kind} measure {index} has no {' and no '.join(empty)}")
        if found:
            gaps[outcome["id"] or f"Outcome {number}"] = found
    return gaps


def untraced(plan) -> list[str]:
    """Ids of deliverables neither placed under an outcome of the plan nor explicitly dropped."""
    full = normalise(plan)
    known = {o["id"] for o in full["outcomes"] if o["id"]}
    return [d["id"] or f"deliverable {n}" for n, d in enumerate(full["deliverables"], start=1)
            if d["outcome"] != DROP and d["outcome"] not in known]


def dropped(plan) -> list[str]:
    """Ids of the deliverables the plan drops."""
    return [d["id"] for d in normalise(plan)["deliverables"] if d["outcome"] == DROP]


def options_for(plan, oid: str) -> list[dict]:
    """The deliverables placed under outcome ``oid``: its options."""
    return [d for d in normalise(plan)["deliverables"] if d["outcome"] == oid]


def has_guardrail(plan) -> bool:
    """True when at least one guardrail names a measure and its limit."""
    return any(_filled(g["measure"]) and _filled(g["limit"]) for g in normalise(plan)["guardrails"])


def statement_problems(plan) -> dict[str, str]:
    """For each outcome whose statement the assessor reads as an output, a traction or vanity count, an attitude,
    or not yet an outcome at all: one sentence saying why and what to write instead. Empty statements are left
    to :func:`outcome_gaps`."""
    from workshop_utils import outcomes as assessor

    found = {}
    for number, outcome in enumerate(normalise(plan)["outcomes"], start=1):
        oid = outcome["id"] or f"Outcome {number}"
        text = outcome["statement"]
        if not _filled(text):
            continue
        verdict = assessor.assess(text)
        detail = verdict.summary.split(": ", 1)[1] if ": " in verdict.summary else verdict.summary
        if verdict.kind == "output":
            found[oid] = (f"{oid}'s statement reads as an output: {detail} Rewrite it as who will do what "
                          "differently, from X to Y, by when.")
        elif verdict.trap in ("traction", "vanity", "attitude"):
            name = {"traction": "a traction count (use of a feature)", "vanity": "a vanity count (a running total)",
                    "attitude": "an attitude, not a behaviour"}[verdict.trap]
            why = f" {verdict.why}" if verdict.why else ""
            found[oid] = (f"{oid}'s statement measures {name}:{why} Name what people do differently that "
                          "the business gains from.")
        elif verdict.kind != "outcome":
            found[oid] = (f"{oid}'s statement does not read as an outcome yet: {detail} Write who will do what "
                          "differently, from X to Y, by when.")
    return found


def problems(plan) -> list[str]:
    """Every structural problem of the plan at once, each one sentence saying what to fix; [] when none.

    A plan of the wrong shape is one problem (the :class:`WorkshopError`'s sentence), never a traceback.
    """
    try:
        full = normalise(plan)
    except WorkshopError as exc:
        return [str(exc)]
    found = []
    if not _filled(full["why"]):
        found.append("The plan has no why: write the goal or impact it serves, e.g. 'online orders cost less to "
                     "serve: from €7.80 to €6.60 an order by December 2026'.")
    count = len(full["outcomes"])
    if count < MIN_OUTCOMES:
        found.append(f"The plan has {count} outcome{'s' if count != 1 else ''}: write {MIN_OUTCOMES} to "
                     f"{MAX_OUTCOMES}, each a change in what people do.")
    elif count > MAX_OUTCOMES:
        found.append(f"The plan has {count} outcomes: keep the {MAX_OUTCOMES} that matter most (at most "
                     f"{MAX_OUTCOMES}), or merge outcomes that change the same people's behaviour.")
    ids = [o["id"] for o in full["outcomes"]]
    for number, oid in enumerate(ids, start=1):
        if not oid:
            found.append(f"Outcome {number} has no id: give it one, e.g. 'O{number}'.")
        elif ids.index(oid) != number - 1:
            found.append(f"Two outcomes share the id {oid}: give each its own, e.g. 'O{number}'.")
    # Outcome by outcome: what its statement reads as, its empty fields, then its measures.
    statements, fields, measures = statement_problems(full), outcome_gaps(full), measure_gaps(full)
    for number, outcome in enumerate(full["outcomes"], start=1):
        oid = outcome["id"] or f"Outcome {number}"
        if oid in statements:
            found.append(statements[oid])
        found.extend(f"{oid} has no {FIELD_NAMES.get(name, name)}: {FIELD_HINTS[name]}."
                     for name in fields.get(oid, ()))
        for gap in measures.get(oid, ()):
            if gap.startswith("no "):
                example = ("something that moves first, within weeks, e.g. '% of returns started in the app each week'"
                           if "leading" in gap else
                           "the result it drives, seen later, e.g. 'cost to serve per online order'")
                found.append(f"{oid} has {gap}: add {example}, with its baseline, target and source.")
            else:
                found.append(f"{oid}: the {gap}: fill it in (the source says where the number will come from).")
    if not has_guardrail(full):
        found.append("The plan has no guardrail: name a measure that must not get worse while you push the outcomes, "
                     "and its limit, e.g. 'repeat purchase rate stays above 31%'.")
    known = {o["id"] for o in full["outcomes"] if o["id"]}
    for number, guard in enumerate(full["guardrails"], start=1):
        if any(_filled(guard[n]) for n in ("measure", "limit")) and not (_filled(guard["measure"])
                                                                         and _filled(guard["limit"])):
            empty = "limit" if _filled(guard["measure"]) else "measure"
            found.append(f"Guardrail {number} has no {empty}: write both the measure and the line it must not cross.")
        if guard["outcome"] and guard["outcome"] not in known:
            found.append(f"Guardrail {number} belongs to {guard['outcome']}, which is not an outcome of this plan: "
                         "choose one of its outcomes, or leave it for the whole plan.")
    for number, partner in enumerate(full["partners"], start=1):
        name = partner["who"] or f"Partner {number}"
        if not _filled(partner["who"]):
            found.append(f"Partner {number} has no who: name the team or person whose help you need.")
        if not _filled(partner["ask"]):
            found.append(f"{name} has no ask: write what you will ask of them, e.g. 'share the weekly returns "
                         "report'.")
        if partner["outcome"] and partner["outcome"] not in known:
            found.append(f"{name} is linked to {partner['outcome']}, which is not an outcome of this plan: choose one "
                         "of its outcomes.")
    for did in untraced(full):
        row = next((d for d in full["deliverables"] if d["id"] == did), None)
        place = row["outcome"] if row else ""
        if place:
            found.append(f"{did} sits under {place}, which is not an outcome of this plan: place it under one of "
                         f"{', '.join(sorted(known)) or 'your outcomes'}, or drop it.")
        else:
            found.append(f"{did} is not traced: place it under the outcome it would move, or drop it.")
    if not _filled(full["cadence"]):
        found.append("The plan has no cadence: say how often you will look at the measures and recalibrate, "
                     "e.g. 'every two weeks at the team review; the plan itself each quarter'.")
    if not _filled(full["checkin_30_days"]):
        found.append("The plan has no 30-day check-in: say what you will look at in 30 days and what would make you "
                     "change course.")
    return found


def feedback(answer, full: bool = False):
    """A :class:`workshop_utils.checks.Feedback` on the plan's structure, usable as a question's check function:
    passes when :func:`problems` finds nothing; otherwise names every problem. How good the plan is, a person judges.
    """
    from workshop_utils.checks import Feedback

    found = problems(answer)
    if not found:
        return Feedback(True, "The plan's structure holds: every outcome has its measures, baseline, target and "
                              "timeframe, every deliverable is traced or dropped, and the guardrails, partners, "
                              "cadence and 30-day check-in are there. How good it is, a person judges.")
    return Feedback(False, f"{len(found)} thing{'s' if len(found) != 1 else ''} still to do in the plan:\n"
                    + "\n".join(f"- {line}" for line in found), hint=found[0])


# ---------------------------------------------------------------------------------------------
# Saving and loading
# ---------------------------------------------------------------------------------------------

def save(plan, path: str | os.PathLike) -> Path:
    """Write ``plan`` to ``path`` as JSON, atomically; returns the path."""
    full = normalise(plan)
    path = Path(path)
    text = json.dumps({"format": FORMAT, "plan": full}, indent=1, ensure_ascii=False, allow_nan=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_text(path, text + "\n")
    except OSError as exc:
        raise WorkshopError(f"Could not save the plan to {path} ({exc.strerror or exc}). Check the folder is "
                            "writable and the disk is not full, then save again.") from exc
    return path


def find_in_answers(answers: dict, qid: str | None = None) -> dict:
    """The plan inside an answers file's ``{qid: {"value": ...}}`` records: the one under ``qid``, or the only
    answer that is a plan (a dict with 'outcomes' and 'deliverables')."""
    if qid is not None:
        entry = answers.get(qid)
        if not isinstance(entry, dict) or "value" not in entry:
            known = ", ".join(sorted(answers)) or "none"
            raise WorkshopError(f"This answers file has no answer to {qid!r} (its answers: {known}).")
        return entry["value"]
    plans = {key: entry.get("value") for key, entry in answers.items()
             if isinstance(entry, dict) and _looks_like_plan(entry.get("value"))}
    if len(plans) == 1:
        return next(iter(plans.values()))
    if not plans:
        raise WorkshopError("This answers file holds no outcome plan yet: build it in the capstone notebook's plan "
                            "builder first (it saves as you type).")
    raise WorkshopError(f"This answers file holds {len(plans)} plans ({', '.join(sorted(plans))}): say which one, "
                        "e.g. --qid " + sorted(plans)[0] + ".")


def _looks_like_plan(value) -> bool:
    return isinstance(value, dict) and "outcomes" in value and "deliverables" in value


def load(path: str | os.PathLike, qid: str | None = None) -> dict:
    """The plan saved at ``path``: a file written by :func:`save`, a bare plan dict in JSON, or an answers file
    (``answers/<notebook>.json``) holding it (under ``qid``, or its only plan), or the notebook (``.ipynb``) whose
    answers file holds it. A file that cannot be read says why."""
    path = Path(path)
    if path.suffix == ".ipynb":  # the notebook itself: its answers are in answers/<notebook>.json beside it
        from workshop_utils.answers import answers_path

        notebook, path = path, answers_path(path.stem, path.parent)
        if not path.is_file():
            raise WorkshopError(f"{notebook} has no saved answers yet ({path} is missing): build the plan in its "
                                "plan builder first (it saves as you type).")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WorkshopError(f"There is no file {path}: check the name, or export the plan from the notebook "
                            "first.") from None
    except IsADirectoryError:
        raise WorkshopError(f"{path} is a folder: give the plan's .json file (or the notebook's answers file, "
                            "answers/<notebook>.json).") from None
    except UnicodeDecodeError:
        raise WorkshopError(f"{path} is not a text file, so it is not a saved plan.") from None
    except OSError as exc:
        raise WorkshopError(f"Could not read {path} ({exc.strerror or exc}).") from exc
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise WorkshopError(f"{path} is damaged: it is not valid JSON ({_short_error(exc)}). Open it in a text "
                            "editor to repair it, or save the plan again from the notebook.") from None
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        value = find_in_answers(data["answers"], qid)
    elif isinstance(data, dict) and data.get("format") == FORMAT:
        value = data.get("plan")
    else:
        value = data
    try:
        return normalise(value)
    except WorkshopError as exc:
        raise WorkshopError(f"{path} does not hold a usable plan: {exc}") from None


def _short_error(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 120 else text[:120] + "..."


# ---------------------------------------------------------------------------------------------
# Numbers in baselines and targets (for charts)
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[-−]?\d+(?:[.,]\d+)?")


def number(value) -> float | None:
    """The number in a baseline or target (12, '12%', 'from €7.80', '1,200 a week'), or None when there is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    cleaned = re.sub(r"(?<=\d),(?=\d{3}\b)", "", value)  # 1,200 -> 1200; 7,80 stays a decimal comma
    match = _NUMBER.search(cleaned)
    if not match:
        return None
    return float(match.group().replace("−", "-").replace(",", "."))


__all__ = ["DROP", "FORMAT", "MAX_OUTCOMES", "MIN_OUTCOMES", "OUTCOME_FIELDS", "dropped", "empty_outcome",
           "empty_plan", "feedback", "find_in_answers", "from_deliverables", "has_guardrail", "load", "measure_gaps",
           "normalise", "number", "outcome_gaps", "outcome_ids", "options_for", "problems", "save",
           "statement_problems", "untraced", "validate_shape"]



# ---------------------------------------------------------------------------------------------
# Export: Markdown and one self-contained HTML page
# ---------------------------------------------------------------------------------------------

def _md(value) -> str:
    """Text for a Markdown table cell or line: one line, no pipe breaking the table, no HTML tag alive."""
    text = _show_value(value)
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _md_block(value) -> str:
    """A paragraph of the plan for Markdown: its line breaks kept (as Markdown hard breaks), no HTML tag alive."""
    lines = [" ".join(line.split()) for line in _show_value(value).strip().splitlines()]
    return "  \n".join(line.replace("<", "&lt;").replace(">", "&gt;") for line in lines if line)


def _show_value(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _or_dash(text: str) -> str:
    return text if text else "—"


def _md_table(headers: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_or_dash(_md(cell)) for cell in row) + " |" for row in rows]
    return lines + [""]


def _measure_rows(outcome: dict) -> list[tuple[str, dict]]:
    """(kind, measure) for the outcome's own measure and its leading and lagging ones that name something."""
    rows = [("outcome", {"measure": outcome["measure"], "baseline": outcome["baseline"], "target": outcome["target"],
                         "source": outcome["baseline_source"]})] if _filled(outcome["measure"]) else []
    for kind in MEASURE_KINDS:
        rows += [(kind, m) for m in outcome[kind] if _filled(m["measure"])]
    return rows


def to_markdown(plan) -> str:
    """The plan as a readable Markdown take-away: why, outcomes, measures, guardrails, partners, deliverables as
    options under each outcome (dropped ones listed), cadence, 30-day check-in, and what is still to do."""
    full = normalise(plan)
    title = full["title"].strip() or "Outcome plan"
    out = [f"# {_md(title)}", ""]
    if _filled(full["team"]):
        out += [f"*{_md(full['team'])}*", ""]
    out += ["## Why", "", _md_block(full["why"]) or "*Not written yet.*", ""]
    out += ["## Outcomes", ""]
    if full["outcomes"]:
        out += _md_table(["Outcome", "Who does what differently", "Measure", "From", "To", "By"],
                         [[o["id"], f"{o['who']} {o['behaviour']}".strip(), o["measure"], o["baseline"], o["target"],
                           o["timeframe"]] for o in full["outcomes"]])
    else:
        out += ["*No outcomes yet.*", ""]
    for outcome in full["outcomes"]:
        out += [f"### {_md(outcome['id'])}. {_md(outcome['statement']) or 'Statement not written yet'}", ""]
        if _filled(outcome["baseline_source"]):
            out += [f"Baseline from: {_md(outcome['baseline_source'])}", ""]
        measures = [(kind, m) for kind, m in _measure_rows(outcome) if kind != "outcome"]
        if measures:
            out += _md_table(["Measure", "Kind", "Baseline", "Target", "Source"],
                             [[m["measure"], kind, m["baseline"], m["target"], m["source"]] for kind, m in measures])
        guards = [g for g in full["guardrails"] if g["outcome"] == outcome["id"]]
        for guard in guards:
            out += [f"- **Guardrail:** {_md(guard['measure'])}: {_md(guard['limit'])}"]
        partners = [p for p in full["partners"] if p["outcome"] == outcome["id"]]
        for partner in partners:
            out += [f"- **Partner:** {_md(partner['who'])}: ask {_md(partner['ask'])}"]
        if guards or partners:
            out += [""]
        options = options_for(full, outcome["id"])
        out += ["**Options (deliverables we bet will move it):**", ""]
        out += [f"- {_md(d['id'])}: {_md(d['deliverable'])}"
                + (f". *Assumption:* {_md(d['assumption'])}" if _filled(d["assumption"]) else "") for d in options]
        if not options:
            out += ["*None yet: which deliverable, or which new experiment, would move it?*"]
        out += [""]
    out += ["## Guardrails", ""]
    out += _md_table(["Must not get worse", "Limit", "For"],
                     [[g["measure"], g["limit"], g["outcome"] or "the whole plan"] for g in full["guardrails"]]) \
        if full["guardrails"] else ["*None yet.*", ""]
    out += ["## Partners to influence", ""]
    out += _md_table(["Who", "What we ask", "What is in it for them", "For"],
                     [[p["who"], p["ask"], p["offer"], p["outcome"]] for p in full["partners"]]) \
        if full["partners"] else ["*None named.*", ""]
    gone = [d for d in full["deliverables"] if d["outcome"] == DROP]
    out += ["## Deliverables dropped", ""]
    out += [f"- {_md(d['id'])}: {_md(d['deliverable'])}" + (f". *Why:* {_md(d['assumption'])}"
                                                           if _filled(d["assumption"]) else "") for d in gone]
    out += (["*None.*"] if not gone else []) + [""]
    loose = [d for d in full["deliverables"] if d["id"] in untraced(full)]
    if loose:
        out += ["## Deliverables not placed yet", ""] + [f"- {_md(d['id'])}: {_md(d['deliverable'])}"
                                                         for d in loose] + [""]
    out += ["## Recalibration cadence", "", _md_block(full["cadence"]) or "*Not written yet.*", ""]
    out += ["## First 30-day check-in", "", _md_block(full["checkin_30_days"]) or "*Not written yet.*", ""]
    todo = problems(full)
    out += ["## Still to do", ""] + ([f"- [ ] {_md(p)}" for p in todo] if todo else
                                     ["Nothing: every structural check passes."]) + [""]
    return "\n".join(out)


def _wrap(text: str, width: int = 44) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


CHART_KINDS = {"outcome": "Outcome", "leading": "Leading", "lagging": "Lagging"}


def chart_rows(plan, oid: str) -> list[dict]:
    """The measures of outcome ``oid`` whose baseline and target both hold a number, for its chart."""
    outcome = next((o for o in normalise(plan)["outcomes"] if o["id"] == oid), None)
    if outcome is None:
        raise WorkshopError(f"The plan has no outcome {oid!r}: choose one of {', '.join(outcome_ids(plan))}.")
    rows = []
    for kind, measure in _measure_rows(outcome):
        start, end = number(measure["baseline"]), number(measure["target"])
        if start is not None and end is not None:
            rows.append({"label": f"{CHART_KINDS[kind]}: {measure['measure'].strip()}", "baseline": start,
                         "target": end, "baseline_text": _show_value(measure["baseline"]).strip(),
                         "target_text": _show_value(measure["target"]).strip()})
    return rows


def outcome_chart(plan, oid: str):
    """A chart of outcome ``oid``: for each of its measures with numbers, a line from baseline to target (each
    on its own scale). None when no measure has both numbers."""
    import altair as alt

    from workshop_utils import charts

    rows = chart_rows(plan, oid)
    if not rows:
        return None
    colours = alt.Scale(domain=["baseline", "target"], range=[charts.PALETTE[1], charts.PALETTE[0]])
    shapes = alt.Scale(domain=["baseline", "target"], range=["circle", "diamond"])
    parts = []
    for row in rows:
        base = alt.Chart(alt.Data(values=[row]))
        line = base.mark_rule(strokeWidth=3, color="#555555", aria=False).encode(
            x=alt.X("baseline:Q", title=None, scale=alt.Scale(zero=False, nice=True)), x2="target:Q")
        values = base.transform_fold(["baseline", "target"], as_=["when", "value"]).transform_calculate(
            text="datum.when == 'baseline' ? datum.baseline_text : datum.target_text").encode(x="value:Q")
        points = values.mark_point(filled=True, size=140).encode(
            color=alt.Color("when:N", scale=colours, title=None, legend=alt.Legend(orient="top")),
            shape=alt.Shape("when:N", scale=shapes, title=None),
            tooltip=[alt.Tooltip("when:N"), alt.Tooltip("text:N", title="value")])
        labels = values.mark_text(dy=-14, fontSize=12, color="#222222", aria=False).encode(text="text:N")
        title = alt.TitleParams(_wrap(row["label"]), anchor="start", fontSize=12, fontWeight="normal")
        parts.append(alt.layer(line, points, labels)
                     .properties(title=title, width=260, height=46))
    moves = "; ".join(f"{r['label']} from {r['baseline_text']} to {r['target_text']}" for r in rows)
    outcome = next(o for o in normalise(plan)["outcomes"] if o["id"] == oid)
    heading = f"{oid}: {outcome['who']} {outcome['behaviour']}".strip().rstrip(":")
    chart = charts.finish(alt.vconcat(*parts, spacing=18), heading,
                          f"For {oid}, where each measure starts and where it should be: {moves}.")
    return chart.properties(title=alt.TitleParams(_wrap(heading, 32), anchor="start"))  # long titles wrap


def _ensure_charts_theme() -> None:
    """The course's chart theme, without switching a notebook's renderer: a kernel keeps its own default."""
    import sys

    from workshop_utils import charts

    if charts._state["mode"] is None:
        charts.enable_offline(None if "ipykernel" in sys.modules else "svg")


def chart_svg(chart) -> str:
    """The chart drawn offline as SVG, its description as the SVG's accessible name."""
    from workshop_utils import charts

    return charts._svg_renderer(chart.to_dict())["image/svg+xml"]


_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1a1a1a; background: #ffffff; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
.team { color: #333333; font-style: italic; margin-top: 0; }
.todo-note { background: #fff4e5; border-left: 4px solid #7a4a00; padding: 0.5rem 0.75rem; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
th, td { border: 1px solid #bbbbbb; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef4f8; }
figure { margin: 1rem 0; }
figure svg { width: 100%; max-width: 34rem; height: auto; display: block; }
figcaption { font-size: 0.9rem; color: #333333; }
.outcome { border: 1px solid #cccccc; border-radius: 6px; padding: 0 1rem 0.5rem; margin: 1rem 0; }
.muted { color: #555555; font-style: italic; }
footer { margin-top: 2rem; font-size: 0.85rem; color: #444444; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  .outcome, figure, table { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""


def _figure(plan: dict, oid: str) -> str:
    """Outcome ``oid``'s chart as an inline SVG figure captioned with its description; "" when it has no numbers.
    A chart that cannot be drawn (vl-convert missing, say) is a sentence: the numbers are in the tables anyway."""
    try:
        _ensure_charts_theme()
        chart = outcome_chart(plan, oid)
        if chart is None:
            return ""
        description = chart.to_dict()["description"]
        svg = chart_svg(chart)
    except Exception as exc:  # noqa: BLE001 - the page is still worth having without its chart
        why = html.escape(type(exc).__name__)
        return (f'<p class="muted">The chart of {html.escape(oid)} could not be drawn here ({why}): its numbers are '
                "in the table above. Run `workshop doctor` to see what is missing.</p>")
    return f'<figure class="chart">{svg}<figcaption>{html.escape(description)}</figcaption></figure>'


def _h(value) -> str:
    return html.escape(_show_value(value).strip(), quote=True)


def _html_table(caption: str, headers: list[str], rows: list[list]) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_h(cell) or '—'}</td>" for cell in row) + "</tr>" for row in rows)
    return (f'<div class="scroll" role="region" aria-label="{html.escape(caption, quote=True)}" tabindex="0">'
            f"<table><caption class=\"muted\">{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def _para(value, missing: str = "Not written yet.") -> str:
    """A paragraph of the plan, its line breaks kept."""
    if not _filled(value):
        return f'<p class="muted">{html.escape(missing)}</p>'
    lines = [html.escape(line.strip()) for line in _show_value(value).strip().splitlines() if line.strip()]
    return f"<p>{'<br>'.join(lines)}</p>"


def to_html(plan, with_charts: bool = True) -> str:
    """The plan as ONE self-contained HTML page: inline CSS, charts as inline SVG drawn offline, no script, no
    request to anywhere; every text of the plan escaped; readable on a phone and printable."""
    full = normalise(plan)
    title = full["title"].strip() or "Outcome plan"
    todo = problems(full)
    parts = [f"<h1>{_h(title)}</h1>"]
    if _filled(full["team"]):
        parts.append(f'<p class="team">{_h(full["team"])}</p>')
    if todo:
        parts.append(f'<p class="todo-note"><a href="#still-to-do">{len(todo)} item{"s" if len(todo) != 1 else ""} '
                     "still to do</a> before this plan is complete.</p>")
    parts += ['<h2 id="why">Why</h2>', _para(full["why"])]
    parts.append('<h2 id="outcomes">Outcomes</h2>')
    if full["outcomes"]:
        parts.append(_html_table("The outcomes at a glance", ["Outcome", "Who does what differently", "Measure", "From",
                                                               "To", "By"],
                                 [[o["id"], f"{o['who']} {o['behaviour']}", o["measure"], o["baseline"], o["target"],
                                   o["timeframe"]] for o in full["outcomes"]]))
    else:
        parts.append('<p class="muted">No outcomes yet.</p>')
    for outcome in full["outcomes"]:
        oid = outcome["id"]
        section = [f"<h3>{_h(oid)}. {_h(outcome['statement']) or 'Statement not written yet'}</h3>"]
        if _filled(outcome["baseline_source"]):
            section.append(f"<p><strong>Baseline from:</strong> {_h(outcome['baseline_source'])}</p>")
        measures = [(kind, m) for kind, m in _measure_rows(outcome) if kind != "outcome"]
        if measures:
            section.append(_html_table(f"Leading and lagging measures of {oid}",
                                       ["Measure", "Kind", "Baseline", "Target", "Source"],
                                       [[m["measure"], kind, m["baseline"], m["target"], m["source"]]
                                        for kind, m in measures]))
        if with_charts and oid:
            section.append(_figure(full, oid))
        items = [f"<li><strong>Guardrail:</strong> {_h(g['measure'])}: {_h(g['limit'])}</li>"
                 for g in full["guardrails"] if g["outcome"] == oid and oid]
        items += [f"<li><strong>Partner:</strong> {_h(p['who'])}: ask {_h(p['ask'])}</li>"
                  for p in full["partners"] if p["outcome"] == oid and oid]
        if items:
            section.append(f"<ul>{''.join(items)}</ul>")
        options = options_for(full, oid) if oid else []
        section.append("<p><strong>Options (deliverables we bet will move it):</strong></p>")
        if options:
            section.append("<ul>" + "".join(
                f"<li>{_h(d['id'])}: {_h(d['deliverable'])}"
                + (f". <em>Assumption:</em> {_h(d['assumption'])}" if _filled(d["assumption"]) else "") + "</li>"
                for d in options) + "</ul>")
        else:
            section.append('<p class="muted">None yet: which deliverable, or which new experiment, would move it?</p>')
        parts.append(f'<section class="outcome" aria-label="Outcome {_h(oid)}">{"".join(section)}</section>')
    parts.append('<h2 id="guardrails">Guardrails</h2>')
    parts.append(_html_table("What must not get worse", ["Must not get worse", "Limit", "For"],
                             [[g["measure"], g["limit"], g["outcome"] or "the whole plan"]
                              for g in full["guardrails"]]) if full["guardrails"] else
                 '<p class="muted">None yet.</p>')
    parts.append('<h2 id="partners">Partners to influence</h2>')
    parts.append(_html_table("Partners and what we ask of them",
                             ["Who", "What we ask", "What is in it for them", "For"],
                             [[p["who"], p["ask"], p["offer"], p["outcome"]] for p in full["partners"]])
                 if full["partners"] else '<p class="muted">None named.</p>')
    gone = [d for d in full["deliverables"] if d["outcome"] == DROP]
    parts.append('<h2 id="dropped">Deliverables dropped</h2>')
    parts.append("<ul>" + "".join(f"<li>{_h(d['id'])}: {_h(d['deliverable'])}"
                                  + (f". <em>Why:</em> {_h(d['assumption'])}" if _filled(d["assumption"]) else "")
                                  + "</li>" for d in gone) + "</ul>" if gone else '<p class="muted">None.</p>')
    loose = [d for d in full["deliverables"] if d["id"] in untraced(full)]
    if loose:
        parts.append('<h2 id="not-placed">Deliverables not placed yet</h2>')
        parts.append("<ul>" + "".join(f"<li>{_h(d['id'])}: {_h(d['deliverable'])}</li>" for d in loose) + "</ul>")
    parts += ['<h2 id="cadence">Recalibration cadence</h2>', _para(full["cadence"])]
    parts += ['<h2 id="check-in">First 30-day check-in</h2>', _para(full["checkin_30_days"])]
    parts.append('<h2 id="still-to-do">Still to do</h2>')
    parts.append("<ul>" + "".join(f"<li>{html.escape(p)}</li>" for p in todo) + "</ul>" if todo else
                 "<p>Nothing: every structural check passes.</p>")
    parts.append("<footer>Made with the From Project to Product workshop's outcome plan builder. "
                 "This page works offline: it loads nothing from anywhere.</footer>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            # No request may leave the page: nothing but inline styles and inline images.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">\n"
            f"<title>{_h(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(parts) + "\n</main>\n</body>\n</html>\n")


_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,79}$")


def export(plan, folder: str | os.PathLike = ".", stem: str = "my-outcome-plan") -> tuple[Path, Path]:
    """Write ``<stem>.md`` and ``<stem>.html`` into ``folder`` (each atomically); returns their paths."""
    if not isinstance(stem, str) or not _STEM.match(stem) or stem.endswith((".md", ".html")):
        raise WorkshopError(f"{stem!r} is not a usable file name for the export: use letters, digits, '-' or '_', "
                            "without a folder or an ending, e.g. 'my-outcome-plan'.")
    markdown, page = to_markdown(plan), to_html(plan)
    folder = Path(folder)
    md_path, html_path = folder / f"{stem}.md", folder / f"{stem}.html"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        files.write_text(md_path, markdown)
        files.write_text(html_path, page)
    except OSError as exc:
        raise WorkshopError(f"Could not write the plan into {folder} ({exc.strerror or exc}). Check the folder "
                            "exists and is writable (or choose another with --out), then export again.") from exc
    return md_path, html_path


# ---------------------------------------------------------------------------------------------
# A worked example: Fernhill Outdoor's 2026 plan, cost to serve
# ---------------------------------------------------------------------------------------------

def _measure(measure: str, baseline, target, source: str) -> dict:
    return {"measure": measure, "baseline": baseline, "target": target, "source": source}


def fernhill_example() -> dict:
    """A complete outcome plan for Fernhill Outdoor's 2026 charter (module 02's ``plan_2026``): no problems.

    For lessons (a worked example to read before building one's own) and tests.
    """
    from workshop_utils.course import m02

    plan = from_deliverables(m02.DELIVERABLES, title="Online orders that cost less to serve", team="Fernhill Outdoor, "
                             "online and stores",
                             why="Online orders cost less to serve: the cost to serve one online order falls from "
                                 "€7.80 to €6.60 by December 2026, while members keep buying from us again.")
    # id, who, behaviour, measure, baseline, its source, target, by when, leading and lagging measure
    table = [
        ("O1", "Online customers", "start returns in the app instead of contacting customer service",
         "% of returns started in the app with no call, email or chat", "22%",
         "returns log joined to the contact centre's tickets, July to September 2025", "60%", "December 2026",
         _measure("returns started in the app each week", 180, 500, "app events, weekly"),
         _measure("contacts about returns per 100 online orders", 6.5, 3.0, "contact centre report, monthly")),
        ("O2", "Online shoppers near a store", "choose click & collect instead of home delivery",
         "% of online orders collected in a store", "11%", "order system, delivery method, last 12 months", "25%",
         "December 2026",
         _measure("click & collect orders ready within one hour", "48%", "90%", "store order screens, daily"),
         _measure("delivery cost per online order", "€3.10", "€2.40", "finance, monthly")),
        ("O3", "Store staff", "answer stock questions on the shop floor without calling head office",
         "% of stock questions answered without a call to head office", "40%",
         "one-week tally in five stores, October 2025", "85%", "September 2026",
         _measure("stock look-ups on store tablets per store per day", 0, 30, "tablet app log, daily"),
         _measure("calls from stores to head office about stock per week", 620, 150, "head-office phone log, weekly")),
        ("O4", "Suppliers", "send stock updates every day instead of every week",
         "% of suppliers whose stock in the portal is never more than a day old", "35%",
         "supplier portal, update timestamps, last quarter", "80%", "September 2026",
         _measure("suppliers switched to the automatic daily feed", 12, 60, "supplier portal, weekly"),
         _measure("online orders cancelled for stock that was not there", "2.4%", "1.0%", "order system, monthly")),
    ]
    units = {"O1": "of returns", "O2": "of online orders", "O3": "of questions", "O4": "of suppliers"}
    plan["outcomes"] = [
        {"id": oid, "statement": f"{who} {does}, from {base} to {target} {units[oid]} by {when}", "who": who,
         "behaviour": does, "measure": measure, "baseline": base, "baseline_source": source, "target": target,
         "timeframe": f"by {when}", "leading": [leading], "lagging": [lagging]}
        for oid, who, does, measure, base, source, target, when, leading, lagging in table]
    plan["guardrails"] = [
        {"measure": "members' repeat purchase rate", "limit": "stays at or above 31%", "outcome": ""},
        {"measure": "returns refunded within 5 days", "limit": "stays above 95%", "outcome": "O1"},
    ]
    plan["partners"] = [
        {"who": "Customer Service", "ask": "tag every returns contact in the ticket system for the next quarter",
         "offer": "fewer repetitive returns calls, more time for the hard cases", "outcome": "O1"},
        {"who": "Store managers", "ask": "a named person for click & collect on each shift",
         "offer": "collection visits that bring shoppers into the store", "outcome": "O2"},
        {"who": "Supplier Partnerships", "ask": "invite the 40 largest suppliers to the daily feed by March",
         "offer": "fewer cancelled orders to explain to suppliers", "outcome": "O4"},
    ]
    places = {"D07": ("O3", "Staff call head office because they cannot see stock, not because they prefer to"),
              "D08": ("O1", "Customers contact us to return because the app offers no way to"),
              "D09": ("drop", ""), "D10": ("O4", "Suppliers send weekly because daily is manual work for them"),
              "D15": ("O2", "Shoppers choose home delivery because collection takes too long"),
              "D06": ("drop", ""), "D12": ("drop", "")}
    for row in plan["deliverables"]:
        row["outcome"], row["assumption"] = places.get(row["id"], (DROP, ""))
    plan["cadence"] = ("Leading measures every two weeks at the team review; the whole plan each quarter, with the "
                       "guardrails.")
    plan["checkin_30_days"] = ("By 31 January: the baseline for every outcome is written down with its source, the "
                               "first app returns are counted, and we decide whether D08 ships as planned or smaller.")
    return plan


__all__ += ["chart_rows", "export", "fernhill_example", "outcome_chart", "to_html", "to_markdown"]
