"""The JSON report: valid against docs/report-schema.json, exact numbers, valid UTF-8."""

from __future__ import annotations

import json
import pathlib

import jsonschema

from citecheck.model import SCHEMA_VERSION, Report
from citecheck.report import render
from report_samples import hostile_report, sample_report

SCHEMA = json.loads(
    (pathlib.Path(__file__).resolve().parent.parent / "docs" / "report-schema.json").read_text()
)


def _validate(text: str) -> dict:
    data = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    return data


def test_the_sample_report_validates_against_the_published_schema():
    data = _validate(render(sample_report(), "json"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["summary"]["figures"] == {
        "consistent": 1,
        "inconsistent": 1,
        "not-found": 0,
        "unverifiable": 1,
    }
    assert data["summary"]["findings"]["broken"] == 1


def test_the_schema_rejects_a_report_missing_its_findings():
    data = json.loads(render(sample_report(), "json"))
    del data["findings"]
    try:
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
    except jsonschema.ValidationError as exc:
        assert "findings" in exc.message
    else:  # pragma: no cover - the assertion below documents the failure
        raise AssertionError("schema accepted a report without findings")


def test_numbers_from_text_stay_exact_decimal_strings():
    data = json.loads(render(sample_report(), "json"))
    inconsistent = next(f for f in data["figures"] if f["verdict"] == "inconsistent")
    assert inconsistent["claim_quantity"]["value"] == "15500000000"
    assert inconsistent["source_quantity"]["value"] == "1550000000"
    assert inconsistent["factor"] == "10"


def test_findings_carry_evidence_as_label_text_objects():
    data = json.loads(render(sample_report(), "json"))
    broken = next(f for f in data["findings"] if f["kind"] == "broken")
    assert {"label": "snapshot date", "text": "2022-02-28 09:30:00 UTC"} in broken["evidence"]


def test_hostile_text_still_gives_valid_utf8_json_that_matches_the_schema():
    text = render(hostile_report(), "json")
    text.encode("utf-8")  # a lone surrogate would raise here
    data = _validate(text)
    assert "<script>" in data["references"][0]["title"]  # kept verbatim: JSON consumers escape
    assert "\x00" not in text and "\\u0000" not in text


def test_an_empty_report_is_valid_too():
    _validate(render(Report(paper="empty.txt", generated_at="2026-11-28T12:00:00Z"), "json"))


def test_a_json_report_reads_back_into_the_same_report():
    from citecheck.report.load import report_from_json

    report = sample_report()
    text = render(report, "json")
    again = report_from_json(text)
    assert again.references == report.references and again.checks == report.checks
    assert again.figures == report.figures and again.findings == report.findings
    assert render(again, "json") == text


def test_a_report_of_another_major_schema_version_is_refused_in_one_line():
    import pytest

    from citecheck.errors import InputError
    from citecheck.report.load import report_from_json

    data = json.loads(render(sample_report(), "json"))
    data["schema_version"] = "2.0"
    with pytest.raises(InputError, match="report schema 2.0"):
        report_from_json(json.dumps(data))
    with pytest.raises(InputError, match="not JSON"):
        report_from_json("{")


def test_each_record_of_the_json_report_sits_on_a_line_of_its_own():
    """A diff of two runs' JSON reports shows which finding changed: one record per line."""
    text = render(sample_report(), "json")
    data = json.loads(text)
    record_lines = [line for line in text.splitlines() if line.startswith("  {")]
    records = [json.loads(line.strip().removesuffix(",")) for line in record_lines]
    keys = ("references", "claims", "checks", "figures", "findings")
    assert records == [item for key in keys for item in data[key]]
    assert text.startswith("{\n") and text.endswith("\n}\n")
