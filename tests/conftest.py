from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from course.loader import load_course
from course.model import Course
from scorm_builder.build import BuiltPackage, build
from tests.support.lms import make_site
from tests.support.paths import AXE, CHROMIUM, CHROMIUM_ARGS, FIXTURE_COURSE, MODULES
from tests.support.server import serve


@pytest.fixture(scope="session")
def fixture_course() -> Course:
    return load_course(FIXTURE_COURSE)


@pytest.fixture(scope="session")
def fixture_packages(
    fixture_course: Course, tmp_path_factory: pytest.TempPathFactory
) -> list[BuiltPackage]:
    return build(fixture_course, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def site(
    fixture_packages: list[BuiltPackage], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    root = make_site(tmp_path_factory.mktemp("site"), [p.path for p in fixture_packages])
    with serve(root) as url:
        yield url


@pytest.fixture(scope="session")
def real_course() -> Course:
    return load_course(MODULES)


@pytest.fixture(scope="session")
def real_packages(
    real_course: Course, tmp_path_factory: pytest.TempPathFactory
) -> list[BuiltPackage]:
    """Every package of the authored course, built once per test process: read, never change."""
    return build(real_course, tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def real_site(
    real_packages: list[BuiltPackage],
    fixture_packages: list[BuiltPackage],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """The real and the fixture packages in the test LMS site, with axe-core beside them (the
    packages' CSP allows only their own host)."""
    packages = [p.path for p in real_packages + fixture_packages]
    root = make_site(tmp_path_factory.mktemp("real-site"), packages)
    shutil.copy(AXE, root / "axe.min.js")
    with serve(root) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
