"""The sections of a report, worked out once as plain data; every format is a formatter over them.

:func:`build_sections` reads a :class:`~citecheck.model.Report` and decides, in one place, what
each part of a report holds: the summary counts, what was really checked, the broken links, the
inconsistent figures, the repaired URLs, the other findings, what a baseline accepted, and one
JUnit test case per reference. HTML, Markdown, JUnit, JSON and the terminal summary only choose
words and markup for these values (see :data:`citecheck.report.FORMATTERS`).

>>> from citecheck.model import Report
>>> s = build_sections(Report(paper="p.txt", generated_at="2026-01-01T00:00:00Z"))
>>> s.counts.references, s.coverage.nothing_verified, s.broken, s.nothing_checked
(0, False, (), True)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..findings import SEVERITY, figure_explanation, snapshot_date
from ..model import (
    Acceptance,
    FigureEvidence,
    Finding,
    FindingKind,
    LinkState,
    Quantity,
    Reference,
    Report,
    SourceCheck,
    UrlEvidence,
    Verdict,
)

__all__ = [
    "AcceptedRow",
    "BrokenLink",
    "Counts",
    "Coverage",
    "FindingGroup",
    "InconsistentFigure",
    "Repair",
    "Sections",
    "TestCase",
    "build_sections",
    "count_report",
    "highlight_quantity",
    "report_coverage",
    "split_highlight",
]

#: Kinds with a section of their own; the others are listed under "other findings".
OWN_SECTION: frozenset[FindingKind] = frozenset(
    {
        FindingKind.BROKEN,
        FindingKind.SOFT_404,
        FindingKind.INCONSISTENT,
        FindingKind.REPAIRED_URL,
        FindingKind.RECOVERED_URL,
    }
)

#: Verdicts that mean a figure was really compared with a source text.
_COMPARED = (Verdict.CONSISTENT, Verdict.INCONSISTENT, Verdict.NOT_FOUND)

NOTHING_VERIFIED = "Nothing was verified."


@dataclass(frozen=True)
class Counts:
    """The headline numbers: references, links per state, figures per verdict, findings per kind."""

    references: int
    references_with_url: int
    claims: int
    links: dict[str, int]  # per link state in LinkState order, "unchecked" last; none left out
    figures: dict[str, int]  # per verdict, every verdict (zero included)
    findings: dict[str, int]  # open findings per kind, most serious first
    accepted: dict[str, int] = field(default_factory=dict)  # accepted by a baseline, per kind

    def as_dict(self) -> dict:
        """The ``summary`` object of a JSON report (``accepted`` only with a baseline)."""
        out = {
            "references": self.references,
            "references_with_url": self.references_with_url,
            "claims": self.claims,
            "links": self.links,
            "figures": self.figures,
            "findings": self.findings,
        }
        if self.accepted:  # only with a baseline: a run without one keeps its summary as it was
            out["accepted"] = self.accepted
        return out

    @property
    def dead_links_open(self) -> int:
        """Broken and soft-404 links a baseline did not accept."""
        dead = self.links.get("broken", 0) + self.links.get("soft-404", 0)
        return dead - self.accepted.get("broken", 0) - self.accepted.get("soft-404", 0)

    @property
    def inconsistent_open(self) -> int:
        """Inconsistent figures a baseline did not accept."""
        return self.figures.get("inconsistent", 0) - self.accepted.get("inconsistent", 0)

    @property
    def links_ok(self) -> int:
        return self.links.get("ok", 0) + self.links.get("redirected", 0)

    @property
    def urls_to_fix(self) -> int:
        """URLs the text extraction damaged beyond repair: an editor reads them by hand."""
        return self.findings.get("incomplete-url", 0)

    @property
    def urls_repaired(self) -> int:
        return self.findings.get("repaired-url", 0) + self.findings.get("recovered-url", 0)


@dataclass(frozen=True)
class Coverage:
    """How much of the run was really checked, and in words what was not."""

    links: int
    links_checked: int
    unchecked: dict[str, int]  # links not checked, per reason, most common first
    figures: int
    figures_compared: int
    gaps: tuple[str, ...] = ()  # "12 of 12 links could not be checked: no network", …

    @property
    def nothing_verified(self) -> bool:
        """Links or figures exist but not one was checked or compared."""
        return bool(self.gaps) and not self.links_checked and not self.figures_compared

    @property
    def all_links_checked(self) -> bool:
        return self.links_checked == self.links

    @property
    def all_figures_compared(self) -> bool:
        return self.figures_compared == self.figures

    def lines(self) -> list[str]:
        """:attr:`gaps`, after ``"Nothing was verified."`` when nothing was."""
        return [NOTHING_VERIFIED, *self.gaps] if self.nothing_verified else list(self.gaps)

    def as_dict(self) -> dict:
        return {
            "links": self.links,
            "links_checked": self.links_checked,
            "unchecked": self.unchecked,
            "figures": self.figures,
            "figures_compared": self.figures_compared,
        }


@dataclass(frozen=True)
class BrokenLink:
    """A cited page gone on evidence (broken, soft-404) that no baseline accepted."""

    reference_key: str
    url: str
    state: LinkState
    reason: str
    final_url: str | None  # where redirects ended, when not where they started
    snapshot_url: str | None
    snapshot_date: str | None
    archive_error: str | None
    access_date: str | None
    title: str | None


@dataclass(frozen=True)
class InconsistentFigure:
    """A figure of the paper its source contradicts, the two sentences split around the numbers."""

    where: str  # the reference key, else the note
    claim: tuple[str, str, str]  # (before, number, after)
    source: tuple[str, str, str] | None  # None: no source sentence recorded
    source_url: str | None
    diagnosis: str | None
    explanation: str


@dataclass(frozen=True)
class Repair:
    """A URL repaired or recovered: as printed, the address used, how sure."""

    reference_key: str | None
    kind: FindingKind
    printed: str
    repaired: str
    confidence: str
    accepted: bool  # a baseline accepted the finding (it is listed with the accepted ones too)


@dataclass(frozen=True)
class FindingGroup:
    """The open findings of one kind that have no section of their own."""

    kind: FindingKind
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class AcceptedRow:
    """A finding a baseline accepted, with the words of its acceptance."""

    kind: FindingKind
    where: str  # the reference key, else "document"
    message: str
    acceptance: Acceptance

    @property
    def words(self) -> str:
        return acceptance_words(self.acceptance)


@dataclass(frozen=True)
class TestCase:
    """One reference as a CI test case: its findings, and why its link was not checked."""

    __test__ = False  # not a pytest class

    name: str
    in_paper: bool  # it comes from a note of the paper (JUnit names the paper as its file)
    findings: tuple[Finding, ...]
    unchecked: str | None


@dataclass(frozen=True)
class Sections:
    """Every section of one report, in the order the reports show them."""

    report: Report  # the whole run, for the JSON dump and the references section
    counts: Counts
    coverage: Coverage
    figures: tuple[InconsistentFigure, ...]
    broken: tuple[BrokenLink, ...]
    repairs: tuple[Repair, ...]
    others: tuple[FindingGroup, ...]  # most serious kind first
    accepted: tuple[AcceptedRow, ...]
    references: tuple[tuple[Reference, SourceCheck | None], ...]
    cases: tuple[TestCase, ...]
    nothing_checked: bool  # no finding and no check at all


def acceptance_words(acceptance: Acceptance) -> str:
    """``accepted: Paywalled (until 2027-06-30)``"""
    until = f" (until {acceptance.expires})" if acceptance.expires else ""
    return f"accepted: {acceptance.reason}{until}"


def unchecked_reason(check: SourceCheck) -> str | None:
    """Why ``check``'s link was not checked, or None when it was."""
    return check.link.state.unchecked_reason if check.link is not None else "not checked"


