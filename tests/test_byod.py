"""Bring your own deliverables: the loader (data.load_deliverables) and the capstone's paste box (byod)."""

import codecs
import json
import os
import stat
import subprocess
import sys

import pandas as pd
import pytest

from workshop_utils import answers, byod, casestudy, data, deliverables
from workshop_utils.errors import DataError, WorkshopError

from . import asuser
from .conftest import ROOT

TEMPLATE = ROOT / "data" / deliverables.TEMPLATE
NB = "06-capstone"
QID = "m06.own_deliverables"

# A Jira Cloud "Export Excel CSV (all fields)", trimmed: duplicate headers (Labels), a custom field, Jira's own
# date format, a description over two lines, and columns the capstone does not use.
JIRA = "".join([
    "Summary,Issue key,Issue id,Issue Type,Status,Project key,Priority,Assignee,Reporter,Created,Due date,Labels,"
    "Labels,Description,Custom field (Story Points),Sprint\n",
    "Click and collect lockers at five stores,FH-101,10001,Epic,In Progress,FH,High,Ana Silva,Bo Li,"
    '12/Jan/26 9:15 AM,30/Apr/26 12:00 AM,stores,,"Lockers for collecting orders after hours.\n'
    'Pilot in two stores first.",13,FH Sprint 4\n',
    "Returns label printed from the app,FH-102,10002,Story,To Do,FH,Medium,,Bo Li,14/Jan/26 10:00 AM,,app,returns,,5,"
    "\n",
    "Size guide on every boot page,FH-103,10003,Story,Done,FH,Low,Chen Wu,Bo Li,02/Feb/26 4:30 PM,"
    "15/Mar/26 12:00 AM,web,,,3,FH Sprint 3\n",
])


