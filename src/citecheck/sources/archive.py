"""Web archive look-up: the snapshot of a URL nearest the date the author read it.

Archives speak Memento (Wayback Machine, pywb, national archives). One look-up is ONE index
request per archive: a CDX query when the archive has a CDX endpoint (it tells capture status
and type, so error captures are skipped), else the Memento TimeMap. A TimeGate alone answers
"nearest", which may lie after the access date, so it is only the fall-back for an archive that
refuses TimeMap requests; with the whole list we pick:

1. the last capture on or before the access date (the page as the author saw it),
2. else the first capture after it,
3. with no access date, the newest capture.

The raw copy is then one more request (``<base><timestamp>id_/<url>``), cached forever.

>>> archive = Archive("http://127.0.0.1:8080/web/", cdx="http://127.0.0.1:8080/web/cdx")
>>> archive.raw_url("20211110080000", "http://ar.mofcom.gov.cn/a.shtml")
'http://127.0.0.1:8080/web/20211110080000id_/http://ar.mofcom.gov.cn/a.shtml'
>>> caps = [Capture("http://x.org/", "20200101000000"), Capture("http://x.org/", "20230101000000")]
>>> choose_capture(caps, "2022-02-20").timestamp
'20200101000000'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import quote, urlencode, urlsplit

from .. import recache
from ..errors import ArchiveError, ArchiveRateLimited, ArchiveUnavailable, NoSnapshot
from ..model import Snapshot
from .bodies import Body

WAYBACK_BASE = "https://web.archive.org/web/"
WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx"

LOOKUP_NS = "lookup"  # the cache gives it the look-up TTL
SNAPSHOT_NS = "snapshot"  # kept forever


class ArchiveAnswerError(ArchiveError):
    """The archive answered, but not with what was asked (HTML instead of JSON, an HTTP error)."""


@dataclass(frozen=True)
class Archive:
    """One web archive: its Memento base (ends with ``/``) and, optionally, its CDX endpoint.

    >>> Archive(WAYBACK_BASE, WAYBACK_CDX).timemap_url("http://a.org/x")
    'https://web.archive.org/web/timemap/link/http://a.org/x'
    """

    base: str
    cdx: str | None = None

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def timemap_url(self, url: str) -> str:
        return f"{self.base}timemap/link/{url}"

    def replay_url(self, timestamp: str, url: str) -> str:
        return f"{self.base}{timestamp}/{url}"

    def raw_url(self, timestamp: str, url: str) -> str:
        return f"{self.base}{timestamp}id_/{url}"

    def snapshot(self, capture: Capture) -> Snapshot:
        return Snapshot(
            archive=self.base,
            original_url=capture.url,
            timestamp=capture.timestamp,
            url=self.replay_url(capture.timestamp, capture.url),
            raw_url=self.raw_url(capture.timestamp, capture.url),
            status=capture.status,
            mimetype=capture.mimetype,
            digest=capture.digest,
        )


DEFAULT_ARCHIVES = (Archive(WAYBACK_BASE, WAYBACK_CDX),)


def make_archives(bases=(WAYBACK_BASE,), cdx=(WAYBACK_CDX,)) -> tuple[Archive, ...]:
    """Pair Memento bases with CDX endpoints (``--archive`` / ``--cdx``, both repeatable).

    A CDX endpoint belongs to the base it starts with (pywb: ``…/web/`` and ``…/web/cdx``), else to
    a base on the same host (Wayback: ``/web/`` and ``/cdx/search/cdx``). A CDX endpoint left over
    gets a base derived from it (``…/coll/cdx`` -> ``…/coll/``; ``…/cdx/search/cdx`` -> ``…/web/``).

    >>> [(a.base, a.cdx) for a in make_archives(["http://h:1/web/"], ["http://h:1/web/cdx"])]
    [('http://h:1/web/', 'http://h:1/web/cdx')]
    """
    items = [b if isinstance(b, Archive) else Archive(str(b)) for b in bases]
    pending = [str(c) for c in cdx if c]
    for rule in ("prefix", "host"):
        for i, archive in enumerate(items):
            if archive.cdx:
                continue
            for endpoint in pending:
                same = (
                    endpoint.startswith(archive.base)
                    if rule == "prefix"
                    else _host(endpoint) == _host(archive.base)
                )
                if same:
                    items[i] = Archive(archive.base, endpoint)
                    pending.remove(endpoint)
                    break
    for endpoint in pending:
        items.append(Archive(_base_for_cdx(endpoint), endpoint))
    seen: set[str] = set()
    result = []
    for archive in items:
        if archive.base not in seen:
            seen.add(archive.base)
            result.append(archive)
    return tuple(result)


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _base_for_cdx(endpoint: str) -> str:
    if endpoint.rstrip("/").endswith("/cdx/search/cdx"):
        return endpoint.rstrip("/")[: -len("cdx/search/cdx")] + "web/"
    if endpoint.rstrip("/").endswith("/cdx"):
        return endpoint.rstrip("/")[: -len("cdx")]
    return endpoint.rstrip("/") + "/"


@dataclass(frozen=True)
class Capture:
    """One row of an archive index (CDX row or TimeMap memento)."""

    url: str
    timestamp: str  # 14 digits
    status: int | None = None
    mimetype: str | None = None
    digest: str | None = None
    key: str | None = field(default=None, compare=False)  # the index's canonical URL key (SURT)

    def as_row(self) -> tuple:
        return (self.url, self.timestamp, self.status, self.mimetype, self.digest, self.key)


# --------------------------------------------------------------------------------------------
# Pure parsing
# --------------------------------------------------------------------------------------------


def _looks_like_html(body: bytes, content_type: str | None) -> bool:
    head = body[:512].lstrip().lower()
    return "html" in (content_type or "").lower() or head.startswith((b"<!doctype", b"<html", b"<"))


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _capture_from_mapping(row: dict) -> Capture | None:
    url = row.get("original") or row.get("url")
    timestamp = str(row.get("timestamp") or "")
    if not url or not re.fullmatch(r"\d{4,14}", timestamp):
        return None
    return Capture(
        url=url,
        timestamp=timestamp.ljust(14, "0"),
        status=_int_or_none(row.get("statuscode", row.get("status"))),
        mimetype=row.get("mimetype") or row.get("mime") or None,
        digest=row.get("digest") or None,
        key=row.get("urlkey") or None,
    )


def parse_cdx(body: bytes, content_type: str | None = None) -> list[Capture]:
    """Rows of a CDX answer in either JSON shape, or the plain space-separated text form.

    Wayback answers ``output=json`` with an array of arrays whose first row names the fields;
    pywb answers JSON lines, one object per capture. Raises :class:`ArchiveAnswerError` for an
    answer that is neither (an HTML page, garbage).

    >>> parse_cdx(b'[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
    ...           b'["org,a)/","20200101000000","http://a.org/","text/html","200","X","9"]]')[0].status
    200
    >>> parse_cdx(b'{"timestamp": "20200101000000", "url": "http://a.org/", "status": "404"}')[0].status
    404
    """
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            data = json.loads(text)
        except ValueError:
            raise ArchiveAnswerError("CDX answered malformed JSON") from None
        if not data:
            return []
        if not all(isinstance(r, list) for r in data):
            raise ArchiveAnswerError("CDX answered JSON of an unknown shape")
        header = [str(h) for h in data[0]]
        rows = [dict(zip(header, r, strict=False)) for r in data[1:]]
    elif text.startswith("{"):
        rows = []
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except ValueError:
                raise ArchiveAnswerError("CDX answered malformed JSON lines") from None
    elif _looks_like_html(body, content_type):
        raise ArchiveAnswerError("CDX answered HTML, not JSON")
    else:
        rows = []
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 3 and re.fullmatch(r"\d{4,14}", parts[1]):
                fields = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest"]
                rows.append(dict(zip(fields, parts, strict=False)))
            else:
                raise ArchiveAnswerError("CDX answered something that is not a CDX index")
    captures = [c for c in (_capture_from_mapping(r) for r in rows if isinstance(r, dict)) if c]
    return captures


_LINK_RE = recache.compile(r"<([^>]*)>((?:\s*;\s*[^;,<]+?=\s*(?:\"[^\"]*\"|[^;,]*))*)")
_PARAM_RE = recache.compile(r";\s*([^=;\s]+)\s*=\s*(?:\"([^\"]*)\"|([^;,]*))")


def parse_link_format(text: str) -> list[tuple[str, dict[str, str]]]:
    """Entries of an RFC 6690 / Memento link-format document: ``[(target, {param: value})]``."""
    entries = []
    for match in _LINK_RE.finditer(text):
        params = {}
        for p in _PARAM_RE.finditer(match.group(2)):
            params[p.group(1).lower()] = p.group(2) if p.group(2) is not None else p.group(3).strip()
        entries.append((match.group(1), params))
    return entries


def http_date_to_timestamp(value: str) -> str | None:
    """``"Tue, 01 Jun 2021 12:00:00 GMT"`` -> ``"20210601120000"``."""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y%m%d%H%M%S")


_MEMENTO_TS = recache.compile(r"/(\d{14})(?:[a-z]{2}_)?/(.+)$")


def parse_timemap(body: bytes, content_type: str | None = None) -> list[Capture]:
    """Mementos listed in a link-format TimeMap (status unknown: TimeMaps do not say).

    >>> tm = b'<http://a.org/>; rel="original",\\n<http://h/web/20210601120000/http://a.org/>; rel="memento"; datetime="Tue, 01 Jun 2021 12:00:00 GMT"'
    >>> parse_timemap(tm)[0].timestamp
    '20210601120000'
    """
    text = body.decode("utf-8", errors="replace")
    if text.strip() and _looks_like_html(body, content_type) and "rel=" not in text[:2000]:
        raise ArchiveAnswerError("TimeMap answered HTML, not link-format")
    entries = parse_link_format(text)
    original = next((t for t, p in entries if "original" in p.get("rel", "").split()), None)
    captures = []
    for target, params in entries:
        if "memento" not in params.get("rel", "").split():
            continue
        found = _MEMENTO_TS.search(target)
        timestamp = http_date_to_timestamp(params.get("datetime", "")) or (found.group(1) if found else None)
        if not timestamp:
            continue
        url = original or (found.group(2) if found else target)
        captures.append(Capture(url=url, timestamp=timestamp))
    return captures


def access_timestamp(access_date: str | None) -> str | None:
    """The last moment of an ISO access date, partial or full, as 14 digits (None if unusable).

    >>> access_timestamp("2022-02-20"), access_timestamp("2022-02"), access_timestamp("2022")
    ('20220220235959', '20220228235959', '20221231235959')
    """
    if not access_date:
        return None
    found = re.match(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", access_date)
    if not found:
        return None
    year = int(found.group(1))
    month = int(found.group(2)) if found.group(2) else 12
    if not 1 <= month <= 12:
        month = 12
    if found.group(3):
        day = int(found.group(3))
    else:
        nxt = datetime(year + (month == 12), month % 12 + 1, 1)
        day = (nxt - datetime(year, month, 1)).days
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}{month:02d}{day:02d}235959"


def choose_capture(captures, access_date: str | None) -> Capture | None:
    """The capture to use: last on/before the access date, else first after, else the newest.

    Captures of error pages (HTTP 4xx/5xx) are never chosen; redirects only when nothing better
    exists. An access date that cannot be read counts as none.
    """
    good = [c for c in captures if c.status is None or 200 <= c.status < 300]
    if not good:
        good = [c for c in captures if c.status is not None and 300 <= c.status < 400]
    if not good:
        return None
    ordered = sorted(good, key=lambda c: c.timestamp)
    limit = access_timestamp(access_date)
    if limit is None:
        return ordered[-1]
    before = [c for c in ordered if c.timestamp <= limit]
    return before[-1] if before else ordered[0]


def _strip_scheme(url: str) -> str:
    return re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", url)


def _prefix_param(url: str) -> str:
    """A prefix query's ``url=``: without its scheme (both schemes share the index key), unless
    the host has a port, where the scheme keeps ``host:port`` from reading as a scheme."""
    bare = _strip_scheme(url)
    return bare if ":" not in bare.split("/", 1)[0] or "://" not in url else url


def is_wayback_cdx(endpoint: str) -> bool:
    """Wayback-style CDX server (``…/cdx/search/cdx``) rather than pywb's (``…/<coll>/cdx``)."""
    return urlsplit(endpoint).path.rstrip("/").endswith("/cdx/search/cdx")


