"""Field parsing as a pipeline of named rules: one reference's text in, a Reference out.

The stages run in one direction, each a table of small rules that read and fill one typed
:class:`~.context.Context`:

1. **normalise** (:mod:`.normalise`): note markers, PDF glyphs, broken words, NFC ...
2. **extract** (:mod:`.extractors`): DOI, ISBN, URL, access date in every form, taken out of the text.
3. **layout** (:data:`LAYOUTS`, tried in order): GB/T 7714 (``[J]``, ``[M]``, ``//``), Chinese
   journal notes (``《》``, ``载``), then the Western layouts (quoted titles, author-date,
   Chicago notes and bibliography, Vancouver, the seed's translated style) with the container
   step (:mod:`.container`).
4. **numbers** (:mod:`.numbers`): volume, issue, pages.
5. **finish** (:mod:`.finish`, :mod:`.entry_type`): dates, publisher, entry type, warnings.

Every rule that changed something is named in ``Reference.provenance``, so a wrong field can
be traced to the rule that wrote it. Pure: no network, no disk, no global mutable state.

>>> r = parse_reference('Wu Zhicheng, Li Jiaxuan: "The Correct View", published in '
...                     '"Research on International Issues", Issue 3, 2021, Page 23.')
>>> r.entry_type, r.authors, r.title, r.container, r.year, r.issue, r.pages
('article', ('Wu Zhicheng', 'Li Jiaxuan'), 'The Correct View', 'Research on International Issues', 2021, '3', '23')
>>> r = parse_reference("Golomb, S., & Baumert, L. (1965). Backtrack programming. J. ACM, 12, 516-524.")
>>> r.authors, r.title, r.container, r.volume, r.pages
(('Golomb, S.', 'Baumert, L.'), 'Backtrack programming', 'J. ACM', '12', '516-524')
>>> r = parse_reference("«Xi Jinping's speech at the forum», Xinhua News Agency, June 8, 2019")
>>> r.entry_type, r.title, r.container, r.date
('news', "Xi Jinping's speech at the forum", 'Xinhua News Agency', '2019-06-08')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ... import recache
from ...model import Reference, Span
from ..urls import characters_changed
from .chicago import read_chicago_book, read_chicago_short, read_chicago_unpublished
from .cn_note import read_cn_note
from .container import take_container
from .context import Context
from .entry_type import decide_type
from .extractors import CLEANERS, EXTRACTORS
from .finish import AFTER_TYPE, BEFORE_TYPE, CHINESE_AFTER_TYPE, CHINESE_BEFORE_TYPE, Finisher, run_finishers
from .gbt7714 import read_gbt7714
from .normalise import MAX_PARSE_CHARS, NORMALISERS, has_fullwidth, to_ascii_punctuation
from .numbers import read_numbers
from .rules import run_rewrites
from .western import read_western

__all__ = ["parse_reference", "MAX_PARSE_CHARS", "LAYOUTS", "Layout"]

_CJK = recache.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Layout:
    """A reference layout: ``read`` fills what it recognises and returns the text after the title
    and container for the number rules, or None when the text is not in this layout."""

    name: str
    read: Callable[[Context, str], str | None]
    before_type: tuple[Finisher, ...] = BEFORE_TYPE
    after_type: tuple[Finisher, ...] = AFTER_TYPE


def _western(ctx: Context, s: str) -> str:
    if has_fullwidth(s):
        s = " ".join(to_ascii_punctuation(s).split())
        ctx.fire("fullwidth-to-ascii")
    rest = read_western(ctx, s)
    return take_container(rest, ctx)


#: tried in order; the last one always reads something
LAYOUTS: tuple[Layout, ...] = (
    Layout("gbt7714", read_gbt7714, CHINESE_BEFORE_TYPE, CHINESE_AFTER_TYPE),
    Layout("cn-note", read_cn_note, CHINESE_BEFORE_TYPE, CHINESE_AFTER_TYPE),
    Layout("chicago-book", read_chicago_book, CHINESE_BEFORE_TYPE, CHINESE_AFTER_TYPE),
    Layout("chicago-short", read_chicago_short, CHINESE_BEFORE_TYPE, CHINESE_AFTER_TYPE),
    Layout("chicago-unpublished", read_chicago_unpublished, CHINESE_BEFORE_TYPE, CHINESE_AFTER_TYPE),
    Layout("western", _western),
)


def parse_reference(text: str, *, span: Span | None = None, note_id: str | None = None) -> Reference:
    """Parse one reference's text into a :class:`Reference` (``key`` is left empty).

    Never raises on odd input: what cannot be read is listed in ``warnings``.
    """
    ctx = Context()
    s = run_rewrites(NORMALISERS, ctx, text)
    s = run_rewrites(EXTRACTORS, ctx, s)
    s = run_rewrites(CLEANERS, ctx, s)
    after, used = s, LAYOUTS[-1]
    for layout in LAYOUTS:
        found = layout.read(ctx, s)
        if found is not None:
            ctx.fire(f"layout:{layout.name}")
            after, used = found, layout
            break
    read_numbers(ctx, after)
    run_finishers(used.before_type, ctx, s, after)
    ctx.entry_type, rule = decide_type(ctx, s)
    ctx.fire(rule)
    run_finishers(used.after_type, ctx, s, after)
    if ctx.url is not None and not ctx.url.complete:
        if characters_changed(ctx.url):
            ctx.warnings.append(
                "URL incomplete: characters changed in extraction, not the address as printed"
            )
        else:
            ctx.warnings.append("URL incomplete: characters lost in extraction")
    return Reference(
        key="",
        entry_type=ctx.entry_type,
        raw=text,
        span=span,
        note_id=note_id,
        authors=ctx.authors,
        et_al=ctx.et_al,
        editors=ctx.editors,
        title=ctx.title,
        container=ctx.container or None,
        publisher=ctx.publisher,
        location=ctx.location,
        year=ctx.year,
        date=ctx.date,
        volume=ctx.volume,
        issue=ctx.issue,
        pages=ctx.pages,
        edition=ctx.edition,
        url=ctx.url,
        access_date=ctx.access_date,
        doi=ctx.doi,
        isbn=ctx.isbn,
        language=ctx.language or ("zh" if _CJK.search(s) else None),
        warnings=tuple(ctx.warnings),
        provenance=tuple(ctx.provenance),
    )
