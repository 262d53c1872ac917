"""Assembling the source checks (phase 3): one check per reference from the run's results, no network."""

from __future__ import annotations

from citecheck.errors import ArchiveUnavailable
from citecheck.model import LinkResult, LinkState, Recovery, Reference, Url
from citecheck.references.urls import repair_url
from citecheck.sources.archive import Archive, ArchiveClient, Capture
from citecheck.sources.assemble import assemble
from citecheck.sources.checknet import NetworkResults
from citecheck.sources.checkplan import plan_references
from citecheck.sources.recover import RecoveryResult
from citecheck.sources.traffic import NOT_RECORDED

GARBLED_MOFCOM = "http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 20211103215703 shtml"  # seed line 177
MOFCOM = "http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml"
REPORT = "http://energy.example/report.html"
FIRST = Archive("http://127.0.0.1:9/web/", "http://127.0.0.1:9/cdx")
SECOND = Archive("http://127.0.0.1:10/web/", "http://127.0.0.1:10/cdx")
CAPTURES = [Capture(REPORT, "20190301000000"), Capture(REPORT, "20230301000000")]


class NoNetwork:
    """A transport that notes every request it is asked to make (assembly should make none)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def fetch(self, url: str, **kwargs):
        self.asked.append(url)
        raise AssertionError(f"assembly asked the network for {url}")


def _ref(key: str, url: Url | str, access: str | None = "2022-02-20") -> Reference:
    if isinstance(url, str):
        url = Url(raw=url, repaired=url, complete=True)
    return Reference(key=key, entry_type="webpage", raw=key, url=url, access_date=access)


def _client(*archives: Archive) -> tuple[ArchiveClient, NoNetwork]:
    transport = NoNetwork()
    return ArchiveClient(archives or (FIRST,), transport), transport


def test_each_reference_gets_the_snapshot_nearest_its_own_access_date_from_the_memo_alone():
    plan = plan_references(
        [_ref("r2022", REPORT), _ref("r2024", REPORT, "2024-01-01"), _ref("undated", REPORT, None)]
    )
    client, transport = _client()
    ok = LinkResult(url=REPORT, state=LinkState.OK, reason="HTTP 200", status=200)
    results = NetworkResults(links={REPORT: ok}, memo={(FIRST.base, REPORT): CAPTURES})
    checks = assemble(plan.plans, results, client)
    assert [c.reference_key for c in checks] == ["r2022", "r2024", "undated"]
    assert [c.snapshot.timestamp for c in checks] == ["20190301000000", "20230301000000", "20230301000000"]
    assert all(c.link is ok for c in checks) and transport.asked == []


def test_a_url_the_first_archive_has_no_copy_of_is_taken_from_the_next_one():
    plan = plan_references([_ref("r", REPORT)])
    client, transport = _client(FIRST, SECOND)
    memo = {(FIRST.base, REPORT): [], (SECOND.base, REPORT): CAPTURES[:1]}
    (check,) = assemble(plan.plans, NetworkResults(memo=memo), client)
    assert check.snapshot.archive == SECOND.base and transport.asked == []


def test_a_garbled_url_is_never_fetched_and_names_the_url_the_archive_index_suggests():
    plan = plan_references([_ref("m", repair_url(GARBLED_MOFCOM))])
    (request,) = plan.recovery_requests()
    resolved = plan.resolve({request: RecoveryResult(Recovery("recovered", MOFCOM), FIRST)}).plan
    client, transport = _client()
    memo = {(FIRST.base, MOFCOM): [Capture(MOFCOM, "20211110080000")]}
    (check,) = assemble(resolved.plans, NetworkResults(memo=memo), client)
    assert check.link.state is LinkState.INCOMPLETE
    assert check.link.url == "http://ar.mofcom.gov.cn/art…/202111/20211103215703.shtml"
    assert (
        check.link.reason
        == f"URL text is garbled; nothing to fetch as written (archive index suggests {MOFCOM})"
    )
    assert check.url == MOFCOM and check.snapshot.timestamp == "20211110080000" and transport.asked == []


def test_an_archive_error_stays_on_a_reference_only_while_it_has_no_snapshot():
    down = ArchiveUnavailable("web archive http://127.0.0.1:9/web/ could not be reached (refused)")
    plan = plan_references([_ref("r", REPORT)])
    client, _ = _client(FIRST, SECOND)
    (failed,) = assemble(
        plan.plans, NetworkResults(memo={(FIRST.base, REPORT): down, (SECOND.base, REPORT): []}), client
    )
    assert failed.snapshot is None and "could not be reached (refused)" in failed.archive_error
    (saved,) = assemble(
        plan.plans, NetworkResults(memo={(FIRST.base, REPORT): down, (SECOND.base, REPORT): CAPTURES}), client
    )
    assert saved.snapshot is not None and saved.archive_error is None


def test_the_runs_one_outage_line_stands_for_every_references_own_error():
    down = ArchiveUnavailable("web archive http://127.0.0.1:9/web/ could not be reached (refused)")
    outage = (
        "web archive unreachable, no answer this run: http://127.0.0.1:9/web/ (refused): connection refused"
    )
    plan = plan_references([_ref("r", REPORT), _ref("s", "http://energy.example/other.html")])
    memo = {(FIRST.base, REPORT): down, (FIRST.base, "http://energy.example/other.html"): down}
    client, _ = _client()
    checks = assemble(plan.plans, NetworkResults(memo=memo), client, outage=outage)
    assert [c.archive_error for c in checks] == [outage, outage]


def test_a_replays_missing_record_is_no_archived_copy_not_an_archive_error():
    plan = plan_references([_ref("m", repair_url(GARBLED_MOFCOM))])
    (request,) = plan.recovery_requests()
    replayed = RecoveryResult(Recovery("unchecked", None, (), NOT_RECORDED), error=NOT_RECORDED)
    resolved = plan.resolve({request: replayed}).plan
    client, _ = _client()
    (check,) = assemble(resolved.plans, NetworkResults(), client)
    assert check.snapshot is None and check.archive_error is None
    broken = RecoveryResult(
        Recovery("unchecked", None, (), "recovery failed"), error="recovery failed: ValueError"
    )
    (check,) = assemble(plan.resolve({request: broken}).plan.plans, NetworkResults(), client)
    assert check.archive_error == "recovery failed: ValueError"


def test_with_archive_look_ups_off_no_snapshot_is_chosen_even_from_known_captures():
    plan = plan_references([_ref("r", REPORT)])
    client, transport = _client()
    (check,) = assemble(
        plan.plans, NetworkResults(memo={(FIRST.base, REPORT): CAPTURES}), client, archive=False
    )
    assert check.snapshot is None and check.archive_error is None and check.link is None
    assert transport.asked == []
