"""Plain-text reader: pages from running headers, footnote blocks, in-text markers (seed lines)."""

import pathlib

from citecheck.document import read_document
from citecheck.document.plaintext import read_plaintext


def _note_at(doc, line):
    return [n for n in doc.notes if n.span.start_line <= line <= n.span.end_line]


def test_seed_pages_start_at_running_headers_including_garbled_variants(seed_text):
    doc = read_document(seed_text)
    assert doc.format == "text"
    assert [p.start_line for p in doc.pages] == [1, 19, 51, 77, 145, 179, 207, 231, 253, 288, 320, 348]
    headers = {p.header for p in doc.pages[1:]}
    assert {
        "超丁星海研究 Issue 4, 2022",
        "拉丁美洲研究 Issue 4, 2022",
        "拉丁星湖研究 Issue 4, 2022",
    } <= headers


def test_running_headers_are_neither_notes_nor_body(seed_text):
    doc = read_document(seed_text)
    assert not _note_at(doc, 145)  # 拉丁美洲研究 Issue 4, 2022
    assert all(m.span.start_line not in (19, 51, 145) for m in doc.markers)


def test_form_feeds_start_new_pages():
    text = "Body one.ÿ\n\nÿ «A», Xinhua News Agency, June 8, 2019\n\fBody two.ÿ\n\nÿ «B», Xinhua News Agency, May 1, 2020\n"
    doc = read_plaintext(text)
    assert [p.start_line for p in doc.pages] == [1, 4]
    assert [(n.page, n.order) for n in doc.notes] == [(1, 1), (2, 1)]
    assert [(m.page, m.order) for m in doc.markers] == [(1, 1), (2, 1)]


def test_marked_footnote_lines_are_notes_with_page_order_and_marker(seed_text):
    doc = read_document(seed_text)
    first = _note_at(doc, 31)[0]
    assert (first.id, first.page, first.order, first.marker) == ("p2n1", 2, 1, "ÿ")
    assert first.text.startswith("«Xi Jinping's speech at the plenary session")
    assert _note_at(doc, 39)[0].marker == "$[\\]ddot{y}$"
    assert _note_at(doc, 286)[0].marker == "V"
    assert _note_at(doc, 308)[0].marker == "Ÿ"


def test_note_span_runs_from_marker_to_end_of_its_text(seed_text):
    doc = read_document(seed_text)
    note = _note_at(doc, 67)[0]
    quoted = doc.text[note.span.start : note.span.end]
    assert quoted.startswith("ÿ Liu Dehai:") and quoted.endswith("Pages 1-3.")


def test_body_lines_that_merely_start_with_a_marker_are_rejected(seed_text):
    doc = read_document(seed_text)
    # "ÿÿÿ , Followed by solar photovoltaic…" and "ÿ Argentina currently has 187 renewable…"
    assert not _note_at(doc, 127)
    assert not _note_at(doc, 129)


def test_unmarked_line_that_is_clearly_a_reference_is_a_note(seed_text):
    doc = read_document(seed_text)
    note = _note_at(doc, 251)[0]
    assert note.marker == "" and note.text.startswith("Song Haiying, Wang Minhui:")


def test_short_unmarked_lines_continue_the_note_above(seed_text):
    doc = read_document(seed_text)
    assert _note_at(doc, 87)[0].text.endswith("January 7, 2022 1 edition")  # line 89
    assert _note_at(doc, 173)[0].text.endswith("Embassy in the Republic of")  # line 175
    assert _note_at(doc, 271)[0].span.end_line == 272  # no blank line between


def test_long_body_paragraph_between_notes_stays_body(seed_text):
    doc = read_document(seed_text)
    assert not _note_at(doc, 37)
    assert any(m.span.start_line == 37 for m in doc.markers)


def test_numbered_section_heading_is_not_a_note(seed_text):
    doc = read_document(seed_text)
    assert not _note_at(doc, 83)  # "2. Progress of China-Latin America Green Cooperation"


