"""Normalisation rules: the text of a reference made regular before any field is read.

Each rule is one :class:`~.rules.Rewrite`; :data:`NORMALISERS` lists them in the order they
run. :func:`fold_punctuation` is the view the Chinese layouts split on: full-width punctuation
mapped one to one onto ASCII, so an offset found in the view cuts the original text and the
fields keep their original characters (``《》``, ``，``, ``（2019—2020）``).

>>> fold_punctuation("谢文泽，冯维江．新时代［J］．世界经济，2019（5）：4-28．")
'谢文泽,冯维江.新时代[J].世界经济,2019(5):4-28.'
>>> from .context import Context
>>> run_rewrites(NORMALISERS, Context(), "① 刘明. 风电[N].")
'刘明. 风电[N].'
"""

from __future__ import annotations

import re
import unicodedata

from ... import recache
from ..urls import find_url
from .context import Context
from .rules import Rewrite, run_rewrites

__all__ = ["NORMALISERS", "MAX_PARSE_CHARS", "fold_punctuation", "to_ascii_punctuation", "strip_marker"]

#: Longer texts are not one reference; only this many characters are parsed (raw is kept whole).
MAX_PARSE_CHARS = 3000

_FOLD = str.maketrans(
    {
        "，": ",",
        "、": ",",
        "．": ".",
        "。": ".",
        "：": ":",
        "；": ";",
        "（": "(",
        "）": ")",
        "［": "[",
        "］": "]",
        "【": "[",
        "】": "]",
        "？": "?",
        "！": "!",
        "／": "/",
        "－": "-",
        "　": " ",
    }
)
_TO_ASCII = str.maketrans({"，": ", ", "。": ". ", "：": ": ", "；": "; ", "（": " (", "）": ") "})
_FULLWIDTH_CHARS = "，。：；（）［］．、"


def fold_punctuation(text: str) -> str:
    """``text`` with full-width punctuation as ASCII, character for character (same length)."""
    return text.translate(_FOLD)


def to_ascii_punctuation(text: str) -> str:
    """``text`` with Chinese commas, stops, colons and brackets as ASCII ones followed by a space
    (the form the Western layouts split on)."""
    return text.translate(_TO_ASCII)


def has_fullwidth(text: str) -> bool:
    return any(c in text for c in _FULLWIDTH_CHARS)


# Unicode's enclosed numerals, the note markers of Chinese and Japanese texts: circled 1-50
# (①-⑳ ㉑-㉟ ㊱-㊿), parenthesised and full-stop ones (⑴ ⒈), negative and sans-serif circled
# ones (⓫ ❶ ➀ ➊) and the double-circled ⓵-⓾
_ENCLOSED_NUMERAL = "\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf"
# what a Chinese reference opens with: a character, a book-title mark or an opening bracket
_CJK_START = "[\u4e00-\u9fff《〈〔［【（]"
# Chinese lists: "［3］", "【3】", "（3）", "3．", "3、", and "3 " or "3." before the first character
_CN_LIST_NUMBER = (
    rf"[［【〔（]\d{{1,4}}[］】〕）]|\d{{1,4}}[．、）.](?={_CJK_START})|\d{{1,3}}\s+(?={_CJK_START})"
)
_MARKER = recache.compile(
    r"^\s*(?:\$\[?\\?\]?\\?(?:ddot|tilde)\{y\}\$?|\\(?:ddot|tilde)\{y\}|[ÿŷŸ§]+(?=\s|«|\"|“)|V(?=\s+[A-Z«\"“])"
    f"|[{_ENCLOSED_NUMERAL}]|{_CN_LIST_NUMBER}"
    r"|[•·▪◦‣](?=\s)|\[\^?\d{1,4}\]:?|\(\d{1,4}\)|\d{1,4}[.)](?=\s)|[¹²³⁰-⁹]+)\s*"
)


def strip_marker(text: str) -> str:
    """The text without its note marker or list number ("① ", "[12] ", "3. ", "ÿ ")."""
    text = " ".join(text.split())
    text = re.sub(r"^\[[A-Za-z][^\]\s]{1,30}\]\s*", "", text)
    text = re.sub(r"^\d{1,3}\s+(?=[A-Z][\w'’-]+,\s|[A-Z]{2,})", "", text)  # "13 Cartier, E., ..."
    for _ in range(2):
        m = _MARKER.match(text)
        if not m or m.end() == 0:
            break
        text = text[m.end() :]
    return text


def _truncate(ctx: Context, s: str) -> str:
    ctx.warnings.append(f"text is {len(s)} characters long; only the first {MAX_PARSE_CHARS} were parsed")
    return s[:MAX_PARSE_CHARS]


_PDF_GLYPHS = "´¨˜ˆ↵"
_SPACING_ACCENT = recache.compile(r"(?<=[a-z])([´¨˜ˆ])([AEIOUNaeiouny])(?=[a-z])")
_COMBINING = {"´": "\u0301", "¨": "\u0308", "˜": "\u0303", "ˆ": "\u0302"}


