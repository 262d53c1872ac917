"""`citecheck verify`: files, summary, exit status 0/1/2, one clear line for each bad input."""

from __future__ import annotations

import io
import json
import time

import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from citecheck.cli.verify import ProgressBar

pytestmark = pytest.mark.pywb

# A BibTeX paper: the text readers treat IP-literal hosts as garbled (no top-level domain),
# a .bib keeps its URLs as written, so the links reach the local origin server.
PAPER = """@misc{{trade2021,
  title = {{Trade report 2021}}, author = {{{{Ministry of Commerce}}}}, year = {{2021}},
  url = {{{origin}/page/trade-{tag}}}, urldate = {{2022-02-20}}
}}
@misc{{agreements2021,
  title = {{Agreements}}, author = {{{{Ministry of Commerce}}}}, year = {{2021}},
  url = {{{origin}/page/agreements-{tag}}}, urldate = {{2022-02-20}}
}}
@misc{{old2019,
  title = {{Old page}}, author = {{{{Ministry of Commerce}}}}, year = {{2019}},
  url = {{{origin}/status/404}}, urldate = {{2022-02-20}}
}}
"""


@pytest.fixture()
def paper(tmp_path, origin_server, request):
    path = tmp_path / "green paper.bib"
    path.write_text(PAPER.format(origin=origin_server.base, tag=request.node.name[:20]), encoding="utf-8")
    return path


# Local servers need no politeness: no waits between requests, no retries.
LOCAL = "min-interval = 0\ncdx-per-minute = 0\nsnapshots-per-second = 0\nretries = 0\n"


@pytest.fixture()
def local_config(tmp_path):
    path = tmp_path / "local.toml"
    path.write_text(LOCAL, encoding="utf-8")
    return path


@pytest.fixture()
def run(tmp_path, pywb_archive, local_config):
    def invoke(*args: str, config: bool = True):
        base = [
            "verify",
            *(["--config", str(local_config)] if config else []),
            "--archive",
            pywb_archive.base,
            "--cdx",
            pywb_archive.cdx,
            "--allow-private",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--report-dir",
            str(tmp_path / "reports"),
            "--bib-dir",
            str(tmp_path / "references"),
        ]
        return CliRunner().invoke(cli, base + list(args), catch_exceptions=False)

    return invoke


def test_verify_writes_the_bib_and_three_reports_and_fails_on_the_broken_link(run, paper, tmp_path):
    result = run(str(paper))
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "green-paper.html",
        "green-paper.json",
        "green-paper.md",
    ]
    assert (tmp_path / "references" / "green-paper.bib").read_text("utf-8").count("@") == 3
    assert "references  3 (3 with a URL)" in result.stdout
    assert "FAIL: 1 finding(s) at or above --fail-on (broken,inconsistent)" in result.stdout
    data = json.loads((tmp_path / "reports" / "green-paper.json").read_text("utf-8"))
    assert [f["kind"] for f in data["findings"] if f["kind"] == "broken"] == ["broken"]


def test_fail_on_decides_the_exit_status(run, paper):
    assert run(str(paper), "--fail-on", "none").exit_code == 0
    assert run(str(paper), "--fail-on", "soft-404,inconsistent").exit_code == 0
    assert run(str(paper), "--fail-on", "soft-404", "--fail-on", "broken").exit_code == 1


def test_an_unknown_fail_on_kind_is_a_usage_error(run, paper):
    result = run(str(paper), "--fail-on", "brokn")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "citecheck: error: unknown --fail-on kind 'brokn'; choose from broken, soft-404, inconsistent, "
        "not-found, unverifiable, incomplete-url, parse-warning, unreachable, refused, baseline-expired, "
        "baseline-stale, unverified, all, none"
    ]


def test_format_chooses_the_reports_and_junit_writes_xml(run, paper, tmp_path):
    junit = tmp_path / "ci" / "junit.xml"
    result = run(str(paper), "--format", "json", "--junit", str(junit), "-q")
    assert result.exit_code == 1
    assert [p.name for p in (tmp_path / "reports").iterdir()] == ["green-paper.json"]
    assert 'failures="1"' in junit.read_text("utf-8")
    assert result.stdout.strip() == "FAIL: 1 finding(s) at or above --fail-on (broken,inconsistent)"


def test_a_config_file_next_to_the_paper_is_read_and_flags_override_it(run, paper):
    (paper.parent / "citecheck.toml").write_text(
        LOCAL + 'fail-on = "none"\nformats = ["md"]\n', encoding="utf-8"
    )
    assert run(str(paper), config=False).exit_code == 0
    assert run(str(paper), "--fail-on", "broken", config=False).exit_code == 1


def test_verbose_logs_each_request_and_no_progress_bar_without_a_terminal(run, paper, origin_server):
    result = run(str(paper), "-v")
    assert f"GET live {origin_server.base}/status/404 -> 404" in result.stderr
    assert "checking links" not in result.stderr


def test_a_missing_paper_is_one_line_and_exit_2(run, tmp_path):
    result = run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nope.txt" in result.stderr
    assert not (tmp_path / "reports").exists()


