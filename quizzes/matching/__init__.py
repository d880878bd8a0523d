"""Matching: pair each source with a target; several sources may share one target."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from quizzes.authoring import Authored, ItemId, Text
from quizzes.interactions import ResponseFormat
from quizzes.question import Question, repeated


class MatchTarget(Authored):
    id: ItemId
    text: Text


class MatchSource(Authored):
    id: ItemId
    text: Text
    match: ItemId = Field(description="The id of the target this source belongs to.")


class MatchingQuestion(Question):
    """An answer is a string of target ids, one per source in authored order (``"acb"``)."""

    type_name = "matching"
    interaction_type = "matching"
    folder = Path(__file__).parent

    type: Literal["matching"]
    sources: list[MatchSource] = Field(min_length=2, max_length=36)
    targets: list[MatchTarget] = Field(min_length=2, max_length=36)

    def problems(self) -> list[tuple[str, str, str]]:
        problems = [
            (key, f"{what} '{twice}' is used twice", fix)
            for key, what, values, fix in (
                ("sources", "source id", [s.id for s in self.sources], "give each its own id"),
                ("targets", "target id", [t.id for t in self.targets], "give each its own id"),
                ("sources", "source text", [s.text for s in self.sources], "merge the two"),
                ("targets", "target text", [t.text for t in self.targets], "merge the two"),
            )
            for twice in repeated(values)
        ]
        target_ids = [target.id for target in self.targets]
        problems += [
            (
                "sources",
                f"source '{source.id}' matches '{source.match}', which is not one of the "
                f"targets ({', '.join(target_ids)})",
                "use the id of one of the targets",
            )
            for source in self.sources
            if source.match not in target_ids
        ]
        used = {source.match for source in self.sources}
        problems += [
            (
                "targets",
                f"no source matches target '{target.id}'",
                "match a source to it, or remove the target",
            )
            for target in self.targets
            if target.id not in used
        ]
        return problems

    def item_texts(self) -> list[str]:
        return [s.text for s in self.sources] + [t.text for t in self.targets]

    def correct_answer(self) -> str:
        return "".join(source.match for source in self.sources)

    def score(self, answer: Any) -> float:
        return 1.0 if answer == self.correct_answer() else 0.0

    def longest_answer(self) -> str:
        return "z" * len(self.sources)

    def format_response(self, answer: Any, fmt: ResponseFormat) -> str:
        return fmt.list_separator.join(
            f"{source.id}{fmt.pair_separator}{target}"
            for source, target in zip(self.sources, answer, strict=True)
        )

    def runtime_data(self) -> dict[str, Any]:
        return {
            **super().runtime_data(),
            "sources": [source.id for source in self.sources],
            "correct": self.correct_answer(),
        }
