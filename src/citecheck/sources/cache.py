"""On-disk cache for live checks, archive look-ups and snapshots (diskcache underneath).

Values live in namespaces. Archive snapshots never change, so they are kept forever;
live checks expire after ``live_ttl`` and archive look-ups (TimeGate, CDX) after
``lookup_ttl``. Every value is stored with a SHA-256 checksum: an entry that fails its
checksum or cannot be unpickled is dropped and reported as a miss (see :attr:`Cache.problems`).
Two processes may share one directory (diskcache uses SQLite transactions).

>>> import tempfile
>>> with Cache(tempfile.mkdtemp()) as cache:
...     cache.set("live", "http://example.org/", {"state": "ok"})
...     cache.get("live", "http://example.org/")
{'state': 'ok'}

Each URL also keeps a history of its live states, so a report can say "broken since
2026-01-02, seen 3 times":

>>> with Cache(tempfile.mkdtemp()) as cache:
...     _ = cache.record_state("http://x.org/", "broken", "2026-01-02T00:00:00Z")
...     cache.record_state("http://x.org/", "broken", "2026-01-03T00:00:00Z")
('2026-01-02T00:00:00Z', 2)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import threading
from pathlib import Path
from typing import Any

import diskcache
import platformdirs

from ..errors import CacheError

_MAGIC = b"CC1"
_DIGEST = 32
_HISTORY_LIMIT = 100
_MISSING = object()

SNAPSHOT = "snapshot"  # raw archived copies: kept forever
LIVE = "live"  # live link checks: live_ttl
LOOKUP = "lookup"  # archive look-ups (TimeGate, CDX, TimeMap): lookup_ttl
HISTORY = "history"  # per-URL live-state history: kept forever
_LOOKUP_LIKE = ("lookup", "cdx", "timegate", "timemap")


def default_directory() -> Path:
    """``$CITECHECK_CACHE_DIR`` if set, else the user cache directory for citecheck."""
    override = os.environ.get("CITECHECK_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("citecheck"))


def _pack(value: Any) -> bytes:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return _MAGIC + hashlib.sha256(payload).digest() + payload


def _unpack(blob: Any) -> Any:
    """Inverse of :func:`_pack`; raises ValueError for anything that fails the checks."""
    if not isinstance(blob, bytes) or not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _DIGEST:
        raise ValueError("not a citecheck cache value")
    digest = blob[len(_MAGIC) : len(_MAGIC) + _DIGEST]
    payload = blob[len(_MAGIC) + _DIGEST :]
    if hashlib.sha256(payload).digest() != digest:
        raise ValueError("checksum mismatch")
    try:
        return pickle.loads(payload)
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means a bad entry
        raise ValueError(f"cannot unpickle: {type(exc).__name__}") from None


class Cache:
    """Namespaced, checksummed, TTL-aware cache; ``enabled=False`` makes it a no-op."""

    def __init__(
        self,
        directory: str | os.PathLike | None = None,
        *,
        enabled: bool = True,
        live_ttl: float = 86400,
        lookup_ttl: float = 7 * 86400,
    ) -> None:
        self.enabled = enabled
        self.live_ttl = live_ttl
        self.lookup_ttl = lookup_ttl
        self.directory = Path(directory) if directory is not None else default_directory()
        self.problems: list[str] = []  # one line per corrupted entry dropped
        self.hits = 0
        self.misses = 0
        self._store: diskcache.Cache | None = None
        # Threads of one process queue on this lock rather than in SQLite's busy handler,
        # which sleeps in growing steps and would stall the fetch workers.
        self._write_lock = threading.Lock()
        if not enabled:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._store = diskcache.Cache(str(self.directory), size_limit=2**34)
            probe = "meta\x1fwrite-probe"
            self._store.set(probe, b"", expire=1)
            self._store.delete(probe)
        except (OSError, sqlite3.Error) as exc:
            if self._store is not None:
                self._store.close()
                self._store = None
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise CacheError(f"cache directory {self.directory} is not writable: {reason}") from None

    # -- basics --------------------------------------------------------------------------
    @staticmethod
    def _key(namespace: str, key: str) -> str:
        return f"{namespace}\x1f{key}"

    def default_ttl(self, namespace: str) -> float | None:
        """The TTL a namespace gets when :meth:`set` is called without one."""
        if namespace == LIVE:
            return self.live_ttl
        if namespace in _LOOKUP_LIKE:
            return self.lookup_ttl
        return None

    def get(self, namespace: str, key: str, default: Any = None) -> Any:
        """The cached value, or ``default`` on a miss, an expired or a corrupted entry."""
        if self._store is None:
            return default
        full = self._key(namespace, key)
        try:
            blob = self._store.get(full, default=_MISSING)
        except (OSError, sqlite3.Error, pickle.UnpicklingError, EOFError, ValueError) as exc:
            self._drop(full, f"unreadable ({type(exc).__name__})")
            self.misses += 1
            return default
        if blob is _MISSING:
            self.misses += 1
            return default
        try:
            value = _unpack(blob)
        except ValueError as exc:
            self._drop(full, str(exc))
            self.misses += 1
            return default
        self.hits += 1
        return value

    def set(self, namespace: str, key: str, value: Any, *, ttl: float | None | object = _MISSING) -> None:
        """Store ``value``; ``ttl=None`` keeps it forever, no ``ttl`` uses the namespace's."""
        if self._store is None:
            return
        expire = self.default_ttl(namespace) if ttl is _MISSING else ttl
        blob = _pack(value)
        try:
            with self._write_lock:
                self._store.set(self._key(namespace, key), blob, expire=expire)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise CacheError(f"cannot write to cache {self.directory}: {reason}") from None

    def delete(self, namespace: str, key: str) -> None:
        if self._store is not None:
            with self._write_lock:
                self._store.delete(self._key(namespace, key))

    def _drop(self, full_key: str, why: str) -> None:
        namespace, _, key = full_key.partition("\x1f")
        self.problems.append(f"dropped corrupted cache entry {namespace}:{key[:120]} ({why})")
        try:
            self._store.delete(full_key)  # type: ignore[union-attr]
        except (OSError, sqlite3.Error):
            pass

    # -- live-state history --------------------------------------------------------------
    def record_state(self, url: str, state: str, when: str) -> tuple[str, int]:
        """Add one observation of ``url`` in ``state`` at ``when`` (ISO 8601).

        Returns when the current unbroken run of ``state`` began and how many
        observations it has: ``("2026-01-02T00:00:00Z", 3)`` reads "broken since
        2026-01-02, seen 3 times". Without a cache it is ``(when, 1)``.
        """
        if self._store is None:
            return (when, 1)
        full = self._key(HISTORY, url)
        with self._write_lock, self._store.transact():
            history = self.get(HISTORY, url, default=None)
            if not isinstance(history, list):
                history = []
            history.append((state, when))
            del history[:-_HISTORY_LIMIT]
            self._store.set(full, _pack(history))
        first, count = when, 0
        for past_state, past_when in reversed(history):
            if past_state != state:
                break
            first, count = past_when, count + 1
        return (first, count)

    def history(self, url: str) -> list[tuple[str, str]]:
        """Every recorded ``(state, when)`` of ``url``, oldest first (at most 100)."""
        value = self.get(HISTORY, url, default=None)
        return list(value) if isinstance(value, list) else []

    # -- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
