"""Module 05's case data tells the story its lesson and its keys rely on, on the committed CSVs.

One assertion per designed pattern, so that a changed table cannot silently break a lesson sentence ("the team
owns less than a fifth of its cost to serve", "Digital keeps its dates and forecasts badly") or an item's trap
(the busiest DACI table that is sound, the request worth most per week that should not go first).
"""

import re

import pandas as pd
import pytest

from workshop_utils import checks, data, metrics
from workshop_utils.course import m05


def test_the_team_owns_less_than_a_fifth_of_its_cost_to_serve():
    parts = data.load("cost_to_serve")
    assert metrics.owned_share(parts) < 0.2
    assert abs(parts["cost_share"].sum() - 1) < 1e-9
    assert {"customer service", "stores"} <= set(parts.loc[~parts["owned"], "owner"])


def test_the_fernhill_grid_has_a_loud_low_power_and_a_quiet_budget_holder_in_each_quadrant():
    grid = metrics.power_interest_quadrant(data.load("fernhill_stakeholders")).set_index("stakeholder")
    assert set(grid["engagement"]) == set(m05.QUADRANTS)
    assert grid.at["Finance director", "engagement"] == "keep satisfied"
    assert grid.at["Finance director", "voice"] == "quiet"
    assert grid.at["Store managers' forum", "engagement"] == "keep informed"
    assert grid.at["Store managers' forum", "voice"] == "loud"
    loud = grid[grid["voice"] == "loud"]
    assert set(loud["engagement"]) != {"manage closely"}, "loudness does not sort the grid"


def test_the_graded_grid_beats_the_loud_or_senior_cue():
    right = sum(m05._GRID_MISCONCEPTION[item] == label for item, label in m05.GRID_KEY.items())
    assert right / len(m05.GRID_KEY) <= 0.6
    assert set(m05.GRID_KEY.values()) == set(m05.QUADRANTS)


def test_fernhill_has_one_sound_decision_and_the_lesson_names_two_problems():
    problems = metrics.daci_problems(data.load("fernhill_daci"))
    assert sorted(problems["problem"].str.split(":").str[0]) == ["2 Approvers", "no Driver"]
    assert "Charge for returns sent by post" not in set(problems["decision"])


def test_the_outpatient_decisions_have_four_kinds_of_problem_and_two_sound_decoys():
    daci = data.load("outpatient_daci")
    problems = metrics.daci_problems(daci)
    kinds = set(problems["problem"].str.split(":").str[0])
    assert kinds == {"2 Approvers", "2 Drivers", "no Driver", "no Approver"}
    sound = set(daci["decision"]) - set(problems["decision"])
    assert len(sound) == 2
    busiest = daci.groupby("decision").size().idxmax()
    assert busiest in sound, "the decision with the most people is sound: a committee look is not a problem"


@pytest.mark.parametrize("name", ["fernhill_requests", "outpatient_requests"])
def test_cd3_order_differs_from_cost_of_delay_order_and_saves(name):
    requests = data.load(name)
    ranked = metrics.rank_by_cd3(requests)
    by_cod = requests.sort_values("cost_of_delay_k", ascending=False)
    assert ranked["request"].iloc[0] != by_cod["request"].iloc[0]
    assert metrics.delay_cost(requests, ranked["request"]) < metrics.delay_cost(requests, by_cod["request"])
    shortest = requests.sort_values("duration_weeks")["request"]
    assert metrics.delay_cost(requests, ranked["request"]) < metrics.delay_cost(requests, shortest)


def test_the_graded_saving_and_its_slips_are_all_distinct():
    keys = m05._keys()
    values = [keys[k] for k in ("saving", "cd3_cost", "cod_cost", "saving_over_listed", "saving_over_shortest",
                                "cd3_waiting_only", "fernhill_saving")]
    assert len({round(v, 1) for v in values}) == len(values)
    assert keys["cod_first"].startswith("The transport contractor")


def test_fernhill_ledger_forecasts_are_module_03s_calls():
    ledger = data.load("fernhill_ledger")
    status = metrics.quarterly_status(data.load("quarterly_2026"))
    forecasts = ledger[ledger["kind"] == "forecast"]
    for row in forecasts.itertuples():
        did = row.claim.split()[0]
        match = status[(status["deliverable_id"] == did) & (status["quarter"] == row.quarter)]
        assert bool(match["status"].iloc[0] == "on track") == bool(row.happened), row.claim


