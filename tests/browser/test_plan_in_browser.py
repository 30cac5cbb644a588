"""The exported outcome plan in the real browser: one page that loads nothing from anywhere, its charts visible
with their descriptions, no serious axe-core violation, nothing wider than a phone, and a plan text that holds
markup stays text.

No JupyterLab here: the page is a file a participant opens or shares, so it is opened as a file:// page.
"""

from __future__ import annotations

import pytest

from workshop_utils import plan

from . import lab

pytestmark = pytest.mark.browser

HOSTILE = '<script>window.__pwned = 1</script><img src="pwned.png" onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The Fernhill example exported, with markup typed into a statement, a partner's ask and the title."""
    example = plan.fernhill_example()
    example["title"] += " " + HOSTILE
    example["outcomes"][0]["statement"] += " " + HOSTILE
    example["partners"][0]["ask"] = HOSTILE
    _, html_path = plan.export(example, tmp_path_factory.mktemp("plan-export"))
    return html_path


def _open(browser, html_path, width: int, bypass_csp: bool):
    """A page on the exported file; every request that is not file: is recorded and aborted."""
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block",
                                  bypass_csp=bypass_csp, locale="en-GB")
    seen = {"outside": [], "console": [], "violations": []}

    def route(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            seen["outside"].append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    context.on("request", lambda r: None if r.url.startswith("file:") else seen["outside"].append(r.url))
    page = context.new_page()
    page.on("console", lambda msg: seen["console"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: seen["console"].append(str(exc)))
    page.goto(html_path.as_uri(), wait_until="load")
    return context, page, seen


def test_the_page_requests_nothing_and_its_charts_show_with_their_descriptions(chromium_browser, exported):
    # The page's own Content-Security-Policy is bypassed here, so what is proved is that the page asks for
    # nothing, not that the policy stopped it.
    context, page, seen = _open(chromium_browser, exported, 1280, bypass_csp=True)
    try:
        page.wait_for_timeout(300)
        figures = page.locator("figure.chart")
        assert figures.count() == 4
        for index in range(figures.count()):
            figure = figures.nth(index)
            svg = figure.locator("svg").first
            assert svg.is_visible()
            box = svg.bounding_box()
            assert box["width"] > 200 and box["height"] > 100
            caption = figure.locator("figcaption")
            assert caption.is_visible()
            assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label") == caption.inner_text()
            assert caption.inner_text().startswith(f"For O{index + 1}, where each measure starts")
        assert page.evaluate("() => window.__pwned") is None, "markup in the plan ran"
        assert page.locator("main img, main script").count() == 0
        assert HOSTILE in page.locator("h1").inner_text()
        violations = lab.run_axe(page)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, lab.describe_axe(serious)
        assert seen["outside"] == [], seen["outside"]
        assert seen["console"] == [], seen["console"]
    finally:
        context.close()


def test_with_its_own_policy_nothing_is_blocked_and_a_phone_needs_no_sideways_scroll(chromium_browser, exported):
    context, page, seen = _open(chromium_browser, exported, 375, bypass_csp=False)
    try:
        page.wait_for_timeout(300)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than a 375px phone"
        widths = page.evaluate("() => [...document.querySelectorAll('figure svg')].map(s => "
                               "s.getBoundingClientRect().right)")
        assert widths and max(widths) <= 375
        assert page.locator("figure.chart svg").first.is_visible()
        assert page.evaluate("() => window.__pwned") is None
        assert seen["outside"] == [] and seen["console"] == [], seen  # a policy violation logs an error
    finally:
        context.close()



def test_it_prints(chromium_browser, exported):
    """Printed (print styles, A4 width), nothing is cut at the side and every chart is on the page."""
    context, page, seen = _open(chromium_browser, exported, 794, bypass_csp=False)
    try:
        page.emulate_media(media="print")
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
        assert page.evaluate("() => [...document.querySelectorAll('.scroll')].every(s => s.scrollWidth <= "
                             "s.clientWidth + 1)"), "a table would be cut off on paper"
        assert page.locator("figure.chart svg").count() == 4
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        assert seen["outside"] == [] and seen["console"] == [], seen
    finally:
        context.close()

# -- the builder in JupyterLab -------------------------------------------------------------------------

BUILDER_CELL = '''from workshop_utils import checks, plan, planbuilder

# The builder takes any question id; this page makes one up so it does not depend on a module's notebook.
_question = checks.Question(qid="try.plan", title="Your outcome plan", kind="text", points=0,
                            prompt="Build the plan for your charter.", check=plan.feedback)
_real = checks.question
checks.question = lambda qid: _question if qid == "try.plan" else _real(qid)
q = planbuilder.build_plan("try.plan", "plan-try", deliverables={"D1": "Self-service returns in the app",
                                                                 "D2": "Chatbot 2.0"})
q'''


def _builder_notebook(folder):
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Try the plan builder"),
                                               nbformat.v4.new_code_cell(BUILDER_CELL)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "plan-try.ipynb")


def test_the_builder_saves_checks_and_exports_in_jupyterlab(own_course, visit):
    import json

    from playwright.sync_api import expect

    from .test_participant import FEEDBACK_TIMEOUT, save_notebook

    folder = own_course / "plan-try"
    _builder_notebook(folder)
    page = visit.page
    visit.goto_notebook(f"{own_course.name}/plan-try/plan-try.ipynb")
    found, _ = lab.run_all(page)
    assert not lab.render_problems(found), lab.render_problems(found)
    assert not lab.error_outputs(found, allow_self_check_failures=False), lab.error_outputs(found, False)

    page.get_by_label("O1 outcome statement").fill("Launch self-service returns in the app by June 2026")
    expect(page.locator(".workshop-checklist").first).to_contain_text("Output", timeout=FEEDBACK_TIMEOUT)
    page.get_by_label("D1: Self-service returns in the app").select_option(label="under O1")
    page.get_by_label("O1 baseline (where it is today)").fill("22%")
    page.get_by_label("O1 baseline (where it is today)").press("Tab")
    expect(page.get_by_text("Saved at").first).to_be_visible(timeout=FEEDBACK_TIMEOUT)
    answers = folder / "answers" / "plan-try.json"
    page.wait_for_timeout(500)
    value = json.loads(answers.read_text(encoding="utf-8"))["answers"]["try.plan"]["value"]
    assert value["outcomes"][0]["statement"].startswith("Launch") and value["outcomes"][0]["baseline"] == "22%"
    assert value["deliverables"][0]["outcome"] == "O1"

    page.get_by_role("button", name="Check plan").click()
    expect(page.get_by_text("things still to do").first).to_be_visible(timeout=FEEDBACK_TIMEOUT)
    expect(page.locator("body")).to_contain_text("O1's statement reads as an output")

    page.get_by_role("button", name="Export").click()
    expect(page.get_by_role("link", name="my-outcome-plan.html")).to_be_visible(timeout=60_000)
    assert (folder / "my-outcome-plan.html").is_file() and (folder / "my-outcome-plan.md").is_file()

    visit.screenshot("plan-builder")
    course_violations, _ = lab.split_axe(lab.run_axe(page))
    assert not course_violations, lab.describe_axe(course_violations)

    # A restart: the notebook opened again and run builds a new builder from the answers file.
    save_notebook(page)
    visit.goto_notebook(f"{own_course.name}/plan-try/plan-try.ipynb")
    lab.run_all(page)
    expect(page.get_by_text("Your saved answer was restored").first).to_be_visible(timeout=FEEDBACK_TIMEOUT)
    expect(page.get_by_label("O1 baseline (where it is today)")).to_have_value("22%")
    chosen = page.get_by_label("D1: Self-service returns in the app").evaluate("s => s.options[s.selectedIndex].text")
    assert chosen.replace("\xa0", " ") == "under O1"  # ipywidgets shows spaces as no-break spaces
    expect(page.locator(".workshop-checklist").first).to_contain_text("Output")
    assert visit.outside() == [], visit.outside()


PLAIN_LIST = "New returns portal\nStore kiosk for returns, phase 1\nRefund status emails\n"


def test_a_plain_list_pasted_in_the_graded_set_becomes_the_builders_deliverables(own_course, visit):
    """As a participant does it: run everything, then paste one deliverable a line (the box invites it), Load, run
    the builder's cell again as the box says: the builder offers the team's three rows, not Fernhill's charter."""
    import re

    from playwright.sync_api import expect

    from .test_participant import FEEDBACK_TIMEOUT

    page = visit.page
    visit.goto_notebook(f"{own_course.name}/exercises/06-capstone-outcome-plan/06-capstone-outcome-plan.ipynb")
    found, _ = lab.run_all(page)
    assert not lab.error_outputs(found, allow_self_check_failures=True), lab.error_outputs(found, True)
    page.get_by_label("Paste your deliverables").fill(PLAIN_LIST)
    page.locator(".jp-Cell", has_text="byod.deliverables_box").locator("button").filter(
        has_text=re.compile(r"^\s*Load\s*$")).click()  # not "Load file"
    expect(page.get_by_text("Loaded 3 deliverables").first).to_be_visible(timeout=FEEDBACK_TIMEOUT)
    expect(page.locator("body")).to_contain_text("run it again")
    expect(page.locator("body")).to_contain_text("no header row")
    page.locator(".jp-Cell", has_text="planbuilder.build_plan").first.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    lab.wait_until_idle(page)
    expect(page.get_by_label("D02: Store kiosk for returns, phase 1")).to_be_visible(timeout=FEEDBACK_TIMEOUT)
    assert page.get_by_label("D03: Refund status emails").count() == 1
    builder = page.locator(".jp-Cell", has_text="planbuilder.build_plan").first.inner_text()
    assert "Trail Club card" not in builder, "Fernhill's rows are gone from the builder"
    assert visit.outside() == [], visit.outside()
