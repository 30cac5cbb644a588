"""``workshop report DIR``: the debrief page, one self-contained HTML file that opens anywhere offline.

It answers the facilitator's questions after grading, in the order they are asked: how did the
class do, which items did most people miss, what did they answer instead (read from the answers
participants gave through widgets), whose free text still needs reading, and what to discuss first.
Charts are Altair drawn to SVG by vl-convert: no script, no network.

:func:`collect` gathers what the page shows as plain data; :func:`render` fills the Jinja2 template
``grading/templates/report.html.j2`` (autoescaped) with it; :func:`build` writes ``DIR/report.html``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import nbformat

from workshop_utils import checks
from workshop_utils.answers import ANSWERS_DIR, read_only
from workshop_utils.errors import UnknownQuestionError, WorkshopError
from workshop_utils.grading import pipeline, results

TEMPLATE = "report.html.j2"  # in grading/templates/, shipped with the package


def _page_template():
    """The page template, autoescaping on: names, reasons and answers come from participants."""
    import jinja2

    environment = jinja2.Environment(loader=jinja2.PackageLoader("workshop_utils.grading", "templates"),
                                     autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True)
    environment.filters["points"] = lambda value: f"{value:g}"
    environment.filters["percent"] = lambda value: f"{value:.0%}"
    return environment.get_template(TEMPLATE)


def _module_meta(out: Path, module: str) -> dict:
    for path in sorted((out / "solutions" / module).glob("*.ipynb")):
        return nbformat.read(path, as_version=4).metadata.get("workshop", {})
    return {}


def _question(meta: dict, item: str):
    try:
        return checks.question(f"m{meta.get('module', '')}.{item}")
    except UnknownQuestionError:
        return None


def _svg(chart):
    """The chart as inline SVG markup, described for screen readers (role and aria-label)."""
    from markupsafe import Markup, escape

    from workshop_utils.charts import to_svg

    svg = to_svg(chart)
    description = chart.to_dict().get("description", "")
    return Markup(svg.replace("<svg", f'<svg role="img" aria-label="{escape(description)}"', 1))


def _distribution_chart(scores: list[float], best: float, module: str):
    import altair as alt

    from workshop_utils.charts import PALETTE, finish

    data = alt.Data(values=[{"score": s} for s in scores])
    chart = alt.Chart(data).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("score:Q", bin=alt.Bin(extent=[0, max(best, 1)], step=max(best / 7, 1)), title="automatic score"),
        y=alt.Y("count():Q", title="participants"),
    ).properties(width=520, height=200)
    return finish(chart, f"Score distribution, {module}",
                  f"Histogram of {len(scores)} participants' automatic scores out of {best:g}; "
                  f"median {statistics.median(scores):g}." if scores else "No scores yet.")


def _items_chart(rows: list[dict], module: str):
    import altair as alt

    from workshop_utils.charts import PALETTE, finish

    data = alt.Data(values=[{"item": r["title"], "full": r["full_share"]} for r in rows])
    chart = alt.Chart(data).mark_bar(color=PALETTE[1]).encode(
        y=alt.Y("item:N", sort="x", title=None, axis=alt.Axis(labelLimit=400)),  # whole question titles
        x=alt.X("full:Q", title="share with full marks", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
    ).properties(width=420, height=max(24 * len(rows), 60))
    weakest = rows[0]["title"] if rows else "none"
    return finish(chart, f"Share of the class with full marks, per item, {module}",
                  f"Bar chart of the share of participants with full marks on each item; the weakest is {weakest}.")


def _wrong_answers(out: Path, module: str, meta: dict, students: list[str]) -> list[dict]:
    """For each widget question: the most common wrong answers, from the saved answers files.

    Each entry: title, columns (three headings), rows (three cells each), answered, blank.
    """
    saved = _saved_answers(out, module, students)
    parts = []
    for _, question in _widget_questions(meta):
        examples = _right_answer(meta, question)
        if examples is None:
            continue
        answers = [saved[s][question.qid]["value"] for s in saved if question.qid in saved[s]]
        answers = [a for a in answers if a]  # an emptied widget saves {} or []: no answer
        if not answers:
            continue
        of = f" of {len(answers)}"
        if question.kind == "classify":
            wrong = Counter((statement, label) for a in answers if isinstance(a, dict)
                            for statement, label in a.items() if examples.get(statement) not in (None, label))
            rows = [(statement, f"{label} (key: {examples[statement]})", f"{count}{of}")
                    for (statement, label), count in wrong.most_common(3)]
            columns = ("statement", "sorted as", "participants")
        else:
            key = set(examples)
            extra = Counter(o for a in answers for o in set(a) - key)
            missed = Counter(o for a in answers for o in key - set(a))
            rows = [(option, "chosen, but does not fit", f"{count}{of}") for option, count in extra.most_common(3)]
            rows += [(option, "missed", f"{count}{of}") for option, count in missed.most_common(2)]
            columns = ("option", "mistake", "participants")
        parts.append({"title": question.title, "columns": columns, "rows": rows, "answered": len(answers),
                      "blank": len(students) - len(answers)})
    return parts


def _saved_answers(out: Path, module: str, students: list[str]) -> dict:
    """Each participant's saved widget answers ({student: {qid: {"value": ...}}}), read and nothing else."""
    notebook = module  # graded notebooks are named like their module folder
    saved = {}
    for student in students:
        # The autograded copy holds the submitted answers file as re-read (and completed) at pipeline.
        for stage in ("autograded", "submitted"):
            found = read_only(out / stage / student / module / ANSWERS_DIR / f"{notebook}.json")
            if found is not None:
                saved[student] = found
                break
    return saved


