"""WARC in and out: what a run fetched is recorded, and replays the same with no network."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading

import pytest
from warcio.archiveiterator import ArchiveIterator

from citecheck.errors import InputError
from citecheck.sources.fetcher import Fetcher, FetchResponse
from citecheck.sources.warc import RecordingFetcher, ReplayFetcher, WarcRecorder
from servers.pywb_archive import local_fetch_config


def _records(path):
    with open(path, "rb") as handle:
        return [
            (
                r.rec_type,
                r.rec_headers.get_header("WARC-Target-URI"),
                r.rec_headers.get_header("WARC-Truncated"),
            )
            for r in ArchiveIterator(handle)
        ]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _record_live(path, urls, **fetch_kwargs):
    with WarcRecorder(path) as recorder:
        with RecordingFetcher(Fetcher(local_fetch_config(), recorder=recorder), recorder) as fetcher:
            return {url: fetcher.fetch(url, **fetch_kwargs) for url in urls}


def test_every_response_is_recorded_with_its_request(origin_server, tmp_path):
    page, missing = origin_server.url("/page/warc-a"), origin_server.url("/status/404")
    _record_live(tmp_path / "run.warc.gz", [page, missing])
    records = _records(tmp_path / "run.warc.gz")
    assert records[0][0] == "warcinfo"
    assert [(t, u) for t, u, _ in records[1:]] == [
        ("response", page),
        ("request", page),
        ("response", missing),
        ("request", missing),
    ]  # warcio's order for a pair: response, then the request concurrent to it


def test_replay_gives_the_live_status_body_and_redirects_without_network(origin_server, tmp_path):
    urls = [
        origin_server.url("/page/warc-b"),
        origin_server.url("/redirect/2"),
        origin_server.url("/status/410"),
    ]
    live = _record_live(tmp_path / "run.warc.gz", urls)
    origin_server.reset()
    replay = ReplayFetcher(tmp_path / "run.warc.gz")
    for url in urls:
        again = replay.fetch(url)
        assert again.from_replay
        assert (again.status, again.body, again.final_url, again.redirects) == (
            live[url].status,
            live[url].body,
            live[url].final_url,
            live[url].redirects,
        )
    assert origin_server.requests() == [] and replay.request_count == 0


def test_a_url_not_in_the_warc_is_offline_not_broken(tmp_path, origin_server):
    _record_live(tmp_path / "run.warc.gz", [origin_server.url("/page/warc-c")])
    answer = ReplayFetcher(tmp_path / "run.warc.gz").fetch("http://not-recorded.example.org/")
    assert (answer.status, answer.error_kind, answer.from_replay) == (None, "offline", True)


def test_a_fetch_without_any_answer_replays_as_the_same_failure(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}/gone"
    live = _record_live(tmp_path / "run.warc.gz", [url])[url]
    again = ReplayFetcher(tmp_path / "run.warc.gz").fetch(url)
    assert live.error_kind == "connect"
    assert (again.status, again.error_kind, again.error) == (None, live.error_kind, live.error)


def test_replay_refuses_other_schemes_like_the_live_fetcher():
    assert ReplayFetcher([]).fetch("javascript:alert(1)").error_kind == "scheme"
    assert ReplayFetcher([]).precheck("file:///etc/passwd")[0] == "scheme"


def test_a_body_cut_at_the_cap_is_marked_truncated_and_replays_as_too_large(origin_server, tmp_path):
    url = origin_server.url("/big?size=50000")
    live = _record_live(tmp_path / "run.warc.gz", [url], max_bytes=1000)[url]
    assert live.truncated and live.error_kind == "too-large"
    assert ("response", url, "length") in _records(tmp_path / "run.warc.gz")
    again = ReplayFetcher(tmp_path / "run.warc.gz").fetch(url)
    assert (again.truncated, again.error_kind, len(again.body)) == (True, "too-large", 1000)


def test_the_warc_appears_only_when_closed(tmp_path):
    target = tmp_path / "out" / "run.warc.gz"
    recorder = WarcRecorder(target)
    recorder.record(_response("http://a.example/"), {"User-Agent": "t"})
    assert not target.exists()
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".part")]
    recorder.close()
    assert target.exists() and not [p for p in target.parent.iterdir() if p.name.endswith(".part")]
    assert len(ReplayFetcher(target).urls()) == 1


def test_a_killed_run_never_leaves_a_truncated_warc_at_the_final_path(tmp_path):
    target = tmp_path / "killed.warc.gz"
    script = (
        "import sys, time\n"
        "from citecheck.sources.warc import WarcRecorder\n"
        "from citecheck.sources.fetcher import FetchResponse\n"
        "r = WarcRecorder(sys.argv[1])\n"
        "for i in range(50):\n"
        "    r.record(FetchResponse(f'http://a.example/{i}', f'http://a.example/{i}', 200, 'OK', {}, b'x' * 1000,"
        " (), 0.0, 1, False, None, None), {})\n"
        "print('ready', flush=True)\n"
        "time.sleep(30)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not target.exists()


def test_recording_from_many_threads_keeps_every_record_whole(tmp_path):
    target = tmp_path / "threads.warc.gz"
    with WarcRecorder(target) as recorder:

        def work(n: int) -> None:
            for i in range(25):
                recorder.record(_response(f"http://t{n}.example/{i}", body=b"%d-%d " % (n, i) * 200), {})

        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    replay = ReplayFetcher(target)
    assert len(replay.urls()) == 200
    assert replay.fetch("http://t3.example/7").body == b"3-7 " * 200


def test_a_damaged_warc_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"this is not a warc file at all\n" * 10)
    with pytest.raises(InputError, match="not a readable WARC"):
        ReplayFetcher(bad)


def test_live_soft_404_probe_replays_from_the_recorded_probe_of_that_directory(tmp_path):
    target = tmp_path / "probe.warc.gz"
    with WarcRecorder(target) as recorder:
        recorder.record(
            _response("http://h.example/news/citecheck-0123456789ab-no-such-page", b"catch-all"), {}
        )
    replay = ReplayFetcher(target)
    assert replay.fetch("http://h.example/news/citecheck-fedcba987654-no-such-page").body == b"catch-all"
    assert replay.fetch("http://h.example/other/citecheck-fedcba987654-no-such-page").error_kind == "offline"


def _response(url: str, body: bytes = b"<p>hello</p>") -> FetchResponse:
    return FetchResponse(
        url=url,
        final_url=url,
        status=200,
        reason="OK",
        headers={"content-type": "text/html", "content-encoding": "gzip", "content-length": "12"},
        body=body,
        redirects=(),
        elapsed=0.01,
        attempts=1,
        truncated=False,
        error=None,
        error_kind=None,
    )


def test_bodies_are_stored_decoded_so_the_encoding_header_is_dropped(tmp_path):
    target = tmp_path / "enc.warc.gz"
    with WarcRecorder(target) as recorder:
        recorder.record(_response("http://e.example/", b"plain text body"), {})
    again = ReplayFetcher(target).fetch("http://e.example/")
    assert again.body == b"plain text body"
    assert "content-encoding" not in again.headers and again.headers["content-length"] == "15"


def test_redirects_into_refused_targets_replay_with_the_same_hops_and_error(origin_server, tmp_path):
    urls = [
        origin_server.url("/redirect-private"),
        origin_server.url("/redirect-file"),
        origin_server.url("/loop/a"),
    ]
    live = _record_live(tmp_path / "run.warc.gz", urls)
    replay = ReplayFetcher(tmp_path / "run.warc.gz")
    for url in urls:
        again = replay.fetch(url)
        assert (again.status, again.error_kind, again.redirects, again.final_url) == (
            live[url].status,
            live[url].error_kind,
            live[url].redirects,
            live[url].final_url,
        ), url


def test_a_replayed_page_keeps_the_content_language_header_it_was_served_with(origin_server, tmp_path):
    origin_server.add_page(
        "/warc/lang.html", "<p>A usina tem 1.200 MW.</p>", headers={"Content-Language": "pt-BR"}
    )
    url = origin_server.url("/warc/lang.html")
    live = _record_live(tmp_path / "run.warc.gz", [url])[url]
    again = ReplayFetcher(tmp_path / "run.warc.gz").fetch(url)
    assert live.content_language == again.content_language == "pt-BR"


def test_replay_follows_redirects_with_the_live_fetchers_limit(origin_server, tmp_path):
    url = origin_server.url("/redirect/12")  # twelve hops: more than the default limit of ten
    live = _record_live(tmp_path / "run.warc.gz", [url])[url]
    again = ReplayFetcher(tmp_path / "run.warc.gz").fetch(url)
    assert live.error_kind == "too-many-redirects" and live.error == "more than 10 redirects"
    assert (again.error_kind, again.error, again.redirects) == (live.error_kind, live.error, live.redirects)
