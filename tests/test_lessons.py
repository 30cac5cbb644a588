"""What the lessons tell a learner to do works as the lesson says, in a real kernel."""

from __future__ import annotations

import re
import subprocess

import nbformat
import pytest

from .conftest import ROOT, execute, notebooks
from .test_update import git, snapshot

pytestmark = pytest.mark.slow

LESSONS = notebooks("notebooks")
# Code run in the lesson's kernel: the sorting widgets it shows (their answers live in a store).
SORTERS = ("_sorters = [v for v in list(globals().values())\n"
           "            if hasattr(v, 'controls') and hasattr(v, 'store') and getattr(v.question, 'labels', None)]\n")
# "restart ... then run the cell above again": the instruction a learner follows after a kernel restart.
RESTART_THEN_RUN = re.compile(r"restart\b.*?\brun the (cell|cells) above", re.IGNORECASE | re.DOTALL)


def restart_instructions(nb) -> list[tuple[int, list[int]]]:
    """(markdown cell index, [code cells it tells the learner to run after a restart]) for every such instruction."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        match = RESTART_THEN_RUN.search(cell.source)
        if not match:
            continue
        above = [i for i in range(index - 1, -1, -1) if nb.cells[i].cell_type == "code"]
        assert above, f"cell {index} says to run the cell above, but no code cell is above it"
        if match.group(1) == "cell":
            found.append((index, [above[0]]))
        else:  # "the cells above": every code cell since the previous heading
            heading = max((i for i in range(index) if nb.cells[i].cell_type == "markdown"
                           and nb.cells[i].source.lstrip().startswith("#")), default=-1)
            found.append((index, sorted(i for i in above if i > heading)))
    return found


def test_the_start_here_lesson_asks_for_a_restart():
    nb = nbformat.read(ROOT / "notebooks" / "00-start-here.ipynb", as_version=4)
    assert restart_instructions(nb), "00-start-here no longer tells the learner to restart and re-run: update this test"


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_cells_the_lesson_says_to_rerun_after_a_restart_run_in_a_fresh_kernel(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    instructions = restart_instructions(nb)
    if not instructions:
        pytest.skip(f"{path.name} never tells the learner to restart the kernel")
    # First the whole lesson, with a click on the first widget answer (as a learner would do), so that
    # there is a saved answer to come back.
    clicked = (SORTERS + "for _s in _sorters:\n"
               "    _item, _row = next(iter(_s.controls.items()))\n"
               "    _row.value = _s.question.labels[-1]\n"
               "print(len(_sorters))")
    ran = execute(path, tmp_path, extra_cells=[clicked])
    widgets_answered = int(ran.cells[-1].outputs[0]["text"])
    for _, cells in instructions:
        # Then, in a fresh kernel, exactly the cells the instruction names, in order, and nothing else.
        fresh = nbformat.v4.new_notebook(metadata=nb.metadata)
        fresh.cells = [nbformat.v4.new_code_cell(nb.cells[i].source) for i in cells]
        restored = (SORTERS + "assert all('restored' in s.saved.value for s in _sorters), "
                    "[s.saved.value for s in _sorters]\nprint(len(_sorters))")
        only = tmp_path / f"rerun-{path.name}"
        nbformat.write(fresh, only)
        again = execute(only, tmp_path, extra_cells=[restored])  # a NameError here fails the test
        if widgets_answered:
            assert int(again.cells[-1].outputs[0]["text"]) >= 1, "the re-run cell shows no widget with its answer"


def _learners_part(nb) -> dict:
    """A notebook without what running and saving it adds: outputs, counts, timings, kernel and widget state."""
    nb = nbformat.from_dict(nb)
    for key in ("language_info", "widgets"):
        nb.metadata.pop(key, None)
    for c in nb.cells:
        c.metadata.pop("execution", None)
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    return nb


def test_running_and_saving_every_notebook_changes_nothing_but_those_notebooks(tmp_path, monkeypatch):
    """What a participant leaves behind after opening, running, answering and saving every lesson and exercise."""
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from nbclient import NotebookClient

    course = snapshot(tmp_path / "course")
    # The kernel imports the course's package from the copy (so __pycache__ lands there), and caches go to
    # the user's cache folder, here one outside the copy.
    monkeypatch.setenv("PYTHONPATH", str(course / "src"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv("WORKSHOP_COURSE_ROOT", raising=False)
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)  # a participant's Python writes bytecode
    answer_everything = (SORTERS + "for _s in _sorters:\n"
                         "    _s.answer = _s.answer or {next(iter(_s.controls)): _s.question.labels[0]}\n"
                         "print(len(_sorters))")
    contents = FileContentsManager(root_dir=str(course))
    ran = sorted(p.relative_to(course).as_posix() for folder in ("notebooks", "exercises")
                 for p in (course / folder).rglob("*.ipynb"))
    assert len(ran) >= 4
    for path in ran:
        nb = nbformat.read(course / path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(answer_everything))
        NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,  # blank exercises fail checks
                       resources={"metadata": {"path": str((course / path).parent)}}).execute()
        assert nb.cells[-1].outputs and nb.cells[-1].outputs[0].get("output_type") == "stream", nb.cells[-1].outputs
        nb.cells.pop()
        # Ctrl+S in JupyterLab: the server writes the notebook and a checkpoint beside it.
        contents.save({"type": "notebook", "format": "json", "content": nb}, path)
        contents.create_checkpoint(path)

    status = git(course, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    assert not [line for line in status if line.startswith("??")], "new files git would show:\n" + "\n".join(status)
    assert sorted(line[3:] for line in status) == ran, status
    for path in ran:  # the only change in a saved notebook is what running it added
        committed = nbformat.reads(git(course, "show", f"HEAD:{path}").stdout, as_version=4)
        assert _learners_part(nbformat.read(course / path, as_version=4)) == _learners_part(committed), path
    # What running left behind exists, and is ignored: saved answers, checkpoints, bytecode; caches are elsewhere.
    ignored = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=course, capture_output=True,
                             text=True, check=True).stdout
    for left in ("answers/", ".ipynb_checkpoints/", "__pycache__/"):
        assert left in ignored, f"no {left} was made: the test no longer exercises its ignore rule"
    assert (tmp_path / "user-cache" / "project-to-product").is_dir(), "the chart cache is not in the user cache"
