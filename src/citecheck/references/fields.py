"""Field parsing: one reference's text in, a :class:`~citecheck.model.Reference` out.

Handles the machine-translated Chinese footnotes of the seed paper (``Wu Zhicheng, Li
Jiaxuan: "Title", published in "Journal", Issue 3, 2021, Page 23.``; ``«Title», Xinhua
News Agency, June 8, 2019``; garbled quotes and commas) as well as ordinary English
reference styles (APA, Chicago, Vancouver, IEEE...). Heuristic and pure: no network,
no disk, no global mutable state. The key is left empty; :func:`assign_keys` fills it.

>>> r = parse_reference('Wu Zhicheng, Li Jiaxuan: "The Correct View", published in '
...                     '"Research on International Issues", Issue 3, 2021, Page 23.')
>>> r.entry_type, r.authors, r.title, r.container, r.year, r.issue, r.pages
('article', ('Wu Zhicheng', 'Li Jiaxuan'), 'The Correct View', 'Research on International Issues', 2021, '3', '23')
>>> r = parse_reference("Golomb, S., & Baumert, L. (1965). Backtrack programming. J. ACM, 12, 516-524.")
>>> r.authors, r.title, r.container, r.volume, r.pages
(('Golomb, S.', 'Baumert, L.'), 'Backtrack programming', 'J. ACM', '12', '516-524')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Reference, Span, Url
from .dates import YEAR_RE, find_date, parse_access_date
from .names import _INITIAL, PARTICLES, looks_like_name, split_authors
from .titles import find_quoted_title
from .urls import characters_changed, url_in

__all__ = ["parse_reference", "MAX_PARSE_CHARS"]

#: Longer texts are not one reference; only this many characters are parsed (raw is kept whole).
MAX_PARSE_CHARS = 3000

_MARKER = re.compile(
    r"^\s*(?:\$\[?\\?\]?\\?(?:ddot|tilde)\{y\}\$?|\\(?:ddot|tilde)\{y\}|[ÿŷŸ§]+(?=\s|«|\"|“)|V(?=\s+[A-Z«\"“])"
    r"|[①-⑳㉑-㉟]|\[\^?\d{1,4}\]:?|\(\d{1,4}\)|\d{1,4}[.)](?=\s)|[¹²³⁰-⁹]+)\s*"
)
_COMMA_SPACE = re.compile(r"(?<=[a-z.]),(?=[A-Z])")
_SPACE_COMMA = re.compile(r"(?<=\w)\s+,(?=\s)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FULLWIDTH = str.maketrans({"，": ", ", "。": ". ", "：": ": ", "；": "; ", "（": " (", "）": ") "})
_GARBLE_SEP = re.compile(r"\s*[ÿŷŸ]+\s*")
_Y_AFTER_QUOTE = re.compile(
    r"(?<=[»\"”*])y(?=\s)|(?<=\b[A-Z]{2})y(?=\s)|(?<=\b[A-Z]{3})y(?=\s)|(?<=\b[A-Z]{4})y(?=\s)"
)
_DOI = re.compile(r"(?i)(?:\bdoi\s*:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{3,9}/[^\s,;]+[^\s,;.)\]])")
_ISBN = re.compile(r"(?i)\bISBN(?:-1[03])?:?\s*([\dXx][\d\sXx-]{8,16}[\dXx])")
_URL_LEAD = re.compile(
    r"(?i)(?:\[?online\]?\.?|retrieved(?:\s+[^,]{0,30}?)?\s+from|available\s+(?:at|from|online)|url|web|online|accessed\s+at)\s*:?\s*$"
)
_ACCESSED = re.compile(
    r"(?i)[\[(]?\s*\b(?:accessed|retrieved|viewed|consulted|last\s+accessed|cited|zugriff\s+am|consultado)(?:\s+on)?\s*:?\s*"
    r"(?P<d>[^\])]{4,40}?)\s*[\])]?(?=[.,;]|$|\s+(?:from|at)\b)"
)
_LOWER_WORD = re.compile(r"(?<![\w'’.-])[a-z][a-z]{3,}\b")
_NAME_GLUE = frozenset(
    "others della dell von der den van ter ten dos das del editors editor eds hrsg".split()
)
_ACCESS_WORDS = ("access", "retriev", "viewed", "consult", "cited", "zugriff")
_APA_DATE = re.compile(
    rf"[(\[]\s*(?:[A-Za-z]{{3,9}}\.?\s+(?:\d{{1,2}},?\s+)?)?(?P<y>{YEAR_RE})(?P<suf>[a-z])?(?:[,/-]\s*[^)\]]{{0,25}})?[)\]]\s*[.,:]?|\(\s*(?:n\.\s*d\.|in press|forthcoming)\s*\)\s*[.,]?",
    re.IGNORECASE,
)
_AUTHOR_YEAR = re.compile(rf"[,.]?\s+\(?(?P<y>{YEAR_RE})[a-z]?\)?(?:[.,:]\s+|\s+(?=[A-Z«\"“‘]))")
_YEAR_SENTENCE = re.compile(rf"^\s*\(?(?P<y>{YEAR_RE})[a-z]?\)?\s*[.,:]\s*")
_ABBREV_BEFORE_DOT = frozenset(
    "al vs eg ie cf etc no nos vol vols pp ed eds trans rev dr mr mrs ms prof st jr sr ph co inc ltd dept univ "
    "proc j int natl acad sci conf symp trans rep tech fig ch sec pt ser".split()
)
_PUBLISHED_IN = re.compile(
    r"^[\s,.;:*]*(?:(?:published|publish|pub\.?|printed|appeared|reprinted)\s+(?:in|on|at)\b|ed\.(?=\s*[«\"“])|in\s*:|in\b(?=\s*[«\"“]))\s*",
    re.IGNORECASE,
)
_ED_WORDS = r"(?:(?:gen\.?\s+|general\s+)?eds?|editors?|hrsg|coords?|dirs?|comps?|hgg|a\s+cura\s+di|sous\s+la\s+dir|éds?|org|orgs)"
_IN_EDITORS = re.compile(rf"^[\s,.;:]*In:?\s+(?P<eds>[^()]{{2,160}}?)\s*\({_ED_WORDS}\.?\)\s*[,.:]?\s*", re.I)
# "Daphne Ellis (trans.), Wagner, 24": a translator or editor credit before the container
_CREDIT_PAREN = re.compile(
    rf"^[\s,.;:]*(?P<eds>[A-Z][^()]{{1,80}}?)\s*\((?:{_ED_WORDS}|trans|tr|transl|trad)\.?\)\s*(?:[,.:]\s*|(?=\()|$)",
    re.I,
)
_IN = re.compile(r"^[\s,.;:]*In:?\s+", re.I)
_IN_EDITORS_ACM = re.compile(
    r"^[\s,.;:]*In:?\s+(?P<eds>[^()]{2,160}?),?\s+(?:eds?\.?|editors?|\(eds?\.?\))(?:\s*[,.:]\s*|\s+)", re.I
)
_NAMES_NEXT = re.compile(
    r"\s*(?:[A-Z][\w'’-]+,?\s+(?:[A-Z]\.\s?-?)+|(?:[A-Z]\.\s?-?)+\s*[A-Z][\w'’-]+)(?:\s*,|\s+and\b|\s*&)"
)
_QUOTED_CONTAINER = re.compile(r"^[\s,.;:]*[«\"“‘*]\s*(?P<c>[^«»\"“”*]{2,200}?)\s*[»\"”’*]")
# cities where many books are published: ", Paris, Éditions Galilée" is place and publisher
_PUBLISHING_CITIES = (
    "Paris|London|New York|Berlin|Madrid|Rom[ae]|Milano|Milan|Leipzig|Stuttgart|München|Munich|Frankfurt"
    "|Wien|Vienna|Barcelona|Lisboa|Lisbon|Amsterdam|Bruxelles|Brussels|Tokyo|Beijing"
)
_PUBLISHING_CITY = re.compile(_PUBLISHING_CITIES)
_CITY_STATE = re.compile(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s+[A-Z]{2}")  # "Ann Arbor, MI"
_CROSS_REF = re.compile(
    r"[A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+|\s+et\s+al\.?)\s*"
    r"(?=\[\d+\]|,\s*(?:pp?\.\s*)?\d+\s*[-–]\s*\d|\(\d{4}\))"
)
# Every alternative starts with a space, a punctuation mark or "(" / "*": the look-ahead lets the
# search skip letters at once instead of trying each alternative there.
# "R. Graham, M. Grotschel, and L. Lovasz" / "Tim Ingold": the editors named after a book title
_NAME_1 = r"(?:(?:[A-Z]\.[\s-]?)+[A-Z][\w'’-]+|[A-Z][\w'’-]+,?\s(?:[A-Z]\.\s?)+|[A-Z][a-z]+\s[A-Z][\w'’-]+)"
_NAME_LIST = _NAME_1 + r"(?:(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)" + _NAME_1 + r"){0,8}"
_CONTAINER_CUT = re.compile(
    r"(?=[\s,.;:(*])(?:"
    r"(?:,?\s+|\s*[,.;]\s*)(?:vol(?:ume)?s?\b\.?|nos?\b\.?|nr\.|issue\b|iss\.|pp?\.|pages?\b|edition\b|\d+(?:st|nd|rd|th)\s+ed|"
    r"Page\b|Pages\b|Edition\b|Issue\b|Heft\b|H\.\s*\d|Jg\.|Bd\.|s\.\s*\d|to appear\b|in press\b|forthcoming\b|"
    r"special issue\b|lecture notes\b|lncs\b|lnai\b|reprinted\b|submitted\b|published as\b|\d{4}\s+ed\b)"
    r"|[,.]?\s+\d+\s*(?:[(:;,.]|$)|[,.]?\s+\d+[A-Za-z]?\s*[-–]\s*\d|\s*\((?![A-Z][A-Z0-9'’-]+\))|\s\*\s|\s*\*\s*$"
    r"|[,;]\s*\d+\b(?!(?:st|nd|rd|th)\b)|[,.;]\s*$"
    r"|(?-i:,\s+(?:[A-Z][a-zA-Z'’.-]+\s?){1,3},\s+(?:[A-Z]{2}\b\.?|(?:The\s)?[A-Z][a-z]+\b)(?=\s*(?:[,.;]|$|\d|\(|[A-Z][a-z]+\.?\s+\d)))"
    r"|\s+\d{1,4}\s+(?=\d|pp\b|\()|(?-i:[,.]\s+[IVXLC]{2,}\b|\s+[IVXLC]{2,}(?=:\s*\d))|,?\s+[vp]\.?\s*\d|[.,]\s+(?:eds?|trans|translated|edited|hrsg)\b\.?"
    r"|\s+\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|,?\s+n[°º]\s*\d|,\s+(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?"
    r"|,\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre"
    r"|januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|setiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre"
    r"|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro)\b"
    r"|,\s+n\.\s*p\.|,\s+v\.\s|,\s+(?-i:(?:[IVXLC]\s){1,5}[IVXLC]\b)"
    r"|[,.?]\s+(?=(?-i:" + _NAME_LIST + r"),?\s+(?:eds?\.|editors?\b|(?-i:Eds)\b))"
    r"|\s+(?-i:January|February|March|April|June|July|August|September|October|November|December)\b"
    r"|[.,]?\s+suppl(?:ement)?\b|,\s+ahead\s+of\s+print|\.\s+web\b|[.,]\s+(?:trad|transl|tr)\b\.?"
    r"|,\s+(?=[^,()]{2,60}\((?:eds?|editors?|hrsg|trans)\.?\))|,\s+(?-i:[A-Z]\d{1,4})\b"
    r"|,\s+(?:" + _PUBLISHING_CITIES + r")\b(?=\s*[,:])"
    r"|,\s+(?:Department|Dept\.|Faculty|School\s+of|held\s+at|University\s+of|(?-i:[A-Z]\w+)\s+University)\b"
    r"|,\s+(?=[^,]{0,40}\b(?:Presses|[ÉE]ditions|Edizioni|Editorial|Editora|Press|Verlag|Publishers?|Publishing|Springer|Wiley|Elsevier|Kluwer|Addison|Prentice)\b)"
    r")",
    re.IGNORECASE,
)
_NOT_CONTAINER_WORDS = re.compile(
    r"(?i)[\W\d_]*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|fall|autumn|winter)[a-z]*\.?|"
    r"vol\.?|volume|pages?|pp?\.?|version|paper|no\.?|issue|accessed|available|retrieved|online)?[\W\d_]*"
)
_NOT_A_CONTAINER = re.compile(
    r"(?i)^(?:ph\.?\s*d|doctoral|master|m\.?\s*sc|diploma|bachelor|tech(?:nical)?\.?\s*(?:report|rep|memo)|report\b|"
    r"research report|working paper|manuscript|preprint|unpublished|personal communication|us patent|patent\b|"
    r"internet[- ]draft|submitted|draft\b|tr[- ]?\d|thesis|dissertation|habilitation|lecture notes\b|"
    r"edited\b|translated\b|trans\.|reprint|revised|dir\.|perf\.|\[|\(translated|with an? |introduction by|foreword|"
    r"accessed\b|available\b|retrieved\b|last modified|to appear|in press|forthcoming|ed\.\s|eds\.\s|\d+(?:st|nd|rd|th)\s+ed|"
    r"\d+(?:st|nd|rd|th|e|ère|nd)\.?\s+(?:\w+\.?\s+){0,2}(?:ed|edn|edition|version|vyd|aufl)\b|arxiv\b|"
    r"[\w.]+\s+patent\b|patent\b|tech\.?\s*rpt|edited\s+by|translated\s+by|tr\.\s|disponible\b|"
    r"(?:television|radio)\s+(?:program|broadcast)|mimeo|vol(?:ume)?\.?\s*\d+(?:st|nd|rd|th)?(?=[\s.,]|$)(?!\s+of\b)|prod\.\s|rev\.\s+ed\b|\d+\.\s+(?:vyd|aufl|ed)\b)"
)
_MONTH_START = re.compile(
    r"(?i)(?=[\s,.])[,.]?\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?:\s+|\()\d"
)
_DAY_BEFORE_MONTH = re.compile(r"[\s,.]+\d{1,2}$")
_LOCATION_PUBLISHER = re.compile(
    r"^[\s,.;(]*(?P<loc>[A-Z][\w'’.-]*(?:[ /-](?:(?:de|da|do|la|del|am|upon|on|sur|im)\s)?[A-Z][\w'’.-]*){0,3}"
    r"(?:\s\([A-Z]{2,3}\))?(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?){0,2})"
    r"\s*:\s*(?P<pub>[^,.;()]{2,80})"
)
_PUBLISHER_WORD = re.compile(
    r"(?i)\b(?:press|verlag|publishers?|publishing|publications|books|wiley|springer|elsevier|sage|penguin|routledge|"
    r"macmillan|mcgraw|addison|prentice|blackwell|pearson|norton|harper|random house|kluwer|dover|academic|"
    r"gallimard|taylor|francis|cambridge|oxford|siam|mit press|ams|acm press|ieee press|o'reilly|morgan kaufmann|"
    r"editions?|éditions|edizioni|editorial|editora|inc\.?|ltd\.?|gmbh|gruyter|brill|palgrave|hackett|knopf|"
    r"houghton|mifflin|doubleday|scribner|vintage|suhrkamp|rowohlt|hachette|flammarion|seuil|dunod|laterza|"
    r"einaudi|mondadori|feltrinelli|thames\s+(?:and|&)\s+hudson|little,\s+brown|[\w-]+\s+&\s+co)\b"
)
_REPORT_WORD = re.compile(
    r"(?i)\b(?:tech(?:nical)?\.?\s*(?:report|rep\.?|memo)|research report|working paper|report\b|white paper|"
    r"discussion paper|occasional paper|policy brief|memorandum|rr-\d)"
)
_THESIS_WORD = re.compile(
    r"(?i)\b(?:ph\.?\s*d\.?|doctoral|master'?s?|m\.?sc\.?|diploma|bachelor'?s?)\b.*\b(?:thesis|dissertation)|\bthesis\b|\bdissertation\b|\bdiss\."
)
_CONF_WORD = re.compile(
    r"(?i)\b(?:proc\.?|proceedings|conference|conf\.|symposium|symp\.|workshop|congress|meeting|colloquium)\b"
)
_NEWS_AGENCY = re.compile(
    r"(?i)\b(?:news agency|xinhua(?!net)|reuters|associated press|agence france|efe\b|ansa\b|tass\b|bloomberg news)"
)
_NEWSPAPER = re.compile(
    r"(?i)\b(?:daily|times|post|herald|gazette|tribune|news\b|newspaper|observer|guardian|journal\b(?=.*\bnews)|financial times)"
)
_WEBSITE = re.compile(
    r"(?i)\b(?:website|web site|network|net\b|xinhuanet|\.com|\.cn|\.org|portal|embassy|office|section|group|ministry|commission|administration)\b"
)
_OFFICIAL = re.compile(
    r"(?i)\b(?:resolution|declaration|action plan|plan\b|law\b|regulations?|opinions|notice|communiqu[eé]|constitution|white paper|measures|guidelines)\b"
)
_PAGES = re.compile(
    r"(?i)(?<![\w])(?:pp?\.|pages?|pgs?\.|seiten|s\.|págs?\.)\s*(?P<p>\d+[A-Za-z]?(?:\s*[-–—]+\s*\d+[A-Za-z]?)?)(?:\s*pages?\b)?"
)
_EDITION_PAGE = re.compile(r"(?i)\bedition\s+(?P<a>\d{1,3})\b|\b(?P<b>\d{1,3})\s+edition\b")
_BARE_RANGE = re.compile(r"(?<![\w/.:-])(?P<a>\d{1,6}[A-Za-z]?)\s*[-–—]+\s*(?P<b>\d{1,6}[A-Za-z]?)(?![\w/-])")
_COLON_RANGE = re.compile(r":\s*(?P<p>\d{1,6}(?:\s*[-–—]+\s*\d{1,6})?)\b")
_ISSUE_SEED = re.compile(
    r"(?i)\bIssue\s*(?P<i>\d{1,4})\b|\b(?P<y>" + YEAR_RE + r")\s+Issue\s+(?P<j>\d{1,4})\b"
)
_VOL = re.compile(r"(?i)\bvol(?:ume)?\.?\s*(?P<v>\d+[A-Za-z]?)")
_NO = re.compile(r"(?i)\b(?:no|nr|num|number|heft|h)\.?\s*(?P<n>\d+(?:[-/]\d+)?)\b")
_VOL_ISSUE = re.compile(r"(?<![\w.])(?P<v>\d{1,4})\s*\(\s*(?P<i>[\w./ -]{1,12}?)\s*\)")
_VANC = re.compile(
    r"(?P<y>"
    + YEAR_RE
    + r")[^;]{0,12};\s*(?P<v>\d{1,4})(?:\s*\((?P<i>[^)]{1,10})\))?\s*:\s*(?P<p>[\dA-Za-z]+(?:\s*[-–]\s*\d+)?)"
)
_VOL_COLON = re.compile(r"(?<![\w.(])(?P<v>\d{1,4})\s*:\s*(?P<p>\d+(?:\s*[-–]\s*\d+)?)")
_VOL_ISSUE_PAGES = re.compile(
    r"(?<![\w.])(?P<v>\d{1,4})\s*\([^)]{1,10}\)\s*:\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)"
)
_VOL_COMMA = re.compile(r"[,\s](?P<v>\d{1,4}),\s*(?P<p>\d{1,6}\s*[-–—]\s*\d{1,6})")


@dataclass
class _Parts:
    """Mutable scratch space while parsing one reference (never leaves this module)."""

    authors: tuple[str, ...] = ()
    et_al: bool = False
    editors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None
    publisher: str | None = None
    location: str | None = None
    date: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    edition: str | None = None
    url: Url | None = None
    access_date: str | None = None
    doi: str | None = None
    isbn: str | None = None
    published_in: bool = False
    hints: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: answers of _prefix_is_authors for this reference (the same prefix is asked about often)
    memo: dict[str, bool] = field(default_factory=dict)


_PDF_GLYPHS = "´¨˜ˆ↵"
_SPACING_ACCENT = re.compile(r"(?<=[a-z])([´¨˜ˆ])([AEIOUNaeiouny])(?=[a-z])")
_COMBINING = {"´": "\u0301", "¨": "\u0308", "˜": "\u0303", "ˆ": "\u0302"}


def _repair_pdf_glyphs(s: str) -> str:
    """Undo two PDF-extraction faults inside words: a spacing accent before its letter
    ("Arbel´aez" -> "Arbeláez", "Go¨del" -> "Gödel") and the "ff" ligature read as an arrow
    ("Ku↵ner" -> "Kuffner").

    >>> _repair_pdf_glyphs("P. Arbel´aez and J. Ku↵ner")
    'P. Arbeláez and J. Kuffner'
    """
    s = _SPACING_ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(2) + _COMBINING[m.group(1)]), s)
    return re.sub(r"(?<=[A-Za-z])↵(?=[a-z])", "ff", s)


# "Vrijen- hoek", "un- certain": a word hyphenated at a line end; "pre- and post-" stays
_BROKEN_WORD = re.compile(r"(?<=[a-z]{2})- (?!(?:and|or|und|et|to|bis|y|e|ou|oder)\b)(?=[a-z]{2})")


def _strip_marker(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"^\[[A-Za-z][^\]\s]{1,30}\]\s*", "", text)
    text = re.sub(r"^\d{1,3}\s+(?=[A-Z][\w'’-]+,\s|[A-Z]{2,})", "", text)  # "13 Cartier, E., ..."
    for _ in range(2):
        m = _MARKER.match(text)
        if not m or m.end() == 0:
            break
        text = text[m.end() :]
    return text


def _cut_url(s: str, p: _Parts) -> str:
    found = url_in(s)
    if found is None:
        return s
    a, b, url = found
    raw = s[a:b]
    if len(raw) < 6 and "/" not in raw:
        return s
    p.url = url
    after = s[b:]
    m = re.match(r"\s*\[[^\]]{4,40}\]", after)
    if m:
        p.access_date = parse_access_date(m.group(0))
        after = after[m.end() :]
    before = s[:a]
    lead = _URL_LEAD.search(before)
    if lead:
        before = before[: lead.start()]
    if p.url.repaired and "doi.org/10." in p.url.repaired and not p.doi:
        p.doi = p.url.repaired.split("doi.org/", 1)[1]
    return before.rstrip() + " " + after.lstrip()


def _cut(s: str, m: re.Match[str]) -> str:
    return (s[: m.start()].rstrip() + " " + s[m.end() :].lstrip()).strip()


def _prefix_is_authors(prefix: str, memo: dict[str, bool] | None = None) -> bool:
    """Text before a quoted title: empty, or an author list, possibly with an APA date.

    ``memo`` (one per reference) keeps the answers: the same prefix is asked about often.
    """
    if memo is None:
        return _prefix_is_authors_uncached(prefix)
    ans = memo.get(prefix)
    if ans is None:
        ans = memo[prefix] = _prefix_is_authors_uncached(prefix)
    return ans


def _prefix_is_authors_uncached(prefix: str) -> bool:
    if len(prefix) > 600:
        return False
    t = _APA_DATE.sub(" ", prefix).strip(" ,.:;") if "(" in prefix or "[" in prefix else prefix.strip(" ,.:;")
    if not t:
        return True
    for w in _LOWER_WORD.findall(t):
        if w not in _NAME_GLUE:
            return False
    names, _ = split_authors(t)
    if not names or len(names) > 30:
        return False
    if len(names) == 1 and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", names[0]):
        return False  # "U.S." is an abbreviation, not an author
    if not all(looks_like_name(n.replace(",", " ")) for n in names):
        return False
    if len(names) >= 2:
        shaped = [("," in n) or any(_is_initial_word(w.strip(".-")) for w in n.split()) for n in names]
        last = [w for w in names[-1].split() if w.lower() not in PARTICLES]
        if not shaped[-1] and len(last) == 1 and len(names[0].split()) >= 2:
            return False  # "James Gleick, Chaos": a one-word piece after a full name is a title
        if any(shaped[:-1]) and not shaped[-1] and len(last) != 2:
            return False  # "K. Chandy and J. Misra, Parallel Program Design": the last piece is a title
    return True


def _is_initial_word(word: str) -> bool:
    return bool(_INITIAL.match(word)) or (len(word) <= 2 and word[:1].isupper() and word.isalpha())


_DOTTED_INITIALS = re.compile(r"\b(?:[A-Z]\.){1,}[A-Z]$")
_SENTENCE_END = re.compile(
    r"[.?!](?=[\s\"”’']+(?:[^\s a-z]|(?i:in|arxiv|preprint|to appear|available|retrieved|http|doi)\b)|\s*$)"
)


def _word_before(s: str, i: int, extra: str) -> str:
    """The word that ends at offset ``i`` (letters, digits, ``_`` and ``extra``)."""
    j = i
    while j > 0 and (s[j - 1].isalnum() or s[j - 1] == "_" or s[j - 1] in extra):
        j -= 1
    return s[j:i]


def _sentence_ends(s: str, start: int = 0) -> list[int]:
    """Offsets of '.', '?' or '!' that end a sentence (not an initial or abbreviation)."""
    out = []
    for m in _SENTENCE_END.finditer(s, start):
        i = m.start()
        if s[i] == ".":
            word = _word_before(s, i, "'’-")
            if word.lower() in _ABBREV_BEFORE_DOT:
                continue
            if len(word) == 1 and word.isalpha():
                continue
            if _DOTTED_INITIALS.search(s[max(0, i - 12) : i]):
                continue  # U.S. / D.I.
        out.append(i)
    return out


_NAME_CONTINUES = re.compile(
    r"\s*(?:(?:and|&|und)\s+[A-Z]|(?:[A-Z]\.)|(?:(?:van|von|de|der|den|del|la|le|da|di|du|dos|ten|ter|mc)\s+)*"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s*(?:[,;]|\.(?:\s|$)|\band\s+[A-Z]|&|\(|$))"
)


def _author_end_by_sentence(s: str, memo: dict[str, bool] | None = None) -> int | None:
    """Where an author list that ends with '.' ends (Chicago, Vancouver, ACM styles)."""
    for m in re.finditer(r"\.(?=\s)", s[:800]):
        i = m.start()
        before = s[:i]
        word = _word_before(s, i, "'’")
        if word.lower() in ("al", "others", "eds", "ed", "editors"):
            return i if _prefix_is_authors(before, memo) else None
        if len(word) == 1 and word.isupper():
            inverted = _INVERTED_NAME_END.search(before, max(0, len(before) - 90)) is not None
            if _NAME_CONTINUES.match(s, i + 1) and (
                not inverted or re.match(r"\s*(?:and\s|&|[A-Z]\.|-[A-Z]\.)", s[i + 1 :])
            ):
                continue
            if _prefix_is_authors(before, memo):
                return i
            continue
        if re.fullmatch(r"[A-Z]{2,3}", word):
            if _prefix_is_authors(before, memo):
                return i
            continue
        if _prefix_is_authors(before, memo):
            return i
        return None
    return None


def _comma_style_authors(s: str) -> int:
    """Length of a comma-separated author list at the start of ``s`` (0 when there is none).

    "T. Imielinski, S. Viswanathan, Adaptive ..." and "Feferman, S., Transfinite ..." and
    "Hill, P. M. and Lloyd, J. W., The Godel ..." all end their author list with a comma.
    """
    parts = re.split(r"(,\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+|;\s+)", s[:800])
    pieces = [(parts[k], parts[k + 1] if k + 1 < len(parts) else "") for k in range(0, len(parts), 2)]
    end = 0
    pos = 0
    k = 0
    n_names = 0
    while k < len(pieces):
        piece, sep = pieces[k]
        if not sep:
            break
        name = piece.strip()
        em = re.search(r"(?i)\s*\(?\b(?:eds?|editors?|hrsg)\.?\)?$", name)
        if em and n_names and em.start() == 0:
            pos += len(piece) + len(sep)
            end = pos if "," in sep else end
            break  # "..., eds., Title"
        if em and em.start() > 0 and looks_like_name(name[: em.start()]):
            pos += len(piece) + len(sep)
            end = pos if "," in sep else end
            break  # "... Dietmar Saupe (Eds.), Title"
        if re.fullmatch(r"(?i)et\.?\s*al\.?", name) and n_names:
            pos += len(piece) + len(sep)
            end = pos if "," in sep else end
            k += 1
            continue
        if not looks_like_name(name) or len(name.split()) > 4:
            break
        single = len(name.split()) == 1 and not _is_initial_word(name.strip("."))
        nxt, nsep = pieces[k + 1] if k + 1 < len(pieces) else ("", "")
        given = nxt and nsep and all(_is_initial_word(w.strip(".-")) for w in nxt.replace(".", ". ").split())
        if (
            single
            and not given
            and n_names == 0
            and nsep
            and re.fullmatch(r"[A-Z][a-zà-ÿ]+(?: [A-Z]\.?)?", nxt.strip())
        ):
            given = True  # "Breakell, Sue, Perspectives ..."
        if single and given:
            pos += len(piece) + len(sep) + len(nxt) + len(nsep)
            k += 2
            n_names += 1
            if "," in nsep:
                end = pos
            continue
        has_init = any(_is_initial_word(w.strip(".-")) for w in name.split())
        if not has_init:
            if n_names or len(name.split()) < 2 or len(nxt.split()) < 3:
                break
        pos += len(piece) + len(sep)
        n_names += 1
        if "," in sep:
            end = pos
        k += 1
    return end


def _split_unquoted(s: str, p: _Parts) -> tuple[str, str]:
    """Split ``s`` into (authors text, remainder starting with the title); set a date if seen."""
    m = _APA_DATE.search(s, 0, 300)
    corporate = (
        m is not None
        and 3 <= m.start() <= 120
        and not re.search(r"[«»\"“”\d]|[a-z]\.\s", s[: m.start()].rstrip(". "))
        and s[:1].isupper()
        and s[: m.start()].count(",") <= 1
        and len(s[: m.start()].split()) <= 8
    )
    authors = m is not None and _prefix_is_authors(s[: m.start()], p.memo)
    if m and not authors and 8 <= m.start() <= 300 and m.group("y"):
        head = s[: m.start()].rstrip(" ,.")
        if (
            len(_SENTENCE_CASE_WORD.findall(head)) >= (1 if len(head.split()) <= 8 else 2)
            and not re.search(r"[«»\"“”]|[.:;]\s|\b[A-Z]\.|\bet al\b|\([A-Z]{2,}\)", head)
            and not re.match(r"[A-Z][\w'’-]+,\s+[A-Z]", head)
        ):
            # APA without an author: "Good chemistry. (1996, September). Magazine, 44(1), p. 8"
            p.year = int(m.group("y"))
            dm = find_date(m.group(0))
            p.date, p.year = (dm.iso, dm.year) if dm else (m.group("y"), p.year)
            p.title = head
            p.hints.append("title-first")
            return "", s[m.end() :]
    if m and (authors or corporate):
        if m.group("y"):
            p.year = int(m.group("y"))
            p.date = m.group("y")
            dm = find_date(m.group(0))
            if dm:
                p.date, p.year = dm.iso, dm.year
        return s[: m.start()], s[m.end() :]
    ym = _AUTHOR_YEAR.search(s, 0, 300)
    if ym and ym.start() > 2 and _prefix_is_authors(s[: ym.start()], p.memo):
        p.year = int(ym.group("y"))
        p.date = ym.group("y")
        return s[: ym.start()], s[ym.end() :]
    i = _author_end_by_sentence(s, p.memo)
    colon = re.search(r":\s", s[:200])
    if colon and (i is None or colon.start() < i) and _prefix_is_authors(s[: colon.start()], p.memo):
        if not re.search(r"\d", s[: colon.start()]) and len(s[: colon.start()].split()) <= 40:
            return s[: colon.start()], s[colon.end() :]
    if i is not None:
        keep = i + 1 if _is_initial_word(_word_before(s, i, "")) else i
        return s[:keep], s[i + 1 :]
    end = _comma_style_authors(s)
    if end and end < len(s):
        return s[:end], s[end:]
    return "", s


_NON_TITLE_SEGMENT = re.compile(
    r"(?i)^\s*(?:in\b|in:|to appear|submitted|paper\b|pp?\.|pages?\b|vol\b|vol\.|volume\b|no\.|proc\b|proc\.|proceedings\b|"
    r"journal\b|j\.|ieee\b|acm\b|lecture notes|lncs\b|tech(?:nical)?\b|ph\.?\s*d|thesis\b|dissertation\b|master|"
    r"preprint\b|manuscript\b|unpublished\b|personal communication|available\b|retrieved\b|\d|"
    r"eds?\.|tr\.|trans\.|edited\b|translated\b|working paper|[^,()]*\((?:eds?|trans|tr|ed\. and trans)\.?\))"
    r"|^[^,]{0,60}\b(?:IEEE|ACM|Proc|Proceedings|Conference|Conf|Symposium|Workshop|Trans|Journal|Review|Bulletin)\b"
)
_ABBREV_WORD = re.compile(r"\b(?:[A-Z][a-z]{0,4}|Trans|Bull|Assoc)\.(?=\s|$)")
_DATE_IN_TITLE = re.compile(
    rf"(?i)[,\s]\s*\(?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?{YEAR_RE}\)?\s*$"
)
_SUBTITLE_NEXT = re.compile(
    r"\s*(?:In:?\s|[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}(?:,\s*[A-Z]{2,}|,\s*[A-Z][a-z]+)?\s*:\s)"
)
_JOURNAL_ONLY = re.compile(
    r"^[\s,.;:]*(?P<j>(?:(?:[A-Z][A-Za-z&]{0,8}\.|[A-Z][a-z&]{0,4}|[A-Z][A-Z&]{1,8})\s+){0,5}"
    r"(?:[A-Z][A-Za-z&]{0,8}\.|[A-Z][a-z&]{0,4}|[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*))\s*,?\s*"
    r"(?:[A-Z]?\d{1,5}[A-Za-z]?|(?:1[89]|20)\d\d)\s*(?:\(\d+\))?\s*[,:;]?\s*(?:\(?\d{4}\)?\s*)?[A-Za-z]?\d+"
)
_TITLE_PAGES = re.compile(r"[\s,;-]+(?:Page|Pages|pp?\.)\s*\d+(?:\s*[-–]\s*\d+)?\s*$")
_CITY_ACRONYM = re.compile(r"(?P<loc>[A-Z][a-zé]+),\s+(?P<pub>[A-Z]{2,6})\b(?=\s*(?:[,.;]|$))")
_TAIL_LOCATION = re.compile(
    rf"^,\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    rf"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Spring|Summer|Fall|Autumn|Winter)\b)(?P<loc>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?)(?:,?\s*{YEAR_RE})?\s*\.?\s*$"
)
_CREDIT = re.compile(
    r"(?i)(?:trans(?:lated)?\.?|ed(?:ited)?\.?|eds\.|edited and translated|introd?\.?|tr\."
    r"|[üu]bersetzt von|traduction de|traduit par|trad\.|translation by|compiled by|review of"
    r"|dir\.|perf\.|prod\.)(?:\s+by)?\s+[A-Z]"
)
_LEADING_YEAR = re.compile(rf"\(?{YEAR_RE}[a-z]?\)?[.,:]\s+(?=[A-Z])")
_VOL_THESIS_SUFFIX = re.compile(
    r"[:,.]?\s*\b(?:vol(?:ume)?\.?\s*\d+\b.*|(?:ph\.?\s*d\.?|doctoral|master'?s?)\s+(?:thesis|dissertation)\b.*)$",
    re.I,
)
_ROMAN_PART = re.compile(r"\s*(?:[IVX]{1,4}|Part\s+[IVX\d]+)\s*$|\s*[IVX]{1,4}\.\s+[A-Z]")
_NOT_SUBTITLE = re.compile(
    r"(?i)\s*(?:edited|translated|trans\.|ed\.|eds\.|reprint|revised|dir\.|perf\.|introduction by|foreword|"
    r"with an? |\d+(?:st|nd|rd|th)\b|volume|vol\.|review of|paper presented|presented at)"
)
_MEDIA_SUFFIX = re.compile(
    r"\s*(?:\[[^\]]{2,40}\]|\((?:translated|trans\.|edited|ed\.|eds\.)[^)]{0,80}\))\s*$", re.I
)
_ED_SUFFIX = re.compile(
    r"(?i)\s*\((?:\d+\w*|second|third|fourth|revised|rev\.)\s*(?:edition|ed\.?|edn\.?)[^)]{0,12}\)\s*$"
)


_PAREN_CUT = re.compile(
    r"(?=[\s,(])(?![\s,]*\([^()]{1,40}\)\s+(?-i:[a-z]{3,}))"  # "Kelly's (1997) suggestion": the sentence goes on
    r"(?:\s*\((?=[A-Z][\w .'’-]*:)|\s+\((?=(?:pp?\.|vol|\d))"
    r"|\s*,?\s*\((?=[^()]*\b(?:Press|University|Publishers?|Verlag|Books|trans\.?|tr\.|eds?\.|edn|edition|dissertation|thesis|"
    r"report|brief|paper|ed\.|(?:1[5-9]|20)\d\d)\b[^()]*\)))",
    re.I,
)


_SERIAL_LIST = re.compile(r"[A-Z][^,.;:()]{1,40},\s+(?:and|&|or|und|et|y)\s+[A-Z]")


def _comma_cut(title: str, full: str) -> int | None:
    """First ", " in ``title`` after which the text (read on in ``full``) is container, date or pages."""
    for m in re.finditer(r",\s+", title):
        if m.start() < 8:
            continue
        seg = re.split(r",|\s\(", title[m.end() :], maxsplit=1)[0]
        seg_on = full[m.end() :].split(",", 1)[0].strip()
        if re.fullmatch(rf"\s*{YEAR_RE}\s*[-–]\s*\d{{1,4}}\s*", title[m.end() :]):
            continue  # "A History of Dartmouth College, 1815-1909": a period in the title
        if _SERIAL_LIST.match(full, m.end()):
            continue  # "Causation, Prediction, and Search": a list inside the title
        if _NON_TITLE_SEGMENT.match(seg) or _PUBLISHER_WORD.search(seg) or _ABBREV_WORD.match(seg_on):
            return m.start()
        if re.search(rf"\b{YEAR_RE}\b|\d+\s*[-–]\s*\d+|\(\d+\)", seg) and not re.match(
            r"\s*(?:and|or)\b", seg
        ):
            return m.start()
        if re.match(
            r"[A-Z][^,]{1,80},\s*(?i:\d|vol|pp|no\b|[vnp]\.\s*\d)", full[m.end() :]
        ) and not re.search(r"\.\s+[A-Z][a-z]{3,}", seg_on):
            return m.start()
        if (
            re.match(
                rf"[A-Z][a-zé]+,\s*(?:[A-Z]{{2,}}\b|{YEAR_RE}|[^,]{{0,30}}\b(?:Press|[EÉ]ditions?|Verlag|Publishers?)\b)",
                full[m.end() :],
            )
            and " " not in seg.strip()
        ):
            return m.start()  # "..., Paris, PUF" / "..., Paris, Éditions Galilée, 2003"
        if seg.lstrip().startswith("("):
            return m.start()
        if re.fullmatch(r"\s*[A-Z][\w.&'’ ]{0,60}\s\d{1,4}\s*", seg) and re.match(
            r"\s*[A-Z][\w.&'’ ]{0,60}\s\d{1,4}\s*(?:\(|,|$)", full[m.end() :]
        ):
            return m.start()  # "..., Computer 20 (1987)": a journal and its volume
    return None


def _title_from(rest: str, comma_style: bool) -> tuple[str, str]:
    """Take the title off the front of ``rest``; return (title, remainder)."""
    rest = rest.lstrip(" ,.;:")
    q = find_quoted_title(rest, max_prefix=3)
    if q is not None:
        return q[2], rest[q[1] + 1 :]
    ends = _sentence_ends(rest)
    k = 0
    end = ends[0] if ends else len(rest)
    # "Title. Subtitle. City: Publisher" / "Title. Subtitle. In Editors (Eds.), ...": keep the subtitle
    while k + 1 < len(ends):
        seg = rest[ends[k] + 1 : ends[k + 1]]
        if _ROMAN_PART.match(seg):
            k += 1  # "Fourier integral operators. II." / "... ganglia. I. The cortico-basal loop."
            end = ends[k]
            continue
        if len(seg) > 120 or re.search(r"\d", seg) or not seg.strip()[:1].isupper():
            break
        if (
            not _SUBTITLE_NEXT.match(rest, ends[k + 1] + 1)
            or _LOCATION_PUBLISHER.match(seg)
            or re.match(r"\s*In\b", seg)
        ):
            break
        if _PUBLISHER_WORD.search(seg) or _CONF_WORD.search(seg) or _NOT_SUBTITLE.match(seg):
            break
        k += 1
        end = ends[k]
    title = rest[: end + 1] if end < len(rest) and rest[end] in "?!" else rest[:end]
    after = rest[end + 1 :] if end < len(rest) else ""
    cut = _comma_cut(title, rest)
    pm = _PAREN_CUT.search(title)
    if pm and pm.start() > 8 and (cut is None or pm.start() < cut):
        cut = pm.start()
    if cut is not None:
        after = title[cut:] + (". " + after if after else "")
        title = title[:cut]
    dm = _DATE_IN_TITLE.search(title)
    if dm and dm.start() > 8:
        after = title[dm.start() :] + " " + after
        title = title[: dm.start()]
    mm = _MEDIA_SUFFIX.search(title)
    if mm and mm.start() > 3:
        after = title[mm.start() :] + " " + after
        title = title[: mm.start()]
    vm = _VOL_THESIS_SUFFIX.search(title)
    if vm and vm.start() > 8:
        after = title[vm.start() :] + " " + after
        title = title[: vm.start()]
    em = _ED_SUFFIX.search(title)
    if em:
        after = title[em.start() :] + " " + after
        title = title[: em.start()]
    return title, after


def _clean_title(t: str) -> str:
    """Trim spaces, stray punctuation and unbalanced quote marks; keep balanced inner quotes."""
    t = " ".join(t.split()).strip(" ,.;:*«»")
    for _ in range(3):
        if t.count('"') % 2 == 1:
            if t.endswith('"'):
                t = t[:-1]
            elif t.startswith('"'):
                t = t[1:]
            else:
                t = t.replace('" ', " ").replace(' "', " ")
        if t.count("“") != t.count("”"):
            t = t.strip("“”")
        t = t.strip(" ,.;:*«»")
    return t


_JOURNAL_NUMBERS = re.compile(r"[^.;()]{0,60}?,?\s*(?:vol\.?\s*)?\d{1,4}\s*\(\s*\d{1,4}[^)]{0,6}\)")
_IN_NUMBER = re.compile(r"\s+\d{1,3}(?=\s*(?:[.,]\s+[A-Z]|\((?!\d)|$))")
# "Phys. Rev. B39", "(CVPR). IEEE", ". Citeseer": a section letter or a publisher tag after the name
_TAIL_NOISE = re.compile(
    r"(?<=[a-z.])\s+[A-Z]\d{1,4}$|(?:(?<=[a-z]{3})|(?<=\)))[.,]\s+(?:IEEE|ACM|Citeseer|Springer)$"
)
# ". Milwaukee, November 2014." / ". Stanford University, 2011.": where and when, after the container
_PLACE_AND_DATE = re.compile(
    rf"\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}},\s+(?:[A-Z][a-z]+\.?\s+)?(?:\d{{1,2}},?\s+)?{YEAR_RE}\b"
)
_SENTENCE_CASE_WORD = re.compile(r"(?<=\s)(?!(?:with|from|into|that|this|their|over|upon)\b)[a-z]{4,}\b")
_PLACE_FOLLOWER = re.compile(rf"\s*(?::\s*\d|,?\s*{YEAR_RE}\b)")
_JOURNALISH = re.compile(
    r"(?i)journal|review|proceedings|transactions|quarterly|bulletin|annals|letters|magazine|studies|research"
    r"|\b(?:j|trans|proc|lett|rev|comput|sci)\.|\bJ\b|:"
)
_ORG_WORD = re.compile(
    r"(?i)\b(?:scientific|media|society|institute|association|foundation|pr|co|company|group)\b"
)
_CHEM_NUMBERS = re.compile(
    rf"^[\s.,]*(?:(?P<y>{YEAR_RE})\s*,\s*)?(?P<v>\d{{1,4}})\s*(?:\(\d+\))?\s*,\s*(?P<pg>[A-Z]?\d+(?:\s*[-–]\s*\d+)?)\s*\.?\s*$"
)
_LEAD_INITIAL = re.compile(r"^\s*(?:[A-Z]\.[\s-]*)+[A-Z]")


def _chem_journal(names: str, last: str) -> bool:
    """Chemistry/physics style "S. E. Han, G. Chen, Nano Lett": every name opens with initials,
    the last piece has two or more words that are not initials: a journal abbreviation."""
    if not all(_LEAD_INITIAL.match(n) for n in names.split(",") if n.strip()):
        return False
    words = [w for w in last.replace(".", " ").split() if len(w) > 1 and w.lower() not in PARTICLES]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


_PUBLISHER_NAMED = re.compile(
    r"(?:^|[.,]\s+)(?P<pub>[^,.]{2,60}\b(?:Press|Verlag|Publishers?|Publishing|Books)\b[^,.]{0,30})"
)
_LOST_OPEN_QUOTE = re.compile(r"[^«“]{8,400}?[»”]")
_LOST_OPEN_QUOTE_WORD = re.compile(r"[^«“]{8,400}?[»”][\w]")
_INVERTED_NAME_END = re.compile(r"(?:^|,\s+|\b(?:and|&)\s+)[A-Z][\w'’-]+,\s*(?:[A-Z]\.[\s-]*)*[A-Z]$")
_BRACKET_DATE = re.compile(r"\[\s*\d{4}\s*-\s*[\dÿŷŸ]{1,2}\s*-?\s*[\dÿŷŸ\s]{0,3}\]")
_REPORT_TYPE = re.compile(r"(?i)\b(?:tech(?:nical)?\.?\s*rep|report\b|working paper|white paper)")
_Y_HINT = re.compile(r"[»\"”*A-Z]y\s")
_NUMBERS_NEXT = re.compile(r"[\s,.;]*(?:vol\.?\s*)?\d{1,4}\s*(?:\(\s*\d[^)]{0,8}\))?\s*[:,]\s*\d")
_UNTITLED_IN = re.compile(r"[\s,.;]*in:?\s+(?=[A-Z‘'\"“«])")
# a word only a periodical's name has: "... One of the Glasgow Boys. Victorian Studies 42 (1999)"
_JOURNAL_NAME = re.compile(
    r"(?i)\b(?:journal|review|quarterly|bulletin|annals|letters|magazine|studies|transactions|zeitschrift"
    r"|revue|rivista|revista|archiv(?:es|e|o)?)\b"
)
_SERIES_WORD = re.compile(
    r"(?i)\b(?:series|texts|notes|monographs?|library|collection|bibliotheca|reihe|collana|colección)\b"
)
_ET_AL_LEFT = re.compile(r"[\s,]*et\.?\s+al(?:\.|\b)[\s,.;:]*")
_ROLE_PAREN = re.compile(
    r"\s*\((?:executive\s+)?(?:producers?|directors?|writers?|hosts?|narrators?|composers?|performers?"
    r"|photographers?|illustrators?|speakers?|interviewers?|artists?)\)",
    re.I,
)
_FILM_TITLE = re.compile(r"(?P<t>[^.]{2,200}?)\.\s+(?=(?:Dir|Prod|Perf)[.,]\s+[A-Z])")
_FILM_CREDITS = re.compile(r"(?:(?:Dir|Perf|Prod|Screenplay)[.,]\s+(?:[A-Z]\.\s)*[^.]+\.\s*)+")
_PAGE_NEXT = re.compile(r"\s*,\s*pp?\.\s*\d")
# ". 2012; 40(2): 497", ". 2010, 2, 1629", ". 2004 34 3 126", ". 2011 ;(61) : 40": Vancouver numbers
_VANCOUVER_NEXT = re.compile(rf"[\s.]*{YEAR_RE}[a-z]?\s*(?:[;,]\s*|\s+)\(?\d")
_CONF_TRAILING_PLACE = re.compile(r",\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\.?$")
# countries that close a meeting's name: "... (IJCAI-91) Sydney, Australia", "... Worlds Germany"
_COUNTRIES = (
    r"Argentina|Australia|Austria|Belgium|Brazil|Bulgaria|Canada|Chile|China|Colombia|Croatia|Cuba"
    r"|Czech Republic|Czechia|Denmark|Egypt|Estonia|Finland|France|Germany|Greece|Hungary|Iceland|India"
    r"|Indonesia|Iran|Ireland|Israel|Italy|Japan|Korea|Latvia|Lithuania|Luxembourg|Malaysia|Mexico"
    r"|Morocco|Netherlands|The Netherlands|New Zealand|Nigeria|Norway|Pakistan|Peru|Poland|Portugal"
    r"|Romania|Russia|Scotland|Serbia|Singapore|Slovakia|Slovenia|South Africa|Spain|Sweden|Switzerland"
    r"|Taiwan|Thailand|Tunisia|Turkey|UK|U\.K\.|USA|U\.S\.A\.|Ukraine|Uruguay|Venezuela|Vietnam|Wales"
)
_TRAILING_CITY_COUNTRY = re.compile(
    r"(?<!\bof)(?<!\bin)(?<!\bfor)(?<!\bde)(?<!\bdu)(?<!\bla)(?<!\band)(?<!\.)[\s,]+"
    rf"(?:[A-Z][\w'’-]{{3,}}(?:/[A-Z][\w'’-]+)?,?\s+(?:{_COUNTRIES})|(?:{_COUNTRIES})(?<![A-Z.]))\.?$"
)


# "Liu SM Zhong J Zhao XJ", "Bao Q, Zhao Y, Renner A, Jauch K-W": surnames with initials after them
_VANCOUVER_NAMES = re.compile(
    r"(?:[A-Z][\w'’-]+(?:\s[A-Z][a-z][\w'’-]*)?\s[A-Z]{1,3}(?:-[A-Z])?(?:[,;]?\s+|$))+"
)


def _inner_sentence_ends(text: str) -> list[int]:
    """Sentence ends inside ``text`` that leave a title of three words or more before them
    and something after them: where a title may stop and a journal's name begin."""
    return [e for e in _sentence_ends(text) if e < len(text) - 3 and len(text[:e].split()) >= 3]


