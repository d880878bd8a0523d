"""The build pipeline: a loaded course → rendered files → manifest → zip, per module and target.

Packages are written to a staging folder beside the output folder and moved in only when
every one of them was built, so a failed build leaves the output folder as it was. Given a
:class:`~scorm_builder.cache.BuildCache`, a package whose inputs have not changed since the
last build is left as it is (see ``cache.py``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from course.model import Course, Module
from course.problems import AuthoringError, Problem
from scorm_builder.cache import BuildCache, BuildInputs
from scorm_builder.package import package_name, source_date_epoch, write_zip
from scorm_builder.render import render_module, ui_languages
from scorm_builder.state import token_collisions, tracking_keys, worst_case_suspend_data
from scorm_builder.targets import TARGETS, Target

MANIFEST = "imsmanifest.xml"


@dataclass(frozen=True)
class BuiltPackage:
    path: Path
    module: Module
    target: Target
    size: int
    rebuilt: bool

    @property
    def screens(self) -> int:
        return len(self.module.screens())

    @property
    def questions(self) -> int:
        return len(self.module.quiz.questions) if self.module.quiz else 0


def package_files(course: Course, module: Module, target: Target) -> dict[str, bytes]:
    """Every file of one package, the manifest included."""
    files = render_module(course, module, target)
    files[MANIFEST] = target.manifest(course, module, sorted(files))
    return files


def check_state_fits(module: Module, target: Target) -> list[Problem]:
    """The learner's state must be savable in full by every LMS of this target."""
    where = module.spec.at("id")
    problems = [
        Problem(
            where,
            f"tracking keys '{a}' and '{b}' share a saved-state token",
            "rename one of the two screens, questions or steps",
        )
        for a, b in token_collisions(tracking_keys(module))
    ]
    worst = len(worst_case_suspend_data(module))
    if worst > target.suspend_data_limit:
        problems.append(
            Problem(
                where,
                f"module '{module.id}' can save {worst} characters of state, over "
                f"{target.label}'s limit of {target.suspend_data_limit}",
                "split the module into smaller modules",
            )
        )
    return problems


def check_language(course: Course) -> list[Problem]:
    """The learner runtime speaks the course's language: it needs a message catalogue."""
    known = ui_languages()
    if course.spec.language in known:
        return []
    return [
        Problem(
            course.spec.at("language"),
            f"there is no message catalogue for language '{course.spec.language}'",
            f"use one of {', '.join(known)}, or add scorm_builder/messages/"
            f"{course.spec.language}.json",
        )
    ]


def build(
    course: Course,
    out_dir: Path,
    target_names: Iterable[str] = tuple(TARGETS),
    module_ids: Iterable[str] | None = None,
    cache: BuildCache | None = None,
) -> list[BuiltPackage]:
    """Build the packages into ``out_dir``, skipping those ``cache`` shows to be unchanged.

    Without a cache every package is built; either way the cache file is written afterwards.
    """
    wanted = set(module_ids) if module_ids is not None else None
    modules = [m for m in course.modules if wanted is None or m.id in wanted]
    targets = [TARGETS[name] for name in target_names]
    problems = check_language(course) + [
        p for module in modules for target in targets for p in check_state_fits(module, target)
    ]
    if problems:
        raise AuthoringError(problems)
    epoch = source_date_epoch()
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = cache or BuildCache(out_dir)
    inputs = BuildInputs.read(course.root)
    folders = {m.id: m.folder.relative_to(course.root).as_posix() for m in course.modules}
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir))
    try:
        staged = []
        for module in modules:
            for target in targets:
                name = package_name(module.id, target.name)
                digest = inputs.package_digest(folders[module.id], folders.values(), target.name)
                rebuild = not cache.reusable(name, digest)
                if rebuild:
                    write_zip(staging / name, package_files(course, module, target), epoch)
                staged.append((name, digest, rebuild, module, target))
        built = []
        for name, digest, rebuild, module, target in staged:
            final = out_dir / name
            if rebuild:
                os.replace(staging / name, final)
            cache.record(name, digest)
            built.append(BuiltPackage(final, module, target, final.stat().st_size, rebuild))
        cache.save(inputs, folders)
        return built
    finally:
        shutil.rmtree(staging, ignore_errors=True)
