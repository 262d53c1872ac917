"""What a :class:`~citecheck.sources.fetcher.Fetcher` is configured with, apart from the fetcher:
a run that never talks to a server (a warm offline ``verify``) reads these settings without
importing the HTTP stack.

>>> FetchConfig(min_interval=0.5).min_interval
0.5
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import __version__

DEFAULT_USER_AGENT = f"citecheck/{__version__} (+https://github.com/citecheck/citecheck)"
PURPOSES = ("live", "cdx", "timegate", "snapshot")
#: Purposes paced by an archive's own limits (``cdx_per_minute``, ``snapshots_per_second``),
#: not by ``min_interval``, which is for the pages a paper cites.
ARCHIVE_BUDGETS = ("cdx", "snapshot")


@dataclass(frozen=True)
class FetchConfig:
    """Limits and politeness settings of a :class:`Fetcher` (defaults suit public servers).

    >>> FetchConfig().cdx_per_minute
    24.0
    >>> FetchConfig(allow_private=True, min_interval=0.01).allow_private
    True
    """

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 10
    retries: int = 3
    backoff: float = 1.0
    per_host_concurrency: int = 2
    min_interval: float = 1.0  # seconds between two page requests to one host (not archive requests)
    cdx_per_minute: float = 24.0
    snapshots_per_second: float = 8.0
    # requests of one archive budget (index queries, snapshots) in flight at once: enough to keep
    # a budget of 8 a second when one download takes half a second
    archive_concurrency: int = 4
    default_retry_after: float = 60.0  # silence after a 429 without Retry-After
    max_retry_after: float = 600.0  # a Retry-After beyond this: give up on that host this run
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    offline_probe_host: str | None = "example.com"  # resolved when a name fails, to tell "offline"
    ca_bundle: str | None = None  # PEM file of authorities to trust instead of the default bundle


__all__ = ["ARCHIVE_BUDGETS", "DEFAULT_USER_AGENT", "PURPOSES", "FetchConfig"]
