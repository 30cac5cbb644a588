"""Typical wrong answers, as a participant holding a misconception would type them.

Keyed by module folder, then by the grade id of the answer cell they replace. The grading
pipeline test submits a notebook filled with these and expects a score strictly between zero
and full marks, with every item listed here scoring less than full.
"""

from workshop_utils.course import m01

_numbers_are_outcomes = {s: ("outcome" if any(ch.isdigit() for ch in s) else "output") for s in m01.CLASSIFY_KEY}

MISCONCEPTIONS = {
    "01-output-vs-outcome": {
        # "Anything with a number and a date is an outcome."
        "classify-answer": f"q1.answer = {_numbers_are_outcomes!r}",
        # "Delivered to plan means on time."
        "delivery_rate-answer": (
            'answer_delivery_rate = float((projects["actual_end"] <= projects["planned_end"]).mean())'),
        # "A target is met when the actual is at least the target" (ignores direction).
        "outcome_rate-answer": 'answer_outcome_rate = float((projects["actual"] >= projects["target"]).mean())',
        # "Rarely used means never used."
        "rarely_used-answer": 'answer_rarely_used = float((features["monthly_active_users"] == 0).mean())',
        # Charting the output (money spent) instead of the outcome.
        "chart-answer": (
            "import altair as alt\n"
            "card = metrics.scorecard(projects).assign(spent_k=projects['spent_k'])\n"
            "chart = alt.Chart(card).mark_bar().encode(y='project:N', x='spent_k:Q', color='on_plan:N')"
            ".properties(title='Spend per project', description='Bars of money spent per project.')\n"
            "chart"),
        # "On plan = success", so every on-plan project is ticked.
        "project_not_product-answer": (
            'card = metrics.scorecard(projects)\nq6.answer = sorted(card.loc[card["on_plan"], "project_id"])'),
    },
}
