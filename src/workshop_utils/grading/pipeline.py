"""The nbgrader pipeline, driven through nbgrader's own Python API.

Used by ``workshop release`` (solutions -> exercises), ``workshop validate`` (the solution scores
full marks, the blank release scores zero) and the tests. Everything that could disturb the
course folder (trial releases, trial grading) happens in a temporary course folder.

A temporary course holds the solutions, so hidden tests: it lives in a private temporary folder
(:func:`private_temp`: mode 0700, removed when the command ends, also on Ctrl-C, SIGTERM or SIGHUP,
and, after a SIGKILL, by the same user's next run), never beside a participant's work.

Grade cells are named ``<item>-self`` (the visible self-check, 1 point) and ``<item>-graded``
(hidden tests); :func:`item_of` folds them back into the item they belong to.
"""

from __future__ import annotations

import contextlib
import filecmp
import logging
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from workshop_utils.answers import ANSWERS_DIR
from workshop_utils.errors import WorkshopError

# nbgrader's gradebook code trips a harmless SQLAlchemy warning on every submission; keep output readable.
warnings.filterwarnings("ignore", message=".*not in session.*", module="nbgrader")
warnings.filterwarnings("ignore", message=".*not in session.*")

IGNORED = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ANSWERS_DIR, "*.corrupt-*"]


def _bin_on_path() -> None:
    """nbgrader runs `alembic` in a subprocess: make sure this environment's bin/ is on PATH."""
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def load_config(root: Path, **overrides):
    """nbgrader configuration of the course at ``root`` (its nbgrader_config.py), plus overrides.

    ``overrides`` are ``{"Section": {"option": value}}`` dictionaries, e.g. ``Execute={"timeout": 10}``.
    """
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(root).resolve()
    config = Config()
    config_file = root / "nbgrader_config.py"
    if config_file.exists():
        config.merge(PyFileConfigLoader(str(config_file)).load_config())
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.source_directory = config.CourseDirectory.get("source_directory", "solutions")
    config.CourseDirectory.release_directory = config.CourseDirectory.get("release_directory", "exercises")
    # The kernel's own start-up warnings (e.g. about local TCP) mean nothing to a participant running
    # `workshop check`; errors still show, and so does everything a notebook prints.
    config.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]
    for section, values in overrides.items():
        for key, value in values.items():
            config[section][key] = value
    return config


