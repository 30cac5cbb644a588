"""Where the course lives on disk.

Notebooks run from ``notebooks/``, ``solutions/NN/``, ``exercises/NN/``, nbgrader's
``autograded/<student>/NN/`` or a hub user's home folder. We look for the course root by walking
up from the working directory, then from this package (an editable install), and let
``WORKSHOP_COURSE_ROOT`` override both for unusual set-ups.
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = "nbgrader_config.py"


def _looks_like_root(path: Path) -> bool:
    return (path / MARKER).is_file() and (path / "data").is_dir()


def course_root(start: Path | None = None) -> Path | None:
    """The course folder (holding ``nbgrader_config.py`` and ``data/``), or None if not found."""
    override = os.environ.get("WORKSHOP_COURSE_ROOT")
    if override:
        return Path(override).resolve()
    candidates = [Path(start or Path.cwd()).resolve(), Path(__file__).resolve().parent]
    for origin in candidates:
        for path in (origin, *origin.parents):
            if _looks_like_root(path):
                return path
    return None


def data_dir(start: Path | None = None) -> Path | None:
    """The course's ``data/`` folder, or None when the course files are not on this machine."""
    override = os.environ.get("WORKSHOP_DATA_DIR")
    if override:
        return Path(override).resolve()
    root = course_root(start)
    return root / "data" if root else None
