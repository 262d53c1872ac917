"""Accepted findings: a checked-in baseline file that says "we know, and here is why".

A CI job must be able to accept a finding once (a paywalled page, a link the author knows is
dead) without turning its check off. The baseline file (``citecheck-baseline.toml``) lists
the accepted findings, one ``[[accept]]`` table each::

    [[accept]]
    kind = "broken"                          # a finding kind, as --fail-on spells it
    reference = "smith2019wind"              # the reference key ...
    url = "https://www.example.com/*"        # ... and/or the URL: exact, or * for any characters
    reason = "Paywalled; checked by hand"    # required: why the finding is accepted
    expires = 2027-06-30                     # optional: the last day the entry applies

An entry matches a finding of its kind when every matcher it gives (``reference``, ``url``,
``message``) matches; it must give at least one, so one entry never accepts a whole kind.
In patterns ``*`` stands for any run of characters (``/`` included) and nothing else is
special (``?`` is the query separator of a URL, not a wildcard); scheme and host compare
case-insensitively. An accepted finding stays in the report, marked with its reason, and
never counts for ``--fail-on``. An entry past its expiry stops applying and becomes a
``baseline-expired`` finding; one that matches no finding of the run becomes
``baseline-stale`` (kinds ``--fail-on`` accepts, for CI jobs that keep their baseline tidy).

Example::

    >>> from citecheck.model import Finding, FindingKind
    >>> base = parse_baseline('[[accept]]\\nkind = "broken"\\nurl = "https://a.org/*"\\nreason = "paywall"\\n')
    >>> found = base.apply([Finding(FindingKind.BROKEN, "Broken link", "k", None, "https://A.org/x")])
    >>> found[0].accepted.reason
    'paywall'

This module reads, applies and writes the file; it touches the disk only in
:func:`load_baseline`, :func:`find_baseline` and :func:`write_baseline`.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .model import Acceptance, BaselineEvidence, Finding, FindingKind, SourceCheck

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

#: The file looked for next to the paper, then next to the configuration file.
BASELINE_NAME = "citecheck-baseline.toml"

#: The reason ``citecheck baseline`` writes; an entry still holding it is refused on reading,
#: so nobody accepts a finding without saying why.
PLACEHOLDER_REASON = "TODO: say why this finding is accepted"

#: Kinds a baseline cannot accept: they are about the baseline itself.
_OWN_KINDS = frozenset({FindingKind.BASELINE_EXPIRED, FindingKind.BASELINE_STALE})
_KEYS = ("kind", "reference", "url", "message", "reason", "expires")
_MATCHERS = ("reference", "url", "message")


def _fold_url(url: str) -> str:
    """Scheme and host in lower case (they are case-insensitive), the rest as written."""
    head, sep, rest = url.partition("://")
    if not sep:
        return url
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    return f"{head.lower()}://{rest[:cut].lower()}{rest[cut:]}"


@dataclass(frozen=True)
class Pattern:
    """Exact text, or a pattern where ``*`` stands for any run of characters.

    >>> Pattern("https://www.example.com/*").matches("https://www.example.com/a/b?c=1")
    True
    >>> Pattern("https://example.com/page?id=1").matches("https://example.com/pageXid=1")
    False
    """

    text: str
    url: bool = False

    def _regex(self) -> re.Pattern[str]:
        text = _fold_url(self.text) if self.url else self.text
        return re.compile(".*".join(re.escape(part) for part in text.split("*")), re.DOTALL)

    def matches(self, value: str | None) -> bool:
        if value is None:
            return False
        if self.url:
            value = _fold_url(value)
        return self._regex().fullmatch(value) is not None


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding: its kind, what identifies it, why, and until when."""

    kind: FindingKind
    reason: str
    reference: Pattern | None = None
    url: Pattern | None = None
    message: Pattern | None = None
    expires: _dt.date | None = None
    number: int = 0  # 1-based position in the file, for messages

    def matches(self, finding: Finding) -> bool:
        if finding.kind is not self.kind:
            return False
        checks = (
            (self.reference, finding.reference_key),
            (self.url, finding.url),
            (self.message, finding.message),
        )
        return all(pattern.matches(value) for pattern, value in checks if pattern is not None)

    def names_any(self, targets: Collection[str]) -> bool:
        """True when the entry's reference or URL pattern matches one of ``targets``."""
        return any(
            pattern is not None and any(pattern.matches(t) for t in targets)
            for pattern in (self.reference, self.url)
        )

    def expired(self, today: _dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def describe(self) -> str:
        """``broken smith2019wind https://…`` : the entry in one line."""
        parts = [self.kind.value]
        parts += [p.text for p in (self.reference, self.url, self.message) if p is not None]
        return " ".join(parts)

    def as_table(self) -> dict[str, object]:
        table: dict[str, object] = {"kind": self.kind.value}
        for name in _MATCHERS:
            pattern = getattr(self, name)
            if pattern is not None:
                table[name] = pattern.text
        table["reason"] = self.reason
        if self.expires is not None:
            table["expires"] = self.expires
        return table


@dataclass(frozen=True)
class Baseline:
    """The entries of one baseline file (``path`` as the run named it)."""

    entries: tuple[BaselineEntry, ...] = ()
    path: str | None = None

    def apply(
        self,
        findings: Sequence[Finding],
        *,
        today: _dt.date | None = None,
        judged: Collection[FindingKind] | None = None,
        unjudged: Collection[str] = (),
    ) -> list[Finding]:
        """``findings`` with the accepted ones marked, then one finding per expired entry and
        per stale one. ``judged`` are the kinds this run could find at all (``check`` compares
        no figures): an entry of another kind is neither applied nor stale. ``unjudged`` are the
        reference keys and URLs the run could not judge (:func:`unjudged_targets`): an entry
        naming one of them that matches nothing is not stale either (an offline run cannot
        tell that a dead link came back). Pure."""
        today = today or _dt.date.today()
        live = [e for e in self.entries if not e.expired(today) and (judged is None or e.kind in judged)]
        used: set[int] = set()
        out: list[Finding] = []
        for finding in findings:
            hits = [e for e in live if e.matches(finding)]
            used.update(e.number for e in hits)
            if hits and finding.accepted is None:
                first = hits[0]
                expires = first.expires.isoformat() if first.expires else None
                finding = dataclasses.replace(finding, accepted=Acceptance(first.reason, expires, self.path))
            out.append(finding)
        for entry in self.entries:
            if entry.expired(today):
                out.append(self._entry_finding(entry, FindingKind.BASELINE_EXPIRED, findings))
            elif entry in live and entry.number not in used and not entry.names_any(unjudged):
                out.append(self._entry_finding(entry, FindingKind.BASELINE_STALE, findings))
        return out

    def _entry_finding(self, entry: BaselineEntry, kind: FindingKind, findings: Sequence[Finding]) -> Finding:
        where = f"{self.path or 'baseline'} entry {entry.number}"
        expired = matches_now = None
        if kind is FindingKind.BASELINE_EXPIRED:
            assert entry.expires is not None
            still = sum(1 for f in findings if entry.matches(f))
            expired = entry.expires.isoformat()
            matches_now = f"{still} finding(s), no longer accepted" if still else "nothing"
            message = f"Baseline entry expired on {entry.expires.isoformat()} ({where}): {entry.describe()}"
        else:
            message = f"Baseline entry matches no finding ({where}): {entry.describe()}; remove it"
        evidence = BaselineEvidence(
            baseline=self.path or "",
            entry=str(entry.number),
            accepts=entry.describe(),
            reason=entry.reason,
            expired=expired,
            matches_now=matches_now,
        )
        return Finding(kind, message, None, None, entry.url.text if entry.url else None, evidence)


def unjudged_targets(checks: Iterable[SourceCheck]) -> frozenset[str]:
    """The reference keys and URLs of the links a run could not judge: no live state was
    established (no network, ``--offline``, a URL that lost characters) and no archived copy
    was found either. Whether such a link is still dead, or its figures still differ, is
    unknown, so a baseline entry about it is neither confirmed nor stale.

    >>> from citecheck.model import LinkResult, LinkState, SourceCheck
    >>> offline = LinkResult("http://a.org/x", LinkState.UNREACHABLE, "no network")
    >>> sorted(unjudged_targets([SourceCheck("smith2019", "http://a.org/x", offline)]))
    ['http://a.org/x', 'smith2019']
    """
    out: set[str] = set()
    for check in checks:
        if check.snapshot is not None or (check.link is not None and check.link.state.is_checked):
            continue
        out.add(check.reference_key)
        out.update(u for u in (check.url, check.link.url if check.link else None) if u)
    return frozenset(out)


# ------------------------------------------------------------------------- reading


def _date(value: object, where: str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise UsageError(f"{where}: expires must be a date such as 2027-06-30, not {value!r}")


def _entry(table: object, number: int, name: str, placeholder_ok: bool = False) -> BaselineEntry:
    where = f"{name} entry {number}"
    if not isinstance(table, dict):
        raise UsageError(f"{where} must be a table ([[accept]])")
    unknown = [k for k in table if k not in _KEYS]
    if unknown:
        raise UsageError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(_KEYS)})")
    for key, value in table.items():
        if key != "expires" and not isinstance(value, str):
            raise UsageError(f"{where}: {key} must be a string, not {value!r}")
    kinds = {k.value: k for k in FindingKind if k not in _OWN_KINDS}
    kind = kinds.get(str(table.get("kind", "")).strip().lower())
    if kind is None:
        given = table.get("kind")
        raise UsageError(
            f"{where}: kind {given!r} is not a finding kind; choose from {', '.join(kinds)}"
            if given
            else f"{where} has no kind"
        )
    reason = " ".join(str(table.get("reason", "")).split())
    if not reason:
        raise UsageError(f"{where} has no reason: say why the finding is accepted")
    if reason == PLACEHOLDER_REASON and not placeholder_ok:
        raise UsageError(f"{where} still has the placeholder reason: say why the finding is accepted")
    patterns = {
        key: Pattern(table[key], url=key == "url") for key in _MATCHERS if str(table.get(key, "")).strip()
    }
    if not patterns:
        raise UsageError(f"{where} names no reference, url or message: it would accept every {kind.value}")
    expires = _date(table["expires"], where) if "expires" in table else None
    return BaselineEntry(kind, reason, expires=expires, number=number, **patterns)


