"""``citecheck parse PAPER``: a paper's footnotes as BibTeX, BibLaTeX, CSL-JSON or RIS.

::

    citecheck parse seeds/china-latin-america-green-cooperation-2022.txt -o references/seed.bib
    citecheck parse paper.md --format csljson > refs.json

Results go to stdout (or ``-o FILE``, written atomically); a one-line summary and the
references that could not be fully parsed go to stderr. Input that yields nothing is an
:class:`~citecheck.errors.InputError` (exit status 2).
"""

from __future__ import annotations

import click

from ..bibliography import FORMATS, export
from ..fsutil import atomic_write
from ..references.load import load_references
from .check import config_option

INPUT_FORMATS = ("auto", "text", "markdown", "latex", "bibtex", "lines")


def parse_paper(path: str, input_format: str = "auto") -> list:
    """Load ``path`` and return its references with keys (see :func:`load_references`)."""
    return load_references(path, format=input_format)


def bibliography_options(func):
    """``-o/--output`` and ``--format`` of a command that writes a bibliography (parse, export)."""
    func = click.option(
        "--format",
        "fmt",
        type=click.Choice(sorted(FORMATS)),
        default="bibtex",
        show_default=True,
        help="Output format.",
    )(func)
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write here instead of stdout."
    )(func)


@click.command("parse")
@click.argument("paper", type=click.Path(dir_okay=False))
@bibliography_options
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="How to read PAPER (lines = one reference per line; default: the config's, else detect).",
)
@config_option
@click.option("-q", "--quiet", is_flag=True, default=False, help="No summary on stderr.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    default=False,
    help="Also list, per reference, the parser rules that read it.",
)
def parse(
    paper: str,
    output: str | None,
    fmt: str,
    input_format: str | None,
    config_file: str | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Turn PAPER's footnotes into a bibliography (BibTeX by default)."""
    from ..config import resolve_options

    # the configuration file is read (and checked) as for verify: a bad file is exit 2 here too
    options = resolve_options(paper, config_file, input_format=input_format)
    refs = parse_paper(paper, options.input_format)
    if verbose:
        for r in refs:
            click.echo(f"{r.key}: {' '.join(r.provenance) or '(read from a bibliography)'}", err=True)
    text = export(refs, fmt)
    if output:
        from pathlib import Path

        from ..pipeline import refuse_overwriting_inputs

        refuse_overwriting_inputs([Path(output)], [Path(paper)])
        atomic_write(output, text)
    else:
        click.echo(text, nl=False)
    if quiet:
        return
    incomplete = sum(1 for r in refs if r.url is not None and not r.url.complete)
    partial = [r for r in refs if r.warnings]
    where = f" to {output}" if output else ""
    click.echo(
        f"citecheck: {len(refs)} references{where} ({fmt}); {incomplete} URLs incomplete; "
        f"{len(partial)} with something missing",
        err=True,
    )
    for r in partial[:20]:
        line = f"line {r.span.start_line}: " if r.span else ""
        click.echo(f"  {r.key}: {line}{'; '.join(r.warnings)}", err=True)
    if len(partial) > 20:
        click.echo(f"  ... and {len(partial) - 20} more", err=True)
