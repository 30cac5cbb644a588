"""Module 04, Solution vs mission: its case data and its graded questions.

The lesson follows Fernhill Outdoor's partner portal, a product that kept changing after its first release;
the graded set asks the same questions of Riverside Council's online repairs service, which the lesson never
shows. Adoption, cohorts and costs are synthetic, generated from designed patterns written in the tables
below; tests/test_story_m04.py asserts every pattern a lesson or a key relies on.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from workshop_utils import checks
from workshop_utils.casestudy import Dataset

MODULE = "04"
NOTEBOOK = "04-solution-vs-mission"

QUARTERS = tuple(f"{year}-Q{q}" for year in (2024, 2025) for q in (1, 2, 3, 4))   # first release in 2024-Q1


# ---------------------------------------------------------------------------------------------
# Data: adoption by segment over time, cohorts with and without the work beyond code, lifetime cost
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Segment:
    """One group of people who could adopt, with the adoption the story designs for it."""

    segment: str
    eligible: int               # people (or organisations) in the segment
    final_share: float          # designed share of the segment that has adopted by the last quarter
    midpoint: float             # the quarter (1 to 8) by which half of those adopters have adopted
    why: str = ""


@dataclass(frozen=True)
class Cohort:
    """One onboarding cohort: which of the three investments beyond code it had, and its designed rate."""

    cohort: str
    people: tuple[int, int]     # the cohort's size is drawn in this range
    training: bool
    support: bool
    community: bool


@dataclass(frozen=True)
class CostLine:
    """One year's spending on one activity; ``phase`` says whether it came before the first release."""

    year: int
    activity: str
    cost_k: tuple[int, int]     # thousands of euros, drawn in this range
    basis: str = "actual"       # "actual" or "estimate" (the team's budget for later years)


def _s_curve(quarter: int, midpoint: float, steep: float = 1.1) -> float:
    import math

    return 1 / (1 + math.exp(-steep * (quarter - midpoint)))


def _adoption_rows(segments, rng: random.Random) -> list[dict]:
    rows = []
    for seg in segments:
        final = round(seg.eligible * seg.final_share * rng.uniform(0.97, 1.03))
        scale = _s_curve(len(QUARTERS), seg.midpoint)
        previous = 0
        for number, quarter in enumerate(QUARTERS, start=1):
            so_far = round(final * _s_curve(number, seg.midpoint) / scale)
            so_far = max(so_far, previous)
            rows.append({"segment": seg.segment, "quarter": quarter, "eligible": seg.eligible,
                         "new_adopters": so_far - previous})
            previous = so_far
    return rows


def _cohort_rows(cohorts, base: float, effect: dict, rng: random.Random) -> list[dict]:
    rows = []
    for c in cohorts:
        people = rng.randint(*c.people)
        rate = base + sum(effect[name] for name in ("training", "support", "community") if getattr(c, name))
        adopters = round(people * min(max(rate * rng.uniform(0.95, 1.05), 0.0), 1.0))
        rows.append({"cohort": c.cohort, "training": c.training, "support": c.support, "community": c.community,
                     "people": people, "adopters": adopters})
    return rows


def _cost_rows(lines, release_year: int, rng: random.Random) -> list[dict]:
    return [{"year": line.year, "activity": line.activity,
             "phase": "before first release" if line.year < release_year else "after first release",
             "basis": line.basis, "cost_k": rng.randint(*line.cost_k)} for line in lines]


# --- Fernhill Outdoor's partner portal (the lesson) ------------------------------------------
# The portal's first release (orders and invoices) went live in 2024-Q1; project P04 added stock self-service in
# 2025 and closed in December 2025, on target. Suppliers adopt when they manage their orders in the portal instead
# of by email. National brands came first; overseas factories have barely started.
PORTAL_SEGMENTS = [
    Segment(segment="national brands", eligible=24, final_share=0.92, midpoint=2.5,
            why="their own systems talk to portals already: the beachhead Fernhill chose"),
    Segment(segment="regional wholesalers", eligible=48, final_share=0.70, midpoint=4.5),
    Segment(segment="independent makers", eligible=150, final_share=0.30, midpoint=6.0,
            why="small teams with no one to learn a new tool: onboarding mattered"),
    Segment(segment="overseas factories", eligible=66, final_share=0.09, midpoint=7.0,
            why="language and time zones: the portal is not yet a whole product for them"),
]
# Onboarding cohorts of 2025: training (a half-day workshop) moved adoption; a named support contact and the
# supplier forum did little. Support went to the biggest cohorts, so it has the most adopters in raw counts.
PORTAL_EFFECTS = {"training": 0.32, "support": 0.02, "community": 0.04}
PORTAL_BASE = 0.18
PORTAL_COHORTS = [
    Cohort(cohort="2025 wave 1", people=(14, 18), training=True, support=True, community=True),
    Cohort(cohort="2025 wave 2", people=(8, 11), training=True, support=False, community=False),
    Cohort(cohort="2025 wave 3", people=(30, 36), training=False, support=True, community=False),
    Cohort(cohort="2025 wave 4", people=(9, 12), training=True, support=False, community=True),
    Cohort(cohort="2025 wave 5", people=(32, 38), training=False, support=True, community=True),
    Cohort(cohort="2025 wave 6", people=(12, 15), training=False, support=False, community=True),
    Cohort(cohort="2025 wave 7", people=(10, 13), training=True, support=True, community=False),
    Cohort(cohort="2025 wave 8", people=(14, 17), training=False, support=False, community=False),
]
PORTAL_COSTS = [
    CostLine(year=2023, activity="build", cost_k=(380, 420)),
    CostLine(year=2024, activity="run and hosting", cost_k=(55, 65)),
    CostLine(year=2024, activity="support and onboarding", cost_k=(60, 75)),
    CostLine(year=2024, activity="improvement", cost_k=(110, 130)),
    CostLine(year=2025, activity="run and hosting", cost_k=(60, 70)),
    CostLine(year=2025, activity="support and onboarding", cost_k=(70, 85)),
    CostLine(year=2025, activity="improvement", cost_k=(230, 260)),     # P04, stock self-service
    CostLine(year=2026, activity="run and hosting", cost_k=(60, 70), basis="estimate"),
    CostLine(year=2026, activity="support and onboarding", cost_k=(75, 90), basis="estimate"),
    CostLine(year=2026, activity="improvement", cost_k=(140, 160), basis="estimate"),
]

