"""Reports built from real lines of the seed, for the renderer tests (not a test module).

The references, claims and URLs below are copied from
``seeds/china-latin-america-green-cooperation-2022.txt``; the link states, snapshots
and source sentences are what the checker and the figure comparer report for them.
"""

from __future__ import annotations

from decimal import Decimal

from citecheck.findings import build_findings
from citecheck.model import (
    Claim,
    FigureCheck,
    LinkResult,
    LinkState,
    Quantity,
    Recovery,
    Reference,
    Report,
    Snapshot,
    SourceCheck,
    Span,
    Url,
    Verdict,
)

COFCO_RAW = (
    "«COFCO makes breakthrough progress in establishing sustainable soybean supply chain in Brazil», "
    "COFCO Group, January 10, 2022, http://www.cofco.com/cn/News/Al Inews/Latest/2022/0110/51147 html "
    "[2022 - 02 - 28]"
)
GUANCHA_RAW = (
    "«Chinalco builds new city in Peru», Observer.com, July 3, 2012, "
    "http://www.guancha.cn/Business / 2012_ 07_ 03_ 82453 shtml [2022 - 03 - 01]"
)
REVE_RAW = (
    '"Wind Power in Yucatán: Wind Turbines Arrive for ProgresoWindFarm"y REVEy September 4ÿ 2019 '
    "ht ÿÿÿ: // ÿÿÿÿÿÿÿÿy 2019 / 0ÿ / 0ÿ / 9ÿÿÿÿ - ÿÿÿÿÿ - yÿÿÿÿ tan-wind-turbines-arrive-for-progreso - "
    "ÿÿÿÿfarm/ yöyÿ [2022 - 02 - 27]"
)
CELAC_RAW = (
    "«The Third Ministerial Conference of the China-CELAC Forum adopted the Declaration of the Third "
    "Ministerial Conference of the China-CELAC Forum», Xinhua News Agency, December 8, 2021, "
    "http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5659408 html [2022 - 02 - 20]"
)
PROGRESO_CLAIM = (
    "This investment is worth US\\$15.5 billion and will reduce 26.35 million tons of carbon emissions "
    "every year, which is approximately equivalent to the annual emissions of 1.44 million cars."
)
PROGRESO_SOURCE = (
    "La inversión del parque eólico Progreso asciende a 1.550 millones de dólares y evitará la emisión de "
    "26,35 millones de toneladas de CO2."
)
CARBON_CLAIM = (
    "The first compliance cycle of the national carbon market included 2,162 key emission units in the "
    "power generation industry, covering an annual carbon emissions With more than 4.5 billion tons"
)

COFCO_URL = "http://www.cofco.com/cn/News/AllNews/Latest/2022/0110/51147.html"
GUANCHA_URL = "http://www.guancha.cn/Business/2012_07_03_82453.shtml"
CELAC_URL = "http://www.gov.cn/xinwen/2021-12/08/content_5659408.htm"


def _q(raw: str, sentence: str, value: str, family: str, **kw) -> Quantity:
    start = sentence.find(raw)
    return Quantity(Decimal(value), family, raw, start, start + len(raw), **kw)


