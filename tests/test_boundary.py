"""The boundary between the two sides of the package: a participant's kernel never loads the grader."""

import subprocess
import sys

import pytest

from workshop_utils.course import module_names

KERNEL_SIDE = ["workshop_utils", "workshop_utils.answers", "workshop_utils.charts", "workshop_utils.checks",
               "workshop_utils.data", "workshop_utils.metrics", "workshop_utils.missions", "workshop_utils.outcomes",
               "workshop_utils.progress",
               "workshop_utils.widgets",
               "workshop_utils.course", *(f"workshop_utils.course.{name}" for name in module_names())]


# Loaded by every learner's Jupyter server (nbgrader's exchange plugin), so it stays as light.
SERVER_SIDE = ["workshop_utils.learnerexchange"]


@pytest.mark.parametrize("module", KERNEL_SIDE + SERVER_SIDE)
def test_kernel_side_never_imports_the_grading_side(module):
    code = (f"import sys, {module}\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('workshop_utils.grading'))\n"
            "print(' '.join(loaded))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"importing {module} loads {done.stdout.strip()}"


def test_the_check_can_fail():
    code = ("import sys, workshop_utils.grading.results\n"
            "print(any(m.startswith('workshop_utils.grading') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
