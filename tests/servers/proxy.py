"""A tiny forward proxy on 127.0.0.1 that records what it forwarded.

It speaks the two ways a client uses a proxy: an absolute-form request (``GET http://host/path``,
for http URLs), forwarded upstream with the path only, and ``CONNECT host:port`` (for https),
after which bytes are piped both ways. It only ever connects to loopback (``*.localhost`` names
are loopback, as RFC 6761 says), so no test traffic can leave the machine through it.

    with forward_proxy() as proxy:
        ...  # HTTP_PROXY=proxy.url
        proxy.forwarded   # [("GET", "http://127.0.0.1:8123/page/a"), ("CONNECT", "127.0.0.1:8443")]
"""

from __future__ import annotations

import ipaddress
import select
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit


def _loopback_address(host: str) -> str:
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return "127.0.0.1"
    if not ipaddress.ip_address(name).is_loopback:  # a name or address elsewhere: refused
        raise ValueError(f"the test proxy only forwards to loopback, not {host}")
    return name


@dataclass
class RecordingProxy:
    url: str = ""
    forwarded: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, method: str, target: str) -> None:
        with self.lock:
            self.forwarded.append((method, target))


def _pipe(a: socket.socket, b: socket.socket) -> None:
    sockets = [a, b]
    while True:
        ready, _, _ = select.select(sockets, [], [], 5.0)
        if not ready:
            return
        for sock in ready:
            data = sock.recv(65536)
            if not data:
                return
            (b if sock is a else a).sendall(data)


class _Handler(socketserver.StreamRequestHandler):
    proxy: RecordingProxy

    def handle(self) -> None:
        line = self.rfile.readline(65537).decode("latin-1").strip()
        if not line:
            return
        method, target, _version = line.split(" ", 2)
        headers: list[str] = []
        while True:
            header = self.rfile.readline(65537).decode("latin-1")
            if header in ("\r\n", "\n", ""):
                break
            headers.append(header.rstrip("\r\n"))
        self.proxy.record(method, target)
        try:
            if method == "CONNECT":
                host, _, port = target.rpartition(":")
                upstream = socket.create_connection((_loopback_address(host), int(port)), 5)
                self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                self.wfile.flush()
                with upstream:
                    _pipe(self.connection, upstream)
                return
            parts = urlsplit(target)
            upstream = socket.create_connection(
                (_loopback_address(parts.hostname or ""), parts.port or 80), 5
            )
        except (OSError, ValueError) as exc:
            self.wfile.write(
                f"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nX-Why: {exc}\r\n\r\n".encode()
            )
            return
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        kept = [h for h in headers if not h.lower().startswith(("proxy-", "connection:"))]
        request = "\r\n".join([f"{method} {path} HTTP/1.1", *kept, "Connection: close", "", ""])
        with upstream:
            upstream.sendall(request.encode("latin-1"))
            self.wfile.flush()
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                self.wfile.write(data)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def forward_proxy() -> Iterator[RecordingProxy]:
    """Run the proxy for the duration of a ``with``; yields it (``url``, ``forwarded``)."""
    proxy = RecordingProxy()
    handler = type("Handler", (_Handler,), {"proxy": proxy})
    server = _Server(("127.0.0.1", 0), handler)
    proxy.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        server.shutdown()
        server.server_close()
