"""Find the submissions to grade in whatever shape participants handed them in.

Layouts accepted for ``workshop grade SUBMISSIONS``, one entry per participant:

* ``SUBMISSIONS/<student_id>/<module>/<module>.ipynb`` (what ``nbgrader collect`` produces);
* ``SUBMISSIONS/<student_id>/<module>.ipynb``: the module folder's contents copied (or unzipped)
  instead of the folder; the module is read from the notebook's name and the files beside it
  (its ``answers/`` folder above all) belong to it;
* either of the above inside one wrapper folder (``SUBMISSIONS/<student_id>/my-work/...``);
* ``SUBMISSIONS/<student_id>.zip`` holding one or more module folders, possibly inside one wrapper
  folder, or the notebook files themselves (the module is then read from the notebook's name).

No participant is ever dropped silently: every other entry (a stray file, an empty folder, an
unknown module folder, a notebook with the wrong name, a hostile or broken zip, a 200 MB notebook,
even an unexpected error while reading one) becomes a :class:`Rejected` row saying why and what to
do, and the rest of the class is graded. Only bookkeeping that is never a hand-in is skipped
without a word (see :func:`ignored`).

Zip files are checked before anything is extracted: the entry count and the size of the central
directory are read from the zip's end record (a million tiny files is refused at once, before
``zipfile`` would build a million entries in memory); no absolute paths or ``..``, no links, no
file and folder of the same name, and caps on size, so a hostile archive cannot write outside the
intake folder or fill the disk. Participant folders get the same caps and the same refusal of links
(a link would make the grader copy in whatever file it points at).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import stat
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workshop_utils.errors import WorkshopError

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MAX_ZIP_BYTES = 200 * 1024 * 1024  # unpacked, per participant (a zip or a module folder)
MAX_ZIP_FILES = 2000
MAX_NOTEBOOK_BYTES = 50_000_000  # a course notebook is well under 1 MB, with outputs a few MB
MAX_CENTRAL_DIRECTORY = MAX_ZIP_FILES * 1024  # bytes: a generous 1 KB per entry
SKIP = {"__MACOSX", ".ipynb_checkpoints", "__pycache__"}
OTHER_ARCHIVES = (".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar")
UNPACK_AGAIN = "zip it again with the computer's own 'Compress' (or 'Send to > Compressed folder')"


@dataclass(frozen=True)
class Submission:
    student: str
    module: str
    folder: Path


@dataclass(frozen=True)
class Rejected:
    student: str
    module: str  # "?" when intake cannot tell which module the entry was meant for
    reason: str


class Refused(WorkshopError):
    """An entry intake will not grade; the message says why and what to do."""

    def __init__(self, reason: str, module: str = "?"):
        super().__init__(reason)
        self.module = module


def ignored(path: Path | str) -> bool:
    """Entries skipped without a row: hidden ones (``.DS_Store``, ``._name`` copies, ``.ipynb_checkpoints``,
    editor and git files) and ``__MACOSX`` (the resource-fork folder macOS adds to every zip it makes) or
    ``__pycache__``. They are the operating system's or a tool's bookkeeping, never a participant's hand-in
    (nbgrader skips them as well), and a row for each would bury the rows a facilitator must act on."""
    name = path if isinstance(path, str) else path.name
    return name.startswith(".") or name in SKIP


# ----- zip files -------------------------------------------------------------------------------------

def _end_record(zip_path: Path) -> tuple[int, int]:
    """(entry count, central directory size in bytes) as the zip's end record announces them.

    Read directly from the last bytes of the file, so that checking a zip of a million entries costs
    a few kilobytes of reading instead of ``zipfile`` parsing (and keeping in memory) every entry."""
    with open(zip_path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        tail_size = min(size, 22 + 0xFFFF + 20)  # end record, longest comment, zip64 locator
        handle.seek(size - tail_size)
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            raise Refused("not a readable zip file (no end of archive found): " + UNPACK_AGAIN)
        count, directory_size = struct.unpack("<HL", tail[at + 10:at + 16])
        locator = tail[at - 20:at] if at >= 20 else b""
        if locator[:4] == b"PK\x06\x07":  # zip64: the true figures are in the zip64 end record
            handle.seek(struct.unpack("<Q", locator[8:16])[0])
            record = handle.read(56)
            if record[:4] == b"PK\x06\x06":
                count, directory_size = struct.unpack("<QQ", record[32:48])
    return count, directory_size


def _check_entry_count(zip_path: Path) -> None:
    count, directory_size = _end_record(zip_path)
    if count > MAX_ZIP_FILES or directory_size > MAX_CENTRAL_DIRECTORY:
        raise Refused(f"the zip file holds too many files ({count}; at most {MAX_ZIP_FILES}): zip only the "
                      "module folder (the notebook and its answers folder)")


def _module_of(parts: tuple[str, ...], modules: set[str]) -> str:
    """The module a path inside a hand-in belongs to, from a folder or notebook name; "?" if none."""
    for part in parts:
        if part in modules:
            return part
    name = parts[-1] if parts else ""
    return name[:-6] if name.endswith(".ipynb") and name[:-6] in modules else "?"


def _too_big(name: str, size: int, module: str) -> Refused:
    return Refused(f"{name} is {size / 1e6:.0f} MB, more than the {MAX_NOTEBOOK_BYTES / 1e6:.0f} MB a notebook "
                   "may be: clear its outputs (Edit > Clear Outputs of All Cells), save, and hand it in again",
                   module)


def _check_member(info: zipfile.ZipInfo, modules: set[str]) -> None:
    path = PurePosixPath(info.filename)
    if info.filename.startswith(("/", "\\")) or ".." in path.parts or ":" in info.filename:
        raise Refused(f"unsafe path {info.filename!r} in the zip file (absolute or leading outside it): "
                      + UNPACK_AGAIN)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise Refused(f"the zip file holds a link ({info.filename}), which is not allowed: zip the files "
                      "themselves")
    if info.flag_bits & 0x1:
        raise Refused(f"the zip file is protected by a password ({info.filename}): zip it again without one")
    if info.filename.endswith(".ipynb") and info.file_size > MAX_NOTEBOOK_BYTES:
        raise _too_big(path.name, info.file_size, _module_of(path.parts, modules))


def _check_file_folder_clash(files: list[PurePosixPath], folders: set[PurePosixPath]) -> None:
    """A file and a folder of the same name cannot both be extracted (one would have to replace the other)."""
    folders = folders | {parent for path in files for parent in path.parents if parent != PurePosixPath(".")}
    clash = sorted(str(path) for path in files if path in folders)
    if clash:
        raise Refused(f"the zip file holds both a file and a folder named {clash[0]}: rename one of them and "
                      "zip it again")


def _safe_members(archive: zipfile.ZipFile, modules: set[str] | None = None) -> list[zipfile.ZipInfo]:
    """The entries worth extracting, after refusing every unsafe or oversized one."""
    members, folders, total = [], set(), 0
    for info in archive.infolist():
        _check_member(info, modules or set())
        path = PurePosixPath(info.filename)
        if info.is_dir():
            folders.add(path)
            continue
        if any(ignored(part) for part in path.parts):
            continue
        total += info.file_size
        members.append(info)
    if len(members) > MAX_ZIP_FILES or total > MAX_ZIP_BYTES:
        raise Refused(f"the zip file is too large ({len(members)} files, {total / 1e6:.0f} MB unpacked; at most "
                      f"{MAX_ZIP_FILES} files and {MAX_ZIP_BYTES / 1e6:.0f} MB): zip only the module folder")
    _check_file_folder_clash([PurePosixPath(m.filename) for m in members], folders)
    return members


def _flat_bases(members: list[zipfile.ZipInfo], modules: set[str]) -> dict[tuple, list[str]]:
    """Folders inside the zip holding a module's notebook without its module folder ("flat"): the files
    beside the notebook (its answers/ folder above all: the widget answers) belong to that module too."""
    flat: dict[tuple, list[str]] = {}
    for info in members:
        parts = PurePosixPath(info.filename).parts
        if not set(parts) & modules and parts[-1].endswith(".ipynb") and parts[-1][:-6] in modules:
            flat.setdefault(parts[:-1], []).append(parts[-1][:-6])
    return flat


def _targets(parts: tuple[str, ...], dest: Path, modules: set[str], flat: dict[tuple, list[str]]) -> list[Path]:
    """Where one zip entry goes: under ``dest/<module>/``, or nowhere when it belongs to no module."""
    module = next((p for p in parts if p in modules), None)
    if module is not None:
        return [dest / module / PurePosixPath(*parts[parts.index(module) + 1:])]
    base = max((b for b in flat if parts[:len(b)] == b), key=len, default=None)
    if base is None:
        return []
    return [dest / name / PurePosixPath(*parts[len(base):]) for name in flat[base]]


def extract_zip(zip_path: Path, dest: Path, modules: set[str]) -> list[str]:
    """Extract a participant's zip into ``dest/<module>/``; returns the modules found.

    Raises :class:`Refused` (a ``WorkshopError``) with the reason for any zip that cannot be taken in."""
    _check_entry_count(zip_path)
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = _safe_members(archive, modules)
            flat = _flat_bases(members, modules)
            found: set[str] = set()
            for info in members:
                for target in _targets(PurePosixPath(info.filename).parts, dest, modules, flat):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(info) as source, open(target, "wb") as out:
                        shutil.copyfileobj(source, out)
                    found.add(target.relative_to(dest).parts[0])
    except zipfile.BadZipFile as exc:
        raise Refused(f"not a readable zip file ({exc}): {UNPACK_AGAIN}") from exc
    except NotImplementedError as exc:  # e.g. Deflate64 from some Windows tools
        raise Refused(f"the zip file uses a kind of compression that cannot be read here ({exc}): "
                      f"{UNPACK_AGAIN}") from exc
    except OSError as exc:
        raise Refused(f"the zip file could not be unpacked ({exc.strerror or exc}: {exc.filename or ''}): "
                      f"{UNPACK_AGAIN}") from exc
    return sorted(found)


def _zip_without_modules(zip_path: Path, modules: set[str]) -> Refused:
    """Why a readable zip gave no module, naming the notebooks it does hold."""
    with zipfile.ZipFile(zip_path) as archive:
        names = [PurePosixPath(i.filename).name for i in archive.infolist()
                 if i.filename.endswith(".ipynb") and not any(ignored(p) for p in PurePosixPath(i.filename).parts)]
    if names:
        return _wrong_name(names[0], modules, "the zip holds")
    return Refused(f"the zip holds no module folder and no notebook: zip the module folder ({_module_list(modules)}) "
                   "and hand it in again")


# ----- folders -----------------------------------------------------------------------------------------

def _module_list(modules: set[str]) -> str:
    return " or ".join(sorted(modules))


def _guess_module(name: str, modules: set[str]) -> str:
    """The module a wrongly named notebook or folder was probably meant for, from its leading number."""
    number = re.match(r"\d+", name)
    matches = [m for m in modules if number and m.split("-")[0] == number.group()]
    return matches[0] if len(matches) == 1 else "?"


def _wrong_name(name: str, modules: set[str], where: str) -> Refused:
    module = _guess_module(name, modules)
    wanted = f"{module}.ipynb" if module != "?" else "its module's name (" + " or ".join(
        f"{m}.ipynb" for m in sorted(modules)) + ")"
    return Refused(f"{where} {name}, but a notebook must be named after its module: rename it to {wanted} and "
                   "run the same command again", module)


def _check_folder(folder: Path, module: str) -> None:
    """Refuse a module folder with a link in it, too many files, too many bytes or a giant notebook,
    before anything is copied or parsed."""
    files, total = 0, 0
    for top, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(top, name)
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                raise Refused(f"{path.relative_to(folder.parent)} is a link, which is not allowed: put the file "
                              "itself there", module)
            if not stat.S_ISREG(info.st_mode) or any(ignored(p) for p in path.relative_to(folder).parts):
                continue
            files += 1
            total += info.st_size
            if name.endswith(".ipynb") and info.st_size > MAX_NOTEBOOK_BYTES:
                raise _too_big(name, info.st_size, module)
        if files > MAX_ZIP_FILES or total > MAX_ZIP_BYTES:
            raise Refused(f"the {folder.name} folder is too large (more than {MAX_ZIP_FILES} files or "
                          f"{MAX_ZIP_BYTES / 1e6:.0f} MB): hand in only the notebook and its answers folder", module)


def _describe_missing(folder: Path, visible: list[Path], modules: set[str]) -> Refused:
    """Why a participant folder holds nothing to grade, naming what it does hold."""
    if not visible:
        return Refused("the folder is empty: ask the participant to hand in the module folder again, or remove "
                       "the empty folder")
    notebooks = [p.name for p in visible if p.is_file() and p.suffix == ".ipynb"]
    if notebooks:
        return _wrong_name(notebooks[0], modules, "the folder holds")
    found = ", ".join(p.name + ("/" if p.is_dir() else "") for p in visible[:5])
    more = f" and {len(visible) - 5} more" if len(visible) > 5 else ""
    folder_names = [p.name for p in visible if p.is_dir()]
    module = _guess_module(folder_names[0], modules) if len(folder_names) == 1 else "?"
    return Refused(f"the folder holds no module of this course (found {found}{more}): a module folder is named "
                   f"exactly {_module_list(modules)}, or holds that module's notebook", module)


def _folder_layout(folder: Path, modules: set[str], wrapper_allowed: bool = True) -> list[tuple[str, Path]]:
    """(module, folder to grade) for each module a participant folder holds, in any accepted layout."""
    visible = [p for p in sorted(folder.iterdir()) if not ignored(p)]
    module_dirs = [p for p in visible if p.is_dir() and p.name in modules]
    if module_dirs:
        return [(p.name, p) for p in module_dirs]
    flat = [p.stem for p in visible if p.is_file() and p.suffix == ".ipynb" and p.stem in modules]
    if flat:  # the module folder's contents, without the folder: the files beside the notebook belong to it
        return [(module, folder) for module in flat]
    if wrapper_allowed and len(visible) == 1 and visible[0].is_dir():
        try:
            return _folder_layout(visible[0], modules, wrapper_allowed=False)
        except Refused:
            pass  # describe what the participant's own folder holds
    raise _describe_missing(folder, visible, modules)


# ----- one entry of SUBMISSIONS ------------------------------------------------------------------------

def _student_of(entry: Path) -> str:
    return entry.stem if entry.is_file() and entry.suffix.lower() == ".zip" else entry.name


def _usable_id(name: str) -> str:
    """A student id nbgrader can hold, from a file or folder name people really use: accents folded
    ("José" -> "Jose"), spaces and other characters as "_" ("Eve Smith" -> "Eve_Smith")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._@-]+", "_", folded).strip("._")[:64]


