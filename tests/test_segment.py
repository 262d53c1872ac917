"""Footnote segmentation on the seed's hard lines: split run-together works, join split ones, reject prose."""

import pytest

from citecheck.document import read_document
from citecheck.references.segment import segment_document, split_text


@pytest.fixture(scope="module")
def seed_segments(seed_text):
    doc = read_document(seed_text)
    return doc, segment_document(doc)


def _starting(segments, prefix):
    found = [s for s in segments if s.text.startswith(prefix)]
    assert found, f"no work starts with {prefix!r}"
    return found


def test_the_seed_yields_one_segment_per_cited_work(seed_segments):
    _, segments = seed_segments
    assert len(segments) == 46


def test_a_line_holding_two_works_is_split_and_the_second_joins_the_next_line(seed_segments):
    _, segments = seed_segments
    first = _starting(segments, "«The Central Foreign Affairs Work Conference")[0]
    assert first.text.endswith("Page 01, November 30, 2014.")
    second = _starting(segments, "«Adhering to the guidance of socialist diplomacy")[0]
    assert (second.span.start_line, second.span.end_line) == (41, 43)
    assert second.text.endswith("Page 01, June 24, 2018")
    assert "ÿ" not in second.text  # the spurious marker of line 43 is gone
    assert _starting(segments, "*Resolution of the Central")[0].span.start_line == 43


def test_a_name_split_over_two_lines_is_joined(seed_segments):
    _, segments = seed_segments
    work = _starting(segments, 'Li Hailong: "On the Connotation')[0]
    assert (work.span.start_line, work.span.end_line) == (45, 47)
    assert not [s for s in segments if s.text == "Li"]


def test_works_are_split_after_an_access_date(seed_segments):
    _, segments = seed_segments
    celac = _starting(segments, "CELAC https:// celacinternational org")[0]
    assert celac.text.endswith("[2022 - 02 - 20]")
    _starting(segments, "«Xi Jinping: China Make cooperation in the")
    cofco = _starting(segments, "«COFCO makes breakthrough")[0]
    assert cofco.text.endswith("[2022 - 02 - 28]")
    xi = _starting(segments, '«Xi Jinping emphasized at the third "Belt and Road"')[0]
    assert (xi.span.start_line, xi.span.end_line) == (201, 203)


def test_works_running_over_lines_271_to_286_are_cut_and_joined(seed_segments):
    _, segments = seed_segments
    mexico = _starting(segments, "«Mexico delays renewable energy target")[0]
    assert (mexico.span.start_line, mexico.span.end_line) == (271, 272)
    assert "2021 September 30th" in mexico.text
    zhang = _starting(segments, "Zhang Jieyu: «China-Latin America relations")[0]
    assert (zhang.span.start_line, zhang.span.end_line) == (272, 274)
    sun = _starting(segments, "Sun Hongbo:")[0]
    assert sun.text.endswith("Page 76")
    _starting(segments, '"Mexican Present Pressures US Stop')
    he = _starting(segments, 'He Shuangrong: "The Impact of Latin American Left Governance')[0]
    assert (he.span.start_line, he.span.end_line) == (284, 286)


def test_body_lines_starting_with_a_marker_give_no_reference(seed_segments):
    _, segments = seed_segments
    assert not [s for s in segments if s.span.start_line in (127, 129)]
    assert not [s for s in segments if "Argentina currently has 187" in s.text]


def test_urls_are_kept_verbatim(seed_segments):
    _, segments = seed_segments
    shanghai = _starting(segments, "«Shanghai Power Construction")[0]
    assert "http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 20211103215703 shtml [2022-02-16]" in shanghai.text


def test_spans_quote_the_work_in_the_document(seed_segments):
    doc, segments = seed_segments
    for seg in segments:
        quoted = doc.text[seg.span.start : seg.span.end]
        assert quoted.startswith(seg.text.split()[0]), seg.text
        assert quoted.rstrip()[-4:] == seg.text[-4:], seg.text
        assert doc.text.count("\n", 0, seg.span.start) + 1 == seg.span.start_line


def test_a_work_split_across_a_page_header_is_joined():
    text = (
        "Body.ÿ\n\nÿ Wu Zhicheng, Li Jiaxuan: «Adhering to the\n\n拉丁美洲研究 Issue 4, 2022\n\n超丁美洲研究 Issue 4, 2022\n\n"
        "超丁星海研究 Issue 4, 2022\n\nMore body.ÿ\n\n"
        "ÿ guidance of socialist diplomacy*, published in People's Daily, Page 01, June 24, 2018\n"
    )
    doc = read_document(text)
    segments = segment_document(doc)
    assert [s.text for s in segments] == [
        "Wu Zhicheng, Li Jiaxuan: «Adhering to the guidance of socialist diplomacy*, published in People's Daily, Page 01, June 24, 2018"
    ]
    assert (segments[0].span.start_line, segments[0].span.end_line) == (3, 13)
    assert {n.page for n in doc.notes} == {1, 2}


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Fu Cong: «A», Published in «B», 2021 Issue 11, Page 80", 1),
        ("«A», Xinhua, June 8, 2019. «B», People's Daily, Page 01, May 2, 2018", 2),
        ("«A», Xinhua, 2019, http://x.cn/a html [2022 - 02 - 20] Zhang San: «B», Daily, 2020.", 2),
        ("Smith, J. Wind. Energy, 2019, 3(2); Jones, K. Sun. Solar, 2020, 4(1).", 2),
        (
            'Li Xiangyang: "The concept of "One Belt, One Road"", Published in "World Economy", Issue 9, 2017',
            1,
        ),
    ],
)
def test_split_text_cuts_only_between_complete_works(text, parts):
    assert len(split_text(text)) == parts


