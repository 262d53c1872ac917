"""Document readers: text in, :class:`~citecheck.model.Document` out.

>>> doc = read_document("Claim.[^1]\\n\\n[^1]: Smith, J. (2019). Title. Journal, 3(2), 45-67.\\n")
>>> doc.format, [n.id for n in doc.notes], [m.raw for m in doc.markers]
('markdown', ['fn1'], ['[^1]'])

``load_document(path)`` is the only function here that touches the disk (bytes, encoding,
size limit); ``read_document`` is pure and never raises on odd text.
"""

from __future__ import annotations

from .detect import FORMATS, detect_format
from .loader import MAX_BYTES, load_document
from .reader import read_document

__all__ = ["read_document", "load_document", "detect_format", "FORMATS", "MAX_BYTES"]
