"""Compare the figures of a citing sentence with the figures of its source.

One :class:`~citecheck.model.FigureCheck` per claim quantity. The rules, in order:

1. **consistent** when some source quantity of the same kind (unit family, currency,
   counted noun) agrees within the stated precision. Each figure stands for an interval:
   ``4.5 billion`` is 4.45-4.55 billion; an integer with trailing zeros (``1,500``, ``200``)
   may be rounded to two significant figures; *about* widens to ±5 %; *nearly* covers up
   to 10 % below; *more than*/*at least* reach up to 1.5× above, *less than*/*up to*
   down to half; ranges cover both ends. Hence "more than 4.5 billion tons" agrees with
   约45亿吨 and "nearly 200" agrees with 187. A claim whose text lost a decimal point
   ("5181 74 MW") agrees if either reading does, and says so.
2. **inconsistent** with a diagnosis when a source figure explains the claim by a known
   mistake: ``scale`` (a power of ten; ``cause`` names the scale words, e.g. "亿 read as
   billion", "Spanish billón read as billion"), ``lost-decimal`` (same digits, decimal
   point moved), ``unit`` (kW for MW, kW for kWh), ``percent-points``, ``transposed``
   (two adjacent digits swapped: ``1,500`` homes for ``1,050``), ``doubled`` (a digit
   written twice, or a doubled one once: ``15,550`` km for ``1,550``), or ``different`` (same kind, same context, another
   value). Weak explanations need shared context between the two sentences: words,
   years, names, and other figures of the claim found in the source sentence. The source's
   one statement of the claim's quantity (its only count of turbines, its only length, its
   only share, said of the same thing: no rival thing, part, per-unit word or other name)
   is contradicted by another value up to 5× apart with any shared word; a figure said of
   a rival thing (solar for hydro, imports for exports, growth for a share) never is.
3. **not-found** otherwise; **unverifiable** without source text.

A bare number (no unit, currency, scale or counted noun) is only ever found consistent
or not found: it is too weak to accuse. A claim without figures yields one unverifiable
check that says "no figures in claim".

>>> [c.verdict.value for c in check_figures("The contract for the 110 MW plant was worth US$10.8 billion.",
...     "合同涉及110兆瓦光伏电站，金额为1.08亿美元。")]
['consistent', 'inconsistent']
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from .. import recache
from ..model import Claim, FigureCheck, Quantity, SourceText, Verdict
from .extract import Hit, Language, extract_hits, hit_for, in_change
from .language import resolve
from .names import NamedText, names_disagree, places, places_disagree
from .places import name_in
from .ranges import range_ends, source_ranges
from .scales import scale_value
from .sentences import SentenceIndex
from .units import DOLLAR_LIKE, PESO_CODES, TIME_SPANS

MAX_SOURCE_CHARS = 5_000_000  # figures beyond this many characters of a source are not read

_HALF = Decimal("0.5")


# ---- intervals --------------------------------------------------------------------------


def effective_precision(h: Hit) -> Decimal:
    """Precision of a figure, allowing an integer with trailing zeros to be rounded to two
    significant figures (``1,500`` -> 100, ``200`` -> 10, ``2,162`` -> 1)."""
    q = h.quantity
    p = q.precision if q.precision else Decimal(1)
    if not h.has_decimal and h.mantissa == h.mantissa.to_integral_value() and h.mantissa != 0:
        int_digits = str(int(abs(h.mantissa)))
        tz = len(int_digits) - len(int_digits.rstrip("0"))
        if tz:
            step = Decimal(10) ** min(tz, max(len(int_digits) - 2, 0))
            p = max(p, step * h.scale * h.unit_factor)
    return p


def interval(h: Hit, value: Decimal | None = None) -> tuple[Decimal, Decimal]:
    """The values a figure as written admits (see the module docstring)."""
    q = h.quantity
    v = q.value if value is None else value
    hi_v = q.high if (q.high is not None and value is None) else v
    p = effective_precision(h)
    half = p * _HALF
    av = abs(v)
    qual = q.qualifier
    if qual == "about":
        d = max(p, av * Decimal("0.05"))
        return v - d, hi_v + d
    if qual == "nearly":
        return v - max(p, av * Decimal("0.10")), hi_v + half
    if qual in ("more_than", "at_least"):
        return v - half, hi_v * Decimal("1.5") + p
    if qual in ("less_than", "up_to"):
        return v * _HALF - p, hi_v + half
    return v - half, hi_v + half


def _as_written(h: Hit) -> tuple[Decimal, Decimal]:
    """The values a figure admits by its rounding alone, whatever qualifier goes with it."""
    q = h.quantity
    half = effective_precision(h) * _HALF
    return q.value - half, (q.high if q.high is not None else q.value) + half


def _overlap(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    """The two intervals share more than an end: 13% (12.5-13.5) and 12% (11.5-12.5) only
    touch, and one unit of the last written digit apart is a different figure."""
    return a[0] < b[1] and b[0] < a[1]


# ---- kinds ---------------------------------------------------------------------------------


def _currency_ok(c: Quantity, s: Quantity) -> bool:
    if c.currency == s.currency:
        return True
    if c.currency in DOLLAR_LIKE and s.currency in DOLLAR_LIKE and ("$" in (c.unit, s.unit)):
        return True
    return c.currency in PESO_CODES and s.currency in PESO_CODES


def compatible(c: Quantity, s: Quantity) -> bool:
    """Same kind of figure: unit family, currency, counted noun."""
    if c.family == "currency" or s.family == "currency":
        return c.family == s.family and _currency_ok(c, s)
    if c.family == "price" or s.family == "price":  # per the same thing, in the same currency
        return c.family == s.family and c.unit == s.unit and _currency_ok(c, s)
    if c.family == s.family == "count" and c.unit != s.unit and {c.unit, s.unit} & TIME_SPANS:
        return False  # a span of time translates no counted thing: 30 años are no 30 turbines
    if c.family in ("count", "number") and s.family in ("count", "number"):
        return True  # counted nouns are checked by relate(): translations name them loosely
    return c.family == s.family


_SCALE_NAMES = {
    "亿": "亿", "万": "万", "万亿": "万亿", "billón": "Spanish billón", "bilião": "Portuguese bilião",
    "mil millones": "mil millones", "mil milhões": "mil milhões",
}  # fmt: skip


# the number system each canonical scale word belongs to (Chinese ones are told by their script)
_SCALE_SYSTEMS = {
    "thousand": "en", "million": "en", "billion": "en", "trillion": "en", "mil": "es/pt",
    "millón": "es", "mil millones": "es", "millardo": "es", "billón": "es",
    "milhão": "pt", "bilhão": "pt", "mil milhões": "pt", "bilião": "pt", "trilhão": "pt",
}  # fmt: skip


def _scale_system(word: str | None) -> str | None:
    if not word:
        return None
    return "zh" if word[0] >= "\u4e00" else _SCALE_SYSTEMS.get(word, word)


_ONE_PLACE = (Decimal(10), Decimal("0.1"))


def _scale_cause(c: Hit, s: Hit, factor: Decimal) -> str | None:
    """Name the scale words when misreading one as the other explains the error: the number
    copied with the other word (US$15 billion for US$15 million, 23 billion for 23亿), or, across
    two languages' words, a misreading and a shifted decimal point (US$10.8 billion for
    1.08亿美元). Not US$1.5 billion for US$150 million: no misread word makes 150 into 1.5."""
    cw, sw = c.quantity.scale_word, s.quantity.scale_word
    if cw is None and _scale_system(sw) == "zh" and factor in _ONE_PLACE and c.digits == s.digits:
        # 3.8万 written out with one zero too many or too few (380,000 or 3,800 for 38,000): the
        # Chinese word's four places counted as five or three
        return f"{sw} written out with one zero too {'many' if factor > 1 else 'few'}"
    cm, sm = scale_value(cw), scale_value(sw)
    if cm == sm or (cm > sm) != (factor > 1):
        return None
    if c.mantissa != s.mantissa:
        crossed = cw and sw and _scale_system(cw) != _scale_system(sw)
        misread = _misread_then_renamed(c, s) if crossed else None
        if misread:
            return f"{_SCALE_NAMES.get(sw, sw)} read as {misread}"
        if not crossed or abs(math.log10(float(factor * sm / cm))) > 1:
            return None
    if cw and sw:
        return f"{_SCALE_NAMES.get(sw, sw)} read as {cw}"
    if cw:
        return f"'{cw}' where the source has no scale word"
    return f"the source's '{sw}' dropped"


def _misread_then_renamed(c: Hit, s: Hit) -> str | None:
    """The word of the claim's language the source's number was copied with, when the claim
    then wrote that amount with a larger word: 4500亿 read as 4500 billion, written 4.5
    trillion. Only an exact copy of the source's digits counts."""
    system = _scale_system(c.quantity.scale_word)
    for word, word_system in _SCALE_SYSTEMS.items():
        if word_system != system or word == c.quantity.scale_word:
            continue
        if s.mantissa * scale_value(word) * s.unit_factor == c.quantity.value:
            return word
    return None


