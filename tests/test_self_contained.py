"""The project stands on its own: a fresh clone has everything its code, tests and CI read."""

from __future__ import annotations

import subprocess

import pytest

from tests.support.paths import PROJECT, SCHEMAS
from tests.support.xsd import IMPORTS

# Built from parts, so this file does not name the folder it looks for.
SIBLING_FOLDER = "/".join(["..", "shared"])


def tracked_files() -> list[str]:
    if not (PROJECT / ".git").exists():
        pytest.skip("not a git checkout: no list of tracked files")
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=PROJECT, capture_output=True, check=True
    ).stdout
    return [name for name in listing.decode().split("\0") if name]


def test_no_tracked_file_refers_to_a_folder_beside_the_project() -> None:
    files = tracked_files()
    assert "Makefile" in files and "tests/schemas/README.md" in files
    needle = SIBLING_FOLDER.encode()
    referring = [name for name in files if needle in (PROJECT / name).read_bytes()]
    assert referring == []


def test_the_xsds_are_read_from_the_repository() -> None:
    for target, imports in IMPORTS.items():
        for _, path in imports:
            assert path.is_file() and path.is_relative_to(SCHEMAS), (target, path)
