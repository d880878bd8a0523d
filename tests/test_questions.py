"""Question types: validation, scoring and the SCORM interaction formats of both versions."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from quizzes import QUESTION_TYPES
from quizzes.interactions import SCORM12_FORMAT, SCORM2004_FORMAT
from quizzes.likert import LikertQuestion
from quizzes.matching import MatchingQuestion
from quizzes.multiple_choice import MultipleChoiceQuestion
from quizzes.ordering import OrderingQuestion
from quizzes.question import plain_description
from quizzes.short_text import ShortTextQuestion
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
    assert set(QUESTION_TYPES) == {
        "single_choice",
        "multiple_choice",
        "true_false",
        "matching",
        "ordering",
        "short_text",
        "likert",
    }
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
        "scored": True,
        "correct": ["a", "c"],
        "interactionId": "toets.q2",
        "interactionType": "choice",
        "objectives": ["doel"],
        "correctResponse": "a[,]c",
        "description": "Welke partners?",
    }


def matching(**changes: Any) -> MatchingQuestion:
    data = {
        "id": "q4",
        "type": "matching",
        "prompt": "Wie doet wat?",
        "objectives": ["doel"],
        "sources": [
            {"id": 1, "text": "Politie", "match": "a"},
            {"id": 2, "text": "Gemeente", "match": "b"},
            {"id": 3, "text": "Wijkagent", "match": "a"},
        ],
        "targets": [{"id": "a", "text": "Opsporen"}, {"id": "b", "text": "Pand sluiten"}],
    }
    return MatchingQuestion.model_validate({**data, **changes})


def ordering(**changes: Any) -> OrderingQuestion:
    data = {
        "id": "q5",
        "type": "ordering",
        "prompt": "Zet in volgorde.",
        "objectives": ["doel"],
        "items": [{"id": i, "text": f"Stap {i}"} for i in "abc"],
    }
    return OrderingQuestion.model_validate({**data, **changes})


def short_text(**changes: Any) -> ShortTextQuestion:
    data = {
        "id": "q6",
        "type": "short_text",
        "prompt": "Hoe heet het?",
        "objectives": ["doel"],
        "accepted": ["Bibob-toets", "bibob"],
    }
    return ShortTextQuestion.model_validate({**data, **changes})


def likert(**changes: Any) -> LikertQuestion:
    data = {"id": "q7", "type": "likert", "prompt": "Ik voel me zeker.", "objectives": ["doel"]}
    return LikertQuestion.model_validate({**data, **changes})


@pytest.mark.parametrize(
    "invalid",
    [
        lambda: matching(sources=[{"id": "10", "text": "x", "match": "a"}] * 2),  # two characters
        lambda: matching(targets=[{"id": "a", "text": "Opsporen"}]),  # one target
        lambda: ordering(items=[{"id": "a", "text": "Stap a"}]),  # one item
        lambda: ordering(
            items=[{"id": c, "text": c} for c in "0123456789abcdefghijklmnopqrstuvwxyz!"]
        ),
        lambda: short_text(accepted=[]),
        lambda: short_text(max_length=251),  # over SCORM 2004's 250 characters per fill-in
        lambda: likert(scale=[{"id": "a", "text": "Ja"}]),
    ],
)
def test_invalid_new_types_are_rejected(invalid: Any) -> None:
    with pytest.raises(ValidationError):
        invalid()


def test_authoring_mistakes_in_new_types_are_explained() -> None:
    targets = [{"id": t, "text": f"Doel {t}"} for t in "abc"]
    assert matching(targets=targets).problems() == [
        ("targets", "no source matches target 'c'", "match a source to it, or remove the target")
    ]
    sources = [
        {"id": 1, "text": "Politie", "match": "z"},
        {"id": 1, "text": "Politie", "match": "a"},
    ]
    assert matching(sources=sources).problems() == [
        ("sources", "source id '1' is used twice", "give each its own id"),
        ("sources", "source text 'Politie' is used twice", "merge the two"),
        (
            "sources",
            "source '1' matches 'z', which is not one of the targets (a, b)",
            "use the id of one of the targets",
        ),
        ("targets", "no source matches target 'b'", "match a source to it, or remove the target"),
    ]
    twice = [{"id": "a", "text": "Stap"}, {"id": "a", "text": "Stap"}]
    assert [what for _, what, _ in ordering(items=twice).problems()] == [
        "item id 'a' is used twice",
        "item text 'Stap' is used twice",
    ]
    assert [what for _, what, _ in short_text(accepted=["Bibob", " bibob"]).problems()] == [
        "accepted answer 'bibob' is listed twice (after the case and space rules)"
    ]
    assert short_text(accepted=["Bibob", "bibob"], case_matters=True).problems() == []
    assert [
        what for _, what, _ in short_text(accepted=["{x}", "lang"], max_length=3).problems()
    ] == [
        "accepted answer '{x}' starts with '{' or contains '[,]', which SCORM 2004 reads as markup",
        "accepted answer 'lang' is longer than max_length 3",
    ]
    assert likert(points=2).problems() == [
        ("points", "a likert question is not scored", "remove 'points'")
    ]
    for question in (matching(), ordering(), short_text(), likert()):
        assert question.problems() == []


def test_scoring_of_new_types() -> None:
    assert (matching().score("aba"), matching().score("abb")) == (1.0, 0.0)
    assert (ordering().score("abc"), ordering().score("acb")) == (1.0, 0.0)
    assert short_text().score("  BIBOB-toets ") == 1.0
    assert short_text().score("bibob toets") == 0.0
    assert short_text(ignore_spaces=True, accepted=["1234 AB"]).score(" 1234ab") == 1.0
    assert short_text(case_matters=True).score("BIBOB") == 0.0
    assert short_text(case_matters=True).score("bibob") == 1.0
    assert not likert().scored and likert().correct_pattern(SCORM2004_FORMAT) is None


@pytest.mark.parametrize(
    ("question", "answer", "scorm12", "scorm2004"),
    [
        (matching(), "aba", ("1.a,2.b,3.a", "1.a,2.b,3.a"), ("1[.]a[,]2[.]b[,]3[.]a",) * 2),
        (ordering(), "cab", ("c,a,b", "a,b,c"), ("c[,]a[,]b", "a[,]b[,]c")),
        (short_text(), "  De   bibob ", ("De bibob", "Bibob-toets"), ("De bibob", "Bibob-toets")),
        (
            short_text(),
            "{lang=x}a[,]b",
            ("{lang=x}a,b", "Bibob-toets"),
            ("lang=x}a,b", "Bibob-toets"),
        ),
        # 2004 refuses a response that starts with "{" (406), also when spaces hid it.
        (short_text(), "{ {x", ("{ {x", "Bibob-toets"), ("x", "Bibob-toets")),
        # Taking out "[,]" must not leave a new one behind.
        (short_text(), "[[,]]", (",", "Bibob-toets"), (",", "Bibob-toets")),
        (
            short_text(case_matters=True),
            "bibob",
            ("bibob", "Bibob-toets"),
            ("bibob", "{case_matters=true}Bibob-toets"),
        ),
    ],
)
def test_new_interaction_formats(
    question: Any, answer: Any, scorm12: tuple[str, str], scorm2004: tuple[str, str]
) -> None:
    for fmt, expected in ((SCORM12_FORMAT, scorm12), (SCORM2004_FORMAT, scorm2004)):
        record = question.interaction(answer, fmt, f"toets.{question.id}")
        assert (record.learner_response, record.correct_response) == expected
        outcome = "correct" if question.score(answer) == 1 else "incorrect"
        assert record.result == fmt.result_words[outcome]


def test_likert_is_neutral_and_weightless_in_both_versions() -> None:
    for fmt in (SCORM12_FORMAT, SCORM2004_FORMAT):
        record = likert().interaction("4", fmt, "toets.q7")
        assert (record.type, record.learner_response, record.result) == ("likert", "4", "neutral")
        assert (record.correct_response, record.weighting) == (None, 0)
    assert likert().scale_ids() == ["1", "2", "3", "4", "5"]


def test_36_items_fit_both_versions() -> None:
    ids = "0123456789abcdefghijklmnopqrstuvwxyz"
    longest = ordering(items=[{"id": i, "text": f"Stap {i}"} for i in ids])
    assert len(longest.format_response(ids[::-1], SCORM12_FORMAT)) == 71
    sources = [{"id": i, "text": f"Bron {i}", "match": i} for i in ids]
    pairs = matching(sources=sources, targets=[{"id": i, "text": f"Doel {i}"} for i in ids])
    assert pairs.problems() == []
    assert len(pairs.format_response(ids, SCORM12_FORMAT)) == 36 * 4 - 1 <= 255
    assert pairs.format_response(ids, SCORM2004_FORMAT).startswith("0[.]0[,]1[.]1[,]")


def test_typed_answers_are_cut_to_the_fill_in_limits() -> None:
    typed = "woord " * 60
    assert len(short_text().format_response(typed, SCORM12_FORMAT)) == 255
    assert len(short_text().format_response(typed, SCORM2004_FORMAT)) == 250
    # An emoji is two UTF-16 code units to an LMS in JavaScript, and is never cut in half.
    emoji = short_text().format_response("a" + "😀" * 200, SCORM2004_FORMAT)
    assert emoji == "a" + "😀" * 124 and len(emoji.encode("utf-16-le")) // 2 == 249


def test_description_never_starts_an_option_block() -> None:
    assert plain_description("{lang=en} Wat is **ondermijning**?", 250) == (
        "lang=en} Wat is ondermijning?"
    )
    assert plain_description("😀" * 200, 250) == "😀" * 124 + "…"
