"""Shared fixtures: real local servers (origin with fault modes, pywb over WARC files)."""

import ipaddress
import os
import pathlib
import socket

import pytest

pytest_plugins = ["servers.origin", "servers.pywb_archive"]

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "china-latin-america-green-cooperation-2022.txt"


@pytest.fixture(scope="session")
def seed_path() -> pathlib.Path:
    """The bundled seed paper: a machine-translated PDF extraction with mangled footnotes."""
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


class OffLoopbackConnection(OSError):
    """A test tried to open a connection outside 127.0.0.0/8 (or ::1)."""


def _loopback_only(connect):
    def guarded(sock, address, *args):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and sock.type == socket.SOCK_STREAM:
            try:
                loopback = ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise OffLoopbackConnection(f"test traffic may only go to loopback, not {host}")
        return connect(sock, address, *args)

    return guarded


@pytest.fixture(scope="session", autouse=True)
def no_traffic_outside_loopback():
    """A safety net under the address guard: no test in this process can open a TCP connection
    to anything but loopback, even when the code under test is broken (UDP "connects", which
    send nothing, stay allowed for the fetcher's offline probe)."""
    original = socket.socket.connect, socket.socket.connect_ex
    socket.socket.connect = _loopback_only(original[0])
    socket.socket.connect_ex = _loopback_only(original[1])
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex = original


_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(scope="session", autouse=True)
def no_proxy_from_the_machine():
    """The fetcher honours proxy variables as requests does: tests start from none (a test that
    wants a proxy sets it), so a developer's own proxy never carries test traffic."""
    saved = {}
    for name in _PROXY_VARIABLES:
        for variant in (name, name.upper()):
            if variant in os.environ:
                saved[variant] = os.environ.pop(variant)
    try:
        yield
    finally:
        os.environ.update(saved)
