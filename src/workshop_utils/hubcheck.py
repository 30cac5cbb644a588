"""``workshop doctor --hub``: are the permissions of a class hub the ones docs/deployment.md requires?

On a hub with one account per participant, what keeps people's work apart is file permissions:

* the exchange root is ``1777`` (anyone may create, and the sticky bit stops anyone renaming or
  deleting what another account made, such as the course folder); with the per-learner exchange
  (workshop_utils.learnerexchange) it is the instructor's ``0755`` and ``inbound/<course>`` is ``3733``;
* the course folder in the exchange, its ``outbound/`` and ``feedback/`` folders are writable by the
  instructor alone, and ``inbound/`` cannot be listed by participants; where other courses (cohorts)
  share the exchange, the course folder is open to its own cohort's group only;
* every home folder is closed to others (``0700``, or ``0750`` with a private group), so nobody reads
  another's notebooks, submitted copy or feedback;
* the instructor's course folder (solutions with hidden tests, ``submitted/``, ``graded/``, the
  gradebook) is closed to others.

Each failed check prints the command that fixes it.
"""

from __future__ import annotations

import stat
from pathlib import Path

from workshop_utils.doctor import Result

HOMES = Path("/home")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def check_exchange(root: Path) -> Result:
    if not root.is_dir():
        return Result("exchange", False, f"{root} does not exist",
                      f"sudo mkdir -p {root} && sudo chmod 1777 {root}")
    mode = _mode(root)
    if mode != 0o1777:
        return Result("exchange", False, f"{root} is {mode:04o}: without the sticky bit (1777) any participant can "
                      "rename or delete the course folder in it" if mode & 0o777 == 0o777 else
                      f"{root} is {mode:04o}: participants cannot submit", f"sudo chmod 1777 {root}")
    return Result("exchange", True, f"{root} is 1777 (anyone may submit; nobody removes what others made)")


def check_course_exchange(root: Path, course: str) -> list[Result]:
    folder = root / course
    if not course or not folder.is_dir():
        return [Result("course exchange", True, f"{folder} is not there yet (nbgrader release_assignment makes it)")]
    found = []
    for path, closed, change, why in ((folder, 0o022, "go-w", "rename or replace the released exercises"),
                                      (folder / "outbound", 0o022, "go-w", "change the released exercises"),
                                      (folder / "feedback", 0o066, "go-rw", "list or change other people's feedback"),
                                      (folder / "inbound", 0o044, "go-r", "list other people's submissions")):
        if path.is_dir() and _mode(path) & closed:
            found.append(Result(f"exchange {path.name}", False, f"{path} is {_mode(path):04o}: others can {why}",
                                f"sudo chmod {change} {path}"))
    others = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != course)
    if others and _mode(folder) & 0o005:
        found.append(Result(
            "exchange cohorts", False, f"{folder} is {_mode(folder):04o} beside other courses ({', '.join(others)}): "
            "their participants can fetch this course's exercises and submit into it",
            f"sudo chgrp <this cohort's group> {folder} && sudo chmod 2750 {folder}   (see \"Two cohorts on one hub\" "
            "in docs/deployment.md)"))
    return found or [Result("course exchange", True, f"{folder} and its folders are closed as nbgrader makes them"
                            + (", and to other cohorts" if others else ""))]


def check_learner_exchange(root: Path, course: str) -> list[Result]:
    """The per-learner exchange (workshop_utils.learnerexchange) on a server with an account per person."""
    from workshop_utils import learnerexchange as lx

    if not root.is_dir():
        return [Result("exchange", False, f"{root} does not exist",
                       f"sudo install -d -m 0755 -o <instructor> {root}")]
    found = []
    if _mode(root) & 0o022:
        found.append(Result("exchange", False, f"{root} is {_mode(root):04o}: others can make folders at its top "
                            "(the per-learner exchange keeps it the instructor's, 0755)", f"sudo chmod 0755 {root}"))
    folders = ((Path(lx.outbound(str(root), course)), 0o022, "go-w", "change the released exercises"),
               (Path(lx.inbound(str(root), course)), 0o044, "go-r", "list other people's submissions"),
               (Path(lx.feedback(str(root), course)), 0o066, "go-rw", "list or change other people's feedback"))
    for path, closed, change, why in folders:
        if path.is_dir() and _mode(path) & closed:
            found.append(Result(f"exchange {path.parent.name}", False, f"{path} is {_mode(path):04o}: others can "
                                f"{why}", f"sudo chmod {change} {path}"))
    inbound = folders[1][0]
    if inbound.is_dir() and not _mode(inbound) & stat.S_ISVTX:
        found.append(Result("exchange inbound", False, f"{inbound} has no sticky bit: a learner can rename "
                            "another's folder", f"sudo chmod +t {inbound}"))
    return found or [Result("exchange", True, f"{root} and the course's folders in it are closed as the "
                            "per-learner exchange makes them")]


def check_homes(homes: Path = HOMES) -> Result:
    open_homes = sorted(p for p in homes.iterdir() if p.is_dir() and _mode(p) & 0o007) if homes.is_dir() else []
    if open_homes:
        names = " ".join(str(p) for p in open_homes)
        return Result("homes", False, f"{len(open_homes)} home folder(s) others can read or enter: {names}",
                      f"sudo chmod 0700 {names}   and set HOME_MODE 0700 in /etc/login.defs for new accounts")
    return Result("homes", True, f"every home folder in {homes} is closed to others")


def check_course(course: Path | None) -> Result:
    if course is None:
        return Result("instructor course folder", True, "not run from a course folder: nothing to check")
    # Closed when some folder on the way to it, or the course folder itself, keeps others out.
    for folder in [*reversed(course.parents), course]:
        if not _mode(folder) & stat.S_IXOTH:
            return Result("instructor course folder", True, f"{course} is closed to others (at {folder})")
    return Result("instructor course folder", False, f"{course} (solutions with hidden tests, submitted/, graded/, "
                  "the gradebook) can be reached by every account", f"chmod 0700 {course}")


def run_all(course: Path | None) -> list[Result]:
    from workshop_utils.grading import owners

    exchange, course_id = owners.exchange(course)
    if owners.per_learner(course):
        return [*check_learner_exchange(exchange, course_id), check_homes(), check_course(course)]
    return [check_exchange(exchange), *check_course_exchange(exchange, course_id), check_homes(), check_course(course)]
