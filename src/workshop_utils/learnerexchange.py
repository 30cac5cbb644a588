"""An nbgrader exchange in which every learner has folders of their own (nbgrader 0.9, ``ExchangeFactory``).

nbgrader's own exchange keeps a course's folders together (``<root>/<course>/inbound``, where every
learner can write), so on Kubernetes, where every learner's pod is the same user, one learner could
reach another's submissions. This plugin splits the exchange by kind, then by course, then by learner::

    <root>/outbound/<course>/<assignment>/           released exercises: learners read, never write
    <root>/inbound/<course>/<learner>/<learner>+<assignment>+<timestamp>+<random>/   one learner's submissions
    <root>/feedback/<course>/<learner>/<hash>.html    one learner's returned feedback

so a learner's pod can mount ``outbound/<course>`` read-only and only its own
``inbound/<course>/<learner>`` and ``feedback/<course>/<learner>`` (``deploy/values.yaml``), while the
instructor's side (release, collect, release feedback) sees the whole exchange.

On one server with an account per person the same layout is kept apart by permissions (what
``tests/test_learnerexchange.py`` and the hub tests check, as real accounts):

* the exchange root belongs to the instructor, ``0755``: nobody else makes anything at its top;
* ``outbound/<course>`` is ``0755`` and its exercises read-only to others;
* ``inbound/<course>`` is the instructor's, ``3733`` (others may enter and create their own folder,
  not list, rename or remove; new folders take the instructor's group); a learner's submit makes
  ``inbound/<course>/<learner>`` ``2750`` in the instructor's group, its files ``0640``: the
  instructor reads them, other learners cannot even list them;
* ``feedback/<course>`` and ``feedback/<course>/<learner>`` are the instructor's, ``0711``: a learner
  fetches a page whose name only their own submission's secret gives, and nobody can list them.

Collect takes from ``inbound/<course>/<learner>/`` only submissions named after that learner, and, on
a server with an account per person, only from a folder that learner's account owns: a folder made in
someone else's name is skipped with its path in the log. (In a container image every learner is
``jovyan``; there the owner says nothing, and the mounts keep learners apart.)

Configure it in ``nbgrader_config.py`` with :func:`configure` (``deploy/nbgrader_config.py``).
This module is loaded by Jupyter servers (learners' and the instructor's), never by a learner's kernel.
"""

from __future__ import annotations

import base64
import glob
import hashlib
import os
import pwd
import re
import secrets
import shutil
import stat
from collections import defaultdict
from contextlib import contextmanager

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange import default
from nbgrader.utils import check_mode, get_osusername, get_username, ignore_patterns, notebook_hash, parse_utc
from traitlets import Bool
from traitlets import default as default_value

# A learner id that is also a path component and the name KubeSpawner's "safe" slug keeps as it is
# ({username} in deploy/values.yaml): lower-case letters, digits and single hyphens, a letter first,
# at most 48 characters. deploy/values.yaml sets the same pattern as the hub's Authenticator.username_pattern.
LEARNER_ID = r"^(?=.{1,48}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$"

OUTBOUND, INBOUND, FEEDBACK = "outbound", "inbound", "feedback"
MODE_ROOT = 0o755
MODE_OUTBOUND = 0o755
MODE_INBOUND = stat.S_ISGID | stat.S_ISVTX | 0o733
MODE_LEARNER_INBOUND = 0o750  # plus the set-group-id bit inherited from inbound/<course>
MODE_FEEDBACK = 0o711
MODE_SUBMITTED_FILE, MODE_SUBMITTED_DIR = 0o640, 0o750
MODE_FEEDBACK_FILE = 0o644

PLUGINS = {"exchange": "Exchange", "fetch_assignment": "FetchAssignment", "fetch_feedback": "FetchFeedback",
           "release_assignment": "ReleaseAssignment", "release_feedback": "ReleaseFeedback", "list": "List",
           "submit": "Submit", "collect": "Collect"}


def configure(c) -> None:
    """Point nbgrader's ExchangeFactory at this plugin (in an ``nbgrader_config.py``)."""
    for trait, name in PLUGINS.items():
        setattr(c.ExchangeFactory, trait, f"{__name__}.{name}")


