"""The per-reference source check: live state, archived snapshot, recovery of damaged URLs.

>>> from citecheck.sources.fetcher import FetchConfig, Fetcher
>>> with Fetcher(FetchConfig(allow_private=True)) as fetcher:          # doctest: +SKIP
...     checks = check_references(refs, fetcher=fetcher, cache=None,
...                               archives=["http://127.0.0.1:8080/web/"],
...                               cdx=["http://127.0.0.1:8080/web/cdx"])
>>> checks[0].link.state, checks[0].snapshot.timestamp                  # doctest: +SKIP
(<LinkState.OK: 'ok'>, '20210601120000')

Per reference with a URL:

* a damaged URL (``Url.complete`` False) gets ``LinkState.INCOMPLETE`` (nothing to fetch as is)
  and a :class:`~citecheck.model.Recovery` from a CDX prefix query; a recovered URL then gets
  its archived snapshot;
* a repaired URL with several candidates is confirmed against the archive first, and the
  confirmed form is the one checked;
* every complete URL is checked live and looked up in the archives (snapshot nearest the
  reference's access date).

URLs are deduplicated (each checked and looked up once per run). Nothing here raises for a dead
server or an archive that is down: those become ``LinkResult`` states and
``SourceCheck.archive_error`` lines.

Two archive outcomes are told apart from a per-reference error:

* replaying WARC files (``--from-warc``, ``--offline``), an archive question the WARC holds no
  answer to means "no archived copy recorded": ``snapshot`` None and no ``archive_error``;
* when no configured archive answered a single request in the run (no network, archive down),
  every affected reference carries the same one line naming the archives and why, e.g.
  ``"web archive https://web.archive.org/web/ could not be reached (offline): cannot resolve
  web.archive.org"``, so the findings can say it once for the run.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from ..errors import ArchiveError, NoSnapshot
from ..model import LinkResult, LinkState, Recovery, Reference, Snapshot, SourceCheck, Url
from .archive import WAYBACK_BASE, WAYBACK_CDX, Archive, ArchiveClient, error_line, make_archives
from .bodies import LIVE_BODY_NS, Body, SourceBodies
from .cdxplan import ROW_LIMIT
from .recover import RecoveryResult, alternatives, needs_recovery, recover_url, url_key
from .scheduler import ArchiveScheduler
from .transport import TransportWrapper

Progress = Callable[[int, int, str], None]  # (done, total, what was just finished)


#: Why an archive question got no answer while replaying WARC files (not an archive error).
NOT_RECORDED = "no archive answer recorded in the WARC files (offline replay)"


class NotRecorded(NoSnapshot):
    """A replayed archive question the WARC files hold no answer to: no archived copy recorded."""


def is_unrecorded(response) -> bool:
    """True for a replayed fetch of a URL the WARC files do not hold (no traffic, no recorded answer).

    A recorded failure (a timeout met while recording) replays as that failure; only a missing
    record is "unrecorded".
    """
    return bool(getattr(response, "unrecorded", False))


class ArchiveTraffic(TransportWrapper):
    """The transport the archive client uses in one run: notes which archives answered at all, and
    turns a replay's missing record into :class:`NotRecorded` (which the client treats as "no copy").

    The first request to an archive goes alone: once an archive's host turned out hopeless (see
    :attr:`~citecheck.sources.transport.ErrorKind.hopeless`), the transport's
    :class:`~citecheck.sources.transport.HostMemo` answers later requests at once, without waiting
    for the archive's rate limit.
    """

    def __init__(self, fetcher, archives: Iterable[Archive]):
        super().__init__(fetcher)
        self._archives = tuple(archives)
        self._lock = threading.Lock()
        self.answered: set[str] = set()  # archive bases that gave at least one usable HTTP answer
        self.failures: dict[str, Counter] = {}  # archive base -> why requests got no usable answer
        self._probes = {archive.base: threading.Lock() for archive in self._archives}
        self._settled: set[str] = set()  # archives whose first request has come back

    def _owner(self, url: str) -> Archive | None:
        for archive in self._archives:
            if (archive.cdx and url.startswith(archive.cdx)) or url.startswith(archive.base):
                return archive
        return None

    def fetch(self, url: str, **kwargs):
        archive = self._owner(url)
        if archive is None:
            return self._answer(None, url, kwargs)
        if archive.base in self._settled:
            return self._answer(archive, url, kwargs)
        with self._probes[archive.base]:  # the first request to an archive goes alone
            response = self._answer(archive, url, kwargs)
            self._settled.add(archive.base)
            return response

    def _answer(self, archive: Archive | None, url: str, kwargs: dict):
        response = self.inner.fetch(url, **kwargs)
        if is_unrecorded(response):
            raise NotRecorded(NOT_RECORDED)
        if archive is not None:
            with self._lock:
                if response.status is None or response.status >= 500:
                    why = (
                        f"({response.error_kind or 'error'}): {response.error or 'no answer'}"
                        if response.status is None
                        else f"(HTTP {response.status}): every request failed"
                    )
                    self.failures.setdefault(archive.base, Counter())[why] += 1
                else:
                    self.answered.add(archive.base)
        return response

    def outage(self) -> str | None:
        """One line when no archive answered any request this run, else None."""
        with self._lock:
            if self.answered or not self.failures or len(self.failures) < len(self._archives):
                return None
            parts = [f"{base} {reasons.most_common(1)[0][0]}" for base, reasons in self.failures.items()]
        noun = "web archive" if len(parts) == 1 else "web archives"
        line = f"{noun} unreachable, no answer this run: " + "; ".join(parts)
        return " ".join(line.split())[:300]


@dataclass
class _Plan:
    ref: Reference
    url: Url
    recovery_key: tuple | None = None
    recovery: RecoveryResult | None = None
    target: str | None = None  # the complete URL checked live and looked up
    incomplete: bool = False


def _recovery_key(url: Url) -> tuple | None:
    if not needs_recovery(url):
        return None
    if not url.complete:
        return ("fragments", tuple(url.fragments))
    return ("candidates", alternatives(url))


def _incomplete_link(url: Url, recovery: Recovery | None) -> LinkResult:
    shown = url.repaired or url.raw
    reason = "URL text is garbled; nothing to fetch as written"
    if recovery is not None and recovery.status == "recovered":
        reason += f" (archive index suggests {recovery.url})"
    return LinkResult(url=shown, state=LinkState.INCOMPLETE, reason=reason)


class _Counter:
    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.done = 0
        self.total = 0
        self.lock = threading.Lock()

    def add(self, n: int) -> None:
        with self.lock:
            self.total += n

    def tick(self, what: str) -> None:
        with self.lock:
            self.done += 1
            done, total = self.done, self.total
        if self.progress is not None:
            try:
                self.progress(done, total, what)
            except Exception:  # a broken progress display must not stop the run
                pass


def _archivable(url: str | None) -> bool:
    """Only http(s) URLs with a host are worth asking an archive about."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and " " not in url.strip()


