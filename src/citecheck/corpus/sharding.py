"""The network stage sharded by registered domain: every URL of one domain goes to one task chain.

A chain runs its batches one after another (each waits for the one before it), so the per-host
limits of the ordinary fetcher hold across the whole cluster without a distributed lock: at any
moment at most one task talks to a domain. Domains are spread over the chains by size (largest
first onto the least loaded chain), and a chain's URLs are cut into batches so results come back
(and reach the cache) while the run goes on.

A batch's time is set by its busiest host (its URLs one minimum interval apart) or, for many
small hosts, by its URLs over the checker's threads; each batch boundary costs a task hand-over
and fresh connections. So a batch holds up to ``batch`` URLs *of each domain* (and at most
``batch`` per thread): a chain of ten hosts gets batches ten times as long as a chain of one,
and every batch lasts about ``batch`` intervals, however the domains fell into chains.

>>> registered_domain("http://www.stats.gov.cn/a") == registered_domain("https://data.stats.gov.cn/b")
True
>>> plan = plan_shards(["http://a.org/1", "http://a.org/2", "http://b.org/1"], chains=2, batch=1)
>>> sorted(len(chain) for chain in plan)
[1, 2]
>>> urls = [f"http://{h}.org/{i}" for i in range(4) for h in "ab"]
>>> [len(b) for b in plan_shards(urls, chains=1, batch=2, threads=8)[0]]  # two of each domain
[4, 4]
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..references.urls.host import registrable_name


def host_of(url: str) -> str:
    """The lower-case host name of ``url`` ("" when it has none)."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except (ValueError, AttributeError):
        return ""


def registered_domain(url: str) -> str:
    """The registered domain of ``url``'s host (the host itself for IP literals and unknown suffixes)."""
    host = host_of(url)
    if not host:
        return ""
    return registrable_name(host) or host


def plan_shards(urls: Iterable[str], *, chains: int, batch: int, threads: int = 1) -> list[list[list[str]]]:
    """``chains`` lists of batches: each domain's URLs all in one chain; a batch holds at most
    ``batch`` URLs of one domain and ``batch * threads`` in all.

    Within a batch the URLs of the chain's domains alternate, so one task keeps several hosts busy.
    """
    by_domain: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        by_domain.setdefault(registered_domain(url), []).append(url)
    chains = max(1, min(chains, len(by_domain)))
    heap = [(0, i) for i in range(chains)]
    assigned: list[list[list[str]]] = [[] for _ in range(chains)]
    for _domain, members in sorted(by_domain.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        load, index = heapq.heappop(heap)
        assigned[index].append(members)
        heapq.heappush(heap, (load + len(members), index))
    plan: list[list[list[str]]] = []
    for groups in assigned:
        if not groups:
            continue
        interleaved = [url for row in _zip_longest(groups) for url in row]
        plan.append(_cut(interleaved, per_domain=max(1, batch), total=max(1, batch) * max(1, threads)))
    return plan


def _cut(urls: list[str], *, per_domain: int, total: int) -> list[list[str]]:
    batches: list[list[str]] = [[]]
    counts: dict[str, int] = {}
    for url in urls:
        domain = registered_domain(url)
        if len(batches[-1]) >= total or counts.get(domain, 0) >= per_domain:
            batches.append([])
            counts = {}
        batches[-1].append(url)
        counts[domain] = counts.get(domain, 0) + 1
    return batches


def _zip_longest(groups: list[list[str]]) -> list[list[str]]:
    longest = max(len(g) for g in groups)
    return [[g[i] for g in groups if i < len(g)] for i in range(longest)]


__all__ = ["host_of", "plan_shards", "registered_domain"]
