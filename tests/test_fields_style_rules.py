"""Rules of the Chinese and Chicago note layouts, each pinned by a line that needs it.

Every case names the rule (as it appears in ``Reference.provenance``), quotes a reference that
only reads right because of it, and states the fields it must give. The lines are written for
these tests in the forms real papers use; none is copied from a labelled set.
"""

import pytest

from citecheck.references.fields import parse_reference
from citecheck.references.names import split_authors

CASES = [
    # ------------------------------------------------------------------ normalisation
    (
        "marker",
        "㊲ 王晓德：《拉美民众主义研究》，北京：中国社会科学出版社，2018年，第88页。",
        dict(authors=("王晓德",), title="拉美民众主义研究", pages="88"),
    ),
    (
        "marker",
        "㉖ 赵丽红：《阿根廷锂矿开发》，《国际石油经济》2021年第3期。",
        dict(authors=("赵丽红",), container="国际石油经济"),
    ),
    (
        "marker",
        "❸ 郭洁：《智利的铜业》，载《拉丁美洲研究》2019年第2期，第5-9页。",
        dict(authors=("郭洁",), pages="5-9"),
    ),
    (
        "marker",
        "［7］刘维广．拉美左翼的回归［J］．当代世界，2019（1）：22-25．",
        dict(authors=("刘维广",), title="拉美左翼的回归", pages="22-25"),
    ),
    (
        "marker",
        "12、吴白乙. 中拉关系的新阶段[J]. 拉丁美洲研究, 2018, 40(1): 1-12.",
        dict(authors=("吴白乙",), title="中拉关系的新阶段"),
    ),
    (
        "marker",
        "3 谌园庭：《哥伦比亚的和平进程》，载《国际问题研究》2017年第2期，第90-104页。",
        dict(authors=("谌园庭",), container="国际问题研究"),
    ),
    # ------------------------------------------------------------------ extractors
    (
        "accessed-after-url",
        "⑫ Rebecca Ray, “Green Finance in the Andes,” March 2022, https://www.bu.edu/gdp/andes/, 2023-05-04.",
        dict(access_date="2023-05-04", year=2022, url="https://www.bu.edu/gdp/andes/"),
    ),
    (
        "accessed",
        "5. Comisión Nacional de Energía, “Reporte mensual,” consultado el 14 de abril de 2023, https://www.cne.cl/rm/.",
        dict(access_date="2023-04-14", year=None),
    ),
    (
        "url",
        "[8] 国家能源局. 风电并网运行情况[EB/OL]. (2021-01-28). http://www.nea.gov.cn/a.htm. [引用日期2022-03-01]",
        dict(access_date="2022-03-01", date="2021-01-28"),
    ),
    # ------------------------------------------------------------------ GB/T 7714
    (
        "gbt:journal-numbers",
        "孙岩峰．厄瓜多尔石油政策调整［J］．国际石油经济，2020（7）：33－41．",
        dict(title="厄瓜多尔石油政策调整", issue="7", pages="33-41"),
    ),
    (
        "gbt:journal-numbers",
        "[4] 杨建民，刘冬. 委内瑞拉石油业的衰落[J]. 拉丁美洲研究，2019，(4)：60-79.",
        dict(container="拉丁美洲研究", year=2019, volume=None, issue="4", pages="60-79"),
    ),
    (
        "gbt:journal-numbers",
        "[9] 岳云霞. 中拉贸易的结构变化[J]. 拉丁美洲研究, 2016, 38(2): 21-40+154.",
        dict(container="拉丁美洲研究", volume="38", issue="2", pages="21-40+154"),
    ),
    (
        "gbt:journal-numbers",
        "[3] 高波. 墨西哥能源改革的政治逻辑[J], 拉丁美洲研究, 2014, 36(4): 12-20.",
        dict(title="墨西哥能源改革的政治逻辑", container="拉丁美洲研究", pages="12-20"),
    ),
    (
        "gbt:newspaper-page",
        "[10] 孙岩峰. 中拉清洁能源合作提速[N]. 经济日报, 2022年3月8日(第4版).",
        dict(container="经济日报", date="2022-03-08", pages="4"),
    ),
    (
        "gbt:newspaper-page",
        "[11] 孙岩峰. 中拉清洁能源合作提速[N]. 经济日报, 2022-03-08: 4.",
        dict(container="经济日报", date="2022-03-08", pages="4"),
    ),
    (
        "gbt:place-publisher-year",
        "[6] 苏振兴. 拉美国家现代化进程研究[M]. 北京: 社会科学文献出版社, 2006: 33-41, 78.",
        dict(publisher="社会科学文献出版社", year=2006, pages="33-41, 78"),
    ),
    # ------------------------------------------------------------------ Chinese notes
    (
        "cn:pages",
        "① 林碧珠：〈巴西的能源轉型〉，《問題與研究》，第52卷第4期（2013年），頁45-68。",
        dict(authors=("林碧珠",), container="問題與研究", year=2013, pages="45-68"),
    ),
    (
        "cn:angle-title",
        "⑤ 林华：〈秘鲁的矿业冲突〉，《拉丁美洲研究》2015年第3期，第40-52页。",
        dict(
            authors=("林华",),
            title="秘鲁的矿业冲突",
            container="拉丁美洲研究",
            year=2015,
            issue="3",
            pages="40-52",
        ),
    ),
    (
        "cn:visited",
        "《中国与巴西签署能源合作协议》，中国政府网，2019年10月25日，http://www.gov.cn/xinwen/a.htm，2022年3月2日访问。",
        dict(access_date="2022-03-02", year=2019, url="http://www.gov.cn/xinwen/a.htm"),
    ),
    (
        "cn:visited",
        "王鹏：《墨西哥电力改革》，澎湃新闻，2021年10月3日，https://www.thepaper.cn/n.html（2022-01-09）。",
        dict(access_date="2022-01-09", year=2021, container="澎湃新闻"),
    ),
    (
        "cn:visited",
        "刘维广：《中拉合作论坛十年》，人民网，2024年1月9日，http://world.people.com.cn/n1/a.html，查阅日期：2024年2月1日。",
        dict(access_date="2024-02-01", year=2024, container="人民网"),
    ),
    (
        "cn:year-paren-issue",
        "⑥ 杨建民：《委内瑞拉的石油政治》，《拉丁美洲研究》，2017（5）：60-79。",
        dict(container="拉丁美洲研究", year=2017, issue="5", pages="60-79"),
    ),
    (
        "cn:newspaper-page",
        "⑦ 孙岩峰：《中拉新能源合作》，《经济日报》2022年4月6日，04版。",
        dict(entry_type="newspaper", container="经济日报", date="2022-04-06", pages="04"),
    ),
    (
        "cn:press-author",
        "⑧ 《人民日报》评论员：《开创中拉合作新局面》，《人民日报》2015年1月10日，第1版。",
        dict(authors=("《人民日报》评论员",), title="开创中拉合作新局面", container="人民日报", pages="1"),
    ),
    (
        "cn:authors",
        "⑨ 徐世澄，《古巴的经济模式更新》，载《拉丁美洲研究》2016年第1期，第1-18页。",
        dict(authors=("徐世澄",), title="古巴的经济模式更新", container="拉丁美洲研究", pages="1-18"),
    ),
    (
        "cn:authors",
        "⑬ 柴瑜、岳云霞主编《中拉经贸关系研究》，北京：中国社会科学出版社，2020年，第45页。",
        dict(editors=("柴瑜", "岳云霞"), title="中拉经贸关系研究", year=2020, pages="45"),
    ),
    (
        "cn:pages-in-container",
        "⑩ 郭存海：《中拉人文交流》，《拉丁美洲研究》2018年第3期第20-35页。",
        dict(container="拉丁美洲研究", year=2018, issue="3", pages="20-35"),
    ),
    (
        "cn:visited",
        "⑪ 王飞：《阿根廷的能源补贴》，澎湃新闻，2021年5月6日，https://www.thepaper.cn/b.html（2022年2月20日访问）。",
        dict(access_date="2022-02-20", date="2021-05-06", container="澎湃新闻"),
    ),
    (
        "cn:first-of-several",
        "⑫ 参见袁东振：《拉美国家的社会冲突》，载《拉丁美洲研究》2008年第3期，第9-15页；林华：《拉美的城市化》，"
        "北京：当代世界出版社，2011年。",
        dict(authors=("袁东振",), container="拉丁美洲研究", year=2008, pages="9-15", location=None),
    ),
    (
        "cn:date",
        "《巴西大选结果揭晓》，新华网，2022年10月31日，http://www.news.cn/a.htm。",
        dict(access_date=None, date="2022-10-31"),
    ),
    # ------------------------------------------------------------------ Chicago notes
    (
        "chicago:edition",
        "Peter H. Smith, Talons of the Eagle: Latin America and the United States, 4th ed. "
        "(New York: Oxford University Press, 2012), 55.",
        dict(
            title="Talons of the Eagle: Latin America and the United States",
            edition="4th ed.",
            year=2012,
            pages="55",
        ),
    ),
    (
        "chicago:volume-of-work",
        "Leslie Bethell, ed., The Cambridge History of Latin America, vol. 6, Latin America since 1930: "
        "Economy, Society and Politics (Cambridge: Cambridge University Press, 1994), 71.",
        dict(
            editors=("Leslie Bethell",), title="The Cambridge History of Latin America", volume="6", year=1994
        ),
    ),
    (
        "layout:chicago-book",
        "Luis Carlos Ruiz, Ana Paula Rocha, and Tomás Vidal, Grid Codes for the Andes, Policy Brief no. 4 "
        "(Bogotá: Fundación Energía, 2020), 3.",
        dict(
            authors=("Luis Carlos Ruiz", "Ana Paula Rocha", "Tomás Vidal"),
            title="Grid Codes for the Andes",
            year=2020,
        ),
    ),
    (
        "layout:chicago-unpublished",
        "22. Lucía Fernández, “Hydropower and Protest in Patagonia” (PhD diss., Universidad de Buenos Aires, "
        "2018), 140–45.",
        dict(
            entry_type="thesis",
            authors=("Lucía Fernández",),
            title="Hydropower and Protest in Patagonia",
            publisher="Universidad de Buenos Aires",
            container=None,
            year=2018,
            pages="140-45",
        ),
    ),
    (
        "layout:chicago-unpublished",
        "23. Jorge Ruiz and Mei Chen, “Andean Power Pools” (working paper no. 8, Centro de Estudios Energéticos, "
        "Lima, June 2020), 11.",
        dict(entry_type="report", publisher="Centro de Estudios Energéticos", location="Lima", year=2020),
    ),
    (
        "layout:chicago-short",
        "14. Hochstetler, Political Economies of Energy Transition, 112.",
        dict(
            authors=("Hochstetler",), title="Political Economies of Energy Transition", pages="112", year=None
        ),
    ),
    (
        "layout:chicago-short",
        "Viola and Basso, “Brazilian Energy-Climate Policy,” 430–32.",
        dict(authors=("Viola", "Basso"), title="Brazilian Energy-Climate Policy", pages="430-32"),
    ),
]


