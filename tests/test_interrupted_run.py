"""Interrupted runs (issue 6 part 5): SIGKILL mid-network, run again, same report, no re-fetch;
two runs sharing one cache at once do not corrupt it.

Each run is the real ``citecheck verify`` command in a child process, against the local
origin server (slow pages, dead pages) and pywb. Reports are compared after dropping what
legitimately differs between runs: the generation time, the request count and, per link,
when it was checked and whether the answer came from the cache (with its seen-count).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time

import pytest

from citecheck.sources.cache import Cache

pytestmark = pytest.mark.pywb

ENTRIES = 16
VOLATILE_LINK = ("checked_at", "from_cache", "first_seen", "times_seen")


def _paper(directory, origin, tag: str):
    entries = []
    for i in range(ENTRIES):
        if i % 4 == 3:
            url = f"{origin.base}/gone/{tag}-{i}"
            origin.add_page(f"/gone/{tag}-{i}", "<h1>404 Not Found</h1>", status=404)
        else:
            # In the site root, so the soft-404 probe asks a fast 404 path, not /slow. One query
            # parameter only ('&' does not survive the BibTeX reader): the tag and the index
            # ride in the delay's trailing digits, 0.15 s plus a negligible fraction.
            url = f"{origin.base}/slow?delay=0.15{tag}{i:03d}"
        entries.append(
            f"@misc{{ref{i},\n  title = {{Page {i}}}, year = {{2021}},\n  url = {{{url}}}, urldate = {{2022-02-20}}\n}}\n"
        )
    paper = directory / "paper.bib"
    paper.write_text("".join(entries), encoding="utf-8")
    return paper


def _urls(paper) -> list[str]:
    return re.findall(r"url = \{([^}]*)\}", paper.read_text(encoding="utf-8"))


def _command(paper, work, archive, config):
    return [
        sys.executable,
        "-c",
        "from citecheck.cli import main; main()",
        "verify",
        str(paper),
        "--config",
        str(config),
        "--archive",
        archive.base,
        "--cdx",
        archive.cdx,
        "--allow-private",
        "--workers",
        "2",
        "--cache-dir",
        str(work / "cache"),
        "--report-dir",
        str(work / "reports"),
        "--bib-dir",
        str(work / "references"),
        "--format",
        "json",
        "-q",
    ]


def _run(command, cache_dir=None):
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert done.returncode == 1, done.stderr  # the dead pages fail the run: exit 1, not a crash
    return done


def _normalised(report_path) -> dict:
    data = json.loads(report_path.read_text(encoding="utf-8"))
    data.pop("generated_at")
    data["options"].pop("request_count", None)
    for check in data["checks"]:
        if check["link"]:
            for key in VOLATILE_LINK:
                check["link"].pop(key, None)
    for finding in data["findings"]:
        finding["evidence"] = [e for e in finding["evidence"] if e["label"] != "same result since"]
    return data


def _cached(directory, urls) -> list[str]:
    if not (directory / "cache.db").exists():
        return []
    with Cache(directory) as cache:
        return [u for u in urls if cache.get("live", u) is not None]


@pytest.fixture()
def setup(tmp_path, origin_server, pywb_archive):
    config = tmp_path / "local.toml"
    config.write_text(
        "min-interval = 0\ncdx-per-minute = 0\nsnapshots-per-second = 0\nretries = 0\n", encoding="utf-8"
    )
    tag = f"{random.randrange(10**8, 10**9)}"
    paper = _paper(tmp_path, origin_server, tag)
    return paper, config, tag


def test_a_run_killed_mid_network_then_rerun_gives_the_same_report_and_refetches_nothing_cached(
    tmp_path, setup, origin_server, pywb_archive
):
    paper, config, tag = setup
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    _run(_command(paper, clean, pywb_archive, config))
    reference = _normalised(clean / "reports" / "paper.json")

    seed = random.randrange(1_000_000)
    threshold = random.Random(seed).randint(4, ENTRIES - 4)  # the random point of the kill
    before = len(origin_server.requests())
    child = subprocess.Popen(
        _command(paper, killed, pywb_archive, config),
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    urls = _urls(paper)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        mine = [r for r in origin_server.requests()[before:] if tag in r.target]
        if child.poll() is not None:
            break
        # the kill comes once the server has seen `threshold` requests and the cache's batched
        # writes have put at least one answer on disk (a kill before that has nothing to resume)
        if len(mine) >= threshold and _cached(killed / "cache", urls):
            break
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL, f"the run finished before the kill (seed {seed})"
    assert not (killed / "reports" / "paper.json").exists(), "a report from a killed run"
    assert not [p for p in killed.rglob("*.tmp")], "a partial file was left behind"

    cached = _cached(killed / "cache", urls)
    assert cached, f"nothing was cached before the kill (seed {seed}, threshold {threshold})"

    mark = len(origin_server.requests())
    _run(_command(paper, killed, pywb_archive, config))
    again = {r.target for r in origin_server.requests()[mark:]}
    refetched = [u for u in cached if u.split(str(origin_server.port), 1)[1] in again]
    assert len(again) < ENTRIES  # the second run did ask for what was not cached yet
    assert refetched == [], f"re-fetched after the kill (seed {seed})"
    assert _normalised(killed / "reports" / "paper.json") == reference


def test_two_runs_sharing_one_cache_at_once_do_not_corrupt_it(tmp_path, setup, origin_server, pywb_archive):
    paper, config, tag = setup
    shared = tmp_path / "shared"
    first = _command(paper, shared, pywb_archive, config)
    second = [*first]
    second[second.index("--report-dir") + 1] = str(tmp_path / "other" / "reports")
    second[second.index("--bib-dir") + 1] = str(tmp_path / "other" / "references")
    children = [
        subprocess.Popen(c, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in (first, second)
    ]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 1, err
    one = _normalised(shared / "reports" / "paper.json")
    two = _normalised(tmp_path / "other" / "reports" / "paper.json")
    assert one == two

    mark = len(origin_server.requests())
    _run(first)
    live_again = [r for r in origin_server.requests()[mark:] if tag in r.target]
    assert live_again == []  # the shared cache answers every live check
    assert _normalised(shared / "reports" / "paper.json") == one
    with Cache(shared / "cache") as cache:
        for url in _urls(paper):
            cache.get("live", url)
        assert cache.problems == []
