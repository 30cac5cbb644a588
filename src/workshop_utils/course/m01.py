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
    Feature(pid="P01", name="Push offers", rate=0.09, why="members act on an offer now and then"),
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
# Another organisation for the graded set: the lesson shows Fernhill; the exercise asks the same
# questions of a programme the lesson never showed, so a participant must transfer the idea rather
# than copy a printed figure. Written by hand, one named record per project.
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CouncilProject:
    """One Riverside Council project as chartered and as it turned out; the fields are the data set's columns.

    ``late``, ``over`` and ``short`` are design flags: the generator draws dates, spend and deliverable counts
    within limits that honour them.
    """

    project_id: str
    project: str
    product: str
    sponsor: str
    deliverable: str        # as written in the charter
    outcome_measure: str    # the behaviour it was meant to change, as counted
    unit: str
    direction: str          # "up" or "down": which way is better
    baseline: float
    target: float
    actual: float           # the measure six months after launch
    late: bool              # design flag: finished after its planned end
    over: bool              # design flag: spent more than its budget
    short: bool             # design flag: shipped fewer deliverables than planned


_COUNCIL = [
    CouncilProject(project_id="C01", project="Parking permits online", product="Permits", sponsor="Parking Services",
                   deliverable="Move parking permit applications online",
                   outcome_measure="permit applications made online without a phone call", unit="% of applications",
                   direction="up", baseline=35.0, target=70.0, actual=48.0, late=False, over=False, short=False),
    CouncilProject(project_id="C02", project="Missed bin reports", product="Waste", sponsor="Environment",
                   deliverable="Launch a missed-bin report form on the website",
                   outcome_measure="missed-bin reports made online", unit="% of reports", direction="up", baseline=20.0,
                   target=50.0, actual=56.0, late=False, over=False, short=False),
    CouncilProject(project_id="C03", project="Library app", product="Libraries", sponsor="Culture",
                   deliverable="Release a library app with nine features",
                   outcome_measure="members who renew their own loans", unit="% of members", direction="up",
                   baseline=30.0, target=60.0, actual=33.0, late=False, over=False, short=False),
    CouncilProject(project_id="C04", project="Council tax accounts", product="Council tax", sponsor="Finance",
                   deliverable="Replace the council tax billing system",
                   outcome_measure="households paying council tax by direct debit", unit="% of households",
                   direction="up", baseline=62.0, target=75.0, actual=77.0, late=True, over=True, short=False),
    CouncilProject(project_id="C05", project="Housing repairs portal", product="Housing", sponsor="Housing",
                   deliverable="Build a repairs portal for council tenants",
                   outcome_measure="repairs tenants report online", unit="% of repairs", direction="up", baseline=10.0,
                   target=40.0, actual=14.0, late=False, over=False, short=True),
    CouncilProject(project_id="C06", project="Web chat", product="Contact centre", sponsor="Customer Services",
                   deliverable="Add live chat to every council web page",
                   outcome_measure="calls to the contact centre about bins and permits",
                   unit="calls per 1,000 households", direction="down", baseline=48.0, target=30.0, actual=45.0,
                   late=False, over=False, short=False),
    CouncilProject(project_id="C07", project="School admissions", product="Education", sponsor="Children's Services",
                   deliverable="Put school admission applications online",
                   outcome_measure="admission applications completed online", unit="% of applications", direction="up",
                   baseline=70.0, target=90.0, actual=92.0, late=False, over=False, short=False),
    CouncilProject(project_id="C08", project="Care worker laptops", product="Adult social care", sponsor="Adult Care",
                   deliverable="Give 1,200 staff new laptops and train them",
                   outcome_measure="home visits written up by care workers on the same day", unit="% of visits",
                   direction="up", baseline=40.0, target=75.0, actual=42.0, late=False, over=False, short=False),
    CouncilProject(project_id="C09", project="Garden waste renewals", product="Waste", sponsor="Environment",
                   deliverable="Relaunch garden waste subscriptions online",
                   outcome_measure="households renewing without a reminder call", unit="% of subscribers",
                   direction="up", baseline=45.0, target=65.0, actual=68.0, late=False, over=True, short=False),
    CouncilProject(project_id="C10", project="Planning portal", product="Planning", sponsor="Planning",
                   deliverable="Replace the planning applications portal",
                   outcome_measure="planning applications complete at first submission", unit="% of applications",
                   direction="up", baseline=55.0, target=80.0, actual=58.0, late=True, over=False, short=False),
]