@pytest.mark.parametrize("rule,text,expected", CASES, ids=[f"{c[0]}:{c[1][:24]}" for c in CASES])
def test_each_style_rule_reads_the_line_that_needs_it(rule, text, expected):
    ref = parse_reference(text)
    got = {k: (ref.url.repaired if ref.url else None) if k == "url" else getattr(ref, k) for k in expected}
    assert got == expected
    assert rule in ref.provenance, ref.provenance


def test_prose_before_a_book_title_is_not_read_as_its_authors():
    assert "cn:authors" not in parse_reference("据报道，《人民日报》2021年1月1日刊文。").provenance


def test_a_phrase_before_a_role_word_is_not_read_as_editors():
    ref = parse_reference("这本书由他主编《拉美史》一书。")
    assert ref.editors == () and "cn:authors" not in ref.provenance


def test_a_short_note_needs_surnames_a_title_and_a_page_and_no_year():
    assert "layout:chicago-short" not in parse_reference("Ibid., 45.").provenance
    assert "layout:chicago-short" not in parse_reference("Gallagher, China Triangle, 2016.").provenance


@pytest.mark.parametrize(
    "text,names",
    [
        ("Ministério de Minas e Energia", ("Ministério de Minas e Energia",)),
        ("Secretaría de Energía y Minas", ("Secretaría de Energía y Minas",)),
        ("Department of Energy and Climate Change", ("Department of Energy and Climate Change",)),
        ("Bank of England and Bank of France", ("Bank of England", "Bank of France")),
        ("Pedro Álvarez y Juan Pérez", ("Pedro Álvarez", "Juan Pérez")),
        ("Department Of Energy And Climate Change", ("Department Of Energy And Climate Change",)),
        ("DEPARTMENT OF ENERGY AND CLIMATE CHANGE", ("DEPARTMENT OF ENERGY AND CLIMATE CHANGE",)),
    ],
)
def test_a_conjunction_inside_an_organisations_name_does_not_split_it(text, names):
    assert split_authors(text) == (names, False)


