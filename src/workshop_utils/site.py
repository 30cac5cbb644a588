"""``workshop site``: the course as a static, searchable website that works offline.

Every lesson (``notebooks/``, or ``instructor/`` for the instructor build with its notes) is run in a real
kernel, in a temporary copy (the course and its answers files are never touched), and turned into one HTML
page by nbconvert with this package's own template (``site_template/``). On the way:

* an Altair chart (the Vega-Lite spec the course's ``spec`` chart mode emits) becomes an inline SVG drawn by
  vl-convert, with the chart's description as its accessible name and as its caption;
* a widget becomes its question as text (title, prompt, statements, labels or options) with a note to run the
  notebook in JupyterLab to answer it; never a key, a model answer or a hint;
* links between lessons and guides point at their pages; links into the course folder become plain text.

The home page is the course map, read from the lessons' own metadata (so a new module appears by itself).
Search is a few lines of JavaScript over an index written at build time as a script file (works from
``file://``). Every page carries a Content-Security-Policy that lets nothing load from another origin.

Facilitator side only: never imported by the kernel side of the course.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from workshop_utils import editions, files
from workshop_utils.errors import WorkshopError

MARKER = ".workshop-site"  # written into every built site: a later build may replace that folder, and no other
TEMPLATE_DIR = Path(__file__).resolve().parent / "site_template"
SPEC_MIMETYPE = "application/vnd.vegalite.v6+json"  # = charts.SPEC_MIMETYPE (not imported: it imports nothing heavy)
WIDGET_MIMETYPE = "application/vnd.jupyter.widget-view+json"
COURSE_TITLE = "From Project to Product"
RUN_NOTE = "Run this notebook in JupyterLab to answer and check."
# Where lessons and docs may not be written over: the course's own sources.
PROTECTED = ("notebooks", "instructor", "exercises", "solutions", "data", "docs", "src", "tests")
LEARNER_DOCS = ("self-learner-guide.md", "bring-your-own-deliverables.md")
INSTRUCTOR_DOCS = ("facilitator-guide.md",)
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; base-uri 'none'; form-action 'none'")
# A widget's question id in the cell that makes it: widgets.classify("m01.practice", ...), quarters.stepper(...),
# any factory called with a question id first; checks.check("m01.x", answer) and its kin make no widget.
WIDGET_CALL = re.compile(r"\b(?!(?:check|grade|assert_passes|question)\()\w+\(\s*[\"'](m\d+\.\w+)[\"']")


@dataclasses.dataclass
class Page:
    name: str  # file name in the site, e.g. 01-lesson-output-vs-outcome.html
    title: str
    body: str  # the HTML inside <main>
    kind: str  # home | lesson | guide | search


@dataclasses.dataclass
class Built:
    out: Path
    pages: list[str]
    seconds: float
    executed: bool
    errors: list[str]  # cells that raised while the lessons ran (the page still shows the error)


# -- where ---------------------------------------------------------------------------------------------
def check_out(root: Path, out: Path) -> Path:
    """``out`` resolved, or a WorkshopError when building there could destroy something."""
    out = Path(out).expanduser().resolve()
    root = Path(root).resolve()
    if out == root or out in root.parents:
        raise WorkshopError(f"--out {out} is the course folder or holds it. Choose a new folder, e.g. "
                            "`workshop site --out site`.")
    for part in PROTECTED:
        folder = root / part
        if out == folder or folder in out.parents:
            raise WorkshopError(f"--out {out} is inside the course's {part}/ folder. Choose a folder of its own, "
                                "e.g. `workshop site --out site`.")
    if out.exists() and not out.is_dir():
        raise WorkshopError(f"--out {out} is a file. Choose a folder (a new one, or an earlier site).")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise WorkshopError(f"--out {out} already holds files that are not a site built by `workshop site`; "
                            "nothing was written. Choose a new folder, or empty that one first.")
    return out


# -- running the lessons -----------------------------------------------------------------------------
def lessons(root: Path, instructor: bool) -> list[Path]:
    folder = Path(root) / (editions.INSTRUCTOR if instructor else editions.LEARNER)
    found = sorted(folder.glob("*.ipynb"))
    if not found:
        how = "" if instructor else " Run `workshop lessons` to generate them from instructor/."
        raise WorkshopError(f"No lessons in {folder}.{how}")
    return found


def _execute(paths: list[Path], root: Path, timeout: int) -> tuple[dict[str, nbformat.NotebookNode], list[str]]:
    """Each lesson run top to bottom in a fresh kernel, in a temporary copy (answers go there, not to the course)."""
    from nbclient import NotebookClient

    done, errors = {}, []
    # Charts come out as their Vega-Lite spec (drawn here as SVG); the data is the course's own.
    env = {**os.environ, "WORKSHOP_CHARTS": "spec", "WORKSHOP_COURSE_ROOT": str(root)}
    with tempfile.TemporaryDirectory(prefix="workshop-site-") as tmp:
        for path in paths:
            copy = Path(tmp) / path.name
            shutil.copy2(path, copy)
            nb = nbformat.read(copy, as_version=4)
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                                    resources={"metadata": {"path": tmp}})
            try:
                # The kernel's own log lines (a warning per kernel) stay out of the command's output; what a
                # cell raises is in its output and in the build's list of errors.
                client.execute(env=env, stderr=subprocess.DEVNULL)
            except Exception as exc:  # noqa: BLE001 - a timeout or a dead kernel: name the lesson, say what to do
                why = " ".join(str(exc).split())[:160]
                raise WorkshopError(
                    f"{path.name} did not finish running ({type(exc).__name__}: {why}). Run it in "
                    "JupyterLab to see where it stops, give slow cells more time with --timeout SECONDS, or "
                    "build without running the lessons (--no-execute).") from exc
            for cell in nb.cells:
                for output in cell.get("outputs", []):
                    if output.get("output_type") == "error":
                        errors.append(f"{path.name}: {output.get('ename')}: {output.get('evalue')}"[:300])
            done[path.name] = nb
    return done, errors


# -- outputs made static -----------------------------------------------------------------------------
def chart_html(spec: dict) -> str:
    """A Vega-Lite chart as an inline SVG figure, its description as accessible name and caption."""
    description = spec.get("description") if isinstance(spec.get("description"), str) else ""
    try:
        import vl_convert as vlc

        svg = vlc.vegalite_to_svg(spec)
    except Exception as exc:  # noqa: BLE001 - a chart that cannot be drawn leaves a sentence, not a broken page
        return (f'<p class="chart-missing">A chart could not be drawn here ({html.escape(type(exc).__name__)}). '
                f"{html.escape(description)}</p>")
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg).strip()
    label = html.escape(description or _title_text(spec) or "Chart", quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    caption = f"<figcaption>{html.escape(description)}</figcaption>" if description else ""
    return f'<figure class="chart">{svg}{caption}</figure>'


def _title_text(spec: dict) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return title if isinstance(title, str) else ""


def question_html(qid: str | None) -> str:
    """A widget as its question: title, prompt, what to sort or choose; no key, no hint, no model answer."""
    note = f'<p class="run-note">{html.escape(RUN_NOTE)}</p>'
    if not qid:
        return f'<div class="widget-static"><p>An interactive tool appears here in the notebook.</p>{note}</div>'
    from workshop_utils import checks

    try:
        q = checks.question(qid)
    except WorkshopError:
        return f'<div class="widget-static"><p>An interactive question appears here in the notebook.</p>{note}</div>'
    parts = [f'<div class="widget-static question" data-qid="{html.escape(qid, quote=True)}">',
             f'<p class="question-title"><strong>{html.escape(q.title)}</strong></p>',
             f"<p>{html.escape(q.prompt)}</p>"]
    if q.labels:
        parts.append('<p>Sort each statement into one of: '
                     + ", ".join(f'<span class="label">{html.escape(str(label))}</span>' for label in q.labels)
                     + ".</p>")
        parts.append('<ol class="statements">' + "".join(f"<li>{html.escape(str(o))}</li>" for o in q.options)
                     + "</ol>")
    elif q.options:
        parts.append('<p>Tick every option that fits:</p><ul class="options">'
                     + "".join(f'<li><span class="box" aria-hidden="true">&#9744;</span> {html.escape(str(o))}</li>'
                               for o in q.options) + "</ul>")
    elif q.kind == "text":
        parts.append('<p class="answer-space">Your answer is typed into a box in the notebook.</p>')
    parts.append(note + "</div>")
    return "".join(parts)


def make_static(nb: nbformat.NotebookNode, executed: bool) -> nbformat.NotebookNode:
    """Charts to inline SVG, widgets to their questions, widget state dropped (nothing loads a widget manager)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        qids = WIDGET_CALL.findall(cell.source)
        outputs, shown = [], False
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if SPEC_MIMETYPE in data:
                outputs.append(_html_output(chart_html(data[SPEC_MIMETYPE])))
            elif WIDGET_MIMETYPE in data:
                if not shown:  # one question per cell, however many widgets it displays
                    outputs.append(_html_output(question_html(qids[0] if qids else None)))
                    shown = True
            else:
                outputs.append(output)
        if not executed and qids:
            outputs.append(_html_output(question_html(qids[0])))
        cell.outputs = outputs
    return nb


