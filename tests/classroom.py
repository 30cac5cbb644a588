"""A synthetic class for grading tests: full, partial, blank, misconception and hostile submissions.

Every participant is a copy of the released notebook with answer cells filled in as that kind of
participant would, and ``expected`` says exactly what each should score and with which status.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .conftest import ROOT
from .misconceptions import MISCONCEPTION_SCORES, MISCONCEPTIONS


@dataclass(frozen=True)
class Expected:
    score: float
    status: str = "graded"
    note: str = ""  # a phrase the grades.csv reason must contain ("" = no reason expected)


def _strip(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if "### BEGIN SOLUTION" not in line
                     and "### END SOLUTION" not in line)


def module_facts(module: str):
    """(answer code per item from the solution, points per autograded item, in notebook order)."""
    source = nbformat.read(ROOT / "solutions" / module / f"{module}.ipynb", as_version=4)
    answers, points = {}, {}
    for cell in source.cells:
        info = cell.metadata.get("nbgrader", {})
        grade_id = info.get("grade_id", "")
        if grade_id.endswith("-answer"):
            answers[grade_id[: -len("-answer")]] = _strip(cell.source)
        if info.get("grade") and not info.get("solution"):
            item = grade_id.rsplit("-", 1)[0]
            points[item] = points.get(item, 0) + info["points"]
    return answers, points


def free_text(module: str) -> dict[str, str]:
    """grade id -> the model answer of each item graded by hand (a written answer), from the solution."""
    source = nbformat.read(ROOT / "solutions" / module / f"{module}.ipynb", as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: _strip(c.source) for c in source.cells
            if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")
            and c.metadata["nbgrader"].get("grade")}


def fill_free_text(nb, texts: dict[str, str]) -> None:
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id in texts:
            cell.source = texts[grade_id]


def points(module: str) -> tuple[float, float]:
    """(points graded automatically, all points) of a module's graded notebook: what a full-marks hand-in scores
    before and after hand grading. Tests read them here rather than repeat numbers that change with the items."""
    source = nbformat.read(ROOT / "solutions" / module / f"{module}.ipynb", as_version=4)
    graded = [c.metadata["nbgrader"] for c in source.cells if c.metadata.get("nbgrader", {}).get("grade")]
    return (sum(g["points"] for g in graded if not g.get("solution")), sum(g["points"] for g in graded))


def write_submission(release: Path, dest: Path, module: str, edit) -> None:
    shutil.copytree(release, dest)
    path = dest / f"{module}.ipynb"
    nb = nbformat.read(path, as_version=4)
    edit(nb)
    nbformat.write(nb, path)


def fill_answers(nb, code: dict[str, str]) -> None:
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        item = grade_id[: -len("-answer")] if grade_id.endswith("-answer") else None
        if item in code:
            cell.source = code[item]


def escape_probe(port: int) -> str:
    """Code that tries the ways out of its kernel and prints what it found (see check_escape_probe)."""
    return (
        f"import os, pathlib, socket, subprocess, tempfile\ntry:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=2).close()\n"
        "    print('NETWORK-OPEN')\nexcept OSError:\n    print('NETWORK-BLOCKED')\n"
        "status = dict(l.split(':\\t', 1) for l in open('/proc/self/status').read().splitlines() if ':\\t' in l)\n"
        "print('PRIVILEGES', *(k + '=' + status[k].strip() for k in ('CapPrm', 'CapEff', 'CapBnd', 'NoNewPrivs')))\n"
        "work = pathlib.Path.cwd().parents[2]\ntry:\n    open(work / 'gradebook.db', 'ab').close()\n"
        "    print('GRADEBOOK-WRITABLE')\nexcept OSError:\n    print('GRADEBOOK-READONLY')\n"
        "remount = subprocess.run(['mount', '-o', 'remount,rw', str(work)], capture_output=True)\n"
        "print('REMOUNT-EXIT', remount.returncode)\nprint('TEMPORARY', tempfile.gettempdir())\n"
    )


def check_escape_probe(printed: str, student: str, module: str) -> None:
    """What ``escape_probe`` must have found in an isolated grading kernel."""
    assert "NETWORK-BLOCKED" in printed and "NETWORK-OPEN" not in printed, printed
    zero = "0" * 16
    assert f"PRIVILEGES CapPrm={zero} CapEff={zero} CapBnd={zero} NoNewPrivs=1" in printed, printed
    assert "GRADEBOOK-READONLY" in printed and "GRADEBOOK-WRITABLE" not in printed, printed
    assert "REMOUNT-EXIT" in printed and "REMOUNT-EXIT 0" not in printed, printed
    temporary = printed.split("TEMPORARY ", 1)[1].split()[0]
    assert temporary.endswith(f"{student}--{module}/tmp"), temporary


def make_class(submissions: Path, module: str, sentinel: Path, port: int, isolated: bool) -> dict[str, Expected]:
    """Write 30 participants into ``submissions/<student>/<module>/``; returns what each must score."""
    release = ROOT / "exercises" / module
    answers, points = module_facts(module)
    items = list(answers)
    full = float(sum(points.values()))
    expected: dict[str, Expected] = {}

    def add(student, edit, exp):
        write_submission(release, submissions / student / module, module, edit)
        expected[student] = exp

    def complete(nb):
        fill_answers(nb, answers)
        for cell in nb.cells:  # and a free-text answer for the formgrader
            info = cell.metadata.get("nbgrader", {})
            if info.get("grade") and info.get("solution") and cell.cell_type == "markdown":
                cell.source = "Store staff answer 70% of questions on the floor, up from 40%, by Q2."

    for i in range(8):
        add(f"full{i:02d}", complete, Expected(full))
    for k in range(1, 5):
        # widget questions left to the widget, and no answers file: the row says so
        add(f"partial{k}", lambda nb, k=k: fill_answers(nb, {i: answers[i] for i in items[:k]}),
            Expected(float(sum(points[i] for i in items[:k])), note="no answers file"))
    for i in range(4):
        add(f"blank{i}", lambda nb: None, Expected(0.0, note="nothing was answered"))
    wrong = {g[: -len("-answer")]: c for g, c in MISCONCEPTIONS[module].items()}
    for i in range(5):
        add(f"misconception{i}", lambda nb: fill_answers(nb, {**answers, **wrong}),
            Expected(float(sum(MISCONCEPTION_SCORES[module].values()))))

    first, second, third, fourth = items[0], items[1], items[2], items[3]
    # Hostile participants: each does one bad thing; everything else is right.
    (submissions / "hostile_json" / module).mkdir(parents=True)
    (submissions / "hostile_json" / module / f"{module}.ipynb").write_text("{ this is not a notebook")
    expected["hostile_json"] = Expected(0.0, "invalid", "not a valid notebook")

    add("hostile_loop", lambda nb: fill_answers(nb, {**answers, fourth: "while True:\n    pass\n" + answers[fourth]}),
        Expected(full - points[fourth], note="ran too long"))
    hog = "hog = [bytearray(10**6) for _ in range(10**6)]\n"
    add("hostile_memory", lambda nb: fill_answers(nb, {**answers, second: hog + answers[second]}),
        Expected(full - points[second], note="out of memory"))
    # Isolated, the kernel's parent is the init process of its PID namespace, which ignores the
    # signal: grading goes on. Without namespaces the grader dies and the submission is flagged.
    killer = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
    add("hostile_killer", lambda nb: fill_answers(nb, {**answers, first: killer + answers[first]}),
        Expected(full) if isolated else Expected(0.0, "crashed", "ended with signal SIGKILL"))
    vandal = (
        "import pathlib, shutil\n"
        f"for target in list(pathlib.Path.cwd().parents)[3:6] + [pathlib.Path({str(sentinel)!r})]:\n"
        "    shutil.rmtree(target, ignore_errors=True)\n"
        "    try:\n        target.unlink()\n    except OSError:\n        pass\n"
        f"try:\n    pathlib.Path({str(sentinel)!r}).with_name('written-by-a-submission').write_text('x')\n"
        "except OSError:\n    pass\n"
    )
    add("hostile_vandal", lambda nb: fill_answers(nb, {**answers, third: vandal + answers[third]}), Expected(full))
    printer = 'print("x" * 30_000_000)\n'
    add("hostile_printer", lambda nb: fill_answers(nb, {**answers, third: printer + answers[third]}),
        Expected(full, note="truncated"))
    probe = escape_probe(port)
    add("hostile_escape", lambda nb: fill_answers(nb, {**answers, third: probe + answers[third]}), Expected(full))

    def tamper(nb):
        fill_answers(nb, {**answers, fourth: wrong.get(fourth, "pass")})
        for cell in nb.cells:
            info = cell.metadata.get("nbgrader", {})
            if info.get("grade_id", "").startswith(fourth + "-") and info.get("grade"):
                cell.source = "pass  # trust me"
    add("hostile_tamper", tamper, Expected(full - points[fourth], note="edited and were restored"))

    def delete(nb):
        fill_answers(nb, answers)
        nb.cells = [c for c in nb.cells if not (c.metadata.get("nbgrader", {}).get("grade")
                                                and c.metadata["nbgrader"].get("grade_id", "").startswith(fourth))]
    add("hostile_deleter", delete, Expected(full, note="deleted and were restored"))
    assert len(expected) == 30
    return expected


def read_answers(submission: Path, module: str) -> dict:
    path = submission / "answers" / f"{module}.json"
    return json.loads(path.read_text())["answers"] if path.exists() else {}


def make_benign_class(submissions: Path, module: str, size: int = 30) -> dict[str, Expected]:
    """A class with no hostile participant (for benchmarks against plain nbgrader): full, partial, blank
    and misconception submissions in turn."""
    release = ROOT / "exercises" / module
    answers, points = module_facts(module)
    items = list(answers)
    wrong = {g[: -len("-answer")]: c for g, c in MISCONCEPTIONS[module].items()}
    kinds = [
        (lambda nb: fill_answers(nb, answers), float(sum(points.values()))),
        (lambda nb: fill_answers(nb, {i: answers[i] for i in items[:3]}), float(sum(points[i] for i in items[:3]))),
        (lambda nb: None, 0.0),
        (lambda nb: fill_answers(nb, {**answers, **wrong}), float(sum(MISCONCEPTION_SCORES[module].values()))),
    ]
    expected = {}
    for n in range(size):
        edit, score = kinds[n % len(kinds)]
        student = f"p{n:02d}"
        write_submission(release, submissions / student / module, module, edit)
        expected[student] = Expected(score)
    return expected


def hidden_test_lines(nb) -> list[str]:
    """The non-blank source lines between ### BEGIN HIDDEN TESTS and ### END HIDDEN TESTS in a notebook."""
    lines = []
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if "### BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "### END HIDDEN TESTS" in line:
                inside = False
            elif inside and line.strip():
                lines.append(line.strip())
    return lines
