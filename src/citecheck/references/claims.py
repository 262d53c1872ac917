"""Claims: the sentence(s) a footnote marker stands behind, linked to the note it calls.

Linking, most reliable first: the same label (Markdown ``[^a]``, LaTeX ``\\cite{key}`` and
``\\footnote`` in order), the same printed number (``①``, ``[3]``, ``¹``), and, when markers
are garbled (``ÿ``), position on the page. There the unit is the cited work, not the note: a
note that holds two run-together works had two markers. When a page has as many garbled
markers as works, the n-th marker calls the n-th work. When the counts differ (extraction
lost or invented a marker, or moved a note to another page), order alone drifts, so markers
and works are aligned in order by the words a marker's sentence shares with a work's text
(names, places, title words); without such evidence the alignment is still n-th to n-th.
A marker whose sentence began at the foot of the page before may call a note of that page:
it goes there when that page has a work with no marker and its own page a marker too many.
The mirror: a page with a marker too many whose next page has a work with no marker sent its
last note over the break (a note too long for the foot of its page), so its last marker calls
the next page's first work.

The claim text is the marker's scope (:mod:`citecheck.references.scope`): back to the
previous marker or the start of its paragraph, whichever is nearer, across sentences and
``;``, capped; a marker mid-sentence supports its clause. Never past a note or a running
header, except where a page break cut a sentence (it goes on past the notes and the header
between) or pushed a marker to the top of the next page (it supports the foot of the page
before). A claim whose text is only a date ("March 2022") is no claim.

>>> from citecheck.document import read_document
>>> doc = read_document("Intro. Solar rose 13% in 2021.ÿ Then wind.\\n\\nÿ «Title», Xinhua News Agency, June 8, 2019\\n")
>>> [(c.note_id, c.text) for c in extract_claims(doc)]
[('p1n1', 'Intro. Solar rose 13% in 2021.')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from .. import recache
from ..document.latex import clean_latex
from ..document.markers import find_body_markers
from ..figures.language import LanguageOnDemand
from ..model import Claim, Document, Marker, Note, Reference, Span
from .scope import continues_across, join_across_break, scope_start

__all__ = [
    "align_in_order",
    "extract_all_claims",
    "extract_claims",
    "link_marker_pairs",
    "link_markers",
    "only_a_date",
    "unmatched_claims",
]

_ESCAPED = recache.compile(r"\\([$%&#_])")
_MD_MARKER = recache.compile(r"\[\^[^\]\s]{1,64}\]")
_LEADING_JUNK = " \t\n\f.,;:!?。，；：)]}»”\"'"


def link_markers(doc: Document) -> dict[str, Marker]:
    """Note id -> the (first) in-text marker that calls it (notes without a marker are absent)."""
    links: dict[str, Marker] = {}
    for note_id, mk in link_marker_pairs(doc):
        links.setdefault(note_id, mk)
    return links


def link_marker_pairs(
    doc: Document, references: Sequence[Reference] | None = None
) -> list[tuple[str, Marker]]:
    """Every (note id, marker) link, in marker order; a note holding several run-together works
    may be called by several garbled markers (one per work). ``references``: the document's
    works as :func:`~citecheck.references.extract.extract_references` found them (else the
    notes are segmented again here)."""
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
    # 3. garbled: markers and cited works of a page, aligned in order
    pairs = [(note_id, mk) for note_id, mk in links.items()]
    free = [i for i in range(len(markers)) if i not in used]
    pairs.extend((note_id, markers[i]) for note_id, i in _positional_pairs(doc, free, links, references))
    return sorted(pairs, key=lambda pair: pair[1].span.start)


def _positional_pairs(
    doc: Document, free: list[int], links: dict, references: Sequence[Reference] | None
) -> list[tuple[str, int]]:
    """(note id, marker index) for the garbled markers ``free`` and the works of the notes not
    in ``links``, page by page."""
    markers = list(doc.markers)
    works = _works_per_note(doc, references)
    slots_by_page: dict[int, list[tuple[str, str]]] = {}
    for note in doc.notes:
        if note.id in links or _is_label(note.marker) or note.marker.startswith("\\bibitem"):
            continue
        for text in works.get(note.id, []):
            slots_by_page.setdefault(note.page, []).append((note.id, text))
    free_by_page: dict[int, list[int]] = {}
    for i in free:
        mk = markers[i]
        if mk.number is None and not _is_label(mk.raw):
            free_by_page.setdefault(mk.page, []).append(i)
    lent = _lend_across_breaks(doc, slots_by_page, free_by_page)
    _carry_over_breaks(doc, slots_by_page, free_by_page)
    pairs = []
    ends = None
    for page, slots in slots_by_page.items():
        page_markers = free_by_page.get(page, [])
        if not page_markers:
            continue
        if len(page_markers) == len(slots):
            pairs.extend((note_id, i) for (note_id, _), i in zip(slots, page_markers, strict=True))
            continue
        if len(page_markers) * len(slots) > _MAX_ALIGN_CELLS:
            # a page of thousands of notes (a generated file, not a paper): order only
            pairs.extend((note_id, i) for (note_id, _), i in zip(slots, page_markers, strict=False))
            continue
        if ends is None:
            ends = sorted([mk.span.end for mk in markers] + [n.span.end for n in doc.notes])
        contexts = [
            lent[i] if i in lent else _marker_context(doc.text, ends, markers[i].span.start)
            for i in page_markers
        ]
        for si, mi in align_in_order(contexts, [text for _, text in slots]):
            pairs.append((slots[si][0], page_markers[mi]))
    return pairs


def _lend_across_breaks(
    doc: Document, slots_by_page: dict[int, list], free_by_page: dict[int, list[int]]
) -> dict[int, str]:
    """A marker whose scope starts at the foot of the page before its own (a sentence the page
    break cut, or a marker pushed past the break) may call a note of either page: typesetting
    puts a note where its sentence began or where its marker fell. When the page before has
    fewer garbled markers than cited works and the marker's own page more, the marker goes to
    the page before (moved in ``free_by_page``). Returns marker index -> its scope's text (the
    words that align it with a work) for each marker moved."""
    if doc.format != "text" or len(doc.pages) < 2:
        return {}
    markers = list(doc.markers)
    first_on_page: dict[int, int] = {}
    for i, mk in enumerate(markers):
        if mk.page not in first_on_page or mk.span.start < markers[first_on_page[mk.page]].span.start:
            first_on_page[mk.page] = i
    scopes = None
    lent: dict[int, str] = {}
    for page in sorted(free_by_page):
        own, before = free_by_page[page], free_by_page.get(page - 1, [])
        first = first_on_page.get(page)
        if first not in own or not slots_by_page.get(page - 1):
            continue
        if not (len(before) < len(slots_by_page[page - 1]) and len(own) > len(slots_by_page.get(page, ()))):
            continue
        scopes = scopes or _Scopes(doc)
        scope = scopes.of(markers[first])
        if scope is None or not scope.from_page_before:
            continue
        own.remove(first)
        free_by_page.setdefault(page - 1, []).append(first)
        lent[first] = scope.text
    return lent


def _carry_over_breaks(
    doc: Document, slots_by_page: dict[int, list], free_by_page: dict[int, list[int]]
) -> None:
    """A note too long for the foot of its marker's page goes on (or starts) at the top of the
    next page's notes: when a page has more garbled markers than cited works and the next page
    fewer, the page's last marker calls the first work of the next page (moved in
    ``free_by_page``, ahead of that page's own markers, which come after it in the text)."""
    if doc.format != "text" or len(doc.pages) < 2:
        return
    markers = doc.markers
    for page in sorted(free_by_page):
        own, after = free_by_page[page], free_by_page.setdefault(page + 1, [])
        slots, next_slots = slots_by_page.get(page, ()), slots_by_page.get(page + 1, ())
        if not (len(own) > len(slots) and len(after) < len(next_slots)):
            continue
        last = max(own, key=lambda i: markers[i].span.start)
        own.remove(last)
        after.insert(0, last)


