"""Speed of the figure stage: extraction throughput and a 1,000-footnote paper.

Usage: python benchmarks/figure_speed.py [--runs N]

1. Extraction throughput: about 2 MB of real-looking text (the bundled seed paper, the
   Chinese fixture pages, the labelled sources) read by extract_quantities; target
   >= 1 MB/s.
2. A paper of 1,000 footnotes, each claim compared with its own source of about 6 KB
   (a labelled source plus seed paragraphs as surrounding text); target < 10 s on one core.
Prints medians over the runs (CPU time of this process, so other load on the machine
does not count; wall time shown too).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from citecheck.figures import compare_claim, extract_quantities
from citecheck.model import Claim, SourceText
from citecheck.sources.text import to_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "figures"


def corpus() -> tuple[str, list[dict]]:
    seed = (ROOT / "seeds" / "china-latin-america-green-cooperation-2022.txt").read_text(encoding="utf-8")
    pages = [
        to_text(p.read_bytes(), None).text
        for p in sorted(DATA.iterdir())
        if p.suffix in (".html", ".txt", ".pdf")
    ]
    pairs = [
        json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    return "\n\n".join([seed, *pages, *(p["source"] for p in pairs)]), pairs


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    base, pairs = corpus()
    text = (base * (2_000_000 // len(base) + 1))[:2_000_000]
    size_mb = len(text.encode("utf-8")) / 1e6
    n_quantities = len(extract_quantities(text))
    times = [timed(lambda: extract_quantities(text)) for _ in range(runs)]
    cpu = statistics.median(t[0] for t in times)
    wall = statistics.median(t[1] for t in times)
    print(f"extraction: {size_mb:.2f} MB, {len(text):,} chars, {n_quantities:,} quantities")
    print(f"  median CPU {cpu:.3f} s -> {size_mb / cpu:.2f} MB/s (wall {wall:.3f} s); target >= 1 MB/s")

    seed_paras = [p for p in base.split("\n") if len(p) > 400][:40]
    jobs = []
    for i in range(1000):
        pair = pairs[i % len(pairs)]
        filler = "\n\n".join(seed_paras[(i + k) % len(seed_paras)] for k in range(3))[:5000]
        jobs.append(
            (
                Claim(f"n{i}", pair["claim"]),
                SourceText(url=None, text=f"{filler}\n\n{pair['source']}", origin="file"),
            )
        )
    avg_kb = sum(len(s.text.encode()) for _, s in jobs) / len(jobs) / 1024

    def paper():
        for claim, src in jobs:
            compare_claim(claim, src)

    times = [timed(paper) for _ in range(max(1, runs // 2))]
    cpu = statistics.median(t[0] for t in times)
    wall = statistics.median(t[1] for t in times)
    print(f"paper: 1,000 footnotes against 1,000 sources of {avg_kb:.1f} KB on average")
    print(f"  median CPU {cpu:.2f} s, wall {wall:.2f} s; target < 10 s on one core")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
