"""Module 03, Measuring and recalibrating: its case data and its graded questions.

Fernhill Outdoor's 2026 plan meets its first year of data. The module walks the recalibration loop
the essay asks for (continue, pivot or stop each deliverable as each quarter's outcome data arrives),
finds the input measure that leads an outcome (McChesney, Covey, Huling 2012), scores key results
(Doerr 2018), reads A/B results with guardrails (Kohavi, Tang, Xu 2020) and meets Goodhart's law.
The lesson teaches on Fernhill; the graded set asks the same questions of Northvale Hospital
(module 02's graded case). Answer keys are computed from the generated rows with the functions of
``workshop_utils.metrics`` the lesson teaches, so data and keys cannot drift apart.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass

from workshop_utils import checks
from workshop_utils.casestudy import Dataset

MODULE = "03"
NOTEBOOK = "03-measuring-recalibrating"

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
DECISIONS = ("continue", "pivot", "stop")
KR_KINDS = ("output", "outcome")
_MODULE_LABEL = "03 Measuring and recalibrating"

_DOERR = {"title": "John Doerr, Measure What Matters (2018): key results are measurable and time-bound, scored "
                   "from 0 to 1"}
_4DX = {"title": "Chris McChesney, Sean Covey, Jim Huling, The 4 Disciplines of Execution (2012): lead measures "
                 "are predictive and influenceable"}
_KOHAVI = {"title": "Ron Kohavi, Diane Tang, Ya Xu, Trustworthy Online Controlled Experiments (2020): confidence "
                    "intervals, and guardrail metrics that must not get worse"}
_MALHOTRA = {"title": "Rakesh Malhotra, on moving from a project to a product mindset: the deliverables need "
                      "continuous re-calibration to the outcome"}


def _field(name: str, kind: str, description: str, **constraints) -> dict:
    """A Table Schema field; every field is required unless ``required=False`` is passed."""
    return {"name": name, "type": kind, "description": description,
            "constraints": {"required": True, **constraints}}


def _projects_2025() -> dict:
    """Module 01's projects, rebuilt from their own stream (never drawn from another data set's)."""
    from workshop_utils import casestudy

    return {row["project_id"]: row for row in casestudy.rows(casestudy.dataset("projects"))}


# ---------------------------------------------------------------------------------------------
# Quarterly 2026 data: six deliverables of Fernhill's plan, each with its delivery, its usage (a
# traction number) and its outcome, quarter by quarter. The story is in the named fields: how far the
# outcome moves towards its target by the end of each quarter (a share of the baseline-to-target gap).
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Track:
    """One deliverable's 2026: what it should move, and how each quarter went."""

    did: str                                # plan_2026.deliverable_id
    deliverable: str
    outcome_measure: str
    unit: str
    direction: str                          # "up" or "down": which way is better
    baseline: float | str                   # a number, or a 2025 project id whose actual is the baseline
    target: float
    progress: tuple[float, float, float, float]   # share of the gap covered by the end of Q1..Q4 (the story)
    usage_measure: str                      # a traction number: the use of the deliverable, not the outcome
    usage: tuple[int, int, int, int]        # usage per quarter, before a little noise
    delivery: tuple[str, str, str, str]     # "on time", "late" or "not started" per quarter
    story: str                              # the decision each quarter, for the data card and the tests


_TRACKS = [
    Track(did="D01", deliverable="Trail Rewards app 2.0: a redesign with ten new features",
          outcome_measure="members redeeming a reward each quarter", unit="% of members", direction="up",
          baseline="P01", target=22.0, progress=(0.02, 0.04, 0.03, 0.05),
          usage_measure="members who opened one of the ten new features", usage=(2400, 6100, 9300, 12800),
          delivery=("on time", "on time", "on time", "on time"),
          story="stop: delivered on time and used more each quarter, yet the outcome stays flat"),
    Track(did="D03", deliverable="Online rental booking with deposit payment",
          outcome_measure="rentals booked online", unit="% of rentals", direction="up",
          baseline="P07", target=40.0, progress=(0.08, 0.20, 0.62, 0.90),
          usage_measure="visits to the rental booking pages", usage=(5200, 6900, 8800, 9900),
          delivery=("on time", "on time", "on time", "on time"),
          story="pivot twice (moving, too slowly: the deposit put renters off), then continue once it was dropped"),
    Track(did="D07", deliverable="Stock look-up app on store tablets in all 40 stores",
          outcome_measure="customer questions answered on the shop floor without calling head office",
          unit="% of questions", direction="up", baseline="P05", target=80.0, progress=(0.01, 0.03, 0.02, 0.04),
          usage_measure="store staff who used the stock look-up in the quarter", usage=(19, 24, 27, 30),
          delivery=("on time", "on time", "on time", "on time"),
          story="stop: the 2025 stock look-up was used by 3% of staff, and its 2026 roll-out moves nothing"),
    Track(did="D08", deliverable="Self-service returns in the app",
          outcome_measure="contacts to customer service about returns", unit="per 1,000 online orders",
          direction="down", baseline=40.0, target=22.0, progress=(0.12, 0.46, 0.78, 0.97),
          usage_measure="returns started in the app", usage=(300, 2100, 3900, 5200),
          delivery=("late", "late", "on time", "on time"),
          story="pivot in Q1, then continue: two months late, but once live the outcome moves"),
    Track(did="D09", deliverable="Chatbot 2.0 on a new language model",
          outcome_measure="questions resolved without an agent", unit="% of questions", direction="up",
          baseline="P10", target=25.0, progress=(0.09, 0.10, 0.12, 0.15),
          usage_measure="chatbot conversations started", usage=(21000, 38000, 52000, 67000),
          delivery=("on time", "on time", "on time", "on time"),
          story="pivot in Q1, then stop: conversations soar (traction) while questions resolved barely move"),
    Track(did="D15", deliverable="'Ready in one hour' click & collect promise",
          outcome_measure="online orders collected in a store", unit="% of online orders", direction="up",
          baseline=20.0, target=30.0, progress=(0.30, 0.55, 0.80, 1.05),
          usage_measure="click & collect orders", usage=(41000, 47000, 52000, 60000),
          delivery=("on time", "on time", "on time", "on time"),
          story="continue every quarter: on track from the start"),
]
TRACKED = {t.did: t.deliverable for t in _TRACKS}


def build_quarterly(rng: random.Random) -> list[dict]:
    projects = _projects_2025()
    rows = []
    for t in _TRACKS:
        baseline = float(projects[t.baseline]["actual"]) if isinstance(t.baseline, str) else t.baseline
        for quarter, share, usage, delivery in zip(QUARTERS, t.progress, t.usage, t.delivery, strict=True):
            moved = share + rng.uniform(-0.01, 0.01)
            rows.append({
                "deliverable_id": t.did, "deliverable": t.deliverable, "quarter": quarter, "delivery": delivery,
                "usage_measure": t.usage_measure, "usage": round(usage * rng.uniform(0.97, 1.03)),
                "outcome_measure": t.outcome_measure, "unit": t.unit, "direction": t.direction,
                "baseline": baseline, "target": t.target,
                "actual": round(baseline + moved * (t.target - baseline), 1),
            })
    return rows


def _quarterly_fields(pattern: str) -> list[dict]:
    return [
        _field("deliverable_id", "string", "The deliverable (its plan's identifier)", pattern=pattern),
        _field("deliverable", "string", "The deliverable as written in the plan"),
        _field("quarter", "string", "The quarter of 2026 the row reports on", enum=list(QUARTERS)),
        _field("delivery", "string", "Whether the deliverable was on time by the end of the quarter (output)",
               enum=["on time", "late"]),
        _field("usage_measure", "string", "What usage counts: the use of the deliverable (a traction number)"),
        _field("usage", "integer", "Usage in the quarter", minimum=0),
        _field("outcome_measure", "string", "The behaviour the deliverable should change (the outcome)"),
        _field("unit", "string", "Unit of the outcome measure"),
        _field("direction", "string", "Whether higher (up) or lower (down) is better", enum=["up", "down"]),
        _field("baseline", "number", "The outcome measure at the start of 2026"),
        _field("target", "number", "The outcome measure the plan asks for by the end of 2026"),
        _field("actual", "number", "The outcome measure at the end of the quarter"),
    ]


# Northvale Hospital's first half of 2026 (the graded set): hand-written, nothing drawn. Each line's story is
# a decoy for a surface cue: delivered on time but flat, late but moving, usage up while the outcome is not.
@dataclass(frozen=True)
class HospitalTrack:
    """One of Northvale's deliverables at the end of Q1 and Q2; the fields are the data set's columns."""

    deliverable_id: str
    deliverable: str
    outcome_measure: str
    unit: str
    direction: str
    baseline: float
    target: float
    actual: tuple[float, float]             # end of Q1, end of Q2
    usage_measure: str
    usage: tuple[int, int]
    delivery: tuple[str, str]


