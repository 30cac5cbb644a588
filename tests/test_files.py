"""files.write_text / replacing: a reader sees the old content or the new, never a torn file or a stray temporary."""

from __future__ import annotations

import multiprocessing
import os
import stat

import pytest

from workshop_utils import files


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_the_content_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "grades.csv"
    files.write_text(target, "a,b\n1,2\n")
    assert target.read_text(encoding="utf-8") == "a,b\n1,2\n"
    files.write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert [p.name for p in tmp_path.iterdir()] == ["grades.csv"]


def test_a_failure_mid_write_keeps_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "answers.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), files.replacing(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("the disk went away")
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []
    with pytest.raises(TypeError):  # a failure inside the helper itself
        files.write_text(target, None)
    assert target.read_text(encoding="utf-8") == "old" and _leftovers(tmp_path) == []


def test_permission_bits_follow_the_old_file_or_the_umask(tmp_path):
    shared = tmp_path / "shared.csv"
    shared.write_text("x", encoding="utf-8")
    os.chmod(shared, 0o640)
    files.write_text(shared, "y")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    old = os.umask(0o022)
    try:
        files.write_text(tmp_path / "new.csv", "z")
    finally:
        os.umask(old)
    # not the 0600 of a temporary file: whoever could read the folder's files can read this one
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


def _writer(path: str, letter: str, rounds: int) -> None:
    for _ in range(rounds):
        files.write_text(path, letter * 200_000)


def test_concurrent_writers_never_produce_a_torn_file(tmp_path):
    target = tmp_path / "result.json"
    files.write_text(target, "a" * 200_000)
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_writer, args=(str(target), letter, 60)) for letter in "bc"]
    for w in writers:
        w.start()
    seen = set()
    while any(w.is_alive() for w in writers):
        text = target.read_text(encoding="utf-8")
        assert len(text) == 200_000 and len(set(text)) == 1, "a reader saw a torn file"
        seen.add(text[0])
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert _leftovers(tmp_path) == []
    assert seen - {"a"}, "the readers never saw a writer's file"
