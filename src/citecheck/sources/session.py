"""One checker session for a run: settings -> fetcher, cache and WARC recorder, closed together.

Both ``citecheck check`` and the ``verify`` pipeline open their network side here, so the rules
live in one place:

* ``--offline`` and ``--from-warc`` replay WARC files (no network at all); ``--offline`` alone
  replays nothing, so only the cache answers;
* a replay is reproducible: it never reads a cache filled by other runs;
* ``--save-warc`` records every response; it contradicts ``--offline`` and ``--from-warc``;
* the politeness numbers (``min_interval``, ``cdx_per_minute``, ``snapshots_per_second``, …) and
  ``timeout`` become the :class:`~citecheck.sources.fetcher.FetchConfig`.

Example::

    settings = CheckerSettings(archives=("http://127.0.0.1:8080/pywb/",),
                               cdx=("http://127.0.0.1:8080/pywb/cdx",),
                               allow_private=True, fetch_overrides={"min_interval": 0.2})
    with CheckerSession(settings) as session:
        checks = session.check(references)
        body = session.fetch_source(checks[0])

>>> CheckerSettings(timeout=4, fetch_overrides={"min_interval": 0.5}).fetch_config().total_timeout
12
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..model import SourceCheck
from .archive import WAYBACK_BASE, WAYBACK_CDX
from .transport import Transport, TransportWrapper

#: Fetcher settings a caller may set one by one (None: keep the fetcher's polite default).
FETCH_KEYS = (
    "connect_timeout",
    "read_timeout",
    "retries",
    "min_interval",
    "per_host_concurrency",
    "max_bytes",
    "cdx_per_minute",
    "snapshots_per_second",
    "ca_bundle",
)


@dataclass(frozen=True)
class CheckerSettings:
    """What the checker options mean, independent of any command line.

    ``fetch_overrides`` holds explicit :class:`~citecheck.sources.fetcher.FetchConfig` values
    (see :data:`FETCH_KEYS`); they win over what ``timeout`` implies.
    """

    archives: tuple[str, ...] = (WAYBACK_BASE,)
    cdx: tuple[str, ...] = (WAYBACK_CDX,)
    cache_dir: str | Path | None = None
    use_cache: bool = True
    offline: bool = False
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    from_warc: tuple[str | Path, ...] = ()
    save_warc: str | Path | None = None
    timeout: float | None = None
    workers: int = 8
    live_ttl: float | None = None  # seconds a live check stays fresh in the cache
    lookup_ttl: float | None = None  # seconds an archive look-up stays fresh
    fetch_overrides: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_options(cls, options: Mapping, **defaults) -> CheckerSettings:
        """Settings from parsed command-line options (names as ``check`` spells them; unknown keys
        ignored); ``defaults`` fill gaps.

        Archives: the Wayback Machine unless ``archives`` or ``cdx`` is given.

        >>> CheckerSettings.from_options({"min_interval": 0.5, "no_cache": True}).use_cache
        False
        """
        archives = tuple(options.get("archives") or ())
        cdx = tuple(options.get("cdx") or ())
        if not archives and not cdx:
            archives = tuple(defaults.get("archives") or (WAYBACK_BASE,))
            cdx = tuple(defaults.get("cdx") or (WAYBACK_CDX,))
        settings = cls(
            archives=archives,
            cdx=cdx,
            cache_dir=options.get("cache_dir") or defaults.get("cache_dir"),
            use_cache=not options.get("no_cache", False),
            offline=bool(options.get("offline")),
            allow_private=bool(options.get("allow_private") or defaults.get("allow_private")),
            allowed_hosts=tuple(options.get("allow_hosts") or defaults.get("allowed_hosts") or ()),
            from_warc=tuple(options.get("from_warc") or ()),
            save_warc=options.get("save_warc"),
            timeout=options.get("timeout") or defaults.get("timeout"),
            workers=options.get("workers") or defaults.get("workers") or 8,
            fetch_overrides={
                **dict(defaults.get("fetch_overrides") or {}),
                **{k: options[k] for k in FETCH_KEYS if options.get(k) is not None},
            },
        )
        settings.validate()
        return settings

    @classmethod
    def from_verify_options(cls, options) -> CheckerSettings:
        """Settings from a :class:`~citecheck.config.VerifyOptions` (config file and flags merged)."""
        return cls(
            archives=tuple(options.archives),
            cdx=tuple(options.cdx),
            cache_dir=options.cache_dir,
            use_cache=options.use_cache,
            offline=options.offline,
            allow_private=options.allow_private,
            allowed_hosts=tuple(options.allowed_hosts),
            from_warc=tuple(options.from_warc),
            save_warc=options.save_warc,
            timeout=options.timeout,
            workers=max(1, options.workers),
            live_ttl=options.live_ttl,
            lookup_ttl=options.lookup_ttl,
            fetch_overrides={k: getattr(options, k) for k in FETCH_KEYS if getattr(options, k) is not None},
        )

    @property
    def replay(self) -> bool:
        """True when responses come from WARC files (``--from-warc`` or ``--offline``)."""
        return bool(self.from_warc) or self.offline

    def validate(self) -> None:
        """Raise :class:`~citecheck.errors.UsageError` (one line) for contradicting settings."""
        if self.save_warc and self.replay:
            raise UsageError(
                "--save-warc records network responses: it cannot be combined with --from-warc or --offline"
            )
        for path in self.from_warc:
            if not Path(path).is_file():
                raise UsageError(f"WARC file not found: {path}")
        bundle = self.fetch_overrides.get("ca_bundle")
        if bundle and not Path(bundle).is_file():
            raise UsageError(f"certificate bundle not found: {bundle}")

    def fetch_config(self):
        """The :class:`~citecheck.sources.fetcher.FetchConfig` these settings describe.

        ``timeout`` is the read timeout; connecting gets at most 10 s of it and one whole fetch
        (hops and retries) three times it. Unknown override names are ignored.
        """
        from .fetchconfig import FetchConfig

        values: dict = {"allow_private": self.allow_private, "allowed_hosts": tuple(self.allowed_hosts)}
        if self.timeout:
            values.update(
                connect_timeout=min(10.0, self.timeout),
                read_timeout=self.timeout,
                total_timeout=self.timeout * 3,
            )
        values.update({k: v for k, v in self.fetch_overrides.items() if v is not None})
        if values.get("ca_bundle") is not None:
            values["ca_bundle"] = str(values["ca_bundle"])
        names = {f.name for f in dataclasses.fields(FetchConfig)}
        return FetchConfig(**{k: v for k, v in values.items() if k in names})


class LoggingFetcher(TransportWrapper):
    """A transport that logs one line per request: ``GET live http://a.org/ -> 404 (0.12 s)``."""

    def __init__(self, fetcher, log: Callable[[str], None]):
        super().__init__(fetcher)
        self._log = log

    def fetch(self, url: str, **kwargs):
        response = self.inner.fetch(url, **kwargs)
        outcome = response.status if response.status is not None else (response.error or "no answer")
        source = " [replay]" if getattr(response, "from_replay", False) else ""
        self._log(
            f"{kwargs.get('method', 'GET')} {kwargs.get('purpose', 'live')} {url} -> {outcome}"
            f" ({getattr(response, 'elapsed', 0.0):.2f} s){source}"
        )
        return response


