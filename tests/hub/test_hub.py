"""A class on the hub, end to end, and the attacks a student could try on it (docs/deployment.md (b)).

The instructor works as their own account in a terminal (``workshop release``, ``nbgrader
release_assignment``, ``collect``, ``workshop grade``, ``workshop feedback``, ``release_feedback``);
students work in their own single-user servers through the hub, with their own tokens: the
Assignments panel's API to fetch, submit and fetch feedback, the contents API to save their answers.
Student C is hostile: every attack is tried as C's account and must be refused, and the one the
file system cannot stop (a submission in B's name) is rejected by ``workshop grade``.
"""

from __future__ import annotations

import csv
import http.cookiejar
import json
import shutil
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from ..classroom import fill_answers, fill_free_text, free_text, module_facts
from .conftest import COURSE_B, COURSE_ID, MODULE, _processes_of

# One hub for the module, in one xdist worker (make test uses --dist loadgroup). Set here, at collection: a
# marker a conftest hook adds later can come after xdist has already placed the tests.
pytestmark = [pytest.mark.hub, pytest.mark.xdist_group("hub")]

PROBE = '''
import os, pathlib, shutil, sys
def attempt(label, action):
    try:
        action()
    except OSError as exc:
        print("DENIED", label, type(exc).__name__)
    else:
        print("ALLOWED", label)
'''


def probe(hub, user, attempts: dict[str, str]) -> dict[str, str]:
    """Run each ``label: expression`` as ``user``; returns label -> DENIED or ALLOWED."""
    code = PROBE + "\n".join(f"attempt({label!r}, lambda: {expr})" for label, expr in attempts.items())
    done = hub.python_as(user, code)
    assert done.returncode == 0, done.stderr
    found = {}
    for line in done.stdout.splitlines():
        verdict, label = line.split()[:2]
        found[label] = verdict
    assert set(found) == set(attempts), done.stdout + done.stderr
    return found


EXPOSE_APP = {"LabApp": {"expose_app_in_browser": True}}
_CELL_INDEX = """id => window.jupyterapp.shell.currentWidget.content.widgets.findIndex(
    c => ((c.model.getMetadata('nbgrader') || {}).grade_id) === id)"""


def browser_available() -> bool:
    from ..browser import lab

    try:
        lab.chromium_path()
    except lab.ChromiumMissing:
        return False
    return True


