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
