"""JUnit XML: one test case per reference check, so CI systems list them natively.

A reference's test case fails when a finding about it is of a ``--fail-on`` kind (one
``<failure>`` per test case, its ``type`` the most serious kind, its text every such
finding); other findings go to ``<system-out>``. A reference whose link could not be checked
(no network, a private address, a garbled URL) and that has no failure is ``<skipped>``: CI
must not count a link nobody looked at as passed. A failure a baseline accepted is
``<skipped type="accepted">`` with its reason (as pytest writes an expected failure), never a
``<failure>``. Findings about no reference (document
warnings) form one extra test case, ``document``. Built with ElementTree, so every
value is escaped; characters XML forbids are replaced.

>>> from citecheck.model import Report
>>> render_junit(Report(paper="p.txt", generated_at="2026-01-01T00:00:00Z")).startswith("<?xml")
True
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from ..findings import DEFAULT_FAIL_ON, parse_fail_on
from ..model import Finding, FindingKind, Report
from ._common import scrub
from .sections import Sections, acceptance_words, build_sections


def _fail_on_from(report: Report, fail_on: Iterable[FindingKind | str] | None) -> frozenset[FindingKind]:
    if fail_on is None:
        stored = (report.options or {}).get("fail_on")
        if stored is None:
            return DEFAULT_FAIL_ON
        fail_on = stored
    values = [kind.value if isinstance(kind, FindingKind) else str(kind) for kind in fail_on]
    return parse_fail_on(values) if values else frozenset()


def _describe(finding: Finding) -> str:
    lines = [f"[{finding.kind.value}] {finding.message}"]
    if finding.accepted is not None:
        lines.append(f"  {acceptance_words(finding.accepted)}")
    if finding.url:
        lines.append(f"  url: {finding.url}")
    lines.extend(f"  {label}: {text}" for label, text in finding.evidence.pairs())
    return "\n".join(lines)


def render_junit(report: Report, fail_on: Iterable[FindingKind | str] | None = None) -> str:
    """The JUnit XML report as text. ``fail_on`` defaults to the run's (``report.options``)."""
    return format_junit(build_sections(report), fail_on)


def format_junit(sections: Sections, fail_on: Iterable[FindingKind | str] | None = None) -> str:
    """The JUnit XML of ``sections``' test cases."""
    report = sections.report
    kinds = _fail_on_from(report, fail_on)
    suite = ET.Element(
        "testsuite", name=scrub(f"citecheck: {report.paper}"), timestamp=scrub(report.generated_at)
    )
    failures = skipped = 0
    for test in sections.cases:
        case = ET.SubElement(suite, "testcase", classname="citecheck.references", name=scrub(test.name))
        if test.in_paper:
            case.set("file", scrub(report.paper))
        failing = sorted(
            (f for f in test.findings if f.kind in kinds and f.accepted is None),
            key=lambda f: f.kind.severity,
        )
        accepted = [f for f in test.findings if f.kind in kinds and f.accepted is not None]
        if failing:
            failures += 1
            failure = ET.SubElement(
                case, "failure", type=failing[0].kind.value, message=scrub(failing[0].message)
            )
            failure.text = scrub("\n\n".join(_describe(f) for f in failing))
        elif accepted:  # a known failure, as pytest writes an xfail: skipped, with the reason
            skipped += 1
            words = "; ".join(f"{f.kind.value} {acceptance_words(f.accepted)}" for f in accepted)
            ET.SubElement(case, "skipped", type="accepted", message=scrub(words))
        elif test.unchecked is not None:
            skipped += 1
            ET.SubElement(case, "skipped", message=f"link not checked: {test.unchecked}")
        others = [f for f in test.findings if f.kind not in kinds or f.accepted is not None]
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = scrub("\n\n".join(_describe(f) for f in others))
    cases = str(len(sections.cases))
    suite.set("tests", cases)
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    root = ET.Element("testsuites", name="citecheck", tests=cases, failures=str(failures), errors="0")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
