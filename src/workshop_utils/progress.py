"""Where a self-learner is: per module, practice done, graded items answered and self-checked, the last
`workshop check`, time since the last work, and the next thing to do.

Everything here only *reads* the course and the learner's files (lesson notebooks and their
``answers/`` files, the graded sets in ``exercises/``), except :func:`write_record`, which
`workshop check` calls to keep its result in ``progress/<module>.json`` (never committed). A damaged or
foreign file is reported in ``problems``, never fatal, and nothing is ever fetched from the network.

Kernel side: the start notebook's progress table (:func:`show`) imports this module, so it never
imports the grader (tests/test_boundary.py).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from workshop_utils import answers, files, paths
from workshop_utils.errors import WorkshopError

RECORDS = "progress"
RECORD_FORMAT = "workshop-check/1"
FORMAT = "workshop-progress/1"
_STUB_LINES = {"# YOUR CODE HERE", "raise NotImplementedError()", "YOUR ANSWER HERE"}


# -- check records --------------------------------------------------------------------------------
def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _content_sha256(path: Path, content) -> str | None:
    """sha256 of what ``content`` keeps of a JSON file (the answers in it), or of its bytes when it is no such
    file: re-running cells, a Hint, a Check on the same answer change outputs and times, not answers."""
    try:
        kept = content(json.loads(path.read_bytes()))
    except OSError:
        return None
    except (ValueError, TypeError, AttributeError):
        return _sha256(path)
    return hashlib.sha256(json.dumps(kept, sort_keys=True, default=repr).encode("utf-8")).hexdigest()


def _notebook_content(nb: dict) -> list:
    return [[cell.get("cell_type"), _source(cell)] for cell in nb["cells"]]


def _answers_content(document: dict) -> dict:
    return {qid: entry.get("value") if isinstance(entry, dict) else entry
            for qid, entry in document["answers"].items()}


def digests(folder: Path, module: str) -> dict[str, str | None]:
    """sha256 of the graded set's notebook (its cells' sources) and its answers file (the answers), and one over
    both (``combined``)."""
    folder = Path(folder)
    notebook = _content_sha256(folder / f"{module}.ipynb", _notebook_content)
    saved = _content_sha256(answers.answers_path(module, folder), _answers_content)
    combined = hashlib.sha256(f"notebook:{notebook or '-'}\nanswers:{saved or '-'}\n".encode()).hexdigest()
    return {"notebook": notebook, "answers": saved, "combined": combined}


def record_path(root: Path, module: str) -> Path:
    return Path(root) / RECORDS / f"{module}.json"


def _shown_folder(root: Path, folder: Path) -> str:
    folder, root = Path(folder).resolve(), Path(root).resolve()
    return folder.relative_to(root).as_posix() if folder == root or root in folder.parents else str(folder)


def write_record(root: Path, module: str, folder: Path, items: dict[str, tuple[float, float]],
                 manual: set[str] | frozenset = frozenset()) -> Path:
    """Keep the result of `workshop check MODULE` in ``progress/<module>.json`` (atomic write).

    ``items`` is item -> (got, best) as the grader gave them; ``manual`` the items a person grades.
    """
    auto = [(got, best) for item, (got, best) in items.items() if item not in manual]
    record = {
        "format": RECORD_FORMAT,
        "module": module,
        "checked_at": _now().isoformat(timespec="seconds"),
        "folder": _shown_folder(root, folder),
        "items": {item: {"got": got, "best": best, "hand_graded": item in manual}
                  for item, (got, best) in items.items()},
        "automatic": {"got": sum(g for g, _ in auto), "best": sum(b for _, b in auto)},
        "digests": digests(folder, module),
    }
    path = record_path(root, module)
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_text(path, json.dumps(record, indent=1, sort_keys=True) + "\n")
    return path


def read_record(root: Path, module: str) -> tuple[dict | None, str | None]:
    """(the check record of ``module``, None) or (None, why it cannot be used); (None, None) when none."""
    path = record_path(root, module)
    if not path.exists():
        return None, None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("format") != RECORD_FORMAT or record.get("module") != module:
            raise ValueError(f"not a check record of {module}")
        auto = record["automatic"]
        float(auto["got"]), float(auto["best"])
        _dt.datetime.fromisoformat(record["checked_at"])
        if not isinstance(record["items"], dict) or not isinstance(record["digests"], dict):
            raise TypeError("items or digests are not tables")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        return None, (f"{RECORDS}/{module}.json cannot be used ({exc}); run `workshop check {module}` "
                      "to write it again")
    return record, None


def record_folder(root: Path, record: dict) -> Path:
    """The folder a check record graded."""
    folder = Path(record.get("folder") or ".")
    return folder if folder.is_absolute() else Path(root) / folder


def is_current(root: Path, module: str, record: dict) -> bool:
    """Whether the notebook and answers a record graded are still exactly as they were."""
    recorded = record.get("digests", {}).get("combined")
    return bool(recorded) and digests(record_folder(root, record), module)["combined"] == recorded


# -- reading the learner's files --------------------------------------------------------------------
def _read_notebook(path: Path, problems: list[str], shown: str) -> dict | None:
    if not path.exists():
        return None
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(nb.get("cells"), list):
            raise ValueError("no list of cells")
    except (OSError, ValueError, AttributeError, RecursionError) as exc:
        problems.append(f"{shown} cannot be read as a notebook ({type(exc).__name__}: {exc}); "
                        "its progress is not counted")
        return None
    return nb


def _saved(path: Path, notebook: str, prefix: str, problems: list[str], shown: str) -> dict[str, dict]:
    """The answers of an answers file; damaged or foreign files are reported and read as empty or in part."""
    if not path.exists():
        return {}
    why = answers.damage(path)
    if why:
        problems.append(f"{shown} is damaged ({why}); its answers are not counted. Opening the notebook moves "
                        "it aside and starts a fresh file")
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # pragma: no cover - damage() said it reads
        return {}
    found = answers.read_only(path) or {}
    foreign = sorted(qid for qid in found if not str(qid).startswith(f"{prefix}."))
    if document.get("format") != answers.FORMAT or document.get("notebook") not in (None, notebook) or foreign:
        what = f"answers {', '.join(foreign[:3])}{'...' if len(foreign) > 3 else ''}" if foreign else \
            f"notebook {document.get('notebook')!r}, format {document.get('format')!r}"
        problems.append(f"{shown} holds {what} from another notebook or course; only this module's answers "
                        "are counted")
    return {qid: entry for qid, entry in found.items() if str(qid).startswith(f"{prefix}.")}


def _answered(entry: dict | None) -> bool:
    if not isinstance(entry, dict):
        return False
    value = entry.get("value")
    return value is not None and not (isinstance(value, (str, list, dict)) and not value)


def _attempts(entry: dict | None) -> int:
    """Checks recorded under an answer (the hint ladder counts them), 0 when none are recorded."""
    if not isinstance(entry, dict):
        return 0
    found = entry.get("attempts", entry.get("checks", 0))
    if isinstance(found, list):
        return len(found)
    return found if isinstance(found, int) and not isinstance(found, bool) else 0


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _cells(nb: dict | None) -> dict[str, dict]:
    """grade id -> cell of a notebook with nbgrader metadata."""
    found = {}
    for cell in (nb or {}).get("cells", []):
        if isinstance(cell, dict):
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if isinstance(grade_id, str):
                found[grade_id] = cell
    return found


def _lines(text: str) -> set[str]:
    kept = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line not in _STUB_LINES:
            kept.add(line)
    return kept


def _stub(solution_cell: dict | None) -> set[str]:
    """The lines a released answer cell starts with: its solution cell without the solution."""
    if not solution_cell:
        return set()
    text = re.sub(r"### BEGIN SOLUTION.*?### END SOLUTION", "", _source(solution_cell), flags=re.S)
    return _lines(text)


def _edited(cell: dict | None, stub: set[str]) -> bool:
    if not cell:
        return False
    mine = _lines(_source(cell))
    if stub:
        return bool(mine - stub)
    # No solutions/ to compare with: any line that does more than leave a name at None counts.
    return any(not re.fullmatch(r"[A-Za-z_][\w.]*(\s*=\s*None)?", line) for line in mine)


def _ran(cell: dict | None) -> bool:
    return bool(cell) and cell.get("execution_count") is not None


def _practice_ran(nb: dict | None, qid: str) -> bool:
    """A practice answered in code: its check cell was run on an answer (not on the ``None`` it starts with).

    Only a cell that checks the answer counts: a widget's own cell runs (and is saved) by Run All, and a
    ``checks.hint`` cell asks for help; a widget practice is done when its answers file holds an answer."""
    checked = re.compile(rf"checks\.(?:check|assert_passes)\(\s*[\"']{re.escape(qid)}[\"']")
    for cell in (nb or {}).get("cells", []):
        if isinstance(cell, dict) and cell.get("cell_type") == "code" and checked.search(_source(cell)) and _ran(cell):
            shown = json.dumps(cell.get("outputs", []))
            return "No answer yet" not in shown and '"output_type": "error"' not in shown
    return False


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _worked_on(path: Path, nb: dict | None) -> float | None:
    """When a notebook was last saved, if it was ever run (a fresh copy of the course is not work)."""
    ran = any(isinstance(c, dict) and c.get("execution_count") is not None for c in (nb or {}).get("cells", []))
    return _mtime(path) if ran else None


def _ago(seconds: float | None) -> str:
    if seconds is None:
        return "never"
    seconds = max(0, seconds)
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{int(seconds // size)} {unit} ago"
    return "just now"


# -- the status of each module ----------------------------------------------------------------------
@dataclass
class ModuleStatus:
    number: str
    name: str
    lesson: str | None = None
    practice: list[tuple[str, bool]] = field(default_factory=list)  # (qid, done)
    graded: list[dict] = field(default_factory=list)  # {"item", "qid", "answered", "self_checked", "auto"}
    exercise: str | None = None
    check: dict | None = None
    check_current: bool = False
    last_work: float | None = None
    next: str = ""

    @property
    def done(self) -> bool:
        """Nothing left: every graded item's check is current and at full marks (or there is no graded set)."""
        if not self.graded:
            return all(done for _, done in self.practice)
        return bool(self.check) and self.check_current and self._first_below_full() is None

    def _first_below_full(self) -> str | None:
        for item, result in (self.check or {}).get("items", {}).items():
            if not isinstance(result, dict) or result.get("hand_graded"):
                continue
            if result.get("got", 0) < result.get("best", 0):
                return item
        return None

    def as_json(self, now: float) -> dict:
        auto = [g for g in self.graded if g["auto"]]
        check = None
        if self.check:
            check = {"checked_at": self.check["checked_at"], "got": self.check["automatic"]["got"],
                     "best": self.check["automatic"]["best"], "current": self.check_current}
        return {
            "module": self.number, "name": self.name,
            "lesson": {"notebook": self.lesson, "practice_done": sum(d for _, d in self.practice),
                       "practice_total": len(self.practice)},
            "graded": None if not self.graded else {
                "notebook": self.exercise, "items": len(self.graded),
                "answered": sum(g["answered"] for g in self.graded),
                "self_checked": sum(g["self_checked"] for g in auto), "self_checkable": len(auto)},
            "check": check,
            "last_work": None if self.last_work is None else
            _dt.datetime.fromtimestamp(self.last_work, _dt.timezone.utc).isoformat(timespec="seconds"),
            "since_last_work": _ago(None if self.last_work is None else now - self.last_work),
            "done": self.done,
            "next": self.next,
        }


