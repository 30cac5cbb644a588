import json

import pytest

from workshop_utils import answers
from workshop_utils.errors import AnswerStoreError, WorkshopError


def test_saved_answers_survive_a_new_store(in_tmp):
    store = answers.AnswerStore("01-demo")
    store.save("m01.classify", {"a": "output"})
    store.save("m01.rate", 0.75)
    again = answers.AnswerStore("01-demo")
    assert again.get("m01.classify") == {"a": "output"}
    assert again.get("m01.rate") == 0.75
    assert again.all() == {"m01.classify": {"a": "output"}, "m01.rate": 0.75}
    assert again.get("missing", "default") == "default"
    payload = json.loads((in_tmp / "answers" / "01-demo.json").read_text())
    assert payload["format"] == answers.FORMAT and "saved_at" in payload["answers"]["m01.rate"]


def test_write_leaves_no_temporary_files(in_tmp):
    store = answers.AnswerStore("nb")
    for i in range(5):
        store.save("q", i)
    assert sorted(p.name for p in (in_tmp / "answers").iterdir()) == ["nb.json"]


def test_two_open_copies_do_not_erase_each_other(in_tmp):
    first = answers.AnswerStore("nb")
    second = answers.AnswerStore("nb")
    first.save("q1", "a")
    second.save("q2", "b")  # second never saw q1 in memory, but merges with the file
    assert answers.AnswerStore("nb").all() == {"q1": "a", "q2": "b"}


def test_corrupt_file_is_moved_aside_and_reported(in_tmp):
    path = in_tmp / "answers" / "nb.json"
    path.parent.mkdir()
    path.write_text("{ this is not json")
    store = answers.AnswerStore("nb")
    assert store.all() == {}
    assert store.warnings and "could not be read" in store.warnings[0]
    aside = list(path.parent.glob("nb.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_text() == "{ this is not json"
    store.save("q", 1)
    assert aside[0].exists(), "the unreadable file is never overwritten"


@pytest.mark.parametrize("content", ['{"answers": []}', '{"answers": {"q": 3}}', '[1, 2]', '{"format": 1}'])
def test_wrong_structure_counts_as_corrupt(in_tmp, content):
    path = in_tmp / "answers" / "nb.json"
    path.parent.mkdir()
    path.write_text(content)
    store = answers.AnswerStore("nb")
    assert store.warnings and list(path.parent.glob("nb.corrupt-*"))


@pytest.mark.parametrize("name", ["", "../escape", "a/b", 42, None, "x" * 200])
def test_bad_notebook_names_are_refused(in_tmp, name):
    with pytest.raises(AnswerStoreError, match="notebook name"):
        answers.AnswerStore(name)


def test_values_must_be_json(in_tmp):
    store = answers.AnswerStore("nb")
    with pytest.raises(AnswerStoreError, match="cannot be saved"):
        store.save("q", object())
    with pytest.raises(AnswerStoreError, match="cannot be saved"):
        store.save("q", float("nan"))
    with pytest.raises(AnswerStoreError, match="question id"):
        store.save("  ", 1)
    assert isinstance(AnswerStoreError("x"), WorkshopError)


def test_write_failure_gives_advice(in_tmp):
    (in_tmp / "answers").write_text("a file where the folder should be")
    with pytest.raises(AnswerStoreError, match="writable"):
        answers.AnswerStore("nb").save("q", 1)


def test_forget_and_shared_store(in_tmp):
    store = answers.store_for("nb")
    store.save("q", 1)
    assert answers.store_for("nb") is store
    store.forget("q")
    store.forget("never-saved")
    assert answers.AnswerStore("nb").all() == {}


def test_store_for_rereads_the_file(in_tmp):
    store = answers.store_for("shared")
    answers.AnswerStore("shared").save("q", "from elsewhere")
    assert answers.store_for("shared").get("q") == "from elsewhere"
    assert store.get("q") == "from elsewhere"


def test_read_only_never_repairs_a_participants_file(tmp_path):
    path = tmp_path / "answers" / "nb.json"
    assert answers.read_only(path) is None
    path.parent.mkdir()
    path.write_text("{ broken")
    assert answers.read_only(path) is None and path.read_text() == "{ broken"  # not moved aside
    path.write_text(json.dumps({"answers": {"m01.x": {"value": [1]}}}))
    assert answers.read_only(path) == {"m01.x": {"value": [1]}}
