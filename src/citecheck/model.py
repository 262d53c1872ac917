"""Dataclasses shared by every stage of citecheck.

Data flows one way::

    Document -> Note[] -> Reference[] / Claim[] -> LinkResult + Snapshot -> SourceText
             -> FigureCheck[] -> Finding[] -> Report

Every object that came from text keeps a :class:`Span` so a report can quote it.
Numbers are :class:`decimal.Decimal`, never float, so "5181.74" stays exact.
Objects are frozen; stages derive new objects with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

SCHEMA_VERSION = "1.1"  # 1.1: a finding may carry ``accepted`` (baseline)


@dataclass(frozen=True)
class Span:
    """Where a piece of text sits in its document.

    Lines are 1-based and inclusive; ``start``/``end`` are character offsets into
    ``Document.text`` (end exclusive). ``Span(3, 3, 120, 180)`` is characters 120-179,
    all on line 3.
    """

    start_line: int
    end_line: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Page:
    """A page of a paper, as recovered from running headers or form feeds."""

    number: int  # 1-based
    start_line: int
    end_line: int
    header: str | None = None  # the running header line, verbatim, if any


@dataclass(frozen=True)
class Note:
    """A footnote block as found in the document (may hold several references).

    ``page`` and ``order`` (1-based position among the notes of that page) identify the
    note when its printed marker is garbled (``ÿ``); ``number`` is its printed number when
    one could be read (``①`` -> 1, ``[12]`` -> 12), else None.
    """

    id: str  # stable id, e.g. "p3n2" (page 3, 2nd note) or "fn12" for numbered notes
    page: int
    order: int
    marker: str  # the marker text verbatim ("ÿ", "①", "[^3]", "\\footnote")
    text: str  # the note's text without its marker, lines joined
    span: Span
    number: int | None = None


@dataclass(frozen=True)
class Marker:
    """An in-text footnote marker (call-out) in the body text."""

    page: int
    order: int  # 1-based position among the markers of that page
    raw: str
    span: Span
    number: int | None = None


@dataclass(frozen=True)
class Document:
    """A paper read into memory: its text, pages, notes and in-text markers."""

    text: str
    format: str  # "text" | "markdown" | "latex" | "bibtex" | "lines"
    path: str | None = None
    encoding: str = "utf-8"
    pages: tuple[Page, ...] = ()
    notes: tuple[Note, ...] = ()
    markers: tuple[Marker, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Url:
    """A cited URL: the raw text, its repair, and how sure the repair is.

    ``repaired`` is the best form the text supports; ``complete`` is False when some
    characters could not be recovered (then ``repaired`` is a partial form and must
    never be presented as the real address). ``candidates`` ranks plausible complete
    forms (most likely first) when the text is ambiguous, e.g. ``.html`` vs ``.htm``.
    ``fragments`` holds what survives of an incomplete URL (host, path prefix, known
    tail) for a CDX prefix query.
    """

    raw: str
    repaired: str | None
    complete: bool
    candidates: tuple[str, ...] = ()
    repairs: tuple[str, ...] = ()  # what was changed, in words ("restored dots in host")
    fragments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    """One cited work, parsed from a note (or read from a .bib / one-per-line file).

    ``entry_type`` is one of: "article" (journal), "newspaper", "news" (agency item),
    "webpage", "report", "document" (official document), "book", "chapter", "thesis",
    "conference", "misc". Dates are ISO strings, possibly partial ("2019", "2019-06",
    "2019-06-08").
    """

    key: str
    entry_type: str
    raw: str
    span: Span | None = None
    note_id: str | None = None
    authors: tuple[str, ...] = ()
    et_al: bool = False
    editors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None  # journal, newspaper, agency, website
    publisher: str | None = None
    location: str | None = None
    year: int | None = None
    date: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    edition: str | None = None
    url: Url | None = None
    access_date: str | None = None
    doi: str | None = None
    isbn: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()  # what could not be parsed ("no title found")
    #: the parser rules that read this reference, in order ("url", "layout:gbt7714", "numbers:cn-pages")
    provenance: tuple[str, ...] = ()
    #: words of the title whose case a .bib file protects (``{Chile}``), protected again on export
    case_protected: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quantity:
    """A number found in text, normalised to base units.

    ``value`` is in base units of its ``family`` (currency amounts in units of
    ``currency``; power in W; energy in Wh; mass in t; area in ha; length in m;
    voltage in V; percent as the number before "%"; counts as the count). ``raw`` and
    ``start``/``end`` locate it in the text it came from. ``precision`` is the value of
    one unit in the last written digit, in base units (for "4.5 billion" it is 1e8).
    """

    value: Decimal
    family: str  # "currency" | "power" | "energy" | "mass" | "area" | "length" | "voltage" | "percent" | "count" | "number"
    raw: str
    start: int = 0
    end: int = 0
    unit: str | None = None  # canonical unit symbol ("W", "Wh", "t", "ha", "m", "%", or the counted noun)
    currency: str | None = None  # ISO 4217 code ("USD", "CNY", "BRL", "ARS", "EUR")
    qualifier: str | None = None  # "about" | "more_than" | "less_than" | "at_least" | "up_to" | None
    precision: Decimal | None = None
    high: Decimal | None = None  # upper end of a range, same units as value
    scale_word: str | None = None  # "billion", "亿", "万", "mil millones" ...
    notes: tuple[str, ...] = ()  # e.g. "decimal point lost in extraction: '5181 74' read as 5181.74"


@dataclass(frozen=True)
class Claim:
    """A citing sentence (or sentences) linked to a note, with the figures it quotes."""

    note_id: str
    text: str
    span: Span | None = None
    marker: Marker | None = None
    quantities: tuple[Quantity, ...] = ()


class LinkState(str, Enum):
    """The live state of a cited URL, with what each state means for the rest of a run.

    >>> LinkState.SOFT_404.is_dead, LinkState.BLOCKED.is_dead, LinkState.REDIRECTED.is_live
    (True, False, True)
    >>> LinkState.UNREACHABLE.is_checked, LinkState.UNREACHABLE.unchecked_reason
    (False, 'no network')
    >>> [s.tone for s in (LinkState.OK, LinkState.FLAKY, LinkState.BROKEN)]
    ['ok', 'warn', 'bad']
    """

    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    SOFT_404 = "soft-404"
    BLOCKED = "blocked"
    FLAKY = "flaky"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"
    INVALID = "invalid"  # unparsable URL or a scheme other than http/https
    INCOMPLETE = "incomplete"  # the reference's URL text is garbled; nothing to fetch as is

    @property
    def is_dead(self) -> bool:
        """Gone, on evidence (404/410, no such host, a "not found" page): the archived copy is
        what remains of it."""
        return self in (LinkState.BROKEN, LinkState.SOFT_404)

    @property
    def is_live(self) -> bool:
        """The page answered with its content (directly or after redirects): its text can be read."""
        return self in (LinkState.OK, LinkState.REDIRECTED)

    @property
    def wants_archived_copy(self) -> bool:
        """The URL was fetched but its page could not be read (dead, walled or not answering):
        an archived copy is the evidence a reader needs."""
        return self in (LinkState.BROKEN, LinkState.SOFT_404, LinkState.FLAKY, LinkState.BLOCKED)

    @property
    def unchecked_reason(self) -> str | None:
        """Why no live state could be established, in words; None when it was."""
        return _UNCHECKED_REASONS.get(self)

    @property
    def is_checked(self) -> bool:
        """A live state was established (False: no network, a private address, or a URL that
        cannot be fetched as written)."""
        return self not in _UNCHECKED_REASONS

    @property
    def evidence_type(self) -> type[Evidence]:
        """The :class:`Evidence` subclass a finding of this kind carries."""
        return _EVIDENCE_TYPES[self]

    @property
    def tone(self) -> str:
        """How a report colours it: ``"bad"`` (the citation fails as printed), ``"warn"`` (not
        known to be dead), ``"ok"``."""
        return _LINK_TONES[self]

    @property
    def finding_kind(self) -> FindingKind | None:
        """The finding this state raises, if any."""
        return _LINK_FINDINGS.get(self)


@dataclass(frozen=True)
class LinkResult:
    """The live state of one URL, with the evidence for it."""

    url: str
    state: LinkState
    reason: str  # one line: "HTTP 404 Not Found", "redirect to site root", "timeout after 3 tries"
    status: int | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()  # every hop after the first request, in order
    content_type: str | None = None
    checked_at: str | None = None  # ISO 8601 UTC
    attempts: int = 1
    from_cache: bool = False
    first_seen: str | None = None  # first time this state was seen (from the cache history)
    times_seen: int = 1


@dataclass(frozen=True)
class Snapshot:
    """An archived copy (memento) of a URL."""

    archive: str  # base of the archive, e.g. "https://web.archive.org/web/"
    original_url: str
    timestamp: str  # 14 digits, YYYYMMDDhhmmss
    url: str  # replay URL  <archive><timestamp>/<url>
    raw_url: str  # raw copy    <archive><timestamp>id_/<url>
    status: int | None = None
    mimetype: str | None = None
    digest: str | None = None

    @property
    def day(self) -> str:
        """The capture's date: ``20220115083000`` -> ``2022-01-15``."""
        ts = self.timestamp
        return f"{ts[:4]}-{ts[4:6]}-{ts[6:8]}" if len(ts) >= 8 else ts


