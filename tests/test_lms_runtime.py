"""The packages in a real LMS runtime (scorm-again) driven by a real browser.

Each test clicks through the fixture module as a learner, leaves the page, and then
checks what reached the LMS against what the Python side of each question type expects.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from playwright.sync_api import Page

from course.model import Course, Module, WorkshopCase
from quizzes.interactions import SCORM12_FORMAT, SCORM2004_FORMAT, ResponseFormat
from scorm_builder.render import interaction_id, messages
from scorm_builder.state import worst_case_suspend_data
from tests.support.learner import Answering, current_key, right, take, wrong
from tests.support.lms import LmsSession

VERSIONS = {
    "1.2": ("basis-scorm12", SCORM12_FORMAT),
    "2004": ("basis-scorm2004", SCORM2004_FORMAT),
}
SEED = {
    "1.2": {"cmi.core.credit": "credit", "cmi.student_data.mastery_score": "70"},
    "2004": {"cmi.credit": "credit", "cmi.scaled_passing_score": "0.7"},
}
FINISH = {"1.2": "LMSFinish", "2004": "Terminate"}
RESPONSE_KEY = {"1.2": "student_response", "2004": "learner_response"}


def expected_interactions(
    module: Module, fmt: ResponseFormat, answering: Answering
) -> list[dict[str, str]]:
    """What each question type's Python mapping says the LMS should hold, in module order."""
    rows = []
    for item in module.items:
        if isinstance(item, WorkshopCase):
            decisions, _ = item.walk(lambda step: "a")
            rows += [
                {
                    "id": f"{item.id}.{step.id}",
                    "type": "choice",
                    "response": "a",
                    "result": fmt.result_words["neutral"],
                    "pattern": None,
                }
                for step, _ in decisions
            ]
        elif hasattr(item, "questions"):
            for question in item.questions:
                record = question.interaction(
                    answering(question), fmt, interaction_id(item, question.id)
                )
                rows.append(
                    {
                        "id": record.id,
                        "type": record.type,
                        "response": record.learner_response,
                        "result": record.result,
                        "pattern": record.correct_response,
                    }
                )
    return rows


def expected_percent(module: Module, answering: Answering) -> float:
    quiz = module.quiz
    assert quiz is not None
    earned = sum(q.points * q.score(answering(q)) for q in quiz.questions if q.scored)
    return math.floor(earned / quiz.max_points() * 10000 + 0.5) / 100


def lms_interactions(data: dict[str, Any], version: str) -> list[dict[str, Any]]:
    count = len(
        {
            k.split(".")[2]
            for k in data
            if k.startswith("cmi.interactions.") and k.split(".")[2].isdigit()
        }
    )
    return [
        {
            "id": data[f"cmi.interactions.{n}.id"],
            "type": data[f"cmi.interactions.{n}.type"],
            "response": data[f"cmi.interactions.{n}.{RESPONSE_KEY[version]}"],
            "result": data[f"cmi.interactions.{n}.result"],
            "pattern": data.get(f"cmi.interactions.{n}.correct_responses.0.pattern"),
        }
        for n in range(count)
    ]


def assert_clean_session(session: LmsSession, version: str) -> None:
    calls = session.calls()
    # Reads may find nothing yet (2004: 403, and scorm-again keeps that code until the next
    # error-free write), so only writes, commits and the lifecycle calls must all succeed.
    failed = [
        c
        for c in calls
        if not c["method"].endswith("GetValue") and (c["result"] != "true" or c["error"] != "0")
    ]
    assert failed == [], session.dump()
    finishes = [i for i, c in enumerate(calls) if c["method"] == FINISH[version]]
    assert len(finishes) == 1, "finish must be called exactly once"
    assert finishes[0] == len(calls) - 1, f"calls after finishing: {calls[finishes[0] + 1 :]}"
    # Finishing commits by itself; an extra Commit while the page unloads is blocked by the
    # browser when the LMS sends it synchronously (the preview LMS does), or refused.
    before_finish = calls[finishes[0] - 1]["method"]
    assert before_finish not in ("LMSCommit", "Commit"), before_finish
    initialises = [c for c in calls if c["method"] in ("LMSInitialize", "Initialize")]
    assert len(initialises) == 1
    warnings = [
        entry
        for entry in session.log()
        if entry["level"] >= 3 and "has not been initialized" not in entry["message"]
    ]
    assert warnings == []
    assert [line for line in session.console if not line.startswith("log")] == []


