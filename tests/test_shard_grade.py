"""A class graded in two slices (`workshop grade --shard I/2`) and merged is the class graded whole.

Every command runs as an ordinary account (tests/asuser.py), as facilitators run them. The comparison
allows only what is run-specific: each result's ``seconds``, the times nbgrader and the answers store
write into autograded notebooks (cell ``execution`` metadata, ``saved_at``), grade.log and the workers'
logs, the ids of the widgets an autograded notebook drew, and how a cell's printed text was cut into
messages (the kernel may send a line and its newline apart). Everything else is compared byte for byte, or
(the gradebook, whose row ids are random) row by row.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from workshop_utils.grading import shard

from . import asuser

# One class graded in slices, once: every test here reads it, so they share one xdist worker.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.xdist_group("shard-class")]
MODULE = "01-output-vs-outcome"
# Slices of 2 (pinned in test_shard.py): ann and ben in 1; cat, dan, eve and the stray file in 2.
CLASS = {"ann": "solution", "ben": "blank", "cat": "solution", "dan": "broken", "eve": "blank"}


def free_text_grade_id() -> str:
    source = nbformat.read(asuser.ROOT / "solutions" / MODULE / f"{MODULE}.ipynb", as_version=4)
    return next(c.metadata["nbgrader"]["grade_id"] for c in source.cells
                if c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"].get("solution"))


def give_hand_grade(out: Path, student: str, grade_id: str, score: float) -> None:
    """What a person does in the formgrader: a manual score for one free-text cell."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        grade = gb.find_grade(grade_id, MODULE, MODULE, student)
        grade.manual_score = score
        grade.needs_manual_grade = False
        gb.db.commit()
    asuser.give(out)


@pytest.fixture(scope="module")
def graded():
    base = asuser.workspace("workshop-shard-")
    subs = base / "subs"
    for student, kind in CLASS.items():
        target = subs / student / MODULE
        if kind == "broken":
            target.mkdir(parents=True)
            (target / f"{MODULE}.ipynb").write_text("{ not a notebook")
        else:
            shutil.copytree(asuser.ROOT / ("solutions" if kind == "solution" else "exercises") / MODULE, target)
    (subs / "notes.txt").write_text("not a hand-in")
    asuser.give(base)
    home = base / "home"
    runs = {}
    for name, extra in (("whole", []), ("s1", ["--shard", "1/2"]), ("s2", ["--shard", "2/2"])):
        runs[name] = asuser.run(["grade", str(subs), "--out", str(base / name), "--jobs", "2", *extra], home=home)
        assert runs[name].returncode == 0, runs[name].stdout + runs[name].stderr
    grade_id = free_text_grade_id()
    give_hand_grade(base / "whole", "ann", grade_id, 1)
    give_hand_grade(base / "s1", "ann", grade_id, 1)
    runs["merge"] = asuser.run(["merge", str(base / "s1"), str(base / "s2"), "--out", str(base / "merged")], home=home)
    assert runs["merge"].returncode == 0, runs["merge"].stdout + runs["merge"].stderr
    for name in ("whole", "merged"):
        for command in ("report", "feedback"):
            done = asuser.run([command, str(base / name)], home=home)
            assert done.returncode == 0, done.stdout + done.stderr
    yield {"base": base, "home": home, "subs": subs, "runs": runs}
    asuser.remove(base)


def students(out: Path) -> list[str]:
    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        return sorted(row["student_id"] for row in csv.DictReader(handle))


def test_each_slice_grades_only_its_participants(graded):
    base = graded["base"]
    assert students(base / "s1") == ["ann", "ben"]
    assert students(base / "s2") == ["cat", "dan", "eve", "notes.txt"]
    assert [shard.slice_of(s, 2) for s in ("ann", "ben", "cat", "dan", "eve", "notes.txt")] == [1, 1, 2, 2, 2, 2]
    assert "in slice 1/2 of the class" in graded["runs"]["s1"].stderr
    assert json.loads((base / "s2" / shard.MANIFEST).read_text())["students"] == ["cat", "dan", "eve", "notes.txt"]
    assert "Merged 2 slice(s): 5 result(s), 1 refused entry, 1 hand grade(s)" in graded["runs"]["merge"].stdout


def test_the_merged_class_is_the_class_graded_whole(graded):
    whole, merged = graded["base"] / "whole", graded["base"] / "merged"
    for name in ("grades.csv", "items.csv", "rejected.json", "report.html"):
        assert (merged / name).read_bytes() == (whole / name).read_bytes(), name
    with open(merged / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert rows["dan"]["status"] == "invalid" and rows["notes.txt"]["status"] == "rejected"
    assert float(rows["ann"]["score"]) > float(rows["cat"]["score"])  # ann's hand grade is in
    assert not (merged / shard.MANIFEST).exists()  # the merged class is a whole class: `workshop grade` may resume it


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


STREAM_BREAK = re.compile(r'</pre>\s*</div>\s*</div>\s*<div class="output_area">\s*<div class="prompt"></div>\s*'
                          r'<div class="output_subarea output_stream output_(?:stdout|stderr) output_text">\s*<pre>')
RUN_SPECIFIC = {"execution", "saved_at", "seconds", "model_id"}  # times, and the ids of widgets drawn in this run


def scrub(value):
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if k not in RUN_SPECIFIC}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def coalesced(outputs: list) -> list:
    """Printed output as one text per stream: the kernel may send a line and its newline as one message
    or two, depending on timing (nbconvert's coalesce_streams does the same)."""
    joined = []
    for output in outputs:
        if output.get("output_type") == "stream" and joined and joined[-1].get("output_type") == "stream" \
                and joined[-1]["name"] == output["name"]:
            joined[-1] = {**joined[-1], "text": "".join(joined[-1]["text"]) + "".join(output["text"])}
        else:
            joined.append({**output, "text": "".join(output["text"])} if output.get("output_type") == "stream"
                          else output)
    return joined


