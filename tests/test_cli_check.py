"""`citecheck check` on the bundled seed, against a real pywb keyed by the seed's real URLs.

The seed's hosts are never contacted: live states come from a WARC the test writes (``--from-warc``)
and archive answers from a local pywb, whose replay needs no DNS.
"""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from citecheck.cli.check import checker_options
from citecheck.errors import UsageError
from citecheck.sources.archive import WAYBACK_BASE, WAYBACK_CDX
from citecheck.sources.session import CheckerSettings
from servers.pywb_archive import WarcPage, write_warc

MOFCOM = "http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml"  # seed line 177, garbled there
GOV_CN_HTM = "http://www.gov.cn/xinwen/2021-12/08/content_5659408.htm"  # seed line 91 says "html"
COFCO = "http://www.cofco.com/cn/News/AlInews/Latest/2022/0110/51147.html"  # seed line 201, read 2022-02-28
GUANCHA = "http://www.guancha.cn/Business/2012_07_03_82453.shtml"  # seed line 205
DIALOGUE = (
    "https://www.thedialogue.org/wp-content/uploads/2015/11/GEGI-GreeningAmericas-Final.pdf"  # line 227
)


@pytest.fixture(scope="module")
def seed_archive(pywb_archive):
    """The default pywb holds the seed's real URLs MOFCOM, GOV_CN_HTM and COFCO (two captures)."""
    return pywb_archive


def _invoke(*args):
    result = CliRunner().invoke(cli, ["check", *map(str, args)], catch_exceptions=False)
    return result


