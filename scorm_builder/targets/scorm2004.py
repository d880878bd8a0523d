"""SCORM 2004 4th edition: manifest with imsss sequencing for the pass mark."""

from __future__ import annotations

from lxml import etree

from course.model import Course, Module
from quizzes.interactions import SCORM2004_FORMAT
from scorm_builder.targets.common import Target, identifiers, resource, serialise, sub

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
NAMESPACES: dict[str | None, str] = {
    None: IMSCP,
    "adlcp": ADLCP,
    "adlseq": ADLSEQ,
    "adlnav": ADLNAV,
    "imsss": IMSSS,
}


class Scorm2004(Target):
    name = "scorm2004"
    label = "SCORM 2004 4th edition"
    response_format = SCORM2004_FORMAT
    suspend_data_limit = 64000

    def manifest(self, course: Course, module: Module, files: list[str]) -> bytes:
        ids = identifiers(course, module)
        cp, ss = f"{{{IMSCP}}}", f"{{{IMSSS}}}"
        root = etree.Element(
            f"{cp}manifest",
            nsmap=NAMESPACES,  # type: ignore[arg-type]  # lxml-stubs forbids the None key lxml needs
            identifier=ids["manifest"],
            version=course.spec.version,
        )
        metadata = sub(root, f"{cp}metadata")
        sub(metadata, f"{cp}schema", "ADL SCORM")
        sub(metadata, f"{cp}schemaversion", "2004 4th Edition")

        organizations = sub(root, f"{cp}organizations", default=ids["organization"])
        organization = sub(organizations, f"{cp}organization", identifier=ids["organization"])
        sub(organization, f"{cp}title", module.title)
        item = sub(organization, f"{cp}item", identifier=ids["item"], identifierref=ids["resource"])
        sub(item, f"{cp}title", module.title)
        if module.quiz is not None:
            # The LMS exposes this as cmi.scaled_passing_score (-1..1, not a percentage).
            sequencing = sub(item, f"{ss}sequencing")
            objectives = sub(sequencing, f"{ss}objectives")
            primary = sub(
                objectives,
                f"{ss}primaryObjective",
                objectiveID=f"{module.id}-passed",
                satisfiedByMeasure="true",
            )
            sub(primary, f"{ss}minNormalizedMeasure", f"{module.quiz.pass_mark / 100:g}")
        control = sub(organization, f"{ss}sequencing")
        sub(control, f"{ss}controlMode", choice="true", flow="true")

        resource(root, IMSCP, ids, files, f"{{{ADLCP}}}scormType")
        return serialise(root)
