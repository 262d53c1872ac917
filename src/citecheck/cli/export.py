"""``citecheck export REPORT.json``: the bibliography of a verified paper.

::

    citecheck verify paper.txt                     # writes reports/paper.json
    citecheck export reports/paper.json --format biblatex -o references/paper.bib

Unlike ``parse``, which exports what the paper prints, ``export`` reads a report of
``verify`` and exports what the verification established: archive-confirmed or recovered
addresses instead of damaged ones (the printed form kept in a note) and, for each reference,
the archived copy nearest its access date (``--no-archived`` leaves those out).
"""

from __future__ import annotations

import click

from ..bibliography import export
from ..bibliography.verified import archived_copies, verified_references
from ..fsutil import atomic_write
from ..report.load import load_report
from .parse import bibliography_options


def export_report(path: str, fmt: str = "bibtex", *, archived: bool = True) -> str:
    """The bibliography of the report at ``path`` in ``fmt``, with what verification established."""
    report = load_report(path)
    refs = verified_references(report.references, report.checks)
    return export(refs, fmt, archived=archived_copies(report.checks) if archived else None)


@click.command("export")
@click.argument("report", type=click.Path(dir_okay=False))
@bibliography_options
@click.option("--no-archived", is_flag=True, default=False, help="Leave out the archived copies.")
def export_command(report: str, output: str | None, fmt: str, no_archived: bool) -> None:
    """Export the bibliography of a verified paper from its JSON REPORT."""
    text = export_report(report, fmt, archived=not no_archived)
    if output:
        atomic_write(output, text)
        click.echo(f"citecheck: wrote {output} ({fmt})", err=True)
    else:
        click.echo(text, nl=False)
