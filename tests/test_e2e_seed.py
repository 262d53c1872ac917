"""End to end on the bundled seed: parse -> check (live + pywb) -> figures -> findings -> files.

The seed's cited hosts are answered by the local origin server through ``SeedRouter`` and
their archived copies by a real pywb over a WARC this module writes (see seed_world.py).
"""

from __future__ import annotations

import json
import pathlib

import jsonschema
import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from citecheck.config import VerifyOptions
from citecheck.model import FindingKind, LinkState, Verdict
from citecheck.pipeline import exit_status, verify_with_references, write_outputs
from citecheck.sources.fetcher import Fetcher
from citecheck.sources.warc import RecordingFetcher, WarcRecorder
from seed_world import (
    CELAC,
    COFCO,
    CUSTOMS,
    GUANCHA,
    MX_MOFCOM,
    SeedRecorder,
    SeedRouter,
    archived_pages,
    install_origin_pages,
)
from servers.pywb_archive import local_fetch_config

pytestmark = pytest.mark.pywb

SEED = (
    pathlib.Path(__file__).resolve().parent.parent
    / "seeds"
    / "china-latin-america-green-cooperation-2022.txt"
)
SCHEMA = json.loads(
    (pathlib.Path(__file__).resolve().parent.parent / "docs" / "report-schema.json").read_text()
)


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory, origin_server, pywb_archive_factory, seed_path):
    archive = pywb_archive_factory(archived_pages(), collection="seed")
    install_origin_pages(origin_server)
    work = tmp_path_factory.mktemp("e2e")
    options = VerifyOptions(
        archives=(archive.base,),
        cdx=(archive.cdx,),
        cache_dir=work / "cache",
        allow_private=True,
        report_dir=work / "reports",
        bib_dir=work / "references",
        formats=("html", "md", "json"),
        junit=work / "junit.xml",
        workers=4,
    )
    warc = work / "seed-sources.warc.gz"
    with WarcRecorder(warc) as recorder:  # recorded for the --from-warc replay below
        hook = SeedRecorder(recorder)
        with Fetcher(local_fetch_config(), recorder=hook) as fetcher:
            router = SeedRouter(fetcher, origin_server.port)
            hook.router = router
            report, references = verify_with_references(
                seed_path, options, fetcher=RecordingFetcher(router, recorder)
            )
    return report, references, options, router


@pytest.fixture(scope="module")
def seed_files(seed_run):
    report, references, options, _ = seed_run
    return write_outputs(report, references, options), options


def _check(report, url):
    return next(c for c in report.checks if c.url == url)


def test_the_run_fails_ci_because_of_broken_links_and_an_inconsistent_figure(seed_run):
    report, _, options, _ = seed_run
    assert exit_status(report, options.fail_on) == 1
    kinds = {f.kind for f in report.findings}
    assert {FindingKind.BROKEN, FindingKind.INCONSISTENT, FindingKind.SOFT_404} <= kinds
    assert exit_status(report, frozenset()) == 0  # --fail-on none


def test_a_dead_link_is_broken_and_points_at_its_archived_copy_in_pywb(seed_run):
    report, *_ = seed_run
    cofco = _check(report, COFCO)
    assert cofco.link.state is LinkState.BROKEN and cofco.link.status == 404
    assert cofco.snapshot is not None and cofco.snapshot.timestamp == "20220115083000"
    finding = next(f for f in report.findings if f.kind is FindingKind.BROKEN and f.url == COFCO)
    evidence = dict(finding.evidence)
    assert evidence["snapshot date"] == "2022-01-15 08:30:00 UTC"
    assert "/seed/20220115083000" in evidence["archived copy"]


def test_a_dead_link_nobody_archived_is_broken_without_a_copy(seed_run):
    report, *_ = seed_run
    mx = _check(report, MX_MOFCOM)
    assert mx.link.state is LinkState.BROKEN and mx.snapshot is None


def test_a_redirect_to_the_site_root_is_a_soft_404_and_live_pages_are_ok(seed_run):
    report, *_ = seed_run
    assert _check(report, GUANCHA).link.state is LinkState.SOFT_404
    assert _check(report, CELAC).link.state in (LinkState.OK, LinkState.REDIRECTED)


def test_the_customs_figures_are_compared_with_the_archived_chinese_page(seed_run):
    report, *_ = seed_run
    customs = _check(report, CUSTOMS)
    figures = [f for f in report.figures if f.reference_key == customs.reference_key]
    by_raw = {f.claim_quantity.raw: f for f in figures if f.claim_quantity is not None}
    assert by_raw["411%"].verdict is Verdict.INCONSISTENT
    assert by_raw["411%"].source_quantity.raw.startswith("41.1")
    assert by_raw["451.591 billion U.S. dollars"].verdict is Verdict.CONSISTENT