def parse_baseline(text: str, name: str = "baseline", *, placeholder_ok: bool = False) -> Baseline:
    """A :class:`Baseline` from the TOML text of a baseline file; :class:`UsageError` (one line)
    naming the file and the entry when it is not one. An entry whose reason is still
    :data:`PLACEHOLDER_REASON` is refused unless ``placeholder_ok`` (``citecheck baseline
    --update`` reads the file it is about to rewrite)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"baseline {name} is not valid TOML: {' '.join(str(exc).split())}") from None
    extra = [k for k in data if k != "accept"]
    if extra:
        raise UsageError(f"baseline {name}: unknown key {extra[0]!r}; entries are [[accept]] tables")
    tables = data.get("accept", [])
    if not isinstance(tables, list):
        raise UsageError(f"baseline {name}: accept must be an array of tables ([[accept]])")
    entries = tuple(
        _entry(table, number, name, placeholder_ok) for number, table in enumerate(tables, start=1)
    )
    return Baseline(entries, name)


def load_baseline(path: str | Path, *, placeholder_ok: bool = False) -> Baseline:
    """Read a baseline file; :class:`UsageError` (one line) when it is missing or invalid."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"baseline file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read baseline {path}: {getattr(exc, 'strerror', None) or exc}") from None
    return parse_baseline(text, str(path), placeholder_ok=placeholder_ok)


