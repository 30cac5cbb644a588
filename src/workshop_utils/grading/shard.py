"""Grading a class on several machines: ``workshop grade --shard I/N`` and ``workshop merge``.

A participant's slice depends only on their name and N (a hash of the student id they are graded
under), never on who else handed in: the same class cut into the same N slices always gives every
machine the same participants, and a late hand-in changes no one else's slice. Each slice is graded
into a folder of its own, which holds ``shard.json`` (which slice, of which course); ``merge`` joins
the N folders into one class folder that is the same as grading the class on one machine (see
:func:`merge` for what differs: only times and logs).
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from workshop_utils.errors import WorkshopError
from workshop_utils.grading import intake, pipeline, results, runlock

MANIFEST = "shard.json"
FORM = ("--shard takes I/N: this machine grades slice I of N (both whole numbers, 1 <= I <= N), e.g. "
        "--shard 1/4 on the first of four machines; on a Kubernetes Indexed Job, "
        "--shard $((JOB_COMPLETION_INDEX + 1))/N")
# Copied from each slice as they are: every participant's folder appears in one slice only.
PER_PARTICIPANT = ("results", "submitted", "autograded", "intake", "logs", "feedback")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, entry: Path) -> bool:
        """Whether this slice grades the entry ``entry`` of the submissions folder."""
        return slice_of(intake.participant_key(entry), self.count) == self.index


def parse(text: str) -> Shard:
    """``"I/N"`` -> Shard, or a WorkshopError that shows the form."""
    index, slash, count = str(text).strip().partition("/")
    if not slash or not index.strip().isdigit() or not count.strip().isdigit():
        raise WorkshopError(f"{FORM}; got --shard {text}.")
    shard = Shard(int(index), int(count))
    if not 1 <= shard.index <= shard.count:
        raise WorkshopError(f"{FORM}; got --shard {text}.")
    return shard


def slice_of(name: str, count: int) -> int:
    """The slice (1..count) of the participant ``name``: the same on every machine and in every run."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if any(fnmatch.fnmatch(part, pattern) for part in relative.parts for pattern in pipeline.IGNORED):
            continue
        digest.update(relative.as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def course_of(root: Path) -> dict:
    """What must be the same on every machine: the tools' version and the course's modules."""
    from workshop_utils import __version__

    return {"version": __version__, "modules": sorted(pipeline.assignments(root))}


def read_manifest(out: Path) -> dict | None:
    path = Path(out) / MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkshopError(f"{path} cannot be read ({type(exc).__name__}): grade that slice again into a new "
                            "folder.") from None


def check_output(out: Path, shard: Shard | None, root: Path) -> None:
    """Refuse to grade a slice into a folder that holds another slice, another course or a whole class."""
    found = read_manifest(out)
    if found is None:
        if shard is not None and (out / "results").is_dir() and any((out / "results").iterdir()):
            raise WorkshopError(f"{out} holds a class graded on one machine: grade slice {shard} into a new folder.")
        return
    was = Shard(found["shard"], found["of"])
    if shard is None:
        raise WorkshopError(f"{out} holds slice {was} of a class (graded with --shard {was}): run the same command "
                            f"with --shard {was}, or `workshop merge` the slices, or grade the whole class into a "
                            "new folder.")
    if was != shard:
        raise WorkshopError(f"{out} holds slice {was}, not {shard}: give each slice a folder of its own, e.g. "
                            f"--out graded-{shard.index}.")
    if found.get("course") != course_of(root):
        raise WorkshopError(f"{out} was graded with another version of the course: grade slice {shard} into a new "
                            "folder (and every other slice with this version too).")


def write_manifest(out: Path, shard: Shard, root: Path, needed: list[str], students: set[str]) -> None:
    """``shard.json``: which slice this is, of which course, and what it graded."""
    from workshop_utils import files

    graded = {module: _tree_hash(out / "solutions" / module) for module in sorted(needed)
              if (out / "solutions" / module).is_dir()}
    files.write_text(out / MANIFEST, json.dumps({"shard": shard.index, "of": shard.count, "course": course_of(root),
                                                 "modules": graded, "students": sorted(students)}, indent=1))


# ----- merge -----------------------------------------------------------------------------------------

def _load(folders: list[Path]) -> list[tuple[Path, dict]]:
    loaded = []
    for folder in folders:
        if not folder.is_dir():
            raise WorkshopError(f"{folder} is not a folder: give the --out folders of `workshop grade --shard I/N`.")
        manifest = read_manifest(folder)
        if manifest is None:
            raise WorkshopError(f"{folder} is not a slice of a class (no {MANIFEST}): give only the --out folders "
                                "of `workshop grade --shard I/N`.")
        loaded.append((folder, manifest))
    return loaded


def _check_slices(loaded: list[tuple[Path, dict]]) -> None:
    """The slices are one class cut once: same N, same course, each slice once, no one in two."""
    first, base = loaded[0]
    counts = {m["of"] for _, m in loaded}
    if len(counts) > 1:
        listed = ", ".join(f"{f} is {m['shard']}/{m['of']}" for f, m in loaded)
        raise WorkshopError(f"These folders are slices of different cuts of the class ({listed}): merge the N "
                            "folders of one `--shard I/N` run, all with the same N.")
    count = base["of"]
    seen: dict[int, Path] = {}
    for folder, manifest in loaded:
        if manifest["shard"] in seen:
            raise WorkshopError(f"{seen[manifest['shard']]} and {folder} are both slice {manifest['shard']}/{count}: "
                                "they overlap. Give each slice once.")
        seen[manifest["shard"]] = folder
    missing = sorted(set(range(1, count + 1)) - set(seen))
    if missing:
        raise WorkshopError(f"Slice{'s' if len(missing) > 1 else ''} {', '.join(f'{i}/{count}' for i in missing)} "
                            f"{'are' if len(missing) > 1 else 'is'} missing: grade "
                            f"{'them' if len(missing) > 1 else 'it'} (--shard {missing[0]}/{count}) and merge all "
                            f"{count} folders.")
    for folder, manifest in loaded[1:]:
        if manifest["course"] != base["course"]:
            raise WorkshopError(f"{first} and {folder} were graded with different versions of the course (tools "
                                f"{base['course']['version']} vs {manifest['course']['version']}, or another set of "
                                "modules): grade every slice with the same version of the course, then merge.")
    solutions: dict[str, tuple[str, Path]] = {}
    students: dict[str, Path] = {}
    for folder, manifest in loaded:
        for module, digest in manifest["modules"].items():
            was = solutions.setdefault(module, (digest, folder))
            if was[0] != digest:
                raise WorkshopError(f"{was[1]} and {folder} graded {module} with different solutions (hidden tests): "
                                    "grade every slice with the same version of the course, then merge.")
        for student in manifest["students"]:
            if students.setdefault(student, folder) != folder:
                raise WorkshopError(f"{student} is in both {students[student]} and {folder}: the slices overlap, "
                                    "so they are not one cut of the class. Grade the slices again from one "
                                    "submissions folder, then merge.")


def _check_target(out: Path, folders: list[Path]) -> None:
    for folder in folders:
        if out == folder or folder in out.parents or out in folder.parents:
            raise WorkshopError(f"Merge into a new folder, not into or around a slice ({folder}): e.g. --out graded.")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise WorkshopError(f"{out} exists and is not empty: merge into a new folder (or remove {out} first; it may "
                            "hold hand grades).")


def merge(folders: list[Path], out: Path) -> dict:
    """Join the N slices into ``out``, one class folder as if graded on one machine.

    Same as grading unsharded: grades.csv, items.csv, rejected.json, the gradebook's students,
    submissions and scores (hand grades given in a slice's formgrader included), each result (but
    its ``seconds``), submitted/, autograded/, intake/ and feedback/. Run-specific: each result's
    ``seconds``, grade.log (the slices' logs one after another) and logs/ (each worker's log).
    Returns counts for the summary line.
    """
    from workshop_utils.grading import classgrade

    folders = [Path(f).resolve() for f in folders]
    out = Path(out).resolve()
    if len(folders) < 1:
        raise WorkshopError("Give the --out folder of every slice, e.g. "
                            "`workshop merge graded-1 graded-2 --out graded`.")
    loaded = _load(folders)
    _check_slices(loaded)
    _check_target(out, folders)
    with contextlib.ExitStack() as stack:
        for folder in folders:  # no slice is being graded while it is merged
            stack.enter_context(runlock.holding(folder))
        classgrade.keep_private(out)
        (out / "nbgrader_config.py").write_text(classgrade.config_text(folders[0]), encoding="utf-8")
        course_modules = loaded[0][1]["course"]["modules"]
        needed = {m for _, manifest in loaded for m in manifest["modules"]} or set(course_modules)
        taken: set[str] = set()
        for folder, _ in sorted(loaded, key=lambda pair: pair[1]["shard"]):
            mine = sorted(m for m in needed - taken if (folder / "solutions" / m).is_dir())
            if mine:
                classgrade.prepare(folder, out, mine)  # the slice's own copy of the solutions, released again
                taken.update(mine)
        shutil.rmtree(out / ".work", ignore_errors=True)
        rejected = []
        for folder, _ in sorted(loaded, key=lambda pair: pair[1]["shard"]):
            for name in PER_PARTICIPANT:
                if (folder / name).is_dir():
                    shutil.copytree(folder / name, out / name, symlinks=True, dirs_exist_ok=True)
            rejected += results.load_rejected(folder)
            if (folder / "grade.log").exists():
                with open(out / "grade.log", "ab") as log:
                    log.write((folder / "grade.log").read_bytes())
        refused = [intake.Rejected(r["student"], r["module"], r["reason"]) for r in rejected]
        results.save_rejected(out, refused)
        merged = results.load_results(out)
        for result in merged:
            results.record(out, result, changed=False, log=False)
        hand = _carry_hand_grades([f for f, _ in loaded], out)
        results.write_csv(out)
    return {"slices": len(loaded), "results": len(merged), "rejected": len(refused), "hand_grades": hand}


def _carry_hand_grades(folders: list[Path], out: Path) -> int:
    """Hand grades given in a slice's formgrader, into the class gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    given = {}
    for folder in folders:
        given.update(results.hand_grades(folder))
    if not given:
        return 0
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        for (student, module, grade_id), score in sorted(given.items()):
            submission = gb.find_submission(module, student)
            for notebook in submission.notebooks:
                with contextlib.suppress(MissingEntry):
                    grade = gb.find_grade(grade_id, notebook.name, module, student)
                    grade.manual_score = score
                    grade.needs_manual_grade = False
        gb.db.commit()
    return len(given)
