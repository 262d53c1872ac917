"""Benchmark: `verify` on the seed against a warm cache, and rendering a 1,000-footnote report.

Targets (issue 5): the seed verifies in under 2 s with a warm cache; the reports of a
1,000-footnote paper render in under 3 s and stay under 5 MB.

Run from the repository root::

    python benchmarks/verify_speed.py [--runs 5]

The seed's cited hosts are answered by the local origin server and its archived copies by
a local pywb (tests/seed_world.py), so nothing leaves 127.0.0.1. Prints medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from citecheck.config import VerifyOptions  # noqa: E402
from citecheck.findings import build_findings  # noqa: E402
from citecheck.model import Report  # noqa: E402
from citecheck.pipeline import verify_with_references, write_outputs  # noqa: E402
from citecheck.report import render  # noqa: E402
from citecheck.sources.fetcher import Fetcher  # noqa: E402

SEED = ROOT / "seeds" / "china-latin-america-green-cooperation-2022.txt"


def warm_seed(runs: int) -> None:
    from seed_world import SeedRouter, archived_pages, install_origin_pages
    from servers.origin import OriginServer
    from servers.pywb_archive import PywbArchive, local_fetch_config

    work = Path(tempfile.mkdtemp(prefix="citecheck-bench-"))
    origin = OriginServer().start()
    archive = PywbArchive(work / "pywb", archived_pages(), collection="seed")
    try:
        install_origin_pages(origin)
        options = VerifyOptions(
            archives=(archive.base,),
            cdx=(archive.cdx,),
            cache_dir=work / "cache",
            allow_private=True,
            report_dir=work / "reports",
            bib_dir=work / "references",
        )
        timings = []
        for run in range(runs + 1):
            archive.reset()
            start = time.perf_counter()
            with Fetcher(local_fetch_config()) as fetcher:
                report, refs = verify_with_references(SEED, options, fetcher=SeedRouter(fetcher, origin.port))
            write_outputs(report, refs, options)
            elapsed = time.perf_counter() - start
            label = "cold" if run == 0 else "warm"
            print(f"  run {run} ({label}): {elapsed:.3f} s, archive requests {archive.request_count()}")
            if run:
                timings.append(elapsed)
        median = statistics.median(timings)
        verdict = "OK" if median < 2 else "TOO SLOW"
        print(
            f"seed, warm cache (parse + check + figures + 3 reports + .bib): median {median:.3f} s "
            f"over {len(timings)} runs [{verdict}: target < 2 s]"
        )
    finally:
        archive.stop()
        origin.stop()


def synthetic_report(footnotes: int) -> Report:
    from report_samples import sample_parts

    refs, claims, checks, figures = sample_parts()
    out_refs, out_claims, out_checks, out_figures = [], [], [], []
    for i in range(footnotes):
        j = i % len(refs)
        key = f"{refs[j].key}-{i}"
        note = f"p{i // 10 + 1}n{i % 10 + 1}"
        out_refs.append(replace(refs[j], key=key, note_id=note))
        check = next((c for c in checks if c.reference_key == refs[j].key), None)
        if check is not None:
            out_checks.append(replace(check, reference_key=key))
        for claim in claims:
            if claim.note_id == refs[j].note_id:
                out_claims.append(replace(claim, note_id=note))
        for fig in figures:
            if fig.reference_key == refs[j].key:
                out_figures.append(replace(fig, reference_key=key, note_id=note))
    return Report(
        paper="synthetic-1000.txt",
        generated_at="2026-11-28T12:00:00Z",
        references=tuple(out_refs),
        claims=tuple(out_claims),
        checks=tuple(out_checks),
        figures=tuple(out_figures),
        findings=tuple(build_findings(out_refs, out_checks, out_figures, out_claims)),
        tool_version="bench",
    )


def render_big(footnotes: int, runs: int) -> None:
    report = synthetic_report(footnotes)
    print(
        f"synthetic paper: {len(report.references)} references, {len(report.figures)} figure checks, "
        f"{len(report.findings)} findings"
    )
    total = []
    for fmt in ("html", "md", "json", "junit"):
        times, size = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            text = render(report, fmt)
            times.append(time.perf_counter() - start)
            size = len(text.encode("utf-8"))
        median = statistics.median(times)
        total.append(median)
        verdict = "OK" if median < 3 and size < 5 * 1024 * 1024 else "OVER"
        print(f"  {fmt:<5} median {median:.3f} s, {size / 1024 / 1024:.2f} MB [{verdict}: < 3 s, < 5 MB]")
    print(f"all four formats: {sum(total):.3f} s (sum of medians)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--footnotes", type=int, default=1000)
    parser.add_argument("--skip-seed", action="store_true", help="only the rendering benchmark (no pywb)")
    args = parser.parse_args()
    if not args.skip_seed:
        warm_seed(args.runs)
    render_big(args.footnotes, args.runs)


if __name__ == "__main__":
    main()