def assert_12_limits(data: dict[str, Any]) -> None:
    """What scorm-again does not enforce for 1.2 (scorm-notes §8), checked here."""
    assert len(data["cmi.suspend_data"]) <= 4096
    assert len(data["cmi.core.lesson_location"]) <= 255
    single_chars = {
        "choice": r"[0-9a-z](,[0-9a-z])*",
        "sequencing": r"[0-9a-z](,[0-9a-z])*",
        "matching": r"[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*",
        "likert": r"[0-9a-z]",
    }
    for key, value in data.items():
        if key.endswith(".student_response") or key.endswith(".pattern"):
            assert len(value) <= 255
            interaction = ".".join(key.split(".")[:3])
            if key.endswith("student_response") and data[f"{interaction}.type"] in single_chars:
                assert re.fullmatch(single_chars[data[f"{interaction}.type"]], value), value
        if key.endswith(".result"):
            assert value in ("correct", "wrong", "unanticipated", "neutral")
        if key.endswith(".id") and key.startswith("cmi.interactions."):
            assert re.fullmatch(r"[\x21-\x7e]{1,255}", value), value


def launch_path(course: Course, version: str, packaging: str) -> str:
    """The SCO of the fixture module in its own package, or in the whole-course package."""
    package, _ = VERSIONS[version]
    if packaging == "module":
        return package
    return f"{course.id}-{package.rsplit('-', 1)[1]}/{course.modules[0].id}"


# Right and wrong answers in the module's own package; in the whole-course package the same
# SCO runs, so one journey there shows that it reports as well.
@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize(
    ("packaging", "answering"),
    [("module", right), ("module", wrong), ("course", right)],
    ids=["module-right", "module-wrong", "course-right"],
)
def test_learner_completes_module(
    page: Page,
    site: str,
    fixture_course: Course,
    version: str,
    answering: Answering,
    packaging: str,
) -> None:
    fmt = VERSIONS[version][1]
    package = launch_path(fixture_course, version, packaging)
    module = fixture_course.modules[0]
    session = LmsSession(page, site, version)
    frame = session.launch(package, SEED[version])
    take(frame, module, answering)
    passed_text = frame.locator(".pass-line").inner_text()
    assert_feedback_review_and_menu(frame, module, answering)
    session.leave()
    data = session.data()
    set_values = session.set_values()

    percent = expected_percent(module, answering)
    should_pass = percent >= 70
    # A learner who failed with an attempt left is not done: the attempt must stay open.
    assert module.quiz is not None and module.quiz.attempts == 2
    done = should_pass
    assert ("Gefeliciteerd" in passed_text) == should_pass
    assert lms_interactions(data, version) == expected_interactions(module, fmt, answering)
    assert_clean_session(session, version)
    assert 0 < len(data["cmi.suspend_data"]) <= len(worst_case_suspend_data(module))

    if version == "1.2":
        assert data["cmi.core.lesson_status"] == ("passed" if should_pass else "failed")
        assert float(data["cmi.core.score.raw"]) == percent
        assert (data["cmi.core.score.min"], data["cmi.core.score.max"]) == ("0", "100")
        assert re.fullmatch(r"\d{2,4}:\d\d:\d\d(\.\d{1,2})?", set_values["cmi.core.session_time"])
        assert set_values["cmi.core.exit"] == ("" if done else "suspend")
        assert_12_limits(data)
        score_key, status_key = "cmi.core.score.raw", "cmi.core.lesson_status"
    else:
        assert data["cmi.completion_status"] == "completed"
        assert data["cmi.success_status"] == ("passed" if should_pass else "failed")
        assert re.fullmatch(r"-?[01](\.\d{1,4})?", data["cmi.score.scaled"])  # no float noise
        assert float(data["cmi.score.scaled"]) == round(percent / 100, 4)
        assert float(data["cmi.score.raw"]) == percent
        assert re.fullmatch(r"PT\d+H\d+M\d+(\.\d{1,2})?S", set_values["cmi.session_time"])
        assert set_values["cmi.exit"] == ("normal" if done else "suspend")
        assert float(set_values["cmi.progress_measure"]) == 1
        score_key, status_key = "cmi.score.raw", "cmi.success_status"
    calls = session.calls()
    writes = [c["args"] for c in calls if c["method"].endswith("SetValue")]
    score_at = next(i for i, args in enumerate(writes) if args[0] == score_key)
    status_at = next(
        i
        for i, args in enumerate(writes)
        if args[0] == status_key and args[1] in ("passed", "failed")
    )
    assert score_at < status_at, "the score must be set before the status"
    assert lms_objectives(data, version) == expected_objectives(module, answering, version)


