"""Claims: each in-text marker linked to its note, with the citing sentence(s) before it."""

import re
from collections import Counter

from citecheck.document import read_document
from citecheck.references.claims import (
    align_in_order,
    extract_all_claims,
    extract_claims,
    link_marker_pairs,
    link_markers,
    unmatched_claims,
)
from citecheck.references.extract import extract_references


def _claim(claims, note_id):
    found = [c for c in claims if c.note_id == note_id]
    assert found, f"no claim for {note_id}"
    return found[0]


def test_where_a_page_has_as_many_garbled_markers_as_works_the_nth_marker_calls_the_nth_work(seed_text):
    doc = read_document(seed_text)
    pairs = link_marker_pairs(doc)
    works = Counter(r.note_id for r in extract_references(doc))
    notes = {n.id: n for n in doc.notes}
    checked = 0
    for page in {n.page for n in doc.notes}:
        markers = [mk for mk in doc.markers if mk.page == page and mk.number is None]
        slots = [n.id for n in doc.notes if n.page == page for _ in range(works[n.id])]
        if len(markers) != len(slots):
            continue
        linked = [(note_id, mk) for note_id, mk in pairs if mk.page == page]
        assert [note_id for note_id, _ in linked] == slots
        assert [mk for _, mk in linked] == markers
        checked += 1
    assert checked >= 1
    assert all(mk.page == notes[note_id].page for note_id, mk in pairs)


def _claim_texts(claims, note_id):
    return [c.text for c in claims if c.note_id == note_id]


def test_where_the_counts_differ_markers_go_to_the_works_their_sentences_name(seed_text):
    # Seed page 5 has 7 garbled markers and 5 works (two notes hold two works each); order
    # alone would give the CELAC note the Chilean hydrogen sentence. Read by a person, the
    # links below are unambiguous: each sentence names what its note's title names.
    claims = extract_claims(read_document(seed_text))
    celac, xi = _claim_texts(claims, "p5n1")
    assert "Its 2030 plan points out" in celac and "Xi Jinping pointed out" in xi
    wind, gaocharui = _claim_texts(claims, "p5n2")
    assert "1.44 million cars" in wind and "245 MW and will be increased to 300 MW" in gaocharui
    assert "170,000 households" in _claim_texts(claims, "p5n3")[0]
    # page 6: «Chinalco builds new city in Peru» is called after the new town of Morococha
    assert "Morococha" in _claim_texts(claims, "p6n4")[0]
    # page 7: the Chinalco Peru note is called after the Toromocho mine, not the Gauchari park
    assert "Toromocho" in _claim_texts(claims, "p7n1")[0]


def test_alignment_without_evidence_falls_back_to_order_and_never_crosses():
    assert align_in_order(["a", "b", "c"], ["x", "y"]) == [(0, 0), (1, 1)]
    contexts = ["Exports of copper grew.", "The Toromocho mine opened in Peru.", "Wind rose in Chile."]
    works = ["«Toromocho starts production», Xinhua", "«Wind in Chile», Reuters"]
    assert align_in_order(contexts, works) == [(0, 1), (1, 2)]
    # evidence for a crossing link cannot break the order
    assert align_in_order(["Wind rose in Chile.", "The Toromocho mine opened."], works) in (
        [(0, 0), (1, 1)],
        [(1, 0)],
        [(0, 1)],
    )


def test_a_note_with_two_run_together_works_is_called_by_two_markers():
    text = (
        "Solar capacity in Chile doubled.ÿ The Toromocho mine opened in Peru.ÿ Wind rose in Mexico.ÿ\n\n"
        "ÿ «Chile solar capacity doubles», Xinhua News Agency, May 1, 2014. "
        "«Toromocho mine opens in Peru», People's Daily, June 2, 2018\n\n"
        "ÿ «Mexico wind report», Reuters, July 3, 2019\n"
    )
    claims = extract_claims(read_document(text))
    assert [(c.note_id, c.text) for c in claims] == [
        ("p1n1", "Solar capacity in Chile doubled."),
        ("p1n1", "The Toromocho mine opened in Peru."),
        ("p1n2", "Wind rose in Mexico."),
    ]


