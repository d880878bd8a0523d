"""The SCORM 2004 whole-course package in scorm-again's sequencer: modules open in order.

The manifest's sequencing is read into scorm-again as an LMS would (tests/support/sequencing.py);
each module's SCO then reports what the learner runtime reports at its end, and the test asks
the sequencer, through the SCO's own API (adl.nav.request_valid), which modules may open, and
reads how completion rolls up to the course.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from course.model import Course
from scorm_builder.build import BuiltPackage
from tests.support.paths import SCORM_AGAIN
from tests.support.sequencing import activity_tree

# One learner's sessions: each ends as our runtime ends a module, then asks to go on.
RUN_SESSIONS = """([tree, endings]) => {
  // scorm-again keeps its activity tree private; the course's own state is read from it.
  const course = () => api._sequencing.activityTree.root;
  const delivered = [];
  const api = new window.Scorm2004API({
    logLevel: 5,
    sequencing: {
      activityTree: tree,
      eventListeners: { onActivityDelivery: (activity) => delivered.push(activity.id) },
    },
  });
  const ids = tree.children.map((child) => child.id);
  const valid = (id) => api.GetValue(`adl.nav.request_valid.choice.{target=${id}}`) === "true";
  const open = () => ids.filter(valid);
  const sessions = [];
  for (const score of endings) {
    const completed = score !== null;
    api.Initialize("");
    const session = { delivered: delivered.at(-1), openAtStart: open() };
    api.SetValue("cmi.completion_status", completed ? "completed" : "incomplete");
    if (completed) {
      api.SetValue("cmi.score.scaled", String(score));
      api.SetValue("cmi.success_status", "passed");
    }
    api.SetValue("cmi.exit", completed ? "normal" : "suspend");
    api.Commit("");
    session.openAtEnd = open();
    api.SetValue("adl.nav.request", completed ? "continue" : "suspendAll");
    api.Terminate("");
    session.courseCompletion = course().completionStatus;
    sessions.push(session);
    api.reset();
  }
  return sessions;
}"""


@pytest.fixture(scope="module")
def course_tree(real_course: Course, real_packages: list[BuiltPackage]) -> dict[str, Any]:
    (package,) = [p for p in real_packages if p.path.name == f"{real_course.id}-scorm2004.zip"]
    with zipfile.ZipFile(package.path) as archive:
        return activity_tree(archive.read("imsmanifest.xml"))


def run_sessions(
    page: Page, tree: dict[str, Any], endings: list[float | None]
) -> list[dict[str, Any]]:
    """One session per module in ``endings``: completed with that scaled score, or None for
    left unfinished."""
    page.set_content("<!doctype html><title>LMS</title>")
    page.add_script_tag(path=str(Path(SCORM_AGAIN)))
    sessions: list[dict[str, Any]] = page.evaluate(RUN_SESSIONS, [tree, endings])
    return sessions


def test_a_new_learner_can_open_only_the_first_module(
    page: Page, course_tree: dict[str, Any]
) -> None:
    first, *_ = (child["id"] for child in course_tree["children"])
    (session,) = run_sessions(page, course_tree, [None])
    assert session["delivered"] == first
    assert session["openAtStart"] == [first]
    assert session["openAtEnd"] == [first], "an unfinished module opens nothing"


def test_each_completed_module_opens_the_next(page: Page, course_tree: dict[str, Any]) -> None:
    ids = [child["id"] for child in course_tree["children"]]
    assert len(ids) == 3
    sessions = run_sessions(page, course_tree, [0.7, 0.8, 0.9])
    assert [session["delivered"] for session in sessions] == ids
    assert [session["openAtStart"] for session in sessions] == [ids[:1], ids[:2], ids]
    # Completion rolls up to the course: complete with the last module, not before.
    completion = [session["courseCompletion"] for session in sessions]
    assert completion[-1] == "completed" and "completed" not in completion[:-1], completion
