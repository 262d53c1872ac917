"""PDF and DOCX reading: speed, accuracy of the candidate PDF libraries, and peak memory.

Usage::

    python benchmarks/read_speed.py [--candidates]

- **PDF reader** (pypdfium2 + the layout pipeline of ``citecheck.document.pdf``): pages per
  second of process CPU time (one core) over the nine fixture PDFs in tests/data/papers
  (three papers × one column with footnotes, two columns, endnotes), and a 300-page PDF
  (the fixtures' pages repeated) read in a child process whose peak RSS is printed.
- **Accuracy** on those PDFs: notes found (number and text equal to the Markdown source's),
  markers linked to the right note (the k-th call-out calls note k), running-header text
  inside any reference (must be 0).
- **DOCX**: notes per second on a generated 2,000-note document and on the fixtures.
- ``--candidates``: the same accuracy and speed through the other libraries' characters,
  fed to the same layout pipeline: pdfplumber (pdfminer.six; ``pip install pdfplumber``)
  and pypdf's text visitor (positions and sizes of text chunks, no glyph widths). PyMuPDF
  is not measured: it is AGPL-licensed, which an MIT project cannot depend on without
  putting its users under the AGPL.

Medians of 3 runs. On a loaded machine CPU time is the fairer figure; wall time is printed too.
"""

from __future__ import annotations

import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from array import array
from pathlib import Path

from citecheck.document import load_document
from citecheck.document.docx import read_docx
from citecheck.document.pdf.glyphs import PageGlyphs, Rule, read_pages
from citecheck.document.pdf.reader import read_glyph_pages
from citecheck.references.claims import link_marker_pairs
from citecheck.references.extract import extract_references

PAPERS = Path(__file__).resolve().parent.parent / "tests" / "data" / "papers"
NAMES = ("energy-transition", "trade-finance", "resource-policy")
LAYOUTS = ("footnotes", "twocolumn", "endnotes")
RUNNING = ("Policy Papers on Regional Development", "Vol. 12, No. 3 (2023)")


def _pdfium(data: bytes):
    return read_pages(data)


def _pdfplumber(data: bytes):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            text, xs, tops, sizes = [], array("d"), array("d"), array("d")
            prev = None
            for ch in page.chars:
                base = page.height - ch["matrix"][5]
                if prev is not None and (
                    abs(ch["top"] - prev["top"]) > 0.5 * ch["size"]
                    or ch["x0"] - prev["x1"] > 0.15 * ch["size"]
                ):
                    text.append(" ")
                    xs.append(ch["x0"])
                    tops.append(base)
                    sizes.append(ch["size"])
                for letter in ch["text"]:
                    text.append(letter)
                    xs.append(ch["x0"])
                    tops.append(base)
                    sizes.append(ch["size"])
                prev = ch
            rules = tuple(
                Rule(r["x0"], r["x1"], r["top"])
                for r in page.rects + page.lines
                if r["height"] <= 2 and r["width"] >= 15
            )
            yield PageGlyphs(number, page.width, page.height, "".join(text), xs, tops, sizes, rules)
            page.close()


def _pypdf(data: bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, 1):
        height = float(page.mediabox.height)
        chunks = []

        def visit(text, cm, tm, font, size, chunks=chunks, height=height):
            if not text.strip():
                return
            a, b, c, d, e, f = tm
            x = e * cm[0] + f * cm[2] + cm[4]
            y = e * cm[1] + f * cm[3] + cm[5]
            eff = size * (abs(d * cm[3]) or abs(a * cm[0]) or 1)
            chunks.append((text, x, height - y, eff))

        page.extract_text(visitor_text=visit)
        text, xs, tops, sizes = [], array("d"), array("d"), array("d")
        end = None
        for chunk, x, top, size in chunks:
            if end is not None and x > end + 0.2 * size:
                text.append(" ")
                xs.append(x)
                tops.append(top)
                sizes.append(size)
            for k, ch in enumerate(chunk.replace("\n", " ")):
                text.append(ch)
                xs.append(x + 0.5 * size * k)
                tops.append(top)
                sizes.append(size)
            end = x + 0.5 * size * len(chunk)
        yield PageGlyphs(number, float(page.mediabox.width), height, "".join(text), xs, tops, sizes)


BACKENDS = {"pypdfium2": _pdfium, "pdfplumber": _pdfplumber, "pypdf visitor": _pypdf}


