"""A Wayback-shaped CDX server on 127.0.0.1: the web.archive.org CDX API over captures a test gives.

It answers ``/cdx/search/cdx`` as the Wayback CDX server documents it: ``output=json`` is an
array of arrays whose first row names the fields; ``fl`` picks and orders fields; ``filter=[!]
field:regex`` (a full match, repeatable); ``matchType=exact|prefix``; ``limit``; ``from``/``to``
(inclusive, 1 to 14 digits); the pagination API (``showNumPages=true`` answers a bare number,
``page=N`` one block of ``block`` rows at ``pageSize=1``). Rows are sorted by URL key, then time.
It can answer the first CDX requests with 429 (with or without ``Retry-After``) and records
every request's path and arrival time::

    with WaybackCdx([("http://news.example/a.html", "20210101000000", 200)]) as cdx:
        cdx.endpoint     # "http://127.0.0.1:PORT/cdx/search/cdx"
        cdx.requests()   # [(path with query, time.monotonic())]

URL keys are made with the usual rules (scheme and ``www.`` dropped, host reversed, lower case,
query arguments sorted), written here independently of citecheck's planner.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from urllib.parse import parse_qs, urlsplit

FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


def surt_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = re.sub(r"^www\d*\.", "", host)
    if parts.port and parts.port not in (80, 443):
        host += f":{parts.port}"
    path = (parts.path or "/").lower()
    if len(path) > 1:
        path = path.rstrip("/")
    query = "&".join(sorted(parts.query.lower().split("&"))) if parts.query else ""
    return (
        ",".join(reversed(host.split(":")[0].split(".")))
        + (":" + host.split(":")[1] if ":" in host else "")
        + ")"
        + path
        + ("?" + query if query else "")
    )


class WaybackCdx:
    """The server; ``captures`` are ``(url, timestamp, status)``; ``block`` rows per page."""

    def __init__(self, captures, *, block: int = 3, too_many: int = 0, retry_after: str | None = "1"):
        self.rows = sorted(
            [surt_key(u), ts, u, "text/html", str(status), f"D{n}", "100"]
            for n, (u, ts, status) in enumerate(captures)
        )
        self.block = block
        self.too_many = too_many  # answer this many CDX requests with 429 first
        self.retry_after = retry_after  # None: a bare 429
        self._log: list[tuple[str, float]] = []
        self._lock = threading.Lock()
        self._httpd: http.server.ThreadingHTTPServer | None = None

    @property
    def endpoint(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/cdx/search/cdx"

    @property
    def base(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/web/"

    def requests(self) -> list[tuple[str, float]]:
        with self._lock:
            return list(self._log)

    def __enter__(self) -> WaybackCdx:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802 - stdlib naming
                with server._lock:
                    server._log.append((self.path, time.monotonic()))
                    limited = server.too_many > 0
                    if limited:
                        server.too_many -= 1
                if limited:
                    headers = {"Retry-After": server.retry_after} if server.retry_after else {}
                    return self._send(429, b"Too Many Requests", "text/plain", headers)
                status, body, kind = server.answer(self.path)
                self._send(status, body, kind)

            def _send(self, status, body, kind, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    # -- the CDX API -----------------------------------------------------------------------
    def answer(self, target: str) -> tuple[int, bytes, str]:
        parts = urlsplit(target)
        if parts.path != "/cdx/search/cdx":
            return 404, b"not found", "text/plain"
        q = parse_qs(parts.query)
        url = q.get("url", [""])[0]
        if "://" not in url:
            url = "http://" + url
        key = surt_key(url)
        if q.get("matchType", ["exact"])[0] == "prefix":
            raw = urlsplit(url).path
            if raw.endswith("/") and not key.endswith("/"):
                key += "/"  # a directory prefix keeps its slash
            rows = [r for r in self.rows if r[0].startswith(key)]
        else:
            rows = [r for r in self.rows if r[0] == key]
        for spec in q.get("filter", []):
            invert = spec.startswith("!")
            name, _, pattern = spec.lstrip("!").partition(":")
            index = FIELDS.index(name)
            rows = [r for r in rows if bool(re.fullmatch(pattern, r[index])) != invert]
        if "from" in q:
            rows = [r for r in rows if r[1] >= q["from"][0].ljust(14, "0")]
        if "to" in q:
            rows = [r for r in rows if r[1] <= q["to"][0].ljust(14, "9")]
        if q.get("showNumPages", [""])[0] == "true":
            return 200, f"{-(-len(rows) // self.block)}\n".encode(), "text/plain"
        if "page" in q:
            page = int(q["page"][0])
            rows = rows[page * self.block : (page + 1) * self.block]
        if "limit" in q:
            rows = rows[: int(q["limit"][0])]
        fields = q["fl"][0].split(",") if "fl" in q else FIELDS
        picked = [[r[FIELDS.index(f)] for f in fields] for r in rows]
        body = json.dumps([fields, *picked] if picked else []).encode()
        return 200, body, "application/json"
