"""What the workers run: pure functions of their arguments (no cache, no disk writes, no globals).

* :func:`parse_stage` reads and parses one paper (CPU);
* :func:`live_batch` checks one batch of one shard's URLs live (network, one domain's URLs at a
  time in one task: see :mod:`.sharding`);
* :func:`finish_paper` reads the sources' texts from the bodies the network stages fetched,
  compares the figures, builds and renders the paper's report (CPU; no network: a body the
  network stages did not fetch is named in ``missing``).

Archive work runs in the actor of :mod:`.budgets`.
"""

from __future__ import annotations

import dataclasses
import importlib
import time
from dataclasses import dataclass, field

from ..config import VerifyOptions
from ..errors import CitecheckError
from ..model import LinkResult, LinkState, Report, SourceCheck
from ..pipeline import ParsedPaper, build_report, checker_settings, parse_paper, render_outputs, source_texts
from ..sources.bodies import SourceBodies
from .ownership import MemoryCache, Write

Bodies = dict[tuple[str, str], tuple[bytes, str | None]]  # (origin, url) -> (body, content type)


def open_fetcher(options: VerifyOptions):
    """A fetcher the options describe: WARC replay for ``--from-warc``/``--offline``, else the network."""
    from ..sources.fetcher import Fetcher
    from ..sources.warc import ReplayFetcher

    settings = checker_settings(options)
    if settings.replay:
        return ReplayFetcher([str(p) for p in settings.from_warc])
    return Fetcher(settings.fetch_config())


def memory_cache(options: VerifyOptions, seeds: dict) -> MemoryCache:
    kwargs = {}
    if options.live_ttl is not None:
        kwargs["live_ttl"] = options.live_ttl
    if options.lookup_ttl is not None:
        kwargs["lookup_ttl"] = options.lookup_ttl
    return MemoryCache(seeds, **kwargs)


# ------------------------------------------------------------------- start-up

#: The packages the CPU stages import on first use (readers, parsers, figure rules, HTML text,
#: report and bibliography formatters): about 0.7 s of one core per worker process. A worker
#: imports them once at start-up (:func:`warm_up`, every worker at once), so the stages' time is
#: the papers' own work and is not paid once more by each worker the run adds.
CPU_STAGE_MODULES = (
    "citecheck.document.reader",
    "citecheck.references.extract",
    "citecheck.references.claims",
    "citecheck.references.load",
    "citecheck.sources.checker",
    "citecheck.sources.fetcher",
    "citecheck.sources.text",
    "bs4",  # the HTML reader of the text stage
    "charset_normalizer",  # ... and what guesses a body's charset when nothing states it
    "citecheck.figures.compare",
    "citecheck.findings",
    "citecheck.report",
    "citecheck.report.html",
    "citecheck.report.json_report",
    "citecheck.report.markdown",
    "citecheck.bibliography",
    "citecheck.bibliography.bibtex",
    "citecheck.bibliography.csljson",
    "citecheck.bibliography.ris",
    "citecheck.bibliography.verified",
)


def warm_up() -> float:
    """Import :data:`CPU_STAGE_MODULES` in this worker; the seconds it took."""
    started = time.perf_counter()
    for name in CPU_STAGE_MODULES:
        importlib.import_module(name)
    return time.perf_counter() - started


# ------------------------------------------------------------------- parse (CPU)


@dataclass(frozen=True)
class ParseOutcome:
    """A parsed paper, or the one line saying why it could not be read."""

    index: int
    parsed: ParsedPaper | None
    error: str | None = None
    seconds: float = 0.0


def parse_stage(index: int, path: str, options: VerifyOptions) -> ParseOutcome:
    started = time.perf_counter()
    try:
        parsed = parse_paper(path, options)
    except CitecheckError as exc:  # one unreadable paper is a row in the summary, not an abort
        return ParseOutcome(index, None, str(exc), time.perf_counter() - started)
    return ParseOutcome(index, parsed, None, time.perf_counter() - started)


@dataclass(frozen=True)
class CitedWork:
    """What the client needs of a parsed paper to plan the network stages (small to send)."""

    index: int
    references: tuple
    cited_notes: frozenset
    error: str | None


def cited_work(outcome: ParseOutcome) -> CitedWork:
    if outcome.parsed is None:
        return CitedWork(outcome.index, (), frozenset(), outcome.error)
    return CitedWork(outcome.index, outcome.parsed.references, outcome.parsed.cited_notes, None)


# ------------------------------------------------------------------- live (network)


@dataclass(frozen=True)
class Handover:
    """What a live batch hands the next batch of its shard (a dependency: Dask runs that one once
    this one is done).

    ``probes``: every soft-404 probe the shard made so far (so it probes each directory once, as
    ``verify`` does); ``holdover``: per host, the seconds the finished batch's limiter still asked
    to wait (its last actual start plus the minimum interval, or a ``Retry-After``). Time spent
    handing over only adds to that wait, so the shard's spacing holds without a shared clock, on
    any machine. ``pause``: wait one minimum interval for every host (a shard taking over hosts
    another round asked last, whose limiters it has not seen).
    """

    probes: dict = field(default_factory=dict)
    holdover: dict[str, float] = field(default_factory=dict)
    pause: bool = False


