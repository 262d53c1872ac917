"""Each parser rule, pinned by a line that needs it.

Every case names the rule (as it appears in ``Reference.provenance``), quotes a reference
that only reads right because of it, and states the fields it must give. The lines are
written for these tests in the styles real papers use (GB/T 7714, Chinese journal notes,
Chicago notes); none is copied from a labelled set.
"""

import doctest
import importlib
import pkgutil

import pytest

import citecheck.references.parse as parse_package
from citecheck.references.fields import parse_reference

CASES = [
    # ------------------------------------------------------------------ normalisation
    ("marker", "⑦ 刘明. 风电并网[N]. 经济日报, 2021-06-07(5).", dict(authors=("刘明",), title="风电并网")),
    (
        "pdf-glyphs",
        "P. Arbel´aez and J. Ku↵ner, “Contours,” PAMI 33, no. 5 (2011): 898–916.",
        dict(authors=("P. Arbeláez", "J. Kuffner")),
    ),
    (
        "same-author-dash",
        "———. Latin America Energy Outlook. Paris: IEA, 2019.",
        dict(authors=(), title="Latin America Energy Outlook"),
    ),
    (
        # a URL is broken at a line end without an added hyphen: the hyphen there is the URL's own
        "broken-word",
        "ÿ «Brazil and China sign agree- ments during state visit», Ministry of Development, Industry, "
        "Trade and Services, April 14, 2023, https://www gov br/mdic/pt-br/assuntos/noticias/2023/abril/"
        "brasil-e-china- assinam-acordos-de-cooperacao [2023 - 05 - 09]",
        dict(
            title="Brazil and China sign agreements during state visit",
            url="https://www.gov.br/mdic/pt-br/assuntos/noticias/2023/abril/brasil-e-china-assinam-acordos-de-cooperacao",
        ),
    ),
    # ------------------------------------------------------------------ extractors
    (
        "doi",
        "王飞. 拉美投资[J]. 国际经济合作, 2021(2): 45-56. DOI: 10.3969/j.issn.1002-1515.2021.02.005.",
        dict(doi="10.3969/j.issn.1002-1515.2021.02.005", pages="45-56"),
    ),
    (
        "url",
        "《秘鲁概况》，外交部网站，2021年8月1日，https://www.mfa.gov.cn/web/gj/1206_680982/，访问日期：2022年2月20日。",
        dict(url="https://www.mfa.gov.cn/web/gj/1206_680982/"),
    ),
    (
        "accessed-cn",
        "国家能源局：《可再生能源发展情况》，2022年1月28日，http://www.nea.gov.cn/a.htm，访问日期：2022年2月15日。",
        dict(access_date="2022-02-15", year=2022),
    ),
    (
        "url",
        "商务部：《对外投资报告》，2022年1月，http://fec.mofcom.gov.cn/a/202201.shtml，2022年2月20日。",
        dict(access_date="2022-02-20"),
    ),
    (
        "accessed-bracket",
        "《中国对拉美政策文件》，新华网，2016年11月24日，http://www.xinhuanet.com/a.htm，［2022-02-18］。",
        dict(access_date="2022-02-18", year=2016),
    ),
    (
        "accessed",
        "Margaret Myers, “Green Finance,” Inter-American Dialogue, March 3, 2021, accessed February 14, 2022, "
        "https://www.thedialogue.org/analysis/green/.",
        dict(access_date="2022-02-14", year=2021, container="Inter-American Dialogue"),
    ),
    (
        "accessed",
        "Rebecca Ray, “Safeguards in the Andes” (Boston: BU Global Development Policy Center, 2021), 7, "
        "https://www.bu.edu/gdp/andes.pdf (accessed March 1, 2022).",
        dict(access_date="2022-03-01", pages="7", year=2021),
    ),
    # ------------------------------------------------------------------ GB/T 7714
    (
        "gbt:journal-numbers",
        "[1]赵明,钱红.拉美锂矿开发[J].中国矿业,2022,31(3):12-19.",
        dict(
            authors=("赵明", "钱红"), title="拉美锂矿开发", container="中国矿业", volume="31", pages="12-19"
        ),
    ),
    (
        "gbt:journal-numbers",
        "谢文泽. 中拉绿色合作的进展与前景[J]. 拉丁美洲研究, 2021, 43(3): 23-45.",
        dict(
            entry_type="article", container="拉丁美洲研究", year=2021, volume="43", issue="3", pages="23-45"
        ),
    ),
    (
        "gbt:journal-numbers",
        "张宇燕，冯维江．新时代中国的国际战略［J］．世界经济与政治，2019（5）：4-28．",
        dict(authors=("张宇燕", "冯维江"), volume=None, issue="5", year=2019, title="新时代中国的国际战略"),
    ),
    (
        "gbt:newspaper-page",
        "刘明. 中国企业参与墨西哥风电项目建设[N]. 人民日报, 2021-11-20(03).",
        dict(entry_type="newspaper", container="人民日报", date="2021-11-20", pages="03", volume=None),
    ),
    (
        "gbt:part-of",
        "周志伟. 巴西能源转型[M]//柴瑜, 周志伟. 拉美能源转型研究. 北京: 中国社会科学出版社, 2021: 77-102.",
        dict(
            entry_type="chapter",
            title="巴西能源转型",
            container="拉美能源转型研究",
            editors=("柴瑜", "周志伟"),
            pages="77-102",
            publisher="中国社会科学出版社",
        ),
    ),
    (
        "gbt:part-of",
        "张勇. 阿根廷光伏发电[C]//中国拉丁美洲学会. 学会2019年年会论文集. 北京: 中国拉丁美洲学会, 2019: 33-41.",
        dict(entry_type="conference", container="学会2019年年会论文集", year=2019),
    ),
    (
        "gbt:date-in-parentheses",
        "新华社. 中拉签署合作协议[EB/OL]. (2021-12-03)[2022-01-10]. http://www.xinhuanet.com/a.htm.",
        dict(entry_type="webpage", date="2021-12-03", access_date="2022-01-10", authors=("新华社",)),
    ),
    (
        "gbt:place-publisher-year",
        "普雷维什. 外围资本主义[M]. 苏振兴, 袁兴昌, 译. 北京: 商务印书馆, 2015: 12-15.",
        dict(
            entry_type="book", authors=("普雷维什",), location="北京", publisher="商务印书馆", pages="12-15"
        ),
    ),
    (
        "gbt:authors",
        "URDINEZ F, MOURON F, et al. Chinese statecraft and U.S. hegemony[J]. Latin American Politics "
        "and Society, 2016, 58(4): 3-30.",
        dict(authors=("URDINEZ F", "MOURON F"), et_al=True, title="Chinese statecraft and U.S. hegemony"),
    ),
    (
        "layout:gbt7714",
        "陈丽娟. 中国对拉美基础设施投资的环境风险研究[D]. 北京: 中国人民大学, 2019.",
        dict(entry_type="thesis", publisher="中国人民大学", container=None),
    ),
    # ------------------------------------------------------------------ Chinese notes
    (
        "cn:year-issue",
        "吴宏涛：《秘鲁水电开发与外国直接投资》，载《拉丁美洲研究》2020年第2期，第61-80页。",
        dict(authors=("吴宏涛",), container="拉丁美洲研究", year=2020, issue="2", pages="61-80"),
    ),
    (
        "cn:see-also",
        "参见王友明：《巴西可再生能源政策》，载《国际问题研究》2020年第4期，第101页。",
        dict(authors=("王友明",)),
    ),
    (
        "cn:see-also",
        "转引自江时学：《拉美发展模式研究》，经济管理出版社1996年版，第56页。",
        dict(authors=("江时学",), entry_type="book", year=1996, publisher="经济管理出版社"),
    ),
    (
        "cn:authors",
        "［阿根廷］劳尔·普雷维什：《外围资本主义：危机与改造》，苏振兴、袁兴昌译，商务印书馆2015年版，第12—15页。",
        dict(authors=("劳尔·普雷维什",), title="外围资本主义：危机与改造", pages="12-15"),
    ),
    (
        "cn:authors",
        "苏振兴主编：《拉丁美洲的经济发展》，经济管理出版社2000年版，第45页。",
        dict(editors=("苏振兴",), authors=(), title="拉丁美洲的经济发展"),
    ),
    (
        "cn:in-editors",
        "吴白乙：《中拉关系的新阶段》，载吴白乙主编：《拉丁美洲和加勒比发展报告（2019—2020）》，"
        "社会科学文献出版社2020年版，第1—25页。",
        dict(entry_type="chapter", container="拉丁美洲和加勒比发展报告（2019—2020）", editors=("吴白乙",)),
    ),
    (
        "cn:pages",
        "杨俊峰：《中拉新能源合作前景广阔》，《人民日报》2021年11月20日，第3版。",
        dict(entry_type="newspaper", container="人民日报", date="2021-11-20", pages="3"),
    ),
    (
        "cn:thesis",
        "陈丽娟：《中国对拉美投资的环境风险研究》，博士学位论文，中国人民大学，2019年，第33页。",
        dict(entry_type="thesis", publisher="中国人民大学", year=2019, pages="33"),
    ),
    (
        "cn:website",
        "《中拉合作规划（2022—2024）》，中华人民共和国外交部网站，2021年12月4日，https://www.mfa.gov.cn/a.shtml。",
        dict(authors=(), container="中华人民共和国外交部网站", date="2021-12-04"),
    ),
    (
        "cn:published",
        "国务院新闻办公室：《新时代的中国能源发展》白皮书，人民出版社2020年版，第8页。",
        dict(authors=("国务院新闻办公室",), title="新时代的中国能源发展", year=2020, pages="8"),
    ),
    (
        "cn:authors",
        "中国社会科学院拉丁美洲研究所课题组：《中拉经贸合作的现状与前景》，载《拉丁美洲研究》2019年第1期。",
        dict(authors=("中国社会科学院拉丁美洲研究所课题组",)),
    ),
    (
        "cn:volume-issue",
        "刘维广：《中拉合作》，载《拉丁美洲研究》第43卷第3期（2021年），第23页。",
        dict(container="拉丁美洲研究", volume="43", issue="3", year=2021, pages="23"),
    ),
    (
        "cn:place-publisher",
        "吴白乙主编：《拉丁美洲和加勒比发展报告（2020—2021）》，北京：社会科学文献出版社，2021年，第5页。",
        dict(entry_type="book", location="北京", publisher="社会科学文献出版社", year=2021, pages="5"),
    ),
    (
        "cn:pages",
        "周志伟等著：《巴西发展报告》，社会科学文献出版社2019年版，第12、15页。",
        dict(authors=("周志伟",), et_al=True, pages="12, 15"),
    ),
    (
        "cn:website",
        "刘明：《巴西大选观察》，澎湃新闻，2022年10月31日，https://www.thepaper.cn/newsDetail_forward_20450000。",
        dict(container="澎湃新闻", date="2022-10-31", entry_type="webpage"),
    ),
    # ------------------------------------------------------------------ Chicago notes
    (
        "chicago:in-book",
        "Henry James, The Europeans, in Novels, 1871–1880 (New York: Library of America, 1983), 886.",
        dict(title="The Europeans", container="Novels, 1871–1880", entry_type="chapter", pages="886"),
    ),
    (
        "chicago:book-credit",
        "Adolf Hitler, Mein Kampf, trans. James Vincent Murphy (London: Hurst and Blackett, 1938), 12.",
        dict(authors=("Adolf Hitler",), editors=("James Vincent Murphy",), title="Mein Kampf"),
    ),
    (
        "layout:chicago-book",
        "Weber, William, The Rise of Musical Classics in Eighteenth-Century England (Oxford: Clarendon Press, 1992).",
        dict(authors=("Weber, William",), title="The Rise of Musical Classics in Eighteenth-Century England"),
    ),
    ("not-a-title", "Ling, C. X. (1995). Personal communication.", dict(title=None, year=1995)),
    (
        "layout:chicago-book",
        "David Dollar, China’s Investment in Latin America, Geoeconomics and Global Issues Paper 4 "
        "(Washington, DC: Brookings Institution, 2017), 8–9.",
        dict(entry_type="report", title="China’s Investment in Latin America", pages="8-9"),
    ),
    (
        "layout:chicago-book",
        "Thomas Keller and Ana Lima, Grid Ambitions: Power Trade in South America "
        "(Washington, DC: Brookings Institution Press, 2019), 45.",
        dict(
            authors=("Thomas Keller", "Ana Lima"),
            title="Grid Ambitions: Power Trade in South America",
            pages="45",
        ),
    ),
    (
        "chicago:page-after-publication",
        "International Energy Agency, World Energy Outlook 2021 (Paris: IEA, 2021), 45.",
        dict(
            authors=("International Energy Agency",), title="World Energy Outlook 2021", pages="45", year=2021
        ),
    ),
    (
        "layout:chicago-book",
        "Organisation for Economic Co-operation and Development, Latin American Economic "
        "Outlook 2021 (Paris: OECD Publishing, 2021), 150–52.",
        dict(authors=("Organisation for Economic Co-operation and Development",), pages="150-52"),
    ),
    (
        "layout:chicago-book",
        "Rebecca Ray, Kevin P. Gallagher, and Cynthia Sanborn, eds., Development Banks in the "
        "Andean Amazon (London: Routledge, 2020), 3–4.",
        dict(
            editors=("Rebecca Ray", "Kevin P. Gallagher", "Cynthia Sanborn"),
            title="Development Banks in the Andean Amazon",
        ),
    ),
    (
        "layout:chicago-book",
        "World Bank, Lithium and the Energy Transition, Policy Research Working Paper 9512 "
        "(Washington, DC: World Bank, 2021), 14.",
        dict(entry_type="report", title="Lithium and the Energy Transition", authors=("World Bank",)),
    ),
    (
        "chicago:book-credit",
        "Abraham Lincoln, Speeches and Writings, ed. Don E. Fehrenbacher (New York: Library of "
        "America, 1989), 28.",
        dict(authors=("Abraham Lincoln",), editors=("Don E. Fehrenbacher",), title="Speeches and Writings"),
    ),
    (
        "numbers:volume-no",
        "Kevin P. Gallagher, “China and Industrialization,” Energy Policy 45, no. 3 (2012): 120–134.",
        dict(container="Energy Policy", volume="45", issue="3", pages="120-134"),
    ),
    (
        "cue:in-book-ed-names",
        "Eduardo Gudynas, “Extractivisms,” in Reframing Latin American Development, ed. Ronaldo "
        "Munck and Raúl Delgado Wise (London: Routledge, 2018), 61–76.",
        dict(
            entry_type="chapter",
            container="Reframing Latin American Development",
            editors=("Ronaldo Munck", "Raúl Delgado Wise"),
            pages="61-76",
        ),
    ),
    (
        "container:container",
        "Shannon Tiezzi, “China Pledges to Stop Building Coal Plants,” Diplomat, September 22, "
        "2021, https://thediplomat.com/2021/09/coal/.",
        dict(container="Diplomat", date="2021-09-22"),
    ),
    (
        "container:container",
        "Stephen B. Kaplan, “Banking Unconditionally,” Review of International Political "
        "Economy 23, no. 4 (2016): 643–76.",
        dict(container="Review of International Political Economy", volume="23", issue="4"),
    ),
]


