"""Fixtures of the real-browser tests: one JupyterLab and one headless Chromium per test process.

JupyterLab serves a temporary folder that holds copies of the course (never the working tree);
each test takes its own copy, so a participant's clicks never leak into another test. Without
/usr/bin/chromium every browser test is skipped with the reason (counted in pytest's summary).
"""

from __future__ import annotations

import hashlib

import pytest

from . import lab


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's chromium, headless, driven by Playwright; skips loudly when it is not installed."""
    try:
        lab.chromium_path()
    except lab.ChromiumMissing as exc:
        pytest.skip(f"BROWSER TESTS SKIPPED: {exc}")
    with lab.chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory):
    """The folder JupyterLab serves; course copies go in its subfolders."""
    return tmp_path_factory.mktemp("lab-root")


@pytest.fixture(scope="session")
def lab_home(tmp_path_factory):
    """The server's own config, runtime, settings and log folder (nothing from ~/.jupyter)."""
    return tmp_path_factory.mktemp("lab-home")


@pytest.fixture(scope="session")
def lab_server(chromium_browser, lab_root, lab_home):
    """JupyterLab on 127.0.0.1 with a fixed token; stopped with its kernels whatever happens."""
    with lab.lab_server(lab_root, lab_home) as server:
        yield server


@pytest.fixture(scope="session")
def course(lab_root):
    """The copy of the course the rendering tests open (read-only use: nobody clicks in it)."""
    return lab.copy_course(lab_root / "course")


@pytest.fixture
def own_course(lab_root, request):
    """A fresh copy of the course for one test that changes things (answers, saved notebooks)."""
    name = "".join(ch if ch.isalnum() else "-" for ch in request.node.name)
    if len(name) > 60:  # short enough for the kernel's socket paths, and still one folder per test
        name = name[:50] + "-" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:8]
    return lab.copy_course(lab_root / name)


@pytest.fixture
def visit(chromium_browser, lab_server):
    """A fresh browser context on the server; every request is recorded, non-local ones blocked."""
    with lab.visit(chromium_browser, lab_server) as current:
        yield current
