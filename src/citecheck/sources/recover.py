"""Recovering damaged URLs with an archive's CDX index.

Two cases, each ONE CDX query per archive (per host for candidates on different hosts):

* a repaired URL with ranked ``candidates`` (``….html`` vs ``….htm``): a prefix query on what the
  candidates share tells which one the archive knows -> ``Recovery("confirmed", url)``;
* an incomplete URL (``Url.complete`` False) whose ``fragments`` are ``(host, prefix, tail,
  *middle)`` (see :mod:`citecheck.references.urls`): a prefix query on ``prefix``, then the rows
  whose URL holds the middle pieces in order and ends with ``tail``. One distinct URL ->
  ``"recovered"``; several -> ``"ambiguous"`` with all of them (never one picked at random);
  none -> ``"not-found"``.

The matching is pure and testable without a network:

>>> rows = [Capture("http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml", "20211110080000"),
...         Capture("http://ar.mofcom.gov.cn/article/jmxw/202111/20211116000000.shtml", "20211120000000")]
>>> frags = ("ar.mofcom.gov.cn", "http://ar.mofcom.gov.cn/art", "/202111/20211103215703.shtml")
>>> [c.url for c in match_fragments(rows, frags)]
['http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml']
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from ..errors import ArchiveError
from ..model import Recovery, Url
from ..references.urls.vocab import GARBLE_CHARS
from .archive import Archive, ArchiveClient, Capture, error_line

PREFIX_LIMIT = 10000  # rows asked of one prefix query; a cut answer is said in the evidence
GARBLE = GARBLE_CHARS + "…"


@dataclass(frozen=True)
class RecoveryResult:
    """A :class:`Recovery` plus the rows that support it (to pick a snapshot without asking again)."""

    recovery: Recovery
    archive: Archive | None = None
    captures: tuple[Capture, ...] = ()  # rows of the chosen URL (recovered/confirmed), else ()
    error: str | None = None  # one line when an archive could not answer
    # every candidate's rows (url_key -> rows) when the answer was complete: spares a look-up
    rows_by_url: dict | None = None


def url_key(url: str) -> str:
    """Comparable form: no scheme, no ``www.``, lower case, no trailing slash.

    >>> url_key("https://WWW.Gov.cn/xinwen/a.htm/")
    'gov.cn/xinwen/a.htm'
    """
    text = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", url.strip()).lower()
    text = re.sub(r"^www\d?\.", "", text)
    return text.rstrip("/")


def _group(captures) -> dict[str, list[Capture]]:
    groups: dict[str, list[Capture]] = {}
    for capture in captures:
        groups.setdefault(url_key(capture.url), []).append(capture)
    return groups


def _representative(rows: list[Capture]) -> str:
    """The URL form to report for one page (the most captured spelling; ties: the newest)."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.url] = counts.get(row.url, 0) + 1
    return max(sorted(rows, key=lambda r: r.timestamp), key=lambda r: counts[r.url]).url


_GENERIC_TLDS = frozenset(
    "com org net edu gov int mil info biz io co name pro aero coop museum asia jobs mobi tel travel xyz "
    "online site app dev news blog eu localhost".split()
)


def _host_complete(host: str) -> bool:
    """A host ending in a top-level domain (a country code or a common generic one)."""
    bare = host.lower().split(":")[0]
    try:
        ipaddress.ip_address(bare)
        return True
    except ValueError:
        pass
    labels = [x for x in bare.split(".") if x]
    if len(labels) < 2:
        return False
    last = labels[-1]
    return (len(last) == 2 and last.isalpha()) or last in _GENERIC_TLDS or last.startswith("xn--")


def prefix_of(fragments: tuple[str, ...]) -> str | None:
    """The CDX prefix for fragments ``(host, prefix, tail, …)``; None when the host is incomplete.

    >>> prefix_of(("ar.mofcom.gov.cn", "http://ar.mofcom.gov.cn/art", "/202111/1.shtml"))
    'http://ar.mofcom.gov.cn/art'
    >>> prefix_of(("www.xinhuanet", "http://www.xinhuanet", "")) is None
    True
    """
    host = fragments[0] if fragments else ""
    prefix = fragments[1] if len(fragments) > 1 else ""
    if not host or not _host_complete(host):
        return None
    if not prefix or url_key(host) not in url_key(prefix).split("/")[0]:
        prefix = f"http://{host}/"
    if any(c in prefix for c in GARBLE):
        return None
    return prefix


