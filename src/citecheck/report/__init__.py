"""Renderers: a :class:`~citecheck.model.Report` in, text out; they read nothing else.

>>> from citecheck.model import Report
>>> render(Report(paper="p.txt", generated_at="2026-01-01T00:00:00Z"), "md").startswith("# citecheck")
True
"""

from __future__ import annotations

from ..errors import UsageError
from ..model import Report

#: Output formats and the file suffix each is written with.
FORMATS: dict[str, str] = {"html": ".html", "md": ".md", "json": ".json", "junit": ".xml"}

_ALIASES = {"markdown": "md", "htm": "html", "xml": "junit"}


def normalise_format(fmt: str) -> str:
    """``"Markdown"`` -> ``"md"``; an unknown format raises :class:`UsageError`."""
    name = _ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
    if name not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")
    return name


def render(report: Report, fmt: str) -> str:
    """The report in ``fmt`` (html | md | json | junit) as text."""
    name = normalise_format(fmt)
    if name == "html":
        from .html import render_html

        return render_html(report)
    if name == "md":
        from .markdown import render_markdown

        return render_markdown(report)
    if name == "json":
        from .json_report import render_json

        return render_json(report)
    from .junit import render_junit

    return render_junit(report)


__all__ = ["FORMATS", "normalise_format", "render"]
