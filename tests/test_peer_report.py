"""A real class run of module 02, as a facilitator (an ordinary account): participants who built the
whole-plan impact map and peer-reviewed a partner's statement, graded by `workshop grade`, then
`workshop report` sets each peer's scores beside the assessor's and names the criteria they disagree on most."""

from __future__ import annotations

import csv
import html

import pytest

from workshop_utils import checks, peer
from workshop_utils.answers import AnswerStore

from . import asuser
from .classroom import fill_answers, module_facts, write_submission
from .conftest import ROOT

pytestmark = pytest.mark.slow
MODULE = "02-reframing-deliverables"
RENTAL = checks.question("m02.reframe_rental").solution  # a full-marks statement
TRACTION = "Online customers start more conversations with the chatbot: from 2,000 to 6,000 a week by June 2026"
REVIEWS = {
    # A careful peer who missed the guardrail the assessor finds.
    "ana": {"statement": RENTAL, "scores": {**dict.fromkeys(peer.CRITERIA, 0.5), "guardrail": 0.0},
            "suggestion": "Say what must not get worse: you have it, keep it."},
    # A peer who takes a traction metric for a behaviour, and who is then hostile to the page.
    "ben": {"statement": TRACTION, "scores": dict.fromkeys(peer.CRITERIA, 0.5),
            "suggestion": "<script>alert(1)</script> looks great"},
}


@pytest.fixture(scope="module")
def reported():
    answers, points = module_facts(MODULE)
    base = asuser.workspace("workshop-peer-")
    submissions = base / "submissions"
    release = ROOT / "exercises" / MODULE
    try:
        for student in ("ana", "ben", "cy"):
            folder = submissions / student / MODULE
            edit = (lambda nb: None) if student == "cy" else (lambda nb: fill_answers(nb, answers))
            write_submission(release, folder, MODULE, edit)
            if student in REVIEWS:  # saved by the peer-review widget in class
                AnswerStore(MODULE, folder).save("m02.peer_review", REVIEWS[student])
        asuser.give(base)
        out = base / "out"
        graded = asuser.run(["grade", str(submissions), "--out", str(out), "--jobs", "1", "--timeout", "60",
                             "--wall", "400"], home=base / "home", timeout=1500)
        done = asuser.run(["report", str(out)], home=base / "home", timeout=300)
        page = (out / "report.html").read_text(encoding="utf-8") if (out / "report.html").exists() else ""
        with open(out / "grades.csv", newline="") as handle:
            grades = {row["student_id"]: row for row in csv.DictReader(handle)}
        yield {"graded": graded, "done": done, "page": page, "grades": grades, "points": points}
    finally:
        asuser.remove(base)


def test_the_class_is_graded_with_the_whole_plan_map(reported):
    graded, grades, points = reported["graded"], reported["grades"], reported["points"]
    assert graded.returncode == 0, graded.stdout + graded.stderr
    full = float(sum(points.values()))
    assert points["plan_map"] == 3
    assert float(grades["ana"]["score"]) == full and float(grades["ben"]["score"]) == full, grades
    assert float(grades["cy"]["score"]) == 0


def test_the_report_sets_peers_beside_the_assessor(reported):
    done, page = reported["done"], reported["page"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert "<h3>Peer review: peers beside the assessor</h3>" in page
    section = page.split("<h3>Peer review: peers beside the assessor</h3>")[1].split("<h3>")[0]
    assert "Reviewed by ana" in section and "Reviewed by ben" in section and "Reviewed by cy" not in section
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; looks great" in section
    expected = {s: peer.compare(r) for s, r in REVIEWS.items()}
    assert "behaviour" in expected["ben"]["disagree"], "traction: the peer gave behaviour, not the assessor"
    for student, compared in expected.items():
        block = section.split(f"Reviewed by {student}</h4>")[1].split("</table>")[0]
        assert html.escape(compared["statement"], quote=False) in block
        for row in compared["rows"]:
            verdict = "yes" if row["agree"] else "no: they disagree"
            assert (f"<td>{row['criterion']}</td><td>{row['peer']:g}</td><td>{row['assessor']:g}</td>"
                    in block), row
            assert block.split(f"<td>{row['criterion']}</td>", 1)[1].split("</tr>")[0].rstrip().endswith(
                f">{verdict}</td>"), row
    summary = section.split("</table>")[0]
    top = peer.class_summary(expected.values())[0]
    first_row = summary.split("<tr>")[2]
    assert first_row.startswith(f"<td>{top['criterion']}</td><td>{top['disagree']}</td>"), summary
    assert top["disagree"] >= 1
