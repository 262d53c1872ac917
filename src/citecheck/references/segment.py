"""Footnote segmentation: from a Document's notes to one text per cited work.

Three repairs, all pure and linear in the text:

* **split** several works that run together in one note: a cut goes after an access date
  (``… html [2022 - 02 - 20] «Next title…``), or before an opening title quote / an
  ``Author, Author:`` that follows a work that is already complete (title or author, plus
  a year, pages or URL): ``…November 30, 2014. «Adhering to the``;
* **join** a work split over two notes (also across a page header): a trailing fragment
  (no year, no URL, no pages: ``«Adhering to the``, ``Li``, ``Zhang Jieyu: «China-Latin``)
  is glued to the next note when that one continues it (starts in lower case, closes the
  fragment's open quote first, or completes a split name ``Li`` + ``Hailong:``);
* **reject** what is not a reference: body text never becomes a note (see
  :mod:`citecheck.document.plaintext`), and a lone word left over is dropped.

URLs are kept verbatim (their repair is :mod:`citecheck.references.urls`' job).

>>> from citecheck.document import read_document
>>> doc = read_document("ÿ «A», Xinhua, May 1, 2014. «B begins\\n\\nÿ and ends», People's Daily, June 2, 2018\\n")
>>> [s.text for s in segment_document(doc)]
['«A», Xinhua, May 1, 2014.', "«B begins and ends», People's Daily, June 2, 2018"]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .. import recache
from ..document.cues import (
    AUTHOR_COLON,
    has_access_date,
    has_page_spec,
    has_url,
    has_year,
    looks_authored,
    reference_score,
)
from ..document.markers import GARBLED_GLYPHS
from ..model import Document, Note, Span

__all__ = ["Segment", "segment_document", "split_text"]

_G = GARBLED_GLYPHS
_ACCESS_END = recache.compile(r"\[\s*(?:19|20)\d\d[^\[\]\n]{0,24}\]")
_QUOTE_START = recache.compile(r"(?:(?<=\s)|^)(?:«|“|《|[\"'*](?=[A-Z«\"“]))")
_AUTHOR_POS = recache.compile(rf"(?<=[.;\]\d{_G}])\s+(?=[A-Z])")
_SEMICOLON = recache.compile(r";\s+(?=[A-Z])")
_TAIL = recache.compile(r"[.;]\s+(?P<tail>[A-Z][^\s\d]*(?:\s[A-Za-z][^\s\d]*){0,2})\s*$")
_MULTI_WORD = recache.compile(r"[A-Z][\w'’.-]*\s[A-Z]|,|，| and ")
_OPENER = recache.compile(r"«|“|《|(?:(?<=\s)|^)[\"'*](?=[A-Z«\"“])")
_CLOSER = recache.compile(r"»|”|》|(?<=[\w.?!%)])[\"*'](?=[\s,.;:»”]|$)")
_STAR_OPEN = recache.compile(r"(?:^|\s)\*[A-Z]")
_STAR_CLOSE = recache.compile(r"\w\*")
_SPLIT_NAME = recache.compile(r"[A-Z][a-z]+\s*[:：]")
_FIELD_START = recache.compile(
    r"(?i)(?:\d|(?:pp?\.|pages?|issue|vol\.?|volume|no\.|edition)\s*\d|(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b)"
)
_EDGE_JUNK = f" \t,;{_G}"
_ALIGN_WINDOW = 2000
_IBID = recache.compile(
    r"(?i)(?:ibid(?:em)?|id\.|同上)[.,]{0,2}(?:\s*(?:pp?\.|pages?|第)?\s*[\d\s,–-]*页?\.?)?$"
)


@dataclass(frozen=True)
class Segment:
    """One cited work's text (markers stripped, split lines joined) and where it sits."""

    text: str
    span: Span
    note_id: str | None