def _write(tmp_path, content, name="mine.csv"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def _problems(source, **kwargs) -> str:
    with pytest.raises(DataError) as caught:
        data.load_deliverables(source, **kwargs)
    return str(caught.value)


# -- the template ------------------------------------------------------------------------------------------

def test_the_template_ships_with_the_data_and_loads_cleanly():
    assert TEMPLATE.read_text(encoding="utf-8") == deliverables.template_text() == casestudy.render()[
        deliverables.TEMPLATE], "written by `workshop data --write`, checked by `workshop data --check`"
    frame = data.load_deliverables(TEMPLATE)
    assert list(frame.columns) == list(deliverables.COLUMNS)
    assert 3 <= len(frame) <= 4 and frame["id"].is_unique and frame["deliverable"].ne("").all()
    assert pd.api.types.is_datetime64_any_dtype(frame["due"]) and frame["due"].notna().all()
    assert pd.api.types.is_float_dtype(frame["cost"]) and frame.attrs["notes"] == []
    plan = data.load("plan_2026").set_index("deliverable_id")
    for row in frame.itertuples():
        assert plan.loc[row.id, "deliverable"] == row.deliverable, "the examples are Fernhill's own deliverables"


# -- what comes in -------------------------------------------------------------------------------------------

def test_a_jira_export_reads_with_its_own_headers(tmp_path):
    frame = data.load_deliverables(_write(tmp_path, JIRA, "jira.csv"))
    assert list(frame.columns[:8]) == list(deliverables.COLUMNS)
    assert frame["id"].tolist() == ["FH-101", "FH-102", "FH-103"]
    assert frame["team"].tolist() == ["Ana Silva", "", "Chen Wu"]
    assert frame["status"].tolist() == ["In Progress", "To Do", "Done"]
    assert frame["cost"].tolist() == [13.0, 5.0, 3.0]
    assert frame["due"].dt.strftime("%Y-%m-%d").fillna("").tolist() == ["2026-04-30", "", "2026-03-15"]
    assert frame.loc[0, "description"].splitlines() == ["Lockers for collecting orders after hours.",
                                                        "Pilot in two stores first."]
    extras = list(frame.columns[8:])
    assert extras == ["Issue id", "Issue Type", "Project key", "Priority", "Reporter", "Created", "Labels",
                      "Labels (2)", "Sprint"], "kept, never dropped; duplicate headers made unique"
    assert frame.attrs["columns"]["cost"] == "Custom field (Story Points)"
    assert any("'Issue key' was read as id" in note for note in frame.attrs["notes"])
    assert frame.attrs["rows"] == [2, 3, 4], "spreadsheet rows: the two-line description is one row"


@pytest.mark.parametrize("text,expected", [
    # Azure DevOps query results (US dates, time after them)
    ("ID,Work Item Type,Title,Assigned To,State,Target Date,Effort\n"
     "4711,Feature,Repair booking pages,Store Operations <ops@fernhill.example>,Active,12/31/2026 12:00:00 AM,8\n",
     {"id": "4711", "deliverable": "Repair booking pages", "status": "Active", "due": "2026-12-31", "cost": 8.0}),
    # Trello (Card Name beats List Name; ISO timestamps)
    ("Card ID,Card Name,Card URL,Card Description,Labels,Members,Due Date,List Name\n"
     "5f1a,Rental deposit payments,https://trello.example/c/5f1a,Pay the deposit online,Rental,Dana,"
     "2026-06-30T12:00:00.000Z,Doing\n",
     {"id": "5f1a", "deliverable": "Rental deposit payments", "team": "Dana", "status": "Doing",
      "due": "2026-06-30", "description": "Pay the deposit online"}),
    # Asana ("Name" is the task; "Assignee" beats "Assignee Email"; "Section/Column" is the status)
    ("Task ID,Created At,Completed At,Last Modified,Name,Section/Column,Assignee,Assignee Email,Start Date,Due Date,"
     "Tags,Notes,Projects,Parent task\n"
     "1201,2026-01-05,,2026-02-01,Gear-care emails,Next up,Mo,mo@fernhill.example,2026-02-01,2026-04-30,,"
     "Two weeks after purchase,Circular,\n",
     {"id": "1201", "deliverable": "Gear-care emails", "team": "Mo", "status": "Next up", "due": "2026-04-30",
      "description": "Two weeks after purchase"}),
    # a hand-made sheet: other words, odd case and spacing
    ("  Feature , OWNER,Deadline,Objective,Budget,Why it matters\nTrade-in scheme,Rental,31 Dec 2026,circular gear,"
     "\"€12,500\",more reuse\n",
     {"deliverable": "Trade-in scheme", "team": "Rental", "due": "2026-12-31", "goal": "circular gear",
      "cost": 12500.0, "id": "D01", "Why it matters": "more reuse"}),
])
def test_tracker_exports_and_synonyms(text, expected):
    frame = data.read_deliverables_text(text)
    row = frame.iloc[0]
    for column, value in expected.items():
        got = row[column].strftime("%Y-%m-%d") if column == "due" else row[column]
        assert got == value, (column, got)


def test_header_matching_ignores_case_spacing_and_separators():
    frame = data.read_deliverables_text("\ufeff DELIVERABLE ;Due_Date;Story-Points;ASSIGNEE\nA;2026-01-31;3;X\n")
    assert frame.attrs["columns"] == {"deliverable": "DELIVERABLE", "due": "Due_Date", "cost": "Story-Points",
                                      "team": "ASSIGNEE"}


def test_missing_optional_columns_are_added_empty_and_ids_generated():
    frame = data.read_deliverables_text("deliverable\nLockers\nSize guide\n")
    assert list(frame.columns) == list(deliverables.COLUMNS)
    assert frame["id"].tolist() == ["D01", "D02"] and frame["team"].tolist() == ["", ""]
    assert frame["due"].isna().all() and frame["cost"].isna().all()
    partial = data.read_deliverables_text("id,deliverable\nD01,A\n,B\nD03,C\n")
    assert partial["id"].tolist() == ["D01", "D02", "D03"] and "Rows 3 had no id" in partial.attrs["notes"][0]


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_delimiters_are_detected(separator):
    text = separator.join(["deliverable", "team", "cost"]) + "\n" + separator.join(["A, with comma", "X", "7"]) + "\n"
    if separator == ",":
        text = text.replace("A, with comma", '"A, with comma"')
    frame = data.read_deliverables_text(text)
    assert frame.loc[0, "deliverable"] == "A, with comma" and frame.loc[0, "cost"] == 7.0


def test_rows_copied_from_a_spreadsheet_paste_as_tabs():
    frame = data.load_deliverables("Deliverable\tDue\tBudget\nLockers\t30/04/2026\t1.200,50\n".replace(
        "1.200,50", "1200.50"))
    assert frame.loc[0, "cost"] == 1200.5 and frame.loc[0, "due"] == pd.Timestamp("2026-04-30")


def test_semicolon_files_use_the_decimal_comma():
    frame = data.read_deliverables_text("deliverable;cost\nA;1234,5\nB;1.234,5\nC;12 000\n")
    assert frame["cost"].tolist() == [1234.5, 1234.5, 12000.0]


def test_semicolon_files_read_a_dot_alone_as_the_thousands_separator():
    """A European Excel writes 1.500 for fifteen hundred: read as 1.5 it would shrink a budget a thousandfold."""
    frame = data.read_deliverables_text("deliverable;cost\nPortal;120.000,50\nKiosk;1.500\nLabels;2.000.000\n"
                                        "Emails;2.5\n")
    assert frame["cost"].tolist() == [120000.5, 1500.0, 2000000.0, 2.5]


def test_a_value_longer_than_the_csv_field_limit_is_a_sentence(tmp_path):
    """One enormous value (a file of one long line, a paste with no line breaks) is a DataError, not csv's own."""
    long_value = "x" * 200_000
    with pytest.raises(DataError, match="longer than"):
        data.read_deliverables_text(f"deliverable,team\n{long_value},A\n")
    path = tmp_path / "one-line.csv"
    path.write_text("deliverable\n\"" + long_value + "\"\n", encoding="utf-8")
    with pytest.raises(DataError, match="longer than"):
        data.load_deliverables(path)


def test_excels_sep_line_sets_the_delimiter():
    frame = data.read_deliverables_text("sep=;\ndeliverable;cost\nA, with comma;1,5\n")
    assert frame.loc[0, "deliverable"] == "A, with comma" and frame.loc[0, "cost"] == 1.5
    assert "Row 2: 'cost'" in _problems("sep=,\ndeliverable,cost\nA,x\n"), "Excel hides the sep line"


@pytest.mark.parametrize("text,rows", [
    ("New returns portal\nStore kiosk for returns\n\nRefund status emails\n", [1, 2, 4]),
    ("Returns portal, phase 1\nStore kiosk\nRefund emails, then SMS\n", [1, 2, 3]),
])
def test_one_deliverable_per_line_without_a_header_loads(text, rows):
    """The box and the lesson say 'one per line': a plain list, commas inside names included, is a list."""
    frame = data.read_deliverables_text(text)
    assert frame["deliverable"].tolist() == [line for line in text.splitlines() if line]
    assert frame["id"].tolist() == ["D01", "D02", "D03"] and frame.attrs["rows"] == rows
    assert any("one deliverable" in note for note in frame.attrs["notes"])


def test_a_file_that_reads_as_one_column_says_so():
    message = _problems("title|team\nLockers|Stores\n")
    assert "one single column" in message and "CSV UTF-8" in message
    assert data.read_deliverables_text("Deliverable\nLockers\n")["deliverable"].tolist() == ["Lockers"]


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_unicode_encodings_with_and_without_bom(tmp_path, encoding, bom):
    text = "Deliverable\tTeam\tCost\nCafé lockers — pilot\tÅsa\t€1,200\n"
    frame = data.load_deliverables(_write(tmp_path, bom + text.encode(encoding)))
    assert frame.loc[0, "deliverable"] == "Café lockers — pilot" and frame.loc[0, "team"] == "Åsa"
    assert frame.loc[0, "cost"] == 1200.0 and frame.attrs["notes"] == []


def test_windows_1252_is_read_and_noted(tmp_path):
    path = _write(tmp_path, "deliverable,team,cost\nCafé lockers,Störe,€900\n".encode("cp1252"))
    frame = data.load_deliverables(path)
    assert frame.loc[0, "deliverable"] == "Café lockers" and frame.loc[0, "cost"] == 900.0
    assert "Windows-1252" in frame.attrs["notes"][0]


@pytest.mark.parametrize("content", [b"deliverable\n\x81\x8d\x90 lockers\n", b"d\x00e\x00l\x00\n\x00A\x00\xff\xfe"])
def test_undecodable_bytes_say_save_as_csv_utf8(tmp_path, content):
    assert "Save As > 'CSV UTF-8'" in _problems(_write(tmp_path, content))


@pytest.mark.parametrize("name", ["plan.xlsx", "plan.XLS", "plan.numbers", "plan.ods"])
def test_spreadsheets_get_the_save_as_message(tmp_path, name):
    assert "is a spreadsheet" in _problems(_write(tmp_path, b"PK\x03\x04", name)) and "CSV UTF-8" in _problems(
        tmp_path / name)


def test_a_spreadsheet_renamed_csv_is_recognised(tmp_path):
    assert "spreadsheet saved with a .csv name" in _problems(_write(tmp_path, b"PK\x03\x04\x14\x00rest"))


@pytest.mark.parametrize("content,message", [
    ("", "is empty"),
    ("  \n\n", "is empty"),
    ("deliverable,team,due\n", "has a header row but no deliverables"),
    ("deliverable,team\n,\n\n", "has a header row but no deliverables"),
])
def test_empty_and_header_only_files(tmp_path, content, message):
    assert message in _problems(_write(tmp_path, content))


def test_too_many_rows_and_too_many_bytes(tmp_path, monkeypatch):
    rows = "deliverable\n" + "".join(f"Item {n}\n" for n in range(deliverables.MAX_ROWS + 1))
    message = _problems(_write(tmp_path, rows))
    assert "2,001 rows; the limit is 2,000" in message and "one goal" in message
    monkeypatch.setattr(deliverables, "MAX_BYTES", 1024 * 1024)
    big = _write(tmp_path, "deliverable\n" + "x" * (1024 * 1024) + "\n", "big.csv")
    assert "the limit is 1 MB" in _problems(big) and "split" in _problems(big)
    assert "larger than 1 MB" in _problems(big.read_text())


def test_sources_path_text_and_keyword(tmp_path):
    path = _write(tmp_path, "deliverable\nA\n")
    for frame in (data.load_deliverables(path), data.load_deliverables(str(path)),
                  data.load_deliverables("deliverable\nA\n"), data.load_deliverables(text="deliverable\nA\n"),
                  data.read_deliverables_text("deliverable\r\nA\r\n")):
        assert frame["deliverable"].tolist() == ["A"]
    assert "not both" in _problems(path, text="deliverable\nA\n")
    assert "path as text" in _problems(42) and "No file at" in _problems(tmp_path / "nope.csv")
    assert "is a folder" in _problems(tmp_path)
    assert "read_deliverables_text" in _problems("deliverable,team")


# -- every problem at once --------------------------------------------------------------------------------------

def test_every_problem_is_reported_at_once_with_spreadsheet_row_numbers():
    text = ("id,deliverable,due,cost\n"
            "D01,Lockers,2026-04-30,12000\n"            # row 2: fine
            "D02,,31/13/2026,lots\n"                     # row 3: empty name, bad date, bad number
            "D01,Size guide,2026-02-30,\n"              # row 4: duplicate id, no such day
            '"D04","Returns, printed",2026-05-01,5,extra\n')  # row 5: one value too many
    message = _problems(text)
    lines = message.splitlines()
    assert lines[0] == "The pasted text has 6 problems. Fix them in your spreadsheet and load again:"
    assert lines[1:] == [
        "- Rows 2 and 4: the id 'D01' is used twice. Give each deliverable its own id.",
        "- Row 3: the deliverable is empty. Name what the team will build or ship, or delete the row.",
        "- Row 3: 'due' is '31/13/2026', not a date (write 2026-12-31).",
        "- Row 3: 'cost' is 'lots', not a number (write digits only, e.g. 12000).",
        "- Row 4: 'due' is '2026-02-30', not a date (write 2026-12-31).",
        "- Row 5 has 5 values but the header has 4 columns: a comma inside a value? Put that value in double quotes.",
    ]


def test_a_missing_deliverable_column_is_listed_with_the_row_problems():
    message = _problems("Thing,Due\nLockers,someday\n")
    assert "2 problems" in message and "No column names the deliverable" in message
    assert "'Thing', 'Due'" in message and "title, summary, name" in message and "Row 2: 'Due' is 'someday'" in message


def test_problems_are_capped_with_a_count_of_the_rest():
    text = "deliverable,cost\n" + "".join(f"Item {n},x{n}\n" for n in range(30))
    lines = _problems(text).splitlines()
    assert lines[0].startswith("The pasted text has 30 problems")
    assert len(lines) == 1 + deliverables.MAX_PROBLEMS + 1 and lines[-1] == "- ... and 10 more."
    assert lines[1].startswith("- Row 2:") and lines[20].startswith("- Row 21:")


def test_an_unclosed_quote_is_an_error_and_quotes_inside_values_are_kept():
    assert "never closes" in _problems('deliverable,team\n"Lockers,Stores\nSize guide,Web\n')
    frame = data.read_deliverables_text('deliverable,cost\nTV 5" screen,3\n"Quoted" tail,4\n')
    assert frame["deliverable"].tolist() == ['TV 5" screen', "Quoted tail"] and frame["cost"].tolist() == [3, 4]


def test_leading_blank_rows_keep_the_spreadsheet_numbering():
    message = _problems("\n,,\ndeliverable,cost\nA,x\n")
    assert "Row 4: 'cost' is 'x'" in message


# -- dates and numbers --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,dayfirst,expected", [
    ("2026-12-31", True, "2026-12-31"), ("2026/3/4", True, "2026-03-04"), ("2026-12-31T09:00:00Z", True, "2026-12-31"),
    ("31/12/2026", True, "2026-12-31"), ("03/04/2026", True, "2026-04-03"), ("03/04/2026", False, "2026-03-04"),
    ("31.12.26", True, "2026-12-31"), ("31 Dec 2026", True, "2026-12-31"), ("31-December-2026", True, "2026-12-31"),
    ("December 31, 2026", True, "2026-12-31"), ("Sept 3 2026", True, "2026-09-03"),
    ("3rd March 2026", True, "2026-03-03"),
    ("30/Apr/26 12:00 AM", True, "2026-04-30"), ("12/31/2026 12:00:00 AM", False, "2026-12-31"),
    ("31/13/2026", True, None), ("2026-02-30", True, None), ("next spring", True, None), ("Q3", True, None),
])
def test_parse_date(text, dayfirst, expected):
    parsed = deliverables.parse_date(text, dayfirst)
    assert (parsed.isoformat() if parsed else None) == expected


