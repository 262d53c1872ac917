"""The fetcher against the real origin server: retries, Retry-After, limits, redirects."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time

from citecheck.sources.fetcher import DEFAULT_USER_AGENT, FetchConfig, Fetcher, NetworkProbe
from servers.origin import loopback_fetch_config
from servers.proxy import forward_proxy
from servers.tls import CertificateAuthority, https_server


def config(**overrides) -> FetchConfig:
    return loopback_fetch_config(
        **{
            "backoff": 0.05,
            "retries": 2,
            "connect_timeout": 1.0,
            "read_timeout": 2.0,
            "total_timeout": 5.0,
            "default_retry_after": 0.3,
            "max_bytes": 1_000_000,
            **overrides,
        }
    )


def gaps(records) -> list[float]:
    return [b.time - a.time for a, b in zip(records, records[1:], strict=False)]


def gaps_of(times) -> list[float]:
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def test_a_page_is_fetched_once_with_the_citecheck_user_agent(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/page/one"))
    assert response.status == 200 and b"5181.74" in response.body
    assert (
        response.error is None
        and response.attempts == 1
        and response.headers["content-type"].startswith("text/html")
    )
    [request] = origin.requests("/page/one")
    assert request.headers["User-Agent"] == DEFAULT_USER_AGENT
    assert (
        DEFAULT_USER_AGENT.startswith("citecheck/")
        and "+https://github.com/citecheck/citecheck" in DEFAULT_USER_AGENT
    )


def test_a_500_is_retried_and_the_second_answer_wins(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/flaky/fetch500/1"))
    assert response.status == 200 and response.attempts == 2
    assert len(origin.requests("/flaky/fetch500/1")) == 2


def test_a_503_that_never_recovers_is_tried_retries_plus_one_times_with_growing_backoff(origin):
    with Fetcher(config(retries=2, backoff=0.15)) as fetcher:
        response = fetcher.fetch(origin.url("/status/503"))
        assert fetcher.request_count == 3
    assert response.status == 503 and response.attempts == 3 and response.error is None
    first, second = gaps(origin.requests("/status/503"))
    assert first >= 0.15 and second >= 0.30


def test_a_404_is_not_retried(origin):
    with Fetcher(config()) as fetcher:
        assert fetcher.fetch(origin.url("/status/404")).status == 404
    assert len(origin.requests("/status/404")) == 1


def test_no_request_reaches_the_host_before_its_retry_after_seconds(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/429/ra-seconds/1?retry_after=0.6"))
    assert response.status == 200
    [gap] = gaps(origin.requests("/429/ra-seconds/1"))
    assert gap >= 0.6


def test_a_retry_after_given_as_an_http_date_is_honoured(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/429/ra-date/1?retry_date=2"))
    assert response.status == 200
    [gap] = gaps(origin.requests("/429/ra-date/1"))
    assert gap >= 1.0  # HTTP dates have one-second resolution: 2 s ahead is at least 1 s


def test_a_429_without_retry_after_means_default_silence(origin):
    with Fetcher(config(default_retry_after=0.5)) as fetcher:
        assert fetcher.fetch(origin.url("/429/bare/1")).status == 200
    [gap] = gaps(origin.requests("/429/bare/1"))
    assert gap >= 0.5


def test_a_429_silences_the_whole_host_not_only_the_url(origin):
    with Fetcher(config(default_retry_after=0.6, per_host_concurrency=4)) as fetcher:
        blocker = threading.Thread(target=fetcher.fetch, args=(origin.url("/429/host-wide/1"),))
        blocker.start()
        time.sleep(0.15)  # the 429 has arrived by now
        fetcher.fetch(origin.url("/page/other"))
        blocker.join()
    first_429 = origin.requests("/429/host-wide/1")[0].time
    assert origin.requests("/page/other")[0].time - first_429 >= 0.6


def test_a_retry_after_beyond_the_maximum_gives_up_on_that_host_for_the_run(origin):
    with Fetcher(config(max_retry_after=5)) as fetcher:
        first = fetcher.fetch(origin.url("/429/too-long/9?retry_after=3600"))
        second = fetcher.fetch(origin.url("/page/after-give-up"))
    assert first.status == 429 and first.error_kind == "rate-limited" and "3600" in first.error
    assert second.status is None and second.error_kind == "rate-limited"
    assert len(origin.requests("/429/too-long/9")) == 1 and origin.requests("/page/after-give-up") == []


def test_requests_to_one_host_keep_the_minimum_interval(origin):
    with Fetcher(config(min_interval=0.2)) as fetcher:
        for n in range(4):
            fetcher.fetch(origin.url(f"/page/interval{n}"))
    records = [r for r in origin.requests() if r.path.startswith("/page/interval")]
    # The server stamps arrival, not departure: allow scheduling jitter on a loaded machine,
    # still far above the few milliseconds between requests that no limiter would give.
    assert len(records) == 4 and min(gaps(records)) >= 0.15


def test_per_host_concurrency_is_never_exceeded(origin):
    with Fetcher(config(per_host_concurrency=2)) as fetcher:
        threads = [
            threading.Thread(target=fetcher.fetch, args=(origin.url(f"/slow?delay=0.25&n={n}"),))
            for n in range(6)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    # six 0.25 s requests, two at a time: three waves
    assert 0.7 <= elapsed < 1.5


def test_different_hosts_are_fetched_in_parallel_despite_the_interval(origin):
    with Fetcher(config(min_interval=1.0)) as fetcher:
        threads = [
            threading.Thread(target=fetcher.fetch, args=(origin.url("/page/x", host=f"host{n}.localhost"),))
            for n in range(4)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert time.monotonic() - started < 0.8
    assert {r.host for r in origin.requests("/page/x")} == {f"host{n}.localhost" for n in range(4)}


def test_cdx_calls_are_limited_per_minute(origin):
    with Fetcher(config(cdx_per_minute=150)) as fetcher:  # one every 0.4 s
        for n in range(3):
            fetcher.fetch(origin.url(f"/page/cdx{n}"), purpose="cdx")
        fetcher.fetch(origin.url("/page/live-meanwhile"))
    cdx = [r for r in origin.requests() if r.path.startswith("/page/cdx")]
    # the limiter spaces the sends 0.4 s apart; the server sees them with the jitter of
    # connection set-up (the first request opens the connection), so allow a few hundredths
    assert min(gaps(cdx)) >= 0.36
    # a live request on the same host is not held back by the CDX budget
    assert origin.requests("/page/live-meanwhile")[0].time - cdx[-1].time < 0.3


def test_timegate_and_snapshot_share_the_snapshot_rate(origin):
    with Fetcher(config(snapshots_per_second=4)) as fetcher:
        fetcher.fetch(origin.url("/page/tg"), purpose="timegate")
        fetcher.fetch(origin.url("/page/snap"), purpose="snapshot")
    gap = origin.requests("/page/snap")[0].time - origin.requests("/page/tg")[0].time
    assert gap >= 0.22  # 0.25 s apart at departure; arrival carries scheduling jitter


def _fetch_all(fetcher, urls, purpose, threads=8):
    chunks = [urls[n::threads] for n in range(threads)]
    workers = [
        threading.Thread(target=lambda part: [fetcher.fetch(u, purpose=purpose) for u in part], args=(part,))
        for part in chunks
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def test_snapshot_downloads_keep_their_own_budget_not_the_per_host_interval(origin):
    # 40 downloads at 80 a second take 0.5 s; held to a 0.1 s per-host interval they took 4 s
    with Fetcher(config(min_interval=0.1, snapshots_per_second=80)) as fetcher:
        _fetch_all(fetcher, [origin.url(f"/page/snap-budget/{n}") for n in range(40)], "snapshot")
    times = sorted(r.time for r in origin.requests() if r.path.startswith("/page/snap-budget/"))
    assert len(times) == 40
    assert 39 / 80 - 0.05 <= times[-1] - times[0] < 1.2  # the budget, not 40 x 0.1 s


def test_index_queries_keep_their_budget_and_ignore_the_per_host_interval(origin):
    with Fetcher(config(min_interval=1.0, cdx_per_minute=300)) as fetcher:  # one every 0.2 s
        _fetch_all(fetcher, [origin.url(f"/page/cdx-budget/{n}") for n in range(5)], "cdx", threads=2)
    times = sorted(r.time for r in origin.requests() if r.path.startswith("/page/cdx-budget/"))
    # 5 x 0.2 s, not 5 x 1 s (arrival stamps: each gap allows a loaded machine's jitter, the mean does not)
    assert min(gaps_of(times)) >= 0.12 and (times[-1] - times[0]) / 4 >= 0.18 and times[-1] - times[0] < 2.0


def test_pages_keep_the_per_host_interval_while_archive_downloads_run_on_the_same_host(origin):
    with Fetcher(config(min_interval=0.3, snapshots_per_second=50)) as fetcher:
        pages = threading.Thread(
            target=lambda: [fetcher.fetch(origin.url(f"/page/iv-live/{n}")) for n in range(3)]
        )
        pages.start()
        _fetch_all(fetcher, [origin.url(f"/page/iv-snap/{n}") for n in range(10)], "snapshot", threads=4)
        pages.join()
    live = sorted(r.time for r in origin.requests() if r.path.startswith("/page/iv-live/"))
    snaps = sorted(r.time for r in origin.requests() if r.path.startswith("/page/iv-snap/"))
    assert min(gaps_of(live)) >= 0.2 and (live[-1] - live[0]) / 2 >= 0.27  # pages: the host's interval
    assert snaps[-1] - snaps[0] < 0.5  # downloads: their own 50 a second, alongside


def test_redirects_are_followed_hop_by_hop(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/redirect/3?code=301"))
    assert response.status == 200 and response.final_url.endswith("/page/end")
    assert [u.split(str(origin.port))[1] for u in response.redirects] == [
        "/redirect/2?code=301",
        "/redirect/1?code=301",
        "/redirect/0?code=301",
        "/page/end",
    ]


def test_without_follow_redirects_the_3xx_comes_back_with_its_location(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/redirect/1"), follow_redirects=False)
    assert response.status == 302 and response.headers["location"] == "/redirect/0?code=302"
    assert response.redirects == ()


def test_a_redirect_loop_is_detected(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/loop/a"))
    assert response.error_kind == "redirect-loop"
    assert len(origin.requests("/loop/a")) == 1 and len(origin.requests("/loop/b")) == 1


def test_a_fifty_hop_chain_stops_after_max_redirects(origin):
    with Fetcher(config(max_redirects=5)) as fetcher:
        response = fetcher.fetch(origin.url("/redirect/50"))
    assert response.error_kind == "too-many-redirects" and len(response.redirects) == 5
    assert len([r for r in origin.requests() if r.path.startswith("/redirect/")]) == 6


def test_non_http_schemes_and_garbage_are_refused_without_a_request(origin):
    with Fetcher(config()) as fetcher:
        kinds = [
            fetcher.fetch(u).error_kind
            for u in ("file:///etc/passwd", "javascript:alert(1)", "http://", "ht tp://x")
        ]
        assert fetcher.request_count == 0
    assert kinds == ["scheme", "scheme", "invalid-url", "invalid-url"]


def test_a_closed_port_is_a_connect_error_after_retries():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with Fetcher(config(retries=1)) as fetcher:
        response = fetcher.fetch(f"http://127.0.0.1:{port}/")
        assert fetcher.request_count == 0  # nothing was ever sent
    assert response.status is None and response.error_kind == "connect" and response.attempts == 2


def test_a_server_slower_than_the_read_timeout_is_a_timeout(origin):
    with Fetcher(config(read_timeout=0.3, retries=0)) as fetcher:
        started = time.monotonic()
        response = fetcher.fetch(origin.url("/slow?delay=2"))
    assert response.error_kind == "timeout" and time.monotonic() - started < 1.0


def _routed(resolver):
    """The default probe over ``resolver``, on a machine that has a default route."""
    return NetworkProbe(resolver, "example.com", route=lambda: True)


def test_a_name_that_does_not_exist_differs_from_no_network():
    def resolver(host, port):
        if host == "example.com":
            return ["93.184.216.34"]  # never connected to: only proves that DNS works
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    def dead_resolver(host, port):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    def nothing_resolves(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with Fetcher(config(), resolver=resolver, offline_probe=_routed(resolver)) as fetcher:
        assert fetcher.fetch("http://no-such-host.example/").error_kind == "dns"
    with Fetcher(config(), resolver=dead_resolver, offline_probe=_routed(dead_resolver)) as fetcher:
        assert fetcher.fetch("http://no-such-host.example/").error_kind == "offline"
    with Fetcher(config(), resolver=nothing_resolves, offline_probe=_routed(nothing_resolves)) as fetcher:
        assert fetcher.fetch("http://no-such-host.example/").error_kind == "offline"


def test_with_no_route_to_the_internet_a_failed_name_is_offline_even_when_the_resolver_answers():
    def resolver(host, port):
        if host == "example.com":
            return ["93.184.216.34"]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    unrouted = NetworkProbe(resolver, "example.com", route=lambda: False)
    with Fetcher(config(), resolver=resolver, offline_probe=unrouted) as fetcher:
        response = fetcher.fetch("http://no-such-host.example/")
    assert response.error_kind == "offline" and response.error.startswith(
        "cannot resolve no-such-host.example"
    )


def test_the_offline_probe_is_asked_only_when_a_name_fails_and_its_answer_decides():
    asked = []

    def probe() -> bool:
        asked.append(1)
        return False  # "the network works"

    def nothing_resolves(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with Fetcher(config(), resolver=nothing_resolves, offline_probe=probe) as fetcher:
        assert fetcher.fetch("http://gone.example/").error_kind == "dns"
    assert asked == [1]


def test_a_host_that_did_not_resolve_answers_at_once_for_the_rest_of_the_run():
    asked = []

    def nothing_resolves(host, port):
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # A CDX budget of 6 a minute would hold each further query 10 s behind the first.
    works = lambda: False  # noqa: E731 - the network works: the name is what is missing
    with Fetcher(config(cdx_per_minute=6.0), resolver=nothing_resolves, offline_probe=works) as fetcher:
        first = fetcher.fetch("http://archive.invalid/cdx?url=a", purpose="cdx")
        started = time.monotonic()
        again = [fetcher.fetch(f"http://archive.invalid/cdx?url={n}", purpose="cdx") for n in "bcd"]
        spent = time.monotonic() - started
    assert first.error_kind == "dns" and {r.error_kind for r in again} == {"dns"}
    assert again[0].error == first.error and spent < 1.0
    assert asked.count("archive.invalid") == 1 and fetcher.request_count == 0


def test_the_recorder_sees_every_http_response(origin):
    class Recorder:
        def __init__(self):
            self.seen = []

        def record(self, response, request_headers):
            self.seen.append((response.status, response.url, request_headers["User-Agent"]))

    recorder = Recorder()
    with Fetcher(config(), recorder=recorder) as fetcher:
        fetcher.fetch(origin.url("/redirect/1"))
        fetcher.fetch(origin.url("/flaky/recorded/1"))
    assert [s for s, _, _ in recorder.seen] == [302, 302, 200, 500, 200]
    assert all(ua == DEFAULT_USER_AGENT for _, _, ua in recorder.seen)


def test_a_caller_may_lower_the_body_cap_per_request(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/big?size=5000"), max_bytes=1000)
    assert response.truncated and len(response.body) == 1000 and response.status == 200


def test_an_http_url_goes_through_the_proxy_http_proxy_names(origin, monkeypatch):
    with forward_proxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        with Fetcher(config()) as fetcher:
            response = fetcher.fetch(origin.url("/page/a"))
    assert response.status == 200 and response.error is None
    assert proxy.forwarded == [("GET", origin.url("/page/a"))]
    assert [r.path for r in origin.requests()] == ["/page/a"]


def test_no_proxy_keeps_loopback_direct(origin, monkeypatch):
    with forward_proxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
        with Fetcher(config()) as fetcher:
            response = fetcher.fetch(origin.url("/page/a"))
    assert response.status == 200 and proxy.forwarded == []


def test_an_https_url_is_tunnelled_with_connect_through_the_https_proxy(tmp_path, monkeypatch):
    authority = CertificateAuthority.create(tmp_path)
    now = dt.datetime.now(dt.timezone.utc)
    pair = authority.issue(
        tmp_path, "leaf", valid_from=now - dt.timedelta(days=1), valid_until=now + dt.timedelta(days=1)
    )
    with https_server(*pair) as url, forward_proxy() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        with Fetcher(config(ca_bundle=str(authority.bundle))) as fetcher:
            response = fetcher.fetch(url)
    assert response.status == 200 and b"served over TLS" in response.body
    assert proxy.forwarded == [("CONNECT", url.removeprefix("https://").rstrip("/"))]


def test_the_address_guard_still_refuses_private_targets_when_a_proxy_would_carry_them(monkeypatch):
    def resolver(host, port):
        return ["127.0.0.1"] if host == "rebind.example" else ["93.184.216.34"]

    with forward_proxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        with Fetcher(FetchConfig(retries=0), resolver=resolver) as fetcher:
            literal = fetcher.fetch("http://10.0.0.1/")
            named = fetcher.fetch("http://rebind.example/")
    assert literal.error_kind == "guard" and literal.error == "refused: private address 10.0.0.1"
    assert named.error_kind == "guard" and "rebind.example resolves to loopback" in named.error
    assert proxy.forwarded == []


def test_error_kinds_say_whether_a_retry_can_help_and_whether_the_host_is_hopeless():
    from citecheck.sources.transport import ErrorKind

    assert {k.value for k in ErrorKind if k.retryable} == {"timeout", "connect"}
    assert {k.value for k in ErrorKind if k.hopeless} == {"dns", "offline", "connect", "guard"}
    assert {k.value for k in ErrorKind if k.unfetchable} == {"scheme", "invalid-url"}
    assert {k: k.warc_truncated for k in ErrorKind if k.warc_truncated} == {
        "too-large": "length",
        "timeout": "time",
        "incomplete": "disconnect",
    }
    assert ErrorKind.parse("dns") is ErrorKind.DNS and ErrorKind.parse("no-such-kind") is None


def test_every_fetcher_and_wrapper_offers_the_whole_transport_protocol(tmp_path):
    from citecheck.sources.checker import ArchiveTraffic
    from citecheck.sources.session import LoggingFetcher
    from citecheck.sources.transport import Transport
    from citecheck.sources.warc import RecordingFetcher, ReplayFetcher, WarcRecorder

    with Fetcher(config()) as fetcher, WarcRecorder(tmp_path / "run.warc.gz") as recorder:
        composed = [
            fetcher,
            ReplayFetcher([]),
            RecordingFetcher(fetcher, recorder),
            LoggingFetcher(fetcher, print),
            ArchiveTraffic(ReplayFetcher([]), ()),
        ]
        assert all(isinstance(t, Transport) for t in composed)
        assert [t.ready_at("a.example") >= 0 for t in composed] == [True] * 5
        assert [t.precheck("ftp://a.example/")[0] for t in composed] == ["scheme"] * 5


def test_an_archive_host_that_refuses_connections_answers_at_once_after_the_first_request():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed once the block ends: connections are refused
    # a CDX budget of 6 a minute would hold each further query 10 s behind the first
    with Fetcher(config(cdx_per_minute=6.0, retries=0)) as fetcher:
        first = fetcher.fetch(f"http://127.0.0.1:{port}/cdx?url=a", purpose="cdx")
        started = time.monotonic()
        again = [fetcher.fetch(f"http://127.0.0.1:{port}/cdx?url={n}", purpose="cdx") for n in "bc"]
        spent = time.monotonic() - started
        page = fetcher.fetch(f"http://127.0.0.1:{port}/page", purpose="live")  # a page keeps its own try
    assert first.error_kind == "connect" and [r.error for r in again] == [first.error] * 2
    assert spent < 1.0 and [r.attempts for r in again] == [0, 0] and page.attempts == 1
