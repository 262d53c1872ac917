"""A real pywb web archive on 127.0.0.1, serving WARC files the tests write with warcio.

pywb pins old werkzeug and gevent, so it runs from a virtual environment of its own: the one
named by ``CITECHECK_PYWB_VENV``, else ``<repo>/.pywb-venv`` (created with ``python3 -m venv`` and
``pip install pywb`` when missing; a failure there fails the tests, it never skips them).

pywb sits behind a small counting proxy so tests can assert how many requests the archive got::

    def test_warm_run_asks_nothing(pywb_archive):
        pywb_archive.reset()
        ...
        assert pywb_archive.request_count() == 0

Other tests build an archive over their own pages with the factory::

    def test_e2e(pywb_archive_factory):
        archive = pywb_archive_factory([WarcPage("http://example.org/a", "20220101000000", b"<p>hi</p>")])
        archive.base   # "http://127.0.0.1:PORT/web/"  (Memento base: TimeMap, TimeGate, id_ replay)
        archive.cdx    # "http://127.0.0.1:PORT/web/cdx" (JSON lines of objects)
"""

from __future__ import annotations

import http.client
import io
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = pathlib.Path(__file__).resolve().parents[2]
COLLECTION = "web"


@dataclass(frozen=True)
class WarcPage:
    """One archived capture: ``url`` as it was fetched at ``timestamp`` (14 digits, UTC)."""

    url: str
    timestamp: str
    body: bytes | str
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


# What the default ``pywb_archive`` holds; tests in test_archive*.py / test_recover.py rely on it.
DEFAULT_PAGES: tuple[WarcPage, ...] = (
    # Two captures of one page: the access date 2022-02-20 must pick the 2021 one (last before).
    WarcPage(
        "http://news.example.org/2021/story.html",
        "20210601120000",
        "<h1>Story</h1><p>first: 35 wind farms</p>",
    ),
    WarcPage(
        "http://news.example.org/2021/story.html",
        "20220501120000",
        "<h1>Story</h1><p>later: 42 wind farms</p>",
    ),
    # Only captured after the access dates used in the tests: the fall-back is the first after.
    WarcPage("http://news.example.org/late.html", "20230301000000", "<p>late capture one</p>"),
    WarcPage("http://news.example.org/late.html", "20240301000000", "<p>late capture two</p>"),
    # An error capture that must never be chosen over a good one.
    WarcPage("http://news.example.org/flip.html", "20220210000000", "<p>gone</p>", status=404),
    WarcPage("http://news.example.org/flip.html", "20211110000000", "<p>flip ok</p>"),
    # The seed's garbled "http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 20211103215703 shtml":
    # present only under the longer path /article/jmxw/..., plus a decoy with another tail.
    WarcPage(
        "http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml",
        "20211110080000",
        "<h1>Gaucharaui photovoltaic project</h1><p>300 MW</p>",
    ),
    WarcPage(
        "http://ar.mofcom.gov.cn/article/jmxw/202111/20211116000000.shtml", "20211120000000", "<p>decoy</p>"
    ),
    # The seed's "http://ar.mofcom.gov.com/article/jmxw/202.202/20220203278094 shtml": characters
    # changed, not lost; only the real address is archived.
    WarcPage(
        "http://ar.mofcom.gov.cn/article/jmxw/202202/20220203278094.shtml",
        "20220205000000",
        "<h1>Argentina renewable energy</h1><p>13% of electricity demand</p>",
    ),
    # The seed's "content_5659408 html": only the .htm form is archived.
    WarcPage(
        "http://www.gov.cn/xinwen/2021-12/08/content_5659408.htm",
        "20211209000000",
        "<h1>Declaration of the Third Ministerial Conference</h1>",
    ),
    # Two different pages end with the same tail under one prefix: ambiguous, never picked.
    WarcPage(
        "http://mx.mofcom.gov.cn/article/jmxw/202109/20210903203895.shtml", "20210910000000", "<p>a</p>"
    ),
    WarcPage(
        "http://mx.mofcom.gov.cn/article/zxhz/202109/20210903203895.shtml", "20210911000000", "<p>b</p>"
    ),
    # The seed's COFCO note (read 2022-02-28): one capture before, one after.
    WarcPage(
        "http://www.cofco.com/cn/News/AlInews/Latest/2022/0110/51147.html",
        "20220115000000",
        "<p>soybean supply chain, January</p>",
    ),
    WarcPage(
        "http://www.cofco.com/cn/News/AlInews/Latest/2022/0110/51147.html",
        "20220601000000",
        "<p>soybean supply chain, June</p>",
    ),
    # A PDF source.
    WarcPage(
        "http://reports.example.org/green.pdf",
        "20200101000000",
        b"%PDF-1.4\n% not a real pdf\n",
        content_type="application/pdf",
    ),
)


