"""A user's existing .bib file read into References (their keys are kept).

Parsed with bibtexparser v2 and its LaTeX decoding middleware, so ``\\&`` becomes ``&``,
``{\\"u}`` becomes ``ü`` and ``\\{x\\}`` stays ``{x}``; the words of a title whose case
braces protect (``{Chile}``) are kept in ``case_protected``, so an export protects them again.
Entry types map back to citecheck's ("@online" -> "webpage", "@article" with
``entrysubtype = newspaper`` -> "newspaper"). What cannot be
read (a broken entry) becomes a warning on the nearest reference or is reported through
:class:`~citecheck.errors.InputError` when nothing at all can be read.

>>> refs = references_from_bibtex('@article{wu2021, author={Wu, Zhicheng}, title={A \\\\& B}, year=2021}')
>>> refs[0].key, refs[0].authors, refs[0].title, refs[0].year
('wu2021', ('Wu Zhicheng',), 'A & B', 2021)
"""

from __future__ import annotations

import contextlib
import logging
import re

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware

from .. import recache
from ..errors import InputError
from ..model import Reference, Span, Url
from .names import is_chinese_name
from .urls import repair_url


def _number(text: str) -> int | None:
    """A month or day field as a number: any digits Unicode maps to decimal ones (``²``), else None."""
    from ..document.markers import decimal_value

    return decimal_value(text, 2)


__all__ = ["references_from_bibtex"]

_TYPES = {
    "article": "article",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "techreport": "report",
    "report": "report",
    "book": "book",
    "mvbook": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "misc": "misc",
    "unpublished": "misc",
    "manual": "report",
    "booklet": "book",
    "patent": "document",
}


# biblatex entrysubtype values citecheck writes for its own types
_SUBTYPES = {"news": "news", "webpage": "webpage", "document": "document"}


def _plain(value: str | None) -> str | None:
    """A decoded field as plain text. The LaTeX decoding already dropped grouping braces; a
    brace left is a literal one the file escaped (``\\{x\\}``) and is kept."""
    if value is None:
        return None
    # pylatexenc reads \textasciicircum as U+02C6; the escape stands for a plain caret
    text = str(value).replace("\u02c6", "^")
    text = " ".join(text.split())
    return text or None


def _brace_groups(raw: str) -> list[str]:
    """The top-level ``{…}`` groups of a field as written that are not a command's argument
    (``\\emph{x}``) nor an accent group (``{\\'E}``), in order."""
    groups: list[str] = []
    depth, start, i, after_command = 0, -1, 0, False
    while i < len(raw):
        c = raw[i]
        if c == "\\":
            j = i + 1
            while j < len(raw) and raw[j].isalpha():
                j += 1
            after_command = j > i + 1  # a control word takes the group after it as its argument
            i = max(j, i + 2)
            continue
        if c == "{":
            if depth == 0:
                start = -1 if after_command else i + 1
            depth += 1
        elif c == "}" and depth > 0:
            depth -= 1
            if depth == 0 and start >= 0 and not raw[start:i].lstrip().startswith("\\"):
                groups.append(raw[start:i])
        if not c.isspace():
            after_command = False
        i += 1
    return groups


def _case_protected(raw_title: str | None) -> tuple[str, ...]:
    """The words of a title whose case the .bib protects with braces: ``{Chile}``, ``{NASA}``.

    >>> _case_protected(r"Trade with {Chile}, \\emph{Growth} and {\\'E}cole {de} {NASA}")
    ('Chile', 'NASA')
    """
    if not raw_title:
        return ()
    from pylatexenc.latex2text import LatexNodes2Text

    decoder = LatexNodes2Text()
    found = []
    for group in _brace_groups(raw_title):  # bibtexparser gives the value without its delimiters
        text = " ".join(decoder.latex_to_text(group).split())
        if any(ch.isupper() for ch in text):
            found.append(text)
    return tuple(dict.fromkeys(found))


