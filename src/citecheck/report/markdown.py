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
from ..model import FindingKind, Report, UrlEvidence, Verdict
from ._common import (
    acceptance_words,
    accepted_figure,
    accepted_findings,
    accepted_link,
    coverage_lines,
    highlight_quantity,
    linkable,
    scrub,
    shown,
    summary,
)

#: Lists of less serious findings stop after this many items (a PR comment must stay short).
LIST_LIMIT = 50

_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")
#: GitHub turns ``@name`` and ``@org/team`` into mentions (notifications) and ``https://…``,
#: ``www.…`` and ``a@b.c`` into links; a zero-width space after ``@``, inside the scheme and
#: after ``www`` leaves the text as it reads but gives the autolinker nothing to match.
_ZWSP = "\u200b"
_MENTION = re.compile(r"@(?=[\w-])")
_SCHEME = re.compile(r"(?i)\b(https?|ftp)(?=:)")
_WWW = re.compile(r"(?i)\b(www)(?=\.)")


def md(text: object, *, inert: bool = True) -> str:
    """Escape ``text`` for Markdown: HTML is neutralised, syntax characters are backslashed,
    line breaks become spaces, bidi controls are dropped and (``inert``) ``@mentions`` and
    autolinks are broken by a zero-width space (``@\u200bteam``, ``htt\u200bps://``).

    >>> md("<script>*x*</script> | a")
    '&lt;script&gt;\\\\*x\\\\*&lt;/script&gt; \\\\| a'
    """
    value = shown(text).replace("\r", " ").replace("\n", " ")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if inert:
        value = _MENTION.sub("@" + _ZWSP, value)
        value = _SCHEME.sub(lambda m: m.group(1)[:-1] + _ZWSP + m.group(1)[-1], value)
        value = _WWW.sub("ww" + _ZWSP + "w", value)
    return _SPECIAL.sub(r"\\\1", value)


def link(text: object, url: str | None) -> str:
    """An explicit Markdown link when ``url`` is an http(s) address whose host can exist, else the
    escaped, inert text alone (inside a link's text GitHub neither mentions nor autolinks)."""
    if not linkable(url):
        return md(text)
    label = md(text, inert=False)
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
    notice = coverage_lines(report)
    if notice:  # what was not verified comes first: a green summary must not hide it
        if notice[0] == "Nothing was verified.":
            out.append(f"> **{notice.pop(0)}**")
            out.append(">")
        out.extend(f"> - {md(line)}" for line in notice)
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
    if stats.get("accepted"):
        out.append("| Accepted by the baseline | Count |")
        out.append("|---|---:|")
        out.extend(f"| {md(kind)} | {n} |" for kind, n in stats["accepted"].items())
        out.append("")

    by_kind: dict[FindingKind, list] = {}
    for finding in report.findings:
        if finding.accepted is None:  # accepted ones have a section of their own
            by_kind.setdefault(finding.kind, []).append(finding)

    checks = {check.reference_key: check for check in report.checks}
    broken = [
        c
        for c in report.checks
        if c.link is not None and c.link.state.is_dead and accepted_link(report, c) is None
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

    inconsistent = [
        fig
        for fig in report.figures
        if fig.verdict is Verdict.INCONSISTENT and accepted_figure(report, fig) is None
    ]
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
            ev = finding.evidence
            assert isinstance(ev, UrlEvidence)
            repaired = ev.repaired_url or ev.recovered_url or finding.url or ""
            out.append(
                f"| {md(finding.reference_key)} | {md(ev.printed_url or '')} | "
                f"{link(repaired, repaired)} | {md(ev.confidence or '')} |"
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
        FindingKind.BASELINE_EXPIRED,
        FindingKind.BASELINE_STALE,
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

    accepted = accepted_findings(report)
    if accepted:
        out.append("## Accepted findings")
        out.append("")
        out.append("Accepted in the baseline file: listed, never failing the run.")
        out.append("")
        out.append("| Kind | Reference | Finding | Reason |")
        out.append("|---|---|---|---|")
        for finding in accepted:
            assert finding.accepted is not None
            out.append(
                f"| {md(finding.kind.value)} | {md(finding.reference_key or 'document')} | "
                f"{md(finding.message)} | {md(acceptance_words(finding.accepted))} |"
            )
        out.append("")

    if not report.findings and not checks:
        out.append("Nothing was checked.")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
