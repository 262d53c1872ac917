"""Live state of cited URLs, with the evidence for each verdict.

Every outcome maps to one :class:`~citecheck.model.LinkState`:

- ``ok`` / ``redirected`` (to where; a mere http->https or trailing-slash hop stays ``ok``)
- ``broken``: 404, 410, a name that does not exist in DNS, a redirect loop
- ``soft-404``: a 200 that is really "not found": a redirect to the site root or to an
  error-looking path, "page not found" in English/Spanish/Portuguese/Chinese/French, or the
  same page the host returns for a random path that cannot exist
- ``blocked``: 401, 402, 403, 451 and other refusals, an untrusted TLS certificate
  (unknown, not dead)
- ``flaky``: timeouts, 5xx, 408, 429 after retries (never ``broken`` on a timeout)
- ``refused``: the address guard said no (or a redirect to ``file:``)
- ``unreachable``: no network at all
- ``invalid``: unparsable URL or a scheme other than http/https

>>> from citecheck.sources.fetcher import Fetcher
>>> with Fetcher() as fetcher:
...     result = check_link("javascript:alert(1)", fetcher)
>>> result.state.value, result.reason
('invalid', 'only http and https are fetched, not javascript:')
"""

from __future__ import annotations

import html
import re
import secrets
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from .. import recache
from ..model import LinkResult, LinkState
from .bodies import LIVE_BODY_NS, Body
from .cache import LIVE, Cache
from .transport import ErrorKind, FetchResponse

if TYPE_CHECKING:
    from .fetcher import Fetcher

LIVE_MAX_BYTES = 2 * 1024 * 1024  # enough to judge a page; the text stage fetches what it needs
_TEXT_WINDOW = 200_000
_SIMILAR = 0.8
_MIN_WORDS = 15
PROBE = "probe"  # cache namespace for "what does this host answer for a path that cannot exist"