def student_id(entry: Path) -> str:
    """The participant an entry belongs to: its name without a duplicate download's suffix (``hana (1).zip``
    is hana's), made usable as a student id where needed. Two entries from different names that end up
    with the same id are both kept out of grading by :func:`discover`, with a row saying so."""
    name = _participant_name(entry)
    if STUDENT_ID.match(name):
        return name
    usable = _usable_id(name)
    if not STUDENT_ID.match(usable):
        what, suffix = ("file", ".zip") if entry.is_file() else ("folder", "")
        raise Refused(f"the {what} name has no letters or digits to make a student id from: rename it after the "
                      f"participant, e.g. ann_lee{suffix}")
    return usable


def _take_in_zip(entry: Path, student: str, intake: Path, modules: set[str]) -> list[Submission]:
    target = intake / student
    if target.exists():
        shutil.rmtree(target)
    try:
        got = extract_zip(entry, target, modules)
        if not got:
            raise _zip_without_modules(entry, modules)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)  # nothing half-extracted is left to confuse a re-run
        raise
    return [Submission(student, module, target / module) for module in got]


def _take_in_folder(entry: Path, student: str, modules: set[str]) -> tuple[list[Submission], list[Rejected]]:
    """Each module of a participant folder: a submission, or a row saying why it is not graded."""
    subs, refused = [], []
    for module, folder in _folder_layout(entry, modules):
        try:
            _check_folder(folder, module)
        except Refused as exc:
            refused.append(Rejected(student, module, str(exc)))
        else:
            subs.append(Submission(student, module, folder))
    return subs, refused