_HOSPITAL_TRACKS = [
    HospitalTrack(deliverable_id="H01", deliverable="Text reminders with a one-tap cancel link",
                  outcome_measure="missed appointments among patients sent a reminder", unit="% of bookings",
                  direction="down", baseline=9.0, target=5.0, actual=(8.0, 7.1),
                  usage_measure="reminder texts sent", usage=(41000, 44000), delivery=("on time", "on time")),
    HospitalTrack(deliverable_id="H03", deliverable="Online rebooking for outpatient clinics",
                  outcome_measure="appointments moved online rather than by phone", unit="% of moved appointments",
                  direction="up", baseline=12.0, target=40.0, actual=(14.0, 19.0),
                  usage_measure="visits to the rebooking page", usage=(8100, 11900), delivery=("on time", "on time")),
    HospitalTrack(deliverable_id="H05", deliverable="Patient app with a new appointments screen",
                  outcome_measure="missed appointments among app users", unit="% of bookings", direction="down",
                  baseline=9.0, target=6.0, actual=(8.9, 8.9),
                  usage_measure="patients who opened the appointments screen", usage=(6200, 14800),
                  delivery=("on time", "on time")),
    HospitalTrack(deliverable_id="H06", deliverable="A tool to offer cancelled slots to the waiting list",
                  outcome_measure="cancelled slots refilled from the waiting list", unit="% of cancelled slots",
                  direction="up", baseline=20.0, target=60.0, actual=(21.0, 39.0),
                  usage_measure="slots offered through the tool", usage=(150, 1900), delivery=("late", "late")),
    HospitalTrack(deliverable_id="H08", deliverable="Appointment letters in five languages",
                  outcome_measure="missed appointments among patients who do not read English",
                  unit="% of their bookings", direction="down", baseline=14.0, target=8.0, actual=(13.9, 13.8),
                  usage_measure="translated letters sent", usage=(3100, 3300), delivery=("on time", "on time")),
    HospitalTrack(deliverable_id="H10", deliverable="Book hospital transport from the reminder text",
                  outcome_measure="transport patients who miss their appointment", unit="% of transport bookings",
                  direction="down", baseline=16.0, target=8.0, actual=(15.0, 13.6),
                  usage_measure="transport bookings made from the text", usage=(90, 420), delivery=("late", "on time")),
]
HOSPITAL_TRACKED = {t.deliverable_id: t.deliverable for t in _HOSPITAL_TRACKS}


def build_hospital_quarterly(rng: random.Random) -> list[dict]:
    """Hand-written rows: nothing here is drawn, so ``rng`` is not used."""
    return [{"deliverable_id": t.deliverable_id, "deliverable": t.deliverable, "quarter": quarter,
             "delivery": t.delivery[i], "usage_measure": t.usage_measure, "usage": t.usage[i],
             "outcome_measure": t.outcome_measure, "unit": t.unit, "direction": t.direction,
             "baseline": t.baseline, "target": t.target, "actual": t.actual[i]}
            for t in _HOSPITAL_TRACKS for i, quarter in enumerate(QUARTERS[:2])]


# ---------------------------------------------------------------------------------------------
# Weekly data for leading indicators: an outcome, an input that leads it by some weeks, an input that
# moves with it in the same week (both follow the season), and a traction count.
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WeeklySpec:
    """How a weekly table is drawn: outcome = level + lead_weight * (leading input, ``lead`` weeks earlier)
    + season_weight * season + noise; the same-week input follows the season only."""

    start: str                              # the Monday of the first week
    weeks: int
    lead: int                               # how many weeks the leading input leads the outcome (the story)
    outcome_level: float
    lead_weight: float                      # outcome units per unit of the leading input above its level
    season_weight: float                    # outcome units at the seasonal peak
    noise: float                            # outcome noise (standard deviation)
    input_level: float                      # the leading input's level; it drifts around it week to week
    input_spread: float
    same_week_level: float
    same_week_season: float
    traction_per_input: float               # the traction count follows the leading input, with a lot of noise
    shared_weight: float                    # outcome units per unit of a shock that hits the same-week input too


def _weekly(rng: random.Random, spec: WeeklySpec, names: tuple[str, str, str, str], decimals: int = 1) -> list[dict]:
    """Rows of ``week`` plus the four named columns: outcome, leading input, same-week input, traction."""
    outcome_name, lead_name, same_name, traction_name = names
    drift, leading = 0.0, []
    for _ in range(spec.weeks + spec.lead):
        drift = 0.5 * drift + rng.gauss(0, 1)
        leading.append(spec.input_level + spec.input_spread * drift)
    start = datetime.date.fromisoformat(spec.start)
    rows = []
    for week in range(spec.weeks):
        season = math.sin(2 * math.pi * (week - 10) / 52)
        lead_value = leading[week + spec.lead]
        earlier = leading[week] - spec.input_level      # the leading input, ``lead`` weeks before this week
        shock = rng.gauss(0, 1)     # a busy or quiet week, felt by the outcome and the same-week input
        rows.append({
            "week": (start + datetime.timedelta(weeks=week)).isoformat(),
            outcome_name: round(spec.outcome_level + spec.lead_weight * earlier + spec.season_weight * season
                                + spec.shared_weight * shock + rng.gauss(0, spec.noise), decimals),
            lead_name: round(lead_value),
            same_name: round(spec.same_week_level * (1 + spec.same_week_season * season + 0.05 * shock
                                                  + rng.gauss(0, 0.02))),
            traction_name: round(max(0.0, spec.traction_per_input * lead_value * rng.uniform(0.3, 1.7))),
        })
    return rows


_FERNHILL_WEEKLY = WeeklySpec(start="2024-01-01", weeks=104, lead=3, outcome_level=25.0, lead_weight=0.10,
                              season_weight=3.0, noise=1.0, input_level=120.0, input_spread=25.0,
                              same_week_level=40000, same_week_season=0.25, traction_per_input=7.0, shared_weight=1.5)
_FERNHILL_WEEKLY_NAMES = ("repair_revenue_k", "repairs_booked_online", "store_visits", "repair_button_taps")
_HOSPITAL_WEEKLY = WeeklySpec(start="2024-01-01", weeks=104, lead=2, outcome_level=88.0, lead_weight=0.012,
                              season_weight=2.5, noise=0.8, input_level=900.0, input_spread=180.0,
                              same_week_level=260, same_week_season=0.15, traction_per_input=3.0, shared_weight=1.0)
_HOSPITAL_WEEKLY_NAMES = ("slots_used_pct", "text_confirmations", "clinic_sessions", "website_visits")


def build_weekly(rng: random.Random) -> list[dict]:
    return _weekly(rng, _FERNHILL_WEEKLY, _FERNHILL_WEEKLY_NAMES)


def build_hospital_weekly(rng: random.Random) -> list[dict]:
    return _weekly(rng, _HOSPITAL_WEEKLY, _HOSPITAL_WEEKLY_NAMES)


# ---------------------------------------------------------------------------------------------
# Key results at the end of Q2 2026 (Fernhill's for the lesson, Northvale's for the graded set), and
# A/B results with a guardrail. Hand-written: nothing is drawn.
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeyResult:
    """A key result and where it stood at the end of Q2; the fields are the data set's columns."""

    kr_id: str
    key_result: str
    kind: str                               # "output" or "outcome": the answer key of the lesson's sorting
    direction: str
    baseline: float
    target: float
    actual: float


_KEY_RESULTS = [
    KeyResult(kr_id="K1", key_result="New members who redeem a reward within 30 days of joining rise from 21% to "
                                     "35% by December 2026", kind="outcome", direction="up", baseline=21, target=35,
              actual=22),
    KeyResult(kr_id="K2", key_result="Ship the ten new features of Trail Rewards app 2.0 by June 2026",
              kind="output", direction="up", baseline=0, target=10, actual=10),
    KeyResult(kr_id="K3", key_result="Contacts about returns fall from 40 to 22 per 1,000 online orders by December "
                                     "2026", kind="outcome", direction="down", baseline=40, target=22, actual=31),
    KeyResult(kr_id="K4", key_result="Rentals booked online rise from 16% to 40% of rentals by September 2026",
              kind="outcome", direction="up", baseline=16, target=40, actual=45),
    KeyResult(kr_id="K5", key_result="Chatbot conversations started grow from 20,000 to 60,000 a quarter",
              kind="output", direction="up", baseline=20000, target=60000, actual=38000),
    KeyResult(kr_id="K6", key_result="Roll out the stock look-up to the tablets of all 40 stores by March 2026",
              kind="output", direction="up", baseline=0, target=40, actual=40),
]

