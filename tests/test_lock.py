"""The lock (constraints.txt) installs from wheels on every Python the README promises: resolved, not installed.

For each Python a classroom may have, uv resolves pyproject.toml's dependencies and test extra under
constraints.txt for that exact version: markers on python_full_version are evaluated for it and every
package's Requires-Python is checked against it (3.11.2 is not 3.11.7). ``--only-binary :all:`` with a
target platform also requires a wheel for that Python and platform, as a classroom without compilers
needs. pip is not used here: its ``--python-version`` checks Requires-Python and wheel tags but evaluates
markers for the running interpreter. Needs network access to the package index (CI has it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

# Debian 12 has 3.11.2, Ubuntu 22.04 3.10.12, Ubuntu 24.04 3.12.3; x.y.0 are the first of each line.
LINUX_PYTHONS = ("3.10.0", "3.10.12", "3.11.0", "3.11.2", "3.12.3", "3.13", "3.14", "3.15")
LINUX = "x86_64-manylinux_2_28"
# Laptops: the oldest and newest Python on Windows and on Apple silicon.
OTHER_PLATFORMS = [(python, platform) for platform in ("x86_64-pc-windows-msvc", "aarch64-apple-darwin")
                   for python in ("3.10.0", LINUX_PYTHONS[-1])]

pytestmark = pytest.mark.slow


def pins(path: Path) -> dict[str, set[str]]:
    """Every version constraints.txt pins for each package (one per marker line)."""
    pinned: dict[str, set[str]] = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            req = Requirement(line)
            pinned.setdefault(canonicalize_name(req.name), set()).update(s.version for s in req.specifier)
    return pinned


@pytest.fixture(scope="module")
def uv(tmp_path_factory) -> str:
    """uv from this environment (the test extra), else the pinned release installed into a temporary folder."""
    found = Path(sys.executable).with_name("uv.exe" if os.name == "nt" else "uv")
    if found.exists():
        return str(found)
    target = tmp_path_factory.mktemp("uv")
    version = sorted(pins(ROOT / "constraints.txt")["uv"])[-1]
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), f"uv=={version}"],
                   check=True)
    return str(target / "bin" / "uv")


def compile_(uv: str, *args: str) -> subprocess.CompletedProcess:
    """``uv pip compile`` of pyproject.toml (with the test extra) under the lock; installs nothing."""
    command = [uv, "pip", "compile", "pyproject.toml", "--extra", "test", "--constraints", "constraints.txt",
               "--no-python-downloads", "--no-header", "--no-annotate", "--quiet", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def resolve(uv: str, python: str, platform: str) -> subprocess.CompletedProcess:
    """Resolve for one exact Python on one platform, from wheels only."""
    return compile_(uv, "--python-version", python, "--python-platform", platform, "--only-binary", ":all:")


def check(uv: str, targets) -> None:
    """Resolve all targets in parallel; each must succeed, and with only versions the lock pins."""
    pinned = pins(ROOT / "constraints.txt")
    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        results = list(pool.map(lambda target: resolve(uv, *target), targets))
    problems = []
    for (python, platform), result in zip(targets, results, strict=True):
        if result.returncode != 0:
            problems.append(f"Python {python} on {platform}: the lock does not resolve\n{result.stderr.strip()}")
            continue
        for line in filter(str.strip, result.stdout.splitlines()):
            req = Requirement(line)
            version = next(iter(req.specifier)).version
            if version not in pinned.get(canonicalize_name(req.name), ()):
                problems.append(f"Python {python} on {platform}: {req.name}=={version} is not in constraints.txt")
    assert not problems, "\n\n".join(problems)


def test_lock_is_what_make_lock_writes_for_pyproject(uv):
    """Every package pyproject.toml needs, on any Python and platform, has its line; no line is left over."""
    result = compile_(uv, "--universal", "--python-version", "3.10")
    assert result.returncode == 0, result.stderr
    lock = {line for line in (ROOT / "constraints.txt").read_text().splitlines() if line and not line.startswith("#")}
    wanted = set(filter(None, result.stdout.splitlines()))
    assert (sorted(wanted - lock), sorted(lock - wanted)) == ([], []), "constraints.txt is stale: run make lock"


def test_lock_installs_from_wheels_on_every_classroom_python(uv):
    check(uv, [(python, LINUX) for python in LINUX_PYTHONS])


def test_lock_installs_from_wheels_on_windows_and_macos(uv):
    check(uv, OTHER_PLATFORMS)
