"""Comparing a claim's figures with its source: verdicts, diagnoses, evidence, bad input.

Claims are real lines of the seed paper; sources are fixture pages written for these tests
(tests/data/figures) and the labelled pairs in tests/data/figures/pairs*.jsonl.
"""

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.figures import check_figures, compare_claim, compare_claims
from citecheck.model import Claim, SourceText, Verdict
from citecheck.sources.text import to_text

DATA = Path(__file__).parent / "data" / "figures"


def seed_line(seed_text, needle):
    return next(line for line in seed_text.splitlines() if needle in line)


def source(name):
    return to_text((DATA / name).read_bytes(), None, f"file://{name}", origin="file")


def by_raw(checks, needle):
    return next(c for c in checks if c.claim_quantity is not None and needle in c.claim_quantity.raw)


def test_panama_contract_is_100_times_too_large_because_yi_was_read_as_billion(seed_text):
    claim = Claim("p7n2", seed_line(seed_text, "US\\$10.8 billion"))
    checks = compare_claim(claim, source("panama-epc-gb2312.html"), reference_key="panama2020")
    money = by_raw(checks, "US\\$10.8 billion")
    assert money.verdict is Verdict.INCONSISTENT
    assert (money.diagnosis, money.factor, money.cause) == ("scale", Decimal(100), "亿 read as billion")
    assert "US$108 million" in money.explanation and "100× larger" in money.explanation
    assert money.reference_key == "panama2020" and money.source_url == "file://panama-epc-gb2312.html"
    assert by_raw(checks, "110-megawatt").verdict is Verdict.CONSISTENT


def test_evidence_locates_both_numbers_inside_their_sentences(seed_text):
    claim = Claim("p7n2", seed_line(seed_text, "US\\$10.8 billion"))
    money = by_raw(compare_claim(claim, source("panama-epc-gb2312.html")), "US\\$10.8 billion")
    cq, sq = money.claim_quantity, money.source_quantity
    assert money.claim_sentence == "The contract value was US\\$10.8 billion."
    assert money.claim_sentence[cq.start : cq.end] == "US\\$10.8 billion"
    assert money.source_sentence[sq.start : sq.end] == "1.08亿美元"
    assert money.source_sentence.startswith("合同金额约为")


def test_argentina_figures_agree_and_the_lost_decimal_point_is_noted(seed_text):
    text = seed_line(seed_text, "cover 13% of the country") + "\n" + seed_line(seed_text, "5181 74 MW")
    checks = compare_claim(Claim("p5n3", text), source("argentina-renewables-gbk.html"))
    assert [c.verdict for c in checks] == [Verdict.CONSISTENT] * 3
    capacity = by_raw(checks, "5181 74 MW")
    assert "decimal point lost" in capacity.explanation
    assert capacity.source_quantity.raw == "5181.74兆瓦"
    assert by_raw(checks, "187").source_quantity.raw.startswith("187")


@pytest.mark.parametrize("page", ["carbon-market-big5.html", "carbon-market-en.pdf"])
def test_carbon_market_more_than_4_5_billion_tons_agrees_with_about_45_yi(seed_text, page):
    claim = Claim("p2n1", seed_line(seed_text, "2,162 key emission units"))
    checks = compare_claim(claim, source(page))
    assert {c.claim_quantity.raw: c.verdict for c in checks} == {
        "2,162 key emission units": Verdict.CONSISTENT,
        "4.5 billion tons": Verdict.CONSISTENT,
    }


def test_trade_growth_of_411_percent_is_a_lost_decimal_point(seed_text):
    checks = compare_claim(Claim("p10n1", seed_line(seed_text, "411%")), source("china-lac-trade-2021.txt"))
    growth = by_raw(checks, "411%")
    assert (growth.verdict, growth.diagnosis, growth.factor) == (
        Verdict.INCONSISTENT,
        "lost-decimal",
        Decimal(10),
    )
    assert by_raw(checks, "451.591 billion").verdict is Verdict.CONSISTENT


@pytest.mark.parametrize(
    ("claim", "src", "diagnosis", "factor", "cause"),
    [
        ("The investment was worth US$15.5 billion.", "项目投资额为1.55亿美元。", "scale", "100", "亿 read as billion"),
        ("It allocated 3,500 million yuan to relocation.", "为搬迁拨款3500万元。", "scale", "100", "万 read as million"),
        ("The plan requires 2 billion pesos.", "El plan requiere 2 billones de pesos.", "scale", "0.001",
         "Spanish billón read as billion"),
        ("The budget is 10 million pesos.", "El presupuesto es de 10 mil millones de pesos.", "scale", "0.001",
         "mil millones read as million"),
        ("The rooftop system has 15 MW.", "O sistema no telhado tem 15 kW.", "unit", "1000", None),
        ("The park generates 300 MW a year.", "The park generates 300 MWh a year.", "unit", "1", None),
        ("The share of clean energy rose by 5%.", "清洁能源占比提高了5个百分点。", "percent-points", None, None),
        ("The project will power 71,500 homes.", "The project will power 17,500 homes.", "transposed", None, None),
    ],
)  # fmt: skip
def test_each_kind_of_mistake_gets_its_diagnosis(claim, src, diagnosis, factor, cause):
    (check,) = check_figures(claim, src)
    assert check.verdict is Verdict.INCONSISTENT
    assert check.diagnosis == diagnosis
    assert check.factor == (Decimal(factor) if factor else None)
    if cause:
        assert check.cause == cause


def test_a_different_value_in_the_same_context_is_inconsistent_but_an_unrelated_one_is_not_found():
    (diff,) = check_figures(
        "Chinalco invested US$65 million in the Kingsmill treatment plant.",
        "Chinalco invested US$50 million in the Kingsmill treatment plant.",
    )
    assert (diff.verdict, diff.diagnosis) == (Verdict.INCONSISTENT, "different")
    (unrelated,) = check_figures(
        "The bank lent US$65 million.", "The line serves 2.5 million people and cost US$50 million."
    )
    assert unrelated.verdict is Verdict.NOT_FOUND


def test_a_one_digit_figure_needs_shared_context_before_it_is_accused():
    (alone,) = check_figures("The system has 5 MW.", "O sistema no telhado tem 5 kW.")
    assert alone.verdict is Verdict.NOT_FOUND
    (with_context,) = check_figures(
        "The rooftop system has a capacity of 5 MW.", "O sistema no telhado tem capacidade de 5 kW."
    )
    assert (with_context.verdict, with_context.diagnosis) == (Verdict.INCONSISTENT, "unit")


