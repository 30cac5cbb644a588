"""Intake: every hand-in shape a participant can produce is graded, and every other entry gets a row saying why.

The unit tests call ``intake.discover`` / ``extract_zip`` in-process on real files and real zips (some
hostile); the one grading test lays every shape out in one submissions folder and runs ``workshop grade``
as an unprivileged account, as a facilitator would.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import shutil
import stat
import struct
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from workshop_utils.errors import WorkshopError
from workshop_utils.grading import intake, review

from . import asuser
from .classroom import fill_answers, module_facts, points, write_submission
from .conftest import ROOT

MODULE = "01-output-vs-outcome"
AUTO, _ = points(MODULE)
MODULES = {p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()}
RELEASE = ROOT / "exercises" / MODULE
NOTEBOOK = f"{MODULE}.ipynb"
ANSWERS = f"answers/{MODULE}.json"
GIANT = 200 * 1000 * 1000  # bytes: "a notebook of 200 MB"


# ----- hand-in shapes ------------------------------------------------------------------------------------

@functools.cache
def notebook_bytes(full: bool) -> bytes:
    """The released notebook, blank or with every automatically graded answer filled in from the solution."""
    answers, _ = module_facts(MODULE)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / MODULE
        write_submission(RELEASE, folder, MODULE, (lambda nb: fill_answers(nb, answers)) if full else (lambda nb: None))
        return (folder / NOTEBOOK).read_bytes()


def answers_file() -> str:
    return '{"answers": {}}'


def module_folder(folder: Path, full: bool) -> Path:
    """A module folder as a participant has it: the notebook and its answers folder."""
    (folder / "answers").mkdir(parents=True)
    (folder / NOTEBOOK).write_bytes(notebook_bytes(full))
    (folder / ANSWERS).write_text(answers_file())
    return folder


def zip_of(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def module_members(prefix: str, full: bool) -> dict[str, bytes | str]:
    return {f"{prefix}{NOTEBOOK}": notebook_bytes(full), f"{prefix}{ANSWERS}": answers_file()}


def zip_with_link(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{MODULE}/{NOTEBOOK}", notebook_bytes(False))
        link = zipfile.ZipInfo(f"{MODULE}/answers")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc")
    return path


def zip_with_giant_notebook(path: Path) -> Path:
    """A real 200 MB notebook member (compressed, so the zip itself is small)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open(f"{MODULE}/{NOTEBOOK}", "w", force_zip64=True) as member:
        member.write(b'{"cells": [], "metadata": {"padding": "')
        chunk = b"x" * (1 << 20)
        for _ in range(GIANT // len(chunk) + 1):
            member.write(chunk)
        member.write(b'"}, "nbformat": 4, "nbformat_minor": 5}')
    return path


def zip_of_many_files(path: Path, count: int) -> Path:
    """A zip64 archive of ``count`` empty files, written directly (``zipfile`` would take minutes for a
    million): one local header per file, the central directory, the zip64 end records."""
    names = [f"f/{i:07d}".encode() for i in range(count)]
    local = [struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, len(n), 0) + n for n in names]
    offsets, at = [], 0
    for header in local:
        offsets.append(at)
        at += len(header)
    central = b"".join(struct.pack("<4s6H3L5HLL", b"PK\x01\x02", 45, 45, 0, 0, 0, 0, 0, 0, 0, len(n), 0, 0, 0, 0,
                                   0o644 << 16, offset) + n for n, offset in zip(names, offsets, strict=True))
    end64_at = at + len(central)
    end64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(central), at)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end64_at, 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    with open(path, "wb") as handle:
        handle.write(b"".join(local) + central + end64 + locator + end)
    return path


def corrupt_zip(path: Path) -> Path:
    """A zip whose headers are sound but whose compressed notebook data is garbage."""
    zip_of(path, module_members(f"{MODULE}/", False))
    data = bytearray(path.read_bytes())
    start = data.index(NOTEBOOK.encode()) + len(NOTEBOOK) + 200  # inside the first member's compressed data
    data[start:start + 400] = bytes(range(256)) + bytes(144)
    path.write_bytes(bytes(data))
    return path


