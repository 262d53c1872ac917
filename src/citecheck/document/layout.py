"""Lines, running headers and page boundaries of extracted text.

Pure functions. A page starts at a form feed or at a group of "furniture" lines: running
headers (short lines whose shape repeats, e.g. ``拉丁美洲研究 Issue 4, 2022`` and its garbled
variants ``超丁美洲研究 Issue 4, 2022``), bare page numbers, and extraction stamps such as
``Machine Translated by Google``.

>>> text = "Title\\n\\n超丁美洲研究 Issue 4, 2022\\nBody\\n拉丁美洲研究 Issue 4, 2022\\nMore\\n超丁星海研究 Issue 4, 2022\\nEnd"
>>> [(p.number, p.start_line, p.header) for p in find_pages(split_lines(text))]
[(1, 1, None), (2, 3, '超丁美洲研究 Issue 4, 2022'), (3, 5, '拉丁美洲研究 Issue 4, 2022'), (4, 7, '超丁星海研究 Issue 4, 2022')]
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from .. import recache
from ..model import Page
from .cues import reference_score
from .markers import GARBLED_GLYPHS, match_note_marker


class Line(NamedTuple):
    """One line of the document: 1-based number, char offsets into the text (end excludes ``\\n``)."""

    number: int
    start: int
    end: int
    text: str
    blank: bool


def normalise_text(text: str) -> str:
    """Drop a BOM and turn CRLF/CR line endings into LF (the Document keeps this form)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_lines(text: str) -> list[Line]:
    """Split on LF only (form feeds stay inside their line and mark a page break)."""
    lines = []
    pos = 0
    for n, chunk in enumerate(text.split("\n"), 1):
        end = pos + len(chunk)
        lines.append(Line(n, pos, end, chunk, not chunk.strip()))
        pos = end + 1
    return lines


_CJK = recache.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_PAGE_NUMBER = recache.compile(
    r"^[\s\-–—·•|]*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[\s\-–—·•|]*$", re.I
)
_STAMP = recache.compile(r"^\s*(?:Machine\s+)?Translated\s+by\s+Google\s*$", re.I)
_ISSUE_LINE = recache.compile(
    r"(?i)\b(?:issue|no\.|vol\.|volume)\s*\d+.*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b.*\b(?:issue|no\.)\s*\d+"
)
_MAX_HEADER = 90
#: A page number set off by dots or dashes at either end of a short line (``· 59 ·``, ``— 12 —``)
#: is a running head's folio: prose and notes never write a number that way.
_FOLIO = recache.compile(r"^[·•—–]\s*\d{1,4}\s*[·•—–]\s+\S|\S\s+[·•—–]\s*\d{1,4}\s*[·•—–]$")
#: A running header repeats the masthead's issue and year: it is short.
_MAX_ISSUE_HEADER = 60
#: ... unless it also repeats this many words of the journal's name from the masthead.
_NAME_WORDS_SHARED = 2
#: An issue is named by a word (``Issue 6``, ``No. 6``, ``第6期``) or, as Chinese journals cite
#: themselves, in parentheses after the year and an optional volume (``2023 (6)``, ``2023, 45(6)``).
_ISSUE_NO = recache.compile(
    r"(?i)\b(?:issue|no\.?|number|n[º°o]\.?)\s*(\d{1,3})\b|第\s*(\d{1,3})\s*期"
    r"|(?<!\d)(?:19|20)\d\d\s*[,，]?\s*(?:\d{1,3}\s*)?[(（]\s*(\d{1,3})\s*[)）]"
)
_YEAR = recache.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
#: How many times a line's shape must recur to be furniture: any short line three times, a
#: line naming an issue and a year (``西亚非洲 Issue 3, 2021``) twice.
_REPEATS = 3
_ISSUE_REPEATS = 2


def _shape(text: str) -> str:
    """Digits to 0 and whitespace collapsed: ``Issue 4, 2022`` and ``Issue 5, 2023`` share a shape."""
    return re.sub(r"\s+", " ", re.sub(r"\d", "0", text)).strip()


def _ascii_shape(text: str) -> str:
    return _shape(_CJK.sub("", text))


def _cjk_set(text: str) -> frozenset[str]:
    return frozenset(_CJK.findall(text))


def _issue_and_year(text: str) -> tuple[str, str] | None:
    """``("3", "2021")`` from ``西亚非洲 Issue 3, 2021`` or ``June 2021 Volume 39 Issue 3 …``."""
    issue, year = _ISSUE_NO.search(text), _YEAR.search(text)
    if issue is None or year is None:
        return None
    return issue.group(1) or issue.group(2) or issue.group(3), year.group(1)


def masthead_issue(lines: list[Line]) -> tuple[str, str] | None:
    """The issue and year the first lines of the paper name (its masthead), or None."""
    found = _masthead(lines)
    return found[0] if found else None