def test_garbled_urls_are_reported_for_a_human_and_nothing_left_the_machine(seed_run):
    report, _, _, router = seed_run
    incomplete = [f for f in report.findings if f.kind is FindingKind.INCOMPLETE_URL]
    assert len(incomplete) >= 5
    assert all(dict(f.evidence)["as printed"] for f in incomplete)
    assert COFCO in router.routed


def test_the_files_are_written_with_names_from_the_paper(seed_files):
    written, options = seed_files
    names = sorted(p.name for p in written)
    stem = "china-latin-america-green-cooperation-2022"
    assert names == sorted([f"{stem}.bib", f"{stem}.html", f"{stem}.md", f"{stem}.json", "junit.xml"])
    assert (options.bib_dir / f"{stem}.bib").read_text(encoding="utf-8").count("@") >= 40


def test_the_json_report_holds_the_findings_and_matches_the_schema(seed_run, seed_files):
    report = seed_run[0]
    options = seed_files[1]
    data = json.loads(
        (options.report_dir / "china-latin-america-green-cooperation-2022.json").read_text("utf-8")
    )
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert len(data["findings"]) == len(report.findings)
    broken_urls = {f["url"] for f in data["findings"] if f["kind"] == "broken"}
    assert {COFCO, MX_MOFCOM} <= broken_urls
    assert data["summary"]["figures"]["inconsistent"] >= 1


def test_the_markdown_and_html_reports_show_the_evidence(seed_files):
    options = seed_files[1]
    stem = "china-latin-america-green-cooperation-2022"
    md = (options.report_dir / f"{stem}.md").read_text("utf-8")
    assert "## Broken links" in md and "Archived copy: [2022-01-15 08:30:00 UTC]" in md
    assert "## Inconsistent figures" in md and "**411%**" in md
    html = (options.report_dir / f"{stem}.html").read_text("utf-8")
    assert "<mark>411%</mark>" in html
    assert "<mark>41.1%</mark>" in html
    assert "2022-01-15 08:30:00 UTC" in html


def test_the_command_replays_the_seed_from_the_recorded_warc_with_the_same_verdicts(seed_run, tmp_path):
    """The CI recipe: `citecheck verify PAPER --from-warc FILE`: no network, same findings, exit 1."""
    report, _, options, _ = seed_run
    warc = options.cache_dir.parent / "seed-sources.warc.gz"
    out = tmp_path / "replay"
    result = CliRunner().invoke(
        cli,
        [
            "verify",
            str(SEED),
            "--from-warc",
            str(warc),
            "--archive",
            options.archives[0],
            "--cdx",
            options.cdx[0],
            "--report-dir",
            str(out / "reports"),
            "--bib-dir",
            str(out / "references"),
            "--junit",
            str(out / "junit.xml"),
        ],
    )
    assert result.exit_code == 1, result.output
    stem = "china-latin-america-green-cooperation-2022"
    data = json.loads((out / "reports" / f"{stem}.json").read_text("utf-8"))
    assert data["options"]["request_count"] == 0
    replayed = {(f["kind"], f["reference_key"], f["url"]) for f in data["findings"]}
    original = {(f.kind.value, f.reference_key, f.url) for f in report.findings}
    assert replayed == original
    assert (out / "reports" / f"{stem}.html").is_file() and (out / "reports" / f"{stem}.md").is_file()
    assert 'failures="' in (out / "junit.xml").read_text("utf-8")


def test_the_lost_decimal_behind_an_unmatched_marker_reaches_the_report(seed_run):
    report, *_ = seed_run
    (finding,) = [f for f in report.findings if "matches no note (line 129): 5181 74 MW" in f.message]
    assert finding.kind is FindingKind.UNVERIFIABLE
    assert "decimal point lost" in dict(finding.evidence)["extraction"]


def test_the_verified_bibliography_points_at_the_archived_copy_of_a_dead_link(seed_files):
    paths, options = seed_files
    bib = next(p for p in paths if p.suffix == ".bib").read_text(encoding="utf-8")
    cofco = bib[bib.index("COFCO makes breakthrough") :].split("\n}\n")[0]
    assert "Archived copy of 2022-01-15: " in cofco and "/seed/20220115083000" in cofco


def test_export_reads_the_json_report_back_and_writes_csl_with_the_archive(seed_files, tmp_path):
    paths, _ = seed_files
    report_json = next(p for p in paths if p.suffix == ".json")
    out = tmp_path / "refs.json"
    result = CliRunner().invoke(cli, ["export", str(report_json), "--format", "csljson", "-o", str(out)])
    assert result.exit_code == 0, result.output
    items = {item["id"]: item for item in json.loads(out.read_text(encoding="utf-8"))}
    archived = [item for item in items.values() if "archive_location" in item]
    assert any("/seed/20220115083000" in item["archive_location"] for item in archived)
    bare = CliRunner().invoke(cli, ["export", str(report_json), "--no-archived"])
    assert "archive_location" not in bare.output and "Archived copy" not in bare.output