def work_in_browser(hub, student, typed: dict[str, str]) -> dict[str, str]:
    """``student`` logs in with their password, fetches through the Assignments panel, types ``typed`` (item ->
    code) into the answer cells, saves and submits there. Returns what the notebook's cells hold then.

    In a thread of its own: Playwright's sync API refuses a thread in which an asyncio loop runs, and an earlier
    test in the same worker (a kernel client) can leave one running in the main thread."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(_work_in_browser, hub, student, typed).result()


def _work_in_browser(hub, student, typed: dict[str, str]) -> dict[str, str]:
    from ..browser import lab

    held = {}
    with lab.chromium() as browser:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(90_000)
        try:
            page.goto(hub.url + "/hub/login")
            page.fill("#username_input", student.name)
            page.fill("#password_input", student.password)
            page.click("#login_submit")
            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=120_000)
            lab.menu(page, "Nbgrader", "Assignment List")
            page.locator("#released_assignments_list .list_item", has_text=MODULE).locator(
                "button", has_text="Fetch").click()
            page.locator("#fetched_assignments_list .list_item", has_text=MODULE).first.wait_for()
            page.evaluate("p => window.jupyterapp.commands.execute('docmanager:open', {path: p})",
                          f"{MODULE}/{MODULE}.ipynb")
            page.wait_for_function("() => { const w = window.jupyterapp.shell.currentWidget; return w && w.context "
                                   "&& w.context.isReady && w.content.widgets && w.content.widgets.length > 0; }")
            for item, code in typed.items():
                index = page.evaluate(_CELL_INDEX, f"{item}-answer")
                assert index >= 0, f"no answer cell for {item}"
                page.evaluate("async i => { const nb = window.jupyterapp.shell.currentWidget.content; "
                              "nb.activeCellIndex = i; await nb.scrollToItem(i); }", index)
                editor = page.evaluate_handle("i => window.jupyterapp.shell.currentWidget.content.widgets[i]"
                                              ".node.querySelector('.cm-content')", index)
                editor.as_element().click()
                page.keyboard.press("Control+a")
                page.keyboard.insert_text(code)
                held[item] = page.evaluate("i => window.jupyterapp.shell.currentWidget.content.widgets[i]"
                                           ".model.sharedModel.getSource()", index)
            page.keyboard.press("Control+s")
            page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")
            lab.menu(page, "Nbgrader", "Assignment List")
            page.locator("#fetched_assignments_list .list_item", has_text=MODULE).locator(
                "button", has_text="Submit").first.click()
            page.locator("#submitted_assignments_list .list_item", has_text=MODULE).first.wait_for()
            # Then runs the whole notebook, as a participant checks their work: its kernel now holds what a
            # class's kernels hold (pandas, Altair, the widgets), for the memory the sizing advice gives.
            page.evaluate("p => window.jupyterapp.commands.execute('docmanager:open', {path: p})",
                          f"{MODULE}/{MODULE}.ipynb")
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function("() => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session; "
                                   "return k && k.kernel && k.kernel.status === 'idle'; }", timeout=180_000)
        except Exception:
            lab.ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(lab.ARTIFACTS / "hub-student.png"))
            raise
    return held


def memory_of(user) -> dict[str, float]:
    """Resident memory (MB) of ``user``'s single-user server and of their kernels, from /proc: what one more
    participant costs a hub (docs/deployment.md's sizing advice)."""
    found = {"server": 0.0, "kernel": 0.0}
    for pid in _processes_of({user.uid}):
        entry = Path("/proc") / str(pid)
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            rss = next(int(line.split()[1]) for line in (entry / "status").read_text().splitlines()
                       if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
        kind = "kernel" if "ipykernel" in command else "server" if "jupyterhub-singleuser" in command else None
        if kind:
            found[kind] += round(rss / 1024, 1)
    return found


@pytest.fixture(scope="module")
def classroom(hub):
    """Runs the round trip once, trying the attacks at each stage; the tests read what happened."""
    inst, (a, b, c) = hub.instructor, hub.students
    course = hub.course
    seen: dict = {"attacks": {}, "times": {}}
    clock = time.monotonic()

    def lap(name):
        nonlocal clock
        seen["times"][name] = round(time.monotonic() - clock, 1)
        clock = time.monotonic()

    answers, points = module_facts(MODULE)
    seen["full"] = float(sum(points.values()))

    # B's own JupyterLab setting that lets the browser test read the notebook it types into.
    settings = b.home / ".jupyter" / "jupyter_server_config.json"
    hub.run_as(b, ["mkdir", "-p", str(settings.parent)])
    hub.run_as(b, ["sh", "-c", f"echo '{json.dumps(EXPOSE_APP)}' > {settings}"])
    # Students start their servers through the hub (they start while the instructor releases).
    for student in (a, b, c):
        hub.start_server(student)
    # The instructor releases the module.
    hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "release", MODULE], cwd=course)
    hub.run_as(inst, [sys.executable, "-m", "nbgrader", "release_assignment", MODULE], cwd=course)
    lap("release")
    hub.wait_ready([a, b, c])
    lap("servers")

    # Students fetch, answer, save and submit.
    form = {"course_id": COURSE_ID, "assignment_id": MODULE}
    typed = dict(list(answers.items())[:2])  # B answers the first two items
    seen["browser"] = browser_available()
    if seen["browser"]:  # B works in the real browser, through the Assignments panel
        seen["browser_typed"] = work_in_browser(hub, b, typed)
        seen["memory"] = memory_of(b)
        print("memory of one participant (MB):", seen["memory"])
    texts = free_text(MODULE)  # A answers the items graded by hand too (graded in the formgrader, later)
    for student, edit in ((a, lambda nb: (fill_answers(nb, answers), fill_free_text(nb, texts))),
                          *(() if seen["browser"] else ((b, lambda nb: fill_answers(nb, typed)),)),
                          (c, lambda nb: None)):
        listed = hub.fetch_answer_submit(student, edit)
        assert any(x["assignment_id"] == MODULE and x["status"] == "fetched" for x in listed), listed

    lap("students")
    exchange = hub.exchange / COURSE_ID
    inbound = exchange / "inbound"
    # C submits a blank notebook in B's name, later than B's own submission: the exchange cannot stop it.
    forged = (f"import pathlib, shutil\nsrc = pathlib.Path.home() / {MODULE!r}\n"
              f"dest = pathlib.Path({str(inbound)!r}) / '{b.name}+{MODULE}+2099-01-01 00:00:00.000000 UTC+forged'\n"
              "shutil.copytree(src, dest, ignore=shutil.ignore_patterns('.ipynb_checkpoints'))\n"
              "(dest / 'timestamp.txt').write_text('2099-01-01 00:00:00.000000 UTC')\n"
              "for path in [dest, *dest.rglob('*')]:  # readable, as nbgrader submit leaves a submission\n"
              "    path.chmod(0o755 if path.is_dir() else 0o644)\n")
    made = hub.python_as(c, forged)
    seen["forged"] = made.returncode == 0
    seen["forged_error"] = made.stderr

    a_work = a.home / MODULE / f"{MODULE}.ipynb"
    released = exchange / "outbound" / MODULE / f"{MODULE}.ipynb"
    seen["attacks"].update(probe(hub, c, {
        "rename-course-in-exchange": f"os.rename({str(exchange)!r}, {str(hub.exchange / 'hijacked')!r})",
        "delete-released-exercise": f"os.unlink({str(released)!r})",
        "overwrite-released-exercise": f"open({str(released)!r}, 'w').write('{{}}')",
        "replace-outbound": f"os.rename({str(exchange / 'outbound')!r}, {str(exchange / 'outbound2')!r})",
        "remove-inbound": f"shutil.rmtree({str(inbound)!r})",
        "list-inbound": f"os.listdir({str(inbound)!r})",
        "list-other-home": f"os.listdir({str(a.home)!r})",
        "read-other-notebook": f"open({str(a_work)!r}).read()",
        "read-other-submitted-copy": f"os.listdir({str(a.home / '.local/share/jupyter/nbgrader_cache')!r})",
        "list-instructor-course": f"os.listdir({str(course)!r})",
        "read-solutions": f"open({str(course / 'solutions' / MODULE / (MODULE + '.ipynb'))!r}).read()",
        "read-gradebook": f"open({str(course / 'gradebook.db')!r}, 'rb').read()",
    }))

    lap("attacks")
    # The instructor collects; C then tries to change a collected submission before grading.
    hub.run_as(inst, [sys.executable, "-m", "nbgrader", "collect", MODULE], cwd=course)
    collected = course / "submitted" / a.name / MODULE / f"{MODULE}.ipynb"
    assert collected.exists()
    seen["attacks"].update(probe(hub, c, {
        "write-collected-submission": f"open({str(collected)!r}, 'a').write(' ')",
        "list-submitted": f"os.listdir({str(course / 'submitted')!r})",
    }))

    lap("collect")
    # The instructor grades as their own account, writes and releases feedback.
    grade = hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "grade", "submitted", "--out", "graded",
                              "--jobs", "2"], cwd=course, check=False)
    seen["grade"] = grade
    with open(course / "graded" / "grades.csv", newline="") as handle:
        seen["grades"] = {row["student_id"]: row for row in csv.DictReader(handle)}
    lap("grade")

    # The instructor does what the rejection says: the forged folder goes (as root), B's own work is collected.
    shutil.rmtree(next(inbound.glob(f"{b.name}+{MODULE}+2099-*")))
    hub.run_as(inst, ["rm", "-r", str(course / "submitted" / b.name / MODULE)])
    hub.run_as(inst, [sys.executable, "-m", "nbgrader", "collect", MODULE], cwd=course)
    seen["regrade"] = hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "grade", "submitted", "--out",
                                        "graded", "--jobs", "2"], cwd=course, check=False)
    with open(course / "graded" / "grades.csv", newline="") as handle:
        seen["regrades"] = {row["student_id"]: row for row in csv.DictReader(handle)}
    seen["partial"] = float(sum(points[item] for item in list(answers)[:2]))
    lap("regrade")

    # C leaves an unreadable folder in a new name: collect stops and names it; deleted as root, collect works again.
    hidden = inbound / f"ghost{MODULE[:2]}+{MODULE}+2098-01-01 00:00:00.000000 UTC+hidden"
    hub.python_as(c, f"import os\nos.mkdir({str(hidden)!r}, 0o700)\n")
    seen["blocked_collect"] = hub.run_as(inst, [sys.executable, "-m", "nbgrader", "collect", MODULE], cwd=course,
                                         check=False)
    shutil.rmtree(hidden)
    seen["collect_again"] = hub.run_as(inst, [sys.executable, "-m", "nbgrader", "collect", MODULE], cwd=course,
                                       check=False)
    lap("blocked collect")
    hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "feedback", "graded"], cwd=course)
    hub.run_as(inst, [sys.executable, "-m", "nbgrader", "release_feedback", MODULE], cwd=course / "graded")
    seen["attacks"].update(probe(hub, c, {
        "read-grades": f"open({str(course / 'graded' / 'grades.csv')!r}).read()",
        "list-exchange-feedback": f"os.listdir({str(exchange / 'feedback')!r})",
    }))

    lap("feedback")
    # Students fetch their feedback through their servers.
    for student in (a, c):
        hub.user_api(student, "POST", "/assignments/fetch_feedback", form=form)
    seen["feedback"] = sorted((a.home / MODULE / "feedback").rglob("*.html"))
    seen["attacks"].update(probe(hub, c, {
        "read-other-feedback": f"os.listdir({str(a.home / MODULE / 'feedback')!r})",
    }))
    lap("fetch_feedback")
    hand_grade_through_the_hub(hub, seen, form)
    lap("hand grading")
    seen["doctor"] = hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "doctor", "--hub"], cwd=course,
                                check=False)
    print("stage seconds:", seen["times"])
    return seen


