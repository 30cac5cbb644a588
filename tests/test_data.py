import json
import shutil

import pandas as pd
import pytest

from workshop_utils import casestudy, data, paths
from workshop_utils.errors import DataError

from .conftest import ROOT


def test_load_gives_schema_types():
    projects = data.load("projects")
    assert len(projects) == 12
    assert pd.api.types.is_datetime64_any_dtype(projects["planned_end"])
    assert pd.api.types.is_integer_dtype(projects["budget_k"])
    assert pd.api.types.is_float_dtype(projects["baseline"])
    assert projects["project_id"].is_unique
    features = data.load("features")
    assert set(features["project_id"]) <= set(projects["project_id"]), "foreign key holds"


def test_unknown_name_lists_the_available_sets():
    with pytest.raises(DataError, match="Available: " + ", ".join(data.available())):
        data.load("projetcs")
    assert {"features", "projects"} <= set(data.available())
    with pytest.raises(DataError):
        data.load(None)


def test_regenerating_reproduces_the_committed_files(tmp_path):
    assert casestudy.differences(ROOT / "data") == []
    casestudy.write(tmp_path)
    for rel in casestudy.render():
        assert (tmp_path / rel).read_bytes() == (ROOT / "data" / rel).read_bytes(), rel


def test_difference_is_detected(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "projects.csv").write_text("changed\n")
    (tmp_path / "data" / "cards" / "features.md").unlink()
    assert casestudy.differences(tmp_path / "data") == ["projects.csv (differs)", "cards/features.md (missing)"]


def test_data_streams_are_independent_and_seeded():
    projects = casestudy.dataset("projects")
    assert casestudy.rows(projects) == casestudy.rows(projects)
    assert casestudy.rows(projects, seed=1) != casestudy.rows(projects)
    # every data set draws from a stream named after itself: no data set depends on another's draws
    assert casestudy.rng_for("projects").random() != casestudy.rng_for("features").random()


def test_datapackage_is_valid_frictionless():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(ROOT / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_datapackage_describes_provenance_and_licence():
    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:
        assert "Synthetic" in resource["description"]
        assert resource["hash"].startswith("sha256:") and resource["schema"]["primaryKey"]
        assert all(f.get("description") for f in resource["schema"]["fields"])
        assert (ROOT / "data" / "cards" / f"{resource['name']}.md").exists()


def test_checksums_detect_tampering(tmp_path):
    assert data.verify_checksums(ROOT / "data") == []
    shutil.copytree(ROOT / "data", tmp_path / "data")
    with open(tmp_path / "data" / "projects.csv", "a") as handle:
        handle.write("\n")
    (tmp_path / "data" / "features.csv").unlink()
    problems = data.verify_checksums(tmp_path / "data")
    assert problems == ["features.csv is missing", "projects.csv does not match its checksum"]
    assert data.verify_checksums(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere' / 'datapackage.json'} is missing"]


def test_without_the_course_folder_data_is_generated_identically(tmp_path, monkeypatch):
    from_files = data.load("projects")
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path))  # an empty folder: no CSV files
    generated = data.load("projects")
    pd.testing.assert_frame_equal(from_files, generated)


def test_course_root_discovery(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT / "notebooks")
    assert paths.course_root() == ROOT
    monkeypatch.setenv("WORKSHOP_COURSE_ROOT", str(tmp_path))
    assert paths.course_root() == tmp_path
    assert paths.data_dir() == tmp_path / "data"


def test_load_csv_happy_path(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,baseline,due,done\nA,1.5,2026-01-31,true\nB,2,2026-02-28,FALSE\n")
    frame = data.load_csv(path, required=["name"], types={"baseline": "number", "due": "date", "done": "boolean"})
    assert frame["baseline"].tolist() == [1.5, 2.0]
    assert frame["done"].tolist() == [True, False]
    assert pd.api.types.is_datetime64_any_dtype(frame["due"])
    ints = data.load_csv(path, types={"baseline": "string"})
    assert ints["baseline"].tolist() == ["1.5", "2"]


@pytest.mark.parametrize("content,kwargs,message", [
    (None, {}, "No file at"),
    ("", {}, "is empty"),
    ("a,b\n1,2\n", {"required": ["name"]}, "lacks the column"),
    ("a,b\n1,x\n", {"types": {"b": "number"}}, "'x' is not a number"),
    ("a,b\n1,1.5\n", {"types": {"b": "integer"}}, "fractions"),
    ("a,b\n1,maybe\n", {"types": {"b": "boolean"}}, "not true/false"),
    ("a,b\n1,31/01/2026\n", {"types": {"b": "date"}}, "should hold date"),
    ("a,b\n1,2\n", {"types": {"c": "number"}}, "no column 'c'"),
    ("a,b\n1,2\n", {"types": {"b": "decimal"}}, "Unknown type"),
    ('a,b\n"1,2\n', {}, "not a readable CSV"),
])
def test_load_csv_errors_say_what_to_do(tmp_path, content, kwargs, message):
    path = tmp_path / "mine.csv"
    if content is not None:
        path.write_text(content)
    with pytest.raises(DataError, match=message):
        data.load_csv(path, **kwargs)


def test_load_csv_rejects_spreadsheets_and_non_paths(tmp_path):
    with pytest.raises(DataError, match="Save As"):
        data.load_csv(tmp_path / "book.xlsx")
    with pytest.raises(DataError, match="path as text"):
        data.load_csv(42)


def test_a_damaged_course_file_says_how_to_restore_it(tmp_path, monkeypatch):
    original = (ROOT / "data" / "projects.csv").read_text()
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path))
    (tmp_path / "projects.csv").write_text(original.replace("project_id", "projectid", 1))
    with pytest.raises(DataError, match=r"'project_id' is missing.*workshop data --write"):
        data.load("projects")
    header, first, *rest = original.splitlines()
    date_column = header.split(",").index("start")
    cells = first.split(",")
    cells[date_column] = "31/12/2025"
    (tmp_path / "projects.csv").write_text("\n".join([header, ",".join(cells), *rest]) + "\n")
    with pytest.raises(DataError) as caught:
        data.load("projects")
    assert "git checkout data/projects.csv" in str(caught.value) and "format=" not in str(caught.value)
    with pytest.raises(DataError, match="is a folder"):
        data.load_csv(tmp_path)
