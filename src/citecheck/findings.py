"""Turn what the stages learned into findings: the things an editor should look at.

:func:`build_findings` is pure: it reads references, source checks, figure checks and
claims, and returns a sorted list of :class:`~citecheck.model.Finding`, each with its
typed :class:`~citecheck.model.Evidence` (``LinkEvidence``, ``UrlEvidence``, …) so every
renderer can show the proof beside it; the words shown for each field are
:data:`~citecheck.model.EVIDENCE_LABELS`.

Example::

    >>> from citecheck.model import LinkResult, LinkState, Reference, SourceCheck
    >>> ref = Reference(key="xinhua2014", entry_type="news", raw="...")
    >>> check = SourceCheck("xinhua2014", "http://www.xinhuanet.com/x.htm",
    ...                     link=LinkResult("http://www.xinhuanet.com/x.htm", LinkState.BROKEN,
    ...                                     "HTTP 404 Not Found", status=404))
    >>> [f.kind.value for f in build_findings([ref], [check], [])]
    ['broken']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .model import (
    ArchiveEvidence,
    Claim,
    FigureCheck,
    FigureEvidence,
    Finding,
    FindingKind,
    LinkEvidence,
    LinkState,
    Reference,
    Snapshot,
    SourceCheck,
    UrlEvidence,
    Verdict,
    WarningEvidence,
)
from .references.urls import characters_changed

#: Most serious first; renderers and the CLI list findings in this order.
SEVERITY: tuple[FindingKind, ...] = FindingKind.by_severity()

#: Kinds accepted by ``--fail-on``.
FAIL_ON_KINDS: tuple[FindingKind, ...] = FindingKind.fail_on_kinds()

#: Kinds about the baseline file itself (an entry past its expiry, an entry matching nothing):
#: ``--fail-on baseline-stale`` keeps a baseline tidy; ``all`` leaves them out.
BASELINE_KINDS: frozenset[FindingKind] = frozenset({FindingKind.BASELINE_EXPIRED, FindingKind.BASELINE_STALE})

#: ``--fail-on unverified``: every kind that says something could not be checked at all (a link
#: with no network or refused as private, a figure with no source text), for CI jobs that must
#: not pass blind.
UNVERIFIED_KINDS: frozenset[FindingKind] = frozenset(kind for kind in FindingKind if kind.is_unverified)

#: Default ``--fail-on``: broken links and inconsistent figures.
DEFAULT_FAIL_ON: frozenset[FindingKind] = frozenset({FindingKind.BROKEN, FindingKind.INCONSISTENT})

_LINK_WORDS = {
    LinkState.BROKEN: "Broken link",
    LinkState.SOFT_404: "Link answers, but the page is really 'not found'",
    LinkState.BLOCKED: "Link blocked (login, paywall or bot wall): not known to be dead",
    LinkState.FLAKY: "Link did not answer reliably",
    LinkState.REFUSED: "Link not fetched: it points at a private or local address",
    LinkState.UNREACHABLE: "Link not checked: no network",
    LinkState.INVALID: "URL cannot be fetched as written",
}

_VERDICT_KIND = {
    Verdict.INCONSISTENT: FindingKind.INCONSISTENT,
    Verdict.NOT_FOUND: FindingKind.NOT_FOUND,
    Verdict.UNVERIFIABLE: FindingKind.UNVERIFIABLE,
}


#: Kinds only a link check finds, and kinds only a figure comparison finds.
LINK_KINDS: frozenset[FindingKind] = frozenset(
    s.finding_kind for s in LinkState if s.finding_kind is not None
)
FIGURE_KINDS: frozenset[FindingKind] = frozenset(_VERDICT_KIND.values())


def snapshot_date(timestamp: str | None) -> str:
    """A 14-digit archive timestamp in words: ``"20220220101500"`` -> ``"2022-02-20 10:15:00 UTC"``.

    Shorter timestamps keep what they have (``"2022"`` -> ``"2022"``); anything else is
    returned unchanged.
    """
    if not timestamp or not timestamp.isdigit():
        return timestamp or ""
    ts = timestamp
    date = "-".join(part for part in (ts[0:4], ts[4:6], ts[6:8]) if part)
    if len(ts) >= 14:
        return f"{date} {ts[8:10]}:{ts[10:12]}:{ts[12:14]} UTC"
    return date


def _snapshot_evidence(snapshot: Snapshot | None, archive_error: str | None = None) -> dict[str, str]:
    """The ``archived_copy``/``snapshot_date`` fields of a link's evidence."""
    if snapshot is None:
        if archive_error:  # the archive did not answer: a copy may exist
            return {"archived_copy": f"unknown: {archive_error}"}
        return {"archived_copy": "none found"}
    return {"archived_copy": snapshot.url, "snapshot_date": snapshot_date(snapshot.timestamp)}


