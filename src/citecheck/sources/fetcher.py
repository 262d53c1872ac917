"""The one fetcher every network access in citecheck goes through.

It owns a single connection pool (urllib3's ``PoolManager``, the engine under ``requests``,
used directly: a request costs about half the CPU, and the checker's speed on a fast network is
CPU-bound) and makes it safe and polite: only http/https;
redirects followed by hand so every hop passes the scheme check and the address guard;
per-host concurrency and minimum interval; per-purpose rates (CDX calls, snapshot
fetches); retries with exponential backoff on connect errors, timeouts, 408, 429 and 5xx;
``Retry-After`` honoured for the whole host; connect/read timeouts plus a total deadline
that a slow drip cannot outlast; a body cap that also holds for gzip/deflate bombs.

:meth:`Fetcher.fetch` never raises for network trouble: it returns a
:class:`FetchResponse` whose ``error``/``error_kind`` say what went wrong.

>>> with Fetcher(FetchConfig(retries=0)) as fetcher:
...     fetcher.fetch("file:///etc/passwd").error_kind
'scheme'

Times: ``clock``/``sleep`` drive the politeness waits (limiter, backoff, Retry-After) and
can be replaced in tests; network deadlines always use the real monotonic clock.
``total_timeout`` bounds the time spent talking to servers during one :meth:`fetch`
(all hops and attempts); politeness waits come on top of it.
"""

from __future__ import annotations

import email.utils
import errno
import heapq
import itertools
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urljoin, urlsplit, urlunsplit

import certifi
import urllib3
from requests.models import PreparedRequest
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from .. import __version__
from .guard import AddressGuard, GuardRefused, Resolver, default_resolver
from .ratelimit import HostBlocked, RateLimiter

DEFAULT_USER_AGENT = f"citecheck/{__version__} (+https://github.com/citecheck/citecheck)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PURPOSES = ("live", "cdx", "timegate", "snapshot")
#: Purposes paced by an archive's own limits (``cdx_per_minute``, ``snapshots_per_second``),
#: not by ``min_interval``, which is for the pages a paper cites.
ARCHIVE_BUDGETS = ("cdx", "snapshot")
_CHUNK = 64 * 1024
_REDIRECT_BODY_CAP = 64 * 1024
_MAX_BACKOFF = 60.0
_OFFLINE_MEMO_SECONDS = 30.0


@dataclass(frozen=True)
class FetchConfig:
    """Limits and politeness settings of a :class:`Fetcher` (defaults suit public servers).

    >>> FetchConfig().cdx_per_minute
    24.0
    >>> FetchConfig(allow_private=True, min_interval=0.01).allow_private
    True
    """

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 10
    retries: int = 3
    backoff: float = 1.0
    per_host_concurrency: int = 2
    min_interval: float = 1.0  # seconds between two page requests to one host (not archive requests)
    cdx_per_minute: float = 24.0
    snapshots_per_second: float = 8.0
    # requests of one archive budget (index queries, snapshots) in flight at once: enough to keep
    # a budget of 8 a second when one download takes half a second
    archive_concurrency: int = 4
    default_retry_after: float = 60.0  # silence after a 429 without Retry-After
    max_retry_after: float = 600.0  # a Retry-After beyond this: give up on that host this run
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    offline_probe_host: str | None = "example.com"  # resolved when a name fails, to tell "offline"
    ca_bundle: str | None = None  # PEM file of authorities to trust instead of the default bundle