def build_council_projects(rng: random.Random) -> list[dict]:
    """Dates, budgets and deliverable counts drawn within limits that honour each record's flags."""
    rows = []
    for record in _COUNCIL:
        start = dt.date(2025, 2, 3) + dt.timedelta(weeks=rng.randint(0, 14))
        planned_end = start + dt.timedelta(weeks=rng.randint(12, 28))
        actual_end = planned_end + dt.timedelta(weeks=rng.randint(3, 9) if record.late else -rng.randint(0, 2))
        budget = rng.randint(8, 60) * 10
        spent = round(budget * (rng.uniform(1.1, 1.35) if record.over else rng.uniform(0.85, 0.99)))
        planned = rng.randint(5, 14)
        rows.append({
            "project_id": record.project_id, "project": record.project, "product": record.product,
            "sponsor": record.sponsor, "deliverable": record.deliverable,
            "start": start.isoformat(), "planned_end": planned_end.isoformat(), "actual_end": actual_end.isoformat(),
            "budget_k": budget, "spent_k": spent, "deliverables_planned": planned,
            "deliverables_shipped": planned - rng.randint(2, 3) if record.short else planned,
            "outcome_measure": record.outcome_measure, "unit": record.unit, "direction": record.direction,
            "baseline": record.baseline, "target": record.target, "actual": record.actual,
        })
    return rows


DATASETS.append(Dataset(
    name="council_projects",
    title="Riverside Council's 2025 digital services programme",
    description="Ten projects of a fictional local council: their plan, what they delivered, and the outcome each "
                "was meant to move. Used by the graded exercise of module 01, not by the lesson.",
    fields=[{**f, "constraints": {**f["constraints"], "pattern": "C[0-9]{2}"}} if f["name"] == "project_id" else f
            for f in _PROJECT_FIELDS],
    primary_key=["project_id"],
    build=build_council_projects,
    module="01 Output vs Outcome",
    notes="Projects, outcome measures and results are written by hand: six of ten projects on time, on budget and "
          "complete, four of ten on target, one measure where lower is better. Dates and budgets are drawn from "
          "the seeded stream within limits that keep those flags.",
    sources=[{"title": "Josh Seiden, Outcomes Over Output (2019): outcome as a change in behaviour"}],
))

# ---------------------------------------------------------------------------------------------
# Questions of the graded set (solutions/01-output-vs-outcome)
# ---------------------------------------------------------------------------------------------

# Statements from several sectors, none shown in the lesson. Decoys beat the surface cue "a number moving
# means an outcome": outputs with numbers that move, outcomes with no number, a team's own service level
# dressed as behaviour (tests/test_items.py holds that rule to at most 60% on every output/outcome set).
CLASSIFY_KEY = {
    "Patients book their follow-up appointments online instead of phoning the clinic": "outcome",
    "Grow the help-centre library from 120 to 400 articles by June": "output",
    "Tenants who report repairs in the app rather than by phone rise from 20% to 45% by December": "outcome",
    "Our support team replies to 95% of emails within 4 hours, up from 70%, by March": "output",
    "Volunteers log their own shifts instead of emailing the coordinator": "outcome",
    "Increase self-service kiosks in branches from 12 to 30 by Q2": "output",
    "Small business customers who pay invoices late fall from 18% to 10% by Q3": "outcome",
    "Train 300 nurses on the new rostering system by May": "output",
    "Launch the new claims portal on time and within budget": "output",
    "Farmers who order seed online rather than through a sales rep grow from 1 in 10 to 1 in 3 this season":
        "outcome",
}
_NUMBERS_TRAP = ("Numbers and dates do not make a deliverable an outcome. Ask: does it describe something we "
                 "make or do, or something other people do differently?")
_NO_NUMBER = ("No number yet, but it names who (%s) and what they do differently: an outcome. A number makes it "
              "measurable; it does not decide the kind.")