def _may_be_journal(tail: str) -> bool:
    """The last sentence of a run-on title can be a journal's name: capitalised, short, and
    not a thesis, report or edition note."""
    return tail[:1].isupper() and len(tail.split()) <= 8 and not _NOT_A_CONTAINER.match(tail)


def _looks_like_names(text: str, p: _Parts) -> bool:
    """True when ``text`` reads as author names ("Moore JH", "Liu SM Zhong J Zhao XJ", "Cirillo DM;
    the SMIRA Group"), not as a title."""
    head = re.split(r";\s*", text, maxsplit=1)[0].replace("*", " ")
    head = " ".join(head.split())
    return len(text.split()) <= 40 and (
        _VANCOUVER_NAMES.fullmatch(head) is not None or _prefix_is_authors(head, p.memo)
    )


def _take_container(rest: str, p: _Parts) -> str:
    """Read the container (journal, newspaper, agency, website) off the front of ``rest``."""
    em = _IN_EDITORS.match(rest)
    explicit = em is not None and not re.search(r"[\d«»\"“”]", em.group("eds"))
    if em is None:
        em = _IN_EDITORS_ACM.match(rest)
        if em and _NAMES_NEXT.match(rest, em.end()):
            em = None  # "in Astronomical Data Analysis V, eds. Jacoby G. and Barnes J.": editors come after
    if em and not explicit and not _prefix_is_authors(em.group("eds"), p.memo):
        em = None  # "(Eds.)" in brackets names editors even with a group name among them
    if em is None and "(" in rest[:90]:
        cm = _CREDIT_PAREN.match(rest)
        if cm and _prefix_is_authors(cm.group("eds"), p.memo):
            rest = rest[cm.end() :]  # the credited people are not the container
    if em:
        eds, _ = split_authors(em.group("eds"))
        p.editors = eds
        p.hints.append("in-book")
        rest = rest[em.end() :]
    else:
        m = _PUBLISHED_IN.match(rest)
        if m and not re.match(r"[\s,.;:]*in\b", rest, re.I):
            p.published_in = True
            rest = rest[m.end() :]
        else:
            im = _IN.match(rest) or (m if m else None)
            if im:
                p.hints.append("in")
                rest = rest[im.end() :]
    if p.container:
        return rest
    qm = _QUOTED_CONTAINER.match(rest)
    if qm:
        p.container = qm.group("c").strip(" ,.")
        return rest[qm.end() :]
    body = rest.lstrip(" ,.;:*")
    if not body:
        return rest
    fc = _FILM_CREDITS.match(body)
    if fc:
        body = body[fc.end() :]  # "Dir. Hal Ashby. Prod. Andrew Braunsberg.": people, not a container
        dm = re.match(r"\s*(?P<d>[^,.;]{2,60})(?=[,.]|$)", body)
        if dm:
            p.publisher = dm.group("d").strip()  # "United Artists, 1979": the distributor
            return body[dm.end() :]
    for _ in range(3):
        if not _CREDIT.match(body):
            break
        # "Trans. Nicholas Rand. Critical Inquiry 13.2": skip the translator/editor sentence
        ends = _sentence_ends(body)
        if ends and ends[0] < len(body) - 2:
            body = body[ends[0] + 1 :].lstrip()
        else:
            return body  # "tr. W. Rehg (Cambridge, Mass.: MIT Press)": a credit, no container
    ym = _LEADING_YEAR.match(body)
    if ym:
        body = body[ym.end() :]  # "..., 1997. Computational Optimization and Applications"
    if _NOT_A_CONTAINER.match(body):
        return body
    cp = _CITY_ACRONYM.match(body)
    if cp and not p.published_in and "in" not in p.hints and "in-book" not in p.hints:
        p.location, p.publisher = cp.group("loc"), cp.group("pub")  # "Paris, PUF"
        return body[cp.end() :]
    lp = _LOCATION_PUBLISHER.match(body)
    if lp and re.match(r"\s*:\S", body[lp.end("loc") :]):
        lp = None  # "Internetworking:Research and Experience": no space after the colon, not a place
    if lp and _JOURNAL_NUMBERS.match(body, lp.end()):
        lp = None  # "Electronic Networking: Research, Applications and Policy, 2(1) 52-58": a journal
    if lp and not _PUBLISHER_WORD.search(lp.group("pub")):
        later = _LOCATION_PUBLISHER.match(body[lp.end() :].lstrip(" .,;"))
        if _PAGE_NEXT.match(body, lp.end()) or (later and _PUBLISHER_WORD.search(later.group("pub"))):
            # "Contemporary Novelists: British Fiction since 1970. Basingstoke: Palgrave": a book title
            # with a subtitle (the real place and publisher come later); "The Age: Extra, p. 6": a section
            lp = None
    if lp and not p.published_in and "in" not in p.hints and "in-book" not in p.hints:
        p.location = lp.group("loc").strip(" (")
        p.publisher = lp.group("pub").strip()
        return body[lp.end() :]
    cut = _CONTAINER_CUT.search(body)
    end = cut.start() if cut else len(body)
    mm = _MONTH_START.search(body)
    if mm and mm.start() < end:
        end = mm.start()
        dd = _DAY_BEFORE_MONTH.search(body, 0, end)
        if dd:
            end = dd.start()  # "New Yorker 15 Feb. 1993": the day belongs to the date
    dm = find_date(body[:end]) if end else None
    if dm and dm.start > 2 and re.match(r"[\s,.;(]", body[dm.start - 1]):
        if re.match(r"\s*(?:[,.;)]|$)", body[dm.end :]):
            end = dm.start
    # a sentence end followed by "City: Publisher" or a publisher name ends the container
    for se in _sentence_ends(body[:end]):
        tail = body[se + 1 :]
        short_tail = (
            len(tail.split()) <= 3
            and not re.search(r"\d", tail)
            and not re.match(r"\s*[A-Z][a-z]{0,5}\.", tail)
        ) or _PLACE_AND_DATE.match(tail) is not None
        if (
            _LOCATION_PUBLISHER.match(tail)
            or _PUBLISHER_WORD.match(tail.strip())
            or _NOT_A_CONTAINER.match(tail.strip())
            or short_tail
        ):
            end = se
            break
    cand = body[:end].strip(" ,.;:*")
    if _NOT_CONTAINER_WORDS.fullmatch(cand):
        return body
    if "in" in p.hints and _CROSS_REF.match(body):
        return body  # "In Keane et al. [4], pages 233-246": a volume cited elsewhere in the list
    if _PUBLISHING_CITY.fullmatch(cand) or _CITY_STATE.fullmatch(cand):
        p.location = p.location or cand  # "Title, Paris, Éditions Galilée, 2003": a place, not a container
        return body[end:]
    in_ctx = p.published_in or "in" in p.hints or "in-book" in p.hints
    if in_ctx and cut and _IN_NUMBER.match(body, end):
        # "In Advances in Neural Information Processing Systems 6.", "in Proceedings of CHI 90 (":
        # a number right after a book or proceedings title is part of its name
        end = _IN_NUMBER.match(body, end).end()
        cand = body[:end].strip(" ,.;:*")
    if cand[-1:].isdigit() or cand.endswith(("IEEE", "ACM", "Citeseer", "Springer")):
        cand = _TAIL_NOISE.sub("", cand).rstrip(" ,.;:*")
    conf = _CONF_WORD.search(cand) is not None
    if conf and cand[-1:].isalpha():
        cm = _TRAILING_CITY_COUNTRY.search(cand)
        if cm and cm.start() > 12:
            cand = cand[: cm.start()].rstrip(" ,")
    if conf or (in_ctx and cand and _PLACE_FOLLOWER.match(body, body.find(cand) + len(cand))):
        # "Proceedings of ..., Edinburgh" / "..., Austin" / "in Affreschi romani..., Roma: 22-28":
        # a trailing place is not part of the name
        for _ in range(2 if conf else 1):
            pm = _CONF_TRAILING_PLACE.search(cand)
            if not pm or _CONF_WORD.search(cand[pm.start() :]):
                break
            cand = cand[: pm.start()]
    if (
        not p.published_in
        and "in" not in p.hints
        and "in-book" not in p.hints
        and "quoted-title" not in p.hints
        and (
            len(cand.split()) == 1
            or (
                len(cand.split()) <= 4
                and not _JOURNALISH.search(cand)
                and not _NEWSPAPER.search(cand)
                and (_PUBLISHER_WORD.search(cand) or _ORG_WORD.search(cand) or "-" in cand)
            )
        )
        and not cand.isupper()
        and re.fullmatch(rf"[\s,.;]*(?:{YEAR_RE}[a-z]?)?[\s.;]*", body[end:])
    ):
        p.publisher = cand  # "Title. Praeger, 2005.": a short name at the end is the publisher
        return body[end:]
    tail_loc = _TAIL_LOCATION.match(body[end:])
    if tail_loc and not p.published_in and "in" not in p.hints and "in-book" not in p.hints and not p.volume:
        if not _CONF_WORD.search(cand) and not re.search(
            r"(?i)journal|review|bulletin|magazine|quarterly", cand
        ):
            p.publisher, p.location = cand, tail_loc.group("loc")  # "Charles Griffin, London, 1982."
            return body[end:]
    vancouver = _VANCOUVER_NEXT.match(body, end) is not None
    if cand and ". " in cand and p.title and not in_ctx and (vancouver or _NUMBERS_NEXT.match(body, end)):
        # "Reactions at oxide surfaces. 1. Oxidation of As(III). Environ Sci Technol 29(8):1898":
        # the title went on past its first full stop; the journal is the last sentence. Before
        # Vancouver numbers ("Title in Italy. Eur Respir J. 2012; 40(2)") that holds even when the
        # title's last word is capitalised.
        ends = [
            e
            for e in _inner_sentence_ends(cand)
            if vancouver
            or _word_before(cand, e, "-")[:1].islower()
            or _JOURNAL_NAME.search(cand, e + 1) is not None
        ]
        if ends:
            head, tail = cand[: ends[-1]].strip(), cand[ends[-1] + 1 :].strip()
            if _may_be_journal(tail):
                if vancouver and _looks_like_names(p.title, p):
                    # "Goss DL. Moore JH. Title. J Orthop. 2004": the "title" was the last author
                    p.authors = (*p.authors, *split_authors(p.title)[0])
                    p.title = head
                else:
                    p.title = f"{p.title}. {head}"
                cand = tail
    if cand and len(cand) <= 250:
        if (
            _PUBLISHER_WORD.search(cand)
            and not p.published_in
            and "in" not in p.hints
            and "in-book" not in p.hints
        ):
            if not re.search(
                r"(?i)journal|review|proceedings|transactions|quarterly|bulletin|annals|letters|magazine|\b(?:j|trans|proc|lett|rev|comput|sci)\.|\bJ\b",
                cand,
            ):
                p.publisher = cand
                return body[end:]
        p.container = cand
        return body[end:]
    return rest


