"""Claim scope: where the text a footnote marker supports begins.

In the footnote styles of social-science journals (and their machine translations), a note
at the end of a passage supports every statement since the previous note: the scope of a
marker runs back to the previous marker or the start of its paragraph, whichever is nearer,
across sentence and ``;`` boundaries. The rules, each a function below:

1. **Floor** (given by the caller): never back past the previous marker, the end of a note,
   or a page's running header.
2. **Paragraph**: back to the last paragraph break. In text extracted from a PDF a blank
   line also falls where a line was merely wrapped; such a break is *soft* (the line before
   it is a full line of running text that ends without closing punctuation) and the
   paragraph goes on across it.
3. **Marker at a paragraph's start**: extraction sometimes moves a marker to the start of
   the next paragraph; then it supports the paragraph before.
4. **Cap**: at most :data:`MAX_SCOPE` characters, cut at a sentence start.
5. **Clause**: a marker in the middle of a sentence (the text goes on with a comma or a
   lower-case word) supports only its clause: back to the start of its sentence or the last
   ``;``.

(A paragraph that a page break cuts in mid-sentence goes on across the notes and the running
header between; :mod:`citecheck.references.claims` joins the two parts with
:func:`join_across_break`. A marker with nothing before it on its page, which extraction or
layout pushed past the break, supports the foot of the page before, as rule 3 within a page.)

>>> text = "Capacity is 90 MW. It cost US$155 million; it supplies 200,000 homes. ÿ More."
>>> text[scope_start(text, text.index("ÿ"), text.index("ÿ") + 1, 0):text.index("ÿ")]
'Capacity is 90 MW. It cost US$155 million; it supplies 200,000 homes. '
>>> text = "The mine, which cost US$4.8 billion ÿ, processes 117,200 tonnes a day."
>>> text[scope_start(text, text.index("ÿ"), text.index("ÿ") + 1, 0):text.index("ÿ")]
'The mine, which cost US$4.8 billion '
"""

from __future__ import annotations

from .. import recache

__all__ = [
    "MAX_SCOPE",
    "continues_across",
    "is_soft_break",
    "join_across_break",
    "marker_in_mid_sentence",
    "scope_start",
]

#: The longest text one marker supports (characters), cut at a sentence start.
MAX_SCOPE = 1500
_LOOK_BACK = 4000  # how far back a paragraph start is looked for (before the cap applies)
_PARAGRAPH = recache.compile(r"\n[ \t\f]*\n")
# closing punctuation a paragraph (or a sentence) ends with, before closing quotes/brackets
_ENDS_SENTENCE = recache.compile(r"[.!?。！？…:：;；][\"'”’»)）\]」』]*\s*$")
_FULL_LINE = 60  # a wrapped line of running text is at least this long; a heading is shorter
_CONTINUES = frozenset(",，、;；:：")
_OPENS_TOO_LITTLE = 20  # a "paragraph" this short before the marker is only the marker's line
# where a sentence or clause starts: after closing punctuation and spaces
_CLAUSE_BREAK = recache.compile(r"[.!?;；][\"'”’»)\]]*\s+|[。！？；][\"'”’»)）」』]*\s*")
_ABBREVIATION = recache.compile(
    r"(?:\b[A-Za-z]|\b(?:U\.S|No|Nos|Vol|pp?|Fig|approx|etc|e\.g|i\.e|Mr|Mrs|Ms|Dr|Sr|Sra|St|Inc|Ltd|Co|Corp|Dept|Art|Ed|Eds|cf|vs))\.$",
)


def continues_across(before: str, after: str) -> bool:
    """Whether a paragraph cut by a page break between ``before`` (the foot of one page's
    body) and ``after`` (the top of the next) goes on: ``before`` stops without closing
    punctuation, and either its last line is a full line of running text or ``after`` starts
    in lower case.

    >>> continues_across("The project cost US$23 billion and was financed", "by the Export-Import Bank")
    True
    >>> continues_across("Number: 1002 - 6649 (2022) 04 - 0095 - 22", "General Secretary Xi Jinping")
    False
    """
    before = before.rstrip()
    if not before or _ENDS_SENTENCE.search(before[-12:]):
        return False
    last_line = before[before.rfind("\n") + 1 :]
    first = after.lstrip()[:1]
    return len(last_line) >= _FULL_LINE or first.islower()


