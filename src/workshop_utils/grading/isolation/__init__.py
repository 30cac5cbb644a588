"""Run one participant's notebook where it cannot hurt anyone else.

A submission is student code, and nbgrader runs it as the grader's own user. ``workshop grade``
therefore grades each submission in its own process, and on Linux (where unprivileged user
namespaces are available) inside fresh namespaces:

* **network**: a new, empty network namespace: nothing to connect to (the kernel talks to its
  grader over Unix sockets instead of TCP);
* **processes**: a new PID namespace: the submission sees only its own grader and kernel, so
  ``os.kill(os.getppid(), 9)`` ends only its own grading, and ``kill -1`` reaches nothing else;
* **files**: a new mount namespace in which every file system is read-only except the
  submission's private work folder (where ``TMPDIR`` points) and a fresh, size-capped ``/dev/shm``;
* **privileges**: the kernel runs with no capabilities and ``no_new_privs``, so it cannot undo
  any of the above;
* **limits**: a memory cap (RLIMIT_DATA, which unlike RLIMIT_AS leaves room for V8's address
  space reservations in vl-convert), a file-size cap, a per-cell timeout and a wall-clock cap.

Isolation fails closed and says what is missing: ``host.protections()`` measures each of these
on this machine (with the fix for each one missing), ``workshop doctor`` lists them and the grade
summary names any that are off; a worker or kernel that cannot set up its part refuses to run
student code, and the submission ends as an error with the reason.

The pieces, by the process they run in: ``host`` (the facilitator's grader), ``worker`` (one
submission), ``jail`` and ``warmkernel`` (the grading kernel), ``linux`` (system calls they share).
"""
