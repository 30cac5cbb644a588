"""The ``workshop`` command. Thin on purpose: each sub-command calls one module."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from workshop_utils import paths
from workshop_utils.errors import WorkshopError

START_NOTEBOOK = "00-start-here.ipynb"  # in notebooks/ (learners) or instructor/


def _root() -> Path:
    root = paths.course_root()
    if root is None:
        raise WorkshopError("This command needs the course folder (with nbgrader_config.py and data/). "
                            "Run it from inside the course folder.")
    if Path.cwd().resolve() != root and root not in Path.cwd().resolve().parents:
        # Found from where the package is installed, not from here: say so before touching it.
        print(f"workshop: using the course in {root} (this folder is not inside a course)", file=sys.stderr)
    return root


def cmd_doctor(args) -> int:
    from workshop_utils import doctor

    if args.hub:
        from workshop_utils import hubcheck

        results = hubcheck.run_all(paths.course_root())
    else:
        results = doctor.run_all()
    print(doctor.render(results, as_json=args.json, command="workshop doctor --hub" if args.hub else "workshop doctor"))
    return 0 if all(r.ok for r in results) else 1


def cmd_lab(args) -> int:
    from workshop_utils import editions, labconfig

    root = _root()
    instructor = args.instructor
    folder = editions.INSTRUCTOR if instructor else editions.LEARNER
    start = f"{folder}/{START_NOTEBOOK}"
    if not (root / start).is_file():
        raise WorkshopError(f"{start} is missing from the course folder {root}. Restore it with "
                            f"`git checkout -- {folder}`" + ("" if instructor else " or `workshop lessons`") + ".")
    # Serve the whole course folder (so exercises/ and solutions/ are in the file browser) and
    # open the start notebook; passing the notebook as an argument would serve only its folder.
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}",
               f"--LabApp.default_url=/lab/tree/{start}", *args.jupyter_args]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        # Containers and cloud machines often run as root; Jupyter refuses that without this flag.
        command.append("--allow-root")
    # Participants get no nbgrader authoring panels (Create Assignment, Validate, Formgrader, Courses).
    env = labconfig.environment(instructor)
    edition = "the instructor edition, with nbgrader's authoring panels" if instructor else "the learner edition"
    print(f"Starting JupyterLab on {start} ({edition}; stop it with Ctrl+C)", flush=True)
    if os.name == "posix":
        # Become JupyterLab, so Ctrl+C and signals from a terminal or a hub reach it directly.
        os.chdir(root)
        os.execve(sys.executable, command, env)
    return subprocess.call(command, cwd=root, env=env)  # pragma: no cover - Windows


def cmd_lessons(args) -> int:
    from workshop_utils import editions

    root = _root()
    if args.check:
        drift = editions.drift(root)
        for line in drift:
            print(line)
        if drift:
            print(f"{editions.LEARNER}/ is not the learner edition of {editions.INSTRUCTOR}/. "
                  "Run `workshop lessons` and commit.")
            return 1
        print(f"{editions.LEARNER}/ matches {editions.INSTRUCTOR}/.")
        return 0
    _write_lessons(root)
    return 0


def _write_lessons(root: Path) -> None:
    from workshop_utils import editions

    written = editions.write(root)
    for name in written:
        print(f"wrote {name}")
    for problem in editions.drift(root):  # only files with no source can be left
        print(f"workshop: {problem}", file=sys.stderr)
    if not written:
        print(f"{editions.LEARNER}/ already matches {editions.INSTRUCTOR}/.")


def cmd_release(args) -> int:
    from workshop_utils.grading import pipeline

    root = _root()
    if args.check:
        drift = pipeline.release_drift(root, args.modules)
        for line in drift:
            print(line)
        if drift:
            print(f"{len(drift)} file(s) in exercises/ differ from solutions/. Run `workshop release` and commit.")
            return 1
        print("exercises/ matches solutions/.")
        return 0
    for name in pipeline.release(root, args.modules):
        print(f"released exercises/{name}")
    if (root / "instructor").is_dir():  # the learner edition of the lessons is released with the exercises
        _write_lessons(root)
    return 0


def cmd_validate(args) -> int:
    from workshop_utils.grading import pipeline

    report = pipeline.validate(_root(), args.modules)
    failed = 0
    for name, problems in report.items():
        print(f"{'OK  ' if not problems else 'FAIL'}  {name}")
        for problem in problems:
            print(f"      {problem}")
        failed += bool(problems)
    return 1 if failed else 0


def _free_text_questions(module: str) -> dict:
    """item -> (title, prompt, rubric, model answer) of each hand-graded item of ``module``."""
    from workshop_utils import course

    found = {}
    course_module = course.module_numbered(module)
    for q in getattr(course_module, "QUESTIONS", ()):
        if q.check is None and q.points > 0:
            model = q.solution if isinstance(q.solution, str) else ""
            if model and q.why:
                model = f"{model}\n  Why it scores full marks: {q.why}"
            found[q.qid.split(".", 1)[1]] = (q.title, q.prompt, dict(q.rubric), model)
    return found


def _indented(text: str, indent: str = "      ", width: int = 110) -> str:
    import textwrap

    return "\n".join(textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent + "  ")
                     for line in text.splitlines() if line.strip())


def cmd_check(args) -> int:
    from workshop_utils.grading import pipeline

    root = _root()
    module = args.module
    known = pipeline.assignments(root)
    starting = [name for name in known if name.startswith(module)]
    if module not in known and len(starting) == 1:  # `workshop check 01`
        module = starting[0]
    folder = Path(args.folder) if args.folder else root / "exercises" / module
    # Grading runs the whole notebook in a fresh kernel: a minute of silence reads as a hang (a self-learner trial).
    print(f"Grading your {module} with the hidden tests: this takes a minute or two...", flush=True)
    graded = pipeline.self_grade(root, module, folder)
    scores = graded.scores
    items = pipeline.totals(scores)["you"]
    manual = {s.item for s in scores if pipeline.hand_graded(s.grade_id)}
    cells = {}
    for s in scores:
        cells.setdefault(s.item, []).append(s.grade_id)
    print(f"Your {module} in {folder}, graded with the hidden tests (your files were not changed):")
    for item, (got, best) in items.items():
        if item in manual:
            print(f"  {item:24}   - / {best:g}  (free text: graded by a person with the rubric, below)")
            continue
        print(f"  {item:24} {got:g} / {best:g}")
        if got < best:  # why: the checker's own words, from each failing test cell (self-check first)
            reasons = []
            for grade_id in sorted(cells.get(item, []), key=lambda g: not g.endswith("-self")):
                reason = graded.reasons.get(grade_id)
                if reason and reason not in reasons:
                    reasons.append(reason)
            print(_indented("\n".join(reasons) or "No reason was recorded: run the item's cells in the notebook "
                                                    "and read their output."))
    got = sum(v[0] for k, v in items.items() if k not in manual)
    best = sum(v[1] for k, v in items.items() if k not in manual)
    print(f"Automatically graded: {got:g} of {best:g} points.")
    if got < best:
        print("Each item below full marks shows why, in the grader's words. Fix the answer, run its self-check "
              "cell to try it again, then run this command once more.")
    free = _free_text_questions(module)
    shown = [item for item in items if item in manual and item in free]
    if shown:
        print("\nFree text: a person grades it with this rubric. Compare your answer with it, and with the model "
              "answer (one of many that score full marks).")
    for item in shown:
        title, prompt, rubric, model = free[item]
        print(f"  {item}: {title}")
        print(_indented(prompt, indent="    "))
        for criterion, text in rubric.items():
            print(_indented(f"{criterion}: {text}"))
        if model:
            print(_indented(f"A model answer: {model}"))
    _keep_check_record(root, module, folder, items, manual)
    return 0


# -- self-learner: check records, progress, explained solutions, completion record ---------------------
def _keep_check_record(root: Path, module: str, folder: Path, items: dict, manual: set) -> None:
    """Write progress/<module>.json for `workshop progress`, `solution` and `certificate`; never fatal."""
    from workshop_utils import progress

    try:
        path = progress.write_record(root, module, folder, items, manual)
    except OSError as exc:
        print(f"workshop: the result could not be kept in {progress.RECORDS}/{module}.json ({exc.strerror or exc}); "
              "`workshop progress` and `workshop certificate` will not see this check.", file=sys.stderr)
        return
    print(f"Result kept in {path.relative_to(root)} (`workshop progress` shows it; `workshop solution {module}` "
          "now opens the explained solution).")


def cmd_progress(args) -> int:
    import json

    from workshop_utils import progress

    found = progress.collect(_root())
    print(json.dumps(found, indent=1, sort_keys=True) if args.json else progress.table(found))
    return 0


def cmd_solution(args) -> int:
    from workshop_utils import solutionpage

    root = _root()
    path = solutionpage.write(root, args.module, Path(args.out) if args.out else None)
    print(f"Wrote {path}: the explained solution of {path.stem.removesuffix('-solution')}. Open it in any browser "
          "(no internet needed).")
    if args.open:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())
    return 0


def cmd_certificate(args) -> int:
    from workshop_utils import certificate

    if args.verify:
        verdict = certificate.verify(Path(args.verify), paths.course_root())
        for line in verdict.lines:
            print(line)
        return 0 if verdict.intact else 1
    if not args.name or not args.name.strip():
        raise WorkshopError('Give the name to print on the record, e.g. `workshop certificate --name "Ada Lovelace"`.')
    issued = certificate.issue(_root(), args.name, Path(args.out) if args.out else None)
    for line in issued.skipped:
        print(f"workshop: {line}", file=sys.stderr)
    print(f"Wrote {issued.html} and {issued.json} for {', '.join(issued.modules)}. Check either with "
          f"`workshop certificate --verify {issued.json}`.")
    return 0


def _graded_rows(out: Path) -> tuple[int, int]:
    """(graded, not graded) rows of grades.csv: every submission and every refused entry has a row."""
    import csv

    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        statuses = [row["status"] for row in csv.DictReader(handle)]
    return statuses.count("graded"), len(statuses) - statuses.count("graded")


def cmd_grade(args) -> int:
    import shutil

    from workshop_utils.grading import classgrade, pipeline
    from workshop_utils.grading.isolation import host

    root = _root()
    if args.timeout is None:  # the same limit `workshop validate` and nbgrader use for this course
        args.timeout = int(pipeline.load_config(root).Execute.get("timeout", 30) or 30)
    if args.jobs < 0 or args.timeout < 1 or args.memory_mb < 64 or args.wall < 1:
        raise WorkshopError("--jobs is 0 (one per CPU) or more; --timeout and --wall are seconds (1 or more); "
                            "--memory-mb is 64 or more.")
    options = classgrade.Options(jobs=args.jobs or classgrade.Options().jobs, timeout=args.timeout,
                                 memory_mb=args.memory_mb, wall=args.wall, force=args.force,
                                 isolate=False if args.no_isolation else None)
    if args.shard is not None:
        from workshop_utils.grading import shard

        options.shard = shard.parse(args.shard)
    if options.isolate is None and not host.namespaces_available():
        print("workshop: Linux namespaces are not available here: each submission still gets its own process, "
              "memory cap and timeouts, but NOT network or file-system isolation.", file=sys.stderr)

    out = Path(args.out)
    with pipeline.signals_interrupt():  # `kill` (SIGTERM) or a closed terminal stops the run as Ctrl-C does
        try:
            summary = classgrade.grade_class(root, Path(args.submissions), out, options)
        except KeyboardInterrupt as exc:
            _stopped_by_interrupt()
            # The work folders hold copies of the solutions (hidden tests): none outlives the run. (One left
            # by a SIGKILL is removed by the next run.)
            shutil.rmtree(out.resolve() / ".work", ignore_errors=True)
            print(f"workshop: stopped. {_stopped_summary(exc, out, args.force)}", file=sys.stderr)
            return 130
    for bad in summary.rejected:
        print(f"rejected {bad.student}: {bad.reason}", file=sys.stderr)
    again = f" ({summary.resubmitted} of them changed since they were last graded)" if summary.resubmitted else ""
    if summary.retried:
        again += f" ({summary.retried} of them failed last time and were tried again)"
    refused = f", rejected {len(summary.rejected)}" if summary.rejected else ""
    print(f"Graded {summary.graded}{again}, flagged {summary.flagged}{refused} (see status and reason in grades.csv), "
          f"{summary.skipped} already graded earlier and unchanged, in {summary.seconds:.0f} s "
          f"({host.describe(summary.protections, summary.isolated)}).")
    if summary.hand_grades_cleared:
        print(f"Hand grades cleared because the work changed: {', '.join(summary.hand_grades_cleared)}. "
              "Grade their free text again in the formgrader.")
    graded, not_graded = _graded_rows(out)
    print(f"Grades: {graded} graded, {not_graded} not graded (each row says why) in {out / 'grades.csv'}; "
          f"per item: {out / 'items.csv'}; gradebook: {out / 'gradebook.db'}")
    if summary.errors:
        student, module = summary.errors[0]
        print(f"{len(summary.errors)} submission(s) ended in an error (not the participant's score): see the reason "
              f"column of {out / 'grades.csv'} and their logs, e.g. {out / 'logs' / f'{student}--{module}.log'}. "
              "Run the same command again to grade them again.", flush=True)
        return 1
    return 0


def cmd_merge(args) -> int:
    from workshop_utils.grading import shard

    counts = shard.merge([Path(d) for d in args.dirs], Path(args.out))
    hand = f", {counts['hand_grades']} hand grade(s)" if counts["hand_grades"] else ""
    print(f"Merged {counts['slices']} slice(s): {counts['results']} result(s), {counts['rejected']} refused "
          f"entr{'y' if counts['rejected'] == 1 else 'ies'}{hand} into {args.out} (grades.csv, items.csv, "
          f"gradebook.db). Use it as the --out folder of one `workshop grade`: report, feedback, export, formgrader.")
    return 0


def cmd_export(args) -> int:
    from workshop_utils.grading import export

    done = export.export(Path(args.dir), args.format, Path(args.out), roster=Path(args.roster) if args.roster else None,
                         identifier=args.moodle_id, allow_unknown=args.allow_unknown, columns=args.column)
    for line in done.warnings:
        print(f"workshop: {line}", file=sys.stderr)
    print(f"Wrote {args.out}: {done.rows} participant(s), {len(done.modules)} assignment column(s) "
          f"({', '.join(done.modules)}) for {export.FORMATS[args.format]}.")
    return 0


def _stopped_summary(exc: KeyboardInterrupt, out: Path, force: bool) -> str:
    """What a stopped `workshop grade` run did, in this run and in all, and how to go on."""
    from workshop_utils.grading import classgrade, results

    kept = sum(r.status == "graded" for r in results.load_results(out.resolve())) if out.exists() else 0
    if force:
        again = ("run the same command without --force to grade the rest (with --force it grades everyone "
                 "again)")
    else:
        again = "run the same command again to grade the rest"
    if not isinstance(exc, classgrade.Stopped):  # stopped before grading began
        return f"Nothing was graded in this run; {kept} submission(s) graded earlier are in {out}/grades.csv."
    this_run = (f"{exc.graded} of the {exc.todo} submission(s) this run set out to grade"
                f"{' again' if force else ''} were graded before it stopped")
    return f"{this_run}; {kept} graded submission(s) in all are kept in {out}/grades.csv; {again}."


def cmd_feedback(args) -> int:
    from workshop_utils.grading import feedback

    written = feedback.generate(Path(args.dir), args.student or None)
    waiting = feedback.awaiting_hand_grades(Path(args.dir), args.student or None)
    if waiting:
        print(f"workshop: {len(waiting)} page(s) show 0 for free text not yet graded by hand ({', '.join(waiting[:5])}"
              f"{', ...' if len(waiting) > 5 else ''}). Grade it in the formgrader first, then run this again.",
              file=sys.stderr)
    print(f"Wrote {len(written)} feedback page(s) under {Path(args.dir) / 'feedback'} "
          "(scores, answers and messages; no hidden tests).")
    return 0


def cmd_report(args) -> int:
    from workshop_utils.grading import report

    path = report.build(Path(args.dir))
    print(f"Wrote {path}: open it in any browser (no internet needed).")
    return 0


def cmd_formgrader(args) -> int:
    from workshop_utils.grading import handgrade

    if args.off:
        removed = handgrade.forget()
        print(f"{'Removed' if removed else 'There was no'} graded class from {handgrade.user_config()}. "
              "Restart your server for the formgrader to read it again.")
        return 0
    config = handgrade.point_at(Path(args.dir))
    user = os.environ.get("JUPYTERHUB_USER") or os.environ.get("USER", "<you>")
    print(f"Wrote {config}: your formgrader now shows the graded class in {Path(args.dir).resolve()}.\n"
          "Restart your server (on a hub: File > Hub Control Panel > Stop My Server, then Start My Server), then "
          f"open /user/{user}/formgrader in its own browser tab and grade the items marked 'needs manual grading'.\n"
          f"Afterwards: `workshop report {args.dir}` puts the hand grades into grades.csv and the report, and "
          f"`workshop feedback {args.dir}` into the feedback pages. Never press the formgrader's autograde button "
          "(the lightning): it runs participants' code unsandboxed in your own server; `workshop grade` grades.")
    return 0


def cmd_guide(args) -> int:
    from workshop_utils import guide

    root = _root()
    if args.check:
        if guide.is_current(root):
            print(f"{guide.GUIDE} is up to date.")
            return 0
        print(f"{guide.GUIDE} is out of date: run `workshop guide` and commit it.")
        return 1
    print(f"wrote {guide.write(root).relative_to(root)}")
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


def cmd_update(args) -> int:
    from workshop_utils import update

    result = update.update(_root(), fetch=not args.no_fetch)
    for line in result.lines():
        print(line)
    return 0


# -- workshop plan: the capstone's outcome plan (workshop_utils.plan) --------------------------------
def cmd_plan(args) -> int:
    from workshop_utils import plan

    source = Path(args.file)
    current = plan.load(source, qid=args.qid)
    if args.action == "check":
        found = plan.problems(current)
        for line in found:
            print(f"- {line}")
        print(f"{len(found)} thing(s) still to do in {source}." if found else
              f"{source}: every structural check passes.")
        return 1 if found else 0
    # Beside the notebook by default: an answers file lives in <notebook folder>/answers/.
    folder = Path(args.out) if args.out else (source.parent.parent if source.parent.name == "answers"
                                              else source.parent)
    md_path, html_path = plan.export(current, folder, stem=args.stem)
    print(f"Wrote {md_path} and {html_path} (one page, works offline: open it in any browser, or share it).")
    left = len(plan.problems(current))
    if left:
        print(f"workshop: {left} thing(s) are still to do; both files list them "
              f"(`workshop plan check {source}`).", file=sys.stderr)
    return 0


# -- workshop site: the course as a static offline website (workshop_utils.site) -----------------------
def cmd_site(args) -> int:
    from workshop_utils import site

    root = _root()
    site.check_out(root, Path(args.out))  # a clear refusal before a minute of work
    edition = "instructor" if args.instructor else "learner"
    print(f"Building the {edition} edition of the course site in {args.out}"
          + ("" if args.no_execute else " (each lesson runs in a fresh kernel: a minute or two)") + "...", flush=True)
    built = site.build(root, Path(args.out), instructor=args.instructor, execute=not args.no_execute,
                       timeout=args.timeout)
    for problem in built.errors:
        print(f"workshop: a cell raised an error while its lesson ran (the page shows it): {problem}", file=sys.stderr)
    print(f"Wrote {len(built.pages)} pages to {built.out} in {built.seconds:.1f} s "
          f"({'lessons run' if built.executed else 'lessons not run: no outputs'}). Open {built.out / 'index.html'} "
          "in any browser, offline; to publish it, copy the folder to any static web host.")
    return 1 if built.errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workshop", description="From Project to Product: workshop tools.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("doctor", help="check this machine is ready, with a fix for each problem")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--hub", action="store_true", help="check a class hub's permissions instead (exchange, homes, "
                                                       "the course folder), with the fix for each")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("lab", help="open JupyterLab on the start-here notebook (other options go to jupyter lab)",
                       epilog="Any other option goes to jupyter lab as it is, e.g. `workshop lab --port 8890` or "
                              "`workshop lab --no-browser`.")
    p.add_argument("--instructor", action="store_true",
                   help="open the instructor edition (lessons with notes) with nbgrader's authoring panels")
    p.set_defaults(func=cmd_lab, passthrough=True)

    p = sub.add_parser("lessons", help="generate the learner edition notebooks/ from instructor/ (notes removed)")
    p.add_argument("--check", action="store_true", help="fail if notebooks/ differs from what it would write")
    p.set_defaults(func=cmd_lessons)

    p = sub.add_parser("release", help="generate exercises/ from solutions/ (nbgrader generate_assignment), "
                                       "and notebooks/ from instructor/")
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

    p = sub.add_parser("progress", help="where you are: per module, practice, graded items, last check, next step")
    p.add_argument("--json", action="store_true", help="machine-readable output (stable keys)")
    p.set_defaults(func=cmd_progress)

    p = sub.add_parser("solution", help="the explained solution of a graded set, once you have run `workshop check`")
    p.add_argument("module", help="e.g. 01-output-vs-outcome (or 01)")
    p.add_argument("--out", help="the HTML file to write (default: progress/MODULE-solution.html)")
    p.add_argument("--open", action="store_true", help="open it in your browser too")
    p.set_defaults(func=cmd_solution)

    p = sub.add_parser("certificate", help="your completion record (HTML + JSON) for the modules you have checked, "
                                           "or --verify one")
    p.add_argument("--name", help="the name to print on the record, as you want it")
    p.add_argument("--out", help="folder for certificate.html and certificate.json (default: progress/)")
    p.add_argument("--verify", metavar="FILE", help="say whether certificate.json (or .html) is intact")
    p.set_defaults(func=cmd_certificate)

    p = sub.add_parser("grade", help="grade a whole class: each submission isolated, N at a time, resumable")
    p.add_argument("submissions", help="<student>/<module>/ folders (nbgrader collect) or <student>.zip files")
    p.add_argument("--out", required=True, help="output folder (an nbgrader course: grades.csv, gradebook.db, ...)")
    p.add_argument("--jobs", type=int, default=0, help="submissions graded at once (default: CPU count)")
    p.add_argument("--timeout", type=int, default=None,
                   help="seconds a single cell may run (default: the course's Execute.timeout in nbgrader_config.py)")
    p.add_argument("--memory-mb", type=int, default=1024, help="memory cap per submission (default 1024)")
    p.add_argument("--wall", type=int, default=300, help="seconds one submission may take in all (default 300)")
    p.add_argument("--force", action="store_true", help="grade again submissions graded by an earlier run")
    p.add_argument("--no-isolation", action="store_true", help="do not use Linux namespaces (not recommended)")
    p.add_argument("--shard", metavar="I/N", help="grade only slice I of N of the class (one machine of N; join the "
                                                  "N --out folders with `workshop merge`)")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("merge", help="join the --out folders of `workshop grade --shard I/N` into one graded class")
    p.add_argument("dirs", nargs="+", metavar="DIR", help="the --out folder of each slice, all N of them")
    p.add_argument("--out", required=True, help="a new folder for the whole class")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("export", help="the gradebook import file for Canvas or Moodle, from a graded class")
    p.add_argument("dir", help="the --out folder of `workshop grade` (or `workshop merge`)")
    p.add_argument("--format", required=True, choices=["canvas", "moodle"], help="the LMS that imports it")
    p.add_argument("--out", required=True, help="the CSV file to write")
    p.add_argument("--roster", help="CSV mapping each student_id to LMS identities (name, canvas_id, sis_user_id, "
                                    "sis_login_id, section, email, username, idnumber)")
    p.add_argument("--moodle-id", choices=["email", "username", "idnumber"], default=None,
                   help="the Moodle user field the identifier column maps to (default: email with a roster, "
                        "else username)")
    p.add_argument("--column", action="append", metavar="MODULE=NAME",
                   help="name a module's column after the LMS's assignment (Canvas: 'Title (id)' as its own export "
                        "shows); repeatable; default: the module's name")
    p.add_argument("--allow-unknown", action="store_true",
                   help="export participants missing from the roster with blank LMS ids (listed) instead of refusing")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("feedback", help="per-participant feedback pages for a graded class (no hidden tests)")
    p.add_argument("dir", help="the --out folder of `workshop grade`")
    p.add_argument("--student", action="append", help="only this participant (repeatable)")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("report", help="the class debrief page (report.html) for a graded class")
    p.add_argument("dir", help="the --out folder of `workshop grade`")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("formgrader", help="show a graded class in your formgrader, for hand grading on a class hub")
    p.add_argument("dir", nargs="?", default="graded", help="the --out folder of `workshop grade` (default: graded)")
    p.add_argument("--off", action="store_true", help="stop showing it (the formgrader reads your course again)")
    p.set_defaults(func=cmd_formgrader)

    p = sub.add_parser("guide", help="write docs/facilitator-guide.md from the instructor lessons' metadata")
    p.add_argument("--check", action="store_true", help="fail if the committed guide is out of date")
    p.set_defaults(func=cmd_guide)

    p = sub.add_parser("data", help="list the case-study data sets, or regenerate them")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="regenerate data/ from the seeded generator")
    group.add_argument("--check", action="store_true", help="fail if data/ differs from the generator")
    p.set_defaults(func=cmd_data)

    p = sub.add_parser("update", help="update the course to its newest version, keeping your notebooks and answers")
    p.add_argument("--no-fetch", action="store_true", help="use what was last fetched (no network)")
    p.set_defaults(func=cmd_update)

    p = sub.add_parser("plan", help="the capstone's outcome plan: export it (Markdown + one offline HTML page) or "
                                    "check it")
    p.add_argument("action", choices=["export", "check"], help="export: write PLAN.md and PLAN.html; check: list "
                                                               "what is still to do")
    p.add_argument("file", help="the capstone notebook (.ipynb), its answers file (answers/<notebook>.json), or a "
                                "saved plan (.json)")
    p.add_argument("--qid", help="which answer holds the plan, when the answers file has more than one")
    p.add_argument("--out", help="folder for the exported files (default: beside the notebook or the plan file)")
    p.add_argument("--stem", default="my-outcome-plan", help="file name without ending (default: my-outcome-plan)")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("site", help="the course as a static website: every lesson with its outputs, searchable, "
                                    "offline (open index.html, or copy the folder to any static host)")
    p.add_argument("--out", required=True, help="folder for the site (new, or a site built here before)")
    p.add_argument("--instructor", action="store_true", help="the instructor edition: lessons with their "
                                                             "instructor notes, and the facilitator guide")
    p.add_argument("--no-execute", action="store_true", help="do not run the lessons (fast; pages without outputs)")
    p.add_argument("--timeout", type=int, default=300, help="seconds a single cell may run (default 300)")
    p.set_defaults(func=cmd_site)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not getattr(args, "passthrough", False):
        if args.command == "grade" and any(not e.startswith("-") for e in extra):
            print("workshop: grade takes one folder of submissions: put the zip files (or the participants' "
                  "folders) in one folder and give that, e.g. `workshop grade zips --out graded`.", file=sys.stderr)
            return 2
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.jupyter_args = extra
    _quiet_interrupted_connections()
    try:
        return args.func(args)
    except WorkshopError as exc:
        print(f"workshop: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        _stopped_by_interrupt()
        print("workshop: interrupted", file=sys.stderr)
        return 130


def _quiet_interrupted_connections() -> None:
    """nbgrader's gradebook closes its database connections through SQLAlchemy's pool, which logs a full traceback
    when Ctrl-C or SIGTERM lands during a close ("Exception closing connection ... KeyboardInterrupt"). The command
    still cleans up and says "interrupted"; the traceback would only alarm. Such close errors are all the pool
    logs at error level, and a real database error is raised, not logged."""
    import logging

    logging.getLogger("sqlalchemy.pool").setLevel(logging.CRITICAL)


def _stopped_by_interrupt() -> None:
    """A command stopped by Ctrl-C or SIGTERM has cleaned up: make sure it now exits 130, not by the signal.

    A second Ctrl-C or SIGTERM (a terminal, a test, a hub stopping its server) must not kill it halfway
    through shutting down: both are ignored from here on.

    And CPython (3.8 and later) remembers a KeyboardInterrupt that escaped any ``exec``/``eval`` of a
    string, even one that code further up caught and handled. dataclasses and namedtuple build their
    methods that way, so a Ctrl-C or SIGTERM that lands while a module of the course is being imported
    goes through one. Under ``python -m workshop_utils.cli`` the interpreter then, after the command has
    returned 130, kills itself with SIGINT "for the uncaught KeyboardInterrupt". The flag is cleared
    each time a string is evaluated: one evaluation, after the interrupt was handled, clears it.
    """
    import contextlib
    import signal

    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):  # not the main thread, or no such signal here
            signal.signal(number, signal.SIG_IGN)
    exec("pass", {})  # clears CPython's "unhandled KeyboardInterrupt" flag (see above)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
