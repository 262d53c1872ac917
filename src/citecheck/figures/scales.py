"""Scale words: the multipliers written after a number, in English, Chinese, Spanish, Portuguese.

>>> match_scale("4.5 billion tons", 3)
ScaleMatch(word='billion', multiplier=Decimal('1000000000'), end=11, currency=None)
>>> match_scale("1.08亿美元", 4).multiplier
Decimal('100000000')
>>> match_scale("10 mil millones de pesos", 2).word
'mil millones'
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from .. import recache

# canonical word -> multiplier.  Spanish billón and European Portuguese bilião are 10^12;
# Brazilian bilhão is 10^9 (the usage of every Brazilian source).
SCALE_WORDS: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "mil": Decimal(10) ** 3,
    "millón": Decimal(10) ** 6,
    "mil millones": Decimal(10) ** 9,
    "millardo": Decimal(10) ** 9,
    "billón": Decimal(10) ** 12,
    "milhão": Decimal(10) ** 6,
    "bilhão": Decimal(10) ** 9,
    "mil milhões": Decimal(10) ** 9,
    "bilião": Decimal(10) ** 12,
    "trilhão": Decimal(10) ** 12,
    "千": Decimal(10) ** 3,
    "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
}

# spelling -> canonical word (matched case-insensitively, longest first)
_SPELLINGS = {
    "thousand": "thousand", "thousands": "thousand", "k": "thousand",
    "million": "million", "millions": "million", "mn": "million", "mln": "million", "mio": "million",
    "billion": "billion", "billions": "billion", "bn": "billion", "bln": "billion",
    "trillion": "trillion", "trillions": "trillion", "tn": "trillion", "trn": "trillion",
    "mil millones": "mil millones", "miles de millones": "mil millones",
    "millones": "millón", "millón": "millón", "millon": "millón", "millones de": "millón",
    "millardos": "millardo", "millardo": "millardo",
    "billones": "billón", "billón": "billón", "billon": "billón",
    "mil milhões": "mil milhões", "mil milhoes": "mil milhões",
    "milhões": "milhão", "milhão": "milhão", "milhoes": "milhão", "milhao": "milhão",
    "bilhões": "bilhão", "bilhão": "bilhão", "bilhoes": "bilhão", "bilhao": "bilhão",
    "biliões": "bilião", "bilião": "bilião",
    "trilhões": "trilhão", "trilhão": "trilhão", "trilhoes": "trilhão",
    "mil": "mil",
    # the Spanish press abbreviation of millones, with its stop ("3.200 mill. de dólares")
    "mill.": "millón", "mills.": "millón",
}  # fmt: skip
# Mexican press abbreviations that hold the scale and the currency: millones de dólares (mdd),
# miles de millones de dólares (mmdd), millones de pesos (mdp), miles de millones de pesos (mmdp)
_SCALE_AND_CURRENCY = {
    "mdd": ("millón", "USD"), "mmdd": ("mil millones", "USD"),
    "mdp": ("millón", "MXN"), "mmdp": ("mil millones", "MXN"),
}  # fmt: skip
_SCALE_AND_CURRENCY_RE = recache.compile(r"[ \u00a0]?(mmdd|mmdp|mdd|mdp)(?![A-Za-zÀ-ÖØ-öø-ÿ])", re.IGNORECASE)

_WORD_RE = recache.compile(
    r"[ \u00a0]?(?:"
    + "|".join(
        re.escape(w) for w in sorted(_SPELLINGS, key=len, reverse=True) if w not in ("k", "millones de")
    )
    + r")(?![A-Za-zÀ-ÖØ-öø-ÿ])",
    re.IGNORECASE,
)
# every character _WORD_RE can start with after its optional space (İ ı ſ and the Kelvin sign: re's other case folds)
_WORD_FIRST = frozenset({w[0] for w in _SPELLINGS} | {w[0].upper() for w in _SPELLINGS} | set("İıſ\u212a"))
_K_RE = recache.compile(r"[kK](?![A-Za-zÀ-ÖØ-öø-ÿ])")
# Short forms that only mean "million"/"billion" right after a currency amount: US$5m, $2bn, R$3B
_MONEY_SHORT_RE = recache.compile(r" ?(m|M|b|B|MM|mi|bi|tri|mil mi|mil bi)\.?(?![A-Za-zÀ-ÖØ-öø-ÿ])")
_MONEY_SHORT = {
    "m": "million", "M": "million", "MM": "million", "b": "billion", "B": "billion",
    "mi": "milhão", "bi": "bilhão", "tri": "trilhão", "mil mi": "bilhão", "mil bi": "trilhão",
}  # fmt: skip
_CN_RE = recache.compile(r"[十百千万萬亿億]+")
_CN_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


class ScaleMatch(NamedTuple):
    """A scale word found after a number (a named tuple: one is built per number read);
    ``currency`` when the abbreviation names one too (``mdd``: millones de dólares)."""

    word: str  # canonical: "billion", "亿", "万亿", "mil millones"
    multiplier: Decimal
    end: int
    currency: str | None = None


def chinese_scale(chars: str) -> Decimal:
    """Multiplier of a run of Chinese scale characters: 万亿 = 10^12, 百万 = 10^6.

    >>> chinese_scale("万亿")
    Decimal('1000000000000')
    """
    value = Decimal(1)
    for c in chars:
        value *= _CN_VALUES[c]
    return value


def _canon_cn(chars: str) -> str:
    return chars.replace("萬", "万").replace("億", "亿")


# canonical word and multiplier of the usual runs (one or two characters), computed once
_CN_SCALES: dict[str, tuple[str, Decimal]] = {
    run: (_canon_cn(run), chinese_scale(run))
    for run in [a + b for a in _CN_VALUES for b in ("", *_CN_VALUES)]
}


def match_scale(text: str, pos: int, *, money: bool = False, unit_follows=None) -> ScaleMatch | None:
    """Match a scale word at ``pos`` (right after a number).

    ``money``: the number carries a currency, so ``m``/``bn``/``B`` abbreviations count.
    ``unit_follows(text, pos) -> bool`` lets the caller keep 千 of 千瓦 (kW) as part of the
    unit: the Chinese run is shortened until what follows is not a unit that starts there.
    """
    m = _CN_RE.match(text, pos) if text[pos : pos + 1] in _CN_VALUES else None  # (its first characters)
    if m:
        run = m.group()
        # shorten so that a unit such as 千瓦 / 千米 / 千克 keeps its 千
        k = len(run)
        if unit_follows is not None:
            while k > 0 and run[k - 1] in "千" and unit_follows(text, pos + k - 1):
                k -= 1
        run = run[:k]
        if run and run != "十" and run != "百":
            known = _CN_SCALES.get(run)
            word, multiplier = known if known else (_canon_cn(run), chinese_scale(run))
            return ScaleMatch(word, multiplier, pos + len(run))
        return None
    c = text[pos : pos + 2].lstrip(" \u00a0")[:1]
    if not (c.isascii() and c.isalpha() or "\u00c0" <= c <= "\u00ff"):
        return None
    if c in "mM":
        m = _SCALE_AND_CURRENCY_RE.match(text, pos)
        if m:
            canon, currency = _SCALE_AND_CURRENCY[m.group(1).lower()]
            return ScaleMatch(canon, SCALE_WORDS[canon], m.end(), currency)
    m = _WORD_RE.match(text, pos) if c in _WORD_FIRST else None
    if m:
        word = m.group().strip().lower()
        canon = _SPELLINGS.get(word)
        if canon is None:
            return None
        end = m.end()
        return ScaleMatch(canon, SCALE_WORDS[canon], end)
    m = _K_RE.match(text, pos)
    if m:
        return ScaleMatch("thousand", SCALE_WORDS["thousand"], m.end())
    if money:
        m = _MONEY_SHORT_RE.match(text, pos)
        if m:
            canon = _MONEY_SHORT[m.group(1)]
            return ScaleMatch(canon, SCALE_WORDS[canon], m.end())
    return None


def scale_value(word: str | None) -> Decimal:
    """Multiplier of a canonical scale word (1 for None).

    >>> scale_value("mil millones")
    Decimal('1000000000')
    """
    if not word:
        return Decimal(1)
    if word in SCALE_WORDS:
        return SCALE_WORDS[word]
    if all(c in _CN_VALUES for c in word):
        return chinese_scale(word)
    return Decimal(1)
