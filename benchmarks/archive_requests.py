"""Benchmark: archive requests per unique URL, cold and warm, against a local pywb.

Targets (issue 3): at most 2 archive requests per unique URL on a cold cache (one index query,
one snapshot fetch), none on a warm one; the snapshot chosen is the last one before the access date.

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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--dupes", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

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