def _loose_file(entry: Path, modules: set[str]) -> Refused:
    """Why a file that is not a zip is no participant's hand-in, and where it should go."""
    if entry.suffix.lower() == ".ipynb":
        return Refused("a notebook directly in the submissions folder, with no participant: put it in a folder "
                       f"named after the participant (<student>/{_module_list(modules)}/) or hand in "
                       "<student>.zip, then run the same command again")
    if entry.name.lower().endswith(OTHER_ARCHIVES):
        return Refused("only .zip files are unpacked: unpack it into a folder named after the participant, or "
                       f"{UNPACK_AGAIN}")
    kind = "file" if entry.is_file() else "entry that is neither a file nor a folder"
    return Refused(f"a {kind} that is not a submission: each participant hands in a <student> folder or a "
                   "<student>.zip; move it out of the submissions folder")


def take_in(entry: Path, intake: Path, modules: set[str]) -> tuple[list[Submission], list[Rejected]]:
    """One entry of SUBMISSIONS: its submissions, and rows for what of it cannot be graded.

    Raises :class:`Refused` when the whole entry cannot be graded."""
    if entry.is_file() and entry.suffix.lower() == ".zip":
        return _take_in_zip(entry, student_id(entry), intake, modules), []
    if entry.is_dir():
        return _take_in_folder(entry, student_id(entry), modules)
    raise _loose_file(entry, modules)


