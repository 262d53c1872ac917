"""End to end on a second paper in the seed's style (``tests/data/paper2``, written for citecheck).

Its twelve URLs are damaged the way the seed's are, in shapes the seed lacks (``co.ke``,
``gov.za``, ``org.cn``, ``ac.za``, ``.int``, a port, a query, an upper-case ``.PDF``, a host that
lost every dot, a garbled path). ``citecheck check`` against a real pywb must reach every source
at the capture nearest before its access date (three captures per URL: see paper2_world.py).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from citecheck.document import load_document
from citecheck.references.extract import extract_references
from citecheck.sources.checker import check_references
from citecheck.sources.fetcher import Fetcher
from paper2_world import HOSTS, NEIGHBOUR, NOTES, PAPER, archived_pages, install_origin_pages
from seed_world import SeedRouter
from servers.pywb_archive import local_fetch_config

GOLD_BY_LINE = {n["line"]: n for n in NOTES}


@pytest.fixture(scope="module")
def references():
    return extract_references(load_document(PAPER))


def _gold(ref):
    return GOLD_BY_LINE[ref.span.start_line]


def test_the_second_paper_has_twelve_references_and_no_running_header_among_them(references):
    assert sorted(r.span.start_line for r in references) == sorted(GOLD_BY_LINE)
    assert not any("Issue 3, 2021" in (r.title or "") for r in references)


@pytest.mark.parametrize("note", NOTES, ids=[f"note{n['id']}" for n in NOTES])
def test_each_reference_reads_its_fields_url_and_access_date(references, note):
    ref = next(r for r in references if r.span.start_line == note["line"])
    assert (ref.title, ref.container, ref.date, ref.access_date) == (
        note["title"],
        note["container"],
        note["date"],
        note["access_date"],
    )
    assert ref.url.complete is note["url_complete"]
    if note["url_complete"]:
        assert ref.url.repaired == note["url"]


@pytest.mark.pywb
def test_check_finds_every_source_at_the_capture_nearest_before_its_access_date(
    references, origin_server, pywb_archive_factory
):
    archive = pywb_archive_factory(archived_pages(), collection="paper2")
    install_origin_pages(origin_server)
    with Fetcher(local_fetch_config()) as fetcher:
        router = SeedRouter(fetcher, origin_server.port, hosts=HOSTS)
        checks = check_references(
            references, fetcher=router, archives=[archive.base], cdx=[archive.cdx], workers=4
        )
    by_key = {c.reference_key: c for c in checks}
    found = {}
    for ref in references:
        check = by_key[ref.key]
        assert check.snapshot is not None, (ref.span.start_line, check)
        found[ref.span.start_line] = (check.snapshot.timestamp, check.url)
    assert found == {n["line"]: (n["snapshot"], n["url"]) for n in NOTES}
    assert NEIGHBOUR not in {url for _, url in found.values()}


@pytest.mark.pywb
def test_the_check_command_reports_every_source_at_the_capture_nearest_its_access_date(
    pywb_archive_factory, tmp_path
):
    """``citecheck check PAPER`` as a user runs it (archive only: the cited hosts are not local)."""
    archive = pywb_archive_factory(archived_pages(), collection="paper2cli")
    out = tmp_path / "checks.json"
    args = ["check", str(PAPER), "--archive", archive.base, "--cdx", archive.cdx]
    args += ["--allow-private", "--no-cache", "--no-live", "--json", str(out), "-q"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    checks = json.loads(out.read_text("utf-8"))["checks"]
    got = sorted((c["snapshot"]["timestamp"], c["url"]) for c in checks if c["snapshot"])
    assert got == sorted((n["snapshot"], n["url"]) for n in NOTES)
