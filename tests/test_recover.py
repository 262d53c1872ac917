"""Recovering the seed's damaged URLs from an archive's CDX index (real pywb)."""

from __future__ import annotations

import socket

import pytest

from citecheck.model import Url
from citecheck.references.urls import repair_url
from citecheck.sources.archive import Archive, ArchiveClient, Capture
from citecheck.sources.fetcher import Fetcher
from citecheck.sources.recover import candidate_queries, match_fragments, prefix_of, recover_url, url_key
from servers.pywb_archive import local_fetch_config

# The seed prints other hosts under '.gov.cn' (customs, the central government): evidence for
# reading its '….gov.com' host.
PAPER_HOSTS = frozenset({"customs.gov.cn", "www.gov.cn"})

# Real URL text from the seed's footnotes (lines 177, 91, 282, 39).
GARBLED_MOFCOM = "http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 20211103215703 shtml"
GOV_CN_HTML = "http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5659408 html"
GARBLED_TAIL = "http:// ar mofcom gov CN / ar ÿÿÿÿÿÿÿ 202111 / 201111103221523 SHT ML"
CUT_HOST = "http://www.xinhuanet"
# The seed's line 272 with its middle directory lost: two archived pages fit.
MIDDLE_LOST = "http:// mx mofcom gov cn / article / ÿÿÿÿ / 202109 / 20210903203895 shtml"

MOFCOM = "http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml"


@pytest.fixture
def client(pywb_archive):
    with Fetcher(local_fetch_config()) as fetcher:
        yield ArchiveClient([Archive(pywb_archive.base, pywb_archive.cdx)], fetcher)


# -- pure ----------------------------------------------------------------------------------------


def test_fragments_match_only_rows_with_the_prefix_and_the_tail():
    frags = repair_url(GARBLED_MOFCOM).fragments
    rows = [
        Capture(MOFCOM, "20211110080000"),
        Capture("http://ar.mofcom.gov.cn/article/jmxw/202111/20211116000000.shtml", "20211120000000"),
        Capture(
            "http://ar.mofcom.gov.cn/index/202111/20211103215703.shtml", "20211120000000"
        ),  # not under /art
    ]
    assert [c.url for c in match_fragments(rows, frags)] == [MOFCOM]


def test_middle_pieces_must_appear_in_order():
    frags = ("a.org", "http://a.org/x", "/end.html", "/keep/")
    rows = [
        Capture("http://a.org/x1/keep/end.html", "2021"),
        Capture("http://a.org/x1/other/end.html", "2021"),
    ]
    assert [c.url for c in match_fragments(rows, frags)] == ["http://a.org/x1/keep/end.html"]


def test_an_incomplete_host_gives_no_prefix_to_ask():
    assert prefix_of(repair_url(CUT_HOST).fragments) is None


def test_candidates_on_one_host_need_one_prefix_query():
    url = repair_url(GOV_CN_HTML)
    assert candidate_queries((url.repaired, *url.candidates)) == [
        "http://www.gov.cn/xinwen/2021-12/08/content_5659408."
    ]


def test_url_key_ignores_scheme_www_case_and_trailing_slash():
    assert url_key("HTTPS://www.Example.org/A/") == url_key("http://example.org/a")


# -- real pywb -----------------------------------------------------------------------------------


@pytest.mark.pywb
def test_garbled_seed_url_is_recovered_from_a_longer_path_with_evidence(pywb_archive, client):
    pywb_archive.reset()
    result = recover_url(repair_url(GARBLED_MOFCOM), client)
    assert result.recovery.status == "recovered"
    assert result.recovery.url == MOFCOM
    assert (
        "matchType=prefix" in result.recovery.evidence and "ar.mofcom.gov.cn/art" in result.recovery.evidence
    )
    assert "20211110080000 " + MOFCOM in result.recovery.evidence  # the CDX row itself
    assert [c.timestamp for c in result.captures] == ["20211110080000"]
    assert pywb_archive.request_count() == 1


@pytest.mark.pywb
def test_a_url_with_changed_characters_is_recovered_from_the_archive_index(pywb_archive, client):
    url = repair_url(
        "http://ar.mofcom.gov.com/article/jmxw/202.202/20220203278094 shtml", hosts=PAPER_HOSTS
    )  # seed line 143
    pywb_archive.reset()
    result = recover_url(url, client)
    assert result.recovery.status == "recovered"
    assert result.recovery.url == "http://ar.mofcom.gov.cn/article/jmxw/202202/20220203278094.shtml"
    assert pywb_archive.request_count() == 1


