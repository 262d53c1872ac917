"""One cache, owned by the coordinator: workers get a :class:`MemoryCache` and hand back its writes.

Workers are stateless. Before a task is submitted the client *seeds* it with what the real cache
already holds for the task's URLs (history of live states, soft-404 probes, archive index rows,
snapshots), and once the task is back it *applies* the task's writes to the real cache
(:func:`apply_writes`), so a killed run resumes where it stopped and a warm re-run sends nothing.
The real cache is a :class:`~citecheck.sources.cache.Cache` on the client's machine only
(diskcache is not safe across machines).

>>> memory = MemoryCache({("live", "http://a.org/"): "seeded"})
>>> memory.get("live", "http://a.org/")
'seeded'
>>> memory.set("snapshot", "http://h/1id_/http://a.org/", (b"x", None), ttl=None)
>>> [(w.namespace, w.ttl) for w in memory.writes]
[('snapshot', None)]
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from ..sources.archive import LOOKUP_NS, SNAPSHOT_NS, choose_capture, make_archives
from ..sources.bodies import LIVE_BODY_NS
from ..sources.cache import HISTORY, LIVE, namespace_ttl

_MISSING = object()
_HISTORY_LIMIT = 100


@dataclass(frozen=True)
class Write:
    """One value a task stored: to be written to the real cache with its TTL (None: forever)."""

    namespace: str
    key: str
    value: Any
    ttl: float | None


class MemoryCache:
    """The cache interface of :class:`~citecheck.sources.cache.Cache`, in memory, recording writes.

    ``seeds`` maps ``(namespace, key)`` to values the coordinator's cache already holds.
    """

    enabled = True

    def __init__(
        self, seeds: dict | None = None, *, live_ttl: float = 86400, lookup_ttl: float = 7 * 86400
    ) -> None:
        self.live_ttl = live_ttl
        self.lookup_ttl = lookup_ttl
        self.problems: list[str] = []
        self.hits = 0
        self.misses = 0
        self._values: dict[tuple[str, str], Any] = dict(seeds or {})
        self._lock = threading.Lock()
        self.writes: list[Write] = []

    def default_ttl(self, namespace: str) -> float | None:
        return namespace_ttl(namespace, self.live_ttl, self.lookup_ttl)

    def get(self, namespace: str, key: str, default: Any = None) -> Any:
        with self._lock:
            value = self._values.get((namespace, key), _MISSING)
            if value is _MISSING:
                self.misses += 1
                return default
            self.hits += 1
            return value

    def set(self, namespace: str, key: str, value: Any, *, ttl: float | None | object = _MISSING) -> None:
        expire = self.default_ttl(namespace) if ttl is _MISSING else ttl
        with self._lock:
            self._values[(namespace, key)] = value
            self.writes.append(Write(namespace, key, value, expire))  # type: ignore[arg-type]

    def delete(self, namespace: str, key: str) -> None:
        with self._lock:
            self._values.pop((namespace, key), None)

    def record_state(self, url: str, state: str, when: str) -> tuple[str, int]:
        """As :meth:`Cache.record_state`: the seeded history plus this observation."""
        with self._lock:
            history = list(self._values.get((HISTORY, url)) or [])
            history.append((state, when))
            del history[:-_HISTORY_LIMIT]
            self._values[(HISTORY, url)] = history
            self.writes.append(Write(HISTORY, url, list(history), None))
        first, count = when, 0
        for past_state, past_when in reversed(history):
            if past_state != state:
                break
            first, count = past_when, count + 1
        return (first, count)

    def history(self, url: str) -> list[tuple[str, str]]:
        value = self.get(HISTORY, url)
        return list(value) if isinstance(value, list) else []

    def close(self) -> None:
        pass

    def __enter__(self) -> MemoryCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def apply_writes(cache, writes) -> int:
    """Write a task's :class:`Write` list into the coordinator's cache; returns how many."""
    if cache is None or not getattr(cache, "enabled", True):
        return 0
    for write in writes:
        cache.set(write.namespace, write.key, write.value, ttl=write.ttl)
    return len(writes)


def _probe_key(url: str) -> str:
    """The soft-404 probe a live check of ``url`` shares with its directory (as the live checker keys it)."""
    from ..sources.live import _probe_key as key

    return key(url)


def live_seeds(cache, urls) -> dict:
    """What the real cache knows that a live batch would read: state histories and probes."""
    from ..sources.live import PROBE

    seeds: dict = {}
    if cache is None:
        return seeds
    for url in urls:
        history = cache.history(url)
        if history:
            seeds[(HISTORY, url)] = history
        probe = _probe_key(url)
        if (PROBE, probe) not in seeds:
            known = cache.get(PROBE, probe, default=_MISSING)
            if known is not _MISSING:
                seeds[(PROBE, probe)] = known
    return seeds


def cached_link(cache, url: str, *, want_body: bool):
    """The cached live result of ``url`` when it answers everything a run needs, else None.

    A reachable page whose text is wanted needs its body in the cache too.
    """
    from dataclasses import replace

    from ..model import LinkResult, LinkState

    if cache is None:
        return None
    found = cache.get(LIVE, url)
    if not isinstance(found, LinkResult):
        return None
    if want_body and found.state in (LinkState.OK, LinkState.REDIRECTED):
        if cache.get(LIVE_BODY_NS, found.final_url or url) is None:
            return None
    return replace(found, from_cache=True)


def archive_seeds(cache, options, targets: dict[str, set]) -> dict:
    """Index rows and snapshots the real cache holds for ``targets`` (URL -> access dates wanted).

    For each configured archive: the URL's per-URL index answer, and the snapshot each wanted
    access date chooses from it.
    """
    from ..sources.archive import Capture, cdx_query_url

    seeds: dict = {}
    if cache is None:
        return seeds
    archives = make_archives(tuple(options.archives), tuple(options.cdx))
    for url, dates in targets.items():
        bare = url.split("#", 1)[0]
        for archive in archives:
            key = cdx_query_url(archive.cdx, bare) if archive.cdx else archive.timemap_url(bare)
            rows = cache.get(LOOKUP_NS, key)
            if rows is None:
                continue
            seeds[(LOOKUP_NS, key)] = rows
            captures = [Capture(*row) for row in rows]
            for date in dates:
                chosen = choose_capture(captures, date)
                if chosen is None:
                    continue
                raw = archive.snapshot(chosen).raw_url
                body = cache.get(SNAPSHOT_NS, raw)
                if body is not None:
                    seeds[(SNAPSHOT_NS, raw)] = body
    return seeds


__all__ = ["MemoryCache", "Write", "apply_writes", "archive_seeds", "cached_link", "live_seeds"]
