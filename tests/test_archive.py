"""Archive look-up: the snapshot nearest the access date, from a real pywb and a Wayback-shaped CDX."""

from __future__ import annotations

import socket

import pytest

from citecheck.errors import ArchiveRateLimited, ArchiveUnavailable, NoSnapshot
from citecheck.sources.archive import (
    Archive,
    ArchiveAnswerError,
    ArchiveClient,
    Capture,
    access_timestamp,
    cdx_query_url,
    choose_capture,
    make_archives,
    parse_cdx,
    parse_timemap,
)
from citecheck.sources.cache import Cache
from citecheck.sources.fetcher import Fetcher
from servers.pywb_archive import PywbUnavailable, local_fetch_config, pywb_venv

STORY = "http://news.example.org/2021/story.html"

WAYBACK_JSON = (
    b'[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
    b'["org,example,news)/2021/story.html","20210601120000","http://news.example.org/2021/story.html",'
    b'"text/html","200","AAAA","120"],'
    b'["org,example,news)/2021/story.html","20220501120000","http://news.example.org/2021/story.html",'
    b'"text/html","200","BBBB","121"]]'
)
PYWB_LINES = (
    b'{"urlkey": "org,example,news)/2021/story.html", "timestamp": "20210601120000", '
    b'"url": "http://news.example.org/2021/story.html", "mime": "text/html", "status": "200", "digest": "AAAA"}\n'
    b'{"urlkey": "org,example,news)/2021/story.html", "timestamp": "20220501120000", '
    b'"url": "http://news.example.org/2021/story.html", "mime": "text/html", "status": "200", "digest": "BBBB"}\n'
)


@pytest.fixture
def fetcher():
    with Fetcher(local_fetch_config()) as f:
        yield f


# -- pure parsing ------------------------------------------------------------------------------


def test_both_cdx_json_shapes_give_the_same_captures():
    wayback, pywb = parse_cdx(WAYBACK_JSON), parse_cdx(PYWB_LINES)
    assert [c.as_row() for c in wayback] == [c.as_row() for c in pywb]
    assert wayback[0] == Capture(STORY, "20210601120000", 200, "text/html", "AAAA")


def test_empty_cdx_answers_mean_no_captures():
    assert parse_cdx(b"") == [] and parse_cdx(b"[]") == [] and parse_cdx(b"\n") == []


def test_cdx_answering_html_is_an_archive_error_not_a_crash():
    with pytest.raises(ArchiveAnswerError, match="HTML"):
        parse_cdx(b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "text/html")


def test_truncated_json_is_an_archive_error():
    with pytest.raises(ArchiveAnswerError, match="malformed"):
        parse_cdx(b'[["urlkey","timestamp"],["a","2021')


def test_timemap_link_format_lists_mementos_with_their_datetimes():
    body = (
        b'<http://h/web/timemap/link/http://a.org/>; rel="self"; type="application/link-format",\n'
        b'<http://a.org/>; rel="original",\n'
        b'<http://h/web/20200101000000mp_/http://a.org/>; rel="memento"; datetime="Wed, 01 Jan 2020 00:00:00 GMT",\n'
        b'<http://h/web/20220301000000mp_/http://a.org/>; rel="last memento"; datetime="Tue, 01 Mar 2022 00:00:00 GMT"\n'
    )
    assert [(c.url, c.timestamp) for c in parse_timemap(body)] == [
        ("http://a.org/", "20200101000000"),
        ("http://a.org/", "20220301000000"),
    ]


@pytest.mark.parametrize(
    "access, expected",
    [
        ("2022-02-20", "20220220235959"),
        ("2022-02", "20220228235959"),
        ("2024-02", "20240229235959"),
        ("2022", "20221231235959"),
        (None, None),
        ("unknown", None),
        ("2022-13", "20221231235959"),
    ],
)
def test_access_date_counts_until_the_end_of_the_period_it_names(access, expected):
    assert access_timestamp(access) == expected


CAPS = [
    Capture(STORY, "20210601120000", 200),
    Capture(STORY, "20220210000000", 404),
    Capture(STORY, "20220501120000", 200),
]


@pytest.mark.parametrize(
    "access, expected",
    [
        ("2022-02-20", "20210601120000"),  # last before; the later 404 capture is skipped
        ("2021-06-01", "20210601120000"),  # a capture on the access day counts as before
        ("2020-01-01", "20210601120000"),  # nothing before: first after
        (None, "20220501120000"),  # no date: newest
        ("2030-01-01", "20220501120000"),
    ],
)
def test_choose_capture_prefers_last_before_then_first_after_then_newest(access, expected):
    assert choose_capture(CAPS, access).timestamp == expected


