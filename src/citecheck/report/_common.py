"""Helpers every formatter shares: text scrubbing and which URLs may be links.

The counts and the highlighting live in :mod:`citecheck.report.sections`; the names below
(``link_counts``, ``summary``, ``coverage_lines``, …) are kept for their callers.

>>> shown("a\u202eb")
'ab'
"""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

from .. import recache
from ..model import Report
from .sections import (
    acceptance_words,
    count_report,
    finding_counts,
    highlight_quantity,
    link_counts,
    report_coverage,
    split_highlight,
    unchecked_reason,
    verdict_counts,
)

__all__ = [
    "acceptance_words",
    "coverage_lines",
    "finding_counts",
    "highlight_quantity",
    "link_counts",
    "linkable",
    "plain_number",
    "scrub",
    "shown",
    "split_highlight",
    "summary",
    "unchecked_reason",
    "verdict_counts",
]

# Characters XML 1.0 forbids (and that make HTML parsers unhappy): C0 controls except
# tab/newline/CR, lone surrogates, and U+FFFE/U+FFFF.
_INVALID = recache.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def scrub(text: object) -> str:
    """``text`` as a str that encodes to valid UTF-8 and is legal in XML.

    >>> scrub("a\\x00b\\ud800c")
    'a\\ufffdb\\ufffdc'
    """
    if text is None:
        return ""
    return _INVALID.sub("\ufffd", str(text))


def linkable(url: str | None) -> bool:
    """Whether a report may show ``url`` as a link: http(s), no white space, and a host that can
    can be one on the web: an IP address, ``localhost`` or a dotted name. A dotless name
    (``http://cpc``, ``http://world``: a word the extraction cut off, or a bare top-level domain,
    which serves no pages) is garbage and stays text.

    >>> linkable("https://www.example.org/a"), linkable("http://cpc"), linkable("javascript:alert(1)")
    (True, False, False)
    """
    if not url or not re.match(r"(?i)^https?://[^\s]+$", url.strip()):
        return False
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return False
    host = host.rstrip(".").lower()
    if not host:
        return False
    return "." in host or ":" in host or host == "localhost"


#: Unicode bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069): in a
#: source's text they reverse what follows on display ("5.2亿美元" shown as "元美亿5.2").
_BIDI_CONTROLS = recache.compile("[\u202a-\u202e\u2066-\u2069]")


def shown(text: object) -> str:
    """:func:`scrub`, and without bidi controls: text a report *displays* reads in its own order.

    >>> shown("\u202e5.2\u202c亿美元")
    '5.2亿美元'
    """
    return _BIDI_CONTROLS.sub("", scrub(text))


def coverage_lines(report: Report) -> list[str]:
    """What was *not* verified, in words, for the top of a report (empty when everything was).

    ``["Nothing was verified.", "12 of 12 links could not be checked: no network", …]``
    """
    return report_coverage(report).lines()


def summary(report: Report) -> dict:
    """The headline numbers every format shows (the ``summary`` object of a JSON report)."""
    return count_report(report).as_dict()


def plain_number(value: Decimal | None) -> str:
    """A Decimal without exponent or trailing zeros: ``Decimal("1.08E+8")`` -> ``"108000000"``."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
