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
from functools import lru_cache
from importlib import resources
from string import Template

from .. import recache
from ..findings import snapshot_date
from ..model import Report, SourceCheck
from ._common import linkable, shown
from .sections import NOTHING_VERIFIED, Coverage, Sections, build_sections

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
_ATTR = recache.compile(r"^[a-zA-Z][a-zA-Z0-9-]*$")


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


def _summary_section(sections: Sections) -> Markup:
    counts, cov = sections.counts, sections.coverage
    # a zero is only good news when something was looked at: green for "0 broken" needs every
    # link checked, for "0 inconsistent" every figure compared; else it is a warning
    all_links, all_figures = cov.all_links_checked, cov.all_figures_compared
    broken, inconsistent = counts.dead_links_open, counts.inconsistent_open
    cards = [
        _card("references", counts.references),
        _card("with a URL", counts.references_with_url),
        _card("broken links", broken, "bad" if broken else "ok" if all_links else "warn"),
        _card("links ok", counts.links_ok, "ok" if all_links else ""),
        _card(
            "inconsistent figures",
            inconsistent,
            "bad" if inconsistent else "ok" if all_figures else "warn",
        ),
        _card("consistent figures", counts.figures.get("consistent", 0), "ok" if all_figures else ""),
        _card("URLs to fix by hand", counts.urls_to_fix, "warn" if counts.urls_to_fix else ""),
        _card("URLs repaired", counts.urls_repaired),
    ]
    if counts.accepted:  # what a baseline accepted is counted in a card of its own, not as bad
        cards.append(_card("accepted by the baseline", sum(counts.accepted.values()), "info"))
    return el(
        "section",
        el("h2", "Summary"),
        _coverage_notice(cov),
        el(
            "div",
            el("div", *cards, class_="cards"),
            chart("Figures by verdict", counts.figures),
            chart("Links by state", counts.links),
            class_="summary",
        ),
        id="summary",
    )


def _coverage_notice(cov: Coverage) -> Markup | None:
    """What the run could not verify, said first and plainly (None when everything was)."""
    if not cov.gaps:
        return None
    return el(
        "div",
        el("p", el("strong", NOTHING_VERIFIED)) if cov.nothing_verified else None,
        el("ul", *[el("li", line) for line in cov.gaps]),
        class_="notice",
        role="status",
    )


def _broken_section(sections: Sections) -> Markup | None:
    if not sections.broken:
        return None
    items = []
    for link in sections.broken:
        fields = [
            el("dt", "URL"),
            el("dd", a(link.url, link.url)),
            el("dt", "Evidence"),
            el("dd", link.reason),
        ]
        if link.final_url:
            fields += [el("dt", "Ended at"), el("dd", a(link.final_url, link.final_url))]
        if link.snapshot_url is not None:
            fields += [
                el("dt", "Archived copy"),
                el("dd", a(link.snapshot_url, link.snapshot_url)),
                el("dt", "Snapshot date"),
                el("dd", link.snapshot_date),
            ]
        else:
            fields += [el("dt", "Archived copy"), el("dd", "none found", class_="none")]
        if link.access_date:
            fields += [el("dt", "Accessed by the author"), el("dd", link.access_date)]
        items.append(
            el(
                "div",
                el(
                    "h3",
                    _badge(link.state.value, "bad"),
                    " ",
                    link.reference_key,
                    " ",
                    el("small", link.title or ""),
                ),
                el("dl", *fields, class_="fields"),
                class_="item bad",
            )
        )
    return el("section", el("h2", f"Broken links ({len(items)})"), *items, id="broken")


def _figures_section(sections: Sections) -> Markup | None:
    if not sections.figures:
        return None
    items = []
    for fig in sections.figures:
        claim = el("blockquote", el("span", "Paper", class_="who"), _highlighted(fig.claim))
        if fig.source is not None:
            source_body = _highlighted(fig.source)
        else:
            source_body = el("span", "no source sentence recorded", class_="none")
        source = el("blockquote", el("span", "Source", class_="who"), source_body)
        heading = [_badge("inconsistent", "bad"), " ", fig.where]
        if fig.diagnosis:
            heading += [" ", _badge(fig.diagnosis, "warn")]
        parts = [
            el("h3", *heading),
            el("div", claim, source, class_="pair"),
            el("p", el("strong", "Diagnosis: "), fig.explanation, class_="diagnosis"),
        ]
        if fig.source_url:
            parts.append(el("p", el("small", "Source: ", a(fig.source_url, fig.source_url))))
        items.append(el("div", *parts, class_="item bad"))
    return el("section", el("h2", f"Inconsistent figures ({len(items)})"), *items, id="figures")


def _repairs_section(sections: Sections) -> Markup | None:
    if not sections.repairs:
        return None
    rows = [
        el(
            "tr",
            el("td", fix.reference_key or "", class_="key"),
            el("td", el("span", fix.printed, class_="url")),
            el("td", a(fix.repaired, fix.repaired)),
            el("td", _badge(fix.kind.value, "info"), " ", fix.confidence),
        )
        for fix in sections.repairs
    ]
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
        el("h2", f"Repaired and recovered URLs ({len(rows)})"),
        el("div", table, class_="table-wrap"),
        id="repairs",
    )


def _other_findings_section(sections: Sections) -> Markup | None:
    if not sections.others:
        return None
    blocks = []
    for group in sections.others:
        tone = group.kind.tone
        entries = []
        for finding in group.findings:
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
                el("summary", _badge(group.kind.value, tone), f" {len(group.findings)}"),
                *entries,
                open=tone == "bad",
            )
        )
    return el("section", el("h2", "Other findings"), *blocks, id="findings")


def _accepted_section(sections: Sections) -> Markup | None:
    """Findings the baseline accepted: each with its kind, reference, message and reason."""
    if not sections.accepted:
        return None
    rows = [
        el(
            "tr",
            el("td", _badge(row.kind.value, "info")),
            el("td", row.where, class_="key"),
            el("td", row.message),
            el("td", row.words),
        )
        for row in sections.accepted
    ]
    head = el("tr", el("th", "Kind"), el("th", "Reference"), el("th", "Finding"), el("th", "Reason"))
    return el(
        "section",
        el("h2", f"Accepted findings ({len(rows)})"),
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


def _references_section(sections: Sections) -> Markup:
    entries = []
    for ref, check in sections.references:
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
    return el("section", el("h2", f"References ({len(sections.references)})"), *body, id="references")


def render_html(report: Report) -> str:
    """The whole HTML report as text: one file, inline CSS and SVG, no scripts."""
    return format_html(build_sections(report))


def format_html(sections: Sections) -> str:
    """The HTML page of ``sections``."""
    page, css = _assets()
    report = sections.report
    parts = [
        _summary_section(sections),
        _figures_section(sections),
        _broken_section(sections),
        _repairs_section(sections),
        _other_findings_section(sections),
        _accepted_section(sections),
        _references_section(sections),
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
    body = el("main", header, *[part for part in parts if part is not None], footer)
    return page.substitute(
        csp=esc(CSP),
        version=esc(report.tool_version),
        title=esc(f"citecheck report: {report.paper}"),
        css=css,
        body=body,
    )
