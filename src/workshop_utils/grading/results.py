"""What grading a class leaves behind: one result file per submission, the class gradebook, the CSVs.

Each finished submission is written at once to ``DIR/results/<student>/<module>.json`` and into
the class gradebook (the parent process is its only writer); ``grades.csv`` and ``items.csv`` are
rewritten from those files, with every hand grade given in the formgrader so far.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workshop_utils import files
from workshop_utils.grading import intake

# nbgrader's gradebook logs a database error, traceback and all, to tornado's application log before it
# raises it. The grader reports every such error itself (a full disk as one sentence that says what to
# do), so in the facilitator's terminal that log would only add a traceback.
logging.getLogger("tornado.application").addHandler(logging.NullHandler())
logging.getLogger("tornado.application").propagate = False

STATUSES = ("graded", "invalid", "timeout", "crashed", "error", "rejected")


CSV_COLUMNS = ["student_id", "assignment", "score", "max_score", "status", "reason", "needs_manual_grade"]


@dataclass
class Result:
    student: str
    module: str
    status: str
    reason: str = ""
    seconds: float = 0.0
    cells: list[dict] = field(default_factory=list)  # grade_id, item, score, max_score, needs_manual_grade
    fingerprint: str = ""  # of the submitted files: a re-run regrades a submission that changed

    @property
    def score(self) -> float:
        return sum(c["score"] for c in self.cells)

    def items(self) -> dict[str, tuple[float, float, bool]]:
        """item -> (score, max score, waits for a hand grade), adding up its grade cells."""
        totals: dict[str, list] = {}
        for c in self.cells:
            entry = totals.setdefault(c["item"], [0.0, 0.0, False])
            entry[0] += c["score"]
            entry[1] += c["max_score"]
            entry[2] |= c["needs_manual_grade"]
        return {item: (got, most, manual) for item, (got, most, manual) in totals.items()}


def result_path(out: Path, student: str, module: str) -> Path:
    return out / "results" / student / f"{module}.json"


def load_results(out: Path) -> list[Result]:
    results = []
    for path in sorted((out / "results").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        results.append(Result(**data))
    return results


def save_result(out: Path, result: Result) -> None:
    path = result_path(out, result.student, result.module)
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_text(path, json.dumps(asdict(result), indent=1))


# What the capstone's plan export writes beside a notebook (the builder's Export button, or a grader reading a
# hand-in with `workshop plan export`): derived from the answers file, which is hashed, and never graded itself.
# Writing them into a hand-in is no resubmission, so it must not regrade it and clear its hand grade.
PLAN_EXPORT_STEM = "my-outcome-plan"  # workshop_utils.plan.export's default (a test holds them together)
DERIVED = {f"{PLAN_EXPORT_STEM}.md", f"{PLAN_EXPORT_STEM}.html"}


def fingerprint(folder: Path) -> str:
    """A hash of a submission's files (names and contents), to notice a resubmission; the plan export's pages
    (``DERIVED``) are left out."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and not set(p.parts) & intake.SKIP
                       and p.name not in DERIVED):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# No verdict on the work itself: a rerun grades these again ("rejected": the copy was not the student's own,
# and a rerun checks the copy collected since, which is rejected again if it is still not theirs).
RETRIED = ("error", "timeout", "rejected")


def earlier_status(out: Path, sub: intake.Submission) -> str | None:
    """The status an earlier run left for this submission (None: never graded)."""
    path = result_path(out, sub.student, sub.module)
    return json.loads(path.read_text(encoding="utf-8"))["status"] if path.exists() else None


def earlier_fingerprint(out: Path, sub: intake.Submission) -> str | None:
    """None: never graded; "": graded before fingerprints were kept (taken as unchanged)."""
    path = result_path(out, sub.student, sub.module)
    return json.loads(path.read_text(encoding="utf-8")).get("fingerprint", "") if path.exists() else None


def save_rejected(out: Path, rejected: list) -> None:
    """What intake refused this run (bad names, unreadable zips), for grades.csv and the report."""
    rows = sorted(({"student": r.student, "module": r.module, "reason": r.reason} for r in rejected),
                  key=lambda row: (row["student"], row["module"], row["reason"]))  # the same however the class was cut
    files.write_text(out / "rejected.json", json.dumps(rows, indent=1))


def load_rejected(out: Path) -> list[dict]:
    path = Path(out) / "rejected.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def grade_first(out: Path, command: str) -> str:
    """The command to run before ``workshop COMMAND OUT`` has a graded class to work on. A class folder
    is graded into itself; a folder of hand-ins into a folder of its own (`workshop grade` refuses an
    output folder inside the submissions)."""
    out = Path(out)
    if (out / "nbgrader_config.py").exists():  # a class folder with nothing graded yet
        return f"Run `workshop grade SUBMISSIONS --out {out}` first."
    graded = out.parent / f"{out.name}-graded"
    return (f"Give `workshop {command}` the --out folder of `workshop grade`; if {out} holds the hand-ins, grade "
            f"them into a folder of their own first: `workshop grade {out} --out {graded}`, then "
            f"`workshop {command} {graded}`.")