@pytest.mark.pywb
def test_the_archive_confirms_htm_over_the_parsers_first_guess_html(pywb_archive, client):
    url = repair_url(GOV_CN_HTML)
    assert url.repaired.endswith(".html")  # the parser's best guess
    pywb_archive.reset()
    result = recover_url(url, client)
    assert result.recovery.status == "confirmed"
    assert result.recovery.url == "http://www.gov.cn/xinwen/2021-12/08/content_5659408.htm"
    assert pywb_archive.request_count() == 1


@pytest.mark.pywb
def test_two_matches_are_ambiguous_and_never_picked(client):
    result = recover_url(repair_url(MIDDLE_LOST), client)
    assert result.recovery.status == "ambiguous"
    assert result.recovery.url is None
    assert result.recovery.candidates == (
        "http://mx.mofcom.gov.cn/article/jmxw/202109/20210903203895.shtml",
        "http://mx.mofcom.gov.cn/article/zxhz/202109/20210903203895.shtml",
    )


@pytest.mark.pywb
def test_no_row_fits_the_fragments_is_not_found(client):
    result = recover_url(repair_url(GARBLED_TAIL), client)
    assert result.recovery.status == "not-found"
    assert "no match" in result.recovery.evidence


@pytest.mark.pywb
def test_a_cut_host_is_not_sent_to_the_archive(pywb_archive, client):
    pywb_archive.reset()
    result = recover_url(repair_url(CUT_HOST), client)
    assert result.recovery.status == "unchecked" and "incomplete" in result.recovery.evidence
    assert pywb_archive.request_count() == 0


def test_a_complete_unambiguous_url_needs_no_recovery():
    assert recover_url(Url("http://a.org/x", "http://a.org/x", True), ArchiveClient([], None)) is None


def test_archive_down_leaves_the_url_unchecked_with_a_reason():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with Fetcher(local_fetch_config()) as fetcher:
        down = ArchiveClient(
            [Archive(f"http://127.0.0.1:{port}/web/", f"http://127.0.0.1:{port}/web/cdx")], fetcher
        )
        result = recover_url(repair_url(GARBLED_MOFCOM), down)
    assert result.recovery.status == "unchecked"
    assert result.error and "unreachable" in result.error and "\n" not in result.error


@pytest.mark.pywb
def test_pywb_filters_rows_server_side_with_its_own_filter_syntax(client):
    archive = client.archives[0]
    everything = client.cdx_query(archive, "http://ar.mofcom.gov.cn/art", match="prefix")[1]
    query, filtered = client.cdx_query(
        archive, "http://ar.mofcom.gov.cn/art", match="prefix", contains="/202111/20211103215703.SHTML"
    )
    assert "filter=~original:" in query
    assert len(everything) == 3 and [c.url for c in filtered] == [MOFCOM]


WAYBACK_ROWS = (
    '[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
    '["cn,gov,mofcom,ar)/article/jmxw/202111/20211103215703.shtml","20211110080000",'
    '"http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml","text/html","200","A","1"],'
    '["cn,gov,mofcom,ar)/article/jmxw/202111/20211116000000.shtml","20211120000000",'
    '"http://ar.mofcom.gov.cn/article/jmxw/202111/20211116000000.shtml","text/html","200","B","1"]]'
)


def test_wayback_prefix_query_asks_for_a_filter_and_collapsed_rows_and_still_filters_itself(origin_server):
    origin_server.add_page("/wbx/cdx/search/cdx", WAYBACK_ROWS, "application/json")  # ignores the filter
    origin_server.reset()
    with Fetcher(local_fetch_config()) as fetcher:
        wayback = ArchiveClient(
            [Archive(origin_server.url("/wbx/web/"), origin_server.url("/wbx/cdx/search/cdx"))], fetcher
        )
        result = recover_url(repair_url(GARBLED_MOFCOM), wayback)
    assert result.recovery.status == "recovered" and result.recovery.url == MOFCOM
    (request,) = origin_server.requests("/wbx/cdx/search/cdx")
    assert "matchType=prefix" in request.target and "collapse=urlkey" in request.target
    assert "filter=original:(?i).*/202111/20211103215703" in request.target


@pytest.mark.pywb
def test_an_archive_without_the_page_passes_the_question_to_the_next(pywb_archive, origin_server):
    origin_server.add_page("/bare/cdx", "", "text/x-ndjson")  # answers, knows nothing
    with Fetcher(local_fetch_config()) as fetcher:
        archives = [Archive(origin_server.url("/bare/"), origin_server.url("/bare/cdx"))]
        archives.append(Archive(pywb_archive.base, pywb_archive.cdx))
        result = recover_url(repair_url(GARBLED_MOFCOM), ArchiveClient(archives, fetcher))
        assert result.recovery.status == "recovered" and result.archive.base == pywb_archive.base
        alone = recover_url(repair_url(GARBLED_MOFCOM), ArchiveClient(archives[:1], fetcher))
        assert alone.recovery.status == "not-found"
