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


# --- Module 03: measuring and recalibrating ----------------------------------------------------


def test_okr_score_clips_to_zero_and_one_and_works_for_targets_that_go_down():
    assert metrics.okr_score(10, 20, 15) == 0.5
    assert metrics.okr_score(10, 20, 30) == 1.0, "overshooting scores 1, not 2"
    assert metrics.okr_score(10, 20, 5) == 0.0, "going backwards scores 0, not below"
    assert metrics.okr_score(9, 5, 7) == 0.5, "a target that goes down: 9 to 5, now 7"
    assert metrics.okr_score(9, 5, 10) == 0.0 and metrics.okr_score(9, 5, 4) == 1.0
    scores = metrics.okr_score(pd.Series([10, 9]), pd.Series([20, 5]), pd.Series([25, 8]))
    assert list(scores) == [1.0, 0.25]


@pytest.mark.parametrize("args,message", [
    ((5, 5, 6), "equals the baseline"),
    ((float("nan"), 5, 6), "missing"),
    (("10", 20, 15), "must be a number"),
    ((True, 20, 15), "must be a number"),
    ((pd.Series([1.0, None]), pd.Series([2, 3]), pd.Series([2, 3])), "missing values"),
    ((pd.Series([1, 2]), pd.Series([1, 3]), pd.Series([2, 3])), "equal to its baseline"),
    ((pd.Series(["a"]), pd.Series([1]), pd.Series([1])), "must hold numbers"),
    ((pd.Series([], dtype=float), pd.Series([], dtype=float), pd.Series([], dtype=float)), "empty"),
])
def test_okr_score_rejects_bad_input_with_a_sentence(args, message):
    with pytest.raises(WorkshopError, match=message):
        metrics.okr_score(*args)


def test_trend_and_decision_follow_the_straight_line_from_baseline_to_target():
    # Baseline 10, target 30: the line asks for 15 by the end of Q1, 20 by Q2.
    assert metrics.expected_progress("Q2") == 0.5
    assert metrics.trend_status(10, 30, 18, "Q2") == "on track"       # 0.4 of 0.5: within a quarter
    assert metrics.trend_status(10, 30, 16, "Q2") == "off track"
    assert metrics.recalibrate(10, 30, 18, "Q2") == "continue"
    assert metrics.recalibrate(10, 30, 14, "Q2") == "pivot"
    assert metrics.recalibrate(10, 30, 11, "Q2") == "stop"
    assert metrics.recalibrate(10, 30, 8, "Q2") == "stop", "moving the wrong way"
    assert metrics.recalibrate(40, 20, 32, "Q2") == "continue", "a target that goes down"
    with pytest.raises(WorkshopError, match="Q1, Q2, Q3, Q4"):
        metrics.expected_progress("Q5")
    with pytest.raises(WorkshopError, match="tolerance"):
        metrics.trend_status(10, 30, 18, "Q2", tolerance=1.5)


def test_quarterly_status_adds_columns_without_changing_its_input():
    table = pd.DataFrame({"quarter": ["Q1", "Q2"], "baseline": [10.0, 10.0], "target": [30.0, 30.0],
                          "actual": [15.0, 11.0]})
    before = table.copy()
    out = metrics.quarterly_status(table)
    pd.testing.assert_frame_equal(before, table)
    assert list(out["expected"]) == [15.0, 20.0] and list(out["decision"]) == ["continue", "stop"]
    assert list(out["status"]) == ["on track", "off track"]
    with pytest.raises(WorkshopError, match="lacks the column"):
        metrics.quarterly_status(table.drop(columns="actual"))
    with pytest.raises(WorkshopError, match="empty"):
        metrics.quarterly_status(table.iloc[0:0])
    with pytest.raises(WorkshopError, match="missing"):
        metrics.quarterly_status(table.assign(actual=[15.0, float("nan")]))


def _weekly(lead: int = 3, weeks: int = 60) -> pd.DataFrame:
    import random

    rng = random.Random(4)
    driver = [rng.gauss(0, 1) for _ in range(weeks)]
    same_week = [rng.gauss(0, 1) for _ in range(weeks)]
    outcome = [(driver[t - lead] if t >= lead else 0) * 2 + same_week[t] + rng.gauss(0, 0.3) for t in range(weeks)]
    return pd.DataFrame({"driver": driver, "same_week": same_week, "outcome": outcome})


