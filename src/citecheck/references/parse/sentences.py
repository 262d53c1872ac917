"""Sentence ends in reference text: a full stop that is not an initial or an abbreviation.

>>> s = "Kay M. Parsing citations. J. ACM 12."
>>> [s[i - 4 : i + 1] for i in sentence_ends(s)]
['ions.', 'M 12.']
"""

from __future__ import annotations

from ... import recache
from .patterns import NOT_A_CONTAINER

_ABBREV_BEFORE_DOT = frozenset(
    "al vs eg ie cf etc no nos vol vols pp ed eds trans rev dr mr mrs ms prof st jr sr ph co inc ltd dept univ "
    "proc j int natl acad sci conf symp trans rep tech fig ch sec pt ser".split()
)


_DOTTED_INITIALS = recache.compile(r"\b(?:[A-Z]\.){1,}[A-Z]$")


_SENTENCE_END = recache.compile(
    r"[.?!](?=[\s\"”’']+(?:[^\s a-z]|(?i:in|arxiv|preprint|to appear|available|retrieved|http|doi)\b)|\s*$)"
)


def word_before(s: str, i: int, extra: str) -> str:
    """The word that ends at offset ``i`` (letters, digits, ``_`` and ``extra``)."""
    j = i
    while j > 0 and (s[j - 1].isalnum() or s[j - 1] == "_" or s[j - 1] in extra):
        j -= 1
    return s[j:i]


def sentence_ends(s: str, start: int = 0) -> list[int]:
    """Offsets of '.', '?' or '!' that end a sentence (not an initial or abbreviation)."""
    out = []
    for m in _SENTENCE_END.finditer(s, start):
        i = m.start()
        if s[i] == ".":
            word = word_before(s, i, "'’-")
            if word.lower() in _ABBREV_BEFORE_DOT:
                continue
            if len(word) == 1 and word.isalpha():
                continue
            if _DOTTED_INITIALS.search(s[max(0, i - 12) : i]):
                continue  # U.S. / D.I.
        out.append(i)
    return out


def inner_sentence_ends(text: str) -> list[int]:
    """Sentence ends inside ``text`` that leave a title of three words or more before them
    and something after them: where a title may stop and a journal's name begin."""
    return [e for e in sentence_ends(text) if e < len(text) - 3 and len(text[:e].split()) >= 3]


def may_be_journal(tail: str) -> bool:
    """The last sentence of a run-on title can be a journal's name: capitalised, short, and
    not a thesis, report or edition note."""
    return tail[:1].isupper() and len(tail.split()) <= 8 and not NOT_A_CONTAINER.match(tail)
