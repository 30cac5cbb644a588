"""The hint ladder: a nudge, a worked step, then the explained answer, for someone working alone.

Every question may carry ``hints=(nudge, worked step)`` and ``why`` (see ``checks.Question``). The ladder has
those rungs and a last one, the explained answer: the model answer in a readable form with ``why``. The rules:

* a practice item (0 points) opens every rung at once, on request;
* a graded item opens rungs one and two on request, and the explained answer only after
  ``ATTEMPTS_FOR_ANSWER`` attempts; taking it is recorded, so the grader and the class report can see it.

An attempt is a Check press, or a self-check run of ``checks.assert_passes`` in a notebook, on an answer that is
not empty and differs from the last one checked (pressing Check twice on the same answer is one attempt; the
autograder re-running the same cells adds none). For an item graded by hand an attempt is a new draft shown to
the ladder (the Hint button of its text box, or ``hint(qid, draft)``).

The record lives in the notebook's answers file beside the answer (``answers.LADDER_FIELDS``). This module is
kernel side: it never imports ``workshop_utils.grading``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import html
import json
import math
from dataclasses import dataclass, field, replace
from typing import Any

from workshop_utils import checks
from workshop_utils.answers import AnswerStore, store_for
from workshop_utils.errors import WorkshopError

ATTEMPTS_FOR_ANSWER = 2
RUNG_NAMES = {1: "a nudge", 2: "a worked step", 3: "the explained answer"}


@dataclass(frozen=True)
class Rung:
    """One rung of a question's ladder as shown: its level of ``total``, its text, and whether it is open."""

    qid: str
    level: int
    total: int
    text: str
    open: bool = True  # False: the explained answer of a graded item, still locked (``text`` says why)
    attempts: int = 0
    printed: bool = field(default=False, repr=False, compare=False)  # hint() printed it: a cell shows it once

    @property
    def label(self) -> str:
        return f"Hint ({self.level} of {self.total})"

    def __str__(self) -> str:
        return f"{self.label}\n{self.text}"

    def _ipython_display_(self) -> None:
        """Shown as the cell's result, unless :func:`hint` has printed it already (it would appear twice)."""
        if self.printed:
            return
        from IPython.display import display

        display({"text/plain": str(self), "text/html": self._repr_html_()}, raw=True)

    def _repr_html_(self) -> str:
        """The rung in its own live region (screen readers hear it as they hear the feedback line); a locked
        answer in dark amber, the words carrying the meaning too."""
        body = html.escape(self.text).replace("\n", "<br>")
        colour = "#333333" if self.open else "#7a4a00"
        return (f'<div class="workshop-hint" role="status" aria-live="polite" style="color:{colour}">'
                f"<b>{html.escape(self.label)}</b><br>{body}</div>")


# -- the explained answer -----------------------------------------------------------------------------------


def _resolved(check_fn):
    return check_fn.resolve() if isinstance(check_fn, checks.LazyCheck) else check_fn


@functools.cache
def _examples(prefix: str) -> dict:
    """A course module's ``examples()`` (computed from its data once per kernel), or {} when it has none."""
    from workshop_utils.course import module_numbered

    example = getattr(module_numbered(prefix[1:]), "examples", None)
    return example() if example is not None else {}


def model_answer(q: checks.Question) -> Any:
    """An answer that scores full marks: ``q.solution``, else its module's ``examples()[qid][0]``, else the key
    its check holds (a classification's key, a number's expected value); None when there is none (a reflection)."""
    if q.solution is not None:
        return q.solution
    found = _examples(q.qid.split(".", 1)[0]).get(q.qid)
    if found:
        return found[0]
    fn = _resolved(q.check)
    for name in ("key", "expected"):
        if getattr(fn, name, None) is not None:
            return getattr(fn, name)
    return None


def _number_text(value: Any, fn) -> str:
    what = getattr(fn, "what", "the value")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return f"{what.capitalize()}: {value}"
    if number.is_integer():
        return f"{what.capitalize()}: {int(number)}."
    rounding = getattr(fn, "rounding", 2) or 2
    shown = f"{what.capitalize()}: {round(number, rounding):.{rounding}f}"
    if round(number, rounding) != number:
        shown += f" (rounded to {rounding} decimal places from {number:.4g})"
    if 0 < number < 1:
        shown += f", that is {number:.0%}"
    return shown + "."


