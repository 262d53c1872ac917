"""`citecheck parse`: real files in, bibliography out; bad input is one line and exit 2."""

import json
import subprocess
import sys

import bibtexparser
import pytest
from click.testing import CliRunner

from citecheck.cli import cli


def _run(*args):
    """Run the real console entry point in a subprocess (exit codes come from main())."""
    code = "from citecheck.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_parse_writes_the_seed_bib_atomically_and_it_reads_back(seed_path, tmp_path):
    out = tmp_path / "refs" / "seed.bib"
    result = CliRunner().invoke(cli, ["parse", str(seed_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    library = bibtexparser.parse_string(out.read_text(encoding="utf-8"))
    assert len(library.entries) == 46
    assert library.failed_blocks == []
    assert not list(out.parent.glob(".*.tmp"))
    assert "46 references" in result.stderr


def test_parse_prints_to_stdout_by_default_in_the_chosen_format(seed_path):
    result = CliRunner().invoke(cli, ["parse", str(seed_path), "--format", "csljson", "-q"])
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert len(items) == 46
    assert any(i.get("URL") == "http://www.gov.cn/xinwen/2021-12/08/content_5659408.html" for i in items)


def test_parse_reads_one_reference_per_line(tmp_path):
    paper = tmp_path / "refs.txt"
    paper.write_text(
        "Golomb, S., & Baumert, L. (1965). Backtrack programming. J. ACM, 12, 516-524.\n"
        'ÿ Fu Cong: «China-EU Green Cooperation», Published in "Journal of the Pacific", 2021 Issue 11, Page 80\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["parse", str(paper), "--input-format", "lines", "--format", "ris"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("ER  - ") == 2
    assert "TI  - Backtrack programming" in result.stdout
    assert "T2  - Journal of the Pacific" in result.stdout


def test_parse_reads_a_latin1_file(tmp_path):
    paper = tmp_path / "latin1.txt"
    paper.write_bytes("Müller, K. (2001). Über Zitate. Zeitschrift für Bücher, 3, 1-9.\n".encode("latin-1"))
    result = _run("parse", str(paper), "--input-format", "lines", "--format", "csljson", "-q")
    assert result.returncode == 0, result.stderr
    item = json.loads(result.stdout)[0]
    assert item["author"] == [{"family": "Müller", "given": "K."}]
    assert item["title"] == "Über Zitate"


def test_parse_reads_gb18030_text(tmp_path):
    paper = tmp_path / "gb.txt"
    paper.write_bytes("舒仁輝 ， 《東都事略與宋史比較研究》 。 北京 ： 商務 ， 2007年 。\n".encode("gb18030"))
    result = _run("parse", str(paper), "--input-format", "lines", "--format", "csljson", "-q")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["title"] == "東都事略與宋史比較研究"


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "is empty"),
        (b"\x00\x01\x02PK\x03\x04" * 200, "is not a text file"),
        (b"Plain prose without a single footnote.\nAnother sentence.\n", "no footnotes or references found"),
    ],
    ids=["empty", "binary", "no-footnotes"],
)
def test_bad_input_is_one_clear_line_and_exit_status_2(tmp_path, content, message):
    paper = tmp_path / "paper.txt"
    paper.write_bytes(content)
    result = _run("parse", str(paper))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_a_missing_file_is_exit_status_2(tmp_path):
    result = _run("parse", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_a_file_over_the_size_limit_is_refused_without_reading_it_whole(tmp_path):
    paper = tmp_path / "huge.txt"
    with paper.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: costs no disk
    result = _run("parse", str(paper))
    assert result.returncode == 2
    assert "MB" in result.stderr and "Traceback" not in result.stderr


def test_an_unwritable_output_is_exit_status_2(seed_path, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _run("parse", str(seed_path), "-o", str(blocker / "out.bib"))
    assert result.returncode == 2
    assert "cannot write" in result.stderr


def test_the_summary_names_references_that_could_not_be_fully_parsed(seed_path, tmp_path):
    result = CliRunner().invoke(cli, ["parse", str(seed_path), "-o", str(tmp_path / "x.bib")])
    assert "10 URLs incomplete" in result.stderr
    assert "xinhuanet2014xi: line 39: URL incomplete" in result.stderr


def test_a_bib_file_written_by_parse_can_be_parsed_again_with_the_same_keys(seed_path, tmp_path):
    bib = tmp_path / "seed.bib"
    first = CliRunner().invoke(cli, ["parse", str(seed_path), "--format", "biblatex", "-o", str(bib)])
    assert first.exit_code == 0
    again = CliRunner().invoke(cli, ["parse", str(bib), "--format", "csljson", "-q"])
    assert again.exit_code == 0, again.output
    keys = [e.key for e in bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries]
    assert [i["id"] for i in json.loads(again.stdout)] == keys


def test_parse_v_lists_the_rules_that_read_each_reference(tmp_path):
    paper = tmp_path / "refs.txt"
    paper.write_text(
        "张宇燕，冯维江．新时代中国的国际战略［J］．世界经济与政治，2019（5）：4-28．\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["parse", str(paper), "--input-format", "lines", "-v"])
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.stderr.splitlines() if "layout:" in ln)
    assert "layout:gbt7714" in line and "gbt:journal-numbers" in line
