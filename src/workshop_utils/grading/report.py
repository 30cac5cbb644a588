"""``workshop report DIR``: the debrief page, one self-contained HTML file that opens anywhere offline.

It answers the facilitator's questions after grading, in the order they are asked: how did the
class do, which items did most people miss, what did they answer instead (read from the answers
participants gave through widgets), whose free text still needs reading, and what to discuss first.
Charts are Altair drawn to SVG by vl-convert: no script, no network.
"""

from __future__ import annotations

import html
import statistics
from collections import Counter
from pathlib import Path

import nbformat

from workshop_utils import checks
from workshop_utils.answers import ANSWERS_DIR, read_only
from workshop_utils.errors import UnknownQuestionError, WorkshopError
from workshop_utils.grading import pipeline, results

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.5}
h1,h2,h3{line-height:1.2}table{border-collapse:collapse;margin:1rem 0;width:100%}
th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef2f7}
.flag{color:#a4161a}.muted{color:#444}figure{margin:1rem 0}figcaption{font-size:.9rem;color:#333}
.prompt{border-left:4px solid #0072B2;padding:.25rem .75rem;background:#f4f8fb}
"""


def _esc(text) -> str:
    return html.escape(str(text))


def _module_meta(out: Path, module: str) -> dict:
    for path in sorted((out / "solutions" / module).glob("*.ipynb")):
        return nbformat.read(path, as_version=4).metadata.get("workshop", {})
    return {}


def _question(meta: dict, item: str):
    try:
        return checks.question(f"m{meta.get('module', '')}.{item}")
    except UnknownQuestionError:
        return None


def _svg(chart) -> str:
    from workshop_utils.charts import to_svg

    svg = to_svg(chart)
    description = chart.to_dict().get("description", "")
    return svg.replace("<svg", f'<svg role="img" aria-label="{_esc(description)}"', 1)


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


def _wrong_answers(out: Path, module: str, meta: dict, students: list[str]) -> list[str]:
    """For each widget question: the most common wrong answers, from the saved answers files."""
    notebook = module  # graded notebooks are named like their module folder
    saved = {}
    for student in students:
        # The autograded copy holds the submitted answers file as re-read (and completed) at pipeline.
        for stage in ("autograded", "submitted"):
            found = read_only(out / stage / student / module / ANSWERS_DIR / f"{notebook}.json")
            if found is not None:
                saved[student] = found
                break
    parts = []
    for _, question in _widget_questions(meta):
        examples = _right_answer(meta, question)
        if examples is None:
            continue
        answers = [saved[s][question.qid]["value"] for s in saved if question.qid in saved[s]]
        answers = [a for a in answers if a]  # an emptied widget saves {} or []: no answer
        blank = len(students) - len(answers)
        if not answers:
            continue
        rows = []
        if question.kind == "classify":
            wrong = Counter((statement, label) for a in answers if isinstance(a, dict)
                            for statement, label in a.items() if examples.get(statement) not in (None, label))
            for (statement, label), count in wrong.most_common(3):
                rows.append(f"<tr><td>{_esc(statement)}</td><td>{_esc(label)} (key: {_esc(examples[statement])})</td>"
                            f"<td>{count} of {len(answers)}</td></tr>")
            header = "<tr><th>statement</th><th>sorted as</th><th>participants</th></tr>"
        else:
            key = set(examples)
            extra = Counter(o for a in answers for o in set(a) - key)
            missed = Counter(o for a in answers for o in key - set(a))
            for option, count in extra.most_common(3):
                rows.append(f"<tr><td>{_esc(option)}</td><td>chosen, but does not fit</td>"
                            f"<td>{count} of {len(answers)}</td></tr>")
            for option, count in missed.most_common(2):
                rows.append(f"<tr><td>{_esc(option)}</td><td>missed</td><td>{count} of {len(answers)}</td></tr>")
            header = "<tr><th>option</th><th>mistake</th><th>participants</th></tr>"
        none = f" {blank} gave no answer." if blank else ""
        if rows:
            parts.append(f"<h4>{_esc(question.title)}</h4><table>{header}{''.join(rows)}</table>"
                         + (f"<p class='muted'>{none.strip()}</p>" if none else ""))
        else:
            parts.append(f"<h4>{_esc(question.title)}</h4><p class='muted'>No wrong answers among the "
                         f"{len(answers)} who answered.{none}</p>")
    return parts


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


def build(out: Path) -> Path:
    out = Path(out).resolve()
    class_results = results.load_results(out)
    if not class_results:
        raise WorkshopError(f"No graded submissions in {out}. Run `workshop grade SUBMISSIONS --out {out}` first.")
    best = results.max_scores(out)
    with_hand = results.with_hand_grades(class_results, out)
    results.write_csv(out, with_hand)  # grades.csv and items.csv pick up the hand grades given since grading
    by_hand = {(r.student, r.module): r for r in with_hand}
    graded_count = sum(r.status == "graded" for r in class_results)
    refused = [bad for bad in results.load_rejected(out) if bad["module"] == "?"]
    not_graded = len(class_results) - graded_count + len(refused)
    body = [f"<h1>Class debrief</h1><p class='muted'>{len({r.student for r in class_results})} participants; "
            f"{graded_count} submissions graded by <code>workshop grade</code>"
            f"{f', {not_graded} could not be (see below)' if not_graded else ''}. The charts show automatic "
            "points; <code>grades.csv</code> adds the hand grades given so far.</p>"]
    flagged = [(r.student, r.module, r.status, r.reason) for r in class_results if r.status != "graded" or r.reason]
    flagged += [(bad["student"], bad["module"], "rejected", bad["reason"]) for bad in refused]
    if flagged:
        rows = "".join(f"<tr><td>{_esc(student)}</td><td>{_esc(module)}</td><td class='flag'>{_esc(status)}"
                       f"</td><td>{_esc(reason)}</td></tr>" for student, module, status, reason in flagged)
        body.append("<h2>Submissions to look at</h2><table><tr><th>participant</th><th>module</th><th>status</th>"
                    f"<th>why</th></tr>{rows}</table>")
    for module in sorted({r.module for r in class_results}):
        meta = _module_meta(out, module)
        mine = [r for r in class_results if r.module == module]
        graded = [r for r in mine if r.status == "graded"]
        manual_items = {c["item"] for r in graded for c in r.cells if pipeline.hand_graded(c["grade_id"])}
        auto_best = best.get(module, 0) - sum(
            max((c["max_score"] for r in graded for c in r.cells if c["item"] == item), default=0)
            for item in manual_items)
        body.append(f"<h2>{_esc(meta.get('title', module))}</h2>")
        scores = [r.score for r in graded]
        if scores:
            body.append(f"<figure>{_svg(_distribution_chart(scores, auto_best, module))}<figcaption>Median "
                        f"{statistics.median(scores):g} of {auto_best:g} automatic points; "
                        f"{len(mine) - len(graded)} submission(s) could not be graded.</figcaption></figure>")
        items: dict[str, list] = {}
        for r in graded:
            for item, (got, most, manual) in r.items().items():
                if not manual and item not in manual_items:
                    items.setdefault(item, []).append(got >= most)
        rows = []
        for item, fulls in items.items():
            question = _question(meta, item)
            rows.append({"item": item, "title": question.title if question else item,
                         "full_share": sum(fulls) / len(fulls), "missed": len(fulls) - sum(fulls)})
        rows.sort(key=lambda r: r["full_share"])
        if rows:
            body.append(f"<figure>{_svg(_items_chart(rows, module))}</figure>")
            table = "".join(f"<tr><td>{_esc(r['title'])}</td><td>{r['full_share']:.0%}</td><td>{r['missed']}</td></tr>"
                            for r in rows)
            body.append("<h3>Items, most missed first</h3><table><tr><th>item</th><th>full marks</th>"
                        f"<th>participants who missed it</th></tr>{table}</table>")
            prompts = meta.get("item_prompts", {})
            weakest = [r for r in rows if r["full_share"] < 1][:3]
            if weakest:
                body.append("<h3>Discuss first</h3>")
                for r in weakest:
                    prompt = prompts.get(r["item"]) or (meta.get("discussion") or ["Ask two participants to "
                                                                                    "explain their answer."])[0]
                    body.append(f"<p class='prompt'><strong>{_esc(r['title'])}</strong> "
                                f"({r['full_share']:.0%} full marks): {_esc(prompt)}</p>")
        wrong = _wrong_answers(out, module, meta, [r.student for r in graded])
        if wrong:
            body.append("<h3>Most common wrong answers in the widget questions</h3>" + "".join(wrong))
        waiting = sorted({r.student for r in graded for c in by_hand[(r.student, r.module)].cells
                          if c["needs_manual_grade"]})
        if waiting:
            body.append(f"<h3>Free text awaiting hand grading ({len(waiting)})</h3><p>{_esc(', '.join(waiting))}</p>"
                        "<p class='muted'>Grade them in the formgrader: run <code>jupyter lab</code> in this folder "
                        "and open Nbgrader &gt; Formgrader. The rubric is in the facilitator guide. Then run "
                        "<code>workshop report</code> again: grades.csv and this page take the hand grades in.</p>")
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class debrief</title>"
            f"<style>{CSS}</style></head><body><main>{''.join(body)}</main></body></html>")
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