def hand_grade_through_the_hub(hub, seen: dict, form: dict) -> None:
    """docs/deployment.md (b), hand grading: `workshop formgrader graded`, then the instructor's own server (started
    through the hub) shows the graded class in its formgrader; a hand grade given there reaches grades.csv with
    `workshop report` and the students with `workshop feedback` and a second release of feedback."""
    inst, (a, *_), course = hub.instructor, hub.students, hub.course
    seen["formgrader_command"] = hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "formgrader", "graded"],
                                            cwd=course)
    hub.start_server(inst)
    hub.wait_ready([inst])
    seen["formgrader_submissions"] = hub.user_api(inst, "GET", f"/formgrader/api/submissions/{MODULE}")
    notebooks = hub.user_api(inst, "GET", f"/formgrader/api/submitted_notebooks/{MODULE}/{MODULE}")
    mine = next(n for n in notebooks if n["student"] == a.name)
    grades = hub.user_api(inst, "GET", f"/formgrader/api/grades?submission_id={mine['id']}")
    to_mark = [g for g in grades if g["needs_manual_grade"]]
    seen["to_mark"] = sorted(g["name"] for g in to_mark)
    seen["hand_points"] = 0.0
    for grade in to_mark:  # two thirds of each hand-graded item's points
        score = round(grade["max_score"] * 2 / 3, 2)
        hub.user_api(inst, "PUT", f"/formgrader/api/grade/{grade['id']}", data={"manual_score": score})
        seen["hand_points"] += score
    hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "report", "graded"], cwd=course)
    with open(course / "graded" / "grades.csv", newline="") as handle:
        seen["hand_graded"] = {row["student_id"]: row for row in csv.DictReader(handle)}
    hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "feedback", "graded"], cwd=course)
    seen["release_feedback_again"] = hub.run_as(inst, [sys.executable, "-m", "nbgrader", "release_feedback", MODULE],
                                                cwd=course / "graded", check=False)
    hub.user_api(a, "POST", "/assignments/fetch_feedback", form=form)
    seen["feedback_after_hand_grading"] = sorted((a.home / MODULE / "feedback").rglob("*.html"))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_one_participant_costs_the_memory_the_sizing_advice_gives(classroom):
    """docs/deployment.md sizes a hub from these (measured: about 165 MB server + 245 MB kernel)."""
    if not classroom["browser"]:
        pytest.skip("no browser: no kernel ran")
    memory = classroom["memory"]
    assert 50 < memory["server"] < 400 and 80 < memory["kernel"] < 600, memory


