"""The per-reference checker against a real origin server and a real pywb archive."""

from __future__ import annotations

import socket

import pytest

from citecheck.model import LinkState, Reference, Url
from citecheck.references.urls import repair_url
from citecheck.sources.bodies import SourceBodies
from citecheck.sources.cache import Cache
from citecheck.sources.checker import check_references, fetch_source
from citecheck.sources.fetcher import Fetcher
from citecheck.sources.text import to_text
from citecheck.sources.warc import RecordingFetcher, ReplayFetcher, WarcRecorder
from servers.pywb_archive import WarcPage, local_fetch_config

GARBLED_MOFCOM = "http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 20211103215703 shtml"  # seed line 177
MOFCOM = "http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml"

pytestmark = pytest.mark.pywb


@pytest.fixture(scope="module")
def site(origin_server):
    """Pages on the origin server; the archive below holds dated copies of some of them."""
    origin_server.add_page("/chk/report.html", "<h1>Report</h1><p>live: 42 wind farms</p>")
    origin_server.add_page("/chk/doc.htm", "<h1>Declaration</h1>")
    origin_server.add_page("/chk/only-live.html", "<h1>Only live</h1><p>12 solar parks</p>")
    origin_server.add_page(
        "/chk/lang-live.html", "<p>La planta tiene 1.200 MW.</p>", headers={"Content-Language": "es-AR"}
    )
    return origin_server


@pytest.fixture(scope="module")
def archive(site, pywb_archive_factory):
    return pywb_archive_factory(
        [
            WarcPage(site.url("/chk/report.html"), "20190301000000", "<p>2019: 35 wind farms</p>"),
            WarcPage(site.url("/chk/report.html"), "20230301000000", "<p>2023: 50 wind farms</p>"),
            WarcPage(site.url("/status/404"), "20200101000000", "<p>the page before it died</p>"),
            WarcPage(site.url("/chk/doc.htm"), "20211209000000", "<h1>Declaration</h1>"),
            WarcPage(MOFCOM, "20211110080000", "<h1>Gaucharaui photovoltaic project</h1>"),
            WarcPage(
                site.url("/chk/lang-archived.html"),
                "20210101000000",
                "<p>A usina tem 1.200 MW.</p>",
                headers=(("Content-Language", "pt-BR"),),
            ),
        ]
    )


def _ref(key: str, url: Url | str | None, access: str | None = "2022-02-20") -> Reference:
    if isinstance(url, str):
        url = Url(raw=url, repaired=url, complete=True)
    return Reference(key=key, entry_type="webpage", raw=key, url=url, access_date=access)


def _refs(site):
    report = site.url("/chk/report.html")
    doc_html = site.url("/chk/doc.html")
    only = site.url("/chk/only-live.html")
    return [
        _ref("report2022", report),
        _ref("report-undated", report, None),  # same URL: one live check, one index query
        _ref("dead", site.url("/status/404")),
        _ref("mofcom", repair_url(GARBLED_MOFCOM)),
        _ref(
            "decl", Url(raw=doc_html, repaired=doc_html, complete=True, candidates=(doc_html, doc_html[:-1]))
        ),
        _ref("onlylive", Url(raw=only, repaired=only, complete=True, candidates=(only, only[:-1]))),
        _ref("script", "javascript:alert(1)"),
        _ref("nourl", None),
    ]


def _run(refs, pywb, cache=None, fetcher=None, **kwargs):
    own = fetcher is None
    fetcher = fetcher or Fetcher(local_fetch_config())
    try:
        return check_references(
            refs, fetcher=fetcher, cache=cache, archives=[pywb.base], cdx=[pywb.cdx], workers=4, **kwargs
        )
    finally:
        if own:
            fetcher.close()


def test_one_check_per_reference_with_a_url_in_input_order(site, archive):
    checks = _run(_refs(site), archive)
    assert [c.reference_key for c in checks] == [
        "report2022",
        "report-undated",
        "dead",
        "mofcom",
        "decl",
        "onlylive",
        "script",
    ]


def test_live_state_and_snapshot_nearest_each_references_access_date(site, archive):
    by_key = {c.reference_key: c for c in _run(_refs(site), archive)}
    assert by_key["report2022"].link.state is LinkState.OK
    assert by_key["report2022"].snapshot.timestamp == "20190301000000"  # last before 2022-02-20
    assert by_key["report-undated"].snapshot.timestamp == "20230301000000"  # no date: newest
    assert by_key["dead"].link.state is LinkState.BROKEN
    assert by_key["dead"].snapshot.timestamp == "20200101000000"  # the broken link's archived copy
    assert by_key["onlylive"].link.state is LinkState.OK and by_key["onlylive"].snapshot is None
    assert by_key["onlylive"].recovery.status == "not-found"  # neither .html nor .htm archived
    assert by_key["onlylive"].archive_error is None
    assert by_key["script"].link.state is LinkState.INVALID and by_key["script"].snapshot is None


