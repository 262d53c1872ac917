"""Reading numerals: grouping and decimal conventions, Chinese numerals, full-width digits."""

from decimal import Decimal

import pytest

from citecheck.figures.numerals import normalise_digits, parse_arabic, parse_chinese, parse_chinese_fraction


@pytest.mark.parametrize(
    ("raw", "lang", "value", "precision"),
    [
        ("1,234.5", "en", "1234.5", "0.1"),
        ("1.234,5", "es", "1234.5", "0.1"),
        ("1 234,5", "pt", "1234.5", "0.1"),
        ("1\u00a0234,5", None, "1234.5", "0.1"),
        ("451591", "en", "451591", "1"),
        ("451.591", "en", "451.591", "0.001"),  # English: one dot then three digits is a decimal
        ("451.591", "es", "451591", "1"),  # Spanish: the same dot groups thousands
        ("2,162", "en", "2162", "1"),
        ("2,162", "pt", "2.162", "0.001"),
        ("2.162.000", "es", "2162000", "1"),
        ("1,234,567.89", "en", "1234567.89", "0.01"),
        ("0,125", "en", "0.125", "0.001"),  # a leading zero can only be a decimal
        ("5181.74", None, "5181.74", "0.01"),
        ("12,5", "es", "12.5", "0.1"),
    ],
)
def test_arabic_numerals_follow_the_grouping_convention_of_the_language(raw, lang, value, precision):
    number = parse_arabic(raw, lang)
    assert number.value == Decimal(value)
    assert number.precision == Decimal(precision)


def test_significant_digits_ignore_separators_and_trailing_zeros():
    assert parse_arabic("41.1").digits == "411"
    assert parse_arabic("4,500", "en").digits == "45"


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("一千五百", 1500, 100),
        ("一千五", 1500, 100),
        ("一千零五", 1005, 1),
        ("十三", 13, 1),
        ("两", 2, 1),
        ("二十万", 200000, 100000),
        ("四十五亿", 4500000000, 100000000),
        ("一亿五千万", 150000000, 10000000),
        ("三万亿", 3000000000000, 10**12),
        ("二〇二一", 2021, 1),
        ("壹佰贰拾", 120, 10),
        ("萬", 10000, 10000),
    ],
)
def test_chinese_numerals_read_with_their_precision(text, value, precision):
    assert parse_chinese(text) == (Decimal(value), Decimal(precision))


def test_chinese_decimal_after_dian():
    assert parse_chinese("三点五") == (Decimal("3.5"), Decimal("0.1"))


def test_not_a_chinese_numeral_returns_none():
    assert parse_chinese("项目") is None
    assert parse_chinese("") is None


def test_chinese_fractions_become_percentages():
    assert parse_chinese_fraction("百分之十三") == Decimal(13)
    assert parse_chinese_fraction("三分之一").quantize(Decimal("0.01")) == Decimal("33.33")
    assert parse_chinese_fraction("零分之一") is None


def test_full_width_digits_map_to_ascii_without_moving_offsets():
    text = "增长４１．１％"
    assert normalise_digits(text) == "增长41.1%"
    assert len(normalise_digits(text)) == len(text)
