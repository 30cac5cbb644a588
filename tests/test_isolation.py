"""The isolation pieces one by one: what the machine gives, the kernel's jail, the worker's lock-down.

Whatever isolates runs as an ordinary account (``asuser``), as facilitators do: root would pass
checks an ordinary user fails. A grade of one hostile notebook, with ``setpriv`` absent, closes.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from workshop_utils.grading.isolation import host, jail, worker

from . import asuser
from .classroom import check_escape_probe, escape_probe, fill_answers, module_facts, write_submission
from .conftest import ROOT
from .test_classgrade import listener  # noqa: F401 - a fixture: a TCP server the probe must not reach

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="Linux isolation")
MODULE = "01-output-vs-outcome"
ZERO = "0" * 16

STATUS = ("status = dict(l.split(':\\t', 1) for l in open('/proc/self/status').read().splitlines() if ':\\t' in l)\n"
          "print('PRIVILEGES', *(k + '=' + status[k].strip() for k in "
          "('CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs')))\n")
NO_PRIVILEGES = f"PRIVILEGES CapInh={ZERO} CapPrm={ZERO} CapEff={ZERO} CapBnd={ZERO} CapAmb={ZERO} NoNewPrivs=1"


@pytest.fixture
def space():
    folder = asuser.workspace("workshop-isolation-")
    yield folder
    asuser.remove(folder)


def tools(folder: Path, *names: str) -> str:
    """A PATH holding only the named commands (symlinks to the real ones)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).symlink_to(shutil.which(name))
    return str(folder)


