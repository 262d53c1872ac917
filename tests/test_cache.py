"""The on-disk cache: namespaces, TTLs, history, corruption, two processes, no-cache."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import diskcache
import pytest

from citecheck.errors import CacheError
from citecheck.model import LinkResult, LinkState, Snapshot
from citecheck.sources.cache import Cache


def test_values_round_trip_by_namespace(tmp_path):
    result = LinkResult(url="http://x.org/", state=LinkState.BROKEN, reason="HTTP 404 Not Found", status=404)
    with Cache(tmp_path) as cache:
        cache.set("live", "http://x.org/", result)
        cache.set("lookup", "http://x.org/", "different namespace")
        assert cache.get("live", "http://x.org/") == result
        assert cache.get("lookup", "http://x.org/") == "different namespace"
        assert cache.get("snapshot", "http://x.org/", default="miss") == "miss"


def test_values_survive_reopening_the_directory(tmp_path):
    snap = Snapshot("https://web.archive.org/web/", "http://x.org/", "20211103000000", "u", "r", 200)
    with Cache(tmp_path) as cache:
        cache.set("snapshot", "k", snap, ttl=None)
    with Cache(tmp_path) as cache:
        assert cache.get("snapshot", "k") == snap


def test_live_checks_and_lookups_expire_but_snapshots_do_not(tmp_path):
    with Cache(tmp_path, live_ttl=0.3, lookup_ttl=0.3) as cache:
        assert cache.default_ttl("snapshot") is None and cache.default_ttl("live") == 0.3
        cache.set("live", "u", "live state")
        cache.set("lookup", "u", "timegate answer")
        cache.set("snapshot", "u", "archived bytes")
        time.sleep(0.4)
        assert cache.get("live", "u") is None and cache.get("lookup", "u") is None
        assert cache.get("snapshot", "u") == "archived bytes"


def test_the_history_counts_an_unbroken_run_of_one_state(tmp_path):
    url = "http://www.gov.cn/xinwen/2021-11/03/content.htm"
    with Cache(tmp_path) as cache:
        assert cache.record_state(url, "ok", "2026-01-01T00:00:00Z") == ("2026-01-01T00:00:00Z", 1)
        assert cache.record_state(url, "broken", "2026-01-02T00:00:00Z") == ("2026-01-02T00:00:00Z", 1)
        assert cache.record_state(url, "broken", "2026-01-05T00:00:00Z") == ("2026-01-02T00:00:00Z", 2)
        assert cache.record_state(url, "broken", "2026-01-09T00:00:00Z") == ("2026-01-02T00:00:00Z", 3)
        assert [s for s, _ in cache.history(url)] == ["ok", "broken", "broken", "broken"]


def test_a_garbled_entry_is_dropped_and_reported_as_a_miss(tmp_path):
    with Cache(tmp_path) as cache:
        cache.set("live", "u", "fine")
    raw = diskcache.Cache(str(tmp_path))
    raw.set("live\x1fu", b"CC2" + b"\0" * 32 + b"not a value")
    raw.close()
    with Cache(tmp_path) as cache:
        assert cache.get("live", "u", default="miss") == "miss"
        assert len(cache.problems) == 1 and "live:u" in cache.problems[0] and "checksum" in cache.problems[0]
    with Cache(tmp_path) as cache:
        assert cache.get("live", "u", default="gone") == "gone" and cache.problems == []


def test_a_damaged_value_file_on_disk_is_detected(tmp_path):
    big = "x" * 200_000  # large values live in their own files
    with Cache(tmp_path) as cache:
        cache.set("snapshot", "big", big, ttl=None)
    files = [p for p in Path(tmp_path).rglob("*.val")]
    assert files, "diskcache stored the large value in a file"
    data = bytearray(files[0].read_bytes())
    data[-100] ^= 0xFF
    files[0].write_bytes(bytes(data))
    with Cache(tmp_path) as cache:
        assert cache.get("snapshot", "big") is None and cache.problems


def test_no_cache_touches_nothing(tmp_path):
    target = tmp_path / "never-created"
    with Cache(target, enabled=False) as cache:
        cache.set("live", "u", "x")
        assert cache.get("live", "u") is None
        assert cache.record_state("u", "broken", "2026-01-01T00:00:00Z") == ("2026-01-01T00:00:00Z", 1)
    assert not target.exists()


def test_an_unusable_directory_is_one_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(CacheError) as info:
        Cache(blocker / "cache")
    message = str(info.value)
    assert "\n" not in message and "not writable" in message and str(blocker) in message


WRITER = """
import sys
from citecheck.sources.cache import Cache
with Cache(sys.argv[1]) as cache:
    for n in range(150):
        cache.set("live", f"{sys.argv[2]}-{n}", {"n": n, "who": sys.argv[2]})
        if n < 40:
            cache.record_state("http://shared.example/", sys.argv[2], f"t{n}")
"""


def test_two_processes_share_one_cache_without_corrupting_it(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), who]) for who in ("a", "b")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    with Cache(tmp_path) as cache:
        for who in ("a", "b"):
            for n in range(150):
                assert cache.get("live", f"{who}-{n}") == {"n": n, "who": who}
        assert len(cache.history("http://shared.example/")) == 80  # no observation lost to a race
        assert cache.problems == []


class _Planted:
    """What a poisoned cache would hold: unpickling it makes a directory (it could run anything)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        import os

        return (os.mkdir, (str(self.marker),))


