"""The ``citecheck`` command: a thin layer over the library.

Each sub-command lives in a module of its own and only parses options, calls library
functions and formats their results.
"""

from __future__ import annotations

import sys
import traceback

import click

from .. import __version__
from ..errors import CitecheckError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citecheck")
def cli() -> None:
    """Check a paper's citations: references, links, archived copies and quoted figures."""


def _register() -> None:
    from . import baseline, check, export, figures, parse, verify

    for module in (parse, check, figures, verify, export, baseline):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def _verbose(argv: list[str]) -> bool:
    """Whether the command line asks for ``-v``/``--verbose`` (before any ``--``)."""
    for arg in argv:
        if arg == "--":
            return False
        if arg == "--verbose" or (arg.startswith("-") and not arg.startswith("--") and "v" in arg[1:]):
            return True
    return False


def main() -> None:
    """Console entry point: library errors become one line on stderr and exit status 2.

    So does any other exception (a bug): exit status 1 means "findings" to CI, so a crash
    must never look like one. ``-v`` adds the traceback.
    """
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
    except Exception as exc:  # noqa: BLE001 - the last fence: one line and exit 2, never a traceback
        if _verbose(sys.argv[1:]):
            traceback.print_exc()
        detail = " ".join(str(exc).split()) or "no detail"
        click.echo(
            f"citecheck: internal error: {type(exc).__name__}: {detail} (run with -v for the traceback)",
            err=True,
        )
        sys.exit(2)
    sys.exit(status if isinstance(status, int) else 0)
