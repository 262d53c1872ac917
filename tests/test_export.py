"""Export: BibTeX/BibLaTeX via bibtexparser v2, CSL-JSON, RIS; the seed's .bib reads back."""

import json

import bibtexparser
import pytest

from citecheck.bibliography import export
from citecheck.document import read_document
from citecheck.errors import UsageError
from citecheck.model import Reference, Url
from citecheck.references.bibfile import references_from_bibtex
from citecheck.references.extract import extract_references
from citecheck.references.fields import parse_reference
from citecheck.references.keys import assign_keys

# The seed prints other hosts under '.gov.cn' (customs, the central government): evidence for
# reading its '….gov.com' host.
PAPER_HOSTS = frozenset({"customs.gov.cn", "www.gov.cn"})


@pytest.fixture(scope="module")
def seed_refs(seed_text):
    return extract_references(read_document(seed_text))


COMPARED = ("key", "entry_type", "title", "authors", "et_al", "container", "year", "date", "pages", "issue")


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_the_seed_bib_reads_back_to_the_same_entries(seed_refs, fmt):
    text = export(seed_refs, fmt)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == [r.key for r in seed_refs]
    back = references_from_bibtex(text)
    fields = COMPARED if fmt == "biblatex" else tuple(f for f in COMPARED if f != "entry_type")
    assert len(back) == len(seed_refs)
    for ref, again in zip(seed_refs, back, strict=True):
        compared = fields
        if fmt == "biblatex" and ref.entry_type in ("misc", "webpage", "news", "document"):
            # biblatex's @misc and @online have no pages field: the page goes to the note
            compared = tuple(f for f in fields if f != "pages")
            assert not ref.pages or f"p. {ref.pages}" in text
        assert {f: getattr(again, f) for f in compared} == {f: getattr(ref, f) for f in compared}, ref.key


def test_keys_are_readable_and_unique_on_the_seed(seed_refs):
    keys = [r.key for r in seed_refs]
    assert len(set(keys)) == len(keys)
    assert "wu2021correcta" in keys and "wu2021correctb" in keys  # the same work cited twice
    assert "fu2021chinaeu" in keys or "fu2021china" in keys


SPECIALS = "50% of {braces} & #hash _under $dollar \\back ~tilde ^caret @at"


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_special_characters_are_escaped_and_read_back(fmt):
    ref = Reference(key="k1", entry_type="article", raw="", title=SPECIALS, container="J & K", year=2020)
    text = export([ref], fmt)
    assert "\\&" in text and "\\%" in text and "\\{braces\\}" in text
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    back = references_from_bibtex(text)[0]
    assert back.title == SPECIALS  # escaped braces are text, read back as braces
    assert back.container == "J & K"


def test_a_bib_title_keeps_its_escaped_braces_and_its_case_protection_through_an_export():
    bib = r"@article{k, title = {Set \{x\} of Trade with {Chile} and {NASA}, \emph{Growth}}, year = {2020}}"
    (ref,) = references_from_bibtex(bib)
    assert ref.title == "Set {x} of Trade with Chile and NASA, Growth"
    assert ref.case_protected == ("Chile", "NASA")
    for fmt in ("bibtex", "biblatex"):
        text = export([ref], fmt)
        assert r"title = {Set \{x\} of Trade with {Chile} and {NASA}, Growth}" in text
        (again,) = references_from_bibtex(text)
        assert (again.title, again.case_protected) == (ref.title, ref.case_protected)


def _web(url: Url, warnings=()):
    return Reference(
        key="gov2021third",
        entry_type="webpage",
        raw="",
        title="The Third Ministerial Conference",
        container="Xinhua News Agency",
        date="2021-12-08",
        year=2021,
        url=url,
        access_date="2022-02-20",
        warnings=warnings,
    )


def test_biblatex_online_entry_has_url_and_urldate():
    ref = _web(Url(raw="x", repaired="http://www.gov.cn/a.html", complete=True))
    text = export([ref], "biblatex")
    assert text.startswith("@online{gov2021third,")
    assert "url = {http://www.gov.cn/a.html}" in text
    assert "urldate = {2022-02-20}" in text
    assert "date = {2021-12-08}" in text


