"""A local world for the second paper (``tests/data/paper2``): its cited hosts answered by the
origin server, several archived captures of every page served by pywb (not a test module).

Every cited URL has three captures: long before the access date, shortly before it (the one
the gold names: the page as the author saw it) and shortly after it, so a checker that took
the nearest capture instead of the last one before the access date, or the newest, is caught.
The garbled ChinAfrica URL's directory also holds another article, so recovering it from its
fragments must match the surviving tail, not just the prefix.

The pages state the figures the paper quotes, some as the paper gives them and some not
(``figures_gold.json``): 亿 read as billion, a lost decimal point, swapped digits.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import paper_world

DATA = Path(__file__).resolve().parent / "data" / "paper2"
PAPER = DATA / "china-africa-renewable-cooperation-2021.txt"
GOLD = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
NOTES = GOLD["notes"]
URLS = [n["url"] for n in NOTES]
HOSTS = frozenset(urlsplit(u).hostname for u in URLS)

#: What each source says (the text of its archived captures), by note id.
SOURCES = {
    1: "<h1>Turkana wind farm at full capacity</h1><p>All 365 turbines of the Lake Turkana wind farm are "
    "now running: its installed capacity of 310 MW makes it the largest wind farm in Africa.</p>",
    2: "<h1>Integrated Resource Plan 2019</h1><p>By 2030 renewable energy will make up 39.7% of the "
    "installed capacity of South Africa.</p>",
    3: "<h1>AfDB approves loan</h1><p>The Board approved a loan of US$136 million for solar parks in "
    "Ethiopia.</p>",
    4: "<html><head><meta charset='utf-8'><title>达喀尔行动计划</title></head><body><p>中方将为非洲援助实施"
    "10个绿色环保和应对气候变化项目。</p></body></html>",
    5: "<h1>Benban solar park</h1><p>The park covers 37 square kilometres near Aswan; its 32 plants "
    "produce 1,465 MW, and Chinese companies built 4 of them.</p>",
    6: "<html><head><meta charset='utf-8'><title>阿达玛风电项目为当地创造就业</title></head><body><p>阿达玛风电"
    "项目总投资1.2亿美元，雇用当地员工2130人。</p></body></html>",
    7: "<html><head><meta charset='utf-8'><title>宗格鲁水电站进入收尾阶段</title></head><body><p>宗格鲁水电站"
    "装机容量70万千瓦，建成后将使尼日利亚发电能力提高10%。</p></body></html>",
    8: "<h1>Chinese firm wins Nigerian rail contract</h1><p>The contracts are worth $3.9 billion.</p>",
    9: "<h1>ECOWAS renewable energy policy</h1><p>The policy targets a 48% share of renewable "
    "electricity by 2030.</p>",
    10: "<h1>Solar home systems</h1><p>Solar home systems reached 75.4% more rural households than in "
    "2015.</p>",
    11: "<h1>Chinese investment in African power</h1><p>Chinese-built plants added 5.2 GW of capacity in "
    "southern Africa.</p>",
    12: "<h1>Kaleta hydropower station</h1><p>The 240 MW Kaleta station doubled Guinea's power supply.</p>",
}

#: Another article in the garbled URL's directory: recovery must not pick it.
NEIGHBOUR = "http://www.chinafrica.cn/Africa/202112/t20211210_800271299.html"


def archived_pages():
    """The WARC captures pywb serves (three per note, see ``paper_world``) and the neighbour."""
    from servers.pywb_archive import WarcPage

    return paper_world.archived_pages(
        NOTES, SOURCES, [WarcPage(NEIGHBOUR, "20211215000000", "<p>Another ChinAfrica article.</p>")]
    )


def install_origin_pages(origin) -> None:
    """What the live web answers: the gold's ``live`` status for each URL."""
    paper_world.install_origin_pages(origin, NOTES, SOURCES)
