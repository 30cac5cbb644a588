"""Machinery for the real-browser tests: a throwaway JupyterLab, headless Chromium, and what we read back.

Used by the pytest suite in this folder and by ``benchmarks/browser.py``. Nothing here touches the
working tree: the course is copied into a temporary folder, JupyterLab serves that copy on
127.0.0.1 with a fixed token, and Debian's ``chromium`` (driven by Playwright, never
``playwright install``) opens each notebook there. Every request the page makes is recorded, and
any request to a host other than this machine is blocked and reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# What the suite copies: the course a participant gets, never the working tree itself.
COURSE_PARTS = ("notebooks", "instructor", "exercises", "solutions", "data", "nbgrader_config.py")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension", "devtools"}

# JupyterLab user settings for the test server: no news or update checks (they would reach the
# internet), and every cell kept in the page (no virtual scrolling) so checks and screenshots see all.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

# Seconds. Generous for 2 slow cores; a healthy run needs far less.
SERVER_START_TIMEOUT = 90
RUN_TIMEOUT = 240
RENDER_TIMEOUT = 60


class ChromiumMissing(RuntimeError):
    pass


# ---------------------------------------------------------------------------------------------
# The course copy
# ---------------------------------------------------------------------------------------------

def course_notebooks(root: Path = ROOT) -> list[str]:
    """Every lesson in notebooks/ and every released notebook in exercises/, as paths relative to ``root``."""
    found = [*sorted(root.glob("notebooks/*.ipynb")), *sorted(root.glob("exercises/*/*.ipynb"))]
    return [p.relative_to(root).as_posix() for p in found if ".ipynb_checkpoints" not in p.parts]


def copy_course(dest: Path) -> Path:
    """A fresh copy of the course at ``dest``, without saved answers or checkpoints."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("answers", ".ipynb_checkpoints", "__pycache__", "*.corrupt-*")
    for part in COURSE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, dest / part)
    return dest


# ---------------------------------------------------------------------------------------------
# JupyterLab
# ---------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


COURSE_ID = "project-to-product"


