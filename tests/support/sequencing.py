"""Read a SCORM 2004 manifest's sequencing as an LMS does, into scorm-again's activity tree.

scorm-again runs the sequencing rules but, like every LMS runtime, leaves reading the manifest
to the LMS (its ``sequencing.activityTree`` setting). This is that reading, for the parts of
IMS Simple Sequencing our manifests use: control modes, delivery controls, precondition rules,
objectives and their global-objective maps.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

NS = {
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "ss": "http://www.imsglobal.org/xsd/imsss",
    "seq": "http://www.adlnet.org/xsd/adlseq_v1p3",
}


def activity_tree(manifest: bytes) -> dict[str, Any]:
    organization = etree.fromstring(manifest).find(".//cp:organization", NS)
    assert organization is not None
    tree = _activity(organization)
    tree["children"] = [_activity(item) for item in organization.iterfind("cp:item", NS)]
    return tree


def _activity(element: etree._Element) -> dict[str, Any]:
    activity: dict[str, Any] = {
        "id": element.get("identifier"),
        "title": element.findtext("cp:title", namespaces=NS),
    }
    sequencing = element.find("ss:sequencing", NS)
    if sequencing is None:
        return activity
    for tag, setting in (
        ("controlMode", "sequencingControls"),
        ("deliveryControls", "deliveryControls"),
    ):
        control = sequencing.find(f"ss:{tag}", NS)
        if control is not None:
            activity[setting] = {name: value == "true" for name, value in control.attrib.items()}
    rules = [
        _rule(rule) for rule in sequencing.iterfind("ss:sequencingRules/ss:preConditionRule", NS)
    ]
    if rules:
        activity["sequencingRules"] = {"preConditionRules": rules}
    objectives: dict[str, dict[str, Any]] = {}
    for objective in sequencing.iterfind("ss:objectives/*", NS):
        primary = etree.QName(objective).localname == "primaryObjective"
        objectives[objective.get("objectiveID", "")] = _objective(objective, primary)
    for shared in sequencing.iterfind("seq:objectives/seq:objective", NS):
        for map_info in shared.iterfind("seq:mapInfo", NS):
            info: dict[str, Any] = {"targetObjectiveID": map_info.get("targetObjectiveID")}
            info |= {k: v == "true" for k, v in map_info.attrib.items() if k != "targetObjectiveID"}
            objectives[shared.get("objectiveID", "")].setdefault("mapInfo", []).append(info)
    for objective in objectives.values():
        if objective["isPrimary"]:
            activity["primaryObjective"] = objective
        else:
            activity.setdefault("objectives", []).append(objective)
    return activity


def _rule(rule: etree._Element) -> dict[str, Any]:
    conditions = rule.find("ss:ruleConditions", NS)
    action = rule.find("ss:ruleAction", NS)
    assert conditions is not None and action is not None
    return {
        "action": action.get("action"),
        "conditionCombination": conditions.get("conditionCombination", "all"),
        "conditions": [
            {
                "condition": condition.get("condition"),
                "operator": condition.get("operator", "noOp"),
                "referencedObjective": condition.get("referencedObjective"),
            }
            for condition in conditions.iterfind("ss:ruleCondition", NS)
        ],
    }


def _objective(objective: etree._Element, primary: bool) -> dict[str, Any]:
    settings: dict[str, Any] = {"objectiveID": objective.get("objectiveID"), "isPrimary": primary}
    if objective.get("satisfiedByMeasure") is not None:
        settings["satisfiedByMeasure"] = objective.get("satisfiedByMeasure") == "true"
    measure = objective.findtext("ss:minNormalizedMeasure", namespaces=NS)
    if measure is not None:
        settings["minNormalizedMeasure"] = float(measure)
    return settings
