"""The URL reader's rules, each pinned by a note line that needs it (issue 10).

Lines are in the seed's style: «title», agency, date, URL, access bracket, sometimes the next
work, prose or a running page header after it.
"""

import pytest

from citecheck.references.urls import document_hosts, prefer_document_hosts, repair_url, url_in
from citecheck.references.urls.host import read_host
from citecheck.references.urls.path import read_path
from citecheck.references.urls.suffixes import dotless_splits, is_category, registrable


def _url(line):
    found = url_in(line)
    assert found is not None, line
    return found[2]


# -- hosts: the Public Suffix List decides where a host ends ----------------------------------

HOSTS = [
    ("www fightdementia org au", "www.fightdementia.org.au"),
    ("law ox ac uk", "law.ox.ac.uk"),
    ("oglobo globo com", "oglobo.globo.com"),
    ("www timesonline co uk", "www.timesonline.co.uk"),
    ("www gob mx", "www.gob.mx"),
    ("www1 folha uol com br", "www1.folha.uol.com.br"),
    ("ar mofcom gov CN", "ar.mofcom.gov.cn"),
    ("faster- rivals com", "faster-rivals.com"),
    ("data stats gov cn: 8080", "data.stats.gov.cn:8080"),
    ("202 112 81 33:8000", "202.112.81.33:8000"),
]


@pytest.mark.parametrize("printed,host", HOSTS)
def test_every_gap_between_host_labels_is_a_dot_and_the_host_ends_in_a_public_suffix(printed, host):
    reading = read_host(printed)
    assert (reading.host, reading.complete) == (host, True)


def test_a_spaced_hyphen_in_a_host_is_one_character_of_its_label_not_a_dot():
    assert read_host("www faster- rivals co uk").host == "www.faster-rivals.co.uk"


@pytest.mark.parametrize("printed", ["www.xinhuanet", "cpc", "world 1", "www science", "www.abc"])
def test_a_host_without_a_registrable_name_before_a_known_suffix_is_incomplete(printed):
    assert read_host(printed).complete is False


def test_www_is_never_the_registered_name_under_a_top_level_domain_but_a_registry_site_is_real():
    assert registrable(["www", "science"]) is False
    assert registrable(["www", "gov", "cn"]) is True


def test_a_label_that_lost_its_dots_splits_only_at_a_multi_label_suffix():
    assert dotless_splits("sasacgovcn") == [("sasac", "gov.cn")]
    assert dotless_splits("xinhuanet") == []  # "xinhua.net" reads the same as a host cut before ".com"


def test_a_host_printed_without_any_dot_after_www_is_split_at_www_and_its_suffix():
    reading = read_host("wwwtheguardiancom")
    assert (reading.host, reading.complete) == ("www.theguardian.com", True)


def test_registry_categories_come_from_the_suffix_list_not_from_a_list_of_countries():
    assert all(is_category(x) for x in ("gov", "com", "ac", "gob", "org"))
    assert not is_category("mofcom")


# -- paths: a space is a join, except before the extension -------------------------------------

PATHS = [
    ("/xinwen/20 21 - 12 / 08 / content_5659408 html", "/xinwen/2021-12/08/content_5659408.html"),
    ("/tol/news/article7 005401 ece", "/tol/news/article7005401.ece"),
    ("/2012_ 07_ 03_ 82453 shtml", "/2012_07_03_82453.shtml"),
    ("/a/b/faster- rivals- win html", "/a/b/faster-rivals-win.html"),
    ("/article/2021 SHT ML", "/article/2021.SHTML"),
    ("/docs/report HTM L", "/docs/report.HTML"),
    ("/news/t20211208_37154321 s html", "/news/t20211208_37154321.shtml"),
    ("/x/green_deal.PD F", "/x/green_deal.PDF"),
    ("/PressReleasePage as px?PRID=17801 23", "/PressReleasePage.aspx?PRID=1780123"),
    ("/2/hi/americas/7812345 stm", "/2/hi/americas/7812345.stm"),
]


@pytest.mark.parametrize("printed,path", PATHS)
def test_spaces_in_a_path_join_and_the_final_extension_gets_its_dot(printed, path):
    assert read_path(printed).path == path


