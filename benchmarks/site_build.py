"""Benchmark `workshop site`: seconds to build the course website, with and without running the lessons.

    python benchmarks/site_build.py             # prints `name: value` lines
    python benchmarks/site_build.py --repeats 3 # more runs of the executed build (each a minute or two)

``bench_site()`` returns the figures as a dict for ``benchmarks/run.py``. Machines here are noisy: each
figure is the median of its runs (5 for the build without execution, 1 by default for the executed one,
which starts a kernel per lesson). Also the site's size: pages and kilobytes in all.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEATS_STRUCTURE = 5


def _build(execute: bool) -> tuple[float, int, float]:
    from workshop_utils import site

    with tempfile.TemporaryDirectory() as tmp:
        built = site.build(ROOT, Path(tmp) / "site", execute=execute)
        size = sum(p.stat().st_size for p in built.out.iterdir() if p.is_file()) / 1024
        return built.seconds, len(built.pages), size


def bench_site(repeats: int = 1) -> dict[str, float]:
    structure = [_build(execute=False)[0] for _ in range(REPEATS_STRUCTURE)]
    executed = [_build(execute=True) for _ in range(max(1, repeats))]
    return {
        "site_build_no_execute_s": statistics.median(structure),
        "site_build_s": statistics.median(run[0] for run in executed),
        "site_pages": float(executed[0][1]),
        "site_kb": executed[0][2],
    }


def main(argv: list[str]) -> int:
    repeats = int(argv[argv.index("--repeats") + 1]) if "--repeats" in argv else 1
    for key, value in bench_site(repeats).items():
        print(f"{key}: {value:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