def test_markdown_and_lines_documents_are_segmented_too():
    md = read_document(
        "A.[^1]\n\n[^1]: Smith, J. Wind. Energy, 2019, 3(2); Jones, K. Sun. Solar, 2020, 4(1).\n"
    )
    assert [s.note_id for s in segment_document(md)] == ["fn1", "fn1"]
    lines = read_document("Smith, J. Wind. 2019; Jones, K. Sun. 2020.\nDoe, A. Rain. 2021.\n", format="lines")
    assert [s.text for s in segment_document(lines)] == [
        "Smith, J. Wind. 2019; Jones, K. Sun. 2020.",
        "Doe, A. Rain. 2021.",
    ]


def test_extract_references_parses_every_segment_with_raw_span_and_note(seed_text):
    from citecheck.references.extract import extract_references

    doc = read_document(seed_text)
    refs = extract_references(doc)
    assert [r.raw for r in refs] == [s.text for s in segment_document(doc)]
    assert all(r.span is not None and r.note_id for r in refs)
    assert len({r.key for r in refs}) == len(refs)
    notes = {n.id for n in doc.notes}
    assert {r.note_id for r in refs} <= notes


def test_a_work_carried_into_the_next_note_keeps_the_note_where_it_starts(seed_segments):
    _, segments = seed_segments
    assert _starting(segments, "«Adhering to the")[0].note_id == "p2n5"
    assert _starting(segments, "*Resolution of the Central")[0].note_id == "p2n6"


def test_ibid_notes_are_not_new_works():
    doc = read_document(
        "A.①\nB.②\n\n① Li Ming: «Mining», published in «Andean Studies», Issue 2, 2019, Page 12.\n② Ibid., p. 14.\n"
    )
    assert len(doc.notes) == 2
    assert [s.note_id for s in segment_document(doc)] == ["fn1"]


def test_bibtex_documents_are_read_by_the_bib_reader():
    from citecheck.references.extract import extract_references

    doc = read_document(
        "@article{wu2021,\n  author = {Wu, Zhicheng},\n  title = {The Correct View},\n  year = {2021},\n}\n"
    )
    refs = extract_references(doc)
    assert [(r.key, r.title, r.year) for r in refs] == [("wu2021", "The Correct View", 2021)]


def _gold_starts():
    import json
    import pathlib

    gold = json.loads((pathlib.Path(__file__).parent / "data" / "seed_gold.json").read_text(encoding="utf-8"))
    return [w["starts_with"] for w in gold["works"]]


def _variants(seed_text):
    import re

    return {
        "no blank lines (pdftotext)": "\n".join(ln for ln in seed_text.split("\n") if ln.strip()),
        "another garbled glyph and header": seed_text.replace("ÿ", "ý").replace(
            "Issue 4, 2022", "No. 3, 2021"
        ),
        "form feeds instead of headers": re.sub(r"(?m)^.{0,8}研究 Issue 4, 2022$", "\f", seed_text),
        "CRLF line endings": seed_text.replace("\n", "\r\n"),
    }


def test_seed_variants_yield_the_same_works(seed_text):
    starts = _gold_starts()
    for name, text in _variants(seed_text).items():
        doc = read_document(text)
        got = [s.text for s in segment_document(doc)]
        assert len(got) == len(starts), name
        for text_, start in zip(got, starts, strict=True):
            assert text_.startswith(start.replace("ÿ", "ý") if "glyph" in name else start), (name, text_[:60])
        assert len(doc.pages) == 12, name


def test_a_note_ending_in_the_middle_of_its_fields_joins_the_next_one():
    doc = read_document(
        "A.ÿ B.ÿ\n\nÿ Fu Cong: «Green Cooperation», Published in «Journal of the Pacific»,\n\nÿ 2021 Issue 11, Page 80\n"
    )
    assert [s.text for s in segment_document(doc)] == [
        "Fu Cong: «Green Cooperation», Published in «Journal of the Pacific», 2021 Issue 11, Page 80"
    ]


def test_explanatory_footnotes_in_markdown_and_latex_are_not_references():
    md = read_document(
        "A.[^1] B.[^2]\n\n[^1]: This point is discussed further below.\n[^2]: Smith, J. Wind power. Energy Journal, 2019.\n"
    )
    assert [s.note_id for s in segment_document(md)] == ["fn2"]
    tex = read_document(
        r"A.\footnote{See the discussion in the next section.} B.\footnote{Xinhua News Agency, June 8, 2019.}"
    )
    assert [s.text for s in segment_document(tex)] == ["Xinhua News Agency, June 8, 2019."]


def test_a_second_url_of_the_same_work_after_its_access_date_stays_with_the_work():
    # tests/data/paper4, line 49: the report's page and its full text, in one note
    text = (
        "«Food and Agriculture Outlook for Latin America and the Caribbean 2023», Food and Agriculture "
        "Organization of the United Nations, February 2023, https://www fao org/americas/publicaciones/"
        "ver/es/c/1634567/ [2023 - 03 - 25]; full text: https://www fao org/3/cc4567es/cc4567es pdf"
    )
    assert split_text(text) == [(0, len(text))]
    assert len(split_text(text.replace("; full text: ", "; 全文：", 1))) == 1


def test_a_titled_work_after_an_access_date_is_still_a_work_of_its_own():
    text = (
        "«A», Xinhua, May 1, 2014, http://www news cn/a html [2022 - 02 - 20] "
        "«B», People's Daily, June 2, 2018, http://www people com cn/b html"
    )
    assert len(split_text(text)) == 2
    bare = "CELAC https:// celacinternational org / [2022 - 02 - 20] CELAC https:// celac org / x"
    assert len(split_text(bare)) == 2
