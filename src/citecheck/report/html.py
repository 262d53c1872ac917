"""The HTML report: one self-contained file, readable on a laptop and on a phone.

Everything that came from a paper or a source is escaped: the markup is built with
:func:`el`, which escapes every text child and attribute value, and only the strings it
returns (:class:`Markup`) pass through unescaped. A strict Content-Security-Policy
(``script-src 'none'``, no network loads) is the second fence: even a ``<script>`` that
slipped through would not run.

>>> str(el("p", "<script>alert(1)</script>"))
'<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
>>> from citecheck.model import Report
>>> "<svg" in render_html(Report(paper="p.txt", generated_at="2026-01-01T00:00:00Z"))
True
"""

from __future__ import annotations

import html as _html
import re
from functools import lru_cache
from importlib import resources
from string import Template

from ..findings import SEVERITY, figure_explanation, snapshot_date
from ..model import FindingKind, Reference, Report, SourceCheck, UrlEvidence, Verdict
from ._common import (
    acceptance_words,
    accepted_figure,
    accepted_findings,
    accepted_link,
    coverage,
    coverage_lines,
    highlight_quantity,
    linkable,
    shown,
    summary,
)

#: No scripts, no network: only inline styles and data: images.
CSP = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)

_TAGS = frozenset(
    "a abbr blockquote code dd details div dl dt figcaption figure footer h1 h2 h3 header li main mark "
    "p section small span strong summary table tbody td th thead tr ul svg g rect text title".split()
)
_ATTR = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*$")


class Markup(str):
    """A string that is already safe HTML (only :func:`el` and :func:`esc` make them)."""

    __slots__ = ()


def esc(value: object) -> Markup:
    """Escape ``value`` as HTML text (a :class:`Markup` is returned unchanged)."""
    if isinstance(value, Markup):
        return value
    return Markup(_html.escape(shown(value), quote=True))


def el(tag: str, *children: object, **attrs: object) -> Markup:
    """One element: ``el("a", "text", href=url, class_="x")``; children and attributes escaped.

    ``None`` children and attributes whose value is ``None`` or ``False`` are dropped.
    Only a fixed list of tags and lowercase attribute names is accepted.
    """
    if tag not in _TAGS:
        raise ValueError(f"tag not allowed: {tag}")
    parts = [f"<{tag}"]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        if not _ATTR.match(name) or name.lower().startswith("on"):
            raise ValueError(f"attribute not allowed: {name}")
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{esc(value)}"')
    parts.append(">")
    parts.extend(esc(child) for child in children if child is not None)
    parts.append(f"</{tag}>")
    return Markup("".join(parts))


