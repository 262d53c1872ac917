"""Live link states against the real origin server, with the evidence for each."""

from __future__ import annotations

import socket

import pytest

from citecheck.model import LinkState
from citecheck.sources.cache import Cache
from citecheck.sources.fetcher import FetchConfig, Fetcher, NetworkProbe
from citecheck.sources.live import check_link, check_links, not_found_phrase, similarity
from servers.origin import loopback_fetch_config


def config(**overrides) -> FetchConfig:
    return loopback_fetch_config(
        **{
            "backoff": 0.02,
            "retries": 1,
            "connect_timeout": 1.0,
            "read_timeout": 1.0,
            "total_timeout": 3.0,
            "default_retry_after": 0.2,
            **overrides,
        }
    )


@pytest.mark.parametrize(
    "path, state, reason",
    [
        ("/page/report-2021", LinkState.OK, "HTTP 200 OK"),
        ("/status/404", LinkState.BROKEN, "HTTP 404 Not Found"),
        ("/status/410", LinkState.BROKEN, "HTTP 410 Gone"),
        ("/status/401", LinkState.BLOCKED, "HTTP 401 Unauthorized (access refused: unknown, not dead)"),
        ("/status/403", LinkState.BLOCKED, "HTTP 403 Forbidden (access refused: unknown, not dead)"),
        (
            "/status/451",
            LinkState.BLOCKED,
            "HTTP 451 Unavailable For Legal Reasons (access refused: unknown, not dead)",
        ),
        ("/status/503", LinkState.FLAKY, "HTTP 503 Service Unavailable after 2 tries"),
        ("/flaky/live/1", LinkState.OK, "HTTP 200 OK"),
        ("/loop/a", LinkState.BROKEN, "redirect loop after 2 hops"),
        ("/to-root", LinkState.SOFT_404, "redirect to the site root"),
        ("/to-404ish", LinkState.SOFT_404, "redirect to an error page"),
        ("/soft404/anything", LinkState.SOFT_404, 'page says "page not found"'),
        ("/site/news/2021/cooperation.html", LinkState.SOFT_404, "same page as the host serves"),
        ("/redirect-file", LinkState.REFUSED, "redirect to a non-http address refused: file:///etc/passwd"),
        ("/redirect-private", LinkState.REFUSED, "refused: private address 10.0.0.1 after redirect"),
        ("/doc.pdf", LinkState.OK, "HTTP 200 OK"),
    ],
)
def test_each_kind_of_answer_gets_its_state_and_evidence(origin, path, state, reason):
    with Fetcher(config()) as fetcher:
        result = check_link(origin.url(path), fetcher)
    assert result.state is state
    assert result.reason.startswith(reason)
    assert result.checked_at and result.checked_at.endswith("Z")


def test_a_moved_page_is_redirected_with_its_final_url(origin):
    with Fetcher(config()) as fetcher:
        result = check_link(origin.url("/redirect/2?code=301"), fetcher)
    assert result.state is LinkState.REDIRECTED and result.final_url == origin.url("/page/end")
    assert len(result.redirects) == 3 and result.status == 200


def test_a_page_on_a_host_that_answers_404_properly_is_ok_after_one_probe(origin):
    with Fetcher(config()) as fetcher:
        results = check_links([origin.url(f"/page/item{n}") for n in range(3)], fetcher)
    assert {r.state for r in results.values()} == {LinkState.OK}
    probes = [r for r in origin.requests() if "no-such-page" in r.path]
    assert len(probes) == 1  # one probe for the directory, shared by the three pages


@pytest.mark.parametrize(
    "title, body",
    [
        ("页面不存在", "<p>抱歉，您访问的页面不存在或已被删除。</p>"),
        ("Página no encontrada", "<p>Lo sentimos.</p>"),
        ("Erro", "<h1>Página não encontrada</h1>"),
        ("Erreur", "<h1>Page introuvable</h1>"),
    ],
)
def test_not_found_pages_are_recognised_in_several_languages(origin, title, body):
    path = f"/lang/{abs(hash(title))}.html"
    origin.add_page(path, f"<html><head><title>{title}</title></head><body>{body}</body></html>")
    with Fetcher(config()) as fetcher:
        assert check_link(origin.url(path), fetcher).state is LinkState.SOFT_404


def test_a_long_article_that_mentions_a_missing_page_is_not_a_soft_404():
    article = "<html><head><title>Green cooperation</title></head><body>" + (
        "<p>The ministry said the page not found in the archive was restored.</p>"
        + "<p>More text. </p>" * 400
    )
    assert not_found_phrase(article) is None


def test_similarity_of_normalised_texts():
    assert similarity("a b c d e f", "a b c d e f") == 1.0
    assert (
        similarity("welcome to the ministry portal news", "annual report on solar investment in brazil")
        == 0.0
    )


def test_a_warm_run_makes_zero_requests_and_says_it_came_from_the_cache(origin, tmp_path):
    urls = [
        origin.url(p) for p in ("/page/warm", "/status/404", "/to-root", "/site/warm/x.html", "/status/503")
    ]
    with Fetcher(config()) as fetcher, Cache(tmp_path) as cache:
        cold = check_links(urls, fetcher, cache)
        assert fetcher.request_count > 0
    origin.reset()
    with Fetcher(config()) as fetcher, Cache(tmp_path) as cache:
        warm = check_links(urls, fetcher, cache)
        assert fetcher.request_count == 0
    assert origin.requests() == []
    assert {u: r.state for u, r in warm.items()} == {u: r.state for u, r in cold.items()}
    assert all(r.from_cache for r in warm.values()) and not any(r.from_cache for r in cold.values())