def _numbers(rest: str, p: _Parts) -> None:
    """Volume, issue, pages, edition from the text after the title."""
    m = _ISSUE_SEED.search(rest)
    if m:
        p.issue = m.group("i") or m.group("j")
    vm = _VANC.search(rest)
    if vm:
        p.volume = p.volume or vm.group("v")
        if vm.group("i"):
            p.issue = p.issue or vm.group("i")
        p.pages = p.pages or vm.group("p")
    m = _PAGES.search(rest)
    if m and not p.pages:
        p.pages = m.group("p")
    em = _EDITION_PAGE.search(rest)
    if em:
        n = em.group("a") or em.group("b")
        p.edition = n
        p.pages = p.pages or n
    m = _VOL.search(rest)
    if m:
        p.volume = p.volume or m.group("v")
    m = _NO.search(rest)
    if m and not p.issue:
        p.issue = m.group("n")
    m = _VOL_ISSUE.search(rest)
    if m and not p.volume and not re.fullmatch(YEAR_RE, m.group("v")):
        p.volume = m.group("v")
        iss = m.group("i").strip()
        if not re.fullmatch(YEAR_RE + r"[a-z]?", iss):
            p.issue = p.issue or iss
    if not p.pages:
        m = _VOL_ISSUE_PAGES.search(rest)  # "29(8):1898-1905"
        if m:
            p.volume = p.volume or m.group("v")
            p.pages = m.group("p")
    if not p.pages:
        m = _VOL_COLON.search(rest)
        if m:
            p.volume = p.volume or m.group("v")
            p.pages = m.group("p")
    if not p.pages:
        m = _VOL_COMMA.search(rest)
        if m:
            p.volume = p.volume or m.group("v")
            p.pages = m.group("p")
    if not p.pages:
        for m in _BARE_RANGE.finditer(rest):
            a, b = m.group("a"), m.group("b")
            if re.fullmatch(YEAR_RE, a) and (re.fullmatch(YEAR_RE, b) or len(b) == 2):
                continue
            p.pages = f"{a}-{b}"
            break
    if not p.volume:
        m = re.match(r"^[\s,.;]*(\d{1,4})\b(?![-–:/]\d)(?!\s*(?:st|nd|rd|th|ed))", rest)
        if m and not re.fullmatch(YEAR_RE, m.group(1)):
            p.volume = m.group(1)
    if p.volume and not p.pages:
        m = re.search(rf"(?<!\d){re.escape(p.volume)}\b[^\d]{{1,6}}(\d{{1,6}})\.?\s*$", rest)
        if m and not re.fullmatch(YEAR_RE, m.group(1)):
            p.pages = m.group(1)
    if p.pages:
        p.pages = re.sub(r"\s*[-–—]+\s*", "-", p.pages.strip())