def test_an_upper_case_extension_keeps_its_case_when_that_is_the_only_evidence():
    reading = read_path("/files/IRP - 2019 PDF")
    assert reading.path == "/files/IRP-2019.PDF"
    assert reading.alternatives[0] == "/files/IRP-2019.pdf"


def test_an_upper_case_host_shows_the_extraction_changed_case_so_the_extension_is_lower_cased():
    url = repair_url("http://www chinanews com CN/gj/2021/12-09/9625678.SHTML")
    assert url.repaired == "http://www.chinanews.com.cn/gj/2021/12-09/9625678.shtml"
    assert "http://www.chinanews.com.cn/gj/2021/12-09/9625678.SHTML" in url.candidates


def test_an_unknown_short_final_word_is_read_as_the_extension_with_the_joined_form_as_a_candidate():
    url = repair_url("https://www.redalyc.org/ articulo oa?id=11512345006")
    assert url.repaired == "https://www.redalyc.org/articulo.oa?id=11512345006"
    assert "https://www.redalyc.org/articuloa?id=11512345006" not in url.candidates
    assert "https://www.redalyc.org/articulooa?id=11512345006" in url.candidates


# -- where the URL ends ------------------------------------------------------------------------

ENDS = [
    (
        "ÿ «Kenya's wind farm», Daily Nation, March 5, 2019, https:// www nation co ke / kenya / "
        "wind - power - 123 4567 [2022 - 01 - 12] Sun Hongbo: «Green finance",
        "https://www.nation.co.ke/kenya/wind-power-1234567",
    ),
    (
        "ÿ «Study», Reuters, May 9, 2012 http://www ce cn/xwzx/gdxw/t20211208_37154321 shtml "
        "[2022 - 03 - 01] 拉丁美洲研究 Issue 4, 2022",
        "http://www.ce.cn/xwzx/gdxw/t20211208_37154321.shtml",
    ),
    (
        "ÿ «Trade», BBC News, July 1, 2017, http://news bbc co uk/2/hi/7812345 stm The project was completed.",
        "http://news.bbc.co.uk/2/hi/7812345.stm",
    ),
    (
        "ÿ «Customs», Website of the General Administration, 2022, http://www.customs.gov.cn / customs/ "
        "302249 / zfxxgk Zhang Jieyu: «China",
        "http://www.customs.gov.cn/customs/302249/zfxxgk",
    ),
    (
        "ÿ «Energy», El País, 2021, https://www mre gov py / index.php / noticias - de-embajadas [2022 - 03 - 01]",
        "https://www.mre.gov.py/index.php/noticias-de-embajadas",
    ),
    (
        "ÿ «Data», CEPAL, 2021, http : // www.scielo org mx / scielo php?script=sci_arttext&pid=S01 85-1667 "
        "[2021 - 12 - 09]",
        "http://www.scielo.org.mx/scielo.php?script=sci_arttext&pid=S0185-1667",
    ),
    (
        "See <http://etext.lib.virginia.edu /subjects/afam.html>.",
        "http://etext.lib.virginia.edu/subjects/afam.html",
    ),
]


@pytest.mark.parametrize("line,url", ENDS, ids=[f"end{i}" for i in range(len(ENDS))])
def test_the_url_ends_at_the_access_bracket_a_quote_a_cjk_character_or_the_first_prose_token(line, url):
    got = _url(line)
    assert (got.repaired, got.complete) == (url, True)


def test_a_short_piece_right_before_the_access_bracket_belongs_to_the_url_and_both_readings_are_ranked():
    got = _url("ÿ «Customs», 2022, http://www.customs.gov.cn/customs/302249/zfx xxgk [2022-04-11]")
    # an extension the vocabulary does not know, or a file name split in two: both are offered
    assert got.repaired == "http://www.customs.gov.cn/customs/302249/zfx.xxgk"
    assert "http://www.customs.gov.cn/customs/302249/zfxxxgk" in got.candidates


def test_an_access_word_before_the_bracket_is_not_part_of_the_url():
    got = _url("«Data», 2021, http://www.example.org/data accessed [2022-04-11]")
    assert got.repaired == "http://www.example.org/data"


