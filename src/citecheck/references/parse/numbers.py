"""Number rules: volume, issue, pages and edition from the text after the title.

:data:`NUMBER_RULES` is tried in order on the text that follows the title and container; each
rule fills what is still empty (an earlier, more specific rule wins). A rule that changed a
field is named in the provenance.

>>> from .context import Context
>>> ctx = Context()
>>> read_numbers(ctx, " 45, no. 3 (2012): 120–134.")
>>> ctx.volume, ctx.issue, ctx.pages, ctx.provenance
('45', '3', '120-134', ['numbers:volume-no', 'numbers:volume-issue-pages'])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ... import recache
from ..dates import YEAR_RE, find_date
from .context import Context

__all__ = ["NUMBER_RULES", "NumberRule", "read_numbers"]

_PAGES = recache.compile(
    r"(?i)(?<![\w])(?:pp?\.|pages?|pgs?\.|seiten|s\.|págs?\.)\s*(?P<p>\d+[A-Za-z]?(?:\s*[-–—]+\s*\d+[A-Za-z]?)?)(?:\s*pages?\b)?"
)


_EDITION_PAGE = recache.compile(r"(?i)\bedition\s+(?P<a>\d{1,3})\b|\b(?P<b>\d{1,3})\s+edition\b")


_BARE_RANGE = recache.compile(
    r"(?<![\w/.:-])(?P<a>\d{1,6}[A-Za-z]?)\s*[-–—]+\s*(?P<b>\d{1,6}[A-Za-z]?)(?![\w/-])"
)


_ISSUE_SEED = recache.compile(
    r"(?i)\bIssue\s*(?P<i>\d{1,4})\b|\b(?P<y>" + YEAR_RE + r")\s+Issue\s+(?P<j>\d{1,4})\b"
)


# "vol. 12", and German "Jg. 12" (Jahrgang, the year's volume) and "Bd. 12" (Band)
_VOL = recache.compile(r"(?i)\b(?:vol(?:ume)?|jg|jahrgang|bd)\.?\s*(?P<v>\d+[A-Za-z]?)")


# a double issue is written with a hyphen, a slash or an en dash: "H. 1–2", "no. 3/4"
_NO = recache.compile(r"(?i)\b(?:no|nr|num|number|heft|h)\.?\s*(?P<n>\d+(?:[-/–]\d+)?)\b")


_VOL_ISSUE = recache.compile(r"(?<![\w.])(?P<v>\d{1,4})\s*\(\s*(?P<i>[\w./ -]{1,12}?)\s*\)")


_VANC = recache.compile(
    r"(?P<y>"
    + YEAR_RE
    + r")[^;]{0,12};\s*(?P<v>\d{1,4})(?:\s*\((?P<i>[^)]{1,10})\))?\s*:\s*(?P<p>[\dA-Za-z]+(?:\s*[-–]\s*\d+)?)"
)


_VOL_COLON = recache.compile(r"(?<![\w.(])(?P<v>\d{1,4})\s*:\s*(?P<p>\d+(?:\s*[-–]\s*\d+)?)")


_VOL_ISSUE_PAGES = recache.compile(
    r"(?<![\w.])(?P<v>\d{1,4})\s*\([^)]{1,10}\)\s*:\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)"
)


_VOL_COMMA = recache.compile(r"[,\s](?P<v>\d{1,4}),\s*(?P<p>\d{1,6}\s*[-–—]\s*\d{1,6})")


_VOLUME_NO = recache.compile(
    r"(?<![\w.])(?P<v>\d{1,4}[A-Za-z]?)\s*,\s*(?:no|nos|nr)\.\s*(?P<n>\d+(?:[-/–]\d+)?)\b", re.I
)
_PAGE_AFTER_PARENS = recache.compile(
    rf"{YEAR_RE}[a-z]?\)\s*,\s*(?:pp?\.\s*)?(?P<p>[A-Za-z]?\d+(?:\s*[-–—]+\s*\d+)?|[ivxlc]+)\b(?!\s*[-–/:.]\d)",
    re.I,
)


# "Journal 26(4), 187." / "42(2-3), 393-405" / "10(12) 1952-1962, December": APA and others put the
# pages after the issue with a comma or a space, not a colon
_VOL_ISSUE_COMMA_PAGES = recache.compile(
    r"(?<![\w.])(?P<v>\d{1,4})\s*\(\s*[\w./ -]{1,12}?\s*\)\s*,?\s+"
    r"(?P<p>[A-Za-z]?\d{1,6}(?:\s*[-–—]+\s*[A-Za-z]?\d{1,6})?)(?=\s*(?:[.,;]|$))"
)
# physics "Journal of Applied Physics 33, 2435 (1962)" / "Optics Letters 28, A67–A82 (2011)"
_VOL_PAGE_YEAR = recache.compile(
    rf"(?<![\w.])(?P<v>[A-Z]?\d{{1,4}}),\s*(?P<p>[A-Z]?\d{{1,6}}(?:\s*[-–—]\s*[A-Z]?\d{{1,6}})?)\s*\(\s*{YEAR_RE}\s*\)"
)
# a book's extent: "368 pp.", "217 p.", "248p.", "634 s." (Czech and Slovak "strán")
_EXTENT = recache.compile(r"(?<![\w.,-])(?P<p>\d{1,5})\s?(?:pp|p|s|S)\.?(?=\s*(?:[.,;)\[(]|$))(?!\s*\d)")


@dataclass(frozen=True)
class NumberRule:
    name: str
    apply: Callable[[Context, str], None]


def _issue_word(ctx: Context, rest: str) -> None:
    """The seed's "Issue 3, 2021" / "2021 Issue 11"."""
    m = _ISSUE_SEED.search(rest)
    if m:
        ctx.issue = m.group("i") or m.group("j")