def find_baseline(
    paper: str | Path | None, named: str | Path | None = None, config_file: str | Path | None = None
) -> Path | None:
    """The baseline file of a run: ``named`` (``--baseline`` or the config's ``baseline``), else
    :data:`BASELINE_NAME` next to the paper, else next to the configuration file, else None."""
    if named is not None:
        return Path(named)
    places = [Path(paper).parent if paper is not None else None]
    places.append(Path(config_file).parent if config_file is not None else None)
    for place in places:
        if place is not None and (place / BASELINE_NAME).is_file():
            return place / BASELINE_NAME
    return None


# ------------------------------------------------------------------------- writing


def entry_for(finding: Finding, number: int = 0, reason: str = PLACEHOLDER_REASON) -> BaselineEntry:
    """The entry that accepts ``finding``: its reference and URL, else its message (a ``*`` in
    them, a wildcard in the file, still matches itself)."""
    reference = Pattern(finding.reference_key) if finding.reference_key else None
    url = Pattern(finding.url, url=True) if finding.url else None
    message = None if reference or url else Pattern(finding.message)
    return BaselineEntry(finding.kind, reason, reference, url, message, number=number)


def _same_target(a: BaselineEntry, b: BaselineEntry) -> bool:
    return a.kind is b.kind and all(
        (getattr(a, name).text if getattr(a, name) else None)
        == (getattr(b, name).text if getattr(b, name) else None)
        for name in _MATCHERS
    )


