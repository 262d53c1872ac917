"""A seeded generator of bilingual claim/source pairs for the figure comparison (not a test module;
used by tests/test_figures_fuzz.py and benchmarks/figure_fuzz.py).

Each pair is an English claim quoting one figure and a short source sentence in Portuguese,
Spanish, Chinese or English stating a figure of the same kind, written in that language's own
conventions (``2.500 trabalhadores``, ``1,55 milhão``, ``1.55亿美元``, ``9万千瓦``). Half the
pairs state the same value (the verdict must be *consistent*); the other half a different value
(a power of ten, another leading digit, a changed last digits: never *consistent*). Values are
chosen to be hard to read: three digits after one separator (``2.500`` is 2.5 in English),
decimals, scale words.

>>> pair = next(iter(pairs(1, seed=7)))
>>> sorted(pair)
['claim', 'figure', 'lang', 'same', 'source']
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

LANGS = ("pt", "es", "zh", "en")

# kind -> (English claim templates, {lang: source templates}); {n} is the figure as written
_KINDS = {
    "workers": (
        [
            "The plant employs {n} workers.",
            "The project created jobs for {n} workers.",
            "It has {n} employees.",
            "The Usina de Belo Monte in Pará employs {n} workers.",
        ],
        {
            "pt": [
                "O projeto emprega {n} trabalhadores.",
                "A usina tem {n} funcionários.",
                "Emprega {n} pessoas.",
                "Belo Monte: {n} trabalhadores.",
                "Usina Santo Antônio, Porto Velho, {n} empregados.",
            ],
            "es": [
                "El proyecto emplea a {n} trabajadores.",
                "La planta tiene {n} empleados.",
                "Emplea a {n} personas.",
                "Coca Codo Sinclair: {n} trabajadores.",
            ],
            "zh": ["该项目雇用{n}名工人。", "工厂共有员工{n}名。", "项目为当地创造{n}个就业岗位。"],
            "en": ["The project employs {n} workers.", "The plant has {n} employees."],
        },
    ),
    "homes": (
        ["It supplies {n} homes.", "The farm provides power to {n} households."],
        {
            "pt": [
                "Abastece {n} residências.",
                "A usina atende {n} famílias.",
                "São {n} casas atendidas.",
                "Total: {n} residências.",
            ],
            "es": [
                "Abastece a {n} hogares.",
                "La central llega a {n} familias.",
                "Beneficia a {n} viviendas.",
            ],
            "zh": ["可为{n}户家庭供电。", "满足{n}户居民用电需求。"],
            "en": ["It supplies {n} homes.", "The farm powers {n} households."],
        },
    ),
    "power": (
        ["The plant has a capacity of {n}.", "Installed capacity reaches {n}."],
        {
            "pt": [
                "A usina tem {n}.",
                "A capacidade instalada é de {n}.",
                "Complexo Eólico Lagoa dos Ventos, Piauí: {n}.",
                "Potência total: {n}.",
            ],
            "es": [
                "La central tiene {n}.",
                "La potencia instalada es de {n}.",
                "Parque Solar Cauchari, Jujuy: {n}.",
            ],
            "zh": ["电站装机容量{n}。", "总装机容量为{n}。"],
            "en": ["The plant has a capacity of {n}.", "Capacity: {n}."],
        },
    ),
    "length": (
        ["The line is {n} long.", "The road runs {n}.", "The Linhão Xingu-Rio de Janeiro is {n} long."],
        {
            "pt": ["A linha tem {n}.", "A estrada tem {n} de extensão.", "Linhão Xingu-Rio: {n}."],
            "es": ["La línea mide {n}.", "La ruta tiene {n}."],
            "zh": ["线路全长{n}。", "公路全长{n}。"],
            "en": ["The line is {n} long."],
        },
    ),
    "money": (
        ["The project cost {n}.", "The investment was worth {n}."],
        {
            "pt": ["O projeto custou {n}.", "O investimento foi de {n}."],
            "es": ["El proyecto costó {n}.", "La inversión fue de {n}."],
            "zh": ["项目总投资{n}。", "投资额为{n}。"],
            "en": ["The project cost {n}.", "Investment: {n}."],
        },
    ),
    "percent": (
        ["Exports grew {n} last year.", "Solar covered {n} of demand."],
        {
            "pt": ["As exportações cresceram {n}.", "A solar cobriu {n} da demanda."],
            "es": ["Las exportaciones crecieron {n}.", "La solar cubrió el {n} de la demanda."],
            "zh": ["出口增长{n}。", "光伏发电满足了{n}的电力需求。"],
            "en": ["Exports grew {n}.", "Solar covered {n} of demand."],
        },
    ),
    "mass": (
        ["It produces {n} a year.", "Exports reached {n}."],
        {
            "pt": ["Produz {n} por ano.", "As exportações somaram {n}."],
            "es": ["Produce {n} al año.", "Las exportaciones sumaron {n}."],
            "zh": ["年产量{n}。", "出口量达{n}。"],
            "en": ["It produces {n} a year."],
        },
    ),
}


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def written(value: Decimal, lang: str) -> str:
    """``value`` (a plain number) as ``lang`` writes it: ``2500`` -> "2,500" / "2.500" / "2500"."""
    sign, frac = "", ""
    text = format(value.normalize(), "f")
    if "." in text:
        text, frac = text.split(".")
    if lang in ("pt", "es"):
        return sign + _group(text, ".") + ("," + frac if frac else "")
    if lang == "zh":
        return text + ("." + frac if frac else "")
    return _group(text, ",") + ("." + frac if frac else "")


_SCALES = {
    "en": ("million", "billion"),
    "pt": ("milhões", "bilhões"),
    "es": ("millones", "mil millones"),
}


def _unit_figure(kind: str, value: Decimal, lang: str, rng: random.Random) -> str:
    """The figure of ``kind`` for ``value`` (in base units: persons, homes, MW, km, USD, %, t)."""
    n = written(value, lang)
    if kind == "power":
        if lang == "zh" and value >= 10 and rng.random() < 0.5:
            return f"{written(value / 10, 'zh')}万千瓦"  # 1 万千瓦 = 10,000 kW = 10 MW
        return f"{n}兆瓦" if lang == "zh" else f"{n} MW"
    if kind == "length":
        return f"{n}公里" if lang == "zh" else f"{n} km"
    if kind == "percent":
        return f"{n}%"
    if kind == "mass":
        return {"zh": f"{n}吨", "pt": f"{n} toneladas", "es": f"{n} toneladas"}.get(lang, f"{n} tonnes")
    if kind == "money":
        return _money(value, lang, rng)
    return n


def _money(value: Decimal, lang: str, rng: random.Random) -> str:
    if lang == "zh":
        if value >= 10**8:
            return f"{written(value / 10**8, 'zh')}亿美元"
        return f"{written(value / 10**4, 'zh')}万美元"
    big = value >= 10**9
    mantissa = value / (10**9 if big else 10**6)
    words = _SCALES[lang]
    scale = words[1] if big else words[0]
    if lang == "en":
        return f"US${written(mantissa, 'en')} {scale}"
    if lang == "pt":
        if rng.random() < 0.5:
            return f"US$ {written(mantissa, 'pt')} {scale}"
        return f"{written(mantissa, 'pt')} {scale} de dólares"
    return f"{written(mantissa, 'es')} {scale} de dólares"


def _value(kind: str, rng: random.Random) -> Decimal:
    """A value that is hard to read: often three digits after the first group (``2.500``)."""
    if kind == "percent":
        return Decimal(rng.choice([rng.randint(2, 95), rng.randint(20, 950)])) / rng.choice([1, 10])
    if kind == "money":
        mantissa = Decimal(rng.randint(11, 999)) / Decimal(rng.choice([1, 10, 100]))
        return (mantissa * Decimal(10) ** rng.choice([6, 9])).normalize()
    if kind == "power":
        return Decimal(
            rng.choice(
                [rng.randint(1, 9) * 100 + rng.choice([0, 50]), rng.randint(1001, 9999), rng.randint(11, 999)]
            )
        )
    if kind == "length":
        return Decimal(rng.choice([rng.randint(1001, 9999), rng.randint(101, 999)]))
    return Decimal(rng.choice([rng.randint(1, 99) * 100, rng.randint(1001, 99999), rng.randint(101, 999)]))


def _other(value: Decimal, rng: random.Random) -> Decimal:
    """A value no reading of ``value`` agrees with: a power of ten, or another leading digit."""
    if rng.random() < 0.5:
        return (value * Decimal(rng.choice([10, 100, Decimal("0.1")]))).normalize()
    digits = format(value.normalize(), "f")
    lead = digits[0]
    new = str((int(lead) + rng.randint(2, 6)) % 9 + 1)
    return Decimal(new + digits[1:]).normalize()


def pairs(n: int, seed: int = 0) -> Iterator[dict]:
    """``n`` pairs: {"lang": source language, "claim", "source", "figure": the claim's figure as
    written, "same": whether the source states the claim's value}."""
    rng = random.Random(seed)
    kinds = sorted(_KINDS)
    for i in range(n):
        kind = kinds[rng.randrange(len(kinds))]
        lang = LANGS[i % len(LANGS)]
        claim_templates, source_templates = _KINDS[kind]
        value = _value(kind, rng)
        same = i % 2 == 0
        stated = value if same else _other(value, rng)
        figure = _unit_figure(kind, value, "en", rng)
        claim = rng.choice(claim_templates).format(n=figure)
        source = rng.choice(source_templates[lang]).format(n=_unit_figure(kind, stated, lang, rng))
        yield {
            "lang": lang,
            "claim": claim,
            "source": " ".join(source.split()),
            "figure": figure,
            "same": same,
        }
