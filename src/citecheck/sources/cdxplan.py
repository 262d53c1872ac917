"""Index-query planning: cover a run's URLs with the fewest bounded CDX queries.

The Wayback Machine allows about 24 CDX queries a minute, so one query per URL makes the
index, not the network, set a cold run's time. Papers cite many pages of the same few sites,
and a CDX index answers prefix queries, so the planner

1. groups the URLs by host (exact host and port: an archive may or may not fold ``www.``) and
   asks one ``matchType=prefix`` query per group, on the longest path prefix its URLs share;
   a host cited once gets an exact query;
2. keeps each answer bounded: a row ``limit``, only the fields a choice needs (``fl``), and no
   error captures (``filter`` on the status: a 4xx/5xx capture is never chosen, while keeping
   only 200 would lose redirect-only and revisit captures that the per-URL method can choose);
3. splits a prefix whose answer was cut at the limit: the index is sorted by URL key, so every
   URL whose key sorts before the last row is answered; the rest are planned again on longer
   prefixes (one per next character of their keys), down to exact queries. A URL with more
   captures than the limit is paged by time (``from`` the last timestamp seen) until every
   access date citing it can be decided. On a Wayback-style index, URLs that differ only in
   their query string are read with its pagination API (``showNumPages``/``page``) when that
   takes fewer queries than one per URL;
4. chooses per URL from the rows locally, exactly as the per-URL method does
   (:func:`~citecheck.sources.archive.choose_capture`).

Rows are matched to URLs by the archive's own canonical key (``urlkey``: SURT form). The key
of a cited URL is computed here by the same general rules (scheme, ``www.``, default port,
fragment dropped; path resolved and lower-cased; query arguments sorted; percent-escapes
normalised); every answer checks those rules against the rows it carries, and a group whose
rows disagree is asked again one exact query per URL, so a choice never rests on a guess.

Planning is pure: no network, no disk (the archive client runs the queries).

>>> path_key("http://WWW.Example.org:80/News/A%7Eb.html?b=2&a=1#top")
'/news/a~b.html?a=1&b=2'
>>> planner = CdxPlanner({"http://a.org/n/1.html": ("2022-02-20",), "http://a.org/n/2.html": (None,),
...                       "http://b.org/x": (None,)})
>>> [(q.match, q.url) for q in planner.initial()]
[('prefix', 'http://a.org/n/'), ('exact', 'http://b.org/x')]
"""

from __future__ import annotations

import posixpath
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .. import recache
from .archive import Capture, access_timestamp

#: Rows asked of one prefix or exact query: about 1 MB of JSON, far below the body cap.
ROW_LIMIT = 5000
#: Rows a Wayback CDX page holds at ``pageSize=1`` (one ZipNum block, per the CDX server docs).
WAYBACK_PAGE_ROWS = 3000
DEFAULT_PORTS = {"http": 80, "https": 443}

_ESCAPE = recache.compile(rb"%([0-9a-fA-F]{2})")
_WWW = recache.compile(r"^www\d*\.")


# --------------------------------------------------------------------------------------------
# Canonical keys (the path half of a SURT key)
# --------------------------------------------------------------------------------------------


def _normal_escapes(text: str) -> str:
    """Percent-escapes undone until stable, then only control, space, non-ASCII, ``#`` and ``%``
    escaped again (the rule CDX indexes apply before comparing URLs)."""
    data = text.encode("utf-8", errors="surrogateescape")
    for _ in range(8):
        decoded = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
        if decoded == data:
            break
        data = decoded
    out = []
    for byte in data:
        if byte <= 0x20 or byte >= 0x7F or byte in (0x23, 0x25):
            out.append(f"%{byte:02x}")
        else:
            out.append(chr(byte))
    return "".join(out)


def _normal_path(path: str) -> str:
    path = _normal_escapes(path or "/")
    if not path.startswith("/"):
        path = "/" + path
    resolved = posixpath.normpath(path)
    resolved = "/" + resolved.lstrip("/")  # normpath keeps a leading "//"
    return resolved.lower()


