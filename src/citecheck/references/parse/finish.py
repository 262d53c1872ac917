"""Finishing rules: what is decided once the layout, container and number rules have run.

Each :class:`Finisher` gets the context, the whole cleaned text and the text after the
container, and says whether it changed something (its name then goes to the provenance).
:data:`BEFORE_TYPE` runs before the entry type is decided, :data:`AFTER_TYPE` after it.

>>> from .context import Context
>>> ctx = Context(title="Easter Island", container="Earth Island")
>>> run_finishers(BEFORE_TYPE, ctx, "Easter Island, Earth Island. New York: Thames and Hudson, 1992.",
...               " New York: Thames and Hudson, 1992.")
>>> ctx.title, ctx.container, ctx.publisher, ctx.provenance
('Easter Island, Earth Island', None, 'Thames and Hudson', ['date', 'publisher', 'book-title-rejoined'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ... import recache
from ..dates import find_date
from .context import Context, Cue
from .patterns import CONF_WORD, JOURNALISH, LOCATION_PUBLISHER, NOT_CONTAINER_WORDS, PUBLISHER_WORD

__all__ = [
    "Finisher",
    "BEFORE_TYPE",
    "AFTER_TYPE",
    "CHINESE_BEFORE_TYPE",
    "CHINESE_AFTER_TYPE",
    "run_finishers",
]

_PUBLISHER_NAMED = recache.compile(
    r"(?:^|[.,]\s+)(?P<pub>[^,.]{2,60}\b(?:Press|Verlag|Publishers?|Publishing|Books)\b[^,.]{0,30})"
)
_SERIES_WORD = recache.compile(
    r"(?i)\b(?:series|texts|notes|monographs?|library|collection|bibliotheca|reihe|collana|colección)\b"
)


@dataclass(frozen=True)
class Finisher:
    name: str
    apply: Callable[[Context, str, str], bool]


def run_finishers(table: Sequence[Finisher], ctx: Context, text: str, after: str) -> None:
    for rule in table:
        if rule.apply(ctx, text, after):
            ctx.fire(rule.name)


def _date(ctx: Context, text: str, after: str) -> bool:
    """A full date where only a year (or nothing) was read: from the tail, else from anywhere."""
    if ctx.date is not None and len(ctx.date) != 4:
        return False
    dm = find_date(after) or find_date(text)
    if dm and dm.iso == ctx.access_date:
        return False  # the day the author looked is not the day the work appeared
    if dm and (ctx.date is None or (dm.year == ctx.year and len(dm.iso) > len(ctx.date))):
        ctx.date, ctx.year = dm.iso, dm.year
        return True
    return False


def _no_word_container(ctx: Context, text: str, after: str) -> bool:
    if ctx.container and ctx.container.lower() in ("published", "in"):
        ctx.container = None
        return True
    return False


def _publisher(ctx: Context, text: str, after: str) -> bool:
    """ "New York: Oxford University Press" / "..., Routledge Books": place and publisher."""
    if ctx.publisher is not None or ctx.cue is Cue.PUBLISHED_IN:
        return False
    lp = LOCATION_PUBLISHER.search(after)
    if lp and PUBLISHER_WORD.search(lp.group("pub")):
        ctx.location, ctx.publisher = lp.group("loc"), lp.group("pub").strip()
        return True
    if any(w in after for w in ("Press", "Verlag", "Publish", "Books")):
        pm = _PUBLISHER_NAMED.search(after)
        if pm:
            ctx.publisher = pm.group("pub").strip()
            return True
    return False


def _book_title_rejoined(ctx: Context, text: str, after: str) -> bool:
    """ "Title. Subtitle. Paris: Gallimard, 1952." / "Easter Island, Earth Island. New York: Thames
    and Hudson": a book; what looked like a container is the rest of its title."""
    if not (
        ctx.container
        and (
            (ctx.publisher and (ctx.location or not ctx.quoted_title))
            or (
                not ctx.quoted_title
                and (
                    LOCATION_PUBLISHER.match(after) is not None
                    or PUBLISHER_WORD.match(after.lstrip(" .,;")) is not None
                )
            )
        )
        and not ctx.in_context
        and not (ctx.volume or ctx.issue or ctx.pages)
        and not JOURNALISH.search(ctx.container)
        and not CONF_WORD.search(ctx.container)
    ):
        return False
    if ctx.title and not ctx.quoted_title and not re.match(r"(?i)vols?\b", ctx.container):
        series = _SERIES_WORD.search(ctx.container) is not None  # "Graduate texts in mathematics"
        for glue in (", ", "; ") if series else (", ", ". ", "; "):
            if f"{ctx.title}{glue}{ctx.container}" in text:
                ctx.title = f"{ctx.title}{glue}{ctx.container}"
                break
    ctx.container = None
    return True


def _institution(ctx: Context, text: str, after: str) -> bool:
    """A thesis's or a report's "container" is the institution that issued it; a document read
    online (its address and the day it was read given) names its site there, as every web note
    does: "«Report on ...», China Chamber of Commerce ..., December 28, 2022, http://… [2023-05-23]"."""
    if (
        ctx.entry_type in ("thesis", "report")
        and ctx.container
        and not ctx.volume
        and not ctx.in_context
        and not (ctx.url and ctx.access_date)
        and not CONF_WORD.search(ctx.container)
    ):
        ctx.publisher = ctx.publisher or ctx.container
        ctx.container = None
        return True
    return False


_GENRE_ONLY = recache.compile(
    r"(?i)personal\s+communication|unpublished\s+(?:data|manuscript)|in\s+preparation"
)


def _not_a_title(ctx: Context, text: str, after: str) -> bool:
    """Only a date, pages, a volume, or a genre ("Personal communication"): not a title."""
    if ctx.title and (NOT_CONTAINER_WORDS.fullmatch(ctx.title) or _GENRE_ONLY.fullmatch(ctx.title)):
        ctx.title = None  # only a date, pages or a volume: not a title
        return True
    return False


def _warnings(ctx: Context, text: str, after: str) -> bool:
    if ctx.title is None:
        ctx.warnings.append("no title found")
    if ctx.date is None:
        ctx.warnings.append("no date found")
    if ctx.entry_type in ("article", "newspaper") and not ctx.container:
        ctx.warnings.append("no journal or newspaper found")
    return False


BEFORE_TYPE: tuple[Finisher, ...] = (
    Finisher("date", _date),
    Finisher("container-is-a-word", _no_word_container),
    Finisher("publisher", _publisher),
    Finisher("book-title-rejoined", _book_title_rejoined),
)
AFTER_TYPE: tuple[Finisher, ...] = (
    Finisher("institution", _institution),
    Finisher("not-a-title", _not_a_title),
    Finisher("warnings", _warnings),
)

#: the Chinese and Chicago book layouts read place, publisher and container themselves
CHINESE_BEFORE_TYPE: tuple[Finisher, ...] = (Finisher("date", _date),)
CHINESE_AFTER_TYPE: tuple[Finisher, ...] = (
    Finisher("not-a-title", _not_a_title),
    Finisher("warnings", _warnings),
)
