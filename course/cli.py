"""The ``course`` command: check and build the authored course."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

# The course model and the builder are imported where they are used: loading pydantic and the
# rest takes longer than a build that finds nothing changed (see scorm_builder/cache.py).
if TYPE_CHECKING:
    from course.model import Course
    from course.problems import AuthoringError, Problem

DEFAULT_ROOT = Path("modules")
TARGET_NAMES = ("scorm12", "scorm2004")


def _report(error: AuthoringError, outcome: str = "nothing was built") -> NoReturn:
    _echo_problems(error)
    count = len(error.problems)
    outcome = outcome.format(them="it" if count == 1 else "them")
    click.echo(f"{count} problem{'s' if count != 1 else ''} found; {outcome}.", err=True)
    sys.exit(1)


def _echo_problems(error: AuthoringError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)


def _load(root: Path, outcome: str = "nothing was built") -> Course:
    from course.loader import load_course
    from course.problems import AuthoringError

    try:
        return load_course(root)
    except AuthoringError as error:
        _report(error, outcome)


root_option = click.option(
    "--root",
    type=click.Path(path_type=Path),
    default=DEFAULT_ROOT,
    show_default=True,
    help="Folder with course.yaml and the modules.",
)

out_option = click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for the packages.",
)


@click.group()
def main() -> None:
    """Author the masterclasses as data and build SCORM packages from them."""


@main.command()
@root_option
def check(root: Path) -> None:
    """Validate every authored file; exit 1 on problems. Warnings do not fail."""
    from course.problems import AuthoringError
    from course.quality import quality_warnings
    from scorm_builder.build import build_problems

    fix_them = "fix {them} and check again"
    course = _load(root, fix_them)
    problems = build_problems(course)  # so check finds all that would stop a build
    if problems:
        _report(AuthoringError(problems), fix_them)
    warnings = quality_warnings(course)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    screens = sum(len(m.screens()) for m in course.modules)
    click.echo(
        f"{course.spec.title}: {len(course.modules)} module(s), {screens} screens, no problems"
        f"{f', {len(warnings)} warning(s)' if warnings else ''}."
    )


def _refuse_unknown_modules(course: Course, module_ids: tuple[str, ...]) -> None:
    known = {m.id for m in course.modules}
    unknown = [m for m in module_ids if m not in known]
    if unknown:
        raise click.BadParameter(
            f"no module {', '.join(unknown)}; known: {', '.join(sorted(known))}",
            param_hint="--module",
        )


def _gather_report(
    root: Path, module_ids: tuple[str, ...] = ()
) -> tuple[dict[str, Any], list[Problem]]:
    """The report's data and the problems it lists first. The report also covers a course with
    problems (the modules that loaded); only a course.yaml that does not load raises
    AuthoringError."""
    from course.loader import load_course
    from course.problems import AuthoringError
    from course.quality import quality_warnings
    from course.report import course_report
    from scorm_builder.build import build_problems

    problems = []
    try:
        course = load_course(root)
        problems = build_problems(course)
    except AuthoringError as error:
        if error.course is None:
            raise
        course, problems = error.course, error.problems
    _refuse_unknown_modules(course, module_ids)
    warnings = [] if problems else quality_warnings(course)
    if module_ids:  # only the warnings in the chosen modules' folders
        folders = [m.folder.resolve() for m in course.modules if m.id in module_ids]
        warnings = [
            w for w in warnings if any(w.location.path.resolve().is_relative_to(f) for f in folders)
        ]
    return course_report(course, module_ids, problems, warnings), problems


@main.command()
@root_option
@click.option(
    "--module",
    "module_ids",
    multiple=True,
    metavar="ID",
    help="Report only on this module (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "html", "json"]),
    default="text",
    show_default=True,
    help="text for the terminal; md, html or json to save and share.",
)
def report(root: Path, module_ids: tuple[str, ...], fmt: str) -> None:
    """Per module: readability per screen, objectives, cases, item writing; problems first.

    It also runs while the course has problems: they are listed first, and the report covers
    the modules that loaded without one. The exit code is then 1.
    """
    from course.problems import AuthoringError
    from course.report import render

    try:
        gathered, problems = _gather_report(root, module_ids)
    except AuthoringError as error:
        _report(error, "the report needs course.yaml to load")
    click.echo(render(gathered, fmt), nl=False)
    if problems:
        count = len(problems)
        click.echo(
            f"{count} problem{'s' if count != 1 else ''} found (listed at the top); the report "
            "covers the modules that loaded.",
            err=True,
        )
        sys.exit(1)


@main.command()
@root_option
@click.option(
    "--module",
    "module_ids",
    multiple=True,
    metavar="ID",
    help="Build only this module (repeatable).",
)
@click.option(
    "--target",
    "target_names",
    multiple=True,
    type=click.Choice(TARGET_NAMES),
    help="Build only this standard.",
)
@out_option
@click.option("--force", is_flag=True, help="Rebuild every package, changed or not.")
def build(
    root: Path, module_ids: tuple[str, ...], target_names: tuple[str, ...], out: Path, force: bool
) -> None:
    """Build every module in both standards into --out, rebuilding only what changed."""
    from scorm_builder.cache import BuildCache, is_current

    started = time.perf_counter()
    targets = target_names or TARGET_NAMES
    if not force and is_current(root, out, targets, module_ids):
        click.echo(f"Nothing changed since the last build in {out}; --force rebuilds anyway.")
        return
    from course.problems import AuthoringError
    from scorm_builder.build import build as build_packages

    course = _load(root)
    _refuse_unknown_modules(course, module_ids)
    try:
        cache = BuildCache(out) if force else BuildCache.read(out)
        packages = build_packages(course, out, targets, module_ids or None, cache)
    except AuthoringError as error:
        _report(error)
    rows = [
        (str(p.path), f"{p.size / 1024:.1f} KB", str(p.screens), str(p.questions)) for p in packages
    ]
    header = ("package", "size", "screens", "questions")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        click.echo(
            "  ".join(
                cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            )
        )
    rebuilt = sum(p.rebuilt for p in packages)
    click.echo(
        f"Built {rebuilt} package(s), {len(packages) - rebuilt} unchanged, in {out} "
        f"in {time.perf_counter() - started:.2f} s."
    )


@main.command()
@root_option
@out_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--db",
    "database",
    type=click.Path(path_type=Path),
    default=Path(".preview") / "attempts.sqlite3",
    show_default=True,
    help="SQLite file that keeps every learner's attempts.",
)
@click.option("--watch", is_flag=True, help="Rebuild when files in --root change.")
def preview(root: Path, out: Path, port: int, database: Path, watch: bool) -> None:
    """Build, then try the packages in a local LMS on http://127.0.0.1:PORT/."""
    from course.preview import run_preview
    from course.problems import AuthoringError
    from course.report import render

    def report_page() -> str:
        return render(_gather_report(root)[0], "html")

    try:
        run_preview(root, out, database, port, watch, report_page)
    except AuthoringError as error:
        _report(error)


@main.command()
@root_option
def schema(root: Path) -> None:
    """Write JSON Schema for every authoring file and link each YAML file to its schema."""
    from course.schema import link_schema, write_schemas, yaml_files

    for path in write_schemas(root):
        click.echo(f"wrote {path}")
    for path, kind in yaml_files(_load(root)).items():
        if link_schema(path, root, kind):
            click.echo(f"linked {path} to its schema (first line)")


@main.group()
def new() -> None:
    """Start something new from a template."""


@new.command("module")
@root_option
@click.argument("slug")
def new_module(root: Path, slug: str) -> None:
    """Scaffold a module folder (module.yaml, a lesson, a case and a quiz) named NN-SLUG."""
    from course.scaffold import new_module as scaffold
    from quizzes.authoring import SLUG_RE

    if not SLUG_RE.match(slug):
        raise click.BadParameter("use lower-case words joined by hyphens, e.g. 'wijkteams'")
    folder = scaffold(root, slug)
    click.echo(f"Created {folder}. To take it into the course, add this line under 'modules:'")
    click.echo(f"in {root / 'course.yaml'}, where it belongs in the course order:")
    click.echo(f"  - {folder.name}")
