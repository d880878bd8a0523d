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
        frame = self.frame
        frame.wait_for_selector("html[data-player=ready]", state="attached")
        return frame

    @property
    def frame(self) -> Frame:
        element = self.page.wait_for_selector("#sco")
        assert element is not None
        for _ in range(100):
            frame = element.content_frame()
            if frame is not None and frame.url.endswith("index.html"):
                return frame
            self.page.wait_for_timeout(50)
        raise AssertionError("the SCO did not load")

    def leave(self) -> None:
        """Navigate the SCO's frame away, as a learner closing the course does."""
        self.page.evaluate("window.leaveSco()")
        finish = "LMSFinish" if self.version == "1.2" else "Terminate"
        self.page.wait_for_function(
            f"window.lms.calls.some(c => c.method === '{finish}')", timeout=5000
        )
        self.page.wait_for_timeout(200)  # anything called after finishing would show up now

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