# --- Riverside Council's online repairs service (the graded set; the lesson never loads these) --
# First release in 2024-Q1 (report a repair on the web); project C05 added a tenant portal in 2025. Tenants adopt
# when they report repairs online instead of by phone.
REPAIRS_SEGMENTS = [
    Segment(segment="tenants under 35", eligible=2400, final_share=0.62, midpoint=3.5),
    Segment(segment="families with children", eligible=3100, final_share=0.44, midpoint=4.5),
    Segment(segment="tenants aged 35 to 64", eligible=4200, final_share=0.27, midpoint=5.5),
    Segment(segment="tenants over 65", eligible=2600, final_share=0.07, midpoint=6.5),
]
# Estate cohorts of 2025: tenant champions (community) moved adoption most and the phone helpline (support) clearly
# too; digital skills sessions (training) went to the biggest estates, so they have the most adopters in raw
# counts, at barely a higher rate.
REPAIRS_EFFECTS = {"training": 0.02, "support": 0.13, "community": 0.24}
REPAIRS_BASE = 0.14
REPAIRS_COHORTS = [
    Cohort(cohort="Millbrook estate", people=(820, 900), training=True, support=True, community=False),
    Cohort(cohort="Canal Side", people=(240, 280), training=False, support=True, community=True),
    Cohort(cohort="Hollins Park", people=(760, 840), training=True, support=False, community=False),
    Cohort(cohort="St Anne's", people=(200, 240), training=False, support=False, community=True),
    Cohort(cohort="Wharf Street", people=(300, 340), training=False, support=True, community=False),
    Cohort(cohort="Oakfield", people=(700, 780), training=True, support=True, community=True),
    Cohort(cohort="Lower Green", people=(260, 300), training=False, support=False, community=False),
    Cohort(cohort="Beacon Court", people=(640, 700), training=True, support=False, community=True),
]
REPAIRS_COSTS = [
    CostLine(year=2023, activity="build", cost_k=(300, 330)),
    CostLine(year=2024, activity="run and hosting", cost_k=(40, 48)),
    CostLine(year=2024, activity="contact centre support", cost_k=(90, 110)),
    CostLine(year=2024, activity="improvement", cost_k=(60, 80)),
    CostLine(year=2025, activity="run and hosting", cost_k=(42, 50)),
    CostLine(year=2025, activity="contact centre support", cost_k=(85, 100)),
    CostLine(year=2025, activity="digital skills sessions and champions", cost_k=(45, 60)),
    CostLine(year=2025, activity="improvement", cost_k=(170, 190)),     # C05, the tenant portal
    CostLine(year=2026, activity="run and hosting", cost_k=(45, 52), basis="estimate"),
    CostLine(year=2026, activity="contact centre support", cost_k=(75, 90), basis="estimate"),
    CostLine(year=2026, activity="improvement", cost_k=(90, 110), basis="estimate"),
]


def build_portal_adoption(rng: random.Random) -> list[dict]:
    return _adoption_rows(PORTAL_SEGMENTS, rng)


def build_portal_cohorts(rng: random.Random) -> list[dict]:
    return _cohort_rows(PORTAL_COHORTS, PORTAL_BASE, PORTAL_EFFECTS, rng)


def build_portal_costs(rng: random.Random) -> list[dict]:
    return _cost_rows(PORTAL_COSTS, 2024, rng)


def build_repairs_adoption(rng: random.Random) -> list[dict]:
    return _adoption_rows(REPAIRS_SEGMENTS, rng)


def build_repairs_cohorts(rng: random.Random) -> list[dict]:
    return _cohort_rows(REPAIRS_COHORTS, REPAIRS_BASE, REPAIRS_EFFECTS, rng)


def build_repairs_costs(rng: random.Random) -> list[dict]:
    return _cost_rows(REPAIRS_COSTS, 2024, rng)


def _adoption_fields(who: str) -> list[dict]:
    return [
        {"name": "segment", "type": "string", "description": f"A segment of {who}", "constraints": {"required": True}},
        {"name": "quarter", "type": "string", "description": "Calendar quarter, 2024-Q1 (first release) to 2025-Q4",
         "constraints": {"required": True, "pattern": "20[0-9]{2}-Q[1-4]"}},
        {"name": "eligible", "type": "integer", "description": f"{who.capitalize()} in the segment",
         "constraints": {"required": True, "minimum": 1}},
        {"name": "new_adopters", "type": "integer",
         "description": "Those who adopted in this quarter (first quarter of regular use), not a running total",
         "constraints": {"required": True, "minimum": 0}},
    ]