@dataclass(frozen=True)
class Relation:
    kind: str  # consistent | scale | lost-decimal | unit | percent-points | transposed | doubled | different
    strength: int  # 3 consistent, 2 strong diagnosis, 1 needs some context, 0 needs strong context
    factor: Decimal | None = None
    cause: str | None = None
    note: str | None = None


def _values(h: Hit) -> list[tuple[Decimal, str | None]]:
    out: list[tuple[Decimal, str | None]] = [(h.quantity.value, None)]
    for alt in h.alternatives:
        out.append((alt, "alternative reading"))
    return out


def _power_of_ten(c: Hit, s: Hit) -> int | None:
    """k when the claim, divided by 10^k (k != 0), agrees with the source figure."""
    cv, sv = c.quantity.value, s.quantity.value
    if cv <= 0 or sv <= 0:
        return None
    k = round(math.log10(float(cv / sv)))
    if k == 0 or abs(k) > 12:
        return None
    div = Decimal(10) ** k
    lo, hi = interval(c)
    slack = abs(sv) * Decimal("0.005")
    lo2, hi2 = interval(s)
    return k if _overlap((lo / div - slack, hi / div + slack), (lo2, hi2)) else None


def _same_digits(c: Hit, s: Hit) -> bool:
    """The significant digits agree, allowing three or more of them to stand for a figure one
    digit longer (316 for 3166), never 12 for 124."""
    a, b = c.digits, s.digits
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and len(long_) == len(short) + 1 and long_.startswith(short)


def _by_digits(c: Hit, strength: int) -> int:
    """A one-digit figure ("5 billion") matches by chance too easily: ask for context."""
    return strength if len(c.digits) >= 2 else min(strength, 1)


def _decimals(h: Hit) -> int:
    return max(0, -h.mantissa.as_tuple().exponent) if h.has_decimal else 0


def _lost_decimal(c: Hit, s: Hit, k: int) -> bool:
    """Same digits, and the shift is no more places than the decimals either was written with:
    411 vs 41.1 (k=1); 1.234 million vs 1.234 millones (k=-3); not R$1,2 vs R$1,2 bilhão (k=-9)."""
    if c.digits != s.digits or len(c.digits) < 2 or not (c.has_decimal or s.has_decimal):
        return False
    return abs(k) <= max(_decimals(c), _decimals(s))


def _aligned_digits(c: Hit, s: Hit) -> tuple[str, str] | None:
    """Both figures' digits at the finer of their two precisions, as written (trailing zeros
    kept): ``1,500`` and ``1,050`` -> "1500", "1050"; US$2.61 billion and 21.6亿美元 -> "261",
    "216". None when a value is not a whole number of that unit (a reading of damaged text)."""
    pc, ps = c.quantity.precision, s.quantity.precision
    if not pc or not ps or pc <= 0 or ps <= 0:
        return None
    unit = min(pc, ps)
    a, b = abs(c.quantity.value) / unit, abs(s.quantity.value) / unit
    if a != a.to_integral_value() or b != b.to_integral_value() or a == 0 or b == 0:
        return None
    return str(int(a)), str(int(b))


