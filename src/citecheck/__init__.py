"""citecheck: what a paper cites, whether the links still work, and whether the figures match.

The library does all the work; the ``citecheck`` command only wires it together. Each stage
is a function of its own, importable from here:

>>> from citecheck import read_document, extract_references
>>> doc = read_document("Wind reached 90 MW.[^1]\\n\\n"
...     "[^1]: Smith, J. (2019). Wind power in Chile. Energy Policy, 3(2), 45-67. https://example.org/wind\\n")
>>> [(r.key, r.year, r.title, r.url.repaired) for r in extract_references(doc)]
[('smith2019wind', 2019, 'Wind power in Chile', 'https://example.org/wind')]

>>> from citecheck import check_figures
>>> [c.verdict.value for c in check_figures("It cost US$1.5 billion.", "耗资15亿美元。")]
['consistent']

The whole job, as ``citecheck verify`` runs it (the network stages need archives or the
live web; see :mod:`citecheck.pipeline`)::

    from citecheck import resolve_options, verify_with_references, write_outputs, exit_status
    options = resolve_options("paper.txt", archives=("http://127.0.0.1:8080/pywb/",))
    report, references = verify_with_references("paper.txt", options)
    write_outputs(report, references, options)
    raise SystemExit(exit_status(report, options.fail_on))

Names are imported on first use, so ``import citecheck`` stays cheap for the command line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    # the whole job
    "verify": "citecheck.pipeline",
    "verify_with_references": "citecheck.pipeline",
    "write_outputs": "citecheck.pipeline",
    "exit_status": "citecheck.pipeline",
    "VerifyOptions": "citecheck.config",
    "resolve_options": "citecheck.config",
    # document -> notes
    "load_document": "citecheck.document",
    "read_document": "citecheck.document",
    # notes -> references and claims
    "extract_references": "citecheck.references.extract",
    "parse_reference": "citecheck.references.parse",
    "load_references": "citecheck.references.load",
    "repair_url": "citecheck.references.urls.repair",
    # references -> link checks and archived copies
    "check_references": "citecheck.sources.checker",
    "CheckerSession": "citecheck.sources.session",
    "CheckerSettings": "citecheck.sources.session",
    # claims and sources -> figure checks
    "check_figures": "citecheck.figures",
    "extract_quantities": "citecheck.figures",
    # checks -> findings -> report and exports
    "build_findings": "citecheck.findings",
    "render": "citecheck.report",
    "load_report": "citecheck.report.load",
    "export": "citecheck.bibliography",
    # accepted findings
    "Baseline": "citecheck.baseline",
    "load_baseline": "citecheck.baseline",
    "write_baseline": "citecheck.baseline",
    # the model
    "Span": "citecheck.model",
    "Page": "citecheck.model",
    "Note": "citecheck.model",
    "Marker": "citecheck.model",
    "Document": "citecheck.model",
    "Url": "citecheck.model",
    "Reference": "citecheck.model",
    "Quantity": "citecheck.model",
    "Claim": "citecheck.model",
    "LinkState": "citecheck.model",
    "LinkResult": "citecheck.model",
    "Snapshot": "citecheck.model",
    "Recovery": "citecheck.model",
    "SourceCheck": "citecheck.model",
    "SourceText": "citecheck.model",
    "Verdict": "citecheck.model",
    "FigureCheck": "citecheck.model",
    "FindingKind": "citecheck.model",
    "Finding": "citecheck.model",
    "Evidence": "citecheck.model",
    "LinkEvidence": "citecheck.model",
    "ArchiveEvidence": "citecheck.model",
    "UrlEvidence": "citecheck.model",
    "FigureEvidence": "citecheck.model",
    "WarningEvidence": "citecheck.model",
    "BaselineEvidence": "citecheck.model",
    "EVIDENCE_LABELS": "citecheck.model",
    "Acceptance": "citecheck.model",
    "Report": "citecheck.model",
}

__all__ = [
    "__version__",
    "verify",
    "verify_with_references",
    "write_outputs",
    "exit_status",
    "VerifyOptions",
    "resolve_options",
    "load_document",
    "read_document",
    "extract_references",
    "parse_reference",
    "load_references",
    "repair_url",
    "check_references",
    "CheckerSession",
    "CheckerSettings",
    "check_figures",
    "extract_quantities",
    "build_findings",
    "render",
    "load_report",
    "export",
    "Baseline",
    "load_baseline",
    "write_baseline",
    "Span",
    "Page",
    "Note",
    "Marker",
    "Document",
    "Url",
    "Reference",
    "Quantity",
    "Claim",
    "LinkState",
    "LinkResult",
    "Snapshot",
    "Recovery",
    "SourceCheck",
    "SourceText",
    "Verdict",
    "FigureCheck",
    "FindingKind",
    "Finding",
    "Evidence",
    "LinkEvidence",
    "ArchiveEvidence",
    "UrlEvidence",
    "FigureEvidence",
    "WarningEvidence",
    "BaselineEvidence",
    "EVIDENCE_LABELS",
    "Acceptance",
    "Report",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'citecheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # what type checkers and IDEs see
    from .baseline import Baseline, load_baseline, write_baseline
    from .bibliography import export
    from .config import VerifyOptions, resolve_options
    from .document import load_document, read_document
    from .figures import check_figures, extract_quantities
    from .findings import build_findings
    from .model import (
        EVIDENCE_LABELS,
        Acceptance,
        ArchiveEvidence,
        BaselineEvidence,
        Claim,
        Document,
        Evidence,
        FigureCheck,
        FigureEvidence,
        Finding,
        FindingKind,
        LinkEvidence,
        LinkResult,
        LinkState,
        Marker,
        Note,
        Page,
        Quantity,
        Recovery,
        Reference,
        Report,
        Snapshot,
        SourceCheck,
        SourceText,
        Span,
        Url,
        UrlEvidence,
        Verdict,
        WarningEvidence,
    )
    from .pipeline import exit_status, verify, verify_with_references, write_outputs
    from .references.extract import extract_references
    from .references.load import load_references
    from .references.parse import parse_reference
    from .references.urls.repair import repair_url
    from .report import render
    from .report.load import load_report
    from .sources.checker import check_references
    from .sources.session import CheckerSession, CheckerSettings
