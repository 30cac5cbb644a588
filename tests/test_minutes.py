"""Module minutes add up: the notebooks' metadata, each lesson's own Time row, the course maps in the
README and in 00-start-here, the facilitator guide's day and the README's promises all agree.

Minutes live in the notebooks' ``workshop`` metadata; every other place quotes them. A change to one
that is not carried to the others fails here, naming the place to fix.
"""

from __future__ import annotations

import re

import nbformat

from workshop_utils import guide

from .conftest import ROOT

DAY_MINUTES = 6 * 60 + 30   # the content brief: the whole day fits 6.5 hours of contact time, debriefs included


def _meta(path) -> dict:
    return nbformat.read(path, as_version=4).metadata["workshop"]


def _ready_modules() -> dict[str, list[int]]:
    """Module number -> [teaching, practice] plus [graded] when it has a graded set, from the metadata."""
    found = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        meta = _meta(path)
        minutes = [meta["teaching_minutes"], meta["exercise_minutes"]]
        if meta.get("graded"):
            minutes.append(_meta(ROOT / "solutions" / meta["graded"] / f"{meta['graded']}.ipynb")["exercise_minutes"])
        found[meta["module"]] = minutes
    return found


def _course_map(text: str) -> dict[str, tuple[list[int], bool]]:
    """Rows of a course-map table: module number -> (minutes, ready?). Planned rows of 00's map have none."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        number = re.match(r"\[?(\d\d) ", cells[0]) if len(cells) >= 3 else None
        minutes = next((c for c in cells[1:] if re.fullmatch(r"\d+( \+ \d+)+", c)), None)
        if number:
            rows[number[1]] = ([int(n) for n in minutes.split(" + ")] if minutes else [], "planned" not in line)
    return rows


def _hm(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d} min"


def test_the_readme_course_map_quotes_the_metadata():
    readme = _course_map((ROOT / "README.md").read_text(encoding="utf-8"))
    for module, minutes in _ready_modules().items():
        assert readme[module] == (minutes, True), f"README's row for module {module}: metadata says {minutes}"


def test_the_start_here_course_map_quotes_the_metadata():
    cells = nbformat.read(ROOT / "notebooks" / "00-start-here.ipynb", as_version=4).cells
    course_map = _course_map("\n".join(c.source for c in cells if c.cell_type == "markdown"))
    for module, minutes in _ready_modules().items():
        assert course_map[module][0] == minutes, f"00-start-here's row for module {module}: metadata says {minutes}"
    assert set(course_map) == set(_course_map((ROOT / "README.md").read_text(encoding="utf-8"))), \
        "00-start-here and the README list the same modules"


def test_each_lesson_states_its_own_minutes():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        minutes = _ready_modules()[_meta(path)["module"]]
        time_row = next(line for c in nbformat.read(path, as_version=4).cells for line in c.source.splitlines()
                        if line.startswith("| **Time** |"))
        assert [int(n) for n in re.findall(r"(\d+) minutes", time_row)] == minutes, f"{path.name}: {time_row}"


def test_the_guide_and_the_readme_promise_the_same_day():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = _course_map(readme)
    ready = [minutes for minutes, is_ready in rows.values() if is_ready]
    debriefs = guide.DEBRIEF_MINUTES * sum(len(m) == 3 for m in ready)
    today = guide.contact_minutes(ROOT)
    assert today == sum(map(sum, ready)) + debriefs
    assert f"About {today // 60} h {today % 60:02d} min of contact time" in guide.render(ROOT)
    assert f"take {_hm(today)}" in readme, "the README states the ready modules' time as the guide computes it"
    whole_day = sum(sum(m) + (guide.DEBRIEF_MINUTES if len(m) == 3 else 0) for m, _ in rows.values())
    assert whole_day == DAY_MINUTES, f"all modules with their debriefs take {_hm(whole_day)}, not {_hm(DAY_MINUTES)}"
    assert f"{_hm(DAY_MINUTES)} of contact time" in readme


def _about_minutes(text: str) -> int:
    """'1½ hours', '1¼ hours', '50 minutes' -> minutes."""
    hours = re.fullmatch(r"(\d*)([¼½¾]?) hours?", text)
    if hours:
        return int(hours[1] or 0) * 60 + {"": 0, "¼": 15, "½": 30, "¾": 45}[hours[2]]
    return int(re.fullmatch(r"(\d+) minutes", text)[1])


def test_the_self_learner_guide_quotes_the_metadata():
    """Its example of a module's minutes and its schedule agree with the notebooks (a trial found '20 graded' where
    module 01's metadata says 25, and 02's day a quarter of an hour short)."""
    text = (ROOT / "docs" / "self-learner-guide.md").read_text(encoding="utf-8")
    ready = _ready_modules()
    examples = re.findall(r"module (\d\d), for example, is (\d+) \+ (\d+), then (\d+) graded", text)
    assert examples, "the guide's example of a module's minutes is where this test looks for it"
    for module, *minutes in examples:
        assert [int(m) for m in minutes] == ready[module], f"self-learner guide, module {module}: {ready[module]}"
    planned = _course_map((ROOT / "README.md").read_text(encoding="utf-8"))
    rows = [line for line in text.splitlines() if re.match(r"\| \d", line)]
    assert rows, "the guide's schedule table is where this test looks for it"
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        modules = re.findall(r"\b(\d\d) [A-Z]", cells[1])
        total = sum(sum(ready.get(m) or planned[m][0]) for m in modules)
        assert abs(_about_minutes(cells[2]) - total) <= 10, f"self-learner guide, day {cells[0]}: {total} minutes"