def _live_states(
    urls: list[str], fetcher, cache, workers: int, counter: _Counter, keep=None, bodies=None
) -> dict[str, LinkResult]:
    from .live import check_links

    def tick(done: int, total: int, result) -> None:
        counter.tick("live")

    try:
        return check_links(urls, fetcher, cache, workers=workers, progress=tick, keep=keep, bodies=bodies)
    except Exception as exc:  # noqa: BLE001 - never abort the run: say why on each URL
        reason = f"live check failed: {type(exc).__name__}: {exc}"[:200]
        return {url: LinkResult(url=url, state=LinkState.FLAKY, reason=reason) for url in urls}


# -- 1. planning: what each reference needs (pure) ---------------------------------------------


def _plan_references(refs: Iterable[Reference]) -> list[_Plan]:
    plans = [_Plan(ref=r, url=r.url) for r in refs if r.url is not None]
    for plan in plans:
        plan.recovery_key = _recovery_key(plan.url)
        if plan.recovery_key is None:
            plan.target = plan.url.repaired or plan.url.raw
    return plans


def _apply_recovery(plan: _Plan, result: RecoveryResult | None, memo: dict) -> None:
    """The URL a damaged or ambiguous reference is checked under, once its recovery is known."""
    if result is None:
        result = RecoveryResult(
            Recovery("unchecked", None, alternatives(plan.url), "archive look-up disabled")
        )
    plan.recovery = result
    found = result.recovery
    if not plan.url.complete:
        plan.incomplete = True
        plan.target = found.url if found.status == "recovered" else None
    elif found.status == "confirmed":
        plan.target = found.url
    else:
        plan.target = plan.url.repaired or plan.url.raw
    if result.archive is not None and plan.target:
        # the recovery's index answer already lists this URL's captures: no second query
        known = (result.rows_by_url or {}).get(url_key(plan.target))
        if result.captures and found.url == plan.target:
            memo.setdefault((result.archive.base, plan.target), list(result.captures))
        elif known is not None:
            memo.setdefault((result.archive.base, plan.target), list(known))