def test_rounding_and_qualifiers_are_tolerated():
    assert (
        check_figures("about 4.5 billion tonnes", "It covers 4,512,000,000 tonnes.")[0].verdict
        is Verdict.CONSISTENT
    )
    assert (
        check_figures("Nearly 200 projects run.", "There are 187 projects.")[0].verdict is Verdict.CONSISTENT
    )
    assert check_figures("at least 30 countries", "32 countries signed.")[0].verdict is Verdict.CONSISTENT
    assert check_figures("200 projects", "There are 187 projects.")[0].verdict is not Verdict.CONSISTENT


@pytest.mark.parametrize(
    ("claim", "src"),
    [
        ("Exports to China grew 13% in 2021.", "Exports to China grew 12% in 2021."),
        ("The wind farm has 45 turbines.", "The wind farm has 44 turbines."),
        ("The dam cost US$4.5 billion.", "The dam cost US$4.4 billion."),
    ],
)
def test_one_unit_of_the_last_written_digit_apart_is_not_the_same_figure(claim, src):
    # each admits half a unit either side: 12.5-13.5 and 11.5-12.5 only touch at 12.5
    assert [c.verdict for c in check_figures(claim, src)] != [Verdict.CONSISTENT]


def test_a_figure_rounded_half_up_still_agrees():
    assert check_figures("Exports grew 13%.", "Exports grew 12.5%.")[0].verdict is Verdict.CONSISTENT
    assert (
        check_figures("It cost US$4.5 billion.", "It cost US$4.45 billion.")[0].verdict is Verdict.CONSISTENT
    )


def test_years_dates_pages_notes_and_phones_present_in_both_texts_are_never_inconsistent():
    claim = "In 2018, on 3 March, the 2,000 MW plant opened (p. 14, note 3; tel. +54 11 4321 8765).[12]"
    src = "The 2,000 MW plant opened on 5 May 2019. Page 7. [3] Call +54 11 4777 1234."
    checks = check_figures(claim, src)
    assert [(c.claim_quantity.raw, c.verdict) for c in checks] == [("2,000 MW", Verdict.CONSISTENT)]


def test_a_claim_without_figures_gives_one_unverifiable_check_that_says_so():
    (check,) = check_figures(
        "The agreement was signed on 12 November 2018 in Shanghai.", "2018年11月12日签署。"
    )
    assert check.verdict is Verdict.UNVERIFIABLE
    assert check.claim_quantity is None
    assert check.explanation == "no figures in claim"


def test_without_source_text_every_figure_is_unverifiable_with_the_reason():
    claim = Claim("n1", "The plant has 90 MW and cost US$15.5 billion.")
    missing = compare_claim(claim, None)
    assert [c.verdict for c in missing] == [Verdict.UNVERIFIABLE] * 2
    assert "could not be fetched" in missing[0].explanation
    empty = compare_claim(claim, SourceText(url="http://127.0.0.1/x", text="  \n", origin="live"))
    assert {c.explanation for c in empty} == {"the source text is empty"}
    failed = compare_claim(
        claim, SourceText(url="http://127.0.0.1/x", text="", origin="live", error="timed out")
    )
    assert {c.explanation for c in failed} == {"the source could not be read (timed out)"}


def test_a_page_whose_own_title_starts_with_error_is_an_empty_page_not_a_failed_fetch():
    claim = Claim("n1", "The plant has 90 MW.")
    page = SourceText(url="http://127.0.0.1/x", text="", origin="live", title="error: 404 page not found")
    assert {c.explanation for c in compare_claim(claim, page)} == {"the source text is empty"}


def test_a_source_without_numbers_means_not_found_with_that_reason():
    (check,) = check_figures("The line cost US$2.1 billion.", "The line links the dam with the city.")
    assert check.verdict is Verdict.NOT_FOUND
    assert check.explanation == "the source contains no figures"


def test_numbers_in_scripts_are_not_read_but_numbers_in_tables_are():
    html = (
        b"<html><body><script>var capacity = 110; var price = 10.8;</script>"
        b"<table><tr><td>Panama</td><td>110 MW</td><td>US$108 million</td></tr></table></body></html>"
    )
    src = to_text(html, "text/html")
    checks = compare_claim(Claim("n", "The 110 MW plant cost US$10.8 million."), src)
    assert by_raw(checks, "110 MW").verdict is Verdict.CONSISTENT
    money = by_raw(checks, "US$10.8 million")
    assert (money.diagnosis, money.factor) == ("lost-decimal", Decimal("0.1"))


def test_a_50_mb_source_gets_a_verdict_that_says_only_its_start_was_read():
    filler = "Solar power keeps growing in the region. " * 1000
    body = (filler * 1300).encode()  # about 53 MB of plain text
    src = to_text(body, "text/plain")
    start = time.perf_counter()
    (check,) = compare_claim(Claim("n", "The park has 828 MW."), src)
    assert time.perf_counter() - start < 20
    assert check.verdict is Verdict.NOT_FOUND
    assert "only the first" in check.explanation


def test_several_claims_citing_one_source_read_it_once():
    src = SourceText(url=None, text="The park has 828 MW and 35 turbines.", origin="file")
    claims = [Claim("a", "The park has 828 MW."), Claim("b", "It has 35 turbines.")]
    checks = compare_claims(claims, src, reference_key="k")
    assert [(c.note_id, c.verdict) for c in checks] == [("a", Verdict.CONSISTENT), ("b", Verdict.CONSISTENT)]


def test_claim_quantities_given_by_the_caller_are_used():
    from citecheck.figures import extract_quantities

    text = "The contract value was US$10.8 billion."
    claim = Claim("n", text, quantities=tuple(extract_quantities(text)))
    (check,) = compare_claim(claim, SourceText(url=None, text="合同金额为1.08亿美元。", origin="file"))
    assert check.diagnosis == "scale"


