"""Short text (fill-in): the learner types a word or phrase; any accepted answer is right."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from quizzes.authoring import Text
from quizzes.interactions import ResponseFormat, fit, outside_option_block
from quizzes.question import Question, repeated

SCORM2004_OPTION_BLOCK = "{"
"""A SCORM 2004 fill-in string may not start with "{": the LMS reads it as ``{lang=..}``."""


class ShortTextQuestion(Question):
    """An answer is the text as typed."""

    type_name = "short_text"
    interaction_type = "fill-in"
    folder = Path(__file__).parent

    type: Literal["short_text"]
    accepted: list[Text] = Field(
        min_length=1, max_length=10, description="Right answers; the first is shown as the model."
    )
    case_matters: bool = Field(default=False, description="'Halt' and 'halt' differ.")
    ignore_spaces: bool = Field(
        default=False, description="'1234 AB' and '1234AB' are the same; else only runs of spaces"
    )
    max_length: int = Field(
        default=60, ge=1, le=250, description="Characters the learner may type."
    )

    def normalise(self, text: str) -> str:
        """The form in which answers are compared, by this question's rules."""
        words = unicodedata.normalize("NFC", text).split()
        joined = "".join(words) if self.ignore_spaces else " ".join(words)
        return joined if self.case_matters else joined.lower()

    def problems(self) -> list[tuple[str, str, str]]:
        problems = [
            (
                "accepted",
                f"accepted answer '{twice}' is listed twice (after the case and space rules)",
                "list each answer once",
            )
            for twice in repeated(self.normalise(answer) for answer in self.accepted)
        ]
        for answer in self.accepted:
            if len(answer) > self.max_length:
                problems.append(
                    (
                        "accepted",
                        f"accepted answer '{answer}' is longer than max_length {self.max_length}",
                        "raise max_length or shorten the answer",
                    )
                )
            if answer.startswith(SCORM2004_OPTION_BLOCK) or "[,]" in answer:
                problems.append(
                    (
                        "accepted",
                        f"accepted answer '{answer}' starts with '{{' or contains '[,]', "
                        "which SCORM 2004 reads as markup",
                        "leave those characters out",
                    )
                )
        return problems

    def correct_answer(self) -> str:
        return self.accepted[0]

    def score(self, answer: Any) -> float:
        accepted = {self.normalise(text) for text in self.accepted}
        return 1.0 if self.normalise(answer) in accepted else 0.0

    def longest_answer(self) -> str:
        # A control character is saved as \u0001: six characters for one typed.
        return "\x01" * self.max_length

    def format_response(self, answer: Any, fmt: ResponseFormat) -> str:
        # One string, so "[,]" must not split it ("[[,]]" must not leave one behind either);
        # 2004 must not see an option block, also not behind spaces ("{ {x").
        text = " ".join(unicodedata.normalize("NFC", str(answer)).split())
        while "[,]" in text:
            text = text.replace("[,]", ",")
        if fmt.version == "2004":
            text = outside_option_block(text)
        return fit(text, fmt.fill_in_max_length)

    def correct_pattern(self, fmt: ResponseFormat) -> str:
        pattern = self.format_response(self.correct_answer(), fmt)
        # 2004 compares case-insensitively unless told otherwise (RTE: case_matters=false).
        if self.case_matters and fmt.version == "2004":
            return f"{{case_matters=true}}{pattern}"
        return pattern

    def runtime_data(self) -> dict[str, Any]:
        return {
            **super().runtime_data(),
            "accepted": sorted({self.normalise(text) for text in self.accepted}),
            "model": self.correct_answer(),
            "caseMatters": self.case_matters,
            "ignoreSpaces": self.ignore_spaces,
        }
