"""One grader per output folder.

Two ``workshop grade`` runs on the same ``--out`` folder would overwrite each other's work folders
and gradebook (rows end ``crashed``, or a template gradebook vanishes under the other run), so the
second run is refused at once. The lock is an ``flock`` on ``DIR/.grading.lock``: the kernel
releases it when the process ends, however it ends (even ``kill -9``), so a crashed run never
leaves the folder locked. Where ``fcntl`` is missing, the lock file holds the process id instead,
and a lock whose process is gone is taken over.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from workshop_utils.errors import WorkshopError

LOCK_NAME = ".grading.lock"


def _refuse(out: Path) -> WorkshopError:
    return WorkshopError(f"Another `workshop grade` is already grading into {out}. Wait for it to finish (or stop "
                         "it), then run this command again; or give this run another --out folder.")


@contextlib.contextmanager
def holding(out: Path) -> Iterator[None]:
    """Hold the output folder's lock for the duration of the block, or refuse at once.

    ``out`` must exist: the grader makes it, private to the facilitator (``classgrade.keep_private``).
    """
    path = out / LOCK_NAME
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not Linux or macOS
        with _pid_lock(path, out):
            yield
        return
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _refuse(out) from None
        with contextlib.suppress(OSError):  # the pid is for a person wondering who holds it; a full disk may refuse it
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _alive(pid: int) -> bool:  # pragma: no cover - the fallback
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextlib.contextmanager
def _pid_lock(path: Path, out: Path) -> Iterator[None]:  # pragma: no cover - systems without fcntl
    for _ in range(2):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            try:
                pid = int(path.read_text(encoding="utf-8").strip() or 0)
            except (OSError, ValueError):
                pid = 0
            if pid and _alive(pid):
                raise _refuse(out) from None
            with contextlib.suppress(FileNotFoundError):
                path.unlink()  # left by a run that crashed
    else:
        raise _refuse(out)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
