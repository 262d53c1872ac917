"""What every exporter needs: name forms, page ranges, date parts, notes.

>>> name_parts("Wu Zhicheng")
('Wu', 'Zhicheng', True)
>>> name_parts("Romero, C.")
('Romero', 'C.', False)
>>> split_pages("135-143")
('135', '143')
>>> date_parts("2019-06-08")
[2019, 6, 8]
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .. import recache
from ..model import Reference, Snapshot
from ..references.names import PARTICLES, is_chinese_name
from ..references.urls import characters_changed
from ..references.vocabulary import ORGANISATION_WORDS

__all__ = [
    "name_parts",
    "is_literal_name",
    "split_pages",
    "date_parts",
    "notes_for",
    "printed_notes",
    "diagnostics",
    "usable_url",
    "valid_text",
]

_INITIALS = recache.compile(r"^(?:[A-Z]\.?-?){1,3}$")
_SURROGATE = recache.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` as valid Unicode: surrogate pairs joined, lone surrogates replaced by U+FFFD.

    Text decoded with ``surrogateescape`` or cut from JSON can hold lone surrogates, which
    no UTF-8 writer accepts; an export must always be writable.

    >>> valid_text("a\\ud800b") == "a\\ufffdb", valid_text("\\ud83d\\ude00") == "\\U0001f600"
    (True, True)
    """
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def is_literal_name(name: str) -> bool:
    """An organisation or a name that must not be split ("U.S. Army Corps of Engineers",
    "International Energy Agency", "IRENA", "国家统计局").

    >>> is_literal_name("World Bank"), is_literal_name("IRENA"), is_literal_name("Kevin P. Gallagher")
    (True, True, False)
    """
    words = name.split()
    if "," in name:
        return False
    if ORGANISATION_WORDS.search(name) or (len(words) == 1 and name.isupper() and len(name) > 1):
        return True
    lower = [w for w in words if w[:1].islower() and w.lower() not in PARTICLES]
    return len(words) >= 4 or bool(lower) or len(words) == 1 and not is_chinese_name(name)


def name_parts(name: str) -> tuple[str, str, bool]:
    """(family, given, chinese) of a name as stored in a Reference."""
    name = " ".join(name.split())
    if "," in name:
        fam, giv = name.split(",", 1)
        return fam.strip(), giv.strip(), False
    if is_chinese_name(name):
        fam, giv = name.split(" ", 1)
        return fam, giv, True
    words = name.split()
    if len(words) >= 2 and _INITIALS.match(words[-1]) and not _INITIALS.match(words[0]):
        return " ".join(words[:-1]), words[-1], False  # Vancouver "Peters OA"
    if len(words) == 1:
        return name, "", False
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    return " ".join(words[i:]), " ".join(words[:i]), False


def split_pages(pages: str | None) -> tuple[str | None, str | None]:
    if not pages:
        return None, None
    m = re.match(r"^\s*([\w]+)\s*[-–—]+\s*([\w]+)\s*$", pages)
    if m:
        return m.group(1), m.group(2)
    return pages.strip(), None


def date_parts(iso: str | None) -> list[int] | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-") if p.isdigit()]
    return parts or None


def usable_url(ref: Reference) -> str | None:
    """The URL to export as a link: only a complete repair, never a partial guess."""
    if ref.url is not None and ref.url.complete and ref.url.repaired:
        return ref.url.repaired
    return None


def printed_notes(ref: Reference, archived: Mapping[str, Snapshot] | None = None) -> list[str]:
    """What a bibliography prints in a note: where the archived copy is (from a verification)
    and, for a reference that could not be parsed, its text as printed."""
    notes: list[str] = []
    snapshot = (archived or {}).get(ref.key)
    if snapshot is not None:
        notes.append(f"Archived copy of {snapshot.day}: {snapshot.url}")
    if not ref.title:
        notes.append(" ".join(ref.raw.split())[:500])
    return [n for n in notes if n]


def diagnostics(ref: Reference) -> list[str]:
    """What citecheck has to say about a reference: what is missing, damaged or unconfirmed.

    These are for the person checking the bibliography, never printed in it: BibTeX gets
    them as comments before the entry, CSL-JSON in its non-printing ``custom`` object.
    """
    notes: list[str] = []
    url = ref.url
    if url is not None and characters_changed(url):
        notes.append(
            f"URL altered in the source (characters changed): probably {url.repaired}, printed {url.raw}"
        )
    elif url is not None and not url.complete:
        partial = url.repaired or url.raw
        notes.append(f"URL incomplete in the source (characters lost): {partial}")
    elif url is not None and url.candidates and url.candidates[0] != url.repaired:
        others = ", ".join(url.candidates[1:4])
        notes.append(
            f"URL not confirmed: possibly {url.candidates[0]}"
            + (f" (other candidates: {others})" if others else "")
        )
    for w in ref.warnings:
        if w.startswith("URL incomplete"):
            continue
        notes.append(w)
    if not ref.title:
        notes.append("unparsed reference: the note prints its text as the source has it")
    return notes


def notes_for(ref: Reference, archived: Mapping[str, Snapshot] | None = None) -> list[str]:
    """Printed notes and diagnostics together, for formats whose notes are not printed (RIS)."""
    return printed_notes(ref, archived) + diagnostics(ref)