def _unexpected(exc: Exception) -> str:
    return (f"could not be taken in ({type(exc).__name__}: {exc}): check that it opens on your computer; "
            "the rest of the class was graded")


def participant_key(entry: Path) -> str:
    """The name that decides which slice of a class an entry belongs to (``workshop grade --shard``):
    the student id it will be graded under, so "José.zip" and a "Jose" folder, which :func:`discover`
    checks against each other, always land in the same slice."""
    name = _participant_name(entry)  # "hana (1).zip" is hana's, in hana's slice
    return _usable_id(name) or name


def discover(submissions: Path, intake: Path, modules: set[str],
             keep: Callable[[Path], bool] | None = None) -> tuple[list[Submission], list[Rejected]]:
    """Every (student, module) submission under ``submissions``; zips are extracted into ``intake``.

    Every entry that is not ignored (see :func:`ignored`) ends up as submissions, rows in the rejected
    list, or both; an error while taking in one participant becomes that participant's row. ``keep``
    (one slice of a class) skips the entries it returns False for, before they are read."""
    submissions = Path(submissions)
    if submissions.is_file() and submissions.suffix.lower() == ".zip":
        raise WorkshopError(f"{submissions} is one zip file. Give the folder that holds the zip files "
                            f"({submissions.parent}), one <student>.zip per participant.")
    if not submissions.is_dir():
        raise WorkshopError(f"{submissions} is not a folder. Give the folder of submissions: either "
                            "<student>/<module>/ folders (from nbgrader collect) or <student>.zip files.")
    found: list[Submission] = []
    rejected: list[Rejected] = []
    entries = [entry for entry in sorted(submissions.iterdir())
               if not ignored(entry) and (keep is None or keep(entry))]
    entries, refused = _one_entry_per_participant(entries)
    rejected += refused
    handed_in: dict[tuple[str, str], str] = {}  # (student, module) -> the entry graded for it
    for entry in entries:
        subs, refused = _take_in_safely(entry, intake, modules)
        for sub in subs:
            first = handed_in.setdefault((sub.student, sub.module), entry.name)
            if first == entry.name:
                found.append(sub)
            else:  # e.g. a folder that hands in one module twice (as a module folder and as a loose notebook)
                refused.append(Rejected(entry.name, "?", f"{first} already hands in {sub.module} for {sub.student} "
                                        "and is the one graded: keep only one of the two in the submissions folder"))
        rejected += refused
    return found, rejected