def repair_pdf_glyphs(s: str) -> str:
    """Undo two PDF-extraction faults inside words: a spacing accent before its letter
    ("Arbel´aez" -> "Arbeláez", "Go¨del" -> "Gödel") and the "ff" ligature read as an arrow
    ("Ku↵ner" -> "Kuffner").

    >>> repair_pdf_glyphs("P. Arbel´aez and J. Ku↵ner")
    'P. Arbeláez and J. Kuffner'
    """
    s = _SPACING_ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(2) + _COMBINING[m.group(1)]), s)
    return re.sub(r"(?<=[A-Za-z])↵(?=[a-z])", "ff", s)


# "Vrijen- hoek", "un- certain": a word hyphenated at a line end; "pre- and post-" stays
_BROKEN_WORD = recache.compile(r"(?<=[a-z]{2})- (?!(?:and|or|und|et|to|bis|y|e|ou|oder)\b)(?=[a-z]{2})")
_COMMA_SPACE = recache.compile(r"(?<=[a-z.]),(?=[A-Z])")
_SPACE_COMMA = recache.compile(r"(?<=[\w.])\s+,(?=\s)")  # "Indares, A. , Dunning": PDF spacing
_HTML = recache.compile(r"</?(?:i|b|em|strong|italic|bold|sup|sub|span)\b[^>]*>")
_ROLE_PAREN = recache.compile(
    r"\s*\((?:executive\s+)?(?:producers?|directors?|writers?|hosts?|narrators?|composers?|performers?"
    r"|photographers?|illustrators?|speakers?|interviewers?|artists?)\)",
    re.I,
)
_SAME_AUTHOR = recache.compile(r"^[—–_-]{2,}\s*[.,]?\s*")
# "130‑3", "658‒677": a range written with a non-breaking or figure hyphen
_NUMBER_HYPHEN = recache.compile(r"(?<=\d)[\u2010\u2011\u2012](?=[A-Za-z]?\d)")


def _join_broken_words(ctx: Context, s: str) -> str:
    """Join words hyphenated at a line end, except inside an address: typesetters break a URL
    without adding a hyphen, so a hyphen there is the URL's own ("brasil-e-china- assinam")."""
    out, rest = [], s
    while "- " in rest and (span := find_url(rest)) is not None and span[1] > span[0]:
        start, end = span
        out += [_BROKEN_WORD.sub("", rest[:start]), rest[start:end]]
        rest = rest[end:]
    return "".join(out) + _BROKEN_WORD.sub("", rest)


def _role_parens(ctx: Context, s: str) -> str:
    # "Marshall, F. (Producers), & Fincher, D. (Director). (2008).": film credits, not authors' text
    rm = _ROLE_PAREN.search(s, 0, 400)
    if rm is None:
        return s
    s = s[: rm.start()] + _ROLE_PAREN.sub("", s[rm.start() : 400]) + s[400:]
    return s.replace("..", ".")


def _same_author(ctx: Context, s: str) -> str:
    ctx.warnings.append("author given as a dash (same as the previous entry)")
    ctx.same_author = True
    return _SAME_AUTHOR.sub("", s)


NORMALISERS: tuple[Rewrite, ...] = (
    Rewrite("truncate", lambda s: len(s) > MAX_PARSE_CHARS, _truncate),
    Rewrite("pdf-glyphs", lambda s: any(c in s for c in _PDF_GLYPHS), lambda ctx, s: repair_pdf_glyphs(s)),
    Rewrite("broken-word", lambda s: "- " in s, _join_broken_words),
    Rewrite(
        "nfc",
        lambda s: not unicodedata.is_normalized("NFC", s),
        lambda ctx, s: unicodedata.normalize("NFC", s),
    ),
    Rewrite("marker", lambda s: True, lambda ctx, s: strip_marker(s)),
    Rewrite(
        "tex-quotes", lambda s: "``" in s or "''" in s, lambda ctx, s: s.replace("``", "“").replace("''", "”")
    ),
    Rewrite(
        "comma-space", lambda s: "," in s, lambda ctx, s: _COMMA_SPACE.sub(", ", _SPACE_COMMA.sub(",", s))
    ),
    Rewrite("html-tags", lambda s: "<" in s, lambda ctx, s: _HTML.sub("", s)),
    Rewrite(
        "number-hyphen",
        lambda s: any(c in s for c in "\u2010\u2011\u2012"),
        lambda ctx, s: _NUMBER_HYPHEN.sub("-", s),
    ),
    Rewrite("role-parens", lambda s: "(" in s[:400], _role_parens),
    Rewrite("same-author-dash", lambda s: s.startswith(("———", "——", "---", "–––", "___")), _same_author),
)

__all__ += ["has_fullwidth", "repair_pdf_glyphs", "run_rewrites"]