def test_lagged_correlation_finds_how_many_weeks_an_input_leads():
    weekly = _weekly(lead=3)
    table = metrics.lagged_correlation(weekly, "driver", "outcome", max_lag=6)
    assert list(table.columns) == ["lag_weeks", "correlation"] and list(table["lag_weeks"]) == list(range(7))
    assert metrics.best_lead(table)[0] == 3 and metrics.best_lead(table)[1] > 0.7
    same = metrics.lagged_correlation(weekly, "same_week", "outcome", max_lag=6)
    assert metrics.best_lead(same)[0] == 0, "a same-week correlate peaks at lag 0: it does not lead"


@pytest.mark.parametrize("kwargs,message", [
    ({"input": "nope"}, "lacks the column"),
    ({"max_lag": -1}, "whole number"),
    ({"max_lag": 2.5}, "whole number"),
    ({"max_lag": 59}, "too few"),
])
def test_lagged_correlation_rejects_bad_input(kwargs, message):
    args = {"frame": _weekly(), "input": "driver", "outcome": "outcome", "max_lag": 4, **kwargs}
    with pytest.raises(WorkshopError, match=message):
        metrics.lagged_correlation(**args)


def test_lagged_correlation_rejects_gaps_text_and_other_types():
    weekly = _weekly()
    with pytest.raises(WorkshopError, match="missing weeks"):
        metrics.lagged_correlation(weekly.assign(driver=[None] + list(weekly["driver"][1:])), "driver", "outcome")
    with pytest.raises(WorkshopError, match="must hold numbers"):
        metrics.lagged_correlation(weekly.assign(driver="x"), "driver", "outcome")
    with pytest.raises(WorkshopError, match="DataFrame"):
        metrics.lagged_correlation([1, 2, 3], "driver", "outcome")
    with pytest.raises(WorkshopError, match="no correlations"):
        metrics.best_lead(pd.DataFrame({"lag_weeks": [], "correlation": []}))


def test_an_experiment_ships_only_on_a_win_with_no_guardrail_breached():
    assert metrics.experiment_result((0.2, 1.4)) == "win"
    assert metrics.experiment_result((-1.0, -0.1)) == "loss"
    assert metrics.experiment_result((-0.5, 2.5)) == "inconclusive"
    assert metrics.experiment_decision((0.2, 1.4)) == "ship"
    assert metrics.experiment_decision((0.2, 1.4), {"refund time": (-0.3, 0.4)}) == "ship"
    assert metrics.experiment_decision((0.2, 1.4), {"refund time": (-0.9, -0.2)}) == "don't ship"
    assert metrics.experiment_decision((-0.5, 2.5)) == "don't ship", "a big point estimate crossing 0 is no win"


@pytest.mark.parametrize("primary,guardrails,message", [
    ((1, 0), None, "low end first"),
    ((0.1,), None, "pair"),
    ("0.1, 0.2", None, "pair"),
    ((0.1, float("nan")), None, "missing"),
    ((0.1, 0.2), [(0, 1)], "maps each guardrail"),
    ((0.1, 0.2), {"calls": (0, "x")}, "must be a number"),
])
def test_experiment_decision_rejects_bad_input(primary, guardrails, message):
    with pytest.raises(WorkshopError, match=message):
        metrics.experiment_decision(primary, guardrails)
# --- Module 04: adoption by segment, investments beyond code, cost after first release ---
def _adoption_frame():
    return pd.DataFrame({"segment": ["a", "a", "a", "b", "b", "b"],
                         "quarter": ["2024-Q2", "2024-Q1", "2024-Q3"] * 2,
                         "eligible": [10] * 3 + [40] * 3, "new_adopters": [3, 1, 2, 0, 4, 6]})


def test_cumulative_adoption_adds_up_each_segment_in_quarter_order():
    frame = _adoption_frame()
    before = frame.copy()
    table = metrics.cumulative_adoption(frame)
    pd.testing.assert_frame_equal(frame, before)  # the input is not changed
    a = table[table["segment"] == "a"]
    assert list(a["quarter"]) == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert list(a["adopters"]) == [1, 4, 6] and list(a["cumulative_share"]) == [0.1, 0.4, 0.6]
    assert list(a["new_share"]) == [0.1, 0.3, 0.2]
    assert table[table["segment"] == "b"]["cumulative_share"].iloc[-1] == 0.25


