"""The ``verify`` pipeline: paper -> references and claims -> link checks -> source text
-> figure comparisons -> findings -> :class:`~citecheck.model.Report`.

:func:`verify` renders nothing and writes no report file; :func:`write_outputs` writes
the bibliography and the reports (each atomically: never a partial file);
:func:`exit_status` turns a report into the CI exit code.

Example::

    options = resolve_options("paper.txt", archives=("http://127.0.0.1:8080/pywb/",))
    report, references = verify_with_references("paper.txt", options)
    paths = write_outputs(report, references, options)
    sys.exit(exit_status(report, options.fail_on))

Progress: ``progress(stage, done, total)`` is called with stage ``"check"`` while links
are checked and ``"sources"`` while source texts are fetched (from worker threads).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .config import VerifyOptions
from .errors import UsageError
from .findings import build_findings
from .fsutil import atomic_write
from .model import (
    Claim,
    FigureCheck,
    FindingKind,
    Reference,
    Report,
    SourceCheck,
    SourceText,
    Verdict,
)
from .report import FORMATS, render
from .report._common import scrub
from .sources.bodies import SourceBodies
from .sources.session import CheckerSession, CheckerSettings, LoggingFetcher

__all__ = [
    "LoggingFetcher",
    "ParsedPaper",
    "build_report",
    "bundled_seed",
    "checker_settings",
    "compare_figures",
    "exit_status",
    "fetch_config",
    "output_paths",
    "parse_paper",
    "render_outputs",
    "run_baseline",
    "safe_stem",
    "source_texts",
    "verify",
    "verify_with_references",
    "write_outputs",
]

Progress = Callable[[str, int, int], None]

#: Better verdicts first: when a note cites several sources, a figure takes the best one.
_VERDICT_RANK = {
    Verdict.CONSISTENT: 0,
    Verdict.INCONSISTENT: 1,
    Verdict.NOT_FOUND: 2,
    Verdict.UNVERIFIABLE: 3,
}


def now_utc() -> str:
    """The current time, ISO 8601 UTC to the second: ``2026-11-28T12:00:00Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------- fetcher and cache


def checker_settings(options: VerifyOptions) -> CheckerSettings:
    """The checker session settings a run's options describe (one set of rules with ``check``)."""
    return CheckerSettings.from_verify_options(options)


def fetch_config(options: VerifyOptions):
    """The :class:`~citecheck.sources.fetcher.FetchConfig` the options describe.

    ``timeout`` means what ``check --timeout`` means: the read timeout; connecting gets at
    most 10 s of it and one whole fetch (hops and retries) three times it.
    """
    return checker_settings(options).fetch_config()


# ------------------------------------------------------------------- stages


def _check(
    references: Sequence[Reference],
    fetcher,
    cache,
    options: VerifyOptions,
    progress,
    *,
    want=None,
    bodies=None,
) -> list[SourceCheck]:
    from .sources.checker import check_references

    kwargs: dict = {
        "fetcher": fetcher,
        "cache": cache,
        "archives": tuple(options.archives),
        "cdx": tuple(options.cdx),
        "workers": max(1, options.workers),
        "want_body": want,
        "bodies": bodies,
    }
    if progress is not None:
        kwargs["progress"] = _adapt_progress(progress, "check")
    return list(check_references(list(references), **kwargs))


def _adapt_progress(progress: Progress, stage: str):
    """The checker reports ``(done, total)`` or ``(done, total, anything)``; we add the stage."""

    def report(done=0, total=0, *rest, **kw):
        if not isinstance(done, int) or not isinstance(total, int):
            return
        progress(stage, done, total)

    return report