@dataclass(frozen=True)
class FetchResponse:
    """What one :meth:`Fetcher.fetch` produced.

    ``status`` is None when no HTTP answer came; then ``error`` is one line and
    ``error_kind`` one of "timeout", "connect", "dns", "offline", "guard", "scheme",
    "invalid-url", "redirect-loop", "too-many-redirects", "rate-limited", "tls". Body trouble
    after a status line sets ``error_kind`` too ("too-large" when the body was cut at the
    cap, "decode" for a broken or unsupported content-encoding, "incomplete" when the
    connection ended early, "timeout" when the deadline passed mid-body) and keeps the
    status and the bytes read.
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
    error_kind: str | None
    from_replay: bool = False

    @property
    def ok(self) -> bool:
        """True for a 2xx answer."""
        return self.status is not None and 200 <= self.status < 300


class Recorder(Protocol):
    def record(self, response: FetchResponse, request_headers: dict) -> None: ...


# --------------------------------------------------------------------------------------
# Watchdog: shuts a socket down when its deadline passes, whatever it is blocked in.
# --------------------------------------------------------------------------------------
class _Watchdog:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int]] = []
        self._socks: dict[int, socket.socket] = {}
        self._fired: set[int] = set()
        self._ids = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._closed = False

    def watch(self, deadline: float, sock: socket.socket) -> int:
        with self._cond:
            token = next(self._ids)
            self._socks[token] = sock
            heapq.heappush(self._heap, (deadline, token))
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._run, name="citecheck-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()
            return token

    def cancel(self, token: int) -> bool:
        """Stop watching; True when the deadline had already fired for this token."""
        with self._cond:
            self._socks.pop(token, None)
            fired = token in self._fired
            self._fired.discard(token)
            return fired

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()

    def _run(self) -> None:
        with self._cond:
            while not self._closed:
                while self._heap and self._heap[0][1] not in self._socks:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                deadline, token = self._heap[0]
                delay = deadline - time.monotonic()
                if delay > 0:
                    self._cond.wait(delay)
                    continue
                heapq.heappop(self._heap)
                sock = self._socks.pop(token)
                self._fired.add(token)
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class _DeadlineExceeded(Exception):
    pass


# --------------------------------------------------------------------------------------
# Body decoding with a hard output cap (gzip/deflate bombs stop at the cap).
# --------------------------------------------------------------------------------------
class _Decoder:
    def __init__(self, encoding: str) -> None:
        codings = [c.strip() for c in encoding.lower().split(",") if c.strip() and c.strip() != "identity"]
        self.unsupported: str | None = None
        self._mode = "identity"
        if len(codings) == 1 and codings[0] in ("gzip", "x-gzip"):
            self._mode = "gzip"
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif len(codings) == 1 and codings[0] == "deflate":
            self._mode = "deflate"
            self._obj = zlib.decompressobj(zlib.MAX_WBITS)
            self._first = True
        elif codings:
            self.unsupported = ", ".join(codings)

    def feed(self, data: bytes, limit: int) -> bytes:
        """Decode ``data``, producing at most ``limit`` bytes (the rest is dropped)."""
        if self._mode == "identity" or self.unsupported:
            return data[:limit]
        if self._mode == "deflate" and self._first:
            self._first = False
            try:
                probe = zlib.decompressobj(zlib.MAX_WBITS)
                probe.decompress(data[:64], 0)
            except zlib.error:  # raw deflate without the zlib wrapper, as some servers send
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
        out = self._obj.decompress(data, limit)
        # The output was capped: whatever is left in unconsumed_tail is over the limit.
        return out


def _parse_retry_after(value: str | None, now_wall: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now_wall)


_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20]")


def url_problem(url: str) -> tuple[str, str] | None:
    """What makes ``url`` unfetchable before any traffic, as ``(error_kind, one line)``, or None.

    >>> url_problem("javascript:alert(1)")
    ('scheme', 'only http and https are fetched, not javascript:')
    """
    if not isinstance(url, str) or not url.strip():
        return ("invalid-url", "empty URL")
    if _SPACE_OR_CONTROL.search(url.strip()):
        return ("invalid-url", f"URL contains spaces or control characters: {url[:80]!r}")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        return ("invalid-url", f"unparsable URL ({exc}): {url[:80]}")
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = scheme + ":" if scheme else "no scheme"
        return ("scheme", f"only http and https are fetched, not {shown}")
    if not parts.hostname:
        return ("invalid-url", f"URL has no host: {url[:80]}")
    if port == 0:
        return ("invalid-url", f"URL has port 0: {url[:80]}")
    return None


def normalise_url(url: str) -> str:
    """The form two URLs share when they name the same resource (for loops and replay look-ups)."""
    try:
        parts = urlsplit(url.strip())
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))
    except ValueError:
        return url.strip()


def _host_key(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


@dataclass
class _Attempt:
    status: int | None = None
    reason: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    truncated: bool = False
    error: str | None = None
    error_kind: str | None = None
    request_headers: dict[str, str] = field(default_factory=dict)
    sent: bool = False


class Fetcher:
    """Polite, guarded HTTP client; thread-safe; one per run.

    >>> with Fetcher(FetchConfig(allow_private=False, retries=0)) as fetcher:
    ...     response = fetcher.fetch("http://10.0.0.1/")
    >>> response.error_kind, response.error, fetcher.request_count
    ('guard', 'refused: private address 10.0.0.1', 0)
    """

    def __init__(
        self,
        config: FetchConfig = FetchConfig(),  # noqa: B008 - frozen, safe as a default
        *,
        recorder: Recorder | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.config = config
        self.recorder = recorder
        self._clock = clock or time.monotonic
        self._sleep = sleep or time.sleep
        self.guard = AddressGuard(
            allow_private=config.allow_private,
            allowed_hosts=tuple(config.allowed_hosts),
            resolver=resolver or default_resolver,
        )
        self.limiter = RateLimiter(
            per_host_concurrency=config.per_host_concurrency,
            min_interval=config.min_interval,
            purpose_intervals={
                "cdx": 60.0 / config.cdx_per_minute if config.cdx_per_minute > 0 else 0.0,
                "snapshot": 1.0 / config.snapshots_per_second if config.snapshots_per_second > 0 else 0.0,
            },
            purpose_groups={"timegate": "snapshot"},
            own_budgets=ARCHIVE_BUDGETS,
            budget_concurrency=config.archive_concurrency,
            clock=self._clock,
            sleep=self._sleep,
        )
        self._local = threading.local()
        self._watchdog = _Watchdog()
        self._count_lock = threading.Lock()
        self._offline_memo: tuple[float, bool] | None = None
        # Hosts whose name did not resolve in this run (no such name, or no network): later
        # fetches answer at once instead of queueing behind the host's rate limits again.
        self._unresolved: dict[str, tuple[str, str]] = {}
        self.request_count = 0
        self._pool = self._make_pool()

    # -- session plumbing --------------------------------------------------------------
    def _make_pool(self) -> urllib3.PoolManager:
        fetcher = self

        class _GuardedMixin:
            def _new_conn(self) -> socket.socket:  # type: ignore[override]
                return fetcher._connect(self)  # type: ignore[arg-type]

            def getresponse(self):  # type: ignore[no-untyped-def]
                fetcher._watch(self.sock)  # type: ignore[attr-defined]
                return super().getresponse()  # type: ignore[misc]

        class _HTTPConn(_GuardedMixin, HTTPConnection):
            pass

        class _HTTPSConn(_GuardedMixin, HTTPSConnection):
            pass

        class _HTTPPool(HTTPConnectionPool):
            ConnectionCls = _HTTPConn

        class _HTTPSPool(HTTPSConnectionPool):
            ConnectionCls = _HTTPSConn

        # no proxies from the environment (the guard must see the target); certificates checked
        # against certifi's authorities unless a bundle is given, as requests does
        pool = urllib3.PoolManager(
            num_pools=64,
            maxsize=max(
                4, self.config.per_host_concurrency + self.config.archive_concurrency * len(ARCHIVE_BUDGETS)
            ),
            block=False,
            cert_reqs="CERT_REQUIRED",
            ca_certs=str(self.config.ca_bundle) if self.config.ca_bundle else certifi.where(),
        )
        pool.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        return pool

    def _connect(self, conn: HTTPConnection) -> socket.socket:
        """Resolve, check every address, connect to a checked one, check the peer."""
        host = conn._dns_host  # type: ignore[attr-defined]
        port = conn.port or 80
        try:
            addresses = self.guard.resolve(host, port)
        except GuardRefused as exc:
            self._local.failure = ("guard", f"refused: {exc}")
            raise NewConnectionError(conn, f"refused by the address guard: {exc}") from None
        except socket.gaierror as exc:
            self._local.failure = self._dns_failure(host, exc)
            raise NameResolutionError(host, conn, exc) from None
        last: OSError | None = None
        for address in addresses[:4]:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                for option in conn.socket_options or ():
                    sock.setsockopt(*option)
                timeout = conn.timeout
                if isinstance(timeout, (int, float)):
                    sock.settimeout(timeout)
                sock.connect((address, port))
                peer = sock.getpeername()[0]
                if not self.guard.host_is_allowed(host):
                    reason = self.guard.refusal_for_ip(peer)
                    if reason is not None:
                        sock.close()
                        self._local.failure = ("guard", f"refused: connected peer is a {reason}")
                        raise NewConnectionError(conn, f"refused by the address guard: {reason}")
                return sock
            except TimeoutError as exc:
                sock.close()
                last = exc
                self._local.failure = ("timeout", f"connect timeout after {conn.timeout} s to {host}")
            except NewConnectionError:
                raise
            except OSError as exc:
                sock.close()
                last = exc
                if exc.errno in (errno.ENETUNREACH, errno.ENETDOWN):
                    self._local.failure = ("offline", f"no network route to {host}: {exc.strerror or exc}")
                else:
                    self._local.failure = (
                        "connect",
                        f"cannot connect to {host}:{port}: {exc.strerror or exc}",
                    )
        if isinstance(last, TimeoutError):
            raise ConnectTimeoutError(conn, f"connect timeout to {host}")
        raise NewConnectionError(conn, f"cannot connect to {host}:{port}: {last}")

    def _watch(self, sock: socket.socket | None) -> None:
        """Called when a request has been written and its answer is awaited."""
        self._local.sent = True
        deadline = getattr(self._local, "deadline", None)
        if sock is None or deadline is None:
            return
        self._local.tokens.append(self._watchdog.watch(deadline, sock))

    def _dns_failure(self, host: str, exc: socket.gaierror) -> tuple[str, str]:
        """Tell "this name does not exist" (dns) from "no network at all" (offline)."""
        code = exc.args[0] if exc.args else None
        no_such_name = code in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5))
        if no_such_name and not self._offline():
            return ("dns", f"DNS: no such host {host}")
        return ("offline", f"cannot resolve {host}: no network or DNS unavailable ({exc.strerror or exc})")

    def _offline(self) -> bool:
        """Best guess whether the machine has no usable network (memoised briefly)."""
        now = time.monotonic()
        if self._offline_memo and now - self._offline_memo[0] < _OFFLINE_MEMO_SECONDS:
            return self._offline_memo[1]
        offline = False
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:  # a UDP "connect" only asks the kernel for a route: no packet is sent
            probe.connect(("192.0.2.1", 53))
        except OSError as exc:
            offline = exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL)
        finally:
            probe.close()
        if not offline and self.config.offline_probe_host:
            try:
                self.guard.resolver(self.config.offline_probe_host, 80)
            except (OSError, UnicodeError):
                offline = True
        self._offline_memo = (now, offline)
        return offline

    # -- public API ----------------------------------------------------------------------
    def close(self) -> None:
        """Close the connections and stop the watchdog."""
        self._pool.clear()
        self._watchdog.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

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
        """Fetch ``url``; never raises for network trouble (see :class:`FetchResponse`)."""
        started = self._clock()
        wall_started = time.monotonic()
        cap = self.config.max_bytes if max_bytes is None else max(0, int(max_bytes))
        deadline_budget = self.config.total_timeout
        method = method.upper()
        current = url
        redirects: list[str] = []
        seen = {normalise_url(url)}
        waited = 0.0
        attempts = 0
        last = _Attempt()

        while True:
            problem = self.precheck(current)
            if problem is not None:
                kind, message = problem
                return self._result(
                    url, current, redirects, started, attempts, _Attempt(error=message, error_kind=kind)
                )
            last, attempts, hop_wait = self._fetch_hop(
                current, method, purpose, cap, headers, wall_started, deadline_budget, waited
            )
            waited += hop_wait
            if (
                not follow_redirects
                or last.status not in REDIRECT_STATUSES
                or not last.headers.get("location")
            ):
                return self._result(url, current, redirects, started, attempts, last)
            target = urljoin(current, last.headers["location"].strip())
            target = target.split("#", 1)[0] if "#" in target else target
            if len(redirects) >= self.config.max_redirects:
                last.error_kind = "too-many-redirects"
                last.error = f"more than {self.config.max_redirects} redirects"
                return self._result(url, current, redirects, started, attempts, last)
            key = normalise_url(target)
            if key in seen:
                last.error_kind = "redirect-loop"
                last.error = f"redirect loop: {current} -> {target}"
                redirects.append(target)
                return self._result(url, current, redirects, started, attempts, last)
            seen.add(key)
            redirects.append(target)
            if last.status == 303 or (last.status in (301, 302) and method not in ("GET", "HEAD")):
                method = "GET"
            current = target

    # -- internals -----------------------------------------------------------------------
    def precheck(self, url: str) -> tuple[str, str] | None:
        """Scheme, syntax and literal-host checks, before any traffic."""
        problem = url_problem(url)
        if problem is not None:
            return problem
        host = urlsplit(url.strip()).hostname or ""
        reason = self.guard.refusal_for_host(host)
        if reason is not None:
            return ("guard", f"refused: {reason}")
        blocked = self.limiter.blocked(host.lower())
        if blocked is not None:
            return ("rate-limited", blocked)
        return self._unresolved.get(host.lower())

    def _fetch_hop(
        self,
        url: str,
        method: str,
        purpose: str,
        cap: int,
        headers: dict | None,
        wall_started: float,
        budget: float,
        waited_before: float,
    ) -> tuple[_Attempt, int, float]:
        """One URL with retries. Returns (last attempt, attempts made, seconds waited)."""
        host = _host_key(url)
        waited = 0.0
        attempt = _Attempt()
        tries = 0
        for tries in range(1, self.config.retries + 2):
            deadline = wall_started + budget + waited_before + waited
            if time.monotonic() >= deadline:
                if not attempt.error_kind and attempt.status is None:
                    attempt = _Attempt(error="timeout: total deadline passed", error_kind="timeout")
                break
            try:
                with self.limiter.slot(host, purpose) as slot_wait:
                    waited += slot_wait
                    deadline += slot_wait
                    attempt = self._exchange(url, method, cap, headers, deadline)
            except HostBlocked as exc:
                return _Attempt(error=str(exc), error_kind="rate-limited"), tries - 1, waited
            if attempt.sent:
                with self._count_lock:
                    self.request_count += 1
            if attempt.error_kind in ("dns", "offline") and attempt.error:
                self._unresolved[host] = (attempt.error_kind, attempt.error)
            if attempt.status is not None and self.recorder is not None:
                self.recorder.record(self._result(url, url, [], 0.0, tries, attempt), attempt.request_headers)
            delay = self._retry_delay(host, attempt, tries)
            if delay is None or tries > self.config.retries:
                break
            if delay > 0:
                self._sleep(delay)
                waited += delay
        return attempt, tries, waited

    def _retry_delay(self, host: str, attempt: _Attempt, tries: int) -> float | None:
        """Seconds to wait before retrying, or None when the attempt must not be retried."""
        status = attempt.status
        if status is None:
            if attempt.error_kind not in ("timeout", "connect"):
                return None
        elif not (status in (408, 429) or 500 <= status <= 599):
            return None
        backoff = min(_MAX_BACKOFF, self.config.backoff * (2 ** (tries - 1)))
        if status in (429, 503):
            asked = _parse_retry_after(attempt.headers.get("retry-after"), time.time())
            if asked is None and status == 429:
                asked = self.config.default_retry_after
            if asked is not None:
                if asked > self.config.max_retry_after:
                    reason = (
                        f"{host} asked to wait {asked:.0f} s (Retry-After), more than "
                        f"{self.config.max_retry_after:.0f} s: not asked again this run"
                    )
                    self.limiter.block(host, reason)
                    attempt.error_kind = "rate-limited"
                    attempt.error = reason
                    return None
                self.limiter.defer(host, asked)
                return 0.0  # the limiter holds every request to the host until then
        return backoff

    def _exchange(self, url: str, method: str, cap: int, headers: dict | None, deadline: float) -> _Attempt:
        """One HTTP request/response, body read under the cap and the deadline."""
        request_headers = {
            "User-Agent": self.config.user_agent,
            "Accept": "*/*",
            "Accept-Encoding": "gzip, deflate",
        }
        if headers:
            request_headers.update({str(k): str(v) for k, v in headers.items()})
        out = _Attempt(request_headers=request_headers)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            out.error, out.error_kind = "timeout: total deadline passed", "timeout"
            return out
        self._local.failure = None
        self._local.sent = False
        self._local.deadline = deadline
        self._local.tokens = []
        response: urllib3.BaseHTTPResponse | None = None
        try:
            try:
                response = self._pool.urlopen(
                    method,
                    _wire_url(url),
                    headers=request_headers,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    decode_content=False,
                    assert_same_host=False,
                    timeout=urllib3.Timeout(
                        connect=min(self.config.connect_timeout, remaining),
                        read=min(self.config.read_timeout, remaining),
                    ),
                )
            except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
                out.error_kind, out.error = self._classify(exc, deadline)
                return out
            out.status = response.status
            out.reason = response.reason or ""
            out.headers = {k.lower(): response.headers[k] for k in response.headers}
            body_cap = min(cap, _REDIRECT_BODY_CAP) if out.status in REDIRECT_STATUSES else cap
            if method == "HEAD":
                body_cap = 0
            self._read_body(response, out, body_cap, deadline)
            return out
        finally:
            out.sent = bool(getattr(self._local, "sent", False))
            fired = False
            for token in self._local.tokens:
                fired = self._watchdog.cancel(token) or fired
            self._local.deadline = None
            self._local.tokens = []
            if response is not None:
                if out.error_kind is None and not out.truncated:
                    response.release_conn()
                else:
                    response.close()
                    response.release_conn()
            if fired and out.error_kind not in ("timeout",):
                out.error_kind = "timeout"
                out.error = f"timeout: no complete answer within {self.config.total_timeout:g} s"

    def _read_body(
        self, response: urllib3.BaseHTTPResponse, out: _Attempt, cap: int, deadline: float
    ) -> None:
        decoder = _Decoder(out.headers.get("content-encoding", ""))
        body = bytearray()
        raw = response
        try:
            while True:
                if time.monotonic() >= deadline:
                    raise _DeadlineExceeded()
                chunk = raw.read1(_CHUNK, decode_content=False)
                if not chunk:
                    break
                if decoder.unsupported:
                    body += chunk[: cap + 1 - len(body)]
                else:
                    body += decoder.feed(chunk, cap + 1 - len(body))
                if len(body) > cap:
                    out.truncated = True
                    out.error_kind = "too-large"
                    out.error = f"body larger than {cap} bytes: kept the first {cap}"
                    del body[cap:]
                    break
            if decoder.unsupported and out.error_kind is None:
                out.error_kind = "decode"
                out.error = f"content-encoding {decoder.unsupported} not supported: body left encoded"
        except zlib.error as exc:
            out.error_kind, out.error = "decode", f"broken {out.headers.get('content-encoding')} body: {exc}"
            out.truncated = True
        except (_DeadlineExceeded, urllib3.exceptions.ReadTimeoutError, TimeoutError):
            out.error_kind = "timeout"
            out.error = f"timeout while reading the body after {len(body)} bytes"
            out.truncated = True
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if time.monotonic() >= deadline:
                out.error_kind = "timeout"
                out.error = f"timeout while reading the body after {len(body)} bytes"
            else:
                out.error_kind = "incomplete"
                out.error = f"connection ended early after {len(body)} bytes: {type(exc).__name__}"
            out.truncated = True
        out.body = bytes(body)

    def _classify(self, exc: BaseException, deadline: float) -> tuple[str, str]:
        failure = getattr(self._local, "failure", None)
        if failure is not None and failure[0] in ("guard", "dns", "offline"):
            return failure
        if isinstance(exc, ValueError) and not isinstance(exc, OSError):
            return ("invalid-url", f"invalid URL: {exc}")
        if isinstance(exc, (urllib3.exceptions.SSLError, ssl.SSLError)):
            return ("tls", f"TLS: {_tls_reason(exc)}")
        timed_out = isinstance(exc, (urllib3.exceptions.TimeoutError, TimeoutError)) and not isinstance(
            exc, urllib3.exceptions.NewConnectionError
        )
        if timed_out or time.monotonic() >= deadline:
            return ("timeout", f"timeout: {_one_line(exc)}")
        if failure is not None:
            return failure
        return ("connect", f"connection failed: {_one_line(exc)}")

    def _result(
        self,
        url: str,
        final_url: str,
        redirects: list[str],
        started: float,
        attempts: int,
        attempt: _Attempt,
    ) -> FetchResponse:
        return FetchResponse(
            url=url,
            final_url=final_url,
            status=attempt.status,
            reason=attempt.reason,
            headers=dict(attempt.headers),
            body=attempt.body,
            redirects=tuple(redirects),
            elapsed=max(0.0, self._clock() - started) if started else 0.0,
            attempts=attempts,
            truncated=attempt.truncated,
            error=attempt.error,
            error_kind=attempt.error_kind,
        )


_WIRE_SAFE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _wire_url(url: str) -> str:
    """The URL as sent: plain ASCII URLs as they are; others (a non-ASCII host or path, a bare
    ``%``, characters a request line cannot carry) prepared as requests prepares them (IDNA
    host, percent-encoding)."""
    if _WIRE_SAFE.fullmatch(url.replace("%", "")) and not _BAD_ESCAPE.search(url):
        return url
    prepared = PreparedRequest()
    prepared.prepare_url(url, None)
    return prepared.url or url


def _tls_reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("certificate verify failed: ", "SSL: "):
        if marker in text:
            return " ".join(text.split(marker, 1)[1].split(")")[0].split())[:160]
    return _one_line(exc)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__
