"""What the preview LMS hands a SCO at launch and shows of an attempt, per SCORM version.

Tracked data is kept flat, as ``"cmi.core.lesson_status" -> "passed"``, the way both versions
name their elements, so one store and one attempt page serve both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

FlatData = dict[str, str]


@dataclass(frozen=True)
class Standard:
    """The element names of one SCORM version that the preview LMS reads or writes itself."""

    version: Literal["1.2", "2004"]
    learner_id: str
    learner_name: str
    credit: str
    mode: str
    entry: str
    exit: str
    pass_mark: str
    score_raw: str
    score_max: str
    restored: tuple[str, ...]
    """Elements (or prefixes ending in '.') a real LMS keeps between sessions of one attempt."""
    status: tuple[str, ...]
    """The elements that together say where the learner stands."""
    summary: tuple[tuple[str, str], ...]
    """(label, element) shown at the top of the attempt page."""

    def pass_mark_value(self, percent: float) -> str:
        # 1.2 wants a percentage (adlcp:masteryscore); 2004 a scaled -1..1 value.
        return f"{percent:g}" if self.version == "1.2" else f"{percent / 100:g}"

    def launch_data(
        self, learner_id: str, learner_name: str, pass_mark: float | None, state: FlatData
    ) -> FlatData:
        """What the LMS preloads before the SCO starts: who, how, and the kept state if any."""
        resuming = state.get(self.exit) == "suspend"
        data = {
            self.learner_id: learner_id,
            self.learner_name: learner_name,
            self.credit: "credit",
            self.mode: "normal",
            self.entry: "resume" if resuming else "ab-initio",
        }
        if pass_mark is not None:
            data[self.pass_mark] = self.pass_mark_value(pass_mark)
        if resuming:
            data |= {key: value for key, value in state.items() if self.is_restored(key)}
        return data

    def is_restored(self, key: str) -> bool:
        # Counts are derived by the API from the entries themselves and cannot be written.
        if key.endswith(("._count", "._children")):
            return False
        return any(key == r or (r.endswith(".") and key.startswith(r)) for r in self.restored)

    def status_text(self, state: FlatData) -> str:
        return ", ".join(state[e] for e in self.status if state.get(e)) or "not started"

    def score_text(self, state: FlatData) -> str:
        raw, maximum = state.get(self.score_raw, ""), state.get(self.score_max, "")
        return f"{raw} of {maximum}" if raw and maximum else raw

    def is_completed(self, state: FlatData) -> bool:
        """Completed, as sequencing reads it (1.2 has one status for completion and success)."""
        return state.get(self.status[0]) in ("completed", "passed")

    def has_ended(self, state: FlatData, sessions_finished: int) -> bool:
        """An attempt ends when a session finished without asking to be resumed."""
        return sessions_finished > 0 and state.get(self.exit) != "suspend"


SCORM12 = Standard(
    version="1.2",
    learner_id="cmi.core.student_id",
    learner_name="cmi.core.student_name",
    credit="cmi.core.credit",
    mode="cmi.core.lesson_mode",
    entry="cmi.core.entry",
    exit="cmi.core.exit",
    pass_mark="cmi.student_data.mastery_score",
    score_raw="cmi.core.score.raw",
    score_max="cmi.core.score.max",
    status=("cmi.core.lesson_status",),
    restored=(
        "cmi.core.lesson_status",
        "cmi.core.lesson_location",
        "cmi.core.score.",
        "cmi.core.total_time",
        "cmi.suspend_data",
        "cmi.interactions.",
        "cmi.objectives.",
    ),
    summary=(
        ("Status", "cmi.core.lesson_status"),
        ("Score (raw)", "cmi.core.score.raw"),
        ("Score min", "cmi.core.score.min"),
        ("Score max", "cmi.core.score.max"),
        ("Mastery score", "cmi.student_data.mastery_score"),
        ("Total time", "cmi.core.total_time"),
        ("Last session time", "cmi.core.session_time"),
        ("Location", "cmi.core.lesson_location"),
        ("Exit", "cmi.core.exit"),
    ),
)

SCORM2004 = Standard(
    version="2004",
    learner_id="cmi.learner_id",
    learner_name="cmi.learner_name",
    credit="cmi.credit",
    mode="cmi.mode",
    entry="cmi.entry",
    exit="cmi.exit",
    pass_mark="cmi.scaled_passing_score",
    score_raw="cmi.score.raw",
    score_max="cmi.score.max",
    status=("cmi.completion_status", "cmi.success_status"),
    restored=(
        "cmi.completion_status",
        "cmi.success_status",
        "cmi.location",
        "cmi.score.",
        "cmi.progress_measure",
        "cmi.total_time",
        "cmi.suspend_data",
        "cmi.interactions.",
        "cmi.objectives.",
    ),
    summary=(
        ("Completion", "cmi.completion_status"),
        ("Success", "cmi.success_status"),
        ("Score (scaled)", "cmi.score.scaled"),
        ("Score (raw)", "cmi.score.raw"),
        ("Score min", "cmi.score.min"),
        ("Score max", "cmi.score.max"),
        ("Passing score (scaled)", "cmi.scaled_passing_score"),
        ("Progress", "cmi.progress_measure"),
        ("Total time", "cmi.total_time"),
        ("Last session time", "cmi.session_time"),
        ("Location", "cmi.location"),
        ("Exit", "cmi.exit"),
    ),
)

STANDARDS = {"scorm12": SCORM12, "scorm2004": SCORM2004}
"""By build target name."""


def flatten(value: Any, prefix: str = "") -> FlatData:
    """scorm-again's nested commit JSON as flat element names; lists and dicts index alike."""
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return {prefix: "" if value is None else str(value)}
    flat: FlatData = {}
    for key, child in items:
        flat |= flatten(child, f"{prefix}.{key}" if prefix else str(key))
    return flat


