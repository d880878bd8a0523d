"""Incremental builds: only what changed is rebuilt, and the result equals a full build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import scorm_builder.build as build_module
from course.cli import main
from course.model import Course, Module
from scorm_builder.cache import CACHE_FILE
from scorm_builder.render import ModulePage
from tests.support.broken import fixture_copy, replace_in

COURSE_ZIPS = ["mini-cursus-scorm12.zip", "mini-cursus-scorm2004.zip"]
ZIPS = [
    "basis-scorm12.zip",
    "basis-scorm2004.zip",
    "tweede-scorm12.zip",
    "tweede-scorm2004.zip",
    *COURSE_ZIPS,
]


@pytest.fixture
def two_modules(tmp_path: Path) -> Path:
    """The fixture course with a copy of its module under another id, so one can change alone."""
    root = fixture_copy(tmp_path)
    shutil.copytree(root / "01-basis", root / "02-tweede")
    replace_in(root / "02-tweede" / "module.yaml", "id: basis", "id: tweede")
    replace_in(root / "course.yaml", "  - 01-basis\n", "  - 01-basis\n  - 02-tweede\n")
    return root


def run_build(root: Path, out: Path, *options: str) -> str:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return result.output


def stamps(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in ZIPS}


def contents(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def test_a_build_with_nothing_changed_rewrites_nothing(two_modules: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(two_modules, out)
    before = stamps(out)
    assert "Nothing changed" in run_build(two_modules, out)
    assert stamps(out) == before


def test_an_edited_lesson_rebuilds_only_its_module(two_modules: Path, tmp_path: Path) -> None:
    """Its module's packages and the whole-course packages, which hold every module."""
    out = tmp_path / "dist"
    run_build(two_modules, out)
    before = stamps(out)
    replace_in(two_modules / "02-tweede" / "lessons" / "01-intro.md", "legale", "gewone")
    assert "Built 4 package(s), 2 unchanged" in run_build(two_modules, out)
    changed = sorted(name for name, stamp in stamps(out).items() if stamp != before[name])
    assert changed == sorted([*COURSE_ZIPS, "tweede-scorm12.zip", "tweede-scorm2004.zip"])


def test_an_incremental_build_equals_a_forced_one(two_modules: Path, tmp_path: Path) -> None:
    incremental, forced = tmp_path / "incremental", tmp_path / "forced"
    run_build(two_modules, incremental)
    replace_in(two_modules / "01-basis" / "lessons" / "01-intro.md", "legale", "gewone")
    run_build(two_modules, incremental)
    assert "Built 6 package(s), 0 unchanged" in run_build(two_modules, forced, "--force")
    assert contents(incremental) == contents(forced)
    assert CACHE_FILE in contents(forced)


def test_a_failing_build_leaves_the_output_and_its_cache_as_they_were(
    two_modules: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    run_build(two_modules, out)
    before = contents(out)
    for folder in ("01-basis", "02-tweede"):
        replace_in(two_modules / folder / "lessons" / "01-intro.md", "legale", "gewone")
    real_render = build_module.render_page

    def fail_on_the_second_module(course: Course, module: Module) -> ModulePage:
        if module.id == "tweede":
            raise RuntimeError("disk full")
        return real_render(course, module)

    monkeypatch.setattr(build_module, "render_page", fail_on_the_second_module)
    result = CliRunner().invoke(main, ["build", "--root", str(two_modules), "--out", str(out)])
    assert isinstance(result.exception, RuntimeError)
    assert contents(out) == before
