"""Which language a text is written in, as far as reading its numerals needs.

The language decides one thing here: whether ``2.500`` and ``1,234`` group thousands
(English, Chinese) or mark decimals (Spanish, Portuguese and the rest of continental
Europe). The best evidence is what the document declares about itself (a page's
``<html lang>`` or ``Content-Language``; :func:`language_tag` reads such tags); the
fall-back is a guess from the whole text (:func:`guess_language`), which for a single short
sentence is the least reliable. Extraction asks for the guess only when a numeral is
ambiguous (:class:`LanguageOnDemand`), so texts whose numerals read the same in every
convention never pay for it.

>>> language_tag("pt-BR"), language_tag("zh_Hans_CN"), language_tag("EN"), language_tag("x-klingon")
('pt', 'zh', 'en', None)
>>> guess_language("O projeto emprega 2.500 trabalhadores.")
'pt'
>>> guess_language("该项目耗资三千五百万美元。")
'zh'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .. import recache

__all__ = ["COMMA_DECIMAL", "LanguageOnDemand", "guess_language", "language_tag"]

#: Languages whose numerals write the decimal mark as a comma and group with dots.
COMMA_DECIMAL = frozenset({"es", "pt", "fr", "de", "it", "nl", "ca", "gl", "ro", "pl", "ru", "tr", "id"})

# a primary language subtag: two or three letters (BCP 47, also as written with "_")
_TAG_RE = recache.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
_CJK_RE = recache.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER_RE = recache.compile(r"[^\W\d_]")
_SAMPLE = 3000  # characters the guess reads (spread over the text)
# The guesser tells English from Spanish and Portuguese, the languages whose numerals this
# package reads besides Chinese (which is told by its script); any other Latin-script text is
# read as the nearest of the three, which for the numeral convention is nearly always right.
_GUESSED = ("en", "es", "pt")
# Function words: a text's grammar, not its names. "Rio de Janeiro" or "Agência Brasil" in an
# English sentence sway a character model, never the count of "the", "of", "from".  Words
# that are function words in both groups ("a", "as", "no", "do", "e", "o" in names) are left out.
_ENGLISH_WORDS = frozenset(
    "the of and to in is are was were for on with by that this these those it its from at has have had be "
    "been will would which an or not but their than more also into over about after per while who".split()
)
_ROMANCE_WORDS = frozenset(
    "el la los las del al de y en que por para con una un es son fue se su sus más como pero entre sobre "
    "este esta hasta desde también os da das dos na nas nos em um uma é são foi seu sua mais mas até ao "
    "pelo pela também não".split()
)
_WORD_RE = recache.compile(r"[^\W\d_]+")


def language_tag(tag: str | None) -> str | None:
    """The primary language of a declared tag ("pt-BR" -> "pt"), lower case; None when the
    tag is missing, empty or not a language tag ("x-…", "*", "i-…" private tags included)."""
    if not tag:
        return None
    first = tag.split(",")[0]  # a Content-Language header may list several: the first leads
    m = _TAG_RE.match(first)
    if not m:
        return None
    primary = m.group(1).lower()
    return None if primary in ("x", "i", "und", "mul", "zxx") else primary


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's naive Bayes model, restricted to the guessed languages (loaded once; the
    model is read-only after this)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(_GUESSED))
    return identifier


def _sample(text: str) -> str:
    """Up to :data:`_SAMPLE` characters from the start, middle and end of a long text."""
    if len(text) <= _SAMPLE:
        return text
    third = _SAMPLE // 3
    mid = len(text) // 2
    return " ".join((text[:third], text[mid - third // 2 : mid + third // 2], text[-third:]))


def guess_language(text: str) -> str:
    """ "zh", "en", "es" or "pt", guessed from ``text`` (the whole document when possible).

    Chinese is told by its script (Han characters are at least a fifth of the letters).
    Otherwise function words decide between English and Spanish or Portuguese (names of
    places and bodies do not sway them), and a character n-gram model (py3langid) between
    Spanish and Portuguese, or among all three when function words are even (none, in
    "Abastece 3.500 residências."). A text without letters is taken as English.
    """
    sample = _sample(text)
    letters = len(_LETTER_RE.findall(sample))
    if not letters:
        return "en"
    cjk = len(_CJK_RE.findall(sample))
    if cjk * 5 >= letters or cjk > 200:
        return "zh"
    latin = _CJK_RE.sub(" ", sample) if cjk else sample
    words = _WORD_RE.findall(latin.lower())
    english = sum(1 for w in words if w in _ENGLISH_WORDS)
    romance = sum(1 for w in words if w in _ROMANCE_WORDS)
    if english > romance:
        return "en"
    ranked = _identifier().rank(latin)
    if romance > english:
        ranked = [pair for pair in ranked if pair[0] != "en"]  # Spanish or Portuguese: which is closer
    return ranked[0][0]


class LanguageOnDemand:
    """A text's language, guessed the first time it is asked for (never, for most texts).

    ``declared`` (a language or a tag) wins when it is given.

    >>> lang = LanguageOnDemand("A usina tem 1.200 MW.")
    >>> lang()
    'pt'
    >>> LanguageOnDemand("anything", "es-AR")()
    'es'
    """

    __slots__ = ("_known", "_text")

    def __init__(self, text: str, declared: str | None = None):
        self._text = text
        self._known = language_tag(declared)

    def __call__(self) -> str:
        if self._known is None:
            self._known = guess_language(self._text)
        return self._known


def resolve(lang: str | Callable[[], str] | None, text: str) -> Callable[[], str]:
    """A zero-argument callable for ``lang`` as the extraction functions accept it: a
    language (or tag), a callable giving one, or None (guess from ``text`` when needed)."""
    if callable(lang):
        return lang
    return LanguageOnDemand(text, lang)
