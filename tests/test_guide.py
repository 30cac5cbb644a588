"""`workshop guide`: the facilitator guide from the notebooks' metadata, on the real course and on a
copy whose metadata a test changes."""

from __future__ import annotations

import datetime as dt
import shutil

import nbformat
import pytest

from workshop_utils import checks, guide

from .conftest import ROOT


def _minutes(clock: str) -> int:
    hours, minutes = map(int, clock.split(":"))
    return 60 * hours + minutes


def _meta(path):
    return nbformat.read(path, as_version=4).metadata["workshop"]


@pytest.fixture
def course(tmp_path):
    """A copy of the course's lessons (instructor edition), graded sources and committed guide."""
    for folder in ("instructor", "solutions"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (tmp_path / "docs").mkdir()
    shutil.copy2(ROOT / guide.GUIDE, tmp_path / guide.GUIDE)
    return tmp_path


def _edit(path, **changes) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata["workshop"].update(changes)
    nbformat.write(nb, path)


def test_the_agenda_adds_up():
    rows = guide.agenda(ROOT)
    assert rows[0][0] == "09:00" and rows[-1][1:] == (0, "End of the day")
    for (clock, minutes, _), (next_clock, _, _) in zip(rows, rows[1:], strict=False):
        assert _minutes(next_clock) == _minutes(clock) + minutes, "each slot starts where the last ended"
    lessons = sorted((ROOT / "instructor").glob("*.ipynb"))
    for path in lessons:
        meta = _meta(path)
        title = f"{meta['module']} {meta['title']}"
        lesson = next(r for r in rows if r[2] == f"{title}: lesson and practice")
        assert lesson[1] == meta["teaching_minutes"] + meta["exercise_minutes"]
        if meta.get("graded"):
            graded = _meta(ROOT / "solutions" / meta["graded"] / f"{meta['graded']}.ipynb")
            exercises = next(r for r in rows if r[2].startswith(f"{title}: graded exercises"))
            assert exercises[1] == graded["exercise_minutes"] and f"`exercises/{meta['graded']}`" in exercises[2]
            assert any(r[2] == f"{title}: grade and debrief (`workshop grade`, `workshop report`)"
                       and r[1] == guide.DEBRIEF_MINUTES for r in rows)
    breaks = [r for r in rows if r[2] in ("Coffee break", "Lunch")]
    assert breaks and all(_minutes(r[0]) >= 10 * 60 + 30 for r in breaks), "no break before the first one is due"


def test_the_agenda_starts_when_asked():
    early, usual = guide.agenda(ROOT, start=dt.time(8, 0)), guide.agenda(ROOT)
    assert early[0][0] == "08:00"
    breaks = ("Coffee break", "Lunch")  # where a break falls depends on the start
    assert [r[2] for r in early if r[2] not in breaks] == [r[2] for r in usual if r[2] not in breaks]


def test_the_guide_quotes_every_lesson_and_rubric():
    text = guide.render(ROOT)
    assert text.startswith("# Facilitator guide\n") and text.endswith("\n") and not text.endswith("\n\n")
    for path in sorted((ROOT / "instructor").glob("*.ipynb")):
        meta = _meta(path)
        assert f"## {meta['module']} {meta['title']}\n" in text
        for key in ("objectives", "keypoints", "questions"):
            for line in meta[key]:
                assert f"- {line}\n" in text
        for i, prompt in enumerate(meta.get("discussion", []), 1):
            assert f"{i}. {prompt}\n" in text
        assert meta["instructor_notes"] in text, "the guide reads the instructor edition, notes included"
        assert f"`instructor/{path.name}`" in text
    for path in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        module = _meta(path)["module"]
        for item, rubric in guide.rubrics(path, module):
            assert rubric == dict(checks.question(f"m{module}.{item}").rubric)
            block = text.split(f"**Rubric for `{item}` (graded by hand)**")[1].split("\n\n")[1]
            assert block.splitlines()[2:] == [f"| {c} | {t} |" for c, t in rubric.items()], \
                "the guide quotes the question's rubric, in its author's order"
    contact = sum(m for _, m, what in guide.agenda(ROOT) if "break" not in what.lower() and what != "Lunch")
    assert f"About {contact // 60} h {contact % 60:02d} min of contact time." in text


def test_the_committed_guide_is_current():
    assert guide.is_current(ROOT)


def test_a_changed_notebook_makes_the_guide_stale_until_written(course):
    assert guide.is_current(course)
    lesson = course / "instructor" / "02-lesson-reframing-deliverables.ipynb"
    before = guide.agenda(course)
    _edit(lesson, discussion=["Who would notice if <this> deliverable | vanished?"], teaching_minutes=95)
    assert not guide.is_current(course)
    text = guide.render(course)
    assert "1. Who would notice if <this> deliverable | vanished?\n" in text
    after = guide.agenda(course)
    assert _minutes(after[-1][0]) >= _minutes(before[-1][0]) + 60, "the day grows with the lesson"
    assert any(what == "Lunch" for _, _, what in after), "a longer morning reaches lunch"
    guide.write(course)
    assert guide.is_current(course)
    assert (course / guide.GUIDE).read_text(encoding="utf-8") == text


def test_a_lesson_without_graded_exercises_has_no_grading_slot(course):
    _edit(course / "instructor" / "02-lesson-reframing-deliverables.ipynb", graded=None)
    rows = guide.agenda(course)
    assert not any(what.startswith("02 ") and "graded exercises" in what for _, _, what in rows)
    assert "### Graded exercises: `exercises/02-reframing-deliverables`" not in guide.render(course)
    assert "### Graded exercises: `exercises/01-output-vs-outcome`" in guide.render(course)


def test_a_missing_guide_is_not_current(course):
    (course / guide.GUIDE).unlink()
    assert not guide.is_current(course)