NOT_FOUND_PHRASES = (
    # English
    "page not found",
    "404 not found",
    "error 404",
    "page you requested could not be found",
    "page you are looking for",
    "page you were looking for",
    "page cannot be found",
    "page could not be found",
    "page does not exist",
    "page doesn't exist",
    "page no longer exists",
    "no longer available",
    # Spanish
    "página no encontrada",
    "pagina no encontrada",
    "no se ha encontrado la página",
    "no se encontró la página",
    "la página que buscas",
    "la página solicitada no existe",
    "error 404",
    # Portuguese
    "página não encontrada",
    "pagina nao encontrada",
    "a página que você procura",
    "página não existe",
    # French
    "page introuvable",
    "page non trouvée",
    "la page demandée n'existe pas",
    "la page que vous recherchez",
    # Chinese
    "页面不存在",
    "页面未找到",
    "找不到页面",
    "找不到该页面",
    "您访问的页面不存在",
    "您所访问的页面不存在",
    "抱歉，您访问的页面",
    "网页不存在",
    "页面找不到",
)
_ERRORISH_PATH = recache.compile(
    r"(^|[/_.-])(404|40[0-9]\.html?|not[-_]?found|notfound|pagenotfound|page[-_]not[-_]found|error|errors|erro|"
    r"no[-_]encontrad[ao])([/_.-]|$)",
    re.IGNORECASE,
)
_SCRIPT = recache.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = recache.compile(r"<[^>]{0,2000}>")
_TITLE = recache.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1 = recache.compile(r"<h1[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_WORD = recache.compile(r"\w+", re.UNICODE)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _decode(response: FetchResponse) -> str:
    content_type = response.headers.get("content-type", "")
    match = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    data = response.body[:_TEXT_WINDOW]
    for charset in ((match.group(1),) if match else ()) + ("utf-8",):
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def page_text(markup: str) -> str:
    """Visible text of an HTML page, whitespace collapsed, lower-case.

    >>> page_text("<p>Page <b>Not</b> found</p><script>x()</script>")
    'page not found'
    """
    text = _TAG.sub(" ", _SCRIPT.sub(" ", markup))
    return " ".join(html.unescape(text).split()).lower()


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text)
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of word 3-shingles of two normalised texts (0..1).

    >>> similarity("welcome to the ministry portal", "welcome to the ministry portal")
    1.0
    """
    sa, sb = _shingles(a), _shingles(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def _enough_words(text: str) -> bool:
    """A near-empty page (an app shell, a frameset) proves nothing by resemblance."""
    return len(_WORD.findall(text)) >= _MIN_WORDS


def not_found_phrase(markup: str) -> str | None:
    """The "not found" phrase a page shows in its title or heading (or anywhere, if short)."""
    parts = [m.group(1) for m in _TITLE.finditer(markup[:20000])][:1]
    parts += [m.group(1) for m in _H1.finditer(markup)][:3]
    visible = page_text(markup)
    haystack = " ".join(page_text(p) for p in parts)
    if len(visible) < 1500:
        haystack += " " + visible
    for phrase in NOT_FOUND_PHRASES:
        if phrase in haystack:
            return phrase
    return None


def _is_html(response: FetchResponse) -> bool:
    content_type = response.headers.get("content-type", "").lower()
    if "html" in content_type or "xml" in content_type:
        return True
    head = response.body[:512].lstrip().lower()
    return not content_type and (head.startswith(b"<!doctype html") or head.startswith(b"<html"))


def _trivially_same(a: str, b: str) -> bool:
    """http->https, host case, a leading www. and a trailing slash do not count as moving."""
    pa, pb = urlsplit(a), urlsplit(b)
    host_a = (pa.hostname or "").lower().removeprefix("www.")
    host_b = (pb.hostname or "").lower().removeprefix("www.")
    return host_a == host_b and pa.path.rstrip("/") == pb.path.rstrip("/") and pa.query == pb.query


def _sibling_url(url: str) -> str:
    parts = urlsplit(url)
    directory = parts.path.rsplit("/", 1)[0] if "/" in parts.path else ""
    name = f"citecheck-{secrets.token_hex(6)}-no-such-page"
    return urlunsplit((parts.scheme, parts.netloc, f"{directory}/{name}", "", ""))


def _probe_key(url: str) -> str:
    parts = urlsplit(url)
    directory = parts.path.rsplit("/", 1)[0] if "/" in parts.path else ""
    return f"{parts.scheme}://{(parts.netloc or '').lower()}{directory}/"


class _Probes:
    """What each host directory answers for a page that cannot exist (one probe each)."""

    def __init__(
        self, cache: Cache | None, waiting: Callable[[str], AbstractContextManager] | None = None
    ) -> None:
        self._cache = cache
        # ``waiting(url)`` surrounds the wait for another thread's probe: a thread that only
        # waits holds no connection, so the caller may give the host's next page to another
        self._waiting = waiting or (lambda url: nullcontext())
        self._lock = threading.Lock()
        self._memo: dict[str, str | None] = {}
        self._pending: dict[str, threading.Event] = {}
        self._shingles: dict[str, set] = {}  # probe key -> shingles of its text (read per page)

    def resembles(self, url: str, text: str, fetcher: Fetcher) -> bool:
        """Whether ``text`` is (nearly) the page the host serves for a path that cannot exist."""
        sibling = self.text_for(url, fetcher)
        if sibling is None or not _enough_words(sibling):
            return False
        key = _probe_key(url)
        theirs = self._shingles.get(key)
        if theirs is None:
            theirs = self._shingles[key] = _shingles(sibling)
        mine = _shingles(text)
        if not mine and not theirs:
            return True
        return len(mine & theirs) / len(mine | theirs) >= _SIMILAR

    def text_for(self, url: str, fetcher: Fetcher) -> str | None:
        """Normalised text the host serves for a random sibling path, or None (proper 404)."""
        key = _probe_key(url)
        while True:
            with self._lock:
                if key in self._memo:
                    return self._memo[key]
                event = self._pending.get(key)
                if event is None:
                    event = self._pending[key] = threading.Event()
                    break
            with self._waiting(url):
                event.wait()
        text: str | None = None
        try:
            cached = self._cache.get(PROBE, key, default=False) if self._cache else False
            if cached is not False:
                text = cached
            else:
                response = fetcher.fetch(_sibling_url(url), purpose="live", max_bytes=LIVE_MAX_BYTES)
                if response.ok and _is_html(response):
                    text = page_text(_decode(response))
                if self._cache is not None and (response.status is not None):
                    self._cache.set(PROBE, key, text, ttl=self._cache.live_ttl)
        finally:
            with self._lock:
                self._memo[key] = text
                self._pending.pop(key).set()
        return text


def _classify(url: str, response: FetchResponse) -> tuple[LinkState, str]:
    kind, status = response.error_kind, response.status
    if kind is ErrorKind.SCHEME:
        if response.redirects:
            return (
                LinkState.REFUSED,
                f"redirect to a non-http address refused: {response.redirects[-1][:100]}",
            )
        return LinkState.INVALID, response.error or "not an http(s) URL"
    if kind is ErrorKind.INVALID_URL:
        return LinkState.INVALID, response.error or "invalid URL"
    if kind is ErrorKind.GUARD:
        where = " after redirect" if response.redirects else ""
        return LinkState.REFUSED, f"{response.error}{where}"
    if kind is ErrorKind.DNS:
        return LinkState.BROKEN, response.error or "DNS: no such host"
    if kind is ErrorKind.OFFLINE:
        return LinkState.UNREACHABLE, response.error or "no network"
    if kind is ErrorKind.REDIRECT_LOOP:
        return LinkState.BROKEN, f"redirect loop after {len(response.redirects)} hops"
    if kind is ErrorKind.TOO_MANY_REDIRECTS:
        return LinkState.BROKEN, f"more than {len(response.redirects)} redirects"
    if kind is ErrorKind.TLS:
        return LinkState.BLOCKED, f"{response.error} (the site may exist; its certificate is not trusted)"
    if kind is ErrorKind.RATE_LIMITED and status is None:
        return LinkState.FLAKY, response.error or "rate-limited"
    if status is None:
        tries = f" after {response.attempts} tries" if response.attempts > 1 else ""
        label = "timeout" if kind is ErrorKind.TIMEOUT else "connection failed"
        return LinkState.FLAKY, f"{label}{tries}: {response.error}"
    line = f"HTTP {status} {response.reason}".strip()
    if status in (404, 410):
        return LinkState.BROKEN, line
    if status in (408, 429) or status >= 500:
        tries = f" after {response.attempts} tries" if response.attempts > 1 else ""
        return LinkState.FLAKY, f"{line}{tries}"
    if status in (401, 402, 403, 451):
        return LinkState.BLOCKED, f"{line} (access refused: unknown, not dead)"
    if status >= 400:
        return LinkState.BLOCKED, f"{line} (the server refused the request)"
    if 300 <= status < 400:
        return LinkState.BROKEN, f"{line} without a usable Location"
    if kind is ErrorKind.TIMEOUT:
        return LinkState.FLAKY, f"{line} but the body stalled: {response.error}"
    return LinkState.OK, line


def _soft_404(url: str, response: FetchResponse, fetcher: Fetcher, probes: _Probes) -> str | None:
    """Why a 2xx answer is really "not found", or None."""
    original, final = urlsplit(url), urlsplit(response.final_url)
    if response.redirects:
        if final.path in ("", "/") and original.path not in ("", "/") and not final.query:
            return f"redirect to the site root {response.final_url}"
        if _ERRORISH_PATH.search(final.path) and not _ERRORISH_PATH.search(original.path):
            return f"redirect to an error page {response.final_url}"
    if not _is_html(response):
        return None
    markup = _decode(response)
    phrase = not_found_phrase(markup)
    if phrase is not None:
        return f'page says "{phrase}"'
    if original.path in ("", "/"):
        return None
    text = page_text(markup)
    if not _enough_words(text):
        return None
    if probes.resembles(response.final_url, text, fetcher):
        return "same page as the host serves for a path that does not exist"
    return None


def _keep_body(url: str, response: FetchResponse, cache: Cache | None, bodies) -> None:
    """Keep a reachable page's body for the figure stage (and the cache): no second fetch."""
    if not response.ok or response.truncated or response.error_kind:
        return
    kept = Body(response.body, response.headers.get("content-type"), response.content_language)
    for where in dict.fromkeys((response.final_url, url)):
        bodies.put("live", where, *kept)
    if cache is not None:
        cache.set(LIVE_BODY_NS, response.final_url, tuple(kept), ttl=cache.live_ttl)


