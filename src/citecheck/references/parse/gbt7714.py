"""The GB/T 7714 layout (Chinese national standard for reference lists).

``Authors. Title[J]. Journal, 2021, 43(3): 23-45.`` — a document type code in brackets after the
title says what the work is (:data:`~citecheck.references.vocabulary.GBT_TYPES`); ``[M]//Editors.
Book. Place: Publisher, Year: pages.`` is a part of a book; ``[N]. Paper, 2021-11-20(03).`` a
newspaper page; ``[EB/OL]. (2022-03-28)[2022-04-02]. URL`` a web page with its publication date.
Full-width punctuation (``，．［J］（5）：``) is split on as if it were ASCII; the fields keep it.

>>> from .context import Context
>>> ctx = Context()
>>> read_gbt7714(ctx, "张宇燕，冯维江．新时代中国的国际战略［J］．世界经济与政治，2019（5）：4-28．")
''
>>> ctx.authors, ctx.title, ctx.container, ctx.year, ctx.volume, ctx.issue, ctx.pages, ctx.entry_type
(('张宇燕', '冯维江'), '新时代中国的国际战略', '世界经济与政治', 2019, None, '5', '4-28', 'article')
"""

from __future__ import annotations

import re

from ... import recache
from ..dates import YEAR_RE, find_date
from ..vocabulary import GBT_TYPES
from .cjk import split_cjk_names
from .context import Context, Cue
from .normalise import fold_punctuation

__all__ = ["read_gbt7714"]

# "[J]", "[M]", "[EB/OL]", "[J/OL]", "[R/OL]", "[D]" right after the title
_CODE = recache.compile(r"\[(?P<code>[A-Z]{1,2})(?:/(?:OL|CD|MT|DK|DB))?\]")
# ". " that ends the responsibility statement: the first full stop not inside an initial ("U.S.")
_DOT = recache.compile(r"(?<![A-Z]\.[A-Z])\.(?![A-Z]\.)\s*(?=\S)")
# "Journal, 2021, 43(3): 23-45" / "Journal, 2019(5): 4-28" / "Energy Policy, 2016, 91: 1-9";
# an issue without a volume may keep the volume's comma: "当代世界与社会主义, 2020, (2): 45-53"; the
# pages may go on elsewhere in the issue, after a comma or a plus: "3-9, 79", "19-38+155"
_JOURNAL_NUMBERS = recache.compile(
    rf"^(?P<j>.+?),\s*(?P<y>{YEAR_RE})\s*(?:,\s*(?P<v>[\dA-Za-z]+))?\s*(?:,\s*)?(?:\(\s*(?P<i>[^)]{{1,10}}?)\s*\))?"
    r"\s*(?::\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?(?:\s*[,+]\s*\d+(?:\s*[-–—]+\s*\d+)?)*))?"
)
# "人民日报, 2021-11-20(03)"; also written "2021年11月20日(3)", "2021-11-20(第3版)", "2021-11-20: 3"
_NEWSPAPER = recache.compile(
    rf"^(?P<j>.+?),\s*(?P<d>{YEAR_RE}\s*(?:-\s*\d{{1,2}}\s*-\s*\d{{1,2}}|年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日))"
    r"\s*(?:\(\s*(?:第\s*)?(?P<p>[A-Za-z]?\d+)\s*版?\s*\)|:\s*(?P<p2>[A-Za-z]?\d+)\b)?"
)
# "北京: 经济管理出版社, 2000: 56-60" / "Washington, DC: Brookings Institution, 2017"
_PUBLICATION = recache.compile(
    rf"(?:(?P<loc>[^:;]{{1,40}}?)\s*:\s*)?(?P<pub>[^:;]{{1,80}}?)\s*,\s*(?P<y>{YEAR_RE})[a-z]?"
    r"\s*(?::\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?(?:\s*[,+]\s*\d+(?:\s*[-–—]+\s*\d+)?)*))?\s*\.?\s*$"
)
_DATE_PAREN = recache.compile(rf"\(\s*(?P<d>{YEAR_RE}(?:\s*-\s*\d{{1,2}}){{0,2}})\s*\)")
_TRANSLATOR = recache.compile(r"(?:译|编译|校|trans(?:lated)?\.?)\s*$", re.I)
_AUTHORISH = recache.compile(r"[^\d:：;]{1,120}")