def _html_output(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/html": text})


# -- pages -------------------------------------------------------------------------------------------
def _exporter():
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATE_DIR)], template_name="site")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def lesson_body(nb: nbformat.NotebookNode, exporter) -> str:
    body, _ = exporter.from_notebook_node(nb)
    return body


_LINK = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)


def rewrite_links(body: str, known: dict[str, str]) -> str:
    """Links to a lesson or guide point at its page; links into the course folder become plain text."""
    def swap(match: re.Match) -> str:
        href, rest, text = match.groups()
        if re.match(r"^(https?:|mailto:|#)", href) or not href:
            return match.group(0)
        target, _, anchor = html.unescape(href).partition("#")
        page = known.get(Path(target).name)
        if page:
            return f'<a href="{html.escape(page + ("#" + anchor if anchor else ""), quote=True)}"{rest}>{text}</a>'
        where = html.escape(target, quote=True)
        return f'<span class="course-path" title="in the course folder: {where}">{text}</span>'

    return _LINK.sub(swap, body)


def _scrollable_tables(body: str) -> str:
    """Wide tables scroll on their own (keyboard-reachable), never the page; each region's name is its own."""
    count = iter(range(1, 10_000))

    def wrap(match: re.Match) -> str:
        return (f'<div class="scroll" tabindex="0" role="region" aria-label="Table {next(count)}">'
                f"{match.group(1)}</div>")

    return re.sub(r"(<table\b.*?</table>)", wrap, body, flags=re.DOTALL)