def giant_sparse_notebook(folder: Path) -> Path:
    """A 200 MB notebook file in a module folder (sparse: its size is real, its disk use is not)."""
    folder.mkdir(parents=True)
    path = folder / NOTEBOOK
    with open(path, "wb") as handle:
        handle.truncate(GIANT)
    return path


def lay_out_class(submissions: Path) -> dict[str, tuple]:
    """Every shape in one submissions folder; returns, per grades.csv student id, what its row must say:
    (assignment, status, score) for graded work, (assignment, status, phrase of the reason) otherwise."""
    submissions.mkdir(parents=True, exist_ok=True)
    expected: dict[str, tuple] = {}
    # What participants hand in, all of which must be graded.
    module_folder(submissions / "collected" / MODULE, full=False)  # nbgrader collect: <student>/<module>/
    expected["collected"] = (MODULE, "graded", 0.0)
    module_folder(submissions / "flat", full=True)  # the module folder's contents, without the folder
    expected["flat"] = (MODULE, "graded", AUTO)
    zip_of(submissions / "zipfolder.zip", module_members(f"{MODULE}/", True))
    expected["zipfolder"] = (MODULE, "graded", AUTO)
    zip_of(submissions / "zipwrapper.zip", module_members(f"my-work/{MODULE}/", False))
    expected["zipwrapper"] = (MODULE, "graded", 0.0)
    zip_of(submissions / "zipflat.zip", module_members("", True))
    expected["zipflat"] = (MODULE, "graded", AUTO)
    macos = {f"__MACOSX/{MODULE}/._{NOTEBOOK}": b"\0\5", f"{MODULE}/._{NOTEBOOK}": b"\0\5\26\7",
             f"{MODULE}/.DS_Store": b"\0"}  # resource forks and Finder files beside the real ones
    zip_of(submissions / "zipmac.zip", {**module_members(f"{MODULE}/", True), **macos})
    expected["zipmac"] = (MODULE, "graded", AUTO)
    # What must not be graded: a row each, saying why.
    (submissions / "notes.txt").write_text("remember to grade")
    expected["notes.txt"] = ("?", "rejected", "not a submission")
    (submissions / "empty").mkdir()
    expected["empty"] = ("?", "rejected", "the folder is empty")
    # A number no module has (03 was one once, until module 03 was written: its folder is then guessed).
    (submissions / "typo" / "99-typo").mkdir(parents=True)
    (submissions / "typo" / "99-typo" / "99-typo.ipynb").write_bytes(notebook_bytes(False))
    expected["typo"] = ("?", "rejected", "found 99-typo/")
    (submissions / NOTEBOOK).write_bytes(notebook_bytes(True))
    expected[NOTEBOOK] = ("?", "rejected", "a notebook directly in the submissions folder")
    (submissions / "wrongname").mkdir()
    (submissions / "wrongname" / "Untitled.ipynb").write_bytes(notebook_bytes(True))
    expected["wrongname"] = ("?", "rejected", "rename it to its module's name")
    zip_of(submissions / "clash.zip", {f"{MODULE}/answers": "x", f"{MODULE}/{ANSWERS}": answers_file(),
                                       f"{MODULE}/{NOTEBOOK}": notebook_bytes(True)})
    expected["clash"] = ("?", "rejected", "both a file and a folder named")
    zip_of(submissions / "absolute.zip", {"/tmp/intake-escape.txt": "x", f"{MODULE}/{NOTEBOOK}": notebook_bytes(True)})
    expected["absolute"] = ("?", "rejected", "unsafe path")
    zip_of(submissions / "dotdot.zip", {"../../intake-escape.txt": "x", f"{MODULE}/{NOTEBOOK}": notebook_bytes(True)})
    expected["dotdot"] = ("?", "rejected", "unsafe path")
    zip_with_link(submissions / "link.zip")
    expected["link"] = ("?", "rejected", "holds a link")
    zip_of_many_files(submissions / "million.zip", 1_000_000)
    expected["million"] = ("?", "rejected", "too many files (1000000")
    zip_with_giant_notebook(submissions / "bigzip.zip")
    expected["bigzip"] = (MODULE, "invalid", f"{NOTEBOOK} is 200 MB")
    giant_sparse_notebook(submissions / "bigfolder" / MODULE)
    expected["bigfolder"] = (MODULE, "invalid", f"{NOTEBOOK} is 200 MB")
    corrupt_zip(submissions / "corrupt.zip")
    expected["corrupt"] = ("?", "rejected", "could not be taken in")
    zip_of(submissions / "photos.zip", {"holiday/beach.jpg": b"\xff\xd8"})
    expected["photos"] = ("?", "rejected", "the zip holds no module folder and no notebook")
    # The same participant twice (a browser's copy, newer): graded once, from the newest; a row for the other.
    _aged(zip_of(submissions / "hana.zip", module_members(f"{MODULE}/", False)), 600)
    zip_of(submissions / "hana (1).zip", module_members(f"{MODULE}/", True))
    expected["hana"] = (MODULE, "graded", AUTO)
    expected["hana.zip"] = ("?", "rejected", "hana (1).zip (changed ")
    # Two people whose names make one id: neither graded, both told to rename one.
    zip_of(submissions / "Jose.zip", module_members(f"{MODULE}/", True))
    module_folder(submissions / "José" / MODULE, full=True)
    expected["Jose"] = expected["José"] = ("?", "rejected", "two different participants whose names make the same")
    # Widget answers never handed in: graded, flagged.
    noanswers = module_folder(submissions / "noanswers" / MODULE, full=False)
    (noanswers / ANSWERS).unlink()
    expected["noanswers"] = (MODULE, "graded", 0.0)
    # Another module than the rest of the class: graded as that module, flagged.
    other = sorted(MODULES - {MODULE})[0]
    shutil.copytree(ROOT / "exercises" / other, submissions / "othermodule" / other)
    expected["othermodule"] = (other, "graded", 0.0)
    # Bookkeeping that is no one's hand-in: skipped without a row.
    (submissions / ".DS_Store").write_bytes(b"\0")
    (submissions / "__MACOSX").mkdir()
    (submissions / "__MACOSX" / "._flat").write_bytes(b"\0")
    return expected


