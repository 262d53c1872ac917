"""Word (.docx) papers: body, footnotes and endnotes with their reference marks.

The parts are read with :mod:`zipfile` and :mod:`xml.etree.ElementTree`: ``word/document.xml``
(the body: paragraphs, tables, content controls), ``word/footnotes.xml`` and
``word/endnotes.xml`` (one ``w:footnote``/``w:endnote`` per note, found by the ``w:id`` its
reference mark in the body names). Tracked changes are read as accepted (``w:ins`` and
``w:moveTo`` kept, ``w:del`` and ``w:moveFrom`` dropped); field codes are skipped and their
shown text kept. A hyperlink whose shown text is a shortened URL (``example.org/report``,
``…/2021/solar``) is written as its full target from the part's relationships.

The document text is built like the PDF reader's: body paragraphs one per line, each
reference mark written as superscript digits of its printed number (Word numbers notes in
the order their marks appear), then the notes, one per line. A document without notes falls
back to the entries under a reference-list heading at its end.

>>> import io, zipfile
>>> W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
>>> body = (f'<w:document {W}><w:body><w:p><w:r><w:t>Solar grew 13%.</w:t></w:r>'
...         '<w:r><w:footnoteReference w:id="2"/></w:r></w:p></w:body></w:document>')
>>> notes = (f'<w:footnotes {W}><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
...          '<w:r><w:t xml:space="preserve"> Xinhua, June 8, 2019.</w:t></w:r></w:p></w:footnote></w:footnotes>')
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("word/document.xml", body); z.writestr("word/footnotes.xml", notes)
>>> doc = read_docx(buf.getvalue())
>>> doc.text
'Solar grew 13%.¹\\n\\n¹ Xinhua, June 8, 2019.\\n'
>>> [(n.id, n.number, n.text) for n in doc.notes], [(m.raw, m.number) for m in doc.markers]
([('fn1', 1, 'Xinhua, June 8, 2019.')], [('¹', 1)])
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from .. import recache
from ..errors import InputError
from ..model import Document, Marker, Note, Page, Span
from .markdown import note_id_for

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
#: Largest XML part read (bytes, uncompressed): a zip bomb is refused, not inflated.
MAX_PART = 64 * 1024 * 1024
#: Elements whose content is dropped: deleted text, moved-away text, field codes, drawings.
_DROPPED = frozenset(
    W + t for t in ("del", "moveFrom", "instrText", "delInstrText", "rPr", "pPr", "drawing", "pict", "object")
)
#: Headings that open a reference list (compared in lower case).
REFERENCE_HEADINGS = frozenset(
    {
        "references",
        "bibliography",
        "works cited",
        "literature cited",
        "sources",
        "notes",
        "endnotes",
        "referencias",
        "referencias bibliográficas",
        "bibliografía",
        "referências",
        "bibliografia",
        "literatur",
        "literaturverzeichnis",
    }
)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_URLISH = recache.compile(
    r"^(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?$|^\S*(?:…|\.\.\.)\S*$", re.I
)
_ENTRY_NUMBER = recache.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+")
_BRACKET_CITE = recache.compile(r"\[(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\]")


class DocxError(InputError):
    """The .docx cannot be read (damaged zip, not a Word document, too large a part)."""


@dataclass
class _Para:
    text: str = ""
    marks: list[tuple[int, int, str, str]] = field(default_factory=list)  # (start, end, kind, id)
    style: str = ""


def _shortened(shown: str, target: str) -> bool:
    """The shown text of a link is a shortened form of its target URL."""
    shown = shown.strip()
    if not shown or shown == target or not _URLISH.match(shown):
        return False
    bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", target, flags=re.I)
    core = re.sub(r"^(?:https?://)?(?:www\.)?", "", shown, flags=re.I).replace("…", "").replace("...", "")
    return bool(core) and (bare.startswith(core.split("/")[0]) or "…" in shown or "..." in shown)


class _PartReader:
    """Walks one XML part's paragraphs, keeping what a reader sees."""

    def __init__(self, rels: dict[str, str]):
        self.rels = rels

    def paragraph(self, p: ET.Element) -> _Para:
        para = _Para()
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None:
            para.style = style.get(f"{W}val", "")
        self._walk(p, para, shown=[True])
        para.text = para.text.replace("\u00a0", " ")
        return para

    def _walk(self, el: ET.Element, para: _Para, shown: list[bool]) -> None:
        for child in el:
            tag = child.tag
            if tag in _DROPPED:
                continue
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    shown.append(False)  # the field code, until "separate"
                elif kind == "separate" and len(shown) > 1:
                    shown[-1] = True
                elif kind == "end" and len(shown) > 1:
                    shown.pop()
                continue
            if not shown[-1]:
                if len(child):
                    self._walk(child, para, shown)
                continue
            if tag == W + "t":
                para.text += child.text or ""
            elif tag in (W + "tab", W + "br", W + "cr"):
                para.text += " "
            elif tag == W + "noBreakHyphen":
                para.text += "-"
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                kind = "fn" if tag == W + "footnoteReference" else "en"
                start = len(para.text)
                para.marks.append((start, start, kind, child.get(W + "id", "")))
            elif tag == W + "hyperlink":
                start = len(para.text)
                self._walk(child, para, shown)
                target = self.rels.get(child.get(R + "id", ""), "")
                shown_text = para.text[start:]
                if target and _shortened(shown_text, target):
                    para.text = para.text[:start] + target
            elif len(child):
                self._walk(child, para, shown)


