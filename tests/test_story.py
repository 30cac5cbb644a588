"""The case data tells the story the lessons tell: one assertion per designed pattern, on the committed CSVs.

Usage was once drawn at random and contradicted the lesson (the "unused" chatbot among the most-used
features, checkout used by 5% of buyers, 600 eligible users for a tool of 40 store managers). These tests
read the generated files a participant loads, so a change to the generator that breaks the story fails here.
"""

import pandas as pd
import pytest

from workshop_utils import data, metrics
from workshop_utils.course import m01, m02, m03


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    table = data.load("features")
    table["rate"] = table["monthly_active_users"] / table["eligible_users"]
    return table.set_index("feature")


@pytest.fixture(scope="module")
def projects() -> pd.DataFrame:
    return data.load("projects").set_index("project_id")


def test_every_online_project_counts_the_same_online_customers(features):
    online = features[features["project_id"].isin(["P02", "P07", "P09", "P10"])]
    assert online["eligible_users"].nunique() == 1


def test_the_reporting_tool_is_for_about_forty_store_managers(features):
    assert set(features.loc[features["project_id"] == "P11", "eligible_users"]) == {40}


def test_the_tablets_are_for_the_600_store_staff_p05_trained(features, projects):
    assert "600 staff" in projects.at["P05", "deliverable"]
    assert set(features.loc[features["project_id"] == "P05", "eligible_users"]) == {600}


def test_core_paths_of_the_online_store_are_used_by_most_buyers(features):
    assert features.loc[["New checkout", "Order tracking page"], "rate"].min() > 0.5


def test_the_chatbots_answers_are_little_used(features):
    answers = features[(features["project_id"] == "P10") & (features.index != "Hand-over to agent")]
    assert answers["rate"].max() < m01.RARE


def test_hand_over_to_an_agent_is_used_more_than_any_chatbot_answer(features):
    chatbot = features[features["project_id"] == "P10"]
    assert chatbot["rate"].idxmax() == "Hand-over to agent" and chatbot.at["Hand-over to agent",
                                                                         "monthly_active_users"] > 0


def test_cosmetic_extras_are_rarely_used(features):
    assert features.loc[["Dark mode", "Weather widget"], "rate"].between(0, m01.RARE, inclusive="neither").all()


def test_the_stock_look_up_is_used_by_about_three_percent_of_staff(features):
    assert 0.025 <= features.at["Stock look-up", "rate"] <= 0.035


def test_the_p01_features_d01_brings_back_were_never_used(features):
    assert "ten new features" in m02.DELIVERABLES["D01"] and len(m01.REPEATED_BY_D01) >= 3
    assert (features.loc[list(m01.REPEATED_BY_D01), "monthly_active_users"] == 0).all()


def test_the_dashboard_is_opened_at_least_as_often_as_p11_reports(features, projects):
    assert projects.at["P11", "unit"] == "% of store managers"
    assert features.at["Weekly sales dashboard", "rate"] >= projects.at["P11", "actual"] / 100


def test_the_rarely_used_share_is_not_a_figure_anyone_remembers(features):
    share = metrics.rarely_used_share(features.reset_index())
    remembered = (0.64, 0.8, 0.45, 0.5, 0.2, 0.75)
    assert all(abs(share - figure) > 0.015 for figure in remembered), share
    assert share > 0.5, "still most features, as the published estimates find"


def test_the_noise_never_moves_a_feature_across_the_rare_line():
    low, high = m01._NOISE
    assert all(f.rate * high < m01.RARE or f.rate * low >= m01.RARE for f in m01._FEATURES)


# --- Module 03: the recalibration loop, leading indicators, key results and experiments ---------


@pytest.fixture(scope="module")
def quarterly() -> pd.DataFrame:
    return metrics.quarterly_status(data.load("quarterly_2026"))


def _decisions(table, did):
    return list(table.loc[table["deliverable_id"] == did, "decision"])


def test_d01_repeats_2025s_unused_features_and_its_outcome_stays_flat_though_used_more(quarterly):
    d01 = quarterly[quarterly["deliverable_id"] == "D01"]
    assert "ten new features" in m02.DELIVERABLES["D01"], "the 2026 deliverable repeating 2025's unused features"
    assert set(d01["delivery"]) == {"on time"} and d01["usage"].is_monotonic_increasing
    assert _decisions(quarterly, "D01") == ["stop"] * 4


def test_d07_rolls_out_the_stock_look_up_3_percent_of_staff_used_and_moves_nothing(quarterly, features):
    assert 0.025 <= features.at["Stock look-up", "rate"] <= 0.035
    assert _decisions(quarterly, "D07") == ["stop"] * 4
    assert quarterly.loc[quarterly["deliverable_id"] == "D07", "baseline"].iloc[0] == data.load(
        "projects").set_index("project_id").at["P05", "actual"], "2026 starts where P05 ended"