def split_highlight(
    sentence: str, raw: str | None, start: int | None = None, end: int | None = None
) -> tuple[str, str, str]:
    """Split ``sentence`` around the quoted number: ``(before, number, after)``.

    Uses the offsets when they point at ``raw``; else the first occurrence of ``raw``;
    else nothing is highlighted (``(sentence, "", "")``).

    >>> split_highlight("about 10.8 billion dollars", "10.8 billion")
    ('about ', '10.8 billion', ' dollars')
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


# ------------------------------------------------------------------ counts and coverage


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


def count_report(report: Report) -> Counts:
    return Counts(
        references=len(report.references),
        references_with_url=sum(1 for ref in report.references if ref.url is not None),
        claims=len(report.claims),
        links=link_counts(report),
        figures=verdict_counts(report),
        findings=finding_counts(report),
        accepted=finding_counts(report, accepted=True),
    )


def report_coverage(report: Report) -> Coverage:
    reasons = Counter(r for r in (unchecked_reason(c) for c in report.checks) if r is not None)
    links, checked = len(report.checks), len(report.checks) - sum(reasons.values())
    figures = len(report.figures)
    compared = sum(1 for fig in report.figures if fig.verdict in _COMPARED)
    unchecked = dict(reasons.most_common())
    gaps: list[str] = []
    if links - checked:
        why = (
            next(iter(unchecked))
            if len(unchecked) == 1
            else ", ".join(f"{n} {reason}" for reason, n in unchecked.items())
        )
        gaps.append(f"{links - checked} of {links} links could not be checked: {why}")
    if figures - compared:
        gaps.append(f"{figures - compared} of {figures} figures could not be compared with a source")
    return Coverage(links, checked, unchecked, figures, compared, tuple(gaps))


# ------------------------------------------------------------------ the problem sections


def _accepted_dead_link(report: Report, check: SourceCheck) -> bool:
    return any(
        f.accepted is not None and f.kind.is_dead_link and f.reference_key == check.reference_key
        for f in report.findings
    )


def _accepted_figure(report: Report, fig) -> bool:
    """A baseline accepted ``fig``'s inconsistent-figure finding (same reference, claim, figure)."""
    raw = fig.claim_quantity.raw if fig.claim_quantity is not None else None
    for f in report.findings:
        if f.accepted is None or f.kind is not FindingKind.INCONSISTENT:
            continue
        ev = f.evidence
        if (
            isinstance(ev, FigureEvidence)
            and f.reference_key == fig.reference_key
            and ev.claim == fig.claim_sentence
            and ev.paper_figure == raw
        ):
            return True
    return False


