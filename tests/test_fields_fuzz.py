"""Fuzzing parse_reference and repair_url: never an exception, never a pathological run time."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.references.fields import parse_reference
from citecheck.references.urls import find_url, repair_url

# characters the seed and ordinary references are made of, garbles included
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.;:/-_()[]«»\"'“”‘’*&%#$@{}\\")
    + [
        "ÿ",
        "ŷ",
        "Ÿ",
        "ö",
        "…",
        "–",
        "—",
        "亿",
        "《",
        "》",
        "，",
        "。",
        "http://",
        "www",
        " html",
        " / ",
        "Issue ",
        "Page ",
    ]
)
TEXT = st.lists(ALPHABET, max_size=120).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_parse_reference_never_raises_and_keeps_the_raw_text(text):
    ref = parse_reference(text)
    assert ref.raw == text
    assert isinstance(ref.warnings, tuple)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_repair_url_never_raises_and_never_calls_a_damaged_url_complete(text):
    url = repair_url(text)
    if url.complete:
        assert url.repaired and "…" not in url.repaired and "ÿ" not in url.repaired
    else:
        assert len(url.fragments) >= 3
    loc = find_url(text)
    if loc is not None:
        assert 0 <= loc[0] <= loc[1] <= len(text)


def test_a_one_megabyte_reference_parses_well_under_a_second():
    big = ("ÿ Wu Zhicheng: «Title», published in «Journal», Issue 3, 2021, http:// a b / c ÿÿ " * 13000)[
        :1_000_000
    ]
    t0 = time.perf_counter()
    ref = parse_reference(big)
    assert time.perf_counter() - t0 < 1.0
    assert ref.raw == big
    assert any("only the first" in w for w in ref.warnings)


def test_a_one_megabyte_url_text_repairs_well_under_a_second():
    big = "http://" + "a b / " * 170000
    t0 = time.perf_counter()
    repair_url(big)
    find_url(big)
    assert time.perf_counter() - t0 < 1.0
