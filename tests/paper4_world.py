"""A local world for the fourth paper (``tests/data/paper4``): its cited hosts answered by the
origin server, several archived captures of every page served by pywb (not a test module).

Built like ``paper3_world.py`` on ``paper_world``: every cited URL has three captures (a year
before the access date, the last one on or before it, which the gold names, and the day after
it), so a checker that took the nearest capture instead of the last one before the access date,
or the newest, is caught. The Colombian ministry URL lost characters inside its hyphenated slug,
and its directory also holds another article whose name starts the same way, so recovering it
from its fragments must match the surviving tail, not just the prefix. The FAO note names a
second URL (the full text), archived too.

The pages state the figures the paper quotes in their own language (Portuguese, Spanish,
Chinese, English), some as the paper gives them and some not (``figures_gold.json``): 亿 read
as billion, a lost decimal point, swapped digits, 万 read as million.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import paper_world

DATA = Path(__file__).resolve().parent / "data" / "paper4"
PAPER = DATA / "china-latin-america-agricultural-trade-cooperation-2023.txt"
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
        "pt",
        "Exportações do complexo soja batem recorde em 2022",
        "Em 2022 o Brasil exportou 60,5 milhões de toneladas de soja em grão para a China, 68,2% do "
        "volume total exportado. A receita do complexo soja chegou a US$ 61,1 bilhões.",
    ),
    2: _zh("2022年中国大豆进口形势分析", "2022年我国进口大豆9108万吨，其中自巴西进口5440万吨，占59.7%。"),
    3: _lang(
        "es",
        "La sequía recorta la cosecha de soja a 25 millones de toneladas",
        "La Bolsa de Comercio de Rosario recortó su estimación de producción de soja de la campaña "
        "2022/23 a 25 millones de toneladas, un 43,2% menos que la campaña anterior.",
    ),
    4: _lang(
        "es",
        "China sigue siendo el primer mercado de la carne uruguaya",
        "Las exportaciones de carne vacuna de Uruguay alcanzaron US$ 2.540 millones en 2022, y China "
        "absorbió el 75,3% del valor exportado.",
    ),
    5: _lang(
        "es",
        "Tratado de Libre Comercio Ecuador-China: resultados de la negociación",
        "El 99,6% de las exportaciones ecuatorianas ingresará a China con arancel cero. En 2022 las "
        "exportaciones de camarón a China sumaron USD 3.680 millones.",
    ),
    6: _zh(
        "中国企业在巴西签署大豆采购协议",
        "在圣保罗举行的签约仪式上，中国企业与巴西企业签署采购协议，采购巴西大豆1250万吨，金额约78亿美元。",
    ),
    7: _lang(
        "es",
        "Temporada de cerezas 2022-2023 cierra con exportaciones récord a China",
        "La temporada de cerezas 2022-2023 cerró con exportaciones de 415.000 toneladas, y el 91,5% "
        "tuvo como destino China.",
    ),
    8: "<h1>Food and Agriculture Outlook for Latin America and the Caribbean 2023</h1><p>The region "
    "produces 14% of the world's food and accounts for 23% of global exports of agricultural and "
    "fishery products.</p>",
    9: "<h1>Chinese Agricultural Investment in Latin America and the Caribbean</h1><p>Chinese firms "
    "completed 28 acquisitions in the agricultural sector of Latin America and the Caribbean between "
    "2010 and 2022, with a total value of US$11.4 billion.</p>",
    10: _zh(
        "中国对拉美农业投资的现状与前景", "截至2021年底，中国对拉美农业投资存量约46亿美元，项目超过120个。"
    ),
    11: _lang(
        "es",
        "Avance de siembras y cosechas: aguacate 2022",
        "La producción de aguacate en 2022 fue de 2.53 millones de toneladas, con una superficie "
        "sembrada de 252 mil hectáreas.",
    ),
    12: _zh(
        "隆平高科扩大巴西玉米种子业务",
        "隆平高科巴西子公司2022年玉米种子推广面积3.8万公顷，占巴西玉米种子市场的18%。",
    ),
    13: _lang(
        "es",
        "Colombia envía sus primeros contenedores de aguacate a China",
        "Colombia exportó 140.000 toneladas de aguacate Hass en 2022, un 12,4% más que en 2021.",
    ),
    14: _lang(
        "es",
        "Arándanos peruanos ganan terreno en China",
        "Las exportaciones peruanas de arándanos a China crecieron 112% en 2022 y llegaron a US$ 150 "
        "millones, el 8,7% del total.",
    ),
    15: _lang(
        "pt",
        "Portos do Paraná batem recorde de movimentação em 2022",
        "Os portos do Paraná movimentaram 58,6 milhões de toneladas em 2022; a soja em grão e o farelo "
        "somaram 16,3 milhões de toneladas.",
    ),
}

#: Another article in the damaged URL's directory, with the same surviving prefix: recovery
#: must not pick it.
NEIGHBOUR = "https://www.minagricultura.gov.co/noticias/Paginas/Colombia-exporta-cafe-a-Corea.aspx"


def archived_pages():
    """The WARC captures pywb serves (three per note, see ``paper_world``), the FAO note's
    second URL and the neighbour."""
    from servers.pywb_archive import WarcPage

    fao = next(n for n in NOTES if n.get("other_urls"))
    extra = [
        WarcPage(NEIGHBOUR, "20230320000000", _lang("es", "Colombia exporta café a Corea", "Café.")),
        WarcPage(fao["other_urls"][0], fao["snapshot"], SOURCES[fao["id"]]),
    ]
    return paper_world.archived_pages(NOTES, SOURCES, extra)


def install_origin_pages(origin) -> None:
    """What the live web answers: the gold's ``live`` status for each URL."""
    paper_world.install_origin_pages(origin, NOTES, SOURCES)
