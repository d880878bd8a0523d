"""The message catalogues: every language has every key, every key in use exists, and a
course's language picks the interface's."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import html

import quizzes
from course.loader import load_course
from scorm_builder.build import build
from scorm_builder.render import HERE, ui_languages
from tests.support.broken import fixture_copy, replace_in

CATALOGUES = {
    language: json.loads((HERE / "messages" / f"{language}.json").read_text())
    for language in ui_languages()
}
SOURCES = [
    *(HERE / "templates").rglob("*.j2"),
    *(HERE / "runtime").glob("*.js"),
    *Path(quizzes.__file__).parent.rglob("*.j2"),
    *Path(quizzes.__file__).parent.rglob("*.js"),
]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def first_argument_of_t_calls(text: str) -> list[str]:
    """The first argument of each ``t(...)`` call, so keys chosen by a ternary count too.

    Keys that reach ``t`` through a variable are not seen; write them in the call.
    """
    arguments = []
    for call in re.finditer(r"\bt\(", text):
        depth = 0
        for end in range(call.end(), len(text)):
            char = text[end]
            if depth == 0 and char in ",)":
                break
            depth += {"(": 1, ")": -1}.get(char, 0)
        arguments.append(text[call.end() : end])
    return arguments


def keys_used() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for source in SOURCES:
        for argument in first_argument_of_t_calls(source.read_text()):
            for key in re.findall(r"""["'](\w+)["']""", argument):
                used.setdefault(key, set()).add(source.name)
    return used


def test_english_and_dutch_are_there() -> None:
    assert {"nl", "en"} <= set(CATALOGUES)


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_catalogue_has_every_key_with_the_same_placeholders(language: str) -> None:
    reference = CATALOGUES["nl"]
    catalogue = CATALOGUES[language]
    assert sorted(set(reference) ^ set(catalogue)) == [], f"{language}.json differs from nl.json"
    for key, text in catalogue.items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(reference[key])), key
        assert text.strip(), key


def test_every_key_in_use_is_in_a_catalogue() -> None:
    used = keys_used()
    assert {"check_answer", "retry_quiz", "agree_5", "passed", "failed"} <= set(
        used
    )  # the scan works
    for language, catalogue in CATALOGUES.items():
        missing = {key: sorted(files) for key, files in used.items() if key not in catalogue}
        assert missing == {}, f"{language}.json lacks keys used in {missing}"


def test_a_course_in_english_gets_the_english_interface(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    replace_in(root / "course.yaml", "language: nl", "language: en")
    (package,) = build(load_course(root), tmp_path / "dist", ["scorm2004"], ["basis"])
    with zipfile.ZipFile(package.path) as archive:
        page = html.fromstring(archive.read("index.html"))
    assert page.get("lang") == "en"
    english, dutch = CATALOGUES["en"], CATALOGUES["nl"]
    buttons = {button.text_content().strip() for button in page.iter("button")}
    assert english["next"] in buttons and dutch["next"] not in buttons
