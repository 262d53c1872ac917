"""One reference per line (``--input-format lines``), as benchmarks and reference lists use.

Blank lines and lines starting with ``#`` are skipped; a leading number or marker
(``12.``, ``[12]``, ``①``) is taken off and kept as the note's number.

>>> doc = read_lines("[1] Smith, J. Title. 2019.\\n\\n# comment\\nDoe, A. Other. 2020.")
>>> [(n.id, n.number, n.text) for n in doc.notes]
[('fn1', 1, 'Smith, J. Title. 2019.'), ('p1n2', None, 'Doe, A. Other. 2020.')]
"""

from __future__ import annotations

from ..model import Document, Note, Page, Span
from .layout import normalise_text, split_lines
from .markers import match_note_marker


def read_lines(text: str, *, path: str | None = None, encoding: str = "utf-8") -> Document:
    text = normalise_text(text)
    lines = split_lines(text)
    notes = []
    used: set[str] = set()
    for ln in lines:
        stripped = ln.text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = match_note_marker(ln.text)
        offset = m.end if m is not None and m.number is not None else len(ln.text) - len(ln.text.lstrip())
        number = m.number if m is not None and m.number is not None else None
        order = len(notes) + 1
        note_id = f"fn{number}" if number is not None and f"fn{number}" not in used else f"p1n{order}"
        used.add(note_id)
        notes.append(
            Note(
                id=note_id,
                page=1,
                order=order,
                marker=m.raw if number is not None and m is not None else "",
                text=ln.text[offset:].strip(),
                span=Span(ln.number, ln.number, ln.start + offset, ln.end),
                number=number,
            )
        )
    last = lines[-1].number if lines else 1
    return Document(
        text=text,
        format="lines",
        path=path,
        encoding=encoding,
        pages=(Page(1, 1, last),),
        notes=tuple(notes),
        warnings=() if notes else ("no references found",),
    )