def _chart_text(value: Any, fn) -> str:
    mark, encodings = getattr(fn, "mark", None), getattr(fn, "encodings", None)
    if mark is None and hasattr(value, "to_dict"):
        spec = value.to_dict()
        mark = spec.get("mark", {}).get("type") if isinstance(spec.get("mark"), dict) else spec.get("mark")
        encodings = {ch: (enc.get("field"), enc.get("type")) for ch, enc in spec.get("encoding", {}).items()}
    lines = [f"A chart with mark_{mark}(), a title and a description (.properties(title=..., description=...)):"]
    lines += [f"  {channel}: {field} ({kind})" for channel, (field, kind) in (encodings or {}).items()]
    return "\n".join(lines)


def _map_text(value: dict) -> str:
    """An impact map as lines: each outcome under its goal, with its measure and options; then what was dropped."""
    lines = ["A model map:"]
    for outcome in value.get("outcomes", []):
        lines.append(f"  {outcome.get('goal')}: {outcome.get('outcome')} (measured as {outcome.get('measure')}); "
                     f"options {', '.join(outcome.get('options', []))}")
    if value.get("dropped"):
        lines.append(f"  Dropped: {', '.join(value['dropped'])}")
    lines += [f"  {did} kept with the behaviour change: {text}" for did, text in value.get("behaviours", {}).items()]
    return "\n".join(lines)


def _plan_text(value: dict) -> str:
    """An outcome plan as lines: its why, each outcome with its leading and lagging measures, the guardrails, where
    each deliverable went, and the 30-day check-in."""
    def measures(found):
        return "; ".join(f"{m.get('measure')} ({m.get('baseline')} to {m.get('target')}, {m.get('source')})"
                         for m in found or [])

    lines = [f"A model plan: {value.get('title', '')}", f"  Why: {value.get('why', '')}"]
    for outcome in value.get("outcomes", []):
        lines.append(f"  {outcome.get('id')}: {outcome.get('statement')} (baseline from "
                     f"{outcome.get('baseline_source')})")
        lines.append(f"    leading: {measures(outcome.get('leading'))}; lagging: {measures(outcome.get('lagging'))}")
    lines += [f"  Guardrail: {g.get('measure')} {g.get('limit')}" for g in value.get("guardrails", [])]
    lines += [f"  {d.get('id')} {d.get('deliverable')} → {d.get('outcome')}" for d in value.get("deliverables", [])]
    if value.get("checkin_30_days"):
        lines.append(f"  30-day check-in: {value['checkin_30_days']}")
    return "\n".join(lines)


def explained_answer(q: checks.Question) -> str:
    """The last rung: the model answer in a readable form, then why it is right (and a hand-graded item's rubric)."""
    value = model_answer(q)
    fn = _resolved(q.check)
    explain = checks.traps(q.check)
    lines: list[str] = []
    if value is None:
        lines.append("This item has no model answer: it asks about your own work.")
    elif q.kind == "classify" and isinstance(value, dict) and all(isinstance(v, dict) for v in value.values()):
        for stage, key in value.items():  # a key per stage, e.g. per quarter of module 03's stepper
            lines.append(f"The key at {stage}:")
            lines += [f"  {item} → {label}" for item, label in key.items()]
    elif q.kind == "classify" and isinstance(value, dict):
        lines.append("The key:")
        for item in q.options or value:
            reason = f" ({explain[item]})" if item in explain else ""
            lines.append(f"  {item} → {value.get(item)}{reason}")
    elif q.kind == "select":
        chosen = list(value)
        lines.append(f"Tick {'these' if len(chosen) != 1 else 'this one'}:")
        lines += [f"  ☑ {option}" for option in chosen]
        if explain:
            lines.append("Why each option fits or not:")
            lines += [f"  {reason}" if reason.startswith(option) else f"  {option}\n    {reason}"
                      for option, reason in explain.items()]
    elif q.kind == "value":
        lines.append(_number_text(value, fn))
    elif q.kind == "chart":
        lines.append(_chart_text(value, fn))
    elif q.kind == "map" and isinstance(value, dict):
        lines.append(_map_text(value))
    elif q.kind == "plan" and isinstance(value, dict):
        lines.append(_plan_text(value))
    else:
        lines.append(f"A model answer: {value}")
    if q.why:
        lines.append(f"Why: {q.why}")
    if q.rubric:
        lines.append("The rubric a person grades it with:")
        lines += [f"  {criterion}: {text}" for criterion, text in q.rubric.items()]
    return "\n".join(lines)


