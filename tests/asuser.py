"""Run facilitator commands as an ordinary account, as facilitators do.

CI and the development machines run as root, and root ignores file permissions: nbgrader's
read-only autograded copies, a folder another user owns, a lock held by someone else. A test that
grades, writes or isolates therefore runs the command through :func:`run`: as root, it becomes a
throwaway unprivileged account (created once, no home, no login shell); as anyone else, it runs as
the current user, who is unprivileged already.

Root's own folders are often closed to others (``/root`` is 0700, and a pyenv Python or a clone of
the course may live there). The command then runs in a private mount namespace in which each such
folder is replaced by an empty one holding only what the command needs (the interpreter, the
virtual environment, the course): nothing on the real file system changes permissions.

Folders the account works in come from :func:`workspace` (under the system temporary folder, not
pytest's own, which is private to root) and are handed over with :func:`give`.
"""

from __future__ import annotations

import functools
import os
import pwd
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

ACCOUNT = "workshop-facilitator"
ROOT = Path(__file__).resolve().parents[1]


def as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@functools.cache
def account() -> tuple[int, int] | None:
    """(uid, gid) of the throwaway account when running as root; None when already unprivileged."""
    if not as_root():
        return None
    try:
        entry = pwd.getpwnam(ACCOUNT)
    except KeyError:
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                        "--shell", "/usr/sbin/nologin", ACCOUNT], check=True, capture_output=True)
        entry = pwd.getpwnam(ACCOUNT)
    return entry.pw_uid, entry.pw_gid


def user_name() -> str:
    return ACCOUNT if as_root() else pwd.getpwuid(os.getuid()).pw_name


def workspace(prefix: str = "workshop-asuser-") -> Path:
    """A fresh folder the account owns, where it can reach it (pytest's tmp_path is root's only)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=tempfile.gettempdir()))
    give(folder)
    return folder


def give(path: Path) -> Path:
    """Hand ``path`` (recursively) to the account, as a facilitator owns the folders they grade."""
    ids = account()
    if ids is not None:
        for folder, dirs, files in os.walk(path):
            os.chown(folder, *ids, follow_symlinks=False)
            for name in files + dirs:
                os.chown(os.path.join(folder, name), *ids, follow_symlinks=False)
    return path


def _closed_ancestor(path: Path) -> Path | None:
    """The highest folder above ``path`` that others cannot enter (no o+x), if any."""
    for parent in reversed(path.parents):
        try:
            mode = parent.stat().st_mode
        except OSError:
            return None
        if not mode & stat.S_IXOTH:
            return parent
    return None


def _needed() -> list[Path]:
    """What a command of the course needs to read: the interpreter, the environment, the course."""
    paths = [Path(sys.base_prefix).resolve(), Path(sys.prefix), Path(sys.prefix).resolve(), ROOT,
             *(Path(p) for p in sys.path if p and Path(p).is_dir())]
    return sorted({p for p in paths if p.exists()}, key=lambda p: len(p.parts))


def _exposure_script() -> str:
    """Shell lines that, in a private mount namespace, replace each closed folder by an open one
    holding only the needed paths (bind mounts of the real ones)."""
    blocked: dict[Path, list[Path]] = {}
    for path in _needed():
        closed = _closed_ancestor(path)
        if closed is None:
            continue
        kept = blocked.setdefault(closed, [])
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    lines = ["set -e", 'stage="$(mktemp -d)"']
    n = 0
    for closed, paths in blocked.items():
        staged = []
        for path in paths:
            lines += [f'mkdir "$stage/{n}"', f'mount --bind {shlex.quote(str(path))} "$stage/{n}"']
            staged.append((n, path))
            n += 1
        lines.append(f"mount -t tmpfs -o mode=0755 workshop-asuser {shlex.quote(str(closed))}")
        for i, path in staged:
            lines += [f"mkdir -p {shlex.quote(str(path))}", f'mount --move "$stage/{i}" {shlex.quote(str(path))}']
    lines.append('rmdir "$stage"/* "$stage" 2>/dev/null || true')  # emptied by the moves: leave nothing behind
    return "\n".join(lines)


def prefix() -> list[str]:
    """The words to put before a command to run it as the account ([] when already unprivileged)."""
    ids = account()
    if ids is None:
        return []
    uid, gid = ids
    drop = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--inh-caps=-all"]
    script = _exposure_script()
    if "mount --move" not in script:
        return drop
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script + '\nexec "$@"', "asuser", *drop]


def environment(home: Path, extra: dict | None = None) -> dict:
    """A facilitator's environment: their own home, this environment's commands first on PATH."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST_", "COV_", "JUPYTER_", "IPYTHON")) and key not in ("HOME", "USER", "LOGNAME")}
    home.mkdir(parents=True, exist_ok=True)
    give(home)
    env.update({"HOME": str(home), "USER": user_name(), "LOGNAME": user_name(),
                "PATH": str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "/usr/bin:/bin")})
    env.update(extra or {})
    return env


def command(args: list[str]) -> list[str]:
    """``workshop ARGS`` (or any command), as the account."""
    return [*prefix(), *args]


def workshop(args: list[str]) -> list[str]:
    return command([sys.executable, "-m", "workshop_utils.cli", *args])


def run(args: list[str], home: Path, cwd: Path = ROOT, timeout: float = 900, env: dict | None = None,
        check: bool = False) -> subprocess.CompletedProcess:
    """Run ``workshop ARGS`` as the account; returns the finished process (text output)."""
    done = subprocess.run(workshop(args), cwd=cwd, env=environment(home, env), capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)
    if check and done.returncode != 0:
        raise AssertionError(f"workshop {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def popen(args: list[str], home: Path, cwd: Path = ROOT, env: dict | None = None, **kwargs) -> subprocess.Popen:
    """Start ``workshop ARGS`` as the account in a session of its own (so a test can interrupt it)."""
    return subprocess.Popen(workshop(args), cwd=cwd, env=environment(home, env), stdin=subprocess.DEVNULL,
                            start_new_session=True, **kwargs)


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
