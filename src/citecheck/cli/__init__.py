"""The ``citecheck`` command: a thin layer over the library.

Each sub-command lives in a module of its own and only parses options, calls library
functions and formats their results.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import CitecheckError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citecheck")
def cli() -> None:
    """Check a paper's citations: references, links, archived copies and quoted figures."""


def _register() -> None:
    from . import check, corpus, export, figures, parse, verify

    for module in (parse, check, figures, verify, export, corpus):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Console entry point: library errors become one line on stderr and exit status 2."""
    try:
        status = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code in (1, 2) else exc.exit_code)
    except CitecheckError as exc:
        click.echo(f"citecheck: error: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(status if isinstance(status, int) else 0)