OBJECTIVE_COLUMNS = (
    "id",
    "status",
    "success_status",
    "completion_status",
    "score.scaled",
    "score.raw",
    "score.min",
    "score.max",
    "progress_measure",
    "description",
)


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[dict[str, str]]


def table(state: FlatData, collection: str, preferred: tuple[str, ...]) -> Table:
    """Every entry of a collection with every field any entry has, the usual ones first."""
    rows = indexed(state, collection)
    present = {field for row in rows for field in row}
    extra = sorted(present - set(preferred))
    return Table([c for c in preferred if c in present] + extra, rows)


def indexed(state: FlatData, collection: str) -> list[dict[str, str]]:
    """The entries of ``cmi.interactions`` or ``cmi.objectives``, in index order."""
    entries: dict[int, dict[str, str]] = {}
    for key, value in state.items():
        if key.startswith(f"{collection}."):
            index, _, field = key[len(collection) + 1 :].partition(".")
            if index.isdigit() and field:
                entries.setdefault(int(index), {})[field] = value
    return [entries[index] for index in sorted(entries)]


# How a matching source's id is filed among the codes, apart from the targets' ids.
SOURCE_KEY = "source:"


@dataclass(frozen=True)
class AnswerTexts:
    """What the codes in one SCO's interactions stand for, as its learner saw them."""

    list_separator: str
    pair_separator: str
    texts: dict[str, dict[str, str]]
    """Interaction id → option, source or item id → its text."""
    prompts: dict[str, str]
    """Interaction id → the question or decision as the learner read it."""

    def describe(self, interaction_id: str, response: str) -> str:
        """``response`` in words ("a[,]c" → "Gemeente; Politie"; a matching pair "1[.]b" →
        "Politie → Doet onderzoek"), or "" when a code is unknown (a typed answer is its own
        text)."""
        known = self.texts.get(interaction_id, {})
        described = []
        for entry in response.split(self.list_separator) if response else []:
            codes = entry.split(self.pair_separator)
            if len(codes) == 2:  # source and target: their ids may be alike, so kept apart
                codes[0] = SOURCE_KEY + codes[0]
            parts = [known.get(code) for code in codes]
            if None in parts:
                return ""
            described.append(" → ".join(part for part in parts if part))
        return "; ".join(described)


@dataclass(frozen=True)
class InteractionRow:
    """One interaction as the attempt page shows it: codes with their texts, times readable."""

    id: str
    description: str
    type: str
    response: str
    response_text: str
    correct: str
    correct_text: str
    result: str
    latency: str
    recorded_at: str


def interaction_rows(state: FlatData, answers: AnswerTexts | None) -> list[InteractionRow]:
    rows = []
    for entry in indexed(state, "cmi.interactions"):
        interaction_id = entry.get("id", "")
        response = entry.get("learner_response", entry.get("student_response", ""))
        correct = entry.get("correct_responses.0.pattern", "")
        rows.append(
            InteractionRow(
                id=interaction_id,
                # 1.2 has no description; the page has the question itself.
                description=entry.get("description")
                or (answers.prompts.get(interaction_id, "") if answers else ""),
                type=entry.get("type", ""),
                response=response,
                response_text=answers.describe(interaction_id, response) if answers else "",
                correct=correct,
                correct_text=answers.describe(interaction_id, correct) if answers else "",
                result=entry.get("result", ""),
                latency=duration_text(entry.get("latency", "")),
                recorded_at=entry.get("timestamp", entry.get("time", "")),
            )
        )
    return rows


_ISO_DURATION = re.compile(
    r"P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?"
)
_SCORM12_TIMESPAN = re.compile(
    r"(?P<hours>\d{2,4}):(?P<minutes>\d{2}):(?P<seconds>\d{2}(?:\.\d+)?)"
)
_SECONDS = {"years": 365 * 86400, "months": 30 * 86400, "days": 86400, "hours": 3600, "minutes": 60}


def duration_text(value: str) -> str:
    """A SCORM duration for people: "PT4M12S" (2004) or "0000:04:12.00" (1.2) → "4 min 12 s".
    Anything else is returned as it is."""
    match = _ISO_DURATION.fullmatch(value) or _SCORM12_TIMESPAN.fullmatch(value)
    if not value or value == "P" or match is None:
        return value
    parts = {name: float(number) for name, number in match.groupdict().items() if number}
    total = round(sum(number * _SECONDS.get(name, 1) for name, number in parts.items()))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    shown = [(hours, "h"), (minutes, "min"), (seconds, "s")]
    return " ".join(f"{n} {unit}" for n, unit in shown if n) or "0 s"