def _pairs():
    for name in ("pairs.jsonl", "pairs_holdout.jsonl", "pairs_hard.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


@pytest.mark.parametrize("pair", list(_pairs()), ids=lambda p: p["id"])
def test_labelled_pair(pair):
    checks = check_figures(pair["claim"], pair["source"], note_id=pair["id"])
    for exp in pair["expected"]:
        got = by_raw(checks, exp["figure"])
        assert got.verdict.value == exp["verdict"], got.explanation
        if exp["verdict"] == "inconsistent":
            assert got.diagnosis == exp["diagnosis"]
            if exp.get("factor"):
                assert got.factor == Decimal(exp["factor"])
            if exp.get("cause"):
                assert got.cause == exp["cause"]
    labelled = {e["figure"] for e in pair["expected"]}
    for c in checks:
        if c.verdict is Verdict.INCONSISTENT:
            assert any(f in c.claim_quantity.raw for f in labelled), (
                f"unlabelled {c.claim_quantity.raw} accused"
            )


def test_the_labelled_pairs_are_many_varied_and_balanced():
    pairs = [p for p in _pairs()]
    langs = {p["lang"] for p in pairs}
    verdicts = [e["verdict"] for p in pairs for e in p["expected"]]
    assert len(pairs) >= 60 and langs == {"en", "zh", "es", "pt"}
    assert verdicts.count("inconsistent") >= 30 and verdicts.count("consistent") >= 30


_PIECES = st.sampled_from(
    ["US$", "10.8", " billion", "1.08", "亿美元", "5181 74", " MW", "兆瓦", "13", "%", "187", " projects", "个项目",
     "more than ", "约", "2021", "年", " on 16 July ", ". ", "。", "\n", "R$ 2,35", " bilhões", "mil millones", "ÿ "]
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.lists(_PIECES, max_size=60).map("".join))
def test_any_claim_against_any_source_gives_one_verdict_per_figure_without_raising(claim, src):
    checks = check_figures(claim, src)
    assert checks
    for c in checks:
        assert c.verdict in set(Verdict)
        if c.claim_quantity is not None:
            assert c.claim_sentence[c.claim_quantity.start : c.claim_quantity.end] == c.claim_quantity.raw
        if c.source_quantity is not None:
            assert c.source_sentence[c.source_quantity.start : c.source_quantity.end] == c.source_quantity.raw


# ---- copying slips: swapped and doubled digits ------------------------------------------------


def test_1500_homes_against_1050_homes_is_two_digits_swapped():
    (check,) = check_figures("The wind farm supplies 1,500 homes.", "The wind farm supplies 1,050 homes.")
    assert (check.verdict, check.diagnosis, check.cause) == (
        Verdict.INCONSISTENT,
        "transposed",
        "two digits swapped",
    )
    assert "two digits swapped" in check.explanation and check.source_quantity.raw == "1,050 homes"


def test_swapped_digits_are_found_across_languages_and_scale_words():
    (pt,) = check_figures(
        "It consumes 2.16 million tonnes of coal.", "Consome 2,61 milhões de toneladas de carvão."
    )
    (zh,) = check_figures("The company employs 2,350 people.", "该公司雇用员工2530人。")
    assert pt.diagnosis == zh.diagnosis == "transposed"


def test_a_digit_written_twice_is_a_doubled_digit_not_a_power_of_ten():
    (longer,) = check_figures("The line is 15,550 km long.", "The line is 1,550 km long.")
    (shorter,) = check_figures("The company has 135 employees.", "The company has 1,335 employees.")
    assert (longer.diagnosis, longer.cause) == ("doubled", "a digit written twice")
    assert (shorter.diagnosis, shorter.cause) == ("doubled", "a doubled digit written once")


def test_an_exact_power_of_ten_stays_a_scale_error_even_when_a_doubled_zero_would_explain_it():
    (check,) = check_figures("The farm supplies 15,500 homes.", "The farm supplies 1,550 homes.")
    assert (check.diagnosis, check.factor) == ("scale", Decimal(10))


def test_a_scale_word_translated_with_a_digit_dropped_is_a_scale_error_not_a_slip():
    (check,) = check_figures("Trade reached 31.6 billion dollars in 2020.", "2020年中拉贸易额为3166亿美元。")
    assert (check.diagnosis, check.factor) == ("scale", Decimal("0.1"))


def test_two_swapped_digits_of_a_figure_with_a_translated_scale_word_are_a_slip():
    # 36亿 is 3.6 billion: the digits were swapped while 亿 was translated
    (check,) = check_figures(
        "The total investment of the Chancay port is 6.3 billion US dollars.",
        "钱凯港由中远海运港口控股，一期工程总投资36亿美元，设计年吞吐能力100万标准箱。",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "transposed")


def test_two_swapped_digits_of_decimal_figures_are_a_slip():
    (check,) = check_figures(
        "Renewables supplied 6.8% of the country's electricity generation.",
        "可再生能源发电量占该国总发电量的8.6%。",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "transposed")


def test_a_digit_doubled_across_a_translated_scale_word_is_no_slip():
    # 3166亿 for 31.6 billion is a dropped digit read as a power of ten, never a doubled 6
    (check,) = check_figures("Trade reached 31.6 billion dollars in 2020.", "2020年中拉贸易额为3166亿美元。")
    assert check.diagnosis != "doubled"


def test_two_digit_figures_that_differ_by_a_swap_are_not_accused():
    (check,) = check_figures("Exports grew 31% in the year.", "Exports grew 13% over the year.")
    assert check.verdict is Verdict.NOT_FOUND


def test_a_source_figure_another_claim_figure_agrees_with_is_not_the_evidence_against_this_one():
    low, high = check_figures("Capacity grew from 245 to 300 MW.", "Capacity grew from 150 MW to 300 MW.")
    assert high.verdict is Verdict.CONSISTENT
    assert low.verdict is Verdict.INCONSISTENT and low.source_quantity.raw == "150 MW"


def test_round_figures_whose_two_leading_digits_are_swapped_are_a_difference_not_a_slip():
    # round figures differ like this by chance: the source's one length is another value
    (check,) = check_figures("The line is 2,100 km long.", "The line is 1,200 km long.")
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "different")


def test_a_figure_in_another_sentence_of_the_passage_anchors_a_slip_but_not_a_bare_difference():
    passage = "The Pecém plant has 720 MW. It consumes 2.16 million tonnes of fuel a year."
    (_, slip) = check_figures(
        passage, "A termelétrica do Pecém, com 720 MW, consome 2,61 milhões de toneladas."
    )
    assert slip.diagnosis == "transposed"
    (_, other) = check_figures(
        passage, "A termelétrica do Pecém, com 720 MW, consome 3,9 milhões de toneladas."
    )
    assert other.verdict is Verdict.NOT_FOUND