def _link_findings(ref: Reference | None, check: SourceCheck) -> list[Finding]:
    link = check.link
    key = check.reference_key
    note = ref.note_id if ref else None
    out: list[Finding] = []
    if link is not None and link.state.finding_kind is not None:
        evidence = LinkEvidence(
            reason=link.reason,
            http_status=str(link.status) if link.status is not None else None,
            final_url=link.final_url if link.final_url and link.final_url != link.url else None,
            attempts=str(link.attempts) if link.attempts > 1 else None,
            same_since=f"{link.first_seen} ({link.times_seen} checks)"
            if link.times_seen > 1 and link.first_seen
            else None,
            **(
                _snapshot_evidence(check.snapshot, check.archive_error)
                if link.state.wants_archived_copy
                else {}
            ),
        )
        message = f"{_LINK_WORDS[link.state]}: {link.reason}"
        if link.state.is_dead and check.snapshot is not None:
            message += f"; archived copy from {snapshot_date(check.snapshot.timestamp)[:10]}"
        out.append(Finding(link.state.finding_kind, message, key, note, check.url or link.url, evidence))
    return out


def _archive_findings(checks: Sequence[SourceCheck], ref_by_key: dict[str, Reference]) -> list[Finding]:
    """One finding per archive problem: a reference of its own when only it met the problem, else one
    for the run naming every reference it touched (an archive nobody could reach is said once)."""
    groups: dict[str, list[SourceCheck]] = {}
    for check in checks:
        if check.archive_error:
            groups.setdefault(check.archive_error, []).append(check)
    out: list[Finding] = []
    for error, group in groups.items():
        if len(group) == 1:
            check = group[0]
            ref = ref_by_key.get(check.reference_key)
            out.append(
                Finding(
                    FindingKind.ARCHIVE_ERROR,
                    f"Archive lookup failed: {error}",
                    check.reference_key,
                    ref.note_id if ref else None,
                    check.url,
                    ArchiveEvidence(archive=error),
                )
            )
            continue
        keys = [check.reference_key for check in group]
        out.append(
            Finding(
                FindingKind.ARCHIVE_ERROR,
                f"Archive lookup failed for {len(group)} references: {error}",
                evidence=ArchiveEvidence(archive=error, references=", ".join(keys)),
            )
        )
    return out


def _url_findings(ref: Reference, check: SourceCheck | None) -> list[Finding]:
    url = ref.url
    if url is None:
        return []
    recovery = check.recovery if check else None
    out: list[Finding] = []
    if recovery is not None and recovery.status == "recovered" and recovery.url:
        evidence = UrlEvidence(
            printed_url=url.raw,
            recovered_url=recovery.url,
            confidence="unique archive match",
            recovery_evidence=recovery.evidence or None,
        )
        out.append(
            Finding(
                FindingKind.RECOVERED_URL,
                f"URL recovered from an archive index: {recovery.url}",
                ref.key,
                ref.note_id,
                recovery.url,
                evidence,
            )
        )
        return out
    if not url.complete:
        changed = characters_changed(url)
        evidence = UrlEvidence(
            printed_url=url.raw,
            likely_url=url.repaired if changed and url.repaired else None,
            partial_url=url.repaired if not changed and url.repaired else None,
            fragments=tuple(f for f in url.fragments if f.strip()),  # an empty fragment survived nothing
            archive_search=recovery.status if recovery is not None else None,
            archive_candidates=tuple(recovery.candidates[:5]) if recovery is not None else (),
            recovery_evidence=(recovery.evidence or None) if recovery is not None else None,
        )
        out.append(
            Finding(
                FindingKind.INCOMPLETE_URL,
                "URL text was altered in extraction; the printed address cannot be right, check it by hand"
                if changed
                else "URL text is garbled and could not be fully recovered; check it by hand",
                ref.key,
                ref.note_id,
                url.repaired,
                evidence,
            )
        )
        return out
    if url.repairs and url.repaired:
        if recovery is not None and recovery.status == "confirmed":
            sure = "confirmed by a web archive"
        elif len(url.candidates) > 1:
            sure = f"most likely of {len(url.candidates)} candidates"
        else:
            sure = "only reading the text supports"
        evidence = UrlEvidence(
            printed_url=url.raw,
            repaired_url=url.repaired,
            confidence=sure,
            repairs=tuple(url.repairs),
            other_candidates=tuple(url.candidates[1:4]),
        )
        out.append(
            Finding(
                FindingKind.REPAIRED_URL,
                f"URL repaired: {url.repaired} ({sure})",
                ref.key,
                ref.note_id,
                url.repaired,
                evidence,
            )
        )
    return out


