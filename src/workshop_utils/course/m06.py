"""Module 06, the capstone: from a project charter to a product outcome plan.

The participant turns a charter (Fernhill Outdoor's 2027 Trail Club charter, or their own team's deliverables)
into an outcome plan (``workshop_utils.plan``): why, three to five outcome statements, leading and lagging measures
with baselines and where each baseline comes from, guardrails, partners to influence, deliverables as options under
each outcome or dropped, a recalibration cadence and a first 30-day check-in. The lesson works part of Fernhill's
plan; the graded set first asks the same questions of Kestrel Valley Buses' charter, which the lesson never shows
(sorting its deliverables under its outcomes, picking its well-formed outcome statements and its guardrails), then
checks the structure of the participant's own plan and leaves its quality to a person with the rubric below.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from workshop_utils import checks
from workshop_utils.casestudy import Dataset

MODULE = "06"
NOTEBOOK = "06-capstone-outcome-plan"


# ---------------------------------------------------------------------------------------------
# Data: Fernhill Outdoor's 2027 Trail Club charter, in the columns of a team's own deliverables file
# (workshop_utils.data.load_deliverables), so the lesson and the graded plan read either the same way.
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CharterLine:
    """One deliverable of the charter, as the programme office wrote it; fields named after the columns."""

    id: str
    deliverable: str
    description: str
    team: str
    due: str                                # ISO date the charter promises it by
    cost: tuple[int, int]                   # thousands of euros; drawn in this range in steps of 5, stored in euros
    outcome: str                            # the outcome of the lesson's worked plan it is an option for, or "drop"


CHARTER_GOAL = ("Members buy from Fernhill again: revenue from members' repeat purchases grows by 12% in 2027")
CHARTER_TITLE = "Trail Club relaunch 2027"

# The worked plan's three outcomes (the practice sort's labels).
FERNHILL_OUTCOMES = {
    "O1": "New members make a second purchase within 90 days of joining",
    "O2": "Members repair, rent or trade in gear instead of replacing it",
    "O3": "Members near a store collect online orders there instead of having them delivered",
}
_LABEL = {"O1": "second purchase within 90 days", "O2": "repair, rent or trade in", "O3": "collect in store",
          "drop": "drop"}
PRACTICE_LABELS = tuple(_LABEL.values())

_CHARTER = [
    CharterLine(id="C01", deliverable="Welcome emails for new members with an offer on their second order",
                description="Three emails in a member's first 90 days", team="Marketing", due="2027-03-31",
                cost=(30, 50), outcome="O1"),
    CharterLine(id="C02", deliverable="New logo and colours for the Trail Club card",
                description="Brand refresh of the membership card and app icon", team="Marketing", due="2027-02-28",
                cost=(60, 90), outcome="drop"),
    CharterLine(id="C03", deliverable="Repair booking in the Trail Club app",
                description="Members pick a workshop slot for a repair from the app", team="Digital",
                due="2027-05-31", cost=(80, 120), outcome="O2"),
    CharterLine(id="C04", deliverable="Double points on a second purchase within 90 days of joining",
                description="A loyalty rule in the points engine", team="Loyalty", due="2027-04-30", cost=(20, 40),
                outcome="O1"),
    CharterLine(id="C05", deliverable="Migrate the membership database to a new CRM vendor",
                description="Replace the 2015 membership system", team="IT Platform", due="2027-09-30",
                cost=(250, 350), outcome="drop"),
    CharterLine(id="C06", deliverable="A members' first-camp rental bundle",
                description="Tent, mat and stove to rent as one booking", team="Rental", due="2027-05-31",
                cost=(40, 70), outcome="O2"),
    CharterLine(id="C07", deliverable="Executive membership dashboard",
                description="Weekly membership figures for the leadership team", team="IT Platform",
                due="2027-03-31", cost=(50, 80), outcome="drop"),
    CharterLine(id="C08", deliverable="Click & collect lockers for members in 10 stores",
                description="Lockers members open with the app, outside opening hours too", team="Store Operations",
                due="2027-08-31", cost=(150, 220), outcome="O3"),
    CharterLine(id="C09", deliverable="Store staff briefed to offer a repair when a member returns worn gear",
                description="A ten-minute briefing and a till prompt", team="Store Operations", due="2027-03-31",
                cost=(10, 20), outcome="O2"),
    CharterLine(id="C10", deliverable="'Collect tomorrow' promise on the website for members near a store",
                description="Stock reserved in the nearest store at checkout", team="Digital", due="2027-06-30",
                cost=(60, 100), outcome="O3"),
]
CHARTER = {line.id: line.deliverable for line in _CHARTER}


def build_charter(rng: random.Random) -> list[dict]:
    rows = []
    for line in _CHARTER:
        low, high = line.cost
        rows.append({"deliverable": line.deliverable, "id": line.id, "description": line.description,
                     "team": line.team, "due": line.due, "goal": CHARTER_GOAL, "status": "planned",
                     "cost": rng.randint(low // 5, high // 5) * 5000})
    return rows


_CHARTER_FIELDS = [
    {"name": "deliverable", "type": "string", "description": "The deliverable as the charter lists it",
     "constraints": {"required": True, "unique": True}},
    {"name": "id", "type": "string", "description": "Deliverable identifier",
     "constraints": {"required": True, "unique": True, "pattern": "C[0-9]{2}"}},
    {"name": "description", "type": "string", "description": "One line on what it is",
     "constraints": {"required": False}},
    {"name": "team", "type": "string", "description": "The team that would build or buy it",
     "constraints": {"required": False}},
    {"name": "due", "type": "date", "description": "When the charter promises it", "constraints": {"required": False}},
    {"name": "goal", "type": "string", "description": "The goal the charter gives it",
     "constraints": {"required": False}},
    {"name": "status", "type": "string", "description": "Where it stands (every line is still planned)",
     "constraints": {"required": False}},
    {"name": "cost", "type": "integer", "description": "Budget requested, euros",
     "constraints": {"required": False, "minimum": 0}},
]

_ADZIC = {"title": "Gojko Adzic, Impact Mapping (2012): deliverables as options under the behaviour change they "
                   "should cause; a deliverable that traces to no impact is a candidate to drop"}
_SEIDEN = {"title": "Josh Seiden, Outcomes Over Output (2019): an outcome is a change in human behaviour that "
                    "drives business results"}

DATASETS = [
    Dataset(
        name="charter_2027",
        title="Fernhill Outdoor's Trail Club relaunch charter for 2027",
        description="The charter's ten deliverables, in the columns of a team's own deliverables file (deliverable, "
                    "id, description, team, due, goal, status, cost): the capstone turns them into an outcome plan.",
        fields=_CHARTER_FIELDS,
        primary_key=["id"],
        build=build_charter,
        module="06 Capstone: from a project charter to a product outcome plan",
        notes="Deliverables, teams and dates are written by hand to tell the capstone's story: seven of ten can be "
              "options under a change in members' behaviour, three (a brand refresh, a system migration, a "
              "dashboard) change no one's. Costs are drawn from the seeded stream in steps of "
              "5,000 euros within a range set for each line. The columns are those of the template a team fills in "
              "with its own deliverables, so a participant's file and this one load the same way.",
        sources=[_ADZIC, _SEIDEN],
    ),
]


# ---------------------------------------------------------------------------------------------
# The worked plan (the lesson shows its first outcome step by step; the rest is the model answer a
# participant who plans Fernhill's charter can be compared with).
# ---------------------------------------------------------------------------------------------
def _measure(measure, baseline, target, source):
    return {"measure": measure, "baseline": baseline, "target": target, "source": source}


FERNHILL_PLAN = {
    "title": "Trail Club relaunch 2027: outcome plan",
    "team": "Membership and Loyalty",
    "why": CHARTER_GOAL,
    "outcomes": [
        {"id": "O1",
         "statement": "New members who make a second purchase within 90 days of joining rise from 22% to 30% by "
                      "December 2027, while the discount cost per member stays under €6",
         "who": "New members", "behaviour": "make a second purchase within 90 days of joining",
         "measure": "% of a month's new members with a second order within 90 days", "baseline": "22%",
         "baseline_source": "membership and till data, members who joined January to June 2026",
         "target": "30%", "timeframe": "December 2027",
         "leading": [_measure("% of new members who open a welcome offer within 14 days", "35%", "50%",
                              "email platform, weekly")],
         "lagging": [_measure("revenue from members' repeat purchases", "€19.2m a year", "€21.5m a year",
                              "finance, yearly accounts")]},
        {"id": "O2",
         "statement": "Members who repair, rent or trade in gear instead of replacing it go from 6% to 10% of active "
                      "members a year by December 2027",
         "who": "Members with worn gear or a one-off trip", "behaviour": "repair, rent or trade in instead of "
                                                                         "buying new",
         "measure": "% of active members with a repair, rental or trade-in in the year", "baseline": "6%",
         "baseline_source": "workshop and rental bookings joined to membership, 2026",
         "target": "10%", "timeframe": "December 2027",
         "leading": [_measure("repairs booked online per week", "40", "90", "repair booking log, weekly")],
         "lagging": [_measure("revenue from rentals, repairs and trade-ins", "€1.3m a year", "€1.8m a year",
                              "finance, yearly accounts")]},
        {"id": "O3",
         "statement": "Members near a store who collect online orders there rise from 18% to 28% of their online "
                      "orders by September 2027",
         "who": "Members within 20 minutes of a store", "behaviour": "collect online orders in store instead of "
                                                                     "home delivery",
         "measure": "% of those members' online orders collected in store", "baseline": "18%",
         "baseline_source": "order system, last three months of 2026", "target": "28%",
         "timeframe": "September 2027",
         "leading": [_measure("% of checkouts near a store that choose 'collect tomorrow'", "15%", "25%",
                              "web analytics, weekly")],
         "lagging": [_measure("cost to serve per online order", "€7.80", "€7.20", "finance, quarterly")]},
    ],
    "guardrails": [
        {"measure": "discount cost per new member", "limit": "stays under €6", "outcome": "O1"},
        {"measure": "members who cancel in their first year", "limit": "stays below 15%", "outcome": ""},
        {"measure": "repairs returned within 30 days", "limit": "stays below 3%", "outcome": "O2"},
    ],
    "partners": [
        {"who": "Store Operations (store managers)", "ask": "brief staff to offer a repair at returns, and report "
                                                            "the offers weekly",
         "offer": "repairs booked from the till count towards each store's targets", "outcome": "O2"},
        {"who": "Finance", "ask": "a monthly split of repeat-purchase revenue by new-member cohort",
         "offer": "one agreed number instead of three dashboards", "outcome": "O1"},
    ],
    "deliverables": [
        {"id": line.id, "deliverable": line.deliverable, "outcome": line.outcome,
         "assumption": "" if line.outcome == "drop" else "it makes the behaviour easier or more worth doing"}
        for line in _CHARTER
    ],
    "cadence": "Leading measures every two weeks at the team review; the plan itself each quarter with Finance and "
               "Store Operations: continue, pivot or stop each option.",
    "checkin_30_days": "In 30 days: are the baselines confirmed from their sources, are welcome-offer opens and "
                       "repair bookings moving, and has any guardrail moved? If welcome-offer opens have not moved, "
                       "pivot C01 before building more.",
}
PRACTICE_SORT = {line.deliverable: _LABEL[line.outcome] for line in _CHARTER}
PRACTICE_SORT_EXPLAIN = {
    "Executive membership dashboard": "It names the leadership team, but they would only see figures: no member "
                                      "does anything differently. Drop it, or say who would decide what differently "
                                      "with it.",
    "Store staff briefed to offer a repair when a member returns worn gear": "Staff work is the means; the member "
    "who books a repair instead of buying new is the behaviour it serves: an option under repair, rent or trade in.",
    "New logo and colours for the Trail Club card": "A new look changes no one's behaviour that the goal needs: "
                                                    "drop it.",
}
# "Anything that names members or the app is an option; only IT work is dropped."
PRACTICE_SLIP = {**PRACTICE_SORT, "Executive membership dashboard": _LABEL["O1"],
                 "New logo and colours for the Trail Club card": _LABEL["O1"]}


# ---------------------------------------------------------------------------------------------
# The graded set, Part A: Kestrel Valley Buses, an organisation the lesson never shows.
# Its 2027 charter "Network modernisation" lists eleven deliverables; its why: fares cover more of the
# network's running cost. Three outcomes, each a change in what people do.
# ---------------------------------------------------------------------------------------------
KESTREL_WHY = ("Fares and contracts cover more of the network's running cost: from 58% to 65% by December 2027")
KESTREL_OUTCOMES = {
    "commuters ride to work": "Commuters from the new estates take the bus to work instead of driving",
    "riders pay without cash": "Riders pay by card or phone instead of cash, so buses leave stops sooner",
    "older residents travel on their own": "Older residents with a bus pass travel into town on their own, "
                                           "off-peak",
}
SORT_LABELS = (*KESTREL_OUTCOMES, "drop")

# Each deliverable under the outcome it could cause, or dropped. The decoys beat the surface cue "it names the
# outcome's words (commuters, fares, cash, pass, older), so it belongs there": some name an outcome's people
# or words and change nothing; the real options mostly name none of them.
SORT_KEY = {
    "Earlier first buses from the Eastfield estate, timed to the 8 am factory shift": "commuters ride to work",
    "A season ticket that employers buy for their staff through payroll": "commuters ride to work",
    "Tap-on with a phone in the Kestrel app, capped at the day-ticket price": "riders pay without cash",
    "Contactless card readers on every bus": "riders pay without cash",
    "Drivers trained to help passengers with walking aids on and off the bus": "older residents travel on their own",
    "Step-free ramps on the 30 remaining high-floor buses": "older residents travel on their own",
    "A satisfaction survey of commuters twice a year": "drop",
    "A new design for the older residents' bus pass": "drop",
    "Replace the cash-handling safes on all buses": "drop",
    "Migrate the timetable system to a new cloud vendor": "drop",
    "An on-time performance dashboard for the board": "drop",
}
SORT_EXPLAIN = {
    "A satisfaction survey of commuters twice a year": "It names commuters, but asking them how they feel changes "
    "no one's journey: a measure of attitude, not an option for an outcome. Drop it (or use it as a guardrail).",
    "A new design for the older residents' bus pass": "It names older residents and their pass, but a new design "
    "does not make anyone travel on their own: drop it.",
    "Replace the cash-handling safes on all buses": "It is about cash, but it keeps cash easy rather than moving "
    "anyone off it: no option for 'riders pay without cash'. Drop it.",
    "Drivers trained to help passengers with walking aids on and off the bus": "No outcome's words, yet it is what "
    "lets an older resident with a stick travel alone: an option under 'older residents travel on their own'.",
    "Tap-on with a phone in the Kestrel app, capped at the day-ticket price": "It never says 'pay' or 'cash', but "
    "tapping on with a phone is exactly paying without cash: an option under 'riders pay without cash'.",
}
_SORT_VISIBLE = list(SORT_EXPLAIN)


def _keyword_label(item: str) -> str:
    """The surface cue: the first outcome whose words the deliverable names, else drop."""
    words = {"commuters ride to work": r"commut|\bwork\b|estate", "riders pay without cash": r"\bpay\b|cash|fare",
             "older residents travel on their own": r"older|\bpass\b|resident"}
    return next((label for label, pattern in words.items() if re.search(pattern, item, re.IGNORECASE)), "drop")


SORT_SLIP = {item: _keyword_label(item) for item in SORT_KEY}

# Which of Kestrel's draft outcome statements are well-formed? The assessor (outcomes.assess) reads them the
# same way (a test holds it).
WELL_FORMED_KEY = (
    "Commuters from the Eastfield estate who take the bus to work at least three days a week rise from 12% to 20% "
    "by June 2027",
    "Riders paying by card or phone rise from 41% to 70% of boardings by March 2027, while complaints about wrong "
    "charges stay below 20 a month",
    "Pass holders over 70 who make at least one off-peak trip into town a week on their own go from 900 to 1,300 "
    "by September 2027",
)
WELL_FORMED_DECOYS = {
    "Fit contactless readers to all 120 buses by March 2027, up from 40": "Numbers that move and a date, but "
    "fitting readers is what Kestrel does: an output. Who pays differently because of them?",
    "Downloads of the Kestrel app grow from 5,000 to 20,000 by June 2027": "Downloads count the use of a release: a "
    "traction metric. What do riders then do differently?",
    "Riders' satisfaction with punctuality rises from 6.8 to 7.5 out of 10 by December 2027": "Satisfaction is an "
    "attitude, not a behaviour: it can rise while no one rides more.",
    "Our control room answers 90% of calls within 2 minutes by June 2027, up from 70%": "'Our control room' is "
    "Kestrel's own team: its work dressed as behaviour. An outcome is a change in what riders or residents do.",
    "Older residents travel into town on their own more often": "",
}
WELL_FORMED_OPTIONS = (WELL_FORMED_KEY[0], *list(WELL_FORMED_DECOYS)[:2], WELL_FORMED_KEY[1],
                       *list(WELL_FORMED_DECOYS)[2:4], WELL_FORMED_KEY[2], list(WELL_FORMED_DECOYS)[4])
WELL_FORMED_EXPLAIN = {
    **{option: hint for option, hint in WELL_FORMED_DECOYS.items() if hint},
    WELL_FORMED_KEY[1]: "Riders (who), paying by card or phone (behaviour), as a share of boardings (measure), from "
                        "41% to 70% (baseline and target), by March 2027 (timeframe): every part is there, and a "
                        "guardrail too.",
}
# "A number moving and a date make an outcome."
WELL_FORMED_SLIP = [option for option in WELL_FORMED_OPTIONS if re.search(r"from .*\d.* to .*\d|up from", option)]

# Guardrails for 'riders pay without cash': what must not get worse while Kestrel pushes it.
GUARDRAIL_OPTIONS = {
    "Weekly trips by riders who paid cash in 2026": True,
    "Riders charged twice or wrongly, per 1,000 card and phone taps": True,
    "Fare revenue per passenger journey": True,
    "Share of boardings paid by card or phone": False,
    "Downloads of the Kestrel app": False,
    "Card readers fitted": False,
}
GUARDRAIL_EXPLAIN = {
    "Weekly trips by riders who paid cash in 2026": "Pushing people off cash can push some off the bus: riders "
    "without a card or phone. Watching their trips is a guardrail.",
    "Riders charged twice or wrongly, per 1,000 card and phone taps": "Card payments can grow while more riders are "
    "overcharged: a guardrail catches it.",
    "Share of boardings paid by card or phone": "That is the outcome's own measure, the one you push. A guardrail "
    "is something else that must not get worse meanwhile.",
    "Downloads of the Kestrel app": "Downloads count the use of a release (traction); nothing in them gets worse "
    "when the outcome is pushed too hard.",
}
GUARDRAIL_KEY = [option for option, fits in GUARDRAIL_OPTIONS.items() if fits]
# "A guardrail is any measure of the same outcome."
GUARDRAIL_SLIP = ["Share of boardings paid by card or phone", "Downloads of the Kestrel app", "Card readers fitted"]


# ---------------------------------------------------------------------------------------------
# The graded set, Part B: the participant's own plan (Fernhill's charter, or their team's deliverables),
# built with workshop_utils.planbuilder. Three structure items, each the whole check (the same for self-check
# and grader, so a pass is never taken back); how good the plan is, a person judges with PLAN_RUBRIC.
# ---------------------------------------------------------------------------------------------
def _first(problems: list[str]) -> checks.Feedback:
    more = f" ({len(problems) - 1} more to fix after it.)" if len(problems) > 1 else ""
    return checks.Feedback(False, f"{len(problems)} thing{'s' * (len(problems) != 1)} to fix in this part of "
                                  "the plan.", hint=problems[0] + more)


def _outcomes_problems(answer) -> list[str]:
    from workshop_utils import plan

    full = plan.normalise(answer)
    found = []
    if not str(full["why"]).strip():
        found.append("The plan has no why: write the goal or impact it serves (from X to Y by when).")
    count = len(full["outcomes"])
    if not plan.MIN_OUTCOMES <= count <= plan.MAX_OUTCOMES:
        found.append(f"The plan has {count} outcome{'s' * (count != 1)}: write {plan.MIN_OUTCOMES} to "
                     f"{plan.MAX_OUTCOMES}, each a change in what people do.")
    for oid, missing in plan.outcome_gaps(full).items():
        found.extend(f"{oid} has no {plan.FIELD_NAMES.get(name, name)}: {plan.FIELD_HINTS[name]}."
                     for name in missing)
    found.extend(plan.statement_problems(full).values())
    return found


def _measures_problems(answer) -> list[str]:
    from workshop_utils import plan

    full = plan.normalise(answer)
    found = [] if full["outcomes"] else ["The plan has no outcomes yet: write them first, then a leading and a "
                                         "lagging measure for each."]
    for oid, gaps in plan.measure_gaps(full).items():
        found.extend(f"{oid}: {gap}. Each outcome needs a leading measure (moves first, within weeks) and a lagging "
                     "one (the result it drives), each with a baseline, a target and a source." for gap in gaps)
    if not plan.has_guardrail(full):
        found.append("The plan has no guardrail: name a measure that must not get worse while you push the "
                     "outcomes, and its limit (e.g. 'first-year cancellations stay below 15%').")
    return found


def _traced_problems(answer) -> list[str]:
    from workshop_utils import plan

    full = plan.normalise(answer)
    if not full["deliverables"]:
        return ["The plan has no deliverables: start it from your charter (Fernhill's, or your own team's)."]
    found = [f"{did} is not traced: place it under the outcome it would move, as an option, or drop it."
             for did in plan.untraced(full)]
    if len(plan.dropped(full)) == len(full["deliverables"]):
        found.append("Every deliverable is dropped: keep the ones that could cause an outcome, as its options.")
    for oid in plan.outcome_ids(full):
        if not plan.options_for(full, oid):
            found.append(f"{oid} has no deliverable under it: put at least one option under it (a new one is fine), "
                         "or merge it with another outcome.")
    return found


def _whole_plan(answer, full: bool) -> checks.Feedback:
    from workshop_utils import plan

    return plan.feedback(answer, full)


def _untouched(answer) -> bool:
    """Nothing written yet: the builder's starting plan (its deliverables listed, none placed), title and team
    aside."""
    from workshop_utils import plan

    full = plan.normalise(answer)
    written = [full[key] for key in ("why", "outcomes", "guardrails", "partners", "cadence", "checkin_30_days")]
    placed = [d for d in full["deliverables"] if d["outcome"] or str(d["assumption"]).strip()]
    return not any(str(value).strip() if isinstance(value, str) else value for value in written) and not placed


def _structure(find, passed: str, prompt: str):
    def run(answer, full: bool) -> checks.Feedback:
        if _untouched(answer):
            return checks.Feedback(False, "No answer yet.", hint=prompt)
        problems = find(answer)
        if problems:
            return _first(problems)
        return checks.Feedback(True, passed)

    return run


_OUTCOMES_PROMPT = ("Build your plan with the builder: a why, and 3 to 5 outcomes, each with its statement, who, "
                    "behaviour, measure, baseline and where it comes from, target and timeframe.")
_MEASURES_PROMPT = ("For each outcome, a leading and a lagging measure with a baseline, a target and a source; and at "
                    "least one guardrail with its limit.")
_TRACED_PROMPT = ("Place every deliverable under the outcome it could cause, as an option, or drop it; every outcome "
                  "needs at least one option.")

PLAN_RUBRIC = {
    "outcomes (1.5)": "Three to five outcomes, each a change in what named people do that would move the why: not "
                      "an output, the use of a feature (traction), an attitude or the goal restated. Half a point "
                      "off for each outcome that is not.",
    "measures and baselines (1)": "Each outcome has a leading measure the team can move within weeks and a lagging "
                                  "one it drives, with a baseline from a named, real source (or a dated plan to "
                                  "get one) and a target that is ambitious but possible.",
    "guardrails (1)": "At least one guardrail that would catch the outcome being pushed the wrong way (a "
                      "counter-effect, Kohavi et al. 2020; paired key results, Doerr 2018), not the outcome's own "
                      "measure or a traction count.",
    "deliverables as options (1)": "Each kept deliverable sits under an outcome it could plausibly cause, with the "
                                   "assumption it rests on; deliverables that trace to no behaviour change are "
                                   "dropped; and the sentences name at least one new option the charter lacks "
                                   "(deliverables are options, Adzic 2012).",
    "partners (0.5)": "Names at least one partner the team does not own (another team, a supplier, a regulator) "
                      "with a specific ask and what is in it for them (module 05).",
    "cadence and 30-day check-in (1)": "A cadence to look at the leading measures and to recalibrate the plan "
                                       "(continue, pivot or stop each option, module 03), and a 30-day check-in that "
                                       "names what will be looked at and what would change the plan.",
}

PLAN_WHY_SOLUTION = (
    "I planned Fernhill's Trail Club charter. Its goal is repeat purchases, so each outcome is something members "
    "would do that brings them back: a second purchase in the first 90 days (O1), repairing, renting or trading in "
    "instead of replacing (O2), and collecting online orders in store (O3, which also lowers the cost to serve). "
    "Each has a leading measure we can watch every two weeks and the revenue or cost it should move later, with "
    "baselines from the membership, booking and order systems. Discount cost per new member guards O1 against "
    "buying the behaviour, and first-year cancellations guard the whole plan. I dropped the logo refresh, the CRM "
    "migration and the dashboard because no member would do anything differently; the other seven sit under the "
    "outcome they could cause, each on an assumption we can test; one option the charter lacks is a repair voucher "
    "in the welcome emails, which would serve O2 from a member's first month. Store Operations and Finance are "
    "partners we do not own: we ask them for the repair offer at the till and a cohort revenue split, and offer "
    "them credit for repairs and one agreed number. We look at the leading measures every two weeks and "
    "recalibrate quarterly; in 30 days we confirm the baselines and pivot C01 if welcome-offer opens have not moved.")


QUESTIONS = [
    # --- Practice in the lesson (points 0, whole check) ----------------------------------------
    checks.Question(
        qid="m06.practice_sort", title="Practice: Fernhill's charter as options under outcomes", kind="classify",
        points=0,
        prompt="Put each deliverable of Fernhill's 2027 Trail Club charter under the outcome it could cause, or "
               "drop it.",
        check=checks.classification(PRACTICE_SORT, explain=PRACTICE_SORT_EXPLAIN),
        options=tuple(PRACTICE_SORT), labels=PRACTICE_LABELS, solution=dict(PRACTICE_SORT),
        misconception=PRACTICE_SLIP,
        hints=("Ask of each deliverable whose behaviour it could change, and which of the three outcomes that "
               "behaviour is. A deliverable that changes no member's behaviour is dropped, however far along or "
               "well meant (module 02).",
               "A library with the outcome 'members borrow e-books': a reading app with one-tap loans is an option "
               "under it; a new library logo and a server move change nobody's borrowing, so they are dropped. Do "
               "the same for each of the charter's ten, using the three outcomes O1, O2 and O3 from the lesson."),
        why="Each kept deliverable could make members do one of the three things (buy again within 90 days, "
            "repair, rent or trade in, collect in store); a logo, a database migration and an executive dashboard "
            "change no member's behaviour, so they are dropped.",
    ),
    checks.Question(
        qid="m06.practice_outcome", title="Practice: one outcome of your own plan", kind="text", points=0,
        prompt="Draft one outcome statement for your plan (Fernhill's charter or your own): who will do what "
               "differently, from X to Y, by when, without what getting worse?",
        check=None,
        hints=("A well-formed outcome says who will do what differently, a measure from X to Y, by when, and "
               "without what getting worse (a guardrail). Start from the people and the behaviour, not the "
               "deliverable.",
               "The lesson's O1 is the pattern: 'New members who make a second purchase within 90 days of joining "
               "rise from 22% to 30% by December 2027, while the discount cost per member stays under €6.' Write "
               "O2 or one of your own with the same five parts."),
    ),
    checks.Question(
        qid="m06.deliverables", title="Your deliverables", kind="text", points=0,
        prompt="Paste your team's deliverables (one per line, or the template's columns), or keep Fernhill's "
               "charter.",
        check=None,
        hints=("Paste your team's deliverables one per line, or copy a spreadsheet with a header row; only the "
               "deliverable column is needed. If you have none to hand, keep Fernhill's charter.",
               "For example, three lines: 'New booking form', 'Staff training on the new form', 'Dashboard for the "
               "board'. The box reads each line as one deliverable, and the plan builder then asks you to place "
               "each under an outcome or drop it."),
    ),
    checks.Question(
        qid="m06.plan", title="Your outcome plan", kind="plan", points=0,
        prompt="Build your outcome plan: a why, 3 to 5 outcomes with their measures, guardrails, partners, every "
               "deliverable under an outcome or dropped, a cadence and a 30-day check-in.",
        check=_whole_plan,
        solution=FERNHILL_PLAN,
        hints=("Work through the plan's parts in order: the why, 3 to 5 outcomes with their measures, guardrails, "
               "partners, every deliverable placed or dropped, then a cadence and a 30-day check-in. Check lists "
               "what is still missing.",
               "Start as the lesson did: draft = plan.from_deliverables(charter, title=..., why=...) gives the "
               "skeleton, and plan.problems(draft) lists what is missing, one line each. Write one outcome in full "
               "(the lesson's O1 table), check again, and fill the next gap the list names."),
        why="A complete plan says whose behaviour must change and how you will know (a leading and a lagging "
            "measure with baselines and sources), catches gaming with a guardrail, treats every deliverable as an "
            "option or drops it, and says when it will be recalibrated.",
    ),
    # --- The graded set, Part A: Kestrel Valley Buses ------------------------------------------
    checks.Question(
        qid="m06.sort", title="Kestrel Valley Buses: options under outcomes, or drop", kind="classify", points=3,
        prompt="Kestrel Valley Buses' 2027 charter lists eleven deliverables. Put each under the one outcome it "
               "could cause, as an option, or drop it.",
        check=checks.classification(SORT_KEY, visible=_SORT_VISIBLE, explain=SORT_EXPLAIN),
        options=tuple(SORT_KEY), labels=SORT_LABELS, solution=dict(SORT_KEY), misconception=SORT_SLIP,
        unseen="statements",
        hints=("Ask of each deliverable whose behaviour it could change, and which outcome that is: commuters "
               "riding to work, riders paying without cash, older residents travelling on their own. If it changes "
               "no rider's behaviour, drop it.",
               "A library with two outcomes, 'members borrow e-books' and 'children join the summer reading club': "
               "a one-tap loan in the app goes under the first, school visits under the second, and a new logo or "
               "a server migration is dropped. Watch for a deliverable that shares an outcome's words but changes "
               "no one's behaviour."),
        why="Each kept deliverable gives one group a reason or a way to change what it does (commute by bus, pay "
            "by card or phone, travel alone); surveys, a new pass design, back-office safes, a vendor migration "
            "and a board dashboard change no rider's behaviour, so they are dropped.",
    ),
    checks.Question(
        qid="m06.well_formed", title="Kestrel Valley Buses: which outcome statements are well-formed?", kind="select",
        points=3,
        prompt="Tick every statement that is a well-formed outcome: who, what they do differently, a measure, from "
               "X to Y, by when.",
        check=checks.selection(list(WELL_FORMED_KEY), WELL_FORMED_OPTIONS, WELL_FORMED_EXPLAIN),
        options=WELL_FORMED_OPTIONS, solution=list(WELL_FORMED_KEY), misconception=WELL_FORMED_SLIP,
        unseen="statements",
        hints=("Check each statement against the five parts: who, what they do differently, a measure, from X to "
               "Y, and by when. A statement that misses any one, or counts the organisation's own work or an "
               "opinion rather than a behaviour, is not well-formed.",
               "Two from a library: 'Members who borrow at least one e-book a month rise from 8% to 20% by "
               "December' has all five parts. 'Install 40 self-service kiosks by June, up from 10' counts the "
               "library's own work, and 'Members like the new website more' has no from-to or date. Test each of "
               "Kestrel's the same way."),
        why="A well-formed outcome names people, a behaviour they change, a measure of it from a baseline to a "
            "target, and a date; the others count Kestrel's own output, a download that changes no journey, a "
            "satisfaction score rather than a behaviour, or give no measure at all.",
    ),
    checks.Question(
        qid="m06.guardrails", title="Guardrails for paying without cash", kind="select", points=3,
        prompt="Kestrel pushes riders to pay by card or phone instead of cash. Tick every measure that makes a good "
               "guardrail: something that must not get worse meanwhile.",
        check=checks.selection(GUARDRAIL_KEY, tuple(GUARDRAIL_OPTIONS), GUARDRAIL_EXPLAIN),
        options=tuple(GUARDRAIL_OPTIONS), solution=list(GUARDRAIL_KEY), misconception=GUARDRAIL_SLIP,
        unseen="statements",
        hints=("A guardrail is something that must not get worse while you push the main measure: it catches the "
               "cost of pushing. Ask who could be harmed by the push, and whether the measure would show it.",
               "A supermarket pushes self-checkout. Who could the push harm? Shoppers who struggle with the "
               "machines, and the shop itself if more goods leave unpaid. So 'losses at the tills per £1,000 of "
               "sales must not rise' is a guardrail: it would show that harm. Ask the same two questions of each of "
               "Kestrel's measures."),
        why="Each good guardrail shows a harm the push for cashless payment could cause: riders who relied on cash "
            "travelling less, people charged wrongly, or income per journey falling. The share paid by card or "
            "phone is the main measure, and downloads and readers fitted are output.",
    ),
    # --- The graded set, Part B: the participant's own plan --------------------------------------
    checks.Question(
        qid="m06.plan_outcomes", title="Your plan: its why and its outcomes", kind="plan", points=3,
        prompt=_OUTCOMES_PROMPT,
        check=_structure(_outcomes_problems, "Every outcome has who, behaviour, measure, baseline and its source, "
                                             "target and timeframe, and reads as an outcome. How good they are is "
                                             "for your facilitator to judge.", _OUTCOMES_PROMPT),
        solution=FERNHILL_PLAN,
        hints=("Each outcome needs who, behaviour, measure, baseline with where it comes from, target and "
               "timeframe, and it must read as people doing something differently, not as a deliverable. Check "
               "lists what is missing.",
               "Take one deliverable of your charter and ask whose behaviour it is meant to change: a new booking "
               "form might be for 'patients book their own follow-up appointments online, from 15% to 40% by June, "
               "baseline from the booking system'. Fill the builder's fields from that sentence, then write the "
               "next outcome."),
        why="Every outcome in the model plan names people and a behaviour, measures it from a baseline whose "
            "source is stated to a target by a date, and ties back to the why: that is what makes it an outcome "
            "that can be checked.",
    ),
    checks.Question(
        qid="m06.plan_measures", title="Your plan: leading and lagging measures, guardrails", kind="plan", points=3,
        prompt=_MEASURES_PROMPT,
        check=_structure(_measures_problems, "Each outcome has a leading and a lagging measure with baseline, target "
                                             "and source, and the plan has a guardrail.", _MEASURES_PROMPT),
        solution=FERNHILL_PLAN,
        hints=("For each outcome: a leading measure that moves within weeks and the team can influence, and a "
               "lagging one it drives, each with a baseline, a target and a source; and at least one guardrail "
               "with its limit.",
               "The lesson's O1: leading, '% of new members who open a welcome offer within 14 days' (email "
               "platform, weekly); lagging, 'revenue from members' repeat purchases' (finance, yearly); guardrail, "
               "'discount cost per new member stays under €6'. Give each of your outcomes the same three."),
        why="A leading measure shows within weeks whether the option works, the lagging one shows whether the "
            "result follows, and a guardrail with a limit catches the outcome being pushed at a cost: each with a "
            "baseline and a source, so the 30-day check-in has something to read.",
    ),
    checks.Question(
        qid="m06.plan_traced", title="Your plan: every deliverable traced", kind="plan", points=3,
        prompt=_TRACED_PROMPT,
        check=_structure(_traced_problems, "Every deliverable is placed under an outcome or dropped, and every "
                                           "outcome has an option.", _TRACED_PROMPT),
        solution=FERNHILL_PLAN,
        hints=("Place every deliverable of your charter under the outcome it could cause, as an option, or drop "
               "it; then check that every outcome has at least one option.",
               "Ask of each deliverable 'whose behaviour could this change?'. A new booking form goes under the "
               "outcome about booking online; a dashboard for the board changes no one's behaviour and is dropped. "
               "When an outcome is left without an option, name a new one or ask whether the outcome belongs in "
               "the plan."),
        why="Each deliverable in the model plan hangs under the outcome it could cause, and the ones that change "
            "no one's behaviour are dropped; every outcome keeps at least one option, so the plan can be "
            "recalibrated option by option.",
    ),
    checks.Question(
        qid="m06.plan_review", title="Your outcome plan, judged as a whole", kind="text", points=6,
        prompt="In a few sentences for your facilitator: why these outcomes, what you dropped and why, whom you "
               "will ask for what, and what you will look at in 30 days.",
        check=None,
        solution=PLAN_WHY_SOLUTION,
        why=("Each outcome is a change in what members do that the goal needs; every measure has a source and a "
             "guardrail catches the obvious way to game it; deliverables are options that can be stopped; partners "
             "are asked for something specific with something in return; and the 30-day check-in says what would "
             "change the plan."),
        rubric=PLAN_RUBRIC,
        hints=("Write for your facilitator in four parts: why these outcomes (the behaviour the goal needs), what "
               "you dropped and why, whom you will ask for what with what in return, and what you will look at in "
               "30 days.",
               "For a library's plan it might read: 'Our goal is more reading, so our outcomes are borrowing "
               "e-books and children joining the summer club. We dropped the new logo: it changes no one's "
               "reading. We ask schools for a visit slot and offer them reading data. In 30 days we look at "
               "first-time e-book loans.' Write yours the same way."),
    ),
]


def summary(answer):
    """The plan's take-away (``plan.to_markdown``) shown in a notebook, as the grader reads it: headings one level
    down (the notebook keeps its one H1) and the still-to-do list as plain bullets (JupyterLab draws a Markdown task
    list as checkboxes without labels)."""
    import re as _re

    from IPython.display import Markdown

    from workshop_utils import plan

    text = plan.to_markdown(answer)
    text = _re.sub(r"^(#+) ", r"#\1 ", text, flags=_re.MULTILINE)
    return Markdown(_re.sub(r"^- \[ \] ", "- ", text, flags=_re.MULTILINE))


def _project_mindset_plan() -> dict:
    """The typical wrong hand-in: the charter restated. Each 'outcome' is a deliverable with a date, measured by
    delivery; no leading measure, source or guardrail; every deliverable kept, under the 'outcome' of its team's
    work, none dropped (so its deliverables are all placed: only the hand-graded rubric can say they should not
    all be there)."""
    outputs = [("O1", "Launch the welcome emails and double points by April 2027", ("Marketing", "Loyalty")),
               ("O2", "Deliver repair booking and the rental bundle by May 2027", ("Digital", "Rental", "IT Platform")),
               ("O3", "Install click & collect lockers in 10 stores by August 2027", ("Store Operations",))]
    return {
        "title": "Trail Club relaunch 2027", "team": "Membership and Loyalty", "why": CHARTER_GOAL,
        "outcomes": [{"id": oid, "statement": text, "who": "We", "behaviour": "", "measure": "delivered on time",
                      "baseline": "", "baseline_source": "", "target": "100%", "timeframe": "2027",
                      "leading": [], "lagging": [_measure("deliverables done on time", "", "100%", "")]}
                     for oid, text, _ in outputs],
        "guardrails": [], "partners": [],
        "deliverables": [{"id": line.id, "deliverable": line.deliverable,
                          "outcome": next(oid for oid, _, teams in outputs if line.team in teams), "assumption": ""}
                         for line in _CHARTER],
        "cadence": "Monthly steering committee", "checkin_30_days": "",
    }


def _half_placed_plan() -> dict:
    """The worked plan with the deliverables nobody could place left where the charter had them: nowhere."""
    return {**FERNHILL_PLAN, "deliverables": [{**d, "outcome": "" if d["outcome"] == "drop" else d["outcome"]}
                                              for d in FERNHILL_PLAN["deliverables"]]}


def examples() -> dict:
    """For tests: per autograded question, (an answer that scores full marks, a typical wrong one)."""
    wrong_plan = _project_mindset_plan()
    return {
        "m06.practice_sort": (dict(PRACTICE_SORT), PRACTICE_SLIP),
        "m06.plan": (FERNHILL_PLAN, wrong_plan),
        # "A deliverable that names the outcome's words belongs to it."
        "m06.sort": (dict(SORT_KEY), SORT_SLIP),
        # "A number moving and a date make an outcome."
        "m06.well_formed": (list(WELL_FORMED_KEY), WELL_FORMED_SLIP),
        # "A guardrail is any measure of the same outcome."
        "m06.guardrails": (list(GUARDRAIL_KEY), GUARDRAIL_SLIP),
        # The charter restated with dates: outputs as outcomes, delivery as the measure, no source or guardrail.
        "m06.plan_outcomes": (FERNHILL_PLAN, wrong_plan),
        "m06.plan_measures": (FERNHILL_PLAN, wrong_plan),
        # "What we would not do can stay unplaced": no deliverable dropped in writing.
        "m06.plan_traced": (FERNHILL_PLAN, _half_placed_plan()),
    }
