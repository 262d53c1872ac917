"""The transport the archive client uses in one run: which archives answered at all.

When no configured archive answered a single request in the run (no network, archive down), the
check gives every affected reference the same one line (:meth:`ArchiveTraffic.outage`) naming the
archives and why, so the findings can say it once for the run. Replaying WARC files, an archive
question the WARC holds no answer to is "no archived copy recorded" (:class:`NotRecorded`), not an
archive error.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable

from ..errors import NoSnapshot
from .archive import Archive
from .transport import TransportWrapper

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


__all__ = ["NOT_RECORDED", "ArchiveTraffic", "NotRecorded", "is_unrecorded"]