def sample_parts(archive: str = "http://127.0.0.1:8080/pywb/"):
    """(references, claims, checks, figures) of a small, realistic run."""
    refs = [
        Reference(
            key="cofco2022",
            entry_type="webpage",
            raw=COFCO_RAW,
            span=Span(201, 201),
            note_id="p9n3",
            authors=("COFCO Group",),
            title="COFCO makes breakthrough progress in establishing sustainable soybean supply chain in Brazil",
            container="COFCO Group",
            date="2022-01-10",
            year=2022,
            url=Url(
                raw="http://www.cofco.com/cn/News/Al Inews/Latest/2022/0110/51147 html",
                repaired=COFCO_URL,
                complete=True,
                candidates=(COFCO_URL, COFCO_URL[:-1]),
                repairs=("joined split path 'Al Inews'", "restored '.' before 'html'"),
            ),
            access_date="2022-02-28",
        ),
        Reference(
            key="guancha2012",
            entry_type="newspaper",
            raw=GUANCHA_RAW,
            note_id="p9n5",
            title="Chinalco builds new city in Peru",
            container="Observer.com",
            date="2012-07-03",
            year=2012,
            url=Url(
                raw="http://www.guancha.cn/Business / 2012_ 07_ 03_ 82453 shtml",
                repaired=GUANCHA_URL,
                complete=True,
                repairs=("removed spaces in path", "restored '.' before 'shtml'"),
            ),
            access_date="2022-03-01",
        ),
        Reference(
            key="reve2019",
            entry_type="webpage",
            raw=REVE_RAW,
            note_id="p7n4",
            title="Wind Power in Yucatán: Wind Turbines Arrive for ProgresoWindFarm",
            container="REVE",
            date="2019-09-04",
            year=2019,
            url=Url(
                raw="ht ÿÿÿ: // ÿÿÿÿÿÿÿÿy 2019 / 0ÿ / 0ÿ / 9ÿÿÿÿ - ÿÿÿÿÿ - yÿÿÿÿ tan-wind-turbines-arrive-for-progreso - ÿÿÿÿfarm/",
                repaired=None,
                complete=False,
                fragments=("2019/0", "tan-wind-turbines-arrive-for-progreso-", "farm/"),
            ),
            access_date="2022-02-27",
        ),
        Reference(
            key="xinhua2021celac",
            entry_type="news",
            raw=CELAC_RAW,
            note_id="p5n2",
            title=(
                "The Third Ministerial Conference of the China-CELAC Forum adopted the Declaration of the "
                "Third Ministerial Conference of the China-CELAC Forum"
            ),
            container="Xinhua News Agency",
            date="2021-12-08",
            year=2021,
            url=Url(
                raw="http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5659408 html",
                repaired=CELAC_URL,
                complete=True,
                candidates=(CELAC_URL, CELAC_URL + "l"),
                repairs=("restored dots in host 'govgovcn' -> 'gov.cn'", "restored '.' before 'html'"),
            ),
            access_date="2022-02-20",
        ),
        Reference(
            key="carbon2021",
            entry_type="article",
            raw='Liu Dehai: "Scientific connotation and value orientation of green development concept"',
            note_id="p3n1",
            authors=("Liu Dehai",),
            title="Scientific connotation and value orientation of green development concept",
            container="Jiangsu Social Sciences",
            issue="3",
            year=2017,
            pages="1-3",
            warnings=("no URL and no page of the claim",),
        ),
    ]
    claims = [
        Claim(
            note_id="p7n4",
            text=PROGRESO_CLAIM,
            span=Span(157, 157),
            quantities=(
                _q(
                    "US\\$15.5 billion",
                    PROGRESO_CLAIM,
                    "15500000000",
                    "currency",
                    currency="USD",
                    scale_word="billion",
                ),
                _q("26.35 million tons", PROGRESO_CLAIM, "26350000", "mass", unit="t", scale_word="million"),
            ),
        ),
        Claim(
            note_id="p3n1",
            text=CARBON_CLAIM,
            span=Span(81, 81),
            quantities=(
                _q("4.5 billion tons", CARBON_CLAIM, "4500000000", "mass", unit="t", qualifier="more_than"),
            ),
        ),
    ]
    snapshot = Snapshot(
        archive=archive,
        original_url=COFCO_URL,
        timestamp="20220228093000",
        url=f"{archive}20220228093000/{COFCO_URL}",
        raw_url=f"{archive}20220228093000id_/{COFCO_URL}",
        status=200,
        mimetype="text/html",
    )
    checks = [
        SourceCheck(
            "cofco2022",
            COFCO_URL,
            link=LinkResult(COFCO_URL, LinkState.BROKEN, "HTTP 404 Not Found", status=404),
            snapshot=snapshot,
        ),
        SourceCheck(
            "guancha2012",
            GUANCHA_URL,
            link=LinkResult(
                GUANCHA_URL,
                LinkState.SOFT_404,
                "redirect to site root",
                status=200,
                final_url="http://www.guancha.cn/",
                redirects=("http://www.guancha.cn/",),
            ),
        ),
        SourceCheck(
            "reve2019",
            None,
            link=LinkResult("", LinkState.INCOMPLETE, "URL text is garbled"),
            recovery=Recovery(
                "ambiguous",
                candidates=(
                    "https://www.evwind.es/2019/09/04/yucatan-wind-turbines-arrive-for-progreso-wind-farm/",
                ),
            ),
        ),
        SourceCheck(
            "xinhua2021celac",
            CELAC_URL,
            link=LinkResult(CELAC_URL, LinkState.OK, "HTTP 200 OK", status=200, content_type="text/html"),
            recovery=Recovery("confirmed", url=CELAC_URL),
        ),
    ]
    figures = [
        FigureCheck(
            note_id="p7n4",
            claim_quantity=claims[0].quantities[0],
            verdict=Verdict.INCONSISTENT,
            claim_sentence=PROGRESO_CLAIM,
            source_quantity=_q(
                "1.550 millones de dólares", PROGRESO_SOURCE, "1550000000", "currency", currency="USD"
            ),
            source_sentence=PROGRESO_SOURCE,
            diagnosis="scale",
            factor=Decimal("10"),
            cause="亿 read as billion",
            explanation=(
                "the source says 15.5亿美元 = US$1.55 billion; the paper's US$15.5 billion is 10× larger: "
                "亿 was probably read as 'billion'"
            ),
            reference_key="reve2019",
        ),
        FigureCheck(
            note_id="p7n4",
            claim_quantity=claims[0].quantities[1],
            verdict=Verdict.CONSISTENT,
            claim_sentence=PROGRESO_CLAIM,
            source_quantity=_q("26,35 millones de toneladas", PROGRESO_SOURCE, "26350000", "mass", unit="t"),
            source_sentence=PROGRESO_SOURCE,
            reference_key="reve2019",
        ),
        FigureCheck(
            note_id="p3n1",
            claim_quantity=claims[1].quantities[0],
            verdict=Verdict.UNVERIFIABLE,
            claim_sentence=CARBON_CLAIM,
            reference_key="carbon2021",
        ),
    ]
    return refs, claims, checks, figures


