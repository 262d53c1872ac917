"""Find the quantities in a text: numbers with their scale, unit or currency, and qualifiers.

Pure and linear-time: one scan for numerals, small anchored matches around each, and a
mask of what only looks like a quantity (years, dates, page, issue and footnote numbers,
phone numbers, ISBNs, DOIs, URLs, times, ordinals, codes such as ``COVID-19``). Those are
skipped, never returned, so they can never be compared.

>>> [(q.value, q.family, q.currency) for q in extract_quantities("The contract was worth 1.08亿美元。")]
[(Decimal('108000000.00'), 'currency', 'USD')]
>>> q = extract_quantities("a total installed capacity of 5181 74 MW.")[0]
>>> q.value, q.unit, q.notes[0][:33]
(Decimal('5181740000.00'), 'W', 'decimal point lost in extraction:')
>>> [q.raw for q in extract_quantities("On 16 July 2021 (p. 23), 2,162 emitters, tel. +86 10 6851 1234.")]
['2,162 emitters']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .. import recache
from ..model import Quantity
from .language import resolve
from .numerals import (
    CN_DIGIT_SET,
    needs_convention,
    parse_arabic,
    parse_chinese,
    parse_chinese_fraction,
)
from .numerals import (
    normalise_digits as _normalise_digits,
)
from .scales import SCALE_WORDS, chinese_scale, match_scale
from .units import (
    CURRENCY_PREFIX_LAST,
    PERCENT_FIRST,
    PREFIX_SCALES,
    TIME_SPANS,
    match_count,
    match_currency_prefix,
    match_currency_suffix,
    match_per_unit,
    match_percent,
    match_unit,
    noun_before,
    unit_starts_at,
)
from .words import WordNumber, find_words

_CN_NUM = "零〇一二两兩三四五六七八九十百千万萬亿億壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"
_NUM_RE = recache.compile(
    rf"(?=[\d{_CN_NUM}])"  # a leading character class lets the engine skip ahead fast
    rf"(?:(?P<cnfrac>[{_CN_NUM}]+分之(?:[{_CN_NUM}]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?))"
    r"|(?<![\d.,])(?P<ar>\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3}(?!\d))+(?:,\d+)?"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3}(?![\d]))+(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    rf"|(?P<cn>[{_CN_NUM}]+(?:点[零〇一二三四五六七八九]+)?))"
)

_MONTHS_EN = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_MONTHS_ESPT = (
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|"
    r"diciembre|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro"
)
_CN_D = "〇零一二三四五六七八九十两"
# What only looks like a quantity.  Patterns that start at a digit (or "+", "(", "[") run over
# the whole text (the regex engine skips quickly to those characters); patterns that start
# with a word (months, "p.", "vol.", "tel.", "ISBN", codes) are checked around each numeral.
_MASK_RE = recache.compile(
    r"(?=[\d+(\[（])(?<!\d)(?:"
    + "|".join(
        [
            r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{2,5}){1,4}",
            r"\(\d{2,4}\)\s?\d{3,4}[\s.-]?\d{3,4}",
            r"\d{3,4}-\d{3,4}-\d{3,4}(?!\d)",
            r"0\d{2,3}-\d{7,8}(?!\d)",
            r"97[89][-\s]\d{1,5}[-\s]\d{1,7}[-\s]\d{1,7}[-\s][\dX]",
            r"10\.\d{4,9}/\S+",
            r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)",
            r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?!\d)",
            r"\d{2,4}\s?年(?:\s?\d{1,2}\s?月)?(?:\s?\d{1,2}\s?[日号])?",
            r"\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?",
            r"\d{1,2}\s?[日号](?![元])",
            r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?",
            r"\d{1,6}\s?(?:期|卷|[页頁])",
            r"\[\d{1,4}(?:[,–-]\s?\d{1,4}){0,20}\]",
            r"\(\d{1,2}\)",
            r"（\d{1,2}）",
        ]
    )
    + ")"
)


# Checked on the text just before a numeral.  These run on the *reversed* window before the
# numeral with an anchored match, so the cost per numeral does not grow with the window.
def _rev(words: str) -> str:
    return "|".join(re.escape(w[::-1]) for w in sorted(words.split("|"), key=len, reverse=True))


_KEYWORDS = (
    "p|pp|page|pages|pág|págs|pag|página|páginas|vol|vols|volume|no|nos|nº|n°|n.º|núm|num|number|issue|iss|"
    "número|tomo|art|arts|article|artículo|artigo|section|sec|chapter|ch|cap|capítulo|table|tabla|tabela|"
    "figure|fig|figura|gráfico|note|notes|footnote|nota|notas|ref|annex|anexo|paragraph|para.|lei|ley|law|"
    "decree|decreto|resolution|resolución|resolução|phase|fase|line|línea|linha|route|ruta|isbn|issn|doi"
)
# One pattern per kind of look-alike, each tried only when a cheap necessary condition holds
# (one big alternation cost tens of microseconds per numeral, most of it in branches that
# could not match).  Any of them masks the numeral; ``_BEFORE_REST_REV`` is tried last because
# its final branch (start of a line) is not a mask by itself.
_BEFORE_MONTH_REV = recache.compile(
    rf"\s+,?\.?(?:{_rev(_MONTHS_EN)})\b"
    rf"|(?i:(?:\s+ed|\s+led)?\s+(?:{_rev(_MONTHS_ESPT)})\b)"
)
_BEFORE_KEYWORD_REV = recache.compile(rf"(?i:\s?[:#]?\s?\.?(?:{_rev(_KEYWORDS)})\b)")


def _last_chars(words: str) -> str:
    """A character class of the last characters of ``words`` ("|"-separated)."""
    return "[" + "".join(sorted({re.escape(w[-1]) for w in words.split("|")})) + "]"


# a keyword's last character after at most "\s?[:#]?\s?\.?" (same flags as the pattern it guards)
_KEYWORD_GUARD_REV = recache.compile(rf"(?i:\s?[:#]?\s?\.?{_last_chars(_KEYWORDS)})")
_PHONE_WORDS = "tel|phone|telephone|fax|tél|teléfono|telefone|fone|whatsapp"
_PHONE_WORDS_CN = "电话|傳真|传真|手机|電話"
_BEFORE_PHONE_REV = recache.compile(
    r"(?i:[\d\s().-]{0,12}[+(]?\s?[:：]?\s?\.?(?:" + _rev(_PHONE_WORDS) + r"))"
    r"|[\d\s().-]{0,12}[+(]?\s?[:：]?\s?(?:" + _rev(_PHONE_WORDS_CN) + r")"
)
# the phone pattern runs only when one of these words lies in the 40 characters before a numeral
# (the leading class, every first character under (?i), lets the search skip ahead fast)
_PHONE_WORD_RE = recache.compile(
    r"(?=[tTpPfFwW电傳传手電])(?:(?i:tel|tél|phone|fax|fone|whatsapp)|电话|傳真|传真|手机|電話)"
)
_BEFORE_ORDINAL_REV = recache.compile(rf"[\d{_CN_D}百千]*\s?第")
_REST_FIRST = frozenset("-_.,–/")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_BEFORE_REST_REV = recache.compile(
    r"[-_]?[A-Za-z]"
    r"|[.,]\d"
    # after "/" a numeral is part of a path, a fraction or a code, except after the sign of the
    # Peruvian sol, "S/ 1.200 millones" (matched here reversed: "/" then a lone "S")
    r"|\s?[-–]\s?\d|\s?_|\s?/(?!S(?![A-Za-z]))"
    r"|(?P<line>[ \t]*(?:\n|$))"
)
# checked on the text just after a numeral
_AFTER_MASK_RE = recache.compile(
    rf"(?:(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTHS_EN})\b"
    rf"|º?\s+de\s+(?i:{_MONTHS_ESPT})\b"
    r"|(?i:st|nd|rd|th|º|ª|er|ème)\b"
    r"|\s?[页頁期卷届屆]"
    r")"
)
_LIST_AFTER_RE = recache.compile(r"[.)、]\s")
_URL_RE = recache.compile(r"(?=[hHfFwW])(?:(?:https?|ftp)://|www\.)\S+", re.IGNORECASE)
_URLISH_RE = recache.compile(
    r"(?:https?:|ftp:|www\.|@|\.(?:com|org|net|gov|edu|cn|br|ar|mx|cl|pe|co|es|pt|int|info)\b|/\S*\d)",
    re.IGNORECASE,
)


_QUAL_BEFORE_WORDS = (
    "about|approximately|approx.|approx|around|roughly|some|circa|ca.|an estimated|estimated|nearly|almost|"
    "close to|just under|more than|over|above|exceeding|exceeded|exceeds|in excess of|upwards of|at least|"
    "no less than|less than|under|below|fewer than|up to|as many as|as much as|aproximadamente|cerca de|"
    "alrededor de|unos|unas|casi|más de|mas de|mais de|menos de|hasta|hasta un|al menos|por lo menos|"
    "superior a|supera|superó|supera los|até|quase|por volta de|em torno de|pelo menos|acima de|mais de um|"
    "cerca|aprox."
)
_QUAL_BEFORE_REV = recache.compile(rf"\s*({_rev(_QUAL_BEFORE_WORDS)})(?:$|[^\w])", re.IGNORECASE)
_QUAL_BEFORE_GUARD_REV = recache.compile(rf"\s*{_last_chars(_QUAL_BEFORE_WORDS)}", re.IGNORECASE)
_QUAL_CN = "约|大约|約|大約|近|将近|將近|接近|超过|超過|逾|超|多达|不到|不足|至少|最多"
_QUAL_BEFORE_CN_REV = recache.compile(f"({_rev(_QUAL_CN)})")
_QUAL_BEFORE_CN_LAST = frozenset(w[-1] for w in _QUAL_CN.split("|"))
_QUAL_WORDS = {
    "about": "about", "approximately": "about", "approx.": "about", "approx": "about", "around": "about",
    "roughly": "about", "some": "about", "circa": "about", "ca.": "about", "an estimated": "about",
    "estimated": "about", "aproximadamente": "about", "cerca de": "about", "cerca": "about",
    "alrededor de": "about", "unos": "about", "unas": "about", "por volta de": "about",
    "em torno de": "about", "aprox.": "about", "约": "about", "大约": "about", "約": "about", "大約": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly", "casi": "nearly",
    "quase": "nearly", "近": "nearly", "将近": "nearly", "將近": "nearly", "接近": "nearly",
    "more than": "more_than", "over": "more_than", "above": "more_than", "exceeding": "more_than",
    "exceeded": "more_than", "exceeds": "more_than", "in excess of": "more_than", "upwards of": "more_than",
    "más de": "more_than", "mas de": "more_than", "mais de": "more_than", "mais de um": "more_than",
    "superior a": "more_than", "supera": "more_than", "superó": "more_than", "supera los": "more_than",
    "acima de": "more_than", "超过": "more_than", "超過": "more_than", "逾": "more_than", "超": "more_than",
    "at least": "at_least", "no less than": "at_least", "al menos": "at_least", "por lo menos": "at_least",
    "pelo menos": "at_least", "至少": "at_least",
    "less than": "less_than", "under": "less_than", "below": "less_than", "fewer than": "less_than",
    "menos de": "less_than", "不到": "less_than", "不足": "less_than",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to", "hasta": "up_to", "hasta un": "up_to",
    "até": "up_to", "多达": "up_to", "最多": "up_to",
}  # fmt: skip
_QUAL_AFTER_RE = recache.compile(r"[ \u00a0]?(左右|上下|以上|以下|以内|多|余|餘|plus|or more|y pico|e pouco)")
_QUAL_AFTER_FIRST = frozenset("左上以多余餘poye")


def _qual_after(text: str, pos: int) -> re.Match | None:
    """``_QUAL_AFTER_RE`` at ``pos``, after a cheap test of the first character."""
    c = text[pos : pos + 1]
    if c in (" ", "\u00a0"):
        c = text[pos + 1 : pos + 2]
    return _QUAL_AFTER_RE.match(text, pos) if c in _QUAL_AFTER_FIRST else None


_QUAL_AFTER = {
    "左右": "about", "上下": "about", "以上": "more_than", "以下": "less_than", "以内": "up_to",
    "多": "more_than", "余": "more_than", "餘": "more_than", "plus": "more_than", "or more": "at_least",
    "y pico": "more_than", "e pouco": "more_than",
}  # fmt: skip
_RANGE_RE = recache.compile(r"[ \u00a0]?(?:-|–|—|~|～|至|到)[ \u00a0]?(\d+(?:[.,]\d+)?)(?![\d])")
_BETWEEN_REV = recache.compile(r"\s+(?:neewteb|ertne)\b", re.IGNORECASE)
_AND_RE = recache.compile(r"\s+(?:and|y|e)\s+(\d+(?:[.,]\d+)?)(?![\d])")
_LOST_DEC_RE = recache.compile(r"[ \u00a0](\d{1,2})(?![\d.,])")
_FRACTION_RE = recache.compile(r"/(\d{1,2})(?![\d/])")
_YEAR_CONTEXT_REV = recache.compile(
    r"\s*(?:"
    + _rev("in|since|from|by|until|till|of|year|years|en|em|desde|hasta|até|de|del|do|da|fiscal|FY")
    + r")\b",
    re.IGNORECASE,
)
_PERCENT_CN_PREFIX = "百分之"
_CN_BIG = frozenset("万萬亿億")
_CN_POSITIONAL = frozenset("十百千万萬亿億拾佰仟")
_ONE = Decimal(1)
# every character a (?i) pattern of Latin words can match, and [\s:#.], is below this one
# (ASCII, Latin-1, Latin Extended A/B: é, º, ı, ſ...), except Unicode spaces
_LATIN_END = "\u0250"


@dataclass(frozen=True)
class Hit:
    """A quantity with what the comparison needs to explain a mismatch.

    ``mantissa`` is the number as written before its scale word; ``digits`` its
    significant digits; ``alternatives`` other readings of ``quantity.value`` for
    damaged text (base units).
    """

    quantity: Quantity
    mantissa: Decimal
    digits: str
    has_decimal: bool
    scale: Decimal
    unit_factor: Decimal
    unit_symbol: str | None = None
    alternatives: tuple[Decimal, ...] = ()


def _may_follow_space(c: str) -> bool:
    """After whitespace, a month, "de" or "of" starts with a letter (or ",", "." before a month)."""
    return c.isspace() or c.isalpha() or c in ",."


# first characters of _AFTER_MASK_RE's branches, with every character its (?i) parts also accept
_AFTER_MASK_FIRST = frozenset("页頁期卷届屆ENRSTenrstªºÈèſ")


def _may_be_after_mask(text: str, end: int) -> bool:
    """Cheap necessary condition for ``_AFTER_MASK_RE`` to match at ``end``."""
    c = text[end : end + 1]
    if c.isspace():
        c2 = text[end + 1 : end + 2]
        return c2.isspace() or c2.isalpha() or c2 in _AFTER_MASK_FIRST
    return c != "" and c in _AFTER_MASK_FIRST


class _Mask:
    """Spans of the text that hold look-alike numbers (dates, phones, codes, URLs...)."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        spans = [(m.start(), m.end()) for m in _MASK_RE.finditer(text)]
        spans += [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
        spans.sort()
        for a, b in spans:
            if self.ends and a < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)  # merge overlaps so bisect finds the cover
            elif b > a:
                self.starts.append(a)
                self.ends.append(b)
        # Where numerals are dense, every place a phone word occurs (overlapping ones too:
        # "whatsapphone") is found once for the text; elsewhere searching the 40 characters
        # before each numeral costs less than scanning the whole text.  Same answers either way.
        self.phone_starts: list[int] | None = None
        self.phone_ends: list[int] = []
        if sum(map(text.count, "0123456789")) * _DENSE_DIGITS > len(text):
            self.phone_starts = []
            m = _PHONE_WORD_RE.search(text)
            while m:
                self.phone_starts.append(m.start())
                self.phone_ends.append(m.end())
                m = _PHONE_WORD_RE.search(text, m.start() + 1)

    def _phone_word_before(self, start: int) -> bool:
        """A phone word lies wholly in the 40 characters before ``start``."""
        starts = self.phone_starts
        if starts is None:
            return _PHONE_WORD_RE.search(self.text, max(0, start - 40), start) is not None
        if not starts:
            return False
        i = bisect.bisect_left(starts, start - 40)
        while i < len(starts) and starts[i] < start:
            if self.phone_ends[i] <= start:
                return True
            i += 1
        return False

    def covers(self, start: int, end: int) -> bool:
        """Whether the numeral at ``start:end`` only looks like a quantity.

        Each look-behind pattern runs only when the character before the numeral can end
        what it matches (the same answers as running them all, with fewer calls)."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        text = self.text
        if start:
            c = text[start - 1]
            # the 40 characters before the numeral, reversed (one slice)
            rev = text[start - 1 : start - 41 if start > 40 else None : -1]
            space = c.isspace()
            if space and _may_follow_space(rev[1:2]) and _BEFORE_MONTH_REV.match(rev):
                return True
            if (c < _LATIN_END or space) and _KEYWORD_GUARD_REV.match(rev) and _BEFORE_KEYWORD_REV.match(rev):
                return True
            if self._phone_word_before(start) and _BEFORE_PHONE_REV.match(rev):
                return True
            if "第" in rev and _BEFORE_ORDINAL_REV.match(rev):
                return True
            bm = _BEFORE_REST_REV.match(rev) if space or c in _REST_FIRST or c in _ASCII_LETTERS else None
        else:
            c = rev = ""
            bm = _BEFORE_REST_REV.match(rev)  # the start of the text: a line starts here
        if bm:
            if bm.group("line") is None:
                return True
            # a numeral at the start of a line is a list or note number when "." or ")" follows
            if (start < 40 or bm.end() < len(rev)) and _LIST_AFTER_RE.match(text, end):
                return True
        if _may_be_after_mask(text, end) and _AFTER_MASK_RE.match(text, end):
            return True
        # inside an e-mail address or a domain name with a path ("mofcom.gov.cn/article/2021")
        if c in _URL_BEFORE:
            left = text.rfind(" ", max(0, start - 120), start)
            token = text[
                left + 1 : text.find(" ", end, end + 120)
                if text.find(" ", end, end + 120) != -1
                else end + 120
            ]
            return _URLISH_RE.search(token) is not None
        return False


_URL_BEFORE = frozenset("/@.=?&_")
# a text with more than one digit in this many characters has its phone words indexed (about
# where one search per numeral starts to cost more than one scan of the whole text)
_DENSE_DIGITS = 32


Language = str | Callable[[], str] | None


def extract_quantities(text: str, lang: Language = None) -> list[Quantity]:
    """All comparable quantities in ``text``, in order.

    ``lang`` decides how ``1,234``/``1.234`` are read: a language or a tag as a document
    declares it ("en", "zh", "es", "pt-BR"), a callable that gives one when first needed
    (:class:`~citecheck.figures.language.LanguageOnDemand`), or None: guessed from the whole
    of ``text``, and only if some numeral reads differently in the two conventions.
    """
    return _scan(text, lang, detail=False)


def extract_hits(text: str, lang: Language = None) -> list[Hit]:
    """Like :func:`extract_quantities`, with the extra detail the comparison uses."""
    return [Hit(*parts) for parts in _scan(text, lang)]


# What _read finds, in the field order of Hit: quantity, mantissa, digits, has_decimal, scale,
# unit_factor, unit_symbol, alternatives (a plain tuple: extract_quantities needs only the
# Quantity, and building a frozen Hit per numeral costs as much as the Quantity).
_Parts = tuple[Quantity, Decimal, str, bool, Decimal, Decimal, "str | None", "tuple[Decimal, ...]"]


def _scan(text: str, lang: Language, detail: bool = True) -> list:
    """One left-to-right pass: each numeral not masked is read with its surroundings.

    Returns the :data:`_Parts` of each figure, or only its Quantity when not ``detail``
    (extract_quantities: no tuple per figure is kept, nor a second list built)."""
    if not text:
        return []
    lang_of = resolve(lang, text)
    norm = _normalise_digits(text)
    mask = _Mask(norm)
    hits: list = []
    covers = mask.covers
    # One finditer yields what repeated searches would (the match found at a place does not
    # depend on where the search started): a numeral inside what a reading consumed (万 of
    # 1万) is passed over, and only one that straddles its end needs a new search from there.
    finditer = _NUM_RE.finditer
    numerals = finditer(norm)
    consumed_to = 0
    while True:
        for m in numerals:
            start, pos = m.span()
            if start < consumed_to:
                if pos <= consumed_to:
                    continue
                numerals = finditer(norm, consumed_to)
                break
            if covers(start, pos):
                continue
            # a letter right after the numeral is never the plain case: straight to the full reading
            plain = (
                _read_plain(norm, start, pos, m.group(), text)
                if m.lastgroup == "ar" and not norm[pos : pos + 1].isalpha()
                else None
            )
            hit, consumed = plain if plain is not None else _read(norm, m, lang_of, text)
            if hit is not None:
                hits.append(hit if detail else hit[0])
            if consumed > pos:
                consumed_to = consumed
        else:
            break
    words = find_words(norm, lang_of)
    return _with_word_numerals(hits, words, norm, text, lang_of, covers, detail) if words else hits


class _WordMatch:
    """A number written in words, looking to :func:`_read` like a match of ``_NUM_RE``."""

    __slots__ = ("_span", "_text", "lastgroup", "value")

    def __init__(self, number: WordNumber):
        self._span = (number.start, number.end)
        self._text = number.text
        self.value = number.value
        self.lastgroup = "wdfrac" if number.kind == "fraction" else "wd"

    def span(self) -> tuple[int, int]:
        return self._span

    def group(self, _name=None) -> str:
        return self._text


def _with_word_numerals(hits: list, words: list[WordNumber], norm, text, lang_of, covers, detail) -> list:
    """``hits`` with the figures written in words merged in, in order (a phrase inside a
    figure already read, "mil" of "2 mil", is not read again)."""

    def span_of(hit):
        q = hit if not detail else hit[0]
        return q.start, q.end

    spans = [span_of(h) for h in hits]
    starts = [a for a, _ in spans]
    for number in words:
        i = bisect.bisect_right(starts, number.start) - 1
        if i >= 0 and spans[i][1] > number.start:
            continue
        if i + 1 < len(spans) and spans[i + 1][0] < number.end:
            continue
        if covers(number.start, number.end):
            continue
        hit, _ = _read(norm, _WordMatch(number), lang_of, text)
        if hit is not None:
            q = hit[0]
            k = bisect.bisect_left(starts, q.start)
            hits.insert(k, hit if detail else q)
            starts.insert(k, q.start)
            spans.insert(k, (q.start, q.end))
    return hits


# every character _QUAL_BEFORE_GUARD_REV accepts after its spaces, (?i) folds included (all of
# them are below _LATIN_END, which a test checks)
_QUAL_LAST_CHARS = frozenset(
    c for c in map(chr, range(ord(_LATIN_END))) if _QUAL_BEFORE_GUARD_REV.fullmatch(c)
)


def _context_before(norm: str, start: int) -> tuple[str, tuple[str, str, int] | None, str, str | None]:
    """What is written before the numeral at ``start``: the 40 characters before it, the
    currency symbol ending there (:func:`match_currency_prefix`), those characters without
    it, and the qualifier word before both.

    The currency and qualifier patterns run only when the last characters can end what they
    match (their own first tests, done here without a call): same answers, less work.

    >>> _context_before("It cost about US$ 5", 18)
    ('It cost about US$ ', ('USD', 'US$', 4), 'It cost about ', 'about')
    """
    before = norm[start - 40 : start] if start >= 40 else norm[:start]
    k = len(before)  # a currency symbol's last character, then at most a newline and one space
    if before[k - 1 : k] == "\n":
        k -= 1
    if before[k - 1 : k] in (" ", "\u00a0"):
        k -= 1
    cur = match_currency_prefix(before) if k and before[k - 1] in CURRENCY_PREFIX_LAST else None
    bare = before[: len(before) - cur[2]] if cur else before
    # a Chinese qualifier ends right before; a Latin one may have spaces after it
    if bare[-1:] in _QUAL_BEFORE_CN_LAST or bare.rstrip()[-1:] in _QUAL_LAST_CHARS:
        return before, cur, bare, _qualifier_before(bare)
    return before, cur, bare, None


def _qualifier_before(before: str) -> str | None:
    last = before[-1:]
    if last in _QUAL_BEFORE_CN_LAST:
        m = _QUAL_BEFORE_CN_REV.match(before[::-1])
        if m:
            return _QUAL_WORDS.get(m.group(1)[::-1])
    if not last or (last >= _LATIN_END and not last.isspace()):
        return None  # qualifier words end in Latin letters (or "."), whatever the case
    rev = before[::-1]
    if not _QUAL_BEFORE_GUARD_REV.match(rev):
        return None  # no qualifier word can end here (cheap test before the long alternation)
    m = _QUAL_BEFORE_REV.match(rev)
    if m:
        return _QUAL_WORDS.get(m.group(1)[::-1].lower())
    return None


@dataclass(slots=True)
class _Reading:
    """A numeral being read: what is known of it so far, completed step by step.

    ``start`` includes a currency symbol written before the numeral; ``before`` is the text
    just before it, ``bare`` the same without that symbol.
    """

    kind: str  # the _NUM_RE group: "ar" (digits), "cn" (Chinese numerals), "wd" (words)
    raw_num: str
    start: int
    end: int
    mantissa: Decimal
    precision: Decimal
    digits: str
    has_decimal: bool
    has_positional: bool = True
    grouping_space: bool = False
    scale: Decimal = _ONE
    scale_word: str | None = None
    before: str = ""
    bare: str = ""
    currency: str | None = None
    cur_symbol: str | None = None
    qualifier: str | None = None
    high_mantissa: Decimal | None = None
    family: str = "number"
    unit: str | None = None
    unit_factor: Decimal = _ONE
    unit_symbol: str | None = None
    notes: list[str] = field(default_factory=list)
    alternatives: list[Decimal] = field(default_factory=list)

    def parts(self, original: str) -> _Parts:
        """The :data:`_Parts` of the figure read, in base units (its Quantity first)."""
        scale, unit_factor = self.scale, self.unit_factor
        # (a factor times the Decimal 1 is that factor, digit for digit: one multiplication saved)
        factor = unit_factor if scale is _ONE else scale if unit_factor is _ONE else scale * unit_factor
        high = self.high_mantissa * factor if self.high_mantissa is not None else None
        # positional, in the field order of Quantity: cheaper, and this runs once per figure
        q = Quantity(
            self.mantissa * factor, self.family, original[self.start : self.end], self.start, self.end,
            self.unit, self.currency, self.qualifier, self.precision * factor, high, self.scale_word,
            tuple(self.notes),
        )  # fmt: skip
        alts = tuple(a * factor for a in self.alternatives) if self.alternatives else ()
        return (q, self.mantissa, self.digits, self.has_decimal, scale, unit_factor, self.unit_symbol, alts)


# What a step or a numeral reader returns when the reading is over: the figure's parts (None
# when it is not a figure) and where the scan may go on from.
_Done = tuple  # (_Parts | None, int)


def _read(norm: str, m: re.Match, lang_of: Callable[[], str], original: str) -> _Done:
    """Read the numeral ``m`` (plain digits were tried by :func:`_read_plain` first): the
    numeral itself, then each step of :data:`_STEPS` in order, until one ends the reading."""
    reading = _NUMERAL_READERS[m.lastgroup](norm, m, lang_of, original)
    if type(reading) is tuple:
        return reading
    for step in _STEPS:
        done = step(reading, norm, lang_of, original)
        if done is not None:
            return done
    return reading.parts(original), reading.end


# -- the numeral itself, by how it is written ------------------------------------------------


def _chinese_fraction(norm: str, m: re.Match, lang_of, original: str) -> _Done:
    """百分之五 / 三分之一 / 百分之41.1: a percentage, complete as written."""
    start, end = m.span()
    raw_num = m.group()
    den_txt, _, num_txt = raw_num.partition("分之")
    if num_txt[:1].isdigit():
        den = parse_chinese(den_txt)
        if not den or den[0] == 0:
            return None, end
        mantissa = Decimal(num_txt) * 100 / den[0]
        precision = Decimal(1).scaleb(-len(num_txt.partition(".")[2])) * 100 / den[0]
    else:
        value = parse_chinese_fraction(raw_num)
        if value is None:
            return None, end
        mantissa = value
        precision = Decimal("0.5") if den_txt != "百" else Decimal(1)
    percent = _Reading("cnfrac", raw_num, start, end, mantissa, precision, _digits_of(mantissa), False)
    percent.family, percent.unit = "percent", "%"
    _share_qualifiers(percent, norm)
    return percent.parts(original), percent.end


def _chinese_numeral(norm: str, m: re.Match, lang_of, original: str) -> _Reading | _Done:
    """一千五百 / 3.5亿 's 亿 / 十三: Chinese numerals, with a 万/亿 scale of their own."""
    start, end = m.span()
    run = m.group()
    if len(run) > 24:
        return None, end  # no figure is written with that many numeral characters
    if CN_DIGIT_SET.isdisjoint(run) and not run.startswith("十"):
        return None, end
    # keep 千 of 千瓦 / 千米 / 千克 with its unit
    while run and run[-1] == "千" and unit_starts_at(norm, start + len(run) - 1):
        run = run[:-1]
    end = start + len(run)
    if not run:
        return None, end
    if end < len(norm) and norm[end] in "年月日号":
        return None, end
    if norm[end : end + 1] in _CN_SHARE_WORDS:
        share = _chinese_share(norm, start, end, run, original)
        if share is not None:
            return share
    scale_chars = ""
    core = run
    stripped = run.rstrip("万萬亿億")
    if stripped and _CN_BIG.isdisjoint(stripped):
        scale_chars, core = run[len(stripped) :], stripped
    parsed = parse_chinese(core) if core else None
    if parsed is None:
        parsed = parse_chinese(run)
        scale_chars = ""
        if parsed is None:
            return None, end
    mantissa, precision = parsed
    return _Reading(
        "cn", run, start, end, mantissa, precision, _digits_of(mantissa), "点" in run,
        has_positional=not _CN_POSITIONAL.isdisjoint(run),
        scale=chinese_scale(scale_chars) if scale_chars else Decimal(1),
        scale_word=scale_chars.replace("萬", "万").replace("億", "亿") or None,
    )  # fmt: skip