def without_times(name: str, data: bytes):
    """A file's content less what is inherently run-specific (see the module docstring)."""
    if name.endswith(".ipynb"):
        nb = json.loads(data)
        nb["metadata"].pop("widgets", None)  # the widget state, keyed by this run's widget ids
        for cell in nb["cells"]:
            if "outputs" in cell:
                cell["outputs"] = coalesced(cell["outputs"])
        return scrub(nb)
    if name.endswith(".json"):
        return scrub(json.loads(data))
    if name.endswith(".html"):  # a feedback page: the same cut of printed text, rendered as one box or two
        return STREAM_BREAK.sub("", data.decode("utf-8"))
    return data


@pytest.mark.parametrize("folder", ["results", "submitted", "autograded", "feedback"])
def test_every_participants_files_are_the_same(graded, folder):
    whole, merged = tree(graded["base"] / "whole" / folder), tree(graded["base"] / "merged" / folder)
    assert sorted(merged) == sorted(whole)
    assert whole, folder
    for name in whole:
        assert without_times(name, merged[name]) == without_times(name, whole[name]), name
    if folder == "results":
        assert any(json.loads(whole[n])["seconds"] != json.loads(merged[n])["seconds"] for n in whole)


def test_the_logs_are_all_there(graded):
    whole, merged = graded["base"] / "whole", graded["base"] / "merged"
    assert sorted(tree(merged / "logs")) == sorted(tree(whole / "logs"))
    assert sorted(line.split()[1] for line in (merged / "grade.log").read_text().splitlines()) == \
        sorted(line.split()[1] for line in (whole / "grade.log").read_text().splitlines())


def gradebook(out: Path) -> list[tuple]:
    from nbgrader.api import Gradebook

    rows = []
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        rows.append(sorted((s.id, s.first_name, s.last_name, s.email, s.lms_user_id) for s in gb.students))
        for a in sorted(gb.assignments, key=lambda a: a.name):
            rows.append((a.name, a.max_score, a.duedate, sorted(n.name for n in a.notebooks)))
            for sub in sorted(a.submissions, key=lambda s: s.student.id):
                rows.append((a.name, sub.student.id, sub.timestamp, sub.extension))
                for nb in sorted(sub.notebooks, key=lambda n: n.name):
                    rows.append((nb.name, nb.flagged))
                    rows += sorted((g.name, g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade)
                                   for g in nb.grades)
                    rows += sorted((c.name, c.auto_comment, c.manual_comment) for c in nb.comments)
    return rows


def test_the_gradebook_holds_the_same_class(graded):
    whole = gradebook(graded["base"] / "whole")
    assert gradebook(graded["base"] / "merged") == whole
    assert [s[0] for s in whole[0]] == ["ann", "ben", "cat", "dan", "eve"]
    assert any(len(row) == 5 and row[2] == 1 for row in whole[1:])  # ann's hand grade, given in slice 1


def test_slices_and_merges_refuse_to_mix(graded):
    base, home = graded["base"], graded["home"]
    again = asuser.run(["grade", str(graded["subs"]), "--out", str(base / "s1"), "--shard", "2/2"], home=home)
    assert again.returncode == 2 and "holds slice 1/2, not 2/2" in again.stderr
    whole = asuser.run(["grade", str(graded["subs"]), "--out", str(base / "s1")], home=home)
    assert whole.returncode == 2 and "holds slice 1/2 of a class" in whole.stderr
    twice = asuser.run(["merge", str(base / "s1"), str(base / "s2"), "--out", str(base / "merged")], home=home)
    assert twice.returncode == 2 and "exists and is not empty" in twice.stderr
    alone = asuser.run(["merge", str(base / "s1"), "--out", str(base / "alone")], home=home)
    assert alone.returncode == 2 and "Slice 2/2 is missing" in alone.stderr


def test_the_lms_file_is_the_same_from_the_merged_class(graded):
    base, home = graded["base"], graded["home"]
    for name in ("whole", "merged"):
        done = asuser.run(["export", str(base / name), "--format", "canvas", "--out", str(base / f"{name}.csv")],
                          home=home)
        assert done.returncode == 0, done.stdout + done.stderr
    assert (base / "merged.csv").read_bytes() == (base / "whole.csv").read_bytes()
    with open(base / "merged.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", MODULE]
    assert [r[0] for r in rows[2:]] == ["ann", "ben", "cat", "dan", "eve"]  # no row for the stray file


def test_an_empty_slice_is_graded_as_empty_not_refused(graded):
    # Of four slices, the first holds none of this class (slices 3, 3, 4, 2, 4 and 2): a small class on many
    # machines leaves some with nothing to do, and their folders must still merge.
    base, home = graded["base"], graded["home"]
    assert 1 not in {shard.slice_of(s, 4) for s in ("ann", "ben", "cat", "dan", "eve", "notes.txt")}
    done = asuser.run(["grade", str(graded["subs"]), "--out", str(base / "q1"), "--shard", "1/4"], home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "found 0 submission(s) and 0 entries that cannot be graded in slice 1/4" in done.stderr
    assert students(base / "q1") == []
    assert json.loads((base / "q1" / shard.MANIFEST).read_text())["students"] == []
