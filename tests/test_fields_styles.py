"""Field parsing of ordinary (English) reference styles: APA, Chicago, Vancouver, IEEE, books.

The references below were written for these tests in each style's usual form; the
labelled benchmark set is never copied here (see benchmarks/parse_accuracy.py).
"""

import pytest

from citecheck.references.fields import parse_reference

CASES = [
    (
        "Smith, J., & Lee, K. (2020). Title of the work. Journal of Things, 12(3), 45-67. "
        "https://doi.org/10.1234/abcd.5678",
        dict(
            entry_type="article",
            authors=("Smith, J.", "Lee, K."),
            title="Title of the work",
            container="Journal of Things",
            year=2020,
            volume="12",
            issue="3",
            pages="45-67",
            doi="10.1234/abcd.5678",
        ),
    ),
    (
        "Brown, Alice, and Bob Green. 2015. “A Chicago Title.” Journal of Style 7 (2): 11–29.",
        dict(
            authors=("Brown, Alice", "Bob Green"),
            title="A Chicago Title",
            container="Journal of Style",
            year=2015,
        ),
    ),
    (
        "Smith AB, Jones CD. A Vancouver style title. Lancet. 2019;393(10170):1-10.",
        dict(
            authors=("Smith AB", "Jones CD"),
            title="A Vancouver style title",
            container="Lancet",
            year=2019,
            volume="393",
            pages="1-10",
        ),
    ),
    (
        'A. Author, B. Writer, and C. Reader, "An IEEE title," IEEE Trans. Widgets, vol. 5, no. 2, '
        "pp. 100-110, Mar. 2018.",
        dict(
            authors=("A. Author", "B. Writer", "C. Reader"),
            title="An IEEE title",
            container="IEEE Trans. Widgets",
            volume="5",
            issue="2",
            pages="100-110",
            date="2018-03",
        ),
    ),
    (
        "Doe, J. (2018). A book title. New York: Example Press.",
        dict(
            entry_type="book",
            authors=("Doe, J.",),
            title="A book title",
            location="New York",
            publisher="Example Press",
        ),
    ),
    (
        "M. Kay and P. Lin. Parsing citations quickly. In Proceedings of the Workshop on Reference Mining, "
        "pages 11-19, Lisbon, Portugal, May 2001.",
        dict(
            entry_type="conference",
            authors=("M. Kay", "P. Lin"),
            title="Parsing citations quickly",
            container="Proceedings of the Workshop on Reference Mining",
            pages="11-19",
            year=2001,
        ),
    ),
    (
        "Doe, J. (2001). Garbled sources. In A. Editor & B. Editor (Eds.), Handbook of sources (pp. 5-9). "
        "London: Sage.",
        dict(
            entry_type="chapter",
            editors=("A. Editor", "B. Editor"),
            container="Handbook of sources",
            pages="5-9",
        ),
    ),
    (
        "Quinn, R. Finding lost links. Technical Report TR-12-3, University of Somewhere, 2012.",
        dict(
            entry_type="report", authors=("Quinn, R.",), title="Finding lost links", container=None, year=2012
        ),
    ),
    (
        "World Health Organization. (2020). Global report on things. Retrieved from https://www.who.int/report.pdf",
        dict(title="Global report on things", year=2020),
    ),
    (
        "Lee, K. et al. (2011). Many hands. Science, 3, 1-2.",
        dict(authors=("Lee, K.",), et_al=True, title="Many hands", container="Science"),
    ),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:30] for c in CASES])
def test_ordinary_reference_styles_are_split_into_fields(text, expected):
    ref = parse_reference(text)
    assert {k: getattr(ref, k) for k in expected} == expected


def test_a_url_in_an_english_reference_is_kept_whole_and_its_access_date_read():
    ref = parse_reference(
        "Green, B. Renovation across Europe, 2012. Available online: "
        "http://example.org/2012/06/renovation-across-europe/ (accessed on 2 July 2015)."
    )
    assert ref.url.repaired == "http://example.org/2012/06/renovation-across-europe/"
    assert ref.url.complete
    assert ref.access_date == "2015-07-02"


def test_a_dash_for_the_same_author_gives_no_author_and_says_so():
    ref = parse_reference("———. Point Counter Point. Garden City, N.Y.: Doubleday, 1928.")
    assert ref.authors == ()
    assert ref.title == "Point Counter Point"
    assert "author given as a dash (same as the previous entry)" in ref.warnings


def test_a_reference_with_no_title_is_kept_with_a_warning():
    ref = parse_reference("ÿ , 2019, pp. 1-5.")
    assert ref.title is None
    assert "no title found" in ref.warnings
    assert ref.year == 2019


def test_chinese_brackets_and_fullwidth_punctuation_give_the_title():
    ref = parse_reference("舒仁輝 ， 《東都事略與宋史比較研究》 。 北京 ： 商務 ， 2007年 。")
    assert ref.title == "東都事略與宋史比較研究"
    assert ref.year == 2007
    assert ref.language == "zh"
