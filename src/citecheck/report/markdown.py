"""The Markdown report: reads well as a pull-request comment.

A summary table, then broken links (with the archived copy), inconsistent figures
(claim beside source, the numbers in bold, the diagnosis in words), repaired and
recovered URLs, and the remaining findings. Everything taken from papers and sources
is escaped: Markdown syntax and raw HTML in a source cannot change the comment.

>>> from citecheck.model import Report
>>> render_markdown(Report(paper="p.txt", generated_at="2026-01-01T00:00:00Z")).splitlines()[0]
'# citecheck report: p.txt'
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..findings import figure_explanation, snapshot_date
from ..model import FindingKind, LinkState, Report, Verdict
from ._common import highlight_quantity, scrub, summary

#: Lists of less serious findings stop after this many items (a PR comment must stay short).
LIST_LIMIT = 50

_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")


def md(text: object) -> str:
    """Escape ``text`` for Markdown: HTML is neutralised, syntax characters are backslashed,
    line breaks become spaces.

    >>> md("<script>*x*</script> | a")
    '&lt;script&gt;\\\\*x\\\\*&lt;/script&gt; \\\\| a'
    """
    value = scrub(text).replace("\r", " ").replace("\n", " ")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", value)


def link(text: object, url: str | None) -> str:
    """A Markdown link when ``url`` is http(s), else the escaped text alone."""
    label = md(text)
    if not url or not re.match(r"(?i)^https?://", url):
        return label
    target = quote(scrub(url), safe=":/?#@!$&'*+,;=%~-._")
    target = target.replace("(", "%28").replace(")", "%29")
    return f"[{label}]({target})"


def _quote(before: str, number: str, after: str) -> str:
    if not number:
        return md(before)
    return f"{md(before)}**{md(number)}**{md(after)}"


def _table(rows: list[tuple[str, str]]) -> list[str]:
    lines = ["| | |", "|---|---:|"]
    lines.extend(f"| {label} | {value} |" for label, value in rows)
    return lines


def render_markdown(report: Report) -> str:
    """The whole Markdown report as text."""
    stats = summary(report)
    out: list[str] = [f"# citecheck report: {md(report.paper)}", ""]
    out.append(f"Generated {md(report.generated_at)} by citecheck {md(report.tool_version)}.")
    out.append("")

    out.append("## Summary")
    out.append("")
    rows: list[tuple[str, str]] = [
        ("References", str(stats["references"])),
        ("References with a URL", str(stats["references_with_url"])),
    ]
    rows.extend((f"Links: {md(state)}", str(n)) for state, n in stats["links"].items())
    rows.extend((f"Figures: {md(verdict)}", str(n)) for verdict, n in stats["figures"].items() if n)
    out.extend(_table(rows))
    out.append("")
    if stats["findings"]:
        out.append("| Finding | Count |")
        out.append("|---|---:|")
        out.extend(f"| {md(kind)} | {n} |" for kind, n in stats["findings"].items())
    else:
        out.append("No findings.")
    out.append("")

    by_kind: dict[FindingKind, list] = {}
    for finding in report.findings:
        by_kind.setdefault(finding.kind, []).append(finding)

    checks = {check.reference_key: check for check in report.checks}
    broken = [
        c
        for c in report.checks
        if c.link is not None and c.link.state in (LinkState.BROKEN, LinkState.SOFT_404)
    ]
    if broken:
        out.append("## Broken links")
        out.append("")
        for check in broken:
            assert check.link is not None
            line = f"- **{md(check.reference_key)}** {link(check.url or check.link.url, check.url or check.link.url)}: {md(check.link.state.value)}, {md(check.link.reason)}."
            if check.snapshot is not None:
                when = snapshot_date(check.snapshot.timestamp)
                line += f" Archived copy: {link(when, check.snapshot.url)}."
            elif check.archive_error:
                line += f" Archived copy unknown: {md(check.archive_error)}."
            else:
                line += " No archived copy found."
            out.append(line)
        out.append("")

    inconsistent = [fig for fig in report.figures if fig.verdict is Verdict.INCONSISTENT]
    if inconsistent:
        out.append("## Inconsistent figures")
        out.append("")
        for fig in inconsistent:
            where = md(fig.reference_key or fig.note_id)
            out.append(f"### {where}")
            out.append("")
            out.append(f"- **Paper:** {_quote(*highlight_quantity(fig.claim_sentence, fig.claim_quantity))}")
            if fig.source_sentence:
                source = _quote(*highlight_quantity(fig.source_sentence, fig.source_quantity))
                out.append(f"- **Source:** {source}")
            if fig.source_url:
                out.append(f"- **Source URL:** {link(fig.source_url, fig.source_url)}")
            out.append(f"- **Diagnosis:** {md(figure_explanation(fig))}")
            out.append("")

    fixed = by_kind.get(FindingKind.REPAIRED_URL, []) + by_kind.get(FindingKind.RECOVERED_URL, [])
    if fixed:
        out.append("## Repaired and recovered URLs")
        out.append("")
        out.append("| Reference | As printed | Repaired | How sure |")
        out.append("|---|---|---|---|")
        for finding in fixed:
            ev = dict(finding.evidence)
            repaired = ev.get("repaired") or ev.get("recovered") or finding.url or ""
            out.append(
                f"| {md(finding.reference_key)} | {md(ev.get('as printed', ''))} | "
                f"{link(repaired, repaired)} | {md(ev.get('how sure', ''))} |"
            )
        out.append("")

    rest_kinds = [
        FindingKind.INCOMPLETE_URL,
        FindingKind.NOT_FOUND,
        FindingKind.UNVERIFIABLE,
        FindingKind.INVALID_URL,
        FindingKind.BLOCKED,
        FindingKind.FLAKY,
        FindingKind.REFUSED,
        FindingKind.UNREACHABLE,
        FindingKind.ARCHIVE_ERROR,
        FindingKind.PARSE_WARNING,
    ]
    rest = [(kind, by_kind[kind]) for kind in rest_kinds if kind in by_kind]
    if rest:
        out.append("## Other findings")
        out.append("")
        for kind, items in rest:
            out.append(f"<details><summary>{md(kind.value)} ({len(items)})</summary>")
            out.append("")
            for finding in items[:LIST_LIMIT]:
                who = f"**{md(finding.reference_key)}** " if finding.reference_key else ""
                out.append(f"- {who}{md(finding.message)}")
            if len(items) > LIST_LIMIT:
                out.append(f"- and {len(items) - LIST_LIMIT} more (see the HTML or JSON report)")
            out.append("")
            out.append("</details>")
            out.append("")

    if not report.findings and not checks:
        out.append("Nothing was checked.")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
