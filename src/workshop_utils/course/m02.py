"""Module 02, Reframing deliverables into outcomes: its case data and its graded questions.

Fernhill Outdoor wrote its 2026 plan the way it wrote its 2025 programme: as a list of
deliverables. This module traces each deliverable through an impact map (Adzic 2012) to a goal,
rewrites deliverables as outcome statements, and sorts measures by level (Torres 2021) and by
timing (McChesney, Covey, Huling 2012). The answer keys are computed from the generated rows
(and, for the objectives, with ``workshop_utils.outcomes.assess``, the assessor the lesson
teaches), so data and keys can never drift apart.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field

from workshop_utils import checks
from workshop_utils.casestudy import Dataset

MODULE = "02"
NOTEBOOK = "02-reframing-deliverables"

# ---------------------------------------------------------------------------------------------
# Data. Goals (the "why" of the impact map), the 2026 deliverables (the "what"), the measures a
# team could manage by, and the objectives the teams wrote for their deliverables.
# ---------------------------------------------------------------------------------------------



@dataclass(frozen=True)
class Goal:
    """A 2026 goal: the "why" of the impact map. Named fields, so each value says what it is."""

    goal: str                               # short name, the key other tables refer to
    statement: str                          # with {b} baseline and {t} target filled in from the stream
    measure: str                            # the lag measure that says whether the goal is met
    unit: str
    direction: str                          # "up" or "down": which way is better
    baseline_range: tuple[float, float]     # the baseline is drawn in this range
    target_factor: float                    # the target is the baseline times this


_GOALS = [
    Goal(goal="repeat purchases",
         statement="Members buy from Fernhill again: revenue from members' repeat purchases grows from €{b:.1f}m to "
                   "€{t:.1f}m a year by December 2026",
         measure="revenue from members' repeat purchases", unit="€ million a year", direction="up",
         baseline_range=(17.0, 21.0), target_factor=1.15),
    Goal(goal="cost to serve",
         statement="Online orders cost less to serve: the cost to serve one online order falls from €{b:.2f} to "
                   "€{t:.2f} by December 2026",
         measure="cost to serve one online order (picking, delivery, returns and contacts)", unit="€ per order",
         direction="down", baseline_range=(7.2, 8.4), target_factor=0.85),
    Goal(goal="circular gear",
         statement="Gear is rented, repaired and traded in rather than replaced: revenue from rentals, repairs and "
                   "trade-ins grows from €{b:.1f}m to €{t:.1f}m a year by December 2026",
         measure="revenue from rentals, repairs and trade-ins", unit="€ million a year", direction="up",
         baseline_range=(1.0, 1.4), target_factor=1.6),
]
GOALS = tuple(g.goal for g in _GOALS)


def build_goals(rng: random.Random) -> list[dict]:
    rows = []
    for g in _GOALS:
        baseline = round(rng.uniform(*g.baseline_range), 1)
        target = round(baseline * g.target_factor, 1)
        rows.append({
            "goal": g.goal, "statement": g.statement.format(b=baseline, t=target),
            "measure": g.measure, "unit": g.unit, "direction": g.direction, "baseline": baseline, "target": target,
            "deadline": "2026-12-31",
        })
    return rows


@dataclass(frozen=True)
class Deliverable:
    """A line of the 2026 plan (the "what"), with the impact-map chain it claims.

    An empty actor or behaviour change means the plan names none: the deliverable traces to no impact.
    """

    did: str
    deliverable: str                        # as written in the plan
    team: str                               # the team that asked for it
    cost_range: tuple[int, int]             # thousands of euros; drawn in steps of 5
    actor: str                              # the "who"
    behaviour_change: str                   # the "how": what the actor would do differently
    goal: str                               # the goal it claims to serve (Goal.goal)


_PLAN = [
    Deliverable(did="D01", deliverable="Trail Rewards app 2.0: a redesign with ten new features", team="Marketing",
                cost_range=(300, 450), actor="New members",
                behaviour_change="redeem their first reward within 30 days of joining", goal="repeat purchases"),
    Deliverable(did="D02", deliverable="Gear-care emails after each purchase, with a repair offer", team="Marketing",
                cost_range=(40, 70), actor="Members who bought boots or jackets",
                behaviour_change="book a repair instead of replacing worn gear", goal="circular gear"),
    Deliverable(did="D03", deliverable="Online rental booking with deposit payment", team="Rental",
                cost_range=(100, 175), actor="Weekend hikers without their own kit",
                behaviour_change="book and pay for rentals online before the trip", goal="circular gear"),
    Deliverable(did="D04", deliverable="Repair booking pages with live workshop slots", team="Store Operations",
                cost_range=(50, 90), actor="Customers with worn or broken gear",
                behaviour_change="book a repair slot online instead of queueing at the till", goal="circular gear"),
    Deliverable(did="D05", deliverable="New brand website design and logo refresh", team="Marketing",
                cost_range=(200, 300), actor="", behaviour_change="", goal="repeat purchases"),
    Deliverable(did="D06", deliverable="Move the data warehouse to a second cloud vendor", team="IT Platform",
                cost_range=(300, 450), actor="", behaviour_change="", goal="cost to serve"),
    Deliverable(did="D07", deliverable="Stock look-up app on store tablets in all 40 stores", team="Store Operations",
                cost_range=(75, 125), actor="Store staff",
                behaviour_change="answer stock questions on the shop floor without calling head office",
                goal="cost to serve"),
    Deliverable(did="D08", deliverable="Self-service returns in the app", team="Customer Service",
                cost_range=(100, 150), actor="Online customers",
                behaviour_change="start a return in the app instead of contacting customer service",
                goal="cost to serve"),
    Deliverable(did="D09", deliverable="Chatbot 2.0 on a new language model", team="Customer Service",
                cost_range=(150, 250), actor="Online customers", behaviour_change="", goal="cost to serve"),
    Deliverable(did="D10", deliverable="Automatic daily stock feeds in the supplier portal",
                team="Supplier Partnerships", cost_range=(60, 100), actor="Suppliers",
                behaviour_change="send stock updates every day instead of every week", goal="cost to serve"),
    Deliverable(did="D11", deliverable="Dark mode and a new icon set for the app", team="Marketing",
                cost_range=(30, 60), actor="Members", behaviour_change="", goal="repeat purchases"),
    Deliverable(did="D12", deliverable="Executive KPI dashboard", team="IT Platform", cost_range=(50, 100),
                actor="Executive team", behaviour_change="", goal="cost to serve"),
    Deliverable(did="D13", deliverable="Trade-in scanning at store tills", team="Store Operations",
                cost_range=(75, 125), actor="Members with used gear",
                behaviour_change="trade in used gear for store credit", goal="circular gear"),
    Deliverable(did="D14", deliverable="Replace the in-store music and screen system", team="Store Operations",
                cost_range=(75, 125), actor="", behaviour_change="", goal="repeat purchases"),
    Deliverable(did="D15", deliverable="'Ready in one hour' click & collect promise", team="Store Operations",
                cost_range=(125, 200), actor="Online shoppers near a store",
                behaviour_change="choose click & collect instead of home delivery", goal="cost to serve"),
    Deliverable(did="D16", deliverable="Migrate email marketing to a new vendor", team="IT Platform",
                cost_range=(100, 150), actor="", behaviour_change="", goal="repeat purchases"),
]
DELIVERABLES = {d.did: d.deliverable for d in _PLAN}


def build_plan(rng: random.Random) -> list[dict]:
    rows = []
    for d in _PLAN:
        low, high = d.cost_range
        rows.append({"deliverable_id": d.did, "deliverable": d.deliverable, "team": d.team,
                     "cost_k": rng.randint(low // 5, high // 5) * 5, "actor": d.actor,
                     "behaviour_change": d.behaviour_change, "goal": d.goal})
    return rows


@dataclass(frozen=True)
class Measure:
    """A measure a team could manage by. Hand-written: the level follows Torres (2021), the timing 4DX
    (2012), each judged against Fernhill's 2026 goals (the lag measures of goals_2026)."""

    mid: str
    measure: str                            # what is counted
    description: str                        # how it is counted
    unit: str
    level: str                              # one of LEVELS
    timing: str                             # one of TIMINGS
    goal: str                               # the goal it informs (Goal.goal)


