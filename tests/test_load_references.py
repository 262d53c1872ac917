"""load_references: a paper or an existing bibliography, straight from disk."""

import pytest

from citecheck.errors import InputError
from citecheck.references.load import load_references


def test_the_seed_paper_gives_its_46_keyed_references(seed_path):
    refs = load_references(seed_path)
    assert len(refs) == 46 and all(r.key for r in refs)
    assert len({r.key for r in refs}) == 46


def test_an_existing_bib_file_keeps_its_entries_and_keys(tmp_path):
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@online{customs2022,\n  title = {Trade with Latin America},\n"
        "  url = {http://www.customs.gov.cn/customs/302249/zfxxxgk?a=1&b=2},\n  urldate = {2022-04-11}\n}\n",
        encoding="utf-8",
    )
    (ref,) = load_references(bib)
    assert ref.key == "customs2022" and ref.url.repaired.endswith("?a=1&b=2")


def test_a_paper_without_footnotes_is_one_clear_input_error(tmp_path):
    paper = tmp_path / "plain.txt"
    paper.write_text("A paragraph of prose with no notes at all.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no footnotes or references found"):
        load_references(paper)
