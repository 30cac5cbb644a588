"""Module 00, Start here: one practice question of each kind, to learn how answering works."""

from __future__ import annotations

from workshop_utils import checks

MODULE = "00"
NOTEBOOK = "00-start-here"

_PRACTICE_KEY = {
    "Publish a new bus timetable app": "output",
    "Riders who check departures before leaving home rise from 20% to 45% by spring": "outcome",
    "Grow customer workshops from 6 to 10 a year": "output",
    "Riders plan their trips in the app instead of phoning the travel line": "outcome",
}

QUESTIONS = [
    checks.Question(
        qid="m00.practice_sort", title="Practice: sort four statements", kind="classify", points=0,
        prompt="Click a label for each statement, then press Check. Your choice is saved as you click.",
        check=checks.classification(_PRACTICE_KEY, explain={
            "Publish a new bus timetable app": "Publishing is something the team does: an output.",
            "Riders who check departures before leaving home rise from 20% to 45% by spring":
                "Riders doing something differently is an outcome.",
            "Grow customer workshops from 6 to 10 a year": "Holding workshops is something the team does: an output, "
                                                           "even though a number moves.",
            "Riders plan their trips in the app instead of phoning the travel line":
                "No number, but riders do something differently: an outcome.",
        }),
        options=tuple(_PRACTICE_KEY), labels=("output", "outcome"),
        hints=("Ask of each statement: is it something the team makes or does, or something other people start "
               "doing differently? A number or a date in it does not decide which.",
               "Try it on two statements that are not in the list. 'Launch a recycling reminder service' is what the "
               "council does: an output. 'Households put their bins out on the right day without a reminder' is "
               "residents acting differently: an outcome. Now ask the same question of each of the four."),
        why="An output is what a team makes or does (an app, more workshops); an outcome is what people outside the "
            "team do differently (riders checking departures, planning trips in the app), with or without a number.",
    ),
    checks.Question(
        qid="m00.practice_number", title="Practice: type a number", kind="value", points=0,
        prompt="What share of the four statements above are outcomes? Type it as a number between 0 and 1.",
        check=checks.number(0.5, tolerance=0.01, low=0, high=1, what="the share of outcomes",
                            exact_hint="Count the outcomes among the four statements, then divide by 4.",
                            near_misses={2: "That would be the count of outcomes; divide by 4 for the share.",
                                         0.25: "Only one outcome? An outcome needs no number: look again at the "
                                               "statement about planning trips."},
                            range_hint="A share is between 0 and 1, not a percentage: 3 of 10 is 0.3, and 20% is 0.2."),
        hints=("A share is a part divided by the whole: how many of the statements are outcomes, out of how many "
               "statements in all?",
               "Say 3 of 12 statements were outcomes: the share is 3 / 12 = 0.25, typed as 0.25, not 25%. Count the "
               "outcomes among the four above (your sorting tells you), then divide by 4."),
        why="Two of the four statements describe people doing something differently (riders checking departures, "
            "riders planning trips in the app), so the share is 2 / 4 = 0.5.",
    ),
]


def examples() -> dict:
    return {
        "m00.practice_sort": (dict(_PRACTICE_KEY), {k: "outcome" for k in _PRACTICE_KEY}),
        "m00.practice_number": (0.5, 0.25),
    }
