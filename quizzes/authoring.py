"""Base class for everything a learning designer authors.

It lives here, in ``quizzes``, because both the question types and the ``course``
domain model build on it, and ``quizzes`` must not import ``course``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
)

SLUG_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
"""A readable id: lower-case words joined by hyphens, starting with a letter."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

ITEM_ID_PATTERN = r"^[0-9a-z]$"
ItemId = Annotated[
    str,
    BeforeValidator(lambda value: str(value) if type(value) is int else value),  # YAML `id: 1`
    StringConstraints(pattern=ITEM_ID_PATTERN),
    # Editors read YAML `id: 1` as a number, so the JSON Schema allows the digits as numbers.
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ITEM_ID_PATTERN},
                {"type": "integer", "minimum": 0, "maximum": 9},
            ]
        }
    ),
]
"""One digit or lower-case letter: SCORM 1.2 matching, sequencing and likert responses are
made of single characters, and 36 of them is also SCORM 2004's limit per response."""


@dataclass(frozen=True)
class Location:
    """A place in an authored file, for messages of the form ``path:line: ...``."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}"


def display_path(path: Path) -> str:
    """Show paths relative to the working directory when they are below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Origin:
    """Where an authored object came from: its own line and the lines of its keys."""

    path: Path
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)

    def at(self, key: str | None = None) -> Location:
        return Location(self.path, self.key_lines.get(key, self.line) if key else self.line)


class Authored(BaseModel):
    """Strict pydantic model that remembers where in the source files it was written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    _origin: Origin | None = PrivateAttr(default=None)

    def set_origin(self, origin: Origin) -> None:
        self._origin = origin

    def at(self, key: str | None = None) -> Location:
        """The location of this object, or of one of its keys, in its source file."""
        if self._origin is None:
            return Location(Path("<memory>"), 0)
        return self._origin.at(key)
