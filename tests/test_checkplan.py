"""Planning the source check (phase 1): what each reference needs, deduplicated, with no network."""

from __future__ import annotations

from citecheck.model import Recovery, Reference, Url
from citecheck.references.urls import repair_url
from citecheck.sources.archive import Archive, Capture
from citecheck.sources.checkplan import (
    NO_ARCHIVE,
    KnownCaptures,
    RecoveryKind,
    RecoveryRequest,
    archivable,
    plan_references,
)
from citecheck.sources.recover import RecoveryResult

GARBLED_MOFCOM = "http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 20211103215703 shtml"  # seed line 177
MOFCOM = "http://ar.mofcom.gov.cn/article/jmxw/202111/20211103215703.shtml"
GOV_CN = "http://www.gov.cn/xinwen/2021-03/15/content_5593154.htm"
ARCHIVE = Archive("http://127.0.0.1:9/web/", "http://127.0.0.1:9/cdx")


def _ref(key: str, url: Url | str | None, access: str | None = "2022-02-20") -> Reference:
    if isinstance(url, str):
        url = Url(raw=url, repaired=url, complete=True)
    return Reference(key=key, entry_type="webpage", raw=key, url=url, access_date=access)


def _ambiguous(url: str) -> Url:
    """A repaired ``.html`` URL whose text also fits ``.htm``: two ranked candidates."""
    return Url(raw=url, repaired=url, complete=True, candidates=(url, url[:-1]))


def test_references_citing_one_url_share_one_live_check_and_one_look_up_with_every_access_date():
    plan = plan_references([_ref("a", GOV_CN), _ref("b", GOV_CN, None), _ref("c", GOV_CN, "2021-03-15")])
    wave = plan.first_wave()
    assert wave.live == (GOV_CN,)
    assert dict(wave.archive.dates) == {GOV_CN: ("2022-02-20", None, "2021-03-15")}
    assert [p.target for p in plan.plans] == [GOV_CN] * 3


def test_a_reference_without_a_url_gets_no_plan_and_order_is_kept():
    plan = plan_references([_ref("nourl", None), _ref("b", GOV_CN), _ref("a", MOFCOM)])
    assert [p.ref.key for p in plan.plans] == ["b", "a"]


def test_a_url_that_is_not_http_is_checked_live_but_never_asked_of_an_archive():
    plan = plan_references([_ref("script", "javascript:alert(1)")])
    assert plan.first_wave().live == ("javascript:alert(1)",)
    assert dict(plan.first_wave().archive.dates) == {}
    assert not archivable("http:// ar mofcom gov cn /") and archivable(MOFCOM)


def test_a_fragment_is_checked_live_as_cited_and_looked_up_without_it():
    plan = plan_references([_ref("a", GOV_CN + "#p3")])
    assert plan.first_wave().live == (GOV_CN + "#p3",)
    assert list(plan.first_wave().archive.dates) == [GOV_CN]


def test_a_garbled_url_waits_for_its_recovery_and_equal_damage_is_asked_once():
    torn = repair_url(GARBLED_MOFCOM)
    plan = plan_references([_ref("m1", torn), _ref("m2", repair_url(GARBLED_MOFCOM)), _ref("g", GOV_CN)])
    (request,) = plan.recovery_requests()
    assert request == RecoveryRequest.of(torn) and request.kind is RecoveryKind.FRAGMENTS
    assert request.parts == (
        "ar.mofcom.gov.cn",
        "http://ar.mofcom.gov.cn/art",
        "/202111/20211103215703.shtml",
    )
    assert [p.target for p in plan.plans] == [None, None, GOV_CN]
    assert plan.first_wave().live == (GOV_CN,)  # nothing garbled is fetched before its recovery


def test_ranked_candidates_are_one_request_asking_which_form_the_archive_knows():
    url = _ambiguous("http://a.example/doc.html")
    (request,) = plan_references([_ref("d", url)]).recovery_requests()
    assert request.kind is RecoveryKind.CANDIDATES
    assert request.parts == ("http://a.example/doc.html", "http://a.example/doc.htm")


