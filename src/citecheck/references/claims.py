"""Claims: the sentence(s) a footnote marker stands behind, linked to the note it calls.

Linking, most reliable first: the same label (Markdown ``[^a]``, LaTeX ``\\cite{key}`` and
``\\footnote`` in order), the same printed number (``①``, ``[3]``, ``¹``), and, when markers
are garbled (``ÿ``), the n-th marker on a page with the n-th note on that page.

The claim text runs back from the marker to the start of its sentence (two sentences when
the first is very short), never past the previous marker or the start of the paragraph.

>>> from citecheck.document import read_document
>>> doc = read_document("Intro. Solar rose 13% in 2021.ÿ Then wind.\\n\\nÿ «Title», Xinhua News Agency, June 8, 2019\\n")
>>> [(c.note_id, c.text) for c in extract_claims(doc)]
[('p1n1', 'Intro. Solar rose 13% in 2021.')]
"""

from __future__ import annotations

import bisect
import re

from ..document.latex import clean_latex
from ..document.markers import find_body_markers
from ..model import Claim, Document, Marker, Note, Span

__all__ = ["extract_claims", "link_markers"]

_SENTENCE_BREAK = re.compile(r"[.!?。！？;；][\"”»')\]]*\s+|[。！？]")
_MD_MARKER = re.compile(r"\[\^[^\]\s]{1,64}\]")
_PARAGRAPH = re.compile(r"\n[ \t\f]*\n")
_MIN_SENTENCE = 60
_LEADING_JUNK = " \t\n\f.,;:!?。，；：)]}»”\"'"
_MAX_BACK = 1500


def link_markers(doc: Document) -> dict[str, Marker]:
    """Note id -> the in-text marker that calls it (notes without a marker are absent)."""
    links: dict[str, Marker] = {}
    used: set[int] = set()
    markers = list(doc.markers)
    by_raw: dict[str, list[int]] = {}
    for i, mk in enumerate(markers):
        by_raw.setdefault(mk.raw, []).append(i)
    # 1. labels
    footnote_markers = [i for i, mk in enumerate(markers) if mk.raw == "\\footnote"]
    footnote_notes = [n for n in doc.notes if n.marker == "\\footnote"]
    for note in doc.notes:
        key = None
        if note.marker.startswith("[^"):
            key = note.marker
        elif note.marker.startswith("\\bibitem{"):
            key = "\\cite{" + note.marker[len("\\bibitem{") :]
        if key is not None:
            for i in by_raw.get(key, ()):
                if i not in used:
                    links[note.id] = markers[i]
                    used.add(i)
                    break
    # LaTeX \footnote: the k-th call-out is the k-th footnote (\footnotetext has no call-out)
    if footnote_markers:
        calls = [n for n in footnote_notes if _is_call(doc, n)]
        for note, i in zip(calls, footnote_markers, strict=False):
            links[note.id] = markers[i]
            used.add(i)
    # 2. printed numbers (prefer the same page)
    by_number: dict[int, list[int]] = {}
    for i, mk in enumerate(markers):
        if mk.number is not None:
            by_number.setdefault(mk.number, []).append(i)
    for note in doc.notes:
        if note.id in links or note.number is None:
            continue
        candidates = [i for i in by_number.get(note.number, ()) if i not in used]
        if candidates:
            same_page = [i for i in candidates if markers[i].page == note.page]
            i = (same_page or candidates)[0]
            links[note.id] = markers[i]
            used.add(i)
    # 3. garbled: n-th unused marker on a page <-> n-th unlinked note on that page
    pages: dict[int, list[Note]] = {}
    for note in doc.notes:
        if note.id not in links and not _is_label(note.marker) and not note.marker.startswith("\\bibitem"):
            pages.setdefault(note.page, []).append(note)
    free_by_page: dict[int, list[int]] = {}
    for i, mk in enumerate(markers):
        if i not in used and mk.number is None and not _is_label(mk.raw):
            free_by_page.setdefault(mk.page, []).append(i)
    for page, notes in pages.items():
        free = free_by_page.get(page, [])
        for note, i in zip(notes, free, strict=False):
            links[note.id] = markers[i]
            used.add(i)
    return links


def _quantities(text: str) -> tuple:
    """The figures the claim quotes (offsets within ``Claim.text``); none if the extractor fails."""
    try:
        from ..figures import extract_quantities

        return tuple(extract_quantities(text))
    except Exception:  # a figure-stage bug must not lose the claims
        return ()