def test_a_sources_only_figure_of_a_physical_quantity_is_what_a_different_translated_claim_contradicts():
    # the page's one capacity in MW: the concepts both sentences share (capacity, solar) say it
    # is the quantity the paper misquotes, though the words are in two languages
    (check,) = check_figures(
        "The photovoltaic park has an installed capacity of 200 MW.",
        "O parque fotovoltaico terá capacidade instalada de 252 MW e 600 mil painéis.",
        lang="en",
        source_lang="pt",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "different")
    assert check.source_quantity.raw == "252 MW"


def test_a_sources_only_figure_far_from_the_claims_is_another_figure_not_a_mistaken_copy():
    claim = "The plant has a capacity of 300 MW."
    (near,) = check_figures(claim, "A usina tem capacidade instalada de 250 MW.", lang="en", source_lang="pt")
    (apart,) = check_figures(
        claim, "A usina tem capacidade instalada de 100 MW.", lang="en", source_lang="pt"
    )
    (far,) = check_figures(claim, "A usina tem capacidade instalada de 50 MW.", lang="en", source_lang="pt")
    assert (near.verdict, near.diagnosis) == (Verdict.INCONSISTENT, "different")
    assert (apart.verdict, apart.diagnosis) == (Verdict.INCONSISTENT, "different")
    assert far.verdict is Verdict.NOT_FOUND


def test_the_sources_one_count_of_a_thing_with_another_value_is_a_different_figure():
    (check,) = check_figures(
        "The wind farm will have 28 wind turbines.",
        "El parque eólico contará con 32 aerogeneradores de 4,5 MW cada uno.",
        lang="en",
        source_lang="es",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "different")
    assert check.source_quantity.raw == "32 aerogeneradores"


def test_two_digits_swapped_against_the_sources_one_count_are_a_slip_even_in_words():
    (check,) = check_figures(
        "The complex has 42 wind turbines.",
        "O complexo eólico conta com vinte e quatro aerogeradores.",
        lang="en",
        source_lang="pt",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "transposed")


def test_the_sources_one_length_contradicts_the_claims_though_a_voltage_has_its_number():
    (check,) = check_figures(
        "The transmission line will be 500 km long.",
        "La línea de transmisión de 500 kV recorrerá 1.200 km entre las dos provincias.",
        lang="en",
        source_lang="es",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "different")
    assert check.source_quantity.raw == "1.200 km"
    (none,) = check_figures(
        "The transmission line is 500 km long.",
        "La línea de transmisión de 500 kV conectará la central con la subestación Cobos.",
        lang="en",
        source_lang="es",
    )
    assert none.verdict is Verdict.NOT_FOUND


def test_the_sources_one_share_of_the_claims_whole_contradicts_it_and_another_countrys_does_not():
    (check,) = check_figures(
        "China accounts for 30% of Chile's exports.",
        "China representa el 39% de las exportaciones chilenas, seguida por Estados Unidos con un 16%.",
        lang="en",
        source_lang="es",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "different")
    assert check.source_quantity.raw == "39%"
    (other,) = check_figures(
        "China accounts for 32% of Chile's exports.",
        "En el Perú, China representa el 28% de las exportaciones.",
        lang="en",
        source_lang="es",
    )
    assert other.verdict is Verdict.NOT_FOUND


@pytest.mark.parametrize(
    "claim, src",
    [
        # another source of energy beside the figure
        (
            "The hydroelectric plant has a capacity of 400 MW.",
            "O complexo inclui uma usina solar de 350 MW, construída ao lado da hidrelétrica.",
        ),
        # the other direction of trade
        (
            "China accounts for 30% of Chile's exports.",
            "China representa el 26% de las importaciones chilenas.",
        ),
        # a change from the year before is not a share
        (
            "Solar accounts for 15% of Brazil's installed capacity.",
            "A capacidade solar instalada no Brasil cresceu 38% em 2023 em relação ao ano anterior.",
        ),
    ],
)
def test_a_figure_said_of_a_rival_thing_is_no_evidence_against_the_claim(claim, src):
    (check,) = check_figures(claim, src, lang="en")
    assert check.verdict is Verdict.NOT_FOUND


def test_a_measure_of_each_unit_is_no_evidence_against_the_wholes():
    claim = "The wind farm's capacity will be 12 MW."
    (whole,) = check_figures(
        claim, "El parque eólico tendrá una potencia de 4,5 MW.", lang="en", source_lang="es"
    )
    (each,) = check_figures(
        claim, "El parque eólico tendrá aerogeneradores de 4,5 MW cada uno.", lang="en", source_lang="es"
    )
    assert (whole.verdict, whole.diagnosis) == (Verdict.INCONSISTENT, "different")
    assert each.verdict is Verdict.NOT_FOUND


def test_a_span_of_time_is_no_count_of_things():
    (check,) = check_figures(
        "The plant will have 30 turbines.",
        "La central, con una vida útil de 30 años, tendrá 25 aerogeneradores.",
        lang="en",
        source_lang="es",
    )
    assert check.verdict is Verdict.INCONSISTENT and check.source_quantity.raw == "25 aerogeneradores"


def test_a_concept_word_longer_than_a_stem_is_found_by_its_stem():
    from citecheck.figures.compare import _tokens

    assert "@plant" in _tokens("La central tendrá 25 aerogeneradores.")
    assert "@hydro" in _tokens("The hydroelectric plant")


def test_a_source_figure_said_of_a_phase_or_an_addition_is_no_evidence_against_the_whole():
    (check,) = check_figures(
        "The project will install 120 MW of solar capacity.",
        "该项目一期将新增光伏装机容量100兆瓦。",
        lang="en",
        source_lang="zh",
    )
    assert check.verdict is Verdict.NOT_FOUND


def test_a_name_shared_with_and_without_its_accents_is_shared_context():
    # México in the Spanish source is the paper's Mexico: with 'capital' it makes three
    (check,) = check_figures(
        "In April 2022 Mexico nationalized its lithium, and the state company LitioMx was founded "
        "with an initial capital of 2 billion pesos.",
        "El organismo público descentralizado Litio para México contará con un capital inicial de 200 "
        "millones de pesos.",
        lang="en",
        source_lang="es",
    )
    assert (check.verdict, check.diagnosis, check.factor) == (Verdict.INCONSISTENT, "scale", Decimal(10))


