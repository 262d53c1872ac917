"""Phase 1 of the source check: what each reference needs checked, deduplicated (pure).

A reference's URL is either ready to check (complete and unambiguous: its ``repaired`` form, else
its raw text) or damaged: an incomplete URL (its ``fragments`` go to a CDX prefix query) or a
repaired URL with several candidates (confirmed against the archive index first). Damaged URLs
become :class:`RecoveryRequest` values; equal requests are asked once per run.

Checking happens in two :class:`Wave` values: the ready URLs at once, the damaged ones once their
recoveries say which URL to check (:meth:`CheckPlan.resolve`). Each URL is checked live once and
looked up in the archives once per run, with the access dates of every reference citing it.

No network and no disk here: the network phase (:mod:`~citecheck.sources.checknet`) runs the waves
and the recoveries, the assembly phase (:mod:`~citecheck.sources.assemble`) reads the results.

>>> from citecheck.model import Reference, Url
>>> def ref(key, url, date="2022-02-20"):
...     return Reference(key=key, entry_type="webpage", raw=key, url=url, access_date=date)
>>> page = Url("http://a.org/x.html", "http://a.org/x.html", True)
>>> torn = Url("http:// a org / x", "http://a.org/x", False, fragments=("a.org", "http://a.org/", "x"))
>>> plan = plan_references([ref("a", page), ref("b", page, None), ref("c", torn)])
>>> wave = plan.first_wave()
>>> wave.live, wave.archive.dates
(('http://a.org/x.html',), {'http://a.org/x.html': ('2022-02-20', None)})
>>> [r.kind.value for r in plan.recovery_requests()]
['fragments']
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from ..model import Recovery, Reference, Url
from .archive import Capture
from .recover import RecoveryResult, alternatives, needs_recovery, url_key

#: The recovery a damaged URL gets when archive look-ups are off for the run.
NO_ARCHIVE = "archive look-up disabled"


def archivable(url: str | None) -> bool:
    """Only http(s) URLs with a host (and no blank inside) are worth asking an archive about.

    >>> archivable("https://a.org/x"), archivable("javascript:alert(1)"), archivable("http://a .org/")
    (True, False, False)
    """
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and " " not in url.strip()


class RecoveryKind(enum.Enum):
    """How a damaged URL is recovered from an archive index."""

    FRAGMENTS = "fragments"  # incomplete: a prefix query on what survives, matched to the pieces
    CANDIDATES = "candidates"  # ambiguous repair: which of the ranked complete forms is archived


@dataclass(frozen=True)
class RecoveryRequest:
    """One index question about a damaged URL. Two references whose URLs lost the same text (or
    share the same candidates) make equal requests, asked once; ``url`` is the first such URL."""

    kind: RecoveryKind
    parts: tuple[str, ...]  # the fragments, or the candidate forms, as the index is asked
    url: Url = field(compare=False, hash=False, repr=False)

    @classmethod
    def of(cls, url: Url) -> RecoveryRequest | None:
        """The request ``url`` needs; None when it is complete and unambiguous."""
        if not needs_recovery(url):
            return None
        if not url.complete:
            return cls(RecoveryKind.FRAGMENTS, tuple(url.fragments), url)
        return cls(RecoveryKind.CANDIDATES, alternatives(url), url)


@dataclass(frozen=True)
class KnownCaptures:
    """Captures an archive's answer to a recovery already listed for a URL: no second query."""

    archive: str  # the archive's Memento base (the key the look-up memo uses)
    url: str
    captures: tuple[Capture, ...]


@dataclass(frozen=True)
class ReferencePlan:
    """What one reference with a URL needs.

    ``target`` is the complete URL checked live and looked up (None while a damaged URL waits for
    its recovery, and when the recovery found none); ``incomplete`` marks a URL whose text is
    damaged: it is never fetched as written, only its recovered form is looked up.
    """

    ref: Reference
    url: Url
    request: RecoveryRequest | None = None
    target: str | None = None
    incomplete: bool = False
    wants_body: bool = False  # keep the page body (live and archived) for the figure stage
    recovery: RecoveryResult | None = None

    @property
    def shown_url(self) -> str:
        """The URL the check reports: the one checked, else the repaired or raw text."""
        return self.target or self.url.repaired or self.url.raw

    @property
    def looked_up(self) -> bool:
        """True when the archives are asked about :attr:`target`."""
        return archivable(self.target)

    def resolved(self, result: RecoveryResult | None) -> ReferencePlan:
        """This plan once its recovery is known (None: no archive was asked)."""
        if result is None:
            result = RecoveryResult(Recovery("unchecked", None, alternatives(self.url), NO_ARCHIVE))
        found = result.recovery
        if not self.url.complete:
            target = found.url if found.status == "recovered" else None
        elif found.status == "confirmed":
            target = found.url
        else:
            target = self.url.repaired or self.url.raw
        return replace(self, target=target, incomplete=not self.url.complete, recovery=result)

    def known_captures(self) -> KnownCaptures | None:
        """The captures of :attr:`target` the recovery's index answer already holds, if any."""
        result = self.recovery
        if result is None or result.archive is None or not self.target:
            return None
        if result.captures and result.recovery.url == self.target:
            return KnownCaptures(result.archive.base, self.target, tuple(result.captures))
        known = (result.rows_by_url or {}).get(url_key(self.target))
        if known is not None:
            return KnownCaptures(result.archive.base, self.target, tuple(known))
        return None


