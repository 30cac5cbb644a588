"""Benchmark the outcome-statement assessor: speed, and agreement with the held-out set.

    python benchmarks/assess.py         # prints `name: value` lines

``bench_assess()`` returns the figures as a dict for ``benchmarks/run.py``. Speed is statements
per second in one process: the held-out and development statements, repeated to about 5,000
calls, timed five times, median taken (machines here are noisy). Accuracy figures are NaN when
the held-out files in ``tests/eval/`` are absent.
"""

from __future__ import annotations

import csv
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "eval"
CALLS = 5000
RUNS = 5
TRUE_WORDS = {"true", "1", "yes", "y", "t"}


def _rows(name: str) -> list[dict[str, str]]:
    path = EVAL / name
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _dev_statements() -> list[str]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.outcome_dev_examples import CRITERIA_EXAMPLES, KIND_EXAMPLES

    return [text for text, _ in KIND_EXAMPLES] + [text for text, _ in CRITERIA_EXAMPLES]


def _share(pairs: list[tuple[object, object]]) -> float:
    return sum(got == want for got, want in pairs) / len(pairs) if pairs else math.nan


def _accuracy(prefix: str, folder: str) -> tuple[dict[str, float], list[str]]:
    from workshop_utils.outcomes import assess

    short = _rows(folder + "short_statements.csv")
    full = _rows(folder + "full_statements.csv")
    kinds = [(assess(row["text"]).kind, row["kind"].strip().lower()) for row in short]
    well_formed = [(assess(row["text"]).well_formed, row["well_formed"].strip().lower() in TRUE_WORDS)
                   for row in full]
    figures = {
        f"{prefix}_kind_accuracy": _share(kinds),
        f"{prefix}_kind_accuracy_output": _share([pair for pair in kinds if pair[1] == "output"]),
        f"{prefix}_kind_accuracy_outcome": _share([pair for pair in kinds if pair[1] == "outcome"]),
        f"{prefix}_wellformed_accuracy": _share(well_formed),
    }
    return figures, [row["text"] for row in short] + [row["text"] for row in full]


def bench_assess() -> dict[str, float]:
    """Speed, plus accuracy on held-out set 1 (``eval_*``, looked at once while tuning, then grown with
    tuning rows), on the blind held-out set 2 (``blind_*``, never tuned against) and on the blind held-out
    set 3 (``blind3_*``, labelled before it was first measured, never tuned against; it holds traction and
    attitude traps)."""
    from workshop_utils.outcomes import assess

    eval_figures, eval_texts = _accuracy("eval", "")
    blind_figures, blind_texts = _accuracy("blind", "holdout2/")
    blind3_figures, blind3_texts = _accuracy("blind3", "holdout3/")

    texts = eval_texts + blind_texts + blind3_texts + _dev_statements()
    batch = (texts * (CALLS // len(texts) + 1))[:CALLS]
    rates = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for text in batch:
            assess(text)
        rates.append(len(batch) / (time.perf_counter() - start))

    return {"assess_per_s": statistics.median(rates), **eval_figures, **blind_figures, **blind3_figures}


def main() -> int:
    for key, value in bench_assess().items():
        print(f"{key}: {value:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
