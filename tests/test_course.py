"""Every question of every course module discriminates: right answers pass, typical wrong ones fail."""

import pytest

from workshop_utils import checks
from workshop_utils.course import module_names, modules

ALL = [(m, q) for m in modules() for q in m.QUESTIONS]


def test_modules_are_discovered():
    assert module_names()[:2] == ["m00", "m01"]
    for module in modules():
        assert module.NOTEBOOK.startswith(module.MODULE + "-")


@pytest.mark.parametrize("module,question", ALL, ids=[q.qid for _, q in ALL])
def test_question_discriminates(module, question):
    assert question.qid.startswith(module.__name__.rsplit(".", 1)[1] + ".")
    assert question.kind in {"classify", "select", "value", "chart", "text", "map", "plan", "review"}
    if question.check is None:
        assert question.kind in ("text", "review")
        return
    right, wrong = module.examples()[question.qid]
    assert checks.grade(question.qid, right).passed, "the right answer scores full marks"
    assert not checks.grade(question.qid, wrong).passed, "a typical wrong answer does not"
    assert not checks.grade(question.qid, None).passed, "a blank answer does not"


def test_question_ids_are_unique():
    ids = [q.qid for _, q in ALL]
    assert len(ids) == len(set(ids))


def test_hand_graded_items_have_rubrics():
    for _, q in ALL:
        if q.kind == "text" and q.points:
            assert q.rubric, f"{q.qid} is graded by hand and needs a rubric"
