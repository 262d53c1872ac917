"""``citecheck check INPUT``: every cited URL checked live and in web archives.

Only option parsing and printing live here; what the options mean (offline, WARC replay and
recording, cache) is :mod:`citecheck.sources.session`. The network options are shared with
``citecheck verify``::

    from citecheck.cli.check import checker_options
    from citecheck.sources.session import CheckerSession, CheckerSettings

    @click.command()
    @checker_options
    def other(paper, **options):
        with CheckerSession(CheckerSettings.from_options(options)) as session:
            checks = session.check(references)
"""

from __future__ import annotations

import dataclasses
import json
import sys
from enum import Enum

import click

from ..fsutil import atomic_write
from ..model import LinkState, SourceCheck
from ..references.load import load_references
from ..sources.archive import WAYBACK_BASE, WAYBACK_CDX
from ..sources.session import CheckerSession, CheckerSettings

_OPTIONS = [
    click.option(
        "--archive",
        "archives",
        multiple=True,
        metavar="URL",
        help=f"Memento base of a web archive (repeatable; default {WAYBACK_BASE}).",
    ),
    click.option(
        "--cdx",
        "cdx",
        multiple=True,
        metavar="URL",
        help=f"CDX endpoint of an archive (repeatable; default {WAYBACK_CDX}).",
    ),
    click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Cache directory."),
    click.option("--no-cache", is_flag=True, default=False, help="Neither read nor write the cache."),
    click.option(
        "--offline", is_flag=True, default=False, help="No network: use the cache and --from-warc files only."
    ),
    click.option(
        "--allow-private", is_flag=True, default=False, help="Allow private and loopback addresses."
    ),
    click.option(
        "--allow-host",
        "allow_hosts",
        multiple=True,
        metavar="HOST",
        help="Host the address guard lets through (repeatable).",
    ),
    click.option(
        "--ca-bundle",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        metavar="FILE",
        help="PEM file of certificate authorities to trust instead of the default ones "
        "(e.g. a TLS-inspecting proxy's).",
    ),
    click.option(
        "--from-warc",
        "from_warc",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        metavar="FILE",
        help="Replay responses from this WARC instead of the network (repeatable).",
    ),
    click.option(
        "--save-warc",
        type=click.Path(dir_okay=False),
        default=None,
        metavar="FILE",
        help="Record every response fetched into this WARC.",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=None,
        help="Seconds allowed per request (default 20).",
    ),
    click.option(
        "--workers", type=click.IntRange(min=1, max=64), default=None, help="Concurrent checks (default 8)."
    ),
    click.option(
        "--min-interval",
        type=click.FloatRange(min=0),
        default=None,
        metavar="SECONDS",
        help="Pause between two requests to one host (default 1).",
    ),
    click.option(
        "--cdx-per-minute",
        type=click.FloatRange(min=0),
        default=None,
        metavar="N",
        help="Archive index queries per minute and archive (default 24, the Wayback Machine's guidance; "
        "0: no limit, for your own archive).",
    ),
    click.option(
        "--snapshots-per-second",
        type=click.FloatRange(min=0),
        default=None,
        metavar="N",
        help="Archived copies fetched per second and archive (default 8; 0: no limit).",
    ),
]


def _flag(value: bool) -> bool | None:
    """A click flag that was not given must not override the config file."""
    return True if value else None


def resolve_checker_options(paper, config_file, checker: dict, **flags):
    """The run's :class:`~citecheck.config.VerifyOptions`: defaults, then the configuration file
    (found next to ``paper`` or named by ``config_file``), then ``checker`` (the options
    :func:`checker_options` adds, as click parsed them) and ``flags``. ``check`` and ``verify``
    read their settings through this one function, so both apply the same file and bounds."""
    from ..config import resolve_options

    return resolve_options(
        paper,
        config_file,
        archives=tuple(checker.get("archives") or ()) or None,
        cdx=tuple(checker.get("cdx") or ()) or None,
        cache_dir=checker.get("cache_dir"),
        use_cache=False if checker.get("no_cache") else None,
        offline=_flag(checker.get("offline")),
        allow_private=_flag(checker.get("allow_private")),
        allowed_hosts=tuple(checker.get("allow_hosts") or ()) or None,
        from_warc=tuple(checker.get("from_warc") or ()) or None,
        save_warc=checker.get("save_warc"),
        timeout=checker.get("timeout"),
        workers=checker.get("workers"),
        min_interval=checker.get("min_interval"),
        cdx_per_minute=checker.get("cdx_per_minute"),
        snapshots_per_second=checker.get("snapshots_per_second"),
        ca_bundle=checker.get("ca_bundle"),
        **flags,
    )


