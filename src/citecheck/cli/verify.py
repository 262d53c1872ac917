"""``citecheck verify [PAPER]``: paper -> bibliography + reports, with a CI exit status.

Exit status: 0 nothing at or above ``--fail-on``; 1 something is; 2 usage or input
error (missing paper, unwritable report directory, read-only cache, bad config).

    citecheck verify paper.txt --archive http://127.0.0.1:8080/pywb/ --fail-on broken,soft-404
    citecheck verify --from-warc sources.warc.gz --junit junit.xml   # reproducible, no network
"""

from __future__ import annotations

import sys
import threading
import time

import click

from ..errors import CitecheckError
from ..model import Report
from .check import (
    accepted_lines,
    baseline_option,
    checker_options,
    config_option,
    fail_on_option,
    output_options,
    resolve_checker_options,
)


class ProgressBar:
    """A one-line progress bar per stage on stderr, redrawn at most 10 times a second (thread-safe).

    The checker's total grows while it works (live checks first, then archive look-ups), so a
    stage's line is ended when the next stage starts or the bar is closed, not at ``done == total``.
    """

    _LABELS = {"check": "checking links", "sources": "reading sources"}
    #: When a stage's total grows after its line was full, a new phase began (the checker adds
    #: its archive look-ups once the live checks are done): it gets a line and a count of its own.
    _NEXT_PHASE = {"check": "archive look-ups"}

    def __init__(self, stream=None, width: int = 30, interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.interval = interval
        self._lock = threading.Lock()
        self._last = 0.0
        self._stage: str | None = None
        self._label = ""
        self._base = 0  # work done in the stage's earlier phases
        self._seen = (0, 0)  # (done, total) last reported

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total <= 0:
            return
        with self._lock:
            now = time.monotonic()
            if stage == self._stage and total > self._seen[1] and self._seen[0] >= self._seen[1] > self._base:
                self.stream.write("\n")  # the earlier phase is complete: its line stays as it ended
                self._base = self._seen[1]
                self._label = self._NEXT_PHASE.get(stage, self._label)
            new_phase = stage != self._stage
            if new_phase:
                if self._stage is not None:
                    self.stream.write("\n")
                self._label = self._LABELS.get(stage, stage)
                self._base = 0
            ended = done >= total
            self._seen = (done, total)
            if not new_phase and not ended and now - self._last < self.interval:
                return
            self._stage = stage
            self._last = now
            part_done, part_total = done - self._base, total - self._base
            filled = (
                min(self.width, int(self.width * part_done / part_total)) if part_total > 0 else self.width
            )
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r{self._label:<16} [{bar}] {part_done}/{part_total}")
            self.stream.flush()

    def close(self) -> None:
        with self._lock:
            if self._stage is not None:
                self.stream.write("\n")
                self.stream.flush()
                self._stage = None


def summary_table(report: Report) -> str:
    """The few lines printed on stdout after a run (the ``summary`` formatter)."""
    from ..report import render

    return render(report, "summary")


@click.command("verify")
@click.argument("paper", required=False, type=click.Path(dir_okay=False))
@checker_options
@output_options()
@fail_on_option
@baseline_option
@config_option
@click.option("-q", "--quiet", is_flag=True, help="Print only the result line; no progress bar.")
@click.option("-v", "--verbose", is_flag=True, help="Log each request on stderr.")
def verify(
    paper,
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
    verbose,
    **checker,
):
    """Verify PAPER (default: the bundled seed): references, links, archived copies, figures.

    Writes references/<stem>.bib and reports/<stem>.html, .md, .json.
    """
    from ..pipeline import bundled_seed, exit_status, verify_with_references, write_outputs

    try:
        if paper is None:
            paper = str(bundled_seed())
        options = resolve_checker_options(
            paper,
            config_file,
            checker,
            input_format=input_format,
            report_dir=report_dir,
            bib_dir=bib_dir,
            formats=tuple(formats) or None,
            bib_format=bib_format,
            junit=junit,
            fail_on=tuple(fail_on) or None,
            baseline=baseline,
        )
        bar = ProgressBar() if not quiet and sys.stderr.isatty() else None
        log = (lambda line: click.echo(line, err=True)) if verbose else None
        try:
            report, references = verify_with_references(paper, options, progress=bar, log=log)
        finally:
            if bar is not None:
                bar.close()
        written = write_outputs(report, references, options, paper=paper)
    except CitecheckError as exc:
        click.echo(f"citecheck: error: {exc}", err=True)
        _exit(2)

    problems = sorted({c.archive_error for c in report.checks if c.archive_error})
    if problems:
        failed = sum(1 for c in report.checks if c.archive_error)
        click.echo(
            f"citecheck: warning: archive lookup failed for {failed} reference(s): {problems[0]}", err=True
        )
    status = exit_status(report, options.fail_on)
    for line in accepted_lines(report.findings):
        click.echo(line, err=True)
    if not quiet:
        click.echo(summary_table(report))
        for path in written:
            click.echo(f"wrote {path}")
    click.echo(result_line(report, options.fail_on))  # -q too: it is the one line -q keeps
    _exit(status)


def result_line(report: Report, fail_on) -> str:
    """The last line of a run: FAIL, OK, or UNVERIFIED when nothing could be checked, with what
    was not checked (``…; 12 of 12 links could not be checked: no network``)."""
    from ..findings import failing as failing_findings
    from ..report.sections import report_coverage

    kinds = ",".join(sorted(k.value for k in fail_on)) or "none"
    failing = len(failing_findings(report.findings, fail_on))
    coverage = report_coverage(report)
    notice = list(coverage.gaps) if not failing and coverage.nothing_verified else coverage.lines()
    accepted = sum(1 for f in report.findings if f.accepted is not None and f.kind in fail_on)
    if accepted:
        notice = [*notice, f"{accepted} accepted by the baseline"]
    if failing:
        line = f"FAIL: {failing} finding(s) at or above --fail-on ({kinds})"
    elif coverage.nothing_verified:
        line = f"UNVERIFIED: nothing at or above --fail-on ({kinds}), but nothing was verified"
    else:
        line = f"OK: nothing at or above --fail-on ({kinds})"
    return "; ".join([line, *notice])


def _exit(status: int) -> None:
    """Leave with ``status``. SystemExit, not ``ctx.exit``: ``cli.main(standalone_mode=False)``
    (the console entry point) returns a ``ctx.exit`` code instead of exiting with it."""
    sys.exit(status)
