"""What the packages send must fit every LMS: saved state, interactions and session time."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page

from course.loader import load_course
from course.model import Course, Module
from quizzes.interactions import SCORM12_FORMAT, SCORM2004_FORMAT, ResponseFormat
from quizzes.multiple_choice import MultipleChoiceQuestion
from quizzes.question import Question
from quizzes.short_text import ShortTextQuestion
from scorm_builder.render import interaction_id
from scorm_builder.state import token, worst_case_suspend_data
from scorm_builder.targets import TARGETS
from tests.support.learner import right, take
from tests.support.lms import LmsSession
from tests.support.paths import MODULES
from tests.test_lms_runtime import SEED, VERSIONS

REAL_MODULES = load_course(MODULES).modules
HOUR = 3_600_000


@pytest.mark.parametrize("target_name", list(TARGETS))
@pytest.mark.parametrize("module", REAL_MODULES, ids=[m.id for m in REAL_MODULES])
def test_worst_case_state_stays_well_inside_each_limit(module: Module, target_name: str) -> None:
    worst = len(worst_case_suspend_data(module))
    limit = TARGETS[target_name].suspend_data_limit
    # At most half of SCORM 1.2's 4096, so a module can grow before the build refuses it.
    assert worst <= min(limit, 4096) / 2, f"{module.id}: {worst} of {limit} characters"


def longest(question: Question) -> Any:
    """The answer that saves the most state: every option, or a typed answer of the longest
    kind (control characters, six characters each once escaped)."""
    if isinstance(question, MultipleChoiceQuestion | ShortTextQuestion):
        return question.longest_answer()
    return right(question)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_longest_answers_save_what_the_worst_case_counts(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    """The browser encodes the longest answers exactly as the build's worst case does."""
    module = fixture_course.modules[0]
    quiz = module.quiz
    assert quiz is not None
    session = LmsSession(page, site, version)
    frame = session.launch(VERSIONS[version][0], SEED[version])
    take(frame, module, longest)
    session.leave()
    sent = session.data()["cmi.suspend_data"]
    worst = worst_case_suspend_data(module)
    assert len(sent) <= len(worst)
    saved, counted = json.loads(sent)["a"], json.loads(worst)["a"]
    for question in quiz.questions:
        if isinstance(question, MultipleChoiceQuestion | ShortTextQuestion):
            key = token(f"{quiz.id}/{question.id}")
            assert json.dumps(saved[key]) == json.dumps(counted[key]), question.id


def interactions(module: Module, fmt: ResponseFormat) -> list[tuple[str, str, str, str]]:
    """(id, response, correct pattern, description) of every question with its longest answer."""
    quiz = module.quiz
    assert quiz is not None
    rows = []
    for question in quiz.questions:
        record = question.interaction(
            question.longest_answer(), fmt, interaction_id(quiz, question.id)
        )
        rows.append(
            (
                record.id,
                record.learner_response,
                record.correct_response or "",
                record.description or "",
            )
        )
    return rows


@pytest.mark.parametrize("module", REAL_MODULES, ids=[m.id for m in REAL_MODULES])
def test_interactions_fit_scorm12(module: Module) -> None:
    for record_id, response, pattern, _ in interactions(module, SCORM12_FORMAT):
        assert re.fullmatch(r"[\x21-\x7e]{1,255}", record_id), record_id  # CMIIdentifier
        assert len(response) <= 255 and len(pattern) <= 255, record_id  # CMIFeedback


@pytest.mark.parametrize("module", REAL_MODULES, ids=[m.id for m in REAL_MODULES])
def test_interactions_fit_scorm2004(module: Module) -> None:
    ids = []
    for record_id, response, pattern, description in interactions(module, SCORM2004_FORMAT):
        assert re.fullmatch(r"[A-Za-z0-9._:/-]{1,4000}", record_id), record_id  # no spaces
        assert len(response) <= 4000 and len(pattern) <= 4000, record_id
        assert len(description) <= 250, record_id
        ids.append(record_id)
    assert len(ids) == len(set(ids)), "some LMSs refuse repeated interaction ids"