def _module_status(root: Path, module, problems: list[str]) -> ModuleStatus:
    number, name = module.MODULE, module.NOTEBOOK
    prefix = f"m{number}"
    status = ModuleStatus(number, name)
    stamps: list[float] = []
    lessons = sorted((root / "notebooks").glob(f"{number}-*.ipynb")) if (root / "notebooks").is_dir() else []
    lesson_nb = None
    if lessons:
        lesson = lessons[0]
        status.lesson = f"notebooks/{lesson.name}"
        lesson_nb = _read_notebook(lesson, problems, status.lesson)
        stamps.append(_worked_on(lesson, lesson_nb))
    # A lesson saves under its module's notebook name (NOTEBOOK); a lesson of its own name is read too.
    practice_saved: dict[str, dict] = {}
    for stem in dict.fromkeys([name, *(p.stem for p in lessons[:1])]):
        saved_path = answers.answers_path(stem, root / "notebooks")
        found = _saved(saved_path, stem, prefix, problems, f"notebooks/answers/{stem}.json")
        practice_saved.update({qid: e for qid, e in found.items() if _answered(e)})
        stamps.append(_mtime(saved_path))
    questions = getattr(module, "QUESTIONS", ())
    for q in questions:
        if q.points == 0:
            status.practice.append((q.qid, _answered(practice_saved.get(q.qid)) or _practice_ran(lesson_nb, q.qid)))

    graded = [q for q in questions if q.points > 0]
    if graded:
        folder = root / "exercises" / name
        status.exercise = f"exercises/{name}/{name}.ipynb"
        notebook = _read_notebook(folder / f"{name}.ipynb", problems, status.exercise)
        if notebook is None and not (folder / f"{name}.ipynb").exists():
            problems.append(f"{status.exercise} is missing: restore it with `git checkout -- exercises/{name}` "
                            "(or ask for a fresh copy of the course)")
        stamps.append(_worked_on(folder / f"{name}.ipynb", notebook))
        mine = _saved(answers.answers_path(name, folder), name, prefix, problems,
                      f"exercises/{name}/answers/{name}.json")
        stamps.append(_mtime(answers.answers_path(name, folder)))
        solution = _cells(_read_notebook(root / "solutions" / name / f"{name}.ipynb", [], ""))
        cells = _cells(notebook)
        for q in graded:
            item = q.qid.split(".", 1)[1]
            answer_id = f"{item}-answer" if f"{item}-answer" in cells or f"{item}-answer" in solution else item
            entry = mine.get(q.qid)
            status.graded.append({
                "item": item, "qid": q.qid, "auto": q.check is not None,
                "answered": _answered(entry) or _edited(cells.get(answer_id), _stub(solution.get(answer_id))),
                "self_checked": q.check is not None and (_ran(cells.get(f"{item}-self")) or _attempts(entry) > 0),
            })
        record, problem = read_record(root, name)
        if problem:
            problems.append(problem)
        if record:
            status.check = record
            status.check_current = is_current(root, name, record)
            stamps.append(_dt.datetime.fromisoformat(record["checked_at"]).timestamp())
    status.last_work = max((s for s in stamps if s is not None), default=None)
    return status