#: Words of a masthead that are not the journal's name: the issue vocabulary and the months.
_NOT_NAME = recache.compile(
    r"(?i)^(?:issue|volume|vol|number|january|february|march|april|june|july|august|september"
    r"|october|november|december)$"
)
_WORD = recache.compile(r"[A-Za-z]{4,}")


class _Masthead(NamedTuple):
    issue: tuple[str, str]
    name_words: frozenset[str]  # the journal's name as the masthead spells it (words of 4+ letters)
    line: str


def _masthead(lines: list[Line]) -> _Masthead | None:
    for ln in [x for x in lines if not x.blank][:3]:
        found = _issue_and_year(ln.text)
        if found is not None:
            words = {w.casefold() for w in _WORD.findall(ln.text) if not _NOT_NAME.match(w)}
            return _Masthead(found, frozenset(words), ln.text)
    return None


def _repeats_enough(count: int, text: str) -> bool:
    """A shape recurring ``count`` times is a running header's (an issue line needs fewer)."""
    return count >= _REPEATS or (count >= _ISSUE_REPEATS and _ISSUE_LINE.search(text) is not None)


def _names_masthead_issue(text: str, masthead: _Masthead | None) -> bool:
    """A short unquoted line naming the masthead's issue and year is its running header, even once;
    so is a longer one that also repeats the journal's name (``国际经济合怍 2023年第2期 International
    Economic Cooperation No. 2, 2023 · 59 ·``: both names, the issue and the page number)."""
    if masthead is None or len(text) > _MAX_HEADER or re.search(r"[«»“”\"《》]", text):
        return False
    if _issue_and_year(text) != masthead.issue:
        return False
    if len(text) <= _MAX_ISSUE_HEADER:
        return True
    shared = {w.casefold() for w in _WORD.findall(text)} & masthead.name_words
    return len(shared) >= _NAME_WORDS_SHARED


#: A folio: a page number first or last on a short line, apart from the words by a space or a bar
#: (``42 Glob. Rev. Vol.15 No.3``, ``国际展望 第15卷 第3期 43``, ``47 | Glob. Rev. | May 2023``).
_LEAD_FOLIO = recache.compile(r"^(\d{1,4})(?:\s*\|\s*|\s+)(?=\S)")
_TRAIL_FOLIO = recache.compile(r"(?<=\S)(?:\s*\|\s*|\s+)(\d{1,4})$")
#: Pages run on by one; a page with no header (a figure, a page the extraction lost) skips one.
_FOLIO_STEPS = (1, 2)
#: Running heads of consecutive pages: this many in a row make a run.
_FOLIO_RUN = 3
#: Words a running head shares with another or with the masthead, compared by their first letters
#: (so ``Glob. Rev.`` is ``Global Review``), or a run of CJK characters (a journal's Chinese name).
_HEAD_WORD = recache.compile(r"[A-Za-z]{3,}|[\u3400-\u9fff]{2,}")
_PREFIX = 3


def _head_words(text: str) -> frozenset[str]:
    return frozenset(w[:_PREFIX].casefold() if w.isascii() else w for w in _HEAD_WORD.findall(text))


def _folios(text: str) -> list[tuple[int, str]]:
    """(page number, the rest of the line) for each way the line may carry a folio."""
    out = []
    for rx, rest in ((_LEAD_FOLIO, lambda m: text[m.end() :]), (_TRAIL_FOLIO, lambda m: text[: m.start()])):
        m = rx.search(text)
        if m is not None and int(m.group(1)) > 0:
            out.append((int(m.group(1)), rest(m)))
    return out


def _folio_runs(candidates: list[Line], nonblank: list[int], masthead_words: frozenset[str]) -> set[int]:
    """Lines of running heads told by their page numbers: short lines with a number first or last
    that goes up by one page from one to the next (``42 …``, ``… 43``, ``… 44``, ``45 …``), with a
    page of text between them (not a list of numbered notes on consecutive lines), and words that
    recur in another of them or in the masthead (a journal's name, not a numbered section title)."""
    order = {number: i for i, number in enumerate(nonblank)}
    found: list[tuple[int, int, frozenset[str]]] = []  # (line, folio, words)
    for ln in candidates:
        for folio, rest in _folios(ln.text.strip()):
            found.append((ln.number, folio, _head_words(rest)))
    runs: list[list[tuple[int, int, frozenset[str]]]] = []
    for item in found:
        for run in runs:
            line, folio, _ = run[-1]
            if item[1] - folio in _FOLIO_STEPS and order[item[0]] - order[line] > 1:
                run.append(item)
                break
        else:
            runs.append([item])
    out: set[int] = set()
    for run in runs:
        if len(run) < _FOLIO_RUN:
            continue
        for i, (line, _, words) in enumerate(run):
            others = masthead_words.union(*(w for j, (_, _, w) in enumerate(run) if j != i))
            if words & others:
                out.add(line)
    return out


