"""Guess a paper's format from its file name and its first characters.

>>> detect_format("\\\\documentclass{article}\\n\\\\begin{document}x\\\\footnote{y}")
'latex'
>>> detect_format("Text.[^1]\\n\\n[^1]: A note.")
'markdown'
>>> detect_format("@article{key,\\n  title = {T},\\n}\\n")
'bibtex'
>>> detect_format("ÿ «Title», Xinhua News Agency, June 8, 2019")
'text'
"""

from __future__ import annotations

import re

from .. import recache

FORMATS = ("auto", "text", "markdown", "latex", "bibtex", "lines")

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".qmd": "markdown",
    ".rmd": "markdown",
    ".tex": "latex",
    ".latex": "latex",
    ".ltx": "latex",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
}
_BIB_ENTRY = recache.compile(
    r"(?m)^[ \t]*@(?:article|book|inproceedings|incollection|misc|online|report|techreport|"
    r"phdthesis|mastersthesis|thesis|inbook|manual|unpublished|proceedings|booklet|electronic|"
    r"www|newsarticle|collection|conference|dataset|software|patent|periodical)\s*[{(]",
    re.I,
)
_LATEX = recache.compile(
    r"\\(?:documentclass|begin\{document\}|footnote(?:text)?\s*[\[{]|section\*?\{|bibitem\b)"
)
_MD_NOTE = recache.compile(r"(?m)^[ \t]{0,3}\[\^[^\]\s]{1,64}\]:")
_MD_INLINE = recache.compile(r"\^\[[^\]]{3,}\]")


def detect_format(text: str, path: str | None = None) -> str:
    """One of "text", "markdown", "latex", "bibtex" (never "lines": ask for it explicitly)."""
    if path:
        lower = str(path).lower()
        for ext, fmt in _EXTENSIONS.items():
            if lower.endswith(ext):
                return fmt
    head = text[:200_000]
    first = next(
        (ln.strip() for ln in head.splitlines() if ln.strip() and not ln.lstrip().startswith("%")), ""
    )
    if first.startswith("@") and _BIB_ENTRY.match(first):
        return "bibtex"
    entries = len(_BIB_ENTRY.findall(head))
    if entries:
        non_bib = sum(
            1
            for ln in head.splitlines()[:400]
            if ln.strip() and not ln.lstrip().startswith(("@", "%", "}")) and "=" not in ln
        )
        if non_bib <= max(3, 3 * entries):
            return "bibtex"
    if _LATEX.search(head):
        return "latex"
    # Markdown footnote definitions usually sit at the end of a long paper: look there too.
    tail = text[-200_000:] if len(text) > 200_000 else ""
    if _MD_NOTE.search(head) or _MD_INLINE.search(head) or _MD_NOTE.search(tail):
        return "markdown"
    return "text"
