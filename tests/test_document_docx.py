"""Word files: footnotes and endnotes with their marks, tracked changes read as accepted,
shortened links written as their targets, a reference list when there are no notes, and one
clear line for a file that is not a readable .docx."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from citecheck.document import load_document
from citecheck.document.docx import read_docx
from citecheck.errors import InputError
from citecheck.references.claims import link_marker_pairs

PAPERS = Path(__file__).parent / "data" / "papers"
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _docx(body: str, *, footnotes: str = "", endnotes: str = "", rels: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        if footnotes:
            z.writestr("word/footnotes.xml", f"<w:footnotes {NS}>{footnotes}</w:footnotes>")
        if endnotes:
            z.writestr("word/endnotes.xml", f"<w:endnotes {NS}>{endnotes}</w:endnotes>")
        if rels:
            z.writestr(
                "word/_rels/document.xml.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f"{rels}</Relationships>",
            )
    return buf.getvalue()


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_pandoc_footnotes_and_their_marks_become_numbered_notes_and_markers():
    doc = load_document(PAPERS / "trade-finance.docx")
    assert doc.format == "docx" and len(doc.notes) == len(doc.markers) == 60
    assert [n.number for n in doc.notes] == list(range(1, 61))
    numbers = {n.id: n.number for n in doc.notes}
    assert [numbers[i] for i, _ in link_marker_pairs(doc)] == list(range(1, 61))
    markdown = load_document(PAPERS / "trade-finance.md")
    assert [n.text for n in doc.notes] == [n.text for n in markdown.notes]


def test_endnotes_read_like_footnotes():
    footnotes = load_document(PAPERS / "energy-transition.docx")
    endnotes = load_document(PAPERS / "energy-transition-endnotes.docx")
    assert [(n.id, n.number, n.text) for n in endnotes.notes] == [
        (n.id, n.number, n.text) for n in footnotes.notes
    ]
    assert [m.number for m in endnotes.markers] == [m.number for m in footnotes.markers]


def test_tracked_changes_are_read_as_accepted():
    doc = load_document(PAPERS / "tracked-changes.docx")
    assert "Battery storage tenders awarded 420 MW in 2022.¹" in doc.text
    assert "240 MW" not in doc.text and "Draft comment" not in doc.text
    assert (
        doc.notes[1].text == "Okafor, N. (2023). Falling storage prices. Energy Policy Review, 51(2), 14–29."
    )


def test_a_link_showing_a_shortened_url_is_written_as_its_target():
    doc = load_document(PAPERS / "tracked-changes.docx")
    target = "https://www.energy-regulator.example/auctions/storage/2022-results.html"
    assert doc.notes[0].text.startswith(
        f"National Energy Regulator. (2023). Storage auction results 2022. {target},"
    )
    assert f"summary is at {target}." in doc.text


def test_a_link_whose_text_is_words_keeps_its_words():
    body = _p(_t("See "), '<w:hyperlink r:id="rId1">' + _t("the annual report") + "</w:hyperlink>", _t("."))
    rel = (
        '<Relationship Id="rId1" Target="https://example.org/r.pdf" TargetMode="External" Type="hyperlink"/>'
    )
    assert read_docx(_docx(body, rels=rel)).text.startswith("See the annual report.")


def test_field_codes_are_skipped_and_their_shown_text_kept():
    body = _p(
        _t("Capacity reached "),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText> HYPERLINK "https://example.org" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        _t("420 MW"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        _t(" in 2022."),
    )
    assert read_docx(_docx(body)).text.startswith("Capacity reached 420 MW in 2022.")


def test_footnotes_and_endnotes_together_link_each_mark_to_its_own_kind():
    body = _p(
        _t("Solar grew 13%."),
        '<w:r><w:footnoteReference w:id="7"/></w:r>',
        _t(" Wind grew 9%."),
        '<w:r><w:endnoteReference w:id="3"/></w:r>',
    )
    doc = read_docx(
        _docx(
            body,
            footnotes='<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>'
            + _t(" Xinhua, 2019.")
            + "</w:p></w:footnote>",
            endnotes='<w:endnote w:id="3"><w:p><w:r><w:endnoteRef/></w:r>'
            + _t(" Reuters, 2020.")
            + "</w:p></w:endnote>",
        )
    )
    texts = {n.id: n.text for n in doc.notes}
    assert [texts[i] for i, _ in link_marker_pairs(doc)] == ["Xinhua, 2019.", "Reuters, 2020."]


def test_without_notes_the_reference_list_at_the_end_gives_the_references():
    body = (
        _p(_t("Solar grew 13% [1] and wind 9% [2]."))
        + _p('<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>', _t("References"))
        + _p(_t("[1] Smith, J. (2019). Wind power. Energy Journal, 3(2), 45-67."))
        + _p(_t("[2] Lee, K. (2020). Solar power. Solar Journal, 4, 1-9."))
    )
    doc = read_docx(_docx(body))
    assert [(n.number, n.text) for n in doc.notes] == [
        (1, "Smith, J. (2019). Wind power. Energy Journal, 3(2), 45-67."),
        (2, "Lee, K. (2020). Solar power. Solar Journal, 4, 1-9."),
    ]
    assert [(m.raw, m.number) for m in doc.markers] == [("[1]", 1), ("[2]", 2)]
    assert "References" not in doc.text


def _truncated(tmp_path: Path) -> Path:
    data = (PAPERS / "resource-policy.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _old_word(tmp_path: Path) -> Path:
    path = tmp_path / "paper.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"Word.Document.8" + bytes(1000))
    return path


@pytest.mark.parametrize(
    ("make", "says"), [(_truncated, "damaged or truncated"), (_old_word, "old binary Word (.doc)")]
)
def test_a_truncated_docx_and_an_old_doc_are_refused_in_one_line_and_the_cli_exits_2(tmp_path, make, says):
    path = make(tmp_path)
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert says in str(exc.value) and "\n" not in str(exc.value)
    result = subprocess.run(
        [sys.executable, "-c", "from citecheck.cli import main; main()", "parse", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr


def test_a_zip_that_is_not_a_word_document_says_so(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("content.xml", "<office:document-content/>")
    path = tmp_path / "paper.odt"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert "OpenDocument" in str(exc.value)


def test_a_docx_with_a_thousand_notes_reads_at_more_than_200_notes_a_second():
    run = _t("Capacity reached 420 MW in 2022.")
    body = "".join(_p(run, f'<w:r><w:footnoteReference w:id="{i}"/></w:r>') for i in range(1, 1001))
    notes = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>'
        + _t(f" Author {i}, J. (2019). Title {i}. Journal, 3(2), 45-67.")
        + "</w:p></w:footnote>"
        for i in range(1, 1001)
    )
    data = _docx(body, footnotes=notes)
    start = time.perf_counter()
    doc = read_docx(data)
    elapsed = time.perf_counter() - start
    assert len(doc.notes) == len(doc.markers) == 1000
    assert 1000 / elapsed > 200