def _vancouver(ctx: Context, rest: str) -> None:
    """Vancouver "2012;40(2):497-503"."""
    vm = _VANC.search(rest)
    if vm:
        ctx.volume = ctx.volume or vm.group("v")
        if vm.group("i"):
            ctx.issue = ctx.issue or vm.group("i")
        ctx.pages = ctx.pages or vm.group("p")


def _pages_word(ctx: Context, rest: str) -> None:
    """ "pp. 12-24", "pages 5-9", "S. 33", "págs. 7"."""
    m = _PAGES.search(rest)
    if m and not ctx.pages:
        ctx.pages = m.group("p")


def _edition_page(ctx: Context, rest: str) -> None:
    """The translated newspaper "Edition 3" / "3 edition" (版: the page of a newspaper)."""
    em = _EDITION_PAGE.search(rest)
    if em:
        n = em.group("a") or em.group("b")
        ctx.edition = n
        ctx.pages = ctx.pages or n


def _volume_word(ctx: Context, rest: str) -> None:
    m = _VOL.search(rest)
    if m:
        ctx.volume = ctx.volume or m.group("v")


def _volume_no(ctx: Context, rest: str) -> None:
    """Chicago "Energy Policy 45, no. 3 (2012)": the volume stands before "no."."""
    m = _VOLUME_NO.search(rest)
    if m and not re.fullmatch(YEAR_RE, m.group("v")):
        ctx.volume = ctx.volume or m.group("v")
        ctx.issue = ctx.issue or m.group("n")


def _page_after_publication(ctx: Context, rest: str) -> None:
    """Chicago notes cite a page after the publication facts: "(Boston: BU, 2021), 7"."""
    if not ctx.pages:
        m = _PAGE_AFTER_PARENS.search(rest)
        if m:
            ctx.pages = m.group("p")


def _number_word(ctx: Context, rest: str) -> None:
    m = _NO.search(rest)
    if m and not ctx.issue:
        ctx.issue = m.group("n")


def _volume_issue(ctx: Context, rest: str) -> None:
    """ "12(3)": volume and issue ("2019(5)" is a year and an issue: the year is no volume)."""
    m = _VOL_ISSUE.search(rest)
    if (
        m
        and re.fullmatch(YEAR_RE, m.group("i").strip())
        and re.search(r"\d,\s*(?:[A-Z]?\d+\s*[-–—]+\s*)?$", rest[: m.start()])
    ):
        return  # "18, 4412 (2006)" / "B512, 141-160 (1998)": volume, pages and year, not volume 4412
    if m and not ctx.volume and not re.fullmatch(YEAR_RE, m.group("v")):
        ctx.volume = m.group("v")
        iss = m.group("i").strip()
        if not re.fullmatch(YEAR_RE + r"[a-z]?", iss):
            ctx.issue = ctx.issue or iss


def _volume_issue_pages(ctx: Context, rest: str) -> None:
    """ "29(8):1898-1905"."""
    if not ctx.pages:
        m = _VOL_ISSUE_PAGES.search(rest)
        if m:
            ctx.volume = ctx.volume or m.group("v")
            ctx.pages = m.group("p")


def _volume_colon_pages(ctx: Context, rest: str) -> None:
    """ "12:516-524"."""
    if not ctx.pages:
        m = _VOL_COLON.search(rest)
        if m:
            ctx.volume = ctx.volume or m.group("v")
            ctx.pages = m.group("p")


