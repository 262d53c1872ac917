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

from ... import recache
from .vocab import EXT_SIBLINGS, MAX_EXT, is_extension

_WORD = recache.compile(rf"[A-Za-z]{{1,{MAX_EXT}}}")
#: A final word the vocabulary does not know but that reads as an extension: short, one case.
_UNKNOWN_EXT = recache.compile(r"[a-z]{2,5}|[A-Z]{2,5}")
_GLUED_EXT = recache.compile(r"\.([A-Za-z][A-Za-z0-9]{1,5})$")


#: A hyphen glued to the letters before it and spaced from the lower-case ones after it: the trace
#: of a word the line end broke (``Sala - de - prensa/Noti-`` / ``cias/208345``), or of a hyphen
#: of the address printed at a line end; which one only the archive can tell.
_LINE_END_HYPHEN = recache.compile(r"(?<=[A-Za-z])-\s+(?=[a-z])")


def _unhyphenated(main: str) -> str | None:
    """The path with the line end's hyphens taken out (resolved like the path itself), if any.

    >>> _unhyphenated("/Sala - de - prensa/Noti- cias/208345")
    '/Sala-de-prensa/Noticias/208345'
    """
    if _LINE_END_HYPHEN.search(main) is None:
        return None
    joined = _LINE_END_HYPHEN.sub("", main).split()
    found = _final_extension(joined)
    if found is None:
        return "".join(joined)
    k, printed, _ = found
    return f"{''.join(joined[:k])}.{printed}"


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


def _final_extension(tokens: list[str]) -> tuple[int, str, bool] | None:
    """Where the spaced-off extension starts in ``tokens``, its printed text, and whether the
    vocabulary knows it; None when the path ends without one.

    ``[... , 'content_5', 'html']`` -> ``(k, 'html', True)``; ``[..., 'x', 'SHT', 'ML']`` joins the
    pieces (the longest extension the pieces make wins: ``s html`` is ``shtml``). A piece right
    after ``/``, ``-``, ``_`` or ``.`` is a path word, not an extension. A short final word the
    vocabulary does not know (``7812345 stm``) is read as an extension too: inside a path a space
    is otherwise a join, and a file name is what a final short word follows.
    """
    last = tokens[-1] if len(tokens) > 1 else ""
    dotted = re.search(r"\.([A-Za-z]{1,5})$", tokens[-2]) if last else None
    if dotted and _WORD.fullmatch(last) and is_extension(dotted.group(1) + last):
        return None  # "name.ht ml", "name.s html": the dot is there, the pieces only join
    for width in (3, 2, 1):
        if len(tokens) <= width:
            continue
        pieces = tokens[-width:]
        if not all(_WORD.fullmatch(p) for p in pieces):
            continue
        word = "".join(pieces)
        before = tokens[-width - 1]
        if before[-1:] in "/-_.=&?#" or not is_extension(word):
            continue
        return len(tokens) - width, word, True
    split = _split_unknown_extension(tokens)
    if split is not None:
        return split
    if _UNKNOWN_EXT.fullmatch(last) and tokens[-2][-1:] not in "/-_.=&?#" and not tokens[-2].endswith(last):
        return len(tokens) - 1, last, False
    return None


def _split_unknown_extension(tokens: list[str]) -> tuple[int, str, bool] | None:
    """``88212345 cm s``, ``JAKO2021.pa ge``, ``iliskileri.en m fa``: two final letter pieces of one
    case, together an extension's length, after a file name: one extension the vocabulary does not
    know, split like a known one (``SHT ML``). Inside a path only the extension's own pieces are
    spaced apart, so the two pieces are one word, with the dot before them or between them
    already printed."""
    if len(tokens) < 3:
        return None
    a, b, before = tokens[-2], tokens[-1], tokens[-3]
    word = a + b
    if not (_UNKNOWN_EXT.fullmatch(word) and a.isalpha() and b.isalpha()) or before[-1:] in "/-_=&?#":
        return None
    if not (word.islower() or word.isupper()):
        return None
    if before.endswith("."):
        return None  # "name. pa ge" is no shape of this damage
    return len(tokens) - 2, word, False


def _case(printed: str, case_changed: bool) -> tuple[str, str]:
    """(extension as read, the other case or ''): printed case kept unless case was visibly changed."""
    lower = printed.lower()
    if printed == lower:
        return lower, ""
    if printed.isupper() and not case_changed:
        return printed, lower
    return lower, printed


def read_path(text: str, *, case_changed: bool = False) -> PathReading:
    """Resolve the spaces of the printed path ``text`` (from its first ``/``).

    ``case_changed``: other parts of the URL show the extraction changed letter case (an
    upper-case host), so an upper-case extension is read in lower case.
    """
    repairs: list[str] = []
    main, query = _split_query(text)
    q = "".join(query.split())
    tokens = main.split()
    found = _final_extension(tokens)
    alternatives: list[str] = []
    ext_restored = False
    if found is None:
        path = "".join(tokens)
        glued = _GLUED_EXT.search(path)
        if glued and glued.group(1).isupper() and glued.group(1).isalpha():
            stem, printed = path[: glued.start(1)], glued.group(1)
            ext, other = _case(printed, case_changed and is_extension(printed))
            path = stem + ext
            alternatives.append(stem + other + q)
            if ext != printed:
                repairs.append(f"lower-cased '.{printed}'")
    else:
        k, printed, known = found
        stem = "".join(tokens[:k])
        ext, other = _case(printed, case_changed)
        path = f"{stem}.{ext}"
        repairs.append(f"restored '.{ext.lower()}'")
        ext_restored = True
        if other:
            alternatives.append(f"{stem}.{other}{q}")
        for sibling in EXT_SIBLINGS.get(ext.lower(), ()):
            alternatives.append(f"{stem}.{sibling.upper() if ext.isupper() else sibling}{q}")
        if not known:
            alternatives.append(f"{stem}{printed}{q}")  # the word may end the file name instead
    path += q
    if re.search(r"\s", text.strip()):
        repairs.append("removed spaces in path")
    unbroken = _unhyphenated(main)
    if unbroken is not None:
        alternatives.append(unbroken + q)
    return PathReading(
        path, tuple(dict.fromkeys(a for a in alternatives if a != path)), tuple(repairs), ext_restored
    )
