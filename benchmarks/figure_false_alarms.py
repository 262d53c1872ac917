"""Count the accusations the figure comparison makes against sources about something else.

Usage: python benchmarks/figure_false_alarms.py [--others N] [--seed S] [-v]

Every claim (or passage) of the labelled pairs in tests/data/figures/*.jsonl is compared with
the sources of N other pairs in the same source language (default 8, drawn with a fixed seed),
as ``benchmarks/figure_accuracy.py`` compares it with its own. A shuffled source is about
another thing (another plant, another programme, another year's trade), so any *inconsistent*
it yields is a false alarm: a figure of the paper accused from a page that never spoke of it.
The one exception is two pairs whose sources are variants of one story: the same plant, line,
company or statistic told with other figures (``ho-belo-monte`` and ``x-belo-monte-swap`` both
describe the Belo Monte line; ``seed-trade`` and ``b-zh-lost-decimal-pct`` both give China-Latin
America trade in 2021; ``b-pt-bi-abbrev`` and ``h-pt-mw-wrong`` both speak of China Three Gorges'
two Brazilian plants). Such pairs are listed in :data:`SAME_STORY` and left out of the count,
and the count left out is printed; each entry says what story the two share. The Belo Monte
plant (``t-pt-paragraph-ok``) is not the Belo Monte line: one name, two things, so that pair is
counted. What is measured is the false alarms that remain:
the diagnosable ones (scale, lost decimal, transposed digits, percentage points), which say
how a figure was miscopied, and the bare *different* ones, which say only that the page's
figure is another. Hidden papers are scored with no false *inconsistent* allowed, so the
target is as few as possible; the count of checks shows the figures compared.

Prints the checks made, the inconsistent verdicts by diagnosis, and every accusation with the
claim and source sentences (-v: the whole claim text too).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from figure_accuracy import DATA, run_pair  # noqa: E402

# pairs whose sources tell one story with other figures: an accusation between them is the
# comparison doing its job, not a false alarm (unordered; ids of tests/data/figures/*.jsonl)
SAME_STORY: dict[frozenset[str], str] = {
    frozenset({"ho-belo-monte", "x-belo-monte-swap"}): "the Belo Monte transmission line",
    frozenset({"seed-trade", "b-zh-lost-decimal-pct"}): "China-Latin America trade in 2021",
    frozenset({"b-pt-bi-abbrev", "h-pt-mw-wrong"}): "China Three Gorges' Jupiá and Ilha Solteira plants",
}


def load_pairs() -> list[dict]:
    pairs = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pairs.append(json.loads(line))
    return pairs


def source_language(pair: dict) -> str | None:
    return pair.get("source_lang") or pair.get("lang")


def shuffled(pairs: list[dict], others: int, seed: int):
    """(pair, other pair) for every pair and ``others`` pairs of its source language whose
    source is another text, drawn with ``seed``."""
    rng = random.Random(seed)
    by_lang: dict[str | None, list[dict]] = collections.defaultdict(list)
    for p in pairs:
        by_lang[source_language(p)].append(p)
    for p in pairs:
        pool = [q for q in by_lang[source_language(p)] if q["id"] != p["id"] and q["source"] != p["source"]]
        for q in rng.sample(pool, min(others, len(pool))):
            yield p, q


def run(others: int, seed: int, verbose: bool) -> int:
    checks = 0
    excluded = 0
    by_diagnosis: collections.Counter = collections.Counter()
    alarms: list[str] = []
    for p, q in shuffled(load_pairs(), others, seed):
        probe = dict(p, source=q["source"], source_lang=q.get("source_lang"))
        story = SAME_STORY.get(frozenset({p["id"], q["id"]}))
        for c in run_pair(probe):
            checks += 1
            if c.verdict.value != "inconsistent":
                continue
            if story is not None:
                excluded += 1
                continue
            by_diagnosis[c.diagnosis] += 1
            claim = " ".join((p.get("claim") or p.get("paper", "")).split())
            line = (
                f"  [{c.diagnosis}] {p['id']} vs {q['id']}: {c.claim_quantity.raw!r} vs "
                f"{c.source_quantity.raw!r}\n      claim:  {' '.join(c.claim_sentence.split())[:240]}\n"
                f"      source: {' '.join((c.source_sentence or '').split())[:240]}"
            )
            if verbose:
                line += f"\n      whole claim: {claim[:600]}"
            alarms.append(line)
    total = sum(by_diagnosis.values())
    print(f"{checks:,} figure checks of claims against {others} other pairs' sources (seed {seed})")
    print(f"left out, sources telling one story ({len(SAME_STORY)} pairs of pairs): {excluded} inconsistent")
    print(f"false inconsistent: {total} ({total / checks:.4f} of checks)")
    for diagnosis, n in sorted(by_diagnosis.items(), key=lambda kv: (-kv[1], kv[0] or "")):
        print(f"  {diagnosis}: {n}")
    if alarms:
        print("accusations:")
        print("\n".join(alarms))
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--others", type=int, default=8, help="other pairs' sources per claim")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    return run(args.others, args.seed, args.verbose)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
