"""Evidence is typed: one field per fact, the words shown for it in one table, read back from JSON."""

from __future__ import annotations

import dataclasses
import json

import pytest

from citecheck import model
from citecheck.model import (
    EVIDENCE_LABELS,
    BaselineEvidence,
    Evidence,
    Finding,
    FindingKind,
    LinkEvidence,
    UrlEvidence,
)
from citecheck.report import render
from citecheck.report.load import report_from_json
from report_samples import CELAC_RAW, hostile_report, sample_report

FAMILIES = sorted({kind.evidence_type for kind in FindingKind}, key=lambda cls: cls.__name__)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda cls: cls.__name__)
def test_every_fact_of_every_family_has_one_label_of_its_own(family):
    names = [f.name for f in dataclasses.fields(family) if f.name != "extra"]
    labels = [EVIDENCE_LABELS[name] for name in names]
    assert len(set(labels)) == len(labels)  # else a JSON report could not say which fact it holds


def test_every_finding_kind_names_its_evidence_family():
    assert all(issubclass(kind.evidence_type, Evidence) for kind in FindingKind)
    assert FindingKind.REPAIRED_URL.evidence_type is UrlEvidence
    assert FindingKind.SOFT_404.evidence_type is LinkEvidence


@pytest.mark.parametrize("report", [sample_report(), hostile_report()], ids=["sample", "hostile"])
def test_the_evidence_of_every_finding_reads_back_from_its_label_text_pairs(report):
    for finding in report.findings:
        assert type(finding.evidence) is finding.kind.evidence_type
        assert type(finding.evidence).from_pairs(finding.evidence.pairs()) == finding.evidence


def test_a_json_report_reads_back_into_the_same_typed_evidence():
    report = sample_report()
    again = report_from_json(render(report, "json"))
    assert again.findings == report.findings
    assert {type(f.evidence) for f in again.findings} >= {LinkEvidence, UrlEvidence}


def test_renaming_a_label_changes_the_words_but_empties_no_report_column(monkeypatch):
    # the CELAC line of the seed: its printed URL must stay in the repairs table whatever it is called
    printed = CELAC_RAW.split(", ")[-1].split(" [")[0]
    monkeypatch.setitem(EVIDENCE_LABELS, "printed_url", "printed as")
    monkeypatch.setitem(EVIDENCE_LABELS, "confidence", "certainty")
    report = sample_report()
    markdown = render(report, "md")
    row = next(line for line in markdown.splitlines() if line.startswith("| xinhua2021celac |"))
    assert "govgovcn" in row and "confirmed by a web archive" in row
    html = render(report, "html")
    repairs = html[html.index('id="repairs"') :]
    assert printed.split("/")[2] in repairs[: repairs.index("</table>")]
    data = json.loads(render(report, "json"))
    labels = {e["label"] for f in data["findings"] for e in f["evidence"]}
    assert {"printed as", "certainty"} <= labels and "as printed" not in labels


def test_a_label_this_version_does_not_know_is_kept_after_the_known_facts():
    pairs = (
        ("as printed", "http://a.org/x html"),
        ("from the future", "x"),
        ("repaired", "http://a.org/x.html"),
    )
    evidence = UrlEvidence.from_pairs(pairs)
    assert evidence.printed_url == "http://a.org/x html" and evidence.repaired_url == "http://a.org/x.html"
    assert evidence.extra == (("from the future", "x"),)
    assert list(evidence)[-1] == ("from the future", "x")


def test_a_fact_that_repeats_is_one_pair_per_value_in_order():
    evidence = UrlEvidence(printed_url="p", repairs=("space removed", "dot restored"))
    assert list(evidence) == [("as printed", "p"), ("repair", "space removed"), ("repair", "dot restored")]


def test_pairs_given_to_a_finding_become_the_evidence_of_its_kind():
    finding = Finding(FindingKind.BASELINE_STALE, "m", evidence=(("baseline", ""), ("entry", "2")))
    assert finding.evidence == BaselineEvidence(baseline="", entry="2")
    assert Finding(FindingKind.BROKEN, "m").evidence == model.LinkEvidence()
    assert not Finding(FindingKind.BROKEN, "m").evidence  # no fact: nothing to show


def test_evidence_of_another_family_is_read_by_label_into_the_kinds_own():
    finding = Finding(
        FindingKind.REPAIRED_URL, "m", evidence=LinkEvidence(reason="r", extra=(("as printed", "p"),))
    )
    assert type(finding.evidence) is UrlEvidence
    assert finding.evidence.printed_url == "p" and finding.evidence.extra == (("reason", "r"),)
