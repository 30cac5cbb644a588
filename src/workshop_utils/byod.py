"""Bring your own deliverables: a paste box for the capstone notebook.

``deliverables_box(qid, notebook)`` shows a labelled text area to paste a team's deliverables (CSV, or
rows copied straight from a spreadsheet, which paste as tab-separated), a *Load* button, and a file path
with *Load file*. A good list shows as a table (its first rows); a list with problems shows every problem
as a sentence in the feedback line, and the pasted text stays where it is.

As every course widget does (``workshop_utils.widgets``), the box saves at once to
``answers/<notebook>.json``: the pasted text as it is typed, the file path, and the loaded rows when
*Load* succeeds. Re-running the cell, or restarting the kernel, brings them back, and ``box.frame`` is the
loaded DataFrame again without reading the file a second time. The question id is the caller's: one a
course module defines (its title and prompt head the box), or any other id of the form ``m06.name``.
"""

from __future__ import annotations

import html
import math

import ipywidgets as w
import pandas as pd

from workshop_utils import checks, deliverables
from workshop_utils.errors import UnknownQuestionError, WorkshopError
from workshop_utils.widgets import AnswerWidget, _message_html, _safe, _title_html

SHOWN_ROWS = 10
_SAVED = ("loaded_from", "source", "rows", "columns", "notes", "headers", "row_numbers")  # besides text and path
_WIDE = {"description_width": "initial"}
TITLE = "Your team's deliverables"
PROMPT = ("Paste your team's backlog or plan (a CSV file's text, or rows copied from a spreadsheet with the header "
          "row), then press Load; or give the path of a CSV file and press Load file. One row per deliverable, "
          "with at least a 'deliverable' column.")


def _columns_html() -> str:
    """The accepted columns and their other names, for the participant to check their header row against."""
    items = "".join(
        f"<li><b>{name}</b>{' (required)' if name in deliverables.REQUIRED else ''}: also "
        f"{html.escape(', '.join(repr(n) for n in deliverables.SYNONYMS[name][1:6]))}...</li>"
        for name in deliverables.COLUMNS)
    return (f"<details><summary>Which columns are read</summary><ul>{items}</ul><p>Other columns are kept as they "
            f"are. A template: <code>data/{deliverables.TEMPLATE}</code>.</p></details>")


