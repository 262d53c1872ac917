"""A generated corpus for the corpus tests and benchmark: papers in Markdown and in the seed's
machine-translated text style, citing URLs on several loopback hosts of the origin server, some of
them archived in pywb, some quoting figures their sources state (or misstate).

Every URL is cited by at least one paper and some by several (the corpus run deduplicates them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MONTHS = ("January", "February", "March", "April", "May", "June")


@dataclass(frozen=True)
class Url:
    """One cited URL: number ``i`` on ``host`` (a loopback address) at ``port``."""

    i: int
    host: str
    port: int

    @property
    def kind(self) -> str:
        """``broken`` (404), ``figure`` (a page stating a figure) or ``page`` (a plain page)."""
        if self.i % 20 == 7:
            return "broken"
        if self.i % 3 == 1:
            return "figure"
        return "page"

    @property
    def path(self) -> str:
        return {"broken": f"/status/404/c{self.i}", "figure": f"/fig/c{self.i}", "page": f"/page/c{self.i}"}[
            self.kind
        ]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{self.path}"

    @property
    def archived(self) -> bool:
        return self.i % 4 == 1

    @property
    def tonnes(self) -> str:
        """The figure the paper quotes for this source."""
        return f"{1000 + self.i * 7},{(self.i * 37) % 1000:03d}"

    def live_body(self) -> str:
        """The live page: states the quoted figure, except every fifth (a different one)."""
        stated = self.tonnes if self.i % 5 else f"{2000 + self.i},500"
        return (
            f"<html><head><title>Copper report {self.i}</title></head><body><h1>Copper report {self.i}</h1>"
            f"<p>In 2021 copper exports reached {stated} tonnes, the ministry said.</p>"
            + "<p>Cooperation covers solar, wind and hydro power projects in the region.</p>" * 3
            + "</body></html>"
        )

    def archived_body(self) -> str:
        return self.live_body().replace("the ministry said", "the ministry reported")


def _sentence(url: Url) -> str:
    if url.kind == "figure":
        return f"In 2021, copper exports in region {url.i} reached {url.tonnes} tonnes"
    return f"Officials described programme {url.i} in some detail"


def markdown_paper(number: int, urls: list[Url]) -> str:
    body = " ".join(f"{_sentence(u)}.[^{k}]" for k, u in enumerate(urls, start=1))
    notes = "\n".join(
        f"[^{k}]: Ministry of Mining. (2021). Copper report {u.i}. {u.url}, accessed 20 February 2022."
        for k, u in enumerate(urls, start=1)
    )
    return f"# Copper and cooperation {number}\n\n{body}\n\n{notes}\n"


def seed_style_paper(number: int, urls: list[Url]) -> str:
    body = " ".join(f"{_sentence(u)}.ÿ" for u in urls)
    notes = "\n".join(
        f"ÿ «Copper report {u.i}», Ministry of Mining, {MONTHS[u.i % 6]} {1 + u.i % 27}, 2021, {u.url} "
        "[2022 - 02 - 20]"
        for u in urls
    )
    return f"Copper and cooperation {number}\n\n{body}\n\n{notes}\n"


def cited_by(number: int, urls: list[Url], per_paper: int = 10, shared: int = 2) -> list[Url]:
    """Paper ``number``'s sources: its own run of URLs and ``shared`` from the other half."""
    n = len(urls)
    own = [urls[(number * per_paper + k) % n] for k in range(per_paper)]
    more = [urls[(number * per_paper + n // 2 + k) % n] for k in range(shared)]
    return own + more


def build_papers(directory: Path, urls: list[Url], papers: int, **kw) -> list[Path]:
    """Write ``papers`` papers (even: Markdown in ``md/``, odd: seed-style text in ``text/``)."""
    out = []
    for number in range(papers):
        sources = cited_by(number, urls, **kw)
        if number % 2 == 0:
            path = directory / "md" / f"paper-{number:03d}.md"
            text = markdown_paper(number, sources)
        else:
            path = directory / "text" / f"paper-{number:03d}.txt"
            text = seed_style_paper(number, sources)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def warc_pages(urls: list[Url]):
    """The pywb captures: every archived URL, captured in 2021 (before the access date)."""
    from servers.pywb_archive import WarcPage

    return [WarcPage(u.url, "20210601120000", u.archived_body()) for u in urls if u.archived]


def _serve_child(conn, latency: float, addresses: tuple[str, ...], pages: list[tuple[str, str]]) -> None:
    from servers.origin import OriginServer

    server = OriginServer(latency=latency, addresses=addresses).start()
    for path, body in pages:
        server.add_page(path, body)
    conn.send(server.port)
    while True:
        command = conn.recv()
        if command == "requests":
            conn.send([(r.host, r.path, r.time) for r in server.requests()])
        elif command == "reset":
            server.reset()
            conn.send(True)
        else:
            server.stop()
            conn.send(True)
            return


@dataclass(frozen=True)
class Seen:
    """A request as the origin server recorded it (``time``: the system-wide monotonic clock)."""

    host: str
    path: str
    time: float


class OriginProcess:
    """The origin server in a process of its own, so its timestamps are not delayed by a busy
    test process (the Dask scheduler and client run there); figure pages served as
    :func:`serve` would.

    >>> with OriginProcess(latency=0.05, addresses=("127.0.0.2",)) as origin:   # doctest: +SKIP
    ...     origin.port, origin.requests()
    """

    def __init__(self, *, latency: float, addresses: tuple[str, ...], pages=()) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve_child, args=(child, latency, tuple(addresses), list(pages)), daemon=True
        )
        self._process.start()
        self.port = self._conn.recv()

    def requests(self) -> list[Seen]:
        self._conn.send("requests")
        return [Seen(*row) for row in self._conn.recv()]

    def reset(self) -> None:
        self._conn.send("reset")
        self._conn.recv()

    def stop(self) -> None:
        if self._process.is_alive():
            self._conn.send("stop")
            self._conn.recv()
            self._process.join(5)

    def __enter__(self) -> OriginProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def figure_pages(urls: list[Url]) -> list[tuple[str, str]]:
    """``(path, body)`` of every figure page (plain pages and 404s are the server's own routes)."""
    return [(u.path, u.live_body()) for u in urls if u.kind == "figure"]