_HOSPITAL_KEY_RESULTS = [
    KeyResult(kr_id="N1", key_result="Missed appointments fall from 9% to 5% of bookings by December 2026",
              kind="outcome", direction="down", baseline=9.0, target=5.0, actual=7.4),
    KeyResult(kr_id="N2", key_result="Patients who move an appointment online rise from 12% to 40% by December 2026",
              kind="outcome", direction="up", baseline=12, target=40, actual=54),
    KeyResult(kr_id="N3", key_result="Cancelled slots refilled from the waiting list rise from 20% to 60% by "
                                     "December 2026", kind="outcome", direction="up", baseline=20, target=60,
              actual=12),
    KeyResult(kr_id="N4", key_result="Calls to the booking office fall from 5,200 to 3,800 a week by December 2026",
              kind="outcome", direction="down", baseline=5200, target=3800, actual=4500),
    KeyResult(kr_id="N5", key_result="Transport patients who book transport when they confirm rise from 30% to 55% "
                                     "by December 2026", kind="outcome", direction="up", baseline=30, target=55,
              actual=40),
]


def _hand_written(table):
    """A ``build`` for a table of hand-written rows (dataclasses whose fields are the columns): nothing is drawn,
    so the data set's ``rng`` is not used."""
    from dataclasses import asdict

    def build(rng: random.Random) -> list[dict]:
        return [asdict(row) for row in table]

    return build


_KR_FIELDS = [
    _field("kr_id", "string", "Key result identifier", unique=True),
    _field("key_result", "string", "The key result as written", unique=True),
    _field("kind", "string", "Output (what the team makes or does) or outcome (a change in behaviour or a result)",
           enum=list(KR_KINDS)),
    _field("direction", "string", "Whether higher (up) or lower (down) is better", enum=["up", "down"]),
    _field("baseline", "number", "Where the measure stood when the key result was set"),
    _field("target", "number", "Where the key result asks it to be"),
    _field("actual", "number", "Where it stood at the end of Q2 2026"),
]


@dataclass(frozen=True)
class Experiment:
    """An A/B test's result; every change is expressed so that positive is better (a guardrail that got
    worse has a negative change). The fields are the data set's columns."""

    experiment_id: str
    change: str
    primary_measure: str
    primary_change: float                   # the point estimate, percentage points
    primary_low: float                      # 95% confidence interval
    primary_high: float
    guardrail: str
    guardrail_change: float
    guardrail_low: float
    guardrail_high: float


_EXPERIMENTS = [
    Experiment(experiment_id="E1", change="Returns: a printable label offered before the reason form",
               primary_measure="returns started in the app without contacting us", primary_change=6.1,
               primary_low=3.2, primary_high=9.0, guardrail="refunds paid within 5 days", guardrail_change=-0.4,
               guardrail_low=-1.9, guardrail_high=1.1),
    Experiment(experiment_id="E2", change="Checkout: click & collect chosen for the shopper by default",
               primary_measure="online orders collected in a store", primary_change=9.8, primary_low=7.5,
               primary_high=12.1, guardrail="orders completed (checkout conversion)", guardrail_change=-3.6,
               guardrail_low=-5.0, guardrail_high=-2.2),
    Experiment(experiment_id="E3", change="Rewards: a welcome reward shown on the home screen",
               primary_measure="new members who redeem a reward within 30 days", primary_change=11.5,
               primary_low=-2.4, primary_high=25.4, guardrail="app uninstalls in the first month",
               guardrail_change=0.2, guardrail_low=-0.9, guardrail_high=1.3),
]

_HOSPITAL_EXPERIMENTS = [
    Experiment(experiment_id="X1", change="Reminder text sent 3 days before instead of 1",
               primary_measure="patients who attend or cancel in time", primary_change=7.9, primary_low=-1.8,
               primary_high=17.6, guardrail="same-day cancellations", guardrail_change=0.3, guardrail_low=-0.8,
               guardrail_high=1.4),
    Experiment(experiment_id="X2", change="Appointment booked for the patient automatically, with no choice of time",
               primary_measure="patients who attend or cancel in time", primary_change=5.2, primary_low=3.9,
               primary_high=6.5, guardrail="complaints per 1,000 appointments", guardrail_change=-2.7,
               guardrail_low=-3.8, guardrail_high=-1.6),
    Experiment(experiment_id="X3", change="A one-tap 'I still need this appointment' reply in the reminder",
               primary_measure="patients who attend or cancel in time", primary_change=2.4, primary_low=1.1,
               primary_high=3.7, guardrail="same-day cancellations", guardrail_change=0.1, guardrail_low=-0.5,
               guardrail_high=0.7),
    Experiment(experiment_id="X4", change="The reminder letter posted as well as texted",
               primary_measure="patients who attend or cancel in time", primary_change=-1.6, primary_low=-2.9,
               primary_high=-0.3, guardrail="postage cost per appointment", guardrail_change=-0.4,
               guardrail_low=-0.5, guardrail_high=-0.3),
]


_EXPERIMENT_FIELDS = [
    _field("experiment_id", "string", "Experiment identifier", unique=True),
    _field("change", "string", "What the treatment group got that the control group did not"),
    _field("primary_measure", "string", "The one measure the experiment was run to move"),
    _field("primary_change", "number", "Treatment minus control on the primary measure, percentage points "
                                       "(positive is better)"),
    _field("primary_low", "number", "Low end of the 95% confidence interval of primary_change"),
    _field("primary_high", "number", "High end of the 95% confidence interval of primary_change"),
    _field("guardrail", "string", "A measure that must not get worse"),
    _field("guardrail_change", "number", "Treatment minus control on the guardrail, expressed so that positive is "
                                         "better (a guardrail that got worse is negative)"),
    _field("guardrail_low", "number", "Low end of the 95% confidence interval of guardrail_change"),
    _field("guardrail_high", "number", "High end of the 95% confidence interval of guardrail_change"),
]


def _weekly_fields(names: tuple[str, str, str, str], described: tuple[str, str, str, str]) -> list[dict]:
    return [_field("week", "date", "The Monday the week starts", unique=True)] + [
        _field(name, "number" if position == 0 else "integer", text, minimum=0)
        for position, (name, text) in enumerate(zip(names, described, strict=True))]


_NOT_IN_LESSON = " Used by the graded exercise of module 03, not by the lesson."