def _hint_ladders(out: Path, module: str, meta: dict, students: list[str]) -> dict[str, str]:
    """Per item: how far down the hint ladder the class went ("hints: 12 took rung 1, 5 rung 2, 2 the answer"), read
    from the hand-ins' answers files (``workshop_utils.hints`` records it); items nobody took a hint on are left out."""
    from workshop_utils import hints
    from workshop_utils.course import module_numbered

    saved = _saved_answers(out, module, students)
    found = {}
    for q in getattr(module_numbered(meta.get("module", "")), "QUESTIONS", ()):
        text = hints.summary_text(hints.summary([saved[s][q.qid] for s in saved if q.qid in saved[s]],
                                                total=len(q.hints) + 1))
        if text:
            found[q.qid.split(".", 1)[1]] = text
    return found


def _peer_reviews(out: Path, module: str, meta: dict, students: list[str]) -> dict | None:
    """The peer reviews the class submitted, each beside the assessor's reading, and the criteria the class
    and the assessor disagree on most (None when the module has no peer review or nobody did one)."""
    from workshop_utils import peer
    from workshop_utils.course import module_numbered

    qids = [q.qid for q in getattr(module_numbered(meta.get("module", "")), "QUESTIONS", ()) if q.kind == "review"]
    saved = _saved_answers(out, module, students)
    reviews, unreadable = [], []
    for student in sorted(saved):
        for qid in qids:
            if qid not in saved[student]:
                continue
            try:
                compared = peer.compare(saved[student][qid].get("value"))
            except (WorkshopError, AttributeError):
                unreadable.append(student)  # a hand-edited answers file: named, never a traceback
                continue
            if compared:
                reviews.append({"reviewer": student, **compared})
    if not reviews and not unreadable:
        return None
    return {"reviews": reviews, "summary": peer.class_summary(reviews), "unreadable": unreadable}


# --- Capstone plans: the class's outcome plans, for a module with a plan question (grading/planreport.py) ---
def _plans(out: Path, module: str, meta: dict, students: list[str]) -> dict | None:
    """What the class's saved plans have in common (None when the module has no plan question); no names."""
    from workshop_utils.course import module_numbered
    from workshop_utils.grading import planreport

    numbered = module_numbered(meta.get("module", ""))
    if not planreport.plan_qids(numbered):
        return None
    return planreport.summary(numbered, _saved_answers(out, module, students), students)
# --- end of Capstone plans ---


def _widget_questions(meta: dict):
    from workshop_utils.course import module_numbered

    module = module_numbered(meta.get("module", ""))
    for q in getattr(module, "QUESTIONS", ()):
        if q.kind in ("classify", "select") and q.points:
            yield q.qid.split(".", 1)[1], q


def _right_answer(meta: dict, question):
    from workshop_utils.course import module_numbered

    module = module_numbered(meta.get("module", ""))
    if module is None or not hasattr(module, "examples"):
        return None
    right = module.examples().get(question.qid)
    return right[0] if right else None


