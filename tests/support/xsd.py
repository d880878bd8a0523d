"""Validate manifests against the official SCORM XSDs in tests/schemas, offline.

A small driver schema imports each namespace from its local file. For SCORM 1.2 the W3C
``xml.xsd`` is imported first, so libxml2 never reads the broken ``ims_xml.xsd``
(see tests/schemas/README.md). Network access is refused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from tests.support.paths import SCHEMAS

XML_NS = "http://www.w3.org/XML/1998/namespace"

IMPORTS = {
    "scorm12": [
        (XML_NS, SCHEMAS / "scorm2004-4th" / "xml.xsd"),
        (
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
            SCHEMAS / "scorm12" / "imscp_rootv1p1p2.xsd",
        ),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", SCHEMAS / "scorm12" / "adlcp_rootv1p2.xsd"),
        (
            "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
            SCHEMAS / "scorm12" / "imsmd_rootv1p2p1.xsd",
        ),
    ],
    "scorm2004": [
        ("http://www.imsglobal.org/xsd/imscp_v1p1", SCHEMAS / "scorm2004-4th" / "imscp_v1p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_v1p3", SCHEMAS / "scorm2004-4th" / "adlcp_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", SCHEMAS / "scorm2004-4th" / "adlseq_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", SCHEMAS / "scorm2004-4th" / "adlnav_v1p3.xsd"),
        ("http://www.imsglobal.org/xsd/imsss", SCHEMAS / "scorm2004-4th" / "imsss_v1p0.xsd"),
    ],
}


class LocalOnly(etree.Resolver):
    """Map any http(s)://.../NAME.xsd onto the local NAME.xsd; refuse everything else."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        if system_url.startswith(("http://", "https://")):
            local = self.folder / system_url.rsplit("/", 1)[-1]
            if local.is_file():
                return self.resolve_filename(str(local), context)
            raise OSError(f"refusing to fetch {system_url}")
        return None


@cache
def schema(target: str) -> etree.XMLSchema:
    missing = [str(path) for _, path in IMPORTS[target] if not path.is_file()]
    assert not missing, f"the official XSDs are missing from tests/schemas: {missing}"
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>'
        for ns, path in IMPORTS[target]
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    folder = IMPORTS[target][-1][1].parent
    parser.resolvers.add(LocalOnly(folder))
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser))


def validation_errors(target: str, manifest: bytes) -> list[str]:
    document = etree.fromstring(manifest)
    xsd = schema(target)
    if xsd.validate(document):
        return []
    return [f"{error.line}: {error.message}" for error in xsd.error_log]
