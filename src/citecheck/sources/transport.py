"""The transport every network access goes through: one protocol, one result type, typed errors.

A :class:`Transport` answers :meth:`~Transport.fetch` with a :class:`FetchResponse` and never
raises for network trouble; what went wrong is an :class:`ErrorKind`, and the behaviour that
depends on it lives on the enum (whether a retry can help, whether the host is hopeless for the
rest of the run, how a WARC marks a body it cut), not in string literals spread over callers.

Three transports exist and are composed explicitly (see :mod:`citecheck.sources.session`):

* :class:`~citecheck.sources.fetcher.Fetcher` talks to servers (politeness, guard, retries);
* :class:`~citecheck.sources.warc.ReplayFetcher` answers from WARC files, never the network;
* :class:`TransportWrapper` subclasses add one concern on top of another transport
  (:class:`~citecheck.sources.warc.RecordingFetcher` records failures,
  :class:`~citecheck.sources.session.LoggingFetcher` logs a line per request,
  :class:`~citecheck.sources.checker.ArchiveTraffic` notes which archives answered).

Both real transports follow redirects with the one :func:`follow_redirects` loop and remember
hosts that will not answer in one :class:`HostMemo`.

>>> ErrorKind("dns").hopeless, ErrorKind.TIMEOUT.retryable, ErrorKind.GUARD.retryable
(True, True, False)
>>> ErrorKind.TOO_LARGE.warc_truncated, ErrorKind.from_warc_truncated("time")
('length', <ErrorKind.TIMEOUT: 'timeout'>)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol, runtime_checkable
from urllib.parse import urljoin, urlsplit, urlunsplit

from .. import recache

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Purposes paced by an archive's own budgets (an archive host is asked again and again).
ARCHIVE_PURPOSES = frozenset({"cdx", "timegate", "snapshot"})


class ErrorKind(str, Enum):
    """Why a fetch got no usable answer (or a damaged one). Compares equal to its value."""

    TIMEOUT = "timeout"  # no complete answer in time (connect, read or the total deadline)
    CONNECT = "connect"  # the connection was refused or reset before an answer
    DNS = "dns"  # the name does not exist (the network itself works)
    OFFLINE = "offline"  # no network, no DNS, or (replaying) no record of the URL
    GUARD = "guard"  # the address guard refused the address
    SCHEME = "scheme"  # not http/https
    INVALID_URL = "invalid-url"  # unparsable URL
    REDIRECT_LOOP = "redirect-loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    RATE_LIMITED = "rate-limited"  # the host asked us to stay away longer than we wait
    TLS = "tls"  # the certificate is not trusted or the handshake failed
    TOO_LARGE = "too-large"  # body cut at the size cap
    DECODE = "decode"  # broken or unsupported content-encoding
    INCOMPLETE = "incomplete"  # the connection ended before the body did

    __hash__ = str.__hash__  # a set of kinds and a set of their values are the same set

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @classmethod
    def parse(cls, value: object) -> ErrorKind | None:
        """The kind named by ``value`` (a kind, its value, or None; an unknown name gives None)."""
        if value is None or isinstance(value, ErrorKind):
            return value
        try:
            return cls(str(value))
        except ValueError:
            return None

    @property
    def retryable(self) -> bool:
        """A new attempt may get an answer (when no HTTP answer came at all)."""
        return self in (ErrorKind.TIMEOUT, ErrorKind.CONNECT)

    @property
    def unfetchable(self) -> bool:
        """The URL itself is refused before any traffic: nothing to record, nothing to retry."""
        return self in (ErrorKind.SCHEME, ErrorKind.INVALID_URL)

    @property
    def unresolved(self) -> bool:
        """The host's name gave no address (no such name, or no network): true for every port and
        every purpose for the rest of the run."""
        return self in (ErrorKind.DNS, ErrorKind.OFFLINE)

    @property
    def hopeless(self) -> bool:
        """Once the fetcher's retries are spent, the host will not answer this run either: an
        unresolved name, a refused connection, an address the guard refuses."""
        return self.unresolved or self in (ErrorKind.CONNECT, ErrorKind.GUARD)

    @property
    def warc_truncated(self) -> str | None:
        """The ``WARC-Truncated`` reason for a body cut by this kind (None: not a cut body)."""
        return _TRUNCATED.get(self)

    @classmethod
    def from_warc_truncated(cls, reason: str | None) -> ErrorKind | None:
        """The kind a recorded ``WARC-Truncated`` reason stands for (any other reason: too large)."""
        if not reason:
            return None
        return _TRUNCATED_BACK.get(reason, cls.TOO_LARGE)


_TRUNCATED = {ErrorKind.TOO_LARGE: "length", ErrorKind.TIMEOUT: "time", ErrorKind.INCOMPLETE: "disconnect"}
_TRUNCATED_BACK = {v: k for k, v in _TRUNCATED.items()}


@dataclass(frozen=True)
class FetchResponse:
    """What one fetch produced.

    ``status`` is None when no HTTP answer came; then ``error`` is one line and ``error_kind``
    says why (an :class:`ErrorKind`; a plain string naming one is converted). Body trouble after a
    status line sets ``error_kind`` too (:attr:`ErrorKind.TOO_LARGE` when the body was cut at the
    cap, ``DECODE``, ``INCOMPLETE``, ``TIMEOUT`` mid-body) and keeps the status and the bytes
    read. ``headers`` have lower-case keys.

    >>> FetchResponse("http://a.org/", "http://a.org/", None, "", {}, b"", (), 0.0, 1, False,
    ...               "DNS: no such host a.org", "dns").error_kind
    <ErrorKind.DNS: 'dns'>
    """

    url: str
    final_url: str
    status: int | None
    reason: str
    headers: dict[str, str]  # lower-case keys
    body: bytes
    redirects: tuple[str, ...]
    elapsed: float
    attempts: int
    truncated: bool
    error: str | None
    error_kind: ErrorKind | None
    from_replay: bool = False
    unrecorded: bool = False  # replaying: the WARC files hold no record of this URL (nothing asked)

    def __post_init__(self) -> None:
        if self.error_kind is not None and not isinstance(self.error_kind, ErrorKind):
            object.__setattr__(self, "error_kind", ErrorKind.parse(self.error_kind))

    @property
    def ok(self) -> bool:
        """True for a 2xx answer."""
        return self.status is not None and 200 <= self.status < 300

    @property
    def content_language(self) -> str | None:
        """The ``Content-Language`` header (the page's language as the server states it), or None."""
        value = (self.headers.get("content-language") or "").strip()
        return value or None


@runtime_checkable
class Transport(Protocol):
    """What every fetcher offers (the live one, a replay, and the wrappers around them)."""

    config: object  # a FetchConfig: limits callers read (max_bytes, per_host_concurrency)

    @property
    def request_count(self) -> int: ...

    def fetch(
        self,
        url: str,
        *,
        purpose: str = "live",
        method: str = "GET",
        follow_redirects: bool = True,
        max_bytes: int | None = None,
        headers: dict | None = None,
    ) -> FetchResponse: ...

    def precheck(self, url: str) -> tuple[ErrorKind, str] | None:
        """Why ``url`` cannot be fetched, before any traffic (or None)."""

    def ready_at(self, host: str) -> float:
        """When a page request to ``host`` could start (the clock of the transport's limiter)."""

    def close(self) -> None: ...


class TransportWrapper:
    """A transport that adds one concern to another: every member of :class:`Transport` is
    forwarded explicitly; a subclass overrides :meth:`fetch` (or more)."""

    def __init__(self, inner: Transport):
        self.inner = inner

    @property
    def config(self):
        return self.inner.config

    @property
    def request_count(self) -> int:
        return self.inner.request_count

    def fetch(self, url: str, **kwargs) -> FetchResponse:
        return self.inner.fetch(url, **kwargs)

    def precheck(self, url: str) -> tuple[ErrorKind, str] | None:
        return self.inner.precheck(url)

    def ready_at(self, host: str) -> float:
        return self.inner.ready_at(host)

    def close(self) -> None:
        self.inner.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def normalise_url(url: str) -> str:
    """The form two URLs share when they name the same resource (for loops and replay look-ups)."""
    try:
        parts = urlsplit(url.strip())
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))
    except ValueError:
        return url.strip()


