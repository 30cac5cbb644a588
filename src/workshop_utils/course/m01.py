"""Module 01, Output vs Outcome: its case data and its graded questions.

The answer keys are computed from the generated rows with ``workshop_utils.metrics``, the same
functions the lesson teaches, so data and keys can never drift apart.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from workshop_utils import checks
from workshop_utils.casestudy import Dataset

MODULE = "01"
NOTEBOOK = "01-output-vs-outcome"

# ---------------------------------------------------------------------------------------------
# Data: the 2025 digital programme, which looked like a success on time and on budget.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    """One 2025 project as chartered: named fields, so each value in the table says what it is."""

    pid: str
    name: str
    product: str
    sponsor: str
    deliverable: str        # as written in the charter
    measure: str            # the outcome measure: the behaviour it was meant to change, as counted
    unit: str
    direction: str          # "up" or "down": which way is better
    baseline: float
    target: float
    on_plan: bool           # design flag: on time, on budget, everything shipped (see _OFF_PLAN)
    met: bool               # design flag: outcome target reached six months on


_PROJECTS = [
    Project(pid="P01", name="Trail Rewards app", product="Loyalty", sponsor="Marketing",
            deliverable="Launch the Trail Rewards mobile app with 14 features",
            measure="members redeeming a reward each quarter", unit="% of members", direction="up", baseline=12,
            target=20, on_plan=True, met=False),
    Project(pid="P02", name="Online store replatform", product="Online store", sponsor="IT Platform",
            deliverable="Migrate the online store to the new commerce platform",
            measure="online sessions that end in an order", unit="% of sessions", direction="up", baseline=1.9,
            target=2.5, on_plan=True, met=False),
    Project(pid="P03", name="Click & collect lockers", product="Click & collect", sponsor="Store Operations",
            deliverable="Install pickup lockers in 40 stores",
            measure="click & collect orders picked up within 2 days", unit="% of orders", direction="up", baseline=61,
            target=85, on_plan=True, met=True),
    Project(pid="P04", name="Supplier portal", product="Partner portal", sponsor="Supplier Partnerships",
            deliverable="Deliver the supplier self-service portal",
            measure="suppliers who update their stock levels weekly", unit="suppliers", direction="up", baseline=15,
            target=60, on_plan=False, met=True),
    Project(pid="P05", name="Store staff tablets", product="Store tools", sponsor="Store Operations",
            deliverable="Roll out tablets to every store and train 600 staff",
            measure="customer questions answered on the shop floor without calling head office",
            unit="% of questions", direction="up", baseline=40, target=70, on_plan=True, met=False),
    Project(pid="P06", name="Returns automation", product="Online store", sponsor="Customer Service",
            deliverable="Automate return labels for online orders",
            measure="contacts to customer service about returns", unit="contacts per 1,000 orders", direction="down",
            baseline=38, target=20, on_plan=True, met=True),
    Project(pid="P07", name="Gear rental booking", product="Rental", sponsor="Marketing",
            deliverable="Build online booking for gear rental", measure="rentals booked online", unit="% of rentals",
            direction="up", baseline=10, target=50, on_plan=False, met=False),
    Project(pid="P08", name="Personalised emails", product="Membership", sponsor="Marketing",
            deliverable="Send personalised weekly emails to every member",
            measure="members who buy again within 90 days of an email", unit="% of emailed members", direction="up",
            baseline=4, target=7, on_plan=True, met=False),
    Project(pid="P09", name="Store stock on product pages", product="Online store", sponsor="IT Platform",
            deliverable="Show in-store stock levels on every product page",
            measure="online reservations collected in store", unit="reservations per week", direction="up",
            baseline=900, target=1500, on_plan=True, met=False),
    Project(pid="P10", name="Service chatbot", product="Customer service", sponsor="Customer Service",
            deliverable="Launch a customer service chatbot on the website",
            measure="questions resolved without an agent", unit="% of questions", direction="up", baseline=5,
            target=30, on_plan=True, met=False),
    Project(pid="P11", name="Cloud reporting", product="Data platform", sponsor="IT Platform",
            deliverable="Migrate store reporting to the cloud data platform",
            measure="store managers who open the weekly dashboard", unit="% of store managers", direction="up",
            baseline=20, target=60, on_plan=True, met=False),
    Project(pid="P12", name="Repair booking pages", product="Repairs", sponsor="Store Operations",
            deliverable="Publish repair booking pages for every store", measure="repairs booked online",
            unit="repairs per month", direction="up", baseline=150, target=400, on_plan=False, met=False),
]
# How the three off-plan projects went wrong (the rest were on time, on budget and complete).
_OFF_PLAN = {"P04": {"late": True, "over": True, "short": False},
             "P07": {"late": True, "over": False, "short": True},
             "P12": {"late": False, "over": True, "short": False}}


def _round_like(value: float, like: float) -> float:
    return round(value, 1) if isinstance(like, float) or abs(like) < 10 else float(round(value))


def build_projects(rng: random.Random) -> list[dict]:
    rows = []
    for p in _PROJECTS:  # _OFF_PLAN says how the off-plan ones slipped
        pid, baseline, target = p.pid, p.baseline, p.target
        start = dt.date(2025, 1, 6) + dt.timedelta(weeks=rng.randint(0, 16))
        planned_weeks = rng.randint(14, 30)
        planned_end = start + dt.timedelta(weeks=planned_weeks)
        off = _OFF_PLAN.get(pid, {"late": False, "over": False, "short": False})
        slip = rng.randint(3, 10) if off["late"] else -rng.randint(0, 2)
        actual_end = planned_end + dt.timedelta(weeks=slip)
        budget = rng.randint(12, 90) * 10
        spent = round(budget * (rng.uniform(1.12, 1.4) if off["over"] else rng.uniform(0.86, 0.99)))
        planned = rng.randint(6, 18)
        shipped = planned - rng.randint(2, 4) if off["short"] else planned
        gap = target - baseline
        progress = rng.uniform(1.02, 1.3) if p.met else rng.uniform(-0.15, 0.45)
        actual = _round_like(baseline + gap * progress, baseline)
        rows.append({
            "project_id": pid, "project": p.name, "product": p.product, "sponsor": p.sponsor,
            "deliverable": p.deliverable, "start": start.isoformat(), "planned_end": planned_end.isoformat(),
            "actual_end": actual_end.isoformat(), "budget_k": budget, "spent_k": spent,
            "deliverables_planned": planned, "deliverables_shipped": shipped,
            "outcome_measure": p.measure, "unit": p.unit, "direction": p.direction,
            "baseline": float(baseline), "target": float(target), "actual": float(actual),
        })
    return rows


# Who could use each project's features: one base per audience, shared by every project that serves it.
AUDIENCES = {
    "online customers": 26000,  # people who ordered online in the last 12 months: one base for every online project
    "members": 18500,           # Trail Rewards members with the app installed
    "store staff": 600,         # the shop-floor staff P05 trained
    "store managers": 40,       # one per store
}
_PROJECT_AUDIENCE = {"P01": "members", "P02": "online customers", "P05": "store staff", "P07": "online customers",
                     "P09": "online customers", "P10": "online customers", "P11": "store managers"}


@dataclass(frozen=True)
class Feature:
    """A shipped feature and the usage the story gives it: the share of its audience active in month six.

    ``rate`` is designed, not drawn; the generator adds a little seeded noise (never across the 5% line).
    """

    pid: str
    name: str
    rate: float                 # designed share of the audience active in the sixth month
    why: str = ""               # the story behind the rate, for authors
    again_in_2026: str = ""     # the 2026 deliverable (module 02's plan) that ships it again, if any


_NOISE = (0.85, 1.15)   # multiplies every designed rate; no designed rate lies within 15% of the 5% line
RARE = 0.05             # "rarely used": under 5% of the people who could use it (the lesson's threshold)
_FEATURES = [
    # P01, the Trail Rewards app: a few core features, a long tail nobody asked for.
    Feature(pid="P01", name="Digital membership card", rate=0.42, why="shown at every till"),
    Feature(pid="P01", name="Points balance", rate=0.31, why="core"),
    Feature(pid="P01", name="Reward catalogue", rate=0.12, why="where rewards are redeemed"),
    Feature(pid="P01", name="Trail journal", rate=0.0, again_in_2026="D01"),
    Feature(pid="P01", name="Friend referral", rate=0.012),
    Feature(pid="P01", name="Badge collection", rate=0.0, again_in_2026="D01"),
    Feature(pid="P01", name="Store map", rate=0.03),
    Feature(pid="P01", name="Gear wishlist", rate=0.02),
    Feature(pid="P01", name="Event calendar", rate=0.03),
    Feature(pid="P01", name="Push offers", rate=0.04),
    Feature(pid="P01", name="Dark mode", rate=0.008, again_in_2026="D11"),
    Feature(pid="P01", name="Trip planner", rate=0.0, again_in_2026="D01"),
    Feature(pid="P01", name="Weather widget", rate=0.004),
    Feature(pid="P01", name="Recipe ideas", rate=0.0, again_in_2026="D01"),
    # P02, the online store: the paths every buyer walks are used by most; the extras are not.
    Feature(pid="P02", name="New checkout", rate=0.66, why="every online order goes through it"),
    Feature(pid="P02", name="Saved baskets", rate=0.07),
    Feature(pid="P02", name="Product comparison", rate=0.03),
    Feature(pid="P02", name="Size guide", rate=0.11),
    Feature(pid="P02", name="Gift wrapping", rate=0.01),
    Feature(pid="P02", name="Wish list sharing", rate=0.0),
    Feature(pid="P02", name="Live chat button", rate=0.02),
    Feature(pid="P02", name="Order tracking page", rate=0.6, why="most buyers check where their parcel is"),
    # P05, store staff tablets: staff message and swap shifts, but hardly look stock up (module 03 uses this).
    Feature(pid="P05", name="Stock look-up", rate=0.028, why="about 3% of staff: the outcome P05 missed"),
    Feature(pid="P05", name="Order look-up", rate=0.22),
    Feature(pid="P05", name="Staff messaging", rate=0.55),
    Feature(pid="P05", name="Shift swap", rate=0.38),
    Feature(pid="P05", name="Product training videos", rate=0.04),
    Feature(pid="P05", name="Customer notes", rate=0.0),
    # P07, gear rental: a niche service among all online customers.
    Feature(pid="P07", name="Rental calendar", rate=0.015),
    Feature(pid="P07", name="Deposit payment", rate=0.012),
    Feature(pid="P07", name="Rental extension", rate=0.002),
    # P09, store stock on product pages: the badge is seen, little else is used.
    Feature(pid="P09", name="Store stock badge", rate=0.24, why="on every product page"),
    Feature(pid="P09", name="Reserve in store", rate=0.03),
    Feature(pid="P09", name="Nearest store finder", rate=0.035),
    Feature(pid="P09", name="Stock alerts", rate=0.008),
    # P10, the chatbot: its answers are little used, and those who try it ask for a person.
    Feature(pid="P10", name="Order status answers", rate=0.012),
    Feature(pid="P10", name="Returns answers", rate=0.009),
    Feature(pid="P10", name="Hand-over to agent", rate=0.035, why="more than any answer: people want a person"),
    Feature(pid="P10", name="Opening hours answers", rate=0.004),
    Feature(pid="P10", name="Product advice", rate=0.002),
    # P11, cloud reporting for ~40 store managers: they open the dashboard and export to spreadsheets.
    Feature(pid="P11", name="Weekly sales dashboard", rate=0.25, why="P11's own measure: 20% open it weekly"),
    Feature(pid="P11", name="Footfall report", rate=0.1),
    Feature(pid="P11", name="Stock ageing report", rate=0.025),
    Feature(pid="P11", name="Staffing heatmap", rate=0.0),
    Feature(pid="P11", name="Export to spreadsheet", rate=0.3),
]
# The P01 features the 2026 plan's D01 ("Trail Rewards app 2.0 ... ten new features") redesigns and ships again.
REPEATED_BY_D01 = tuple(f.name for f in _FEATURES if f.again_in_2026 == "D01")


def build_features(rng: random.Random) -> list[dict]:
    """Feature usage six months after launch, generated from the story (see ``_FEATURES``).

    Each audience is one base shared by every project that serves it. Usage is the designed rate with a
    little seeded noise, so the shape is the story's: core paths used by most, a long tail rarely or
    never used, as Pendo's 2019 report found across many products (its 80% is not reproduced exactly).
    """
    rows = []
    project_end = {r["project_id"]: r["actual_end"] for r in build_projects(rng_for_projects())}
    for number, feature in enumerate(_FEATURES, start=1):
        audience = _PROJECT_AUDIENCE[feature.pid]
        eligible = AUDIENCES[audience]
        users = int(round(eligible * feature.rate * rng.uniform(*_NOISE)))
        shipped = dt.date.fromisoformat(project_end[feature.pid]) - dt.timedelta(days=rng.randint(0, 40))
        rows.append({
            "feature_id": f"F{number:03d}", "project_id": feature.pid, "feature": feature.name,
            "audience": audience, "shipped_on": shipped.isoformat(), "eligible_users": eligible,
            "monthly_active_users": users,
        })
    return rows


def rng_for_projects() -> random.Random:
    from workshop_utils.casestudy import rng_for

    return rng_for("projects")


_PROJECT_FIELDS = [
    {"name": "project_id", "type": "string", "description": "Project identifier",
     "constraints": {"required": True, "unique": True, "pattern": "P[0-9]{2}"}},
    {"name": "project", "type": "string", "description": "Project name", "constraints": {"required": True}},
    {"name": "product", "type": "string", "description": "The product the project changed",
     "constraints": {"required": True}},
    {"name": "sponsor", "type": "string", "description": "The team that sponsored the project",
     "constraints": {"required": True}},
    {"name": "deliverable", "type": "string", "description": "The deliverable as written in the project charter",
     "constraints": {"required": True}},
    {"name": "start", "type": "date", "description": "Start date", "constraints": {"required": True}},
    {"name": "planned_end", "type": "date", "description": "End date in the approved plan",
     "constraints": {"required": True}},
    {"name": "actual_end", "type": "date", "description": "Date the last deliverable shipped",
     "constraints": {"required": True}},
    {"name": "budget_k", "type": "integer", "description": "Approved budget, thousands of euros",
     "constraints": {"required": True, "minimum": 0}},
    {"name": "spent_k", "type": "integer", "description": "Money spent, thousands of euros",
     "constraints": {"required": True, "minimum": 0}},
    {"name": "deliverables_planned", "type": "integer", "description": "Deliverables listed in the charter",
     "constraints": {"required": True, "minimum": 1}},
    {"name": "deliverables_shipped", "type": "integer", "description": "Deliverables shipped",
     "constraints": {"required": True, "minimum": 0}},
    {"name": "outcome_measure", "type": "string",
     "description": "The change in behaviour the project was meant to cause, as it is counted",
     "constraints": {"required": True}},
    {"name": "unit", "type": "string", "description": "Unit of the outcome measure", "constraints": {"required": True}},
    {"name": "direction", "type": "string", "description": "Whether higher (up) or lower (down) is better",
     "constraints": {"required": True, "enum": ["up", "down"]}},
    {"name": "baseline", "type": "number", "description": "Outcome measure before the project",
     "constraints": {"required": True}},
    {"name": "target", "type": "number", "description": "Outcome target agreed at the start",
     "constraints": {"required": True}},
    {"name": "actual", "type": "number", "description": "Outcome measure six months after the project ended",
     "constraints": {"required": True}},
]

_FEATURE_FIELDS = [
    {"name": "feature_id", "type": "string", "description": "Feature identifier",
     "constraints": {"required": True, "unique": True, "pattern": "F[0-9]{3}"}},
    {"name": "project_id", "type": "string", "description": "The project that shipped it (projects.project_id)",
     "constraints": {"required": True}},
    {"name": "feature", "type": "string", "description": "Feature name", "constraints": {"required": True}},
    {"name": "audience", "type": "string", "description": "Who could use it: one group shared by every project "
                                                            "that serves it",
     "constraints": {"required": True, "enum": list(AUDIENCES)}},
    {"name": "shipped_on", "type": "date", "description": "Release date", "constraints": {"required": True}},
    {"name": "eligible_users", "type": "integer",
     "description": "People who could use the feature: the size of its audience",
     "constraints": {"required": True, "minimum": 1}},
    {"name": "monthly_active_users", "type": "integer",
     "description": "People who used it in the sixth month after release", "constraints": {"required": True,
                                                                                         "minimum": 0}},
]

DATASETS = [
    Dataset(
        name="projects",
        title="Fernhill Outdoor's 2025 digital programme",
        description="Twelve projects: their plan, what they delivered, and the outcome each was meant to move.",
        fields=_PROJECT_FIELDS,
        primary_key=["project_id"],
        build=build_projects,
        module="01 Output vs Outcome",
        notes="Projects, deliverables and outcome measures are written by hand to tell the module's story; "
              "dates, budgets and outcome results are drawn from the seeded stream within limits that keep "
              "nine of twelve projects on time, on budget and complete, and three of twelve on target. "
              "The outcome 'actual' is measured six months after each project ended.",
        sources=[{"title": "Josh Seiden, Outcomes Over Output (2019): outcome as a change in behaviour"}],
    ),
    Dataset(
        name="features",
        title="Usage of the features the programme shipped",
        description="Each shipped feature with how many people could use it and how many did, six months on.",
        fields=_FEATURE_FIELDS,
        primary_key=["feature_id"],
        foreign_keys=[{"fields": ["project_id"], "reference": {"resource": "projects", "fields": ["project_id"]}}],
        build=build_features,
        module="01 Output vs Outcome",
        notes="Usage is written from the story, not drawn: each feature has a designed share of its audience "
              "active in the sixth month (core paths such as checkout and order tracking used by most buyers; the "
              "chatbot's answers little used, more people asking it for an agent than reading its answers; the "
              "stock look-up used by about 3% of store staff; the P01 features that 2026's D01 brings back never "
              "used), multiplied by seeded noise between 0.85 and 1.15 that never moves a feature across the 5% "
              "line. Each audience (online customers, members with the app, 600 store staff, 40 store managers) "
              "is one base shared by every project that serves it. The shape, most features rarely or never used, "
              "borrows from the published estimates below; the data does not reproduce either figure.",
        sources=[{"title": "Pendo, The 2019 Feature Adoption Report: an estimated 80% of features in the average "
                           "software product rarely or never used"},
                 {"title": "Standish Group figure of 64% of features rarely or never used (Jim Johnson, keynote at "
                           "XP 2002), of disputed origin: Mike Cohn (Mountain Goat Software blog, 2015) reports it "
                           "came from four internal applications at four companies; Johnson's own account (Standish "
                           "Group blog, 'The Little Pie Chart that Could') describes about 100 mission-critical "
                           "applications from some 25 organisations"}],
    ),
]

# ---------------------------------------------------------------------------------------------
# Questions of the graded set (solutions/01-output-vs-outcome)
# ---------------------------------------------------------------------------------------------

CLASSIFY_KEY = {
    "Launch the Trail Rewards app by the end of Q3": "output",
    "Members who redeem a reward each quarter rise from 12% to 20% by June": "outcome",
    "Migrate the online store to the new platform by March with 99.9% uptime": "output",
    "Store staff answer 70% of customer questions on the shop floor, up from 40%, by year end": "outcome",
    "Train 600 store staff on the new tablets by May": "output",
    "Suppliers who update their own stock weekly grow from 15 to 60 by December": "outcome",
    "Ship 14 app features on time and on budget": "output",
    "Contacts to customer service about returns fall from 38 to 20 per 1,000 orders by Q4": "outcome",
}
_NUMBERS_TRAP = ("Numbers and dates do not make a deliverable an outcome. Ask: does it describe something we "
                 "make or do, or something other people do differently?")
CLASSIFY_EXPLAIN = {
    "Launch the Trail Rewards app by the end of Q3": "Launching is something the team does: an output.",
    "Migrate the online store to the new platform by March with 99.9% uptime": _NUMBERS_TRAP,
    "Train 600 store staff on the new tablets by May": "Training people is an activity; what they then do "
                                                        "differently would be the outcome.",
    "Ship 14 app features on time and on budget": _NUMBERS_TRAP,
    "Members who redeem a reward each quarter rise from 12% to 20% by June": "Who changes? Members. What do "
    "they do differently? Redeem rewards. That is a change in behaviour: an outcome.",
    "Store staff answer 70% of customer questions on the shop floor, up from 40%, by year end":
        "Store staff doing something differently is an outcome, even though the staff are colleagues.",
    "Suppliers who update their own stock weekly grow from 15 to 60 by December":
        "Suppliers changing what they do is an outcome, even though no customer is involved.",
    "Contacts to customer service about returns fall from 38 to 20 per 1,000 orders by Q4":
        "Fewer contacts means customers behave differently (they no longer need to call): an outcome.",
}
# Every statement has an explanation (each is a decoy or the lesson's own example), so the self-check
# covers all eight: an explained item is a known trap, and checks.classification always checks those.
_CLASSIFY_VISIBLE = list(CLASSIFY_KEY)[:4]
# The misconception: anything with a number and a date is an outcome.
_CLASSIFY_MISCONCEPTION = {**CLASSIFY_KEY,
                           "Migrate the online store to the new platform by March with 99.9% uptime": "outcome",
                           "Train 600 store staff on the new tablets by May": "outcome",
                           "Ship 14 app features on time and on budget": "outcome"}


def _keys() -> dict:
    """Answer keys, computed from the generated data with the lesson's own metric functions."""
    from workshop_utils import data, metrics

    projects = data.load("projects")
    features = data.load("features")
    card = metrics.scorecard(projects)
    return {
        "delivery_rate": float(card["on_plan"].mean()),
        "on_time_rate": float(card["on_time"].mean()),
        "outcome_rate": float(card["outcome_met"].mean()),
        "outcome_rate_ignoring_direction": float((projects["actual"] >= projects["target"]).mean()),
        "rarely_used": metrics.rarely_used_share(features),
        "never_used": float((features["monthly_active_users"] == 0).mean()),
        # The threshold written as a percentage, usage < 5 instead of < 0.05: every feature counts.
        "rarely_used_percent_slip": float((features["monthly_active_users"] / features["eligible_users"] < 5).mean()),
        "project_not_product": sorted(card.loc[card["on_plan"] & ~card["outcome_met"], "project_id"]),
        "on_plan": sorted(card.loc[card["on_plan"], "project_id"]),
        "met": sorted(card.loc[card["outcome_met"], "project_id"]),
        "ids": sorted(card["project_id"]),
    }


