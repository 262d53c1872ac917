"""RIS (EndNote, Zotero, Mendeley): one ``TY`` ... ``ER`` block per reference.

>>> from citecheck.model import Reference
>>> r = Reference(key="k", entry_type="article", raw="", authors=("Wu Zhicheng",), title="T",
...               container="J", year=2021, pages="135-143")
>>> print(to_ris([r]).strip())
TY  - JOUR
ID  - k
AU  - Wu, Zhicheng
TI  - T
T2  - J
PY  - 2021
SP  - 135
EP  - 143
ER  -
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Reference, Snapshot
from .common import date_parts, is_literal_name, name_parts, notes_for, split_pages, usable_url, valid_text

__all__ = ["to_ris"]

_TYPES = {
    "article": "JOUR",
    "newspaper": "NEWS",
    "news": "NEWS",
    "webpage": "ELEC",
    "report": "RPRT",
    "document": "GOVDOC",
    "book": "BOOK",
    "chapter": "CHAP",
    "thesis": "THES",
    "conference": "CONF",
    "misc": "GEN",
}


def _person(name: str) -> str:
    if is_literal_name(name):
        return name
    fam, giv, _ = name_parts(name)
    return f"{fam}, {giv}" if giv else fam


def _clean(value: str) -> str:
    return " ".join(str(value).split())


def _ris_date(iso: str | None) -> str | None:
    parts = date_parts(iso)
    if not parts:
        return None
    y, m, d = (parts + [None, None])[:3]
    return f"{y:04d}/{'' if m is None else f'{m:02d}'}/{'' if d is None else f'{d:02d}'}/"


def to_ris(refs: list[Reference], archived: Mapping[str, Snapshot] | None = None) -> str:
    """RIS text; ``ER  -`` closes every record."""
    out: list[str] = []
    for ref in refs:
        lines = [("TY", _TYPES.get(ref.entry_type, "GEN"))]
        if ref.key:
            lines.append(("ID", ref.key))
        lines += [("AU", _person(n)) for n in ref.authors]
        if ref.et_al:
            lines.append(("AU", "et al."))
        lines += [("A2", _person(n)) for n in ref.editors]
        if ref.title:
            lines.append(("TI", ref.title))
        if ref.container:
            lines.append(("T2", ref.container))
        if ref.year:
            lines.append(("PY", str(ref.year)))
        da = _ris_date(ref.date)
        if da and ref.date and len(ref.date) > 4:
            lines.append(("DA", da))
        sp, ep = split_pages(ref.pages)
        if sp:
            lines.append(("SP", sp))
        if ep:
            lines.append(("EP", ep))
        for tag, value in (
            ("VL", ref.volume),
            ("IS", ref.issue),
            ("PB", ref.publisher),
            ("CY", ref.location),
        ):
            if value:
                lines.append((tag, value))
        if ref.edition and ref.entry_type == "book":
            lines.append(("ET", ref.edition))
        if ref.doi:
            lines.append(("DO", ref.doi))
        if ref.isbn:
            lines.append(("SN", ref.isbn))
        url = usable_url(ref)
        if url:
            lines.append(("UR", url))
        if ref.access_date:
            lines.append(("Y2", ref.access_date))
        lines += [("N1", n) for n in notes_for(ref, archived)]
        out.extend(f"{tag}  - {_clean(value)}" for tag, value in lines)
        out.append("ER  - ")
        out.append("")
    return valid_text("\n".join(out))