@pytest.mark.parametrize("rule,text,expected", CASES, ids=[f"{c[0]}:{c[1][:24]}" for c in CASES])
def test_each_rule_reads_the_line_that_needs_it(rule, text, expected):
    ref = parse_reference(text)
    got = {k: (ref.url.repaired if ref.url else None) if k == "url" else getattr(ref, k) for k in expected}
    assert got == expected
    assert rule in ref.provenance, ref.provenance


def test_provenance_lists_the_layout_the_numbers_and_the_type_rule_in_order():
    ref = parse_reference("Golomb, S., & Baumert, L. (1965). Backtrack programming. J. ACM, 12, 516-524.")
    p = ref.provenance
    assert p.index("authors:author-date") < p.index("layout:western") < p.index("numbers:volume-comma-pages")
    assert p[-1].startswith("type:") or "type:numbered-container" in p


def test_full_width_punctuation_is_split_on_but_the_fields_keep_it():
    ref = parse_reference("王鹏．中国—拉共体论坛机制建设研究（上）［J］．国际论坛，2021，23（4）：3-20．")
    assert ref.title == "中国—拉共体论坛机制建设研究（上）"
    assert (ref.container, ref.volume, ref.issue, ref.pages) == ("国际论坛", "23", "4", "3-20")


def test_every_doctest_of_the_parse_package_holds():
    modules = [parse_package] + [
        importlib.import_module(f"{parse_package.__name__}.{m.name}")
        for m in pkgutil.iter_modules(parse_package.__path__)
    ]
    modules.append(importlib.import_module("citecheck.references.vocabulary"))
    for module in modules:
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__
    assert sum(doctest.testmod(m).attempted for m in modules) > 20