SESSION_TIMES = [
    # (milliseconds, SCORM 1.2 CMITimespan, SCORM 2004 ISO 8601 duration)
    (0, "0000:00:00.00", "PT0H0M0S"),
    (5_250, "0000:00:05.25", "PT0H0M5.25S"),
    (59_999, "0000:01:00.00", "PT0H1M0S"),
    (HOUR + 61_004, "0001:01:01.00", "PT1H1M1S"),
    (99 * HOUR + 59 * 60_000 + 59_990, "0099:59:59.99", "PT99H59M59.99S"),
    (123 * HOUR + 4 * 60_000 + 5_600, "0123:04:05.60", "PT123H4M5.6S"),
    (10_000 * HOUR, "9999:59:59.99", "PT10000H0M0S"),  # 1.2 cannot say more than 9999 hours
]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_session_time_formats_are_exact_and_accepted(page: Page, site: str, version: str) -> None:
    session = LmsSession(page, site, version)
    frame = session.launch(VERSIONS[version][0], SEED[version])
    formatted = frame.evaluate(
        "([version, times]) => times.map("
        "(ms) => new Lms.connections[version](null, null).duration(ms))",
        [version, [ms for ms, _, _ in SESSION_TIMES]],
    )
    assert formatted == [t12 if version == "1.2" else t2004 for _, t12, t2004 in SESSION_TIMES]
    element = "cmi.core.session_time" if version == "1.2" else "cmi.session_time"
    setter = "LMSSetValue" if version == "1.2" else "SetValue"
    answers = page.evaluate(
        f"(values) => values.map((v) => String(window.lms.api.{setter}('{element}', v)))", formatted
    )
    assert answers == ["true"] * len(formatted)


TRICKY_TYPED = [
    "  De   bibob ",
    "{ {x",  # 2004 reads a leading "{" as an option block and refuses it (406)
    "{lang=en}a[,]b",
    "[[,]]",  # taking out "[,]" must not leave a new one behind
    "a" + "😀" * 200,  # over the limit in UTF-16 code units; no emoji may be cut in half
    "woord " * 60,
]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_typed_answers_are_formatted_alike_and_accepted(
    page: Page, site: str, fixture_course: Course, version: str
) -> None:
    """The browser formats a typed answer exactly as the Python mapping, and the LMS takes it."""
    quiz = fixture_course.modules[0].quiz
    assert quiz is not None
    question = next(q for q in quiz.questions if q.type_name == "short_text")
    fmt = SCORM12_FORMAT if version == "1.2" else SCORM2004_FORMAT
    session = LmsSession(page, site, version)
    frame = session.launch(VERSIONS[version][0], SEED[version])
    formatted = frame.evaluate(
        "([id, typed]) => typed.map((text) => QuestionTypes.short_text.format("
        "Player.data.questions[id], text, Player.data.format))",
        [question.id, TRICKY_TYPED],
    )
    assert formatted == [question.format_response(text, fmt) for text in TRICKY_TYPED]
    response = "student_response" if version == "1.2" else "learner_response"
    setter = "LMSSetValue" if version == "1.2" else "SetValue"
    accepted = page.evaluate(
        f"""(values) => values.map((value, n) => {{
            const api = window.lms.api;
            api.{setter}(`cmi.interactions.${{n}}.id`, `probe.${{n}}`);
            api.{setter}(`cmi.interactions.${{n}}.type`, "fill-in");
            return String(api.{setter}(`cmi.interactions.${{n}}.{response}`, value));
        }})""",
        formatted,
    )
    assert accepted == ["true"] * len(formatted)
    assert all(len(value.encode("utf-16-le")) // 2 <= fmt.fill_in_max_length for value in formatted)
