"""Dispatch text to the reader for its format.

>>> read_document("one reference\\nanother reference", format="lines").notes[1].text
'another reference'
"""

from __future__ import annotations

from ..errors import UsageError
from ..model import Document
from .detect import FORMATS, detect_format
from .latex import read_latex
from .layout import normalise_text
from .lines import read_lines
from .markdown import read_markdown
from .plaintext import read_plaintext


def read_document(
    text: str, *, format: str = "auto", path: str | None = None, encoding: str = "utf-8"
) -> Document:
    """Read ``text`` into a Document. Pure: no disk, no network.

    ``format`` is "auto" | "text" | "markdown" | "latex" | "bibtex" | "lines"; an unknown
    format is a :class:`~citecheck.errors.UsageError` (the only exception raised here).
    """
    if format not in FORMATS:
        raise UsageError(f"unknown input format {format!r}; use one of: {', '.join(FORMATS)}")
    if not isinstance(text, str):
        text = str(text)
    if format == "auto":
        format = detect_format(text, path)
    if format == "markdown":
        return read_markdown(text, path=path, encoding=encoding)
    if format == "latex":
        return read_latex(text, path=path, encoding=encoding)
    if format == "lines":
        return read_lines(text, path=path, encoding=encoding)
    if format == "bibtex":
        return Document(text=normalise_text(text), format="bibtex", path=path, encoding=encoding)
    return read_plaintext(text, path=path, encoding=encoding)