def test_a_pickle_planted_in_the_cache_database_is_never_run(tmp_path):
    marker = tmp_path / "code-ran"
    with Cache(tmp_path / "cache") as cache:
        cache.set("live", "http://x.org/", "fine")
    raw = diskcache.Cache(str(tmp_path / "cache"))  # diskcache's own Disk pickles what is not bytes
    raw.set("live\x1fhttp://x.org/", _Planted(marker))
    raw.close()
    with Cache(tmp_path / "cache") as cache:
        assert cache.get("live", "http://x.org/", default="miss") == "miss"
        assert cache.problems and "pickled value is never read" in cache.problems[0]
    assert not marker.exists()


def test_an_old_pickle_cache_entry_is_a_miss_never_unpickled_and_is_rebuilt(tmp_path):
    import hashlib
    import pickle

    marker = tmp_path / "code-ran"
    payload = pickle.dumps(_Planted(marker))
    old = b"CC1" + hashlib.sha256(payload).digest() + payload  # a valid entry of the pickle format
    with Cache(tmp_path / "cache"):
        pass
    raw = diskcache.Cache(str(tmp_path / "cache"))
    raw.set("live\x1fhttp://x.org/", old)
    raw.close()
    with Cache(tmp_path / "cache") as cache:
        assert cache.get("live", "http://x.org/", default="miss") == "miss"
        assert cache.problems == []  # an outdated entry, not a damaged one
        cache.set("live", "http://x.org/", "rebuilt")
    with Cache(tmp_path / "cache") as cache:
        assert cache.get("live", "http://x.org/") == "rebuilt"
    assert not marker.exists()


def test_cached_values_are_stored_as_json_data_and_raw_bytes(tmp_path):
    import json

    result = LinkResult(
        "http://x.org/",
        LinkState.REDIRECTED,
        "HTTP 200 after redirect",
        200,
        redirects=("http://x.org/a",),
        checked_at="2026-01-02T00:00:00Z",
    )
    body = (b"<html>\xff\x00 body</html>", "text/html; charset=utf-8")
    rows = [("http://x.org/", "20211103000000", 200, "text/html", "SHA1", None)]
    with Cache(tmp_path) as cache:
        cache.set("live", "r", result)
        cache.set("live-body", "b", body)
        cache.set("lookup", "q", rows)
        cache.set("meta", "d", {"n": 1, 2: [None, True, 1.5]})
    raw = diskcache.Cache(str(tmp_path))
    blob = raw.get("live\x1fr")
    raw.close()
    assert isinstance(blob, bytes) and blob[:3] == b"CC2"
    size = int.from_bytes(blob[35:43], "big")
    head = json.loads(blob[43 : 43 + size])
    assert head[0]["o"][0] == "LinkResult" and head[0]["o"][1]["state"] == {"e": ["LinkState", "redirected"]}
    with Cache(tmp_path) as cache:
        assert cache.get("live", "r") == result
        assert cache.get("live-body", "b") == body
        assert cache.get("lookup", "q") == rows
        assert cache.get("meta", "d") == {"n": 1, 2: [None, True, 1.5]}


def test_a_value_that_is_not_data_is_refused_when_stored(tmp_path):
    with Cache(tmp_path) as cache, pytest.raises(TypeError):
        cache.set("live", "u", object())


def test_a_damaged_cache_database_is_called_corrupt_moved_aside_and_rebuilt(tmp_path):
    with Cache(tmp_path) as cache:
        cache.set("live", "u", "before")
    damaged = b"this is not an SQLite database" * 100
    (tmp_path / "cache.db").write_bytes(damaged)
    with Cache(tmp_path) as cache:
        assert len(cache.problems) == 1
        problem = cache.problems[0]
        assert "\n" not in problem and "corrupt" in problem and "not writable" not in problem
        assert cache.get("live", "u") is None
        cache.set("live", "u", "after")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("cache.db.corrupt-")]
    assert [p.read_bytes() for p in aside] == [damaged] and aside[0].name in problem
    with Cache(tmp_path) as cache:
        assert cache.get("live", "u") == "after" and cache.problems == []


KILLED_WRITER = """
import sys, time
from citecheck.sources.cache import Cache
cache = Cache(sys.argv[1])
for n in range(40):
    cache.set("live", f"u{n}", {"n": n})
    cache.record_state("http://x.org/", "broken", f"t{n}")
print("set", flush=True)
time.sleep(60)
"""


def test_writes_are_batched_yet_stored_within_the_flush_interval_so_a_killed_run_keeps_them(tmp_path):
    from citecheck.sources import cache as cache_module

    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline() == "set\n"
        time.sleep(cache_module.FLUSH_SECONDS * 6)
    finally:
        child.kill()  # SIGKILL: no close(), no flush at exit
        child.wait(timeout=10)
    with Cache(tmp_path) as cache:
        assert [cache.get("live", f"u{n}") for n in range(40)] == [{"n": n} for n in range(40)]
        assert len(cache.history("http://x.org/")) == 40


def test_a_value_just_set_is_read_back_before_it_is_stored(tmp_path):
    with Cache(tmp_path) as cache:
        cache.set("live", "u", "waiting")
        assert cache.record_state("http://x.org/", "ok", "t1") == ("t1", 1)
        assert cache.record_state("http://x.org/", "ok", "t2") == ("t1", 2)
        assert cache.get("live", "u") == "waiting" and cache.history("http://x.org/") == [
            ("ok", "t1"),
            ("ok", "t2"),
        ]
        cache.delete("live", "u")
        assert cache.get("live", "u") is None