def test_a_confirmed_candidate_is_checked_in_the_second_wave_unless_the_first_already_did():
    confirmed_htm = "http://a.example/doc.htm"
    plan = plan_references(
        [_ref("htm", confirmed_htm), _ref("d", _ambiguous("http://a.example/doc.html")),
         _ref("e", _ambiguous("http://b.example/e.html"))]
    )  # fmt: skip
    requests = plan.recovery_requests()
    resolution = plan.resolve(
        {
            requests[0]: RecoveryResult(Recovery("confirmed", confirmed_htm), ARCHIVE),
            requests[1]: RecoveryResult(Recovery("confirmed", "http://b.example/e.htm"), ARCHIVE),
        }
    )
    assert [p.target for p in resolution.plan.plans] == [
        confirmed_htm,
        confirmed_htm,
        "http://b.example/e.htm",
    ]
    assert resolution.wave.live == ("http://b.example/e.htm",)
    assert list(resolution.wave.archive.dates) == ["http://b.example/e.htm"]


def test_a_candidate_the_archive_does_not_confirm_is_checked_as_repaired():
    plan = plan_references([_ref("d", _ambiguous("http://a.example/doc.html"))])
    (request,) = plan.recovery_requests()
    resolution = plan.resolve({request: RecoveryResult(Recovery("not-found"), ARCHIVE)})
    assert resolution.wave.live == ("http://a.example/doc.html",)


def test_a_recovered_garbled_url_is_looked_up_in_the_archive_but_never_checked_live():
    plan = plan_references([_ref("m", repair_url(GARBLED_MOFCOM))])
    (request,) = plan.recovery_requests()
    resolution = plan.resolve({request: RecoveryResult(Recovery("recovered", MOFCOM), ARCHIVE)})
    (resolved,) = resolution.plan.plans
    assert resolved.incomplete and resolved.target == MOFCOM
    assert resolution.wave.live == ()
    assert dict(resolution.wave.archive.dates) == {MOFCOM: ("2022-02-20",)}


def test_a_garbled_url_no_archive_could_recover_has_nothing_to_check():
    plan = plan_references([_ref("m", repair_url(GARBLED_MOFCOM))])
    (request,) = plan.recovery_requests()
    resolution = plan.resolve({request: RecoveryResult(Recovery("ambiguous", None, (MOFCOM, MOFCOM + "x")))})
    assert resolution.plan.plans[0].target is None
    assert resolution.wave.live == () and dict(resolution.wave.archive.dates) == {}
    assert resolution.plan.plans[0].shown_url == "http://ar.mofcom.gov.cn/art…/202111/20211103215703.shtml"


def test_without_archive_look_ups_a_damaged_url_says_so_and_keeps_its_candidates():
    plan = plan_references([_ref("d", _ambiguous("http://a.example/doc.html"))])
    (resolved,) = plan.resolve({}).plan.plans
    assert resolved.recovery.recovery == Recovery(
        "unchecked", None, ("http://a.example/doc.html", "http://a.example/doc.htm"), NO_ARCHIVE
    )
    assert resolved.target == "http://a.example/doc.html"


def test_captures_the_recovery_answer_listed_are_known_so_the_url_is_not_asked_again():
    rows = (Capture(MOFCOM, "20211110080000"),)
    plan = plan_references([_ref("m", repair_url(GARBLED_MOFCOM))])
    (request,) = plan.recovery_requests()
    recovered = RecoveryResult(Recovery("recovered", MOFCOM), ARCHIVE, captures=rows)
    assert plan.resolve({request: recovered}).known == (KnownCaptures(ARCHIVE.base, MOFCOM, rows),)
    doc = "http://a.example/doc.html"
    plan = plan_references([_ref("d", _ambiguous(doc))])
    (request,) = plan.recovery_requests()
    unconfirmed = RecoveryResult(Recovery("not-found"), ARCHIVE, rows_by_url={"a.example/doc.html": []})
    assert plan.resolve({request: unconfirmed}).known == (KnownCaptures(ARCHIVE.base, doc, ()),)
    no_rows = RecoveryResult(Recovery("not-found"), ARCHIVE)
    assert plan.resolve({request: no_rows}).known == ()


def test_bodies_a_reference_wants_are_kept_live_and_asked_of_the_archive_for_its_own_date():
    plan = plan_references(
        [_ref("a", GOV_CN), _ref("b", GOV_CN, "2019-01-01"), _ref("c", MOFCOM)],
        wants_body=lambda ref: ref.key in ("b", "c"),
    )
    wave = plan.first_wave()
    assert wave.keep == {GOV_CN, MOFCOM}
    assert dict(wave.archive.wanted) == {GOV_CN: {"2019-01-01"}, MOFCOM: {"2022-02-20"}}
