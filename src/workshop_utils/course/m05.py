"""Module 05, Ownership vs influence: its case data and its graded questions.

The lesson follows the team that owns Fernhill Outdoor's "cost to serve" goal (the cost of serving one online
order), which controls less than a fifth of that cost: customer service, stores, the warehouse and the parcel
carrier hold the rest. The graded set asks the same questions of Northvale Hospital's outpatients team (modules
02 and 03's graded case), which the lesson never shows. Stakeholders, decision roles, requests and bets are
hand-written (nothing drawn); the track-record ledgers' forecasts are about module 03's quarterly data, and
whether each one came true is computed from those rows, so a participant meets forecasts they have seen decided.
tests/test_story_m05.py asserts every pattern a lesson sentence or a key relies on.
"""

from __future__ import annotations

import functools
import re

from workshop_utils import checks
from workshop_utils.casestudy import Dataset
from workshop_utils.errors import WorkshopError

MODULE = "05"
NOTEBOOK = "05-ownership-vs-influence"
_LABEL = "05 Ownership vs influence"
QUADRANTS = ("manage closely", "keep satisfied", "keep informed", "monitor")

_MENDELOW = {"title": "Aubrey L. Mendelow, Stakeholder mapping: the power/interest grid (Proceedings of the 2nd "
                      "International Conference on Information Systems, 1991)"}
_DACI = {"title": "DACI decision-making framework (Driver, Approver, Contributors, Informed), devised at Intuit, "
                  "as documented in Atlassian's Team Playbook"}
_REINERTSEN = {"title": "Donald G. Reinertsen, The Principles of Product Development Flow (2009): cost of delay; "
                        "Joshua Arnold, Black Swan Farming: CD3, cost of delay divided by duration"}
_BRIER = {"title": "Glenn W. Brier, Verification of forecasts expressed in terms of probability, Monthly Weather "
                   "Review 78(1), 1950"}
_TETLOCK = {"title": "Philip E. Tetlock and Dan Gardner, Superforecasting (2015): calibration, keeping score"}
_COHEN = {"title": "Allan R. Cohen and David L. Bradford, Influence Without Authority (1990; 3rd ed. 2017): "
                   "currencies of exchange"}
_HAND_WRITTEN = ("Synthetic and hand-written: nothing is drawn at random. Each row is designed to teach one "
                 "pattern (tests/test_story_m05.py asserts them); no real organisation is described.")


def _field(name: str, kind: str, description: str, required: bool = True, **constraints) -> dict:
    return {"name": name, "type": kind, "description": description,
            "constraints": {"required": required, **constraints}}


# ---------------------------------------------------------------------------------------------
# Who owns the outcome? Fernhill's cost to serve one online order, part by part
# ---------------------------------------------------------------------------------------------
COST_TO_SERVE = [
    {"part": "self-service pages and order tracking in the app", "owner": "the cost-to-serve team", "owned": True,
     "cost_share": 0.10},
    {"part": "payment and fraud checks", "owner": "the cost-to-serve team", "owned": True, "cost_share": 0.08},
    {"part": "contacts to customer service", "owner": "customer service", "owned": False, "cost_share": 0.22},
    {"part": "returns taken back in stores", "owner": "stores", "owned": False, "cost_share": 0.18},
    {"part": "picking and packing", "owner": "the warehouse", "owned": False, "cost_share": 0.15},
    {"part": "parcel delivery", "owner": "the parcel carrier (a supplier)", "owned": False, "cost_share": 0.27},
]

# The lesson's grid: power and interest scored 1 to 5; how loud someone is ('voice') is a surface cue, not a score.
FERNHILL_STAKEHOLDERS = [
    {"stakeholder": "Head of customer service", "controls": "agent scripts and how contacts are routed",
     "voice": "loud", "power": 4, "interest": 5},
    {"stakeholder": "Finance director", "controls": "the cost-to-serve budget", "voice": "quiet", "power": 5,
     "interest": 2},
    {"stakeholder": "Store managers' forum", "controls": "nothing beyond their own store's rota", "voice": "loud",
     "power": 2, "interest": 5},
    {"stakeholder": "Parcel carrier's account manager", "controls": "delivery prices and delivery-failure data",
     "voice": "quiet", "power": 4, "interest": 4},
    {"stakeholder": "Warehouse shift leads", "controls": "packing stations on their shift", "voice": "quiet",
     "power": 2, "interest": 3},
    {"stakeholder": "Legal counsel", "controls": "a veto on changes to the returns policy", "voice": "quiet",
     "power": 4, "interest": 1},
    {"stakeholder": "Brand marketing", "controls": "campaign calendars", "voice": "loud", "power": 2, "interest": 1},
    {"stakeholder": "Packaging supplier", "controls": "box sizes on offer", "voice": "quiet", "power": 1,
     "interest": 2},
]

# ---------------------------------------------------------------------------------------------
# Drive, don't collect, consensus: decision roles (DACI), one row per decision, person and role
# ---------------------------------------------------------------------------------------------
def _daci(rows: list[tuple[str, list[tuple[str, str]]]]) -> list[dict]:
    return [{"decision": decision, "person": person, "role": role} for decision, people in rows
            for person, role in people]


FERNHILL_DACI = _daci([
    ("Charge for returns sent by post", [
        ("cost-to-serve product manager", "Driver"), ("commercial director", "Approver"),
        ("head of customer service", "Contributor"), ("legal counsel", "Contributor"),
        ("store operations lead", "Contributor"), ("store managers' forum", "Informed")]),
    ("Move order-status questions from phone to the app", [
        ("cost-to-serve product manager", "Driver"), ("head of customer service", "Approver"),
        ("head of digital", "Approver"), ("app team lead", "Contributor"), ("contact-centre team leads", "Informed")]),
    ("Renegotiate the carrier's price per parcel", [
        ("procurement lead", "Contributor"), ("finance director", "Approver"), ("warehouse manager", "Contributor"),
        ("cost-to-serve product manager", "Contributor"), ("carrier's account manager", "Contributor")]),
    ("Open returns lockers in ten stores", [
        ("store operations lead", "Driver"), ("retail director", "Approver"),
        ("cost-to-serve product manager", "Contributor"), ("store managers' forum", "Informed")]),
])

