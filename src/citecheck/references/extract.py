"""From a Document to its references: segmentation, field parsing, citation keys.

>>> from citecheck.document import read_document
>>> doc = read_document("ÿ Fu Cong: «Title», Published in «Journal», 2021 Issue 11, Page 80\\n")
>>> [(r.note_id, r.span.start_line, r.raw[:8]) for r in extract_references(doc)]
[('p1n1', 1, 'Fu Cong:')]

A ``bibtex`` document's entries are taken as they are (the user's keys are kept). One
reference that the field parser cannot handle never aborts the run: it comes back with
what is known (its raw text and span) and a warning.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Reference
from .fields import parse_reference
from .keys import assign_keys
from .segment import segment_document
from .urls import prefer_document_hosts


def extract_references(doc: Document) -> list[Reference]:
    """Every cited work of ``doc`` as a Reference with ``raw``, ``span`` and ``note_id``."""
    if doc.format == "bibtex":
        from .bibfile import references_from_bibtex

        return list(references_from_bibtex(doc.text))
    refs = []
    for seg in segment_document(doc):
        try:
            ref = parse_reference(seg.text, span=seg.span, note_id=seg.note_id)
        except Exception as exc:  # one bad footnote must not abort a run
            ref = Reference(
                key="",
                entry_type="misc",
                raw=seg.text,
                span=seg.span,
                note_id=seg.note_id,
                warnings=(f"could not parse this reference ({type(exc).__name__}: {exc})",),
            )
        refs.append(ref)
    return assign_keys(_with_document_hosts(refs))


def _with_document_hosts(refs: list[Reference]) -> list[Reference]:
    """A host that lost its dots is re-read with the hosts the other references print."""
    urls = prefer_document_hosts([r.url for r in refs])
    return [r if u is r.url else replace(r, url=u) for r, u in zip(refs, urls, strict=True)]