#: The fields a snapshot choice needs, by CDX flavour (``fl=``): no length, offset or file name.
CHOICE_FIELDS = {
    "wayback": ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest"),
    "pywb": ("urlkey", "timestamp", "url", "mime", "status", "digest"),
}
#: Server-side filter dropping error captures (never chosen), by flavour: Wayback filters are
#: Java regexes on a field; pywb's need ``~`` for a regex (its default is "contains").
NO_ERROR_CAPTURES = {"wayback": "!statuscode:[45]..", "pywb": "!~status:[45]"}


def cdx_query_url(
    endpoint: str,
    url: str,
    *,
    match: str = "exact",
    limit: int | None = None,
    contains: str | None = None,
    choice_fields: bool = False,
    from_ts: str | None = None,
    page: int | None = None,
    count_pages: bool = False,
) -> str:
    """The CDX request for ``url`` (``match``: exact or prefix), asking for JSON.

    ``contains`` asks the server to keep only rows whose URL holds that text (case-insensitive),
    in the filter syntax of the server's flavour (Wayback: ``filter=original:<regex>`` plus
    ``collapse=urlkey``; pywb: ``filter=~original:<regex>``). Callers still filter the rows:
    a server that ignores the parameter costs bandwidth, never correctness.

    ``choice_fields`` asks only for the fields a snapshot choice reads and no error captures;
    ``from_ts`` starts the answer at a timestamp; ``page``/``count_pages`` use the Wayback
    pagination API at its smallest page size (one block of about 3,000 rows).

    >>> cdx_query_url("http://h/web/cdx", "http://a.org/art", match="prefix", limit=500)
    'http://h/web/cdx?url=a.org/art&output=json&matchType=prefix&limit=500'
    >>> print(cdx_query_url(WAYBACK_CDX, "http://a.org/art", match="prefix", contains="/1.html"))
    https://web.archive.org/cdx/search/cdx?url=a.org/art&output=json&matchType=prefix&filter=original:(?i).*/1\\.html.*&collapse=urlkey
    >>> print(cdx_query_url("http://h/web/cdx", "a.org/n/", match="prefix", limit=9, choice_fields=True))
    http://h/web/cdx?url=a.org/n/&output=json&matchType=prefix&limit=9&fl=urlkey,timestamp,url,mime,status,digest&filter=!~status:[45]
    """
    flavour = "wayback" if is_wayback_cdx(endpoint) else "pywb"
    params: list[tuple[str, str]] = [
        ("url", _prefix_param(url) if match == "prefix" else url),
        ("output", "json"),
    ]
    if match != "exact":
        params.append(("matchType", match))
    if limit:
        params.append(("limit", str(limit)))
    if contains:
        pattern = "(?i).*" + re.escape(contains)
        if flavour == "wayback":
            params += [("filter", "original:" + pattern + ".*"), ("collapse", "urlkey")]
        else:
            params.append(("filter", "~original:" + pattern))
    if choice_fields:
        params += [("fl", ",".join(CHOICE_FIELDS[flavour])), ("filter", NO_ERROR_CAPTURES[flavour])]
    if from_ts:
        params.append(("from", from_ts))
    if count_pages:
        params += [("showNumPages", "true"), ("pageSize", "1")]
    elif page is not None:
        params += [("page", str(page)), ("pageSize", "1")]
    sep = "&" if "?" in endpoint else "?"
    return endpoint + sep + urlencode(params, safe=":/*()?\\~!,[]")


