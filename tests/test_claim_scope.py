"""Claim scope: the text a marker supports runs back to the previous marker or the start of
its paragraph, across sentences and ';', capped; a marker mid-sentence supports its clause."""

from citecheck.document import read_document
from citecheck.references.claims import extract_claims, only_a_date
from citecheck.references.scope import MAX_SCOPE, is_soft_break, scope_start

NOTE = "ÿ «Progreso wind farm starts operation», Xinhua News Agency, March 3, 2021"
NOTE2 = "ÿ «Three Gorges takes over Jupiá», People's Daily, May 5, 2016"


def claims_of(body, *notes):
    doc = read_document(body + "\n\n" + "\n\n".join(notes or (NOTE,)) + "\n")
    return [(c.note_id, c.text, [q.raw for q in c.quantities]) for c in extract_claims(doc)]


def test_a_note_at_the_end_of_a_passage_supports_every_figure_since_the_paragraph_start():
    body = (
        "The Progreso Wind Farm in Yucatan Peninsula was officially put into operation. The total installed "
        "capacity reaches 90 MW. Each year It can provide 300 GWh of electricity to the local power grid. "
        "This investment is worth US$155 million. ÿ"
    )
    ((note, text, figures),) = claims_of(body)
    assert note == "p1n1" and text.startswith("The Progreso Wind Farm")
    assert figures == ["90 MW", "300 GWh", "US$155 million"]


def test_the_scope_runs_across_a_semicolon():
    md = (
        "Mexico's wind sector grew.[^1] The Progreso wind farm cost roughly US$155 million; together with "
        "Dzilam it supplies 200,000 homes.[^2]\n\n[^1]: AMDEE, 2021.\n[^2]: Reuters, 2021.\n"
    )
    claims = extract_claims(read_document(md))
    assert [q.raw for q in claims[1].quantities] == ["US$155 million", "200,000 homes"]


def test_a_figure_before_the_previous_marker_belongs_to_that_marker_only():
    body = (
        "In Brazil, the Jupiá plant has 14 units and 1,551 MW. ÿ China Three Gorges paid R$13.8 billion "
        "for it in 2015. ÿ"
    )
    assert claims_of(body, NOTE, NOTE2) == [
        ("p1n1", "In Brazil, the Jupiá plant has 14 units and 1,551 MW.", ["14 units", "1,551 MW"]),
        ("p1n2", "China Three Gorges paid R$13.8 billion for it in 2015.", ["R$13.8 billion"]),
    ]


def test_a_marker_in_mid_sentence_supports_its_clause_and_the_rest_goes_to_the_next_marker():
    body = "Chile's copper grew. The Toromocho mine, which cost US$4.8 billion ÿ, processes 117,200 tonnes of ore a day. ÿ"
    assert claims_of(body, NOTE, NOTE2) == [
        ("p1n1", "The Toromocho mine, which cost US$4.8 billion", ["US$4.8 billion"]),
        ("p1n2", "processes 117,200 tonnes of ore a day.", ["117,200 tonnes"]),
    ]


def test_a_marker_before_the_full_stop_still_closes_its_sentence():
    body = "The park covers 800 hectares. Its 1.2 million panels give 300 MW ÿ. The next sentence."
    ((_, _, figures),) = claims_of(body)
    assert figures == ["800 hectares", "1.2 million panels", "300 MW"]


def test_a_blank_line_that_only_wraps_a_pdf_line_does_not_end_the_paragraph():
    # seed lines 119-121: the paragraph is cut by a blank line after "the circular economy"
    body = (
        "The plan will attract an investment of 10 billion pesos and will also help Argentina's economic "
        "transformation: First, it will help the circular economy\n\nThe second is to promote the use of "
        "renewable energy. ÿ"
    )
    ((_, text, figures),) = claims_of(body)
    assert figures == ["10 billion pesos"] and text.startswith("The plan will attract")


