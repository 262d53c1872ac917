"""The container step: journal, newspaper, book, agency or website, read after the title.

It runs in three parts. A *cue* rule reads what introduces the container ("In Editors (Eds.),",
"In", "published in") into ``Context.cue``. Then :data:`LEAD_RULES` look at the front of what
follows: each either decides (a quoted container, "City: Publisher", a credit with no container)
and returns the text left over, or returns None and lets the next rule look. Finally the
candidate container is cut off where a date, a number or a publisher begins, and
:data:`CANDIDATE_RULES` decide what it is (a place, a publisher, a journal after a run-on
title, the container itself). The name of the rule that decided goes to the provenance.

>>> from .context import Context
>>> ctx = Context(title="Backtrack programming")
>>> take_container(" J. ACM, 12, 516-524.", ctx)
', 12, 516-524.'
>>> ctx.container, ctx.provenance
('J. ACM', ['container:container'])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ... import recache
from ..dates import YEAR_RE, find_date
from ..names import looks_like_name, split_authors
from ..vocabulary import (
    COUNTRIES,
    MEDIUM_WORDS,
    MONTH_ABBREVS_EN,
    MONTH_NAMES_EN,
    MONTH_NAMES_OTHER,
    PUBLISHING_CITIES,
)
from .authors import is_corporate_name, looks_like_names, prefix_is_authors
from .context import Context, Cue
from .patterns import (
    CONF_WORD,
    JOURNALISH,
    LOCATION_PUBLISHER,
    NEWSPAPER,
    NOT_A_CONTAINER,
    NOT_CONTAINER_WORDS,
    NUMBERS_NEXT,
    PUBLISHER_WORD,
)
from .sentences import inner_sentence_ends, may_be_journal, sentence_ends, word_before

__all__ = ["take_container", "LEAD_RULES", "CANDIDATE_RULES", "ContainerRule", "Scan"]

_PUBLISHED_IN = recache.compile(
    r"^[\s,.;:*]*(?:(?:published|publish|pub\.?|printed|appeared|reprinted)\s+(?:in|on|at)\b|ed\.(?=\s*[«\"“])|in\s*:|in\b(?=\s*[«\"“]))\s*",
    re.IGNORECASE,
)


_ED_WORDS = r"(?:(?:gen\.?\s+|general\s+)?eds?|editors?|hrsg|coords?|dirs?|comps?|hgg|a\s+cura\s+di|sous\s+la\s+dir|éds?|org|orgs)"


_IN_EDITORS = recache.compile(
    rf"^[\s,.;:]*In:?\s+(?P<eds>[^()]{{2,160}}?)\s*\({_ED_WORDS}\.?\)\s*[,.:]?\s*", re.I
)


# "Daphne Ellis (trans.), Wagner, 24": a translator or editor credit before the container
_CREDIT_PAREN = recache.compile(
    rf"^[\s,.;:]*(?P<eds>[A-Z][^()]{{1,80}}?)\s*\((?:{_ED_WORDS}|trans|tr|transl|trad)\.?\)\s*(?:[,.:]\s*|(?=\()|$)",
    re.I,
)


# APA: "Title. (M. Cooper, J. C. Watson & W. B. Stiles, Eds.) Journal, 9(1)": a special issue's editors
_CREDIT_IN_PAREN = recache.compile(
    rf"^[\s,.;:]*\((?P<eds>[A-Z][^()]{{1,160}}?),\s*(?:{_ED_WORDS}|trans|tr)\.?\)[.,]?\s*", re.I
)


_IN = recache.compile(r"^[\s,.;:]*In:?\s+", re.I)


_IN_EDITORS_ACM = recache.compile(
    r"^[\s,.;:]*In:?\s+(?P<eds>[^()]{2,160}?),?\s+(?:eds?\.?|editors?|\(eds?\.?\))(?:\s*[,.:]\s*|\s+)", re.I
)


_NAMES_NEXT = recache.compile(
    r"\s*(?:[A-Z][\w'’-]+,?\s+(?:[A-Z]\.\s?-?)+|(?:[A-Z]\.\s?-?)+\s*[A-Z][\w'’-]+)(?:\s*,|\s+and\b|\s*&)"
)


_QUOTED_CONTAINER = recache.compile(r"^[\s,.;:]*[«\"“‘*]\s*(?P<c>[^«»\"“”*]{2,200}?)\s*[»\"”’*]")


# cities where many books are published: ", Paris, Éditions Galilée" is place and publisher
_PUBLISHING_CITIES = PUBLISHING_CITIES


_PUBLISHING_CITY = recache.compile(_PUBLISHING_CITIES)


_CITY_STATE = recache.compile(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s+[A-Z]{2}")  # "Ann Arbor, MI"


_CROSS_REF = recache.compile(
    r"[A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+|\s+et\s+al\.?)\s*"
    r"(?=\[\d+\]|,\s*(?:pp?\.\s*)?\d+\s*[-–]\s*\d|\(\d{4}\))"
)


# Every alternative starts with a space, a punctuation mark or "(" / "*": the look-ahead lets the
# search skip letters at once instead of trying each alternative there.
# "R. Graham, M. Grotschel, and L. Lovasz" / "Tim Ingold": the editors named after a book title
_NAME_1 = r"(?:(?:[A-Z]\.[\s-]?)+[A-Z][\w'’-]+|[A-Z][\w'’-]+,?\s(?:[A-Z]\.\s?)*[A-Z]\b\.?|[A-Z][a-z]+\s[A-Z][\w'’-]+)"


_NAME_LIST = _NAME_1 + r"(?:(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)" + _NAME_1 + r"){0,8}"


# a whole book's extent, its count of pages ("424 p.", "248p.", "634 s.", "312 pp."): a single number
# with the page word after it, where an article would give a range ("pp. 4-9")
_WHOLE_EXTENT = r"(?-i:\d{2,4}\s?(?:p|pp|S|s|pages)\b\.?)(?![\s-]*\d)"


_CONTAINER_CUT = recache.compile(
    r"(?=[\s,.;:(*])(?:"
    r"(?:,?\s+|\s*[,.;]\s*)(?:vol(?:ume)?s?\b\.?|nos?\b\.?|nr\.|issue\b|iss\.|pp?\.|pages?\b|edition\b|\d+(?:st|nd|rd|th)\s+ed|"
    r"Page\b|Pages\b|Edition\b|Issue\b|Heft\b|H\.\s*\d|Jg\.|Bd\.|s\.\s*\d|to appear\b|in press\b|forthcoming\b|"
    r"special issue\b|lecture notes\b|lncs\b|lnai\b|reprinted\b|submitted\b|published as\b|\d{4}\s+ed\b)"
    r"|[,.]?\s+\d+\s*(?:[(:;,.]|$)|[,.]?\s+\d+[A-Za-z]?\s*[-–]\s*\d|\s*\((?![A-Z][A-Z0-9'’-]+\))|\s\*\s|\s*\*\s*$"
    r"|[,;]\s*\d+\b(?!(?:st|nd|rd|th)\b)|[,.;]\s*$"
    r"|(?-i:,\s+(?![^;:()]{0,80}?,\s+(?:and|&|or)\s+[A-Z])(?:[A-Z][a-zA-Z'’.-]+\s?){1,3},\s+(?:[A-Z]{2}\b\.?|(?:The\s)?[A-Z][a-z]+\b)(?=\s*(?:[,.;]|$|\d|\(|[A-Z][a-z]+\.?\s+\d)))"
    r"|\s+\d{1,4}\s+(?=\d|pp\b|\()|(?-i:[,.]\s+[IVXLC]{2,}\b|\s+[IVXLC]{2,}(?=:\s*\d))|,?\s+[vp]\.?\s*\d|[.,]\s+(?:eds?|trans|translated|edited|hrsg)\b\.?"
    r"|\s+\d{1,2}\s+(?:" + MONTH_NAMES_EN + r")\b"
    r"|,?\s+n[°º]\s*\d|,\s+(?:" + MONTH_NAMES_EN + "|" + MONTH_ABBREVS_EN + r")\b\.?"
    r"|,\s+(?:" + MONTH_NAMES_OTHER + r")\b"
    r"|,\s+n\.\s*p\.|,\s+\[?s\.\s?[ln]\.|,\s+v\.\s|,\s+(?-i:(?:[IVXLC]\s){1,5}[IVXLC]\b)"
    r"|[,.?]\s+(?=(?-i:" + _NAME_LIST + r"),?\s+(?:eds?\.|editors?\b|(?-i:Eds)\b))"
    r"|\s+(?-i:January|February|March|April|June|July|August|September|October|November|December)\b"
    r"|[.,]\s+suppl(?:ement)?\b|,\s+ahead\s+of\s+print|\.\s+web\b|[.,]\s+(?:trad|transl|tr)\b\.?"
    r"|,\s+(?=[^,()]{2,60}\((?:eds?|editors?|hrsg|trans)\.?\))|,\s+(?-i:[A-Z]\d{1,4})\b"
    r"|,\s+(?:" + _PUBLISHING_CITIES + r")\b(?=\s*[,:])"
    r"|(?-i:,\s+(?=[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){0,2}(?:,\s*[A-Z][\w.]+)?\s*:\s*[A-Z][^,.;:()]{1,60}?"
    r"(?:,\s*(?:1[5-9]|20)\d\d\b|\.?\s*$)))"
    r"|,\s+(?:Department|Dept\.|Faculty|School\s+of|held\s+at|University\s+of|(?-i:[A-Z]\w+)\s+University)\b"
    r"|,\s+(?=[^,]{0,40}\b(?:Presses|[ÉE]ditions|Edizioni|Editorial|Editora|Press|Verlag|Publishers?|Publishing|Springer|Wiley|Elsevier|Kluwer|Addison|Prentice)\b)"
    r"|[,.]?\s+(?=" + _WHOLE_EXTENT + r")"
    r")",
    re.IGNORECASE,
)


_MONTH_START = recache.compile(
    r"(?i)(?=[\s,.])[,.]?\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?:\s+|\()\d"
)


_DAY_BEFORE_MONTH = recache.compile(r"[\s,.]+\d{1,2}$")


_CITY_ACRONYM = recache.compile(r"(?P<loc>[A-Z][a-zé]+),\s+(?P<pub>[A-Z]{2,6})\b(?=\s*(?:[,.;]|$))")


_TAIL_LOCATION = recache.compile(
    rf"^,\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    rf"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Spring|Summer|Fall|Autumn|Winter)\b)(?P<loc>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?)(?:,?\s*{YEAR_RE})?\s*\.?\s*$"
)


_CREDIT = recache.compile(
    r"(?i)(?:trans(?:lated)?\.?|ed(?:ited)?\.?|eds\.|edited and translated|introd?\.?|tr\."
    r"|[üu]bersetzt von|traduction de|traduit par|trad\.|translation by|compiled by|review of(?=[^.]*,\s+by\s)"
    r"|dir\.|perf\.|prod\.)(?:\s+by)?\s+[A-Z]"
)


_LEADING_YEAR = recache.compile(rf"\(?{YEAR_RE}[a-z]?\)?[.,:]\s+(?=[A-Z])")


_JOURNAL_NUMBERS = recache.compile(r"[^.;()]{0,60}?,?\s*(?:vol\.?\s*)?\d{1,4}\s*\(\s*\d{1,4}[^)]{0,6}\)")


_IN_NUMBER = recache.compile(r"\s+\d{1,3}(?=\s*(?:[.,]\s+[A-Z]|\((?!\d)|$))")


# a year that belongs to a meeting's name: ", 1995 Annual Meeting", "Astronautical Congress 2007,",
# "in Unmanned Submersible Technology 2001, 2001." (the date follows again)
_MEETING_YEAR = recache.compile(
    rf"(?P<name>(?P<comma>,)?\s+(?P<y>{YEAR_RE})(?P<after>\s+(?:[A-Z][a-z]+\s+){{0,2}}(?:Meeting|Conference|Congress|Symposium"
    rf"|Workshop|Convention|Colloquium)\b)?)(?=\s*[,.;(]|\s*$)(?:\s*,\s*(?P<again>{YEAR_RE})\b)?"
)


_MEETING_WORD_END = recache.compile(
    r"(?i)\b(?:meeting|conference|congress|symposium|workshop|convention|colloquium)$"
)


# a meeting's acronym with its year in brackets after its name: " (NIPS*92)", " (UIST 94)", " (ICML-2003)"
_MEETING_ACRONYM = recache.compile(r"\s*\([A-Z][A-Z0-9&*'’-]+(?:[\s'’-]{0,2}\d{2,4})?\)(?=\s*[,.;:]|\s*$)")


# "Phys. Rev. B39", "(CVPR). IEEE", ". Citeseer": a section letter or a publisher tag after the name
_TAIL_NOISE = recache.compile(
    r"(?<=[a-z.])\s+[A-Z]\d{1,4}$|(?:(?<=[a-z]{3})|(?<=\)))[.,]\s+(?:IEEE|ACM|Citeseer|Springer)$"
)


# ". Milwaukee, November 2014." / ". Stanford University, 2011.": where and when, after the container
_PLACE_AND_DATE = recache.compile(
    rf"\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}},\s+(?:[A-Z][a-z]+\.?\s+)?(?:\d{{1,2}},?\s+)?{YEAR_RE}\b"
)


_PLACE_FOLLOWER = recache.compile(rf"\s*(?::\s*\d|,?\s*{YEAR_RE}\b)")


_ORG_WORD = recache.compile(
    r"(?i)\b(?:scientific|media|society|institute|association|foundation|pr|co|company|group)\b"
)


# a word only a periodical's name has: "... One of the Glasgow Boys. Victorian Studies 42 (1999)"
_JOURNAL_NAME = recache.compile(
    r"(?i)\b(?:journal|review|quarterly|bulletin|annals|letters|magazine|studies|transactions|zeitschrift"
    r"|revue|rivista|revista|archiv(?:es|e|o)?)\b"
)


_FILM_CREDITS = recache.compile(r"(?:(?:Dir|Perf|Prod|Screenplay)[.,]\s+(?:[A-Z]\.\s)*[^.]+\.\s*)+")


_PAGE_NEXT = recache.compile(r"\s*,\s*pp?\.\s*\d")


# ". 2012; 40(2): 497", ". 2010, 2, 1629", ". 2004 34 3 126", ". 2011 ;(61) : 40": Vancouver numbers
_VANCOUVER_NEXT = recache.compile(rf"[\s.]*{YEAR_RE}[a-z]?\s*(?:[;,]\s*|\s+)\(?\d")


_CONF_TRAILING_PLACE = recache.compile(r",\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\.?$")


# countries that close a meeting's name: "... (IJCAI-91) Sydney, Australia", "... Worlds Germany"
_COUNTRIES = COUNTRIES


_TRAILING_CITY_COUNTRY = recache.compile(
    r"(?<!\bof)(?<!\bin)(?<!\bfor)(?<!\bde)(?<!\bdu)(?<!\bla)(?<!\band)(?<!\.)[\s,]+"
    rf"(?:[A-Z][\w'’-]{{3,}}(?:/[A-Z][\w'’-]+)?,\s+(?:{_COUNTRIES})|(?:{_COUNTRIES})(?<![A-Z.]))\.?$"
)


_PERIODICAL_WORD = recache.compile(
    r"(?i)journal|review|proceedings|transactions|quarterly|bulletin|annals|letters|magazine|\b(?:j|trans|proc|lett|rev|comput|sci)\.|\bJ\b"
)


@dataclass
class Scan:
    """What the container rules look at: ``rest`` after the cue, ``body`` (its front without
    punctuation, credits and a leading year), and once cut, the candidate and where it ends."""

    rest: str
    body: str = ""
    cut: re.Match[str] | None = None
    end: int = 0
    cand: str = ""


@dataclass(frozen=True)
class ContainerRule:
    """``apply`` returns the text left after the container when it decided, else None."""

    name: str
    apply: Callable[[Context, Scan], str | None]


# Chicago "in Book Title, ed. Ronaldo Munck and Raúl Delgado Wise (London: ...)": editors after the book
_IN_BOOK_ED_NAMES = recache.compile(
    r"^[\s,.;:]*[Ii]n\s+(?P<book>[^()]{2,200}?),\s+(?:eds?\.|edited\s+by)\s+(?P<eds>[A-Z][^()]{2,120}?)"
    r"\s*(?=\(|,\s*(?:\d|[ivxlc]+\b)|[.,]?\s*$|\.\s+[A-Z])"
)


# "‘Order and Organization’ (78-96) in G.R. Evans (ed.), Book": the chapter's pages in brackets
# between its title and the "in" that names the book
# (or the year it first appeared, "Observations on Poetry and Music (1769), in R. Katz (eds.), Book"),
# or a descriptor in square brackets ("A Treatise of Human Nature [selections]. In Book")
_BRACKET_BEFORE_IN = recache.compile(
    rf"^[\s,.]*(?:\((?P<p>\d{{1,5}}\s*[-–]\s*\d{{1,5}})\)|\((?P<y>{YEAR_RE})\)|\[(?-i:[a-z])[^\]]{{1,40}}\])[\s,.]*(?=in\b)",
    re.I,
)


_INITIAL_WORD = recache.compile(r"\b[A-Z]\.")


_INVERTED_INITIALS = recache.compile(r"[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s?-?)+")


# "Title. French, B.M. and Short, N.M., eds., Shock Metamorphism of Natural Materials": the book's
# editors, marked ", eds.,", before it without "In" (geology and some science styles)
_EDITORS_FIRST = recache.compile(
    r"^[\s,.;:]*(?P<eds>[A-Z][^()\d]{2,160}?),?\s+(?:eds?\.|editors?)\s*,\s*(?=[A-Z])"
)


def _book_then_editors(text: str, ctx: Context) -> tuple[str, str]:
    """ "in New Trends in Macroeconomics, Diebolt, C., and Kyrtsou, C., (eds.)": the book's name, then
    its editors, before "(eds.)"; ("", text) when the text is all names."""
    for m in re.finditer(r",\s+", text):
        head, tail = text[: m.start()].strip(), text[m.end() :].strip(" ,")
        if len(head) <= 3 or not tail or not prefix_is_authors(tail, ctx.memo):
            continue
        if not prefix_is_authors(head, ctx.memo):
            return head, tail
        # "Coastal Dynamics Today, Okafor, N., and Costa, K.": a run of words without initials before
        # names written "Surname, I."
        if len(head.split()) >= 2 and not _INITIAL_WORD.search(head) and _INVERTED_INITIALS.match(tail):
            return head, tail
        return "", text
    return "", text


# "Gershgorin and His Circles. ser. Springer Series in Computational Mathematics": IEEE's series mark
_SERIES_CUE = recache.compile(r"^[\s,.;]*ser\.\s+[A-Z][^.;:()]{2,120}(?=\.\s|\.?$|,)")


# "In Jean Blanchon & Denis Creissels, Issues in Bantu Tonology": the book's editors named after "In" with
# no "(eds.)", two names joined by "&" or "and", then a comma and the book
_IN_NAMES_BOOK = recache.compile(
    r"(?P<n>[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,3}\s(?:&|and)\s[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,3}),"
    r"\s+(?=[A-Z][a-z])"
)


def _cue(rest: str, ctx: Context) -> str:
    """ "In Editors (Eds.), Book" (IN_BOOK), "published in" (PUBLISHED_IN), "In" (IN)."""
    sm = _SERIES_CUE.match(rest)
    if sm:
        ctx.fire("container:series-skipped")  # a series is not the container (biblatex's "series")
        return rest[sm.end() :]
    pm = _BRACKET_BEFORE_IN.match(rest)
    if pm:
        if pm.group("p"):
            ctx.pages = pm.group("p")
        if pm.group("y") and ctx.year is None:
            ctx.year, ctx.date = int(pm.group("y")), pm.group("y")  # the work's own date
        ctx.fire("container:bracket-before-in")
        rest = rest[pm.end() :]
    cm = _IN_BOOK_ED_NAMES.match(rest)
    if cm:
        names, _ = split_authors(cm.group("eds"))
        if names and all(looks_like_name(n) for n in names):
            ctx.editors, ctx.container = names, cm.group("book").strip()
            ctx.cue = Cue.IN_BOOK
            ctx.fire("cue:in-book-ed-names")
            return rest[cm.end() :]
    em = _IN_EDITORS.match(rest)
    explicit = em is not None and not re.search(r"[\d«»\"“”]", em.group("eds"))
    if em is None:
        em = _IN_EDITORS_ACM.match(rest)
        if em and _NAMES_NEXT.match(rest, em.end()):
            em = None  # "in Astronomical Data Analysis V, eds. Jacoby G. and Barnes J.": editors come after
    if em and not explicit and not prefix_is_authors(em.group("eds"), ctx.memo):
        em = None  # "(Eds.)" in brackets names editors even with a group name among them
    if em is None and "(" in rest[:90]:
        cm = _CREDIT_PAREN.match(rest) or _CREDIT_IN_PAREN.match(rest)
        if cm and prefix_is_authors(cm.group("eds"), ctx.memo):
            rest = rest[cm.end() :]  # the credited people are not the container
            ctx.fire("container:credit-skipped")
    if em:
        book, names = _book_then_editors(em.group("eds"), ctx)
        eds, _ = split_authors(names)
        ctx.editors = eds
        ctx.cue = Cue.IN_BOOK
        ctx.fire("cue:in-editors")
        if book:
            ctx.container = book
            ctx.fire("container:book-then-editors")
        return rest[em.end() :]
    fm = _EDITORS_FIRST.match(rest)
    if fm and prefix_is_authors(fm.group("eds"), ctx.memo):
        ctx.editors, _ = split_authors(fm.group("eds"))
        ctx.cue = Cue.IN_BOOK
        ctx.fire("cue:editors-first")
        return rest[fm.end() :]
    m = _PUBLISHED_IN.match(rest)
    if m and not re.match(r"[\s,.;:]*in\b", rest, re.I):
        ctx.cue = Cue.PUBLISHED_IN
        ctx.fire("cue:published-in")
        return rest[m.end() :]
    im = _IN.match(rest) or (m if m else None)
    if im:
        nm = _IN_NAMES_BOOK.match(rest, im.end())
        if nm:
            names, _ = split_authors(nm.group("n"))
            if len(names) >= 1 and all(looks_like_name(n) for n in names):
                ctx.editors = names
                ctx.cue = Cue.IN_BOOK
                ctx.fire("cue:in-names-book")
                return rest[nm.end() :]
        ctx.cue = Cue.IN
        ctx.fire("cue:in")
        return rest[im.end() :]
    return rest


# ------------------------------------------------------------------------------ lead rules


def _quoted(ctx: Context, scan: Scan) -> str | None:
    """«Journal» / "Journal": a container in quotation marks."""
    qm = _QUOTED_CONTAINER.match(scan.rest)
    if qm:
        ctx.container = qm.group("c").strip(" ,.")
        return scan.rest[qm.end() :]
    return None


# Italian style quotes the journal too: "“Gli indesiderabili”. L’Italia e l’immigrazione 1945-1948,
# “La Nuova Storia Contemporanea”, 4/6": the quoted name before the numbers is the journal
_LATER_QUOTED_JOURNAL = recache.compile(r",\s*[«\"“](?P<c>[^«»\"“”]{3,150})[»\"”]\s*,\s*(?=\d)")


def _later_quoted(ctx: Context, scan: Scan) -> str | None:
    """A quoted name before the numbers, after a quoted title and more words: the words are the title's
    subtitle, the quoted name the container."""
    if not ctx.quoted_title or not ctx.title or ctx.in_context:
        return None
    m = _LATER_QUOTED_JOURNAL.search(scan.rest, 0, 300)
    if m is None:
        return None
    head = scan.rest[: m.start()].strip(" ,.;:")
    if not head or _IN.match(scan.rest) or re.search(r"[«\"“”»]", head):
        return None
    ctx.title = f"{ctx.title.rstrip('.')}. {head}"
    ctx.container = m.group("c").strip(" ,.")
    return scan.rest[m.end() - 1 :]


def _nothing_left(ctx: Context, scan: Scan) -> str | None:
    scan.body = scan.rest.lstrip(" ,.;:*")
    return scan.rest if not scan.body else None


def _film_credits(ctx: Context, scan: Scan) -> str | None:
    """ "Dir. Hal Ashby. Prod. Andrew Braunsberg. United Artists, 1979": people, then the distributor."""
    fc = _FILM_CREDITS.match(scan.body)
    if not fc:
        return None
    scan.body = scan.body[fc.end() :]
    dm = re.match(r"\s*(?P<d>[^,.;]{2,60})(?=[,.]|$)", scan.body)
    if dm:
        ctx.publisher = dm.group("d").strip()
        return scan.body[dm.end() :]
    return None


# "Trans. Amer. Math. Soc.": "Trans." before another abbreviated word is a journal's
# "Transactions", not a translator's credit (a name follows that: "Trans. Nicholas Rand", "Trans. W. D. Ross")
_TRANSACTIONS_ABBREV = recache.compile(r"Trans\.\s+[A-Z][a-z]+\.")


def _credits(ctx: Context, scan: Scan) -> str | None:
    """ "Trans. Nicholas Rand. Critical Inquiry 13.2": skip the translator's or editor's sentence;
    "tr. W. Rehg (Cambridge, Mass.: MIT Press)": a credit and no container."""
    for _ in range(3):
        if not _CREDIT.match(scan.body) or _TRANSACTIONS_ABBREV.match(scan.body):
            break
        ends = sentence_ends(scan.body)
        if ends and ends[0] < len(scan.body) - 2:
            scan.body = scan.body[ends[0] + 1 :].lstrip()
        else:
            return scan.body
    return None


def _leading_year(ctx: Context, scan: Scan) -> str | None:
    """ "..., 1997. Computational Optimization and Applications": the year before the journal."""
    ym = _LEADING_YEAR.match(scan.body)
    if ym:
        scan.body = scan.body[ym.end() :]
    return None


# "motion picture, Fjord Films, Oslo": after the medium, who issued the work and where
_MEDIUM_IMPRINT = recache.compile(
    rf"(?i:{MEDIUM_WORDS})\s*,\s*(?P<pub>[A-Z][^,.;\d]{{1,80}}?)(?:,\s*(?P<loc>[A-Z][^,.;\d]{{1,40}}?))?(?=\s*[,.;]|\s*$)"
)


_MEDIUM_SENTENCE = recache.compile(rf"(?i:{MEDIUM_WORDS})\.\s+(?=[A-Z])")


def _medium_imprint(ctx: Context, scan: Scan) -> str | None:
    """An audiovisual work names its medium, then its publisher and place: no container."""
    sm = _MEDIUM_SENTENCE.match(scan.body)
    if sm:
        scan.body = scan.body[
            sm.end() :
        ]  # MLA: "Harbour Lights. DVD. Oslo: Fjord Films": the imprint follows
        return None
    mm = _MEDIUM_IMPRINT.match(scan.body)
    if mm is None or ctx.in_context:
        return None
    ctx.publisher = ctx.publisher or mm.group("pub").strip()
    if mm.group("loc"):
        ctx.location = ctx.location or mm.group("loc").strip()
    ctx.entry_type = ctx.entry_type or "misc"  # a film or a broadcast, not a book for having a publisher
    return scan.body[mm.end() :]


# ". In: Jahrbuch …" / ". In Jean Blanchon & Denis Creissels, Issues in Bantu Tonology": a later "In"
_LATER_IN = recache.compile(r"(?<=[\w.)’”'\"])\.\s+(?=In:?\s+[A-Z])")


def _in_later(ctx: Context, scan: Scan) -> str | None:
    """ "Vortrag auf dem 7. Kongress der Gesellschaft, Leipzig 1988. In: Jahrbuch 8": "In" after a full
    stop introduces the container, so the sentences before it still belong to the title (which stopped
    too early, at an ordinal or an abbreviation)."""
    if ctx.cue is not Cue.NONE or not ctx.title or ctx.title_first:
        return None
    m = _LATER_IN.search(scan.body, 0, 300)
    if m is None:
        return None
    head = scan.body[: m.start()].strip(" ,;")
    if not head or _PAGE_NEXT.match(head) or re.search(r"\bpp?\.\s*\d|\(\d+\)|:\s*\d", head):
        return None
    if LOCATION_PUBLISHER.match(head) or NOT_A_CONTAINER.match(head) or _CREDIT.match(head):
        return None
    glue = " " if head[:1].islower() else ". "
    ctx.title = f"{ctx.title.rstrip('.')}{glue}{head}"
    ctx.fire("container:in-later")
    return take_container(scan.body[m.end() :], ctx)


# "Newness of New Media. Special Issue, Culture Theory and Critique 54(3)": the issue's kind before the journal
_SPECIAL_ISSUE_FIRST = recache.compile(
    r"(?i:special|themed|thematic)\s+(?i:issue|section|number)\s*[,:]\s*(?=[A-Z])"
)


def _special_issue_first(ctx: Context, scan: Scan) -> str | None:
    """ "Special Issue," before a journal's name is no part of it: read on past it."""
    sm = _SPECIAL_ISSUE_FIRST.match(scan.body)
    if sm:
        scan.body = scan.body[sm.end() :]
        ctx.fire("container:special-issue-skipped")
    return None