def test_garbled_url_is_incomplete_live_and_recovered_with_its_snapshot(site, archive):
    check = {c.reference_key: c for c in _run(_refs(site), archive)}["mofcom"]
    assert check.link.state is LinkState.INCOMPLETE
    assert check.recovery.status == "recovered" and check.recovery.url == MOFCOM
    assert check.url == MOFCOM
    assert check.snapshot.timestamp == "20211110080000"


def test_confirmed_candidate_is_the_url_checked_live(site, archive):
    check = {c.reference_key: c for c in _run(_refs(site), archive)}["decl"]
    assert check.recovery.status == "confirmed"
    assert check.url == site.url("/chk/doc.htm")
    assert check.link.state is LinkState.OK and check.snapshot.timestamp == "20211209000000"


def test_requests_are_deduplicated_cold_and_absent_warm(site, archive, tmp_path):
    site.reset()
    archive.reset()
    with Cache(tmp_path / "cache") as cache:
        _run(_refs(site), archive, cache=cache)
        assert len(site.requests("/chk/report.html")) == 1  # two references, one live request
        # the two plain URLs (report, 404) share a host: one planned prefix query answers both;
        # one prefix query per damaged or ambiguous URL (mofcom, decl, onlylive), whose answer
        # also serves their snapshot look-up
        assert archive.request_count() == 4
        assert archive.request_count("matchType=prefix") == 4
        site.reset()
        archive.reset()
        _run(_refs(site), archive, cache=cache)
        assert site.requests() == [] and archive.request_count() == 0


def test_fetch_source_prefers_the_archived_copy_then_the_live_page(site, archive, tmp_path):
    with Cache(tmp_path / "cache") as cache, Fetcher(local_fetch_config()) as fetcher:
        by_key = {c.reference_key: c for c in _run(_refs(site), archive, cache=cache, fetcher=fetcher)}
        body, content_type, origin, _language = fetch_source(by_key["report2022"], fetcher, cache)
        assert (body, origin) == (b"<p>2019: 35 wind farms</p>", "archive") and "html" in content_type
        assert fetch_source(by_key["onlylive"], fetcher, cache)[2] == "live"
        assert b"12 solar parks" in fetch_source(by_key["onlylive"], fetcher, cache)[0]
        assert fetch_source(by_key["script"], fetcher, cache) is None
        site.reset()
        archive.reset()
        fetch_source(by_key["report2022"], fetcher, cache)
        fetch_source(by_key["onlylive"], fetcher, cache)
        assert site.requests() == [] and archive.request_count() == 0  # bodies come from the cache


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_archive_that_is_down_is_one_line_per_reference_and_the_run_goes_on(site):
    port = _closed_port()
    with Fetcher(local_fetch_config()) as fetcher:
        checks = check_references(
            _refs(site),
            fetcher=fetcher,
            archives=[f"http://127.0.0.1:{port}/web/"],
            cdx=[f"http://127.0.0.1:{port}/web/cdx"],
        )
    by_key = {c.reference_key: c for c in checks}
    assert by_key["report2022"].link.state is LinkState.OK  # live checks still done
    assert by_key["report2022"].snapshot is None
    assert (
        "unreachable" in by_key["report2022"].archive_error and "\n" not in by_key["report2022"].archive_error
    )
    assert by_key["mofcom"].recovery.status == "unchecked" and by_key["mofcom"].archive_error


def test_an_archive_answering_html_is_reported_not_raised(site):
    site.add_page(
        "/maintenance/cdx", "<!doctype html><html><body>Down for maintenance</body></html>", "text/html"
    )
    site.add_page(
        "/maintenance/timemap/link/" + site.url("/chk/report.html"), "<html>down</html>", "text/html"
    )
    with Fetcher(local_fetch_config()) as fetcher:
        checks = check_references(
            _refs(site)[:1],
            fetcher=fetcher,
            archives=[site.url("/maintenance/")],
            cdx=[site.url("/maintenance/cdx")],
        )
    assert checks[0].archive_error == "CDX answered HTML, not JSON"
    assert checks[0].link.state is LinkState.OK