def test_the_date_order_is_read_from_the_column_and_said_when_assumed():
    us = data.read_deliverables_text("deliverable,due\nA,12/31/2026\nB,03/04/2026\n")
    assert us["due"].dt.strftime("%Y-%m-%d").tolist() == ["2026-12-31", "2026-03-04"] and not us.attrs["notes"]
    ambiguous = data.read_deliverables_text("deliverable,due\nA,03/04/2026\nB,2026-05-01\n")
    assert ambiguous.loc[0, "due"] == pd.Timestamp("2026-04-03")
    assert "read as day/month/year" in ambiguous.attrs["notes"][0] and "2026-03-04" in ambiguous.attrs["notes"][0]
    mixed = _problems("deliverable,due\nA,31/12/2026\nB,30/11/2026\nC,12/31/2026\n")
    assert "Row 4: 'due' is '12/31/2026', not a date; the other dates in this column are day/month/year " \
           "(write 2026-12-31)" in mixed


@pytest.mark.parametrize("text,decimal_comma,expected", [
    ("12000", False, 12000.0), ("12,000", False, 12000.0), ("€12 000", False, 12000.0), ("12.5k", False, 12500.0),
    ("1.234,5", False, 1234.5), ("1,234.5", False, 1234.5), ("1,5", False, 1.5), ("1,500", True, 1.5),
    ("1.500", True, 1500.0), ("1.5", True, 1.5),
    ("-3", False, -3.0), ("USD 70", False, 70.0), ("£1\u00a0200", False, 1200.0), ("about 5", False, None),
    ("5 days", False, None), ("", False, None),
])
def test_parse_number(text, decimal_comma, expected):
    assert deliverables.parse_number(text, decimal_comma) == expected