def _LazyCheck(make):  # noqa: N802 - reads like the class it builds
    return checks.LazyCheck(_keys, make)


def _delivery(keys):
    return checks.number(
        keys["delivery_rate"], tolerance=1e-3, low=0, high=1, what="the share of projects on plan",
        range_hint="A share is a number between 0 and 1: divide the count by the number of projects.",
        near_misses={keys["on_time_rate"]: "On plan means on time AND on budget AND every deliverable shipped; "
                                           "this looks like on time alone."},
    )


def _outcome(keys):
    return checks.number(
        keys["outcome_rate"], tolerance=1e-3, low=0, high=1, what="the share of projects that met their target",
        range_hint="A share is a number between 0 and 1.",
        near_misses={keys["outcome_rate_ignoring_direction"]:
                     "Look at the direction column: where lower is better, the target is met when the actual "
                     "is at or below it."},
    )


def _rarely(keys):
    return checks.number(
        keys["rarely_used"], tolerance=1e-3, low=0, high=1, what="the share of features rarely or never used",
        range_hint="A share is a number between 0 and 1.",
        near_misses={keys["never_used"]: "That is the share never used. 'Rarely' counts too: under 5% of the "
                                         "people who could use it.",
                     keys["rarely_used"] - keys["never_used"]: "That is the share rarely used. Features never used "
                                                               "at all count too: 'rarely or never'.",
                     keys["rarely_used_percent_slip"]: "Every feature counts as rarely used: is the threshold "
                                                       "written as a share? Usage is a share from 0 to 1, so 5% "
                                                       "is 0.05, not 5."},
    )


