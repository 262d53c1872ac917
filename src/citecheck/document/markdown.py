"""Markdown footnotes: ``[^label]: text`` definitions, ``[^label]`` call-outs, inline ``^[text]``.

A definition continues on indented lines (also after a blank line) and on the lines
directly below it that are not a new definition. Fenced code blocks are skipped.

>>> doc = read_markdown("Solar rose 13%.[^a] Wind too.[^2]\\n\\n[^a]: Xinhua, June 8, 2019.\\n[^2]: Fu Cong: «Title».\\n    Page 80.")
>>> [(n.id, n.text) for n in doc.notes]
[('fn-a', 'Xinhua, June 8, 2019.'), ('fn2', 'Fu Cong: «Title». Page 80.')]
>>> [(m.raw, m.order) for m in doc.markers]
[('[^a]', 1), ('[^2]', 2)]
"""

from __future__ import annotations

import re

from .. import recache
from ..model import Document, Marker, Note, Page, Span
from .layout import Line, normalise_text, split_lines
from .markers import decimal_value

_DEF = recache.compile(r"^[ ]{0,3}\[\^(?P<label>[^\]\s]{1,64})\]:[ \t]?")
_REF = recache.compile(r"\[\^(?P<label>[^\]\s]{1,64})\](?!:)")
_INLINE = recache.compile(r"\^\[")
_FENCE = recache.compile(r"^[ ]{0,3}(```|~~~)")


def note_id_for(label: str, used: set[str]) -> str:
    """``fn12`` for a numeric label, ``fn-smith2019`` otherwise; unique within ``used``."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", label)[:40] or "x"
    base = f"fn{safe}" if safe.isdigit() else f"fn-{safe}"
    note_id = base
    k = 2
    while note_id in used:
        note_id = f"{base}-{k}"
        k += 1
    used.add(note_id)
    return note_id


def _label_number(label: str) -> int | None:
    return decimal_value(label)


def read_markdown(text: str, *, path: str | None = None, encoding: str = "utf-8") -> Document:
    text = normalise_text(text)
    lines = split_lines(text)
    notes: list[Note] = []
    markers: list[Marker] = []
    used: set[str] = set()
    in_fence = False
    current: list | None = None  # [label, marker, [(line, offset)], blank_pending]

    def flush() -> None:
        nonlocal current
        if current is None:
            return
        label, pieces = current[0], current[1]
        first, last = pieces[0], pieces[-1]
        body = " ".join(ln.text[off:].strip() for ln, off in pieces if ln.text[off:].strip())
        notes.append(
            Note(
                id=note_id_for(label, used),
                page=1,
                order=len(notes) + 1,
                marker=f"[^{label}]",
                text=body,
                span=Span(first[0].number, last[0].number, first[0].start, last[0].end),
                number=_label_number(label),
            )
        )
        current = None

    blank_before = False
    for ln in lines:
        if _FENCE.match(ln.text):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = _DEF.match(ln.text)
        if m:
            flush()
            current = [m.group("label"), [(ln, m.end())]]
            blank_before = False
            continue
        if current is not None:
            if ln.blank:
                blank_before = True
                continue
            indented = ln.text.startswith(("    ", "\t", "  "))
            if indented or not blank_before:
                current[1].append((ln, len(ln.text) - len(ln.text.lstrip())))
                blank_before = False
                continue
            flush()
        blank_before = ln.blank
        _body_markers(ln, markers, notes, used)
    flush()
    return Document(
        text=text,
        format="markdown",
        path=path,
        encoding=encoding,
        pages=(Page(1, 1, lines[-1].number if lines else 1),),
        notes=tuple(notes),
        markers=tuple(markers),
        warnings=() if notes else ("no footnotes found",),
    )


def _body_markers(ln: Line, markers: list[Marker], notes: list[Note], used: set[str]) -> None:
    t = ln.text
    for m in _REF.finditer(t):
        start = ln.start + m.start()
        markers.append(
            Marker(
                page=1,
                order=len(markers) + 1,
                raw=m.group(0),
                span=Span(ln.number, ln.number, start, ln.start + m.end()),
                number=_label_number(m.group("label")),
            )
        )
    for m in _INLINE.finditer(t):
        depth, j = 1, m.end()
        while j < len(t) and depth:
            if t[j] == "\\":
                j += 2
                continue
            depth += {"[": 1, "]": -1}.get(t[j], 0)
            j += 1
        if depth:
            continue
        body = t[m.end() : j - 1].strip()
        label = f"inline{len(notes) + 1}"
        start = ln.start + m.start()
        markers.append(
            Marker(
                page=1,
                order=len(markers) + 1,
                raw=f"[^{label}]",
                span=Span(ln.number, ln.number, start, start + 2),
            )
        )
        notes.append(
            Note(
                id=note_id_for(label, used),
                page=1,
                order=len(notes) + 1,
                marker=f"[^{label}]",
                text=body,
                span=Span(ln.number, ln.number, ln.start + m.end(), ln.start + j - 1),
            )
        )