@pytest.mark.parametrize(
    "text,names",
    [
        ("Marsh, E. R. And Hale, P. K.", ("Marsh, E. R.", "Hale, P. K.")),
        ("PETRA LIND AND ANNA BERG", ("PETRA LIND", "ANNA BERG")),
        ("Lind, P., Berg, A. Und Hale, P.", ("Lind, P.", "Berg, A.", "Hale, P.")),
    ],
)
def test_and_set_in_title_case_or_capitals_joins_two_names(text, names):
    assert split_authors(text) == (names, False)


def test_a_corporate_author_with_a_portuguese_conjunction_stays_one_author_in_a_note():
    ref = parse_reference(
        "Ministério de Minas e Energia, “Plano Nacional de Energia 2050,” press release, December 16, 2020."
    )
    assert ref.authors == ("Ministério de Minas e Energia",)
    assert ref.title == "Plano Nacional de Energia 2050"


def test_the_access_date_of_an_undated_note_is_not_taken_for_its_publication_date():
    """finish rule ``date``: the day the author looked is not the day the work appeared."""
    ref = parse_reference(
        "国家能源局：《2021年全国电力工业统计数据》，http://www.nea.gov.cn/2022-01/26/c_1310441589.htm，"
        "2022年2月20日浏览。"
    )
    assert (ref.access_date, ref.date, ref.year) == ("2022-02-20", None, None)
    dated = parse_reference(
        "国家能源局：《2021年全国电力工业统计数据》，2022年1月26日，http://www.nea.gov.cn/2022-01/26/"
        "c_1310441589.htm，2022年2月20日浏览。"
    )
    assert (dated.access_date, dated.date) == ("2022-02-20", "2022-01-26")
