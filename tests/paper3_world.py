"""A local world for the third paper (``tests/data/paper3``): its cited hosts answered by the
origin server, several archived captures of every page served by pywb (not a test module).

Built like ``paper2_world.py`` and for the same reasons: every cited URL has three captures (a
year before the access date, the last one on or before it, which the gold names, and the day
after it), so a checker that took the nearest capture instead of the last one before the access
date, or the newest, is caught. The Bolivian MOFCOM URL lost digits inside its numeric id, and its
directory also holds another article with the same prefix, so recovering it from its fragments
must match the surviving tail, not just the prefix.

The pages state the figures the paper quotes in their own language (Spanish, Portuguese, Chinese,
English), some as the paper gives them and some not (``figures_gold.json``): 亿 read as billion,
a lost decimal point, swapped digits, a power-of-ten scale word.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import paper_world

DATA = Path(__file__).resolve().parent / "data" / "paper3"
PAPER = DATA / "china-latin-america-lithium-mining-cooperation-2023.txt"
GOLD = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
NOTES = GOLD["notes"]
FIGURES = {
    n["id"]: n["figures"] for n in json.loads((DATA / "figures_gold.json").read_text("utf-8"))["notes"]
}
URLS = [n["url"] for n in NOTES]
HOSTS = frozenset(urlsplit(u).hostname for u in URLS)


def _zh(title: str, text: str) -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><p>{text}</p></body></html>"


def _lang(lang: str, title: str, text: str) -> str:
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{text}</p></body></html>"
    )


#: What each source says (the text of its archived captures), by note id.
SOURCES = {
    1: _lang(
        "es",
        "Exportaciones de litio: récord histórico en 2022",
        "Las exportaciones argentinas de litio alcanzaron los US$ 695 millones en 2022, un 234% más "
        "que en 2021, según la Secretaría de Minería.",
    ),
    2: "<h1>International lithium market and its outlook for Chile</h1><p>Chile produced 39,000 "
    "tonnes of lithium in 2022, 30% of world production, second only to Australia.</p>",
    3: "<h1>Las Bambas produced record copper concentrate in 2022</h1><p>MMG holds a 62.5% stake in "
    "Las Bambas, which produced 255,000 tonnes of copper concentrate in 2022.</p>",
    4: _lang(
        "pt",
        "Brasil e China assinam acordos de cooperação",
        "Brasil e China assinaram 15 acordos de cooperação durante a visita de Estado. A corrente de "
        "comércio entre os dois países chegou a US$ 150,5 bilhões em 2022.",
    ),
    5: _zh(
        "中企联合体中标玻利维亚锂资源项目",
        "宁德时代牵头的CBC联合体中标玻利维亚乌尤尼盐湖锂资源开发项目，一期将建设2座直接提锂工厂，投资超过10亿美元。",
    ),
    6: _zh("2022年中国锂工业运行情况", "2022年我国锂盐产量达到66.1万吨，同比增长49%。"),
    7: _lang(
        "es",
        "Decreto por el que se crea Litio para México",
        "El organismo público descentralizado Litio para México contará con un capital inicial de 200 "
        "millones de pesos.",
    ),
    8: "<h1>Chancay port project starts construction</h1><p>The first phase of Chancay port requires an "
    "investment of US$1.3 billion. COSCO Shipping holds 60% of the project, and the port will handle 1 "
    "million TEU a year.</p>",
    9: "<h1>Chinese EV makers look to Latin American lithium</h1><p>China refines about 65% of the "
    "world's lithium, and its carmakers buy most of their lithium in Chile and Argentina.</p>",
    10: _lang(
        "es",
        "Corfo selecciona a BYD como productor especializado de litio",
        "BYD invertirá US$ 290 millones en una planta de cátodos en Antofagasta, con una capacidad de "
        "50.000 toneladas al año.",
    ),
    11: _lang(
        "es",
        "Exportaciones de carbonato de litio alcanzaron un récord en 2022",
        "Las exportaciones de carbonato de litio a China sumaron US$ 7.760 millones en 2022, el 71% "
        "del total.",
    ),
    12: _zh("中国企业在拉美矿业投资报告", "截至2022年底，中国企业在拉美矿业领域累计投资约85亿美元。"),
    13: "<h1>International Trade Outlook for Latin America and the Caribbean 2022</h1><p>The region's "
    "exports to China are projected to grow 8.2% in 2023.</p>",
}

#: Another article in the damaged URL's directory, with the same surviving prefix: recovery
#: must not pick it.
NEIGHBOUR = "http://bo.mofcom.gov.cn/article/jmxw/202301/20230103376655.shtml"


def archived_pages():
    """The WARC captures pywb serves (three per note, see ``paper_world``) and the neighbour."""
    from servers.pywb_archive import WarcPage

    return paper_world.archived_pages(
        NOTES, SOURCES, [WarcPage(NEIGHBOUR, "20230125000000", _zh("另一篇文章", "玻利维亚经济动态。"))]
    )


def install_origin_pages(origin) -> None:
    """What the live web answers: the gold's ``live`` status for each URL."""
    paper_world.install_origin_pages(origin, NOTES, SOURCES)