def test_the_hub_logs_people_in_with_their_linux_password(hub):
    """PAM: the right password signs in (a redirect to the user's server), a wrong one does not."""
    student = hub.students[0]
    for password, allowed in ((student.password + "x", False), (student.password, True)):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPCookieProcessor(jar))
        opener.open(hub.url + "/hub/login", timeout=30).read()  # the login form sets its _xsrf cookie
        xsrf = next(cookie.value for cookie in jar if cookie.name == "_xsrf")
        login = urllib.request.Request(hub.url + "/hub/login", method="POST", data=urllib.parse.urlencode(
            {"username": student.name, "password": password, "_xsrf": xsrf}).encode())
        try:
            with opener.open(login, timeout=30) as response:
                code = response.status
        except urllib.error.HTTPError as exc:
            code = exc.code
        assert (code == 302) == allowed, (allowed, code)


def test_students_scores_are_exact(hub, classroom):
    a, b, c = hub.students
    grades = classroom["grades"]
    assert float(grades[a.name]["score"]) == classroom["full"], grades[a.name]
    assert grades[a.name]["status"] == "graded"
    assert float(grades[c.name]["score"]) == 0.0 and grades[c.name]["status"] == "graded", grades[c.name]


def test_a_submission_in_another_students_name_is_rejected(hub, classroom):
    b, c = hub.students[1], hub.students[2]
    assert classroom["forged"], classroom["forged_error"]
    row = classroom["grades"][b.name]
    assert row["status"] == "rejected", row
    assert c.name in row["reason"] and "not graded" in row["reason"], row
    assert f"rejected {b.name}" in classroom["grade"].stderr, classroom["grade"].stderr