def _source_texts(
    wanted: Sequence[SourceCheck], fetcher, cache, options: VerifyOptions, progress, bodies=None
) -> dict[str, SourceText]:
    """Source text for each check that has a live page or an archived copy (bodies the check
    stage already fetched come from ``bodies``: each page is fetched once per run)."""
    from .sources.checker import fetch_source
    from .sources.text import to_text

    def one(check: SourceCheck) -> tuple[str, SourceText | None]:
        try:
            got = fetch_source(check, fetcher, cache, bodies)
        except (OSError, ValueError) as exc:  # one bad source never aborts a run
            return check.reference_key, SourceText(check.url, "", "live", error=str(exc))
        if got is None:
            return check.reference_key, None
        body, content_type, origin, content_language = got
        url = check.url
        if origin == "archive" and check.snapshot is not None:
            url = check.snapshot.url
        text = to_text(body, content_type, url, origin=origin, content_language=content_language)
        if origin == "archive" and check.snapshot is not None and text.timestamp is None:
            text = dataclasses.replace(text, timestamp=check.snapshot.timestamp)
        return check.reference_key, text

    out: dict[str, SourceText] = {}
    total = len(wanted)
    if progress is not None:
        progress("sources", 0, total)
    if not wanted:
        return out
    with ThreadPoolExecutor(max_workers=max(1, min(options.workers, total))) as pool:
        for done, (key, text) in enumerate(pool.map(one, wanted), start=1):
            if text is not None:
                out[key] = text
            if progress is not None:
                progress("sources", done, total)
    return out


def compare_figures(
    claims: Sequence[Claim],
    references: Sequence[Reference],
    sources: dict[str, SourceText],
    *,
    lang=None,
) -> list[FigureCheck]:
    """Each quoted figure against the sources of its note (the best verdict wins).

    Each source is read once for all the claims citing it; notes come in the order
    their first claim appears; a claim without figures gets no check. ``lang`` is the
    paper's language (a language, or a :class:`~citecheck.figures.LanguageOnDemand` for
    the whole paper); each source is read in the language it declares, else the one its
    whole text suggests.
    """
    from .figures import compare_claims

    refs_by_note: dict[str, list[Reference]] = {}
    for ref in references:
        if ref.note_id:
            refs_by_note.setdefault(ref.note_id, []).append(ref)
    claims_by_note: dict[str, list[Claim]] = {}
    for claim in claims:
        if quotes_figures(claim):
            claims_by_note.setdefault(claim.note_id, []).append(claim)

    out: list[FigureCheck] = []
    for note_id, note_claims in claims_by_note.items():
        refs = refs_by_note.get(note_id, [])
        with_text = [ref for ref in refs if ref.key in sources]
        if not with_text:
            out.extend(
                compare_claims(note_claims, None, reference_key=refs[0].key if refs else None, lang=lang)
            )
            continue
        best: dict[tuple, FigureCheck] = {}
        for ref in with_text:
            checks = compare_claims(note_claims, sources[ref.key], reference_key=ref.key, lang=lang)
            for index, fig in enumerate(checks):
                q = fig.claim_quantity
                ident = (
                    (fig.claim_sentence, q.raw, q.start, q.end)
                    if q is not None
                    else (fig.claim_sentence, index)
                )
                if ident not in best or _VERDICT_RANK[fig.verdict] < _VERDICT_RANK[best[ident].verdict]:
                    best[ident] = fig
        out.extend(best.values())
    # a claim that quotes no figure is context, not a finding: no check for it ("no figures in claim")
    return [fig for fig in out if fig.claim_quantity is not None]


def quotes_figures(claim: Claim) -> bool:
    """Whether a claim may quote a figure (its quantities, or a digit in its text)."""
    return bool(claim.quantities) or any(ch.isdigit() for ch in claim.text)


def _needs_source(check: SourceCheck) -> bool:
    if check.snapshot is not None:
        return True
    return check.link is not None and check.link.state.is_live