def _cohort_fields(who: str, training: str, support: str, community: str) -> list[dict]:
    return [
        {"name": "cohort", "type": "string", "description": f"A cohort of {who}",
         "constraints": {"required": True, "unique": True}},
        {"name": "training", "type": "boolean", "description": f"Whether the cohort had {training}",
         "constraints": {"required": True}},
        {"name": "support", "type": "boolean", "description": f"Whether the cohort had {support}",
         "constraints": {"required": True}},
        {"name": "community", "type": "boolean", "description": f"Whether the cohort had {community}",
         "constraints": {"required": True}},
        {"name": "people", "type": "integer", "description": f"{who.capitalize()} in the cohort",
         "constraints": {"required": True, "minimum": 1}},
        {"name": "adopters", "type": "integer", "description": "Those who had adopted two quarters later",
         "constraints": {"required": True, "minimum": 0}},
    ]


_COST_FIELDS = [
    {"name": "year", "type": "integer", "description": "Calendar year", "constraints": {"required": True}},
    {"name": "activity", "type": "string", "description": "What the money paid for",
     "constraints": {"required": True}},
    {"name": "phase", "type": "string", "description": "Before or after the product's first release (2024-Q1)",
     "constraints": {"required": True, "enum": ["before first release", "after first release"]}},
    {"name": "basis", "type": "string", "description": "actual spending, or the team's estimate for a later year",
     "constraints": {"required": True, "enum": ["actual", "estimate"]}},
    {"name": "cost_k", "type": "integer", "description": "Thousands of euros", "constraints": {"required": True,
                                                                                              "minimum": 0}},
]
_ROGERS = {"title": "Everett M. Rogers, Diffusion of Innovations, 5th ed. (2003): adopter categories 2.5%, 13.5%, "
                    "34%, 34%, 16%, a convention cut at standard deviations of adoption time"}
_MOORE = {"title": "Geoffrey A. Moore, Crossing the Chasm (1991; 3rd ed. 2014): the whole product, and a beachhead "
                   "segment won first"}
_KERSTEN = {"title": "Mik Kersten, Project to Product (2018): projects funded to a release, products funded for "
                     "outcomes over their lifetime"}
_SYNTHETIC_ADOPTION = ("Synthetic. Each segment has a designed final share and an S-shaped path to it (a logistic "
                       "curve through a designed midpoint quarter) with seeded noise of 3% on the final count, so the "
                       "segments end in different adopter categories. The curve's shape borrows from Rogers; the "
                       "numbers do not measure any real product.")
_SYNTHETIC_COHORTS = ("Synthetic. Each cohort's adoption rate is a designed base plus a designed effect for each "
                      "investment it had, times seeded noise of 5%; cohort sizes are drawn in designed ranges. The "
                      "pattern (an investment that moved adoption, and another with the most adopters only because its "
                      "cohorts were larger) is written into the generator to teach comparing rates, not counts.")
_SYNTHETIC_COSTS = ("Synthetic. Each line is drawn in a designed range; later years are the team's estimates "
                    "(basis 'estimate'). The share after first release is designed to be most of the total, as "
                    "software lifetime cost studies commonly report, but it measures no real product.")

DATASETS = [
    Dataset(name="portal_adoption", title="Suppliers adopting Fernhill's partner portal, by segment and quarter",
            description="One row per supplier segment and quarter since the portal's first release: suppliers "
                        "who started managing their orders in the portal instead of by email.",
            fields=_adoption_fields("suppliers"), primary_key=["segment", "quarter"], build=build_portal_adoption,
            module="04 Solution vs mission", sources=[_ROGERS, _MOORE], notes=_SYNTHETIC_ADOPTION),
    Dataset(name="portal_cohorts", title="Fernhill's 2025 supplier onboarding cohorts",
            description="One row per onboarding wave: which work beyond code it had (training, a named support "
                        "contact, the supplier forum) and how many suppliers adopted within two quarters.",
            fields=_cohort_fields("suppliers", "a half-day training workshop", "a named support contact",
                                  "a place in the supplier forum"),
            primary_key=["cohort"], build=build_portal_cohorts, module="04 Solution vs mission",
            sources=[_MOORE], notes=_SYNTHETIC_COHORTS),
    Dataset(name="portal_costs", title="The partner portal's lifetime cost, by year and activity",
            description="What the partner portal cost before and after its first release (2024-Q1), with the "
                        "team's estimate for 2026.",
            fields=_COST_FIELDS, primary_key=["year", "activity"], build=build_portal_costs,
            module="04 Solution vs mission", sources=[_KERSTEN], notes=_SYNTHETIC_COSTS),
    Dataset(name="repairs_adoption", title="Tenants adopting Riverside Council's online repairs service",
            description="One row per tenant segment and quarter since the service's first release: tenants who "
                        "started reporting repairs online instead of by phone. Used by module 04's graded "
                        "exercise, not by the lesson.",
            fields=_adoption_fields("tenants"), primary_key=["segment", "quarter"], build=build_repairs_adoption,
            module="04 Solution vs mission", sources=[_ROGERS, _MOORE], notes=_SYNTHETIC_ADOPTION),
    Dataset(name="repairs_cohorts", title="Riverside Council's 2025 estate cohorts for online repairs",
            description="One row per housing estate: which work beyond code it had (digital skills sessions, a "
                        "phone helpline, tenant champions) and how many tenants reported online within two "
                        "quarters. Used by module 04's graded exercise.",
            fields=_cohort_fields("tenants", "digital skills sessions in the library", "a phone helpline for the "
                                  "online form", "tenant champions in each block"),
            primary_key=["cohort"], build=build_repairs_cohorts, module="04 Solution vs mission",
            sources=[_MOORE], notes=_SYNTHETIC_COHORTS),
    Dataset(name="repairs_costs", title="The online repairs service's lifetime cost, by year and activity",
            description="What Riverside Council's online repairs service cost before and after its first release "
                        "(2024-Q1), with the estimate for 2026. Used by module 04's graded exercise.",
            fields=_COST_FIELDS, primary_key=["year", "activity"], build=build_repairs_costs,
            module="04 Solution vs mission", sources=[_KERSTEN], notes=_SYNTHETIC_COSTS),
]