def _entry_type(p: _Parts, text: str) -> str:
    cont = p.container or ""
    low = text.lower()
    if ("thes" in low or "diss" in low) and _THESIS_WORD.search(text):
        return "thesis"
    if p.published_in:
        if p.issue or p.volume:
            return "article"
        if _NEWSPAPER.search(cont) or p.pages or (p.date and len(p.date) == 10):
            return "newspaper"
        return "article"
    if cont and _NEWS_AGENCY.search(cont):
        return "news"
    if ("rep" in low or "paper" in low) and _REPORT_TYPE.search(text) and not p.volume:
        return "report"
    if "in-book" in p.hints or (p.editors and cont):
        return "chapter"
    if cont and _CONF_WORD.search(cont):
        return "conference"
    if cont and (p.volume or p.issue or p.pages):
        return "article"
    if cont and p.url is not None:
        return "webpage"
    if cont and _WEBSITE.search(cont):
        return "webpage"
    if cont and _NEWSPAPER.search(cont) and p.date and len(p.date) >= 7:
        return "newspaper"
    if p.publisher or p.isbn or p.edition:
        return "book"
    if p.url is not None:
        return "webpage"
    if not p.authors and p.title and _OFFICIAL.search(p.title) and not cont:
        return "document"
    if cont:
        return "article" if not p.date or len(p.date) == 4 else "webpage"
    return "misc"