def baseline_entries(
    findings: Iterable[Finding], fail_on: Collection[FindingKind], existing: Baseline | None = None
) -> tuple[BaselineEntry, ...]:
    """Entries for every finding of a ``fail_on`` kind, after the ``existing`` entries (kept as
    they are, reasons and expiry included); a finding an existing entry already matches, or
    that an earlier new entry covers, adds nothing."""
    entries = list(existing.entries if existing else ())
    for finding in findings:
        if finding.kind not in fail_on or finding.kind in _OWN_KINDS:
            continue
        if any(e.matches(finding) for e in entries):
            continue
        new = entry_for(finding)
        if not any(_same_target(new, e) for e in entries):
            entries.append(new)
    return tuple(dataclasses.replace(e, number=i) for i, e in enumerate(entries, start=1))


_HEADER = f"""\
# citecheck baseline: findings accepted on purpose (a paywalled page, a link known to be dead).
# `citecheck verify` and `citecheck check` list a matching finding as accepted, with its reason,
# and never fail on it. EDIT EVERY REASON: an entry still reading "{PLACEHOLDER_REASON}"
# is refused. Optional `expires = YYYY-MM-DD` ends an entry after that day. In `url`,
# `reference` and `message`, `*` stands for any characters (https://www.example.com/*).
# Written by `citecheck baseline`; `--update` keeps existing entries, comments are not kept.
"""


def _toml_value(value: object) -> str:
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'


def render_baseline(entries: Iterable[BaselineEntry]) -> str:
    """The baseline file's text: the header saying what to edit, then one table per entry."""
    blocks = [_HEADER]
    for entry in entries:
        lines = ["[[accept]]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in entry.as_table().items()]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def write_baseline(
    report,
    path: str | Path,
    fail_on: Collection[FindingKind] | None = None,
    *,
    force: bool = False,
    update: bool = False,
    report_path: str | Path | None = None,
) -> tuple[Path, int, int]:
    """Write the baseline of ``report``'s findings of a ``fail_on`` kind (default: the kinds the
    run failed on) to ``path``; return ``(path, entries, added)``.

    An existing file is refused (:class:`UsageError`) unless ``update`` (its entries are kept,
    reasons and expiry included, and only findings none of them matches are added) or
    ``force`` (replaced). Written atomically; never over ``report_path``, the report read.
    """
    from .findings import DEFAULT_FAIL_ON, parse_fail_on
    from .fsutil import atomic_write

    path = Path(path)
    if fail_on is None:
        stored = (report.options or {}).get("fail_on")
        fail_on = DEFAULT_FAIL_ON if stored is None else parse_fail_on(list(stored) or ["none"])
    if report_path is not None and path.exists() and path.resolve() == Path(report_path).resolve():
        raise UsageError(
            f"refusing to overwrite the report {report_path} with the baseline; choose another -o"
        )
    existing = None
    if path.exists() and not path.is_file():
        raise UsageError(f"{path} is not a file")
    if path.exists():
        if update:
            existing = load_baseline(path, placeholder_ok=True)
        elif not force:
            raise UsageError(f"{path} exists; --update merges with it, --force replaces it")
    entries = baseline_entries(report.findings, frozenset(fail_on), existing)
    added = len(entries) - (len(existing.entries) if existing else 0)
    atomic_write(path, render_baseline(entries))
    return path, len(entries), added


__all__ = [
    "BASELINE_NAME",
    "PLACEHOLDER_REASON",
    "Baseline",
    "BaselineEntry",
    "Pattern",
    "baseline_entries",
    "entry_for",
    "find_baseline",
    "load_baseline",
    "parse_baseline",
    "render_baseline",
    "unjudged_targets",
    "write_baseline",
]