def _not_a_container(ctx: Context, scan: Scan) -> str | None:
    """ "PhD thesis", "Technical report", "accessed ...": no container here."""
    return scan.body if NOT_A_CONTAINER.match(scan.body) else None


def _city_acronym(ctx: Context, scan: Scan) -> str | None:
    """ "Paris, PUF": a place and a publisher's initials."""
    cp = _CITY_ACRONYM.match(scan.body)
    if cp and not ctx.in_context:
        ctx.location, ctx.publisher = cp.group("loc"), cp.group("pub")
        return scan.body[cp.end() :]
    return None


# "Paris, l’Harmattan, 2007" / "Torino, Einaudi.": a city where books are published, then a short name
_CITY_PUBLISHER = recache.compile(
    rf"(?P<loc>{_PUBLISHING_CITIES}),\s+(?P<pub>[^\d,.;:()]{{2,50}}?)(?=\s*,\s*{YEAR_RE}\b|\s*\.?\s*$)"
)


def _city_publisher(ctx: Context, scan: Scan) -> str | None:
    """ "Title, Paris, l’Harmattan, 2007": the imprint written place first, with commas."""
    cp = _CITY_PUBLISHER.match(scan.body)
    if cp and not ctx.in_context and len(cp.group("pub").split()) <= 5:
        ctx.location, ctx.publisher = cp.group("loc"), cp.group("pub").strip()
        return scan.body[cp.end() :]
    return None


