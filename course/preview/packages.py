"""Build the course and hold each package's files in memory, ready to serve.

Serving from memory means a request can only ever reach a file that is in a package: a
path is looked up as a name in the zip, never joined onto a folder on disk.
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from course.loader import load_course
from course.preview.tracking import STANDARDS, Standard
from scorm_builder.build import MANIFEST, BuiltPackage, build
from scorm_builder.cache import BuildCache

_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class PreviewPackage:
    name: str
    module_title: str
    target_label: str
    standard: Standard
    launch: str
    """The SCO's launch file, from the manifest's resource href."""
    pass_mark: float | None
    """Percentage, from the manifest (1.2 masteryscore, 2004 minNormalizedMeasure)."""
    files: dict[str, bytes]


def read_package(built: BuiltPackage) -> PreviewPackage:
    with zipfile.ZipFile(built.path) as archive:
        files = {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
    manifest = etree.fromstring(files[MANIFEST], _SAFE_XML)
    standard = STANDARDS[built.target.name]
    launch = str(manifest.xpath("string((//*[local-name()='resource'][@href])[1]/@href)"))
    if standard.version == "1.2":
        mastery = str(manifest.xpath("string(//*[local-name()='masteryscore'])"))
        pass_mark = float(mastery) if mastery else None
    else:
        measure = str(manifest.xpath("string(//*[local-name()='minNormalizedMeasure'])"))
        pass_mark = float(measure) * 100 if measure else None
    return PreviewPackage(
        name=built.path.stem,
        module_title=built.modules[0].title,
        target_label=built.target.label,
        standard=standard,
        launch=launch,
        pass_mark=pass_mark,
        files=files,
    )


def build_packages(
    root: Path, out: Path, previous: Mapping[str, PreviewPackage]
) -> list[PreviewPackage]:
    """Check and build the course in ``root`` into ``out``; AuthoringError on problems.

    The build cache rebuilds only the packages whose inputs changed; only those zips are read
    again, the others are taken from ``previous`` (the build being served).
    """
    built = build(load_course(root), out, cache=BuildCache.read(out))
    return [
        previous[package.path.stem]
        if not package.rebuilt and package.path.stem in previous
        else read_package(package)
        for package in built
        if len(package.modules) == 1
    ]


def snapshot(root: Path) -> frozenset[tuple[str, int, int]]:
    """Every file below ``root`` with its modification time and size."""
    files = set()
    for path in root.rglob("*"):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue  # an editor's temporary file, gone again
        if path.is_file():
            files.add((str(path), stat.st_mtime_ns, stat.st_size))
    return frozenset(files)


class Watcher(threading.Thread):
    """Polls ``root`` and calls ``on_change`` after files changed (no extra dependency needed).

    A scan of the real course takes about a millisecond, so a short interval costs little and
    keeps a save's way to the screen short.
    """

    def __init__(self, root: Path, on_change: Callable[[], None], interval: float = 0.05) -> None:
        super().__init__(name="preview-watcher")
        self.root = root
        self.on_change = on_change
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        seen = snapshot(self.root)
        while not self.stopped.wait(self.interval):
            current = snapshot(self.root)
            if current != seen:
                seen = current
                self.on_change()

    def stop(self) -> None:
        """Stop polling, after a rebuild in progress has finished (so dist/ stays whole)."""
        self.stopped.set()
        self.join()
