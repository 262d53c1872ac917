"""What a verification adds to a bibliography: confirmed addresses and archived copies.

A reference's URL as printed may be damaged (``govgovcn``, ``ÿÿÿ``) or ambiguous (``.html`` or
``.htm``). When a web archive confirmed one candidate or recovered the one address that fits
the surviving fragments, the exported bibliography carries that address (the printed form stays
in a note). An address that is only the most likely of several readings, which no archive
confirmed, is never exported as the URL: the candidates are named in a note. Every reference
with an archived copy nearest its access date gets that copy too.

>>> from citecheck.model import Recovery, Reference, SourceCheck, Url
>>> ref = Reference("k", "webpage", "raw", url=Url("a.org/x html", "http://a.org/x.html", True,
...                 candidates=("http://a.org/x.html", "http://a.org/x.htm")))
>>> check = SourceCheck("k", "http://a.org/x.html", recovery=Recovery("confirmed", "http://a.org/x.htm"))
>>> verified_references([ref], [check])[0].url.repaired
'http://a.org/x.htm'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..model import Reference, Snapshot, SourceCheck

__all__ = ["archived_copies", "verified_references"]

_HOW = {"confirmed": "confirmed by a web archive", "recovered": "recovered from a web archive's index"}


def verified_references(references: Iterable[Reference], checks: Iterable[SourceCheck]) -> list[Reference]:
    """``references`` with each archive-confirmed or recovered URL in place of the printed one."""
    by_key = {check.reference_key: check for check in checks}
    out = []
    for ref in references:
        check = by_key.get(ref.key)
        recovery = check.recovery if check is not None else None
        if ref.url is not None and recovery is not None and recovery.status in _HOW and recovery.url:
            how = _HOW[recovery.status]
            url = dataclasses.replace(
                ref.url,
                repaired=recovery.url,
                complete=True,
                candidates=(),
                fragments=(),
                repairs=(*ref.url.repairs, how),
            )
            kept = tuple(w for w in ref.warnings if not w.startswith("URL incomplete"))
            ref = dataclasses.replace(
                ref, url=url, warnings=(*kept, f"URL as printed: {ref.url.raw} ({how})")
            )
        elif ref.url is not None and len(ref.url.candidates) > 1:
            # the most likely of several readings is still a guess: a note, never the url
            ref = dataclasses.replace(ref, url=dataclasses.replace(ref.url, repaired=None))
        out.append(ref)
    return out


def archived_copies(checks: Iterable[SourceCheck]) -> dict[str, Snapshot]:
    """Reference key -> the archived copy the checker chose (nearest the access date)."""
    return {check.reference_key: check.snapshot for check in checks if check.snapshot is not None}
