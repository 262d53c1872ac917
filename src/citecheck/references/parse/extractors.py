"""Extractors: rules that take a DOI, an ISBN, a URL or an access date out of a reference's text.

Each extractor is a :class:`~.rules.Rewrite` that fills its field and returns the text without
what it read, so the layouts never see it. :data:`EXTRACTORS` runs them in order. URLs are found
and repaired by :mod:`citecheck.references.urls` (``url_in``); the extractor only decides what
around the URL belongs to it (a lead such as "Available at:", an access date in brackets).

>>> from .context import Context
>>> ctx = Context()
>>> run_rewrites(EXTRACTORS, ctx, "Myers, “Green Finance,” Dialogue, 2021, accessed February 14, 2022, https://a.org/x.")
'Myers, “Green Finance,” Dialogue, 2021, ,'
>>> ctx.access_date, ctx.url.repaired, ctx.provenance
('2022-02-14', 'https://a.org/x', ['url', 'accessed'])
>>> ctx = Context()
>>> run_rewrites(EXTRACTORS, ctx, "《规划》，外交部网站，2021年12月4日，https://a.cn/b.shtml，访问日期：2022年2月20日。")
'《规划》，外交部网站，2021年12月4日， 。'
>>> ctx.access_date
'2022-02-20'
"""

from __future__ import annotations

import re
from dataclasses import replace

from ... import recache
from ..dates import YEAR_RE, find_date, parse_access_date
from ..urls import url_in
from ..urls.vocab import GARBLE_CHARS as G
from ..urls.vocab import ascii_scheme_separators
from .context import Context
from .rules import Rewrite, run_rewrites

__all__ = ["EXTRACTORS", "CLEANERS", "cut"]

_DOI = recache.compile(
    r"(?i)(?:\bdoi\s*:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{3,9}/[^\s,;，；]+[^\s,;.)\]，；。])"
)
_ISBN = recache.compile(r"(?i)\bISBN(?:-1[03])?:?\s*([\dXx][\d\sXx-]{8,16}[\dXx])")
_URL_LEAD = recache.compile(
    r"(?i)(?:\[?online\]?\.?|retrieved(?:\s+[^,]{0,30}?)?\s+from|available\s+(?:at|from|online)|url|web|online|accessed\s+at"
    r"|网址|网站|链接)\s*[:：]?\s*$"
)
# full-width punctuation never belongs to a URL: url_in sees it as a space (same offsets)
_URL_VIEW = str.maketrans({c: " " for c in "，。；：（）［］【】、《》“”！？"})
_NOT_URL = recache.compile(r"[，。；：（）［］【】、《》“”！？\u4e00-\u9fff]")
# "accessed February 14, 2022", "(accessed on 2 July 2015)", "Retrieved March 1, 2020", "consultado el ..."
_ACCESS_WORD = recache.compile(
    r"(?i)[\[(]?\s*\b(?:last\s+accessed|accessed|retrieved|viewed|consulted|cited|zugriff\s+am|consultado|acesso\s+em"
    r"|acessado\s+em|consulté\s+le)(?:\s+(?:on|el|le))?\s*:?\s*"
)
_ACCESS_WORDS = ("access", "retriev", "viewed", "consult", "cited", "zugriff", "acesso", "acessado")
# "访问日期：2022年2月20日", "访问时间: 2022-02-20", "检索日期", "引用日期", "浏览日期"
_CN_ACCESS = recache.compile(
    r"[，,;；]?\s*[（(\[［]?(?:访问|检索|引用|浏览|查询|登录)(?:日期|时间)\s*[:：]?\s*"
    rf"(?P<d>{YEAR_RE}\s*(?:年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?|[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}))"
    r"\s*[）)\]］]?"
)
# GB/T 7714 "[2022-02-20]" / "［2022-02-20］" and the seed's "[2022 - ÿÿ ÿÿ]": the date it was cited
_BRACKET_DATE = recache.compile(rf"[\[［]\s*\d{{4}}\s*-\s*[\d{G}]{{1,2}}\s*-?\s*[\d{G}\s]{{0,3}}[\]］]")
# "URL，2022年2月20日。": a bare Chinese date right after the address, closing the note
_CN_DATE_AFTER_URL = recache.compile(
    rf"^\s*[，,]\s*(?P<d>{YEAR_RE}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*[。.]?\s*$"
)
# "…, https://a.org/x, 2022-02-20.": an ISO date right after the address, closing the note, is the
# day it was read (the English notes of Chinese journals)
_ISO_DATE_AFTER_URL = recache.compile(rf"(?<=\S)\s*[,，]\s*(?P<d>{YEAR_RE}-[01]?\d-[0-3]?\d)\s*[.。]?\s*$")
_GARBLE_SEP = recache.compile(rf"\s*[{G}]+\s*")
_Y_AFTER_QUOTE = recache.compile(
    r"(?<=[»\"”*])y(?=\s)|(?<=\b[A-Z]{2})y(?=\s)|(?<=\b[A-Z]{3})y(?=\s)|(?<=\b[A-Z]{4})y(?=\s)"
)
_Y_HINT = recache.compile(r"[»\"”*A-Z]y\s")


def cut(s: str, m: re.Match[str]) -> str:
    """``s`` without the text of match ``m`` (one space where it was)."""
    return (s[: m.start()].rstrip() + " " + s[m.end() :].lstrip()).strip()


def _doi(ctx: Context, s: str) -> str:
    m = _DOI.search(s)
    if not m:
        return s
    ctx.doi = m.group(1)
    return s if m.group(0).lower().startswith("http") else cut(s, m)