def match_fragments(captures, fragments: tuple[str, ...]) -> list[Capture]:
    """Rows whose URL starts with the prefix, holds the middle pieces in order, ends with the tail."""
    prefix = prefix_of(fragments)
    if prefix is None:
        return []
    tail = (fragments[2] if len(fragments) > 2 else "").strip().lower()
    middle = [m.strip().strip("/").lower() for m in fragments[3:] if m.strip().strip("/")]
    want = url_key(prefix)
    result = []
    for capture in captures:
        key = url_key(capture.url)
        if not key.startswith(want):
            continue
        rest = key[len(want) :]
        if tail:
            if not rest.endswith(tail.rstrip("/")):
                continue
            rest = rest[: len(rest) - len(tail.rstrip("/"))]
        pos = 0
        ok = True
        for piece in middle:
            found = rest.find(piece, pos)
            if found < 0:
                ok = False
                break
            pos = found + len(piece)
        if ok:
            result.append(capture)
    return result


def _longest_piece(fragments: tuple[str, ...]) -> str | None:
    """The most telling piece after the prefix, for a server-side filter (tail preferred)."""
    pieces = [f.strip() for f in fragments[2:] if len(f.strip().strip("/")) >= 4]
    return max(pieces, key=len) if pieces else None


def _common_prefix(urls: list[str]) -> str:
    first, last = min(urls), max(urls)
    i = 0
    while i < min(len(first), len(last)) and first[i] == last[i]:
        i += 1
    return first[:i]


def candidate_queries(candidates) -> list[str]:
    """Prefix queries that cover ``candidates``: one per host, on what that host's candidates share.

    >>> candidate_queries(["http://www.gov.cn/x/c_1.html", "http://www.gov.cn/x/c_1.htm"])
    ['http://www.gov.cn/x/c_1.htm']
    """
    by_host: dict[str, list[str]] = {}
    for url in candidates:
        host = url_key(url).split("/")[0]
        by_host.setdefault(host, []).append(url)
    queries = []
    for urls in by_host.values():
        common = _common_prefix(urls)
        # never cut inside the host: the prefix must hold the host and its slash
        scheme_less = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", common)
        if "/" not in scheme_less:
            common = urls[0].split("://", 1)[0] + "://" + scheme_less.split("/")[0] + "/"
        queries.append(common)
    return queries


def _ask(
    client: ArchiveClient, archive: Archive, prefix: str, contains: str | None = None
) -> tuple[str, list[Capture], bool]:
    query, rows = client.cdx_query(archive, prefix, match="prefix", limit=PREFIX_LIMIT, contains=contains)
    return query, rows, len(rows) >= PREFIX_LIMIT


def confirm_candidates(candidates, client: ArchiveClient) -> RecoveryResult:
    """Which of the ranked ``candidates`` an archive knows (the first archive that knows one)."""
    candidates = list(dict.fromkeys(candidates))
    wanted: dict[str, str] = {}
    for c in candidates:  # candidates that differ only in case share a key: the higher-ranked one speaks
        wanted.setdefault(url_key(c), c)
    errors: list[str] = []
    missing: list[RecoveryResult] = []
    for archive in client.archives:
        if not archive.cdx:
            continue
        rows: list[Capture] = []
        queries = []
        cut = False
        try:
            for prefix in candidate_queries(candidates)[:3]:
                query, got, was_cut = _ask(client, archive, prefix)
                queries.append(query)
                rows.extend(got)
                cut = cut or was_cut
        except ArchiveError as exc:
            errors.append(error_line(exc))
            continue
        groups = _group(r for r in rows if url_key(r.url) in wanted)
        known = [wanted[k] for k in wanted if k in groups]  # keeps the parser's ranking
        evidence = "CDX " + " ; ".join(queries)
        by_url = None if cut else {k: tuple(groups.get(k, ())) for k in wanted}
        if len(known) == 1:
            key = url_key(known[0])
            stamps = ", ".join(sorted(r.timestamp for r in groups[key])[:5])
            return RecoveryResult(
                Recovery(
                    "confirmed",
                    known[0],
                    tuple(candidates),
                    f"{evidence} -> archived as {known[0]} ({stamps})",
                ),
                archive,
                tuple(groups[key]),
                rows_by_url=by_url,
            )
        if len(known) > 1:
            return RecoveryResult(
                Recovery("ambiguous", None, tuple(known), f"{evidence} -> {len(known)} candidates archived"),
                archive,
                rows_by_url=by_url,
            )
        note = " (answer cut at the row limit)" if cut else ""
        missing.append(
            RecoveryResult(
                Recovery("not-found", None, tuple(candidates), f"{evidence} -> no candidate archived{note}"),
                archive,
                rows_by_url=by_url,
            )
        )
    return _settle(missing, errors, tuple(candidates))


