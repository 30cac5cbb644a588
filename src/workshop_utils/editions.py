"""Two editions of every lesson from one source (``workshop lessons``), like the Carpentries instructor view.

Facilitators and authors work in ``instructor/``: the lessons with their instructor notes (markdown cells
tagged ``instructor-note``) and the facilitator metadata (``instructor_notes``, discussion prompts) that
``workshop guide`` reads. Participants open ``notebooks/``, which is GENERATED from it: the same cells with
the same ids, minus the instructor notes and minus every metadata key a participant has no use for. An
allow-list, not a deny-list, so a facilitator key added later stays out of the learner's notebook until
someone decides it belongs there. ``workshop lessons --check`` (and a test) fails when ``notebooks/`` is
not exactly what this module makes, as ``workshop release --check`` does for ``exercises/``.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from workshop_utils import files
from workshop_utils.errors import WorkshopError

INSTRUCTOR = "instructor"  # the source: lessons with instructor notes
LEARNER = "notebooks"  # the learner edition, generated
NOTE_TAG = "instructor-note"
# The `workshop` metadata a learner's notebook keeps: what the lesson itself shows in its first cell.
LEARNER_METADATA = ("module", "title", "graded", "questions", "objectives", "keypoints",
                    "teaching_minutes", "exercise_minutes")


def lesson_name(module_folder: str) -> str:
    """The lesson notebook of a graded module: ``01-output-vs-outcome`` -> ``01-lesson-output-vs-outcome.ipynb``.

    The lesson's name differs from its exercise's at the start, so two tabs never read the same even when
    JupyterLab shortens long titles at the end."""
    number, _, slug = module_folder.partition("-")
    return f"{number}-lesson-{slug}.ipynb"


def sources(root: Path) -> list[Path]:
    """The instructor edition's lessons, in course order."""
    found = sorted((Path(root) / INSTRUCTOR).glob("*.ipynb"))
    if not found:
        raise WorkshopError(f"No lessons in {INSTRUCTOR}/: run this in the course folder, whose {INSTRUCTOR}/ "
                            "holds the lessons with instructor notes.")
    return found


def learner_edition(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook a participant opens: no instructor notes, only learner-facing metadata, cell ids kept."""
    out = copy.deepcopy(nb)
    out.cells = [cell for cell in out.cells if NOTE_TAG not in cell.get("metadata", {}).get("tags", [])]
    meta = out.metadata.get("workshop")
    if meta is not None:
        out.metadata["workshop"] = {key: meta[key] for key in LEARNER_METADATA if key in meta}
        out.metadata["workshop"]["edition"] = "learner"
    return out


def render(source: Path) -> str:
    """The learner edition of ``source`` as the exact text committed in ``notebooks/``."""
    try:
        nb = nbformat.read(source, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a damaged file
        raise WorkshopError(f"{source} is not a readable notebook ({exc}). Fix it (or restore it with "
                            f"`git checkout -- {source}`) and run `workshop lessons` again.") from exc
    return nbformat.writes(learner_edition(nb)) + "\n"


def drift(root: Path) -> list[str]:
    """Why ``notebooks/`` is not exactly the learner edition of ``instructor/`` (empty when it is)."""
    root = Path(root)
    problems = []
    expected = {path.name: path for path in sources(root)}
    for name, source in expected.items():
        target = root / LEARNER / name
        if not target.is_file():
            problems.append(f"{LEARNER}/{name} is missing")
        elif target.read_text(encoding="utf-8") != render(source):
            problems.append(f"{LEARNER}/{name} differs from the learner edition of {INSTRUCTOR}/{name}")
    for extra in sorted((root / LEARNER).glob("*.ipynb")):
        if extra.name not in expected:
            problems.append(f"{LEARNER}/{extra.name} has no source in {INSTRUCTOR}/ (add it there, or delete it)")
    return problems


def write(root: Path) -> list[str]:
    """Write the learner edition of every lesson in ``instructor/`` to ``notebooks/``; returns what was written."""
    root = Path(root)
    (root / LEARNER).mkdir(exist_ok=True)
    written = []
    for source in sources(root):
        target = root / LEARNER / source.name
        text = render(source)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            files.write_text(target, text)
            written.append(f"{LEARNER}/{source.name}")
    return written