class _Text:
    """A working text with a map back to document offsets (token-wise, so it stays cheap)."""

    __slots__ = ("text", "pos", "doc")

    def __init__(self, text: str, pos: list[int], doc: list[int]):
        self.text = text
        self.pos = pos  # start of each aligned run in ``text``
        self.doc = doc  # its offset in the document

    @classmethod
    def from_note(cls, note: Note, doc_text: str) -> _Text:
        text = note.text
        pos: list[int] = []
        offs: list[int] = []
        j = note.span.start
        limit = max(note.span.end, j)
        for m in re.finditer(r"\S+", text):
            tok = m.group(0)
            window = min(limit, j + len(tok) + _ALIGN_WINDOW)  # tokens sit close to the one before
            k = doc_text.find(tok, j, window)
            if k < 0:
                k = doc_text.find(tok[0], j, window)
            if k < 0:
                k = j
            pos.append(m.start())
            offs.append(k)
            j = k + (len(tok) if doc_text.startswith(tok, k) else 1)
        return cls(text, pos, offs)

    def doc_offset(self, p: int) -> int:
        if not self.pos:
            return 0
        i = bisect.bisect_right(self.pos, p) - 1
        if i < 0:
            return self.doc[0]
        return self.doc[i] + (p - self.pos[i])

    def slice(self, start: int, end: int) -> _Text:
        i = max(bisect.bisect_right(self.pos, start) - 1, 0)
        j = bisect.bisect_left(self.pos, end)
        pos = [max(p - start, 0) for p in self.pos[i:j]]
        offs = list(self.doc[i:j])
        if pos and self.pos[i] < start:
            offs[0] = self.doc[i] + (start - self.pos[i])
        return _Text(self.text[start:end], pos, offs)

    def join(self, other: _Text) -> _Text:
        shift = len(self.text) + 1
        return _Text(
            self.text + " " + other.text, self.pos + [p + shift for p in other.pos], self.doc + other.doc
        )


def _complete(text: str) -> bool:
    """A work that could stand alone: a title or author, plus a year, pages, URL or access date."""
    titled = bool(_OPENER.search(text) or "»" in text or "”" in text or "》" in text)
    if not (titled or looks_authored(text) or has_url(text)):
        return False
    return has_year(text) or has_page_spec(text) or has_url(text) or has_access_date(text)


def _ends_ok(text: str) -> bool:
    t = text.rstrip()
    return bool(t) and (t[-1] in ".;,])»”》。；，" + _G or t[-1].isdigit())


def split_text(text: str) -> list[tuple[int, int]]:
    """Where the works in one note's text start and end (character offsets, in order).

    >>> t = "«A», People's Daily, Page 01, November 30, 2014. «B», published in «C», 2018"
    >>> [t[s:e] for s, e in split_text(t)]
    ["«A», People's Daily, Page 01, November 30, 2014. ", '«B», published in «C», 2018']
    """
    cands: list[tuple[int, str]] = [(m.end(), "after") for m in _ACCESS_END.finditer(text)]
    cands += [(m.start(), "quote") for m in _QUOTE_START.finditer(text)]
    for m in _AUTHOR_POS.finditer(text):
        a = AUTHOR_COLON.match(text, m.end())
        if a and a.end() - m.end() < 120 and _strong_author(a):
            cands.append((m.end(), "author"))
    cands += [(m.end(), "semicolon") for m in _SEMICOLON.finditer(text)]
    cands.sort()
    cuts = []
    seg_start = 0
    n = len(text)
    for pos, kind in cands:
        if pos <= seg_start or pos >= n:
            continue
        rest = text[pos:]
        if not any(ch.isalpha() for ch in rest[:200]):
            continue
        prev = text[seg_start:pos]
        if kind == "after":
            ok = not _another_location(rest)
        elif kind == "semicolon":
            ok = _complete(prev) and has_year(rest)
        else:
            ok = _complete(prev) and _ends_ok(prev)
        if ok:
            cuts.append(pos)
            seg_start = pos
    last = text[seg_start:]
    m = _TAIL.search(last)
    if m and _complete(last[: m.start("tail")]):
        cuts.append(seg_start + m.start("tail"))
    bounds = [0, *cuts, n]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i] < bounds[i + 1]]


#: After a work's access date, a URL with at most a short label before it (``; full text:``,
#: ``English version:``, ``全文：``) and no title of its own is another copy of the same work.
_LOCATION = recache.compile(r"(?i)^[\s;,.；，]*(?:[^\W\d][\w ]{0,30}[:：]\s*)?(?:https?\s*:|www\s*[.\s])")
_OWN_TITLE = recache.compile(r"[«“《\"]")


def _another_location(rest: str) -> bool:
    """``… /c/1634567/ [2023 - 03 - 25]; full text: https://www fao org/3/cc4567es pdf``: the
    second URL belongs to the work before it, not to a work of its own."""
    return _LOCATION.match(rest) is not None and _OWN_TITLE.search(rest) is None


def _strong_author(m: re.Match) -> bool:
    """``Wu Zhicheng, Li Jiaxuan:`` or ``邢伟：`` (a lone ``Word:`` is too weak to start a work)."""
    names = m.group("names")
    return bool(m.group("cjk") or (names and _MULTI_WORD.search(names)))