def rows_of(found, rejected) -> dict[str, tuple[str, str]]:
    """student id -> (module, reason or "graded") from what discover returned."""
    rows = {s.student: (s.module, "graded") for s in found}
    for r in rejected:
        assert r.student not in rows, f"{r.student} both graded and rejected: {r.reason}"
        rows[r.student] = (r.module, r.reason)
    return rows


# ----- unit tests: intake alone ---------------------------------------------------------------------------

def test_a_flat_participant_folder_is_graded_under_its_notebook_name(tmp_path):
    submissions = tmp_path / "submissions"
    for n in range(10):
        module_folder(submissions / f"nested{n}" / MODULE, full=True)
        module_folder(submissions / f"flat{n}", full=True)
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert rejected == []
    assert {(s.student, s.module) for s in found} == {(f"{kind}{n}", MODULE) for kind in ("nested", "flat")
                                                      for n in range(10)}
    flat = next(s for s in found if s.student == "flat3")
    assert (flat.folder / NOTEBOOK).exists() and (flat.folder / ANSWERS).exists()  # its answers come with it


def test_a_wrapper_folder_around_the_module_is_looked_into(tmp_path):
    module_folder(tmp_path / "s" / "ann" / "my-work" / MODULE, full=False)
    module_folder(tmp_path / "s" / "ben" / "Downloads", full=False)
    found, rejected = intake.discover(tmp_path / "s", tmp_path / "intake", MODULES)
    assert rejected == []
    assert {(s.student, s.module, s.folder.name) for s in found} == {("ann", MODULE, MODULE),
                                                                     ("ben", MODULE, "Downloads")}