def _place_publisher(ctx: Context, scan: Scan) -> str | None:
    """ "New York: Thames and Hudson": place and publisher, not a container."""
    body = scan.body
    lp = LOCATION_PUBLISHER.match(body)
    if lp and re.match(r"\s*:\S", body[lp.end("loc") :]):
        lp = None  # "Internetworking:Research and Experience": no space after the colon, not a place
    if lp and _JOURNAL_NUMBERS.match(body, lp.end()):
        lp = None  # "Electronic Networking: Research, Applications and Policy, 2(1) 52-58": a journal
    if lp and not PUBLISHER_WORD.search(lp.group("pub")):
        later = LOCATION_PUBLISHER.match(body[lp.end() :].lstrip(" .,;"))
        if _PAGE_NEXT.match(body, lp.end()) or (later and PUBLISHER_WORD.search(later.group("pub"))):
            # "Contemporary Novelists: British Fiction since 1970. Basingstoke: Palgrave": a book title
            # with a subtitle (the real place and publisher come later); "The Age: Extra, p. 6": a section
            lp = None
    if lp and not ctx.in_context:
        ctx.location = lp.group("loc").strip(" (")
        ctx.publisher = lp.group("pub").strip()
        return body[lp.end() :]
    return None


# Chicago "Der Steppenwolf. Vol. 4 of Gesammelte Dichtungen. Berlin: Suhrkamp": one volume of a
# multi-volume work, named after "of"; the work is the container, the number its volume
_VOLUME_OF_WORK = recache.compile(
    r"(?i:vols?\.|volumes?|bd\.|t\.|tome)\s+(?P<v>\d{1,4}|[IVXLC]{1,6})(?:\s*(?:and|&|-|–|,)\s*(?:\d{1,4}|[IVXLC]{1,6}))?"
    r"\s+of\s+(?:the\s+)?(?P<c>[A-Z][^.;:()]{2,150}?)(?=\.\s|\.?$|,\s)"
)


