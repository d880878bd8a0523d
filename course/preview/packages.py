"""Build the course and hold each package's files in memory, ready to serve.

Serving from memory means a request can only ever reach a file that is in a package: a
path is looked up as a name in the zip, never joined onto a folder on disk.
"""

from __future__ import annotations

import ctypes
import json
import os
import select
import stat
import struct
import sys
import threading
import zipfile
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html

from course.loader import load_course
from course.preview.tracking import SOURCE_KEY, STANDARDS, AnswerTexts, Standard
from scorm_builder.build import MANIFEST, BuiltPackage, build
from scorm_builder.cache import BuildCache
from scorm_builder.package import package_name

_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class Sco:
    """One item of the package's organization with the SCO it launches."""

    id: str
    """The item's identifier in the manifest."""
    title: str
    launch: str
    """The SCO's launch file, from its resource's href."""
    pass_mark: float | None
    """Percentage, from the manifest (1.2 masteryscore, 2004 minNormalizedMeasure)."""
    requires: tuple[str, ...]
    """Items that must be completed before this one opens (SCORM 2004 sequencing)."""

    def is_open(self, completed: Collection[str]) -> bool:
        """Whether the sequencing lets this SCO start, given the items already ``completed``."""
        return all(required in completed for required in self.requires)


@dataclass(frozen=True)
class PreviewPackage:
    name: str
    title: str
    """The module's title, or the course's for a whole-course package."""
    target_label: str
    standard: Standard
    whole_course: bool
    scos: tuple[Sco, ...]
    files: dict[str, bytes]

    def sco(self, sco_id: str) -> Sco | None:
        return next((sco for sco in self.scos if sco.id == sco_id), None)

    def tracking_key(self, sco: Sco) -> str:
        """What the store files this SCO's attempts under: a whole-course package tracks each
        SCO apart, as an LMS does."""
        return f"{self.name}/{sco.id}" if self.whole_course else self.name


def _attributes(element: etree._Element, path: str, objective: str = "") -> list[str]:
    """The attribute values an XPath ending in ``/@name`` selects (``$objective`` given)."""
    found = element.xpath(path, objective=objective)
    return [str(value) for value in found] if isinstance(found, list) else []


def _items(manifest: etree._Element, version: str) -> tuple[Sco, ...]:
    resources = {
        str(resource.get("identifier")): str(resource.get("href"))
        for resource in manifest.iterfind(".//{*}resource[@href]")
    }
    organization = manifest.find(".//{*}organization")
    assert organization is not None
    items = [item for item in organization.iterfind("{*}item") if item.get("identifierref")]
    # SCORM 2004: an item writes its completion to a global objective; another item whose
    # precondition rule reads that objective is disabled until it is completed.
    written_by = {
        target: str(item.get("identifier"))
        for item in items
        for target in _attributes(item, ".//*[@writeCompletionStatus='true']/@targetObjectiveID")
    }
    scos = []
    for item in items:
        if version == "1.2":
            mastery = item.findtext("{*}masteryscore")
            pass_mark = float(mastery) if mastery else None
        else:
            measure = item.findtext(".//{*}primaryObjective/{*}minNormalizedMeasure")
            pass_mark = float(measure) * 100 if measure else None
        disabling = _attributes(
            item,
            ".//*[local-name()='preConditionRule'][.//*[@action='disabled']]"
            "//*[local-name()='ruleCondition']/@referencedObjective",
        )
        requires = [
            written_by[target]
            for objective in disabling
            for target in _attributes(
                item,
                ".//*[local-name()='objective'][@objectiveID=$objective]"
                "/*[@readCompletionStatus='true']/@targetObjectiveID",
                objective,
            )
            if target in written_by
        ]
        scos.append(
            Sco(
                id=str(item.get("identifier")),
                title=item.findtext("{*}title") or "",
                launch=resources[str(item.get("identifierref"))],
                pass_mark=pass_mark,
                requires=tuple(dict.fromkeys(requires)),
            )
        )
    return tuple(scos)