@dataclass(frozen=True)
class ArchiveTargets:
    """Archive look-ups: URL (fragment dropped) -> the distinct access dates citing it, and URL ->
    the dates whose snapshot body is wanted."""

    dates: Mapping[str, tuple[str | None, ...]] = field(default_factory=dict)
    wanted: Mapping[str, frozenset[str | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, plans: Iterable[ReferencePlan]) -> ArchiveTargets:
        dates: dict[str, list] = {}
        wanted: dict[str, set] = {}
        for plan in plans:
            if not plan.looked_up:
                continue
            url = plan.target.split("#", 1)[0]  # type: ignore[union-attr]
            seen = dates.setdefault(url, [])
            if plan.ref.access_date not in seen:
                seen.append(plan.ref.access_date)
            if plan.wants_body:
                wanted.setdefault(url, set()).add(plan.ref.access_date)
        return cls(
            {url: tuple(d) for url, d in dates.items()}, {url: frozenset(d) for url, d in wanted.items()}
        )


@dataclass(frozen=True)
class Wave:
    """Work the network phase can start at once: live checks, archive look-ups, and the URLs whose
    live body is kept."""

    live: tuple[str, ...] = ()
    archive: ArchiveTargets = field(default_factory=ArchiveTargets)
    keep: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Resolution:
    """A plan after its recoveries: every reference's target, the captures the recoveries already
    hold, and the second wave (what the first one did not check)."""

    plan: CheckPlan
    known: tuple[KnownCaptures, ...]
    wave: Wave


@dataclass(frozen=True)
class CheckPlan:
    """One :class:`ReferencePlan` per reference with a URL, in input order."""

    plans: tuple[ReferencePlan, ...]

    @property
    def ready(self) -> tuple[ReferencePlan, ...]:
        return tuple(p for p in self.plans if p.request is None)

    @property
    def damaged(self) -> tuple[ReferencePlan, ...]:
        return tuple(p for p in self.plans if p.request is not None)

    def recovery_requests(self) -> tuple[RecoveryRequest, ...]:
        """The distinct recoveries the damaged references need, in order of first use."""
        return tuple(dict.fromkeys(p.request for p in self.damaged if p.request is not None))

    def first_wave(self) -> Wave:
        """The ready URLs: checked at once, while the recoveries run."""
        return _wave(self.ready)

    def resolve(self, recoveries: Mapping[RecoveryRequest, RecoveryResult | None]) -> Resolution:
        """The plan with each damaged reference's target set from its recovery (missing: none was
        asked), and the second wave: targets the first wave did not already check or look up."""
        first = self.ready
        plans = tuple(
            p.resolved(recoveries.get(p.request)) if p.request is not None else p for p in self.plans
        )
        damaged = [p for p in plans if p.request is not None]
        known = tuple(k for k in (p.known_captures() for p in damaged) if k is not None)
        checked = set(_wave(first).live)
        looked_up = {p.target for p in first}
        wave = _wave(damaged, skip_live=checked, skip_archive=looked_up)
        return Resolution(CheckPlan(plans), known, wave)


def _wave(
    plans: Sequence[ReferencePlan], *, skip_live: set = frozenset(), skip_archive: set = frozenset()
) -> Wave:
    live = (p.target for p in plans if p.target and not p.incomplete and p.target not in skip_live)
    return Wave(
        live=tuple(dict.fromkeys(live)),
        archive=ArchiveTargets.of(p for p in plans if p.target not in skip_archive),
        keep=frozenset(p.target for p in plans if p.target and p.wants_body),
    )


def plan_references(
    refs: Iterable[Reference], wants_body: Callable[[Reference], bool] | None = None
) -> CheckPlan:
    """The plan for ``refs`` (references without a URL get none); ``wants_body(ref)`` marks the
    references whose page bodies the run keeps."""
    plans = []
    for ref in refs:
        if ref.url is None:
            continue
        request = RecoveryRequest.of(ref.url)
        target = (ref.url.repaired or ref.url.raw) if request is None else None
        keep = bool(wants_body is not None and wants_body(ref))
        plans.append(ReferencePlan(ref=ref, url=ref.url, request=request, target=target, wants_body=keep))
    return CheckPlan(tuple(plans))


__all__ = [
    "NO_ARCHIVE",
    "ArchiveTargets",
    "CheckPlan",
    "KnownCaptures",
    "RecoveryKind",
    "RecoveryRequest",
    "ReferencePlan",
    "Resolution",
    "Wave",
    "archivable",
    "plan_references",
]