def rungs(q: checks.Question) -> list[str]:
    """Every rung's text, in order: the question's hints, then the explained answer."""
    return [*q.hints, explained_answer(q)]


# -- the record in the answers store ------------------------------------------------------------------------


def _user_namespace() -> dict:
    """The running notebook's variables (empty outside IPython): its set-up cell defines NOTEBOOK."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the kernel
        return {}
    shell = get_ipython()
    return getattr(shell, "user_ns", {}) or {}


def notebook_for(qid: str, notebook: str | None = None) -> str:
    """The notebook whose answers file keeps ``qid``'s record: the one given, the running notebook's NOTEBOOK, or
    the course module's graded notebook."""
    if notebook:
        return notebook
    named = _user_namespace().get("NOTEBOOK")
    if isinstance(named, str) and named:
        return named
    from workshop_utils.course import module_numbered

    module = module_numbered(qid.split(".", 1)[0][1:])
    found = getattr(module, "NOTEBOOK", None)
    if not found:
        raise WorkshopError(f"Say which notebook {qid!r} belongs to: hint({qid!r}, notebook='01-output-vs-outcome').")
    return found


def _fingerprint(answer: Any) -> str:
    if hasattr(answer, "to_dict") and not isinstance(answer, dict):
        try:
            answer = answer.to_dict()
        except Exception:  # noqa: BLE001 - a chart Altair cannot build is still an attempt
            answer = repr(answer)
    if isinstance(answer, float) and math.isnan(answer):
        answer = "nan"
    try:
        text = json.dumps(answer, sort_keys=True, default=repr, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(answer)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _empty(answer: Any) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    return isinstance(answer, (list, dict, tuple, set)) and not answer


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def count_attempt(store: AnswerStore, qid: str, answer: Any) -> int:
    """Record ``answer`` as an attempt at ``qid`` unless it is empty or the same as the last one; the count."""
    entry = store.entry(qid)
    attempts = int(entry.get("attempts") or 0)
    if _empty(answer):
        return attempts
    mark = _fingerprint(answer)
    if entry.get("last_checked") == mark:
        return attempts
    store.record(qid, attempts=attempts + 1, last_checked=mark)
    return attempts + 1


def count_attempt_quietly(qid: str, answer: Any) -> None:
    """``count_attempt`` for a self-check run in a notebook (one whose set-up cell set NOTEBOOK). Never raises:
    a self-check must work even where nothing can be written, and outside a notebook nothing is recorded."""
    notebook = _user_namespace().get("NOTEBOOK")
    if not isinstance(notebook, str) or not notebook:
        return
    try:
        count_attempt(store_for(notebook), qid, answer)
    except Exception:  # noqa: BLE001 - recording an attempt must never break the check itself
        return


def status(qid: str, notebook: str | None = None, folder=None) -> dict:
    """Where ``qid`` stands on its ladder: attempts, the deepest rung shown, total rungs, answer open or not."""
    q = checks.question(qid)
    entry = store_for(notebook_for(qid, notebook), folder).entry(qid)
    attempts = int(entry.get("attempts") or 0)
    return {"attempts": attempts, "hint_level": int(entry.get("hint_level") or 0), "total": len(q.hints) + 1,
            "answer_open": answer_open(q, attempts), "answer_after": entry.get("answer_after")}


def answer_open(q: checks.Question, attempts: int) -> bool:
    """A practice item's explained answer is always open; a graded item's after ATTEMPTS_FOR_ANSWER attempts."""
    return not q.points or attempts >= ATTEMPTS_FOR_ANSWER


def _locked_text(q: checks.Question, attempts: int) -> str:
    """What the locked last rung of a graded item says: how many attempts remain, and the last hint again."""
    left = ATTEMPTS_FOR_ANSWER - attempts
    text = (f"The explained answer opens after {ATTEMPTS_FOR_ANSWER} attempts at this graded item; you have made "
            f"{attempts}, so {left} more to go. An attempt is a Check (or a self-check cell) on a new answer"
            f"{' (for a written answer: a Hint on a new draft)' if q.check is None else ''}: change your answer "
            "and check it again.")
    if q.hints:
        text += f"\nMeanwhile, the last hint again: {q.hints[-1]}"
    return text


def rung(qid: str, notebook: str | None = None, folder=None, level: int | None = None,
         answer: Any = None) -> Rung:
    """The next rung of ``qid``'s ladder (or rung ``level``), recorded in the notebook's answers file.

    ``answer``: a draft of an item graded by hand, counted as an attempt when it is new. The explained answer of a
    graded item stays locked (a ``Rung`` with ``open=False`` saying how many attempts remain) until
    ``ATTEMPTS_FOR_ANSWER`` attempts; taking it records ``answer_after``.
    """
    q = checks.question(qid)
    store = store_for(notebook_for(qid, notebook), folder)
    if answer is not None and q.check is None:
        count_attempt(store, qid, answer)
    entry = store.entry(qid)
    total = len(q.hints) + 1
    shown = int(entry.get("hint_level") or 0)
    if level is None:
        level = min(shown + 1, total)
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= total:
        raise WorkshopError(f"{qid!r} has hints 1 to {total}; ask for one of those, or leave level out for the next.")
    attempts = int(entry.get("attempts") or 0)
    if level == total and not answer_open(q, attempts):
        return Rung(qid, level, total, _locked_text(q, attempts), open=False, attempts=attempts)
    text = rungs(q)[level - 1] if level < total else explained_answer(q)
    times = dict(entry.get("hint_times") or {})
    fields: dict[str, Any] = {}
    if str(level) not in times:
        times[str(level)] = _now()
        fields["hint_times"] = times
    if level > shown:
        fields["hint_level"] = level
    if level == total and q.points and entry.get("answer_after") is None:
        fields["answer_after"] = attempts
    if fields:
        store.record(qid, **fields)
    if level == total and q.points:  # say so, as the guide promises: nothing is recorded behind the learner's back
        after = entry.get("answer_after", attempts)
        text += (f"\nRecorded: you took the explained answer after {after} attempt{'s' if after != 1 else ''} (kept "
                 "in your answers file, where a facilitator's report shows it; it changes no points).")
    return Rung(qid, level, total, text, attempts=attempts)


def hint(qid: str, answer: Any = None, notebook: str | None = None, folder=None, level: int | None = None) -> Rung:
    """The cell helper: print the next rung of ``qid``'s ladder (see :func:`rung`), and return it."""
    shown = rung(qid, notebook=notebook, folder=folder, level=level, answer=answer)
    print(shown)
    return replace(shown, printed=True)


def summary(entries: list[dict], total: int = 3) -> dict:
    """How far down a ladder a class went, from its answers-file entries of one question: how many took each rung
    (the deepest rung shown counts every rung above it) and after how many attempts each took the answer."""
    levels = [int(e.get("hint_level") or 0) for e in entries if isinstance(e, dict)]
    took = {level: sum(shown >= level for shown in levels) for level in range(1, total + 1)}
    after = [e["answer_after"] for e in entries if isinstance(e, dict) and isinstance(e.get("answer_after"), int)]
    return {"took": took, "answer_after": after, "total": total}


def summary_text(counts: dict) -> str:
    """'hints: 12 took rung 1, 5 rung 2, 2 the answer' ('' when nobody took a hint)."""
    took, total = counts["took"], counts["total"]
    if not any(took.values()):
        return ""
    if total == 1:
        return f"hints: {took[1]} took the answer"
    parts = [f"{took[1]} took rung 1"] + [f"{took[level]} rung {level}" for level in range(2, total)]
    parts.append(f"{took[total]} the answer")
    return "hints: " + ", ".join(parts)


__all__ = ["ATTEMPTS_FOR_ANSWER", "Rung", "answer_open", "count_attempt", "explained_answer", "hint",
           "model_answer", "notebook_for", "rung", "rungs", "status", "summary", "summary_text"]
