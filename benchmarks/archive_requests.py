"""Benchmark: archive requests per unique URL, cold and warm, against a local pywb.

Targets (issue 3): at most 2 archive requests per unique URL on a cold cache (one index query,
one snapshot fetch), none on a warm one; the snapshot chosen is the last one before the access date.

Targets (issue 14), on a corpus-like set (``--corpus-urls`` >= 250 URLs on ``--corpus-hosts``
<= 10 hosts, two captures each, every ``--missing``-th never archived): index queries per unique
URL <= 0.15 with the planned look-ups; snapshot choices identical to one query per URL (the
count of differences is printed: 0); and a cold run under the Wayback defaults (24 index
queries a minute, 8 snapshots a second, 1 s between page requests to one host), scaled
``--scale`` times faster so it runs in seconds, within 1.2x of the ideal: the minimal plan (one
index query per host) with every download started as soon as its URL's answer is in and the
two budgets allow (the latency of one query and one download measured on the same archive).

Run from the repository root (pywb lives in its own virtual environment)::

    CITECHECK_PYWB_VENV=.pywb-venv python benchmarks/archive_requests.py [--runs 3]

The archive holds two captures of each of ``--urls`` URLs spread over ``--hosts`` hosts (one
before the access date, one after); the reference list cites every URL once plus ``--dupes``
duplicates. Each run checks the list through :class:`~citecheck.sources.session.CheckerSession`
(archive look-up, then every snapshot body, as ``verify`` does) on a fresh cache (cold), then
again on the same cache (warm). Prints medians over the runs; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from citecheck.model import Reference, Url  # noqa: E402
from citecheck.sources.session import CheckerSession, CheckerSettings  # noqa: E402

ACCESS_DATE = "2022-02-20"
BEFORE, AFTER = "20200101000000", "20230101000000"
LOCAL = {
    "min_interval": 0.0,
    "cdx_per_minute": 0,
    "snapshots_per_second": 0,
    "retries": 0,
    "per_host_concurrency": 8,
}


def world(urls: int, hosts: int, dupes: int):
    """The archived pages (two captures per URL) and the references citing them."""
    from servers.pywb_archive import WarcPage

    targets = [f"http://site{i % hosts}.example.org/news/{i}.html" for i in range(urls)]
    pages = [WarcPage(u, stamp, f"<p>{stamp[:4]}: {n} wind farms</p>") for n, u in enumerate(targets)
             for stamp in (BEFORE, AFTER)]  # fmt: skip
    cited = targets + [targets[(i * 7) % urls] for i in range(dupes)]
    refs = [
        Reference(key=f"r{i}", entry_type="webpage", raw=u, url=Url(u, u, True), access_date=ACCESS_DATE)
        for i, u in enumerate(cited)
    ]
    return pages, refs


def one_pass(archive, refs, cache_dir: Path) -> dict:
    """Look up every reference and fetch each snapshot body; what the archive received."""
    settings = CheckerSettings(
        archives=(archive.base,),
        cdx=(archive.cdx,),
        cache_dir=cache_dir,
        allowed_hosts=("127.0.0.0/8",),
        workers=8,
        fetch_overrides=dict(LOCAL),
    )
    archive.reset()
    start = time.perf_counter()
    with CheckerSession(settings) as session:
        checks = session.check(refs, live=False)
        looked_up = time.perf_counter()
        with ThreadPoolExecutor(max_workers=8) as pool:  # as verify reads its sources
            bodies = list(pool.map(session.fetch_source, [c for c in checks if c.snapshot is not None]))
    wall = time.perf_counter() - start
    return {
        "requests": archive.request_count(),
        "cdx": archive.request_count("/cdx"),
        "before": sum(1 for c in checks if c.snapshot is not None and c.snapshot.timestamp == BEFORE),
        "bodies": sum(1 for b in bodies if b is not None),
        "checks": len(checks),
        "wall": wall,
        "lookup": looked_up - start,
    }


# -- issue 14: the corpus-like set ---------------------------------------------------------------


def corpus_world(urls: int, hosts: int, missing: int):
    """``urls`` pages on ``hosts`` sites (two captures each; every ``missing``-th never archived)."""
    from servers.pywb_archive import WarcPage

    targets = [f"http://www.ministry{i % hosts}.example.gov/news/2021/{i:05d}.html" for i in range(urls)]
    archived = [u for n, u in enumerate(targets) if n % missing != missing - 1]
    pages = [WarcPage(u, stamp, f"<p>{stamp[:4]}: {n} solar parks</p>") for n, u in enumerate(archived)
             for stamp in (BEFORE, AFTER)]  # fmt: skip
    refs = [
        Reference(key=f"c{i}", entry_type="webpage", raw=u, url=Url(u, u, True), access_date=ACCESS_DATE)
        for i, u in enumerate(targets)
    ]
    return pages, refs, len(archived)


def corpus_pass(archive, refs, cache_dir: Path, *, grouped: bool, overrides: dict) -> dict:
    """Look up every reference, downloading each chosen snapshot as the look-ups go (as verify does)."""
    from citecheck.sources.bodies import SourceBodies

    settings = CheckerSettings(
        archives=(archive.base,),
        cdx=(archive.cdx,),
        cache_dir=cache_dir,
        allowed_hosts=("127.0.0.0/8",),
        workers=8,
        fetch_overrides=dict(overrides),
    )
    bodies = SourceBodies()
    archive.reset()
    start = time.perf_counter()
    with CheckerSession(settings) as session:
        checks = session.check(refs, live=False, grouped=grouped, want_body=lambda ref: True, bodies=bodies)
    wall = time.perf_counter() - start
    log = archive.requests()
    return {
        "wall": wall,
        "cdx": sum(1 for r in log if "/cdx?" in r.path),
        "downloads": sum(1 for r in log if "id_/" in r.path),
        "bodies": len(bodies),
        "choices": {
            c.reference_key: (c.snapshot.timestamp, c.snapshot.raw_url) if c.snapshot else None
            for c in checks
        },  # fmt: skip
    }


def latency(url: str, n: int = 5) -> float:
    """Median seconds one request to ``url`` takes on this archive."""
    times = []
    for _ in range(n):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as answer:
            answer.read()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ideal_time(
    per_query: list[int], query_interval: float, download_interval: float, lq: float, ls: float
) -> float:
    """Finish of the minimal plan: query i starts at i x interval and frees its URLs' downloads
    ``lq`` later; downloads start as early as their budget allows; the last ends ``ls`` later."""
    ready = sorted(i * query_interval + lq for i, n in enumerate(per_query) for _ in range(n))
    start = -download_interval
    for available in ready:
        start = max(start + download_interval, available)
    return (start + ls) if ready else (len(per_query) - 1) * query_interval + lq


def corpus_benchmark(args, work: Path) -> None:
    from servers.pywb_archive import PywbArchive

    pages, refs, archived = corpus_world(args.corpus_urls, args.corpus_hosts, args.missing)
    archive = PywbArchive(work / "pywb-corpus", pages)
    try:
        unique = len(refs)
        planned = corpus_pass(archive, refs, work / "c-planned", grouped=True, overrides=LOCAL)
        warm = corpus_pass(archive, refs, work / "c-planned", grouped=True, overrides=LOCAL)
        per_url = corpus_pass(archive, refs, work / "c-per-url", grouped=False, overrides=LOCAL)
        diffs = sum(1 for k in planned["choices"] if planned["choices"][k] != per_url["choices"][k])
        found = sum(1 for v in planned["choices"].values() if v is not None)
        print(f"corpus: {unique} unique URLs on {args.corpus_hosts} hosts, {archived} archived twice, "
              f"{unique - archived} never archived")  # fmt: skip
        print(f"  planned: {planned['cdx']} index queries = {planned['cdx'] / unique:.3f} per unique URL "
              f"(target <= 0.15); per-URL method: {per_url['cdx']} = {per_url['cdx'] / unique:.2f}")  # fmt: skip
        print(f"  snapshot choices: {found} found; differences from the per-URL method: {diffs} (target 0)")
        print(f"  warm (cache): {warm['cdx'] + warm['downloads']} archive requests (target 0)")

        k = args.scale
        wayback = {
            "cdx_per_minute": 24.0 * k,
            "snapshots_per_second": 8.0 * k,
            "min_interval": 1.0 / k,
            "per_host_concurrency": 2,
        }
        lq = latency(archive.cdx + "?url=" + refs[0].url.raw + "&output=json")
        ls = latency(archive.base + BEFORE + "id_/" + refs[0].url.raw)
        runs = [corpus_pass(archive, refs, work / f"c-cold-{n}", grouped=True, overrides=wayback)
                for n in range(args.runs)]  # fmt: skip
        wall = statistics.median(r["wall"] for r in runs)
        walls = ", ".join(f"{r['wall']:.2f}" for r in runs)
        per_host = [sum(1 for r in refs if f"ministry{h}." in r.url.raw and
                        planned["choices"][r.key] is not None) for h in range(args.corpus_hosts)]  # fmt: skip
        ideal = ideal_time(
            per_host, 60.0 / wayback["cdx_per_minute"], 1.0 / wayback["snapshots_per_second"], lq, ls
        )
        print(f"  cold under the Wayback defaults scaled x{k:g} (24/min -> {wayback['cdx_per_minute']:g}/min, "
              f"8/s -> {wayback['snapshots_per_second']:g}/s): median {wall:.2f} s over {args.runs} runs "
              f"({walls}), {runs[0]['cdx']} index queries, "
              f"{runs[0]['downloads']} downloads")  # fmt: skip
        print(f"  ideal (minimal plan, latencies {lq * 1000:.0f} ms / {ls * 1000:.0f} ms): {ideal:.2f} s; "
              f"ratio {wall / ideal:.3f} (target <= 1.2); unscaled: about {wall * k:.0f} s")  # fmt: skip
    finally:
        archive.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--dupes", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus-urls", type=int, default=260)
    parser.add_argument("--corpus-hosts", type=int, default=8)
    parser.add_argument("--missing", type=int, default=10, help="every N-th corpus URL is never archived")
    parser.add_argument("--scale", type=float, default=5.0, help="how much faster than the Wayback limits")
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--corpus-only", action="store_true")
    args = parser.parse_args(argv)

    if not args.no_corpus:
        with tempfile.TemporaryDirectory(prefix="citecheck-archive-bench-") as tmp:
            corpus_benchmark(args, Path(tmp))
    if args.corpus_only:
        return

    from servers.pywb_archive import PywbArchive

    pages, refs = world(args.urls, args.hosts, args.dupes)
    with tempfile.TemporaryDirectory(prefix="citecheck-archive-bench-") as tmp:
        work = Path(tmp)
        archive = PywbArchive(work / "pywb", pages)
        try:
            cold, warm = [], []
            for run in range(args.runs):
                cache = work / f"cache-{run}"
                cold.append(one_pass(archive, refs, cache))
                warm.append(one_pass(archive, refs, cache))
        finally:
            archive.stop()

    unique = args.urls
    print(f"{len(refs)} references, {unique} unique URLs over {args.hosts} hosts, 2 captures each; "
          f"{args.runs} runs (medians)")  # fmt: skip
    for label, passes, target in (("cold", cold, "<= 2"), ("warm", warm, "0")):
        per_url = statistics.median(p["requests"] / unique for p in passes)
        cdx = statistics.median(p["cdx"] for p in passes)
        before = statistics.median(p["before"] for p in passes)
        bodies = statistics.median(p["bodies"] for p in passes)
        wall = statistics.median(p["wall"] for p in passes)
        lookup = statistics.median(p["lookup"] for p in passes)
        print(
            f"{label}: {per_url:.2f} archive requests per unique URL (target {target}; {cdx:.0f} index queries); "
            f"snapshot before the access date {before:.0f}/{len(refs)}; bodies {bodies:.0f}; wall {wall:.2f} s (look-ups {lookup:.2f} s)"
        )


if __name__ == "__main__":
    main()