def sample_report(**overrides) -> Report:
    refs, claims, checks, figures = sample_parts()
    fields = dict(
        paper="seeds/china-latin-america-green-cooperation-2022.txt",
        generated_at="2026-11-28T12:00:00Z",
        references=tuple(refs),
        claims=tuple(claims),
        checks=tuple(checks),
        figures=tuple(figures),
        findings=tuple(build_findings(refs, checks, figures, claims)),
        tool_version="0.1.0",
        options={"fail_on": ["broken", "inconsistent"]},
    )
    fields.update(overrides)
    return Report(**fields)


HOSTILE = (
    "<script>document.title='PWNED';document.body.setAttribute('data-pwned','1')</script>"
    "<img src=x onerror=\"document.title='PWNED'\">\"'><svg onload=alert(1)>"
    "</textarea></style></title>{{7*7}} ${x} | **bold** [link](javascript:alert(1)) ]]> \x00\x07 \ud800"
)


def hostile_report() -> Report:
    """Every text field a paper or a source controls carries a script-injection attempt."""
    refs, claims, checks, figures = sample_parts()
    evil_url = "javascript:document.title='PWNED'//" + HOSTILE
    refs = [
        Reference(
            key=f"k{i}{HOSTILE[:20]}",
            entry_type="webpage",
            raw=HOSTILE,
            note_id=f"n{i}",
            authors=(HOSTILE,),
            title=HOSTILE,
            container=HOSTILE,
            url=Url(
                raw=HOSTILE,
                repaired='http://127.0.0.1/"><script>alert(1)</script>',
                complete=True,
                repairs=(HOSTILE,),
            ),
            warnings=(HOSTILE,),
        )
        for i in range(2)
    ]
    claim_sentence = f"The paper says US$10.8 billion {HOSTILE}"
    q = _q("US$10.8 billion", claim_sentence, "10800000000", "currency", currency="USD")
    sq = Quantity(Decimal("108000000"), "currency", "1.08亿美元" + HOSTILE, 0, 5, currency="USD")
    figures = [
        FigureCheck(
            note_id="n0",
            claim_quantity=q,
            verdict=Verdict.INCONSISTENT,
            claim_sentence=claim_sentence,
            source_quantity=sq,
            source_sentence=HOSTILE + " 1.08亿美元 " + HOSTILE,
            diagnosis=HOSTILE,
            factor=Decimal("100"),
            cause=HOSTILE,
            explanation=HOSTILE,
            reference_key=refs[0].key,
            source_url=evil_url,
        )
    ]
    checks = [
        SourceCheck(
            refs[0].key,
            evil_url,
            link=LinkResult(evil_url, LinkState.BROKEN, HOSTILE, status=404, final_url=evil_url),
            snapshot=Snapshot("http://127.0.0.1:1/", evil_url, "20220101000000", evil_url, evil_url),
        ),
        SourceCheck(
            refs[1].key, "http://127.0.0.1/ok", link=LinkResult("http://127.0.0.1/ok", LinkState.OK, HOSTILE)
        ),
    ]
    claims = [Claim(note_id="n0", text=claim_sentence, quantities=(q,))]
    return Report(
        paper=HOSTILE,
        generated_at="2026-11-28T12:00:00Z",
        references=tuple(refs),
        claims=tuple(claims),
        checks=tuple(checks),
        figures=tuple(figures),
        findings=tuple(build_findings(refs, checks, figures, claims, document_warnings=(HOSTILE,))),
        tool_version=HOSTILE,
        options={"note": HOSTILE},
    )
