"""The corpus run on Dask: the client (coordinator) plans, submits, owns the cache and writes.

Stages, data flowing one way::

    papers ──parse (CPU, one task each)──▶ references and claims (kept on the workers)
           ──collect──▶ unique URLs across papers, minus what the cache already answers
           ──live (network, sharded by registered domain, chained batches)──┐
           ──archive (one actor owns every archive budget, one domain per call)──┤
                                                                            ▼
           per-paper checks ──figures and report (CPU, one task each)──▶ reports + corpus summary

A paper's figures-and-report task is submitted as soon as every check it reads is final (its
references' archive checks are in, and the live result of each URL they name), so the CPU work
of the papers whose sources are checked runs while the network stage goes on with the others;
the client writes each report as it comes back. The client also writes each task's cache writes
as it comes back, so a killed run resumes where it stopped and a warm re-run makes no request at
all.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import logging
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import VerifyOptions
from ..errors import UsageError
from ..fsutil import AtomicWriter, atomic_write
from ..model import LinkResult, LinkState, Reference, Report, SourceCheck
from ..pipeline import checker_settings, output_paths, safe_stem
from ..sources.archive import SNAPSHOT_NS
from ..sources.bodies import LIVE_BODY_NS
from ..sources.recover import needs_recovery
from . import summary as summaries
from .budgets import ArchiveOwner
from .inputs import find_papers
from .ownership import apply_writes, archive_seeds, cached_link, live_seeds
from .progress import RunProgress
from .sharding import plan_shards, registered_domain
from .stages import Handover, carry, cited_work, finish_paper, live_batch, parse_stage, warm_up

_KEY_SEP = "\x1f"  # paper index and reference key: a reference key unique in the run

#: Threads the client writes reports on: each file's fsync waits for the disk, not the GIL, so a
#: few at once overlap those waits with each other and with reading the next papers' results.
WRITER_THREADS = 4


@dataclass(frozen=True)
class CorpusOptions:
    """How to run a corpus: ``verify`` options for every paper, plus the Dask side.

    ``workers``/``threads``: the embedded ``LocalCluster`` (worker processes, threads each);
    ``scheduler``: the address of an existing cluster instead (``tcp://host:8786``);
    ``batch``: URLs of one domain per live task, and at most that many per checker thread
    (results reach the cache batch by batch; see :mod:`.sharding`).
    """

    verify: VerifyOptions = field(default_factory=VerifyOptions)
    workers: int = 2
    threads: int = 4
    scheduler: str | None = None
    batch: int = 32
    summary_name: str = "corpus-summary"


@dataclass
class CorpusResult:
    """What a corpus run produced; ``status`` is the exit status (0, 1 or 2)."""

    papers: list[Path]
    reports: list[Report | None]
    written: list[Path]
    summary: summaries.CorpusSummary
    status: int
    stats: dict


def _dask_missing() -> UsageError:
    return UsageError("corpus runs need Dask: pip install 'citecheck[corpus]'")


#: Dask settings for the workers a corpus run starts. The workers' statistical profiler reads
#: every thread's stack (``sys._current_frames``) many times a second; on CPython 3.11 that can
#: deadlock a process that starts threads while the garbage collector runs (CPython issue
#: 106883, fixed in 3.12), and a live batch starts its checker threads. A frozen worker stops
#: its heartbeats; after ``worker-ttl`` the scheduler gives its tasks to another worker, which
#: asks the same hosts again. Seen here: a 4-worker run of the benchmark stalled for 600 s.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def worker_config():
    """A ``dask.config.set`` of :data:`WORKER_CONFIG`: a ``LocalCluster`` made inside it passes
    the settings to its worker processes."""
    import dask

    return dask.config.set(WORKER_CONFIG)


@contextlib.contextmanager
def _dask_client(options: CorpusOptions, client):
    if client is not None:
        yield client
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise _dask_missing() from None
    if options.scheduler:
        try:
            own = Client(options.scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {options.scheduler}: {exc}") from None
        try:
            yield own
        finally:
            own.close()
        return
    try:
        import bokeh  # noqa: F401 - the dashboard needs it

        dashboard = ":0"
    except ImportError:
        dashboard = None
    with worker_config():
        cluster = LocalCluster(
            n_workers=max(1, options.workers),
            threads_per_worker=max(1, options.threads),
            processes=True,
            dashboard_address=dashboard,
            silence_logs=logging.ERROR,
            worker_dashboard_address=":0",
        )
    own = Client(cluster)
    try:
        yield own
    finally:
        own.close()
        cluster.close()


def dashboard_address(client) -> str | None:
    """The Dask dashboard's address when the scheduler runs one."""
    try:
        if "dashboard" not in client.scheduler_info().get("services", {}):
            return None
        return client.dashboard_link
    except Exception:  # noqa: BLE001 - no dashboard is no reason to stop
        return None


def open_cache(options: VerifyOptions):
    """The coordinator's cache (the only one of the run), as ``verify`` would open it."""
    from ..sources.cache import Cache

    settings = checker_settings(options)
    settings.validate()
    kwargs: dict = {"enabled": settings.use_cache and not (settings.from_warc and not settings.offline)}
    if settings.live_ttl is not None:
        kwargs["live_ttl"] = settings.live_ttl
    if settings.lookup_ttl is not None:
        kwargs["lookup_ttl"] = settings.lookup_ttl
    return Cache(settings.cache_dir, **kwargs)


def _live_target(ref: Reference) -> str | None:
    """The URL a reference is checked live under when no archive recovery decides it."""
    if ref.url is None or needs_recovery(ref.url):
        return None
    return ref.url.repaired or ref.url.raw


def _output_dirs(papers: list[Path], options: VerifyOptions) -> list[VerifyOptions]:
    """Per paper: the options with report and bibliography directories mirroring the input tree
    (so two papers never share a report name), and no per-paper JUnit file."""
    parents = [p.resolve().parent for p in papers]
    root = Path(os.path.commonpath([str(p) for p in parents])) if parents else Path.cwd()
    seen: set[tuple[Path, str]] = set()
    out = []
    for paper, parent in zip(papers, parents, strict=True):
        rel = parent.relative_to(root)
        stem = safe_stem(paper)
        if (rel, stem) in seen:  # a.md and a.txt side by side: the second goes one level down
            rel = rel / (paper.suffix.lstrip(".") or "other")
        seen.add((rel, stem))
        out.append(
            dataclasses.replace(
                options,
                report_dir=Path(options.report_dir) / rel,
                bib_dir=Path(options.bib_dir) / rel,
                junit=None,
            )
        )
    return out


def run(
    inputs: Iterable[str | Path],
    options: CorpusOptions | VerifyOptions | None = None,
    client=None,
    *,
    progress: RunProgress | None = None,
) -> CorpusResult:
    """Verify every paper ``inputs`` name (papers, directories, manifests) as one Dask graph.

    ``client`` is a ``distributed.Client`` to use (None: a ``LocalCluster`` of
    ``options.workers`` processes, or the cluster at ``options.scheduler``). Writes each
    paper's reports as ``verify`` would (under directories mirroring the inputs) and the corpus
    summary (``corpus-summary.html``, ``.json``, ``.csv`` and ``corpus-hosts.csv``) in the report
    directory. Raises :class:`~citecheck.errors.UsageError` or ``InputError`` (one line) when
    the run cannot start; an unreadable paper is a row of the summary.
    """
    if options is None:
        options = CorpusOptions()
    elif isinstance(options, VerifyOptions):
        options = CorpusOptions(verify=options)
    vo = options.verify
    if vo.save_warc:
        raise UsageError("--save-warc is not available for corpus runs; record a WARC with verify")
    papers = find_papers(inputs)
    baselines = paper_baselines(papers, vo)  # an invalid baseline stops the run before any work
    refuse_overwriting_papers(papers, _output_dirs(papers, vo), vo)  # before any work, as verify
    board = progress if progress is not None else RunProgress(None)
    cache = open_cache(vo)
    try:
        with _dask_client(options, client) as dask:
            return _Run(papers, options, dask, cache, board, baselines).go()
    finally:
        cache.close()
        board.close()


def refuse_overwriting_papers(
    papers: list[Path], per_paper: list[VerifyOptions], options: VerifyOptions
) -> None:
    """Raise :class:`~citecheck.errors.UsageError` (one line, ``verify``'s) when a paper's output
    would replace an input of the run: any paper, the configuration file, a replayed WARC, a
    baseline named by ``--baseline``. Paths are compared resolved, in one set (a corpus has
    thousands of outputs and inputs)."""
    inputs = [*papers, *options.from_warc]
    for extra in (options.config_file, options.baseline):
        if extra is not None:
            inputs.append(Path(extra))
    resolved = {}
    for source in inputs:
        with contextlib.suppress(OSError, ValueError):
            resolved.setdefault(Path(source).resolve(), Path(source))
    for paper, opts in zip(papers, per_paper, strict=True):
        for out in output_paths(None, opts, paper).values():  # type: ignore[arg-type] - the paper is given
            source = resolved.get(out)
            if source is not None:
                raise UsageError(
                    f"refusing to overwrite the input {source} with an output; choose another directory"
                )


def paper_baselines(papers: list[Path], options: VerifyOptions) -> list:
    """Each paper's :class:`~citecheck.baseline.Baseline` (or None), found as ``verify`` finds it
    for that paper alone: ``--baseline``, else ``citecheck-baseline.toml`` next to the paper, else
    next to the configuration file. Each file is read once. Raises
    :class:`~citecheck.errors.UsageError` (one line) when a file is missing or invalid."""
    from ..baseline import find_baseline, load_baseline

    loaded: dict[Path, object] = {}
    out = []
    for paper in papers:
        path = find_baseline(paper, options.baseline, options.config_file)
        if path is None:
            out.append(None)
            continue
        if path not in loaded:
            loaded[path] = load_baseline(path)
        out.append(loaded[path])
    return out


class _Run:
    def __init__(
        self, papers, options: CorpusOptions, dask, cache, board: RunProgress, baselines=None
    ) -> None:
        self.papers = papers
        self.baselines = baselines if baselines is not None else [None] * len(papers)
        self.options = options
        self.vo = options.verify
        self.dask = dask
        self.cache = cache
        self.board = board
        self.stats: dict = {"papers": len(papers)}
        self.links: dict[str, LinkResult] = {}
        self.bodies: dict = {}
        self.failed: set = set()
        self.archive_checks: dict[str, SourceCheck] = {}
        self.requests = {"live": 0, "archive": 0}
        self._lock = threading.Lock()

    # -- stages -------------------------------------------------------------------------------
    def go(self) -> CorpusResult:
        from distributed import as_completed

        started = time.perf_counter()
        address = dashboard_address(self.dask)
        if address:
            self.board.note(f"citecheck: Dask dashboard at {address}")
        n = len(self.papers)
        self.board.total("papers", n)
        warm = time.perf_counter()
        self.dask.run(warm_up)  # every worker at once: start-up, not any paper's work
        self.stats["warm_seconds"] = round(time.perf_counter() - warm, 3)
        t0 = time.perf_counter()
        parsed = [
            self.dask.submit(parse_stage, i, str(p), self.vo, pure=False) for i, p in enumerate(self.papers)
        ]
        works = [None] * n
        for future in as_completed([self.dask.submit(cited_work, f, pure=False) for f in parsed]):
            work = future.result()
            works[work.index] = work
            self.board.advance("papers")
        self.stats["parse_seconds"] = round(time.perf_counter() - t0, 3)

        t1 = time.perf_counter()
        refs, keep, wanted_keys, cited = self._collect(works)
        todo = self._uncached(keep)
        # papers whose checks are final go at once, one per worker while URLs are checked
        self.reports = _Reports(self, works, parsed, in_flight=len(self.dask.nthreads()))
        try:
            self.board.total("urls", len(self.targets))
            self.board.advance("urls", len(self.targets) - len(todo))
            self.board.total("archive", len(refs))
            archive = threading.Thread(target=self._archive_stage, args=(refs, wanted_keys), daemon=True)
            archive.start()
            self._live_stage(todo, keep, pause=False)
            archive.join()
            if self._archive_error is not None:
                raise self._archive_error
            extra = [
                c.url
                for c in self.archive_checks.values()
                if c.link is None and c.url and c.url.strip() not in self.links
            ]
            extra = list(dict.fromkeys(extra))
            if extra:  # URLs only an archive recovery named: checked once the first round is done
                self.board.total("urls", len(self.targets) + len(extra))
                todo = self._uncached(keep, extra)
                self.reports.links_in([u for u in extra if u in self.links])  # the cache answered those
                self._live_stage(todo, keep, pause=True)
            self.stats["network_seconds"] = round(time.perf_counter() - t1, 3)
            self.stats.update(
                cited_urls=cited,
                unique_urls=len(self.targets),
                live_requests=self.requests["live"],
                archive_requests=self.requests["archive"],
            )

            t2 = time.perf_counter()
            self.stats["reports_during_network"] = self.reports.done_count()
            reports, written, rows = self.reports.finish()
        except BaseException:
            self.reports.abort()
            raise
        self.stats["report_seconds"] = round(time.perf_counter() - t2, 3)
        self.stats["total_seconds"] = round(time.perf_counter() - started, 3)
        summary = summaries.CorpusSummary(
            rows, summaries.host_rows([r for r in reports if r]), dict(self.stats)
        )
        written += self._write_summary(summary)
        if self.vo.junit is not None:
            done = [r for r in reports if r is not None]
            written.append(atomic_write(Path(self.vo.junit), summaries.render_junit_corpus(done)))
        readable = [r for r in rows if not r.error]
        status = 2 if not readable else (1 if any(r.status for r in rows) else 0)
        return CorpusResult(list(self.papers), reports, written, summary, status, dict(self.stats))

    def _collect(self, works):
        refs: list[Reference] = []
        keep: set[str] = set()
        wanted_keys: set[str] = set()
        targets: dict[str, None] = {}
        cited = 0
        for work in works:
            for ref in work.references:
                if ref.url is None:
                    continue
                cited += 1
                key = f"{work.index}{_KEY_SEP}{ref.key}"
                refs.append(dataclasses.replace(ref, key=key))
                wanted = ref.note_id in work.cited_notes
                if wanted:
                    wanted_keys.add(key)
                target = _live_target(ref)
                if target is not None:
                    targets.setdefault(target, None)
                    if wanted:
                        keep.add(target)
        self.targets = targets
        return refs, keep, wanted_keys, cited

    def _uncached(self, keep: set[str], urls=None) -> list[str]:
        """The URLs the cache cannot answer; the answered ones go straight into the results."""
        todo = []
        for url in self.targets if urls is None else urls:
            hit = cached_link(self.cache, url.strip(), want_body=url in keep)
            if hit is None:
                todo.append(url)
            else:
                self.links[url.strip()] = hit
        return todo

    def _live_stage(self, todo: list[str], keep: set[str], *, pause: bool) -> None:
        from distributed import as_completed

        if not todo:
            return
        # one thread per worker is left to the figures-and-report tasks that run meanwhile
        nthreads = self.dask.nthreads()
        chains = max(1, sum(nthreads.values()) - len(nthreads))
        futures = []
        threads = max(1, self.vo.workers)
        plan = plan_shards(todo, chains=chains, batch=self.options.batch, threads=threads)
        previous: list = [Handover(pause=True) if pause else None for _ in plan]
        # first batches of every chain first: a chain never waits for the others to be planned
        for step in range(max(len(chain) for chain in plan)):
            for index, chain in enumerate(plan):
                if step >= len(chain):
                    continue
                batch = chain[step]
                future = self.dask.submit(
                    live_batch,
                    batch,
                    {u for u in batch if u in keep},
                    live_seeds(self.cache, batch),
                    self.vo,
                    previous[index],
                    pure=False,
                )
                futures.append(future)
                # the order, and what it learned
                previous[index] = self.dask.submit(carry, future, previous[index], pure=False)
        for future in as_completed(futures):
            result = future.result()
            apply_writes(self.cache, result.writes)
            with self._lock:
                self.links.update(result.links)
                self.bodies.update(result.bodies)
                self.requests["live"] += result.requests
            self.board.advance("urls", len(result.links))
            self.reports.links_in(result.links)

    _archive_error: BaseException | None = None

    def _archive_stage(self, refs: list[Reference], wanted_keys: set[str]) -> None:
        try:
            owner = self.dask.submit(ArchiveOwner, self.vo, actor=True, pure=False).result()
            for chunk in _archive_chunks(refs):
                dates: dict[str, set] = {}
                for ref in chunk:
                    target = _live_target(ref)
                    if target:
                        dates.setdefault(target, set())
                        if ref.key in wanted_keys:
                            dates[target].add(ref.access_date)
                seeds = archive_seeds(self.cache, self.vo, dates)
                keys = {r.key for r in chunk} & wanted_keys
                result = owner.check(chunk, keys, seeds).result()
                apply_writes(self.cache, result.writes)
                with self._lock:
                    self.archive_checks.update({c.reference_key: c for c in result.checks})
                    self.bodies.update(result.bodies)
                    self.failed.update(result.failed)
                    self.requests["archive"] += result.requests
                self.board.advance("archive", len(chunk))
                self.reports.checks_in(result.checks)
            owner.close().result()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the client's main thread
            self._archive_error = exc

    def _paper_checks(self, work) -> list[SourceCheck]:
        checks = []
        for ref in work.references:
            if ref.url is None:
                continue
            found = self.archive_checks[f"{work.index}{_KEY_SEP}{ref.key}"]
            link = found.link if found.link is not None else self.links.get(found.url)
            checks.append(dataclasses.replace(found, reference_key=ref.key, link=link))
        return checks

    def _bodies_for(self, work, checks: list[SourceCheck]):
        wanted = {ref.key for ref in work.references if ref.note_id in work.cited_notes}
        bodies: dict = {}
        failed: set = set()
        for check in checks:
            if check.reference_key not in wanted:
                continue
            if check.snapshot is not None:
                key = ("archive", check.snapshot.raw_url)
                got = self.bodies.get(key) or self.cache.get(SNAPSHOT_NS, key[1])
                if got is not None:
                    bodies[key] = got
                elif key in self.failed:
                    failed.add(key)
            link = check.link
            if link is not None and link.state in (LinkState.OK, LinkState.REDIRECTED):
                where = link.final_url or check.url
                key = ("live", where)
                got = self.bodies.get(key) or self.cache.get(LIVE_BODY_NS, where)
                if got is not None:
                    bodies[key] = got
        return bodies, failed

    def _write_summary(self, summary) -> list[Path]:
        base = Path(self.vo.report_dir)
        name = self.options.summary_name
        files = [
            (base / f"{name}.json", summaries.render_json(summary)),
            (base / f"{name}.csv", summaries.render_csv(summary, "papers")),
            (base / "corpus-hosts.csv", summaries.render_csv(summary, "hosts")),
            (base / f"{name}.html", summaries.render_html(summary)),
        ]
        with AtomicWriter(WRITER_THREADS) as writer:
            for path, text in files:
                writer.write(path, text)
            return writer.close()


class _Reports:
    """The figures-and-report stage: each paper's task is submitted once every check it reads is
    final (see the module docstring), and its files are written as it comes back.

    Final means: every reference of the paper with a URL has its archive check, and each check
    that has no live result of its own names a URL whose live result is in (a URL no round will
    check keeps its paper until :meth:`finish`, which submits what is left with the same inputs
    the paper would have had then). The network stages call :meth:`checks_in` and
    :meth:`links_in` from their threads.

    While the network stage runs, at most ``in_flight`` of these tasks (one per worker) are out
    at once: a worker's live checks wait for the interpreter lock whenever a CPU task holds it,
    and every such wait delays a request past its turn (the network stage's own time). The rest
    wait for a task to come back; :meth:`finish` lifts the limit.
    """

    def __init__(self, run: _Run, works, parsed, in_flight: int) -> None:
        import queue

        self.run, self.works, self.parsed = run, works, parsed
        n = len(run.papers)
        self.per_paper = _output_dirs(run.papers, run.vo)
        self.reports: list[Report | None] = [None] * n
        self.rows: list = [None] * n
        self.missing = 0
        self.waiting: dict[int, int] = {}  # paper -> references whose archive check is not in
        self.awaiting: dict[str, set[int]] = {}  # URL -> papers waiting for its live result
        self.pending: dict[int, set[str]] = {}  # paper -> URLs it waits for
        self.ready: collections.deque[int] = collections.deque()  # final, not sent yet
        self.limit = max(1, in_flight)
        self.in_flight = 0
        self.handled = 0
        self.first_submitted: float | None = None  # perf_counter of the stage's first task
        self.error: BaseException | None = None
        self.done = threading.Condition()
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.writer = AtomicWriter(WRITER_THREADS)  # files are synced while the next results come
        self.collector = threading.Thread(target=self._collect, daemon=True)
        self.collector.start()
        ready = []
        for work in works:
            if work.error is not None:
                self.rows[work.index] = summaries.failed_row(str(run.papers[work.index]), work.error)
                continue
            with_url = sum(1 for ref in work.references if ref.url is not None)
            self.waiting[work.index] = with_url
            self.pending[work.index] = set()
            if not with_url:
                ready.append(work.index)
        self.expected = len(self.waiting)
        run.board.total("reports", self.expected)
        self._submit(ready)

    # -- what the network stages tell ---------------------------------------------------------
    def checks_in(self, checks: Iterable[SourceCheck]) -> None:
        ready = []
        with self.run._lock:
            for check in checks:
                index = int(check.reference_key.split(_KEY_SEP, 1)[0])
                if index not in self.waiting:
                    continue
                self.waiting[index] -= 1
                if check.link is None and check.url and check.url not in self.run.links:
                    self.pending[index].add(check.url)
                    self.awaiting.setdefault(check.url, set()).add(index)
                if self.waiting[index] == 0 and not self.pending[index]:
                    ready.append(index)
        self._submit(ready)

    def links_in(self, urls: Iterable[str]) -> None:
        ready = []
        with self.run._lock:
            for url in urls:
                for index in self.awaiting.pop(url, ()):
                    self.pending[index].discard(url)
                    if self.waiting[index] == 0 and not self.pending[index]:
                        ready.append(index)
        self._submit(ready)

    # -- submitting and collecting ------------------------------------------------------------
    def _submit(self, indices: Iterable[int]) -> None:
        """Queue the papers ``indices`` (final now) and send what the in-flight limit allows."""
        with self.run._lock:
            final = [i for i in indices if self.waiting.pop(i, None) is not None]  # each paper once
            for index in final:
                self.pending.pop(index, None)
        with self.done:
            self.ready.extend(final)
        self._pump()

    def _pump(self) -> None:
        while True:
            with self.done:
                if not self.ready or self.in_flight >= self.limit:
                    return
                index = self.ready.popleft()
                self.in_flight += 1
                if self.first_submitted is None:
                    self.first_submitted = time.perf_counter()
            self._send(index)

    def _send(self, index: int) -> None:
        run = self.run
        with run._lock:
            work = self.works[index]
            checks = run._paper_checks(work)
            bodies, failed = run._bodies_for(work, checks)
        future = run.dask.submit(
            finish_paper,
            index,
            self.parsed[index],
            checks,
            bodies,
            failed,
            self.per_paper[index],
            run.baselines[index],
            pure=False,
        )
        future.add_done_callback(self.queue.put)

    def _collect(self) -> None:
        report_root = Path(self.run.vo.report_dir)
        while True:
            future = self.queue.get()
            if future is None:
                return
            try:
                if self.error is None:
                    self._write(future.result(), report_root)
            except BaseException as exc:  # noqa: BLE001 - re-raised by finish() in the main thread
                self.error = exc
            with self.done:
                self.handled += 1
                self.in_flight -= 1
                self.done.notify_all()
            self._pump()

    def _write(self, outcome, report_root: Path) -> None:
        opts = self.per_paper[outcome.index]
        paths = output_paths(outcome.report, opts)
        for key, text in outcome.rendered.items():
            self.writer.write(paths[key], text)
        shown = paths.get("json") or next((p for k, p in paths.items() if k != "bib"), paths["bib"])
        try:
            shown_rel = str(Path(os.path.relpath(shown, report_root)))
        except ValueError:
            shown_rel = str(shown)
        self.reports[outcome.index] = outcome.report
        self.rows[outcome.index] = summaries.paper_row(outcome.report, shown_rel, self.run.vo.fail_on)
        self.missing += len(outcome.missing)
        self.run.board.advance("reports")

    def done_count(self) -> int:
        with self.done:
            return self.handled

    def abort(self) -> None:
        """Stop collecting (the run failed): nothing more is written."""
        self.error = self.error or RuntimeError("the corpus run stopped")
        self.queue.put(None)
        with contextlib.suppress(Exception):
            self.writer.close()

    def finish(self):
        """Submit every paper still waiting, wait for all the reports; (reports, written, rows)."""
        with self.done:
            self.limit = len(self.works)  # the network stage is over: no more threads to spare
        self._submit(list(self.waiting))
        with self.done:
            while self.handled < self.expected:
                self.done.wait()
        self.queue.put(None)
        self.collector.join()
        written = self.writer.close()
        if self.error is not None:
            raise self.error
        self.run.stats["bodies_not_fetched"] = self.missing
        if self.first_submitted is not None:  # the stage's whole span, network stage overlap included
            self.run.stats["reports_span_seconds"] = round(time.perf_counter() - self.first_submitted, 3)
        return self.reports, written, self.rows


def _archive_chunks(refs: list[Reference]) -> list[list[Reference]]:
    """References by registered domain of their URL; those that need an archive recovery first
    (their live check waits for it)."""
    damaged = [r for r in refs if _live_target(r) is None]
    by_domain: dict[str, list[Reference]] = {}
    for ref in refs:
        target = _live_target(ref)
        if target is not None:
            by_domain.setdefault(registered_domain(target), []).append(ref)
    chunks = [damaged] if damaged else []
    return chunks + [by_domain[d] for d in sorted(by_domain, key=lambda d: (-len(by_domain[d]), d))]


__all__ = [
    "WORKER_CONFIG",
    "CorpusOptions",
    "CorpusResult",
    "dashboard_address",
    "open_cache",
    "paper_baselines",
    "refuse_overwriting_papers",
    "run",
    "worker_config",
]
