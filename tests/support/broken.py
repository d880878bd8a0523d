"""Copy the fixture course and break one thing in it."""

from __future__ import annotations

import shutil
from pathlib import Path

from course.loader import load_course
from course.problems import AuthoringError
from tests.support.paths import FIXTURE_COURSE


def fixture_copy(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    """The problems the loader reports, with paths relative to the course root."""
    try:
        load_course(root)
    except AuthoringError as error:
        return [str(p).replace(f"{root}/", "") for p in error.problems]
    return []