@pytest.mark.parametrize("change,message", [
    (lambda f: f.drop(columns="eligible"), "lacks the column"),
    (lambda f: f.iloc[0:0], "empty"),
    (lambda f: f.assign(new_adopters=[3, None, 2, 0, 4, 6]), "missing values"),
    (lambda f: f.assign(new_adopters=["3", "1", "2", "0", "4", "6"]), "not numbers"),
    (lambda f: f.assign(new_adopters=[3, -1, 2, 0, 4, 6]), "negative"),
    (lambda f: f.assign(eligible=0), "eligible > 0"),
    (lambda f: f.assign(quarter="2024-Q1"), "same segment and quarter"),
    (lambda f: f.assign(new_adopters=[9, 9, 9, 0, 4, 6]), "more adopters than eligible"),
    (lambda f: f["segment"], "DataFrame"),
])
def test_cumulative_adoption_rejects_bad_tables(change, message):
    with pytest.raises(WorkshopError, match=message):
        metrics.cumulative_adoption(change(_adoption_frame()))


@pytest.mark.parametrize("share,category", [(0.0, "innovators"), (0.02, "innovators"), (0.025, "early adopters"),
                                            (0.159, "early adopters"), (0.16, "early majority"),
                                            (0.49, "early majority"), (0.5, "late majority"), (0.83, "late majority"),
                                            (0.84, "laggards"), (1, "laggards")])
def test_rogers_categories_are_read_on_the_cumulative_share(share, category):
    assert metrics.rogers_category(share) == category


def test_rogers_shares_are_the_convention():
    assert [part for _, part in metrics.ROGERS_CATEGORIES] == [0.025, 0.135, 0.34, 0.34, 0.16]
    assert abs(sum(part for _, part in metrics.ROGERS_CATEGORIES) - 1) < 1e-12


@pytest.mark.parametrize("share", [-0.1, 1.5, 45, float("nan"), "0.4", None, True])
def test_rogers_category_rejects_what_is_not_a_share(share):
    with pytest.raises(WorkshopError):
        metrics.rogers_category(share)


def _cohorts():
    return pd.DataFrame({"cohort": ["big", "small", "none"], "training": [True, True, False],
                         "people": [100, 10, 50], "adopters": [20, 8, 10]})


def test_adoption_by_investment_pools_rates_rather_than_averaging_them():
    split = metrics.adoption_by_investment(_cohorts(), "training").set_index("training")
    assert split.at["with", "adopters"] == 28 and split.at["with", "people"] == 110
    assert split.at["with", "rate"] == round(28 / 110, 4)  # not (0.2 + 0.8) / 2
    assert split.at["without", "rate"] == 0.2 and split.at["without", "cohorts"] == 1


def test_investment_effects_set_counts_beside_rates():
    frame = _cohorts().assign(support=[False, False, True])
    effects = metrics.investment_effects(frame, ["training", "support"]).set_index("investment")
    assert effects.at["training", "adopters_with"] == 28
    assert effects.at["support", "difference"] == round(0.2 - 28 / 110, 4)
    assert list(metrics.investment_effects(frame, "training")["investment"]) == ["training"]


@pytest.mark.parametrize("change,investment,message", [
    (lambda f: f, "support", "lacks the column"),
    (lambda f: f.assign(training=["yes", "yes", "no"]), "training", "True or False"),
    (lambda f: f.assign(adopters=[200, 8, 10]), "training", "more adopters than people"),
    (lambda f: f.iloc[0:0], "training", "empty"),
    (lambda f: f.assign(people=[100.0, None, 50.0]), "training", "missing values"),
    (lambda f: f, 3, "Name the investment"),
])
def test_adoption_by_investment_rejects_bad_input(change, investment, message):
    with pytest.raises(WorkshopError, match=message):
        metrics.adoption_by_investment(change(_cohorts()), investment)


def test_investment_effects_need_an_investment():
    with pytest.raises(WorkshopError, match="at least one"):
        metrics.investment_effects(_cohorts(), [])


def _costs():
    return pd.DataFrame({"phase": ["before first release", "after first release", "after first release"],
                         "cost_k": [100, 150, 50]})


def test_after_release_share_divides_by_the_whole_lifetime():
    assert metrics.after_release_share(_costs()) == 200 / 300


@pytest.mark.parametrize("change,message", [
    (lambda f: f.drop(columns="phase"), "lacks the column"),
    (lambda f: f.assign(phase=["build", "run", "run"]), "phase should be"),
    (lambda f: f.assign(cost_k=0), "add up to zero"),
    (lambda f: f.assign(cost_k=[100, None, 50]), "missing values"),
    (lambda f: f.iloc[0:0], "empty"),
    (lambda f: f.assign(cost_k=["100", "150", "50"]), "not numbers"),
])
def test_after_release_share_rejects_bad_tables(change, message):
    with pytest.raises(WorkshopError, match=message):
        metrics.after_release_share(change(_costs()))
# --- end of Module 04 ---
