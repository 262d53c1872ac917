"""The baseline file: which findings an entry accepts, expiry, stale entries, the file it writes."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.baseline import (
    PLACEHOLDER_REASON,
    baseline_entries,
    parse_baseline,
    render_baseline,
)
from citecheck.errors import UsageError
from citecheck.model import Finding, FindingKind

TODAY = dt.date(2026, 3, 1)
BROKEN = Finding(
    FindingKind.BROKEN,
    "Broken link: HTTP 404 Not Found",
    "xinhua2014",
    "p3n2",
    "http://www.xinhuanet.com/world/2014-07/18/c_1111688827.htm",
)
PAYWALL = Finding(
    FindingKind.BLOCKED,
    "Link blocked (login, paywall or bot wall): not known to be dead: HTTP 403",
    "ft2021",
    "p4n1",
    "https://www.ft.com/content/7a8f-11e1?x=1",
)
UNMATCHED = Finding(
    FindingKind.UNVERIFIABLE,
    "Figure behind a footnote marker that matches no note (line 12): 5181.74",
)


def entry(body: str) -> str:
    return "[[accept]]\n" + body + "\n"


def apply(text: str, *findings: Finding, **kw):
    return parse_baseline(text, "citecheck-baseline.toml").apply(list(findings), today=TODAY, **kw)


def test_an_entry_accepts_the_finding_of_its_kind_and_reference_with_its_reason():
    out = apply(entry('kind = "broken"\nreference = "xinhua2014"\nreason = "Known dead since 2020"'), BROKEN)
    assert [f.accepted.reason if f.accepted else None for f in out] == ["Known dead since 2020"]
    assert out[0].accepted.baseline == "citecheck-baseline.toml"


def test_an_entry_of_another_kind_accepts_nothing_and_is_stale():
    out = apply(entry('kind = "soft-404"\nreference = "xinhua2014"\nreason = "x"'), BROKEN)
    assert out[0].accepted is None
    assert [f.kind for f in out[1:]] == [FindingKind.BASELINE_STALE]
    assert "matches no finding (citecheck-baseline.toml entry 1): soft-404 xinhua2014" in out[1].message


def test_a_url_glob_with_a_star_accepts_every_url_under_a_host_whatever_the_host_case():
    out = apply(entry('kind = "blocked"\nurl = "https://WWW.FT.com/*"\nreason = "paywall"'), PAYWALL)
    assert out[0].accepted is not None


def test_in_a_url_a_question_mark_is_the_query_separator_not_a_wildcard():
    text = entry('kind = "blocked"\nurl = "https://www.ft.com/content/7a8f-11e1?y=1"\nreason = "paywall"')
    assert apply(text, PAYWALL)[0].accepted is None
    exact = entry('kind = "blocked"\nurl = "https://www.ft.com/content/7a8f-11e1?x=1"\nreason = "paywall"')
    assert apply(exact, PAYWALL)[0].accepted is not None


def test_every_matcher_an_entry_gives_must_match():
    text = entry('kind = "broken"\nreference = "xinhua2014"\nurl = "https://other.example/*"\nreason = "x"')
    assert apply(text, BROKEN)[0].accepted is None


def test_a_finding_with_no_reference_nor_url_is_accepted_by_its_message():
    text = entry('kind = "unverifiable"\nmessage = "Figure behind a footnote marker*5181.74"\nreason = "x"')
    assert apply(text, UNMATCHED)[0].accepted is not None


def test_an_expired_entry_stops_applying_and_is_reported_as_expired_with_what_it_still_matches():
    text = entry('kind = "broken"\nreference = "xinhua2014"\nreason = "x"\nexpires = 2026-02-28')
    out = apply(text, BROKEN)
    assert out[0].accepted is None
    assert out[1].kind is FindingKind.BASELINE_EXPIRED
    assert out[1].message.startswith("Baseline entry expired on 2026-02-28")
    assert ("matches now", "1 finding(s), no longer accepted") in out[1].evidence


def test_an_entry_applies_through_its_expiry_day_and_the_acceptance_names_it():
    text = entry('kind = "broken"\nreference = "xinhua2014"\nreason = "x"\nexpires = "2026-03-01"')
    out = apply(text, BROKEN)
    assert out[0].accepted.expires == "2026-03-01"
    assert len(out) == 1


def test_an_entry_of_a_kind_the_run_cannot_find_is_neither_applied_nor_stale():
    text = entry('kind = "inconsistent"\nreference = "xinhua2014"\nreason = "x"')
    assert apply(text, BROKEN, judged={FindingKind.BROKEN}) == [BROKEN]


@pytest.mark.parametrize(
    "text, says",
    [
        ("[[accept]\n", "is not valid TOML"),
        (
            entry('kind = "brokn"\nreference = "a"\nreason = "x"'),
            "entry 1: kind 'brokn' is not a finding kind",
        ),
        (entry('reference = "a"\nreason = "x"'), "entry 1 has no kind"),
        (entry('kind = "broken"\nreference = "a"'), "entry 1 has no reason"),
        (
            entry('kind = "broken"\nreason = "x"'),
            "names no reference, url or message: it would accept every broken",
        ),
        (entry('kind = "broken"\nreference = "a"\nreason = "x"\nexpires = "soon"'), "expires must be a date"),
        (entry('kind = "broken"\nreference = "a"\nreason = "x"\nreasn = "y"'), "unknown key 'reasn'"),
        (entry(f'kind = "broken"\nreference = "a"\nreason = "{PLACEHOLDER_REASON}"'), "placeholder reason"),
        ('[[ignore]]\nkind = "broken"\n', "unknown key 'ignore'"),
        (entry('kind = "baseline-stale"\nreference = "a"\nreason = "x"'), "is not a finding kind"),
    ],
)
def test_an_invalid_baseline_is_one_line_naming_the_file_and_the_entry(text, says):
    with pytest.raises(UsageError) as error:
        parse_baseline(text, "ci/citecheck-baseline.toml")
    message = str(error.value)
    assert says in message and "ci/citecheck-baseline.toml" in message and "\n" not in message


def test_the_written_baseline_reads_back_and_accepts_the_findings_it_was_written_from():
    findings = [BROKEN, PAYWALL, UNMATCHED]
    entries = baseline_entries(findings, {FindingKind.BROKEN, FindingKind.UNVERIFIABLE})
    text = render_baseline(entries)
    assert "EDIT EVERY REASON" in text and text.count(f'reason = "{PLACEHOLDER_REASON}"') == 2
    edited = text.replace(PLACEHOLDER_REASON, "checked by hand")
    out = parse_baseline(edited).apply(findings, today=TODAY)
    assert [f.accepted is not None for f in out] == [True, False, True]


def test_writing_over_existing_entries_keeps_their_reasons_and_adds_only_new_findings():
    existing = parse_baseline(
        entry(
            'kind = "broken"\nurl = "http://www.xinhuanet.com/*"\nreason = "Dead since 2020"\nexpires = 2027-01-01'
        )
    )
    entries = baseline_entries([BROKEN, UNMATCHED], {FindingKind.BROKEN, FindingKind.UNVERIFIABLE}, existing)
    assert [(e.kind.value, e.reason) for e in entries] == [
        ("broken", "Dead since 2020"),
        ("unverifiable", PLACEHOLDER_REASON),
    ]
    assert entries[0].expires == dt.date(2027, 1, 1)
    assert "expires = 2027-01-01" in render_baseline(entries)


def test_quotes_and_backslashes_in_a_message_survive_the_written_file():
    odd = Finding(FindingKind.PARSE_WARNING, 'Document: "odd" \\footnote{x}\tnote')
    text = render_baseline(baseline_entries([odd], {FindingKind.PARSE_WARNING})).replace(
        PLACEHOLDER_REASON, "ok"
    )
    assert parse_baseline(text).apply([odd], today=TODAY)[0].accepted is not None


def test_a_json_report_with_an_accepted_finding_reads_back_with_its_acceptance():
    from citecheck.model import Report
    from citecheck.report.json_report import render_json
    from citecheck.report.load import report_from_json

    text = entry('kind = "broken"\nreference = "xinhua2014"\nreason = "Known dead"\nexpires = 2026-12-31')
    findings = tuple(apply(text, BROKEN))
    report = Report("p.txt", "2026-03-01T00:00:00Z", findings=findings)
    assert report_from_json(render_json(report)).findings == findings
    assert '"accepted"' not in render_json(Report("p.txt", "2026-03-01T00:00:00Z", findings=(BROKEN,)))


def test_an_entry_about_a_link_the_run_could_not_check_is_neither_applied_nor_stale():
    """Offline, "broken xinhua2014" matches nothing because nothing was checked, not because the
    link came back: the entry is not reported stale."""
    from citecheck.baseline import unjudged_targets
    from citecheck.model import LinkResult, LinkState, SourceCheck

    url = BROKEN.url
    offline = [SourceCheck("xinhua2014", url, LinkResult(url, LinkState.UNREACHABLE, "no network"))]
    text = entry('kind = "broken"\nreference = "xinhua2014"\nreason = "Known dead since 2020"')
    assert apply(text, unjudged=unjudged_targets(offline)) == []
    by_url = entry(f'kind = "broken"\nurl = "{url}"\nreason = "x"')
    assert apply(by_url, unjudged=unjudged_targets(offline)) == []
    # once the link is checked and no longer broken, the same entry is stale
    checked = [SourceCheck("xinhua2014", url, LinkResult(url, LinkState.OK, "HTTP 200"))]
    out = apply(text, unjudged=unjudged_targets(checked))
    assert [f.kind for f in out] == [FindingKind.BASELINE_STALE]
