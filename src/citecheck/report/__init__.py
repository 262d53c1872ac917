"""Formatters: a :class:`~citecheck.model.Report` in, text out; they read nothing else.

Every format is a formatter over the same :class:`~citecheck.report.sections.Sections`
(built once by :func:`~citecheck.report.sections.build_sections`), chosen from one registry,
:data:`FORMATTERS`. :data:`FORMATS` is the part of it written to files, with each suffix.

>>> from citecheck.model import Report
>>> render(Report(paper="p.txt", generated_at="2026-01-01T00:00:00Z"), "md").startswith("# citecheck")
True
>>> FORMATS
{'html': '.html', 'md': '.md', 'json': '.json', 'junit': '.xml'}
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Report

if TYPE_CHECKING:
    from .sections import Sections


@dataclass(frozen=True)
class Formatter:
    """One output format: the file suffix it is written with (None: the terminal only) and the
    function ``sections -> text`` (``module:function`` in this package, imported when used)."""

    name: str
    suffix: str | None
    function: str

    def format(self, sections: Sections) -> str:
        module, function = self.function.split(":")
        return getattr(import_module(f"{__name__}.{module}"), function)(sections)


#: Every output format, by name.
FORMATTERS: dict[str, Formatter] = {
    f.name: f
    for f in (
        Formatter("html", ".html", "html:format_html"),
        Formatter("md", ".md", "markdown:format_markdown"),
        Formatter("json", ".json", "json_report:format_json"),
        Formatter("junit", ".xml", "junit:format_junit"),
        Formatter("summary", None, "terminal:format_summary"),
    )
}

#: Report formats written to files, and the file suffix each is written with.
FORMATS: dict[str, str] = {name: f.suffix for name, f in FORMATTERS.items() if f.suffix is not None}

_ALIASES = {"markdown": "md", "htm": "html", "xml": "junit"}


def normalise_format(fmt: str) -> str:
    """``"Markdown"`` -> ``"md"``; an unknown format raises :class:`UsageError`."""
    name = _ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
    if name not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")
    return name


def render(report: Report, fmt: str) -> str:
    """The report in ``fmt`` (html | md | json | junit, or ``summary``: the terminal's lines) as text."""
    from .sections import build_sections

    name = "summary" if fmt == "summary" else normalise_format(fmt)
    return FORMATTERS[name].format(build_sections(report))


__all__ = ["FORMATS", "FORMATTERS", "Formatter", "normalise_format", "render"]