def as_account(args: list[str], space: Path, cwd: Path | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(asuser.command(args), cwd=cwd or space, env=asuser.environment(space / "home"),
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def kernel_work(space: Path) -> tuple[Path, Path]:
    """A work folder as a worker lays it out: the notebook's folder, the scratch folders, a gradebook."""
    work = space / "work"
    notebook = work / "autograded" / "someone" / MODULE
    notebook.mkdir(parents=True)
    for name in jail.KERNEL_WRITABLE:
        (work / name).mkdir()
    (work / "gradebook.db").write_text("grades")
    asuser.give(space)
    return work, notebook


# --- what the machine gives: host.protections --------------------------------------------------------------

def test_assess_names_each_missing_protection_with_its_fix():
    everything = {"userns": "", "network": "", "mountns": "", "files": "", "pid": "", "privileges": "", "unshare": ""}
    found = {p.key: p for p in host.assess(everything)}
    assert all(p.available and not p.fix for p in found.values())
    assert host.isolation_possible(list(found.values()), plain_process=True)

    no_userns = {p.key: p for p in host.assess({"userns": "Operation not permitted", "unshare": "no unshare command"})}
    assert no_userns["processes"].available  # always
    for key in ("network", "pid", "files", "privileges"):
        assert not no_userns[key].available
        assert "kernel.unprivileged_userns_clone=1" in no_userns[key].fix
        assert "user.max_user_namespaces" in no_userns[key].fix and "Operation not permitted" in no_userns[key].fix
    assert "install util-linux's unshare" in no_userns["unshare"].fix
    assert not host.isolation_possible(list(no_userns.values()))

    no_mount = {p.key: p for p in host.assess({**everything, "files": "no mount command"})}
    assert [k for k, p in no_mount.items() if not p.available] == ["files"]
    assert "install util-linux's mount" in no_mount["files"].fix
    assert not host.isolation_possible(list(no_mount.values()))

    no_unshare = list(host.assess({**everything, "unshare": "no unshare command"}))
    assert host.isolation_possible(no_unshare) and not host.isolation_possible(no_unshare, plain_process=True)


@linux_only
def test_protections_are_measured_and_missing_commands_are_named(tmp_path):
    """The probe really runs: with no `mount` or `unshare` on PATH, the file system and the
    plain-process path are reported missing with their fixes, and isolation is off."""
    full = {p.key: p for p in host.protections()}
    if not full["network"].available:
        pytest.skip(f"user namespaces are not available here: {full['network'].fix}")
    assert all(p.available for p in full.values()), full
    empty = tmp_path / "empty"
    empty.mkdir()
    bare = {p.key: p for p in host.protections(path=str(empty))}
    assert not bare["files"].available and "install util-linux's mount" in bare["files"].fix
    assert not bare["unshare"].available and "install util-linux's unshare" in bare["unshare"].fix
    assert all(bare[k].available for k in ("processes", "network", "pid", "privileges"))
    line = host.describe(list(bare.values()), isolated=False)
    assert line.startswith("processes and limits only") and "install util-linux's mount" in line
    assert "read-only file system" in line and "dropped privileges" in line


def test_the_summary_says_what_no_isolation_turns_off():
    isolated, found = host.plan(False, plain_process=False)
    assert not isolated
    assert [p.key for p in found if p.available] == ["processes"]
    line = host.describe(found, isolated)
    assert line == ("processes and limits only: --no-isolation turned off network namespace, PID namespace, "
                    "read-only file system, dropped privileges")


@linux_only
def test_protections_measured_as_an_ordinary_account_agree_with_the_grader(space):
    """As the account, the same probe; doctor's verdict and the list agree."""
    code = ("import json\nfrom workshop_utils.grading.isolation import host\nfrom workshop_utils import doctor\n"
            "print(json.dumps({'found': {p.key: p.available for p in host.protections()},"
            " 'possible': host.namespaces_available(), 'doctor': doctor.check_grading_isolation().detail}))")
    done = as_account([sys.executable, "-c", code], space)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["found"]["processes"]
    expected = all(v for k, v in report["found"].items() if k != "unshare")
    assert report["possible"] == expected
    assert ("can isolate each submission" in report["doctor"]) == expected
    assert report["doctor"].count("\n") == len(report["found"])  # one line per protection


# --- the kernel's jail ---------------------------------------------------------------------------------------

def test_the_cold_kernel_jails_itself_without_setpriv(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no setpriv, no unshare
    argv = json.loads((worker.write_kernelspec(tmp_path, isolated=True) / "kernel.json").read_text())["argv"]
    assert argv[:5] == [sys.executable, "-m", "workshop_utils.grading.isolation.jail", "kernel", str(tmp_path)]
    assert argv[5:] == [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    plain = json.loads((worker.write_kernelspec(tmp_path, isolated=False) / "kernel.json").read_text())["argv"]
    assert plain == argv[5:]


KERNEL = "import os, pathlib, sys\nwork = pathlib.Path(sys.argv[1])\n" + STATUS + textwrap.dedent("""
    for target in (work / 'gradebook.db', pathlib.Path.cwd() / 'answer.txt', work / 'tmp' / 'scratch'):
        try:
            target.write_text('x')
            print('WRITABLE', target.name)
        except OSError:
            print('READONLY', target.name)
    print('STUDENT CODE RAN')
""")


@linux_only
def test_a_jailed_kernel_command_has_no_privileges_and_a_read_only_work_folder(space):
    """`jail kernel` in a user namespace (as the worker runs it), with only `mount` on PATH: the
    command it execs has no capabilities left, no_new_privs, and only its folders writable."""
    work, notebook = kernel_work(space)
    path = tools(space / "tools", "mount")
    done = as_account(["unshare", "--user", "--map-root-user", "env", f"PATH={path}", sys.executable, "-m",
                       "workshop_utils.grading.isolation.jail", "kernel", str(work),
                       sys.executable, "-c", KERNEL, str(work)], space, cwd=notebook)
    assert done.returncode == 0, done.stderr
    assert NO_PRIVILEGES in done.stdout, done.stdout
    assert "READONLY gradebook.db" in done.stdout and "WRITABLE answer.txt" in done.stdout
    assert "WRITABLE scratch" in done.stdout
    assert (work / "gradebook.db").read_text() == "grades"


@linux_only
@pytest.mark.parametrize("how", ["no user namespace", "no mount command"])
def test_the_jail_refuses_to_start_a_kernel_it_cannot_jail(space, how):
    work, notebook = kernel_work(space)
    jailed = [sys.executable, "-m", "workshop_utils.grading.isolation.jail", "kernel", str(work),
              sys.executable, "-c", KERNEL, str(work)]
    if how == "no mount command":
        jailed = ["unshare", "--user", "--map-root-user", "env", f"PATH={space / 'nothing'}", *jailed]
    done = as_account(jailed, space, cwd=notebook)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "STUDENT CODE RAN" not in done.stdout and "PRIVILEGES" not in done.stdout
    assert "refused to run unjailed" in done.stderr
    reason = (work / jail.FAILED).read_text()
    assert reason.startswith("the grading kernel refused to run unjailed: ")
    assert ("mount namespace" if how == "no user namespace" else "util-linux's mount") in reason, reason


@linux_only
def test_drop_privileges_leaves_zero_capabilities(space):
    code = "from workshop_utils.grading.isolation import jail\n"
    before = as_account(["unshare", "--user", "--map-root-user", sys.executable, "-c", code + STATUS], space)
    assert before.returncode == 0, before.stderr
    assert f"CapEff={ZERO}" not in before.stdout  # root of its user namespace: every capability, until dropped
    after = as_account(["unshare", "--user", "--map-root-user", sys.executable, "-c",
                        code + "jail.drop_privileges()\n" + STATUS], space)
    assert after.returncode == 0, after.stderr
    assert NO_PRIVILEGES in after.stdout, after.stdout
    # Without a namespace to be root in, there is nothing to drop with: it says so instead of pretending.
    plain = as_account([sys.executable, "-c", code + "jail.drop_privileges()\n"], space)
    assert plain.returncode != 0 and "securebits" in plain.stderr


# --- the worker ------------------------------------------------------------------------------------------------

LOCK_DOWN = textwrap.dedent("""
    import os, pathlib, sys
    from workshop_utils.grading.isolation import worker
    work = pathlib.Path(sys.argv[1])
    print('PROBLEM', repr(worker.lock_down(work)))
    for target in (work / 'inside', work.parent / 'beside', pathlib.Path('/dev/shm/shared'), pathlib.Path('/etc/x')):
        try:
            target.write_text('x')
            print('WRITABLE', target.name)
        except OSError:
            print('READONLY', target.name)
""")


@linux_only
def test_lock_down_leaves_only_the_work_folder_writable(space):
    work = space / "work"
    work.mkdir()
    asuser.give(space)
    done = as_account(["unshare", "--user", "--map-root-user", "--mount", sys.executable, "-c", LOCK_DOWN, str(work)],
                      space)
    assert done.returncode == 0, done.stderr
    assert "PROBLEM ''" in done.stdout, done.stdout
    assert "WRITABLE inside" in done.stdout and "READONLY beside" in done.stdout
    assert "READONLY x" in done.stdout and "WRITABLE shared" in done.stdout  # a private /dev/shm
    assert not (space / "beside").exists() and (work / "inside").exists()


@linux_only
def test_lock_down_without_mount_refuses(space):
    work = space / "work"
    work.mkdir()
    asuser.give(space)
    done = as_account(["unshare", "--user", "--map-root-user", "--mount", "env", f"PATH={space / 'nothing'}",
                       sys.executable, "-c", LOCK_DOWN, str(work)], space)
    assert done.returncode == 0, done.stderr
    assert "PROBLEM ''" not in done.stdout and "util-linux's mount" in done.stdout, done.stdout


def test_worker_command_runs_the_worker_under_unshare_when_isolated(space):
    args = ["--work", "W", "--module", "M", "--student", "S"]
    plain = host.worker_command(args, isolate=False)
    assert plain == [sys.executable, "-m", "workshop_utils.grading.isolation.worker", *args]
    isolated = host.worker_command(args, isolate=True)
    assert isolated == [*host.UNSHARE, *plain]
    if sys.platform != "linux" or not host.isolation_possible(host.protections(), plain_process=True):
        pytest.skip("the unshare command cannot isolate here")
    probe = "import os\nprint('PID', os.getpid())\n" + STATUS
    inside = as_account([*host.UNSHARE, sys.executable, "-c", probe], space)
    assert inside.returncode == 0, inside.stderr
    assert "PID 1\n" in inside.stdout  # process 1 of its own PID namespace
    helped = as_account(host.worker_command(["--help"], isolate=True), space)
    assert helped.returncode == 0 and "Grade one submission" in helped.stdout, helped.stderr


DIES = textwrap.dedent("""
    import os, sys, time
    from workshop_utils.grading.isolation.linux import die_with_parent
    ready, told = os.pipe()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        if sys.argv[1] == 'yes':
            die_with_parent()
        os.write(told, b'x')
        time.sleep(120)
        os._exit(0)
    os.read(ready, 1)
    print(pid, flush=True)
""")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in state


@linux_only
def test_die_with_parent_ends_the_child_with_its_parent():
    pids = {}
    for choice in ("yes", "no"):
        done = subprocess.run([sys.executable, "-c", DIES, choice], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        pids[choice] = int(done.stdout.strip())
    try:
        deadline = time.monotonic() + 15
        while _alive(pids["yes"]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pids["yes"])
        assert _alive(pids["no"])  # the same child without it outlives its parent
    finally:
        for pid in pids.values():
            if _alive(pid):
                os.kill(pid, 9)


# --- end to end: one hostile notebook, no setpriv, each path ------------------------------------------------

@pytest.mark.slow
@linux_only
@pytest.mark.parametrize("fork", ["0", "1"], ids=["plain processes, cold kernel", "fork server, warm kernel"])
def test_a_class_graded_without_setpriv_is_isolated(space, listener, fork):  # noqa: F811
    """As the account, with every command but setpriv: the escape probe finds no capabilities,
    no_new_privs, no network and a read-only gradebook, and the summary says isolated."""
    if not host.isolation_possible(host.protections(), plain_process=fork == "0"):
        pytest.skip("isolation is not available here")
    import nbformat

    answers, points = module_facts(MODULE)
    first = next(iter(answers))
    subs = space / "subs"
    write_submission(ROOT / "exercises" / MODULE, subs / "escape" / MODULE, MODULE,
                     lambda nb: fill_answers(nb, {**answers, first: escape_probe(listener) + answers[first]}))
    # Every command of the system but setpriv, the environment's own first.
    commands = space / "commands"
    commands.mkdir()
    for folder in ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"):
        for entry in Path(folder).iterdir() if Path(folder).is_dir() else []:
            if entry.name != "setpriv" and not os.path.lexists(commands / entry.name):
                (commands / entry.name).symlink_to(entry)
    path = f"{Path(sys.executable).parent}{os.pathsep}{commands}"
    assert shutil.which("setpriv", path=path) is None and shutil.which("mount", path=path)
    asuser.give(space)
    out = space / "out"
    done = subprocess.run(
        asuser.command(["env", f"PATH={path}", sys.executable, "-m", "workshop_utils.cli", "grade", str(subs),
                        "--out", str(out), "--jobs", "1", "--wall", "300"]),
        cwd=ROOT, env=asuser.environment(space / "home", {"WORKSHOP_GRADE_FORK": fork}), capture_output=True,
        text=True, timeout=900, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    assert ("isolated: processes and limits, network namespace, PID namespace, read-only file system, "
            "dropped privileges") in done.stdout, done.stdout
    with open(out / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert (rows["escape"]["status"], float(rows["escape"]["score"])) == ("graded", sum(points.values())), rows
    notebook = nbformat.read(out / "autograded" / "escape" / MODULE / f"{MODULE}.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    check_escape_probe(printed, "escape", MODULE)
