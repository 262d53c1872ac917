"""The address guard: no request to loopback, private, link-local or unspecified addresses."""

from __future__ import annotations

import socket

import pytest

from citecheck.sources.fetcher import FetchConfig, Fetcher
from citecheck.sources.guard import AddressGuard, GuardRefused


@pytest.mark.parametrize(
    "address, kind",
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:127.0.0.1", "loopback"),
    ],
)
def test_forbidden_addresses_are_refused_by_default(address, kind):
    assert AddressGuard().refusal_for_ip(address) == f"{kind} address {address}"


@pytest.mark.parametrize("address", ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:2800:220:1::248"])
def test_public_addresses_pass(address):
    assert AddressGuard().refusal_for_ip(address) is None


def test_literal_hosts_are_checked_before_any_dns():
    guard = AddressGuard(resolver=lambda host, port: pytest.fail("no DNS for literal hosts"))
    assert guard.refusal_for_host("localhost") == "loopback host localhost"
    assert guard.refusal_for_host("host3.localhost") == "loopback host host3.localhost"
    assert guard.refusal_for_host("[::1]") == "loopback address ::1"
    assert guard.refusal_for_host("example.org") is None


def test_a_name_resolving_to_a_private_address_is_refused_after_resolution():
    guard = AddressGuard(resolver=lambda host, port: ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(GuardRefused, match="intranet.example resolves to private address 10.0.0.7"):
        guard.resolve("intranet.example", 80)


def test_numeric_tricks_are_caught_by_resolution():
    # "2130706433" and "127.1" are 127.0.0.1 to the system resolver
    for host in ("2130706433", "127.1"):
        with pytest.raises(GuardRefused, match="loopback"):
            AddressGuard().resolve(host, 80)


def test_allow_private_and_the_allow_list_open_the_guard():
    assert AddressGuard(allow_private=True).refusal_for_ip("10.0.0.1") is None
    assert AddressGuard(allowed_hosts=("10.0.0.0/8",)).refusal_for_ip("10.9.9.9") is None
    assert AddressGuard(allowed_hosts=("10.0.0.0/8",)).refusal_for_ip("192.168.0.1") is not None
    named = AddressGuard(allowed_hosts=("Intranet.Example",), resolver=lambda h, p: ["10.0.0.7"])
    assert named.resolve("intranet.example", 80) == ["10.0.0.7"]
    with pytest.raises(GuardRefused):
        named.resolve("other.example", 80)


def test_by_default_the_fetcher_sends_nothing_to_the_local_server(origin_server):
    origin_server.reset()
    with Fetcher(FetchConfig(retries=0)) as fetcher:
        for url in (origin_server.url("/page/guarded"), origin_server.url("/page/guarded", host="localhost")):
            response = fetcher.fetch(url)
            assert response.error_kind == "guard" and response.error.startswith("refused: loopback")
        assert fetcher.request_count == 0
    assert origin_server.requests("/page/guarded") == []


def test_a_public_name_that_resolves_to_loopback_is_refused_before_connecting(origin_server):
    origin_server.reset()
    resolver = lambda host, port: ["127.0.0.1"]  # noqa: E731 - a DNS that points at us
    url = f"http://rebind.example:{origin_server.port}/page/rebind"
    with Fetcher(FetchConfig(retries=0), resolver=resolver) as fetcher:
        response = fetcher.fetch(url)
    assert response.error_kind == "guard" and "rebind.example resolves to loopback" in response.error
    assert origin_server.requests("/page/rebind") == []
    with Fetcher(
        FetchConfig(retries=0, min_interval=0, allowed_hosts=("rebind.example",)), resolver=resolver
    ) as fetcher:
        assert fetcher.fetch(url).status == 200
    [request] = origin_server.requests("/page/rebind")
    assert request.host == "rebind.example"


def test_a_redirect_to_a_private_address_is_refused_before_any_connection(origin_server):
    origin_server.reset()
    connected = []

    def resolver(host, port):  # would be asked only if the guard let the hop through
        connected.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "unexpected")

    config = FetchConfig(retries=0, min_interval=0, allowed_hosts=("127.0.0.1",))
    with Fetcher(config, resolver=resolver) as fetcher:
        response = fetcher.fetch(origin_server.url("/redirect-private"))
        assert fetcher.request_count == 1
    assert response.error_kind == "guard" and response.error == "refused: private address 10.0.0.1"
    assert response.redirects == ("http://10.0.0.1/secret",) and connected == []


def test_a_redirect_to_file_is_refused(origin_server):
    with Fetcher(FetchConfig(retries=0, min_interval=0, allowed_hosts=("127.0.0.1",))) as fetcher:
        response = fetcher.fetch(origin_server.url("/redirect-file"))
    assert response.error_kind == "scheme" and response.redirects == ("file:///etc/passwd",)