def test_an_incomplete_url_is_never_written_as_a_url_only_as_a_note():
    ref = _web(
        Url(raw="http:// ar mofcom gov cn / art ÿÿ", repaired="http://ar.mofcom.gov.cn/art…", complete=False),
        warnings=("URL incomplete: characters lost in extraction",),
    )
    for fmt in ("bibtex", "biblatex"):
        text = export([ref], fmt)
        assert "url =" not in text
        assert "URL incomplete in the source (characters lost): http://ar.mofcom.gov.cn/art…" in text
    assert "URL" not in json.loads(export([ref], "csljson"))[0]
    assert "UR  -" not in export([ref], "ris")


def test_a_url_with_changed_characters_is_exported_as_a_note_with_both_forms_never_as_a_url():
    from citecheck.references.urls import repair_url

    ref = _web(
        repair_url("http://ar.mofcom.gov.com/article/jmxw/202.202/20220203278094 shtml", hosts=PAPER_HOSTS)
    )
    text = export([ref], "bibtex")
    assert "url =" not in text
    assert (
        "URL altered in the source (characters changed): probably "
        "http://ar.mofcom.gov.cn/article/jmxw/202202/20220203278094.shtml, printed http://ar.mofcom.gov.com/"
        in text
    )


def test_a_reference_missing_fields_prints_its_text_and_says_what_is_missing_in_a_comment():
    ref = Reference(
        key="anonnd", entry_type="misc", raw="ÿ , 2019, pp. 1-5.", year=2019, warnings=("no title found",)
    )
    text = export([ref], "bibtex")
    assert "note = {ÿ , 2019, pp. 1-5.}" in text
    assert text.startswith("% citecheck: no title found\n% citecheck: unparsed reference")
    (item,) = json.loads(export([ref], "csljson"))
    assert (
        item["note"] == "ÿ , 2019, pp. 1-5." and "no title found" in item["custom"]["citecheck-diagnostics"]
    )
    assert "N1  - no title found" in export([ref], "ris")


def _printed_fields(text: str) -> str:
    """The fields of the entries, without the comments between them."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("%"))


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_tool_diagnostics_are_comments_before_the_entry_never_printed_fields(fmt):
    # "Accessed 2022. no date found" was the note of a web page the paper gives no date for
    ref = Reference(
        key="celac2022",
        entry_type="webpage",
        raw="",
        title="CELAC",
        url=Url(raw="http:// celac ÿÿ", repaired="http://celac…", complete=False),
        access_date="2022",
        warnings=("no date found", "URL incomplete: characters lost in extraction"),
    )
    text = export([ref], fmt)
    fields = _printed_fields(text)
    assert (
        "no date found" not in fields and "URL incomplete" not in fields and "characters lost" not in fields
    )
    assert "% citecheck: no date found" in text
    assert "% citecheck: URL incomplete in the source (characters lost): http://celac…" in text
    assert "note = {Accessed 2022}" in text
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and [e.key for e in library.entries] == ["celac2022"]
    assert "no date found" not in json.dumps(json.loads(export([ref], "csljson"))[0].get("note", ""))


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_the_access_date_is_kept_as_urldate_even_when_the_url_is_incomplete(fmt):
    ref = _web(
        Url(raw="http:// ar mofcom gov cn / art ÿÿ", repaired="http://ar.mofcom.gov.cn/art…", complete=False)
    )
    text = export([ref], fmt)
    assert "urldate = {2022-02-20}" in text and "Accessed 2022-02-20" in text and "url =" not in text
    assert references_from_bibtex(text)[0].access_date == "2022-02-20"


def test_an_at_sign_in_a_diagnostic_never_starts_an_entry():
    ref = Reference(key="k", entry_type="misc", raw="", title="T", warnings=("author @example not read",))
    text = export([ref], "bibtex")
    assert "@example" not in text.split("@misc")[0]
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and [e.key for e in library.entries] == ["k"]


def test_csl_json_uses_literal_chinese_names_and_date_parts(seed_refs):
    items = json.loads(export(seed_refs, "csljson"))
    wu = next(i for i in items if i["id"] == "wu2021correcta")
    assert wu["type"] == "article-journal"
    assert wu["author"] == [{"literal": "Wu Zhicheng"}, {"literal": "Li Jiaxuan"}]
    assert wu["container-title"] == "Research on International Issues"
    assert wu["issue"] == "3" and wu["page"] == "23"
    assert wu["issued"] == {"date-parts": [[2021]]}
    gov = next(i for i in items if i.get("URL") == "http://www.gov.cn/xinwen/2021-12/08/content_5659408.html")
    assert gov["accessed"] == {"date-parts": [[2022, 2, 20]]}
    assert gov["issued"] == {"date-parts": [[2021, 12, 8]]}


def test_csl_json_splits_western_names_into_family_and_given():
    ref = Reference(
        key="k", entry_type="article", raw="", authors=("Romero, C.", "Larry D. Wittie"), title="T"
    )
    item = json.loads(export([ref], "csljson"))[0]
    assert item["author"] == [{"family": "Romero", "given": "C."}, {"family": "Wittie", "given": "Larry D."}]


def test_ris_records_have_the_standard_tags(seed_refs):
    text = export(seed_refs, "ris")
    records = [r for r in text.split("ER  - ") if r.strip()]
    assert len(records) == len(seed_refs)
    shi = next(r for r in records if "Enterprise Economics" in r)
    assert "TY  - JOUR" in shi and "AU  - Shi, Peiran" in shi
    assert "SP  - 135" in shi and "EP  - 143" in shi and "IS  - 1" in shi and "PY  - 2021" in shi
    gov = next(r for r in records if "content_5659408" in r)
    assert "UR  - http://www.gov.cn/xinwen/2021-12/08/content_5659408.html" in gov
    assert "Y2  - 2022-02-20" in gov
    assert "DA  - 2021/12/08/" in gov


def test_an_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown export format 'endnote'"):
        export([], "endnote")


def test_a_users_bib_file_becomes_references_with_their_keys():
    bib = r"""
