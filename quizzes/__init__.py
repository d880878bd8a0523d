"""Question types: each one a folder with its model, scoring, template, script and SCORM mapping.

To add a type, add a folder beside ``single_choice`` and list its model in
:data:`QUESTION_TYPES` and :data:`AnyQuestion`; nothing else needs to change.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from quizzes.likert import LikertQuestion
from quizzes.matching import MatchingQuestion
from quizzes.multiple_choice import MultipleChoiceQuestion
from quizzes.ordering import OrderingQuestion
from quizzes.question import Question
from quizzes.short_text import ShortTextQuestion
from quizzes.single_choice import SingleChoiceQuestion
from quizzes.true_false import TrueFalseQuestion

QUESTION_TYPES: dict[str, type[Question]] = {
    model.type_name: model
    for model in (
        SingleChoiceQuestion,
        MultipleChoiceQuestion,
        TrueFalseQuestion,
        MatchingQuestion,
        OrderingQuestion,
        ShortTextQuestion,
        LikertQuestion,
    )
}

AnyQuestion = Annotated[
    SingleChoiceQuestion
    | MultipleChoiceQuestion
    | TrueFalseQuestion
    | MatchingQuestion
    | OrderingQuestion
    | ShortTextQuestion
    | LikertQuestion,
    Field(discriminator="type"),
]

__all__ = ["QUESTION_TYPES", "AnyQuestion", "Question"]
