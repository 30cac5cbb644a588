"""``workshop doctor``: is this machine ready for the workshop? One line per check, with the fix.

Modelled on the jupyter-widgets tutorial's install check: every FAIL prints the exact command
that fixes it, so a participant can recover without a facilitator at their side.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from workshop_utils import paths

DIST = "project-to-product-workshop"
INSTALL_FIX = "pip install -c constraints.txt -e .   (run in the course folder; or simply: make lab)"


@dataclass(frozen=True)
class Result:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def check_python() -> Result:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 10)
    return Result("python", ok, f"Python {version} at {sys.executable}",
                  "" if ok else "Install Python 3.10 or newer, then run `make lab` again (or use the conda route "
                                "in the README).")


def check_packages() -> Result:
    from packaging.requirements import Requirement

    try:
        requirements = [Requirement(r) for r in metadata.requires(DIST) or [] if "extra ==" not in r]
    except metadata.PackageNotFoundError:
        return Result("packages", False, "the workshop package is not installed in this Python", INSTALL_FIX)
    problems, seen = [], []
    for req in requirements:
        try:
            version = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{req.name} missing")
            continue
        seen.append(f"{req.name} {version}")
        if not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name} {version} (needs {req.specifier})")
    if problems:
        return Result("packages", False, "; ".join(problems), INSTALL_FIX)
    return Result("packages", True, f"{len(seen)} required packages at compatible versions")


def check_kernel() -> Result:
    fix = f"{sys.executable} -m ipykernel install --sys-prefix --name python3"
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        spec = KernelSpecManager().get_kernel_spec("python3")
    except Exception as exc:  # no such kernel, or a broken kernel.json
        return Result("kernel", False, f"no usable 'python3' Jupyter kernel ({exc})", fix)
    python = spec.argv[0]
    # jupyter_client starts "python" kernels with the Python that runs Jupyter itself.
    if python in {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}:
        python = sys.executable
    probe = subprocess.run([python, "-c", "import workshop_utils, ipywidgets, pandas; print('ok')"],
                           capture_output=True, text=True, timeout=120)
    if probe.returncode != 0 or "ok" not in probe.stdout:
        last = (probe.stderr.strip().splitlines() or ["it failed"])[-1]
        return Result("kernel", False, f"the 'python3' kernel runs {python}, which cannot import the course "
                                       f"helpers: {last}", fix)
    return Result("kernel", True, f"'python3' kernel runs {python} and imports the course helpers")


def _labextension(name: str) -> Path | None:
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("labextensions"):
        candidate = Path(base) / name / "package.json"
        if candidate.exists():
            return candidate
    return None


def check_labextensions() -> list[Result]:
    wanted = {
        "widgets extension": ("@jupyter-widgets/jupyterlab-manager", "ipywidgets"),
        "chart widget extension": ("anywidget", "anywidget"),
        "nbgrader extension": ("@jupyter/nbgrader", "nbgrader"),
    }
    results = []
    for label, (name, package) in wanted.items():
        found = _labextension(name)
        if found:
            version = json.loads(found.read_text(encoding="utf-8")).get("version", "?")
            results.append(Result(label, True, f"{name} {version}"))
        else:
            results.append(Result(label, False, f"JupyterLab extension {name} not found",
                                  f"pip install -c constraints.txt --force-reinstall {package}"))
    return results


def check_chart_offline() -> Result:
    try:
        import altair as alt
        import vl_convert as vlc

        spec = alt.Chart(alt.Data(values=[{"x": 1, "y": 2}])).mark_bar().encode(x="x:Q", y="y:Q").to_dict()
        svg = vlc.vegalite_to_svg(spec)
    except Exception as exc:
        return Result("offline charts", False, f"could not draw a chart without internet ({exc})",
                      "pip install -c constraints.txt --force-reinstall altair vl-convert-python")
    ok = "<svg" in svg
    return Result("offline charts", ok, "a test chart was drawn to SVG locally" if ok else "no SVG produced",
                  "" if ok else "pip install -c constraints.txt --force-reinstall vl-convert-python")


def check_data() -> Result:
    from workshop_utils.data import verify_checksums

    folder = paths.data_dir()
    if folder is None:
        return Result("data", True, "course folder not found here: data sets will be generated in memory "
                                    "(identical, from the seeded generator)")
    problems = verify_checksums(folder)
    if problems:
        return Result("data", False, "; ".join(problems),
                      "git checkout -- data/   (or regenerate: workshop data --write)")
    return Result("data", True, f"data files match their checksums in {folder}")


def check_grading_isolation() -> Result:
    """Informational for facilitators: how `workshop grade` can isolate submissions here, each
    protection measured (``host.protections``), and the fix for each one missing."""
    from workshop_utils.grading.isolation import host

    found = host.protections()
    lines = [f"{'yes' if p.available else 'NO '}  {p.label}" + ("" if p.available else f"; fix: {p.fix}")
             for p in found]
    listing = "".join(f"\n        {line}" for line in lines)
    if host.namespaces_available():
        plain = next(p for p in found if p.key == "unshare")
        note = "" if plain.available else " (but not on the plain-process path: see the unshare line)"
        return Result("grading isolation", True, "workshop grade can isolate each submission (Linux namespaces) "
                      f"and start its kernels warm{note}:{listing}")
    return Result("grading isolation", True, "isolation not available here: workshop grade will grade with "
                  "separate processes, memory caps and timeouts only, without the protections marked NO (only "
                  f"facilitators need this):{listing}")


def run_all() -> list[Result]:
    results = [check_python(), check_packages(), check_kernel(), *check_labextensions()]
    results += [check_chart_offline(), check_data(), check_grading_isolation()]
    return results


def render(results: list[Result], as_json: bool = False, command: str = "workshop doctor") -> str:
    if as_json:
        return json.dumps({"ok": all(r.ok for r in results), "checks": [asdict(r) for r in results]}, indent=2)
    lines = []
    for r in results:
        lines.append(f"{'OK  ' if r.ok else 'FAIL'}  {r.name}: {r.detail}")
        if not r.ok and r.fix:
            lines.append(f"      fix: {r.fix}")
    failed = sum(not r.ok for r in results)
    lines.append("All checks passed: you are ready." if not failed else
                 f"{failed} check(s) failed: run the fix shown under each, then `{command}` again.")
    return "\n".join(lines)
