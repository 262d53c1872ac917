"""End to end on a fourth paper in the seed's style (``tests/data/paper4``), written before anyone
tuned the pipeline on it: China-Latin America agricultural trade, fifteen notes.

It stands in for the hidden papers "of exactly the seed's kind": a machine translation from
Chinese extracted from a PDF, garbled footnote markers (``ÿ``, once ``ŷ``), a running header that
changes from page to page (Chinese and English journal name, ``2023年第6期`` / ``No. 6`` /
``Issue 6, 2023`` / ``(6)``, page numbers before or after, set off by dots, dashes or nothing, one
garbled name), URLs that lost their dots and gained spaces in shapes none of the other papers has
(``org.br`` with ``/ ?a=b&c=d``, a four-label ``edu.cn`` host after ``http: //``, ``com.ar`` with a
percent-escape, ``com.uy``, ``gob.ec`` with an upper-case ``.pdf`` name, a URL wrapped over a page
break with the running header between its halves, ``cl`` with numbered slugs and ``.htm``, a note
with two URLs, ``gob.mx`` with a port and a three-parameter query, a hyphenated host split by
spaces, ``gov.co`` with characters lost inside a slug, ``pr.gov.br``), and notes in mixed styles:
translated «» notes, two Chinese originals with 《》, 载, 第…页 and 访问日期, a Spanish note with a
Spanish date, a Chicago-style note ending ``Accessed April 2, 2023.``.

Every test compares with the gold (``gold.json``, ``figures_gold.json``). What citecheck does not
reach yet is listed in ``KNOWN_MISSES`` with what it gives instead and why; a listed miss that
changes (fixed, or worse) fails its test, so the list is always the true state.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from citecheck.config import VerifyOptions
from citecheck.document import load_document
from citecheck.pipeline import verify_with_references
from citecheck.references.extract import extract_references
from citecheck.sources.checker import check_references
from citecheck.sources.fetcher import Fetcher
from paper4_world import FIGURES, HOSTS, NEIGHBOUR, NOTES, PAPER, archived_pages, install_origin_pages
from seed_world import SeedRouter
from servers.pywb_archive import local_fetch_config

GOLD_BY_LINE = {n["line"]: n for n in NOTES}
HEADER_WORDS = ("World Agriculture", "WORLD AGRICULTURE", "世界农", "2023年第6期")

#: What citecheck does not reach yet: key -> (what it gives instead, why). Keys: ("lines",),
#: ("headers",) (lines of references that hold the running header), ("fields", note),
#: ("url", note), ("check", note), ("cli-extra",) (captures the check command reports beyond the
#: gold's), ("figure", note, raw), ("extra", note) (figures of a note's scope the gold lacks).
KNOWN_MISSES: dict[tuple, tuple[object, str]] = {}


def _expected(key: tuple, gold: object) -> object:
    return KNOWN_MISSES[key][0] if key in KNOWN_MISSES else gold


@pytest.fixture(scope="module")
def references():
    return extract_references(load_document(PAPER))


def _reference_of(references, note):
    return next((r for r in references if r.span.start_line == note["line"]), None)


def test_the_fourth_paper_has_fifteen_references_and_no_running_header_among_them(references):
    got = sorted(r.span.start_line for r in references)
    assert got == _expected(("lines",), sorted(GOLD_BY_LINE))
    headers = []
    for ref in references:
        text = " ".join(filter(None, (ref.title, ref.container, ref.publisher, ref.url and ref.url.repaired)))
        if any(word in text for word in HEADER_WORDS):
            headers.append(ref.span.start_line)
    assert headers == _expected(("headers",), [])


@pytest.mark.parametrize("note", NOTES, ids=[f"note{n['id']}" for n in NOTES])
def test_each_reference_reads_its_fields_url_and_access_date(references, note):
    ref = _reference_of(references, note)
    assert ref is not None and ref.url is not None
    fields = (ref.title, ref.container, ref.date, ref.access_date)
    gold = (note["title"], note["container"], note["date"], note["access_date"])
    assert fields == _expected(("fields", note["id"]), gold)
    url = (ref.url.complete, ref.url.repaired if ref.url.complete else None)
    gold_url = (note["url_complete"], note["url"] if note["url_complete"] else None)
    assert url == _expected(("url", note["id"]), gold_url)


def _found(references, checks):
    by_key = {c.reference_key: c for c in checks}
    found = {}
    for note in NOTES:
        ref = _reference_of(references, note)
        check = by_key.get(ref.key) if ref else None
        snapshot = check.snapshot if check else None
        found[note["id"]] = (snapshot.timestamp if snapshot else None, check.url if check else None)
    return found


def _gold_checks():
    return {n["id"]: _expected(("check", n["id"]), (n["snapshot"], n["url"])) for n in NOTES}


@pytest.mark.pywb
def test_check_finds_every_source_at_the_capture_nearest_before_its_access_date(
    references, origin_server, pywb_archive_factory
):
    archive = pywb_archive_factory(archived_pages(), collection="paper4")
    install_origin_pages(origin_server)
    with Fetcher(local_fetch_config()) as fetcher:
        router = SeedRouter(fetcher, origin_server.port, hosts=HOSTS)
        checks = check_references(
            references, fetcher=router, archives=[archive.base], cdx=[archive.cdx], workers=4
        )
    found = _found(references, checks)
    assert found == _gold_checks()
    assert NEIGHBOUR not in {url for _, url in found.values()}


@pytest.mark.pywb
def test_the_check_command_reports_every_source_at_the_capture_nearest_its_access_date(
    pywb_archive_factory, tmp_path
):
    """``citecheck check PAPER`` as a user runs it (archive only: the cited hosts are not local)."""
    archive = pywb_archive_factory(archived_pages(), collection="paper4cli")
    out = tmp_path / "checks.json"
    args = ["check", str(PAPER), "--archive", archive.base, "--cdx", archive.cdx]
    args += ["--allow-private", "--no-cache", "--no-live", "--json", str(out), "-q"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    checks = json.loads(out.read_text("utf-8"))["checks"]
    got = sorted((c["snapshot"]["timestamp"], c["url"]) for c in checks if c["snapshot"])
    gold = [v for v in _gold_checks().values() if v[0] is not None]
    assert got == sorted(gold + _expected(("cli-extra",), []))


def _same_figure(gold_raw: str, raw: str) -> bool:
    """The gold names a figure by its number, scale and unit; the reader may keep more of the
    words that follow (``28 acquisitions``) or fewer (a unit it does not know), but never another
    number or scale."""
    return raw == gold_raw or raw.startswith(gold_raw + " ") or gold_raw.startswith(raw + " ")


@pytest.mark.pywb
def test_every_figure_gets_the_verdict_of_the_gold_against_its_archived_source(
    origin_server, pywb_archive_factory, tmp_path
):
    archive = pywb_archive_factory(archived_pages(), collection="paper4figures")
    install_origin_pages(origin_server)
    options = VerifyOptions(
        archives=(archive.base,),
        cdx=(archive.cdx,),
        cache_dir=tmp_path / "cache",
        allow_private=True,
        report_dir=tmp_path / "reports",
        bib_dir=tmp_path / "references",
        workers=4,
    )
    with Fetcher(local_fetch_config()) as fetcher:
        router = SeedRouter(fetcher, origin_server.port, hosts=HOSTS)
        report, refs = verify_with_references(PAPER, options, fetcher=router)
    note_of_key = {
        r.key: GOLD_BY_LINE[r.span.start_line]["id"] for r in refs if r.span.start_line in GOLD_BY_LINE
    }
    got: dict[int, list[tuple[str, str]]] = {}
    for figure in report.figures:
        if figure.claim_quantity is not None and figure.reference_key in note_of_key:
            got.setdefault(note_of_key[figure.reference_key], []).append(
                (figure.claim_quantity.raw, figure.verdict.value)
            )
    wrong = []
    for note_id, gold in FIGURES.items():
        seen = got.get(note_id, [])
        for fig in gold:
            match = [v for raw, v in seen if _same_figure(fig["raw"], raw)]
            expected = _expected(("figure", note_id, fig["raw"]), [fig["verdict"]])
            if match != expected:
                wrong.append((note_id, fig["raw"], fig["verdict"], match))
        extra = [raw for raw, _ in seen if not any(_same_figure(f["raw"], raw) for f in gold)]
        if extra != _expected(("extra", note_id), []):
            wrong.append((note_id, "extra figures", extra))
    assert wrong == [], "\n".join(map(repr, wrong))
