"""Where the authors end and where the title and the container end: rules of the second round,
each pinned by a line written for this test in the style that needs it (none copied from a
labelled set)."""

import pytest

from citecheck.references.fields import parse_reference

CASES = [
    # ------------------------------------------------------------------ text made regular
    (
        "marker",
        "• Lind, Petra, Anna Berg, Jon Dahl. Harbour Towns of the North. In Proceedings of the Coastal "
        "History Conference, 12. Bergen, 2014.",
        dict(authors=("Lind, Petra", "Anna Berg", "Jon Dahl"), title="Harbour Towns of the North"),
    ),
    (
        "comma-space",
        "Lind, P. A., Berg, A. , Dahl, J., Tidal mixing in shallow bays, Coastal Research, 31, 211-229, 2016.",
        dict(authors=("Lind, P. A.", "Berg, A.", "Dahl, J."), title="Tidal mixing in shallow bays"),
    ),
    (
        "authors:sentence",
        "Lind, Petra (Petra Lindqvist). Harbour Towns of the North. Oslo: Norli, 2001.",
        dict(authors=("Lind, Petra (Petra Lindqvist)",), title="Harbour Towns of the North"),
    ),
    (
        "authors:sentence",
        "Berg, Anna (Nan). Harbour Towns of the North. Oslo: Norli, 2001.",
        dict(authors=("Berg, Anna (Nan)",), title="Harbour Towns of the North"),
    ),
    (
        "authors:comma-list",
        "Lind, P., Berg, A., and Dahl, J., Harbour Towns: A Northern Chronicle, Lecture Notes in History, "
        "Vol. 12, Norli, Oslo (1999).",
        dict(authors=("Lind, P.", "Berg, A.", "Dahl, J."), title="Harbour Towns: A Northern Chronicle"),
    ),
    (
        "authors:comma-list",
        "Lind, Petra, Harbour Towns: A Northern Chronicle (Norli, 1999).",
        dict(authors=("Lind, Petra",), title="Harbour Towns: A Northern Chronicle"),
    ),
    (
        "authors:colon",
        "P Lind, A Berg and J Dahl: Tidal mixing in shallow bays. Coast Res 31, 211-229 (2016)",
        dict(authors=("P Lind", "A Berg", "J Dahl"), title="Tidal mixing in shallow bays"),
    ),
    # ------------------------------------------------------------------ title
    (
        "title:sentence",
        "Lind, Petra. Harbour Towns. A Northern Chronicle. Translated by Anna Berg. Oslo: Norli, 2001.",
        dict(title="Harbour Towns. A Northern Chronicle", container=None, publisher="Norli"),
    ),
    (
        "title:sentence",
        "Lind, Petra. Harbour Towns. A Northern Chronicle. 2nd ed. Oslo: Norli, 2001.",
        dict(title="Harbour Towns. A Northern Chronicle", container=None),
    ),
    # ------------------------------------------------------------------ container
    (
        "container:book-imprint",
        "Berg, A. (2001). Tidal mixing in shallow bays: a field guide. Coastal Trust of Norway, Bergen.",
        dict(container=None, publisher="Coastal Trust of Norway", location="Bergen"),
    ),
    (
        "container:book-imprint",
        'Lind, P., "Harbour Towns of the North", Norli Forlag, Oslo, 1999.',
        dict(title="Harbour Towns of the North", container=None, publisher="Norli Forlag", location="Oslo"),
    ),
    (
        "container:short-publisher",
        "[8] Petra Lind. Tidal Mixing in Shallow Bays. Norli-Heinemann, 2nd edition, 2011.",
        dict(container=None, publisher="Norli-Heinemann", year=2011),
    ),
    # ------------------------------------------------------------------ authors
    (
        "title:quoted",
        "LIND (P.), BERG (A.-M.), « Les ports du Nord », Revue maritime 41, 1999, p. 12-30.",
        dict(authors=("LIND (P.)", "BERG (A.-M.)"), title="Les ports du Nord", container="Revue maritime"),
    ),
    (
        "authors:author-year",
        "LIND (P.), BERG (A.M.) 2004, Tidal mixing in shallow bays. Coastal Research 31(2): 211-229.",
        dict(authors=("LIND (P.)", "BERG (A.M.)"), title="Tidal mixing in shallow bays", year=2004),
    ),
    (
        "authors:sentence",
        "A. Berg, J. Dahl, M. Santos da Silva, P. Lind. Tidal mixing in shallow bays. Coastal Research.",
        dict(
            authors=("A. Berg", "J. Dahl", "M. Santos da Silva", "P. Lind"),
            title="Tidal mixing in shallow bays",
            container="Coastal Research",
        ),
    ),
    (
        "authors:comma-list",
        "Lind, Petra and Berg, Anna, Tidal mixing in shallow bays, in J. Dahl (ed.), Coastal Processes, "
        "Academic Press, London, 2001, 11-29.",
        dict(authors=("Lind, Petra", "Berg, Anna"), title="Tidal mixing in shallow bays"),
    ),
]


@pytest.mark.parametrize("rule,text,expected", CASES, ids=[f"{c[0]}:{c[1][:24]}" for c in CASES])
def test_each_boundary_rule_reads_the_line_that_needs_it(rule, text, expected):
    ref = parse_reference(text)
    assert {k: getattr(ref, k) for k in expected} == expected, ref.provenance
    assert rule in ref.provenance, ref.provenance


def test_a_journal_name_before_a_place_stays_the_container():
    ref = parse_reference(
        "Lind, P. (2016). Tidal mixing in shallow bays. Coastal Research Quarterly, Bergen."
    )
    assert ref.container is not None and ref.container.startswith("Coastal Research Quarterly")


def test_czech_and_slovak_a_kol_closes_an_author_list_as_et_al():
    ref = parse_reference(
        "LIND, Petra a kol. 2007. Přístavní města severu. 2. vyd. Praha: Academia, 2007. 634 s."
    )
    assert (ref.authors, ref.et_al, ref.title) == (("LIND, Petra",), True, "Přístavní města severu")
