"""Text from papers and sources is inert in reports: no mentions, no autolinks, no bidi tricks,
no links to hosts that cannot exist, no empty evidence rows, no keys broken mid-word."""

from __future__ import annotations

from dataclasses import replace

from citecheck.model import Finding, FindingKind, LinkResult, LinkState, Reference, Report, SourceCheck, Url
from citecheck.report import render
from citecheck.report.html import a
from citecheck.report.markdown import link, md
from report_samples import sample_report

ZWSP = "\u200b"


def test_markdown_mentions_of_people_and_teams_do_not_notify_anyone():
    assert md("thanks @octocat and @github/security-team") == (
        f"thanks @{ZWSP}octocat and @{ZWSP}github/security-team"
    )


def test_markdown_text_urls_and_www_hosts_are_not_autolinked():
    assert md("see https://evil.example/x or www.evil.example") == (
        f"see http{ZWSP}s://evil.example/x or ww{ZWSP}w.evil.example"
    )
    assert md("write to someone@evil.example") == f"write to someone@{ZWSP}evil.example"


def test_the_reports_own_links_stay_explicit_markdown_links():
    assert link("https://www.gov.cn/a.htm", "https://www.gov.cn/a.htm") == (
        "[https://www.gov.cn/a.htm](https://www.gov.cn/a.htm)"
    )


BIDI = "投资达\u202e5.2\u202c亿美元 \u2067x\u2069"


def test_bidi_controls_from_a_source_are_dropped_in_markdown_and_html():
    report = replace(
        sample_report(),
        findings=(Finding(FindingKind.PARSE_WARNING, f"Document: {BIDI}", evidence=(("warning", BIDI),)),),
    )
    for fmt in ("md", "html"):
        text = render(report, fmt)
        assert not any(ch in text for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), fmt
        assert "投资达5.2亿美元 x" in text


def test_a_host_with_no_dot_and_no_public_suffix_is_not_a_link():
    for url in ("http://cpc", "http://world/2021/x.html"):
        assert a(url, url) == f'<span class="url">{url}</span>'
        assert link(url, url) == md(url)
    assert a("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x").startswith("<a ")
    assert a("https://www.gov.cn/", "https://www.gov.cn/").startswith("<a ")


def test_an_incomplete_url_has_no_empty_surviving_fragment_row():
    url = Url(
        raw="http://www.xinhuanet",
        repaired="http://www.xinhuanet",
        complete=False,
        fragments=("www.xinhuanet", ""),
    )
    ref = Reference(key="xinhuanet2014xi", entry_type="news", raw="Xi Jinping ...", url=url)
    check = SourceCheck(
        "xinhuanet2014xi",
        "http://www.xinhuanet",
        link=LinkResult("http://www.xinhuanet", LinkState.INCOMPLETE, "URL incomplete"),
    )
    from citecheck.findings import build_findings

    findings = build_findings([ref], [check], [])
    (incomplete,) = [f for f in findings if f.kind is FindingKind.INCOMPLETE_URL]
    assert ("surviving fragment", "") not in incomplete.evidence
    page = render(
        Report("p.txt", "2026-01-01T00:00:00Z", (ref,), checks=(check,), findings=tuple(findings)), "html"
    )
    assert "<dd></dd>" not in page


def test_the_reference_column_keeps_keys_whole():
    page = render(sample_report(), "html")
    assert '<td class="key">xinhua2021celac</td>' in page
    assert "td.key { overflow-wrap: normal; word-break: normal; white-space: nowrap; }" in page
