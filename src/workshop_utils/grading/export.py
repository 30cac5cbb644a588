"""``workshop export DIR --format canvas|moodle``: a graded class as the LMS's own gradebook import file.

Canvas (Grades > Import): the columns of Canvas's own gradebook export, ``Student, ID, SIS User ID,
SIS Login ID, Section``, then one column per assignment, and a ``Points Possible`` row under the
header. Canvas's importer (``lib/gradebook_importer.rb``) finds a participant by ``ID``, then
``SIS User ID``, then ``SIS Login ID``, then by name, and an assignment by the ``(id)`` at the end
of its column name, else by its exact title; an unknown title becomes a new assignment whose points
come from the ``Points Possible`` row.

Moodle (Grades > Import > CSV file): one identifier column, mapped in Moodle's import preview to a
user field ("Map from" the column, "Map to" ``useremail``, ``username`` or ``useridnumber``), then one
column per assignment, each mapped there to a grade item or a new one.

A roster CSV maps the participants' names (``student_id`` in grades.csv: hub user names or the names
of their zip files) to their LMS identities. A participant with grades but no roster row is never
dropped silently: the export is refused, naming them, unless ``--allow-unknown``; then Canvas gets
them with blank LMS ids (its import preview lets you match them by hand), and Moodle's file leaves
them out (its import stops at the first user it cannot match, ``usermappingerror``); either way they
are named on stderr. Only graded work is given a score: a submission flagged in grades.csv
(invalid, timed out, crashed, error) or with free text not graded by hand yet is left blank, and
named, so no provisional number reaches the LMS.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from workshop_utils import files
from workshop_utils.errors import WorkshopError
from workshop_utils.grading import results

FORMATS = {"canvas": "Canvas (Grades > Import)", "moodle": "Moodle (Grades > Import > CSV file)"}
ROSTER_KEY = "student_id"
ROSTER_FIELDS = ("name", "canvas_id", "sis_user_id", "sis_login_id", "section", "email", "username", "idnumber")
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
POINTS_POSSIBLE = "    Points Possible"  # as in Canvas's own export; its importer looks for "Points Possible"
MOODLE_HEADER = {"email": "Email address", "username": "Username", "idnumber": "ID number"}  # Moodle's export names
MOODLE_NO_GRADE = "-"  # what Moodle's own export writes for no grade, and its import reads as none
ALLOWED = {"canvas": "export them with blank LMS ids (then match them by hand in Canvas's import preview)",
           "moodle": "export everyone else (Moodle cannot import a row it cannot match; you enter theirs by hand)"}
SHOWN = 10  # names listed in one message


@dataclass
class Exported:
    rows: int
    modules: list[str]
    warnings: list[str] = field(default_factory=list)


def _names(names) -> str:
    names = sorted(names)
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    return ", ".join(names[:SHOWN]) + more


def load_roster(path: Path) -> dict[str, dict[str, str]]:
    """student_id -> the LMS fields given for them; a clear refusal for a file that would map anyone wrongly."""
    path = Path(path)
    if not path.is_file():
        raise WorkshopError(f"No roster at {path}: give a CSV with a {ROSTER_KEY} column and the LMS fields, e.g. "
                            f"{ROSTER_KEY},name,sis_login_id,email.")
    with open(path, newline="", encoding="utf-8-sig") as handle:  # -sig: a spreadsheet's byte-order mark
        reader = csv.reader(handle)
        header = [h.strip().lower() for h in next(reader, [])]
        rows = list(reader)
    if ROSTER_KEY not in header:
        raise WorkshopError(f"The roster {path} has no {ROSTER_KEY} column (the participant's name as in grades.csv): "
                            f"its first row must name the columns, e.g. {ROSTER_KEY},name,sis_login_id,email.")
    unknown = [h for h in header if h not in (ROSTER_KEY, *ROSTER_FIELDS)]
    if unknown or len(set(header)) != len(header):
        what = f"unknown column(s) {', '.join(unknown)}" if unknown else "a column named twice"
        raise WorkshopError(f"The roster {path} has {what}: use {ROSTER_KEY} and any of {', '.join(ROSTER_FIELDS)}.")
    roster: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        entry = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        student = entry.pop(ROSTER_KEY)
        if not student:
            raise WorkshopError(f"Line {number} of the roster {path} has no {ROSTER_KEY}: fill it in or delete "
                                "the line.")
        if student in roster:
            raise WorkshopError(f"{student} is in the roster {path} twice (line {number}): keep one row per "
                                "participant.")
        roster[student] = entry
    return roster


def class_scores(out: Path) -> tuple[list[str], dict[str, float], dict[str, dict[str, str]], list[str]]:
    """(modules, points possible per module, student -> module -> score text or "", what was left blank and why)."""
    out = Path(out).resolve()
    if not (out / "gradebook.db").exists() or not (out / "results").is_dir():
        raise WorkshopError(f"{out} is not a graded class: give the --out folder of `workshop grade` (or of "
                            "`workshop merge`).")
    graded = results.with_hand_grades(results.load_results(out), out)
    if not graded:
        raise WorkshopError(f"{out} holds no graded submissions yet: run `workshop grade` first.")
    best = results.max_scores(out)
    modules = sorted({r.module for r in graded})
    scores: dict[str, dict[str, str]] = {}
    blank = []
    for r in sorted(graded, key=lambda r: (r.student, r.module)):
        waiting = any(c["needs_manual_grade"] for c in r.cells)
        if r.status != "graded":
            blank.append(f"{r.student} {r.module} ({r.status})")
        elif waiting:
            blank.append(f"{r.student} {r.module} (free text not graded by hand yet)")
        text = f"{r.score:g}" if r.status == "graded" and not waiting else ""
        scores.setdefault(r.student, {})[r.module] = text
    return modules, {m: best.get(m, 0.0) for m in modules}, scores, blank


def _canvas(modules, best, scores, roster, known) -> list[list[str]]:
    rows = [CANVAS_HEADER + modules, [POINTS_POSSIBLE, "", "", "", ""] + [f"{best[m]:g}" for m in modules]]
    for student in sorted(scores):
        if roster is None:  # the hub or zip name is the LMS login: Canvas matches on SIS Login ID, then name
            who = [student, "", "", student, ""]
        elif student in known:
            entry = roster[student]
            who = [entry.get("name") or student, entry.get("canvas_id", ""), entry.get("sis_user_id", ""),
                   entry.get("sis_login_id", ""), entry.get("section", "")]
        else:
            who = [student, "", "", "", ""]
        rows.append(who + [scores[student].get(m, "") for m in modules])
    return rows


def _moodle(modules, scores, roster, known, identifier) -> list[list[str]]:
    """Only the participants Moodle can match: its import stops at the first user it cannot find."""
    rows = [[MOODLE_HEADER[identifier]] + modules]
    for student in sorted(known):
        who = student if roster is None else roster[student][identifier]
        rows.append([who] + [scores[student].get(m, "") or MOODLE_NO_GRADE for m in modules])
    return rows


def _identified(roster, scores, fmt: str, identifier: str) -> set[str]:
    """The participants with grades the roster names (for Moodle: with the field the import maps to)."""
    if roster is None:
        return set(scores)
    if fmt == "moodle":
        return {s for s in scores if roster.get(s, {}).get(identifier)}
    return {s for s in scores if s in roster and any(roster[s].get(f) for f in ("canvas_id", "sis_user_id",
                                                                                 "sis_login_id", "name"))}


def column_names(pairs: list[str] | None, modules: list[str]) -> dict[str, str]:
    """``MODULE=NAME`` pairs -> module -> its column's name (the module itself when not given)."""
    names = {m: m for m in modules}
    for pair in pairs or []:
        module, equals, name = pair.partition("=")
        module, name = module.strip(), name.strip()
        if not equals or not name:
            raise WorkshopError(f"--column takes MODULE=NAME, e.g. --column '{modules[0]}=Output vs outcome (1234)'; "
                                f"got {pair}.")
        if module not in names:
            raise WorkshopError(f"--column {pair}: {module} has no grades here; the modules graded are "
                                f"{', '.join(modules)}.")
        names[module] = name
    return names


