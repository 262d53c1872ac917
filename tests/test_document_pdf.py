"""PDFs read from their layout: footnote areas, raised call-outs, running headers, columns,
endnotes; one paper as Markdown, DOCX and PDF gives the same references, links and verdicts.

The papers are tests/data/papers/*.md (written by generate.py there); the PDFs and DOCX
files beside them were made from them by pandoc and pdflatex (make.sh).
"""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.document import load_document
from citecheck.document.pdf import MAX_PAGES
from citecheck.document.pdf.joins import join_lines, vocabulary_of
from citecheck.document.pdf.lines import Line, Run
from citecheck.document.pdf.notes import endnote_start, split_notes
from citecheck.document.pdf.zones import PageLines, page_zones, running_lines
from citecheck.errors import InputError
from citecheck.figures import check_figures
from citecheck.references.claims import extract_claims, link_marker_pairs
from citecheck.references.extract import extract_references

PAPERS = Path(__file__).parent / "data" / "papers"
NAMES = ("energy-transition", "trade-finance", "resource-policy")
LAYOUTS = ("footnotes", "twocolumn", "endnotes")
RUNNING = ("Policy Papers on Regional Development", "Vol. 12, No. 3 (2023)")


def _fields(ref) -> dict:
    d = dataclasses.asdict(ref)
    d.pop("raw")
    d.pop("span")
    return d


def _outcome(path: Path, sources: dict[str, str]):
    doc = load_document(path)
    numbers = {n.id: n.number for n in doc.notes}
    claims = extract_claims(doc)
    return (
        [_fields(r) for r in extract_references(doc)],
        [numbers[c.note_id] for c in claims],
        [
            (
                numbers[c.note_id],
                tuple(k.verdict.value for k in check_figures(c.text, sources[str(numbers[c.note_id])])),
            )
            for c in claims
        ],
    )


@pytest.fixture(scope="module")
def markdown_outcomes():
    out = {}
    for name in NAMES:
        sources = json.loads((PAPERS / f"{name}.sources.json").read_text("utf-8"))
        out[name] = (_outcome(PAPERS / f"{name}.md", sources), sources)
    return out


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("form", ("docx", "footnotes.pdf", "twocolumn.pdf", "endnotes.pdf"))
def test_the_same_paper_as_markdown_docx_and_pdf_gives_equal_references_links_and_verdicts(
    markdown_outcomes, name, form
):
    (refs, links, verdicts), sources = markdown_outcomes[name]
    path = PAPERS / (f"{name}.docx" if form == "docx" else f"{name}-{form}")
    got_refs, got_links, got_verdicts = _outcome(path, sources)
    assert got_refs == refs
    assert got_links == links == list(range(1, len(links) + 1))
    assert got_verdicts == verdicts
    assert {v for _, vs in verdicts for v in vs} >= {"consistent", "inconsistent"}


def test_pdf_notes_and_marker_links_reach_0_98_on_three_layouts_and_headers_stay_out(capsys):
    totals = {}
    for layout in LAYOUTS:
        found = linked = notes = markers = 0
        for name in NAMES:
            gold = {n.number: n.text for n in load_document(PAPERS / f"{name}.md").notes}
            doc = load_document(PAPERS / f"{name}-{layout}.pdf")
            got = {n.number: n.text for n in doc.notes}
            found += sum(1 for k, text in gold.items() if got.get(k) == text)
            notes += len(gold)
            numbers = {n.id: n.number for n in doc.notes}
            pairs = link_marker_pairs(doc)
            # the k-th call-out of the paper calls note k
            linked += sum(1 for k, (note_id, _) in enumerate(pairs, 1) if numbers[note_id] == k)
            markers += len(gold)
            for ref in extract_references(doc):
                assert not any(header in ref.raw for header in RUNNING), ref.raw
            assert all(page.header is None or RUNNING[0] in page.header for page in doc.pages)
        totals[layout] = (found / notes, linked / markers)
    with capsys.disabled():
        for layout, (f, m) in totals.items():
            print(f"\n  PDF {layout:10s} notes found {f:.3f}  markers linked {m:.3f}", end="")
    assert all(f >= 0.98 and m >= 0.98 for f, m in totals.values())


def _line(text: str, top: float, *, x0: float = 72, size: float = 10, page: int = 1, sup: str = "") -> Line:
    runs = ((Run(sup, True),) if sup else ()) + (Run(text),)
    return Line(page, top, x0, x0 + 4.5 * len(text), size, runs)


def test_a_line_repeated_at_the_same_height_on_most_pages_is_a_running_header():
    pages = [
        PageLines(
            n,
            612,
            792,
            (
                _line("Journal of Things 12 (2023)", 40),
                _line(f"Body text of page {n} that says something different.", 100 + n),
                _line(str(n), 760),
            ),
        )
        for n in range(1, 5)
    ]
    running = running_lines(pages)
    kept = [ln.text for p in pages for ln in p.lines if id(ln) not in running]
    assert kept == [f"Body text of page {n} that says something different." for n in range(1, 5)]


def test_without_a_separator_rule_the_small_type_at_the_foot_from_a_note_number_is_the_footnote_area():
    body = [_line(f"Body line {i} of the page, set in the text size.", 100 + 12 * i) for i in range(12)]
    foot = [
        _line("Figure 1: a caption in small type.", 300, size=8),
        _line("Smith, J. (2019). Wind power. Energy Journal, 3(2), 45-67.", 700, size=8, sup="1"),
        _line("2 Lee, K. (2020). Solar power. Solar Journal, 4, 1-9.", 710, size=8),
    ]
    zones = page_zones(PageLines(1, 612, 792, tuple(body + foot)), set(), 10)
    assert [ln.text for ln in zones.notes] == [
        "1Smith, J. (2019). Wind power. Energy Journal, 3(2), 45-67.",
        "2 Lee, K. (2020). Solar power. Solar Journal, 4, 1-9.",
    ]