def parse_page_count(body: bytes) -> int:
    """The number a ``showNumPages=true`` request answers (a bare integer, or one in JSON).

    >>> parse_page_count(b"12\\n"), parse_page_count(b'{"pages": 3, "pageSize": 1}')
    (12, 3)
    """
    text = body.decode("utf-8", errors="replace").strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("pages"), int):
        return data["pages"]
    if isinstance(data, int):
        return data
    raise ArchiveAnswerError("CDX page count answer is not a number")


# --------------------------------------------------------------------------------------------
# Network (through the fetcher) and cache
# --------------------------------------------------------------------------------------------


def _raise_for_answer(response, what: str, *, missing_ok: bool = False) -> None:
    """Turn a fetch result into the ArchiveError a caller can react to (or nothing if usable)."""
    if response.status is None:
        kind = response.error_kind or "error"
        raise ArchiveUnavailable(f"{what} unreachable ({kind}): {response.error or 'no answer'}")
    if response.status == 429:
        raise ArchiveRateLimited(f"{what} rate-limited us (HTTP 429)")
    if response.status == 404 and missing_ok:
        return
    if response.status >= 400:
        raise ArchiveAnswerError(f"{what} answered HTTP {response.status} {response.reason}".rstrip())


class ArchiveClient:
    """Look-ups and snapshot fetches against configured archives, through one fetcher and cache.

    ``lookup(url, access_date)`` costs one request per archive tried (none when cached);
    ``fetch_snapshot(snapshot)`` one more (none ever again: snapshots are immutable).
    """

    def __init__(self, archives=DEFAULT_ARCHIVES, fetcher=None, cache=None):
        self.archives = tuple(archives)
        self.fetcher = fetcher
        self.cache = cache

    # -- index ------------------------------------------------------------------------------------
    def _cached(self, key: str):
        if self.cache is None:
            return None
        return self.cache.get(LOOKUP_NS, key)

    def _store(self, key: str, value) -> None:
        if self.cache is not None:
            self.cache.set(LOOKUP_NS, key, value, ttl=getattr(self.cache, "lookup_ttl", 7 * 86400))

    def cdx_query(
        self,
        archive: Archive,
        url: str,
        *,
        match: str = "exact",
        limit: int | None = None,
        contains: str | None = None,
    ) -> tuple[str, list[Capture]]:
        """Rows of one CDX query: ``(query_url, captures)``. Raises an ArchiveError subclass."""
        if not archive.cdx:
            raise ArchiveAnswerError(f"{archive.base} has no CDX endpoint configured")
        query = cdx_query_url(archive.cdx, url, match=match, limit=limit, contains=contains)
        cached = self._cached(query)
        if cached is not None:
            return query, [Capture(*row) for row in cached]
        response = self.fetcher.fetch(query, purpose="cdx")
        _raise_for_answer(response, f"CDX {archive.cdx}")
        captures = parse_cdx(response.body, response.headers.get("content-type"))
        self._store(query, [c.as_row() for c in captures])
        return query, captures

    def known_rows(self, archive: Archive, url: str) -> list[Capture] | None:
        """A URL's captures from the cache (stored under its per-URL query), or None."""
        if not archive.cdx:
            return None
        cached = self._cached(cdx_query_url(archive.cdx, url))
        return None if cached is None else [Capture(*row) for row in cached]

    def remember_rows(self, archive: Archive, url: str, rows) -> None:
        """Cache a URL's captures as its per-URL query would have (a planned answer's share)."""
        if archive.cdx:
            self._store(cdx_query_url(archive.cdx, url), [c.as_row() for c in rows])

    def planned_query(self, archive: Archive, query) -> list[Capture] | int:
        """Run one :class:`~citecheck.sources.cdxplan.PlannedQuery`: its rows, or the page count
        a ``showNumPages`` request answers. Raises an ArchiveError subclass."""
        if query.plain:
            return self.cdx_query(archive, query.url)[1]
        if not archive.cdx:
            raise ArchiveAnswerError(f"{archive.base} has no CDX endpoint configured")
        address = cdx_query_url(
            archive.cdx,
            query.url,
            match=query.match,
            limit=query.limit,
            choice_fields=not query.count,
            from_ts=query.from_ts,
            page=query.page,
            count_pages=query.count,
        )
        response = self.fetcher.fetch(address, purpose="cdx")
        _raise_for_answer(response, f"CDX {archive.cdx}")
        if query.count:
            return parse_page_count(response.body)
        return parse_cdx(response.body, response.headers.get("content-type"))

    def timemap(self, archive: Archive, url: str) -> list[Capture]:
        """Mementos from the archive's TimeMap (an unknown URL: 404 -> no captures)."""
        query = archive.timemap_url(url)
        cached = self._cached(query)
        if cached is not None:
            return [Capture(*row) for row in cached]
        response = self.fetcher.fetch(query, purpose="cdx")
        _raise_for_answer(response, f"TimeMap {archive.base}", missing_ok=True)
        captures = (
            []
            if response.status == 404
            else parse_timemap(response.body, response.headers.get("content-type"))
        )
        self._store(query, [c.as_row() for c in captures])
        return captures

    def timegate(self, archive: Archive, url: str, access_date: str | None = None) -> list[Capture]:
        """The one memento a Memento TimeGate names for the access date (its "nearest", which
        may lie after the date: used only when the archive offers neither CDX nor TimeMap)."""
        moment = access_timestamp(access_date) or datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
        query = archive.base + url
        key = f"{query}#accept-datetime={moment}"
        cached = self._cached(key)
        if cached is not None:
            return [Capture(*row) for row in cached]
        when = datetime.strptime(moment, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
        headers = {"Accept-Datetime": format_datetime(when, usegmt=True)}
        response = self.fetcher.fetch(query, purpose="timegate", follow_redirects=False, headers=headers)
        _raise_for_answer(response, f"TimeGate {archive.base}", missing_ok=True)
        captures = [] if response.status == 404 else _timegate_capture(url, response)
        self._store(key, [c.as_row() for c in captures])
        return captures

    def captures(self, archive: Archive, url: str, access_date: str | None = None) -> list[Capture]:
        """Every capture of ``url`` in ``archive``: CDX when configured, else the TimeMap (and the
        TimeGate when the archive answers TimeMap requests with an error)."""
        if archive.cdx:
            return self.cdx_query(archive, url)[1]
        try:
            return self.timemap(archive, url)
        except ArchiveAnswerError as refused:
            rows = self.timegate(archive, url, access_date)
            if not rows:
                raise refused from None  # neither list nor gate: say why, do not claim "no copy"
            return rows

    def lookup(self, url: str, access_date: str | None = None, *, captures_by_archive=None) -> Snapshot:
        """The snapshot nearest ``access_date`` in the first archive that holds one.

        Raises :class:`NoSnapshot` when every archive answered and none holds a usable capture,
        else the error of the last archive that failed (``ArchiveUnavailable``,
        ``ArchiveRateLimited``, ``ArchiveAnswerError``). ``captures_by_archive`` (a dict) memoises the
        index rows (or the error) across calls in one run.
        """
        url = url.split("#", 1)[0]  # archives index pages, not places in them
        errors: list[ArchiveError] = []
        for archive in self.archives:
            key = (archive.base, url)
            try:
                if captures_by_archive is not None and key in captures_by_archive:
                    rows = captures_by_archive[key]
                    if isinstance(rows, ArchiveError):
                        raise rows
                else:
                    try:
                        rows = self.captures(archive, url, access_date)
                    except ArchiveError as exc:
                        if captures_by_archive is not None:
                            captures_by_archive[key] = exc  # asked once per run, even when it failed
                        raise
                    if captures_by_archive is not None:
                        captures_by_archive[key] = rows
            except ArchiveError as exc:
                errors.append(exc)
                continue
            chosen = choose_capture(rows, access_date)
            if chosen is not None:
                return archive.snapshot(chosen)
        if errors:  # an archive that did not answer may hold a copy: say so, not "none"
            raise errors[-1]
        raise NoSnapshot(f"no archived copy of {url}")

    # -- snapshot bodies --------------------------------------------------------------------------
    def fetch_snapshot(self, snapshot: Snapshot) -> tuple[bytes, str | None]:
        """The raw archived body and its content type; cached forever once fetched."""
        return tuple(self.snapshot_body(snapshot)[:2])  # type: ignore[return-value]

    def snapshot_body(self, snapshot: Snapshot) -> Body:
        """The raw archived body with the headers the archive replayed for it (content type,
        ``Content-Language``); cached forever once fetched."""
        if self.cache is not None:
            cached = Body.of(self.cache.get(SNAPSHOT_NS, snapshot.raw_url))
            if cached is not None:
                return cached
        response = self.fetcher.fetch(_safe_url(snapshot.raw_url), purpose="snapshot")
        _raise_for_answer(response, f"archive {snapshot.archive}")
        if response.status != 200:
            raise ArchiveAnswerError(
                f"archive {snapshot.archive} answered HTTP {response.status} for the copy"
            )
        result = Body(response.body, response.headers.get("content-type"), response.content_language)
        if self.cache is not None and not response.truncated:
            self.cache.set(SNAPSHOT_NS, snapshot.raw_url, tuple(result), ttl=None)
        return result


def _timegate_capture(url: str, response) -> list[Capture]:
    """The memento a TimeGate answer points at: a redirect's Location, else its Link header."""
    location = response.headers.get("location", "")
    found = _MEMENTO_TS.search(location) if response.status in (301, 302, 303, 307, 308) else None
    if found:
        return [Capture(url=url, timestamp=found.group(1))]
    for target, params in parse_link_format(response.headers.get("link", "")):
        if "memento" in params.get("rel", "").split():
            stamp = http_date_to_timestamp(params.get("datetime", ""))
            match = _MEMENTO_TS.search(target)
            if stamp or match:
                return [Capture(url=url, timestamp=stamp or match.group(1))]
    stamp = http_date_to_timestamp(response.headers.get("memento-datetime", ""))
    return [Capture(url=url, timestamp=stamp)] if stamp else []


def _safe_url(url: str) -> str:
    """Percent-encode characters a request line cannot carry, keeping URL syntax as is."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def error_line(exc: ArchiveError) -> str:
    """One line for ``SourceCheck.archive_error``."""
    return str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
