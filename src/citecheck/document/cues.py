"""How much a piece of text looks like a bibliographic reference (and not body prose).

:func:`reference_score` adds points for the things references carry (a quoted title,
``Author, Author:``, "published in", a date, an issue, pages, a URL, an access date) and
takes points off for what prose carries (length, many sentences, a leading comma).

>>> reference_score('Liu Dehai: "Scientific connotation", published in "Jiangsu Social Sciences", Issue 3, 2017, Pages 1-3.') >= 5
True
>>> reference_score("Argentina currently has 187 renewable energy power generation projects, with a total installed capacity of 5181 74 MW.")
0
"""

from __future__ import annotations

from .. import recache
from .markers import GARBLED_GLYPHS

_NAME = r"[A-Z][\w'’.-]*"
_PERSON = rf"{_NAME}(?:[ \t]{_NAME}){{0,3}}"
#: ``Wu Zhicheng, Li Jiaxuan:`` / ``Yao Mingfeng and others:`` / ``He Shuangrong and Tong Yawei:``
AUTHOR_COLON = recache.compile(
    rf"(?P<names>{_PERSON}(?:(?:,|，|;| and| &)[ \t]?{_PERSON}){{0,8}}(?:,? (?:and others|et al\.?))?)[ \t]*[:：]"
    r"|(?P<cjk>[\u4e00-\u9fff·]{2,6}(?:[、，,][\u4e00-\u9fff·]{2,6}){0,8}等?)[ \t]*[:：]"
)
_MULTI_WORD_AUTHOR = recache.compile(rf"{_NAME}[ \t]{_NAME}|,|，| and ")
_WESTERN_AUTHOR = recache.compile(r"[A-Z][a-z'’-]+,\s(?:[A-Z]\.\s?){1,3}")
#: a Chicago note: the authors in direct order, a comma, then the quoted title
#: (``Margaret Myers and Rebecca Ray, “Chinese Agricultural Investment…,”``; a person named by
#: two to four words, a headline-case title)
_NOTE_PERSON = rf"{_NAME}(?:[ \t]{_NAME}){{1,3}}"
_NOTE_AUTHORS_TITLE = recache.compile(
    rf"{_NOTE_PERSON}(?:(?:,| and| &)[ \t]{_NOTE_PERSON}){{0,5}},?(?:[ \t]eds?\.,)?[ \t][“\"«][A-Z0-9]"
)

_TITLE_QUOTE = recache.compile(
    r"«[^»]{3,}»?|《[^》]{2,}》?|“[^”]{3,}”|\"[^\"]{3,}\"|(?<!\w)'[^']{3,}['*]|(?<!\w)\*[A-Z][^*]{3,}\*"
)
_OPEN_TITLE = recache.compile(r"«|“|《")
_PUBLISHED = recache.compile(
    r"(?i)\bpublished in\b|载《|(?<!\w)ibid\b|(?<!\w)(?:in|eds?)[.:]\s|\bed\.\s|\bedited by\b"
)
_URL = recache.compile(
    r"(?i)https?\s*:|\bwww\s*[.\s]|:\s*/\s*/|\.(?:com|org|net|edu|gov|cn)\b|\bdoi\b|\bisbn\b"
)
_ACCESS = recache.compile(r"\[\s*(?:19|20)\d\d\s*[-./年]")
_YEAR = recache.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_FULL_DATE = recache.compile(
    rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|\b\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d\d"
    r"|\b(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
    r"|\((?:19|20)\d\d[a-z]?\)"
)
_ISSUE = recache.compile(
    r"(?i)第\s*\d+\s*[期卷]|\b(?:issue|vol\.?|volume|no\.)\s*\d|\b\d{1,4}\s*\(\d{1,4}\)|\b(?:19|20)\d\d\s+issue\b"
)
_PAGES = recache.compile(
    r"(?i)第\s*\d+(?:\s*[-–]\s*\d+)?\s*页|\b(?:pages?|pp?\.)\s*\d|\bedition\s*\d|\b\d{1,3}\s*(?:st|nd|rd|th)?\s*edition\b"
)
_CONTAINER = recache.compile(
    r"\b(?:Daily|News|Agency|Journal|Review|Press|University|Website|website|Xinhuanet|Times|Gazette|"
    r"Studies|Quarterly|Magazine|Proceedings|Report|Bulletin|Network|Office|Ministry|Institute|Monthly)\b"
)
_SENTENCE_END = recache.compile(r"[.!?。！？][\"”»']?\s+(?=[A-Z])")
_LEADING_COMMA = recache.compile(r"^\s*[,，;；)]")
_PROSE_START = recache.compile(
    r"^\s*(?:According to|In (?:19|20)\d\d|On [A-Z][a-z]+ \d|At the|As (?:a|the)|However|Therefore|Moreover|"
    r"Since|Although|While|This|These|It is|There (?:is|are))\b"
)
_REFERENCE_START = recache.compile(r"^\s*[«“\"《*'\[(]")


