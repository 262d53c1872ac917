"""Corpus run speed on Dask: 200 generated papers citing 4,000 URLs on 40 loopback hosts of the
origin server (50 ms latency, in a process of its own), with 1, 2 and 4 worker processes.

Prints, per worker count: wall time, the CPU stages and their speed-up over one worker, the
network stage against its ideal under the per-host limits (the busiest host's requests one
minimum interval apart), politeness violations, and the unique-URL
deduplication. No archive is configured (the archive budget is pinned by the tests).

The CPU stages are measured three ways, side by side. ``old`` (the definition until a paper's
figures and report ran as soon as its sources were checked): the cold run's parse stage plus its
report stage, from the end of the network stage to the last report written. Most of that work
now runs under the network stage, so ``old`` shrinks without measuring it. ``cpu`` (what the
speed-up is judged on): a warm re-run of the same papers, which the cache answers entirely (0
requests, checked), timed as its parse stage plus its report stage's whole span (first report
task submitted to last file written, the client's reading and writing included). ``rerun``: that
re-run's whole wall time (the cache look-ups and the archive stage's calls between the two
stages included). ``warm``: the workers' one-off imports at start-up (every worker at once; in
none of them). ``cap``: what the machine gives right before the row, as the work n busy
processes do in 0.5 s over one's alone (2.00 on two idle cores; other jobs on the machine lower it,
and no speed-up can pass it).

Politeness is judged on two clocks (one system-wide monotonic clock, one machine): the origin
server's arrival stamps (taken when its handler thread has read the request line, so a server
thread scheduled late narrows the gap after it) and the workers' send stamps (taken when a
request has been written to its connection). ``server`` counts gaps shorter than the interval
less ``JITTER``; ``sent`` counts send gaps shorter than the interval; ``spans``
counts runs of 10 server-seen requests to one host shorter than 10 intervals less ``JITTER``
(a second request stream to a host shows there; one late stamp does not). The network stage
splits into ``plan`` (stage start to the first request), the busiest host's span of requests
(what the interval binds: ``ideal`` is that host's requests one interval apart) and ``drain``.

    .venv/bin/python benchmarks/corpus_speed.py            # about 2 minutes on 2 quiet cores
    .venv/bin/python benchmarks/corpus_speed.py --papers 40 --urls 800 --hosts 8 --workers 1 2
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from citecheck.config import resolve_options  # noqa: E402
from citecheck.corpus import CorpusOptions, run  # noqa: E402
from citecheck.corpus.engine import worker_config  # noqa: E402
from citecheck.corpus.progress import RunProgress  # noqa: E402
from corpus_world import OriginProcess, Url, build_papers, figure_pages  # noqa: E402

JITTER = 0.02  # server-side arrival jitter tolerated per gap
SENT_JITTER = 0.0  # client-side: the send stamp comes before the limiter's own, so no jitter


def install_send_stamps() -> None:
    """On a worker: stamp every HTTP request once its bytes are written to the socket (host, path,
    monotonic), before the fetcher tells its limiter the request was sent."""
    import http.client
    import time

    import urllib3.connection as connection

    if getattr(connection, "_bench_sends", None) is not None:
        return
    connection._bench_sends = []
    request, send = connection.HTTPConnection.request, http.client.HTTPConnection.send

    def stamped_request(self, method, url, *args, **kwargs):
        self._bench_path = url
        return request(self, method, url, *args, **kwargs)

    def stamped_send(self, data):
        sent = send(self, data)
        connection._bench_sends.append((self.host, getattr(self, "_bench_path", ""), time.monotonic()))
        return sent

    connection.HTTPConnection.request = stamped_request
    http.client.HTTPConnection.send = stamped_send


def take_send_stamps() -> list:
    import urllib3.connection as connection

    out = list(getattr(connection, "_bench_sends", None) or [])
    connection._bench_sends = []
    return out


def _spin(seconds: float) -> int:
    end, n = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        for _ in range(1000):
            n += 1
    return n


def capacity(n: int, seconds: float = 0.5) -> float:
    """The work ``n`` busy processes do in ``seconds`` over what one does alone, just before and
    just after (n on n idle cores; one sample of a shared machine, so a rough guide)."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(n) as pool:
        pool.map(_spin, [0.01] * n)  # started before the clock
        before = _spin(seconds)
        together = sum(pool.map(_spin, [seconds] * n))
        after = _spin(seconds)
    return together / ((before + after) / 2)


