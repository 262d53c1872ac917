"""BibTeX and BibLaTeX through bibtexparser v2.

Every value is escaped so that the output always reads back (braces, ``\\``, ``%``, ``&``,
``#``, ``_``, ``$``, ``~``, ``^``; ``@`` is wrapped in braces). A URL is written only when
its repair is complete. What citecheck has to say about an entry (a damaged URL, a field it
could not find) is a ``% citecheck:`` comment before the entry, never in a printed field; an
access date is ``urldate`` (and "Accessed …" in the note where a style would not print it).
Chinese names are written "Family, Given" so BibTeX styles do not invert them.

>>> from citecheck.model import Reference
>>> r = Reference(key="wu2021correct", entry_type="article", raw="", authors=("Wu Zhicheng",),
...               title="A & B", container="Studies", year=2021, issue="3", pages="23")
>>> print(to_bibtex([r]).strip())
@article{wu2021correct,
  author = {Wu, Zhicheng},
  title = {A \\& B},
  journal = {Studies},
  year = {2021},
  number = {3},
  pages = {23}
}
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .. import recache
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

__all__ = ["to_bibtex", "to_biblatex", "escape_latex"]

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "@": "{@}",
}
_ESC_RE = recache.compile(r"[\\{}%&#_$~^@]")


def escape_latex(text: str) -> str:
    """Escape LaTeX/BibTeX special characters; the result has balanced braces."""
    return _ESC_RE.sub(lambda m: _ESCAPES[m.group(0)], " ".join(text.split()))


def _escape_url(url: str) -> str:
    # url fields are verbatim in biblatex; only braces and spaces would break the entry
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20").replace("\\", "%5C")


def _person(name: str) -> str:
    if is_literal_name(name):
        return "{" + escape_latex(name) + "}"
    fam, giv, _ = name_parts(name)
    fam_e = escape_latex(fam)
    if " and " in f" {fam} " or " and " in f" {giv} ":
        fam_e = "{" + fam_e + "}"
    return f"{fam_e}, {escape_latex(giv)}" if giv else fam_e


def _people(names: tuple[str, ...], et_al: bool = False) -> str | None:
    if not names:
        return None
    out = [_person(n) for n in names]
    if et_al:
        out.append("others")
    return " and ".join(out)


_BIBTEX_TYPES = {
    "article": "article",
    "newspaper": "article",
    "news": "misc",
    "webpage": "misc",
    "report": "techreport",
    "document": "misc",
    "book": "book",
    "chapter": "incollection",
    "thesis": "phdthesis",
    "conference": "inproceedings",
    "misc": "misc",
}
_BIBLATEX_TYPES = {
    "article": "article",
    "newspaper": "article",
    "news": "online",
    "webpage": "online",
    "report": "report",
    "document": "misc",
    "book": "book",
    "chapter": "incollection",
    "thesis": "thesis",
    "conference": "inproceedings",
    "misc": "misc",
}


def _title(ref: Reference) -> str | None:
    """The escaped title, each word whose case the source protected in braces again (``{Chile}``)."""
    if not ref.title:
        return None
    title = escape_latex(ref.title)
    for words in ref.case_protected:
        escaped = escape_latex(words)
        if escaped:
            title = re.sub(
                r"(?<![\w{])" + re.escape(escaped) + r"(?![\w}])", lambda _m, e=escaped: "{" + e + "}", title
            )
    return title


def _head_fields(ref: Reference) -> list[tuple[str, str | None]]:
    """Author, editor and title: the same in BibTeX and BibLaTeX."""
    return [
        ("author", _people(ref.authors, ref.et_al)),
        ("editor", _people(ref.editors)),
        ("title", _title(ref)),
    ]


def _locator_fields(ref: Reference, etype: str, url: str | None) -> list[tuple[str, str | None]]:
    """Volume to URL: the same field names and escaping in BibTeX and BibLaTeX."""
    return [
        ("volume", escape_latex(ref.volume) if ref.volume else None),
        ("number", escape_latex(ref.issue) if ref.issue else None),
        ("pages", escape_latex(ref.pages).replace("-", "--") if ref.pages else None),
        ("edition", escape_latex(ref.edition) if ref.edition and etype in ("book", "collection") else None),
        ("doi", _escape_url(ref.doi) if ref.doi else None),
        ("isbn", escape_latex(ref.isbn) if ref.isbn else None),
        ("url", _escape_url(url) if url else None),
    ]


def _fields_bibtex(ref: Reference, archived=None) -> tuple[str, list[tuple[str, str]]]:
    etype = _BIBTEX_TYPES.get(ref.entry_type, "misc")
    url = usable_url(ref)
    f = _head_fields(ref)
    cont = escape_latex(ref.container) if ref.container else None
    if etype == "article":
        f.append(("journal", cont))
    elif etype in ("incollection", "inproceedings"):
        f.append(("booktitle", cont))
    elif etype == "techreport":
        f.append(("institution", cont or (escape_latex(ref.publisher) if ref.publisher else None)))
    elif etype == "phdthesis":
        f.append(("school", cont or (escape_latex(ref.publisher) if ref.publisher else None)))
    elif etype == "misc":
        f.append(("howpublished", cont))
    if etype not in ("techreport", "phdthesis"):
        f.append(("publisher", escape_latex(ref.publisher) if ref.publisher else None))
    f.append(("address", escape_latex(ref.location) if ref.location else None))
    parts = date_parts(ref.date) or ([ref.year] if ref.year else None)
    if parts:
        f.append(("year", str(parts[0])))
        if len(parts) > 1:
            f.append(("month", str(parts[1])))
        if len(parts) > 2:
            f.append(("day", str(parts[2])))
    f += _locator_fields(ref, etype, url)
    f.append(("urldate", escape_latex(ref.access_date) if ref.access_date else None))
    notes = [escape_latex(n) for n in printed_notes(ref, archived)]
    if ref.access_date:
        notes.insert(0, f"Accessed {escape_latex(ref.access_date)}")  # classic styles print no urldate
    f.append(("note", ". ".join(notes) if notes else None))
    return etype, [(k, v) for k, v in f if v]


#: the entry types whose biblatex data model has a ``publisher`` field, and those with ``pages``
_HAS_PUBLISHER = frozenset({"book", "collection", "incollection", "inbook", "inproceedings", "proceedings"})
_HAS_PAGES = frozenset(
    {
        "article",
        "book",
        "collection",
        "incollection",
        "inbook",
        "inproceedings",
        "proceedings",
        "report",
        "thesis",
    }
)
#: Reference.language -> biblatex langid
_LANGIDS = {
    "zh": "chinese",
    "en": "english",
    "es": "spanish",
    "pt": "portuguese",
    "fr": "french",
    "de": "german",
}


def _biblatex_type(ref: Reference, url: str | None) -> str:
    """The biblatex entry type: an edited volume without authors is a @collection, a chapter
    whose book is unknown a @book, a web page without a usable URL a @misc."""
    etype = _BIBLATEX_TYPES.get(ref.entry_type, "misc")
    if etype == "online" and url is None:
        etype = "misc"  # @online needs a url; a damaged one is only a note
    if etype == "book" and ref.editors and not ref.authors:
        etype = "collection"
    if etype == "incollection" and not ref.container:
        etype = "collection" if ref.editors and not ref.authors else "book"
    if etype == "inproceedings" and not ref.container:
        etype = "misc"  # a paper read at a meeting whose proceedings are not named
    return etype


def _institution(ref: Reference) -> str | None:
    """Who issued a report or a thesis: the container, the publisher, or a corporate author."""
    who = ref.container or ref.publisher
    if who is None and len(ref.authors) == 1 and is_literal_name(ref.authors[0]):
        who = ref.authors[0]
    return escape_latex(who) if who else None


def _fields_biblatex(ref: Reference, archived=None) -> tuple[str, list[tuple[str, str]]]:
    url = usable_url(ref)
    etype = _biblatex_type(ref, url)
    cont = escape_latex(ref.container) if ref.container else None
    publisher = escape_latex(ref.publisher) if ref.publisher else None
    f = _head_fields(ref)
    if etype == "article":
        f.append(("journaltitle", cont))
        if ref.entry_type == "newspaper":
            f.append(("entrysubtype", "newspaper"))
    elif etype in ("incollection", "inproceedings"):
        f.append(("booktitle", cont))
    elif etype in ("report", "thesis"):
        f.append(("institution", _institution(ref)))
        f.append(("type", "techreport" if etype == "report" else "phdthesis"))
    elif etype in ("online", "misc"):
        f.append(("organization", cont or (publisher if etype == "misc" else None)))
        if ref.entry_type in ("news", "webpage", "document"):
            f.append(("entrysubtype", ref.entry_type))
    if etype in _HAS_PUBLISHER:
        f.append(("publisher", publisher))
    locators = _locator_fields(ref, etype, url)
    if etype not in _HAS_PAGES:
        locators = [(k, v) for k, v in locators if k != "pages"]
    f += [
        ("location", escape_latex(ref.location) if ref.location else None),
        ("date", ref.date or (str(ref.year) if ref.year else None)),
        *locators,
        ("urldate", escape_latex(ref.access_date) if ref.access_date else None),
        ("langid", _LANGIDS.get(ref.language or "")),
    ]
    notes = [escape_latex(n) for n in printed_notes(ref, archived)]
    if ref.access_date and not url:
        notes.insert(0, f"Accessed {escape_latex(ref.access_date)}")  # styles print urldate only with a url
    if etype not in _HAS_PAGES and ref.pages:
        notes.append(f"p. {escape_latex(ref.pages)}")
    f.append(("note", ". ".join(notes) if notes else None))
    return etype, [(k, v) for k, v in f if v]


_COMMENT_PREFIX = "% citecheck: "


def _comment(lines: list[str]) -> str:
    """Diagnostics as comment lines; no ``@`` (BibTeX would start an entry there) and one line each."""
    return "\n".join(_COMMENT_PREFIX + " ".join(line.split()).replace("@", "%40") for line in lines)


def entries(refs: list[Reference], fields_of, archived=None):
    """Each reference as ``(comment lines, entry type, key, [(field, value), ...])``, with keys
    made unique and safe, in order; what both writers (text and bibtexparser) are built from."""
    used: set[str] = set()
    for i, ref in enumerate(refs):
        key = ref.key or f"ref{i + 1}"
        key = re.sub(r"[^\w:.\-]", "", key) or f"ref{i + 1}"
        while key in used:
            key += "x"
        used.add(key)
        etype, fields = fields_of(ref, archived)
        yield diagnostics(ref), etype, key, fields


def _entry_text(etype: str, key: str, fields: list[tuple[str, str]]) -> str:
    """One entry as bibtexparser v2 writes it with two-space indent and every value in braces."""
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{etype}{{{key},\n{body}\n}}\n" if fields else f"@{etype}{{{key},\n}}\n"


def _write(refs: list[Reference], fields_of, archived=None) -> str:
    """The entries as text, one block at a time: no library of entries is built and copied
    (bibtexparser's writer deep-copies its whole library first), so time and memory stay
    linear. The text is the one bibtexparser writes with two-space indent and blank-line
    separators (pinned by a test against it)."""
    blocks: list[str] = []
    for said, etype, key, fields in entries(refs, fields_of, archived):
        if said:
            blocks.append(_comment(said) + "\n")
        blocks.append(_entry_text(etype, key, fields))
    return valid_text("\n".join(blocks))


def to_bibtex(refs: list[Reference], archived: Mapping[str, Snapshot] | None = None) -> str:
    """Classic BibTeX (@article, @misc with howpublished/url/note, @techreport, ...)."""
    return _write(refs, _fields_bibtex, archived)


def to_biblatex(refs: list[Reference], archived: Mapping[str, Snapshot] | None = None) -> str:
    """BibLaTeX (@article with journaltitle, @online with url + urldate, @report, ...)."""
    return _write(refs, _fields_biblatex, archived)
