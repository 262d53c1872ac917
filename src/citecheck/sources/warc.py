"""WARC in and out: record every response a run fetched, replay them later with no network.

Recording (``--save-warc``)::

    with WarcRecorder("run.warc.gz") as recorder:
        fetcher = RecordingFetcher(Fetcher(config, recorder=recorder), recorder)
        check_references(refs, fetcher=fetcher)
    # run.warc.gz appears only now, complete (written as a hidden temp file, renamed on close)

The fetcher calls ``recorder.record(response, request_headers)`` for every HTTP answer (each
redirect hop and each retry); :class:`RecordingFetcher` adds a ``metadata`` record for a fetch
that got no HTTP answer at all (timeout, DNS failure, refused), so a replay gives the same
verdicts as the run that recorded it.

Replaying (``--from-warc``)::

    fetcher = ReplayFetcher(["run.warc.gz"])
    fetcher.fetch("http://a.org/").from_replay     # True; a URL not in the WARC: error_kind "offline"

Bodies are stored decoded (the fetcher decodes gzip/deflate), so ``Content-Encoding`` is dropped
and ``Content-Length`` set to the stored length. A body cut by the fetcher carries
``WARC-Truncated``.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .. import recache
from ..errors import InputError, OutputError
from .fetchconfig import FetchConfig
from .transport import (
    ARCHIVE_PURPOSES,
    ErrorKind,
    FetchResponse,
    Hop,
    HostMemo,
    TransportWrapper,
    follow_redirects,
    normalise_url,
    url_problem,
)

_HOP_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}
ERROR_CONTENT_TYPE = "application/vnd.citecheck.fetch-error+json"


def _warc_date() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcRecorder:
    """Write fetched responses (request + response records) into a gzipped WARC. Thread-safe.

    The file is written under a hidden temporary name next to ``path`` and renamed to ``path``
    by :meth:`close`, so an interrupted run never leaves a truncated WARC at the final path.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.records = 0
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._tmp = Path(tmp)
        self._handle = os.fdopen(fd, "wb")
        from warcio.warcwriter import WARCWriter  # warcio is imported by runs that read or write WARCs

        self._writer = WARCWriter(self._handle, gzip=True)
        self._closed = False
        self._write_warcinfo()

    def _write_warcinfo(self) -> None:
        from .. import __version__

        record = self._writer.create_warcinfo_record(
            self.path.name, {"software": f"citecheck/{__version__}", "format": "WARC File Format 1.0"}
        )
        self._writer.write_record(record)

    def record(self, response: FetchResponse, request_headers: dict) -> None:
        """Store one HTTP exchange (the fetcher's recorder hook)."""
        if response.status is None:
            self.record_failure(response)
            return
        url = response.final_url or response.url
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _HOP_HEADERS]
        headers.append(("Content-Length", str(len(response.body))))
        from warcio.statusandheaders import StatusAndHeaders

        http_headers = StatusAndHeaders(
            f"{response.status} {response.reason or 'Status'}".strip(), headers, protocol="HTTP/1.1"
        )
        warc_headers = {"WARC-Date": _warc_date()}
        if response.truncated:
            cut = response.error_kind.warc_truncated if response.error_kind is not None else None
            warc_headers["WARC-Truncated"] = cut or "unspecified"
        parts = urlsplit(url)
        target = urlunsplit(("", "", parts.path or "/", parts.query, "")) or "/"
        req_headers = [("Host", parts.netloc)] + [
            (str(k), str(v)) for k, v in (request_headers or {}).items()
        ]
        request = StatusAndHeaders(
            f"GET {target} HTTP/1.1", req_headers, protocol="HTTP/1.1", is_http_request=True
        )
        with self._lock:
            if self._closed:
                return
            resp = self._writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(response.body),
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
            )
            req = self._writer.create_warc_record(url, "request", http_headers=request)
            self._writer.write_request_response_pair(req, resp)
            self._handle.flush()
            self.records += 1

    def record_failure(self, response: FetchResponse) -> None:
        """Store a fetch that got no HTTP answer, as a ``metadata`` record replay understands."""
        payload = json.dumps(
            {
                "error": response.error,
                "error_kind": response.error_kind.value if response.error_kind is not None else None,
                "attempts": response.attempts,
            }
        ).encode()
        with self._lock:
            if self._closed:
                return
            record = self._writer.create_warc_record(
                response.final_url or response.url,  # the hop that failed (after any redirects)
                "metadata",
                payload=io.BytesIO(payload),
                warc_content_type=ERROR_CONTENT_TYPE,
                warc_headers_dict={"WARC-Date": _warc_date()},
            )
            self._writer.write_record(record)
            self._handle.flush()
            self.records += 1

    def close(self) -> Path:
        """Finish the file and move it to its final path (idempotent)."""
        with self._lock:
            if self._closed:
                return self.path
            self._closed = True
            try:
                self._handle.flush()
                os.fsync(self._handle.fileno())
                self._handle.close()
                os.replace(self._tmp, self.path)
            except OSError as exc:
                raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        return self.path

    def abort(self) -> None:
        """Drop the partial file (nothing appears at ``path``)."""
        with self._lock:
            self._closed = True
            self._handle.close()
            try:
                self._tmp.unlink()
            except OSError:
                pass

    def __enter__(self) -> WarcRecorder:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is KeyboardInterrupt:
            self.abort()
        else:
            self.close()


