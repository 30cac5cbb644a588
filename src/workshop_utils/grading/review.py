"""What a facilitator should see in a graded submission: edited tests, signs of trouble, and the
assessor's suggestion below each hand-graded outcome statement (for the grader, never a grade).

Permissions of the facilitator's copies in ``<out>/autograded``: they keep nbgrader's own, as
``nbgrader autograde`` leaves them: notebooks read-only (0444: the record of what was graded, not to be
edited by accident) in folders the facilitator owns and can write. So the suggestion is never written
*into* a notebook: a new file replaces it (same folder, same read-only mode), which an ordinary account
may do in its own folder. (Root ignores 0444, which is how writing into the file once passed unnoticed.)
Those folders hold hidden tests, as ``<out>/solutions`` and the gradebook do: all of ``<out>`` is the
facilitator's own, never to be shared with participants (``workshop feedback`` writes what they may see).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from workshop_utils.answers import ANSWERS_DIR
from workshop_utils.errors import WorkshopError


def edited_cells(submission: Path, release: Path) -> list[str]:
    """Compare a submission's graded cells with the released ones: edited or deleted tests.

    (nbgrader's own log cannot tell: it reports every hidden-test cell as changed, because the
    released copy never had the hidden part.)
    """
    import nbformat

    notes = []
    for released_path in sorted(release.glob("*.ipynb")):
        path = submission / released_path.name
        if not path.exists():
            continue
        released_cells = nbformat.read(released_path, as_version=4).cells
        released = {c.metadata["nbgrader"]["grade_id"]: c for c in released_cells
                    if c.metadata.get("nbgrader", {}).get("grade")}
        answer_cells = {c.metadata["nbgrader"]["grade_id"]: c for c in released_cells
                        if c.metadata.get("nbgrader", {}).get("solution")}
        submitted = {c.metadata.get("nbgrader", {}).get("grade_id"): c
                     for c in nbformat.read(path, as_version=4).cells}
        tests = [g for g, c in released.items() if not c.metadata["nbgrader"].get("solution")]
        if any(g in submitted and submitted[g].source != released[g].source for g in tests):
            notes.append("test cells had been edited and were restored before grading")
        if any(g not in submitted for g in released):
            notes.append("graded cells had been deleted and were restored")
        if any(SOLUTION_MARKER in c.source for c in submitted.values()):
            notes.append("the notebook still has the course's solution markers: it looks like the solution "
                         "notebook, not the participant's own work")
        elif _nothing_answered(answer_cells, submitted, submission / ANSWERS_DIR / f"{path.stem}.json"):
            notes.append("nothing was answered: the notebook is the blank release (check that the participant "
                         "handed in the copy they worked in)")
    return notes


SOLUTION_MARKER = "### BEGIN SOLUTION"
# A widget's call in a released notebook: widgets.choose("m01.verdict", NOTEBOOK, ...) in the cell
# "<item>-widget" saves its answer to answers/<notebook>.json, which autograde reads back; the cell
# "<item>-answer" below it is where an answer may be set in code instead.
WIDGET_CALL = re.compile(r"\(\s*[\"'][\w.-]+[\"']\s*,\s*NOTEBOOK\b")


def _grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


WIDGET_NAME = re.compile(r"^\s*(\w+)\s*=", re.MULTILINE)


def _answer_cells(released: dict, item: str, name: str | None) -> list[str]:
    """The answer cells where a widget's answer may be set in code instead: ``<item>-answer``, or (for a widget
    that feeds items of other names, like module 06's plan) any answer cell that sets ``<name>.answer``."""
    uses = re.compile(rf"\b{re.escape(name)}\.answer\b") if name else None
    return [gid for gid, cell in released.items() if (gid or "").endswith("-answer")
            and (gid == f"{item}-answer" or (uses is not None and uses.search(cell.source)))]


def _fed_items(released: dict, item: str, name: str | None) -> list[str]:
    """The graded items a widget's answer feeds: its own, and every item whose test cells read the widget
    (module 06's plan widget ``q4`` feeds plan_outcomes, plan_measures and plan_traced)."""
    graded = {gid: cell for gid, cell in released.items()
              if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata["nbgrader"].get("solution")}
    items = [item] if any((gid or "").rsplit("-", 1)[0] == item for gid in graded) else []
    reads = re.compile(rf"\b{re.escape(name)}\.") if name else None
    for gid, cell in graded.items():
        fed = (gid or "").rsplit("-", 1)[0]
        if reads is not None and reads.search(cell.source) and fed not in items:
            items.append(fed)
    return items or [item]