def _check(
    url: str, fetcher: Fetcher, cache: Cache | None, probes: _Probes, keep=None, bodies=None
) -> LinkResult:
    url = url.strip() if isinstance(url, str) else url
    problem = fetcher.precheck(url)  # scheme and syntax before the cache or the network
    if problem is not None and (kind := ErrorKind.parse(problem[0])) is not None and kind.unfetchable:
        return LinkResult(url=url, state=LinkState.INVALID, reason=problem[1], checked_at=_now(), attempts=0)
    if cache is not None:
        cached = cache.get(LIVE, url)
        if isinstance(cached, LinkResult):
            return replace(cached, from_cache=True)
    response = fetcher.fetch(url, purpose="live", max_bytes=min(fetcher.config.max_bytes, LIVE_MAX_BYTES))
    state, reason = _classify(url, response)
    if state is LinkState.OK:
        soft = _soft_404(url, response, fetcher, probes)
        if soft is not None:
            state, reason = LinkState.SOFT_404, soft
        elif response.redirects and not _trivially_same(url, response.final_url):
            state, reason = LinkState.REDIRECTED, f"{reason} after redirect to {response.final_url}"
    if bodies is not None and keep is not None and url in keep and state.is_live:
        _keep_body(url, response, cache, bodies)
    checked_at = _now()
    result = LinkResult(
        url=url,
        state=state,
        reason=reason,
        status=response.status,
        final_url=response.final_url if response.status is not None else None,
        redirects=response.redirects,
        content_type=response.headers.get("content-type"),
        checked_at=checked_at,
        attempts=response.attempts,
    )
    asked_network = (
        response.status is not None or bool(response.redirects) or response.error_kind is ErrorKind.DNS
    )
    if cache is not None and asked_network and state is not LinkState.UNREACHABLE:
        first_seen, times_seen = cache.record_state(url, state.value, checked_at)
        result = replace(result, first_seen=first_seen, times_seen=times_seen)
        cache.set(LIVE, url, result)
    return result