class RecordingFetcher(TransportWrapper):
    """A transport that also records fetches which got no HTTP answer (see module doc); the
    answers themselves reach the recorder from the wrapped fetcher (its ``recorder`` hook).
    """

    def __init__(self, fetcher, recorder: WarcRecorder):
        super().__init__(fetcher)
        self._recorder = recorder

    def fetch(self, url: str, **kwargs) -> FetchResponse:
        response = self.inner.fetch(url, **kwargs)
        kind = response.error_kind
        if response.status is None and not (kind is not None and kind.unfetchable):
            self._recorder.record_failure(response)
        return response


_PROBE_NAME = recache.compile(r"/citecheck-[0-9a-f]+-no-such-page$")


def _probe_dir(url: str) -> str | None:
    """For live.py's soft-404 probe URLs (a random page name): the directory they probe."""
    key = normalise_url(url)
    found = _PROBE_NAME.search(urlsplit(key).path)
    return key[: len(key) - len(found.group(0)) + 1] if found else None


@dataclass(frozen=True)
class _Entry:
    path: Path
    offset: int
    kind: str  # "response" | "failure"


class ReplayFetcher:
    """Answers ``fetch`` from WARC files: the latest record for each URL; no network, ever.

    The files are read once, streaming, to index record offsets; bodies are read on demand.
    A URL the WARC does not hold answers ``status=None, error_kind=ErrorKind.OFFLINE`` with no
    attempts. Redirects are followed by the live fetcher's loop (:func:`~.transport.follow_redirects`,
    the same limit); an archive host that failed hopelessly answers the rest of the run from the
    same kind of :class:`~.transport.HostMemo` the live fetcher keeps.

    >>> ReplayFetcher([]).fetch("http://a.org/").error_kind
    <ErrorKind.OFFLINE: 'offline'>
    """

    def __init__(self, paths: str | os.PathLike | Iterable[str | os.PathLike] = ()):
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        self.paths = tuple(Path(p) for p in paths)
        self.config = FetchConfig()
        self.request_count = 0  # network requests: always zero
        self.replayed = 0
        self.memo = HostMemo()
        self._index: dict[str, list[_Entry]] = {}
        self._probes: dict[str, str] = {}  # probed directory -> recorded probe URL key
        self._lock = threading.Lock()
        for path in self.paths:
            self._scan(path)

    def _scan(self, path: Path) -> None:
        try:
            with open(path, "rb") as handle:
                magic = handle.read(5)
                if magic[:2] != b"\x1f\x8b" and magic != b"WARC/":
                    raise InputError(f"{path} is not a readable WARC file (no WARC or gzip header)")
                handle.seek(0)
                from warcio.archiveiterator import ArchiveIterator

                iterator = ArchiveIterator(handle)
                for record in iterator:
                    kind = record.rec_type
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    if not uri:
                        continue
                    if kind == "response":
                        entry = _Entry(path, iterator.get_record_offset(), "response")
                    elif (
                        kind == "metadata"
                        and record.rec_headers.get_header("Content-Type") == ERROR_CONTENT_TYPE
                    ):
                        entry = _Entry(path, iterator.get_record_offset(), "failure")
                    else:
                        continue
                    self._index.setdefault(normalise_url(uri), []).append(entry)
                    probed = _probe_dir(uri)
                    if probed is not None:
                        self._probes[probed] = normalise_url(uri)
        except OSError as exc:
            raise InputError(f"cannot read WARC {path}: {exc.strerror or exc}") from None
        except InputError:
            raise
        except Exception as exc:  # warcio raises plain exceptions on a damaged file
            raise InputError(f"{path} is not a readable WARC file: {exc}") from None

    def precheck(self, url: str, purpose: str = "live") -> tuple[ErrorKind, str] | None:
        """Scheme and syntax checks, as the live fetcher makes them (no guard: nothing is sent),
        and archive hosts that failed hopelessly earlier in the replay."""
        problem = url_problem(url)
        if problem is not None or purpose not in ARCHIVE_PURPOSES:
            return problem
        return self.memo.answer(url, purpose)

    def ready_at(self, host: str) -> float:
        """Replay waits for no one."""
        return 0.0

    def _entries(self, url: str) -> list[_Entry] | None:
        entries = self._index.get(normalise_url(url))
        if entries is None:
            # live.py probes a random page name per run: any recorded probe of that directory answers
            probed = _probe_dir(url)
            if probed is not None and probed in self._probes:
                entries = self._index.get(self._probes[probed])
        return entries

    def __contains__(self, url: str) -> bool:
        return normalise_url(url) in self._index

    def urls(self) -> list[str]:
        return sorted(self._index)

    def _read(self, entry: _Entry) -> tuple[str, dict, bytes, str | None, str | None, str]:
        """(status line, headers, body, truncated-kind, failure json, reason)."""
        from warcio.archiveiterator import ArchiveIterator

        with open(entry.path, "rb") as handle:
            handle.seek(entry.offset)
            record = next(iter(ArchiveIterator(handle)))
            body = record.content_stream().read()
            truncated = record.rec_headers.get_header("WARC-Truncated")
            if entry.kind == "failure":
                return "", {}, b"", None, body.decode("utf-8", "replace"), ""
            status = record.http_headers.get_statuscode()
            reason = record.http_headers.statusline.partition(" ")[2]
            headers = {k.lower(): v for k, v in record.http_headers.headers}
            return status, headers, body, truncated, None, reason or ""

    def fetch(
        self,
        url: str,
        *,
        purpose: str = "live",
        method: str = "GET",
        follow_redirects: bool = True,
        max_bytes: int | None = None,
        headers: dict | None = None,
    ) -> FetchResponse:
        """Replay ``url`` (following recorded redirects); never raises, never touches the network."""

        def ask(current: str, verb: str) -> Hop:
            return self._hop(current, verb, max_bytes)

        chain = _follow(
            url,
            ask,
            lambda current: self.precheck(current, purpose),
            method=method,
            follow=follow_redirects,
            max_redirects=self.config.max_redirects,
        )
        hop = chain.hop
        if hop.status is None and purpose in ARCHIVE_PURPOSES and hop.attempts:
            self.memo.note(chain.final_url, purpose, hop.error_kind, hop.error)
        return FetchResponse(
            url=url,
            final_url=chain.final_url,
            status=hop.status,
            reason=hop.reason,
            headers=dict(hop.headers or {}),
            body=hop.body,
            redirects=chain.redirects,
            elapsed=0.0,
            attempts=chain.attempts,
            truncated=hop.truncated,
            error=hop.error,
            error_kind=hop.error_kind,
            from_replay=True,
            unrecorded=hop.unrecorded,
        )

    def _hop(self, url: str, method: str, max_bytes: int | None) -> Hop:
        """The latest record of ``url``: an answer, a recorded failure, or none (offline)."""
        entries = self._entries(url)
        if not entries:
            return Hop(
                error=f"offline: {url} is not in the WARC", error_kind=ErrorKind.OFFLINE, unrecorded=True
            )
        status, headers, body, truncated, failure, reason = self._read(entries[-1])
        with self._lock:
            self.replayed += 1
        if failure is not None:
            info = json.loads(failure)
            return Hop(
                error=info.get("error"),
                error_kind=ErrorKind.parse(info.get("error_kind")),
                attempts=int(info.get("attempts") or 1),
            )
        code = int(status) if str(status).isdigit() else None
        kind = ErrorKind.from_warc_truncated(truncated)
        if max_bytes is not None and len(body) > max_bytes:
            body, kind = body[:max_bytes], ErrorKind.TOO_LARGE
        if method.upper() == "HEAD":
            body = b""
        attempts = len(entries) if code in (408, 429) or (code or 0) >= 500 else 1
        return Hop(
            status=code,
            reason=reason,
            headers=headers,
            body=body,
            truncated=kind is not None,
            error=f"body cut when recorded ({kind.value})" if kind is not None else None,
            error_kind=kind,
            attempts=attempts,
        )

    def close(self) -> None:
        pass

    def __enter__(self) -> ReplayFetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_follow = follow_redirects  # ``fetch`` has a parameter of that name
