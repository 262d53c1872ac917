"""`check` fails CI on a broken link; `parse` and `check` read and check the config like `verify`."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from citecheck.cli import cli, main
from citecheck.config import resolve_options
from citecheck.errors import UsageError

LOCAL = "min-interval = 0\ncdx-per-minute = 0\nsnapshots-per-second = 0\nretries = 0\n"


@pytest.fixture()
def bib(tmp_path, origin_server):
    path = tmp_path / "refs.bib"
    path.write_text(
        "@misc{old2019,\n  title = {Old page}, year = {2019},\n"
        f"  url = {{{origin_server.base}/status/404}}\n}}\n",
        encoding="utf-8",
    )
    (tmp_path / "citecheck.toml").write_text(LOCAL, encoding="utf-8")
    return path


def _check(bib, *args):
    return CliRunner().invoke(
        cli, ["check", str(bib), "--allow-private", "--no-archive", "--no-cache", *args]
    )


def test_check_exits_1_on_a_broken_link_by_default(bib):
    result = _check(bib)
    assert result.exit_code == 1, result.output
    assert "FAIL: 1 finding(s) at or above --fail-on (broken,inconsistent)" in result.stderr


def test_check_fail_on_none_exits_0_on_a_broken_link(bib):
    assert _check(bib, "--fail-on", "none").exit_code == 0


def test_check_takes_fail_on_from_the_config_file(bib, tmp_path):
    (tmp_path / "citecheck.toml").write_text(LOCAL + 'fail-on = "none"\n', encoding="utf-8")
    assert _check(bib).exit_code == 0


def _main(monkeypatch, capsys, *args) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["citecheck", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return exited.value.code, capsys.readouterr().err


@pytest.mark.parametrize("command", ["parse", "check"])
def test_an_invalid_config_is_exit_2_for_parse_and_check(tmp_path, monkeypatch, capsys, command):
    paper = tmp_path / "refs.bib"
    paper.write_text("@misc{a,\n  title = {T}, year = {2021}, url = {https://www.example.org/a}\n}\n")
    (tmp_path / "citecheck.toml").write_text("workers = 0\n", encoding="utf-8")
    extra = ["--offline", "--no-cache"] if command == "check" else []
    code, err = _main(monkeypatch, capsys, command, str(paper), *extra)
    assert code == 2
    assert err.strip().endswith("workers must be a whole number from 1 to 64, not 0")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("workers = 0", "workers must be a whole number from 1 to 64, not 0"),
        ("workers = 65", "workers must be a whole number from 1 to 64, not 65"),
        ("timeout = 0.05", "timeout must be a number >= 0.1, not 0.05"),
    ],
)
def test_the_config_applies_the_bounds_of_the_flags(tmp_path, setting, message):
    path = tmp_path / "citecheck.toml"
    path.write_text(setting + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        resolve_options(tmp_path / "paper.txt")


def test_parse_refuses_to_write_over_its_input(tmp_path, monkeypatch, capsys):
    paper = tmp_path / "refs.bib"
    text = "@misc{a,\n  title = {T}, year = {2021}, url = {https://www.example.org/a}\n}\n"
    paper.write_text(text, encoding="utf-8")
    code, err = _main(monkeypatch, capsys, "parse", str(paper), "-o", str(paper))
    assert code == 2 and "refusing to overwrite the input" in err
    assert paper.read_text(encoding="utf-8") == text


def test_the_progress_bar_gives_archive_look_ups_a_line_and_count_of_their_own():
    import io

    from citecheck.cli.verify import ProgressBar

    stream = io.StringIO()
    bar = ProgressBar(stream, width=10, interval=0)
    for done in range(1, 16):
        bar("check", done, 15)  # live checks: 15 links
    for done in range(16, 32):
        bar("check", done, 31)  # then the checker adds 16 archive look-ups
    bar.close()
    lines = [line.split("\r")[-1] for line in stream.getvalue().split("\n") if line]
    assert lines == ["checking links   [##########] 15/15", "archive look-ups [##########] 16/16"]
    assert "/31" not in stream.getvalue()