DATASETS = [
    Dataset(
        name="quarterly_2026",
        title="Fernhill Outdoor's 2026, quarter by quarter: six deliverables",
        description="For six deliverables of the 2026 plan, each quarter's delivery status, usage (a traction "
                    "number) and outcome measure against its baseline and target.",
        fields=_quarterly_fields("D[0-9]{2}"),
        primary_key=["deliverable_id", "quarter"],
        foreign_keys=[{"fields": ["deliverable_id"],
                       "reference": {"resource": "plan_2026", "fields": ["deliverable_id"]}}],
        build=build_quarterly,
        module=_MODULE_LABEL,
        notes="Written to tell the module's story: how far each outcome moves towards its target by the end of "
              "each quarter is set by hand per deliverable (" + "; ".join(f"{t.did}, {t.story}" for t in _TRACKS)
              + "), then moved by at most one hundredth of the gap from the seeded stream; usage gets up to 3% "
                "noise. Four baselines are where the 2025 projects ended (the actual results of P01, P07, P05 and "
                "P10).",
        sources=[_MALHOTRA, _DOERR],
    ),
    Dataset(
        name="hospital_quarterly_2026",
        title="Northvale Hospital's first half of 2026: six deliverables",
        description="For six deliverables of the hospital's outpatient plan, the delivery status, usage and outcome "
                    "measure at the end of Q1 and Q2 2026." + _NOT_IN_LESSON,
        fields=_quarterly_fields("H[0-9]{2}"),
        primary_key=["deliverable_id", "quarter"],
        build=build_hospital_quarterly,
        module=_MODULE_LABEL,
        notes="Written by hand; nothing is drawn. Delivery, usage and outcome disagree on purpose: a deliverable "
              "on time whose outcome is flat, one late whose outcome moves, one whose usage soars while its outcome "
              "does not.",
        sources=[_MALHOTRA],
    ),
    Dataset(
        name="weekly_2025",
        title="Fernhill's repair service, week by week, 2024 and 2025",
        description="104 weeks of repair revenue (the outcome) with three inputs: repairs booked online, store "
                    "visits and taps on the 'Book a repair' button.",
        fields=_weekly_fields(_FERNHILL_WEEKLY_NAMES, (
            "Revenue from repairs in the week, € thousand (the outcome)",
            "Repairs booked online in the week",
            "People counted through the doors of the 40 stores in the week",
            "Taps on the 'Book a repair' button on product pages in the week")),
        primary_key=["week"],
        build=build_weekly,
        module=_MODULE_LABEL,
        notes=f"Drawn from the seeded stream: repair revenue follows repairs booked online "
              f"{_FERNHILL_WEEKLY.lead} weeks earlier (the time a repair takes) plus the season plus noise; store "
              "visits follow the season only, so they move with revenue in the same week without leading it; button "
              "taps follow bookings with a lot of noise.",
        sources=[_4DX],
    ),
    Dataset(
        name="hospital_weekly",
        title="Northvale Hospital's outpatient clinics, week by week, 2024 and 2025",
        description="104 weeks of outpatient slots used (the outcome) with three inputs: text confirmations, clinic "
                    "sessions held and website visits." + _NOT_IN_LESSON,
        fields=_weekly_fields(_HOSPITAL_WEEKLY_NAMES, (
            "Outpatient slots used (patients seen) as a share of slots available in the week, %",
            "Patients who confirmed an appointment by text in the week",
            "Clinic sessions held in the week",
            "Visits to the hospital's website in the week")),
        primary_key=["week"],
        build=build_hospital_weekly,
        module=_MODULE_LABEL,
        notes="Drawn from the seeded stream in the same way as weekly_2025, with its own lead, levels and noise.",
        sources=[_4DX],
    ),
    Dataset(
        name="key_results_2026",
        title="Fernhill's key results at the end of Q2 2026",
        description="Six key results Fernhill's teams set for 2026, each with its kind (output or outcome), "
                    "direction, baseline, target and where it stood at the end of June.",
        fields=_KR_FIELDS,
        primary_key=["kr_id"],
        build=_hand_written(_KEY_RESULTS),
        module=_MODULE_LABEL,
        notes="Written by hand; nothing is drawn. Output key results score well while the outcome key results "
              "beside them do not move; one outcome key result goes down, one overshoots its target.",
        sources=[_DOERR],
    ),
    Dataset(
        name="hospital_key_results",
        title="Northvale Hospital's outpatient key results at the end of Q2 2026",
        description="Five key results with direction, baseline, target and where each stood at the end of June."
                    + _NOT_IN_LESSON,
        fields=_KR_FIELDS,
        primary_key=["kr_id"],
        build=_hand_written(_HOSPITAL_KEY_RESULTS),
        module=_MODULE_LABEL,
        notes="Written by hand; nothing is drawn. Two key results go down; one overshoots, one went backwards.",
        sources=[_DOERR],
    ),
    Dataset(
        name="experiments_2026",
        title="Three of Fernhill's A/B tests in 2026",
        description="Each test's primary measure and one guardrail, with the change and its 95% confidence "
                    "interval, expressed so that positive is better.",
        fields=_EXPERIMENT_FIELDS,
        primary_key=["experiment_id"],
        build=_hand_written(_EXPERIMENTS),
        module=_MODULE_LABEL,
        notes="Written by hand; nothing is drawn. One clear win, one win that breaks its guardrail, one large "
              "estimate whose interval crosses zero.",
        sources=[_KOHAVI, {"title": "Ron Kohavi and Stefan Thomke, The Surprising Power of Online Experiments, "
                                    "Harvard Business Review (2017): most ideas do not improve the metric they "
                                    "target"}],
    ),
    Dataset(
        name="hospital_experiments",
        title="Four of Northvale Hospital's A/B tests in 2026",
        description="Each test's primary measure and one guardrail, with the change and its 95% confidence "
                    "interval, expressed so that positive is better." + _NOT_IN_LESSON,
        fields=_EXPERIMENT_FIELDS,
        primary_key=["experiment_id"],
        build=_hand_written(_HOSPITAL_EXPERIMENTS),
        module=_MODULE_LABEL,
        notes="Written by hand; nothing is drawn.",
        sources=[_KOHAVI],
    ),
]

# ---------------------------------------------------------------------------------------------
# Answer keys, computed from the data with the functions the lesson teaches (when a check first runs)
# ---------------------------------------------------------------------------------------------
DECISION_QUARTER = "Q2"                     # the graded set decides at the end of June


def _keys() -> dict:
    from workshop_utils import data, metrics

    fernhill = metrics.quarterly_status(data.load("quarterly_2026"))
    hospital = metrics.quarterly_status(data.load("hospital_quarterly_2026"))
    at_q2 = hospital[hospital["quarter"] == DECISION_QUARTER].set_index("deliverable_id")
    weekly = data.load("weekly_2025")
    h_weekly = data.load("hospital_weekly")
    leads = {name: metrics.best_lead(metrics.lagged_correlation(h_weekly, name, "slots_used_pct", 8))
             for name in _HOSPITAL_WEEKLY_NAMES[1:]}
    same_week = {name: float(h_weekly[name].corr(h_weekly["slots_used_pct"])) for name in _HOSPITAL_WEEKLY_NAMES[1:]}
    best_input = max(leads, key=lambda name: leads[name][1])
    krs = data.load("hospital_key_results")
    lesson_krs = data.load("key_results_2026").set_index("kr_id")
    progress = (krs["actual"] - krs["baseline"]) / (krs["target"] - krs["baseline"])
    unsigned = (krs["actual"] - krs["baseline"]) / (krs["target"] - krs["baseline"]).abs()
    return {
        "fernhill_decisions": {q: dict(zip(part["deliverable_id"], part["decision"], strict=True))
                               for q, part in fernhill.groupby("quarter")},
        "decisions": {f"{did} {HOSPITAL_TRACKED[did]}": at_q2.at[did, "decision"] for did in at_q2.index},
        "delivery": {f"{did} {HOSPITAL_TRACKED[did]}": at_q2.at[did, "delivery"] for did in at_q2.index},
        "hospital_q2": at_q2,
        "lead": leads[best_input][0],
        "lead_input": best_input,
        "same_week_input": max(same_week, key=same_week.get),
        "practice_lead": metrics.best_lead(metrics.lagged_correlation(weekly, "repairs_booked_online",
                                                                      "repair_revenue_k", 8))[0],
        "okr": float(metrics.okr_score(krs["baseline"], krs["target"], krs["actual"]).mean()),
        "okr_unclipped": float(progress.mean()),
        "okr_ratio": float((krs["actual"] / krs["target"]).clip(0, 1).mean()),
        "okr_unsigned": float(unsigned.clip(0, 1).mean()),
        "okr_practice": metrics.okr_score(*(float(lesson_krs.at["K3", c]) for c in ("baseline", "target", "actual"))),
        "okr_practice_slip": float(lesson_krs.at["K3", "actual"] / lesson_krs.at["K3", "target"]),
        "okr_lesson": float(metrics.okr_score(lesson_krs["baseline"], lesson_krs["target"],
                                              lesson_krs["actual"]).mean()),
    }


def _LazyCheck(make):  # noqa: N802 - reads like the class it builds
    return checks.LazyCheck(_keys, make)


# --- Practice: the recalibration loop (the quarter stepper) ------------------------------------
_DECISION_RULE = ("The outcome decides: continue when it is on track (at least three quarters of the way the "
                  "straight line from baseline to target asks for by now), pivot when it moves the right way too "
                  "slowly, stop when it has come under a quarter of that way or gone the wrong way. Delivery and "
                  "usage do not enter.")


def _explain_row(did: str, row, what: str) -> str:
    share = row["progress"] / (QUARTERS.index(row["quarter"]) + 1) * len(QUARTERS)
    said = {"continue": "it is on track, so continue", "pivot": "it moves the right way, but too slowly: pivot "
            "(keep the outcome, change the approach or swap in another option)",
            "stop": "that is under a quarter of it, or the wrong way: stop, and free the budget for another option "
                    "under the same impact"}
    return (f"{what}: the outcome has come {max(share, 0):.0%} of the way the straight line asks for by the end of "
            f"{row['quarter']}; {said[row['decision']]}. Delivery ({row['delivery']}) and usage do not decide.")


def _check_recalibrate(keys):
    from workshop_utils import data, metrics

    table = metrics.quarterly_status(data.load("quarterly_2026"))
    per_quarter = {}
    for quarter, part in table.groupby("quarter"):
        key = keys["fernhill_decisions"][quarter]
        explain = {row["deliverable_id"]: _explain_row(row["deliverable_id"], row, row["deliverable_id"])
                   for _, row in part.iterrows()}
        per_quarter[quarter] = checks.classification(key, explain=explain)

    def run(answer, full: bool) -> checks.Feedback:
        from workshop_utils.errors import WorkshopError

        if not isinstance(answer, dict):
            raise WorkshopError("The recalibration answer maps each quarter to its decisions, e.g. "
                                "{'Q1': {'D01': 'stop', ...}}; use the quarter stepper above.")
        stray = [q for q in answer if q not in per_quarter]
        if stray:
            raise WorkshopError(checks.not_one_of(stray[0], QUARTERS, "quarters"))
        if not answer:
            return checks.Feedback(False, "No quarter revealed yet.", hint="Reveal Q1 and decide for each "
                                                                           "deliverable.")
        for quarter in QUARTERS:
            if quarter in answer:
                feedback = per_quarter[quarter](answer[quarter], True)
                if not feedback.passed:
                    return checks.Feedback(False, f"{quarter}: {feedback.message}", hint=feedback.hint)
        return checks.Feedback(True, f"Every decision right for {', '.join(q for q in QUARTERS if q in answer)}.")

    run.traps = {}
    return run


