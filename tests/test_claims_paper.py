"""A seed-style paper of our own (tests/data/claims): every figure in the scope of a note is part of a
claim for that note, and, end to end with its sources served by a real local server, every one
of them reaches the report with the right verdict.

The paper has garbled markers (ÿ, ŷ), running headers with garbled variants, notes at the bottom
of each page, figures up to four sentences before their marker, a mid-sentence marker, a line
wrapped by a blank line, a paragraph cut by a page break and a date written just before a marker. ``gold.json`` lists, per note,
the figures a reader finds in the text each marker supports.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from citecheck.config import VerifyOptions
from citecheck.document import load_document
from citecheck.model import FindingKind, Verdict
from citecheck.pipeline import exit_status, verify_with_references
from citecheck.references.claims import extract_all_claims
from citecheck.references.extract import extract_references
from citecheck.sources.fetcher import Fetcher
from citecheck.sources.warc import RecordingFetcher, WarcRecorder
from seed_world import SeedRecorder, SeedRouter
from servers.pywb_archive import local_fetch_config

DATA = Path(__file__).parent / "data" / "claims"
GOLD = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
PAPER = DATA / GOLD["paper"]


def _claims():
    doc = load_document(PAPER)
    claims, unmatched = extract_all_claims(doc, extract_references(doc))
    return doc, claims, unmatched


def test_the_paper_is_read_as_four_pages_with_every_marker_linked():
    doc, claims, unmatched = _claims()
    assert [p.header for p in doc.pages][1:] == [
        "拉美能源评论 Issue 2, 2023",
        "拉美能泺评论 Issue 2, 2023",
        "粒美能源评论 Issue 2, 2023",
    ]
    assert unmatched == []
    assert sorted({c.note_id for c in claims} | {"p2n5"}) == sorted(GOLD["notes"])


def test_every_figure_in_a_notes_scope_is_part_of_a_claim_for_that_note_and_of_no_other():
    _, claims, _ = _claims()
    found: dict[str, Counter] = {}
    for claim in claims:
        found.setdefault(claim.note_id, Counter()).update(q.raw for q in claim.quantities)
    for note_id, figures in GOLD["notes"].items():
        assert found.get(note_id, Counter()) == Counter(f["figure"] for f in figures), note_id


def test_the_date_written_before_a_marker_is_no_figure():
    _, claims, _ = _claims()
    (dated,) = [c for c in claims if c.note_id == "p2n5"]
    assert dated.text.endswith("from energy to transport. March 2022") and dated.quantities == ()


def test_a_paragraph_cut_by_a_page_break_goes_on_across_the_notes_and_the_running_header():
    doc, claims, _ = _claims()
    (cut,) = [c for c in claims if c.note_id == "p4n1"]
    assert cut.text.startswith("In Ecuador, the Coca Codo Sinclair hydropower station")
    assert cut.text.endswith(
        "The project cost US$23 billion and was financed by the Export-Import Bank of China."
    )
    assert cut.marker.page == 4 and doc.text[cut.span.start :].startswith("In Ecuador")


def test_a_marker_in_mid_sentence_supports_its_clause_only():
    _, claims, _ = _claims()
    (clause,) = [c for c in claims if c.note_id == "p2n3"]
    assert clause.text == "The plant, which cost US$1.4 billion"


@pytest.fixture(scope="module")
def paper_run(origin_server, tmp_path_factory):
    for url, name in GOLD["sources"].items():
        origin_server.add_page(urlsplit(url).path, (DATA / "sources" / name).read_bytes())
    hosts = {urlsplit(url).hostname for url in GOLD["sources"]}
    work = tmp_path_factory.mktemp("claims-paper")
    options = VerifyOptions(
        archives=(),
        cdx=(),
        cache_dir=work / "cache",
        allow_private=True,
        report_dir=work / "reports",
        bib_dir=work / "references",
        workers=4,
    )
    warc = work / "sources.warc.gz"
    with WarcRecorder(warc) as recorder:
        hook = SeedRecorder(recorder)
        with Fetcher(local_fetch_config(), recorder=hook) as fetcher:
            hook.router = router = SeedRouter(fetcher, origin_server.port, hosts)
            report, _ = verify_with_references(PAPER, options, fetcher=RecordingFetcher(router, recorder))
    return report, options, warc


def test_end_to_end_every_figure_in_a_notes_scope_reaches_the_report_with_its_verdict(paper_run):
    report, *_ = paper_run
    got = Counter((f.note_id, f.claim_quantity.raw, f.verdict.value) for f in report.figures)
    want = Counter(
        (note_id, f["figure"], f["verdict"]) for note_id, figures in GOLD["notes"].items() for f in figures
    )
    assert got == want


def test_end_to_end_the_diagnoses_name_the_likely_cause(paper_run):
    report, *_ = paper_run
    wrong = {f.claim_quantity.raw: f for f in report.figures if f.verdict is Verdict.INCONSISTENT}
    for figures in GOLD["notes"].values():
        for f in figures:
            if f["verdict"] == "inconsistent":
                assert wrong[f["figure"]].diagnosis == f["diagnosis"]
                assert f.get("cause") in (None, wrong[f["figure"]].cause)


def test_end_to_end_figures_the_source_does_not_state_are_informative_and_claims_without_figures_are_silent(
    paper_run,
):
    report, options, _ = paper_run
    kinds = Counter(f.kind for f in report.findings)
    assert kinds[FindingKind.INCONSISTENT] == 2 and kinds[FindingKind.NOT_FOUND] == 1
    assert exit_status(report, options.fail_on) == 1
    without_inconsistent = options.fail_on - {FindingKind.INCONSISTENT}
    assert exit_status(report, without_inconsistent) == 0  # not found never fails by default
    assert not any("no figures in claim" in dict(f.evidence).get("explanation", "") for f in report.findings)
    figure_kinds = {FindingKind.INCONSISTENT, FindingKind.NOT_FOUND, FindingKind.UNVERIFIABLE}
    assert sum(kinds[k] for k in figure_kinds) == len(report.figures) - sum(
        1 for f in report.figures if f.verdict is Verdict.CONSISTENT
    )


def test_end_to_end_each_live_source_is_fetched_once_and_that_answer_feeds_the_figures(paper_run):
    from warcio.archiveiterator import ArchiveIterator

    report, _, warc = paper_run
    with open(warc, "rb") as stream:
        answers = Counter(
            r.rec_headers.get_header("WARC-Target-URI")
            for r in ArchiveIterator(stream)
            if r.rec_type == "response"
        )
    compared = {
        c.url for c in report.checks if any(f.reference_key == c.reference_key for f in report.figures)
    }
    assert compared and {url: answers[url] for url in compared} == dict.fromkeys(
        compared, 1
    )  # the link check's answer, nothing more
