"""Plain text as PDF extraction leaves it: pages, footnote blocks, in-text markers.

Footnote blocks sit after the body of their page (sometimes between body paragraphs). A
line is a note when it starts with a marker (clean: ``①``, ``[1]``, ``1.``, ``¹``;
garbled: ``ÿ``, ``ŷ``, ``Ÿ``, ``V``, ``$[\\]ddot{y}$``) AND reads like a reference; a line
that starts with a marker but reads like prose (``ÿ Argentina currently has 187
renewable…``) is body. An unmarked line joins the note before it when it continues it
(no blank line between, a short tail such as ``1 edition``, or a short line between two
notes); an unmarked line that is clearly a reference (author, quoted title, journal,
year, pages) starts a note of its own.

>>> doc = read_plaintext("Body text.ÿ More.\\n\\nÿ Fu Cong: «Title», Published in «Journal», 2021 Issue 11, Page 80\\n")
>>> [(n.id, n.marker, n.text[:8]) for n in doc.notes], [m.raw for m in doc.markers]
([('p1n1', 'ÿ', 'Fu Cong:')], ['ÿ'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import recache
from ..model import Document, Marker, Note, Page, Span
from .cues import reference_score, sentence_count, starts_like_reference
from .layout import Line, find_furniture, find_pages, normalise_text, split_lines
from .markers import GARBLED_GLYPHS, MarkerMatch, find_body_markers, match_bare_marker, match_note_marker

_RULE = recache.compile(r"^[\s_\-—–=*·.]{3,}$")  # a footnote separator rule: neither body nor note
NOTE_MIN_SCORE = 2  # a marked line must score this to be a note
UNMARKED_NOTE_SCORE = 5  # an unmarked line must score this to start a note
UNMARKED_NOTE_MAX = 400
CONTINUATION_MAX = 300


@dataclass
class _NoteBuilder:
    page: int
    marker: str
    number: int | None
    start: int  # char offset of the marker (or of the text when unmarked)
    start_line: int = 0  # line of the marker when it sits alone on the line above the text
    pieces: list[tuple[Line, int]] = field(default_factory=list)  # (line, offset where note text starts)

    @property
    def text(self) -> str:
        return " ".join(ln.text[off:].strip() for ln, off in self.pieces).strip()

    @property
    def last_line(self) -> Line:
        return self.pieces[-1][0]


def _is_open(text: str) -> bool:
    """A note that stops mid-way: unbalanced title quotes or no closing punctuation/field."""
    t = text.rstrip(" " + GARBLED_GLYPHS)
    if not t:
        return True
    if t.count("«") > t.count("»") or t.count("“") > t.count("”") or t.count('"') % 2:
        return True
    return t[-1] not in ".]»”\"')>*" and not t[-1].isdigit()


def read_plaintext(text: str, *, path: str | None = None, encoding: str = "utf-8") -> Document:
    """Read seed-like extracted text into a :class:`Document` (pure; never raises on odd input)."""
    text = normalise_text(text)
    lines = split_lines(text)
    furniture = find_furniture(lines)
    pages = find_pages(lines, furniture)
    notes: list[Note] = []
    markers: list[Marker] = []
    used_ids: set[str] = set()
    classified = []
    for page in pages:
        units = [
            ln
            for ln in lines[page.start_line - 1 : page.end_line]
            if not ln.blank
            and ln.number not in furniture
            and not _RULE.match(ln.text)
            and not _is_masthead(ln, page)
        ]
        builders, body = _classify(units, page)
        if classified:
            _carry_over(classified[-1], builders, body)
        classified.append((page, units, builders, body))
    for page, _units, builders, body in classified:
        for order, b in enumerate(builders, 1):
            last = b.last_line
            note_id = f"fn{b.number}" if b.number is not None and f"fn{b.number}" not in used_ids else None
            if note_id is None:
                note_id = f"p{page.number}n{order}"
            used_ids.add(note_id)
            notes.append(
                Note(
                    id=note_id,
                    page=page.number,
                    order=order,
                    marker=b.marker,
                    text=b.text,
                    span=Span(b.start_line or b.pieces[0][0].number, last.number, b.start, last.end),
                    number=b.number,
                )
            )
        order = 0
        glued = {b.number for b in builders if b.number is not None and b.marker.strip().isdigit()}
        for ln, offset in body:
            for mk in find_body_markers(ln.text[offset:], glued):
                order += 1
                start = ln.start + offset + mk.start
                markers.append(
                    Marker(
                        page=page.number,
                        order=order,
                        raw=mk.raw,
                        span=Span(ln.number, ln.number, start, start + len(mk.raw)),
                        number=mk.number,
                    )
                )
    if not notes:
        warnings: tuple[str, ...] = ("no footnotes found",)
    elif not markers:
        warnings = ("no in-text footnote markers found: claims cannot be linked to notes",)
    else:
        warnings = ()
    return Document(
        text=text,
        format="text",
        path=path,
        encoding=encoding,
        pages=tuple(pages),
        notes=tuple(notes),
        markers=tuple(markers),
        warnings=warnings,
    )


_QUOTES = recache.compile(r"[«»“”\"《》]")


def _is_masthead(ln: Line, page: Page) -> bool:
    """The first page's masthead line (``April 2023 Volume 40 Issue 2 … ÿÿÿ ÿ y``) is its header:
    the garbled glyphs of a journal's name there are no footnote markers. A first line that opens
    with a note's marker or quotes a title is a note that names an issue, not a masthead."""
    return (
        page.number == 1
        and page.header is not None
        and ln.text.strip() == page.header
        and match_note_marker(ln.text) is None
        and not _QUOTES.search(ln.text)
    )