def assert_feedback_review_and_menu(frame: Any, module: Module, answering: Answering) -> None:
    """What the learner sees at the end: each question's verdict and feedback, the review on
    the result screen, and every lesson, case and the quiz marked done in the menu."""
    quiz = module.quiz
    assert quiz is not None
    words = messages("nl")

    def verdict(question: Any) -> str:
        if not question.scored:
            return words["answer_saved"]
        return words["correct" if question.score(answering(question)) == 1 else "incorrect"]

    expected = [verdict(question) for question in quiz.questions]
    shown = frame.locator("form.question .verdict").all_inner_texts()
    assert sorted(shown) == sorted(expected)  # the forms may be shuffled per attempt
    feedback = frame.locator("form.question .option-feedback:not([hidden]), .question-feedback")
    assert feedback.count() >= len(quiz.questions) - 1, "feedback shows after answering"
    review = {
        item.get_attribute("data-review"): item.locator(".review-verdict").inner_text()
        for item in frame.locator(".review-list [data-review]").all()
    }
    assert review == {q.id: text for q, text in zip(quiz.questions, expected, strict=True)}
    badges = frame.locator("#menu [data-status-for]").all_text_contents()
    assert badges and set(badges) == {words["status_done"]}


def expected_objectives(
    module: Module, answering: Answering, version: str
) -> dict[str, dict[str, object]]:
    """Each learning objective, scored on the scored questions that assess it."""
    quiz = module.quiz
    assert quiz is not None
    expected: dict[str, dict[str, object]] = {}
    for objective in module.spec.objectives:
        questions = [q for q in quiz.questions if q.scored and objective.id in q.objectives]
        earned = sum(q.points * q.score(answering(q)) for q in questions)
        percent = math.floor(earned / sum(q.points for q in questions) * 10000 + 0.5) / 100
        verdict = "passed" if percent >= quiz.pass_mark else "failed"
        if version == "1.2":
            expected[objective.id] = {"raw": percent, "status": verdict}
        else:
            expected[objective.id] = {"raw": percent, "success": verdict, "completion": "completed"}
    return expected


