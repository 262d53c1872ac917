"""Numbers written in words, in English, Spanish and Portuguese ("two thousand", "cuarenta y
cinco", "dois mil e quinhentos"). Chinese numerals (两千, 三千五百万) are read by
:mod:`citecheck.figures.numerals`.

Only the cardinal is read here; a scale word after it ("three *million*", "dos *mil
millones*") is left to :mod:`citecheck.figures.scales`, as after digits. Each language's words
are read only in a text of that language: "once" is eleven in Spanish, "dos" is "of the" in
Portuguese. Finding the phrases is one pass of a prefix-tree pattern over the lower-cased
text, looking for words that a figure written in words cannot do without (a ten, a teen, a
hundred, a thousand, or a scale word after a small number).

>>> [(w.text, w.value) for w in find_number_words("About two thousand five hundred jobs.", "en")]
[('two thousand five hundred', Decimal('2500'))]
>>> [(w.text, w.value) for w in find_number_words("La flota tiene trescientos cuarenta y cinco autobuses.", "es")]
[('trescientos cuarenta y cinco', Decimal('345'))]
>>> [(w.text, w.value) for w in find_number_words("Foram plantadas três milhões de árvores.", "pt")]
[('três', Decimal('3'))]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from .. import recache

__all__ = ["WordNumber", "find_fraction_words", "find_number_words", "find_words"]

# kinds: "unit" 0-9, "teen" 10-19 (and the one-word 16-29 of Spanish), "tens" 20-90,
# "hundreds" 100-900 as one word, "hundred" (a multiplier), "thousand" (a multiplier)
_EN = {
    "zero": ("unit", 0), "one": ("unit", 1), "two": ("unit", 2), "three": ("unit", 3), "four": ("unit", 4),
    "five": ("unit", 5), "six": ("unit", 6), "seven": ("unit", 7), "eight": ("unit", 8), "nine": ("unit", 9),
    "ten": ("teen", 10), "eleven": ("teen", 11), "twelve": ("teen", 12), "thirteen": ("teen", 13),
    "fourteen": ("teen", 14), "fifteen": ("teen", 15), "sixteen": ("teen", 16), "seventeen": ("teen", 17),
    "eighteen": ("teen", 18), "nineteen": ("teen", 19), "twenty": ("tens", 20), "thirty": ("tens", 30),
    "forty": ("tens", 40), "fifty": ("tens", 50), "sixty": ("tens", 60), "seventy": ("tens", 70),
    "eighty": ("tens", 80), "ninety": ("tens", 90), "hundred": ("hundred", 100), "thousand": ("thousand", 1000),
}  # fmt: skip
_ES = {
    "cero": ("unit", 0), "uno": ("unit", 1), "una": ("unit", 1), "un": ("unit", 1), "dos": ("unit", 2),
    "tres": ("unit", 3), "cuatro": ("unit", 4), "cinco": ("unit", 5), "seis": ("unit", 6), "siete": ("unit", 7),
    "ocho": ("unit", 8), "nueve": ("unit", 9), "diez": ("teen", 10), "once": ("teen", 11), "doce": ("teen", 12),
    "trece": ("teen", 13), "catorce": ("teen", 14), "quince": ("teen", 15), "dieciséis": ("teen", 16),
    "dieciseis": ("teen", 16), "diecisiete": ("teen", 17), "dieciocho": ("teen", 18), "diecinueve": ("teen", 19),
    "veinte": ("tens", 20), "veintiuno": ("teen", 21), "veintiuna": ("teen", 21), "veintiún": ("teen", 21),
    "veintidós": ("teen", 22), "veintidos": ("teen", 22), "veintitrés": ("teen", 23), "veintitres": ("teen", 23),
    "veinticuatro": ("teen", 24), "veinticinco": ("teen", 25), "veintiséis": ("teen", 26),
    "veintiseis": ("teen", 26), "veintisiete": ("teen", 27), "veintiocho": ("teen", 28),
    "veintinueve": ("teen", 29), "treinta": ("tens", 30), "cuarenta": ("tens", 40), "cincuenta": ("tens", 50),
    "sesenta": ("tens", 60), "setenta": ("tens", 70), "ochenta": ("tens", 80), "noventa": ("tens", 90),
    "cien": ("hundreds", 100), "ciento": ("hundreds", 100), "doscientos": ("hundreds", 200),
    "doscientas": ("hundreds", 200), "trescientos": ("hundreds", 300), "trescientas": ("hundreds", 300),
    "cuatrocientos": ("hundreds", 400), "cuatrocientas": ("hundreds", 400), "quinientos": ("hundreds", 500),
    "quinientas": ("hundreds", 500), "seiscientos": ("hundreds", 600), "seiscientas": ("hundreds", 600),
    "setecientos": ("hundreds", 700), "setecientas": ("hundreds", 700), "ochocientos": ("hundreds", 800),
    "ochocientas": ("hundreds", 800), "novecientos": ("hundreds", 900), "novecientas": ("hundreds", 900),
    "mil": ("thousand", 1000),
}  # fmt: skip
_PT = {
    "zero": ("unit", 0), "um": ("unit", 1), "uma": ("unit", 1), "dois": ("unit", 2), "duas": ("unit", 2),
    "três": ("unit", 3), "tres": ("unit", 3), "quatro": ("unit", 4), "cinco": ("unit", 5), "seis": ("unit", 6),
    "sete": ("unit", 7), "oito": ("unit", 8), "nove": ("unit", 9), "dez": ("teen", 10), "onze": ("teen", 11),
    "doze": ("teen", 12), "treze": ("teen", 13), "catorze": ("teen", 14), "quatorze": ("teen", 14),
    "quinze": ("teen", 15), "dezesseis": ("teen", 16), "dezasseis": ("teen", 16), "dezessete": ("teen", 17),
    "dezassete": ("teen", 17), "dezoito": ("teen", 18), "dezenove": ("teen", 19), "dezanove": ("teen", 19),
    "vinte": ("tens", 20), "trinta": ("tens", 30), "quarenta": ("tens", 40), "cinquenta": ("tens", 50),
    "sessenta": ("tens", 60), "setenta": ("tens", 70), "oitenta": ("tens", 80), "noventa": ("tens", 90),
    "cem": ("hundreds", 100), "cento": ("hundreds", 100), "duzentos": ("hundreds", 200),
    "duzentas": ("hundreds", 200), "trezentos": ("hundreds", 300), "trezentas": ("hundreds", 300),
    "quatrocentos": ("hundreds", 400), "quatrocentas": ("hundreds", 400), "quinhentos": ("hundreds", 500),
    "quinhentas": ("hundreds", 500), "seiscentos": ("hundreds", 600), "seiscentas": ("hundreds", 600),
    "setecentos": ("hundreds", 700), "setecentas": ("hundreds", 700), "oitocentos": ("hundreds", 800),
    "oitocentas": ("hundreds", 800), "novecentos": ("hundreds", 900), "novecentas": ("hundreds", 900),
    "mil": ("thousand", 1000),
}  # fmt: skip
_WORDS = {"en": _EN, "es": _ES, "pt": _PT}
# what may stand between two parts of one number ("one hundred and twenty", "forty-five",
# "cuarenta y cinco", "dois mil e quinhentos")
_JOINERS = {"en": frozenset({"and", "-"}), "es": frozenset({"y"}), "pt": frozenset({"e"})}
# scale words that may follow a small number written in words ("three million")
_SCALES = (
    "million millions billion billions trillion trillions millón millon millones billón billones "
    "milhão milhao milhões milhoes bilhão bilhao bilhões bilhoes trilhão trilhões".split()
)
_TOKEN = recache.compile(r"[^\W\d_]+|-")


def _trie_pattern(words: list[str]) -> str:
    """One regular expression matching any of ``words``, as a prefix tree (many times faster
    than an alternation of the words)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


