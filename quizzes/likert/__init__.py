"""Likert (reflection): the learner places themself on a scale; nothing is right or scored."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from quizzes.authoring import Authored, ItemId, Text
from quizzes.interactions import ResponseFormat
from quizzes.question import Question, repeated

DEFAULT_SCALE_SIZE = 5
"""Without an authored scale the learner sees the catalogue's agree_1 … agree_5."""


class ScalePoint(Authored):
    id: ItemId
    text: Text


class LikertQuestion(Question):
    """An answer is the id of one scale point."""

    type_name = "likert"
    interaction_type = "likert"
    folder = Path(__file__).parent
    scored = False

    type: Literal["likert"]
    scale: list[ScalePoint] | None = Field(
        default=None, min_length=2, max_length=36, description="Default: disagree … agree."
    )

    def problems(self) -> list[tuple[str, str, str]]:
        problems = [
            ("scale", f"scale point id '{twice}' is used twice", "give every point its own id")
            for twice in repeated(point.id for point in self.scale or [])
        ]
        if "points" in self.model_fields_set:
            problems.append(("points", "a likert question is not scored", "remove 'points'"))
        return problems

    def scale_ids(self) -> list[str]:
        if self.scale is None:
            return [str(n) for n in range(1, DEFAULT_SCALE_SIZE + 1)]
        return [point.id for point in self.scale]

    def item_texts(self) -> list[str]:
        return [point.text for point in self.scale or []]

    def longest_answer(self) -> str:
        return "z"

    def format_response(self, answer: Any, fmt: ResponseFormat) -> str:
        return str(answer)