def _xml(zf: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise DocxError(f"{name} inflates to {info.file_size // 1024 // 1024} MB; not a paper")
    data = zf.read(info)
    if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data[:4096]:
        raise DocxError(f"{name} declares a DTD; a Word document never does")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise DocxError(f"{name} is not well-formed XML ({exc})") from None


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, _, name = part.rpartition("/")
    root = _xml(zf, f"{folder}/_rels/{name}.rels")
    if root is None:
        return {}
    return {
        r.get("Id", ""): r.get("Target", "") for r in root.iter(_REL) if r.get("TargetMode") == "External"
    }


def _paragraphs(root: ET.Element, reader: _PartReader) -> list[_Para]:
    return [reader.paragraph(p) for p in root.iter(W + "p")]


def _notes(zf: zipfile.ZipFile, part: str, tag: str, doc_rels: dict[str, str]) -> dict[str, str]:
    """Note id -> its text (paragraphs joined), separators left out."""
    root = _xml(zf, part)
    if root is None:
        return {}
    reader = _PartReader({**doc_rels, **_rels(zf, part)})
    out = {}
    for note in root.iter(W + tag):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(p.text.strip() for p in _paragraphs(note, reader) if p.text.strip())
        out[note.get(W + "id", "")] = " ".join(text.split())
    return out


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise DocxError(f"not a readable .docx: the ZIP archive is damaged or truncated ({exc})") from None
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        if "content.xml" in names or "META-INF/container.xml" in names:
            raise DocxError("an OpenDocument or EPUB file; save the paper as .docx, PDF or plain text")
        raise DocxError("a ZIP archive but not a Word document (no word/document.xml)")
    return zf


def _is_heading(para: _Para) -> bool:
    text = para.text.strip().rstrip(":").lower()
    return text in REFERENCE_HEADINGS and (len(text) < 40)


def read_docx(data: bytes, *, path: str | None = None) -> Document:
    """Read a .docx (bytes) into a Document; raises :class:`DocxError` with a one-line reason."""
    zf = _open(data)
    try:
        root = _xml(zf, "word/document.xml")
        doc_rels = _rels(zf, "word/document.xml")
        footnotes = _notes(zf, "word/footnotes.xml", "footnote", doc_rels)
        endnotes = _notes(zf, "word/endnotes.xml", "endnote", doc_rels)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise DocxError(f"not a readable .docx: a part is damaged ({exc})") from None
    finally:
        zf.close()
    body_root = root.find(W + "body") if root is not None else None
    paras = _paragraphs(body_root if body_root is not None else root, _PartReader(doc_rels))
    return _assemble(paras, footnotes, endnotes, path)


def _assemble(
    paras: list[_Para], footnotes: dict[str, str], endnotes: dict[str, str], path: str | None
) -> Document:
    mixed = any(k == "fn" for p in paras for _, _, k, _ in p.marks) and any(
        k == "en" for p in paras for _, _, k, _ in p.marks
    )
    numbers: dict[tuple[str, str], int] = {}
    counters = {"fn": 0, "en": 0}
    for para in paras:
        for _, _, kind, nid in para.marks:
            if (kind, nid) not in numbers and nid in (footnotes if kind == "fn" else endnotes):
                counters[kind] += 1
                numbers[(kind, nid)] = counters[kind]
    reference_list: list[_Para] = []
    if not numbers:
        cut = next((i for i in range(len(paras) - 1, -1, -1) if _is_heading(paras[i])), None)
        if cut is not None:
            reference_list = [p for p in paras[cut + 1 :] if p.text.strip()]
            paras = paras[:cut]
    parts: list[str] = []
    offset = 0
    line = 1
    markers: list[Marker] = []
    numbered_list = bool(reference_list) and all(_ENTRY_NUMBER.match(p.text) for p in reference_list)
    for para in paras:
        text = para.text.strip()
        if not text and not para.marks:
            continue
        lead = len(para.text) - len(para.text.lstrip())
        pieces, pos, out_len = [], lead, 0
        spans = []
        for start, _, kind, nid in sorted(para.marks):
            number = numbers.get((kind, nid))
            if number is None:
                continue
            start = max(start, lead)
            pieces.append(para.text[pos:start])
            out_len += start - pos
            raw = str(number).translate(_SUPERSCRIPT)
            spans.append((out_len, out_len + len(raw), raw, None if mixed and kind == "en" else number))
            pieces.append(raw)
            out_len += len(raw)
            pos = start
        pieces.append(para.text[pos:])
        text = "".join(pieces).rstrip()
        for s, e, raw, number in spans:
            markers.append(
                Marker(
                    page=1,
                    order=len(markers) + 1,
                    raw=raw,
                    span=Span(line, line, offset + s, offset + e),
                    number=number,
                )
            )
        if numbered_list:
            for m in _BRACKET_CITE.finditer(text):
                for n in re.findall(r"\d+", m.group(1))[:1]:
                    markers.append(
                        Marker(
                            page=1,
                            order=len(markers) + 1,
                            raw=m.group(0),
                            span=Span(line, line, offset + m.start(), offset + m.end()),
                            number=int(n),
                        )
                    )
        parts.append(text + "\n\n")
        offset += len(text) + 2
        line += 2
    notes: list[Note] = []
    used: set[str] = set()
    entries: list[tuple[str, str, int | None, str]] = []  # (id label, marker, number, text)
    for (kind, nid), number in sorted(numbers.items(), key=lambda kv: (kv[0][0] != "fn", kv[1])):
        text = (footnotes if kind == "fn" else endnotes)[nid]
        label = str(number) if kind == "fn" or not mixed else f"en{number}"
        entries.append(
            (label, str(number).translate(_SUPERSCRIPT), None if mixed and kind == "en" else number, text)
        )
    for i, para in enumerate(reference_list, 1):
        m = _ENTRY_NUMBER.match(para.text)
        number = int(m.group(1) or m.group(2)) if m else None
        text = para.text[m.end() :] if m else para.text
        entries.append(
            (
                str(number or i) if numbered_list else f"ref{i}",
                m.group(0).strip() if m else "",
                number,
                " ".join(text.split()),
            )
        )
    for label, marker, number, text in entries:
        lead = f"{marker} " if marker else ""
        start = offset + len(lead)
        notes.append(
            Note(
                id=note_id_for(label, used),
                page=1,
                order=len(notes) + 1,
                marker=marker,
                text=text,
                span=Span(line, line, start, start + len(text)),
                number=number,
            )
        )
        parts.append(f"{lead}{text}\n")
        offset += len(lead) + len(text) + 1
        line += 1
    text = "".join(parts)
    return Document(
        text=text,
        format="docx",
        path=path,
        encoding="docx",
        pages=(Page(1, 1, max(line - 1, 1)),),
        notes=tuple(notes),
        markers=tuple(
            Marker(page=1, order=i, raw=mk.raw, span=mk.span, number=mk.number)
            for i, mk in enumerate(sorted(markers, key=lambda mk: mk.span.start), 1)
        ),
        warnings=() if notes else ("no footnotes, endnotes or reference list found",),
    )