def _not_product(keys):
    explain = {pid: f"{pid} missed its plan (late, over budget or short of deliverables)."
               for pid in set(keys["ids"]) - set(keys["on_plan"])}
    explain.update({pid: f"{pid} met its outcome target: it succeeded as a product too."
                    for pid in keys["met"] if pid in keys["on_plan"]})
    # Missing one that fits is a slip too: each of them gets its own reason, so the self-check covers every option.
    explain.update({pid: f"{pid} was on time, on budget and complete, yet missed its outcome target: a successful "
                         "project, an unsuccessful product." for pid in keys["project_not_product"]})
    return checks.selection(keys["project_not_product"], keys["ids"], explain=explain)


PRACTICE_KEY = {
    "Open three new parcel lockers in the city centre": "output",
    "Customers who collect parcels on the first attempt rise from 72% to 90% by Q2": "outcome",
    "Run a campaign to recruit 40 new volunteer drivers": "output",
    "Patients who book their follow-up online grow from 15% to 40% this year": "outcome",
    "Deliver the new claims portal by June, on budget": "output",
    "Students who submit coursework through the app without help-desk calls: from 55% to 80% by term 2":
        "outcome",
}

QUESTIONS = [
    checks.Question(
        qid="m01.practice_sort", title="Practice: outputs and outcomes from other sectors", kind="classify",
        points=0,
        prompt="Logistics, health, insurance, universities: the test is the same everywhere. Is it something "
               "a team makes or does (output), or something people do differently (outcome)?",
        check=checks.classification(PRACTICE_KEY, explain={
            "Deliver the new claims portal by June, on budget": _NUMBERS_TRAP,
            "Run a campaign to recruit 40 new volunteer drivers": "Running a campaign is an activity; drivers "
                                                                  "who then sign up and drive would be the outcome.",
        }),
        options=tuple(PRACTICE_KEY), labels=("output", "outcome"),
    ),
    checks.Question(
        qid="m01.practice_offplan", title="Practice: off plan, on target", kind="value", points=0,
        prompt="How many projects were NOT on plan but still met their outcome target? (a count)",
        check=_LazyCheck(lambda keys: checks.number(
            len(set(keys["met"]) - set(keys["on_plan"])), tolerance=0.01, low=0, high=12,
            what="the number of projects",
            near_misses={len(keys["met"]): "That counts every project that met its target; keep only those "
                                           "that were off plan."})),
    ),
    checks.Question(
        qid="m01.reflect", title="Your own deliverable", kind="text", points=0,
        prompt="Think of one deliverable from your own work. If it succeeded, who would behave differently, "
               "and how would you notice?",
        check=None,
    ),
    checks.Question(
        qid="m01.classify", title="Output or outcome?", kind="classify", points=3,
        prompt="Sort each statement: is it an output (what we make or do) or an outcome (what people do "
               "differently)?",
        check=checks.classification(CLASSIFY_KEY, visible=_CLASSIFY_VISIBLE, explain=CLASSIFY_EXPLAIN),
        options=tuple(CLASSIFY_KEY), labels=("output", "outcome"),
        solution=dict(CLASSIFY_KEY), misconception=_CLASSIFY_MISCONCEPTION,
    ),
    checks.Question(
        qid="m01.delivery_rate", title="How often did the programme deliver to plan?", kind="value", points=3,
        prompt="The share of projects (0 to 1) that finished on time, on budget and shipped every deliverable.",
        check=_LazyCheck(_delivery),
    ),
    checks.Question(
        qid="m01.outcome_rate", title="How often did it move the outcome?", kind="value", points=3,
        prompt="The share of projects (0 to 1) whose outcome measure reached its target.",
        check=_LazyCheck(_outcome),
    ),
    checks.Question(
        qid="m01.rarely_used", title="How many features are rarely or never used?", kind="value", points=3,
        prompt="The share of shipped features (0 to 1) used by fewer than 5% of the people who could use them.",
        check=_LazyCheck(_rarely),
    ),
    checks.Question(
        qid="m01.chart", title="Show delivery beside outcome", kind="chart", points=3,
        prompt="A bar chart: one bar per project (y, nominal) of outcome_progress (x, quantitative), "
               "coloured by on_plan (nominal), with a title and a description.",
        check=checks.chart_spec(
            "bar",
            {"y": ("project", "nominal"), "x": ("outcome_progress", "quantitative"),
             "color": ("on_plan", "nominal")},
            visible=["y"],
        ),
    ),
    checks.Question(
        qid="m01.project_not_product", title="Successful projects, unsuccessful products", kind="select",
        points=3,
        prompt="Choose every project that was on plan (on time, on budget, complete) but missed its outcome "
               "target.",
        check=_LazyCheck(_not_product),
        options=tuple(f"P{i:02d}" for i in range(1, 13)),
    ),
    checks.Question(
        qid="m01.reframe", title="Reframe a deliverable", kind="text", points=3,
        prompt="Rewrite P05's deliverable, 'Roll out tablets to every store and train 600 staff', as an "
               "outcome statement.",
        check=None,
        suggest=True,
        # The model answer (as in the solution notebook): `workshop check` shows it after grading.
        solution="Store staff answer 70% of customer questions on the shop floor without calling head office, up "
                 "from 40%, by the end of Q2 2026, while the average wait for help in store stays under five "
                 "minutes.",
        rubric={
            "who (0.5)": "Names whose behaviour changes: store staff, or customers in store; not 'we'.",
            "behaviour (0.5)": "Says what they do differently (answer questions on the floor, stop calling "
                               "head office), not what the project ships.",
            "measure (0.5)": "Counts it with a unit (% of customer questions answered on the floor).",
            "baseline and target (0.5)": "From 40% to a stated level (70% in the case).",
            "timeframe (0.5)": "By when (a date or quarter).",
            "guardrail (0.5)": "Something that must not get worse (customer wait time, staff overtime, "
                               "satisfaction).",
        },
    ),
]


