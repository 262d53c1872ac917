"""Settings: defaults, then [tool.citecheck] or citecheck.toml next to the paper, then flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.config import WAYBACK, VerifyOptions, find_config, load_config, resolve_options
from citecheck.errors import UsageError
from citecheck.model import FindingKind


def _paper(directory: Path) -> Path:
    paper = directory / "paper.txt"
    paper.write_text("text\n", encoding="utf-8")
    return paper


def test_without_any_file_the_defaults_respect_public_archives(tmp_path):
    options = resolve_options(_paper(tmp_path))
    assert options == VerifyOptions()
    assert options.archives == (WAYBACK,)
    assert options.fail_on == {FindingKind.BROKEN, FindingKind.INCONSISTENT}
    assert options.formats == ("html", "md", "json")


def test_tool_citecheck_in_a_pyproject_next_to_the_paper_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.citecheck]\n'
        'archives = ["http://127.0.0.1:8080/pywb/"]\ncdx = "http://127.0.0.1:8080/pywb/cdx"\n'
        'cache-dir = "cache"\nmin-interval = 0.5\nretries = 1\nfail-on = ["broken", "soft-404"]\n'
        'allowed-hosts = ["intranet.example"]\nformats = ["HTML", "markdown"]\n',
        encoding="utf-8",
    )
    options = resolve_options(_paper(tmp_path))
    assert options.archives == ("http://127.0.0.1:8080/pywb/",)
    assert options.cdx == ("http://127.0.0.1:8080/pywb/cdx",)
    assert options.cache_dir == tmp_path / "cache"  # relative to the config file
    assert options.min_interval == 0.5 and options.retries == 1
    assert options.fail_on == {FindingKind.BROKEN, FindingKind.SOFT_404}
    assert options.allowed_hosts == ("intranet.example",)
    assert options.formats == ("html", "md")
    assert options.config_file == tmp_path / "pyproject.toml"


def test_a_citecheck_toml_wins_over_a_pyproject_in_the_same_directory(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.citecheck]\nretries = 5\n", encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text("retries = 2\n", encoding="utf-8")
    assert resolve_options(_paper(tmp_path)).retries == 2


def test_a_pyproject_without_the_table_is_passed_over_for_one_higher_up(tmp_path):
    (tmp_path / "citecheck.toml").write_text("[tool.citecheck]\nworkers = 3\n", encoding="utf-8")
    inner = tmp_path / "papers"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert resolve_options(_paper(inner)).workers == 3
    assert find_config(inner)[0] == tmp_path / "citecheck.toml"


def test_flags_override_the_file_and_unset_flags_do_not(tmp_path):
    (tmp_path / "citecheck.toml").write_text(
        'retries = 2\nfail-on = "broken"\noffline = true\n', encoding="utf-8"
    )
    options = resolve_options(
        _paper(tmp_path), retries=0, fail_on=("inconsistent,parse-warning",), offline=None
    )
    assert options.retries == 0
    assert options.fail_on == {FindingKind.INCONSISTENT, FindingKind.PARSE_WARNING}
    assert options.offline is True


def test_an_explicit_config_file_is_used_and_must_exist(tmp_path):
    config = tmp_path / "ci.toml"
    config.write_text("[tool.citecheck]\nreport-dir = 'out'\n", encoding="utf-8")
    assert resolve_options(None, config).report_dir == tmp_path / "out"
    with pytest.raises(UsageError, match="config file not found"):
        load_config(None, tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "content, message",
    [
        ("retries = 'three'\n", "retries must be a whole number"),
        ("archive-url = 'x'\n", "unknown setting 'archive-url'"),
        ("fail-on = ['brokn']\n", "unknown --fail-on kind 'brokn'"),
        ("formats = ['pdf']\n", "unknown report format 'pdf'"),
        ("offline = 'yes'\n", "offline must be true or false"),
        ("bib-format = 'endnote'\n", "bib-format must be one of bibtex, biblatex, csljson, ris"),
        ("retries = \n", "not valid TOML"),
    ],
)
def test_a_bad_setting_is_one_clear_line_naming_the_file_and_key(tmp_path, content, message):
    (tmp_path / "citecheck.toml").write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as info:
        resolve_options(_paper(tmp_path))
    assert "\n" not in str(info.value)
    assert "citecheck.toml" in str(info.value)


def test_fail_on_none_in_the_file_means_never_fail(tmp_path):
    (tmp_path / "citecheck.toml").write_text("fail-on = []\n", encoding="utf-8")
    assert resolve_options(_paper(tmp_path)).fail_on == frozenset()