def test_garbled_in_text_markers_are_found_but_garble_runs_are_not(seed_text):
    doc = read_document(seed_text)
    by_line = {}
    for m in doc.markers:
        by_line.setdefault(m.span.start_line, []).append(m.raw)
    assert by_line[21] == ["ÿ", "ŷ"]  # …harmoniously."ÿ "Accelerate…  …major country. ŷ The…
    assert by_line[25] == ["\\(\\tilde{y}\\)", "\\(\\tilde{y}\\)"]
    assert by_line[59] == ["§", "§"]
    assert 171 not in by_line and 269 not in by_line  # "US$600 million ÿÿ Photovoltaic", "counterforce ÿÿ"
    assert doc.text[doc.markers[0].span.start : doc.markers[0].span.end] == "ÿ"


def test_markers_are_numbered_per_page():
    doc = read_plaintext("One.ÿ Two.ÿ\n\nÿ «A», Xinhua, June 8, 2019\n\nÿ «B», Xinhua, June 9, 2019\n")
    assert [(m.page, m.order) for m in doc.markers] == [(1, 1), (1, 2)]


def test_clean_circled_bracketed_and_superscript_markers_carry_numbers():
    text = (
        "Solar grew①. Wind grew[2]. Hydro grew³.\n\n"
        "① Fu Cong: «Green Cooperation», Published in «Journal of the Pacific», 2021 Issue 11, Page 80\n"
        "[2] Smith, J. (2019). Wind power. Energy Journal, 3(2), 45-67.\n"
        "³ Liu Dehai: «Hydro», published in «Jiangsu Social Sciences», Issue 3, 2017, Pages 1-3.\n"
    )
    doc = read_plaintext(text)
    assert [(n.id, n.number) for n in doc.notes] == [("fn1", 1), ("fn2", 2), ("fn3", 3)]
    assert [(m.raw, m.number) for m in doc.markers] == [("①", 1), ("[2]", 2), ("³", 3)]


def test_crlf_and_bom_are_normalised_and_spans_point_into_document_text():
    text = "\ufeffBody.ÿ\r\n\r\nÿ «A», Xinhua News Agency, June 8, 2019\r\n"
    doc = read_plaintext(text)
    assert not doc.text.startswith("\ufeff") and "\r" not in doc.text
    note = doc.notes[0]
    assert doc.text[note.span.start : note.span.end] == "ÿ «A», Xinhua News Agency, June 8, 2019"
    assert note.span.start_line == note.span.end_line == 3


def test_text_without_footnotes_says_so():
    doc = read_plaintext("Just a paragraph of prose.\n\nAnother one.\n")
    assert doc.notes == () and "no footnotes found" in doc.warnings


OTHER_LAYOUT = """Journal of Contemporary Andean Studies | Vol. 12, No. 3

The Belt and Road in the Andes

China's investment in Peru reached US$30 billion in 2019①. Mining accounts for most of it②.
Chinese firms also built roads.

________________
① Li Ming, Zhao Lei: «China-Peru Mining Cooperation», published in «Andean
Studies», Issue 2, 2019, Page 12.
② «Chinalco builds new city in Peru», Observer.com, July 3, 2012, http://www.guancha.cn/Business/2012_07_03_82453.shtml
· 41 ·
Journal of Contemporary Andean Studies | Vol. 12, No. 3
Trade grew 41% in 2021③.
③ Ibid., p. 14.
· 42 ·
Journal of Contemporary Andean Studies | Vol. 12, No. 3
The end.
"""


def test_another_journal_layout_with_circled_markers_rules_and_page_numbers():
    doc = read_plaintext(OTHER_LAYOUT)
    assert [p.start_line for p in doc.pages] == [1, 12, 16]  # a page-number footer opens the group
    assert [(n.id, n.page, n.span.start_line, n.span.end_line) for n in doc.notes] == [
        ("fn1", 1, 9, 10),
        ("fn2", 1, 11, 11),
        ("fn3", 2, 15, 15),
    ]
    assert doc.notes[0].text.endswith("«Andean Studies», Issue 2, 2019, Page 12.")
    assert [(m.raw, m.page) for m in doc.markers] == [("①", 1), ("②", 1), ("③", 2)]


def test_prose_directly_below_a_closed_note_is_not_glued_to_it():
    text = (
        "A claim about mining.①\n"
        "① Li Ming: «China-Peru Mining», published in «Andean Studies», Issue 2, 2019, Page 12.\n"
        "The next page starts here with prose that does not belong to the footnote above it at all.\n"
    )
    doc = read_plaintext(text)
    assert [(n.span.start_line, n.span.end_line) for n in doc.notes] == [(2, 2)]