# -- the file is never touched -------------------------------------------------------------------------------------

def test_the_file_is_never_modified(tmp_path):
    path = _write(tmp_path, JIRA.encode("cp1252", "replace"))
    before = (path.read_bytes(), path.stat().st_mtime_ns, stat.S_IMODE(path.stat().st_mode))
    data.load_deliverables(path)
    _problems(_write(tmp_path, "deliverable,due\n,never\n", "bad.csv"))
    assert (path.read_bytes(), path.stat().st_mtime_ns, stat.S_IMODE(path.stat().st_mode)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "mine.csv"], "nothing written beside it"


def test_a_read_only_file_of_another_account_loads_unchanged_as_an_ordinary_user(tmp_path):
    """A participant loads a colleague's export they may read but not write (root would ignore the mode)."""
    base = asuser.workspace("workshop-byod-")
    try:
        shared = base / "shared"
        shared.mkdir()
        path = shared / "team-plan.csv"
        path.write_text(JIRA, encoding="utf-8", newline="")
        if asuser.as_root():
            os.chown(shared, 0, 0)
            os.chown(path, 0, 0)  # owned by another account than the one loading it
        path.chmod(0o444)
        shared.chmod(0o755)
        before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_uid)
        script = ("import json, sys\nfrom workshop_utils import data\n"
                  "frame = data.load_deliverables(sys.argv[1])\n"
                  "print(json.dumps({'ids': frame['id'].tolist(), 'cols': list(frame.columns[:8])}))\n")
        env = asuser.environment(base / "home", {"PYTHONPATH": str(ROOT / "src")})
        done = subprocess.run(asuser.command([sys.executable, "-c", script, str(path)]), cwd=base, env=env,
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout.strip().splitlines()[-1])
        assert result == {"ids": ["FH-101", "FH-102", "FH-103"], "cols": list(deliverables.COLUMNS)}
        assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_uid) == before
        assert sorted(p.name for p in shared.iterdir()) == ["team-plan.csv"]
    finally:
        asuser.remove(base)