# Northvale Hospital's outpatients team (the graded set; the lesson never loads it). Decoys: a decision with many
# contributors and informed people that is sound; one whose Approver is not the most senior person, also sound.
OUTPATIENT_DACI = _daci([
    ("Send reminder texts three days ahead instead of one", [
        ("outpatients product lead", "Driver"), ("head of outpatients", "Approver"),
        ("clinic nurse managers", "Contributor"), ("patients' forum", "Contributor"),
        ("information governance officer", "Contributor"), ("switchboard supervisor", "Informed"),
        ("GP practice managers", "Informed"), ("communications team", "Informed"), ("IT service desk", "Informed")]),
    ("Which clinics get online rebooking first", [
        ("outpatients product lead", "Driver"), ("clinical director", "Approver"),
        ("operations director", "Approver"), ("clinic nurse managers", "Contributor"),
        ("IT service desk", "Informed")]),
    ("Replace the patient transport booking system", [
        ("transport manager", "Contributor"), ("transport contractor", "Contributor"),
        ("outpatients product lead", "Contributor"), ("finance business partner", "Approver"),
        ("patients' forum", "Informed")]),
    ("Rules for offering cancelled slots to the waiting list", [
        ("waiting-list manager", "Driver"), ("outpatients product lead", "Driver"),
        ("head of outpatients", "Approver"), ("clinic nurse managers", "Contributor")]),
    ("Add a cancel button to the patient app", [
        ("outpatients product lead", "Driver"), ("app developer", "Contributor"),
        ("information governance officer", "Contributor"), ("patients' forum", "Informed")]),
    ("Languages for the next appointment letters", [
        ("patient experience officer", "Driver"), ("interpreting services coordinator", "Approver"),
        ("chief nurse", "Informed"), ("outpatients product lead", "Contributor")]),
])

# ---------------------------------------------------------------------------------------------
# The business case for a request: cost of delay (thousands of euros a week) and duration (weeks)
# ---------------------------------------------------------------------------------------------
FERNHILL_REQUESTS = [
    {"request": "Carrier sends delivery-failure events to the app", "to_team": "the parcel carrier",
     "cost_of_delay_k": 12, "duration_weeks": 10},
    {"request": "Stores scan returns into online stock the same day", "to_team": "stores",
     "cost_of_delay_k": 9, "duration_weeks": 6},
    {"request": "Customer service tags each contact with its reason", "to_team": "customer service",
     "cost_of_delay_k": 6, "duration_weeks": 2},
    {"request": "Warehouse puts a return label in every parcel", "to_team": "the warehouse",
     "cost_of_delay_k": 4, "duration_weeks": 1},
    {"request": "Finance splits the cost per order by channel", "to_team": "finance",
     "cost_of_delay_k": 2, "duration_weeks": 2},
]
OUTPATIENT_REQUESTS = [
    {"request": "IT adds a cancel link to the booking system", "to_team": "IT", "cost_of_delay_k": 8,
     "duration_weeks": 4},
    {"request": "The transport contractor texts patients their pick-up time the day before",
     "to_team": "the transport contractor",
     "cost_of_delay_k": 14, "duration_weeks": 10},
    {"request": "Switchboard offers rebooking in its hold message", "to_team": "the switchboard",
     "cost_of_delay_k": 3, "duration_weeks": 1},
    {"request": "Clinics release unused slots to the waiting list every day", "to_team": "clinics",
     "cost_of_delay_k": 10, "duration_weeks": 3},
    {"request": "Records translate letters into two more languages", "to_team": "medical records",
     "cost_of_delay_k": 5, "duration_weeks": 5},
]

# ---------------------------------------------------------------------------------------------
# Track record: a ledger of commitments (kept or not) and forecasts (a probability; did it happen?)
# Forecasts are module 03's quarterly calls: "D08 is on track at the end of Q2", decided by module 03's data.
# ---------------------------------------------------------------------------------------------
# Fernhill: Digital keeps its delivery dates but says 80-90% to every outcome; Stores and service misses dates
# and forecasts well.
FERNHILL_FORECASTS = {
    "Digital": {"D01": (0.9, 0.9, 0.9, 0.9), "D03": (0.9, 0.9, 0.9, 0.9), "D09": (0.8, 0.8, 0.9, 0.9)},
    "Stores and service": {"D07": (0.3, 0.2, 0.2, 0.1), "D08": (0.4, 0.6, 0.7, 0.8), "D15": (0.7, 0.8, 0.8, 0.9)},
}
FERNHILL_COMMITMENTS = [
    ("Digital", "Q1", "App 2.0 release 1 in stores' app stores by 31 March", True),
    ("Digital", "Q1", "Rental booking pages live by 15 March", True),
    ("Digital", "Q2", "Chatbot 2.0 on the new language model by 30 June", True),
    ("Digital", "Q2", "App 2.0 release 2 by 30 June", True),
    ("Digital", "Q3", "Deposit-free rental checkout by 30 September", False),
    ("Digital", "Q4", "App 2.0 release 3 by 15 December", True),
    ("Stores and service", "Q1", "Self-service returns live in the app by 31 March", False),
    ("Stores and service", "Q2", "Self-service returns live in the app by 31 May", True),
    ("Stores and service", "Q2", "Stock look-up tablets in all 40 stores by 30 June", False),
    ("Stores and service", "Q3", "'Ready in one hour' in every store by 30 September", True),
    ("Stores and service", "Q4", "Returns reasons report to finance by 15 December", True),
]
# Northvale (the graded set): module 03's graded deliverables at the end of Q1 and Q2 of 2026.
OUTPATIENT_FORECASTS = {
    "Outpatients digital": {"H01": (0.8, 0.8), "H03": (0.9, 0.9), "H05": (0.9, 0.9)},
    "Patient access": {"H06": (0.3, 0.6), "H08": (0.3, 0.2), "H10": (0.6, 0.5)},
}
OUTPATIENT_COMMITMENTS = [
    ("Outpatients digital", "Q1", "Reminder texts with a cancel link to every clinic by 31 March", True),
    ("Outpatients digital", "Q1", "Online rebooking pages live by 15 March", True),
    ("Outpatients digital", "Q2", "New appointments screen in the patient app by 30 April", True),
    ("Outpatients digital", "Q2", "Rebooking for two more clinics by 30 June", True),
    ("Patient access", "Q1", "Waiting-list offer tool live by 31 March", False),
    ("Patient access", "Q1", "Letters in five languages by 31 March", True),
    ("Patient access", "Q2", "Waiting-list offer tool live by 31 May", False),
    ("Patient access", "Q2", "Transport booking from the text by 30 April", True),
    ("Patient access", "Q2", "Translated letters for every clinic by 30 June", True),
]


