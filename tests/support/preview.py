"""Run the real ``course preview`` command on a free port and stop it as Ctrl-C does."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Frame, Page

from tests.support.lms import sco_frame
from tests.support.paths import PROJECT

COURSE = Path(sys.executable).parent / "course"


@dataclass
class RunningPreview:
    url: str
    database: Path
    output: list[str]

    def rows(self, query: str, *parameters: Any) -> list[sqlite3.Row]:
        """Read the preview's SQLite file directly, as another program would."""
        with closing(sqlite3.connect(self.database)) as db:
            db.row_factory = sqlite3.Row
            return db.execute(query, parameters).fetchall()


@contextmanager
def running_preview(
    root: Path, workdir: Path, *options: str, database: Path | None = None
) -> Iterator[RunningPreview]:
    database = database or workdir / "attempts.sqlite3"
    process = subprocess.Popen(
        [COURSE, "preview", "--root", root, "--out", workdir / "dist", "--db", database]
        + ["--port", "0", *options],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    output: list[str] = []
    for line in process.stdout:
        output.append(line)
        if line.startswith("Preview: "):
            url = line.split()[1].rstrip("/")
            break
    else:
        raise AssertionError(f"the preview did not start:\n{''.join(output)}")
    try:
        yield RunningPreview(url, database, output)
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=20)
        output.append(rest)
    assert process.returncode == 0, "".join(output)
    assert "Stopped. Every commit is saved" in rest


def choose_learner(page: Page, url: str, name: str) -> None:
    page.goto(url)
    page.fill("#learner", name)
    page.click("form.learner button[type=submit]")
    page.wait_for_load_state()


def launch(page: Page, url: str, package: str) -> Frame:
    """Open the course page and launch a package."""
    page.goto(url)
    page.click(f'tr[data-package="{package}"] a.launch')
    return sco_frame(page)


def leave(page: Page) -> None:
    """The player's leave button: the SCO finishes, and the attempt page opens."""
    page.click("#leave")
    page.wait_for_url("**/attempts/*")
