"""The one fetcher every network access in citecheck goes through.

It owns a single connection pool (urllib3's ``PoolManager``, the engine under ``requests``,
used directly: a request costs about half the CPU, and the checker's speed on a fast network is
CPU-bound) and makes it safe and polite: only http/https;
redirects followed by hand (:func:`~.transport.follow_redirects`) so every hop passes the
scheme check and the address guard; proxies from the environment as requests uses them;
per-host concurrency and minimum interval; per-purpose rates (CDX calls, snapshot
fetches); retries with exponential backoff on connect errors, timeouts, 408, 429 and 5xx;
``Retry-After`` honoured for the whole host; connect/read timeouts plus a total deadline
that a slow drip cannot outlast; a body cap that also holds for gzip/deflate bombs.

:meth:`Fetcher.fetch` never raises for network trouble: it returns a
:class:`FetchResponse` whose ``error``/``error_kind`` say what went wrong.

>>> with Fetcher(FetchConfig(retries=0)) as fetcher:
...     fetcher.fetch("file:///etc/passwd").error_kind
<ErrorKind.SCHEME: 'scheme'>

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
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

import certifi
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from .. import recache
from .fetchconfig import ARCHIVE_BUDGETS, DEFAULT_USER_AGENT, PURPOSES, FetchConfig
from .guard import AddressGuard, GuardRefused, Resolver, default_resolver
from .proxy import ProxyChoice
from .ratelimit import HostBlocked, RateLimiter
from .transport import (
    REDIRECT_STATUSES,
    ErrorKind,
    FetchResponse,
    Hop,
    HostMemo,
    follow_redirects,
    host_key,
    normalise_url,
    url_problem,
)

_CHUNK = 64 * 1024
_REDIRECT_BODY_CAP = 64 * 1024
_MAX_BACKOFF = 60.0
_OFFLINE_MEMO_SECONDS = 30.0


__all__ = [
    "ARCHIVE_BUDGETS",
    "DEFAULT_USER_AGENT",
    "PURPOSES",
    "REDIRECT_STATUSES",
    "ErrorKind",
    "FetchConfig",
    "FetchResponse",
    "Fetcher",
    "NetworkProbe",
    "default_route_exists",
    "normalise_url",
    "url_problem",
]


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


class NetworkProbe:
    """Tells "this name does not exist" from "there is no network" when a name fails to resolve.

    Offline when the kernel has no route to a public address (``route()`` False; a UDP "connect"
    only asks the routing table, it sends nothing) or when ``probe_host`` does not resolve either.
    Both are injectable: a machine with no default route but a working resolver (a proxy-only
    network) is told apart by passing ``route=lambda: True``. Answers are memoised briefly.

    >>> NetworkProbe(lambda host, port: ["192.0.2.7"], "example.com", route=lambda: True).offline()
    False
    >>> NetworkProbe(lambda host, port: ["192.0.2.7"], "example.com", route=lambda: False).offline()
    True
    """

    def __init__(
        self,
        resolver: Resolver = default_resolver,
        probe_host: str | None = "example.com",
        *,
        route: Callable[[], bool] | None = None,
        memo_seconds: float = _OFFLINE_MEMO_SECONDS,
    ) -> None:
        self.resolver = resolver
        self.probe_host = probe_host
        self.route = route or default_route_exists
        self.memo_seconds = memo_seconds
        self._memo: tuple[float, bool] | None = None

    def offline(self) -> bool:
        now = time.monotonic()
        if self._memo and now - self._memo[0] < self.memo_seconds:
            return self._memo[1]
        offline = not self.route()
        if not offline and self.probe_host:
            try:
                self.resolver(self.probe_host, 80)
            except (OSError, UnicodeError):
                offline = True
        self._memo = (now, offline)
        return offline

    __call__ = offline


def default_route_exists() -> bool:
    """Whether the kernel has a route to a public address (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 53))
    except OSError as exc:
        return exc.errno not in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL)
    finally:
        probe.close()
    return True


class _ConnectFailed(NewConnectionError):
    """Raised from a connection's set-up with the typed reason the fetch result reports."""

    def __init__(self, conn: object, kind: ErrorKind, message: str) -> None:
        super().__init__(conn, message)
        self.kind = kind
        self.line = message


def _connect_failure(exc: BaseException | None) -> _ConnectFailed | None:
    """The :class:`_ConnectFailed` behind whatever urllib3 raised (it may wrap it)."""
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        current = todo.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, _ConnectFailed):
            return current
        todo.extend((current.__cause__, current.__context__, getattr(current, "reason", None)))
        todo.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return None


