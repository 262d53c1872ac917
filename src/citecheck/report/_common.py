"""Helpers every renderer shares: text scrubbing, counts and number highlighting.

>>> split_highlight("about 10.8 billion dollars", "10.8 billion")
('about ', '10.8 billion', ' dollars')
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from urllib.parse import urlsplit

from ..findings import SEVERITY
from ..model import Acceptance, FigureEvidence, Finding, FindingKind, LinkState, Quantity, Report, Verdict

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
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def shown(text: object) -> str:
    """:func:`scrub`, and without bidi controls: text a report *displays* reads in its own order.

    >>> shown("\u202e5.2\u202c亿美元")
    '5.2亿美元'
    """
    return _BIDI_CONTROLS.sub("", scrub(text))


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


def finding_counts(report: Report, *, accepted: bool = False) -> dict[str, int]:
    """Findings per kind, most serious first, kinds with none left out: those still open, or
    (``accepted``) those a baseline accepted."""
    counts = Counter(f.kind.value for f in report.findings if (f.accepted is not None) is accepted)
    return {kind.value: counts[kind.value] for kind in SEVERITY if counts[kind.value]}


def accepted_findings(report: Report) -> list[Finding]:
    """The findings a baseline accepted, in report order."""
    return [f for f in report.findings if f.accepted is not None]


def accepted_link(report: Report, check) -> Acceptance | None:
    """The acceptance of ``check``'s broken or soft-404 link finding, if a baseline accepted it."""
    for f in report.findings:
        if f.accepted is not None and f.kind.is_dead_link and f.reference_key == check.reference_key:
            return f.accepted
    return None


def accepted_figure(report: Report, fig) -> Acceptance | None:
    """The acceptance of ``fig``'s inconsistent-figure finding (same reference, claim and figure)."""
    raw = fig.claim_quantity.raw if fig.claim_quantity is not None else None
    for f in report.findings:
        if f.accepted is None or f.kind is not FindingKind.INCONSISTENT:
            continue
        evidence = f.evidence
        if (
            isinstance(evidence, FigureEvidence)
            and f.reference_key == fig.reference_key
            and evidence.claim == fig.claim_sentence
            and evidence.paper_figure == raw
        ):
            return f.accepted
    return None


def acceptance_words(acceptance: Acceptance) -> str:
    """``accepted: Paywalled (until 2027-06-30)``"""
    until = f" (until {acceptance.expires})" if acceptance.expires else ""
    return f"accepted: {acceptance.reason}{until}"


#: Verdicts that mean a figure was really compared with a source text.
_COMPARED = (Verdict.CONSISTENT, Verdict.INCONSISTENT, Verdict.NOT_FOUND)


def unchecked_reason(check) -> str | None:
    """Why ``check``'s link was not checked, or None when it was."""
    return check.link.state.unchecked_reason if check.link is not None else "not checked"


def coverage(report: Report) -> dict:
    """How much of a run was really checked: links checked of links, figures compared of
    figures, and per reason the links that could not be checked."""
    reasons = Counter(r for r in (unchecked_reason(c) for c in report.checks) if r is not None)
    compared = sum(1 for fig in report.figures if fig.verdict in _COMPARED)
    return {
        "links": len(report.checks),
        "links_checked": len(report.checks) - sum(reasons.values()),
        "unchecked": dict(reasons.most_common()),
        "figures": len(report.figures),
        "figures_compared": compared,
    }


def coverage_lines(report: Report) -> list[str]:
    """What was *not* verified, in words, for the top of a report (empty when everything was).

    ``["Nothing was verified.", "12 of 12 links could not be checked: no network", …]``
    """
    cov = coverage(report)
    lines: list[str] = []
    unchecked = cov["links"] - cov["links_checked"]
    if unchecked:
        reasons = cov["unchecked"]
        why = (
            next(iter(reasons))
            if len(reasons) == 1
            else ", ".join(f"{n} {reason}" for reason, n in reasons.items())
        )
        lines.append(f"{unchecked} of {cov['links']} links could not be checked: {why}")
    uncompared = cov["figures"] - cov["figures_compared"]
    if uncompared:
        lines.append(f"{uncompared} of {cov['figures']} figures could not be compared with a source")
    if lines and not cov["links_checked"] and not cov["figures_compared"]:
        lines.insert(0, "Nothing was verified.")
    return lines


def nothing_verified(report: Report) -> bool:
    """True when links or figures exist but not one was checked or compared."""
    return bool(coverage_lines(report)) and coverage_lines(report)[0] == "Nothing was verified."


def summary(report: Report) -> dict:
    """The headline numbers every format shows."""
    with_url = sum(1 for ref in report.references if ref.url is not None)
    out = {
        "references": len(report.references),
        "references_with_url": with_url,
        "claims": len(report.claims),
        "links": link_counts(report),
        "figures": verdict_counts(report),
        "findings": finding_counts(report),
    }
    accepted = finding_counts(report, accepted=True)
    if accepted:  # only with a baseline: a run without one keeps its summary as it was
        out["accepted"] = accepted
    return out


def plain_number(value: Decimal | None) -> str:
    """A Decimal without exponent or trailing zeros: ``Decimal("1.08E+8")`` -> ``"108000000"``."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
