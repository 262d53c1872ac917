"""Score the figure comparison on labelled claim/source pairs, group by group.

Usage: python benchmarks/figure_accuracy.py [pairs.jsonl ...] [-v]

Without arguments every group below is scored and reported on its own line; with files,
each file is a group. Each line of a pairs file is one of:

* a claim pair: {"id", "lang", "claim", "source", "source_lang"?, "expected": [...]}; the
  claim text is compared with the source text as ``citecheck figures`` would;
* a passage pair: {"id", "lang", "paper", "note_id", "source", "source_lang"?, "expected"}:
  ``paper`` is a small document with footnote markers and notes; the claims the document
  reader links to ``note_id`` (the text each marker supports) are compared with the source,
  as ``citecheck verify`` would. This scores claim scope and comparison together.

``source_lang`` is the language the source page declares (``<html lang>``); without it the
source's language is guessed from its text. Each expected figure: {"figure": text of the
claim figure, "verdict", "diagnosis"?, "factor"?, "cause"?}; the verdict "absent" means the
figure belongs to another marker and must not be compared for this note at all.

Prints, per group, precision and recall of "inconsistent", accuracy of verdicts and of
diagnoses (diagnosis, and factor and cause when labelled), then every miss. A check on a
claim figure that is not labelled counts as a false "inconsistent" when it says inconsistent
(years, dates, page numbers must never be accused). Targets: precision and recall >= 0.97 and
diagnosis accuracy >= 0.95 on every group. The "held out" groups were written before the
comparison was tuned and are never tuned on: they estimate what unseen papers will score.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from citecheck.document import read_document
from citecheck.figures import LanguageOnDemand, compare_claim, compare_claims
from citecheck.model import Claim, SourceText
from citecheck.references.claims import extract_claims

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "figures"
GROUPS = [
    ("seed-style pairs", DATA / "pairs.jsonl"),
    ("hard pairs", DATA / "pairs_hard.jsonl"),
    ("figure before the marker (scope)", DATA / "pairs_scope.jsonl"),
    ("short Portuguese and Spanish", DATA / "pairs_short_espt.jsonl"),
    ("digit swaps, number words, ranges", DATA / "pairs_digits_words.jsonl"),
    ("held out (first round)", DATA / "pairs_holdout.jsonl"),
    ("held out (claims round)", DATA / "holdout_issue12.jsonl"),
    ("held out (blind round)", DATA / "holdout_blind.jsonl"),
    ("held out (second blind round)", DATA / "holdout_blind2.jsonl"),
    ("held out (third blind round)", DATA / "holdout_blind3.jsonl"),
    ("held out (fourth blind round)", DATA / "holdout_blind4.jsonl"),
    ("held out (second seed-style paper)", DATA / "holdout_paper2.jsonl"),
]
DEFAULT = GROUPS[0][1]
TARGETS = {"inconsistent_precision": 0.97, "inconsistent_recall": 0.97, "diagnosis_accuracy": 0.95}


def load(paths: list[Path]) -> list[dict]:
    pairs = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pairs.append(json.loads(line))
    return pairs


def run_pair(pair: dict) -> list:
    """The figure checks citecheck makes for one labelled pair."""
    source = SourceText(url=None, text=pair["source"], origin="file", language=pair.get("source_lang"))
    if "paper" not in pair:
        return compare_claim(Claim(note_id=pair["id"], text=pair["claim"]), source)
    doc = read_document(pair["paper"])
    claims = [c for c in extract_claims(doc) if c.note_id == pair["note_id"]]
    return compare_claims(claims, source, lang=LanguageOnDemand(doc.text))  # as verify does


def score(pairs: list[dict], verbose: bool = False) -> dict:
    tp = fp = fn = 0
    verdict_ok = verdict_n = 0
    diag_ok = diag_n = 0
    misses: list[str] = []
    for pair in pairs:
        checks = run_pair(pair)
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
            got_verdict = got.verdict.value if got else "absent"
            if exp["verdict"] != "absent" and got is None:
                got_verdict = "missing"
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
        "inconsistent": tp + fn,
        "inconsistent_precision": precision,
        "inconsistent_recall": recall,
        "verdict_accuracy": verdict_ok / verdict_n if verdict_n else 1.0,
        "diagnosis_accuracy": diag_ok / diag_n if diag_n else 1.0,
        "misses": misses,
    }


def meets_targets(result: dict) -> bool:
    return all(result[key] >= target for key, target in TARGETS.items())


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    files = [Path(a) for a in argv if a != "-v"]
    groups = [(path.stem, path) for path in files] if files else GROUPS
    header = f"{'group':<36} {'pairs':>5} {'figs':>5} {'inc':>4} {'P(inc)':>7} {'R(inc)':>7} {'verdict':>8} {'diagn':>6}"
    print(header)
    all_misses: list[tuple[str, str]] = []
    met = True
    for name, path in groups:
        result = score(load([path]), verbose)
        ok = meets_targets(result)
        met &= ok
        print(
            f"{name:<36} {result['pairs']:>5} {result['figures']:>5} {result['inconsistent']:>4} "
            f"{result['inconsistent_precision']:>7.3f} {result['inconsistent_recall']:>7.3f} "
            f"{result['verdict_accuracy']:>8.3f} {result['diagnosis_accuracy']:>6.3f}"
            + ("" if ok else "  below target")
        )
        all_misses.extend((name, m) for m in result["misses"])
    print(
        "targets: precision and recall of inconsistent >= 0.97, diagnosis accuracy >= 0.95 on every group: "
        + ("met" if met else "NOT met")
    )
    if all_misses:
        print("misses:")
        for name, m in all_misses:
            print(f"  [{name}] {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