# Fractions of a whole: "a third", "two-thirds", "la mitad", "dois terços".
# A fraction word is found through its denominator (the word a fraction cannot do without) and
# read with the numerator just before it. Every phrase below is a fraction in one language and
# nothing else in the others, so they are read whatever the text's language (a Chinese text
# quoting "two thirds" too).
_PARTS = frozenset(("parte", "partes"))
_DENOMINATORS = {
    "half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
    "mitad": 2, "tercio": 3, "tercios": 3, "cuarto": 4, "cuartos": 4, "quinto": 5, "quintos": 5,
    "metade": 2, "terço": 3, "terços": 3, "quarto": 4, "quartos": 4,
}  # fmt: skip
# "la tercera parte", "las dos terceras partes", "a terça parte": an ordinal and "parte(s)"
_PART_ORDINALS = {
    "tercera": 3, "terceras": 3, "terça": 3, "terças": 3, "terceira": 3, "terceiras": 3,
    "cuarta": 4, "cuartas": 4, "quarta": 4, "quartas": 4, "quinta": 5, "quintas": 5,
}  # fmt: skip
# the numerator before a denominator ("a"/"la"/"a" articles stand for one)
_NUMERATORS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "un": 1, "una": 1, "la": 1, "dos": 2, "tres": 3,
    "cuatro": 4, "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4,
}  # fmt: skip
# "the first half of 2021": a half of a period is no share
_HALF_AFTER_ORDINAL = frozenset("first second latter former last other primera segunda primeira".split())
# what follows a share: "of", "de", "da" ... or the end of its clause ("fell by a third.");
# "a third country", "a third phase", "el cuarto trimestre" are ordinals, never shares
_AFTER_SHARE_RE = recache.compile(r"(?:[ \u00a0]+(?:of|the|de|del|da|do|das|dos)\b|\s*(?:[.,;:)]|$))")