# -- load_csv reads the same files ---------------------------------------------------------------------------------

def test_load_csv_reads_semicolons_other_encodings_and_any_case(tmp_path):
    path = _write(tmp_path, "Name;Baseline\nA;1.5\n".encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]))
    frame = data.load_csv(path, required=["name"], types={"baseline": "number"})
    assert list(frame.columns) == ["name", "baseline"] and frame["baseline"].tolist() == [1.5]
    latin = _write(tmp_path, "name,city\nA,Malmö\n".encode("cp1252"), "latin.csv")
    assert data.load_csv(latin)["city"].tolist() == ["Malmö"]
    with pytest.raises(DataError, match="Save As"):
        data.load_csv(tmp_path / "sheet.ods")


# -- the paste box ---------------------------------------------------------------------------------------------------

def test_the_box_loads_pasted_rows_and_restores_them_after_a_restart(in_tmp):
    box = byod.deliverables_box(QID, NB)
    assert box.frame is None and box.question.title == byod.TITLE
    box.area.value = deliverables.template_text()
    saved = answers.store_for(NB).get(QID)
    assert saved["text"] == deliverables.template_text(), "the paste is saved as it is typed"
    box.load_button.click()
    assert len(box.frame) == 4 and "Loaded 4 deliverables" in box.feedback.value
    assert "run it again" in box.feedback.value, "a cell run before Load (the plan builder) still has the old table"
    assert "<table" in box.table.value and "Repair booking pages" in box.table.value
    expected = box.frame
    answers._STORES.clear()  # as after a kernel restart
    again = byod.deliverables_box(QID, NB)
    assert again.area.value == deliverables.template_text() and "restored" in again.saved.value
    pd.testing.assert_frame_equal(again.frame, expected)
    assert again.frame.attrs == expected.attrs and "<table" in again.table.value


