"""Every notebook runs top to bottom in a real kernel, and every chart it draws is titled and described."""

import shutil

import pytest

from workshop_utils.charts import SPEC_MIMETYPE

from .conftest import ROOT, execute, notebooks

pytestmark = pytest.mark.slow
RUNNABLE = notebooks("notebooks") + notebooks("solutions")


def _copy(path, tmp_path):
    folder = tmp_path / path.parent.name
    shutil.copytree(path.parent, folder, ignore=shutil.ignore_patterns("answers", ".ipynb_checkpoints"))
    return folder / path.name


def _charts(nb):
    return [out["data"][SPEC_MIMETYPE] for cell in nb.cells if cell.cell_type == "code"
            for out in cell.get("outputs", []) if SPEC_MIMETYPE in out.get("data", {})]


@pytest.mark.parametrize("path", RUNNABLE, ids=[str(p.relative_to(ROOT)) for p in RUNNABLE])
def test_notebook_runs_without_error(path, tmp_path):
    copy = _copy(path, tmp_path)
    nb = execute(copy, copy.parent, env={"WORKSHOP_CHARTS": "spec"})
    errors = [out for cell in nb.cells for out in cell.get("outputs", []) if out.output_type == "error"]
    assert not errors, errors[0]["ename"] + ": " + errors[0]["evalue"] if errors else ""
    for spec in _charts(nb):
        assert spec.get("title"), "every chart has a title"
        assert len(spec.get("description", "")) > 20, "every chart has a description (alt text)"
    if path.stem.startswith("01-") and path.parent.name == "notebooks":
        assert len(_charts(nb)) >= 2
    if path.parent.name == "notebooks":
        _no_graded_share_in_the_output(nb, path.stem[:2])


def _no_graded_share_in_the_output(nb, number: str) -> None:
    """What the lesson prints when it runs never gives away a share a graded item asks for."""
    import re

    from workshop_utils import course

    module = course.module_numbered(number)
    printed = "\n".join(str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
                        + str(out.get("data", {}).get("text/html", ""))
                        for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", []))
    for q in getattr(module, "QUESTIONS", ()):
        if q.kind == "value" and q.points > 0:
            value = float(module.examples()[q.qid][0])
            if 0 < value < 1:
                for form in (f"{value:.0%}", f"{value:.1%}", f"{value:.3f}".rstrip("0")):
                    assert not re.search(rf"(?<![\d.]){re.escape(form)}(?!\d)", printed), f"{q.qid}: {form} printed"


@pytest.mark.parametrize("path", notebooks("exercises"), ids=[p.parent.name for p in notebooks("exercises")])
def test_blank_release_fails_only_in_self_checks(path, tmp_path):
    """A participant who runs the untouched exercise sees self-check failures, nothing else broken."""
    import nbformat
    from nbclient import NotebookClient

    copy = _copy(path, tmp_path)
    nb = nbformat.read(copy, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(copy.parent)}}).execute()
    for cell in nb.cells:
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-self"):
            assert errors and errors[0]["ename"] == "CheckFailed", grade_id
            assert "No answer yet" in errors[0]["evalue"]
            # the message alone, no traceback through the framework's code
            assert len(errors[0]["traceback"]) <= 3 and "checks.py" not in "".join(errors[0]["traceback"])
            assert "No answer yet" in errors[0]["traceback"][0]
        else:
            assert not errors, f"{grade_id or cell.source[:40]}: {errors[0]['ename'] if errors else ''}"