def test_a_plain_number_opens_a_note_only_when_it_is_the_next_one():
    lines = [
        _line("Smith, J. (2019). Wind power. Energy Journal,", 700, sup="4"),
        _line("12 (3): 45-67.", 710),
        _line("5 Lee, K. (2020). Solar power.", 720),
    ]
    notes = split_notes(lines, first_expected=4)
    assert [(n.number, n.text()) for n in notes] == [
        (4, "Smith, J. (2019). Wind power. Energy Journal, 12 (3): 45-67."),
        (5, "Lee, K. (2020). Solar power."),
    ]


def test_a_notes_heading_followed_by_note_1_opens_the_endnotes():
    lines = [
        _line("The last sentence of the body.", 100),
        _line("Notes", 130, size=14),
        _line("1. Smith, J.", 150),
    ]
    assert endnote_start(lines) == 2
    assert endnote_start([_line("Notes on method", 100), _line("1. First step.", 110)]) is None


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["grew be-", "tween 2018 and 2021."], "grew between 2018 and 2021."),
        (
            ["the well-", "known trend and the well-known result"],
            "the well-known trend and the well-known result",
        ),
        (["https://www.energy-", "observatory.org/reports/"], "https://www.energy-observatory.org/reports/"),
        (
            ["Retrieved from https:", "//data.example.net/a?id=3"],
            "Retrieved from https://data.example.net/a?id=3",
        ),
        (
            ["see https://x.example.org/report.pdf.", "Accessed 3 May 2022."],
            "see https://x.example.org/report.pdf. Accessed 3 May 2022.",
        ),
        (
            ["https://x.example.org/report", "accessed 3 May 2022."],
            "https://x.example.org/report accessed 3 May 2022.",
        ),
        (["pp. 274-", "291."], "pp. 274-291."),
    ],
)
def test_line_ends_join_words_urls_and_ranges(lines, joined):
    assert join_lines(lines, vocabulary_of(lines)) == joined


def _encrypted(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(PAPERS / "trade-finance-footnotes.pdf").pages[:1]:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _scanned(tmp_path: Path) -> Path:
    """A one-page PDF holding only an image (a scan with no text layer)."""
    pixels = b"\x80" * (8 * 8)
    image = f"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {len(pixels)} >>\nstream\n".encode()
    stream = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
        image + pixels + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path = tmp_path / "scan.pdf"
    path.write_bytes(out)
    return path


def _many_pages(tmp_path: Path, count: int, *, blank: bool = False) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    if blank:
        for _ in range(count):
            writer.add_blank_page(612, 792)
    else:
        source = PdfReader(PAPERS / "energy-transition-footnotes.pdf")
        while len(writer.pages) < count:
            for page in source.pages:
                if len(writer.pages) < count:
                    writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / f"pages-{count}.pdf"
    path.write_bytes(buf.getvalue())
    return path


def _one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_an_encrypted_pdf_is_refused_in_one_line(tmp_path):
    with pytest.raises(InputError) as exc:
        load_document(_encrypted(tmp_path))
    assert "encrypted" in _one_line(exc) and "password" in _one_line(exc)


def test_a_scanned_pdf_without_a_text_layer_asks_for_ocr(tmp_path):
    with pytest.raises(InputError) as exc:
        load_document(_scanned(tmp_path))
    assert "no text layer: run OCR first" in _one_line(exc)


def test_a_pdf_over_the_page_limit_is_refused_before_its_pages_are_read(tmp_path):
    with pytest.raises(InputError) as exc:
        load_document(_many_pages(tmp_path, MAX_PAGES + 1, blank=True))
    assert f"{MAX_PAGES + 1} pages" in _one_line(exc)


def test_a_300_page_pdf_is_read_page_by_page_in_bounded_memory(tmp_path, capsys):
    path = _many_pages(tmp_path, 300)
    # the child's own peak (VmHWM of its address space): ru_maxrss would carry over the peak of
    # this pytest process, which Linux hands to a vfork()ed child at exec
    code = (
        "import sys; from citecheck.document import load_document; "
        "doc = load_document(sys.argv[1]); "
        "hwm = next(ln for ln in open('/proc/self/status') if ln.startswith('VmHWM:')); "
        "print(len(doc.pages), len(doc.notes), int(hwm.split()[1]) // 1024)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    pages, notes, peak_mb = map(int, result.stdout.split())
    with capsys.disabled():
        print(f"\n  300-page PDF: {notes} notes, peak RSS {peak_mb} MB", end="")
    assert (pages, notes) == (300, 75 * 60)
    assert peak_mb < 400


def _cli(*args: str) -> subprocess.CompletedProcess:
    code = "from citecheck.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


@pytest.mark.parametrize("make", [_encrypted, _scanned])
def test_the_cli_exits_2_with_one_line_for_an_unreadable_pdf(tmp_path, make):
    result = _cli("parse", str(make(tmp_path)))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ("encrypted" in lines[0] or "no text layer" in lines[0])


def test_the_cli_parses_a_pdf_paper_into_its_bibliography():
    result = _cli("parse", str(PAPERS / "resource-policy-twocolumn.pdf"), "--format", "csljson", "-q")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 72
