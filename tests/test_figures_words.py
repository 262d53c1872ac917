"""Numbers written in words (en, es, pt, zh), changes written "from X to Y", and voltages."""

import time
from decimal import Decimal

import pytest

from citecheck.figures import check_figures, extract_quantities
from citecheck.figures.words import find_number_words
from citecheck.model import Verdict


def figures(text, lang=None):
    return [(q.raw, q.value, q.family, q.unit or q.currency) for q in extract_quantities(text, lang)]


@pytest.mark.parametrize(
    ("text", "raw", "value", "family"),
    [
        ("The project created two thousand jobs.", "two thousand jobs", 2000, "count"),
        ("Forty-five companies took part.", "Forty-five companies", 45, "count"),
        ("The park has one hundred and twenty turbines.", "one hundred and twenty turbines", 120, "count"),
        ("The bank lent three million dollars.", "three million dollars", 3000000, "currency"),
        ("Twenty-five thousand hectares were reforested.", "Twenty-five thousand hectares", 25000, "area"),
        ("El proyecto emplea a dos mil trabajadores.", "dos mil trabajadores", 2000, "count"),
        ("La flota tiene trescientos cuarenta y cinco autobuses.", "trescientos cuarenta y cinco autobuses", 345, "count"),
        ("La inversión fue de dos millones de dólares.", "dos millones de dólares", 2000000, "currency"),
        ("Costó mil millones de dólares.", "mil millones de dólares", 10**9, "currency"),
        ("A fábrica emprega dois mil trabalhadores.", "dois mil trabalhadores", 2000, "count"),
        ("A escola tem mil duzentos e cinquenta alunos.", "mil duzentos e cinquenta alunos", 1250, "count"),
        ("São dois mil e quinhentos empregos.", "dois mil e quinhentos empregos", 2500, "count"),
        ("该工厂有两千名员工。", "两千名", 2000, "count"),
        ("该项目耗资三千五百万美元。", "三千五百万美元", 35000000, "currency"),
        ("The loan was a billion dollars.", "a billion dollars", 10**9, "currency"),
        ("A million homes get power from the dam.", "A million homes", 10**6, "count"),
    ],
)  # fmt: skip
def test_numbers_written_in_words_are_figures(text, raw, value, family):
    (q,) = extract_quantities(text)
    assert (q.raw, q.value, q.family) == (raw, Decimal(value), family)
    assert text[q.start : q.end] == raw


@pytest.mark.parametrize(
    "text",
    [
        "The two countries signed an agreement.",  # a small count in words is prose
        "It took twenty years of talks.",  # a bare number in words is no figure
        "One of the largest plants; a hundred reasons.",
        "Once completed, the plant will be the largest.",  # "once" is eleven only in Spanish
        "O relatório dos técnicos foi publicado.",  # "dos" is "of the" in Portuguese
    ],
)
def test_number_words_that_are_prose_are_not_figures(text):
    assert extract_quantities(text) == []


def test_each_languages_number_words_are_read_only_in_that_language():
    assert find_number_words("once proyectos", "es")[0].value == 11
    assert find_number_words("once proyectos", "en") == []
    assert [w.text for w in find_number_words("dos mil trabajadores", "es")] == ["dos mil"]


def test_a_scale_word_after_digits_is_not_read_again_as_words():
    assert figures("2 mil millones de pesos y tres mil empleos", "es") == [
        ("2 mil millones de pesos", Decimal(2 * 10**9), "currency", "ARS"),
        ("tres mil empleos", Decimal(3000), "count", "job"),
    ]


def test_a_figure_in_words_agrees_with_the_same_figure_in_digits():
    (check,) = check_figures(
        "The project employs 2,000 workers.", "El proyecto emplea a dos mil trabajadores."
    )
    assert check.verdict is Verdict.CONSISTENT
    (check,) = check_figures("The plant employs two thousand workers.", "The plant employs 200 workers.")
    assert (check.verdict, check.diagnosis, check.factor) == (Verdict.INCONSISTENT, "scale", Decimal(10))


