"""A range states two figures: its ends, compared one by one.

"between 2,000 and 3,000 workers", "1,500–2,000 MW", "entre 1.500 y 2.500 trabajadores" are read as
one quantity with an upper end (``Quantity.high``). A claim's range is checked end by end, so a
report says which end the source contradicts; against a range in the source each end is compared
with the same end there (a value inside the source's range is not its end). A source may also
print a range as two figures of their own joined by its words ("entre 2 mil e 4 mil empregos").

>>> from citecheck.figures.extract import extract_hits
>>> [(e.quantity.raw, e.quantity.value) for e in range_ends(extract_hits("between 2,000 and 3,000 workers", "en")[0])]
[('2,000', Decimal('2000')), ('3,000 workers', Decimal('3000'))]
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .. import recache
from .extract import Hit

__all__ = ["range_ends", "source_ranges"]

#: a run of digits with its group and decimal separators
_NUMBER = recache.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")
#: the words that join the two ends of a range printed as two figures, after "between" ("entre",
#: "zwischen", 在…之间 is written with a dash or 至 and read as one range)
_BETWEEN = recache.compile(r"(?i)\b(?:between|entre)\s*$")
_AND = recache.compile(r"(?i)^\s*(?:and|y|e|et|und|to|a)\s*$")


def range_ends(h: Hit) -> tuple[Hit, Hit] | None:
    """The two ends of a range figure, each a figure of its own kind (the unit, currency and
    noun of the range) with the raw text of its number; None for a figure that is no range."""
    q = h.quantity
    if q.high is None or q.high <= q.value:
        return None
    runs = list(_NUMBER.finditer(q.raw))
    if len(runs) < 2:
        return None
    first, second = runs[0], runs[-1]
    factor = h.scale * h.unit_factor
    if factor == 0:
        return None
    high_mantissa = q.high / factor
    low = replace(h, quantity=replace(q, raw=q.raw[: first.end()], end=q.start + first.end(), high=None))
    high = replace(
        h,
        quantity=replace(
            q, value=q.high, raw=q.raw[second.start() :], start=q.start + second.start(), high=None
        ),
        mantissa=high_mantissa,
        digits=_digits(high_mantissa),
        has_decimal=high_mantissa != high_mantissa.to_integral_value(),
        alternatives=(),
    )
    return low, high


def _digits(value: Decimal) -> str:
    """Significant digits of ``value`` (no sign, point or leading and trailing zeros)."""
    digits = format(abs(value).normalize(), "f").replace(".", "").lstrip("0").rstrip("0")
    return digits or "0"


def source_ranges(hits: list[Hit], text: str) -> list[tuple[int, Hit, Hit]]:
    """The source's ranges as (index of the figure they come from, low end, high end): range
    figures split at their ends, and two figures of one kind printed as a range ("entre 2 mil e
    4 mil empregos": the low end takes the kind of the high one, which carries the noun)."""
    out: list[tuple[int, Hit, Hit]] = []
    for i, h in enumerate(hits):
        ends = range_ends(h)
        if ends is not None:
            out.append((i, *ends))
            continue
        if i + 1 >= len(hits):
            continue
        nxt = hits[i + 1]
        a, b = h.quantity, nxt.quantity
        if b.value <= a.value or a.family not in ("number", b.family):
            continue
        if not (_AND.match(text[a.end : b.start]) and _BETWEEN.search(text[max(0, a.start - 12) : a.start])):
            continue
        low = replace(
            nxt,
            quantity=replace(b, value=a.value, raw=a.raw, start=a.start, end=a.end, precision=a.precision),
            mantissa=h.mantissa * h.scale / nxt.scale if nxt.scale else h.mantissa,
            digits=h.digits,
            has_decimal=h.has_decimal,
            alternatives=(),
        )
        out.append((i + 1, low, nxt))
    return out