def test_a_source_figure_said_of_another_named_thing_is_no_evidence_of_a_different_value():
    # names survive translation: the paper's Cauchari park is not the source's Ullum park
    claim = "The Cauchari solar park has a capacity of 300 MW."
    (other,) = check_figures(
        claim, "El parque solar de Ullum tiene una capacidad de 250 MW.", lang="en", source_lang="es"
    )
    (same,) = check_figures(
        claim, "El parque solar Cauchari tiene una capacidad de 250 MW.", lang="en", source_lang="es"
    )
    assert other.verdict is Verdict.NOT_FOUND
    assert (same.verdict, same.diagnosis) == (Verdict.INCONSISTENT, "different")


def test_an_awarded_power_is_compared_with_the_awarded_power_not_with_the_resolution_number():
    # energy/energía and tender/adjudicó are one concept each across the two languages
    (check,) = check_figures(
        "In the tender, the Energy Secretariat awarded 1,200 MW.",
        "Mediante la Resolución SE N° 1.200/2017, la Secretaría de Energía adjudicó 988 MW en 30 proyectos.",
        lang="en",
        source_lang="es",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "different")
    assert check.source_quantity.raw == "988 MW"


def test_a_weak_diagnosis_is_not_made_between_figures_of_different_years():
    # the same plant, another year: 950 workers in 2021 is no evidence against 1,200 in 2019
    other_year = check_figures(
        "The plant employed 1,200 workers in 2019.", "The plant employed 950 workers in 2021."
    )
    same_year = check_figures(
        "The plant employed 1,200 workers in 2021.", "The plant employed 950 workers in 2021."
    )
    assert [c.verdict for c in other_year] == [Verdict.NOT_FOUND]
    assert [(c.verdict, c.diagnosis) for c in same_year] == [(Verdict.INCONSISTENT, "different")]


_BANK_PAGE = (
    "Chinese banks lent US$1.2 billion to Ecuador for the Coca Codo Sinclair dam. "
    "Chinese banks financed 40% of the Belo Monte transmission line. "
    "Chinese banks provided about US$7 billion in green finance to the region. "
    "Chinese banks opened 12 branches in Brazil. "
    "Chinese banks hold bonds worth R$ 2 billion. "
    "Chinese banks signed 35 agreements with Argentine provinces."
)


def test_words_in_most_figure_sentences_of_a_long_source_are_no_context_for_a_difference():
    claim = "The San Gaban hydropower project is worth US$43.8 billion and is financed by Chinese banks."
    # "Chinese" and "banks" are in every sentence of the page: they tell none of its figures apart
    assert [c.verdict for c in check_figures(claim, _BANK_PAGE)] == [Verdict.NOT_FOUND]


def test_the_same_words_in_a_one_sentence_source_still_count_as_context():
    claim = "Chinese banks provided US$9 billion in green finance to the region."
    (check,) = check_figures(
        claim, "Chinese banks provided about US$7 billion in green finance to the region."
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "different")


@pytest.mark.parametrize(
    ("claim", "src", "diagnosis"),
    [
        # 较上年提高约3个百分点: "about 3 points" admits 2-4, but 4% is not the same number
        ("Renewables met 4% more of demand in 2021.", "2021年可再生能源发电较上年提高约3个百分点。", None),
        # a copy loses digits, never gains them: 3.125% is no copy of 3 points
        ("Prices rose 3.125% in 2021.", "Los precios subieron 3 puntos porcentuales en 2021.", None),
        (
            "Renewables' share rose by 3% in 2021.",
            "La participación creció 3 puntos porcentuales en 2021.",
            "percent-points",
        ),
    ],
)
def test_percent_for_percentage_points_is_the_same_number_as_written_in_the_other_unit(claim, src, diagnosis):
    (check,) = check_figures(claim, src)
    assert check.diagnosis == diagnosis


def test_a_price_is_compared_only_with_a_price_per_the_same_thing():
    # US$1.5 per watt is a price: no evidence about an investment of US$1.5 billion
    (amount,) = check_figures(
        "The Chinese company invested US$1.5 billion in the plant.",
        "Electricity from the plant costs US$1.5 per watt installed, analysts say.",
    )
    (price,) = check_figures(
        "The winning price averaged US$27.7 per MWh.", "El precio medio fue de US$ 27,7 por MWh."
    )
    (other_unit,) = check_figures("The price was US$0.05 per kWh.", "El precio fue de US$ 50 por MWh.")
    assert amount.verdict is Verdict.NOT_FOUND and price.verdict is Verdict.CONSISTENT
    assert other_unit.verdict is Verdict.NOT_FOUND


@pytest.mark.parametrize(
    "src",
    [
        "Tourism brought in US$15 million last year.",
        "The new hospital cost US$150 million, the ministry said.",
    ],
)
def test_figures_with_different_scale_words_of_one_language_are_not_accused_without_shared_context(src):
    # no misread word turns US$15 or 150 million into US$1.5 billion, and no decimal point was lost
    assert [c.verdict for c in check_figures("Chinese banks lent US$1.5 billion to Ecuador.", src)] == [
        Verdict.NOT_FOUND
    ]


def test_a_scale_word_misread_is_named_only_when_it_explains_the_factor():
    (copied,) = check_figures(
        "Chinese banks lent US$15 billion to Ecuador.", "Chinese banks lent US$15 million to Ecuador."
    )
    (shifted,) = check_figures(
        "Chinese banks lent US$1.5 billion to Ecuador in 2015.",
        "Chinese banks lent US$150 million to Ecuador in 2015.",
    )
    assert (copied.diagnosis, copied.cause) == ("scale", "million read as billion")
    # in one sentence about the same loan it is still a power-of-ten error, but no misread word
    assert (shifted.diagnosis, shifted.cause) == ("scale", "power-of-ten error")


_TOURISM_PAGE = (
    "Tourism brought in US$152 million last year. The port handled US$3 billion of cargo. "
    "Hotels invested US$40 million in new rooms."
)


