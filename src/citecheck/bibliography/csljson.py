"""CSL-JSON, as read by pandoc (``--citeproc``) and Zotero.

>>> from citecheck.model import Reference
>>> r = Reference(key="xinhua2019speech", entry_type="news", raw="", title="Speech",
...               container="Xinhua News Agency", date="2019-06-08", year=2019)
>>> import json; item = json.loads(to_csljson([r]))[0]
>>> item["type"], item["issued"]
('article-newspaper', {'date-parts': [[2019, 6, 8]]})
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..model import Reference, Snapshot
from .common import (
    date_parts,
    diagnostics,
    is_literal_name,
    name_parts,
    printed_notes,
    usable_url,
    valid_text,
)

__all__ = ["to_csljson", "csl_item"]

_TYPES = {
    "article": "article-journal",
    "newspaper": "article-newspaper",
    "news": "article-newspaper",
    "webpage": "webpage",
    "report": "report",
    "document": "document",
    "book": "book",
    "chapter": "chapter",
    "thesis": "thesis",
    "conference": "paper-conference",
    "misc": "document",
}


def _person(name: str) -> dict:
    if is_literal_name(name):
        return {"literal": name}
    fam, giv, chinese = name_parts(name)
    if chinese:
        return {"literal": name}  # family name first, as printed; never inverted
    return {"family": fam, "given": giv} if giv else {"family": fam}


def csl_item(ref: Reference, archived: Mapping[str, Snapshot] | None = None) -> dict:
    """One reference as a CSL-JSON item (a dict)."""
    item: dict = {"id": ref.key or "ref", "type": _TYPES.get(ref.entry_type, "document")}
    if ref.authors:
        item["author"] = [_person(n) for n in ref.authors]
    if ref.editors:
        item["editor"] = [_person(n) for n in ref.editors]
    if ref.title:
        item["title"] = ref.title
    if ref.container:
        key = (
            "publisher" if ref.entry_type in ("report", "thesis") and not ref.publisher else "container-title"
        )
        item[key] = ref.container
    if ref.publisher:
        item["publisher"] = ref.publisher
    if ref.location:
        item["publisher-place"] = ref.location
    parts = date_parts(ref.date) or ([ref.year] if ref.year else None)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    acc = date_parts(ref.access_date)
    if acc:
        item["accessed"] = {"date-parts": [acc]}
    for src, dst in (
        ("volume", "volume"),
        ("issue", "issue"),
        ("pages", "page"),
        ("doi", "DOI"),
        ("isbn", "ISBN"),
    ):
        value = getattr(ref, src)
        if value:
            item[dst] = value
    if ref.edition and ref.entry_type == "book":
        item["edition"] = ref.edition
    url = usable_url(ref)
    if url:
        item["URL"] = url
    notes = printed_notes(ref, archived)
    if notes:
        item["note"] = "; ".join(notes)
    said = diagnostics(ref)
    if said:  # CSL 1.0.2's non-printing object for a tool's own data
        item["custom"] = {"citecheck-diagnostics": said}
    snapshot = (archived or {}).get(ref.key)
    if snapshot is not None:
        item["archive"] = snapshot.archive
        item["archive_location"] = snapshot.url
    if ref.language:
        item["language"] = ref.language
    return item


def to_csljson(refs: list[Reference], archived: Mapping[str, Snapshot] | None = None) -> str:
    """A JSON array of CSL items, UTF-8, indented."""
    items = [csl_item(r, archived) for r in refs]
    return valid_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
