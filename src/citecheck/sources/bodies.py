"""Page bodies fetched once per run and shared: the link check, the archive stage and the figure text.

A live check reads the page anyway, and the archive stage downloads the snapshot as soon as its
capture is chosen; the figure stage then reads both from here instead of asking the network a
second time (and a WARC recording holds each answer once). One store belongs to one run.

>>> store = SourceBodies()
>>> store.put("live", "http://a.org/", b"<p>hi</p>", "text/html")
>>> store.get("live", "http://a.org/")
Body(body=b'<p>hi</p>', content_type='text/html', content_language=None)
>>> store.fail("archive", "http://h/web/1id_/http://a.org/"); store.failed("archive", "http://h/web/1id_/http://a.org/")
True
"""

from __future__ import annotations

import threading
from typing import NamedTuple

LIVE_BODY_NS = "live-body"  # cache namespace of live page bodies (the live TTL applies)


class Body(NamedTuple):
    """A fetched page: its bytes and what its response headers said about them."""

    body: bytes
    content_type: str | None
    content_language: str | None = None  # the Content-Language header (the language the server states)

    @classmethod
    def of(cls, value) -> Body | None:
        """A body from what a cache holds: a :class:`Body` or an older ``(body, content_type)``."""
        if value is None:
            return None
        return cls(*value) if not isinstance(value, Body) else value


class SourceBodies:
    """Thread-safe store of :class:`Body` by origin (``"live"``/``"archive"``) and URL."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[tuple[str, str], Body] = {}
        self._failed: set[tuple[str, str]] = set()

    def put(
        self,
        origin: str,
        url: str,
        body: bytes,
        content_type: str | None,
        content_language: str | None = None,
    ) -> None:
        with self._lock:
            self._items[(origin, url)] = Body(body, content_type, content_language)

    def get(self, origin: str, url: str) -> Body | None:
        with self._lock:
            return self._items.get((origin, url))

    def fail(self, origin: str, url: str) -> None:
        """Remember that fetching ``url`` failed this run (so nobody asks again)."""
        with self._lock:
            self._failed.add((origin, url))

    def failed(self, origin: str, url: str) -> bool:
        with self._lock:
            return (origin, url) in self._failed

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
