"""The JSON report: a documented, versioned schema other tools can consume.

The schema lives in ``docs/report-schema.json`` (JSON Schema 2020-12). Its version is
``schema_version`` (``citecheck.model.SCHEMA_VERSION``): the minor number grows when
fields are added, the major number when a field changes meaning or disappears (1.1 added a
finding's ``accepted`` object, the ``baseline-*`` kinds and ``summary.accepted``).

Conventions: every number taken from text is a *string* holding the exact decimal
(``"5181.74"``, never a float); enums are their string values; tuples are arrays;
a finding's evidence is an array of ``{"label": ..., "text": ...}`` objects, one per fact of its
typed :class:`~citecheck.model.Evidence` under the label ``EVIDENCE_LABELS`` gives it.

>>> from citecheck.model import Report
>>> import json
>>> json.loads(render_json(Report(paper="p.txt", generated_at="2026-01-01T00:00:00Z")))["paper"]
'p.txt'
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import PurePath

from ..model import Finding, Report
from ._common import scrub
from .sections import Sections, build_sections

SCHEMA_ID = "https://citecheck.invalid/report-schema.json"


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_jsonable(value):
    """Dataclasses, enums, Decimals, tuples and paths as plain JSON values (recursively)."""
    if isinstance(value, str) and not isinstance(value, Enum):
        return scrub(value)
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, Finding):
        data = {name: to_jsonable(getattr(value, name)) for name in _field_names(Finding)}
        data["evidence"] = [
            {"label": scrub(label), "text": scrub(text)} for label, text in value.evidence.pairs()
        ]
        if value.accepted is None:  # only a baseline adds it (schema 1.1): other reports stay as they were
            del data["accepted"]
        return data
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_jsonable(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, dict):
        return {scrub(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_jsonable(v) for v in value]
        if isinstance(value, (set, frozenset)):
            items.sort(key=str)
        return items
    if isinstance(value, PurePath):
        return scrub(str(value))
    return scrub(str(value))


def _decimal(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def report_dict(report: Report) -> dict:
    """The report as the JSON object the schema describes."""
    return sections_dict(build_sections(report))


def sections_dict(sections: Sections) -> dict:
    """The JSON object of a report: its sections' counts as ``summary``, then the whole run."""
    report = sections.report
    return {
        "$schema": SCHEMA_ID,
        "schema_version": report.schema_version,
        "tool": {"name": "citecheck", "version": scrub(report.tool_version)},
        "paper": scrub(report.paper),
        "generated_at": scrub(report.generated_at),
        "options": to_jsonable(dict(report.options or {})),
        "summary": sections.counts.as_dict(),
        "references": [to_jsonable(ref) for ref in report.references],
        "claims": [to_jsonable(claim) for claim in report.claims],
        "checks": [to_jsonable(check) for check in report.checks],
        "figures": [to_jsonable(fig) for fig in report.figures],
        "findings": [to_jsonable(finding) for finding in report.findings],
    }


def render_json(report: Report) -> str:
    """The JSON report as text (UTF-8 safe, non-ASCII kept readable, one record per line, final newline)."""
    return format_json(build_sections(report))


#: compact JSON of one value, through the C encoder (``json.dumps`` with an indent falls back to
#: the pure-Python one, about five times slower on a report)
_COMPACT = json.JSONEncoder(ensure_ascii=False)


def format_json(sections: Sections) -> str:
    """The JSON report of ``sections`` as text: one top-level key per line, and each reference,
    claim, check, figure and finding on a line of its own, so a diff of two runs shows which
    record changed (and the whole is encoded by the C encoder)."""
    data = sections_dict(sections)
    lines = ["{"]
    last = len(data) - 1
    for i, (key, value) in enumerate(data.items()):
        comma = "," if i < last else ""
        if isinstance(value, list) and value:
            lines.append(f" {_COMPACT.encode(key)}: [")
            lines.append(",\n".join("  " + _COMPACT.encode(item) for item in value))
            lines.append(f" ]{comma}")
        else:
            lines.append(f" {_COMPACT.encode(key)}: {_COMPACT.encode(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
