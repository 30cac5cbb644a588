"""Module 00, Start here: one practice question of each kind, to learn how answering works."""

from __future__ import annotations

from workshop_utils import checks

MODULE = "00"
NOTEBOOK = "00-start-here"

_PRACTICE_KEY = {
    "Publish a new bus timetable app": "output",
    "Riders who check departures before leaving home rise from 20% to 45% by spring": "outcome",
    "Hold six customer workshops": "output",
}

QUESTIONS = [
    checks.Question(
        qid="m00.practice_sort", title="Practice: sort three statements", kind="classify", points=0,
        prompt="Click a label for each statement, then press Check. Your choice is saved as you click.",
        check=checks.classification(_PRACTICE_KEY, explain={
            "Publish a new bus timetable app": "Publishing is something the team does: an output.",
            "Riders who check departures before leaving home rise from 20% to 45% by spring":
                "Riders doing something differently is an outcome.",
            "Hold six customer workshops": "Holding workshops is an activity: an output, even with a number.",
        }),
        options=tuple(_PRACTICE_KEY), labels=("output", "outcome"),
    ),
    checks.Question(
        qid="m00.practice_number", title="Practice: type a number", kind="value", points=0,
        prompt="What share of the three statements above are outcomes? Type it as a number between 0 and 1.",
        check=checks.number(1 / 3, tolerance=0.01, low=0, high=1, what="the share of outcomes",
                            near_misses={1: "That would be the count of outcomes; divide by 3 for the share."},
                            range_hint="A share is between 0 and 1: 1 of 3 is 1/3."),
    ),
]


def examples() -> dict:
    return {
        "m00.practice_sort": (dict(_PRACTICE_KEY), {k: "outcome" for k in _PRACTICE_KEY}),
        "m00.practice_number": (1 / 3, 2 / 3),
    }