_MEASURES = [
    # Worked examples shown in the lesson
    Measure(mid="M01", measure="Revenue from members' repeat purchases",
            description="Money members spend on their second and later orders in a year", unit="€ million a year",
            level="business outcome", timing="lagging", goal="repeat purchases"),
    Measure(mid="M02", measure="Members who redeem a reward within 30 days of joining",
            description="New members who use a reward in store or online in their first month",
            unit="% of new members", level="product outcome", timing="leading", goal="repeat purchases"),
    Measure(mid="M03", measure="Members who open the Rewards tab each week",
            description="App users who open one screen of the app, whatever they do next", unit="members per week",
            level="traction", timing="leading", goal="repeat purchases"),
    # Sorted by level in the graded set (m02.levels)
    Measure(mid="M04", measure="Cost to serve per online order",
            description="Picking, delivery, returns and customer contacts divided by online orders",
            unit="€ per order", level="business outcome", timing="lagging", goal="cost to serve"),
    Measure(mid="M05", measure="Chatbot conversations started per week",
            description="Conversations opened with the chatbot, answered or not", unit="conversations per week",
            level="traction", timing="leading", goal="cost to serve"),
    Measure(mid="M06", measure="Online customers who start a return in the app without contacting customer service",
            description="Returns begun in the app with no call, email or chat about them", unit="% of returns",
            level="product outcome", timing="leading", goal="cost to serve"),
    Measure(mid="M07", measure="Gross margin on online orders",
            description="Revenue minus the cost of goods and of serving the order, over revenue",
            unit="% of online revenue", level="business outcome", timing="lagging", goal="cost to serve"),
    Measure(mid="M08", measure="Taps on the new 'Book a repair' button",
            description="Taps on one button on the product pages", unit="taps per week", level="traction",
            timing="leading", goal="circular gear"),
    Measure(mid="M09", measure="Suppliers who send a stock update every day",
            description="Suppliers whose stock levels in the portal are never more than a day old", unit="suppliers",
            level="product outcome", timing="leading", goal="cost to serve"),
    Measure(mid="M10", measure="Members who switch on dark mode in the app",
            description="App users with the dark theme turned on", unit="% of app users", level="traction",
            timing="leading", goal="repeat purchases"),
    Measure(mid="M11", measure="Online shoppers who choose click & collect instead of home delivery",
            description="Online orders collected in a store, over all online orders", unit="% of online orders",
            level="product outcome", timing="leading", goal="cost to serve"),
    # Sorted by timing in the graded set (m02.timing)
    Measure(mid="M12", measure="Revenue from rentals, repairs and trade-ins",
            description="Money taken for rentals, repairs and trade-in resales in a year", unit="€ million a year",
            level="business outcome", timing="lagging", goal="circular gear"),
    Measure(mid="M13", measure="Repairs booked online per week",
            description="Repair slots booked on the website or in the app", unit="bookings per week",
            level="product outcome", timing="leading", goal="circular gear"),
    Measure(mid="M14", measure="Members who renew their annual membership",
            description="Members whose membership year ended and who paid for the next",
            unit="% of members due to renew", level="business outcome", timing="lagging", goal="repeat purchases"),
    Measure(mid="M15", measure="Value of rentals booked for the next four weeks",
            description="Rental bookings already made for collection in the coming four weeks", unit="€ thousand",
            level="product outcome", timing="leading", goal="circular gear"),
    Measure(mid="M16", measure="Online customers still buying 12 months after their first order",
            description="Customers whose first order was a year ago and who ordered again in the last three months",
            unit="% of a year's new customers", level="business outcome", timing="lagging", goal="repeat purchases"),
    Measure(mid="M17", measure="Members who buy again within 60 days of a gear-care email",
            description="Members who place an order within 60 days of receiving a gear-care email",
            unit="% of emailed members", level="product outcome", timing="leading", goal="repeat purchases"),
]
MEASURES = {m.mid: m.measure for m in _MEASURES}
LESSON_MEASURES = ("M01", "M02", "M03")
LEVEL_MEASURES = ("M04", "M05", "M06", "M07", "M08", "M09", "M10", "M11")
TIMING_MEASURES = ("M12", "M13", "M14", "M15", "M16", "M17")
LEVELS = ("business outcome", "product outcome", "traction")
TIMINGS = ("leading", "lagging")


def build_measures(rng: random.Random) -> list[dict]:
    """Hand-written rows: nothing here is drawn, so ``rng`` is not used."""
    return [{"measure_id": m.mid, "measure": m.measure, "description": m.description, "unit": m.unit,
             "level": m.level, "timing": m.timing, "goal": m.goal}
            for m in _MEASURES]


# The objectives Fernhill's teams wrote for their 2026 deliverables, as they wrote them. Some are
# well-formed outcome statements, some are outcomes with parts missing, some are outputs with
# numbers and dates ("outputs in disguise"). Each placeholder is either drawn from the stream,
# (low, high, step), or, where the 2025 programme measured the same thing, a 2025 project's
# actual result ("P07"), so that 2026 starts where 2025 ended.
@dataclass(frozen=True)
class Objective:
    """An objective a team wrote, with how each {placeholder} in its template is filled."""

    oid: str
    did: str                                # the deliverable it was written for (Deliverable.did)
    template: str
    placeholders: dict = field(default_factory=dict)  # name -> (low, high, step) or a 2025 project id


_OBJECTIVES = [
    Objective(oid="O01", did="D01", template="Launch the Trail Rewards app 2.0 with ten new features by June 2026"),
    Objective(oid="O02", did="D01",
              template="Members who redeem a reward within 30 days of joining rise from {a}% to {b}% by December 2026",
              placeholders={"a": (18, 24, 1), "b": (32, 38, 1)}),
    Objective(oid="O03", did="D03",
              template="Rentals booked online grow from {a}% to {b}% of all rentals by September 2026",
              placeholders={"a": "P07", "b": (35, 45, 1)}),
    Objective(oid="O04", did="D04", template="Customers book {b} repairs online per month by June 2026",
              placeholders={"b": (350, 450, 10)}),
    Objective(oid="O05", did="D05", template="Deliver the new brand website on time and on budget by April 2026"),
    Objective(oid="O06", did="D06",
              template="Migrate the data warehouse to the new cloud vendor by March 2026 with 99.9% uptime"),
    Objective(oid="O07", did="D07",
              template="Store staff answer {b}% of stock questions on the shop floor without calling head office, "
                       "up from {a}%, by the end of Q3 2026",
              placeholders={"a": "P05", "b": (75, 85, 1)}),
    Objective(oid="O08", did="D08",
              template="Online customers who start their return in the app rise from {a}% to {b}% of returns by "
                       "October 2026, while refunds still arrive within 5 days",
              placeholders={"a": (8, 12, 1), "b": (40, 50, 1)}),
    Objective(oid="O09", did="D11", template="Ship dark mode to 100% of app users by May 2026"),
    Objective(oid="O10", did="D12", template="Executives use the KPI dashboard every week"),
    Objective(oid="O11", did="D13", template="Trade-in volume increases by {b}% in 2026",
              placeholders={"b": (15, 25, 1)}),
    Objective(oid="O12", did="D13", template="Train {n} store staff on the trade-in process by March 2026",
              placeholders={"n": (280, 320, 10)}),
    Objective(oid="O13", did="D15",
              template="Online shoppers who choose click & collect rise from {a}% to {b}% of orders by November 2026",
              placeholders={"a": (18, 23, 1), "b": (28, 33, 1)}),
]


def _projects_2025() -> dict:
    """Module 01's projects, rebuilt from their own stream (never drawn from another data set's)."""
    from workshop_utils import casestudy

    return {row["project_id"]: row for row in casestudy.rows(casestudy.dataset("projects"))}


