"""Course modules: one Python file per module, ``mNN.py``, holding its questions and data sets.

A curriculum author adds a module by adding a file here (see CONTRIBUTING.md); nothing else in
the framework needs to change: questions, data sets, the data package and the answer keys are
all discovered from these files.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("m") and m.name[1:].isdigit())


def modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in module_names()]


def module_numbered(number: str) -> ModuleType | None:
    """The course module whose ``MODULE`` is ``number`` ("01"; a folder name like "01-output-vs-outcome"
    works too), or None."""
    number = str(number).split("-", 1)[0]
    return next((m for m in modules() if getattr(m, "MODULE", None) == number), None)
