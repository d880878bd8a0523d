"""What the output targets share: the target contract, the package plan and manifest helpers.

A package holds one SCO per module: a module package has one, placed at the package root; a
whole-course package has one per module, each in a folder named after the module.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from lxml import etree

from course.model import Course, Module
from quizzes.interactions import ResponseFormat


@dataclass(frozen=True)
class Sco:
    """One module as a SCO: its files, already placed in the package (below ``base``)."""

    module: Module
    base: str
    files: list[str]

    @property
    def item_id(self) -> str:
        return f"ITEM-{self.module.id}"

    @property
    def resource_id(self) -> str:
        return f"RES-{self.module.id}"

    @property
    def launch(self) -> str:
        return f"{self.base}index.html"


@dataclass(frozen=True)
class Package:
    """What a manifest describes. Identifiers are slugs, so they are valid xsd:ID values."""

    identifier: str
    title: str
    description: str
    keywords: list[str]
    minutes: int
    language: str
    version: str
    scos: list[Sco]

    @property
    def organization_id(self) -> str:
        return f"ORG-{self.identifier}"


def module_package(course: Course, module: Module, files: list[str]) -> Package:
    spec = module.spec
    return Package(
        identifier=f"{course.id}.{module.id}",
        title=module.title,
        description=spec.description,
        keywords=list(spec.keywords),
        minutes=spec.study_time_minutes,
        language=course.spec.language,
        version=course.spec.version,
        scos=[Sco(module, "", files)],
    )


def course_package(course: Course, files: dict[str, list[str]]) -> Package:
    """All modules in course order; ``files`` maps a module id to its files in the package."""
    keywords = dict.fromkeys(k for m in course.modules for k in m.spec.keywords)
    return Package(
        identifier=course.id,
        title=course.spec.title,
        description=course.spec.description,
        keywords=list(keywords),
        minutes=sum(m.spec.study_time_minutes for m in course.modules),
        language=course.spec.language,
        version=course.spec.version,
        scos=[Sco(m, f"{m.id}/", files[m.id]) for m in course.modules],
    )


class Target(ABC):
    """One output format. Each lives in its own module beside this one."""

    name: ClassVar[str]
    label: ClassVar[str]
    response_format: ClassVar[ResponseFormat]
    suspend_data_limit: ClassVar[int]

    @abstractmethod
    def manifest(self, package: Package) -> bytes:
        """``imsmanifest.xml`` for the package (the manifest itself is not listed)."""


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


@dataclass(frozen=True)
class ManifestSkeleton:
    root: etree._Element
    metadata: etree._Element
    organization: etree._Element


def manifest_skeleton(
    package: Package, namespaces: dict[str | None, str], schema_version: str
) -> ManifestSkeleton:
    """The part every manifest shares: root, schema metadata and the one organization."""
    cp = f"{{{namespaces[None]}}}"
    root = etree.Element(
        f"{cp}manifest",
        nsmap=namespaces,  # type: ignore[arg-type]  # lxml-stubs forbids the None key lxml needs
        identifier=package.identifier,
        version=package.version,
    )
    metadata = sub(root, f"{cp}metadata")
    sub(metadata, f"{cp}schema", "ADL SCORM")
    sub(metadata, f"{cp}schemaversion", schema_version)
    organizations = sub(root, f"{cp}organizations", default=package.organization_id)
    organization = sub(organizations, f"{cp}organization", identifier=package.organization_id)
    sub(organization, f"{cp}title", package.title)
    return ManifestSkeleton(root, metadata, organization)


def resources(
    root: etree._Element, namespace: str, package: Package, scorm_type_attribute: str
) -> None:
    """One SCO resource per module, listing every file it uses (some LMSs import only those)."""
    cp = f"{{{namespace}}}"
    parent = sub(root, f"{cp}resources")
    for sco in package.scos:
        resource = sub(
            parent, f"{cp}resource", identifier=sco.resource_id, type="webcontent", href=sco.launch
        )
        resource.set(scorm_type_attribute, "sco")
        for name in sco.files:
            sub(resource, f"{cp}file", href=name)
