"""Update a cloned course to its newest version without losing the learner's work (``workshop update``).

A self-learner works in the course's own notebooks (``notebooks/``, ``exercises/NN-slug/``), so the files
git tracks change as they save. A plain ``git pull`` then refuses ("your local changes would be
overwritten"), or, once that is forced, leaves a notebook full of conflict markers that JupyterLab cannot
open. This module does the safe sequence instead:

1. copy every file the learner changed, and every ``answers/`` folder, to ``backups/<time>/`` (ignored by git);
2. put those files back to the course's version, and fast-forward to the newest course (``git merge --ff-only``);
3. put the learner's files back where they were: their notebook wins, and where the course changed the same
   file, the course's new version is kept beside the backup for them to compare. Where the course renamed or
   removed a file the learner changed (lessons were renamed ``NN-lesson-slug`` so that a lesson and its exercise
   no longer open as tabs with the same name), theirs stays under its old name and the update names the new one.

Saved widget answers (``answers/``) are ignored by git and never touched by the update. If anything goes wrong
before the learner's files are back, they are put back from the backup and the update says what happened.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from workshop_utils.answers import ANSWERS_DIR
from workshop_utils.errors import WorkshopError

BACKUPS = "backups"
NOT_A_CLONE = ("This course folder is not a git clone, so it cannot update itself. Download the new version "
               "into a NEW folder, then copy your exercises/ folders (with their answers/ folders) and any "
               "notebooks you changed into it.")


@dataclass
class UpdateResult:
    """What an update did, for the command to report."""

    updated: bool = False
    old: str = ""
    new: str = ""
    kept: list[str] = field(default_factory=list)  # the learner's changed files, back in place
    also_changed: list[str] = field(default_factory=list)  # of those, files the course changed too
    moved: dict[str, str] = field(default_factory=dict)  # of those, files the course renamed ("" = removed)
    backup: Path | None = None

    def lines(self) -> list[str]:
        if not self.updated:
            out = ["The course is already up to date."]
        else:
            out = [f"Updated the course from {self.old[:7]} to {self.new[:7]}."]
        if self.kept:
            out.append(f"Your work is kept where it was ({len(self.kept)} file(s) you changed); saved widget "
                       "answers in answers/ folders are untouched.")
        for path in self.also_changed:
            out.append(f"  The course also changed {path}: yours is kept; the course's new version is in "
                       f"{Path(BACKUPS, self.backup.name, 'new-course-version', path)}.")
        for path, new in self.moved.items():
            if new:
                out.append(f"  The course renamed {path} to {new}: yours is kept under its old name, {path}; "
                           f"open {new} for the new version and copy across anything of yours you want there.")
            else:
                out.append(f"  The course no longer has {path}: yours is kept where it was.")
        if self.backup:
            out.append(f"A copy of your work from before the update is in {Path(BACKUPS, self.backup.name)}/.")
        return out


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise WorkshopError("git is not installed here, so the course cannot update itself. Install git, "
                            "or download the new version into a new folder and copy your work over.") from exc
    if check and done.returncode != 0:
        raise WorkshopError(f"git {args[0]} failed: {(done.stderr or done.stdout).strip()}")
    return done


def changed_files(root: Path) -> list[str]:
    """Tracked files the learner changed (edited, staged or deleted), relative to ``root``."""
    out = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=no").stdout
    paths = []
    entries = out.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if not entry:
            continue
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            i += 1  # a rename's second entry is its old name
        paths.append(path)
    return sorted(paths)


def _blob(root: Path, rev: str, path: str) -> str | None:
    done = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}:{path}", check=False)
    return done.stdout.strip() or None


def _renames(root: Path, old: str, new: str) -> dict[str, str]:
    """{old path: new path} for the files git sees renamed between two commits. A rename into another folder
    (a lesson that moved to instructor/ while its learner edition took its place) is reported as the file of
    the same new name in the old folder when there is one: that is the one the learner opens."""
    out = _git(root, "diff", "--name-status", "-z", "--find-renames", "--diff-filter=R", old, new).stdout
    fields = [f for f in out.split("\0") if f]
    renames = {}
    for i in range(0, len(fields) - 2, 3):
        source, target = fields[i + 1], fields[i + 2]
        beside = Path(source).parent / Path(target).name
        renames[source] = beside.as_posix() if (root / beside).is_file() else target
    return renames


def update(root: Path, fetch: bool = True, now: _dt.datetime | None = None) -> UpdateResult:
    """Bring the clone at ``root`` to its upstream's newest commit, keeping the learner's files."""
    root = Path(root)
    if _git(root, "rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
        raise WorkshopError(NOT_A_CLONE)
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.strip())
    git_dir = Path(_git(root, "rev-parse", "--absolute-git-dir").stdout.strip())
    if any((git_dir / name).exists() for name in ("MERGE_HEAD", "rebase-merge", "rebase-apply")):
        raise WorkshopError("git is in the middle of a merge or rebase in this folder. Ask for help, or run "
                            "`git merge --abort` (or `git rebase --abort`) and try again.")
    if _git(top, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}", check=False).returncode != 0:
        raise WorkshopError("This clone has no upstream branch to update from (was it made with `git clone`?).")
    if fetch:
        _git(top, "fetch", "--quiet")
    result = UpdateResult(old=_git(top, "rev-parse", "HEAD").stdout.strip(),
                          new=_git(top, "rev-parse", "@{u}").stdout.strip())
    if _git(top, "merge-base", "--is-ancestor", "HEAD", "@{u}", check=False).returncode != 0:
        raise WorkshopError("This clone has commits of its own, so it cannot simply move to the new version. "
                            "Your files are untouched. Ask for help, or clone the course again into a new "
                            "folder and copy your exercises/ and answers/ folders into it.")
    if result.old == result.new:
        return result

    mine = changed_files(top)
    answer_dirs = [p for base in ("notebooks", "instructor", "exercises", "solutions")
                   for p in (top / base).rglob(ANSWERS_DIR)
                   if p.is_dir()] + ([top / ANSWERS_DIR] if (top / ANSWERS_DIR).is_dir() else [])
    stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    if mine or answer_dirs:
        result.backup = top / BACKUPS / stamp
        for path in mine:
            source = top / path
            if source.is_file():
                target = result.backup / "yours" / path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        for folder in answer_dirs:
            shutil.copytree(folder, result.backup / "yours" / folder.relative_to(top), dirs_exist_ok=True)

    def put_back() -> None:
        for path in mine:
            saved = result.backup / "yours" / path
            if saved.is_file():
                (top / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(saved, top / path)

    try:
        if mine:
            _git(top, "reset", "--quiet", "--", *mine)  # unstage, keeping the files
            _git(top, "checkout", "--", *mine)  # the course's version, so the fast-forward cannot refuse
        _git(top, "merge", "--ff-only", "--quiet", "@{u}")
    except WorkshopError as exc:
        put_back()
        raise WorkshopError(f"The update could not be applied ({exc}). Your files are as they were; a copy is "
                            f"in {BACKUPS}/{stamp}/.") from exc
    result.updated = True
    renames = _renames(top, result.old, result.new)
    for path in mine:
        if not (result.backup / "yours" / path).is_file():
            continue  # a file the learner deleted: the course's version stays, nothing of theirs is lost
        if not (top / path).exists() and _blob(top, result.new, path) is None:
            result.moved[path] = renames.get(path, "")  # put back under its old name, untracked
        if _blob(top, result.old, path) != _blob(top, result.new, path) and (top / path).is_file():
            target = result.backup / "new-course-version" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(top / path, target)
            result.also_changed.append(path)
        result.kept.append(path)
    put_back()
    return result
