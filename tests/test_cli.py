import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from workshop_utils import cli, doctor

from .classroom import points
from .conftest import ROOT, copy_course

AUTO, _ = points("01-output-vs-outcome")


def test_doctor_passes_here(capsys):
    assert cli.main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out and "All checks passed" in out
    assert {"python", "packages", "kernel", "offline charts", "data"} <= {
        line.split(":")[0].split(maxsplit=1)[1] for line in out.splitlines() if line.startswith("OK")}


def test_doctor_json(capsys):
    assert cli.main(["doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and len(report["checks"]) >= 7


def test_doctor_failures_print_the_fix(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "projects.csv").write_text("tampered\n")
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(doctor, "_labextension", lambda name: None)
    assert cli.main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  data: projects.csv does not match its checksum" in out
    assert "fix: git checkout -- data/" in out
    assert "fix: pip install -c constraints.txt --force-reinstall ipywidgets" in out


def test_doctor_kernel_failure(monkeypatch):
    from jupyter_client import kernelspec

    def missing(self, name):
        raise kernelspec.NoSuchKernel(name)

    monkeypatch.setattr(kernelspec.KernelSpecManager, "get_kernel_spec", missing)
    result = doctor.check_kernel()
    assert not result.ok and "ipykernel install" in result.fix


def test_doctor_reports_grading_isolation(monkeypatch):
    from workshop_utils.grading.isolation import host

    assert "isolate" in doctor.check_grading_isolation().detail or not host.namespaces_available()
    monkeypatch.setattr(host, "namespaces_available", lambda: False)
    result = doctor.check_grading_isolation()
    assert result.ok and "not available here" in result.detail


def test_doctor_without_the_course_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(doctor.paths, "data_dir", lambda: None)
    result = doctor.check_data()
    assert result.ok and "generated in memory" in result.detail


@pytest.mark.slow
def test_release_check_passes_on_the_repository(capsys):
    assert cli.main(["release", "--check"]) == 0
    assert "exercises/ matches solutions/" in capsys.readouterr().out


@pytest.mark.slow
def test_release_check_names_drifted_files(tmp_path, monkeypatch, capsys):
    course = copy_course(tmp_path / "course")
    monkeypatch.setenv("WORKSHOP_COURSE_ROOT", str(course))
    module = next((course / "exercises").iterdir())
    notebook = next(module.glob("*.ipynb"))
    notebook.write_text(notebook.read_text().replace("YOUR CODE HERE", "hand edited"))
    (module / "stray.txt").write_text("x")
    assert cli.main(["release", "--check"]) == 1
    out = capsys.readouterr().out
    assert f"exercises/{module.name}/{notebook.name} differs from its solution" in out
    assert f"exercises/{module.name}/stray.txt should not be there" in out
    # and `workshop release` regenerates the folder from scratch
    assert cli.main(["release", module.name]) == 0
    assert not (module / "stray.txt").exists()
    assert cli.main(["release", "--check"]) == 0


def test_unknown_module_is_a_clear_error(capsys):
    assert cli.main(["release", "99-nothing"]) == 2
    assert "No module '99-nothing'" in capsys.readouterr().err


def test_commands_outside_the_course_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli.paths, "course_root", lambda: None)
    assert cli.main(["validate"]) == 2
    assert "Run it from inside the course folder" in capsys.readouterr().err


def test_data_commands(tmp_path, monkeypatch, capsys):
    assert cli.main(["data"]) == 0
    assert "projects" in capsys.readouterr().out
    assert cli.main(["data", "--check"]) == 0
    course = tmp_path / "course"
    (course / "data").mkdir(parents=True)
    shutil.copy2(ROOT / "nbgrader_config.py", course)
    monkeypatch.setenv("WORKSHOP_COURSE_ROOT", str(course))
    assert cli.main(["data", "--check"]) == 1
    assert cli.main(["data", "--write"]) == 0
    assert cli.main(["data", "--check"]) == 0


@pytest.mark.slow
def test_validate_passes_on_the_repository(capsys):
    """The command's wiring, on one module: that every module's solution scores full marks and its blank release
    zero is held by tests/test_grading_pipeline.py through the same nbgrader pipeline (grading all six again
    here took two minutes of the suite)."""
    assert cli.main(["validate", "01-output-vs-outcome"]) == 0
    out = capsys.readouterr().out
    assert "OK    01-output-vs-outcome" in out


@pytest.mark.slow
def test_validate_fails_when_a_solution_is_wrong(tmp_path, monkeypatch, capsys):
    course = copy_course(tmp_path / "course", modules=["01-output-vs-outcome"])
    source = course / "solutions" / "01-output-vs-outcome" / "01-output-vs-outcome.ipynb"
    text = source.read_text()
    assert "answer_rarely_used = float((usage < 0.05).mean())" in text
    source.write_text(text.replace("answer_rarely_used = float((usage < 0.05).mean())",
                                   "answer_rarely_used = float((usage == 0).mean())"))
    monkeypatch.setenv("WORKSHOP_COURSE_ROOT", str(course))
    assert cli.main(["validate"]) == 1
    assert "rarely_used: the solution scores 0 of 3" in capsys.readouterr().out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_lab_starts_jupyterlab_on_the_start_notebook(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop_utils.cli", "lab", "--no-browser", f"--port={port}",
         "--ServerApp.token=test", "--ServerApp.ip=127.0.0.1"],
        cwd=ROOT / "notebooks", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/contents/notebooks/00-start-here.ipynb?token=test&content=0",
                        timeout=2) as response:
                    assert json.load(response)["name"] == "00-start-here.ipynb"
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token=test", timeout=5) as response:
                    assert "/lab/tree/notebooks/00-start-here.ipynb" in response.url
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert "Starting JupyterLab on notebooks/00-start-here.ipynb" in out


