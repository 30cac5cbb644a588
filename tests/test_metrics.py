import pandas as pd
import pytest

from workshop_utils import data, metrics
from workshop_utils.errors import WorkshopError


@pytest.fixture(scope="module")
def projects():
    return data.load("projects")


def test_scorecard_tells_the_modules_story(projects):
    card = metrics.scorecard(projects)
    assert card["on_plan"].sum() == 9
    assert card["outcome_met"].sum() == 3
    assert set(card.loc[~card["on_plan"], "project_id"]) == {"P04", "P07", "P12"}
    assert card.set_index("project_id").loc["P04", "outcome_met"], "late and over budget, yet on target"


def test_direction_down_counts_lower_as_better(projects):
    card = metrics.scorecard(projects).set_index("project_id")
    row = projects.set_index("project_id").loc["P06"]
    assert row["direction"] == "down" and row["actual"] < row["target"]
    assert card.loc["P06", "outcome_met"] and card.loc["P06", "outcome_progress"] > 1


def test_scorecard_does_not_change_its_input(projects):
    before = projects.copy()
    metrics.scorecard(projects)
    pd.testing.assert_frame_equal(before, projects)


def test_outcome_progress_scalar_and_errors():
    assert metrics.outcome_progress(10, 20, 15) == 0.5
    assert metrics.outcome_progress(38, 20, 29) == 0.5
    with pytest.raises(WorkshopError, match="equal"):
        metrics.outcome_progress(5, 5, 6)


def test_feature_usage():
    features = data.load("features")
    share = metrics.rarely_used_share(features)
    assert 0.5 < share < 0.9, "most features, as the published estimates find (tests/test_story.py says more)"
    bands = metrics.usage_bands(features)
    assert bands["features"].sum() == len(features)
    assert list(bands["band"]) == ["never", "rarely (<5%)", "sometimes (5-20%)", "often (>20%)"]
    rare = bands.loc[bands["band"].isin(["never", "rarely (<5%)"]), "features"].sum() / len(features)
    assert rare == pytest.approx(share)
    with pytest.raises(WorkshopError, match="threshold"):
        metrics.rarely_used_share(features, threshold=5)
    with pytest.raises(WorkshopError, match="empty"):
        metrics.rarely_used_share(features.iloc[0:0])


def test_missing_columns_are_named():
    with pytest.raises(WorkshopError, match="lacks the column"):
        metrics.scorecard(pd.DataFrame({"project_id": ["P01"]}))
    with pytest.raises(WorkshopError, match="DataFrame"):
        metrics.usage_rate([1, 2])
