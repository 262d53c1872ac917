"""Where URL text starts and ends in a reference, when extraction spaced it apart.

The text after a scheme (or a bare ``www`` host) is read token by token (a token is a run
without whitespace) and every gap is decided: inside the host a gap continues the URL until
the labels end in a public suffix that the next token cannot lengthen (``org`` + ``au``) and
no ``/`` follows; inside the path a gap continues it only where the next token is
evidently more address: beside a separator (``/ - _ ? = &``), a digit run split in two, the
file extension, a piece holding a ``/``, garble glyphs. The URL ends at an access-date
bracket, a quote or bracket, a full-width or CJK character, or the first token that reads as
prose. Inside ``<…>`` everything up to ``>`` is the URL (RFC 3986, appendix C).

>>> t = "Xinhua, 2021, http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5 html [2022 - 02 - 20]"
>>> s, e = find_url(t); t[s:e]
'http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5 html'
"""

from __future__ import annotations

import re

from ... import recache
from .host import labels_of
from .suffixes import registrable, suffix_length
from .vocab import (
    ACCESS_WORDS,
    HAS_GARBLE,
    IDN_LETTERS,
    IPV6_LITERAL,
    JOINERS,
    STOP_CHARS,
    URL_CHARS,
    WIDE,
    G,
    ascii_scheme_separators,
    is_extension,
    literal_host,
)

__all__ = ["find_url", "MAX_URL_CHARS"]

#: Longer URL text is not an address; only this much is read.
MAX_URL_CHARS = 4096

_SCHEME_AT = recache.compile(
    rf"(?<![A-Za-z])(?:https?|ttps?|tps?|ps?|s)\s*:\s*/\s*/"
    rf"|(?<![A-Za-z])[A-Za-z]{{0,5}}\s*[{G}][{G}yö\s]*:\s*/\s*/"
    rf"|(?<![A-Za-z])h\s*t(?:\s*[^\s:/]{{1,6}})?\s*:\s*/\s*/"
    rf"|(?<![\w./])(?-i:www\d?\s*\.(?=\s*[a-z0-9]))"
    rf"|[{G}]+/\s*/"
    rf"|(?<![\w:/]):\s*/\s*/(?=\s*[a-z0-9])",
    re.IGNORECASE,
)
#: ``example.com/…`` or ``www example com / …`` without a scheme (checked against the suffix list).
_BARE_HOST = recache.compile(
    r"(?<![\w@/.:\-])(?:www\d?(?:[.\s]+[a-z0-9][a-z0-9-]*){1,5}|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*){1,5})"
    r"\s*/(?=\s*[\w~%.-])"
)
ACCESS_BRACKET = recache.compile(r"\[\s*(?:19|20)\d\s*\d\s*[-–./年]")
_L = rf"A-Za-z0-9{IDN_LETTERS}"
_LABEL = recache.compile(rf"^[{_L}][{_L}-]*\.?$|^[{_L}-]+(?:\.[{_L}-]+)+\.?$")
_EXT_TAIL = recache.compile(r"\.([A-Za-z0-9]{1,6})$")
_PROSE_END = ",;"
#: A short word without a vowel (``stm``, ``cms``, ``nsf``): prose words have vowels, extensions often not.
_VOWELLESS = recache.compile(r"[b-df-hj-np-tv-z]{2,5}|[B-DF-HJ-NP-TV-Z]{2,5}")
_SEPARATORS = ("/", "-", "_", ".", "=", "&", "?", "#")
_DASHES = ("-", "–", "—")


def _no_query(word: str) -> str:
    """``view.do?seq=3`` -> ``view.do``."""
    return re.split(r"[?#]", word, maxsplit=1)[0]


def _letters_tail(word: str) -> str:
    """The letters that end ``word`` after its last dot or separator: ``name.PD`` -> ``PD``."""
    m = re.search(r"(?:^|[./_-])([A-Za-z]{1,5})$", word)
    return m.group(1) if m else ""


def find_url(text: str) -> tuple[int, int] | None:
    """Return ``(start, end)`` of the URL text in ``text``, or None when there is none."""
    text = ascii_scheme_separators(text)
    if "/" not in text and "www" not in text.lower():
        return None  # every address form below needs a slash or "www"
    m = _SCHEME_AT.search(text)
    bare = _bare_host(text, m.start() if m else len(text))
    if bare is not None:
        start, after = bare, bare
    elif m is not None:
        start = m.start()
        after = m.start() if m.group(0).lower().startswith("www") else m.end()
    else:
        return _find_schemeless(text)
    if start > 0 and text[start - 1] == "<" and ">" in text[start:]:
        end = text.index(">", start)
        return (start, end) if end > start else None
    end = _Walker(text, start, after).run()
    return (start, end) if end > start else None