# --- Question 1: continue, pivot or stop (Northvale, end of Q2) -------------------------------
def _decisions(keys):
    explain = {}
    for did, row in keys["hospital_q2"].iterrows():
        option = f"{did} {HOSPITAL_TRACKED[did]}"
        explain[option] = _explain_row(did, row, did)
    return checks.classification(keys["decisions"], explain=explain)


# --- Question 2: how many weeks the best input leads slots used -------------------------------
def _lead(keys):
    return checks.number(
        keys["lead"], tolerance=1e-9, low=0, high=8, what="how many weeks the leading input leads slots used",
        whole_hint="A lead is a whole number of weeks: the lag_weeks of the highest correlation.",
        exact_hint="Compute metrics.lagged_correlation for each input and take the lag of the highest correlation "
                   "overall (metrics.best_lead).",
        range_hint="A lag from 0 to 8 weeks (the tables go up to max_lag=8).",
        near_misses=checks.distinct_slips(keys["lead"], {
            0: f"Lag 0 is the same week: {keys['same_week_input']} goes with slots used in the same week, but it "
               "does not lead them. Look for the input whose correlation peaks weeks earlier, and give that lag.",
            keys["practice_lead"]: "That is how far Fernhill's repair bookings lead repair revenue, from the lesson. "
                                   "This question is about Northvale's clinics: use hospital_weekly.",
        }, 0.01),
    )


# --- Question 3: the average key-result score -------------------------------------------------
def _okr(keys):
    return checks.number(
        keys["okr"], tolerance=1e-3, low=0, high=1, what="the average score of Northvale's key results",
        range_hint="Each score is clipped to 0..1, so their average is between 0 and 1 too.",
        exact_hint="Score each key result with metrics.okr_score(baseline, target, actual), then take the mean.",
        near_misses=checks.distinct_slips(keys["okr"], {
            keys["okr_unclipped"]: "That average lets one key result's overshoot make up for another's slide: clip "
                                   "each score to 0..1 first (metrics.okr_score does).",
            keys["okr_ratio"]: "That divides actual by target. A score is the share of the way from baseline to "
                               "target: (actual - baseline) / (target - baseline), clipped to 0..1.",
            keys["okr_unsigned"]: "That treats every target as going up. Two of these go down: (actual - baseline) "
                                  "/ (target - baseline) keeps the sign right, as metrics.okr_score does.",
        }, 1e-3),
    )


# --- Question 4: what the lead and the score mean ---------------------------------------------
LEAD_VERDICT = checks.conclusions([
    checks.Conclusion(
        text="Northvale's clinic managers can steer by text confirmations week to week: they move before slots used "
             "does, so a dip is a warning while there is still time to act.",
        fits=True,
        why="Your lead says confirmations peak in correlation weeks before slots used: that is what makes a lead "
            "measure useful, and reminders are something the clinics can influence.",
    ),
    checks.Conclusion(
        text="Clinic sessions held are the best lead measure, because they go with slots used most closely in the "
             "same week.",
        fits=False,
        why="A same-week correlate tells you nothing in advance: by the time you see it, the week's slots are "
            "used or lost. A lead measure peaks at a lag above 0.",
    ),
    checks.Conclusion(
        text="The lagged correlation proves that sending more reminders will fill more slots.",
        fits=False,
        why="A correlation, lagged or not, does not prove cause: test it, for example with an A/B test of the "
            "reminders, before betting the budget on it.",
    ),
    checks.Conclusion(
        text="On average Northvale's key results have come less than half of the way from baseline to target by "
             "June: most of what the plan set out to move has not moved enough yet.",
        fits=True,
        why="Your average, with each score clipped to 0..1, is under a half: the quarter's work has not yet moved "
            "most of what it set out to move.",
    ),
    checks.Conclusion(
        text="The online-rebooking key result overshot its target, which makes up for the waiting-list key result "
             "that went backwards.",
        fits=False,
        why="Scores are clipped to 0..1 so that one success cannot hide another failure: the waiting-list key "
            "result scores 0 whatever the rebooking one did.",
    ),
])

# --- Question 5: output or outcome key results -------------------------------------------------
KR_KIND_KEY = {
    "Roll out online check-in kiosks to all 12 clinics, from 0 to 12, by March 2026": "output",
    "Patients who check in at a kiosk instead of queueing at reception rise from 10% to 60% by June 2026": "outcome",
    "Publish 40 new patient information videos by the end of Q2": "output",
    "Patients arrive with the forms already filled in": "outcome",
    "Reminder texts sent grow from 30,000 to 50,000 a month by September 2026": "output",
    "Our booking team answers 90% of calls within 60 seconds by June 2026": "output",
    "Patients referred by their GP book their first appointment within 7 days, up from 35% to 70%, by December "
    "2026": "outcome",
    "Nurses spend fewer hours a week chasing missing test results": "outcome",
}
KR_KIND_EXPLAIN = {
    "Roll out online check-in kiosks to all 12 clinics, from 0 to 12, by March 2026": "Its number moves from 0 to "
    "12, but it counts what the hospital installs: an output. Who would check in differently?",
    "Reminder texts sent grow from 30,000 to 50,000 a month by September 2026": "Texts sent count the hospital's "
    "own activity (volume, traction), however much the number grows: an output. Patients' replies or attendance "
    "would be the outcome.",
    "Our booking team answers 90% of calls within 60 seconds by June 2026": "This is the team's own work "
    "dressed as behaviour: an output (a service level). The outcome is what callers then do differently.",
    "Patients arrive with the forms already filled in": "No number yet, but it is a change in what patients do: an "
    "outcome (add a baseline, target and date to make it a key result).",
    "Nurses spend fewer hours a week chasing missing test results": "Staff are people whose behaviour can change "
    "too: an outcome, though it still needs numbers.",
    "Patients who check in at a kiosk instead of queueing at reception rise from 10% to 60% by June 2026": "Patients "
    "doing something differently, counted: an outcome.",
}
# "A number and a date make a key result an outcome."
KR_KIND_SLIP = {kr: ("outcome" if any(ch.isdigit() for ch in kr) else "output") for kr in KR_KIND_KEY}

# --- Question 6: which experiments to ship -----------------------------------------------------
SHIP_VERDICT = checks.conclusions([
    checks.Conclusion(
        text="Ship X1 (reminder 3 days before): it has the largest estimated gain of the four.",
        fits=False,
        why="X1's interval runs from below 0 to above it: inconclusive. A large point estimate with an interval "
            "that crosses 0 is not a win; run it longer or on more patients.",
    ),
    checks.Conclusion(
        text="Ship X2 (appointment booked automatically): attendance rises and the whole interval is above 0.",
        fits=False,
        why="X2 wins on its primary measure but breaks its guardrail: complaints rise beyond chance (the whole "
            "guardrail interval is below 0). Do not ship a win that breaches a guardrail.",
    ),
    checks.Conclusion(
        text="Ship X3 (one-tap 'I still need this appointment' reply): a small but clear win, and its guardrail "
             "holds.",
        fits=True,
        why="X3's whole interval is above 0 and its guardrail's interval includes 0: a win with no breach. Small "
            "and sure beats large and uncertain.",
    ),
    checks.Conclusion(
        text="Do not ship X4 (the posted letter): attendance fell, beyond chance.",
        fits=True,
        why="X4's whole interval is below 0: a loss. Its saving on the guardrail does not rescue it.",
    ),
    checks.Conclusion(
        text="Run X1 again, longer or with more patients, before deciding on it.",
        fits=True,
        why="An inconclusive result is not a loss either: a bigger sample narrows the interval, and X1 may yet win.",
    ),
])

# --- Question 8: the Goodhart case (hand-graded) ------------------------------------------------
GOODHART_CASE = (
    "Northvale's booking office was given the key result 'Calls answered within 60 seconds rise from 70% to 95% by "
    "June 2026', and a bonus for reaching it. By June it reached 97%. Over the same months, patients' complaints "
    "about 'being cut off' doubled, calls per booking rose from 1.4 to 2.3, and missed appointments did not fall.")


