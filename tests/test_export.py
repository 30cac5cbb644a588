"""`workshop export DIR --format canvas|moodle`: the LMS's gradebook import file, exact headers and rows.

The graded class here is written directly (an nbgrader gradebook and the result files `workshop grade`
leaves), so these tests are quick; test_shard_grade.py exports a class graded for real.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from workshop_utils import cli
from workshop_utils.errors import WorkshopError
from workshop_utils.grading import export, results
from workshop_utils.grading.results import Result

# nbgrader's own add_submission warns about its session; not this code's
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "m1", "m2"]
POINTS = ["    Points Possible", "", "", "", "", "10", "5"]
ROSTER = """student_id,name,canvas_id,sis_user_id,sis_login_id,section,email,username,idnumber
ann,"Lee, Ann",101,S1,alee,Morning,ann@example.org,alee,A1
ben,"Ng, Ben",102,S2,bng,Morning,ben@example.org,bng,A2
cat,"Ode, Cat",103,S3,code,Evening,,code,A3
zed,"Zed, Zoe",104,S4,zzed,Evening,zed@example.org,zzed,A4
"""


def cell(grade_id, score, most, manual=False, notebook="m1"):
    return {"grade_id": grade_id, "item": grade_id, "notebook": notebook, "score": score, "max_score": most,
            "needs_manual_grade": manual}


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    """m1: q1 (6 points, automatic) and q2 (4, free text); m2: q1 (5). Four participants:
    ann: m1 6 + a hand grade of 3, m2 5; ben: m1 2 with free text not graded yet, no m2;
    cat: m1 invalid, m2 0; dan: m2 4.5 (and no roster row)."""
    from nbgrader.api import Gradebook

    out = tmp_path_factory.mktemp("export") / "graded"  # read, never written, by the tests: made once
    out.mkdir()
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        for module, cells in (("m1", [("q1", 6, "code"), ("q2", 4, "markdown")]), ("m2", [("q1", 5, "code")])):
            gb.add_assignment(module)
            gb.add_notebook(module, module)
            for name, most, kind in cells:
                gb.add_grade_cell(name, module, module, max_score=most, cell_type=kind)
        gb.add_student("ann")
        gb.add_submission("m1", "ann")
        gb.find_grade("q2", "m1", "m1", "ann").manual_score = 3
        gb.db.commit()
    for result in (
        Result("ann", "m1", "graded", cells=[cell("q1", 6, 6), cell("q2", 0, 4, manual=True)]),
        Result("ann", "m2", "graded", cells=[cell("q1", 5, 5, notebook="m2")]),
        Result("ben", "m1", "graded", cells=[cell("q1", 2, 6), cell("q2", 0, 4, manual=True)]),
        Result("cat", "m1", "invalid", "m1.ipynb is not a valid notebook"),
        Result("cat", "m2", "graded", cells=[cell("q1", 0, 5, notebook="m2")]),
        Result("dan", "m2", "graded", cells=[cell("q1", 4.5, 5, notebook="m2")]),
    ):
        results.save_result(out, result)
    return out


@pytest.fixture
def roster(tmp_path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_canvas_without_a_roster_uses_the_names_as_logins(graded, tmp_path):
    target = tmp_path / "canvas.csv"
    done = export.export(graded, "canvas", target)
    assert rows(target) == [
        CANVAS_HEADER,
        POINTS,
        ["ann", "", "", "ann", "", "9", "5"],  # 6 automatic + the hand grade of 3
        ["ben", "", "", "ben", "", "", ""],  # free text not graded yet: blank, not a provisional 2
        ["cat", "", "", "cat", "", "", "0"],  # m1 invalid: blank
        ["dan", "", "", "dan", "", "", "4.5"],
    ]
    assert target.read_bytes().startswith(b"Student,ID,SIS User ID,SIS Login ID,Section,m1,m2\r\n"
                                          b"    Points Possible,,,,,10,5\r\n")
    assert done.rows == 4 and done.modules == ["m1", "m2"]
    blank = [w for w in done.warnings if "left blank" in w]
    assert blank and "ben m1 (free text not graded by hand yet)" in blank[0] and "cat m1 (invalid)" in blank[0]


def test_canvas_with_a_roster_refuses_unknown_names_unless_allowed(graded, roster, tmp_path):
    target = tmp_path / "canvas.csv"
    with pytest.raises(WorkshopError) as caught:
        export.export(graded, "canvas", target, roster=roster)
    assert "1 participant(s) with grades have no row" in str(caught.value) and ": dan." in str(caught.value)
    assert "--allow-unknown" in str(caught.value) and not target.exists()

    done = export.export(graded, "canvas", target, roster=roster, allow_unknown=True)
    assert rows(target) == [
        CANVAS_HEADER,
        POINTS,
        ["Lee, Ann", "101", "S1", "alee", "Morning", "9", "5"],
        ["Ng, Ben", "102", "S2", "bng", "Morning", "", ""],
        ["Ode, Cat", "103", "S3", "code", "Evening", "", "0"],
        ["dan", "", "", "", "", "", "4.5"],  # unknown: blank LMS ids, matched by hand in Canvas's preview
    ]
    assert any("exported with blank LMS ids" in w and "dan" in w for w in done.warnings)
    assert any("have no grades here" in w and "zed" in w for w in done.warnings)  # zed handed nothing in


def test_moodle_maps_the_identifier_column_to_a_user_field(graded, roster, tmp_path):
    target = tmp_path / "moodle.csv"
    export.export(graded, "moodle", target, roster=roster, identifier="username", allow_unknown=True)
    assert rows(target) == [
        ["Username", "m1", "m2"],
        ["alee", "9", "5"],
        ["bng", "-", "-"],  # Moodle's own "no grade"
        ["code", "-", "0"],
    ]
    export.export(graded, "moodle", target, roster=roster, identifier="idnumber", allow_unknown=True)
    assert rows(target)[0] == ["ID number", "m1", "m2"] and [r[0] for r in rows(target)[1:]] == ["A1", "A2", "A3"]


def test_moodle_leaves_out_whom_it_cannot_match_and_says_so(graded, roster, tmp_path):
    target = tmp_path / "moodle.csv"
    with pytest.raises(WorkshopError) as caught:
        export.export(graded, "moodle", target, roster=roster)  # email, the default with a roster
    assert "no row (or no email)" in str(caught.value) and ": cat, dan." in str(caught.value)
    done = export.export(graded, "moodle", target, roster=roster, allow_unknown=True)
    assert rows(target) == [["Email address", "m1", "m2"], ["ann@example.org", "9", "5"], ["ben@example.org", "-", "-"]]
    assert any("NOT in the file" in w and "cat, dan" in w for w in done.warnings)
    assert done.rows == 2


def test_moodle_without_a_roster_sends_the_names_as_usernames(graded, tmp_path):
    target = tmp_path / "moodle.csv"
    export.export(graded, "moodle", target)
    assert rows(target) == [["Username", "m1", "m2"], ["ann", "9", "5"], ["ben", "-", "-"], ["cat", "-", "0"],
                            ["dan", "-", "4.5"]]
    with pytest.raises(WorkshopError, match="--moodle-id email needs a --roster"):
        export.export(graded, "moodle", target, identifier="email")
    with pytest.raises(WorkshopError, match="--moodle-id is for --format moodle"):
        export.export(graded, "canvas", target, identifier="email")


@pytest.mark.parametrize("text, message", [
    ("name,email\nAnn,a@x\n", "no student_id column"),
    ("student_id,name,phone\nann,Ann,123\n", "unknown column(s) phone"),
    ("student_id,name,name\nann,Ann,Ann\n", "a column named twice"),
    ("student_id,name\nann,Ann\nann,Ann again\n", "ann is in the roster"),
    ("student_id,name\n,Nobody\n", "Line 2 of the roster"),
])
def test_a_roster_that_would_map_anyone_wrongly_is_refused(graded, tmp_path, text, message):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkshopError) as caught:
        export.export(graded, "canvas", tmp_path / "out.csv", roster=path)
    assert message in str(caught.value)
    assert not (tmp_path / "out.csv").exists()


def test_a_spreadsheets_roster_is_read(graded, tmp_path):
    path = tmp_path / "roster.csv"  # Excel's "CSV UTF-8": a byte-order mark, capitalised headers, blank lines
    path.write_bytes("\ufeffStudent_ID,Email\r\nann,ann@example.org\r\n\r\nben,ben@example.org\r\n"
                     "cat,cat@example.org\r\ndan,dan@example.org\r\n".encode("utf-8"))
    export.export(graded, "moodle", tmp_path / "m.csv", roster=path)
    assert [r[0] for r in rows(tmp_path / "m.csv")] == ["Email address", "ann@example.org", "ben@example.org",
                                                        "cat@example.org", "dan@example.org"]
    with pytest.raises(WorkshopError, match="No roster at"):
        export.export(graded, "moodle", tmp_path / "m.csv", roster=tmp_path / "missing.csv")


def test_export_through_the_cli(graded, roster, tmp_path, capsys):
    target = tmp_path / "lms" / "canvas.csv"
    assert cli.main(["export", str(graded), "--format", "canvas", "--out", str(target), "--roster", str(roster)]) == 2
    err = capsys.readouterr().err
    assert "dan" in err and "--allow-unknown" in err and not target.exists()
    assert cli.main(["export", str(graded), "--format", "canvas", "--out", str(target), "--roster", str(roster),
                     "--allow-unknown"]) == 0
    printed = capsys.readouterr()
    assert "Wrote" in printed.out and "4 participant(s)" in printed.out
    assert "dan" in printed.err and "zed" in printed.err
    assert rows(target)[0] == CANVAS_HEADER


def test_export_needs_a_graded_class(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(WorkshopError, match="is not a graded class"):
        export.export(tmp_path / "empty", "canvas", tmp_path / "x.csv")


def test_a_column_can_carry_the_lms_assignments_title_and_id(graded, tmp_path):
    target = tmp_path / "canvas.csv"
    export.export(graded, "canvas", target, columns=["m2=Reframing (4321)"])
    assert rows(target)[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "m1", "Reframing (4321)"]
    assert rows(target)[1] == POINTS
    export.export(graded, "moodle", target, columns=["m1=Output vs outcome"])
    assert rows(target)[0] == ["Username", "Output vs outcome", "m2"]
    for bad, message in (["m3=X"], "m3 has no grades here"), (["m1"], "--column takes MODULE=NAME"):
        with pytest.raises(WorkshopError, match=message):
            export.export(graded, "canvas", target, columns=bad)