def _broken(report: Report) -> tuple[BrokenLink, ...]:
    refs = {ref.key: ref for ref in report.references}
    out = []
    for check in report.checks:
        link = check.link
        if link is None or not link.state.is_dead or _accepted_dead_link(report, check):
            continue
        ref = refs.get(check.reference_key)
        snap = check.snapshot
        out.append(
            BrokenLink(
                reference_key=check.reference_key,
                url=check.url or link.url,
                state=link.state,
                reason=link.reason,
                final_url=link.final_url if link.final_url and link.final_url != link.url else None,
                snapshot_url=snap.url if snap is not None else None,
                snapshot_date=snapshot_date(snap.timestamp) if snap is not None else None,
                archive_error=check.archive_error,
                access_date=ref.access_date if ref is not None else None,
                title=ref.title if ref is not None else None,
            )
        )
    return tuple(out)


def _figures(report: Report) -> tuple[InconsistentFigure, ...]:
    out = []
    for fig in report.figures:
        if fig.verdict is not Verdict.INCONSISTENT or _accepted_figure(report, fig):
            continue
        source = highlight_quantity(fig.source_sentence, fig.source_quantity) if fig.source_sentence else None
        out.append(
            InconsistentFigure(
                where=fig.reference_key or fig.note_id,
                claim=highlight_quantity(fig.claim_sentence, fig.claim_quantity),
                source=source,
                source_url=fig.source_url,
                diagnosis=fig.diagnosis,
                explanation=figure_explanation(fig),
            )
        )
    return tuple(out)


def _repairs(report: Report) -> tuple[Repair, ...]:
    out = []
    for finding in report.findings:
        if not finding.kind.is_repair:
            continue
        ev = finding.evidence
        assert isinstance(ev, UrlEvidence)
        out.append(
            Repair(
                reference_key=finding.reference_key,
                kind=finding.kind,
                printed=ev.printed_url or "",
                repaired=ev.repaired_url or ev.recovered_url or finding.url or "",
                confidence=ev.confidence or "",
                accepted=finding.accepted is not None,
            )
        )
    return tuple(out)


def _others(report: Report) -> tuple[FindingGroup, ...]:
    groups: dict[FindingKind, list[Finding]] = {}
    for finding in report.findings:
        if finding.kind not in OWN_SECTION and finding.accepted is None:
            groups.setdefault(finding.kind, []).append(finding)
    return tuple(FindingGroup(kind, tuple(groups[kind])) for kind in SEVERITY if kind in groups)


def _accepted(report: Report) -> tuple[AcceptedRow, ...]:
    return tuple(
        AcceptedRow(f.kind, f.reference_key or "document", f.message, f.accepted)
        for f in report.findings
        if f.accepted is not None
    )


def _cases(report: Report) -> tuple[TestCase, ...]:
    by_ref: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        by_ref.setdefault(finding.reference_key, []).append(finding)
    checks = {check.reference_key: check for check in report.checks}
    cases: list[TestCase] = []
    for ref in report.references:
        check = checks.get(ref.key)
        url = (check.url if check else None) or (ref.url.repaired or ref.url.raw if ref.url else None)
        name = f"{ref.key}: {url}" if url else ref.key
        unchecked = unchecked_reason(check) if check is not None else None
        cases.append(TestCase(name, bool(ref.note_id), tuple(by_ref.get(ref.key, [])), unchecked))
    known = {ref.key for ref in report.references}
    for key, items in by_ref.items():
        if key is not None and key not in known:
            cases.append(TestCase(key, False, tuple(items), None))
    if None in by_ref:
        cases.append(TestCase("document", False, tuple(by_ref[None]), None))
    return tuple(cases)


def build_sections(report: Report) -> Sections:
    """Every section of ``report`` (pure; the formatters read nothing else but the report's header)."""
    checks = {check.reference_key: check for check in report.checks}
    return Sections(
        report=report,
        counts=count_report(report),
        coverage=report_coverage(report),
        figures=_figures(report),
        broken=_broken(report),
        repairs=_repairs(report),
        others=_others(report),
        accepted=_accepted(report),
        references=tuple((ref, checks.get(ref.key)) for ref in report.references),
        cases=_cases(report),
        nothing_checked=not report.findings and not report.checks,
    )