def build_objectives(rng: random.Random) -> list[dict]:
    projects = _projects_2025()
    rows = []
    for o in _OBJECTIVES:
        values = {}
        for name, spec in o.placeholders.items():
            if isinstance(spec, str):
                values[name] = f"{projects[spec]['actual']:g}"
            else:
                low, high, step = spec
                values[name] = rng.randint(low // step, high // step) * step
        rows.append({"objective_id": o.oid, "deliverable_id": o.did, "objective": o.template.format(**values)})
    return rows


_GOAL_FIELDS = [
    {"name": "goal", "type": "string", "description": "Short name of the goal (the 'why' of the impact map)",
     "constraints": {"required": True, "unique": True, "enum": list(GOALS)}},
    {"name": "statement", "type": "string", "description": "The goal as the board approved it: from X to Y by when",
     "constraints": {"required": True}},
    {"name": "measure", "type": "string", "description": "The lag measure that says whether the goal is met",
     "constraints": {"required": True}},
    {"name": "unit", "type": "string", "description": "Unit of the measure", "constraints": {"required": True}},
    {"name": "direction", "type": "string", "description": "Whether higher (up) or lower (down) is better",
     "constraints": {"required": True, "enum": ["up", "down"]}},
    {"name": "baseline", "type": "number", "description": "The measure in 2025", "constraints": {"required": True}},
    {"name": "target", "type": "number", "description": "The measure the goal asks for",
     "constraints": {"required": True}},
    {"name": "deadline", "type": "date", "description": "When the target should be reached",
     "constraints": {"required": True}},
]

_PLAN_FIELDS = [
    {"name": "deliverable_id", "type": "string", "description": "Deliverable identifier",
     "constraints": {"required": True, "unique": True, "pattern": "D[0-9]{2}"}},
    {"name": "deliverable", "type": "string", "description": "The deliverable as written in the 2026 plan",
     "constraints": {"required": True, "unique": True}},
    {"name": "team", "type": "string", "description": "The team that asked for it and would build or buy it",
     "constraints": {"required": True}},
    {"name": "cost_k", "type": "integer", "description": "Budget requested for 2026, thousands of euros",
     "constraints": {"required": True, "minimum": 0}},
    {"name": "actor", "type": "string",
     "description": "Whose behaviour it is meant to change (the 'who'); empty when the plan names no one",
     "constraints": {"required": False}},
    {"name": "behaviour_change", "type": "string",
     "description": "What that actor would do differently (the 'how'); empty when the plan names no change",
     "constraints": {"required": False}},
    {"name": "goal", "type": "string", "description": "The 2026 goal it claims to serve (goals_2026.goal)",
     "constraints": {"required": True, "enum": list(GOALS)}},
]

_MEASURE_FIELDS = [
    {"name": "measure_id", "type": "string", "description": "Measure identifier",
     "constraints": {"required": True, "unique": True, "pattern": "M[0-9]{2}"}},
    {"name": "measure", "type": "string", "description": "What is counted", "constraints": {"required": True,
                                                                                           "unique": True}},
    {"name": "description", "type": "string", "description": "How it is counted", "constraints": {"required": True}},
    {"name": "unit", "type": "string", "description": "Unit of the measure", "constraints": {"required": True}},
    {"name": "level", "type": "string",
     "description": "Business outcome, product outcome or traction metric (Torres, Continuous Discovery Habits, 2021)",
     "constraints": {"required": True, "enum": list(LEVELS)}},
    {"name": "timing", "type": "string",
     "description": "Leading (predicts the goal and a team can move it) or lagging (says whether the goal was met; "
                    "McChesney, Covey, Huling, The 4 Disciplines of Execution, 2012)",
     "constraints": {"required": True, "enum": list(TIMINGS)}},
    {"name": "goal", "type": "string", "description": "The 2026 goal it informs (goals_2026.goal)",
     "constraints": {"required": True, "enum": list(GOALS)}},
]

_OBJECTIVE_FIELDS = [
    {"name": "objective_id", "type": "string", "description": "Objective identifier",
     "constraints": {"required": True, "unique": True, "pattern": "O[0-9]{2}"}},
    {"name": "deliverable_id", "type": "string", "description": "The deliverable it was written for "
                                                                "(plan_2026.deliverable_id)",
     "constraints": {"required": True}},
    {"name": "objective", "type": "string", "description": "The objective, word for word as the team wrote it",
     "constraints": {"required": True, "unique": True}},
]

_MODULE_LABEL = "02 Reframing deliverables into outcomes"
_ADZIC = {"title": "Gojko Adzic, Impact Mapping (2012): why, who, how, what; a deliverable that traces to no "
                   "impact is a candidate to drop"}
_TORRES = {"title": "Teresa Torres, Continuous Discovery Habits (2021): business outcomes, product outcomes and "
                    "traction metrics"}
_4DX = {"title": "Chris McChesney, Sean Covey, Jim Huling, The 4 Disciplines of Execution (2012): lead measures "
                 "are predictive and influenceable; goals as 'from X to Y by when'"}

DATASETS = [
    Dataset(
        name="goals_2026",
        title="Fernhill Outdoor's three goals for 2026",
        description="The 'why' of the 2026 plan: each goal with its lag measure, baseline, target and deadline.",
        fields=_GOAL_FIELDS,
        primary_key=["goal"],
        build=build_goals,
        module=_MODULE_LABEL,
        notes="Goals, measures and units are written by hand; each baseline is drawn from the seeded stream "
              "within a plausible range for a 40-store retailer and the target is a fixed multiple of it "
              "(+15%, -15% and +60%).",
        sources=[_4DX, _ADZIC],
    ),
    Dataset(
        name="plan_2026",
        title="Fernhill Outdoor's 2026 plan: sixteen deliverables",
        description="The 2026 plan as the programme office wrote it, one row per deliverable, with the actor "
                    "and behaviour change it traces to in an impact map (empty where the plan names none).",
        fields=_PLAN_FIELDS,
        primary_key=["deliverable_id"],
        foreign_keys=[{"fields": ["goal"], "reference": {"resource": "goals_2026", "fields": ["goal"]}}],
        build=build_plan,
        module=_MODULE_LABEL,
        notes="Deliverables, teams, actors and behaviour changes are written by hand to tell the module's story: "
              "seven of sixteen deliverables trace to no behaviour change, three of them although they name an "
              "actor. Costs are drawn from the seeded stream in steps of 5 (thousand euros) within a range set "
              "for each deliverable. Empty text in actor or behaviour_change loads as an empty string, not NaN.",
        sources=[_ADZIC,
                 {"title": "Josh Seiden, Outcomes Over Output (2019): outcome as a change in human behaviour "
                           "that drives business results"}],
    ),
    Dataset(
        name="measures",
        title="Measures Fernhill's teams could manage by",
        description="Seventeen measures, each with its level (business outcome, product outcome or traction "
                    "metric) and its timing (leading or lagging) against the 2026 goals.",
        fields=_MEASURE_FIELDS,
        primary_key=["measure_id"],
        foreign_keys=[{"fields": ["goal"], "reference": {"resource": "goals_2026", "fields": ["goal"]}}],
        build=build_measures,
        module=_MODULE_LABEL,
        notes="Written by hand; nothing is drawn. The level and timing columns are the answer key of the "
              "module's sorting questions: level follows Torres's definitions, timing the 4DX definitions, each "
              "judged against the goal in the goal column. Timing is relative to a goal: a measure that leads one "
              "goal can lag another.",
        sources=[_TORRES, _4DX],
    ),
    Dataset(
        name="objectives",
        title="Objectives Fernhill's teams wrote for their 2026 deliverables",
        description="Thirteen objectives, word for word as the teams wrote them: some are outcome statements, "
                    "some outputs with numbers and dates.",
        fields=_OBJECTIVE_FIELDS,
        primary_key=["objective_id"],
        foreign_keys=[{"fields": ["deliverable_id"],
                       "reference": {"resource": "plan_2026", "fields": ["deliverable_id"]}}],
        build=build_objectives,
        module=_MODULE_LABEL,
        notes="Sentences are written by hand to cover the common shapes of weak objectives (outputs in disguise, "
              "missing actor, missing baseline, vanity percentages); the numbers in them are drawn from the "
              "seeded stream within ranges that keep each sentence's kind unchanged. Which ones are well-formed "
              "is decided by workshop_utils.outcomes.assess, not stored.",
        sources=[{"title": "Josh Seiden, Outcomes Over Output (2019): outputs in disguise; who does what "
                           "differently"},
                 _4DX],
    ),
]

# ---------------------------------------------------------------------------------------------
# Another organisation for the graded set: the lesson maps Fernhill's plan; the exercise asks the same
# questions of a hospital's plan it never showed. Written by hand, one named record per deliverable.
# ---------------------------------------------------------------------------------------------
_HOSPITAL_GOAL = ("Fewer outpatient appointments are wasted: missed appointments fall from 9% to 5% of bookings by "
                  "December 2026")


@dataclass(frozen=True)
class PlannedDeliverable:
    """A line of Northvale Hospital's plan, written in full (nothing is drawn); the fields are the data set's
    columns, except its one goal, which every line claims.

    An empty actor or behaviour change means the plan names none: the deliverable traces to no impact.
    """

    deliverable_id: str
    deliverable: str                        # as written in the plan
    team: str                               # the team that asked for it
    cost_k: int                             # budget requested for 2026, thousands of euros
    actor: str                              # the "who"
    behaviour_change: str                   # the "how": what the actor would do differently


_HOSPITAL_PLAN = [
    PlannedDeliverable(deliverable_id="H01", deliverable="Text reminders with a one-tap cancel link", team="Digital",
                       cost_k=60, actor="Patients with a booked appointment",
                       behaviour_change="cancel in time instead of not turning up"),
    PlannedDeliverable(deliverable_id="H02", deliverable="A new hospital website design", team="Communications",
                       cost_k=160, actor="", behaviour_change=""),
    PlannedDeliverable(deliverable_id="H03", deliverable="Online rebooking for outpatient clinics", team="Digital",
                       cost_k=120, actor="Patients who need to move an appointment",
                       behaviour_change="rebook online instead of phoning the booking office"),
    PlannedDeliverable(deliverable_id="H04", deliverable="Upgrade the patient administration system to version 12",
                       team="IT", cost_k=320, actor="", behaviour_change=""),
    PlannedDeliverable(deliverable_id="H05", deliverable="Patient app with a new appointments screen", team="Digital",
                       cost_k=250, actor="Patients", behaviour_change=""),
    PlannedDeliverable(deliverable_id="H06", deliverable="A tool to offer cancelled slots to the waiting list",
                       team="Operations", cost_k=90, actor="Clinic coordinators",
                       behaviour_change="offer freed slots to waiting-list patients the same day"),
    PlannedDeliverable(deliverable_id="H07", deliverable="Clinic dashboards on wall screens", team="IT", cost_k=70,
                       actor="Clinic managers", behaviour_change=""),
    PlannedDeliverable(deliverable_id="H08", deliverable="Appointment letters in five languages", team="Communications",
                       cost_k=40, actor="Patients who do not read English",
                       behaviour_change="attend their appointment or cancel it in time"),
    PlannedDeliverable(deliverable_id="H09", deliverable="Move staff email to a new provider", team="IT", cost_k=150,
                       actor="", behaviour_change=""),
    PlannedDeliverable(deliverable_id="H10", deliverable="Book hospital transport from the reminder text",
                       team="Operations", cost_k=50, actor="Patients who rely on hospital transport",
                       behaviour_change="book transport when they confirm, instead of missing the appointment"),
]


def build_outpatient_plan(rng: random.Random) -> list[dict]:
    """Hand-written rows: nothing here is drawn, so ``rng`` is not used."""
    return [{**asdict(d), "goal": "missed appointments"} for d in _HOSPITAL_PLAN]


DATASETS.append(Dataset(
    name="outpatient_plan_2026",
    title="Northvale Hospital's 2026 outpatient plan: ten deliverables",
    description="A fictional hospital's plan for its outpatient clinics, one row per deliverable, with the actor and "
                "behaviour change each traces to (empty where the plan names none). Its one goal: "
                + _HOSPITAL_GOAL + ". Used by the graded exercise of module 02, not by the lesson.",
    fields=[{**f, "description": "Deliverable identifier", "constraints": {"required": True, "unique": True,
                                                                          "pattern": "H[0-9]{2}"}}
            if f["name"] == "deliverable_id" else f for f in _PLAN_FIELDS if f["name"] != "goal"] + [
        {"name": "goal", "type": "string", "description": "The goal the deliverable claims to serve",
         "constraints": {"required": True}}],
    primary_key=["deliverable_id"],
    build=build_outpatient_plan,
    module=_MODULE_LABEL,
    notes="Written by hand; nothing is drawn. Five of ten deliverables trace to no behaviour change, two of them "
          "although they name an actor.",
    sources=[_ADZIC],
))

# ---------------------------------------------------------------------------------------------
# Answer keys, computed from the data when a check first runs (keeps imports light)
# ---------------------------------------------------------------------------------------------


def trace_status(plan):
    """Each deliverable's place in the impact map: 'traces to an impact', 'names an actor only' or
    'traces to no one' (a Series aligned with ``plan``)."""
    import numpy as np
    import pandas as pd

    actor = plan["actor"].str.strip() != ""
    behaviour = plan["behaviour_change"].str.strip() != ""
    status = np.where(actor & behaviour, "traces to an impact",
                      np.where(actor, "names an actor only", "traces to no one"))
    return pd.Series(status, index=plan.index, name="trace")


def _keys() -> dict:
    """Answer keys, computed from the generated data (and the assessor the lesson teaches)."""
    from workshop_utils import data, outcomes

    plan = data.load("plan_2026")
    measures = data.load("measures").set_index("measure_id")
    objectives = data.load("objectives")
    status = trace_status(plan)
    untraced = status != "traces to an impact"
    no_actor = status == "traces to no one"
    cost = plan["cost_k"]
    verdicts = [outcomes.assess(text) for text in objectives["objective"]]
    level = {measures.at[mid, "measure"]: measures.at[mid, "level"] for mid in LEVEL_MEASURES}
    return {
        "ids": list(plan["deliverable_id"]),
        "untraced": sorted(plan.loc[untraced, "deliverable_id"]),
        "no_actor": sorted(plan.loc[no_actor, "deliverable_id"]),
        "trace": {row.deliverable_id: (row.actor, row.behaviour_change) for row in plan.itertuples()},
        "goal_of": {row.deliverable_id: row.goal for row in plan.itertuples()},
        "traced_count": int((~untraced).sum()),
        "actor_count": int((plan["actor"].str.strip() != "").sum()),
        "untraced_budget": float(cost[untraced].sum() / cost.sum()),
        "untraced_count_share": float(untraced.mean()),
        "no_actor_budget": float(cost[no_actor].sum() / cost.sum()),
        "level": level,
        # "Anything people do in the product is a product outcome": traction counted as product outcome.
        "level_slip": {m: ("product outcome" if lv == "traction" else lv) for m, lv in level.items()},
        "well_formed": sum(v.well_formed for v in verdicts),
        "outcome_kind": sum(v.kind == "outcome" for v in verdicts),
        "all_seven": sum(all(v.criteria.values()) for v in verdicts),
        "with_digits": int(objectives["objective"].str.contains(r"\d").sum()),
        "objectives": len(objectives),
        **_hospital_keys(),
    }


def _hospital_keys() -> dict:
    """The graded set's keys for Northvale Hospital's plan (the lesson's method, another organisation)."""
    from workshop_utils import data

    plan = data.load("outpatient_plan_2026")
    status = trace_status(plan)
    untraced = status != "traces to an impact"
    no_actor = status == "traces to no one"
    cost = plan["cost_k"]
    return {
        "h_ids": list(plan["deliverable_id"]),
        "h_untraced": sorted(plan.loc[untraced, "deliverable_id"]),
        "h_no_actor": sorted(plan.loc[no_actor, "deliverable_id"]),
        "h_trace": {row.deliverable_id: (row.actor, row.behaviour_change) for row in plan.itertuples()},
        "h_untraced_budget": float(cost[untraced].sum() / cost.sum()),
        "h_untraced_count_share": float(untraced.mean()),
        "h_no_actor_budget": float(cost[no_actor].sum() / cost.sum()),
        "h_traced_over_untraced": float(cost[untraced].sum() / cost[~untraced].sum()),
    }


def _LazyCheck(make):  # noqa: N802 - reads like the class it builds
    return checks.LazyCheck(_keys, make)


# --- Question 1: deliverables that trace to no impact ---------------------------------------
_ACTOR_ONLY_HINT = ("Naming who a deliverable is for is only half the chain. Look at behaviour_change too: a "
                    "deliverable whose actor would do nothing differently traces to no impact either.")


def _drop(keys):
    explain = {}
    for did, (actor, behaviour) in keys["h_trace"].items():
        if did not in keys["h_untraced"]:
            explain[did] = (f"{did} traces to an impact: {actor[0].lower() + actor[1:]} would {behaviour}. Keep it, "
                            "and measure that change.")
        elif actor.strip():  # names an actor who would do nothing differently: the module's typical slip
            explain[did] = f"{did} names {actor.lower()}, but no change in what they do. {_ACTOR_ONLY_HINT}"
        else:
            explain[did] = f"{did} names no one whose behaviour would change: it traces to no impact."
    return checks.selection(keys["h_untraced"], keys["h_ids"], explain=explain)


# --- Question 2: business outcome, product outcome or traction metric -----------------------
LEVEL_EXPLAIN = {
    MEASURES["M04"]: "Cost to serve is money the business spends: a business outcome. No product team moves it "
                     "alone.",
    MEASURES["M05"]: "Conversations started count the use of one feature, the chatbot: a traction metric. The "
                     "product outcome is what customers achieve, such as questions resolved without an agent.",
    MEASURES["M06"]: "Customers doing something differently in the product (returning without contacting us) is a "
                     "product outcome: it is behaviour the product team can influence, and it drives cost.",
    MEASURES["M07"]: "Margin is a result for the business: a business outcome.",
    MEASURES["M08"]: "Taps on one button measure the use of one feature: a traction metric. Would a repair booked "
                     "online (whatever the button) not be the behaviour that matters?",
    MEASURES["M09"]: "Suppliers changing what they do is a product outcome of the supplier portal, even though no "
                     "customer is involved.",
    MEASURES["M10"]: "Dark mode is one feature; switching it on changes nothing the business needs: a traction "
                     "metric.",
    MEASURES["M11"]: "Shoppers choosing a cheaper way to get their order is a behaviour the product can "
                     "influence: a product outcome.",
}
# Every measure has an explanation (a known trap), so the self-check covers all of them (see checks.classification).
_LEVEL_VISIBLE = [MEASURES[m] for m in LEVEL_MEASURES[:4]]

# --- Question 3: leading or lagging, for the hospital's goal ---------------------------------
# Hand-written for Northvale Hospital: money that leads and people that lag beat "money lags, people lead".
TIMING_KEY = {
    "Patients who confirm their appointment by text in the week before": "leading",
    "Missed appointments as a share of all bookings, per quarter": "lagging",
    "Value (€) of freed slots refilled from the waiting list for next week": "leading",
    "Patients who missed two or more appointments during the year": "lagging",
    "Patient satisfaction score from the annual outpatient survey": "lagging",
    "Cancelled slots offered to waiting-list patients within a day, this week": "leading",
}
TIMING_EXPLAIN = {
    "Patients who confirm their appointment by text in the week before": "Confirmations this week predict who will "
    "turn up, and reminders can move them now: a lead measure.",
    "Missed appointments as a share of all bookings, per quarter": "This is the goal itself: you learn it when the "
    "quarter is over. A lag measure.",
    "Value (€) of freed slots refilled from the waiting list for next week": "It is counted in euros, but slots "
    "refilled for next week predict fewer wasted slots before they happen, and the clinic can act on it: a lead "
    "measure.",
    "Patients who missed two or more appointments during the year": "It counts people, but you only know it once "
    "the year is over and cannot act on it directly: a lag measure.",
    "Patient satisfaction score from the annual outpatient survey": "A yearly survey tells you afterwards how the "
    "year went: a lag measure, however 'soft' it looks.",
    "Cancelled slots offered to waiting-list patients within a day, this week": "Coordinators can move it this week "
    "and it predicts fewer empty slots: a lead measure.",
}
# "Money lags, people lead."
TIMING_SLIP = {m: ("lagging" if "€" in m else "leading") for m in TIMING_KEY}
_TIMING_VISIBLE = list(TIMING_KEY)[:3]


# --- Question 4: the share of the budget that traces to no impact ----------------------------
def _untraced_budget(keys):
    expected = keys["h_untraced_budget"]
    return checks.number(
        expected, tolerance=1e-3, low=0, high=1, what="the share of the hospital's budget that traces to no impact",
        range_hint="A share is a number between 0 and 1: divide the cost of the untraced deliverables by the "
                   "cost of all of them.",
        near_misses=checks.distinct_slips(expected, {
            keys["h_untraced_count_share"]: "That is the share of deliverables. The question asks for the share "
                                            "of the budget: add up cost_k.",
            keys["h_no_actor_budget"]: _ACTOR_ONLY_HINT,
            1 - expected: "That is the share that does trace to an impact; the question asks for the rest.",
            keys["untraced_budget"]: "That is Fernhill's share, from the lesson. This question is about Northvale "
                                     "Hospital's plan: use hospital.",
            0.0: "Nothing is missing as NaN here: empty cells load as empty text, ''. Compare with == ''.",
        }, 1e-3),
    )


# --- Question 5: how many objectives are well-formed outcome statements ---------------------
# Every row counted: len(...), or .count() on a True/False column (it counts values, True or False alike).
_EVERY_ROW_HINT = ("That is every {rows}. len() and .count() count rows whatever their value, True or False: "
                   "keep only the rows that pass, or add up a True/False column with .sum().")
def _well_formed(keys):
    expected = keys["well_formed"]
    return checks.number(
        expected, tolerance=1e-9, low=0, high=keys["objectives"], what="the number of well-formed objectives",
        whole_hint="A count is a whole number: count the objectives whose assessment has .well_formed True.",
        exact_hint="Count the objectives whose assessment has .well_formed True: ask outcomes.assess(text) for "
                   "each one.",
        range_hint=f"A count of objectives: a whole number from 0 to {keys['objectives']}.",
        near_misses=checks.distinct_slips(expected, {
            keys["with_digits"]: "That counts objectives with a number in them. Numbers and dates do not make an "
                                 "outcome: ask the assessor, outcomes.assess(text).well_formed.",
            keys["outcome_kind"]: "That counts every objective the assessor reads as an outcome. Well-formed also "
                                  "needs who, behaviour, measure, baseline, target and timeframe: use .well_formed.",
            keys["all_seven"]: "That counts objectives meeting all seven criteria. Well-formed needs the first six; "
                               "the guardrail is good practice but not required: use .well_formed.",
            keys["objectives"]: _EVERY_ROW_HINT.format(rows="objective"),
        }, 0.01),
    )


# --- Question 6: what the budget share and the objectives count mean -------------------------
PLAN_VERDICT = checks.conclusions([
    checks.Conclusion(
        text="Most of the hospital's budget goes to deliverables nobody has linked to a change in patients' or "
             "staff's behaviour: ask each sponsor who would do what differently before the money is committed.",
        fits=True,
        why="Your share is the money at stake: the impact map does not decide whether those deliverables are worth "
            "doing, it decides which question to ask their sponsors.",
    ),
    checks.Conclusion(
        text="The plan is sound: every deliverable claims the missed-appointments goal, and that is what an impact "
             "map checks.",
        fits=False,
        why="Claiming a goal is not tracing to it. The map asks how: whose behaviour changes, and what they do "
            "differently. Half the deliverables cannot say.",
    ),
    checks.Conclusion(
        text="The untraced deliverables should all be cancelled at once, since a deliverable with no named actor can "
             "never be useful.",
        fits=False,
        why="Tracing to no impact makes a deliverable a candidate to drop, not a certain one: the sponsor may name "
            "its impact, and then it joins the map.",
    ),
    checks.Conclusion(
        text="Fernhill's teams need help writing objectives: fewer than half name who does what differently, from "
             "where, to where, by when.",
        fits=True,
        why="Your count says most objectives fail the checklist: outputs with dates, or outcomes missing a baseline "
            "or a timeframe.",
    ),
    checks.Conclusion(
        text="An objective with a number and a date in it is well-formed, so most of Fernhill's objectives are fine.",
        fits=False,
        why="Numbers and dates do not make an outcome: count again with .well_formed, and look at which objectives "
            "are outputs with dates.",
    ),
])


# ---------------------------------------------------------------------------------------------
# Practice questions (lesson, 0 points)
# ---------------------------------------------------------------------------------------------
MAP_KEY = {
    "Rental revenue grows from €0.6m to €1m a year by December 2026": "goal",
    "Scout and school group leaders": "actor",
    "Book kit for a whole group in one online booking": "impact",
    "A group booking form with one invoice per group": "deliverable",
    "First-time campers who do not own a tent": "actor",
    "Rent a tent for a first trip instead of buying a cheap one": "impact",
    "A 'first camp' rental bundle on the website": "deliverable",
    "The cost of handling one rental falls from €14 to €10 by 2027": "goal",
}
MAP_EXPLAIN = {
    "Book kit for a whole group in one online booking": "This is what group leaders would do differently: an "
    "impact (a behaviour change). The booking form that makes it possible would be the deliverable.",
    "Rent a tent for a first trip instead of buying a cheap one": "A change in what campers do: an impact. The "
    "bundle on the website is the deliverable that might cause it.",
    "Scout and school group leaders": "These are people whose behaviour could change: actors (the 'who').",
    "The cost of handling one rental falls from €14 to €10 by 2027": "A business result with a number and a date: "
    "the goal, the 'why' every branch of the map should serve.",
}

# "The behaviour is the deliverable": impacts sorted as deliverables.
MAP_SLIP = {k: ("deliverable" if v == "impact" else v) for k, v in MAP_KEY.items()}

LEVEL_PRACTICE_KEY = {
    "Annual subscription revenue": "business outcome",
    "Riders who take at least one trip a week": "product outcome",
    "Taps on the new 'favourite station' star": "traction",
    "Commuters who ride instead of driving on weekdays": "product outcome",
    "Operating cost per trip": "business outcome",
    "Downloads of the new app version": "traction",
}
LEVEL_PRACTICE_EXPLAIN = {
    "Taps on the new 'favourite station' star": "Taps on one feature: a traction metric. It says the feature is "
                                                "used, not that riders ride more.",
    "Downloads of the new app version": "Downloads count the use of a release: traction. What do riders then do "
                                        "differently?",
    "Riders who take at least one trip a week": "Riders' behaviour that the product can influence and that drives "
                                                "revenue: a product outcome.",
    "Annual subscription revenue": "Money the scheme earns: a business outcome. Many things move it, so no one "
                                   "team can steer by it week to week.",
    "Commuters who ride instead of driving on weekdays": "A change in what commuters do, which the product can "
                                                         "influence and which drives revenue: a product outcome.",
    "Operating cost per trip": "What the business spends to serve a trip: a business outcome.",
}

# "Anything people do in the product is a product outcome."
LEVEL_PRACTICE_SLIP = {k: ("product outcome" if v == "traction" else v) for k, v in LEVEL_PRACTICE_KEY.items()}

TIMING_PRACTICE_KEY = {
    "Members who visit twice a week in their first month": "leading",
    "Members who cancel within the year": "lagging",
    "Annual membership revenue": "lagging",
    "Classes booked for next week": "leading",
    "Net Promoter Score from the yearly survey": "lagging",
}
TIMING_PRACTICE_EXPLAIN = {
    "Members who cancel within the year": "Cancellations count people, but you see them once they have happened "
                                          "and cannot act on them: a lag measure.",
    "Net Promoter Score from the yearly survey": "A yearly survey score tells you afterwards how the year went: a "
                                                 "lag measure, however 'soft' it looks.",
    "Classes booked for next week": "Bookings predict visits and the team can move them this week: a lead measure.",
}

# "Money lags, people lead."
TIMING_PRACTICE_SLIP = {k: ("lagging" if "revenue" in k else "leading") for k in TIMING_PRACTICE_KEY}


def _traced_count(keys):
    return checks.number(
        keys["traced_count"], tolerance=1e-9, low=0, high=len(keys["ids"]), what="the number of deliverables",
        whole_hint="A count is a whole number: count the rows with both an actor and a behaviour change.",
        exact_hint="Count the rows with both an actor and a behaviour change: neither may be empty text ''.",
        range_hint=f"A count: a whole number from 0 to {len(keys['ids'])}.",
        near_misses=checks.distinct_slips(keys["traced_count"], {
            keys["actor_count"]: "That counts deliverables that name an actor. An impact also needs a behaviour "
                                 "change: keep only rows where behaviour_change is filled in too.",
            len(keys["untraced"]): "That counts the deliverables that trace to no impact; the question asks for "
                                   "those that do.",
            len(keys["ids"]): _EVERY_ROW_HINT.format(rows="deliverable"),
        }, 0.01),
    )


QUESTIONS = [
    checks.Question(
        qid="m02.practice_map", title="Practice: build an impact map", kind="classify", points=0,
        prompt="Fernhill's rental team sketched an impact map. Is each sticky note a goal (why), an actor (who), "
               "an impact (how their behaviour changes) or a deliverable (what we make)?",
        check=checks.classification(MAP_KEY, explain=MAP_EXPLAIN),
        options=tuple(MAP_KEY), labels=("goal", "actor", "impact", "deliverable"),
        solution=dict(MAP_KEY), misconception=MAP_SLIP,
        hints=("An impact map reads why, who, how, what: the goal is the business result, an actor is a group of "
               "people, an impact is a change in what they do, and a deliverable is something the team makes.",
               "A café's map: 'Lunch sales grow 20% by June' is the goal (why); 'office workers nearby' are actors "
               "(who); 'order ahead on their phone instead of queueing' is an impact (how their behaviour changes); "
               "'an order-ahead page' is a deliverable (what). A verb about people is an impact; a thing we build is "
               "a deliverable."),
        why="The goals are business results with a number and a date; the actors are groups of people; the impacts "
            "say what those people would do differently; the deliverables are what the team would build to cause "
            "that change.",
    ),
    checks.Question(
        qid="m02.practice_traced", title="Practice: how much of the plan traces to an impact?", kind="value",
        points=0,
        prompt="How many of the 16 deliverables in plan_2026 trace all the way to an impact, naming both an actor "
               "and a behaviour change? (a count)",
        check=_LazyCheck(_traced_count),
        hints=("A deliverable traces to an impact only when both links of the chain are filled in: an actor AND a "
               "behaviour change. An empty cell is empty text, ''.",
               "Compare each column with '' to get True/False columns, combine them with &, and add up the Trues: "
               "for instance (plan['actor'] != '').sum() counts the rows that name an actor. Now require "
               "behaviour_change to be filled in too."),
        why="Only the rows with both an actor and a behaviour change trace all the way from the deliverable to an "
            "impact; a deliverable that names an actor who would do nothing differently does not.",
    ),
    checks.Question(
        qid="m02.practice_rewrite", title="Practice: rewrite a deliverable", kind="text", points=0,
        prompt="Rewrite D04, 'Repair booking pages with live workshop slots', as an outcome statement: who will do "
               "what differently, from X to Y, by when, without what getting worse?",
        check=None,
        hints=("The booking pages are the means. Who would do something differently once they exist, and how would you "
               "count it, from where to where, by when?",
               "A similar case: 'Online ordering for the bakery' becomes 'Regular customers order 30% of their cakes "
               "online, up from 10%, by June, while complaints about wrong orders stay below 2%.' Now write D04's: "
               "who books repairs, what they do instead of today, and the workshop measure that would show it."),
    ),
    checks.Question(
        qid="m02.practice_levels", title="Practice: three levels of measure", kind="classify", points=0,
        prompt="A city bike-share scheme lists its measures. Is each a business outcome, a product outcome or a "
               "traction metric?",
        check=checks.classification(LEVEL_PRACTICE_KEY, explain=LEVEL_PRACTICE_EXPLAIN),
        options=tuple(LEVEL_PRACTICE_KEY), labels=LEVELS,
        solution=dict(LEVEL_PRACTICE_KEY), misconception=LEVEL_PRACTICE_SLIP,
        hints=("Three levels: a business outcome is money or cost for the organisation; a product outcome is a change "
               "in what people do that the product can influence; a traction metric counts the use of one feature.",
               "A streaming service: 'subscription revenue' is a business outcome; 'viewers who finish a series "
               "they start' is a product outcome; 'clicks on the new skip-intro button' is traction. Ask of each "
               "measure: is it money, a behaviour that matters, or the use of a feature?"),
        why="Revenue and operating cost are business outcomes; riders riding weekly or leaving the car at home are "
            "behaviours the product can influence, product outcomes; taps and downloads count the use of a feature "
            "or release, traction.",
    ),
    checks.Question(
        qid="m02.practice_timing", title="Practice: leading or lagging?", kind="classify", points=0,
        prompt="A gym chain's goal is to grow membership revenue. Is each measure a leading or a lagging measure "
               "of that goal?",
        check=checks.classification(TIMING_PRACTICE_KEY, explain=TIMING_PRACTICE_EXPLAIN),
        options=tuple(TIMING_PRACTICE_KEY), labels=TIMINGS,
        solution=dict(TIMING_PRACTICE_KEY), misconception=TIMING_PRACTICE_SLIP,
        hints=("A leading measure predicts the goal and the team can move it now; a lagging measure tells you "
               "afterwards whether the goal was met. Money or people does not decide which.",
               "A bookshop whose goal is yearly sales: 'customers who join the reading club this month' leads (it "
               "predicts sales, and the shop can act on it this week); 'sales for the year' lags. Ask of each "
               "measure: can the team act on it this week, and does it come before the goal?"),
        why="Early visits and next week's bookings come before revenue and the team can move them now, so they "
            "lead; cancellations over the year, the yearly survey score and annual revenue only tell you "
            "afterwards, so they lag.",
    ),
    checks.Question(
        qid="m02.reflect", title="Your own deliverable, reframed", kind="text", points=0,
        prompt="Take the deliverable you wrote about in module 01 (or any deliverable from your work) and rewrite "
               "it as an outcome statement.",
        check=None,
        hints=("Use the same test as the lesson: who will do what differently, from X to Y, by when, without what "
               "getting worse? The checklist below the box names what is still missing.",
               "For a deliverable like 'a new expenses form': 'Staff submit 90% of expense claims without emailing "
               "finance, up from 50%, by the end of Q3, while claim errors stay under 3%.' Write yours the same way, "
               "one part at a time."),
    ),
    checks.Question(
        qid="m02.draft_rental", title="Draft: online rental booking", kind="text", points=0,
        prompt="Draft your outcome statement for D03 here; the checklist updates as you type. Copy your final "
               "version into the answer cell below.",
        check=None,
        hints=("Online rental booking is the deliverable. Who would rent differently once it exists, and what would "
               "they do before their trip that they do not do now?",
               "Look up where the 2025 programme left online rentals (the projects table, the rental project's "
               "actual) for your baseline. Then write: who, does what, from that baseline to a target, by when, "
               "while what stays under control."),
    ),
    checks.Question(
        qid="m02.draft_chatbot", title="Draft: chatbot 2.0", kind="text", points=0,
        prompt="Draft your outcome statement for D09 here; the checklist updates as you type. Copy your final "
               "version into the answer cell below.",
        check=None,
        hints=("The plan names the actor (online customers) but no behaviour change. Using the chatbot is not one: "
               "what would customers manage without that they cannot today?",
               "Look up where the 2025 programme left questions answered without an agent (the projects table, the "
               "chatbot project's actual) for your baseline. Then write: who, does what, from that baseline to a "
               "target, by when, while what does not get worse."),
    ),
    # --- The graded set (solutions/02-reframing-deliverables) ---------------------------------
    checks.Question(
        qid="m02.drop", title="Candidates to drop", kind="select", points=3,
        prompt="Tick every deliverable in Northvale Hospital's plan that traces to no impact: no actor, or an actor "
               "who would do nothing differently.",
        check=_LazyCheck(_drop),
        options=tuple(d.deliverable_id for d in _HOSPITAL_PLAN), unseen="outpatient_plan_2026",
        hints=("A deliverable traces to an impact only when it names an actor AND what that actor would do "
               "differently. Naming who it is for is only half the chain.",
               "In the lesson's plan, a row with an actor but an empty behaviour_change was 'names an actor only', "
               "and a row with neither was 'traces to no one': both trace to no impact. Load "
               "outpatient_plan_2026 and give it the same trace column (or m02.trace_status(plan))."),
        why="The ticked deliverables name no one, or name patients or managers with no change in what they would "
            "do, so nothing links them to fewer missed appointments; the others each name an actor and a behaviour "
            "change that would move the goal.",
    ),
    checks.Question(
        qid="m02.levels", title="Business outcome, product outcome or traction metric?", kind="classify",
        points=3,
        prompt="Sort each measure Fernhill's teams proposed: business outcome, product outcome or traction metric "
               "(Torres)?",
        check=_LazyCheck(lambda keys: checks.classification(keys["level"], visible=_LEVEL_VISIBLE,
                                                            explain=LEVEL_EXPLAIN)),
        options=tuple(MEASURES[m] for m in LEVEL_MEASURES), labels=LEVELS,
        hints=("Three levels (Torres): a business outcome is money or cost for the business; a product outcome is a "
               "behaviour the product can influence that drives it; a traction metric counts the use of one "
               "feature.",
               "A streaming service: 'subscription revenue' is a business outcome; 'viewers who finish a series "
               "they start' is a product outcome; 'clicks on the new skip-intro button' is traction. A measure about "
               "suppliers or staff can be a product outcome too: what matters is whether it is a behaviour the "
               "product can change."),
        why="Cost to serve and margin are money, business outcomes; customers returning without contacting us, "
            "suppliers updating stock and shoppers choosing click & collect are behaviours the product influences, "
            "product outcomes; conversations started, taps on a button and dark mode count the use of features, "
            "traction.",
    ),
    checks.Question(
        qid="m02.timing", title="Leading or lagging?", kind="classify", points=3,
        prompt="Northvale Hospital's goal: " + _HOSPITAL_GOAL + ". Judged against it, is each measure a leading "
               "measure (predictive, and a team can move it) or a lagging one (it says afterwards whether the goal "
               "was met)?",
        check=checks.classification(TIMING_KEY, visible=_TIMING_VISIBLE, explain=TIMING_EXPLAIN),
        options=tuple(TIMING_KEY), labels=TIMINGS, solution=dict(TIMING_KEY), misconception=TIMING_SLIP,
        unseen="statements",
        hints=("Judge each measure against the hospital's goal: does it come before missed appointments and can a "
               "team move it this week (leading), or does it report afterwards how the period went (lagging)? "
               "Money or people does not decide which.",
               "A school whose goal is fewer pupils absent over the year: 'parents who reply to this week's "
               "attendance text' leads, as staff can act on it now; 'pupils absent for more than ten days in the "
               "year' lags, as you learn it when the year is over."),
        why="Confirmations, refilled slots and offers made this week come before the missed appointments and a team "
            "can move them now, so they lead, even the one counted in euros; the quarterly rate, the yearly count of "
            "repeat no-shows and the annual survey report afterwards, so they lag.",
    ),
    checks.Question(
        qid="m02.untraced_budget", title="How much of the budget traces to no impact?", kind="value", points=3,
        prompt="The share of Northvale Hospital's budget (cost_k, 0 to 1) requested for deliverables that trace to "
               "no impact.",
        check=_LazyCheck(_untraced_budget), unseen="outpatient_plan_2026",
        hints=("A share of the budget, not of the deliverables: add up cost_k for the deliverables that trace to no "
               "impact, and divide by the cost of all of them.",
               "In the lesson, the plan was grouped by its trace column and cost_k summed per group; 'names an actor "
               "only' and 'traces to no one' both count as untraced. For instance, untraced costs of 30 and 50 in a "
               "budget of 200 give (30 + 50) / 200 = 0.4. Do the same with outpatient_plan_2026."),
        why="The deliverables with no actor, or an actor with no behaviour change, trace to no impact; their cost_k "
            "summed and divided by the whole plan's cost_k is the share of the budget at stake.",
    ),
    checks.Question(
        qid="m02.well_formed", title="How many objectives are well-formed?", kind="value", points=3,
        prompt="How many of the teams' objectives are well-formed outcome statements according to "
               "outcomes.assess? (a count)",
        check=_LazyCheck(_well_formed), unseen="objectives",
        hints=("Well-formed is the assessor's verdict, not yours: outcomes.assess(text).well_formed is True when a "
               "statement has who, behaviour, measure, baseline, target and timeframe. Numbers and dates alone do "
               "not make one.",
               "In the lesson, outcomes.assess(draft) read one statement. Do it for every objective: "
               "[outcomes.assess(text).well_formed for text in objectives['objective']] is a list of True/False "
               "values, and sum(...) counts the Trues (len(...) would count them all)."),
        why="outcomes.assess checks each objective for the six required criteria; only the objectives whose "
            "assessment has .well_formed True count, however many numbers and dates the others carry.",
    ),
    checks.Question(
        qid="m02.plan_verdict", title="What do the two numbers say?", kind="select", points=3,
        prompt="Tick every conclusion that follows from your share of the hospital's budget and your count of "
               "well-formed objectives.",
        check=checks.selection(PLAN_VERDICT),
        options=PLAN_VERDICT.options, follows_from=("m02.untraced_budget", "m02.well_formed"),
        hints=("Test each conclusion against your two numbers: the share of the hospital's budget that traces to no "
               "impact, and how few of Fernhill's objectives are well-formed. Does the number support it, or go "
               "further than it?",
               "A different case: 60% of a school's budget traces to no impact. 'Ask each sponsor who would do "
               "what differently' follows; 'cancel all of it today' goes further than the number, since a sponsor "
               "may still name the impact; 'every item claims a goal, so it is fine' ignores the number. Ask the "
               "same of each conclusion here."),
        why="Most of the budget goes to deliverables no one has linked to a change in behaviour, so ask their "
            "sponsors before committing the money, and most objectives fail the checklist, so the teams need help. "
            "Claiming a goal, cancelling at once, or trusting numbers and dates does not follow.",
    ),
    checks.Question(
        qid="m02.reframe_rental", title="Reframe the online rental booking", kind="text", points=3,
        prompt="Rewrite D03, 'Online rental booking with deposit payment', as an outcome statement.",
        check=None,
        suggest=True,
        # The model answers (as in the solution notebook): `workshop check` shows them after grading.
        solution="Weekend hikers without their own kit book and pay for 40% of rentals online before their trip, "
                 "up from 16%, by September 2026, while no-shows for booked rentals stay below 5%.",
        why=("Renters, not the rental team, are the actor; booking and paying before the trip is the behaviour "
             "that saves store time; the baseline is where P07 left it (16%), and no-shows guard against bookings "
             "that never become rentals."),
        rubric={
            "who (0.5)": "Names whose behaviour changes: weekend hikers, renters or rental customers; not 'we' or "
                         "'the rental team'.",
            "behaviour (0.5)": "Says what they do differently (book and pay for rentals online before the trip), "
                               "not what the team builds (a booking system, a payment page).",
            "measure (0.5)": "Counts it with a unit: % of rentals booked online, or online bookings per week.",
            "baseline and target (0.5)": "From where the 2025 programme left it (P07's actual share of rentals "
                                         "booked online) to a stated level.",
            "timeframe (0.5)": "By when: a date or quarter in 2026.",
            "guardrail (0.5)": "Something that must not get worse: no-shows or cancelled rentals, deposit "
                               "disputes, calls to stores about bookings, rental margin.",
        },
        hints=("The booking system is the means. Who rents, what would they do before their trip that they do not "
               "do now, and where did the 2025 programme leave it?",
               "A different deliverable: 'Online table booking for the restaurant' becomes 'Diners book 50% of "
               "tables online, up from 20%, by June, while no-shows stay under 5%.' For D03, take your baseline "
               "from the 2025 rental project's actual in the projects table, and add a guardrail."),
    ),
    checks.Question(
        qid="m02.reframe_chatbot", title="Reframe the chatbot", kind="text", points=3,
        prompt="Rewrite D09, 'Chatbot 2.0 on a new language model', as an outcome statement. The plan names the "
               "actor (online customers) but no behaviour change: supply one.",
        check=None,
        suggest=True,
        solution="Online customers resolve 25% of their questions without contacting an agent, up from 6.5%, by "
                 "December 2026, while repeat contacts about the same question stay below 10%.",
        why=("The chatbot is the solution, not the outcome: customers getting their answer without an agent is the "
             "behaviour that lowers the cost to serve. Conversations started would be traction; the baseline is "
             "where P10 left it (6.5%), and repeat contacts catch answers that did not help."),
        rubric={
            "who (0.5)": "Names whose behaviour changes: online customers with a question (a segment is better); "
                         "not 'the chatbot' or 'we'.",
            "behaviour (0.5)": "Says what customers do differently (get their answer without contacting an agent, "
                               "stop calling about order status), not 'use the chatbot' or 'chat more'.",
            "measure (0.5)": "Counts it with a unit: % of questions resolved without an agent, or contacts per "
                             "1,000 orders; not conversations started (a traction metric).",
            "baseline and target (0.5)": "From where the 2025 programme left it (P10's actual share of questions "
                                         "resolved without an agent) to a stated level.",
            "timeframe (0.5)": "By when: a date or quarter in 2026.",
            "guardrail (0.5)": "Something that must not get worse: customer satisfaction with answers, repeat "
                               "contacts about the same question, complaints, wrong answers.",
        },
        hints=("The actor is given: online customers. The behaviour is not 'use the chatbot' (that is traction): what "
               "would customers manage without that costs the business today?",
               "A different deliverable: 'A new help-centre search' becomes 'Customers find the answer to 40% of "
               "their questions without emailing support, up from 15%, by June, while repeat emails on the same "
               "question stay under 10%.' For D09, take the baseline from the 2025 chatbot project's actual."),
    ),
]


def examples() -> dict:
    """For tests: per autograded question, (an answer that scores full marks, a typical wrong answer)."""
    keys = _keys()
    return {
        "m02.practice_map": (dict(MAP_KEY), MAP_SLIP),
        "m02.practice_traced": (keys["traced_count"], keys["actor_count"]),
        "m02.practice_levels": (dict(LEVEL_PRACTICE_KEY), LEVEL_PRACTICE_SLIP),
        "m02.practice_timing": (dict(TIMING_PRACTICE_KEY), TIMING_PRACTICE_SLIP),
        # "A deliverable that names someone traces to an impact."
        "m02.drop": (keys["h_untraced"], keys["h_no_actor"]),
        # "Anything people do in the product is a product outcome."
        "m02.levels": (dict(keys["level"]), dict(keys["level_slip"])),
        # "Money measures lag; measures of people lead."
        "m02.timing": (dict(TIMING_KEY), dict(TIMING_SLIP)),
        # Counting deliverables instead of adding up their cost.
        "m02.untraced_budget": (keys["h_untraced_budget"], keys["h_untraced_count_share"]),
        # "Every deliverable claims a goal, so the plan is fine."
        "m02.plan_verdict": (PLAN_VERDICT.key, [PLAN_VERDICT[1].text]),
        # "Numbers and dates make an outcome."
        "m02.well_formed": (keys["well_formed"], keys["with_digits"]),
    }


# ---------------------------------------------------------------------------------------------
# The whole plan as an impact map (graded set, questions 8 and 9) and the peer review in class.
# Issue 10: the central skill on a whole plan, graded partly by structure, partly by hand.
# ---------------------------------------------------------------------------------------------

# A model map: six outcomes (each an actor changing a behaviour, with a measure), the nine deliverables
# the plan traces to an impact kept as options, D09 kept with the behaviour change the plan lacked,
# and the six that trace to none dropped.
PLAN_MAP_SOLUTION = {
    "outcomes": [
        {"goal": "repeat purchases", "outcome": "New members redeem their first reward within 30 days of joining",
         "measure": "% of new members who redeem a reward within 30 days", "options": ["D01"]},
        {"goal": "circular gear",
         "outcome": "Customers with worn or broken gear repair it or trade it in instead of buying new",
         "measure": "repairs and trade-ins per 1,000 members a month", "options": ["D02", "D04", "D13"]},
        {"goal": "circular gear",
         "outcome": "Weekend hikers without their own kit book and pay for rentals online before their trip",
         "measure": "% of rentals booked online", "options": ["D03"]},
        {"goal": "cost to serve",
         "outcome": "Online customers sort out returns and order questions themselves instead of contacting "
                    "customer service",
         "measure": "customer-service contacts per 1,000 online orders", "options": ["D08", "D09"]},
        {"goal": "cost to serve",
         "outcome": "Online shoppers near a store choose click & collect instead of home delivery",
         "measure": "% of online orders collected in a store", "options": ["D15", "D10"]},
        {"goal": "cost to serve",
         "outcome": "Store staff answer stock questions on the shop floor without calling head office",
         "measure": "% of stock questions answered on the shop floor", "options": ["D07"]},
    ],
    "dropped": ["D05", "D06", "D11", "D12", "D14", "D16"],
    "behaviours": {"D09": "Online customers get answers to order questions without contacting an agent"},
}


def _keep_everything() -> dict:
    """The project mindset: nothing is dropped; each deliverable the model map drops stays, under an outcome
    of the goal it claims, and D09 stays without a behaviour change."""
    from workshop_utils import data

    plan = data.load("plan_2026").set_index("deliverable_id")
    outcomes = [{**o, "options": list(o["options"])} for o in PLAN_MAP_SOLUTION["outcomes"]]
    for did in PLAN_MAP_SOLUTION["dropped"]:
        next(o for o in outcomes if o["goal"] == plan.at[did, "goal"])["options"].append(did)
    return {"outcomes": outcomes, "dropped": [], "behaviours": {}}


def _plan_map(keys):
    from workshop_utils import impactmap

    untraced = {}
    for did in keys["untraced"]:
        actor, _ = keys["trace"][did]
        if actor.strip():
            untraced[did] = (f"{did} names {actor.lower()}, but the plan gives them nothing to do differently. "
                             "Drop it, or give it a behaviour change of its own (who would do what differently?) "
                             "that is not the use of a feature.")
        else:
            untraced[did] = (f"{did} names no one whose behaviour would change: under an outcome it is an output "
                             "with nothing to move. Drop it, unless you can say who would do what differently.")
    return impactmap.check(DELIVERABLES, untraced, GOALS, goal_of=keys["goal_of"],
                           actor_of={did: actor for did, (actor, _) in keys["trace"].items()})


PLAN_WHY_SOLUTION = (
    "Fernhill's three goals each need people to do something differently, so I grouped the deliverables by whose "
    "behaviour they could change. Repeat purchases rest on new members redeeming a first reward (D01). Circular "
    "gear rests on two behaviours: repairing or trading in worn gear (D02 emails, D04 booking, D13 trade-in) and "
    "renting online before a trip (D03). The cost to serve falls if online customers sort out returns and "
    "questions without contacting us (D08, and D09 only as a way to answer without an agent), if shoppers choose "
    "click & collect (D15, with D10's daily stock feeds keeping the one-hour promise true), and if store staff "
    "answer stock questions on the floor (D07). I dropped D05, D06, D14 and D16 because no one would behave "
    "differently, D11 because switching on dark mode is the use of a feature, and D12 because a dashboard "
    "changes nothing until someone decides differently with it. Each option can now be swapped for a cheaper "
    "one if its outcome does not move.")

QUESTIONS += [  # appended after the module's other questions
    checks.Question(
        qid="m02.plan_map", title="The whole 2026 plan as an impact map", kind="map", points=3,
        prompt="Reframe the 16 deliverables of the 2026 plan into 4 to 6 outcomes (an actor changing a behaviour, "
               "with a measure, under one of the three goals). Put each deliverable under the one outcome it could "
               "cause, as an option, or drop it.",
        check=_LazyCheck(_plan_map),
        options=tuple(DELIVERABLES), labels=GOALS,
        solution=PLAN_MAP_SOLUTION,
        hints=("Start from the behaviours, not the deliverables: for each goal, which people would have to do what "
               "differently? Each of those is an outcome; deliverables are options under it, and a deliverable that "
               "changes no one's behaviour is dropped.",
               "Take one branch as a start: the goal 'repeat purchases'. Which people, doing what, would buy "
               "again (new members redeeming a first reward, say)? Put under that outcome only the deliverables that "
               "could cause it, with a measure of the behaviour. Then use the plan's actor and behaviour_change "
               "columns: a row with neither is a candidate to drop."),
        why="Each outcome is a named group doing something differently under one goal, each deliverable is kept as "
            "one option for that change or dropped when it changes no one's behaviour, and D09 stays only with a "
            "real behaviour change (answers without an agent).",
    ),
    checks.Question(
        qid="m02.plan_why", title="Why this map?", kind="text", points=3,
        prompt="In a few sentences: why these outcomes, why each group of options sits under its outcome, and "
               "why you dropped what you dropped.",
        check=None,
        solution=PLAN_WHY_SOLUTION,
        why=("It names the behaviour each outcome needs, keeps each deliverable as one option among several for "
             "that behaviour, and gives a reason for every drop, so the team can stop an option without a fight "
             "when the measure does not move."),
        rubric={
            "outcomes (1)": "Each outcome is a change in what a named actor does that would move its goal: not the "
                            "use of a feature, a feeling, or the goal restated; together they cover the three "
                            "goals.",
            "grouping (1)": "Each deliverable sits under an outcome it could plausibly cause (of the goal the plan "
                            "gives it: question 9's check holds that), the options under one outcome change the "
                            "same people's behaviour, and the answer says why each group belongs together.",
            "drops (1)": "Drops the deliverables that trace to no impact (D05, D06, D14, D16; D11 and D12 unless "
                         "given a real behaviour change), keeps D09 only with one (answers without an agent, not "
                         "'use the chatbot'), and says why each drop is safe.",
        },
        hints=("Give a reason for each of three things: why these outcomes (each a behaviour a goal needs), why each "
               "group of options sits together (they change the same people's behaviour), and why each drop is "
               "safe.",
               "One sentence per outcome is enough. For instance: 'Repeat purchases rest on new members redeeming "
               "a first reward, so the onboarding emails sit under that outcome.' Then one sentence for the drops: "
               "name them and say whose behaviour they would not change."),
    ),
    checks.Question(
        qid="m02.peer_review", title="Peer review: your partner's outcome statement", kind="review", points=0,
        prompt="Score your partner's statement: 0 or 0.5 on each criterion of the rubric, then write one "
               "suggestion they could act on. Then press Compare to see where the assessor reads it differently.",
        check=None,
        hints=("Score what the statement says, not what your partner meant: each criterion is there (0.5) or not (0). "
               "The suggestion should name one thing they can change.",
               "For 'We will launch the new app by May': who is 'we' (the team, not the people who change: 0), "
               "behaviour (none: 0), timeframe (May: 0.5). A useful suggestion: 'Say which customers would do what "
               "differently with the app.'"),
    ),
]

_examples_before_plan = examples


def examples() -> dict:  # extends the examples above with the whole-plan map
    """For tests: as above, plus the whole-plan map (the model map, and keeping every deliverable)."""
    return {**_examples_before_plan(), "m02.plan_map": (PLAN_MAP_SOLUTION, _keep_everything())}