def _volume_of_work(ctx: Context, scan: Scan) -> str | None:
    """ "Vol. 6 of Sämtliche Werke" / "Vols. 4 and 5 of Obras completas": the work the volume belongs to."""
    vm = _VOLUME_OF_WORK.match(scan.body)
    if vm is None:
        return None
    ctx.container = vm.group("c").strip()
    ctx.volume = ctx.volume or vm.group("v")
    ctx.entry_type = "book"  # the volume is a book; the work it belongs to is named as its container
    rest = scan.body[vm.end() :]
    for at in [0, *(m.end() for m in re.finditer(r"\.\s+", rest))]:
        lp = LOCATION_PUBLISHER.match(rest[at:])
        if lp and not ctx.publisher:
            ctx.location, ctx.publisher = lp.group("loc").strip(" ("), lp.group("pub").strip()
            break
    return rest


# "“Title.” Ana Lima and Rui Costa, eds. Coastal Lives: Essays" (MLA, no "In"): the book's editors
_EDITORS_THEN_BOOK = recache.compile(
    r"(?P<n>[A-Z][^.()\d]{2,200}?),?\s+(?:eds?|editors?)\.?[,.:]?\s+(?=[A-Z])"
)
# "82. Title. Ana Lima, Rui Costa, and Eva Berg. 2010, Coast Res J., Vol. 5(4)": a list that opens with
# the title names the authors after it, then the date, then the journal
_NAMES_THEN_DATE = recache.compile(
    rf"(?P<n>[A-Z][^.()\d]{{2,300}}?[\w])\.\s+(?i:(?:{MONTH_NAMES_EN}|{MONTH_ABBREVS_EN}|{MONTH_NAMES_OTHER})\.?\s+)?"
    rf"{YEAR_RE}[a-z]?[,.;]\s+(?=[A-Z])"
)