def test_a_report_read_online_keeps_the_site_that_published_it_as_its_container():
    # a web note (address and access date given) names the site after the title, as every web note
    # does, even when the title calls the document a report; an offline report names its institution
    ref = parse_reference(
        "ÿ «Report on Chinese investment in Latin American mining», China Chamber of Commerce of Metals, "
        "Minerals and Chemicals Importers and Exporters, December 28, 2022, "
        "http://www cccmc org cn/news/content do?id=3984512&type=2 [2023 - 05 - 23]"
    )
    assert (
        ref.container == "China Chamber of Commerce of Metals, Minerals and Chemicals Importers and Exporters"
    )
    assert ref.publisher is None and "institution" not in ref.provenance
    offline = parse_reference(
        "ÿ «Report on Chinese investment in Latin American mining», China Chamber of Commerce of Metals, "
        "Minerals and Chemicals Importers and Exporters, December 2022"
    )
    assert offline.container is None and offline.publisher == ref.container


def test_a_date_right_after_the_title_is_no_container_in_any_language_the_date_reader_knows():
    ref = parse_reference(
        "ÿ Ministerio de Minería de Chile: «Estrategia Nacional del Litio», 20 de abril de 2023, "
        "https://www gob cl/litioporchile/ [2023 - 05 - 26]"
    )
    assert (ref.container, ref.date, ref.volume) == (None, "2023-04-20", None)
    assert "container:date-first" in ref.provenance
    named = parse_reference(
        "ÿ «Estrategia Nacional del Litio», Gobierno de Chile, 20 de abril de 2023, "
        "https://www gob cl/litioporchile/ [2023 - 05 - 26]"
    )
    assert (named.container, named.date) == ("Gobierno de Chile", "2023-04-20")


