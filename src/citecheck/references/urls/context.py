"""Evidence from the rest of the document: a paper cites the same sites again and again.

A host printed with changed letters (``ar.mofcom.gov.com``) is read with the country suffix the
paper's other government hosts carry (``customs.gov.cn`` -> ``.gov.cn``).

A host that lost its dots (``mxmofcomgovcn``) splits into a public suffix and one label
(``mxmofcom.gov.cn``); whether a dot was lost inside that label too is not in its text. When
the same paper prints another host of the same registrable domain with its dots
(``ar mofcom gov cn`` -> ``mofcom.gov.cn``), the lost dot sat before that name.

>>> from citecheck.references.urls import repair_url
>>> urls = [repair_url("http:// ar mofcom gov cn / a html"), repair_url("http://mxmofcomgovcn/b html")]
>>> [u.repaired for u in prefer_document_hosts(urls)]
['http://ar.mofcom.gov.cn/a.html', 'http://mx.mofcom.gov.cn/b.html']
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from ...model import Url
from .host import registrable_name
from .repair import CHANGED, repair_url

__all__ = ["document_hosts", "prefer_document_hosts", "dotless_host", "host_changed"]


def dotless_host(url: Url) -> bool:
    """The URL's host was read by splitting a label that lost its dots."""
    return url.complete and any(r.startswith("restored dots in '") for r in url.repairs)


def host_changed(url: Url) -> bool:
    """The URL's host was printed with changed letters (``….gov.com``), so its reading is a guess."""
    return any(r.startswith("host '") and CHANGED in r for r in url.repairs)


def document_hosts(urls: Iterable[Url | None]) -> frozenset[str]:
    """Registrable domains of the hosts the URLs print with their dots (or spaces for them).

    A URL whose path was garbled still prints its host: its host fragment counts too.
    """
    names = set()
    for url in urls:
        if url is None or host_changed(url) or any(r.startswith("restored dots in '") for r in url.repairs):
            continue
        if url.complete and url.repaired:
            host = urlsplit(url.repaired).hostname or ""
        else:
            host = url.fragments[0] if url.fragments else ""
        name = registrable_name(host.split(":")[0])
        if name:
            names.add(name)
    return frozenset(names)


def prefer_document_hosts(urls: list[Url | None]) -> list[Url | None]:
    """``urls`` again, each dotless host re-read with the document's other hosts as evidence."""
    known = document_hosts(urls)
    if not known:
        return list(urls)
    return [
        repair_url(u.raw, hosts=known) if u is not None and (dotless_host(u) or host_changed(u)) else u
        for u in urls
    ]