def _number(value) -> str:
    text = format(value, "f") if value is not None else ""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def figure_explanation(check: FigureCheck) -> str:
    """The plain-words diagnosis of a figure check (its own explanation when it has one).

    >>> from citecheck.model import Verdict
    >>> figure_explanation(FigureCheck("p1n1", None, Verdict.UNVERIFIABLE, "..."))
    'No source text was available to compare this figure with.'
    """
    if check.explanation:
        return check.explanation
    if check.verdict is Verdict.UNVERIFIABLE:
        return "No source text was available to compare this figure with."
    if check.verdict is Verdict.NOT_FOUND:
        raw = check.claim_quantity.raw if check.claim_quantity else "this figure"
        return f"The source does not mention {raw} or any comparable figure."
    if check.verdict is Verdict.INCONSISTENT:
        claim = check.claim_quantity.raw if check.claim_quantity else "the paper's figure"
        source = check.source_quantity.raw if check.source_quantity else "a different figure"
        words = f"The paper says {claim}; the source says {source}."
        if check.factor is not None:
            words += f" The paper's figure is {_number(check.factor)}x the source's."
        if check.cause:
            words += f" Likely cause: {check.cause}."
        return words
    return ""


def _figure_findings(figures: Iterable[FigureCheck], ref_by_key: dict[str, Reference]) -> list[Finding]:
    out: list[Finding] = []
    for fig in figures:
        kind = _VERDICT_KIND.get(fig.verdict)
        if kind is None:
            continue
        raw = fig.claim_quantity.raw if fig.claim_quantity else ""
        evidence = FigureEvidence(
            claim=fig.claim_sentence,
            paper_figure=raw or None,
            source_sentence=fig.source_sentence or None,
            source_figure=fig.source_quantity.raw if fig.source_quantity is not None else None,
            diagnosis=fig.diagnosis or None,
            factor=_number(fig.factor) if fig.factor is not None else None,
            cause=fig.cause or None,
            explanation=figure_explanation(fig) or None,
        )
        label = {
            FindingKind.INCONSISTENT: "Figure does not match its source",
            FindingKind.NOT_FOUND: "Figure not found in its source",
            FindingKind.UNVERIFIABLE: "Figure could not be checked",
        }[kind]
        message = f"{label}: {raw}" if raw else label
        if kind is FindingKind.INCONSISTENT and fig.source_quantity is not None:
            message += f" (source: {fig.source_quantity.raw})"
        ref = ref_by_key.get(fig.reference_key or "")
        out.append(
            Finding(
                kind,
                message,
                fig.reference_key,
                fig.note_id or (ref.note_id if ref else None),
                fig.source_url,
                evidence,
            )
        )
    return out


def _unmatched_findings(claims: Iterable[Claim]) -> list[Finding]:
    """Figures behind a footnote marker that no note could be matched to: unverifiable, but
    worth a look (the extraction may also have damaged them, which the quantity notes say)."""
    out = []
    for claim in claims:
        line = claim.marker.span.start_line if claim.marker is not None and claim.marker.span else None
        where = f" (line {line})" if line else ""
        for q in claim.quantities:
            evidence = FigureEvidence(claim=claim.text, paper_figure=q.raw, extraction=tuple(q.notes))
            out.append(
                Finding(
                    FindingKind.UNVERIFIABLE,
                    f"Figure behind a footnote marker that matches no note{where}: {q.raw}",
                    None,
                    None,
                    None,
                    evidence,
                )
            )
    return out


