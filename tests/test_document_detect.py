"""Format detection: by file extension first, then by content."""

import pytest

from citecheck.document import detect_format, read_document
from citecheck.errors import UsageError


@pytest.mark.parametrize(
    ("text", "path", "fmt"),
    [
        ("anything", "paper.md", "markdown"),
        ("anything", "PAPER.TEX", "latex"),
        ("anything", "refs.bib", "bibtex"),
        (
            "% my refs\n@article{wu2021,\n  title = {The Correct View},\n  abstract = {long\ntext\nover\nlines\nhere},\n}\n",
            None,
            "bibtex",
        ),
        ("\\documentclass{article}\n\\begin{document}Text\\footnote{Note.}\\end{document}", None, "latex"),
        ("Claim.[^1]\n\n[^1]: Xinhua News Agency, June 8, 2019.", None, "markdown"),
        ("Claim.^[Xinhua News Agency, June 8, 2019.]", None, "markdown"),
        ("ÿ «Title», Xinhua News Agency, June 8, 2019", None, "text"),
        ("", None, "text"),
    ],
)
def test_format_is_detected(text, path, fmt):
    assert detect_format(text, path) == fmt


def test_bibtex_documents_keep_their_text_for_the_bib_reader():
    doc = read_document("@misc{a, title = {T}}\r\n")
    assert doc.format == "bibtex" and doc.text == "@misc{a, title = {T}}\n" and doc.notes == ()


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown input format"):
        read_document("x", format="docx")


def test_a_long_markdown_paper_with_its_notes_at_the_end_is_still_markdown():
    body = "".join(f"Claim number {i} is stated here.[^{i}]\n" for i in range(8000))
    notes = "".join(f'[^{i}]: Author {i}, "Title {i}", Journal, 2020, pp. 1-2.\n' for i in range(8000))
    text = body + "\n" + notes
    assert len(body) > 200_000 and detect_format(text) == "markdown"


def test_100000_markdown_footnotes_are_all_read():
    n = 100_000
    text = (
        "".join(f"C{i}.[^{i}]\n" for i in range(n))
        + "\n"
        + "".join(f"[^{i}]: A{i}, T{i}, 2020.\n" for i in range(n))
    )
    doc = read_document(text)
    assert doc.format == "markdown" and len(doc.notes) == n and len(doc.markers) == n
