"""deploy/values.yaml's exchange mounts, applied as Kubernetes would apply them, without a cluster.

Every "pod" here is a private mount namespace in which everyone is the same user, ``jovyan`` (as in
every Zero to JupyterHub pod), and sees only what deploy/ mounts for it: a learner's pod the exchange
folders of ``singleuser.storage.extraVolumeMounts`` (``{username}`` expanded, read-only where the values
say so) and its own home at ``singleuser.storage.homeMountPath``; the formgrader's pod
(deploy/formgrader.yaml) the whole exchange volume and the course. nbgrader reads deploy/nbgrader_config.py
unchanged, exchange root and all. The init container's work (the learner's two folders, handed to
jovyan) is done as it would do it.

Round trip through those mounts, then the attacks a learner can try when file permissions cannot help
(every pod is the same user): only the mounts keep learners apart. Root on Linux only.
"""

from __future__ import annotations

import json
import os
import pwd
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
import yaml

from . import asuser
from .conftest import ROOT

pytestmark = pytest.mark.slow
DEPLOY = ROOT / "deploy"
MODULE = "mod1"
LEARNERS = ["ana", "ben"]
HOME = "/home/jovyan"


def _why_not() -> str | None:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return "pods are simulated with mount namespaces and a jovyan account: root on Linux only"
    for tool in ("unshare", "setpriv", "useradd", "userdel"):
        if shutil.which(tool) is None:
            return f"{tool} is missing"
    return None


def learner_mounts(name: str) -> list[dict]:
    values = yaml.safe_load((DEPLOY / "values.yaml").read_text())["singleuser"]["storage"]
    text = json.dumps(list(values["extraVolumeMounts"].values())).replace("{username}", name)
    return json.loads(text)


def formgrader_mounts() -> list[dict]:
    documents = yaml.safe_load_all((DEPLOY / "formgrader.yaml").read_text())
    pod = next(d for d in documents if d["kind"] == "Deployment")["spec"]["template"]["spec"]
    return [m for m in pod["containers"][0]["volumeMounts"] if m["name"] == "exchange"]


class Cluster:
    def __init__(self, run: Path, uid: int, gid: int):
        self.run, self.uid, self.gid = run, uid, gid
        self.volume = run / "volume"  # the ReadWriteMany claim nbgrader-exchange
        self.config = run / "config"

    def pod(self, home: Path, mounts: list[dict], args: list[str], user: str, cwd: str = HOME,
            check: bool = True) -> subprocess.CompletedProcess:
        lines = [asuser._exposure_script(), "mount -t tmpfs -o mode=0755 pod /srv",
                 "mount -t tmpfs -o mode=0755 pod /home", f"mkdir -p {HOME}", f"mount --bind {home} {HOME}",
                 "mkdir -p /srv/jupyter-config", f"mount --bind {self.config} /srv/jupyter-config"]
        for mount in mounts:
            source = self.volume / mount.get("subPath", "")
            target = shlex.quote(mount["mountPath"])
            lines += [f"mkdir -p {target}", f"mount --bind {shlex.quote(str(source))} {target}"]
            if mount.get("readOnly"):
                lines.append(f"mount -o remount,bind,ro {target}")
        lines.append(f"cd {shlex.quote(cwd)}")
        env = {"HOME": HOME, "USER": "jovyan", "LANG": "C.UTF-8", "JUPYTERHUB_USER": user,
               "JUPYTER_CONFIG_PATH": "/srv/jupyter-config",
               "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
        if os.environ.get("PYTHONPATH"):
            env["PYTHONPATH"] = os.pathsep.join(str(Path(p).resolve()) for p in os.environ["PYTHONPATH"].split(":"))
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", "\n".join(lines) + '\nexec "$@"',
                   "pod", "setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups",
                   "--inh-caps=-all", *args]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
        if check:
            assert done.returncode == 0, f"{user}: {args} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done

    def learner(self, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self.pod(self.run / "homes" / name, learner_mounts(name), list(args), name, check=check)

    def formgrader(self, *args: str, cwd: str = f"{HOME}/project-to-product") -> subprocess.CompletedProcess:
        return self.pod(self.run / "course", formgrader_mounts(), list(args), "grader-project-to-product", cwd=cwd)


@pytest.fixture(scope="module")
def cluster():
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    made = False
    try:
        entry = pwd.getpwnam("jovyan")
    except KeyError:
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                        "--shell", "/usr/sbin/nologin", "--comment", "workshop pod test", "jovyan"],
                       check=True, capture_output=True)
        entry, made = pwd.getpwnam("jovyan"), True
    run = Path(tempfile.mkdtemp(prefix="workshop-pods-"))  # 0700, root's: no pod can walk into another's files
    try:
        k8s = Cluster(run, entry.pw_uid, entry.pw_gid)
        k8s.volume.mkdir()
        k8s.config.mkdir()
        shutil.copy(DEPLOY / "nbgrader_config.py", k8s.config / "nbgrader_config.py")  # singleuser.extraFiles
        course = run / "course" / "project-to-product"
        (course / "release" / MODULE).mkdir(parents=True)
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("answer = None")]),
                       course / "release" / MODULE / f"{MODULE}.ipynb")
        for name in LEARNERS:
            (run / "homes" / name).mkdir(parents=True)
            for mount in learner_mounts(name):  # the init container: the learner's folders, handed to jovyan
                if not mount["subPath"].startswith("outbound/"):
                    (k8s.volume / mount["subPath"]).mkdir(parents=True, exist_ok=True)
        for path in (k8s.volume, run / "homes", run / "course", k8s.config):
            subprocess.run(["chown", "-R", f"{entry.pw_uid}:{entry.pw_gid}", str(path)], check=True)
        yield k8s
    finally:
        shutil.rmtree(run, ignore_errors=True)
        if made:
            subprocess.run(["userdel", "jovyan"], capture_output=True)