def test_the_history_says_since_when_and_how_often(origin, tmp_path):
    url = origin.url("/status/410")
    for expected in (1, 2, 3):
        with Fetcher(config()) as fetcher, Cache(tmp_path, live_ttl=0) as cache:
            result = check_link(url, fetcher, cache)
        assert result.state is LinkState.BROKEN and result.times_seen == expected
    assert result.first_seen is not None and result.first_seen <= result.checked_at


def test_invalid_urls_never_reach_the_network(origin):
    with Fetcher(config()) as fetcher:
        results = check_links(
            ["javascript:void(0)", "file:///etc/passwd", "http://", "mailto:a@b.c"], fetcher
        )
        assert fetcher.request_count == 0
    assert {r.state for r in results.values()} == {LinkState.INVALID}
    assert results["file:///etc/passwd"].reason == "only http and https are fetched, not file:"


def test_the_guard_makes_a_private_target_refused_not_broken(origin):
    with Fetcher(config(allowed_hosts=())) as fetcher:
        result = check_link(origin.url("/page/private"), fetcher)
    assert result.state is LinkState.REFUSED and result.reason == "refused: loopback address 127.0.0.1"


def test_no_such_name_is_broken_but_no_network_is_unreachable():
    def resolver(host, port):
        if host == "example.com":
            return ["93.184.216.34"]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    def offline(host, port):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    routed = NetworkProbe(resolver, "example.com", route=lambda: True)  # a machine with a default route
    with Fetcher(config(), resolver=resolver, offline_probe=routed) as fetcher:
        result = check_link("http://ar.mofcom-gone.example/article/1.shtml", fetcher)
    assert result.state is LinkState.BROKEN and result.reason == "DNS: no such host ar.mofcom-gone.example"
    with Fetcher(config(), resolver=offline, offline_probe=NetworkProbe(offline, "example.com")) as fetcher:
        result = check_link("http://www.gov.cn/xinwen/2021-11/03/content_5648567.htm", fetcher)
    assert result.state is LinkState.UNREACHABLE


def test_a_timeout_is_flaky_never_broken(origin):
    with Fetcher(config(read_timeout=0.2, retries=1)) as fetcher:
        result = check_link(origin.url("/slow?delay=1"), fetcher)
    assert result.state is LinkState.FLAKY and result.reason.startswith("timeout after 2 tries")


def test_check_links_deduplicates_keeps_order_and_reports_progress(origin):
    urls = [origin.url("/page/b"), origin.url("/page/a"), origin.url("/page/b"), origin.url("/status/404")]
    seen = []
    with Fetcher(config()) as fetcher:
        results = check_links(
            urls, fetcher, workers=4, progress=lambda done, total, r: seen.append((done, total))
        )
    assert list(results) == [urls[0], urls[1], urls[3]]
    assert sorted(seen) == [(1, 3), (2, 3), (3, 3)]
    assert len(origin.requests("/page/b")) == 1


def test_many_urls_on_one_host_never_beat_the_minimum_interval_or_the_concurrency(origin):
    urls = [origin.url(f"/page/rate/{n}.html", host="rate.localhost") for n in range(12)]
    with Fetcher(config(min_interval=0.06, per_host_concurrency=2)) as fetcher:
        results = check_links(urls, fetcher, workers=8)
    assert {r.state for r in results.values()} == {LinkState.OK}
    records = origin.requests(host="rate.localhost")
    assert len(records) == 13  # twelve pages and one soft-404 probe
    gaps = [b.time - a.time for a, b in zip(records, records[1:], strict=False)]
    # the server stamps each request when its thread gets to run: allow 20 ms of scheduling
    # jitter per gap, none on average (without the limiter the gaps would be near zero)
    assert min(gaps) >= 0.04
    assert (records[-1].time - records[0].time) / len(gaps) >= 0.057


def test_while_a_directorys_soft_404_probe_is_asked_the_hosts_other_connections_ask_pages(tmp_path):
    """Four connections to one host, 0.3 s per answer: the first four pages come back, one
    thread asks the directory's probe and the other three wait for its answer. Those three hold
    no connection, so pages 5-7 go out beside the probe, not one answer later."""
    from servers.origin import OriginServer

    latency = 0.3
    server = OriginServer(latency=latency).start()
    try:
        urls = [f"{server.base}/page/probe-overlap/{n}.html" for n in range(10)]
        with Fetcher(config(per_host_concurrency=4, read_timeout=3.0, total_timeout=9.0)) as fetcher:
            results = check_links(urls, fetcher, Cache(tmp_path / "c"), workers=4)
        assert {r.state for r in results.values()} == {LinkState.OK}
        records = server.requests()
        probe = next(r.time for r in records if "no-such-page" in r.path)
        pages = sorted(r.time for r in records if "no-such-page" not in r.path)
        beside = [t for t in pages if probe - 0.1 <= t < probe + latency / 2]
        assert len(beside) >= 2, (probe, pages)
    finally:
        server.stop()
