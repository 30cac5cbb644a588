"""`workshop formgrader DIR`: the block it writes into the user's nbgrader config, and its refusals.

The hub test (tests/hub/test_hub.py) opens the formgrader through a real hub with this block in place.
"""

import sqlite3

import pytest
from traitlets.config import PyFileConfigLoader

from workshop_utils import cli
from workshop_utils.errors import WorkshopError
from workshop_utils.grading import handgrade


def _graded(folder):
    (folder / "results").mkdir(parents=True)
    sqlite3.connect(folder / "gradebook.db").close()
    (folder / "nbgrader_config.py").write_text("c = get_config()\n")
    return folder


def _loaded(config):
    return PyFileConfigLoader(config.name, path=str(config.parent)).load_config()


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("JUPYTER_CONFIG_DIR", raising=False)
    return tmp_path


def test_the_block_names_the_graded_class_and_keeps_what_was_there(home):
    graded = _graded(home / "course" / "graded")
    config = home / ".jupyter" / "nbgrader_config.py"
    config.parent.mkdir()
    config.write_text('c = get_config()\nc.Exchange.timezone = "Europe/Paris"\n')
    assert handgrade.point_at(graded) == config
    assert handgrade.point_at(graded) == config  # again: one block, not two
    text = config.read_text()
    assert text.count(handgrade.BEGIN) == 1 and 'timezone = "Europe/Paris"' in text
    loaded = _loaded(config)
    assert loaded.CourseDirectory.root == str(graded.resolve())
    assert loaded.CourseDirectory.source_directory == "solutions"
    assert loaded.CourseDirectory.db_url == f"sqlite:///{graded.resolve() / 'gradebook.db'}"
    assert loaded.Exchange.timezone == "Europe/Paris"


def test_a_new_config_is_private_and_loads(home):
    graded = _graded(home / "graded")
    config = handgrade.point_at(graded)
    assert oct(config.parent.stat().st_mode & 0o777) == "0o700"
    assert _loaded(config).CourseDirectory.root == str(graded.resolve())


def test_off_removes_only_the_block(home):
    graded = _graded(home / "graded")
    config = home / ".jupyter" / "nbgrader_config.py"
    config.parent.mkdir()
    config.write_text("c = get_config()\nc.Exchange.timezone = 'UTC'\n")
    handgrade.point_at(graded)
    assert handgrade.forget() is True
    assert config.read_text() == "c = get_config()\nc.Exchange.timezone = 'UTC'\n"
    assert handgrade.forget() is False


def test_a_folder_that_is_not_a_graded_class_is_refused(home):
    (home / "course").mkdir()
    with pytest.raises(WorkshopError, match="holds no graded class"):
        handgrade.point_at(home / "course")
    assert not (home / ".jupyter").exists()


def test_a_folder_outside_the_home_is_refused(home, tmp_path_factory):
    graded = _graded(tmp_path_factory.mktemp("elsewhere") / "graded")
    with pytest.raises(WorkshopError, match="inside your home folder"):
        handgrade.point_at(graded)


def test_the_command_says_what_to_do_next(home, monkeypatch, capsys):
    _graded(home / "graded")
    monkeypatch.chdir(home)
    assert cli.main(["formgrader", "graded"]) == 0
    out = capsys.readouterr().out
    assert "/formgrader" in out and "workshop report graded" in out and "autograde button" in out
    assert cli.main(["formgrader", "--off"]) == 0
    assert "Removed" in capsys.readouterr().out