# ---- "from X to Y": the unit written once belongs to both values --------------------------


@pytest.mark.parametrize(
    ("text", "first", "value"),
    [
        ("Capacity grew from 245 to 300 MW.", "245", 245 * 10**6),
        ("La capacidad pasó de 245 a 300 MW.", "245", 245 * 10**6),
        ("A produção passou de 120 para 180 MW.", "120", 120 * 10**6),
        ("Sales rose from 2 to 5 billion yuan.", "2", 2 * 10**9),
        ("出口额从1.5增至4.5亿美元。", "1.5", 150 * 10**6),
        ("销售额从5至10亿元。", "5", 5 * 10**8),
    ],
)
def test_from_x_to_y_gives_x_the_unit_of_y(text, first, value):
    low, high = extract_quantities(text)
    assert low.raw == first and low.value == value and low.family == high.family
    assert low.high is None and "unit written once" in low.notes[0]


def test_a_range_is_still_a_range_and_from_to_years_are_still_years():
    (q,) = extract_quantities("between 5 and 10 MW")
    assert (q.value, q.high) == (5 * 10**6, 10 * 10**6)
    (q,) = extract_quantities("5至10亿元")
    assert q.high == 10**9
    assert extract_quantities("de 2015 a 2020") == [] and extract_quantities("from 2007 to 2014") == []
    assert [q.raw for q in extract_quantities("rose from 13% to 20%")] == ["13%", "20%"]


def test_a_change_from_x_to_y_is_compared_end_by_end():
    checks = check_figures("Capacity increased from 245 to 300 MW.", "装机容量从245兆瓦增至300兆瓦。")
    assert [(c.claim_quantity.raw, c.verdict) for c in checks] == [
        ("245", Verdict.CONSISTENT),
        ("300 MW", Verdict.CONSISTENT),
    ]


def test_para_before_a_number_in_portuguese_is_a_preposition_not_a_paragraph():
    assert figures("A capacidade passou para 180 MW.") == [("180 MW", Decimal(180 * 10**6), "power", "W")]
    assert extract_quantities("see para. 3 of the law") == []


# ---- voltages ---------------------------------------------------------------------------


def test_voltages_are_a_unit_of_their_own():
    assert figures("an 800 kV line and a ±800千伏 line") == [
        ("800 kV", Decimal(800000), "voltage", "V"),
        ("800千伏", Decimal(800000), "voltage", "V"),
    ]
    (check,) = check_figures("The line runs at 800 kV.", "美丽山二期工程电压等级800千伏。")
    assert check.verdict is Verdict.CONSISTENT


def test_number_words_cost_little_on_a_megabyte_of_prose():
    text = ("The two countries signed 12 agreements worth US$4.5 billion in 2021; once built, " * 14000)[
        :1_000_000
    ]
    start = time.process_time()
    found = extract_quantities(text)
    # a guard against super-linear work (under 1 s of CPU on a quiet core; benchmarks/figure_speed.py
    # measures speed): CPU time still grows on a loaded machine, where 3 s failed at 3.4 s
    assert time.process_time() - start < 10 and len(found) > 10000


# ---- shares of a whole written in words ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "percent"),
    [
        ("Chinese companies account for one third of Peru's mining investment portfolio.", "one third", "33.33"),
        ("The new line cut transmission losses by about a third.", "a third", "33.33"),
        ("Nearly two-thirds of the output is exported.", "two-thirds", "66.67"),
        ("More than half of the soybeans go to China.", "half", "50"),
        ("Las empresas chinas concentran un tercio de la cartera de inversión minera.", "un tercio", "33.33"),
        ("La mitad de las exportaciones de cobre va a China.", "La mitad", "50"),
        ("Las dos terceras partes del litio se exportan.", "dos terceras partes", "66.67"),
        ("A China compra dois terços da soja brasileira.", "dois terços", "66.67"),
        ("A usina gera a terça parte da energia do estado.", "a terça parte", "33.33"),
        ("Metade da energia vem de fontes renováveis.", "Metade", "50"),
    ],
)  # fmt: skip
def test_a_share_written_in_words_is_a_percentage(text, raw, percent):
    (q,) = extract_quantities(text)
    assert (q.raw, q.family, q.unit, q.value) == (
        raw,
        "percent",
        "%",
        Decimal(percent).quantize(Decimal("0.01")),
    )
    assert text[q.start : q.end] == raw


