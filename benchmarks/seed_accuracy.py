"""Seed accuracy: how well citecheck reads the bundled paper's footnotes.

Compares ``extract_references`` on the seed with the hand-labelled gold standard
``tests/data/seed_gold.json`` and prints:

* found / false / missed works (a found work overlaps the gold lines and its text starts
  with the gold's first characters);
* per-field accuracy over the found works for authors, title, container and year
  (strings compared after case folding and dropping everything but letters and digits,
  so quote styles and spacing do not matter; author lists must match in order; a gold
  ``null`` is only matched by an empty field; ``accept`` lists other right answers);
* URLs: exact restoration rate for the URLs whose text is complete, and the rate at which
  garbled / cut / corrupted URLs are flagged incomplete (or restored to the real address);
* the time to read and segment + parse the seed in process (median of several runs).

Run: ``python benchmarks/seed_accuracy.py [-v]`` (``-v`` lists every miss).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

from citecheck.document import load_document, read_document
from citecheck.references.extract import extract_references

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "china-latin-america-green-cooperation-2022.txt"
GOLD = ROOT / "tests" / "data" / "seed_gold.json"
FIELDS = ("authors", "title", "container", "year")


def norm(value) -> str:
    if value is None:
        return ""
    return re.sub(r"[\W_]+", "", str(value).casefold())


def norm_authors(names) -> tuple[str, ...]:
    return tuple(norm(n) for n in names or ())


def field_ok(gold: dict, ref, name: str) -> bool:
    accepted = [gold[name], *gold.get("accept", {}).get(name, [])]
    if name == "authors":
        got = norm_authors(ref.authors)
        return any(got == norm_authors(a) for a in accepted)
    got = getattr(ref, name)
    if name == "year":
        return any(got == a for a in accepted)
    return any(norm(got) == norm(a) for a in accepted)


def match(gold_works: list[dict], refs: list) -> dict[int, object]:
    """Gold id -> the reference that reads that work (one-to-one, greedy in text order)."""
    out: dict[int, object] = {}
    for ref in refs:
        if ref.span is None:
            continue
        head = norm(ref.raw)[:120]
        for g in gold_works:
            if g["id"] in out:
                continue
            a, b = g["lines"]
            if ref.span.end_line < a or ref.span.start_line > b:
                continue
            if head.startswith(norm(g["starts_with"])):
                out[g["id"]] = ref
                break
    return out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["works"]
    text = SEED.read_text(encoding="utf-8")
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        refs = extract_references(read_document(text, path=str(SEED)))
        times.append(time.perf_counter() - t0)
    refs = extract_references(load_document(SEED))
    found = match(gold, refs)
    matched_refs = {id(r) for r in found.values()}
    false = [r for r in refs if id(r) not in matched_refs]
    missed = [g for g in gold if g["id"] not in found]
    print(f"seed: {SEED.name}")
    print(f"references: gold {len(gold)}, extracted {len(refs)}")
    print(f"found {len(found)} / {len(gold)}   false {len(false)}   missed {len(missed)}")
    fails: dict[str, list] = {f: [] for f in FIELDS}
    for g in gold:
        ref = found.get(g["id"])
        if ref is None:
            continue
        for f in FIELDS:
            if not field_ok(g, ref, f):
                got = ref.authors if f == "authors" else getattr(ref, f)
                fails[f].append((g["id"], g[f], got))
    n = len(found) or 1
    for f in FIELDS:
        ok = len(found) - len(fails[f])
        print(f"  {f:<10} {ok:>3}/{len(found)}  {100 * ok / n:5.1f}%")
    all_ok = sum(1 for g in gold if g["id"] in found and all(field_ok(g, found[g["id"]], f) for f in FIELDS))
    print(f"  all four   {all_ok:>3}/{len(found)}  {100 * all_ok / n:5.1f}%")
    complete = [g for g in gold if g["url_complete"] is True]
    garbled = [g for g in gold if g["url_complete"] is False]
    restored, flagged, url_fails = 0, 0, []
    for g in complete:
        ref = found.get(g["id"])
        url = ref.url if ref is not None else None
        accepted = [g["url_repaired"], *g.get("accept", {}).get("url_repaired", [])]
        if url is not None and url.complete and url.repaired in accepted:
            restored += 1
        else:
            url_fails.append((g["id"], g["url_repaired"], url and (url.repaired, url.complete)))
    for g in garbled:
        ref = found.get(g["id"])
        url = ref.url if ref is not None else None
        if url is not None and (not url.complete or (g.get("url_true") and url.repaired == g["url_true"])):
            flagged += 1
        else:
            url_fails.append((g["id"], "incomplete", url and (url.repaired, url.complete)))
    print(f"URLs complete in the text restored exactly: {restored}/{len(complete)}")
    print(f"URLs garbled/cut flagged incomplete:        {flagged}/{len(garbled)}")
    print(
        f"time read+extract in process: median {1000 * statistics.median(times):.1f} ms over {len(times)} runs"
    )
    if verbose:
        for g in missed:
            print(f"MISSED  #{g['id']} lines {g['lines']}: {g['starts_with']}")
        for r in false:
            print(f"FALSE   lines {r.span.start_line}-{r.span.end_line}: {r.raw[:90]}")
        for f in FIELDS:
            for gid, want, got in fails[f]:
                print(f"FIELD   #{gid} {f}: want {want!r} got {got!r}")
        for gid, want, got in url_fails:
            print(f"URL     #{gid}: want {want!r} got {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