# --- Practice (lesson, 0 points) ----------------------------------------------------------------
PRACTICE_KIND_KEY = {
    "Library members who borrow an e-book for the first time rise from 8% to 20% by December": "outcome",
    "Digitise 5,000 old maps, from 1,200 to 6,200 in the archive, by June": "output",
    "Launch the new catalogue search by April": "output",
    "Parents read with their children at home more often": "outcome",
    "Library staff answer every email within 24 hours": "output",
    "Visits to the library website grow from 40,000 to 60,000 a month": "output",
}
PRACTICE_KIND_EXPLAIN = {
    "Digitise 5,000 old maps, from 1,200 to 6,200 in the archive, by June": "The number moves, but it counts what "
    "the library makes: an output.",
    "Parents read with their children at home more often": "No number, yet a change in what people do: an outcome "
    "(it needs a baseline, target and date to become a key result).",
    "Library staff answer every email within 24 hours": "The team's own work, dressed as behaviour: an output.",
    "Visits to the library website grow from 40,000 to 60,000 a month": "Visits count the use of the website "
    "(traction), not a change in what members do with the library: treat it as an output.",
}
PRACTICE_KIND_SLIP = {k: ("outcome" if any(ch.isdigit() for ch in k) else "output") for k in PRACTICE_KIND_KEY}

# The swap on the map: D07 is stopped (section 2); its impact stays, another option takes its place.
SWAP_IMPACT = "Store staff answer stock questions on the shop floor without calling head office"
SWAP_LABELS = ("under this impact", "not under it")
SWAP_STOPPED = "D07 Stock look-up app on store tablets in all 40 stores (stopped: its outcome stayed flat)"
SWAP_IN = "Live stock levels on the till screens store staff already use"
SWAP_KEY = {
    SWAP_STOPPED: "not under it",
    SWAP_IN: "under this impact",
    "A stock hotline at head office, open longer hours": "not under it",
    "A 'find it in another store' page for online customers": "not under it",
}
SWAP_EXPLAIN = {
    SWAP_STOPPED: "D07 is the option you stopped: left under the impact, it keeps its budget for a bet the data "
                  "has already answered. A swap takes it off the line and puts another option in its place.",
    SWAP_IN: "Live stock on the till screens lets store staff answer a stock question where they stand, without "
             "calling head office: that is the very behaviour of this impact, so it can take D07's place.",
    "A stock hotline at head office, open longer hours": "A hotline makes store staff call head office more, not "
                                                         "less: it works against the behaviour this impact names.",
    "A 'find it in another store' page for online customers": "That page changes what online customers do, not "
                                                              "store staff: it belongs under a different impact. A "
                                                              "swap stays under the same impact.",
}
SWAP_DROPS_IMPACT = ("With no option under it, the impact itself is dropped. But store staff answering stock "
                     "questions on the floor is still the behaviour Fernhill needs, with the same measure and "
                     "target: only the option failed. Put under it the option that serves the same behaviour.")
# A typical slip: the stopped deliverable kept beside a new option from another impact.
SWAP_SLIP = {**SWAP_KEY, SWAP_STOPPED: "under this impact", SWAP_IN: "not under it",
             "A 'find it in another store' page for online customers": "under this impact"}


def _check_swap():
    """The swap: every option sorted; then the stopped one off the line, an option left under the impact, and
    only options of the same behaviour under it. The pass says what the edit changed (one line, not the plan)."""
    sort = checks.classification(SWAP_KEY, explain=SWAP_EXPLAIN)

    def run(answer, full: bool) -> checks.Feedback:
        feedback = sort(answer, full)
        if feedback.passed:
            return checks.Feedback(True, "The map edit is right: D07 leaves the line, live stock on the till screens "
                                         "takes its place, and the impact keeps its measure and target. One line "
                                         "changed; no change board, no new baseline plan.")
        if any(answer.get(item) is None for item in SWAP_KEY):
            return feedback
        if answer[SWAP_STOPPED] != SWAP_KEY[SWAP_STOPPED]:
            return checks.Feedback(False, "D07 is still under the impact.", hint=SWAP_EXPLAIN[SWAP_STOPPED])
        if not any(v == SWAP_LABELS[0] for v in answer.values()):
            return checks.Feedback(False, "Nothing is left under the impact.", hint=SWAP_DROPS_IMPACT)
        stray = next((item for item, label in answer.items() if label == SWAP_LABELS[0] != SWAP_KEY[item]), None)
        if stray:  # an option of another behaviour under it, before the right one left out
            return checks.Feedback(False, f"{feedback.message} One option under the impact does not serve it.",
                                   hint=SWAP_EXPLAIN[stray])
        return feedback

    run.traps = dict(SWAP_EXPLAIN)
    run.key = dict(SWAP_KEY)
    return run


PRACTICE_SHIP = checks.conclusions([
    checks.Conclusion(text="Ship E1 (printable label first): a win, and refunds within 5 days hold.", fits=True,
                      why="E1's interval is all above 0 and its guardrail's interval includes 0: ship."),
    checks.Conclusion(text="Ship E2 (click & collect by default): it moves its primary measure most surely.",
                      fits=False,
                      why="E2 wins on collections but checkout conversion falls beyond chance (its interval is all "
                          "below 0): a breached guardrail. Don't ship."),
    checks.Conclusion(text="Ship E3 (welcome reward): it has the largest estimated gain.", fits=False,
                      why="E3's interval runs from -2.4 to 25.4: it crosses 0, so the test is inconclusive."),
])