def _works_per_note(doc: Document, references: Sequence[Reference] | None) -> dict[str, list[str]]:
    """Note id -> the texts of the works cited in it (a note with none gets none)."""
    if references is None:
        from .segment import segment_document

        cited = [(seg.note_id, seg.text) for seg in segment_document(doc)]
    else:
        cited = [(ref.note_id, ref.raw) for ref in references]  # raw: the segment's text
    works: dict[str, list[str]] = {}
    for note_id, text in cited:
        if note_id is not None:
            works.setdefault(note_id, []).append(text)
    for note in doc.notes:
        if note.id not in works and doc.format != "text":
            works[note.id] = [note.text]
    return works


def _marker_context(text: str, ends: list[int], pos: int) -> str:
    """The text a marker at ``pos`` stands behind: back to the previous marker or note (``ends``:
    their end offsets, sorted), at most 600 characters."""
    k = bisect.bisect_right(ends, pos) - 1
    start = max(pos - 600, ends[k] if k >= 0 else 0, 0)
    return text[start:pos]


_WORD = recache.compile(r"[^\W\d_]{4,}")
_STOP = frozenset(
    "this that with from have been will were which their there these those into also more than such "
    "other about after over under between through during while where when what they them its said "
    "year years china chinese latin america american countries country development cooperation green "
    "published edition page pages issue news http https html shtml www article daily first time state "
    "states united international economic economy world people general important "
    "january february march april june july august september october november december".split()
)
_PROPER = recache.compile(r"(?<![.!?]\s)(?<=\s)[A-Z][^\W\d_]{3,}|(?<=\s)[A-Z]{4,}\b")
_MAX_ALIGN_CELLS = 250_000
_MIN_EVIDENCE = 1.0  # a shared name (CELAC, Uruguay) or two shared common words, rare on the page