@dataclass(frozen=True)
class Recovery:
    """What an archive told us about a damaged or ambiguous URL.

    ``status``: "confirmed" (one candidate is known to the archive), "recovered" (a
    unique CDX match for the surviving fragments), "ambiguous" (several matches; see
    ``candidates``), "not-found", "unchecked".
    """

    status: str
    url: str | None = None
    candidates: tuple[str, ...] = ()
    evidence: str = ""


@dataclass(frozen=True)
class SourceCheck:
    """Everything the checker learned about one reference's URL."""

    reference_key: str
    url: str | None
    link: LinkResult | None = None
    snapshot: Snapshot | None = None
    recovery: Recovery | None = None
    archive_error: str | None = None  # "archive unreachable: ...", "CDX answered HTML"


@dataclass(frozen=True)
class SourceText:
    """The readable text of a fetched source (live page, archived copy, WARC record or file)."""

    url: str | None
    text: str
    origin: str  # "live" | "archive" | "warc" | "file"
    content_type: str | None = None
    charset: str | None = None
    title: str | None = None
    timestamp: str | None = None  # snapshot timestamp when origin is "archive"
    language: str | None = None  # as the source declares it (<html lang>, Content-Language): "pt-BR"
    error: str | None = None  # why the source could not be read (one line); then ``text`` is empty


