"""Helpers every renderer shares: text scrubbing, counts and number highlighting.

>>> split_highlight("about 10.8 billion dollars", "10.8 billion")
('about ', '10.8 billion', ' dollars')
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from ..findings import SEVERITY
from ..model import LinkState, Quantity, Report, Verdict

# Characters XML 1.0 forbids (and that make HTML parsers unhappy): C0 controls except
# tab/newline/CR, lone surrogates, and U+FFFE/U+FFFF.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def scrub(text: object) -> str:
    """``text`` as a str that encodes to valid UTF-8 and is legal in XML.

    >>> scrub("a\\x00b\\ud800c")
    'a\\ufffdb\\ufffdc'
    """
    if text is None:
        return ""
    return _INVALID.sub("\ufffd", str(text))


def split_highlight(
    sentence: str, raw: str | None, start: int | None = None, end: int | None = None
) -> tuple[str, str, str]:
    """Split ``sentence`` around the quoted number: ``(before, number, after)``.

    Uses the offsets when they point at ``raw``; else the first occurrence of ``raw``;
    else nothing is highlighted (``(sentence, "", "")``).
    """
    sentence = sentence or ""
    if raw:
        if start is not None and end is not None and 0 <= start < end <= len(sentence):
            if sentence[start:end] == raw:
                return sentence[:start], raw, sentence[end:]
        at = sentence.find(raw)
        if at >= 0:
            return sentence[:at], raw, sentence[at + len(raw) :]
    return sentence, "", ""


def highlight_quantity(sentence: str | None, quantity: Quantity | None) -> tuple[str, str, str]:
    """:func:`split_highlight` for a :class:`Quantity` found in ``sentence``."""
    if quantity is None:
        return sentence or "", "", ""
    return split_highlight(sentence or "", quantity.raw, quantity.start, quantity.end)


def link_counts(report: Report) -> dict[str, int]:
    """Checks per link state, in the order of :class:`LinkState` (states with none left out)."""
    counts = Counter(check.link.state.value for check in report.checks if check.link is not None)
    unchecked = sum(1 for check in report.checks if check.link is None)
    out = {state.value: counts[state.value] for state in LinkState if counts[state.value]}
    if unchecked:
        out["unchecked"] = unchecked
    return out


def verdict_counts(report: Report) -> dict[str, int]:
    """Figure checks per verdict, every verdict present (zero included), fixed order."""
    counts = Counter(fig.verdict.value for fig in report.figures)
    return {verdict.value: counts[verdict.value] for verdict in Verdict}


def finding_counts(report: Report) -> dict[str, int]:
    """Findings per kind, most serious first, kinds with none left out."""
    counts = Counter(finding.kind.value for finding in report.findings)
    return {kind.value: counts[kind.value] for kind in SEVERITY if counts[kind.value]}


def summary(report: Report) -> dict:
    """The headline numbers every format shows."""
    with_url = sum(1 for ref in report.references if ref.url is not None)
    return {
        "references": len(report.references),
        "references_with_url": with_url,
        "claims": len(report.claims),
        "links": link_counts(report),
        "figures": verdict_counts(report),
        "findings": finding_counts(report),
    }


def plain_number(value: Decimal | None) -> str:
    """A Decimal without exponent or trailing zeros: ``Decimal("1.08E+8")`` -> ``"108000000"``."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
