"""The benchmark's own parts: synthetic courses are valid, and unused package files are found."""

from __future__ import annotations

import zipfile
from pathlib import Path

from benchmarks.run import unused_files
from benchmarks.synthetic import write_course
from course.loader import load_course
from course.model import Lesson


def test_a_synthetic_course_loads_with_lessons_in_modules_of_ten(tmp_path: Path) -> None:
    course = load_course(write_course(tmp_path, 20))
    assert len(course.modules) == 2
    lessons = [item for m in course.modules for item in m.items if isinstance(item, Lesson)]
    assert len(lessons) == 20


def test_a_file_nothing_refers_to_is_reported(tmp_path: Path) -> None:
    package = tmp_path / "package.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("index.html", '<script src="assets/player.js"></script>')
        archive.writestr("assets/player.js", "")
        archive.writestr("assets/old.js", "")
        archive.writestr("imsmanifest.xml", "<file href='assets/old.js'/>")
    with zipfile.ZipFile(package) as archive:
        assert unused_files(archive) == ["assets/old.js"]
