"""Field-level precision / recall / F1 of ``parse_reference`` on labelled references.

Usage::

    python benchmarks/parse_accuracy.py [PATH_TO_ANYSTYLE_XML] [--errors FIELD]

The labelled set is AnyStyle's ``core.xml`` (1,514 references, mostly English), read from
``../shared/parsing/anystyle-core.xml`` (beside the repository) (or ``$CITECHECK_ANYSTYLE_XML``) and never
copied into the project. Each ``<sequence>`` is one reference; its text is the labelled
segments joined by spaces, and the parser sees only that text.

Scoring rules (the same for any labelled file in this format):

* A field counts for a reference when the gold or the prediction has it. Gold present and
  prediction equal after normalisation: true positive. Prediction present but not equal
  (or gold absent): false positive. Gold present but prediction absent or not equal:
  false negative. So a wrong value costs both precision and recall, as in GROBID's
  end-to-end evaluation.
* Normalisation: Unicode NFKC, lower case, every run of non-alphanumeric characters
  removed ("Backtrack programming." == "backtrack programming").
* author: the multiset of alphabetic tokens of all author names, without connectors
  ("and", "&", "et", "al", "others", "eds"), so "Romero, C., & Dweck, C." equals
  "C. Romero and C. Dweck". Gold that is only a dash ("———.", same author as above) is
  not scored. The ``editor`` label is not author.
* title: normalised text.
* container: gold ``journal`` or ``container-title`` (joined if both), with a leading
  "in"/"in:" dropped, compared normalised.
* date: the four-digit year (first one in the gold date); prediction: ``Reference.year``.
* pages: digit groups joined by "-" ("pp. 1761–1800)." -> "1761-1800"; "Page 01" -> "01").
* url: normalised text after dropping a leading "URL:", "<" and the scheme (the parser
  writes "http://" before a bare "www." address); the prediction is ``Url.repaired``.

Prints a table of P/R/F1 per field and the share of references parsed without exception,
The bundled seed paper is scored by ``benchmarks/seed_accuracy.py`` against its gold standard
``tests/data/seed_gold.json``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from citecheck.references.fields import parse_reference

# The labelled set lives in ../shared beside the repository (never copied into it).
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "parsing" / "anystyle-core.xml"
DEFAULT = Path(os.environ.get("CITECHECK_ANYSTYLE_XML", str(SHARED)))
FIELDS = ("author", "title", "container", "date", "pages", "url")
_CONNECTORS = {"and", "et", "al", "others", "eds", "ed", "editors", "editor", "und", "e", "y"}


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\W_]+", "", text)


def author_key(text: str | None) -> Counter | None:
    if not text:
        return None
    text = unicodedata.normalize("NFKC", text).lower()
    toks = [t for t in re.findall(r"[^\W\d_]+", text) if t not in _CONNECTORS]
    return Counter(toks) if toks else None


def url_key(text: str | None) -> str:
    if not text:
        return ""
    text = re.sub(r"(?i)^\s*(?:url\s*:?\s*|<)?(?:https?://)?", "", text.strip())
    return norm(text)


def year_key(text: str | None) -> str:
    if not text:
        return ""
    m = re.search(r"(1[5-9]\d\d|20\d\d)", str(text))
    return m.group(1) if m else ""


def pages_key(text: str | None) -> str:
    if not text:
        return ""
    return "-".join(re.findall(r"\d+", text))


def container_key(text: str | None) -> str:
    if not text:
        return ""
    text = re.sub(r"(?i)^\s*in\s*:?\s+", "", text.strip())
    return norm(text)


def gold_of(seq: ET.Element) -> tuple[str, dict]:
    parts, gold = [], {}
    for el in seq:
        txt = " ".join((el.text or "").split())
        if not txt:
            continue
        parts.append(txt)
        gold.setdefault(el.tag, []).append(txt)
    text = " ".join(parts)
    g = {
        "author": author_key(" ".join(gold.get("author", []))),
        "title": norm(gold.get("title", [""])[0]),
        "container": container_key(" ".join(gold.get("journal", []) + gold.get("container-title", []))),
        "date": year_key(gold.get("date", [""])[0]),
        "pages": pages_key(gold.get("pages", [""])[0]),
        "url": url_key(gold.get("url", [""])[0]),
    }
    return text, g


def predicted(ref) -> dict:
    return {
        "author": author_key(" ".join(ref.authors)) if ref.authors else None,
        "title": norm(ref.title),
        "container": container_key(ref.container),
        "date": str(ref.year) if ref.year else "",
        "pages": pages_key(ref.pages),
        "url": url_key(ref.url.repaired) if ref.url and ref.url.repaired else "",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xml", nargs="?", default=str(DEFAULT))
    ap.add_argument("--errors", choices=FIELDS, help="print the mismatches of one field")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args(argv)
    path = Path(args.xml)
    if not path.exists():
        print(f"labelled file not found: {path}", file=sys.stderr)
        return 2
    seqs = list(ET.parse(path).getroot())
    tp, fp, fn = Counter(), Counter(), Counter()
    failures = 0
    shown = 0
    t0 = time.perf_counter()
    for seq in seqs:
        text, gold = gold_of(seq)
        try:
            ref = parse_reference(text)
        except Exception as exc:  # the benchmark must report, not stop
            failures += 1
            print(f"EXCEPTION {type(exc).__name__}: {exc}: {text[:100]}", file=sys.stderr)
            continue
        pred = predicted(ref)
        for f in FIELDS:
            g, p = gold[f], pred[f]
            if f == "author" and g is None and any(e.tag == "author" for e in seq):
                continue  # dash-only gold author ("———.")
            if not g and not p:
                continue
            if g and p == g:
                tp[f] += 1
                continue
            if p:
                fp[f] += 1
            if g:
                fn[f] += 1
            if args.errors == f and shown < args.limit:
                shown += 1
                print(f"--- {text}\n    gold: {g}\n    pred: {p}")
    elapsed = time.perf_counter() - t0
    print(f"{len(seqs)} references from {path.name}, {failures} exceptions, {elapsed:.2f} s")
    print(f"{'field':<10} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>5} {'fp':>5} {'fn':>5}")
    for f in FIELDS:
        p = tp[f] / (tp[f] + fp[f]) if tp[f] + fp[f] else 0.0
        r = tp[f] / (tp[f] + fn[f]) if tp[f] + fn[f] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{f:<10} {p:6.3f} {r:6.3f} {f1:6.3f}   {tp[f]:5d} {fp[f]:5d} {fn[f]:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