def _words(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in _WORD.findall(text) if w.lower() not in _STOP}


def _names(text: str) -> set[str]:
    """Words capitalised inside a sentence of running text: names of people, places, bodies."""
    return {w.lower().rstrip("s") for w in _PROPER.findall(text)}


def align_in_order(contexts: list[str], works: list[str]) -> list[tuple[int, int]]:
    """Pairs (work index, context index), in order on both sides, as many as the shorter side
    allows, choosing which to leave out by the words each context shares with each work: names
    (capitalised inside a sentence of the context) weigh twice as much as other words, and a word
    found in several of the page's works weighs that much less. Evidence below one name counts
    for nothing; with none the first context goes with the first work, the second with the
    second, and so on.

    >>> align_in_order(["Wind rose.", "CELAC met in Havana.", "Solar panels fell."],
    ...                ["CELAC summit, Havana", "Solar panels report"])
    [(0, 1), (1, 2)]
    >>> align_in_order(["a", "b", "c"], ["x", "y"])
    [(0, 0), (1, 1)]
    """
    cw = [_words(c) for c in contexts]
    names = [_names(c) for c in contexts]
    ww = [_words(w) for w in works]
    df: dict[str, int] = {}
    for words in ww:
        for w in words:
            df[w] = df.get(w, 0) + 1
    m, n = len(contexts), len(works)
    match_bonus = 1000.0  # as many links as possible first; evidence decides which
    # best[i][j]: best score aligning contexts[i:] with works[j:]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    score = [[0.0] * n for _ in range(m)]
    for i in range(m):
        for j in range(n):
            evidence = sum((1.0 if w in names[i] else 0.5) / df[w] for w in cw[i] & ww[j])
            if evidence >= _MIN_EVIDENCE:
                score[i][j] = evidence
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            shared = score[i][j]
            best[i][j] = max(
                match_bonus + shared + best[i + 1][j + 1],
                best[i + 1][j],
                best[i][j + 1],
            )
    pairs, i, j = [], 0, 0
    while i < m and j < n:
        shared = score[i][j]
        if best[i][j] == match_bonus + shared + best[i + 1][j + 1]:
            pairs.append((j, i))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _quantities(text: str, lang) -> tuple:
    """The figures the claim quotes (offsets within ``Claim.text``), read in the paper's
    language ``lang``; none if the extractor fails."""
    try:
        from ..figures import extract_quantities

        return tuple(extract_quantities(text, lang))
    except Exception:  # a figure-stage bug must not lose the claims
        return ()


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "janeiro fevereiro março marco maio junho julho setembro outubro novembro dezembro".split()
)
_DATE_FILLERS = frozenset("of the on in at de del em el la st nd rd th".split())
_DATE_TOKEN = recache.compile(
    r"\d{2,4}\s?年(?:\s?\d{1,2}\s?月)?(?:\s?\d{1,2}\s?[日号])?|\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?"
    r"|\d{1,4}(?:st|nd|rd|th|º|ª)?(?![\d.,])|\S"
)