def test_every_entry_is_graded_or_has_a_row_saying_why(tmp_path):
    submissions = tmp_path / "submissions"
    expected = lay_out_class(submissions)
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    rows = rows_of(found, rejected)
    assert set(rows) == set(expected)  # nothing dropped, and no row for .DS_Store or __MACOSX
    for student, (module, status, detail) in expected.items():
        got_module, reason = rows[student]
        assert got_module == module, (student, rows[student])
        if status == "graded":
            assert reason == "graded", (student, reason)
        else:
            assert detail in reason, (student, reason)
    assert not (tmp_path / "intake-escape.txt").exists() and not Path("/tmp/intake-escape.txt").exists()


def test_every_reason_says_what_to_do(tmp_path):
    submissions = tmp_path / "submissions"
    lay_out_class(submissions)
    _, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    doing = re.compile(r"rename|put|move|zip|hand|clear|check|keep|unpack|missing", re.IGNORECASE)
    for r in rejected:
        assert ":" in r.reason and doing.search(r.reason.split(":", 1)[1]), r
        assert "Traceback" not in r.reason


def test_a_file_and_a_folder_of_the_same_name_refuse_that_zip_only(tmp_path):
    submissions = tmp_path / "s"
    submissions.mkdir()
    zip_of(submissions / "clash.zip", {f"{MODULE}/answers": "x", f"{MODULE}/{ANSWERS}": answers_file(),
                                       f"{MODULE}/{NOTEBOOK}": notebook_bytes(True)})
    zip_of(submissions / "fine.zip", module_members(f"{MODULE}/", True))
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert [(s.student, s.module) for s in found] == [("fine", MODULE)]
    assert [(r.student, r.module) for r in rejected] == [("clash", "?")]
    assert f"both a file and a folder named {MODULE}/answers" in rejected[0].reason
    assert not (tmp_path / "intake" / "clash").exists()  # nothing half-extracted is left behind


def test_a_million_tiny_files_are_refused_from_the_central_directory(tmp_path):
    small = zip_of_many_files(tmp_path / "small.zip", 3)  # the writer makes zips zipfile itself reads
    assert zipfile.ZipFile(small).namelist() == ["f/0000000", "f/0000001", "f/0000002"]
    big = zip_of_many_files(tmp_path / "million.zip", 1_000_000)
    start = time.monotonic()
    with pytest.raises(WorkshopError, match=r"too many files \(1000000; at most 2000\)"):
        intake.extract_zip(big, tmp_path / "out", MODULES)
    assert time.monotonic() - start < 1.0  # zipfile alone takes seconds to list a million entries
    assert not (tmp_path / "out").exists()


def test_unsafe_zips_are_refused_before_anything_is_written(tmp_path):
    cases = {
        "absolute": zip_of(tmp_path / "absolute.zip", {"/tmp/intake-escape.txt": "x"}),
        "dotdot": zip_of(tmp_path / "dotdot.zip", {"a/../../intake-escape.txt": "x"}),
        "link": zip_with_link(tmp_path / "link.zip"),
    }
    for name, path in cases.items():
        with pytest.raises(WorkshopError, match="unsafe path|holds a link"):
            intake.extract_zip(path, tmp_path / name, MODULES)
        assert not (tmp_path / name).exists()


def test_a_giant_notebook_is_refused_in_a_zip_and_in_a_folder_with_its_module(tmp_path):
    submissions = tmp_path / "s"
    submissions.mkdir()
    zip_with_giant_notebook(submissions / "zipped.zip")
    giant_sparse_notebook(submissions / "folder" / MODULE)
    module_folder(submissions / "folder" / "02-reframing-deliverables", full=False)  # still graded
    module_folder(submissions / "ok" / MODULE, full=True)
    start = time.monotonic()
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert time.monotonic() - start < 5.0  # refused from sizes, not by reading 200 MB
    assert sorted((s.student, s.module) for s in found) == [("folder", "02-reframing-deliverables"), ("ok", MODULE)]
    assert sorted((r.student, r.module) for r in rejected) == [("folder", MODULE), ("zipped", MODULE)]
    for r in rejected:
        assert f"{NOTEBOOK} is 200 MB, more than the 50 MB" in r.reason and "Clear Outputs" in r.reason