@online{site2020,
  author = {{World Health Organization}},
  title = {Report on {COVID}},
  date = {2020-03-01},
  url = {https://www.who.int/r.pdf},
  urldate = {2021-01-02},
}
@article{doe99, author = {Doe, Jane and Roe, R. and others}, title = {A {\"u}ber Title}, journal = {J},
  year = 1999, month = jun, pages = {1--9}}
"""
    site, doe = references_from_bibtex(bib)
    assert (site.key, site.entry_type, site.title, site.date) == (
        "site2020",
        "webpage",
        "Report on COVID",
        "2020-03-01",
    )
    assert site.url.repaired == "https://www.who.int/r.pdf" and site.url.complete
    assert site.access_date == "2021-01-02"
    assert doe.authors == ("Doe, Jane", "Roe, R.") and doe.et_al
    assert doe.title == "A über Title"
    assert (doe.date, doe.pages) == ("1999-06", "1-9")


def test_a_url_field_in_a_bib_file_is_verbatim_ampersand_percent_and_tilde_kept():
    bib = r"""
@online{q, title = {Query \& answer}, url = {https://example.org/s?a=1&b=2%20c~d_e#top},
  doi = {10.1000/x_y%z}}
@misc{h, title = {Linked}, howpublished = {\url{http://e.org/a?b=1&c=2}}}
@misc{p, title = {Plain BibTeX escapes}, url = "http://x.org/a\_b\%20?q=1\&r=2"}
"""
    q, h, p = references_from_bibtex(bib)
    assert q.title == "Query & answer"  # other fields are still LaTeX-decoded
    assert q.url.repaired == "https://example.org/s?a=1&b=2%20c~d_e#top" and q.url.complete
    assert q.doi == "10.1000/x_y%z"
    assert h.url.repaired == "http://e.org/a?b=1&c=2" and h.container is None
    assert p.url.repaired == "http://x.org/a_b%20?q=1&r=2"


LONE_SURROGATES = Reference(
    key="k\ud800",
    entry_type="webpage",
    raw="Smith \udc80 raw",
    authors=("Smith\udfff, J.",),
    title="A title with a lone \ud83d surrogate and a pair \ud83d\ude00",
    container="Site \udcff",
    year=2020,
    url=Url(raw="http://e.org/\udc80", repaired="http://e.org/\udc80", complete=True),
)


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex", "csljson", "ris"])
def test_export_always_produces_valid_utf8_even_from_lone_surrogates(fmt, tmp_path):
    from citecheck.fsutil import atomic_write

    text = export([LONE_SURROGATES], fmt)
    data = text.encode("utf-8")  # raises on a lone surrogate
    assert "\ufffd" in text
    assert "\U0001f600" in text  # a proper pair is joined, not replaced
    path = atomic_write(tmp_path / f"out.{fmt}", text)
    assert path.read_bytes() == data


def test_a_verified_bibliography_takes_the_address_the_archive_recovered_and_keeps_the_printed_one():
    from citecheck.bibliography.verified import archived_copies, verified_references
    from citecheck.model import Recovery, Snapshot, SourceCheck
    from citecheck.references.urls import repair_url

    printed = "http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 20211103215703 shtml"
    ref = _web(repair_url(printed), warnings=("URL incomplete: characters lost in extraction",))
    found = "http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml"
    snapshot = Snapshot(
        "https://web.archive.org/web/",
        found,
        "20211110080000",
        "https://web.archive.org/web/20211110080000/" + found,
        "raw",
    )
    check = SourceCheck(ref.key, None, snapshot=snapshot, recovery=Recovery("recovered", found))
    (verified,) = verified_references([ref], [check])
    assert verified.url.complete and verified.url.repaired == found
    text = export([verified], "biblatex", archived=archived_copies([check]))
    assert f"url = {{{found}}}" in text
    assert "URL as printed: http:// ar mofcom gov cn / art" in text and "recovered from a web archive" in text
    assert "Archived copy of 2021-11-10: https://web.archive.org/web/20211110080000/" in text
    assert "characters lost" not in text
    (item,) = json.loads(export([verified], "csljson", archived=archived_copies([check])))
    assert item["URL"] == found and item["archive_location"].endswith(found)


def test_export_of_something_that_is_not_a_report_is_one_line_and_status_2(tmp_path):
    import subprocess
    import sys

    bogus = tmp_path / "x.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from citecheck.cli import main; main()", "export", str(bogus)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0
    assert "is not a citecheck JSON report" in done.stderr


def test_a_corporate_author_is_one_protected_name_in_biblatex():
    ref = parse_reference("International Energy Agency, World Energy Outlook 2021 (Paris: IEA, 2021), 45.")
    text = export([ref], "biblatex")
    assert "author = {{International Energy Agency}}" in text
    assert "Agency, International" not in text


def test_a_gbt_book_part_is_an_incollection_with_its_book_as_booktitle():
    ref = parse_reference(
        "吴白乙. 中拉关系的新阶段[M]//吴白乙. 拉丁美洲和加勒比发展报告（2019—2020）. "
        "北京: 社会科学文献出版社, 2020: 1-25."
    )
    text = export([ref], "biblatex")
    assert text.startswith("@incollection{")
    assert "booktitle = {拉丁美洲和加勒比发展报告（2019—2020）}" in text
    assert "pages = {1--25}" in text and "langid = {chinese}" in text


def test_a_chicago_article_keeps_volume_and_number_apart_under_journaltitle():
    ref = parse_reference("Kevin P. Gallagher, “China Rising,” Energy Policy 45, no. 3 (2012): 120–134.")
    text = export([ref], "biblatex")
    assert "journaltitle = {Energy Policy}" in text
    assert "volume = {45}" in text and "number = {3}" in text and "pages = {120--134}" in text


def test_an_edited_volume_without_authors_is_a_biblatex_collection():
    ref = parse_reference(
        "Adrian H. Hearn and José Luis León-Manríquez, eds., China Engages Latin America "
        "(Boulder, CO: Lynne Rienner, 2011), 5."
    )
    assert ref.editors == ("Adrian H. Hearn", "José Luis León-Manríquez") and not ref.authors
    assert export([ref], "biblatex").startswith("@collection{")


def test_pages_never_go_into_a_biblatex_misc_entry():
    ref = parse_reference("中国人民银行：《绿色债券支持项目目录》，2021年4月2日，第3页。")
    text = export([ref], "biblatex")
    assert text.startswith("@misc{") and "pages =" not in text and "p. 3" in text


def test_keys_of_chinese_references_are_romanised_family_name_year_and_title():
    refs = assign_keys(
        [
            parse_reference("谢文泽. 中拉绿色合作的进展与前景[J]. 拉丁美洲研究, 2021, 43(3): 23-45."),
            parse_reference("［美］约瑟夫·奈：《软实力》，马娟娟译，中信出版社2013年版，第12页。"),
            parse_reference(
                "国家统计局. 统计公报[EB/OL]. (2022-02-28)[2022-03-01]. http://www.stats.gov.cn/a.html."
            ),
        ]
    )
    assert [r.key for r in refs] == ["xie2021zhongla", "nai2013ruanshi", "guojia2022tongji"]


def test_an_organisation_is_keyed_by_its_initials_or_its_short_name():
    refs = assign_keys(
        [
            parse_reference("International Energy Agency, World Energy Outlook 2021 (Paris: IEA, 2021), 45."),
            parse_reference(
                "World Bank, Lithium and the Energy Transition (Washington, DC: World Bank, 2021), 14."
            ),
        ]
    )
    assert [r.key for r in refs] == ["iea2021world", "worldbank2021lithium"]


def test_verify_never_exports_as_url_the_most_likely_of_several_candidates_no_archive_confirmed():
    from citecheck.bibliography.verified import verified_references
    from citecheck.model import Recovery, SourceCheck

    candidates = ("http://www.gov.cn/a.html", "http://www.gov.cn/a.htm", "http://www.gov.cn/A.html")
    url = Url(raw="www gov cn/a html", repaired=candidates[0], complete=True, candidates=candidates)
    ref = _web(url)
    assert "url = {http://www.gov.cn/a.html}" in export([ref], "biblatex")  # parse: the paper as printed
    unconfirmed = SourceCheck(ref.key, candidates[0], recovery=Recovery("not-found"))
    for checks in ([unconfirmed], []):  # the archive knew none, or was never asked (offline)
        (verified,) = verified_references([ref], checks)
        for fmt in ("bibtex", "biblatex"):
            text = export([verified], fmt)
            assert "url =" not in text and "urldate = {2022-02-20}" in text
            assert "% citecheck: URL not confirmed: possibly http://www.gov.cn/a.html" in text
        assert "URL" not in json.loads(export([verified], "csljson"))[0]
        assert "UR  -" not in export([verified], "ris")
    confirmed = SourceCheck(ref.key, candidates[0], recovery=Recovery("confirmed", candidates[1]))
    (verified,) = verified_references([ref], [confirmed])
    assert "url = {http://www.gov.cn/a.htm}" in export([verified], "biblatex")


def _through_bibtexparser(refs, fields_of) -> str:
    """The same entries written by bibtexparser v2's own writer (the text citecheck wrote before)."""
    from bibtexparser.model import Entry, Field, ImplicitComment
    from bibtexparser.writer import BibtexFormat

    from citecheck.bibliography.bibtex import _comment, entries

    library = bibtexparser.Library()
    for said, etype, key, fields in entries(refs, fields_of):
        if said:
            library.add(ImplicitComment(_comment(said)))
        library.add(Entry(etype, key, [Field(k, v) for k, v in fields]))
    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    return bibtexparser.write_string(library, bibtex_format=fmt)


def test_the_bibtex_text_is_byte_for_byte_what_bibtexparser_writes_without_its_library_copy(seed_refs):
    from citecheck.bibliography.bibtex import _fields_biblatex, _fields_bibtex

    refs = [
        *seed_refs,
        Reference(key="", entry_type="misc", raw="x"),
        Reference(key="k", entry_type="misc", raw=""),
    ]
    for fmt, fields_of in (("bibtex", _fields_bibtex), ("biblatex", _fields_biblatex)):
        assert export(refs, fmt) == _through_bibtexparser(refs, fields_of)
    assert export([], "bibtex") == ""
