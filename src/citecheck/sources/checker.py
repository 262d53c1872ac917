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

URLs are deduplicated (each checked and looked up once per run). The work runs in three phases,
each a module of its own: planning (:mod:`~citecheck.sources.checkplan`, pure), network
(:mod:`~citecheck.sources.checknet`) and assembly (:mod:`~citecheck.sources.assemble`, no network).
Nothing here raises for a dead server or an archive that is down: those become ``LinkResult``
states and ``SourceCheck.archive_error`` lines.

Two archive outcomes are told apart from a per-reference error:

* replaying WARC files (``--from-warc``, ``--offline``), an archive question the WARC holds no
  answer to means "no archived copy recorded": ``snapshot`` None and no ``archive_error``;
* when no configured archive answered a single request in the run (no network, archive down),
  every affected reference carries the same one line naming the archives and why, e.g.
  ``"web archive https://web.archive.org/web/ could not be reached (offline): cannot resolve
  web.archive.org"``, so the findings can say it once for the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from ..errors import ArchiveError
from ..model import Reference, SourceCheck
from .archive import WAYBACK_BASE, WAYBACK_CDX, ArchiveClient, make_archives
from .assemble import assemble
from .bodies import LIVE_BODY_NS, Body, SourceBodies
from .cdxplan import ROW_LIMIT
from .checknet import CheckNetwork, Progress
from .checkplan import plan_references
from .traffic import NOT_RECORDED, ArchiveTraffic, NotRecorded, is_unrecorded


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
    # 1. planning: each reference's URL, deduplicated; damaged ones wait for their recovery
    plan = plan_references(refs, want_body if bodies is not None else None)
    # 2. network: ready URLs at once, damaged ones once their recovery says what to check
    with CheckNetwork(
        client,
        fetcher,
        cache,
        bodies=bodies,
        workers=workers,
        live=live,
        archive=archive,
        grouped=grouped,
        row_limit=row_limit,
        progress=progress,
    ) as network:
        network.start(plan.first_wave())
        resolution = plan.resolve(network.recover(plan.recovery_requests()))
        network.remember(resolution.known)
        network.start(resolution.wave)
        results = network.finish()
    # 3. assembly: one check per reference, snapshots chosen from the memo (no network)
    return assemble(resolution.plan.plans, results, client, archive=archive, outage=traffic.outage())


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


__all__ = [
    "NOT_RECORDED",
    "ArchiveTraffic",
    "FetchedSource",
    "NotRecorded",
    "Progress",
    "check_references",
    "fetch_source",
    "is_unrecorded",
]