def _statuses(dataset_name: str) -> dict:
    """(deliverable, quarter) -> whether it was on track, from module 03's rows rebuilt from their own stream."""
    import pandas as pd

    from workshop_utils import casestudy, metrics

    rows = pd.DataFrame(casestudy.rows(casestudy.dataset(dataset_name)))
    status = metrics.quarterly_status(rows)
    return {(r.deliverable_id, r.quarter): r.status == "on track" for r in status.itertuples()}


def _ledger(forecasts: dict, commitments: list, dataset_name: str) -> list[dict]:
    status = _statuses(dataset_name)
    rows = []
    for team, calls in forecasts.items():
        for did, probabilities in calls.items():
            for number, probability in enumerate(probabilities, start=1):
                quarter = f"Q{number}"
                rows.append({"team": team, "quarter": quarter, "kind": "forecast",
                             "claim": f"{did} is on track at the end of {quarter}", "probability": probability,
                             "happened": bool(status[(did, quarter)])})
    for team, quarter, claim, kept in commitments:
        rows.append({"team": team, "quarter": quarter, "kind": "commitment", "claim": claim, "probability": None,
                     "happened": kept})
    return rows


def build_fernhill_ledger(rng) -> list[dict]:
    return _ledger(FERNHILL_FORECASTS, FERNHILL_COMMITMENTS, "quarterly_2026")


def build_outpatient_ledger(rng) -> list[dict]:
    return _ledger(OUTPATIENT_FORECASTS, OUTPATIENT_COMMITMENTS, "hospital_quarterly_2026")


# ---------------------------------------------------------------------------------------------
# Hedged bets: net thousands of euros gained per thousand invested, per option and scenario
# ---------------------------------------------------------------------------------------------
def _bets(scenarios: dict, returns: dict) -> list[dict]:
    return [{"option": option, "scenario": scenario, "probability": scenarios[scenario], "return_per_k": value}
            for option, values in returns.items() for scenario, value in zip(scenarios, values, strict=True)]


FERNHILL_SCENARIOS = {"partners say yes": 0.5, "the carrier says no": 0.3, "stores delay the lockers": 0.2}
FERNHILL_RETURNS = {
    "carrier data platform": (1.2, -0.8, 1.2),
    "app self-service": (0.5, 0.5, 0.5),
    "returns lockers in stores": (0.8, 0.6, -0.5),
}
FERNHILL_BUDGET_K = 300
OUTPATIENT_SCENARIOS = {"all goes to plan": 0.5, "IT delays the prediction model": 0.3,
                        "the transport contractor refuses": 0.2}
OUTPATIENT_RETURNS = {
    "no-show prediction model": (1.4, -0.9, 1.4),
    "calls to patients at risk": (0.4, 0.4, 0.4),
    "transport booked from the text": (0.9, 0.7, -0.6),
}
OUTPATIENT_BUDGET_K = 240
OUTPATIENT_SPLIT = {"no-show prediction model": 60, "calls to patients at risk": 120,
                    "transport booked from the text": 60}
OUTPATIENT_ONE_BET = {"no-show prediction model": 240}


def _rows(table):
    return lambda rng: [dict(row) for row in table]


_LEDGER_FIELDS = [
    _field("team", "string", "The team that made the commitment or the forecast"),
    _field("quarter", "string", "The quarter of 2026 it was about", enum=["Q1", "Q2", "Q3", "Q4"]),
    _field("kind", "string", "commitment (a promise to deliver by a date) or forecast (a probability that an "
           "outcome is on track)", enum=["commitment", "forecast"]),
    _field("claim", "string", "What was promised or forecast"),
    _field("probability", "number", "The probability the team gave a forecast, 0 to 1; empty for a commitment",
           required=False, minimum=0, maximum=1),
    _field("happened", "boolean", "Whether the commitment was kept or the forecast came true"),
]
_DACI_FIELDS = [
    _field("decision", "string", "The decision"),
    _field("person", "string", "A person or group with a role in it"),
    _field("role", "string", "Their DACI role", enum=["Driver", "Approver", "Contributor", "Informed"]),
]
_REQUEST_FIELDS = [
    _field("request", "string", "What the team asks of another team", unique=True),
    _field("to_team", "string", "The team asked"),
    _field("cost_of_delay_k", "number", "Thousands of euros the outcome loses for every week the request is not "
           "done", minimum=0),
    _field("duration_weeks", "number", "Weeks the other team needs to do it", minimum=0),
]
_BET_FIELDS = [
    _field("option", "string", "Where money could go"),
    _field("scenario", "string", "A way the year could turn out"),
    _field("probability", "number", "The scenario's probability (the same on every option's row)", minimum=0,
           maximum=1),
    _field("return_per_k", "number", "Net thousands of euros gained per thousand invested in this scenario (-1: "
           "all lost)"),
]
_FORECASTS_NOTE = ("Synthetic. Commitments are hand-written. Each forecast is a team's probability, written at the "
                   "start of 2026, that one of its deliverables is on track at the end of a quarter; whether it "
                   "came true is computed from module 03's quarterly rows with metrics.quarterly_status, so the "
                   "ledger and module 03 cannot disagree.")

