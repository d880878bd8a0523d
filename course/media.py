"""Images in authored Markdown: they need alt text and must be files inside the module folder.

Images live in the module's ``media/`` folder and are written as ``media/name.png``, read from
the module folder; ``../media/name.png`` (from the Markdown's own file, which editors preview)
works too. In the package they keep their path below the module folder.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from course.model import Course, Lesson, Module, Screen, WorkshopCase
from course.problems import Problem
from course.sources import markdown_tokens
from quizzes.authoring import Location

MEDIA_FOLDER = "media"
MAX_FILES_LISTED = 8


@dataclass(frozen=True)
class ImageRef:
    src: str
    alt: str
    location: Location


def images_in(markdown: str) -> Iterator[tuple[str, str, int]]:
    """(src, alt text, line of the text from 0) of each image in a Markdown text."""
    for token in markdown_tokens(markdown):
        breaks = 0  # line breaks inside the paragraph before the image
        for child in token.children or []:
            breaks += child.type in ("softbreak", "hardbreak")
            if child.type == "image":
                line = (token.map[0] if token.map else 0) + breaks
                yield str(child.attrGet("src") or ""), _alt(child), line


def _alt(token: Token) -> str:
    return "".join(child.content for child in token.children or []).strip()


def module_images(module: Module) -> Iterator[ImageRef]:
    if module.spec.cover_image:
        for src, alt, _ in images_in(module.spec.cover_image):
            yield ImageRef(src, alt, module.spec.at("cover_image"))
    for item in module.items:
        if isinstance(item, Lesson):
            for screen in item.screens:
                for src, alt, line in images_in(screen.body):
                    yield ImageRef(src, alt, line_in_body(screen, line))
        elif isinstance(item, WorkshopCase):
            texts = [(item.intro, item.at("intro"))]
            texts += [(step.situation, step.at("situation")) for step in item.steps]
            for text, key in texts:  # a YAML text: named by the line of its key
                for src, alt, _ in images_in(text):
                    yield ImageRef(src, alt, key)


def line_in_body(screen: Screen, line: int) -> Location:
    """Where line ``line`` (from 0) of a screen's Markdown body stands in its lesson file."""
    body = screen.at("body")
    return Location(body.path, body.line + line)


def image_source(image_src: str, markdown_file: Path, module_folder: Path) -> Path | None:
    """The file an image names, or None unless it is a file in the module's media/ folder.

    A path is read from the module folder (``media/kaart.png``, as the guide writes it) and,
    failing that, from the Markdown's own folder (``../media/kaart.png``, as editors preview it).
    """
    found = _locate_image(image_src, markdown_file, module_folder)
    return found if isinstance(found, Path) else None


def _inside_media(path: Path, module_folder: Path) -> Path | None:
    """The resolved file, if it exists inside the module's media/ folder."""
    # resolve() follows symlinks, so a link in media/ to a file elsewhere is outside too
    source = path.resolve()
    inside = source.is_relative_to((module_folder / MEDIA_FOLDER).resolve())
    return source if inside and source.is_file() else None


def _locate_image(image_src: str, markdown_file: Path, module_folder: Path) -> Path | str:
    """The image's file in the module's media/ folder, or what keeps it out of the package."""
    if "://" in image_src or image_src.startswith(("//", "data:")):
        return "is not a file in the module; images from elsewhere are not allowed"
    if not image_src or image_src.startswith("/"):
        return "is a path from the top of the disk, not from the module folder"
    try:
        for base in (module_folder, markdown_file.parent):
            if (source := _inside_media(base / image_src, module_folder)) is not None:
                return source
    except (OSError, ValueError):  # a NUL byte or a name too long
        return "is not a usable path"
    return "is not in the module's media/ folder"


def media_files(module_folder: Path) -> list[str]:
    """The names of the files in the module's media/ folder (and below it), sorted."""
    media = module_folder / MEDIA_FOLDER
    if not media.is_dir():
        return []
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())


def image_fix(image_src: str, module_folder: Path) -> str:
    """How to point an image at a file in media/: the closest name there, and what is there."""
    files = media_files(module_folder)
    if not files:
        return (
            "put the image in the module's media/ folder (beside module.yaml) "
            "and write it as media/name.png"
        )
    shown = ", ".join(files[:MAX_FILES_LISTED]) + (" …" if len(files) > MAX_FILES_LISTED else "")
    wanted = image_src.rsplit("/", 1)[-1]
    # The name itself is left out: a link in media/ to a file elsewhere is no better guess.
    # Names are compared without their extension: every ".png" alike would make any two close.
    others = {Path(f).stem: f for f in files if f != wanted}
    close = [others[stem] for stem in difflib.get_close_matches(Path(wanted).stem, others, n=1)]
    if close:
        return (
            f"did you mean {close[0]}? The module's media/ folder has: {shown}; "
            f"write it as media/{close[0]}"
        )
    return (
        f"the module's media/ folder has: {shown}; "
        "put the image there and write it as media/name.png"
    )


def check_images(module: Module) -> list[Problem]:
    problems = []
    for image in module_images(module):
        if not image.alt:
            problems.append(
                Problem(
                    image.location,
                    f"image '{image.src}' has no alt text",
                    "describe the image between the brackets: ![what it shows](path)",
                )
            )
        found = _locate_image(image.src, image.location.path, module.folder)
        if isinstance(found, str):
            problems.append(
                Problem(
                    image.location,
                    f"image '{image.src}' {found}",
                    image_fix(image.src, module.folder),
                )
            )
    return problems


LOGO_TYPES = (".svg", ".png")


def check_logo(course: Course) -> list[Problem]:
    """The logo in course.yaml: an SVG or PNG file inside modules/ that is what it says."""
    logo = course.spec.logo
    if logo is None:
        return []
    where = logo.at("file")
    path = (course.root / logo.file).resolve()
    what = None
    if Path(logo.file).suffix.lower() not in LOGO_TYPES:
        what, fix = "is not an SVG or PNG file", "use a .svg or .png file"
    elif not path.is_relative_to(course.root.resolve()):
        what, fix = "lies outside modules/", "put the logo in modules/, e.g. modules/media/"
    elif not path.is_file():
        what, fix = "does not exist", "check the path; it is relative to modules/"
    elif not _looks_like(path):
        what, fix = "does not hold what its name says", "save it again as SVG or PNG"
    return [] if what is None else [Problem(where, f"logo '{logo.file}' {what}", fix)]


def _looks_like(path: Path) -> bool:
    with path.open("rb") as file:
        start = file.read(4096)
    if path.suffix.lower() == ".png":
        return start.startswith(b"\x89PNG\r\n\x1a\n")
    return b"<svg" in start