#: A word hyphenated at the end of a line or page: a letter, the hyphen, then (after the break)
#: a lower-case letter. Typesetting hyphenates words this way; the hyphen is not the word's.
_HYPHENATED = recache.compile(r"[^\W\d_][-\u00ad\u2010]$")


def join_across_break(before: str, after: str) -> str:
    """The text of a sentence cut by a page break, from its two halves (both cleaned): a word
    hyphenated across the break is one word again.

    >>> join_across_break("accounting for 30% of world out-", "put, after Australia.")
    'accounting for 30% of world output, after Australia.'
    >>> join_across_break("accounting for", "30% of world output.")
    'accounting for 30% of world output.'
    >>> join_across_break("Sino-", "Brazilian trade")
    'Sino- Brazilian trade'
    """
    if not after:
        return before
    if _HYPHENATED.search(before) and after[:1].islower():
        return before[:-1] + after
    return f"{before} {after}"


def is_soft_break(text: str, at: int) -> bool:
    """Whether the blank line at ``at`` only wraps a line (PDF extraction): the line before
    it is long and ends without closing punctuation.

    >>> is_soft_break("It will help the circular economy and attract investment in three regions\\n\\nthe second", 73)
    True
    >>> is_soft_break("2. Progress of green cooperation\\n\\nThe 2021 declaration", 32)
    False
    """
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:at].rstrip()
    return len(line) >= _FULL_LINE and not _ENDS_SENTENCE.search(line)


def _paragraph_start(text: str, pos: int, floor: int, soft_breaks: bool) -> int:
    """Start of the paragraph holding ``pos`` (not before ``floor``)."""
    lo = max(floor, pos - _LOOK_BACK)
    start = lo
    for m in _PARAGRAPH.finditer(text, lo, pos):
        if soft_breaks and is_soft_break(text, m.start()):
            continue
        start = m.end()
    return start


def marker_in_mid_sentence(text: str, start: int, end: int) -> bool:
    """Whether the marker at ``start:end`` sits inside a sentence: the text before it does not
    close a sentence and the text after it goes on (a comma, a semicolon, a lower-case word).

    >>> t = "It cost US$4.8 billion ÿ, and more. Done ÿ. Next ÿ Then."
    >>> [marker_in_mid_sentence(t, i, i + 1) for i in [i for i, c in enumerate(t) if c == "ÿ"]]
    [True, False, False]
    """
    if _ENDS_SENTENCE.search(text[max(0, start - 8) : start]):
        return False
    after = text[end : end + 40].lstrip(" \t\u00a0")
    if not after:
        return False
    c = after[0]
    return c in _CONTINUES or c.islower()


def _sentence_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``text[lo:hi]`` where a sentence or a clause after ``;`` starts."""
    starts = []
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        head = text[max(lo, m.start() - 12) : m.start() + 1]
        if m.group()[0] == "." and _ABBREVIATION.search(head):
            continue  # "U.S." or "No." do not end a sentence
        if m.end() < hi:
            starts.append(m.end())
    return starts


def scope_start(text: str, start: int, end: int, floor: int, *, soft_breaks: bool = False) -> int:
    """Where the text supported by the marker at ``start:end`` begins (see the module rules).

    ``floor``: the end of the previous marker, note or running header. ``soft_breaks``: the
    text comes from a PDF, where blank lines may only wrap a line.
    """
    begin = _paragraph_start(text, start, floor, soft_breaks)
    if len(text[begin:start].strip()) < _OPENS_TOO_LITTLE and begin > floor:
        begin = _paragraph_start(text, max(begin - 2, floor), floor, soft_breaks)
    if start - begin > MAX_SCOPE:
        cut = [s for s in _sentence_starts(text, start - MAX_SCOPE, start)]
        begin = cut[0] if cut else start - MAX_SCOPE
    if marker_in_mid_sentence(text, start, end):
        clause = _sentence_starts(text, begin, start)
        if clause:
            begin = clause[-1]
    return begin