def _json_cell(value):
    """A table cell as the answers file can hold it: dates as ISO text, missing values as None."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value


def _rows(frame: pd.DataFrame) -> list[dict]:
    return [{column: _json_cell(value) for column, value in record.items()}
            for record in frame.to_dict(orient="records")]


def _frame(saved: dict) -> pd.DataFrame | None:
    """The loaded table again, from the rows the answers file holds."""
    rows, columns = saved.get("rows"), saved.get("columns")
    if not rows:
        return None
    frame = pd.DataFrame(rows, columns=columns)
    frame["due"] = pd.to_datetime(frame["due"], format="%Y-%m-%d").astype("datetime64[ns]")
    frame["cost"] = pd.to_numeric(frame["cost"]).astype("float64")
    for column in frame.columns.drop(["due", "cost"]):
        frame[column] = frame[column].fillna("").astype(str)
    frame.attrs.update({"notes": list(saved.get("notes") or []), "columns": dict(saved.get("headers") or {}),
                        "rows": list(saved.get("row_numbers") or []), "source": saved.get("source", "")})
    return frame


def table_html(frame: pd.DataFrame, limit: int = SHOWN_ROWS) -> str:
    """The first rows of a deliverables table, with a caption saying how many there are."""
    shown = frame.head(limit).copy()
    shown["due"] = shown["due"].dt.strftime("%Y-%m-%d")
    count = len(frame)
    caption = (f"{count} deliverable{'s' if count != 1 else ''} loaded"
               + (f"; the first {limit} are shown" if count > limit else ""))
    body = shown.to_html(index=False, na_rep="", escape=True, border=0)
    body = body.replace("<table", f'<table aria-label="{html.escape(caption)}"', 1)
    return f'<div class="workshop-byod-table"><p>{html.escape(caption)}.</p>{body}</div>'


class DeliverablesBox(AnswerWidget):
    """Paste or point to your deliverables; the loaded table is ``self.frame`` (None until a load succeeds)."""

    @staticmethod
    def _question(qid: str) -> checks.Question:
        try:
            return checks.question(qid)
        except UnknownQuestionError:
            if not isinstance(qid, str) or "." not in qid.strip(" ."):
                raise
            return checks.Question(qid=qid, title=TITLE, kind="text", points=0, prompt=PROMPT, check=None)

    def __init__(self, qid: str, notebook: str, folder=None):
        super().__init__(qid, notebook, folder)
        self._frame: pd.DataFrame | None = None
        self._loaded: dict = {}
        self.area = w.Textarea(value="", description="Paste your deliverables", style=_WIDE, continuous_update=True,
                               placeholder="deliverable,team,due,goal\nRepair booking pages,Store Operations,"
                                           "2026-09-30,circular gear",
                               layout=w.Layout(width="95%", height="10em"))
        self.load_button = w.Button(description="Load", icon="table", button_style="primary",
                                    tooltip="Load the pasted deliverables")
        self.path = w.Text(value="", description="...or the path of a CSV file", style=_WIDE,
                           placeholder="e.g. my-deliverables.csv", layout=w.Layout(width="70%"))
        self.file_button = w.Button(description="Load file", icon="folder-open",
                                    tooltip="Load the deliverables from the CSV file at this path")
        self.table = w.HTML(value="")
        self.area.observe(self._save, names="value")
        self.path.observe(self._save, names="value")
        self.load_button.on_click(lambda _: self.load_text())
        self.file_button.on_click(lambda _: self.load_file())
        self.box = w.VBox([w.HTML(_title_html(self.question.title, self.question.prompt) + _columns_html()),
                           self.area, self.load_button, w.HBox([self.path, self.file_button]), self.saved,
                           self.feedback, self.table])
        self._load()

    @property
    def frame(self) -> pd.DataFrame | None:
        """The loaded deliverables (the columns of ``data.load_deliverables``), or None until a load succeeds."""
        return self._frame

    # Loading ------------------------------------------------------------------------------------------------
    @_safe
    def load_text(self) -> pd.DataFrame | None:
        """Load what is pasted in the box (the *Load* button)."""
        if not self.area.value.strip():
            raise WorkshopError("Nothing is pasted yet. Copy the rows from your spreadsheet, header row included, "
                                "paste them in the box and press Load again.")
        return self._loaded_from(lambda: deliverables.read_deliverables_text(self.area.value), "pasted")

    @_safe
    def load_file(self) -> pd.DataFrame | None:
        """Load the CSV file whose path is given (the *Load file* button)."""
        path = self.path.value.strip()
        if not path:
            raise WorkshopError("Type the path of your CSV file first, e.g. my-deliverables.csv (relative to this "
                                "notebook's folder).")
        return self._loaded_from(lambda: deliverables.load_deliverables(path), "file")

    def _loaded_from(self, read, kind: str) -> pd.DataFrame | None:
        try:
            frame = read()
        except WorkshopError as exc:  # every problem, as sentences; what was pasted stays
            self._frame, self._loaded = None, {}
            self.table.value = ""
            self.feedback.value = _message_html(str(exc), ok=False)
            self._store()
            return None
        self._frame = frame
        self._loaded = {"loaded_from": kind, "source": frame.attrs.get("source", ""), "rows": _rows(frame),
                        "columns": list(frame.columns), "notes": list(frame.attrs.get("notes", [])),
                        "headers": dict(frame.attrs.get("columns", {})),
                        "row_numbers": list(frame.attrs.get("rows", []))}
        self._store()
        self._show_frame()
        return frame

    def _show_frame(self) -> None:
        if self.frame is None:
            self.table.value = ""
            return
        count = len(self.frame)
        notes = self.frame.attrs.get("notes") or []
        lines = [f"Loaded {count} deliverable{'s' if count != 1 else ''}: the table below is this box's .frame. A "
                 "cell that uses it (the plan builder) and ran before this Load still has the old table: run it "
                 "again."]
        lines += [f"Note: {note}" for note in notes]
        self.feedback.value = _message_html("\n".join(lines), ok=True)
        self.table.value = table_html(self.frame)

    # The saved answer ----------------------------------------------------------------------------------------
    def _read(self) -> dict:
        return {"text": self.area.value, "path": self.path.value, **self._loaded}

    def _show(self, value) -> None:
        if not isinstance(value, dict) or not isinstance(value.get("text", ""), str) \
                or not isinstance(value.get("path", ""), str):
            raise WorkshopError("The deliverables box's answer is a dictionary with the pasted 'text' and a "
                                "file 'path', e.g. {'text': 'deliverable\\nRepair booking pages', 'path': ''}.")
        loaded = {key: value[key] for key in _SAVED if key in value}
        frame = _frame(loaded)
        self.area.value = value.get("text", "")
        self.path.value = value.get("path", "")
        self._loaded, self._frame = (loaded, frame) if frame is not None else ({}, None)
        self._show_frame()


def deliverables_box(qid: str, notebook: str, folder=None) -> DeliverablesBox:
    """A paste box for your team's deliverables, saved under ``answers/<notebook>.json`` as question ``qid``.

    Display it by leaving it as a cell's last line; after *Load*, ``box.frame`` is the DataFrame that
    ``data.load_deliverables`` gives (None until a load succeeds).
    """
    return DeliverablesBox(qid, notebook, folder)


__all__ = ["DeliverablesBox", "deliverables_box", "table_html"]