def off_module(found: list[Submission]) -> dict[tuple[str, str], str]:
    """(student, module) -> a note, for each hand-in of another module than the one the class handed in.

    Every module found is graded (as itself), but a participant who handed in only another module than the
    rest of the class (module 02 among module 01 hand-ins) most likely sent the wrong folder: their row says
    so. A class that hands in several modules each is not flagged (only a participant without the class's
    module is)."""
    students: dict[str, set[str]] = {}
    for sub in found:
        students.setdefault(sub.module, set()).add(sub.student)
    if len(students) < 2:
        return {}
    main = max(sorted(students), key=lambda module: len(students[module]))
    return {(sub.student, sub.module): (
        f"a hand-in of module {sub.module}, not of {main}, which the rest of the class handed in "
        f"({len(students[main])} participant(s)): graded as {sub.module}, but {sub.student} has no {main} hand-in; "
        f"if {main} was meant, ask for that module folder and run the same command again")
        for sub in found if sub.module != main and sub.student not in students[main]}


# A browser's or file manager's copy of a download: "hana (1).zip", "hana(2).zip", "hana - Copy.zip",
# "hana - Copy (2).zip", "hana copy.zip" are all hana's.
COPY_SUFFIX = re.compile(r"(?:\s*\(\d+\)|\s+-\s+copy(?:\s*\(\d+\))?|\s+copy(?:\s+\d+)?)$", re.IGNORECASE)


