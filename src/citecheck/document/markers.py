"""Footnote markers, clean and garbled, at the start of a note line and inside body text.

PDF extraction of Chinese papers turns circled numbers into ``ÿ``, ``ŷ``, ``Ÿ``, ``V`` or
OCR-ish LaTeX (``$[\\]ddot{y}$``, ``\\(\\tilde{y}\\)``); clean papers use ``①``, ``[1]``,
``1.`` or superscript digits. All patterns here are linear (no nested quantifiers).

>>> m = match_note_marker("ÿ «Title», Xinhua News Agency, June 8, 2019")
>>> m.raw, m.number, m.end
('ÿ', None, 2)
>>> match_note_marker("③ Fu Cong: «Title»").number
3
>>> [mk.raw for mk in find_body_markers('harmoniously."ÿ "Accelerate ... major country. ŷ The')]
['ÿ', 'ŷ']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from .. import recache


def decimal_value(text: str, max_digits: int = 9) -> int | None:
    """The whole number ``text`` writes, in any digits Unicode relates to decimal ones
    (superscript ``²``, circled ``①``, full-width ``２``), else None (never an exception).

    >>> decimal_value("²"), decimal_value("①"), decimal_value("12"), decimal_value("a1"), decimal_value("½")
    (2, 1, 12, None, None)
    """
    digits = unicodedata.normalize("NFKC", text.strip())
    if not digits or not digits.isdecimal() or len(digits) > max_digits:
        return None
    return int(digits)


#: Single characters that stand for a lost footnote number in the seed-like extractions: a circled
#: number in a font with no Unicode map comes out as the code of its glyph read as Latin-1, so as
#: one of the letters at the top of that table (``ÿ`` 0xFF, ``þ`` 0xFE, ``ý`` 0xFD, ``Ð`` 0xD0 …,
#: never in English, Spanish, Portuguese or Chinese text), as a look-alike of one (``ŷ``, ``ỳ``), or
#: as U+FFFD, the replacement character an extractor writes for a glyph it cannot decode.
GARBLED_GLYPHS = "ÿŸŷŶýÝỳỲỹỸȳȲþÞðÐ\ufffd"
_G = GARBLED_GLYPHS

# OCR'd math for a garbled glyph: \(\tilde{y}\), $[\]ddot{y}$, \hat{y}, $\ddot{y}$ ...
_LATEX_Y = (
    r"(?:\\\(|\$)?(?:\\|\[\\\])\s?(?:ddot|tilde|hat|bar|dot|acute|grave|check|breve|vec|ring)"
    r"\s?\{\s?[yYvV]\s?\}(?:\s?\\\)|\$)?"
)
# Circled / parenthesised / dingbat numbers: ①-⑳ ⑴-⒇ ⒈-⒛ ㉑-㉟ ㊱-㊿ ❶-❿ ➀-➓
_CIRCLED = "\u2460-\u249b\u24ea\u24eb-\u24ff\u3251-\u325f\u32b1-\u32bf\u2776-\u2793"
_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074-\u2079"
# OCR'd math for a clean number: \textcircled{1}, ${ }^{1}$, \({ }^{12}\), ^{3}
_LATEX_NUM = (
    r"(?:(?:\\\(|\$)\s?)?(?:\\textcircled\s?\{\s?\d{1,3}\s?\}|(?:\{\s?\}\s?)?\^\s?\{\s?\d{1,3}\s?\})"
    r"(?:\s?(?:\\\)|\$))?"
)

_NOTE_START = recache.compile(
    r"[ \t\f\u3000]*(?P<m>"
    rf"[{_G}]{{1,4}}"
    rf"|{_LATEX_Y}"
    rf"|{_LATEX_NUM}"
    rf"|[{_CIRCLED}]"
    rf"|[{_SUPERSCRIPTS}]{{1,3}}"
    r"|\[\d{1,4}\]"
    r"|\(\d{1,4}\)(?=\s)"
    r"|\d{1,4}[.)](?=\s)"
    r"|\d{1,3}(?=[ \t]+[A-Z«\"“'《])"
    r"|V(?=[ \t]+[A-Z«\"“'*])"
    r"|§"
    r")[ \t\u3000]*"
)

_BODY_MARKER = recache.compile(
    rf"(?=[\\$\[^{{{_G}{_CIRCLED}{_SUPERSCRIPTS}§])(?:{_LATEX_Y}|{_LATEX_NUM}"
    rf"|(?<![{_G}\w])[{_G}](?![{_G}\w])"
    rf"|(?<=[.!?\"”»)])[{_G}](?=[A-Z][a-z])|(?<=[.!?\"”»)]\s)[{_G}](?=[A-Z][a-z])"  # "cars. ÿProgreso"
    rf"|[{_CIRCLED}]"
    rf"|(?<=[^\s\d{_SUPERSCRIPTS}])[{_SUPERSCRIPTS}]{{1,3}}"
    r"|§"
    r"|\[\d{1,3}\])"
)


#: A superscript number the extraction set on the line: plain digits glued to the lower-case word,
#: the percent sign, the closing punctuation or the year before them (``5G users.6``, ``25%7 of
#: fixed accesses``, ``regions.8``, ``in 2022.6``), never inside a number (``45.0%``, ``2.53``), a
#: word or formula (``5G``, ``CO2``, ``G20``) or after a numbering abbreviation (``No.3``, ``p.56``).
_GLUED_NUMBER = recache.compile(
    r"(?<!No\.)(?<!no\.)(?<!Vol\.)(?<!vol\.)(?<!\bp\.)(?<!pp\.)(?<!Art\.)(?<!Fig\.)(?<!Sec\.)"
    r"(?:(?<=[a-zß-öø-ÿ])|(?<=[^\W\d_][.,;:!?])|(?<=[%”»\"')\]])|(?<=[%”»\"')\]][.,;:])"
    r"|(?<=(?<![\d,.])(?:19|20)\d\d[.;]))"
    r"(?P<n>\d{1,3})(?=[\s.,;:!?)]|$)"
)


@dataclass(frozen=True)
class MarkerMatch:
    """A marker found in a line: its text, its printed number (if readable), its extent."""

    raw: str
    start: int
    end: int  # end of the marker and the whitespace after it (for note lines)
    number: int | None = None


def marker_number(raw: str) -> int | None:
    """The number a marker prints, or None when it is garbled.

    >>> marker_number("⑫"), marker_number("[12]"), marker_number("³"), marker_number("ÿ")
    (12, 12, 3, None)
    """
    digits = "".join(ch for ch in raw if ch.isdigit())
    if digits:
        try:
            value = 0
            for ch in digits:
                value = value * 10 + unicodedata.digit(ch)
            return value
        except (TypeError, ValueError):
            return None
    if len(raw) == 1:
        try:
            value = unicodedata.numeric(raw)
        except (TypeError, ValueError):
            return None
        if value == int(value) and value > 0:
            return int(value)
    return None


def match_note_marker(line: str) -> MarkerMatch | None:
    """The marker at the start of a (possible) footnote line, or None."""
    m = _NOTE_START.match(line)
    if not m:
        return None
    raw = m.group("m")
    rest = line[m.end() :]
    if not rest.strip():
        return None
    return MarkerMatch(raw=raw, start=m.start("m"), end=m.end(), number=marker_number(raw))


def match_bare_marker(line: str) -> MarkerMatch | None:
    """A line that holds nothing but a note marker (PDF extraction put it on a line of its own)."""
    m = _NOTE_START.match(line)
    if not m or line[m.end() :].strip():
        return None
    raw = m.group("m")
    if raw == "V" or raw.rstrip(".)").isdigit() and len(raw) > 3:
        return None
    return MarkerMatch(raw=raw, start=m.start("m"), end=m.end(), number=marker_number(raw))


def is_garbled(raw: str) -> bool:
    """True for a marker that carries no readable number (``ÿ``, ``\\tilde{y}``, ``V``, ``§``)."""
    return marker_number(raw) is None


def find_body_markers(text: str, glued: Collection[int] = ()) -> list[MarkerMatch]:
    """In-text footnote call-outs in a line of body text (runs of garble like ``ÿÿÿ`` are not markers).

    ``glued`` are the numbers of the page's notes numbered in plain digits: such a number glued
    to the text before it is the superscript call of that note.

    >>> [(mk.raw, mk.number) for mk in find_body_markers("had 860,000 5G users.6 Fibre was 25%7 of 2.53", {6, 7})]
    [('6', 6), ('7', 7)]
    >>> [mk.raw for mk in find_body_markers("CO2 fell in 2022.3 See No.3 and p.3 or 2,022.3", {2, 3})]
    ['3']

    """
    out = []
    for m in _BODY_MARKER.finditer(text):
        raw = m.group(0)
        out.append(MarkerMatch(raw=raw, start=m.start(), end=m.end(), number=marker_number(raw)))
    if glued:
        for m in _GLUED_NUMBER.finditer(text):
            if int(m.group("n")) in glued:
                out.append(
                    MarkerMatch(raw=m.group("n"), start=m.start(), end=m.end(), number=int(m.group("n")))
                )
        out.sort(key=lambda mk: mk.start)
    return out