def join(items) -> Markup:
    """Concatenate markup pieces (text pieces are escaped)."""
    return Markup("".join(esc(item) for item in items))


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an http(s) address whose host can exist, else None (no ``javascript:``,
    ``data:``, no ``http://cpc``: see :func:`~citecheck.report._common.linkable`)."""
    if linkable(url):
        return url.strip()  # type: ignore[union-attr]
    return None


def a(text: object, url: str | None) -> Markup:
    """A link that opens nothing but http(s) and leaks no referrer; plain text otherwise."""
    href = safe_href(url)
    if href is None:
        return el("span", text, class_="url")
    return el("a", text, href=href, rel="noopener noreferrer nofollow", referrerpolicy="no-referrer")


def _highlighted(parts: tuple[str, str, str]) -> Markup:
    before, number, after = parts
    if not number:
        return esc(before)
    return join([before, el("mark", number), after])


@lru_cache(maxsize=1)
def _assets() -> tuple[Template, str]:
    base = resources.files("citecheck.report") / "templates"
    page = Template((base / "report.html").read_text(encoding="utf-8"))
    css = (base / "report.css").read_text(encoding="utf-8")
    return page, css


# ---------------------------------------------------------------- sections


def _card(label: str, n: int, tone: str = "") -> Markup:
    return el(
        "div", el("span", str(n), class_="n"), el("span", label, class_="l"), class_=f"card {tone}".strip()
    )


_BAR_COLOURS = {
    "consistent": "#1a7f37",
    "inconsistent": "#b42318",
    "not-found": "#9a6700",
    "unverifiable": "#8c959f",
    "ok": "#1a7f37",
    "redirected": "#2da44e",
    "broken": "#b42318",
    "soft-404": "#cf222e",
    "blocked": "#9a6700",
    "flaky": "#bf8700",
    "refused": "#6e7781",
    "unreachable": "#8c959f",
    "invalid": "#a40e26",
    "incomplete": "#d1242f",
    "unchecked": "#afb8c1",
}


def chart(title: str, counts: dict[str, int]) -> Markup:
    """A horizontal bar chart of ``counts`` as inline SVG (scales with its container)."""
    rows = list(counts.items()) or [("none", 0)]
    width, label_w, bar_h, gap = 320, 100, 18, 8
    height = len(rows) * (bar_h + gap) + gap
    top = max(counts.values(), default=0) or 1
    bars: list[Markup] = []
    for index, (label, n) in enumerate(rows):
        y = gap + index * (bar_h + gap)
        length = round((width - label_w - 40) * n / top)
        bars.append(
            el(
                "g",
                el(
                    "text",
                    label,
                    x=str(label_w - 6),
                    y=str(y + bar_h - 5),
                    text_anchor="end",
                    font_size="12",
                    fill="#1d2430",
                ),
                el(
                    "rect",
                    x=str(label_w),
                    y=str(y),
                    width=str(max(length, 1 if n else 0)),
                    height=str(bar_h),
                    rx="3",
                    fill=_BAR_COLOURS.get(label, "#0b5cad"),
                ),
                el(
                    "text",
                    str(n),
                    x=str(label_w + length + 6),
                    y=str(y + bar_h - 5),
                    font_size="12",
                    fill="#1d2430",
                ),
            )
        )
    svg = el(
        "svg",
        el("title", title),
        *bars,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        role="img",
        aria_label=f"{title}: " + ", ".join(f"{k} {v}" for k, v in rows),
    )
    return el("figure", svg, el("figcaption", title), class_="chart")


def _summary_section(report: Report) -> Markup:
    stats = summary(report)
    cov = coverage(report)
    links = stats["links"]
    figures = stats["figures"]
    findings = stats["findings"]
    # a zero is only good news when something was looked at: green for "0 broken" needs every
    # link checked, for "0 inconsistent" every figure compared; else it is a warning
    all_links = cov["links_checked"] == cov["links"]
    all_figures = cov["figures_compared"] == cov["figures"]
    accepted = stats.get("accepted", {})
    broken = links.get("broken", 0) + links.get("soft-404", 0)
    inconsistent = figures.get("inconsistent", 0)
    if accepted:  # what a baseline accepted is counted in a card of its own, not as bad
        broken -= accepted.get("broken", 0) + accepted.get("soft-404", 0)
        inconsistent -= accepted.get("inconsistent", 0)
    cards = [
        _card("references", stats["references"]),
        _card("with a URL", stats["references_with_url"]),
        _card("broken links", broken, "bad" if broken else "ok" if all_links else "warn"),
        _card("links ok", links.get("ok", 0) + links.get("redirected", 0), "ok" if all_links else ""),
        _card(
            "inconsistent figures",
            inconsistent,
            "bad" if inconsistent else "ok" if all_figures else "warn",
        ),
        _card("consistent figures", figures.get("consistent", 0), "ok" if all_figures else ""),
        _card(
            "URLs to fix by hand",
            findings.get("incomplete-url", 0),
            "warn" if findings.get("incomplete-url") else "",
        ),
        _card("URLs repaired", findings.get("repaired-url", 0) + findings.get("recovered-url", 0)),
    ]
    if accepted:
        cards.append(_card("accepted by the baseline", sum(accepted.values()), "info"))
    return el(
        "section",
        el("h2", "Summary"),
        _coverage_notice(report),
        el(
            "div",
            el("div", *cards, class_="cards"),
            chart("Figures by verdict", figures),
            chart("Links by state", links),
            class_="summary",
        ),
        id="summary",
    )


def _coverage_notice(report: Report) -> Markup | None:
    """What the run could not verify, said first and plainly (None when everything was)."""
    lines = coverage_lines(report)
    if not lines:
        return None
    head, rest = (lines[0], lines[1:]) if lines[0] == "Nothing was verified." else (None, lines)
    return el(
        "div",
        el("p", el("strong", head)) if head else None,
        el("ul", *[el("li", line) for line in rest]),
        class_="notice",
        role="status",
    )


def _broken_section(report: Report, refs: dict[str, Reference]) -> Markup | None:
    broken = [
        c
        for c in report.checks
        if c.link is not None and c.link.state.is_dead and accepted_link(report, c) is None
    ]
    if not broken:
        return None
    items = []
    for check in broken:
        assert check.link is not None
        ref = refs.get(check.reference_key)
        fields = [
            el("dt", "URL"),
            el("dd", a(check.url or check.link.url, check.url or check.link.url)),
            el("dt", "Evidence"),
            el("dd", check.link.reason),
        ]
        if check.link.final_url and check.link.final_url != check.link.url:
            fields += [el("dt", "Ended at"), el("dd", a(check.link.final_url, check.link.final_url))]
        if check.snapshot is not None:
            fields += [
                el("dt", "Archived copy"),
                el("dd", a(check.snapshot.url, check.snapshot.url)),
                el("dt", "Snapshot date"),
                el("dd", snapshot_date(check.snapshot.timestamp)),
            ]
        else:
            fields += [el("dt", "Archived copy"), el("dd", "none found", class_="none")]
        if ref is not None and ref.access_date:
            fields += [el("dt", "Accessed by the author"), el("dd", ref.access_date)]
        items.append(
            el(
                "div",
                el(
                    "h3",
                    _badge(check.link.state.value, "bad"),
                    " ",
                    check.reference_key,
                    " ",
                    el("small", ref.title if ref and ref.title else ""),
                ),
                el("dl", *fields, class_="fields"),
                class_="item bad",
            )
        )
    return el("section", el("h2", f"Broken links ({len(broken)})"), *items, id="broken")


def _figures_section(report: Report) -> Markup | None:
    bad = [
        fig
        for fig in report.figures
        if fig.verdict is Verdict.INCONSISTENT and accepted_figure(report, fig) is None
    ]
    if not bad:
        return None
    items = []
    for fig in bad:
        claim = el(
            "blockquote",
            el("span", "Paper", class_="who"),
            _highlighted(highlight_quantity(fig.claim_sentence, fig.claim_quantity)),
        )
        if fig.source_sentence:
            source_body = _highlighted(highlight_quantity(fig.source_sentence, fig.source_quantity))
        else:
            source_body = el("span", "no source sentence recorded", class_="none")
        source = el("blockquote", el("span", "Source", class_="who"), source_body)
        heading = [_badge("inconsistent", "bad"), " ", fig.reference_key or fig.note_id]
        if fig.diagnosis:
            heading += [" ", _badge(fig.diagnosis, "warn")]
        parts = [
            el("h3", *heading),
            el("div", claim, source, class_="pair"),
            el("p", el("strong", "Diagnosis: "), figure_explanation(fig), class_="diagnosis"),
        ]
        if fig.source_url:
            parts.append(el("p", el("small", "Source: ", a(fig.source_url, fig.source_url))))
        items.append(el("div", *parts, class_="item bad"))
    return el("section", el("h2", f"Inconsistent figures ({len(bad)})"), *items, id="figures")


def _repairs_section(report: Report) -> Markup | None:
    fixed = [f for f in report.findings if f.kind.is_repair]
    if not fixed:
        return None
    rows = []
    for finding in fixed:
        ev = finding.evidence
        assert isinstance(ev, UrlEvidence)
        repaired = ev.repaired_url or ev.recovered_url or finding.url or ""
        rows.append(
            el(
                "tr",
                el("td", finding.reference_key or "", class_="key"),
                el("td", el("span", ev.printed_url or "", class_="url")),
                el("td", a(repaired, repaired)),
                el("td", _badge(finding.kind.value, "info"), " ", ev.confidence or ""),
            )
        )
    table = el(
        "table",
        el(
            "thead",
            el(
                "tr",
                el("th", "Reference"),
                el("th", "As printed"),
                el("th", "Repaired"),
                el("th", "How sure"),
            ),
        ),
        el("tbody", *rows),
    )
    return el(
        "section",
        el("h2", f"Repaired and recovered URLs ({len(fixed)})"),
        el("div", table, class_="table-wrap"),
        id="repairs",
    )


def _other_findings_section(report: Report) -> Markup | None:
    shown = {
        FindingKind.BROKEN,
        FindingKind.SOFT_404,
        FindingKind.INCONSISTENT,
        FindingKind.REPAIRED_URL,
        FindingKind.RECOVERED_URL,
    }
    groups: dict[FindingKind, list] = {}
    for finding in report.findings:
        if finding.kind not in shown and finding.accepted is None:
            groups.setdefault(finding.kind, []).append(finding)
    if not groups:
        return None
    blocks = []
    for kind in SEVERITY:
        items = groups.get(kind)
        if not items:
            continue
        tone = kind.tone
        entries = []
        for finding in items:
            evidence = []
            for label, text in finding.evidence.pairs():
                if not str(text).strip():
                    continue  # an empty value says nothing: no empty row
                value = a(text, text) if safe_href(text) else text
                evidence += [el("dt", label), el("dd", value)]
            entries.append(
                el(
                    "div",
                    el(
                        "h3",
                        finding.reference_key or finding.note_id or "document",
                        " ",
                        el("small", finding.message),
                    ),
                    el("dl", *evidence, class_="fields") if evidence else None,
                    class_=f"item {tone}",
                )
            )
        blocks.append(
            el(
                "details",
                el("summary", _badge(kind.value, tone), f" {len(items)}"),
                *entries,
                open=kind.tone == "bad",
            )
        )
    return el("section", el("h2", "Other findings"), *blocks, id="findings")


def _accepted_section(report: Report) -> Markup | None:
    """Findings the baseline accepted: each with its kind, reference, message and reason."""
    accepted = accepted_findings(report)
    if not accepted:
        return None
    rows = []
    for finding in accepted:
        assert finding.accepted is not None
        rows.append(
            el(
                "tr",
                el("td", _badge(finding.kind.value, "info")),
                el("td", finding.reference_key or "document", class_="key"),
                el("td", finding.message),
                el("td", acceptance_words(finding.accepted)),
            )
        )
    head = el("tr", el("th", "Kind"), el("th", "Reference"), el("th", "Finding"), el("th", "Reason"))
    return el(
        "section",
        el("h2", f"Accepted findings ({len(accepted)})"),
        el("p", "Accepted in the baseline file: listed, never failing the run.", class_="meta"),
        el("div", el("table", el("thead", head), el("tbody", *rows)), class_="table-wrap"),
        id="accepted",
    )


def _badge(text: str, tone: str = "") -> Markup:
    return el("span", text, class_=f"badge {tone}".strip())


def _link_tone(check: SourceCheck | None) -> str:
    if check is None or check.link is None:
        return ""
    return check.link.state.tone


def _references_section(report: Report) -> Markup:
    checks = {check.reference_key: check for check in report.checks}
    entries = []
    for ref in report.references:
        check = checks.get(ref.key)
        fields: list[Markup] = []

        def field(label: str, value: object, fields=fields) -> None:
            if value not in (None, "", (), False):
                fields.extend((el("dt", label), el("dd", value)))

        field("type", ref.entry_type)
        field("authors", "; ".join(ref.authors) + (" et al." if ref.et_al else "") if ref.authors else None)
        field("editors", "; ".join(ref.editors) if ref.editors else None)
        field("title", ref.title)
        field("in", ref.container)
        field("publisher", ref.publisher)
        field("place", ref.location)
        field("date", ref.date or (str(ref.year) if ref.year else None))
        field("volume", ref.volume)
        field("issue", ref.issue)
        field("pages", ref.pages)
        field("edition", ref.edition)
        field("DOI", ref.doi)
        field("ISBN", ref.isbn)
        field("language", ref.language)
        if ref.url is not None:
            field("URL as printed", el("span", ref.url.raw, class_="url"))
            if ref.url.repaired and ref.url.repaired != ref.url.raw:
                shown = (
                    a(ref.url.repaired, ref.url.repaired)
                    if ref.url.complete
                    else el("span", ref.url.repaired, class_="url")
                )
                field("URL repaired" if ref.url.complete else "URL (incomplete)", shown)
        field("accessed", ref.access_date)
        if check is not None and check.link is not None:
            field("link", join([_badge(check.link.state.value, _link_tone(check)), " ", check.link.reason]))
        if check is not None and check.snapshot is not None:
            field("archived copy", join([a(snapshot_date(check.snapshot.timestamp), check.snapshot.url)]))
        elif check is not None and check.archive_error:
            field("archived copy", f"unknown: {check.archive_error}")
        field("note", ref.note_id)
        field("as printed", ref.raw)
        for warning in ref.warnings:
            field("warning", warning)
        state = check.link.state.value if check is not None and check.link is not None else None
        summary_line = [el("code", ref.key), " ", ref.title or ref.raw[:120]]
        if state:
            summary_line += [" ", _badge(state, _link_tone(check))]
        entries.append(
            el(
                "details",
                el("summary", *summary_line),
                el("dl", *fields, class_="fields"),
                class_="item",
                id=f"ref-{ref.key}",
            )
        )
    body = entries or [el("p", "No references found.", class_="none")]
    return el("section", el("h2", f"References ({len(report.references)})"), *body, id="references")


def render_html(report: Report) -> str:
    """The whole HTML report as text: one file, inline CSS and SVG, no scripts."""
    page, css = _assets()
    refs = {ref.key: ref for ref in report.references}
    sections = [
        _summary_section(report),
        _figures_section(report),
        _broken_section(report, refs),
        _repairs_section(report),
        _other_findings_section(report),
        _accepted_section(report),
        _references_section(report),
    ]
    header = el(
        "header",
        el("h1", "citecheck report: ", report.paper),
        el(
            "p", f"Generated {report.generated_at} by citecheck {report.tool_version}".rstrip(), class_="meta"
        ),
    )
    footer = el(
        "footer",
        "Every text above that came from the paper or a cited source is shown as text; "
        "this page runs no scripts and loads nothing from the network.",
    )
    body = el("main", header, *[s for s in sections if s is not None], footer)
    return page.substitute(
        csp=esc(CSP),
        version=esc(report.tool_version),
        title=esc(f"citecheck report: {report.paper}"),
        css=css,
        body=body,
    )