# ---------------------------------------------------------------------------------------------
# Questions: practice in the lesson (Fernhill), graded on Riverside Council (solutions/04-solution-vs-mission)
# ---------------------------------------------------------------------------------------------
# The lesson's whole-product practice: Fernhill's partner portal.
PRACTICE_WHOLE = {
    "A half-day workshop where new suppliers send their first stock update with a buyer beside them":
        "whole product",
    "Bulk upload of a supplier's whole catalogue from a spreadsheet": "code and features",
    "A short guide the buying team emails to every supplier still sending orders by email": "whole product",
    "A link from the portal to the accounting packages small makers already use, agreed with their vendors":
        "whole product",
    "A dark theme for the portal": "code and features",
    "Search across past orders": "code and features",
}
PRACTICE_WHOLE_EXPLAIN = {
    "A link from the portal to the accounting packages small makers already use, agreed with their vendors":
        "The agreement with other companies is the point: partners who make the product fit the customer's world "
        "are part of Moore's whole product, even when a little code goes with it.",
    "Bulk upload of a supplier's whole catalogue from a spreadsheet": "A useful feature, but a feature: more of the "
    "generic product. The whole product is what people need around it to succeed.",
}

# The graded sort: the work around Riverside Council's online repairs service, none of it shown in the lesson.
# Decoys beat the surface cue "it says training, support or partner, so it is the whole product".
WHOLE_KEY = {
    "Drop-in sessions in two libraries where tenants report a repair with a librarian beside them": "whole product",
    "A script for contact-centre staff to talk phone callers through reporting online next time": "whole product",
    "Photo upload on the repair form": "code and features",
    "Letters and lobby posters about reporting online, with a QR code to the form": "whole product",
    "An agreement with the repairs contractor to offer appointment slots that tenants can pick online":
        "whole product",
    "A ticket dashboard for the repairs support team": "code and features",
    "Train a model to send each repair to the right trade": "code and features",
    "Tenant champions in each tower block who show neighbours how to report a repair": "whole product",
    "A partner API for the contractor's scheduling system": "code and features",
}
WHOLE_EXPLAIN = {
    "Drop-in sessions in two libraries where tenants report a repair with a librarian beside them":
        "Helping people succeed with the service in person is training: part of the whole product, though no "
        "one writes code for it.",
    "A script for contact-centre staff to talk phone callers through reporting online next time":
        "Support people ready to help is part of the whole product (Moore): callers become online reporters.",
    "Photo upload on the repair form": "A feature of the form: more code, the generic product.",
    "Letters and lobby posters about reporting online, with a QR code to the form":
        "Promotion tells tenants the service exists and where: part of the whole product.",
    "An agreement with the repairs contractor to offer appointment slots that tenants can pick online":
        "An agreement with a partner, so the online report ends in a booked visit: the whole product needs "
        "partners, not only code.",
    "A ticket dashboard for the repairs support team": "It says 'support', but it is software for the council's "
    "team: more code. The whole product is what tenants need around the service to succeed.",
    "Train a model to send each repair to the right trade": "It says 'train', but it trains software, not people: "
    "more code.",
    "Tenant champions in each tower block who show neighbours how to report a repair": "No keyword, yet it is "
    "community: neighbours helping neighbours adopt. Part of the whole product.",
    "A partner API for the contractor's scheduling system": "It says 'partner', but an API is code. The partner "
    "part of the whole product is the agreement on what the contractor will do.",
}
_WHOLE_MISCONCEPTION = {item: ("whole product" if re.search(r"train|support|partner|contract|poster|letter", item,
                                                            re.IGNORECASE) else "code and features")
                        for item in WHOLE_KEY}

INVESTMENTS = {
    "training": "Digital skills sessions in the library (training)",
    "support": "A phone helpline for the online form (support)",
    "community": "Tenant champions in each block (community)",
}


