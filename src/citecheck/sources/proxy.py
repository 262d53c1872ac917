"""Which proxy a request goes through, decided as requests decides it.

The environment's ``HTTP_PROXY``, ``HTTPS_PROXY`` and ``ALL_PROXY`` (lower-case names win, as
``urllib.request.getproxies`` reads them) name the proxies; ``NO_PROXY`` lists hosts, domain
suffixes and networks that are reached directly (``127.0.0.1``, ``.example.org``,
``10.0.0.0/8``, ``*``). The choice is made once per scheme and host of a run.

>>> choice = ProxyChoice({"http": "http://proxy.test:3128", "no_proxy": "127.0.0.1,.internal"})
>>> choice.for_url("http://a.org/x"), choice.for_url("http://127.0.0.1:8080/"), choice.for_url("https://a.org/")
('http://proxy.test:3128', None, None)
"""

from __future__ import annotations

import threading
from urllib.parse import unquote, urlsplit

from requests.utils import get_environ_proxies, select_proxy, should_bypass_proxies
from urllib3.util import make_headers


class ProxyChoice:
    """The proxy for each URL: from ``proxies`` (a requests-style mapping, with an optional
    ``no_proxy`` entry) or, when None, from the environment."""

    def __init__(self, proxies: dict[str, str] | None = None) -> None:
        self._explicit = dict(proxies) if proxies is not None else None
        if self._explicit is None:
            # nothing to decide per host when the environment names no proxy (the usual case)
            self._enabled = bool(get_environ_proxies("http://citecheck.invalid/")) or bool(
                get_environ_proxies("https://citecheck.invalid/")
            )
        else:
            self._enabled = any(k != "no_proxy" and v for k, v in self._explicit.items())
        self._lock = threading.Lock()
        self._memo: dict[tuple[str, str], str | None] = {}

    @property
    def enabled(self) -> bool:
        return self._enabled

    def for_url(self, url: str) -> str | None:
        """The proxy URL ``url`` goes through, or None for a direct connection."""
        if not self._enabled:
            return None
        parts = urlsplit(url)
        key = (parts.scheme.lower(), parts.netloc.lower())
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        chosen = self._choose(url)
        with self._lock:
            self._memo[key] = chosen
        return chosen

    def _choose(self, url: str) -> str | None:
        if self._explicit is None:
            proxies = get_environ_proxies(url)
        else:
            no_proxy = self._explicit.get("no_proxy")
            proxies = {} if should_bypass_proxies(url, no_proxy=no_proxy) else self._explicit
        chosen = select_proxy(url, {k: v for k, v in proxies.items() if k != "no_proxy" and v})
        if not chosen:
            return None
        return chosen if "://" in chosen else f"http://{chosen}"

    @staticmethod
    def headers(proxy_url: str) -> dict[str, str] | None:
        """``Proxy-Authorization`` for a proxy URL with user:password, else None."""
        parts = urlsplit(proxy_url)
        if parts.username is None:
            return None
        return make_headers(proxy_basic_auth=f"{unquote(parts.username)}:{unquote(parts.password or '')}")
