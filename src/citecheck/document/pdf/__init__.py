"""Layout-aware PDF reading: glyphs with size and position -> lines -> page zones (running
header and footer, body, footnote area, columns) -> notes and call-outs -> Document.

>>> callable(read_pdf)
True
"""

from .glyphs import PdfError
from .reader import MAX_PAGES, read_pdf

__all__ = ["read_pdf", "PdfError", "MAX_PAGES"]
