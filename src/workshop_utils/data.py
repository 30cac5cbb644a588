"""Load the case-study data sets, typed as their schema says, and a participant's own CSV files.

``load("projects")`` reads ``data/projects.csv`` with the column types of ``data/datapackage.json``.
When the course folder is not on the machine (a hub user who fetched only an assignment folder),
the same rows are regenerated in memory from the seeded generator, so notebooks still run.

``load_csv(path)`` reads any CSV of your own; ``load_deliverables(path)`` and
``read_deliverables_text(text)`` read a team's own deliverables for the capstone
(``workshop_utils.deliverables`` says which columns and formats they accept).
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd

from workshop_utils import casestudy, deliverables, paths
from workshop_utils.deliverables import load_deliverables, read_deliverables_text  # noqa: F401 (the API)
from workshop_utils.errors import DataError

LOAD_CSV_MAX_BYTES = 50 * 1024 * 1024

_PANDAS_TYPES = {"string": "str", "integer": "int64", "number": "float64"}


def available() -> list[str]:
    """Names of the data sets the course provides."""
    return [ds.name for ds in casestudy.all_datasets()]


def _unknown(name) -> DataError:
    return DataError(f"There is no data set called {name!r}. Available: {', '.join(available())}. "
                     "Example: data.load('projects').")


def _typed(frame: pd.DataFrame, fields: list[dict], source: str, fix: str = "Fix that value and load again.") \
        -> pd.DataFrame:
    """Apply Table Schema types to string columns, naming the first bad value if one does not convert."""
    missing = [spec["name"] for spec in fields if spec["name"] not in frame.columns]
    if missing:
        raise DataError(f"In {source}, the column {missing[0]!r} is missing (its columns are: "
                        f"{', '.join(map(str, frame.columns))}). {fix}")
    out = {}
    for spec in fields:
        name, kind = spec["name"], spec.get("type", "string")
        column = frame[name]
        try:
            if kind == "date":
                out[name] = pd.to_datetime(column, format="%Y-%m-%d")
            elif kind == "boolean":
                lowered = column.str.lower()
                bad = ~lowered.isin(["true", "false"])
                if bad.any():
                    raise ValueError(f"{column[bad].iloc[0]!r} is not true/false")
                out[name] = lowered.eq("true")
            elif kind in ("integer", "number"):
                converted = pd.to_numeric(column, errors="coerce")
                bad = converted.isna() & column.notna() & column.ne("")
                if bad.any():
                    raise ValueError(f"{column[bad].iloc[0]!r} is not a number")
                if kind == "integer" and converted.notna().all():
                    if (converted != converted.round()).any():
                        raise ValueError("it holds fractions")
                    converted = converted.astype("int64")
                out[name] = converted
            else:
                out[name] = column.astype("str")
        except ValueError as exc:
            reason = str(exc).splitlines()[0]  # pandas adds advice about format= that is not for participants
            raise DataError(f"In {source}, column {name!r} should hold {kind} values but {reason}. {fix}") from exc
    return pd.DataFrame(out)


def _read(path: Path, source: str) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise DataError(f"No file at {path}. Check the name and folder (the notebook runs in "
                        f"{Path.cwd()}).") from exc
    except IsADirectoryError as exc:
        raise DataError(f"{path} is a folder. Give the path of the CSV file inside it.") from exc
    except pd.errors.EmptyDataError as exc:
        raise DataError(f"{source} is empty. Export it again with a header row.") from exc
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"{source} is not a readable CSV file ({str(exc).splitlines()[0]}). Save it as "
                        "'CSV UTF-8 (comma delimited)' and try again.") from exc


def load(name: str) -> pd.DataFrame:
    """A case-study data set as a DataFrame with the column types its schema declares."""
    if not isinstance(name, str) or name not in available():
        raise _unknown(name)
    ds = casestudy.dataset(name)
    folder = paths.data_dir()
    path = folder / f"{name}.csv" if folder else None
    if path is not None and path.exists():
        frame = _read(path, f"data/{name}.csv")
    else:
        frame = pd.DataFrame(casestudy.rows(ds)).map(casestudy._cell).astype(str)
    restore = (f"Restore the course's copy with `git checkout data/{name}.csv` or `workshop data --write`, "
               "then load again.")
    return _typed(frame, list(ds.fields), f"data set {name!r}", restore)


def load_csv(path, required: list[str] | None = None, types: dict[str, str] | None = None) -> pd.DataFrame:
    """Load your own CSV file, with clear errors about what to fix. The file is only read, never changed.

    ``required`` lists columns that must be present (matched ignoring case and surrounding spaces; the
    column takes the name as you wrote it here); ``types`` maps column -> Table Schema type (string,
    integer, number, date, boolean) to convert, e.g. ``{"baseline": "number"}``. Comma, semicolon and tab
    separated files are read, in UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252.
    """
    if not isinstance(path, (str, Path)):
        raise DataError(f"Give the CSV file's path as text, e.g. 'my-projects.csv' (got {type(path).__name__}).")
    path = Path(path)
    raw = deliverables.read_bytes(path, LOAD_CSV_MAX_BYTES, "Keep only the rows and columns you need, or split "
                                  "the file.")
    text, notes = deliverables.decode(raw, path.name)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=deliverables.delimiter(text), dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError as exc:
        raise DataError(f"{path.name} is empty. Export it again with a header row.") from exc
    except pd.errors.ParserError as exc:
        raise DataError(f"{path.name} is not a readable CSV file ({str(exc).splitlines()[0]}). Save it as "
                        "'CSV UTF-8 (comma delimited)' and try again.") from exc
    frame.columns = [str(c).replace("\ufeff", "").strip() for c in frame.columns]
    by_name = {c.lower(): c for c in frame.columns}
    renames = {by_name[c.strip().lower()]: c for c in [*(required or []), *(types or {})]
               if c not in frame.columns and c.strip().lower() in by_name}
    frame = frame.rename(columns=renames)
    frame.attrs["notes"] = notes
    missing = [c for c in (required or []) if c not in frame.columns]
    if missing:
        raise DataError(f"{path.name} lacks the column(s) {', '.join(missing)}. Its columns are: "
                        f"{', '.join(frame.columns)}. Rename the header row to match.")
    if types:
        unknown = [c for c in types if c not in frame.columns]
        if unknown:
            raise DataError(f"{path.name} has no column {unknown[0]!r} to convert.")
        allowed = {"string", "integer", "number", "date", "boolean"}
        bad = [t for t in types.values() if t not in allowed]
        if bad:
            raise DataError(f"Unknown type {bad[0]!r}; use one of {', '.join(sorted(allowed))}.")
        typed = _typed(frame, [{"name": c, "type": t} for c, t in types.items()], path.name)
        for column in typed:
            frame[column] = typed[column]
    return frame


def verify_checksums(data_dir: Path | None = None) -> list[str]:
    """Problems with the committed data files (size or sha256 differ from datapackage.json)."""
    folder = Path(data_dir or paths.data_dir() or "")
    descriptor_path = folder / "datapackage.json"
    if not descriptor_path.exists():
        return [f"{descriptor_path} is missing"]
    problems = []
    for resource in json.loads(descriptor_path.read_text(encoding="utf-8"))["resources"]:
        path = folder / resource["path"]
        if not path.exists():
            problems.append(f"{resource['path']} is missing")
            continue
        content = path.read_bytes()
        digest = "sha256:" + hashlib.sha256(content).hexdigest()
        if digest != resource["hash"] or len(content) != resource["bytes"]:
            problems.append(f"{resource['path']} does not match its checksum")
    return problems