def only_a_date(text: str) -> bool:
    """Whether a claim's whole text is a date ("March 2022", "16 de julio de 2021",
    "2021年7月"): a date is not a statement a source could support.

    >>> only_a_date("March 2022"), only_a_date("On the 28th of April 2021"), only_a_date("2021年7月16日")
    (True, True, True)
    >>> only_a_date("In 2021, 600 jobs"), only_a_date("Key:"), only_a_date("Greater autonomy.")
    (False, False, False)
    """
    has_number = False
    for token in re.findall(r"[^\W\d_]+|[\d年月日号ºª]+(?:st|nd|rd|th)?|[^\s\w]", text):
        t = token.strip().lower()
        if not t or t in ".,;:-–—()":
            continue
        if t in _MONTHS or t in _DATE_FILLERS:
            continue
        if _DATE_TOKEN.fullmatch(t) and t[0].isdigit():
            has_number = True
            continue
        return False
    return has_number


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


def _page_body_ends(doc: Document, starts: list[int]) -> dict[int, int]:
    """Page number -> offset where its body text ends: its first note, else the next page's
    first line (its running header)."""
    if doc.format != "text" or len(doc.pages) < 2:
        return {}
    first_note: dict[int, int] = {}
    for note in doc.notes:
        first_note[note.page] = min(first_note.get(note.page, note.span.start), note.span.start)
    ends = {}
    for page, nxt in zip(doc.pages, doc.pages[1:], strict=False):
        next_start = starts[min(nxt.start_line, len(starts)) - 1]
        ends[page.number] = min(first_note.get(page.number, next_start), next_start)
    return ends


def _page_tail(
    doc: Document,
    end: int,
    prev_marker_end: int,
    page_floor: dict[int, int],
    page: int,
    after: str,
    *,
    cut_only: bool = True,
) -> tuple[int, str] | None:
    """(start, cleaned text) of the paragraph ending a page's body at ``end`` when the page
    break cut it in mid-sentence (it goes on in ``after``), or, with ``cut_only`` False, in any
    case; None otherwise (or when a marker closes the page's body)."""
    body = doc.text[:end].rstrip()
    end = len(body)
    floor = max(prev_marker_end, page_floor.get(page, 0))
    if end <= floor or (cut_only and not continues_across(body[-400:], after)):
        return None
    start = scope_start(doc.text, end, end, floor, soft_breaks=True)
    raw = doc.text[start:end]
    junk = len(raw) - len(raw.lstrip(_LEADING_JUNK))
    text = _clean(doc, raw[junk:])
    if not text:
        return None
    lead = len(raw[junk:]) - len(raw[junk:].lstrip())
    return start + junk + lead, text


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
        text = _ESCAPED.sub(r"\1", "".join(pieces))  # "US\$10.8 billion": a converter's escape
    return re.sub(r"\s+", " ", text).strip()


def extract_claims(doc: Document) -> list[Claim]:
    """One Claim per linked marker (a note holding several works may have several), in
    document order of the markers."""
    return _claims_for(doc, link_marker_pairs(doc))


def unmatched_claims(doc: Document) -> list[Claim]:
    """Claims behind garbled markers that no note could be matched to (``note_id`` is empty).

    Their figures cannot be checked against a source, but an editor should see them: the
    seed's "total installed capacity of 5181 74 MW. ÿ" is one.
    """
    return extract_all_claims(doc)[1]


