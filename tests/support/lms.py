"""Drive a package inside the scorm-again test LMS page, and read back what the LMS holds."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Frame, Page

from tests.support.paths import LMS_HARNESS, SCORM_AGAIN


def make_site(root: Path, packages: list[Path]) -> Path:
    """A folder to serve: the LMS page under /lms/ and each package unpacked under /p/NAME/."""
    lms = root / "lms"
    lms.mkdir(parents=True, exist_ok=True)
    for name in ("harness.html", "harness.js"):
        shutil.copy(LMS_HARNESS / name, lms / name)
    shutil.copy(SCORM_AGAIN, lms / "scorm-again.min.js")
    for package in packages:
        with zipfile.ZipFile(package) as archive:
            archive.extractall(root / "p" / package.stem)
    return root


def sco_frame(page: Page) -> Frame:
    """The SCO's frame (``#sco``, in the test LMS and in the preview's player), once the
    package's runtime in it is ready."""
    page.frame_locator("#sco").locator("html[data-player=ready]").wait_for(state="attached")
    frame = page.locator("#sco").element_handle().content_frame()
    assert frame is not None
    return frame


class LmsSession:
    """One launch of a SCO in the test LMS."""

    def __init__(self, page: Page, base_url: str, version: str) -> None:
        self.page = page
        self.base_url = base_url
        self.version = version
        self.console: list[str] = []
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))

    def launch(
        self, package: str, seed: dict[str, str] | None = None, faults: dict[str, Any] | None = None
    ) -> Frame:
        """Open the SCO; ``faults`` make the LMS misbehave (see tests/lms/harness.js)."""
        self.page.goto(f"{self.base_url}/lms/harness.html")
        self.page.evaluate(
            "([v, s, u, f]) => window.startLms(v, s, u, f)",
            [self.version, seed or {}, f"/p/{package}/index.html", faults or {}],
        )
        return sco_frame(self.page)

    def leave(self) -> None:
        """Navigate the SCO's frame away, as a learner closing the course does."""
        self.page.evaluate("window.leaveSco()")
        # Once the blank page has replaced the SCO, its unload handlers have run: any call
        # made after finishing is recorded by now.
        self.page.wait_for_function(
            "document.getElementById('sco').contentWindow.location.href === 'about:blank'",
            timeout=5000,
        )
        finish = "LMSFinish" if self.version == "1.2" else "Terminate"
        assert any(c["method"] == finish for c in self.calls()), self.dump()

    def calls(self) -> list[dict[str, str]]:
        result: list[dict[str, str]] = self.page.evaluate("window.lms.calls")
        return result

    def data(self) -> dict[str, Any]:
        result: dict[str, Any] = self.page.evaluate("window.lmsData()")
        return result

    def log(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.page.evaluate("window.lms.log")
        return result

    def set_values(self) -> dict[str, str]:
        """The last value the SCO set for each element."""
        method = "LMSSetValue" if self.version == "1.2" else "SetValue"
        return {c["args"][0]: c["args"][1] for c in self.calls() if c["method"] == method}

    def dump(self) -> str:
        return json.dumps(
            {"calls": self.calls(), "log": self.log(), "console": self.console}, indent=1
        )
