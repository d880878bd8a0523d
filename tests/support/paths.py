from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SCHEMAS = PROJECT / "tests" / "schemas"  # the official SCORM XSDs, see its README.md
MODULES = PROJECT / "modules"
FIXTURE_COURSE = PROJECT / "tests" / "fixtures" / "mini"
LMS_HARNESS = PROJECT / "tests" / "lms"
SCORM_AGAIN = PROJECT / "node_modules" / "scorm-again" / "dist" / "scorm-again.min.js"
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