def test_ocr_latex_forms_of_numbered_markers_are_read_as_numbers():
    text = (
        "Capacity reached 400 MW.${ }^{1}$ Output doubled.\\(\\textcircled{2}\\)\n\n"
        "\\textcircled{1} Li Ming: «China-Peru Mining», published in «Andean Studies», Issue 2, 2019, Page 12.\n"
        "${ }^{2}$ Fu Cong: «Green Cooperation», Published in «Journal of the Pacific», 2021 Issue 11, Page 80\n"
    )
    doc = read_plaintext(text)
    assert [(n.id, n.marker) for n in doc.notes] == [("fn1", "\\textcircled{1}"), ("fn2", "${ }^{2}$")]
    assert [(m.raw, m.number) for m in doc.markers] == [("${ }^{1}$", 1), ("\\(\\textcircled{2}\\)", 2)]


def test_a_numbered_heading_near_notes_is_not_taken_for_a_note():
    text = (
        "Body.ÿ\n\nÿ He Shuangrong: «Uruguay», published in «Latin American Studies», Issue 6, 2021, Page 87.\n\n"
        '(2) Develop green cooperation from the perspective of "benefiting people\'s livelihood"\n'
    )
    assert len(read_plaintext(text).notes) == 1


def test_a_marker_alone_on_its_line_belongs_to_the_note_below():
    text = (
        "Capacity reached 400 MW.\n①\n\n"
        "①\nLi Ming: «China-Peru Mining», published in «Andean Studies», Issue 2, 2019, Page 12.\n"
    )
    doc = read_plaintext(text)
    assert [(n.marker, n.number, n.span.start_line, n.span.end_line) for n in doc.notes] == [("①", 1, 4, 5)]
    assert [(m.raw, m.span.start_line) for m in doc.markers] == [("①", 2)]


def test_a_footnote_repeated_on_every_page_is_not_a_running_header():
    page = "International Studies\n\nClaim {n}.ÿ\n\nÿ «Xi Jinping's speech», Xinhua News Agency, June 8, 2019\n\n"
    doc = read_plaintext("".join(page.format(n=n) for n in range(4)))
    assert len(doc.pages) == 4
    assert [(n.page, n.order) for n in doc.notes] == [(1, 1), (2, 1), (3, 1), (4, 1)]


# -- running headers of a second paper in the seed's style (tests/data/paper2) ---------------

_PAPER2 = (
    pathlib.Path(__file__).resolve().parent
    / "data"
    / "paper2"
    / "china-africa-renewable-cooperation-2021.txt"
)


def _paper2_lines(drop=()):
    lines = _PAPER2.read_text(encoding="utf-8").split("\n")
    return "\n".join("" if i + 1 in drop else line for i, line in enumerate(lines))


def test_the_second_papers_pages_start_at_its_running_headers_garbled_variants_included():
    doc = read_document(_paper2_lines())
    assert [p.start_line for p in doc.pages] == [1, 17, 29, 39, 49, 57]
    assert {p.header for p in doc.pages[1:]} == {
        "西亚非洲 Issue 3, 2021",
        "酉亚非洲 Issue 3, 2021",
        "西亚非州 Issue 3, 2021",
    }


def test_a_header_naming_an_issue_and_year_that_recurs_only_twice_is_still_a_header():
    # only "西亚非洲 Issue 3, 2021" (line 17) and "西亚非州 Issue 3, 2021" (line 39) kept
    doc = read_document(_paper2_lines(drop=(29, 49, 57)))
    assert [p.start_line for p in doc.pages] == [1, 17, 39]
    assert not _note_at(doc, 39)


def test_a_line_naming_the_mastheads_issue_and_year_is_a_header_even_once():
    # masthead "June 2021 Volume 39 Issue 3 West Asia and Africa …": "西亚非洲 Issue 3, 2021" once
    doc = read_document(_paper2_lines(drop=(29, 39, 49, 57)))
    assert [p.start_line for p in doc.pages] == [1, 17]


