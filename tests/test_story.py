"""The case data tells the story the lessons tell: one assertion per designed pattern, on the committed CSVs.

Usage was once drawn at random and contradicted the lesson (the "unused" chatbot among the most-used
features, checkout used by 5% of buyers, 600 eligible users for a tool of 40 store managers). These tests
read the generated files a participant loads, so a change to the generator that breaks the story fails here.
"""

import pandas as pd
import pytest

from workshop_utils import data, metrics
from workshop_utils.course import m01, m02


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