@dataclasses.dataclass(frozen=True)
class ParsedPaper:
    """A paper read and parsed (no network): what the check, figure and report stages need.

    ``cited_notes`` are the notes whose citing text quotes a figure: their sources' texts are read.
    """

    path: Path
    text: str
    warnings: tuple[str, ...]
    references: tuple[Reference, ...]
    claims: tuple[Claim, ...]
    unmatched: tuple[Claim, ...]
    cited_notes: frozenset[str]

    def wants_source(self, ref: Reference) -> bool:
        """Whether the figure stage reads this reference's source text."""
        return ref.note_id in self.cited_notes

    def wanted_checks(self, checks: Iterable[SourceCheck]) -> list[SourceCheck]:
        """The checks whose source text the figure stage reads (a page or a snapshot to read)."""
        ref_note = {ref.key: ref.note_id for ref in self.references}
        return [c for c in checks if ref_note.get(c.reference_key) in self.cited_notes and _needs_source(c)]


def parse_paper(paper: str | Path, options: VerifyOptions) -> ParsedPaper:
    """Read ``paper`` and parse its references and claims (CPU only, no network)."""
    from .document import load_document
    from .references.claims import extract_all_claims
    from .references.extract import extract_references
    from .references.load import require_references

    path = Path(paper)
    document = load_document(path, format=options.input_format)
    references = require_references(list(extract_references(document)), path, document.format)
    claims, unmatched = extract_all_claims(document, references)
    return ParsedPaper(
        path=path,
        text=document.text,
        warnings=tuple(document.warnings),
        references=tuple(references),
        claims=tuple(claims),
        unmatched=tuple(unmatched),
        cited_notes=frozenset(claim.note_id for claim in claims if quotes_figures(claim)),
    )


def source_texts(
    wanted: Sequence[SourceCheck], fetcher, cache, options: VerifyOptions, progress=None, bodies=None
) -> dict[str, SourceText]:
    """Source text per reference key for the ``wanted`` checks (see :meth:`ParsedPaper.wanted_checks`)."""
    return _source_texts(wanted, fetcher, cache, options, progress, bodies)


def build_report(
    parsed: ParsedPaper,
    checks: Sequence[SourceCheck],
    sources: dict[str, SourceText],
    options: VerifyOptions,
    request_count: int | None,
    *,
    baseline=None,
) -> Report:
    """Figures compared, findings built (and accepted by ``baseline``, a
    :class:`~citecheck.baseline.Baseline`, when given): the :class:`Report` of one paper (CPU only)."""
    from .figures import LanguageOnDemand

    references = list(parsed.references)
    claims = list(parsed.claims)
    figures = compare_figures(claims, references, sources, lang=LanguageOnDemand(parsed.text))
    findings = build_findings(
        references,
        checks,
        figures,
        claims,
        document_warnings=parsed.warnings,
        unmatched=list(parsed.unmatched),
    )
    recorded = options.summary()
    recorded["request_count"] = request_count
    if baseline is not None:
        from .baseline import unjudged_targets

        findings = baseline.apply(findings, unjudged=unjudged_targets(checks))
        recorded["baseline"] = baseline.path
    return Report(
        paper=display_name(parsed.path),
        generated_at=now_utc(),
        references=tuple(references),
        claims=tuple(claims),
        checks=tuple(checks),
        figures=tuple(figures),
        findings=tuple(findings),
        tool_version=__version__,
        options=recorded,
    )


def verify_with_references(
    paper: str | Path | None,
    options: VerifyOptions,
    *,
    progress: Progress | None = None,
    log: Callable[[str], None] | None = None,
    fetcher=None,
) -> tuple[Report, list[Reference]]:
    """:func:`verify`, also returning the parsed references (for the bibliography).

    ``log`` receives one line per request when given (``-v``). ``fetcher`` replaces the
    one the options describe (anything with ``fetch(url, **kw) -> FetchResponse`` and
    ``config``; the caller closes it), e.g. a fetcher that routes hosts to a local server.
    """
    if paper is None:
        paper = bundled_seed()
    baseline = run_baseline(Path(paper), options)  # an invalid baseline stops the run before any work
    parsed = parse_paper(paper, options)
    bodies = SourceBodies()  # this run's page bodies: fetched once, read by the figure stage

    with CheckerSession(checker_settings(options), fetcher=fetcher, log=log) as session:
        checks = _check(
            parsed.references,
            session.fetcher,
            session.cache,
            options,
            progress,
            want=parsed.wants_source,
            bodies=bodies,
        )
        wanted = parsed.wanted_checks(checks)
        sources = _source_texts(wanted, session.fetcher, session.cache, options, progress, bodies)
        request_count = session.request_count

    report = build_report(parsed, checks, sources, options, request_count, baseline=baseline)
    return report, list(parsed.references)


