"""JUnit XML: one test case per reference, failures for the --fail-on kinds, always valid XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from citecheck.model import FindingKind
from citecheck.report import render
from citecheck.report.junit import render_junit
from report_samples import hostile_report, sample_report


def _cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml.encode("utf-8"))
    return {case.get("name").split(":")[0]: case for case in root.iter("testcase")}


def test_one_test_case_per_reference_and_failures_for_broken_and_inconsistent():
    xml = render(sample_report(), "junit")
    root = ET.fromstring(xml.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite.get("tests") == "5" and suite.get("failures") == "2"
    cases = _cases(xml)
    assert set(cases) == {"cofco2022", "guancha2012", "reve2019", "xinhua2021celac", "carbon2021"}
    assert cases["cofco2022"].find("failure").get("type") == "broken"
    assert cases["reve2019"].find("failure").get("type") == "inconsistent"
    assert cases["guancha2012"].find("failure") is None
    assert "soft-404" in cases["guancha2012"].find("system-out").text


def test_fail_on_changes_which_cases_fail():
    xml = render_junit(sample_report(), fail_on=[FindingKind.SOFT_404, FindingKind.INCOMPLETE_URL])
    suite = ET.fromstring(xml.encode("utf-8")).find("testsuite")
    assert suite.get("failures") == "2"
    cases = _cases(xml)
    assert cases["guancha2012"].find("failure").get("type") == "soft-404"
    assert cases["reve2019"].find("failure").get("type") == "incomplete-url"
    assert cases["cofco2022"].find("failure") is None


def test_the_failure_text_holds_the_evidence():
    failure = _cases(render(sample_report(), "junit"))["cofco2022"].find("failure")
    assert "snapshot date: 2022-02-28 09:30:00 UTC" in failure.text
    assert "HTTP 404 Not Found" in failure.get("message")


def test_hostile_text_and_control_characters_still_parse():
    xml = render(hostile_report(), "junit")
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.find("testsuite").get("failures") == "1"
    assert any(case.get("name") == "document" for case in root.iter("testcase"))