def test_a_running_header_after_a_note_never_becomes_a_reference():
    from citecheck.references.extract import extract_references

    text = _paper2_lines(drop=(29, 49, 57)).replace(
        "[2022 - 02 - 05] 《非洲太阳能》\n\n", "[2022 - 02 - 05]\n"
    )
    refs = extract_references(read_document(text))
    assert len(refs) == 12
    assert not any("Issue 3" in r.raw for r in refs)


def test_a_note_citing_the_same_issue_and_year_is_not_a_running_header():
    text = (
        "June 2021 Volume 39 Issue 3 West Asia and Africa\n\nBody text.ÿ\n\n"
        "ÿ Li Ming: «Energy», published in «West Asia and Africa», Issue 3, 2021, Page 5.\n"
    )
    doc = read_document(text)
    assert [p.start_line for p in doc.pages] == [1]
    assert len(doc.notes) == 1


# -- running headers of a third paper (tests/data/paper3): longer, with both journal names ----

_PAPER3 = (
    pathlib.Path(__file__).resolve().parent
    / "data"
    / "paper3"
    / "china-latin-america-lithium-mining-cooperation-2023.txt"
)
_PAPER3_HEADERS = (17, 25, 34, 42, 50, 58, 68)


def _paper3_lines(keep):
    lines = _PAPER3.read_text(encoding="utf-8").split("\n")
    return "\n".join("" if i + 1 in _PAPER3_HEADERS and i + 1 not in keep else x for i, x in enumerate(lines))


def test_a_long_header_repeating_the_mastheads_journal_name_and_issue_is_a_header_even_once():
    # masthead "April 2023 Volume 40 Issue 2 International Economic Cooperation …"; line 25 is
    # "国际经济合怍 2023年第2期 International Economic Cooperation No. 2, 2023 · 59 ·" (64 characters)
    doc = read_document(_paper3_lines(keep=(25,)))
    assert [p.start_line for p in doc.pages] == [1, 25]


def test_a_long_line_naming_the_issue_and_year_without_the_journals_name_is_not_a_header():
    text = (
        "April 2023 Volume 40 Issue 2 International Economic Cooperation\n\nBody text.ÿ\n\n"
        "The customs tables of Issue 2, 2023 of the statistical bulletin give the figures for lithium\n"
    )
    assert [p.start_line for p in read_document(text).pages] == [1]


def test_a_note_split_by_a_long_running_header_is_joined_and_the_header_left_out():
    from citecheck.references.extract import extract_references

    text = _paper3_lines(keep=(25,)).replace(
        "[2023 - 05 - 04]\n\n国际经济合怍", "[2023 - 05 - 04] «Las Bambas produced\n\n国际经济合怍"
    )
    text = text.replace("ÿ «Las Bambas produced record", "ÿ record")
    refs = extract_references(read_document(text))
    assert len(refs) == 13
    assert not any("Economic Cooperation" in r.raw for r in refs)
    assert any(r.title == "Las Bambas produced record copper concentrate in 2022" for r in refs)


def test_a_line_ending_in_a_folio_set_off_by_dots_is_a_running_head_even_without_the_journal():
    # recto heads that give the article's short title and the page number, only twice
    lines = _paper3_lines(keep=(17, 34, 50, 68)).split("\n")
    for number, folio in ((25, 59), (42, 61)):
        lines[number - 1] = f"Lithium, copper and ports: China-Latin America mining cooperation · {folio} ·"
    doc = read_document("\n".join(lines))
    assert [p.start_line for p in doc.pages] == [1, 17, 25, 34, 42, 50, 68]


def test_an_interpunct_in_a_name_next_to_a_number_is_not_a_folio():
    text = "Title\n\nBody text.ÿ\n\nThe plan of Antonio·Guterres · 2030 agenda\n\nMore text.\n"
    assert [p.start_line for p in read_document(text).pages] == [1]


def test_the_garbled_glyphs_of_the_masthead_are_not_footnote_markers():
    # "April 2023 Volume 40 Issue 2 International Economic Cooperation ÿÿÿ ÿÿ ÿÿÿÿ ÿ y": the lone
    # "ÿ" is part of the garbled journal name; page 1 holds the first paragraph and its two notes
    doc = read_document(_paper3_lines(keep=_PAPER3_HEADERS[1:]))
    page1 = [m.span.start_line for m in doc.markers if m.page == 1]
    assert page1 == [19, 19]
    assert [n.span.start_line for n in doc.notes if n.page == 1] == [21, 23]