DATASETS = [
    Dataset(name="cost_to_serve", title="What makes up Fernhill's cost to serve an online order, and who owns it",
            description="One row per part of the cost of serving one online order: who owns that part and its "
                        "share of the cost.",
            fields=[_field("part", "string", "A part of serving an online order", unique=True),
                    _field("owner", "string", "The team or company that controls it"),
                    _field("owned", "boolean", "Whether the cost-to-serve team owns it"),
                    _field("cost_share", "number", "Its share of the cost to serve one order", minimum=0, maximum=1)],
            primary_key=["part"], build=_rows(COST_TO_SERVE), module=_LABEL, sources=[_COHEN],
            notes=_HAND_WRITTEN),
    Dataset(name="fernhill_stakeholders", title="Stakeholders of Fernhill's cost-to-serve goal",
            description="One row per stakeholder: what they control, how loudly they speak up, and power and "
                        "interest scored from 1 to 5.",
            fields=[_field("stakeholder", "string", "Who", unique=True),
                    _field("controls", "string", "What they can decide or block"),
                    _field("voice", "string", "How much they speak up (a surface cue, not a score)",
                           enum=["loud", "quiet"]),
                    _field("power", "integer", "Power over the outcome, 1 (none) to 5 (decides)", minimum=1,
                           maximum=5),
                    _field("interest", "integer", "How much the outcome affects them, 1 to 5", minimum=1,
                           maximum=5)],
            primary_key=["stakeholder"], build=_rows(FERNHILL_STAKEHOLDERS), module=_LABEL, sources=[_MENDELOW],
            notes=_HAND_WRITTEN),
    Dataset(name="fernhill_daci", title="Decision roles for four of Fernhill's cost-to-serve decisions",
            description="One row per decision, person and DACI role.", fields=_DACI_FIELDS,
            primary_key=["decision", "person"], build=_rows(FERNHILL_DACI), module=_LABEL, sources=[_DACI],
            notes=_HAND_WRITTEN),
    Dataset(name="fernhill_requests", title="What Fernhill's cost-to-serve team asks of other teams",
            description="One row per request: the team asked, the cost of delay per week and the weeks it takes.",
            fields=_REQUEST_FIELDS, primary_key=["request"], build=_rows(FERNHILL_REQUESTS), module=_LABEL,
            sources=[_REINERTSEN], notes=_HAND_WRITTEN),
    Dataset(name="fernhill_ledger", title="Fernhill teams' 2026 ledger of commitments and forecasts",
            description="One row per commitment or forecast two Fernhill teams made for 2026; forecasts are "
                        "about module 03's deliverables being on track.", fields=_LEDGER_FIELDS,
            primary_key=["team", "quarter", "claim"], build=build_fernhill_ledger, module=_LABEL,
            sources=[_BRIER, _TETLOCK], notes=_FORECASTS_NOTE),
    Dataset(name="fernhill_bets", title="Three ways to spend Fernhill's cost-to-serve budget, by scenario",
            description="One row per option and scenario: the scenario's probability and the net return per "
                        "thousand euros invested.", fields=_BET_FIELDS, primary_key=["option", "scenario"],
            build=_rows(_bets(FERNHILL_SCENARIOS, FERNHILL_RETURNS)), module=_LABEL, sources=[_TETLOCK],
            notes=_HAND_WRITTEN),
    Dataset(name="outpatient_daci", title="Decision roles for Northvale Hospital's outpatient decisions",
            description="One row per decision, person and DACI role. Used by module 05's graded exercise, not by "
                        "the lesson.", fields=_DACI_FIELDS, primary_key=["decision", "person"],
            build=_rows(OUTPATIENT_DACI), module=_LABEL, sources=[_DACI], notes=_HAND_WRITTEN),
    Dataset(name="outpatient_requests", title="What Northvale's outpatients team asks of other teams",
            description="One row per request: the team asked, the cost of delay per week and the weeks it takes. "
                        "Used by module 05's graded exercise.", fields=_REQUEST_FIELDS, primary_key=["request"],
            build=_rows(OUTPATIENT_REQUESTS), module=_LABEL, sources=[_REINERTSEN], notes=_HAND_WRITTEN),
    Dataset(name="outpatient_ledger", title="Northvale teams' 2026 ledger of commitments and forecasts",
            description="One row per commitment or forecast two Northvale teams made for the first half of 2026; "
                        "forecasts are about module 03's graded deliverables. Used by module 05's graded exercise.",
            fields=_LEDGER_FIELDS, primary_key=["team", "quarter", "claim"], build=build_outpatient_ledger,
            module=_LABEL, sources=[_BRIER, _TETLOCK], notes=_FORECASTS_NOTE),
    Dataset(name="outpatient_bets", title="Three ways to spend Northvale's no-show budget, by scenario",
            description="One row per option and scenario: the scenario's probability and the net return per "
                        "thousand euros invested. Used by module 05's graded exercise.", fields=_BET_FIELDS,
            primary_key=["option", "scenario"], build=_rows(_bets(OUTPATIENT_SCENARIOS, OUTPATIENT_RETURNS)),
            module=_LABEL, sources=[_TETLOCK], notes=_HAND_WRITTEN),
]

# ---------------------------------------------------------------------------------------------
# Questions: practice in the lesson (Fernhill), graded on Northvale (solutions/05-ownership-vs-influence)
# ---------------------------------------------------------------------------------------------
PRACTICE_GRID = {
    "The finance director: signs the cost-to-serve budget; has not asked about the work this year": "keep satisfied",
    "The store managers' forum: writes to the whole company about returns every month; decides nothing beyond "
    "its own rotas": "keep informed",
    "The head of customer service: decides how contacts are routed and asks for the numbers every week":
        "manage closely",
    "The packaging supplier: sells the boxes; neither decides nor is affected": "monitor",
}
PRACTICE_GRID_EXPLAIN = {
    "The finance director: signs the cost-to-serve budget; has not asked about the work this year":
        "Quiet, but she holds the budget: high power, low interest. Keep her satisfied, before she needs to ask.",
    "The store managers' forum: writes to the whole company about returns every month; decides nothing beyond "
    "its own rotas": "Loud is not powerful: the forum decides nothing here. Keep it informed; it cares a lot.",
}

# The graded grid: Northvale's stakeholders, none of them in the lesson. Decoys beat two surface cues: "loud or
# senior means manage closely" and "quiet means monitor".
GRID_KEY = {
    "The finance director: signs off the outpatients budget each year; has not asked about the no-show work":
        "keep satisfied",
    "The patients' forum chair: writes to the local paper about missed appointments every month; has no say over "
    "budget or decisions": "keep informed",
    "The head of outpatient nursing: sets the clinic rotas the changes depend on, and asks for the missed-"
    "appointment numbers every week": "manage closely",
    "The transport contractor's account manager: can change ride times in the contract, and joins every "
    "fortnightly review": "manage closely",
    "The switchboard supervisor: decides nothing about the service; her staff take the calls that online "
    "rebooking would remove, and she asks about it often": "keep informed",
    "The IT security officer: can block any new patient-facing service; has never come to a meeting":
        "keep satisfied",
    "The hospital's car park operator: neither affected by the change nor able to change it": "monitor",
    "The retired chief executive, now a hospital governor: speaks at every public meeting about the hospital's "
    "history; the board does not consult governors on outpatient services": "monitor",
}
GRID_EXPLAIN = {
    "The finance director: signs off the outpatients budget each year; has not asked about the no-show work":
        "Quiet is not powerless: the budget is hers. High power, low interest so far: keep satisfied.",
    "The patients' forum chair: writes to the local paper about missed appointments every month; has no say over "
    "budget or decisions": "Loud is not powerful: no say over budget or decisions. High interest, low power: keep "
    "informed.",
    "The head of outpatient nursing: sets the clinic rotas the changes depend on, and asks for the missed-"
    "appointment numbers every week": "The rotas the work depends on are hers and she follows the numbers weekly: "
    "high power and high interest, manage closely.",
    "The transport contractor's account manager: can change ride times in the contract, and joins every "
    "fortnightly review": "A partner outside the hospital can hold power over the outcome: the contract's ride "
    "times. With high interest too, manage closely.",
    "The switchboard supervisor: decides nothing about the service; her staff take the calls that online "
    "rebooking would remove, and she asks about it often": "The change affects her team a lot, but she decides "
    "nothing: keep informed.",
    "The IT security officer: can block any new patient-facing service; has never come to a meeting":
        "Absent is not powerless: a veto is power. Keep satisfied, before the veto is used.",
    "The hospital's car park operator: neither affected by the change nor able to change it": "Neither power nor "
    "interest: monitor.",
    "The retired chief executive, now a hospital governor: speaks at every public meeting about the hospital's "
    "history; the board does not consult governors on outpatient services": "A senior title and a loud voice, but "
    "no say over this service and little stake in it: monitor.",
}
_LOUD_OR_SENIOR = re.compile(r"writes|speaks|asks|director|chief|head|can block", re.IGNORECASE)
_GRID_MISCONCEPTION = {item: ("manage closely" if _LOUD_OR_SENIOR.search(item) else "monitor") for item in GRID_KEY}


