"""Where a host ends: the Public Suffix List (ICANN section), as bundled by ``publicsuffixlist``.

The list ships inside the package and is never fetched: reading it is pure (a package
resource, loaded once). Only the ICANN section counts, so ``github.io`` is a registrable
domain, and unknown top-level labels are *not* suffixes, so ``www.xinhuanet`` (a host cut
before its ``.net``/``.com``) is recognised as incomplete.

>>> suffix_length(["law", "ox", "ac", "uk"])
2
>>> suffix_length(["www", "xinhuanet"])
0
>>> registrable(["oglobo", "globo", "com"]), registrable(["world"])
(True, False)
>>> dotless_splits("sasacgovcn")
[('sasac', 'gov.cn')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import publicsuffixlist
from publicsuffixlist import PSLFILE, PublicSuffixList

from ... import recache
from ...pycache import file_key, load_or_build, pycache_path

__all__ = [
    "suffix_length",
    "registrable",
    "dotless_splits",
    "is_suffix",
    "is_category",
    "country_suffixes_of",
    "is_new_gtld",
]

#: A host has at most this many labels worth testing against the list (the list's deepest rule has 5).
_MAX_SUFFIX_LABELS = 6
_SERVICE = recache.compile(r"www\d{0,2}")
#: A dotless suffix (``govcn``) is only split off a label when it is at least this long, so a
#: short accidental ending (``...aco`` = ``a.co``?) never counts as evidence.
_MIN_DOTLESS = 4
#: A label is a registry category (``gov``, ``com``, ``ac``) when this many top-level domains
#: put it before themselves as a public suffix (``gov.cn``, ``gov.br``, …).
_CATEGORY_MIN_TLDS = 12
#: bumped when what :class:`_Knowledge` holds changes, so an installation's stored copy is rebuilt
_KNOWLEDGE_VERSION = 1


@dataclass(frozen=True)
class _Knowledge:
    """What this module reads off the list, built from its ICANN section in one pass."""

    psl: PublicSuffixList
    #: ``"govcn"`` -> ``("gov.cn",)``: the multi-label plain rules, dots dropped
    dotless: dict[str, tuple[str, ...]]
    #: the top-level domains of ICANN's new-gTLD programme (the list's own block of them)
    new_gtlds: frozenset[str]
    #: second-level categories many registries use (``gov``, ``com``, ``ac``)
    categories: frozenset[str]


@cache
def _knowledge() -> _Knowledge:
    """Built once per installation and kept beside the byte code, keyed by the library's version
    and its bundled file (reading and indexing 7,000 rules costs every run about 20 ms)."""
    key = ("publicsuffixlist", publicsuffixlist.__version__, file_key(PSLFILE), _KNOWLEDGE_VERSION)
    return load_or_build(pycache_path("psl.pickle"), key, _build_knowledge)


def _build_knowledge() -> _Knowledge:
    rules = _icann_rules(_icann_section())
    dotless = _dotless_index(rules)
    return _Knowledge(_parse_psl(), dotless, _new_gtlds(rules), _categories(dotless))


def _psl() -> PublicSuffixList:
    return _knowledge().psl


def _parse_psl() -> PublicSuffixList:
    # Without the punycode twin of every rule (encoding 7,000 rules costs about three times the
    # parse itself): an ASCII-compatible label is decoded to Unicode before the look-up instead.
    # Given only the ICANN section (read once, below), the library parses two thirds of its file.
    return PublicSuffixList(_icann_section(), only_icann=True, accept_unknown=False, accept_encoded_idn=False)


def _unicode(name: str) -> str:
    """``xn--fiqs8s`` -> ``中国``: the list's rules are in Unicode (unchanged when not punycode)."""
    if "xn--" not in name:
        return name
    try:
        return ".".join(label.encode("ascii").decode("idna") for label in name.split("."))
    except (UnicodeError, ValueError):
        return name


def is_suffix(name: str) -> bool:
    """``name`` (dotted, lower case) is a public suffix the list knows (``co.uk``, ``com``).

    >>> is_suffix("com.cn"), is_suffix("xn--fiqs8s"), is_suffix("中国"), is_suffix("cn.com")
    (True, True, True, False)
    """
    return bool(name) and _psl().is_public(_unicode(name))


def suffix_length(labels: list[str]) -> int:
    """How many of the last ``labels`` form the longest public suffix the list knows (0: none)."""
    best = 0
    for k in range(1, min(len(labels), _MAX_SUFFIX_LABELS) + 1):
        if is_suffix(".".join(labels[-k:])):
            best = k
    return best


