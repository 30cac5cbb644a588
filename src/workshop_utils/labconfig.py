"""Which parts of nbgrader a participant's JupyterLab shows, and the Jupyter config that says so.

nbgrader 0.9's lab extension has authoring panels (Create Assignment in the right sidebar, the Validate
button, the Formgrader and the Courses list) beside the one participants need (Assignments: fetch and
submit on a hub). A participant who clicks Create Assignment can turn their exercise into an nbgrader
source by accident; one who presses Validate reads nbgrader's messages instead of the course's. So the
learner's lab disables the authoring plugins and their server extensions, and ``workshop lab
--instructor`` enables them.

It uses Jupyter's own mechanisms, at a level of their config path above the environment and the system
(the front of ``JUPYTER_CONFIG_PATH``): ``labconfig/page_config.json`` ``disabledExtensions`` and
``lockedExtensions`` (what ``jupyter labextension disable`` and ``lock`` write), and
``jupyter_server_config.d`` ``jpserver_extensions`` (what ``jupyter server extension disable`` writes).
Nothing in the user's or the machine's Jupyter settings is changed; a class hub does the same for
every participant (docs/deployment.md).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from workshop_utils import files

# nbgrader 0.9.x: the plugin ids of its lab extension @jupyter/nbgrader, and its server extensions.
AUTHORING_PLUGINS = (
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:validate-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
)
AUTHORING_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.validate_assignment",
    "nbgrader.server_extensions.course_list",
)
# Kept for everyone: the Assignments panel (and the Nbgrader menu, which then lists only it).
PARTICIPANT_PLUGINS = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu")
# JupyterLab 4 asks on first launch "Would you like to get notified about official Jupyter news?" in a popup
# that covers the widgets. "false" is the setting's own answer "No"; given as an admin default
# (overrides.json, JupyterLab's "settings overrides"), a participant can still turn it on.
SETTING_OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}}


def config_dir(instructor: bool, base: Path | None = None) -> Path:
    """Write the Jupyter config of an edition's lab and return its folder (for ``JUPYTER_CONFIG_PATH``).

    The files are written afresh at every start, so an upgrade of the course changes them too. ``base``
    defaults to this user's Jupyter runtime folder: private to them, and never inside the course."""
    if base is None:
        from jupyter_core.paths import jupyter_runtime_dir

        base = Path(jupyter_runtime_dir())
    folder = Path(base) / "workshop-lab" / ("instructor" if instructor else "learner")
    disabled = not instructor  # the instructor's False also overrides a hub's system-wide disabling
    # Locked too: since JupyterLab 4.1 a plugin disabled but not locked can be switched back on in the
    # Plugin Manager (Settings > Plugin Manager).
    page = {key: {plugin: disabled for plugin in AUTHORING_PLUGINS}
            for key in ("disabledExtensions", "lockedExtensions")}
    server = {"ServerApp": {"jpserver_extensions": {name: instructor for name in AUTHORING_SERVER_EXTENSIONS}}}
    # JupyterLab reads overrides.json only from its app settings folder, not from the config path: the lab is
    # pointed at a settings folder of the edition's own, which keeps any overrides the installation had.
    # LabApp reads its options from jupyter_server_config.json, not from the .d folder (seen on JupyterLab 4.6).
    settings = folder / "settings"
    lab = {"LabApp": {"app_settings_dir": str(settings)}}
    for path, content in ((folder / "labconfig" / "page_config.json", page),
                          (folder / "jupyter_server_config.d" / "workshop-edition.json", server),
                          (folder / "jupyter_server_config.json", lab),
                          (settings / "overrides.json", _overrides())):
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_text(path, json.dumps(content, indent=2, sort_keys=True) + "\n")
    return folder


def _overrides() -> dict:
    """The installation's own settings overrides (if any), with the course's on top."""
    from jupyterlab.commands import get_app_dir

    overrides = {}
    installed = Path(get_app_dir()) / "settings" / "overrides.json"
    if installed.is_file():
        try:
            overrides = json.loads(installed.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            overrides = {}  # JupyterLab itself only warns about a broken overrides file
    for plugin, values in SETTING_OVERRIDES.items():
        overrides.setdefault(plugin, {}).update(values)
    return overrides


def environment(instructor: bool, env: dict | None = None, base: Path | None = None) -> dict:
    """``env`` (default: this process's) with the edition's config folder first on ``JUPYTER_CONFIG_PATH``."""
    env = dict(os.environ if env is None else env)
    folder = str(config_dir(instructor, base))
    rest = [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p and p != folder]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([folder, *rest])
    return env
