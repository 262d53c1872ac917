"""Field accuracy of ``parse_reference`` on labelled references: AnyStyle core and our style sets.

Usage::

    python benchmarks/parse_accuracy.py [PATH_TO_ANYSTYLE_XML] [--errors FIELD] [--set NAME] [--split S]

Two kinds of labelled data are scored, each on its own lines:

**AnyStyle core** (``core.xml``, 1,514 references, mostly English), read from
``shared/parsing/anystyle-core.xml`` in the nearest folder above the repository that has it (or
``$CITECHECK_ANYSTYLE_XML``) and never copied into the project. Each ``<sequence>`` is one
reference; its text is the labelled segments joined by spaces, and the parser sees only that
text. It is scored whole and split in two: *tuned* (the sequences whose position is not 3 mod 4)
and *unseen* (position 3 mod 4, about 380 references) that no rule was written from.
Field-level precision / recall / F1:

* A field counts for a reference when the gold or the prediction has it. Gold present and
  prediction equal after normalisation: true positive. Prediction present but not equal
  (or gold absent): false positive. Gold present but prediction absent or not equal:
  false negative. So a wrong value costs both precision and recall, as in GROBID's
  end-to-end evaluation.
* Normalisation: inline markup tags dropped ("<italic>Thomomys bottae.</italic>" == "Thomomys
  bottae"), Unicode NFKC, lower case, every run of non-alphanumeric characters removed
  ("Backtrack programming." == "backtrack programming").
* author: the multiset of alphabetic tokens of all author names, without connectors
  ("and", "&", "et", "al", "others", "eds"), so "Romero, C., & Dweck, C." equals
  "C. Romero and C. Dweck". Gold that is only a dash ("———.", same author as above) is
  not scored. The ``editor`` label is not author.
* title: normalised text.
* container: gold ``journal`` or ``container-title`` (joined if both), with a leading
  "in"/"in:" or "of" dropped (AnyStyle labels the word that links a part to its whole,
  "Vol. 6 of Sämtliche Werke", as container), compared normalised. Where the gold labels two
  containers (a book and its proceedings, a collected works and its volume), a prediction equal
  to either of them also counts: a parser gives one container.
* date: the four-digit year (first one in the gold date); prediction: ``Reference.year``.
* pages: digit groups joined by "-" ("pp. 1761–1800)." -> "1761-1800"; "Page 01" -> "01").
* url: normalised text after dropping a leading "URL:", "<" and the scheme (the parser
  writes "http://" before a bare "www." address); the prediction is ``Url.repaired``.

**Style sets** (``tests/data/styles/*.jsonl``: Chinese GB/T 7714 references, Chinese journal
footnotes, Chicago and think-tank notes, written for this project around realistic works; one
JSON object per line with the text and its gold fields). Each set is scored on its ``dev`` part
(the lines rules were written against) and its ``held-out`` part (never tuned on) separately.
Per-field *accuracy*: the share of references whose prediction equals the gold after
normalisation, an absent gold matched only by an absent prediction. A third part, *blind*
(``tests/data/styles/<name>_blind.jsonl``), was written by someone who had not read the rules or
the dev and held-out lines, with the variety of real papers; it is the nearest stand-in for an
unseen set of the same style. authors: the multiset of
normalised names (the people named before the title: ``Reference.authors``, or its editors
when it names no author); title, container: normalised text; year; pages: digit groups (letters
kept: "A3", "xv"); url: as above; accessed: the ISO access date.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from citecheck.references.fields import parse_reference

ROOT = Path(__file__).resolve().parent.parent
STYLES = ROOT / "tests" / "data" / "styles"
STYLE_SETS = ("gbt7714", "cn_notes", "chicago")
STYLE_FIELDS = ("authors", "title", "container", "year", "pages", "url", "accessed")


def _shared_anystyle() -> Path:
    """``shared/parsing/anystyle-core.xml`` in the nearest folder above the repository that has it."""
    for folder in ROOT.parents:
        candidate = folder / "shared" / "parsing" / "anystyle-core.xml"
        if candidate.exists():
            return candidate
    return ROOT.parent / "shared" / "parsing" / "anystyle-core.xml"


DEFAULT = Path(os.environ.get("CITECHECK_ANYSTYLE_XML") or _shared_anystyle())
FIELDS = ("author", "title", "container", "date", "pages", "url")
_CONNECTORS = {"and", "et", "al", "others", "eds", "ed", "editors", "editor", "und", "e", "y"}


_MARKUP = re.compile(r"</?[A-Za-z][\w-]*>")


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", _MARKUP.sub("", text)).lower()
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
    text = re.sub(r"(?i)^\s*(?:in\s*:?|of)\s+", "", _MARKUP.sub("", text).strip())
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
    spans = [container_key(t) for t in gold.get("journal", []) + gold.get("container-title", [])]
    g["container_any"] = {k for k in spans if k} if len(spans) > 1 else set()
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


def score_anystyle(seqs: list[ET.Element], errors: str | None = None, limit: int = 40) -> dict:
    """Per-field (P, R, F1) of ``seqs``; prints up to ``limit`` mismatches of field ``errors``."""
    tp, fp, fn = Counter(), Counter(), Counter()
    shown = 0
    for seq in seqs:
        text, gold = gold_of(seq)
        try:
            ref = parse_reference(text)
        except Exception as exc:  # the benchmark must report, not stop
            print(f"EXCEPTION {type(exc).__name__}: {exc}: {text[:100]}", file=sys.stderr)
            for f in FIELDS:
                fn[f] += bool(gold[f])
            continue
        pred = predicted(ref)
        for f in FIELDS:
            g, p = gold[f], pred[f]
            if f == "author" and g is None and any(e.tag == "author" for e in seq):
                continue  # dash-only gold author ("———.")
            if not g and not p:
                continue
            if g and (p == g or (f == "container" and p in gold["container_any"])):
                tp[f] += 1
                continue
            if p:
                fp[f] += 1
            if g:
                fn[f] += 1
            if errors == f and shown < limit:
                shown += 1
                print(f"--- {text}\n    gold: {g}\n    pred: {p}")
    out = {}
    for f in FIELDS:
        p = tp[f] / (tp[f] + fp[f]) if tp[f] + fp[f] else 0.0
        r = tp[f] / (tp[f] + fn[f]) if tp[f] + fn[f] else 0.0
        out[f] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


# ----------------------------------------------------------------------------- style sets


def load_style_set(name: str, split: str | None = None) -> list[dict]:
    """The labelled lines of one style set (``split``: "dev", "held-out", "blind" or None for dev and
    held-out). The blind part lives in its own file, ``<name>_blind.jsonl``."""
    rows = []
    path = STYLES / (f"{name}_blind.jsonl" if split == "blind" else f"{name}.jsonl")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if split is None or row.get("split", "dev") == split:
                rows.append(row)
    return rows


def _pages(text: str | None) -> str:
    return "-".join(re.findall(r"[A-Za-z]?\d+|\b[ivxlc]+\b", text or "", flags=re.I)).lower()


def style_keys(values: dict) -> dict:
    """Normalised comparison keys of one reference's fields (gold row or prediction)."""
    names = values.get("authors") or []
    return {
        "authors": Counter(norm(n) for n in names if norm(n)),
        "title": norm(values.get("title")),
        "container": container_key(values.get("container")),
        "year": str(values.get("year") or ""),
        "pages": _pages(values.get("pages")),
        "url": url_key(values.get("url")),
        "accessed": values.get("accessed") or "",
    }


