"""Quoted titles, including the garbled and mixed quotes of machine-translated PDFs.

A title may open with ``«``, ``"``, ``“``, ``'``, ``‘`` or ``*`` and close with any of
``» " ” ' ’ *`` (``«… *``, ``«…"``, ``'…*`` all occur in the seed). Inner quotes are
balanced; the closing quote is the first one at depth 0 followed by punctuation, the end
of the text or "published in", else the first one at depth 0.

>>> find_quoted_title('Wu Zhicheng: "The View", published in "Studies", Issue 3')
(13, 22, 'The View')
>>> find_quoted_title('Li: "On "One Belt, One Road"", Published in "W"')[2]
'On "One Belt, One Road"'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import recache

__all__ = ["find_quoted_title", "OPENERS", "CLOSERS"]

OPENERS = "«《“\"'‘*"
CLOSERS = "»》”\"'’*“"
_OPENER_RE = recache.compile("[" + re.escape(OPENERS) + "]")
_STRONG_FOLLOW = recache.compile(r"\s*(?:[,.;:ÿŷ]|$|(?i:published|ed\.|edited|in\s+«))")
_GOOD_PREFIX_END = recache.compile(r"(?:^|[:,.)ÿŷ]|\bIn|\bin)\s*$")


def _is_apostrophe(text: str, i: int) -> bool:
    """An apostrophe sits between two letters (``Xi Jinping's``), a quote does not."""
    if text[i] not in "'’":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _closes(text: str, i: int, opener: str) -> bool:
    c = text[i]
    if c not in CLOSERS:
        return False
    if c in "'’" and _is_apostrophe(text, i):
        return False
    if c == "*" and opener not in "«*\"“'‘":
        return False
    return True


def _inner_opener(text: str, i: int) -> bool:
    c = text[i]
    if c not in "«《“\"‘'":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in " (—-–" or (before in "“«" and c in "‘'")) and (after.isalnum() or after in '«“"')


def find_quoted_title(
    text: str, *, max_prefix: int = 160, prefix_ok: Callable[[str], bool] | None = None
) -> tuple[int, int, str] | None:
    """Find a quoted title near the start: ``(open, close, title)`` offsets of the quote marks.

    ``open`` is the offset of the opening quote, ``close`` of the closing one. Returns None
    when the text holds no quoted title, or when what precedes the quote is not an
    author list or nothing (a quote inside an unquoted title does not count).
    """
    n = len(text)
    for om in _OPENER_RE.finditer(text, 0, min(n, max_prefix)):
        o = om.start()
        c = text[o]
        if c in "'’" and _is_apostrophe(text, o):
            continue
        if c == "*" and (o + 1 < n and text[o + 1] == " "):
            continue
        if prefix_ok is not None:
            if not prefix_ok(text[:o]):
                continue
            if not _GOOD_PREFIX_END.search(text[:o]) and not re.search(r"\w\s+$", text[:o]):
                continue
        elif not _GOOD_PREFIX_END.search(text[:o]):
            continue
        if o + 1 >= n or text[o + 1] in ",.;":
            continue
        found = _find_close(text, o)
        if found is None:
            continue
        title = text[o + 1 : found].strip()
        if len(title) < 3:
            continue
        return o, found, title
    return None


def _find_close(text: str, o: int) -> int | None:
    opener = text[o]
    depth = 1
    weak: int | None = None
    for i in range(o + 1, len(text)):
        c = text[i]
        if _inner_opener(text, i):
            depth += 1
            continue
        if not _closes(text, i, opener):
            continue
        depth -= 1
        if depth > 0:
            continue
        if (c == "»" and opener == "«") or (c == "》" and opener == "《"):
            return i
        if _STRONG_FOLLOW.match(text, i + 1) or text[i - 1] in ".,?!":
            return i
        if weak is None:
            weak = i
        depth = 0
    return weak
