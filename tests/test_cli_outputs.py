"""`citecheck verify` outputs never replace an input, and two papers never share report names."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from citecheck.cli import cli

MANUSCRIPT = (
    "Trade grew by 12% in 2021.[^1]\n\n"
    "[^1]: Ministry of Commerce, «Trade report 2021», 2022, https://www.example.org/trade-2021.html\n"
)
BIB = "@misc{trade2021,\n  title = {Trade report 2021},\n  year = {2021},\n  url = {https://www.example.org/t}\n}\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # default output directories land in the test's own directory


def _verify(tmp_path, *args):
    base = ["verify", "--offline", "--cache-dir", str(tmp_path / "cache")]
    return CliRunner().invoke(cli, [*base, *args])


def test_a_report_dir_holding_the_manuscript_is_refused_and_the_manuscript_kept(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(MANUSCRIPT, encoding="utf-8")
    result = _verify(tmp_path, str(paper), "--report-dir", str(tmp_path), "--bib-dir", str(tmp_path / "b"))
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.output
    assert paper.read_text(encoding="utf-8") == MANUSCRIPT
    assert not (tmp_path / "b").exists()  # nothing written at all


def test_a_bib_dir_holding_the_input_bibliography_is_refused_and_the_bibliography_kept(tmp_path):
    refs = tmp_path / "refs.bib"
    refs.write_text(BIB, encoding="utf-8")
    result = _verify(tmp_path, str(refs), "--bib-dir", str(tmp_path), "--report-dir", str(tmp_path / "r"))
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.output
    assert refs.read_text(encoding="utf-8") == BIB


def test_paper_md_and_paper_tex_side_by_side_write_reports_of_their_own(tmp_path):
    (tmp_path / "paper.md").write_text(MANUSCRIPT, encoding="utf-8")
    (tmp_path / "paper.tex").write_text(
        "\\documentclass{article}\\begin{document}Trade grew.\\footnote{Ministry of Commerce, "
        "Trade report 2021, 2022, \\url{https://www.example.org/trade-2021.html}}\\end{document}\n",
        encoding="utf-8",
    )
    reports, bibs = tmp_path / "reports", tmp_path / "references"
    for name in ("paper.md", "paper.tex"):
        result = _verify(tmp_path, str(tmp_path / name), "--report-dir", str(reports), "--bib-dir", str(bibs))
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in reports.iterdir())
    assert names == sorted(f"paper-{s}.{f}" for s in ("md", "tex") for f in ("html", "md", "json"))
    assert sorted(p.name for p in bibs.iterdir()) == ["paper-md.bib", "paper-tex.bib"]


def test_a_paper_alone_keeps_its_plain_report_names(tmp_path):
    (tmp_path / "paper.md").write_text(MANUSCRIPT, encoding="utf-8")
    result = _verify(
        tmp_path, str(tmp_path / "paper.md"), "--report-dir", str(tmp_path / "r"), "--format", "md"
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "r").iterdir()] == ["paper.md"]


def test_junit_written_over_the_paper_is_refused(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(MANUSCRIPT, encoding="utf-8")
    result = _verify(tmp_path, str(paper), "--report-dir", str(tmp_path / "r"), "--junit", str(paper))
    assert result.exit_code == 2 and "refusing to overwrite the input" in result.output
    assert paper.read_text(encoding="utf-8") == MANUSCRIPT