def _keys() -> dict:
    """Answer keys, computed from the generated data with the lesson's own metric functions."""
    from workshop_utils import data, metrics

    adoption = metrics.cumulative_adoption(data.load("repairs_adoption"))
    last = adoption[adoption["quarter"] == QUARTERS[-1]].set_index("segment")
    families = last.loc["families with children"]
    effects = metrics.investment_effects(data.load("repairs_cohorts"), list(INVESTMENTS)).set_index("investment")
    costs = data.load("repairs_costs")
    share = metrics.after_release_share(costs)
    actual = costs[costs["basis"] == "actual"]
    portal = metrics.cumulative_adoption(data.load("portal_adoption"))
    makers = portal[(portal["quarter"] == QUARTERS[-1]) & (portal["segment"] == "independent makers")].iloc[0]
    return {
        "adoption": float(families["cumulative_share"]),
        "adoption_this_quarter": float(families["new_share"]),
        "adoption_of_all_tenants": float(families["adopters"] / last["eligible"].sum()),
        "adoption_category": metrics.rogers_category(float(families["cumulative_share"])),
        "movers": sorted(i for i in INVESTMENTS if effects.at[i, "difference"] >= 0.10),
        "most_adopters": str(effects["adopters_with"].idxmax()),
        "effects": effects,
        "after_launch": share,
        "before_launch": 1 - share,
        "after_over_before": float(costs.loc[costs["phase"] == metrics.AFTER_RELEASE, "cost_k"].sum()
                                   / costs.loc[costs["phase"] == metrics.BEFORE_RELEASE, "cost_k"].sum()),
        "before_over_after": float(costs.loc[costs["phase"] == metrics.BEFORE_RELEASE, "cost_k"].sum()
                                   / costs.loc[costs["phase"] == metrics.AFTER_RELEASE, "cost_k"].sum()),
        "after_launch_actual_only": metrics.after_release_share(actual),
        "segments": sorted(last.index),
        # The lesson's figures for Fernhill: a participant who copies them answers the wrong organisation.
        "fernhill_makers": float(makers["cumulative_share"]),
        "fernhill_after_launch": metrics.after_release_share(data.load("portal_costs")),
    }


def _LazyCheck(make):  # noqa: N802 - reads like the class it builds
    return checks.LazyCheck(_keys, make)


def _adoption(keys):
    return checks.number(
        keys["adoption"], tolerance=2e-3, low=0, high=1,
        what="the share of families with children who report online by 2025-Q4",
        range_hint="A share is a number between 0 and 1: adopters so far divided by the families in the segment.",
        near_misses=checks.distinct_slips(keys["adoption"], {
            keys["adoption_this_quarter"]: "That is only the families who started in 2025-Q4. Adoption so far is "
                                           "cumulative: add up every quarter's new adopters (cumulative_share).",
            keys["adoption_of_all_tenants"]: "That divides by all tenants. The segment's share divides by the "
                                              "families in the segment (eligible).",
            keys["fernhill_makers"]: "That is the independent makers' share from the lesson. This question is "
                                     "about Riverside Council's tenants: load repairs_adoption.",
        }, 2e-3),
    )


def _after_launch(keys):
    return checks.number(
        keys["after_launch"], tolerance=2e-3, low=0, high=1,
        what="the share of the service's lifetime cost that comes after its first release",
        range_hint="A share is between 0 and 1: divide the cost after first release by the cost of the whole "
                   "lifetime (before and after).",
        near_misses=checks.distinct_slips(keys["after_launch"], {
            keys["before_launch"]: "That is the share spent before the first release (the build). The question "
                                   "asks for the share after it.",
            keys["before_over_after"]: "That divides the build by the cost after release. A share of the lifetime "
                                       "divides the part after release by the whole: before plus after.",
            keys["fernhill_after_launch"]: "That is the partner portal's share from the lesson. This question is "
                                           "about Riverside Council: load repairs_costs.",
            keys["after_launch_actual_only"]: "That leaves out the 2026 estimate. The question counts the whole "
                                              "lifetime, 2023 to 2026, estimates included (the basis column).",
        }, 2e-3),
    )


def _investment(keys):
    fits = set(keys["movers"])
    explain = {}
    for name, label in INVESTMENTS.items():
        row = keys["effects"].loc[name]
        if name in fits:
            explain[label] = (f"Compare rates, not counts: estates that had it adopted at a clearly higher rate than "
                              f"those that did not ({row['difference'] * 100:+.0f} percentage points).")
        elif name == keys["most_adopters"]:
            explain[label] = ("Its estates have the most adopters because they are the biggest estates. Compare the "
                              "adoption RATE with and without it: the difference is small.")
        else:
            explain[label] = "The rate with it is no higher than without it: it did not move adoption."
    return checks.selection([INVESTMENTS[name] for name in sorted(fits)], list(INVESTMENTS.values()), explain)


DONE_VERDICT = checks.conclusions([
    checks.Conclusion(
        text="Most of the service's lifetime cost comes after its first release, so a budget that stops at launch "
             "funds the smaller part of the work.",
        fits=True,
        why="Your cost share is above one half: more is spent on running, supporting and improving the service "
            "than on building it. A project budget that ends at launch leaves that unfunded (Kersten).",
    ),
    checks.Conclusion(
        text="The 2025 tenant portal was signed off when its project closed, so the service is finished; what it "
             "costs after launch is maintenance that could be cut.",
        fits=False,
        why="Sign-off closes a project, not a product. Your adoption share says most families do not report online "
            "yet: the work after launch is how the mission moves.",
    ),
    checks.Conclusion(
        text="Families are in Rogers' early majority: the service has crossed from enthusiasts to pragmatists in "
             "that segment, and its next release should be judged by what pragmatists need.",
        fits=True,
        why="Your cumulative share lies between 16% and 50%: by Rogers' convention the next families to adopt are "
            "the early majority, who need a whole product that works, not novelty.",
    ),
    checks.Conclusion(
        text="Only a small share of families reported online for the first time in 2025-Q4, so families are "
             "laggards and not worth more effort.",
        fits=False,
        why="One quarter's new adopters is not adoption so far. Rogers' categories are read on the cumulative "
            "share, and that puts families in the early majority.",
    ),
    checks.Conclusion(
        text="The next release should raise the bar: aim at a segment or a need the first release did not serve, "
             "rather than re-test the 2025 acceptance criteria.",
        fits=True,
        why="A product's bar rises with its mission: the acceptance criteria were the bar for one release. Your "
            "numbers show who has not adopted yet; that is where the bar goes next.",
    ),
    checks.Conclusion(
        text="Because most of the cost came after the first release, the project that built it was over budget.",
        fits=False,
        why="Costs after release are not an overrun of the build: they are the product's life. Nothing in your "
            "share compares spending with a budget.",
    ),
])