@pytest.mark.parametrize(
    "text",
    [
        "China became a third country partner of the bloc.",  # an ordinal before a noun
        "Exports rose in the first half of 2021 and in the fourth quarter.",  # periods
        "El cuarto trimestre de 2021 fue el mejor del año.",  # an ordinal (no numerator)
        "O quinto leilão de energia foi realizado em 2019.",
        "Forma parte de la iniciativa de la Franja y la Ruta.",  # "parte" without an ordinal
        "The plant produced one and a half million tonnes.",  # a half inside a cardinal
    ],
)
def test_ordinals_periods_and_parts_are_no_shares(text):
    assert [q for q in extract_quantities(text) if q.family == "percent"] == []


def test_a_share_in_words_is_a_rounded_statement_that_agrees_with_a_close_percentage():
    # "a third" stands for 30-36 %: 33.6 % and 35 % agree, a share of 40 % does not
    (check,) = check_figures(
        "Chinese banks hold one third of the bonds.", "Chinese banks hold 35% of the bonds."
    )
    assert check.verdict is Verdict.CONSISTENT
    (check,) = check_figures(
        "Chinese banks hold one third of the bonds.", "Chinese banks hold 40% of the bonds."
    )
    assert check.verdict is not Verdict.CONSISTENT


def test_a_share_in_words_in_the_claim_is_compared_with_a_chinese_or_digit_fraction():
    (zh,) = check_figures(
        "The station can meet about one third of Ecuador's electricity demand.",
        "可满足厄瓜多尔全国约三分之一的电力需求。",
    )
    (digits,) = check_figures(
        "The project reduced transmission losses by 1/3.", "The new line cut losses by about a third."
    )
    assert zh.verdict is Verdict.CONSISTENT and digits.verdict is Verdict.CONSISTENT


@pytest.mark.parametrize(
    ("text", "raw", "percent", "qualifier"),
    [
        ("大豆占巴西对华出口的七成以上。", "七成以上", 70, "more_than"),
        ("智利近三成铜出口到中国。", "三成", 30, "nearly"),
        ("其中两成为出口产品。", "两成", 20, None),
        ("一半的投资流向能源领域。", "一半", 50, None),
        # fractions and 百分之 take their qualifiers the same way
        ("可满足约三分之一的电力需求。", "三分之一", "33.33333333333333333333333333", "about"),
        ("超过百分之四十的出口流向中国。", "百分之四十", 40, "more_than"),
        ("三分之一以上的项目已完工。", "三分之一以上", "33.33333333333333333333333333", "more_than"),
    ],
)
def test_a_chinese_share_in_tenths_or_a_half_is_a_percentage(text, raw, percent, qualifier):
    (q,) = extract_quantities(text)
    assert (q.raw, q.family, q.value, q.qualifier) == (raw, "percent", Decimal(percent), qualifier)


@pytest.mark.parametrize("text", ["这一政策一成不变。", "三成员国签署了协议。"])
def test_chinese_words_that_hold_cheng_are_no_shares(text):
    assert extract_quantities(text) == []


def test_a_share_in_tenths_is_rounded_to_tens_of_percent():
    # 七成 stands for 65-75 %: 72% agrees, 80% is not found there
    assert (
        check_figures("Soybeans are 72% of exports.", "大豆占出口的七成。")[0].verdict is Verdict.CONSISTENT
    )
    assert (
        check_figures("Soybeans are 80% of exports.", "大豆占出口的七成。")[0].verdict
        is not Verdict.CONSISTENT
    )
