"""Find the submissions to grade: nbgrader's submitted layout, or a folder of zip files.

Layouts accepted for ``workshop grade SUBMISSIONS``:

* ``SUBMISSIONS/<student_id>/<module>/<module>.ipynb`` (what ``nbgrader collect`` produces);
* ``SUBMISSIONS/<student_id>.zip`` holding one or more module folders, possibly inside one wrapper
  folder, or the notebook files themselves (the module is then read from the notebook's name).

Zip files are extracted defensively: no absolute paths or ``..``, no links, and caps on size and
file count, so a hostile archive cannot write outside the intake folder or fill the disk.
"""

from __future__ import annotations

import re
import shutil
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workshop_utils.errors import WorkshopError

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_ZIP_FILES = 2000
SKIP = {"__MACOSX", ".ipynb_checkpoints", "__pycache__"}


@dataclass(frozen=True)
class Submission:
    student: str
    module: str
    folder: Path


@dataclass(frozen=True)
class Rejected:
    student: str
    module: str
    reason: str


def _safe_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    members, total = [], 0
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        if info.filename.startswith("/") or ".." in path.parts or ":" in info.filename:
            raise WorkshopError(f"unsafe path {info.filename!r} in the zip file")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise WorkshopError(f"the zip file holds a link ({info.filename}), which is not allowed")
        if set(path.parts) & SKIP or info.is_dir():
            continue
        total += info.file_size
        members.append(info)
    if len(members) > MAX_ZIP_FILES or total > MAX_ZIP_BYTES:
        raise WorkshopError(f"the zip file is too large ({len(members)} files, {total / 1e6:.0f} MB unpacked)")
    return members


def extract_zip(zip_path: Path, dest: Path, modules: set[str]) -> list[str]:
    """Extract a participant's zip into ``dest/<module>/``; returns the modules found."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = _safe_members(archive)
            # A notebook zipped without its module folder ("flat"): the files beside it (its answers/
            # folder above all: the widget answers) belong to that module too.
            flat: dict[tuple, list[str]] = {}
            for info in members:
                parts = PurePosixPath(info.filename).parts
                if not set(parts) & modules and parts[-1].endswith(".ipynb") and parts[-1][:-6] in modules:
                    flat.setdefault(parts[:-1], []).append(parts[-1][:-6])
            found: set[str] = set()
            for info in members:
                parts = PurePosixPath(info.filename).parts
                module = next((p for p in parts if p in modules), None)
                if module is not None:
                    targets = [dest / module / PurePosixPath(*parts[parts.index(module) + 1:])]
                else:
                    base = max((b for b in flat if parts[:len(b)] == b), key=len, default=None)
                    if base is None:
                        continue
                    targets = [dest / name / PurePosixPath(*parts[len(base):]) for name in flat[base]]
                for target in targets:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(info) as source, open(target, "wb") as out:
                        shutil.copyfileobj(source, out)
                    found.add(target.relative_to(dest).parts[0])
    except zipfile.BadZipFile as exc:
        raise WorkshopError(f"not a readable zip file ({exc})") from exc
    return sorted(found)


def _usable_id(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._@-]+", "_", name).strip("._") or "participant"


def discover(submissions: Path, intake: Path, modules: set[str]) -> tuple[list[Submission], list[Rejected]]:
    """Every (student, module) submission under ``submissions``; zips are extracted into ``intake``."""
    submissions = Path(submissions)
    if submissions.is_file() and submissions.suffix.lower() == ".zip":
        raise WorkshopError(f"{submissions} is one zip file. Give the folder that holds the zip files "
                            f"({submissions.parent}), one <student>.zip per participant.")
    if not submissions.is_dir():
        raise WorkshopError(f"{submissions} is not a folder. Give the folder of submissions: either "
                            "<student>/<module>/ folders (from nbgrader collect) or <student>.zip files.")
    found: list[Submission] = []
    rejected: list[Rejected] = []
    for entry in sorted(submissions.iterdir()):
        if entry.name.startswith(".") or entry.name in SKIP:
            continue
        if entry.suffix.lower() == ".zip" and entry.is_file():
            student = entry.stem
            if not STUDENT_ID.match(student):
                rejected.append(Rejected(student, "?", "the file name is not a usable student id: rename it "
                                         f"to {_usable_id(student)}.zip (letters, digits, . _ @ - only)"))
                continue
            target = intake / student
            if target.exists():
                shutil.rmtree(target)
            try:
                got = extract_zip(entry, target, modules)
            except WorkshopError as exc:
                rejected.append(Rejected(student, "?", str(exc)))
                continue
            if not got:
                wanted = ", ".join(sorted(modules))
                rejected.append(Rejected(student, "?", f"the zip holds no module folder ({wanted})"))
            found += [Submission(student, module, target / module) for module in got]
        elif entry.is_dir():
            if not STUDENT_ID.match(entry.name):
                rejected.append(Rejected(entry.name, "?", "the folder name is not a usable student id: rename "
                                         f"it to {_usable_id(entry.name)} (letters, digits, . _ @ - only)"))
                continue
            for module_dir in sorted(p for p in entry.iterdir() if p.is_dir() and p.name in modules):
                found.append(Submission(entry.name, module_dir.name, module_dir))
    return found, rejected
