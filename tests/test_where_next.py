"""Every lesson ends with "Where next": the graded set and how to check it, then the module that follows (found from
the lessons themselves), and after the last module the plan to take home and the completion record. Its links are
relative, resolve from the learner edition and the instructor edition alike, and the course website turns them
into pages or course-folder paths."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from workshop_utils import editions, site

from .conftest import ROOT, notebooks

LESSONS = notebooks(editions.INSTRUCTOR)
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")


def _where_next(path: Path) -> str:
    cell = nbformat.read(path, as_version=4).cells[-1]
    assert cell.cell_type == "markdown" and cell.source.startswith("## Where next\n"), \
        f"{path.name} does not end with a '## Where next' cell"
    return cell.source


def _slug(heading: str) -> str:
    """A Markdown heading's anchor as GitHub makes it."""
    return re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", heading.strip().lower()))


def _anchors(path: Path) -> set[str]:
    return {_slug(line.lstrip("#")) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")}


@pytest.mark.parametrize("folder", [editions.INSTRUCTOR, editions.LEARNER])
def test_every_lesson_ends_with_where_next_naming_what_follows(folder):
    paths = notebooks(folder)
    assert [p.name for p in paths] == [p.name for p in LESSONS]
    for i, path in enumerate(paths):
        text = " ".join(_where_next(path).split())
        graded = nbformat.read(path, as_version=4).metadata["workshop"].get("graded")
        links = [target for _, target in _LINK.findall(text)]
        if graded:
            assert f"../exercises/{graded}/{graded}.ipynb" in links, f"{path.name}: link the graded set"
            for command in (f"workshop check {graded}", f"workshop solution {graded}", "workshop progress"):
                assert f"`{command}`" in text, f"{path.name}: say `{command}`"
        if i + 1 < len(paths):
            assert paths[i + 1].name in links, f"{path.name}: link the next module, {paths[i + 1].name}"
            assert "Next module" in text
        else:
            for said in ("workshop plan export", "30-day check-in", "workshop certificate --name",
                         "workshop certificate --verify", "self-graded", "../docs/bring-your-own-deliverables.md"):
                assert said in text, f"the last lesson's Where next says {said!r}"
        assert sum(c.source.startswith("## Where next") for c in nbformat.read(path, as_version=4).cells) == 1


@pytest.mark.parametrize("folder", [editions.INSTRUCTOR, editions.LEARNER])
def test_every_where_next_link_is_relative_and_resolves(folder):
    for path in notebooks(folder):
        for text, target in _LINK.findall(_where_next(path)):
            assert not re.match(r"^[a-z]+:|^/", target), f"{path.name}: {target} is not a relative link"
            file, _, anchor = target.partition("#")
            resolved = (path.parent / file).resolve()
            assert resolved.is_file(), f"{path.name}: the link {text!r} -> {target} goes nowhere"
            if anchor:
                assert anchor in _anchors(resolved), f"{path.name}: {file} has no section #{anchor}"


def test_the_website_turns_where_next_links_into_pages_or_course_paths():
    paths = site.lessons(ROOT, instructor=False)
    known = {p.name: p.stem + ".html" for p in paths}
    known.update({doc.name: page for doc, page in site._docs(ROOT, instructor=False)})
    for i, path in enumerate(paths):
        body = site.rewrite_links(site._markdown(_where_next(path)), known)
        if i + 1 < len(paths):
            assert f'href="{paths[i + 1].stem}.html"' in body, f"{path.name}: the site links the next lesson's page"
        left = [href for href in re.findall(r'href="([^"]*)"', body) if re.search(r"\.(ipynb|md)(#|$)", href)]
        assert not left, f"{path.name}: links the site left pointing at a file: {left}"
        graded = nbformat.read(path, as_version=4).metadata["workshop"].get("graded")
        if graded:
            assert f'title="in the course folder: ../exercises/{graded}/{graded}.ipynb"' in body
    last = site.rewrite_links(site._markdown(_where_next(paths[-1])), known)
    assert 'href="bring-your-own-deliverables.html"' in last
    assert 'href="self-learner-guide.html"' in last


def test_the_guide_has_the_sections_the_lessons_point_to():
    guide = (ROOT / "docs" / "self-learner-guide.md").read_text(encoding="utf-8")
    sections = {line[3:] for line in guide.splitlines() if line.startswith("## ")}
    assert "After the course" in sections, "the last lesson's Where next sends people to the guide's After the course"
    assert len(sections) == sum(line.startswith("## ") for line in guide.splitlines()), "no section twice"
    for said in re.findall(r"\(\*([^*]+)\*\)", guide):  # '(*Grade yourself*)' names a section of the guide
        said = " ".join(said.split())
        assert any(s.startswith(said) for s in sections), f"the guide refers to a section it lacks: {said!r}"