def examples() -> dict:
    """For tests: per autograded question, (an answer that scores full marks, a typical wrong answer)."""
    import altair as alt

    from workshop_utils import data, metrics

    keys = _keys()
    card = metrics.scorecard(data.load("projects"))

    def bars(x_field):
        return alt.Chart(card).mark_bar().encode(
            y="project:N", x=f"{x_field}:Q", color="on_plan:N"
        ).properties(title="Delivered to plan is not the same as outcome reached",
                     description="Bars per project; colour shows whether it was delivered to plan.")

    return {
        "m01.classify": (dict(CLASSIFY_KEY), _CLASSIFY_MISCONCEPTION),
        "m01.delivery_rate": (keys["delivery_rate"], keys["on_time_rate"]),
        "m01.outcome_rate": (keys["outcome_rate"], keys["outcome_rate_ignoring_direction"]),
        "m01.rarely_used": (keys["rarely_used"], keys["never_used"]),
        "m01.chart": (bars("outcome_progress"), bars("spent_k")),
        "m01.project_not_product": (keys["project_not_product"], keys["on_plan"]),
        "m01.practice_sort": (dict(PRACTICE_KEY), {k: "outcome" for k in PRACTICE_KEY}),
        "m01.practice_offplan": (len(set(keys["met"]) - set(keys["on_plan"])), len(keys["met"])),
    }
