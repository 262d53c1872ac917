"""Reading numerals as written: Arabic digits in every grouping convention, Chinese numerals.

Pure functions, no state. Values are :class:`~decimal.Decimal`.

>>> parse_arabic("1.234,5", "es")
ArabicNumber(value=Decimal('1234.5'), precision=Decimal('0.1'), digits='12345', decimal=True)
>>> parse_arabic("451.591", "en").value
Decimal('451.591')
>>> parse_chinese("一千五百")
(Decimal('1500'), Decimal('100'))
>>> parse_chinese("四十五亿")
(Decimal('4500000000'), Decimal('100000000'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .. import recache
from .language import COMMA_DECIMAL

# Full-width digits and punctuation mapped one character to one character, so offsets hold.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，％＄＋－／：",
    "0123456789.,%$+-/:",
)


_FULLWIDTH_RE = recache.compile("[０-９．，％＄＋－／：]")


def normalise_digits(text: str) -> str:
    """Map full-width digits and signs to ASCII, keeping the length (offsets stay valid).

    >>> normalise_digits("１０８％")
    '108%'
    """
    if _FULLWIDTH_RE.search(text) is None:
        return text
    # replace only the full-width characters: str.translate looks up every character
    return _FULLWIDTH_RE.sub(_to_ascii, text)


def _to_ascii(m: re.Match) -> str:
    return chr(_FULLWIDTH[ord(m.group())])


_SPACES = "\u00a0\u202f\u2009 '’"


@dataclass(frozen=True)
class ArabicNumber:
    """A numeral read from digits: its value, the value of one unit in its last digit,
    the significant digit string (no separators, no leading zeros), and whether it was
    written with a decimal part."""

    value: Decimal
    precision: Decimal
    digits: str
    decimal: bool


def _decimal_sep_for(raw: str, lang: str | None) -> str | None:
    """Decide which separator in ``raw`` is the decimal mark (None: integer)."""
    seps = [c for c in raw if not c.isdigit()]
    if not seps:
        return None
    kinds = set(seps)
    if kinds & set(_SPACES):
        last = raw.rstrip("0123456789")[-1]
        return last if last in ",." else None
    if "," in kinds and "." in kinds:
        return raw.rstrip("0123456789")[-1]
    (sep,) = kinds
    if len(seps) > 1:
        return None  # repeated: grouping
    head, tail = raw.split(sep)
    if len(tail) != 3 or head.strip("0") == "":
        return sep
    comma_decimal = lang in COMMA_DECIMAL
    if sep == ",":
        return "," if comma_decimal else None
    return None if comma_decimal else "."


def needs_convention(raw: str) -> bool:
    """Whether ``raw`` reads differently with a decimal point and a decimal comma: one
    separator, followed by exactly three digits (``2.500``, ``1,234``; not ``0,500``).

    >>> needs_convention("2.500"), needs_convention("2,5"), needs_convention("1.234.567"), needs_convention("1,234.5")
    (True, False, False, False)
    """
    k = raw.find(",")
    if k < 0:
        k = raw.find(".")
    elif "." in raw:
        return False
    if k < 0 or raw.find(raw[k], k + 1) >= 0:
        return False
    tail = raw[k + 1 :]
    return len(tail) == 3 and tail.isdigit() and raw[:k].isdigit() and raw[:k].strip("0") != ""


def parse_arabic(raw: str, lang: str | None = None) -> ArabicNumber:
    """Read a digit string with grouping and decimal separators.

    The last separator is the decimal mark when both ``,`` and ``.`` occur; a repeated
    separator groups; a single separator followed by exactly three digits groups in the
    convention of ``lang`` (``1,234`` is 1234 in English, 1.234 in Spanish/Portuguese).
    Spaces (also no-break and thin spaces) always group.

    >>> parse_arabic("1 234,5").value
    Decimal('1234.5')
    >>> parse_arabic("2,162").value
    Decimal('2162')
    >>> parse_arabic("2.162", "pt").value
    Decimal('2162')
    """
    dec = _decimal_sep_for(raw, lang)
    if dec is None:
        int_part, frac = raw, ""
    else:
        idx = raw.rfind(dec)
        int_part, frac = raw[:idx], raw[idx + 1 :]
    int_digits = "".join(c for c in int_part if c.isdigit())
    text = int_digits + ("." + frac if frac else "")
    value = Decimal(text or "0")
    precision = Decimal(1).scaleb(-len(frac)) if frac else Decimal(1)
    digits = (int_digits + frac).lstrip("0").rstrip("0") or "0"
    return ArabicNumber(value, precision, digits, bool(frac))


CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
# as sets, to test a whole string at once (set.issuperset(text): no generator per character)
CN_DIGIT_SET = frozenset(CN_DIGITS)
CN_NUMERAL_SET = frozenset(CN_NUMERAL_CHARS)


def parse_chinese(text: str) -> tuple[Decimal, Decimal] | None:
    """Read a Chinese numeral (simplified, traditional or financial forms).

    Returns ``(value, precision)`` or None when ``text`` is not a numeral. Digit-by-digit
    forms (``二〇二一``) and a decimal part after 点 are read too.

    >>> parse_chinese("十三")
    (Decimal('13'), Decimal('1'))
    >>> parse_chinese("三点五")
    (Decimal('3.5'), Decimal('0.1'))
    >>> parse_chinese("二〇二一")
    (Decimal('2021'), Decimal('1'))
    """
    if not text:
        return None
    frac = ""
    if "点" in text:
        text, _, frac_cn = text.partition("点")
        if not frac_cn or not CN_DIGIT_SET.issuperset(frac_cn):
            return None
        frac = "".join(str(CN_DIGITS[c]) for c in frac_cn)
    if not CN_NUMERAL_SET.issuperset(text):
        return None
    if text and len(text) > 1 and CN_DIGIT_SET.issuperset(text):
        ip = int("".join(str(CN_DIGITS[c]) for c in text))
        prec = 1
    elif not text:
        return None
    else:
        total = section = number = 0
        prec = 1
        prev_small = 0
        digits, small_units = CN_DIGITS, CN_SMALL_UNITS
        for c in text:
            d = digits.get(c)
            if d is not None:
                number = d
                prec = 1
                continue
            mult = small_units.get(c)
            if mult is not None:
                section += (number or (1 if not section or prev_small else 0) or 1) * mult
                number = 0
                prec = mult
                prev_small = mult
                continue
            mult = CN_BIG_UNITS[c]
            if mult == 10**4:
                section = ((section + number) or 1) * mult
            else:
                total = ((total + section + number) or 1) * mult
                section = 0
            number = 0
            prec *= mult
            prev_small = 0
        if number and prev_small >= 100 and text[-2] in CN_SMALL_UNITS:
            number *= prev_small // 10  # colloquial 一千五 = 1500
            prec = prev_small // 10
        ip = total + section + number
    if frac:
        return Decimal(f"{ip}.{frac}"), Decimal(1).scaleb(-len(frac))
    return Decimal(ip), Decimal(prec)


_CN_FRACTION = recache.compile(rf"([{CN_NUMERAL_CHARS}]+)分之([{CN_NUMERAL_CHARS}点]+)")


def parse_chinese_fraction(text: str) -> Decimal | None:
    """``三分之一`` -> 1/3 as a percentage (33.33...); ``百分之十三`` -> 13.

    >>> parse_chinese_fraction("百分之十三")
    Decimal('13')
    """
    m = _CN_FRACTION.fullmatch(text)
    if not m:
        return None
    den = parse_chinese(m.group(1))
    num = parse_chinese(m.group(2))
    if not den or not num or den[0] == 0:
        return None
    return (num[0] * 100 / den[0]).normalize() if den[0] != 100 else num[0]
