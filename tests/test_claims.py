"""Claims: each in-text marker linked to its note, with the citing sentence(s) before it."""

from citecheck.document import read_document
from citecheck.references.claims import extract_claims, link_markers


def _claim(claims, note_id):
    found = [c for c in claims if c.note_id == note_id]
    assert found, f"no claim for {note_id}"
    return found[0]


def test_seed_garbled_markers_link_nth_marker_to_nth_note_on_the_page(seed_text):
    doc = read_document(seed_text)
    links = link_markers(doc)
    notes = {n.id: n for n in doc.notes}
    for note_id, marker in links.items():
        assert marker.page == notes[note_id].page
        assert marker.order == notes[note_id].order


def test_seed_claim_is_the_sentence_before_the_marker(seed_text):
    claims = extract_claims(read_document(seed_text))
    first = _claim(claims, "p2n1")
    assert first.marker.raw == "ÿ" and first.marker.span.start_line == 21
    assert first.text == (
        'General Secretary Xi Jinping pointed out, "We must adhere to green development and strive to build '
        'a beautiful homeland where man and nature coexist harmoniously."'
    )
    assert _claim(claims, "p3n1").text == "Contribution to growth, increased employment and poverty reduction"


def test_seed_claims_quote_their_figures_and_spans_point_at_them(seed_text):
    doc = read_document(seed_text)
    claims = extract_claims(doc)
    customs = _claim(claims, "p8n1")
    assert "451.591 billion U.S. dollars" in customs.text
    assert doc.text[customs.span.start : customs.span.end].startswith("According to the import and export")
    assert customs.span.end == customs.marker.span.start


def test_claims_never_reach_back_past_the_previous_marker_or_a_running_header(seed_text):
    doc = read_document(seed_text)
    claims = extract_claims(doc)
    assert all("ÿ" not in c.text and "Issue 4, 2022" not in c.text for c in claims)
    second = _claim(claims, "p2n2")
    assert "harmoniously" not in second.text and second.text.endswith("responsible major country.")


def test_one_claim_per_linked_note_in_marker_order(seed_text):
    doc = read_document(seed_text)
    claims = extract_claims(doc)
    assert len(claims) == len(link_markers(doc)) == len({c.note_id for c in claims})
    starts = [c.marker.span.start for c in claims]
    assert starts == sorted(starts)


def test_numbered_markers_link_by_number_not_position():
    text = (
        "Wind grew fast in 2020.② Solar grew in 2021.①\n\n"
        "① Fu Cong: «Solar», Published in «Journal of the Pacific», 2021 Issue 11, Page 80\n"
        "② Liu Dehai: «Wind», published in «Jiangsu Social Sciences», Issue 3, 2017, Pages 1-3.\n"
    )
    claims = extract_claims(read_document(text))
    assert {c.note_id: c.text for c in claims} == {
        "fn1": "Solar grew in 2021.",
        "fn2": "Wind grew fast in 2020.",
    }


def test_markdown_and_latex_claims_drop_markup():
    md = read_document(
        "Exports rose 41% in 2021.[^a] Imports fell.[^b]\n\n[^a]: Customs, 2022.\n[^b]: Xinhua, 2021.\n"
    )
    assert [(c.note_id, c.text) for c in extract_claims(md)] == [
        ("fn-a", "Exports rose 41% in 2021."),
        ("fn-b", "Imports fell."),
    ]
    tex = read_document(r"Capacity reached \textbf{400}~MW in 2017.\footnote{Xinhua, 2017.} Next.")
    assert [c.text for c in extract_claims(tex)] == ["Capacity reached 400 MW in 2017."]


def test_notes_without_a_marker_get_no_claim():
    doc = read_document("Prose without call-outs.\n\nÿ «A», Xinhua News Agency, June 8, 2019\n")
    assert extract_claims(doc) == []


def test_latex_claims_never_include_the_previous_footnote():
    tex = read_document(
        r"Solar grew.\footnote{Xinhua, 2017. Long note.} Wind grew too.\footnote{Daily, 2018.}"
    )
    assert [c.text for c in extract_claims(tex)] == ["Solar grew.", "Wind grew too."]