def _one_h1(body: str, title: str) -> str:
    """Exactly one h1: the lesson's own first heading (later ones become h2), or the title when it has none."""
    seen = []

    def demote(match: re.Match) -> str:
        seen.append(1)
        return match.group(0) if len(seen) == 1 else f"<h2{match.group(1)}</h2>"

    body = re.sub(r"<h1(\b.*?)</h1>", demote, body, flags=re.DOTALL)
    return body if seen else f"<h1>{html.escape(title)}</h1>\n{body}"


def _markdown(text: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


def course_map(metas: list[tuple[str, dict]], instructor: bool, docs: list[tuple[str, str]]) -> str:
    rows = []
    for page, meta in metas:
        objectives = meta.get("objectives") or []
        doing = "".join(f"<li>{html.escape(str(o))}</li>" for o in objectives)
        doing = f"<ul>{doing}</ul>" if doing else ""
        teach, practice = meta.get("teaching_minutes"), meta.get("exercise_minutes")
        minutes = " + ".join(str(m) for m in (teach, practice) if m is not None)
        name = f"{meta.get('module', '')} {meta.get('title', '')}".strip() or page
        graded = " (graded exercises in the course)" if meta.get("graded") else ""
        rows.append(f'<tr><th scope="row"><a href="{html.escape(page, quote=True)}">{html.escape(name)}</a></th>'
                    f"<td>{doing}</td><td>{html.escape(minutes)}{html.escape(graded)}</td></tr>")
    guides = "".join(f'<li><a href="{html.escape(page, quote=True)}">{html.escape(title)}</a></li>'
                     for page, title in docs)
    edition = ("This is the <strong>instructor edition</strong>: every lesson keeps its instructor notes, and the "
               "facilitator guide is included." if instructor else
               "Leading a class? The instructor edition of this site (<code>workshop site --instructor</code>) adds "
               "the instructor notes and the facilitator guide.")
    return (f"<h1>{COURSE_TITLE}: the course map</h1>\n"
            "<p>Every lesson of the course with what it shows when it runs: its tables, its charts (each with a "
            "description) and its questions. To answer the questions and get instant feedback, run the lessons "
            "in JupyterLab.</p>\n"
            f"<p>{edition}</p>\n"
            '<div class="scroll" tabindex="0" role="region" aria-label="Course map">'
            '<table class="course-map"><caption>Modules in order</caption><thead><tr><th scope="col">module</th>'
            '<th scope="col">you will be able to</th><th scope="col">minutes: teach + practice</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>\n"
            f"<h2>Guides</h2><ul>{guides}</ul>\n")


# -- the page shell ----------------------------------------------------------------------------------
def _pager(pages: list[Page], index: int, where: str) -> str:
    lessons_only = [p for p in pages if p.kind == "lesson"]
    page = pages[index]
    if page.kind != "lesson":
        return ""
    at = lessons_only.index(page)
    links = []
    if at > 0:
        before = lessons_only[at - 1]
        links.append(f'<a rel="prev" href="{before.name}">&larr; Previous: {html.escape(before.title)}</a>')
    links.append('<a href="index.html">Course map</a>')
    if at + 1 < len(lessons_only):
        after = lessons_only[at + 1]
        links.append(f'<a rel="next" href="{after.name}">Next: {html.escape(after.title)} &rarr;</a>')
    return f'<nav class="pager" aria-label="Lessons ({where})">' + "".join(links) + "</nav>"


def shell(page: Page, pagers: tuple[str, str], instructor: bool) -> str:
    edition = "instructor edition" if instructor else "learner edition"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>{html.escape(page.title)} | {COURSE_TITLE}</title>
<link rel="stylesheet" href="site.css">
<script src="search-index.js" defer></script>
<script src="site.js" defer></script>
</head>
<body class="{page.kind}">
<a class="skip" href="#main">Skip to the content</a>
<header class="site">
<a class="brand" href="index.html">{COURSE_TITLE}</a> <span class="edition">{edition}</span>
<div class="search" role="search">
<label for="search-box">Search the course</label>
<input id="search-box" type="search" autocomplete="off" placeholder="e.g. outcome" aria-controls="search-results">
<div id="search-results" aria-live="polite"></div>
</div>
</header>
{pagers[0]}
<main id="main" tabindex="-1">
{page.body}
</main>
{pagers[1]}
<footer><p>{COURSE_TITLE}, {edition}. Built by <code>workshop site</code>: works offline, nothing loads from
the internet.</p></footer>
</body>
</html>
"""


# -- search ------------------------------------------------------------------------------------------
class _Sections(HTMLParser):
    """The text of a page cut at each heading: [(heading, anchor, text)]."""

    SKIP = {"script", "style", "svg"}
    BLOCKS = {"p", "li", "td", "th", "tr", "div", "br", "pre", "figcaption", "blockquote", "ul", "ol", "table"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [["", "", []]]
        self.skipping = 0
        self.in_heading = None
        self.in_heading_link = False

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.sections[-1][2].append(" ")  # words of two blocks never run together; inline markup adds no space
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in ("h1", "h2", "h3") and not self.skipping:
            self.sections.append(["", dict(attrs).get("id") or "", []])
            self.in_heading = tag
        elif tag == "a" and dict(attrs).get("class") == "anchor-link":
            self.skipping += 1  # the pilcrow after each heading
            self.in_heading_link = True

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag == "a" and self.in_heading_link:
            self.skipping -= 1
            self.in_heading_link = False
        elif tag == self.in_heading:
            self.in_heading = None

    def handle_data(self, data):
        if self.skipping:
            return
        if self.in_heading:
            self.sections[-1][0] += data
        else:
            self.sections[-1][2].append(data)


def index_entries(page: Page) -> list[dict]:
    parser = _Sections()
    parser.feed(page.body)
    entries = []
    for heading, anchor, parts in parser.sections:
        text = " ".join("".join(parts).split())
        heading = " ".join(heading.split())
        if text or heading:
            entries.append({"p": page.title, "u": page.name + (f"#{anchor}" if anchor else ""),
                            "h": heading or page.title, "x": text})
    return entries


# -- the build ---------------------------------------------------------------------------------------
def _docs(root: Path, instructor: bool) -> list[tuple[Path, str]]:
    names = LEARNER_DOCS + (INSTRUCTOR_DOCS if instructor else ())
    return [(root / "docs" / name, Path(name).stem + ".html") for name in names if (root / "docs" / name).is_file()]


def _doc_title(text: str, fallback: str) -> str:
    found = re.search(r"^# (.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else fallback


def build(root: Path, out: Path, instructor: bool = False, execute: bool = True, timeout: int = 300) -> Built:
    start = time.perf_counter()
    root = Path(root).resolve()
    out = check_out(root, out)
    paths = lessons(root, instructor)
    if execute:
        notebooks, errors = _execute(paths, root, timeout)
    else:
        notebooks, errors = {p.name: nbformat.read(p, as_version=4) for p in paths}, []

    pages: list[Page] = []
    known = {p.name: p.stem + ".html" for p in paths}
    docs = _docs(root, instructor)
    known.update({path.name: page for path, page in docs})
    exporter = _exporter()
    metas = []
    for path in paths:
        nb = make_static(notebooks[path.name], executed=execute)
        meta = nb.metadata.get("workshop", {})
        title = f"{meta.get('module', '')} {meta.get('title', '')}".strip() or path.stem
        body = _one_h1(_scrollable_tables(rewrite_links(lesson_body(nb, exporter), known)), title)
        pages.append(Page(known[path.name], title, body, "lesson"))
        metas.append((known[path.name], meta))
    doc_links = []
    for path, name in docs:
        text = path.read_text(encoding="utf-8")
        title = _doc_title(text, path.stem.replace("-", " "))
        body = _one_h1(_scrollable_tables(rewrite_links(_markdown(text), known)), title)
        pages.append(Page(name, title, body, "guide"))
        doc_links.append((name, title))
    home = Page("index.html", "Course map", course_map(metas, instructor, doc_links), "home")
    pages.insert(0, home)

    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.html"):  # an earlier build's page for a lesson since renamed
        stale.unlink()
    for index, page in enumerate(pages):
        files.write_text(out / page.name, shell(page, (_pager(pages, index, "top"), _pager(pages, index, "bottom")),
                                                  instructor))
    entries = [entry for page in pages for entry in index_entries(page)]
    files.write_text(out / "search-index.js",
                     "window.SITE_INDEX = " + json.dumps(entries, ensure_ascii=False, separators=(",", ":")) + ";\n")
    shutil.copy2(TEMPLATE_DIR / "site.js", out / "site.js")
    files.write_text(out / "site.css", (TEMPLATE_DIR / "site.css").read_text(encoding="utf-8") + _pygments_css())
    digest = hashlib.sha256("".join(p.body for p in pages).encode()).hexdigest()[:16]
    files.write_text(out / MARKER, f"Built by `workshop site` ({'instructor' if instructor else 'learner'} "
                                   f"edition, {digest}). A later `workshop site --out` here replaces this folder's "
                                   "pages.\n")
    return Built(out, [p.name for p in pages], time.perf_counter() - start, execute, errors)


def _pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    return "\n/* code colours (Pygments) */\n" + HtmlFormatter(style="default").get_style_defs(".highlight") + "\n"