def run_baseline(paper: str | Path | None, options: VerifyOptions):
    """The :class:`~citecheck.baseline.Baseline` a run applies (``options.baseline``, else
    ``citecheck-baseline.toml`` next to the paper or the config file), or None when there is none.
    Raises :class:`~citecheck.errors.UsageError` (one line) when the file is missing or invalid."""
    from .baseline import find_baseline, load_baseline

    path = find_baseline(paper, options.baseline, options.config_file)
    return load_baseline(path) if path is not None else None


def verify(
    paper: str | Path | None,
    options: VerifyOptions,
    *,
    progress: Progress | None = None,
    log: Callable[[str], None] | None = None,
    fetcher=None,
) -> Report:
    """Run every stage on ``paper`` (None: the bundled seed) and return the :class:`Report`.

    Raises :class:`~citecheck.errors.InputError` for an unreadable paper and
    :class:`~citecheck.errors.CacheError` for an unusable cache; a dead server or a
    garbled footnote is a finding, never an exception.
    """
    return verify_with_references(paper, options, progress=progress, log=log, fetcher=fetcher)[0]


# ------------------------------------------------------------------- outputs


def display_name(path: Path) -> str:
    """How a report names its paper: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def bundled_seed() -> Path:
    """The seed paper shipped with citecheck (found next to the package or in the repo)."""
    from .errors import InputError

    name = "china-latin-america-green-cooperation-2022.txt"
    here = Path(__file__).resolve().parent
    for base in (here, *here.parents[:3]):
        candidate = base / "seeds" / name
        if candidate.is_file():
            return candidate
    raise InputError(
        f"no PAPER given and the bundled seed seeds/{name} was not found; pass a paper to verify"
    )


def safe_stem(paper: str | Path) -> str:
    """A file-name stem from a paper's name that cannot leave its directory.

    >>> safe_stem("../../etc/passwd")
    'passwd'
    >>> safe_stem("papers/My Paper (final).v2.txt")
    'My-Paper-final-.v2'
    >>> safe_stem("..")
    'paper'
    """
    name = str(paper).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    stem = unicodedata.normalize("NFKC", stem)
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.UNICODE)
    stem = stem.strip(".-_ ")[:100]
    if not stem or stem in (".", ".."):
        return "paper"
    return stem


def _inside(directory: Path, name: str) -> Path:
    target = (directory / name).resolve()
    if target.parent != directory.resolve():
        raise UsageError(f"refusing to write outside {directory}: {name}")
    return target


#: File suffixes of the papers citecheck reads: two of them sharing a stem in one directory
#: (``paper.md`` and ``paper.tex``) would write the same report names.
PAPER_SUFFIXES = frozenset(
    ".txt .text .md .markdown .mdown .qmd .rmd .tex .latex .ltx .bib .bibtex .pdf .docx".split()
)


def report_stem(paper: str | Path) -> str:
    """The stem every output of ``paper`` is named with: :func:`safe_stem`, plus the paper's
    suffix when another paper with the same stem sits beside it, so their reports never collide.

    >>> report_stem("no/such/dir/paper.md")
    'paper'
    """
    path = Path(paper)
    stem = safe_stem(path)
    suffix = path.suffix.lower()
    try:
        siblings = [
            other
            for other in path.parent.glob(glob_escape(path.stem) + ".*")
            if other.suffix.lower() in PAPER_SUFFIXES
            and other.suffix.lower() != suffix
            and other.stem == path.stem
        ]
    except OSError:
        siblings = []
    if siblings and suffix:
        return safe_stem(f"{path.stem}-{suffix.lstrip('.')}{path.suffix}")
    return stem


def glob_escape(text: str) -> str:
    """``text`` with the glob wildcards taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def output_paths(report: Report, options: VerifyOptions, paper: str | Path | None = None) -> dict[str, Path]:
    """Where :func:`write_outputs` writes each file (``"bib"``, each format, ``"junit"``).

    ``paper`` is the paper's path (default: the report's ``paper``, as the run named it).
    """
    from .bibliography import SUFFIXES

    stem = report_stem(paper if paper is not None else report.paper)
    paths: dict[str, Path] = {}
    suffix = SUFFIXES.get(options.bib_format.lower(), ".bib")
    paths["bib"] = _inside(Path(options.bib_dir), stem + suffix)
    for fmt in options.formats:
        paths[fmt] = _inside(Path(options.report_dir), stem + FORMATS[fmt])
    if options.junit is not None:
        paths["junit-file"] = Path(options.junit)
    return paths


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except (OSError, ValueError):  # a name no file system accepts (NUL) is no existing input
        return False