def _next_step(status: ModuleStatus, following: str | None) -> str:
    todo = [i for i, (_, done) in enumerate(status.practice, 1) if not done]
    if todo and status.lesson and not status.check:
        return f"Open {status.lesson} and do practice {todo[0]} of {len(status.practice)}"
    if status.graded:
        left = [i for i, g in enumerate(status.graded, 1) if not g["answered"]]
        if left and not status.check:
            return f"Open {status.exercise} and answer question {left[0]} of {len(status.graded)}"
        if not status.check:
            return f"Run `workshop check {status.name}`"
        if not status.check_current:
            return f"You changed your answers since the last check: run `workshop check {status.name}` again"
        below = status._first_below_full()
        if below:
            return f"Fix m{status.number}.{below} then run `workshop check {status.name}` again"
    if todo and status.lesson:
        return f"Open {status.lesson} and do practice {todo[0]} of {len(status.practice)}"
    return f"Module done: next is {following}" if following else "Course done: every module is complete"


def collect(root: Path | None = None) -> dict:
    """The progress of the course at ``root`` (default: the course found from here), as ``--json`` prints it."""
    from workshop_utils import course

    root = Path(root) if root else paths.course_root()
    if root is None:
        raise WorkshopError("Progress needs the course folder (with nbgrader_config.py and data/): run it from "
                            "inside the course folder.")
    problems: list[str] = []
    for folder in ("notebooks", "exercises"):
        if not (root / folder).is_dir():
            problems.append(f"{folder}/ is missing from {root}: its progress cannot be counted")
    try:
        modules = course.modules()
    except Exception as exc:  # noqa: BLE001 - a broken course module must not hide the rest
        raise WorkshopError(f"The course modules cannot be loaded ({exc}); run `workshop doctor`.") from exc
    statuses = [_module_status(root, m, problems) for m in modules]
    for status, following in zip(statuses, [s.number for s in statuses[1:]] + [None], strict=True):
        status.next = _next_step(status, following)
    now = _now().timestamp()
    first = next((s for s in statuses if not s.done), None)
    return {
        "format": FORMAT,
        "course_root": str(root),
        "generated_at": _now().isoformat(timespec="seconds"),
        "modules": [s.as_json(now) for s in statuses],
        "next": f"Module {first.number}: {first.next}" if first else "Course done: every module is complete",
        "problems": problems,
    }