def ts_to_http_date(timestamp: str) -> str:
    moment = datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_warc(path: str | os.PathLike, pages) -> pathlib.Path:
    """Write ``pages`` (WarcPage) as gzipped WARC response records (one request record each)."""
    target = pathlib.Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in pages:
            payload = page.payload
            reason = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found", 410: "Gone"}.get(
                page.status, "Status"
            )
            headers = [("Content-Type", page.content_type), ("Content-Length", str(len(payload)))]
            headers.extend(page.headers)
            http_headers = StatusAndHeaders(f"{page.status} {reason}", headers, protocol="HTTP/1.1")
            date = ts_to_http_date(page.timestamp)
            record = writer.create_warc_record(
                page.url,
                "response",
                payload=io.BytesIO(payload),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)
    return target


class PywbUnavailable(Exception):
    """The pywb environment is missing and could not be made; the message is one line."""


def _run_or_explain(command: list[str], what: str, venv: pathlib.Path) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PywbUnavailable(f"cannot {what} for pywb in {venv}: {exc}") from None
    if done.returncode != 0:
        lines = [line.strip() for line in (done.stderr or done.stdout or "").splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("ERROR")] or lines
        why = errors[-1] if errors else f"exit status {done.returncode}"
        raise PywbUnavailable(
            f"cannot {what} for pywb in {venv} ({why}); set CITECHECK_PYWB_VENV to a virtual "
            "environment that has pywb installed"
        )


def pywb_venv() -> pathlib.Path:
    """The pywb virtual environment: ``$CITECHECK_PYWB_VENV`` or ``<repo>/.pywb-venv`` (made if
    missing). Raises :class:`PywbUnavailable` with one line when it cannot be made."""
    venv = pathlib.Path(os.environ.get("CITECHECK_PYWB_VENV") or ROOT / ".pywb-venv")
    if (venv / "bin" / "wayback").exists():
        return venv
    python = shutil.which("python3") or sys.executable
    _run_or_explain([python, "-m", "venv", str(venv)], "create a virtual environment", venv)
    _run_or_explain(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "pywb"], "install pywb", venv
    )
    if not (venv / "bin" / "wayback").exists():
        raise PywbUnavailable(f"pywb installed in {venv} but it has no bin/wayback")
    return venv


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class ArchiveRequest:
    method: str
    path: str  # path and query as received, e.g. "/web/cdx?url=...&output=json"
    headers: dict
    time: float


class _CountingProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream_port: int):
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream_port = upstream_port
        self.log: list[ArchiveRequest] = []
        self.lock = threading.Lock()
        self.down = False


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output quiet
        pass

    def _relay(self) -> None:
        server: _CountingProxy = self.server  # type: ignore[assignment]
        with server.lock:
            server.log.append(ArchiveRequest(self.command, self.path, dict(self.headers), time.monotonic()))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        conn = http.client.HTTPConnection("127.0.0.1", server.upstream_port, timeout=30)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            upstream = conn.getresponse()
            data = upstream.read()
        finally:
            conn.close()
        self.send_response_only(upstream.status, upstream.reason)
        for name, value in upstream.getheaders():
            if name.lower() in ("transfer-encoding", "connection", "content-length", "date", "server"):
                continue
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_HEAD = do_POST = _relay