def test_an_unexpected_error_becomes_that_participants_row(tmp_path):
    submissions = tmp_path / "s"
    submissions.mkdir()
    corrupt_zip(submissions / "corrupt.zip")
    module_folder(submissions / "zed" / MODULE, full=True)
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert [(s.student, s.module) for s in found] == [("zed", MODULE)]
    assert [(r.student, r.module) for r in rejected] == [("corrupt", "?")]
    assert rejected[0].reason.startswith("could not be taken in (")


def _aged(path: Path, seconds_ago: float) -> Path:
    """Set a hand-in's modification time (and that of everything in it) to ``seconds_ago``."""
    stamp = time.time() - seconds_ago
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(item, (stamp, stamp))
    return path


def test_the_same_participant_twice_grades_the_newest_with_a_row_for_the_other(tmp_path):
    """hana.zip beside hana/: the newer is graded, whichever name sorts first."""
    submissions = tmp_path / "s"
    _aged(module_folder(submissions / "amy" / MODULE, full=True).parent, 3600)
    zip_of(submissions / "amy.zip", module_members(f"{MODULE}/", False))
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert [(s.student, s.folder) for s in found] == [("amy", tmp_path / "intake" / "amy" / MODULE)]
    assert [(r.student, r.module) for r in rejected] == [("amy", "?")]
    assert "amy.zip (changed " in rejected[0].reason and "is the one graded, as the newest" in rejected[0].reason


@pytest.mark.parametrize("copy", ["amy (1).zip", "amy(2).zip", "amy - Copy.zip", "amy - Copy (2).zip"])
def test_a_duplicate_download_is_the_same_participant_and_the_newest_is_graded(tmp_path, copy):
    submissions = tmp_path / "s"
    submissions.mkdir()
    _aged(zip_of(submissions / "amy.zip", module_members(f"{MODULE}/", False)), 60)
    zip_of(submissions / copy, module_members(f"{MODULE}/", True))
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert [s.student for s in found] == ["amy"]
    assert (found[0].folder / NOTEBOOK).read_bytes() == notebook_bytes(True)  # the newer copy's work
    assert [r.student for r in rejected] == ["amy.zip"]
    assert f"{copy} (changed " in rejected[0].reason and "as the newest" in rejected[0].reason
    # and the other way round: the original is the newer one
    _aged(submissions / copy, 120)
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert [s.student for s in found] == ["amy"] and [r.student for r in rejected] == [copy]


def test_two_people_whose_names_make_the_same_id_are_both_kept_out(tmp_path):
    """José and Jose are two participants: grading either under the id Jose would lose or mix up the other's
    work, so neither is graded and each row says to rename one."""
    submissions = tmp_path / "s"
    zip_of(submissions.mkdir() or submissions / "Jose.zip", module_members(f"{MODULE}/", False))
    module_folder(submissions / "José" / MODULE, full=True)
    module_folder(submissions / "ann" / MODULE, full=True)
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert [s.student for s in found] == ["ann"]
    assert sorted(r.student for r in rejected) == ["Jose", "José"]
    for row in rejected:
        assert "two different participants whose names make the same student id 'Jose'" in row.reason
        assert "José -> Jose_2" in row.reason and "keep only one" not in row.reason


def test_names_people_really_use_become_student_ids(tmp_path):
    """A space, an accent or a browser's "(1)": graded under a usable id, not refused."""
    submissions = tmp_path / "s"
    module_folder(submissions / "Eve Smith" / MODULE, full=False)
    zip_of(submissions / "José.zip", module_members(f"{MODULE}/", False))
    zip_of(submissions / "Mo (1).zip", module_members(f"{MODULE}/", False))
    (submissions / "!!!").mkdir()
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert sorted(s.student for s in found) == ["Eve_Smith", "Jose", "Mo"]
    rows = {r.student: r.reason for r in rejected}
    assert "rename it after the participant" in rows["!!!"]
    assert all(intake.STUDENT_ID.match(s.student) for s in found)


