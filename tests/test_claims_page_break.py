"""A sentence that runs across a page break, as the seed-style paper3 (tests/data/paper3) prints
it: the first half at the foot of one page, then that page's notes and the next page's running
header (``· 59 ·``), then the rest of the sentence and its marker. The claim reads both halves,
past the notes and the header, and its marker calls the note of the page where the sentence
began when that page has a note with no marker of its own and the marker's page a marker too
many."""

from __future__ import annotations

from citecheck.document import read_document
from citecheck.references.claims import extract_all_claims
from citecheck.references.extract import extract_references

MASTHEAD = (
    "April 2023 Volume 40 Issue 2 International Economic Cooperation ÿÿÿ ÿÿ ÿÿÿÿ ÿ y\n\n"
    "Lithium, copper and ports: China-Latin America mining cooperation under the Belt and Road Initiative\n\n"
    "Zhou Mingyuan\n\n"
    "Number: 1002 - 1515 (2023) 02 - 0057 - 16\n\n"
    "· 58 · 国际经济合作 International Economic Cooperation No. 2, 2023\n\n"
)
PARAGRAPH = (
    "Latin America holds the largest lithium resources in the world. In the so-called lithium triangle of "
    "Argentina, Bolivia and Chile, the salt lakes contain more than half of the identified resources. "
    "Argentina's lithium exports reached 695 million US dollars in 2022, an increase of 234% over the "
    "previous year.ÿ Chile produced 39,000 tons of lithium in 2022, accounting for 30% of world output, "
    "and it is the second largest producer after Australia.ÿ"
)
PAGE_58_NOTES = (
    "ÿ «Exportaciones de litio: récord histórico en 2022», Secretaría de Minería de la Nación, 25 de enero "
    "de 2023, https:// www argentina gob ar / noticias / exportaciones - de - litio - record - historico - en "
    "- 2022 [2023 - 05 - 03]\n\n"
    "ÿ «International lithium market and its outlook for Chile», Chilean Copper Commission, December 2022, "
    "https://www cochilco cl/Mercado_de_Metales/Informe_Mercado _Litio_2022 pdf [2023 - 05 - 04]\n\n"
    "国际经济合怍 2023年第2期 International Economic Cooperation No. 2, 2023 · 59 ·\n\n"
)
PAGE_59 = (
    "Chinese enterprises entered the copper industry of Peru earlier. MMG, a subsidiary of China Minmetals, "
    "holds 625% of the shares of the Las Bambas copper mine, which produced 255,000 tons of copper "
    "concentrate in 2022.ÿ Brazil is China's largest trading partner in Latin America. During the state "
    "visit of President Lula in April 2023 the two countries signed 15 cooperation agreements, and "
    "bilateral trade reached 150.5 billion US dollars in 2022.ÿ\n\n"
    "ÿ «Las Bambas produced record copper concentrate in 2022», Peru Mining News, February 14, 2023, "
    "https://www mineriaperu com pe/en/news/las-bambas-2022-production_ 43817 html [2023 - 05 - 06]\n\n"
    "ÿ «Brazil and China sign agreements during state visit», Ministry of Development, Industry, Trade and "
    "Services, April 14, 2023, https://www gov br/mdic/pt-br/assuntos/noticias/2023/abril/brasil-e-china-\n"
    "assinam-acordos-de-cooperacao [2023 - 05 - 09]\n\n"
    "· 60 · 国际经济合作 International Economic Cooperation No. 2, 2023\n\n"
    "In Bolivia, the output of lithium salts reached 661,000 tons.ÿ\n\n"
    "ÿ «Chinese consortium wins bid for Bolivian lithium project», Economic and Commercial Office of the "
    "Embassy in Bolivia, January 21, 2023, http://bo mofcom gov cn/article/jmxw/202301/20230108912 shtml "
    "[2023 - 05 - 10]\n"
)

ARGENTINA = (
    "Latin America holds the largest lithium resources in the world. In the so-called lithium triangle of "
    "Argentina, Bolivia and Chile, the salt lakes contain more than half of the identified resources. "
    "Argentina's lithium exports reached 695 million US dollars in 2022, an increase of 234% over the "
    "previous year."
)
CHILE = (
    "Chile produced 39,000 tons of lithium in 2022, accounting for 30% of world output, and it is the "
    "second largest producer after Australia."
)


def paper(first_half: str, second_half: str) -> str:
    """paper3's first pages with page 58's paragraph cut after ``first_half``; the rest of it
    (``second_half``) opens page 59, after page 58's notes and page 59's running header."""
    assert (first_half + second_half).replace(" ", "").replace("-", "") == PARAGRAPH.replace(" ", "").replace(
        "-", ""
    )
    return MASTHEAD + first_half + "\n\n" + PAGE_58_NOTES + second_half + "\n\n" + PAGE_59


def claims(text: str) -> tuple[list[tuple[str, int, str, list[str]]], list[str]]:
    doc = read_document(text)
    linked, unmatched = extract_all_claims(doc, extract_references(doc))
    return (
        [(c.note_id, c.marker.page, c.text, [q.raw for q in c.quantities]) for c in linked],
        [c.text for c in unmatched],
    )


def test_the_uncut_paper_links_each_sentence_to_its_note():
    linked, unmatched = claims(MASTHEAD + PARAGRAPH + "\n\n" + PAGE_58_NOTES + PAGE_59)
    assert [(note, text) for note, _, text, _ in linked[:2]] == [("p2n1", ARGENTINA), ("p2n2", CHILE)]
    assert unmatched == []


