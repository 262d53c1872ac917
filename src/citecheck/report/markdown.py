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

from urllib.parse import quote

from .. import recache
from ..model import FindingKind, Report
from ._common import linkable, scrub, shown
from .sections import NOTHING_VERIFIED, Sections, build_sections

#: Lists of less serious findings stop after this many items (a PR comment must stay short).
LIST_LIMIT = 50

_SPECIAL = recache.compile(r"([\\`*_\[\]#|~$])")
#: GitHub turns ``@name`` and ``@org/team`` into mentions (notifications) and ``https://…``,
#: ``www.…`` and ``a@b.c`` into links; a zero-width space after ``@``, inside the scheme and
#: after ``www`` leaves the text as it reads but gives the autolinker nothing to match.
_ZWSP = "\u200b"
_MENTION = recache.compile(r"@(?=[\w-])")
_SCHEME = recache.compile(r"(?i)\b(https?|ftp)(?=:)")
_WWW = recache.compile(r"(?i)\b(www)(?=\.)")


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


#: The order "Other findings" lists kinds in (it predates the shared severity order, and differs from
#: it only in where incomplete-url, not-found, unverifiable and invalid-url stand).
_OTHER_ORDER: tuple[FindingKind, ...] = (
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
)


def render_markdown(report: Report) -> str:
    """The whole Markdown report as text."""
    return format_markdown(build_sections(report))


def format_markdown(sections: Sections) -> str:
    """The Markdown report of ``sections``."""
    report, counts, cov = sections.report, sections.counts, sections.coverage
    out: list[str] = [f"# citecheck report: {md(report.paper)}", ""]
    out.append(f"Generated {md(report.generated_at)} by citecheck {md(report.tool_version)}.")
    out.append("")
    if cov.gaps:  # what was not verified comes first: a green summary must not hide it
        if cov.nothing_verified:
            out.append(f"> **{NOTHING_VERIFIED}**")
            out.append(">")
        out.extend(f"> - {md(line)}" for line in cov.gaps)
        out.append("")

    out.append("## Summary")
    out.append("")
    rows: list[tuple[str, str]] = [
        ("References", str(counts.references)),
        ("References with a URL", str(counts.references_with_url)),
    ]
    rows.extend((f"Links: {md(state)}", str(n)) for state, n in counts.links.items())
    rows.extend((f"Figures: {md(verdict)}", str(n)) for verdict, n in counts.figures.items() if n)
    out.extend(_table(rows))
    out.append("")
    if counts.findings:
        out.append("| Finding | Count |")
        out.append("|---|---:|")
        out.extend(f"| {md(kind)} | {n} |" for kind, n in counts.findings.items())
    else:
        out.append("No findings.")
    out.append("")
    if counts.accepted:
        out.append("| Accepted by the baseline | Count |")
        out.append("|---|---:|")
        out.extend(f"| {md(kind)} | {n} |" for kind, n in counts.accepted.items())
        out.append("")

    if sections.broken:
        out.append("## Broken links")
        out.append("")
        for broken in sections.broken:
            line = f"- **{md(broken.reference_key)}** {link(broken.url, broken.url)}: {md(broken.state.value)}, {md(broken.reason)}."
            if broken.snapshot_url is not None:
                line += f" Archived copy: {link(broken.snapshot_date, broken.snapshot_url)}."
            elif broken.archive_error:
                line += f" Archived copy unknown: {md(broken.archive_error)}."
            else:
                line += " No archived copy found."
            out.append(line)
        out.append("")

    if sections.figures:
        out.append("## Inconsistent figures")
        out.append("")
        for fig in sections.figures:
            out.append(f"### {md(fig.where)}")
            out.append("")
            out.append(f"- **Paper:** {_quote(*fig.claim)}")
            if fig.source is not None:
                out.append(f"- **Source:** {_quote(*fig.source)}")
            if fig.source_url:
                out.append(f"- **Source URL:** {link(fig.source_url, fig.source_url)}")
            out.append(f"- **Diagnosis:** {md(fig.explanation)}")
            out.append("")

    # accepted ones are listed below; repaired URLs before recovered ones, each in report order
    fixed = sorted((fix for fix in sections.repairs if not fix.accepted), key=lambda fix: fix.kind.severity)
    if fixed:
        out.append("## Repaired and recovered URLs")
        out.append("")
        out.append("| Reference | As printed | Repaired | How sure |")
        out.append("|---|---|---|---|")
        for fix in fixed:
            out.append(
                f"| {md(fix.reference_key)} | {md(fix.printed)} | "
                f"{link(fix.repaired, fix.repaired)} | {md(fix.confidence)} |"
            )
        out.append("")

    groups = {group.kind: group.findings for group in sections.others}
    rest = [(kind, groups[kind]) for kind in _OTHER_ORDER if kind in groups]
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

    if sections.accepted:
        out.append("## Accepted findings")
        out.append("")
        out.append("Accepted in the baseline file: listed, never failing the run.")
        out.append("")
        out.append("| Kind | Reference | Finding | Reason |")
        out.append("|---|---|---|---|")
        for row in sections.accepted:
            out.append(f"| {md(row.kind.value)} | {md(row.where)} | {md(row.message)} | {md(row.words)} |")
        out.append("")

    if sections.nothing_checked:
        out.append("Nothing was checked.")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
