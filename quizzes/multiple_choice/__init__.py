"""Multiple choice (multiple response): every correct option and no other earns the points."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from quizzes.choice import ChoiceOptions, OptionId
from quizzes.interactions import ResponseFormat
from quizzes.question import Question


class MultipleChoiceQuestion(ChoiceOptions, Question):
    type_name = "multiple_choice"
    interaction_type = "choice"
    folder = Path(__file__).parent

    type: Literal["multiple_choice"]
    correct: list[OptionId] = Field(min_length=1)

    def correct_ids(self) -> list[str]:
        return list(self.correct)

    def problems(self) -> list[tuple[str, str, str]]:
        problems = self.choice_problems()
        if len(set(self.correct)) != len(self.correct):
            problems.append(
                ("correct", "a correct answer is listed twice", "list each letter once")
            )
        return problems

    def correct_answer(self) -> list[str]:
        return sorted(self.correct)

    def score(self, answer: Any) -> float:
        return 1.0 if sorted(set(answer)) == sorted(set(self.correct)) else 0.0

    def longest_answer(self) -> list[str]:
        return self.option_ids()

    def format_response(self, answer: Any, fmt: ResponseFormat) -> str:
        # Option order, not click order, so the same choice always reads the same.
        return fmt.list_separator.join(sorted(set(answer)))

    def runtime_data(self) -> dict[str, Any]:
        return {**super().runtime_data(), "correct": sorted(self.correct)}