@dataclass
class _Exchange(Hop):
    """One request/response in progress: the connection classes write into it (``sent``, the
    watchdog tokens) while urllib3 drives them, and the fetcher returns it."""

    request_headers: dict[str, str] = field(default_factory=dict)
    sent: bool = False
    deadline: float | None = None
    tokens: list[int] = field(default_factory=list)
    on_sent: Callable[[], None] | None = None  # the limiter's turn: the interval runs from here


class Fetcher:
    """Polite, guarded HTTP client; thread-safe; one per run (a :class:`~.transport.Transport`).

    ``offline_probe`` (a callable returning True when there is no network) decides whether a
    name that failed to resolve is "no such host" or "offline"; it defaults to a
    :class:`NetworkProbe` over the fetcher's resolver and ``config.offline_probe_host``.
    ``proxies`` maps schemes to proxy URLs as requests does; by default the environment's
    ``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY`` and ``NO_PROXY`` decide, as requests decides.

    >>> with Fetcher(FetchConfig(allow_private=False, retries=0)) as fetcher:
    ...     response = fetcher.fetch("http://10.0.0.1/")
    >>> response.error_kind, response.error, fetcher.request_count
    (<ErrorKind.GUARD: 'guard'>, 'refused: private address 10.0.0.1', 0)
    """

    def __init__(
        self,
        config: FetchConfig = FetchConfig(),  # noqa: B008 - frozen, safe as a default
        *,
        recorder: Recorder | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
        resolver: Resolver | None = None,
        offline_probe: Callable[[], bool] | None = None,
        proxies: dict[str, str] | None = None,
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
        self.offline_probe = offline_probe or NetworkProbe(self.guard.resolver, config.offline_probe_host)
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
        self._watchdog = _Watchdog()
        self._count_lock = threading.Lock()
        # Hosts that will not answer this run (see HostMemo): later fetches answer at once.
        self.memo = HostMemo()
        self.proxy = ProxyChoice(proxies)
        self._pools_lock = threading.Lock()
        self._proxy_pools: dict[str, urllib3.PoolManager] = {}
        self.request_count = 0
        self._pool = self._make_pool()

    # -- session plumbing --------------------------------------------------------------
    def _pool_kwargs(self) -> dict:
        # certificates checked against certifi's authorities unless a bundle is given, as
        # requests does
        return {
            "num_pools": 64,
            "maxsize": max(
                4, self.config.per_host_concurrency + self.config.archive_concurrency * len(ARCHIVE_BUDGETS)
            ),
            "block": False,
            "cert_reqs": "CERT_REQUIRED",
            "ca_certs": str(self.config.ca_bundle) if self.config.ca_bundle else certifi.where(),
        }

    def _make_pool(self, proxy_url: str | None = None) -> urllib3.PoolManager:
        fetcher = self

        class _GuardedMixin:
            _citecheck: _Exchange | None = None  # the exchange this connection serves now

            def _new_conn(self) -> socket.socket:  # type: ignore[override]
                return fetcher._connect(self)  # type: ignore[arg-type]

            def getresponse(self):  # type: ignore[no-untyped-def]
                fetcher._watch(self.sock, self._citecheck)  # type: ignore[attr-defined]
                return super().getresponse()  # type: ignore[misc]

        class _HTTPConn(_GuardedMixin, HTTPConnection):
            pass

        class _HTTPSConn(_GuardedMixin, HTTPSConnection):
            pass

        def make_request(base):
            def _make_request(self, conn, *args, citecheck_exchange=None, **kwargs):  # type: ignore[no-untyped-def]
                conn._citecheck = citecheck_exchange
                try:
                    return base._make_request(self, conn, *args, **kwargs)
                finally:
                    conn._citecheck = None

            return _make_request

        class _HTTPPool(HTTPConnectionPool):
            ConnectionCls = _HTTPConn
            _make_request = make_request(HTTPConnectionPool)

        class _HTTPSPool(HTTPSConnectionPool):
            ConnectionCls = _HTTPSConn
            _make_request = make_request(HTTPSConnectionPool)

        if proxy_url is None:
            pool: urllib3.PoolManager = urllib3.PoolManager(**self._pool_kwargs())
        else:
            pool = urllib3.ProxyManager(
                proxy_url, proxy_headers=self.proxy.headers(proxy_url), **self._pool_kwargs()
            )
        pool.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        return pool

    def _pool_for(self, proxy_url: str | None) -> urllib3.PoolManager:
        if proxy_url is None:
            return self._pool
        with self._pools_lock:
            pool = self._proxy_pools.get(proxy_url)
            if pool is None:
                pool = self._proxy_pools[proxy_url] = self._make_pool(proxy_url)
            return pool

    def _connect(self, conn: HTTPConnection) -> socket.socket:
        """Resolve, check every address, connect to a checked one, check the peer.

        A connection to a proxy is the network's way out, not a target: the guard checked the
        target before the request (see :meth:`_exchange`)."""
        host = conn._dns_host  # type: ignore[attr-defined]
        port = conn.port or 80
        via_proxy = getattr(conn, "proxy", None) is not None
        try:
            addresses = default_resolver(host, port) if via_proxy else self.guard.resolve(host, port)
        except GuardRefused as exc:
            raise _ConnectFailed(conn, ErrorKind.GUARD, f"refused: {exc}") from None
        except socket.gaierror as exc:
            kind, message = self._dns_failure(host, exc)
            raise _ConnectFailed(conn, kind, message) from None
        last: OSError | None = None
        failure: tuple[ErrorKind, str] | None = None
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
                if not via_proxy and not self.guard.host_is_allowed(host):
                    reason = self.guard.refusal_for_ip(sock.getpeername()[0])
                    if reason is not None:
                        sock.close()
                        raise _ConnectFailed(conn, ErrorKind.GUARD, f"refused: connected peer is a {reason}")
                return sock
            except TimeoutError as exc:
                sock.close()
                last = exc
            except NewConnectionError:
                raise
            except OSError as exc:
                sock.close()
                last = exc
                if exc.errno in (errno.ENETUNREACH, errno.ENETDOWN):
                    failure = (ErrorKind.OFFLINE, f"no network route to {host}: {exc.strerror or exc}")
                else:
                    failure = (ErrorKind.CONNECT, f"cannot connect to {host}:{port}: {exc.strerror or exc}")
        if isinstance(last, TimeoutError) or failure is None:
            raise ConnectTimeoutError(conn, f"connect timeout to {host}")
        raise _ConnectFailed(conn, *failure)

    def _watch(self, sock: socket.socket | None, exchange: _Exchange | None) -> None:
        """Called when a request has been written and its answer is awaited."""
        if exchange is None:
            return
        exchange.sent = True
        if exchange.on_sent is not None:
            exchange.on_sent()
        if sock is None or exchange.deadline is None:
            return
        exchange.tokens.append(self._watchdog.watch(exchange.deadline, sock))

    def _dns_failure(self, host: str, exc: socket.gaierror) -> tuple[ErrorKind, str]:
        """Tell "this name does not exist" (dns) from "no network at all" (offline)."""
        code = exc.args[0] if exc.args else None
        no_such_name = code in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5))
        if no_such_name and not self.offline_probe():
            return (ErrorKind.DNS, f"DNS: no such host {host}")
        return (
            ErrorKind.OFFLINE,
            f"cannot resolve {host}: no network or DNS unavailable ({exc.strerror or exc})",
        )

    # -- public API ----------------------------------------------------------------------
    def close(self) -> None:
        """Close the connections and stop the watchdog."""
        self._pool.clear()
        with self._pools_lock:
            for pool in self._proxy_pools.values():
                pool.clear()
        self._watchdog.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def ready_at(self, host: str) -> float:
        """When a page request to ``host`` could start (see :meth:`RateLimiter.ready_at`)."""
        return self.limiter.ready_at(host)

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
        waited = 0.0

        def ask(current: str, verb: str) -> Hop:
            nonlocal waited
            hop, hop_wait = self._fetch_hop(
                current, verb, purpose, cap, headers, wall_started, self.config.total_timeout, waited
            )
            waited += hop_wait
            return hop

        chain = _follow(
            url,
            ask,
            lambda current: self.precheck(current, purpose),
            method=method,
            follow=follow_redirects,
            max_redirects=self.config.max_redirects,
        )
        return self._result(url, chain.final_url, chain.redirects, started, chain.attempts, chain.hop)

    # -- internals -----------------------------------------------------------------------
    def precheck(self, url: str, purpose: str = "live") -> tuple[ErrorKind, str] | None:
        """Scheme, syntax and literal-host checks, before any traffic (and hosts that will not
        answer this run)."""
        problem = url_problem(url)
        if problem is not None:
            return problem
        host = urlsplit(url.strip()).hostname or ""
        reason = self.guard.refusal_for_host(host)
        if reason is not None:
            return (ErrorKind.GUARD, f"refused: {reason}")
        blocked = self.limiter.blocked(host.lower())
        if blocked is not None:
            return (ErrorKind.RATE_LIMITED, blocked)
        return self.memo.answer(url, purpose)

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
    ) -> tuple[_Exchange, float]:
        """One URL with retries. Returns (last attempt with its count, seconds waited)."""
        host = host_key(url)
        waited = 0.0
        attempt = _Exchange()
        tries = 0
        for tries in range(1, self.config.retries + 2):
            deadline = wall_started + budget + waited_before + waited
            if time.monotonic() >= deadline:
                if not attempt.error_kind and attempt.status is None:
                    attempt = _Exchange(error="timeout: total deadline passed", error_kind=ErrorKind.TIMEOUT)
                break
            try:
                with self.limiter.turn(host, purpose) as turn:
                    waited += turn.waited
                    deadline += turn.waited
                    attempt = self._exchange(url, method, cap, headers, deadline, turn.sent)
            except HostBlocked as exc:
                attempt = _Exchange(error=str(exc), error_kind=ErrorKind.RATE_LIMITED, attempts=tries - 1)
                return attempt, waited
            if attempt.sent:
                with self._count_lock:
                    self.request_count += 1
            if attempt.status is not None and self.recorder is not None:
                attempt.attempts = tries
                self.recorder.record(self._result(url, url, (), 0.0, tries, attempt), attempt.request_headers)
            delay = self._retry_delay(host, attempt, tries)
            if delay is None or tries > self.config.retries:
                break
            if delay > 0:
                self._sleep(delay)
                waited += delay
        attempt.attempts = tries
        if attempt.status is None:
            self.memo.note(url, purpose, attempt.error_kind, attempt.error)
        return attempt, waited

    def _retry_delay(self, host: str, attempt: _Exchange, tries: int) -> float | None:
        """Seconds to wait before retrying, or None when the attempt must not be retried."""
        status = attempt.status
        if status is None:
            if attempt.error_kind is None or not attempt.error_kind.retryable:
                return None
        elif not (status in (408, 429) or 500 <= status <= 599):
            return None
        backoff = min(_MAX_BACKOFF, self.config.backoff * (2 ** (tries - 1)))
        if status in (429, 503):
            asked = _parse_retry_after((attempt.headers or {}).get("retry-after"), time.time())
            if asked is None and status == 429:
                asked = self.config.default_retry_after
            if asked is not None:
                if asked > self.config.max_retry_after:
                    reason = (
                        f"{host} asked to wait {asked:.0f} s (Retry-After), more than "
                        f"{self.config.max_retry_after:.0f} s: not asked again this run"
                    )
                    self.limiter.block(host, reason)
                    attempt.error_kind = ErrorKind.RATE_LIMITED
                    attempt.error = reason
                    return None
                self.limiter.defer(host, asked)
                return 0.0  # the limiter holds every request to the host until then
        return backoff

    def _exchange(
        self,
        url: str,
        method: str,
        cap: int,
        headers: dict | None,
        deadline: float,
        on_sent: Callable[[], None] | None = None,
    ) -> _Exchange:
        """One HTTP request/response, body read under the cap and the deadline."""
        request_headers = {
            "User-Agent": self.config.user_agent,
            "Accept": "*/*",
            "Accept-Encoding": "gzip, deflate",
        }
        if headers:
            request_headers.update({str(k): str(v) for k, v in headers.items()})
        out = _Exchange(request_headers=request_headers, deadline=deadline, on_sent=on_sent)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            out.error, out.error_kind = "timeout: total deadline passed", ErrorKind.TIMEOUT
            return out
        proxy_url = self.proxy.for_url(url)
        if proxy_url is not None:
            refusal = self._guard_through_proxy(url)
            if refusal is not None:
                out.error_kind, out.error = refusal
                return out
        response: urllib3.BaseHTTPResponse | None = None
        try:
            try:
                response = self._pool_for(proxy_url).urlopen(
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
                    citecheck_exchange=out,
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
            fired = False
            for token in out.tokens:
                fired = self._watchdog.cancel(token) or fired
            out.tokens = []
            if response is not None:
                if out.error_kind is None and not out.truncated:
                    response.release_conn()
                else:
                    response.close()
                    response.release_conn()
            if fired and out.error_kind is not ErrorKind.TIMEOUT:
                out.error_kind = ErrorKind.TIMEOUT
                out.error = f"timeout: no complete answer within {self.config.total_timeout:g} s"

    def _guard_through_proxy(self, url: str) -> tuple[ErrorKind, str] | None:
        """The guard's check of a target the proxy will connect to: every address the name
        resolves to here must be allowed (a name only the proxy can resolve is left to it; the
        connected peer cannot be checked through a proxy)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            self.guard.resolve(host, parts.port or (443 if parts.scheme == "https" else 80))
        except GuardRefused as exc:
            return (ErrorKind.GUARD, f"refused: {exc}")
        except (OSError, UnicodeError):
            return None
        return None

    def _read_body(
        self, response: urllib3.BaseHTTPResponse, out: _Exchange, cap: int, deadline: float
    ) -> None:
        decoder = _Decoder((out.headers or {}).get("content-encoding", ""))
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
                    out.error_kind = ErrorKind.TOO_LARGE
                    out.error = f"body larger than {cap} bytes: kept the first {cap}"
                    del body[cap:]
                    break
            if decoder.unsupported and out.error_kind is None:
                out.error_kind = ErrorKind.DECODE
                out.error = f"content-encoding {decoder.unsupported} not supported: body left encoded"
        except zlib.error as exc:
            out.error_kind = ErrorKind.DECODE
            out.error = f"broken {(out.headers or {}).get('content-encoding')} body: {exc}"
            out.truncated = True
        except (_DeadlineExceeded, urllib3.exceptions.ReadTimeoutError, TimeoutError):
            out.error_kind = ErrorKind.TIMEOUT
            out.error = f"timeout while reading the body after {len(body)} bytes"
            out.truncated = True
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if time.monotonic() >= deadline:
                out.error_kind = ErrorKind.TIMEOUT
                out.error = f"timeout while reading the body after {len(body)} bytes"
            else:
                out.error_kind = ErrorKind.INCOMPLETE
                out.error = f"connection ended early after {len(body)} bytes: {type(exc).__name__}"
            out.truncated = True
        out.body = bytes(body)

    def _classify(self, exc: BaseException, deadline: float) -> tuple[ErrorKind, str]:
        failed = _connect_failure(exc)
        if failed is not None and failed.kind in (ErrorKind.GUARD, ErrorKind.DNS, ErrorKind.OFFLINE):
            return (failed.kind, failed.line)
        if isinstance(exc, ValueError) and not isinstance(exc, OSError):
            return (ErrorKind.INVALID_URL, f"invalid URL: {exc}")
        if isinstance(exc, (urllib3.exceptions.SSLError, ssl.SSLError)):
            return (ErrorKind.TLS, f"TLS: {_tls_reason(exc)}")
        timed_out = isinstance(exc, (urllib3.exceptions.TimeoutError, TimeoutError)) and not isinstance(
            exc, urllib3.exceptions.NewConnectionError
        )
        if timed_out or time.monotonic() >= deadline:
            return (ErrorKind.TIMEOUT, f"timeout: {_one_line(exc)}")
        if failed is not None:
            return (failed.kind, failed.line)
        return (ErrorKind.CONNECT, f"connection failed: {_one_line(exc)}")

    def _result(
        self,
        url: str,
        final_url: str,
        redirects: tuple[str, ...],
        started: float,
        attempts: int,
        attempt: Hop,
    ) -> FetchResponse:
        return FetchResponse(
            url=url,
            final_url=final_url,
            status=attempt.status,
            reason=attempt.reason,
            headers=dict(attempt.headers or {}),
            body=attempt.body,
            redirects=tuple(redirects),
            elapsed=max(0.0, self._clock() - started) if started else 0.0,
            attempts=attempts,
            truncated=attempt.truncated,
            error=attempt.error,
            error_kind=attempt.error_kind,
        )


_follow = follow_redirects  # the method ``fetch`` has a parameter of that name


_WIRE_SAFE = recache.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*")
_BAD_ESCAPE = recache.compile(r"%(?![0-9A-Fa-f]{2})")


def _wire_url(url: str) -> str:
    """The URL as sent: plain ASCII URLs as they are; others (a non-ASCII host or path, a bare
    ``%``, characters a request line cannot carry) prepared as requests prepares them (IDNA
    host, percent-encoding)."""
    if _WIRE_SAFE.fullmatch(url.replace("%", "")) and not _BAD_ESCAPE.search(url):
        return url
    # imported here: requests (and its charset detection) costs start-up time, and most URLs
    # are plain ASCII
    from requests.models import PreparedRequest

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
