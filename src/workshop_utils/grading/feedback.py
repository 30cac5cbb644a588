"""``workshop feedback DIR``: feedback pages that show scores, answers and messages, never the key.

nbgrader's own feedback shows the autograded notebook, in which hidden tests are restored, so
their source (and, in tracebacks, the failing line) would reach the participant. Here each
autograded notebook is first sanitised: every test cell gets back its *released* source (the
hidden part removed) and every error output is reduced to its one-line message. nbgrader then
renders the sanitised copy with the class gradebook's scores, through the workshop's template
(``grading/templates/feedback``, extending nbgrader's): pages that open offline, with each
chart's description as its alt text.
Where hidden tests live: ``DIR/solutions``, ``DIR/autograded`` and ``DIR/gradebook.db``, the
facilitator's own. The sanitised copies are made in a private temporary folder (0700) that is
removed however the command ends (Ctrl-C, SIGTERM; one left by SIGKILL goes at the next run), so
nothing unsanitised is ever written into ``DIR/feedback``, where the participants' pages live.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import textwrap
from pathlib import Path

import nbformat

from workshop_utils.answers import ANSWERS_DIR, damage, read_only
from workshop_utils.errors import WorkshopError
from workshop_utils.grading import pipeline, results, review

SANITISED = ".feedback-src"


def _is_test(cell) -> bool:
    info = cell.metadata.get("nbgrader", {})
    return bool(info.get("grade")) and not info.get("solution")


def widget_answer_text(value) -> str:
    """A saved widget answer as plain text: a feedback page cannot draw the widget itself."""
    if isinstance(value, dict):
        return "\n".join(f"  {statement}: {label}" for statement, label in value.items()) or "  (nothing sorted)"
    if isinstance(value, list):
        return "\n".join(f"  {choice}" for choice in value) or "  (nothing chosen)"  # a choice may hold commas
    return f"  {value}"


def _entry_of(saved: dict, item: str):
    """The answers-file entry of a notebook's item (its grade id's stem), whatever the module prefix."""
    qid = next((q for q in saved if q.split(".", 1)[-1] == item), None)
    return saved.get(qid) if qid else None


def _plan_text(value) -> str | None:
    """A capstone plan (the plan builder's answer) in one sentence, or None when ``value`` is not a plan: written
    out key by key it would be a wall of Python reprs, and the notebook's summary cell shows it whole."""
    from workshop_utils import plan

    if not isinstance(value, dict) or not {"outcomes", "deliverables"} <= set(value):
        return None
    try:
        full = plan.normalise(value)
    except WorkshopError:
        return None
    def count(n: int, what: str) -> str:
        return f"{n} {what}{'s' * (n != 1)}"
    kept, dropped, unplaced = (len(full["deliverables"]) - len(plan.dropped(full)) - len(plan.untraced(full)),
                               len(plan.dropped(full)), len(plan.untraced(full)))
    title = f" \u201c{full['title']}\u201d" if str(full["title"]).strip() else ""
    return (f"Your plan{title}, as saved from the plan builder:\n  {count(len(full['outcomes']), 'outcome')}, "
            f"{count(len(full['guardrails']), 'guardrail')}, {count(len(full['partners']), 'partner')}, "
            f"{count(len(full['deliverables']), 'deliverable')} ({kept} under an outcome, {dropped} dropped, "
            f"{unplaced} not placed).\nThe whole plan is shown below, as the grader read it.")


def _show_widget_answers(notebook, saved: dict, damaged: str | None = None) -> None:
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.cell_type != "code" or not grade_id.endswith("-widget"):
            continue
        entry = _entry_of(saved, grade_id[: -len("-widget")])
        value = entry.get("value") if isinstance(entry, dict) else None
        if damaged:
            text = (f"Your saved answers file ({ANSWERS_DIR}/) could not be read ({damaged}), so the answers you gave "
                    "with the widgets could not be graded. Your facilitator has been told: hand in your module "
                    "folder again if they ask for it.")
            text = textwrap.fill(text, width=100)  # a feedback page shows it as preformatted text: no wrapping
        elif value is None:
            text = "No answer was saved from this widget."
        else:
            text = _plan_text(value) or "Your answer, as saved from the widget:\n" + widget_answer_text(value)
        note = ladder_note(entry)
        text += f"\n{note}" if note else ""
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text + "\n")]


