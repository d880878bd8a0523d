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
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from course.model import Course, Module
from course.problems import AuthoringError, Problem
from scorm_builder.cache import BuildCache, BuildInputs
from scorm_builder.package import package_name, source_date_epoch, write_zip
from scorm_builder.render import ModulePage, render_page, ui_languages
from scorm_builder.state import token_collisions, tracking_keys, worst_case_suspend_data
from scorm_builder.targets import TARGETS, Target
from scorm_builder.targets.common import course_package, module_package
from scorm_builder.theme import theme_problems

MANIFEST = "imsmanifest.xml"


@dataclass(frozen=True)
class BuiltPackage:
    """A package in the output folder: one module, or the whole course (a SCO per module)."""

    path: Path
    modules: tuple[Module, ...]
    target: Target
    size: int
    rebuilt: bool

    @property
    def screens(self) -> int:
        return sum(len(module.screens()) for module in self.modules)

    @property
    def questions(self) -> int:
        return sum(len(m.quiz.questions) for m in self.modules if m.quiz)


def module_package_files(
    course: Course, module: Module, target: Target, rendered: dict[str, bytes]
) -> dict[str, bytes]:
    """Every file of one module's package, the manifest included."""
    files = dict(rendered)
    files[MANIFEST] = target.manifest(module_package(course, module, sorted(files)))
    return files


def course_package_files(
    course: Course, target: Target, rendered: dict[str, dict[str, bytes]]
) -> dict[str, bytes]:
    """The whole course in one package: each module's rendered files in a folder of its own."""
    placed = {
        module_id: {f"{module_id}/{name}": data for name, data in files.items()}
        for module_id, files in rendered.items()
    }
    files = {name: data for module_files in placed.values() for name, data in module_files.items()}
    listing = {module_id: sorted(module_files) for module_id, module_files in placed.items()}
    files[MANIFEST] = target.manifest(course_package(course, listing))
    return files


def read_rendered(package: Path) -> dict[str, bytes]:
    """A module package's files but its manifest: what rendering the module would give (the
    cache vouches that its inputs are unchanged), read instead of rendered again."""
    with zipfile.ZipFile(package) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name != MANIFEST and not name.endswith("/")
        }


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


def build_problems(
    course: Course, modules: Iterable[Module] | None = None, targets: Iterable[Target] | None = None
) -> list[Problem]:
    """What the builder refuses in a course that passed the loader's checks (all modules and
    targets unless given): a language without UI text, a theme that cannot be used, or state
    too large for a target."""
    modules = course.modules if modules is None else modules
    targets = list(TARGETS.values()) if targets is None else list(targets)
    return (
        check_language(course)
        + theme_problems(course)
        + [p for module in modules for target in targets for p in check_state_fits(module, target)]
    )


def build(
    course: Course,
    out_dir: Path,
    target_names: Iterable[str] = tuple(TARGETS),
    module_ids: Iterable[str] | None = None,
    cache: BuildCache | None = None,
) -> list[BuiltPackage]:
    """Build the packages into ``out_dir``, skipping those ``cache`` shows to be unchanged.

    A package per module and target; when no modules are picked, also a whole-course package
    per target. Without a cache every package is built; either way the cache file is written.
    """
    wanted = set(module_ids) if module_ids is not None else None
    modules = [m for m in course.modules if wanted is None or m.id in wanted]
    targets = [TARGETS[name] for name in target_names]
    problems = build_problems(course, modules, targets)
    if problems:
        raise AuthoringError(problems)
    epoch = source_date_epoch()
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = cache or BuildCache(out_dir)
    inputs = BuildInputs.read(course.root)
    folders = {m.id: m.folder.relative_to(course.root).as_posix() for m in course.modules}
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir))
    try:
        staged: list[tuple[str, str, bool, tuple[Module, ...], Target]] = []
        pages: dict[str, ModulePage] = {}
        rendered: dict[tuple[str, str], dict[str, bytes]] = {}
        unchanged_zips: dict[tuple[str, str], Path] = {}

        def render(module: Module, target: Target) -> dict[str, bytes]:
            """Each module's page is rendered once and completed once per target, for its own
            package and the course package; an unchanged module's files come from its zip."""
            key = (module.id, target.name)
            if key not in rendered and key in unchanged_zips:
                rendered[key] = read_rendered(unchanged_zips[key])
            if key not in rendered:
                if module.id not in pages:
                    pages[module.id] = render_page(course, module)
                rendered[key] = pages[module.id].for_target(target)
            return rendered[key]

        for target in targets:
            for module in modules:
                name = package_name(module.id, target.name)
                digest = inputs.package_digest(folders[module.id], folders.values(), target.name)
                rebuild = not cache.reusable(name, digest)
                if rebuild:
                    files = module_package_files(course, module, target, render(module, target))
                    write_zip(staging / name, files, epoch)
                elif wanted is None:  # read only if the course package is rebuilt
                    unchanged_zips[(module.id, target.name)] = out_dir / name
                staged.append((name, digest, rebuild, (module,), target))
            if wanted is None:
                name = package_name(course.id, target.name)
                digest = inputs.course_package_digest(target.name)
                rebuild = not cache.reusable(name, digest)
                if rebuild:
                    by_module = {m.id: render(m, target) for m in course.modules}
                    write_zip(
                        staging / name, course_package_files(course, target, by_module), epoch
                    )
                staged.append((name, digest, rebuild, course.modules, target))
        built = []
        for name, digest, rebuild, package_modules, target in staged:
            final = out_dir / name
            if rebuild:
                os.replace(staging / name, final)
            cache.record(name, digest)
            built.append(
                BuiltPackage(final, package_modules, target, final.stat().st_size, rebuild)
            )
        cache.save(inputs, folders, course.id)
        return built
    finally:
        shutil.rmtree(staging, ignore_errors=True)
