"""A PDF's layout to a :class:`~citecheck.model.Document`: body, notes and call-outs.

The document text is the body, paragraph by paragraph (one line each, running headers
and footers left out, hyphenated words and broken URLs joined), then the notes, one line
each, in order: ``¹² Smith, J. (2019). Title. Journal, 3(2), 45-67.``. A raised number in
the body is written as superscript digits (``before.¹²``) and becomes a
:class:`~citecheck.model.Marker` with that number; each note keeps its printed number, so
markers link to notes by number, never by position.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from ... import recache
from ...model import Document, Marker, Note, Page, Span
from ..markdown import note_id_for
from .glyphs import PageGlyphs, PdfError, read_pages
from .joins import join_lines, vocabulary_of
from .lines import Line, group_lines
from .notes import RawNote, continue_notes, endnote_start, superscript
from .zones import PageLines, PageZones, body_size, page_zones, running_lines

#: A paper has far fewer pages; a longer PDF is refused before any page is read.
MAX_PAGES = 2000
#: A heading is set at least this much larger than the body text.
HEADING = 1.12
#: Markers are wrapped in these while lines are joined, then written as superscript digits.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = recache.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")
_NUMBERS = recache.compile(r"\d{1,4}")


@dataclass
class _Paragraph:
    page: int
    lines: list[str]


def _line_text(line: Line) -> str:
    """The line with its raised numbers wrapped as markers (other raised text stays plain)."""
    parts = []
    for run in line.runs:
        digits = run.text.strip()
        if run.sup and digits and all(ch.isdigit() or ch in ",–-" for ch in digits) and digits[0].isdigit():
            parts.append(f"{_OPEN}{digits}{_CLOSE}")
        else:
            parts.append(run.text)
    return "".join(parts)


def _paragraphs(zones: list[PageZones], size: float) -> list[_Paragraph]:
    """Body lines of every page grouped into paragraphs, in reading order.

    A paragraph ends at a heading (a line set larger than the body), a vertical gap larger
    than the usual line pitch, an indented first line, or a line that stops well short of
    its column's right edge."""
    body = [ln for z in zones for ln in z.body]
    if not body:
        return []
    gaps = [
        b.top - a.top
        for a, b in zip(body, body[1:], strict=False)
        if a.page == b.page and 0 < b.top - a.top < 3 * size
    ]
    pitch = statistics.median(gaps) if gaps else 1.2 * size
    # each column of each page: its left margin and right edge (columns told apart by margin)
    columns: dict[tuple[int, int], list[float]] = {}
    column_of: dict[int, tuple[int, int]] = {}
    for ln in body:
        key = next((k for k in columns if k[0] == ln.page and abs(columns[k][0] - ln.x0) < 3 * size), None)
        if key is None:
            key = (ln.page, len(columns))
            columns[key] = [ln.x0, ln.x1]
        edge = columns[key]
        edge[0], edge[1] = min(edge[0], ln.x0), max(edge[1], ln.x1)
        column_of[id(ln)] = key

    def indented(ln: Line) -> bool:
        return ln.x0 > columns[column_of[id(ln)]][0] + 0.6 * ln.size

    def short(ln: Line) -> bool:
        return ln.x1 < columns[column_of[id(ln)]][1] - 2.5 * ln.size

    out: list[_Paragraph] = []
    prev: Line | None = None
    for ln in body:
        if prev is None:
            new = True
        else:
            same_column = column_of[id(ln)] == column_of[id(prev)] and ln.top > prev.top
            new = (
                ln.size > HEADING * size
                or prev.size > HEADING * size
                or (same_column and ln.top - prev.top > 1.3 * max(pitch, 1.05 * prev.size))
                or (indented(ln) and not indented(prev))
                or short(prev)
            )
        if new:
            out.append(_Paragraph(ln.page, [_line_text(ln)]))
        else:
            out[-1].lines.append(_line_text(ln))
        prev = ln
    return out