def registrable(labels: list[str]) -> bool:
    """The labels end in a known public suffix and hold a name before it.

    ``www`` (``www2``…) is a service label, never a name registered under a top-level domain:
    ``www.science`` is a host cut before its ``.org``. (A registry's own site under a category
    suffix is real: ``www.gov.cn``, ``www.gob.mx``.)

    >>> registrable(["www", "science"]), registrable(["www", "science", "org"]), registrable(["www", "gov", "cn"])
    (False, True, True)
    """
    n = suffix_length(labels)
    return 0 < n < len(labels) and (n > 1 or _SERVICE.fullmatch(labels[-n - 1]) is None)


@cache
def _icann_section() -> tuple[str, ...]:
    """The lines of the bundled list from its ``===BEGIN ICANN`` marker to its ``===END ICANN``
    marker, both included (the private section after them never counts here), read once."""
    lines: list[str] = []
    with open(PSLFILE, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if line.startswith("// ===BEGIN ICANN") or lines:
                lines.append(line)
            if line.startswith("// ===END ICANN"):
                break
    return tuple(lines)


def _icann_rules(section: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    """The plain rules of the list's ICANN section (no comments, wildcards or exceptions), each
    with whether it stands in the section's block of new gTLDs (2013 on)."""
    rules: list[tuple[str, bool]] = []
    new_gtld = False
    for line in section:
        if line.startswith("// newGTLDs"):
            new_gtld = True
        if line and not line.startswith(("//", "*", "!")):
            rules.append((line, new_gtld))
    return tuple(rules)


def _dotless_index(rules: tuple[tuple[str, bool], ...]) -> dict[str, tuple[str, ...]]:
    """``"govcn"`` -> ``("gov.cn",)``: the multi-label plain rules of the ICANN section, dots dropped."""
    index: dict[str, list[str]] = {}
    for rule, _new in rules:
        if "." not in rule or not rule.isascii() or "*" in rule:
            continue
        key = rule.replace(".", "")
        if len(key) >= _MIN_DOTLESS:
            index.setdefault(key, []).append(rule)
    return {k: tuple(v) for k, v in index.items()}


def _new_gtlds(rules: tuple[tuple[str, bool], ...]) -> frozenset[str]:
    """The top-level domains of ICANN's new-gTLD programme (2013 on): the list's own block of them."""
    return frozenset(rule for rule, new in rules if new and "." not in rule)


def is_new_gtld(label: str) -> bool:
    """``label`` is a top-level domain of the new-gTLD programme (``bbc``, ``sina``, ``app``), not a
    country code nor one of the older generic domains (``com``, ``org``, ``info``).

    >>> is_new_gtld("bbc"), is_new_gtld("com"), is_new_gtld("uk")
    (True, False, False)
    """
    return label in _knowledge().new_gtlds


def _categories(dotless: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """Labels that this many top-level domains put before themselves as a public suffix."""
    counts: dict[str, int] = {}
    for suffixes in dotless.values():
        for suffix in suffixes:
            labels = suffix.split(".")
            if len(labels) == 2:
                counts[labels[0]] = counts.get(labels[0], 0) + 1
    return frozenset(k for k, n in counts.items() if n >= _CATEGORY_MIN_TLDS)


def is_category(label: str) -> bool:
    """``label`` is a second-level category many registries use (``gov``, ``com``, ``ac``, ``gob``).

    >>> is_category("gov"), is_category("mofcom")
    (True, False)
    """
    return label in _knowledge().categories


def dotless_splits(label: str) -> list[tuple[str, str]]:
    """Ways to read a label that lost its dots as ``head`` + a multi-label public suffix.

    Longest suffix first (the list's own rule: the longest matching suffix wins). A
    single-label ending (``xinhuanet`` = ``xinhua`` + ``net``?) is never offered: a host cut
    before its top-level domain reads the same way, so it is no evidence.
    """
    index = _knowledge().dotless
    out: list[tuple[str, str]] = []
    for i in range(1, len(label)):
        for suffix in index.get(label[i:], ()):
            out.append((label[:i], suffix))
    return out


@cache
def country_suffixes_of(category: str) -> tuple[str, ...]:
    """Every two-label public suffix ``<category>.<country code>`` the list knows.

    >>> "gov.cn" in country_suffixes_of("gov") and "gob.mx" in country_suffixes_of("gob")
    True
    """
    found = {
        suffix
        for suffixes in _knowledge().dotless.values()
        for suffix in suffixes
        if suffix.startswith(category + ".")
        and len(suffix.split(".")) == 2
        and len(suffix.split(".")[1]) == 2
    }
    return tuple(sorted(found))