# -- a fourth paper (tests/data/paper4): issue in parentheses, a note cut by a page break ----

_PAPER4 = (
    pathlib.Path(__file__).resolve().parent
    / "data"
    / "paper4"
    / "china-latin-america-agricultural-trade-cooperation-2023.txt"
)


def test_a_header_naming_the_issue_in_parentheses_after_the_year_is_a_header_even_once():
    # masthead "June 2023 Volume 45 Issue 6 World Agriculture …"; a head of its own kind, once:
    # "世界农业 World Agriculture 2023 (6) 94" (no dots or dashes round the page number)
    text = (
        "June 2023 Volume 45 Issue 6 World Agriculture ÿÿÿ ÿÿ y\n\nBody text.ÿ\n\n"
        "ÿ «Title», Xinhua, May 1, 2023, http://www news cn/a html [2023 - 05 - 02]\n\n"
        "世界农业 World Agriculture 2023 (6) 94\n\nMore body text.ÿ\n\n"
        "ÿ «Other», Xinhua, May 3, 2023, http://www news cn/b html [2023 - 05 - 04]\n"
    )
    doc = read_document(text)
    assert [p.start_line for p in doc.pages] == [1, 7]
    assert len(doc.notes) == 2


def test_a_year_followed_by_a_number_in_parentheses_in_prose_is_not_an_issue_header():
    text = (
        "June 2023 Volume 45 Issue 6 World Agriculture\n\nBody text.ÿ\n\n"
        "Exports to China rose again in 2023 (6%)\n\nMore text.\n"
    )
    assert [p.start_line for p in read_document(text).pages] == [1]


_CUT_NOTE = (
    "June 2023 Volume 45 Issue 6 World Agriculture\n\nBody text.ÿ\n\n"
    "ÿ «Chinese buyers sign soybean purchase agreements in Brazil», China Economic Net, March 15, "
    "2023, http://intl ce cn/sjjj/qy/202303/\n\n世界农丵 2023年第6期 · 92 ·\n\n"
)
_TAIL = "15/t20230315_38447821 shtml [2023 - 03 - 18]"


def test_a_url_cut_by_a_page_break_goes_on_after_the_next_pages_running_header():
    text = _CUT_NOTE + _TAIL + "\n\nFruit is the fastest growing item.ÿ\n\nÿ «Cherries», Asoex, 2023\n"
    doc = read_document(text)
    assert doc.notes[0].text.endswith("202303/ " + _TAIL)
    assert [n.span.end_line for n in doc.notes] == [9, 13]  # the tail is line 9, after the header
    assert "15/t2023" not in " ".join(doc.text[m.span.start - 40 : m.span.start] for m in doc.markers)


def test_a_url_cut_by_a_page_break_may_go_on_at_the_foot_of_the_next_page_above_its_notes():
    text = _CUT_NOTE + "Fruit is the fastest growing item.ÿ\n\n" + _TAIL + "\n\nÿ «Cherries», Asoex, 2023\n"
    doc = read_document(text)
    assert doc.notes[0].text.endswith("202303/ " + _TAIL)
    assert doc.notes[1].text.startswith("«Cherries»")


def test_prose_after_a_page_break_never_continues_a_note_that_ended_the_page_before():
    text = _CUT_NOTE + "area reached 252,000 hectares, and exports grew.ÿ\n\nÿ «Cherries», Asoex, 2023\n"
    doc = read_document(text)
    assert doc.notes[0].text.endswith("202303/")
    assert [m.span.start_line for m in doc.markers] == [3, 9]


def test_a_marked_note_wrapped_over_lines_is_judged_with_the_lines_below_its_marker():
    # paper4's note 3 as extraction wraps it: its first line alone has a title and no date or URL
    text = (
        "Title\n\nThe crop fell to 25 million tons.ÿ\n\n"
        "ÿ «La sequía recorta la cosecha de soja a 25 millones de toneladas», Bolsa de Comercio de Rosario,\n"
        "9 de marzo de 2023, https://www bcr com ar/es/mercados/informativo - semanal/noticias/la - sequ%C3%ADa\n"
        "- recorta - la - cosecha - de - soja [2023 - 03 - 10]\n"
    )
    doc = read_document(text)
    assert [(n.span.start_line, n.span.end_line) for n in doc.notes] == [(5, 7)]
    assert [m.span.start_line for m in doc.markers] == [3]


