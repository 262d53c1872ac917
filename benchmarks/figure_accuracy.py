"""Score the figure comparison on labelled claim/source pairs.

Usage: python benchmarks/figure_accuracy.py [pairs.jsonl ...] [-v]

Each line of a pairs file: {"id", "lang", "claim", "source", "expected": [{"figure": text of
the claim figure, "verdict", "diagnosis"?, "factor"?, "cause"?}]}. Prints precision and
recall of "inconsistent", accuracy of verdicts and of diagnoses (diagnosis, and factor
and cause when labelled), and every miss. A check on a claim figure that is not labelled
counts as a false "inconsistent" when it says inconsistent (years, dates, page numbers
must never be accused).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from citecheck.figures import check_figures

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "data" / "figures" / "pairs.jsonl"


def load(paths: list[Path]) -> list[dict]:
    pairs = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pairs.append(json.loads(line))
    return pairs


def score(pairs: list[dict], verbose: bool = False) -> dict:
    tp = fp = fn = 0
    verdict_ok = verdict_n = 0
    diag_ok = diag_n = 0
    misses: list[str] = []
    for pair in pairs:
        checks = check_figures(pair["claim"], pair["source"], note_id=pair["id"])
        used: set[int] = set()
        for exp in pair["expected"]:
            idx = next(
                (
                    i
                    for i, c in enumerate(checks)
                    if i not in used
                    and c.claim_quantity is not None
                    and exp["figure"] in c.claim_quantity.raw
                ),
                None,
            )
            got = checks[idx] if idx is not None else None
            if idx is not None:
                used.add(idx)
            got_verdict = got.verdict.value if got else "missing"
            verdict_n += 1
            verdict_ok += got_verdict == exp["verdict"]
            want_inc = exp["verdict"] == "inconsistent"
            got_inc = got_verdict == "inconsistent"
            tp += want_inc and got_inc
            fp += got_inc and not want_inc
            fn += want_inc and not got_inc
            if got_verdict != exp["verdict"]:
                misses.append(
                    f"{pair['id']}: {exp['figure']!r} expected {exp['verdict']}, got {got_verdict}"
                    + (f" ({got.explanation})" if got else "")
                )
            if want_inc and got_inc:
                diag_n += 1
                ok = got.diagnosis == exp.get("diagnosis")
                if ok and exp.get("factor") is not None:
                    ok = got.factor is not None and Decimal(exp["factor"]) == got.factor
                if ok and exp.get("cause") is not None:
                    ok = got.cause == exp["cause"]
                diag_ok += ok
                if not ok:
                    misses.append(
                        f"{pair['id']}: {exp['figure']!r} diagnosis expected {exp.get('diagnosis')} "
                        f"x{exp.get('factor')} {exp.get('cause')!r}, got {got.diagnosis} x{got.factor} {got.cause!r}"
                    )
        for i, c in enumerate(checks):
            if i not in used and c.verdict.value == "inconsistent":
                fp += 1
                misses.append(f"{pair['id']}: unlabelled figure {c.claim_quantity.raw!r} judged inconsistent")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "pairs": len(pairs),
        "figures": verdict_n,
        "inconsistent_precision": precision,
        "inconsistent_recall": recall,
        "verdict_accuracy": verdict_ok / verdict_n if verdict_n else 1.0,
        "diagnosis_accuracy": diag_ok / diag_n if diag_n else 1.0,
        "misses": misses,
    }


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if a != "-v"] or [DEFAULT]
    result = score(load(paths), verbose)
    print(f"pairs: {result['pairs']}  labelled figures: {result['figures']}")
    for key in ("inconsistent_precision", "inconsistent_recall", "verdict_accuracy", "diagnosis_accuracy"):
        print(f"{key}: {result[key]:.3f}")
    if result["misses"]:
        print("misses:")
        for m in result["misses"]:
            print("  " + m)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
