"""Ordering (sequencing): put the items in the right order."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from quizzes.authoring import Authored, ItemId, Text
from quizzes.interactions import ResponseFormat
from quizzes.question import Question, repeated


class OrderItem(Authored):
    id: ItemId
    text: Text


class OrderingQuestion(Question):
    """An answer is a string of item ids in the learner's order (``"cab"``).

    Items are authored in the right order; the learner sees them shuffled.
    """

    type_name = "ordering"
    interaction_type = "sequencing"
    folder = Path(__file__).parent

    type: Literal["ordering"]
    items: list[OrderItem] = Field(
        min_length=2, max_length=36, description="The items, in the right order."
    )

    def problems(self) -> list[tuple[str, str, str]]:
        return [
            ("items", f"{what} '{twice}' is used twice", fix)
            for what, values, fix in (
                ("item id", [item.id for item in self.items], "give every item its own id"),
                ("item text", [item.text for item in self.items], "make every item different"),
            )
            for twice in repeated(values)
        ]

    def item_texts(self) -> list[str]:
        return [item.text for item in self.items]

    def correct_answer(self) -> str:
        return "".join(item.id for item in self.items)

    def score(self, answer: Any) -> float:
        return 1.0 if answer == self.correct_answer() else 0.0

    def longest_answer(self) -> str:
        return "z" * len(self.items)

    def format_response(self, answer: Any, fmt: ResponseFormat) -> str:
        return fmt.list_separator.join(answer)

    def runtime_data(self) -> dict[str, Any]:
        return {**super().runtime_data(), "correct": self.correct_answer()}