class Verdict(str, Enum):
    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NOT_FOUND = "not-found"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True)
class FigureCheck:
    """One quoted figure compared with its source.

    ``diagnosis`` is a short code for an inconsistent figure: "scale" (power-of-ten
    error; ``factor`` holds it, ``cause`` the likely reason, e.g. "亿 read as billion"),
    "lost-decimal", "unit", "percent-points", "transposed", "doubled", "different". ``explanation``
    says it in plain words for the report.
    """

    note_id: str
    claim_quantity: Quantity | None
    verdict: Verdict
    claim_sentence: str
    source_quantity: Quantity | None = None
    source_sentence: str | None = None
    diagnosis: str | None = None
    factor: Decimal | None = None
    cause: str | None = None
    explanation: str = ""
    reference_key: str | None = None
    source_url: str | None = None


class FindingKind(str, Enum):
    """What a finding is about, with its severity and whether ``--fail-on`` accepts it.

    >>> FindingKind.BROKEN.severity < FindingKind.FLAKY.severity < FindingKind.PARSE_WARNING.severity
    True
    >>> [k.value for k in FindingKind.by_severity()][:3]
    ['broken', 'inconsistent', 'soft-404']
    >>> FindingKind.UNREACHABLE.can_fail, FindingKind.FLAKY.can_fail, FindingKind.REFUSED.is_unverified
    (True, False, True)
    """

    BROKEN = "broken"
    SOFT_404 = "soft-404"
    INCONSISTENT = "inconsistent"
    NOT_FOUND = "not-found"
    UNVERIFIABLE = "unverifiable"
    INCOMPLETE_URL = "incomplete-url"
    PARSE_WARNING = "parse-warning"
    BLOCKED = "blocked"
    FLAKY = "flaky"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"
    INVALID_URL = "invalid-url"
    REPAIRED_URL = "repaired-url"
    RECOVERED_URL = "recovered-url"
    ARCHIVE_ERROR = "archive-error"
    BASELINE_EXPIRED = "baseline-expired"  # a baseline entry past its expiry: it no longer applies
    BASELINE_STALE = "baseline-stale"  # a baseline entry that matches no finding of the run

    @classmethod
    def by_severity(cls) -> tuple[FindingKind, ...]:
        """Every kind, most serious first: the order reports and the CLI list findings in."""
        return _SEVERITY_ORDER

    @classmethod
    def fail_on_kinds(cls) -> tuple[FindingKind, ...]:
        """The kinds ``--fail-on`` accepts, in the order its help lists them."""
        return _FAIL_ON_ORDER

    @property
    def severity(self) -> int:
        """0 for the most serious kind, growing as kinds matter less."""
        return _SEVERITY_RANK[self]

    @property
    def can_fail(self) -> bool:
        """``--fail-on`` accepts it (the kinds that say the paper, not the run, has a problem, and
        the kinds that say something could not be verified)."""
        return self in _FAIL_ON_ORDER

    @property
    def is_unverified(self) -> bool:
        """It says something could not be checked at all (``--fail-on unverified``)."""
        return self in (FindingKind.UNREACHABLE, FindingKind.REFUSED, FindingKind.UNVERIFIABLE)

    @property
    def is_dead_link(self) -> bool:
        """A cited page gone on evidence (broken, soft-404)."""
        return self in (FindingKind.BROKEN, FindingKind.SOFT_404)

    @property
    def is_repair(self) -> bool:
        """A URL citecheck repaired or recovered: information, listed with its evidence."""
        return self in (FindingKind.REPAIRED_URL, FindingKind.RECOVERED_URL)

    @property
    def evidence_type(self) -> type[Evidence]:
        """The :class:`Evidence` subclass a finding of this kind carries."""
        return _EVIDENCE_TYPES[self]

    @property
    def tone(self) -> str:
        """How a report colours it: ``"bad"`` (the citation fails), ``"info"``, ``"warn"``."""
        if self in (FindingKind.BROKEN, FindingKind.INCONSISTENT, FindingKind.SOFT_404):
            return "bad"
        if self.is_repair or self is FindingKind.PARSE_WARNING:
            return "info"
        return "warn"


