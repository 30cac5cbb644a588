"""Module 05's measures: power/interest grid, DACI problems, CD3 and delay cost, say/do and Brier scores,
calibration and hedged bets. Each is pure and says what is wrong with bad input."""

import math

import pandas as pd
import pytest

from workshop_utils import metrics
from workshop_utils.errors import WorkshopError


def _people(**extra):
    return pd.DataFrame({"stakeholder": ["a", "b", "c", "d"], "power": [5, 5, 1, 2], "interest": [5, 1, 4, 2],
                         **extra})


def test_power_interest_quadrant_gives_each_quadrant_its_engagement():
    people = _people()
    grid = metrics.power_interest_quadrant(people)
    assert list(grid["engagement"]) == ["manage closely", "keep satisfied", "keep informed", "monitor"]
    assert "engagement" not in people.columns


def test_power_interest_quadrant_cut_moves_the_line():
    assert metrics.power_interest_quadrant(_people(), cut=2).at[3, "engagement"] == "manage closely"


@pytest.mark.parametrize("frame,says", [
    (pd.DataFrame({"power": [3]}), "interest"),
    (pd.DataFrame({"power": [], "interest": []}), "empty"),
    (pd.DataFrame({"power": [float("nan")], "interest": [3]}), "missing"),
    (pd.DataFrame({"power": ["high"], "interest": [3]}), "not numbers"),
    (pd.DataFrame({"power": [7], "interest": [3]}), "outside"),
    ("not a table", "DataFrame"),
])
def test_power_interest_quadrant_rejects_bad_tables(frame, says):
    with pytest.raises(WorkshopError, match=says):
        metrics.power_interest_quadrant(frame)


def test_owned_share():
    parts = pd.DataFrame({"owned": [True, False, False], "cost_share": [0.2, 0.5, 0.3]})
    assert metrics.owned_share(parts) == pytest.approx(0.2)
    with pytest.raises(WorkshopError, match="True or False"):
        metrics.owned_share(parts.assign(owned=["yes", "no", "no"]))
    with pytest.raises(WorkshopError, match="zero"):
        metrics.owned_share(parts.assign(cost_share=0.0))


def _daci(rows):
    return pd.DataFrame(rows, columns=["decision", "person", "role"])


def test_daci_problems_names_every_problem_per_decision():
    table = _daci([("x", "ann", "Driver"), ("x", "bob", "Approver"), ("x", "cy", "Contributor"),
                   ("y", "ann", "Approver"), ("y", "bob", "Approver"),
                   ("z", "ann", "Driver"), ("z", "bob", "Driver"), ("z", "cy", "Owner")])
    problems = metrics.daci_problems(table)
    assert list(problems["decision"]) == ["y", "y", "z", "z", "z"]
    text = " | ".join(problems["problem"])
    assert "no Driver" in text and "2 Approvers: ann, bob" in text and "2 Drivers" in text
    assert "unknown role 'Owner'" in text and "no Approver" in text


def test_daci_problems_is_empty_for_a_sound_table():
    table = _daci([("x", "ann", "Driver"), ("x", "bob", "Approver"), ("x", "cy", "Informed")])
    problems = metrics.daci_problems(table)
    assert problems.empty and list(problems.columns) == ["decision", "problem"]


@pytest.mark.parametrize("frame,says", [
    (pd.DataFrame({"decision": ["x"], "person": ["a"]}), "role"),
    (_daci([]), "empty"),
    (_daci([("x", None, "Driver")]), "missing"),
])
def test_daci_problems_rejects_bad_tables(frame, says):
    with pytest.raises(WorkshopError, match=says):
        metrics.daci_problems(frame)


def _requests():
    return pd.DataFrame({"request": ["big", "small", "mid"], "cost_of_delay_k": [10, 4, 6],
                         "duration_weeks": [10, 1, 3]})


def test_cd3_and_its_ranking():
    requests = _requests()
    assert list(metrics.cd3(requests)) == [1.0, 4.0, 2.0]
    assert list(metrics.rank_by_cd3(requests)["request"]) == ["small", "mid", "big"]
    assert "cd3" not in requests.columns


def test_delay_cost_counts_each_request_until_it_is_finished():
    requests = _requests()
    assert metrics.delay_cost(requests) == 10 * 10 + 4 * 11 + 6 * 14
    assert metrics.delay_cost(requests, ["small", "mid", "big"]) == 4 * 1 + 6 * 4 + 10 * 14


