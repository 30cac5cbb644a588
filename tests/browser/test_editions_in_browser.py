"""The two editions in a real browser: `workshop lab` as a participant starts it, and `workshop lab --instructor`.

A participant's JupyterLab has nbgrader's Assignments panel but none of its authoring panels (Create
Assignment in the right sidebar, the Validate button, the Formgrader and Courses), and opens the lesson
without instructor notes; the facilitator's has them all and opens the lessons with their notes. Each
server is started by the course's own command in a copy of the course, exactly as on a laptop.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from workshop_utils import editions, labconfig

from . import lab

pytestmark = pytest.mark.browser

EXERCISE = "exercises/01-output-vs-outcome/01-output-vs-outcome.ipynb"
LESSON = editions.lesson_name("01-output-vs-outcome")
PLUGINS_JS = "(ids) => ids.map(id => window.jupyterapp.hasPlugin(id))"


@pytest.fixture(scope="module", params=["learner", "instructor"])
def edition_server(request, chromium_browser, tmp_path_factory):
    """(edition, server): a copy of the course served by `workshop lab` (plus `--instructor` for the facilitator)."""
    instructor = request.param == "instructor"
    course = lab.copy_course(tmp_path_factory.mktemp(f"{request.param}-course"))
    with lab.lab_server(course, tmp_path_factory.mktemp(f"{request.param}-home"),
                        workshop_lab=["--instructor"] if instructor else []) as server:
        yield request.param, server


@pytest.fixture
def edition_visit(chromium_browser, edition_server):
    edition, server = edition_server
    with lab.visit(chromium_browser, server) as current:
        yield edition, current


def _menu_labels(page, top: str) -> list[str]:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(top)}$")).click()
    menu = page.locator(".lm-Menu:not(.lm-MenuBar)").last
    expect(menu).to_be_visible()
    labels = [" ".join(t.split()) for t in menu.locator(".lm-Menu-item:visible .lm-Menu-itemLabel").all_inner_texts()]
    page.keyboard.press("Escape")
    return [label for label in labels if label]


def _status(server, path: str) -> int:
    """The HTTP status of ``path`` (redirects followed)."""
    request = urllib.request.Request(f"{server.url}{path}", headers={"Authorization": f"token {server.token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # the test server on 127.0.0.1
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_nbgrader_authoring_panels_only_in_the_instructor_lab(edition_visit):
    edition, current = edition_visit
    instructor = edition == "instructor"
    page = current.page
    current.goto_notebook(EXERCISE)
    # The plugins themselves: disabled ones are never registered in the page.
    loaded = dict(zip(labconfig.AUTHORING_PLUGINS, page.evaluate(PLUGINS_JS, list(labconfig.AUTHORING_PLUGINS)),
                      strict=True))
    assert loaded == dict.fromkeys(labconfig.AUTHORING_PLUGINS, instructor), loaded
    assert all(page.evaluate(PLUGINS_JS, list(labconfig.PARTICIPANT_PLUGINS))), "the Assignments panel stays"
    # What a participant would see: the right sidebar's tabs, the notebook's toolbar, the Nbgrader menu.
    create = page.locator(".jp-SideBar.jp-mod-right .lm-TabBar-tab", has_text="Create Assignment")
    validate = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar", has_text="Validate")
    if instructor:
        expect(create).to_have_count(1)
        expect(validate).to_have_count(1)
    else:
        expect(create).to_have_count(0)
        expect(validate).to_have_count(0)
    labels = _menu_labels(page, "Nbgrader")
    assert "Assignment List" in labels, labels
    authoring = [label for label in labels if label.startswith(("Formgrader", "Course List"))]
    assert bool(authoring) == instructor, labels
    # And the server side: the formgrader and the validator answer only the facilitator.
    assert (_status(current.server, "/formgraders") == 200) == instructor
    assert (_status(current.server, "/formgrader") == 404) != instructor
    current.screenshot(f"editions-{edition}-lab")
    assert not current.outside(), f"requests left 127.0.0.1: {current.outside()}"


def test_each_lab_opens_its_own_edition_of_the_lessons(edition_visit):
    edition, current = edition_visit
    page = current.page
    page.goto(f"{current.server.url}/?token={current.server.token}", wait_until="domcontentloaded")
    folder = editions.INSTRUCTOR if edition == "instructor" else editions.LEARNER
    assert f"/lab/tree/{folder}/00-start-here.ipynb" in page.url
    current.goto_notebook(f"{folder}/{LESSON}")
    notes = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMarkdown", has_text="Instructor note")
    if edition == "instructor":
        expect(notes.first).to_be_visible()
    else:
        expect(notes).to_have_count(0)
    # The lesson and its exercise open side by side as two tabs whose titles differ.
    page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', {path})", EXERCISE)
    tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel")
    expect(tabs.filter(has_text=re.compile(r"^01-output-vs-outcome\.ipynb$"))).to_have_count(1)
    titles = tabs.all_inner_texts()
    assert LESSON in titles and len(set(titles)) == len(titles), titles