def _classify(units: list[Line], page: Page) -> tuple[list[_NoteBuilder], list[tuple[Line, int]]]:
    """Split a page's lines into note builders and body lines (line, offset of body text)."""
    builders: list[_NoteBuilder] = []
    body: list[tuple[Line, int]] = []
    last_was_note = False
    bare: tuple[Line, MarkerMatch] | None = None  # a marker alone on its line, waiting for its text
    for i, ln in enumerate(units):
        raw = ln.text
        if "\f" in raw:
            raw = raw.replace("\f", " ")
        if bare is not None:
            bln, bm = bare
            bare = None
            if starts_like_reference(raw) or reference_score(raw) >= NOTE_MIN_SCORE:
                offset = len(raw) - len(raw.lstrip())
                builders.append(
                    _NoteBuilder(page.number, bm.raw, bm.number, bln.start + bm.start, bln.number)
                )
                builders[-1].pieces.append((ln, offset))
                last_was_note = True
                continue
            body.append((bln, 0))  # it was an in-text call-out after all
            last_was_note = False
        if i + 1 < len(units):
            bm = match_bare_marker(raw)
            if bm is not None:
                bare = (ln, bm)
                continue
        m = match_note_marker(raw)
        if m is not None:
            rest = raw[m.end :]
            cont = last_was_note and builders and _is_open(builders[-1].text) and rest[:1].islower()
            score = max(reference_score(rest), reference_score(_with_wrapped_lines(rest, units, i)))
            near_notes = last_was_note or (
                i + 1 < len(units) and match_note_marker(units[i + 1].text) is not None
            )
            short_ref = score >= 1 and len(rest) <= 150 and near_notes and starts_like_reference(rest)
            if cont or score >= NOTE_MIN_SCORE or short_ref:
                builders.append(_NoteBuilder(page.number, m.raw, m.number, ln.start + m.start))
                builders[-1].pieces.append((ln, m.end))
                last_was_note = True
                continue
        elif last_was_note and _continues(ln, units, i, builders[-1]):
            builders[-1].pieces.append((ln, len(raw) - len(raw.lstrip())))
            continue
        elif (
            len(raw) <= UNMARKED_NOTE_MAX
            and starts_like_reference(raw)
            and reference_score(raw) >= UNMARKED_NOTE_SCORE
        ):
            offset = len(raw) - len(raw.lstrip())
            builders.append(_NoteBuilder(page.number, "", None, ln.start + offset))
            builders[-1].pieces.append((ln, offset))
            last_was_note = True
            continue
        body.append((ln, 0))
        last_was_note = False
    return builders, body


#: A URL's tail: its first word is a path piece (``15/t20230315_38447821``, ``art_5 html``,
#: ``?id=3&type=2``), never a word of prose; or the tail is the access date alone.
_URL_TAIL = recache.compile(r"^(?:[/?&=%_.#-]|[\w%.-]*[/?&=_%#])|^\[\s*(?:19|20)\d\d[^\[\]]{0,24}\]$")
#: A note that stops inside its URL: a URL starts and nothing after it closes the note (no access
#: date, no bracket or title quote, no full stop at the end).
_UNFINISHED_URL = recache.compile(r"(?i)(?:https?\s*:|www\s)[^\[\]«»“”《》()]*(?<![.。])$")