def outbound(root: str, course: str) -> str:
    return os.path.join(root, OUTBOUND, course)


def inbound(root: str, course: str, learner: str | None = None) -> str:
    return os.path.join(root, INBOUND, course, *([learner] if learner else []))


def feedback(root: str, course: str, learner: str | None = None) -> str:
    return os.path.join(root, FEEDBACK, course, *([learner] if learner else []))


def valid_learner(name: str) -> bool:
    return re.match(LEARNER_ID, name) is not None


@contextmanager
def _umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _owner(path: str) -> str:
    uid = os.lstat(path).st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _chmod_tree(top: str, file_mode: int, dir_mode: int) -> None:
    for folder, _dirs, files in os.walk(top):
        for name in files:
            os.chmod(os.path.join(folder, name), file_mode)
    for folder, _dirs, _files in sorted(os.walk(top), key=lambda entry: -len(entry[0])):
        os.chmod(folder, dir_mode)


class Exchange(default.Exchange):
    """What every step shares: the layout, the learner's id, and no changes to the root's permissions."""

    owner_is_learner = Bool(
        help="Whether each learner's inbound folder must belong to the learner's own account (one server, "
             "an account per person). Off in a container image where everyone is 'jovyan': there the "
             "mounts keep learners apart.").tag(config=True)

    @default_value("owner_is_learner")
    def _owner_is_learner_default(self):
        return get_osusername() != "jovyan"

    def ensure_root(self):
        # nbgrader's own makes the root 0777; here it is the instructor's (or a mount) and stays as it is.
        if not os.path.isdir(self.root):
            self.fail(f"The exchange {self.root} does not exist: ask your instructor (or the hub's admin) to make it.")

    def course(self) -> str:
        if not self.coursedir.course_id:
            self.fail("No course id specified. Re-run with --course flag.")
        return self.coursedir.course_id

    def learner(self) -> str:
        """The learner this server acts for: the hub user (nbgrader's rule), never anyone else."""
        me = get_username()
        asked = self.coursedir.student_id
        if asked not in ("", "*", me):
            self.fail(f"You can only act as yourself ({me}), not as {asked}.")
        if not valid_learner(me):
            self.fail(f"The user name {me!r} cannot be a learner's folder in the exchange: a learner's name has "
                      "lower-case letters, digits and single hyphens only, a letter first (at most 48 characters).")
        return me

    def ensure_directory(self, path, mode):
        """Make ``path`` with exactly ``mode`` (whatever the umask), or check the instructor owns it."""
        if not os.path.isdir(path):
            with _umask(0):
                os.makedirs(path, mode)
            os.chmod(path, mode)
        elif not self.coursedir.groupshared and _owner(path) != get_osusername() and self.owner_is_learner:
            self.fail(f"{path} belongs to {_owner(path)}, not to you: the exchange's folders must be the "
                      "instructor's. Ask the hub's admin to remove it, then release again.")


class ReleaseAssignment(Exchange, default.ExchangeReleaseAssignment):
    def init_dest(self):
        course = self.course()
        self.ensure_directory(os.path.join(self.root, OUTBOUND), MODE_ROOT)
        self.ensure_directory(os.path.join(self.root, INBOUND), 0o711)
        self.ensure_directory(os.path.join(self.root, FEEDBACK), 0o711)
        self.outbound_path = outbound(self.root, course)
        self.inbound_path = inbound(self.root, course)
        self.ensure_directory(self.outbound_path, MODE_OUTBOUND)
        self.ensure_directory(self.inbound_path, MODE_INBOUND)
        self.ensure_directory(feedback(self.root, course), MODE_FEEDBACK)
        self.dest_path = os.path.join(self.outbound_path, self.coursedir.assignment_id)


class FetchAssignment(Exchange, default.ExchangeFetchAssignment):
    def init_src(self):
        course = self.course()
        if not self.authenticator.has_access(self.coursedir.student_id, course):
            self.fail("You do not have access to this course.")
        self.outbound_path = outbound(self.root, course)
        self.src_path = os.path.join(self.outbound_path, self.coursedir.assignment_id)
        if not os.path.isdir(self.src_path):
            self._assignment_not_found(self.src_path, os.path.join(self.outbound_path, "*"))
        if not check_mode(self.src_path, read=True, execute=True):
            self.fail(f"You don't have read permissions for the directory: {self.src_path}")