def export(out: Path, fmt: str, target: Path, roster: Path | None = None, identifier: str | None = None,
           allow_unknown: bool = False, columns: list[str] | None = None) -> Exported:
    """Write ``target``, the ``fmt`` import file of the class graded in ``out``; ``columns``: ``MODULE=NAME``
    for a module column named after the LMS's assignment (Canvas: ``Title (id)`` as in its own export)."""
    if fmt not in FORMATS:
        raise WorkshopError(f"--format is one of {', '.join(FORMATS)}; got {fmt}.")
    if fmt == "canvas" and identifier:
        raise WorkshopError("--moodle-id is for --format moodle: Canvas finds participants by the roster's canvas_id, "
                            "sis_user_id, sis_login_id or name.")
    people = load_roster(roster) if roster is not None else None
    identifier = identifier or ("email" if people is not None else "username")
    if fmt == "moodle" and people is None and identifier != "username":
        raise WorkshopError(f"--moodle-id {identifier} needs a --roster with an {identifier} column for each "
                            "participant (without a roster the participants' names go out as Moodle usernames).")
    if people is not None and fmt == "moodle" and people and not any(identifier in e for e in people.values()):
        raise WorkshopError(f"The roster {roster} has no {identifier} column, which --moodle-id {identifier} maps "
                            "to: add it, or choose another --moodle-id.")
    modules, best, scores, blank = class_scores(out)
    names = column_names(columns, modules)
    known = _identified(people, scores, fmt, identifier)
    unknown = sorted(set(scores) - known)
    warnings = []
    what = f"the {identifier}" if fmt == "moodle" else "an LMS identity"
    if unknown and not allow_unknown:
        missing = identifier if fmt == "moodle" else "name or id"
        raise WorkshopError(f"{len(unknown)} participant(s) with grades have no row (or no {missing}) in the roster "
                            f"{roster}: {_names(unknown)}. Add {what} of each to the roster and run this "
                            f"again, or pass --allow-unknown to {ALLOWED[fmt]}. Nothing was written.")
    if unknown and fmt == "canvas":
        warnings.append(f"{len(unknown)} participant(s) not in the roster, exported with blank LMS ids (match them by "
                        f"hand in Canvas's import preview): {_names(unknown)}")
    elif unknown:
        warnings.append(f"{len(unknown)} participant(s) with no {identifier} in the roster are NOT in the file (Moodle "
                        f"refuses a whole file with a user it cannot match): {_names(unknown)}. Enter their grades "
                        "by hand, or add them to the roster and export again.")
    if people is not None:
        absent = sorted(set(people) - set(scores))
        if absent:
            warnings.append(f"{len(absent)} participant(s) in the roster have no grades here (not handed in?) and are "
                            f"not in the file: {_names(absent)}")
    if blank:
        warnings.append(f"{len(blank)} score(s) left blank, not ready for the LMS: {_names(blank)}. Grade the free "
                        "text in the formgrader, or fix what grades.csv says and grade again, then export again.")
    if fmt == "canvas":
        rows = _canvas(modules, best, scores, people, known)
    else:
        rows = _moodle(modules, scores, people, known, identifier)
    rows[0] = [names.get(cell, cell) for cell in rows[0]]
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with files.replacing(target, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return Exported(len(rows) - (2 if fmt == "canvas" else 1), modules, warnings)