# -- showing it ----------------------------------------------------------------------------------------
HEADINGS = ("Module", "Practice", "Answered", "Self-checked", "Last check", "Last work")


def _cells_of(module: dict) -> tuple[str, ...]:
    lesson, graded, check = module["lesson"], module["graded"], module["check"]
    practice = f"{lesson['practice_done']}/{lesson['practice_total']}" if lesson["practice_total"] else "-"
    answered = f"{graded['answered']}/{graded['items']}" if graded else "-"
    checked = f"{graded['self_checked']}/{graded['self_checkable']}" if graded else "-"
    if check:
        last = f"{check['got']:g}/{check['best']:g}" + ("" if check["current"] else " (old)")
    else:
        last = "not yet" if graded else "-"
    return (module["name"], practice, answered, checked, last, module["since_last_work"])


def table(progress: dict, width: int = 100) -> str:
    """The compact terminal table: one row per module, its next step below it, then problems."""
    rows = [HEADINGS, *(_cells_of(m) for m in progress["modules"])]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADINGS))]
    widths[0] = min(widths[0], 30)
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0][:widths[0]].ljust(widths[0]), *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n:
            lines.append(textwrap.fill(f"next: {progress['modules'][n - 1]['next']}", width,
                                       initial_indent="    ", subsequent_indent="      "))
    lines.append(textwrap.fill(f"Next: {progress['next']}", width, subsequent_indent="  "))
    for problem in progress["problems"]:
        lines.append(textwrap.fill(f"Problem: {problem}", width, subsequent_indent="  "))
    return "\n".join(lines)


