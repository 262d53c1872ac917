"""Corpus run speed on Dask: 200 generated papers citing 4,000 URLs on 40 loopback hosts of the
origin server (50 ms latency, in a process of its own), with 1, 2 and 4 worker processes.

Prints, per worker count: wall time, the CPU stages (parse + figures/reports) and their speed-up
over one worker, the network stage against its ideal under the per-host limits (the busiest
host's requests one minimum interval apart), politeness violations seen at the server, and the
unique-URL deduplication. No archive is configured (the archive budget is pinned by the tests).

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
from citecheck.corpus.progress import RunProgress  # noqa: E402
from corpus_world import OriginProcess, Url, build_papers, figure_pages  # noqa: E402

JITTER = 0.02  # server-side arrival jitter tolerated per gap


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
        f"{'workers':>7} {'start s':>8} {'wall s':>7} {'cpu s':>6} {'speed-up':>8} {'net s':>6} "
        f"{'ideal s':>7} {'net/ideal':>9} {'violations':>10} {'cited':>6} {'unique':>6}"
    )
    base_cpu = None
    for n in args.workers:
        t0 = time.perf_counter()
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=4,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        client.run(lambda: __import__("citecheck.corpus.stages"))  # imports are start-up, not work
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
        board = RunProgress(sys.stderr, tty=False, quiet_interval=10)
        result = run(
            [work / "papers"], CorpusOptions(verify=options, workers=n), client=client, progress=board
        )
        wall = time.perf_counter() - t1
        client.close()
        cluster.close()
        seen = defaultdict(list)
        for request in origin.requests():
            seen[request.host].append(request.time)
        violations = 0
        for times in seen.values():
            times.sort()
            violations += sum(
                1 for a, b in zip(times, times[1:], strict=False) if b - a < args.min_interval - JITTER
            )
        busiest = max(len(t) for t in seen.values())
        ideal = (busiest - 1) * args.min_interval + args.latency
        stats = result.stats
        cpu = stats["parse_seconds"] + stats["report_seconds"]
        base_cpu = base_cpu or cpu
        print(
            f"{n:>7} {start:>8.1f} {wall:>7.1f} {cpu:>6.1f} {base_cpu / cpu:>7.2f}x {stats['network_seconds']:>6.1f} "
            f"{ideal:>7.1f} {stats['network_seconds'] / ideal:>8.2f}x {violations:>10} "
            f"{stats['cited_urls']:>6} {stats['unique_urls']:>6}"
        )
    origin.stop()
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
