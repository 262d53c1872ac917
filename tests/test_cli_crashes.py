"""Superscript and circled digits read as labels and dates; any escaping exception is exit 2."""

from __future__ import annotations

import sys

import click
import pytest
from click.testing import CliRunner

import citecheck.cli as cli_module
from citecheck.cli import cli, main
from citecheck.references.load import load_references

NOTE = "Ministry of Commerce, «Trade report 2021», 2022, https://www.example.org/trade-2021.html"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("paper.md", f"Trade grew by 12%.[^²]\n\n[^²]: {NOTE}\n"),
        ("paper.md", f"Trade grew by 12%.[^①]\n\n[^①]: {NOTE}\n"),
        (
            "paper.tex",
            "\\documentclass{article}\\begin{document}Trade grew by 12\\%.\\footnote[²]{Ministry of "
            "Commerce, Trade report 2021, 2022, \\url{https://www.example.org/trade-2021.html}}\\end{document}\n",
        ),
    ],
)
def test_a_superscript_or_circled_footnote_label_is_a_label_like_any_other(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    refs = load_references(path)
    assert [r.url.raw for r in refs] == ["https://www.example.org/trade-2021.html"]
    assert refs[0].note_id is not None


def test_a_superscript_month_in_a_bib_file_is_read_as_that_month(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(
        "@misc{trade2021,\n  title = {Trade report}, year = {2021}, month = {²}, day = {①},\n"
        "  url = {https://www.example.org/t}\n}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    assert load_references(path)[0].date == "2021-02-01"


@pytest.fixture()
def crashing_command(monkeypatch):
    """A command with a bug in it: the last fence in main() must still answer with one line."""

    @click.command("crash")
    @click.option("-v", "--verbose", is_flag=True)
    def crash(verbose):
        raise ValueError("invalid literal for int() with base 10: '²'")

    monkeypatch.setitem(cli.commands, "crash", crash)


@pytest.mark.parametrize("verbose", [False, True])
def test_an_exception_escaping_a_command_is_exit_2_with_one_line_and_a_traceback_only_with_v(
    crashing_command, monkeypatch, capsys, verbose
):
    monkeypatch.setattr(sys, "argv", ["citecheck", "crash", *(["-v"] if verbose else [])])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        "citecheck: internal error: ValueError: invalid literal for int() with base 10: '²' "
        "(run with -v for the traceback)"
    )
    assert ("Traceback (most recent call last)" in err) is verbose
    assert len(err.splitlines()) == 1 or verbose


def test_clustered_short_flags_count_as_verbose():
    assert cli_module._verbose(["verify", "-qv"]) and not cli_module._verbose(["verify", "--", "-v"])
