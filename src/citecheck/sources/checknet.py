"""Phase 2 of the source check: the network work a plan calls for, all at once.

A :class:`CheckNetwork` runs the :class:`~citecheck.sources.checkplan.Wave` values it is given
(live checks in a pool, archive look-ups under one
:class:`~citecheck.sources.scheduler.ArchiveScheduler`, so index queries, snapshot downloads and
live checks interleave) and the recoveries of damaged URLs, and hands back one
:class:`NetworkResults`. Nothing here raises for a dead server or an archive that is down: a live
check that fails says why on each of its URLs, a recovery that fails says why in its result.

Example (``client`` an :class:`~citecheck.sources.archive.ArchiveClient`, ``plan`` a
:class:`~citecheck.sources.checkplan.CheckPlan`)::

    with CheckNetwork(client, fetcher, cache) as network:
        network.start(plan.first_wave())
        resolution = plan.resolve(network.recover(plan.recovery_requests()))
        network.remember(resolution.known)
        network.start(resolution.wave)
        results = network.finish()
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from ..model import LinkResult, LinkState, Recovery
from .archive import ArchiveClient
from .bodies import SourceBodies
from .cdxplan import ROW_LIMIT
from .checkplan import KnownCaptures, RecoveryRequest, Wave
from .recover import RecoveryResult, recover_url
from .scheduler import ArchiveScheduler

Progress = Callable[[int, int, str], None]  # (done, total, what was just finished)


class ProgressCounter:
    """Network tasks announced and finished; ``progress(done, total, what)`` after each one.

    >>> seen = []
    >>> counter = ProgressCounter(lambda *a: seen.append(a))
    >>> counter.add(2); counter.tick("live"); counter.tick("archive"); seen
    [(1, 2, 'live'), (2, 2, 'archive')]
    """

    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress
        self.done = 0
        self.total = 0
        self._lock = threading.Lock()

    def add(self, n: int) -> None:
        with self._lock:
            self.total += n

    def tick(self, what: str) -> None:
        with self._lock:
            self.done += 1
            done, total = self.done, self.total
        if self.progress is not None:
            try:
                self.progress(done, total, what)
            except Exception:  # noqa: BLE001 - a broken progress display must not stop the run
                pass


@dataclass(frozen=True)
class NetworkResults:
    """What the network phase learnt: live results by URL, and the look-up memo
    (``(archive base, url) -> captures`` or the ArchiveError met) that
    :meth:`ArchiveClient.lookup <citecheck.sources.archive.ArchiveClient.lookup>` reads."""

    links: Mapping[str, LinkResult] = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # (archive base, url) -> captures or ArchiveError


def index_lanes(fetcher) -> int:
    """Index queries one archive runs at a time: the fetcher's per-host concurrency, at most 2."""
    per_host = getattr(getattr(fetcher, "config", None), "per_host_concurrency", 1) or 1
    return max(1, min(2, int(per_host)))


def live_states(
    urls: list[str], fetcher, cache, workers: int, counter: ProgressCounter, keep=None, bodies=None
) -> dict[str, LinkResult]:
    """Live results of ``urls``; a check that breaks down gives every URL a FLAKY result saying why."""
    from .live import check_links

    try:
        return check_links(
            urls,
            fetcher,
            cache,
            workers=workers,
            progress=lambda done, total, result: counter.tick("live"),
            keep=keep,
            bodies=bodies,
        )
    except Exception as exc:  # noqa: BLE001 - never abort the run: say why on each URL
        reason = f"live check failed: {type(exc).__name__}: {exc}"[:200]
        return {url: LinkResult(url=url, state=LinkState.FLAKY, reason=reason) for url in urls}


def recover_one(request: RecoveryRequest, client: ArchiveClient) -> RecoveryResult | None:
    """The recovery of one damaged URL; a recovery that breaks down is "unchecked", saying why."""
    try:
        return recover_url(request.url, client)
    except Exception as exc:  # noqa: BLE001 - one bad URL never aborts the run
        why = f"recovery failed: {type(exc).__name__}: {exc}"[:200]
        return RecoveryResult(Recovery("unchecked", None, (), why), error=why)


class CheckNetwork:
    """Live checks, recoveries and archive look-ups of one run; a context manager (threads stop on
    exit). ``live=False`` or ``archive=False`` leaves that half out (no recovery without archives).

    ``bodies`` receives the page bodies each wave's ``keep`` names (live) and the snapshots of the
    dates its archive targets want; the URLs kept are shared by every wave of the run.
    """

    def __init__(
        self,
        client: ArchiveClient,
        fetcher,
        cache=None,
        *,
        bodies: SourceBodies | None = None,
        workers: int = 8,
        live: bool = True,
        archive: bool = True,
        grouped: bool = True,
        row_limit: int = ROW_LIMIT,
        progress: Progress | None = None,
    ) -> None:
        self.client = client
        self.fetcher = fetcher
        self.cache = cache
        self.bodies = bodies
        self.workers = max(1, int(workers))
        self.live = live
        self.archive = archive
        self.counter = ProgressCounter(progress)
        self.memo: dict = {}  # (archive base, url) -> captures, shared by look-ups in this run
        self._keep: set[str] = set()
        self._live: list[Future] = []
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="citecheck-check")
        self._scheduler = ArchiveScheduler(
            client,
            self.memo,
            bodies=bodies,
            workers=self.workers,
            lanes=index_lanes(fetcher),
            grouped=grouped,
            row_limit=row_limit,
            tick=self.counter.tick,
        )

    def start(self, wave: Wave) -> None:
        """Start the wave's live checks and archive look-ups; returns at once."""
        self._keep.update(wave.keep)
        if self.live and wave.live:
            urls = list(wave.live)
            self.counter.add(len(urls))
            keep = self._keep if self.bodies is not None else None
            self._live.append(
                self._pool.submit(
                    live_states, urls, self.fetcher, self.cache, self.workers, self.counter, keep, self.bodies
                )
            )
        if self.archive:
            targets = wave.archive
            self.counter.add(len(targets.dates))
            self._scheduler.submit(targets.dates, targets.wanted)

    def recover(self, requests: Iterable[RecoveryRequest]) -> dict[RecoveryRequest, RecoveryResult | None]:
        """Each distinct request's recovery, asked once (in parallel, while started waves go on);
        none without archives."""
        requests = list(dict.fromkeys(requests))
        if not self.archive or not requests:
            return {}
        self.counter.add(len(requests))
        results = self._pool.map(self._recover, requests)
        return dict(zip(requests, results, strict=True))

    def _recover(self, request: RecoveryRequest) -> RecoveryResult | None:
        try:
            return recover_one(request, self.client)
        finally:
            self.counter.tick("archive index")

    def remember(self, known: Iterable[KnownCaptures]) -> None:
        """Captures already known (from recoveries): their URLs are not asked about again."""
        for item in known:
            self.memo.setdefault((item.archive, item.url), list(item.captures))

    def finish(self) -> NetworkResults:
        """Wait for everything started; the live results and the look-up memo."""
        self._scheduler.wait()
        links: dict[str, LinkResult] = {}
        for future in self._live:
            links.update(future.result())
        return NetworkResults(links, self.memo)

    def close(self) -> None:
        try:
            self._scheduler.close()
        finally:
            self._pool.shutdown(wait=True)

    def __enter__(self) -> CheckNetwork:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


__all__ = [
    "CheckNetwork",
    "NetworkResults",
    "Progress",
    "ProgressCounter",
    "index_lanes",
    "live_states",
    "recover_one",
]
