"""Fuzzing the readers, segmentation and claims with the seed's character mix and random text."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.document import read_document
from citecheck.references.claims import extract_claims
from citecheck.references.segment import segment_document

SEED_CHARS = "ÿŷŸV§«»“”\"'*:：,.;()[]{}\\$-–/ \n\n\f\r\t\x00\ufeff①②③¹²³^拉丁美洲研究超星海湖浴 IssuePagehtmlwwwgovcn0123456789"
FORMATS = ("auto", "text", "markdown", "latex", "lines")

pieces = st.sampled_from(
    [
        "ÿ ",
        "\n\nÿ «",
        "»",
        ", Xinhua News Agency, June 8, 2019",
        " [2022 - 02 - 20]",
        "http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 2021 shtml",
        "\n\n超丁美洲研究 Issue 4, 2022\n\n",
        "Wu Zhicheng, Li Jiaxuan: ",
        "\\footnote{",
        "}",
        "[^1]",
        "\n[^1]: ",
        "$[\\]ddot{y}$ ",
        "\\(\\tilde{y}\\)",
        ". ",
    ]
)
texts = st.one_of(
    st.text(alphabet=SEED_CHARS, max_size=400),
    st.lists(st.one_of(pieces, st.text(alphabet=SEED_CHARS, max_size=20)), max_size=40).map("".join),
    st.text(max_size=200),
)


def _run(text: str, fmt: str) -> None:
    doc = read_document(text, format=fmt)
    segments = segment_document(doc)
    claims = extract_claims(doc)
    for seg in segments:
        assert 0 <= seg.span.start <= seg.span.end <= len(doc.text)
        assert 1 <= seg.span.start_line <= seg.span.end_line
    for claim in claims:
        assert 0 <= claim.span.start <= claim.span.end <= len(doc.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(FORMATS))
def test_no_exception_escapes_on_any_text(text, fmt):
    _run(text, fmt)


def test_100_kb_of_seed_like_text_parses_well_under_a_second(seed_text):
    text = (seed_text * 2)[:100_000]
    t0 = time.perf_counter()
    _run(text, "text")
    # a guard against super-linear work (about 0.1 s on a quiet core), not a speed target: the
    # benchmarks measure speed; a loaded CI machine must not fail it
    assert time.perf_counter() - t0 < 2.0


def test_pathological_inputs_stay_fast():
    cases = [
        ("ÿ " + "«" * 200_000, "text"),
        ("ÿ Wu Zhicheng, Li Jiaxuan: " + "A b, " * 100_000, "text"),
        ("ÿ " + "x" * 1_000_000, "text"),  # a 1 MB footnote
        ("[^1]: " + "[" * 100_000, "markdown"),
        ("\\footnote{" * 50_000, "latex"),
        ("\x00" * 100_000 + "ÿ «A», Xinhua, 2019", "text"),
        ("\r\n\r" * 50_000, "auto"),
    ]
    for text, fmt in cases:
        t0 = time.perf_counter()
        _run(text, fmt)
        # a guard against super-linear work (each well under 0.3 s on a quiet core), not speed
        assert time.perf_counter() - t0 < 3.0, (text[:30], fmt)