@dataclass
class LiveBatch:
    """One batch's live results, the bodies it kept, and the cache writes it made."""

    links: dict[str, LinkResult]
    bodies: Bodies
    writes: list[Write]
    requests: int
    seconds: float
    holdover: dict[str, float] = field(default_factory=dict)


def live_batch(
    urls: list[str],
    keep: set[str],
    seeds: dict,
    options: VerifyOptions,
    after: Handover | None = None,
) -> LiveBatch:
    """Check ``urls`` live with a fresh fetcher (its per-host limits hold inside this task).

    ``after`` is what the batch this one follows in its shard handed on: its probes join the
    seeds, and the fetcher's limiter takes over the hosts' remaining waits.
    """
    from ..sources.live import check_links

    started = time.perf_counter()
    fetcher = open_fetcher(options)
    limiter = getattr(fetcher, "limiter", None)  # a WARC replay has none
    try:
        if after is not None:
            seeds = {**seeds, **after.probes}
            if after.pause:
                time.sleep(float(getattr(getattr(fetcher, "config", None), "min_interval", 0.0) or 0.0))
            elif limiter is not None:
                limiter.resume(after.holdover)
        cache = memory_cache(options, seeds)
        bodies = SourceBodies()
        links = check_links(urls, fetcher, cache, workers=max(1, options.workers), keep=keep, bodies=bodies)
        kept: Bodies = {}
        for url, link in links.items():
            if url in keep and link.state in (LinkState.OK, LinkState.REDIRECTED):
                for where in dict.fromkeys((link.final_url or url, url)):
                    got = bodies.get("live", where)
                    if got is not None:
                        kept[("live", where)] = got
        requests = int(getattr(fetcher, "request_count", 0) or 0)
        holdover = limiter.holdover() if limiter is not None else {}
    finally:
        fetcher.close()
    return LiveBatch(links, kept, cache.writes, requests, time.perf_counter() - started, holdover)


def carry(result: LiveBatch, before: Handover | None = None) -> Handover:
    """The :class:`Handover` after ``result``: the shard's probes so far, the batch's holdover."""
    from ..sources.live import PROBE

    probes = dict(before.probes) if before is not None else {}
    probes.update({(w.namespace, w.key): w.value for w in result.writes if w.namespace == PROBE})
    return Handover(probes, dict(result.holdover))


# ------------------------------------------------------------------- figures and report (CPU)


class NoNetwork:
    """A fetcher that never sends anything: asked for a URL, it answers "offline" and remembers it."""

    def __init__(self) -> None:
        from ..sources.fetcher import FetchConfig

        self.config = FetchConfig()
        self.request_count = 0
        self.asked: list[str] = []

    def fetch(self, url: str, **kwargs):
        from ..sources.fetcher import FetchResponse

        self.asked.append(url)
        return FetchResponse(
            url=url,
            final_url=url,
            status=None,
            reason="",
            headers={},
            body=b"",
            redirects=(),
            elapsed=0.0,
            attempts=0,
            truncated=False,
            error="not fetched by the corpus network stages",
            error_kind="offline",
        )

    def close(self) -> None:
        pass


@dataclass
class PaperOutcome:
    """One paper's report and the text of each file to write (keys of ``output_paths``)."""

    index: int
    report: Report
    rendered: dict[str, str]
    missing: list[str] = field(default_factory=list)
    seconds: float = 0.0


def finish_paper(
    index: int,
    outcome: ParseOutcome,
    checks: list[SourceCheck],
    bodies: Bodies,
    failed: set[tuple[str, str]],
    options: VerifyOptions,
    baseline=None,
) -> PaperOutcome:
    """The paper's report as ``verify`` builds it (findings ``baseline`` accepts marked as such)."""
    started = time.perf_counter()
    parsed = outcome.parsed
    assert parsed is not None
    store = SourceBodies()
    for (origin, url), got in bodies.items():
        store.put(origin, url, *got)  # (body, content type[, content language])
    for origin, url in failed:
        store.fail(origin, url)
    fetcher = NoNetwork()
    # every body is in memory: read the texts in this task's thread (a pool per paper only adds
    # threads that wait for the interpreter lock beside the worker's other tasks)
    serial = dataclasses.replace(options, workers=1)
    sources = source_texts(parsed.wanted_checks(checks), fetcher, None, serial, None, store)
    report = build_report(parsed, checks, sources, options, request_count=None, baseline=baseline)
    rendered = render_outputs(report, parsed.references, options)
    return PaperOutcome(index, report, rendered, fetcher.asked, time.perf_counter() - started)


__all__ = [
    "CPU_STAGE_MODULES",
    "CitedWork",
    "Handover",
    "LiveBatch",
    "NoNetwork",
    "PaperOutcome",
    "ParseOutcome",
    "carry",
    "cited_work",
    "finish_paper",
    "live_batch",
    "open_fetcher",
    "parse_stage",
    "warm_up",
]
