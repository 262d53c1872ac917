"""The entry type of a reference, as a table of rules tried in order.

A layout that knows the type for sure (GB/T 7714 writes ``[M]`` for a book) sets
``Context.entry_type`` itself; otherwise the first :class:`TypeRule` whose test holds decides,
and ``misc`` is what is left.

>>> from .context import Context
>>> decide_type(Context(container="Xinhua News Agency"), "«Speech», Xinhua News Agency, 2019")
('news', 'type:news-agency')
>>> decide_type(Context(container="Energy Policy", volume="45"), "…")
('article', 'type:numbered-container')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ... import recache
from ..vocabulary import NEWS_AGENCIES
from .context import Context, Cue
from .patterns import CONF_WORD, NEWSPAPER

__all__ = ["TYPE_RULES", "TypeRule", "decide_type"]

_THESIS_WORD = recache.compile(
    r"(?i)\b(?:ph\.?\s*d\.?|doctoral|master'?s?|m\.?sc\.?|diploma|bachelor'?s?)\b.*\b(?:thesis|dissertation)|\bthesis\b|\bdissertation\b|\bdiss\."
)
_NEWS_AGENCY = recache.compile(rf"(?i)\b(?:{NEWS_AGENCIES})")
_WEBSITE = recache.compile(
    r"(?i)\b(?:website|web site|network|net\b|xinhuanet|\.com|\.cn|\.org|portal|embassy|office|section|group|ministry|commission|administration)\b"
)
_OFFICIAL = recache.compile(
    r"(?i)\b(?:resolution|declaration|action plan|plan\b|law\b|regulations?|opinions|notice|communiqu[eé]|constitution|white paper|measures|guidelines)\b"
)
_REPORT_TYPE = recache.compile(r"(?i)\b(?:tech(?:nical)?\.?\s*rep|report\b|working paper|white paper)")


@dataclass(frozen=True)
class TypeRule:
    """``test(ctx, text, lower_text)`` returns the entry type, or None when the rule does not apply."""

    name: str
    test: Callable[[Context, str, str], str | None]


def _thesis(ctx: Context, text: str, low: str) -> str | None:
    return "thesis" if ("thes" in low or "diss" in low) and _THESIS_WORD.search(text) else None


def _published_in(ctx: Context, text: str, low: str) -> str | None:
    """The seed's "published in «Journal», Issue 3" is an article; with a day date or a page, a newspaper."""
    if ctx.cue is not Cue.PUBLISHED_IN:
        return None
    if ctx.issue or ctx.volume:
        return "article"
    if NEWSPAPER.search(ctx.container or "") or ctx.pages or (ctx.date and len(ctx.date) == 10):
        return "newspaper"
    return "article"


def _news_agency(ctx: Context, text: str, low: str) -> str | None:
    return "news" if ctx.container and _NEWS_AGENCY.search(ctx.container) else None


def _report(ctx: Context, text: str, low: str) -> str | None:
    if ("rep" in low or "paper" in low) and _REPORT_TYPE.search(text) and not ctx.volume:
        return "report"
    return None


def _chapter(ctx: Context, text: str, low: str) -> str | None:
    return "chapter" if ctx.cue is Cue.IN_BOOK or (ctx.editors and ctx.container) else None


def _conference(ctx: Context, text: str, low: str) -> str | None:
    return "conference" if ctx.container and CONF_WORD.search(ctx.container) else None


_BOOK_SERIES = recache.compile(r"(?i)^lecture notes\b|\bseries$")


def _book_series(ctx: Context, text: str, low: str) -> str | None:
    """ "Title, Lecture Notes in Computer Science, Vol. 323, Springer-Verlag": a book in a series, its
    number given as a volume; the series is named where a journal would be."""
    if ctx.container and ctx.publisher and not ctx.pages and _BOOK_SERIES.search(ctx.container):
        return "book"
    return None


def _numbered(ctx: Context, text: str, low: str) -> str | None:
    return "article" if ctx.container and (ctx.volume or ctx.issue or ctx.pages) else None


def _site_with_url(ctx: Context, text: str, low: str) -> str | None:
    return "webpage" if ctx.container and (ctx.url is not None or _WEBSITE.search(ctx.container)) else None


def _dated_newspaper(ctx: Context, text: str, low: str) -> str | None:
    cont = ctx.container
    return "newspaper" if cont and NEWSPAPER.search(cont) and ctx.date and len(ctx.date) >= 7 else None


def _book(ctx: Context, text: str, low: str) -> str | None:
    return "book" if ctx.publisher or ctx.isbn or ctx.edition else None


def _url_only(ctx: Context, text: str, low: str) -> str | None:
    return "webpage" if ctx.url is not None else None


def _official(ctx: Context, text: str, low: str) -> str | None:
    """ "Resolution on ...", "Action Plan for ...": an official document with no author and no container."""
    if not ctx.authors and ctx.title and _OFFICIAL.search(ctx.title) and not ctx.container:
        return "document"
    return None


def _any_container(ctx: Context, text: str, low: str) -> str | None:
    if not ctx.container:
        return None
    return "article" if not ctx.date or len(ctx.date) == 4 else "webpage"


TYPE_RULES: tuple[TypeRule, ...] = (
    TypeRule("thesis", _thesis),
    TypeRule("published-in", _published_in),
    TypeRule("news-agency", _news_agency),
    TypeRule("report", _report),
    TypeRule("chapter", _chapter),
    TypeRule("conference", _conference),
    TypeRule("book-series", _book_series),
    TypeRule("numbered-container", _numbered),
    TypeRule("website", _site_with_url),
    TypeRule("dated-newspaper", _dated_newspaper),
    TypeRule("book", _book),
    TypeRule("url", _url_only),
    TypeRule("official-document", _official),
    TypeRule("container", _any_container),
)


def decide_type(ctx: Context, text: str) -> tuple[str, str]:
    """(entry type, the name of the rule that decided it)."""
    if ctx.entry_type is not None:
        return ctx.entry_type, "type:layout"
    low = text.lower()
    for rule in TYPE_RULES:
        found = rule.test(ctx, text, low)
        if found is not None:
            return found, f"type:{rule.name}"
    return "misc", "type:misc"