def _names_before_container(ctx: Context, scan: Scan) -> str | None:
    """People named between the title and the container are its authors or the book's editors,
    never the container: skip them (and the date after the authors) and read what follows."""
    em = _EDITORS_THEN_BOOK.match(scan.body)
    if em and prefix_is_authors(em.group("n"), ctx.memo):
        ctx.editors = ctx.editors or split_authors(em.group("n"))[0]
        ctx.cue = Cue.IN_BOOK
        scan.body = scan.body[em.end() :]
        ctx.fire("container:editors-then-book")
        return None
    nm = _NAMES_THEN_DATE.match(scan.body)
    if nm and "," in nm.group("n") and looks_like_names(nm.group("n"), ctx):
        if not ctx.authors:
            ctx.authors = split_authors(nm.group("n"))[0]
        scan.body = scan.body[nm.end() :]
        ctx.fire("container:authors-then-date")
    return None


LEAD_RULES: tuple[ContainerRule, ...] = (
    ContainerRule("quoted", _quoted),
    ContainerRule("later-quoted", _later_quoted),
    ContainerRule("nothing-left", _nothing_left),
    ContainerRule("volume-of-work", _volume_of_work),
    ContainerRule("leading-year", _leading_year),
    ContainerRule("film-credits", _film_credits),
    ContainerRule("credits", _credits),
    ContainerRule("special-issue-first", _special_issue_first),
    ContainerRule("names-before-container", _names_before_container),
    ContainerRule("medium-imprint", _medium_imprint),
    ContainerRule("in-later", _in_later),
    ContainerRule("not-a-container", _not_a_container),
    ContainerRule("city-acronym", _city_acronym),
    ContainerRule("city-publisher", _city_publisher),
    ContainerRule("place-publisher", _place_publisher),
)


# "J. Appl. Physiol.": a journal's name written as abbreviations only, each with its full stop
_ABBREVIATED_WORDS = recache.compile(r"\s*(?:[A-Z][a-z]*\.\s*)+")


