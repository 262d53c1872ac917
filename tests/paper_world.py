"""What the worlds of the seed-style papers (``paper2_world.py``, ``paper3_world.py``) share: three
archived captures per cited URL around its access date, and the live answers the gold names
(not a test module).

Every URL has a capture a year before the access date, the gold's (the last one on or before
it) and one the day after, so a checker that took the nearest capture instead of the last one
before the access date, or the newest, is caught.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from urllib.parse import urlsplit


def captures(note: dict) -> list[tuple[str, str]]:
    """(timestamp, label) of the three captures of a note's URL: a year before the access date,
    the gold's (the last one on or before it), and the day after it."""
    access = date.fromisoformat(note["access_date"])
    old = access.replace(year=access.year - 1).strftime("%Y%m%d") + "090000"
    after = (access + timedelta(days=1)).strftime("%Y%m%d") + "060000"
    return [(old, "old"), (note["snapshot"], "gold"), (after, "after")]


def archived_pages(notes: Iterable[dict], sources: Mapping[int, str], extra: Iterable = ()):
    """The WARC captures pywb serves (keyed by the paper's true URLs), then ``extra`` pages."""
    from servers.pywb_archive import WarcPage

    pages = []
    for note in notes:
        body = sources[note["id"]]
        for stamp, label in captures(note):
            text = body if label == "gold" else body.replace("</p>", f" (capture {label})</p>", 1)
            pages.append(WarcPage(note["url"], stamp, text))
    pages.extend(extra)
    return pages


def install_origin_pages(origin, notes: Iterable[dict], sources: Mapping[int, str]) -> None:
    """What the live web answers: the gold's ``live`` status for each URL (paths are unique)."""
    for note in notes:
        path = urlsplit(note["url"]).path  # the origin serves pages by path
        if note["live"] == 200:
            origin.add_page(path, sources[note["id"]])
        else:
            origin.add_page(path, "<h1>404 Not Found</h1>", status=note["live"])