def test_the_day_of_a_date_after_the_container_is_not_its_volume():
    ref = parse_reference(
        "ÿ «Exportaciones de litio: récord histórico en 2022», Secretaría de Minería de la Nación, "
        "25 de enero de 2023, https:// www argentina gob ar / noticias / exportaciones - de - litio [2023 - 05 - 03]"
    )
    assert (ref.container, ref.volume, ref.date) == ("Secretaría de Minería de la Nación", None, "2023-01-25")
    assert parse_reference("Smith, J. Title. Nature 227, 680 (1970).").volume == "227"


def test_a_spanish_month_and_year_give_the_month():
    ref = parse_reference(
        "ÿ CEPAL, «Perspectivas del Comercio Internacional de América Latina y el Caribe 2022», Santiago, "
        "Naciones Unidas, noviembre de 2022, p. 45, disponible en: https://repositorio cepal org/bitstream/"
        "handle/11362/48561/S2200831_es pdf [consultado el 25 de mayo de 2023]"
    )
    assert (ref.date, ref.access_date) == ("2022-11", "2023-05-25")


@pytest.mark.parametrize(
    "line",
    [
        "«Soy exports», Xinhua, May 1, 2023, http：／／www moa gov cn／xw／a htm [2023 - 03 - 02]",
        "农业农村部：《大豆出口》，http://www。moa。gov。cn/xw/a。htm［2023-03-02］",
    ],
)
def test_full_width_separators_inside_a_url_do_not_end_it_and_the_url_keeps_its_printed_form(line):
    url = parse_reference(line).url
    assert (url.repaired, url.complete) == ("http://www.moa.gov.cn/xw/a.htm", True)
    assert url.raw in line and url.raw.endswith("htm")
    assert parse_reference(line).access_date == "2023-03-02"


def test_another_latin1_garble_glyph_is_read_like_y_diaeresis_in_separators_urls_and_dates():
    # paper5's markers are þ and Ð: the same extraction garbles the note's other glyphs with them
    # (the seed's «…*ÿ Economic and Commercial …, http:// ar mofcom gov cn / art ÿÿÿÿÿ/ … [2022 - ÿÿ ÿÿ])
    line = (
        "«Argentina's renewable energy covers 13% of demand»þ Economic and Commercial Office, January 23, "
        "2022, http:// ar mofcom gov cn / art þþþþþ/ 202111 / 20211103 shtml [2022 - þþ þþ]"
    )
    ref = parse_reference(line)
    assert ref.container == "Economic and Commercial Office"
    assert ref.url.complete is False
    assert ref.url.fragments[-1] == "/202111/20211103.shtml"
    seed_form = parse_reference(line.replace("þ", "ÿ"))
    assert (ref.title, ref.date, ref.access_date) == (seed_form.title, seed_form.date, seed_form.access_date)
