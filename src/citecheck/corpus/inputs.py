"""Which papers a corpus run reads: paper files, directories (recursively) and manifest files.

A directory contributes every file whose suffix names a format citecheck reads; a manifest is a
text file listing one path per line (blank lines and ``#`` comments ignored; relative paths are
relative to the manifest). A file is read as a manifest when its suffix says so (``.manifest``,
``.list``, ``.lst``) or when every line it holds names an existing file.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "a.md").write_text("Claim.[^1]\\n\\n[^1]: Note.\\n")
>>> _ = (root / "notes.png").write_bytes(b"")
>>> [p.name for p in find_papers([root])]
['a.md']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError

#: Suffixes of the formats citecheck reads (text, Markdown, LaTeX, BibTeX, PDF, Word).
PAPER_SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".mdown",
        ".qmd",
        ".rmd",
        ".tex",
        ".latex",
        ".ltx",
        ".bib",
        ".bibtex",
        ".pdf",
        ".docx",
    }
)
#: Plain-text suffixes: such a file is a manifest when every line names an existing file.
PLAIN_SUFFIXES = frozenset({".txt", ".text", ""})
#: Suffixes that always mean "a list of papers".
MANIFEST_SUFFIXES = frozenset({".manifest", ".list", ".lst"})
_MANIFEST_PEEK = 1 << 20  # a manifest is a short text file; a longer file is a paper


def _manifest_lines(path: Path) -> list[str] | None:
    """The paths a manifest lists, or None when ``path`` is not a manifest."""
    if path.suffix.lower() in PAPER_SUFFIXES - PLAIN_SUFFIXES:
        return None  # a Markdown, LaTeX, BibTeX, PDF or Word file is a paper
    try:
        if path.stat().st_size > _MANIFEST_PEEK and path.suffix.lower() not in MANIFEST_SUFFIXES:
            return None
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    if path.suffix.lower() in MANIFEST_SUFFIXES:
        return lines
    if not lines or not all(_is_file(_resolve(path.parent, ln)) for ln in lines):
        return None
    return lines


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a line of prose is no path (too long, NUL bytes)
        return False


def _resolve(base: Path, line: str) -> Path:
    target = Path(line).expanduser()
    return target if target.is_absolute() else base / target


def _walk(directory: Path) -> list[Path]:
    found = [
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.suffix.lower() in PAPER_SUFFIXES
        and not any(x.startswith(".") for x in p.relative_to(directory).parts)  # .git, .venv, …
    ]
    return sorted(found)


def find_papers(inputs: Iterable[str | Path]) -> list[Path]:
    """Every paper the inputs name, in order, each once.

    Raises :class:`~citecheck.errors.InputError` (one line) for an input that does not exist,
    and when the inputs name no paper at all.
    """
    out: dict[Path, None] = {}

    def add(path: Path, seen: frozenset[Path]) -> None:
        if path.is_dir():
            for paper in _walk(path):
                out.setdefault(paper, None)
            return
        if not path.is_file():
            raise InputError(f"no such paper, directory or manifest: {path}")
        listed = _manifest_lines(path)
        if listed is None:
            out.setdefault(path, None)
            return
        key = path.resolve()
        if key in seen:
            return  # a manifest listing itself (or a cycle) adds nothing
        for line in listed:
            add(_resolve(path.parent, line), seen | {key})

    for item in inputs:
        add(Path(item), frozenset())
    if not out:
        raise InputError("the inputs name no paper (give papers, directories or a manifest file)")
    return list(out)


__all__ = ["MANIFEST_SUFFIXES", "PAPER_SUFFIXES", "find_papers"]
