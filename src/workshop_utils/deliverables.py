"""Read a team's own deliverables (a backlog or a plan) from a CSV file or pasted text.

The capstone lets a participant plan from their own team's work instead of Fernhill's charter. Their
list comes from a spreadsheet or a tracker (Jira, Azure DevOps, Trello, Asana), exported as CSV or
copied and pasted. :func:`load_deliverables` turns it into one row per deliverable with the columns
:data:`COLUMNS`, in that order, followed by any other columns of the file under their own headers.

- Headers are matched case-insensitively, trimmed, with common synonyms (:data:`SYNONYMS`): "Summary"
  and "Issue key" from a Jira export become ``deliverable`` and ``id``. When several headers could fill
  one column, the first synonym in the list wins and the others stay as extra columns.
- Delimiter: comma, semicolon (Excel in many European locales) or tab (rows copied from a spreadsheet)
  is detected. Encoding: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text") and
  Windows-1252 (Excel's "CSV (Comma delimited)" on Windows).
- Every problem is reported at once, in one :class:`~workshop_utils.errors.DataError`, with row numbers
  as the spreadsheet shows them (the header is row 1).
- The file is only ever opened for reading.

What was assumed on the way (a date order, an encoding, a header used for a column) is listed in
``frame.attrs["notes"]``; ``frame.attrs["columns"]`` maps each canonical column to the header it came from.
For participants: docs/bring-your-own-deliverables.md (a test keeps its table of headers in step with SYNONYMS).
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import re
from pathlib import Path

import pandas as pd

from workshop_utils.errors import DataError

COLUMNS = ("deliverable", "id", "description", "team", "due", "goal", "status", "cost")
REQUIRED = ("deliverable",)
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
MAX_PROBLEMS = 20
TEMPLATE = "templates/deliverables-template.csv"  # relative to data/

# Accepted headers for each column, best first. Real exports: Jira ("Summary", "Issue key", "Assignee",
# "Due date", "Custom field (Story Points)"), Azure DevOps ("ID", "Title", "Assigned To", "State",
# "Target Date", "Effort"), Trello ("Card ID", "Card Name", "Card Description", "Members", "List Name",
# "Due Date"), Asana ("Task ID", "Name", "Assignee", "Section/Column", "Due Date", "Notes").
SYNONYMS: dict[str, tuple[str, ...]] = {
    "deliverable": ("deliverable", "deliverables", "deliverable name", "item", "title", "summary", "name",
                    "card name", "task name", "feature", "epic", "epic name", "story", "work item", "task",
                    "output"),
    "id": ("id", "deliverable id", "key", "issue key", "card id", "task id", "work item id", "item id", "ref",
           "reference", "issue id", "#", "no", "number"),
    "description": ("description", "details", "notes", "card description", "desc", "comments"),
    "team": ("team", "owner", "owner team", "team name", "assignee", "assigned to", "squad", "responsible",
             "lead", "members"),
    "due": ("due", "due date", "deadline", "target date", "end date", "date", "due on", "target end",
            "finish date", "delivery date", "release date"),
    "goal": ("goal", "goals", "objective", "objectives", "why", "purpose", "okr", "outcome", "aim",
             "business goal", "key result"),
    "status": ("status", "state", "stage", "progress", "list name", "list", "section/column", "section"),
    "cost": ("cost", "budget", "cost estimate", "estimate", "effort", "story points", "story point estimate",
             "points", "size", "original estimate"),
}

_SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".numbers", ".ods")
SAVE_AS = "In your spreadsheet program choose File > Save As > 'CSV UTF-8', then load the .csv file."
TOO_BIG = ("Load the deliverables of one goal or one team at a time (filter the sheet, copy those rows to a "
           "new sheet, save that as CSV), or split the file.")
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
_MONTHS = {name: number for number in range(1, 13)
           for name in (_dt.date(2000, number, 1).strftime("%B").lower(),
                        _dt.date(2000, number, 1).strftime("%b").lower())}
_MONTHS["sept"] = 9


# -- where the text comes from --------------------------------------------------------------------------

def load_deliverables(source=None, *, text: str | None = None) -> pd.DataFrame:
    """Your team's deliverables from a CSV file (``source``: its path) or pasted CSV (``text=``).

    A ``source`` string with a line break in it is taken as the pasted text itself, anything else as a
    path. Returns one row per deliverable with the columns ``deliverable, id, description, team, due,
    goal, status, cost`` (then the file's other columns); raises one ``DataError`` listing every problem.
    """
    if text is not None:
        if source is not None:
            raise DataError("Give either a file's path or the pasted text (text=...), not both.")
        return read_deliverables_text(text)
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        return read_deliverables_text(source)
    if not isinstance(source, (str, Path)) or not str(source).strip():
        raise DataError("Give the CSV file's path as text, e.g. data.load_deliverables('my-deliverables.csv'), "
                        f"or paste the rows with data.read_deliverables_text(...) (got {type(source).__name__}).")
    path = Path(source)
    try:
        raw = read_bytes(path, MAX_BYTES, TOO_BIG)
    except DataError as exc:
        if isinstance(source, str) and not path.exists() and any(sep in source for sep in _DELIMITERS):
            raise DataError(f"{exc} If {source[:40]!r} is pasted rows rather than a file name, use "
                            "data.read_deliverables_text(...) instead.") from exc
        raise
    decoded, notes = decode(raw, path.name)
    return _build(decoded, path.name, notes)


def read_deliverables_text(text: str) -> pd.DataFrame:
    """Your team's deliverables from pasted text: CSV, or rows copied from a spreadsheet (tab-separated)."""
    if not isinstance(text, str):
        raise DataError(f"Paste the rows as text (got {type(text).__name__}).")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise DataError(f"The pasted text is larger than {MAX_BYTES // (1024 * 1024)} MB. {TOO_BIG}")
    return _build(text.lstrip("\ufeff"), "The pasted text", [])


def read_bytes(path: Path, limit: int, advice: str) -> bytes:
    """The bytes of the file at ``path`` (opened for reading only), or a DataError saying what to do."""
    if path.suffix.lower() in _SPREADSHEETS:
        raise DataError(f"{path.name} is a spreadsheet, not a CSV file. {SAVE_AS}")
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(path)
        if size > limit:
            raise DataError(f"{path.name} is {size / (1024 * 1024):.1f} MB; the limit is "
                            f"{limit // (1024 * 1024)} MB. {advice}")
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise DataError(f"No file at {path}. Check the name and folder (the notebook runs in "
                        f"{Path.cwd()}).") from exc
    except IsADirectoryError as exc:
        raise DataError(f"{path} is a folder. Give the path of the CSV file inside it.") from exc
    except PermissionError as exc:
        raise DataError(f"{path.name} cannot be read ({exc.strerror}). Copy it into your own folder and load "
                        "the copy.") from exc
    if raw[:4] == b"PK\x03\x04" or raw[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
        raise DataError(f"{path.name} is a spreadsheet saved with a .csv name, not a CSV file. {SAVE_AS}")
    return raw


def decode(raw: bytes, source: str) -> tuple[str, list[str]]:
    """The text of a CSV file's bytes and a note on the encoding when it was not UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        return _decoded(raw[3:], "utf-8", source), []
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return _decoded(raw[2:], codec, source), []
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:  # UTF-16 without a BOM, or not text at all
        raise DataError(f"{source} is not text this loader can read (it holds zero bytes: UTF-16 without a byte "
                        f"order mark, or not a text file). {SAVE_AS}")
    text = _decoded(raw, "cp1252", source)
    return text, [f"{source} is not UTF-8; it was read as Windows-1252 (Excel's 'CSV (Comma delimited)'). If "
                  "accented letters look wrong, save it as 'CSV UTF-8' and load it again."]


def _decoded(raw: bytes, codec: str, source: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise DataError(f"{source} is not text this loader can read (byte {exc.start + 1} is not valid in "
                        f"any of UTF-8, UTF-16 or Windows-1252). {SAVE_AS}") from exc


# -- splitting the text into records ----------------------------------------------------------------------

def delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines into the most, consistent, columns."""
    sample = text[:64 * 1024].splitlines()[:50]
    best, best_score = ",", (0, 0)
    for candidate in _DELIMITERS:
        try:
            rows = [row for row in csv.reader(sample, delimiter=candidate) if any(c.strip() for c in row)]
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        score = (sum(len(row) == width for row in rows) if width > 1 else 0, width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def records(text: str, source: str, sep: str | None = None) -> tuple[list[list[str]], str]:
    """Every record of the CSV ``text`` (a multi-line quoted cell is one record, as in a spreadsheet).

    A quote inside a value (``5" screen``, ``"Quoted" tail``) is kept as typed; a quote that opens a value
    and never closes is an error, as it would swallow every row after it.
    """
    sep = sep or delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        return list(reader), sep
    except csv.Error as exc:
        _too_long(exc, source, reader.line_num)
        if "unexpected end of data" in str(exc):
            raise DataError(f"{source} is not a readable CSV file: a quote (\") opens a value that never closes, "
                            f"somewhere before line {reader.line_num}. Close it, or save the file as 'CSV UTF-8 "
                            "(comma delimited)' from your spreadsheet, and try again.") from exc
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        return list(reader), sep
    except csv.Error as exc:
        _too_long(exc, source, reader.line_num)
        raise DataError(f"{source} is not a readable CSV file ({exc}). Save it as 'CSV UTF-8 (comma delimited)' "
                        "from your spreadsheet and try again.") from exc


def _too_long(exc: csv.Error, source: str, line: int) -> None:
    """csv's "field larger than field limit" as a sentence: one value longer than a deliverable ever is."""
    if "field limit" in str(exc):
        raise DataError(f"{source} has a value longer than {csv.field_size_limit() // 1024} KB (by line {line}): "
                        "that is not a list of deliverables. Check that it is the CSV file you meant, or that the "
                        "paste has its line breaks.") from exc


# -- the deliverables table ---------------------------------------------------------------------------------

def normalise(header: str) -> str:
    """A header as it is matched: lower case, trimmed, inner spaces single, '_' and '-' as spaces,
    Jira's "Custom field (Story Points)" as "story points"."""
    text = str(header).replace("\ufeff", "").replace("\u00a0", " ").strip().lower()
    custom = re.fullmatch(r"custom field \((.*)\)", text)
    if custom:
        text = custom.group(1)
    return re.sub(r"\s+", " ", re.sub(r"[_\-]+", " ", text)).strip()


def match_columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which header position fills each canonical column, and notes on headers passed over."""
    found: dict[str, int] = {}
    notes = []
    normalised = [normalise(h) for h in headers]
    for column, names in SYNONYMS.items():
        candidates = [(names.index(n), i) for i, n in enumerate(normalised) if n in names]
        if not candidates:
            continue
        candidates.sort()
        found[column] = candidates[0][1]
        others = [headers[i].strip() for _, i in candidates[1:]]
        if others:
            notes.append(f"'{headers[found[column]].strip()}' was read as {column}; "
                         f"{', '.join(repr(o) for o in others)} kept as extra column(s).")
    return found, notes


class _Problems:
    """Every problem found, in order, reported at once."""

    def __init__(self, source: str):
        self.source = source
        self.lines: list[tuple[int, str]] = []

    def add(self, line: str, row: int = 0) -> None:
        self.lines.append((row, line))

    def raise_if_any(self) -> None:
        """One DataError listing every problem, those of the whole file first, then by row."""
        if not self.lines:
            return
        shown = [line for _, line in sorted(self.lines, key=lambda item: item[0])][:MAX_PROBLEMS]
        more = len(self.lines) - len(shown)
        if more:
            shown.append(f"... and {more} more.")
        count = len(self.lines)
        head = (f"{self.source} has {count} problem{'s' if count > 1 else ''}. Fix "
                f"{'them' if count > 1 else 'it'} in your spreadsheet and load again:")
        raise DataError("\n".join([head, *(f"- {line}" for line in shown)]))


def _build(text: str, source: str, notes: list[str]) -> pd.DataFrame:
    if not text.strip():
        raise DataError(f"{source} is empty. Use the template data/{TEMPLATE}: a header row "
                        f"({', '.join(COLUMNS)}), then one row per deliverable.")
    hint = re.match(r"\ufeff?sep=([,;\t|])\r?\n", text)  # Excel's optional first line: "sep=;"
    if hint:
        text = text[hint.end():]
    rows, sep = records(text, source, hint[1] if hint else None)
    first = 0
    while first < len(rows) and not any(cell.strip() for cell in rows[first]):
        first += 1
    header_row = first + 1  # as the spreadsheet numbers it
    headers = [h.replace("\ufeff", "").strip() for h in rows[first]]
    body = [(number, row) for number, row in enumerate(rows[first + 1:], start=header_row + 1)
            if any(cell.strip() for cell in row)]
    found, matched_notes = match_columns(headers)
    if not found and _one_per_line(text, rows):
        return _lines(text, source, notes)
    if len(headers) == 1 and "deliverable" not in found:
        raise DataError(f"{source} reads as one single column ({headers[0][:60]!r}): its values are not separated "
                        "by commas, semicolons or tabs. Export it again as 'CSV UTF-8 (comma delimited)', or copy "
                        "the rows straight from the spreadsheet, header row included.")
    if not body:
        raise DataError(f"{source} has a header row but no deliverables below it. Add one row per deliverable "
                        f"(see data/{TEMPLATE}).")
    if len(body) > MAX_ROWS:
        raise DataError(f"{source} has {len(body):,} rows; the limit is {MAX_ROWS:,}. {TOO_BIG}")
    problems = _Problems(source)
    if "deliverable" not in found:
        problems.add(f"No column names the deliverable. The header row (row {header_row}) has: "
                     f"{', '.join(repr(h) for h in headers)}. Rename the column that says what the team will "
                     f"build or ship to 'deliverable' (also accepted: {', '.join(SYNONYMS['deliverable'][1:])}).")
    width = len(headers)
    for number, row in body:
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.add(f"Row {number} has {len(row)} values but the header has {width} columns: a "
                         f"{_DELIMITERS[sep]} inside a value? Put that value in double quotes.", number)
    cells = {column: [(number, _cell(row, i)) for number, row in body] for column, i in found.items()}
    out: dict[str, list] = {}
    out["deliverable"] = _text_column(cells.get("deliverable"), body, problems, required="deliverable" in found)
    out["id"] = _ids(cells.get("id"), body, problems, notes)
    for column in ("description", "team"):
        out[column] = _text_column(cells.get(column), body, problems)
    blank = [(number, "") for number, _ in body]
    out["due"] = _dates(cells.get("due", blank), problems, notes, headers[found.get("due", 0)])
    for column in ("goal", "status"):
        out[column] = _text_column(cells.get(column), body, problems)
    out["cost"] = _numbers(cells.get("cost", blank), problems, sep, headers[found.get("cost", 0)])
    problems.raise_if_any()
    frame = pd.DataFrame(out, columns=list(COLUMNS))
    frame["due"] = pd.to_datetime(frame["due"]).astype("datetime64[ns]")
    frame["cost"] = frame["cost"].astype("float64")
    used = set(found.values())
    for i, header in enumerate(headers):
        if i in used or (not header and not any(_cell(row, i) for _, row in body)):
            continue
        name = _unique(header or f"column {i + 1}", frame.columns)
        frame[name] = [_cell(row, i) for _, row in body]
    frame.index = pd.RangeIndex(len(frame))
    frame.attrs["notes"] = notes + matched_notes
    frame.attrs["columns"] = {column: headers[i] for column, i in found.items()}
    frame.attrs["rows"] = [number for number, _ in body]  # each row's number in the spreadsheet
    frame.attrs["source"] = source
    return frame


def _one_per_line(text: str, rows: list[list[str]]) -> bool:
    """A plain list, one deliverable a line and no header: no tab, semicolon, quote or pipe anywhere, and the
    lines do not split into a steady number of comma-separated columns (a name may hold a comma)."""
    if any(mark in text for mark in "\t;\"|"):
        return False
    widths = {len(row) for row in rows if any(cell.strip() for cell in row)}
    return widths == {1} or len(widths) > 1


def _lines(text: str, source: str, notes: list[str]) -> pd.DataFrame:
    """Each non-empty line of ``text`` as one deliverable, rows numbered as the lines are."""
    numbered = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows([["deliverable"], *[[line] for _, line in numbered]])
    count = len(numbered)
    frame = _build(buffer.getvalue(), source, [*notes, f"{source} has no header row: each of its {count} line"
                                              f"{'s' if count != 1 else ''} was read as one deliverable."])
    frame.attrs["rows"] = [number for number, _ in numbered]
    return frame


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def _unique(name: str, taken) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def _text_column(cells, body, problems: _Problems, required: bool = False) -> list[str]:
    if cells is None:
        return [""] * len(body)
    if required:
        for number, value in cells:
            if not value:
                problems.add(f"Row {number}: the deliverable is empty. Name what the team will build or ship, "
                             "or delete the row.", number)
    return [value for _, value in cells]


def _ids(cells, body, problems: _Problems, notes: list[str]) -> list[str]:
    if cells is None:
        return [f"D{n:02d}" for n in range(1, len(body) + 1)]
    given = [value for _, value in cells]
    seen: dict[str, list[int]] = {}
    for number, value in cells:
        if value:
            seen.setdefault(value, []).append(number)
    for value, numbers in seen.items():
        if len(numbers) > 1:
            where = ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
            times = "twice" if len(numbers) == 2 else f"{len(numbers)} times"
            problems.add(f"Rows {where}: the id {value!r} is used {times}. Give each deliverable its own id.",
                         numbers[0])
    blanks = [number for number, value in cells if not value]
    if blanks:
        counter = iter(f"D{n:02d}" for n in range(1, len(body) + len(seen) + 2) if f"D{n:02d}" not in seen)
        given = [value or next(counter) for value in given]
        notes.append(f"Rows {', '.join(map(str, blanks))} had no id; they were given "
                     f"{', '.join(g for (_, v), g in zip(cells, given, strict=True) if not v)}.")
    return given


# -- dates ---------------------------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[-/. ]+([a-z]+)\.?[-/., ]+(\d{2}|\d{4})")
_MONTH_DAY = re.compile(r"([a-z]+)\.?[-/. ]+(\d{1,2})(?:st|nd|rd|th)?,?[-/. ]+(\d{4})")
_TIME = r"(?:[ t]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[ap]m)?(?:z|[+-]\d{2}:?\d{2})?)?"


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, dayfirst: bool = True) -> _dt.date | None:
    """A date written as 2026-12-31, 31/12/2026 (or 12/31/2026 when not ``dayfirst``), 31 Dec 2026,
    December 31, 2026 or Jira's 31/Dec/26 9:00 AM; a time after it is ignored. None when it is not a date."""
    value = text.strip().lower()
    if m := re.fullmatch(_ISO.pattern + _TIME, value):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(_NUMERIC.pattern + _TIME, value):
        first, second = int(m[1]), int(m[2])
        day, month = (first, second) if dayfirst else (second, first)
        return _date(_year(m[3]), month, day)
    if (m := re.fullmatch(_DAY_MONTH.pattern + _TIME, value)) and m[2] in _MONTHS:
        return _date(_year(m[3]), _MONTHS[m[2]], int(m[1]))
    if (m := re.fullmatch(_MONTH_DAY.pattern + _TIME, value)) and m[1] in _MONTHS:
        return _date(int(m[3]), _MONTHS[m[1]], int(m[2]))
    return None


def _date_order(values: list[str]) -> tuple[bool, bool]:
    """(day first?, was it ambiguous?) for the numeric dates of a column: a first part above 12 means
    day/month/year, a second part above 12 month/day/year; with neither, day/month/year is assumed."""
    firsts = seconds = numeric = 0
    for value in values:
        m = re.fullmatch(_NUMERIC.pattern + _TIME, value.strip().lower())
        if m:
            numeric += 1
            firsts += int(m[1]) > 12
            seconds += int(m[2]) > 12
    if seconds > firsts:
        return False, False
    return True, numeric > 0 and firsts == 0


def _dates(cells, problems: _Problems, notes: list[str], header: str) -> list:
    dayfirst, ambiguous = _date_order([value for _, value in cells])
    order = "day/month/year" if dayfirst else "month/day/year"
    out = []
    for number, value in cells:
        if not value:
            out.append(pd.NaT)
            continue
        parsed = parse_date(value, dayfirst)
        if parsed is None:
            swapped = parse_date(value, not dayfirst)
            hint = (f"; the other dates in this column are {order}" if swapped is not None else "")
            example = (swapped or _dt.date(2026, 12, 31)).isoformat()
            problems.add(f"Row {number}: '{header}' is {value!r}, not a date{hint} (write {example}).", number)
            out.append(pd.NaT)
        else:
            out.append(pd.Timestamp(parsed))
    if ambiguous:
        notes.append(f"Dates like 03/04/2026 in '{header}' were read as {order} (3 April 2026). If your file "
                     "means month/day/year, write the dates as 2026-03-04 instead.")
    return out


# -- numbers ---------------------------------------------------------------------------------------------------

_CURRENCY = re.compile(r"[£$€¥₹]|\b(?:eur|usd|gbp|chf|sek|nok|dkk)\b", re.IGNORECASE)


def parse_number(text: str, decimal_comma: bool = False) -> float | None:
    """A number as people type it in a cost column: '12000', '12,000', '€12 000', '12.5k', '1.234,5'
    (``decimal_comma``: a comma alone is the decimal sign, as in semicolon-separated files). None if not one."""
    value = _CURRENCY.sub("", text).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    scale = 1.0
    if value[-1:].lower() == "k":
        value, scale = value[:-1], 1000.0
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        value = value.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in value:
        thousands = re.fullmatch(r"-?\d{1,3}(,\d{3})+", value) and not decimal_comma
        value = value.replace(",", "" if thousands else ".")
    elif decimal_comma and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", value):  # 1.500: fifteen hundred in such a file
        value = value.replace(".", "")
    if not re.fullmatch(r"-?(\d+\.?\d*|\.\d+)", value):
        return None
    return float(value) * scale


def _numbers(cells, problems: _Problems, sep: str, header: str) -> list:
    out = []
    for number, value in cells:
        if not value:
            out.append(float("nan"))
            continue
        parsed = parse_number(value, decimal_comma=sep == ";")
        if parsed is None:
            problems.add(f"Row {number}: '{header}' is {value!r}, not a number (write digits only, e.g. 12000).",
                         number)
            parsed = float("nan")
        out.append(parsed)
    return out


def template_text() -> str:
    """The template that ships as ``data/templates/deliverables-template.csv``: the canonical headers and
    four deliverables from Fernhill's 2026 plan."""
    rows = [
        COLUMNS,
        ("Gear-care emails after each purchase, with a repair offer", "D02",
         "An email two weeks after a purchase on caring for the gear, with a link to book a repair",
         "Marketing", "2026-04-30", "circular gear", "in progress", "70000"),
        ("Online rental booking with deposit payment", "D03",
         "Book and pay for rental kit online before the trip", "Rental", "2026-06-30", "circular gear", "planned",
         "145000"),
        ("Repair booking pages with live workshop slots", "D04",
         "Customers pick a workshop slot online instead of queueing at the till", "Store Operations", "2026-09-30",
         "circular gear", "planned", "90000"),
        ("Trail Rewards app 2.0: a redesign with ten new features", "D01",
         "", "Marketing", "2026-11-30", "repeat purchases", "idea", "370000"),
    ]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


__all__ = ["COLUMNS", "MAX_BYTES", "MAX_ROWS", "SYNONYMS", "TEMPLATE", "load_deliverables", "parse_date",
           "parse_number", "read_deliverables_text", "template_text"]