def test_a_marked_line_of_prose_stays_body_even_with_lines_below_it():
    text = (
        "Title\n\nÿ Argentina currently has 187 renewable energy power generation projects, with a total\n"
        "installed capacity of 5181 74 MW. The government expects more of them in the coming years.\n"
        "Chinese companies built many of them.\n"
    )
    assert read_document(text).notes == ()


_CUT_FIELDS = (
    "June 2023 Volume 45 Issue 6 World Agriculture\n\nBody text.ÿ\n\n"
    "ÿ «Avocado production progress report 2022», Agri-food and Fisheries\n\n"
    "世界农业 World Agriculture 2023 (6) 94\n\n"
)


def test_a_note_cut_inside_its_fields_by_a_page_break_goes_on_at_the_top_of_the_next_page():
    remainder = (
        "Information Service, December 31, 2022, http://infosiap siap gob mx: 8080/Reportes/"
        "AvanceCultivo php?anio=2022&cultivo=AGUACATE&mes=12 [2023-4-5]"
    )
    doc = read_document(_CUT_FIELDS + remainder + "\n\nMore body text.ÿ\n\nÿ «Other», Xinhua, 2023\n")
    assert doc.notes[0].text.endswith("Fisheries " + remainder)
    assert len(doc.notes) == 2


def test_a_heading_at_the_top_of_a_page_is_not_the_remainder_of_an_open_note():
    doc = read_document(_CUT_FIELDS + "(2) Seed companies in Brazil since 2022\n\nMore body text.ÿ\n")
    assert doc.notes[0].text.endswith("Fisheries")


def test_a_whole_reference_that_lost_its_marker_after_a_closed_note_is_a_note_of_its_own():
    # paper4's line 57 without its "ÿ", between two marked notes
    text = (
        "Title\n\nFirst.ÿ Second.ÿ Third.ÿ\n\n"
        "ÿ «Chinese Agricultural Investment», Inter-American Dialogue, March 2023, "
        "https://www thedialogue org/a pdf. Accessed April 2, 2023.\n\n"
        "王磊、陈静：《中国对拉美农业投资的现状与前景》，载《国际经济合作》2022年第5期，第33—41页，"
        "http://www iwep org cn/xscg/xscg_lwybg/202211/W020221128512345678901 pdf，访问日期：2023年4月3日。\n\n"
        "ÿ «Avocado production progress report 2022», Agri-food and Fisheries Information Service, "
        "December 31, 2022 [2023-4-5]\n"
    )
    doc = read_document(text)
    assert [n.span.start_line for n in doc.notes] == [5, 7, 9]


def test_a_chicago_note_that_lost_its_marker_after_a_closed_note_is_a_note_of_its_own():
    # a Chicago note begins with its authors in direct order and the quoted title
    text = (
        "Title\n\nFirst.ÿ Second.ÿ Third.ÿ\n\n"
        "ÿ «Soy exports», Xinhua, May 1, 2023, https://www xinhuanet com/a htm [2023 - 03 - 02]\n\n"
        "Margaret Myers and Rebecca Ray, “Chinese Agricultural Investment in Latin America,” "
        "Inter-American Dialogue, March 2023, https://www thedialogue org/a pdf, accessed April 2, 2023.\n\n"
        "ÿ «Avocado production progress report 2022», Agri-food and Fisheries Information Service, "
        "December 31, 2022 [2023-4-5]\n"
    )
    doc = read_document(text)
    assert [n.span.start_line for n in doc.notes] == [5, 7, 9]
    assert doc.notes[1].text.startswith("Margaret Myers and Rebecca Ray")


# -- a fifth paper (tests/data/paper5): other glyphs, digit markers, folios without dots -------

_PAPER5 = (
    pathlib.Path(__file__).resolve().parent
    / "data"
    / "paper5"
    / "china-latin-america-digital-infrastructure-cooperation-2023.txt"
)