def _accuracy(backend) -> tuple[float, float, int, int]:
    found = linked = total = headers = pages = 0
    for name in NAMES:
        gold = {n.number: n.text for n in load_document(PAPERS / f"{name}.md").notes}
        for layout in LAYOUTS:
            data = (PAPERS / f"{name}-{layout}.pdf").read_bytes()
            doc = read_glyph_pages(backend(data))
            pages += len(doc.pages)
            got = {n.number: n.text for n in doc.notes}
            found += sum(1 for k, text in gold.items() if got.get(k) == text)
            numbers = {n.id: n.number for n in doc.notes}
            linked += sum(1 for k, (i, _) in enumerate(link_marker_pairs(doc), 1) if numbers[i] == k)
            total += len(gold)
            headers += sum(1 for r in extract_references(doc) for h in RUNNING if h in r.raw)
    return found / total, linked / total, headers, pages


def _speed(backend, repeat: int = 3) -> tuple[float, float]:
    """(pages per CPU second, pages per wall second), medians."""
    files = [(PAPERS / f"{n}-{lay}.pdf").read_bytes() for n in NAMES for lay in LAYOUTS]
    cpu, wall = [], []
    for _ in range(repeat):
        pages = 0
        c0, w0 = time.process_time(), time.perf_counter()
        for data in files:
            pages += len(read_glyph_pages(backend(data)).pages)
        cpu.append(pages / (time.process_time() - c0))
        wall.append(pages / (time.perf_counter() - w0))
    return statistics.median(cpu), statistics.median(wall)


def _big_pdf(path: Path, count: int = 300) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    sources = [PdfReader(PAPERS / f"{n}-{lay}.pdf") for n in NAMES for lay in LAYOUTS]
    while len(writer.pages) < count:
        for src in sources:
            for page in src.pages:
                if len(writer.pages) < count:
                    writer.add_page(page)
    with path.open("wb") as handle:
        writer.write(handle)


def _peak_rss(path: Path) -> tuple[int, float, int]:
    code = (
        "import sys, time; from citecheck.document import load_document; t = time.process_time(); "
        "doc = load_document(sys.argv[1]); "
        "hwm = next(ln for ln in open('/proc/self/status') if ln.startswith('VmHWM:')); "
        "print(len(doc.notes), time.process_time() - t, int(hwm.split()[1]) // 1024)"
    )
    # the child's own peak (VmHWM): ru_maxrss would report this process's peak, which a
    # vfork()ed child inherits at exec
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    notes, seconds, peak = out.stdout.split()
    return int(notes), float(seconds), int(peak)


def _docx_speed(notes: int = 2000) -> float:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(
        f'<w:p><w:r><w:t>Capacity reached {i} MW in 2022.</w:t></w:r><w:r><w:footnoteReference w:id="{i}"/></w:r></w:p>'
        for i in range(1, notes + 1)
    )
    fns = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Author {i}, J. '
        f"(2019). Title {i}. Journal, 3(2), 45-67.</w:t></w:r></w:p></w:footnote>"
        for i in range(1, notes + 1)
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
        z.writestr("word/footnotes.xml", f"<w:footnotes {ns}>{fns}</w:footnotes>")
    data = buf.getvalue()
    rates = []
    for _ in range(3):
        c0 = time.process_time()
        doc = read_docx(data)
        rates.append(len(doc.notes) / (time.process_time() - c0))
    return statistics.median(rates)


def main() -> None:
    candidates = "--candidates" in sys.argv
    names = list(BACKENDS) if candidates else ["pypdfium2"]
    print("PDF reader (9 fixture PDFs: 3 papers x footnotes / two columns / endnotes; 180 notes per layout)")
    for name in names:
        try:
            found, linked, headers, pages = _accuracy(BACKENDS[name])
            cpu, wall = _speed(BACKENDS[name])
        except ImportError as exc:
            print(f"  {name:14s} not installed ({exc.name})")
            continue
        print(
            f"  {name:14s} notes found {found:.3f}  markers linked {linked:.3f}  headers in references {headers}"
            f"  | {cpu:6.1f} pages/s CPU ({wall:.1f} wall), {pages} pages"
        )
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "300-pages.pdf"
        _big_pdf(big)
        notes, seconds, peak = _peak_rss(big)
        print(
            f"  300-page PDF: {notes} notes in {seconds:.1f} s CPU ({300 / seconds:.1f} pages/s), peak RSS {peak} MB"
        )
    docx_rate = _docx_speed()
    fixtures = [PAPERS / f"{n}.docx" for n in NAMES]
    c0 = time.process_time()
    count = sum(len(load_document(p).notes) for p in fixtures)
    print(
        f"DOCX reader: {docx_rate:.0f} notes/s CPU (2,000-note file); fixtures {count / (time.process_time() - c0):.0f} notes/s"
    )
    print(f"(this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")


if __name__ == "__main__":
    main()
