"""Editor support: the committed JSON Schemas, the YAML modelines, and ``course new module``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from course.cli import main
from course.loader import load_course
from course.schema import SCHEMA_FOLDER, modeline, schema_texts, yaml_files
from tests.support.broken import fixture_copy
from tests.support.paths import MODULES


def test_committed_schemas_match_the_models() -> None:
    folder = MODULES / SCHEMA_FOLDER
    committed = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.json")}
    assert committed == schema_texts(), "run `course schema` and commit modules/schemas/"


def test_every_authored_yaml_file_names_its_schema_on_the_first_line() -> None:
    files = yaml_files(load_course(MODULES))
    assert len(files) > 3
    for path, kind in files.items():
        first_line = path.read_text(encoding="utf-8").partition("\n")[0]
        assert first_line == modeline(path, MODULES, kind), f"run `course schema` for {path}"
        schema_file = path.parent / first_line.split("$schema=")[1]
        assert schema_file.resolve() == (MODULES / SCHEMA_FOLDER / f"{kind}.json").resolve()


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_texts()[f"{kind}.json"]))


def test_the_schemas_accept_the_real_course_and_reject_a_mistake() -> None:
    for path, kind in yaml_files(load_course(MODULES)).items():
        errors = list(validator(kind).iter_errors(yaml.safe_load(path.read_text())))
        assert errors == [], f"{path}: {errors[0].message if errors else ''}"
    quiz = yaml.safe_load((MODULES / "01-weerbare-justitie" / "quiz.yaml").read_text())
    quiz["pass_mark"] = 120
    quiz["questions"][0]["typo"] = "x"
    messages = [error.message for error in validator("quiz").iter_errors(quiz)]
    assert any("120" in message for message in messages)
    assert any("typo" in message for message in messages)


def test_lesson_front_matter_schema_has_no_screens() -> None:
    front_matter = {"id": "inleiding", "title": "Inleiding", "objectives": ["doel"]}
    assert list(validator("lesson-front-matter").iter_errors(front_matter)) == []
    with_screens = front_matter | {"screens": []}
    assert list(validator("lesson-front-matter").iter_errors(with_screens)) != []


def test_a_new_module_passes_check_once_listed_in_course_yaml(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    runner = CliRunner()
    created = runner.invoke(main, ["new", "module", "wijkteams", "--root", str(root)])
    assert created.exit_code == 0, created.output
    assert "  - 02-wijkteams" in created.output
    folder = root / "02-wijkteams"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.*")) == [
        "cases/eerste-casus.yaml",
        "lessons/01-inleiding.md",
        "module.yaml",
        "quiz.yaml",
    ]
    assert (folder / "quiz.yaml").read_text().startswith("# yaml-language-server: $schema=")
    assert (folder / "media").is_dir()
    unlisted = runner.invoke(main, ["check", "--root", str(root)])
    assert "module folder '02-wijkteams' is not listed in course.yaml" in unlisted.output

    with (root / "course.yaml").open("a", encoding="utf-8") as course_yaml:
        course_yaml.write("  - 02-wijkteams\n")
    checked = runner.invoke(main, ["check", "--root", str(root)])
    assert checked.exit_code == 0, checked.output
    assert "2 module(s)" in checked.output
    assert "02-wijkteams" not in checked.output  # the placeholder text gives no warning
    assert [m.id for m in load_course(root).modules] == ["basis", "wijkteams"]


@pytest.mark.parametrize("slug", ["Wijkteams", "wijk teams", "../x", "-x"])
def test_new_module_refuses_a_slug_that_is_not_an_id(tmp_path: Path, slug: str) -> None:
    root = fixture_copy(tmp_path)
    result = CliRunner().invoke(main, ["new", "module", slug, "--root", str(root)])
    assert result.exit_code == 2
    assert sorted(p.name for p in root.iterdir()) == sorted(
        p.name for p in fixture_copy(tmp_path / "again").iterdir()
    )


def test_course_schema_writes_the_schemas_and_links_every_file_once(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)  # the fixture's files name no schema yet
    files = yaml_files(load_course(root))
    assert not any("$schema=" in path.read_text(encoding="utf-8") for path in files)
    result = CliRunner().invoke(main, ["schema", "--root", str(root)])
    assert result.exit_code == 0, result.output
    written = {
        path.name: path.read_text(encoding="utf-8") for path in (root / SCHEMA_FOLDER).iterdir()
    }
    assert written == schema_texts()
    for path, kind in files.items():
        assert path.read_text(encoding="utf-8").partition("\n")[0] == modeline(path, root, kind)
    assert result.output.count("linked ") == len(files)
    load_course(root)  # the modelines are comments: the course still loads
    again = CliRunner().invoke(main, ["schema", "--root", str(root)])
    assert again.exit_code == 0 and "linked " not in again.output, "linking twice adds nothing"
