"""Rules and how a table of them runs.

A :class:`Rewrite` turns the text of a reference into a cleaner text (normalisation, and the
extractors that take a DOI or a URL out of it). Each has a name, a cheap ``wants`` test (is
the rule worth trying on this text at all?) and the rewrite itself, which may also fill the
:class:`~.context.Context`. :func:`run_rewrites` applies a table in order and records, in the
context's provenance, the name of every rule that changed something.

>>> from .context import Context
>>> upper = Rewrite("upper", lambda s: s.islower(), lambda ctx, s: s.upper())
>>> ctx = Context()
>>> run_rewrites((upper,), ctx, "abc"), ctx.provenance
('ABC', ['upper'])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .context import Context

__all__ = ["Rewrite", "run_rewrites"]


@dataclass(frozen=True)
class Rewrite:
    """One named rewrite of a reference's text."""

    name: str
    wants: Callable[[str], bool]
    apply: Callable[[Context, str], str]


def run_rewrites(table: Sequence[Rewrite], ctx: Context, text: str) -> str:
    """Apply every rule of ``table`` whose ``wants`` holds, in order; record those that changed the text
    or the context."""
    for rule in table:
        if not rule.wants(text):
            continue
        before = (text, ctx.url, ctx.doi, ctx.isbn, ctx.access_date, len(ctx.warnings))
        text = rule.apply(ctx, text)
        if (text, ctx.url, ctx.doi, ctx.isbn, ctx.access_date, len(ctx.warnings)) != before:
            ctx.fire(rule.name)
    return text