def _is_ibid(text: str) -> bool:
    """``Ibid.``, ``Ibid., p. 5``, ``同上``: a repeat of the work before, not a new one."""
    return _IBID.match(text.strip(_EDGE_JUNK)) is not None


def _is_fragment(text: str) -> bool:
    t = text.strip(_EDGE_JUNK)
    return not (has_year(t) or has_url(t) or has_access_date(t) or has_page_spec(t))


def _unbalanced(text: str) -> bool:
    if (
        text.count("«") > text.count("»")
        or text.count("“") > text.count("”")
        or text.count("《") > text.count("》")
    ):
        return True
    if text.count('"') % 2:
        return True
    opens = [m.start() for m in _STAR_OPEN.finditer(text)]
    return bool(opens) and not _STAR_CLOSE.search(text, opens[-1] + 2)


def _continues(fragment: str, nxt: str) -> bool:
    """Does the next note's text carry on the trailing fragment of the previous one?"""
    nt = nxt.lstrip(_EDGE_JUNK)
    frag = fragment.strip(_EDGE_JUNK)
    if not nt or not frag:
        return False
    a = AUTHOR_COLON.match(nt)
    if a and a.end() < 120 and _strong_author(a):
        return False
    if nt[0].islower():
        return True
    if _FIELD_START.match(nt) and (_OPENER.search(frag) or looks_authored(frag)):
        return True  # «Title», published in «Journal», | 2021 Issue 11, Page 80
    if frag.endswith("-"):
        return True
    words = frag.split()
    if len(words) <= 2 and all(w[:1].isupper() for w in words) and ":" not in frag and _SPLIT_NAME.match(nt):
        return True
    if _unbalanced(frag):
        close = _CLOSER.search(nt)
        if close:
            opener = _OPENER.search(nt)
            return opener is None or close.start() < opener.start()
    return False


def _substantive(text: str) -> bool:
    t = text.strip(_EDGE_JUNK)
    return len(t.split()) >= 2 or any(q in t for q in '«»“”"*')


def _doc_lines(doc_text: str) -> list[int]:
    starts = [0]
    find = doc_text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def _make(work: _Text, note_id: str | None, line_starts: list[int]) -> Segment | None:
    raw = work.text
    if _is_ibid(raw):
        return None
    lead = len(raw) - len(raw.lstrip(_EDGE_JUNK))
    trail = len(raw.rstrip(_EDGE_JUNK))
    if trail <= lead:
        return None
    text = raw[lead:trail]
    start = work.doc_offset(lead)
    end = work.doc_offset(trail - 1) + 1
    if end < start:
        end = start
    span = Span(
        bisect.bisect_right(line_starts, start),
        bisect.bisect_right(line_starts, max(end - 1, start)),
        start,
        end,
    )
    return Segment(text=re.sub(r"\s+", " ", text), span=span, note_id=note_id)


def segment_document(doc: Document) -> list[Segment]:
    """One Segment per cited work, in document order (bibtex documents have none)."""
    if doc.format == "bibtex" or not doc.notes:
        return []
    line_starts = _doc_lines(doc.text)
    out: list[Segment] = []

    def emit(work: _Text, note_id: str | None) -> None:
        seg = _make(work, note_id, line_starts)
        if seg is not None:
            out.append(seg)

    if doc.format == "lines":
        for note in doc.notes:
            emit(_Text.from_note(note, doc.text), note.id)
        return out
    joins = doc.format == "text"
    pending: tuple[_Text, str] | None = None
    for note in doc.notes:
        work = _Text.from_note(note, doc.text)
        carried = 0  # length of a fragment carried over from the previous note
        carried_id = note.id
        if pending is not None:
            if _continues(pending[0].text, work.text):
                carried, carried_id = len(pending[0].text), pending[1]
                work = pending[0].join(work)
            elif _substantive(pending[0].text):
                emit(*pending)
            pending = None
        parts = split_text(work.text)
        for i, (s, e) in enumerate(parts):
            piece = work.slice(s, e)
            note_id = carried_id if s < carried else note.id  # the note where the work starts
            last = i == len(parts) - 1
            if last and joins and _is_fragment(piece.text):
                pending = (piece, note_id)
                continue
            if not joins and reference_score(piece.text) < 1:  # an explanatory note, not a reference
                continue
            emit(piece, note_id)
    if pending is not None and _substantive(pending[0].text):
        emit(*pending)
    return out
