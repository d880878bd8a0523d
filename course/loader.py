"""Load ``modules/`` into a :class:`~course.model.Course`, collecting every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from course.checks import check_course, check_item
from course.model import (
    Course,
    CourseFile,
    GlossaryFile,
    ItemRef,
    Lesson,
    Module,
    ModuleFile,
    ModuleItem,
    Quiz,
    WorkshopCase,
)
from course.problems import AuthoringError, Problem
from course.sources import (
    SourceProblem,
    line_at,
    load_markdown_lesson,
    load_yaml_mapping,
    unusable_path,
)
from course.validation import validate
from quizzes.authoring import Location

COURSE_FILE = "course.yaml"
GLOSSARY_FILE = "glossary.yaml"
MODULE_FILE = "module.yaml"


def load_course(root: Path) -> Course:
    """Load and check the course in ``root`` (the ``modules`` folder).

    Raises :class:`AuthoringError` listing every problem found.
    """
    problems: list[Problem] = []
    course_file = root / COURSE_FILE
    spec, raw = _load_model(CourseFile, course_file, problems)
    modules: list[Module] = []
    if spec is not None:
        for index, folder_name in enumerate(spec.modules):
            where = Location(course_file, line_at(raw, course_file, ("modules", index)))
            if folder_name in spec.modules[:index]:
                problems.append(
                    Problem(where, f"module '{folder_name}' is listed twice", "list it once")
                )
                continue
            known = len(problems)
            module = _load_module(root, folder_name, where, problems)
            if module is not None and len(problems) == known:
                modules.append(module)
    glossary = None
    if (root / GLOSSARY_FILE).exists():
        glossary, _ = _load_model(GlossaryFile, root / GLOSSARY_FILE, problems)
    if spec is None:
        raise AuthoringError(problems)
    terms = tuple(glossary.terms) if glossary else ()
    course = Course(spec=spec, root=root, modules=tuple(modules), glossary=terms)
    if problems:
        raise AuthoringError(problems, course)
    problems += check_course(course)
    if problems:
        raise AuthoringError(problems, course)
    return course


def _load_module(
    root: Path, folder_name: str, where: Location, problems: list[Problem]
) -> Module | None:
    folder = root / folder_name
    if not folder.resolve().is_relative_to(root.resolve()):
        problems.append(
            Problem(
                where,
                f"module folder '{folder_name}' lies outside the course folder",
                "move the module folder into the course folder instead of linking to it",
            )
        )
        return None
    try:
        has_module_file = (folder / MODULE_FILE).is_file()
    except (OSError, ValueError) as error:  # a folder name too long for the file system
        problems.append(unusable_path(where, folder / MODULE_FILE, error).problem)
        return None
    if not has_module_file:
        problems.append(
            Problem(
                where,
                f"module folder '{folder_name}' has no {MODULE_FILE}",
                f"create {folder_name}/{MODULE_FILE} or correct the name",
            )
        )
        return None
    spec, _ = _load_model(ModuleFile, folder / MODULE_FILE, problems)
    if spec is None:
        return None
    items = [_load_item(folder, ref, problems) for ref in spec.items]
    if any(item is None for item in items):
        return None
    return Module(spec=spec, folder=folder, items=tuple(i for i in items if i is not None))


def _load_item(folder: Path, ref: ItemRef, problems: list[Problem]) -> ModuleItem | None:
    path = folder / ref.file
    try:
        try:
            resolved = path.resolve()
        except ValueError as error:  # a NUL byte in the name
            raise unusable_path(ref.at(ref.kind), path, error) from None
        if not resolved.is_relative_to(folder.resolve()):
            problems.append(
                Problem(
                    ref.at(ref.kind),
                    f"'{ref.file}' lies outside the module folder",
                    "keep the module's files inside its folder",
                )
            )
            return None
        model: type[Lesson] | type[WorkshopCase] | type[Quiz]
        if ref.kind == "lesson":
            if path.suffix != ".md":
                problems.append(
                    Problem(
                        ref.at("lesson"),
                        f"lesson '{ref.file}' is not a .md file",
                        "write lessons as Markdown files ending in .md",
                    )
                )
                return None
            raw: Any = load_markdown_lesson(path, ref.at("lesson"))
            model = Lesson
        else:
            raw = load_yaml_mapping(path, ref.at(ref.kind))
            model = WorkshopCase if ref.kind == "case" else Quiz
    except SourceProblem as error:
        problems.append(error.problem)
        return None
    item, item_problems = validate(model, raw, path)
    problems += item_problems if item is None else check_item(item)
    return item


def _load_model(
    model: type[CourseFile] | type[ModuleFile] | type[GlossaryFile],
    path: Path,
    problems: list[Problem],
) -> tuple[Any, Any]:
    """The validated model (None on problems) and the raw data it came from."""
    try:
        raw = load_yaml_mapping(path)
    except SourceProblem as error:
        problems.append(error.problem)
        return None, None
    instance, found = validate(model, raw, path)
    problems += found
    return instance, raw