@dataclass
class Hop:
    """One URL's answer inside :func:`follow_redirects` (after that URL's own retries)."""

    status: int | None = None
    reason: str = ""
    headers: dict[str, str] | None = None
    body: bytes = b""
    truncated: bool = False
    error: str | None = None
    error_kind: ErrorKind | None = None
    attempts: int = 0
    unrecorded: bool = False  # a replay without a record of the URL

    def location(self) -> str | None:
        if self.status not in REDIRECT_STATUSES:
            return None
        return ((self.headers or {}).get("location") or "").strip() or None


@dataclass(frozen=True)
class Chain:
    """What :func:`follow_redirects` ended with: the last hop, where, and the way there."""

    hop: Hop
    final_url: str
    redirects: tuple[str, ...]
    attempts: int  # of the last URL asked (a failure before any hop: that failure's attempts)


def follow_redirects(
    url: str,
    ask: Callable[[str, str], Hop],
    precheck: Callable[[str], tuple[ErrorKind, str] | None],
    *,
    method: str = "GET",
    follow: bool = True,
    max_redirects: int = 10,
) -> Chain:
    """The one redirect loop: ``precheck`` every URL (the first and each target), ``ask(url,
    method)`` for its answer, follow ``Location`` up to ``max_redirects`` hops, stop at a loop.

    A 303 (and a 301/302 after a method other than GET/HEAD) continues with GET.
    """
    current = url
    redirects: list[str] = []
    seen = {normalise_url(url)}
    method = method.upper()
    attempts = 0
    while True:
        problem = precheck(current)
        if problem is not None:
            kind, message = problem
            return Chain(Hop(error=message, error_kind=ErrorKind(kind)), current, tuple(redirects), attempts)
        hop = ask(current, method)
        attempts = hop.attempts
        location = hop.location() if follow else None
        if location is None:
            return Chain(hop, current, tuple(redirects), attempts)
        target = urljoin(current, location).split("#", 1)[0]
        if len(redirects) >= max_redirects:
            hop.error_kind = ErrorKind.TOO_MANY_REDIRECTS
            hop.error = f"more than {max_redirects} redirects"
            return Chain(hop, current, tuple(redirects), attempts)
        key = normalise_url(target)
        if key in seen:
            hop.error_kind = ErrorKind.REDIRECT_LOOP
            hop.error = f"redirect loop: {current} -> {target}"
            return Chain(hop, current, (*redirects, target), attempts)
        seen.add(key)
        redirects.append(target)
        if hop.status == 303 or (hop.status in (301, 302) and method not in ("GET", "HEAD")):
            method = "GET"
        current = target


