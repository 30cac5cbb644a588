"""Typical wrong answers, as a participant holding a misconception would type them.

Keyed by module folder, then by the grade id of the answer cell they replace. The grading
pipeline test submits a notebook filled with these and expects a score strictly between zero
and full marks, with every item listed here scoring less than full.
"""

from workshop_utils.course import m01, m02, m03, m04, m05, m06

_numbers_are_outcomes = {s: ("outcome" if any(ch.isdigit() for ch in s) else "output") for s in m01.CLASSIFY_KEY}
_m01_wrong = {qid: wrong for qid, (_, wrong) in m01.examples().items() if qid.endswith("verdict")}
_m02_wrong = {qid: wrong for qid, (_, wrong) in m02.examples().items()}
_m03_wrong = {qid: wrong for qid, (_, wrong) in m03.examples().items() if not qid.endswith("chart")}
_m04_wrong = {qid: wrong for qid, (_, wrong) in m04.examples().items() if qid in ("m04.investment", "m04.done")}
_m05_wrong = {qid: wrong for qid, (_, wrong) in m05.examples().items() if qid in ("m05.daci", "m05.verdict")}
_m06_wrong = {qid: wrong for qid, (_, wrong) in m06.examples().items()}

MISCONCEPTIONS = {
    "01-output-vs-outcome": {
        # "Anything with a number and a date is an outcome."
        "classify-answer": f"q1.answer = {_numbers_are_outcomes!r}",
        # "Delivered to plan means on time."
        "delivery_rate-answer": (
            'answer_delivery_rate = float((council["actual_end"] <= council["planned_end"]).mean())'),
        # "A target is met when the actual is at least the target" (ignores direction).
        "outcome_rate-answer": 'answer_outcome_rate = float((council["actual"] >= council["target"]).mean())',
        # "On plan means it went well."
        "verdict-answer": f"q4.answer = {_m01_wrong['m01.verdict']!r}",
        # "Rarely used means never used."
        "rarely_used-answer": (
            'app = features[features["project_id"] == "P01"]\n'
            'answer_rarely_used = float((app["monthly_active_users"] == 0).mean())'),
        # "Shipping more features is progress."
        "app_verdict-answer": f"q6b.answer = {_m01_wrong['m01.app_verdict']!r}",
        # Charting the output (money spent) instead of the outcome.
        "chart-answer": (
            "import altair as alt\n"
            "card = metrics.scorecard(council).assign(spent_k=council['spent_k'])\n"
            "chart = alt.Chart(card).mark_bar().encode(y='project:N', x='spent_k:Q', color='on_plan:N')"
            ".properties(title='Spend per project', description='Bars of money spent per project.')\n"
            "chart"),
        # "On plan = success", so every on-plan project is ticked.
        "project_not_product-answer": (
            'card = metrics.scorecard(council)\nq8.answer = sorted(card.loc[card["on_plan"], "project_id"])'),
    },
    "02-reframing-deliverables": {
        # "A deliverable that names someone traces to an impact": only the rows with no actor are ticked.
        "drop-answer": 'q1.answer = sorted(hospital.loc[hospital["actor"] == "", "deliverable_id"])',
        # "Anything people do in the product is a product outcome": traction metrics sorted as product outcomes.
        "levels-answer": f"q2.answer = {_m02_wrong['m02.levels']!r}",
        # "Money measures lag; measures of people lead."
        "timing-answer": f"q3.answer = {_m02_wrong['m02.timing']!r}",
        # Dividing by the rest of the budget instead of all of it: more than 1, so the self-check's range test
        # catches it. (The "naming an actor is enough" budget is a known slip too, see tests/test_selfcheck.py.)
        "untraced_budget-answer": (
            'untraced = (hospital["actor"] == "") | (hospital["behaviour_change"] == "")\n'
            'answer_untraced_budget = float(hospital.loc[untraced, "cost_k"].sum() / '
            'hospital.loc[~untraced, "cost_k"].sum())'),
        # "Numbers and dates make an outcome."
        "well_formed-answer": 'answer_well_formed = int(objectives["objective"].str.contains(r"\\d").sum())',
        # "Every deliverable claims a goal, so the plan is fine."
        "plan_verdict-answer": f"q6.answer = {_m02_wrong['m02.plan_verdict']!r}",
        # The project mindset: nothing is dropped, every deliverable stays under the goal it claims.
        "plan_map-answer": f"q9.answer = {_m02_wrong['m02.plan_map']!r}",
    },
    "03-measuring-recalibrating": {
        # "On time means continue, late means stop": the delivery column decides, not the outcome.
        "decisions-answer": (
            'at_q2 = quarters[quarters["quarter"] == "Q2"]\n'
            'q1.answer = {f"{r.deliverable_id} {r.deliverable}": ("continue" if r.delivery == "on time" else "stop")'
            ' for r in at_q2.itertuples()}'),
        # The same-week correlate: only lag 0 is looked at, so the answer is 0 weeks.
        "lead-answer": "answer_lead = 0",
        # The unclipped average: one key result's overshoot makes up for another's slide.
        "okr_score-answer": (
            'raw = (key_results["actual"] - key_results["baseline"]) / (key_results["target"] - '
            'key_results["baseline"])\nanswer_okr_score = float(raw.mean())'),
        # "The input that goes with the outcome in the same week is the one to steer by."
        "lead_verdict-answer": f"q4.answer = {_m03_wrong['m03.lead_verdict']!r}",
        # "A number and a date make a key result an outcome."
        "kr_kinds-answer": f"q5.answer = {_m03_wrong['m03.kr_kinds']!r}",
        # Ship the biggest point estimate, whatever its interval.
        "ship-answer": f"q6.answer = {_m03_wrong['m03.ship']!r}",
        # Charting usage (traction) instead of progress towards the target: a slip no hint anticipates.
        "chart-answer": (
            "status = metrics.quarterly_status(quarters)\n"
            "chart = alt.Chart(status).mark_line().encode(x='quarter:O', y='usage:Q', color='deliverable_id:N')"
            ".properties(title='Usage by quarter', description='One line per deliverable: usage each quarter.')\n"
            "chart"),
    },
    "04-solution-vs-mission": {
        # "Anything that says training, support or partner is the whole product" (keywords, not what it is).
        "whole_product-answer": f"q1.answer = {m04._WHOLE_MISCONCEPTION!r}",
        # One quarter's new adopters read as adoption so far.
        "adoption-answer": (
            'last = adoption[(adoption["segment"] == "families with children") & (adoption["quarter"] == "2025-Q4")]\n'
            'answer_adoption = float(last["new_adopters"].iloc[0] / last["eligible"].iloc[0])'),
        # Comparing raw counts: the investment with the most adopters "worked".
        "investment-answer": f"q3.answer = {_m04_wrong['m04.investment']!r}",
        # Dividing the build by the cost after release.
        "after_launch-answer": (
            'after = costs.loc[costs["phase"] == "after first release", "cost_k"].sum()\n'
            'answer_after_launch = float(costs.loc[costs["phase"] == "before first release", "cost_k"].sum() / after)'),
        # "Signed off at the project's close means finished."
        "done-answer": f"q5.answer = {_m04_wrong['m04.done']!r}",
        # Charting each quarter's new adopters instead of adoption so far.
        "chart-answer": (
            "so_far = metrics.cumulative_adoption(adoption)\n"
            "chart = alt.Chart(so_far).mark_line().encode(x='quarter:O', y='new_adopters:Q', color='segment:N')"
            ".properties(title='New adopters per quarter', description='One line per segment.')\n"
            "chart"),
    },
    # --- Module 05 (its own block) ---
    "05-ownership-vs-influence": {
        # "The loud or senior are the ones to manage closely; the quiet can be left alone."
        "grid-answer": f"q1.answer = {m05._GRID_MISCONCEPTION!r}",
        # "A table with many people in it is a committee that needs fixing."
        "daci-answer": f"q2.answer = {_m05_wrong['m05.daci']!r}",
        # Only the CD3 order's delay cost, not what it saves over the order by cost of delay.
        "cd3-answer": 'answer_saving = metrics.delay_cost(requests, metrics.rank_by_cd3(requests)["request"])',
        # The mean error, not squared.
        "brier-answer": (
            'access = ledger[(ledger["team"] == "Patient access") & (ledger["kind"] == "forecast")]\n'
            'answer_brier = float((access["probability"] - access["happened"].astype(float)).abs().mean())'),
        # The split's expected value read as its worst case.
        "hedge-answer": (
            'split = {"no-show prediction model": 60, "calls to patients at risk": 120, '
            '"transport booked from the text": 60}\n'
            'answer_worst = float(metrics.bet_summary(bets, {"split": split})["expected_k"].iloc[0])'),
        # "The request worth most per week goes first", and a low Brier score read as bad.
        "verdict-answer": f"q6.answer = {_m05_wrong['m05.verdict']!r}",
    },
    "06-capstone-outcome-plan": {
        # "A deliverable that names the outcome's words belongs to it."
        "sort-answer": f"q1.answer = {m06.SORT_SLIP!r}",
        # "A number moving and a date make an outcome."
        "well_formed-answer": f"q2.answer = {m06.WELL_FORMED_SLIP!r}",
        # "A guardrail is any measure of the same outcome."
        "guardrails-answer": f"q3.answer = {m06.GUARDRAIL_SLIP!r}",
        # The charter restated with dates: outputs as outcomes, delivery as the measure, no guardrail, every
        # deliverable kept (so it is placed: plan_traced passes, only the hand-graded rubric sees the keeping). The
        # plan has one answer cell, named after the first of the three structure items it feeds.
        "plan_outcomes-answer": f"q4.answer = {_m06_wrong['m06.plan_outcomes']!r}",
    },
}