# Shares of a whole in Chinese: 成 is a tenth (七成 = 70 %, rounded to tens of percent), 一半
# a half; 成员 (member) and 一成不变 (unchanging) are words, not shares.
_CN_SHARE_WORDS = {"成": 10, "半": 50}
_CN_SHARE_PRECISION = {"成": Decimal(10), "半": Decimal(5)}
_CN_TENTHS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SHARE_NOT = ("成员", "成不变")


def _chinese_share(norm: str, start: int, end: int, run: str, original: str) -> _Done | None:
    """七成以上 / 近三成 / 一半: a share as a percentage, with the qualifier before or after it."""
    word = norm[end]
    if word == "成" and (run not in _CN_TENTHS or norm.startswith(_CN_SHARE_NOT, end)):
        return None
    if word == "半" and run != "一":
        return None
    value = Decimal(_CN_TENTHS[run] * 10) if word == "成" else Decimal(50)
    end += 1
    share = _Reading("cn", run + word, start, end, value, _CN_SHARE_PRECISION[word], _digits_of(value), False)
    share.family, share.unit = "percent", "%"
    _share_qualifiers(share, norm)
    share.notes.append(f"share written in Chinese: {original[start : share.end]!r}")
    return share.parts(original), share.end


def _share_qualifiers(share: _Reading, norm: str) -> None:
    """The qualifier of a share read whole (约三分之一, 超过百分之四十, 七成以上): the word before it,
    else the one after it (which the share's text then includes)."""
    share.qualifier = _context_before(norm, share.start)[3]
    qa = _qual_after(norm, share.end)
    if qa:
        share.qualifier = share.qualifier or _QUAL_AFTER[qa.group(1)]
        share.end = qa.end()