QUESTIONS = [
    checks.Question(
        qid="m03.practice_recalibrate", title="Practice: the recalibration loop", kind="classify", points=0,
        prompt="Reveal 2026 one quarter at a time. After each quarter, decide for each deliverable: continue, pivot "
               "or stop, from its outcome's trend against its target.",
        check=_LazyCheck(_check_recalibrate), options=tuple(TRACKED), labels=DECISIONS,
        hints=("The outcome decides, not delivery or usage: compare how far each outcome has come with how far the "
               "straight line from baseline to target asks for by that quarter (section 2's table).",
               "Say a measure should rise from 20 to 60 by the end of Q4: by Q2 the line asks for half the change, "
               "20 points. At 32 it has come 12 of those 20, 0.6 of the way: between 1/4 and 3/4, so pivot. "
               "metrics.quarterly_status(year) works this out for every deliverable and quarter; read its decision "
               "column for the quarter you revealed."),
        why="Each decision compares the outcome's progress with what the straight line asks for by that quarter: "
            "at least 3/4 of it is continue, between 1/4 and 3/4 pivot, under 1/4 or the wrong way stop. Being on "
            "time or much used does not change it, which is why D01 and D09 stop although they were delivered and "
            "used.",
    ),
    checks.Question(
        qid="m03.practice_swap", title="Practice: swap D07 on the map", kind="classify", points=0,
        prompt=f"You stopped D07. Its impact on Fernhill's 2026 map stays: “{SWAP_IMPACT}” (goal: cost to serve). "
               "Swap D07 for another option: sort each option under this impact, or not.",
        check=_check_swap(), options=tuple(SWAP_KEY), labels=SWAP_LABELS,
        solution=dict(SWAP_KEY), misconception=SWAP_SLIP,
        hints=("The impact and its measure stay: an option belongs under it only if it helps the same people "
               "(store staff) do the same thing (answer stock questions on the shop floor, without calling head "
               "office).",
               "A different map: the impact 'tenants report repairs without phoning the council'. A repair form in "
               "the app tenants already use fits; a phone line open longer makes the old behaviour easier; a page "
               "for landlords serves other people. Ask the same two questions of each option here: who acts, and "
               "does it move them the right way?"),
        why="Only an option that helps store staff answer stock questions on the floor, in a tool they already "
            "use, serves the impact; the stopped app stays off the map, a longer-open hotline makes calling head "
            "office easier, and a page for online customers serves a different impact.",
    ),
    checks.Question(
        qid="m03.practice_lead", title="Practice: how many weeks ahead?", kind="value", points=0,
        prompt="By how many weeks do repairs booked online lead repair revenue? (a whole number of weeks)",
        check=_LazyCheck(lambda keys: checks.number(
            keys["practice_lead"], tolerance=1e-9, low=0, high=8, what="the lead in weeks",
            whole_hint="A lead is a whole number of weeks: the lag_weeks of the highest correlation.",
            range_hint="A lag from 0 to 8 weeks.",
            near_misses={0: "Lag 0 is the same week: that is going together, not leading. Take the lag where the "
                            "correlation peaks."})),
        hints=("A lead measure moves before the outcome: you want the lag, in weeks, at which repairs booked "
               "online correlate most with repair revenue, not the same week (section 3).",
               "Make the table with metrics.lagged_correlation(weekly, 'repairs_booked_online', "
               "'repair_revenue_k', 8): one row per lag from 0 to 8 weeks. metrics.best_lead(table) returns its "
               "peak as (lag, correlation): your answer is the first of the two."),
        why="Bookings correlate most with revenue when shifted by this many weeks: what is booked this week shows "
            "in revenue that many weeks later, so bookings warn while there is still time to act.",
    ),
    checks.Question(
        qid="m03.practice_okr", title="Practice: score a key result that goes down", kind="value", points=0,
        prompt="Score K3 (contacts about returns fall from 40 to 22 per 1,000 online orders) at the end of Q2: 0 to 1.",
        check=_LazyCheck(lambda keys: checks.number(
            keys["okr_practice"], tolerance=1e-3, low=0, high=1, what="K3's score",
            range_hint="A score is clipped to 0..1.",
            near_misses={round(keys["okr_practice_slip"], 4): "That is actual / target. A score is the share of the "
                         "way from baseline to target: (actual - baseline) / (target - baseline)."})),
        hints=("A score is the share of the way from baseline to target, (actual - baseline) / (target - "
               "baseline), clipped to 0..1. For a target that goes down both differences are negative, so the "
               "share still comes out positive.",
               "Another key result: complaints fall from 50 to 30 a month, and stand at 45 in June. (45 - 50) / "
               "(30 - 50) = -5 / -20 = 0.25. Do the same with K3's baseline, target and actual from the "
               "key_results table, or call metrics.okr_score(40, 22, actual)."),
        why="K3's contacts have come half of the way from 40 down towards 22: the change and the gap are both "
            "negative, so their ratio is the share of the planned fall achieved.",
    ),
    checks.Question(
        qid="m03.practice_kinds", title="Practice: output or outcome key result?", kind="classify", points=0,
        prompt="A city library wrote these key results. Is each an output or an outcome?",
        check=checks.classification(PRACTICE_KIND_KEY, explain=PRACTICE_KIND_EXPLAIN),
        options=tuple(PRACTICE_KIND_KEY), labels=KR_KINDS,
        solution=dict(PRACTICE_KIND_KEY), misconception=PRACTICE_KIND_SLIP,
        hints=("Numbers and dates do not decide it: ask who acts. The library making, launching, digitising or "
               "answering something is an output; members or families doing something differently is an outcome.",
               "Two key results from a bakery: 'Bake 200 loaves a day, up from 120, by May' has a number that "
               "moves, but the bakery acts: an output. 'Regulars order their bread online instead of queueing' has "
               "no number, but customers act differently: an outcome. Visits to a page count traffic to the team's "
               "work, not a change in what people achieve."),
        why="An outcome key result counts people outside the team (members, parents) doing something differently; "
            "digitising, launching, answering emails and website visits count the library's own work or traffic to "
            "it, however much their numbers move.",
    ),
    checks.Question(
        qid="m03.practice_ship", title="Practice: which of Fernhill's tests ship?", kind="select", points=0,
        prompt="Tick every conclusion the three results support.",
        check=checks.selection(PRACTICE_SHIP), options=PRACTICE_SHIP.options,
        hints=("Ship only when the primary measure wins (its whole interval above 0) and no guardrail is breached "
               "(no guardrail interval wholly below 0). A large point estimate does not count if its interval "
               "crosses 0 (section 5).",
               "Take a test whose primary interval runs from 1.0 to 4.0 and whose guardrail's runs from -3.0 to "
               "-0.5: the primary wins, but the guardrail is breached, so it does not ship. "
               "metrics.experiment_decision((low, high), {'guardrail': (low, high)}) applies the rule: try it on "
               "each row of experiments."),
        why="E1's primary interval is all above 0 and its guardrail's includes 0: a win with no breach. E2 wins "
            "but breaks checkout conversion, and E3's interval crosses 0, so neither ships.",
    ),
    checks.Question(
        qid="m03.reflect", title="Your own recalibration", kind="text", points=0,
        prompt="Think of a deliverable you are working on. What outcome would tell you, after one quarter, to "
               "continue, pivot or stop it? And what would changing it cost in your organisation's process today?",
        check=None,
        hints=("Start from one deliverable and the behaviour it is for: which number would show that behaviour "
               "changing, and what would it need to read after one quarter for you to carry on?",
               "For example: 'a self-service returns page'. Its outcome is customers returning without calling; if "
               "calls about returns have not fallen a quarter of the way to the target by the end of Q1, pivot. "
               "Then say who would have to sign off changing it today, and how long that would take."),
    ),
    checks.Question(
        qid="m03.draft_goodhart", title="Draft: a key result that is harder to game", kind="text", points=0,
        prompt="Draft your rewritten key result here; the checklist updates as you type. Copy your final version "
               "into the answer cell below.",
        check=None,
        hints=("Ask how the office hit the number without helping patients, then aim the key result at what "
               "patients achieve instead, with a guardrail that the gaming would have to move.",
               "The lesson's K5 is the pattern: 'conversations started' was gamed by opening the chat window on "
               "every page. A harder-to-game rewrite counts what customers achieve, 'questions resolved without an "
               "agent rise from X to Y by December', with a guardrail beside it, 'while contacts per 1,000 orders "
               "do not rise'."),
    ),
    # --- The graded set (solutions/03-measuring-recalibrating) ---------------------------------
    checks.Question(
        qid="m03.decisions", title="Continue, pivot or stop?", kind="classify", points=3,
        prompt="It is the end of June 2026. For each of Northvale Hospital's deliverables, decide from its outcome's "
               "trend against its target: continue, pivot or stop.",
        check=_LazyCheck(_decisions), options=tuple(f"{d} {name}" for d, name in HOSPITAL_TRACKED.items()),
        labels=DECISIONS, unseen="hospital_quarterly_2026",
        hints=("Decide from each outcome's trend, not from delivery or usage: how far has the outcome come against "
               "the straight line from baseline to target, which by the end of June asks for half of the change "
               "(section 2's table)?",
               "Load the hospital's table, data.load('hospital_quarterly_2026'), and run metrics.quarterly_status "
               "on it; keep the Q2 rows. For one deliverable by hand: a measure that should fall from 30 to 10 by "
               "December asks for a fall of 10 by June; at 26 it has come 4 of the 10 the line asks for, 0.4 of "
               "it: pivot."),
        why="Each decision is the outcome's progress at the end of June against the straight line: at least 3/4 of "
            "what the line asks for is continue, 1/4 to 3/4 pivot, under 1/4 or the wrong way stop. Being "
            "delivered on time or much used does not change it.",
    ),
    checks.Question(
        qid="m03.lead", title="How many weeks ahead?", kind="value", points=3,
        prompt="Of Northvale's three weekly inputs, take the one whose correlation with slots_used_pct peaks highest "
               "at any lag from 0 to 8 weeks. By how many weeks does it lead slots used? (a whole number)",
        check=_LazyCheck(_lead), unseen="hospital_weekly",
        hints=("The lead is the input whose correlation with slots_used_pct peaks highest; your answer is the lag "
               "of that peak, in weeks. A peak at lag 0 goes with the outcome in the same week, which warns too "
               "late (section 3).",
               "As in the lesson, with weekly = data.load('hospital_weekly'): for each of the three inputs, table "
               "= metrics.lagged_correlation(weekly, name, 'slots_used_pct', 8) and metrics.best_lead(table) gives "
               "(lag, correlation). Compare the three correlations and take the lag of the highest."),
        why="The input with the highest peak moves that many weeks before slots used: its lag is how far ahead it "
            "warns. best_lead picks the lag where the correlation peaks, and comparing the peaks picks the input.",
    ),
    checks.Question(
        qid="m03.okr_score", title="Score the key results", kind="value", points=3,
        prompt="The average score (0 to 1) of Northvale's five key results at the end of Q2, each scored from "
               "baseline to target and clipped to 0..1.",
        check=_LazyCheck(_okr), unseen="hospital_key_results",
        hints=("Score each key result as the share of the way from baseline to target, clipped to 0..1, whichever "
               "way its target goes; then average the five scores (section 4).",
               "kr = data.load('hospital_key_results'), then metrics.okr_score(kr['baseline'], kr['target'], "
               "kr['actual']) scores every row, clipped. For example a key result from 50 down to 30 that stands "
               "at 45 scores 0.25, and one that overshoots scores 1, not more. Take the mean of the five scores."),
        why="Each key result scores (actual - baseline) / (target - baseline), clipped so that an overshoot counts "
            "1 and a step backwards 0; the mean over the five is how much of the planned change Northvale made by "
            "June.",
    ),
    checks.Question(
        qid="m03.lead_verdict", title="What do the two numbers say?", kind="select", points=3,
        prompt="Tick every conclusion that follows from your lead and your average score.",
        check=checks.selection(LEAD_VERDICT), options=LEAD_VERDICT.options,
        follows_from=("m03.lead", "m03.okr_score"),
        hints=("Test each conclusion against what your two numbers can say: a lead warns weeks ahead, a same-week "
               "correlate does not, a correlation is not a cause, and a clipped score cannot go above 1 or below 0.",
               "A different case: a shop's website visits correlate with sales most at lag 0, and catalogue "
               "requests most at lag 4, so catalogue requests are the lead: they move four weeks before sales. For "
               "each conclusion here, name the number it rests on (your lead or your average score) and check it "
               "claims no more than a correlation or a clipped average can show."),
        why="A lead moves weeks before the outcome, so it warns while there is time to act, and an average under "
            "one half means most of the planned change has not come yet. A same-week correlate warns too late, a "
            "correlation proves no cause, and clipping stops one overshoot from making up for another key result's "
            "fall.",
    ),
    checks.Question(
        qid="m03.kr_kinds", title="Output or outcome key result?", kind="classify", points=3,
        prompt="Northvale's clinics drafted these key results. Is each an output (what the hospital makes or does) "
               "or an outcome (a change in what patients or staff do)?",
        check=checks.classification(KR_KIND_KEY, visible=list(KR_KIND_KEY)[:2], explain=KR_KIND_EXPLAIN),
        options=tuple(KR_KIND_KEY), labels=KR_KINDS, solution=dict(KR_KIND_KEY), misconception=KR_KIND_SLIP,
        unseen="statements",
        hints=("Ask who acts in each key result. The hospital rolling out, publishing, sending or answering "
               "something is an output, however its number moves; patients or staff doing something differently is "
               "an outcome, with or without a number.",
               "Two key results from a school: 'Install 30 interactive whiteboards, from 10 to 40, by March' has a "
               "from-to number, but the school installs: an output. 'Pupils hand in homework online instead of on "
               "paper' has no number, but pupils act differently: an outcome. Watch for a team's own service "
               "getting faster: it is still the team's work."),
        why="Each outcome names patients or staff doing something differently (checking in, arriving prepared, "
            "booking, chasing less); each output is something the hospital rolls out, publishes, sends or answers, "
            "whatever from-to number it carries.",
    ),
    checks.Question(
        qid="m03.ship", title="Which experiments ship?", kind="select", points=3,
        prompt="Tick every conclusion the four A/B results support (primary measure and guardrail, with 95% "
               "confidence intervals; positive is better).",
        check=checks.selection(SHIP_VERDICT), options=SHIP_VERDICT.options, unseen="hospital_experiments",
        hints=("For each experiment decide two things: is the primary result a win (whole interval above 0), a "
               "loss (all below) or inconclusive (crossing 0), and is its guardrail breached (interval wholly "
               "below 0)? Ship only a win with no breach.",
               "Load data.load('hospital_experiments') and, for each row, call metrics.experiment_result((low, "
               "high)) on the primary interval and metrics.experiment_decision on the primary and its guardrail. "
               "An interval from -1 to 9 is inconclusive however big its middle: neither ship it nor call it a "
               "loss."),
        why="Ship only when the primary interval is wholly above 0 and no guardrail interval is wholly below 0; a "
            "loss is dropped, and an inconclusive result asks for a bigger test, not a verdict. A large point "
            "estimate or a sure win that breaks a guardrail does not ship.",
    ),
    checks.Question(
        qid="m03.chart", title="Each deliverable's progress, quarter by quarter", kind="chart", points=3,
        prompt="A line chart of Northvale's deliverables: quarter (x, ordinal) against progress towards the target "
               "(y, quantitative, from metrics.quarterly_status), one line per deliverable_id (color, nominal), with "
               "a title and a description.",
        check=_LazyCheck(lambda keys: checks.chart_spec(
            "line", {"x": ("quarter", "ordinal"), "y": ("progress", "quantitative"),
                     "color": ("deliverable_id", "nominal")},
            visible=["x", "color"], every=("deliverable_id", list(HOSPITAL_TRACKED)), what="deliverables")),
        hints=("Read the prompt channel by channel: quarter on x (ordinal), progress on y (quantitative), "
               "deliverable_id as the colour (nominal), a line mark, and a title and a description.",
               "First build the table: status = metrics.quarterly_status(data.load('hospital_quarterly_2026')). "
               "The pattern, with other names: alt.Chart(table).mark_line(point=True).encode(x='month:O', "
               "y='share:Q', color='team:N'), then charts.finish(chart, title, description) as in section 2."),
        why="One line per deliverable, with quarter on an ordinal x and progress on a quantitative y, shows each "
            "outcome's trend against the straight line at a glance; the title and description make it readable "
            "without the code.",
    ),
    checks.Question(
        qid="m03.goodhart", title="A measure that became a target", kind="text", points=3,
        prompt=GOODHART_CASE + " Name the gaming, name a guardrail that would have caught it (and how), and rewrite "
               "the key result so that it is harder to game.",
        check=None,
        solution="The office hit the measure without the behaviour it stood for: calls were answered fast and then "
                 "cut off or passed on, so callers rang again (calls per booking rose) and complained. That is "
                 "Goodhart's law: once 'answered within 60 seconds' became the target with a bonus, it stopped "
                 "measuring good service. A guardrail of calls per booking (it must not rise above 1.4), or of "
                 "complaints about being cut off, checked every month beside the key result, would have shown the "
                 "gaming by March. Rewrite: Patients who book or change an appointment in one call rise from 60% to "
                 "85% by December 2026, while complaints about the booking office do not rise.",
        why=("It names the mechanism (answer fast, then cut off), picks a guardrail the gaming must move (repeat "
             "calls, complaints) and says when it would have shown, and rewrites the key result around what "
             "patients achieve, with its own guardrail."),
        rubric={
            "the gaming (1)": "Names how the measure was hit without the behaviour it stood for: calls answered "
                              "quickly then cut off, transferred or called back, so callers ring again. Names it as "
                              "a measure that became a target (Goodhart, Strathern).",
            "the guardrail (1)": "Names a guardrail the gaming would have moved (calls per booking or repeat calls, "
                                 "complaints, missed appointments) and says it would be watched beside the key "
                                 "result, with a limit, so the breach shows within a quarter.",
            "the rewrite (1)": "Rewrites the key result as an outcome of patients (booking or changing an "
                               "appointment in one call, missed appointments falling), from a baseline to a target "
                               "by a date, with a guardrail; not another speed target for the team.",
        },
        hints=("Goodhart's law: the number was hit without the behaviour it stood for. Ask how the office could "
               "answer fast without helping patients, which other number that would move, and what patients "
               "actually need to achieve.",
               "Work the lesson's K5 in three steps: the gaming (the chat window opened itself on every page, so "
               "conversations rose), a guardrail that would have caught it in the first quarter ('questions "
               "resolved without an agent must not fall'), and a rewrite aimed at the outcome with its own "
               "guardrail. Do the same three steps for the booking office."),
    ),
]


