"""Field parsing pinned on the seed's real footnote lines (machine-translated, garbled).

Each case names the seed line(s) it reads; lines a footnote runs over are joined with a
space, and a second work on the same line is cut off at the text given, as segmentation
does. The expected values are what a careful editor would write down from that text.
"""

import re

import pytest

from citecheck.references.fields import parse_reference


@pytest.fixture(scope="module")
def lines(seed_text):
    return seed_text.splitlines()


def _note(lines, first, last=None, *, start=None, stop=None):
    # continuation lines lose their (spurious) marker, as segmentation does
    parts = [lines[first - 1]] + [
        re.sub(r"^\s*(?:[ÿŷŸ]|V)\s+", "", ln) for ln in lines[first : (last or first)]
    ]
    text = " ".join(p for p in parts if p.strip())
    if start is not None:
        text = text[text.index(start) :]
    if stop is not None:
        text = text[: text.index(stop)]
    return text


# (line(s), start, stop, expected fields)
CASES = [
    (
        (31,),
        None,
        None,
        dict(
            entry_type="news",
            authors=(),
            title="Xi Jinping's speech at the plenary session of the 23rd St. Petersburg International Economic Forum",
            container="Xinhua News Agency",
            date="2019-06-08",
            year=2019,
        ),
    ),
    (
        (35,),
        None,
        None,
        dict(
            entry_type="article",
            authors=("Wu Zhicheng", "Li Jiaxuan"),
            title="The Correct View of Justice and Interests in Xi Jinping's Diplomatic Thought",
            container="Research on International Issues",
            year=2021,
            issue="3",
            pages="23",
        ),
    ),
    (
        (41,),
        None,
        " «Adhering",
        dict(
            entry_type="newspaper",
            title="The Central Foreign Affairs Work Conference was held in Beijing",
            container="People's Daily",
            date="2014-11-30",
            pages="01",
        ),
    ),
    (
        (49,),
        None,
        None,
        dict(
            authors=("Li Xiangyang",),
            title='The concept of justice and benefit in the construction of "One Belt, One Road"',
            container="World Economy and Politics",
            year=2017,
            issue="9",
            pages="7-8",
        ),
    ),
    (
        (63,),
        None,
        None,
        dict(
            entry_type="article",
            authors=("Fu Cong",),
            container="Journal of the Pacific",
            year=2021,
            issue="11",
            pages="80",
        ),
    ),
    (
        (67,),
        None,
        None,
        dict(authors=("Liu Dehai",), container="Jiangsu Social Sciences", issue="3", pages="1-3", year=2017),
    ),
    (
        (87, 89),
        None,
        None,
        dict(
            entry_type="newspaper",
            authors=("Xu Weixing",),
            title="A solid step has been taken to promote synergy and efficiency in pollution reduction and carbon reduction",
            container="China Environment News",
            date="2022-01-07",
            pages="1",
        ),
    ),
    (
        (139,),
        None,
        None,
        dict(
            authors=("Han Han",),
            title='"Good Life": Actions of Left-wing Parties in Latin America',
            container="China Social Sciences Journal",
            date="2020-09-24",
        ),
    ),
    (
        (141,),
        None,
        None,
        dict(
            title='The Brazilian government officially launches the "National Green Growth Plan"',
            container="Economic and Commercial Section of the Embassy of the Republic of Brazil",
            date="2021-10",
        ),
    ),
    (
        (143,),
        None,
        None,
        dict(
            title="Argentina's renewable energy power generation will cover 13% of the country's electricity demand in 2021",
            container="Economic and Commercial Embassy in the Republic of Argentina Office",
            date="2022-01-23",
            access_date="2022",
        ),
    ),
    (
        (173,),
        None,
        " «Gaocharui",
        dict(
            title="Wind Power in Yucatán: Wind Turbines Arrive for ProgresoWindFarm",
            container="REVE",
            date="2019-09-04",
            access_date="2022-02-27",
        ),
    ),
    (
        (189,),
        None,
        None,
        dict(
            entry_type="newspaper",
            authors=("Yao Mingfeng",),
            et_al=True,
            container="People's Daily",
            pages="3",
        ),
    ),
    (
        (201, 203),
        "«Xi Jinping emphasized",
        None,
        dict(container="Xinhuanet", date="2021-11-19", access_date="2022-02-14"),
    ),
    (
        (215,),
        None,
        None,
        dict(
            authors=("Liu Xuxia", "Zhu Dongjun", "Yan Huan"),
            container="People's Daily",
            date="2021-06-20",
            pages="3",
        ),
    ),
    (
        (227,),
        None,
        None,
        dict(
            entry_type="webpage",
            authors=("Gallagher",),
            title="Greening Development Finance in The Americas",
            container="Boston University's Global Eco Nomic Governance Initiative",
            access_date="2022-02-23",
        ),
    ),
    (
        (229,),
        None,
        None,
        dict(
            authors=("Shi Peiran",),
            title='China-Latin America green product trade under the "Belt and Road" framework: '
            "Characteristics, comparative advantages and export potential",
            container="Enterprise Economics",
            issue="1",
            pages="135-143",
        ),
    ),
    (
        (245,),
        None,
        None,
        dict(
            title="country (region) in December 2021 (U.S. dollar value)",
            container="Website of the General Administration of Customs of China",
            date="2022-01-18",
        ),
    ),
    (
        (271, 272),
        None,
        " Zhang Jieyu",
        dict(
            title="Mexico delays renewable energy target by 6 years",
            date="2021-09-30",
            access_date="2022-03-08",
        ),
    ),
    (
        (272, 274),
        "Zhang Jieyu",
        None,
        dict(
            entry_type="newspaper",
            authors=("Zhang Jieyu",),
            title='China-Latin America relations are still in a "strategic opportunity period"',
            container="Dazhong Daily",
            date="2022-01-08",
            pages="4",
            edition="4",
        ),
    ),
    (
        (310,),
        None,
        None,
        dict(
            entry_type="news",
            authors=("Zhao Hui", "Huang Shunda"),
            container="Xinhua News Agency",
            date="2021-12-09",
            access_date="2022-03-10",
        ),
    ),
    (
        (318,),
        None,
        None,
        dict(
            authors=("He Shuangrong", "Tong Yawei"),
            title='China and Uruguay jointly build the "Belt and Road": Progress, driving factors and challenges',
            container="Latin American Studies",
            issue="6",
            pages="87",
        ),
    ),
    (
        (336,),
        None,
        None,
        dict(
            entry_type="newspaper",
            authors=("Li Zengxiao", "Wang Yuxinhong"),
            container="Guangming Daily",
            date="2021-12-13",
            pages="5",
        ),
    ),
]