def test_digital_keeps_its_dates_and_forecasts_badly_stores_and_service_the_reverse():
    """The lesson: keeping delivery promises and being right about outcomes are two different records."""
    ledger = data.load("fernhill_ledger")
    say_do, brier = metrics.say_do_ratio(ledger), metrics.brier_score(ledger)
    assert say_do["Digital"] > say_do["Stores and service"]
    assert brier["Digital"] > 0.25 > brier["Stores and service"]


def test_northvale_patient_access_beats_a_coin_and_the_other_team_does_not():
    keys = m05._keys()
    assert keys["brier"] < 0.25 < keys["brier_other"]
    assert keys["say_do"]["Outpatients digital"] > keys["say_do"]["Patient access"]
    for slip in ("brier_other", "brier_pooled", "brier_absolute", "brier_inverted"):
        assert abs(keys["brier"] - keys[slip]) > 0.01, slip


@pytest.mark.parametrize("name,budget,returns", [
    ("fernhill_bets", m05.FERNHILL_BUDGET_K, m05.FERNHILL_RETURNS),
    ("outpatient_bets", m05.OUTPATIENT_BUDGET_K, m05.OUTPATIENT_RETURNS)])
def test_one_big_bet_has_the_higher_expected_value_and_the_worse_worst_case(name, budget, returns):
    bets = data.load(name)
    best = max(returns, key=lambda o: float(metrics.bet_summary(bets, {o: {o: budget}})["expected_k"].iloc[0]))
    even = {option: budget / len(returns) for option in returns}
    summary = metrics.bet_summary(bets, {"one": {best: budget}, "split": even}).set_index("allocation")
    assert summary.at["one", "expected_k"] > summary.at["split", "expected_k"]
    assert summary.at["one", "worst_k"] < 0 < summary.at["split", "worst_k"]


def test_the_graded_split_keeps_a_gain_and_its_slips_are_distinct():
    keys = m05._keys()
    assert keys["worst"] > 0 > keys["one_bet_worst"]
    assert sum(m05.OUTPATIENT_SPLIT.values()) == m05.OUTPATIENT_BUDGET_K
    values = [keys[k] for k in ("worst", "split_expected", "one_bet_worst", "even_worst", "split_best",
                                "split_weighted_worst")]
    assert len({round(v, 1) for v in values}) == len(values)


def test_the_verdict_matches_the_numbers():
    keys = m05._keys()
    fits = {row.text: row.fits for row in m05.VERDICT}
    assert fits[m05.VERDICT[0].text] == (keys["saving"] > 0)
    assert fits[m05.VERDICT[2].text] == (keys["brier"] < 0.25)
    assert fits[m05.VERDICT[4].text] == (keys["worst"] > 0 > keys["one_bet_worst"])


def test_the_ledgers_fit_their_schema():
    for name in ("fernhill_ledger", "outpatient_ledger"):
        ledger = data.load(name)
        commitments = ledger[ledger["kind"] == "commitment"]
        assert commitments["probability"].isna().all()
        assert not ledger.loc[ledger["kind"] == "forecast", "probability"].isna().any()
        assert isinstance(ledger, pd.DataFrame)


_COMMON = {"from", "hospital", "with", "into", "every", "that", "their", "more", "tool"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in _COMMON}


def _restates(ask: str, deliverable: str) -> bool:
    said = _words(ask)
    return all(any(token.startswith(word) for token in said) for word in _words(deliverable))


def test_no_request_or_business_case_asks_for_what_module_03_shows_northvale_has_shipped():
    """Module 03's graded data shows Northvale's transport booking from the reminder text live and used (H10, and a
    kept commitment in the ledger): a request, or the business case, that asks the contractor for it again reads as
    a contradiction to anyone who did module 03."""
    from workshop_utils.course import m03

    questions = {q.qid: q for q in m05.QUESTIONS}
    asks = [r["request"] for r in m05.OUTPATIENT_REQUESTS] + [questions["m05.case"].prompt,
                                                              m05.CASE_RUBRIC["the ask (0.5)"]]
    shipped = [t.deliverable for t in m03._HOSPITAL_TRACKS if t.delivery[-1] == "on time"]
    assert any("transport" in d.lower() for d in shipped)
    clashes = [(ask, d) for ask in asks for d in shipped if _restates(ask, d)]
    assert not clashes, clashes