class Submit(Exchange, default.ExchangeSubmit):
    def init_dest(self):
        course = self.course()
        learner = self.learner()
        if not self.authenticator.has_access(learner, course):
            self.fail("You do not have access to this course.")
        self.inbound_path = inbound(self.root, course, learner)
        if not os.path.isdir(self.inbound_path):
            if not os.path.isdir(inbound(self.root, course)):
                self.fail(f"Inbound directory doesn't exist: {inbound(self.root, course)}")
            with _umask(0o027):  # 2750: the set-group-id bit and the instructor's group come from inbound/<course>
                os.mkdir(self.inbound_path, MODE_LEARNER_INBOUND)
        elif self.owner_is_learner and _owner(self.inbound_path) != get_osusername():
            self.fail(f"{self.inbound_path} belongs to {_owner(self.inbound_path)}, not to you: someone made it in "
                      "your name. Tell your instructor; nothing was submitted.")
        if not check_mode(self.inbound_path, write=True, execute=True):
            self.fail(f"You don't have write permissions to the directory: {self.inbound_path}")
        if self.owner_is_learner and not self._instructor_reads(self.inbound_path):
            self.fail(f"Your instructor can no longer read {self.inbound_path} (its group or mode was changed): "
                      f"remove it (rm -r '{self.inbound_path}') and submit again.")
        self.cache_path = os.path.join(self.cache, course)
        random = base64.urlsafe_b64encode(os.urandom(9)).decode("ascii")
        self.assignment_filename = f"{learner}+{self.coursedir.assignment_id}+{self.timestamp}+{random}"

    def do_copy(self, src, dest, log=None):
        """nbgrader's copy (size limit, ignored and included files), into a folder that may exist."""
        size = self.get_size(src)
        if size > 1000 * self.coursedir.max_dir_size:
            self.fail(f"The folder is too big to submit: {size} bytes, at most {1000 * self.coursedir.max_dir_size}")
        shutil.copytree(src, dest, dirs_exist_ok=True,
                        ignore=ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include,
                                               max_file_size=self.coursedir.max_file_size, log=self.log))

    @staticmethod
    def _instructor_reads(folder: str) -> bool:
        """Does ``folder`` keep inbound/<course>'s group, with group read and the set-group-id bit?"""
        mine, parent = os.stat(folder), os.stat(os.path.dirname(folder))
        wanted = stat.S_ISGID | 0o050
        return mine.st_gid == parent.st_gid and mine.st_mode & wanted == wanted

    def init_release(self):
        self.release_path = os.path.join(outbound(self.root, self.course()), self.coursedir.assignment_id)
        if not os.path.isdir(self.release_path):
            self.fail(f"Assignment not found: {self.release_path}")
        if not check_mode(self.release_path, read=True, execute=True):
            self.fail(f"You don't have read permissions for the directory: {self.release_path}")

    def copy_files(self):
        self.init_release()
        secret = secrets.token_hex(64)
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        cache = os.path.join(self.cache_path, self.assignment_filename.rsplit("+", 1)[0])
        self.log.info(f"Source: {self.src_path}")
        self.log.info(f"Destination: {dest}")
        self.check_filename_diff()
        with _umask(0o027):
            # Made here first, so it and everything in it takes inbound/<course>'s group (the instructor's)
            # before copying sets the folder's own mode (which, by a learner outside that group, drops set-group-id).
            os.mkdir(dest, MODE_SUBMITTED_DIR)
            for name, text in (("timestamp.txt", self.timestamp), ("submission_secret.txt", secret)):
                with open(os.path.join(dest, name), "w") as fh:
                    fh.write(text)
            self.do_copy(self.src_path, dest)
        _chmod_tree(dest, MODE_SUBMITTED_FILE, MODE_SUBMITTED_DIR)
        os.makedirs(self.cache_path, exist_ok=True)
        self.do_copy(self.src_path, cache)
        for name, text in (("timestamp.txt", self.timestamp), ("submission_secret.txt", secret)):
            with open(os.path.join(cache, name), "w") as fh:
                fh.write(text)
        self.log.info(f"Submitted as: {self.coursedir.course_id} {self.coursedir.assignment_id} {self.timestamp}")


