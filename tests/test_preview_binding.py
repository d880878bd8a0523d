"""The preview is a tool for a learning designer's own machine: loopback only, stops cleanly."""

from __future__ import annotations

import socket
import threading
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


def test_ctrl_c_while_connections_arrive_stops_cleanly(tmp_path: Path) -> None:
    """Ctrl-C can land while the server hands a new connection to its thread; it must still
    stop with exit code 0 and its closing line (running_preview asserts both)."""
    stop = threading.Event()
    knocking = threading.Event()  # connections are arriving: time for Ctrl-C

    def knock(host: str, port: int) -> None:
        for count in range(20_000):  # bounded: ends long before this when the server stops
            if stop.is_set():
                return
            try:
                socket.create_connection((host, port), timeout=2).close()
            except OSError:
                return
            if count == 20:
                knocking.set()

    knocker: threading.Thread | None = None
    try:
        with running_preview(FIXTURE_COURSE, tmp_path) as preview:
            url = urlsplit(preview.url)
            assert url.hostname and url.port
            knocker = threading.Thread(target=knock, args=(url.hostname, url.port))
            knocker.start()
            assert knocking.wait(timeout=30), "the knocker could not connect"
    finally:
        stop.set()
        if knocker:
            knocker.join()