@pytest.mark.parametrize("make", [
    lambda: metrics.daci_problems(data.load("outpatient_daci")),  # the problems table itself
    lambda: data.load("outpatient_daci"),  # the roles table
])
def test_a_table_given_as_the_decision_roles_answer_is_named_as_a_table(in_tmp, make):
    """A participant who types q2.answer = metrics.daci_problems(roles) hands over a DataFrame: iterated, it gives
    its column names, and "'decision' is not one of the options" sends them looking for a typo. Say it is a table,
    say which column to take, and keep the widget as it was."""
    from workshop_utils import widgets
    from workshop_utils.errors import WorkshopError

    q = widgets.choose("m05.daci", m05.NOTEBOOK)
    with pytest.raises(WorkshopError, match=r"table.*\[\"decision\"\]") as caught:
        q.answer = make()
    assert "not one of the options" not in str(caught.value)
    assert q.answer is None


@pytest.mark.parametrize("qid,answer,names", [
    # the lesson's own call, one score per team: one step from the answer, and not a "one-value Series"
    ("m05.brier", lambda: metrics.brier_score(data.load("outpatient_ledger")), '["Patient access"]'),
    # the lesson's own summary table: the worst case is in its worst_k column
    ("m05.hedge", lambda: metrics.bet_summary(data.load("outpatient_bets"), {"split": m05.OUTPATIENT_SPLIT}),
     '"worst_k"'),
])
def test_the_lessons_own_table_as_a_number_answer_says_which_value_to_take(qid, answer, names):
    from workshop_utils import checks

    for full in (False, True):
        said = checks.check(qid, answer()) if not full else checks.grade(qid, answer())
        assert not said.passed
        assert names in said.message, said.message
        assert "one-value" not in said.message


def test_what_the_lesson_says_of_the_calibration_chart_is_what_it_shows():
    """Stores and service forecasts well (a low Brier score) but its groups do not sit on the diagonal: its 60% to
    90% calls all came true and its 35% calls none. The lesson may not call its dots close to the diagonal, and
    what it does say (low where nothing happened, high where it did; under-confident) must hold."""
    import json
    from pathlib import Path

    lesson = json.loads((Path(__file__).resolve().parents[1] / "instructor" / "05-lesson-ownership-vs-influence.ipynb")
                        .read_text(encoding="utf-8"))
    text = " ".join(" ".join("".join(c["source"]).split()) for c in lesson["cells"])
    table = metrics.calibration_table(data.load("fernhill_ledger"))
    stores = table[table["team"] == "Stores and service"]
    off = (stores["said"] - stores["happened"]).abs().max()
    if off > 0.25:
        assert "dots lie close to it" not in text, f"a Stores and service group is {off:.2f} off the diagonal"
    assert (stores.loc[stores["happened"] == 0, "said"] < 0.5).all()
    assert (stores.loc[stores["happened"] == 1, "said"] > 0.5).all()
    # under-confident: its calls are too timid, outcomes more extreme than said on both sides of 50%
    assert (stores.loc[stores["said"] < 0.5, "happened"] <= stores.loc[stores["said"] < 0.5, "said"]).all()
    assert (stores.loc[stores["said"] > 0.5, "happened"] >= stores.loc[stores["said"] > 0.5, "said"]).all()
    assert "under-confident" in text
def _criterion_points(name: str) -> float:
    return float(re.search(r"\(([\d.]+)\)$", name).group(1))


def test_the_case_rubric_adds_up_to_the_question_and_its_model_answer_says_why():
    case = checks.question("m05.case")
    assert sum(_criterion_points(name) for name in case.rubric) == case.points
    assert case.solution and case.why


def test_every_case_criterion_that_joins_two_parts_says_what_one_part_earns():
    """A facilitator trial graded a case with a hedge but no kept promise: the rubric has to say what that earns,
    or two graders give it different marks."""
    for name, text in m05.CASE_RUBRIC.items():
        if " and " in name:
            assert re.search(r"\beach\b|\balone\b", text), f"{name!r} joins two parts but not what one part earns"


@pytest.mark.parametrize("criterion, edge", [
    ("the ask", "as soon as possible"),  # a time, but not a date
    ("cost of delay", "quarter point each"),  # a weekly figure without its CD3 rank
    ("no escalation", "if they say no"),  # the executive as the threat behind a refusal is the lever
])
def test_the_case_rubric_decides_the_edge_cases_a_trial_met(criterion, edge):
    text = next(t for name, t in m05.CASE_RUBRIC.items() if name.startswith(criterion))
    assert edge in text.lower(), f"the {criterion!r} criterion does not say how to mark {edge!r}"
