"""Rules of the Western layouts added for AnyStyle-like reference lists, each pinned by a line
written for this test in the style that needs it (none is copied from a labelled set)."""

import pytest

from citecheck.references.fields import parse_reference

CASES = [
    # ------------------------------------------------------------------ authors
    (
        "year-sentence",
        "———. 1911. Notes on a Coastal Survey. Boston: Ginn.",
        dict(authors=(), title="Notes on a Coastal Survey", year=1911),
    ),
    (
        "authors:sentence",
        "Marsh, Evelyn R. Harbour Towns and Their Trade. London: Methuen, 1931.",
        dict(authors=("Marsh, Evelyn R.",), title="Harbour Towns and Their Trade"),
    ),
    (
        "authors:sentence",
        "Marsh, Evelyn R., and Paul Hale. Harbour Towns. London: Methuen, 1931.",
        dict(authors=("Marsh, Evelyn R.", "Paul Hale"), title="Harbour Towns"),
    ),
    (
        "authors:corporate",
        "U.S. Bureau of Mines. Mineral resources of the western states, 1954.",
        dict(authors=("U.S. Bureau of Mines",), title="Mineral resources of the western states", year=1954),
    ),
]


@pytest.mark.parametrize("rule,text,expected", CASES, ids=[f"{c[0]}:{c[1][:24]}" for c in CASES])
def test_each_western_rule_reads_the_line_that_needs_it(rule, text, expected):
    ref = parse_reference(text)
    assert {k: getattr(ref, k) for k in expected} == expected
    assert rule in ref.provenance, ref.provenance
