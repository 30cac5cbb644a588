"""``workshop formgrader DIR``: point your own formgrader at a graded class, for hand grading on a hub.

On a laptop the facilitator runs ``cd graded && jupyter lab``. On a class hub that starts a second
server the hub cannot reach, and the server the hub started reads the course folder, where every
submission reads "needs autograding" (the grades live in ``graded/``) and invites nbgrader's own
autograde, which runs participants' code unsandboxed in the instructor's server. nbgrader's
formgrader reads its course folder from the configuration of the server it runs in: the server's
working folder (the home folder, on a hub) and the user's ``~/.jupyter``. So this writes one marked
block into ``~/.jupyter/nbgrader_config.py`` naming the graded class; after a restart of their server
the instructor's formgrader shows exactly the graded class. Commands run inside the course folder
or the graded folder are unaffected: each of those folders' own ``nbgrader_config.py`` names itself
as the course root, and a folder's own configuration wins over the user's.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from workshop_utils import files
from workshop_utils.errors import WorkshopError
from workshop_utils.grading import results

BEGIN = "# --- workshop formgrader: the graded class the formgrader shows (written by `workshop formgrader`) ---"
END = "# --- end of workshop formgrader ---"
_BLOCK = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)


def block(graded: Path) -> str:
    """The configuration lines: the graded class as the course, with the folder names `workshop grade` uses."""
    return (f"{BEGIN}\n"
            f"c.CourseDirectory.root = {str(graded)!r}\n"
            # Named too: the formgrader may have worked out its gradebook from the server's folder before
            # reading this file, and then lists the submissions as never autograded.
            f"c.CourseDirectory.db_url = {'sqlite:///' + str(graded / 'gradebook.db')!r}\n"
            'c.CourseDirectory.source_directory = "solutions"\n'
            'c.CourseDirectory.release_directory = "exercises"\n'
            f"{END}\n")


def user_config(home: Path | None = None) -> Path:
    """The user's own nbgrader configuration file (JUPYTER_CONFIG_DIR, as Jupyter reads it)."""
    folder = os.environ.get("JUPYTER_CONFIG_DIR")
    return (Path(folder) if folder else (home or Path.home()) / ".jupyter") / "nbgrader_config.py"


def point_at(graded: Path, home: Path | None = None) -> Path:
    """Write (or replace) the block naming ``graded`` in the user's nbgrader config; returns the file."""
    graded = Path(graded).resolve()
    home = (home or Path.home()).resolve()
    if not (graded / "gradebook.db").exists() or not (graded / "results").is_dir():
        raise WorkshopError(f"{graded} holds no graded class. {results.grade_first(graded, 'formgrader')}")
    if not graded.is_relative_to(home):
        raise WorkshopError(
            f"The formgrader can only open a folder inside your home folder ({home}), where your server "
            f"starts; {graded} is outside it. Grade into a folder under {home}, e.g. "
            f"`workshop grade submitted --out {home / 'graded'}`, then run `workshop formgrader` on that.")
    config = user_config(home)
    before = config.read_text(encoding="utf-8") if config.exists() else "c = get_config()  # noqa: F821\n"
    kept = _BLOCK.sub("", before).rstrip("\n")
    config.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    files.write_text(config, f"{kept}\n\n{block(graded)}")
    return config


def forget(home: Path | None = None) -> bool:
    """Remove the block again (``workshop formgrader --off``); True when there was one."""
    config = user_config(home)
    if not config.exists():
        return False
    before = config.read_text(encoding="utf-8")
    after = _BLOCK.sub("", before)
    if after == before:
        return False
    files.write_text(config, after.rstrip("\n") + "\n")
    return True