ATTACK = r'''
import json, os, sys
results = {}
for name, code in json.loads(sys.argv[1]).items():
    try:
        exec(code)
        results[name] = "done"
    except OSError as exc:
        results[name] = type(exc).__name__
print(json.dumps(results))
'''


def test_round_trip_and_attacks_through_the_values_mounts(cluster):
    ana, ben = LEARNERS
    nb = [sys.executable, "-m", "nbgrader"]
    cluster.formgrader(*nb, "release_assignment", MODULE)
    for name in LEARNERS:
        cluster.learner(name, *nb, "fetch_assignment", MODULE)
        cluster.learner(name, sys.executable, "-c", f"open('{MODULE}/mine.txt', 'w').write('{name}')")
        cluster.learner(name, *nb, "submit", MODULE)

    root = "/srv/nbgrader/exchange"
    attempts = {
        "see other inbound folders": f"os.listdir('{root}/inbound/project-to-product') == ['{ben}'] or 1 / 0",
        "list ana's inbound": f"os.listdir('{root}/inbound/project-to-product/{ana}')",
        "make ana's inbound": f"os.mkdir('{root}/inbound/project-to-product/{ana}/x')",
        "list ana's feedback": f"os.listdir('{root}/feedback/project-to-product/{ana}')",
        "write the exercise": f"open('{root}/outbound/project-to-product/{MODULE}/evil.py', 'w')",
        "rename the exercise": f"os.rename('{root}/outbound/project-to-product/{MODULE}', '{root}/x')",
        "write own feedback": f"open('{root}/feedback/project-to-product/{ben}/fake.html', 'w')",
        "reach the volume": f"os.listdir({str(cluster.volume)!r})",
    }
    done = cluster.learner(ben, sys.executable, "-c", ATTACK, json.dumps(attempts))
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found.pop("see other inbound folders") == "done"  # only ben's own folder is there to see
    assert {name: verdict != "done" for name, verdict in found.items()} == {name: True for name in found}, found
    # Ben's server claims to be Ana (a terminal can set any variable): nothing reaches Ana's folder.
    anas = cluster.volume / "inbound" / "project-to-product" / ana
    before = sorted(anas.iterdir())
    spoof = cluster.pod(cluster.run / "homes" / ben, learner_mounts(ben), [*nb, "submit", MODULE], ana, check=False)
    assert spoof.returncode != 0 and sorted(anas.iterdir()) == before, spoof.stderr

    cluster.formgrader(*nb, "collect", MODULE)
    course = cluster.run / "course" / "project-to-product"
    for name in LEARNERS:
        assert (course / "submitted" / name / MODULE / "mine.txt").read_text() == name
        page = course / "feedback" / name / MODULE
        page.mkdir(parents=True)
        for stamp in ("timestamp.txt", "submission_secret.txt"):
            shutil.copy(course / "submitted" / name / MODULE / stamp, page / stamp)
        (page / f"{MODULE}.html").write_text(f"<p>for {name}</p>")
    subprocess.run(["chown", "-R", f"{cluster.uid}:{cluster.gid}", str(course / "feedback")], check=True)
    cluster.formgrader(*nb, "release_feedback", MODULE)
    for name in LEARNERS:
        cluster.learner(name, *nb, "fetch_feedback", MODULE)
        pages = list((cluster.run / "homes" / name / MODULE / "feedback").glob(f"*/{MODULE}.html"))
        assert [p.read_text() for p in pages] == [f"<p>for {name}</p>"]
