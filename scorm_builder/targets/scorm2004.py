"""SCORM 2004 4th edition: manifest with imsss sequencing.

Each SCO's pass mark is its primary objective's minNormalizedMeasure. In a whole-course
package the modules open in order: a module is disabled until the one before it is completed.
Each module writes its completion to a global objective (4th edition adlseq:mapInfo), which
the next module reads into a local objective that its precondition rule tests. Completion,
satisfaction and score roll up to the course with the default rollup rules.
"""

from __future__ import annotations

from lxml import etree

from quizzes.interactions import SCORM2004_FORMAT
from scorm_builder.targets.common import (
    Package,
    Sco,
    Target,
    manifest_skeleton,
    resources,
    serialise,
    sub,
)

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
SS, SEQ = f"{{{IMSSS}}}", f"{{{ADLSEQ}}}"
PREVIOUS_COMPLETED = "previous-module-completed"


class Scorm2004(Target):
    name = "scorm2004"
    label = "SCORM 2004 4th edition"
    response_format = SCORM2004_FORMAT
    suspend_data_limit = 64000

    def manifest(self, package: Package) -> bytes:
        cp = f"{{{IMSCP}}}"
        skeleton = manifest_skeleton(package, NAMESPACES, "2004 4th Edition")
        root, organization = skeleton.root, skeleton.organization
        organization.set(f"{SEQ}objectivesGlobalToSystem", "false")  # scoped to this course
        previous: Sco | None = None
        for sco in package.scos:
            item = sub(
                organization, f"{cp}item", identifier=sco.item_id, identifierref=sco.resource_id
            )
            sub(item, f"{cp}title", sco.module.title)
            self._sequencing(item, package, sco, previous if len(package.scos) > 1 else None)
            previous = sco
        control = sub(organization, f"{SS}sequencing")
        sub(control, f"{SS}controlMode", choice="true", flow="true")

        resources(root, IMSCP, package, f"{{{ADLCP}}}scormType")
        return serialise(root)

    def _sequencing(
        self, item: etree._Element, package: Package, sco: Sco, previous: Sco | None
    ) -> None:
        gated = len(package.scos) > 1
        quiz = sco.module.quiz
        if quiz is None and not gated:
            return
        sequencing = sub(item, f"{SS}sequencing")
        if previous is not None:
            rules = sub(sequencing, f"{SS}sequencingRules")
            rule = sub(rules, f"{SS}preConditionRule")
            # Before the previous module reports anything its completion is unknown, and
            # "not completed" is then unknown too, which does not fire the rule: "not known"
            # covers that case.
            conditions = sub(rule, f"{SS}ruleConditions", conditionCombination="any")
            for condition in ("completed", "activityProgressKnown"):
                sub(
                    conditions,
                    f"{SS}ruleCondition",
                    referencedObjective=PREVIOUS_COMPLETED,
                    operator="not",
                    condition=condition,
                )
            sub(rule, f"{SS}ruleAction", action="disabled")
        objectives = sub(sequencing, f"{SS}objectives")
        primary_id = f"{sco.module.id}-passed"
        primary = sub(objectives, f"{SS}primaryObjective", objectiveID=primary_id)
        if quiz is not None:
            # The LMS exposes this as cmi.scaled_passing_score (-1..1, not a percentage).
            primary.set("satisfiedByMeasure", "true")
            sub(primary, f"{SS}minNormalizedMeasure", f"{quiz.pass_mark / 100:g}")
        if previous is not None:
            sub(objectives, f"{SS}objective", objectiveID=PREVIOUS_COMPLETED)
        # The SCO reports completion and success itself; the LMS must not set them on exit.
        sub(
            sequencing,
            f"{SS}deliveryControls",
            completionSetByContent="true",
            objectiveSetByContent="true",
        )
        if not gated:
            return
        shared = sub(sequencing, f"{SEQ}objectives")
        self._map(shared, primary_id, completed_objective(package, sco), write=True)
        if previous is not None:
            target = completed_objective(package, previous)
            self._map(shared, PREVIOUS_COMPLETED, target, write=False)

    def _map(self, parent: etree._Element, local_id: str, global_id: str, write: bool) -> None:
        objective = sub(parent, f"{SEQ}objective", objectiveID=local_id)
        sub(
            objective,
            f"{SEQ}mapInfo",
            targetObjectiveID=global_id,
            readRawScore="false",
            readMinScore="false",
            readMaxScore="false",
            readProgressMeasure="false",
            readCompletionStatus="false" if write else "true",
            writeCompletionStatus="true" if write else "false",
        )


def completed_objective(package: Package, sco: Sco) -> str:
    return f"urn:scorm:{package.identifier}:{sco.module.id}:completed"
