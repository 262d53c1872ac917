"""``citecheck baseline REPORT.json``: accept the current findings in a baseline file.

    citecheck verify paper.md --format json          # writes reports/paper.json
    citecheck baseline reports/paper.json -o citecheck-baseline.toml
    $EDITOR citecheck-baseline.toml                   # say why each finding is accepted

Every finding of a kind ``--fail-on`` fails on (default: the kinds the run failed on) becomes an
entry with a placeholder reason, which ``verify`` and ``check`` refuse until it is edited.
"""

from __future__ import annotations

import click

from ..baseline import BASELINE_NAME, write_baseline
from ..findings import parse_fail_on
from ..report.load import load_report
from .check import fail_on_option


@click.command("baseline")
@click.argument("report_path", metavar="REPORT", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=BASELINE_NAME,
    show_default=True,
    help="The baseline file to write.",
)
@fail_on_option
@click.option("--force", is_flag=True, help="Replace an existing baseline file.")
@click.option(
    "--update",
    is_flag=True,
    help="Keep the entries (and reasons) of an existing file and add the new findings.",
)
def baseline(report_path, output, fail_on, force, update):
    """Write a baseline accepting every current finding of REPORT (a JSON report of `verify`).

    Exit status: 0 written; 2 unreadable report, or the file exists without --force/--update.
    """
    report = load_report(report_path)
    kinds = parse_fail_on(fail_on) if fail_on else None
    path, total, added = write_baseline(
        report, output, kinds, force=force, update=update, report_path=report_path
    )
    click.echo(f"wrote {path}: {total} entries ({added} new); edit the reason of each new one")
