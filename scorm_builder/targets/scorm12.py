"""SCORM 1.2: manifest with inline IMS metadata and adlcp:masteryscore."""

from __future__ import annotations

from lxml import etree

from course.model import Course, Module
from quizzes.interactions import SCORM12_FORMAT
from scorm_builder.targets.common import (
    Target,
    identifiers,
    learning_time,
    resource,
    serialise,
    sub,
)

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# SCORM Cloud warns about longer LOM descriptions (scorm-notes §7.9).
MAX_DESCRIPTION = 1000
NAMESPACES: dict[str | None, str] = {None: IMSCP, "adlcp": ADLCP, "imsmd": IMSMD}


class Scorm12(Target):
    name = "scorm12"
    label = "SCORM 1.2"
    response_format = SCORM12_FORMAT
    suspend_data_limit = 4096

    def manifest(self, course: Course, module: Module, files: list[str]) -> bytes:
        ids = identifiers(course, module)
        cp = f"{{{IMSCP}}}"
        root = etree.Element(
            f"{cp}manifest",
            nsmap=NAMESPACES,  # type: ignore[arg-type]  # lxml-stubs forbids the None key lxml needs
            identifier=ids["manifest"],
            version=course.spec.version,
        )
        metadata = sub(root, f"{cp}metadata")
        sub(metadata, f"{cp}schema", "ADL SCORM")
        sub(metadata, f"{cp}schemaversion", "1.2")
        self._lom(metadata, course, module)

        organizations = sub(root, f"{cp}organizations", default=ids["organization"])
        organization = sub(organizations, f"{cp}organization", identifier=ids["organization"])
        sub(organization, f"{cp}title", module.title)
        item = sub(
            organization,
            f"{cp}item",
            identifier=ids["item"],
            identifierref=ids["resource"],
            isvisible="true",
        )
        sub(item, f"{cp}title", module.title)
        if module.quiz is not None:
            sub(item, f"{{{ADLCP}}}masteryscore", str(module.quiz.pass_mark))

        resource(root, IMSCP, ids, files, f"{{{ADLCP}}}scormtype")
        return serialise(root)

    def _lom(self, metadata: etree._Element, course: Course, module: Module) -> None:
        md = f"{{{IMSMD}}}"
        language = course.spec.language

        def langstring(parent: etree._Element, tag: str, text: str) -> None:
            sub(sub(parent, f"{md}{tag}"), f"{md}langstring", text, **{XML_LANG: language})

        lom = sub(metadata, f"{md}lom")
        general = sub(lom, f"{md}general")
        langstring(general, "title", module.title)
        sub(general, f"{md}language", language)
        langstring(general, "description", module.spec.description[:MAX_DESCRIPTION])
        for keyword in module.spec.keywords:
            langstring(general, "keyword", keyword)
        educational = sub(lom, f"{md}educational")
        time = sub(educational, f"{md}typicallearningtime")
        sub(time, f"{md}datetime", learning_time(module.spec.study_time_minutes))