CLASSIFY_EXPLAIN = {
    "Patients book their follow-up appointments online instead of phoning the clinic": _NO_NUMBER % "patients",
    "Grow the help-centre library from 120 to 400 articles by June": "Articles are something the team writes: an "
    "output, even though a number moves from 120 to 400. " + _NUMBERS_TRAP.split(". ", 1)[1],
    "Tenants who report repairs in the app rather than by phone rise from 20% to 45% by December": "Tenants "
    "change how they report repairs: a change in behaviour, an outcome.",
    "Our support team replies to 95% of emails within 4 hours, up from 70%, by March": "The people doing "
    "something here are the team itself, doing its own work faster: delivery, an output. Whose behaviour outside "
    "the team would change because of it?",
    "Volunteers log their own shifts instead of emailing the coordinator": _NO_NUMBER % "volunteers",
    "Increase self-service kiosks in branches from 12 to 30 by Q2": "Kiosks are something the organisation "
    "installs: an output. The outcome would be what customers then do at them.",
    "Small business customers who pay invoices late fall from 18% to 10% by Q3": "Customers paying on time is a "
    "change in what they do: an outcome, even though the number falls.",
    "Train 300 nurses on the new rostering system by May": "Training people is an activity; what the nurses then "
    "do differently would be the outcome.",
    "Launch the new claims portal on time and within budget": "Launching is something the team does: an output. "
    "On time and within budget describe the delivery, not anyone's behaviour.",
    "Farmers who order seed online rather than through a sales rep grow from 1 in 10 to 1 in 3 this season":
        "Farmers change how they order: an outcome.",
}
# Every statement has an explanation (each is a decoy or a plain case), so the self-check covers all ten.
_CLASSIFY_VISIBLE = list(CLASSIFY_KEY)[:4]
# The misconception: a number that moves means an outcome.
_CLASSIFY_MISCONCEPTION = {
    statement: ("outcome" if any(word in statement for word in (" from ", " up from ")) else "output")
    for statement in CLASSIFY_KEY
}


def _keys() -> dict:
    """Answer keys, computed from the generated data with the lesson's own metric functions."""
    from workshop_utils import data, metrics

    projects = data.load("projects")
    features = data.load("features")
    council = data.load("council_projects")
    card = metrics.scorecard(council)
    on_plan, met = set(card.loc[card["on_plan"], "project_id"]), set(card.loc[card["outcome_met"], "project_id"])
    app = features[features["project_id"] == "P01"]
    return {
        "delivery_rate": float(card["on_plan"].mean()),
        "on_time_rate": float(card["on_time"].mean()),
        "outcome_rate": float(card["outcome_met"].mean()),
        "outcome_rate_ignoring_direction": float((council["actual"] >= council["target"]).mean()),
        # Of the projects on plan, and of the others, the share that met the target: the interpretation's basis.
        "met_if_on_plan": len(on_plan & met) / max(len(on_plan), 1),
        "met_if_off_plan": len(met - on_plan) / max(len(set(card["project_id"]) - on_plan), 1),
        "rarely_used": metrics.rarely_used_share(app),
        "rarely_used_all": metrics.rarely_used_share(features),
        "never_used": float((app["monthly_active_users"] == 0).mean()),
        "app_features": len(app),
        # The threshold written as a percentage, usage < 5 instead of < 0.05: every feature counts.
        "rarely_used_percent_slip": float((app["monthly_active_users"] / app["eligible_users"] < 5).mean()),
        "project_not_product": sorted(on_plan - met),
        "on_plan": sorted(on_plan),
        "met": sorted(met),
        "ids": sorted(card["project_id"]),
        "projects": list(card["project"]),  # the chart item asks for one bar per project, none left out
        # The lesson's figures for Fernhill: a participant who copies them answers the wrong organisation.
        "fernhill_delivery_rate": float(metrics.scorecard(projects)["on_plan"].mean()),
        "fernhill_outcome_rate": float(metrics.scorecard(projects)["outcome_met"].mean()),
    }


def _fernhill_card() -> dict:
    """Fernhill's projects on plan and on target: the lesson's practice asks about them."""
    from workshop_utils import data, metrics

    card = metrics.scorecard(data.load("projects"))
    return {"on_plan": sorted(card.loc[card["on_plan"], "project_id"]),
            "met": sorted(card.loc[card["outcome_met"], "project_id"])}


