"""The per-learner exchange (workshop_utils.learnerexchange, configured by deploy/nbgrader_config.py), with
nbgrader 0.9's own commands run as real accounts: an instructor and three learners, each their own
Linux user (as root on Linux; elsewhere the account tests are skipped with the reason).

Round trip: release, fetch, submit, collect, release feedback, fetch feedback. Attacks, as one learner
against another: submit in their name, write, list or read in their inbound folder, squat it, rename or
change the released exercise, list their feedback.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from workshop_utils import hubcheck, learnerexchange

from .conftest import ROOT
from .hub import conftest as hubs

COURSE = "project-to-product"
MODULE = "mod1"
DEPLOY_CONFIG = ROOT / "deploy" / "nbgrader_config.py"


def test_configure_points_every_step_of_the_factory_at_the_plugin():
    from nbgrader.exchange import ExchangeFactory
    from traitlets.config import Config

    c = Config()
    learnerexchange.configure(c)
    factory = ExchangeFactory(config=c)
    for trait, name in learnerexchange.PLUGINS.items():
        assert getattr(factory, trait) is getattr(learnerexchange, name)
    assert set(learnerexchange.PLUGINS) == {name for name in factory.trait_names() if factory.trait_metadata(
        name, "config")}, "a step of nbgrader's ExchangeFactory is not covered by the plugin"


@pytest.mark.parametrize("name, ok", [("ana", True), ("ana-b2", True), ("a" * 48, True), ("a" * 49, False),
                                      ("Ana", False), ("2ana", False), ("ana--b", False), ("ana-", False),
                                      ("..", False), ("a/b", False), ("ana+x", False), ("", False)])
def test_a_learners_name_is_a_safe_folder_name(name, ok):
    assert learnerexchange.valid_learner(name) is ok


def test_the_layout():
    assert learnerexchange.outbound("/x", "c") == "/x/outbound/c"
    assert learnerexchange.inbound("/x", "c", "ana") == "/x/inbound/c/ana"
    assert learnerexchange.feedback("/x", "c", "ana") == "/x/feedback/c/ana"


# ----- as real accounts ---------------------------------------------------------------------------------

def _why_not() -> str | None:
    if not sys.platform.startswith("linux") or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "the per-learner exchange is tested as several real accounts: root on Linux only"
    for tool in ("useradd", "userdel", "setpriv"):
        if shutil.which(tool) is None:
            return f"{tool} is missing"
    return None


@pytest.fixture(scope="module")
def klass():
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    hubs._remove_accounts(hubs._left_by_a_killed_run())
    tag = secrets.token_hex(3)
    run = Path(tempfile.mkdtemp(prefix=f"workshop-hub-{tag}-"))  # so a hub test's clean-up leaves these accounts
    os.chmod(run, 0o755)
    accounts = []
    try:
        instructor = hubs._add_account(f"wsi{tag}")
        accounts.append(instructor)
        for letter in "abc":
            accounts.append(hubs._add_account(f"ws{letter}{tag}"))
        # docs/deployment.md (c): the exchange root is the instructor's, 0755.
        exchange = run / "exchange"
        exchange.mkdir()
        os.chown(exchange, instructor.uid, instructor.gid)
        os.chmod(exchange, 0o755)
        config_dir = run / "etc-jupyter"
        config_dir.mkdir()
        (config_dir / "nbgrader_config.py").write_text(
            DEPLOY_CONFIG.read_text() + f'\nc.Exchange.root = "{exchange}"  # the test\'s own\n')
        os.chmod(config_dir, 0o755)
        os.chmod(config_dir / "nbgrader_config.py", 0o644)
        course = instructor.home / COURSE
        (course / "release" / MODULE).mkdir(parents=True)
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("answer = None")]),
                       course / "release" / MODULE / f"{MODULE}.ipynb")
        subprocess.run(["chown", "-R", f"{instructor.uid}:{instructor.gid}", str(course)], check=True)
        os.chmod(course, 0o700)
        yield hubs.Hub(run, exchange, config_dir, "", "", instructor, accounts[1:], course)
    finally:
        hubs._remove_accounts(accounts)
        shutil.rmtree(run, ignore_errors=True)


def nbgrader(hub, user, *args, cwd=None, check=True):
    return hub.run_as(user, [sys.executable, "-m", "nbgrader", *args], cwd=cwd, check=check)


ATTACK = r'''
import json, os, sys
results = {}
def attempt(name, action):
    try:
        action()
        results[name] = "done"
    except OSError as exc:
        results[name] = type(exc).__name__
for name, code in json.loads(sys.argv[1]).items():
    attempt(name, lambda: exec(code))
print(json.dumps(results))
'''


def attack(hub, user, attempts: dict[str, str]) -> dict[str, str]:
    done = hub.run_as(user, [sys.executable, "-c", ATTACK, json.dumps(attempts)])
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_round_trip_and_attacks_as_real_accounts(klass):
    hub = klass
    instructor, (ana, ben, cat) = hub.instructor, hub.students
    root = hub.exchange
    nbgrader(hub, instructor, "release_assignment", MODULE, cwd=hub.course)

    inbound = Path(learnerexchange.inbound(str(root), COURSE))
    outbound = Path(learnerexchange.outbound(str(root), COURSE))
    feedback = Path(learnerexchange.feedback(str(root), COURSE))
    assert oct(inbound.stat().st_mode & 0o7777) == oct(learnerexchange.MODE_INBOUND)
    assert oct(feedback.stat().st_mode & 0o7777) == "0o711"
    assert [r.ok for r in hubcheck.check_learner_exchange(root, COURSE)] == [True]  # workshop doctor --hub

    for learner in (ana, ben, cat):
        nbgrader(hub, learner, "fetch_assignment", MODULE)
        hub.python_as(learner, f"open('{MODULE}/mine.txt', 'w').write('{learner.name}')")
    nbgrader(hub, ana, "submit", MODULE)

    # Ben squats Cat's inbound folder before Cat submits, and files work there in Cat's and Ana's names.
    squat = inbound / cat.name
    forged = {
        "squat": f"os.mkdir({str(squat)!r}, 0o777)",
        "forge_cat": f"os.mkdir({str(squat / (cat.name + '+' + MODULE + '+2026-01-01 00:00:00.000000 UTC+x'))!r})",
        "forge_ana_in_own": f"os.makedirs({str(inbound / ben.name / (ana.name + '+' + MODULE + '+2026-01-01 00:00:00.000000 UTC+x'))!r})",  # noqa: E501
    }
    nbgrader(hub, ben, "submit", MODULE)
    assert attack(hub, ben, forged) == {name: "done" for name in forged}
    refused = nbgrader(hub, cat, "submit", MODULE, check=False)
    assert refused.returncode != 0 and f"belongs to {ben.name}" in refused.stdout + refused.stderr
    as_ana = nbgrader(hub, ben, "submit", MODULE, f"--student={ana.name}", check=False)
    assert as_ana.returncode != 0 and "only act as yourself" in as_ana.stdout + as_ana.stderr

    a_folder = inbound / ana.name
    a_sub = next(a_folder.iterdir())
    # docs/deployment.md (c): the learner's folder is 2750 in the instructor's group, the submission 0750/0640.
    assert (oct(a_folder.stat().st_mode & 0o7777), a_folder.stat().st_gid) == ("0o2750", instructor.gid)
    assert {oct(p.stat().st_mode & 0o777) for p in a_sub.rglob("*")} == {"0o640"}
    assert {p.stat().st_gid for p in [a_sub, *a_sub.rglob("*")]} == {instructor.gid}
    attempts = {
        "list inbound": f"os.listdir({str(inbound)!r})",
        "list ana's inbound": f"os.listdir({str(a_folder)!r})",
        "read ana's submission": f"open({str(a_sub / 'mine.txt')!r}).read()",
        "write into ana's inbound": f"os.mkdir({str(a_folder / (ana.name + '+' + MODULE + '+2030-01-01 00:00:00.000000 UTC+y'))!r})",  # noqa: E501
        "rename ana's inbound": f"os.rename({str(a_folder)!r}, {str(inbound / 'gone')!r})",
        "remove ana's inbound": f"os.rmdir({str(a_folder)!r})",
        "rename inbound": f"os.rename({str(inbound)!r}, {str(inbound.parent / 'gone')!r})",
        "rename the exercise": f"os.rename({str(outbound / MODULE)!r}, {str(outbound / 'gone')!r})",
        "write into the exercise": f"open({str(outbound / MODULE / 'evil.py')!r}, 'w')",
        "overwrite the exercise": f"open({str(outbound / MODULE / (MODULE + '.ipynb'))!r}, 'w')",
        "replace outbound": f"os.rename({str(outbound)!r}, {str(outbound.parent / 'gone')!r})",
        "make a folder at the root": f"os.mkdir({str(root / 'evil')!r})",
        "list feedback": f"os.listdir({str(feedback)!r})",
    }
    assert attack(hub, ben, attempts) == {name: "PermissionError" for name in attempts}

    collected = nbgrader(hub, instructor, "collect", MODULE, cwd=hub.course)
    log = collected.stdout + collected.stderr
    assert f"made by the account {ben.name}, not by {cat.name}" in log
    assert f"named for {ana.name}" in log
    submitted = hub.course / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == sorted([ana.name, ben.name])
    for learner in (ana, ben):
        assert (submitted / learner.name / MODULE / "mine.txt").read_text() == learner.name

    # Feedback pages (what `workshop feedback graded` writes: the page, the submission's timestamp and secret).
    for learner in (ana, ben):
        page = hub.course / "feedback" / learner.name / MODULE
        page.mkdir(parents=True)
        for name in ("timestamp.txt", "submission_secret.txt"):
            shutil.copy(submitted / learner.name / MODULE / name, page / name)
        (page / f"{MODULE}.html").write_text(f"<p>feedback for {learner.name}</p>")
    subprocess.run(["chown", "-R", f"{instructor.uid}:{instructor.gid}", str(hub.course / "feedback")], check=True)
    nbgrader(hub, instructor, "release_feedback", MODULE, cwd=hub.course)
    listed = nbgrader(hub, ana, "list", "--cached")  # what the Assignments panel shows
    assert "(feedback ready to be fetched)" in listed.stdout + listed.stderr
    a_feedback = feedback / ana.name
    assert oct(a_feedback.stat().st_mode & 0o777) == "0o711"
    assert attack(hub, ben, {"list ana's feedback": f"os.listdir({str(a_feedback)!r})"}) == {
        "list ana's feedback": "PermissionError"}
    for learner in (ana, ben):
        nbgrader(hub, learner, "fetch_feedback", MODULE)
        pages = list((learner.home / MODULE / "feedback").glob(f"*/{MODULE}.html"))
        assert [p.read_text() for p in pages] == [f"<p>feedback for {learner.name}</p>"]
    listed = nbgrader(hub, ana, "list", "--cached")
    assert "(feedback already fetched)" in listed.stdout + listed.stderr


def test_workshop_grade_finds_a_submissions_exchange_copy_in_the_learners_folder(tmp_path):
    """owners.forged (`workshop grade`'s check of who made a submission) looks in inbound/<course>/<learner>/."""
    from workshop_utils.grading import owners
    from workshop_utils.grading.intake import Submission

    stamp = "2026-01-01 00:00:00.000000 UTC"
    collected = tmp_path / "submitted" / "ana" / MODULE
    collected.mkdir(parents=True)
    (collected / "timestamp.txt").write_text(stamp)
    inbound = tmp_path / "exchange" / "inbound" / COURSE
    (inbound / "ana" / f"ana+{MODULE}+{stamp}+x").mkdir(parents=True)
    reason = owners.forged(Submission("ana", MODULE, collected), inbound)
    me = owners._name(os.getuid())
    assert reason is not None and f"by the account {me}" in reason  # made here by this test's account, not ana


def test_where_every_server_is_jovyan_owners_say_nothing(monkeypatch, tmp_path):
    """In a container image (Kubernetes) the plugin and `workshop grade` skip their owner checks: every
    file is jovyan's there, and the mounts keep learners apart (tests/test_pods.py)."""
    from nbgrader.coursedir import CourseDirectory

    from workshop_utils.grading import owners
    from workshop_utils.grading.intake import Submission

    assert learnerexchange.Collect(coursedir=CourseDirectory()).check_owner is (
        learnerexchange.get_osusername() != "jovyan")
    monkeypatch.setattr(learnerexchange, "get_osusername", lambda: "jovyan")
    assert not learnerexchange.Submit(coursedir=CourseDirectory()).owner_is_learner
    assert not learnerexchange.Collect(coursedir=CourseDirectory()).check_owner

    class Jovyan:
        pw_name = "jovyan"

    sub = Submission("ana", MODULE, tmp_path)
    monkeypatch.setattr(owners, "inbound", lambda root: tmp_path)
    monkeypatch.setattr(owners.pwd, "getpwuid", lambda uid: Jovyan())
    assert owners.check(tmp_path, [sub]) == ([sub], [])
