"""The completion record in the real browser, opened as the file a self-learner prints or shares: it loads
nothing from anywhere (every request that is not file: is recorded and aborted: none is attempted), fits a
phone, has no serious axe-core violation, and a name that holds markup stays text.
"""

from __future__ import annotations

import json
import shutil

import pytest

from workshop_utils import certificate, course, progress

from ..conftest import ROOT, copy_course
from . import lab

pytestmark = pytest.mark.browser

HOSTILE = '<script>window.__pwned = 1</script><img src="https://example.org/x.png">'
M01 = "01-output-vs-outcome"


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    root = copy_course(tmp_path_factory.mktemp("course") / "course", modules=[M01])
    shutil.copy2(ROOT / "solutions" / M01 / f"{M01}.ipynb", root / "exercises" / M01)
    m = course.module_numbered(M01)
    items = {q.qid.split(".", 1)[1]: (float(q.points), float(q.points)) for q in m.QUESTIONS if q.points > 0}
    progress.write_record(root, M01, root / "exercises" / M01, items, {"reframe"})
    return certificate.issue(root, f"Ada Lovelace {HOSTILE}")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_record_requests_nothing_and_fits_a_phone(chromium_browser, issued, width):
    # The page's own Content-Security-Policy is bypassed (axe-core is injected), so what is proved is that the
    # page asks for nothing, not that its policy stopped it.
    context = chromium_browser.new_context(viewport={"width": width, "height": 900}, service_workers="block",
                                           locale="en-GB", bypass_csp=True)
    outside, console = [], []

    def route(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
        page.goto(issued.html.as_uri(), wait_until="load")
        page.wait_for_timeout(300)
        assert HOSTILE in page.locator(".name").inner_text()
        assert page.evaluate("() => window.__pwned") is None
        assert "not proctored" in page.locator(".honest").inner_text()
        assert page.locator("tbody tr").count() == 1
        embedded = page.evaluate("() => JSON.parse(document.getElementById('workshop-certificate').textContent)")
        assert embedded == json.loads(issued.json.read_text())
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the window"
        serious = [v for v in lab.run_axe(page) if v["impact"] in ("serious", "critical")]
        assert not serious, lab.describe_axe(serious)
        assert outside == [], outside
        assert console == [], console
    finally:
        context.close()