def _items_from_answers_file(released_cells: list, submitted_cells: list) -> list[str]:
    """The graded widget items whose answer can only come from the answers file: the participant did
    not set it in code (the widget's answer cell is as released, or gone)."""
    released = {_grade_id(c): c for c in released_cells}
    submitted = {_grade_id(c): c for c in submitted_cells}
    items = []
    for grade_id, cell in released.items():
        if not (grade_id or "").endswith("-widget") or not WIDGET_CALL.search(cell.source):
            continue
        item = grade_id[:-len("-widget")]
        named = WIDGET_NAME.search(cell.source)
        name = named.group(1) if named else None
        answers = _answer_cells(released, item, name)
        if answers and all(gid not in submitted or submitted[gid].source == released[gid].source for gid in answers):
            items.extend(i for i in _fed_items(released, item, name) if i not in items)
    return items


def answers_notes(submission: Path, release: Path) -> list[str]:
    """Why widget items of a submission score 0 with no fault in the answers themselves: the answers
    file was not handed in, or it is damaged. (Graded all the same; the note flags the row.)"""
    import nbformat

    from workshop_utils.answers import damage

    notes = []
    for released_path in sorted(release.glob("*.ipynb")):
        path = submission / released_path.name
        if not path.exists():
            continue
        try:
            submitted_cells = nbformat.read(path, as_version=4).cells
        except Exception:  # nbformat raises several kinds for a broken file: reported as invalid elsewhere
            continue
        items = _items_from_answers_file(nbformat.read(released_path, as_version=4).cells, submitted_cells)
        if not items:
            continue
        name = f"{ANSWERS_DIR}/{released_path.stem}.json"
        answers = submission / name
        which = ", ".join(items)
        if not answers.is_file():
            notes.append(f"no answers file: the widget answers were not handed in ({name} missing), so the widget "
                         f"questions ({which}) score 0; ask the participant for the whole module folder (the "
                         "notebook and its answers folder) and grade it again")
            continue
        problem = damage(answers)
        if problem:
            notes.append(f"answers file damaged: {name} cannot be read ({problem[:200]}), so the widget questions "
                         f"({which}) score 0; ask the participant to hand in the module folder again and grade it "
                         "again")
    return notes


_DRAFT_CALL = re.compile(r"\(\s*[\"']([\w.-]+)[\"']\s*,\s*NOTEBOOK\b")


def _uncopied_drafts(folder: Path, released_path: Path) -> dict[str, tuple[str, str]]:
    """Hand-graded free-text cells of ``folder``'s notebook left as released while their draft box ("<item>-draft",
    a widget that saves to the answers file) holds a draft: ``{item: (the draft's question id, the draft)}``."""
    import nbformat

    from workshop_utils.answers import read_only

    try:
        released = nbformat.read(released_path, as_version=4).cells
        submitted = {_grade_id(c): c for c in nbformat.read(folder / released_path.name, as_version=4).cells}
    except Exception:  # missing or broken: reported elsewhere
        return {}
    saved = read_only(folder / ANSWERS_DIR / f"{released_path.stem}.json") or {}
    drafts = {}
    for cell in released:
        grade_id = _grade_id(cell) or ""
        call = _DRAFT_CALL.search(cell.source) if grade_id.endswith("-draft") else None
        if call:
            drafts[grade_id[: -len("-draft")]] = call[1]
    found = {}
    for cell in released:
        item = _grade_id(cell)
        info = cell.metadata.get("nbgrader", {})
        if item not in drafts or not (info.get("grade") and info.get("solution")):
            continue
        entry = saved.get(drafts[item])
        draft = entry.get("value") if isinstance(entry, dict) else None
        mine = submitted.get(item)
        if isinstance(draft, str) and draft.strip() and (mine is None or mine.source == cell.source):
            found[item] = (drafts[item], draft)
    return found


def draft_notes(submission: Path, release: Path) -> list[str]:
    """A hand-graded free-text cell left as released while its draft box holds a draft: the participant most
    likely forgot to copy the draft into the graded cell, which scores 0 with nothing to grade unless the
    facilitator reads the draft (shown to them below the cell, see :func:`add_suggestions`)."""
    notes = []
    for released_path in sorted(release.glob("*.ipynb")):
        for item, (qid, _) in _uncopied_drafts(submission, released_path).items():
            notes.append(f"{item} left blank but its draft box holds a draft ({qid} in "
                         f"{ANSWERS_DIR}/{released_path.stem}.json): the participant may have forgotten to copy it "
                         "into the graded cell; read the draft (shown below the cell in the formgrader) before you "
                         "grade")
    return notes