#: A note's remainder after a page break reads as fields (a date, a URL, an access date: this
#: many points of :func:`reference_score`) and is no sentence of prose.
_REMAINDER_SCORE = 3


def _carries_on(note: _NoteBuilder, text: str) -> bool:
    """Does ``text``, the first thing on a page, finish the note that ended the page before?"""
    if len(text) > CONTINUATION_MAX or sentence_count(text) > 0:
        return False
    if _UNFINISHED_URL.search(note.text.rstrip(" " + GARBLED_GLYPHS)) and _URL_TAIL.match(text):
        return True  # … http://intl ce cn/sjjj/qy/202303/ | 15/t20230315_38447821 shtml [2023 - 03 - 18]
    return (
        _is_open(note.text) and not starts_like_reference(text) and reference_score(text) >= _REMAINDER_SCORE
    )  # «Avocado …», Agri-food and Fisheries | Information Service, December 31, 2022, http://…


def _carry_over(previous, builders: list[_NoteBuilder], body: list[tuple[Line, int]]) -> None:
    """A note cut by a page break goes on after the next page's running header (or at the foot of
    that page, above its notes): when a page ends with a note that stops mid-way (inside its URL,
    ``… http://intl ce cn/sjjj/qy/202303/``, or inside its fields), the next page's first line, or
    the line just above its first note, that reads as its remainder
    (``15/t20230315_38447821 shtml [2023 - 03 - 18]``) ends that note instead of starting the body."""
    _page, units, prev_builders, _body = previous
    if not body or not prev_builders or not units or prev_builders[-1].last_line is not units[-1]:
        return
    note = prev_builders[-1]
    places = [0]
    if builders:
        first_note = builders[0].pieces[0][0].number
        above = [k for k, (ln, _) in enumerate(body) if ln.number < first_note]
        places += above[-1:]
    for k in places:
        ln, offset = body[k]
        if _carries_on(note, ln.text[offset:].strip()):
            note.pieces.append((ln, len(ln.text) - len(ln.text.lstrip())))
            del body[k]
            return


#: How many lines below a marked line may be read with it to judge it (a note wrapped by
#: extraction has its date, URL and access date on the lines below its title).
_WRAPPED_LINES = 2


def _with_wrapped_lines(rest: str, units: list[Line], i: int) -> str:
    """A marked line with the unmarked lines right below it (no blank line between):
    ``ÿ «La sequía recorta la cosecha de soja a 25 millones de toneladas», Bolsa de Comercio de
    Rosario,`` is judged with ``9 de marzo de 2023, https://www bcr com ar/… [2023 - 03 - 10]``."""
    pieces = [rest]
    prev = units[i]
    for ln in units[i + 1 : i + 1 + _WRAPPED_LINES]:
        if ln.number != prev.number + 1 or match_note_marker(ln.text) is not None:
            break
        if len(ln.text) > CONTINUATION_MAX:
            break
        pieces.append(ln.text.strip())
        prev = ln
    return " ".join(pieces)


def _continues(ln: Line, units: list[Line], i: int, note: _NoteBuilder) -> bool:
    """Does an unmarked line continue the note just before it?"""
    text = ln.text.strip()
    if len(text) > CONTINUATION_MAX or sentence_count(text) >= 3:
        return False
    prev = note.last_line
    score = reference_score(text)
    if score >= UNMARKED_NOTE_SCORE and starts_like_reference(text) and not _is_open(note.text):
        return False  # a closed note, then a whole reference that lost its marker: a note of its own
    if (
        ln.number == prev.number + 1
    ):  # no blank line between: a wrapped note, unless prose follows a closed note
        return _is_open(note.text) or text[:1].islower() or score >= 1 or len(text) <= 60
    nxt = units[i + 1] if i + 1 < len(units) else None
    sandwiched = nxt is not None and match_note_marker(nxt.text) is not None
    if sandwiched and len(text) <= 200:
        return True
    if score >= 1 and len(text) <= 120:
        return True
    if _is_open(note.text) and (text[:1].islower() or score >= 2):
        return True
    return False