def _name(bib_name: str) -> str:
    """A BibTeX name back to citecheck's form: 'Wu, Zhicheng' -> 'Wu Zhicheng' (Chinese order)."""
    name = " ".join(bib_name.replace("{", "").replace("}", "").split())
    if "," in name:
        fam, giv = (x.strip() for x in name.split(",", 1))
        if is_chinese_name(f"{fam} {giv}"):
            return f"{fam} {giv}"
        return f"{fam}, {giv}" if giv else fam
    return name


def _names(value: str | None) -> tuple[tuple[str, ...], bool]:
    if not value:
        return (), False
    parts = [p for p in re.split(r"\s+and\s+", " ".join(str(value).split())) if p]
    et_al = bool(parts) and parts[-1].strip().lower() == "others"
    if et_al:
        parts = parts[:-1]
    return tuple(_name(p) for p in parts if p.strip()), et_al


def _date(fields: dict[str, str]) -> tuple[str | None, int | None]:
    date = fields.get("date")
    if date:
        m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", date)
        if m:
            y, mo, d = m.groups()
            iso = y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")
            return iso, int(y)
    year = fields.get("year")
    if not year or not re.match(r"\d{4}", year):
        return None, None
    y = year[:4]
    month = fields.get("month", "")
    mo = None
    if _number(month) is not None and 1 <= _number(month) <= 12:
        mo = _number(month)
    else:
        from .dates import MONTHS

        mo = MONTHS.get(month.strip().lower()[:3]) if month else None
    day = fields.get("day", "")
    iso = y
    if mo:
        iso += f"-{mo:02d}"
        if _number(day) is not None and 1 <= _number(day) <= 31:
            iso += f"-{_number(day):02d}"
    return iso, int(y)


_TEX_ESCAPED = recache.compile(r"\\([&%#_~$])")


def _verbatim(value: str | None) -> str | None:
    """A verbatim field (url, doi) as written: no LaTeX decoding, so ``&``, ``%`` and ``~`` stay.

    Only the outer braces and the backslash of ``\\&``/``\\%``/``\\_`` (which plain
    BibTeX users write) are dropped; a URL never holds a backslash.

    >>> _verbatim(r"{http://a.org/?x=1&y=2\\%20}")
    'http://a.org/?x=1&y=2%20'
    """
    if value is None:
        return None
    text = value.strip()
    while text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    return " ".join(_TEX_ESCAPED.sub(r"\1", text).split()) or None


def _url(value: str | None) -> Url | None:
    if not value:
        return None
    raw = " ".join(value.split())
    if re.match(r"https?://\S+$", raw) and not any(c in raw for c in "ÿŷŸ…"):
        return Url(raw=raw, repaired=raw, complete=True)
    return repair_url(raw)


@contextlib.contextmanager
def quiet_bibtexparser():
    """bibtexparser logs what it skips (a broken block, several lines on stderr through Python's
    last-resort handler); citecheck reads ``failed_blocks`` and says it in one warning instead, so
    the records of the library's loggers are dropped for the call (restored after)."""
    logger = logging.getLogger("bibtexparser")
    sink = logging.NullHandler()
    before = logger.propagate
    logger.addHandler(sink)  # a handler found: no last-resort print to stderr
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(sink)
        logger.propagate = before


def _block_warning(block) -> str:
    """What a block bibtexparser could not use means to the user, in one line."""
    line = f"line {block.start_line + 1}" if block.start_line is not None else "an entry"
    key = getattr(block, "key", None)
    if type(block).__name__ == "DuplicateBlockKeyBlock" and key:
        return f"{line}: a second entry with the key {key} was skipped (keys must be unique)"
    reason = getattr(getattr(block, "error", None), "abort_reason", None) or "not valid BibTeX"
    return f"{line}: an entry that is not valid BibTeX was skipped ({' '.join(str(reason).split())})"


def _attach_skipped(refs: list[Reference], failed) -> list[Reference]:
    """Each skipped block becomes a warning on the reference read just before it (the first one
    when it comes before every reference): a reader sees what is missing, beside where it was."""
    import dataclasses

    for block in failed:
        at = block.start_line + 1 if block.start_line is not None else 0
        index = 0
        for i, ref in enumerate(refs):
            if ref.span is not None and ref.span.start_line <= at:
                index = i
        ref = refs[index]
        refs[index] = dataclasses.replace(ref, warnings=(*ref.warnings, _block_warning(block)))
    return refs