def find_furniture(lines: list[Line]) -> dict[int, str]:
    """Line number -> kind ("header", "page-number", "stamp") for running headers and the like.

    A running header is a short line that recurs at page boundaries with the same or nearly
    the same shape (digits, garbled CJK characters aside), or that names the issue and year of
    the paper's masthead; it is never a note or body text.
    """
    candidates = [ln for ln in lines if not ln.blank and len(ln.text.strip()) <= _MAX_HEADER]
    full = Counter(_shape(ln.text) for ln in candidates)
    ascii_ = Counter(_ascii_shape(ln.text) for ln in candidates if _CJK.search(ln.text))
    masthead = _masthead(lines)
    first = next((ln.number for ln in lines if not ln.blank), 0)
    out: dict[int, str] = {}
    cjk_groups: list[tuple[frozenset[str], list[int]]] = []
    for ln in candidates:
        t = ln.text.strip()
        if _STAMP.match(t):
            out[ln.number] = "stamp"
            continue
        if _PAGE_NUMBER.match(t):
            out[ln.number] = "page-number"
            continue
        if t.endswith((".", "。", ":", "：")) or len(t) < 3 or t[-1] in GARBLED_GLYPHS or _looks_like_note(t):
            continue
        shape = _shape(t)
        if _repeats_enough(full[shape], t) and sum(ch.isalpha() for ch in t) >= 3:
            out[ln.number] = "header"
            continue
        if ln.number != first and _names_masthead_issue(t, masthead):
            out[ln.number] = "header"
            continue
        if ln.number != first and _FOLIO.search(t):
            out[ln.number] = "header"
            continue
        if _CJK.search(t):
            a = _ascii_shape(t)
            if len(re.sub(r"[^A-Za-z]", "", a)) >= 3 and _repeats_enough(ascii_[a], t):
                out[ln.number] = "header"
                continue
            if len(t) <= 30:  # short CJK line: group garbled variants by shared characters
                chars = _cjk_set(t)
                for group_chars, members in cjk_groups:
                    inter = len(chars & group_chars)
                    if inter and inter / max(len(chars | group_chars), 1) >= 0.4:
                        members.append(ln.number)
                        break
                else:
                    cjk_groups.append((chars, [ln.number]))
    head_words = _head_words(masthead.line) if masthead is not None else frozenset()
    nonblank = [ln.number for ln in lines if not ln.blank]
    for number in _folio_runs([ln for ln in candidates if ln.number not in out], nonblank, head_words):
        if number != first:
            out[number] = "header"
    for _, members in cjk_groups:
        if len(members) >= 3:
            for number in members:
                out.setdefault(number, "header")
    return out


def _looks_like_note(text: str) -> bool:
    """A repeated short footnote (``ÿ Ibid., p. 5``, ``① Xinhua, 2019``) is not a running header."""
    m = match_note_marker(text)
    if m is None or m.raw.rstrip(".)").isdigit():
        return False
    rest = text[m.end :]
    return reference_score(rest) >= 2 or re.match(r"(?i)\s*(?:ibid|id\.|同上)", rest) is not None


def find_pages(lines: list[Line], furniture: dict[int, str] | None = None) -> list[Page]:
    """Pages from form feeds and furniture groups (a group is furniture lines with only blanks between)."""
    if furniture is None:
        furniture = find_furniture(lines)
    if not lines:
        return [Page(1, 1, 1)]
    starts: list[tuple[int, str | None]] = []  # (line number, header text)
    in_group = False
    first_content_seen = False
    for ln in lines:
        if "\f" not in ln.text and ln.blank:
            continue
        kind = furniture.get(ln.number)
        if "\f" in ln.text:
            if not (in_group and starts):  # a form feed right after a footer group is the same break
                starts.append((ln.number, None))
            in_group = kind is not None or not ln.text.replace("\f", "").strip()
            if kind == "header":
                starts[-1] = (ln.number, ln.text.replace("\f", "").strip())
            first_content_seen = True
            continue
        if kind is not None:
            if not in_group:
                starts.append((ln.number, ln.text.strip() if kind == "header" else None))
                in_group = True
            elif kind == "header" and starts and starts[-1][1] is None:
                starts[-1] = (starts[-1][0], ln.text.strip())
            first_content_seen = True
            continue
        if not first_content_seen and _ISSUE_LINE.search(ln.text) and len(ln.text) <= 140:
            starts.append((ln.number, ln.text.strip()))
        first_content_seen = True
        in_group = False
    if not starts or starts[0][0] > _first_content(lines):
        starts.insert(0, (1, None))
    else:
        starts[0] = (1, starts[0][1])
    pages = []
    last_line = lines[-1].number
    for i, (start, header) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else last_line
        pages.append(Page(number=i + 1, start_line=start, end_line=max(end, start), header=header))
    return pages


def _first_content(lines: list[Line]) -> int:
    for ln in lines:
        if not ln.blank:
            return ln.number
    return 1
