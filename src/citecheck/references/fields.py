"""Field parsing: one reference's text in, a :class:`~citecheck.model.Reference` out.

The parser is the rule pipeline of :mod:`citecheck.references.parse`; this module keeps the
import path ``citecheck.references.fields.parse_reference`` that callers use.

>>> parse_reference("谢文泽. 中拉绿色合作的进展与前景[J]. 拉丁美洲研究, 2021, 43(3): 23-45.").container
'拉丁美洲研究'
"""

from __future__ import annotations

from .parse import MAX_PARSE_CHARS, parse_reference

__all__ = ["parse_reference", "MAX_PARSE_CHARS"]
