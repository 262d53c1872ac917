"""LaTeX: ``\\footnote{…}`` (nested braces, ``\\footnote[3]{…}``, ``\\footnotetext``) and
``\\bibitem{key} …`` entries with their ``\\cite{key}`` call-outs.

A ``\\footnote`` is both the note and its in-text marker. Braces are matched with a
counter (no recursion), so 10,000 nested braces are fine; an unclosed brace takes the rest
of the paragraph. Comments (``%`` to end of line) are ignored.

>>> doc = read_latex(r"Solar grew.\\footnote{Fu Cong: \\emph{China-EU {Green} Cooperation}, 2021.} Next.")
>>> doc.notes[0].text, doc.markers[0].raw
('Fu Cong: China-EU Green Cooperation, 2021.', '\\\\footnote')
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from .. import recache
from ..model import Document, Marker, Note, Page, Span
from .layout import normalise_text, split_lines
from .markdown import note_id_for
from .markers import decimal_value

_FOOTNOTE = recache.compile(r"\\footnote(?P<text>text)?(?![A-Za-z])\s*(?:\[(?P<num>[^\]]{0,12})\])?\s*\{")
_BIBITEM = recache.compile(r"\\bibitem\s*(?:\[[^\]]{0,200}\])?\s*\{(?P<key>[^}]{1,200})\}")
_CITE = recache.compile(
    r"\\(?:cite|citep|citet|parencite|textcite|autocite|footcite)\w*\*?\s*(?:\[[^\]]{0,200}\]\s*){0,2}\{(?P<keys>[^}]{1,500})\}"
)
_END_BIB = recache.compile(r"\\end\{thebibliography\}|\\bibitem")
_TOKENS = recache.compile(r"\\.|[{}]|%[^\n]*|\n[ \t]*\n", re.S)
_COMMAND = recache.compile(r"\\([A-Za-z]+)\*?\s*(?:\[[^\]]{0,100}\])?")
_ESCAPED = recache.compile(r"\\([&%$#_{}~^ ,;:!])")
_ACCENT = recache.compile(r"\\(['\"`^~=.])\s?\{?([A-Za-z])\}?")
_COMBINING = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
}
_COMMENT = recache.compile(r"(?<!\\)%[^\n]*")
_DROP_ARG = ("label", "ref", "eqref", "pageref", "index", "cite", "citep", "citet", "footnotemark")


def clean_latex(s: str) -> str:
    """LaTeX markup to readable text, almost only by dropping characters (so offsets still align)."""
    s = _COMMENT.sub("", s)
    s = re.sub(r"\\(?:" + "|".join(_DROP_ARG) + r")\*?\s*\{[^{}]{0,300}\}", "", s)
    s = _ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(2) + _COMBINING[m.group(1)]), s)
    s = _ESCAPED.sub(lambda m: m.group(1), s)
    s = s.replace("}{", "} {")
    s = _COMMAND.sub("", s)
    s = s.replace("{", "").replace("}", "").replace("~", " ")
    return re.sub(r"\s+", " ", s).strip()


class _Comments:
    """Where the comments of a text are (``%`` to end of line), found in one pass.

    Asking whether a position is commented out is then a binary search, so a line with
    thousands of ``\\footnote`` is read in linear time, not rescanned for each one.

    >>> comments = _Comments("a % b\\nc \\\\% d % e")
    >>> [comments.covers(i) for i in (0, 3, 6, 9, 15)]
    [False, True, False, False, True]
    """

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for m in _COMMENT.finditer(text):
            self._starts.append(m.start())
            self._ends.append(m.end())

    def covers(self, pos: int) -> bool:
        """True when ``pos`` lies after a comment's ``%`` on the same line."""
        i = bisect.bisect_left(self._starts, pos) - 1
        return i >= 0 and pos <= self._ends[i]


def _balanced_end(text: str, open_pos: int) -> tuple[int, bool]:
    """Index of the brace closing the one at ``open_pos`` (or paragraph end, False)."""
    depth = 1
    for m in _TOKENS.finditer(text, open_pos + 1):
        tok = m.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth == 0:
                return m.start(), True
        elif tok.startswith("\n"):
            return m.start(), False
    return len(text), False


def read_latex(text: str, *, path: str | None = None, encoding: str = "utf-8") -> Document:
    text = normalise_text(text)
    lines = split_lines(text)
    starts = [ln.start for ln in lines]

    def line_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos)

    notes: list[Note] = []
    markers: list[Marker] = []
    used: set[str] = set()
    warnings: list[str] = []
    comments = _Comments(text)
    covered = -1  # end of the last footnote body: a \footnote inside it is part of that note
    for m in _FOOTNOTE.finditer(text):
        if m.start() < covered or comments.covers(m.start()):
            continue
        end, closed = _balanced_end(text, m.end() - 1)
        covered = end
        if not closed:
            warnings.append(f"line {line_of(m.start())}: \\footnote without its closing brace")
        body = clean_latex(text[m.end() : end])
        num = (m.group("num") or "").strip()
        number = decimal_value(num, 8)
        order = len(notes) + 1
        label = str(number) if number is not None else str(order)
        note_id = note_id_for(label, used)
        if not m.group("text"):
            markers.append(
                Marker(
                    page=1,
                    order=len(markers) + 1,
                    raw="\\footnote",
                    span=Span(line_of(m.start()), line_of(m.start()), m.start(), m.start() + 9),
                    number=number,
                )
            )
        notes.append(
            Note(
                id=note_id,
                page=1,
                order=order,
                marker="\\footnote",
                text=body,
                span=Span(line_of(m.start()), line_of(max(end - 1, m.start())), m.end(), end),
                number=number,
            )
        )
    for m in _BIBITEM.finditer(text):
        if comments.covers(m.start()):
            continue
        nxt = _END_BIB.search(text, m.end())
        end = nxt.start() if nxt else len(text)
        body = clean_latex(text[m.end() : end])
        key = m.group("key").strip()
        notes.append(
            Note(
                id=note_id_for(f"bib-{key}", used),
                page=1,
                order=len(notes) + 1,
                marker=f"\\bibitem{{{key}}}",
                text=body,
                span=Span(line_of(m.end()), line_of(max(end - 1, m.end())), m.end(), end),
            )
        )
    for m in _CITE.finditer(text):
        if comments.covers(m.start()):
            continue
        for key in m.group("keys").split(","):
            key = key.strip()
            if key:
                markers.append(
                    Marker(
                        page=1,
                        order=len(markers) + 1,
                        raw=f"\\cite{{{key}}}",
                        span=Span(line_of(m.start()), line_of(m.start()), m.start(), m.end()),
                    )
                )
    markers.sort(key=lambda mk: mk.span.start)
    markers = [
        Marker(page=mk.page, order=i, raw=mk.raw, span=mk.span, number=mk.number)
        for i, mk in enumerate(markers, 1)
    ]
    if not notes:
        warnings.append("no footnotes found")
    return Document(
        text=text,
        format="latex",
        path=path,
        encoding=encoding,
        pages=(Page(1, 1, lines[-1].number if lines else 1),),
        notes=tuple(notes),
        markers=tuple(markers),
        warnings=tuple(warnings),
    )
