"""References per second of ``parse_reference`` on one core.

Usage::

    python benchmarks/parse_speed.py [N] [PATH_TO_ANYSTYLE_XML]
    python benchmarks/parse_speed.py cli [SIZES...]   # CLI parse + export, default 25k 50k 100k

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

``cli`` runs ``citecheck parse --input-format lines -o FILE`` on the corpus, one reference a
line, in a child process per size, against a child that only parses: wall time and peak RSS
(the child's own VmHWM from ``/proc/self/status``; ``ru_maxrss`` of a vfork()ed child carries
its parent's peak) of each, and the ratio of the peaks.
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


_CHILD = """
import sys, time
t0 = time.perf_counter()
if sys.argv[1] == "parse":
    from citecheck.references.load import load_references
    refs = load_references(sys.argv[2], format="lines")
else:
    from citecheck.cli import cli
    cli.main(["parse", sys.argv[2], "--input-format", "lines", "-o", sys.argv[3], "-q"], standalone_mode=False)
elapsed = time.perf_counter() - t0
with open("/proc/self/status") as status:
    hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(elapsed, hwm)
"""


def _child(mode: str, lines: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the child's own VmHWM) of one run in a fresh process."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(lines), str(out)], capture_output=True, text=True, check=True
    )
    elapsed, hwm = done.stdout.split()
    return float(elapsed), int(hwm) / 1024


def cli_export(sizes: list[int], path: Path) -> None:
    """``citecheck parse --input-format lines -o out.bib`` against the parse alone, per size:
    wall time and peak RSS of each, and their ratios (export linear: the same ratio at each size)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            lines = Path(tmp) / f"refs-{n}.txt"
            lines.write_text("\n".join(corpus(n, path)) + "\n", encoding="utf-8")
            out = Path(tmp) / f"refs-{n}.bib"
            parse_t, parse_rss = _child("parse", lines, out)
            cli_t, cli_rss = _child("cli", lines, out)
            print(
                f"{n:>7} references: parse alone {parse_t:6.1f} s, {parse_rss:6.0f} MB peak; "
                f"CLI parse + BibTeX export {cli_t:6.1f} s, {cli_rss:6.0f} MB peak "
                f"(export {(cli_t - parse_t) / n * 1e6:5.0f} us/reference; RSS ratio {cli_rss / parse_rss:.2f})"
            )


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "cli":
        sizes = [int(a) for a in sys.argv[2:]] or [25_000, 50_000, 100_000]
        if not DEFAULT.exists():
            print(f"labelled file not found: {DEFAULT}", file=sys.stderr)
            return 2
        cli_export(sizes, DEFAULT)
        return 0
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