def lms_objectives(data: dict[str, Any], version: str) -> dict[str, dict[str, object]]:
    count = len({k.split(".")[2] for k in data if re.match(r"cmi\.objectives\.\d+\.id$", k)})
    found: dict[str, dict[str, object]] = {}
    for n in range(count):
        prefix = f"cmi.objectives.{n}."
        raw = float(data[f"{prefix}score.raw"])
        if version == "1.2":
            found[data[f"{prefix}id"]] = {"raw": raw, "status": data[f"{prefix}status"]}
        else:
            assert float(data[f"{prefix}score.scaled"]) == round(raw / 100, 4)
            found[data[f"{prefix}id"]] = {
                "raw": raw,
                "success": data[f"{prefix}success_status"],
                "completion": data[f"{prefix}completion_status"],
            }
    return found


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_unfinished_module_stays_incomplete_and_suspends(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    package, _ = VERSIONS[version]
    session = LmsSession(page, site, version)
    frame = session.launch(package, SEED[version])
    take(frame, fixture_course.modules[0], right, screens=3)
    session.leave()
    data = session.data()
    if version == "1.2":
        assert data["cmi.core.lesson_status"] == "incomplete"
        assert data["cmi.core.exit"] == "suspend"
    else:
        assert data["cmi.completion_status"] == "incomplete"
        assert data["cmi.success_status"] == "unknown"
        assert data["cmi.exit"] == "suspend"
    assert_clean_session(session, version)


@pytest.mark.parametrize("packaging", ["module", "course"])
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_returning_learner_resumes_with_answers(
    page: Page, site: str, fixture_course: Course, version: str, packaging: str
) -> None:
    package = launch_path(fixture_course, version, packaging)
    module = fixture_course.modules[0]
    first = LmsSession(page, site, version)
    frame = first.launch(package, SEED[version])
    # Up to and including the first question, answered.
    route = module.route(lambda step: "a")
    first_question = next(i for i, s in enumerate(route) if s.kind == "question")
    take(frame, module, right, screens=first_question + 1)
    saved_at = current_key(frame)
    first.leave()
    data = first.data()
    location_key = "cmi.core.lesson_location" if version == "1.2" else "cmi.location"
    entry_key = "cmi.core.entry" if version == "1.2" else "cmi.entry"
    assert data[location_key] == saved_at

    second = LmsSession(page, site, version)
    seed = {
        **SEED[version],
        entry_key: "resume",
        location_key: data[location_key],
        "cmi.suspend_data": data["cmi.suspend_data"],
    }
    frame = second.launch(package, seed)
    assert current_key(frame) == saved_at
    question_form = frame.locator(f'main > .screen[data-key="{saved_at}"] form')
    assert question_form.locator("input:checked").count() >= 1
    assert question_form.locator("input:disabled").count() == question_form.locator("input").count()
    assert frame.locator("#progress").get_attribute("value") == str(first_question + 1)
    take(frame, module, right)
    second.leave()
    final = second.data()
    if version == "1.2":
        assert final["cmi.core.lesson_status"] == "passed"
    else:
        assert (final["cmi.completion_status"], final["cmi.success_status"]) == (
            "completed",
            "passed",
        )
    assert_clean_session(second, version)


def test_standalone_without_lms_keeps_progress_in_browser(
    page: Page, site: str, fixture_course: Course
) -> None:
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    module = fixture_course.modules[0]
    page.goto(f"{site}/p/basis-scorm2004/index.html")
    page.wait_for_selector("html[data-player=ready]", state="attached")
    frame = page.main_frame
    take(frame, module, right, screens=4)
    saved_at = current_key(frame)
    page.reload()
    page.wait_for_selector("html[data-player=ready]", state="attached")
    assert current_key(frame) == saved_at
    take(frame, module, right)
    assert "Gefeliciteerd" in page.locator(".pass-line").inner_text()
    assert problems == []


def list_orders(frame: Any) -> dict[str, str]:
    """The order each question's shuffled list shows, by question id."""
    result: dict[str, str] = frame.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("form.question")]
            .filter((form) => form.querySelector("[data-shuffle]"))
            .map((form) => [form.dataset.question,
              [...form.querySelector("[data-shuffle]").children]
                .map((item) => item.dataset.order).join(",")]))"""
    )
    return result


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_shuffled_order_is_kept_on_resume(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    package, _ = VERSIONS[version]
    first = LmsSession(page, site, version)
    frame = first.launch(package, SEED[version])
    shown = list_orders(frame)
    first.leave()
    data = first.data()
    entry_key = "cmi.core.entry" if version == "1.2" else "cmi.entry"
    # The fixture quiz shuffles: no list is in authored order, ordering questions never.
    assert set(shown) == {"definitie", "partners", "koppelen", "volgorde"}
    assert all(order != ",".join(map(str, range(order.count(",") + 1))) for order in shown.values())

    second = LmsSession(page, site, version)
    frame = second.launch(
        package,
        {**SEED[version], entry_key: "resume", "cmi.suspend_data": data["cmi.suspend_data"]},
    )
    assert list_orders(frame) == shown
    second.leave()
    assert_clean_session(second, version)


def back_to_result(frame: Any, quiz_id: str) -> None:
    """From the end of the module back to the quiz result, with Previous."""
    while current_key(frame) != f"{quiz_id}/result":
        frame.locator("#previous").click()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_failed_learner_retries_and_passes(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    package, fmt = VERSIONS[version]
    module = fixture_course.modules[0]
    quiz = module.quiz
    assert quiz is not None and quiz.attempts == 2
    session = LmsSession(page, site, version)
    frame = session.launch(package, SEED[version])
    take(frame, module, wrong)
    result = frame.locator(".quiz-result")
    back_to_result(frame, quiz.id)
    assert result.locator(".attempts-line").inner_text() == "Dit was poging 1 van 2."
    result.locator(".retry-quiz").click()

    first_question = f"{quiz.id}/{quiz.questions[0].id}"
    assert current_key(frame) == first_question
    if version == "2004":  # every screen seen, but the new attempt is not done
        now = session.set_values()
        assert now["cmi.completion_status"] == "incomplete"
        assert float(now["cmi.progress_measure"]) < 1
    forms = frame.locator("form.question")
    assert forms.locator("input:checked").count() == 0
    assert forms.locator("button[type=submit][hidden], fieldset:disabled").count() == 0
    assert frame.locator(f'[data-key="{first_question}"] button[type=submit]').is_visible()
    take(frame, module, right)
    back_to_result(frame, quiz.id)
    assert result.locator(".pass-line").inner_text().startswith("Gefeliciteerd")
    assert result.locator(".retry-quiz").is_hidden()
    session.leave()
    data = session.data()

    assert_clean_session(session, version)
    status_key = "cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"
    score_key = "cmi.core.score.raw" if version == "1.2" else "cmi.score.raw"
    assert (data[status_key], float(data[score_key])) == ("passed", 100)
    # The latest record of every question is the retry's right answer.
    rows = lms_interactions(data, version)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "some LMSs refuse an interaction id twice"
    expected = expected_interactions(module, fmt, right)
    if version == "1.2":
        # Write-only: the first attempt's records stay as a journal, the retry's carry ".a2".
        assert_12_limits(data)
        retried = [row for row in expected if row["id"].startswith(f"{quiz.id}.")]
        assert rows == expected_interactions(module, fmt, wrong) + [
            row | {"id": f"{row['id']}.a2"} for row in retried
        ]
    else:
        assert rows == expected, "a retried question overwrites its 2004 record"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_what_changes_nothing_costs_the_lms_nothing(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    """Opening the menu, or the tab going to the background twice, sends nothing: every
    value is already committed (a slow LMS would make each needless call cost)."""
    package, _ = VERSIONS[version]
    session = LmsSession(page, site, version)
    frame = session.launch(package, SEED[version])
    take(frame, fixture_course.modules[0], right, screens=2)
    before = len(session.calls())
    frame.locator("#menu-button").click()
    frame.locator("#menu-button").click()
    frame.evaluate(
        """() => {
          const hidden = { value: "hidden", configurable: true };
          Object.defineProperty(document, "visibilityState", hidden);
          document.dispatchEvent(new Event("visibilitychange"));
          document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    assert session.calls()[before:] == []
    session.leave()
    assert_clean_session(session, version)