@contextlib.contextmanager
def api(root: Path, **overrides):
    """nbgrader's API for the course at ``root``, for the duration of the ``with`` block.

    Generating and grading never use the exchange, but nbgrader checks one is writable and otherwise
    prints "Unwritable directory, please contact your instructor". Unless the course names one (or the
    system-wide default is writable), it gets a private, empty folder of its own (a :func:`private_temp`:
    0700, so no other user on the machine can use or block it), removed when the block ends, however it
    ends.
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    _bin_on_path()
    config = load_config(root, **overrides)
    default_exchange = Path("/usr/local/share/nbgrader/exchange")
    with contextlib.ExitStack() as stack:
        if "root" not in config.Exchange and not os.access(default_exchange, os.W_OK):
            config.Exchange.root = str(stack.enter_context(private_temp("exchange")))
        quiet = logging.getLogger("nbgrader-workshop")
        yield NbGraderAPI(coursedir=CourseDirectory(config=config), config=config, log=quiet)


def _remove(folder: Path) -> None:
    """Remove ``folder`` even where nbgrader made files or folders read-only."""
    def unlock(function, path, _exc):
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(path), stat.S_IRWXU)
            os.chmod(path, stat.S_IRWXU)
            function(path)

    shutil.rmtree(folder, onerror=unlock)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def remove_stale(prefix: str) -> list[Path]:
    """Remove this user's ``<prefix><pid>-*`` temporary folders whose process is gone (one killed by
    SIGKILL, or a machine that lost power, could not clean up after itself)."""
    removed = []
    uid = os.getuid() if hasattr(os, "getuid") else None
    for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*-*"):
        pid = folder.name[len(prefix):].split("-", 1)[0]
        try:
            info = folder.lstat()
        except OSError:
            continue
        if (not pid.isdigit() or not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid != uid)
                or _alive(int(pid))):
            continue
        _remove(folder)
        removed.append(folder)
    return removed


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP (``kill``, a closed terminal) interrupt it as Ctrl-C does,
    so its ``finally`` clauses run. At the end each handler is put back, unless the block set another
    meanwhile (e.g. ignoring further signals while it cleans up after one: that choice stands)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGHUP"):
        yield
        return

    def interrupted(*_):
        raise KeyboardInterrupt

    old = {number: signal.signal(number, interrupted) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in old.items():
            if signal.getsignal(number) is interrupted:
                signal.signal(number, handler)


@contextlib.contextmanager
def private_temp(kind: str) -> Iterator[Path]:
    """A private temporary folder (0700, in the system's temporary folder) for work that holds hidden
    tests (a temporary course, sanitised feedback sources). It is removed when the block ends, however
    it ends: normally, by an error, by Ctrl-C, SIGTERM or SIGHUP. A folder left by a process killed
    outright (SIGKILL) is named after that process and removed by the same user's next run of any
    command that uses one."""
    prefix = f"workshop-{kind}-"
    remove_stale(prefix)
    with signals_interrupt():
        folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))
        try:
            yield folder
        finally:
            blocked = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP} if hasattr(signal, "pthread_sigmask") else set()
            if blocked and threading.current_thread() is threading.main_thread():
                signal.pthread_sigmask(signal.SIG_BLOCK, blocked)  # a second Ctrl-C must not stop the clean-up
            else:
                blocked = set()
            try:
                _remove(folder)
            finally:
                if blocked:
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)


def assignments(root: Path) -> list[str]:
    """Module folders under solutions/ that hold a notebook."""
    source = Path(root) / "solutions"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))) if source.exists() else []


def _pick(root: Path, names: Iterable[str] | None) -> list[str]:
    known = assignments(root)
    chosen = list(names or known)
    unknown = [n for n in chosen if n not in known]
    if unknown:
        raise WorkshopError(f"No module {unknown[0]!r} in solutions/. Modules: {', '.join(known) or 'none'}.")
    return chosen


def checked(result: Mapping, what: str) -> None:
    if not result.get("success"):
        if "KeyboardInterrupt" in (result.get("error") or "") + (result.get("log") or ""):
            # nbgrader's API catches Ctrl-C (and SIGTERM, turned into one by signals_interrupt) and reports it
            # as a failure: it is the facilitator stopping us.
            raise KeyboardInterrupt
        detail = (result.get("error") or result.get("log") or "").strip().splitlines()[-12:]
        raise WorkshopError(f"nbgrader could not {what}:\n" + "\n".join(detail))


def release(root: Path, names: Iterable[str] | None = None) -> list[str]:
    """Regenerate exercises/<module> from solutions/<module>; returns the modules released."""
    root = Path(root).resolve()
    chosen = _pick(root, names)
    with api(root, CourseDirectory={"ignore": IGNORED},
             GenerateAssignment={"preprocessors": _with_learner_metadata(load_config(root))}) as grader:
        for name in chosen:
            checked(grader.generate_assignment(name, force=True, create=True), f"generate the exercises of {name}")
    return chosen


def _with_learner_metadata(config) -> list:
    """generate_assignment's preprocessors as ``config`` sets them (nbgrader's own when it does not), ending with
    :func:`learner_metadata_preprocessor` unless they hold it already.

    The course's nbgrader_config.py adds it; a course configured otherwise (the class folder `workshop grade`
    writes, a facilitator's older copy) still gets a release with only the learner metadata.
    """
    from nbgrader.converters import GenerateAssignment

    section = config.GenerateAssignment
    chain = list(section.preprocessors if "preprocessors" in section
                 else GenerateAssignment.class_traits()["preprocessors"].default())
    if not any(getattr(step, "__name__", "") == "LearnerMetadata" for step in chain):
        chain.append(learner_metadata_preprocessor())
    return chain


def learner_metadata_preprocessor():
    """An nbconvert preprocessor for nbgrader's generate_assignment: the released notebook keeps only the
    learner part of the `workshop` metadata.

    nbgrader copies the solution's metadata whole, and the facilitator's part (instructor notes with the
    rubric's traps and the expected baselines, discussion prompts per item) is readable in JupyterLab's
    property inspector. Run in the converter, the stock `nbgrader generate_assignment` and the formgrader's
    Generate button give the same clean release as `workshop release`.
    """
    from nbgrader.preprocessors import NbGraderPreprocessor  # enabled by default, unlike nbconvert's base class

    from workshop_utils import editions

    class LearnerMetadata(NbGraderPreprocessor):  # release() finds it in a configuration by this name
        def preprocess(self, nb, resources):
            # An instructor note an author put in a graded source stays with the facilitator, as in the lessons.
            nb.cells = [cell for cell in nb.cells if editions.NOTE_TAG not in cell.get("metadata", {}).get("tags", [])]
            meta = nb.metadata.get("workshop")
            if meta is not None:
                nb.metadata["workshop"] = {key: meta[key] for key in editions.LEARNER_METADATA if key in meta}
                nb.metadata["workshop"]["edition"] = "learner"
            return nb, resources

    return LearnerMetadata


def _tree(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def temp_course(root: Path, names: Iterable[str], into: Path) -> Path:
    """A throwaway course folder holding copies of the chosen solutions (and the config).

    It holds hidden tests: ``into`` belongs in a :func:`private_temp` folder. The copies are the
    caller's own to write and remove, whatever the permissions of the course (a read-only course
    installed by an administrator, for instance).
    """
    into.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(root) / "nbgrader_config.py", into / "nbgrader_config.py")
    for name in names:
        shutil.copytree(Path(root) / "solutions" / name, into / "solutions" / name,
                        ignore=shutil.ignore_patterns(*IGNORED), copy_function=shutil.copyfile)
    for folder, _, _ in os.walk(into / "solutions"):
        os.chmod(folder, stat.S_IMODE(os.stat(folder).st_mode) | stat.S_IRWXU)
    return into


def release_drift(root: Path, names: Iterable[str] | None = None) -> list[str]:
    """Files under exercises/ that differ from what `workshop release` would generate."""
    root = Path(root).resolve()
    chosen = _pick(root, names)
    with private_temp("release") as tmp:
        course = temp_course(root, chosen, tmp / "course")
        release(course, chosen)
        problems = []
        for name in chosen:
            fresh = _tree(course / "exercises" / name)
            committed = _tree(root / "exercises" / name)
            for rel in sorted(set(fresh) | set(committed)):
                shown = f"exercises/{name}/{rel}"
                if rel not in committed:
                    problems.append(f"{shown} is missing")
                elif rel not in fresh:
                    problems.append(f"{shown} should not be there")
                elif not filecmp.cmp(fresh[rel], committed[rel], shallow=False):
                    problems.append(f"{shown} differs from its solution")
        return problems


@dataclass(frozen=True)
class CellScore:
    student: str
    assignment: str
    notebook: str
    grade_id: str
    score: float
    max_score: float
    needs_manual_grade: bool

    @property
    def item(self) -> str:
        return item_of(self.grade_id)


TEST_SUFFIXES = ("-self", "-graded")


def item_of(grade_id: str) -> str:
    for suffix in TEST_SUFFIXES:
        if grade_id.endswith(suffix):
            return grade_id[: -len(suffix)]
    return grade_id


def hand_graded(grade_id: str) -> bool:
    """A graded cell that is not a test: its points come from a person, answered or not (nbgrader
    flags ``needs_manual_grade`` only once there is an answer to grade)."""
    return not grade_id.endswith(TEST_SUFFIXES)


def read_scores(db_url: str, assignment: str, students: Iterable[str]) -> list[CellScore]:
    from nbgrader.api import Gradebook

    rows = []
    with Gradebook(db_url) as gradebook:
        for student in students:
            submission = gradebook.find_submission(assignment, student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    rows.append(CellScore(student, assignment, notebook.name, grade.name, float(grade.score or 0),
                                          float(grade.max_score), bool(grade.needs_manual_grade)))
    return rows


def autograde_folders(course: Path, assignment: str, submissions: Mapping[str, Path],
                      **overrides) -> list[CellScore]:
    """Autograde each ``student -> folder`` as a submission of ``assignment`` in the course at ``course``.

    The course must already hold the generated assignment (see :func:`release`).
    """
    course = Path(course).resolve()
    with api(course, **overrides) as grader:
        for student, folder in submissions.items():
            target = course / "submitted" / student / assignment
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(folder, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
            checked(grader.autograde(assignment, student, force=True, create=True),
                     f"autograde {student}'s {assignment}")
        return read_scores(grader.coursedir.db_url, assignment, submissions)


def totals(scores: Iterable[CellScore]) -> dict[str, dict[str, tuple[float, float]]]:
    """student -> item -> (score, max score)."""
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for s in scores:
        got, best = out.setdefault(s.student, {}).get(s.item, (0.0, 0.0))
        out[s.student][s.item] = (got + s.score, best + s.max_score)
    return out


def validate(root: Path, names: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Grade each module's solution and its blank release; module -> problems (empty = valid)."""
    root = Path(root).resolve()
    report: dict[str, list[str]] = {}
    for name in _pick(root, names):
        with private_temp("validate") as tmp:
            course = temp_course(root, [name], tmp / "course")
            release(course, [name])
            scores = autograde_folders(course, name, {
                "solution": course / "solutions" / name,
                "blank": course / "exercises" / name,
            })
        problems = []
        for student, items in totals(scores).items():
            for item, (got, best) in sorted(items.items()):
                manual = any(s.needs_manual_grade for s in scores if s.student == student and s.item == item)
                if student == "solution" and got < best and not manual:
                    problems.append(f"{item}: the solution scores {got:g} of {best:g}")
                if student == "blank" and got > 0:
                    problems.append(f"{item}: the blank release scores {got:g} (should be 0)")
        report[name] = problems
    return report


