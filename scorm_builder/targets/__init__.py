"""Output targets, one module each; :data:`TARGETS` lists them by name."""

from __future__ import annotations

from scorm_builder.targets.common import Target
from scorm_builder.targets.scorm12 import Scorm12
from scorm_builder.targets.scorm2004 import Scorm2004

TARGETS: dict[str, Target] = {target.name: target for target in (Scorm12(), Scorm2004())}

__all__ = ["TARGETS", "Target"]
