"""Every lesson and every released exercise, opened and run in JupyterLab in a real browser.

For each notebook in notebooks/ and exercises/*/ (found by glob): Run > Run All Cells, wait for the
kernel, then check that no cell shows an error (a blank release's self-checks may fail with their
CheckFailed: that is by design), that every widget and every Altair chart is drawn, that no
request left 127.0.0.1, and that axe-core finds no serious or critical problem in the course's own
content. A full-page screenshot and the axe report of each notebook go to test-artifacts/browser/.
"""

from __future__ import annotations

import pytest

from . import lab

pytestmark = pytest.mark.browser

NOTEBOOKS = lab.course_notebooks()


def test_every_lesson_and_exercise_is_found():
    assert any(p.startswith("notebooks/") for p in NOTEBOOKS)
    assert any(p.startswith("exercises/") for p in NOTEBOOKS)


@pytest.mark.parametrize("relpath", NOTEBOOKS)
def test_notebook_runs_renders_offline_and_is_accessible(relpath, course, visit):
    result = lab.check_notebook(visit, f"{course.name}/{relpath}", exercise=relpath.startswith("exercises/"))
    if result.problems():
        pytest.fail(f"{relpath} in a real browser:\n" + "\n".join(result.problems()), pytrace=False)


BROKEN_CELLS = {
    "error": 'raise ValueError("a cell that fails")',
    "cdn_chart": 'import altair as alt\nalt.renderers.enable("jupyter", offline=False)  # Vega from a CDN\n'
                 'alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q")',
    "lost_widget": 'display({"application/vnd.jupyter.widget-view+json": {"model_id": "0" * 32, "version_major": 2,'
                   ' "version_minor": 0}, "text/plain": "VBox()"}, raw=True)',
    # JupyterLab gives an <img> without alt text alt="Image" itself: an empty button is the a11y fault here.
    "html": 'from IPython.display import HTML\nHTML(\'<img src="https://example.invalid/pixel.png" alt="remote">'
            '<button type="button"></button>\')',
}


def test_the_checks_catch_a_broken_notebook(lab_root, visit):
    """The suite's own control: a notebook with each kind of fault must be reported for each of them."""
    import nbformat

    folder = lab_root / "selftest"
    folder.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A broken notebook")]
                                  + [nbformat.v4.new_code_cell(code) for code in BROKEN_CELLS.values()])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, folder / "broken.ipynb")
    result = lab.check_notebook(visit, "selftest/broken.ipynb", exercise=False, name="selftest-broken",
                                render_timeout=10)
    report = "\n".join(result.problems())
    assert any("ValueError" in e for e in result.errors), report
    assert any("JupyterChart not drawn" in r for r in result.render), report
    assert any("widget" in r for r in result.render if "JupyterChart" not in r), report
    assert any("example.invalid" in u for u in result.outside), report
    assert any(v["id"] == "button-name" for v in result.axe_course), report


def test_the_checks_catch_a_blocking_dialog(lab_root, visit):
    """A notebook without kernelspec metadata makes JupyterLab ask "Select Kernel": reported, not waited out."""
    import nbformat

    folder = lab_root / "selftest"
    folder.mkdir(exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), folder / "no-kernel.ipynb")
    with pytest.raises(AssertionError, match="dialog"):
        visit.goto_notebook("selftest/no-kernel.ipynb")
