"""Grading benchmarks: `workshop grade --jobs 2` against plain serial `nbgrader autograde`, same class, same run.

    python benchmarks/grading.py        # prints grade_speedup, grade_s_per_notebook, floor figures

Both graders get the same 30-participant class (full, partial, blank and misconception submissions;
no hostile ones, which would stop plain nbgrader). Scores must be identical, or the benchmark fails.
"""

from __future__ import annotations

import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MODULE = "01-output-vs-outcome"
FLOOR_CODE = "import pandas, ipywidgets, altair\nfrom workshop_utils import checks, data, widgets, charts"


def _env() -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def _serial_nbgrader(class_dir: Path, work: Path) -> tuple[float, dict]:
    from workshop_utils.grading import pipeline

    course = pipeline.temp_course(ROOT, [MODULE], work / "serial")
    pipeline.release(course, [MODULE])
    shutil.copytree(class_dir, course / "submitted")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nbgrader", "autograde", MODULE, "--force"], cwd=course, env=_env(),
                   check=True, capture_output=True)
    seconds = time.perf_counter() - start
    students = sorted(p.name for p in class_dir.iterdir())
    scores = pipeline.read_scores(f"sqlite:///{course / 'gradebook.db'}", MODULE, students)
    totals = {}
    for s in scores:
        totals[s.student] = totals.get(s.student, 0.0) + (s.score if not s.needs_manual_grade else 0.0)
    return seconds, totals


def _workshop_grade(class_dir: Path, work: Path, jobs: int) -> tuple[float, dict]:
    out = work / f"graded-{jobs}"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "workshop_utils.cli", "grade", str(class_dir), "--out", str(out),
                    "--jobs", str(jobs)], cwd=ROOT, env=_env(), check=True, capture_output=True)
    seconds = time.perf_counter() - start
    with open(out / "grades.csv", newline="") as handle:
        totals = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    return seconds, totals


def _floor(count: int) -> float:
    import nbformat
    from nbclient import NotebookClient

    times = []
    for _ in range(count):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CODE)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        start = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3").execute()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_grading(size: int = 30, repeats: int = 1) -> dict[str, float]:
    from tests.classroom import make_benign_class

    speedups, per_notebook, serial_per = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as tmp:
        work = Path(tmp)
        class_dir = work / "class"
        expected = make_benign_class(class_dir, MODULE, size)
        for r in range(repeats):
            serial_s, serial = _serial_nbgrader(class_dir, work / f"r{r}")
            ours_s, ours = _workshop_grade(class_dir, work / f"r{r}", jobs=2)
            if serial != ours or any(ours[s] != e.score for s, e in expected.items()):
                raise SystemExit(f"scores differ:\n nbgrader {serial}\n workshop {ours}")
            speedups.append(serial_s / ours_s)
            per_notebook.append(ours_s * 2 / size)  # core-seconds per notebook with 2 jobs
            serial_per.append(serial_s / size)
    return {
        "grade_class_size": size,
        "grade_speedup": statistics.median(speedups),
        "grade_s_per_notebook": statistics.median(per_notebook),
        "grade_serial_nbgrader_s_per_notebook": statistics.median(serial_per),
        "grade_floor_kernel_s": _floor(5),
    }


if __name__ == "__main__":
    for key, value in bench_grading().items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