def test_only_error_captures_give_no_snapshot():
    assert choose_capture([Capture(STORY, "20220101000000", 404)], None) is None


def test_archives_pair_with_cdx_endpoints_by_prefix_then_host():
    archives = make_archives(
        ["https://web.archive.org/web/", "http://127.0.0.1:9/web/"],
        [
            "http://127.0.0.1:9/web/cdx",
            "https://web.archive.org/cdx/search/cdx",
            "http://127.0.0.1:7/other/cdx",
        ],
    )
    assert [(a.base, a.cdx) for a in archives] == [
        ("https://web.archive.org/web/", "https://web.archive.org/cdx/search/cdx"),
        ("http://127.0.0.1:9/web/", "http://127.0.0.1:9/web/cdx"),
        ("http://127.0.0.1:7/other/", "http://127.0.0.1:7/other/cdx"),
    ]


def test_cdx_query_asks_for_json_and_keeps_the_url_readable():
    assert cdx_query_url("http://h/web/cdx", STORY) == (
        "http://h/web/cdx?url=http://news.example.org/2021/story.html&output=json"
    )


# -- a real pywb -------------------------------------------------------------------------------


@pytest.mark.pywb
def test_snapshot_nearest_before_the_access_date_wins_with_one_cdx_request(pywb_archive, fetcher):
    pywb_archive.reset()
    client = ArchiveClient([Archive(pywb_archive.base, pywb_archive.cdx)], fetcher)
    snap = client.lookup(STORY, "2022-02-20")
    assert snap.timestamp == "20210601120000"  # pywb's own TimeGate would answer the 2022-05 one
    assert snap.raw_url == f"{pywb_archive.base}20210601120000id_/{STORY}"
    assert snap.status == 200 and snap.mimetype == "text/html"
    assert pywb_archive.request_count() == 1
    assert pywb_archive.request_count("/web/cdx?") == 1


@pytest.mark.pywb
def test_first_capture_after_the_access_date_when_none_before(pywb_archive, fetcher):
    client = ArchiveClient([Archive(pywb_archive.base, pywb_archive.cdx)], fetcher)
    assert client.lookup("http://news.example.org/late.html", "2022-02-20").timestamp == "20230301000000"


@pytest.mark.pywb
def test_newest_capture_without_an_access_date(pywb_archive, fetcher):
    client = ArchiveClient([Archive(pywb_archive.base, pywb_archive.cdx)], fetcher)
    assert client.lookup(STORY, None).timestamp == "20220501120000"


@pytest.mark.pywb
def test_a_captured_404_is_never_the_snapshot(pywb_archive, fetcher):
    client = ArchiveClient([Archive(pywb_archive.base, pywb_archive.cdx)], fetcher)
    assert client.lookup("http://news.example.org/flip.html", "2022-03-01").timestamp == "20211110000000"


@pytest.mark.pywb
def test_timemap_alone_gives_the_same_choice_when_no_cdx_is_configured(pywb_archive, fetcher):
    pywb_archive.reset()
    client = ArchiveClient([Archive(pywb_archive.base)], fetcher)
    assert client.lookup(STORY, "2022-02-20").timestamp == "20210601120000"
    assert [r.path for r in pywb_archive.requests()] == [f"/web/timemap/link/{STORY}"]


@pytest.mark.pywb
def test_unknown_url_is_no_snapshot(pywb_archive, fetcher):
    for archive in (Archive(pywb_archive.base, pywb_archive.cdx), Archive(pywb_archive.base)):
        with pytest.raises(NoSnapshot):
            ArchiveClient([archive], fetcher).lookup("http://nowhere.example.org/x.html", "2022-01-01")


@pytest.mark.pywb
def test_raw_snapshot_cold_two_requests_warm_none(pywb_archive, fetcher, tmp_path):
    pywb_archive.reset()
    with Cache(tmp_path / "cache") as cache:
        client = ArchiveClient([Archive(pywb_archive.base, pywb_archive.cdx)], fetcher, cache)
        snap = client.lookup(STORY, "2022-02-20")
        body, content_type = client.fetch_snapshot(snap)
        assert b"first: 35 wind farms" in body and content_type.startswith("text/html")
        assert pywb_archive.request_count() == 2  # cold: one index request + one raw copy
        pywb_archive.reset()
        again = ArchiveClient([Archive(pywb_archive.base, pywb_archive.cdx)], fetcher, cache)
        assert again.fetch_snapshot(again.lookup(STORY, "2022-02-20")) == (body, content_type)
        assert pywb_archive.request_count() == 0  # warm: nothing asked


# -- a Wayback-shaped CDX (array of arrays), an archive answering HTML, an archive that is down --