_WORD_BEFORE_RE = recache.compile(r"([^\W\d_]+)[ \u00a0-]$")


def _word_before(low: str, pos: int) -> tuple[str, int] | None:
    """The word just before ``pos`` (one space or hyphen between) and where it starts."""
    m = _WORD_BEFORE_RE.search(low, max(0, pos - 24), pos)
    return (m.group(1), m.start(1)) if m else None


def _read_fraction(text: str, low: str, start: int, end: int) -> WordNumber | None:
    """The share whose denominator word (or "parte(s)") is ``low[start:end]``, if it is one."""
    word = low[start:end]
    if word in _PARTS:
        before = _word_before(low, start)
        if before is None or before[0] not in _PART_ORDINALS:
            return None
        denominator, start = _PART_ORDINALS[before[0]], before[1]
    else:
        denominator = _DENOMINATORS[word]
    before = _word_before(low, start)
    numerator = _NUMERATORS.get(before[0]) if before else None
    if numerator is not None:
        start = before[1]
    elif denominator != 2 or (before and before[0] in _HALF_AFTER_ORDINAL):
        return None  # "third" alone is an ordinal; "the first half" a period
    else:
        numerator = 1  # a half needs no numerator: "half of the", "metade da"
    plural = word.endswith("s")
    if (numerator > 1) != plural or numerator >= denominator:
        return None  # "two third", "a thirds", "four quarters": not a share as written
    if _AFTER_SHARE_RE.match(low, end) is None:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return WordNumber(start, end, text[start:end], value, "fraction")


# words a figure in words cannot do without: every word from ten up, every multiplier, the
# scale words that follow a small number, and the denominators of shares; found only at the
# start of a word (one pass finds cardinals and shares)
_TRIGGERS = sorted(
    {w for table in _WORDS.values() for w, (kind, _) in table.items() if kind != "unit"}
    | set(_SCALES)
    | set(_DENOMINATORS)
    | _PARTS
)
_TRIGGER_RE = recache.compile(r"\b" + _trie_pattern(_TRIGGERS) + r"(?![^\W\d_])")
_SCALE_SET = frozenset(_SCALES)
# "a" right before a scale word ("a million homes"), not the end of another word
_ARTICLE_ONE_RE = recache.compile(r"(?:^|(?<![^\W\d_]))(a)[ \u00a0]$")


class WordNumber(NamedTuple):
    """A cardinal written in words: where it is (``start:end``), its text and its value (as
    exact as the same number in digits: "two thousand" is read like "2000"). ``kind`` is
    "fraction" for a share of a whole ("two thirds"), its value then in percent."""

    start: int
    end: int
    text: str
    value: Decimal
    kind: str = "cardinal"


def _words_before(text: str, pos: int, table: dict, joiners: frozenset) -> int:
    """Where a number phrase ending just before ``pos`` starts (``pos`` if none does)."""
    start = cursor = pos
    window = text[max(0, pos - 80) : pos]
    offset = pos - len(window)
    for m in reversed(list(_TOKEN.finditer(window))):
        gap = window[m.end() : cursor - offset]
        if gap.strip(" ") or len(gap) > 2:
            break
        word = m.group()
        if word in table:
            start = cursor = m.start() + offset
        elif word in joiners:
            cursor = m.start() + offset
        else:
            break
    return start


