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
