"""The verify pipeline as a library: stages wired, outputs written atomically, exit status."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal

import pytest

from citecheck.config import VerifyOptions
from citecheck.errors import InputError, OutputError, UsageError
from citecheck.model import (
    Claim,
    FindingKind,
    LinkState,
    Quantity,
    Reference,
    SourceText,
    Verdict,
)
from citecheck.pipeline import (
    bundled_seed,
    compare_figures,
    exit_status,
    fetch_config,
    output_paths,
    safe_stem,
    verify,
    verify_with_references,
    write_outputs,
)
from report_samples import sample_report


def _offline(tmp_path, **kw) -> VerifyOptions:
    settings = dict(
        offline=True,
        cache_dir=tmp_path / "cache",
        report_dir=tmp_path / "reports",
        bib_dir=tmp_path / "references",
    )
    settings.update(kw)
    return VerifyOptions(**settings)


def test_the_seed_offline_gives_references_checks_and_unverifiable_figures(tmp_path, seed_path):
    report = verify(seed_path, _offline(tmp_path))
    assert len(report.references) >= 40
    assert report.checks and all(c.link is not None for c in report.checks)
    assert {c.link.state for c in report.checks} <= {LinkState.INCOMPLETE, LinkState.UNREACHABLE}
    assert report.figures and all(f.verdict is Verdict.UNVERIFIABLE for f in report.figures)
    kinds = {f.kind for f in report.findings}
    assert FindingKind.INCOMPLETE_URL in kinds and FindingKind.REPAIRED_URL in kinds
    assert report.options["request_count"] == 0  # offline: not one request


def test_without_a_paper_the_bundled_seed_is_used(tmp_path, seed_path, monkeypatch):
    assert bundled_seed() == seed_path
    monkeypatch.chdir(seed_path.parent.parent)
    report = verify(None, _offline(tmp_path))
    assert report.paper == "seeds/china-latin-america-green-cooperation-2022.txt"
    monkeypatch.chdir(tmp_path)
    assert verify(None, _offline(tmp_path)).paper == str(seed_path)


def test_a_missing_paper_raises_an_input_error(tmp_path):
    with pytest.raises(InputError):
        verify(tmp_path / "nope.txt", _offline(tmp_path))


def test_write_outputs_writes_bib_and_reports_and_nothing_else(tmp_path, seed_path):
    options = _offline(tmp_path, junit=tmp_path / "junit.xml")
    report, refs = verify_with_references(seed_path, options)
    written = write_outputs(report, refs, options)
    stem = "china-latin-america-green-cooperation-2022"
    assert written == [
        options.bib_dir / f"{stem}.bib",
        options.report_dir / f"{stem}.html",
        options.report_dir / f"{stem}.md",
        options.report_dir / f"{stem}.json",
        tmp_path / "junit.xml",
    ]
    assert sorted(os.listdir(options.report_dir)) == [f"{stem}.html", f"{stem}.json", f"{stem}.md"]


def test_a_failing_write_leaves_no_partial_or_temporary_file(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    options = _offline(tmp_path, report_dir=blocker / "reports")
    with pytest.raises(OutputError, match="cannot write"):
        write_outputs(sample_report(), [], options)
    assert [p.name for p in tmp_path.rglob("*") if p.suffix == ".tmp"] == []


def test_an_existing_report_is_replaced_whole(tmp_path):
    options = _offline(tmp_path, formats=("md",))
    target = output_paths(sample_report(), options)["md"]
    target.parent.mkdir(parents=True)
    target.write_text("old report", encoding="utf-8")
    write_outputs(sample_report(), [], options)
    assert target.read_text("utf-8").startswith("# citecheck report")


@pytest.mark.parametrize(
    "paper, stem",
    [
        (
            "seeds/china-latin-america-green-cooperation-2022.txt",
            "china-latin-america-green-cooperation-2022",
        ),
        ("../../etc/passwd", "passwd"),
        ("/tmp/x/..", "paper"),
        ("a/b/.hidden.txt", "hidden"),
        ("C:\\papers\\evil\\..\\thesis.tex", "thesis"),
        ("論文 草稿.md", "論文-草稿"),
        ("x" * 300 + ".txt", "x" * 100),
        ("", "paper"),
    ],
)
def test_stems_are_plain_names(paper, stem):
    assert safe_stem(paper) == stem


def test_exit_status_is_1_only_for_kinds_at_or_above_the_threshold():
    report = sample_report()
    assert exit_status(report) == 1  # default: broken, inconsistent
    assert exit_status(report, frozenset()) == 0
    assert exit_status(report, frozenset({FindingKind.NOT_FOUND})) == 0
    assert exit_status(report, frozenset({FindingKind.PARSE_WARNING})) == 1
    clean = replace(report, findings=tuple(f for f in report.findings if f.kind is FindingKind.REPAIRED_URL))
    assert exit_status(clean) == 0


def test_fetch_config_carries_the_politeness_numbers_and_the_timeout():
    config = fetch_config(VerifyOptions(timeout=4, retries=1, min_interval=0.5, allow_private=True))
    assert (config.read_timeout, config.connect_timeout, config.total_timeout) == (4, 4, 12)
    assert config.retries == 1 and config.min_interval == 0.5 and config.allow_private
    assert fetch_config(VerifyOptions()).min_interval == 1.0  # the fetcher's polite default


def test_save_warc_with_offline_is_refused(tmp_path, seed_path):
    with pytest.raises(UsageError, match="--save-warc"):
        verify(seed_path, _offline(tmp_path, save_warc=tmp_path / "x.warc.gz"))


def test_when_a_note_cites_two_sources_a_figure_takes_the_best_verdict():
    claim = Claim("p8n1", "Trade reached 451.591 billion U.S. dollars in 2021.")
    refs = [
        Reference("a", "webpage", "raw", note_id="p8n1"),
        Reference("b", "webpage", "raw", note_id="p8n1"),
    ]
    sources = {
        "a": SourceText("http://a/", "The weather was fine in 2021.", "live"),
        "b": SourceText("http://b/", "2021年中国与拉美进出口贸易额达4515.91亿美元。", "live"),
    }
    figures = [f for f in compare_figures([claim], refs, sources) if f.claim_quantity.raw.startswith("451")]
    assert len(figures) == 1
    assert figures[0].verdict is Verdict.CONSISTENT and figures[0].reference_key == "b"


def test_a_figure_whose_note_has_no_source_text_is_unverifiable():
    q = Quantity(Decimal("4.5e9"), "mass", "4.5 billion tons")
    claim = Claim("p3n1", "covering more than 4.5 billion tons", quantities=(q,))
    (figure,) = compare_figures([claim], [Reference("c", "article", "raw", note_id="p3n1")], {})
    assert figure.verdict is Verdict.UNVERIFIABLE and figure.reference_key == "c"


def test_offline_the_seed_has_no_archive_errors_only_no_recorded_copies(tmp_path, seed_path):
    report = verify(seed_path, _offline(tmp_path))
    assert not [f for f in report.findings if f.kind is FindingKind.ARCHIVE_ERROR]
    assert all(c.archive_error is None and c.snapshot is None for c in report.checks)


def test_a_claim_without_figures_gets_no_check_and_so_no_finding():
    # seed line 81 used to give a claim "March 2022" and a check "no figures in claim"
    claims = [
        Claim("p4n2", "In recent years, China has proposed the concept of green development. March 2022"),
        Claim("p8n1", "Trade reached 451.591 billion U.S. dollars in 2021."),
    ]
    refs = [
        Reference("a", "webpage", "raw", note_id="p4n2"),
        Reference("b", "webpage", "raw", note_id="p8n1"),
    ]
    sources = {
        "a": SourceText("http://a/", "2022年3月发布。", "live"),
        "b": SourceText("http://b/", "", "live"),
    }
    (figure,) = compare_figures(claims, refs, sources)
    assert figure.note_id == "p8n1" and figure.claim_quantity.raw == "451.591 billion U.S. dollars"


def test_the_papers_language_reads_its_claims():
    claim = Claim("n1", "A usina tem 1.200 MW.")
    refs = [Reference("a", "webpage", "raw", note_id="n1")]
    sources = {"a": SourceText("http://a/", "The plant has 1,200 MW.", "live", language="en")}
    (figure,) = compare_figures([claim], refs, sources, lang="pt")
    assert figure.verdict is Verdict.CONSISTENT and figure.claim_quantity.value == 1200 * 10**6
