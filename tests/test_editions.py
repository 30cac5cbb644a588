"""One source, two editions: notebooks/ (what participants open) is generated from instructor/ and holds no
instructor note, no facilitator metadata and no spoiler; the lab a participant starts hides nbgrader's authoring
panels, the facilitator's shows them (Jupyter's own config readers are asked here; the browser tests click)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest

from workshop_utils import cli, editions, labconfig

from .conftest import ROOT, notebooks

LEARNER = notebooks(editions.LEARNER)
INSTRUCTOR = notebooks(editions.INSTRUCTOR)
# Said in an instructor note: the full-marks answer to the D04 practice rewrite, and facilitator-only metadata.
D04_ANSWER = "Customers with worn gear book repair slots"


def read(path):
    return nbformat.read(path, as_version=4)


def test_the_learner_edition_is_exactly_what_the_generator_makes():
    assert [p.name for p in LEARNER] == [p.name for p in INSTRUCTOR]
    assert editions.drift(ROOT) == [], "notebooks/ is stale: run `workshop lessons` and commit"


@pytest.mark.parametrize("source", INSTRUCTOR, ids=[p.name for p in INSTRUCTOR])
def test_the_learner_edition_keeps_every_cell_but_the_notes_with_its_id(source):
    teacher, learner = read(source), read(ROOT / editions.LEARNER / source.name)
    notes = [c for c in teacher.cells if editions.NOTE_TAG in c.metadata.get("tags", [])]
    assert notes, f"{source.name} has no instructor notes: the test no longer proves they are removed"
    kept = [c for c in teacher.cells if c not in notes]
    assert [(c.id, c.cell_type, c.source) for c in learner.cells] == [(c.id, c.cell_type, c.source) for c in kept]
    assert not [c for c in learner.cells if "Instructor note" in c.source]
    meta = learner.metadata["workshop"]
    assert set(meta) <= {*editions.LEARNER_METADATA, "edition"} and meta["edition"] == "learner"
    assert "instructor_notes" in teacher.metadata["workshop"] and "instructor_notes" not in meta
    assert learner.metadata["kernelspec"] == teacher.metadata["kernelspec"]


def test_no_spoiler_reaches_a_participant():
    source = (ROOT / editions.INSTRUCTOR / editions.lesson_name("02-reframing-deliverables")).read_text()
    assert D04_ANSWER in source, "the instructor note moved: update this test"
    for path in LEARNER:
        assert D04_ANSWER not in path.read_text(encoding="utf-8"), path.name


def test_a_lesson_and_its_exercise_do_not_share_a_tab_title():
    """JupyterLab shortens long tab titles at the end: the names must differ near their start."""
    lessons = {p.name for p in LEARNER}
    for exercise in notebooks("exercises"):
        lesson = editions.lesson_name(exercise.parent.name)
        assert lesson in lessons, f"{exercise.parent.name} has no lesson {lesson}"
        assert len(os.path.commonprefix([lesson, exercise.name])) <= 4, (lesson, exercise.name)
    assert not lessons & {p.name for p in notebooks("exercises")}


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A copy of the two editions whose files a test may change, as the course `workshop` commands use."""
    for folder in (editions.INSTRUCTOR, editions.LEARNER, "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("answers", ".ipynb_*"))
    shutil.copy2(ROOT / "nbgrader_config.py", tmp_path)
    monkeypatch.setenv("WORKSHOP_COURSE_ROOT", str(tmp_path))
    return tmp_path


def test_workshop_lessons_finds_drift_and_writes_the_learner_edition(course, capsys):
    assert cli.main(["lessons", "--check"]) == 0
    lesson = course / editions.INSTRUCTOR / "00-start-here.ipynb"
    nb = read(lesson)
    nb.cells[0].source += "\n\nA sentence added by an author."
    nbformat.write(nb, lesson)
    (course / editions.LEARNER / editions.lesson_name("01-output-vs-outcome")).unlink()
    (course / editions.LEARNER / "99-stray.ipynb").write_text(lesson.read_text())
    capsys.readouterr()
    assert cli.main(["lessons", "--check"]) == 1
    out = capsys.readouterr().out
    assert "notebooks/00-start-here.ipynb differs" in out and "01-lesson-output-vs-outcome.ipynb is missing" in out
    assert "99-stray.ipynb has no source in instructor/" in out and "Run `workshop lessons`" in out
    assert cli.main(["lessons"]) == 0
    out, err = capsys.readouterr()
    assert "wrote notebooks/00-start-here.ipynb" in out and "99-stray.ipynb has no source" in err
    assert "A sentence added by an author." in (course / editions.LEARNER / "00-start-here.ipynb").read_text()
    (course / editions.LEARNER / "99-stray.ipynb").unlink()
    assert editions.drift(course) == []


def test_a_damaged_source_is_named_with_its_fix(course, capsys):
    (course / editions.INSTRUCTOR / "00-start-here.ipynb").write_text("{ not json")
    assert cli.main(["lessons"]) == 2
    err = capsys.readouterr().err
    assert "00-start-here.ipynb is not a readable notebook" in err and "git checkout" in err


def test_lab_says_what_to_do_when_its_edition_is_missing(course, capsys):
    shutil.rmtree(course / editions.INSTRUCTOR)
    assert cli.main(["lab", "--instructor"]) == 2
    assert "instructor/00-start-here.ipynb is missing" in capsys.readouterr().err


@pytest.mark.parametrize("instructor", [False, True], ids=["learner", "instructor"])
def test_jupyter_reads_the_editions_nbgrader_panels(instructor, tmp_path, monkeypatch):
    """Jupyter's own readers, given the environment `workshop lab` starts JupyterLab with."""
    from jupyter_core.paths import jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager
    from jupyterlab_server.config import get_page_config

    # As on a class hub that disabled the authoring panels system-wide (docs/deployment.md): the system level.
    hub = tmp_path / "etc-jupyter"
    (hub / "labconfig").mkdir(parents=True)
    (hub / "labconfig" / "page_config.json").write_text(
        '{"disabledExtensions": {"@jupyter/nbgrader:formgrader": true}}')
    env = labconfig.environment(instructor, env={"JUPYTER_CONFIG_PATH": str(hub)}, base=tmp_path / "runtime")
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", env["JUPYTER_CONFIG_PATH"])
    page = get_page_config([])
    disabled, locked = set(page["disabledExtensions"]), set(page.get("lockedExtensions", []))
    servers = ExtensionConfigManager(read_config_path=jupyter_config_path()).get_jpserver_extensions()
    if instructor:
        assert not disabled & {*labconfig.AUTHORING_PLUGINS, *labconfig.PARTICIPANT_PLUGINS} and not locked
        assert all(servers[name] for name in labconfig.AUTHORING_SERVER_EXTENSIONS)
    else:
        assert disabled >= set(labconfig.AUTHORING_PLUGINS) and not disabled & set(labconfig.PARTICIPANT_PLUGINS)
        assert locked >= set(labconfig.AUTHORING_PLUGINS), "not to be switched back on in the Plugin Manager"
        assert not any(servers[name] for name in labconfig.AUTHORING_SERVER_EXTENSIONS)
        assert servers.get("nbgrader.server_extensions.assignment_list", True), "the Assignments panel stays"
    again = labconfig.environment(instructor, env=env, base=tmp_path / "runtime")
    assert again["JUPYTER_CONFIG_PATH"] == env["JUPYTER_CONFIG_PATH"], "starting twice adds nothing"


@pytest.mark.parametrize("instructor", [False, True], ids=["learner", "instructor"])
def test_lab_does_not_ask_about_jupyter_news(instructor, tmp_path, monkeypatch):
    """The news popup covered the widgets on first launch: both editions answer it "No" through JupyterLab's
    settings overrides, read here by jupyterlab_server's own reader from the folder the server config names
    (a real JupyterLab 4.6 started with this environment served fetchNews default "false")."""
    import json

    from jupyter_core.paths import jupyter_config_path
    from jupyterlab_server.settings_utils import _get_overrides

    env = labconfig.environment(instructor, env={"JUPYTER_CONFIG_PATH": ""}, base=tmp_path / "runtime")
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", env["JUPYTER_CONFIG_PATH"])
    named = [json.loads(path.read_text())["LabApp"]["app_settings_dir"]
             for folder in jupyter_config_path() for path in Path(folder).glob("jupyter_server_config.json")
             if "LabApp" in json.loads(path.read_text())]
    assert len(named) == 1
    overrides, error = _get_overrides(named[0])
    assert not error and overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_the_release_preprocessor_drops_instructor_notes_and_facilitator_metadata():
    """Whatever generates the release (workshop release, stock nbgrader, the formgrader), an instructor note
    an author put in a graded source, and the facilitator's metadata, never reach participants."""
    import nbformat

    from workshop_utils import editions
    from workshop_utils.grading.pipeline import learner_metadata_preprocessor

    nb = nbformat.v4.new_notebook()
    nb.metadata["workshop"] = {"module": "09", "instructor_notes": "the traps", "edition": "instructor"}
    nb.cells = [nbformat.v4.new_markdown_cell("Learner text"),
                nbformat.v4.new_markdown_cell("> **Instructor note** the answer",
                                              metadata={"tags": [editions.NOTE_TAG]})]
    out, _ = learner_metadata_preprocessor()().preprocess(nb, {})
    assert [cell.source for cell in out.cells] == ["Learner text"]
    assert "instructor_notes" not in out.metadata["workshop"] and out.metadata["workshop"]["edition"] == "learner"
