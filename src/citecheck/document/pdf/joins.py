"""Joining the lines of a paragraph or a note: words hyphenated at a line end, URLs broken
across lines, and a plain space everywhere else.

Each rule is a function of the two lines and the document's vocabulary; the first that
applies decides.

>>> join_lines(["capacity grew be-", "tween 2018 and 2021."])
'capacity grew between 2018 and 2021.'
>>> join_lines(["Retrieved from https://www.energy-", "observatory.org/reports/2010/solar-", "tariffs.html"])
'Retrieved from https://www.energy-observatory.org/reports/2010/solar-tariffs.html'
>>> join_lines(["the Sino-", "Brazilian fund"])
'the Sino-Brazilian fund'
>>> join_lines(["2022;30(8):274-", "291."])
'2022;30(8):274-291.'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from ... import recache

#: A token that begins a URL.
_URL_START = recache.compile(r"(?:(?:https?|ftp):(?://)?|www\.)\S*$", re.I)
#: Characters after which URL line-breaking (url.sty, Word) breaks a URL without a hyphen.
_URL_BREAK_AFTER = "/-._~?#&=%+:"
#: A line start that can only be the rest of a URL: no spaces, URL characters, and a path or
#: host separator before any sentence punctuation.
_URL_REST = recache.compile(r"[\w~%+-]*[/.?=&#_][\w/.?=&#%~+:;@!$'*,()-]*")
_LAST_TOKEN = recache.compile(r"\S+$")
_HYPHEN_END = recache.compile(r"([^\W\d_]+)-$")
_LOWER_START = recache.compile(r"([^\W\d_A-Z]+)")


def _url_token(prev: str) -> str | None:
    m = _LAST_TOKEN.search(prev)
    if not m:
        return None
    tok = m.group(0)
    return tok if _URL_START.search(tok) else None


def _joins_url(prev: str, nxt: str, vocabulary: Collection[str]) -> str | None:
    """``https://host/path/`` + ``file.html`` -> no space: the line broke inside a URL."""
    tok = _url_token(prev)
    if tok is None:
        return None
    first = nxt.split(None, 1)[0] if nxt.strip() else ""
    if not first:
        return None
    # after "." a capital starts a sentence, not the rest of a host name
    breaks_inside = tok[-1] in _URL_BREAK_AFTER and not (tok[-1] == "." and first[0].isupper())
    looks_like_rest = bool(_URL_REST.fullmatch(first.rstrip(".,;)"))) and not first[0].isupper()
    if breaks_inside or looks_like_rest:
        return GLUE
    return None


def _joins_hyphenated_word(prev: str, nxt: str, vocabulary: Collection[str]) -> str | None:
    """``be-`` + ``tween`` -> ``between``; a compound (``Sino-`` + ``Brazilian``, or a form the
    document also prints with its hyphen mid-line) keeps the hyphen, with no space."""
    m = _HYPHEN_END.search(prev)
    if not m:
        return None
    head = m.group(1)
    n = _LOWER_START.match(nxt)
    if not n:
        return GLUE  # "Sino-" + "Brazilian", "COVID-" + "19": a real hyphen
    tail = n.group(1)
    joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if hyphenated in vocabulary and joined not in vocabulary:
        return GLUE
    return DROP_HYPHEN


def _joins_after_dash(prev: str, nxt: str, vocabulary: Collection[str]) -> str | None:
    """``pp. 274-`` + ``291``: a line broken after a printed hyphen or dash keeps it, no space."""
    if prev[-1] in "-–—" and not prev[-2:-1].isspace():
        return GLUE
    return None


def _joins_with_space(prev: str, nxt: str, vocabulary: Collection[str]) -> str | None:
    return SPACE


SPACE, GLUE, DROP_HYPHEN = " ", "", "-"
_TAIL = 300

RULES: tuple[Callable[[str, str, Collection[str]], str | None], ...] = (
    _joins_url,
    _joins_hyphenated_word,
    _joins_after_dash,
    _joins_with_space,
)


def join_action(prev: str, nxt: str, vocabulary: Collection[str] = ()) -> str:
    """How the line ``nxt`` joins the text ``prev`` (only its end is looked at): ``SPACE``,
    ``GLUE`` or ``DROP_HYPHEN``, by the first rule that applies."""
    for rule in RULES:
        action = rule(prev, nxt, vocabulary)
        if action is not None:
            return action
    return SPACE  # pragma: no cover - the last rule always applies


def join_pair(prev: str, nxt: str, vocabulary: Collection[str] = ()) -> str:
    """``prev`` and ``nxt`` (two consecutive lines) as one text."""
    return join_lines([prev, nxt], vocabulary)


def join_lines(lines: Sequence[str], vocabulary: Collection[str] = ()) -> str:
    """The lines of one paragraph as one line of text (linear in its length: the rules look
    at the last ``_TAIL`` characters only)."""
    parts: list[str] = []
    tail = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if parts:
            action = join_action(tail, line, vocabulary)
            if action == DROP_HYPHEN:
                parts[-1] = parts[-1][:-1]
                tail = tail[:-1]
            elif action == SPACE:
                parts.append(" ")
                tail += " "
        parts.append(line)
        tail = (tail + line)[-_TAIL:]
    return "".join(parts)


_WORDS = recache.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def vocabulary_of(lines: Sequence[str]) -> set[str]:
    """The words (lower case, hyphenated compounds whole) printed inside lines, never at
    their ends: the evidence :func:`join_lines` weighs for a hyphen at a line end."""
    words: set[str] = set()
    for line in lines:
        body = line.rstrip()
        if body.endswith("-"):
            body = body[: body.rfind(" ") + 1] if " " in body else ""
        for w in _WORDS.findall(body):
            words.add(w.lower())
    return words