MISSION_RUBRIC = {
    "mission (1)": "Names who it is for (tenants, or a wider group) and a lasting change for them (repairs "
                   "reported and fixed without chasing, in any words); not a solution or deliverable (no 'build a "
                   "portal'), not a dated target. Half a point if it names who but describes the service.",
    "beachhead (1)": "One narrow, named segment (e.g. families with children on one estate, or tenants under 35 in "
                     "new-build flats); not 'all tenants', not two groups at once. Half a point if narrow but "
                     "unnamed ('some tenants').",
    "why first (0.5)": "Why that segment first: a pressing need, easy to reach and serve completely, or people "
                       "others will follow; ideally from the data (it already adopts fastest, or it has the most to "
                       "gain).",
    "next step (0.5)": "The next group the bigger plan reaches (e.g. tenants over 65, with champions), using the "
                       "first as a reference; not 'more features'.",
}

QUESTIONS = [
    # --- Practice in the lesson (points 0, whole check) ----------------------------------------
    checks.Question(
        qid="m04.practice_whole", title="Practice: the partner portal's whole product", kind="classify", points=0,
        prompt="Sort each item for Fernhill's partner portal: part of the whole product around it, or more code "
               "and features?",
        check=checks.classification(PRACTICE_WHOLE, explain=PRACTICE_WHOLE_EXPLAIN),
        options=tuple(PRACTICE_WHOLE), labels=("whole product", "code and features"),
        hints=("The whole product is what people need around the code to succeed with it: training, support, "
               "promotion, partners and community (section 3). Ask of each item: is it something more to build "
               "into the portal, or help around it?",
               "A library's new e-book app: a drop-in session where a librarian helps readers borrow their first "
               "e-book is whole product (training); a script for desk staff is support; a night mode is another "
               "feature. Sort the portal's items the same way, even those that sound useful to suppliers."),
        why="Workshops, guides, agreements with the vendors of the packages suppliers already use are what "
            "suppliers need around the portal to succeed; bulk upload, a dark theme and order search are more of "
            "the portal itself, however useful.",
    ),
    checks.Question(
        qid="m04.practice_rate", title="Practice: training, with and without", kind="value", points=0,
        prompt="The adoption rate (0 to 1) of the onboarding waves that had training, pooled: their adopters "
               "divided by their suppliers.",
        check=checks.LazyCheck(lambda: _portal_training(), lambda k: checks.number(
            k["rate"], tolerance=2e-3, low=0, high=1, what="the rate with training",
            range_hint="A rate is between 0 and 1: adopters divided by suppliers.",
            near_misses=checks.distinct_slips(k["rate"], {
                k["mean_of_rates"]: "That averages the waves' rates, so a small wave counts as much as a big one. "
                                    "Pool: add up the adopters, add up the suppliers, then divide."}, 2e-3))),
        hints=("Compare rates, not counts: a rate is adopters divided by suppliers. Pool the waves that had "
               "training: add up their adopters, add up their suppliers, then divide once.",
               "Say two waves had training: 12 adopters of 20 suppliers, and 3 of 10. Pooled, (12 + 3) / (20 + 10) "
               "= 0.5; the average of the two rates, 0.45, lets the small wave count as much as the big one. In "
               "pandas: trained = cohorts[cohorts['training']], then "
               "trained['adopters'].sum() / trained['people'].sum() (people is the wave's suppliers)."),
        why="Pooling adds every trained wave's adopters and suppliers before dividing, so each supplier counts "
            "once; investment_effects' rate_with is the same number.",
    ),
    checks.Question(
        qid="m04.practice_mission", title="Practice: a mission and a beachhead for the partner portal", kind="text",
        points=0,
        prompt="Draft Fernhill's partner portal as a mission and a beachhead, in four labelled lines: Mission, "
               "Beachhead, Why first, Next.",
        check=None,
        hints=("Four labelled lines: a Mission that names who and a lasting change (not the portal), one narrow "
               "named Beachhead, Why first from the data, and the Next group the plan reaches.",
               "For a library's e-book service: 'Mission: every resident can read what they want, when they want, "
               "without a trip to the branch. Beachhead: parents of under-fives in the two northern estates. Why "
               "first: they borrow most and visit least. Next: readers over 70, with volunteers.' Write the "
               "portal's lines the same way."),
    ),
    checks.Question(
        qid="m04.reflect", title="Beyond the code of your own deliverable", kind="text", points=0,
        prompt="For one deliverable of your own: what would people need around it, beyond the code, to succeed "
               "with it? Who would pay for that after launch?",
        check=None,
        hints=("Take one deliverable and walk the whole product's five parts: training, support, promotion, "
               "partners, community. Which would the people using it need, and whose budget covers it after launch?",
               "For example, a new timesheet tool: staff need a ten-minute walkthrough (training), someone to ask "
               "in the first month (support), a note from their managers (promotion) and a link to payroll "
               "(partners). After launch, HR's team pays for the first two, and nobody has yet been asked to pay "
               "for the rest."),
    ),
    checks.Question(
        qid="m04.mission_draft", title="Draft: a mission and a beachhead for online repairs", kind="text", points=0,
        prompt="Draft here with live hints, then copy your final four lines into the graded cell below.",
        check=None,
        hints=("A mission names people and a lasting change, never the portal; the beachhead is one narrow group "
               "the council can serve completely, chosen from the adoption data; Next is another group of people, "
               "not more features.",
               "Work it on the lesson's partner portal: Mission 'every maker who sells through Fernhill manages "
               "its orders without email', Beachhead 'one named segment', Why first 'what the adoption data and "
               "word of mouth say', Next 'the segment furthest behind'. Do the same for the council's tenants, "
               "looking at repairs_adoption first."),
    ),
    # --- The graded set: Riverside Council's online repairs service -----------------------------
    checks.Question(
        qid="m04.whole_product", title="The whole product around online repairs", kind="classify", points=3,
        prompt="Sort each item proposed for Riverside Council's online repairs service: part of the whole product "
               "(what tenants need around the service to succeed: training, support, promotion, partners, "
               "community) or more code and features?",
        check=checks.classification(WHOLE_KEY, explain=WHOLE_EXPLAIN),
        options=tuple(WHOLE_KEY), labels=("whole product", "code and features"),
        solution=dict(WHOLE_KEY), misconception=_WHOLE_MISCONCEPTION, unseen="statements",
        hints=("The whole product is what tenants need around the service to succeed: training, support, "
               "promotion, partners, community. Ask of each item whether it is help around the form, or more "
               "software, even software for staff.",
               "A school's new homework app: an evening where parents try it with a teacher is training; an "
               "agreement with the textbook publisher to link its exercises is a partner; a badge system in the "
               "app, or a dashboard for the IT team, is code and features. Sort the council's items by what they "
               "are, not by how useful they sound."),
        why="Whole product is everything tenants need around the service: sessions, scripts, promotion, partner "
            "agreements and neighbours who help. New screens, dashboards, models and APIs are more code and "
            "features, however much they help the council's own staff.",
    ),
    checks.Question(
        qid="m04.adoption", title="How far has adoption gone among families?", kind="value", points=3,
        prompt="The share (0 to 1) of families with children who had adopted online repairs by 2025-Q4, counting "
               "every quarter since the first release.",
        check=_LazyCheck(_adoption), unseen="repairs_adoption",
        hints=("Adoption so far is cumulative: add up every quarter's new adopters since the first release and "
               "divide by the families in the segment (eligible), not by all tenants, and not just the last "
               "quarter.",
               "As in section 2: adoption = metrics.cumulative_adoption(data.load('repairs_adoption')), then keep "
               "the row whose segment is 'families with children' and whose quarter is '2025-Q4', and read its "
               "cumulative_share."),
        why="Adoption so far is the running total of new adopters over every quarter since the first release, "
            "divided by the families in the segment; cumulative_share is exactly that, and its 2025-Q4 value is "
            "the share to date.",
    ),
    checks.Question(
        qid="m04.investment", title="Which work beyond code moved adoption?", kind="select", points=3,
        prompt="Tick every investment that moved adoption: estates that had it adopted at a rate at least 10 "
               "points higher than estates that did not.",
        check=_LazyCheck(_investment), options=tuple(INVESTMENTS.values()), unseen="repairs_cohorts",
        hints=("Compare rates, not counts: for each investment, the adoption rate of the estates that had it "
               "against those that did not. Big estates have many adopters whatever they were given (section 3).",
               "Run metrics.investment_effects(data.load('repairs_cohorts'), ['training', 'support', 'community']) "
               "and read rate_with and rate_without, not adopters_with. An investment counts when rate_with is at "
               "least 0.10 above rate_without: 0.52 against 0.40 would count, 0.45 against 0.40 would not."),
        why="An investment moved adoption when estates that had it adopted at a rate at least 10 points higher "
            "than those without it; counts of adopters mislead because the biggest estates have the most adopters "
            "whatever they had.",
    ),
    checks.Question(
        qid="m04.after_launch", title="How much of the cost comes after launch?", kind="value", points=3,
        prompt="The share (0 to 1) of the online repairs service's lifetime cost (2023 to 2026, estimates "
               "included) spent after its first release.",
        check=_LazyCheck(_after_launch), unseen="repairs_costs",
        hints=("A share of the lifetime cost divides the cost after the first release by the whole: before plus "
               "after, every year from 2023 to 2026, the estimates included (section 4).",
               "As in the lesson: metrics.after_release_share(data.load('repairs_costs')). By hand: if a service "
               "cost 300 before its release and 700 after, the share after is 700 / (300 + 700) = 0.7, not 700 / "
               "300."),
        why="after_release_share adds the cost_k of every row after the first release and divides by the total of "
            "every row, before and after, estimates included: the part of the service's life the build budget "
            "never covered.",
    ),
    checks.Question(
        qid="m04.done", title="Finished, or a rising bar?", kind="select", points=3,
        prompt="Tick every conclusion that follows from your adoption share and your cost share.",
        check=checks.selection(DONE_VERDICT), options=DONE_VERDICT.options, unseen="repairs_costs",
        follows_from=("m04.adoption", "m04.after_launch"),
        hints=("Read each conclusion against your two shares and the lesson's ideas: launch is the start, Rogers' "
               "categories are read on the cumulative share, and a product's bar rises after sign-off.",
               "A different case: a bus company's app cost 30% to build and 70% afterwards, and a quarter of "
               "commuters use it. The first number says where the money goes over the app's life; the second, read "
               "with Rogers' cumulative cut-offs (16%, 50%), says who adopts next. For each conclusion here, name the "
               "number it rests on and check it claims no more than that number shows."),
        why="Most of the lifetime cost falls after release, and families are past 16% but under half adopted, so "
            "the next families are pragmatists and the next release should aim higher. Sign-off, one quarter's new "
            "share, and costs after release do not make a service finished, its families laggards or its build "
            "over budget.",
    ),
    checks.Question(
        qid="m04.chart", title="Adoption over time, by segment", kind="chart", points=3,
        prompt="A line chart of the cumulative share of each tenant segment that has adopted: quarter (x, "
               "ordinal), cumulative_share (y, quantitative), one line per segment (color, nominal), with a title "
               "and a description.",
        check=_LazyCheck(lambda keys: checks.chart_spec(
            "line",
            {"x": ("quarter", "ordinal"), "y": ("cumulative_share", "quantitative"), "color": ("segment", "nominal")},
            visible=["x", "color"], every=("segment", keys["segments"]), what="segments")),
        unseen="repairs_adoption",
        hints=("Read the prompt channel by channel: quarter on x (ordinal), cumulative_share on y (quantitative), "
               "segment as the colour (nominal), a line mark, and a title and a description.",
               "Build the table first, adoption = metrics.cumulative_adoption(data.load('repairs_adoption')), and "
               "keep every segment. The pattern, with other names: "
               "alt.Chart(table).mark_line(point=True).encode(x='month:O', y='share:Q', color='group:N'), then "
               "charts.finish(chart, title, description)."),
        why="One line per segment, with quarter on an ordinal x and the cumulative share on a quantitative y, "
            "shows each segment's adoption curve side by side; the title and description make it readable without "
            "the code.",
    ),
    checks.Question(
        qid="m04.mission", title="From a project charter to a mission and a beachhead", kind="text", points=3,
        prompt="Riverside Council's 2025 charter for project C05 read 'Build a repairs portal for council "
               "tenants'. Rewrite it as a mission and a first narrow segment, in four labelled lines: Mission, "
               "Beachhead, Why first, Next.",
        check=None,
        suggest="mission",
        solution="Mission: Every council tenant gets a repair reported, booked and fixed first time, without "
                 "chasing the council.\nBeachhead: Families with children on the Millbrook estate.\nWhy first: "
                 "They already report online faster than any segment but the youngest, repairs such as damp hit "
                 "them hardest, and they talk to each other at the school gate, so a service that works for them "
                 "spreads.\nNext: Tenants over 65 in sheltered housing, with tenant champions beside them, using "
                 "the families' results as the reference.",
        why="The mission names who (every tenant) and a lasting change (repairs fixed first time without chasing), "
            "not the portal; the beachhead is one named, narrow group the council can serve completely; the "
            "reason comes from the data and from how word spreads; and the next step is another group of people, "
            "the one furthest behind, not more features.",
        rubric=MISSION_RUBRIC,
        hints=("A mission names who and a lasting change, not the portal; a beachhead is one narrow, named group "
               "the council can serve completely; Why first comes from the data; Next is another group of people, "
               "not more features.",
               "Work it on a library charter, 'Build an e-book app': Mission 'every resident reads what they want "
               "without a trip to a branch'; Beachhead 'parents of under-fives on one estate'; Why first 'they "
               "borrow most and visit least, and tell each other'; Next 'readers over 70, with volunteers'. Read "
               "repairs_adoption before choosing the council's."),
    ),
]


