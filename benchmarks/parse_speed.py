"""References per second of ``parse_reference`` on one core.

Usage::

    python benchmarks/parse_speed.py [N] [PATH_TO_ANYSTYLE_XML]

Builds a corpus of N (default 12,000) references in memory by cycling the AnyStyle
labelled strings (read from ``shared/parsing/anystyle-core.xml`` in the nearest folder above the
repository that has it, or ``$CITECHECK_ANYSTYLE_XML``, never copied), the seed's notes and the
lines of the style sets in ``tests/data/styles/`` (GB/T 7714, Chinese notes, Chicago notes), and
perturbing each copy (a different year,
page numbers shifted, a name's case changed, a citation number prefixed), so no two
strings are identical and no cache can help. The figure is references per second of
process CPU time (single-threaded code, so one core); the wall-clock rate is printed too,
since on a loaded machine it is lower. Also times the bundled seed paper end to end
(read + segment + parse + keys), and reads a LaTeX paper of 8,000 footnotes one per line and
all on one line (a linear reader takes about the same time for both). Prints the median of 3 runs.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from citecheck.references.fields import parse_reference

ROOT = Path(__file__).resolve().parent.parent
STYLES = ROOT / "tests" / "data" / "styles"


def _shared_anystyle() -> Path:
    """``shared/parsing/anystyle-core.xml`` in the nearest folder above the repository that has it."""
    for folder in ROOT.parents:
        candidate = folder / "shared" / "parsing" / "anystyle-core.xml"
        if candidate.exists():
            return candidate
    return ROOT.parent / "shared" / "parsing" / "anystyle-core.xml"


DEFAULT = Path(os.environ.get("CITECHECK_ANYSTYLE_XML") or _shared_anystyle())
SEED = ROOT / "seeds" / "china-latin-america-green-cooperation-2022.txt"


def _shift_year(text: str, k: int) -> str:
    def repl(m: re.Match[str]) -> str:
        return f"{m.group(1)}{(int(m.group(2)) + k) % 100:02d}"

    return re.sub(r"\b(19|20)(\d\d)\b", repl, text, count=1)


def _shift_pages(text: str, k: int) -> str:
    def repl(m: re.Match[str]) -> str:
        return f"{int(m.group(1)) + k}-{int(m.group(2)) + k}"

    return re.sub(r"\b(\d{2,4})\s*[-–]\s*(\d{2,4})\b", repl, text, count=1)


def corpus(n: int, path: Path) -> list[str]:
    base = [" ".join(" ".join((el.text or "").split()) for el in seq) for seq in ET.parse(path).getroot()]
    seed_lines = [
        ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.startswith("ÿ ") and len(ln) < 600
    ]
    base += seed_lines
    for path in sorted(STYLES.glob("*.jsonl")):
        base += [json.loads(ln)["text"] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rng = random.Random(1)
    out = []
    for i in range(n):
        text = base[i % len(base)]
        k = i // len(base)
        text = _shift_year(text, k)
        text = _shift_pages(text, k)
        if rng.random() < 0.3:
            text = f"[{i % 97 + 1}] {text}"
        out.append(text)
    return out


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 12000
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT
    if not path.exists():
        print(f"labelled file not found: {path}", file=sys.stderr)
        return 2
    refs = corpus(n, path)
    t0 = time.process_time()
    sum(range(30_000_000))
    print(
        f"machine yardstick: sum(range(3e7)) took {time.process_time() - t0:.2f} s CPU (about 0.4 s on an idle modern core)"
    )
    runs, walls = [], []
    for _ in range(3):
        t0, w0 = time.process_time(), time.perf_counter()
        for text in refs:
            parse_reference(text)
        runs.append(time.process_time() - t0)
        walls.append(time.perf_counter() - w0)
    med, wall = statistics.median(runs), statistics.median(walls)
    print(
        f"{len(refs)} references, median of 3 runs: {len(refs) / med:,.0f} references/s of CPU time on one core "
        f"({med:.2f} s CPU; {len(refs) / wall:,.0f}/s by the wall clock, {wall:.2f} s, on a shared machine)"
    )

    from citecheck.document import load_document
    from citecheck.references.extract import extract_references

    seed_runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        doc = load_document(SEED)
        found = extract_references(doc)
        seed_runs.append(time.perf_counter() - t0)
    print(
        f"seed paper: {len(found)} references, median {statistics.median(seed_runs) * 1000:.1f} ms end to end"
    )
    big = (
        "ÿ "
        + ("Wu Zhicheng, Li Jiaxuan: «Title», published in «Journal», Issue 3, 2021 " * 14000)[:1_000_000]
    )
    t0 = time.perf_counter()
    parse_reference(big)
    print(f"one 1 MB reference: {(time.perf_counter() - t0) * 1000:.1f} ms")
    _latex_lines()
    return 0


def _latex_lines(n: int = 8000) -> None:
    """LaTeX: n footnotes on one line against one per line (linear reading: a ratio near 1)."""
    from citecheck.document import read_document

    notes = [f"Claim {i}.\\footnote{{Xinhua, 2019, p. {i}.}} " for i in range(n)]
    times = {}
    for layout, text in (("one per line", "\n".join(notes)), ("all on one line", "".join(notes))):
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            read_document(text + "\n", format="latex")
            runs.append(time.perf_counter() - t0)
        times[layout] = statistics.median(runs)
    per_line, one_line = times["one per line"], times["all on one line"]
    print(
        f"LaTeX, {n} footnotes, median of 3: {per_line:.2f} s one per line, {one_line:.2f} s all on one line "
        f"(ratio {one_line / per_line:.2f})"
    )


if __name__ == "__main__":
    sys.exit(main())
