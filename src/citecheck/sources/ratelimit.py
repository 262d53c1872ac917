"""Politeness: per-host concurrency, minimum interval, per-purpose rates, Retry-After.

One :class:`RateLimiter` belongs to one fetcher and is shared by all its threads. A
request first takes one of the host's concurrency slots, then reserves a start time that
is at least ``min_interval`` after the previous start on that host, at least the purpose's
interval after the previous start of that purpose on that host (CDX calls, snapshot
fetches), and not before a ``Retry-After`` the host asked for. Reservations are made
under a lock and waited out without it, so threads queue fairly and precisely.

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
        waited = 0.0
        while True:
            start = self._reserve(host, purpose)
            delay = start - self._clock()
            if delay > 0:
                self._sleep(delay)
                waited += delay
            with self._lock:
                not_before = self._not_before.get(host, 0.0)
                if host in self._blocked:
                    raise HostBlocked(self._blocked[host])
                if not_before <= self._clock() + 1e-9 and self._release(host, purpose):
                    return waited

    def _release(self, host: str, purpose: str) -> bool:
        """Start now unless a request of the same budget *actually* started less than its interval
        ago: threads that wake late together (a stalled process) go one interval apart, never in a
        burst. Called under the lock."""
        group = self.purpose_groups.get(purpose, purpose)
        now = self._clock()
        budgets = [(group, self.purpose_intervals.get(group, 0.0))]
        if group not in self.own_budgets:
            budgets.append(("", self.min_interval))
        for key, interval in budgets:
            last = self._released.get((key, host))
            if interval > 0 and last is not None and now < last - 1e-9 + interval:
                self._next_start[(key, host)] = max(self._next_start.get((key, host), now), last + interval)
                return False
        for key, interval in budgets:
            if interval > 0:
                self._released[(key, host)] = now
        return True

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