def _names_publisher(tail: str) -> bool:
    """ "... Approach. Tioga Publishing Company, Palo Alto, CA.": the sentence after a book's name is
    a short name with a publisher's word (not a periodical's), then its place or nothing."""
    head = re.split(r"[,.;(]", tail.strip(), maxsplit=1)[0]
    return (
        0 < len(head.split()) <= 6
        and PUBLISHER_WORD.search(head) is not None
        and not JOURNALISH.search(head)
        and not CONF_WORD.search(head)
    )


def _cut_candidate(scan: Scan) -> None:
    """Where the container ends: before volume and pages, a date, a month, or a sentence end
    followed by a place and publisher."""
    body = scan.body
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
    for se in sentence_ends(body[:end]):
        tail = body[se + 1 :]
        short_tail = (
            len(tail.split()) <= 3
            and not re.search(r"\d", tail)
            and not re.match(r"\s*[A-Z][a-z]{0,5}\.", tail)
            and not (_ABBREVIATED_WORDS.fullmatch(tail) and _ABBREVIATED_WORDS.fullmatch(body[: se + 1]))
        ) or _PLACE_AND_DATE.match(tail) is not None
        if (
            LOCATION_PUBLISHER.match(tail)
            or PUBLISHER_WORD.match(tail.strip())
            or _names_publisher(tail)
            or NOT_A_CONTAINER.match(tail.strip())
            or short_tail
        ):
            end = se
            break
    scan.cut, scan.end, scan.cand = cut, end, body[:end].strip(" ,.;:*")


# ------------------------------------------------------------------------------ candidate rules


def _only_words(ctx: Context, scan: Scan) -> str | None:
    """Only a month, "vol." or "pages": nothing to name."""
    return scan.body if NOT_CONTAINER_WORDS.fullmatch(scan.cand) else None


def _date_first(ctx: Context, scan: Scan) -> str | None:
    """A date with its day or month at the front, in any language the date reader knows
    ("«Estrategia Nacional del Litio», 20 de abril de 2023, https://…"): nothing to name."""
    dm = find_date(scan.body[:60])
    if dm is None or len(dm.iso) < 7 or scan.body[: dm.start].strip(" ,.;:"):
        return None
    return scan.body if dm.end >= len(scan.body[: scan.end].rstrip(" ,.;:")) else None


# "ACI 318-02", "EC 1110-2-6000", "ISO 9001:2015": a standard's or a document's number, an acronym and a
# code with a hyphen or a colon inside, as its own sentence after the title
_DOCUMENT_NUMBER = recache.compile(r"\s+\d+(?:[-:/]\d+)+[A-Za-z]?(?=\.\s|\.?$)")


def _document_number(ctx: Context, scan: Scan) -> str | None:
    """A document's number is not a container: nothing to name here."""
    if not re.fullmatch(r"[A-Z]{2,6}", scan.cand) or scan.body[: scan.end].strip() != scan.cand:
        return None
    dm = _DOCUMENT_NUMBER.match(scan.body, scan.end)
    return scan.body[dm.end() :] if dm else None


def _cross_reference(ctx: Context, scan: Scan) -> str | None:
    """ "In Keane et al. [4], pages 233-246": a volume cited elsewhere in the list."""
    return scan.body if ctx.cue is Cue.IN and _CROSS_REF.match(scan.body) else None


def _place(ctx: Context, scan: Scan) -> str | None:
    """ "Title, Paris, Éditions Galilée, 2003": a place, not a container."""
    if _PUBLISHING_CITY.fullmatch(scan.cand) or _CITY_STATE.fullmatch(scan.cand):
        ctx.location = ctx.location or scan.cand
        return scan.body[scan.end :]
    return None


def _trim(ctx: Context, scan: Scan) -> str | None:
    """Numbers that belong to the name ("Advances in Neural Information Processing Systems 6"), and
    what does not: a section letter, a publisher tag, the place of a meeting."""
    body, cand, end = scan.body, scan.cand, scan.end
    if ctx.in_context and scan.cut and _IN_NUMBER.match(body, end):
        end = _IN_NUMBER.match(body, end).end()
        cand = body[:end].strip(" ,.;:*")
    ym = _MEETING_YEAR.match(body, end)
    if ym and (ym.group("after") or CONF_WORD.search(cand) or ctx.in_context):
        if ym.group("after") or (
            not ym.group("comma") and (_MEETING_WORD_END.search(cand) or ym.group("y") == ym.group("again"))
        ):
            end = ym.end("name")  # "Geological Society of America, 1995 Annual Meeting", "Congress 2007"
            cand = body[:end].strip(" ,.;:*")
    am = _MEETING_ACRONYM.match(body, end)
    if am and (ctx.in_context or CONF_WORD.search(cand)):
        end = am.end()  # "Advances in Neural Information Processing Systems 5 (NIPS*92)"
        cand = body[:end].strip(" ,.;:*")
    if cand[-1:].isdigit() or cand.endswith(("IEEE", "ACM", "Citeseer", "Springer")):
        cand = _TAIL_NOISE.sub("", cand).rstrip(" ,.;:*")
    conf = CONF_WORD.search(cand) is not None
    if conf and cand[-1:].isalpha():
        cm = _TRAILING_CITY_COUNTRY.search(cand)
        if cm and cm.start() > 12:
            cand = cand[: cm.start()].rstrip(" ,")
    if conf or (ctx.in_context and cand and _PLACE_FOLLOWER.match(body, body.find(cand) + len(cand))):
        # "Proceedings of ..., Edinburgh" / "..., Austin" / "in Affreschi romani..., Roma: 22-28"
        for _ in range(2 if conf else 1):
            pm = _CONF_TRAILING_PLACE.search(cand)
            if not pm or CONF_WORD.search(cand[pm.start() :]):
                break
            cand = cand[: pm.start()]
    scan.cand, scan.end = cand, end
    return None


# IEEE Xplore writes a meeting's name inverted, its year and the rest after it: "Computer Vision and
# Pattern Recognition, 1997. Proceedings., 1997 IEEE Computer Society Conference on", "Decision and
# Control, 2001. Proceedings of the 40th IEEE Conference on", "Digital Avionics Systems Conference, 2009.
# DASC'09. IEEE/AIAA 28th": all of it is the name, up to the comma after "on" or the ordinal
_INVERTED_MEETING = recache.compile(
    rf"[\s,]+{YEAR_RE}\.\s+(?:Proceedings\.?(?:,\s+{YEAR_RE}\s+[^,;()]{{3,120}}?\s(?:on|of))?"
    r"|Proceedings\s+of\s+[^,;()]{3,120}?\s(?:on|of)|[A-Z]{2,}[’']\d\d\.\s+[^,;()]{2,60}?\d+(?:st|nd|rd|th))(?=\s*,)"
)


def _inverted_meeting(ctx: Context, scan: Scan) -> str | None:
    """IEEE Xplore's inverted meeting name: the year and the "Proceedings ... Conference on" after it
    belong to the container."""
    im = _INVERTED_MEETING.match(scan.body, scan.end)
    if im:
        scan.cand = scan.body[: im.end()].strip(" ,.;:*")
        scan.end = im.end()
        ctx.container = scan.cand
        return scan.body[scan.end :]
    return None


# after a publisher's name: perhaps its edition ("3rd edition"), then perhaps the year
_ONLY_EDITION_YEAR = recache.compile(
    rf"[\s,.;]*(?:\d+(?:st|nd|rd|th)\s+(?:edition|edn|ed)\b\.?[\s,;]*)?(?:{YEAR_RE}[a-z]?)?[\s.;]*"
)