def test_the_box_shows_every_problem_and_keeps_the_paste(in_tmp):
    box = byod.deliverables_box(QID, NB)
    box.area.value = deliverables.template_text()
    box.load_button.click()
    broken = "deliverable,due,cost\n,31/13/2026,lots\nLockers,2026-01-01,5\n"
    box.area.value = broken
    box.load_button.click()
    assert box.area.value == broken and box.frame is None and box.table.value == ""
    for phrase in ("3 problems", "Row 2: the deliverable is empty", "&#x27;31/13/2026&#x27;, not a date",
                   "&#x27;lots&#x27;, not a number"):
        assert phrase in box.feedback.value
    assert "Traceback" not in box.feedback.value
    answers._STORES.clear()
    again = byod.deliverables_box(QID, NB)
    assert again.area.value == broken and again.frame is None, "the failed paste comes back, without stale rows"


def test_the_box_loads_a_file_and_explains_empty_input(in_tmp):
    box = byod.deliverables_box(QID, NB)
    box.load_button.click()
    assert "Nothing is pasted yet" in box.feedback.value
    box.file_button.click()
    assert "Type the path" in box.feedback.value
    (in_tmp / "plan.csv").write_text(JIRA, encoding="utf-8")
    box.path.value = "plan.csv"
    box.file_button.click()
    assert box.frame["id"].tolist() == ["FH-101", "FH-102", "FH-103"] and "Note: " in box.feedback.value
    box.path.value = "plan.xlsx"
    box.file_button.click()
    assert "CSV UTF-8" in box.feedback.value and box.path.value == "plan.xlsx"
    answers._STORES.clear()
    assert byod.deliverables_box(QID, NB).path.value == "plan.xlsx"


def test_the_box_is_labelled_and_rejects_a_wrong_answer_value(in_tmp):
    box = byod.deliverables_box(QID, NB)
    assert box.area.description and box.path.description and box.load_button.tooltip and box.file_button.tooltip
    assert "role=\"status\"" in box.feedback.value or box.feedback.value == ""
    with pytest.raises(WorkshopError, match="dictionary"):
        box.answer = "just text"
    box.answer = {"text": "deliverable\nLockers\n", "path": ""}
    assert box.area.value == "deliverable\nLockers\n" and box.frame is None
    with pytest.raises(WorkshopError):
        byod.deliverables_box("not-an-id", NB)


def test_the_participants_page_lists_every_accepted_header():
    page = (ROOT / "docs" / "bring-your-own-deliverables.md").read_text(encoding="utf-8")
    for column, names in deliverables.SYNONYMS.items():
        row = next(line for line in page.splitlines() if line.startswith(f"| `{column}`"))
        assert row.rstrip(" |").endswith(", ".join(names[1:])), column
    assert deliverables.TEMPLATE in page and f"{deliverables.MAX_ROWS:,} rows" in page
