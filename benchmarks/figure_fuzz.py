"""Fuzz the figure comparison with bilingual pairs: an English claim against a short source
sentence in Portuguese, Spanish, Chinese or English (tests/bilingual_pairs.py).

Usage: python benchmarks/figure_fuzz.py [--pairs N] [--seed S] [-v]

Each pair is compared twice: with the languages declared (the paper's, and the source's as a
page's ``<html lang>`` declares it: what ``verify`` uses) and with nothing declared (each guessed
from its own short text, the fall-back). A false verdict: a pair stating the same value not judged
*consistent* (split into false *inconsistent* and false *not found*), or a pair stating another
value judged *consistent*. Prints the counts per source language and mode, and examples.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bilingual_pairs import LANGS, pairs  # noqa: E402
from citecheck.figures import check_figures  # noqa: E402


def verdict(pair: dict, declared: bool) -> str:
    if declared:
        checks = check_figures(pair["claim"], pair["source"], lang="en", source_lang=pair["lang"])
    else:
        checks = check_figures(pair["claim"], pair["source"])
    return checks[0].verdict.value if checks and checks[0].claim_quantity is not None else "no figure"


def false_kind(pair: dict, got: str) -> str | None:
    if pair["same"]:
        return None if got == "consistent" else f"false {got}"
    return "false consistent" if got == "consistent" else None


def run(n: int, seed: int, verbose: bool) -> int:
    counts: dict[tuple[str, str], Counter] = {}
    examples: dict[str, list[str]] = {}
    start = time.perf_counter()
    for pair in pairs(n, seed):
        for declared in (True, False):
            mode = "declared" if declared else "guessed"
            got = verdict(pair, declared)
            wrong = false_kind(pair, got)
            c = counts.setdefault((mode, pair["lang"]), Counter())
            c["pairs"] += 1
            if wrong:
                c[wrong] += 1
                examples.setdefault(f"{mode} {pair['lang']} {wrong}", []).append(
                    f"{pair['claim']!r} vs {pair['source']!r}"
                )
    elapsed = time.perf_counter() - start
    print(
        f"{n:,} pairs (seed {seed}), each compared with the source language declared and guessed, in {elapsed:.1f} s"
    )
    kinds = ["false inconsistent", "false not-found", "false no figure", "false consistent"]
    print(f"{'mode':<9} {'lang':<4} {'pairs':>7} " + " ".join(f"{k:>19}" for k in kinds))
    totals: Counter = Counter()
    for mode in ("declared", "guessed"):
        for lang in LANGS:
            c = counts.get((mode, lang), Counter())
            print(f"{mode:<9} {lang:<4} {c['pairs']:>7} " + " ".join(f"{c[k]:>19}" for k in kinds))
            totals[mode] += sum(c[k] for k in kinds)
    for mode in ("declared", "guessed"):
        print(f"false verdicts, source language {mode}: {totals[mode]}")
    shown = 3 if not verbose else 20
    for key, items in sorted(examples.items()):
        print(f"  {key}: {len(items)}")
        for item in items[:shown]:
            print(f"    {item}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args(argv)
    return run(args.pairs, args.seed, args.v)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
