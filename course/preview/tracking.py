"""What the preview LMS hands a SCO at launch and shows of an attempt, per SCORM version.

Tracked data is kept flat, as ``"cmi.core.lesson_status" -> "passed"``, the way both versions
name their elements, so one store and one attempt page serve both.
"""

from __future__ import annotations

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


INTERACTION_COLUMNS = (
    "id",
    "type",
    "description",
    "learner_response",
    "student_response",
    "correct_responses.0.pattern",
    "result",
    "weighting",
    "latency",
    "timestamp",
    "time",
)
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