@dataclass
class LabServer:
    root: Path  # the folder JupyterLab serves (holds course copies)
    port: int
    token: str
    process: subprocess.Popen
    log: Path
    exchange: Path  # the nbgrader exchange this server's Assignments panel uses (never the system one)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, path: str, method: str = "GET", timeout: float = 10):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # the test server on 127.0.0.1
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def _server_env(home: Path) -> dict:
    env = dict(os.environ)
    # The course must pick its defaults as in class: JupyterChart offline, the copy's own data.
    for name in ("WORKSHOP_CHARTS", "WORKSHOP_COURSE_ROOT", "WORKSHOP_DATA_DIR", "NBGRADER_EXECUTION",
                 "JUPYTER_CONFIG_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        env.pop(name, None)
    bin_dir = str(Path(sys.executable).parent)  # kernels run `python`: this environment's
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env["JUPYTER_CONFIG_DIR"] = str(home / "config")  # nothing from the user's ~/.jupyter
    env["JUPYTER_RUNTIME_DIR"] = str(home / "runtime")
    env["PYTHONUNBUFFERED"] = "1"
    return env


@contextlib.contextmanager
def lab_server(root: Path, home: Path, workshop_lab: list[str] | None = None) -> Iterator[LabServer]:
    """JupyterLab on 127.0.0.1, serving ``root``, stopped (with its kernels) whatever happens.

    With ``workshop_lab`` (e.g. ``[]`` or ``["--instructor"]``) it is started as a participant or a
    facilitator starts it, by the course's own ``workshop lab`` in ``root`` (a copy of the course), with
    the options that edition sets (which nbgrader panels show) and the test server's options after them."""
    home.mkdir(parents=True, exist_ok=True)
    settings = home / "user-settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    # nbgrader's student side (Assignments panel): a private exchange and cache, never the machine's.
    exchange = home / "exchange"
    exchange.mkdir(exist_ok=True)
    exchange.chmod(0o777)  # nbgrader insists on a world-writable exchange root
    config = home / "config"
    config.mkdir(exist_ok=True)
    (config / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        f"c.Exchange.cache = {str(home / 'nbgrader-cache')!r}\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n", encoding="utf-8")
    port = free_port()
    token = secrets.token_hex(16)
    launcher = ([sys.executable, "-m", "jupyterlab"] if workshop_lab is None
                else [sys.executable, "-m", "workshop_utils.cli", "lab", *workshop_lab])
    command = [
        *launcher,
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        # `workshop lab` serves the course it runs in, here ``root``
        *([f"--ServerApp.root_dir={root}"] if workshop_lab is None else []),
        "--ServerApp.open_browser=False",
        # nothing that reaches the internet: no news feed, no update check, no PyPI extension manager
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
        # window.jupyterapp: lets the tests read the notebook model (outputs, nbgrader ids)
        "--LabApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = home / "jupyterlab.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(command, cwd=root, env=_server_env(home), stdout=log_file,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    server = LabServer(root=root, port=port, token=token, process=process, log=log, exchange=exchange)
    try:
        _wait_until_up(server)
        yield server
    finally:
        stop_server(server)


def _wait_until_up(server: LabServer) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {server.process.returncode}:\n{server.log_tail()}")
        try:
            server.api("/api/status", timeout=2)
            return
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(0.3)
    raise RuntimeError(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")


def stop_server(server: LabServer) -> None:
    """Stop the server, its process group and every kernel it started (kernels run in their own sessions)."""
    process = server.process
    children = []
    try:
        import psutil

        children = psutil.Process(process.pid).children(recursive=True)
    except Exception:  # psutil missing or the server already gone: the process group still goes
        pass
    if process.poll() is None:
        with contextlib.suppress(Exception):
            for kernel in server.api("/api/kernels", timeout=3) or []:
                server.api(f"/api/kernels/{kernel['id']}", method="DELETE", timeout=10)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    for child in children:  # kernels: started by this server, identified by pid
        with contextlib.suppress(Exception):
            child.kill()


# ---------------------------------------------------------------------------------------------
# The browser
# ---------------------------------------------------------------------------------------------

def chromium_path() -> str:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        raise ChromiumMissing(
            f"{CHROMIUM} is missing, so the real-browser tests cannot run. Install Debian's chromium "
            "(`bash scripts/ensure-chromium.sh` as root, or `sudo apt-get install -y chromium`); "
            "`make test` does it where it can.")
    return CHROMIUM


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Headless Debian chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str) -> bool:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme in LOCAL_SCHEMES:
        return True
    return (parsed.hostname or "") in LOCAL_HOSTS


@dataclass
class Visit:
    """One browser context on the test server, with every request it made."""

    server: LabServer
    context: object
    page: object
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        """Requests (and blocked attempts) that were not to this machine."""
        seen = [u for u in self.requests if not is_local(u)] + self.blocked
        return sorted(set(seen))

    def goto_notebook(self, relpath: str) -> None:
        """Open ``relpath`` (relative to the server root) in JupyterLab and wait for its kernel."""
        quoted = urllib.parse.quote(relpath)
        self.page.goto(f"{self.server.url}/lab/tree/{quoted}?reset&token={self.server.token}",
                       wait_until="domcontentloaded")
        deadline = time.monotonic() + RUN_TIMEOUT
        while not self.page.evaluate(_READY_JS, relpath):
            dialog = blocking_dialog(self.page)
            if dialog:
                raise AssertionError(f"a dialog blocks {relpath} on opening: {dialog!r}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{relpath} did not open with an idle kernel within {RUN_TIMEOUT} s")
            self.page.wait_for_timeout(250)
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", state="attached")

    def screenshot(self, name: str) -> Path:
        """A picture of the whole notebook: the viewport is stretched to the notebook's height first."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page = self.page
        height = page.evaluate("""() => {
            const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')
                       || document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
            return nb ? nb.scrollHeight : 0;
        }""")
        size = page.viewport_size
        target = min(max(size["height"], int(height) + 200), 16000)
        path = ARTIFACTS / f"{name}.png"
        try:
            page.set_viewport_size({"width": size["width"], "height": target})
            page.evaluate("""() => document.querySelectorAll(
                '.jp-NotebookPanel .jp-WindowedPanel-outer, .jp-NotebookPanel .jp-Notebook').forEach(
                el => { el.scrollTop = 0; })""")
            page.wait_for_timeout(500)
            page.screenshot(path=str(path), full_page=True)
        finally:
            page.set_viewport_size(size)
        return path


_READY_JS = """(path) => {
    const app = window.jupyterapp;
    const w = app && app.shell && app.shell.currentWidget;
    return !!(w && w.context && w.context.path === path && w.content && w.content.widgets
              && w.content.widgets.length > 0 && w.sessionContext && w.sessionContext.session
              && w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle');
}"""


def blocking_dialog(page) -> str | None:
    """The text of a modal JupyterLab dialog on screen (e.g. "Select Kernel"), or None."""
    dialogs = page.locator(".jp-Dialog")
    if dialogs.count() == 0:
        return None
    try:
        return " ".join(dialogs.first.inner_text(timeout=2000).split())[:300]
    except Exception:
        return "(a dialog)"


@contextlib.contextmanager
def visit(browser, server: LabServer) -> Iterator[Visit]:
    """A fresh browser context whose requests are all recorded and, unless to this machine, blocked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block",
                                  locale="en-GB")
    current = Visit(server=server, context=context, page=None)

    def route(route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            current.blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    context.on("request", lambda request: current.requests.append(request.url))
    page = context.new_page()
    page.on("websocket", lambda ws: current.requests.append(ws.url))
    page.on("console", lambda msg: current.console_errors.append(msg.text) if msg.type == "error" else None)
    page.set_default_timeout(30_000)
    current.page = page
    try:
        yield current
    finally:
        context.close()
        with contextlib.suppress(Exception):  # the next visit starts with no kernel left running
            for kernel in server.api("/api/kernels", timeout=5) or []:
                server.api(f"/api/kernels/{kernel['id']}", method="DELETE", timeout=10)


# ---------------------------------------------------------------------------------------------
# Driving a notebook
# ---------------------------------------------------------------------------------------------

def menu(page, top: str, item: str) -> None:
    """Click ``top`` in JupyterLab's menu bar, then ``item`` (its label, matched from the start)."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(top)}$")).click()
    entry = page.locator(".lm-Menu:not(.lm-MenuBar) .lm-Menu-item[data-type='command']",
                         has=page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}")))
    entry.first.click()


_BUSY_JS = """() => {
    const w = window.jupyterapp.shell.currentWidget;
    const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
    const prompts = [...w.node.querySelectorAll('.jp-InputArea-prompt')].map(p => p.textContent);
    return {status: kernel ? kernel.status : 'none', running: prompts.filter(t => t.includes('*')).length};
}"""


def wait_until_idle(page, timeout: float = RUN_TIMEOUT, settle: float = 1.0) -> None:
    """Wait until no cell is queued or running and the kernel has stayed idle for ``settle`` seconds."""
    deadline = time.monotonic() + timeout
    idle_since = None
    while time.monotonic() < deadline:
        state = page.evaluate(_BUSY_JS)
        if state["status"] in ("dead", "unknown"):
            raise AssertionError(f"the kernel is {state['status']} ({blocking_dialog(page) or 'no dialog'})")
        dialog = blocking_dialog(page)
        if dialog:
            raise AssertionError(f"a dialog blocks the notebook while it runs: {dialog!r}")
        if state["status"] == "idle" and state["running"] == 0:
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= settle:
                return
        else:
            idle_since = None
        page.wait_for_timeout(200)
    raise TimeoutError(f"the notebook was still running after {timeout} s ({page.evaluate(_BUSY_JS)})")


# Per code cell: what the model holds (outputs, nbgrader id) and what the page shows.
_CELLS_JS = r"""() => {
    const w = window.jupyterapp.shell.currentWidget;
    return w.content.widgets.map((cell, index) => {
        const model = cell.model.toJSON();
        const meta = model.metadata || {};
        const outputs = (model.outputs || []).map(o => {
            const data = o.data || {};
            const view = data['application/vnd.jupyter.widget-view+json'];
            const plain = [].concat(data['text/plain'] || '').join('');
            return {type: o.output_type, name: o.name || null, ename: o.ename || null, evalue: o.evalue || null,
                    text: o.output_type === 'stream' ? [].concat(o.text).join('') : null,
                    widget: view ? view.model_id : null, chart: !!view && plain.includes('JupyterChart'),
                    mimetypes: Object.keys(data)};
        });
        const shown = [...cell.node.querySelectorAll('.jp-OutputArea-child')].map(child => {
            const out = child.querySelector('.jp-OutputArea-output');
            const text = out ? out.innerText : '';
            return {
                mime: out ? out.getAttribute('data-mime-type') : null,
                widgets: out ? out.querySelectorAll('.jupyter-widgets, .jp-RenderedJupyterWidget').length : 0,
                controls: out ? out.querySelectorAll('[class*="widget-"]').length : 0,
                charts: out ? out.querySelectorAll('.vega-embed').length : 0,
                drawn: out ? out.querySelectorAll('.vega-embed svg, .vega-embed canvas').length : 0,
                broken: /Error displaying widget|Loading widget\.\.\.|Error loading script|Failed to load/.test(text),
                text: text.slice(0, 300),
            };
        });
        return {index, type: model.cell_type, gradeId: (meta.nbgrader || {}).grade_id || null,
                tags: meta.tags || [], count: model.execution_count === undefined ? null : model.execution_count,
                source: [].concat(model.source).join('').slice(0, 120), outputs, shown};
    });
}"""


def cells(page) -> list[dict]:
    return page.evaluate(_CELLS_JS)


def render_problems(cell_list: list[dict]) -> list[str]:
    """Widgets or charts that the page has not (yet) drawn."""
    problems = []
    for cell in cell_list:
        if cell["type"] != "code":
            continue
        where = f"cell {cell['index']} ({cell['gradeId'] or cell['source'][:40]!r})"
        shown = cell["shown"]
        if len(shown) < len(cell["outputs"]):
            problems.append(f"{where}: {len(cell['outputs'])} outputs in the model but {len(shown)} on the page")
            continue
        for output, view in zip(cell["outputs"], shown[:len(cell["outputs"])], strict=True):
            if not output["widget"]:
                continue
            if view["broken"]:
                problems.append(f"{where}: widget output says {view['text'][:120]!r}")
            elif output["chart"] and view["drawn"] == 0:
                problems.append(f"{where}: Altair JupyterChart not drawn (no svg/canvas in .vega-embed); "
                                f"page shows {view['text'][:120]!r}")
            elif not output["chart"] and (view["widgets"] == 0 or view["controls"] == 0):
                problems.append(f"{where}: widget not rendered (no .jupyter-widgets/.widget-* elements); "
                                f"page shows {view['text'][:120]!r}")
    return problems


def wait_until_rendered(page, timeout: float = RENDER_TIMEOUT) -> list[dict]:
    """Wait until every widget and chart output is drawn; returns the cells (problems left for the caller)."""
    deadline = time.monotonic() + timeout
    while True:
        found = cells(page)
        if not render_problems(found) or time.monotonic() > deadline:
            return found
        page.wait_for_timeout(300)


def run_all(page, render_timeout: float = RENDER_TIMEOUT) -> tuple[list[dict], list[int]]:
    """Run > Run All Cells, then keep going past failures: returns the cells and where "Run All" stopped.

    JupyterLab stops a "Run All" at the first cell that raises (later queued cells are aborted), so
    when a cell errors and cells below it did not run, this selects the next cell and uses
    Run > Run Selected Cell and All Below, as a participant would. The errors stay in the outputs
    for the caller to judge.
    """
    menu(page, "Run", "Run All Cells")
    wait_until_idle(page)
    stops = []
    for _ in range(200):
        found = cells(page)
        pending = [c for c in found if c["type"] == "code" and c["count"] is None and c["source"].strip()]
        if not pending:
            break
        first = pending[0]
        stopped = [c for c in found[:first["index"]] if any(o["type"] == "error" for o in c["outputs"])]
        if not stopped:
            break  # nothing stopped the run: not_executed() reports the cells left
        stops.append(stopped[-1]["index"])
        page.evaluate("(i) => { const w = window.jupyterapp.shell.currentWidget; w.content.activeCellIndex = i; "
                      "w.content.deselectAll(); }", first["index"])
        menu(page, "Run", "Run Selected Cell and All Below")
        wait_until_idle(page)
    return wait_until_rendered(page, render_timeout), stops


def error_outputs(cell_list: list[dict], allow_self_check_failures: bool) -> list[str]:
    """Error outputs (and stderr), except a self-check's CheckFailed where the release expects it."""
    problems = []
    for cell in cell_list:
        for output in cell["outputs"]:
            where = f"cell {cell['index']} ({cell['gradeId'] or cell['source'][:40]!r})"
            if output["type"] == "error":
                expected = (allow_self_check_failures and output["ename"] == "CheckFailed"
                            and (cell["gradeId"] or "").endswith("-self"))
                if not expected:
                    problems.append(f"{where}: {output['ename']}: {(output['evalue'] or '')[:200]}")
            elif output["type"] == "stream" and output["name"] == "stderr":
                problems.append(f"{where}: stderr: {(output['text'] or '')[:200]}")
    return problems


def not_executed(cell_list: list[dict]) -> list[str]:
    return [f"cell {c['index']} ({c['gradeId'] or c['source'][:40]!r})" for c in cell_list
            if c["type"] == "code" and c["count"] is None and c["source"].strip()
            and not all(line.strip().startswith("#") for line in c["source"].splitlines() if line.strip())]


# ---------------------------------------------------------------------------------------------
# Accessibility (axe-core, vendored)
# ---------------------------------------------------------------------------------------------

COURSE_CONTENT = (".jp-RenderedMarkdown", ".jp-OutputArea-output", ".jupyter-widgets")


def run_axe(page) -> list[dict]:
    """axe-core's violations on the current page, each node tagged with whether it is course content."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (content) => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
                nodes: v.nodes.map(n => {
                    let el = null;
                    try { el = document.querySelector(n.target[0]); } catch (e) { el = null; }
                    const inCourse = !!(el && content.some(sel => el.closest(sel)));
                    return {target: n.target, html: n.html.slice(0, 300), summary: n.failureSummary,
                            impact: n.impact, course: inCourse};
                }),
            }));
        }""",
        list(COURSE_CONTENT),
    )


def split_axe(violations: list[dict], levels=("serious", "critical")) -> tuple[list[dict], list[dict]]:
    """(course violations that fail the test, everything else for the report)."""
    course, other = [], []
    for v in violations:
        ours = [n for n in v["nodes"] if n["course"]]
        theirs = [n for n in v["nodes"] if not n["course"]]
        if ours and (v["impact"] in levels):
            course.append({**v, "nodes": ours})
        elif ours:
            other.append({**v, "nodes": ours, "course_minor": True})
        if theirs:
            other.append({**v, "nodes": theirs})
    return course, other


def describe_axe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


def write_json(name: str, payload) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def artifact_name(relpath: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "__", relpath.removesuffix(".ipynb"))


# ---------------------------------------------------------------------------------------------
# One notebook, every check
# ---------------------------------------------------------------------------------------------

@dataclass
class NotebookResult:
    relpath: str
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    not_run: list[str] = field(default_factory=list)
    render: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    axe_course: list[dict] = field(default_factory=list)
    axe_other: list[dict] = field(default_factory=list)
    stops: list[int] = field(default_factory=list)
    screenshot: Path | None = None
    report: Path | None = None

    def problems(self) -> list[str]:
        found = [f"error output: {e}" for e in self.errors]
        found += [f"cell never ran: {c}" for c in self.not_run]
        found += [f"not rendered: {r}" for r in self.render]
        found += [f"request left 127.0.0.1: {u}" for u in self.outside]
        if self.axe_course:
            found.append("axe-core, serious/critical in course content:\n" + describe_axe(self.axe_course))
        return found


def check_notebook(current: Visit, path: str, exercise: bool, name: str | None = None,
                   render_timeout: float = RENDER_TIMEOUT) -> NotebookResult:
    """Open ``path`` (relative to the server root), run every cell and check everything; never raises on findings."""
    name = name or artifact_name(path.split("/", 1)[1] if "/" in path else path)
    result = NotebookResult(relpath=path)
    started = time.monotonic()
    current.goto_notebook(path)
    found, result.stops = run_all(current.page, render_timeout)
    result.seconds = time.monotonic() - started
    result.errors = error_outputs(found, allow_self_check_failures=exercise)
    result.not_run = not_executed(found)
    result.render = render_problems(found)
    result.screenshot = current.screenshot(name)
    result.axe_course, result.axe_other = split_axe(run_axe(current.page))
    result.outside = current.outside()  # after axe and the screenshot too: the whole visit counts
    result.report = write_json(f"axe-{name}.json", {
        "notebook": path.split("/", 1)[1] if "/" in path else path,
        "axe_version": current.page.evaluate("() => window.axe && window.axe.version"),
        "failing_course_violations": result.axe_course,
        "other_violations": result.axe_other,
        "note": "failing: serious/critical violations whose nodes are inside course content (rendered "
                "markdown, output areas, widgets). other: JupyterLab's own violations, and minor/moderate "
                "ones in course content (entries marked course_minor); reported, not failed.",
        "run_all_stopped_at_cells": result.stops,
        "console_errors": current.console_errors[:50],
        "requests": len(current.requests),
        "requests_outside": result.outside,
        "seconds_to_run": round(result.seconds, 1),
    })
    return result