def parse_reference(text: str, *, span: Span | None = None, note_id: str | None = None) -> Reference:
    """Parse one reference's text into a :class:`Reference` (``key`` is left empty).

    Never raises on odd input: what cannot be read is listed in ``warnings``.

    >>> r = parse_reference("«Xi Jinping's speech at the forum», Xinhua News Agency, June 8, 2019")
    >>> r.entry_type, r.title, r.container, r.date
    ('news', "Xi Jinping's speech at the forum", 'Xinhua News Agency', '2019-06-08')
    """
    p = _Parts()
    s = text
    if len(s) > MAX_PARSE_CHARS:
        p.warnings.append(f"text is {len(s)} characters long; only the first {MAX_PARSE_CHARS} were parsed")
        s = s[:MAX_PARSE_CHARS]
    if any(c in s for c in _PDF_GLYPHS):
        s = _repair_pdf_glyphs(s)
    if "- " in s:
        s = _BROKEN_WORD.sub("", s)
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)  # "Le´on" with a combining accent -> "Léon"
    s = _strip_marker(s)
    s = s.replace("``", "“").replace("''", "”")
    if "," in s:
        s = _COMMA_SPACE.sub(", ", _SPACE_COMMA.sub(",", s))
    if "<" in s:
        s = re.sub(r"</?(?:i|b|em|strong|italic|bold|sup|sub|span)\b[^>]*>", "", s)
    if any(c in s for c in "，。：；（）"):
        s = s.translate(_FULLWIDTH)
    if "(" in s[:400] and (rm := _ROLE_PAREN.search(s, 0, 400)) is not None:
        # "Marshall, F. (Producers), & Fincher, D. (Director). (2008).": film credits, not authors' text
        s = s[: rm.start()] + _ROLE_PAREN.sub("", s[rm.start() : 400]) + s[400:]
        s = s.replace("..", ".")
    same_author = False
    if s.startswith(("———", "——", "---", "–––", "___")):
        s = re.sub(r"^[—–_-]{2,}\s*[.,]?\s*", "", s)
        p.warnings.append("author given as a dash (same as the previous entry)")
        same_author = True
    m = _DOI.search(s) if "10." in s else None
    if m:
        p.doi = m.group(1)
        if not m.group(0).lower().startswith("http"):
            s = _cut(s, m)
    m = _ISBN.search(s) if ("ISBN" in s or "isbn" in s) else None
    if m:
        p.isbn = re.sub(r"\s", "", m.group(1))
        s = _cut(s, m)
    s = _cut_url(s, p)
    low = s.lower()
    m = _ACCESSED.search(s) if any(w in low for w in _ACCESS_WORDS) else None
    if m:
        d = parse_access_date(m.group("d"))
        if d:
            p.access_date = p.access_date or d
            s = _cut(s, m)
    if p.access_date is None:
        m = _BRACKET_DATE.search(s) if "[" in s else None
        if m:
            p.access_date = parse_access_date(m.group(0))
            s = _cut(s, m)
    if any(c in s for c in "ÿŷŸ"):
        s = _GARBLE_SEP.sub(", ", s)
    if "y " in s and _Y_HINT.search(s):
        s = _Y_AFTER_QUOTE.sub(",", s)
    s = " ".join(s.split()).strip()

    memo = p.memo
    q = find_quoted_title(s, prefix_ok=lambda prefix: _prefix_is_authors(prefix, memo))
    comma_style = False
    if q is not None:
        o, c, title = q
        prefix = s[:o]
        dm = _APA_DATE.search(prefix)
        if dm:
            d2 = find_date(dm.group(0))
            if d2:
                p.date, p.year = d2.iso, d2.year
            prefix = prefix[: dm.start()] + prefix[dm.end() :]
        author_text = prefix
        p.title = _clean_title(title)
        p.hints.append("quoted-title")
        rest = s[c + 1 :]
    elif (
        ("»" in s or "”" in s)
        and (lq := _LOST_OPEN_QUOTE.match(s)) is not None
        and not _LOST_OPEN_QUOTE_WORD.match(s)
    ):
        # the opening quote was lost (the title began on an earlier line): «… » without «
        c = lq.end() - 1
        author_text, p.title = "", _clean_title(s[:c])
        rest = s[c + 1 :]
    else:
        fm = None if same_author else _FILM_TITLE.match(s)
        if fm:
            # MLA film: "The Arrival. Dir. David Twohy. Perf. Charlie Sheen. Artisan, 1996."
            author_text, remainder = "", s[fm.end("t") + 1 :]
            p.title = fm.group("t")
            p.hints.append("title-first")
        else:
            author_text, remainder = ("", s) if same_author else _split_unquoted(s, p)
        etm = _ET_AL_LEFT.match(remainder) if author_text else None
        if etm:
            # "Hwang I.-W. et al., J. Phys. Chem. C 2008, 112": "et al." closes the author list
            author_text, remainder = author_text.rstrip(" ,") + " et al.", remainder[etm.end() :]
        comma_style = author_text.rstrip().endswith(",") or bool(re.match(r"\s*,", remainder))
        chem = _CHEM_NUMBERS.match(remainder) if author_text and "," in author_text else None
        if chem and (chem.group("y") or p.year):
            # "S. E. Han, G. Chen, Nano Lett. 2010, 10, 1012.": the last piece is the journal
            head, _, last = author_text.strip(" ,.").rpartition(",")
            if head and _chem_journal(head, last):
                author_text, remainder = head, remainder[chem.end() :]
                p.container = last.strip(" ,.")
                if chem.group("y"):
                    p.year, p.date = int(chem.group("y")), p.date or chem.group("y")
                p.volume, p.pages = chem.group("v"), chem.group("pg")
        ym = _YEAR_SENTENCE.match(remainder)
        if ym and author_text:
            p.year = int(ym.group("y"))
            p.date = p.date or ym.group("y")
            remainder = remainder[ym.end() :]
        jm = _JOURNAL_ONLY.match(remainder) if author_text else None
        if "title-first" in p.hints:
            title, rest = p.title or "", remainder
        elif author_text and p.year and _UNTITLED_IN.match(remainder):
            # "Arnaud, K.A., 1996, in Astronomical Data Analysis Software and Systems V, eds. ...":
            # astronomy style names the volume a paper is in and gives the paper no title
            title, rest = "", remainder
        elif jm:
            # "Phys. Rev. Lett. 83, 3370 (1999)": physics style has no title
            title, rest = "", remainder
            p.container = jm.group("j").strip(" ,.")
            rest = remainder[jm.end("j") :]
        else:
            title, rest = _title_from(remainder, comma_style)
        p.title = _clean_title(title) or None
    author_text = author_text.strip(" ,:;")
    if author_text.endswith(".") and not re.search(r"(?:^|[\s.,-])[A-Z]\.$", author_text):
        author_text = author_text[:-1]
    if author_text:
        eds_m = re.search(r"(?i)(?:,\s*|\(|\s)(?:eds?|editors?|hrsg)\.?\)?\.?$", author_text)
        if eds_m and not re.search(
            r"(?i)(?:,\s*|\()(?:eds?|editors?|hrsg)\.?\)?\.?$|\seds?\.?$", author_text
        ):
            eds_m = None
        names, et_al = split_authors(author_text)
        if eds_m:
            p.editors = names
        else:
            p.authors, p.et_al = names, et_al
    if p.title:
        tm = _TITLE_PAGES.search(p.title)
        if tm and tm.start() > 3:
            rest = p.title[tm.start() :] + " " + rest
            p.title = _clean_title(p.title[: tm.start()])
    if p.title and not p.container and ". " in p.title and _NUMBERS_NEXT.match(rest):
        # "Fourier integral operators. I. Acta mathematica, 127(1):79": numbers right after the
        # "title" show that its last sentence is the journal
        ends = _inner_sentence_ends(p.title)
        if ends:
            head, tail = p.title[: ends[-1]], p.title[ends[-1] + 1 :].strip()
            rm = re.match(r"([IVX]{1,4})\.\s+(?=[A-Z])", tail)
            if rm:
                head, tail = f"{head}. {rm.group(1)}", tail[rm.end() :]  # "operators. I. Acta mathematica"
            if _may_be_journal(tail):
                p.title, p.container = _clean_title(head), tail
    rest = _take_container(rest, p)
    after = rest
    _numbers(after, p)
    if p.date is None or len(p.date) == 4:
        dm = find_date(after) or find_date(s)
        if dm and (p.date is None or (dm.year == p.year and len(dm.iso) > len(p.date))):
            p.date, p.year = dm.iso, dm.year
    if p.container and p.container.lower() in ("published", "in"):
        p.container = None
    if p.publisher is None and not p.published_in:
        lp = _LOCATION_PUBLISHER.search(after)
        if lp and _PUBLISHER_WORD.search(lp.group("pub")):
            p.location, p.publisher = lp.group("loc"), lp.group("pub").strip()
        else:
            pm = (
                _PUBLISHER_NAMED.search(after)
                if any(w in after for w in ("Press", "Verlag", "Publish", "Books"))
                else None
            )
            if pm:
                p.publisher = pm.group("pub").strip()
    if (
        p.container
        and (
            (p.publisher and (p.location or "quoted-title" not in p.hints))
            or (
                "quoted-title" not in p.hints
                and (
                    _LOCATION_PUBLISHER.match(after) is not None
                    or _PUBLISHER_WORD.match(after.lstrip(" .,;")) is not None
                )
            )
        )
        and not (p.published_in or "in" in p.hints or "in-book" in p.hints)
        and not (p.volume or p.issue or p.pages)
        and not _JOURNALISH.search(p.container)
        and not _CONF_WORD.search(p.container)
    ):
        # "Title. Subtitle. Paris: Gallimard, 1952." / "Easter Island, Earth Island. New York: Thames
        # and Hudson": a book; what looked like a container is the rest of its title
        if p.title and "quoted-title" not in p.hints and not re.match(r"(?i)vols?\b", p.container):
            series = _SERIES_WORD.search(p.container) is not None  # "Graduate texts in mathematics"
            for glue in (", ", "; ") if series else (", ", ". ", "; "):
                if f"{p.title}{glue}{p.container}" in s:
                    p.title = f"{p.title}{glue}{p.container}"
                    break
        p.container = None
    etype = _entry_type(p, s)
    if (
        etype in ("thesis", "report")
        and not p.published_in
        and p.container
        and not p.volume
        and "in" not in p.hints
        and "in-book" not in p.hints
        and not _CONF_WORD.search(p.container)
    ):
        p.publisher = p.publisher or p.container
        p.container = None
    if p.title and _NOT_CONTAINER_WORDS.fullmatch(p.title):
        p.title = None  # only a date, pages or a volume: not a title
    if p.title is None:
        p.warnings.append("no title found")
    if p.date is None:
        p.warnings.append("no date found")
    if etype in ("article", "newspaper") and not p.container:
        p.warnings.append("no journal or newspaper found")
    if p.url is not None and not p.url.complete:
        if characters_changed(p.url):
            p.warnings.append("URL incomplete: characters changed in extraction, not the address as printed")
        else:
            p.warnings.append("URL incomplete: characters lost in extraction")
    return Reference(
        key="",
        entry_type=etype,
        raw=text,
        span=span,
        note_id=note_id,
        authors=p.authors,
        et_al=p.et_al,
        editors=p.editors,
        title=p.title,
        container=p.container or None,
        publisher=p.publisher,
        location=p.location,
        year=p.year,
        date=p.date,
        volume=p.volume,
        issue=p.issue,
        pages=p.pages,
        edition=p.edition,
        url=p.url,
        access_date=p.access_date,
        doi=p.doi,
        isbn=p.isbn,
        language="zh" if _CJK.search(s) else None,
        warnings=tuple(p.warnings),
    )
