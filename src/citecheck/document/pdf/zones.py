"""Where each line of a page belongs: running header or footer, body, or footnote area.

Rules, each a general fact about printed pages:

- **Running lines** sit in the top or bottom band of the page, at the same height, and
  repeat (digits aside: page numbers change) on many pages; a lone page number in a band is
  one too.
- **Columns**: a vertical gutter near the middle that almost no line crosses, with lines on
  both sides, splits the page into a left and a right column (read in that order); lines
  that cross it are read before the columns when above them, after when below.
- **Footnotes** of a column are the lines below a short separator rule that starts at the
  column's left edge, or, without a rule, the run of lines at the column's foot set smaller
  than the body text that starts with a note number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ... import recache
from .glyphs import Rule
from .lines import Line

#: Running lines live in the top and bottom band of this fraction of the page height.
BAND = 0.12
#: A running line repeats on at least this share of the pages (and on two at least).
REPEAT_SHARE = 0.3
#: Smaller than the body text: at most this fraction of its size.
SMALL = 0.92
#: A separator rule is at most this share of its column's width.
RULE_MAX_SHARE = 0.7
_DIGITS = recache.compile(r"\d+")
_PAGE_NUMBER = recache.compile(
    r"(?i)^(?:[-–—]\s*)?(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?$"
)
_NOTE_START = recache.compile(r"^(?:\[\d{1,4}\]|\d{1,4}[.)]?)\s")


@dataclass(frozen=True)
class PageLines:
    """A page's lines and rules (what :mod:`.glyphs` and :mod:`.lines` found)."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class PageZones:
    """A page's lines by role, each part in reading order."""

    number: int
    running: tuple[Line, ...]
    body: tuple[Line, ...]
    notes: tuple[Line, ...]
    columns: int = 1


def body_size(pages: list[PageLines]) -> float:
    """The font size most characters of the document's body are set in, counted in the upper
    half of each page below its top band (footnotes sit at the foot, and a paper with many
    long notes has more characters in them than in its body)."""
    counts: Counter = Counter()
    for page in pages:
        for ln in page.lines:
            if BAND * page.height < ln.top < 0.5 * page.height:
                counts[ln.size] += len(ln.text)
    if not counts:
        for page in pages:
            for ln in page.lines:
                counts[ln.size] += len(ln.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def _key(line: Line) -> str:
    return " ".join(_DIGITS.sub("#", line.text.lower()).split())


def _band_lines(page: PageLines) -> list[Line]:
    """The top-most and bottom-most two lines of the page, when they sit in its bands."""
    if not page.lines:
        return []
    ordered = sorted(page.lines, key=lambda ln: ln.top)
    top_rows = sorted({round(ln.top) for ln in ordered})
    tops, bottoms = set(top_rows[:2]), set(top_rows[-2:])
    out = []
    for ln in ordered:
        row = round(ln.top)
        if (
            row in tops
            and ln.top <= BAND * page.height
            or row in bottoms
            and ln.top >= (1 - BAND) * page.height
        ):
            out.append(ln)
    return out


def running_lines(pages: list[PageLines]) -> set[int]:
    """``id()`` of every running header or footer line of the document."""
    seen: Counter = Counter()
    candidates: list[tuple[Line, tuple[str, int]]] = []
    for page in pages:
        keys_here = set()
        for ln in _band_lines(page):
            key = (_key(ln), round(ln.top / 4))
            candidates.append((ln, key))
            keys_here.add(key)
        seen.update(keys_here)
    need = max(2, REPEAT_SHARE * len(pages))
    out = set()
    for ln, key in candidates:
        if seen[key] >= need or _PAGE_NUMBER.match(ln.text.strip()):
            out.add(id(ln))
    return out


def _gutter(lines: list[Line], width: float) -> float | None:
    """The x of a column gutter, or None for a one-column page."""
    if len(lines) < 10:
        return None
    best, best_cross = None, len(lines)
    x = 0.3 * width
    while x <= 0.7 * width:
        cross = sum(1 for ln in lines if ln.x0 < x - 1 and ln.x1 > x + 1)
        if cross < best_cross:
            best, best_cross = x, cross
        x += 2.0
    if best is None:
        return None
    left = sum(1 for ln in lines if ln.x1 <= best + 1)
    right = sum(1 for ln in lines if ln.x0 >= best - 1)
    if left >= 5 and right >= 5 and best_cross <= 0.2 * len(lines):
        return best
    return None


def _frames(lines: list[Line], gutter: float | None) -> list[list[Line]]:
    """Groups of lines read one after the other: [page] or [above, left, right, below]."""
    if gutter is None:
        return [sorted(lines, key=lambda ln: (round(ln.top, 1), ln.x0))]
    left = [ln for ln in lines if ln.x1 <= gutter + 1]
    right = [ln for ln in lines if ln.x0 >= gutter - 1 and ln not in left]
    crossing = [ln for ln in lines if ln.x1 > gutter + 1 and ln.x0 < gutter - 1]
    column_top = min((ln.top for ln in left + right), default=0.0)
    above = [ln for ln in crossing if ln.top < column_top]
    below = [ln for ln in crossing if ln.top >= column_top]
    return [sorted(f, key=lambda ln: (round(ln.top, 1), ln.x0)) for f in (above, left, right, below)]


def starts_with_number(line: Line) -> bool:
    """A line that opens with a note number: a raised number, ``12 ``, ``12. ``, ``[12] ``."""
    first = line.runs[0]
    if first.sup and first.text.strip().isdigit():
        return True
    return bool(_NOTE_START.match(line.text))


def _footnote_split(frame: list[Line], rules: tuple[Rule, ...], size: float) -> int:
    """Index in ``frame`` where its footnote area starts (``len(frame)`` if it has none)."""
    if not frame:
        return 0
    x0 = min(ln.x0 for ln in frame)
    x1 = max(ln.x1 for ln in frame)
    width = max(x1 - x0, 1.0)
    separators = [
        r
        for r in rules
        if abs(r.x0 - x0) <= 2 * size and r.width <= RULE_MAX_SHARE * width and r.x1 <= x1 + size
    ]
    for rule in sorted(separators, key=lambda r: -r.top):
        below = [i for i, ln in enumerate(frame) if ln.top > rule.top]
        above = [i for i, ln in enumerate(frame) if ln.top < rule.top]
        if below and above and below[0] == len(frame) - len(below):
            return below[0]
    # no separator: the small-type run at the column's foot, from its first numbered line
    i = len(frame)
    while i > 0 and frame[i - 1].size <= SMALL * size:
        i -= 1
    for j in range(i, len(frame)):
        if starts_with_number(frame[j]):
            return j
    return len(frame)


def page_zones(page: PageLines, running: set[int], size: float) -> PageZones:
    """Split one page's lines into running lines, body and footnote area."""
    run = tuple(ln for ln in page.lines if id(ln) in running)
    rest = [ln for ln in page.lines if id(ln) not in running]
    gutter = _gutter(rest, page.width)
    body: list[Line] = []
    notes: list[Line] = []
    for frame in _frames(rest, gutter):
        k = _footnote_split(frame, page.rules, size)
        body.extend(frame[:k])
        notes.extend(frame[k:])
    return PageZones(page.number, run, tuple(body), tuple(notes), 1 if gutter is None else 2)