class Collect(Exchange, default.ExchangeCollect):
    @default_value("check_owner")
    def _check_owner_default(self):  # nbgrader's own "cheating attempt?" warning means nothing where all are jovyan
        return self.owner_is_learner

    def _learners(self) -> list[str]:
        asked = self.coursedir.student_id
        if asked and asked != "*":
            return [asked]
        return sorted(os.listdir(self.inbound_path))

    def _records_of(self, learner: str) -> list[dict]:
        folder = os.path.join(self.inbound_path, learner)
        if not valid_learner(learner) or not os.path.isdir(folder) or os.path.islink(folder):
            self.log.error("Skipped %s: not a learner's folder", folder)
            return []
        if self.owner_is_learner and _owner(folder) != learner:
            self.log.error("Skipped %s: made by the account %s, not by %s (cheating attempt?). Remove it as root "
                           "and ask %s to submit again.", folder, _owner(folder), learner, learner)
            return []
        try:
            names = os.listdir(folder)
        except OSError as exc:
            self.log.error("Skipped %s: %s", folder, exc)
            return []
        records = []
        for name in names:
            parts = name.rsplit("+", 3)
            if len(parts) != 4 or parts[0] != learner or parts[1] != self.coursedir.assignment_id:
                if len(parts) == 4 and parts[1] == self.coursedir.assignment_id:
                    self.log.error("Skipped %s: in %s's folder but named for %s", os.path.join(folder, name),
                                   learner, parts[0])
                continue
            records.append({"username": learner, "filename": os.path.join(learner, name),
                            "timestamp": parse_utc(parts[2])})
        return records

    def init_src(self):
        course = self.course()
        self.inbound_path = inbound(self.root, course)
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        if not check_mode(self.inbound_path, read=True, execute=True):
            self.fail(f"You don't have read permissions for the directory: {self.inbound_path}")
        groups = defaultdict(list)
        for learner in self._learners():
            for record in self._records_of(learner):
                groups[learner].append(record)
        with Gradebook(self.coursedir.db_url, course) as gb:
            try:
                self.duedate = gb.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        self.src_records = []
        for records in groups.values():
            records = self._sort_by_timestamp(records)
            if self.duedate is not None and self.before_duedate:
                before = [r for r in records if r["timestamp"] <= self.duedate]
                records = before or records
            self.src_records.append(records[0])


class ReleaseFeedback(Exchange, default.ExchangeReleaseFeedback):
    def init_dest(self):
        self.course_path = feedback(self.root, self.course())
        self.ensure_directory(self.course_path, MODE_FEEDBACK)

    def copy_files(self):
        exclude = set(self.coursedir.student_id_exclude.split(",")) if self.coursedir.student_id_exclude else set()
        pattern = re.escape(os.path.sep).join([
            self.coursedir.format_path(self.coursedir.feedback_directory, "(?P<student_id>.*)",
                                       self.coursedir.assignment_id, escape=True),
            "(?P<notebook_id>.*).html"])
        for html_file in glob.glob(os.path.join(self.src_path, "*.html")):
            match = re.match(pattern, html_file)
            if match is None:
                self.log.error("Could not match '%s' with regexp '%s'", html_file, pattern)
                continue
            learner, notebook_id = match.group("student_id"), match.group("notebook_id")
            if learner in exclude:
                continue
            if not valid_learner(learner):
                self.log.error("Skipped feedback for %r: not a learner's name", learner)
                continue
            folder = os.path.dirname(html_file)
            with open(os.path.join(folder, "submission_secret.txt")) as fh:
                checksum = notebook_hash(secret=fh.read(), notebook_id=notebook_id)
            dest = feedback(self.root, self.coursedir.course_id, learner)
            self.ensure_directory(dest, MODE_FEEDBACK)
            self.log.info("Releasing feedback for student '%s' on assignment '%s/%s/%s'", learner,
                          self.coursedir.course_id, self.coursedir.assignment_id, notebook_id)
            temporary = os.path.join(dest, f"{checksum}-tmp.html")
            shutil.copy(html_file, temporary)
            os.chmod(temporary, MODE_FEEDBACK_FILE)
            shutil.move(temporary, os.path.join(dest, f"{checksum}.html"))