def test_a_shared_currency_points_at_a_figure_only_when_it_is_the_sources_only_one_in_it():
    claim = "Chinese banks lent US$125 million to Ecuador."
    (alone,) = check_figures(claim, "Tourism brought in US$152 million last year.")
    (among_others,) = check_figures(claim, _TOURISM_PAGE)
    assert (alone.verdict, alone.diagnosis) == (Verdict.INCONSISTENT, "transposed")
    assert among_others.verdict is Verdict.NOT_FOUND  # one more US$ amount on a page of them


def test_a_moved_decimal_point_needs_context_where_a_lost_one_does_not():
    claim = "Chinese banks lent US$1.25 billion to Ecuador."
    (moved,) = check_figures(claim, _TOURISM_PAGE + " Exports reached US$12.5 billion.")
    (moved_in_context,) = check_figures(claim, "Chinese banks lent US$12.5 billion to Ecuador.")
    (lost,) = check_figures("Trade grew 411% in 2021.", _TOURISM_PAGE + " Trade grew 41.1% in 2021.")
    assert moved.verdict is Verdict.NOT_FOUND
    assert moved_in_context.diagnosis == "lost-decimal" and lost.diagnosis == "lost-decimal"


def test_the_sources_one_count_of_jobs_stated_before_its_number_contradicts_the_claims():
    (check,) = check_figures(
        "The project has created 5,000 local jobs.",
        "该项目已为当地创造就业岗位3500个。",
        lang="en",
        source_lang="zh",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "different")


def test_a_scale_word_misread_and_the_amount_renamed_with_a_larger_word_is_named():
    # 4500亿 read as 4500 billion, then written 4.5 trillion
    (check,) = check_figures(
        "China-Latin America trade reached 4.5 trillion US dollars in 2022.",
        "2022年中拉贸易额达4500亿美元，同比增长7.7%。",
        lang="en",
        source_lang="zh",
    )
    assert (check.diagnosis, check.factor, check.cause) == ("scale", Decimal(10), "亿 read as billion")
    (other,) = check_figures(
        "Trade reached 45 billion dollars.", "贸易额达4500亿美元。", lang="en", source_lang="zh"
    )
    assert other.cause == "power-of-ten error"  # no word the digits were copied with makes 45


def test_homes_are_households_or_dwellings_as_translations_have_them():
    (same,) = check_figures(
        "The park will supply 520,000 homes.",
        "El parque abastecerá a unas 520.000 viviendas.",
        lang="en",
        source_lang="es",
    )
    (other,) = check_figures(
        "The park will supply 250,000 homes.",
        "El parque abastecerá de energía a unas 520.000 viviendas de la región.",
        lang="en",
        source_lang="es",
    )
    assert same.verdict is Verdict.CONSISTENT
    assert (other.verdict, other.diagnosis) == (Verdict.INCONSISTENT, "different")


def test_the_sources_one_amount_of_the_claims_trade_contradicts_it_and_two_amounts_do_not():
    claim = "China-Latin America trade reached 450 billion US dollars in 2022."
    (one,) = check_figures(
        claim, "据中国海关统计，2022年中拉贸易额达4857亿美元，创历史新高。", lang="en", source_lang="zh"
    )
    (two,) = check_figures(
        claim, "2022年中拉贸易额达4857亿美元，中巴贸易额达1714亿美元。", lang="en", source_lang="zh"
    )
    assert (one.verdict, one.diagnosis) == (Verdict.INCONSISTENT, "different")
    assert two.verdict is Verdict.NOT_FOUND


def test_a_rate_of_change_is_not_the_sources_one_statement_of_a_quantity():
    # two-digit rates differ like this by chance, and a rate is said of a period
    (check,) = check_figures("Exports grew 31% in the year.", "Exports grew 13% over the year.")
    assert check.verdict is Verdict.NOT_FOUND


def test_the_sources_one_measure_contradicts_the_claim_only_when_its_own_clause_shares_a_word():
    # the one length on the page is the plant's distance from the coast, not the line's
    (check,) = check_figures(
        "The line will be 500 km long.",
        "La línea conectará la central, situada a 300 km de la costa.",
        lang="en",
        source_lang="es",
    )
    assert check.verdict is Verdict.NOT_FOUND
    (line,) = check_figures(
        "The line will be 500 km long.", "La línea recorrerá 300 km.", lang="en", source_lang="es"
    )
    assert (line.verdict, line.diagnosis) == (Verdict.INCONSISTENT, "different")


def test_a_measure_said_of_each_unit_leaves_the_whole_the_sources_one_statement_of_it():
    (count, total) = check_figures(
        "The park's 20 turbines give it a capacity of 56 MW.",
        "O parque tem 20 aerogeradores de 3,3 MW cada, com capacidade de 65 MW no total.",
        lang="en",
        source_lang="pt",
    )
    assert count.verdict is Verdict.CONSISTENT
    assert (total.verdict, total.diagnosis, total.source_quantity.raw) == (
        Verdict.INCONSISTENT,
        "transposed",
        "65 MW",
    )


def test_a_country_the_claim_names_is_looked_for_in_the_sources_script():
    claim = "China's investment in Peru reached 30 billion dollars."
    (region,) = check_figures(claim, "中国对拉美直接投资存量达1500亿美元。", lang="en", source_lang="zh")
    (country,) = check_figures(claim, "中国对秘鲁投资存量约为250亿美元。", lang="en", source_lang="zh")
    assert region.verdict is Verdict.NOT_FOUND  # Latin America's stock is not Peru's
    assert (country.verdict, country.diagnosis) == (Verdict.INCONSISTENT, "different")


def test_a_plants_distance_is_no_evidence_about_a_lines_length():
    (check,) = check_figures(
        "The transmission line will run 500 km to Buenos Aires.",
        "La central está a 300 km de Buenos Aires.",
        lang="en",
        source_lang="es",
    )
    assert check.verdict is Verdict.NOT_FOUND


# ---- a bare difference needs one story (compare._tells_another_story) -------------------------


def _verdicts(claim, src, source_lang):
    return [(c.verdict, c.diagnosis) for c in check_figures(claim, src, lang="en", source_lang=source_lang)]


_NOT_FOUND = (Verdict.NOT_FOUND, None)
_DIFFERENT = (Verdict.INCONSISTENT, "different")


