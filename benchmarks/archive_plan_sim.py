"""A 1,000-URL paper over 30 hosts, cold, at the default politeness: the archive stage's wall time
under the old plan (one index query per URL, look-ups then downloads, downloads held to the 1 s
per-host interval) and the new one (planned queries, downloads interleaved at 8 a second).

Simulated against a real local pywb holding two captures of each page (every ``--missing``-th
never archived), with the real limits scaled: each plan runs ``--scale-old`` / ``--scale-new``
times faster than the Wayback defaults (24 index queries a minute, 8 snapshots a second, 1 s
between requests to one host), a scale at which the local archive answers well within each
interval, and its measured time times the scale is the expected time against the real limits.
Target (issue 14): the new plan at least 10x shorter. Nothing leaves 127.0.0.1.

    CITECHECK_PYWB_VENV=.pywb-venv python benchmarks/archive_plan_sim.py [--urls 1000 --hosts 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from citecheck.model import Reference, Url  # noqa: E402
from citecheck.sources.bodies import SourceBodies  # noqa: E402
from citecheck.sources.session import CheckerSession, CheckerSettings  # noqa: E402

ACCESS_DATE = "2022-02-20"
BEFORE, AFTER = "20200101000000", "20230101000000"


def paper(urls: int, hosts: int, missing: int):
    from servers.pywb_archive import WarcPage

    targets = [f"http://www.site{i % hosts}.example.org/{('news', 'policy', 'data')[i % 3]}/{i:05d}.html"
               for i in range(urls)]  # fmt: skip
    archived = [u for n, u in enumerate(targets) if n % missing != missing - 1]
    pages = [WarcPage(u, s, f"<p>{s[:4]}: {n}</p>") for n, u in enumerate(archived) for s in (BEFORE, AFTER)]
    refs = [
        Reference(key=f"r{i}", entry_type="webpage", raw=u, url=Url(u, u, True), access_date=ACCESS_DATE)
        for i, u in enumerate(targets)
    ]
    return pages, refs


def limits(scale: float, *, old: bool) -> dict:
    """The Wayback defaults, ``scale`` times faster. The old plan held snapshot downloads to the
    per-host interval (1 s), so its snapshot rate is that interval's."""
    return {
        "cdx_per_minute": 24.0 * scale,
        "snapshots_per_second": (1.0 if old else 8.0) * scale,
        "min_interval": 1.0 / scale,
        "per_host_concurrency": 2,
        "retries": 0,
    }


def run(archive, refs, work: Path, *, old: bool, scale: float) -> tuple[float, int, int]:
    settings = CheckerSettings(
        archives=(archive.base,),
        cdx=(archive.cdx,),
        cache_dir=work,
        allowed_hosts=("127.0.0.0/8",),
        workers=8,
        fetch_overrides=limits(scale, old=old),
    )
    archive.reset()
    started = time.perf_counter()
    with CheckerSession(settings) as session:
        if old:  # look every URL up, then read every snapshot (two phases)
            checks = session.check(refs, live=False, grouped=False)
            with ThreadPoolExecutor(max_workers=8) as pool:
                list(pool.map(session.fetch_source, [c for c in checks if c.snapshot is not None]))
        else:
            checks = session.check(refs, live=False, want_body=lambda ref: True, bodies=SourceBodies())
    wall = time.perf_counter() - started
    log = archive.requests()
    return wall, sum(1 for r in log if "/cdx?" in r.path), sum(1 for r in log if "id_/" in r.path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=30)
    parser.add_argument("--missing", type=int, default=20)
    parser.add_argument("--scale-old", type=float, default=50.0)
    parser.add_argument("--scale-new", type=float, default=5.0)
    args = parser.parse_args(argv)

    from servers.pywb_archive import PywbArchive

    pages, refs = paper(args.urls, args.hosts, args.missing)
    with tempfile.TemporaryDirectory(prefix="citecheck-plan-sim-") as tmp:
        archive = PywbArchive(Path(tmp) / "pywb", pages)
        try:
            new_wall, new_cdx, new_dl = run(archive, refs, Path(tmp) / "new", old=False, scale=args.scale_new)
            old_wall, old_cdx, old_dl = run(archive, refs, Path(tmp) / "old", old=True, scale=args.scale_old)
        finally:
            archive.stop()
    old_real, new_real = old_wall * args.scale_old, new_wall * args.scale_new
    print(f"{args.urls} URLs on {args.hosts} hosts, cold, default politeness (simulated, limits scaled)")
    print(f"old plan: {old_cdx} index queries, {old_dl} downloads; {old_wall:.1f} s at x{args.scale_old:g} "
          f"-> expected {old_real:.0f} s ({old_real / 60:.1f} min)")  # fmt: skip
    print(f"new plan: {new_cdx} index queries, {new_dl} downloads; {new_wall:.1f} s at x{args.scale_new:g} "
          f"-> expected {new_real:.0f} s ({new_real / 60:.1f} min)")  # fmt: skip
    print(f"new plan {old_real / new_real:.1f}x shorter (target >= 10x)")


if __name__ == "__main__":
    main()