def _warning_findings(refs: Sequence[Reference], document_warnings: Iterable[str]) -> list[Finding]:
    out = [
        Finding(FindingKind.PARSE_WARNING, f"Document: {warning}", evidence=WarningEvidence(warning=warning))
        for warning in document_warnings
    ]
    for ref in refs:
        for warning in ref.warnings:
            out.append(
                Finding(
                    FindingKind.PARSE_WARNING,
                    f"Reference {ref.key}: {warning}",
                    ref.key,
                    ref.note_id,
                    None,
                    WarningEvidence(warning=warning, note_text=ref.raw),
                )
            )
    return out


def build_findings(
    references: Sequence[Reference],
    checks: Sequence[SourceCheck],
    figures: Sequence[FigureCheck],
    claims: Sequence[Claim] = (),
    *,
    document_warnings: Iterable[str] = (),
    unmatched: Sequence[Claim] = (),
) -> list[Finding]:
    """Every finding of a run, most serious kind first, then in reference order.

    ``claims`` is accepted so a caller can pass the whole stage output; claims whose
    note has no reference at all become parse warnings ("figure cites a note with no
    reference"). Pure: no network, no disk.
    """
    ref_by_key = {ref.key: ref for ref in references}
    order = {ref.key: index for index, ref in enumerate(references)}
    check_by_key = {check.reference_key: check for check in checks}

    found: list[Finding] = []
    for check in checks:
        found.extend(_link_findings(ref_by_key.get(check.reference_key), check))
    found.extend(_archive_findings(checks, ref_by_key))
    for ref in references:
        found.extend(_url_findings(ref, check_by_key.get(ref.key)))
    found.extend(_figure_findings(figures, ref_by_key))
    found.extend(_warning_findings(references, document_warnings))

    noted = {ref.note_id for ref in references if ref.note_id}
    for claim in claims:
        if claim.quantities and claim.note_id not in noted:
            found.append(
                Finding(
                    FindingKind.PARSE_WARNING,
                    f"Figures cite note {claim.note_id}, which holds no reference",
                    None,
                    claim.note_id,
                    None,
                    WarningEvidence(claim=claim.text),
                )
            )

    found.extend(_unmatched_findings(unmatched))

    rank = {kind: index for index, kind in enumerate(SEVERITY)}
    big = len(references) + 1
    indexed = list(enumerate(found))
    indexed.sort(
        key=lambda item: (
            rank.get(item[1].kind, len(rank)),
            order.get(item[1].reference_key or "", big),
            item[0],
        )
    )
    return [finding for _, finding in indexed]


def parse_fail_on(values: str | Iterable[str] | None) -> frozenset[FindingKind]:
    """Read ``--fail-on`` values: a comma list and/or repeated values.

    >>> sorted(k.value for k in parse_fail_on(["broken,soft-404", "inconsistent"]))
    ['broken', 'inconsistent', 'soft-404']

    ``"none"`` means never fail; ``"all"`` every kind ``--fail-on`` accepts but the
    :data:`BASELINE_KINDS`; ``"unverified"``
    every kind saying something could not be checked (:data:`UNVERIFIED_KINDS`). An unknown
    kind raises :class:`~citecheck.errors.UsageError` naming the accepted ones.
    """
    from .errors import UsageError

    if values is None:
        return DEFAULT_FAIL_ON
    if isinstance(values, str):
        values = [values]
    accepted = {kind.value: kind for kind in FAIL_ON_KINDS}
    kinds: set[FindingKind] = set()
    for value in values:
        for part in str(value).split(","):
            name = part.strip().lower()
            if not name or name == "none":
                continue
            if name == "all":  # every kind about the paper; the baseline's own kinds are asked for by name
                kinds.update(set(FAIL_ON_KINDS) - BASELINE_KINDS)
            elif name == "unverified":
                kinds.update(UNVERIFIED_KINDS)
            elif name in accepted:
                kinds.add(accepted[name])
            else:
                raise UsageError(
                    f"unknown --fail-on kind {name!r}; choose from {', '.join(accepted)}, unverified, all, none"
                )
    return frozenset(kinds)


def failing(findings: Iterable[Finding], fail_on: Iterable[FindingKind]) -> list[Finding]:
    """The findings that fail a run: of a ``fail_on`` kind and not accepted by a baseline."""
    kinds = set(fail_on)
    return [f for f in findings if f.kind in kinds and f.accepted is None]


def count_by_kind(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each kind, in severity order, kinds with none left out."""
    counts = {kind.value: 0 for kind in SEVERITY}
    for finding in findings:
        counts[finding.kind.value] = counts.get(finding.kind.value, 0) + 1
    return {kind: n for kind, n in counts.items() if n}
