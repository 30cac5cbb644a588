"""Shared helpers for the "From Project to Product" workshop notebooks.

``import workshop_utils`` stays light on purpose (a test and a benchmark hold it to that):
pandas, Altair, ipywidgets and nbgrader are imported only by the submodules that need them,
so a participant's first cell is quick and the command line starts fast.
"""

from workshop_utils.errors import WorkshopError

__version__ = "0.1.0"
__all__ = ["WorkshopError", "__version__"]