def _bare_host(text: str, before: int) -> int | None:
    """Start of a scheme-less address ``host/…`` before offset ``before`` whose host is registrable."""
    for m in _BARE_HOST.finditer(text, 0, before):
        host = m.group(0).rsplit("/", 1)[0]
        if registrable(labels_of(host)) and ("." in host or host.startswith("www")):
            return m.start()
    return None


def _find_schemeless(text: str) -> tuple[int, int] | None:
    """A URL whose scheme was garbled away: a run of slash-bearing tokens before ``[date]``."""
    b = ACCESS_BRACKET.search(text)
    if b is None or "/" not in text[: b.start()]:
        return None
    lo = max(0, b.start() - MAX_URL_CHARS)
    toks = [(m.start() + lo, m.end() + lo) for m in re.finditer(r"\S+", text[lo : b.start()])]
    i = len(toks)
    saw_slash = False
    while i > 0:
        s, e = toks[i - 1]
        tok = text[s:e]
        ok = (
            "/" in tok
            or HAS_GARBLE.search(tok) is not None
            or tok.isdigit()
            or tok in ("-", "_", ".")
            or is_extension(tok.rstrip(".,;"))
        )
        if not ok:
            break
        saw_slash = saw_slash or "/" in tok
        i -= 1
    if not saw_slash or i == len(toks):
        return None
    while i < len(toks) and text[toks[i][0] : toks[i][1]].isdigit():
        i += 1  # dates such as "2021" that precede the garbled URL
    if i >= len(toks):
        return None
    return toks[i][0], toks[-1][1]


def _stop_at(tok: str, first: bool) -> int:
    """Offset in ``tok`` where sentence text begins (a quote, bracket, CJK character), or -1."""
    if first and tok.startswith("[") and IPV6_LITERAL.match(tok):
        close = tok.index("]") + 1
        rest = _stop_at(tok[close:], False)
        return -1 if rest < 0 else close + rest
    cut = [i for i, c in enumerate(tok) if (c in STOP_CHARS or WIDE.match(c)) and not _inner_paren(tok, i)]
    return cut[0] if cut else -1


def _balanced(text: str) -> bool:
    return text.count("(") >= text.count(")")


def _before_paren(c: str) -> bool:
    return c.isalnum() or c in "_-"


def _inner_paren(tok: str, i: int) -> bool:
    """``EPRS_BRI(2021)698123``: parentheses RFC 3986 allows, balanced inside the token with address
    text before them, are part of the address (a sentence's own brackets open or close a token)."""
    c = tok[i]
    if c == "(":
        close = tok.find(")", i)
        return i > 0 and _before_paren(tok[i - 1]) and close > i + 1 and "(" not in tok[i + 1 : close]
    if c == ")":
        open_ = tok.rfind("(", 0, i)
        return open_ > 0 and _before_paren(tok[open_ - 1]) and ")" not in tok[open_ + 1 : i] and i > open_ + 1
    return False


