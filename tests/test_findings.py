"""build_findings: every problem the stages found becomes one finding with its evidence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from citecheck.errors import UsageError
from citecheck.findings import (
    DEFAULT_FAIL_ON,
    build_findings,
    count_by_kind,
    figure_explanation,
    parse_fail_on,
    snapshot_date,
)
from citecheck.model import (
    Claim,
    FigureCheck,
    FigureEvidence,
    FindingKind,
    LinkEvidence,
    LinkResult,
    LinkState,
    Quantity,
    Recovery,
    Reference,
    SourceCheck,
    Url,
    UrlEvidence,
    Verdict,
)
from report_samples import COFCO_URL, sample_parts

# The seed prints other hosts under '.gov.cn' (customs, the central government): evidence for
# reading its '….gov.com' host.
PAPER_HOSTS = frozenset({"customs.gov.cn", "www.gov.cn"})


def _findings():
    refs, claims, checks, figures = sample_parts()
    return build_findings(refs, checks, figures, claims)


def _one(findings, kind, key=None):
    matches = [f for f in findings if f.kind is kind and (key is None or f.reference_key == key)]
    assert len(matches) == 1, [(f.kind, f.reference_key) for f in findings]
    return matches[0]


def test_a_broken_link_carries_its_archived_copy_and_the_snapshot_date():
    broken = _one(_findings(), FindingKind.BROKEN)
    evidence = broken.evidence
    assert isinstance(evidence, LinkEvidence)
    assert broken.reference_key == "cofco2022"
    assert broken.url == COFCO_URL
    assert evidence.http_status == "404"
    assert evidence.archived_copy.endswith("20220228093000/" + COFCO_URL)
    assert evidence.snapshot_date == "2022-02-28 09:30:00 UTC"
    assert "archived copy from 2022-02-28" in broken.message


def test_a_broken_link_without_any_snapshot_says_none_was_found():
    ref = Reference(
        key="k", entry_type="webpage", raw="...", url=Url("http://a.org/x", "http://a.org/x", True)
    )
    check = SourceCheck(
        "k", "http://a.org/x", link=LinkResult("http://a.org/x", LinkState.BROKEN, "HTTP 410 Gone")
    )
    (finding,) = build_findings([ref], [check], [])
    assert finding.evidence.archived_copy == "none found"


def test_a_soft_404_names_where_the_redirect_ended():
    soft = _one(_findings(), FindingKind.SOFT_404)
    assert soft.evidence.final_url == "http://www.guancha.cn/"
    assert "redirect to site root" in soft.message


@pytest.mark.parametrize(
    "state, kind",
    [
        (LinkState.BLOCKED, FindingKind.BLOCKED),
        (LinkState.FLAKY, FindingKind.FLAKY),
        (LinkState.REFUSED, FindingKind.REFUSED),
        (LinkState.UNREACHABLE, FindingKind.UNREACHABLE),
        (LinkState.INVALID, FindingKind.INVALID_URL),
    ],
)
def test_each_doubtful_link_state_has_its_own_finding_kind(state, kind):
    check = SourceCheck("k", "http://a.org/", link=LinkResult("http://a.org/", state, "why"))
    (finding,) = build_findings([Reference("k", "webpage", "raw")], [check], [])
    assert finding.kind is kind
    assert "why" in finding.message


@pytest.mark.parametrize("state", [LinkState.OK, LinkState.REDIRECTED, LinkState.INCOMPLETE])
def test_healthy_links_and_incomplete_urls_make_no_link_finding(state):
    check = SourceCheck("k", "http://a.org/", link=LinkResult("http://a.org/", state, "fine"))
    assert build_findings([Reference("k", "webpage", "raw")], [check], []) == []


def test_an_incomplete_url_lists_the_surviving_fragments_and_the_archive_candidates():
    finding = _one(_findings(), FindingKind.INCOMPLETE_URL)
    evidence = finding.evidence
    assert isinstance(evidence, UrlEvidence)
    assert evidence.printed_url.startswith("ht ÿÿÿ: //")
    assert len(evidence.fragments) == 3
    assert evidence.archive_search == "ambiguous"
    assert any("evwind.es" in candidate for candidate in evidence.archive_candidates)


def test_a_repaired_url_shows_raw_and_repaired_forms_and_how_sure():
    findings = _findings()
    celac = _one(findings, FindingKind.REPAIRED_URL, "xinhua2021celac")
    evidence = celac.evidence
    assert evidence.printed_url == "http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5659408 html"
    assert evidence.repaired_url == "http://www.gov.cn/xinwen/2021-12/08/content_5659408.htm"
    assert evidence.confidence == "confirmed by a web archive"
    cofco = _one(findings, FindingKind.REPAIRED_URL, "cofco2022")
    assert cofco.evidence.confidence == "most likely of 2 candidates"


def test_a_url_recovered_from_the_archive_index_replaces_the_incomplete_url_finding():
    ref = Reference(
        "reve", "webpage", "raw", url=Url("ht ÿÿÿ: // ÿÿ farm/", None, False, fragments=("farm/",))
    )
    found = "https://www.evwind.es/2019/09/04/progreso-wind-farm/"
    check = SourceCheck("reve", None, recovery=Recovery("recovered", url=found, evidence="1 CDX match"))
    (finding,) = build_findings([ref], [check], [])
    assert finding.kind is FindingKind.RECOVERED_URL
    assert finding.evidence.recovered_url == found
    assert finding.evidence.recovery_evidence == "1 CDX match"
    assert finding.url == found


def test_a_url_with_changed_characters_says_so_and_shows_the_most_likely_address():
    from citecheck.references.urls import repair_url

    url = repair_url(
        "http://ar.mofcom.gov.com/article/jmxw/202.202/20220203278094 shtml", hosts=PAPER_HOSTS
    )  # seed line 143
    ref = Reference("arg2022", "webpage", "raw", url=url)
    (finding,) = build_findings([ref], [SourceCheck("arg2022", None)], [])
    assert finding.kind is FindingKind.INCOMPLETE_URL and "altered in extraction" in finding.message
    evidence = finding.evidence
    assert evidence.likely_url == "http://ar.mofcom.gov.cn/article/jmxw/202202/20220203278094.shtml"
    assert evidence.partial_url is None
    assert evidence.printed_url.startswith("http://ar.mofcom.gov.com/")


def test_figures_behind_a_marker_that_matches_no_note_are_unverifiable_findings_with_the_extraction_note():
    from citecheck.document import read_document
    from citecheck.references.claims import unmatched_claims

    text = "Capacity reached 5181 74 MW.ÿ Wind rose.ÿ\n\nÿ «Wind report», Xinhua News Agency, June 8, 2019\n"
    doc = read_document(text)
    findings = build_findings([], [], [], unmatched=unmatched_claims(doc))
    (finding,) = [f for f in findings if "matches no note" in f.message]
    assert finding.kind is FindingKind.UNVERIFIABLE and finding.message.endswith(": 5181 74 MW")
    evidence = finding.evidence
    assert evidence.claim == "Capacity reached 5181 74 MW."
    assert any("decimal point lost" in note for note in evidence.extraction)


def test_an_inconsistent_figure_keeps_both_sentences_and_the_diagnosis():
    finding = _one(_findings(), FindingKind.INCONSISTENT)
    evidence = finding.evidence
    assert isinstance(evidence, FigureEvidence)
    assert "US\\$15.5 billion" in evidence.claim
    assert "1.550 millones de dólares" in evidence.source_sentence
    assert evidence.factor == "10"
    assert evidence.cause == "亿 read as billion"
    assert "亿 was probably read as 'billion'" in evidence.explanation


def test_consistent_figures_make_no_finding_and_unverifiable_ones_do():
    findings = _findings()
    kinds = [f.kind for f in findings]
    assert kinds.count(FindingKind.INCONSISTENT) == 1
    assert _one(findings, FindingKind.UNVERIFIABLE).reference_key == "carbon2021"


def test_reference_and_document_warnings_become_parse_warnings():
    refs, claims, checks, figures = sample_parts()
    findings = build_findings(
        refs, checks, figures, claims, document_warnings=("page header not recognised",)
    )
    warnings = [f for f in findings if f.kind is FindingKind.PARSE_WARNING]
    assert {w.message for w in warnings} == {
        "Document: page header not recognised",
        "Reference carbon2021: no URL and no page of the claim",
    }


def test_figures_citing_a_note_without_reference_are_flagged():
    claim = Claim(
        "p9n9", "worth US$7 billion", quantities=(Quantity(Decimal("7e9"), "currency", "US$7 billion"),)
    )
    (finding,) = build_findings([], [], [], [claim])
    assert finding.kind is FindingKind.PARSE_WARNING and finding.note_id == "p9n9"


def test_findings_come_most_serious_first_then_in_reference_order():
    kinds = [f.kind for f in _findings()]
    assert kinds[:3] == [FindingKind.BROKEN, FindingKind.INCONSISTENT, FindingKind.SOFT_404]
    repaired = [f.reference_key for f in _findings() if f.kind is FindingKind.REPAIRED_URL]
    assert repaired == ["cofco2022", "guancha2012", "xinhua2021celac"]


def test_an_archive_error_is_a_finding_not_an_exception():
    check = SourceCheck("k", "http://a.org/", archive_error="archive unreachable: connection refused")
    (finding,) = build_findings([Reference("k", "webpage", "raw")], [check], [])
    assert finding.kind is FindingKind.ARCHIVE_ERROR
    assert "connection refused" in finding.message


def test_fail_on_accepts_comma_lists_repeats_all_and_none():
    assert parse_fail_on(None) == DEFAULT_FAIL_ON == {FindingKind.BROKEN, FindingKind.INCONSISTENT}
    assert parse_fail_on(["broken,soft-404", "parse-warning"]) == {
        FindingKind.BROKEN,
        FindingKind.SOFT_404,
        FindingKind.PARSE_WARNING,
    }
    assert len(parse_fail_on("all")) == 9
    assert parse_fail_on("none") == frozenset()


def test_fail_on_rejects_an_unknown_kind_with_the_accepted_list():
    with pytest.raises(UsageError, match="unknown --fail-on kind 'brokn'.*incomplete-url"):
        parse_fail_on("brokn")


def test_snapshot_dates_read_as_words():
    assert snapshot_date("20220228093000") == "2022-02-28 09:30:00 UTC"
    assert snapshot_date("202202") == "2022-02"
    assert snapshot_date(None) == ""


def test_a_figure_without_explanation_gets_one_in_plain_words():
    q = Quantity(Decimal("1.08e10"), "currency", "US$10.8 billion")
    s = Quantity(Decimal("1.08e8"), "currency", "1.08亿美元")
    fig = FigureCheck("n", q, Verdict.INCONSISTENT, "s", s, factor=Decimal("100"), cause="亿 read as billion")
    assert figure_explanation(fig) == (
        "The paper says US$10.8 billion; the source says 1.08亿美元. "
        "The paper's figure is 100x the source's. Likely cause: 亿 read as billion."
    )


def test_count_by_kind_counts_in_severity_order():
    counts = count_by_kind(_findings())
    assert list(counts)[:2] == ["broken", "inconsistent"]
    assert counts["repaired-url"] == 3


DOWN = "web archive unreachable, no answer this run: https://web.archive.org/web/ (offline): cannot resolve web.archive.org"


def test_an_archive_nobody_could_reach_is_one_finding_for_the_run_naming_every_reference():
    refs = [Reference(f"k{i}", "webpage", "raw", note_id=f"p1n{i}") for i in range(12)]
    checks = [SourceCheck(r.key, f"http://a.org/{i}", archive_error=DOWN) for i, r in enumerate(refs)]
    (finding,) = [f for f in build_findings(refs, checks, []) if f.kind is FindingKind.ARCHIVE_ERROR]
    assert finding.reference_key is None and "\n" not in finding.message
    assert finding.message == f"Archive lookup failed for 12 references: {DOWN}"
    assert finding.evidence.references == ", ".join(r.key for r in refs)


def test_different_archive_errors_stay_separate_findings():
    refs = [Reference("a", "webpage", "raw"), Reference("b", "webpage", "raw")]
    checks = [
        SourceCheck("a", "http://a.org/", archive_error="CDX answered HTML, not JSON"),
        SourceCheck("b", "http://b.org/", archive_error=DOWN),
    ]
    found = [f for f in build_findings(refs, checks, []) if f.kind is FindingKind.ARCHIVE_ERROR]
    assert [f.reference_key for f in found] == ["a", "b"]


def test_a_broken_link_whose_archive_did_not_answer_says_its_copy_is_unknown_not_missing():
    link = LinkResult("http://a.org/x", LinkState.BROKEN, "HTTP 404 Not Found", status=404)
    check = SourceCheck("a", "http://a.org/x", link=link, archive_error=DOWN)
    broken = _one(build_findings([Reference("a", "webpage", "raw")], [check], []), FindingKind.BROKEN)
    assert broken.evidence.archived_copy == f"unknown: {DOWN}"
    assert broken.evidence.snapshot_date is None