def _short_publisher(ctx: Context, scan: Scan) -> str | None:
    """ "Title. Praeger, 2005.": a short name at the end is the publisher."""
    cand = scan.cand
    if (
        not ctx.in_context
        and not ctx.quoted_title
        and (
            len(cand.split()) == 1
            or (
                len(cand.split()) <= 4
                and not JOURNALISH.search(cand)
                and not NEWSPAPER.search(cand)
                and (PUBLISHER_WORD.search(cand) or _ORG_WORD.search(cand) or "-" in cand)
            )
        )
        and not cand.isupper()
        and _ONLY_EDITION_YEAR.fullmatch(scan.body[scan.end :])
    ):
        ctx.publisher = cand
        return scan.body[scan.end :]
    return None


def _publisher_place(ctx: Context, scan: Scan) -> str | None:
    """ "Charles Griffin, London, 1982.": a publisher and its place."""
    tail_loc = _TAIL_LOCATION.match(scan.body[scan.end :])
    if tail_loc and not ctx.in_context and not ctx.volume:
        if not CONF_WORD.search(scan.cand) and not re.search(
            r"(?i)journal|review|bulletin|magazine|quarterly", scan.cand
        ):
            ctx.publisher, ctx.location = scan.cand, tail_loc.group("loc")
            return scan.body[scan.end :]
    return None


def _run_on_title(ctx: Context, scan: Scan) -> str | None:
    """ "Reactions at oxide surfaces. 1. Oxidation of As(III). Environ Sci Technol 29(8):1898":
    the title went on past its first full stop; the journal is the last sentence. Before
    Vancouver numbers ("Title in Italy. Eur Respir J. 2012; 40(2)") that holds even when the
    title's last word is capitalised."""
    cand, body, end = scan.cand, scan.body, scan.end
    vancouver = _VANCOUVER_NEXT.match(body, end) is not None
    if not (cand and ". " in cand and ctx.title and not ctx.in_context):
        return None
    if not (vancouver or NUMBERS_NEXT.match(body, end)):
        return None
    ends = [
        e
        for e in inner_sentence_ends(cand)
        if vancouver
        or word_before(cand, e, "-")[:1].islower()
        or _JOURNAL_NAME.search(cand, e + 1) is not None
    ]
    if ends:
        head, tail = cand[: ends[-1]].strip(), cand[ends[-1] + 1 :].strip()
        if may_be_journal(tail):
            if vancouver and looks_like_names(ctx.title, ctx):
                # "Goss DL. Moore JH. Title. J Orthop. 2004": the "title" was the last author
                ctx.authors = (*ctx.authors, *split_authors(ctx.title)[0])
                ctx.title = head
            else:
                ctx.title = f"{ctx.title}. {head}"
            scan.cand = tail
            ctx.fire("container:run-on-title")
    return None


def _title_then_journal(ctx: Context, scan: Scan) -> str | None:
    """ "Les populations de la Gaule. Résumé du travail de la Commission, Revue archéologique, 1864, pp.":
    the title's second sentence, a comma, then a name with a periodical's word before the numbers; the
    sentence is the title's, the name the journal."""
    cand = scan.cand
    if ", " not in cand or not ctx.title or ctx.in_context or ctx.quoted_title or ctx.title_first:
        return None
    head, _, tail = cand.rpartition(", ")
    if not _JOURNAL_NAME.search(tail) or JOURNALISH.search(head) or CONF_WORD.search(head):
        return None
    if not re.match(rf"[\s,.;]*(?:{YEAR_RE}|vol\.|pp?\.|\d)", scan.body[scan.end :]):
        return None
    if len(head.split()) < 3 or not re.search(r"(?<=\s)[a-zà-ÿ]{3,}\b", head) or looks_like_names(head, ctx):
        return None
    ctx.title = f"{ctx.title.rstrip('.')}. {head}"
    scan.cand = tail.strip()
    ctx.fire("container:title-then-journal")
    return None


# "Van Nostrand Reinhold, New York" / "Brotherhood of St Laurence, Melbourne" / "Board, Ottawa, ON"
_PUBLISHER_COMMA_PLACE = recache.compile(
    r"(?P<pub>[A-Z][^,;:]{1,80}?)\.?,\s+(?P<loc>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,?\s+(?:[A-Z]{2}|[A-Z]\.\s?[A-Z]\.))?)"
)


# nothing after the candidate but a year and an extent, in either order ("231 p.", "231 p. 1980.")
_ONLY_YEAR_EXTENT = recache.compile(
    rf"[\s,.;]*(?:(?:{YEAR_RE})[a-z]?[\s,.;]*)?(?:\d+\s*pp?\.?[\s,.;]*)?(?:(?:{YEAR_RE})[a-z]?[\s,.;]*)?"
)


def _book_imprint(ctx: Context, scan: Scan) -> str | None:
    """A book ends with its imprint, "Publisher, Place" ("Van Nostrand Reinhold, New York.") or
    "Place, Publisher" ("Leningrad, Nedra, 231 p."): at the end of the reference, with no number
    after it, a name and a one- or two-word capitalised place are an imprint, not a periodical."""
    cand = scan.cand
    if ctx.in_context or not cand or "," not in cand or ctx.volume or ctx.pages:
        return None
    if not _ONLY_YEAR_EXTENT.fullmatch(scan.body[scan.end :]):
        return None
    if JOURNALISH.search(cand) or NEWSPAPER.search(cand) or CONF_WORD.search(cand):
        return None
    m = _PUBLISHER_COMMA_PLACE.fullmatch(cand)
    if m is None:
        return None
    pub, loc = m.group("pub").strip(), m.group("loc")
    if _PUBLISHING_CITY.fullmatch(pub) and len(loc.split()) == 1:
        pub, loc = loc, pub  # "Leningrad, Nedra": the place first
    if len(pub.split()) > 10:
        return None
    ctx.publisher, ctx.location = ctx.publisher or pub, ctx.location or loc
    return scan.body[scan.end :]


# nothing after the candidate but a whole book's extent and perhaps the year, in either order
_ONLY_WHOLE_EXTENT = recache.compile(
    rf"[\s,.;]*(?:{YEAR_RE}[a-z]?[\s,.;]*)?{_WHOLE_EXTENT}[\s,.;]*(?:{YEAR_RE}[a-z]?[\s,.;]*)?"
)


def _whole_book(ctx: Context, scan: Scan) -> str | None:
    """ "Droit d'asile. U. de Bruxelles. 424 p.": a count of pages at the end is a whole book's
    extent (an article gives its range), so what stands before it is the book's publisher, not a
    periodical; unless "In" named a book the work is part of."""
    if ctx.in_context or not scan.cand or ctx.volume or ctx.pages:
        return None
    if not _ONLY_WHOLE_EXTENT.fullmatch(scan.body[scan.end :]):
        return None
    if JOURNALISH.search(scan.cand) or NEWSPAPER.search(scan.cand) or CONF_WORD.search(scan.cand):
        return None
    ctx.publisher = ctx.publisher or scan.cand
    return scan.body[scan.end :]


