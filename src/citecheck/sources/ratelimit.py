"""Politeness: per-host concurrency, minimum interval, per-purpose rates, Retry-After.

One :class:`RateLimiter` belongs to one fetcher and is shared by all its threads. A
request first takes one of the host's concurrency slots, then reserves a start time that
is at least ``min_interval`` after the previous start on that host, at least the purpose's
interval after the previous start of that purpose on that host (CDX calls, snapshot
fetches), and not before a ``Retry-After`` the host asked for. Reservations are made
under a lock and waited out without it, so threads queue fairly and precisely.

What a server sees is when a request's bytes arrive, not when a thread was let go: a thread
released on time can still send late (a new connection, a busy process), and the request after
it, on another connection, would then arrive less than an interval later. A request made in a
:meth:`RateLimiter.turn` therefore says when it was really sent (:meth:`Turn.sent`); the next
request to that host waits until it has been, and then one interval from that moment.

A purpose with a budget of its own (``own_budgets``: an archive's CDX queries and snapshot
downloads) is paced by that budget alone, with concurrency slots of its own: the host's
minimum interval is for pages, and a web archive states its limits per kind of request
(about 24 index queries a minute, 8 snapshots a second). A ``Retry-After`` holds every
request to the host, whatever its purpose.

The clock and sleep are injectable, so tests can run the schedule without waiting:

>>> now = [0.0]
>>> limiter = RateLimiter(min_interval=2.0, clock=lambda: now[0],
...                       sleep=lambda s: now.__setitem__(0, now[0] + s))
>>> with limiter.slot("example.org"):
...     pass
>>> with limiter.slot("example.org"):
...     pass
>>> now[0]
2.0
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager


class HostBlocked(Exception):
    """The host asked us to stay away longer than we are willing to wait this run."""


class RateLimiter:
    """Thread-safe per-host and per-purpose limiter.

    ``purpose_intervals`` maps a purpose (``"cdx"``) to the minimum seconds between two
    starts of that purpose on one host; ``purpose_groups`` lets purposes share a budget
    (``{"timegate": "snapshot"}``); purposes (after grouping) in ``own_budgets`` skip the
    host's ``min_interval`` and have ``budget_concurrency`` slots of their own (default: as
    many as ``per_host_concurrency``).

    >>> now = [0.0]
    >>> limiter = RateLimiter(min_interval=1.0, purpose_intervals={"snapshot": 0.125},
    ...                       own_budgets=("snapshot",), clock=lambda: now[0],
    ...                       sleep=lambda s: now.__setitem__(0, now[0] + s))
    >>> for _ in range(8):
    ...     _ = limiter.wait_turn("archive.org", "snapshot")
    >>> now[0]  # eight downloads at 8 a second, not one a second
    0.875
    """

    def __init__(
        self,
        *,
        per_host_concurrency: int = 2,
        min_interval: float = 1.0,
        purpose_intervals: Mapping[str, float] | None = None,
        purpose_groups: Mapping[str, str] | None = None,
        own_budgets: tuple[str, ...] = (),
        budget_concurrency: int | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if per_host_concurrency < 1:
            raise ValueError("per_host_concurrency must be at least 1")
        self.per_host_concurrency = per_host_concurrency
        self.min_interval = max(0.0, float(min_interval))
        self.purpose_intervals = dict(purpose_intervals or {})
        self.purpose_groups = dict(purpose_groups or {})
        self.own_budgets = frozenset(own_budgets)
        self.budget_concurrency = max(1, budget_concurrency or per_host_concurrency)
        self._clock = clock or time.monotonic
        self._sleep = sleep or time.sleep
        self._lock = threading.Condition()
        self._active: dict[str, int] = {}
        self._next_start: dict[tuple[str, str], float] = {}
        self._released: dict[tuple[str, str], float] = {}  # (budget, host) -> last actual start
        self._not_before: dict[str, float] = {}
        self._blocked: dict[str, str] = {}
        self._unsent: dict[tuple[str, str], int] = {}  # (budget, host) -> turns let go, not yet sent

    # -- concurrency -------------------------------------------------------------------
    def _lane(self, purpose: str) -> str:
        """The budget a purpose is paced by: its own group, or "" (the host's interval)."""
        group = self.purpose_groups.get(purpose, purpose)
        return group if group in self.own_budgets else ""

    def _take(self, host: str, lane: str = "") -> None:
        key = (host, lane)
        limit = self.budget_concurrency if lane else self.per_host_concurrency
        with self._lock:
            while self._active.get(key, 0) >= limit:
                self._lock.wait()
            self._active[key] = self._active.get(key, 0) + 1

    def _give(self, host: str, lane: str = "") -> None:
        key = (host, lane)
        with self._lock:
            self._active[key] = self._active.get(key, 1) - 1
            if self._active[key] <= 0:
                del self._active[key]
            self._lock.notify_all()

    # -- timing ------------------------------------------------------------------------
    def _reserve(self, host: str, purpose: str) -> float:
        """Reserve the earliest allowed start; return it (clock time)."""
        group = self.purpose_groups.get(purpose, purpose)
        with self._lock:
            if host in self._blocked:
                raise HostBlocked(self._blocked[host])
            now = self._clock()
            own = group in self.own_budgets
            start = max(
                now,
                now if own else self._next_start.get(("", host), now),
                self._next_start.get((group, host), now),
                self._not_before.get(host, now),
            )
            if not own:
                self._next_start[("", host)] = start + self.min_interval
            interval = self.purpose_intervals.get(group, 0.0)
            if interval > 0:
                self._next_start[(group, host)] = start + interval
            return start

    def wait_turn(self, host: str, purpose: str = "live") -> float:
        """Block until a request of ``purpose`` may start on ``host``; return seconds waited.

        Call it while holding a concurrency slot (see :meth:`slot`). A ``Retry-After``
        that arrives while waiting is honoured: the thread waits again.
        """
        return self._wait(host, purpose, None)

    def _wait(self, host: str, purpose: str, turn: Turn | None) -> float:
        waited = 0.0
        while True:
            start = self._reserve(host, purpose)
            delay = start - self._clock()
            if delay > 0:
                self._sleep(delay)
                waited += delay
            while True:  # keep the place reserved: a late previous start costs its lateness only
                with self._lock:
                    if host in self._blocked:
                        raise HostBlocked(self._blocked[host])
                    if self._not_before.get(host, 0.0) > self._clock() + 1e-9:
                        break  # a Retry-After came while waiting: reserve again
                    began = self._clock()
                    if self._unsent_for(host, purpose):
                        self._lock.wait()  # the previous request has not left yet
                        waited += self._clock() - began
                        continue
                    late = self._release(host, purpose, turn)
                    if late <= 0:
                        return waited
                self._sleep(late)
                waited += late

    def _budgets(self, purpose: str) -> list[tuple[str, float]]:
        """The budgets a request of ``purpose`` is paced by, as (key, interval)."""
        group = self.purpose_groups.get(purpose, purpose)
        budgets = [(group, self.purpose_intervals.get(group, 0.0))]
        if group not in self.own_budgets:
            budgets.append(("", self.min_interval))
        return [(key, interval) for key, interval in budgets if interval > 0]

    def _unsent_for(self, host: str, purpose: str) -> bool:
        return any(self._unsent.get((key, host), 0) > 0 for key, _ in self._budgets(purpose))

    def _release(self, host: str, purpose: str, turn: Turn | None = None) -> float:
        """Start now (return 0) unless a request of the same budget *actually* started less than
        its interval ago: then return the seconds still to wait. Threads that wake late together
        (a stalled process) go one interval apart, never in a burst. Called under the lock."""
        now = self._clock()
        budgets = self._budgets(purpose)
        late = 0.0
        for key, interval in budgets:
            last = self._released.get((key, host))
            if last is not None and now < last - 1e-9 + interval:
                self._next_start[(key, host)] = max(self._next_start.get((key, host), now), last + interval)
                late = max(late, last + interval - now)
        if late > 0:
            return late
        for key, _interval in budgets:
            self._released[(key, host)] = now
            if turn is not None:
                self._unsent[(key, host)] = self._unsent.get((key, host), 0) + 1
        if turn is not None:
            turn._keys = tuple(key for key, _ in budgets)
        return 0.0

    def _sent(self, turn: Turn, *, went: bool) -> None:
        """``turn``'s request has left (``went``) or never will: the next one may be let go."""
        with self._lock:
            now = self._clock()
            for key in turn._keys:
                pending = self._unsent.get((key, turn.host), 0) - 1
                if pending > 0:
                    self._unsent[(key, turn.host)] = pending
                else:
                    self._unsent.pop((key, turn.host), None)
                if went:  # the interval runs from the moment the server could see it
                    self._released[(key, turn.host)] = max(self._released.get((key, turn.host), now), now)
                    interval = self.min_interval if key == "" else self.purpose_intervals.get(key, 0.0)
                    self._next_start[(key, turn.host)] = max(
                        self._next_start.get((key, turn.host), now), now + interval
                    )
            turn._keys = ()
            self._lock.notify_all()

    @contextmanager
    def slot(self, host: str, purpose: str = "live") -> Iterator[float]:
        """Hold one of ``host``'s concurrency slots at an allowed start time.

        Yields the seconds spent waiting for the start time. Raises :class:`HostBlocked`
        when the host was given up for this run.
        """
        lane = self._lane(purpose)
        self._take(host, lane)
        try:
            yield self.wait_turn(host, purpose)
        finally:
            self._give(host, lane)

    @contextmanager
    def turn(self, host: str, purpose: str = "live") -> Iterator[Turn]:
        """A :meth:`slot` whose request says when it was sent (:meth:`Turn.sent`): until then no
        other request to ``host`` of its budgets is let go, and the interval runs from that moment.
        Leaving without calling it means nothing was sent (a failed connection).

        >>> limiter = RateLimiter(min_interval=0.05)
        >>> import time
        >>> with limiter.turn("example.org") as turn:
        ...     time.sleep(0.02)   # connecting, a busy process: the bytes leave late
        ...     sent = time.monotonic()
        ...     turn.sent()
        >>> with limiter.turn("example.org") as turn:
        ...     turn.sent()
        ...     time.monotonic() - sent >= 0.05
        True
        """
        lane = self._lane(purpose)
        self._take(host, lane)
        turn = Turn(self, host)
        try:
            turn.waited = self._wait(host, purpose, turn)
            yield turn
        finally:
            if turn._keys:
                self._sent(turn, went=False)
            self._give(host, lane)

    def ready_at(self, host: str, purpose: str = "live") -> float:
        """The earliest clock time a new request of ``purpose`` could start on ``host``."""
        group = self.purpose_groups.get(purpose, purpose)
        with self._lock:
            now = self._clock()
            return max(
                now,
                now if group in self.own_budgets else self._next_start.get(("", host), now),
                self._next_start.get((group, host), now),
                self._not_before.get(host, now),
            )

    def holdover(self) -> dict[str, float]:
        """Per host, the seconds from now before a page request may start (its last actual start
        plus the interval, or a ``Retry-After``): what a limiter taking over these hosts must
        wait (see :meth:`resume`). Hosts that may be asked at once are left out."""
        with self._lock:
            now = self._clock()
            out: dict[str, float] = {}
            for (key, host), last in self._released.items():
                if key == "" and last + self.min_interval > now:
                    out[host] = last + self.min_interval - now
            for host, until in self._not_before.items():
                if until > now:
                    out[host] = max(out.get(host, 0.0), until - now)
            return out

    def resume(self, holdover: Mapping[str, float]) -> None:
        """Take over hosts another limiter asked last: no request to each before its seconds
        from now (time spent handing over only adds to the wait, so no clock is shared)."""
        for host, seconds in holdover.items():
            if seconds > 0:
                self.defer(host, seconds)

    def active(self, host: str, purpose: str = "live") -> int:
        """How many requests to ``host`` hold a concurrency slot of ``purpose``'s budget now."""
        with self._lock:
            return self._active.get((host, self._lane(purpose)), 0)

    # -- server feedback ---------------------------------------------------------------
    def defer(self, host: str, seconds: float) -> None:
        """No request to ``host`` before ``seconds`` from now (a Retry-After)."""
        with self._lock:
            until = self._clock() + max(0.0, seconds)
            self._not_before[host] = max(self._not_before.get(host, until), until)

    def not_before(self, host: str) -> float:
        """The clock time before which ``host`` must not be asked (0 when free)."""
        with self._lock:
            return self._not_before.get(host, 0.0)

    def block(self, host: str, reason: str) -> None:
        """Give up on ``host`` for the rest of the run (it asked for a very long silence)."""
        with self._lock:
            self._blocked[host] = reason
            self._lock.notify_all()

    def blocked(self, host: str) -> str | None:
        """Why ``host`` was given up for this run, or None."""
        with self._lock:
            return self._blocked.get(host)


class Turn:
    """One request's turn on a host (see :meth:`RateLimiter.turn`): ``waited`` seconds for it;
    :meth:`sent` once its bytes have left."""

    def __init__(self, limiter: RateLimiter, host: str) -> None:
        self.host = host
        self.waited = 0.0
        self._limiter = limiter
        self._keys: tuple[str, ...] = ()

    def sent(self) -> None:
        """The request has been written to the connection (called once; later calls do nothing)."""
        if self._keys:
            self._limiter._sent(self, went=True)
