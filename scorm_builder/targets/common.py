"""What the output targets share: the target contract and manifest helpers."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from lxml import etree

from course.model import Course, Module
from quizzes.interactions import ResponseFormat


class Target(ABC):
    """One output format. Each lives in its own module beside this one."""

    name: ClassVar[str]
    label: ClassVar[str]
    response_format: ClassVar[ResponseFormat]
    suspend_data_limit: ClassVar[int]

    @abstractmethod
    def manifest(self, course: Course, module: Module, files: list[str]) -> bytes:
        """``imsmanifest.xml`` for a package holding ``files`` (the manifest not included)."""


def identifiers(course: Course, module: Module) -> dict[str, str]:
    """Manifest identifiers: xsd:ID values, unique in the document. Slugs are valid NCNames."""
    return {
        "manifest": f"{course.id}.{module.id}",
        "organization": f"ORG-{module.id}",
        "item": f"ITEM-{module.id}",
        "resource": f"RES-{module.id}",
    }


def sub(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def learning_time(minutes: int) -> str:
    return f"PT{minutes // 60}H{minutes % 60}M"


def resource(
    root: etree._Element,
    namespace: str,
    ids: dict[str, str],
    files: list[str],
    scorm_type_attribute: str,
) -> None:
    """The one SCO resource, listing every file in the package (some LMSs import only those)."""
    cp = f"{{{namespace}}}"
    resources = sub(root, f"{cp}resources")
    sco = sub(
        resources, f"{cp}resource", identifier=ids["resource"], type="webcontent", href="index.html"
    )
    sco.set(scorm_type_attribute, "sco")
    for name in files:
        sub(sco, f"{cp}file", href=name)