def test_replaying_the_recorded_warc_gives_the_same_verdicts(site, archive, tmp_path):
    warc = tmp_path / "run.warc.gz"
    with WarcRecorder(warc) as recorder:
        live_fetcher = RecordingFetcher(Fetcher(local_fetch_config(), recorder=recorder), recorder)
        live = _run(_refs(site), archive, fetcher=live_fetcher)
        live_fetcher.close()
    site.reset()
    archive.reset()
    replayed = _run(_refs(site), archive, fetcher=ReplayFetcher(warc))
    assert site.requests() == [] and archive.request_count() == 0

    def verdicts(checks):
        return [
            (
                c.reference_key,
                c.url,
                c.link.state,
                c.link.status,
                c.link.final_url,
                c.snapshot,
                c.recovery,
                c.archive_error,
            )
            for c in checks
        ]

    assert verdicts(replayed) == verdicts(live)


def test_progress_reports_every_task_and_reaches_the_total(site, archive):
    seen = []
    _run(_refs(site), archive, progress=lambda done, total, what: seen.append((done, total, what)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert {what for _, _, what in seen} == {"archive index", "live", "archive"}


def test_live_only_and_archive_only_runs(site, archive):
    live_only = {c.reference_key: c for c in _run(_refs(site), archive, archive=False)}
    assert live_only["report2022"].snapshot is None and live_only["report2022"].link.state is LinkState.OK
    assert live_only["mofcom"].recovery.status == "unchecked"
    archive_only = {c.reference_key: c for c in _run(_refs(site), archive, live=False)}
    assert archive_only["report2022"].link is None and archive_only["report2022"].snapshot is not None
    assert archive_only["mofcom"].link.state is LinkState.INCOMPLETE


def test_an_archive_nobody_can_reach_gives_every_reference_one_shared_line_naming_it(site):
    port = _closed_port()
    base = f"http://127.0.0.1:{port}/web/"
    with Fetcher(local_fetch_config()) as fetcher:
        checks = check_references(_refs(site), fetcher=fetcher, archives=[base], cdx=[base + "cdx"])
    errors = {c.archive_error for c in checks if c.archive_error}
    assert len(errors) == 1  # the same line on each: the findings can say it once
    (line,) = errors
    assert line.startswith("web archive unreachable") and base in line and "\n" not in line
    assert sum(1 for c in checks if c.archive_error) >= 4


def test_an_archive_that_answers_is_never_called_unreachable(site, archive):
    with Fetcher(local_fetch_config()) as fetcher:
        checks = check_references(
            _refs(site)[:1] + [_ref("ftp", "http://127.0.0.1:1/x")],
            fetcher=fetcher,
            archives=[archive.base],
            cdx=[archive.cdx],
        )
    assert checks[0].snapshot is not None
    assert not any((c.archive_error or "").startswith("web archive unreachable") for c in checks)


def test_replaying_a_warc_without_archive_answers_means_no_copy_recorded_not_an_error(
    site, archive, tmp_path
):
    warc = tmp_path / "live-only.warc.gz"
    with WarcRecorder(warc) as recorder:
        live_fetcher = RecordingFetcher(Fetcher(local_fetch_config(), recorder=recorder), recorder)
        _run(_refs(site), archive, fetcher=live_fetcher, archive=False)  # records live answers only
        live_fetcher.close()
    replayed = {c.reference_key: c for c in _run(_refs(site), archive, fetcher=ReplayFetcher(warc))}
    assert replayed["report2022"].link.state is LinkState.OK  # live verdicts come from the WARC
    assert all(c.archive_error is None and c.snapshot is None for c in replayed.values())
    assert replayed["mofcom"].recovery.status == "unchecked"
    assert "recorded" in replayed["mofcom"].recovery.evidence


# -- one scheduler, one body per page --------------------------------------------------------


def test_bodies_kept_by_the_check_stage_are_read_without_a_second_request(site, archive):
    bodies = SourceBodies()
    refs = _refs(site)
    with Fetcher(local_fetch_config()) as fetcher:
        site.reset()
        archive.reset()
        checks = _run(refs, archive, fetcher=fetcher, want_body=lambda ref: True, bodies=bodies)
        by_key = {c.reference_key: c for c in checks}
        live_before = len(site.requests("/chk/only-live.html"))
        snapshots_before = archive.request_count("id_/")
        assert live_before == 1 and snapshots_before >= 3  # the check stage fetched each once
        assert fetch_source(by_key["report2022"], fetcher, None, bodies)[:2] == (
            b"<p>2019: 35 wind farms</p>",
            "text/html; charset=utf-8",
        )
        assert b"12 solar parks" in fetch_source(by_key["onlylive"], fetcher, None, bodies)[0]
        assert len(site.requests("/chk/only-live.html")) == live_before  # the figure text: no request
        assert archive.request_count("id_/") == snapshots_before


def test_snapshot_downloads_start_while_index_queries_still_wait_for_their_budget(
    origin_server, pywb_archive_factory
):
    hosts = [f"host{n}.localhost" for n in (1, 2, 3)]
    urls = [origin_server.url(f"/sched/{n}.html", host=h) for h in hosts for n in range(3)]
    pywb = pywb_archive_factory([WarcPage(u, "20200101000000", f"<p>{u}</p>") for u in urls])
    refs = [_ref(f"r{n}", u) for n, u in enumerate(urls)]
    pywb.reset()
    with Fetcher(local_fetch_config(cdx_per_minute=120)) as fetcher:  # one index query every 0.5 s
        checks = _run(
            refs, pywb, fetcher=fetcher, live=False, want_body=lambda r: True, bodies=SourceBodies()
        )
    assert all(c.snapshot is not None for c in checks)
    log = pywb.requests()
    index = [r.time for r in log if "/cdx?" in r.path]
    downloads = [r.time for r in log if "id_/" in r.path]
    assert len(index) == 3 and len(downloads) == 9  # one query per host, one download per page
    assert min(downloads) < max(index)  # the first host's pages come before the last query


@pytest.fixture(scope="module")
def corpus(pywb_archive_factory):
    """Pages of three sites, cited in other spellings than they were captured under."""
    pages, cited = [], []
    for n in range(36):
        host = ("news.example", "gov.example", "forum.example")[n % 3]
        path = f"/a/{n % 4}/p{n}.html" if host != "forum.example" else f"/view.php?id={n}&lang=en"
        captured = f"http://www.{host}{path}" if n % 5 else f"https://{host}{path.upper()}"
        if n % 7 != 3:  # some are never archived
            pages.append(WarcPage(captured, "20190101000000", f"<p>{n} before</p>"))
            pages.append(WarcPage(captured, "20230101000000", f"<p>{n} after</p>"))
        if n % 6 == 1:
            pages.append(WarcPage(captured, "20210101000000", "<p>gone</p>", status=404))
        query_swapped = path.replace(f"id={n}&lang=en", f"lang=en&id={n}")
        cited.append((f"http://www.{host}{query_swapped}", ("2022-02-20", None, "2018-01-01")[n % 3]))
    return pywb_archive_factory(pages), cited


@pytest.mark.parametrize("row_limit", [5000, 7])
def test_planned_look_ups_choose_the_same_snapshots_as_one_query_per_url(corpus, row_limit):
    pywb, cited = corpus
    refs = [_ref(f"c{n}", url, date) for n, (url, date) in enumerate(cited)]
    pywb.reset()
    planned = _run(refs, pywb, live=False, row_limit=row_limit)
    planned_queries = pywb.request_count("/cdx?")
    pywb.reset()
    per_url = _run(refs, pywb, live=False, grouped=False)
    assert pywb.request_count("/cdx?") == len(cited)
    assert [(c.reference_key, c.snapshot, c.archive_error) for c in planned] == [
        (c.reference_key, c.snapshot, c.archive_error) for c in per_url
    ]
    assert sum(c.snapshot is not None for c in planned) == 31  # the never-archived five have none
    if row_limit == 5000:
        assert planned_queries == 3  # one per site
    else:
        assert 3 < planned_queries < len(cited)  # cut answers were split, still fewer than per URL


def test_a_language_only_the_content_language_header_states_reaches_the_source_text(site, archive):
    refs = [
        _ref("archived", site.url("/chk/lang-archived.html")),
        _ref("live", site.url("/chk/lang-live.html")),
    ]
    bodies = SourceBodies()
    with Fetcher(local_fetch_config()) as fetcher:
        checks = _run(refs, archive, fetcher=fetcher, want_body=lambda ref: True, bodies=bodies)
        by_key = {c.reference_key: c for c in checks}
        archived = fetch_source(by_key["archived"], fetcher, None, bodies)  # pywb replays the header
        live = fetch_source(by_key["live"], fetcher, None, bodies)  # the origin server sends it
        again = fetch_source(by_key["live"], fetcher, None, None)  # fetched anew, not from the run
    assert (archived.origin, archived.content_language) == ("archive", "pt-BR")
    assert (live.origin, live.content_language) == ("live", "es-AR") and again == live
    text = to_text(archived.body, archived.content_type, content_language=archived.content_language)
    assert text.language == "pt-BR"