def test_wayback_shaped_cdx_is_read_and_its_raw_copy_fetched(origin_server, fetcher):
    origin_server.add_page("/wb/cdx/search/cdx", WAYBACK_JSON, "application/json")
    origin_server.add_page(f"/wb/web/20210601120000id_/{STORY}", "<p>first: 35 wind farms</p>", "text/html")
    origin_server.reset()
    archives = make_archives([origin_server.url("/wb/web/")], [origin_server.url("/wb/cdx/search/cdx")])
    client = ArchiveClient(archives, fetcher)
    snap = client.lookup(STORY, "2022-02-20")
    assert (snap.timestamp, snap.digest) == ("20210601120000", "AAAA")
    assert client.fetch_snapshot(snap)[0] == b"<p>first: 35 wind farms</p>"
    cdx_requests = origin_server.requests("/wb/cdx/search/cdx")
    assert len(cdx_requests) == 1 and "output=json" in cdx_requests[0].target
    assert len(origin_server.requests()) == 2


def test_archive_answering_html_becomes_an_archive_error(origin_server, fetcher):
    origin_server.add_page(
        "/htmlarchive/cdx", "<!doctype html><html><body>Maintenance</body></html>", "text/html"
    )
    client = ArchiveClient(make_archives([], [origin_server.url("/htmlarchive/cdx")]), fetcher)
    with pytest.raises(ArchiveAnswerError, match="CDX answered HTML"):
        client.lookup(STORY, "2022-02-20")


def test_archive_rate_limiting_is_its_own_error(origin_server, fetcher):
    origin_server.add_page("/busy/cdx", "slow down", "text/plain", status=429, headers={"Retry-After": "0"})
    client = ArchiveClient(make_archives([], [origin_server.url("/busy/cdx")]), fetcher)
    with pytest.raises(ArchiveRateLimited):
        client.lookup(STORY, None)


def test_archive_that_is_down_is_unavailable(fetcher):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once closed
    client = ArchiveClient(
        [Archive(f"http://127.0.0.1:{port}/web/", f"http://127.0.0.1:{port}/web/cdx")], fetcher
    )
    with pytest.raises(ArchiveUnavailable, match="unreachable"):
        client.lookup(STORY, "2022-02-20")


@pytest.mark.pywb
def test_a_second_archive_answers_when_the_first_has_nothing(pywb_archive, origin_server, fetcher):
    origin_server.add_page("/empty/cdx", "[]", "application/json")
    archives = make_archives(
        [origin_server.url("/empty/"), pywb_archive.base], [origin_server.url("/empty/cdx"), pywb_archive.cdx]
    )
    snap = ArchiveClient(archives, fetcher).lookup(STORY, "2022-02-20")
    assert snap.archive == pywb_archive.base and snap.timestamp == "20210601120000"


def test_timegate_is_the_fallback_when_an_archive_refuses_timemaps(origin_server, fetcher):
    origin_server.add_page(f"/tg/web/timemap/link/{STORY}", "no timemaps here", "text/plain", status=501)
    origin_server.add_page(
        f"/tg/web/{STORY}",
        "",
        "text/html",
        status=302,
        headers={"Location": origin_server.url(f"/tg/web/20210601120000/{STORY}")},
    )
    origin_server.reset()
    snap = ArchiveClient([Archive(origin_server.url("/tg/web/"))], fetcher).lookup(STORY, "2022-02-20")
    assert snap.timestamp == "20210601120000"
    (gate,) = origin_server.requests(f"/tg/web/{STORY}")
    assert gate.headers["Accept-Datetime"] == "Sun, 20 Feb 2022 23:59:59 GMT"
    assert len(origin_server.requests()) == 2  # the refused TimeMap, then the TimeGate


def _answer(status, headers):
    from citecheck.sources.fetcher import FetchResponse

    return FetchResponse("u", "u", status, "", headers, b"", (), 0.0, 1, False, None, None)


def test_timegate_answers_are_read_from_location_link_or_memento_datetime():
    from citecheck.sources.archive import _timegate_capture

    redirect = _answer(302, {"location": f"https://web.archive.org/web/20210601120000/{STORY}"})
    framed = _answer(
        200,
        {
            "link": f'<{STORY}>; rel="original", <http://h/web/20220301000000mp_/{STORY}>; rel="memento"; '
            'datetime="Tue, 01 Mar 2022 00:00:00 GMT"'
        },
    )
    direct = _answer(200, {"memento-datetime": "Wed, 01 Jan 2020 00:00:00 GMT"})
    assert [_timegate_capture(STORY, a)[0].timestamp for a in (redirect, framed, direct)] == [
        "20210601120000",
        "20220301000000",
        "20200101000000",
    ]
    assert _timegate_capture(STORY, _answer(200, {"content-type": "text/html"})) == []