def _keys() -> dict:
    """Answer keys, computed from the generated data with the lesson's own metric functions."""
    from workshop_utils import data, metrics

    daci = data.load("outpatient_daci")
    problems = metrics.daci_problems(daci)
    requests = data.load("outpatient_requests")
    ranked = metrics.rank_by_cd3(requests)
    by_cod = requests.sort_values("cost_of_delay_k", ascending=False)
    by_duration = requests.sort_values("duration_weeks")
    cd3_cost = metrics.delay_cost(requests, ranked["request"])
    cod_cost = metrics.delay_cost(requests, by_cod["request"])
    ledger = data.load("outpatient_ledger")
    brier = metrics.brier_score(ledger)
    say_do = metrics.say_do_ratio(ledger)
    forecasts = ledger[ledger["kind"] == "forecast"]
    access = forecasts[forecasts["team"] == "Patient access"]
    bets = data.load("outpatient_bets")
    even = {option: OUTPATIENT_BUDGET_K / 3 for option in OUTPATIENT_RETURNS}
    summary = metrics.bet_summary(bets, {"split": OUTPATIENT_SPLIT, "one bet": OUTPATIENT_ONE_BET,
                                         "even": even}).set_index("allocation")
    split = metrics.split_outcomes(bets, OUTPATIENT_SPLIT)
    fernhill = data.load("fernhill_requests")
    fernhill_saving = (metrics.delay_cost(fernhill, fernhill.sort_values("cost_of_delay_k", ascending=False)["request"])
                       - metrics.delay_cost(fernhill, metrics.rank_by_cd3(fernhill)["request"]))
    return {
        "daci_faulty": sorted(set(problems["decision"])),
        "daci_decisions": list(dict.fromkeys(daci["decision"])),
        "daci_busiest": str(daci.groupby("decision").size().idxmax()),
        "cd3_first": str(ranked["request"].iloc[0]),
        "cod_first": str(by_cod["request"].iloc[0]),
        "saving": cod_cost - cd3_cost,
        "cd3_cost": cd3_cost,
        "cod_cost": cod_cost,
        "saving_over_listed": metrics.delay_cost(requests) - cd3_cost,
        "saving_over_shortest": metrics.delay_cost(requests, by_duration["request"]) - cd3_cost,
        "cd3_waiting_only": cd3_cost - float((ranked["cost_of_delay_k"] * ranked["duration_weeks"]).sum()),
        "brier": float(brier["Patient access"]),
        "brier_other": float(brier["Outpatients digital"]),
        "brier_pooled": float(((forecasts["probability"] - forecasts["happened"].astype(float)) ** 2).mean()),
        "brier_absolute": float((access["probability"] - access["happened"].astype(float)).abs().mean()),
        "brier_inverted": 1 - float(brier["Patient access"]),
        "say_do": say_do.to_dict(),
        "worst": float(summary.at["split", "worst_k"]),
        "split_expected": float(summary.at["split", "expected_k"]),
        "one_bet_worst": float(summary.at["one bet", "worst_k"]),
        "one_bet_expected": float(summary.at["one bet", "expected_k"]),
        "even_worst": float(summary.at["even", "worst_k"]),
        "split_best": float(split["gain_k"].max()),
        "split_weighted_worst": float((split["probability"] * split["gain_k"]).iloc[split["gain_k"].argmin()]),
        # The lesson's figure for Fernhill: a participant who copies it answers the wrong organisation.
        "fernhill_saving": fernhill_saving,
    }


def _LazyCheck(make):  # noqa: N802 - reads like the class it builds
    return checks.LazyCheck(_keys, make)


def _daci_check(keys):
    faulty = set(keys["daci_faulty"])
    explain = {}
    for decision in keys["daci_decisions"]:
        if decision in faulty:
            explain[decision] = "Count its Drivers and its Approvers: DACI asks for exactly one of each per decision."
        elif decision == keys["daci_busiest"]:
            explain[decision] = ("Many Contributors and Informed people make it look like a committee, but it has "
                                 "one Driver and one Approver: the roles are sound.")
        else:
            explain[decision] = ("One Driver and one Approver: sound. The Approver need not be the most senior "
                                 "person, only the one who makes this decision.")
    return checks.selection(sorted(faulty), keys["daci_decisions"], explain)


def _saving(keys):
    return checks.number(
        keys["saving"], tolerance=0.05, low=-10_000, high=10_000,
        what="the delay cost saved (thousands of euros)",
        range_hint="A saving in thousands of euros: the delay cost of one order minus that of the other.",
        exact_hint="Each request loses its cost of delay every week until it is finished, its own weeks included: "
                   "metrics.delay_cost(requests, order) adds that up for an order.",
        near_misses=checks.distinct_slips(keys["saving"], {
            keys["cd3_cost"]: "That is the delay cost of the CD3 order alone. The question asks how much less it "
                              "is than the delay cost of starting with the highest cost of delay.",
            keys["cod_cost"]: "That is the delay cost of starting with the highest cost of delay. Subtract the "
                              "delay cost of the CD3 order from it.",
            keys["saving_over_listed"]: "That compares with the order the table lists. Compare with the order "
                                        "by cost of delay, highest first.",
            keys["saving_over_shortest"]: "That compares with the shortest request first. Compare with the "
                                          "order by cost of delay, highest first.",
            keys["cd3_waiting_only"]: "That counts only the weeks each request of the CD3 order waits, and stops "
                                      "there. A request loses its cost of delay until it is finished (its own "
                                      "weeks too), and the question asks for the difference between two orders.",
            keys["fernhill_saving"]: "That is Fernhill's saving from the lesson. This question is about "
                                     "Northvale: load outpatient_requests.",
        }, 0.05),
    )


