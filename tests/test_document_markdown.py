"""Markdown footnotes: definitions, call-outs, continuation lines, inline notes, code fences."""

from citecheck.document import read_document


def test_definitions_become_notes_and_callouts_markers():
    text = "Solar rose 13%.[^1] Wind too.[^smith]\n\n[^1]: Xinhua News Agency, June 8, 2019.\n[^smith]: Smith, J. Title. 2020.\n"
    doc = read_document(text)
    assert doc.format == "markdown"
    assert [(n.id, n.number, n.marker, n.text) for n in doc.notes] == [
        ("fn1", 1, "[^1]", "Xinhua News Agency, June 8, 2019."),
        ("fn-smith", None, "[^smith]", "Smith, J. Title. 2020."),
    ]
    assert [(m.raw, m.number) for m in doc.markers] == [("[^1]", 1), ("[^smith]", None)]


def test_indented_and_lazy_lines_continue_a_definition_and_span_covers_them():
    text = "Text.[^2]\n\n[^2]: Fu Cong: «Title»,\n    Published in «Journal», 2021.\n\n    Page 80.\n\nNext paragraph.\n"
    doc = read_document(text)
    note = doc.notes[0]
    assert note.text == "Fu Cong: «Title», Published in «Journal», 2021. Page 80."
    assert (note.span.start_line, note.span.end_line) == (3, 6)
    assert doc.text[note.span.start : note.span.end].endswith("Page 80.")


def test_inline_notes_and_fenced_code_are_handled():
    text = "Claim.^[Xinhua News Agency, June 8, 2019.]\n\n```\n[^9]: not a note\n```\n"
    doc = read_document(text, format="markdown")
    assert [n.text for n in doc.notes] == ["Xinhua News Agency, June 8, 2019."]
    assert len(doc.markers) == 1
