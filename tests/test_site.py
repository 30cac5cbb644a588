"""`workshop site`: the course as a static, searchable website that works offline.

The structure tests build without running the lessons (seconds); the slow ones share one executed build.
Lessons are discovered from notebooks/ and instructor/, never listed here, so a new module is covered too.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from workshop_utils import checks, cli, editions, site
from workshop_utils.errors import WorkshopError

from .conftest import ROOT, SITE_GROUP

LESSONS = sorted((ROOT / editions.LEARNER).glob("*.ipynb"))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style", "svg")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style", "svg") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_of(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return " ".join(" ".join(parser.parts).split())


def site_text(folder: Path) -> str:
    return " ".join(text_of(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.html")))


def pages(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))}


def note_texts() -> list[str]:
    """The plain text of every instructor note (tagged cells) and facilitator metadata note."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    found = []
    for path in sorted((ROOT / editions.INSTRUCTOR).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if editions.NOTE_TAG in cell.metadata.get("tags", []):
                text = text_of(markdown2html_mistune(cell.source)).replace("Instructor note", "", 1).strip()
                found.append(text)
        notes = nb.metadata.get("workshop", {}).get("instructor_notes")
        if isinstance(notes, str) and notes.strip():
            found.append(" ".join(notes.split()))
    return found


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!:])\s+", text) if len(s.strip()) > 40]


@pytest.fixture(scope="module")
def learner(tmp_path_factory) -> Path:
    return site.build(ROOT, tmp_path_factory.mktemp("learner") / "site", execute=False).out


@pytest.fixture(scope="module")
def instructor(tmp_path_factory) -> Path:
    return site.build(ROOT, tmp_path_factory.mktemp("instructor") / "site", instructor=True, execute=False).out


def test_every_lesson_has_a_page_linked_from_the_course_map(learner):
    index = (learner / "index.html").read_text(encoding="utf-8")
    assert LESSONS, "notebooks/ holds the lessons"
    for path in LESSONS:
        page = learner / (path.stem + ".html")
        assert page.is_file(), page.name
        assert f'href="{page.name}"' in index
        meta = nbformat.read(path, as_version=4).metadata["workshop"]
        assert html.escape(f"{meta['module']} {meta['title']}") in index
        for objective in meta.get("objectives", []):
            assert html.escape(objective) in index
    assert 'href="self-learner-guide.html"' in index and (learner / "self-learner-guide.html").is_file()


def test_every_page_has_one_h1_a_language_a_skip_link_and_a_strict_policy(learner, instructor):
    for folder in (learner, instructor):
        for name, markup in pages(folder).items():
            assert len(re.findall(r"<h1\b", markup)) == 1, name
            assert '<html lang="en">' in markup, name
            assert 'class="skip" href="#main"' in markup and '<main id="main"' in markup, name
            assert f'content="{site.CSP}"' in markup and "default-src 'none'" in site.CSP, name
            assert 'name="viewport"' in markup, name


def test_lessons_link_to_the_previous_and_next_lesson(learner):
    names = [p.stem + ".html" for p in LESSONS]
    for at, name in enumerate(names):
        markup = (learner / name).read_text(encoding="utf-8")
        assert ('rel="prev"' in markup) == (at > 0), name
        assert ('rel="next"' in markup) == (at < len(names) - 1), name
        if at > 0:
            assert f'rel="prev" href="{names[at - 1]}"' in markup
        if at < len(names) - 1:
            assert f'rel="next" href="{names[at + 1]}"' in markup


def test_nothing_is_loaded_from_the_internet(learner, instructor):
    loads = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed|object|image|use)\b[^>]*?"
                       r"\b(?:src|href|data|xlink:href)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)
    for folder in (learner, instructor):
        for name, markup in pages(folder).items():
            assert not loads.search(markup), f"{name}: {loads.search(markup).group(0)}"
            assert "@import" not in markup and "url(http" not in markup, name
        for asset in ("site.css", "site.js", "search-index.js"):
            text = (folder / asset).read_text(encoding="utf-8")
            if asset != "search-index.js":  # the index holds page text, which may name a web address
                assert "http://" not in text and "https://" not in text, asset
            assert "fetch(" not in text and "XMLHttpRequest" not in text, asset


def test_the_search_index_covers_every_page(learner):
    raw = (learner / "search-index.js").read_text(encoding="utf-8")
    entries = json.loads(raw.removeprefix("window.SITE_INDEX = ").rstrip().rstrip(";"))
    covered = {entry["u"].split("#")[0] for entry in entries}
    assert covered == set(pages(learner))
    for entry in entries:
        assert set(entry) == {"p", "u", "h", "x"}
        assert "\u00b6" not in entry["h"], "the anchor pilcrow is not part of a heading"
    lesson_one = " ".join(e["x"] for e in entries if e["u"].startswith(LESSONS[1].stem))
    assert "outcome" in lesson_one.lower()