def test_latin1_letters_and_the_replacement_character_are_garbled_markers_like_y_diaeresis():
    # "… 45.0% of their GDP.þ Brazil …", "… by 2029.Ð Chinese firms …", "… end of 2022.� Submarine …"
    text = (
        "Global Review Vol.15 No.3 May 2023\n\n"
        "Rates rose 45.0% of their GDP.þ Brazil raised 47.2 billion reais by 2029.Ð Capacity was 240 "
        "megawatts in 2022.� Cables came next.\n\n"
        "þ 中国信息通信研究院. 全球数字经济白皮书（2022年）[EB/OL]. (2022-12-07)[2023-02-10]. http://www caict ac cn/a . pdf\n\n"
        "Ð «Leilão do 5G arrecada R$ 47,2 bilhões», Agência Nacional de Telecomunicações, 5 de novembro de 2021, "
        "https://www gov br/anatel/pt - br/assuntos [2022 - 10 - 12]\n\n"
        "� «Querétaro concentrates the largest data centre capacity in Mexico», Mexican Association of Data "
        "Centers, March 3, 2023, https://www mexicodatacenters org mx/Noticias/a - b [2023 - 03 - 20]\n"
    )
    doc = read_document(text)
    assert [n.marker for n in doc.notes] == ["þ", "Ð", "\ufffd"]
    assert [m.raw for m in doc.markers] == ["þ", "Ð", "\ufffd"]


def test_a_plain_digit_glued_to_the_text_before_it_calls_the_pages_note_of_that_number():
    # "… 860,000 5G users.6 Fixed internet reached 721% …, and optical fibre accounted for 25%7 of …"
    doc = read_document(_PAPER5.read_text(encoding="utf-8"))
    page4 = [(m.raw, m.number) for m in doc.markers if m.page == 4]
    assert page4 == [("6", 6), ("7", 7), ("8", 8)]
    body = doc.text[doc.markers[5].span.start - 9 : doc.markers[5].span.end]
    assert body == "5G users.6"


def test_a_glued_digit_that_no_note_of_the_page_carries_is_no_marker():
    text = "Fibre was 25%7 of fixed accesses in 2.53 regions.\n\n3 «A title», An Agency, May 2, 2022\n"
    assert [m.raw for m in read_document(text).markers] == []


def test_page_numbers_first_or_last_that_run_on_page_by_page_make_running_headers():
    # "42 Glob. Rev. Vol.15 No.3", "国际展望 第15卷 第3期 43", "Vol.15 No.3 GLOBAL REVIEW 44", "45 国际展望",
    # "Global Review, 2023, 15(3) | 46", "47 | Glob. Rev. | May 2023": no dots or dashes, no year on most
    doc = read_document(_PAPER5.read_text(encoding="utf-8"))
    assert [p.start_line for p in doc.pages] == [1, 17, 27, 35, 45, 53, 64]


def test_numbered_notes_on_consecutive_lines_are_no_run_of_folios():
    text = (
        "Body text with calls.6 And more.7 And the last.8\n\n"
        "6 «Argentina's 5G network», Xinhuanet, December 28, 2022\n"
        "7 «Fixed internet», National Communications Entity, March 30, 2023\n"
        "8 «The backbone», Ministry of Transport, June 14, 2022\n"
    )
    doc = read_document(text)
    assert [p.start_line for p in doc.pages] == [1]
    assert len(doc.notes) == 3


def test_numbered_section_titles_are_no_run_of_folios():
    text = (
        "Global Review Vol.15 No.3 May 2023\n\n1 Introduction\n\nBody text.\n\n2 Progress of cooperation\n\n"
        "More body text.\n\n3 Challenges ahead\n\nThe end.\n"
    )
    assert [p.start_line for p in read_document(text).pages] == [1]


def test_a_digit_after_a_formula_or_a_numbering_abbreviation_is_no_glued_marker():
    text = (
        "Body text.\n\nCO2 fell 3% in 2021.2 See No.3 of the series.\n\n"
        "2 «Emissions fall», National Bureau of Statistics, May 2, 2022\n\n"
        "3 «A second title», An Agency, May 3, 2022\n"
    )
    assert [m.raw for m in read_document(text).markers] == ["2"]
