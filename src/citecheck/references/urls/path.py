"""Reading a path (and query) that extraction spaced apart.

Inside a path a space is never a character of the address: every gap is a join
(``20 21`` -> ``2021``, ``c elac - 2`` -> ``celac-2``), except the gap before a final file
extension, which was its dot (``content_5659408 html`` -> ``content_5659408.html``; a split
extension ``SHT ML`` / ``HTM L`` is one word). The extension keeps its printed case when that
is the only evidence; when the extraction visibly changed case (an upper-case host, a split
extension) it is lower-cased, and the other case is an alternative.

>>> read_path("/ 2021 - 12 / 08 / content_5659408 html").path
'/2021-12/08/content_5659408.html'
>>> r = read_path("/docs/annual-report PDF"); r.path, r.alternatives
('/docs/annual-report.PDF', ('/docs/annual-report.pdf',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocab import EXT_SIBLINGS, MAX_EXT, is_extension

_WORD = re.compile(rf"[A-Za-z]{{1,{MAX_EXT}}}")


@dataclass(frozen=True)
class PathReading:
    """``path`` with spaces resolved; ``alternatives`` ranked; ``ext_restored`` when a dot was put back."""

    path: str
    alternatives: tuple[str, ...] = ()
    repairs: tuple[str, ...] = ()
    ext_restored: bool = False


def _split_query(text: str) -> tuple[str, str]:
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    return text[:cut], text[cut:]


def _final_extension(tokens: list[str]) -> tuple[int, str] | None:
    """Where the spaced-off extension starts in ``tokens`` and its printed text, or None.

    ``[... , 'content_5', 'html']`` -> ``(k, 'html')``; ``[..., 'x', 'SHT', 'ML']`` -> the two
    pieces joined. A piece right after ``/``, ``-``, ``_`` or ``.`` is a path word, not an extension.
    """
    if len(tokens) < 2:
        return None
    for width in (1, 2, 3):
        if len(tokens) <= width:
            break
        pieces = tokens[-width:]
        if not all(_WORD.fullmatch(p) for p in pieces):
            break
        word = "".join(pieces)
        before = tokens[-width - 1]
        if before[-1:] in "/-_.=&?#" or not is_extension(word):
            continue
        if width > 1 and is_extension(pieces[-1]):
            continue  # "s html": the last piece alone is the extension (reports.html)
        return len(tokens) - width, word
    return None


def read_path(text: str, *, case_changed: bool = False) -> PathReading:
    """Resolve the spaces of the printed path ``text`` (from its first ``/``).

    ``case_changed``: other parts of the URL show the extraction changed letter case (an
    upper-case host), so an upper-case extension is read in lower case.
    """
    repairs: list[str] = []
    main, query = _split_query(text)
    tokens = main.split()
    found = _final_extension(tokens)
    alternatives: list[str] = []
    ext_restored = False
    if found is None:
        path = "".join(tokens)
    else:
        k, printed = found
        split = k < len(tokens) - 1
        stem = "".join(tokens[:k])
        lower = printed.lower()
        if printed.isupper() and not (case_changed or split):
            ext, other = printed, lower
        else:
            ext, other = lower, printed if printed != lower else ""
        path = f"{stem}.{ext}"
        repairs.append(f"restored '.{lower}'")
        ext_restored = True
        q = "".join(query.split())
        if other:
            alternatives.append(f"{stem}.{other}{q}")
        for sibling in EXT_SIBLINGS.get(lower, ()):
            alternatives.append(f"{stem}.{sibling.upper() if ext.isupper() else sibling}{q}")
    path += "".join(query.split())
    if re.search(r"\s", text.strip()):
        repairs.append("removed spaces in path")
    return PathReading(
        path, tuple(dict.fromkeys(a for a in alternatives if a != path)), tuple(repairs), ext_restored
    )