# What the misconception submission scores on each item. A self-check catches every known trap (tests/
# test_selfcheck.py), so a typical misconception fails the visible test cell too and scores 0; only slips no
# hint anticipates keep the visible point: the chart's wrong field (a channel the self-check names as not
# checked).
MISCONCEPTION_SCORES = {
    "01-output-vs-outcome": {"classify": 0, "delivery_rate": 0, "outcome_rate": 0, "verdict": 0, "rarely_used": 0,
                             "app_verdict": 0, "chart": 1, "project_not_product": 0},
    "02-reframing-deliverables": {"drop": 0, "levels": 0, "timing": 0, "untraced_budget": 0, "well_formed": 0,
                                  "plan_verdict": 0, "plan_map": 0},
    "03-measuring-recalibrating": {"decisions": 0, "lead": 0, "okr_score": 0, "lead_verdict": 0, "kr_kinds": 0,
                                   "ship": 0, "chart": 1},
    "04-solution-vs-mission": {"whole_product": 0, "adoption": 0, "investment": 0, "after_launch": 0, "done": 0,
                               "chart": 1},
    "05-ownership-vs-influence": {"grid": 0, "daci": 0, "cd3": 0, "brier": 0, "hedge": 0, "verdict": 0},
    # Module 06's one plan feeds three items: the project-mindset plan fails the outcomes and the measures, and keeps
    # every deliverable placed, which the traced item checks (what should have been dropped, a person judges).
    "06-capstone-outcome-plan": {"sort": 0, "well_formed": 0, "guardrails": 0, "plan_outcomes": 0,
                                 "plan_measures": 0, "plan_traced": 3},
}