def _normal_query(query: str) -> str:
    if not query:
        return ""
    return "&".join(sorted(_normal_escapes(query).lower().split("&")))


def path_key(url: str) -> str:
    """The part of an archive's URL key after the host: what two spellings of one page share.

    >>> path_key("https://a.org/x/?B=1&a=2"), path_key("http://a.org/a/./b/../c%2Fd"), path_key("http://a.org")
    ('/x?a=2&b=1', '/a/c/d', '/')
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip().lower()
    path = _normal_path(parts.path)
    query = _normal_query(parts.query)
    return path + ("?" + query if query else "")


def host_group(url: str) -> str:
    """The host a URL is grouped under: lower-case name and any port that is not the default.

    >>> host_group("HTTP://www.A.org:80/x"), host_group("https://a.org:8443/x")
    ('www.a.org', 'a.org:8443')
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if port is not None and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    return host


def key_of_row(urlkey: str | None) -> str | None:
    """The path half of a CDX ``urlkey`` (``"org,a)/news/x.html"`` -> ``"/news/x.html"``)."""
    if not urlkey or ")" not in urlkey:
        return None
    return urlkey.split(")", 1)[1] or "/"


# --------------------------------------------------------------------------------------------
# Queries and outcomes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedQuery:
    """One CDX request the plan needs.

    ``match`` is ``"prefix"`` or ``"exact"``; ``url`` the ``url=`` value; ``targets`` the cited
    URLs it answers; ``prefix`` the key prefix they share (prefix queries). ``from_ts`` pages an
    exact query by time; ``page``/``count`` use Wayback pagination (``page=N`` / the
    ``showNumPages`` request). ``plain`` is the per-URL form of the old method: no ``fl``, no
    filter, no limit.
    """

    match: str
    url: str
    targets: tuple[str, ...]
    prefix: str = ""
    limit: int | None = ROW_LIMIT
    from_ts: str | None = None
    page: int | None = None
    pages: int | None = None  # how many pages a paged read has in all
    count: bool = False
    plain: bool = False

    @property
    def narrowed(self) -> bool:
        return self.from_ts is not None or self.page is not None or self.count


@dataclass
class Outcome:
    """What one answer settled: rows per cited URL, and the queries still needed."""

    resolved: dict[str, tuple[Capture, ...]] = field(default_factory=dict)
    follow_up: list[PlannedQuery] = field(default_factory=list)
    mismatch: bool = False  # the archive canonicalises URLs differently from :func:`path_key`


@dataclass(frozen=True)
class _Target:
    url: str
    host: str
    key: str
    scheme: str
    dates: tuple[str | None, ...]


def _usable(capture: Capture) -> bool:
    return capture.status is None or 200 <= capture.status < 400


def decided(rows: Sequence[Capture], dates: Iterable[str | None]) -> bool:
    """Whether the first rows of a URL (in time order, more may follow) already fix its choice
    for every access date: a good capture after the date is enough, since all before it came.

    >>> rows = [Capture("u", "20200101000000", 200), Capture("u", "20230101000000", 200)]
    >>> decided(rows, ["2022-02-20"]), decided(rows, [None]), decided(rows, ["2024-01-01"])
    (True, False, False)
    """
    good = [c.timestamp for c in rows if c.status is None or 200 <= c.status < 300]
    for date in dates:
        limit = access_timestamp(date)
        if limit is None or not any(stamp > limit for stamp in good):
            return False
    return True


def _safe_prefix(key: str) -> str:
    """A key prefix an archive reads back unchanged: no query part, no cut escape."""
    key = key.split("?", 1)[0]
    cut = key.rfind("%")
    if cut >= 0 and cut > len(key) - 3:
        key = key[:cut]
    return key


def _common(keys: Sequence[str]) -> str:
    first, last = min(keys), max(keys)
    i = 0
    while i < min(len(first), len(last)) and first[i] == last[i]:
        i += 1
    return first[:i]