def ladder_note(entry) -> str:
    """'You took the explained answer after 3 attempts.' when the hint ladder's record says so ('' otherwise)."""
    after = entry.get("answer_after") if isinstance(entry, dict) else None
    if not isinstance(after, int) or isinstance(after, bool):
        return ""
    return f"You took the explained answer after {after} attempt{'s' if after != 1 else ''}."


def question_titles(module: str) -> dict[str, str]:
    """item -> question title, for the course module of a module folder ("01-output-vs-outcome")."""
    from workshop_utils.course import module_numbered

    return {q.qid.split(".", 1)[1]: q.title for q in getattr(module_numbered(module), "QUESTIONS", ())}


def sanitise(notebook, release, saved: dict | None = None, titles: dict | None = None,
             damaged: str | None = None) -> None:
    """Make ``notebook`` (autograded) safe to show: released test sources, one-line errors, the
    widget answers written out (``saved``: the notebook's answers file; ``damaged``: why that file could not
    be read, if so), and each test cell named after its question (``titles``), since the feedback page lists
    them all as "Test cell"."""
    _show_widget_answers(notebook, saved or {}, damaged)
    widget_items = {c.metadata.get("nbgrader", {}).get("grade_id", "")[: -len("-widget")] for c in notebook.cells
                    if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-widget")}
    titles = titles or {}
    released = {c.metadata["nbgrader"]["grade_id"]: c.source for c in release.cells
                if "grade_id" in c.metadata.get("nbgrader", {})}
    # The assessor's suggestion is for the grader, not the participant.
    notebook.cells = [c for c in notebook.cells if review.SUGGESTION_TAG not in c.metadata.get("tags", [])]
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if _is_test(cell):
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            cell.source = released.get(grade_id, "# (test hidden)")
            title = titles.get(pipeline.item_of(grade_id))
            if title:
                kind = "self-check" if grade_id.endswith("-self") else "graded check"
                cell.source = f"# {title}: {kind}\n{cell.source}"
            item = pipeline.item_of(grade_id)
            note = ladder_note(_entry_of(saved or {}, item)) if grade_id.endswith("-self") else ""
            if note and item not in widget_items:  # a widget's item says it under the saved answer
                cell.source = f"# {note}\n{cell.source}"
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]


