"""LMSs that misbehave: a real browser against scorm-again wrapped to fail (tests/lms/harness.js).

Whatever the LMS does, the learner can go on, nothing that can be saved is lost (commits are
retried; progress is also kept in the browser and resumed from there when the LMS missed it),
Terminate is called exactly once, and the console shows only our own "[course]" lines.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Frame, Page

from course.model import Course, Module
from tests.support.learner import current_key, right, take
from tests.support.lms import LmsSession
from tests.test_lms_runtime import FINISH, SEED, VERSIONS

LEARNER = {"1.2": "cmi.core.student_id", "2004": "cmi.learner_id"}
ENTRY = {"1.2": "cmi.core.entry", "2004": "cmi.entry"}
LOCATION = {"1.2": "cmi.core.lesson_location", "2004": "cmi.location"}
STATUS = {"1.2": "cmi.core.lesson_status", "2004": "cmi.success_status"}
SCORE = {"1.2": "cmi.core.score.raw", "2004": "cmi.score.raw"}
INITIALIZE = {"1.2": "LMSInitialize", "2004": "Initialize"}
BOTH = pytest.mark.parametrize("version", ["1.2", "2004"])


def seed(version: str, **more: str) -> dict[str, str]:
    return {**SEED[version], LEARNER[version]: "learner-1", **more}


def resumed_seed(version: str, data: dict[str, Any]) -> dict[str, str]:
    """What an LMS hands a returning learner: what it holds from the last session."""
    return seed(
        version,
        **{
            ENTRY[version]: "resume",
            LOCATION[version]: data[LOCATION[version]],
            "cmi.suspend_data": data["cmi.suspend_data"],
        },
    )


def first_question(module: Module) -> int:
    return next(i for i, s in enumerate(module.route(lambda step: "a")) if s.kind == "question")


def browser_copy(frame: Frame, course: Course) -> dict[str, Any]:
    key = f"course:{course.id}:{course.modules[0].id}"
    copy: dict[str, Any] = frame.evaluate("(key) => JSON.parse(localStorage.getItem(key))", key)
    return copy


def assert_only_our_warnings(session: LmsSession) -> None:
    foreign = [
        line
        for line in session.console
        if not line.startswith(("log: ", "info: [course] ", "warning: [course] "))
    ]
    assert foreign == [], session.dump()


def assert_finished_once(session: LmsSession, version: str, reloaded: bool = False) -> None:
    """Finished exactly once, and nothing called after that; a reloaded page can only find out
    that the session is over by trying to initialise it again."""
    calls = session.calls()
    finishes = [i for i, c in enumerate(calls) if c["method"] == FINISH[version]]
    assert len(finishes) == 1, session.dump()
    after = [(c["method"], c["result"]) for c in calls[finishes[0] + 1 :]]
    assert after == ([(INITIALIZE[version], "false")] if reloaded else [])


def assert_passed(data: dict[str, Any], version: str) -> None:
    assert (data[STATUS[version]], float(data[SCORE[version]])) == ("passed", 100)


@BOTH
def test_no_api_at_all(page: Page, site: str, fixture_course: Course, version: str) -> None:
    session = LmsSession(page, site, version)
    frame = session.launch(VERSIONS[version][0], faults={"noApi": True})
    take(frame, fixture_course.modules[0], right)
    assert frame.locator(".pass-line").inner_text().startswith("Gefeliciteerd")
    assert browser_copy(frame, fixture_course)["score"] == 100
    assert session.calls() == []
    assert session.console == []  # running without an LMS is normal, not worth a warning


@BOTH
def test_initialize_refused(page: Page, site: str, fixture_course: Course, version: str) -> None:
    session = LmsSession(page, site, version)
    frame = session.launch(VERSIONS[version][0], seed(version), {"initialize": False})
    take(frame, fixture_course.modules[0], right)
    assert frame.locator(".pass-line").inner_text().startswith("Gefeliciteerd")
    assert [c["method"] for c in session.calls()] == [INITIALIZE[version]]
    assert session.console == [
        "warning: [course] the LMS did not initialise; progress is kept in this browser only"
    ]


@BOTH
def test_refused_interactions_do_not_stop_the_learner(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    session = LmsSession(page, site, version)
    frame = session.launch(VERSIONS[version][0], seed(version), {"refuse": "cmi.interactions"})
    take(frame, fixture_course.modules[0], right)
    session.leave()
    assert_passed(session.data(), version)
    assert_finished_once(session, version)
    assert_only_our_warnings(session)
    assert any("[course] the LMS refused" in line for line in session.console)


@BOTH
def test_refused_suspend_data_is_kept_in_the_browser(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    module = fixture_course.modules[0]
    first = LmsSession(page, site, version)
    frame = first.launch(VERSIONS[version][0], seed(version), {"refuse": "cmi.suspend_data"})
    take(frame, module, right, screens=first_question(module) + 1)
    saved_at = current_key(frame)
    first.leave()
    assert first.data()["cmi.suspend_data"] == ""
    assert_finished_once(first, version)
    assert_only_our_warnings(first)

    second = LmsSession(page, site, version)
    frame = second.launch(VERSIONS[version][0], resumed_seed(version, first.data()))
    assert current_key(frame) == saved_at
    assert frame.locator(f'[data-key="{saved_at}"] input:checked').count() >= 1
    take(frame, module, right)
    second.leave()
    assert_passed(second.data(), version)
    assert_finished_once(second, version)


@BOTH
def test_newer_progress_from_another_device_wins_over_an_unconfirmed_copy(
    page: Page, browser: Browser, site: str, fixture_course: Course, version: str
) -> None:
    module = fixture_course.modules[0]
    here = LmsSession(page, site, version)  # the LMS misses this browser's saves
    frame = here.launch(VERSIONS[version][0], seed(version), {"refuse": "cmi.suspend_data"})
    take(frame, module, right, screens=first_question(module) + 1)
    stale_at = current_key(frame)
    here.leave()

    elsewhere = browser.new_context()  # the same learner goes on on another device
    other = LmsSession(elsewhere.new_page(), site, version)
    frame = other.launch(VERSIONS[version][0], seed(version))
    take(frame, module, right, screens=2)
    newer_at = current_key(frame)
    other.leave()
    newer = other.data()
    elsewhere.close()
    assert newer_at != stale_at

    back = LmsSession(page, site, version)
    frame = back.launch(VERSIONS[version][0], resumed_seed(version, newer))
    assert current_key(frame) == newer_at, "the LMS's newer progress must not be overwritten"
    back.leave()
    assert back.data()["cmi.suspend_data"] == newer["cmi.suspend_data"]
    assert_finished_once(back, version)
    assert_only_our_warnings(back)


@BOTH
def test_failed_commits_are_retried(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    session = LmsSession(page, site, version)
    frame = session.launch(VERSIONS[version][0], seed(version), {"failCommits": 3})
    take(frame, fixture_course.modules[0], right, screens=3)
    # No further clicks: only a retry can bring the latest state to the LMS.
    page.wait_for_function(
        """() => window.lms.committed.length > 0 && window.lms.committed.at(-1)["cmi.suspend_data"]
             === window.lms.calls.filter((c) => c.args[0] === "cmi.suspend_data").at(-1).args[1]""",
        timeout=20000,
    )
    assert [c["result"] for c in session.calls() if "Commit" in c["method"]][:4] == [
        "false",
        "false",
        "false",
        "true",
    ]
    session.leave()
    assert_finished_once(session, version)
    assert_only_our_warnings(session)


@BOTH
def test_slow_lms(page: Page, site: str, fixture_course: Course, version: str) -> None:
    session = LmsSession(page, site, version)
    frame = session.launch(VERSIONS[version][0], seed(version), {"slowMs": 200})
    take(frame, fixture_course.modules[0], right, screens=2)
    saved_at = current_key(frame)
    session.leave()
    assert session.data()[LOCATION[version]] == saved_at
    assert_finished_once(session, version)
    assert_only_our_warnings(session)
    # A value the LMS already holds is not sent again, so each screen costs few slow calls.
    writes = [tuple(c["args"]) for c in session.calls() if c["method"].endswith("SetValue")]
    assert len(writes) == len(set(writes))


@BOTH
def test_pagehide_twice(page: Page, site: str, fixture_course: Course, version: str) -> None:
    module = fixture_course.modules[0]
    session = LmsSession(page, site, version)
    frame = session.launch(VERSIONS[version][0], seed(version))
    take(frame, module, right, screens=2)
    frame.evaluate(
        "() => { dispatchEvent(new Event('pagehide')); dispatchEvent(new Event('pagehide')); }"
    )
    # pagehide alone finishes the session (no unload needed, which would block the bfcache).
    assert [c["method"] for c in session.calls()].count(FINISH[version]) == 1
    # The page is still there: the learner goes on, and the browser keeps what the LMS cannot.
    frame.locator("#next").click()
    later = current_key(frame)
    assert browser_copy(frame, fixture_course)["location"] == later
    session.leave()
    assert_finished_once(session, version)
    assert_only_our_warnings(session)


@BOTH
def test_reload_in_the_middle_of_the_quiz(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    module = fixture_course.modules[0]
    first = LmsSession(page, site, version)
    frame = first.launch(VERSIONS[version][0], seed(version))
    take(frame, module, right, screens=first_question(module) + 2)
    answered = module.route(lambda step: "a")[first_question(module)].key
    saved_at = current_key(frame)
    frame.evaluate(
        "() => { document.documentElement.dataset.player = 'reloading'; location.reload(); }"
    )
    frame.wait_for_selector("html[data-player=ready]", state="attached")
    # The LMS session ended when the page went; the reloaded page goes on in the browser.
    assert current_key(frame) == saved_at
    assert frame.locator(f'[data-key="{answered}"] input:checked').count() >= 1
    take(frame, module, right)
    assert frame.locator(".pass-line").inner_text().startswith("Gefeliciteerd")
    first.leave()
    assert_finished_once(first, version, reloaded=True)
    assert_only_our_warnings(first)
    assert first.data()[STATUS[version]] != "passed"  # the LMS missed the end

    second = LmsSession(page, site, version)
    second.launch(VERSIONS[version][0], resumed_seed(version, first.data()))
    assert "info: [course] resuming from progress this browser kept" in " ".join(second.console)
    second.leave()
    assert_passed(second.data(), version)
    assert_finished_once(second, version)
    assert_only_our_warnings(second)


@BOTH
def test_ab_initio_with_old_suspend_data(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    module = fixture_course.modules[0]
    first = LmsSession(page, site, version)
    frame = first.launch(VERSIONS[version][0], seed(version))
    take(frame, module, right, screens=first_question(module) + 1)
    saved_at = current_key(frame)
    first.leave()

    second = LmsSession(page, site, version)
    stale = {**resumed_seed(version, first.data()), ENTRY[version]: "ab-initio"}
    frame = second.launch(VERSIONS[version][0], stale)
    assert current_key(frame) == saved_at  # the learner's work is not thrown away
    take(frame, module, right)
    second.leave()
    assert_passed(second.data(), version)
    assert_finished_once(second, version)
    assert_only_our_warnings(second)


@BOTH
def test_unreadable_suspend_data(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    session = LmsSession(page, site, version)
    garbage = seed(version, **{ENTRY[version]: "resume", "cmi.suspend_data": "{not json"})
    frame = session.launch(VERSIONS[version][0], garbage)
    take(frame, fixture_course.modules[0], right)
    session.leave()
    assert_passed(session.data(), version)
    assert_finished_once(session, version)
    assert_only_our_warnings(session)
    assert "warning: [course] saved progress could not be read; starting afresh" in session.console
