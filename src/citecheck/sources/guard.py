"""Address guard: citecheck never fetches from the network it runs in unless told to.

A URL written by a stranger must not make citecheck talk to ``localhost``, a router at
``192.168.1.1`` or a cloud metadata service at ``169.254.169.254``. The guard refuses
loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local
(169.254/16, fe80::/10), unspecified, "this network" (0/8), broadcast and multicast
addresses. It checks the literal host of a URL and, after DNS resolution, every address
the name resolves to; the fetcher then connects only to an address the guard passed and
checks the connected peer again (so DNS rebinding cannot slip through).

``allow_private=True`` opens it entirely; ``allowed_hosts`` opens it for named hosts,
literal addresses or networks (``"intranet.example"``, ``"10.1.2.3"``, ``"10.0.0.0/8"``).

>>> guard = AddressGuard()
>>> guard.refusal_for_ip("10.0.0.1")
'private address 10.0.0.1'
>>> guard.refusal_for_ip("93.184.216.34") is None
True
>>> AddressGuard(allowed_hosts=("10.0.0.0/8",)).refusal_for_ip("10.0.0.1") is None
True
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

Resolver = Callable[[str, int], Sequence[str]]
"""A resolver maps ``(host, port)`` to IP address strings; it raises ``socket.gaierror``."""

_PRIVATE_NETS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",  # carrier-grade NAT
        "fc00::/7",  # unique local IPv6
    )
)
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
_BROADCAST = ipaddress.ip_address("255.255.255.255")


class GuardRefused(Exception):
    """The guard refused an address; the message is one line ("private address 10.0.0.1")."""


def default_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the system resolver; names under ``.localhost`` are loopback.

    RFC 6761 reserves ``localhost`` and ``*.localhost`` for the loopback interface, so
    they resolve here without asking DNS (the test server's virtual hosts rely on it).

    >>> default_resolver("host7.localhost", 80)
    ['127.0.0.1']
    """
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return ["127.0.0.1"]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


def _parse_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip("[]")
    if "%" in text:  # IPv6 scope id: fe80::1%eth0
        text = text.split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def classify_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Name the forbidden class an address belongs to, or None for a public address.

    >>> classify_ip(ipaddress.ip_address("127.0.0.1"))
    'loopback'
    >>> classify_ip(ipaddress.ip_address("::ffff:192.168.0.1"))
    'private'
    """
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return classify_ip(mapped)
        if ip.teredo is not None:
            return classify_ip(ip.teredo[1])
    if ip.is_loopback:
        return "loopback"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if isinstance(ip, ipaddress.IPv4Address) and (ip in _THIS_NETWORK or ip == _BROADCAST):
        return "reserved"
    if any(ip.version == net.version and ip in net for net in _PRIVATE_NETS):
        return "private"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:  # deprecated fec0::/10
        return "private"
    return None


@dataclass(frozen=True)
class AddressGuard:
    """Decides which hosts and addresses citecheck may connect to.

    >>> AddressGuard().refusal_for_host("localhost")
    'loopback host localhost'
    >>> AddressGuard(allow_private=True).refusal_for_host("localhost") is None
    True
    """

    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    resolver: Resolver = field(default=default_resolver, compare=False, repr=False)
    # answers already given (they depend on the two settings above only): every fetch asks
    _memo: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def _allowed_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        known = self._memo.get(("nets",))
        if known is not None:
            return known
        nets = []
        for entry in self.allowed_hosts:
            try:
                nets.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                continue
        self._memo[("nets",)] = nets
        return nets

    def host_is_allowed(self, host: str) -> bool:
        """True when ``host`` is named in the allow-list (case-insensitive) or guard is open."""
        if self.allow_private:
            return True
        name = host.strip("[]").rstrip(".").lower()
        return any(name == entry.strip("[]").rstrip(".").lower() for entry in self.allowed_hosts)

    def refusal_for_ip(self, address: str) -> str | None:
        """Why ``address`` is refused (one line), or None when it may be used."""
        key = ("ip", address)
        if key not in self._memo:
            self._memo[key] = self._refusal_for_ip(address)
        return self._memo[key]

    def _refusal_for_ip(self, address: str) -> str | None:
        if self.allow_private:
            return None
        ip = _parse_ip(address)
        if ip is None:
            return f"not an IP address: {address}"
        kind = classify_ip(ip)
        if kind is None:
            return None
        if any(ip.version == net.version and ip in net for net in self._allowed_networks()):
            return None
        if self.host_is_allowed(str(ip)):
            return None
        return f"{kind} address {address}"

    def refusal_for_host(self, host: str) -> str | None:
        """Check the literal host of a URL, before any DNS: IP literals and localhost names."""
        key = ("host", host)
        if key not in self._memo:
            self._memo[key] = self._refusal_for_host(host)
        return self._memo[key]

    def _refusal_for_host(self, host: str) -> str | None:
        if self.host_is_allowed(host):
            return None
        name = host.strip("[]").rstrip(".").lower()
        if name == "localhost" or name.endswith(".localhost"):
            return None if self.refusal_for_ip("127.0.0.1") is None else f"loopback host {host}"
        if _parse_ip(name) is not None:
            return self.refusal_for_ip(name)
        return None

    def resolve(self, host: str, port: int) -> list[str]:
        """Resolve ``host`` and return the addresses that may be used (all of them are checked).

        Raises :class:`GuardRefused` when any address is forbidden (a name that resolves to
        one public and one private address is refused: the private one could be chosen),
        and ``socket.gaierror`` when the name cannot be resolved.
        """
        literal = _parse_ip(host)
        addresses = [str(literal)] if literal is not None else list(self.resolver(host, port))
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "name resolved to no address")
        if self.host_is_allowed(host):
            return addresses
        for address in addresses:
            reason = self.refusal_for_ip(address)
            if reason is not None:
                shown = reason if literal is not None else f"{host} resolves to {reason}"
                raise GuardRefused(shown)
        return addresses
