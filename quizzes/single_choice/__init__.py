"""Single choice: one correct option among several."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from quizzes.choice import ChoiceOptions, OptionId
from quizzes.interactions import ResponseFormat
from quizzes.question import Question


class SingleChoiceQuestion(ChoiceOptions, Question):
    type_name = "single_choice"
    interaction_type = "choice"
    folder = Path(__file__).parent

    type: Literal["single_choice"]
    correct: OptionId

    def correct_ids(self) -> list[str]:
        return [self.correct]

    def problems(self) -> list[tuple[str, str, str]]:
        return self.choice_problems()

    def correct_answer(self) -> str:
        return self.correct

    def score(self, answer: Any) -> float:
        return 1.0 if answer == self.correct else 0.0

    def longest_answer(self) -> str:
        return "z"

    def format_response(self, answer: Any, fmt: ResponseFormat) -> str:
        return str(answer)

    def runtime_data(self) -> dict[str, Any]:
        return {**super().runtime_data(), "correct": [self.correct]}
