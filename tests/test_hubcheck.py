"""`workshop doctor --hub`: each permission docs/deployment.md (b) requires is checked, with its fix.

The whole hub is tested in tests/hub; these are the checks themselves on folders made here.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from workshop_utils import hubcheck


@pytest.fixture
def open_folder():
    """A folder every account can reach (pytest's own temporary folders are closed to others)."""
    folder = Path(tempfile.mkdtemp(prefix="workshop-hubcheck-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_the_exchange_must_have_the_sticky_bit(open_folder):
    exchange = open_folder / "exchange"
    missing = hubcheck.check_exchange(exchange)
    assert not missing.ok and f"chmod 1777 {exchange}" in missing.fix
    exchange.mkdir()
    exchange.chmod(0o777)  # what the docs said before: anyone could rename the course folder
    result = hubcheck.check_exchange(exchange)
    assert not result.ok and "sticky bit" in result.detail and result.fix == f"sudo chmod 1777 {exchange}"
    exchange.chmod(0o1777)
    assert hubcheck.check_exchange(exchange).ok


def test_the_course_folders_in_the_exchange_are_the_instructors(open_folder):
    course = open_folder / "project-to-product"
    for name, mode in (("outbound", 0o777), ("inbound", 0o2777), ("feedback", 0o711)):
        (course / name).mkdir(parents=True)
        (course / name).chmod(mode)
    course.chmod(0o755)
    found = {r.name: r for r in hubcheck.check_course_exchange(open_folder, "project-to-product")}
    assert set(found) == {"exchange outbound", "exchange inbound"}, found
    assert found["exchange outbound"].fix == f"sudo chmod go-w {course / 'outbound'}"
    assert found["exchange inbound"].fix == f"sudo chmod go-r {course / 'inbound'}"
    (course / "outbound").chmod(0o755)
    (course / "inbound").chmod(0o2733)  # as nbgrader release_assignment makes it
    assert [r.ok for r in hubcheck.check_course_exchange(open_folder, "project-to-product")] == [True]


def test_a_course_beside_another_cohorts_is_closed_to_it(open_folder):
    """Two cohorts on one hub: a course folder every account can enter lets the other cohort fetch and submit."""
    ours, theirs = open_folder / "project-to-product-may", open_folder / "project-to-product"
    for course in (ours, theirs):
        course.mkdir()
        course.chmod(0o755)
    found = {r.name: r for r in hubcheck.check_course_exchange(open_folder, ours.name)}
    assert set(found) == {"exchange cohorts"} and not found["exchange cohorts"].ok, found
    assert "project-to-product" in found["exchange cohorts"].detail
    assert f"sudo chmod 2750 {ours}" in found["exchange cohorts"].fix
    ours.chmod(0o2750)
    result = hubcheck.check_course_exchange(open_folder, ours.name)
    assert [r.ok for r in result] == [True] and "other cohorts" in result[0].detail
    shutil.rmtree(theirs)
    ours.chmod(0o755)  # one class alone: nothing to keep apart
    assert [r.ok for r in hubcheck.check_course_exchange(open_folder, ours.name)] == [True]


def test_homes_must_be_closed_to_others(open_folder):
    (open_folder / "ana").mkdir(mode=0o700)
    (open_folder / "ben").mkdir()
    (open_folder / "ben").chmod(0o755)  # Debian's adduser default before Debian 13
    result = hubcheck.check_homes(open_folder)
    assert not result.ok and str(open_folder / "ben") in result.detail and str(open_folder / "ana") not in result.detail
    assert result.fix.startswith(f"sudo chmod 0700 {open_folder / 'ben'} ")
    (open_folder / "ben").chmod(0o750)  # a private group: still closed to others
    assert hubcheck.check_homes(open_folder).ok


def test_the_instructors_course_folder_must_be_closed(open_folder):
    course = open_folder / "course"
    course.mkdir()
    course.chmod(0o755)
    if all(os.stat(p).st_mode & 0o001 for p in course.parents):
        result = hubcheck.check_course(course)
        assert not result.ok and result.fix == f"chmod 0700 {course}"
    course.chmod(0o700)
    assert hubcheck.check_course(course).ok


def test_the_per_learner_exchange_is_the_instructors_with_a_sticky_inbound(open_folder):
    root = open_folder / "exchange"
    assert not hubcheck.check_learner_exchange(root, "project-to-product")[0].ok
    root.mkdir(mode=0o755)
    for kind, mode in (("outbound", 0o775), ("inbound", 0o2733), ("feedback", 0o755)):
        (root / kind / "project-to-product").mkdir(parents=True)
        (root / kind / "project-to-product").chmod(mode)
    root.chmod(0o1777)  # the default exchange's mode: here anyone could make outbound/ before the instructor
    found = {r.detail.split(" ")[0]: r for r in hubcheck.check_learner_exchange(root, "project-to-product")}
    inbound = root / "inbound" / "project-to-product"
    assert set(found) == {str(root), *(str(root / kind / "project-to-product") for kind in ("outbound", "feedback")),
                          str(inbound)}
    assert found[str(root)].fix == f"sudo chmod 0755 {root}"
    assert found[str(inbound)].fix == f"sudo chmod +t {inbound}"
    root.chmod(0o755)
    for kind, mode in (("outbound", 0o755), ("inbound", 0o3733), ("feedback", 0o711)):  # as release makes them
        (root / kind / "project-to-product").chmod(mode)
    assert [r.ok for r in hubcheck.check_learner_exchange(root, "project-to-product")] == [True]