_SEVERITY_ORDER: tuple[FindingKind, ...] = (
    FindingKind.BROKEN,
    FindingKind.INCONSISTENT,
    FindingKind.SOFT_404,
    FindingKind.NOT_FOUND,
    FindingKind.INCOMPLETE_URL,
    FindingKind.INVALID_URL,
    FindingKind.UNVERIFIABLE,
    FindingKind.BLOCKED,
    FindingKind.FLAKY,
    FindingKind.REFUSED,
    FindingKind.UNREACHABLE,
    FindingKind.ARCHIVE_ERROR,
    FindingKind.REPAIRED_URL,
    FindingKind.RECOVERED_URL,
    FindingKind.PARSE_WARNING,
    FindingKind.BASELINE_EXPIRED,
    FindingKind.BASELINE_STALE,
)
_SEVERITY_RANK = {kind: rank for rank, kind in enumerate(_SEVERITY_ORDER)}
#: in the order ``--help`` lists them
_FAIL_ON_ORDER: tuple[FindingKind, ...] = (
    FindingKind.BROKEN,
    FindingKind.SOFT_404,
    FindingKind.INCONSISTENT,
    FindingKind.NOT_FOUND,
    FindingKind.UNVERIFIABLE,
    FindingKind.INCOMPLETE_URL,
    FindingKind.PARSE_WARNING,
    FindingKind.UNREACHABLE,
    FindingKind.REFUSED,
    FindingKind.BASELINE_EXPIRED,
    FindingKind.BASELINE_STALE,
)
_UNCHECKED_REASONS = {
    LinkState.UNREACHABLE: "no network",
    LinkState.REFUSED: "private or local address",
    LinkState.INCOMPLETE: "URL incomplete",
    LinkState.INVALID: "URL cannot be fetched",
}
_LINK_TONES = {
    LinkState.OK: "ok",
    LinkState.REDIRECTED: "ok",
    LinkState.BROKEN: "bad",
    LinkState.SOFT_404: "bad",
    LinkState.INVALID: "bad",
    LinkState.INCOMPLETE: "bad",
    LinkState.BLOCKED: "warn",
    LinkState.FLAKY: "warn",
    LinkState.REFUSED: "warn",
    LinkState.UNREACHABLE: "warn",
}
_LINK_FINDINGS = {
    LinkState.BROKEN: FindingKind.BROKEN,
    LinkState.SOFT_404: FindingKind.SOFT_404,
    LinkState.BLOCKED: FindingKind.BLOCKED,
    LinkState.FLAKY: FindingKind.FLAKY,
    LinkState.REFUSED: FindingKind.REFUSED,
    LinkState.UNREACHABLE: FindingKind.UNREACHABLE,
    LinkState.INVALID: FindingKind.INVALID_URL,
}


@dataclass(frozen=True)
class Acceptance:
    """Why a finding is accepted: the reason and expiry of the baseline entry that matched it."""

    reason: str
    expires: str | None = None  # ISO date, the last day the entry applies
    baseline: str | None = None  # the baseline file, as the run named it