def fail_on_option(func):
    """``--fail-on KINDS`` (``check`` and ``verify``)."""
    from ..findings import FAIL_ON_KINDS

    return click.option(
        "--fail-on",
        multiple=True,
        metavar="KINDS",
        help=f"Exit 1 on these finding kinds (comma list or repeated; default broken,inconsistent): "
        f"{', '.join(k.value for k in FAIL_ON_KINDS)}, unverified (anything not checked), all, none.",
    )(func)


def baseline_option(func):
    """``--baseline FILE`` (``check`` and ``verify``)."""
    return click.option(
        "--baseline",
        type=click.Path(dir_okay=False),
        default=None,
        metavar="FILE",
        help="Accepted findings (default: citecheck-baseline.toml next to INPUT or the config file); "
        "write one with `citecheck baseline`.",
    )(func)


def accepted_lines(findings) -> list[str]:
    """What a baseline did, for stderr: how many findings it accepted, and each expired or stale
    entry (``citecheck: baseline: …``)."""
    from ..model import FindingKind

    lines = []
    accepted = sum(1 for f in findings if f.accepted is not None)
    if accepted:
        lines.append(f"citecheck: baseline: {accepted} finding(s) accepted")
    for f in findings:
        if f.kind in (FindingKind.BASELINE_EXPIRED, FindingKind.BASELINE_STALE):
            lines.append(f"citecheck: baseline: {f.message}")
    return lines


#: What ``check`` can find (it compares no figures): a baseline entry of another kind is left
#: alone, neither applied nor stale, so one file serves ``check`` and ``verify``.
def _check_judges(live: bool, archive: bool):
    from ..findings import FIGURE_KINDS, LINK_KINDS
    from ..model import FindingKind

    kinds = set(FindingKind) - FIGURE_KINDS
    if not live:
        kinds -= LINK_KINDS
    if not archive:
        kinds -= {FindingKind.ARCHIVE_ERROR, FindingKind.RECOVERED_URL}
    return frozenset(kinds)


def config_option(func):
    """``--config FILE`` (every command that reads the configuration file)."""
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        default=None,
        help="Read settings from FILE (default: citecheck.toml or pyproject.toml next to INPUT or above).",
    )(func)


def output_options(*, many: bool = False):
    """``--input-format``, ``--report-dir``, ``--bib-dir``, ``--format``, ``--bib-format`` and
    ``--junit``: how the papers are read and where their reports and bibliographies go, for
    ``verify`` (one paper) and ``corpus`` (``many``: the same for each paper)."""
    from ..bibliography import FORMATS as BIB_FORMATS
    from ..document import FORMATS as INPUT_FORMATS
    from ..report import FORMATS

    what = "the papers" if many else "PAPER"
    options = [
        click.option(
            "--input-format",
            type=click.Choice(INPUT_FORMATS),
            default=None,
            help=f"How to read {what} (default: detect).",
        ),
        click.option(
            "--report-dir",
            type=click.Path(file_okay=False),
            default=None,
            help="Directory for reports (default reports/).",
        ),
        click.option(
            "--bib-dir",
            type=click.Path(file_okay=False),
            default=None,
            help=f"Directory for the {'.bib files' if many else '.bib'} (default references/).",
        ),
        click.option(
            "--format",
            "formats",
            multiple=True,
            type=click.Choice(sorted(FORMATS) + ["markdown"], case_sensitive=False),
            help=f"Report format{' per paper' if many else ''} (repeatable; default html, md, json).",
        ),
        click.option(
            "--bib-format",
            type=click.Choice(list(BIB_FORMATS), case_sensitive=False),
            default=None,
            help=(
                "Format of each paper's bibliography (default bibtex)."
                if many
                else "Format of the bibliography written to --bib-dir (default bibtex)."
            ),
        ),
        click.option(
            "--junit",
            type=click.Path(dir_okay=False),
            default=None,
            metavar="FILE",
            help=f"Also write JUnit XML{' (every paper)' if many else ''} here.",
        ),
    ]

    def decorate(func):
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def checker_options(func):
    """Add the network/archive/cache options of ``check`` to a click command (``verify`` reuses them)."""
    for option in reversed(_OPTIONS):
        func = option(func)
    return func


