"""Start-up: ``citecheck --help`` lists every command without importing any of them."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click

from citecheck.cli import SUBCOMMANDS, cli


def test_the_listed_help_of_each_command_is_the_command_s_own_short_help():
    for name, (module, attribute, short_help) in SUBCOMMANDS.items():
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command) and command.name == name
        assert short_help == command.get_short_help_str(limit=1000), name


def test_every_sub_command_is_found_by_name():
    ctx = click.Context(cli)
    assert all(cli.get_command(ctx, name) is not None for name in SUBCOMMANDS)
    assert cli.get_command(ctx, "no-such-command") is None


def test_citecheck_help_imports_no_sub_command_and_no_stage():
    code = (
        "import sys\n"
        "sys.argv = ['citecheck', '--help']\n"
        "from citecheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', ','.join(sorted(m for m in sys.modules if m.startswith('citecheck.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Verify PAPER" in out
    # every command listed, each with the start of its own first sentence
    listing = out.split("Commands:")[1].split("LOADED")[0]
    rows = dict(line.split(None, 1) for line in listing.strip().splitlines())
    assert set(rows) == set(SUBCOMMANDS)
    assert all(SUBCOMMANDS[name][2].startswith(text.removesuffix("...")) for name, text in rows.items())
    loaded = out.rsplit("LOADED ", 1)[1].strip().split(",")
    assert loaded == ["citecheck.cli", "citecheck.errors"]


SEED = "seeds/china-latin-america-green-cooperation-2022.txt"


def test_a_warm_offline_verify_that_the_cache_answers_imports_no_http_or_warc_library(tmp_path):
    """The HTTP stack (urllib3, requests) and warcio are opened on first use: a run the cache
    answers entirely (here: ``--offline``, a second time) never loads them."""
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / SEED
    argv = [
        "citecheck", "verify", str(seed), "--offline", "-q", "--fail-on", "none",
        "--cache-dir", str(tmp_path / "cache"), "--report-dir", str(tmp_path / "r"), "--bib-dir", str(tmp_path / "b"),
    ]  # fmt: skip
    code = (
        "import sys\n"
        f"sys.argv = {argv!r}\n"
        "from citecheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', ','.join(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    for _ in range(2):  # the first run fills the cache, the second is the warm one
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = set(out.rsplit("LOADED ", 1)[1].strip().split(","))
    assert (tmp_path / "r").is_dir()  # the run did write its report
    assert not loaded & {"urllib3", "requests", "warcio", "certifi"}, sorted(loaded)