def _take_from_table(check, holds: str, take: str, what: str):
    """``check`` that first names the value to take when handed the lesson's own table (``holds`` in its index or
    columns): metrics.brier_score gives one score per team, metrics.bet_summary a row per allocation."""

    @functools.wraps(check)
    def run(answer, full):
        labels = [str(x) for x in [*getattr(answer, "index", []), *getattr(answer, "columns", [])]]
        if holds in labels and getattr(answer, "size", 1) > 1:
            raise WorkshopError(f"That is a table of {what}, not one number. Take the value the question asks "
                                f"for from it, e.g. {take}.")
        return check(answer, full)

    return run


def _brier(keys):
    return _take_from_table(checks.number(
        keys["brier"], tolerance=2e-3, low=0, high=1,
        what="Patient access's Brier score",
        range_hint="A Brier score lies between 0 (perfect) and 1: the mean of (probability - outcome) squared, "
                   "with the outcome 1 or 0.",
        near_misses=checks.distinct_slips(keys["brier"], {
            keys["brier_absolute"]: "That averages the distance without squaring it. Brier squares each "
                                    "forecast's error: (probability - outcome) ** 2.",
            keys["brier_other"]: "That is Outpatients digital's score. The question asks for Patient access.",
            keys["brier_pooled"]: "That mixes both teams' forecasts. Keep only Patient access's rows.",
            keys["brier_inverted"]: "That is one minus the score. A Brier score is the error itself: lower is "
                                    "better, 0 is perfect.",
        }, 2e-3),
    ), "Patient access", 'float(scores["Patient access"])', "Brier scores, one per team")


def _worst(keys):
    return _take_from_table(checks.number(
        keys["worst"], tolerance=0.05, low=-10_000, high=10_000,
        what="the split's worst case (thousands of euros)",
        range_hint="A gain in thousands of euros, negative for a loss: the split's result in its worst scenario.",
        exact_hint="Work out the split's gain in each scenario (metrics.split_outcomes) and take the lowest.",
        near_misses=checks.distinct_slips(keys["worst"], {
            keys["split_expected"]: "That is the split's expected value. The worst case is its gain in the worst "
                                    "scenario, whatever its probability.",
            keys["one_bet_worst"]: "That is the worst case of putting everything on the prediction model. The "
                                   "question asks about the split.",
            keys["even_worst"]: "That splits the budget evenly. Use the split the question gives: 60, 120 and 60.",
            keys["split_best"]: "That is the split's best scenario. The worst case is the lowest gain.",
            keys["split_weighted_worst"]: "That multiplies the worst gain by its probability. The worst case is "
                                          "the gain itself, if that scenario happens.",
        }, 0.05),
    ), "worst_k", 'float(summary["worst_k"].iloc[0])', "allocations, with their expected value and worst case")


VERDICT = checks.conclusions([
    checks.Conclusion(
        text="Asking first for the short, urgent requests (CD3 order) loses less to delay than asking first for "
             "the request worth the most per week.",
        fits=True,
        why="Your saving is above zero: the CD3 order costs less delay. A short request done first stops its loss "
            "soon and holds up the others only briefly (Reinertsen).",
    ),
    checks.Conclusion(
        text="The transport contractor's request loses the most per week, so the business case should ask for it "
             "first.",
        fits=False,
        why="It loses the most per week but takes ten weeks, and every other request waits behind it. Rank by cost "
            "of delay divided by duration: that is what your saving measures.",
    ),
    checks.Conclusion(
        text="Patient access's forecasts beat always saying 50% (a Brier score of 0.25): its calls about outcomes "
             "deserve weight.",
        fits=True,
        why="Your Brier score is below 0.25, the score of a forecaster who always says 50%. Being right a lot is "
            "a track record others can check (Tetlock & Gardner).",
    ),
    checks.Conclusion(
        text="A Brier score close to 0 means a team was rarely right.",
        fits=False,
        why="A Brier score measures the error: 0 is perfect, 0.25 is a coin's 50%, 1 is certain and always wrong.",
    ),
    checks.Conclusion(
        text="The split keeps a gain even in its worst scenario, at the price of some expected value: one big "
             "bet on the prediction model could lose money.",
        fits=True,
        why="Your worst case for the split is a gain, while everything on the prediction model loses when IT "
            "delays it. Hedging gives up a little expected value for that.",
    ),
    checks.Conclusion(
        text="If the other teams do not say yes at once, asking the chief executive to order them is the next "
             "step.",
        fits=False,
        why="Escalation is the last resort (Malhotra): a business case with the cost of delay, a track record and "
            "something to offer in return come first. Nothing in your numbers calls for an order.",
    ),
])

CASE_RUBRIC = {
    "the ask (0.5)": "One specific request to one team, with when it is needed (e.g. the transport contractor "
                     "texts patients their pick-up time the day before, from the end of Q3); not 'support the "
                     "programme'. 'As soon as possible' is not a date: no mark.",
    "the outcome and their gain (1)": "The outcome it serves (fewer missed appointments, in the team's measure) "
                                      "and what the other team gains: a currency they value (Cohen & Bradford), "
                                      "e.g. fewer empty rides for the contractor. Half a point for the outcome "
                                      "alone.",
    "cost of delay (0.5)": "The cost of waiting, in euros a week, and where the request ranks by CD3 (from the "
                           "data); a number, not 'urgent'. A quarter point each: the weekly figure, the rank.",
    "hedge and track record (0.5)": "What the team does itself if the answer is no or late (another option, a "
                                    "smaller first step) and one promise it has kept (from the ledger). A quarter "
                                    "point each: a hedge alone earns a quarter; 'our team is reliable' is not a "
                                    "promise kept.",
    "no escalation (0.5)": "It persuades with the case, not with an executive order; buy-in from an executive may "
                           "be named as support, not as the lever. An executive named as what happens if they say "
                           "no ('if this stalls, the chief executive will back us') is the lever: no mark.",
}

