"""Slices of a class (`workshop grade --shard I/N`) and what `workshop merge` refuses. Quick: no grading.

Grading a class in two slices and merging it, compared with grading it whole, is in test_shard_grade.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop_utils import cli
from workshop_utils.errors import WorkshopError
from workshop_utils.grading import intake, shard

from .conftest import ROOT

NAMES = [f"participant{n:03d}" for n in range(400)]


@pytest.mark.parametrize("text", ["1/4", "4/4", " 2/3 ", "1/1"])
def test_good_shards_parse(text):
    got = shard.parse(text)
    assert f"{got.index}/{got.count}" == text.strip()


@pytest.mark.parametrize("text", ["0/4", "5/4", "1/0", "2", "a/b", "1/2/3", "-1/2", "1 of 2", "", "1/"])
def test_bad_shards_are_refused_with_the_form(text):
    with pytest.raises(WorkshopError) as caught:
        shard.parse(text)
    assert "--shard takes I/N" in str(caught.value)
    assert "JOB_COMPLETION_INDEX + 1" in str(caught.value)


def test_the_cli_refuses_a_bad_shard_before_grading(tmp_path, capsys):
    (tmp_path / "subs").mkdir()
    assert cli.main(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "out"), "--shard", "3/2"]) == 2
    assert "--shard takes I/N" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_participants_slice_depends_only_on_their_name_and_n():
    for count in (1, 2, 3, 7):
        first = {name: shard.slice_of(name, count) for name in NAMES}
        # Same answer in another order, with half the class absent: nothing but the name and N counts.
        again = {name: shard.slice_of(name, count) for name in reversed(NAMES[::2])}
        assert all(first[name] == again[name] for name in again)
        assert set(first.values()) == set(range(1, count + 1))


def test_the_slices_are_fixed_numbers_not_this_interpreters_hash():
    # sha256, not hash(): the same on every machine, whatever PYTHONHASHSEED says. Pinned so a change shows.
    assert [shard.slice_of(name, 4) for name in ("ann", "ben", "cat", "dan", "eve")] == [3, 3, 4, 2, 4]
    assert shard.slice_of("ann", 2) == 1 and shard.slice_of("cat", 2) == 2


def test_the_slices_are_roughly_even():
    sizes = [sum(shard.slice_of(name, 4) == i for name in NAMES) for i in range(1, 5)]
    assert min(sizes) > 70, sizes  # 100 each on average


def test_two_entries_for_one_participant_land_in_one_slice(tmp_path):
    # "José.zip" and a "Jose" folder both hand in for Jose: discover checks them against each other.
    (tmp_path / "José.zip").write_bytes(b"")
    (tmp_path / "Jose").mkdir()
    keys = {intake.participant_key(tmp_path / "José.zip"), intake.participant_key(tmp_path / "Jose")}
    assert keys == {"Jose"}
    for count in (2, 3, 5):
        assert len({shard.Shard(i, count).holds(tmp_path / "Jose") for i in range(1, count + 1)}) == 2
        assert [shard.Shard(i, count).holds(tmp_path / "José.zip") for i in range(1, count + 1)] == \
            [shard.Shard(i, count).holds(tmp_path / "Jose") for i in range(1, count + 1)]


# ----- merge refusals: checked before anything is written ------------------------------------------

def course(version=None, modules=None):
    found = shard.course_of(ROOT)
    return {"version": version or found["version"], "modules": modules or found["modules"]}


def fake_slice(folder: Path, index: int, count: int, students=(), modules=None, **course_change) -> Path:
    folder.mkdir(parents=True)
    manifest = {"shard": index, "of": count, "course": course(**course_change),
                "modules": modules if modules is not None else {"01-output-vs-outcome": "abc"},
                "students": list(students)}
    (folder / shard.MANIFEST).write_text(json.dumps(manifest))
    return folder


def refused(folders, out) -> str:
    with pytest.raises(WorkshopError) as caught:
        shard.merge(folders, out)
    assert not out.exists() or not any(out.iterdir()), "nothing is written when a merge is refused"
    return str(caught.value)


def test_merge_refuses_a_folder_that_is_not_a_slice(tmp_path):
    one = fake_slice(tmp_path / "s1", 1, 2, ["ann"])
    (tmp_path / "whole").mkdir()
    assert "is not a slice" in refused([one, tmp_path / "whole"], tmp_path / "out")
    assert "is not a folder" in refused([one, tmp_path / "nowhere"], tmp_path / "out")


def test_merge_refuses_overlapping_slices(tmp_path):
    one = fake_slice(tmp_path / "s1", 1, 2, ["ann"])
    again = fake_slice(tmp_path / "s1-again", 1, 2, ["ben"])
    two = fake_slice(tmp_path / "s2", 2, 2, ["cat"])
    message = refused([one, again, two], tmp_path / "out")
    assert "both slice 1/2" in message and "overlap" in message


def test_merge_refuses_a_participant_in_two_slices(tmp_path):
    one = fake_slice(tmp_path / "s1", 1, 2, ["ann", "ben"])
    two = fake_slice(tmp_path / "s2", 2, 2, ["ben"])
    message = refused([one, two], tmp_path / "out")
    assert "ben is in both" in message and "overlap" in message


def test_merge_refuses_different_cuts_of_the_class(tmp_path):
    one = fake_slice(tmp_path / "s1", 1, 2, ["ann"])
    two = fake_slice(tmp_path / "s2", 2, 3, ["cat"])
    message = refused([one, two], tmp_path / "out")
    assert "different cuts" in message and "1/2" in message and "2/3" in message


def test_merge_refuses_a_missing_slice(tmp_path):
    one = fake_slice(tmp_path / "s1", 1, 3, ["ann"])
    three = fake_slice(tmp_path / "s3", 3, 3, ["cat"])
    message = refused([one, three], tmp_path / "out")
    assert "Slice 2/3 is missing" in message and "--shard 2/3" in message


def test_merge_refuses_another_version_of_the_course(tmp_path):
    one = fake_slice(tmp_path / "s1", 1, 2, ["ann"])
    two = fake_slice(tmp_path / "s2", 2, 2, ["cat"], version="0.0.1")
    assert "different versions of the course" in refused([one, two], tmp_path / "out")
    other = fake_slice(tmp_path / "s2b", 2, 2, ["cat"], modules=None)
    manifest = json.loads((other / shard.MANIFEST).read_text())
    manifest["course"]["modules"] = ["01-output-vs-outcome"]  # another module set
    (other / shard.MANIFEST).write_text(json.dumps(manifest))
    assert "different versions of the course" in refused([one, other], tmp_path / "out")


def test_merge_refuses_different_solutions_of_one_module(tmp_path):
    one = fake_slice(tmp_path / "s1", 1, 2, ["ann"], modules={"01-output-vs-outcome": "abc"})
    two = fake_slice(tmp_path / "s2", 2, 2, ["cat"], modules={"01-output-vs-outcome": "def"})
    message = refused([one, two], tmp_path / "out")
    assert "01-output-vs-outcome with different solutions" in message


def test_merge_refuses_an_occupied_or_enclosing_output(tmp_path):
    one = fake_slice(tmp_path / "s1", 1, 2, ["ann"])
    two = fake_slice(tmp_path / "s2", 2, 2, ["cat"])
    for out in (one, one / "merged", tmp_path):
        with pytest.raises(WorkshopError, match="into a new folder, not into or around a slice"):
            shard.merge([one, two], out)
    assert sorted(p.name for p in one.iterdir()) == [shard.MANIFEST]
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "grades.csv").write_text("x")
    with pytest.raises(WorkshopError, match="exists and is not empty"):
        shard.merge([one, two], tmp_path / "taken")


def test_merge_through_the_cli_says_what_is_wrong(tmp_path, capsys):
    one = fake_slice(tmp_path / "s1", 1, 2, ["ann"])
    assert cli.main(["merge", str(one), "--out", str(tmp_path / "out")]) == 2
    assert "Slice 2/2 is missing" in capsys.readouterr().err


def test_grading_refuses_to_mix_slices_in_one_folder(tmp_path):
    folder = fake_slice(tmp_path / "s1", 1, 2, ["ann"])
    manifest = json.loads((folder / shard.MANIFEST).read_text())
    manifest["course"] = shard.course_of(ROOT)
    (folder / shard.MANIFEST).write_text(json.dumps(manifest))
    shard.check_output(folder, shard.Shard(1, 2), ROOT)  # the same slice again: fine (a re-run)
    with pytest.raises(WorkshopError, match="holds slice 1/2, not 2/2"):
        shard.check_output(folder, shard.Shard(2, 2), ROOT)
    with pytest.raises(WorkshopError, match="holds slice 1/2 of a class"):
        shard.check_output(folder, None, ROOT)
    manifest["course"]["version"] = "0.0.1"
    (folder / shard.MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(WorkshopError, match="another version of the course"):
        shard.check_output(folder, shard.Shard(1, 2), ROOT)
    whole = tmp_path / "whole"
    (whole / "results" / "ann").mkdir(parents=True)
    (whole / "results" / "ann" / "01-output-vs-outcome.json").write_text("{}")
    with pytest.raises(WorkshopError, match="holds a class graded on one machine"):
        shard.check_output(whole, shard.Shard(1, 2), ROOT)
    shard.check_output(whole, None, ROOT)


def test_a_duplicate_download_lands_in_its_participants_slice(tmp_path):
    """intake grades "hana (1).zip" as hana's (the newest copy): both copies must meet in one slice."""
    from workshop_utils.grading import intake

    names = ("hana.zip", "hana (1).zip", "hana - Copy.zip")
    for name in names:
        (tmp_path / name).write_bytes(b"PK")
    assert {intake.participant_key(tmp_path / name) for name in names} == {"hana"}