TEMPLATES = Path(__file__).with_name("templates")  # shipped with the package
# nbgrader's API always renders feedback with the template named "feedback", so the workshop's template
# directory has that name too: listed before nbgrader's own, it overlays it (see render_config).
TEMPLATE_FILE = "workshop-feedback.html.j2"
SVG_TAG = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
ARIA_LABEL = re.compile(r"""\saria-label\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def chart_description(svg: str) -> str:
    """A chart's own description, which the course's SVG charts carry in the root element's aria-label
    (the feedback template makes it the image's alt text); "" when there is none."""
    tag = SVG_TAG.search(svg or "")
    label = ARIA_LABEL.search(tag.group(0)) if tag else None
    return html.unescape(next(g for g in label.groups() if g is not None)).strip() if label else ""


def render_config() -> dict:
    """nbconvert settings for the feedback pages: ``grading/templates/feedback`` overlays nbgrader's
    "feedback" template directory (ours first on the search path, nbgrader's still on it), and its
    ``workshop-feedback.html.j2`` extends nbgrader's page. The pages open offline and their charts have
    alt text. For ``pipeline.api(out, **render_config())``."""
    import nbgrader

    nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
    return {"HTMLExporter": {
        "extra_template_basedirs": [str(TEMPLATES), str(nbgrader_templates)],
        "template_name": "feedback",
        "template_file": TEMPLATE_FILE,
        "filters": {"chart_description": f"{__name__}.chart_description"},
    }}


def awaiting_hand_grades(out: Path, students: list[str] | None = None) -> list[str]:
    """Participants whose free text still waits for a hand grade (their pages would show 0 for it)."""
    chosen = results.with_hand_grades(results.load_results(Path(out).resolve()), Path(out).resolve())
    return sorted({r.student for r in chosen if r.status == "graded" and (not students or r.student in students)
                   and any(c["needs_manual_grade"] for c in r.cells)})


def _answers_damage(source: Path, stem: str) -> str | None:
    """Why the answers file of an autograded submission (``out/autograded/<student>/<module>``) could not be read,
    or None. At autograde the notebook's answer store moves a damaged file aside (``<stem>.corrupt-<time>.json``),
    so the copy as handed in (``out/submitted/<student>/<module>``) is read too."""
    handed_in = source.parents[2] / "submitted" / source.parent.name / source.name
    for folder in (source, handed_in):
        answers = folder / ANSWERS_DIR / f"{stem}.json"
        if answers.is_file() and not answers.is_symlink():
            problem = damage(answers)
            if problem:
                return problem
    return None  # (a *.corrupt-* file beside a readable one is an old one the participant's notebook moved aside)


def _sanitised_copy(source: Path, target: Path, release: Path, titles: dict) -> None:
    """Copy one autograded submission folder for nbgrader to render: each notebook sanitised, the
    other files (answers, data a participant added) as they are. Only regular files are copied (a
    symbolic link in a submission could point at anything the facilitator can read), and the copies
    are new files of the facilitator's own, whatever the modes of the originals (nbgrader makes
    autograded notebooks read-only)."""
    if not source.is_dir():
        raise WorkshopError(f"{source} is missing: grade the class again (`workshop grade ... --out "
                            f"{source.parents[2]}`) before writing feedback.")
    for folder, dirs, files in os.walk(source):
        here = Path(folder)
        dirs[:] = [d for d in dirs if d != ".ipynb_checkpoints" and not (here / d).is_symlink()]
        relative = here.relative_to(source)
        for name in files:
            path = here / name
            if path.is_symlink() or not path.is_file():
                continue
            if name.endswith(".ipynb") and relative != Path("."):
                continue  # only the module's own notebooks are graded or shown
            dest = target / relative / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".ipynb"):
                release_path = release / name
                released = (nbformat.read(release_path, as_version=4) if release_path.exists()
                            else nbformat.v4.new_notebook())
                notebook = nbformat.read(path, as_version=4)
                answers = source / ANSWERS_DIR / f"{path.stem}.json"
                saved = (read_only(answers) if not answers.is_symlink() else None) or {}
                damaged = _answers_damage(source, path.stem)
                sanitise(notebook, released, saved, titles, damaged)
                nbformat.write(notebook, dest)
            else:
                shutil.copyfile(path, dest)


def generate(out: Path, students: list[str] | None = None) -> list[Path]:
    """Write ``out/feedback/<student>/<module>/<notebook>.html`` for every graded submission."""
    out = Path(out).resolve()
    if not (out / "gradebook.db").exists():
        raise WorkshopError(f"{out} holds no graded class. {results.grade_first(out, 'feedback')}")
    everyone = results.load_results(out)
    graded = [r for r in everyone if r.status == "graded"]
    unknown = sorted(set(students or []) - {r.student for r in graded})
    if unknown:
        names = ", ".join(sorted({r.student for r in graded})) or "none"
        why = next((f" Their submission was {r.status}: {r.reason}." for r in everyone if r.student == unknown[0]), "")
        raise WorkshopError(f"No graded submission from {unknown[0]!r} in {out}.{why} Graded participants: {names}.")
    chosen = [r for r in graded if not students or r.student in students]
    shutil.rmtree(out / SANITISED, ignore_errors=True)  # left by a version that sanitised inside DIR
    written = []
    # The sanitised copies are made from notebooks that hold hidden tests: they are made in a private
    # temporary folder, removed however the command ends (pipeline.private_temp), never in DIR/feedback.
    with pipeline.private_temp("feedback") as shadow:
        for r in chosen:
            try:
                _sanitised_copy(out / "autograded" / r.student / r.module, shadow / r.student / r.module,
                                out / "exercises" / r.module, question_titles(r.module))
            except OSError as exc:
                raise WorkshopError(f"Cannot read {exc.filename or out / 'autograded' / r.student} "
                                    f"({exc.strerror}): write feedback as the account that graded the class, "
                                    f"or give that account the folder {out}.") from exc
        with pipeline.api(out, CourseDirectory={"autograded_directory": str(shadow)}, **render_config()) as grader:
            for r in chosen:
                pipeline.checked(grader.generate_feedback(r.module, r.student, force=True),
                                 f"write the feedback for {r.student} ({r.module})")
                written.extend(sorted((out / "feedback" / r.student / r.module).glob("*.html")))
    return written
