"""The terminal summary: the few lines ``citecheck verify`` prints on stdout after a run.

>>> from citecheck.model import Report
>>> print(format_summary(build_sections(Report(paper="p.txt", generated_at="2026-01-01T00:00:00Z"))))
paper       p.txt
references  0 (0 with a URL)
links       none checked
figures     none compared
findings    none
"""

from __future__ import annotations

from ..model import Report
from .sections import Sections, build_sections

__all__ = ["format_summary", "render_summary"]


def render_summary(report: Report) -> str:
    """The terminal summary of ``report`` (no final newline)."""
    return format_summary(build_sections(report))


def format_summary(sections: Sections) -> str:
    """One aligned ``label  value`` line each for the paper, references, links, figures, findings."""
    counts = sections.counts
    links = ", ".join(f"{n} {state}" for state, n in counts.links.items()) or "none checked"
    figures = ", ".join(f"{n} {verdict}" for verdict, n in counts.figures.items() if n) or "none compared"
    findings = ", ".join(f"{n} {kind}" for kind, n in counts.findings.items()) or "none"
    rows = [
        ("paper", sections.report.paper),
        ("references", f"{counts.references} ({counts.references_with_url} with a URL)"),
        ("links", links),
        ("figures", figures),
        ("findings", findings),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)