def refuse_overwriting_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Raise :class:`~citecheck.errors.UsageError` when an output would replace an input file
    (the paper, the configuration, a WARC replayed) or two outputs share one name."""
    seen: list[Path] = []
    inputs = [Path(p) for p in inputs]
    for out in outputs:
        for source in inputs:
            if _same_file(out, source):
                raise UsageError(
                    f"refusing to overwrite the input {source} with an output; choose another directory"
                )
        for other in seen:
            if _same_file(out, other):
                raise UsageError(f"two outputs would be written to {out}; choose other directories or names")
        seen.append(out)


def render_outputs(report: Report, references: Iterable[Reference], options: VerifyOptions) -> dict[str, str]:
    """The text of every file :func:`write_outputs` writes, by the keys of :func:`output_paths`."""
    from .bibliography import export
    from .bibliography.verified import archived_copies, verified_references

    rendered: dict[str, str] = {
        "bib": export(
            verified_references(references, report.checks),
            options.bib_format,
            archived=archived_copies(report.checks),
        )
    }
    for fmt in options.formats:
        rendered[fmt] = render(report, fmt)
    if options.junit is not None:
        rendered["junit-file"] = render(report, "junit")
    # text a paper smuggled in as lone surrogates cannot be UTF-8: replace, never crash
    return {key: scrub(text) for key, text in rendered.items()}


def write_outputs(
    report: Report,
    references: Iterable[Reference],
    options: VerifyOptions,
    *,
    paper: str | Path | None = None,
) -> list[Path]:
    """Write the bibliography and every report; return the paths written.

    Everything is rendered first, then written file by file with
    :func:`~citecheck.fsutil.atomic_write`: a reader never sees a partial file.
    Raises :class:`~citecheck.errors.OutputError` (one line) when a directory cannot be written,
    and :class:`~citecheck.errors.UsageError` before writing anything when an output would
    replace an input (``paper``, default the report's, the config file, a replayed WARC).
    """
    paper = Path(paper if paper is not None else report.paper)
    paths = output_paths(report, options, paper)
    inputs = [paper, *options.from_warc]
    if options.config_file is not None:
        inputs.append(Path(options.config_file))
    baseline = report.options.get("baseline") if report.options else None
    if baseline:
        inputs.append(Path(baseline))
    refuse_overwriting_inputs(paths.values(), inputs)
    rendered = render_outputs(report, references, options)
    return [atomic_write(paths[key], text) for key, text in rendered.items()]


def exit_status(report: Report, fail_on: Iterable[FindingKind] | None = None) -> int:
    """0 when no finding is of a ``fail_on`` kind (default: broken, inconsistent), else 1.

    A finding a baseline accepted never counts."""
    from .findings import DEFAULT_FAIL_ON, failing

    return 1 if failing(report.findings, DEFAULT_FAIL_ON if fail_on is None else fail_on) else 0