def test_an_archive_refusing_both_timemap_and_timegate_is_an_error_not_no_copy(origin_server, fetcher):
    url = "http://news.example.org/refused.html"
    origin_server.add_page(
        f"/nomemento/web/timemap/link/{url}", "<html>error</html>", "text/html", status=500
    )
    origin_server.add_page(f"/nomemento/web/{url}", "<html>error</html>", "text/html")
    with pytest.raises(ArchiveAnswerError, match="HTTP 500"):
        ArchiveClient([Archive(origin_server.url("/nomemento/web/"))], fetcher).lookup(url, None)


# -- planned look-ups against a Wayback-shaped CDX server ---------------------------------------


def _wayback_check(cdx, refs, **config):
    from citecheck.sources.checker import check_references

    with Fetcher(local_fetch_config(**config)) as fetcher:
        return check_references(refs, fetcher=fetcher, archives=[cdx.base], cdx=[cdx.endpoint], live=False)


def _refs(urls, date="2022-02-20"):
    from citecheck.model import Reference, Url

    return [Reference(key=f"w{n}", entry_type="webpage", raw=u, url=Url(u, u, True), access_date=date)
            for n, u in enumerate(urls)]  # fmt: skip


def test_a_wayback_index_is_asked_for_the_choice_fields_only_and_no_error_captures():
    from servers.wayback_cdx import WaybackCdx

    site = [(f"http://www.ministry.example/news/{n}.html", stamp, status)
            for n in range(4) for stamp, status in (("20200101000000", 200), ("20210601000000", 404))]  # fmt: skip
    with WaybackCdx(site) as cdx:
        checks = _wayback_check(cdx, _refs([f"http://www.ministry.example/news/{n}.html" for n in range(4)]))
        ((path, _),) = cdx.requests()
    assert [c.snapshot.timestamp for c in checks] == ["20200101000000"] * 4  # never the 404 capture
    assert "matchType=prefix" in path and "fl=urlkey,timestamp,original,mimetype,statuscode,digest" in path
    assert "filter=!statuscode:[45].." in path.replace("%5B", "[").replace("%5D", "]")


def test_urls_one_prefix_cannot_separate_are_read_with_wayback_pagination():
    from servers.wayback_cdx import WaybackCdx

    site = [(f"http://forum.example/view.php?id={n}", "20200101000000", 200) for n in range(30)]
    cited = [f"http://forum.example/view.php?id={n}" for n in (2, 7, 11, 19, 23, 28)]
    with WaybackCdx(site, block=10) as cdx:
        from citecheck.sources.checker import check_references

        with Fetcher(local_fetch_config()) as fetcher:
            checks = check_references(_refs(cited), fetcher=fetcher, archives=[cdx.base], cdx=[cdx.endpoint],
                                      live=False, row_limit=5)  # fmt: skip
        paths = [p for p, _ in cdx.requests()]
    assert all(
        c.snapshot is not None and c.snapshot.original_url == u for c, u in zip(checks, cited, strict=True)
    )
    assert sum("showNumPages=true" in p for p in paths) == 1 and sum("page=" in p for p in paths) == 3
    assert len(paths) == 5 < len(cited)  # the cut prefix query, the page count, three pages


def test_a_429_on_an_index_query_waits_for_retry_after_then_asks_again():
    from servers.wayback_cdx import WaybackCdx

    with WaybackCdx([("http://a.example/x", "20200101000000", 200)], too_many=1, retry_after="1") as cdx:
        checks = _wayback_check(cdx, _refs(["http://a.example/x"]), retries=2)
        times = [t for _, t in cdx.requests()]
    assert checks[0].snapshot is not None and len(times) == 2 and times[1] - times[0] >= 0.95


def test_a_bare_429_on_an_index_query_means_the_default_silence_before_the_next():
    from servers.wayback_cdx import WaybackCdx

    with WaybackCdx([("http://a.example/x", "20200101000000", 200)], too_many=1, retry_after=None) as cdx:
        checks = _wayback_check(cdx, _refs(["http://a.example/x"]), retries=2, default_retry_after=0.6)
        times = [t for _, t in cdx.requests()]
    assert checks[0].snapshot is not None and times[1] - times[0] >= 0.55


def test_a_pywb_environment_that_cannot_be_made_is_one_clear_line_not_a_pip_traceback(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("CITECHECK_PYWB_VENV", str(blocker / "venv"))
    with pytest.raises(PywbUnavailable) as caught:
        pywb_venv()
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"cannot create a virtual environment for pywb in {blocker / 'venv'}")
    assert message.endswith("set CITECHECK_PYWB_VENV to a virtual environment that has pywb installed")
