"""`citecheck figures CLAIM_TEXT SOURCE_FILE`, run as a real process."""

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "figures"


def run(*args):
    code = "import sys; from citecheck.cli import main; sys.argv = ['citecheck', *sys.argv[1:]]; main()"
    return subprocess.run(
        [sys.executable, "-c", code, "figures", *args], capture_output=True, text=True, timeout=60
    )


def test_an_inconsistent_figure_is_printed_with_its_evidence_and_exits_1():
    claim = "In May 2020 a contract for a 110-megawatt plant in Panama was signed. The contract value was US$10.8 billion."
    result = run(claim, str(DATA / "panama-epc-gb2312.html"))
    assert result.returncode == 1
    assert "INCONSISTENT (scale, ×100, 亿 read as billion): US$10.8 billion" in result.stdout
    assert "source: 合同金额约为[[1.08亿美元]]。" in result.stdout
    assert "CONSISTENT: 110-megawatt" in result.stdout


def test_consistent_figures_exit_0_and_json_is_machine_readable(tmp_path):
    claim_file = tmp_path / "claim.txt"
    claim_file.write_text(
        "The market covers more than 4.5 billion tons from 2,162 key emission units.", encoding="utf-8"
    )
    result = run(f"@{claim_file}", str(DATA / "carbon-market-en.pdf"), "--json")
    assert result.returncode == 0, result.stderr
    checks = json.loads(result.stdout)
    assert [c["verdict"] for c in checks] == ["consistent", "consistent"]
    assert checks[0]["claim_quantity"]["value"] == "4500000000"


def test_a_claim_without_figures_says_so_and_exits_0():
    result = run("The agreement was signed in Shanghai.", str(DATA / "china-lac-trade-2021.txt"))
    assert result.returncode == 0
    assert "UNVERIFIABLE: -" in result.stdout and "no figures in claim" in result.stdout


def test_a_missing_source_file_is_a_one_line_error_with_exit_2(tmp_path):
    result = run("It cost US$5 million.", str(tmp_path / "nope.html"))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("citecheck: error: cannot read")
    assert len(result.stderr.strip().splitlines()) == 1
