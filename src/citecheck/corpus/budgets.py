"""One global budget per archive: a Dask actor owns the archive fetcher and so its rate limits.

The actor lives on one worker and keeps one fetcher for the whole run; its rate limiter paces
every index query (``--cdx-per-minute``) and snapshot download (``--snapshots-per-second``) of
each configured archive, whatever paper they serve. The client hands it the references of one
registered domain at a time, so the index-query planner (:mod:`~citecheck.sources.cdxplan`)
groups the URLs that domain has across the whole corpus into bounded prefix queries, and results
come back (and reach the cache) domain by domain. Calls run one after another on the actor.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..config import VerifyOptions
from ..model import Reference, SourceCheck
from ..sources.bodies import SourceBodies
from .ownership import Write
from .stages import Bodies, memory_cache, open_fetcher


@dataclass
class ArchiveBatch:
    """The archive side of each reference (no live state), snapshot bodies, and cache writes."""

    checks: list[SourceCheck]
    bodies: Bodies
    failed: set[tuple[str, str]]
    writes: list[Write]
    requests: int
    seconds: float


class ArchiveOwner:
    """The only place archive requests are made in a corpus run (one instance per run)."""

    def __init__(self, options: VerifyOptions) -> None:
        self.options = options
        self.fetcher = open_fetcher(options)
        self.requests = 0

    def check(self, references: list[Reference], wanted: set[str], seeds: dict) -> ArchiveBatch:
        """Recoveries, index look-ups and wanted snapshots for ``references`` (keys unique in the run)."""
        from ..sources.checker import check_references

        started = time.perf_counter()
        before = int(getattr(self.fetcher, "request_count", 0) or 0)
        cache = memory_cache(self.options, seeds)
        bodies = SourceBodies()
        checks = check_references(
            references,
            fetcher=self.fetcher,
            cache=cache,
            archives=tuple(self.options.archives),
            cdx=tuple(self.options.cdx),
            workers=max(1, self.options.workers),
            live=False,
            archive=True,
            want_body=lambda ref: ref.key in wanted,
            bodies=bodies,
        )
        kept: Bodies = {}
        failed: set[tuple[str, str]] = set()
        for check in checks:
            if check.snapshot is None or check.reference_key not in wanted:
                continue
            raw = check.snapshot.raw_url
            got = bodies.get("archive", raw)
            if got is not None:
                kept[("archive", raw)] = got
            elif bodies.failed("archive", raw):
                failed.add(("archive", raw))
        made = int(getattr(self.fetcher, "request_count", 0) or 0) - before
        self.requests += made
        return ArchiveBatch(checks, kept, failed, cache.writes, made, time.perf_counter() - started)

    def close(self) -> int:
        self.fetcher.close()
        return self.requests


__all__ = ["ArchiveBatch", "ArchiveOwner"]