def to_html(progress: dict) -> str:
    """The same table as accessible HTML (caption, header cells with scope), for the start notebook."""
    esc = html.escape
    head = "".join(f'<th scope="col" style="text-align:left;padding:2px 8px">{esc(h)}</th>'
                   for h in (*HEADINGS, "Next"))
    body = []
    for module in progress["modules"]:
        name, *rest = _cells_of(module)
        cells = "".join(f'<td style="padding:2px 8px">{esc(c)}</td>' for c in rest)
        body.append(f'<tr><th scope="row" style="text-align:left;padding:2px 8px">{esc(name)}</th>{cells}'
                    f'<td style="padding:2px 8px">{esc(module["next"])}</td></tr>')
    problems = "".join(f"<li>{esc(p)}</li>" for p in progress["problems"])
    return (f'<div class="workshop-progress" role="region" aria-label="Your progress through the course">'
            f'<table><caption style="text-align:left"><strong>Your progress</strong> (as of '
            f'{esc(progress["generated_at"])}; run the cell again to refresh). Next: {esc(progress["next"])}'
            f'</caption><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
            + (f'<p>Problems (nothing was changed):</p><ul>{problems}</ul>' if problems else "")
            + "</div>")


class Progress:
    """Shown by Jupyter as the progress table; ``str()`` is the terminal table."""

    def __init__(self, root: Path | None = None):
        self.data = collect(root)

    def _repr_html_(self) -> str:
        return to_html(self.data)

    def __str__(self) -> str:
        return table(self.data)

    __repr__ = __str__


def show(root: Path | None = None):
    """The progress table, read afresh each time the cell runs. A problem is shown as a sentence, never a
    traceback."""
    try:
        return Progress(root)
    except WorkshopError as exc:
        from IPython.display import HTML

        return HTML(f'<p role="alert">{html.escape(str(exc))}</p>')
