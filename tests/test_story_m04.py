"""Module 04's case data tells the story its lesson and its keys rely on, on the committed CSVs.

One assertion per designed pattern, so that a new seed or a changed generator cannot silently break a lesson
sentence ("support has the most adopters and no higher rate") or an item's trap (the per-quarter share, the
investment with the most adopters).
"""

import pandas as pd
import pytest

from workshop_utils import data, metrics
from workshop_utils.course import m04

LAST = m04.QUARTERS[-1]
INVESTMENTS = ["training", "support", "community"]


def _last(name: str) -> pd.DataFrame:
    table = metrics.cumulative_adoption(data.load(name))
    return table[table["quarter"] == LAST].set_index("segment")


def _effects(name: str) -> pd.DataFrame:
    return metrics.investment_effects(data.load(name), INVESTMENTS).set_index("investment")


@pytest.mark.parametrize("name", ["portal_adoption", "repairs_adoption"])
def test_eight_quarters_from_the_first_release(name):
    assert sorted(set(data.load(name)["quarter"])) == list(m04.QUARTERS)


def test_the_portals_segments_end_in_four_different_adopter_categories():
    """The lesson prints each segment's next adopters: brands (laggards), wholesalers, makers, factories."""
    stage = {s: metrics.rogers_category(float(v)) for s, v in _last("portal_adoption")["cumulative_share"].items()}
    assert stage == {"national brands": "laggards", "regional wholesalers": "late majority",
                     "independent makers": "early majority", "overseas factories": "early adopters"}


def test_two_portal_segments_are_far_behind_when_p04_closes():
    shares = _last("portal_adoption")["cumulative_share"]
    assert shares["overseas factories"] < 0.16 < shares["independent makers"] < 0.5


def test_the_portal_was_adopted_after_launch_not_at_it():
    table = metrics.cumulative_adoption(data.load("portal_adoption"))
    first = table[table["quarter"] == m04.QUARTERS[0]]["adopters"].sum()
    assert first < 0.2 * _last("portal_adoption")["adopters"].sum()


def test_training_moved_portal_adoption_and_support_has_the_most_adopters():
    """The lesson: 'Support has the most adopters and no higher rate; training has fewer and a much higher rate'."""
    effects = _effects("portal_cohorts")
    assert effects["difference"].idxmax() == "training" and effects.at["training", "difference"] >= 0.2
    assert effects["adopters_with"].idxmax() == "support"
    assert effects.at["support", "difference"] <= 0
    assert effects.at["training", "adopters_with"] < effects.at["support", "adopters_with"]


def test_the_practice_rate_is_not_the_mean_of_the_waves_rates():
    cohorts = data.load("portal_cohorts")
    trained = cohorts[cohorts["training"]]
    pooled = trained["adopters"].sum() / trained["people"].sum()
    assert abs(pooled - (trained["adopters"] / trained["people"]).mean()) > 0.002


def test_families_are_in_the_early_majority_and_one_quarter_would_say_innovators():
    """Questions 2 and 5: the cumulative share and the per-quarter slip land in different categories."""
    families = _last("repairs_adoption").loc["families with children"]
    assert metrics.rogers_category(float(families["cumulative_share"])) == "early majority"
    assert metrics.rogers_category(float(families["new_share"])) == "innovators"
    assert families["cumulative_share"] < 0.5, "most families have not adopted yet (a conclusion of question 5)"


def test_the_councils_segments_are_all_drawn_and_the_oldest_lag():
    shares = _last("repairs_adoption")["cumulative_share"]
    assert shares.idxmax() == "tenants under 35" and shares.idxmin() == "tenants over 65"
    assert set(shares.index) == {s.segment for s in m04.REPAIRS_SEGMENTS}


def test_champions_and_the_helpline_moved_council_adoption_and_training_has_the_most_adopters():
    """Question 3: counts point at training; rates point at community and support."""
    effects = _effects("repairs_cohorts")
    assert sorted(effects.index[effects["difference"] >= 0.10]) == ["community", "support"]
    assert effects.at["training", "difference"] < 0.05
    assert effects["adopters_with"].idxmax() == "training"


@pytest.mark.parametrize("name", ["portal_costs", "repairs_costs"])
def test_most_of_the_lifetime_cost_comes_after_the_first_release(name):
    costs = data.load(name)
    assert 0.6 < metrics.after_release_share(costs) < 0.8
    assert set(costs.loc[costs["phase"] == metrics.BEFORE_RELEASE, "activity"]) == {"build"}
    assert set(costs.loc[costs["basis"] == "estimate", "year"]) == {2026}


def test_the_graded_shares_differ_from_the_lessons_and_from_each_slip():
    keys = m04._keys()
    assert abs(keys["after_launch"] - keys["fernhill_after_launch"]) > 0.01
    assert abs(keys["adoption"] - keys["fernhill_makers"]) > 0.01
    for slip in ("before_launch", "before_over_after", "after_launch_actual_only"):
        assert abs(keys["after_launch"] - keys[slip]) > 0.01, slip
    for slip in ("adoption_this_quarter", "adoption_of_all_tenants"):
        assert abs(keys["adoption"] - keys[slip]) > 0.01, slip


def _message(qid, answer, full=False):
    from workshop_utils import checks

    with pytest.raises(AssertionError) as failed:
        checks.assert_passes(qid, answer, full=full)
    return str(failed.value)


def test_leaving_out_the_estimate_is_a_named_slip_not_plausible():
    """The lesson warns to count the estimates; a share of actual costs only must not get ◐ 'not one of the
    known slips' from the self-check and then lose the graded points without a word."""
    message = _message("m04.after_launch", m04._keys()["after_launch_actual_only"])
    assert "common slip" in message and "estimate" in message


def test_the_investment_hint_speaks_of_percentage_points():
    chosen = [m04.INVESTMENTS[m04._keys()["movers"][0]]]  # one of the two that moved adoption
    message = _message("m04.investment", chosen, full=True)  # the self-check does not name what is left out
    assert "percentage points" in message and "% points" not in message
