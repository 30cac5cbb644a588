"""A class hub on this machine, as docs/deployment.md (b) sets it up: JupyterHub with
configurable-http-proxy, the default LocalProcessSpawner and PAM, real Linux accounts (an instructor
and three students, new names each run), the course installed in the users' environment, and
nbgrader's exchange. Everything is removed afterwards: servers, proxy, accounts, exchange.

The users' environment is the one the tests run in (``make`` installs it with
``pip install -c constraints.txt -e ".[test]"``, the docs' install command plus the test tools).

Runs as root on Linux with jupyterhub installed and configurable-http-proxy in ``.hub-proxy/``
(``scripts/ensure-hub-proxy.sh``, which ``make test`` runs); anywhere else every test here is skipped
with the reason.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from .. import asuser
from ..conftest import ROOT, copy_course

MODULE = "01-output-vs-outcome"
COURSE_ID = "project-to-product"
COURSE_B = "project-to-product-may"  # a second cohort on the same hub (docs/deployment.md, "Two cohorts")
PROXY = ROOT / ".hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD_LENGTH = 16
MARK = "workshop hub test account"  # the accounts' comment: what a killed run left is removed by the next


def _why_not() -> str | None:
    if not sys.platform.startswith("linux"):
        return "the class hub tests need Linux (real accounts, PAM, LocalProcessSpawner)"
    if os.geteuid() != 0:
        return "the class hub tests need root (they create Linux accounts and run JupyterHub as root)"
    if shutil.which("jupyterhub", path=str(Path(sys.executable).parent)) is None:
        return "jupyterhub is not installed in this environment: pip install -c constraints.txt -e '.[test]'"
    if not PROXY.exists():
        return "configurable-http-proxy is not in .hub-proxy/: run bash scripts/ensure-hub-proxy.sh"
    for tool in ("useradd", "userdel", "chpasswd", "setpriv"):
        if shutil.which(tool) is None:
            return f"{tool} is missing: the class hub tests create real accounts"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _why_not()
    for item in items:
        if "tests/hub/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.hub)
            item.add_marker(pytest.mark.xdist_group("hub"))  # one hub, in one worker (make test: --dist loadgroup)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def in_namespace(args: list[str], umask: str = "022") -> list[str]:
    """``args`` in a private mount namespace where the folders the users' Python needs are reachable.

    On a real hub the users' environment lives where every account can read it (/opt, /usr/local); on
    a machine whose Python is under root's closed home (a pyenv Python in /root), the hub and every
    command run as a user see only what is needed of it (tests/asuser.py)."""
    script = asuser._exposure_script()
    if "mount --move" not in script:
        return ["sh", "-c", f'umask {umask}\nexec "$@"', "workshop-hub", *args]
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c",
            f'umask 022\n{script}\numask {umask}\nexec "$@"', "workshop-hub", *args]


def checkout_path() -> dict:
    """PYTHONPATH, made absolute, when the tests import a checkout's own code (a worktree): the users'
    commands and servers then import the same code."""
    if not os.environ.get("PYTHONPATH"):
        return {}
    return {"PYTHONPATH": os.pathsep.join(str(Path(p).resolve()) for p in os.environ["PYTHONPATH"].split(os.pathsep))}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Account:
    name: str
    password: str
    uid: int = 0
    gid: int = 0
    home: Path = Path("/nonexistent")
    token: str = ""


@dataclass
class Hub:
    run: Path
    exchange: Path
    config_dir: Path
    url: str
    admin_token: str
    instructor: Account
    students: list[Account]
    course: Path
    process: subprocess.Popen | None = None
    started: list[str] = field(default_factory=list)
    # The second cohort: its instructor, its one student and its course folder (course id COURSE_B).
    instructor_b: Account | None = None
    student_d: Account | None = None
    course_b: Path | None = None
    groups: dict[str, str] = field(default_factory=dict)  # course id -> the cohort's group

    # ----- the hub's REST API ------------------------------------------------------------------------
    def request(self, method: str, path: str, token: str, data: dict | None = None, form: dict | None = None,
                timeout: float = 60) -> tuple[int, bytes]:
        body, headers = None, {"Authorization": f"token {token}"}
        if data is not None:
            body, headers["Content-Type"] = json.dumps(data).encode(), "application/json"
        elif form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def api(self, method: str, path: str, token: str | None = None, **kwargs):
        status, body = self.request(method, "/hub/api" + path, token or self.admin_token, **kwargs)
        assert status < 400, (f"{method} {path}: {status} {body[:500]!r}\nThe hub's log ends:\n"
                              + (self.run / "hub.log").read_text(errors="replace")[-3000:])
        return json.loads(body) if body else None

    def user_api(self, user: Account, method: str, path: str, **kwargs):
        """A request to ``user``'s own single-user server, through the proxy, with their own token."""
        status, body = self.request(method, f"/user/{user.name}{path}", user.token, **kwargs)
        assert status < 400, f"{user.name} {method} {path}: {status} {body[:500]!r}"
        return json.loads(body) if body else None

    def start_server(self, user: Account) -> None:
        """Start ``user``'s server, unless one is running or starting already: logging in starts one, and
        JupyterHub answers 500 to a second start while the first is pending."""
        if not self.api("GET", f"/users/{user.name}")["servers"].get(""):
            self.api("POST", f"/users/{user.name}/server", token=user.token)
        self.started.append(user.name)

    def wait_ready(self, users: list[Account], timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        waiting = list(users)
        while waiting:
            waiting = [u for u in waiting
                       if not self.api("GET", f"/users/{u.name}")["servers"].get("", {}).get("ready")]
            if waiting and time.monotonic() > deadline:
                raise AssertionError(f"servers of {[u.name for u in waiting]} not ready in {timeout} s:\n"
                                     + (self.run / "hub.log").read_text()[-3000:])
            time.sleep(0.5)

    def fetch_answer_submit(self, student: Account, edit, course_id: str = COURSE_ID) -> list:
        """``student`` fetches the module through the Assignments panel's API, ``edit``s the notebook, saves it
        through the contents API and submits; returns the assignments the fetch answered with."""
        form = {"course_id": course_id, "assignment_id": MODULE}
        path = f"/api/contents/{MODULE}/{MODULE}.ipynb"
        listed = self.user_api(student, "POST", "/assignments/fetch", form=form)
        assert listed["success"], listed
        nb = nbformat.from_dict(self.user_api(student, "GET", path + "?content=1")["content"])
        edit(nb)
        self.user_api(student, "PUT", path, data={"type": "notebook", "format": "json", "content": nb})
        done = self.user_api(student, "POST", "/assignments/submit", form=form)
        assert not (isinstance(done, dict) and done.get("success") is False), done
        return listed["value"]

    # ----- commands as one account -----------------------------------------------------------------
    def environment(self, user: Account) -> dict:
        env = {"HOME": str(user.home), "USER": user.name, "LOGNAME": user.name, "LANG": "C.UTF-8",
               "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
               "JUPYTER_CONFIG_PATH": self.config_dir_for(user), **checkout_path()}
        return env

    def config_dir_for(self, user: Account) -> str:
        return str(self.config_dir)

    def run_as(self, user: Account, args: list[str], cwd: Path | None = None, timeout: float = 600,
               check: bool = True) -> subprocess.CompletedProcess:
        command = in_namespace(["setpriv", f"--reuid={user.uid}", f"--regid={user.gid}", "--init-groups",
                                "--inh-caps=-all", *args], umask="077")
        done = subprocess.run(command, cwd=cwd or user.home, env=self.environment(user), capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        if check:
            assert done.returncode == 0, f"{user.name}: {' '.join(args)} exited {done.returncode}:\n" \
                                         f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done

    def python_as(self, user: Account, code: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return self.run_as(user, [sys.executable, "-c", code], cwd=cwd, check=False)


HUB_CONFIG = '''# written by tests/hub/conftest.py: docs/deployment.md (b), on 127.0.0.1 with free ports
import sys
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{run}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{run}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = "{run}/proxy.pid"
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = {allowed!r}
c.JupyterHub.services = [{{"name": "workshop-tests", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "workshop-tests", "services": ["workshop-tests"],
                             "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"]}}]
# The course's users' environment and its system-wide nbgrader config (exchange and course id).
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.environment = {{"JUPYTER_CONFIG_PATH": {config_dir!r},
                          "PATH": {bin!r} + ":/usr/local/bin:/usr/bin:/bin", **{checkout!r}}}
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
'''


def formgrader_service(instructor: Account, course: Path, config_dir: Path) -> str:
    """The formgrader as a hub service, with the service, roles and group of deploy/values.yaml (the one
    instructor in its group): on one server a managed service run as the instructor in their course folder,
    where on Kubernetes it is a pod of its own (deploy/formgrader.yaml)."""
    import yaml

    values = yaml.safe_load((ROOT / "deploy" / "values.yaml").read_text())["hub"]
    (name, given), = values["services"].items()
    service = {**{k: v for k, v in given.items() if k != "url"}, "name": name,
               "url": f"http://127.0.0.1:{free_port()}", "user": instructor.name, "cwd": str(course),
               "command": [str(Path(sys.executable).parent / "jupyterhub-singleuser")],
               "environment": {"JUPYTER_CONFIG_PATH": str(config_dir), "HOME": str(instructor.home),
                               "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
                               **checkout_path()}}
    roles = [{"name": key, **role} for key, role in values["loadRoles"].items()]
    groups = {group: {"users": [instructor.name]} for group in values["config"]["JupyterHub"]["load_groups"]}
    return (f"\n# The formgrader service of deploy/values.yaml\nc.JupyterHub.services.append({service!r})\n"
            f"c.JupyterHub.load_roles.extend({roles!r})\nc.JupyterHub.load_groups = {groups!r}\n")


def _add_account(name: str) -> Account:
    password = secrets.token_urlsafe(PASSWORD_LENGTH)
    # docs/deployment.md: home folders closed to everyone else.
    subprocess.run(["useradd", "--create-home", "--key", "HOME_MODE=0700", "--user-group", "--shell", "/bin/bash",
                    "--comment", MARK, name], check=True, capture_output=True)
    subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True, capture_output=True)
    entry = pwd.getpwnam(name)
    return Account(name, password, entry.pw_uid, entry.pw_gid, Path(entry.pw_dir))


def _processes_of(uids: set[int]) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _remove_accounts(accounts: list[Account]) -> None:
    uids = {a.uid for a in accounts if a.uid}
    for _ in range(20):  # the accounts' own leftover processes (servers, kernels), by id
        pids = _processes_of(uids)
        if not pids:
            break
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
    for account in accounts:
        subprocess.run(["userdel", "--remove", account.name], capture_output=True)
    for tag in {a.name[3:] for a in accounts}:  # the cohorts' groups
        for group in (f"wsx{tag}", f"wsy{tag}"):
            subprocess.run(["groupdel", group], capture_output=True)


def _wait_for_hub(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"jupyterhub exited {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/hub/api/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"jupyterhub not ready in {timeout} s:\n{log.read_text()[-4000:]}")


def _live_tags() -> set[str]:
    """The tags of hubs still running on this machine (another xdist worker's, another checkout's): their
    accounts are in use, not left behind."""
    tags = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                command = (entry / "cmdline").read_bytes().decode(errors="replace")
                tags.update(re.findall(r"workshop-hub-([0-9a-f]{6})-", command))
    # A run that has made its folder and accounts but not yet started its hub is live too (minutes old).
    for folder in Path(tempfile.gettempdir()).glob("workshop-hub-*-*"):
        with contextlib.suppress(OSError):
            if time.time() - folder.stat().st_mtime < 900:
                tags.add(folder.name.split("-")[2])
    return tags


def _left_by_a_killed_run() -> list[Account]:
    live = _live_tags()
    return [Account(e.pw_name, "", e.pw_uid, e.pw_gid, Path(e.pw_dir)) for e in pwd.getpwall()
            if e.pw_gecos == MARK and e.pw_name[3:] not in live]


@pytest.fixture(scope="session")
def hub():
    with class_hub() as started:
        yield started


@contextlib.contextmanager
def class_hub(per_learner: bool = False):
    """A hub as docs/deployment.md (b) sets it up; with ``per_learner``, nbgrader's exchange is the per-learner
    plugin (workshop_utils.learnerexchange) configured by deploy/nbgrader_config.py, as docs/deployment.md (c)
    sets it up on one server: the exchange root is the instructor's, 0755."""
    _remove_accounts(_left_by_a_killed_run())
    tag = secrets.token_hex(3)
    run = Path(tempfile.mkdtemp(prefix=f"workshop-hub-{tag}-"))
    os.chmod(run, 0o755)
    accounts: list[Account] = []
    process = None
    try:
        instructor = _add_account(f"wsi{tag}")
        accounts.append(instructor)
        students = []
        for letter in "abc":
            students.append(_add_account(f"ws{letter}{tag}"))
            accounts.append(students[-1])
        instructor_b, student_d = _add_account(f"wsj{tag}"), _add_account(f"wsd{tag}")
        accounts += [instructor_b, student_d]

        exchange = run / "exchange"
        exchange.mkdir()
        config_dir = run / "etc-jupyter"
        config_dir.mkdir()
        groups: dict[str, str] = {}
        if per_learner:
            os.chown(exchange, instructor.uid, instructor.gid)
            os.chmod(exchange, 0o755)
            config = (ROOT / "deploy" / "nbgrader_config.py").read_text() + f'\nc.Exchange.root = "{exchange}"\n'
        else:  # docs/deployment.md (b): the exchange, open to all with the sticky bit ...
            os.chmod(exchange, 0o1777)
            # ... each cohort's group, its people in it, and its course folder in the exchange, closed to the rest.
            groups = {COURSE_ID: f"wsx{tag}", COURSE_B: f"wsy{tag}"}
            for course_id, owner, members in ((COURSE_ID, instructor, [instructor, *students]),
                                              (COURSE_B, instructor_b, [instructor_b, student_d])):
                subprocess.run(["groupadd", groups[course_id]], check=True, capture_output=True)
                for member in members:
                    subprocess.run(["usermod", "-aG", groups[course_id], member.name], check=True,
                                   capture_output=True)
                subprocess.run(["install", "-d", "-o", owner.name, "-g", groups[course_id], "-m", "2750",
                                str(exchange / course_id)], check=True, capture_output=True)
            # ... and the exchange only in the system-wide config (each course folder's own nbgrader_config.py
            # names its course id).
            config = f'c = get_config()  # noqa: F821\nc.Exchange.root = "{exchange}"\n'
        # ... the system-wide nbgrader config every user's server and terminal reads.
        (config_dir / "nbgrader_config.py").write_text(config)
        os.chmod(config_dir, 0o755)
        os.chmod(config_dir / "nbgrader_config.py", 0o644)

        # The instructor's copy of the course, in their home, closed to everyone else.
        course = copy_course(instructor.home / COURSE_ID, modules=[MODULE])
        subprocess.run(["chown", "-R", f"{instructor.uid}:{instructor.gid}", str(course)], check=True)
        os.chmod(course, 0o700)
        # The second cohort's instructor: their own copy, its course id set in its nbgrader_config.py.
        course_b = copy_course(instructor_b.home / COURSE_B, modules=[MODULE])
        course_config = course_b / "nbgrader_config.py"
        course_config.write_text(course_config.read_text().replace(f'course_id = "{COURSE_ID}"',
                                                                   f'course_id = "{COURSE_B}"'))
        assert f'course_id = "{COURSE_B}"' in course_config.read_text()
        subprocess.run(["chown", "-R", f"{instructor_b.uid}:{instructor_b.gid}", str(course_b)], check=True)
        os.chmod(course_b, 0o700)

        port, admin_token = free_port(), secrets.token_hex(32)
        (run / "jupyterhub_config.py").write_text(HUB_CONFIG.format(
            port=port, hub_port=free_port(), proxy_port=free_port(), proxy=str(PROXY), run=run,
            allowed={a.name for a in accounts}, token=admin_token,
            singleuser=str(Path(sys.executable).parent / "jupyterhub-singleuser"),
            config_dir=str(config_dir), bin=str(Path(sys.executable).parent), checkout=checkout_path()))
        if per_learner:
            with open(run / "jupyterhub_config.py", "a") as config_file:
                config_file.write(formgrader_service(instructor, course, config_dir))
        log = run / "hub.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_", "JUPYTER"))}
        env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
        with open(log, "wb") as out:
            process = subprocess.Popen(in_namespace([str(Path(sys.executable).parent / "jupyterhub"), "-f",
                                                     str(run / "jupyterhub_config.py")]), cwd=run, env=env, stdout=out,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        _wait_for_hub(url, process, log)
        hub = Hub(run, exchange, config_dir, url, admin_token, instructor, students, course, process,
                  instructor_b=instructor_b, student_d=student_d, course_b=course_b, groups=groups)
        for account in accounts:  # each person's own token, as they would make on the hub's token page
            account.token = hub.api("POST", f"/users/{account.name}/tokens",
                                    data={"note": "hub tests", "expires_in": 3600})["token"]
        yield hub
    finally:
        if process is not None:
            for name in [a.name for a in accounts]:
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(urllib.request.Request(
                        f"http://127.0.0.1:{port}/hub/api/users/{name}/server", method="DELETE",
                        headers={"Authorization": f"token {admin_token}"}), timeout=30)
            process.send_signal(signal.SIGTERM)  # the hub stops the proxy and the servers it started
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        _remove_accounts(accounts)
        shutil.rmtree(run, ignore_errors=True)