def politeness(stamps, interval: float, tolerance: float) -> tuple[int, int, dict]:
    """(short gaps, short 10-request spans, per host sorted times) of ``(host, time)`` stamps."""
    seen = defaultdict(list)
    for host, when in stamps:
        seen[host].append(when)
    gaps = spans = 0
    for times in seen.values():
        times.sort()
        gaps += sum(1 for a, b in zip(times, times[1:], strict=False) if b - a < interval - tolerance)
        spans += sum(1 for k in range(10, len(times)) if times[k] - times[k - 10] < 10 * interval - tolerance)
    return gaps, spans, seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=200)
    parser.add_argument("--urls", type=int, default=4000)
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--min-interval", type=float, default=0.1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    hosts = tuple(f"127.0.0.{n}" for n in range(2, 2 + args.hosts))
    origin = OriginProcess(
        latency=args.latency, addresses=hosts, pages=figure_pages([Url(i, "", 0) for i in range(args.urls)])
    )
    work = Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    urls = [Url(i, hosts[i % len(hosts)], origin.port) for i in range(args.urls)]
    per_paper = max(1, args.urls // args.papers)
    build_papers(work / "papers", urls, args.papers, per_paper=per_paper, shared=2)
    load = os.getloadavg()[0]
    print(
        f"{args.papers} papers, {args.urls} URLs on {args.hosts} hosts, latency {args.latency * 1000:.0f} ms, "
        f"min interval {args.min_interval} s; load average at start {load:.2f} on {os.cpu_count()} cores"
    )
    print(
        f"{'workers':>7} {'cap':>5} {'start s':>8} {'warm s':>6} {'wall s':>7} {'old s':>6} {'parse s':>7} {'report s':>8} "
        f"{'old ×':>6} {'cpu s':>6} {'cpu ×':>6} {'rerun s':>7} {'rerun ×':>7} {'net s':>6} "
        f"{'ideal s':>7} {'net/ideal':>9} {'plan s':>6} {'span s':>6} {'drain s':>7} "
        f"{'server':>6} {'sent':>5} {'spans':>5} {'cited':>6} {'unique':>6}"
    )
    base_old = base_cpu = base_rerun = None
    for n in args.workers:
        cap = capacity(n)
        t0 = time.perf_counter()
        with worker_config():  # as `citecheck corpus` starts its workers
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=4,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        client = Client(cluster)
        client.run(lambda: __import__("citecheck.corpus.stages"))  # imports are start-up, not work
        client.run(install_send_stamps)
        start = time.perf_counter() - t0
        options = resolve_options(
            None,
            None,
            allowed_hosts=("127.0.0.0/8",),
            min_interval=args.min_interval,
            retries=0,
            timeout=10,
            cache_dir=work / f"cache{n}",
            report_dir=work / f"reports{n}",
            bib_dir=work / f"refs{n}",
            formats=("json", "md", "html"),
        )
        options = dataclasses.replace(options, archives=(), cdx=())
        origin.reset()
        t1 = time.perf_counter()
        began = time.monotonic()
        board = RunProgress(sys.stderr, tty=False, quiet_interval=10)
        result = run(
            [work / "papers"], CorpusOptions(verify=options, workers=n), client=client, progress=board
        )
        wall = time.perf_counter() - t1
        sends = [(host, when) for rows in client.run(take_send_stamps).values() for host, _path, when in rows]
        rerun = dataclasses.replace(
            options, report_dir=work / f"warm-reports{n}", bib_dir=work / f"warm-refs{n}"
        )
        t2 = time.perf_counter()
        warm_run = run([work / "papers"], CorpusOptions(verify=rerun, workers=n), client=client)
        rerun_wall = time.perf_counter() - t2
        span = warm_run.stats.get(
            "reports_span_seconds", warm_run.stats["report_seconds"]
        )  # no overlap: the stage
        cpu = warm_run.stats["parse_seconds"] + span
        if os.environ.get("CORPUS_BENCH_STATS"):
            print(n, "cold", result.stats, "\nwarm", warm_run.stats, file=sys.stderr)
        resent = sum(len(rows) for rows in client.run(take_send_stamps).values())
        if resent or warm_run.stats["live_requests"]:
            raise SystemExit(
                f"the warm re-run sent {resent} requests: it does not measure the CPU stages alone"
            )
        client.close()
        cluster.close()
        arrived = [(r.host, r.time) for r in origin.requests()]
        server_gaps, server_spans, seen = politeness(arrived, args.min_interval, JITTER)
        sent_gaps, _spans, _seen = politeness(sends, args.min_interval, SENT_JITTER)
        busiest = max(seen.values(), key=len)
        ideal = (len(busiest) - 1) * args.min_interval + args.latency
        stats = result.stats
        net_start = began + stats.get("warm_seconds", 0) + stats["parse_seconds"]  # after the parse stage
        first = min(when for _host, when in sends)
        last = max(when for _host, when in sends)
        plan, drain = first - net_start, net_start + stats["network_seconds"] - last
        old = stats["parse_seconds"] + stats["report_seconds"]
        base_old, base_cpu, base_rerun = base_old or old, base_cpu or cpu, base_rerun or rerun_wall
        print(
            f"{n:>7} {cap:>5.2f} {start:>8.1f} {stats.get('warm_seconds', 0):>6.2f} {wall:>7.1f} {old:>6.1f} "
            f"{stats['parse_seconds']:>7.1f} {stats['report_seconds']:>8.1f} {base_old / old:>5.2f}x "
            f"{cpu:>6.2f} {base_cpu / cpu:>5.2f}x {rerun_wall:>7.2f} {base_rerun / rerun_wall:>6.2f}x "
            f"{stats['network_seconds']:>6.1f} "
            f"{ideal:>7.1f} {stats['network_seconds'] / ideal:>8.2f}x {plan:>6.2f} "
            f"{busiest[-1] - busiest[0]:>6.1f} {drain:>7.2f} {server_gaps:>6} {sent_gaps:>5} {server_spans:>5} "
            f"{stats['cited_urls']:>6} {stats['unique_urls']:>6}"
        )
    origin.stop()
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