class CdxPlanner:
    """The plan for one archive in one run: the first queries, then what each answer settles.

    ``targets`` maps each cited URL to the access dates of the references citing it (None for
    undated). ``grouped=False`` gives the per-URL method (one plain exact query each), kept as
    the reference the grouped plan must agree with. ``paginate`` allows Wayback pagination.
    Thread-safe: lanes may settle answers concurrently.
    """

    def __init__(
        self,
        targets: Mapping[str, Iterable[str | None]],
        *,
        grouped: bool = True,
        limit: int = ROW_LIMIT,
        paginate: bool = False,
    ) -> None:
        self.grouped = grouped
        self.limit = max(2, int(limit))
        self.paginate = paginate
        self._targets: dict[str, _Target] = {}
        for url, dates in targets.items():
            scheme = urlsplit(url).scheme.lower() or "http"
            self._targets[url] = _Target(
                url, host_group(url), path_key(url), scheme, tuple(dict.fromkeys(dates))
            )
        self._partial: dict[str, list[Capture]] = {}  # rows of a URL read in pieces so far
        self._pages_read: dict[str, set[int]] = {}  # paged read -> pages come back
        self._lock = threading.Lock()

    # -- first plan ---------------------------------------------------------------------------
    def initial(self) -> list[PlannedQuery]:
        """The first queries: one per host (or per URL when not grouped), largest groups first."""
        if not self.grouped:
            return [self._plain(url) for url in self._targets]
        by_host: dict[str, list[_Target]] = {}
        for target in self._targets.values():
            by_host.setdefault(target.host, []).append(target)
        queries = [self._cover(group, "") for group in by_host.values()]
        flat = [q for group in queries for q in group]
        return sorted(flat, key=lambda q: -len(q.targets))

    def _plain(self, url: str) -> PlannedQuery:
        return PlannedQuery("exact", url, (url,), limit=None, plain=True)

    def _exact(self, target: _Target, from_ts: str | None = None) -> PlannedQuery:
        return PlannedQuery("exact", target.url, (target.url,), limit=self.limit, from_ts=from_ts)

    def _prefix_query(self, group: Sequence[_Target], prefix: str) -> PlannedQuery:
        first = group[0]
        return PlannedQuery(
            "prefix",
            f"{first.scheme}://{first.host}{prefix}",
            tuple(t.url for t in group),
            prefix=prefix,
            limit=self.limit,
        )

    def _cover(self, group: Sequence[_Target], floor: str) -> list[PlannedQuery]:
        """Queries for URLs of one host whose keys all start with ``floor`` (the prefix an
        earlier query had): one prefix query when they share a longer prefix, else one per
        next character of their keys; URLs no prefix can separate (they differ only in the
        query string) get a paged read or exact queries."""
        if len(group) == 1:
            return [self._exact(group[0])]
        prefix = _safe_prefix(_common([t.key for t in group]))
        if len(prefix) > len(floor) or not floor:
            return [self._prefix_query(group, prefix)]
        parts: dict[str, list[_Target]] = {}
        for target in group:
            parts.setdefault(target.key[len(prefix) : len(prefix) + 1], []).append(target)
        out: list[PlannedQuery] = []
        for part in parts.values():
            sub = _safe_prefix(_common([t.key for t in part]))
            if len(part) == 1:
                out.append(self._exact(part[0]))
            elif len(sub) > len(prefix):
                out.append(self._prefix_query(part, sub))
            else:
                out.extend(self._paged(part, prefix) or [self._exact(t) for t in part])
        return out

    def _paged(self, group: Sequence[_Target], prefix: str) -> list[PlannedQuery]:
        """A page count request for URLs one prefix cannot separate (Wayback only), when paging
        could take fewer queries than one exact query per URL."""
        if not self.paginate or len(group) < 3:
            return []
        base = self._prefix_query(group, prefix)
        return [PlannedQuery("prefix", base.url, base.targets, prefix=prefix, limit=None, count=True)]

    # -- answers ------------------------------------------------------------------------------
    def page_reads(self, query: PlannedQuery, pages: int) -> list[PlannedQuery]:
        """The page reads a ``showNumPages`` answer calls for (none when paging costs more)."""
        if pages <= 0:
            return []
        if pages + 1 > len(query.targets):
            return [self._exact(self._targets[u]) for u in query.targets]
        return [
            PlannedQuery(
                "prefix", query.url, query.targets, prefix=query.prefix, limit=None, page=n, pages=pages
            )
            for n in range(pages)
        ]

    def settle(self, query: PlannedQuery, rows: Sequence[Capture]) -> Outcome:
        """What ``rows`` (one answer to ``query``) settle, and the queries still needed."""
        with self._lock:
            if query.plain:
                return Outcome(resolved={query.url: tuple(rows)})
            if query.match == "exact":
                return self._settle_exact(query, rows)
            return self._settle_prefix(query, rows)

    def _settle_exact(self, query: PlannedQuery, rows: Sequence[Capture]) -> Outcome:
        target = self._targets[query.url]
        seen = self._partial.pop(target.url, [])
        known = {c.as_row() for c in seen}
        seen.extend(c for c in rows if c.as_row() not in known)
        cut = query.limit is not None and len(rows) >= query.limit
        if not cut or decided(seen, target.dates):
            return Outcome(resolved={target.url: tuple(seen)})
        last = max(c.timestamp for c in rows)
        if query.from_ts is not None and last <= query.from_ts:
            # a page that holds nothing newer cannot move on: ask once without bounds
            return Outcome(follow_up=[self._plain(target.url)])
        self._partial[target.url] = seen
        return Outcome(follow_up=[self._exact(target, from_ts=last)])

    def _settle_prefix(self, query: PlannedQuery, rows: Sequence[Capture]) -> Outcome:
        targets = [self._targets[u] for u in query.targets]
        outcome = Outcome()
        keys: list[str] = []
        doubtful: set[str] = set()  # keys where the archive and path_key() disagree
        by_key: dict[str, list[Capture]] = {}
        for row in rows:
            mine = path_key(row.url)
            archived = key_of_row(row.key) or mine
            if archived != mine:
                doubtful.update((archived, mine))
            keys.append(archived)
            by_key.setdefault(archived, []).append(row)
        trusted = []
        for target in targets:
            if target.key in doubtful:  # ask the archive itself, as the per-URL method would
                outcome.mismatch = True
                outcome.follow_up.append(self._plain(target.url))
            else:
                trusted.append(target)
        if query.page is not None:
            outcome.resolved = self._settle_page(query, trusted, by_key)
            return outcome
        cut = query.limit is not None and len(rows) >= query.limit
        if not cut:
            outcome.resolved = {t.url: tuple(by_key.get(t.key, ())) for t in trusted}
            return outcome
        ordered = all(a <= b for a, b in zip(keys, keys[1:], strict=False))
        last = keys[-1] if ordered else ""
        rest = []
        for target in trusted:
            if target.key < last:  # every row of this key came before the cut
                outcome.resolved[target.url] = tuple(by_key.get(target.key, ()))
            else:
                rest.append(target)
        if rest:
            outcome.follow_up.extend(self._cover(rest, query.prefix))
        return outcome

    def _settle_page(self, query: PlannedQuery, targets, by_key) -> dict[str, tuple[Capture, ...]]:
        """One page of a paged read: rows are kept until every page has come."""
        for target in targets:
            self._partial.setdefault(target.url, []).extend(by_key.get(target.key, ()))
        done = self._pages_read.setdefault(query.url, set())
        done.add(query.page or 0)
        if len(done) < (query.pages or 0):
            return {}
        del self._pages_read[query.url]
        return {t.url: tuple(self._partial.pop(t.url, ())) for t in targets}


__all__ = [
    "ROW_LIMIT",
    "CdxPlanner",
    "Outcome",
    "PlannedQuery",
    "decided",
    "host_group",
    "key_of_row",
    "path_key",
]
