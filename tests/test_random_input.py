"""Random YAML and Markdown never crash the loader: it fails only with our own AuthoringError."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.loader import load_course
from course.problems import AuthoringError
from tests.support.paths import FIXTURE_COURSE
from tests.test_loader_errors import CASE, COURSE, LESSON, MODULE, QUIZ

YAML_FILES = [COURSE, MODULE, QUIZ, CASE]
# Names and values the models know, so random data gets past the first checks now and then.
KNOWN_WORDS = [
    "id",
    "title",
    "type",
    "questions",
    "options",
    "correct",
    "items",
    "lesson",
    "quiz",
    "case",
    "steps",
    "choices",
    "objectives",
    "modules",
    "pass_mark",
    "screens",
    "text",
    "next",
    "endings",
    "a",
    "b",
    "intro",
    "herkennen",
    "single_choice",
    "true_false",
]
PATHS = ["../x", "/etc/passwd", "media/\x00", "a" * 300, "data:x", "javascript:alert(1)", "."]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(KNOWN_WORDS + PATHS),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12) | st.sampled_from(KNOWN_WORDS), inner, max_size=5)
    ),
    max_leaves=25,
)
any_text = st.text(max_size=300)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def yaml_text(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


@contextmanager
def course_with(file: str, text: str) -> Iterator[Path]:
    """A copy of the fixture course with ``file`` holding ``text``."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "course"
        shutil.copytree(FIXTURE_COURSE, root)
        (root / file).write_text(text, encoding="utf-8", errors="surrogatepass")
        yield root


def assert_fails_only_with_authoring_errors(root: Path) -> None:
    try:
        load_course(root)
    except AuthoringError as error:
        assert error.problems, "an AuthoringError must name at least one problem"


@SETTINGS
@given(file=st.sampled_from(YAML_FILES), data=documents)
def test_random_yaml_data(file: str, data: Any) -> None:
    with course_with(file, yaml_text(data)) as root:
        assert_fails_only_with_authoring_errors(root)


@SETTINGS
@given(file=st.sampled_from([*YAML_FILES, LESSON]), text=any_text)
def test_random_text(file: str, text: str) -> None:
    with course_with(file, text) as root:
        assert_fails_only_with_authoring_errors(root)


@SETTINGS
@given(front=documents, body=any_text)
def test_random_lessons(front: Any, body: str) -> None:
    with course_with(LESSON, f"---\n{yaml_text(front)}---\n{body}") as root:
        assert_fails_only_with_authoring_errors(root)


@SETTINGS
@given(
    file=st.sampled_from([*YAML_FILES, LESSON]),
    position=st.floats(0, 1),
    insert=st.text(max_size=20) | st.sampled_from(PATHS),
    cut=st.integers(0, 20),
)
def test_edited_fixture_files(file: str, position: float, insert: str, cut: int) -> None:
    """Near-valid files get past validation to the checks behind it, where rarer paths live."""
    text = (FIXTURE_COURSE / file).read_text(encoding="utf-8")
    at = int(position * len(text))
    with course_with(file, text[:at] + insert + text[at + cut :]) as root:
        assert_fails_only_with_authoring_errors(root)


@SETTINGS
@given(src=st.text(max_size=40) | st.sampled_from(PATHS), alt=st.text(max_size=10))
def test_random_image_paths(src: str, alt: str) -> None:
    text = (FIXTURE_COURSE / LESSON).read_text(encoding="utf-8") + f"\n![{alt}](<{src}>)\n"
    with course_with(LESSON, text) as root:
        assert_fails_only_with_authoring_errors(root)