def extract_all_claims(
    doc: Document, references: Sequence[Reference] | None = None
) -> tuple[list[Claim], list[Claim]]:
    """:func:`extract_claims` and :func:`unmatched_claims` from one linking (what ``verify``
    uses; ``references`` as in :func:`link_marker_pairs`)."""
    pairs = link_marker_pairs(doc, references)
    linked = {id(mk) for _, mk in pairs}
    free = []
    if doc.format == "text":
        free = [
            ("", mk)
            for mk in doc.markers
            if id(mk) not in linked and mk.number is None and not _is_label(mk.raw)
        ]
        free.sort(key=lambda pair: pair[1].span.start)
    return _claims_for(doc, pairs), _claims_for(doc, free)


def _claims_for(doc: Document, pairs: list[tuple[str, Marker]]) -> list[Claim]:
    if not pairs:
        return []
    scopes = _Scopes(doc)
    lang = LanguageOnDemand(doc.text)  # the paper's language, guessed once if a numeral needs it
    claims = []
    for note_id, mk in pairs:
        scope = scopes.of(mk)
        if scope is None:
            continue
        span = Span(
            bisect.bisect_right(scopes.line_starts, scope.begin),
            mk.span.start_line,
            scope.begin,
            mk.span.start,
        )
        claims.append(
            Claim(
                note_id=note_id,
                text=scope.text,
                span=span,
                marker=mk,
                quantities=_quantities(scope.text, lang),
            )
        )
    return claims


class _Scope(NamedTuple):
    begin: int  # offset where the supported text starts
    text: str  # the supported text, cleaned
    from_page_before: bool  # it starts at the foot of the page before the marker's


class _Scopes:
    """The text each marker supports (:mod:`citecheck.references.scope`), with what that needs
    of the document (markers and notes in order, page floors and body ends) computed once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.prev_end: dict[int, int] = {}
        last_end = 0
        for mk in sorted(doc.markers, key=lambda m: m.span.start):
            self.prev_end[id(mk)] = last_end
            last_end = mk.span.end
        self.note_ends = sorted(n.span.end for n in doc.notes)
        self.line_starts = _line_starts(doc.text)
        self.page_floor = _page_floors(doc, self.line_starts)
        self.body_end = _page_body_ends(doc, self.line_starts)
        self.soft = doc.format == "text"

    def of(self, mk: Marker) -> _Scope | None:
        """The marker's scope; None when it supports no statement (nothing, or only a date)."""
        doc, page_floor = self.doc, self.page_floor
        prev_end = self.prev_end.get(id(mk), 0)
        floor = max(prev_end, page_floor.get(mk.page, 0))
        # never run back into a note (or its braces)
        k = bisect.bisect_right(self.note_ends, mk.span.start) - 1
        if k >= 0:
            floor = max(floor, self.note_ends[k])
        claim_start = scope_start(doc.text, mk.span.start, mk.span.end, floor, soft_breaks=self.soft)
        raw = doc.text[claim_start : mk.span.start]
        junk = len(raw) - len(raw.lstrip(_LEADING_JUNK))
        claim_start += junk
        raw = raw[junk:]
        text = _clean(doc, raw)
        begin = claim_start + len(raw) - len(raw.lstrip())
        crossed = False
        at_top = floor == page_floor.get(mk.page) and not doc.text[floor : claim_start - junk].strip()
        if at_top and mk.page - 1 in self.body_end:
            # the scope reached the top of its page: a paragraph cut there in mid-sentence goes on
            # from the foot of the page before (past its notes and the running header); a marker
            # with nothing before it on its page supports the foot of the page before
            tail = _page_tail(
                doc, self.body_end[mk.page - 1], prev_end, page_floor, mk.page - 1, raw, cut_only=bool(text)
            )
            if tail is not None:
                begin, tail_text = tail
                text = join_across_break(tail_text, text)
                crossed = True
        if not text or only_a_date(text):
            return None
        return _Scope(begin, text, crossed)