def test_the_learner_site_holds_no_instructor_note_and_the_instructor_site_all_of_them(learner, instructor):
    notes = note_texts()
    assert notes, "instructor/ has instructor notes"
    learner_text, instructor_text = site_text(learner), site_text(instructor)
    for note in notes:
        for sentence in sentences(note):
            assert sentence not in learner_text, f"instructor note in the learner site: {sentence[:80]}"
            assert sentence in instructor_text, f"instructor note missing from the instructor site: {sentence[:80]}"
    for path in sorted((ROOT / editions.INSTRUCTOR).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        page = text_of((instructor / (path.stem + ".html")).read_text(encoding="utf-8"))
        for cell in nb.cells:
            if editions.NOTE_TAG in cell.metadata.get("tags", []):
                for sentence in sentences(text_of(_md(cell.source))):
                    assert sentence in page, f"{path.name}: {sentence[:80]}"
    assert 'class="cell border-box-sizing text_cell rendered celltag_instructor-note"' in \
        (instructor / (LESSONS[1].stem + ".html")).read_text(encoding="utf-8")
    assert (instructor / "facilitator-guide.html").is_file() and not (learner / "facilitator-guide.html").exists()


def _md(source: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(source)


def _widget_qids(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [qid for cell in nb.cells if cell.cell_type == "code" for qid in site.WIDGET_CALL.findall(cell.source)[:1]]


def assert_questions_shown_without_keys(folder: Path) -> int:
    shown = 0
    for path in LESSONS:
        markup = (folder / (path.stem + ".html")).read_text(encoding="utf-8")
        text = text_of(markup)
        # A hint may repeat what the page shows anyway (a reflection's nudge quotes another question's prompt): no
        # leak, so only sentences that neither the lesson's markdown nor any of its questions' own words hold must go.
        taught = " ".join(" ".join(text_of(_md(c.source)).split()) for c in nbformat.read(path, as_version=4).cells
                          if c.cell_type == "markdown")
        asked = [checks.question(qid) for qid in _widget_qids(path)]
        taught += " ".join(" ".join(str(t).split()) for q in asked for t in (q.title, q.prompt, *q.options))
        for qid in _widget_qids(path):
            q = checks.question(qid)
            assert f'data-qid="{qid}"' in markup, f"{path.name}: {qid} not shown"
            for shown_text in (q.title, q.prompt, *q.options, *q.labels):
                assert " ".join(str(shown_text).split()) in text, f"{qid}: {shown_text!r} not shown"
            for secret in (q.why, *q.hints, *(q.rubric or {}).values(),
                           q.solution if isinstance(q.solution, str) else ""):
                for sentence in sentences(" ".join(str(secret).split())):
                    assert sentence in taught or sentence not in text, \
                        f"{qid}: key, hint or model answer shown: {sentence[:60]}"
            shown += 1
        assert markup.count(site.RUN_NOTE) >= len(_widget_qids(path))
    return shown


def test_widgets_are_shown_as_their_questions_without_keys(learner):
    assert assert_questions_shown_without_keys(learner) >= len(LESSONS)


def test_a_new_module_is_discovered_without_being_listed(tmp_path):
    course = tmp_path / "course"
    for part in ("notebooks", "docs"):
        shutil.copytree(ROOT / part, course / part)
    nb = nbformat.read(LESSONS[1], as_version=4)
    nb.metadata["workshop"].update(module="97", title="A module added later")
    nbformat.write(nb, course / "notebooks" / "97-lesson-added-later.ipynb")
    built = site.build(course, tmp_path / "site", execute=False)
    assert "97-lesson-added-later.html" in built.pages
    index = (built.out / "index.html").read_text(encoding="utf-8")
    assert "97 A module added later" in index


@pytest.mark.parametrize("where", ["notebooks/site", "instructor", "data/site"])
def test_refuses_to_build_inside_the_course_sources(where):
    with pytest.raises(WorkshopError, match="inside the course"):
        site.check_out(ROOT, ROOT / where)


def test_refuses_to_overwrite_a_folder_that_is_not_a_site(tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.html").write_text("keep me", encoding="utf-8")
    with pytest.raises(WorkshopError, match="not a site built by"):
        site.build(ROOT, mine, execute=False)
    assert (mine / "thesis.html").read_text(encoding="utf-8") == "keep me"
    assert cli.main(["site", "--out", str(mine), "--no-execute"]) == 2
    assert "nothing was written" in capsys.readouterr().err
    with pytest.raises(WorkshopError, match="course folder"):
        site.check_out(ROOT, ROOT)


def test_the_command_builds_and_rebuilds_a_site_and_says_how_long(tmp_path, capsys):
    out = tmp_path / "site"
    assert cli.main(["site", "--out", str(out), "--instructor", "--no-execute"]) == 0
    assert (out / "facilitator-guide.html").is_file()
    assert cli.main(["site", "--out", str(out), "--no-execute"]) == 0  # a site may be rebuilt in place
    printed = capsys.readouterr().out
    assert re.search(r"Wrote \d+ pages to .* in \d+\.\d s", printed)
    assert not (out / "facilitator-guide.html").exists(), "the learner rebuild leaves no instructor page behind"


def test_the_template_ships_with_the_package():
    """Every file of the site's template is matched by pyproject's package-data, so a wheel carries it."""
    import fnmatch

    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    package = ROOT / "src" / "workshop_utils"
    found = [p.relative_to(package).as_posix() for p in site.TEMPLATE_DIR.rglob("*") if p.is_file()
             and "__pycache__" not in p.parts]
    assert {"site_template/site.css", "site_template/site.js", "site_template/site/index.html.j2"} <= set(found)
    for name in found:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns.get("workshop_utils", [])), name


def test_links_between_lessons_and_guides_point_at_pages():
    known = {"01-lesson-output-vs-outcome.ipynb": "01-lesson-output-vs-outcome.html"}
    body = ('<a href="../notebooks/01-lesson-output-vs-outcome.ipynb#Why">lesson</a> '
            '<a href="../exercises/01/x.ipynb">exercise</a> <a href="https://example.org/">web</a>')
    out = site.rewrite_links(body, known)
    assert '<a href="01-lesson-output-vs-outcome.html#Why">lesson</a>' in out
    assert '<span class="course-path"' in out and "exercises/01/x.ipynb" in out and ">exercise</span>" in out
    assert '<a href="https://example.org/">web</a>' in out


def test_a_chart_spec_becomes_an_inline_svg_with_its_description():
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "data": {"values": [{"a": "x", "b": 1}]},
            "mark": "bar",
            "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}},
            "title": "One bar", "description": "A single bar <of height one>."}
    figure = site.chart_html(spec)
    assert figure.startswith('<figure class="chart"><svg role="img" aria-label="A single bar &lt;of height one&gt;."')
    assert "<figcaption>A single bar &lt;of height one&gt;.</figcaption>" in figure


# -- one executed build, shared with the browser tests (tests/conftest.py, executed_site) ---------------------
@pytest.fixture
def executed(executed_site):
    return executed_site


@pytest.mark.slow
@SITE_GROUP
def test_executed_lessons_show_their_outputs_and_charts_as_described_svg(executed):
    assert executed.executed and not executed.errors, executed.errors
    charts = 0
    for path in LESSONS:
        markup = (executed.out / (path.stem + ".html")).read_text(encoding="utf-8")
        assert site.SPEC_MIMETYPE not in markup and site.WIDGET_MIMETYPE not in markup
        assert "output_error" not in markup, path.name
        assert 'class="output_area' in markup or 'class="output_subarea' in markup, path.name
        for figure in re.findall(r'<figure class="chart">(.*?)</figure>', markup, re.DOTALL):
            svg_tag = re.search(r"<svg\b[^>]*>", figure).group(0)  # attributes in any order
            assert 'role="img"' in svg_tag
            label = re.search(r'aria-label="([^"]{20,})"', svg_tag)
            caption = re.search(r"<figcaption>([^<]{20,})</figcaption>", figure)
            assert label and caption and html.unescape(label.group(1)) == html.unescape(caption.group(1))
            charts += 1
    assert charts >= len(LESSONS), "the lessons draw a chart each, or more"
    first = (executed.out / (LESSONS[1].stem + ".html")).read_text(encoding="utf-8")
    assert first.count('<figure class="chart">') >= 2


@pytest.mark.slow
@SITE_GROUP
def test_executed_widgets_are_their_questions_without_keys(executed):
    assert assert_questions_shown_without_keys(executed.out) >= len(LESSONS)


@pytest.mark.slow
def test_a_lesson_that_does_not_finish_is_named_with_what_to_do(tmp_path):
    course = tmp_path / "course"
    (course / "notebooks").mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import time\ntime.sleep(30)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, course / "notebooks" / "01-lesson-slow.ipynb")
    with pytest.raises(WorkshopError, match=r"01-lesson-slow.ipynb did not finish running.*--timeout.*--no-execute"):
        site.build(course, tmp_path / "site", timeout=2)
    assert not (tmp_path / "site").exists(), "nothing is written when a lesson cannot be run"
