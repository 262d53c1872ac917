"""Hostile servers: every case ends in a defined state, within the time and memory bounds."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
import tracemalloc

import pytest

from citecheck.model import LinkState
from citecheck.sources.fetcher import FetchConfig, Fetcher
from citecheck.sources.live import check_link
from servers.origin import loopback_fetch_config
from servers.tls import CertificateAuthority, https_server, self_signed

CAP = 1_000_000


def config(**overrides) -> FetchConfig:
    return loopback_fetch_config(
        **{
            "backoff": 0.02,
            "retries": 1,
            "connect_timeout": 1.0,
            "read_timeout": 1.0,
            "total_timeout": 2.0,
            "max_bytes": CAP,
            **overrides,
        }
    )


@pytest.mark.parametrize("path", ["/gzip-bomb", "/deflate-bomb"])
def test_a_compression_bomb_stops_at_the_cap(origin, path):
    origin._blob(path.strip("/"))  # build the bomb before measuring memory
    with Fetcher(config()) as fetcher:
        tracemalloc.start()
        try:
            response = fetcher.fetch(origin.url(path))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 16 * CAP  # 64 MiB inflated at once would blow far past this
    assert response.status == 200 and response.truncated and response.error_kind == "too-large"
    assert len(response.body) == CAP and set(response.body) == {0}  # really decompressed, then cut


def test_a_body_over_the_cap_is_cut_and_the_page_still_counts_as_there(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url(f"/big?size={3 * CAP}"))
        result = check_link(origin.url("/page/big-sibling"), fetcher)
    assert response.truncated and len(response.body) == CAP
    assert result.state is LinkState.OK


def test_a_content_length_that_lies_is_an_incomplete_body_not_a_crash(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/lying-length"))
        assert check_link(origin.url("/lying-length"), fetcher).state is LinkState.OK
    assert response.status == 200 and response.error_kind == "incomplete" and len(response.body) == 100


def test_an_endless_chunked_body_stops_at_the_cap(origin):
    started = time.monotonic()
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/endless-chunked"))
    assert response.truncated and len(response.body) == CAP and time.monotonic() - started < 2


def test_a_one_byte_a_second_drip_cannot_outlast_the_total_deadline(origin):
    started = time.monotonic()
    with Fetcher(config(total_timeout=1.5, read_timeout=5.0)) as fetcher:
        result = check_link(origin.url("/drip?n=60&interval=1"), fetcher)
    elapsed = time.monotonic() - started
    assert result.state is LinkState.FLAKY and "stalled" in result.reason
    assert elapsed < 2.5  # read_timeout alone (5 s per byte) would never have fired


def test_a_drip_in_the_headers_is_also_cut_at_the_deadline():
    class Dripper(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(30):
                try:
                    self.wfile.write(b"X-Slow: y\r\n")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.5)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Dripper)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        started = time.monotonic()
        with Fetcher(config(total_timeout=1.2, read_timeout=5.0, retries=0)) as fetcher:
            response = fetcher.fetch(f"http://127.0.0.1:{server.server_address[1]}/")
        assert response.error_kind == "timeout" and time.monotonic() - started < 2.2
    finally:
        server.shutdown()
        server.server_close()


def test_a_ten_megabyte_single_line_page_is_handled_quickly(origin):
    started = time.monotonic()
    with Fetcher(config(max_bytes=10 * CAP + 100_000, total_timeout=10)) as fetcher:
        result = check_link(origin.url("/long-line"), fetcher)
    assert result.state is LinkState.OK and time.monotonic() - started < 5


def test_a_page_that_lies_about_its_charset_is_still_ok(origin):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url("/wrong-charset"))
        result = check_link(origin.url("/wrong-charset"), fetcher)
    assert "中拉绿色合作".encode() in response.body and result.state is LinkState.OK


@pytest.mark.parametrize(
    "path, content_type, magic",
    [
        ("/doc.pdf", "application/pdf", b"%PDF"),
        ("/fake.pdf", "application/pdf", b"<!doctype"),
        ("/pdf-as-html", "text/html", b"%PDF"),
    ],
)
def test_pdfs_and_pretend_pdfs_come_back_as_sent(origin, path, content_type, magic):
    with Fetcher(config()) as fetcher:
        response = fetcher.fetch(origin.url(path))
        result = check_link(origin.url(path), fetcher)
    assert response.headers["content-type"].startswith(content_type) and response.body.startswith(magic)
    assert result.state is LinkState.OK


def test_redirect_loops_and_long_chains_end_as_broken(origin):
    with Fetcher(config()) as fetcher:
        loop = check_link(origin.url("/loop/a"), fetcher)
        chain = check_link(origin.url("/redirect/50"), fetcher)
    assert loop.state is LinkState.BROKEN and chain.state is LinkState.BROKEN
    assert len([r for r in origin.requests() if r.path.startswith("/redirect/")]) == 11


def test_redirects_to_file_and_to_a_private_address_are_refused(origin):
    with Fetcher(config(allowed_hosts=("127.0.0.1",))) as fetcher:
        assert check_link(origin.url("/redirect-file"), fetcher).state is LinkState.REFUSED
        assert check_link(origin.url("/redirect-private"), fetcher).state is LinkState.REFUSED


@pytest.fixture(scope="module")
def tls_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("tls")


@pytest.fixture(scope="module")
def authority(tls_dir):
    return CertificateAuthority.create(tls_dir)


@pytest.fixture(scope="module")
def self_signed_server(tls_dir):
    with https_server(*self_signed(tls_dir)) as url:
        yield url


def _issued_server(authority, tls_dir, name, valid_from_days, valid_until_days):
    now = dt.datetime.now(dt.timezone.utc)
    pair = authority.issue(
        tls_dir,
        name,
        valid_from=now + dt.timedelta(days=valid_from_days),
        valid_until=now + dt.timedelta(days=valid_until_days),
    )
    return https_server(*pair)


def test_a_self_signed_certificate_is_blocked_not_broken_and_not_retried(self_signed_server):
    with Fetcher(config(retries=2)) as fetcher:
        response = fetcher.fetch(self_signed_server)
        result = check_link(self_signed_server, fetcher)
    assert response.error_kind == "tls" and "self-signed" in response.error and response.attempts == 1
    assert result.state is LinkState.BLOCKED


def test_a_certificate_signed_by_a_trusted_authority_is_accepted(authority, tls_dir):
    # The control for the two tests below: same authority, same server, only the dates differ.
    with _issued_server(authority, tls_dir, "valid", -1, 30) as url:
        with Fetcher(config(ca_bundle=str(authority.bundle))) as fetcher:
            result = check_link(url, fetcher)
    assert result.state is LinkState.OK


def test_an_expired_certificate_is_blocked_with_the_reason_and_not_retried(authority, tls_dir):
    with _issued_server(authority, tls_dir, "expired", -400, -30) as url:
        with Fetcher(config(retries=2, ca_bundle=str(authority.bundle))) as fetcher:
            response = fetcher.fetch(url)
            result = check_link(url, fetcher)
    assert response.status is None and response.error_kind == "tls" and response.attempts == 1
    assert "expired" in response.error
    assert result.state is LinkState.BLOCKED and "expired" in result.reason


def test_a_certificate_not_yet_valid_is_blocked_with_the_reason(authority, tls_dir):
    with _issued_server(authority, tls_dir, "future", 30, 400) as url:
        with Fetcher(config(ca_bundle=str(authority.bundle))) as fetcher:
            response = fetcher.fetch(url)
    assert response.error_kind == "tls" and "not yet valid" in response.error


def test_without_the_authority_the_same_valid_certificate_is_refused(authority, tls_dir):
    with _issued_server(authority, tls_dir, "untrusted", -1, 30) as url:
        with Fetcher(config()) as fetcher:
            response = fetcher.fetch(url)
    assert response.error_kind == "tls" and "unable to get local issuer" in response.error
