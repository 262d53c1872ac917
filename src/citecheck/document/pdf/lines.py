"""Glyphs to text lines: characters that share a baseline, with their raised small runs.

A line is cut where the baseline moves by more than half the font size (a smaller glyph
raised above the baseline, a footnote call-out, stays in its line), where the text jumps
back to the left, or where it jumps far to the right (the two halves of a running header,
two columns set on one baseline). Within a line, a run of glyphs clearly smaller than the
line's own font and raised above its baseline is a superscript.

>>> from array import array
>>> g = PageGlyphs(1, 600, 800, "Rose.12 Next",
...     array("d", [10, 16, 22, 28, 33, 36, 39, 43, 50, 56, 62, 68]),
...     array("d", [100, 100, 100, 100, 100, 96.5, 96.5, 100, 100, 100, 100, 100]),
...     array("d", [10, 10, 10, 10, 10, 7, 7, 10, 10, 10, 10, 10]))
>>> [(r.text, r.sup) for r in group_lines(g)[0].runs]
[('Rose.', False), ('12', True), (' Next', False)]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .glyphs import PageGlyphs

#: A glyph whose baseline is more than this many font sizes away starts a new line.
BASELINE_JUMP = 0.5
#: A jump to the right of more than this many font sizes between glyphs starts a new line.
GAP_JUMP = 4.0
#: Superscript: at most this fraction of the line's font size ...
SUP_SIZE = 0.88
#: ... and its baseline raised by at least this fraction of it.
SUP_RAISE = 0.15
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\u00ad": ""}
_SPACES = frozenset(" \n\t")


@dataclass(frozen=True)
class Run:
    """Characters of a line set alike: ``sup`` when raised and smaller than the line's text."""

    text: str
    sup: bool = False


@dataclass(frozen=True)
class Line:
    """One line of text on a page. ``top`` is its baseline (points from the page top);
    ``x0`` the origin of its first glyph, ``x1`` the estimated right end of its last one;
    ``size`` the font size most of its characters have."""

    page: int
    top: float
    x0: float
    x1: float
    size: float
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _finish(page: int, glyphs: PageGlyphs, idx: list[int]) -> Line | None:
    """Glyph indices of one line (``-1`` for a space) to a Line."""
    text, xs, tops, sizes = glyphs.text, glyphs.x, glyphs.top, glyphs.size
    visible = [i for i in idx if i >= 0]
    if not visible:
        return None
    counts = Counter(sizes[i] for i in visible)
    size = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    baseline = Counter(tops[i] for i in visible if sizes[i] == size).most_common(1)[0][0]
    small, raise_by = SUP_SIZE * size, SUP_RAISE * size
    runs: list[Run] = []
    buf: list[str] = []
    sup_now = False
    for i in idx:
        if i < 0:
            sup, ch = False, " "  # a space ends a superscript run
        else:
            ch = text[i]
            sup = sizes[i] <= small and baseline - tops[i] >= raise_by
        if sup != sup_now and buf:
            runs.append(Run("".join(buf), sup_now))
            buf = []
        sup_now = sup
        buf.append(_LIGATURES.get(ch, ch))
    if buf:
        runs.append(Run("".join(buf), sup_now))
    x1 = max(xs[i] + 0.55 * sizes[i] for i in visible[-3:])
    return Line(page, baseline, xs[visible[0]], x1, round(size, 2), tuple(runs))


def group_lines(glyphs: PageGlyphs) -> list[Line]:
    """The page's lines in content-stream order."""
    text, xs, tops, sizes = glyphs.text, glyphs.x, glyphs.top, glyphs.size
    number = glyphs.number
    lines: list[Line] = []
    idx: list[int] = []
    ref_top = ref_size = last_x = 0.0
    pending_space = False
    for i, ch in enumerate(text):
        if ch in _SPACES:
            pending_space = bool(idx)
            continue
        x, top, size = xs[i], tops[i], sizes[i]
        if size <= 0:
            size = ref_size or 1.0
        if idx:
            scale = size if size > ref_size else ref_size
            if (
                abs(top - ref_top) > BASELINE_JUMP * scale
                or x < last_x - 0.5 * scale
                or x - last_x > GAP_JUMP * scale
            ):
                line = _finish(number, glyphs, idx)
                if line is not None:
                    lines.append(line)
                idx = []
                pending_space = False
        if not idx or size > ref_size + 0.05:
            ref_top, ref_size = top, size  # the largest glyph sets the line's baseline
        if pending_space:
            idx.append(-1)
            pending_space = False
        idx.append(i)
        last_x = x
    if idx:
        line = _finish(number, glyphs, idx)
        if line is not None:
            lines.append(line)
    return lines
