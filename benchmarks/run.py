"""Benchmarks: one `name: value` line per figure. Ratios are measured side by side in one run.

    python benchmarks/run.py            # all (several minutes: grading grades a class twice)
    python benchmarks/run.py import     # only the benchmarks whose name contains "import"

Benchmarks: import (import_vs_pandas), notebooks (notebooks_vs_floor), assess (assess_per_s and the
assessor's accuracy), grading (grade_speedup, grade_s_per_notebook), browser (browser_notebooks_ok,
browser_s_per_notebook), site (site_build_s: `workshop site`).

Machines here are noisy: every figure is the median of several alternating repeats.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEATS_IMPORT = 9
REPEATS_NOTEBOOKS = 3
FLOOR_CODE = "import pandas, ipywidgets, altair"


def cold_import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return float(out)


def bench_import() -> dict[str, float]:
    ours, pandas = [], []
    for _ in range(REPEATS_IMPORT):  # alternate so drift on the machine hits both sides alike
        ours.append(cold_import_seconds("workshop_utils"))
        pandas.append(cold_import_seconds("pandas"))
    return {
        "import_workshop_utils_s": statistics.median(ours),
        "import_pandas_s": statistics.median(pandas),
        "import_vs_pandas": statistics.median(ours) / statistics.median(pandas),
    }


def _run_notebooks(paths: list[Path]) -> float:
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            NotebookClient(nb, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": tmp}}).execute()
    return time.perf_counter() - start


def _run_floor(count: int) -> float:
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    for _ in range(count):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CODE)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    return time.perf_counter() - start


def bench_notebooks() -> dict[str, float]:
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*/*.ipynb"))
    runs, floors = [], []
    for _ in range(REPEATS_NOTEBOOKS):
        runs.append(_run_notebooks(paths))
        floors.append(_run_floor(len(paths)))
    return {
        "notebooks_count": len(paths),
        "notebooks_s": statistics.median(runs),
        "notebooks_floor_s": statistics.median(floors),
        "notebooks_vs_floor": statistics.median(runs) / statistics.median(floors),
    }


def bench_assess() -> dict[str, float]:
    from assess import bench_assess as run

    return run()


def bench_grading() -> dict[str, float]:
    from grading import bench_grading as run

    return run()


def bench_browser() -> dict:
    from browser import bench_browser as run

    return run()


def bench_site() -> dict:
    from site_build import bench_site as run

    return run()


BENCHMARKS = {"import": bench_import, "notebooks": bench_notebooks, "assess": bench_assess,
              "grading": bench_grading, "browser": bench_browser, "site": bench_site}


def main(argv: list[str]) -> int:
    wanted = argv[1:] or list(BENCHMARKS)
    bin_dir = str(Path(sys.executable).parent)
    import os

    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    for name, bench in BENCHMARKS.items():
        if any(w in name for w in wanted):
            for key, value in bench().items():
                print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