def test_a_name_the_claim_gives_and_the_source_never_writes_leaves_a_bare_difference_unaccused():
    claim = "Argentina's RenovAr programme awarded 147 projects between 2016 and 2019."
    other = "Las empresas chinas han participado en 215 proyectos energéticos en la región."
    same = "El programa RenovAr adjudicó 215 proyectos entre 2016 y 2019."
    assert _verdicts(claim, other, "es") == [_NOT_FOUND]  # another programme's projects
    assert _verdicts(claim, same, "es") == [_DIFFERENT]


def test_a_diagnosable_error_is_accused_whatever_the_names():
    # two digits swapped say how one figure was copied from the other
    claim = "Argentina's RenovAr programme awarded 147 projects between 2016 and 2019."
    src = "Las empresas chinas han participado en 174 proyectos energéticos en la región."
    assert _verdicts(claim, src, "es") == [(Verdict.INCONSISTENT, "transposed")]


def test_a_name_the_sources_sentence_gives_and_the_claim_never_writes_leaves_a_bare_difference_unaccused():
    claim = "The project includes 36 wind turbines."
    named = "El parque eólico de YPF Luz en Chubut cuenta con 35 aerogeneradores y una potencia instalada de 125 MW."
    plain = "El proyecto incluye la instalación de 40 aerogeneradores de 3,6 MW, con una potencia total de 144 MW."
    assert _verdicts(claim, named, "es") == [_NOT_FOUND]
    assert _verdicts(claim, plain, "es") == [_DIFFERENT]


def test_a_name_both_give_makes_one_story_whatever_else_the_source_names():
    claim = "The Cauchari solar park employs 1,200 local workers."
    src = "El parque solar Cauchari emplea a 950 trabajadores locales de la provincia de Jujuy."
    assert _verdicts(claim, src, "es") == [_DIFFERENT]


def test_an_authority_and_its_act_are_no_names_of_the_thing_a_figure_is_said_of():
    claim = "The solar park will have a capacity of 600 MW."
    src = "Mediante la Resolución 600/2023, la Secretaría de Energía aprobó el parque solar de 450 MW."
    assert _verdicts(claim, src, "es") == [_DIFFERENT]


def test_a_source_sentence_naming_nothing_is_said_of_what_the_sentence_before_it_names():
    last = "The plant can assemble up to 1,000 buses a year and has 450 employees."
    page = "BYD opened its electric bus chassis factory in Campinas, São Paulo, in April 2015. " + last
    assert _verdicts("The plant employs 1,520 people.", page, "en") == [_NOT_FOUND]
    assert _verdicts("The plant employs 1,520 people.", last, "en") == [_DIFFERENT]


def test_a_place_the_sources_clause_names_and_the_claim_does_not_is_another_story():
    brazil = "据中国海关统计，2021年中巴双边贸易额达1641亿美元，同比增长21%。"
    region = "据中国海关统计，2022年中拉贸易额达4857亿美元，创历史新高。"
    assert _verdicts(
        "China-Latin America trade reached 451.591 billion U.S. dollars in 2021.", brazil, "zh"
    ) == [_NOT_FOUND]
    assert _verdicts("China-Latin America trade reached 450 billion US dollars in 2022.", region, "zh") == [
        _DIFFERENT
    ]
    # another clause's place is not the figure's
    chile = "China representa el 39% de las exportaciones chilenas, seguida por Estados Unidos con un 16%."
    assert _verdicts("China accounts for 30% of Chile's exports.", chile, "es") == [_DIFFERENT]


def test_a_place_the_sources_sentence_names_is_its_figures_when_the_clause_names_none():
    claim = "The photovoltaic plant has an installed capacity of 350 MW."
    assert _verdicts(claim, "巴拿马110兆瓦光伏项目总承包合同金额为1.08亿美元。", "zh") == [_NOT_FOUND]
    assert _verdicts(claim, "该光伏电站装机容量为300兆瓦，年发电量约6.3亿千瓦时。", "zh") == [_DIFFERENT]


def test_a_rival_thing_anywhere_in_the_claim_makes_the_sources_figure_another_things():
    claim = (
        "In 2019 the Chinese-built Cauchari solar park in Jujuy began commercial operation. "
        "Its 1.2 million panels give an installed capacity of 300 MW."
    )
    checks = compare_claim(
        Claim(note_id="1", text=claim),
        SourceText(url=None, text="该水电站装机容量为150万千瓦。", origin="file", language="zh"),
    )
    assert [(c.claim_quantity.raw, c.verdict) for c in checks][-1] == ("300 MW", Verdict.NOT_FOUND)


def test_a_part_the_claim_speaks_of_is_not_the_whole_the_source_states():
    claim = "The first stage of the solar plant has 174 MW."
    whole = "Mediante la Resolución 600/2023, la Secretaría de Energía aprobó el parque solar de 450 MW."
    assert _verdicts(claim, whole, "es") == [_NOT_FOUND]
    assert _verdicts(claim, "La primera etapa de la planta solar tiene 250 MW.", "es") == [_DIFFERENT]


def test_the_ends_of_a_change_are_contradicted_only_by_the_ends_of_a_change():
    claim = "The plant's output grew from 1.2 to 1.8 TWh."
    src = "电站建成后年均发电量约22亿千瓦时，每年可减少二氧化碳排放约180万吨。"
    assert _verdicts(claim, src, "zh") == [_NOT_FOUND, _NOT_FOUND]
    assert _verdicts(
        "Capacity grew from 245 to 300 MW.", "Capacity rose from 150 MW to 300 MW in two years.", "en"
    ) == [
        _DIFFERENT,
        (Verdict.CONSISTENT, None),
    ]


def test_an_interconnector_is_a_line_and_no_plant():
    claim = "The plant has a capacity of 1,320 MW."
    assert _verdicts(claim, "The interconnector has a rated capacity of 1,000 MW.", "en") == [_NOT_FOUND]
    assert _verdicts(claim, "The plant has a rated capacity of 1,000 MW.", "en") == [_DIFFERENT]


def _ends(claim: str, source: str, **langs) -> list[tuple[str, str, str | None]]:
    return [
        (c.claim_quantity.raw, c.verdict.value, c.diagnosis) for c in check_figures(claim, source, **langs)
    ]


def test_a_range_against_a_range_of_the_source_is_checked_end_by_end():
    assert _ends(
        "Construction will need between 800 and 1,200 workers.",
        "La obra empleará entre 800 y 1.500 trabajadores.",
        lang="en",
        source_lang="es",
    ) == [("800", "consistent", None), ("1,200 workers", "inconsistent", "different")]


