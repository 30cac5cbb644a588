"""Updating the course keeps a learner's work: real git, a clone, work, a new upstream commit, `workshop update`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from workshop_utils.answers import AnswerStore

from .conftest import ROOT

EXERCISE = Path("exercises/01-output-vs-outcome/01-output-vs-outcome.ipynb")
LESSON = Path("notebooks/00-start-here.ipynb")
GIT_ID = ["-c", "user.name=Course Author", "-c", "user.email=author@example.invalid"]


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *GIT_ID, *args], cwd=cwd, capture_output=True, text=True, check=check)


def snapshot(dest: Path) -> Path:
    """A git repository holding the course's tracked files as they are in this working copy."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in filter(None, listed.stdout.split("\0")):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "The course")
    return dest


def cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def workshop(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("WORKSHOP_COURSE_ROOT", None)
    return subprocess.run([sys.executable, "-m", "workshop_utils.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def course(tmp_path):
    """(upstream, learner): the course published, and a learner's clone of it with work done in exercise 01."""
    upstream = snapshot(tmp_path / "upstream")
    learner = tmp_path / "learner"
    git(tmp_path, "clone", "-q", str(upstream), str(learner))
    # The learner works: a typed answer in the exercise notebook, saved; widget answers saved beside it.
    nb = nbformat.read(learner / EXERCISE, as_version=4)
    cell(nb, "delivery_rate-answer").source = "answer_delivery_rate = 0.42  # my own answer"
    nbformat.write(nb, learner / EXERCISE)
    AnswerStore("01-output-vs-outcome", learner / EXERCISE.parent).save("m01.classify", {"Launch the app": "output"})
    # The course moves on: a new commit changes the same exercise and the start-here lesson.
    nb = nbformat.read(upstream / EXERCISE, as_version=4)
    nb.cells[0].source += "\n\nA sentence added in the new version of the course."
    nbformat.write(nb, upstream / EXERCISE)
    lesson = nbformat.read(upstream / LESSON, as_version=4)
    lesson.cells[-1].source += "\n\nNew in this version."
    nbformat.write(lesson, upstream / LESSON)
    git(upstream, "commit", "-q", "-am", "A newer version of the course")
    return upstream, learner


def learner_work_is_there(learner: Path) -> None:
    nb = nbformat.read(learner / EXERCISE, as_version=4)
    assert cell(nb, "delivery_rate-answer").source == "answer_delivery_rate = 0.42  # my own answer"
    saved = AnswerStore("01-output-vs-outcome", learner / EXERCISE.parent)
    assert saved.get("m01.classify") == {"Launch the app": "output"}


def test_a_plain_git_pull_is_what_goes_wrong_today(course):
    _, learner = course
    pulled = git(learner, "pull", "-q", check=False)
    assert pulled.returncode != 0 and "would be overwritten" in pulled.stderr


def test_workshop_update_brings_the_new_course_and_keeps_the_learners_work(course):
    upstream, learner = course
    done = workshop(learner, "update")
    assert done.returncode == 0, done.stdout + done.stderr
    # The course is the new version...
    assert git(learner, "rev-parse", "HEAD").stdout == git(upstream, "rev-parse", "HEAD").stdout
    assert "New in this version." in nbformat.read(learner / LESSON, as_version=4).cells[-1].source
    # ...and the learner's notebook edits and saved answers are still there.
    learner_work_is_there(learner)
    status = git(learner, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    assert status == [f" M {EXERCISE.as_posix()}"], status
    # The course's new version of the exercise they had worked in is kept for them, and the output says where.
    newer = list((learner / "backups").glob(f"*/new-course-version/{EXERCISE.as_posix()}"))
    assert len(newer) == 1 and "added in the new version" in nbformat.read(newer[0], as_version=4).cells[0].source
    assert str(EXERCISE) in done.stdout and "yours is kept" in done.stdout
    assert list((learner / "backups").glob(f"*/yours/{EXERCISE.as_posix()}"))
    # Running it again is harmless.
    again = workshop(learner, "update")
    assert again.returncode == 0 and "already up to date" in again.stdout
    learner_work_is_there(learner)


def test_an_update_that_cannot_apply_changes_nothing(course):
    upstream, learner = course
    git(learner, "commit", "-q", "-am", "the learner committed their work")  # history of their own
    before = (learner / EXERCISE).read_bytes()
    done = workshop(learner, "update")
    assert done.returncode == 2 and "commits of its own" in done.stderr
    assert (learner / EXERCISE).read_bytes() == before
    learner_work_is_there(learner)


def test_a_folder_that_is_not_a_clone_is_told_what_to_do(tmp_path):
    from workshop_utils import update
    from workshop_utils.errors import WorkshopError

    with pytest.raises(WorkshopError, match="not a git clone"):
        update.update(tmp_path)


OLD_LESSON = Path("notebooks/01-output-vs-outcome.ipynb")  # the lesson's name before lessons became NN-lesson-slug
NEW_LESSON = Path("notebooks/01-lesson-output-vs-outcome.ipynb")


def test_a_lesson_the_course_renamed_keeps_the_learners_edits_and_answers(tmp_path):
    """A learner on the course from before the rename (lessons in notebooks/ named like their exercise,
    instructor notes inside) edited a lesson and answered its widgets; the update renames it."""
    upstream = snapshot(tmp_path / "upstream")
    # The course as it was: each lesson, notes included, at its old name in notebooks/; no instructor/.
    for source in sorted((upstream / "instructor").glob("*.ipynb")):
        old = source.name.replace("-lesson-", "-")
        git(upstream, "rm", "-q", f"notebooks/{source.name}")
        git(upstream, "mv", f"instructor/{source.name}", f"notebooks/{old}")
    git(upstream, "commit", "-q", "-m", "The course before the rename")
    learner = tmp_path / "learner"
    git(tmp_path, "clone", "-q", str(upstream), str(learner))
    lesson = nbformat.read(learner / OLD_LESSON, as_version=4)
    lesson.cells.append(nbformat.v4.new_markdown_cell("My own note on the lesson."))
    nbformat.write(lesson, learner / OLD_LESSON)
    AnswerStore("01-output-vs-outcome", learner / OLD_LESSON.parent).save("m01.practice_sort", {"A": "output"})
    # The course moves on to today's layout (the commit before, restored), with git's rename.
    git(upstream, "revert", "--no-edit", "HEAD")

    done = workshop(learner, "update")
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(learner, "rev-parse", "HEAD").stdout == git(upstream, "rev-parse", "HEAD").stdout
    # Their edited lesson is still there, under its old name, with their note; nothing else of theirs is lost.
    kept = nbformat.read(learner / OLD_LESSON, as_version=4)
    assert kept.cells[-1].source == "My own note on the lesson."
    assert (learner / NEW_LESSON).is_file() and (learner / "instructor" / NEW_LESSON.name).is_file()
    assert list((learner / "backups").glob(f"*/yours/{OLD_LESSON.as_posix()}"))
    status = git(learner, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    assert status == [f"?? {OLD_LESSON.as_posix()}"], status
    # The update says where the new lesson is, in the learner's folder (not the facilitator's edition).
    assert f"renamed {OLD_LESSON.as_posix()} to {NEW_LESSON.as_posix()}" in done.stdout, done.stdout
    # Widget answers saved in the old lesson come back in the renamed one, which saves under the same name.
    saved = AnswerStore("01-output-vs-outcome", learner / NEW_LESSON.parent)
    assert saved.get("m01.practice_sort") == {"A": "output"}
    code = "\n".join(c.source for c in nbformat.read(learner / NEW_LESSON, as_version=4).cells)
    assert 'NOTEBOOK = "01-output-vs-outcome"' in code