def _settle(missing: list[RecoveryResult], errors: list[str], candidates: tuple[str, ...]) -> RecoveryResult:
    """No archive had it: "not-found" when every archive answered, else "unchecked" with the reason."""
    if missing and not errors:
        return missing[0]
    if errors:
        return RecoveryResult(Recovery("unchecked", None, candidates, errors[-1]), error=errors[-1])
    return RecoveryResult(Recovery("unchecked", None, candidates, "no CDX endpoint configured"))


def recover_fragments(fragments: tuple[str, ...], client: ArchiveClient) -> RecoveryResult:
    """Find the complete URL whose surviving pieces are ``fragments`` (first archive with a match)."""
    prefix = prefix_of(fragments)
    if prefix is None:
        host = fragments[0] if fragments else ""
        why = f"host '{host}' is incomplete" if host else "no host survives"
        return RecoveryResult(Recovery("unchecked", None, (), f"{why}: nothing to ask an archive index"))
    path = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "", prefix)
    if path in ("", "/") and not any(f.strip("/ ") for f in fragments[2:]):
        why = "only the host survives: a query for the whole site cannot single out the page"
        return RecoveryResult(Recovery("unchecked", None, (), why))
    errors: list[str] = []
    missing: list[RecoveryResult] = []
    for archive in client.archives:
        if not archive.cdx:
            continue
        try:
            query, rows, cut = _ask(client, archive, prefix, _longest_piece(fragments))
        except ArchiveError as exc:
            errors.append(error_line(exc))
            continue
        groups = _group(match_fragments(rows, fragments))
        evidence = f"CDX {query}"
        if len(groups) == 1:
            rows_of = next(iter(groups.values()))
            url = _representative(rows_of)
            first = min(rows_of, key=lambda r: r.timestamp)
            row = f"{first.timestamp} {first.url} {first.status or '-'} {first.mimetype or '-'}"
            return RecoveryResult(
                Recovery("recovered", url, (url,), f"{evidence} -> 1 match: {row}"), archive, tuple(rows_of)
            )
        if len(groups) > 1:
            urls = tuple(sorted(_representative(r) for r in groups.values()))
            return RecoveryResult(
                Recovery("ambiguous", None, urls, f"{evidence} -> {len(urls)} matches"), archive
            )
        note = (
            f" ({len(rows)} rows, answer cut at the row limit)"
            if cut
            else f" ({len(rows)} rows under the prefix)"
        )
        missing.append(
            RecoveryResult(Recovery("not-found", None, (), f"{evidence} -> no match{note}"), archive)
        )
    return _settle(missing, errors, ())


def alternatives(url: Url) -> tuple[str, ...]:
    """The distinct complete forms of a repaired URL, most likely first (``repaired`` included)."""
    forms = [url.repaired] if url.repaired else []
    forms.extend(url.candidates)
    return tuple(dict.fromkeys(f for f in forms if f))


def needs_recovery(url: Url | None) -> bool:
    return url is not None and (not url.complete or len(alternatives(url)) > 1)


def recover_url(url: Url, client: ArchiveClient) -> RecoveryResult | None:
    """Recovery for a damaged or ambiguous URL; None when the URL is complete and unambiguous.

    Never raises for archive trouble: an archive that is down or answers HTML yields
    ``Recovery("unchecked")`` with the one-line reason in ``RecoveryResult.error``.
    """
    if not url.complete:
        return recover_fragments(tuple(url.fragments), client)
    forms = alternatives(url)
    if len(forms) > 1:
        return confirm_candidates(forms, client)
    return None


__all__ = [
    "RecoveryResult",
    "alternatives",
    "candidate_queries",
    "confirm_candidates",
    "match_fragments",
    "needs_recovery",
    "prefix_of",
    "recover_fragments",
    "recover_url",
    "url_key",
]
