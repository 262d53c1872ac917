"""A baseline file on real runs: `verify` and `check` apply it, every report lists the accepted
finding with its reason, `citecheck baseline` writes it from a JSON report.

The paper is a .bib whose third link answers 404 on the local origin server (a link the author
knows is dead); archives are a local pywb.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from citecheck.baseline import PLACEHOLDER_REASON
from citecheck.cli import cli, main

pytestmark = pytest.mark.pywb

PAPER = """@misc{{trade2021,
  title = {{Trade report 2021}}, year = {{2021}}, url = {{{origin}/page/baseline-trade}}
}}
@misc{{old2019,
  title = {{Old page}}, year = {{2019}}, url = {{{origin}/status/404}}
}}
"""
LOCAL = "min-interval = 0\ncdx-per-minute = 0\nsnapshots-per-second = 0\nretries = 0\n"
SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "report-schema.json").read_text("utf-8"))


def accept(kind="broken", reference="old2019", reason="Page removed in 2020; cited as history", extra=""):
    return f'[[accept]]\nkind = "{kind}"\nreference = "{reference}"\nreason = "{reason}"\n{extra}\n'


@pytest.fixture()
def paper(tmp_path, origin_server):
    path = tmp_path / "paper.bib"
    path.write_text(PAPER.format(origin=origin_server.base), encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text(LOCAL, encoding="utf-8")
    return path


def verify(paper: Path, archive, *args: str):
    out = paper.parent
    base = ["verify", str(paper), "--archive", archive.base, "--cdx", archive.cdx, "--allow-private"]
    base += ["--cache-dir", str(out / "cache"), "--report-dir", str(out / "reports")]
    base += ["--bib-dir", str(out / "references"), "--junit", str(out / "junit.xml")]
    return CliRunner().invoke(cli, base + list(args), catch_exceptions=False)


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["citecheck", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return exited.value.code, capsys.readouterr().err


@pytest.fixture(scope="module")
def accepted_run(tmp_path_factory, origin_server, pywb_archive):
    """One verify run whose broken link a baseline next to the paper accepts."""
    tmp = tmp_path_factory.mktemp("accepted")
    path = tmp / "paper.bib"
    path.write_text(PAPER.format(origin=origin_server.base), encoding="utf-8")
    (tmp / "citecheck.toml").write_text(LOCAL, encoding="utf-8")
    (tmp / "citecheck-baseline.toml").write_text(accept(), encoding="utf-8")
    result = verify(path, pywb_archive)
    return result, tmp


def test_a_baseline_next_to_the_paper_accepts_the_broken_link_so_verify_exits_0(accepted_run):
    result, _ = accepted_run
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "OK: nothing at or above --fail-on (broken,inconsistent); 1 accepted by the baseline"
    )
    assert "citecheck: baseline: 1 finding(s) accepted" in result.stderr


def test_the_json_report_marks_the_accepted_finding_with_its_reason_and_stays_valid(accepted_run):
    _, tmp = accepted_run
    data = json.loads((tmp / "reports" / "paper.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    broken = [f for f in data["findings"] if f["kind"] == "broken"]
    assert broken[0]["accepted"]["reason"] == "Page removed in 2020; cited as history"
    assert data["summary"]["accepted"] == {"broken": 1} and "broken" not in data["summary"]["findings"]
    assert all("accepted" not in f for f in data["findings"] if f["kind"] != "broken")


def test_the_markdown_report_lists_the_accepted_finding_not_as_a_broken_link(accepted_run):
    _, tmp = accepted_run
    text = (tmp / "reports" / "paper.md").read_text("utf-8")
    assert "## Broken links" not in text
    assert "## Accepted findings" in text
    assert "| broken | old2019 |" in text and "accepted: Page removed in 2020; cited as history |" in text


def test_the_html_report_lists_the_accepted_finding_and_counts_no_broken_link(accepted_run):
    _, tmp = accepted_run
    page = (tmp / "reports" / "paper.html").read_text("utf-8")
    assert "Accepted findings (1)" in page and "accepted: Page removed in 2020; cited as history" in page
    assert 'id="broken"' not in page
    assert "accepted by the baseline" in page


def test_junit_shows_the_accepted_finding_as_a_skipped_case_with_the_reason_never_a_failure(accepted_run):
    _, tmp = accepted_run
    xml = (tmp / "junit.xml").read_text("utf-8")
    assert 'failures="0"' in xml and "<failure" not in xml
    assert '<skipped type="accepted" message="broken accepted: Page removed in 2020; cited as history"' in xml


def test_the_same_run_without_the_baseline_fails_on_the_broken_link(accepted_run, pywb_archive):
    _, tmp = accepted_run
    result = verify(tmp / "paper.bib", pywb_archive, "--baseline", str(tmp / "citecheck.toml.none"))
    assert result.exit_code == 2  # a named baseline that does not exist is an error, not "none"
    (tmp / "citecheck-baseline.toml").rename(tmp / "kept.toml")
    try:
        assert verify(tmp / "paper.bib", pywb_archive, "-q").exit_code == 1
    finally:
        (tmp / "kept.toml").rename(tmp / "citecheck-baseline.toml")


def test_baseline_flag_overrides_the_config_key_which_overrides_the_file_beside_the_paper(
    paper, pywb_archive
):
    tmp = paper.parent
    (tmp / "citecheck-baseline.toml").write_text(accept(), encoding="utf-8")  # would accept
    (tmp / "ci").mkdir()
    (tmp / "ci" / "none.toml").write_text("", encoding="utf-8")  # accepts nothing
    (tmp / "citecheck.toml").write_text(LOCAL + 'baseline = "ci/none.toml"\n', encoding="utf-8")
    assert verify(paper, pywb_archive, "-q").exit_code == 1
    assert (
        verify(paper, pywb_archive, "-q", "--baseline", str(tmp / "citecheck-baseline.toml")).exit_code == 0
    )


def test_an_expired_entry_no_longer_accepts_and_a_stale_one_is_reported(paper, pywb_archive):
    (paper.parent / "citecheck-baseline.toml").write_text(
        accept(extra="expires = 2020-01-31") + accept(kind="soft-404", reference="trade2021", reason="x"),
        encoding="utf-8",
    )
    result = verify(paper, pywb_archive, "-q")
    assert result.exit_code == 1
    assert "citecheck: baseline: Baseline entry expired on 2020-01-31" in result.stderr
    assert "matches no finding" in result.stderr and "soft-404 trade2021; remove it" in result.stderr
    data = json.loads((paper.parent / "reports" / "paper.json").read_text("utf-8"))
    assert [f["kind"] for f in data["findings"]][-2:] == ["baseline-expired", "baseline-stale"]
    assert verify(paper, pywb_archive, "-q", "--fail-on", "baseline-stale").exit_code == 1


def test_an_invalid_baseline_is_one_line_and_exit_2_before_any_request(
    paper, pywb_archive, origin_server, monkeypatch, capsys
):
    (paper.parent / "citecheck-baseline.toml").write_text(accept(kind="dead"), encoding="utf-8")
    origin_server.reset()
    code, err = run_main(
        monkeypatch, capsys, "verify", str(paper), "--allow-private", "--no-cache",
        "--archive", pywb_archive.base, "--report-dir", str(paper.parent / "r"),
    )  # fmt: skip
    assert code == 2
    assert err.strip().splitlines() == [
        f"citecheck: error: {paper.parent / 'citecheck-baseline.toml'} entry 1: kind 'dead' is not a "
        "finding kind; choose from " + err.split("choose from ")[1].strip()
    ]
    assert not origin_server.requests(host="127.0.0.1")


def test_check_applies_the_baseline_and_leaves_figure_entries_alone(paper, monkeypatch, capsys):
    (paper.parent / "citecheck-baseline.toml").write_text(
        accept() + accept(kind="inconsistent", reference="trade2021", reason="rounded on purpose"),
        encoding="utf-8",
    )
    args = ["check", str(paper), "--allow-private", "--no-archive", "--no-cache"]
    code, err = run_main(monkeypatch, capsys, *args)
    assert code == 0, err
    assert "citecheck: baseline: 1 finding(s) accepted" in err and "matches no finding" not in err
    code, err = run_main(monkeypatch, capsys, *args, "--baseline", str(paper.parent / "citecheck.toml"))
    assert code == 2 and "unknown key 'min-interval'" in err


def test_citecheck_baseline_writes_the_failing_findings_with_a_placeholder_the_run_refuses(
    paper, pywb_archive, monkeypatch, capsys
):
    tmp = paper.parent
    assert verify(paper, pywb_archive, "-q").exit_code == 1
    report = tmp / "reports" / "paper.json"
    target = tmp / "citecheck-baseline.toml"
    written = CliRunner().invoke(cli, ["baseline", str(report), "-o", str(target)])
    assert written.exit_code == 0, written.output
    assert written.stdout.strip() == f"wrote {target}: 1 entries (1 new); edit the reason of each new one"
    text = target.read_text("utf-8")
    assert "EDIT EVERY REASON" in text and 'kind = "broken"\nreference = "old2019"' in text
    assert 'url = "http://' in text and f'reason = "{PLACEHOLDER_REASON}"' in text
    code, err = run_main(monkeypatch, capsys, "check", str(paper), "--allow-private", "--no-archive")
    assert code == 2 and "entry 1 still has the placeholder reason" in err
    target.write_text(text.replace(PLACEHOLDER_REASON, "Known dead"), encoding="utf-8")
    assert verify(paper, pywb_archive, "-q").exit_code == 0


def test_citecheck_baseline_never_overwrites_unless_forced_and_update_keeps_the_reasons(
    paper, pywb_archive, monkeypatch, capsys
):
    tmp = paper.parent
    verify(paper, pywb_archive, "-q", "--fail-on", "none")
    report = str(tmp / "reports" / "paper.json")
    target = tmp / "citecheck-baseline.toml"
    mine = accept(reason="Known dead") + accept(kind="blocked", reference="gone", reason="Paywall")
    target.write_text(mine, encoding="utf-8")
    code, err = run_main(monkeypatch, capsys, "baseline", report, "-o", str(target))
    assert (
        code == 2
        and err.strip() == f"citecheck: error: {target} exists; --update merges with it, --force replaces it"
    )
    assert target.read_text("utf-8") == mine
    code, _ = run_main(
        monkeypatch, capsys, "baseline", report, "-o", str(target), "--update", "--fail-on", "all"
    )
    text = target.read_text("utf-8")
    assert code == 0 and text.count("[[accept]]") == 2  # the broken link is accepted already
    assert 'reason = "Known dead"' in text and 'reason = "Paywall"' in text
    code, _ = run_main(monkeypatch, capsys, "baseline", report, "-o", str(target), "--force")
    assert code == 0 and "Known dead" not in target.read_text("utf-8")
    code, err = run_main(monkeypatch, capsys, "baseline", report, "-o", report, "--force")
    assert code == 2 and "refusing to overwrite the report" in err


def test_verify_refuses_to_write_a_report_over_the_baseline(paper, pywb_archive):
    target = paper.parent / "citecheck-baseline.toml"
    target.write_text(accept(), encoding="utf-8")
    result = verify(paper, pywb_archive, "-q", "--junit", str(target))
    assert result.exit_code == 2 and "refusing to overwrite the input" in result.stderr
    assert target.read_text("utf-8") == accept()


def test_offline_the_baseline_entry_for_a_link_nothing_checked_is_not_reported_stale(paper):
    """`--offline` with an empty cache checks no link: the entry accepting old2019's broken link
    is neither applied nor "matches no finding; remove it"."""
    (paper.parent / "citecheck-baseline.toml").write_text(accept(), encoding="utf-8")
    out = paper.parent
    result = CliRunner().invoke(
        cli,
        ["verify", str(paper), "--offline", "--cache-dir", str(out / "cache"), "--report-dir", str(out / "reports"),
         "--bib-dir", str(out / "references"), "--fail-on", "baseline-stale"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "matches no finding" not in result.output + result.stderr
    data = json.loads((out / "reports" / "paper.json").read_text("utf-8"))
    assert not [f for f in data["findings"] if f["kind"] == "baseline-stale"]