def _read_phrase(text: str, low: str, start: int, table: dict, joiners: frozenset) -> WordNumber | None:
    """The number phrase starting at ``start`` (lower-cased text ``low``), read greedily."""
    total = current = 0
    last_kind = None
    end = start
    pos = start
    pending_joiner = False
    for m in _TOKEN.finditer(low, start, start + 200):
        if low[pos : m.start()].strip(" ") or m.start() - pos > 2:
            break  # something other than a space between two words ends the phrase
        word = m.group()
        pos = m.end()
        if word in joiners:
            if last_kind is None or pending_joiner:
                break
            pending_joiner = True
            continue
        entry = table.get(word)
        if entry is None:
            break
        kind, value = entry
        if not _follows(last_kind, kind):
            break
        if kind == "hundred":
            current = (current or 1) * 100
        elif kind == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            current += value
        last_kind = kind
        end = m.end()
        pending_joiner = False
    if last_kind is None:
        return None
    return WordNumber(start, end, text[start:end], Decimal(total + current))


# which kind of word may come after which: "twenty five" but not "five twenty" or "two three"
_AFTER = {
    None: {"unit", "teen", "tens", "hundreds", "hundred", "thousand"},
    "unit": {"hundred", "thousand"},
    "teen": {"hundred", "thousand"},
    "tens": {"unit", "hundred", "thousand"},
    "hundreds": {"unit", "teen", "tens", "thousand"},
    "hundred": {"unit", "teen", "tens", "thousand"},
    "thousand": {"unit", "teen", "tens", "hundreds"},
}


def _follows(last: str | None, kind: str) -> bool:
    return kind in _AFTER[last]


_ANY_WORD = {w: entry for table in _WORDS.values() for w, entry in table.items()}
_ANY_JOINER = frozenset().union(*_JOINERS.values())


def find_number_words(text: str, lang: str | Callable[[], str]) -> list[WordNumber]:
    """Every cardinal written in words in ``text`` in language ``lang`` ("en", "es", "pt";
    or a callable giving it, asked only once a phrase is in sight), in order. A phrase is
    found through a word it cannot do without (see the module docstring), so a lone "two"
    or "un" (an article as often as a number) is not.

    >>> find_number_words("US$4.5 billion", lambda: 1 / 0)  # digits before the scale word: never asked
    []
    """
    return [w for w in find_words(text, lang) if w.kind == "cardinal"]


def find_fraction_words(text: str) -> list[WordNumber]:
    """Every share of a whole written in words, as a percentage, in order (any language).

    >>> [(w.text, round(w.value, 2)) for w in find_fraction_words("Two-thirds of the output; la mitad de las ventas.")]
    [('Two-thirds', Decimal('66.67')), ('la mitad', Decimal('50.00'))]
    >>> find_fraction_words("a third country in the first half of 2021, the fourth quarter")
    []
    """
    return [w for w in find_words(text, lambda: "") if w.kind == "fraction"]


def find_words(text: str, lang: str | Callable[[], str]) -> list[WordNumber]:
    """The cardinals (in ``lang``, as :func:`find_number_words`) and the shares (in any
    language, as :func:`find_fraction_words`) written in words in ``text``, in order: one pass."""
    low = text.lower()
    if len(low) != len(text):  # a few letters lower-case to two characters: keep offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    table: dict | None = None
    code: str | None = None
    joiners: frozenset = frozenset()
    found: list[WordNumber] = []
    done = 0
    for m in _TRIGGER_RE.finditer(low):
        if m.start() < done:
            continue
        word = m.group()
        if word in _DENOMINATORS or word in _PARTS:
            number = _read_fraction(text, low, m.start(), m.end())
            if number is not None and number.start >= done:
                found.append(number)
                done = number.end
            continue
        article = word in _SCALE_SET and _ARTICLE_ONE_RE.search(low, max(0, m.start() - 3), m.start())
        if (
            not article
            and word in _SCALE_SET
            and _words_before(low, m.start(), _ANY_WORD, _ANY_JOINER) == m.start()
        ):
            continue  # a scale word after digits, or after no number at all
        if table is None:
            code = lang() if callable(lang) else lang
            table = _WORDS.get(code or "", {})
            joiners = _JOINERS.get(code or "", frozenset())
        if not table:
            continue  # no cardinals in words in this language (shares are still read)
        if word in _SCALE_SET or word in table:
            start = _words_before(low, m.start(), table, joiners)
        else:
            continue  # another language's word
        if start == m.start() and word in _SCALE_SET:
            if article and code == "en":  # "a billion dollars": the article stands for one
                found.append(
                    WordNumber(
                        article.start(1), article.end(1), text[article.start(1) : article.end(1)], Decimal(1)
                    )
                )
                done = m.start()
            continue
        number = _read_phrase(text, low, start, table, joiners)
        if number is not None and number.end > done:
            found.append(number)
            done = number.end
    return found