def _publisher_name(ctx: Context, scan: Scan) -> str | None:
    """A name with "Press", "Verlag", "Publishers" is a publisher, unless it names a periodical."""
    cand = scan.cand
    if cand and len(cand) <= 250 and PUBLISHER_WORD.search(cand) and not ctx.in_context:
        after = scan.body[scan.end :]
        if re.match(r"\.\s+[A-Z]", after) and _names_publisher(after.lstrip(" .")):
            # "“Metaphor.” Oxford English Dictionary. Oxford University Press": the publisher is the next
            # sentence, so the name before it is the work's container
            return None
        if not _PERIODICAL_WORD.search(cand):
            ctx.publisher = cand
            return scan.body[scan.end :]
    return None


def _body_publisher(ctx: Context, scan: Scan) -> str | None:
    """ "“Title,” Institute of Electrical and Electronics Engineers, 2000." / "Title. Department of
    Teaching, Learning, and Culture, Texas A&M University": an organisation named last in a dated
    reference, with only a year or an extent after it, issued the work; a periodical or a meeting
    would have its own name."""
    cand = scan.cand
    if ctx.in_context or not cand or len(cand) > 160 or ctx.url is not None:
        return None  # a page on the web names its site as its container
    if JOURNALISH.search(cand) or NEWSPAPER.search(cand) or CONF_WORD.search(cand):
        return None
    if not is_corporate_name(re.split(r",\s+|\s+\(", cand, maxsplit=1)[0]):
        return None
    after = scan.body[scan.end :]
    if not _ONLY_YEAR_EXTENT.fullmatch(after) or not (ctx.year or re.search(YEAR_RE, after)):
        return None  # an undated page names its site's owner as its container
    ctx.publisher = ctx.publisher or cand
    return scan.body[scan.end :]


# "Freshwater Fishes of Canada. Bulletin 184. Fisheries Research Board of Canada, Ottawa." / "...
# Mythology. Memoirs of the American Folk-lore Society 28. New York: Stechert.": a series and its number
# between a book's title and its imprint, printed as a sentence of the title
_SERIES_NUMBER_THEN_IMPRINT = recache.compile(r"\s+(?P<n>\d{1,4})\.\s+(?P<imprint>[A-Z].*)$")


def _series_in_title(ctx: Context, scan: Scan) -> str | None:
    """The series and its number become part of the title; what follows is the imprint."""
    sm = _SERIES_NUMBER_THEN_IMPRINT.match(scan.body, scan.end)
    cand = scan.cand
    if sm is None or ctx.in_context or ctx.quoted_title or not ctx.title or not cand:
        return None
    imprint = sm.group("imprint")
    if _IN.match(imprint):
        return None  # "In: Book": a container follows, not an imprint
    lp = LOCATION_PUBLISHER.match(imprint)
    bm = _PUBLISHER_COMMA_PLACE.match(imprint)
    if lp is None and not (bm and is_corporate_name(bm.group("pub"))):
        return None
    ctx.title = f"{ctx.title}. {cand} {sm.group('n')}"
    if lp is not None:
        ctx.location, ctx.publisher = lp.group("loc").strip(" ("), lp.group("pub").strip()
        return imprint[lp.end() :]
    ctx.publisher, ctx.location = bm.group("pub").strip(), bm.group("loc")
    return imprint[bm.end() :]


# a year that is part of a book's name: after "since", "until", "after", "before" ("British Fiction
# since 1970"), or a span of years the subtitle follows ("Verdi's Middle Period: 1849–1859: Source Studies")
_YEAR_IN_NAME = recache.compile(
    rf"\s+(?:{YEAR_RE}\s*[-–]\s*{YEAR_RE}(?=:\s+[A-Z])|{YEAR_RE}(?:\s*[-–]\s*{YEAR_RE})?(?<=\d)(?=[\s.,]))"
)
_BEFORE_YEAR_IN_NAME = recache.compile(r"(?i)\b(?:since|until|till|after|before|from)$|:$")


def _year_in_name(ctx: Context, scan: Scan) -> str | None:
    """The container's name goes on past a year that belongs to it, to the next cut."""
    body, end = scan.body, scan.end
    ym = _YEAR_IN_NAME.match(body, end)
    if ym is None or not scan.cand or not _BEFORE_YEAR_IN_NAME.search(body[:end].rstrip()):
        return None
    if body[:end].rstrip().endswith(":") and not re.match(r":\s+[A-Z]", body[ym.end() :]):
        return None  # "Journal: 2010, 12": a date after a colon, not a span in the name
    nxt = _CONTAINER_CUT.search(body, ym.end())
    stop = nxt.start() if nxt else len(body)
    se = body.find(". ", ym.end(), stop)
    stop = se if se >= 0 else stop
    scan.cand, scan.end = body[:stop].strip(" ,.;:*"), stop
    ctx.fire("container:year-in-name")
    return None


# "Handbook of Child Psychology, vol. III: Cognitive Development (4th edn)": a volume with its own title
_TITLED_VOLUME = recache.compile(
    r"(?:,\s*|\s+)(?i:vol\.|volume)\s+(?P<v>\d{1,4}|[IVXLC]{1,6}):\s+(?P<t>[A-Z][^,.;:()\[\]]{2,120}?)(?=\s*[(,.;\[]|\s*$)"
)


def _titled_volume(ctx: Context, scan: Scan) -> str | None:
    """A titled volume of a multi-volume work is part of the container's name; its number is the volume."""
    tm = _TITLED_VOLUME.match(scan.body, scan.end)
    if tm is None or not scan.cand:
        return None
    scan.cand = scan.body[: tm.end()].strip(" ,.;:*")
    scan.end = tm.end()
    ctx.volume = ctx.volume or tm.group("v")
    ctx.fire("container:titled-volume")
    return None


def _container(ctx: Context, scan: Scan) -> str | None:
    if scan.cand and len(scan.cand) <= 250:
        ctx.container = scan.cand
        return scan.body[scan.end :]
    return None


CANDIDATE_RULES: tuple[ContainerRule, ...] = (
    ContainerRule("only-words", _only_words),
    ContainerRule("date-first", _date_first),
    ContainerRule("document-number", _document_number),
    ContainerRule("cross-reference", _cross_reference),
    ContainerRule("place", _place),
    ContainerRule("inverted-meeting", _inverted_meeting),
    ContainerRule("trim", _trim),
    ContainerRule("year-in-name", _year_in_name),
    ContainerRule("titled-volume", _titled_volume),
    ContainerRule("book-imprint", _book_imprint),
    ContainerRule("whole-book", _whole_book),
    ContainerRule("short-publisher", _short_publisher),
    ContainerRule("publisher-place", _publisher_place),
    ContainerRule("run-on-title", _run_on_title),
    ContainerRule("title-then-journal", _title_then_journal),
    ContainerRule("series-in-title", _series_in_title),
    ContainerRule("publisher-name", _publisher_name),
    ContainerRule("body-publisher", _body_publisher),
    ContainerRule("container", _container),
)


def take_container(rest: str, ctx: Context) -> str:
    """Read the container (journal, newspaper, agency, website) off the front of ``rest``; return
    what follows it."""
    rest = _cue(rest, ctx)
    if ctx.container:
        return rest
    scan = Scan(rest)
    for rule in LEAD_RULES:
        left = rule.apply(ctx, scan)
        if left is not None:
            ctx.fire(f"container:{rule.name}")
            return left
    _cut_candidate(scan)
    for rule in CANDIDATE_RULES:
        left = rule.apply(ctx, scan)
        if left is not None:
            ctx.fire(f"container:{rule.name}")
            return left
    return rest