def _participant_name(entry: Path) -> str:
    """The name a participant's entry is under, without the suffix a duplicate download or copy adds."""
    name = _student_of(entry)
    while COPY_SUFFIX.search(name) and COPY_SUFFIX.sub("", name):
        name = COPY_SUFFIX.sub("", name)
    return name


def _newest_change(entry: Path) -> float:
    """When an entry last changed: a zip's own time; for a folder, the newest file in it (a folder's own
    time changes only when an entry is added or removed). Looks at no more files than intake would take."""
    newest = entry.lstat().st_mtime
    if entry.is_dir() and not entry.is_symlink():
        seen = 0
        for top, dirs, names in os.walk(entry):
            for name in dirs + names:
                seen += 1
                if seen > 2 * MAX_ZIP_FILES:
                    return newest
                with contextlib.suppress(OSError):
                    newest = max(newest, Path(top, name).lstat().st_mtime)
    return newest


def _stamp(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M:%S")


def _one_entry_per_participant(entries: list[Path]) -> tuple[list[Path], list[Rejected]]:
    """The entries to take in, and rows for those kept out because another entry makes the same student id.

    The same participant handed in twice (``hana.zip`` beside ``hana/``, or a browser's ``hana (1).zip``):
    the newest is graded, the others get a row saying which one was graded and why. Two different names
    that make the same id (``José`` and ``Jose``: accents are folded) are two different people: neither is
    graded (grading one would file the other's work under the same id), each gets a row saying how to fix it."""
    groups: dict[str, list[Path]] = {}
    keep: list[Path] = []
    for entry in entries:
        usable = _usable_id(_participant_name(entry))
        if (entry.is_dir() or entry.suffix.lower() == ".zip") and STUDENT_ID.match(usable):
            groups.setdefault(usable, []).append(entry)
        else:
            keep.append(entry)  # not a participant's entry: take_in says why
    rejected = []
    for usable, group in groups.items():
        names = sorted({_participant_name(entry) for entry in group})
        if len(names) > 1:
            shown = " and ".join(f"{entry.name}" for entry in group)
            for entry in group:
                rejected.append(Rejected(_student_of(entry), "?", (
                    f"{shown} are two different participants whose names make the same student id {usable!r} "
                    f"(accents and other characters are left out of an id), so neither was graded: rename one of "
                    f"them so the ids differ (e.g. {names[-1]} -> {usable}_2) and run the same command again")))
            continue
        if len(group) == 1:
            keep += group
            continue
        times = {entry: _newest_change(entry) for entry in group}
        newest = max(group, key=lambda entry: (times[entry], entry.name))
        keep.append(newest)
        for entry in group:
            if entry != newest:
                rejected.append(Rejected(entry.name, "?", (
                    f"a second hand-in of {usable}: {newest.name} (changed {_stamp(times[newest])}) is the one "
                    f"graded, as the newest; this one changed {_stamp(times[entry])}. To grade this one instead, "
                    "remove the other from the submissions folder and run the same command again")))
    return sorted(keep), rejected


def _take_in_safely(entry: Path, intake: Path, modules: set[str]) -> tuple[list[Submission], list[Rejected]]:
    """:func:`take_in`, with every refusal or surprise turned into a row for this entry alone."""
    student = _participant_name(entry)
    try:
        return take_in(entry, intake, modules)
    except Refused as exc:
        # A module is named only for a usable student id: the row then becomes a result of that module.
        usable = _usable_id(student)
        if STUDENT_ID.match(usable):
            return [], [Rejected(usable, exc.module, str(exc))]
        return [], [Rejected(student, "?", str(exc))]
    except Exception as exc:  # a surprise in one participant's files must not stop the class
        return [], [Rejected(student, "?", _unexpected(exc))]