def _volume_comma_pages(ctx: Context, rest: str) -> None:
    """ ", 12, 516-524"."""
    if not ctx.pages:
        m = _VOL_COMMA.search(rest)
        if m:
            ctx.volume = ctx.volume or m.group("v")
            ctx.pages = m.group("p")


def _volume_issue_comma_pages(ctx: Context, rest: str) -> None:
    """ "26(4), 187." / "42(2-3), 393-405": pages after the issue, a comma or a space between."""
    if not ctx.pages:
        m = _VOL_ISSUE_COMMA_PAGES.search(rest)
        if m and not re.fullmatch(YEAR_RE, m.group("p")) and not re.fullmatch(YEAR_RE, m.group("v")):
            ctx.volume = ctx.volume or m.group("v")
            ctx.pages = m.group("p")


def _volume_page_year(ctx: Context, rest: str) -> None:
    """Physics "33, 2435 (1962)": volume, first page, year in brackets."""
    if not ctx.pages:
        m = _VOL_PAGE_YEAR.search(rest)
        if m:
            ctx.volume = ctx.volume or m.group("v")
            ctx.pages = m.group("p")


def _extent(ctx: Context, rest: str) -> None:
    """A book's number of pages: "368 pp.", "217 p.", "634 s."."""
    if not ctx.pages:
        m = _EXTENT.search(rest)
        if m:
            ctx.pages = m.group("p")


def _bare_range(ctx: Context, rest: str) -> None:
    """Any "516-524" that is not a span of years."""
    if not ctx.pages:
        for m in _BARE_RANGE.finditer(rest):
            a, b = m.group("a"), m.group("b")
            if re.fullmatch(YEAR_RE, a) and (re.fullmatch(YEAR_RE, b) or len(b) == 2):
                continue
            ctx.pages = f"{a}-{b}"
            break


def _leading_volume(ctx: Context, rest: str) -> None:
    """A number right after the container is its volume ("Nature 227, 680"), unless it is the day
    of a date that follows ("Secretaría de Minería, 25 de enero de 2023", "Daily News, 8 June 2019")."""
    if not ctx.volume:
        m = re.match(r"^[\s,.;]*(\d{1,4})\b(?![-–:/]\d)(?!\s*(?:st|nd|rd|th|ed))", rest)
        if m and not re.fullmatch(YEAR_RE, m.group(1)) and not _starts_a_date(rest, m.start(1)):
            ctx.volume = m.group(1)


def _starts_a_date(text: str, at: int) -> bool:
    dm = find_date(text[at : at + 40])
    return dm is not None and dm.start == 0 and len(dm.iso) == 10


def _page_after_volume(ctx: Context, rest: str) -> None:
    """ "Nature 227, 680.": the last number after the volume is the page."""
    if ctx.volume and not ctx.pages:
        m = re.search(rf"(?<!\d){re.escape(ctx.volume)}\b[^\d]{{1,6}}(\d{{1,6}})\.?\s*$", rest)
        if m and not re.fullmatch(YEAR_RE, m.group(1)):
            ctx.pages = m.group(1)


NUMBER_RULES: tuple[NumberRule, ...] = (
    NumberRule("issue-word", _issue_word),
    NumberRule("vancouver", _vancouver),
    NumberRule("pages-word", _pages_word),
    NumberRule("page-after-publication", _page_after_publication),
    NumberRule("edition-page", _edition_page),
    NumberRule("volume-word", _volume_word),
    NumberRule("volume-no", _volume_no),
    NumberRule("number-word", _number_word),
    NumberRule("volume-issue", _volume_issue),
    NumberRule("volume-issue-pages", _volume_issue_pages),
    NumberRule("volume-colon-pages", _volume_colon_pages),
    NumberRule("volume-comma-pages", _volume_comma_pages),
    NumberRule("volume-issue-comma-pages", _volume_issue_comma_pages),
    NumberRule("volume-page-year", _volume_page_year),
    NumberRule("extent", _extent),
    NumberRule("bare-range", _bare_range),
    NumberRule("leading-volume", _leading_volume),
    NumberRule("page-after-volume", _page_after_volume),
)


def read_numbers(ctx: Context, rest: str, rules: tuple[NumberRule, ...] = NUMBER_RULES) -> None:
    """Run ``rules`` on ``rest``; page ranges come out as "a-b"."""
    for rule in rules:
        before = (ctx.volume, ctx.issue, ctx.pages, ctx.edition)
        rule.apply(ctx, rest)
        if (ctx.volume, ctx.issue, ctx.pages, ctx.edition) != before:
            ctx.fire(f"numbers:{rule.name}")
    if ctx.pages:
        ctx.pages = re.sub(r"\s*[-–—]+\s*", "-", ctx.pages.strip())