def _portal_training() -> dict:
    from workshop_utils import data, metrics

    cohorts = data.load("portal_cohorts")
    split = metrics.adoption_by_investment(cohorts, "training").set_index("training")
    trained = cohorts[cohorts["training"]]
    return {"rate": float(split.at["with", "rate"]),
            "mean_of_rates": float((trained["adopters"] / trained["people"]).mean())}


def examples() -> dict:
    """For tests: per autograded question, (an answer that scores full marks, a typical wrong answer)."""
    import altair as alt

    from workshop_utils import data, metrics

    keys = _keys()
    adoption = metrics.cumulative_adoption(data.load("repairs_adoption"))

    def lines(y_field):
        return alt.Chart(adoption).mark_line().encode(
            x="quarter:O", y=f"{y_field}:Q", color="segment:N"
        ).properties(title="Adoption of online repairs by segment",
                     description="One line per tenant segment across eight quarters.")

    practice = _portal_training()
    return {
        "m04.whole_product": (dict(WHOLE_KEY), _WHOLE_MISCONCEPTION),
        "m04.adoption": (keys["adoption"], keys["adoption_this_quarter"]),
        # "The investment with the most adopters moved adoption" (counts, not rates).
        "m04.investment": ([INVESTMENTS[m] for m in keys["movers"]], [INVESTMENTS[keys["most_adopters"]]]),
        "m04.after_launch": (keys["after_launch"], keys["before_launch"]),
        # "Signed off against its acceptance criteria means finished."
        "m04.done": (DONE_VERDICT.key, [DONE_VERDICT[1].text]),
        "m04.chart": (lines("cumulative_share"), lines("new_adopters")),
        "m04.practice_whole": (dict(PRACTICE_WHOLE), {k: "code and features" for k in PRACTICE_WHOLE}),
        "m04.practice_rate": (practice["rate"], practice["mean_of_rates"]),
    }
