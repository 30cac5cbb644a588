"""Shared fixtures: the course root, temporary working folders, and a real-kernel notebook runner."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import nbformat
import pytest

# A test run started in the background by a shell without job control (`make test &`, nohup) inherits an ignored
# SIGINT, and every command the tests start would then ignore Ctrl-C too: the tests of what a facilitator's Ctrl-C
# does would fail for the way the run was started. A handler set here is reset to the default in each child.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parents[1]
BIN = str(Path(sys.executable).parent)

# nbgrader runs `alembic` and Jupyter kernels run `python`: both must come from this environment.
if BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = BIN + os.pathsep + os.environ.get("PATH", "")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Make `--dist loadgroup` group again (make test): pytest-xdist 3.8 names a test's group by setting the old
    ``_nodeid`` attribute, which pytest 9 no longer reads, so each worker ran the hub tests and started a hub of
    its own. In an xdist worker, the group is added to the node id as xdist means to."""
    if not getattr(config, "workerinput", None) or not config.getvalue("loadgroup"):
        return
    try:
        from _pytest.nodeid import coerce_node_id
    except ImportError:  # pytest before 9: xdist's own suffix works
        return

    for item in items:
        groups = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                         for m in item.iter_markers("xdist_group")})
        if groups and "@" not in item.nodeid:
            item._id = coerce_node_id(f"{item.nodeid}@{'_'.join(groups)}")


def notebooks(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.ipynb"))


def all_notebooks() -> list[Path]:
    return [p for folder in ("notebooks", "instructor", "solutions", "exercises")
            for p in notebooks(folder)
            if ".ipynb_checkpoints" not in p.parts]


@pytest.fixture
def root() -> Path:
    return ROOT


# Tests that read the executed site build mark themselves with this group, so that one worker builds it once.
SITE_GROUP = pytest.mark.xdist_group("executed-site")


@pytest.fixture(scope="session")
def executed_site(tmp_path_factory):
    """One learner build of the course website with every lesson run (two minutes), shared by the site's
    structure tests and its browser tests. Building it must write nothing into the course."""
    from workshop_utils import site

    def listing():
        return sorted(str(p.relative_to(ROOT)) for part in ("notebooks", "instructor")
                      for p in (ROOT / part).rglob("*"))

    before = listing()
    built = site.build(ROOT, tmp_path_factory.mktemp("executed-site") / "site", execute=True)
    assert listing() == before, "building the site wrote nothing into the course (no answers file, no outputs)"
    return built


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """Run the test inside an empty temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def execute(path: Path, cwd: Path, timeout: int = 180, env: dict | None = None, extra_cells=(), after=None):
    """Execute a notebook in a real kernel (cwd = ``cwd``); returns the executed notebook.

    ``extra_cells`` are code strings run in the same kernel (e.g. a participant's clicks): appended
    at the end, or, where ``after`` maps a cell's nbgrader grade id to code, right after that cell.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    for grade_id, source in (after or {}).items():
        index = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
        nb.cells.insert(index + 1, nbformat.v4.new_code_cell(source))
    for source in extra_cells:
        nb.cells.append(nbformat.v4.new_code_cell(source))
    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def copy_course(dest: Path, modules=None) -> Path:
    """A throwaway copy of the course files a test may change."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    shutil.copytree(ROOT / "data", dest / "data")
    for folder in ("solutions", "exercises"):
        for module in sorted((ROOT / folder).iterdir()):
            if module.is_dir() and (modules is None or module.name in modules):
                shutil.copytree(module, dest / folder / module.name,
                                ignore=shutil.ignore_patterns("answers", ".ipynb_checkpoints"))
    return dest