def test_a_link_in_a_participant_folder_is_refused(tmp_path):
    folder = module_folder(tmp_path / "s" / "lee" / MODULE, full=True)
    (folder / "answers" / "secret.json").symlink_to("/etc/hostname")
    _, rejected = intake.discover(tmp_path / "s", tmp_path / "intake", MODULES)
    assert [(r.student, r.module) for r in rejected] == [("lee", MODULE)]
    assert "answers/secret.json is a link" in rejected[0].reason


def test_a_hand_in_of_another_module_than_the_class_is_flagged(tmp_path):
    """Module 02 among module 01 hand-ins: graded as module 02, with a note saying which module it is."""
    other = sorted(MODULES - {MODULE})[0]
    submissions = tmp_path / "s"
    for student in ("ann", "bob", "cy"):
        module_folder(submissions / student / MODULE, full=False)
    shutil.copytree(ROOT / "exercises" / other, submissions / "dee" / other)
    found, rejected = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert sorted((s.student, s.module) for s in found)[-1] == ("dee", other) and not rejected
    notes = intake.off_module(found)
    assert list(notes) == [("dee", other)]
    assert f"a hand-in of module {other}, not of {MODULE}, which the rest of the class handed in" in notes["dee", other]
    assert f"graded as {other}" in notes["dee", other]
    # participants who hand in both modules are not flagged; the one without 01 still is
    for student in ("ann", "bob"):
        shutil.copytree(ROOT / "exercises" / other, submissions / student / other)
    found, _ = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert list(intake.off_module(found)) == [("dee", other)]
    shutil.copytree(ROOT / "exercises" / MODULE, submissions / "dee" / MODULE)
    found, _ = intake.discover(submissions, tmp_path / "intake", MODULES)
    assert intake.off_module(found) == {}


# ----- what a grade row must say about the widget answers ----------------------------------------------------

@pytest.mark.parametrize("answers, note", [
    (None, f"no answers file: the widget answers were not handed in ({ANSWERS} missing)"),
    ('{"answers": {"m01.classify": ', "answers file damaged: "),  # cut short: not valid JSON
    ('{"answers": {"m01.classify": 3}}', "answers file damaged: "),  # valid JSON, not the expected shape
    ('["m01.classify"]', "answers file damaged: "),
    (b"\xff\xfe\x00", "answers file damaged: "),
])
def test_widget_answers_missing_or_damaged_are_flagged(tmp_path, answers, note):
    """Answered with the widgets (the answer cells as released), but without a readable answers file every
    widget item scores 0: the row must say why, and what to do."""
    folder = module_folder(tmp_path / "s" / "kim" / MODULE, full=False)
    answers_path = folder / ANSWERS
    if answers is None:
        answers_path.unlink()
    elif isinstance(answers, bytes):
        answers_path.write_bytes(answers)
    else:
        answers_path.write_text(answers)
    notes = review.answers_notes(folder, RELEASE)
    assert len(notes) == 1 and notes[0].startswith(note), notes
    assert "widget questions (classify, verdict, app_verdict, project_not_product) score 0" in notes[0]
    assert "grade it again" in notes[0]


def test_widget_answers_set_in_code_need_no_answers_file(tmp_path):
    """An answer may be set in code (q1.answer = ...) instead of with the widget: then it needs no file."""
    folder = tmp_path / "s" / "kim" / MODULE
    write_submission(RELEASE, folder, MODULE, lambda nb: fill_answers(nb, module_facts(MODULE)[0]))
    (folder / ANSWERS).unlink(missing_ok=True)
    notes = review.answers_notes(folder, RELEASE)
    assert not any(n.startswith("no answers file") for n in notes), notes


