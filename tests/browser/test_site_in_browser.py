"""The course website (`workshop site`) in a real browser, opened from file:// with no server at all.

Every request that is not to a local file is aborted and recorded: none may be attempted. The search box
finds a word, a phone's 375 px wide screen never scrolls sideways, and axe-core finds no serious or critical
problem on any page. Screenshots and the axe report go to test-artifacts/browser/.
"""

from __future__ import annotations

import pytest

from ..conftest import SITE_GROUP
from . import lab

pytestmark = [pytest.mark.browser, SITE_GROUP]
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def built(executed_site, chromium_browser):
    """One learner build with every lesson run, as a participant would publish it (built once per run)."""
    return executed_site


class Offline:
    """A browser context that lets only file:// through, and records anything else it was asked for."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path):
        self.page.goto(path.as_uri(), wait_until="load")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def offline(chromium_browser):
    made = []

    def make(**options):
        made.append(Offline(chromium_browser, **options))
        return made[-1]

    yield make
    for one in made:
        one.close()


def _pages(built):
    return [built.out / name for name in built.pages]


def test_every_page_opens_offline_with_nothing_requested_and_no_error(built, offline):
    visit = offline()
    for path in _pages(built):
        page = visit.open(path)
        assert page.locator("h1").count() == 1, path.name
        assert page.evaluate("() => typeof window.SITE_INDEX") == "object", f"{path.name}: the index did not load"
        assert page.evaluate("() => getComputedStyle(document.body).fontFamily").startswith("system-ui")
    lesson = visit.open(built.out / built.pages[2])
    assert lesson.locator("figure.chart svg[role=img]").count() >= 2
    assert visit.outside == [], f"requests that left the machine: {visit.outside}"
    assert visit.errors == [], f"console errors (a Content-Security-Policy refusal shows here): {visit.errors}"


def test_the_search_box_finds_a_word_and_leads_to_its_page(built, offline):
    visit = offline()
    page = visit.open(built.out / "index.html")
    page.fill("#search-box", "Brier")
    page.wait_for_selector("#search-results li a", timeout=10_000)
    lesson = next(n for n in built.pages if n.startswith("05-"))  # the lesson that teaches the Brier score
    found = page.locator(f'#search-results li a[href^="{lesson}"]')
    assert found.count() >= 1, page.inner_text("#search-results")
    target = found.first.get_attribute("href")
    found.first.click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0].endswith(target.split("#")[0])
    page.fill("#search-box", "zzqxnotaword")
    page.wait_for_selector("#search-results p", timeout=10_000)
    assert "Nothing found" in page.inner_text("#search-results")
    assert visit.outside == [] and visit.errors == []


def test_on_a_phone_no_page_scrolls_sideways(built, offline):
    visit = offline(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    lab.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    wide = {}
    for path in _pages(built):
        page = visit.open(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path.name] = width
        if path.name in (built.pages[0], built.pages[2]):
            page.screenshot(path=str(lab.ARTIFACTS / f"site-phone-{path.stem}.png"), full_page=True)
    assert not wide, f"pages wider than a {PHONE['width']} px phone: {wide}"
    assert visit.outside == []


def test_axe_finds_no_serious_problem_on_any_page(built, offline):
    axe = lab.AXE_JS.read_text(encoding="utf-8")
    visit = offline()
    serious, report = {}, {}
    for path in _pages(built):
        page = visit.open(path)
        page.evaluate(axe)  # evaluated by the test, so the page's own policy stays as strict as published
        violations = lab.run_axe(page)
        report[path.name] = violations
        found = [v for v in violations if v["impact"] in ("serious", "critical")]
        if found:
            serious[path.name] = lab.describe_axe(found)
    lab.write_json("axe-site.json", report)
    assert not serious, "\n".join(f"{name}:\n{text}" for name, text in serious.items())
    assert visit.outside == []
