"""What a text names, and when a claim and a source name different things (figures/names.py)."""

import pytest

from citecheck.figures.names import NamedText, names, names_disagree, places, places_disagree


@pytest.mark.parametrize(
    "text, found",
    [
        ("Argentina's RenovAr programme awarded 147 projects.", {"renovar"}),  # a country is no name
        ("In 2019 the Chinese-built Cauchari solar park began operating.", {"cauchari"}),  # nor a nationality
        ("The park opened in March with 300 MW.", set()),  # a month, a unit
        ("Investment reached 2.5 billion USD.", set()),  # a currency code
        ("In the tender, the Energy Secretariat awarded 1,200 MW.", set()),  # an authority
        ("Mediante la Resolución 600/2023, la Secretaría de Energía aprobó el parque.", set()),
        ("YPF Luz opened the park.", {"ypf", "luz"}),  # an acronym is a name even first
        ("The plant employs 1,520 people.", set()),  # a sentence's first word is capitalised anyway
    ],
)
def test_a_name_is_a_capitalised_word_or_an_acronym_that_tells_one_story_from_another(text, found):
    assert names(text) == found


def test_the_places_a_text_names_are_read_in_either_script():
    assert places("2021年中巴双边贸易额达1641亿美元") == {"china", "brazi"}
    assert places("las exportaciones de Brasil") == {"brazi"}
    assert places("las exportaciones chilenas") == set()  # a nationality in lower case is not read


def test_a_latin_name_is_not_looked_for_in_a_chinese_source():
    claim = NamedText("The Cauchari solar park has 300 MW.")
    assert not names_disagree(claim, NamedText("装机容量300兆瓦。"), "装机容量300兆瓦。")
    assert names_disagree(claim, NamedText("El parque solar tiene 300 MW."), "El parque solar tiene 300 MW.")


def test_a_place_is_the_figures_in_its_clause_before_its_sentence():
    claim = NamedText("China accounts for 30% of Chile's exports.")
    sentence = "China representa el 39% de las exportaciones chilenas, seguida por Estados Unidos con un 16%."
    assert not places_disagree(claim, "China representa el 39% de las exportaciones chilenas", sentence)
    assert places_disagree(claim, " seguida por Estados Unidos con un 16%.", sentence)