QUESTIONS = [
    # --- Practice in the lesson (points 0) -------------------------------------------------------
    checks.Question(
        qid="m05.practice_grid", title="Practice: Fernhill's stakeholders on the grid", kind="classify", points=0,
        prompt="Place each of Fernhill's stakeholders on the power/interest grid, as the engagement its quadrant "
               "calls for.",
        check=checks.classification(PRACTICE_GRID, explain=PRACTICE_GRID_EXPLAIN),
        options=tuple(PRACTICE_GRID), labels=QUADRANTS,
        hints=("Power is what someone can decide or block (a budget, a veto, a contract), not how loudly they "
               "speak; interest is how much the work affects them or how closely they follow it (section 2's grid).",
               "A school's new timetable: the head, who approves it and asks about it weekly, is high power and "
               "high interest: manage closely. The governors' treasurer, who signs the budget but never asks, is "
               "high power, low interest: keep satisfied. Place each of Fernhill's four by what they decide first, "
               "then by how much they care."),
        why="Each stakeholder's quadrant follows from what they can decide and how much the work touches them: the "
            "finance director holds a budget but shows no interest, the forum is loud but decides nothing, "
            "customer service decides and cares, and the supplier neither decides nor is affected.",
    ),
    checks.Question(
        qid="m05.practice_daci", title="Practice: which of Fernhill's decisions need fixing?", kind="select", points=0,
        prompt="Tick every decision in fernhill_daci whose roles need fixing.",
        check=checks.LazyCheck(lambda: _fernhill_daci(), lambda k: checks.selection(
            k["faulty"], k["decisions"],
            {d: ("Count its Drivers and its Approvers: exactly one of each." if d in k["faulty"] else
                 "One Driver and one Approver: sound.") for d in k["decisions"]})),
        options=tuple(dict.fromkeys(row["decision"] for row in FERNHILL_DACI)),
        hints=("DACI asks for exactly one Driver and exactly one Approver per decision (section 3). A decision "
               "needs fixing when it has none, or more than one, of either.",
               "Count the roles per decision: roles.groupby(['decision', 'role']).size() shows, for instance, a "
               "decision with two Approvers or one with no Driver. metrics.daci_problems(roles) lists every such "
               "problem, decision by decision."),
        why="The two decisions to fix break the one-Driver, one-Approver rule (one has two Approvers, the other no "
            "Driver); the others have exactly one of each, however many Contributors they consult.",
    ),
    checks.Question(
        qid="m05.reflect", title="An outcome you do not own", kind="text", points=0,
        prompt="For one outcome of your own: which parts does your team not own, who owns them, and what could you "
               "offer them in return for their help?",
        check=None,
        hints=("List the parts of your outcome, then mark which your team owns. For each part you do not own, name "
               "who does and what they value: resources, help with their own goals, recognition, information or "
               "less work.",
               "For example, an outcome 'customers return goods without calling us': the team owns the returns "
               "page, but the carrier owns collection times and stores own the desk. The carrier values fewer "
               "failed pick-ups, so offer it the customer's chosen time slot in advance."),
    ),
    # --- The graded set: Northvale Hospital's outpatients team ----------------------------------
    checks.Question(
        qid="m05.grid", title="Northvale stakeholders on the power/interest grid", kind="classify", points=3,
        prompt="Place each of Northvale's stakeholders on Mendelow's power/interest grid, as the engagement its "
               "quadrant calls for: manage closely (high power, high interest), keep satisfied (high power, low "
               "interest), keep informed (low power, high interest) or monitor (both low).",
        check=checks.classification(GRID_KEY, explain=GRID_EXPLAIN),
        options=tuple(GRID_KEY), labels=QUADRANTS,
        solution=dict(GRID_KEY), misconception=_GRID_MISCONCEPTION, unseen="statements",
        hints=("Place each stakeholder by power first (can they decide or block something: a budget, rotas, a "
               "contract, a veto?), then by interest (does the change affect them, or do they follow it closely?). "
               "Volume is not power.",
               "A school's new timetable: a loud parents' group that decides nothing is low power, high interest: "
               "keep informed. The treasurer who signs the budget but never asks is high power, low interest: keep "
               "satisfied. The caretaker, neither deciding nor affected, is monitor. Ask the two questions of each "
               "of Northvale's eight."),
        why="Each engagement follows from two readings: what the stakeholder can decide or block (budget, rotas, "
            "contract, a veto) and how much the change affects them or how closely they follow it. Speaking loudly "
            "in public, without a say in the decision, is interest, not power.",
    ),
    checks.Question(
        qid="m05.daci", title="Which decisions need their roles fixed?", kind="select", points=3,
        prompt="Tick every decision in outpatient_daci whose roles need fixing: DACI asks for exactly one Driver "
               "and exactly one Approver per decision.",
        check=_LazyCheck(_daci_check), options=tuple(dict.fromkeys(row["decision"] for row in OUTPATIENT_DACI)),
        unseen="outpatient_daci",
        hints=("DACI asks for exactly one Driver and exactly one Approver per decision: a decision needs fixing "
               "when it has none, or more than one, of either (section 3). Contributors and the Informed can be as "
               "many as needed.",
               "Load data.load('outpatient_daci') and run metrics.daci_problems on it: one row per problem, "
               "decision by decision. By hand: roles.groupby(['decision', 'role']).size() shows which decision has "
               "two Approvers or no Driver."),
        why="A decision needs fixing exactly when its roles break the one-Driver, one-Approver rule: two Drivers "
            "or two Approvers mean a consensus collected, not driven, and none means nobody closes it. Decisions "
            "with one of each are fine, however many people they consult.",
    ),
    checks.Question(
        qid="m05.cd3", title="What does the CD3 order save?", kind="value", points=3,
        prompt="The delay cost (thousands of euros) saved by doing the five requests one after another in CD3 "
               "order instead of in order of cost of delay, highest first.",
        check=_LazyCheck(_saving), unseen="outpatient_requests",
        hints=("Compare two orders: highest cost of delay first, and highest CD3 (cost of delay divided by "
               "duration) first. Each request loses its cost of delay every week until it is finished, its own "
               "weeks included (section 4).",
               "As in the lesson, with requests = data.load('outpatient_requests'): by_cost = "
               "requests.sort_values('cost_of_delay_k', ascending=False)['request'] and ranked = "
               "metrics.rank_by_cd3(requests). Then metrics.delay_cost(requests, by_cost) minus "
               "metrics.delay_cost(requests, ranked['request'])."),
        why="Doing requests one after another, each waits for every one before it; CD3 puts the short, urgent ones "
            "first so their losses stop soon and the long one holds up little, and the saving is the difference "
            "between the two orders' delay costs.",
    ),
    checks.Question(
        qid="m05.brier", title="How well does Patient access forecast?", kind="value", points=3,
        prompt="Patient access's Brier score over its forecasts in outpatient_ledger (0 is perfect).",
        check=_LazyCheck(_brier), unseen="outpatient_ledger",
        hints=("A Brier score is the mean of (probability - outcome)² over a team's forecasts, where the outcome "
               "is 1 if it happened and 0 if not; commitments do not count (section 5).",
               "metrics.brier_score(data.load('outpatient_ledger')) gives one score per team: take Patient "
               "access's. By hand, three forecasts: 0.9 that happened, 0.7 that did not, 0.2 that did not: (0.01 + "
               "0.49 + 0.04) / 3 = 0.18."),
        why="The Brier score averages the squared gap between the probability said and what happened, over Patient "
            "access's forecasts only; 0 is perfect, and always saying 50% scores 0.25.",
    ),
    checks.Question(
        qid="m05.hedge", title="The worst case of a hedged bet", kind="value", points=3,
        prompt="The gain (thousands of euros) in the worst scenario of splitting the 240k budget 60 / 120 / 60 "
               "across the prediction model, calls to patients at risk and transport from the text.",
        check=_LazyCheck(_worst), unseen="outpatient_bets",
        hints=("A split's worst case is its gain in the scenario where it does worst: in each scenario, add up "
               "each option's money times its return_per_k, then take the smallest total (section 6).",
               "As in the lesson: bets = data.load('outpatient_bets') and metrics.bet_summary(bets, {'split': "
               "{option: k, ...}}) with the three options' names as they appear in bets['option'] and 60, 120 and "
               "60; read worst_k. By hand: 100k at return 0.9 and 100k at -0.6 is 90 - 60 = 30."),
        why="The split's gain in each scenario is the sum of each option's money times its return in that "
            "scenario; its worst case is the smallest of those sums, which stays positive because no one option's "
            "failure takes the whole budget.",
    ),
    checks.Question(
        qid="m05.verdict", title="What follows for the business case?", kind="select", points=3,
        prompt="Tick every conclusion that follows from your saving, your Brier score and your worst case.",
        check=checks.selection(VERDICT), options=VERDICT.options, unseen="outpatient_requests",
        follows_from=("m05.cd3", "m05.brier", "m05.hedge"),
        hints=("Test each conclusion against your three numbers and what each one measures: what the CD3 order "
               "saves, what a Brier score of 0 and of 0.25 mean, and what a worst case is. Reread section 5 on "
               "where an executive order comes.",
               "A different case: a team's Brier score is 0.30 and its say/do ratio 0.9: it keeps its promises, "
               "but forecasts worse than always saying 50% (0.25). For each conclusion here, name the number it "
               "rests on (your saving, Brier score or worst case) and check it claims no more than that number "
               "shows."),
        why="A positive saving says the CD3 order loses less to delay, a Brier score under 0.25 beats a coin, and "
            "a positive worst case means the split gains whatever happens. Ranking by cost of delay alone, reading "
            "a low Brier score as being wrong, and escalating first do not follow.",
    ),
    checks.Question(
        qid="m05.case", title="A one-page business case for a request", kind="text", points=3,
        prompt="Write the business case the outpatients team sends the transport contractor to ask it to text "
               "patients their pick-up time the day before: the ask, the outcome and what the contractor gains, "
               "the cost of delay, the team's hedge and its track record.",
        check=None,
        solution="Ask: text every transport patient their pick-up time the day before, in all clinics from the "
                 "end of Q3.\n"
                 "Outcome: transport patients missed 16% of their appointments in January and 13.6% by June; "
                 "the plan is 8% by December. "
                 "For you: every missed appointment is a wasted ride you plan and drive; a patient who knows the "
                 "pick-up time is ready at the door, and empty runs fall.\nCost of delay: about €14k a week of "
                 "wasted clinic time and rides. It takes ten weeks, so by cost of delay divided by duration we ask you "
                 "after the three short requests to clinics, the switchboard and IT, and we will not ask for "
                 "anything else from you this year.\nHedge: if you cannot, we fund calls to patients at risk "
                 "ourselves; the split keeps a gain in every scenario.\nTrack record: we said in January that "
                 "transport could be booked from the reminder text by 30 April, and it could. We will share the "
                 "weekly numbers with you.",
        why="It asks one team for one thing by a date, ties it to the outcome and to the contractor's own "
            "currency (fewer empty rides), puts a weekly cost of delay and a CD3 rank on it, says what the team "
            "does if the answer is no, and cites a kept promise: influence, not an order.",
        rubric=CASE_RUBRIC,
        hints=("A business case has five lines (section 4): the ask (one team, one thing, a date), the outcome and "
               "what the other team gains in its own currency, the cost of delay and CD3 rank, your hedge, and "
               "your track record.",
               "Work it for Fernhill's carrier: 'Ask: send us your delivery data every night from May. Outcome: "
               "fewer calls about parcels; for you, fewer failed drops. Cost of delay: about €Xk a week, ranked N "
               "by CD3. Hedge: if not, we start with app self-service. Track record: we kept 9 of 10 promises to "
               "you.' Write the transport contractor's the same way."),
    ),
]


