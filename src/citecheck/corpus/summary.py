"""The corpus summary: counts per paper and per host, as JSON, CSV (for spreadsheets) and a
sortable HTML page (click a column header). It reads only the per-paper reports and the run's
figures; it never touches the network.

>>> rows = [PaperRow("a.md", "reports/a.json", 3, 2, {"ok": 2}, {"consistent": 1}, {"broken": 0}, 0, 0)]
>>> render_csv(CorpusSummary(rows, [], {}), "papers").splitlines()[0]
'paper,report,references,urls,failing,status,error,links_ok,figures_consistent,findings_broken'
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from dataclasses import asdict, dataclass, field

from ..findings import DEFAULT_FAIL_ON
from ..findings import failing as failing_findings
from ..model import Report
from ..report._common import finding_counts, link_counts, verdict_counts
from .sharding import host_of


@dataclass(frozen=True)
class PaperRow:
    paper: str
    report: str  # the JSON (else first) report written for it
    references: int
    urls: int
    links: dict[str, int]
    figures: dict[str, int]
    findings: dict[str, int]
    failing: int  # findings at or above --fail-on
    status: int  # the exit status `verify` would give this paper (2: could not be read)
    error: str = ""


@dataclass(frozen=True)
class HostRow:
    host: str
    urls: int  # distinct URLs checked on this host
    papers: int  # papers citing it
    links: dict[str, int]


@dataclass
class CorpusSummary:
    papers: list[PaperRow]
    hosts: list[HostRow]
    run: dict = field(default_factory=dict)  # totals, deduplication, requests, stage times

    def to_dict(self) -> dict:
        return {
            "run": self.run,
            "papers": [asdict(row) for row in self.papers],
            "hosts": [asdict(row) for row in self.hosts],
        }


def paper_row(report: Report, written: str, fail_on=None) -> PaperRow:
    failing = len(failing_findings(report.findings, DEFAULT_FAIL_ON if fail_on is None else fail_on))
    return PaperRow(
        paper=report.paper,
        report=written,
        references=len(report.references),
        urls=sum(1 for r in report.references if r.url is not None),
        links=dict(link_counts(report)),
        figures={k: v for k, v in verdict_counts(report).items() if v},
        findings=dict(finding_counts(report)),
        failing=failing,
        status=1 if failing else 0,
    )


def failed_row(paper: str, error: str) -> PaperRow:
    return PaperRow(paper, "", 0, 0, {}, {}, {}, 0, 2, error)


def host_rows(reports: list[Report]) -> list[HostRow]:
    """Per host: each distinct URL once (its live state), and how many papers cite the host."""
    states: dict[str, dict[str, str]] = {}
    papers: dict[str, set[str]] = {}
    for report in reports:
        for check in report.checks:
            host = host_of(check.url or "") or "(no host)"
            state = check.link.state.value if check.link is not None else "unchecked"
            states.setdefault(host, {})[check.url] = state
            papers.setdefault(host, set()).add(report.paper)
    rows = [
        HostRow(host, len(urls), len(papers[host]), dict(Counter(urls.values()).most_common()))
        for host, urls in states.items()
    ]
    return sorted(rows, key=lambda r: (-r.urls, r.host))


def _columns(rows, name: str) -> list[str]:
    keys: dict[str, None] = {}
    for row in rows:
        for key in getattr(row, name):
            keys.setdefault(key, None)
    return sorted(keys)


def _table(summary: CorpusSummary, which: str) -> tuple[list[str], list[list]]:
    if which == "papers":
        rows = summary.papers
        links, figures, findings = (_columns(rows, n) for n in ("links", "figures", "findings"))
        head = ["paper", "report", "references", "urls", "failing", "status", "error"]
        head += [f"links_{k}" for k in links] + [f"figures_{k}" for k in figures]
        head += [f"findings_{k}" for k in findings]
        body = [
            [r.paper, r.report, r.references, r.urls, r.failing, r.status, r.error]
            + [r.links.get(k, 0) for k in links]
            + [r.figures.get(k, 0) for k in figures]
            + [r.findings.get(k, 0) for k in findings]
            for r in rows
        ]
        return head, body
    rows_h = summary.hosts
    states = _columns(rows_h, "links")
    head = ["host", "urls", "papers"] + [f"links_{k}" for k in states]
    body = [[r.host, r.urls, r.papers] + [r.links.get(k, 0) for k in states] for r in rows_h]
    return head, body


def render_json(summary: CorpusSummary) -> str:
    return json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_csv(summary: CorpusSummary, which: str = "papers") -> str:
    head, body = _table(summary, which)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    writer.writerows(body)
    return out.getvalue()


_SORT_SCRIPT = """
document.querySelectorAll('table.sortable th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0];
    var up = th.dataset.dir !== 'asc'; th.dataset.dir = up ? 'asc' : 'desc';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return up ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def _html_table(summary: CorpusSummary, which: str, link_col: str | None) -> str:
    head, body = _table(summary, which)
    out = [f'<table class="sortable" id="{which}"><thead><tr>']
    out += [f'<th title="sort">{html.escape(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for row in body:
        cells = []
        for name, value in zip(head, row, strict=True):
            text = html.escape(str(value))
            shown = f'<a href="{text}">{text}</a>' if name == link_col and value else text
            cells.append(f'<td data-v="{text}">{shown}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render_html(summary: CorpusSummary) -> str:
    run = summary.run
    facts = "".join(
        f"<li>{html.escape(str(k).replace('_', ' '))}: {html.escape(str(v))}</li>"
        for k, v in run.items()
        if not isinstance(v, dict)
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>citecheck corpus summary</title><style>"
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
        "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left}th{cursor:pointer;background:#eee}"
        "</style></head><body><h1>citecheck corpus summary</h1>"
        f"<ul>{facts}</ul><h2>Papers</h2>{_html_table(summary, 'papers', 'report')}"
        f"<h2>Hosts</h2>{_html_table(summary, 'hosts', None)}"
        f"<script>{_SORT_SCRIPT}</script></body></html>\n"
    )


def render_junit_corpus(reports: list[Report]) -> str:
    """One JUnit XML document: each paper's test suite (as ``verify --junit`` writes it), summed."""
    import xml.etree.ElementTree as ET

    from ..report import render

    root = ET.Element("testsuites", name="citecheck corpus")
    tests = failures = 0
    for report in reports:
        for suite in ET.fromstring(render(report, "junit").split("\n", 1)[1]).iter("testsuite"):
            tests += int(suite.get("tests", "0"))
            failures += int(suite.get("failures", "0"))
            root.append(suite)
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


__all__ = [
    "CorpusSummary",
    "HostRow",
    "PaperRow",
    "failed_row",
    "host_rows",
    "paper_row",
    "render_csv",
    "render_html",
    "render_json",
    "render_junit_corpus",
]
