"""Write the Markdown papers the PDF and DOCX fixtures are made from (deterministic).

    python tests/data/papers/generate.py            # writes <name>.md and <name>.sources.json here

Each paper is an ordinary English policy paper: sections of paragraphs whose sentences quote
figures and end in a footnote call-out, and footnotes in the usual citation styles (APA,
Chicago, Vancouver, IEEE, news-agency items, web pages with a long URL and an access date,
reports, books). ``<name>.sources.json`` holds, for each note number, a source text that
states the sentence's figure, sometimes changed (scaled, digits swapped) so that figure
verdicts have something to tell apart. Nothing here is taken from the bundled seed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

SURNAMES = (
    "Almeida Becker Castillo Dubois Eriksen Fischer Garza Haddad Ibarra Jensen Kowalski Lindqvist "
    "Moreau Novak Okafor Petrov Quiroga Rossi Schmidt Tanaka Urrutia Vargas Weber Yilmaz Zhou "
    "Barros Carvalho Duarte Espinoza Ferreira Gallo Herrera Iglesias Jimenez Keller Lopes Mendes"
).split()
INITIALS = "A B C D E F G H J K L M N P R S T V W".split()
FIRST = (
    "Ana Bruno Carla Diego Elena Felipe Gabriela Hugo Ines Jorge Karin Luis Marta Nadia Oscar Paula".split()
)
TOPICS = [
    ("solar", "photovoltaic capacity", "MW"),
    ("wind", "wind power capacity", "MW"),
    ("hydro", "hydropower generation", "GWh"),
    ("lithium", "lithium carbonate output", "tonnes"),
    ("trade", "bilateral trade", "billion dollars"),
    ("finance", "green bond issuance", "million euros"),
    ("forests", "reforested land", "hectares"),
    ("grid", "transmission lines", "kilometres"),
]
JOURNALS = (
    "Energy Policy Review|Journal of Regional Economics|Latin American Development Studies|"
    "Renewable Systems Quarterly|International Trade Letters|Climate and Finance|Resource Geography"
).split("|")
AGENCIES = "Reuters|Associated Press|Agence France-Presse|EFE|Bloomberg News".split("|")
PUBLISHERS = "Routledge|Palgrave Macmillan|Cambridge University Press|Edward Elgar|Springer".split("|")
CITIES = "London|New York|Cambridge|Cheltenham|Cham".split("|")
BODIES = (
    "International Energy Agency|World Bank|Inter-American Development Bank|"
    "Economic Commission for Latin America and the Caribbean|International Renewable Energy Agency"
).split("|")
HOSTS = (
    "www.energy-observatory.org|data.regional-statistics.net|www.trade-monitor.info|"
    "reports.climate-finance.org|www.grid-watch.net|archive.development-bank.org"
).split("|")
COUNTRIES = "Argentina Brazil Chile Colombia Mexico Peru Uruguay Ecuador Bolivia Paraguay Panama".split()
MONTHS = "January February March April May June July August September October November December".split()
TITLE_WORDS = (
    "transition investment networks capacity policy markets storage regional integration finance "
    "corridors auctions tariffs incentives resilience supply chains cooperation demand efficiency"
).split()


def _title(rng: random.Random, topic: str) -> str:
    a, b = rng.sample(TITLE_WORDS, 2)
    country = rng.choice(COUNTRIES)
    forms = [
        f"{topic.capitalize()} {a} in {country}",
        f"The {a} of {topic} {b} in {country}",
        f"{country} and the politics of {topic} {a}",
        f"Measuring {topic} {a} across {rng.choice(COUNTRIES)} and {country}",
    ]
    return rng.choice(forms)


def _url(rng: random.Random, topic: str, year: int) -> str:
    host = rng.choice(HOSTS)
    words = rng.sample(TITLE_WORDS, rng.randint(2, 5))
    slug = "-".join([topic, *words])
    tail = rng.choice([".html", ".pdf", "", "/index.html", f"?id={rng.randint(100, 99999)}"])
    return f"https://{host}/{rng.choice(['reports', 'news', 'data', 'publications'])}/{year}/{slug}{tail}"


def _date(rng: random.Random, year: int) -> tuple[str, str]:
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    return f"{MONTHS[month - 1]} {day}, {year}", f"{day} {MONTHS[month - 1]} {year}"


def _note(rng: random.Random, topic: str) -> str:
    year = rng.randint(2005, 2022)
    title = _title(rng, topic)
    s1, s2 = rng.sample(SURNAMES, 2)
    i1, i2 = rng.choice(INITIALS), rng.choice(INITIALS)
    journal = rng.choice(JOURNALS)
    vol, issue = rng.randint(2, 48), rng.randint(1, 12)
    p1 = rng.randint(3, 400)
    p2 = p1 + rng.randint(5, 30)
    style = rng.randrange(9)
    if style == 0:  # APA article
        return f"{s1}, {i1}., & {s2}, {i2}. ({year}). {title}. {journal}, {vol}({issue}), {p1}–{p2}."
    if style == 1:  # Chicago article
        f1 = rng.choice(FIRST)
        return f"{s1}, {f1}. {year}. “{title}.” {journal} {vol} ({issue}): {p1}–{p2}."
    if style == 2:  # Vancouver
        return f"{s1} {i1}{i2}, {s2} {i2}. {title}. {journal}. {year};{vol}({issue}):{p1}-{p2}."
    if style == 3:  # IEEE
        m = MONTHS[rng.randrange(12)][:3]
        return f"{i1}. {s1} and {i2}. {s2}, “{title},” {journal}, vol. {vol}, no. {issue}, pp. {p1}–{p2}, {m}. {year}."
    if style == 4:  # book
        return f"{s1}, {i1}. ({year}). {title}. {rng.choice(CITIES)}: {rng.choice(PUBLISHERS)}."
    if style == 5:  # news agency item
        long_date, _ = _date(rng, year)
        return f"“{title},” {rng.choice(AGENCIES)}, {long_date}."
    if style == 6:  # report with URL
        _, access = _date(rng, min(year + 1, 2023))
        return f"{rng.choice(BODIES)}. ({year}). {title}. Retrieved from {_url(rng, topic, year)}"
    if style == 7:  # web page with access date
        _, access = _date(rng, min(year + 1, 2023))
        return f"{s1}, {i1}. ({year}). {title}. {_url(rng, topic, year)}, accessed {access}."
    # chapter
    e1 = rng.choice(SURNAMES)
    return (
        f"{s1}, {i1}. ({year}). {title}. In {i2}. {e1} (Ed.), Handbook of {topic} {rng.choice(TITLE_WORDS)} "
        f"(pp. {p1}–{p2}). {rng.choice(CITIES)}: {rng.choice(PUBLISHERS)}."
    )


def _figure(rng: random.Random, unit: str) -> str:
    if unit == "billion dollars":
        return f"{rng.randint(2, 90)}.{rng.randint(1, 9)} billion dollars"
    if unit == "million euros":
        return f"{rng.randint(20, 950)} million euros"
    value = rng.choice([f"{rng.randint(120, 9800):,}", f"{rng.randint(10, 990)}.{rng.randint(10, 99)}"])
    return f"{value} {unit}"


def _sentence(rng: random.Random, topic: tuple[str, str, str]) -> tuple[str, str]:
    """A citing sentence and the source sentence that states its figure (maybe changed)."""
    _, what, unit = topic
    country = rng.choice(COUNTRIES)
    year = rng.randint(2012, 2022)
    fig = _figure(rng, unit)
    pct = f"{rng.randint(2, 60)}.{rng.randint(1, 9)}%"
    forms = [
        f"In {year}, {country} reported {what} of {fig}, an increase of {pct} on the year before.",
        f"By the end of {year}, {what} in {country} had reached {fig}.",
        f"Official data put {country}'s {what} at {fig} in {year}, with a share of {pct}.",
        f"{country} added {fig} of {what} between {year - 3} and {year}.",
    ]
    sentence = rng.choice(forms)
    source_fig = fig
    change = rng.random()
    if change < 0.2:  # a scale error: the source says ten times less
        number = fig.split(" ")[0].replace(",", "")
        scaled = f"{float(number) / 10:.2f}".rstrip("0").rstrip(".")
        source_fig = fig.replace(fig.split(" ")[0], scaled, 1)
    source = f"According to the office, {what} in {country} was {source_fig} in {year}; the share was {pct}."
    return sentence, source


FILLER = [
    "The pattern is uneven across the region.",
    "Several governments have since revised their targets.",
    "These figures deserve a closer look, because the statistics are collected in different ways.",
    "Much of this growth came from a small number of large projects.",
    "Local observers describe the change as gradual rather than sudden.",
]


def make_paper(name: str, title: str, seed: int, sections: int, notes_per_section: int) -> tuple[str, dict]:
    rng = random.Random(seed)
    out = [
        "---",
        f"title: {title}",
        f"author: {rng.choice(FIRST)} {rng.choice(SURNAMES)}",
        "---",
        "",
    ]
    notes: list[str] = []
    sources: dict[str, str] = {}
    for s in range(sections):
        topic = TOPICS[(seed + s) % len(TOPICS)]
        out.append(f"# {topic[0].capitalize()} and the {rng.choice(TITLE_WORDS)} agenda")
        out.append("")
        left = notes_per_section
        while left > 0:
            sentences = []
            for _ in range(min(left, rng.randint(1, 3))):
                sentence, source = _sentence(rng, topic)
                notes.append(_note(rng, topic[0]))
                n = len(notes)
                sources[str(n)] = source
                sentences.append(f"{sentence}[^{n}]")
                if rng.random() < 0.5:
                    sentences.append(rng.choice(FILLER))
                left -= 1
            out.append(" ".join(sentences))
            out.append("")
    for n, text in enumerate(notes, 1):
        out.append(f"[^{n}]: {text}")
    return "\n".join(out) + "\n", sources


PAPERS = [
    ("energy-transition", "Energy transition and regional integration", 11, 6, 10),
    ("trade-finance", "Trade, finance and the new supply chains", 23, 6, 10),
    ("resource-policy", "Resource policy in a changing climate", 37, 6, 10),
]


def main() -> None:
    for name, title, seed, sections, per in PAPERS:
        text, sources = make_paper(name, title, seed, sections, per)
        (HERE / f"{name}.md").write_text(text, encoding="utf-8")
        (HERE / f"{name}.sources.json").write_text(
            json.dumps(sources, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
