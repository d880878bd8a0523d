"""The authored masterclasses: they pass every check and a learner can take them in an LMS."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page

from course.cli import main
from course.loader import load_course
from course.model import Course, Lesson, WorkshopCase
from course.quality import module_quality
from quizzes.interactions import SCORM12_FORMAT, SCORM2004_FORMAT
from scorm_builder.state import worst_case_suspend_data
from tests.support.learner import right, take
from tests.support.lms import LmsSession
from tests.support.paths import MODULES
from tests.test_lms_runtime import (
    SEED,
    assert_12_limits,
    assert_clean_session,
    expected_interactions,
    lms_interactions,
)


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(MODULES)


def test_course_check_passes_on_the_real_modules() -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(MODULES)])
    assert result.exit_code == 0, result.output


def test_three_masterclasses_in_order(course: Course) -> None:
    assert [m.spec.title for m in course.modules] == [
        "Weerbare justitie in kwetsbare wijken",
        "Onderwijs en ondermijnende criminaliteit",
        "Frontlijnprofessionals tegen ondermijning",
    ]
    assert course.spec.language == "nl"


@pytest.mark.parametrize(
    ("version", "packaging"), [("1.2", "module"), ("2004", "course")], ids=["1.2", "2004"]
)
def test_learner_takes_a_masterclass_in_an_lms(
    page: Page, real_site: str, course: Course, version: str, packaging: str
) -> None:
    """Masterclass 1 from its own package in SCORM 1.2; masterclass 3 as a SCO of the
    whole-course package in SCORM 2004. Each standard and each kind of package once with real
    content (every combination is taken with the fixture module in test_lms_runtime)."""
    target, fmt = (
        ("scorm12", SCORM12_FORMAT) if version == "1.2" else ("scorm2004", SCORM2004_FORMAT)
    )
    if packaging == "module":
        module = course.modules[0]
        launch = f"{module.id}-{target}"
    else:
        module = course.modules[2]
        launch = f"{course.id}-{target}/{module.id}"
    session = LmsSession(page, real_site, version)
    frame = session.launch(launch, SEED[version])
    take(frame, module, right)
    session.leave()
    data = session.data()
    assert lms_interactions(data, version) == expected_interactions(module, fmt, right)
    assert_clean_session(session, version)
    assert len(data["cmi.suspend_data"]) <= len(worst_case_suspend_data(module))
    if version == "1.2":
        assert (data["cmi.core.lesson_status"], data["cmi.core.score.raw"]) == ("passed", "100")
        assert_12_limits(data)
    else:
        assert (data["cmi.completion_status"], data["cmi.success_status"]) == (
            "completed",
            "passed",
        )


@pytest.mark.parametrize("index", [0, 1, 2], ids=["module-1", "module-2", "module-3"])
def test_each_masterclass_has_the_agreed_shape(course: Course, index: int) -> None:
    """What every module must hold (issue 3): lessons, cases, a quiz and a study time."""
    module = course.modules[index]
    lessons = [item for item in module.items if isinstance(item, Lesson)]
    cases = [item for item in module.items if isinstance(item, WorkshopCase)]
    assert len(lessons) >= 4
    assert all(2 <= len(lesson.screens) <= 5 for lesson in lessons), [
        (lesson.id, len(lesson.screens)) for lesson in lessons
    ]
    assert len(cases) >= 2
    assert 3 <= len(module.spec.objectives) <= 5
    quiz = module.quiz
    assert quiz is not None and quiz.pass_mark == 70
    assert len(quiz.questions) >= 10
    assert len({question.type_name for question in quiz.questions}) >= 3
    assert 30 <= module_quality(module).study_minutes <= 60
    assert 30 <= module.spec.study_time_minutes <= 60