def test_a_blank_line_after_a_heading_or_a_closed_sentence_ends_the_paragraph():
    body = (
        "Exports grew 41% in 2020.\n\n2. Progress of China-Latin America Green Cooperation\n\n"
        "The 2021 declaration of the China-CELAC Forum counts 33 member states. ÿ"
    )
    ((_, text, figures),) = claims_of(body)
    assert text == "The 2021 declaration of the China-CELAC Forum counts 33 member states."
    assert figures == ["33"]
    assert is_soft_break("2. Progress of China-Latin America Green Cooperation\n\n", 52) is False


def test_a_marker_moved_to_the_start_of_the_next_paragraph_supports_the_paragraph_before():
    # seed line 129: "ÿ Argentina currently has 187 ..." - the glyph closes the line before
    body = (
        "Wind was followed by solar photovoltaic power at 13% and small hydropower at 7%.\n\nÿ Chile is next."
    )
    ((_, _, figures),) = claims_of(body)
    assert figures == ["13%", "7%"]


def test_the_scope_is_capped_at_a_sentence_start():
    sentences = [f"Plant {chr(65 + i % 26)} has {100 + i} MW of capacity." for i in range(80)]
    ((_, text, figures),) = claims_of(" ".join(sentences) + " ÿ")
    assert len(text) <= MAX_SCOPE and text.startswith("Plant ")
    assert figures[-1] == "179 MW" and len(figures) < 80


def test_scope_start_never_goes_back_past_the_floor():
    text = "Old text with 5 MW. Previous note ends here. New text has 7 MW. ÿ"
    floor = text.index(" New")
    assert text[scope_start(text, text.index("ÿ"), text.index("ÿ") + 1, floor) :].startswith(" New text")


def test_a_claim_that_is_only_a_date_is_no_claim():
    # seed line 81: "... expanded from domestic to global. March 2022 ÿ The National ..."
    body = "China's coverage has expanded from domestic to global.ÿ March 2022 ÿ The commission acted."
    assert [text for _, text, _ in claims_of(body, NOTE, NOTE2)] == [
        "China's coverage has expanded from domestic to global."
    ]
    assert (
        only_a_date("16 de julio de 2021")
        and only_a_date("2021年7月")
        and not only_a_date("March 2022 saw 5 MW")
    )


def test_claim_figures_are_read_in_the_papers_language():
    body = (
        "A usina de Belo Monte tem capacidade instalada de 11.233 MW e a linha de transmissão tem 2.539 km. "
        "O investimento foi de R$ 9,5 bilhões, segundo a empresa. ÿ"
    )
    doc = read_document(body + "\n\n" + NOTE + "\n")
    (claim,) = extract_claims(doc)
    assert [q.value for q in claim.quantities] == [11233 * 10**6, 2539 * 1000, 9500000000]


def _paged(first_page_end: str, second_page_top: str) -> list:
    header = "能源评论 Issue 2, 2023"
    text = (
        f"Title of the paper\n\n{header}\n\nExports rose 5% in 2020. ÿ {first_page_end}\n\n"
        f"ÿ «Exports in 2020», Xinhua News Agency, May 1, 2021\n\n{header}\n\n{second_page_top} ÿ\n\n"
        f"ÿ «Wind in Brazil», Xinhua News Agency, May 2, 2021\n\n{header}\n\nThe end. ÿ\n\n"
        "ÿ «Closing», Xinhua News Agency, May 3, 2021\n"
    )
    return [(c.note_id, c.text, [q.raw for q in c.quantities]) for c in extract_claims(read_document(text))]


def test_a_paragraph_cut_by_a_page_break_in_mid_sentence_goes_on_across_the_notes_and_header():
    claims = _paged(
        "The Lagoa dos Ventos complex in Piauí has 716 MW of wind capacity and",
        "supplies 40,000 homes in the region.",
    )
    assert claims[1] == (
        "p3n1",
        "The Lagoa dos Ventos complex in Piauí has 716 MW of wind capacity and supplies 40,000 homes in the region.",
        ["716 MW", "40,000 homes"],
    )


def test_a_page_that_ends_its_sentence_does_not_lend_its_foot_to_the_next_pages_first_marker():
    claims = _paged(
        "The Lagoa dos Ventos complex in Piauí has 716 MW of wind capacity.", "It supplies 40,000 homes."
    )
    assert claims[1] == ("p3n1", "It supplies 40,000 homes.", ["40,000 homes"])
