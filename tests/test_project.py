"""Project-level checks: environment files agree, code is linted, imports stay light, two commands."""

import re
import subprocess
import sys

import pytest
import yaml
from packaging.requirements import Requirement

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_environment_yml_lists_the_same_requirements_as_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "python>=3.10" in conda
    packages = [d for d in conda if d.split(">")[0].split("=")[0] not in ("python", "pip")]
    listed = {}
    for spec in packages + [p for p in pip if not p.startswith("-e")]:
        req = Requirement(spec.replace("=", "==", 1) if re.match(r"^[\w.-]+=[^=]", spec) else spec)
        listed[normalise(req.name)] = str(req.specifier)
    wanted = {normalise(Requirement(r).name): str(Requirement(r).specifier)
              for r in pyproject()["project"]["dependencies"]}
    assert listed == wanted


def test_constraints_pin_everything_the_project_needs():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate():
            pins[normalise(req.name)] = req
    project = pyproject()["project"]
    needed = project["dependencies"] + project["optional-dependencies"]["test"]
    for spec in needed:
        req = Requirement(spec)
        pin = pins.get(normalise(req.name))
        assert pin is not None, f"{req.name} is not pinned in constraints.txt"
        version = next(iter(pin.specifier)).version
        assert req.specifier.contains(version, prereleases=True), f"{req.name} pin {version} breaks {req.specifier}"


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_workshop_utils_stays_light():
    heavy = ("pandas", "altair", "ipywidgets", "nbgrader")
    code = f"import sys, workshop_utils; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def quick_start_commands():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:bash|sh|shell)?\n(.*?)```", section, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def test_readme_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert commands == ["make lab", "make test"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert quick_start_commands()[1] in ci


@pytest.mark.parametrize("doc", ["README.md", "CONTRIBUTING.md", "docs/self-learner-guide.md",
                                 "docs/deployment.md", "LICENSE", "LICENSE-CONTENT.md"])
def test_documents_exist(doc):
    assert (ROOT / doc).stat().st_size > 200
