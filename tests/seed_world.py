"""A local world for the seed paper: its cited hosts answered by the origin server, their
archived copies served by pywb (not a test module; used by the end-to-end tests and the
``benchmarks/verify_speed.py`` benchmark).

The seed cites real hosts (www.gov.cn, www.cofco.com ...). Nothing may leave 127.0.0.0/8,
so :class:`SeedRouter` wraps the real :class:`~citecheck.sources.fetcher.Fetcher` and sends
``http(s)://<host>/<path>`` to ``http://<host>.localhost:<port>/<path>`` on the origin
server (``*.localhost`` is loopback without DNS), then writes the real host back into the
answer, so every check, finding and report names the seed's real URLs. Any other host
answers as "offline" without a packet sent. The archive keeps the real URLs in its WARC:
pywb replays by URL, no DNS involved.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from citecheck.sources.fetcher import FetchResponse


def _seed_urls() -> dict[str, str]:
    """The complete URLs the parser recovers from the seed, by host (the parser's own repairs)."""
    from citecheck.document import load_document
    from citecheck.references.extract import extract_references

    seed = Path(__file__).resolve().parent.parent / "seeds" / "china-latin-america-green-cooperation-2022.txt"
    urls: dict[str, str] = {}
    for ref in extract_references(load_document(seed)):
        if ref.url is not None and ref.url.complete and ref.url.repaired:
            urls.setdefault(urlsplit(ref.url.repaired).hostname or "", ref.url.repaired)
    return urls


_URLS = _seed_urls()

# What the live web answers for the seed's cited URLs (as the parser repairs them).
COFCO = _URLS["www.cofco.com"]  # dead, archived
CUSTOMS = _URLS["www.customs.gov.cn"]  # dead, archived (the figures)
GUANCHA = _URLS["www.guancha.cn"]  # redirects to the site root
GOV_CN = _URLS["www.gov.cn"]  # alive
CELAC = _URLS["celacinternational.org"]  # alive, quotes the hydrogen figure
MX_MOFCOM = _URLS["mx.mofcom.gov.cn"]  # dead, never archived

ROUTED_HOSTS = frozenset(_URLS)  # every host the seed cites completely

CUSTOMS_ARCHIVED = (
    "<html><head><meta charset='utf-8'><title>2021年12月中国与拉美国家进出口统计</title></head><body>"
    "<h1>海关统计数据</h1>"
    "<p>据中国海关进出口贸易统计，2021年中国与拉美地区进出口贸易额达4515.91亿美元，同比增长41.1%。</p>"
    "</body></html>"
)
COFCO_ARCHIVED = (
    "<html><head><title>中粮在巴西建立可持续大豆供应链取得突破性进展</title></head><body>"
    "<p>中粮国际在巴西建立可持续大豆供应链取得突破性进展。</p></body></html>"
)
CELAC_LIVE = (
    "<html><head><title>CELAC</title></head><body><p>La capacidad anual de producción de hidrógeno "
    "verde alcanzará 25.000 megavatios.</p></body></html>"
)
GOV_CN_LIVE = (
    "<html><head><meta charset='utf-8'><title>中国—拉共体论坛第三届部长会议</title></head><body>"
    "<p>中国—拉共体论坛第三届部长会议通过《中国—拉共体论坛第三届部长会议宣言》。</p></body></html>"
)


def archived_pages():
    """The WARC captures pywb serves (keyed by the seed's real URLs)."""
    from servers.pywb_archive import WarcPage

    return [
        WarcPage(COFCO, "20220115083000", COFCO_ARCHIVED),
        WarcPage(CUSTOMS, "20220301101500", CUSTOMS_ARCHIVED),
    ]


def install_origin_pages(origin) -> None:
    """Teach the origin server what each seed host answers (paths are unique to the seed)."""
    for url in (COFCO, CUSTOMS, MX_MOFCOM):
        origin.add_page(urlsplit(url).path, "<h1>404 Not Found</h1>", status=404)
    origin.add_page(urlsplit(GUANCHA).path, "", status=302, headers={"Location": "/"})
    origin.add_page(urlsplit(GOV_CN).path, GOV_CN_LIVE)
    origin.add_page(urlsplit(CELAC).path, CELAC_LIVE)


class SeedRouter:
    """A fetcher that answers the seed's real hosts from the local origin server."""

    def __init__(self, fetcher, port: int, hosts=ROUTED_HOSTS):
        self._fetcher = fetcher
        self._port = port
        self._hosts = frozenset(hosts)
        self._schemes: dict[str, str] = {}  # host -> the scheme the paper cites it with
        self.routed: list[str] = []

    def _to_local(self, url: str) -> str | None:
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if parts.hostname in self._hosts and parts.scheme in ("http", "https"):
            self._schemes.setdefault(parts.hostname, parts.scheme)
            return urlunsplit(
                ("http", f"{parts.hostname}.localhost:{self._port}", parts.path, parts.query, "")
            )
        return None

    def back(self, url: str | None) -> str | None:
        """The real URL of a routed local one (others unchanged)."""
        if not url:
            return url
        parts = urlsplit(url)
        host = parts.hostname or ""
        suffix = ".localhost"
        real = host[: -len(suffix)]
        if host.endswith(suffix) and real in self._hosts and parts.port == self._port:
            scheme = self._schemes.get(real, "http")
            return urlunsplit((scheme, real, parts.path, parts.query, parts.fragment))
        return url

    def fetch(self, url: str, **kwargs) -> FetchResponse:
        local = self._to_local(url)
        if local is not None:
            self.routed.append(url)
            response = self._fetcher.fetch(local, **kwargs)
            return replace(
                response,
                url=url,
                final_url=self.back(response.final_url),
                redirects=tuple(self.back(r) for r in response.redirects),
            )
        host = ""
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            pass
        if host and host not in ("127.0.0.1", "localhost") and not host.endswith(".localhost"):
            return FetchResponse(
                url=url,
                final_url=url,
                status=None,
                reason="",
                headers={},
                body=b"",
                redirects=(),
                elapsed=0.0,
                attempts=1,
                truncated=False,
                error=f"cannot resolve {host}: no network in tests",
                error_kind="offline",
            )
        return self._fetcher.fetch(url, **kwargs)

    def __getattr__(self, name):
        return getattr(self._fetcher, name)


class SeedRecorder:
    """A WARC recorder hook that stores the seed's real URLs, not the local ones they were routed to.

    The fetcher reports each HTTP exchange with the address it really asked
    (``<host>.localhost:<port>``); this writes it under the real URL, so ``--from-warc``
    replays the seed's own addresses::

        hook = SeedRecorder(warc)
        router = SeedRouter(Fetcher(config, recorder=hook), port)
        hook.router = router
        fetcher = RecordingFetcher(router, warc)  # also records fetches that got no answer
    """

    def __init__(self, recorder, router: SeedRouter | None = None):
        self._recorder = recorder
        self.router = router

    def record(self, response: FetchResponse, request_headers: dict) -> None:
        back = self.router.back
        self._recorder.record(
            replace(response, url=back(response.url), final_url=back(response.final_url)), request_headers
        )

    def record_failure(self, response: FetchResponse) -> None:
        self._recorder.record_failure(response)