def test_an_unwritable_report_dir_is_one_line_exit_2_and_no_partial_file(run, paper, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a directory should be", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "verify",
            str(paper),
            "--offline",
            "--cache-dir",
            str(tmp_path / "c"),
            "--report-dir",
            str(blocker / "reports"),
            "--bib-dir",
            str(tmp_path / "refs"),
        ],
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("citecheck: error: cannot write ")
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_an_unusable_cache_dir_is_one_line_and_exit_2(run, paper, tmp_path):
    blocker = tmp_path / "cachefile"
    blocker.write_text("not a directory", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(paper), "--offline", "--cache-dir", str(blocker / "c")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cache directory" in lines[0] and "not writable" in lines[0]


def test_an_archive_that_is_down_is_one_warning_and_the_run_still_reports(paper, tmp_path, local_config):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = sock.getsockname()[1]
    result = CliRunner().invoke(
        cli,
        [
            "verify",
            str(paper),
            "--config",
            str(local_config),
            "--archive",
            f"http://127.0.0.1:{dead}/web/",
            "--cdx",
            f"http://127.0.0.1:{dead}/web/cdx",
            "--allow-private",
            "--timeout",
            "2",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--report-dir",
            str(tmp_path / "reports"),
            "--bib-dir",
            str(tmp_path / "refs"),
        ],
    )
    assert result.exit_code == 1  # the broken link still fails the run
    warnings = [line for line in result.stderr.splitlines() if line.startswith("citecheck: warning:")]
    assert len(warnings) == 1 and "archive" in warnings[0]
    assert (tmp_path / "reports" / "green-paper.html").exists()


def test_without_a_paper_the_bundled_seed_is_verified(tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "verify",
            "--offline",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--report-dir",
            str(tmp_path / "r"),
            "--bib-dir",
            str(tmp_path / "b"),
            "--format",
            "md",
            "-q",
        ],
    )
    assert result.exit_code in (0, 1), result.stderr
    assert (tmp_path / "r" / "china-latin-america-green-cooperation-2022.md").exists()
    assert (tmp_path / "b" / "china-latin-america-green-cooperation-2022.bib").exists()


def test_a_recorded_run_replays_from_its_warc_to_the_same_findings_without_network(run, paper, tmp_path):
    warc = tmp_path / "sources.warc.gz"
    recorded = run(str(paper), "--save-warc", str(warc), "--format", "json")
    assert recorded.exit_code == 1 and warc.is_file()
    first = json.loads((tmp_path / "reports" / "green-paper.json").read_text("utf-8"))
    replayed = run(str(paper), "--from-warc", str(warc), "--format", "json", "-v")
    assert replayed.exit_code == 1
    second = json.loads((tmp_path / "reports" / "green-paper.json").read_text("utf-8"))
    assert second["findings"] == first["findings"]
    assert second["options"]["request_count"] == 0
    assert "[replay]" in replayed.stderr


def test_save_warc_with_from_warc_is_a_usage_error(paper, tmp_path):
    warc = tmp_path / "in.warc.gz"
    warc.write_bytes(b"")
    result = CliRunner().invoke(
        cli, ["verify", str(paper), "--from-warc", str(warc), "--save-warc", str(tmp_path / "out.warc.gz")]
    )
    assert result.exit_code == 2
    assert "--save-warc" in result.stderr


def test_the_progress_bar_draws_one_line_per_stage_and_phase_and_ends_it():
    stream = io.StringIO()
    bar = ProgressBar(stream, width=10, interval=0)
    bar("check", 0, 4)
    bar("check", 4, 4)
    bar("check", 5, 9)  # the checker's total grows once its line is full: a phase of its own
    bar("sources", 0, 0)  # nothing to read: nothing drawn
    bar("sources", 1, 1)
    bar.close()
    assert stream.getvalue() == (
        "\rchecking links   [----------] 0/4"
        "\rchecking links   [##########] 4/4\n"
        "\rarchive look-ups [##--------] 1/5\n"
        "\rreading sources  [##########] 1/1\n"
    )


def test_min_interval_from_the_command_line_spaces_the_requests_to_one_host(run, paper, origin_server):
    started = time.monotonic()
    result = run(str(paper), "--min-interval", "0.4", "--fail-on", "none", "-q")
    assert result.exit_code == 0, result.output
    times = sorted(r.time for r in origin_server.requests(host="127.0.0.1") if r.time >= started)
    assert len(times) >= 3
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    # the config file says 0: the flag won (arrival stamps carry scheduling jitter on a loaded
    # machine; no limiter would give more than a few milliseconds)
    assert min(gaps) >= 0.3 and sum(gaps) / len(gaps) >= 0.38, gaps


def test_cdx_per_minute_from_the_command_line_spaces_archive_index_queries(
    run, tmp_path, origin_server, pywb_archive
):
    # three hosts: the planner asks one index query per host (one host's URLs share one query)
    paper = tmp_path / "three hosts.bib"
    entries = []
    for n in (1, 2, 3):
        url = origin_server.url(f"/page/cdx-{n}", host=f"host{n}.localhost")
        entries.append(
            f"@misc{{p{n}, title = {{Page {n}}}, year = {{2021}}, urldate = {{2022-02-20}}, url = {{{url}}}}}"
        )
    paper.write_text("\n".join(entries) + "\n", encoding="utf-8")
    pywb_archive.reset()
    result = run(str(paper), "--cdx-per-minute", "600", "--fail-on", "none", "-q")
    assert result.exit_code == 0, result.output
    cdx = sorted(r.time for r in pywb_archive.requests("/cdx"))
    assert len(cdx) >= 2
    # 600 a minute: one every 0.1 s at departure. The proxy stamps arrival, which a new
    # connection on a loaded machine delays by tens of milliseconds: the mean gap is what holds.
    assert (cdx[-1] - cdx[0]) / (len(cdx) - 1) >= 0.09
