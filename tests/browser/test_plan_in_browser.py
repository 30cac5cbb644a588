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
