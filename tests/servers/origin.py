"""A real origin server on 127.0.0.1 with fault modes, recording every request it gets.

Used as a pytest plugin (fixture ``origin_server``, one per test session) and directly by
``benchmarks/check_speed.py``. Every request is recorded (host, path, time, headers), so
tests count retries and measure intervals on what the server really received.

    >>> server = OriginServer().start()
    >>> server.url("/status/404")                      # doctest: +ELLIPSIS
    'http://127.0.0.1:.../status/404'
    >>> server.url("/page", host="host3.localhost")    # doctest: +ELLIPSIS
    'http://host3.localhost:.../page'

Virtual hosts: any ``hostN.localhost`` name reaches it (citecheck resolves ``*.localhost``
to 127.0.0.1 itself, without DNS); ``OriginServer(addresses=("127.0.0.1", "127.0.0.2"))``
also listens on extra loopback addresses, for tools that resolve names themselves.
Requests are recorded per host (the Host header's name).
    >>> server.add_page("/mine.html", "<p>hi</p>", "text/html")
    >>> server.stop()

Fault modes, by path (``<key>`` keeps counters apart between tests):

==============================  =============================================================
``/`` ``/page`` ``/page/<x>``   200 HTML page ("/" is the site root)
``/status/<code>``              that status, small HTML body (``/status/503`` = 503 always)
``/redirect/<n>``               chain of ``n`` redirects ending at ``/page`` (``?code=301``)
``/loop/a`` ``/loop/b``         redirect loop between the two
``/flaky/<key>/<n>``            500 for the first ``n`` requests, then 200 (``?code=503``)
``/429/<key>/<n>``              429 for the first ``n`` requests, then 200; ``?retry_after=S``
                                adds ``Retry-After: S``; ``?retry_date=S`` as an HTTP date
``/soft404/<x>``                200 whose text says "page not found"
``/site/<x>``                   200 with the same generic page for any ``<x>`` (a catch-all)
``/to-root``                    302 to ``/``
``/to-404ish``                  302 to ``/errors/404.html`` (a 200 "error" page)
``/drip?n=B&interval=S``        200 with Content-Length ``B``, one byte every ``S`` s (1 s)
``/slow?delay=S``               waits ``S`` s before answering
``/big?size=B``                 200 with a body of ``B`` bytes
``/gzip-bomb`` ``/deflate-bomb``  64 MiB of zeros, compressed to about 64 KiB
``/lying-length``               Content-Length 100000, sends 100 bytes, closes
``/endless-chunked``            chunked body that never ends
``/wrong-charset``              declares ISO-8859-1 in the header, sends UTF-8 (Chinese)
``/doc.pdf``                    a real one-page PDF with text
``/fake.pdf``                   served as application/pdf, really HTML
``/pdf-as-html``                served as text/html, really a PDF
``/long-line``                  10 MB of HTML on one line
``/redirect-file``              302 to ``file:///etc/passwd``
``/redirect-private``           302 to ``http://10.0.0.1/secret``
``/echo?status=&body=&ct=&h=``  whatever the query asks for (``h=Name:Value``, repeatable)
``/__stats`` ``/__reset``       request count as JSON / forget records (for a server run as a
                                separate process: ``python tests/servers/origin.py --help``)
==============================  =============================================================
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import json
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest

PAGE = (
    "<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1>"
    "<p>China and Latin America signed {n} green cooperation agreements worth 5181.74 million "
    "dollars in {path}.</p><p>{filler}</p></body></html>"
)
SOFT_404 = (
    "<!doctype html><html><head><title>Oops</title></head><body><h1>Page not found</h1>"
    "<p>Sorry, the page you are looking for does not exist or has been moved.</p></body></html>"
)
GENERIC = (
    "<!doctype html><html><head><title>Ministry portal</title></head><body><h1>Welcome</h1>"
    "<p>Latest news, policies and services of the ministry. Use the menu to browse.</p>"
    "<ul><li>News</li><li>Policies</li><li>Contact</li></ul></body></html>"
)


def _minimal_pdf(text: str) -> bytes:
    """A valid one-page PDF showing ``text`` in Helvetica (xref offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PDF_BYTES = _minimal_pdf("Total investment 5181.74 million dollars in 2021")
BOMB_SIZE = 64 * 1024 * 1024


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it."""

    host: str  # host name from the Host header, lower-case, without port
    path: str  # path without the query
    target: str  # path with the query, as sent
    method: str
    time: float  # time.monotonic() when the request line was read
    headers: dict[str, str] = field(hash=False, compare=False)


@dataclass
class _Page:
    body: bytes
    content_type: str
    status: int
    headers: dict[str, str]


class OriginServer:
    """Threaded HTTP/1.1 server with fault modes; see the module docstring for paths."""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        addresses: tuple[str, ...] = ("127.0.0.1",),
        headers: dict[str, str] | None = None,
    ) -> None:
        self.latency = latency  # seconds added before every answer (benchmarks use 0.05)
        self.addresses = addresses  # extra loopback addresses (127.0.0.N) act as separate hosts
        self.headers = dict(headers or {})  # sent with every answer (benchmarks: tool opt-ins)
        self._lock = threading.Lock()
        self._records: list[RecordedRequest] = []
        self._counters: dict[str, int] = {}
        self._pages: dict[str, _Page] = {}
        self._blobs: dict[str, bytes] = {}
        self._servers: list[http.server.ThreadingHTTPServer] = []
        self.port = 0

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> OriginServer:
        server = self

        class Handler(_Handler):
            origin = server

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256
            allow_reuse_address = True

        for address in self.addresses:  # one listener per loopback address, all on one port
            httpd = Server((address, self.port), Handler)
            self.port = httpd.server_address[1]
            self._servers.append(httpd)
            threading.Thread(target=httpd.serve_forever, name=f"origin-{address}", daemon=True).start()
        return self

    def stop(self) -> None:
        for httpd in self._servers:
            httpd.shutdown()
            httpd.server_close()
        self._servers = []

    def __enter__(self) -> OriginServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- API for tests -----------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, *, host: str = "127.0.0.1") -> str:
        """Absolute URL of ``path`` on this server, optionally under a virtual host name."""
        if not path.startswith("/"):
            path = "/" + path
        return f"http://{host}:{self.port}{path}"

    def add_page(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Serve ``body`` at ``path`` (exact path, any host, any query) from now on."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._pages[path] = _Page(data, content_type, status, dict(headers or {}))

    def requests(self, path: str | None = None, *, host: str | None = None) -> list[RecordedRequest]:
        """Recorded requests, oldest first; filtered by exact path (no query) and/or host."""
        with self._lock:
            records = list(self._records)
        if path is not None:
            records = [r for r in records if r.path == path]
        if host is not None:
            records = [r for r in records if r.host == host.lower()]
        return records

    def reset(self) -> None:
        """Forget recorded requests and fault counters (pages added stay)."""
        with self._lock:
            self._records.clear()
            self._counters.clear()

    # -- internals -----------------------------------------------------------------------
    def _record(self, handler: http.server.BaseHTTPRequestHandler) -> RecordedRequest:
        host = (handler.headers.get("Host") or "").lower()
        if host.startswith("["):
            host = host[1 : host.find("]")]
        else:
            host = host.split(":", 1)[0]
        parts = urlsplit(handler.path)
        record = RecordedRequest(
            host=host,
            path=parts.path,
            target=handler.path,
            method=handler.command,
            time=time.monotonic(),
            headers={k: v for k, v in handler.headers.items()},
        )
        with self._lock:
            self._records.append(record)
        return record

    def _count(self, key: str) -> int:
        """Increment the counter for ``key``; return its new value (1 on first use)."""
        with self._lock:
            self._counters[key] = self._counters.get(key, 0) + 1
            return self._counters[key]

    def _page(self, path: str) -> _Page | None:
        with self._lock:
            return self._pages.get(path)

    def _blob(self, name: str) -> bytes:
        with self._lock:
            cached = self._blobs.get(name)
        if cached is not None:
            return cached
        if name == "gzip-bomb":
            data = gzip.compress(b"\0" * BOMB_SIZE, compresslevel=9)
        elif name == "deflate-bomb":
            data = zlib.compress(b"\0" * BOMB_SIZE, 9)
        elif name == "long-line":
            unit = "<span>5181.74 million dollars</span>"
            data = (
                "<!doctype html><html><body><p>" + unit * (10_000_000 // len(unit)) + "</p></body></html>"
            ).encode()
        else:
            raise KeyError(name)
        with self._lock:
            self._blobs[name] = data
        return data


class _Handler(http.server.BaseHTTPRequestHandler):
    origin: OriginServer
    protocol_version = "HTTP/1.1"
    server_version = "citecheck-origin/1"
    disable_nagle_algorithm = True

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            pass  # the client hung up (a capped or timed-out read): that is expected here

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._dispatch(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._dispatch(head=False)

    # -- helpers -------------------------------------------------------------------------
    def _send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in {**self.origin.headers, **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not self._head:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    def _redirect(self, location: str, code: int = 302) -> None:
        self._send(code, b"<a href='x'>moved</a>", headers={"Location": location})

    def _html(self, title: str, path: str, n: int = 3) -> bytes:
        filler = "Cooperation covers solar, wind and hydro power projects. " * 4
        return PAGE.format(title=title, n=n, path=path, filler=filler).encode()

    # -- routing ---------------------------------------------------------------------------
    def _dispatch(self, head: bool) -> None:
        self._head = head
        origin = self.origin
        origin._record(self)
        if origin.latency:
            time.sleep(origin.latency)
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        segments = [s for s in path.split("/") if s]

        def q(name: str, default: str) -> str:
            return query.get(name, [default])[0]

        page = origin._page(path)
        if page is not None:
            self._send(page.status, page.body, page.content_type, page.headers)
            return
        first = segments[0] if segments else ""
        try:
            handler = getattr(self, "_route_" + first.replace("-", "_").replace(".", "_"), None)
            if path == "/":
                self._send(200, self._html("Home", path))
            elif handler is not None:
                handler(path, segments, q, query)
            else:
                self._send(404, b"<h1>404 Not Found</h1>")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except (ValueError, IndexError):  # a path the fault mode cannot parse: plain 404
            self._send(404, b"<h1>404 Not Found</h1>")

    def _route_page(self, path, segments, q, query) -> None:
        self._send(200, self._html("Report " + "/".join(segments[1:]), path))

    def _route_status(self, path, segments, q, query) -> None:
        code = int(segments[1])
        self._send(code, f"<h1>{code} {self.responses.get(code, ('',))[0]}</h1>".encode())

    def _route_redirect(self, path, segments, q, query) -> None:
        n = int(segments[1])
        code = int(q("code", "302"))
        self._redirect("/page/end" if n <= 0 else f"/redirect/{n - 1}?code={code}", code)

    def _route_loop(self, path, segments, q, query) -> None:
        self._redirect("/loop/b" if segments[1:] == ["a"] else "/loop/a", 302)

    def _route_flaky(self, path, segments, q, query) -> None:
        n = int(segments[2])
        if self.origin._count("flaky:" + path) <= n:
            self._send(int(q("code", "500")), b"<h1>Internal Server Error</h1>")
        else:
            self._send(200, self._html("Recovered", path))

    def _route_429(self, path, segments, q, query) -> None:
        n = int(segments[2])
        if self.origin._count("429:" + path) <= n:
            headers = {}
            if "retry_after" in query:
                headers["Retry-After"] = q("retry_after", "1")
            elif "retry_date" in query:
                when = time.time() + float(q("retry_date", "1"))
                headers["Retry-After"] = email.utils.formatdate(when, usegmt=True)
            self._send(429, b"<h1>Too Many Requests</h1>", headers=headers)
        else:
            self._send(200, self._html("Finally", path))

    def _route_soft404(self, path, segments, q, query) -> None:
        self._send(200, SOFT_404.encode())

    def _route_site(self, path, segments, q, query) -> None:
        self._send(200, GENERIC.encode())

    def _route_to_root(self, path, segments, q, query) -> None:
        self._redirect("/", 302)

    def _route_to_404ish(self, path, segments, q, query) -> None:
        self._redirect("/errors/404.html", 302)

    def _route_errors(self, path, segments, q, query) -> None:
        self._send(200, b"<html><body><p>We could not find that.</p></body></html>")

    def _route_drip(self, path, segments, q, query) -> None:
        n, interval = int(q("n", "100")), float(q("interval", "1"))
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(n))
        self.end_headers()
        self.close_connection = True
        if self._head:
            return
        for _ in range(n):
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(interval)

    def _route_slow(self, path, segments, q, query) -> None:
        time.sleep(float(q("delay", "5")))
        self._send(200, self._html("Slow", path))

    def _route_big(self, path, segments, q, query) -> None:
        size = int(q("size", str(20 * 1024 * 1024)))
        self._send(200, b"a" * size, "text/plain")

    def _route_gzip_bomb(self, path, segments, q, query) -> None:
        self._send(200, self.origin._blob("gzip-bomb"), "text/html", {"Content-Encoding": "gzip"})

    def _route_deflate_bomb(self, path, segments, q, query) -> None:
        self._send(200, self.origin._blob("deflate-bomb"), "text/html", {"Content-Encoding": "deflate"})

    def _route_lying_length(self, path, segments, q, query) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.close_connection = True
        if not self._head:
            self.wfile.write(b"<html>" + b"x" * 94)
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)

    def _route_endless_chunked(self, path, segments, q, query) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True
        if self._head:
            return
        chunk = b"<p>" + b"y" * 8000 + b"</p>"
        frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        for _ in range(1_000_000):
            try:
                self.wfile.write(frame)
            except OSError:
                return

    def _route_wrong_charset(self, path, segments, q, query) -> None:
        body = "<html><head><title>中拉绿色合作</title></head><body><p>投资5181.74亿美元</p></body></html>"
        self._send(200, body.encode("utf-8"), "text/html; charset=iso-8859-1")

    def _route_doc_pdf(self, path, segments, q, query) -> None:
        self._send(200, PDF_BYTES, "application/pdf")

    def _route_fake_pdf(self, path, segments, q, query) -> None:
        self._send(200, self._html("Not a PDF", path), "application/pdf")

    def _route_pdf_as_html(self, path, segments, q, query) -> None:
        self._send(200, PDF_BYTES, "text/html; charset=utf-8")

    def _route_long_line(self, path, segments, q, query) -> None:
        self._send(200, self.origin._blob("long-line"), "text/html; charset=utf-8")

    def _route_redirect_file(self, path, segments, q, query) -> None:
        self._redirect("file:///etc/passwd", 302)

    def _route_redirect_private(self, path, segments, q, query) -> None:
        self._redirect("http://10.0.0.1/secret", 302)

    def _route___stats(self, path, segments, q, query) -> None:
        """For a server in another process: how many requests it recorded (not counting these)."""
        records = [r for r in self.origin.requests() if not r.path.startswith("/__")]
        hosts = sorted({r.host for r in records})
        body = json.dumps({"requests": len(records), "hosts": hosts}).encode()
        self._send(200, body, "application/json")

    def _route___reset(self, path, segments, q, query) -> None:
        self.origin.reset()
        self._send(200, b"{}", "application/json")

    def _route_echo(self, path, segments, q, query) -> None:
        headers = {}
        for item in query.get("h", []):
            name, _, value = item.partition(":")
            headers[name.strip()] = value.strip()
        self._send(
            int(q("status", "200")), q("body", "").encode(), q("ct", "text/html; charset=utf-8"), headers
        )


@pytest.fixture(scope="session")
def origin_server():
    """The session's origin server; call ``origin_server.reset()`` to clear records."""
    server = OriginServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def origin(origin_server):
    """The origin server with its request records cleared for this test."""
    origin_server.reset()
    return origin_server


def loopback_fetch_config(**settings):
    """A FetchConfig that reaches the origin server (127.0.0.0/8) and nothing else private, with no
    minimum interval and no DNS probe; each test file adds the timings it pins."""
    from citecheck.sources.fetcher import FetchConfig

    values = dict(allowed_hosts=("127.0.0.0/8",), min_interval=0.0, offline_probe_host=None)
    values.update(settings)
    return FetchConfig(**values)


def main(argv: list[str] | None = None) -> None:
    """Run the origin server in its own process; prints its port on the first line."""
    import argparse

    parser = argparse.ArgumentParser(description="citecheck's test origin server")
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--hosts", type=int, default=1, help="listen on 127.0.0.1 .. 127.0.0.N")
    parser.add_argument(
        "--header", action="append", default=[], metavar="NAME:VALUE", help="send with every answer"
    )
    args = parser.parse_args(argv)
    addresses = tuple(f"127.0.0.{n}" for n in range(1, args.hosts + 1))
    headers = dict(h.split(":", 1) for h in args.header)
    server = OriginServer(latency=args.latency, addresses=addresses, headers=headers).start()
    print(server.port, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