@pytest.mark.parametrize("where,start,stop,expected", CASES, ids=[f"line{c[0][0]}" for c in CASES])
def test_seed_footnote_fields_are_read_from_the_real_line(lines, where, start, stop, expected):
    ref = parse_reference(_note(lines, *where, start=start, stop=stop))
    got = {k: getattr(ref, k) for k in expected}
    assert got == expected


def test_the_garbled_marker_before_a_note_is_not_part_of_the_title(lines):
    ref = parse_reference(lines[39 - 1])  # " $[\]ddot{y}$ «Xi Jinping accepted ..."
    assert ref.title == "Xi Jinping accepted a joint interview with media from four Latin American countries"
    assert ref.container == "Xinhuanet"
    assert ref.date == "2014-07-15"


def test_a_url_cut_at_the_end_of_a_line_is_kept_but_flagged_incomplete(lines):
    ref = parse_reference(lines[39 - 1])
    assert ref.url.raw == "http://www.xinhuanet"
    assert ref.url.complete is False
    assert "URL incomplete: characters lost in extraction" in ref.warnings


def test_a_spaced_url_and_its_bracketed_access_date_are_restored(lines):
    ref = parse_reference(lines[91 - 1])
    assert ref.url.repaired == "http://www.gov.cn/xinwen/2021-12/08/content_5659408.html"
    assert ref.url.complete
    assert ref.access_date == "2022-02-20"
    assert ref.title.startswith("The Third Ministerial Conference of the China-CELAC Forum adopted")


def test_the_second_work_on_a_shared_line_still_parses_when_given_alone(lines):
    text = _note(lines, 41, 43, start="«Adhering", stop=" *Resolution")
    ref = parse_reference(text)
    assert ref.title == "Adhering to the guidance of socialist diplomacy with Chinese characteristics"
    assert ref.container == "People's Daily Daily News"
    assert ref.date == "2018-06-24"


def test_a_reference_without_a_title_keeps_its_raw_text_and_says_what_is_missing():
    text = "ÿ Economic and Commercial Office of the Embassy in the Republic of"
    ref = parse_reference(text)
    assert ref.raw == text
    assert ref.title is None or "no title found" not in ref.warnings
    assert "no date found" in ref.warnings


def test_span_and_note_id_are_carried_through():
    from citecheck.model import Span

    ref = parse_reference("«T», Xinhua News Agency, June 8, 2019", span=Span(31, 31, 10, 60), note_id="p2n1")
    assert ref.span == Span(31, 31, 10, 60)
    assert ref.note_id == "p2n1"
    assert ref.key == ""
