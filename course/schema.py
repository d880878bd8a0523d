"""JSON Schema for every kind of authoring file, generated from the pydantic models.

The schemas live in ``modules/schemas/`` beside the files they describe, so the authored folder
is complete on its own, and each YAML file names its schema on its first line
(``# yaml-language-server: $schema=...``) for editors that use the YAML language server
(VS Code's YAML extension, JetBrains IDEs, Neovim, Zed and others).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from course.model import Course, CourseFile, GlossaryFile, Lesson, ModuleFile, Quiz, WorkshopCase

SCHEMA_FOLDER = "schemas"
MODELINE_PREFIX = "# yaml-language-server: $schema="

MODELS: dict[str, type[BaseModel]] = {
    "course": CourseFile,
    "module": ModuleFile,
    "lesson-front-matter": Lesson,
    "case": WorkshopCase,
    "quiz": Quiz,
    "glossary": GlossaryFile,
}

TITLES = {
    "course": "course.yaml",
    "module": "module.yaml of one module",
    "lesson-front-matter": "The front matter of a lesson (lessons/*.md)",
    "case": "A workshop case (cases/*.yaml)",
    "quiz": "quiz.yaml of one module",
    "glossary": "glossary.yaml: the course glossary",
}


def schema(kind: str) -> dict[str, Any]:
    generated = MODELS[kind].model_json_schema()
    if kind == "lesson-front-matter":
        # Screens are the '## heading' sections below the front matter, never written in it.
        del generated["properties"]["screens"]
        generated["required"].remove("screens")
    return {"title": TITLES[kind], **{k: v for k, v in generated.items() if k != "title"}}


def schema_texts() -> dict[str, str]:
    """File name → JSON text, exactly as ``course schema`` writes it."""
    return {
        f"{kind}.json": json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in MODELS
    }


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def yaml_files(course: Course) -> dict[Path, str]:
    """Every authored YAML file of a loaded course and the kind of schema it follows."""
    files = {course.root / "course.yaml": "course"}
    if (course.root / "glossary.yaml").exists():
        files[course.root / "glossary.yaml"] = "glossary"
    for module in course.modules:
        files[module.folder / "module.yaml"] = "module"
        for ref in module.spec.items:
            if ref.kind in ("case", "quiz"):
                files[module.folder / ref.file] = ref.kind
    return files


def modeline(path: Path, root: Path, kind: str) -> str:
    target = root / SCHEMA_FOLDER / f"{kind}.json"
    return MODELINE_PREFIX + Path(os.path.relpath(target, path.parent)).as_posix()


def link_schema(path: Path, root: Path, kind: str) -> bool:
    """Make the file's first line name its schema; only that line changes. True if it did."""
    text = path.read_text(encoding="utf-8")
    wanted = modeline(path, root, kind)
    first, _, rest = text.partition("\n")
    if first == wanted:
        return False
    body = rest if first.startswith(MODELINE_PREFIX) else text
    path.write_text(f"{wanted}\n{body}", encoding="utf-8")
    return True
