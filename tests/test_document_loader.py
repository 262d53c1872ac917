"""Loading papers from disk: encodings, PDFs, and one-line refusals of bad input."""

import os

import pytest

from citecheck.document import MAX_BYTES, load_document, read_document
from citecheck.errors import InputError

NOTE = "ÿ Lv Yang: «Current situation and problems of China's investment in Latin America», published in «International Research Reference», Issue 11, 2016, page 10.\n"


def _one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_seed_loads_as_text_with_the_same_notes_as_read_document(seed_path, seed_text):
    doc = load_document(seed_path)
    assert doc.format == "text" and doc.encoding == "utf-8" and doc.path == str(seed_path)
    assert doc.notes == read_document(seed_text).notes


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (NOTE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + NOTE.encode("utf-8"), "utf-8-sig"),
        (
            ("ÿ 邢伟：《义利观视角下的中拉绿色合作》，载《拉丁美洲研究》2022年第4期。\n" + NOTE).encode(
                "gb18030"
            ),
            "gb18030",
        ),
        (
            "ÿ Müller, José: «Política energética», Revista de Economía, 2019, pp. 1-3.\n".encode("cp1252"),
            "cp1252",
        ),
        (NOTE.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_are_detected_and_text_decoded(tmp_path, data, encoding):
    path = tmp_path / "paper.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.encoding == encoding
    assert len(doc.notes) >= 1
    if encoding == "cp1252":
        assert "Müller, José" in doc.text
    if encoding == "gb18030":
        assert "邢伟" in doc.text


def test_empty_file_is_refused_in_one_line(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert "is empty" in _one_line(exc)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"abc\x00\x01\x02" * 100, "binary"),
        (b"PK\x03\x04xx", "ZIP"),
    ],
)
def test_binary_files_are_refused_in_one_line(tmp_path, data, says):
    path = tmp_path / "paper.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert says in _one_line(exc)


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert "MB" in _one_line(exc)


def test_missing_file_and_directory_are_refused(tmp_path):
    with pytest.raises(InputError) as exc:
        load_document(tmp_path / "nope.txt")
    assert "no such file" in _one_line(exc)
    with pytest.raises(InputError) as exc:
        load_document(tmp_path)
    assert "directory" in _one_line(exc)


def test_format_follows_the_file_extension(tmp_path):
    md = tmp_path / "paper.md"
    md.write_text("Claim.[^1]\n\n[^1]: Xinhua News Agency, June 8, 2019.\n", encoding="utf-8")
    tex = tmp_path / "paper.tex"
    tex.write_text("Claim.\\footnote{Xinhua News Agency, June 8, 2019.}\n", encoding="utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title = {T}}\n", encoding="utf-8")
    assert [load_document(p).format for p in (md, tex, bib)] == ["markdown", "latex", "bibtex"]
    assert load_document(md, format="lines").format == "lines"


def _tiny_pdf(lines: list[str]) -> bytes:
    stream = "BT /F1 11 Tf 50 750 Td 14 TL " + " ".join(f"({ln}) Tj T*" for ln in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_papers_are_read_as_text(tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(
        _tiny_pdf(["Solar grew in 2021.", "[1] Smith, J. Wind power. Energy Journal, 2019, pp. 45-67."])
    )
    doc = load_document(path)
    assert doc.encoding == "pdf" and doc.format == "text"
    assert "Solar grew" in doc.text
    assert [n.number for n in doc.notes] == [1]


def test_damaged_pdf_is_refused_in_one_line(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(64))
    with pytest.raises(InputError) as exc:
        load_document(path)
    _one_line(exc)