def examples() -> dict:
    """For tests: per autograded question, (an answer that scores full marks, a typical wrong answer)."""
    import altair as alt

    from workshop_utils import data, metrics

    keys = _keys()
    status = metrics.quarterly_status(data.load("hospital_quarterly_2026"))

    def lines(y_field):
        return alt.Chart(status).mark_line(point=True).encode(
            x="quarter:O", y=f"{y_field}:Q", color="deliverable_id:N"
        ).properties(title="Progress towards target by quarter",
                     description="One line per deliverable: how far its outcome has come towards its target.")

    fernhill = keys["fernhill_decisions"]
    return {
        "m03.practice_recalibrate": ({q: dict(fernhill[q]) for q in QUARTERS[:2]},
                                     # "Delivered on time: continue."
                                     {"Q1": {did: "continue" for did in TRACKED}}),
        # Keep D07 beside an option from another impact.
        "m03.practice_swap": (dict(SWAP_KEY), SWAP_SLIP),
        "m03.practice_lead": (keys["practice_lead"], 0),
        "m03.practice_okr": (keys["okr_practice"], round(keys["okr_practice_slip"], 4)),
        "m03.practice_kinds": (dict(PRACTICE_KIND_KEY), PRACTICE_KIND_SLIP),
        "m03.practice_ship": (PRACTICE_SHIP.key, [PRACTICE_SHIP[2].text]),
        # "On time means continue, late means stop."
        "m03.decisions": (dict(keys["decisions"]),
                          {o: ("continue" if d == "on time" else "stop") for o, d in keys["delivery"].items()}),
        # The same-week correlate: lag 0.
        "m03.lead": (keys["lead"], 0),
        # Unclipped: one key result's overshoot makes up for another's slide.
        "m03.okr_score": (keys["okr"], keys["okr_unclipped"]),
        # "The input that goes with the outcome in the same week leads it."
        "m03.lead_verdict": (LEAD_VERDICT.key, [LEAD_VERDICT[0].text, LEAD_VERDICT[1].text]),
        # "A number and a date make a key result an outcome."
        "m03.kr_kinds": (dict(KR_KIND_KEY), KR_KIND_SLIP),
        # Ship the biggest point estimate.
        "m03.ship": (SHIP_VERDICT.key, [SHIP_VERDICT[0].text, SHIP_VERDICT[3].text]),
        # Charting usage (traction) instead of progress towards the target.
        "m03.chart": (lines("progress"), lines("usage")),
    }