def failed_tests(notebook: Path) -> dict[str, str]:
    """grade id -> why that test cell failed, read from an autograded notebook.

    A check's failure is a :class:`~workshop_utils.checks.CheckFailed` whose message is the checker's
    own feedback (mark, reason, hint); any other error is shown as ``Name: message``.
    """
    import re

    import nbformat

    ansi = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
    nb = nbformat.read(Path(notebook), as_version=4)
    reasons = {}
    for cell in nb.cells:
        info = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not info.get("grade") or info.get("solution"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            name, message = output.get("ename", ""), ansi.sub("", output.get("evalue", "")).strip()
            if not message:
                message = ansi.sub("", "\n".join(output.get("traceback", []))).strip()
            if name not in ("CheckFailed", "AssertionError") or not message:
                message = f"{name}: {message}" if message else name
            reasons[info.get("grade_id", "")] = message
            break
    return reasons


@dataclass
class SelfGrade:
    """One participant's folder, graded: the scores and, per failing test cell, the reason it failed."""

    scores: list[CellScore]
    reasons: dict[str, str]


def self_grade(root: Path, module: str, folder: Path) -> SelfGrade:
    """Grade one participant's folder (e.g. exercises/01-...) exactly as a facilitator would.

    Runs in a temporary course in a :func:`private_temp` folder, so the participant's folder and the
    course are left untouched and no hidden test outlives the command (not even after Ctrl-C). The
    reasons come from the autograded notebook's failing test cells, read before the folder goes.
    """
    root = Path(root).resolve()
    (name,) = _pick(root, [module])
    folder = Path(folder)
    if not (folder / f"{name}.ipynb").exists():
        raise WorkshopError(f"No {name}.ipynb in {folder}. Point --folder at the folder holding your notebook "
                            "and its answers/ folder.")
    with private_temp("selfgrade") as tmp:
        course = temp_course(root, [name], tmp / "course")
        release(course, [name])
        scores = autograde_folders(course, name, {"you": folder})
        reasons: dict[str, str] = {}
        for notebook in sorted((course / "autograded" / "you" / name).glob("*.ipynb")):
            reasons.update(failed_tests(notebook))
        return SelfGrade(scores, reasons)
