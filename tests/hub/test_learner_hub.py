"""The per-learner exchange (workshop_utils.learnerexchange, configured by deploy/nbgrader_config.py, the
same file the Kubernetes values mount) on the class hub of one server: docs/deployment.md (c) tested where
it can be, with real accounts, their own servers and the Assignments panel's API.

The round trip is the one of test_hub.py (release, fetch, answer, submit, collect, grade as the
instructor, feedback, fetch feedback) and student C tries the attacks of point 2 against it: every one
is refused, and what the exchange lets C make in someone else's name is never collected.
"""

from __future__ import annotations

import csv
import json
import sys

import pytest

from workshop_utils import learnerexchange

from ..classroom import fill_answers, module_facts
from .conftest import COURSE_ID, MODULE, class_hub
from .test_hub import probe

pytestmark = [pytest.mark.hub, pytest.mark.xdist_group("hub")]
FAR = "2099-01-01 00:00:00.000000 UTC"
SERVICE = "formgrader-project-to-product"  # deploy/values.yaml


@pytest.fixture(scope="module")
def learner_hub():
    with class_hub(per_learner=True) as hub:
        yield hub


def workshop(hub, user, *args, cwd, check=True):
    return hub.run_as(user, [sys.executable, "-m", "workshop_utils.cli", *args], cwd=cwd, check=check)


def nbgrader(hub, user, *args, cwd, check=True):
    return hub.run_as(user, [sys.executable, "-m", "nbgrader", *args], cwd=cwd, check=check)


@pytest.fixture(scope="module")
def lesson(learner_hub):
    hub = learner_hub
    inst, (a, b, c) = hub.instructor, hub.students
    course, root = hub.course, str(hub.exchange)
    outbound = learnerexchange.outbound(root, COURSE_ID)
    inbound = learnerexchange.inbound(root, COURSE_ID)
    feedback = learnerexchange.feedback(root, COURSE_ID)
    seen: dict = {"attacks": {}}
    answers, points = module_facts(MODULE)
    seen["full"], seen["partial"] = float(sum(points.values())), float(sum(points[i] for i in list(answers)[:2]))

    for student in (a, b, c):
        hub.start_server(student)
    workshop(hub, inst, "release", MODULE, cwd=course)
    nbgrader(hub, inst, "release_assignment", MODULE, cwd=course)
    hub.wait_ready([a, b, c])

    typed = dict(list(answers.items())[:2])
    for student, edit in ((a, lambda nb: fill_answers(nb, answers)), (b, lambda nb: fill_answers(nb, typed)),
                          (c, lambda nb: None)):
        hub.fetch_answer_submit(student, edit)

    # C makes what the exchange lets C make: a later submission in B's name in C's own folder, and a folder
    # in the instructor's name (a name C could squat before its owner submits) holding one in that name.
    mine, squat = f"{inbound}/{c.name}", f"{inbound}/{inst.name}"
    made = hub.python_as(c, "import os, shutil\n"
                            f"shutil.copytree({str(c.home / MODULE)!r}, '{mine}/{b.name}+{MODULE}+{FAR}+forged')\n"
                            f"os.mkdir({squat!r}, 0o755)\n"
                            f"shutil.copytree({str(c.home / MODULE)!r}, '{squat}/{inst.name}+{MODULE}+{FAR}+x')\n")
    assert made.returncode == 0, made.stderr
    b_folder = f"{inbound}/{b.name}"
    b_copy = f"{b_folder}/{b.name}+{MODULE}+{FAR}+y"
    released = f"{outbound}/{MODULE}/{MODULE}.ipynb"
    seen["attacks"].update(probe(hub, c, {
        "submit-into-other-inbound": f"shutil.copytree({str(c.home / MODULE)!r}, {b_copy!r})",
        "list-inbound": f"os.listdir({inbound!r})",
        "list-other-inbound": f"os.listdir({b_folder!r})",
        "rename-other-inbound": f"os.rename({b_folder!r}, '{inbound}/gone')",
        "remove-other-inbound": f"shutil.rmtree({b_folder!r})",
        "rename-inbound": f"os.rename({inbound!r}, '{inbound}-gone')",
        "rename-released-exercise": f"os.rename('{outbound}/{MODULE}', '{outbound}/gone')",
        "delete-released-exercise": f"os.unlink({released!r})",
        "overwrite-released-exercise": f"open({released!r}, 'w').write('{{}}')",
        "replace-outbound": f"os.rename({outbound!r}, '{outbound}-gone')",
        "make-at-exchange-root": f"os.mkdir('{root}/evil')",
        "list-other-home": f"os.listdir({str(a.home)!r})",
        "read-other-submitted-copy": f"os.listdir({str(a.home / '.local/share/jupyter/nbgrader_cache')!r})",
        "list-instructor-course": f"os.listdir({str(course)!r})",
        "read-solutions": f"open({str(course / 'solutions' / MODULE / (MODULE + '.ipynb'))!r}).read()",
    }))

    seen["collect"] = nbgrader(hub, inst, "collect", MODULE, cwd=course)
    collected = course / "submitted" / a.name / MODULE / f"{MODULE}.ipynb"
    seen["collected"] = sorted(p.name for p in (course / "submitted").iterdir())
    seen["attacks"].update(probe(hub, c, {
        "write-collected-submission": f"open({str(collected)!r}, 'a').write(' ')",
    }))
    seen["grade"] = workshop(hub, inst, "grade", "submitted", "--out", "graded", "--jobs", "2", cwd=course,
                             check=False)
    with open(course / "graded" / "grades.csv", newline="") as handle:
        seen["grades"] = {row["student_id"]: row for row in csv.DictReader(handle)}
    workshop(hub, inst, "feedback", "graded", cwd=course)
    nbgrader(hub, inst, "release_feedback", MODULE, cwd=course / "graded")
    seen["attacks"].update(probe(hub, c, {
        "list-feedback": f"os.listdir({feedback!r})",
        "list-other-feedback": f"os.listdir('{feedback}/{a.name}')",
        "read-grades": f"open({str(course / 'graded' / 'grades.csv')!r}).read()",
    }))
    form = {"course_id": COURSE_ID, "assignment_id": MODULE}
    listed = hub.user_api(a, "GET", f"/assignments?course_id={COURSE_ID}")["value"]
    seen["ready"] = [s["has_exchange_feedback"] for x in listed if x["status"] == "submitted" for s in x["submissions"]]
    for student in (a, b, c):
        hub.user_api(student, "POST", "/assignments/fetch_feedback", form=form)
    seen["feedback"] = {s.name: sorted((s.home / MODULE / "feedback").rglob("*.html")) for s in (a, b, c)}
    seen["doctor"] = workshop(hub, inst, "doctor", "--hub", cwd=course, check=False)
    # The formgrader service, through the hub, with each person's own token.
    api = f"/services/{SERVICE}/formgrader/api/assignments"
    seen["formgrader"] = {who.name: hub.request("GET", api, who.token) for who in (inst, a, c)}
    return seen


