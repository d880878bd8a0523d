"""Learners, attempts and every commit, in SQLite.

Each call opens its own connection and commits before it returns, so a commit the SCO was
told succeeded is on disk, whichever request thread made it and however the server stops.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from course.preview.tracking import FlatData, flatten

SCHEMA = """
CREATE TABLE IF NOT EXISTS learners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    package TEXT NOT NULL,
    number INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    -- the tracked data after the latest commit, flat: {"cmi.core.lesson_status": "passed"}
    state TEXT NOT NULL DEFAULT '{}',
    -- sessions that ended with LMSFinish/Terminate
    sessions_finished INTEGER NOT NULL DEFAULT 0,
    UNIQUE (learner_id, package, number)
);
CREATE TABLE IF NOT EXISTS commits (
    id INTEGER PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
    received_at TEXT NOT NULL,
    terminate INTEGER NOT NULL,
    -- the body exactly as scorm-again posted it
    body TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Attempt:
    id: int
    learner_id: int
    learner: str
    package: str
    number: int
    started_at: str
    state: FlatData
    sessions_finished: int
    commits: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")  # readers (the attempt page) never block commits
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=10)) as db, db:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys=ON")
            yield db

    def learner_id(self, name: str) -> int:
        with self._connect() as db:
            db.execute("INSERT OR IGNORE INTO learners (name) VALUES (?)", (name,))
            row = db.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()
        return int(row[0])

    def attempt(self, attempt_id: int) -> Attempt | None:
        with self._connect() as db:
            row = db.execute(_ATTEMPT_QUERY + " WHERE a.id = ?", (attempt_id,)).fetchone()
        return _attempt(row) if row else None

    def attempts(self, learner_id: int) -> list[Attempt]:
        """Every attempt of one learner, the latest of each package first."""
        with self._connect() as db:
            rows = db.execute(
                _ATTEMPT_QUERY + " WHERE a.learner_id = ? ORDER BY a.package, a.number DESC",
                (learner_id,),
            ).fetchall()
        return [_attempt(row) for row in rows]

    def current_attempt(self, learner_id: int, package: str) -> Attempt:
        """The learner's latest attempt at a package, started if there is none yet."""
        with self._connect() as db:
            row = db.execute(
                "SELECT id FROM attempts WHERE learner_id = ? AND package = ? "
                "ORDER BY number DESC LIMIT 1",
                (learner_id, package),
            ).fetchone()
        found = self.attempt(int(row[0])) if row else None
        return found or self.new_attempt(learner_id, package)

    def new_attempt(self, learner_id: int, package: str) -> Attempt:
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO attempts (learner_id, package, number, started_at) VALUES "
                "(?, ?, (SELECT COALESCE(MAX(number), 0) + 1 FROM attempts "
                "WHERE learner_id = ? AND package = ?), ?)",
                (learner_id, package, learner_id, package, _now()),
            )
            attempt_id = cursor.lastrowid
        assert attempt_id is not None
        attempt = self.attempt(attempt_id)
        assert attempt is not None
        return attempt

    def record_commit(self, attempt_id: int, body: str, terminate: bool) -> bool:
        """Store one commit and fold it into the attempt's state; False for no such attempt.

        The body must be scorm-again's JSON commit (``{"cmi": {...}}``); a ValueError says not.
        """
        posted = json.loads(body)
        if not isinstance(posted, dict) or not isinstance(posted.get("cmi"), dict):
            raise ValueError("a commit is a JSON object with a 'cmi' object")
        changes = flatten({"cmi": posted["cmi"]})
        with self._connect() as db:
            row = db.execute("SELECT state FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            if row is None:
                return False
            # Merged, not replaced: 2004 sends total_time only when a session ends.
            state = json.loads(row[0]) | changes
            db.execute(
                "INSERT INTO commits (attempt_id, received_at, terminate, body) "
                "VALUES (?, ?, ?, ?)",
                (attempt_id, _now(), int(terminate), body),
            )
            db.execute(
                "UPDATE attempts SET state = ?, sessions_finished = sessions_finished + ? "
                "WHERE id = ?",
                (json.dumps(state), int(terminate), attempt_id),
            )
        return True


_ATTEMPT_QUERY = (
    "SELECT a.id, a.learner_id, l.name AS learner, a.package, a.number, a.started_at, a.state, "
    "a.sessions_finished, (SELECT COUNT(*) FROM commits c WHERE c.attempt_id = a.id) AS commits "
    "FROM attempts a JOIN learners l ON l.id = a.learner_id"
)


def _attempt(row: sqlite3.Row) -> Attempt:
    return Attempt(
        id=row["id"],
        learner_id=row["learner_id"],
        learner=row["learner"],
        package=row["package"],
        number=row["number"],
        started_at=row["started_at"],
        state=json.loads(row["state"]),
        sessions_finished=row["sessions_finished"],
        commits=row["commits"],
    )
