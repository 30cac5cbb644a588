"""`workshop plan export|check`: the capstone plan from the command line, run as an ordinary account."""

from __future__ import annotations

import json
import os

import pytest

from tests import asuser
from workshop_utils import cli, plan
from workshop_utils.answers import AnswerStore

NOTEBOOK = "06-capstone-outcome-plan"


@pytest.fixture
def participant():
    """A folder an ordinary account owns, holding a capstone notebook folder with its saved plan."""
    base = asuser.workspace("workshop-plan-")
    folder = base / "exercises" / NOTEBOOK
    AnswerStore(NOTEBOOK, folder).save("m06.plan", plan.fernhill_example())
    asuser.give(base)
    yield base, folder
    asuser.remove(base)


def test_export_from_the_answers_file_as_the_participant(participant):
    base, folder = participant
    answers = folder / "answers" / f"{NOTEBOOK}.json"
    done = asuser.run(["plan", "export", str(answers)], home=base / "home", cwd=base, timeout=300)
    assert done.returncode == 0, done.stderr
    md_path, html_path = folder / "my-outcome-plan.md", folder / "my-outcome-plan.html"
    assert f"Wrote {md_path} and {html_path}" in done.stdout and done.stderr == ""
    assert md_path.read_text(encoding="utf-8") == plan.to_markdown(plan.fernhill_example())
    assert "<figure" in html_path.read_text(encoding="utf-8")
    owner = asuser.account()
    if owner is not None:  # written by the participant's account, not by root
        assert (md_path.stat().st_uid, html_path.stat().st_uid) == (owner[0], owner[0])


def test_check_lists_what_is_still_to_do(participant):
    base, folder = participant
    draft = plan.fernhill_example()
    draft["cadence"] = ""
    draft["outcomes"][1]["baseline"] = ""
    path = plan.save(draft, base / "draft.json")
    asuser.give(path)
    done = asuser.run(["plan", "check", str(path)], home=base / "home", cwd=base, timeout=300)
    assert done.returncode == 1
    assert "- O2 has no baseline: write where it is today, e.g. 'from 12%'." in done.stdout
    assert f"2 thing(s) still to do in {path}." in done.stdout
    done = asuser.run(["plan", "check", str(folder / "answers" / f"{NOTEBOOK}.json")], home=base / "home", cwd=base,
                      timeout=300)
    assert done.returncode == 0 and "every structural check passes" in done.stdout


def test_a_damaged_file_or_a_closed_folder_is_a_sentence(participant):
    base, _ = participant
    damaged = base / "damaged.json"
    damaged.write_text('{"outcomes": [', encoding="utf-8")
    closed = base / "closed"
    closed.mkdir()
    good = plan.save(plan.fernhill_example(), base / "good.json")
    asuser.give(base)
    os.chmod(closed, 0o555)
    done = asuser.run(["plan", "export", str(damaged)], home=base / "home", cwd=base, timeout=300)
    assert done.returncode == 2 and "is damaged: it is not valid JSON" in done.stderr
    assert "Traceback" not in done.stderr
    done = asuser.run(["plan", "export", str(good), "--out", str(closed)], home=base / "home", cwd=base, timeout=300)
    assert done.returncode == 2 and "Could not write the plan into" in done.stderr and "Traceback" not in done.stderr
    assert list(closed.iterdir()) == []


def test_out_stem_and_qid_in_process(tmp_path, capsys):
    store = AnswerStore(NOTEBOOK, tmp_path)
    store.save("m06.plan", plan.fernhill_example())
    store.save("m06.spare", plan.empty_plan())
    assert cli.main(["plan", "export", str(store.path)]) == 2
    assert "holds 2 plans" in capsys.readouterr().err
    assert cli.main(["plan", "export", str(store.path), "--qid", "m06.plan", "--out", str(tmp_path / "take-away"),
                     "--stem", "fernhill"]) == 0
    assert sorted(p.name for p in (tmp_path / "take-away").iterdir()) == ["fernhill.html", "fernhill.md"]
    assert cli.main(["plan", "export", str(tmp_path / f"{NOTEBOOK}.ipynb"), "--qid", "m06.spare", "--stem",
                     "draft"]) == 0
    assert "5 thing(s) are still to do" in capsys.readouterr().err
    assert (tmp_path / "draft.md").exists()  # beside the notebook, not in answers/
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(plan.fernhill_example()), encoding="utf-8")
    assert cli.main(["plan", "export", str(bare)]) == 0 and (tmp_path / "my-outcome-plan.html").exists()


# ----- a grader reading a hand-in's plan (facilitator trial of module 06) ---------------------------------------

def test_exporting_a_hand_ins_plan_does_not_make_it_a_resubmission(participant):
    """A grader reads a participant's plan with `workshop plan export` on the hand-in's answers file (the
    README's command). The page it writes beside the notebook is derived from the answers file and changes no
    grade: the next `workshop grade` run must not see a changed submission, regrade it and clear its hand grade."""
    import inspect

    from workshop_utils.grading import results

    assert inspect.signature(plan.export).parameters["stem"].default == results.PLAN_EXPORT_STEM
    base, folder = participant
    before = results.fingerprint(folder)
    done = asuser.run(["plan", "export", str(folder / "answers" / f"{NOTEBOOK}.json")], home=base / "home",
                      cwd=base, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (folder / "my-outcome-plan.html").exists()
    assert results.fingerprint(folder) == before
    # A real change to the work is still noticed.
    AnswerStore(NOTEBOOK, folder).save("m06.plan", {**plan.fernhill_example(), "cadence": "monthly"})
    assert results.fingerprint(folder) != before
