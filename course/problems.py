"""Problems found in authored files, reported all at once as ``path:line: what — how to fix``."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizzes.authoring import Location

if TYPE_CHECKING:
    from course.model import Course


@dataclass(frozen=True)
class Problem:
    location: Location
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.location}: {self.what} — {self.fix}"


def first_words(text: str, count: int, through: str = "") -> str:
    """The start of a text to quote in a message: ``count`` words, or up to the word holding
    ``through`` if that comes later, and '…' when there is more."""
    words = text.split()
    if through:
        count = max(count, next((n + 1 for n, w in enumerate(words) if through in w), count))
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def did_you_mean(written: str, known: Sequence[str]) -> str:
    """ "did you mean 'x'? " for the known name closest to a misspelt one, else ''."""
    close = difflib.get_close_matches(written, known, n=1)
    return f"did you mean '{close[0]}'? " if close else ""


class AuthoringError(Exception):
    """The authored course has problems; nothing was built.

    ``course`` holds what could be loaded without a problem (the modules that loaded cleanly),
    so a report can still be made; None when not even course.yaml could be read.
    """

    def __init__(self, problems: list[Problem], course: Course | None = None) -> None:
        self.problems = problems
        self.course = course
        super().__init__("\n".join(str(problem) for problem in problems))
