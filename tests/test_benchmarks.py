"""The benchmark's own parts, and the targets it reports that are sizes rather than times."""

from __future__ import annotations

import zipfile
from pathlib import Path

from benchmarks.run import PACKAGE_KB, RUNTIME_KB, THEME_KB, package_size, unused_files
from benchmarks.synthetic import write_course
from course.loader import load_course
from course.model import Course, Lesson
from scorm_builder.build import BuiltPackage


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


def test_real_packages_meet_the_size_targets(
    real_course: Course, real_packages: list[BuiltPackage]
) -> None:
    """The size targets are sizes, not timings, so they are tested as well as benchmarked."""
    module_ids = {module.id for module in real_course.modules}
    figures = package_size(real_packages[0].path.parent)
    assert len(figures) == 8
    for name, package in figures.items():
        modules = 1 if name.split("-scorm")[0] in module_ids else len(module_ids)
        assert package["limit_kb"] == PACKAGE_KB * modules, name
        assert package["zip_kb_without_media"] <= package["limit_kb"], name
        assert package["runtime_kb"] <= RUNTIME_KB, name
        assert 0 < package["theme_bytes"] <= THEME_KB * 1024, name
        assert package["unused_files"] == [], name
