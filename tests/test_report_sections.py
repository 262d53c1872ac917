"""Report sections are worked out once; every format is a formatter over the same sections."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from citecheck.baseline import parse_baseline
from citecheck.model import FindingKind, LinkResult, LinkState, Reference, Report, SourceCheck
from citecheck.report import FORMATS, FORMATTERS, render
from citecheck.report.sections import build_sections
from report_samples import COFCO_URL, sample_report

ACCEPT_COFCO = '[[accept]]\nkind = "broken"\nreference = "cofco2022"\nreason = "Known dead since 2020"\n'


def _accepted(report: Report, baseline: str) -> Report:
    findings = parse_baseline(baseline, "b.toml").apply(list(report.findings), today=dt.date(2026, 3, 1))
    return dataclasses.replace(report, findings=tuple(findings))


def test_a_broken_link_section_holds_the_dead_link_with_its_archived_copy_and_date():
    (cofco,) = [b for b in build_sections(sample_report()).broken if b.reference_key == "cofco2022"]
    assert cofco.url == COFCO_URL and cofco.state is LinkState.BROKEN
    assert cofco.snapshot_url.endswith("20220228093000/" + COFCO_URL)
    assert cofco.snapshot_date == "2022-02-28 09:30:00 UTC"


def test_a_link_the_baseline_accepts_leaves_the_broken_section_for_the_accepted_one():
    sections = build_sections(_accepted(sample_report(), ACCEPT_COFCO))
    assert "cofco2022" not in [b.reference_key for b in sections.broken]
    assert [(row.kind, row.where) for row in sections.accepted] == [(FindingKind.BROKEN, "cofco2022")]
    assert sections.counts.dead_links_open == build_sections(sample_report()).counts.dead_links_open - 1


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_formatters_read_the_sections_not_the_report(fmt):
    sections = build_sections(sample_report())
    assert "Broken links" in FORMATTERS[fmt].format(sections)
    assert "Broken links" not in FORMATTERS[fmt].format(dataclasses.replace(sections, broken=()))


def test_with_no_network_the_coverage_says_nothing_was_verified_and_why():
    refs = [Reference(f"k{i}", "webpage", "raw", note_id=f"p1n{i}") for i in range(3)]
    down = LinkResult("http://a.org/", LinkState.UNREACHABLE, "no network")
    checks = [SourceCheck(r.key, "http://a.org/", link=down) for r in refs]
    cov = build_sections(
        Report("p.txt", "2026-01-01T00:00:00Z", references=tuple(refs), checks=tuple(checks))
    ).coverage
    assert cov.nothing_verified and cov.links_checked == 0
    assert cov.lines() == ["Nothing was verified.", "3 of 3 links could not be checked: no network"]


def test_every_reference_is_one_test_case_and_document_findings_one_more():
    sections = build_sections(sample_report())
    names = [case.name.split(":")[0] for case in sections.cases]
    assert names[: len(sample_report().references)] == [ref.key for ref in sample_report().references]
    assert {f.kind for case in sections.cases for f in case.findings} == {
        f.kind for f in sample_report().findings
    }


def test_the_repairs_section_reads_the_typed_evidence():
    repairs = {fix.reference_key: fix for fix in build_sections(sample_report()).repairs}
    assert repairs["xinhua2021celac"].repaired == "http://www.gov.cn/xinwen/2021-12/08/content_5659408.htm"
    assert repairs["xinhua2021celac"].confidence == "confirmed by a web archive"
    assert "govgovcn" in repairs["xinhua2021celac"].printed


def test_file_formats_are_the_registry_entries_with_a_suffix_and_the_terminal_summary_is_one_too():
    assert FORMATS == {name: f.suffix for name, f in FORMATTERS.items() if f.suffix}
    assert FORMATTERS["summary"].suffix is None and "summary" not in FORMATS
    empty = Report(paper="p.txt", generated_at="2026-01-01T00:00:00Z")
    for name in FORMATTERS:
        assert "p.txt" in render(empty, name)