def _checks(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["schema"] == "citecheck-check/1"
    return {c["url"]: c for c in doc["checks"]}


@pytest.mark.pywb
def test_archive_run_recovers_confirms_and_picks_snapshots_then_replays_and_runs_offline(
    seed_path, seed_archive, tmp_path
):
    common = [
        "--no-live",
        "--archive",
        seed_archive.base,
        "--cdx",
        seed_archive.cdx,
        "--allow-host",
        "127.0.0.1",
    ]
    common += [
        "--min-interval",
        "0",
        "--cdx-per-minute",
        "0",
        "--snapshots-per-second",
        "0",
    ]  # our own archive
    seed_archive.reset()
    first = _invoke(
        seed_path, *common, "--cache-dir", tmp_path / "cache", "--save-warc", tmp_path / "run.warc.gz",
        "--json", tmp_path / "a.json",
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    cold_requests = seed_archive.request_count()
    checks = _checks(tmp_path / "a.json")
    assert checks[MOFCOM]["recovery"]["status"] == "recovered"
    assert checks[MOFCOM]["link"]["state"] == "incomplete"
    assert checks[MOFCOM]["snapshot"]["timestamp"] == "20211110080000"
    assert checks[GOV_CN_HTM]["recovery"]["status"] == "confirmed"
    assert checks[COFCO]["snapshot"]["timestamp"] == "20220115000000"  # last before 2022-02-28
    assert "[recovered]" in first.output and "2021-11-10" in first.output
    assert (tmp_path / "run.warc.gz").exists()

    seed_archive.reset()
    replay = _invoke(
        seed_path, *common, "--from-warc", tmp_path / "run.warc.gz", "--json", tmp_path / "b.json"
    )
    assert replay.exit_code == 0, replay.output
    assert _checks(tmp_path / "b.json") == checks
    offline = _invoke(
        seed_path, *common, "--offline", "--cache-dir", tmp_path / "cache", "--json", tmp_path / "c.json"
    )
    assert offline.exit_code == 0, offline.output
    assert _checks(tmp_path / "c.json") == checks
    assert seed_archive.request_count() == 0 < cold_requests


def test_live_states_replayed_from_a_warc_written_by_warcio(seed_path, tmp_path):
    warc = write_warc(
        tmp_path / "live.warc.gz",
        [
            WarcPage(
                COFCO, "20260101000000", "<h1>COFCO soybean supply chain</h1><p>" + "text " * 50 + "</p>"
            ),
            WarcPage(GUANCHA, "20260101000000", "<h1>Not Found</h1>", status=404),
            WarcPage(DIALOGUE, "20260101000000", b"%PDF-1.4 report", content_type="application/pdf"),
        ],
    )
    result = _invoke(seed_path, "--from-warc", warc, "--no-archive", "--json", tmp_path / "live.json")
    assert result.exit_code == 1, result.output  # the broken link fails the run (default --fail-on)
    checks = _checks(tmp_path / "live.json")
    assert checks[COFCO]["link"]["state"] == "ok"
    assert checks[GUANCHA]["link"]["state"] == "broken"
    assert checks[DIALOGUE]["link"]["state"] == "ok"
    assert checks[MOFCOM.replace("article/jmxw", "art…")]["link"]["state"] == "incomplete"
    not_recorded = [c for c in checks.values() if c["link"]["state"] == "unreachable"]
    assert not_recorded  # never called broken just because the WARC lacks them
    table = result.stdout.splitlines()
    assert table[0].split() == ["KEY", "LIVE", "ARCHIVED", "URL"]
    assert any("broken" in line and GUANCHA in line for line in table)


def _main(*args):
    return subprocess.run(
        [sys.executable, "-c", "from citecheck.cli import main; main()", "check", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_contradicting_options_exit_2_with_one_line(seed_path, tmp_path):
    warc = write_warc(tmp_path / "x.warc.gz", [])
    done = _main(seed_path, "--from-warc", warc, "--save-warc", tmp_path / "y.warc.gz")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "--save-warc" in done.stderr
    assert not (tmp_path / "y.warc.gz").exists()


def test_missing_input_exits_2(tmp_path):
    assert _main(tmp_path / "nope.txt", "--offline").returncode == 2


def test_checker_options_are_reusable_by_another_command():
    seen = {}

    @click.command()
    @checker_options
    def other(**options):
        seen["settings"] = CheckerSettings.from_options(options)

    CliRunner().invoke(
        other,
        ["--archive", "http://127.0.0.1:9/web/", "--cdx", "http://127.0.0.1:9/web/cdx", "--allow-host", "a.org",
         "--timeout", "5", "--workers", "3", "--no-cache", "--cdx-per-minute", "12"],
        catch_exceptions=False,
    )  # fmt: skip
    settings = seen["settings"]
    assert settings.archives == ("http://127.0.0.1:9/web/",) and settings.cdx == (
        "http://127.0.0.1:9/web/cdx",
    )
    assert (settings.allowed_hosts, settings.workers, settings.use_cache) == (("a.org",), 3, False)
    config = settings.fetch_config()
    assert (config.read_timeout, config.total_timeout, config.allowed_hosts) == (5.0, 15.0, ("a.org",))
    assert (config.cdx_per_minute, config.min_interval) == (12.0, 1.0)  # politeness kept unless asked
    CliRunner().invoke(other, [], catch_exceptions=False)
    assert (seen["settings"].archives, seen["settings"].cdx) == ((WAYBACK_BASE,), (WAYBACK_CDX,))


def test_a_ca_bundle_given_on_the_command_line_reaches_the_fetcher(tmp_path):
    bundle = tmp_path / "corporate-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    seen = {}

    @click.command()
    @checker_options
    def other(**options):
        seen["config"] = CheckerSettings.from_options(options).fetch_config()

    CliRunner().invoke(other, ["--ca-bundle", str(bundle)], catch_exceptions=False)
    assert seen["config"].ca_bundle == str(bundle)


def test_a_missing_ca_bundle_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="certificate bundle not found"):
        CheckerSettings.from_options({"ca_bundle": str(tmp_path / "nope.pem")})


def test_an_archive_nobody_can_reach_is_one_line_on_stderr(tmp_path):
    bib = tmp_path / "two.bib"
    bib.write_text(
        "@misc{a, title={A}, url={http://a.example/1}}\n@misc{b, title={B}, url={http://b.example/2}}\n",
        encoding="utf-8",
    )
    base = "http://127.0.0.1:9/web/"  # loopback without --allow-private: the guard refuses it
    done = _main(bib, "--archive", base, "--cdx", base + "cdx", "--no-live", "--no-cache")
    archive_lines = [line for line in done.stderr.splitlines() if line.startswith("archive:")]
    assert len(archive_lines) == 1 and base in archive_lines[0] and "(2 references)" in archive_lines[0]