def _archive_targets(plans: Iterable[_Plan], want_body) -> tuple[dict, dict]:
    """``(url -> access dates, url -> dates whose snapshot body is wanted)`` for look-ups."""
    dates: dict[str, list] = {}
    wanted: dict[str, set] = {}
    for plan in plans:
        if not _archivable(plan.target):
            continue
        url = plan.target.split("#", 1)[0]
        dates.setdefault(url, [])
        if plan.ref.access_date not in dates[url]:
            dates[url].append(plan.ref.access_date)
        if want_body is not None and want_body(plan.ref):
            wanted.setdefault(url, set()).add(plan.ref.access_date)
    return dates, wanted


# -- 2. network: recoveries, live checks and archive work, all at once --------------------------


def _recover_all(plans: list[_Plan], client: ArchiveClient, pool, counter: _Counter) -> dict:
    recoveries: dict[tuple, RecoveryResult | None] = {}
    keyed_url: dict[tuple, Url] = {}
    for plan in plans:
        if plan.recovery_key is not None:
            recoveries.setdefault(plan.recovery_key, None)
            keyed_url.setdefault(plan.recovery_key, plan.url)
    if not recoveries:
        return recoveries
    counter.add(len(recoveries))

    def recover(key: tuple) -> RecoveryResult | None:
        try:
            return recover_url(keyed_url[key], client)
        except Exception as exc:  # noqa: BLE001 - one bad URL never aborts the run
            why = f"recovery failed: {type(exc).__name__}: {exc}"[:200]
            return RecoveryResult(Recovery("unchecked", None, (), why), error=why)
        finally:
            counter.tick("archive index")

    keys = list(recoveries)
    for key, result in zip(keys, pool.map(recover, keys), strict=True):
        recoveries[key] = result
    return recoveries


def check_references(
    refs: Iterable[Reference],
    *,
    fetcher,
    cache=None,
    archives=(WAYBACK_BASE,),
    cdx=(WAYBACK_CDX,),
    workers: int = 8,
    progress: Progress | None = None,
    live: bool = True,
    archive: bool = True,
    want_body: Callable[[Reference], bool] | None = None,
    bodies: SourceBodies | None = None,
    grouped: bool = True,
    row_limit: int = ROW_LIMIT,
) -> list[SourceCheck]:
    """One :class:`SourceCheck` per reference that has a URL, in input order.

    ``archives`` are Memento bases (or :class:`~citecheck.sources.archive.Archive` objects),
    ``cdx`` CDX endpoints; they are paired by :func:`~citecheck.sources.archive.make_archives`.
    ``progress(done, total, what)`` is called after each network task.

    Index look-ups are planned (:mod:`~citecheck.sources.cdxplan`; ``grouped=False`` asks one
    query per URL, the method the plan is measured against; ``row_limit`` bounds each planned
    answer) and run by one
    :class:`~citecheck.sources.scheduler.ArchiveScheduler`, interleaved with live checks. For
    each reference ``want_body`` accepts, the page body is kept in ``bodies``: the snapshot is
    downloaded as soon as its capture is chosen, the live page kept from its check.
    """
    configured = make_archives(archives, cdx)
    traffic = ArchiveTraffic(fetcher, configured)
    client = ArchiveClient(configured, traffic, cache)
    plans = _plan_references(refs)
    counter = _Counter(progress)
    memo: dict = {}  # (archive base, url) -> captures, shared by look-ups in this run
    workers = max(1, int(workers))
    keep = None
    if want_body is not None and bodies is not None:
        keep = {p.target for p in plans if p.target and want_body(p.ref)}
    lanes = max(1, min(2, int(getattr(getattr(fetcher, "config", None), "per_host_concurrency", 1) or 1)))

    with (
        ThreadPoolExecutor(max_workers=workers, thread_name_prefix="citecheck-check") as pool,
        ArchiveScheduler(
            client,
            memo,
            bodies=bodies,
            workers=workers,
            lanes=lanes,
            grouped=grouped,
            row_limit=row_limit,
            tick=counter.tick,
        ) as work,
    ):
        live_futures = []
        checked: set[str] = set()

        def start_live(batch: list[_Plan]) -> None:
            urls = [p.target for p in batch if p.target and not p.incomplete and p.target not in checked]
            urls = list(dict.fromkeys(urls))
            checked.update(urls)
            if live and urls:
                counter.add(len(urls))
                live_futures.append(
                    pool.submit(_live_states, urls, fetcher, cache, workers, counter, keep, bodies)
                )

        def start_archive(batch: list[_Plan]) -> None:
            if not archive:
                return
            dates, wanted = _archive_targets(batch, want_body if bodies is not None else None)
            counter.add(len(dates))
            work.submit(dates, wanted)

        # complete URLs go at once; damaged ones once their recovery says what to check
        ready = [p for p in plans if p.recovery_key is None]
        start_live(ready)
        start_archive(ready)
        recoveries = _recover_all(plans, client, pool, counter) if archive else {}
        damaged = [p for p in plans if p.recovery_key is not None]
        for plan in damaged:
            _apply_recovery(plan, recoveries.get(plan.recovery_key), memo)
        if keep is not None:
            keep.update(p.target for p in damaged if p.target and want_body(p.ref))
        submitted = {p.target for p in ready}
        start_live(damaged)
        start_archive([p for p in damaged if p.target not in submitted])
        work.wait()
        links: dict[str, LinkResult] = {}
        for future in live_futures:
            links.update(future.result())

    return _assemble(plans, links, client, memo, traffic, archive)