def _LazyCheck(make):  # noqa: N802 - reads like the class it builds
    return checks.LazyCheck(_keys, make)


# The two shares typed in each other's place: the delivery share where the outcome share is asked, or back.
_SWAPPED = ("That is the share of projects that {other}: the other question's number. This one asks for the share "
            "that {this}.")


def _delivery(keys):
    return checks.number(
        keys["delivery_rate"], tolerance=1e-3, low=0, high=1, what="the share of the council's projects on plan",
        range_hint="A share is a number between 0 and 1: divide the count by the number of projects.",
        near_misses=checks.distinct_slips(keys["delivery_rate"], {
            keys["on_time_rate"]: "On plan means on time AND on budget AND every deliverable shipped; this looks "
                                  "like on time alone.",
            keys["fernhill_delivery_rate"]: ("That is Fernhill's share, from the lesson. This question is about "
                                        "Riverside Council's programme: load council_projects."),
            keys["outcome_rate"]: _SWAPPED.format(this="delivered to plan (on time, on budget, complete)",
                                                  other="met their outcome target"),
        }, 1e-3),
    )


def _outcome(keys):
    return checks.number(
        keys["outcome_rate"], tolerance=1e-3, low=0, high=1,
        what="the share of the council's projects that met their target",
        range_hint="A share is a number between 0 and 1.",
        near_misses=checks.distinct_slips(keys["outcome_rate"], {
            keys["outcome_rate_ignoring_direction"]: "Look at the direction column: where lower is better, the "
                                                     "target is met when the actual is at or below it.",
            keys["fernhill_outcome_rate"]: ("That is Fernhill's share, from the lesson. This question is about "
                                        "Riverside Council's programme: load council_projects."),
            keys["delivery_rate"]: _SWAPPED.format(this="met their outcome target",
                                                   other="delivered to plan (on time, on budget, complete)"),
        }, 1e-3),
    )