@pytest.mark.parametrize("change,says", [
    ({"duration_weeks": [0, 1, 3]}, "above zero"),
    ({"cost_of_delay_k": [10, None, 6]}, "missing"),
    ({"cost_of_delay_k": ["a", "b", "c"]}, "not numbers"),
    ({"request": ["a", "a", "b"]}, "same name"),
])
def test_cd3_rejects_bad_requests(change, says):
    with pytest.raises(WorkshopError, match=says):
        metrics.cd3(_requests().assign(**change))


def test_delay_cost_needs_every_request_once():
    with pytest.raises(WorkshopError, match="every request exactly once"):
        metrics.delay_cost(_requests(), ["big", "small"])
    with pytest.raises(WorkshopError, match="list of request names"):
        metrics.delay_cost(_requests(), "big")


def _ledger():
    return pd.DataFrame({
        "team": ["a", "a", "a", "b", "b", "a", "b"],
        "kind": ["forecast", "forecast", "commitment", "forecast", "commitment", "commitment", "commitment"],
        "probability": [0.9, 0.2, None, 0.5, None, None, None],
        "happened": [True, False, True, False, False, False, True],
    })


def test_say_do_ratio_counts_commitments_only():
    assert metrics.say_do_ratio(_ledger()).to_dict() == {"a": 0.5, "b": 0.5}


def test_brier_score_is_the_mean_squared_error_of_the_forecasts():
    scores = metrics.brier_score(_ledger())
    assert scores["a"] == pytest.approx((0.1 ** 2 + 0.2 ** 2) / 2)
    assert scores["b"] == pytest.approx(0.25)


@pytest.mark.parametrize("change,says", [
    ({"probability": [1.5, 0.2, None, 0.5, None, None, None]}, "outside"),
    ({"probability": [None, 0.2, None, 0.5, None, None, None]}, "no probability"),
    ({"happened": [1, 0, 1, 0, 0, 0, 1]}, "True or False"),
    ({"kind": ["commitment"] * 7}, "no forecast"),
])
def test_brier_score_rejects_bad_ledgers(change, says):
    with pytest.raises(WorkshopError, match=says):
        metrics.brier_score(_ledger().assign(**change))


def test_calibration_table_groups_forecasts_by_what_was_said():
    table = metrics.calibration_table(_ledger())
    row = table[(table["team"] == "a") & (table["band"] == "80% to 100%")].iloc[0]
    assert row["forecasts"] == 1 and row["said"] == 0.9 and row["happened"] == 1.0
    with pytest.raises(WorkshopError, match="bins"):
        metrics.calibration_table(_ledger(), bins=(0.2, 0.5))


def _bets():
    return pd.DataFrame({"option": ["A", "A", "B", "B"], "scenario": ["up", "down", "up", "down"],
                         "probability": [0.6, 0.4, 0.6, 0.4], "return_per_k": [1.0, -1.0, 0.2, 0.2]})


def test_split_outcomes_and_bet_summary():
    outcomes = metrics.split_outcomes(_bets(), {"A": 50, "B": 50})
    assert list(outcomes["gain_k"]) == [60.0, -40.0]
    summary = metrics.bet_summary(_bets(), {"one": {"A": 100}, "split": {"A": 50, "B": 50}}).set_index("allocation")
    assert summary.at["one", "expected_k"] == pytest.approx(20) and summary.at["one", "worst_k"] == -100
    assert summary.at["split", "expected_k"] == pytest.approx(20) and summary.at["split", "worst_k"] == -40


@pytest.mark.parametrize("allocation,says", [
    ({"C": 10}, "not one of the options"),
    ({"A": -5}, "negative"),
    ({"A": math.nan}, "missing or infinite"),
    ([("A", 10)], "maps each option"),
])
def test_split_outcomes_rejects_bad_allocations(allocation, says):
    with pytest.raises(WorkshopError, match=says):
        metrics.split_outcomes(_bets(), allocation)


def test_split_outcomes_needs_probabilities_that_add_up():
    with pytest.raises(WorkshopError, match="add up"):
        metrics.split_outcomes(_bets().assign(probability=0.4), {"A": 1})
