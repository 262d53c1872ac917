"""Footnote and endnote lines to numbered notes.

A line opens a note when it starts with a note number: a raised number (footnotes set by
TeX and Word), or ``12``, ``12.``, ``12)``, ``[12]`` in the text's own size. Notes are
numbered in sequence, so a plain number opens a note only when it is the next number (or a
1, where numbering restarts on each page); a line that does not open a note continues the
one before, also across a page break. Endnotes are the lines after a heading such as
"Notes" or "Endnotes" whose next line opens note 1.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ... import recache
from .joins import join_lines
from .lines import Line

_PLAIN = recache.compile(r"^(?:\[(?P<b>\d{1,4})\]|(?P<n>\d{1,4})(?P<p>[.)]?))\s+(?=\S)")
#: Headings that open an endnote section (compared in lower case, without a section number).
NOTE_HEADINGS = frozenset(
    {
        "notes",
        "endnotes",
        "end notes",
        "notes and references",
        "footnotes",
        "notas",
        "anmerkungen",
        "notes de fin",
    }
)
_SECTION_NUMBER = recache.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(digits: str) -> str:
    """``"12"`` -> ``"¹²"`` (how a raised note number is written in the document text)."""
    return digits.translate(_SUPERSCRIPT)


@dataclass
class RawNote:
    """A note as found on the page: its number, printed marker, page and lines of text."""

    number: int
    marker: str
    page: int
    lines: list[str] = field(default_factory=list)

    def text(self, vocabulary: Collection[str] = ()) -> str:
        return join_lines(self.lines, vocabulary)


def _lead(line: Line) -> tuple[int, str, str, bool] | None:
    """(number, printed marker, rest of the line, raised) when the line opens with a number."""
    first = line.runs[0]
    if first.sup and first.text.strip().isdigit() and len(first.text.strip()) <= 4:
        rest = "".join(r.text for r in line.runs[1:]).lstrip()
        if rest:
            digits = first.text.strip()
            return int(digits), superscript(digits), rest, True
    m = _PLAIN.match(line.text)
    if m:
        digits = m.group("b") or m.group("n")
        return int(digits), m.group(0).strip(), line.text[m.end() :], False
    return None


def split_notes(lines: Sequence[Line], *, first_expected: int = 1) -> list[RawNote]:
    """The notes in a run of footnote (or endnote) lines, in order. Lines before the first
    note that continue nothing are dropped (see :func:`continue_notes` to carry them on)."""
    return continue_notes([], lines, first_expected=first_expected)


def continue_notes(notes: list[RawNote], lines: Sequence[Line], *, first_expected: int = 1) -> list[RawNote]:
    """Add the notes of ``lines`` to ``notes`` (whose last one may continue here)."""
    expected = notes[-1].number + 1 if notes else first_expected
    current = notes[-1] if notes else None
    page_first = True
    for line in lines:
        lead = _lead(line)
        if lead is not None:
            number, marker, rest, raised = lead
            in_sequence = number == expected or (page_first and number == 1 and current is not None)
            if raised or in_sequence:
                current = RawNote(number, marker, line.page, [rest])
                notes.append(current)
                expected = number + 1
                page_first = False
                continue
        if current is not None:
            current.lines.append(line.text)
        page_first = False
    return notes


def heading_text(line: Line) -> str:
    return _SECTION_NUMBER.sub("", line.text.strip()).rstrip(":").strip().lower()


def endnote_start(lines: Sequence[Line]) -> int | None:
    """Index of the first line after an endnote heading (the heading is at index - 1)."""
    for i in range(len(lines) - 1):
        if heading_text(lines[i]) in NOTE_HEADINGS:
            lead = _lead(lines[i + 1])
            if lead is not None and lead[0] == 1:
                return i + 1
    return None
