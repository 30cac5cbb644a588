"""Answers that are never lost.

A widget answer lives only in the browser until something writes it down, and nbgrader
re-executes notebooks with their outputs cleared, so widget state is gone at autograde.
Every answer a participant gives through a widget is therefore saved, the moment it changes,
to a small JSON "sidecar" file beside the notebook: ``answers/<notebook>.json``. The file
travels with the notebook through nbgrader's submit, collect and autograde (which copy the
whole assignment folder), and the re-executed notebook reads it back.

Writes are atomic (temporary file, fsync, rename), so a crash mid-save leaves the previous
file intact. Before each write the file is read again and merged, so two open copies of a
notebook do not erase each other's answers. A file that cannot be read is moved aside
(``*.corrupt-<time>.json``) and reported, never silently overwritten.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from pathlib import Path
from typing import Any

from workshop_utils import files
from workshop_utils.errors import AnswerStoreError, WorkshopError

ANSWERS_DIR = "answers"
FORMAT = "workshop-answers/1"
# The hint ladder's record, kept beside "value" in a question's entry (workshop_utils.hints writes it; older files
# simply lack it): Check presses on distinct answers, the deepest rung shown, when each rung was first shown, and
# after how many attempts the explained answer was taken. An entry holding only these has "value": null.
LADDER_FIELDS = ("attempts", "last_checked", "hint_level", "hint_times", "answer_after")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def answers_path(notebook: str, folder: str | os.PathLike | None = None) -> Path:
    """Where the answers of ``notebook`` (a name like ``01-output-vs-outcome``) are kept."""
    if isinstance(notebook, str) and notebook.endswith(".ipynb"):
        notebook = notebook[: -len(".ipynb")]  # the grader reads answers/<name>.json, never <name>.ipynb.json
    if not isinstance(notebook, str) or not _NAME.match(notebook):
        raise AnswerStoreError(
            f"{notebook!r} is not a usable notebook name for saving answers. "
            "Use the notebook's file name without '.ipynb', e.g. '01-output-vs-outcome'."
        )
    return Path(folder or Path.cwd()) / ANSWERS_DIR / f"{notebook}.json"


def parse(text: str) -> dict[str, dict[str, Any]]:
    """The ``{qid: {"value": ...}}`` records of an answers file's text. Raises ``ValueError`` (or
    ``KeyError``, ``TypeError``, ``RecursionError``) saying what is wrong when it is not valid JSON or
    not the expected shape."""
    answers = json.loads(text)["answers"]
    if not isinstance(answers, dict) or not all(isinstance(entry, dict) and "value" in entry
                                                for entry in answers.values()):
        raise ValueError("entries are not {'value': ...} records")
    return answers


DAMAGED = (OSError, ValueError, KeyError, TypeError, RecursionError)


def damage(path: str | os.PathLike) -> str | None:
    """Why the answers file at ``path`` cannot be read as answers (None when it can): what
    :class:`AnswerStore` would move aside, leaving every widget answer unanswered."""
    try:
        parse(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return "not text (UnicodeDecodeError)"
    except KeyError as exc:
        return f"no {exc} entry (KeyError)"
    except DAMAGED as exc:
        return f"{exc} ({type(exc).__name__})"
    return None


def read_only(path: str | os.PathLike) -> dict[str, dict[str, Any]] | None:
    """The ``{qid: {"value": ...}}`` records of an answers file, read and nothing else: for the grader's
    copies of a participant's files, where a damaged file is reported, never moved aside. None when
    the file is missing or unreadable."""
    try:
        answers = json.loads(Path(path).read_text(encoding="utf-8"))["answers"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return answers if isinstance(answers, dict) else None


def _check_json_value(qid: str, value: Any) -> None:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise AnswerStoreError(
            f"The answer to {qid!r} cannot be saved: answers must be text, numbers, true/false, "
            f"lists or dictionaries of those (got {type(value).__name__}). "
            "Convert it first, e.g. with float(...), str(...) or .tolist()."
        ) from exc


class AnswerStore:
    """The saved answers of one notebook. Holds a path and the last good copy of the file."""

    def __init__(self, notebook: str, folder: str | os.PathLike | None = None):
        self.notebook = notebook
        self.path = answers_path(notebook, folder)
        self.warnings: list[str] = []
        self._answers: dict[str, dict[str, Any]] = self._read()

    # -- reading -------------------------------------------------------------------------
    def _read(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        try:
            return parse(self.path.read_text(encoding="utf-8"))
        except DAMAGED as exc:
            return self._move_aside(exc)

    def _move_aside(self, exc: Exception) -> dict:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}.json")
        try:
            os.replace(self.path, aside)
        except OSError as move_exc:
            raise AnswerStoreError(
                f"Your saved answers in {self.path} cannot be read ({exc}) and could not be moved "
                f"aside ({move_exc}). Copy that file somewhere safe, delete it, and run the cell again."
            ) from move_exc
        self.warnings.append(
            f"Your saved answers file could not be read ({exc.__class__.__name__}: {exc}). "
            f"It was kept as {aside.name} next to it, and a fresh file was started. "
            "Your earlier answers are in that file: open it to copy them back, or ask your facilitator."
        )
        return {}

    def get(self, qid: str, default: Any = None) -> Any:
        """The saved answer to ``qid``, or ``default`` when there is none."""
        entry = self._answers.get(qid)
        return entry["value"] if entry else default

    def entry(self, qid: str) -> dict[str, Any]:
        """A copy of the whole record of ``qid``: its value and the hint ladder's fields (empty when none)."""
        return dict(self._answers.get(qid) or {})

    def all(self) -> dict[str, Any]:
        """Every saved answer, by question id."""
        return {qid: entry["value"] for qid, entry in self._answers.items()}

    def reload(self) -> None:
        """Read the file again (another copy of the notebook may have saved meanwhile)."""
        self._answers = self._read()

    # -- writing -------------------------------------------------------------------------
    def save(self, qid: str, value: Any) -> None:
        """Save ``value`` as the answer to ``qid``, merged with what is already on disk."""
        if not isinstance(qid, str) or not qid.strip():
            raise AnswerStoreError("A question id must be non-empty text, e.g. 'm01.classify'.")
        _check_json_value(qid, value)
        on_disk = self._read()
        on_disk[qid] = {**_ladder(on_disk.get(qid)), "value": value, "saved_at": _now()}
        self._write(on_disk)
        self._answers = on_disk

    def record(self, qid: str, **fields: Any) -> None:
        """Merge hint-ladder ``fields`` (see ``LADDER_FIELDS``) into the entry of ``qid``, keeping its answer."""
        unknown = sorted(set(fields) - set(LADDER_FIELDS))
        if unknown:
            raise AnswerStoreError(f"{unknown[0]!r} is not a field the answers file keeps for a question.")
        _check_json_value(qid, fields)
        on_disk = self._read()
        on_disk[qid] = {"value": None, **(on_disk.get(qid) or {}), **fields}
        self._write(on_disk)
        self._answers = on_disk

    def forget(self, qid: str) -> None:
        """Remove the saved answer to ``qid`` (a "start again" button); its hint-ladder record stays."""
        on_disk = self._read()
        popped = on_disk.pop(qid, None)
        if popped is not None:
            kept = _ladder(popped)
            if kept:
                on_disk[qid] = {**kept, "value": None}
            self._write(on_disk)
        self._answers = on_disk

    def _write(self, answers: dict) -> None:
        payload = {"format": FORMAT, "notebook": self.notebook, "answers": answers}
        text = json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            files.write_text(self.path, text)
        except OSError as exc:
            raise AnswerStoreError(
                f"Could not save your answer to {self.path} ({exc.strerror or exc}). "
                "Check the folder is writable and the disk is not full, then change or set your answer "
                "again; it is still in the widget."
            ) from exc


def _ladder(entry: Any) -> dict[str, Any]:
    """The hint-ladder fields of an entry (an old file's entries have none)."""
    return {k: v for k, v in entry.items() if k in LADDER_FIELDS} if isinstance(entry, dict) else {}


_STORES: dict[Path, AnswerStore] = {}


def store_for(notebook: str, folder: str | os.PathLike | None = None) -> AnswerStore:
    """The shared store of a notebook, so every widget in it reads and writes the same answers."""
    path = answers_path(notebook, folder).resolve()
    store = _STORES.get(path)
    if store is None:
        store = _STORES[path] = AnswerStore(notebook, folder)
    else:
        store.reload()
    return store


__all__ = ["ANSWERS_DIR", "LADDER_FIELDS", "AnswerStore", "WorkshopError", "answers_path", "store_for"]
