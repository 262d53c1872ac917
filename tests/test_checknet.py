"""The network phase of the source check against real local servers: an origin and a Wayback-shaped CDX."""

from __future__ import annotations

import pytest

from citecheck.model import LinkState, Reference, Url
from citecheck.references.urls import repair_url
from citecheck.sources.archive import ArchiveClient, make_archives
from citecheck.sources.checknet import CheckNetwork
from citecheck.sources.checkplan import ArchiveTargets, Wave, plan_references
from citecheck.sources.fetcher import Fetcher
from servers.pywb_archive import local_fetch_config
from servers.wayback_cdx import WaybackCdx

GARBLED_MOFCOM = "http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 20211103215703 shtml"  # seed line 177
MOFCOM = "http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml"
REPORT = "http://energy.example/report.html"
CAPTURES = [
    (REPORT, "20190301000000", 200),
    (MOFCOM, "20211110080000", 200),
    (MOFCOM + "x", "20211110080000", 404),
]


@pytest.fixture
def world(origin_server):
    """A live page on the origin server, an index over CAPTURES, a fetcher and a client for both."""
    origin_server.add_page("/net/live.html", "<p>live: 42 wind farms</p>")
    with WaybackCdx(CAPTURES) as cdx, Fetcher(local_fetch_config()) as fetcher:
        yield origin_server, cdx, fetcher, ArchiveClient(make_archives([cdx.base], [cdx.endpoint]), fetcher)


def test_a_wave_is_checked_live_and_looked_up_at_once_and_every_task_is_counted(world):
    origin, cdx, fetcher, client = world
    live_url = origin.url("/net/live.html")
    seen: list[tuple[int, int, str]] = []
    with CheckNetwork(client, fetcher, workers=2, progress=lambda *told: seen.append(told)) as network:
        network.start(Wave(live=(live_url,), archive=ArchiveTargets({REPORT: ("2022-02-20",)})))
        results = network.finish()
    assert results.links[live_url].state is LinkState.OK
    assert [c.timestamp for c in results.memo[(cdx.base, REPORT)]] == ["20190301000000"]
    assert sorted(what for _, _, what in seen) == ["archive", "live"] and seen[-1][:2] == (2, 2)


def test_a_recovery_answer_spares_the_look_up_of_the_url_it_recovered(world):
    _, cdx, fetcher, client = world
    ref = Reference(
        key="m", entry_type="webpage", raw="m", url=repair_url(GARBLED_MOFCOM), access_date="2022-02-20"
    )
    plan = plan_references([ref])
    with CheckNetwork(client, fetcher, workers=2) as network:
        network.start(plan.first_wave())
        recoveries = network.recover(plan.recovery_requests() * 2)  # one answer per distinct request
        resolution = plan.resolve(recoveries)
        network.remember(resolution.known)
        network.start(resolution.wave)
        results = network.finish()
    ((_, found),) = recoveries.items()
    assert found.recovery.status == "recovered" and found.recovery.url == MOFCOM
    assert [c.timestamp for c in results.memo[(cdx.base, MOFCOM)]] == ["20211110080000"]
    assert len(cdx.requests()) == 1  # the recovery's prefix query, and no second look-up


def test_with_live_and_archive_off_nothing_is_asked_of_anyone(world):
    origin, cdx, fetcher, client = world
    origin.reset()
    torn = Url(
        raw=GARBLED_MOFCOM, repaired=None, complete=False, fragments=repair_url(GARBLED_MOFCOM).fragments
    )
    plan = plan_references([Reference(key="m", entry_type="webpage", raw="m", url=torn)])
    with CheckNetwork(client, fetcher, live=False, archive=False) as network:
        assert network.recover(plan.recovery_requests()) == {}
        network.start(Wave(live=(origin.url("/net/live.html"),), archive=ArchiveTargets({REPORT: (None,)})))
        results = network.finish()
    assert dict(results.links) == {} and results.memo == {}
    assert cdx.requests() == [] and origin.requests("/net/live.html") == []
