"""Sentence splitting for English, Chinese, Spanish and Portuguese, keeping offsets.

A sentence ends at 。！？；!? , at a blank line, or at a full stop followed by a space and
something that starts a sentence, unless the stop ends an abbreviation (``U.S.``, ``No.``,
``approx.``, ``Sr.``) or sits inside a number (``4.5``).

>>> text = "The U.S. market grew 4.5%. 中国市场增长了13%。Fin."
>>> [text[a:b] for a, b in split_sentences(text)]
['The U.S. market grew 4.5%.', '中国市场增长了13%。', 'Fin.']
"""

from __future__ import annotations

import bisect
import re

from .. import recache

_ABBREV = frozenset(
    "u.s us no nos vol vols pp p fig figs approx etc e.g i.e mr mrs ms dr sr sra st jan feb mar apr jun "
    "jul aug sep sept oct nov dec inc ltd co corp dept art núm nº n° av arts ed eds op cit ibid".split()
)
_BOUNDARY = recache.compile(r"[。！？；!?]+[”」』\"')）]*|\.(?=[\s”\"')）]*(?:\s|$))|\n\s*\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of each sentence (whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("."):
            word = re.search(r"([\w.]+)\.?$", text[max(0, m.start() - 12) : m.start()])
            if word and (word.group(1).lower() in _ABBREV or len(word.group(1)) == 1):
                continue
            nxt = text[m.end() : m.end() + 3].lstrip()
            if nxt and nxt[0].islower():
                continue
        end = m.end()
        _add(spans, text, start, end)
        start = end
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Find the sentence around an offset quickly (bisect over the split).

    >>> idx = SentenceIndex("One. Two has 2 words.")
    >>> idx.around(13)
    (5, 21)
    """

    def __init__(self, text: str):
        self.text = text
        self.spans = split_sentences(text)
        self._starts = [a for a, _ in self.spans]

    def around(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return (0, min(len(self.text), 1)) if not self.spans else self.spans[0]
        a, b = self.spans[i]
        if pos >= b and i + 1 < len(self.spans):
            return self.spans[i + 1]
        return a, b