def _stray_text(submission: Path, released_path: Path) -> tuple[list[str], list[str]]:
    """(hand-graded free-text cells left as released, where the participant wrote text outside the graded cells:
    in a cell they added or in a released text cell they edited), for one notebook."""
    import nbformat

    try:
        released = nbformat.read(released_path, as_version=4).cells
        submitted = nbformat.read(submission / released_path.name, as_version=4).cells
    except Exception:  # missing or broken: reported elsewhere
        return [], []
    by_id = {c.get("id"): c for c in released}
    texts = {c.source.strip() for c in released}
    free = {_grade_id(c): c.source for c in released if c.cell_type == "markdown"
            and c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"].get("solution")}
    blank = [g for g, source in free.items()
             if not any(_grade_id(c) == g and c.source.strip() and c.source != source for c in submitted)]
    places, heading = [], ""
    for cell in submitted if blank else []:
        first = cell.source.strip().splitlines()[0].lstrip("# ").strip() if cell.source.strip() else ""
        if first.startswith("Question"):
            heading = first
        if _grade_id(cell) or cell.cell_type == "code" or not cell.source.strip() or cell.source.strip() in texts:
            continue
        kind = "in a released cell they edited" if cell.get("id") in by_id else "in a cell they added"
        places.append(f"{kind}{f', under “{heading}”' if heading else ''}")
    return blank, list(dict.fromkeys(places))


def stray_text_notes(submission: Path, release: Path) -> list[str]:
    """Hand-graded free-text cells left as released while the participant wrote text in a cell they added or in a
    released text cell they edited: their answer most likely went to the wrong cell. nbgrader scores the blank
    graded cell 0 and asks for no hand grade, so without this row nobody would read what they wrote."""
    notes = []
    for released_path in sorted(release.glob("*.ipynb")):
        blank, places = _stray_text(submission, released_path)
        if places:
            notes.append(f"{', '.join(blank)} left blank, but the participant wrote text outside the graded cells "
                         f"({'; '.join(places)}): their answer may be there. Read it in the formgrader and grade it "
                         "by hand as your course's rules say, or ask them to move it into the graded cell and hand "
                         "in again")
    return notes


def answers_to_read(submission: Path, release: Path) -> set[tuple[str, str]]:
    """(notebook, grade id) of blank hand-graded cells whose answer may be elsewhere (the draft box, or text written
    outside the graded cells): they wait for a hand grade, so no provisional 0 reaches the LMS."""
    found = set()
    for released_path in sorted(release.glob("*.ipynb")):
        blank, places = _stray_text(submission, released_path)
        found |= {(released_path.stem, item) for item in (blank if places else [])}
        found |= {(released_path.stem, item) for item in _uncopied_drafts(submission, released_path)}
    return found


def draft_markdown(draft: str, coach: str) -> str:
    """For the grader, below a free-text cell left blank: the draft the participant wrote in the draft box."""
    quoted = "\n>\n".join("> " + line for line in draft.splitlines() if line.strip())  # a paragraph per line
    return ("> **Left blank, but the draft box holds this draft (not graded by itself).** The participant may have "
            "forgotten to copy it into the cell above: decide with your course's rule whether to grade it.\n>\n"
            + quoted + "\n\n" + suggestion_markdown(draft, coach))


def _nothing_answered(answer_cells: dict, submitted: dict, answers_file: Path) -> bool:
    """Every answer cell (grade id -> released cell) as released, and no widget answer saved."""
    from workshop_utils.answers import read_only

    unchanged = all(g in submitted and submitted[g].source == cell.source for g, cell in answer_cells.items())
    saved = (read_only(answers_file) or {}) if answers_file.exists() else {}
    # An entry with only a hint ladder's record (value null: hints taken, nothing answered) is no answer.
    return unchanged and not any(not isinstance(e, dict) or e.get("value") is not None for e in saved.values())


SUGGESTION_TAG = "assessor-suggestion"


def suggestion_markdown(text: str, coach: str = "outcome") -> str:
    """The assessor's verdict on a hand-graded outcome statement (or, with ``coach="mission"``, the mission
    coach's reading of a mission and beachhead), worded as a suggestion only."""
    if coach == "mission":
        return _mission_suggestion(text)
    from workshop_utils import outcomes

    verdict = outcomes.assess(text)
    met = [c for c in outcomes.CRITERIA if verdict.criteria[c]]
    missing = [c for c in outcomes.CRITERIA if not verdict.criteria[c]]
    lines = [
        "> **Assessor's suggestion for the grader (not a grade).** "
        f"Reads as **{verdict.kind}**{', well-formed' if verdict.well_formed else ''}.",
        f"> Criteria it found: {', '.join(met) or 'none'}. Not found: {', '.join(missing) or 'none'}.",
    ]
    why = getattr(verdict, "why", "")
    if why and not any(why in hint for hint in verdict.hints):
        lines.append(f"> Why: {why}")
    if verdict.hints:  # ordered, most important first; the participant saw only the first
        lines.append("> Hints it would give, most important first: " + " ".join(verdict.hints))
    lines.append("> The grade is yours: apply the rubric; the assessor is rule-based and can be wrong.")
    return "\n".join(lines)


def _mission_suggestion(text: str) -> str:
    from workshop_utils import missions

    reading = missions.assess(text)
    found = [part for part in missions.PARTS if reading.parts[part]]
    # A part written but not as the rubric asks is "not yet", not "not found": the grader can see the line.
    weak = [part for part in missions.PARTS if not reading.parts[part] and reading.evidence.get(part)]
    missing = [part for part in missions.PARTS if not reading.parts[part] and not reading.evidence.get(part)]
    lines = ["> **Mission coach's suggestion for the grader (not a grade).** "
             f"Parts it found as the rubric asks: {', '.join(found) or 'none'}. "
             f"Written, not yet as the rubric asks: {', '.join(weak) or 'none'}. "
             f"Not found: {', '.join(missing) or 'none'}."]
    if reading.hints:
        lines.append("> Hints it would give, most important first: " + " ".join(reading.hints))
    lines.append("> The grade is yours: apply the rubric; the coach only looks for the four parts and can be wrong.")
    return "\n".join(lines)


def add_suggestions(autograded: Path, release: Path) -> int:
    """Below each changed hand-graded outcome statement, add the assessor's suggestion for the grader."""
    import hashlib

    import nbformat

    from workshop_utils import checks

    added = 0
    for path in sorted(autograded.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        module = nb.metadata.get("workshop", {}).get("module")
        released_path = release / path.name
        released = {}
        drafts = _uncopied_drafts(path.parent, released_path) if released_path.exists() else {}
        if released_path.exists():
            released_cells = nbformat.read(released_path, as_version=4).cells
            released = {c.metadata["nbgrader"]["grade_id"]: c.source for c in released_cells
                        if "grade_id" in c.metadata.get("nbgrader", {})}
        cells = []
        changed = False
        for cell in nb.cells:
            if SUGGESTION_TAG in cell.metadata.get("tags", []):
                changed = True
                continue  # regrading: replace, never stack, suggestions
            cells.append(cell)
            info = cell.metadata.get("nbgrader", {})
            if not (cell.cell_type == "markdown" and info.get("grade") and info.get("solution") and module):
                continue
            try:
                question = checks.question(f"m{module}.{info['grade_id']}")
            except WorkshopError:
                continue
            coach = "mission" if question.suggest == "mission" else "outcome"
            blank = drafts.get(info["grade_id"])
            if question.suggest and (blank or cell.source.strip() and cell.source != released.get(info["grade_id"])):
                text = draft_markdown(blank[1], coach) if blank else suggestion_markdown(cell.source, coach)
                note = nbformat.v4.new_markdown_cell(text)
                note.metadata["tags"] = [SUGGESTION_TAG]
                # Named after the cell it annotates, not at random: grading the same work gives the same notebook,
                # on one machine or on several (workshop grade --shard).
                note.id = "suggestion-" + hashlib.sha256(info["grade_id"].encode()).hexdigest()[:12]
                cells.append(note)
                added += 1
                changed = True
        if changed:
            nb.cells = cells
            replace_notebook(path, nb)
    return added


def replace_notebook(path: Path, nb) -> None:
    """Write ``nb`` over ``path`` as a new file with the old file's mode (read-only stays read-only):
    written beside it, then renamed over it, so a crash never leaves half a notebook."""
    import nbformat

    mode = stat.S_IMODE(path.stat().st_mode)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WorkshopError(f"Cannot write into {path.parent} ({exc.strerror}): the graded class's folders must be "
                            "yours to write. Grade into a folder of your own with --out.") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            nbformat.write(nb, handle)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def trouble_notes(autograded: Path) -> list[str]:
    """What a facilitator should know about a submission that was graded: signs of trouble."""
    notes = []
    import nbformat

    errors: set[str] = set()
    truncated = False
    for path in autograded.glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    errors.add(output.get("ename", ""))
                truncated |= "truncated by the grader" in str(output.get("text", ""))
    if {"KeyboardInterrupt", "CellTimeoutError", "TimeoutError"} & errors:
        notes.append("a cell ran too long and was stopped")
    if "MemoryError" in errors:
        notes.append("a cell ran out of memory")
    if "DeadKernelError" in errors:
        notes.append("the kernel died")
    if truncated:
        notes.append("very long output was truncated")
    return notes
