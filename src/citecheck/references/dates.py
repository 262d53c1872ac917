"""Dates in references: full dates, month-year, issue-year forms and access dates.

Pure functions; every result is an ISO string, possibly partial ("2019", "2019-06",
"2019-06-08").

>>> find_date("Xinhua News Agency, June 8, 2019").iso
'2019-06-08'
>>> find_date("published in Research, Issue 3, 2021, Page 23").iso
'2021'
>>> find_date("Latest, November 2021 July 19th").iso
'2021-11-19'
>>> parse_access_date("[2022 - 02 - 20]")
'2022-02-20'
>>> find_date("《人民日报》2021年11月20日，第3版").iso
'2021-11-20'
>>> find_date("consultado el 3 de marzo de 2022").iso, find_date("[引用日期2022-02-20]").iso
('2022-03-03', '2022-02-20')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import recache
from .urls.vocab import GARBLE_CHARS as _G
from .vocabulary import MONTHS

__all__ = ["DateMatch", "find_date", "parse_access_date", "MONTHS", "YEAR_RE"]

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_MON = rf"(?P<mon>{_MONTH_ALT})\.?"
YEAR_RE = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# Ordered: most specific first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 2021年11月20日 / 2022年1月 (Chinese and Japanese dates)
    (
        "cjk",
        recache.compile(
            rf"(?P<year>{YEAR_RE})\s*年\s*(?P<mnum>[01]?\d)\s*月(?:\s*(?P<day>[0-3]?\d)\s*[日号])?"
        ),
    ),
    # November 2021 July 19th  (garbled 2021年11月19日: the first month is right)
    ("mymd", recache.compile(rf"(?i)\b{_MON}\s+(?P<year>{YEAR_RE})\s+(?:{_MONTH_ALT})\.?\s+{_DAY}\b")),
    # 2021 September 30th   /  2021, September 30
    (
        "ymd",
        recache.compile(
            rf"(?i)\b(?P<year>{YEAR_RE})[,.]?\s+{_MON}\s+{_DAY}\b(?!\s*[-–]\s*\d)(?!,?\s*{YEAR_RE})"
        ),
    ),
    # June 8, 2019 / September 4ÿ 2019 / June 8 2019
    ("mdy", recache.compile(rf"(?i)\b{_MON}\s+{_DAY}(?:\s*[,ÿ]\s*|\s+)(?P<year>{YEAR_RE})\b")),
    # 8 June 2019
    ("dmy", recache.compile(rf"(?i)\b{_DAY}\.?\s+{_MON},?\s+(?P<year>{YEAR_RE})\b")),
    # 3 de marzo de 2022 / 15 de janeiro de 2021 (Spanish and Portuguese)
    ("dmy-de", recache.compile(rf"(?i)\b{_DAY}\s+de\s+{_MON}\s+(?:de|del)\s+(?P<year>{YEAR_RE})\b")),
    # 2019-06-08 / 2019/06/08; glued to Chinese text too ("引用日期2022-02-20")
    (
        "iso",
        recache.compile(
            rf"(?<![\d/.-])(?P<year>{YEAR_RE})\s*[-/.]\s*(?P<mnum>[01]?\d)\s*[-/.]\s*(?P<day>[0-3]?\d)(?![\d/])"
        ),
    ),
    # June 2019 / (spring 2000)
    ("my", recache.compile(rf"(?i)\b{_MON},?\s+(?P<year>{YEAR_RE})\b")),
    # noviembre de 2022 / março de 2021 (Spanish and Portuguese)
    ("my-de", recache.compile(rf"(?i)\b{_MON}\s+(?:de|del)\s+(?P<year>{YEAR_RE})\b")),
    # 2019, June
    ("ym", recache.compile(rf"(?i)\b(?P<year>{YEAR_RE}),?\s+{_MON}(?!\s*\d)\b")),
]
_ANY_YEAR = recache.compile(YEAR_RE)
_MONTH_INITIALS = "".join(sorted({m[0] for m in MONTHS}))
# the look-ahead on the first letter lets most words fail at once
_ANY_MONTH = recache.compile(rf"(?i)\b(?=[{_MONTH_INITIALS}])(?:{_MONTH_ALT})")
_ISO_HINT = recache.compile(rf"{YEAR_RE}\s*(?:[-/.]\s*[01]?\d\s*[-/.]|年\s*[01]?\d\s*月)")
_YEAR_ONLY = recache.compile(rf"(?<![\d/.-])(?P<year>{YEAR_RE})(?P<suffix>[a-z])?(?![\d/]|\.\d)")


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: ISO form and where it sits."""

    iso: str
    year: int
    start: int
    end: int


def _iso(year: str, month: int | None = None, day: str | None = None) -> str:
    if month is None:
        return year
    if day is None:
        return f"{year}-{month:02d}"
    d = int(day)
    if not 1 <= d <= 31:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{d:02d}"


def find_date(text: str, *, prefer_full: bool = True) -> DateMatch | None:
    """Return the most informative date in ``text`` (a full date before month-year before year).

    Years inside URLs or page ranges are not taken; pass text with the URL removed.
    """
    if _ANY_YEAR.search(text) is None:
        return None
    if prefer_full and _ANY_MONTH.search(text) is None and _ISO_HINT.search(text) is None:
        prefer_full = False
    if prefer_full:
        for kind, pat in _PATTERNS:
            m = pat.search(text)
            if not m:
                continue
            gd = m.groupdict()
            if kind in ("iso", "cjk"):
                month = int(gd["mnum"])
                if not 1 <= month <= 12:
                    continue
            else:
                month = MONTHS[gd["mon"].lower()]
            return DateMatch(_iso(gd["year"], month, gd.get("day")), int(gd["year"]), m.start(), m.end())
    for m in _YEAR_ONLY.finditer(text):
        return DateMatch(m.group("year"), int(m.group("year")), m.start(), m.end())
    return None


_ACCESS = recache.compile(
    rf"\[\s*(?P<y>\d\s*\d\s*\d\s*\d)\s*[-/.]\s*(?P<m>[\d{_G}]\s*[\d{_G}]?)\s*[-/.]?\s*(?P<d>[\d{_G}]\s*[\d{_G}]?)?\s*\]"
)


def parse_access_date(text: str) -> str | None:
    """Read an access date such as ``[2022 - 02 - 20]`` or ``accessed 5 May 2020``.

    Garbled digits give the part that survives (``[2022 - ÿÿ ÿÿ]`` -> ``"2022"``).
    """
    m = _ACCESS.search(text)
    if m:
        y = re.sub(r"\s", "", m.group("y"))
        mo = re.sub(r"\s", "", m.group("m") or "")
        d = re.sub(r"\s", "", m.group("d") or "")
        if not mo.isdigit() or not 1 <= int(mo) <= 12:
            return y
        if not d.isdigit() or not 1 <= int(d) <= 31:
            return f"{y}-{int(mo):02d}"
        return f"{y}-{int(mo):02d}-{int(d):02d}"
    m = re.search(r"\[\s*(\d{4})\s*[-/]", text)
    if m:
        return m.group(1)
    dm = find_date(text)
    return dm.iso if dm else None