def style_prediction(ref) -> dict:
    return {
        "authors": list(ref.authors or ref.editors),
        "title": ref.title,
        "container": ref.container,
        "year": ref.year,
        "pages": ref.pages,
        "url": ref.url.repaired if ref.url and ref.url.repaired else None,
        "accessed": ref.access_date,
    }


def score_style_set(rows: list[dict], errors: str | None = None, limit: int = 40) -> dict[str, float]:
    """Per-field accuracy over ``rows``; prints up to ``limit`` mismatches of field ``errors``."""
    right = Counter()
    shown = 0
    for row in rows:
        try:
            pred = style_keys(style_prediction(parse_reference(row["text"])))
        except Exception as exc:  # the benchmark must report, not stop
            print(f"EXCEPTION {type(exc).__name__}: {exc}: {row['text'][:100]}", file=sys.stderr)
            continue
        gold = style_keys(row)
        for f in STYLE_FIELDS:
            if pred[f] == gold[f]:
                right[f] += 1
            elif errors == f and shown < limit:
                shown += 1
                print(f"--- {row['text']}\n    gold: {gold[f]}\n    pred: {pred[f]}")
    return {f: right[f] / len(rows) if rows else 0.0 for f in STYLE_FIELDS}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xml", nargs="?", default=str(DEFAULT))
    ap.add_argument("--errors", help="print the mismatches of one field")
    ap.add_argument("--set", choices=("anystyle", *STYLE_SETS), help="score only this set")
    ap.add_argument("--split", help="with --errors: only this part (tuned, unseen, dev, held-out, blind)")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.set in (None, "anystyle"):
        path = Path(args.xml)
        if not path.exists():
            print(f"labelled file not found: {path} (set $CITECHECK_ANYSTYLE_XML)", file=sys.stderr)
            return 2
        seqs = list(ET.parse(path).getroot())
        parts = {
            "all": seqs,
            "tuned": [s for i, s in enumerate(seqs) if i % 4 != 3],
            "unseen": [s for i, s in enumerate(seqs) if i % 4 == 3],
        }
        print(f"AnyStyle {path.name}: F1 per field (P/R in brackets)")
        print(f"{'part':<8} {'n':>5} " + " ".join(f"{f:>17}" for f in FIELDS))
        for part, items in parts.items():
            errs = (
                args.errors
                if args.errors in FIELDS and args.split in (part, None) and part != "all"
                else None
            )
            res = score_anystyle(items, errs, args.limit)
            cells = " ".join(f"{res[f][2]:.3f} ({res[f][0]:.2f}/{res[f][1]:.2f})" for f in FIELDS)
            print(f"{part:<8} {len(items):>5} {cells}")
    for name in STYLE_SETS if args.set in (None, *STYLE_SETS) else ():
        if args.set not in (None, name):
            continue
        print(f"style set {name}: accuracy per field")
        print(f"{'part':<9} {'n':>4} " + " ".join(f"{f:>9}" for f in STYLE_FIELDS))
        for split in ("dev", "held-out", "blind"):
            rows = load_style_set(name, split)
            errs = args.errors if args.errors in STYLE_FIELDS and args.split in (split, None) else None
            res = score_style_set(rows, errs, args.limit)
            print(f"{split:<9} {len(rows):>4} " + " ".join(f"{res[f]:9.3f}" for f in STYLE_FIELDS))
    print(f"({time.perf_counter() - t0:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