# ------------------------------------------------------------------------------------------
# Input, output
# ------------------------------------------------------------------------------------------


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def checks_to_json(checks: list[SourceCheck], *, paper: str | None = None) -> str:
    """The ``--json`` document: ``{"schema": "citecheck-check/1", "input": …, "checks": […]}``."""
    doc = {"schema": "citecheck-check/1", "input": paper, "checks": [_plain(c) for c in checks]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _short(text: str | None, width: int) -> str:
    text = text or ""
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(checks: list[SourceCheck]) -> str:
    """One line per reference: key, live state, archived copy date, URL."""
    rows = [("KEY", "LIVE", "ARCHIVED", "URL")]
    for check in checks:
        state = check.link.state.value if check.link is not None else "-"
        if check.snapshot is not None:
            archived = check.snapshot.day
        elif check.archive_error:
            archived = "error"
        else:
            archived = "none"
        url = check.url or ""
        if check.recovery is not None and check.recovery.status not in ("unchecked",):
            url = f"{url} [{check.recovery.status}]"
        rows.append((_short(check.reference_key, 24), state, archived, _short(url, 100)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}" for r in rows)


def _details(checks: list[SourceCheck]) -> list[str]:
    lines = []
    for check in checks:
        if check.link is not None and check.link.state is not LinkState.OK:
            lines.append(f"{check.reference_key}: {check.link.state.value}: {check.link.reason}")
        if check.recovery is not None:
            r = check.recovery
            extra = f" -> {r.url}" if r.url else (f" ({', '.join(r.candidates)})" if r.candidates else "")
            lines.append(f"{check.reference_key}: URL {r.status}{extra}; {r.evidence}")
        if check.snapshot is not None:
            lines.append(f"{check.reference_key}: archived copy {check.snapshot.url}")
        if check.archive_error:
            lines.append(f"{check.reference_key}: archive: {check.archive_error}")
    return lines


def _progress_printer(enabled: bool):
    if not enabled:
        return None

    def show(done: int, total: int, what: str) -> None:
        click.echo(f"\r  checked {done}/{total} ({what})   ", err=True, nl=False)
        if done >= total:
            click.echo("", err=True)

    return show


@click.command("check")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False))
@checker_options
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="Write the checks as JSON.",
)
@fail_on_option
@baseline_option
@config_option
@click.option("--no-live", is_flag=True, help="Skip live checks (archives only).")
@click.option("--no-archive", is_flag=True, help="Skip archive look-ups and URL recovery.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the table.")
@click.option("-v", "--verbose", is_flag=True, help="Also print the evidence for each reference.")
def check(
    input_path, json_path, fail_on, baseline, config_file, no_live, no_archive, quiet, verbose, **options
):
    """Check every URL cited in INPUT (a paper or a .bib) live and in web archives.

    Exit status: 0 nothing at or above ``--fail-on``, 1 something is, 2 bad input or settings.
    """
    from ..findings import build_findings, failing
    from ..pipeline import run_baseline

    resolved = resolve_checker_options(
        input_path, config_file, options, fail_on=tuple(fail_on) or None, baseline=baseline
    )
    settings = CheckerSettings.from_verify_options(resolved)
    settings.validate()  # contradicting options are one line before any work
    accepted = run_baseline(input_path, resolved)
    references = load_references(input_path, format=resolved.input_format)
    with_url = [r for r in references if r.url is not None]
    if not quiet:
        click.echo(f"{len(references)} references, {len(with_url)} with a URL", err=True)
    progress = _progress_printer(not quiet and sys.stderr.isatty())
    with CheckerSession(settings) as session:
        checks = session.check(references, progress=progress, live=not no_live, archive=not no_archive)
    click.echo(format_table(checks))
    if verbose:
        for line in _details(checks):
            click.echo(line)
    if json_path:
        atomic_write(json_path, checks_to_json(checks, paper=str(input_path)))
    if not quiet:
        counts: dict[str, int] = {}
        for c in checks:
            state = c.link.state.value if c.link is not None else "unchecked"
            counts[state] = counts.get(state, 0) + 1
        summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        archived = sum(1 for c in checks if c.snapshot is not None)
        click.echo(f"{summary}; {archived} with an archived copy", err=True)
        shared: dict[str, int] = {}
        for c in checks:
            if c.archive_error:
                shared[c.archive_error] = shared.get(c.archive_error, 0) + 1
        for error, n in shared.items():
            if n > 1:  # an archive nobody could reach: said once, not once per reference
                click.echo(f"archive: {error} ({n} references)", err=True)
    findings = build_findings(references, checks, [])
    if accepted is not None:
        from ..baseline import unjudged_targets

        findings = accepted.apply(
            findings, judged=_check_judges(not no_live, not no_archive), unjudged=unjudged_targets(checks)
        )
        for line in accepted_lines(findings):
            click.echo(line, err=True)
    failed = failing(findings, resolved.fail_on)
    if failed:
        kinds = ",".join(sorted(k.value for k in resolved.fail_on))
        click.echo(f"FAIL: {len(failed)} finding(s) at or above --fail-on ({kinds})", err=True)
        sys.exit(1)
