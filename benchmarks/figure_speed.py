"""Speed of the figure stage: extraction throughput and a 1,000-footnote paper.

Usage: python benchmarks/figure_speed.py [--runs N] [--worst-only]

1. Extraction throughput: about 2 MB of real-looking text (the bundled seed paper, the
   Chinese fixture pages, the labelled sources) read by extract_quantities; target
   >= 2 MB/s.
2. A paper of 1,000 footnotes, each claim compared with its own source of about 6 KB
   (a labelled source plus seed paragraphs as surrounding text); target < 10 s on one core.
3. Worst cases: 100 KB made only of dense figures (a numeral every two or three characters,
   with scale words, units, currencies, qualifiers, ranges...), each read in full; target:
   every one under 0.5 s, so well under a second on a loaded machine (the speed test in
   tests/test_figures_extract.py bounds the same inputs at 1 s). Prints each median and the worst.
Prints medians over the runs (CPU time of this process, so other load on the machine
does not count; wall time shown too). CPU time still grows when other processes share the
cores (two runs of the same code can differ by 2x on a loaded machine), so the worst cases
also show the best run, the figure least disturbed by that load.
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


# unit repeated to 100 KB (the same inputs as the speed test in tests/test_figures_extract.py)
DENSE = {
    "numerals only": "1 ",
    "digits with comma separators": "1,",
    "digits with dot separators": "1.",
    "Chinese numerals and scale words": "一亿",
    "Chinese numerals": "一千五百 ",
    "numbers split by a lost decimal point": "5181 74 ",
    "split decimals with a unit": "5181 74 MW ",
    "one long digit run": "1234567890",
    "currency symbols": "US$1 ",
    "currency symbols and scale abbreviations": "$1bn ",
    "qualifiers": "about 1 ",
    "Chinese qualifier, scale and currency": "约1亿美元",
    "digits and a Chinese scale word": "1万",
    "digits, scale and a Chinese unit": "1万千瓦",
    "ranges with a unit": "1-2 MW ",
    "percentages": "1% ",
    "numbers on no-break spaces": "1\u00a0",
    "numbers on lines of their own": "1\n",
    "full-width digits": "１ ",
    "grouped thousands": "1 234 ",
    "counted nouns": "1 key local new big projects ",
    "Spanish scale and currency": "1 mil millones de pesos ",
    "phone numbers": "Tel 1 ",
    "shares in words": "two thirds of ",
    "shares written with an ordinal and parte": "la tercera parte de ",
}


def worst_cases(runs: int) -> None:
    print(f"worst cases: 100 KB each, median (best) CPU of {runs} runs; target: each under 0.5 s")
    results = []
    for name, unit in DENSE.items():
        text = (unit * (100_000 // len(unit) + 1))[:100_000]
        n_quantities = len(extract_quantities(text))
        times = [timed(lambda t=text: extract_quantities(t))[0] for _ in range(runs)]
        cpu, best = statistics.median(times), min(times)
        results.append((cpu, best, name, unit, n_quantities))
        print(f"  {cpu:6.3f} s ({best:.3f})  {n_quantities:6,} quantities  {name} ({unit!r} repeated)")
    cpu, best, name, unit, n_quantities = max(results)
    print(
        f"  worst: {cpu:.3f} s (best {best:.3f} s) for {name} ({unit!r} repeated, {n_quantities:,} quantities)"
    )
    best, name = max((r[1], r[2]) for r in results)
    print(f"  worst best run: {best:.3f} s for {name}")


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    if "--worst-only" in argv:
        worst_cases(runs)
        return 0
    base, pairs = corpus()
    text = (base * (2_000_000 // len(base) + 1))[:2_000_000]
    size_mb = len(text.encode("utf-8")) / 1e6
    n_quantities = len(extract_quantities(text))
    times = [timed(lambda: extract_quantities(text)) for _ in range(runs)]
    cpu = statistics.median(t[0] for t in times)
    wall = statistics.median(t[1] for t in times)
    print(f"extraction: {size_mb:.2f} MB, {len(text):,} chars, {n_quantities:,} quantities")
    print(f"  median CPU {cpu:.3f} s -> {size_mb / cpu:.2f} MB/s (wall {wall:.3f} s); target >= 2 MB/s")

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
    worst_cases(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