def _number_in_words(norm: str, m: _WordMatch, lang_of, original: str) -> _Reading:
    """A number written in words: "two thousand", "cuarenta y cinco"."""
    start, end = m.span()
    mantissa = m.value
    return _Reading("wd", m.group(), start, end, mantissa, _ONE, _digits_of(mantissa), False)


# A share written in words is a rounded statement: "a third" stands for 30-36 %, so it admits
# 5 % of its value either side (a qualifier before it widens that, as for any figure).
_FRACTION_WORD_PRECISION = Decimal("0.1")


def _fraction_in_words(norm: str, m: _WordMatch, lang_of, original: str) -> _Done:
    """A share of a whole in words ("two thirds", "un tercio", "metade"): a percentage,
    complete as written, with the qualifier before it ("about a third")."""
    start, end = m.span()
    mantissa = m.value.quantize(Decimal("0.01"))  # as a fraction in digits is read ("1/3": 33.33%)
    share = _Reading(
        "wdfrac",
        m.group(),
        start,
        end,
        mantissa,
        mantissa * _FRACTION_WORD_PRECISION,
        _digits_of(mantissa),
        False,
    )
    share.family, share.unit = "percent", "%"
    share.qualifier = _context_before(norm, start)[3]
    share.notes.append(f"share written in words: {m.group()!r}")
    return share.parts(original), end


