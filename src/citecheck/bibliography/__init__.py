"""Exporters: BibTeX, BibLaTeX, CSL-JSON and RIS, each a pure function of the references.

>>> from citecheck.model import Reference
>>> export([Reference(key="k", entry_type="misc", raw="x", title="T")], "ris").splitlines()[0]
'TY  - GEN'
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import UsageError
from ..model import Reference, Snapshot
from .bibtex import to_biblatex, to_bibtex
from .common import valid_text
from .csljson import to_csljson
from .ris import to_ris

__all__ = ["export", "FORMATS", "SUFFIXES"]

FORMATS = {"bibtex": to_bibtex, "biblatex": to_biblatex, "csljson": to_csljson, "ris": to_ris}
#: The usual file name ending for each format.
SUFFIXES = {"bibtex": ".bib", "biblatex": ".bib", "csljson": ".json", "ris": ".ris"}


def export(refs: list[Reference], fmt: str, *, archived: Mapping[str, Snapshot] | None = None) -> str:
    """Render ``refs`` in ``fmt`` ("bibtex" | "biblatex" | "csljson" | "ris"); always valid UTF-8 text.

    ``archived`` (reference key -> :class:`~citecheck.model.Snapshot`, see
    :func:`~citecheck.bibliography.verified.archived_copies`) adds where each archived copy is.
    """
    try:
        writer = FORMATS[fmt.lower()]
    except KeyError:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return valid_text(writer(list(refs), archived))
