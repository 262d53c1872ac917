"""The language numerals are read in: declared by the document first, guessed from the whole
text second, and only when a numeral reads differently in the two conventions."""

from decimal import Decimal

import pytest

from citecheck.figures import (
    LanguageOnDemand,
    check_figures,
    compare_claim,
    compare_claims,
    extract_quantities,
    guess_language,
    language_tag,
)
from citecheck.model import Claim, SourceText, Verdict
from citecheck.sources.text import to_text


@pytest.mark.parametrize(
    ("tag", "lang"),
    [("pt-BR", "pt"), ("es_AR", "es"), ("zh-Hans-CN", "zh"), ("EN", "en"), ("zh-CN, en", "zh"),
     ("x-klingon", None), ("", None), (None, None), ("und", None), ("*", None)],
)  # fmt: skip
def test_a_declared_tag_gives_its_primary_language(tag, lang):
    assert language_tag(tag) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Argentina tiene 187 proyectos y el 13% de la demanda de energía del país", "es"),
     ("O Brasil instalou mais de 4.500 MW em 2021 e não parou de crescer", "pt"),
     ("阿根廷共有187个可再生能源发电项目", "zh"),
     ("The contract value was US$108 million", "en"),
     ("O projeto emprega 2.500 trabalhadores.", "pt"),
     ("La planta emplea a 2.500 personas.", "es"),
     ("Abastece 3.500 residências.", "pt"),
     ("Unas 8.400 familias fueron reasentadas.", "es")],
)  # fmt: skip
def test_the_language_is_guessed_from_the_text(text, lang):
    assert guess_language(text) == lang


def test_place_names_in_an_english_sentence_do_not_make_it_portuguese():
    text = "The transmission line runs 2,539 km from Belo Monte to Rio de Janeiro, said Agência Brasil."
    assert guess_language(text) == "en"
    assert [q.value for q in extract_quantities(text)] == [Decimal(2539000)]


def test_a_chinese_page_with_english_names_is_chinese():
    assert guess_language("中国能建葛洲坝国际公司与巴拿马Panasolar公司签署合同，金额1,080万美元。") == "zh"


def test_the_guess_is_made_only_when_a_numeral_reads_differently_in_the_two_conventions():
    asked = []

    def lang():
        asked.append(True)
        return "pt"

    assert [q.raw for q in extract_quantities("US$4.5 billion and 13% of 1.234.567 t", lang)] == [
        "US$4.5 billion",
        "13%",
        "1.234.567 t",
    ]
    assert asked == []
    (q,) = extract_quantities("O projeto emprega 2.500 trabalhadores.", lang)
    assert q.value == 2500 and asked == [True]


def test_a_language_asked_for_is_guessed_once_from_the_whole_text():
    lang = LanguageOnDemand("A usina tem 1.200 MW e a linha tem 2.539 km.")
    assert lang() == "pt" and lang() == "pt"
    assert LanguageOnDemand("whatever the text", "es-AR")() == "es"


def test_the_plant_employing_2500_workers_agrees_with_the_portuguese_source():
    # the example: a short Portuguese sentence read as English made 2.500 into 2.5
    (check,) = check_figures("The plant employs 2,500 workers.", "O projeto emprega 2.500 trabalhadores.")
    assert check.verdict is Verdict.CONSISTENT
    assert "2,500 persons" in check.explanation


def test_the_language_a_source_page_declares_beats_the_guess_from_its_text():
    claim = Claim("n1", "The plant has a capacity of 1,200 MW.")
    english_words = "<p>Capacity: 1.200 MW</p>"  # guessed English: 1.2 MW
    declared = to_text(f'<html lang="pt-BR"><body>{english_words}</body></html>'.encode())
    guessed = to_text(f"<html><body>{english_words}</body></html>".encode())
    assert compare_claim(claim, declared)[0].verdict is Verdict.CONSISTENT
    assert compare_claim(claim, guessed)[0].verdict is Verdict.INCONSISTENT


def test_check_figures_takes_the_declared_languages_of_paper_and_source():
    (check,) = check_figures("It has 1.200 MW.", "Capacity: 1.200 MW", lang="pt", source_lang="pt-BR")
    assert check.verdict is Verdict.CONSISTENT and check.claim_quantity.value == 1200 * 10**6


def test_the_papers_language_reads_every_claim_and_not_the_sources():
    # a Spanish paper quoting an English page: each side in its own convention
    claims = [Claim("n1", "La línea tiene 2.539 km."), Claim("n1", "Costó 1.500 millones de dólares.")]
    source = SourceText(None, "The 2,539 km line cost US$1.5 billion.", "file", language="en")
    checks = compare_claims(claims, source, lang="es")
    assert [c.verdict for c in checks] == [Verdict.CONSISTENT, Verdict.CONSISTENT]
    assert checks[0].claim_quantity.value == 2539000