class PywbArchive:
    """A running pywb over one collection, reached through a proxy that records every request."""

    def __init__(self, workdir: pathlib.Path, pages, *, collection: str = COLLECTION):
        self.workdir = pathlib.Path(workdir)
        self.pages = tuple(pages)
        self.collection = collection
        self._process: subprocess.Popen | None = None
        self._proxy: _CountingProxy | None = None
        self._start()

    # -- addresses -------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        assert self._proxy is not None
        return self._proxy.server_address[1]

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def base(self) -> str:
        """Memento base of the collection: ``<base><timestamp>id_/<url>``, ``<base>timemap/link/<url>``."""
        return f"{self.root}{self.collection}/"

    @property
    def cdx(self) -> str:
        return f"{self.base}cdx"

    # -- request log -----------------------------------------------------------------------------
    def requests(self, contains: str | None = None) -> list[ArchiveRequest]:
        assert self._proxy is not None
        with self._proxy.lock:
            log = list(self._proxy.log)
        return [r for r in log if contains is None or contains in r.path]

    def request_count(self, contains: str | None = None) -> int:
        return len(self.requests(contains))

    def reset(self) -> None:
        assert self._proxy is not None
        with self._proxy.lock:
            self._proxy.log.clear()

    # -- life cycle ------------------------------------------------------------------------------
    def _start(self) -> None:
        try:
            venv = pywb_venv()
        except PywbUnavailable as exc:
            pytest.fail(str(exc), pytrace=False)
        coll = self.workdir / "collections" / self.collection
        (coll / "archive").mkdir(parents=True, exist_ok=True)
        (coll / "indexes").mkdir(parents=True, exist_ok=True)
        write_warc(coll / "archive" / "pages.warc.gz", self.pages)
        (self.workdir / "config.yaml").write_text("enable_memento: true\nframed_replay: false\n")
        subprocess.run(
            [str(venv / "bin" / "wb-manager"), "reindex", self.collection],
            cwd=self.workdir,
            check=True,
            capture_output=True,
        )
        upstream = _free_port()
        self._log_file = open(self.workdir / "pywb.log", "wb")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            [str(venv / "bin" / "wayback"), "-p", str(upstream), "-b", "127.0.0.1", "-t", "8"],
            cwd=self.workdir,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"pywb exited: {(self.workdir / 'pywb.log').read_text(errors='replace')[-2000:]}"
                )
            try:
                conn = http.client.HTTPConnection("127.0.0.1", upstream, timeout=2)
                conn.request("GET", f"/{self.collection}/cdx?url=example.invalid/&output=json")
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("pywb did not become ready within 60 s")
            time.sleep(0.1)
        self._proxy = _CountingProxy(upstream)
        threading.Thread(target=self._proxy.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._proxy is not None:
            self._proxy.shutdown()
            self._proxy.server_close()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if getattr(self, "_log_file", None) is not None:
            self._log_file.close()


@dataclass
class _Factory:
    tmp: pathlib.Path
    started: list[PywbArchive] = field(default_factory=list)

    def __call__(self, pages, *, collection: str = COLLECTION) -> PywbArchive:
        workdir = self.tmp / f"pywb{len(self.started)}"
        archive = PywbArchive(workdir, pages, collection=collection)
        self.started.append(archive)
        return archive


@pytest.fixture(scope="session")
def pywb_archive_factory(tmp_path_factory):
    """``factory(pages: list[WarcPage], collection="web") -> PywbArchive``; all stopped at session end."""
    factory = _Factory(tmp_path_factory.mktemp("pywb"))
    yield factory
    for archive in factory.started:
        archive.stop()


@pytest.fixture(scope="session")
def pywb_archive(pywb_archive_factory) -> PywbArchive:
    """pywb over :data:`DEFAULT_PAGES` (two dated captures, prefix recovery, .htm/.html, ambiguity)."""
    return pywb_archive_factory(DEFAULT_PAGES)


def local_fetch_config(**overrides):
    """A FetchConfig for tests against 127.0.0.1: loopback allowed (and nothing else private, so a
    redirect to 10.0.0.1 is still refused before any packet leaves), no politeness waits."""
    from citecheck.sources.fetcher import FetchConfig

    values = dict(
        allow_private=False,
        allowed_hosts=("127.0.0.0/8",),
        min_interval=0.0,
        cdx_per_minute=0,
        snapshots_per_second=0,
        retries=0,
        backoff=0.01,
        default_retry_after=0.05,
        connect_timeout=2.0,
        read_timeout=5.0,
        total_timeout=10.0,
        per_host_concurrency=8,
        offline_probe_host=None,
    )
    values.update(overrides)
    return FetchConfig(**values)
