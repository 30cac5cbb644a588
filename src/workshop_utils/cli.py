"""The ``workshop`` command. Thin on purpose: each sub-command calls one module."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from workshop_utils import paths
from workshop_utils.errors import WorkshopError

START_NOTEBOOK = "notebooks/00-start-here.ipynb"


def _root() -> Path:
    root = paths.course_root()
    if root is None:
        raise WorkshopError("This command needs the course folder (with nbgrader_config.py and data/). "
                            "Run it from inside the course folder.")
    return root


def cmd_doctor(args) -> int:
    from workshop_utils import doctor

    results = doctor.run_all()
    print(doctor.render(results, as_json=args.json))
    return 0 if all(r.ok for r in results) else 1


def cmd_lab(args) -> int:
    root = _root()
    # Serve the whole course folder (so exercises/ and solutions/ are in the file browser) and
    # open the start notebook; passing the notebook as an argument would serve only notebooks/.
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}",
               f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}", *args.jupyter_args]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        # Containers and cloud machines often run as root; Jupyter refuses that without this flag.
        command.append("--allow-root")
    print("Starting JupyterLab on", START_NOTEBOOK, "(stop it with Ctrl+C)", flush=True)
    if os.name == "posix":
        # Become JupyterLab, so Ctrl+C and signals from a terminal or a hub reach it directly.
        os.chdir(root)
        os.execv(sys.executable, command)
    return subprocess.call(command, cwd=root)  # pragma: no cover - Windows


def cmd_release(args) -> int:
    from workshop_utils import grading

    root = _root()
    if args.check:
        drift = grading.release_drift(root, args.modules)
        for line in drift:
            print(line)
        if drift:
            print(f"{len(drift)} file(s) in exercises/ differ from solutions/. Run `workshop release` and commit.")
            return 1
        print("exercises/ matches solutions/.")
        return 0
    for name in grading.release(root, args.modules):
        print(f"released exercises/{name}")
    return 0


def cmd_validate(args) -> int:
    from workshop_utils import grading

    report = grading.validate(_root(), args.modules)
    failed = 0
    for name, problems in report.items():
        print(f"{'OK  ' if not problems else 'FAIL'}  {name}")
        for problem in problems:
            print(f"      {problem}")
        failed += bool(problems)
    return 1 if failed else 0


def cmd_check(args) -> int:
    from workshop_utils import grading

    root = _root()
    folder = Path(args.folder) if args.folder else root / "exercises" / args.module
    scores = grading.self_grade(root, args.module, folder)
    items = grading.totals(scores)["you"]
    manual = {s.item for s in scores if s.needs_manual_grade}
    print(f"Your {args.module}, graded with the hidden tests (your files were not changed):")
    for item, (got, best) in items.items():
        note = "  (free text: graded by a person with the rubric)" if item in manual else ""
        print(f"  {item:24} {got:g} / {best:g}{note}")
    got = sum(v[0] for k, v in items.items() if k not in manual)
    best = sum(v[1] for k, v in items.items() if k not in manual)
    print(f"Automatically graded: {got:g} of {best:g} points.")
    return 0


def cmd_data(args) -> int:
    from workshop_utils import casestudy, data

    folder = _root() / "data"
    if args.write:
        for path in casestudy.write(folder):
            print(f"wrote {path.relative_to(folder.parent)}")
        return 0
    if args.check:
        drift = casestudy.differences(folder)
        for line in drift:
            print(f"data/{line}")
        print("data/ matches the generator." if not drift else "Run `workshop data --write` and commit.")
        return 1 if drift else 0
    for name in data.available():
        ds = casestudy.dataset(name)
        print(f"{name:12} {ds.title}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workshop", description="From Project to Product: workshop tools.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("doctor", help="check this machine is ready, with a fix for each problem")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("lab", help="open JupyterLab on the start-here notebook (other options go to jupyter lab)")
    p.set_defaults(func=cmd_lab, passthrough=True)

    p = sub.add_parser("release", help="generate exercises/ from solutions/ (nbgrader generate_assignment)")
    p.add_argument("modules", nargs="*", help="module folders, e.g. 01-output-vs-outcome (default: all)")
    p.add_argument("--check", action="store_true", help="fail if committed exercises/ differ")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("validate", help="solutions score full marks and blank releases score zero")
    p.add_argument("modules", nargs="*")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("check", help="grade your own work in exercises/MODULE with the hidden tests")
    p.add_argument("module", help="e.g. 01-output-vs-outcome")
    p.add_argument("--folder", help="the folder holding your notebook (default: exercises/MODULE)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("data", help="list the case-study data sets, or regenerate them")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="regenerate data/ from the seeded generator")
    group.add_argument("--check", action="store_true", help="fail if data/ differs from the generator")
    p.set_defaults(func=cmd_data)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not getattr(args, "passthrough", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.jupyter_args = extra
    try:
        return args.func(args)
    except WorkshopError as exc:
        print(f"workshop: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("workshop: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