# -- lost characters always make the URL incomplete --------------------------------------------

LOSSY = [
    "ÿ «Trade», BBC News, 2013 htt ÿÿÿÿ: //www.smh com au /business/iron-ore html [2021 - 12 - 09]",
    "ÿ «Trade», BBC News, 2013 h ŷ: // www.theglobeandmail.com /business /article/ [2022-02-16]",
    "ÿ «Loan», Xinhua News Agency, 2019, https://www abc com Ÿy/edicion-impresa/economia/ [2022 - 03-10]",
    "ÿ «Wind», Xinhua News Agency, April 13, 2020 https://www.japantimes.co",
    "ÿ «Wind», People's Daily Online, January 8, 2016, https://www.science",
    "ÿ «Wind», El País, August 9, 2019, http://www.gov",
]


@pytest.mark.parametrize("line", LOSSY, ids=[f"lossy{i}" for i in range(len(LOSSY))])
def test_garbled_schemes_garbled_hosts_and_hosts_cut_at_the_line_end_are_incomplete(line):
    assert _url(line).complete is False


def test_a_scheme_whose_surviving_letters_still_name_it_is_restored():
    assert (
        repair_url("ttps: // www chinadaily com cn/a/1 html").repaired
        == "https://www.chinadaily.com.cn/a/1.html"
    )
    assert repair_url("tp://www xinhuanet.com/world/1.htm").repaired == "http://www.xinhuanet.com/world/1.htm"


def test_a_host_only_url_at_the_end_of_an_extracted_note_ending_in_a_registry_category_may_be_cut():
    assert _url("ÿ «Folha», Folha de S.Paulo, 2021, https://www1.folha.uol.com").complete is False
    assert _url("For details see https://www1.folha.uol.com").complete is True  # not an extraction


# -- document evidence --------------------------------------------------------------------------


def test_a_dotless_host_is_split_where_another_host_of_the_same_document_shows():
    urls = [
        repair_url("http:// ng ecdc gov cn / article / 1 shtml"),
        repair_url("http://etecdcgovcn/article/2021101 8212345 shtml"),
    ]
    assert document_hosts(urls) == frozenset({"ecdc.gov.cn"})
    assert prefer_document_hosts(urls)[1].repaired == "http://et.ecdc.gov.cn/article/20211018212345.shtml"


def test_a_host_printed_in_punycode_ends_at_its_internationalised_suffix():
    # "xn--fiqs8s" is 中国: the list's rule is in Unicode, the printed label in ASCII
    url = repair_url("http://www example xn--fiqs8s/a")
    assert url.repaired == "http://www.example.xn--fiqs8s/a" and url.complete


# -- separators a text layer printed in other forms ---------------------------------------------


def test_a_scheme_separator_printed_full_width_by_a_cjk_text_layer_reads_as_ascii():
    line = (
        "Ÿ «Lithium station», BBC News, October 1, 2020 http：//www nea gov cn/2022 - 01 / 28 / "
        "c_1310445678 htm [2022 - 03-10]"
    )
    assert _url(line).repaired == "http://www.nea.gov.cn/2022-01/28/c_1310445678.htm"
    assert _url(
        "«Data», 2021, https：／／ doi org / 10.1080/13563467.2 020.1781075 [2022 - 02 - 20]"
    ).repaired == ("https://doi.org/10.1080/13563467.2020.1781075")


def test_a_full_width_character_after_the_url_still_ends_it():
    got = _url("«报告», 2021, http://www.gov.cn/a/1.htm，拉丁美洲研究")
    assert got.repaired == "http://www.gov.cn/a/1.htm"


# -- lost characters near the end, cut hosts under new top-level domains --------------------------


def test_a_host_only_url_at_the_end_of_an_extracted_note_under_a_new_gtld_may_be_cut():
    # "bbc" and "sina" are new-gTLD labels, far more often the site's name before ".co.uk"/".com.cn"
    assert _url("ÿ «Trade», BBC News, March 3, 2021, http://news.bbc").complete is False
    assert _url("«Markets», China Daily, 2021, http://finance.sina.").complete is False
    assert _url("For details see http://news.bbc").complete is True  # not an extraction