def _segments(v: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the ". "-separated parts of ``v[start:end]``."""
    out, pos = [], start
    for m in _DOT.finditer(v, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if v[a:b].strip(" .")]


def _head(ctx: Context, s: str, v: str, code_at: int) -> None:
    """Authors and title: "Authors. Title" before the type code (a title alone when the part before
    the first full stop does not read as a statement of responsibility)."""
    first = _DOT.search(v, 0, code_at)
    if first and _AUTHORISH.fullmatch(v[: first.start()]) and first.start() <= 120:
        names, et_al, editors = split_cjk_names(s[: first.start()])
        if editors:
            ctx.editors = names
        else:
            ctx.authors, ctx.et_al = names, et_al
        ctx.title = s[first.end() : code_at].strip(" .")
        ctx.fire("gbt:authors")
    else:
        ctx.title = s[:code_at].strip(" .")


def _part_of(ctx: Context, s: str, v: str, start: int) -> int:
    """After "//": "Editors. Book. Place: Publisher, Year: pages" (the editors may be missing)."""
    segs = _segments(v, start, len(v))
    found = [k for k, (a, b) in enumerate(segs) if k and _PUBLICATION.search(v[a:b])]
    pub_at = found[-1] if found else len(segs)
    if pub_at >= 1:
        a, b = segs[pub_at - 1]
        ctx.container = s[a:b].strip(" .")
        if pub_at >= 2:
            ea, eb = segs[pub_at - 2]
            ctx.editors = split_cjk_names(s[ea:eb])[0]
    ctx.cue = Cue.IN_BOOK
    ctx.fire("gbt:part-of")
    return segs[pub_at][0] if pub_at < len(segs) else len(v)


def _publication(ctx: Context, s: str, v: str, start: int) -> None:
    """The last parts: journal and numbers, newspaper and page, or place, publisher, year, pages."""
    segs = [(a, b) for a, b in _segments(v, start, len(v)) if not _TRANSLATOR.search(v[a:b])]
    if not segs:
        return
    a, b = segs[0]
    part = v[a:b]
    if ctx.entry_type in ("article",):
        m = _JOURNAL_NUMBERS.match(part)
        if m:
            ctx.container = s[a : a + m.end("j")].strip(" .")
            ctx.year = int(m.group("y"))
            ctx.volume, ctx.issue = m.group("v"), m.group("i")
            if m.group("p"):
                ctx.pages = m.group("p")
            ctx.fire("gbt:journal-numbers")
            return
    if ctx.entry_type == "newspaper":
        m = _NEWSPAPER.match(part)
        if m:
            ctx.container = s[a : a + m.end("j")].strip(" .")
            dm = find_date(m.group("d"))
            if dm:
                ctx.date, ctx.year = dm.iso, dm.year
            ctx.pages = m.group("p") or m.group("p2")
            ctx.fire("gbt:newspaper-page")
            return
    for a, b in segs:
        part = v[a:b]
        dp = _DATE_PAREN.search(part)
        if dp:
            dm = find_date(dp.group("d"))
            if dm:
                ctx.date, ctx.year = dm.iso, dm.year
                ctx.fire("gbt:date-in-parentheses")
            continue
        m = _PUBLICATION.search(part)
        if m:
            ctx.location = s[a + m.start("loc") : a + m.end("loc")].strip() if m.group("loc") else None
            ctx.publisher = s[a + m.start("pub") : a + m.end("pub")].strip()
            ctx.year = ctx.year or int(m.group("y"))
            if m.group("p"):
                ctx.pages = m.group("p")
            ctx.fire("gbt:place-publisher-year")
            return
        dm = find_date(part)
        if dm and ctx.year is None:
            ctx.date, ctx.year = dm.iso, dm.year
            ctx.fire("gbt:date")


def read_gbt7714(ctx: Context, s: str) -> str | None:
    """Fill the fields of a GB/T 7714 reference; None when ``s`` has no type code after a title."""
    if "[" not in s and "［" not in s and "【" not in s:
        return None
    v = fold_punctuation(s)
    m = _CODE.search(v)
    if m is None or m.start() < 2 or m.group("code") not in GBT_TYPES:
        return None
    code = m.group("code")
    ctx.entry_type = GBT_TYPES[code]
    ctx.quoted_title = True  # the type code closes the title as quotation marks would
    _head(ctx, s, v, m.start())
    rest = m.end()
    if not v.startswith("//", rest):
        # "中拉合作[J], 拉丁美洲研究, …": a comma or colon where the full stop after the type code belongs
        rest = len(v) - len(v[rest:].lstrip(" ,;:"))
    if v.startswith("//", rest):
        ctx.entry_type = "conference" if code == "C" else "chapter"
        rest = _part_of(ctx, s, v, rest + 2)
    _publication(ctx, s, v, rest)
    if ctx.year is not None and ctx.date is None:
        ctx.date = str(ctx.year)
    if ctx.pages:
        ctx.pages = re.sub(r"\s*[-–—]+\s*", "-", ctx.pages)
    return ""
