"""References straight from a file: a paper (any reader) or an existing bibliography.

This is the one place that joins the disk-reading loader to the pure extraction, for callers
that need only the references (``citecheck parse``, ``citecheck check``)::

    >>> refs = load_references("seeds/china-latin-america-green-cooperation-2022.txt")  # doctest: +SKIP
    >>> len(refs), refs[0].key  # doctest: +SKIP
    (46, 'xinhua2019xi')
"""

from __future__ import annotations

import os

from ..document import load_document
from ..errors import InputError
from ..model import Reference
from .extract import extract_references


def load_references(path: str | os.PathLike, *, format: str = "auto") -> list[Reference]:
    """Read ``path`` (a paper, or a ``.bib`` file whose entries are the references) into keyed references.

    Raises :class:`InputError` with one line when the file cannot be read or holds no reference.
    """
    doc = load_document(path, format=format)
    return require_references(extract_references(doc), path, doc.format)


def require_references(refs: list[Reference], path: str | os.PathLike, read_as: str) -> list[Reference]:
    """``refs``, or :class:`InputError` when there are none: a paper without a single footnote or
    reference is an input error for every command (``parse``, ``check`` and ``verify`` agree)."""
    if not refs:
        raise InputError(f"{path}: no footnotes or references found (input read as {read_as!r})")
    return refs
