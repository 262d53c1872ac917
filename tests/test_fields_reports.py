"""Reports of agencies, banks, think tanks and ministries: a body (or its acronym) as author, a
short title that may end in a year, then "Place: Publisher, year". Lines written for this test
in the shapes such papers cite (none copied from a labelled set)."""

import pytest

from citecheck.references.fields import parse_reference

CASES = [
    (
        "a body's name, a title ending in its edition year, place and publisher",
        "Nordic Grid Agency. Storage Outlook 2023. Oslo: NGA, 2023. https://www.nga.example/outlook-2023",
        dict(authors=("Nordic Grid Agency",), title="Storage Outlook 2023", location="Oslo", publisher="NGA"),
    ),
    (
        "an acronym as author, a title ending in a year, then only the place",
        "NGA. Storage Outlook 2023. Oslo, 2023.",
        dict(authors=("NGA",), title="Storage Outlook 2023", container=None, year=2023),
    ),
    (
        "an acronym and an author-date year, the title's year kept before place: publisher",
        "NGA (2023). Storage Outlook 2023. Oslo: NGA.",
        dict(authors=("NGA",), title="Storage Outlook 2023", container=None, publisher="NGA", year=2023),
    ),
    (
        "an acronym, a year sentence, then a title ending in the year",
        "ALADE. 2022. Energy Balance of the Andes 2022. Quito: ALADE.",
        dict(authors=("ALADE",), title="Energy Balance of the Andes 2022", container=None, year=2022),
    ),
    (
        "a ministry in Spanish, a title with a year and a subtitle",
        "Ministerio de Minería. Litio 2030: Hoja de Ruta Nacional. Lima: Ministerio de Minería, 2019.",
        dict(
            authors=("Ministerio de Minería",),
            title="Litio 2030: Hoja de Ruta Nacional",
            container=None,
            location="Lima",
        ),
    ),
    (
        "a bank's report with the year inside the title before a colon",
        "Caribbean Development Bank. Economic Review 2018: Resilience after the Storms. Bridgetown, "
        "Barbados: Caribbean Development Bank, 2019.",
        dict(
            authors=("Caribbean Development Bank",),
            title="Economic Review 2018: Resilience after the Storms",
            container=None,
            year=2019,
        ),
    ),
    (
        "Chicago note: a body, a comma, the title, then place and publisher",
        "Nordic Grid Agency, Storage Outlook 2023, Oslo: NGA, 2023.",
        dict(authors=("Nordic Grid Agency",), title="Storage Outlook 2023", container=None, location="Oslo"),
    ),
]


@pytest.mark.parametrize("shape,text,expected", CASES, ids=[c[0] for c in CASES])
def test_a_body_as_author_then_a_title_that_may_end_in_a_year(shape, text, expected):
    ref = parse_reference(text)
    assert {k: getattr(ref, k) for k in expected} == expected, ref.provenance


def test_place_and_publisher_after_a_body_and_its_title_are_never_the_title():
    ref = parse_reference("Nordic Grid Agency. Storage Outlook 2023. Oslo: NGA, 2023.")
    assert "Oslo" not in (ref.title or "") and "NGA" not in (ref.title or "")
    assert ref.authors == ("Nordic Grid Agency",)


def test_a_person_whose_name_ends_at_a_full_stop_is_still_read_with_an_author_year():
    # the body rule must not take a person's surname for an organisation
    ref = parse_reference("Lind, Petra. 2011. Harbour Towns of the North. Oslo: Norli.")
    assert ref.authors == ("Lind, Petra",) and ref.title == "Harbour Towns of the North"


def test_a_bare_year_at_the_end_of_a_title_is_still_the_date_when_nothing_follows():
    ref = parse_reference("Lind, P. Harbour Towns of the North 2011.")
    assert ref.title == "Harbour Towns of the North" and ref.year == 2011