def test_after_the_documented_fix_the_student_is_graded_for_their_own_work(hub, classroom):
    b = hub.students[1]
    assert "Delete that folder" in classroom["grades"][b.name]["reason"]
    row = classroom["regrades"][b.name]
    assert row["status"] == "graded" and float(row["score"]) == classroom["partial"], (row, classroom["regrade"].stderr)
    assert classroom["regrades"][hub.students[0].name] == classroom["grades"][hub.students[0].name]


def test_one_student_works_in_the_real_browser(hub, classroom):
    """B logged in with their password, fetched, typed, saved and submitted in JupyterLab's Assignments panel;
    what B typed is what was graded (the exact score is checked after the forged copy is cleared)."""
    if not classroom["browser"]:
        pytest.skip("chromium is missing: bash scripts/ensure-chromium.sh installs it (B used the API instead)")
    answers, _ = module_facts(MODULE)
    assert classroom["browser_typed"] == dict(list(answers.items())[:2])


def test_an_unreadable_folder_in_the_exchange_stops_collect_until_it_is_deleted(classroom):
    blocked = classroom["blocked_collect"]
    assert blocked.returncode != 0 and "Permission denied" in blocked.stdout + blocked.stderr, blocked
    assert "+hidden" in blocked.stdout + blocked.stderr, blocked
    assert classroom["collect_again"].returncode == 0, classroom["collect_again"].stderr


