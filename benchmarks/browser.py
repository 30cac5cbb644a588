"""Benchmark: every lesson and released exercise, run in JupyterLab in headless Chromium.

    python benchmarks/browser.py

Prints `name: value` lines:

* browser_notebooks_ok: notebooks that pass every browser check (no error output, every widget and
  chart drawn, no request leaving 127.0.0.1, no serious axe-core finding in course content) / notebooks;
* browser_s_per_notebook: median seconds per notebook, from opening it to its screenshot and axe report.

It uses the machinery of the browser tests (tests/browser/lab.py): a temporary copy of the course,
JupyterLab on 127.0.0.1, Debian's /usr/bin/chromium driven by Playwright.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser import lab  # noqa: E402  (needs the course root on sys.path)


def bench_browser() -> dict:
    """Run every notebook once in a real browser; raises ``lab.ChromiumMissing`` without chromium."""
    lab.chromium_path()
    notebooks = lab.course_notebooks()
    seconds, passing, failures = [], 0, {}
    with tempfile.TemporaryDirectory(prefix="browser-bench-") as tmp:
        root = Path(tmp) / "root"
        course = lab.copy_course(root / "course")
        with lab.lab_server(root, Path(tmp) / "home") as server, lab.chromium() as browser:
            for relpath in notebooks:
                with lab.visit(browser, server) as current:
                    start = time.perf_counter()
                    try:
                        result = lab.check_notebook(current, f"{course.name}/{relpath}",
                                                    exercise=relpath.startswith("exercises/"))
                        problems = result.problems()
                    except Exception as exc:  # a hang or crash is a failing notebook, not a crashed benchmark
                        problems = [f"{type(exc).__name__}: {exc}"]
                    seconds.append(time.perf_counter() - start)
                if problems:
                    failures[relpath] = problems
                else:
                    passing += 1
    for relpath, problems in failures.items():
        print(f"# {relpath}: " + "; ".join(p.splitlines()[0] for p in problems), file=sys.stderr)
    return {
        "browser_notebooks_ok": f"{passing}/{len(notebooks)}",
        "browser_s_per_notebook": statistics.median(seconds) if seconds else float("nan"),
    }


def main() -> int:
    try:
        figures = bench_browser()
    except lab.ChromiumMissing as exc:
        print(f"browser_notebooks_ok: skipped ({exc})")
        return 0
    for key, value in figures.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