def reference_score(text: str) -> int:
    """Points for reference-likeness; notes score >= 2, an unmarked line needs >= 5."""
    if not text:
        return 0
    head = text[:800]
    score = 0
    if _TITLE_QUOTE.search(head) or _OPEN_TITLE.search(head):
        score += 1
    m = AUTHOR_COLON.match(head.lstrip())
    if m and m.end() < 160:
        names = m.group("names") or m.group("cjk") or ""
        score += 2 if (m.group("cjk") or _MULTI_WORD_AUTHOR.search(names)) else 1
    elif _WESTERN_AUTHOR.match(head.lstrip()):
        score += 1
    if _PUBLISHED.search(head):
        score += 1
    if _URL.search(head):
        score += 2
    if _ACCESS.search(head):
        score += 2
    if _YEAR.search(head):
        score += 1
        if _FULL_DATE.search(head):
            score += 1
    if _ISSUE.search(head):
        score += 1
    if _PAGES.search(head):
        score += 1
    if _CONTAINER.search(head):
        score += 1
    n = len(text)
    if n > 600:
        score -= 3
    elif n > 350:
        score -= 1
    sentences = len(_SENTENCE_END.findall(head))
    if sentences >= 4:
        score -= 2
    if _LEADING_COMMA.match(text) or _PROSE_START.match(text):
        score -= 2
    return max(score, 0)


def looks_authored(text: str) -> bool:
    """Starts with ``Name Name:`` / ``Name, Name:``, ``Smith, J.`` or ``Name Name, “Title``."""
    lead = text.lstrip(" \t,;" + GARBLED_GLYPHS)
    m = AUTHOR_COLON.match(lead)
    if m is not None and m.end() < 160:
        return True
    return _WESTERN_AUTHOR.match(lead) is not None or _NOTE_AUTHORS_TITLE.match(lead) is not None


def starts_like_reference(text: str) -> bool:
    """Begins with an author (``Name Name:``, ``Smith, J.``) or an opening title quote."""
    return looks_authored(text) or _REFERENCE_START.match(text) is not None


def has_year(text: str) -> bool:
    """True when a four-digit year (1500-2099) appears."""
    return _YEAR.search(text) is not None


def has_url(text: str) -> bool:
    return _URL.search(text) is not None


def has_page_spec(text: str) -> bool:
    return _PAGES.search(text) is not None


def has_access_date(text: str) -> bool:
    return _ACCESS.search(text) is not None


def has_cue(text: str) -> bool:
    """Any dated/paged/linked cue (used to tell a trailing name fragment from a field)."""
    return bool(_YEAR.search(text) or _PAGES.search(text) or _ISSUE.search(text) or _URL.search(text))


def sentence_count(text: str) -> int:
    return len(_SENTENCE_END.findall(text))