def test_every_attack_is_refused(classroom):
    allowed = sorted(label for label, verdict in classroom["attacks"].items() if verdict != "DENIED")
    assert not allowed, f"got through: {allowed}"
    assert len(classroom["attacks"]) == 17


def test_students_fetch_their_feedback(classroom):
    assert classroom["feedback"], "no feedback page was fetched"
    page = classroom["feedback"][0].read_text()
    assert f"{classroom['full']:g}" in page


def test_doctor_hub_passes_on_the_documented_setup(hub, classroom):
    """Every check passes for the hub's own exchange, course folder and accounts (other accounts of the
    machine the tests run on are not the tests' to change: their homes may be reported)."""
    out = classroom["doctor"].stdout
    for check in ("exchange", "course exchange", "instructor course folder"):
        assert f"OK    {check}:" in out, out
    homes = next(line for line in out.splitlines() if " homes:" in line)
    for account in (hub.instructor, *hub.students):
        assert str(account.home) not in homes, out
    assert "FAIL" not in out.replace("FAIL  homes:", ""), out


def test_the_formgrader_through_the_hub_shows_exactly_the_graded_class(hub, classroom):
    """Every participant graded, none 'needs autograding' (nothing invites nbgrader's own, unsandboxed autograde),
    and the free-text item waits for a hand grade."""
    assert classroom["to_mark"], "no free-text item to mark"
    listed = {s["student"]: s for s in classroom["formgrader_submissions"]}
    assert set(listed) == {s.name for s in hub.students}, listed
    assert all(s["autograded"] for s in listed.values()), json.dumps(listed, indent=1)
    a = hub.students[0].name
    assert listed[a]["needs_manual_grade"] and float(listed[a]["score"]) == classroom["full"], listed[a]
    assert "/formgrader" in classroom["formgrader_command"].stdout


def test_hand_grades_reach_grades_csv_and_the_re_released_feedback(hub, classroom):
    a = hub.students[0].name
    assert classroom["hand_points"] > 0, "no hand grade was given"
    row = classroom["hand_graded"][a]
    assert float(row["score"]) == pytest.approx(classroom["full"] + classroom["hand_points"]), row
    assert row["needs_manual_grade"] in ("0", "False", "false", ""), row
    assert classroom["release_feedback_again"].returncode == 0, classroom["release_feedback_again"].stderr
    pages = classroom["feedback_after_hand_grading"]
    assert pages, "no feedback page after hand grading"
    newest = max(pages, key=lambda p: p.stat().st_mtime)
    total = f"{classroom['full'] + classroom['hand_points']:g}"
    assert total in newest.read_text(), (total, newest)