# -- 3. assembly, per reference (look-ups come from the memo: no network) -----------------------


def _assemble(plans, links, client: ArchiveClient, memo: dict, traffic: ArchiveTraffic, archive: bool):
    outage = traffic.outage()
    checks = []
    for plan in plans:
        recovery = plan.recovery.recovery if plan.recovery is not None else None
        errors = (
            [plan.recovery.error]
            if plan.recovery is not None and plan.recovery.error and plan.recovery.error != NOT_RECORDED
            else []
        )
        if plan.incomplete:
            link = _incomplete_link(plan.url, recovery)
        else:
            link = links.get(plan.target) if plan.target else None
        snapshot: Snapshot | None = None
        if archive and _archivable(plan.target):
            try:
                snapshot = client.lookup(plan.target, plan.ref.access_date, captures_by_archive=memo)
            except NoSnapshot:
                snapshot = None
            except ArchiveError as exc:
                errors.append(error_line(exc))
            except Exception as exc:  # noqa: BLE001
                errors.append(f"archive look-up failed: {type(exc).__name__}: {exc}"[:200])
        checks.append(
            SourceCheck(
                reference_key=plan.ref.key,
                url=plan.target or plan.url.repaired or plan.url.raw,
                link=link,
                snapshot=snapshot,
                recovery=recovery,
                archive_error=(outage or errors[-1]) if errors and snapshot is None else None,
            )
        )
    return checks


class FetchedSource(NamedTuple):
    """A source's body for the figure stage, where it came from, and the language its response
    headers state (``Content-Language``; None when they state none)."""

    body: bytes
    content_type: str | None
    origin: str  # "archive" | "live"
    content_language: str | None = None


def fetch_source(
    check: SourceCheck, fetcher, cache=None, bodies: SourceBodies | None = None
) -> FetchedSource | None:
    """The source's body for the figure stage (a :class:`FetchedSource`), or None.

    Prefers the archived snapshot (the page as the author read it; origin ``"archive"``), else
    the live page when its check found it reachable (origin ``"live"``). Snapshots are cached
    forever, live bodies for the cache's live TTL. A body the run already fetched (``bodies``,
    filled by :func:`check_references`) is used as it is: no second request.
    """
    if check.snapshot is not None:
        raw = check.snapshot.raw_url
        kept = bodies.get("archive", raw) if bodies is not None else None
        if kept is not None:
            return FetchedSource(kept.body, kept.content_type, "archive", kept.content_language)
        if bodies is None or not bodies.failed("archive", raw):
            client = ArchiveClient((), fetcher, cache)
            try:
                got = client.snapshot_body(check.snapshot)
                return FetchedSource(got.body, got.content_type, "archive", got.content_language)
            except ArchiveError:
                pass
    link = check.link
    if link is None or not link.state.is_live:
        return None
    url = link.final_url or check.url
    if not url:
        return None
    kept = bodies.get("live", url) if bodies is not None else None
    if kept is None and cache is not None:
        kept = Body.of(cache.get(LIVE_BODY_NS, url))
    if kept is not None:
        return FetchedSource(kept.body, kept.content_type, "live", kept.content_language)
    response = fetcher.fetch(url, purpose="live")
    if response.status is None or not 200 <= response.status < 300:
        return None
    got = Body(response.body, response.headers.get("content-type"), response.content_language)
    if cache is not None and not response.truncated:
        cache.set(LIVE_BODY_NS, url, tuple(got), ttl=getattr(cache, "live_ttl", 86400))
    return FetchedSource(got.body, got.content_type, "live", got.content_language)