def test_the_piece_right_before_a_garbled_piece_is_still_address_so_the_url_is_incomplete():
    line = "ÿ «Trade», 2021, https: // www koreaherald com / view p ÿŷ?ud=20211209000654 [2022 - 02 - 20]"
    assert _url(line).complete is False
    line = "ÿ «Report», 2006, http://www.community.wa.gov.AU/NR/0/reportwithcover200 6 P ŷÿ [2022 - 03 - 01]"
    assert _url(line).complete is False


# -- where the URL ends: shapes of the blind pool --------------------------------------------------


def test_a_handler_extension_after_the_files_own_extension_belongs_to_the_url():
    line = "«Informe», 2021, https://www.mincit.gov.co/getattachment/Informe-China-2021.pdf aspx [2022 - 02 - 20]"
    assert _url(line).repaired == "https://www.mincit.gov.co/getattachment/Informe-China-2021.pdf.aspx"


def test_a_fragment_split_like_a_digit_run_stays_whole():
    line = (
        "«Post», 2021, http://sww gd gov cn/gkmlpt/content/3/3712/post_3712345 htm l#20 01 [2021 - 12 - 09]"
    )
    assert _url(line).repaired == "http://sww.gd.gov.cn/gkmlpt/content/3/3712/post_3712345.html#2001"


def test_parentheses_balanced_inside_a_path_piece_are_address_but_a_sentences_brackets_are_not():
    line = "«Briefing», 2021, https://www.europarl.europa.eu/RegData/EPRS_BRI(2021)698123_EN pdf [2022 - 02 - 20]"
    assert _url(line).repaired == "https://www.europarl.europa.eu/RegData/EPRS_BRI(2021)698123_EN.pdf"
    got = _url("(see https://en.wikipedia.org/wiki/Lithium_(medication))")
    assert got.repaired == "https://en.wikipedia.org/wiki/Lithium_(medication)"
    assert _url("(see http://www.gov.cn/a/1.htm)").repaired == "http://www.gov.cn/a/1.htm"


def test_localhost_is_the_loopback_name_only_as_the_whole_host():
    line = (
        "«Report», 2021, http://localhost example org:8443/reports / 2021/annual_report pdf [2021 - 12 - 09]"
    )
    assert _url(line).repaired == "http://localhost.example.org:8443/reports/2021/annual_report.pdf"


# -- extensions the vocabulary does not know, split like the ones it knows -------------------------

SPLIT_UNKNOWN = [
    ("/articleshow/88212345 cm s", "/articleshow/88212345.cms"),
    ("/turkiye-cin-ekonomik-iliskileri.en mf a", "/turkiye-cin-ekonomik-iliskileri.en.mfa"),
    ("/journals/10.1075/jlp.20012 a bc", "/journals/10.1075/jlp.20012.abc"),
    ("/roll/2021-12-10/doc-ikyamrmy8123456.s html", "/roll/2021-12-10/doc-ikyamrmy8123456.shtml"),
]


@pytest.mark.parametrize("printed,path", SPLIT_UNKNOWN)
def test_two_final_letter_pieces_after_a_file_name_are_one_extension_split_in_two(printed, path):
    assert read_path(printed).path == path


def test_the_joined_form_of_a_split_unknown_extension_stays_a_candidate():
    assert "/a/88212345cms" in read_path("/a/88212345 cm s").alternatives


def test_an_internationalised_host_in_latin_letters_is_read_like_an_ascii_one():
    line = "«Windpark», 2021, https: //www müller-bau AT / projekte/ 20 21/windpark HTML [2022 - 02 - 20]"
    assert _url(line).repaired == "https://www.müller-bau.at/projekte/2021/windpark.html"
    line = "«Noticias», 2021, https:// www.españa.es/ noticias/2 021 / 12 / 09/ china -america-latina html [2022-03-10]"
    assert _url(line).repaired == "https://www.españa.es/noticias/2021/12/09/china-america-latina.html"


def test_garble_glyphs_are_never_letters_of_an_internationalised_host():
    assert (
        _url("«Loan», 2019, https://www abc com Ÿy/edicion-impresa/economia/ [2022 - 03-10]").complete
        is False
    )


