"""The authored masterclasses: they pass every check and a learner can take them in an LMS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page

from course.cli import main
from course.loader import load_course
from course.model import Course
from quizzes.interactions import SCORM12_FORMAT, SCORM2004_FORMAT
from scorm_builder.build import build
from scorm_builder.state import worst_case_suspend_data
from tests.support.learner import right, take
from tests.support.lms import LmsSession, make_site
from tests.support.paths import MODULES
from tests.support.server import serve
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


@pytest.fixture(scope="module")
def real_site(course: Course, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    packages = build(course, tmp_path_factory.mktemp("dist"))
    with serve(make_site(tmp_path_factory.mktemp("site"), [p.path for p in packages])) as url:
        yield url


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


@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize("packaging", ["module", "course"])
def test_learner_takes_a_masterclass_in_an_lms(
    page: Page, real_site: str, course: Course, version: str, packaging: str
) -> None:
    """Masterclass 1 from its own package; masterclass 3 as a SCO of the whole-course package."""
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
