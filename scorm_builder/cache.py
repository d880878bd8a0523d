"""Incremental builds: a package is rebuilt only when something it is made from has changed.

The output folder keeps ``.build-cache.json``: per package, a digest of its inputs (its module
folder, the course-level files, the builder's own code, templates and runtime, the versions of
the libraries that shape the output, SOURCE_DATE_EPOCH) and a digest of the zip written. A
package whose inputs and zip both still match is left alone; since the same inputs give the
same bytes, the result equals a full build. Digests are of file contents, never of mtimes, so
a checkout or copy that keeps mtimes cannot fool the cache.

This module imports nothing heavy: a build with nothing changed is decided here, before the
course is loaded (see :func:`is_current`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from scorm_builder.package import package_name, source_date_epoch

CACHE_FILE = ".build-cache.json"
# Bump when the meaning of the cache file changes, so an old one is ignored.
CACHE_FORMAT = 2

BUILDER_ROOT = Path(__file__).resolve().parents[1]
BUILDER_PACKAGES = ("course", "quizzes", "scorm_builder")
# Their output ends up in the packages (parsed text, HTML, XML), so a new version may change it.
OUTPUT_LIBRARIES = ("jinja2", "markdown-it-py", "lxml", "PyYAML", "pydantic", "pydantic-core")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digests(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (bytecode caches aside) by its relative POSIX path."""
    return {
        path.relative_to(folder).as_posix(): digest(path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def builder_digest() -> str:
    """Everything besides the authored files that decides a package's bytes."""
    parts = {
        "python": sys.version,
        "zlib": zlib.ZLIB_RUNTIME_VERSION,  # another zlib may compress to other bytes
        "libraries": {name: version(name) for name in OUTPUT_LIBRARIES},
        "code": {name: file_digests(BUILDER_ROOT / name) for name in BUILDER_PACKAGES},
        "source_date_epoch": source_date_epoch(),
    }
    return digest(json.dumps(parts, sort_keys=True).encode())


@dataclass(frozen=True)
class BuildInputs:
    """Digests of what a build reads: the authored files below the course root and the builder."""

    files: dict[str, str]
    builder: str

    @classmethod
    def read(cls, root: Path) -> BuildInputs:
        return cls(file_digests(root), builder_digest())

    def course_digest(self) -> str:
        return digest(json.dumps([self.files, self.builder], sort_keys=True).encode())

    def course_package_digest(self, target_name: str) -> str:
        """The whole-course package depends on everything."""
        return digest(json.dumps([self.files, self.builder, target_name, "course"]).encode())

    def package_digest(self, folder: str, all_folders: Iterable[str], target_name: str) -> str:
        """A package depends on its own module folder and on every file outside module folders."""
        other_folders = tuple(f"{other}/" for other in all_folders if other != folder)
        used = {path: d for path, d in self.files.items() if not path.startswith(other_folders)}
        return digest(json.dumps([used, self.builder, target_name], sort_keys=True).encode())


@dataclass
class BuildCache:
    """The cache file of one output folder. A fresh instance reuses nothing (``--force``)."""

    out_dir: Path
    course_digest: str = ""
    module_folders: dict[str, str] = field(default_factory=dict)  # module id → folder name
    course_id: str = ""
    packages: dict[str, dict[str, str]] = field(default_factory=dict)  # zip → inputs and zip

    @classmethod
    def read(cls, out_dir: Path) -> BuildCache:
        try:
            saved: dict[str, Any] = json.loads((out_dir / CACHE_FILE).read_text())
        except (OSError, ValueError):
            return cls(out_dir)
        if saved.get("format") != CACHE_FORMAT:
            return cls(out_dir)
        return cls(
            out_dir, saved["course"], saved["modules"], saved["course_id"], saved["packages"]
        )

    def reusable(self, name: str, inputs_digest: str) -> bool:
        """The zip in the output folder was built from these inputs and is still as written."""
        entry = self.packages.get(name)
        if entry is None or entry["inputs"] != inputs_digest:
            return False
        try:
            return digest((self.out_dir / name).read_bytes()) == entry["zip"]
        except OSError:
            return False

    def record(self, name: str, inputs_digest: str) -> None:
        zip_digest = digest((self.out_dir / name).read_bytes())
        self.packages[name] = {"inputs": inputs_digest, "zip": zip_digest}

    def save(self, inputs: BuildInputs, module_folders: dict[str, str], course_id: str) -> None:
        """Write the cache, atomically: a half-written file would make the next build guess."""
        self.course_digest = inputs.course_digest()
        self.module_folders = module_folders
        self.course_id = course_id
        saved = {
            "format": CACHE_FORMAT,
            "course": self.course_digest,
            "modules": module_folders,
            "course_id": course_id,
            "packages": self.packages,
        }
        temporary = self.out_dir / f"{CACHE_FILE}.tmp"
        temporary.write_text(json.dumps(saved, indent=1, sort_keys=True) + "\n")
        os.replace(temporary, self.out_dir / CACHE_FILE)


def is_current(
    root: Path, out_dir: Path, target_names: Iterable[str], module_ids: Iterable[str] | None
) -> bool:
    """Whether every package asked for is in ``out_dir`` as a build now would write it.

    Decided from digests alone, without loading the course: when every authored file is
    byte-identical to the last build's, the module ids recorded then are still the course's.
    """
    cache = BuildCache.read(out_dir)
    if not cache.course_digest or not root.is_dir():
        return False
    inputs = BuildInputs.read(root)
    if inputs.course_digest() != cache.course_digest:
        return False
    wanted = list(module_ids) if module_ids else list(cache.module_folders)
    if any(module_id not in cache.module_folders for module_id in wanted):
        return False  # let the full build report the unknown module
    folders = cache.module_folders.values()
    modules_current = all(
        cache.reusable(
            package_name(module_id, target_name),
            inputs.package_digest(cache.module_folders[module_id], folders, target_name),
        )
        for module_id in wanted
        for target_name in target_names
    )
    whole_course_current = bool(module_ids) or all(
        cache.reusable(
            package_name(cache.course_id, target_name), inputs.course_package_digest(target_name)
        )
        for target_name in target_names
    )
    return modules_current and whole_course_current