def test_what_c_made_in_other_names_is_not_collected(learner_hub, lesson):
    hub = learner_hub
    a, b, c = hub.students
    log = lesson["collect"].stdout + lesson["collect"].stderr
    assert f"named for {b.name}" in log, log
    assert f"made by the account {c.name}, not by {hub.instructor.name}" in log, log
    assert lesson["collected"] == sorted([a.name, b.name, c.name])


def test_scores_are_exact_and_every_submission_is_its_own(learner_hub, lesson):
    a, b, c = learner_hub.students
    grades = lesson["grades"]
    assert {name: row["status"] for name, row in grades.items()} == {a.name: "graded", b.name: "graded",
                                                                     c.name: "graded"}, lesson["grade"].stderr
    assert float(grades[a.name]["score"]) == lesson["full"]
    assert float(grades[b.name]["score"]) == lesson["partial"]
    assert float(grades[c.name]["score"]) == 0.0


def test_every_attack_is_refused(lesson):
    allowed = sorted(label for label, verdict in lesson["attacks"].items() if verdict != "DENIED")
    assert not allowed, f"got through: {allowed}"
    assert len(lesson["attacks"]) == 19


def test_each_student_fetches_their_own_feedback(learner_hub, lesson):
    assert lesson["ready"] and all(lesson["ready"]), "the Assignments panel does not show the feedback as ready"
    for student in learner_hub.students:
        pages = lesson["feedback"][student.name]
        assert len(pages) == 1, (student.name, pages)
    assert f"{lesson['full']:g}" in lesson["feedback"][learner_hub.students[0].name][0].read_text()


def test_doctor_hub_passes_on_the_per_learner_exchange(learner_hub, lesson):
    out = lesson["doctor"].stdout
    assert "OK    exchange:" in out and "per-learner exchange" in out, out
    assert "FAIL" not in out.replace("FAIL  homes:", ""), out


def test_the_formgrader_service_opens_to_its_group_only(learner_hub, lesson):
    """deploy/values.yaml's service, roles and group, on the one-server hub: the instructor (in the group)
    reaches the formgrader, which lists the released module from the course's gradebook; students get 403."""
    inst, (a, _b, c) = learner_hub.instructor, learner_hub.students
    status, body = lesson["formgrader"][inst.name]
    assert status == 200 and MODULE in [x["name"] for x in json.loads(body)], (status, body[:300])
    for student in (a, c):
        assert lesson["formgrader"][student.name][0] == 403, lesson["formgrader"][student.name]
