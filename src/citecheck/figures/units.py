"""Units, currencies and counted nouns, with conversion to the base unit of each family.

Base units (see :class:`citecheck.model.Quantity`): power W, energy Wh, mass t, area ha,
length m, voltage V; currency amounts stay in units of their currency (ISO 4217 code).

>>> match_unit("MW of solar", 0)
UnitMatch(family='power', unit='W', factor=Decimal('1000000'), end=2, symbol='MW')
>>> match_unit("兆瓦时", 0).family
'energy'
>>> match_currency_suffix(" U.S. dollars", 0)
('USD', 13)
>>> match_currency_prefix("worth US\\\\$")
('USD', 'US$', 4)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from .. import recache

D = Decimal

# symbol or word -> (family, base unit, factor to base)
_SYMBOLS: dict[str, tuple[str, str, Decimal]] = {
    "W": ("power", "W", D(1)), "kW": ("power", "W", D(10) ** 3), "MW": ("power", "W", D(10) ** 6),
    "GW": ("power", "W", D(10) ** 9), "TW": ("power", "W", D(10) ** 12),
    "kWp": ("power", "W", D(10) ** 3), "MWp": ("power", "W", D(10) ** 6), "GWp": ("power", "W", D(10) ** 9),
    "MWe": ("power", "W", D(10) ** 6), "MWac": ("power", "W", D(10) ** 6), "MWdc": ("power", "W", D(10) ** 6),
    "Wh": ("energy", "Wh", D(1)), "kWh": ("energy", "Wh", D(10) ** 3), "MWh": ("energy", "Wh", D(10) ** 6),
    "GWh": ("energy", "Wh", D(10) ** 9), "TWh": ("energy", "Wh", D(10) ** 12),
    "t": ("mass", "t", D(1)), "kt": ("mass", "t", D(10) ** 3), "Mt": ("mass", "t", D(10) ** 6),
    "Gt": ("mass", "t", D(10) ** 9), "kg": ("mass", "t", D("0.001")),
    "tCO2": ("mass", "t", D(1)), "tCO2e": ("mass", "t", D(1)), "MtCO2": ("mass", "t", D(10) ** 6),
    "MtCO2e": ("mass", "t", D(10) ** 6), "GtCO2": ("mass", "t", D(10) ** 9),
    # Spanish mining and trade statistics: toneladas métricas (TM), of fine metal content (TMF)
    "TM": ("mass", "t", D(1)), "TMF": ("mass", "t", D(1)),
    "ha": ("area", "ha", D(1)), "km2": ("area", "ha", D(100)), "km²": ("area", "ha", D(100)),
    "m2": ("area", "ha", D("0.0001")), "m²": ("area", "ha", D("0.0001")),
    "km": ("length", "m", D(1000)),
    "V": ("voltage", "V", D(1)), "kV": ("voltage", "V", D(10) ** 3), "MV": ("voltage", "V", D(10) ** 6),
}  # fmt: skip

_WORDS: dict[str, tuple[str, str, Decimal]] = {
    "watts": ("power", "W", D(1)), "watt": ("power", "W", D(1)),
    "kilowatts": ("power", "W", D(10) ** 3), "kilowatt": ("power", "W", D(10) ** 3),
    "megawatts": ("power", "W", D(10) ** 6), "megawatt": ("power", "W", D(10) ** 6),
    "gigawatts": ("power", "W", D(10) ** 9), "gigawatt": ("power", "W", D(10) ** 9),
    "kilovatios": ("power", "W", D(10) ** 3), "megavatios": ("power", "W", D(10) ** 6),
    "gigavatios": ("power", "W", D(10) ** 9), "megavatio": ("power", "W", D(10) ** 6),
    "quilowatts": ("power", "W", D(10) ** 3), "megawatt-pico": ("power", "W", D(10) ** 6),
    "kilowatt-hours": ("energy", "Wh", D(10) ** 3), "kilowatt hours": ("energy", "Wh", D(10) ** 3),
    "kilowatt-hour": ("energy", "Wh", D(10) ** 3), "kilowatt hour": ("energy", "Wh", D(10) ** 3),
    "megawatt-hours": ("energy", "Wh", D(10) ** 6), "megawatt hours": ("energy", "Wh", D(10) ** 6),
    "gigawatt-hours": ("energy", "Wh", D(10) ** 9), "gigawatt hours": ("energy", "Wh", D(10) ** 9),
    "terawatt-hours": ("energy", "Wh", D(10) ** 12), "terawatt hours": ("energy", "Wh", D(10) ** 12),
    "kilovatios hora": ("energy", "Wh", D(10) ** 3), "megavatios hora": ("energy", "Wh", D(10) ** 6),
    "gigavatios hora": ("energy", "Wh", D(10) ** 9), "quilowatts-hora": ("energy", "Wh", D(10) ** 3),
    "tons": ("mass", "t", D(1)), "ton": ("mass", "t", D(1)), "tonnes": ("mass", "t", D(1)),
    "tonne": ("mass", "t", D(1)), "metric tons": ("mass", "t", D(1)), "metric tonnes": ("mass", "t", D(1)),
    "toneladas": ("mass", "t", D(1)), "tonelada": ("mass", "t", D(1)),
    "toneladas métricas": ("mass", "t", D(1)), "kilograms": ("mass", "t", D("0.001")),
    "kilogramos": ("mass", "t", D("0.001")), "quilos": ("mass", "t", D("0.001")),
    "hectares": ("area", "ha", D(1)), "hectare": ("area", "ha", D(1)),
    "hectáreas": ("area", "ha", D(1)), "hectareas": ("area", "ha", D(1)),
    "square kilometers": ("area", "ha", D(100)), "square kilometres": ("area", "ha", D(100)),
    "kilómetros cuadrados": ("area", "ha", D(100)), "quilômetros quadrados": ("area", "ha", D(100)),
    "acres": ("area", "ha", D("0.40468564224")),
    "kilometers": ("length", "m", D(1000)), "kilometres": ("length", "m", D(1000)),
    "kilometer": ("length", "m", D(1000)), "kilometre": ("length", "m", D(1000)),
    "kilómetro": ("length", "m", D(1000)), "quilômetro": ("length", "m", D(1000)),
    "meter": ("length", "m", D(1)), "metre": ("length", "m", D(1)), "metro": ("length", "m", D(1)),
    "hectárea": ("area", "ha", D(1)), "hectarea": ("area", "ha", D(1)), "acre": ("area", "ha", D("0.40468564224")),
    "square kilometer": ("area", "ha", D(100)), "square kilometre": ("area", "ha", D(100)),
    "square meters": ("area", "ha", D("0.0001")), "square metres": ("area", "ha", D("0.0001")),
    "metros cuadrados": ("area", "ha", D("0.0001")), "metros quadrados": ("area", "ha", D("0.0001")),
    "kilogram": ("mass", "t", D("0.001")), "kilogramo": ("mass", "t", D("0.001")),
    "mile": ("length", "m", D("1609.344")), "gigawatt-hour": ("energy", "Wh", D(10) ** 9),
    "megawatt-hour": ("energy", "Wh", D(10) ** 6), "terawatt-hour": ("energy", "Wh", D(10) ** 12),
    "kilómetros": ("length", "m", D(1000)), "quilômetros": ("length", "m", D(1000)),
    "quilómetros": ("length", "m", D(1000)), "miles": ("length", "m", D("1609.344")),
    "meters": ("length", "m", D(1)), "metres": ("length", "m", D(1)), "metros": ("length", "m", D(1)),
    "kilovolts": ("voltage", "V", D(10) ** 3), "kilovolt": ("voltage", "V", D(10) ** 3),
    "kilovoltios": ("voltage", "V", D(10) ** 3), "quilovolts": ("voltage", "V", D(10) ** 3),
    "volts": ("voltage", "V", D(1)), "voltios": ("voltage", "V", D(1)),
}  # fmt: skip

_CJK_UNITS: dict[str, tuple[str, str, Decimal]] = {
    "千瓦时": ("energy", "Wh", D(10) ** 3), "千瓦·时": ("energy", "Wh", D(10) ** 3),
    "千瓦小时": ("energy", "Wh", D(10) ** 3), "度电": ("energy", "Wh", D(10) ** 3),
    "度": ("energy", "Wh", D(10) ** 3), "兆瓦时": ("energy", "Wh", D(10) ** 6),
    "吉瓦时": ("energy", "Wh", D(10) ** 9), "太瓦时": ("energy", "Wh", D(10) ** 12),
    "瓦": ("power", "W", D(1)), "千瓦": ("power", "W", D(10) ** 3), "兆瓦": ("power", "W", D(10) ** 6),
    "吉瓦": ("power", "W", D(10) ** 9), "瓩": ("power", "W", D(10) ** 3),
    "吨": ("mass", "t", D(1)), "噸": ("mass", "t", D(1)), "公吨": ("mass", "t", D(1)),
    "千克": ("mass", "t", D("0.001")), "公斤": ("mass", "t", D("0.001")),
    "公顷": ("area", "ha", D(1)), "公頃": ("area", "ha", D(1)), "亩": ("area", "ha", D(1) / D(15)),
    "平方公里": ("area", "ha", D(100)), "平方千米": ("area", "ha", D(100)),
    "公里": ("length", "m", D(1000)), "千米": ("length", "m", D(1000)), "米": ("length", "m", D(1)),
    "千伏": ("voltage", "V", D(10) ** 3), "伏特": ("voltage", "V", D(1)), "伏": ("voltage", "V", D(1)),
}  # fmt: skip


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Characters that re's case-insensitive matching takes for an ASCII letter other than its
# two cases (İ ı for i, ſ for s, the Kelvin sign for k).  _first_chars adds them to any (?i) set: a superset
# is all a cheap "can this alternation start here?" test needs.
_FOLD_EXTRA = frozenset("İıſ\u212a")


def _first_chars(words, ignorecase: bool) -> frozenset[str]:
    """Every character an alternation of ``words`` can start with."""
    chars = {w[0] for w in words}
    if ignorecase:
        chars |= {c.lower() for c in chars} | {c.upper() for c in chars} | _FOLD_EXTRA
    return frozenset(chars)


def _letter_at(text: str, pos: int) -> str:
    """The character at ``pos``, or after one space or hyphen there."""
    c = text[pos : pos + 1]
    if c in (" ", "\u00a0", "-"):
        c = text[pos + 1 : pos + 2]
    return c


_SYM_RE = recache.compile(r"[ \u00a0-]?(" + _alt(_SYMBOLS) + r")(?![A-Za-zÀ-ÖØ-öø-ÿ])")
_WORD_RE = recache.compile(r"[ \u00a0-]?(" + _alt(_WORDS) + r")(?![A-Za-zÀ-ÖØ-öø-ÿ])", re.IGNORECASE)
_CJK_RE = recache.compile(r"(" + _alt(_CJK_UNITS) + r")")
_WORDS_LOWER = {k.lower(): v for k, v in _WORDS.items()}
_SYM_FIRST = _first_chars(_SYMBOLS, ignorecase=False)
_WORD_FIRST = _first_chars(_WORDS, ignorecase=True)


def _key_of(table: dict, matched: str) -> str:
    """The key of ``table`` (lower case) that a case-insensitive pattern matched as ``matched``.

    ``str.lower`` is enough but for the characters re also folds (ſ for s, ı and İ for i, the
    Kelvin sign for k): those are looked for with re's own folding.

    >>> _key_of({"miles": 1}, "MILES"), _key_of({"miles": 1}, "mileſ")
    ('miles', 'miles')
    """
    key = matched.lower()
    if key in table:
        return key
    return next(k for k in table if re.fullmatch(re.escape(k), matched, re.IGNORECASE))


class UnitMatch(NamedTuple):
    """A unit found after a number (a named tuple: one is built per number read)."""

    family: str
    unit: str
    factor: Decimal
    end: int
    symbol: str


def letter_follows(text: str, pos: int) -> bool:
    """A Latin letter at ``pos``, after at most one space or hyphen (cheap guard before big alternations)."""
    c = text[pos : pos + 1]
    if c in (" ", "\u00a0", "-"):
        c = text[pos + 1 : pos + 2]
    return c.isascii() and c.isalpha() or ("\u00c0" <= c <= "\u00ff")


def match_unit(text: str, pos: int) -> UnitMatch | None:
    """Match a physical unit at ``pos`` (symbol, word, or Chinese unit).

    >>> match_unit("5 万千瓦", 3).symbol
    '千瓦'
    """
    m = _CJK_RE.match(text, pos)
    if m:
        fam, unit, factor = _CJK_UNITS[m.group(1)]
        return UnitMatch(fam, unit, factor, m.end(), m.group(1))
    if not letter_follows(text, pos):
        return None
    c = _letter_at(text, pos)
    m = _SYM_RE.match(text, pos) if c in _SYM_FIRST else None
    if m:
        fam, unit, factor = _SYMBOLS[m.group(1)]
        return UnitMatch(fam, unit, factor, m.end(), m.group(1))
    m = _WORD_RE.match(text, pos) if c in _WORD_FIRST else None
    if m:
        fam, unit, factor = _WORDS_LOWER[_key_of(_WORDS_LOWER, m.group(1))]
        return UnitMatch(fam, unit, factor, m.end(), m.group(1))
    return None


def unit_starts_at(text: str, pos: int) -> bool:
    """True when a Chinese unit starts at ``pos`` (keeps 千 of 千瓦 out of the scale)."""
    return _CJK_RE.match(text, pos) is not None


# ---- percent ---------------------------------------------------------------------------

_PERCENT_RE = recache.compile(
    r"[ \u00a0]?(%|％|‰|percent(?:age)?(?! points?)|per cent|por ciento|por cento|pct)(?![A-Za-zÀ-ÖØ-öø-ÿ])",
    re.IGNORECASE,
)
_POINTS_RE = recache.compile(
    r"[ \u00a0]?(percentage points?|percent points?|个百分点|個百分點|puntos porcentuales|"
    r"pontos percentuais|p\.p\.|pp(?![A-Za-zÀ-ÖØ-öø-ÿ]))",
    re.IGNORECASE,
)


# what the two patterns can start with (after the optional space), (?i) included; callers test
# it too before calling match_percent
PERCENT_FIRST = frozenset("%％‰个個pP")


def match_percent(text: str, pos: int) -> tuple[str, int] | None:
    """``("%", end)`` for percent, ``("pp", end)`` for percentage points."""
    c = text[pos : pos + 1]
    if c in (" ", "\u00a0"):
        c = text[pos + 1 : pos + 2]
    if c == "" or c not in PERCENT_FIRST:
        return None  # cheap test before the two patterns
    m = _POINTS_RE.match(text, pos)
    if m:
        return "pp", m.end()
    m = _PERCENT_RE.match(text, pos)
    if m:
        if m.group(1) == "‰":
            return "‰", m.end()
        return "%", m.end()
    return None


# ---- currencies --------------------------------------------------------------------------

_PREFIX = {
    "US$": "USD", "U.S.$": "USD", "U.S. $": "USD", "US $": "USD", "USD": "USD", "USD$": "USD",
    "R$": "BRL", "BRL": "BRL", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "RMB": "CNY", "CNY": "CNY", "¥": "CNY", "￥": "CNY", "RMB¥": "CNY", "ARS": "ARS", "AR$": "ARS",
    "MXN": "MXN", "MX$": "MXN", "CLP": "CLP", "COP": "COP", "PEN": "PEN", "S/": "PEN", "S/.": "PEN",
    "$": "USD", "MMUS$": "USD", "MUS$": "USD",
}  # fmt: skip
# Chilean accounts write the scale into the currency: MMUS$ 350 is US$350 million, MUS$ 120 is
# US$120 thousand (the canonical scale word of each)
PREFIX_SCALES = {"MMUS$": "million", "MUS$": "thousand"}
# what a currency written before a number ends with (a cheap test before match_currency_prefix)
CURRENCY_PREFIX_LAST = frozenset(k[-1] for k in _PREFIX)
_PREFIX_RE = recache.compile(r"(?<![A-Za-z])(" + _alt(_PREFIX).replace(r"\$", r"\\?\$") + r")[ \u00a0]?$")

_SUFFIX = {
    "u.s. dollars": "USD", "us dollars": "USD", "u.s. dollar": "USD", "us dollar": "USD",
    "dollars": "USD", "dollar": "USD", "usd": "USD", "美元": "USD", "美金": "USD",
    "dólares estadounidenses": "USD", "dólares": "USD", "dolares": "USD", "dólar": "USD",
    "reais": "BRL", "real": "BRL", "brazilian reais": "BRL", "雷亚尔": "BRL", "雷阿尔": "BRL",
    "pesos argentinos": "ARS", "argentine pesos": "ARS", "pesos mexicanos": "MXN",
    "mexican pesos": "MXN", "pesos chilenos": "CLP", "pesos": "ARS", "peso": "ARS",
    "比索": "ARS", "阿根廷比索": "ARS", "墨西哥比索": "MXN",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "yuanes": "CNY",
    "人民币元": "CNY", "元人民币": "CNY", "人民币": "CNY", "元": "CNY",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "欧元": "EUR", "歐元": "EUR",
    "soles": "PEN", "索尔": "PEN", "brl": "BRL", "ars": "ARS", "mxn": "MXN",
}  # fmt: skip
_SUFFIX_RE = recache.compile(r"[ \u00a0]?(?:of |de )?(" + _alt(_SUFFIX) + r")(?![a-z])", re.IGNORECASE)
_SUFFIX_FIRST = _first_chars([*_SUFFIX, "of ", "de "], ignorecase=True)
# pesos are ambiguous between countries: a claim in "pesos" matches ARS, MXN, CLP, COP
PESO_CODES = frozenset({"ARS", "MXN", "CLP", "COP", "UYU"})
DOLLAR_LIKE = frozenset({"USD"}) | PESO_CODES  # a bare "$" may be any of these


def match_currency_prefix(before: str) -> tuple[str, str, int] | None:
    """Currency written just before a number: ``before`` is the text up to the number.

    Returns ``(ISO code, symbol without escapes, characters it takes in before)``.
    """
    tail = before[-8:]
    last = tail[:-1] if tail[-1:] == "\n" else tail  # "$" of the pattern also matches before a final newline
    if last[-1:] in (" ", "\u00a0"):
        last = last[:-1]
    if last[-1:] not in CURRENCY_PREFIX_LAST:
        return None  # cheap test before the search
    m = _PREFIX_RE.search(tail)
    if not m:
        return None
    sym = m.group(1).replace("\\", "")
    return _PREFIX[sym], sym, len(tail) - m.start()


def match_currency_suffix(text: str, pos: int) -> tuple[str, int] | None:
    """Currency word right after a number or scale word: ``(ISO code, end)``."""
    c = text[pos : pos + 1]
    if c in (" ", "\u00a0"):
        c = text[pos + 1 : pos + 2]
    if not (letter_follows(text, pos) or c and c in "美元人欧歐雷比索阿墨"):
        return None
    if c not in _SUFFIX_FIRST:
        return None  # cheap test before the long alternation
    m = _SUFFIX_RE.match(text, pos)
    if not m:
        return None
    word = _key_of(_SUFFIX, m.group(1))
    if word == "real" and not re.match(r"[ \u00a0]?reais", text[pos:]):
        return None  # "real" alone is too often an adjective
    return _SUFFIX[word], m.end()


# ---- prices: an amount per unit ------------------------------------------------------------
# "US$0.05/kWh", "US$ 30 por MWh", "0.5元/千瓦时", "US$70 per barrel": a price is not an amount of
# money and is compared only with a price per the same thing. Money per period ("US$5 billion
# per year", "al año") stays an amount: a yearly flow is quoted with and without its period.
_PER_RE = recache.compile(
    r"[ \u00a0]?(?:/|(?:per|por|每)[ \u00a0]?)(?:(?:the|each|one|cada|el|la|o|a|um|uma)[ \u00a0])?",
    re.IGNORECASE,
)
_PRICE_NOUNS = {
    "barrel": "barrel", "barrels": "barrel", "barril": "barrel", "barriles": "barrel", "barris": "barrel",
    "share": "share", "shares": "share", "acción": "share", "acciones": "share", "ação": "share",
    "ações": "share", "ounce": "ounce", "ounces": "ounce", "onza": "ounce", "onzas": "ounce",
    "pound": "pound", "pounds": "pound", "libra": "pound", "libras": "pound", "gallon": "gallon",
    "galón": "gallon", "litre": "litre", "liter": "litre", "litro": "litre", "unit": "unit",
    "unidad": "unit", "unidade": "unit", "head": "head", "cabeza": "head", "kilo": "kg", "quilo": "kg",
}  # fmt: skip
_PRICE_NOUN_RE = recache.compile(r"(" + _alt(_PRICE_NOUNS) + r")(?![A-Za-zÀ-ÖØ-öø-ÿ])", re.IGNORECASE)


def match_per_unit(text: str, pos: int) -> tuple[str, int] | None:
    """``("/kWh", end)`` when a price's "per unit" starts at ``pos``: a physical unit or a
    traded unit (barrel, share, ounce...) after "/", "per", "por" or 每.

    >>> match_per_unit(" por MWh generado", 0), match_per_unit("/千瓦时", 0)
    (('/MWh', 8), ('/kWh', 4))
    """
    c = text[pos : pos + 2].lstrip(" \u00a0")[:1]
    if c not in ("/", "p", "P", "每"):
        return None  # cheap test before the patterns
    m = _PER_RE.match(text, pos)
    if m is None:
        return None
    um = match_unit(text, m.end())
    if um is not None:
        if um.family not in _PER_FAMILIES:
            return None
        return "/" + _unit_label(um), um.end
    nm = _PRICE_NOUN_RE.match(text, m.end())
    if nm is not None:
        return "/" + _PRICE_NOUNS[nm.group(1).lower()], nm.end()
    return None


_PER_FAMILIES = frozenset(("power", "energy", "mass", "area", "length"))
_LABEL_PREFIX = {
    D(1): "",
    D(10) ** 3: "k",
    D(10) ** 6: "M",
    D(10) ** 9: "G",
    D(10) ** 12: "T",
    D("0.001"): "m",
}


def _unit_label(um: UnitMatch) -> str:
    """One label for a unit however it is written: kWh for kWh, 千瓦时, kilowatt-hour."""
    if um.unit == "t" and um.factor == D("0.001"):
        return "kg"
    if um.unit == "ha" and um.factor == 100:
        return "km²"
    prefix = _LABEL_PREFIX.get(um.factor)
    return f"{prefix}{um.unit}" if prefix is not None else f"{um.factor}{um.unit}"


# ---- counted nouns -------------------------------------------------------------------------

COUNT_NOUNS: dict[str, str] = {
    "projects": "project", "project": "project", "proyectos": "project", "projetos": "project",
    "jobs": "job", "job": "job", "empleos": "job", "puestos de trabajo": "job", "empregos": "job",
    "households": "household", "hogares": "household", "familias": "household",
    "famílias": "household", "domicílios": "household", "residências": "household",
    "families": "household", "homes": "household",
    "units": "unit", "unidades": "unit", "housing units": "housing unit", "viviendas": "housing unit",
    "houses": "housing unit", "moradias": "housing unit", "casas": "housing unit",
    "cars": "vehicle", "vehicles": "vehicle", "buses": "vehicle", "autos": "vehicle",
    "vehículos": "vehicle", "carros": "vehicle", "veículos": "vehicle", "ônibus": "vehicle",
    "autobuses": "vehicle", "coches": "vehicle",
    "people": "person", "persons": "person", "residents": "person", "inhabitants": "person",
    "personas": "person", "pessoas": "person", "habitantes": "person", "residentes": "person",
    "employees": "person", "workers": "person", "trabajadores": "person", "trabalhadores": "person",
    "companies": "company", "enterprises": "company", "firms": "company", "empresas": "company",
    "emitters": "company", "entities": "company",
    "countries": "country", "países": "country", "paises": "country",
    "turbines": "turbine", "turbinas": "turbine", "aerogeneradores": "turbine", "aerogeradores": "turbine",
    "panels": "panel", "modules": "panel", "paneles": "panel", "painéis": "panel", "módulos": "panel",
    "plants": "plant", "stations": "plant", "power plants": "plant", "plantas": "plant",
    "usinas": "plant", "centrales": "plant", "parks": "plant", "parques": "plant", "farms": "plant",
    "schools": "school", "escuelas": "school", "escolas": "school",
    "students": "person", "estudiantes": "person", "alunos": "person",
    "trees": "tree", "árboles": "tree", "árvores": "tree",
    "agreements": "agreement", "acuerdos": "agreement", "acordos": "agreement",
    "documents": "document", "contracts": "contract", "contratos": "contract",
    "cities": "city", "ciudades": "city", "cidades": "city", "municipalities": "city",
    "units of housing": "housing unit", "fragments": "item", "items": "item",
    "technicians": "person", "engineers": "person", "técnicos": "person", "ingenieros": "person",
    "engenheiros": "person", "berths": "berth", "atracaderos": "berth", "berços": "berth",
    # trade and transport: oil by the barrel, container traffic and ships' sizes in TEU, fleets
    "barrels": "barrel", "barriles": "barrel", "barris": "barrel",
    "teu": "TEU", "teus": "TEU", "contenedores": "TEU", "contêineres": "TEU", "containers": "TEU",
    "ships": "ship", "vessels": "ship", "buques": "ship", "barcos": "ship", "navios": "ship",
    "trains": "train", "trenes": "train", "trens": "train", "locomotives": "train", "locomotoras": "train",
    # spans of time are counted too: "30 años" of a plant's life is no count of 30 turbines
    "years": "year", "años": "year", "anos": "year", "months": "month", "meses": "month",
    "days": "day", "días": "day", "dias": "day", "weeks": "week", "semanas": "week",
}  # fmt: skip
# the counted nouns that are spans of time
TIME_SPANS = frozenset({"year", "month", "day", "week"})
_COUNT_LOWER = {k.lower(): v for k, v in COUNT_NOUNS.items()}
# up to four modifiers between the number and its noun: "600 local jobs", "2,162 key emission units"
_NEXT_WORDS_RE = recache.compile(r"[ \u00a0]((?:[A-Za-zÀ-ÿ'-]{1,20}[ \u00a0]?){1,6})")
_COUNT_LOWER = {k.lower(): v for k, v in COUNT_NOUNS.items()}


_WORD_TOKEN_RE = recache.compile(r"[A-Za-zÀ-ÿ'-]+")
_COUNT_FIRST_WORDS = frozenset(k.split(" ")[0] for k in _COUNT_LOWER)


def _count_after(text: str, pos: int) -> tuple[str, int] | None:
    m = _NEXT_WORDS_RE.match(text, pos)
    if not m:
        return None
    words = list(_WORD_TOKEN_RE.finditer(m.group(1)))
    base = m.start(1)
    for i in range(min(len(words), 5)):
        if words[i].group().lower() not in _COUNT_FIRST_WORDS:
            continue  # no counted noun starts with this word
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            phrase = " ".join(w.group().lower() for w in words[i : i + n])
            noun = _COUNT_LOWER.get(phrase)
            if noun is not None and m.group(1)[words[i].start() : words[i + n - 1].end()].count("  ") == 0:
                return noun, base + words[i + n - 1].end()
    return None


_CN_MEASURE = {
    "个项目": "project", "个工程": "project", "项": "project", "个就业岗位": "job", "个岗位": "job",
    "个工作岗位": "job", "就业岗位": "job", "户": "household", "户家庭": "household", "家": "company",
    "家企业": "company", "家公司": "company", "辆": "vehicle", "辆汽车": "vehicle", "辆车": "vehicle",
    "名": "person", "人": "person", "位": "person", "套": "housing unit", "套住房": "housing unit",
    "座": "plant", "台": "turbine", "台机组": "unit", "个国家": "country", "个": None,
    "所": "school", "棵": "tree", "份": "document", "桶": "barrel", "标箱": "TEU", "标准箱": "TEU",
    "艘": "ship", "列": "train", "列列车": "train",
}  # fmt: skip
_CN_MEASURE_RE = recache.compile(r"(" + _alt(_CN_MEASURE) + r")")
_CN_NOUN_HINTS = {
    "项目": "project", "岗位": "job", "就业": "job", "家庭": "household", "企业": "company",
    "公司": "company", "单位": "company", "汽车": "vehicle", "国家": "country", "机组": "unit",
    "电站": "plant", "风电场": "plant", "居民": "person", "员工": "person", "学校": "school",
    "泊位": "berth",
}  # fmt: skip


def noun_before(text: str, pos: int) -> str | None:
    """The counted noun a Chinese sentence puts right before its number and a bare measure
    word ("创造就业岗位3500个": 3500 jobs); ``pos`` is where the number starts."""
    for hint, canon in _CN_NOUN_HINTS.items():
        if text.endswith(hint, 0, pos):
            return canon
    return None


def match_count(text: str, pos: int) -> tuple[str | None, int] | None:
    """A counted noun after a number: ``("project", end)``; ``(None, end)`` for a bare measure word.

    >>> match_count(" key emission units in", 0)
    ('unit', 19)
    >>> match_count("个可再生能源发电项目", 0)
    ('project', 1)
    """
    m = _CN_MEASURE_RE.match(text, pos)
    if m:
        noun = _CN_MEASURE[m.group(1)]
        if noun is None or noun in ("company",):
            window = text[m.end() : m.end() + 14]
            for hint, canon in _CN_NOUN_HINTS.items():
                if hint in window:
                    noun = canon
                    break
        return noun, m.end()
    if not letter_follows(text, pos):
        return None
    return _count_after(text, pos)
