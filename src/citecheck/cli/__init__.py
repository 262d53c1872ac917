"""The ``citecheck`` command: a thin layer over the library.

Each sub-command lives in a module of its own and only parses options, calls library
functions and formats their results. A sub-command's module is imported only when that
command runs (or its own ``--help`` is asked for): ``citecheck --help`` loads no stage.
"""

from __future__ import annotations

import sys
import traceback

import click

from .. import __version__
from ..errors import CitecheckError

#: Sub-command -> (its module, the click command's name there, the first sentence of its help). The
#: sentence is shown by ``citecheck --help`` without importing the module; a test checks it is the
#: command's own.
SUBCOMMANDS: dict[str, tuple[str, str, str]] = {
    "baseline": (
        "citecheck.cli.baseline",
        "baseline",
        "Write a baseline accepting every current finding of REPORT (a JSON report of `verify`).",
    ),
    "check": (
        "citecheck.cli.check",
        "check",
        "Check every URL cited in INPUT (a paper or a .bib) live and in web archives.",
    ),
    "corpus": (
        "citecheck.cli.corpus",
        "corpus",
        "Verify every paper INPUTS name on Dask; write each paper's reports and a corpus summary.",
    ),
    "export": (
        "citecheck.cli.export",
        "export_command",
        "Export the bibliography of a verified paper from its JSON REPORT.",
    ),
    "figures": (
        "citecheck.cli.figures",
        "figures",
        "Compare the figures of CLAIM_TEXT (or @FILE) with SOURCE_FILE (.html, .pdf, .txt).",
    ),
    "parse": (
        "citecheck.cli.parse",
        "parse",
        "Turn PAPER's footnotes into a bibliography (BibTeX by default).",
    ),
    "verify": (
        "citecheck.cli.verify",
        "verify",
        "Verify PAPER (default: the bundled seed): references, links, archived copies, figures.",
    ),
}


class LazyGroup(click.Group):
    """A group whose sub-commands are imported when first used (see :data:`SUBCOMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*SUBCOMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in SUBCOMMANDS:
            import importlib

            module, attribute, _ = SUBCOMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """What click's own listing shows, from the table (no sub-command imported)."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names), default=0)
        rows = [
            (
                name,
                click.Command(name, help=SUBCOMMANDS[name][2]).get_short_help_str(limit)
                if name in SUBCOMMANDS and name not in self.commands
                else self.commands[name].get_short_help_str(limit),
            )
            for name in names
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citecheck")
def cli() -> None:
    """Check a paper's citations: references, links, archived copies and quoted figures."""


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