@pytest.mark.slow
def test_self_learner_grades_their_own_folder(tmp_path, capsys):
    module = "01-output-vs-outcome"
    folder = tmp_path / module
    shutil.copytree(ROOT / "solutions" / module, folder, ignore=shutil.ignore_patterns("answers"))
    before = sorted(p.name for p in folder.rglob("*"))
    assert cli.main(["check", module, "--folder", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"Automatically graded: {AUTO:g} of {AUTO:g} points." in out
    assert "reframe" in out and "graded by a person" in out
    assert sorted(p.name for p in folder.rglob("*")) == before, "the participant's folder is untouched"
    assert cli.main(["check", module, "--folder", str(tmp_path)]) == 2
    assert "No 01-output-vs-outcome.ipynb" in capsys.readouterr().err


def test_guide_check_and_write(tmp_path, monkeypatch, capsys):
    assert cli.main(["guide", "--check"]) == 0
    course = copy_course(tmp_path / "course")
    shutil.copytree(ROOT / "instructor", course / "instructor")
    (course / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "facilitator-guide.md", course / "docs")
    monkeypatch.setenv("WORKSHOP_COURSE_ROOT", str(course))
    assert cli.main(["guide", "--check"]) == 0
    import nbformat

    lesson = course / "instructor" / "01-lesson-output-vs-outcome.ipynb"
    nb = nbformat.read(lesson, as_version=4)
    nb.metadata["workshop"]["teaching_minutes"] += 5
    nbformat.write(nb, lesson)
    assert cli.main(["guide", "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
    assert cli.main(["guide"]) == 0
    assert cli.main(["guide", "--check"]) == 0


@pytest.mark.slow
def test_self_learner_check_of_a_blank_release_by_its_number(capsys):
    assert cli.main(["check", "01"]) == 0  # the module's number is enough
    out = capsys.readouterr().out
    assert out.startswith("Grading your 01-output-vs-outcome with the hidden tests")  # no minute of silence first
    assert "Your 01-output-vs-outcome in" in out
    assert f"Automatically graded: 0 of {AUTO:g} points." in out  # the blank hand-graded item is not counted
    assert "- / 3  (free text" in out
    assert "run its self-check cell" in out
