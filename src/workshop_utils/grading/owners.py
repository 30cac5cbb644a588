"""Who made each collected submission: the owner of its copy in nbgrader's exchange.

On a hub every participant has an account, and ``nbgrader submit`` writes the submission into the
exchange's ``inbound/`` folder as that account, in a folder named ``<student>+<module>+<timestamp>+<random>``.
Any account can write there, so a participant can make a folder named after someone else; ``nbgrader
collect`` then files it as that person's work (it only logs "cheating attempt?"). The collected copy in
``submitted/<student>/<module>/`` keeps the submission's ``timestamp.txt``, which names the exchange
folder it came from: a submission whose exchange folder, or any file in it, belongs to another account
is not graded but rejected, with the reason.

Submissions that did not come through an exchange (zips, folders from a laptop class) have nothing
to check and pass as they are.
"""

from __future__ import annotations

import glob
import os
import pwd
from pathlib import Path

from workshop_utils.grading.intake import Rejected, Submission

DEFAULT_EXCHANGE = "/usr/local/share/nbgrader/exchange"


def exchange(root: Path | None) -> tuple[Path, str]:
    """(exchange root, course id) from nbgrader's configuration as its commands read it: the system and
    environment config folders, then the course's own nbgrader_config.py (when ``root`` is a course)."""
    config = _config(root)
    return Path(config.Exchange.get("root", DEFAULT_EXCHANGE)), config.CourseDirectory.get("course_id", "")


def per_learner(root: Path | None) -> bool:
    """Does nbgrader collect through the per-learner exchange (workshop_utils.learnerexchange)?"""
    return "learnerexchange" in str(_config(root).ExchangeFactory.get("collect", ""))


def _config(root: Path | None):
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    from workshop_utils.grading import pipeline

    config = Config()
    for folder in reversed(jupyter_config_path()):  # the first folder wins: merge it last
        path = Path(folder) / "nbgrader_config.py"
        if path.is_file():
            try:
                config.merge(PyFileConfigLoader(str(path)).load_config())
            except Exception:  # a broken system config is nbgrader's to report, not the grader's
                continue
    if root is not None:
        config.merge(pipeline.load_config(root))
    return config


def inbound(root: Path) -> Path | None:
    """The course's ``inbound/`` folder in the exchange, if there is one (``inbound/<course>`` with the
    per-learner exchange, where each learner's submissions are in a folder of their own)."""
    folder, course = exchange(root)
    folder = folder / "inbound" / course if per_learner(root) else folder / course / "inbound"
    return folder if course and folder.is_dir() else None


def _name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _owners(folder: Path) -> set[int]:
    """Owners of an exchange folder and of everything in it (links are not followed)."""
    found = {folder.lstat().st_uid}
    for top, dirs, files in os.walk(folder):
        found.update(os.lstat(os.path.join(top, name)).st_uid for name in dirs + files)
    return found


def forged(sub: Submission, exchange: Path) -> str | None:
    """Why ``sub`` is not its student's own work, or None when its exchange copy is theirs (or unknown)."""
    stamp = sub.folder / "timestamp.txt"
    if not stamp.is_file():
        return None
    timestamp = stamp.read_text(encoding="utf-8", errors="replace").strip()
    pattern = f"{glob.escape(sub.student)}+{glob.escape(sub.module)}+{glob.escape(timestamp)}+*"
    places = (exchange / pattern, exchange / glob.escape(sub.student) / pattern)  # nbgrader's, the per-learner one
    copies = [Path(p) for place in places for p in glob.glob(str(place))]
    if not copies:
        return None
    owners = set().union(*(_owners(copy) for copy in copies))
    strangers = sorted(_name(uid) for uid in owners if _name(uid) != sub.student)
    if not strangers:
        return None
    return (f"submitted in {sub.student}'s name by the account {', '.join(strangers)} (the owner of "
            f"{copies[0]}): not graded. Delete that folder (as root), delete submitted/{sub.student}/{sub.module}, "
            f"run `nbgrader collect {sub.module}` again (ask {sub.student} to submit again if they had not) and "
            "grade again")


def check(root: Path, found: list[Submission]) -> tuple[list[Submission], list[Rejected]]:
    """Split collected submissions into those made by their own student's account and rejected ones."""
    exchange = inbound(root)
    if exchange is None or pwd.getpwuid(os.getuid()).pw_name == "jovyan":
        # In a container image (Kubernetes) every server is jovyan: an owner says nothing there, and each
        # learner's pod mounts only its own inbound folder (deploy/values.yaml).
        return found, []
    kept, rejected = [], []
    for sub in found:
        reason = forged(sub, exchange)
        if reason is None:
            kept.append(sub)
        else:
            rejected.append(Rejected(sub.student, sub.module, reason))
    return kept, rejected
