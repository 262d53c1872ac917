"""What a text names: the distinctive names (a project, a company, a programme, an agency) that
tell one story from another, and whether two texts speak of the same named things.

A bare *different* (a figure that is simply another value, with no miscopying to diagnose) is
evidence only when the claim and the source are about one thing. A page about another plant or
another programme states figures of the same kinds, so the rule :func:`names_disagree` asks that
the names agree: a name the claim gives must be in the source, and a name the source gives
beside its figure must be in the claim. Places, nationalities, months, units and currencies are
not distinctive (a paper names the country a page about its plant may never write), nor is a
sentence's first word (capitalised whatever it is).

A name is a capitalised word after a sentence's first ("Cauchari", "RenovAr", "Ullum") or an
acronym of three capitals or more ("YPF", "BYD"); it is found in another text as the start of a
word, accents and case folded, by its first five letters ("Belo Monte", "Resolución" and
"Resolution"), and a country or region in its other spellings (``places.PLACE_FORMS``).
"""

from __future__ import annotations

import unicodedata

from .. import recache
from ..references.vocabulary import MONTHS
from .places import PLACE_FORMS, name_in
from .units import match_unit

_WORD_RE = recache.compile(r"[^\W\d_]+")
_CJK_RE = recache.compile(r"[\u3400-\u9fff]")
# where a sentence (or a heading, a quotation, a bracket) starts: its first word is capitalised anyway
_STARTS = recache.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"«“‘'(\[]\s*)$")
_PREFIX = 5  # letters a name and its other spellings share ("Resolución", "Resolution")

# spellings of places as their first four letters: a nationality is written like its country
# ("Chinese", "chilenas", "argentino"), so it is no name of one story either
_PLACE_STEMS = frozenset(
    s[:4] for key, forms in PLACE_FORMS.items() for s in (key, *forms) if s.isascii() and len(s) >= 4
)
# the words of an authority's name and of its acts (a ministry, a secretariat of energy, a
# resolution, a decree): who states or rules on a figure, never the thing it is said of; as
# their first five letters, folded, in the four languages' spellings
_AUTHORITY_STEMS = frozenset(
    """minis secre resol decre gover gobie agenc commi comis counc conse
    depar offic ofici natio nacio feder presi energ mines minas econo trade comme comer
    finan forei exter affai asunt devel desar desen envir ambie indus agric custo aduan stati
    estad insti publi regul autho autor law ley lei""".split()
)
# currency codes, which are written in capitals like acronyms ("USD", "BRL")
_CURRENCY_CODES = frozenset("USD BRL ARS MXN CLP COP UYU PEN CNY RMB EUR GBP JPY".split())


def fold(word: str) -> str:
    """A word in lower case without its accents."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _not_distinctive(word: str) -> bool:
    """A place or a nationality, a month, a unit or a currency: said of many stories."""
    low = fold(word)
    if low[:4] in _PLACE_STEMS or low in MONTHS or low[:_PREFIX] in _AUTHORITY_STEMS:
        return True
    if word.upper() in _CURRENCY_CODES:
        return True
    unit = match_unit(word, 0)
    return unit is not None and unit.end == len(word)


def _acronym(word: str) -> bool:
    """Three to five capitals ("YPF", "BYD"): a name even as a sentence's first word (a longer
    run of capitals is a heading's word)."""
    return 3 <= len(word) <= 5 and word.isupper()


def _is_name(word: str) -> bool:
    return _acronym(word) or len(word) >= 3 and word[0].isupper() and any(c.islower() for c in word[1:])


def names(text: str) -> set[str]:
    """The distinctive names of a Latin-script text, folded (see the module docstring).

    >>> sorted(names("In 2019 the Chinese-built Cauchari solar park in Jujuy began operating."))
    ['cauchari', 'jujuy']
    >>> sorted(names("El parque eólico de YPF Luz en Chubut cuenta con 35 aerogeneradores."))
    ['chubut', 'luz', 'ypf']
    """
    found = set()
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if not _is_name(word):
            continue
        if not _acronym(word) and _STARTS.search(text, max(0, m.start() - 3), m.start()):
            continue
        if not _not_distinctive(word):
            found.add(fold(word))
    return found


def _latin(text: str) -> bool:
    """Whether a text is written in Latin script (more Latin letters than Chinese characters)."""
    cjk = len(_CJK_RE.findall(text))
    return sum(c.isascii() and c.isalpha() for c in text) > cjk


class NamedText:
    """A text's folded words, read once, to look names up in it."""

    def __init__(self, text: str):
        self.text = text
        self.latin = _latin(text)
        self._words = {fold(w) for w in _WORD_RE.findall(text)}
        self._prefixes = {w[:_PREFIX] for w in self._words}
        self.tokens: set[str] | None = None  # the comparison's words of the text, when it asks

    def holds(self, name: str) -> bool | None:
        """Whether the text names ``name`` (folded); None when it cannot tell: a text in
        another script, where only places have known spellings."""
        if name[:_PREFIX] in self._prefixes:
            return True
        if name[:4] in _PLACE_STEMS:
            return name_in(name[:5], self._words, self.text)
        return False if self.latin else None


def places(text: str) -> set[str]:
    """The countries and regions a text names (keys of ``places.PLACE_FORMS``): a capitalised
    word spelling one, or a Chinese form inside the text.

    >>> sorted(places("2021年中巴双边贸易额达1641亿美元"))
    ['brazi', 'china']
    >>> sorted(places("China accounts for 30% of Chile's exports"))
    ['chile', 'china']
    """
    found = set()
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if not word[0].isupper():
            continue
        low = fold(word)
        for key, forms in PLACE_FORMS.items():
            if low.startswith(key) or any(f.isascii() and low.startswith(f) for f in forms):
                found.add(key)
    if _CJK_RE.search(text):
        found.update(
            key for key, forms in PLACE_FORMS.items() if any(not f.isascii() and f in text for f in forms)
        )
    return found


def places_disagree(claim: NamedText, source_clause: str, source_sentence: str) -> bool:
    """The rule for a bare *different* said of a place: the source names a country or region
    the claim never names where it states its figure: in the figure's clause, else (a clause
    naming no place) in its sentence (China-Brazil trade, 中巴贸易额, against a claim's
    China-Latin America trade; a project in Panama against a claim's plant). Another clause's
    place is not the figure's ("China takes 39% of Chile's exports, followed by the United
    States with 16%")."""
    named = places(source_clause) or places(source_sentence)
    return any(claim.holds(key) is False for key in named)


def names_disagree(claim: NamedText, source: NamedText, source_sentence: str, previous: str = "") -> bool:
    """The rule for a bare *different*: the claim names something the source never names, or,
    when the claim names nothing the source names too, the source's sentence names something
    the claim never names; they tell two stories (the RenovAr programme's 147 projects against
    another programme's 215 proyectos; a claim's unnamed wind farm against YPF Luz's in Chubut).
    A name both give makes them one story, and the source's other names are its details (the
    Cauchari park's workers "de la provincia de Jujuy"). A source sentence that names nothing is
    said of what ``previous``, the sentence before it, names."""
    claimed = names(claim.text) if claim.latin else set()
    if any(source.holds(n) is False for n in claimed):
        return True
    if any(source.holds(n) for n in claimed):
        return False  # a name both give: one story, whatever else the source's sentence names
    if _latin(source_sentence):
        # a sentence that names nothing speaks of what the sentence before it names ("BYD
        # opened its factory in Campinas. The plant ... has 450 employees.")
        said_of = names(source_sentence) or (names(previous) if _latin(previous) else set())
        return any(claim.holds(n) is False for n in said_of)
    return False