class FetchFeedback(Exchange, default.ExchangeFetchFeedback):
    def init_src(self):
        course = self.course()
        learner = self.learner()
        self.src_path = feedback(self.root, course, learner)
        self.cache_path = os.path.join(self.cache, course)
        if not os.path.isdir(self.src_path):
            self.fail(f"No feedback has been returned to you yet ({self.src_path} does not exist).")
        assignment = self.coursedir.assignment_id or "*"
        self.feedback_files = []
        for submission in sorted(glob.glob(os.path.join(self.cache_path, f"*+{assignment}+*"))):
            _student, _assignment, timestamp = os.path.basename(submission).split("+")
            secret_file = os.path.join(submission, "submission_secret.txt")
            if not os.path.isfile(secret_file):
                continue
            with open(secret_file) as fh:
                secret = fh.read()
            for notebook in glob.glob(os.path.join(submission, "*.ipynb")):
                notebook_id = os.path.splitext(os.path.basename(notebook))[0]
                path = os.path.join(self.src_path, f"{notebook_hash(secret=secret, notebook_id=notebook_id)}.html")
                if os.path.exists(path):
                    self.feedback_files.append((notebook_id, timestamp, path))
                    self.log.info("Found feedback for '%s/%s/%s' submitted at %s", course, _assignment,
                                  notebook_id, timestamp)


def _checksum(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.md5(fh.read()).hexdigest()


class List(Exchange, default.ExchangeList):
    def init_dest(self):
        course = self.coursedir.course_id or "*"
        assignment = self.coursedir.assignment_id or "*"
        student = self.coursedir.student_id or "*"
        if self.inbound:
            pattern = os.path.join(inbound(self.root, course, student), f"{student}+{assignment}+*")
        elif self.cached:
            pattern = os.path.join(self.cache, course, f"{student}+{assignment}+*")
        else:
            pattern = os.path.join(outbound(self.root, course), assignment)
        self.assignments = sorted(glob.glob(pattern))

    def parse_assignment(self, assignment):
        if self.inbound:
            regexp = (r".*/inbound/(?P<course_id>[^/]*)/[^/]*/(?P<student_id>[^+]*)\+(?P<assignment_id>[^+]*)"
                      r"\+(?P<timestamp>[^+]*)(?P<random_string>\+.*)?")
        elif self.cached:
            regexp = r".*/(?P<course_id>.*)/(?P<student_id>.*)\+(?P<assignment_id>.*)\+(?P<timestamp>.*)"
        else:
            regexp = r".*/outbound/(?P<course_id>[^/]*)/(?P<assignment_id>.*)"
        match = re.match(regexp, assignment)
        if match is None:
            raise RuntimeError(f"Could not match '{assignment}' with regexp '{regexp}'")
        return match.groupdict()

    def parse_assignments(self):
        """nbgrader's listing, with "feedback ready" looked up in the learner's own feedback folder."""
        assignments = super().parse_assignments()
        if not (self.inbound or self.cached):
            return assignments
        for assignment in assignments:
            for info in assignment["submissions"]:
                self._feedback_state(info)
        return assignments

    def _feedback_state(self, info: dict) -> None:
        secret_file = os.path.join(info["path"], "submission_secret.txt")
        secret = None
        if os.path.isfile(secret_file):
            with open(secret_file) as fh:
                secret = fh.read()
        for nb in info["notebooks"]:
            path = None
            if secret is not None:
                path = os.path.join(feedback(self.root, info["course_id"], info["student_id"]),
                                    f"{notebook_hash(secret=secret, notebook_id=nb['notebook_id'])}.html")
            nb["has_exchange_feedback"] = bool(path) and os.path.isfile(path)
            nb["feedback_updated"] = (nb["has_local_feedback"] and nb["has_exchange_feedback"]
                                      and _checksum(path) != _checksum(nb["local_feedback_path"]))
        notebooks = info["notebooks"]
        info["has_exchange_feedback"] = bool(notebooks) and all(nb["has_exchange_feedback"] for nb in notebooks)
        info["feedback_updated"] = any(nb["feedback_updated"] for nb in notebooks)