def references_from_bibtex(text: str) -> list[Reference]:
    """Every entry of a .bib text as a Reference; raises InputError when there is none.

    A block that cannot be read (broken syntax, a key used twice) is skipped and said as a
    warning on the nearest reference (``line 6: a second entry with the key … was skipped``).
    """
    try:
        with quiet_bibtexparser():
            library = bibtexparser.parse_string(text)
        # url and doi are verbatim in .bib files: read them before LaTeX decoding ("&", "%", "~")
        verbatim = [
            {
                k.lower(): str(v.value)
                for k, v in e.fields_dict.items()
                if k.lower() in ("url", "doi", "howpublished", "title")
            }
            for e in library.entries
        ]
        with quiet_bibtexparser():
            library = LatexDecodingMiddleware().transform(library)
    except Exception as exc:  # bibtexparser raises several types on broken input
        raise InputError(f"cannot read this BibTeX file ({type(exc).__name__}: {exc})") from None
    refs: list[Reference] = []
    lines = text.splitlines()
    for entry, verb in zip(library.entries, verbatim, strict=True):
        f = {k.lower(): _plain(v.value) or "" for k, v in entry.fields_dict.items()}
        raw_f = {k.lower(): str(v.value) for k, v in entry.fields_dict.items()}
        etype = _TYPES.get(entry.entry_type.lower(), "misc")
        subtype = f.get("entrysubtype", "").lower()
        if etype == "article" and subtype == "newspaper":
            etype = "newspaper"
        elif etype in ("misc", "webpage") and subtype in _SUBTYPES:
            etype = _SUBTYPES[subtype]
        authors, et_al = _names(raw_f.get("author"))
        editors, _ = _names(raw_f.get("editor"))
        date, year = _date(f)
        container = (
            f.get("journaltitle")
            or f.get("journal")
            or f.get("booktitle")
            or f.get("howpublished")
            or f.get("organization")
            or f.get("institution")
            or f.get("school")
            or None
        )
        if container and (
            re.match(r"\\url", container)
            or (container == f.get("howpublished") and re.match(r"\s*\\url", verb.get("howpublished", "")))
        ):
            container = None  # "howpublished = {\url{...}}" is a link, not a container
        url_text = _verbatim(verb.get("url")) or None
        if not url_text and "howpublished" in verb:
            m = re.search(r"\\url\{([^}]*)\}", verb["howpublished"])
            url_text = _verbatim(m.group(1)) if m else None
        start = entry.start_line + 1 if entry.start_line is not None else None
        span = None
        if start is not None:
            end = start
            raw_block = entry.raw or ""
            end = start + max(0, raw_block.count("\n"))
            span = Span(start, min(end, max(len(lines), start)))
        warnings = []
        if not f.get("title"):
            warnings.append("no title found")
        refs.append(
            Reference(
                key=entry.key,
                entry_type=etype,
                raw=entry.raw or "",
                span=span,
                authors=authors,
                et_al=et_al,
                editors=editors,
                title=f.get("title") or None,
                container=container,
                publisher=f.get("publisher") or None,
                location=f.get("address") or f.get("location") or None,
                year=year,
                date=date,
                volume=f.get("volume") or None,
                issue=f.get("number") or f.get("issue") or None,
                pages=re.sub(r"\s*(?:--|[–—])\s*", "-", f.get("pages") or "") or None,
                edition=f.get("edition") or None,
                url=_url(url_text),
                access_date=f.get("urldate") or None,
                doi=_verbatim(verb.get("doi")) or None,
                isbn=f.get("isbn") or None,
                language=f.get("langid") or f.get("language") or None,
                warnings=tuple(warnings),
                case_protected=_case_protected(verb.get("title")),
            )
        )
    if not refs:
        if library.failed_blocks:
            raise InputError(f"no readable entry in this BibTeX file ({len(library.failed_blocks)} broken)")
        raise InputError("no BibTeX entries found")
    return _attach_skipped(refs, library.failed_blocks)
