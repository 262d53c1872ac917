"""The test suite's own safety net: no TCP connection leaves the loopback range."""

import socket

import pytest

from conftest import OffLoopbackConnection


def test_a_tcp_connection_to_a_private_address_is_stopped_before_any_packet():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(OffLoopbackConnection):
            sock.connect(("10.0.0.1", 80))


def test_loopback_connections_still_work(origin_server):
    with socket.create_connection(("127.0.0.1", int(origin_server.url("/").split(":")[2].split("/")[0])), 2):
        pass
