"""The facilitator side: everything that grades, reports on and gives feedback to a class.

Nothing a participant's kernel imports lives here (a test holds that boundary): the released
notebooks import only the kernel side (``checks``, ``widgets``, ``answers``, ``charts``, ``data``,
``metrics``, ``outcomes``, ``course``).

* ``pipeline``: nbgrader driven through its Python API: release, drift check, validate, self-grade.
* ``intake``: finding the submissions in a folder of participants' folders or zip files.
* ``classgrade``: ``workshop grade``: the runner, several submissions at once, and its progress.
* ``results``: result files, the class gradebook, hand grades, grades.csv and items.csv.
* ``review``: what a grader should see: edited tests, signs of trouble, the assessor's suggestions.
* ``feedback``, ``report``: ``workshop feedback`` and ``workshop report``.
* ``isolation``: running participants' code where it cannot hurt anyone, split by the process each
  piece runs in (``host``: the grader; ``worker``: one submission; ``jail`` and ``warmkernel``: the
  grading kernel; ``linux``: the system calls they share).
"""