def hand_grades(out: Path) -> dict[tuple[str, str, str], float]:
    """(student, module, grade_id) -> the score a person gave in the formgrader."""
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(f"sqlite:///{Path(out) / 'gradebook.db'}") as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.manual_score is not None:
                            found[(submission.student.id, assignment.name, grade.name)] = float(grade.manual_score)
    return found


def with_hand_grades(results: list[Result], out: Path) -> list[Result]:
    """The results with every hand grade given so far in place of the automatic 0."""
    given = hand_grades(out)
    updated = []
    for r in results:
        cells = []
        for c in r.cells:
            score = given.get((r.student, r.module, c["grade_id"]))
            cells.append(c if score is None else {**c, "score": score, "needs_manual_grade": False})
        updated.append(Result(**{**asdict(r), "cells": cells}))
    return updated


def submitted_at(out: Path, student: str, module: str):
    """When the graded work was handed in, read as nbgrader reads it (``timestamp.txt``, which ``nbgrader
    collect`` keeps; None for a zip). The formgrader counts a submission as autograded only when the
    gradebook holds this same time: without it, every participant reads "needs autograding" and invites
    nbgrader's own, unsandboxed autograde."""
    from nbgrader.utils import parse_utc

    stamp = Path(out) / "submitted" / student / module / "timestamp.txt"
    try:
        return parse_utc(stamp.read_text(encoding="utf-8").strip()) if stamp.is_file() else None
    except (OSError, ValueError, OverflowError):  # unreadable or not a time: the formgrader finds none either
        return None


def record(out: Path, result: Result, changed: bool = True, log: bool = True) -> int:
    """Write one result into the class gradebook (one writer: the parent) and results/.

    A hand grade already given in the formgrader is kept when the same work is graded again
    (``--force``); when the work itself changed, it is cleared, since it graded other words.
    Returns how many hand grades were cleared. ``log``: add a line to grade.log (not when merging slices).
    """
    from nbgrader.api import Gradebook

    cleared = 0
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        gb.update_or_create_student(result.student)
        submission = gb.update_or_create_submission(result.module, result.student,
                                                    timestamp=submitted_at(out, result.student, result.module))
        by_id = {(c["notebook"], c["grade_id"]): c for c in result.cells}
        for notebook in submission.notebooks:
            notebook.flagged = result.status != "graded"
            for grade in notebook.grades:
                cell = by_id.get((notebook.name, grade.name))
                grade.auto_score = cell["score"] if cell else 0.0
                waiting = bool(cell and cell["needs_manual_grade"])
                if changed and grade.manual_score is not None:
                    grade.manual_score = None
                    cleared += 1
                grade.needs_manual_grade = waiting and grade.manual_score is None
                if waiting:
                    grade.auto_score = None
        gb.db.commit()
    save_result(out, result)
    if not log:
        return cleared
    with open(out / "grade.log", "a", encoding="utf-8") as handle:
        stamp = dt.datetime.now().isoformat(timespec="seconds")
        handle.write(f"{stamp} {result.student} {result.module} {result.status} {result.score:g} "
                  f"{result.seconds:.1f}s {result.reason}\n")
    return cleared


def max_scores(out: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        return {a.name: float(a.max_score) for a in gb.assignments}


def write_csv(out: Path, results: list[Result] | None = None) -> Path:
    """grades.csv and items.csv, with the hand grades given so far (re-run `workshop report` after
    hand grading to refresh them) and a row for every submission intake refused.

    ``results``: the class's results with hand grades already applied, when the caller has them.
    """
    results = with_hand_grades(load_results(out), out) if results is None else results
    best = max_scores(out)
    path = out / "grades.csv"
    with files.replacing(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for r in sorted(results, key=lambda r: (r.module, r.student)):
            manual = sum(1 for c in r.cells if c["needs_manual_grade"])
            writer.writerow([r.student, r.module, f"{r.score:g}", f"{best.get(r.module, 0):g}", r.status, r.reason,
                             manual])
        for bad in load_rejected(out):
            if bad["module"] == "?":  # a refused zip or folder name: it never reached a module
                writer.writerow([bad["student"], "?", "0", "0", "rejected", bad["reason"], 0])
    with files.replacing(out / "items.csv", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "assignment", "item", "score", "max_score", "needs_manual_grade"])
        for r in sorted(results, key=lambda r: (r.module, r.student)):
            for item, (got, most, manual) in r.items().items():
                writer.writerow([r.student, r.module, item, f"{got:g}", f"{most:g}", int(manual)])
    return path