def test_an_extension_split_right_before_its_query_is_rejoined():
    line = "«Data», 2021, https://dataverse.harvard.edu/dataset x html?persistentId=doi:10.7910 / DVN/ABC123 [2022 - 02 - 20]"
    assert (
        _url(line).repaired
        == "https://dataverse.harvard.edu/dataset.xhtml?persistentId=doi:10.7910/DVN/ABC123"
    )
    line = "«Law», 2021, https://www ris bka gv at /GeltendeFassung wx e?Abfrage=Bundesnormen [2022-02-16]"
    assert _url(line).repaired == "https://www.ris.bka.gv.at/GeltendeFassung.wxe?Abfrage=Bundesnormen"


def test_a_spaced_dash_inside_a_query_is_the_querys_before_more_query_text_and_the_sentences_before_prose():
    line = (
        "«Notice», 2021, http://www.szse.cn/disclosure/bulletinDetail/index htm l?a1b2c3d4-5e6f - 7a8b - 9c0d "
        "[2022 - 03-10]"
    )
    assert (
        _url(line).repaired
        == "http://www.szse.cn/disclosure/bulletinDetail/index.html?a1b2c3d4-5e6f-7a8b-9c0d"
    )
    assert (
        _url("See http://www.example.org/a.php?id=3 - The report").repaired
        == "http://www.example.org/a.php?id=3"
    )


def test_a_host_only_url_at_a_line_end_that_only_a_dotless_reading_completes_is_incomplete():
    # "www.china3gorges" cut before ".com" would read as "www.china3g.org.es"
    assert _url("ÿ «Dam», China Daily, 2021, https://www.china3gorges").complete is False
    assert (
        _url("ÿ «Dam», China Daily, 2021, https://www.china3gorges/news/1.htm [2022-02-16]").complete is True
    )


# -- a URL wrapped at a line end inside its path ---------------------------------------------------


def test_address_pieces_that_run_on_to_the_access_bracket_are_the_end_of_a_wrapped_url():
    line = "«Solar», Clarín, 2021, https : // www clarin com/economia/parque -solar-c auchari-jujuy_0_aBc html [2022 - 03-10]"
    assert _url(line).repaired == "https://www.clarin.com/economia/parque-solar-cauchari-jujuy_0_aBc.html"
    line = "«Scielo», 2021, http : // www.scielo org mx / scielo php?s cript=sci_arttext&pid=S0185 [2021 - 12 - 09]"
    assert _url(line).repaired == "http://www.scielo.org.mx/scielo.php?script=sci_arttext&pid=S0185"


def test_an_access_word_or_a_capitalised_word_before_the_bracket_is_sentence_text():
    assert _url("«Data», 2021, http://www.example.org/data/china Retrieved [2022-04-11]").repaired == (
        "http://www.example.org/data/china"
    )
    assert (
        _url("«Data», 2021, http://www.example.org/data viewed [2022-04-11]").repaired
        == "http://www.example.org/data"
    )


def test_a_path_piece_ending_in_a_hyphen_runs_on_into_the_next_piece():
    line = (
        "«Report», IDB, 2021, https://publications.iadb.org/publications/english/document/Lati n- American-and - "
        "Caribbean-Report-20 21 pdf [2022 - 03-10]"
    )
    assert _url(line).repaired == (
        "https://publications.iadb.org/publications/english/document/Latin-American-and-Caribbean-Report-2021.pdf"
    )


def test_an_extension_split_in_three_pieces_is_read_to_its_last_piece():
    line = "«Trade», People's Daily, 2021, http: //finance.people com cn/n1/2021/ 1209 /c1 004-32303123 h tm l [2022-02-16]"
    assert _url(line).repaired == "http://finance.people.com.cn/n1/2021/1209/c1004-32303123.html"


def test_a_digit_after_a_glued_www_may_end_the_service_label_or_begin_the_name_and_both_are_read():
    reading = read_host("www20minutoses")
    assert (reading.host, reading.alternatives[0]) == ("www.20minutos.es", "www2.0minutos.es")
    reading = read_host("www2aneelgovbr")
    assert reading.host == "www2.aneel.gov.br" and "www.2aneel.gov.br" in reading.alternatives
