"""The preview is a tool for one learning designer's machine: it listens on loopback only."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.paths import FIXTURE_COURSE
from tests.support.preview import running_preview


def other_address() -> str | None:
    """This machine's address on its network, if it has one (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
        except OSError:
            return None
        address: str = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def test_preview_listens_on_loopback_only(tmp_path: Path) -> None:
    address = other_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback")
    with running_preview(FIXTURE_COURSE, tmp_path) as preview:
        url = urlsplit(preview.url)
        assert url.hostname == "127.0.0.1"
        socket.create_connection((url.hostname, url.port), timeout=5).close()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((address, url.port), timeout=5)
