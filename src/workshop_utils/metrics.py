"""The measures the lessons teach, as small pure pandas functions.

Each takes a DataFrame, checks that the columns it needs are there (a ``WorkshopError``
naming the missing ones otherwise), and returns a new object without changing its input.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from workshop_utils.errors import WorkshopError


def require_columns(frame, columns: Iterable[str], what: str = "this table") -> None:
    """Raise a ``WorkshopError`` naming any of ``columns`` that ``frame`` lacks."""
    if not isinstance(frame, pd.DataFrame):
        raise WorkshopError(f"Expected {what} as a pandas DataFrame, got {type(frame).__name__}. "
                            "Load it with workshop_utils.data.load(...).")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise WorkshopError(
            f"{what.capitalize()} lacks the column(s) {', '.join(missing)}; "
            f"it has {', '.join(map(str, frame.columns))}. "
            "Did you load the right data set, or rename a column?"
        )


def outcome_progress(baseline, target, actual):
    """How far the outcome moved from baseline towards target: 0 = not at all, 1 = reached.

    Works for measures where lower is better too, because target - baseline is then negative.
    """
    gap = target - baseline
    if isinstance(gap, pd.Series):
        return (actual - baseline) / gap.where(gap != 0)
    if gap == 0:
        raise WorkshopError("Baseline and target are equal, so progress cannot be measured: set a target "
                            "that differs from the baseline.")
    return (actual - baseline) / gap


def scorecard(projects: pd.DataFrame) -> pd.DataFrame:
    """One row per project: was it delivered to plan (output), and did it move its outcome?

    ``on_plan`` = on time AND on budget AND every planned deliverable shipped.
    ``outcome_met`` respects ``direction``: for "down" measures, lower is better.
    """
    require_columns(projects, ["project_id", "project", "planned_end", "actual_end", "budget_k", "spent_k",
                               "deliverables_planned", "deliverables_shipped", "direction", "baseline",
                               "target", "actual"], "the projects table")
    card = pd.DataFrame({"project_id": projects["project_id"], "project": projects["project"]})
    card["on_time"] = projects["actual_end"] <= projects["planned_end"]
    card["on_budget"] = projects["spent_k"] <= projects["budget_k"]
    card["complete"] = projects["deliverables_shipped"] >= projects["deliverables_planned"]
    card["on_plan"] = card["on_time"] & card["on_budget"] & card["complete"]
    down = projects["direction"].eq("down")
    card["outcome_met"] = (projects["actual"] >= projects["target"]).where(
        ~down, projects["actual"] <= projects["target"]).astype(bool)
    card["outcome_progress"] = outcome_progress(projects["baseline"], projects["target"],
                                                projects["actual"]).round(3)
    return card.reset_index(drop=True)


def usage_rate(features: pd.DataFrame) -> pd.Series:
    """Monthly active users as a share of the people who could use each feature."""
    require_columns(features, ["eligible_users", "monthly_active_users"], "the features table")
    return features["monthly_active_users"] / features["eligible_users"].where(features["eligible_users"] > 0)


def rarely_used_share(features: pd.DataFrame, threshold: float = 0.05) -> float:
    """Share of features used by fewer than ``threshold`` of their eligible users (never used included)."""
    if not 0 < threshold < 1:
        raise WorkshopError(f"threshold is a share between 0 and 1 (got {threshold!r}); 5% is 0.05.")
    rate = usage_rate(features)
    if rate.empty:
        raise WorkshopError("The features table is empty: there is nothing to count.")
    return float((rate < threshold).mean())


def usage_bands(features: pd.DataFrame) -> pd.DataFrame:
    """Count features per usage band (never, rarely, sometimes, often) for a chart."""
    rate = usage_rate(features)
    bands = pd.cut(rate, bins=[-1e-9, 0, 0.05, 0.2, 1.0001], labels=["never", "rarely (<5%)",
                                                                     "sometimes (5-20%)", "often (>20%)"])
    counts = bands.value_counts(sort=False).rename_axis("band").reset_index(name="features")
    counts["band"] = counts["band"].astype(str)
    counts["share"] = (counts["features"] / counts["features"].sum()).round(3)
    return counts


# --- Module 03: measuring and recalibrating ----------------------------------------------------
# OKR scores (Doerr 2018), quarterly trends against a target, lagged correlations for leading
# indicators (McChesney et al. 2012), and the ship decision of an experiment with guardrails
# (Kohavi, Tang & Xu 2020). Pure functions: nothing here changes its input.

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
DECISIONS = ("continue", "pivot", "stop")


def _finite(value, name: str) -> float:
    """``value`` as a float, or a ``WorkshopError`` saying what was wrong with it."""
    import math

    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        raise WorkshopError(f"{name} must be a number, got {type(value).__name__} ({value!r}).")
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise WorkshopError(f"{name} must be a number, got {value!r}.") from exc
    if not math.isfinite(number):
        raise WorkshopError(f"{name} is {value!r}: a missing or infinite value cannot be scored. Fill it in first.")
    return number


def okr_score(baseline, target, actual):
    """A key result's score (Doerr, Measure What Matters, 2018): how far ``actual`` went from ``baseline`` to
    ``target``, clipped to 0..1 (0 = no progress or worse, 1 = target reached or passed).

    Works for targets that go down (baseline above target). Scalars give a float; pandas Series (of equal
    length) give a Series, so a whole table of key results is scored at once.
    """
    if any(isinstance(v, pd.Series) for v in (baseline, target, actual)):
        frame = pd.DataFrame({"baseline": baseline, "target": target, "actual": actual})
        if frame.empty:
            raise WorkshopError("There are no key results to score: the table is empty.")
        for column in frame.columns:
            if not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column]):
                raise WorkshopError(f"The {column} column must hold numbers; it holds {frame[column].dtype}.")
            if frame[column].isna().any():
                raise WorkshopError(f"The {column} column has missing values (NaN): fill them in before scoring.")
        gap = frame["target"] - frame["baseline"]
        if (gap == 0).any():
            raise WorkshopError("A key result has its target equal to its baseline, so it cannot be scored: "
                                "set a target that differs from the baseline.")
        return ((frame["actual"] - frame["baseline"]) / gap).clip(0, 1)
    baseline, target, actual = (_finite(v, n) for v, n in ((baseline, "baseline"), (target, "target"),
                                                              (actual, "actual")))
    if target == baseline:
        raise WorkshopError("The target equals the baseline, so the key result cannot be scored: set a target "
                            "that differs from the baseline.")
    return min(1.0, max(0.0, (actual - baseline) / (target - baseline)))


def expected_progress(quarter) -> float:
    """The share of the year's change a straight line from baseline to target asks for by the end of
    ``quarter`` ("Q1" -> 0.25 ... "Q4" -> 1.0)."""
    if quarter not in QUARTERS:
        raise WorkshopError(f"A quarter is one of {', '.join(QUARTERS)}, got {quarter!r}.")
    return (QUARTERS.index(quarter) + 1) / len(QUARTERS)


def trend_status(baseline, target, actual, quarter, tolerance: float = 0.25) -> str:
    """'on track' when the outcome has covered at least (1 - ``tolerance``) of the distance a straight line
    from baseline (start of the year) to target (end of Q4) asks for by the end of ``quarter``; else
    'off track'. Lower-is-better targets work too."""
    if not 0 <= tolerance < 1:
        raise WorkshopError(f"tolerance is a share from 0 to just under 1 (got {tolerance!r}); a quarter is 0.25.")
    progress = outcome_progress(_finite(baseline, "baseline"), _finite(target, "target"), _finite(actual, "actual"))
    return "on track" if progress >= (1 - tolerance) * expected_progress(quarter) else "off track"


def recalibrate(baseline, target, actual, quarter) -> str:
    """The decision for a deliverable from its outcome's trend (the lesson's rule):

    - 'continue' when the outcome is on track (at least 3/4 of the straight line's progress);
    - 'pivot' when it moves the right way but too slowly (1/4 to 3/4 of it): keep the outcome, change
      the approach, or swap in another option under the same impact;
    - 'stop' when it is under 1/4 of it, or goes the wrong way: stop the deliverable and free its budget.

    Delivery (on time or late) and usage of the feature do not enter: the outcome decides.
    """
    progress = outcome_progress(_finite(baseline, "baseline"), _finite(target, "target"), _finite(actual, "actual"))
    share = progress / expected_progress(quarter)
    if share >= 0.75:
        return "continue"
    return "pivot" if share >= 0.25 else "stop"


def quarterly_status(frame: pd.DataFrame) -> pd.DataFrame:
    """For a table with ``quarter``, ``baseline``, ``target`` and ``actual`` columns (one row per
    deliverable and quarter), a copy with ``expected`` (where the straight line is), ``progress``, ``status``
    (on track / off track) and ``decision`` (continue / pivot / stop) added."""
    require_columns(frame, ["quarter", "baseline", "target", "actual"], "the quarterly table")
    if frame.empty:
        raise WorkshopError("The quarterly table is empty: load the quarters released so far.")
    out = frame.copy()
    rows = zip(out["baseline"], out["target"], out["actual"], out["quarter"], strict=True)
    found = []
    for baseline, target, actual, quarter in rows:
        baseline, target, actual = (_finite(baseline, "baseline"), _finite(target, "target"),
                                    _finite(actual, "actual"))
        found.append((baseline + (target - baseline) * expected_progress(quarter),
                      outcome_progress(baseline, target, actual), trend_status(baseline, target, actual, quarter),
                      recalibrate(baseline, target, actual, quarter)))
    for position, column in enumerate(("expected", "progress", "status", "decision")):
        out[column] = [row[position] for row in found]
    return out


def lagged_correlation(frame: pd.DataFrame, input: str, outcome: str, max_lag: int = 8) -> pd.DataFrame:  # noqa: A002
    """How strongly ``input`` some weeks earlier goes with ``outcome`` now: one row per lag from 0 to
    ``max_lag`` weeks, with the (Pearson) correlation of ``input`` shifted down by that many rows and
    ``outcome``. Rows must be in time order, one per week. The lag with the highest correlation is how far
    the input leads (see :func:`best_lead`); a correlation says nothing on its own about cause."""
    require_columns(frame, [input, outcome], "the weekly table")
    if isinstance(max_lag, bool) or not isinstance(max_lag, int) or max_lag < 0:
        raise WorkshopError(f"max_lag is a whole number of weeks, 0 or more (got {max_lag!r}).")
    for column in (input, outcome):
        if not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column]):
            raise WorkshopError(f"The {column} column must hold numbers; it holds {frame[column].dtype}.")
        if frame[column].isna().any():
            raise WorkshopError(f"The {column} column has missing weeks (NaN): fill or drop them first.")
    if len(frame) < max_lag + 3:
        raise WorkshopError(f"{len(frame)} weeks are too few for lags up to {max_lag}: use a smaller max_lag or "
                            "more weeks.")
    series = frame[input].reset_index(drop=True).astype(float)
    target = frame[outcome].reset_index(drop=True).astype(float)
    rows = [{"lag_weeks": lag, "correlation": float(series.shift(lag).corr(target))} for lag in range(max_lag + 1)]
    return pd.DataFrame(rows)


def best_lead(table: pd.DataFrame) -> tuple[int, float]:
    """The (lag in weeks, correlation) with the highest correlation in a :func:`lagged_correlation` table."""
    require_columns(table, ["lag_weeks", "correlation"], "the lagged-correlation table")
    if table.empty or table["correlation"].isna().all():
        raise WorkshopError("The lagged-correlation table has no correlations: compute it with "
                            "metrics.lagged_correlation(...) first.")
    row = table.loc[table["correlation"].idxmax()]
    return int(row["lag_weeks"]), float(row["correlation"])


def _interval(ci, name: str) -> tuple[float, float]:
    if isinstance(ci, (str, bytes)) or not hasattr(ci, "__len__") or len(ci) != 2:
        raise WorkshopError(f"{name} is a confidence interval: a pair (low, high), e.g. (0.4, 2.1).")
    low, high = _finite(ci[0], f"{name}'s low end"), _finite(ci[1], f"{name}'s high end")
    if low > high:
        raise WorkshopError(f"{name} runs from {low} to {high}: give the low end first.")
    return low, high


def experiment_result(ci) -> str:
    """'win' when the whole confidence interval of the change is above 0, 'loss' when it is all below 0,
    'inconclusive' when it crosses 0. Express the change so that positive is better."""
    low, high = _interval(ci, "The confidence interval")
    if low > 0:
        return "win"
    return "loss" if high < 0 else "inconclusive"


def experiment_decision(primary_ci, guardrails=None) -> str:
    """'ship' only when the primary measure wins and no guardrail is breached; otherwise "don't ship"
    (Kohavi, Tang & Xu, Trustworthy Online Controlled Experiments, 2020).

    ``primary_ci`` is the (low, high) confidence interval of the change in the primary measure;
    ``guardrails`` maps each guardrail's name to the same for its change. Every change is expressed so that
    positive is better: a guardrail is breached when its whole interval is below 0 (it got worse, beyond
    chance)."""
    if guardrails is None:
        guardrails = {}
    if not isinstance(guardrails, dict):
        raise WorkshopError("guardrails maps each guardrail's name to its (low, high) interval, "
                            "e.g. {'refunds within 5 days': (-0.8, 0.3)}.")
    primary = experiment_result(primary_ci)
    breached = [name for name, ci in guardrails.items() if experiment_result(ci) == "loss"]
    return "ship" if primary == "win" and not breached else "don't ship"
# --- Module 04: Solution vs mission (adoption by segment, investments beyond code, cost after release) ---
# Rogers, Diffusion of Innovations (5th ed., 2003): adopter categories as shares of all who eventually adopt.
# A convention (cut at one and two standard deviations of adoption time), not a measured share of any market.
ROGERS_CATEGORIES = (("innovators", 0.025), ("early adopters", 0.135), ("early majority", 0.34),
                     ("late majority", 0.34), ("laggards", 0.16))


def _require_rows(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """The columns are there, the table has rows, and none of those columns has a missing value."""
    columns = list(columns)
    require_columns(frame, columns, what)
    if frame.empty:
        raise WorkshopError(f"{what.capitalize()} is empty: there is nothing to compute. Load it with "
                            "workshop_utils.data.load(...) and check any filter you applied.")
    gaps = [c for c in columns if frame[c].isna().any()]
    if gaps:
        raise WorkshopError(f"{what.capitalize()} has missing values in {', '.join(gaps)}: fill or drop those rows "
                            "first (e.g. table.dropna(subset=[...])).")


def _require_numbers(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    for column in columns:
        if not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column]):
            raise WorkshopError(f"The column {column} of {what} holds {frame[column].dtype}, not numbers: convert it "
                                f"with pd.to_numeric(table['{column}']).")
        if (frame[column] < 0).any():
            raise WorkshopError(f"The column {column} of {what} has negative values: counts and costs are never "
                                "below zero. Check the rows you loaded.")


def cumulative_adoption(adoption: pd.DataFrame) -> pd.DataFrame:
    """Adoption over time, per segment: the adopters so far and their share of the segment, quarter by quarter.

    Takes one row per ``segment`` and ``quarter`` with ``eligible`` (the people in the segment) and
    ``new_adopters`` (those who adopted that quarter). Returns the rows sorted by segment and quarter with
    ``adopters`` (cumulative), ``cumulative_share`` (adopters / eligible) and ``new_share`` (that quarter's
    new adopters / eligible), without changing its input.
    """
    what = "the adoption table"
    _require_rows(adoption, ["segment", "quarter", "eligible", "new_adopters"], what)
    _require_numbers(adoption, ["eligible", "new_adopters"], what)
    if (adoption["eligible"] <= 0).any():
        raise WorkshopError("Every segment needs at least one eligible person (eligible > 0) to compute a share.")
    if adoption.duplicated(["segment", "quarter"]).any():
        raise WorkshopError("The adoption table has two rows for the same segment and quarter: keep one row per "
                            "segment and quarter (group and sum first).")
    table = adoption.sort_values(["segment", "quarter"]).reset_index(drop=True).copy()
    table["adopters"] = table.groupby("segment")["new_adopters"].cumsum()
    if (table["adopters"] > table["eligible"]).any():
        raise WorkshopError("A segment has more adopters than eligible people: check eligible and new_adopters.")
    table["cumulative_share"] = (table["adopters"] / table["eligible"]).round(4)
    table["new_share"] = (table["new_adopters"] / table["eligible"]).round(4)
    return table


def rogers_category(share) -> str:
    """Rogers' adopter category the next adopter belongs to once ``share`` (0 to 1) of a group has adopted.

    Cumulative cut-offs: 2.5% innovators, 16% early adopters, 50% early majority, 84% late majority, the rest
    laggards. A convention for talking about a segment's stage, not a measurement.
    """
    if isinstance(share, bool) or not isinstance(share, (int, float)) or share != share:
        raise WorkshopError(f"Give the cumulative share as a number between 0 and 1 (got {share!r}).")
    if not 0 <= share <= 1:
        raise WorkshopError(f"A cumulative share lies between 0 and 1 (got {share!r}); 45% is 0.45.")
    upper = 0.0
    for name, part in ROGERS_CATEGORIES:
        upper += part
        if share < upper - 1e-12:
            return name
    return ROGERS_CATEGORIES[-1][0]


def adoption_by_investment(cohorts: pd.DataFrame, investment: str) -> pd.DataFrame:
    """Adoption rate of the cohorts that had ``investment`` against those that did not (rates, not counts).

    ``cohorts`` has one row per cohort with ``people``, ``adopters`` and a True/False column named
    ``investment`` (e.g. "training"). Returns two rows, ``with`` and ``without``: cohorts, people, adopters and
    ``rate`` = adopters / people, pooled over the cohorts (not an average of the cohorts' rates).
    """
    what = "the cohorts table"
    if not isinstance(investment, str):
        raise WorkshopError(f"Name the investment as the column's name, e.g. 'training' (got {investment!r}).")
    _require_rows(cohorts, ["people", "adopters", investment], what)
    _require_numbers(cohorts, ["people", "adopters"], what)
    if not pd.api.types.is_bool_dtype(cohorts[investment]):
        raise WorkshopError(f"The column {investment} should say True or False for each cohort (it holds "
                            f"{cohorts[investment].dtype}). Is it the right column?")
    if (cohorts["adopters"] > cohorts["people"]).any():
        raise WorkshopError("A cohort has more adopters than people: check the people and adopters columns.")
    rows = []
    for label, mask in (("with", cohorts[investment]), ("without", ~cohorts[investment])):
        part = cohorts[mask]
        people, adopters = int(part["people"].sum()), int(part["adopters"].sum())
        rows.append({investment: label, "cohorts": len(part), "people": people, "adopters": adopters,
                     "rate": round(adopters / people, 4) if people else float("nan")})
    return pd.DataFrame(rows)


def investment_effects(cohorts: pd.DataFrame, investments: Iterable[str]) -> pd.DataFrame:
    """For each investment: adopters with it (a count), the rate with and without it, and the difference."""
    investments = list(investments) if not isinstance(investments, str) else [investments]
    if not investments:
        raise WorkshopError("Name at least one investment column, e.g. ['training', 'support', 'community'].")
    rows = []
    for investment in investments:
        split = adoption_by_investment(cohorts, investment).set_index(investment)
        rows.append({"investment": investment, "adopters_with": int(split.at["with", "adopters"]),
                     "rate_with": split.at["with", "rate"], "rate_without": split.at["without", "rate"],
                     "difference": round(split.at["with", "rate"] - split.at["without", "rate"], 4)})
    return pd.DataFrame(rows)


AFTER_RELEASE = "after first release"
BEFORE_RELEASE = "before first release"


def after_release_share(costs: pd.DataFrame) -> float:
    """The share of a product's lifetime cost spent after its first release: after / (before + after).

    ``costs`` has ``cost_k`` and ``phase`` ("before first release" or "after first release") per row.
    """
    what = "the costs table"
    _require_rows(costs, ["phase", "cost_k"], what)
    _require_numbers(costs, ["cost_k"], what)
    phases = set(costs["phase"])
    unknown = phases - {AFTER_RELEASE, BEFORE_RELEASE}
    if unknown:
        raise WorkshopError(f"phase should be {BEFORE_RELEASE!r} or {AFTER_RELEASE!r}; got {sorted(unknown)[0]!r}.")
    total = float(costs["cost_k"].sum())
    if total <= 0:
        raise WorkshopError("The costs add up to zero: there is no lifetime cost to divide.")
    return float(costs.loc[costs["phase"] == AFTER_RELEASE, "cost_k"].sum() / total)
# --- end of Module 04 ---


# --- Module 05: Ownership vs influence (stakeholders, decision roles, requests, track record, hedged bets) ---
# Mendelow (1991) power/interest grid; DACI decision roles (Intuit, in Atlassian's Team Playbook); cost of delay
# (Reinertsen 2009) and CD3, cost of delay divided by duration (Joshua Arnold, Black Swan Farming); Brier (1950)
# scores for forecasts; calibration (Tetlock & Gardner 2015). Pure functions: nothing here changes its input.
GRID_ENGAGEMENT = {("high", "high"): "manage closely", ("high", "low"): "keep satisfied",
                   ("low", "high"): "keep informed", ("low", "low"): "monitor"}
DACI_ROLES = ("Driver", "Approver", "Contributor", "Informed")


def _score_column(frame: pd.DataFrame, column: str, what: str, low: float, high: float) -> None:
    _require_numbers(frame, [column], what)
    if ((frame[column] < low) | (frame[column] > high)).any():
        raise WorkshopError(f"The column {column} of {what} holds values outside {low:g} to {high:g}: "
                            "check the rows you loaded.")


def power_interest_quadrant(stakeholders: pd.DataFrame, cut: float = 3) -> pd.DataFrame:
    """Place each stakeholder on Mendelow's power/interest grid (Mendelow 1991).

    ``stakeholders`` has ``power`` and ``interest`` scores from 1 to 5; a score at or above ``cut`` is high.
    Returns a copy with ``power_level``, ``interest_level`` ("high"/"low") and ``engagement``: manage closely
    (high power, high interest), keep satisfied (high power, low interest), keep informed (low power, high
    interest) or monitor (both low). How loud someone is does not enter: only what they can decide and how much
    the outcome affects them.
    """
    what = "the stakeholders table"
    _require_rows(stakeholders, ["power", "interest"], what)
    for column in ("power", "interest"):
        _score_column(stakeholders, column, what, 1, 5)
    cut = _finite(cut, "cut")
    out = stakeholders.copy()
    out["power_level"] = ["high" if v >= cut else "low" for v in out["power"]]
    out["interest_level"] = ["high" if v >= cut else "low" for v in out["interest"]]
    out["engagement"] = [GRID_ENGAGEMENT[(p, i)] for p, i in zip(out["power_level"], out["interest_level"],
                                                                 strict=True)]
    return out


def owned_share(parts: pd.DataFrame) -> float:
    """The share of an outcome's cost (``cost_share``, or any weight) in the parts the team owns (``owned``)."""
    what = "the outcome's parts"
    _require_rows(parts, ["owned", "cost_share"], what)
    _require_numbers(parts, ["cost_share"], what)
    if not pd.api.types.is_bool_dtype(parts["owned"]):
        raise WorkshopError("The column owned should say True or False for each part (whether the team owns it).")
    total = float(parts["cost_share"].sum())
    if total <= 0:
        raise WorkshopError("The parts' cost shares add up to zero: there is nothing to divide.")
    return float(parts.loc[parts["owned"], "cost_share"].sum() / total)


def daci_problems(roles: pd.DataFrame) -> pd.DataFrame:
    """Every problem of a DACI table (one row per decision, person and role), decision by decision.

    DACI (Intuit; Atlassian's Team Playbook) asks for exactly one Driver (who drives the decision to a close) and
    exactly one Approver (who makes it) per decision; Contributors and Informed may be many. Returns one row per
    problem, ``decision`` and ``problem`` ("no Driver", "2 Drivers: A, B", "no Approver", "2 Approvers: ...",
    "unknown role ..."); an empty table means every decision is sound.
    """
    what = "the decision-roles table"
    _require_rows(roles, ["decision", "person", "role"], what)
    problems = []
    for decision, part in roles.groupby("decision", sort=False):
        unknown = sorted(set(part["role"]) - set(DACI_ROLES))
        for role in unknown:
            problems.append({"decision": decision,
                             "problem": f"unknown role {role!r}: use {', '.join(DACI_ROLES)}"})
        for role in ("Driver", "Approver"):
            people = list(part.loc[part["role"] == role, "person"])
            if not people:
                problems.append({"decision": decision, "problem": f"no {role}"})
            elif len(people) > 1:
                problems.append({"decision": decision,
                                 "problem": f"{len(people)} {role}s: {', '.join(map(str, people))}"})
    return pd.DataFrame(problems, columns=["decision", "problem"])


def _requests(requests: pd.DataFrame) -> None:
    what = "the requests table"
    _require_rows(requests, ["request", "cost_of_delay_k", "duration_weeks"], what)
    _require_numbers(requests, ["cost_of_delay_k", "duration_weeks"], what)
    if (requests["duration_weeks"] <= 0).any():
        raise WorkshopError("Every request needs a duration above zero weeks: CD3 divides by it.")
    if requests["request"].duplicated().any():
        raise WorkshopError("Two requests have the same name: give each request one row.")


def cd3(requests: pd.DataFrame) -> pd.Series:
    """CD3, cost of delay divided by duration (Arnold; Reinertsen 2009): thousands of euros lost per week of
    waiting, per week the work takes. ``requests`` has ``cost_of_delay_k`` (per week) and ``duration_weeks``."""
    _requests(requests)
    return (requests["cost_of_delay_k"] / requests["duration_weeks"]).rename("cd3")


def rank_by_cd3(requests: pd.DataFrame) -> pd.DataFrame:
    """The requests with a ``cd3`` column, highest first: the order that loses the least to delay."""
    out = requests.copy()
    out["cd3"] = cd3(requests).round(3)
    return out.sort_values(["cd3", "request"], ascending=[False, True]).reset_index(drop=True)


def delay_cost(requests: pd.DataFrame, order=None) -> float:
    """The cost of delay (thousands of euros) of doing the requests one after another in ``order``.

    Each request loses its ``cost_of_delay_k`` every week until it is finished, so its delay cost is its cost
    of delay times the week it finishes (its own duration included). ``order`` lists the request names; None
    keeps the table's order.
    """
    _requests(requests)
    table = requests.set_index("request")
    if order is None:
        order = list(table.index)
    if isinstance(order, str) or not hasattr(order, "__iter__"):
        raise WorkshopError("order is a list of request names, e.g. list(ranked['request']).")
    order = list(order)
    if sorted(map(str, order)) != sorted(map(str, table.index)):
        raise WorkshopError("order must name every request exactly once: "
                            f"{', '.join(map(repr, table.index))}.")
    week, total = 0.0, 0.0
    for name in order:
        week += float(table.at[name, "duration_weeks"])
        total += float(table.at[name, "cost_of_delay_k"]) * week
    return total


def _ledger(ledger: pd.DataFrame, kind: str) -> pd.DataFrame:
    what = "the ledger"
    _require_rows(ledger, ["team", "kind", "happened"], what)
    if not pd.api.types.is_bool_dtype(ledger["happened"]):
        raise WorkshopError("The column happened should say True or False for each row.")
    part = ledger[ledger["kind"] == kind]
    if part.empty:
        raise WorkshopError(f"The ledger has no {kind} rows (kind == {kind!r}): load the right ledger.")
    return part


def say_do_ratio(ledger: pd.DataFrame) -> pd.Series:
    """Per team, the share of its commitments it kept: commitments kept / commitments made (the ledger's rows of
    kind "commitment"; ``happened`` says whether each was kept). Forecasts do not count."""
    part = _ledger(ledger, "commitment")
    return part.groupby("team")["happened"].mean().rename("say_do")


def brier_score(ledger: pd.DataFrame) -> pd.Series:
    """Per team, the Brier score of its forecasts (Brier 1950): the mean of (probability - outcome)², where the
    outcome is 1 if it happened and 0 if not. 0 is perfect, 0.25 is what always saying 50% scores, 1 is always
    certain and always wrong. Only rows of kind "forecast" count."""
    part = _ledger(ledger, "forecast")
    require_columns(part, ["probability"], "the ledger")
    if part["probability"].isna().any():
        raise WorkshopError("A forecast has no probability (NaN): every forecast needs one, from 0 to 1.")
    _score_column(part, "probability", "the ledger's forecasts", 0, 1)
    error = (part["probability"] - part["happened"].astype(float)) ** 2
    return error.groupby(part["team"]).mean().rename("brier")


def calibration_table(ledger: pd.DataFrame, bins=(0, 0.2, 0.4, 0.6, 0.8, 1.0)) -> pd.DataFrame:
    """Forecasts grouped by the probability given: per team and bin, the forecasts, the mean probability said
    and the share that happened. Calibrated forecasters' 70% calls happen about 70% of the time (Tetlock &
    Gardner 2015)."""
    part = _ledger(ledger, "forecast")
    brier_score(ledger)  # the same checks on the probabilities
    edges = list(bins)
    if len(edges) < 2 or edges != sorted(edges) or edges[0] > 0 or edges[-1] < 1:
        raise WorkshopError("bins are increasing edges from 0 to 1, e.g. (0, 0.2, 0.4, 0.6, 0.8, 1.0).")
    labels = [f"{low:.0%} to {high:.0%}" for low, high in zip(edges[:-1], edges[1:], strict=True)]
    band = pd.cut(part["probability"], bins=edges, labels=labels, include_lowest=True)
    table = (part.assign(band=band.astype(str), said=part["probability"], happened=part["happened"].astype(float))
             .groupby(["team", "band"], observed=True, sort=True)
             .agg(forecasts=("said", "size"), said=("said", "mean"), happened=("happened", "mean"))
             .reset_index())
    table["said"] = table["said"].round(3)
    table["happened"] = table["happened"].round(3)
    return table


def split_outcomes(bets: pd.DataFrame, allocation) -> pd.DataFrame:
    """The outcome of a budget split across options, scenario by scenario.

    ``bets`` has one row per option and scenario: ``option``, ``scenario``, ``probability`` (of the scenario,
    the same for every option) and ``return_per_k`` (net thousands of euros gained per thousand invested: -1 is
    everything lost). ``allocation`` maps each option to the thousands put on it. Returns one row per scenario
    with its ``probability`` and the ``gain_k`` of the whole split; see :func:`bet_summary`.
    """
    what = "the bets table"
    _require_rows(bets, ["option", "scenario", "probability", "return_per_k"], what)
    _require_numbers(bets, ["probability"], what)
    if not isinstance(allocation, dict) or not allocation:
        raise WorkshopError("allocation maps each option to the thousands put on it, e.g. {'A': 200, 'B': 100}.")
    stray = sorted(set(allocation) - set(bets["option"]))
    if stray:
        raise WorkshopError(not_an_option(stray[0], sorted(set(bets["option"]))))
    amounts = {name: _finite(value, f"the amount on {name}") for name, value in allocation.items()}
    if any(v < 0 for v in amounts.values()):
        raise WorkshopError("An amount in the allocation is negative: put zero or more on each option.")
    scenarios = bets.drop_duplicates("scenario").set_index("scenario")["probability"]
    if abs(float(scenarios.sum()) - 1) > 1e-6:
        raise WorkshopError(f"The scenarios' probabilities add up to {float(scenarios.sum()):g}, not 1: check them.")
    rows = []
    for scenario, probability in scenarios.items():
        here = bets[bets["scenario"] == scenario].set_index("option")["return_per_k"]
        gain = sum(amount * float(here.get(name, 0.0)) for name, amount in amounts.items())
        rows.append({"scenario": scenario, "probability": float(probability), "gain_k": round(gain, 3)})
    return pd.DataFrame(rows)


def not_an_option(name, options) -> str:
    return f"{name!r} is not one of the options: {', '.join(map(repr, options))}."


def bet_summary(bets: pd.DataFrame, allocations: dict) -> pd.DataFrame:
    """For each named allocation: its ``expected_k`` (probability-weighted gain) and ``worst_k`` (the gain in its
    worst scenario). A split usually gives up a little expected value for a much better worst case."""
    if not isinstance(allocations, dict) or not allocations:
        raise WorkshopError("allocations maps a name to an allocation, e.g. {'one bet': {'A': 300}}.")
    rows = []
    for name, allocation in allocations.items():
        outcomes = split_outcomes(bets, allocation)
        rows.append({"allocation": name,
                     "expected_k": round(float((outcomes["probability"] * outcomes["gain_k"]).sum()), 3),
                     "worst_k": float(outcomes["gain_k"].min())})
    return pd.DataFrame(rows)
# --- end of Module 05 ---