def check_link(url: str, fetcher: Fetcher, cache: Cache | None = None) -> LinkResult:
    """Live state of one URL (from the cache when a fresh answer is there)."""
    return _check(url, fetcher, cache, _Probes(cache))


def check_links(
    urls: Iterable[str],
    fetcher: Fetcher,
    cache: Cache | None = None,
    *,
    workers: int = 8,
    progress: Callable[[int, int, LinkResult], None] | None = None,
    keep=None,
    bodies=None,
) -> dict[str, LinkResult]:
    """Check many URLs concurrently; returns ``{url: LinkResult}`` in input order.

    For URLs in ``keep`` (a set) that turn out reachable, the body read for the check is put in
    ``bodies`` (a :class:`~citecheck.sources.bodies.SourceBodies`), so the figure stage reads it
    from there instead of fetching the page again.

    Workers take the next URL from the host that can be asked soonest, so a host's
    minimum interval never idles a worker while other hosts wait. ``progress`` is called
    as ``progress(done, total, result)`` after each URL.
    """
    unique = list(dict.fromkeys(u.strip() if isinstance(u, str) else u for u in urls))
    total = len(unique)
    results: dict[str, LinkResult] = {}
    if not unique:
        return results
    queues: dict[str, deque[str]] = {}
    for url in unique:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except (ValueError, TypeError, AttributeError):
            host = ""
        queues.setdefault(host, deque()).append(url)
    lock = threading.Lock()
    free = threading.Condition(lock)  # notified when a host's connection frees up
    running: dict[str, int] = {}
    done = 0
    limit = max(1, fetcher.config.per_host_concurrency)
    ready_at = fetcher.ready_at  # a replay is ready at once

    @contextmanager
    def waiting_for_probe(url: str):
        host = (urlsplit(url).hostname or "").lower()
        with free:
            running[host] = running.get(host, 0) - 1
            free.notify()
        try:
            yield
        finally:
            with lock:
                running[host] += 1

    probes = _Probes(cache, waiting_for_probe)

    def next_url() -> tuple[str, str] | None:
        """The next URL of the host that can be asked soonest among those with a free
        connection; a thread with nothing it may start waits for one (never piles onto a busy
        host, where it would hold a URL another host's turn could use)."""
        with free:
            while True:
                waiting = [h for h, q in queues.items() if q]
                if not waiting:
                    free.notify_all()  # nothing left for anyone: every waiting thread ends
                    return None
                candidates = [h for h in waiting if running.get(h, 0) < limit]
                if candidates:
                    break
                free.wait()
            host = min(candidates, key=lambda h: (ready_at(h), running.get(h, 0)))
            running[host] = running.get(host, 0) + 1
            return host, queues[host].popleft()

    def worker() -> None:
        nonlocal done
        while True:
            picked = next_url()
            if picked is None:
                return
            host, url = picked
            try:
                result = _check(url, fetcher, cache, probes, keep, bodies)
            except Exception as exc:  # noqa: BLE001 - one bad URL never aborts a run
                result = LinkResult(url=url, state=LinkState.FLAKY, reason=f"internal error: {exc!r}"[:200])
            with free:
                running[host] -= 1
                free.notify()  # one connection freed: one waiting thread may take it
                results[url] = result
                done += 1
                count = done
            if progress is not None:
                progress(count, total, result)

    # while one thread asks a host directory's soft-404 probe, the host's other connections'
    # threads wait for its answer holding no connection: that many more threads keep them busy
    threads = max(1, min(workers + min(workers, len(queues) * (limit - 1)), total))
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="citecheck-live") as pool:
        futures = [pool.submit(worker) for _ in range(threads)]
        for future in futures:
            future.result()
    return {url: results[url] for url in unique}
