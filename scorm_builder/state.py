"""The learner's saved state (``suspend_data``): compact, and stable across content edits.

Each screen, question and decision is saved under a short token derived from its
tracking key (``lesson-id/screen-id``). Tokens do not depend on position, so inserting or
reordering screens keeps a learner's saved progress; and they are short, so the state of a
whole module stays far below SCORM 1.2's 4096 characters.

The learner runtime writes ``{"v":2,"s":"<tokens of seen screens>","a":{token: answer},
"d":{token: choice},"q":score,"qa":attempt,"qs":seed}``; :func:`worst_case_suspend_data`
builds the longest such value a module can produce, and the build refuses a module whose
worst case does not fit its target.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from course.model import Module, WorkshopCase

TOKEN_LENGTH = 4
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def token(key: str) -> str:
    """A 4-character base-36 token for a tracking key (a CRC-32, folded)."""
    value = zlib.crc32(key.encode("utf-8")) % (36**TOKEN_LENGTH)
    digits = []
    for _ in range(TOKEN_LENGTH):
        value, digit = divmod(value, 36)
        digits.append(_ALPHABET[digit])
    return "".join(reversed(digits))


def token_collisions(keys: list[str]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    clashes = []
    for key in keys:
        other = seen.setdefault(token(key), key)
        if other != key:
            clashes.append((other, key))
    return clashes


def tracking_keys(module: Module) -> list[str]:
    """Every key the state can hold: screens, questions and decisions (these are screens too)."""
    return [screen.key for screen in module.screens()]


def worst_case_suspend_data(module: Module) -> str:
    """The longest suspend_data this module can produce: all seen, answered and decided."""
    answers: dict[str, Any] = {}
    quiz_fields: dict[str, Any] = {}
    if module.quiz:
        for question in module.quiz.questions:
            answers[token(f"{module.quiz.id}/{question.id}")] = question.longest_answer()
        # The attempt number (unlimited attempts: up to the largest safe integer in
        # JavaScript) and the shuffle seed, six base-36 digits.
        quiz_fields = {"qa": module.quiz.attempts or 2**53 - 1, "qs": "z" * 6}
    decisions = {
        token(f"{case.id}/{step.id}"): "z"
        for case in module.items
        if isinstance(case, WorkshopCase)
        for step in case.steps
    }
    state = {
        "v": 2,
        "s": "".join(token(key) for key in tracking_keys(module)),
        "a": answers,
        "d": decisions,
        "q": 99.99,
        **quiz_fields,
    }
    return json.dumps(state, separators=(",", ":"))
