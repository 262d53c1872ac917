"""A local world for the fifth paper (``tests/data/paper5``): its cited hosts answered by the
origin server, three archived captures of every page served by pywb (not a test module).

Built on ``paper_world`` like the worlds of papers 3 and 4: every cited URL has a capture a year
before the access date, the gold's (the last one on or before it) and one the day after. Pages
are archived under the URL without its ``#fragment`` (an archive never sees one). The org.mx
page lives at the URL with its trailing ``/``, which the printed note lost; the book note has no
source.

The pages state the figures the paper quotes in their own language (Portuguese, Spanish,
Chinese, English), some as the paper gives them and some not (``figures_gold.json``): 亿 read as
billion, a lost decimal point, swapped digits, 万 read as thousand.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import paper_world

DATA = Path(__file__).resolve().parent / "data" / "paper5"
PAPER = DATA / "china-latin-america-digital-infrastructure-cooperation-2023.txt"
GOLD = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
NOTES = GOLD["notes"]
#: The works with a URL (the book note has none).
WEB_NOTES = [n for n in NOTES if n["url"]]
FIGURES = {
    n["id"]: n["figures"] for n in json.loads((DATA / "figures_gold.json").read_text("utf-8"))["notes"]
}
HOSTS = frozenset(urlsplit(n["url"]).hostname for n in WEB_NOTES)


def _page(lang: str, title: str, text: str) -> str:
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{text}</p></body></html>"
    )


#: What each source says (the text of its archived captures), by work id.
SOURCES = {
    1: _page(
        "zh",
        "全球数字经济白皮书（2022年）",
        "2021年，测算的47个国家数字经济增加值规模为38.1万亿美元，占GDP比重为45.0%。",
    ),
    2: _page(
        "pt",
        "Leilão do 5G arrecada R$ 47,2 bilhões",
        "O leilão do 5G arrecadou R$ 47,2 bilhões. As vencedoras deverão levar o 5G a todos os 5.570 "
        "municípios brasileiros até 2029.",
    ),
    3: _page(
        "zh",
        "华为云在墨西哥开通第二个区域",
        "华为云在墨西哥开通第二个区域，其墨西哥数据中心总投资约3亿美元。",
    ),
    4: _page(
        "es",
        "Querétaro concentra la mayor capacidad de centros de datos de México",
        "Querétaro concentra el 58% de la capacidad de centros de datos del país, con unos 240 MW en "
        "operación al cierre de 2022.",
    ),
    5: _page(
        "es",
        "El cable Humboldt conectará a Chile con Asia-Pacífico",
        "El cable Humboldt tendrá una extensión de 14.810 kilómetros y una inversión cercana a US$ 550 millones.",
    ),
    6: _page("zh", "阿根廷5G网络进入快速发展阶段", "截至2022年底，阿根廷共有5G基站1240个，5G用户达到860万。"),
    7: _page(
        "es",
        "Accesos a internet fijo, cuarto trimestre de 2022",
        "El internet fijo llegó al 72,1% de los hogares, y la fibra óptica representa el 25% de los accesos fijos.",
    ),
    8: _page(
        "es",
        "La Red Dorsal Nacional de Fibra Óptica conecta 22 regiones",
        "La Red Dorsal Nacional de Fibra Óptica tiene 13 500 kilómetros y conecta 22 regiones del país.",
    ),
    10: _page(
        "pt",
        "Claro escolhe Huawei para a rede 5G",
        "A Claro escolheu a Huawei como fornecedora de equipamentos de rádio da sua rede 5G no Brasil.",
    ),
    11: "<h1>Chinese brands lead smartphone sales in Latin America</h1><p>Chinese brands took 31.2% of "
    "smartphone sales in Latin America in 2022.</p>",
    12: _page(
        "es",
        "Colombia supera los 9 millones de accesos a internet fijo",
        "Colombia cerró 2022 con 9,1 millones de accesos fijos a internet, un 8,3% más que en 2021.",
    ),
    13: _page(
        "zh",
        "关于推动数字丝绸之路高质量发展的意见",
        "我国已与17个国家签署数字丝绸之路合作谅解备忘录，2021年跨境电商进出口规模达1.98万亿元。",
    ),
    14: _page(
        "es",
        "América Latina y el Caribe: el 32% de la población no tiene acceso a internet",
        "El 32% de la población de América Latina y el Caribe no tiene acceso a internet, y 66 millones "
        "de hogares no están conectados.",
    ),
}


def _archived(note: dict) -> dict:
    """The note as the archive knows it: its URL without the fragment."""
    return {**note, "url": note["url"].split("#", 1)[0]}


def archived_pages():
    """The WARC captures pywb serves (three per work with a URL, see ``paper_world``)."""
    return paper_world.archived_pages([_archived(n) for n in WEB_NOTES], SOURCES)


def install_origin_pages(origin) -> None:
    """What the live web answers: the gold's ``live`` status for each URL."""
    paper_world.install_origin_pages(origin, WEB_NOTES, SOURCES)
