"""Reading a paper from disk: the only module of ``citecheck.document`` that touches files.

Bytes are decoded as UTF-8 (with or without BOM), UTF-16 with a BOM, GB18030 or Latin-1
(Windows-1252). A PDF is read from its layout (:mod:`.pdf`: footnote areas, superscript
call-outs, running headers); one whose layout shows no notes is read as PDF-extracted text.
With ``format="text"`` (or another text format) a PDF is flattened by pypdf instead, as
before. A Word file (.docx) is read by :mod:`.docx`. Empty, binary, encrypted, scanned and
oversized files are refused with a one-line :class:`InputError`.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "paper.txt"
>>> _ = p.write_bytes("ÿ «标题», Xinhua News Agency, June 8, 2019\\n".encode("gb18030"))
>>> load_document(p).encoding
'gb18030'
"""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path

from .. import recache
from ..errors import InputError
from ..model import Document
from .reader import read_document

#: Largest paper read (bytes). Papers are far smaller; a bigger file is almost surely not one.
MAX_BYTES = 20 * 1024 * 1024

_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (
        b"\xd0\xcf\x11\xe0",
        "an old binary Word (.doc) file or a password-protected Office document; "
        "save it as .docx (without a password), PDF or plain text",
    ),
    (b"\x1f\x8b", "a gzip archive"),
)
_CJK = recache.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        gb = None
    if gb is not None and _looks_chinese(gb):
        return gb, "gb18030"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes most Latin-1 too: real Chinese has CJK runs, not CJK islands inside Latin words."""
    hits = [m.start() for m in _CJK.finditer(text)]
    if not hits:
        return False
    islands = 0
    for i in hits:
        left = text[i - 1] if i > 0 else " "
        right = text[i + 1] if i + 1 < len(text) else " "
        if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
            islands += 1
    return islands / len(hits) < 0.3


def _binary_reason(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if b"\x00" in sample:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if sample and controls / len(sample) > 0.1:
        return "binary data"
    return None


def _pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = [(page.extract_text() or "") for page in reader.pages]
    except Exception as exc:  # pypdf raises many types on damaged files
        raise InputError(
            f"{name}: cannot read this PDF ({type(exc).__name__}); convert it to text first"
        ) from None
    return "\f".join(pages)


def _layout_pdf(data: bytes, name: str) -> Document:
    from .pdf import read_pdf

    try:
        doc = read_pdf(data, path=name)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    except Exception as exc:  # the PDF library raises many types on damaged files
        raise InputError(f"{name}: cannot read this PDF ({type(exc).__name__})") from None
    if doc.notes:
        return doc
    # no footnote area, endnotes or raised call-outs: the text may still number its notes
    flat = read_document(doc.text, format="text", path=name, encoding="pdf")
    if flat.notes:
        return replace(
            flat, warnings=(*flat.warnings, "no footnote area in the layout; notes read from the text")
        )
    return doc


def _docx(data: bytes, name: str) -> Document:
    from .docx import read_docx

    try:
        return read_docx(data, path=name)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None


def load_document(path: str | os.PathLike, *, format: str = "auto") -> Document:
    """Read a paper file into a Document; raises :class:`InputError` with a one-line reason."""
    p = Path(path)
    name = str(p)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if p.is_dir():
        raise InputError(f"{name} is a directory, not a paper")
    if size > MAX_BYTES:
        raise InputError(
            f"{name} is {size / 1024 / 1024:.1f} MB; citecheck reads papers up to {MAX_BYTES // 1024 // 1024} MB"
        )
    try:
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name} is larger than {MAX_BYTES // 1024 // 1024} MB; citecheck reads papers up to that size"
        )
    if not data.strip():
        raise InputError(f"{name} is empty")
    reason = _binary_reason(data)
    if reason == "pdf" and format == "auto":
        return _layout_pdf(data, name)
    if reason == "zip":
        return _docx(data, name)
    if reason == "pdf":
        text, encoding = _pdf_text(data, name), "pdf"
        if format == "auto":
            format = "text"
    elif reason is not None:
        raise InputError(f"{name} is not a text file: it looks like {reason}")
    else:
        text, encoding = _decode(data)
    if not text.strip():
        raise InputError(f"{name} holds no text")
    return read_document(text, format=format, path=name, encoding=encoding)
