"""Notebook hygiene (python-public-policy style): committed clean, one H1, metadata, alt text."""

import re

import nbformat
import pytest

from .conftest import ROOT, all_notebooks, notebooks

NOTEBOOKS = all_notebooks()
IDS = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]
# Facilitator metadata lives in the sources: the instructor edition of the lessons and the graded sources.
LESSONS = notebooks("instructor") + notebooks("solutions")
REQUIRED_METADATA = {"module": str, "title": str, "questions": list, "objectives": list, "keypoints": list,
                     "teaching_minutes": int, "exercise_minutes": int, "discussion": list}


def read(path):
    return nbformat.read(path, as_version=4)


def test_there_are_notebooks_in_every_folder():
    for folder in ("notebooks", "instructor", "solutions", "exercises"):
        assert notebooks(folder), f"{folder}/ has no notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_clean_with_kernelspec(path):
    nb = read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"outputs left in a cell of {path.name}"
            assert cell.execution_count is None
        assert not cell.get("attachments"), "attachments bloat notebooks; put images under docs/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exactly_one_h1_and_it_comes_first(path):
    nb = read(path)
    h1 = [line for cell in nb.cells if cell.cell_type == "markdown"
          for line in cell.source.splitlines() if re.match(r"^# \S", line)]
    assert len(h1) == 1, f"{path.name} has {len(h1)} level-1 headings: {h1}"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_image_has_alt_text(path):
    for cell in read(path).cells:
        if cell.cell_type != "markdown":
            continue
        for alt in re.findall(r"!\[([^\]]*)\]\(", cell.source):
            assert alt.strip(), f"an image in {path.name} has no alt text"
        for tag in re.findall(r"<img\b[^>]*>", cell.source, flags=re.I):
            assert re.search(r'alt="[^"]+"', tag), f"<img> without alt text in {path.name}"


@pytest.mark.parametrize("path", LESSONS, ids=[str(p.relative_to(ROOT)) for p in LESSONS])
def test_module_metadata_is_complete(path):
    meta = read(path).metadata.get("workshop")
    assert meta, f"{path.name} has no 'workshop' metadata"
    for key, kind in REQUIRED_METADATA.items():
        assert isinstance(meta.get(key), kind), f"{path.name}: workshop.{key} should be a {kind.__name__}"
    for key in ("questions", "objectives", "keypoints"):
        assert meta[key] and all(isinstance(x, str) and x for x in meta[key])
    assert meta["teaching_minutes"] + meta["exercise_minutes"] > 0
    assert path.stem.startswith(meta["module"] + "-")


@pytest.mark.parametrize("path", notebooks("instructor"), ids=[p.name for p in notebooks("instructor")])
def test_lessons_carry_instructor_notes_and_key_points(path):
    nb = read(path)
    notes = [c for c in nb.cells if "instructor-note" in c.metadata.get("tags", [])]
    assert notes and all(c.source.startswith("> **Instructor note**") for c in notes)
    assert any("## Key points" in c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_graded_module_has_a_lesson():
    from workshop_utils import editions

    lessons = {p.name for p in notebooks("instructor")}
    for source in notebooks("solutions"):
        lesson = editions.lesson_name(source.parent.name)
        assert lesson in lessons, f"solutions/{source.parent.name} has no lesson instructor/{lesson}"
        assert source.parent.name == source.stem, "one notebook per module folder, named like the folder"


def test_graded_cells_follow_the_naming_convention():
    for path in notebooks("solutions"):
        ids = [c.metadata["nbgrader"]["grade_id"] for c in read(path).cells if "nbgrader" in c.metadata]
        assert len(ids) == len(set(ids)), "grade ids are unique"
        for cell in read(path).cells:
            info = cell.metadata.get("nbgrader", {})
            if info.get("grade") and not info.get("solution"):
                assert info["grade_id"].endswith(("-self", "-graded")), info["grade_id"]


def test_no_answers_or_checkpoints_committed():
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
    assert not [t for t in tracked if "/answers/" in t or ".ipynb_checkpoints" in t or t.endswith("gradebook.db")]


@pytest.mark.slow
def test_exercises_match_solutions():
    from workshop_utils.grading import pipeline

    assert pipeline.release_drift(ROOT) == []


def test_each_rubric_lives_only_in_its_question():
    """A hand-graded cell has a question with a rubric, and no notebook keeps a second copy to drift."""
    from workshop_utils import guide

    for path in notebooks("solutions"):
        nb = read(path)
        assert "rubrics" not in nb.metadata["workshop"], f"{path.name}: the rubric belongs in the question only"
        found = guide.rubrics(path, nb.metadata["workshop"]["module"])
        assert found, f"{path.name} has no hand-graded item"
        for item, rubric in found:
            assert rubric, f"m{nb.metadata['workshop']['module']}.{item} is graded by hand and needs a rubric"


def test_facilitator_guide_is_current():
    from workshop_utils import guide

    assert guide.is_current(ROOT), "docs/facilitator-guide.md is out of date: run `workshop guide` and commit it"
    text = (ROOT / "docs" / "facilitator-guide.md").read_text()
    assert "| 09:00 |" in text and "Rubric for `reframe`" in text


def test_self_checks_do_not_stop_run_all():
    """JupyterLab's Run All stops at the first error; failing self-checks are expected, so they are tagged."""
    for folder in ("solutions", "exercises"):
        for path in notebooks(folder):
            for cell in read(path).cells:
                if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-self"):
                    assert "raises-exception" in cell.metadata.get("tags", []), (path.name, cell.metadata)


@pytest.mark.parametrize("path", notebooks("exercises"), ids=lambda p: p.parent.name)
def test_released_exercises_carry_no_facilitator_metadata(path):
    """nbgrader copies the solution's metadata; the release keeps only what a learner's copy needs."""
    meta = nbformat.read(path, as_version=4).metadata["workshop"]
    assert not {"instructor_notes", "item_prompts", "discussion", "rubrics"} & set(meta), sorted(meta)
