"""The characters of each PDF page with their position and size, read through pypdfium2.

A page comes back as a :class:`PageGlyphs`: one character per glyph in content-stream order
(``" "`` where the library saw a word gap, ``"\\n"`` where it saw a line end), with the
baseline origin and font size of each, and the thin horizontal rules drawn on the page (a
footnote separator is one). Coordinates are in points from the page's top-left corner.

Pages are read one at a time and closed, so memory stays bounded on long documents.
Nothing here touches the disk: the PDF arrives as bytes.
"""

from __future__ import annotations

import ctypes
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from ...errors import InputError

#: Thin: a rule is at most this tall (points) and at least this long.
_RULE_HEIGHT = 2.0
_RULE_MIN_WIDTH = 15.0


@dataclass(frozen=True)
class Rule:
    """A thin horizontal line (a filled rectangle or a stroked path) on the page."""

    x0: float
    x1: float
    top: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class PageGlyphs:
    """One page's characters: ``text[i]`` sits at ``(x[i], top[i])`` (its baseline origin) in
    a font of ``size[i]`` points. Spaces and line ends the library inferred are in ``text``
    too (their positions are where the library put them)."""

    number: int  # 1-based
    width: float
    height: float
    text: str
    x: array
    top: array
    size: array
    rules: tuple[Rule, ...] = ()
    images: int = 0  # image objects on the page (a scan has images and no text)


class PdfError(InputError):
    """The PDF cannot be read: encrypted, damaged, or without a text layer."""


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise PdfError("the PDF is encrypted (it needs a password); save an unprotected copy") from None
        raise PdfError(f"cannot read this PDF ({exc})") from None


def page_count(data: bytes) -> int:
    """How many pages the PDF has (opens it, reads nothing else)."""
    pdf = _open(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def read_pages(data: bytes) -> Iterator[PageGlyphs]:
    """Every page of the PDF, in order, as :class:`PageGlyphs`."""
    import pypdfium2.raw as raw

    pdf = _open(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                yield _page_glyphs(raw, page, index + 1)
            finally:
                page.close()
    finally:
        pdf.close()


def _page_glyphs(raw, page, number: int) -> PageGlyphs:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        n = textpage.count_chars()
        text = textpage.get_text_range() if n else ""
        if len(text) != n:  # characters outside the BMP: read them one by one
            text = "".join(chr(raw.FPDFText_GetUnicode(handle, i) or 32) for i in range(n))
        xs, tops, sizes = array("d", bytes(8 * n)), array("d", bytes(8 * n)), array("d", bytes(8 * n))
        cx, cy = ctypes.c_double(), ctypes.c_double()
        bx, by = ctypes.byref(cx), ctypes.byref(cy)
        origin, font_size = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontSize
        last_y, size, fresh = None, 0.0, True
        for i in range(n):
            origin(handle, i, bx, by)
            y = cy.value
            xs[i] = cx.value
            tops[i] = height - y
            # the size is asked again only where the baseline moves or a word starts (a tenth
            # of the calls): glyphs set on one baseline within a word share their font size
            if fresh or y != last_y:
                size = font_size(handle, i)
                last_y = y
            sizes[i] = size
            fresh = text[i] in " \r\n"
    finally:
        textpage.close()
    text = (
        text.replace("\r", "\n").replace("\x02", "-").replace("\ufffe", "-")
    )  # pdfium marks line-end hyphens
    rules, images = [], 0
    for obj in page.get_objects():
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif obj.type == raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if top - bottom <= _RULE_HEIGHT and right - left >= _RULE_MIN_WIDTH:
                rules.append(Rule(left, right, height - top))
    return PageGlyphs(number, width, height, text, xs, tops, sizes, tuple(rules), images)