def test_readable_widget_answers_need_no_note(tmp_path):
    folder = module_folder(tmp_path / "s" / "kim" / MODULE, full=False)
    assert review.answers_notes(folder, RELEASE) == []
    (folder / ANSWERS).write_text('{"answers": {"m01.classify": {"value": {"a": 1}}}}')
    assert review.answers_notes(folder, RELEASE) == []


# ----- one real grading run ------------------------------------------------------------------------------

@pytest.mark.slow
def test_workshop_grade_grades_every_shape_and_explains_the_rest():
    work = asuser.workspace("workshop-intake-")
    try:
        submissions, out = work / "submissions", work / "graded"
        expected = lay_out_class(submissions)
        asuser.give(work)
        done = asuser.run(["grade", str(submissions), "--out", str(out), "--jobs", "2"], home=work / "home")
        assert done.returncode == 0, done.stdout + done.stderr
        with open(out / "grades.csv", newline="") as handle:
            rows = list(csv.DictReader(handle))
        by_student = {row["student_id"]: row for row in rows}
        assert len(by_student) == len(rows) and set(by_student) == set(expected), (set(by_student) ^ set(expected))
        for student, (module, status, detail) in expected.items():
            row = by_student[student]
            assert (row["assignment"], row["status"]) == (module, status), row
            if status == "graded":
                assert float(row["score"]) == detail, row
            else:
                assert detail in row["reason"], row
        graded = sum(status == "graded" for _, status, _ in expected.values())
        summary = re.search(r"Grades: (\d+) graded, (\d+) not graded \(each row says why\) in \S*grades\.csv",
                            done.stdout)
        assert summary, done.stdout
        assert (int(summary[1]), int(summary[2])) == (graded, len(expected) - graded) == (9, 17), done.stdout
        assert "no answers file: the widget answers were not handed in" in by_student["noanswers"]["reason"]
        assert f"a hand-in of module {by_student['othermodule']['assignment']}, not of {MODULE}" in \
            by_student["othermodule"]["reason"]
        assert f"Graded {graded}," in done.stdout  # this run's count agrees
        assert not list(work.rglob("intake-escape.txt")) and not Path("/tmp/intake-escape.txt").exists()
    finally:
        asuser.remove(work)


@pytest.mark.parametrize("where", ["added", "question"])
def test_free_text_written_outside_its_graded_cell_is_flagged(tmp_path, where):
    """A facilitator trial of module 05: a business case typed into a cell the participant added below the graded
    one, or into the question's own text, scored 18 of 21 with nothing to grade by hand and no row saying why.
    The row says where the text is, so the facilitator reads and grades it."""
    import nbformat

    from .classroom import fill_free_text

    module = "05-ownership-vs-influence"
    release = ROOT / "exercises" / module
    text = "Ask: book rides from the reminder text by 30 September.\n\nOutcome: fewer missed appointments."

    def elsewhere(nb):
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
        if where == "added":
            nb.cells.insert(ids.index("case") + 1, nbformat.v4.new_markdown_cell(text))
        else:
            nb.cells[ids.index("case") - 1].source += "\n\n" + text

    folder = tmp_path / "s" / "hana" / module
    write_submission(release, folder, module, elsewhere)
    (note,) = review.stray_text_notes(folder, release)
    assert note.startswith("case left blank, but the participant wrote text outside the graded cells"), note
    assert ("in a cell they added" if where == "added" else "in a released cell they edited") in note, note
    assert "Question 7" in note and "grade it by hand" in note, note
    assert review.answers_to_read(folder, release) == {(module, "case")}, "it waits for a hand grade"
    # Written where it belongs, or nothing written at all: nothing to flag.
    write_submission(release, tmp_path / "s" / "ivo" / module, module, lambda nb: fill_free_text(nb, {"case": text}))
    assert review.stray_text_notes(tmp_path / "s" / "ivo" / module, release) == []
    write_submission(release, tmp_path / "s" / "jo" / module, module, lambda nb: None)
    assert review.stray_text_notes(tmp_path / "s" / "jo" / module, release) == []
    assert review.answers_to_read(tmp_path / "s" / "jo" / module, release) == set()
