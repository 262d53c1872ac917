"""One scheduler for a run's archive work: index queries and snapshot downloads, interleaved.

Each archive gets index lanes (threads that run its planned CDX queries one after another at
the archive's CDX budget, ``--cdx-per-minute``) and the run shares one pool of snapshot
downloaders (at the snapshot budget, ``--snapshots-per-second``). As soon as an answer settles
a URL, the snapshot of each reference that needs the page's text is chosen and its download
queued, while the lanes go on with the next queries: downloads never wait for the last index
query, and a waiting index query never holds a downloader. Both budgets are the fetcher's
(per archive host, with every 429 and ``Retry-After`` honoured there), not the per-host interval
live checks keep to.

URLs an archive holds no usable capture of (or that it could not answer about) go on to the
next configured archive, planned together once the first archive has settled them all.

Example (``client`` an :class:`~citecheck.sources.archive.ArchiveClient`)::

    memo = {}
    with ArchiveScheduler(client, memo, bodies=SourceBodies(), workers=8) as work:
        work.submit({"http://a.org/x": ["2022-02-20"]}, wanted={"http://a.org/x": {"2022-02-20"}})
        work.wait()
    memo[(client.archives[0].base, "http://a.org/x")]   # the URL's captures (or the error)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor

from ..errors import ArchiveError
from ..model import Snapshot
from .archive import Archive, ArchiveAnswerError, ArchiveClient, choose_capture, is_wayback_cdx
from .bodies import SourceBodies
from .cdxplan import ROW_LIMIT, CdxPlanner, PlannedQuery

Tick = Callable[[str], None]


class ArchiveScheduler:
    """Index lanes per archive and one snapshot pool; a context manager (threads stop on exit).

    ``memo`` receives ``(archive base, url) -> captures`` (or the ArchiveError met), the form
    :meth:`ArchiveClient.lookup` reads with ``captures_by_archive``. ``grouped=False`` plans one
    query per URL (the per-URL method); ``row_limit`` bounds each planned answer. ``tick(what)`` is called once per settled URL
    (``"archive"``) and per download (``"snapshot"``).
    """

    def __init__(
        self,
        client: ArchiveClient,
        memo: dict,
        *,
        bodies: SourceBodies | None = None,
        workers: int = 8,
        lanes: int = 1,
        grouped: bool = True,
        row_limit: int = ROW_LIMIT,
        tick: Tick | None = None,
    ) -> None:
        self.client = client
        self.row_limit = row_limit
        self.memo = memo
        self.bodies = bodies
        self.grouped = grouped
        self._tick = tick
        self._archives = tuple(client.archives)
        self._lanes = [
            ThreadPoolExecutor(max_workers=max(1, lanes), thread_name_prefix=f"citecheck-index{i}")
            for i in range(len(self._archives))
        ]
        self._downloads = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="citecheck-snap")
        self._cond = threading.Condition()
        self._busy = 0
        self._wanted: dict[str, set] = {}
        self._queued: set[str] = set()  # raw snapshot URLs whose download is queued
        self.queries = 0  # index requests made (planned queries; cache hits excluded)

    # -- public -------------------------------------------------------------------------------
    def submit(
        self, targets: Mapping[str, Iterable[str | None]], wanted: Mapping[str, set] | None = None
    ) -> None:
        """Look up ``targets`` (URL -> access dates of its references); ``wanted`` names the
        dates whose snapshot body should be downloaded as soon as it is known."""
        targets = {url: tuple(dates) for url, dates in targets.items()}
        with self._cond:
            for url, dates in (wanted or {}).items():
                self._wanted.setdefault(url, set()).update(dates)
        if targets and self._archives:
            self._start_round(0, targets)

    def wait(self) -> None:
        """Block until every query and download submitted so far (and what they led to) is done."""
        with self._cond:
            while self._busy:
                self._cond.wait()

    def close(self) -> None:
        for lane in self._lanes:
            lane.shutdown(wait=True)
        self._downloads.shutdown(wait=True)

    def __enter__(self) -> ArchiveScheduler:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- bookkeeping ----------------------------------------------------------------------------
    def _enter(self, n: int = 1) -> None:
        with self._cond:
            self._busy += n

    def _leave(self) -> None:
        with self._cond:
            self._busy -= 1
            if self._busy <= 0:
                self._cond.notify_all()

    def _run(self, pool: ThreadPoolExecutor, fn, *args) -> None:
        self._enter()

        def task() -> None:
            try:
                fn(*args)
            except Exception:  # noqa: BLE001 - a bug in one task must not hang the run
                pass
            finally:
                self._leave()

        pool.submit(task)

    def _count(self) -> None:
        with self._cond:
            self.queries += 1

    def _tell(self, what: str) -> None:
        if self._tick is not None:
            try:
                self._tick(what)
            except Exception:  # noqa: BLE001 - a broken progress display never stops the run
                pass

    # -- rounds: one archive, one batch of URLs ----------------------------------------------------
    def _start_round(self, index: int, targets: dict[str, tuple]) -> None:
        archive = self._archives[index]
        round_ = _Round(index, targets)
        round_.open = 1  # the round itself, until its first queries are queued
        self._enter()
        try:
            ask: dict[str, tuple] = {}
            for url, dates in targets.items():
                known = self.memo.get((archive.base, url))
                if known is None and archive.cdx:
                    known = self.client.known_rows(archive, url)
                if known is None:
                    ask[url] = dates
                else:
                    self._settled(round_, url, known)
            if not archive.cdx:  # TimeMap / TimeGate archives answer one URL per request
                for url, dates in ask.items():
                    self._queue(round_, self._per_url, round_, url, dates)
                return
            planner = CdxPlanner(
                ask, grouped=self.grouped, limit=self.row_limit, paginate=is_wayback_cdx(archive.cdx)
            )
            round_.planner = planner
            for query in planner.initial():
                self._queue(round_, self._query, round_, query)
        finally:
            self._query_done(round_)
            self._leave()

    def _per_url(self, round_: _Round, url: str, dates: tuple) -> None:
        archive = self._archives[round_.index]
        try:
            rows = self.client.captures(archive, url, dates[0] if dates else None)
        except ArchiveError as exc:
            rows = exc
        except Exception as exc:  # noqa: BLE001 - one odd answer never stalls the run
            rows = ArchiveAnswerError(f"index answer could not be read: {type(exc).__name__}: {exc}"[:200])
        finally:
            self._count()
        self._settled(round_, url, rows)
        self._query_done(round_)

    def _query(self, round_: _Round, query: PlannedQuery) -> None:
        archive = self._archives[round_.index]
        try:
            self._ask(round_, archive, query)
        except Exception as exc:  # noqa: BLE001 - an archive error, or an answer we cannot read
            error = (
                exc
                if isinstance(exc, ArchiveError)
                else ArchiveAnswerError(f"index answer could not be read: {type(exc).__name__}: {exc}"[:200])
            )
            for url in query.targets:
                if (archive.base, url) not in self.memo:
                    self._settled(round_, url, error)
        finally:
            self._query_done(round_)

    def _ask(self, round_: _Round, archive: Archive, query: PlannedQuery) -> None:
        """One planned query: settle what its answer settles, queue what it calls for."""
        try:
            answer = self.client.planned_query(archive, query)
        finally:
            self._count()
        if query.count:
            follow = round_.planner.page_reads(query, int(answer))
        else:
            outcome = round_.planner.settle(query, answer)
            for url, rows in outcome.resolved.items():
                if not query.plain:
                    self.client.remember_rows(archive, url, rows)
                self._settled(round_, url, list(rows))
            follow = outcome.follow_up
        for nxt in follow:
            self._queue(round_, self._query, round_, nxt)

    def _queue(self, round_: _Round, fn, *args) -> None:
        """Run ``fn`` on the round's archive lane, counted open until it calls :meth:`_query_done`."""
        with self._cond:
            round_.open += 1
        self._run(self._lanes[round_.index], fn, *args)

    def _query_done(self, round_: _Round) -> None:
        with self._cond:
            round_.open -= 1
        self._close_round_if_done(round_)

    def _close_round_if_done(self, round_: _Round) -> None:
        with self._cond:
            if round_.open > 0 or round_.closed:
                return
            round_.closed = True
            onward = dict(round_.onward)
        if onward and round_.index + 1 < len(self._archives):
            self._start_round(round_.index + 1, onward)

    # -- one URL settled in one archive ------------------------------------------------------------
    def _settled(self, round_: _Round, url: str, rows) -> None:
        archive = self._archives[round_.index]
        with self._cond:
            self.memo[(archive.base, url)] = rows
        last = round_.index + 1 >= len(self._archives)
        usable = not isinstance(rows, ArchiveError) and choose_capture(rows, None) is not None
        if not usable and not last:
            with self._cond:
                round_.onward[url] = round_.targets[url]
            return
        self._tell("archive")
        if usable:
            self._download_wanted(archive, url, rows)

    def _download_wanted(self, archive: Archive, url: str, rows) -> None:
        if self.bodies is None:
            return
        with self._cond:
            dates = set(self._wanted.get(url, ()))
        for date in dates:
            capture = choose_capture(rows, date)
            if capture is None:
                continue
            snapshot = archive.snapshot(capture)
            with self._cond:
                if snapshot.raw_url in self._queued:
                    continue
                self._queued.add(snapshot.raw_url)
            self._run(self._downloads, self._download, snapshot)

    def _download(self, snapshot: Snapshot) -> None:
        try:
            body = self.client.snapshot_body(snapshot)
        except ArchiveError:
            self.bodies.fail("archive", snapshot.raw_url)  # type: ignore[union-attr]
        else:
            self.bodies.put("archive", snapshot.raw_url, *body)  # type: ignore[union-attr]
        self._tell("snapshot")


class _Round:
    """The work of one archive on one batch of URLs."""

    def __init__(self, index: int, targets: dict[str, tuple]) -> None:
        self.index = index
        self.targets = targets
        self.planner: CdxPlanner | None = None
        self.open = 0  # queries queued or running
        self.closed = False
        self.onward: dict[str, tuple] = {}  # URLs for the next archive


__all__ = ["ArchiveScheduler"]