def read_package(built: BuiltPackage, course_id: str) -> PreviewPackage:
    with zipfile.ZipFile(built.path) as archive:
        files = {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
    manifest = etree.fromstring(files[MANIFEST], _SAFE_XML)
    standard = STANDARDS[built.target.name]
    whole_course = built.path.name == package_name(course_id, built.target.name)
    return PreviewPackage(
        name=built.path.stem,
        title=str(
            manifest.xpath("string(//*[local-name()='organization']/*[local-name()='title'])")
        ),
        target_label=built.target.label,
        standard=standard,
        whole_course=whole_course,
        scos=_items(manifest, standard.version),
        files=files,
    )


def answer_texts(package: PreviewPackage, sco: Sco) -> AnswerTexts:
    """The texts behind the codes this SCO reports, read from its page as the learner saw it:
    each form's options, matching sources and ordering items, filed under the interaction id
    that the page's runtime data (``course-data``) gives the question or decision."""
    page = html.fromstring(package.files[sco.launch])
    data = json.loads(str(page.xpath("string(//script[@id='course-data'])")))
    interaction_ids = {
        ("data-question", key): entry["interactionId"] for key, entry in data["questions"].items()
    } | {("data-decision", key): entry["interactionId"] for key, entry in data["decisions"].items()}
    texts: dict[str, dict[str, str]] = {}
    prompts: dict[str, str] = {}
    for form in page.iterfind(".//form"):
        kind = "data-question" if form.get("data-question") else "data-decision"
        interaction_id = interaction_ids.get((kind, form.get(kind, "")))
        if interaction_id is None:
            continue
        labels = {label.get("for"): _text(label) for label in form.iterfind(".//label")}
        legend = form.find(".//legend")
        if legend is not None:
            prompts[interaction_id] = _text(legend)
        known = texts.setdefault(interaction_id, {})
        for choice in form.iterfind(".//input[@value]"):
            known[choice.get("value", "")] = labels.get(choice.get("id"), "")
        for pair in form.iterfind(".//li[@data-source]"):  # matching: a source, its legend
            source_legend = pair.find(".//legend")
            known[SOURCE_KEY + pair.get("data-source", "")] = (
                "" if source_legend is None else _text(source_legend)
            )
        for item in form.iterfind(".//li[@data-item]"):  # its text, not its move buttons
            text = item.find("span")
            known[item.get("data-item", "")] = _text(item if text is None else text)
        # 1.2 reports true/false as its own tokens ("t", "f").
        for value, token in (("true", "true_token"), ("false", "false_token")):
            if value in known:
                known[data["format"][token]] = known[value]
    answer_format = data["format"]
    return AnswerTexts(
        answer_format["list_separator"], answer_format["pair_separator"], texts, prompts
    )


def _text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def build_packages(
    root: Path, out: Path, previous: Mapping[str, PreviewPackage]
) -> Iterator[tuple[dict[str, PreviewPackage], bool]]:
    """Check and build the course in ``root`` into ``out``; AuthoringError on problems.

    Yields the packages to serve, and whether the build is complete, twice: first with the
    module packages rebuilt (what an open player usually shows, so it gets the change sooner)
    and the whole-course packages still from ``previous``, then with the whole-course packages
    rebuilt too. The build cache rebuilds
    only the packages whose inputs changed; only those zips are read again, the others are
    taken from ``previous`` (the build being served), as the same objects.
    """
    course = load_course(root)
    modules = build(
        course, out, module_ids=[m.id for m in course.modules], cache=BuildCache.read(out)
    )
    served = dict(previous) | _read_rebuilt(modules, previous, course.id)
    yield served, False
    everything = build(course, out, cache=BuildCache.read(out))  # modules reused from the cache
    yield _read_rebuilt(everything, served, course.id), True


def _read_rebuilt(
    built: list[BuiltPackage], previous: Mapping[str, PreviewPackage], course_id: str
) -> dict[str, PreviewPackage]:
    return {
        package.path.stem: previous[package.path.stem]
        if not package.rebuilt and package.path.stem in previous
        else read_package(package, course_id)
        for package in built
    }


def snapshot(root: Path) -> frozenset[tuple[str, int, int]]:
    """Every file below ``root`` with its modification time and size."""
    files = set()
    for path in root.rglob("*"):
        try:
            found = path.stat()
        except FileNotFoundError:
            continue  # an editor's temporary file, gone again
        if stat.S_ISREG(found.st_mode):
            files.add((str(path), found.st_mtime_ns, found.st_size))
    return frozenset(files)


class FileEvents:
    """Linux's inotify (through ctypes, no dependency): a wake-up as soon as a file below the
    root is saved, moved or deleted, instead of waiting for the next poll.

    Only finished writes count (IN_CLOSE_WRITE, not IN_MODIFY), so a rebuild does not read a
    file an editor is still writing."""

    _MASK = 0x8 | 0x40 | 0x80 | 0x100 | 0x200  # CLOSE_WRITE, MOVED_FROM/TO, CREATE, DELETE
    _CREATE, _IS_FOLDER = 0x100, 0x40000000
    _EVENT = struct.Struct("iIII")  # wd, mask, cookie, length of the name that follows

    def __init__(self, root: Path) -> None:
        self.root = root
        self._libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        try:
            self.watch_folders()
        except OSError:
            os.close(self.fd)  # the watcher polls instead; the descriptor is not left open
            raise

    @classmethod
    def open(cls, root: Path) -> FileEvents | None:
        """None where inotify is missing (macOS, Windows): the watcher then polls."""
        try:
            return cls(root) if sys.platform == "linux" else None
        except (OSError, AttributeError):
            return None

    def watch_folders(self) -> None:
        """Watch the root and every folder below it (again after a change: new folders)."""
        for folder in [self.root, *(p for p in self.root.rglob("*") if p.is_dir())]:
            self._libc.inotify_add_watch(self.fd, os.fsencode(folder), self._MASK)

    def wait(self, timeout: float) -> bool:
        """Whether something changed within ``timeout`` seconds (a new file counts once it is
        written and closed; a new folder at once)."""
        if not select.select([self.fd], [], [], timeout)[0]:
            return False
        changed = False
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return changed
            offset = 0
            while offset < len(data):
                _, mask, _, length = self._EVENT.unpack_from(data, offset)
                offset += self._EVENT.size + length
                changed |= not (mask & self._CREATE) or bool(mask & self._IS_FOLDER)

    def close(self) -> None:
        os.close(self.fd)


class Watcher(threading.Thread):
    """Calls ``on_change`` after files below ``root`` changed: woken by inotify on Linux, else
    polling (a scan of the real course takes about a millisecond). A snapshot of every file's
    modification time and size decides either way."""

    def __init__(self, root: Path, on_change: Callable[[], None], interval: float = 0.05) -> None:
        super().__init__(name="preview-watcher")
        self.root = root
        self.on_change = on_change
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        events = FileEvents.open(self.root)
        seen = snapshot(self.root)
        try:
            while not self.stopped.is_set():
                if events:
                    # The timeout only lets the loop notice stop(); inotify reports the rest.
                    if not events.wait(timeout=0.25):
                        continue
                    events.watch_folders()  # a new folder's files are reported too
                else:
                    self.stopped.wait(self.interval)
                current = snapshot(self.root)
                if current != seen and not self.stopped.is_set():
                    seen = current
                    self.on_change()
        finally:
            if events:
                events.close()

    def stop(self) -> None:
        """Stop watching, after a rebuild in progress has finished (so dist/ stays whole)."""
        self.stopped.set()
        self.join()