def test_a_range_the_source_prints_as_two_figures_with_scale_words_agrees_end_by_end():
    assert _ends(
        "The plant will create between 4,000 and 6,000 jobs.",
        "A usina deve gerar entre 4 mil e 6 mil empregos diretos.",
        lang="en",
        source_lang="pt",
    ) == [("4,000", "consistent", None), ("6,000 jobs", "consistent", None)]


def test_a_range_that_holds_the_source_s_one_value_stays_one_figure():
    assert _ends(
        "Between 20 and 30 MW of floating solar will be installed.",
        "The utility will install 25 MW of floating solar on the reservoir.",
    ) == [("20 and 30 MW", "consistent", None)]


def test_a_wan_figure_written_out_with_one_zero_too_many_is_a_scale_error_not_a_lost_point():
    [check] = check_figures("The planted area reached 380,000 hectares.", "推广面积3.8万公顷。")
    assert (check.verdict.value, check.diagnosis, check.factor) == ("inconsistent", "scale", Decimal(10))
    assert "万 written out with one zero too many" in check.explanation
    [right] = check_figures("The planted area reached 38,000 hectares.", "推广面积3.8万公顷。")
    assert right.verdict.value == "consistent"


def test_digits_swapped_are_no_rounding_of_an_approximate_figure():
    # "about 2,430" admits 2,340 by its latitude, but rounding drops digits and never reorders them
    (check,) = check_figures(
        "The plant generates 2,340 GWh a year.",
        "The plant generates about 2,430 GWh of electricity annually.",
    )
    assert (check.verdict, check.diagnosis) == (Verdict.INCONSISTENT, "transposed")
    (rounder,) = check_figures(
        "The plant generates 2,400 GWh a year.",
        "The plant generates about 2,430 GWh of electricity annually.",
    )
    assert rounder.verdict is Verdict.CONSISTENT


def test_a_figure_rounded_from_another_countrys_share_is_no_agreement():
    # 38% would round 38,4%, but that is Brazil's share; the claim's Mexico has 33,2%
    source = "México recibe el 33,2% de la inversión, seguido de Brasil, con el 38,4%."
    (check,) = check_figures("Mexico receives 38% of the investment.", source)
    assert check.verdict is not Verdict.CONSISTENT
    (own,) = check_figures("Mexico receives 33% of the investment.", source)
    assert own.verdict is Verdict.CONSISTENT and own.source_quantity.raw == "33,2%"


def test_a_growth_rate_rounded_from_a_share_is_no_agreement():
    source = "As exportações de soja para a China aumentaram 24% em 2020 e já representam 42,1% do total."
    (growth,) = check_figures("Soybean exports to China rose 42% in 2020.", source)
    assert growth.verdict is Verdict.INCONSISTENT and growth.source_quantity.raw == "24%"
    (share,) = check_figures("Soybean exports to China account for 42% of the total.", source)
    assert share.verdict is Verdict.CONSISTENT and share.source_quantity.raw == "42,1%"


def test_the_same_value_said_of_another_year_is_no_agreement_where_the_source_gives_the_claims_year():
    source = "Copper exports to China were worth US$21 billion in 2021, against US$14 billion in 2019."
    (check,) = check_figures("In 2019, copper exports to China were worth US$21 billion.", source)
    assert check.verdict is Verdict.INCONSISTENT and check.source_quantity.raw == "US$14 billion"
    (same_year,) = check_figures("Copper exports to China were worth US$21 billion in 2021.", source)
    assert same_year.verdict is Verdict.CONSISTENT


def test_a_year_alone_does_not_take_a_figure_away_from_the_claim():
    # the source names no other capacity: its one 2,000 MW is the claim's, whatever the year
    (check,) = check_figures(
        "The 2,000 MW plant began operating in 2018.",
        "The 2,000 MW plant started commercial operation in 2019.",
    )
    assert check.verdict is Verdict.CONSISTENT


def test_the_same_share_said_of_another_country_is_no_agreement_where_the_source_gives_the_claims():
    source = "China compra el 27% de las exportaciones chilenas de vino, seguida de Japón con el 12%."
    (check,) = check_figures("China buys 12% of Chile's wine exports.", source)
    assert check.verdict is Verdict.INCONSISTENT and check.source_quantity.raw == "27%"


def test_the_same_value_as_a_growth_rate_is_no_agreement_with_a_share():
    source = "As vendas de carne do Uruguai para a China cresceram 20% em 2022 e representaram 58% do total exportado."
    (share,) = check_figures("China accounts for 20% of Uruguay's beef exports.", source)
    assert share.verdict is Verdict.INCONSISTENT and share.source_quantity.raw == "58%"
    (growth,) = check_figures("Beef sales to China grew 20% in 2022.", source)
    assert growth.verdict is Verdict.CONSISTENT


def test_two_upper_bounds_are_compared_as_written():
    # "up to" admits lower figures against an exact one, not another bound: 24,000 is no 18.000
    source = "El puerto podrá recibir buques de hasta 18.000 TEU."
    (check,) = check_figures("Chancay will be able to receive vessels of up to 24,000 TEU.", source)
    assert check.verdict is Verdict.INCONSISTENT and check.source_quantity.raw == "18.000 TEU"
    (same,) = check_figures("Chancay will be able to receive vessels of up to 18,000 TEU.", source)
    assert same.verdict is Verdict.CONSISTENT


def test_counts_of_things_no_translation_confuses_never_agree():
    source = "The port will handle up to 1 million TEU a year."
    (check,) = check_figures("The port is expected to create 8,000 jobs.", source)
    assert check.verdict is Verdict.NOT_FOUND


def test_barrels_and_teu_are_counted_in_four_languages():
    (oil,) = check_figures(
        "Venezuela exports about 400,000 barrels of oil per day to China.",
        "Venezuela exporta a China alrededor de 400.000 barriles diarios de petróleo.",
    )
    assert (oil.claim_quantity.unit, oil.source_quantity.unit, oil.verdict) == (
        "barrel",
        "barrel",
        Verdict.CONSISTENT,
    )
    (port,) = check_figures("The terminal handled 1.5 million TEU.", "该码头集装箱吞吐量达150万标箱。")
    assert port.verdict is Verdict.CONSISTENT and port.source_quantity.unit == "TEU"
