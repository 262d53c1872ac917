"""On-disk cache for live checks, archive look-ups and snapshots (diskcache underneath).

Values live in namespaces. Archive snapshots never change, so they are kept forever;
live checks expire after ``live_ttl`` and archive look-ups (TimeGate, CDX) after
``lookup_ttl``. Values are stored as data (JSON and raw bytes, never a pickle), each with a
SHA-256 checksum: an entry that fails its checksum or cannot be decoded is dropped and reported
as a miss (see :attr:`Cache.problems`); an entry of the old pickle format is a plain miss and is
rebuilt. A ``cache.db`` SQLite cannot read is moved aside and rebuilt. Two processes may share
one directory (diskcache uses SQLite transactions).

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

import dataclasses
import enum
import hashlib
import json
import os
import sqlite3
import struct
import threading
import time
from pathlib import Path
from typing import Any

import diskcache
import platformdirs

from .. import model
from ..errors import CacheError

_MAGIC = b"CC2"  # JSON and raw bytes; "CC1" was a pickle and is never read again
_OLD_MAGICS = (b"CC1",)
_DIGEST = 32
_HISTORY_LIMIT = 100
_MISSING = object()
_DB = "cache.db"

SNAPSHOT = "snapshot"  # raw archived copies: kept forever
LIVE = "live"  # live link checks: live_ttl
LOOKUP = "lookup"  # archive look-ups (TimeGate, CDX, TimeMap): lookup_ttl
HISTORY = "history"  # per-URL live-state history: kept forever
_LOOKUP_LIKE = ("lookup", "cdx", "timegate", "timemap")


def namespace_ttl(namespace: str, live_ttl: float | None, lookup_ttl: float | None) -> float | None:
    """The TTL of a value of ``namespace`` set without one: live checks and archive look-ups
    expire, everything else (snapshots, histories) is kept."""
    if namespace == LIVE:
        return live_ttl
    if namespace in _LOOKUP_LIKE:
        return lookup_ttl
    return None


#: A write waits in memory at most this long, or until this many are waiting, then one SQLite
#: transaction stores the batch: a run killed mid-way loses at most the last FLUSH_SECONDS of
#: answers (they are fetched again), and no worker pays a commit per value.
FLUSH_SECONDS = 0.05
FLUSH_VALUES = 256

#: SQLite's answers for a file that is not a database or is damaged (SQLITE_CORRUPT, SQLITE_NOTADB)
_CORRUPT_CODES = frozenset({11, 26})


def default_directory() -> Path:
    """``$CITECHECK_CACHE_DIR`` if set, else the user cache directory for citecheck."""
    override = os.environ.get("CITECHECK_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("citecheck"))


# -- values as data ------------------------------------------------------------------------------
# A cached value is JSON plus raw byte strings, never a pickle: a cache restored from elsewhere
# (a CI cache between jobs) can hold wrong data, but no code. Only the model's own dataclasses
# and enums are rebuilt from it, by name, through their constructors.
def _model_types() -> dict[str, type]:
    return {
        name: obj
        for name, obj in vars(model).items()
        if isinstance(obj, type)
        and obj.__module__ == model.__name__
        and (dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum))
    }


_TYPES = _model_types()


def _encode(value: Any, blobs: list[bytes]) -> Any:
    """``value`` as JSON data; byte strings go to ``blobs`` and are named by their index."""
    if isinstance(value, enum.Enum):  # before str: the model's enums are str enums
        if _TYPES.get(type(value).__name__) is not type(value):
            raise TypeError(f"cannot cache a {type(value).__name__}")
        return {"e": [type(value).__name__, value.value]}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        blobs.append(bytes(value))
        return {"b": len(blobs) - 1}
    if isinstance(value, list):
        return [_encode(v, blobs) for v in value]
    if isinstance(value, tuple):
        return {"t": [_encode(v, blobs) for v in value]}
    if isinstance(value, dict):
        return {"d": [[_encode(k, blobs), _encode(v, blobs)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and _TYPES.get(type(value).__name__) is type(value):
        fields = {f.name: _encode(getattr(value, f.name), blobs) for f in dataclasses.fields(value) if f.init}
        return {"o": [type(value).__name__, fields]}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(data: Any, blobs: list[bytes]) -> Any:
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [_decode(v, blobs) for v in data]
    if not isinstance(data, dict) or len(data) != 1:
        raise ValueError("not a cached value")
    ((tag, body),) = data.items()
    if tag == "t":
        return tuple(_decode(v, blobs) for v in body)
    if tag == "b":
        return blobs[body]
    if tag == "d":
        return {_freeze(_decode(k, blobs)): _decode(v, blobs) for k, v in body}
    if tag in ("e", "o"):
        name, content = body
        cls = _TYPES.get(name)
        if cls is None:
            raise ValueError(f"unknown type {name!r}")
        if tag == "e":
            return cls(content)
        return cls(**{k: _decode(v, blobs) for k, v in content.items()})
    raise ValueError(f"unknown tag {tag!r}")


def _freeze(key: Any) -> Any:
    if isinstance(key, list):
        raise ValueError("a list cannot be a key")
    return key


class _OldFormat(ValueError):
    """A value written by an older citecheck (a pickle): a miss, never unpickled."""


def _pack(value: Any) -> bytes:
    """``value`` as bytes: a JSON head (with the blob lengths), then the blobs, checksummed."""
    blobs: list[bytes] = []
    head = json.dumps(
        [_encode(value, blobs), [len(b) for b in blobs]], ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    payload = b"".join([struct.pack(">Q", len(head)), head, *blobs])
    return _MAGIC + hashlib.sha256(payload).digest() + payload


def _unpack(blob: Any) -> Any:
    """Inverse of :func:`_pack`; raises ValueError for anything that fails the checks."""
    if isinstance(blob, bytes) and blob.startswith(_OLD_MAGICS):
        raise _OldFormat("old pickle format, not read")
    if not isinstance(blob, bytes) or not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _DIGEST + 8:
        raise ValueError("not a citecheck cache value")
    digest = blob[len(_MAGIC) : len(_MAGIC) + _DIGEST]
    payload = blob[len(_MAGIC) + _DIGEST :]
    if hashlib.sha256(payload).digest() != digest:
        raise ValueError("checksum mismatch")
    try:
        (size,) = struct.unpack(">Q", payload[:8])
        data, lengths = json.loads(payload[8 : 8 + size].decode("utf-8"))
        blobs, at = [], 8 + size
        for n in lengths:
            blobs.append(payload[at : at + n])
            at += n
        if at != len(payload):
            raise ValueError("length mismatch")
        return _decode(data, blobs)
    except (ValueError, TypeError, KeyError, IndexError, struct.error) as exc:
        raise ValueError(f"cannot decode: {type(exc).__name__}") from None


class _DataOnlyDisk(diskcache.Disk):
    """diskcache's storage, refusing what it would unpickle: keys are text, values bytes.

    diskcache unpickles any row marked as a pickle; a planted ``cache.db`` could mark one.
    """

    def store(self, value, read, key=diskcache.UNKNOWN):
        if not isinstance(value, bytes):
            raise TypeError("the cache stores bytes only")
        return super().store(value, read, key=key)

    def fetch(self, mode, filename, value, read):
        if mode == diskcache.core.MODE_PICKLE:
            raise ValueError("a pickled value is never read")
        if filename is not None and (os.path.isabs(filename) or ".." in Path(filename).parts):
            raise ValueError("a value file outside the cache directory")
        return super().fetch(mode, filename, value, read)

    def get(self, key, raw):
        if not raw:
            raise ValueError("a pickled key is never read")
        return super().get(key, raw)


def _is_corrupt(exc: BaseException) -> bool:
    """A database file SQLite cannot read as one (damaged, or not a database at all)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    return not isinstance(exc, sqlite3.OperationalError)


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
        # writes not yet stored: full key -> (packed value, absolute expiry or None), and
        # per-URL history observations to append (merged with the stored history at a flush)
        self._pending: dict[str, tuple[bytes, float | None]] = {}
        self._pending_history: dict[str, list[tuple[str, str]]] = {}
        self._flushing: dict[str, tuple[bytes, float | None]] = {}  # the batch being committed
        self._flush_lock = threading.Lock()  # one batch at a time
        #: per URL, the stored history as first read plus this process's observations since
        self._history_base: dict[str, list[tuple[str, str]]] = {}
        self._oldest: float | None = None
        self._failure: str | None = None
        self._stop = threading.Event()
        self._flusher: threading.Thread | None = None
        if not enabled:
            return
        try:
            self._open()
        except (OSError, sqlite3.Error) as exc:
            self._close_store()
            if not _is_corrupt(exc):
                raise CacheError(
                    f"cache directory {self.directory} is not writable: {_reason(exc)}"
                ) from None
            aside = self._move_aside(exc)
            try:
                self._open()
            except (OSError, sqlite3.Error) as again:
                self._close_store()
                raise CacheError(
                    f"cache {self.directory / _DB} is corrupt and cannot be rebuilt: {_reason(again)}"
                ) from None
            self.problems.append(
                f"cache {self.directory / _DB} was corrupt ({_reason(exc)}): moved to {aside.name}, rebuilt"
            )
        self._flusher = threading.Thread(target=self._flush_loop, name="citecheck-cache-flush", daemon=True)
        self._flusher.start()

    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        # cull_limit=0: no expiry scan inside every write; expired entries are never returned
        # (diskcache's reads check the expiry) and are removed once, when the cache is closed
        self._store = diskcache.Cache(str(self.directory), size_limit=2**34, cull_limit=0, disk=_DataOnlyDisk)
        probe = "meta\x1fwrite-probe"
        self._store.set(probe, b"", expire=1)
        self._store.delete(probe)

    def _close_store(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            except (OSError, sqlite3.Error):
                pass
            self._store = None

    def _move_aside(self, exc: BaseException) -> Path:
        """Rename a corrupt ``cache.db`` (and its journal files) so a new one can be built."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = self.directory / f"{_DB}.corrupt-{stamp}-{os.getpid()}"
        for suffix in ("-wal", "-shm", "-journal", ""):
            source = self.directory / (_DB + suffix)
            try:
                os.replace(source, aside.with_name(aside.name + suffix))
            except FileNotFoundError:
                continue
            except OSError as err:
                raise CacheError(
                    f"cache {self.directory / _DB} is corrupt ({_reason(exc)}) and cannot be moved aside: {_reason(err)}"
                ) from None
        return aside

    # -- basics --------------------------------------------------------------------------
    @staticmethod
    def _key(namespace: str, key: str) -> str:
        return f"{namespace}\x1f{key}"

    def default_ttl(self, namespace: str) -> float | None:
        """The TTL a namespace gets when :meth:`set` is called without one."""
        return namespace_ttl(namespace, self.live_ttl, self.lookup_ttl)

    def get(self, namespace: str, key: str, default: Any = None) -> Any:
        """The cached value, or ``default`` on a miss, an expired or a corrupted entry."""
        if self._store is None:
            return default
        full = self._key(namespace, key)
        try:
            blob = self._pending_blob(full)
            if blob is _MISSING:
                blob = self._store.get(full, default=_MISSING)
        except (OSError, sqlite3.Error, EOFError, ValueError) as exc:
            self._drop(
                full,
                f"unreadable: {exc}" if isinstance(exc, ValueError) else f"unreadable ({type(exc).__name__})",
            )
            self.misses += 1
            return default
        if blob is _MISSING:
            self.misses += 1
            return default
        try:
            value = _unpack(blob)
        except _OldFormat:
            self._drop(full, None)
            self.misses += 1
            return default
        except ValueError as exc:
            self._drop(full, str(exc))
            self.misses += 1
            return default
        self.hits += 1
        return value

    def set(self, namespace: str, key: str, value: Any, *, ttl: float | None | object = _MISSING) -> None:
        """Store ``value``; ``ttl=None`` keeps it forever, no ``ttl`` uses the namespace's.

        The value is readable at once; it reaches the disk with the next batch (at most
        :data:`FLUSH_SECONDS` later, or at :meth:`close`)."""
        if self._store is None:
            return
        expire = self.default_ttl(namespace) if ttl is _MISSING else ttl
        blob = _pack(value)
        with self._write_lock:
            self._raise_failure()
            self._pending[self._key(namespace, key)] = (
                blob,
                None if expire is None else time.time() + expire,
            )
            full_batch = self._queued()
        if full_batch:
            self._flush()

    def delete(self, namespace: str, key: str) -> None:
        if self._store is not None:
            full = self._key(namespace, key)
            with self._flush_lock:
                with self._write_lock:
                    self._pending.pop(full, None)
                self._store.delete(full)

    def _drop(self, full_key: str, why: str | None) -> None:
        """Delete one entry; ``why`` says what was wrong with it (None: only outdated)."""
        namespace, _, key = full_key.partition("\x1f")
        if why is not None:
            self.problems.append(f"dropped corrupted cache entry {namespace}:{key[:120]} ({why})")
        try:
            self._store.delete(full_key)  # type: ignore[union-attr]
        except (OSError, sqlite3.Error):
            pass

    # -- write batches -------------------------------------------------------------------
    def _pending_blob(self, full: str) -> Any:
        """A value set but not stored yet (``_MISSING`` when there is none or it expired).

        No lock: a batch being stored moves from ``_pending`` to ``_flushing`` before
        ``_pending`` is emptied, and leaves ``_flushing`` only once it is committed."""
        waiting = self._pending.get(full) or self._flushing.get(full)
        if waiting is None:
            return _MISSING
        blob, expires = waiting
        return _MISSING if expires is not None and expires <= time.time() else blob

    def _queued(self) -> bool:
        """Note one more waiting write (write lock held); True when the batch is full."""
        if self._oldest is None:
            self._oldest = time.monotonic()
        return len(self._pending) + len(self._pending_history) >= FLUSH_VALUES

    def _flush_loop(self) -> None:
        while not self._stop.wait(FLUSH_SECONDS / 2):
            oldest = self._oldest
            if oldest is not None and time.monotonic() - oldest >= FLUSH_SECONDS:
                self._flush()

    def flush(self) -> None:
        """Store every waiting write now (one transaction); raises CacheError if it cannot."""
        if self._store is None:
            return
        self._flush()
        with self._write_lock:
            self._raise_failure()

    def _flush(self) -> None:
        """Store the waiting batch in one transaction. Readers and writers go on meanwhile:
        only the hand-over of the batch holds the write lock, never the SQLite commit."""
        with self._flush_lock:
            with self._write_lock:
                pending, history = self._pending, self._pending_history
                if self._store is None or (not pending and not history):
                    self._oldest = None
                    return
                self._flushing = pending
                self._pending, self._pending_history, self._oldest = {}, {}, None
            now = time.time()
            try:
                with self._store.transact():
                    for full, (blob, expires) in pending.items():
                        if expires is None:
                            self._store.set(full, blob)
                        elif expires > now:
                            self._store.set(full, blob, expire=expires - now)
                    for url, seen in history.items():
                        merged = (self._stored_history(url) + seen)[-_HISTORY_LIMIT:]
                        self._store.set(self._key(HISTORY, url), _pack(merged))
            except (OSError, sqlite3.Error) as exc:
                with self._write_lock:
                    self._failure = f"cannot write to cache {self.directory}: {_reason(exc)}"
            finally:
                self._flushing = {}

    def _raise_failure(self) -> None:
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise CacheError(failure)

    def _stored_history(self, url: str) -> list[tuple[str, str]]:
        try:
            full = self._key(HISTORY, url)
            blob = self._pending_blob(full)  # a whole history set but not stored yet counts too
            if blob is _MISSING:
                blob = self._store.get(full, default=None)  # type: ignore[union-attr]
            value = _unpack(blob) if blob is not None else []
        except (OSError, sqlite3.Error, ValueError):
            value = []
        return [tuple(v) for v in value] if isinstance(value, list) else []

    # -- live-state history --------------------------------------------------------------
    def record_state(self, url: str, state: str, when: str) -> tuple[str, int]:
        """Add one observation of ``url`` in ``state`` at ``when`` (ISO 8601).

        Returns when the current unbroken run of ``state`` began and how many
        observations it has: ``("2026-01-02T00:00:00Z", 3)`` reads "broken since
        2026-01-02, seen 3 times". Without a cache it is ``(when, 1)``.

        The stored history is read once per URL and process; this process's observations
        are appended to it in memory and to the disk with the next batch, where they are
        merged with what other processes stored meanwhile (none is lost).
        """
        if self._store is None:
            return (when, 1)
        base = self._history_base.get(url)
        if base is None:
            base = self._stored_history(url)
        with self._write_lock:
            self._raise_failure()
            base = self._history_base.setdefault(url, base)
            base.append((state, when))
            del base[:-_HISTORY_LIMIT]
            history = list(base)
            self._pending_history.setdefault(url, []).append((state, when))
            full_batch = self._queued()
        if full_batch:
            self._flush()
        first, count = when, 0
        for past_state, past_when in reversed(history):
            if past_state != state:
                break
            first, count = past_when, count + 1
        return (first, count)

    def history(self, url: str) -> list[tuple[str, str]]:
        """Every recorded ``(state, when)`` of ``url``, oldest first (at most 100)."""
        if self._store is None:
            return []
        with self._write_lock:
            if url in self._history_base:
                return list(self._history_base[url])
        return self._stored_history(url)

    # -- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        """Store what is waiting, drop expired entries, close; raises CacheError if the last
        batch cannot be stored."""
        if self._store is None:
            return
        self._stop.set()
        if self._flusher is not None:
            self._flusher.join()
        try:
            self._flush()
            with self._flush_lock:
                try:
                    self._store.expire()
                except (OSError, sqlite3.Error):
                    pass
            failure, self._failure = self._failure, None
        finally:
            self._close_store()
        if failure is not None:
            raise CacheError(failure)

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