#: The words a report shows beside each evidence field: the one place they live. Renderers read
#: evidence by attribute (``finding.evidence.printed_url``); a JSON report carries each value
#: with its label (``{"label": "as printed", "text": …}``) and is read back through this table.
EVIDENCE_LABELS: dict[str, str] = {
    # a link check
    "reason": "reason",
    "http_status": "HTTP status",
    "final_url": "ended at",
    "attempts": "attempts",
    "same_since": "same result since",
    "archived_copy": "archived copy",
    "snapshot_date": "snapshot date",
    # an archive look-up that failed
    "archive": "archive",
    "references": "references",
    # a URL repaired, recovered or left incomplete
    "printed_url": "as printed",
    "recovered_url": "recovered",
    "likely_url": "most likely address",
    "partial_url": "best partial form",
    "repaired_url": "repaired",
    "confidence": "how sure",
    "fragments": "surviving fragment",
    "archive_search": "archive search",
    "archive_candidates": "archive candidate",
    "recovery_evidence": "evidence",
    "repairs": "repair",
    "other_candidates": "other candidate",
    # a figure compared with its source
    "claim": "claim",
    "paper_figure": "paper's figure",
    "extraction": "extraction",
    "source_sentence": "source",
    "source_figure": "source's figure",
    "diagnosis": "diagnosis",
    "factor": "factor",
    "cause": "likely cause",
    "explanation": "explanation",
    # a parse warning
    "warning": "warning",
    "note_text": "note text",
    # a baseline entry
    "baseline": "baseline",
    "entry": "entry",
    "accepts": "accepts",
    "expired": "expired",
    "matches_now": "matches now",
}


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """The proof beside a finding: one typed field per fact, ``None`` (or ``()`` for facts that
    repeat) when the finding has no such fact. Each finding family has its own subclass; the
    field order is the order a report lists them in, under the labels of :data:`EVIDENCE_LABELS`.

    Iterating gives the ``(label, text)`` pairs a reader sees, so ``dict(finding.evidence)``
    still works for a quick look; renderers read the attributes.

    >>> ev = UrlEvidence(printed_url="http://a.org/x html", repaired_url="http://a.org/x.html")
    >>> list(ev)
    [('as printed', 'http://a.org/x html'), ('repaired', 'http://a.org/x.html')]
    >>> UrlEvidence.from_pairs(list(ev)) == ev
    True
    """

    #: pairs whose label this family does not know (a report written by another version)
    extra: tuple[tuple[str, str], ...] = ()

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """``(label, text)`` per fact in field order; a repeated fact once per value."""
        out: list[tuple[str, str]] = []
        for name, repeated in _evidence_fields(type(self)):
            value = getattr(self, name)
            if repeated:
                out.extend((EVIDENCE_LABELS[name], text) for text in value)
            elif value is not None:
                out.append((EVIDENCE_LABELS[name], value))
        out.extend(self.extra)
        return tuple(out)

    def __iter__(self):
        return iter(self.pairs())

    def __bool__(self) -> bool:
        return bool(self.pairs())

    @classmethod
    def from_pairs(cls, pairs) -> Evidence:
        """The evidence that :meth:`pairs` gives back as ``pairs`` (labels it does not know are
        kept in :attr:`extra`)."""
        fields = dict(_evidence_fields(cls))
        by_label = {EVIDENCE_LABELS[name]: name for name in fields}
        values: dict[str, object] = {}
        extra: list[tuple[str, str]] = []
        for label, text in pairs:
            name = by_label.get(label)
            if name is not None and fields[name]:
                values.setdefault(name, [])
                values[name].append(text)  # type: ignore[union-attr]
            elif name is not None and name not in values:
                values[name] = text
            else:
                extra.append((label, text))
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        return cls(**values, extra=tuple(extra))  # type: ignore[arg-type]


def _evidence_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """``(name, repeated)`` of ``cls``'s facts in order (``extra`` is not one)."""
    cached = _EVIDENCE_FIELDS.get(cls)
    if cached is None:
        from dataclasses import fields

        cached = tuple((f.name, f.default == ()) for f in fields(cls) if f.name != "extra")
        _EVIDENCE_FIELDS[cls] = cached
    return cached


_EVIDENCE_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


@dataclass(frozen=True, kw_only=True)
class LinkEvidence(Evidence):
    """Why a link is in the report: the checker's reason and what the archive holds."""

    reason: str | None = None
    http_status: str | None = None
    final_url: str | None = None  # where redirects ended, when not where they started
    attempts: str | None = None
    same_since: str | None = None  # first seen, with the number of checks (a history file)
    archived_copy: str | None = None  # the snapshot URL, "none found" or "unknown: …"
    snapshot_date: str | None = None