def test_a_sentence_cut_by_a_page_break_calls_the_note_of_the_page_where_it_began():
    cut = PARAGRAPH.index(" 30% of world output")
    linked, unmatched = claims(paper(PARAGRAPH[:cut], PARAGRAPH[cut + 1 :]))
    # "…accounting for" / page 58's two notes / "· 59 ·" / "30% of world output, … after Australia.ÿ"
    assert linked[:2] == [
        ("p2n1", 2, ARGENTINA, ["half", "695 million US dollars", "234%"]),
        ("p2n2", 3, CHILE, ["39,000 tons", "30%"]),
    ]
    assert [note for note, *_ in linked[2:]] == ["p3n1", "p3n2", "p4n1"]
    assert unmatched == []


def test_a_figure_at_the_foot_of_the_page_is_part_of_the_claim_its_sentence_makes_on_the_next():
    cut = PARAGRAPH.index(" of lithium in 2022, accounting")
    linked, unmatched = claims(paper(PARAGRAPH[:cut], PARAGRAPH[cut + 1 :]))
    # "…Chile produced 39,000 tons" / notes / "· 59 ·" / "of lithium in 2022, accounting for 30% …ÿ"
    assert linked[1] == ("p2n2", 3, CHILE, ["39,000 tons", "30%"])
    assert unmatched == []


def test_a_word_hyphenated_across_the_page_break_is_one_word_in_the_claim():
    cut = PARAGRAPH.index("put, and it is")
    linked, unmatched = claims(paper(PARAGRAPH[:cut] + "-", PARAGRAPH[cut:]))
    # "…accounting for 30% of world out-" / notes / "· 59 ·" / "put, and it is the second …ÿ"
    assert linked[1] == ("p2n2", 3, CHILE, ["39,000 tons", "30%"])
    assert unmatched == []


def test_a_marker_pushed_to_the_top_of_the_next_page_supports_the_foot_of_the_page_before():
    foot = MASTHEAD + PARAGRAPH[: PARAGRAPH.rindex("ÿ")] + "\n\n" + PAGE_58_NOTES
    # "…after Australia." / notes / "· 59 ·" / "ÿ" alone on its line, or opening the page's first paragraph
    for top in ("ÿ\n\n" + PAGE_59, "ÿ " + PAGE_59):
        linked, unmatched = claims(foot + top)
        assert [(note, page, text) for note, page, text, _ in linked[:2]] == [
            ("p2n1", 2, ARGENTINA),
            ("p2n2", 3, CHILE),
        ], top[:3]
        assert linked[2][0] == "p3n1" and linked[2][2].startswith("Chinese enterprises entered")
        assert unmatched == []


def test_a_cut_sentence_keeps_the_note_of_its_markers_page_when_the_page_before_has_none_to_spare():
    chile_note = PAGE_58_NOTES[PAGE_58_NOTES.index("ÿ «International") : PAGE_58_NOTES.index("国际经济合怍")]
    header_59 = PAGE_58_NOTES[PAGE_58_NOTES.index("国际经济合怍") :]
    page_58_notes = PAGE_58_NOTES[: PAGE_58_NOTES.index("ÿ «International")]
    notes_59 = PAGE_59.index("ÿ «Las Bambas")
    page_59 = PAGE_59[:notes_59] + chile_note + PAGE_59[notes_59:]
    cut = PARAGRAPH.index(" 30% of world output")
    # the Chile note printed at the foot of page 59, where the sentence's marker fell
    text = (
        MASTHEAD
        + PARAGRAPH[:cut]
        + "\n\n"
        + page_58_notes
        + header_59
        + PARAGRAPH[cut + 1 :]
        + "\n\n"
        + page_59
    )
    linked, unmatched = claims(text)
    assert [(note, text) for note, _, text, _ in linked[:2]] == [("p2n1", ARGENTINA), ("p3n1", CHILE)]
    assert [note for note, *_ in linked[2:4]] == ["p3n2", "p3n3"]
    assert unmatched == []


# The mirror of the page break above: the Chile note did not fit at the foot of page 58 and was
# set at the top of page 59's notes, so page 58 has two markers and one work, page 59 two markers
# and three works. The last marker of page 58 calls the first work of page 59.
PAGE_58_ONE_NOTE = PAGE_58_NOTES.split("ÿ «International lithium market")[0] + (
    "国际经济合怍 2023年第2期 International Economic Cooperation No. 2, 2023 · 59 ·\n\n"
)
CHILE_NOTE = (
    "ÿ «International lithium market and its outlook for Chile», Chilean Copper Commission, December 2022, "
    "https://www cochilco cl/Mercado_de_Metales/Informe_Mercado _Litio_2022 pdf [2023 - 05 - 04]\n\n"
)
PAGE_59_WITH_CHILE = PAGE_59.replace("ÿ «Las Bambas produced", CHILE_NOTE + "ÿ «Las Bambas produced", 1)


def test_a_note_set_over_the_break_on_the_next_page_is_called_by_the_last_marker_of_its_page():
    doc = read_document(MASTHEAD + PARAGRAPH + "\n\n" + PAGE_58_ONE_NOTE + PAGE_59_WITH_CHILE)
    linked, unmatched = extract_all_claims(doc, extract_references(doc))
    claims = {c.note_id: c.text for c in linked}
    assert unmatched == []
    notes = {n.id: n.text for n in doc.notes}
    chile = next(note_id for note_id, text in notes.items() if "outlook for Chile" in text)
    assert "Chile produced 39,000 tons of lithium" in claims[chile]
    bambas = next(note_id for note_id, text in notes.items() if "Las Bambas produced" in text)
    assert "255,000 tons of copper" in claims[bambas]
    brazil = next(note_id for note_id, text in notes.items() if "Brazil and China sign" in text)
    assert "150.5 billion US dollars" in claims[brazil]
