"""SCORM 1.2: manifest with inline IMS metadata and adlcp:masteryscore per SCO."""

from __future__ import annotations

from lxml import etree

from quizzes.interactions import SCORM12_FORMAT
from scorm_builder.targets.common import (
    Package,
    Target,
    learning_time,
    manifest_skeleton,
    resources,
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
    """Modules in a whole-course package are not gated: 1.2 prerequisites would need a
    passed or completed status, and a failed module would lock every later one."""

    name = "scorm12"
    label = "SCORM 1.2"
    response_format = SCORM12_FORMAT
    suspend_data_limit = 4096

    def manifest(self, package: Package) -> bytes:
        cp = f"{{{IMSCP}}}"
        skeleton = manifest_skeleton(package, NAMESPACES, "1.2")
        self._lom(skeleton.metadata, package)
        for sco in package.scos:
            item = sub(
                skeleton.organization,
                f"{cp}item",
                identifier=sco.item_id,
                identifierref=sco.resource_id,
                isvisible="true",
            )
            sub(item, f"{cp}title", sco.module.title)
            if sco.module.quiz is not None:
                sub(item, f"{{{ADLCP}}}masteryscore", str(sco.module.quiz.pass_mark))

        resources(skeleton.root, IMSCP, package, f"{{{ADLCP}}}scormtype")
        return serialise(skeleton.root)

    def _lom(self, metadata: etree._Element, package: Package) -> None:
        md = f"{{{IMSMD}}}"

        def langstring(parent: etree._Element, tag: str, text: str) -> None:
            sub(sub(parent, f"{md}{tag}"), f"{md}langstring", text, **{XML_LANG: package.language})

        lom = sub(metadata, f"{md}lom")
        general = sub(lom, f"{md}general")
        langstring(general, "title", package.title)
        sub(general, f"{md}language", package.language)
        langstring(general, "description", package.description[:MAX_DESCRIPTION])
        for keyword in package.keywords:
            langstring(general, "keyword", keyword)
        educational = sub(lom, f"{md}educational")
        time = sub(educational, f"{md}typicallearningtime")
        sub(time, f"{md}datetime", learning_time(package.minutes))
