"""Field-level precision / recall / F1 of ``parse_reference`` on labelled references.

Usage::

    python benchmarks/parse_accuracy.py [PATH_TO_ANYSTYLE_XML] [--errors FIELD]

The labelled set is AnyStyle's ``core.xml`` (1,514 references, mostly English), read from
``/work/shared/parsing/anystyle-core.xml`` (or ``$CITECHECK_ANYSTYLE_XML``) and never
copied into the project. Each ``<sequence>`` is one reference; its text is the labelled
segments joined by spaces, and the parser sees only that text.

Scoring rules (the same for any labelled file in this format):

* A field counts for a reference when the gold or the prediction has it. Gold present and
  prediction equal after normalisation: true positive. Prediction present but not equal
  (or gold absent): false positive. Gold present but prediction absent or not equal:
  false negative. So a wrong value costs both precision and recall, as in GROBID's
  end-to-end evaluation.
* Normalisation: Unicode NFKC, lower case, every run of non-alphanumeric characters
  removed ("Backtrack programming." == "backtrack programming").
* author: the multiset of alphabetic tokens of all author names, without connectors
  ("and", "&", "et", "al", "others", "eds"), so "Romero, C., & Dweck, C." equals
  "C. Romero and C. Dweck". Gold that is only a dash ("———.", same author as above) is
  not scored. The ``editor`` label is not author.
* title: normalised text.
* container: gold ``journal`` or ``container-title`` (joined if both), with a leading
  "in"/"in:" dropped, compared normalised.
* date: the four-digit year (first one in the gold date); prediction: ``Reference.year``.
* pages: digit groups joined by "-" ("pp. 1761–1800)." -> "1761-1800"; "Page 01" -> "01").
* url: normalised text after dropping a leading "URL:", "<" and the scheme (the parser
  writes "http://" before a bare "www." address); the prediction is ``Url.repaired``.

Prints a table of P/R/F1 per field and the share of references parsed without exception,
then scores the whole pipeline on the bundled seed paper against ``SEED_GOLD`` (a gold
table written by hand from the seed's text): works found, false ones, authors / title /
container / year correct, complete URLs restored exactly, garbled URLs flagged.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from citecheck.references.fields import parse_reference

SEED = Path(__file__).resolve().parent.parent / "seeds" / "china-latin-america-green-cooperation-2022.txt"
DEFAULT = Path(os.environ.get("CITECHECK_ANYSTYLE_XML", "/work/shared/parsing/anystyle-core.xml"))
FIELDS = ("author", "title", "container", "date", "pages", "url")
_CONNECTORS = {"and", "et", "al", "others", "eds", "ed", "editors", "editor", "und", "e", "y"}


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\W_]+", "", text)


def author_key(text: str | None) -> Counter | None:
    if not text:
        return None
    text = unicodedata.normalize("NFKC", text).lower()
    toks = [t for t in re.findall(r"[^\W\d_]+", text) if t not in _CONNECTORS]
    return Counter(toks) if toks else None


def url_key(text: str | None) -> str:
    if not text:
        return ""
    text = re.sub(r"(?i)^\s*(?:url\s*:?\s*|<)?(?:https?://)?", "", text.strip())
    return norm(text)


def year_key(text: str | None) -> str:
    if not text:
        return ""
    m = re.search(r"(1[5-9]\d\d|20\d\d)", str(text))
    return m.group(1) if m else ""


def pages_key(text: str | None) -> str:
    if not text:
        return ""
    return "-".join(re.findall(r"\d+", text))


def container_key(text: str | None) -> str:
    if not text:
        return ""
    text = re.sub(r"(?i)^\s*in\s*:?\s+", "", text.strip())
    return norm(text)


def gold_of(seq: ET.Element) -> tuple[str, dict]:
    parts, gold = [], {}
    for el in seq:
        txt = " ".join((el.text or "").split())
        if not txt:
            continue
        parts.append(txt)
        gold.setdefault(el.tag, []).append(txt)
    text = " ".join(parts)
    g = {
        "author": author_key(" ".join(gold.get("author", []))),
        "title": norm(gold.get("title", [""])[0]),
        "container": container_key(" ".join(gold.get("journal", []) + gold.get("container-title", []))),
        "date": year_key(gold.get("date", [""])[0]),
        "pages": pages_key(gold.get("pages", [""])[0]),
        "url": url_key(gold.get("url", [""])[0]),
    }
    return text, g


def predicted(ref) -> dict:
    return {
        "author": author_key(" ".join(ref.authors)) if ref.authors else None,
        "title": norm(ref.title),
        "container": container_key(ref.container),
        "date": str(ref.year) if ref.year else "",
        "pages": pages_key(ref.pages),
        "url": url_key(ref.url.repaired) if ref.url and ref.url.repaired else "",
    }


# --- The bundled seed paper -------------------------------------------------------------
# Gold written by hand from the seed's text (what an editor would record), one row per cited
# work: (first line, authors, title, container, year, url). ``url`` is the exact address when
# the text carries all of it, INCOMPLETE when characters are lost, None when there is none.
# Where the text itself is a fragment (a title cut by the page), the gold is the fragment.
INCOMPLETE = "incomplete"
SEED_GOLD = [
    (
        31,
        (),
        "Xi Jinping's speech at the plenary session of the 23rd St. Petersburg International Economic Forum",
        "Xinhua News Agency",
        2019,
        None,
    ),
    (
        33,
        (),
        "Xi Jinping attended the general debate of the 76th United Nations General Assembly and delivered an important speech",
        "Xinhua News Agency",
        2021,
        None,
    ),
    (
        35,
        ("Wu Zhicheng", "Li Jiaxuan"),
        "The Correct View of Justice and Interests in Xi Jinping's Diplomatic Thought",
        "Research on International Issues",
        2021,
        None,
    ),
    (
        39,
        (),
        "Xi Jinping accepted a joint interview with media from four Latin American countries",
        "Xinhuanet",
        2014,
        INCOMPLETE,
    ),
    (41, (), "The Central Foreign Affairs Work Conference was held in Beijing", "People's Daily", 2014, None),
    (
        41,
        (),
        "Adhering to the guidance of socialist diplomacy with Chinese characteristics",
        "People's Daily",
        2018,
        None,
    ),
    (43, (), "Resolution of the Central", None, None, None),
    (
        45,
        ("Wu Zhicheng", "Li Jiaxuan"),
        "The Correct View of Justice and Interests in Xi Jinping's Diplomatic Thought",
        "Research on International Issues",
        2021,
        None,
    ),
    (
        45,
        ("Li Hailong",),
        "On the Connotation and Practice of the Correct View of Justice and Interests in China's Diplomacy",
        "Theoretical Journal",
        2016,
        None,
    ),
    (
        49,
        ("Li Xiangyang",),
        'The concept of justice and benefit in the construction of "One Belt, One Road"',
        "World Economy and Politics",
        2017,
        None,
    ),
    (
        63,
        ("Fu Cong",),
        "China-EU Green Cooperation: Historical Evolution of Partnership and Opportunities and Challenges",
        "Journal of the Pacific",
        2021,
        None,
    ),
    (
        65,
        (),
        "The Fifth Plenary Session of the 18th Central Committee of the Communist Party of China was held in Beijing",
        "China Communist Party News Network",
        2015,
        INCOMPLETE,
    ),
    (
        67,
        ("Liu Dehai",),
        "Scientific connotation and value orientation of green development concept",
        "Jiangsu Social Sciences",
        2017,
        None,
    ),
    (
        87,
        ("Xu Weixing",),
        "A solid step has been taken to promote synergy and efficiency in pollution reduction and carbon reduction",
        "China Environment News",
        2022,
        None,
    ),
    (
        91,
        (),
        "The Third Ministerial Conference of the China-CELAC Forum adopted the Declaration of the Third Ministerial Conference of the China-CELAC Forum",
        "Xinhua News Agency",
        2021,
        "http://www.gov.cn/xinwen/2021-12/08/content_5659408.html",
    ),
    (
        139,
        ("Han Han",),
        '"Good Life": Actions of Left-wing Parties in Latin America',
        "China Social Sciences Journal",
        2020,
        None,
    ),
    (
        141,
        (),
        'The Brazilian government officially launches the "National Green Growth Plan"',
        "Economic and Commercial Section of the Embassy of the Republic of Brazil",
        2021,
        None,
    ),
    (
        143,
        (),
        "Argentina's renewable energy power generation will cover 13% of the country's electricity demand in 2021",
        "Economic and Commercial Embassy in the Republic of Argentina Office",
        2022,
        "http://ar.mofcom.gov.com/article/jmxw/202.202/20220203278094.shtml",
    ),
    (155, (), "CELAC", None, None, "https://celacinternational.org/celac-2-2/"),
    (155, (), "Xi Jinping: China Make cooperation in the", None, None, None),
    (173, (), "Wind Power in Yucatán: Wind Turbines Arrive for ProgresoWindFarm", "REVE", 2019, INCOMPLETE),
    (
        173,
        (),
        "Gaocharui Photovoltaic Power Station Project Grid-connected Power Generation",
        "Economic and Commercial Office of the Embassy in the Republic of",
        None,
        None,
    ),
    (
        177,
        (),
        "Shanghai Power Construction Argentina's Gaocharui Photovoltaic Project has won the best practice case of international energy cooperation",
        "Economic and Commercial Office of the Embassy in the Republic of Argentina",
        2021,
        INCOMPLETE,
    ),
    (
        189,
        ("Yao Mingfeng",),
        "China-Latin America Friendly Cooperation Improved and Upgraded",
        "People's Daily",
        2022,
        None,
    ),
    (
        201,
        (),
        "COFCO makes breakthrough progress in establishing sustainable soybean supply chain in Brazil",
        "COFCO Group",
        2022,
        "http://www.cofco.com/cn/News/AlInews/Latest/2022/0110/51147.html",
    ),
    (
        201,
        (),
        'Xi Jinping emphasized at the third "Belt and Road" construction symposium that he will continue to promote high-quality development of the "Belt and Road" with the goal of high standards and sustainable benefits to people\'s livelihood. Han Zheng chaired it',
        "Xinhuanet",
        2021,
        INCOMPLETE,
    ),
    (
        205,
        (),
        "Chinalco builds new city in Peru",
        "Observer.com",
        2012,
        "http://www.guancha.cn/Business/2012_07_03_82453.shtml",
    ),
    (
        213,
        (),
        "Chinalco Peru Mining Company: Chinalco Peru Mining Company Overseas Community Sewage Treatment Project",
        "Website of the State-owned Assets Supervision and Administration Commission of the State Council",
        2018,
        "http://www.sasac.gov.cn/n4470048/n84566886/n9199431/n9199488/n9201718/c9239717/content.html",
    ),
    (
        215,
        ("Liu Xuxia", "Zhu Dongjun", "Yan Huan"),
        "Playing an important role as a bridge to promote people-to-people ties",
        "People's Daily",
        2021,
        None,
    ),
    (
        225,
        (),
        "Key evaluation indicators for green credit implementation",
        "China Banking Regulatory Commission website",
        2014,
        INCOMPLETE,
    ),
    (
        227,
        ("Gallagher",),
        "Greening Development Finance in The Americas",
        "Boston University's Global Economic Governance Initiative",
        None,
        "https://www.thedialogue.org/wp-content/uploads/2015/11/GEGI-GreeningAmericas-Final.pdf",
    ),
    (
        229,
        ("Shi Peiran",),
        'China-Latin America green product trade under the "Belt and Road" framework: Characteristics, comparative advantages and export potential',
        "Enterprise Economics",
        2021,
        None,
    ),
    (
        245,
        (),
        "country (region) in December 2021 (U.S. dollar value)",
        "Website of the General Administration of Customs of China",
        2022,
        "http://www.customs.gov.cn/customs/302249/zfxxxgk",
    ),
    (
        251,
        ("Song Haiying", "Wang Minhui"),
        'The economic impact of the "Growth in the Americas" initiative on the joint construction of the "Belt and Road" between China and Latin America',
        "Latin American Studies",
        2021,
        None,
    ),
    (
        271,
        (),
        "Mexico delays renewable energy target by 6 years",
        "Economic and Commercial Section of the Embassy of the United States of Mexico",
        2021,
        "http://mx.mofcom.gov.cn/article/jmxw/202109/20210903203895.shtml",
    ),
    (
        272,
        ("Zhang Jieyu",),
        'China-Latin America relations are still in a "strategic opportunity period"',
        "Dazhong Daily",
        2022,
        None,
    ),
    (
        282,
        (),
        "The Argentinian opposition won the mid-term parliamentary elections, and the Peronist Party lost control of the Senate for the first time",
        "Economic and Commercial Section of the Embassy in the Republic of Argentina",
        2021,
        INCOMPLETE,
    ),
    (
        282,
        ("Sun Hongbo",),
        'to Latin American country\'s left -handed influence on the international relations "academic seminar summary"',
        None,
        None,
        None,
    ),
    (284, (), "Mexican Present Pressures US Stop A idfor article", None, None, None),
    (
        284,
        ("He Shuangrong",),
        "The Impact of Latin American Left Governance on International Relations",
        "Learning Monthly",
        2008,
        None,
    ),
    (
        308,
        ("Lv Yang",),
        "Current situation and problems of China's investment in Latin America",
        "International Research Reference",
        2016,
        None,
    ),
    (
        310,
        ("Zhao Hui", "Huang Shunda"),
        "Exclusive interview: Mutual learning in development is the comerstone of China and Latin America's joint pursuit of dreams — Interview ith Chai Yu, Director of the Institute of Latin American Studies at the Chinese Academy of Social Sciences",
        "Xinhua News Agency",
        2021,
        INCOMPLETE,
    ),
    (
        316,
        (),
        "Wang Yi: China-Latin America cooperation is an independent and voluntary choice of both parties",
        "Chinese Ministry of Foreign Affairs website",
        2019,
        INCOMPLETE,
    ),
    (
        318,
        ("He Shuangrong", "Tong Yawei"),
        'China and Uruguay jointly build the "Belt and Road": Progress, driving factors and challenges',
        "Latin American Studies",
        2021,
        None,
    ),
    (
        336,
        ("Li Zengxiao", "Wang Yuxinhong"),
        "The precious heritage of human civilization—Review of the Silk Road Spirit",
        "Guangming Daily",
        2021,
        None,
    ),
    (
        346,
        ("Yuan Yong",),
        "Latin America's economic recovery is obviously fragile",
        "Economic Daily",
        2022,
        None,
    ),
]


def seed_score(path: Path) -> None:
    """Score the whole pipeline (read, segment, parse) on the bundled seed against SEED_GOLD."""
    from citecheck.document import load_document
    from citecheck.references.extract import extract_references

    t0 = time.perf_counter()
    refs = extract_references(load_document(path))
    ms = (time.perf_counter() - t0) * 1000
    unmatched = list(refs)
    found, fields_ok, all_ok = 0, Counter(), 0
    url_exact = url_exact_n = flagged = flagged_n = 0
    misses = []
    for line, authors, title, container, year, url in SEED_GOLD:
        match = next(
            (
                r
                for r in unmatched
                if r.span and r.span.start_line == line and norm(r.title)[:15] == norm(title)[:15]
            ),
            None,
        )
        if url not in (None, INCOMPLETE):
            url_exact_n += 1
        elif url == INCOMPLETE:
            flagged_n += 1
        if match is None:
            misses.append(f"not found: line {line} {title[:50]!r}")
            continue
        unmatched.remove(match)
        found += 1
        ok = {
            "authors": tuple(match.authors) == authors,
            "title": norm(match.title) == norm(title),
            "container": norm(match.container) == norm(container),
            "year": match.year == year,
        }
        fields_ok.update(k for k, v in ok.items() if v)
        all_ok += all(ok.values())
        for k, v in ok.items():
            if not v:
                misses.append(f"line {line} {k}: got {getattr(match, k if k != 'authors' else 'authors')!r}")
        if url not in (None, INCOMPLETE) and match.url and match.url.complete and match.url.repaired == url:
            url_exact += 1
        if url == INCOMPLETE and match.url is not None and not match.url.complete:
            flagged += 1
    n = len(SEED_GOLD)
    print(f"\nseed paper {path.name}: {len(refs)} references in {ms:.0f} ms")
    print(f"  found {found} of {n} cited works; {len(unmatched)} false")
    for k in ("authors", "title", "container", "year"):
        print(f"  {k:<9} correct for {fields_ok[k]}/{found} ({fields_ok[k] / max(found, 1):.0%})")
    print(f"  all four correct for {all_ok}/{found} ({all_ok / max(found, 1):.0%})")
    print(
        f"  complete URLs restored exactly: {url_exact}/{url_exact_n}; garbled URLs flagged incomplete: {flagged}/{flagged_n}"
    )
    for m in misses:
        print(f"    {m}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xml", nargs="?", default=str(DEFAULT))
    ap.add_argument("--errors", choices=FIELDS, help="print the mismatches of one field")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--seed", default=str(SEED), help="the bundled seed paper (scored against SEED_GOLD)")
    args = ap.parse_args(argv)
    path = Path(args.xml)
    if not path.exists():
        print(f"labelled file not found: {path}", file=sys.stderr)
        return 2
    seqs = list(ET.parse(path).getroot())
    tp, fp, fn = Counter(), Counter(), Counter()
    failures = 0
    shown = 0
    t0 = time.perf_counter()
    for seq in seqs:
        text, gold = gold_of(seq)
        try:
            ref = parse_reference(text)
        except Exception as exc:  # the benchmark must report, not stop
            failures += 1
            print(f"EXCEPTION {type(exc).__name__}: {exc}: {text[:100]}", file=sys.stderr)
            continue
        pred = predicted(ref)
        for f in FIELDS:
            g, p = gold[f], pred[f]
            if f == "author" and g is None and any(e.tag == "author" for e in seq):
                continue  # dash-only gold author ("———.")
            if not g and not p:
                continue
            if g and p == g:
                tp[f] += 1
                continue
            if p:
                fp[f] += 1
            if g:
                fn[f] += 1
            if args.errors == f and shown < args.limit:
                shown += 1
                print(f"--- {text}\n    gold: {g}\n    pred: {p}")
    elapsed = time.perf_counter() - t0
    print(f"{len(seqs)} references from {path.name}, {failures} exceptions, {elapsed:.2f} s")
    print(f"{'field':<10} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>5} {'fp':>5} {'fn':>5}")
    for f in FIELDS:
        p = tp[f] / (tp[f] + fp[f]) if tp[f] + fp[f] else 0.0
        r = tp[f] / (tp[f] + fn[f]) if tp[f] + fn[f] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{f:<10} {p:6.3f} {r:6.3f} {f1:6.3f}   {tp[f]:5d} {fp[f]:5d} {fn[f]:5d}")
    if args.seed and Path(args.seed).exists() and not args.errors:
        seed_score(Path(args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