def _arabic_numeral(norm: str, m: re.Match, lang_of, original: str) -> _Reading | _Done:
    """1,234.5 / 1.234,5 / 1 234: digits, their separators read in the text's convention."""
    start, end = m.span()
    raw_num = m.group("ar")
    if norm[end : end + 1] in _DATE_TIME_AFTER:
        return None, end  # a date or a time of day, or a duration
    if len(raw_num) > 40:
        return None, end  # a digit string that long is a code or an identifier, not a figure
    if raw_num.isdigit():  # no separator: what parse_arabic would return, without its work
        return _Reading("ar", raw_num, start, end, Decimal(raw_num), _ONE, raw_num.strip("0") or "0", False)
    num = parse_arabic(raw_num, lang_of() if needs_convention(raw_num) else None)
    reading = _Reading("ar", raw_num, start, end, num.value, num.precision, num.digits, num.decimal)
    reading.grouping_space = any(c in raw_num for c in " \u00a0\u202f\u2009")
    if reading.grouping_space and " " in raw_num:
        reading.notes.append(f"spaces inside '{raw_num}' read as digit grouping: {num.value}")
    # letters glued before (B3W, COVID-19) are masked; glued after and not a unit: skip later
    return reading


_NUMERAL_READERS = {
    "cnfrac": _chinese_fraction,
    "cn": _chinese_numeral,
    "wd": _number_in_words,
    "wdfrac": _fraction_in_words,
    "ar": _arabic_numeral,
}