def test_a_seed_claim_runs_back_to_the_start_of_its_paragraph(seed_text):
    claims = extract_claims(read_document(seed_text))
    first = _claim(claims, "p2n1")
    assert first.marker.raw == "ÿ" and first.marker.span.start_line == 21
    assert first.text == (
        'General Secretary Xi Jinping pointed out, "We must adhere to green development and strive to build '
        'a beautiful homeland where man and nature coexist harmoniously."'
    )
    # seed line 57: the marker "§" ends a fragment; the sentence before it is in its scope too
    assert _claim(claims, "p3n1").text == (
        "Researchers and policymakers from macroeconomic, financial, trade, environmental and other "
        "departments pay attention to the impact of green investment on the economy. Contribution to growth, "
        "increased employment and poverty reduction"
    )


def test_seed_claims_quote_their_figures_and_spans_point_at_them(seed_text):
    doc = read_document(seed_text)
    claims = extract_claims(doc)
    customs = _claim(claims, "p8n1")
    assert "According to the import and export trade statistics of China Customs" in customs.text
    assert [q.raw for q in customs.quantities] == ["451.591 billion U.S. dollars", "411%"]
    quoted = doc.text[customs.span.start : customs.span.end]
    assert " ".join(quoted.split()) == customs.text
    assert customs.span.end == customs.marker.span.start


def test_claims_never_reach_back_past_the_previous_marker_or_a_running_header(seed_text):
    doc = read_document(seed_text)
    claims = extract_claims(doc)
    # a lone glyph is a marker; a run of them is text the extraction damaged ("ÿÿÿ , Followed by")
    assert not any(re.search(r"(?<![ÿŷŸ])[ÿŷŸ](?![ÿŷŸ])", c.text) for c in claims)
    assert all("Issue 4, 2022" not in c.text for c in claims)
    second = _claim(claims, "p2n2")
    assert "harmoniously" not in second.text and second.text.endswith("responsible major country.")


def test_one_claim_per_linked_marker_in_marker_order(seed_text):
    doc = read_document(seed_text)
    claims = extract_claims(doc)
    pairs = link_marker_pairs(doc)
    assert [(c.note_id, c.marker) for c in claims] == pairs
    assert set(link_markers(doc)) == {c.note_id for c in claims}
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


def test_a_page_of_thousands_of_notes_is_linked_by_order_without_quadratic_alignment():
    def name(i):  # a distinct word per number: 12 -> "Villbacc"
        return "Vill" + "".join(chr(97 + int(d)) for d in str(i + 1000))

    # the names would align marker 201 with note 1; a page this size is linked by order instead
    body = " ".join(f"Sentence {i} about {name(i - 200)} town.ÿ" for i in range(1200))
    notes = "\n\n".join(f"ÿ «Report on {name(i)}», Xinhua News Agency, June 8, 2019" for i in range(1000))
    doc = read_document(body + "\n\n" + notes + "\n")
    pairs = link_marker_pairs(doc)
    assert [note_id for note_id, _ in pairs] == [n.id for n in doc.notes]
    assert [mk.order for _, mk in pairs] == list(range(1, 1001))


def test_a_garbled_marker_that_matches_no_note_still_yields_its_claim_and_figures(seed_text):
    # seed line 129: "... a total installed capacity of 5181 74 MW. ÿ" - no note on page 4 is left for it
    orphans = unmatched_claims(read_document(seed_text))
    capacity = next(c for c in orphans if "5181 74 MW" in c.text)
    assert capacity.note_id == "" and capacity.marker.span.start_line == 129
    (q,) = [q for q in capacity.quantities if q.raw == "5181 74 MW"]
    assert any("decimal point lost" in note for note in q.notes)
    linked = {id(mk) for _, mk in link_marker_pairs(read_document(seed_text))}
    assert all(id(c.marker) not in linked for c in orphans)


def test_a_converters_escaped_dollar_is_read_as_a_dollar(seed_text):
    # seed line 153: "The contract value was US\$10.8 billion." (a PDF-to-Markdown escape)
    orphans = unmatched_claims(read_document(seed_text))
    contract = next(c for c in orphans if "contract value" in c.text)
    assert "US$10.8 billion" in contract.text and "\\$" not in contract.text
    assert [q.raw for q in contract.quantities][-2:] == ["110-megawatt", "US$10.8 billion"]


def test_one_linking_from_the_extracted_references_gives_the_same_claims(seed_text):
    doc = read_document(seed_text)
    linked, unmatched = extract_all_claims(doc, extract_references(doc))
    assert linked == extract_claims(doc) and unmatched == unmatched_claims(doc)