def _isbn(ctx: Context, s: str) -> str:
    m = _ISBN.search(s)
    if not m:
        return s
    ctx.isbn = re.sub(r"\s", "", m.group(1))
    return cut(s, m)


def _url(ctx: Context, s: str) -> str:
    # Full-width separators the URL reader reads as ASCII (``http：／／www．moa．gov．cn／a``) are
    # part of the address, not Chinese punctuation ending it; the view has the same offsets.
    view = ascii_scheme_separators(s)
    ascii_only = view.isascii()
    found = url_in(view if ascii_only or not _NOT_URL.search(view) else view.translate(_URL_VIEW))
    if found is None:
        return s
    a, b, url = found
    stop = None if ascii_only else _NOT_URL.search(view, a, b)
    if stop is not None:
        # url_in joins pieces across spaces; Chinese punctuation or characters end the address
        found = url_in(view[: stop.start()])
        if found is None:
            return s
        a, b, url = found
    raw = s[a:b]
    if len(raw) < 6 and "/" not in raw:
        return s
    ctx.url = url if raw == url.raw else replace(url, raw=raw)  # as printed, full-width and all
    after = s[b:]
    m = re.match(r"\s*[\[［][^\]］]{4,40}[\]］]", after)
    if m:
        ctx.access_date = parse_access_date(m.group(0).replace("［", "[").replace("］", "]"))
        after = after[m.end() :]
    elif (cm := _CN_DATE_AFTER_URL.match(after)) is not None:
        dm = find_date(cm.group("d"))
        if dm:
            ctx.access_date = dm.iso
            after = ""
    before = s[:a]
    lead = _URL_LEAD.search(before)
    if lead:
        before = before[: lead.start()]
    if url.repaired and "doi.org/10." in url.repaired and not ctx.doi:
        ctx.doi = url.repaired.split("doi.org/", 1)[1]
    return before.rstrip() + " " + after.lstrip()


def _accessed(ctx: Context, s: str) -> str:
    """ "accessed March 1, 2022" anywhere; with its brackets when it has them."""
    for m in _ACCESS_WORD.finditer(s):
        if re.match(r"(?i)[\[(]?\s*cited\s+(?:by|in)\b", m.group(0) + s[m.end() : m.end() + 3]):
            continue
        window = s[m.end() : m.end() + 40]
        dm = find_date(window)
        if dm is None or dm.start > 3:
            continue
        end = m.end() + dm.end
        close = re.match(r"\s*[\])]", s[end:])
        if close and m.group(0).lstrip()[:1] in "([":
            end += close.end()
        ctx.access_date = ctx.access_date or dm.iso
        if m.group(0).lower().lstrip(" [(").startswith("retrieved"):
            fm = _RETRIEVED_FROM.match(s, end)
            if fm:
                end = fm.end()  # "Retrieved June 19, 1998, from Alderman Library website: URL"
        return (s[: m.start()].rstrip() + " " + s[end:].lstrip()).strip()
    return s


# APA: "Retrieved June 19, 1998, from Alderman Library, University of Virginia website: URL" names
# where the copy was found, after the date and before the address (taken out already)
_RETRIEVED_FROM = recache.compile(r"(?i)\s*,?\s*from\s+[^.;:]{2,120}?\s*:?\s*$")


def _cn_accessed(ctx: Context, s: str) -> str:
    m = _CN_ACCESS.search(s)
    if not m:
        return s
    dm = find_date(m.group("d"))
    if dm is None:
        return s
    ctx.access_date = ctx.access_date or dm.iso
    return (s[: m.start()] + s[m.end() :]).strip()


def _iso_date_after_url(ctx: Context, s: str) -> str:
    m = _ISO_DATE_AFTER_URL.search(s)
    if m is None or re.search(r"https?://\S+$", s[: m.start()]) is None:
        return s
    dm = find_date(m.group("d"))
    if dm is None or len(dm.iso) < 10:
        return s
    ctx.access_date = dm.iso
    return s[: m.start()] + "."


def _bracket_date(ctx: Context, s: str) -> str:
    m = _BRACKET_DATE.search(s) if ctx.access_date is None else None
    if not m:
        return s
    ctx.access_date = parse_access_date(m.group(0).replace("［", "[").replace("］", "]"))
    return cut(s, m)


EXTRACTORS: tuple[Rewrite, ...] = (
    Rewrite("doi", lambda s: "10." in s, _doi),
    Rewrite("isbn", lambda s: "ISBN" in s or "isbn" in s, _isbn),
    Rewrite("accessed-after-url", lambda s: "://" in s, _iso_date_after_url),
    Rewrite("url", lambda s: True, _url),
    Rewrite("accessed-cn", lambda s: "日期" in s or "时间" in s, _cn_accessed),
    Rewrite("accessed", lambda s: any(w in s.lower() for w in _ACCESS_WORDS), _accessed),
    Rewrite("accessed-bracket", lambda s: "[" in s or "［" in s, _bracket_date),
)


#: after the extractors: the seed's garbled separators and quotation marks read as commas
CLEANERS: tuple[Rewrite, ...] = (
    Rewrite("garble-separators", lambda s: any(c in s for c in G), lambda ctx, s: _GARBLE_SEP.sub(", ", s)),
    Rewrite(
        "y-after-quote",
        lambda s: "y " in s and _Y_HINT.search(s) is not None,
        lambda ctx, s: _Y_AFTER_QUOTE.sub(",", s),
    ),
    Rewrite("whitespace", lambda s: True, lambda ctx, s: " ".join(s.split()).strip()),
)

__all__ += ["run_rewrites"]
