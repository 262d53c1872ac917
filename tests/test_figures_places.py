"""Names of countries and regions across the four languages (figures/places.py)."""

import pytest

from citecheck.figures.places import name_in


@pytest.mark.parametrize(
    "name, words, text, found",
    [
        ("chile", {"exportaciones", "chilenas"}, "las exportaciones chilenas", True),  # start of a word
        ("brazi", {"exportacoes", "do", "brasil"}, "exportações do Brasil", True),  # another spelling
        ("peru", set(), "中国对秘鲁投资存量", True),  # the Chinese name
        ("peru", set(), "中国对拉美直接投资存量", False),  # a known name, absent
        ("chanc", set(), "钱凯港一期工程", None),  # no known Chinese spelling: not looked for
        ("peru", {"en", "chile", "china"}, "En Chile, China", False),
    ],
)
def test_a_name_is_found_in_its_spellings_or_not_looked_for(name, words, text, found):
    assert name_in(name, words, text) is found