def _rarely(keys):
    expected = keys["rarely_used"]
    return checks.number(
        expected, tolerance=1e-3, low=0, high=1, what="the share of the app's features rarely or never used",
        range_hint="A share is a number between 0 and 1.",
        near_misses=checks.distinct_slips(expected, {
            keys["never_used"]: "That is the share never used. 'Rarely' counts too: under 5% of the people who "
                                "could use it.",
            expected - keys["never_used"]: "That is the share rarely used. Features never used at all count too: "
                                           "'rarely or never'.",
            keys["rarely_used_all"]: "That is the share over every feature of the programme. The question asks "
                                     "about the Trail Rewards app's features only (project_id P01).",
            keys["rarely_used_percent_slip"]: "Every feature counts as rarely used: is the threshold written as a "
                                              "share? Usage is a share from 0 to 1, so 5% is 0.05, not 5.",
            0.64: "That is the famous figure from the lesson's box, not Fernhill's data. Compute it from features.",
            0.8: "That is Pendo's estimate from the lesson, not Fernhill's data. Compute it from features.",
        }, 1e-3),
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


# --- Interpretation items: what follows from the numbers ---------------------------------------
VERDICT = checks.conclusions([
    checks.Conclusion(
        text="Being on plan told the council little about results: its on-plan projects met their outcome target no "
             "more often than the others.",
        fits=True,
        why="Compare the two groups: of the on-plan projects, what share met the target? Of the rest? If on plan "
            "predicted results, the first share would be clearly higher.",
    ),
    checks.Conclusion(
        text="The programme went well: most projects finished on time, on budget and complete, which is what a "
             "programme office should be judged on.",
        fits=False,
        why="That is the project scorecard. The product scorecard, your second number, says most of these projects "
            "did not change what residents do.",
    ),
    checks.Conclusion(
        text="The missed targets show the teams delivered badly; tighter project management would have hit them.",
        fits=False,
        why="Most projects that missed their target were delivered on plan: the delivery was fine. The question is "
            "whether these deliverables could move the outcome at all.",
    ),
    checks.Conclusion(
        text="The council should keep checking each deliverable against its outcome measure after launch, not only "
             "when the charter is approved.",
        fits=True,
        why="The gap between the two numbers is the case for re-checking deliverables against outcomes after launch: "
            "that is how a team finds out early that a delivered project moves nothing.",
    ),
    checks.Conclusion(
        text="The outcome targets were set too high, so the charters should leave them out next year.",
        fits=False,
        why="Dropping targets would hide the gap, not close it. Without them the council could not even see which "
            "projects moved residents' behaviour.",
    ),
])

APP_VERDICT = checks.conclusions([
    checks.Conclusion(
        text="Before building ten more features, find out which behaviour each should change (members redeeming "
             "rewards) and test the most promising few first.",
        fits=True,
        why="Most of the features already shipped go unused: more of the same is a bet, so test it against the "
            "behaviour it should change before paying for all ten.",
    ),
    checks.Conclusion(
        text="Ten new features will raise redemption, because the 2025 app was delivered on time and on budget.",
        fits=False,
        why="Delivered on time is the project scorecard. Your share says most features the app already has are rarely "
            "or never used; more features do not follow from that.",
    ),
    checks.Conclusion(
        text="The plan should be judged by what members do differently, not by how many features it ships.",
        fits=True,
        why="Your number shows that features shipped and value delivered are different things: the 2026 plan needs an "
            "outcome, not a feature count.",
    ),
    checks.Conclusion(
        text="Low usage shows the 2025 features were badly built: rebuild the same features on a new platform.",
        fits=False,
        why="Nothing in the usage data says the features were badly built, only that few members use them. Rebuilding "
            "them repeats the bet.",
    ),
    checks.Conclusion(
        text="The share is close to the famous industry figure, so it is normal and needs no action.",
        fits=False,
        why="Common is not the same as fine: every unused feature was paid for and must be maintained. The share is a "
            "reason to act, whatever other products do.",
    ),
])


PRACTICE_KEY = {
    "Open three new parcel lockers in the city centre": "output",
    "Customers collect their parcels at the first delivery attempt": "outcome",
    "Raise the number of parcel lockers from 40 to 120 by Q2": "output",
    "Patients who book their follow-up online grow from 15% to 40% this year": "outcome",
    "Our contact centre answers 90% of calls within a minute, up from 60%": "output",
    "Students submit coursework through the app without calling the help desk": "outcome",
    "Deliver the new claims portal by June, on budget": "output",
    "Run a campaign to recruit 40 new volunteer drivers": "output",
}
PRACTICE_EXPLAIN = {
    "Customers collect their parcels at the first delivery attempt": "No number, yet customers do something "
    "differently: an outcome. The number makes it measurable; it does not make it an outcome.",
    "Raise the number of parcel lockers from 40 to 120 by Q2": "Lockers are something the company installs: an "
    "output, even though a number moves.",
    "Our contact centre answers 90% of calls within a minute, up from 60%": "It is the organisation's own team "
    "working faster: delivery, an output. Whose behaviour outside the team changes?",
    "Students submit coursework through the app without calling the help desk": "Students change how they hand "
    "in work: an outcome, with or without a number.",
    "Deliver the new claims portal by June, on budget": _NUMBERS_TRAP,
    "Run a campaign to recruit 40 new volunteer drivers": "Running a campaign is an activity; drivers who then "
    "sign up and drive would be the outcome.",
}

QUESTIONS = [
    checks.Question(
        qid="m01.practice_sort", title="Practice: outputs and outcomes from other sectors", kind="classify",
        points=0,
        prompt="Logistics, health, insurance, universities: the test is the same everywhere. Is it something "
               "a team makes or does (output), or something people do differently (outcome)?",
        check=checks.classification(PRACTICE_KEY, explain=PRACTICE_EXPLAIN),
        options=tuple(PRACTICE_KEY), labels=("output", "outcome"),
        hints=("For each statement, ask who acts. The team making, opening, running or answering something is an "
               "output; people outside the team doing something differently is an outcome, with or without a number.",
               "Two statements from a library: 'Open a second branch on Saturdays' is the library doing something, "
               "an output. 'Readers renew their loans online instead of queueing at the desk' is readers acting "
               "differently, an outcome. Now ask 'who acts?' of each of the eight."),
        why="Outputs are what an organisation builds, opens, runs or answers, however many numbers move; outcomes are "
            "customers, patients or students doing something differently. A contact centre answering faster is "
            "still the organisation's own work.",
    ),
    checks.Question(
        qid="m01.practice_offplan", title="Practice: off plan, on target", kind="value", points=0,
        prompt="How many of Fernhill's projects were NOT on plan but still met their outcome target? (a count)",
        check=checks.LazyCheck(_fernhill_card, lambda facts: checks.number(
            len(set(facts["met"]) - set(facts["on_plan"])), tolerance=1e-9, low=0, high=12,
            exact_hint="Count again: a project counts when it is off plan AND met its target.",
            whole_hint="A count is a whole number: count the projects off plan that met their target.",
            what="the number of projects",
            near_misses={len(facts["met"]): "That counts every project that met its target; keep only those "
                                            "that were off plan."})),
        hints=("Two columns of card answer two questions: was the project on plan, and did it meet its target? You "
               "want projects where the first is False and the second is True.",
               "In pandas, & means 'and' and ~ means 'not'. For instance card[~card['on_time'] & card['outcome_met']] "
               "keeps the late projects that met their target. Do the same with on_plan instead of on_time, and "
               "count the rows with len(...)."),
        why="A project counts when it is off plan (late, over budget or short of deliverables) and its outcome "
            "measure still reached its target: delivery to plan and outcome are separate questions.",
    ),
    checks.Question(
        qid="m01.reflect", title="Your own deliverable", kind="text", points=0,
        prompt="Think of one deliverable from your own work. If it succeeded, who would behave differently, "
               "and how would you notice?",
        check=None,
        hints=("Start from something your team ships or runs (a report, a release, a training course) and ask: if it "
               "worked, whose day would look different?",
               "For example: 'a new expenses form'. If it worked, staff would submit expenses without emailing "
               "finance, and finance would see fewer queries. Name the people, the change, and where you would "
               "see it."),
    ),
    checks.Question(
        qid="m01.classify", title="Output or outcome?", kind="classify", points=3,
        prompt="Sort each statement, from organisations in several sectors: is it an output (what a team makes or "
               "does) or an outcome (what people do differently)?",
        check=checks.classification(CLASSIFY_KEY, visible=_CLASSIFY_VISIBLE, explain=CLASSIFY_EXPLAIN),
        options=tuple(CLASSIFY_KEY), labels=("output", "outcome"),
        solution=dict(CLASSIFY_KEY), misconception=_CLASSIFY_MISCONCEPTION, unseen="statements",
        hints=("Ask of each statement who acts. A team that makes, grows, installs, trains, launches or answers is "
               "producing an output; people outside the team doing something differently is an outcome. A number "
               "that moves, or no number at all, does not decide it.",
               "Work two statements from a bakery chain. 'Publish 50 recipe videos by spring' has a number and a "
               "date, but the team publishes: an output. 'Customers order their birthday cakes online instead of "
               "calling the shop' has no number, but customers act differently: an outcome. Watch for a team's own "
               "service getting faster: it is still the team's work."),
        why="Each outcome names people outside the team (patients, tenants, volunteers, customers, farmers) doing "
            "something differently; each output is something the organisation makes, installs, trains, answers or "
            "launches, however many numbers and dates it carries.",
    ),
    checks.Question(
        qid="m01.delivery_rate", title="How often did the council deliver to plan?", kind="value", points=3,
        prompt="The share of Riverside Council's projects (0 to 1) that finished on time, on budget and shipped "
               "every deliverable.",
        check=_LazyCheck(_delivery), unseen="council_projects",
        hints=("On plan means three things at once: on time, on budget and every deliverable shipped. You do not need "
               "to work them out by hand: the lesson's scorecard does.",
               "In the lesson, card = metrics.scorecard(projects) gave Fernhill's on_plan column, and "
               "card['on_plan'].mean() its share (the mean of True and False values is the share of True). Do the "
               "same with the council's table, data.load('council_projects'), not Fernhill's."),
        why="metrics.scorecard marks a project on plan only when it finished by its planned end, within budget and "
            "with every deliverable shipped; the mean of that True/False column over the council's projects is "
            "the share on plan.",
    ),
    checks.Question(
        qid="m01.outcome_rate", title="How often did it move the outcome?", kind="value", points=3,
        prompt="The share of Riverside Council's projects (0 to 1) whose outcome measure reached its target.",
        check=_LazyCheck(_outcome), unseen="council_projects",
        hints=("A target is met when the actual reaches it, and 'reaches' depends on the direction column: where lower "
               "is better, the actual must be at or below the target.",
               "Say a waiting time has baseline 20 days, target 12 and actual 11, direction 'down': it is met, "
               "although 11 is smaller than 12. The scorecard's outcome_met column already reads the direction: "
               "build the council's scorecard and take the mean of outcome_met."),
        why="outcome_met is True when the actual reached the target in the measure's direction (at or above it when "
            "higher is better, at or below it when lower is better); its mean over the council's projects is the "
            "share that met their target.",
    ),
    checks.Question(
        qid="m01.verdict", title="What do the two numbers say?", kind="select", points=3,
        prompt="Tick every conclusion that follows from your two shares and the council's table.",
        check=checks.selection(VERDICT),
        options=VERDICT.options, unseen="council_projects", follows_from=("m01.delivery_rate", "m01.outcome_rate"),
        hints=("Test each conclusion against your two numbers and the table, not against what sounds sensible. Does "
               "the data show it, or does it only blame or praise the delivery?",
               "Split the council's projects into two groups, on plan and not, and work out the share that met "
               "the target in each: card.groupby('on_plan')['outcome_met'].mean(). If being on plan predicted "
               "results, the on-plan group's share would be clearly higher. Then read each conclusion again with "
               "those two shares in mind."),
        why="On-plan projects met their targets no more often than the others, so being on plan says little about "
            "results, and the gap is the case for checking deliverables against outcomes after launch. Praising "
            "the delivery, blaming it, or dropping the targets does not follow from the numbers.",
    ),
    checks.Question(
        qid="m01.rarely_used", title="How many of the app's features are rarely or never used?", kind="value",
        points=3,
        prompt="The share of the Trail Rewards app's features (project P01, 0 to 1) used by fewer than 5% of the "
               "people who could use them.",
        check=_LazyCheck(_rarely),
        hints=("'Rarely or never used' means used by fewer than 5% of the people who could use it: a share of eligible "
               "users, not a count of users. And only the Trail Rewards app's features count.",
               "The lesson's metrics.rarely_used_share(features) does the counting, never-used features included. "
               "It ran over all of Fernhill's features; here keep the app's rows first, "
               "features[features['project_id'] == 'P01'], and pass those. The threshold is 0.05, not 5."),
        why="A feature counts when its monthly active users are under 5% of the people who could use it, never-used "
            "features included; rarely_used_share over the P01 rows gives that share of the app's features.",
    ),
    checks.Question(
        qid="m01.app_verdict", title="Ten more features?", kind="select", points=3,
        prompt="Fernhill's 2026 plan asks for 'Trail Rewards app 2.0: a redesign with ten new features'. Tick every "
               "conclusion that follows from your share.",
        check=checks.selection(APP_VERDICT),
        options=APP_VERDICT.options, follows_from=("m01.rarely_used",),
        hints=("Your share measures value (features people use), not delivery. A conclusion follows only if that share "
               "supports it; the delivery record and other companies' figures are a different question.",
               "Try a different case: a library app, most of whose features are rarely used, asks for a new e-book "
               "reader. 'It was delivered on budget, so readers will use it' does not follow: budget is delivery, "
               "not use. 'Say what readers should do differently, and test it with a few first' does follow. Ask "
               "the same of each conclusion here."),
        why="Most of the app's features already go unused, so ten more are a bet: judge the plan by what members do "
            "and test the most promising few first. Delivery on time, build quality and the industry's figure do "
            "not follow from the share.",
    ),
    checks.Question(
        qid="m01.chart", title="Show delivery beside outcome", kind="chart", points=3,
        prompt="A bar chart of the council's projects: one bar per project (y, nominal) of outcome_progress (x, "
               "quantitative), coloured by on_plan (nominal), with a title and a description.",
        check=_LazyCheck(lambda keys: checks.chart_spec(
            "bar",
            {"y": ("project", "nominal"), "x": ("outcome_progress", "quantitative"),
             "color": ("on_plan", "nominal")},
            visible=["y"], every=("project", keys["projects"]), what="projects",
        )),
        unseen="council_projects",
        hints=("Read the prompt channel by channel: which column goes on y, which on x, which colours the bars, and is "
               "each nominal (names) or quantitative (numbers)? A chart also needs a title and a description.",
               "The pattern, with other names: alt.Chart(table).mark_bar().encode(y='name:N', x='amount:Q', "
               "color='group:N').properties(title='...', description='...'). Build table with "
               "metrics.scorecard(data.load('council_projects')) and keep every project: no filter."),
        why="One bar per project on y (nominal), its outcome_progress on x (quantitative) and on_plan as the colour "
            "(nominal) put delivery beside outcome in one picture; the title and description make it readable "
            "without the code.",
    ),
    checks.Question(
        qid="m01.project_not_product", title="Successful projects, unsuccessful products", kind="select",
        points=3,
        prompt="Choose every council project that was on plan (on time, on budget, complete) but missed its "
               "outcome target.",
        check=_LazyCheck(_not_product),
        options=tuple(f"C{i:02d}" for i in range(1, 11)), unseen="council_projects",
        hints=("Two conditions at once: on plan (on time, on budget, complete) AND outcome target missed. A project "
               "needs both to count.",
               "With card = metrics.scorecard(data.load('council_projects')), the rows you want are "
               "card[card['on_plan'] & ~card['outcome_met']]; their project_id column lists them. Check one by hand "
               "in the table: on time, within budget, every deliverable, and still short of its target?"),
        why="Those projects were delivered exactly as planned, yet their outcome measure did not reach its target: "
            "successful projects, unsuccessful products. Projects off plan, or on target, do not fit.",
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
        why=("It names the people whose behaviour changes (store staff), what they do differently (answer on the "
             "floor instead of calling head office), and counts it from the 2025 baseline of 40% to the charter's "
             "70% by a date; the guardrail protects what customers feel, the wait for help."),
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
        hints=("An outcome statement says who will do what differently, measured from a baseline to a target, by "
               "when, without what getting worse. Tablets and training are the means, not the end.",
               "A different deliverable: 'Launch a self-checkout app'. As an outcome: 'Shoppers pay with the app "
               "for 30% of small baskets, up from 5%, by March, while queue times stay under four minutes.' Now "
               "ask of P05: once staff have tablets, who would do what differently, and where would you see it in "
               "the data (P05's outcome measure and baseline)?"),
    ),
]


def examples() -> dict:
    """For tests: per autograded question, (an answer that scores full marks, a typical wrong answer)."""
    import altair as alt

    from workshop_utils import data, metrics

    keys = _keys()
    card = metrics.scorecard(data.load("council_projects"))
    fernhill = _fernhill_card()

    def bars(x_field):
        return alt.Chart(card.assign(spent_k=data.load("council_projects")["spent_k"])).mark_bar().encode(
            y="project:N", x=f"{x_field}:Q", color="on_plan:N"
        ).properties(title="Delivered to plan is not the same as outcome reached",
                     description="Bars per project; colour shows whether it was delivered to plan.")

    return {
        "m01.classify": (dict(CLASSIFY_KEY), _CLASSIFY_MISCONCEPTION),
        "m01.delivery_rate": (keys["delivery_rate"], keys["on_time_rate"]),
        "m01.outcome_rate": (keys["outcome_rate"], keys["outcome_rate_ignoring_direction"]),
        # "On plan means it went well."
        "m01.verdict": (VERDICT.key, [VERDICT[1].text]),
        "m01.rarely_used": (keys["rarely_used"], keys["never_used"]),
        # "Shipping more features is progress."
        "m01.app_verdict": (APP_VERDICT.key, [APP_VERDICT[1].text]),
        "m01.chart": (bars("outcome_progress"), bars("spent_k")),
        "m01.project_not_product": (keys["project_not_product"], keys["on_plan"]),
        "m01.practice_sort": (dict(PRACTICE_KEY), {k: "outcome" for k in PRACTICE_KEY}),
        "m01.practice_offplan": (len(set(fernhill["met"]) - set(fernhill["on_plan"])), len(fernhill["met"])),
    }