class _Walker:
    """One left-to-right pass over the tokens after a scheme, deciding every gap."""

    def __init__(self, text: str, start: int, after: int) -> None:
        self.text = text
        self.start = start
        self.after = after
        window = text[after : after + MAX_URL_CHARS]
        self.toks = [(m.start() + after, m.end() + after) for m in re.finditer(r"\S+", window)]
        self.host = ""  # printed host text so far
        self.in_host = True
        self.ext_seen = False
        self.in_query = False
        self.letters = ""  # the letters ending the URL so far, across letter-only pieces ("h tm")

    def tok(self, i: int) -> str:
        if i >= len(self.toks):
            return ""
        s, e = self.toks[i]
        return self.text[s:e]

    def run(self) -> int:
        end = self.after
        prev = self.text[self.start : self.after]
        for i, (s, e) in enumerate(self.toks):
            tok = self.text[s:e]
            stop = _stop_at(tok, i == 0)
            if stop == 0:
                break
            if stop > 0:
                tok = tok[:stop]
                e = s + stop
            glued = s == self.after if i == 0 else False
            if not (glued or self.continues(prev, tok, i)):
                break
            end = e
            self.take(prev, tok)
            prev = tok
            if stop > 0 or tok.endswith(tuple(_PROSE_END)):
                break
        while end > self.start and self.text[end - 1] in ",;)]'\"":
            if self.text[end - 1] == ")" and _balanced(self.text[self.start : end]):
                break
            end -= 1
        return end

    def take(self, prev: str, tok: str) -> None:
        """Record what ``tok`` (now part of the URL) says: the host ends, a query or an extension starts."""
        if self.in_host:
            if "/" not in tok:
                self.host += " " + tok
                return
            self.in_host = False
            head, tok = tok.split("/", 1)
            self.host += " " + head
            prev, tok = "/", "/" + tok
        self.letters = self.letters + tok if tok.isalpha() else _letters_tail(tok)
        if "?" in tok or "#" in tok:
            self.in_query = True  # a query or a fragment: no extension after it
        if self.in_query:
            return
        if "/" in tok:
            self.ext_seen = False
        last = tok.rsplit("/", 1)[-1].rstrip(".,;")
        m = _EXT_TAIL.search(last)
        if m and m.start() > 0 and is_extension(m.group(1)):
            self.ext_seen = True
        elif (
            "/" not in tok
            and not prev.endswith(_SEPARATORS)
            and (is_extension(last) or _joins_extension(self.letters[: -len(last)], last))
        ):
            self.ext_seen = True

    # -- the decisions -------------------------------------------------------------------------

    def continues(self, prev: str, tok: str, i: int) -> bool:
        if prev.endswith(tuple(_PROSE_END)):
            return False
        if self._spaced_extension_dot(prev, tok, i):
            return True
        if not URL_CHARS.match(tok.rstrip(".")):
            return False
        if prev.endswith(tuple(JOINERS)) or tok.startswith(tuple(JOINERS)):
            # after "name.html" a lone dash is the sentence's, not the address's
            if self.in_query and tok in _DASHES:
                # "?a1b2-5e6f - 7a8b", "hl=pt - PT&sa=X": the query's own dash, before more query text
                return re.search(r"[\d=&%]", self.tok(i + 1)) is not None
            if self.in_query and prev in _DASHES:
                return True  # the query text the dash was taken for
            return not (self.ext_seen and (tok in _DASHES or prev in _DASHES))
        if HAS_GARBLE.search(tok):
            return True
        if self.in_host:
            return self.host_continues(prev, tok, i)
        return self.path_continues(prev, tok, i)

    def _spaced_extension_dot(self, prev: str, tok: str, i: int) -> bool:
        """``P020221207397428021671 . pdf``: extraction spaced off the dot before a file's
        extension; the lone dot and the extension after it are the address's, where a dot closing
        a sentence is followed by a word or nothing."""
        if self.in_host or self.in_query or self.ext_seen:
            return False
        if tok == ".":
            return prev[-1:].isalnum() and is_extension(_no_query(self.tok(i + 1).rstrip(".,;")))
        return prev == "." and is_extension(_no_query(tok.rstrip(".,;")))

    def host_labels(self) -> list[str]:
        return labels_of(re.sub(r":[^.]*$", "", self.host.strip()))

    def host_continues(self, prev: str, tok: str, i: int) -> bool:
        labels = self.host_labels()
        piece = tok.split("/", 1)[0].split(":", 1)[0]
        if HAS_GARBLE.search(prev):
            return _LABEL.match(piece) is not None and not piece[:1].isupper() or "/" in tok
        if not piece:
            return "/" in tok
        if not _LABEL.match(piece) or (piece[:1].isupper() and not piece.isupper()):
            return False
        if prev.endswith(".") and prev.count("/") >= 3:
            return False
        host_text = self.host.strip()
        bare = re.sub(r":\s*\d+$", "", host_text)
        if literal_host(bare):
            # "localhost" is the loopback name only as the whole host: "localhost example org /…"
            return bare.lower() == "localhost" and self.slash_ahead(i)
        if not registrable(labels):
            return True
        more = labels_of(piece)
        if (
            suffix_length(labels + more) > suffix_length(labels)
            and suffix_length(labels + more) >= len(more) + 1
        ):
            return True  # "org" + "au": the suffix grows
        return self.slash_ahead(i)

    def slash_ahead(self, i: int) -> bool:
        """The tokens from ``i`` are host labels up to a ``/`` or ``:port`` within a few tokens, and
        the longer host they make still ends in a public suffix (``oglobo globo com /``)."""
        labels = self.host_labels()
        for k in range(i, min(i + 5, len(self.toks))):
            tok = self.tok(k)
            if tok.startswith(("/", ":")):
                return k > i and registrable(labels)
            head = tok.split("/", 1)[0].split(":", 1)[0]
            if HAS_GARBLE.search(head):
                return "/" in tok or k > i  # a garbled label: the host runs on to its slash
            if not _LABEL.match(head) or (head[:1].isupper() and not head.isupper()):
                return False
            labels = labels + labels_of(head)
            if "/" in tok or ":" in tok:
                return registrable(labels)
        return False

    def path_continues(self, prev: str, tok: str, i: int) -> bool:
        word = _no_query(tok.rstrip(".,;"))
        nxt = self.tok(i + 1)
        if HAS_GARBLE.search(prev):
            return tok[:1].islower() or tok[:1].isdigit() or "/" in tok
        if _joins_extension(_letters_tail(prev), word) or _joins_extension(self.letters, word):
            return True  # "SHT" + "ML", "name.PD" + "F"
        if self.in_query:
            return (prev[-1:].isdigit() and tok[:1].isdigit()) or self.before_access_date(tok, i)
        if self.ext_seen:
            # "Informe-2021.pdf aspx [2022…": a server handler's extension after the file's own
            return (is_extension(word) or _joins_extension(word, _no_query(nxt.rstrip(".,;")))) and (
                self.before_access_date(tok, i)
            )
        if HAS_GARBLE.search(nxt) and self._garbled_run_ahead(i + 1):
            return True  # "view p ÿŷ?ud=…": the piece before a garbled one is still address
        if prev[-1:].isdigit() and tok[:1].isdigit():
            return True
        if is_extension(word) and not prev.endswith("."):
            return True
        if _joins_extension(word, _no_query(nxt.rstrip(".,;"))):
            return True
        if "/" in tok:
            return True
        if re.match(r"^[A-Za-z]{1,5}\?[^\s?]*=", tok):
            return True  # "aspx?id=3", "ZS?locations=ZJ": an extension with its query
        glued = re.match(r"^([A-Za-z]{1,5})\?[^\s?]*=", nxt)
        if glued and word.isalpha() and len(word) + len(glued.group(1)) <= 6:
            return True  # "dataset x html?persistentId=…": an extension split before its query
        if nxt.startswith(tuple(JOINERS)) and len(tok) <= 60:
            return True
        if tok.endswith(("-", "_")) and tok[:1].isalnum() and _address_piece(tok):
            return True  # "Lati n- American-and …": a piece ending in a joiner runs on
        if _VOWELLESS.fullmatch(word) and prev[-1:].isalnum() and not self.tok(i + 1)[:1].islower():
            return True  # "7812345 stm The …": a final word without a vowel is no prose, an extension
        tail = _EXT_TAIL.search(word)
        if re.search(r"/[\w%~+-]+$", prev) and tail and is_extension(tail.group(1)):
            return True  # "impact/Final BrochureWHA2008a.pdf": a file name after a path piece
        return self.before_access_date(tok, i)

    def _garbled_run_ahead(self, k: int) -> bool:
        """Token ``k`` is garbled address text: glyphs mixed with address characters
        (``ÿŷ?ud=3``), or glyphs alone right before the access bracket or the end of the text."""
        tok = self.tok(k)
        if re.search(rf"[^{G}\s]", tok):
            return URL_CHARS.match(tok) is not None
        if k + 1 >= len(self.toks):
            return True
        return ACCESS_BRACKET.match(self.text[self.toks[k + 1][0] :]) is not None

    def before_access_date(self, tok: str, i: int) -> bool:
        """Address text runs on to the access-date bracket: up to a few tokens of address
        characters right before it are the URL's end, split where the URL wrapped at a line end
        (``china-and-latin- ameri ca [2022-02-16]``). In a note the access date follows its URL
        directly, so only an access word or a capitalised word between them is sentence text."""
        for k in range(i, min(i + _MAX_TOKENS_TO_BRACKET, len(self.toks))):
            piece = self.tok(k)
            if ACCESS_BRACKET.match(piece) or piece.startswith("["):
                return k > i
            if not _address_piece(piece):
                return False
            if ACCESS_BRACKET.match(self.text[self.toks[k][1] :].lstrip()):
                return True
        return False


#: How many tokens before an access-date bracket can still be the URL's (a wrapped URL's pieces).
_MAX_TOKENS_TO_BRACKET = 4
_PROSE_WORD = recache.compile(r"[A-Z][a-z]+")


def _address_piece(piece: str) -> bool:
    """A token that can be a piece of an address: address characters, no access word, not a
    capitalised word (``Retrieved``), not closing a clause (``…,``)."""
    return (
        URL_CHARS.match(piece) is not None
        and piece.lower() not in ACCESS_WORDS
        and not _PROSE_WORD.fullmatch(piece)
        and not piece.endswith(tuple(_PROSE_END))
    )


def _joins_extension(a: str, b: str) -> bool:
    """``SHT`` + ``ML``: two letter pieces that only together make an extension."""
    return bool(
        a
        and b
        and a.isalpha()
        and b.isalpha()
        and len(a) + len(b) <= 6
        and is_extension(a + b)
        and not is_extension(b)
    )