class _Writer:
    """Builds the document text line by line, keeping offsets and line numbers."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0
        self.line = 1

    def write_line(self, text: str) -> tuple[int, int]:
        start_line = self.line
        self.parts.append(text + "\n")
        self.offset += len(text) + 1
        self.line += 1
        return start_line, self.offset - len(text) - 1

    def blank(self) -> None:
        self.parts.append("\n")
        self.offset += 1
        self.line += 1

    def text(self) -> str:
        return "".join(self.parts)


def _marker_numbers(raw: str) -> list[int]:
    nums = [int(n) for n in _NUMBERS.findall(raw)]
    if "–" in raw or "-" in raw:
        if len(nums) == 2 and 0 < nums[1] - nums[0] < 20:
            return list(range(nums[0], nums[1] + 1))
    return nums


def read_pdf(data: bytes, *, path: str | None = None) -> Document:
    """Read a PDF (bytes) into a Document; raises :class:`PdfError` with a one-line reason."""
    from .glyphs import page_count

    pages_total = page_count(data)
    if pages_total > MAX_PAGES:
        raise PdfError(f"the PDF has {pages_total} pages; citecheck reads papers up to {MAX_PAGES} pages")
    return read_glyph_pages(read_pages(data), path=path)


def read_glyph_pages(glyph_pages: Iterable[PageGlyphs], *, path: str | None = None) -> Document:
    """The Document of pages of glyphs (from :func:`.glyphs.read_pages` or another PDF library
    that gives characters with position and size), consumed one page at a time."""
    pages: list[PageLines] = []
    chars = images = 0
    for glyphs in glyph_pages:
        lines = group_lines(glyphs)
        chars += sum(len(ln.text) for ln in lines)
        images += glyphs.images
        pages.append(PageLines(glyphs.number, glyphs.width, glyphs.height, tuple(lines), glyphs.rules))
    if not pages:
        raise PdfError("the PDF has no pages")
    if chars == 0:
        if images:
            raise PdfError("no text layer: run OCR first (the pages are images)")
        raise PdfError("the PDF holds no text")
    size = body_size(pages)
    running = running_lines(pages)
    zones = [page_zones(p, running, size) for p in pages]
    return _assemble(zones, size, path)


def _assemble(zones: list[PageZones], size: float, path: str | None) -> Document:
    # endnotes: the body lines after a "Notes" heading, up to the next heading (a longer
    # document may hold several papers, each with its notes)
    flat = [ln for z in zones for ln in z.body]
    sections: list[list[Line]] = []
    dropped: set[int] = set()
    i = 0
    while (cut := endnote_start(flat[i:])) is not None:
        start = i + cut
        stop = next((j for j in range(start, len(flat)) if flat[j].size > HEADING * size), len(flat))
        sections.append(flat[start:stop])
        dropped.update(id(ln) for ln in flat[start - 1 : stop])
        i = stop
    if dropped:
        zones = [
            PageZones(
                z.number, z.running, tuple(ln for ln in z.body if id(ln) not in dropped), z.notes, z.columns
            )
            for z in zones
        ]
    raw_notes: list[RawNote] = []
    for z in zones:
        raw_notes = continue_notes(raw_notes, z.notes)
    for section in sections:
        raw_notes.extend(continue_notes([], section))
    paragraphs = _paragraphs(zones, size)
    all_lines = [t for p in paragraphs for t in p.lines] + [t for n in raw_notes for t in n.lines]
    vocabulary = vocabulary_of([_MARK.sub("", t) for t in all_lines])

    writer = _Writer()
    markers: list[Marker] = []
    page_first_line: dict[int, int] = {}
    page_last_line: dict[int, int] = {}
    note_numbers = {n.number for n in raw_notes}
    per_page: dict[int, int] = {}
    last_number = 0
    for para in paragraphs:
        joined = join_lines(para.lines, vocabulary)
        out = []
        pos = 0
        found: list[tuple[int, int, str]] = []
        length = 0
        for m in _MARK.finditer(joined):
            out.append(joined[pos : m.start()])
            length += m.start() - pos
            sup = superscript(m.group(1))
            found.append((length, length + len(sup), m.group(1)))
            out.append(sup)
            length += len(sup)
            pos = m.end()
        out.append(joined[pos:])
        text = "".join(out)
        line_no, start = writer.write_line(text)
        writer.blank()
        page_first_line.setdefault(para.page, line_no)
        page_last_line[para.page] = line_no
        for s, e, raw in found:
            for number in _marker_numbers(raw)[:1] or [None]:
                if number is None or number not in note_numbers:
                    continue
                if number < last_number - 1 and any(mk.number == number for mk in markers):
                    continue  # an exponent (m², 10⁶) behind a note already called
                per_page[para.page] = per_page.get(para.page, 0) + 1
                markers.append(
                    Marker(
                        page=para.page,
                        order=per_page[para.page],
                        raw=superscript(raw),
                        span=Span(line_no, line_no, start + s, start + e),
                        number=number,
                    )
                )
                last_number = number
    notes: list[Note] = []
    used: set[str] = set()
    order_on_page: dict[int, int] = {}
    for raw in raw_notes:
        body = raw.text(vocabulary)
        line_no, start = writer.write_line(f"{raw.marker} {body}")
        order_on_page[raw.page] = order_on_page.get(raw.page, 0) + 1
        text_start = start + len(raw.marker) + 1
        notes.append(
            Note(
                id=note_id_for(str(raw.number), used),
                page=raw.page,
                order=order_on_page[raw.page],
                marker=raw.marker,
                text=body,
                span=Span(line_no, line_no, text_start, text_start + len(body)),
                number=raw.number,
            )
        )
    pages = []
    for z in zones:
        first = page_first_line.get(z.number)
        last = page_last_line.get(z.number, first)
        header = " ".join(ln.text for ln in sorted(z.running, key=lambda ln: (ln.top, ln.x0)) if ln.top < 200)
        if first is None:
            first = last = pages[-1].end_line if pages else 1
        pages.append(Page(z.number, first, last, header or None))
    warnings = () if notes else ("no footnotes or endnotes found",)
    return Document(
        text=writer.text(),
        format="pdf",
        path=path,
        encoding="pdf",
        pages=tuple(pages),
        notes=tuple(notes),
        markers=tuple(markers),
        warnings=warnings,
    )