def _adjacent_swap(a: str, b: str) -> bool:
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _doubled(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` with one of its digits written twice ("15550" for "1550")."""
    if len(longer) != len(shorter) + 1:
        return False
    return any(
        longer[i] == longer[i + 1] and longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer) - 1)
    )


_SLIP_CAUSE = {
    "transposed": "two digits swapped",
    "doubled": "a digit written twice",
    "doubled-once": "a doubled digit written once",
}


_BOUNDS = (frozenset({"more_than", "at_least"}), frozenset({"less_than", "up_to"}))


def _same_bound(c: Quantity, s: Quantity) -> bool:
    """Both figures are bounds of one direction: "up to" and "hasta", "more than" and "más de"."""
    return any(c.qualifier in side and s.qualifier in side for side in _BOUNDS)


def _swapped_not_rounded(c: Hit, s: Hit) -> bool:
    """Two figures written as precisely as each other, their digits two adjacent ones apart, that
    agree only through a qualifier's latitude ("2,340 GWh" against "about 2,430 GWh"): rounding a
    figure drops digits, it never reorders them, so the latitude does not explain the difference
    and the slip does."""
    if not (c.quantity.qualifier or s.quantity.qualifier):
        return False
    if len(c.digits) != len(s.digits) or _overlap(_as_written(c), _as_written(s)):
        return False
    return _digit_slip(c, s) == "transposed"


def _fractional(h: Hit) -> bool:
    """Written with a decimal point or a scale word (6.8%, 6.3 billion, 36亿): its digits are a
    reading of one specific figure, not a round or small count."""
    return h.has_decimal or h.quantity.scale_word is not None


def _digit_slip(c: Hit, s: Hit) -> str | None:
    """A copying slip between two figures of the same kind: two adjacent digits swapped
    (``1,500`` for ``1,050``), or one digit doubled (``15,550`` for ``1,550``) or a doubled
    digit written once. Figures need three digits, or two when both are written fractional
    (US$6.3 billion for 36亿美元, 6.8% for 8.6%): 13% and 31%, 2,100 and 1,200 differ like
    this by chance. A swap survives a translated scale word (the digits stay in order: 2.7
    billion for 27亿); a digit doubled or dropped across one is read as a power of ten."""
    if c.unit_factor != s.unit_factor:
        return None  # a slip copies a figure as written: same unit
    digits = _aligned_digits(c, s)
    if digits is None:
        return None
    a, b = digits
    if min(len(a), len(b)) < 2 or max(len(c.digits), len(s.digits)) < 2:
        return None
    short = min(len(a), len(b)) < 3 or max(len(c.digits), len(s.digits)) < 3
    if short and not (_fractional(c) and _fractional(s)):
        return None
    if a.rstrip("0") == b.rstrip("0"):
        return None  # zeros added or lost at the end: a power of ten, not a slip
    if _adjacent_swap(a, b):
        return "transposed"
    if c.scale != s.scale:
        return None
    if _doubled(a, b):
        return "doubled"
    if _doubled(b, a):
        return "doubled-once"
    return None


def _exact_power_of_ten(c: Hit, s: Hit, k: int) -> bool:
    """The claim is the source figure times 10^k exactly (not only within rounding)."""
    return c.quantity.value == s.quantity.value * Decimal(10) ** k


def relate(c: Hit, s: Hit) -> Relation | None:
    """How a claim figure relates to one source figure (None: not the same kind).

    A bare source number (no unit, currency or noun) can explain a mismatch only with
    strong context.
    """
    rel = _relate(c, s)
    if rel is not None and rel.kind != "consistent" and s.quantity.family == "number":
        return replace(rel, strength=min(rel.strength, 0))
    return rel


def _relate(c: Hit, s: Hit) -> Relation | None:
    cq, sq = c.quantity, s.quantity
    cross_energy = {cq.family, sq.family} == {"power", "energy"}
    if not compatible(cq, sq) and not cross_energy:
        return None
    if cross_energy:
        if _overlap(interval(c), interval(s)) and _same_digits(c, s):
            return Relation(
                "unit",
                _by_digits(c, 2),
                Decimal(1),
                f"{sq.family} ({s.unit_symbol}) written as {cq.family} ({c.unit_symbol})",
            )
        return None
    s_int = interval(s)
    if cq.family == "percent" and cq.unit != sq.unit:
        # the same number in the other unit, as written: a qualifier's latitude ("about 3
        # percentage points" admits 2-4) would make any nearby percentage look like this slip,
        # and a copy loses digits, never gains them (3.125% is no copy of 3 points)
        if _overlap(_as_written(c), _as_written(s)) and (cq.precision or 1) >= (sq.precision or 1):
            # a source in percentage points is specific; a source in percent is common
            strength = 2 if sq.unit == "pp" else 1
            return Relation(
                "percent-points", strength, None, f"{sq.unit} in the source, {cq.unit} in the paper"
            )
        return None
    if _other_things_counted(cq, sq):
        return None  # 8,000 jobs vs up to 1 million TEU: not even an agreement
    if _swapped_not_rounded(c, s):
        return Relation("transposed", 1, None, _SLIP_CAUSE["transposed"])
    if _same_bound(cq, sq):
        # two bounds of one direction ("up to 24,000 TEU", "hasta 18.000 TEU") state the bound
        # itself: their latitude is against an exact figure, not against each other
        if _overlap(_as_written(c), _as_written(s)):
            return Relation("consistent", 3)
    else:
        for value, why in _values(c):
            if _overlap(interval(c, value) if why else interval(c), s_int):
                return Relation("consistent", 3, note=why)
        for alt in s.alternatives:
            if _overlap(interval(c), interval(s, alt)):
                return Relation("consistent", 3, note="source alternative reading")
    if cq.family == "number" or sq.family == "number" and cq.family != "count":
        return Relation("different", -1)
    if cq.family == "count" and cq.unit and sq.unit and not _same_counted(cq.unit, sq.unit):
        return None  # 187 projects vs 180 households: not the same thing
    slip = _digit_slip(c, s)
    k = _power_of_ten(c, s)
    if k is not None and slip is not None and not _exact_power_of_ten(c, s, k):
        k = None  # a digit slip explains exactly what a power of ten explains only roughly
    if k is not None:
        factor = Decimal(10) ** k
        cause = _scale_cause(c, s, factor)
        both_words = bool(c.quantity.scale_word and s.quantity.scale_word)
        # a point moved between two figures with their own, different scale words is no lost
        # decimal point (US$1.5 billion against US$150 million)
        both_words_differ = both_words and c.scale != s.scale
        same_system = both_words_differ and _scale_system(c.quantity.scale_word) == _scale_system(
            s.quantity.scale_word
        )
        # a Chinese scale word written out in digits: the number has no point of its own to lose
        written_out = cause is not None and not c.quantity.scale_word and s.quantity.scale_word is not None
        if _lost_decimal(c, s, k) and not both_words_differ and not (cause and (both_words or written_out)):
            # a point lost (411 for 41.1) is a strong sign; a point moved (1.25 for 12.5) less so
            lost = not (c.has_decimal and s.has_decimal)
            return Relation(
                "lost-decimal", 2 if len(c.digits) >= 3 and lost else 1, factor, "lost decimal point"
            )
        if _same_digits(c, s):
            if cause:
                return Relation("scale", _by_digits(c, 2), factor, cause)
            if c.unit_factor != s.unit_factor and c.mantissa * c.scale == s.mantissa * s.scale:
                return Relation("unit", _by_digits(c, 2), factor, f"{s.unit_symbol} read as {c.unit_symbol}")
            # one significant digit ("2,000" for 200) matches by chance too easily, and so do two
            # figures with different scale words of one language that no misreading explains
            # (US$1.5 billion, US$15 million; 亿 and billion are a translation apart): strong
            # context only
            strength = 1 if len(c.digits) >= 2 and not same_system else 0
            return Relation("scale", strength, factor, "power-of-ten error")
    if slip is not None:
        return Relation("doubled" if slip.startswith("doubled") else slip, 1, None, _SLIP_CAUSE[slip])
    return Relation("different", 0)


# ---- context -------------------------------------------------------------------------------

_TOKEN_RE = recache.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]{3,}|(?<!\d)(?:19|20)\d\d(?!\d)|[\u4e00-\u9fff]+")
_STOP = frozenset(
    "the and for was were with that this from are has have had its into than more over about which will "
    "also been their they year years per cent percent total new los las del que por para con una sus son "
    "como más mais dos das com uma pelo pela não entre sobre seu sua este esta million billion millones "
    "milhões bilhões thousand around approximately nearly some".split()
)


# Words for the same things across the four languages, so that an English claim and a
# Chinese, Spanish or Portuguese source can share context. Latin words are looked up by the
# 6-letter stems _tokens() makes (a longer word stands for its stem: "central" for "centra"),
# or by their first four letters; Chinese words are looked up inside runs of characters.
_CONCEPTS: dict[str, tuple[str, ...]] = {
    "@line": ("line", "linha", "línea", "linea", "transm", "interc", "线路", "输电", "輸電", "联网", "聯網"),
    "@capacity": ("capaci", "instal", "potenc", "装机", "裝機", "容量"),
    "@output": ("output", "genera", "geraçã", "produc", "produç", "发电量", "發電量", "电量"),
    "@investment": ("invest", "invers", "投资", "投資"),
    "@contract": ("contra", "合同", "合约", "签约", "簽約"),
    "@export": ("export", "出口"),
    "@import": ("import", "进口", "進口"),
    "@trade": ("trade", "comerc", "trading", "贸易", "貿易"),
    "@loan": (
        "loan",
        "lent",
        "lend",
        "présta",
        "presta",
        "emprés",
        "empres",
        "financ",
        "贷款",
        "貸款",
        "融资",
    ),
    "@job": ("job", "employ", "empleo", "empreg", "puesto", "就业", "就業", "岗位", "崗位"),
    "@household": (
        "househ",
        "home",
        "hogare",
        "famíli",
        "famili",
        "domicí",
        "vivien",
        "moradi",
        "dwelli",
        "housin",
        "户",
        "家庭",
        "住房",
    ),  # fmt: skip
    "@emission": ("emissi", "emisio", "emissõ", "carbon", "carbono", "排放", "碳"),
    "@plant": ("plant", "station", "statio", "central", "usina", "电站", "電站", "电厂", "工厂"),
    "@solar": ("solar", "photov", "fotovo", "光伏", "太阳能", "太陽能"),
    "@wind": ("wind", "eólico", "eólica", "eolico", "风电", "風電", "风力"),
    "@hydro": ("hydrop", "hydroe", "hydro", "hidroe", "hidrel", "水电", "水電"),
    "@project": ("projec", "proyec", "projet", "项目", "項目", "工程"),
    "@company": ("compan", "firm", "empres", "enterp", "企业", "企業", "公司"),
    "@country": ("countr", "país", "paises", "países", "国家", "國家"),
    "@bond": ("bond", "bono", "título", "债券", "債券"),
    "@price": ("price", "precio", "preço", "cost", "costo", "custo", "价格", "價格", "成本"),
    "@area": ("area", "área", "hectar", "面积", "面積", "公顷"),
    "@growth": (
        "growth",
        "grew",
        "increa",
        "rose",
        "grow",
        "crecim",
        "creció",
        "crecie",
        "cresci",
        "cresce",
        "aument",
        "增长",
        "增長",
        "提高",
    ),
    "@share": ("share", "accoun", "repres", "propor", "partic", "占比", "比重", "份额"),
    "@demand": ("demand", "deman", "需求"),
    "@electricity": ("electr", "eletri", "elétri", "电力", "電力", "用电"),
    "@coal": ("coal", "carvão", "carvao", "carbón", "煤"),
    "@copper": ("copper", "cobre", "铜", "銅"),
    "@oil": ("oil", "petrol", "crude", "petról", "petróleo", "石油", "原油"),
    "@gas": ("gas", "gás", "天然气", "天然氣"),
    "@energy": ("energy", "energí", "energi", "能源"),
    "@award": ("award", "tender", "adjudi", "licita", "中标", "招标"),
    "@mine": ("mine", "mining", "minera", "minero", "minería", "mineração", "mina", "矿", "礦"),
}


def _fold(word: str) -> str:
    """A word without its accents: names keep them in Spanish and Portuguese, not in English
    ("México", "Mexico"; "Perú", "Peru")."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


_STEM_CONCEPT = {
    _fold(w)[:6]: c for c, words in _CONCEPTS.items() for w in words if not ("\u4e00" <= w[0] <= "\u9fff")
}
_CJK_CONCEPT = [(w, c) for c, words in _CONCEPTS.items() for w in words if "\u4e00" <= w[0] <= "\u9fff"]


def _tokens(text: str) -> set[str]:
    out: set[str] = set()
    for m in _TOKEN_RE.finditer(text):
        t = m.group()
        if t[0] >= "\u4e00":
            out.update(t[i : i + 2] for i in range(len(t) - 1))
            out.update(c for w, c in _CJK_CONCEPT if w in t)
            continue
        t = t.lower()
        if t in _STOP:
            continue
        t = _fold(t)
        if len(t) > 4 and t.endswith("s"):
            t = t[:-1]
        stem = t[:6]  # a crude stem that also joins turbines/turbinas, solar/solares
        out.add(stem)
        concept = _STEM_CONCEPT.get(stem) or _STEM_CONCEPT.get(t[:4])
        if concept:
            out.add(concept)
    return out


# below this many sentences with figures, a source is too short to tell common words from rare
_UBIQUITOUS_MIN_SENTENCES = 6


class _Source:
    """A source's figures and sentences, read once for every claim that cites it."""

    def __init__(self, source: SourceText):
        text = source.text or ""
        self.truncated = len(text) > MAX_SOURCE_CHARS
        self.text = text[:MAX_SOURCE_CHARS]
        self.source = source
        # the language the source declares, else a guess from its whole text (when a numeral needs it)
        self.hits = extract_hits(self.text, source.language)
        self.index = SentenceIndex(self.text) if self.hits else None
        self._sent: dict[tuple[int, int], set[str]] = {}
        self._ubiquitous: frozenset[str] | None = None
        self._kinds: Counter | None = None
        self._clauses: dict[int, set[str]] = {}
        self._measured: dict[tuple[str, str], list[int]] = {}
        self._by_kind: dict[tuple, list[int]] | None = None
        self._named: NamedText | None = None
        self._hit_sent: list[tuple[int, int]] = (
            [self.index.around(h.quantity.start) for h in self.hits] if self.index else []
        )

    def named(self) -> NamedText:
        """The source's words, to look a claim's names up in (read once, when first asked)."""
        if self._named is None:
            self._named = NamedText(self.text)
        return self._named

    def previous_sentence(self, span: tuple[int, int]) -> str:
        """The sentence before the one at ``span`` (empty for the first)."""
        if self.index is None:
            return ""
        i = bisect.bisect_left(self.index.spans, span) - 1
        while i >= 0 and self.index.spans[i][1] > span[0]:
            i -= 1
        return self.text[self.index.spans[i][0] : self.index.spans[i][1]] if i >= 0 else ""

    def sentence_of(self, i: int) -> tuple[int, int]:
        return self._hit_sent[i]

    def sentence_tokens(self, span: tuple[int, int]) -> set[str]:
        toks = self._sent.get(span)
        if toks is None:
            toks = self._sent[span] = _tokens(self.text[span[0] : span[1]])
        return toks

    def clause_tokens(self, i: int) -> set[str]:
        """The words of the clause figure ``i`` stands in (computed once)."""
        toks = self._clauses.get(i)
        if toks is None:
            span = self._hit_sent[i]
            sentence = self.text[span[0] : span[1]]
            toks = self._clauses[i] = _tokens(_clause(sentence, self.hits[i].quantity.start - span[0]))
        return toks

    def measured(self, family: str, concept: str) -> list[int]:
        """The figures of ``family`` whose clause names ``concept`` (what they measure)."""
        key = (family, concept)
        found = self._measured.get(key)
        if found is None:
            found = self._measured[key] = [
                i
                for i, h in enumerate(self.hits)
                if h.quantity.family == family and concept in self.clause_tokens(i)
            ]
        return found

    def of_its_kind(self, i: int) -> list[int]:
        """The source's figures of figure ``i``'s kind (unit family, currency, counted noun)."""
        if self._by_kind is None:
            self._by_kind = {}
            for k, h in enumerate(self.hits):
                self._by_kind.setdefault(_kind(h.quantity), []).append(k)
        return self._by_kind[_kind(self.hits[i].quantity)]

    def only_of_its_kind(self, i: int) -> bool:
        """Whether figure ``i`` is the source's only figure in its currency or of its counted
        noun: only then does the claim figure sharing that kind point at it (a page with ten
        US$ amounts says nothing by having one more)."""
        if self._kinds is None:
            self._kinds = Counter(_kind(h.quantity) for h in self.hits)
        return self._kinds[_kind(self.hits[i].quantity)] == 1

    def ubiquitous(self) -> frozenset[str]:
        """The words in more than a third of the figure sentences of a source with at least
        :data:`_UBIQUITOUS_MIN_SENTENCES` of them (computed once, when first asked)."""
        if self._ubiquitous is None:
            spans = set(self._hit_sent)
            if len(spans) < _UBIQUITOUS_MIN_SENTENCES:
                self._ubiquitous = frozenset()
            else:
                counts = Counter(t for span in spans for t in self.sentence_tokens(span))
                self._ubiquitous = frozenset(t for t, n in counts.items() if 3 * n > len(spans))
        return self._ubiquitous


# ---- formatting ----------------------------------------------------------------------------

_CUR_SYMBOL = {"USD": "US$", "BRL": "R$", "EUR": "€", "GBP": "£"}
_UNIT_STEPS = {
    "m": [(Decimal(1000), "km"), (Decimal(1), "m")],
    "V": [(Decimal(10) ** 6, "MV"), (Decimal(10) ** 3, "kV"), (Decimal(1), "V")],
    "W": [(Decimal(10) ** 9, "GW"), (Decimal(10) ** 6, "MW"), (Decimal(10) ** 3, "kW"), (Decimal(1), "W")],
    "Wh": [
        (Decimal(10) ** 12, "TWh"), (Decimal(10) ** 9, "GWh"), (Decimal(10) ** 6, "MWh"),
        (Decimal(10) ** 3, "kWh"), (Decimal(1), "Wh"),
    ],
}  # fmt: skip


def _num(v: Decimal) -> str:
    v = v.normalize()
    s = format(v, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    int_part, _, frac = s.partition(".")
    sign = "-" if int_part.startswith("-") else ""
    int_part = int_part.lstrip("-")
    grouped = f"{int(int_part):,}" if int_part else "0"
    return sign + grouped + ("." + frac if frac else "")


def _big(v: Decimal) -> str:
    for mult, word in (
        (Decimal(10) ** 12, "trillion"),
        (Decimal(10) ** 9, "billion"),
        (Decimal(10) ** 6, "million"),
    ):
        if abs(v) >= mult:
            return f"{_num(v / mult)} {word}"
    return _num(v)


def describe(q: Quantity, prefer: Decimal | None = None) -> str:
    """A figure in plain English units: ``US$108 million``, ``5,181.74 MW``, ``41.1%``.

    >>> describe(Quantity(Decimal("108000000"), "currency", "1.08亿美元", currency="USD"))
    'US$108 million'
    """
    v = q.value
    if q.family == "currency":
        sym = _CUR_SYMBOL.get(q.currency or "", f"{q.currency} " if q.currency else "")
        return f"{sym}{_big(v)}"
    if q.family == "percent":
        return f"{_num(v)}{' percentage points' if q.unit == 'pp' else '%'}"
    if q.family == "price":
        sym = _CUR_SYMBOL.get(q.currency or "", f"{q.currency} " if q.currency else "")
        return f"{sym}{_num(v)}{q.unit or ''}"
    if q.unit in _UNIT_STEPS:
        for mult, sym in _UNIT_STEPS[q.unit]:
            if prefer is not None and mult == prefer:
                return f"{_num(v / mult)} {sym}"
        for mult, sym in _UNIT_STEPS[q.unit]:
            if abs(v) >= mult:
                return f"{_num(v / mult)} {sym}"
    if q.family == "count":
        return f"{_big(v)}{' ' + q.unit + ('s' if q.unit and v != 1 else '') if q.unit else ''}"
    if q.unit:
        return f"{_big(v)} {q.unit}"
    return _big(v)


def _times(factor: Decimal) -> str:
    if factor >= 1:
        return f"{_num(factor)}× larger"
    return f"{_num(1 / factor)}× smaller"


def _explain(c: Hit, s: Hit, rel: Relation) -> str:
    cq, sq = c.quantity, s.quantity
    said = f"the source says {sq.raw.strip()}"
    plain = describe(sq, prefer=c.unit_factor if c.unit_symbol else None)
    said_full = said if sq.raw.strip() == plain else f"{said} = {plain}"
    if rel.kind == "consistent":
        extra = ""
        if rel.note == "alternative reading" or cq.notes:
            extra = f" ({cq.notes[0]})" if cq.notes else ""
        elif cq.qualifier or sq.qualifier or cq.value != sq.value:
            extra = " (within the stated rounding or qualifier)"
        return f"{said_full}; the paper's {cq.raw.strip()} agrees{extra}"
    if rel.kind == "scale":
        because = ""
        if rel.cause and " read as " in rel.cause:
            src_word, _, claim_word = rel.cause.partition(" read as ")
            because = f": {src_word} was probably read as '{claim_word}'"
        elif rel.cause:
            because = f": {rel.cause}"
        return f"{said_full}; the paper's {cq.raw.strip()} is {_times(rel.factor)}{because}"
    if rel.kind == "lost-decimal":
        return (
            f"{said_full}; the paper's {cq.raw.strip()} is {_times(rel.factor)} with the same digits: "
            "a decimal point was probably lost"
        )
    if rel.kind == "unit":
        return (
            f"{said_full}; the paper's {cq.raw.strip()} has the right number in the wrong unit ({rel.cause})"
        )
    if rel.kind == "percent-points":
        return f"{said_full}; the paper's {cq.raw.strip()} confuses percent and percentage points"
    if rel.kind in ("transposed", "doubled"):
        return f"{said_full}; the paper's {cq.raw.strip()} differs by a copying slip: {rel.cause}"
    return f"{said_full}; the paper's {cq.raw.strip()} ({describe(cq)}) differs"


# ---- the comparison ---------------------------------------------------------------------------

_MIN_CONTEXT = {2: 0, 1: 1, 0: 3}


def _relocate(q: Quantity, sentence: tuple[int, int]) -> Quantity:
    return replace(q, start=q.start - sentence[0], end=q.end - sentence[0])


def _claim_hits(claim: Claim, lang: Language) -> list[Hit]:
    lang_of = resolve(lang, claim.text)  # the paper's language, else the claim text's
    read = extract_hits(claim.text, lang_of)
    if not claim.quantities:
        return read
    # the claim's own figures, with the detail a reading of the whole text gives ("from 245 to
    # 300 MW": 245 is in MW); one made elsewhere, or moved, is read again from its raw text
    at_start = {(h.quantity.start, h.quantity.raw): h for h in read}
    hits = []
    for q in claim.quantities:
        h = at_start.get((q.start, q.raw))
        if h is not None and h.quantity.value == q.value and h.quantity.family == q.family:
            hits.append(replace(h, quantity=replace(h.quantity, notes=q.notes or h.quantity.notes)))
            continue
        h = hit_for(q, lang_of)
        if claim.text[q.start : q.end] != q.raw:
            at = claim.text.find(q.raw)
            if at >= 0:
                h = replace(h, quantity=replace(h.quantity, start=at, end=at + len(q.raw)))
        hits.append(h)
    return hits


def compare_claims(
    claims: Sequence[Claim],
    source: SourceText | None,
    *,
    reference_key: str | None = None,
    lang: Language = None,
) -> list[FigureCheck]:
    """Compare several claims citing one source; the source is read once.

    ``lang`` is the language of the paper the claims come from (a language, a tag, or a
    callable giving one; None: guessed from each claim's text, if a numeral needs it). The
    source is read in the language it declares (``SourceText.language``), else in the one
    guessed from its whole text.
    """
    prepared = _Source(source) if source is not None and (source.text or "").strip() else None
    out: list[FigureCheck] = []
    for claim in claims:
        out.extend(_compare(claim, source, prepared, reference_key, lang))
    return out


def compare_claim(
    claim: Claim, source: SourceText | None, *, reference_key: str | None = None, lang: Language = None
) -> list[FigureCheck]:
    """One :class:`FigureCheck` per figure quoted in ``claim`` (see the module docstring).

    ``claim.quantities`` are used when given, else the claim text is read.
    """
    return compare_claims([claim], source, reference_key=reference_key, lang=lang)


def check_figures(
    claim_text: str,
    source_text: str,
    *,
    note_id: str = "claim",
    lang: str | None = None,
    source_lang: str | None = None,
) -> list[FigureCheck]:
    """Compare the figures of a claim text with a source text (both plain text).

    ``lang`` and ``source_lang`` are the languages of the paper and of the source when
    known (tags such as "pt-BR" too); each is otherwise guessed from its own text.

    >>> [c.diagnosis for c in check_figures("trade grew 411% in 2021", "贸易额同比增长41.1%。")]
    ['lost-decimal']
    >>> [c.verdict.value for c in check_figures("The plant employs 2,500 workers.", "O projeto emprega 2.500 trabalhadores.")]
    ['consistent']
    """
    source = SourceText(url=None, text=source_text, origin="file", language=source_lang)
    return compare_claim(Claim(note_id=note_id, text=claim_text), source, lang=lang)


def _compare(
    claim: Claim, source: SourceText | None, src: _Source | None, reference_key: str | None, lang: Language
) -> list[FigureCheck]:
    url = source.url if source is not None else None
    base = {"note_id": claim.note_id, "reference_key": reference_key, "source_url": url}
    hits = _claim_hits(claim, lang)
    if not hits:
        return [
            FigureCheck(
                claim_quantity=None,
                verdict=Verdict.UNVERIFIABLE,
                claim_sentence=claim.text.strip()[:1000],
                explanation="no figures in claim",
                **base,
            )
        ]
    by_range: dict[int, tuple[Hit, tuple[int, int], Relation]] = {}
    if src is not None:
        hits, by_range = _ranges_end_by_end(hits, src)
    cidx = SentenceIndex(claim.text)
    c_spans = [cidx.around(h.quantity.start) for h in hits]
    checks: list[FigureCheck] = []
    if src is None:
        if source is None:
            why = "no source text: the source could not be fetched"
        elif source.error:
            why = f"the source could not be read ({source.error.strip()})"
        else:
            why = "the source text is empty"
        for h, sp in zip(hits, c_spans, strict=True):
            checks.append(
                FigureCheck(
                    claim_quantity=_relocate(h.quantity, sp),
                    verdict=Verdict.UNVERIFIABLE,
                    claim_sentence=claim.text[sp[0] : sp[1]],
                    explanation=why,
                    **base,
                )
            )
        return checks
    # every claim figure's relation to every source figure
    relations: list[list[Relation | None]] = [[relate(c, s) for s in src.hits] for c in hits]
    # the source sentences where each claim figure is found: context for its neighbours
    found_in: list[set[tuple[int, int]]] = [
        {src.sentence_of(k) for k, r in enumerate(rels) if r is not None and r.kind == "consistent"}
        for rels in relations
    ]
    # source figures another claim figure agrees with are that figure's: never the evidence
    # against this one ("from 245 to 300 MW" against "from 150 MW to 300 MW": 245 is not 300)
    agrees_with: list[set[int]] = [
        {k for k, r in enumerate(rels) if r is not None and r.kind == "consistent"} for rels in relations
    ]
    named: list[NamedText] = []  # the claim's names, read when a bare difference needs them
    for ci, (c, sp) in enumerate(zip(hits, c_spans, strict=True)):
        claim_sentence = claim.text[sp[0] : sp[1]]
        if ci in by_range:
            s, s_span, rel = by_range[ci]
            checks.append(_verdict_against(c, sp, claim_sentence, src, s, s_span, rel, base))
            continue
        ctoks = _tokens(claim_sentence)
        c_own = _tokens(c.quantity.raw)
        c_clause = _tokens(_clause(claim_sentence, c.quantity.start - sp[0]))
        c_said = _SaidOf.read(
            claim_sentence,
            c.quantity.start - sp[0],
            [h.quantity.end - sp[0] for h in hits if sp[0] <= h.quantity.end <= c.quantity.start],
        )
        if not c_said.years:  # the years of the claim's figure: its clause's, else its sentence's
            c_said = replace(c_said, years=frozenset(_YEAR_RE.findall(claim_sentence)))
        claimed = frozenset(places(claim_sentence))
        same_thing: dict[int, bool] = {}  # source figure -> said of what this claim figure is
        # other figures of the claim found in a source sentence make it about the same thing:
        # those of the same claim sentence count twice, those of the claim's other sentences
        # once, and only for a specific diagnosis (a bare "different" needs its own sentence)
        others = [(j, other_sp == sp) for j, other_sp in enumerate(c_spans) if j != ci]
        taken = set().union(*(agrees_with[j] for j, _ in others)) if others else set()
        # agreeing source figures said of something else, and the figures the source says of
        # the claim's thing instead (each then the source's one statement of the quantity)
        dismissed: set[int] = set()
        its_own: set[int] = set()
        for si, rel in enumerate(relations[ci]):
            if rel is not None and rel.kind == "consistent":
                why = _not_its_agreement(c, c_said, claimed, src, si, src.sentence_of(si), relations[ci])
                if why is not None:
                    dismissed.add(si)
                    its_own.update(why)
        best: tuple | None = None
        for si, rel in enumerate(relations[ci]):
            if rel is None or si in dismissed or (rel.kind != "consistent" and si in taken):
                continue
            s = src.hits[si]
            s_span = src.sentence_of(si)
            stoks = src.sentence_tokens(s_span)
            common = (ctoks - c_own) & (stoks - _tokens(s.quantity.raw))
            concepts = sum(1 for t in common if t[0] == "@")
            alone = src.only_of_its_kind(si)
            # the source's one figure of this specific kind, near the claim's: it states the
            # claim's quantity, and the concepts shared across languages say so too
            states = alone and _states_the_same_quantity(c, s, claim_sentence, c_clause, src, si)
            # otherwise shared concepts support a specific diagnosis, not a bare "different"
            shared = len(common) - (concepts if rel.strength <= 0 and not states else 0)
            anchors = sum(
                2 if same_sentence else 1
                for j, same_sentence in others
                if s_span in found_in[j] and (same_sentence or rel.strength >= 1)
            )
            ctx = shared + anchors + (_same_thing(c.quantity, s.quantity, states) if alone else 0)
            # the source's one statement of the claim's quantity, another value: a difference
            # (or a two-digit swap) with no further context than the sentences' shared words
            sole = rel.kind == "different" and (
                si in its_own or _the_one_statement(c, s, claim_sentence, c_clause, src, si, same_thing)
            )
            if sole:
                rel = _sole_difference(c, s, rel)
            usable = rel.kind == "consistent" or (
                (
                    (
                        sole
                        and _within(c, s, _SOLE_RATIO)
                        # said of the claim's year, thing or place where an equal value is not
                        and (si in its_own or _shares_a_word(c, ctoks, c_clause, stoks, src, si))
                    )
                    or _accusable(c, s, rel, ctx - _uninformative(common, src, rel))
                )
                and not _other_period(ctoks, stoks, rel)
                and not _rival_things(c_clause, src.clause_tokens(si))
            )
            if usable and rel.kind == "different" and si not in its_own:  # its sentence is the claim's story
                usable = not _tells_another_story(c, claim, claim_sentence, named, src, si, s_span)
            cv, sv = c.quantity.value, s.quantity.value
            closeness = -abs(math.log10(float(cv / sv))) if cv > 0 and sv > 0 else -99.0
            key = (usable, rel.strength, ctx, closeness)
            if best is None or key > best[0]:
                best = (key, si, rel, s_span)
        checks.append(_verdict(c, sp, claim_sentence, src, best, base))
    return checks


def _ranges_end_by_end(
    hits: list[Hit], src: _Source
) -> tuple[list[Hit], dict[int, tuple[Hit, tuple[int, int], Relation]]]:
    """A claim's range checked end by end against a range of the source that shares one of its
    ends: "between 1,500 and 2,000 workers" against "entre 1.500 y 2.500 trabajadores" is 1,500
    (agrees) and 2,000 (not 2,500). Returns the claim's figures with each such range replaced by
    its two ends, and each end's source end, sentence and relation. A range no source range
    shares an end with stays whole, to be compared as one figure ("between 5 and 10 MW" holds
    the source's 7.5 MW)."""
    if not any(h.quantity.high is not None for h in hits):
        return hits, {}
    ranges = source_ranges(src.hits, src.text)
    out: list[Hit] = []
    judged: dict[int, tuple[Hit, tuple[int, int], Relation]] = {}
    for h in hits:
        ends = range_ends(h) if ranges else None
        match = None
        if ends is not None:
            for si, s_low, s_high in ranges:
                rels = (relate(ends[0], s_low), relate(ends[1], s_high))
                if None not in rels and any(r.kind == "consistent" for r in rels):
                    match = (si, (s_low, s_high), rels)
                    break
        if match is None:
            out.append(h)
            continue
        si, s_ends, rels = match
        for end, s, rel in zip(ends, s_ends, rels, strict=True):
            judged[len(out)] = (
                s,
                src.sentence_of(si),
                rel if rel.kind == "consistent" else _sole_difference(end, s, rel),
            )
            out.append(end)
    return out, judged


def _tells_another_story(
    c: Hit, claim: Claim, claim_sentence: str, named: list[NamedText], src: _Source, si: int, s_span
) -> bool:
    """A bare difference is no evidence when the claim and the source name different things
    (``names.names_disagree``: the claim's RenovAr programme, a page about another programme's
    projects), or when the claim speaks of a part (a phase, a stage, an addition) and the source's
    sentence of no part (its figure is the whole, or another thing's); a diagnosable one (a scale, a lost decimal, swapped digits) says how one figure was
    miscopied from the other and is not asked this."""
    s_sentence = src.text[s_span[0] : s_span[1]]
    cq, sq = c.quantity, src.hits[si].quantity
    if in_change(claim.text, cq.start, cq.end) and not in_change(src.text, sq.start, sq.end):
        return True  # a value before or after a change against a value of no stated time
    if _parts(claim_sentence) and not _parts(s_sentence):
        return True  # the claim's phase or stage against the source's whole ("the first stage")
    if not named:
        named.append(NamedText(claim.text))
    if named[0].tokens is None:
        named[0].tokens = _tokens(claim.text)
    if _rival_things(named[0].tokens, src.sentence_tokens(s_span)):
        return True  # the claim's solar park against the source's hydropower station
    if places_disagree(named[0], _clause(s_sentence, sq.start - s_span[0]), s_sentence):
        return True
    return names_disagree(named[0], src.named(), s_sentence, src.previous_sentence(s_span))


_YEAR_RE = recache.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _not_its_agreement(
    c: Hit,
    claim: _SaidOf,
    claimed: frozenset[str],
    src: _Source,
    si: int,
    s_span: tuple[int, int],
    relations: list[Relation | None],
) -> list[int] | None:
    """Whether source figure ``si``, which agrees with claim figure ``c``, is said of something
    else (see :func:`_rounded_from_another` and :func:`_decoy`), so its agreement is no evidence:
    None when it is evidence, else the figures of its sentence said of the claim's thing instead
    (empty when none is)."""
    sq = src.hits[si].quantity
    figure = _said_of(src, si, s_span)
    siblings = [
        j for j, rel in enumerate(relations) if j != si and rel is not None and src.sentence_of(j) == s_span
    ]
    instead = [j for j in siblings if _decoy(claim, claimed, figure, _said_of(src, j, s_span))]
    if instead:
        return instead
    exact = c.quantity.value == sq.value and sq.high == c.quantity.high
    if not exact and _rounded_from_another(claim, claimed, figure):
        return []
    return None


@dataclass(frozen=True)
class _SaidOf:
    """What a figure of a sentence is said of, read from its own clause: the years that clause
    names, the words leading up to the figure since the figure before it ("e já representam"),
    and the places its clause names, else the clause before it ("detrás de Brasil, con el")."""

    years: frozenset[str]
    lead: frozenset[str]
    places: frozenset[str]

    @classmethod
    def read(cls, sentence: str, at: int, ends: list[int]) -> _SaidOf:
        clause = _clause(sentence, at)
        where = places(clause) or places(_clause_before(sentence, at))
        lead = _tokens(_lead(sentence, at, ends))
        return cls(frozenset(_YEAR_RE.findall(clause)), frozenset(lead), frozenset(where))


def _said_of(src: _Source, si: int, s_span: tuple[int, int]) -> _SaidOf:
    sentence = src.text[s_span[0] : s_span[1]]
    start = src.hits[si].quantity.start
    ends = [h.quantity.end - s_span[0] for h in src.hits if s_span[0] <= h.quantity.end <= start]
    return _SaidOf.read(sentence, start - s_span[0], ends)


def _rounded_from_another(claim: _SaidOf, claimed: frozenset[str], figure: _SaidOf) -> bool:
    """An agreement only by rounding (24% for 24,5%) is evidence only where the figure is said of
    the claim's thing: not of a rival thing (a share where the claim speaks of growth), not where
    its clause names only places the claim never names ("detrás de Brasil, con el 24,5%" for a
    claim about China and Argentina)."""
    if _rival_things(claim.lead, figure.lead):
        return True
    return bool(figure.places) and figure.places.isdisjoint(claimed)


def _decoy(claim: _SaidOf, claimed: frozenset[str], figure: _SaidOf, sibling: _SaidOf) -> bool:
    """The same value said of another year, thing or place, where another figure of its kind in
    the same sentence is said of the claim's: the source tells the two apart, so the equal value
    is another quantity's ("US$450 billion in 2021, up from US$315 billion in 2020" for a claim's
    2020; "con una participación del 32%, seguida de Estados Unidos con el 16%" for China's 16%;
    "cresceram 18% ... e representaram 73%" for a share of 18%)."""
    years = claim.years
    if years and figure.years and years.isdisjoint(figure.years) and years & sibling.years:
        return True
    if _rival_things(claim.lead, figure.lead) and not _rival_things(claim.lead, sibling.lead):
        if any(claim.lead & group & sibling.lead for group in _RIVALS):
            return True
    other_place = bool(figure.places - claimed) and bool(claimed - figure.places)
    return other_place and bool(sibling.places) and sibling.places <= claimed


def _lead(sentence: str, at: int, ends: list[int]) -> str:
    """The words of ``sentence`` leading up to the figure at ``at``: from the start of its clause
    or the end of the figure before it, whichever is later ("As exportações cresceram 13% e já
    representam 31,3%" -> " e já representam ")."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() >= at:
            break
        start = m.end()
    return sentence[max([start, *(e for e in ends if e <= at)]) : at]


def _clause_before(sentence: str, at: int) -> str:
    """The clause of ``sentence`` before the one holding the character at ``at`` (empty if none)."""
    bounds = [0]
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() >= at:
            break
        bounds.append(m.start())
        bounds.append(m.end())
    return sentence[bounds[-3] : bounds[-2]] if len(bounds) >= 3 else ""


def _shares_a_word(
    c: Hit, ctoks: set[str], c_clause: set[str], stoks: set[str], src: _Source, si: int
) -> bool:
    """The claim and the source's one statement of its quantity share a word that tells figures
    apart: a count names its thing, so its sentences may share it; a measure (a length, a
    power, an amount, a share) is said of what its own clause names, so the clauses must."""
    if c.quantity.family == "count":
        return bool((ctoks & stoks) - src.ubiquitous())
    return bool((c_clause & src.clause_tokens(si)) - src.ubiquitous())


def _sole_difference(c: Hit, s: Hit, rel: Relation) -> Relation:
    """A difference from the source's one statement of the quantity, diagnosed: two digits
    swapped even in a two-digit figure (42 wind turbines for "vinte e quatro"), which between two
    figures of one thing is a copying slip, not the chance it is between any two figures."""
    digits = _aligned_digits(c, s)
    if digits is None or c.unit_factor != s.unit_factor or not _adjacent_swap(*digits):
        return rel
    if digits[0].endswith("0") or digits[1].endswith("0"):
        return rel  # round figures (2,100 and 1,200 km) differ like this by chance
    return Relation("transposed", 1, None, _SLIP_CAUSE["transposed"])


def _uninformative(common: set[str], src: _Source, rel: Relation) -> int:
    """How many of the shared words count for nothing: those in most figure sentences of a
    long source ("China" on a page about China, "plant" on a page about one plant) tell none
    of its figures apart. Concepts are left out of a bare difference's context already."""
    if rel.strength < 0:
        return 0
    words = common & src.ubiquitous()
    if rel.strength <= 0:
        words = {t for t in words if t[0] != "@"}
    return len(words)


def _other_period(claim_tokens: set[str], source_tokens: set[str], rel: Relation) -> bool:
    """Both sentences name years and no year is shared: the figures are of different periods,
    and a weak explanation (one that needs context) is no evidence of a mistake."""
    if rel.strength >= 2:
        return False
    claim_years = {t for t in claim_tokens if t.isdigit()}
    source_years = {t for t in source_tokens if t.isdigit()}
    return bool(claim_years and source_years) and claim_years.isdisjoint(source_years)


def _accusable(c: Hit, s: Hit, rel: Relation, ctx: int) -> bool:
    """Whether a mismatch is explained well enough, in enough shared context, to report it."""
    if rel.strength < 0 or ctx < _MIN_CONTEXT.get(rel.strength, 99):
        return False
    if rel.kind == "different":
        return c.quantity.family != "number" and _close(c, s)
    return True


def _verdict_against(
    c: Hit, sp, claim_sentence: str, src: _Source, s: Hit, s_span, rel: Relation, base: dict
) -> FigureCheck:
    """The check of claim figure ``c`` against source figure ``s`` in the sentence at ``s_span``."""
    s_sentence = src.text[s_span[0] : s_span[1]]
    verdict = Verdict.CONSISTENT if rel.kind == "consistent" else Verdict.INCONSISTENT
    diagnosis = None if rel.kind == "consistent" else rel.kind
    return FigureCheck(
        claim_quantity=_relocate(c.quantity, sp), verdict=verdict, claim_sentence=claim_sentence,
        source_quantity=_relocate(s.quantity, s_span), source_sentence=s_sentence, diagnosis=diagnosis,
        factor=rel.factor if diagnosis else None, cause=rel.cause if diagnosis else None,
        explanation=_explain(c, s, rel), **base,
    )  # fmt: skip


def _verdict(c: Hit, sp, claim_sentence: str, src: _Source, best, base: dict) -> FigureCheck:
    cq = _relocate(c.quantity, sp)
    if best is not None and best[0][0]:
        _key, si, rel, s_span = best
        return _verdict_against(c, sp, claim_sentence, src, src.hits[si], s_span, rel, base)
    why = f"no figure in the source matches {c.quantity.raw.strip()} ({describe(c.quantity)})"
    if not src.hits:
        why = "the source contains no figures"
    if src.truncated:
        why += f"; only the first {MAX_SOURCE_CHARS:,} characters of the source were read"
    return FigureCheck(
        claim_quantity=cq, verdict=Verdict.NOT_FOUND, claim_sentence=claim_sentence, explanation=why, **base
    )


# counted nouns that translations use for one another: a home is a household or a dwelling
# ("250,000 homes" for "520.000 viviendas", "150万户")
_SAME_COUNTED = (frozenset({"household", "housing unit"}),)


# counted nouns a translation puts for almost any other ("2,162 key emission units" for
# 2162家重点排放单位, "8 generating units" for 8台)
_LOOSE_COUNTED = frozenset({"unit", "item"})
# counted nouns a translation puts for one another: "jobs for 50,316 workers" for 50316个就业岗位
_TRANSLATED_AS = (frozenset({"person", "job"}), frozenset({"plant", "turbine"}))


def _other_things_counted(c: Quantity, s: Quantity) -> bool:
    """Two counts of things no translation confuses (jobs and TEU, households and projects):
    such figures never agree, whatever their values."""
    if not (c.family == s.family == "count" and c.unit and s.unit) or {c.unit, s.unit} & _LOOSE_COUNTED:
        return False
    if any(c.unit in group and s.unit in group for group in _TRANSLATED_AS):
        return False
    return not _same_counted(c.unit, s.unit)


def _same_counted(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _SAME_COUNTED)


def _kind(q: Quantity) -> tuple:
    return (q.family, q.currency if q.family == "currency" else q.unit)


# families whose figures name what they measure: a page's one figure in MW is its capacity
_GENERIC_FAMILIES = frozenset({"number", "count", "currency", "percent", "price"})


def _specific_kind(c: Quantity, s: Quantity) -> bool:
    """Both figures measure one specific thing: the same counted noun, or the same physical
    quantity (power, energy, length...). Money and percentages are said of anything."""
    if c.family == "count":
        return bool(c.unit and s.unit) and _same_counted(c.unit, s.unit)
    return c.family not in _GENERIC_FAMILIES and c.family == s.family


# words that make a figure a part of a whole or an addition to it: a phase, a stage, an
# expansion, a half-year; such a figure is no reading of the whole the claim states
_PART_STEMS = frozenset(
    "phase stage additi expans extens semest quarte fase etapa adicio amplia trimes".split()
)
_PART_CJK = ("一期", "二期", "三期", "四期", "新增", "扩建", "擴建", "上半年", "下半年", "季度", "其中")

# a mistaken copy of a figure stays near it; a figure this far apart is another figure
_NEAR_RATIO = 1.5
# the source's one statement of a quantity contradicts a claim figure up to this factor apart;
# farther, a page's one figure of that kind is more likely said of something else
_SOLE_RATIO = 5


# amounts and percentages are said of anything: what they measure is named in their clause.
# A percentage is one quantity when it is a share of a whole; a rate of change is said of a
# period as much as of a thing, and two-digit rates differ by chance ("grew 31%", "13%")
_MEASURES = {
    "currency": frozenset("@trade @export @import @investment @loan @contract @bond".split()),
    "percent": frozenset({"@share"}),
}

# things of one kind that exclude each other: a figure said of one is not said of another
_RIVALS = (
    frozenset({"@solar", "@wind", "@hydro", "@coal", "@gas", "@oil"}),  # sources of energy
    frozenset({"@export", "@import"}),  # directions of trade
    frozenset({"@growth", "@share"}),  # a change from a year before is not a share of a whole
    frozenset({"@line", "@plant", "@mine"}),  # works: a line's length is no plant's distance
)

# words that make a figure one unit's share of a total ("4,5 MW cada uno", "每台", "each")
_EACH_STEMS = frozenset("each apiece cada".split())
_EACH_CJK = ("每台", "每个", "单机", "單機", "每座")

# where a clause ends inside a sentence: a comma or semicolon before a space (not a decimal
# comma), a colon, a dash or a bracket
_CLAUSE_BREAK = recache.compile(r"[,;:](?=\s)|[;()\u2013\u2014，；：（）]")


def _clause(sentence: str, at: int) -> str:
    """The clause of ``sentence`` holding the character at ``at``."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() >= at:
            return sentence[start : m.start()]
        start = m.end()
    return sentence[start:]


def _rival_things(a: set[str], b: set[str]) -> bool:
    """Each clause names things of one kind and they share none: two things (solar, hydro)."""
    for group in _RIVALS:
        x, y = a & group, b & group
        if x and y and x.isdisjoint(y):
            return True
    return False


def _each(tokens: set[str]) -> bool:
    return bool(tokens & _EACH_STEMS) or any(w in t for t in tokens for w in _EACH_CJK)


def _parts(text: str) -> set[str]:
    found = {t for t in _tokens(text) if t in _PART_STEMS}
    found.update(w for w in _PART_CJK if w in text)
    return found


def _states_the_same_quantity(
    c: Hit, s: Hit, claim_sentence: str, c_clause: set[str], src: _Source, si: int
) -> bool:
    """The source's only figure of a specific kind (its one capacity in MW, its one count of
    turbines), near the claim's, and not said of a part the claim does not name (a phase, an
    addition, a half-year): across languages the concepts both sentences share then say the
    two figures are one quantity ("200 MW" against "252 MW" in a Portuguese page's one capacity)."""
    cv, sv = c.quantity.value, s.quantity.value
    if cv <= 0 or sv <= 0 or max(cv, sv) >= min(cv, sv) * Decimal(str(_NEAR_RATIO)):
        return False
    return _specific_kind(c.quantity, s.quantity) and _said_of_the_same_thing(
        c, s, claim_sentence, c_clause, src, si
    )


def _said_of_the_same_thing(
    c: Hit,
    s: Hit,
    claim_sentence: str,
    c_clause: set[str],
    src: _Source,
    si: int,
    names_checked: bool = False,
) -> bool:
    """Whatever its value, the source figure is said of what the claim figure is said of: no
    names of two different things, no part the claim does not name, and no rival things next
    to the two figures (a solar plant's MW for a hydroelectric plant's, imports for exports,
    each turbine's MW for the farm's)."""
    if c.quantity.value <= 0 or s.quantity.value <= 0:
        return False
    s_span = src.sentence_of(si)
    s_sentence = src.text[s_span[0] : s_span[1]]
    if not names_checked and _other_names(claim_sentence, s_sentence):
        return False
    s_parts = _parts(s_sentence)
    if s_parts and not _parts(claim_sentence):
        return False
    s_clause = src.clause_tokens(si)
    if _rival_things(c_clause, s_clause):
        return False
    # a measure said of each unit is not the whole's (the count of the units is no measure)
    return c.quantity.family == "count" or _each(c_clause) == _each(s_clause)


def _the_one_statement(
    c: Hit,
    s: Hit,
    claim_sentence: str,
    c_clause: set[str],
    src: _Source,
    si: int,
    same_thing: dict[int, bool],
) -> bool:
    """The source states the claim's quantity once, at figure ``si``: its only figure of the
    claim's specific kind (one count of turbines, one length in km) said of the claim's thing,
    or, for an amount or a
    percentage, its only one whose clause names what the claim's measures (a share, exports,
    trade, investment); said of the same thing, and every name of the claim sentence is in
    the source sentence (a share of Chile's exports is not one of Peru's)."""
    q = c.quantity
    if _specific_kind(q, s.quantity):
        # the one figure of that kind said of the claim's thing: others said of each unit, of a
        # part or of a rival thing do not count ("3.6 MW each, 54 MW in total")
        for k in src.of_its_kind(si):
            if k not in same_thing:
                same_thing[k] = _said_of_the_same_thing(c, src.hits[k], claim_sentence, c_clause, src, k)
        if [k for k in src.of_its_kind(si) if same_thing[k]] != [si]:
            return False
    elif q.family in _MEASURES and q.unit == s.quantity.unit:
        measures = c_clause & _MEASURES[q.family]
        candidates = {
            k for m in measures for k in src.measured(q.family, m) if compatible(q, src.hits[k].quantity)
        }
        if candidates != {si}:
            return False
    else:
        return False
    s_span = src.sentence_of(si)
    if _names_missing(claim_sentence, src.text[s_span[0] : s_span[1]]):
        return False
    return _said_of_the_same_thing(c, s, claim_sentence, c_clause, src, si, names_checked=True)


# a capitalised word after a sentence's first: a name, which a translation keeps ("Cauchari")
_WORD_RE = recache.compile(r"[^\W\d_]+")
_NAME_RE = recache.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}")


def _names(sentence: str) -> set[str]:
    words = [m.group() for m in _WORD_RE.finditer(sentence)][1:]
    return {w.lower()[:6] for w in words if _NAME_RE.fullmatch(w)}


def _names_missing(claim_sentence: str, source_sentence: str) -> bool:
    """A name of the claim sentence (after its first word) that the source sentence does not
    hold, even as the start of a word ("Chile" in "chilenas") or in another spelling of a
    country or region ("Peru" in 秘鲁); a name with no known spelling in another script is not
    looked for there."""
    names = {_fold(n)[:5] for n in _names(claim_sentence)}
    if not names:
        return False
    words = {_fold(w.lower()) for w in _WORD_RE.findall(source_sentence)}
    return any(name_in(n, words, source_sentence) is False for n in names)


def _other_names(claim_sentence: str, source_sentence: str) -> bool:
    """Both sentences name something and share no name: they speak of two things (the
    Cauchari park in the paper, the Ullum park in the source)."""
    a, b = _names(claim_sentence), _names(source_sentence)
    return bool(a and b) and a.isdisjoint(b)


def _same_thing(c: Quantity, s: Quantity, states: bool = False) -> int:
    """1 when both figures name the same counted noun or currency, or (when the source figure
    states the claim's quantity) the same physical quantity: context for "different"."""
    if c.family == "count" and c.unit and s.unit and _same_counted(c.unit, s.unit):
        return 1
    if states and _specific_kind(c, s):
        return 1
    return int(c.family == "currency" and c.currency == s.currency and c.unit != "$")


def _within(c: Hit, s: Hit, ratio: float) -> bool:
    cv, sv = c.quantity.value, s.quantity.value
    return cv > 0 and sv > 0 and abs(math.log10(float(cv / sv))) < math.log10(ratio)


def _close(c: Hit, s: Hit) -> bool:
    cv, sv = c.quantity.value, s.quantity.value
    if cv <= 0 or sv <= 0:
        return False
    return abs(math.log10(float(cv / sv))) < 1