def _is_label(raw: str) -> bool:
    """Markdown/LaTeX call-outs name their note; they are never linked by position."""
    return raw.startswith(("[^", "\\cite{")) or raw == "\\footnote"


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _page_floors(doc: Document, starts: list[int]) -> dict[int, int]:
    """Page number -> offset just after its running header (claims never reach back past it)."""
    if doc.format != "text" or not doc.pages:
        return {}
    floors = {}
    for page in doc.pages:
        first = starts[min(page.start_line, len(starts)) - 1]
        floor = first
        if page.header:
            k = doc.text.find(page.header, first)
            if k >= 0:
                floor = k + len(page.header)
        floors[page.number] = floor
    return floors


def _is_call(doc: Document, note: Note) -> bool:
    head = doc.text[max(note.span.start - 40, 0) : note.span.start]
    return "\\footnotetext" not in head


def _clean(doc: Document, text: str) -> str:
    if doc.format == "latex":
        text = clean_latex(re.sub(r"\\footnote(?:text)?\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}", "", text))
    elif doc.format == "markdown":
        text = _MD_MARKER.sub("", text)
    else:
        pieces = []
        last = 0
        for mk in find_body_markers(text):
            pieces.append(text[last : mk.start])
            last = mk.end
        pieces.append(text[last:])
        text = "".join(pieces)
    return re.sub(r"\s+", " ", text).strip()


def _region_start(doc: Document, pos: int, floor: int) -> int:
    """Start of the paragraph holding ``pos`` (not before ``floor``)."""
    lo = max(floor, pos - _MAX_BACK)
    start = lo
    for m in _PARAGRAPH.finditer(doc.text, lo, pos):
        start = m.end()
    return start


def _sentence_start(text: str, *, after_marker: bool) -> int:
    """Offset where the last sentence (or two, if the last is short) of ``text`` begins.

    Right after another marker the text before the first break is that marker's sentence
    tail, so it is never taken in.
    """
    body = text.rstrip()
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(body) if m.end() < len(body)]
    if not breaks:
        return 0
    start = breaks[-1]
    if len(body) - start < _MIN_SENTENCE:
        if len(breaks) >= 2:
            start = breaks[-2]
        elif not after_marker:
            start = 0
    return start


def extract_claims(doc: Document) -> list[Claim]:
    """One Claim per note that has an in-text marker, in document order of the markers."""
    links = link_markers(doc)
    if not links:
        return []
    ordered = sorted(doc.markers, key=lambda mk: mk.span.start)
    prev_end = {}
    last_end = 0
    for mk in ordered:
        prev_end[id(mk)] = last_end
        last_end = mk.span.end
    note_ends = sorted(n.span.end for n in doc.notes)
    line_starts = _line_starts(doc.text)
    page_floor = _page_floors(doc, line_starts)
    claims = []
    for note_id, mk in sorted(links.items(), key=lambda kv: kv[1].span.start):
        floor = max(prev_end.get(id(mk), 0), page_floor.get(mk.page, 0))
        k = bisect.bisect_right(note_ends, mk.span.start) - 1  # never run back into a note (or its braces)
        if k >= 0:
            floor = max(floor, note_ends[k])
        start = _region_start(doc, mk.span.start, floor)
        region = doc.text[start : mk.span.start]
        if len(region.strip()) < 20 and start > floor:  # marker opens a paragraph: use the one before
            start = _region_start(doc, max(start - 2, floor), floor)
            region = doc.text[start : mk.span.start]
        offset = _sentence_start(region, after_marker=start == floor and floor > 0)
        claim_start = start + offset
        raw = doc.text[claim_start : mk.span.start]
        junk = len(raw) - len(raw.lstrip(_LEADING_JUNK))
        claim_start += junk
        raw = raw[junk:]
        text = _clean(doc, raw)
        if not text:
            continue
        lead = len(raw) - len(raw.lstrip())
        begin = claim_start + lead
        span = Span(
            bisect.bisect_right(line_starts, begin),
            mk.span.start_line,
            begin,
            mk.span.start,
        )
        claims.append(Claim(note_id=note_id, text=text, span=span, marker=mk, quantities=_quantities(text)))
    return claims