def host_key(url: str) -> str:
    """The lower-case host name of ``url`` ("" when there is none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class HostMemo:
    """Hosts that will not answer this run, remembered so later requests answer at once instead
    of queueing behind the host's rate limits again. Thread-safe.

    An unresolved name (:attr:`ErrorKind.unresolved`) holds for every request to the host; a
    refused connection or address (the rest of :attr:`ErrorKind.hopeless`) only for archive
    requests to that host and port, which an archive's budget would otherwise pace one by one
    (a page's host is asked once per cited URL and keeps its own retries).

    >>> memo = HostMemo()
    >>> memo.note("http://gone.example/a", "live", ErrorKind.DNS, "DNS: no such host gone.example")
    >>> memo.answer("http://gone.example/b", "cdx")
    (<ErrorKind.DNS: 'dns'>, 'DNS: no such host gone.example')
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._names: dict[str, tuple[ErrorKind, str]] = {}
        self._archive_hosts: dict[str, tuple[ErrorKind, str]] = {}

    @staticmethod
    def _netloc(url: str) -> str:
        try:
            return urlsplit(url).netloc.lower()
        except ValueError:
            return ""

    def note(self, url: str, purpose: str, kind: ErrorKind | None, message: str | None) -> None:
        """Remember the failure of a request (after its retries) when it holds for later ones."""
        if kind is None or not message or not kind.hopeless:
            return
        with self._lock:
            if kind.unresolved:
                self._names.setdefault(host_key(url), (kind, message))
            elif purpose in ARCHIVE_PURPOSES:
                self._archive_hosts.setdefault(self._netloc(url), (kind, message))

    def answer(self, url: str, purpose: str) -> tuple[ErrorKind, str] | None:
        """The remembered failure for a request to ``url``, or None."""
        with self._lock:
            found = self._names.get(host_key(url))
            if found is None and purpose in ARCHIVE_PURPOSES and self._archive_hosts:
                found = self._archive_hosts.get(self._netloc(url))
            return found


_SPACE_OR_CONTROL = recache.compile(r"[\x00-\x20]")


def url_problem(url: str) -> tuple[ErrorKind, str] | None:
    """What makes ``url`` unfetchable before any traffic, as ``(error_kind, one line)``, or None.

    >>> url_problem("javascript:alert(1)")
    (<ErrorKind.SCHEME: 'scheme'>, 'only http and https are fetched, not javascript:')
    """
    if not isinstance(url, str) or not url.strip():
        return (ErrorKind.INVALID_URL, "empty URL")
    if _SPACE_OR_CONTROL.search(url.strip()):
        return (ErrorKind.INVALID_URL, f"URL contains spaces or control characters: {url[:80]!r}")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        return (ErrorKind.INVALID_URL, f"unparsable URL ({exc}): {url[:80]}")
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = scheme + ":" if scheme else "no scheme"
        return (ErrorKind.SCHEME, f"only http and https are fetched, not {shown}")
    if not parts.hostname:
        return (ErrorKind.INVALID_URL, f"URL has no host: {url[:80]}")
    if port == 0:
        return (ErrorKind.INVALID_URL, f"URL has port 0: {url[:80]}")
    return None


__all__ = [
    "ARCHIVE_PURPOSES",
    "REDIRECT_STATUSES",
    "Chain",
    "ErrorKind",
    "FetchResponse",
    "Hop",
    "HostMemo",
    "Transport",
    "TransportWrapper",
    "follow_redirects",
    "host_key",
    "normalise_url",
    "url_problem",
]
