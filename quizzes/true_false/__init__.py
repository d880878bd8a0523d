"""True or false: a statement the learner judges."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from quizzes.authoring import Text
from quizzes.interactions import ResponseFormat
from quizzes.question import Question


class TrueFalseQuestion(Question):
    type_name = "true_false"
    interaction_type = "true-false"
    folder = Path(__file__).parent

    type: Literal["true_false"]
    correct: bool
    feedback_true: Text
    feedback_false: Text

    def item_texts(self) -> list[str]:
        return [self.feedback_true, self.feedback_false]

    def correct_answer(self) -> bool:
        return self.correct

    def score(self, answer: Any) -> float:
        return 1.0 if answer is self.correct else 0.0

    def longest_answer(self) -> bool:
        return False  # "false" is longer than "true"

    def format_response(self, answer: Any, fmt: ResponseFormat) -> str:
        return fmt.true_token if answer else fmt.false_token

    def runtime_data(self) -> dict[str, Any]:
        return {**super().runtime_data(), "correct": [str(self.correct).lower()]}
