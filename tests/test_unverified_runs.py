"""A run that could check nothing says so: reports, JUnit, the result line and --fail-on.

"No network" is a real run whose fetcher cannot resolve any name (the resolver hook of
:class:`~citecheck.sources.fetcher.Fetcher` answers EAI_AGAIN, which it reads as offline), so
nothing depends on the machine's routing table.
"""

from __future__ import annotations

import socket
import sys

import pytest
from click.testing import CliRunner

from citecheck.cli import cli, main
from citecheck.config import VerifyOptions
from citecheck.findings import parse_fail_on
from citecheck.model import FindingKind, LinkState
from citecheck.pipeline import exit_status, fetch_config, verify
from citecheck.report import render
from citecheck.sources.fetcher import Fetcher

PAPER = (
    "Exports rose by 12% in 2021.[^1] Imports fell by 3%.[^2] Investment reached US$5.2 billion.[^3]\n\n"
    "[^1]: Ministry of Commerce, «Exports 2021», 2022, https://www.example.org/exports-2021.html\n"
    "[^2]: Customs Office, «Imports 2021», 2022, https://www.example.net/imports-2021.html\n"
    "[^3]: Statistics Bureau, «Investment 2021», 2022, https://stats.example.com/investment-2021.html\n"
)


def _no_network(host, port):
    raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")


@pytest.fixture(scope="module")
def offline_report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("offline")
    paper = tmp / "paper.md"
    paper.write_text(PAPER, encoding="utf-8")
    options = VerifyOptions(cache_dir=tmp / "cache", retries=0, min_interval=0, cdx_per_minute=0)
    with Fetcher(fetch_config(options), resolver=_no_network) as fetcher:
        return verify(paper, options, fetcher=fetcher)


def test_with_no_network_every_link_is_unreachable(offline_report):
    assert [c.link.state for c in offline_report.checks] == [LinkState.UNREACHABLE] * 3


def test_the_markdown_report_says_at_the_top_that_nothing_was_verified(offline_report):
    text = render(offline_report, "md")
    top = text.split("## Summary")[0]
    assert "> **Nothing was verified.**" in top
    assert "> - 3 of 3 links could not be checked: no network" in top
    assert "figures could not be compared with a source" in top


def test_the_html_report_says_it_before_the_cards_and_no_zero_is_green(offline_report):
    page = render(offline_report, "html")
    notice = page.index('class="notice"')
    assert notice < page.index('class="cards"')
    assert "<strong>Nothing was verified.</strong>" in page
    assert "3 of 3 links could not be checked: no network" in page
    assert '<div class="card ok"><span class="n">0</span><span class="l">broken links' not in page
    assert '<div class="card warn"><span class="n">0</span><span class="l">broken links' in page


def test_junit_skips_every_link_nobody_checked(offline_report):
    xml = render(offline_report, "junit")
    assert 'tests="4" failures="0" errors="0" skipped="3"' in xml
    assert xml.count('<skipped message="link not checked: no network" />') == 3


@pytest.mark.parametrize("kind", ["unreachable", "unverified"])
def test_fail_on_unreachable_or_unverified_fails_a_blind_run(offline_report, kind):
    assert exit_status(offline_report, parse_fail_on(kind)) == 1
    assert exit_status(offline_report, parse_fail_on("broken,inconsistent")) == 0


def test_unverified_means_every_kind_that_says_something_was_not_checked():
    assert parse_fail_on("unverified") == {
        FindingKind.UNREACHABLE,
        FindingKind.REFUSED,
        FindingKind.UNVERIFIABLE,
    }


def test_a_run_that_checked_most_links_names_only_what_it_left_unchecked():
    from citecheck.report._common import coverage_lines
    from report_samples import sample_report

    report = sample_report()  # links: broken, soft-404, ok, and one garbled URL nobody can fetch
    assert coverage_lines(report) == [
        "1 of 4 links could not be checked: URL incomplete",
        "1 of 3 figures could not be compared with a source",
    ]


@pytest.fixture()
def paper(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "paper.md"
    path.write_text(PAPER, encoding="utf-8")
    return path


def test_verify_q_offline_prints_only_the_result_line_and_it_is_not_ok(paper, tmp_path):
    result = CliRunner().invoke(
        cli, ["verify", str(paper), "--offline", "-q", "--cache-dir", str(tmp_path / "c")]
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "UNVERIFIED: nothing at or above --fail-on (broken,inconsistent), but nothing was verified; "
        "3 of 3 links could not be checked: no network; 3 of 3 figures could not be compared with a source"
    ]


def test_verify_fail_on_unverified_offline_exits_1(paper, tmp_path):
    args = [
        "verify",
        str(paper),
        "--offline",
        "-q",
        "--cache-dir",
        str(tmp_path / "c"),
        "--fail-on",
        "unverified",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert result.stdout.startswith("FAIL: ")


def test_a_paper_without_footnotes_is_exit_2_for_verify_as_for_parse(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "plain.md"
    path.write_text("A paper that cites nothing at all.\n", encoding="utf-8")
    for args in (["parse", str(path)], ["verify", str(path), "--offline"]):
        monkeypatch.setattr(sys, "argv", ["citecheck", *args])
        with pytest.raises(SystemExit) as exited:
            main()
        assert exited.value.code == 2, args
        assert "no footnotes or references found" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()
