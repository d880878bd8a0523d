"""Question types: validation, scoring and the SCORM interaction formats of both versions."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from quizzes import QUESTION_TYPES
from quizzes.interactions import SCORM12_FORMAT, SCORM2004_FORMAT
from quizzes.multiple_choice import MultipleChoiceQuestion
from quizzes.question import plain_description
from quizzes.single_choice import SingleChoiceQuestion
from quizzes.true_false import TrueFalseQuestion


def options(*ids: str) -> list[dict[str, str]]:
    return [{"id": i, "text": f"Optie {i}", "feedback": f"Uitleg {i}"} for i in ids]


def single(**changes: Any) -> SingleChoiceQuestion:
    data = {
        "id": "q1",
        "type": "single_choice",
        "prompt": "Wat is *ondermijning*?",
        "objectives": ["doel"],
        "options": options("a", "b", "c"),
        "correct": "b",
    }
    return SingleChoiceQuestion.model_validate({**data, **changes})


def multiple(**changes: Any) -> MultipleChoiceQuestion:
    data = {
        "id": "q2",
        "type": "multiple_choice",
        "prompt": "Welke partners?",
        "objectives": ["doel"],
        "options": options("a", "b", "c", "d"),
        "correct": ["c", "a"],
    }
    return MultipleChoiceQuestion.model_validate({**data, **changes})


def true_false(**changes: Any) -> TrueFalseQuestion:
    data = {
        "id": "q3",
        "type": "true_false",
        "prompt": "Halt is voor volwassenen.",
        "objectives": ["doel"],
        "correct": False,
        "feedback_true": "Nee.",
        "feedback_false": "Klopt.",
    }
    return TrueFalseQuestion.model_validate({**data, **changes})


def test_registry_names_every_type_by_its_folder() -> None:
    assert set(QUESTION_TYPES) == {"single_choice", "multiple_choice", "true_false"}
    for name, model in QUESTION_TYPES.items():
        assert model.folder.name == name
        assert (model.folder / "template.html.j2").is_file()
        assert (model.folder / "script.js").is_file()


@pytest.mark.parametrize(
    "change",
    [
        {"options": options("a")},  # fewer than two options
        {"correct": "ab"},  # not one letter
        {"options": options("a", "b") + [{"id": "c", "text": "x"}]},  # option without feedback
        {"points": 0},
        {"objectives": []},
        {"id": "Vraag 1"},
        {"hint": "extra field"},
    ],
)
def test_invalid_single_choice_is_rejected(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        single(**change)


def test_consistency_problems_are_found() -> None:
    assert single(correct="z").problems() == [
        (
            "correct",
            "correct answer 'z' is not one of its options (a, b, c)",
            "use the id of one of the options",
        )
    ]
    assert multiple(options=options("a", "a", "c"), correct=["a", "a"]).problems() == [
        ("options", "option id 'a' is used twice", "give every option its own letter"),
        ("correct", "a correct answer is listed twice", "list each letter once"),
    ]
    assert single().problems() == []


def test_scoring() -> None:
    assert (single().score("b"), single().score("a")) == (1.0, 0.0)
    assert multiple().score(["a", "c"]) == 1.0
    assert multiple().score(["c", "a"]) == 1.0
    assert multiple().score(["a"]) == 0.0
    assert multiple().score(["a", "c", "d"]) == 0.0
    assert (true_false().score(False), true_false().score(True)) == (1.0, 0.0)


@pytest.mark.parametrize(
    ("question", "answer", "scorm12", "scorm2004"),
    [
        (single(), "a", ("a", "b", "wrong"), ("a", "b", "incorrect")),
        (single(), "b", ("b", "b", "correct"), ("b", "b", "correct")),
        (multiple(), ["c", "a"], ("a,c", "a,c", "correct"), ("a[,]c", "a[,]c", "correct")),
        (
            multiple(),
            ["d", "a", "c"],
            ("a,c,d", "a,c", "wrong"),
            ("a[,]c[,]d", "a[,]c", "incorrect"),
        ),
        (true_false(), True, ("t", "f", "wrong"), ("true", "false", "incorrect")),
        (true_false(), False, ("f", "f", "correct"), ("false", "false", "correct")),
    ],
)
def test_interaction_formats(
    question: Any, answer: Any, scorm12: tuple[str, str, str], scorm2004: tuple[str, str, str]
) -> None:
    for fmt, expected in ((SCORM12_FORMAT, scorm12), (SCORM2004_FORMAT, scorm2004)):
        record = question.interaction(answer, fmt, f"toets.{question.id}")
        assert (record.learner_response, record.correct_response, record.result) == expected
        assert record.id == f"toets.{question.id}"
        assert record.objective_ids == ("doel",)
    choice_types = {
        "single_choice": "choice",
        "multiple_choice": "choice",
        "true_false": "true-false",
    }
    assert question.interaction_type == choice_types[question.type_name]


def test_description_only_in_2004_and_within_its_limit() -> None:
    assert single().interaction("a", SCORM12_FORMAT, "x").description is None
    assert single().interaction("a", SCORM2004_FORMAT, "x").description == "Wat is ondermijning?"
    long = plain_description("woord " * 100, 250)
    assert long is not None and len(long) == 250 and long.endswith("…")


def test_runtime_entry_carries_the_precomputed_correct_pattern() -> None:
    entry = multiple().runtime_entry(SCORM2004_FORMAT, "toets.q2")
    assert entry == {
        "type": "multiple_choice",
        "id": "q2",
        "points": 1.0,
        "correct": ["a", "c"],
        "interactionId": "toets.q2",
        "interactionType": "choice",
        "objectives": ["doel"],
        "correctResponse": "a[,]c",
        "description": "Welke partners?",
    }
