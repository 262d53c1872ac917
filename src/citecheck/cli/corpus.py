"""``citecheck corpus INPUTS…``: many papers as one Dask graph (``pip install 'citecheck[corpus]'``).

INPUTS are papers, directories (searched recursively) or manifest files (one path per line).
Every option of ``verify`` applies to each paper; ``--workers`` is the number of Dask worker
processes of the embedded cluster (``--threads`` the concurrent checks inside one task) and
``--scheduler tcp://host:8786`` uses an existing cluster instead.

    citecheck corpus papers/ --workers 4 --archive http://127.0.0.1:8080/pywb/ --report-dir out/
"""

from __future__ import annotations

import sys

import click

from ..errors import CitecheckError
from ..findings import FAIL_ON_KINDS
from .check import baseline_option, checker_options, output_options, resolve_checker_options


@click.command("corpus")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@checker_options
@click.option(
    "--threads",
    type=click.IntRange(min=1, max=64),
    default=None,
    help="Concurrent checks per task (default 8).",
)
@click.option(
    "--scheduler", default=None, metavar="ADDRESS", help="Use the Dask cluster at ADDRESS (tcp://host:8786)."
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=32,
    show_default=True,
    help="URLs of one domain per live task (at most this many per checker thread).",
)
@output_options(many=True)
@click.option(
    "--fail-on",
    multiple=True,
    metavar="KINDS",
    help=f"Exit 1 when any paper has these finding kinds (default broken,inconsistent): "
    f"{', '.join(k.value for k in FAIL_ON_KINDS)}, all, none.",
)
@baseline_option
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Read settings from FILE."
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the result line; no progress.")
def corpus(
    inputs,
    threads,
    scheduler,
    batch,
    input_format,
    report_dir,
    bib_dir,
    formats,
    bib_format,
    junit,
    fail_on,
    baseline,
    config_file,
    quiet,
    **checker,
):
    """Verify every paper INPUTS name on Dask; write each paper's reports and a corpus summary."""
    from ..corpus import CorpusOptions, run
    from ..corpus.progress import RunProgress

    try:
        # --workers counts Dask worker processes here; --threads is the checker's concurrency
        options = resolve_checker_options(
            None,
            config_file,
            {**checker, "workers": threads},
            input_format=input_format,
            report_dir=report_dir,
            bib_dir=bib_dir,
            formats=tuple(formats) or None,
            bib_format=bib_format,
            junit=junit,
            fail_on=tuple(fail_on) or None,
            baseline=baseline,
        )
        settings = CorpusOptions(
            verify=options, workers=checker.get("workers") or 2, scheduler=scheduler, batch=batch
        )
        board = RunProgress(None if quiet else sys.stderr)
        result = run(inputs, settings, progress=board)
    except CitecheckError as exc:
        click.echo(f"citecheck: error: {exc}", err=True)
        sys.exit(2)

    stats = result.stats
    kinds = ",".join(sorted(k.value for k in options.fail_on)) or "none"
    failing = sum(1 for row in result.summary.papers if row.status)
    if not quiet:
        unreadable = [row for row in result.summary.papers if row.error]
        click.echo(
            f"papers {stats['papers']} ({len(unreadable)} unreadable), "
            f"URLs {stats['cited_urls']} cited, {stats['unique_urls']} unique, "
            f"requests {stats['live_requests']} live + {stats['archive_requests']} archive"
        )
        for row in unreadable:
            click.echo(f"unreadable: {row.paper}: {row.error}")
        click.echo(f"wrote {len(result.written)} files under {options.report_dir} and {options.bib_dir}")
    if result.status:
        click.echo(f"FAIL: {failing} paper(s) with findings at or above --fail-on ({kinds}) or unreadable")
    elif not quiet:
        click.echo(f"OK: no paper has findings at or above --fail-on ({kinds})")
    sys.exit(result.status)


for _param in corpus.params:  # the checker's --workers means worker processes here
    if _param.name == "workers":
        _param.help = "Dask worker processes of the embedded cluster (default 2)."