@pytest.fixture(scope="module")
def second_cohort(hub, classroom):
    """docs/deployment.md, "Two cohorts on one hub": a second class (course id COURSE_B, its own group, instructor and
    student D) on the same hub and exchange, after the first class's round trip. D works through the hub; each
    cohort's people try to reach the other's exchange folder."""
    inst, d, course = hub.instructor_b, hub.student_d, hub.course_b
    a, seen = hub.students[0], {}
    hub.start_server(d)
    hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "release", MODULE], cwd=course)
    hub.run_as(inst, [sys.executable, "-m", "nbgrader", "release_assignment", MODULE], cwd=course)
    hub.wait_ready([d])
    answers, _ = module_facts(MODULE)
    form_b = {"course_id": COURSE_B, "assignment_id": MODULE}
    status, body = hub.request("POST", f"/user/{d.name}/assignments/fetch", d.token,
                               form={"course_id": COURSE_ID, "assignment_id": MODULE})
    seen["fetch_other_cohort"] = (status, json.loads(body) if status < 400 else body)
    hub.fetch_answer_submit(d, lambda nb: fill_answers(nb, answers), course_id=COURSE_B)
    theirs, ours = hub.exchange / COURSE_ID, hub.exchange / COURSE_B
    seen["attacks"] = {
        **probe(hub, d, {
            "list-other-cohort-outbound": f"os.listdir({str(theirs / 'outbound')!r})",
            "read-other-cohort-exercise": f"open({str(theirs / 'outbound' / MODULE / (MODULE + '.ipynb'))!r}).read()",
            "submit-into-other-cohort": f"os.mkdir({str(theirs / 'inbound' / (d.name + '+' + MODULE + '+x'))!r})",
            "list-other-cohort-feedback": f"os.listdir({str(theirs / 'feedback')!r})",
        }),
        **{f"{label}-from-first-cohort": verdict for label, verdict in probe(hub, a, {
            "list-outbound": f"os.listdir({str(ours / 'outbound')!r})",
            "submit": f"os.mkdir({str(ours / 'inbound' / (a.name + '+' + MODULE + '+x'))!r})",
        }).items()},
    }
    hub.run_as(inst, [sys.executable, "-m", "nbgrader", "collect", MODULE], cwd=course)
    seen["grade"] = hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "grade", "submitted", "--out",
                                      "graded", "--jobs", "2"], cwd=course, check=False)
    with open(course / "graded" / "grades.csv", newline="") as handle:
        seen["grades"] = {row["student_id"]: row for row in csv.DictReader(handle)}
    seen["graded_config"] = (course / "graded" / "nbgrader_config.py").read_text()
    hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "feedback", "graded"], cwd=course)
    hub.run_as(inst, [sys.executable, "-m", "nbgrader", "release_feedback", MODULE], cwd=course / "graded")
    hub.user_api(d, "POST", "/assignments/fetch_feedback", form=form_b)
    seen["feedback"] = sorted((d.home / MODULE / "feedback").rglob("*.html"))
    # The first cohort's instructor collects again: nothing of the second cohort's arrives.
    hub.run_as(hub.instructor, [sys.executable, "-m", "nbgrader", "collect", MODULE], cwd=hub.course)
    seen["first_cohort_submitted"] = sorted(p.name for p in (hub.course / "submitted").iterdir())
    seen["doctor"] = hub.run_as(inst, [sys.executable, "-m", "workshop_utils.cli", "doctor", "--hub"], cwd=course,
                                check=False)
    return seen


def test_two_cohorts_share_the_hub_without_reaching_each_other(hub, second_cohort):
    allowed = sorted(label for label, verdict in second_cohort["attacks"].items() if verdict != "DENIED")
    assert not allowed, f"got through: {allowed}"
    assert len(second_cohort["attacks"]) == 6
    status, answer = second_cohort["fetch_other_cohort"]
    # nbgrader's panel answers a fetch it could not do with the list of what the participant can see: nothing of
    # the other course (and D's own course's fetch, made next into the same folder name, succeeded).
    assert status >= 400 or not any(x.get("course_id") == COURSE_ID for x in answer.get("value") or []), answer
    assert hub.student_d.name not in second_cohort["first_cohort_submitted"]


def test_the_second_cohort_is_graded_in_its_own_course(hub, second_cohort):
    """`workshop grade` takes the course id from the course folder's config: the graded class's nbgrader config
    names the cohort, so its release_feedback reaches the cohort's own students."""
    d = hub.student_d.name
    assert set(second_cohort["grades"]) == {d}, second_cohort["grades"]
    _, points = module_facts(MODULE)
    assert float(second_cohort["grades"][d]["score"]) == float(sum(points.values())), second_cohort["grade"].stderr
    assert f"course_id = {COURSE_B!r}" in second_cohort["graded_config"]
    assert second_cohort["feedback"], "the second cohort's student got no feedback page"
    out = second_cohort["doctor"].stdout
    assert "OK    course exchange:" in out and "FAIL  exchange" not in out, out
