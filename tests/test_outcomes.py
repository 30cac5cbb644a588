"""The outcome-statement assessor: kinds, the seven criteria, hints, bad input, speed, and accuracy.

Run with ``-s`` to see the accuracy figures on the development and held-out sets.
"""

from __future__ import annotations

import csv
import dataclasses
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workshop_utils.errors import WorkshopError
from workshop_utils.outcomes import CRITERIA, LABELS, Assessment, assess, counts_use_or_opinion

from .outcome_dev_examples import CRITERIA_EXAMPLES, KIND_EXAMPLES, SPOT_CHECKS, TRAP_EXAMPLES

EVAL = Path(__file__).resolve().parent / "eval"
TRUE_WORDS = {"true", "1", "yes", "y", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "f", ""}


def best_seconds(fn, repeats: int = 3) -> float:
    """Shortest of a few runs: the machines here are noisy, and a slow run says little about the code."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


# ---------------------------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------------------------


def test_criteria_and_labels():
    assert CRITERIA == ("who", "behaviour", "measure", "baseline", "target", "timeframe", "guardrail")
    assert set(LABELS) == set(CRITERIA)
    assert LABELS["who"] == "Whose behaviour changes?"
    assert all(label.endswith("?") for label in LABELS.values())


def test_assessment_is_frozen_with_every_criterion():
    result = assess("Members redeem a reward each quarter")
    assert isinstance(result, Assessment)
    assert list(result.criteria) == list(CRITERIA)
    assert all(isinstance(value, bool) for value in result.criteria.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.kind = "output"
    assert isinstance(result.hints, tuple) and isinstance(result.summary, str) and result.summary
    assert "✓ who" in result.report() and f"Next: {result.next_hint}" in result.report()
    assert result.report().count("Next:") == 1, "one hint at a time"
    assert "workshop-assessment" in result._repr_html_()


def test_import_stays_light():
    heavy = ("pandas", "altair", "ipywidgets", "nbgrader")
    code = f"import sys, workshop_utils.outcomes; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# Kind: output vs outcome
# ---------------------------------------------------------------------------------------------

BRIEF_CASES = [
    ("Build a portal for customers to view invoices", "output"),  # leading delivery verb, customers notwithstanding
    ("Increase the share of claims filed online from 20% to 45%", "outcome"),
    ("Reduce call volume by 20%", "outcome"),
    ("Migrate 40 stores with 99.9% uptime by March", "output"),  # numbers never decide the kind
    ("Train 600 staff", "output"),
    ("Hold 12 workshops for suppliers", "output"),
    ("Rollout of the new rostering tool to every ward", "output"),
    ("Implementation of online enrolment by September", "output"),
    ("The new billing system will be delivered in Q3", "output"),
    ("Deliver the new claims portal on budget", "output"),
    ("Repeat purchase rate rises from 18% to 25%", "outcome"),
    ("Fewer customers call about their bills", "outcome"),
    ("Complaints about late deliveries fall by a third", "outcome"),
    ("Adoption of e-invoicing grows among suppliers", "outcome"),
]


@pytest.mark.parametrize(("text", "kind"), BRIEF_CASES, ids=[t[:40] for t, _ in BRIEF_CASES])
def test_kind_on_the_cases_the_brief_names(text, kind):
    assert assess(text).kind == kind, assess(text).report()


def test_output_keeps_its_kind_whatever_numbers_dates_and_budgets_it_carries():
    for text in ("Launch the loyalty app", "Launch the loyalty app by Q3 2026 for £2m with 14 features",
                 "Launch the loyalty app to 80,000 members by June with 99.95% availability"):
        assert assess(text).kind == "output", text


@pytest.mark.parametrize("subject", ["We will", "The IT team will", "Our vendor will", "The council will"])
def test_the_team_or_organisation_as_subject_is_an_output(subject):
    assert assess(f"{subject} roll out smart meters to 200,000 homes").kind == "output"


def test_capability_is_an_output_behaviour_is_an_outcome():
    assert assess("Customers can track their parcels in real time").kind == "output"
    assert assess("Let policyholders upload photos of damage in the app").kind == "output"
    assert assess("Customers track their parcels in the app instead of calling us").kind == "outcome"


def test_influencing_people_is_an_outcome_supporting_them_is_an_output():
    assert assess("Help small businesses file VAT returns on time").kind == "outcome"
    assert assess("Encourage older customers to use online banking").kind == "outcome"
    assert assess("Support 500 small businesses with free digital skills training").kind == "output"


def test_change_verb_object_decides():
    assert assess("Improve the checkout page").kind == "output"
    assert assess("Improve checkout conversion from 2.1% to 2.8%").kind == "outcome"
    assert assess("Improve page load time to under 2 seconds").kind == "output"
    assert assess("Increase the number of staff trained to 600").kind == "output"
    assert assess("Increase the number of tenants who pay online").kind == "outcome"


# ---------------------------------------------------------------------------------------------
# The seven criteria, each with positive and negative examples from varied industries
# ---------------------------------------------------------------------------------------------

CRITERION_CASES = {
    "who": (
        ["Tenants report repairs online",  # housing
         "Small businesses reorder stock without calling sales",  # wholesale
         "Increase the share of policyholders who renew online",  # insurance
         "Monthly active users of the banking app grow"],  # banking
        ["Reduce call volume by 20%",  # telecoms: no one named
         "We will train 600 store staff",  # the team, and staff only as the object of training
         "Increase repeat purchases",  # retail
         "Launch the new patient app"],  # healthcare
    ),
    "behaviour": (
        ["Students submit coursework online",  # university
         "Reduce no-shows at vaccination clinics",  # healthcare
         "Grow the share of households that switch to a smart tariff",  # energy
         "Readers renew their digital subscription for a second year"],  # media
        ["Increase revenue by 10%",  # a result, not a behaviour
         "Open rates of the weekly newsletter rise",  # media: opens are traction
         "Visitors download the museum app",  # culture: downloads are traction
         "Residents trust the council more",  # an attitude
         "Install 500 chargers across the city",  # energy
         "Publish an updated guide to housing benefit",  # public services
         "Customer satisfaction above 85%"],  # a feeling
    ),
    "measure": (
        ["Raise the share of invoices paid within 30 days",  # B2B
         "Drivers complete 95% of deliveries on the first attempt",  # logistics
         "Warehouse staff pick 120 lines an hour",  # logistics
         "Cut average handling time for claims"],  # insurance
        ["More households switch to a smart tariff",  # energy
         "Patients miss fewer appointments",  # healthcare
         "Citizens apply for parking permits online",  # local government
         "Launch the app by June 2026"],  # a date is not a measure
    ),
    "baseline": (
        ["Increase online renewals from 30% to 45%",  # insurance
         "60% of suppliers update stock weekly, up from 25% today",  # manufacturing
         "Currently 18% of tenants pay by direct debit",  # housing
         "70% of students log in weekly, compared with 45% this year"],  # university
        ["Increase online renewals to 45%",  # no starting point
         "Migrate the claims system from the old platform",  # "from" a place, not a level
         "Grow weekly logins by 20%",  # relative change only
         "Customers pay online by 2027"],  # B2C
    ),
    "target": (
        ["Increase online renewals from 30% to 45%",
         "Reach 10,000 monthly active users",  # SaaS
         "Reduce call volume by 20%",  # telecoms
         "Lift the share of members who redeem to at least 50%"],  # loyalty
        ["Increase online renewals from 30%",  # only the baseline
         "Patients book follow-ups online",  # healthcare
         "Cut the share of patients who wait more than 18 weeks",  # a definition, not a goal
         "Grow repeat bookings by March 2027"],  # a date is not a target
    ),
    "timeframe": (
        ["Reduce no-shows from 15% to 8% within six months",  # healthcare
         "By Q4 2026, 60% of clients approve quotes online",  # B2B
         "Borrowers repay on time by the end of the year",  # banking
         "Members book classes in the app this year",  # fitness
         "Shippers book online by FY27"],  # logistics
        ["Shoppers collect their orders within two days",  # part of the behaviour, not a deadline
         "Members redeem a reward each quarter",  # a frequency
         "Lower readmissions within 30 days of discharge",  # a metric window
         "Reduce call volume by 20%"],  # "by" an amount
    ),
    "guardrail": (
        ["Grow online claims while keeping complaints below 2%",  # insurance
         "Cut call volume without raising repeat contacts",  # telecoms
         "Raise renewals, provided cancellations do not rise",  # media
         "Halve queue times as long as the average spend per visit does not fall",  # retail
         "Lift logins by 20%, with no increase in helpdesk calls"],  # SaaS
        ["Policyholders renew without a reminder call",  # "without" describing the behaviour
         "Users run payroll without contacting support",  # B2B software
         "Drivers listen to safety briefings while driving",  # "while" describing the behaviour
         "Increase online claims from 20% to 45% by 2026"],
    ),
}
CRITERION_PARAMS = [(name, text, True) for name, (yes, _) in CRITERION_CASES.items() for text in yes] + \
                   [(name, text, False) for name, (_, no) in CRITERION_CASES.items() for text in no]


@pytest.mark.parametrize(("criterion", "text", "expected"), CRITERION_PARAMS,
                         ids=[f"{c}-{'yes' if e else 'no'}-{t[:30]}" for c, t, e in CRITERION_PARAMS])
def test_each_criterion(criterion, text, expected):
    result = assess(text)
    assert result.criteria[criterion] is expected, result.report()


def test_well_formed_needs_an_outcome_and_six_criteria_but_not_a_guardrail():
    six = "Drivers complete 95% of deliveries on the first attempt, up from 86%, by the end of Q3."
    result = assess(six)
    assert result.well_formed and not result.criteria["guardrail"]
    assert assess(six[:-1] + ", while keeping overtime below 5%.").well_formed
    output = assess("Migrate 40 stores to the new tills from 20% to 100% by March 2026, without downtime")
    assert output.kind == "output" and not output.well_formed
    assert not assess("Drivers complete 95% of deliveries on the first attempt, up from 86%").well_formed


# ---------------------------------------------------------------------------------------------
# Hints and evidence
# ---------------------------------------------------------------------------------------------


def test_output_hint_quotes_the_participants_words():
    result = assess("Launch the app by June")
    assert result.kind == "output"
    assert 'You wrote "Launch the app"' in result.hints[0]
    assert "Who would behave differently" in result.hints[0]


def test_output_with_so_that_points_to_the_outcome_part():
    result = assess("Deliver a new onboarding flow so that more trial users convert to paid plans")
    assert result.kind == "output"
    assert any('"more trial users convert to paid plans"' in hint for hint in result.hints)


def test_missing_parts_get_specific_hints():
    result = assess("Members redeem more rewards")
    text = " ".join(result.hints)
    assert 'Add "from X"' in text and 'Add "to Y"' in text and "By when?" in text
    we = assess("We want to increase online renewals from 30% to 45% by June")
    assert any('"We"' in hint for hint in we.hints), "a 'we' statement is told that the team is not a who"
    vague = assess("Grow the number of tenants who report repairs online")
    assert any("from X" in hint for hint in vague.hints)


def test_no_hints_for_a_well_formed_outcome_with_a_guardrail():
    result = assess("Increase the share of home-insurance claims that customers file online from 20% to 45% "
                    "by the end of 2026, while keeping complaint rates below 2%.")
    assert result.well_formed and result.criteria["guardrail"]
    assert result.hints == ()
    assert "well-formed" in result.summary


@pytest.mark.parametrize("text", [t for t, _ in CRITERIA_EXAMPLES[:20]],
                         ids=[t[:30] for t, _ in CRITERIA_EXAMPLES[:20]])
def test_every_tick_has_evidence_from_the_text(text):
    result = assess(text)
    for name, ticked in result.criteria.items():
        if ticked:
            assert result.evidence.get(name), f"{name} is ticked without evidence"
            assert result.evidence[name].rstrip(".").lower() in text.lower(), (name, result.evidence[name])
        else:
            assert name not in result.evidence


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, 42, 3.5, b"Launch the app", ["Launch the app"], {"text": "x"}])
def test_non_string_raises_a_workshop_error(bad):
    with pytest.raises(WorkshopError, match="Give the statement as text"):
        assess(bad)


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n"])
def test_empty_is_unclear_with_a_hint(text):
    result = assess(text)
    assert result.kind == "unclear" and not any(result.criteria.values()) and not result.well_formed
    assert result.hints and "sentence" in result.hints[0]


@pytest.mark.parametrize("text", ["🚀🚀🚀", "12345 %%% 678", "提高客户在线续保的比例",
                                  "Увеличить долю онлайн-заявок до 45%",
                                  "Lancer la nouvelle application mobile pour nos clients avant la fin de l'année",
                                  "Die Kunden bestellen häufiger online und rufen seltener an", "\x00\x01\x02"])
def test_unreadable_or_non_english_is_unclear_with_a_hint(text):
    result = assess(text)
    assert result.kind == "unclear" and not any(result.criteria.values())
    assert result.hints


def test_non_english_hint_says_english_only():
    assert "English only" in assess("提高客户在线续保的比例").hints[0]


def test_emoji_around_english_does_not_get_in_the_way():
    result = assess("🚀 Members redeem a reward each quarter, from 12% to 20% by December 🎉")
    assert result.kind == "outcome" and result.well_formed


def test_long_text_is_cut_to_its_first_sentences_and_returns_fast():
    long = "Tenants report repairs online, from 30% to 60% by June 2026. " + "More words here. " * 6000
    assert len(long) > 100_000
    seconds = best_seconds(lambda: assess(long))
    result = assess(long)
    # Not a speed test (benchmarks/assess.py measures speed): a regular expression that backtracks
    # without bound would take minutes here, so a generous bound still catches it on a busy machine.
    assert seconds < 2, f"100 KB took {seconds * 1000:.1f} ms"
    assert len(result.text) <= 2000 and result.kind == "outcome"
    assert "one or two sentences" in result.hints[-1]
    one_word = "x" * 100_000
    assert best_seconds(lambda: assess(one_word)) < 2
    assert assess(one_word).kind == "unclear"


def test_random_unicode_never_crashes():
    rng = random.Random(7)
    ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x4E00, 0x4FFF), (0x1F300, 0x1F6FF),
              (0x0600, 0x06FF), (0x2000, 0x206F), (0x0300, 0x036F)]
    for _ in range(300):
        chars = []
        for _ in range(rng.randint(1, 120)):
            low, high = rng.choice(ranges)
            chars.append(chr(rng.randint(low, high)))
        result = assess("".join(chars))
        assert result.kind in ("output", "outcome", "unclear")
    for text in ("İstanbul customers renew online", "ﬁle claims online", "Ünïcödé customers book online", "\ud800"):
        assert assess(text).kind in ("output", "outcome", "unclear")


# ---------------------------------------------------------------------------------------------
# Accuracy on the development set (tuned on) and the held-out set (not)
# ---------------------------------------------------------------------------------------------


def _kind_accuracy(rows: list[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """label -> (right, total), plus "all"."""
    tally: dict[str, list[int]] = {}
    for text, kind in rows:
        got = assess(text).kind
        for key in (kind, "all"):
            tally.setdefault(key, [0, 0])
            tally[key][0] += got == kind
            tally[key][1] += 1
    return {key: (right, total) for key, (right, total) in tally.items()}


def _criteria_accuracy(rows: list[tuple[str, dict[str, bool]]]) -> dict[str, tuple[int, int]]:
    tally = {name: [0, 0] for name in (*CRITERIA, "well_formed")}
    for text, expected in rows:
        result = assess(text)
        got = {**result.criteria, "well_formed": result.well_formed}
        for name, value in expected.items():
            if name in tally:
                tally[name][0] += got[name] == value
                tally[name][1] += 1
    return {name: (right, total) for name, (right, total) in tally.items() if total}


def _figures(tally: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{key} {right}/{total} = {right / total:.1%}" for key, (right, total) in tally.items())


@pytest.mark.parametrize("text, expected", SPOT_CHECKS, ids=[t[:40] for t, _ in SPOT_CHECKS])
def test_spot_check_statements_agree_with_the_rubric_exactly(text, expected):
    """Wordings a spot check of the assessor against the rubric got wrong once (passives, clauses, rates,
    "per cent", clicks, totals): each verdict must now agree with the rubric on every criterion."""
    result = assess(text)
    got = {**result.criteria, "well_formed": result.well_formed}
    assert {k: got[k] for k in expected} == expected, result.report()


def test_dev_set_is_large_and_varied():
    assert len(KIND_EXAMPLES) >= 60 and len(CRITERIA_EXAMPLES) >= 30
    kinds = {kind for _, kind in KIND_EXAMPLES}
    assert kinds == {"output", "outcome", "unclear"}


def test_dev_set_accuracy():
    kinds = _kind_accuracy(KIND_EXAMPLES)
    criteria = _criteria_accuracy(CRITERIA_EXAMPLES)
    print(f"\ndev kind: {_figures(kinds)}\ndev criteria: {_figures(criteria)}")
    for key, (right, total) in {**kinds, **criteria}.items():
        assert right / total >= 0.95, f"dev {key}: {right}/{total}. All: {_figures(kinds)}; {_figures(criteria)}"


def _flag(value: str, column: str) -> bool:
    word = (value or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"column {column!r}: {value!r} is not a yes/no value")


# tests/eval/ was written blind, then looked at once while tuning (its figures are optimistic);
# tests/eval/holdout2/ was written blind afterwards and has never been tuned against; tests/eval/holdout3/
# was labelled before the assessor first ran on it, and has never been tuned against either.
HELD_OUT = {"held-out 1 (tuned once)": "", "held-out 2 (blind)": "holdout2/", "held-out 3 (blind)": "holdout3/"}


def _read_csv(name: str) -> list[dict[str, str]]:
    path = EVAL / name
    if not path.exists():
        pytest.skip(f"held-out set {path.relative_to(EVAL.parent.parent)} is not present (it is written separately)")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("label,folder", HELD_OUT.items())
def test_held_out_kind_accuracy(label, folder):
    rows = _read_csv(folder + "short_statements.csv")
    data = [(row["text"], row["kind"].strip().lower()) for row in rows]
    tally = _kind_accuracy(data)
    message = f"{label} kind ({len(data)} short statements): {_figures(tally)}"
    print("\n" + message)
    right, total = tally["all"]
    assert right / total >= 0.90, message
    for label in ("output", "outcome"):
        if label in tally:
            assert tally[label][0] / tally[label][1] >= 0.85, message


@pytest.mark.parametrize("label,folder", HELD_OUT.items())
def test_held_out_well_formed_accuracy(label, folder):
    rows = _read_csv(folder + "full_statements.csv")
    data = [(row["text"], {name: _flag(row[name], name) for name in (*CRITERIA, "well_formed") if name in row})
            for row in rows]
    tally = _criteria_accuracy(data)
    message = f"{label} criteria ({len(data)} full statements): {_figures(tally)}"
    print("\n" + message)
    right, total = tally["well_formed"]
    assert right / total >= 0.90, message


# Measured once on holdout 3 after the traps were added (kind 40/44, well-formed 34/35); the floors are one or
# two rows below, so a change that loses more than that fails here (benchmarks/assess.py prints blind3_*).
HOLDOUT3_FLOORS = {"kind": 0.88, "well_formed": 0.94}


def test_held_out_3_stays_at_its_measured_accuracy_and_never_passes_a_trap():
    short = _read_csv("holdout3/short_statements.csv")
    full = _read_csv("holdout3/full_statements.csv")
    traps = {row["id"]: row["trap"] for row in _read_csv("holdout3/traps.csv")}
    kinds = _kind_accuracy([(row["text"], row["kind"].strip().lower()) for row in short])
    well = [assess(row["text"]).well_formed == _flag(row["well_formed"], "well_formed") for row in full]
    kind_share, well_share = kinds["all"][0] / kinds["all"][1], sum(well) / len(well)
    print(f"\nheld-out 3: kind {kind_share:.1%}, well-formed {well_share:.1%}")
    assert kind_share >= HOLDOUT3_FLOORS["kind"] and well_share >= HOLDOUT3_FLOORS["well_formed"], (kind_share,
                                                                                                  well_share)
    trapped = [row for row in full if traps.get(row["id"]) in ("traction", "attitude")]
    assert len(trapped) >= 10
    passed = [row["text"] for row in trapped if assess(row["text"]).well_formed]
    assert not passed, f"traction or attitude judged well-formed: {passed}"
    assert not [row["text"] for row in trapped if assess(row["text"]).criteria["behaviour"]]


# ---------------------------------------------------------------------------------------------
# The rubric's traps: traction, attitudes, the team as actor, channel shifts
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "trap"), TRAP_EXAMPLES, ids=[t[:40] for t, _ in TRAP_EXAMPLES])
def test_traction_and_attitudes_are_not_behaviour_and_say_why(text, trap):
    result = assess(text)
    assert result.trap == trap, result.report()
    assert not result.criteria["behaviour"] and "behaviour" not in result.evidence and not result.well_formed
    assert result.why.count(". ") == 0 and result.why.endswith("."), "the why is one sentence"
    quoted = re.search(r'"([^"]+)"', result.why).group(1)
    assert quoted.lower() in text.lower(), "the why quotes the participant's words"
    assert result.why in result.next_hint or result.kind == "unclear"
    assert ("traction metric" if trap == "traction" else "attitude") in result.why


def test_the_chatbot_example_names_the_traction_metric():
    result = assess("Online customers start more conversations with the chatbot: from 2,000 to 6,000 a week by "
                    "June 2026")
    assert result.kind == "outcome" and not result.well_formed and result.criteria["who"]
    assert "conversations with the chatbot" in result.why.lower() and "traction metric" in result.why
    assert "Not an outcome yet" in result.summary and "Why:" in result.report()


def test_an_attitude_quotes_the_attitude_not_a_stray_phrase():
    result = assess("Citizens are happier with the council's website, measured by a satisfaction score from 3.1 to "
                    "4.0 by March 2027")
    assert result.trap == "attitude" and not result.well_formed
    assert '"Citizens are happier"' in result.why
    assert all("measured" not in value for value in result.evidence.values() if value != result.evidence.get(
        "guardrail"))


@pytest.mark.parametrize("text, quoted", [
    ("By June 2027, 70% of diners agree that the menu explains allergens clearly, up from 40%.",
     '"Diners agree that ..."'),
    ("Passengers rate the new timetable from 3.2 to 4.0 stars by June 2027.", '"Passengers rate the new timetable"'),
])
def test_an_attitude_verb_is_quoted_with_its_verb_not_as_the_actor_alone(text, quoted):
    result = assess(text)
    assert result.trap == "attitude" and not result.criteria["behaviour"], result.report()
    assert result.why.startswith(quoted), result.why


def test_a_behaviour_evidence_is_the_behaviour_not_the_actor_or_a_stray_word():
    online = assess("By March 2027, 60% of school places are booked by parents online, up from 30% today.")
    assert online.evidence["behaviour"] == "booked by parents", online.report()
    passive = assess("By June, repairs are reported online by 70% of tenants, up from 40%.")
    assert passive.well_formed and passive.evidence["behaviour"].startswith("reported online by"), passive.report()
    assert passive.evidence["target"] == "70%", passive.report()
    repeat = assess("Repeat buyers order again within 30 days, from 20% to 35% by March 2027.")
    assert repeat.evidence["behaviour"] == "Repeat buyers order again", repeat.report()


def test_a_segment_named_by_its_plan_acts():
    result = assess("Trial accounts invite at least two colleagues within 7 days, from 18% to 35% of new trials by "
                    "Q4 2026")
    assert result.kind == "outcome" and result.well_formed, result.report()
    assert result.evidence["who"] == "Trial accounts" and result.evidence["target"] == "to 35%"
    assert assess("Trial the new booking flow in two stores").kind == "output"  # "trial" is still a verb


def test_a_timeframe_anywhere_in_the_sentence():
    for text in ("Between now and December 2026, volunteers log their own shifts in the app, from 20% to 70% of "
                 "shifts",
                 "Volunteers log their own shifts in the app, from 20% to 70% of shifts, between now and December "
                 "2026",
                 "From now until March 2027, tenants pay rent by direct debit, from 40% to 65% of tenancies"):
        result = assess(text)
        assert result.criteria["timeframe"] and result.well_formed, result.report()


def test_the_team_as_subject_is_named_first():
    result = assess("We will increase online repair bookings")
    assert result.kind == "outcome" and result.trap == "team" and not result.criteria["who"]
    assert '"We will"' in result.why and '"We"' in result.next_hint
    assert "team's aim" in result.summary


def test_a_channel_shift_is_a_question_not_a_verdict():
    result = assess("Tenants report repairs online instead of by phone, from 20% to 60% of repair requests by the "
                    "end of Q3 2026")
    assert result.well_formed and result.trap == "channel" and result.criteria["behaviour"]
    assert any("another channel" in hint for hint in result.hints)


@pytest.mark.parametrize("text", ["Increase revenue by 10%", "Grow app downloads", "NPS above 40 by June",
                                  "Increase page views from 10,000 to 20,000 a month by June"])
def test_nothing_ticked_for_who_and_behaviour_is_unclear_not_an_outcome(text):
    result = assess(text)
    assert result.kind == "unclear" and not result.well_formed and result.next_hint, result.report()
    assert "not an outcome" in result.summary


def _all_statements() -> list[str]:
    texts = [text for text, _ in KIND_EXAMPLES] + [text for text, _ in CRITERIA_EXAMPLES]
    texts += [text for text, _ in TRAP_EXAMPLES]
    for name in ("short_statements.csv", "full_statements.csv"):
        if (EVAL / name).exists():
            texts += [row["text"] for row in _read_csv(name)]
    return texts


def test_never_an_outcome_with_no_who_and_no_behaviour_and_hints_never_offer_use_as_behaviour():
    for text in _all_statements():
        result = assess(text)
        assert not (result.kind == "outcome" and not result.criteria["who"] and not result.criteria["behaviour"]), \
            result.report()
        for hint in result.hints:
            for example in re.findall(r"\(([^)]*)\)", hint):
                assert not re.search(r"\buse\b", example), hint


HINT_ORDER = [("who", ("who", '"We"', "organisation itself", "names a result")),
              ("behaviour", ("do differently",)), ("measure", ("count it",)), ("baseline", ("from X",)),
              ("target", ("to Y",)), ("timeframe", ("By when?",)), ("guardrail", ("guardrail",))]


def _hint_rank(hint: str) -> int:
    for rank, (_, cues) in enumerate(HINT_ORDER):
        if any(cue in hint for cue in cues):
            return rank
    return len(HINT_ORDER)


def test_hints_come_most_important_first_and_next_hint_is_the_first():
    assert assess("Members redeem more rewards").next_hint.startswith("How will you count it?")
    assert assess("Members redeem a reward each quarter, from 12% to 20%").next_hint.startswith("By when?")
    assert assess("Launch the app by June").next_hint.startswith('You wrote "Launch the app"')
    assert "traction metric" in assess("Patients open the hospital app more, from 2 to 4 times a week by "
                                       "June").next_hint
    assert assess("Increase the share of home-insurance claims that customers file online from 20% to 45% by the "
                  "end of 2026, while keeping complaint rates below 2%.").next_hint == ""
    for text in _all_statements():
        result = assess(text)
        if result.kind == "outcome":
            ranks = [_hint_rank(hint) for hint in result.hints if _hint_rank(hint) < len(HINT_ORDER)]
            assert ranks == sorted(ranks), (text, result.hints)
            assert result.next_hint == (result.hints[0] if result.hints else "")


@pytest.mark.parametrize("text", [
    "Customers use contactless payments at the till, from 30% to 60% of transactions by June 2026",  # retail
    "Households install solar panels, from 2% to 8% of homes by 2028",  # utilities: a physical thing
    "Patients use the app to book appointments, from 20% to 50% of bookings by June 2026",  # booking is the aim
    "Members log their workouts every week, from 20% to 45% of members by June 2026",  # fitness
    "Drivers are safer on the road: accidents per million miles from 4 to 2 by 2027",  # not a feeling
])
def test_real_behaviour_is_not_mistaken_for_traction_or_attitude(text):
    result = assess(text)
    assert result.trap not in ("traction", "vanity", "attitude"), result.report()


@pytest.mark.parametrize("text", [
    "Online customers chat with the new bot in 30% of visits, up from 6.5%, by December 2026, while complaints stay "
    "below 2%",
    "Online customers ask the chatbot 30% of their questions, up from 6.5%, by December 2026, while complaints stay "
    "below 2%",
    "Online customers talk to Chatbot 2.0 for 30% of their questions, up from 6.5%, by December 2026",
    "Parents open 80% of the SMS reminders, up from 40%, by June 2026",
    "Patients open 50% of our reminder emails, up from 20%, by March 2026, while unsubscribes stay below 2%.",
    "Fans watch 20% more videos in the club app, from 5 to 6 per week, by May 2026, while churn stays flat.",
    "Customers adopt the new reporting feature: 60% of accounts, up from 10%, by Q3 2026, while tickets stay flat.",
])
def test_talking_to_a_bot_or_opening_a_message_is_use_of_a_feature(text):
    """Found by a self-learner trial: ways of saying "use the feature" the rubric scores 0 for behaviour and
    measure. Each is read as traction, whatever number sits between the verb and the thing."""
    result = assess(text)
    assert result.trap == "traction" and not result.well_formed
    assert not result.criteria["behaviour"] and not result.criteria["measure"]


def test_a_number_in_a_name_is_not_a_target():
    assert assess("Year 9 pupils hand in 80% of homework on time, up from 55%, by July 2026, while "
                           "marking time stays flat").evidence["target"] == "80%"
    assert "target" not in assess("Improve customer engagement with Chatbot 2.0").evidence


@pytest.mark.parametrize("text", [
    "Zoo visitors scan the QR codes on 60% of enclosure signs, up from 10%, by summer 2026.",
    "Players switch on the new co-op mode in 30% of sessions, up from 5%, by March 2027.",
])
def test_scanning_a_code_or_switching_on_a_mode_is_use_of_a_feature(text):
    result = assess(text)
    assert result.trap == "traction" and not result.well_formed


@pytest.mark.parametrize("text,named", [
    ("The new museum audio guide is used by 40% of visitors, up from 15%, by the end of 2026.", "traction"),
    ("The agency's Net Promoter Score among candidates rises from 20 to 45 by Q4 2026.", "attitude"),
    ("Registered users of the ferry app reach 100,000 in total by the end of 2026, up from 40,000.", "vanity"),
])
def test_a_measure_as_subject_is_named_for_what_it_counts_not_called_team_work(text, named):
    """Found by a re-trial: these read as outputs, and the hint said "that is what the team does"."""
    hint = assess(text).next_hint
    assert named in hint and "what the team does" not in hint, hint


def test_our_own_people_serving_faster_is_delivery_and_a_guarded_channel_shift_needs_no_question():
    own = assess("Our curators reply to 80% of visitor questions within a day, from 50% today, by January 2027.")
    assert own.trap == "team" and not own.well_formed
    assert assess("Our customers reply to 80% of survey invitations within a day, from 50% today, by January "
                  "2027.").trap != "team"
    guarded = assess("Residents report fly-tipping through the council website instead of phoning the clerk, "
                     "from 15% to 40% of reports by June 2026, while 90% of reports are still cleared within a week.")
    assert guarded.well_formed and guarded.trap == "" and not guarded.hints


def test_groups_of_people_act_and_a_notice_period_is_no_target():
    assert assess("School groups book their museum visits at least six weeks ahead: 45% of bookings today, 75% by "
                  "the end of 2026, with no drop in visits from low-income schools.").well_formed
    hauliers = assess("By the end of Q4 2026, freight hauliers pre-book 65% of their crossings at least 24 hours "
                      "ahead, up from 35%, while no-shows stay below 5%.")
    assert hauliers.well_formed and hauliers.evidence["target"] == "65%"


@pytest.mark.parametrize("text,trap", [
    ("Our bakers and counter staff serve morning orders in under 3 minutes for 85% of customers by Q3 2026, from 60% "
     "now.", "team"),
    ("By September 2026, the prison's tutors mark 100% of assignments within one week, up from 65%.", "team"),
])
def test_an_organisations_own_staff_doing_their_job_is_the_team(text, trap):
    assert assess(text).trap == trap and not assess(text).well_formed


@pytest.mark.parametrize("text,named", [
    ("Cumulative rides on the city bike scheme pass 1 million by December 2026, up from 620,000.", "vanity"),
    ("Monthly logins to the tax office self-service portal go from 30,000 to 50,000 by December 2026.", "traction"),
    ("By the end of 2026, the podcast network reaches 5 million total downloads, up from 3.2 million.", "vanity"),
])
def test_a_statement_with_no_actor_is_told_what_its_number_counts(text, named):
    assert named in assess(text).next_hint


def test_a_channel_shift_is_called_an_outcome_and_the_hint_says_how_to_make_it_stronger():
    """Module 01's answer key counts a channel shift as an outcome: the assessor's why must not contradict it."""
    result = assess("Tenants report repairs in the app instead of phoning, from 12% to 40% of repairs by June 2027.")
    assert result.well_formed and result.trap == "channel", result.report()
    assert "that is an outcome" in result.why and "stronger" in result.why


def test_evidence_quotes_the_from_baseline_and_a_who_without_its_number_word():
    result = assess("Five tenants in ten pay rent by direct debit instead of one payment slip, from 30% to 50% by "
                    "June 2027.")
    assert result.evidence["baseline"] == "from 30%", result.report()
    assert not result.evidence["who"].lower().startswith("five"), result.report()


def test_a_running_total_of_people_is_named_as_such_in_the_summary():
    result = assess("Podcast listeners grow from 8,000 to 30,000 by December 2027.")
    assert result.trap == "vanity" and "running total" in result.summary, result.report()


@pytest.mark.parametrize("text", ["switch on dark mode", "look at the KPI dashboard every week",
                                  "open the rewards app twice a week"])
def test_a_behaviour_box_that_only_uses_a_feature_is_named_as_traction(text):
    """The impact map asks for a behaviour without its actor: using a feature there is traction, not the team."""
    assert "traction" in counts_use_or_opinion(text)


def test_using_a_feature_to_do_something_else_is_not_traction():
    assert counts_use_or_opinion("use the app to book a repair") == ""