class LazyTransport(TransportWrapper):
    """A transport opened on first use: a run that the cache answers entirely (a warm offline
    ``verify``) never imports the HTTP stack or builds connection pools.

    >>> from citecheck.sources.fetchconfig import FetchConfig
    >>> opened = []
    >>> lazy = LazyTransport(lambda: opened.append(1) or "the fetcher", FetchConfig())
    >>> opened, lazy.request_count, lazy.config.max_redirects
    ([], 0, 10)
    >>> lazy.close()  # closing an unopened transport opens nothing
    >>> opened
    []
    """

    def __init__(self, opener: Callable[[], Transport], config):
        self._opener = opener
        self._config = config  # what the opened transport will be configured with
        self._inner: Transport | None = None
        self._lock = threading.Lock()

    @property
    def config(self):
        return self._config

    @property
    def inner(self) -> Transport:
        if self._inner is None:
            with self._lock:
                if self._inner is None:
                    self._inner = self._opener()
        return self._inner

    @property
    def opened(self) -> bool:
        return self._inner is not None

    @property
    def request_count(self) -> int:
        return self._inner.request_count if self._inner is not None else 0

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()


def _empty_replay():
    from .warc import ReplayFetcher

    return ReplayFetcher([])


class CheckerSession:
    """The fetcher, cache and WARC recorder a run needs, closed together (a context manager).

    ``fetcher`` replaces the one the settings describe (the caller closes it), e.g. a fetcher
    that routes hosts to a local server; ``log`` receives one line per request. Raises
    :class:`~citecheck.errors.CacheError` when the cache cannot be opened and
    :class:`~citecheck.errors.UsageError` for contradicting settings.
    """

    def __init__(self, settings: CheckerSettings, *, fetcher=None, log: Callable[[str], None] | None = None):
        from .cache import Cache

        settings.validate()
        self.settings = settings
        self.recorder = None
        self._own_fetcher = fetcher is None
        kwargs: dict = {"enabled": settings.use_cache and not (settings.from_warc and not settings.offline)}
        if settings.live_ttl is not None:
            kwargs["live_ttl"] = settings.live_ttl
        if settings.lookup_ttl is not None:
            kwargs["lookup_ttl"] = settings.lookup_ttl
        self.cache = Cache(settings.cache_dir, **kwargs)
        try:
            self.fetcher = fetcher if fetcher is not None else self._open_fetcher()
        except BaseException:
            self.cache.close()
            raise
        if log is not None:
            self.fetcher = LoggingFetcher(self.fetcher, log)

    def _open_fetcher(self):
        settings = self.settings
        if settings.replay and settings.from_warc:
            from .warc import ReplayFetcher

            return ReplayFetcher([str(p) for p in settings.from_warc])
        if settings.replay:  # --offline alone: a replay of no files, answering "not recorded"
            from .fetchconfig import FetchConfig

            return LazyTransport(_empty_replay, FetchConfig())
        if settings.save_warc:
            from .fetcher import Fetcher
            from .warc import RecordingFetcher, WarcRecorder

            self.recorder = WarcRecorder(settings.save_warc)
            return RecordingFetcher(Fetcher(settings.fetch_config(), recorder=self.recorder), self.recorder)
        # nothing to open or to check before the first request: the HTTP stack waits for it
        return LazyTransport(self._live_fetcher, settings.fetch_config())

    def _live_fetcher(self):
        from .fetcher import Fetcher

        return Fetcher(self.settings.fetch_config())

    @property
    def archives(self) -> tuple[str, ...]:
        return self.settings.archives

    @property
    def cdx(self) -> tuple[str, ...]:
        return self.settings.cdx

    @property
    def request_count(self) -> int | None:
        """Network requests made so far (always 0 when replaying)."""
        return getattr(self.fetcher, "request_count", None)

    def check(
        self, references, *, progress=None, live: bool = True, archive: bool = True, **planning
    ) -> list[SourceCheck]:
        """:func:`~citecheck.sources.checker.check_references` with this session's settings
        (``planning``: its ``want_body``, ``bodies``, ``grouped`` and ``row_limit``)."""
        from .checker import check_references

        return check_references(
            references,
            fetcher=self.fetcher,
            cache=self.cache,
            archives=self.settings.archives,
            cdx=self.settings.cdx,
            workers=self.settings.workers,
            progress=progress,
            live=live,
            archive=archive,
            **planning,
        )

    def fetch_source(self, check: SourceCheck, bodies=None):
        """:func:`~citecheck.sources.checker.fetch_source` through this session."""
        from .checker import fetch_source

        return fetch_source(check, self.fetcher, self.cache, bodies)

    def close(self) -> None:
        try:
            if self._own_fetcher:
                self.fetcher.close()
        finally:
            try:
                self.cache.close()
            finally:
                if self.recorder is not None:
                    self.recorder.close()

    def __enter__(self) -> CheckerSession:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is KeyboardInterrupt and self.recorder is not None:
            self.recorder.abort()
            self.recorder = None
        self.close()


__all__ = ["FETCH_KEYS", "CheckerSession", "CheckerSettings", "LoggingFetcher"]