def collect(out: Path) -> dict:
    """Everything the page shows, as plain data (and the charts as SVG markup), for the template."""
    out = Path(out).resolve()
    class_results = results.load_results(out)
    if not class_results:
        raise WorkshopError(f"No graded submissions in {out}. {results.grade_first(out, 'report')}")
    best = results.max_scores(out)
    with_hand = results.with_hand_grades(class_results, out)
    results.write_csv(out, with_hand)  # grades.csv and items.csv pick up the hand grades given since grading
    by_hand = {(r.student, r.module): r for r in with_hand}
    graded_count = sum(r.status == "graded" for r in class_results)
    refused = [bad for bad in results.load_rejected(out) if bad["module"] == "?"]
    flagged = [{"student": r.student, "module": r.module, "status": r.status, "reason": r.reason}
               for r in class_results if r.status != "graded" or r.reason]
    flagged += [{"student": bad["student"], "module": bad["module"], "status": "rejected", "reason": bad["reason"]}
                for bad in refused]
    modules = []
    for module in sorted({r.module for r in class_results}):
        meta = _module_meta(out, module)
        mine = [r for r in class_results if r.module == module]
        graded = [r for r in mine if r.status == "graded"]
        manual_items = {c["item"] for r in graded for c in r.cells if pipeline.hand_graded(c["grade_id"])}
        auto_best = best.get(module, 0) - sum(
            max((c["max_score"] for r in graded for c in r.cells if c["item"] == item), default=0)
            for item in manual_items)
        scores = [r.score for r in graded]
        items: dict[str, list] = {}
        waiting_items: dict[str, int] = {}
        for r in graded:
            # Hand-graded items join the table once a person has graded them (the grades given since grading).
            marked = by_hand[(r.student, r.module)]
            pending = {c["item"] for c in marked.cells if c["needs_manual_grade"]}
            for item in pending:
                waiting_items[item] = waiting_items.get(item, 0) + 1
            for item, (got, most, _) in marked.items().items():
                if item not in pending:
                    items.setdefault(item, []).append(got >= most)
        ladders = _hint_ladders(out, module, meta, [r.student for r in graded])
        rows = []
        for item, fulls in items.items():
            question = _question(meta, item)
            rows.append({"item": item, "title": question.title if question else item,
                         "full_share": sum(fulls) / len(fulls), "missed": len(fulls) - sum(fulls),
                         "waiting": waiting_items.get(item, 0), "hints": ladders.get(item, "")})
        rows.sort(key=lambda r: r["full_share"])
        # An item still waiting for hand grades has a share of the few marked so far (often only the blank
        # answers): the table says so, and the chart and "Discuss first" wait for the rest.
        settled = [r for r in rows if not r["waiting"]]
        prompts = meta.get("item_prompts", {})
        fallback = (meta.get("discussion") or ["Ask two participants to explain their answer."])[0]
        discuss = [{**r, "prompt": prompts.get(r["item"]) or fallback} for r in settled if r["full_share"] < 1][:3]
        modules.append({
            "module": module,
            "title": meta.get("title", module),
            "scores": scores,
            "median": statistics.median(scores) if scores else None,
            "auto_best": auto_best,
            "not_graded": len(mine) - len(graded),
            "distribution": _svg(_distribution_chart(scores, auto_best, module)) if scores else None,
            "item_rows": rows,
            "items_chart": _svg(_items_chart(settled, module)) if settled else None,
            "any_waiting": any(r["waiting"] for r in rows),
            "any_hints": any(r["hints"] for r in rows),
            "discuss": discuss,
            "wrong": _wrong_answers(out, module, meta, [r.student for r in graded]),
            "peer": _peer_reviews(out, module, meta, [r.student for r in graded]),
            # --- Capstone plans (grading/planreport.py): counts and anonymous examples, no names ---
            "plans": _plans(out, module, meta, [r.student for r in graded]),
            "waiting": sorted({r.student for r in graded for c in by_hand[(r.student, r.module)].cells
                               if c["needs_manual_grade"]}),
        })
    return {"participants": len({r.student for r in class_results}), "graded": graded_count,
            "not_graded": len(class_results) - graded_count + len(refused), "flagged": flagged,
            "modules": modules}


def render(context: dict) -> str:
    """The page for ``context`` (see :func:`collect`): one HTML file, no script, no network."""
    return _page_template().render(**context)


def build(out: Path) -> Path:
    out = Path(out).resolve()
    page = render(collect(out))
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