def _fernhill_daci() -> dict:
    from workshop_utils import data, metrics

    table = data.load("fernhill_daci")
    return {"faulty": sorted(set(metrics.daci_problems(table)["decision"])),
            "decisions": list(dict.fromkeys(table["decision"]))}


def examples() -> dict:
    """For tests: per autograded question, (an answer that scores full marks, a typical wrong answer)."""
    keys = _keys()
    practice = _fernhill_daci()
    return {
        "m05.grid": (dict(GRID_KEY), _GRID_MISCONCEPTION),
        # "A table with many people in it is a committee that needs fixing."
        "m05.daci": (keys["daci_faulty"], sorted({*keys["daci_faulty"], keys["daci_busiest"]})),
        "m05.cd3": (keys["saving"], keys["cd3_cost"]),
        "m05.brier": (keys["brier"], keys["brier_absolute"]),
        "m05.hedge": (keys["worst"], keys["split_expected"]),
        # "The request worth the most per week goes first."
        "m05.verdict": (VERDICT.key, [VERDICT[1].text, VERDICT[2].text, VERDICT[4].text]),
        "m05.practice_grid": (dict(PRACTICE_GRID), {k: "manage closely" for k in PRACTICE_GRID}),
        "m05.practice_daci": (practice["faulty"], practice["decisions"]),
    }