# -- the steps after the numeral, in order ---------------------------------------------------
# Each takes the reading, the normalised text, the language callback and the original text; it
# completes the reading in place and returns None, or returns a _Done that ends it.


def _context(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """What is written before: a currency symbol (US$ 5), a qualifier word (about 5); a numeral
    after 第 is an ordinal (第5), never a figure."""
    r.before, cur, r.bare, r.qualifier = _context_before(norm, r.start)
    if r.kind == "ar" and r.before[-1:] == "第":
        return None, r.end
    if cur:
        r.currency, r.cur_symbol, taken = cur
        r.start -= taken
        if r.cur_symbol in PREFIX_SCALES:  # MMUS$ 350: the scale is written in the symbol
            r.scale_word = PREFIX_SCALES[r.cur_symbol]
            r.scale = SCALE_WORDS[r.scale_word]
    return None


def _nothing_follows(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """Digits with separators and nothing after that could be a unit, scale, currency, range
    or fraction: a number, complete (plain digits took this path in _read_plain already)."""
    if r.kind == "ar" and r.cur_symbol is None and r.currency is None and _plain_end(norm, r.end):
        return r.parts(original), r.end
    return None


def _lost_decimal_point(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """A decimal point lost in extraction: "5181 74 MW" read as 5181.74 (or 518174)."""
    raw_num, end = r.raw_num, r.end
    if r.kind != "ar" or r.has_decimal or r.grouping_space or "," in raw_num or "." in raw_num:
        return None
    ld = _LOST_DEC_RE.match(norm, end) if norm[end : end + 1] in (" ", "\u00a0") else None
    if ld and _something_follows(norm, ld.end(), r.currency is not None):
        frac = ld.group(1)
        joined = Decimal(f"{raw_num}.{frac}")
        concatenated = Decimal(raw_num + frac)
        r.notes.append(
            f"decimal point lost in extraction: '{raw_num} {frac}' read as {joined} "
            f"(could also be {concatenated})"
        )
        r.alternatives.append(concatenated)
        r.mantissa = joined
        r.precision = Decimal(1).scaleb(-len(frac))
        r.digits = (raw_num + frac).lstrip("0").rstrip("0") or "0"
        r.has_decimal = True
        r.end = ld.end()
    return None


def _arabic_fraction(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """A fraction of a whole, "1/3", is a percentage (33.33%); any other n/m is not a figure
    (a date, a score, a reference)."""
    end = r.end
    if r.kind != "ar" or r.has_decimal or norm[end : end + 1] != "/":
        return None
    fr = _FRACTION_RE.match(norm, end)
    if fr is None:
        return None
    den = int(fr.group(1))
    mantissa = r.mantissa
    if 0 < mantissa < den <= 12:
        value = (mantissa * 100 / den).quantize(Decimal("0.01"))
        percent = _Reading("ar", r.raw_num, r.start, fr.end(), value, Decimal("0.5"), _digits_of(value), True)
        percent.family, percent.unit, percent.qualifier = "percent", "%", r.qualifier
        percent.notes.append(f"fraction written as {int(mantissa)}/{den}")
        return percent.parts(original), fr.end()
    return None, fr.end()


def _range(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """A range, its upper end kept: "5-10 MW", "5 至 10", "between 5 and 10" (and not
    从5至10, a change from one value to another)."""
    if r.kind != "ar":
        return None
    end = r.end
    after = _next_chars(norm, end)[0]
    rg = _RANGE_RE.match(norm, end) if after in _RANGE_FIRST else None  # _may_be_range's test
    if (
        rg
        and not _FROM_CN_REV.match(r.bare[::-1])  # 从5至10亿元: from one value to another
        and _something_follows(norm, rg.end(), r.currency is not None, count=True)
    ):
        high = _arabic_value(rg.group(1), lang_of)
        if high > r.mantissa:
            r.high_mantissa = high
            r.end = rg.end()
    elif r.bare[-1:].isspace() and _BETWEEN_REV.match(r.bare[::-1]):
        am = _AND_RE.match(norm, end)
        if am:
            high = _arabic_value(am.group(1), lang_of)
            if high > r.mantissa:
                r.high_mantissa = high
                r.end = am.end()
    return None


def _more_than_before_scale(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """多/余 between the number and its scale means "more than": "100多万"."""
    after, follower = _next_chars(norm, r.end)
    if not (follower.isalpha() or follower in _PERCENT_SIGNS) or after not in _QUAL_AFTER_FIRST:
        return None
    qa = _QUAL_AFTER_RE.match(norm, r.end)  # _qual_after
    if qa and qa.group(1) in _MORE_THAN_AFTER:
        r.qualifier = r.qualifier or "more_than"
        r.end = qa.end()
    return None


def _suffix(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """What follows the number: a percent sign, or a scale word and then a unit, a currency
    or a counted noun."""
    end = r.end
    after, follower = _next_chars(norm, end)
    follows = follower.isalpha() or follower in _PERCENT_SIGNS  # _may_follow(norm, end)
    pc = match_percent(norm, end) if follows and after in PERCENT_FIRST else None
    if pc is None and r.before.endswith(_PERCENT_CN_PREFIX):
        pc = ("%", end)
    if pc:
        r.family, r.unit = "percent", pc[0] if pc[0] != "‰" else "%"
        if pc[0] == "‰":
            r.mantissa, r.precision = r.mantissa / 10, r.precision / 10
        r.end = pc[1]
        return None
    if r.kind in ("ar", "wd") and follows:
        sc = match_scale(norm, end, money=r.currency is not None, unit_follows=unit_starts_at)
        if sc:
            r.scale, r.scale_word = sc.multiplier, sc.word
            r.currency = r.currency or sc.currency
            end = sc.end
            follows = _may_follow(norm, end)
    qa = _qual_after(norm, end) if follows else None
    if qa and qa.group(1) in _MORE_THAN_AFTER:
        r.qualifier = r.qualifier or "more_than"
        end = qa.end()
        follows = _may_follow(norm, end)
    um = match_unit(norm, end) if follows else None
    if um is None and r.scale_word is not None and follows:
        um = _unit_after_of(norm, end)
    if um:
        r.family, r.unit, r.unit_factor, r.unit_symbol = um.family, um.unit, um.factor, um.symbol
        r.end = um.end
        return None
    cs = match_currency_suffix(norm, end) if follows else None
    if cs:
        r.currency = r.currency or cs[0]
        if r.cur_symbol == "$" and cs[0] != "USD":
            r.currency = cs[0]
        r.cur_symbol = r.cur_symbol if r.cur_symbol != "$" else None
        end = cs[1]
    if r.currency:
        r.family = "currency"
        if r.cur_symbol == "$":
            r.unit = "$"
            r.notes.append("a bare '$' may be US dollars or pesos")
        per = match_per_unit(norm, end) if norm[end : end + 2].lstrip(" ")[:1] in _PER_FIRST else None
        if per:  # US$0.05/kWh: a price, compared only with prices per the same thing
            r.family, r.unit, end = "price", per[0], per[1]
    else:
        cm = match_count(norm, end) if follows else None
        if cm:
            r.family, r.unit = "count", cm[0] or noun_before(norm, r.start)
            end = cm[1]
        elif r.kind == "wd" and end == r.end:
            noun = _sized_items(norm, end)
            if noun:  # the figure of each item is read on its own: this one ends here
                r.family, r.unit = "count", noun
    r.end = end
    return None


# a figure with its unit between a cardinal and what it counts: "twelve 4.2 MW turbines"
_ITEM_SIZE_RE = recache.compile(r"[ \u00a0]\d+(?:[.,]\d+)?")


def _sized_items(norm: str, end: int) -> str | None:
    """The noun a cardinal in words counts when the size of each item comes between them
    ("twelve 4.2 MW turbines", "twelve 4.2-MW turbines"): the noun after the item's unit."""
    m = _ITEM_SIZE_RE.match(norm, end)
    if m is None:
        return None
    pos = m.end() + (norm[m.end() : m.end() + 1] in (" ", "\u00a0"))
    um = match_unit(norm, pos)
    if um is None:
        return None
    after = um.end + (norm[um.end : um.end + 1] == "-")
    cm = match_count(norm, after)
    return cm[0] if cm else None


# Readings that are complete but not figures.  Each rule returns where the scan goes on from
# when the reading is not a figure, else None.


def _letters_glued_after(r: _Reading, norm: str) -> int | None:
    """5G, 3D, 75th: Latin letters glued to a number that are not its unit."""
    end = r.end
    if r.family == "number" and r.scale_word is None and end < len(norm):
        c = norm[end]
        if c.isascii() and c.isalpha():
            return end
    return None


def _number_words_alone(r: _Reading, norm: str) -> int | None:
    """Number words alone are words, not figures: "twenty", "two countries", "twenty years" (a
    scale word makes them one)."""
    if (
        r.kind == "wd"
        and r.scale_word is None
        and (r.family == "number" or (r.family == "count" and (r.mantissa < 10 or r.unit in TIME_SPANS)))
    ):
        return r.end
    return None


def _bare_chinese_numeral(r: _Reading, norm: str) -> int | None:
    """A bare Chinese numeral is a figure only with positional structure (十三, 一千五百): 一
    and 三五 are words."""
    if r.kind == "cn" and r.family == "number" and r.scale_word is None:
        if not r.has_positional or len(r.raw_num) < 2:
            return r.end
    return None


def _a_year(r: _Reading, norm: str) -> int | None:
    """2021, 1990: four digits from 1800 to 2100 with no unit, currency or scale (or a count
    whose words before say it is a year: "in 2020 projects")."""
    raw_num = r.raw_num
    if (
        r.family in ("number", "count")
        and r.kind == "ar"
        and r.scale_word is None
        and not r.has_decimal
        and len(raw_num) == 4
        and "," not in raw_num
        and " " not in raw_num
        and 1800 <= r.mantissa <= 2100
        and (r.family == "number" or _YEAR_CONTEXT_REV.match(r.bare[::-1]))
    ):
        return r.end
    return None


def _year_character(r: _Reading, norm: str) -> int | None:
    """2021年: a number followed by 年 is a year (or a count of years)."""
    end = r.end
    if end < len(norm) and norm[end] == "年" and r.family == "number":
        return end + 1
    return None


_NOT_FIGURES = (_letters_glued_after, _number_words_alone, _bare_chinese_numeral, _a_year, _year_character)


def _not_a_figure(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """The first rule of :data:`_NOT_FIGURES` that says the reading is not a figure ends it."""
    for rule in _NOT_FIGURES:
        resume = rule(r, norm)
        if resume is not None:
            return None, resume
    return None


def _unit_written_once(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """A unit written once, after the second value, belongs to both: "from 245 to 300 MW",
    "de 5 a 10 millones de dólares", "从5增至10亿元"."""
    if (
        r.family != "number"
        or r.scale_word is not None
        or r.currency is not None
        or r.high_mantissa is not None
    ):
        return None
    later = _changes_to(norm, r.bare, r.end, lang_of, original)
    if later is not None:
        yq, _, _, _, r.scale, r.unit_factor, r.unit_symbol, _ = later
        r.family, r.unit, r.currency, r.scale_word = yq.family, yq.unit, yq.currency, yq.scale_word
        r.notes.append(f"unit written once for both values: {original[r.start : yq.end].strip()!r}")
    return None


def _qualifier_after(r: _Reading, norm: str, lang_of, original: str) -> _Done | None:
    """A qualifier written after the figure: "5 MW 左右", "10万元以上"."""
    qa = _qual_after(norm, r.end)
    if qa and (qa.group(1) not in _MORE_THAN_AFTER or r.family in ("count", "number")):
        r.qualifier = r.qualifier or _QUAL_AFTER[qa.group(1)]
        r.end = qa.end()
    return None


_MORE_THAN_AFTER = frozenset(("多", "余", "餘"))
_PER_FIRST = frozenset("/pP每")

_STEPS = (
    _context,
    _nothing_follows,
    _lost_decimal_point,
    _arabic_fraction,
    _range,
    _more_than_before_scale,
    _suffix,
    _not_a_figure,
    _unit_written_once,
    _qualifier_after,
)


_RANGE_FIRST = frozenset("-–—~～至到")
# a change from one value to another: "from X to Y", "de X a Y", "de X para Y", "desde X hasta Y",
# "从X增至Y" (the words before X are matched on the reversed text before it)
_FROM_REV = recache.compile(r"\s+(?:" + _rev("from|de|desde|del") + r")\b", re.IGNORECASE)
_FROM_CN_REV = recache.compile(r"\s?[从由從]")
_TO_RE = recache.compile(r"[ \u00a0]+(?:to|a|para|hasta|até)[ \u00a0]+(?=\d)", re.IGNORECASE)
_TO_CN = "|".join(
    "增至 增加到 增加至 增长到 增长至 增長到 增長至 提高到 提高至 上升到 上升至 升至 降至 下降到 下降至 "
    "减少到 减少至 減少到 減少至 减至 減至 扩大到 扩大至 达到 到 至".split()
)
_TO_CN_RE = recache.compile(r"\s?(?:" + _TO_CN + r")\s?(?=\d)")
# the text before Y of "from X to Y": the change's first value, its unit and the word "to"
_CHANGE_BEFORE_RE = recache.compile(
    r"(?:(?i:\b(?:from|de|desde|del)\s+)\d[\d.,]*\s?[^\W\d]{0,12}\s?(?i:(?:to|a|para|hasta|até)\s+)"
    r"|[从由從]\d[\d.,]*\D{0,6}?(?:" + _TO_CN + r")\s?)$"
)


def in_change(text: str, start: int, end: int) -> bool:
    """Whether the figure at ``text[start:end]`` is one end of a change from one value to
    another ("from 245 to 300 MW", "de 5 a 10 millones", "从12亿千瓦时增至18亿千瓦时").

    >>> text = "Output grew from 1.2 to 1.8 TWh."
    >>> in_change(text, 17, 20), in_change(text, 24, 31)
    (True, True)
    >>> in_change("The plant has 300 MW.", 14, 20)
    False
    """
    before = text[max(0, start - 40) : start]
    rev = before[::-1]
    if _FROM_CN_REV.match(rev):
        return _TO_CN_RE.match(text, end) is not None
    if _FROM_REV.match(rev):
        return _TO_RE.match(text, end) is not None
    return _CHANGE_BEFORE_RE.search(before) is not None


def _changes_to(norm: str, bare: str, end: int, lang_of, original: str) -> _Parts | None:
    """The second value of "from X to Y" when the number ending at ``end`` is X and Y has a
    unit, scale or currency (X has none of its own); else None."""
    rev = bare[::-1]
    if _FROM_CN_REV.match(rev):
        to = _TO_CN_RE.match(norm, end)
    elif _FROM_REV.match(rev):
        to = _TO_RE.match(norm, end)
    else:
        return None
    if to is None:
        return None
    m = _NUM_RE.match(norm, to.end())
    if m is None or m.lastgroup != "ar":
        return None
    parts, _ = _read(norm, m, lang_of, original)
    if parts is None or (parts[0].family == "number" and parts[0].scale_word is None):
        return None
    return parts


_PERCENT_SIGNS = frozenset("%％‰")


def _next_chars(text: str, pos: int) -> tuple[str, str]:
    """The character at ``pos`` past one space, and past one space or hyphen: what the cheap
    tests of :func:`_may_be_range`, :func:`_qual_after`, ``match_percent`` (the first) and
    :func:`_may_follow` (the second) look at, found once for all of them.

    >>> _next_chars("5 MW", 1), _next_chars("5-MW", 1), _next_chars("5", 1)
    (('M', 'M'), ('-', 'M'), ('', ''))
    """
    c = text[pos : pos + 1]
    if c in (" ", "\u00a0"):
        c = text[pos + 1 : pos + 2]
        return c, c
    if c == "-":
        return c, text[pos + 1 : pos + 2]
    return c, c


def _may_be_range(text: str, end: int) -> bool:
    """Cheap necessary condition for ``_RANGE_RE`` at ``end``."""
    c = text[end : end + 1]
    if c in (" ", "\u00a0"):
        c = text[end + 1 : end + 2]
    return c != "" and c in _RANGE_FIRST


def _may_follow(text: str, pos: int) -> bool:
    """Whether a suffix (scale word, unit, currency, counted noun, percent, 左右/多...) can
    start at ``pos``: each starts with a letter (CJK included) or %, after at most one
    space or hyphen.  Lets a numeral followed by a digit or punctuation skip every matcher.

    >>> _may_follow("1万1万", 2), _may_follow("5 MW", 1), _may_follow("1, 2", 1)
    (False, True, False)
    """
    c = text[pos : pos + 1]
    if c in (" ", "\u00a0", "-"):
        c = text[pos + 1 : pos + 2]
    return c.isalpha() or (c != "" and c in "%％‰")


_DATE_TIME_AFTER = frozenset("年月日号號时時点分秒")


def _read_plain(
    norm: str, start: int, end: int, raw_num: str, original: str
) -> tuple[_Parts | None, int] | None:
    """The common case, read with the least work: digits only, no currency before, nothing
    after that could be a unit, scale, range or fraction.  None: take the general path
    (which gives the same answer for these, only slower)."""
    if not raw_num.isdigit() or len(raw_num) > 40:
        return None
    c = norm[end : end + 1]
    if c and c in _DATE_TIME_AFTER:
        return None, end  # a date or a time of day, or a duration
    if not _plain_end(norm, end):
        return None
    before, cur, _, qualifier = _context_before(norm, start)
    if before[-1:] == "第":
        return None, end
    if cur is not None:
        return None
    mantissa = Decimal(raw_num)
    if len(raw_num) == 4 and 1800 <= mantissa <= 2100:
        return None, end  # a year
    q = Quantity(
        mantissa * _ONE, "number", original[start:end], start, end, None, None, qualifier, _ONE, None, None, ()
    )  # fmt: skip
    return (q, mantissa, raw_num.strip("0") or "0", False, _ONE, _ONE, None, ()), end


_PLAIN_STOP = frozenset("%％‰-–—~～/多余餘")


def _maybe_unit_at(text: str, pos: int) -> bool:
    c = text[pos : pos + 1]
    if c in (" ", "\u00a0", "-"):
        c = text[pos + 1 : pos + 2]
    return c.isalpha() or c in "%％‰$€£¥"


def _plain_end(text: str, end: int) -> bool:
    """True when the text after a numeral cannot carry a unit, scale word, currency or range."""
    c = text[end : end + 1]
    if c == "":
        return True
    if c in (" ", "\u00a0"):
        c2 = text[end + 1 : end + 2]
        if c2.isdigit():
            ld = _LOST_DEC_RE.match(text, end)
            return not (ld and _maybe_unit_at(text, ld.end()))
        return not (c2.isalpha() or c2 in _PLAIN_STOP or c2 in "$€£¥")
    return not (c.isalpha() or c in _PLAIN_STOP)


_OF_RE = recache.compile(r"[ \u00a0](?:of|de|metric)[ \u00a0]")


def _unit_after_of(text: str, pos: int):
    """``4.5 billion tons of``/``mil millones de toneladas``: allow "of"/"de" before a unit."""
    mm = _OF_RE.match(text, pos, pos + 12)
    if mm:
        return match_unit(text, mm.end() - 1)
    return None


def _something_follows(text: str, pos: int, money: bool, count: bool = False) -> bool:
    # pure tests, so their order does not change the answer: cheapest and likeliest first
    return _may_follow(text, pos) and bool(
        match_unit(text, pos)
        or match_percent(text, pos)
        or match_scale(text, pos, money=money)
        or match_currency_suffix(text, pos)
        or (count and match_count(text, pos))
    )


def _arabic_value(raw: str, lang_of: Callable[[], str]) -> Decimal:
    """``parse_arabic(raw, lang).value``, without its work for digits only."""
    if raw.isdigit():
        return Decimal(raw)
    return parse_arabic(raw, lang_of() if needs_convention(raw) else None).value


def _digits_of(value: Decimal) -> str:
    s = format(value.normalize(), "f").replace(".", "").replace("-", "")
    return s.lstrip("0").rstrip("0") or "0"


def hit_for(quantity: Quantity, lang: Language = None) -> Hit:
    """Rebuild the comparison detail of a :class:`Quantity` made elsewhere (from its ``raw``)."""
    for h in extract_hits(quantity.raw, lang):
        if h.quantity.family == quantity.family:
            return Hit(
                replace(h.quantity, start=quantity.start, end=quantity.end, notes=quantity.notes or h.quantity.notes),
                h.mantissa, h.digits, h.has_decimal, h.scale, h.unit_factor, h.unit_symbol, h.alternatives,
            )  # fmt: skip
    return Hit(
        quantity, quantity.value, _digits_of(quantity.value), "." in quantity.raw, Decimal(1), Decimal(1)
    )