@dataclass(frozen=True, kw_only=True)
class ArchiveEvidence(Evidence):
    """An archive look-up that failed, and the references it touched when more than one."""

    archive: str | None = None
    references: str | None = None


@dataclass(frozen=True, kw_only=True)
class UrlEvidence(Evidence):
    """A URL as printed and what citecheck made of it (repaired, recovered or incomplete)."""

    printed_url: str | None = None
    recovered_url: str | None = None  # the unique archive match
    likely_url: str | None = None  # incomplete, but characters were surely changed
    partial_url: str | None = None  # incomplete: the best reading of what survived
    repaired_url: str | None = None
    confidence: str | None = None  # "how sure", in words
    fragments: tuple[str, ...] = ()
    archive_search: str | None = None  # the recovery's status
    archive_candidates: tuple[str, ...] = ()
    recovery_evidence: str | None = None  # the archive queries and their answer
    repairs: tuple[str, ...] = ()
    other_candidates: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class FigureEvidence(Evidence):
    """A figure of the paper beside the source's figure, with the diagnosis in words."""

    claim: str | None = None
    paper_figure: str | None = None
    extraction: tuple[str, ...] = ()  # what the text extraction may have done to the figure
    source_sentence: str | None = None
    source_figure: str | None = None
    diagnosis: str | None = None
    factor: str | None = None
    cause: str | None = None
    explanation: str | None = None


@dataclass(frozen=True, kw_only=True)
class WarningEvidence(Evidence):
    """What the reading of the paper warned about, and the text it was reading."""

    warning: str | None = None
    note_text: str | None = None
    claim: str | None = None


@dataclass(frozen=True, kw_only=True)
class BaselineEvidence(Evidence):
    """A baseline entry that expired or matches nothing."""

    baseline: str | None = None
    entry: str | None = None
    accepts: str | None = None
    reason: str | None = None
    expired: str | None = None
    matches_now: str | None = None


_EVIDENCE_TYPES: dict[FindingKind, type[Evidence]] = {
    **{kind: LinkEvidence for kind in _LINK_FINDINGS.values()},
    FindingKind.ARCHIVE_ERROR: ArchiveEvidence,
    FindingKind.REPAIRED_URL: UrlEvidence,
    FindingKind.RECOVERED_URL: UrlEvidence,
    FindingKind.INCOMPLETE_URL: UrlEvidence,
    FindingKind.INCONSISTENT: FigureEvidence,
    FindingKind.NOT_FOUND: FigureEvidence,
    FindingKind.UNVERIFIABLE: FigureEvidence,
    FindingKind.PARSE_WARNING: WarningEvidence,
    FindingKind.BASELINE_EXPIRED: BaselineEvidence,
    FindingKind.BASELINE_STALE: BaselineEvidence,
}


@dataclass(frozen=True)
class Finding:
    """One thing an editor should look at, with the evidence.

    ``evidence`` is the :class:`Evidence` of the kind's family (``kind.evidence_type``); given as
    ``(label, text)`` pairs (a JSON report, an older caller) or as another family's evidence, it
    is read through :data:`EVIDENCE_LABELS` into that type.
    """

    kind: FindingKind
    message: str  # one line, plain words
    reference_key: str | None = None
    note_id: str | None = None
    url: str | None = None
    evidence: Evidence = ()  # type: ignore[assignment]  # pairs are read into the kind's Evidence
    accepted: Acceptance | None = None  # set when a baseline entry accepts it: listed, never failing

    def __post_init__(self) -> None:
        family = self.kind.evidence_type
        if type(self.evidence) is not family:  # pairs, or another family's facts: read by label
            pairs = self.evidence.pairs() if isinstance(self.evidence, Evidence) else self.evidence
            object.__setattr__(self, "evidence", family.from_pairs(pairs))


@dataclass(frozen=True)
class Report:
    """Everything a renderer needs; renderers read nothing else."""

    paper: str
    generated_at: str  # ISO 8601 UTC
    references: tuple[Reference, ...] = ()
    claims: tuple[Claim, ...] = ()
    checks: tuple[SourceCheck, ...] = ()
    figures: tuple[FigureCheck, ...] = ()
    findings: tuple[Finding, ...] = ()
    schema_version: str = SCHEMA_VERSION
    tool_version: str = ""
    options: dict = field(default_factory=dict, hash=False, compare=False)