def test_each_fernhill_deliverable_tells_its_quarterly_story(quarterly):
    assert _decisions(quarterly, "D03") == ["pivot", "pivot", "continue", "continue"], "a pivot that worked"
    assert _decisions(quarterly, "D08")[1:] == ["continue"] * 3, "late, but once live the outcome moves"
    assert "late" in set(quarterly.loc[quarterly["deliverable_id"] == "D08", "delivery"])
    assert _decisions(quarterly, "D09")[1:] == ["stop"] * 3, "traction soars while the outcome does not"
    d09 = quarterly[quarterly["deliverable_id"] == "D09"]
    assert d09["usage"].iloc[-1] > 2.5 * d09["usage"].iloc[0]
    assert _decisions(quarterly, "D15") == ["continue"] * 4
    assert (quarterly["direction"] == "down").any(), "one outcome is better when it falls"


def test_the_hospitals_decisions_beat_delivery_and_usage_cues():
    q2 = metrics.quarterly_status(data.load("hospital_quarterly_2026")).query("quarter == 'Q2'").set_index(
        "deliverable_id")
    assert dict(q2["decision"]) == {"H01": "continue", "H03": "pivot", "H05": "stop", "H06": "continue",
                                    "H08": "stop", "H10": "pivot"}
    assert q2.at["H06", "delivery"] == "late" and q2.at["H05", "delivery"] == "on time"
    h05 = data.load("hospital_quarterly_2026").query("deliverable_id == 'H05'")
    assert h05["usage"].iloc[1] > 2 * h05["usage"].iloc[0], "usage soars while the outcome is flat"
    on_time_rule = sum((row.delivery == "on time") == (row.decision == "continue") for row in q2.itertuples())
    assert on_time_rule <= 3, "'on time means continue' scores at most half"


@pytest.mark.parametrize("name,outcome,leader,lead,same_week", [
    ("weekly_2025", "repair_revenue_k", "repairs_booked_online", 3, "store_visits"),
    ("hospital_weekly", "slots_used_pct", "text_confirmations", 2, "clinic_sessions"),
])
def test_one_input_leads_the_outcome_and_another_only_moves_with_it(name, outcome, leader, lead, same_week):
    weekly = data.load(name)
    table = {column: metrics.lagged_correlation(weekly, column, outcome, 8)
             for column in weekly.columns if column not in ("week", outcome)}
    best = {column: metrics.best_lead(t) for column, t in table.items()}
    assert best[leader][0] == lead and max(best, key=lambda c: best[c][1]) == leader
    assert best[leader][1] - max(r for c, (_, r) in best.items() if c != leader) > 0.1, "clearly the best"
    assert best[same_week][0] == 0, "the same-week correlate peaks at lag 0"
    same = {column: t.at[0, "correlation"] for column, t in table.items()}
    assert max(same, key=same.get) == same_week, "the tempting answer: strongest in the same week"


def test_key_results_clip_both_ways_and_output_key_results_score_best():
    lesson = data.load("key_results_2026")
    scores = metrics.okr_score(lesson["baseline"], lesson["target"], lesson["actual"])
    assert scores[lesson["kind"] == "output"].mean() > 0.7 > scores[lesson["kind"] == "outcome"].mean()
    hospital = data.load("hospital_key_results")
    raw = (hospital["actual"] - hospital["baseline"]) / (hospital["target"] - hospital["baseline"])
    assert (raw > 1).any() and (raw < 0).any() and (hospital["direction"] == "down").sum() == 2
    clipped = metrics.okr_score(hospital["baseline"], hospital["target"], hospital["actual"]).mean()
    assert clipped < 0.5 < raw.mean(), "clipping decides whether the average is under a half (lead_verdict)"


def test_experiments_hold_one_win_one_breach_one_inconclusive_and_one_loss():
    def decisions(name):
        table = data.load(name).set_index("experiment_id")
        return {e: (metrics.experiment_result((r.primary_low, r.primary_high)),
                    metrics.experiment_decision((r.primary_low, r.primary_high),
                                                {r.guardrail: (r.guardrail_low, r.guardrail_high)}))
                for e, r in table.iterrows()}
    assert decisions("experiments_2026") == {"E1": ("win", "ship"), "E2": ("win", "don't ship"),
                                             "E3": ("inconclusive", "don't ship")}
    assert decisions("hospital_experiments") == {"X1": ("inconclusive", "don't ship"), "X2": ("win", "don't ship"),
                                                 "X3": ("win", "ship"), "X4": ("loss", "don't ship")}
    hospital = data.load("hospital_experiments").set_index("experiment_id")
    assert hospital["primary_change"].idxmax() == "X1", "the biggest estimate is the inconclusive one"
    assert [c.fits for c in m03.SHIP_VERDICT][:3] == [False, False, True]
