"""Bilingual pairs from a seeded generator (tests/bilingual_pairs.py): an English claim against a
short Portuguese, Spanish, Chinese or English source sentence. The full fuzz (100,000 pairs) is
benchmarks/figure_fuzz.py; the suite runs a slice of it."""

import pytest

from bilingual_pairs import pairs, written
from citecheck.figures import check_figures
from citecheck.model import Verdict

SLICE = list(pairs(300, seed=3))


def test_the_generator_writes_each_languages_own_conventions():
    from decimal import Decimal

    assert [written(Decimal("2500"), lang) for lang in ("pt", "es", "zh", "en")] == [
        "2.500",
        "2.500",
        "2500",
        "2,500",
    ]
    assert written(Decimal("12.5"), "pt") == "12,5" and written(Decimal("1234567.5"), "en") == "1,234,567.5"


@pytest.mark.parametrize("declared", [True, False], ids=["languages declared", "languages guessed"])
def test_no_false_verdict_on_bilingual_pairs(declared):
    wrong = []
    for pair in SLICE:
        if declared:
            checks = check_figures(pair["claim"], pair["source"], lang="en", source_lang=pair["lang"])
        else:
            checks = check_figures(pair["claim"], pair["source"])
        (check,) = checks
        if (check.verdict is Verdict.CONSISTENT) != pair["same"]:
            wrong.append((pair["claim"], pair["source"], check.verdict.value))
    assert wrong == []
