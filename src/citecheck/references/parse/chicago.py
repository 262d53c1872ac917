"""The Chicago note layout of a book or report: ``Names, Title (Place: Publisher, Year), pages.``

Chicago notes put the publication facts of a book in parentheses after its title and the cited
page after them. The names before the title are a person list ("Thomas Keller and Ana Lima",
"Rebecca Ray, Kevin P. Gallagher, and Cynthia Sanborn, eds.") or one corporate author
("International Energy Agency", "Ministério de Minas e Energia"), which is never inverted.
A title in quotation marks is left to the Western layouts (articles and chapters).

>>> from .context import Context, Cue
>>> ctx = Context()
>>> read_chicago_book(ctx, "Thomas Keller and Ana Lima, Grid Ambitions: Power Trade (Washington, DC: Brookings, 2019), 45.")
''
>>> ctx.authors, ctx.title, ctx.location, ctx.publisher, ctx.year, ctx.pages
(('Thomas Keller', 'Ana Lima'), 'Grid Ambitions: Power Trade', 'Washington, DC', 'Brookings', 2019, '45')
"""

from __future__ import annotations

import re

from ... import recache
from ..dates import YEAR_RE
from ..names import looks_like_name, split_authors
from .context import Context, Cue

__all__ = ["read_chicago_book", "read_chicago_short", "read_chicago_unpublished"]

# "(Washington, DC: Brookings Institution Press, 2019)" / "(Paris: IEA, 2021)"
_PUBLICATION = recache.compile(
    rf"\s*\((?P<loc>[^():]{{2,60}}?):\s*(?P<pub>[^()]{{2,100}}?),\s*(?P<y>{YEAR_RE})[a-z]?\)"
)
_PAGE_AFTER = recache.compile(
    r"^\s*,\s*(?:pp?\.\s*)?(?P<p>[A-Za-z]?\d+(?:\s*[-–—]+\s*\d+)?|[ivxlc]+)\b(?:\s*[,.]|\s*$)", re.I
)
_EDS = recache.compile(r"(?:,\s*|\s*\()(?:eds?|editors?|comps?|trans|ed\. and trans)\.?\)?,\s*", re.I)
_SERIES = recache.compile(
    r",\s+(?=[^,]*\b(?:Working Paper|Policy Brief|Discussion Paper|Research Paper|Report No\.|Occasional Paper"
    r"|Policy Paper|Technical Note|Issue Brief|Papers?\s+(?:No\.\s*)?\d+)\b[^,]*$)"
)
_REPORT_WORDS = recache.compile(
    r"\b(?:Working Paper|Policy Brief|Discussion Paper|Report No\.|Occasional Paper|Issue Brief)\b"
)
_QUOTE = recache.compile(r"[\"“”«»‘]")
# "Speeches and Writings, 1832–1858, ed. Don E. Fehrenbacher": the book's editor or translator
_CREDIT = recache.compile(r",\s+(?:eds?\.|trans\.|edited\s+by|translated\s+by)\s+(?P<names>[A-Z][^()]*)$")
_AND = recache.compile(r"^(?:and|&)\s+")
# "Philosophy of Art, Douglas W. Stott (ed. and trans.)": the credits follow the title in brackets
_ROLE = r"\s*\((?:eds?|trans|ed\. and trans)\.?\)"
_CREDIT_AFTER = recache.compile(rf",\s+(?P<names>[A-Z][^()]*?){_ROLE}(?:\s*,\s+[A-Z][^()]*?{_ROLE})*\s*$")
_GIVEN = recache.compile(
    r"(?P<given>(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.)(?:\s*(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.)){0,2})"
    r"(?P<role>\s*\((?:eds?|trans|ed\. and trans)\.?\))?"
)
_IN_BOOK = recache.compile(r",\s+in\s+(?=[A-Z])")
# "Dragon in the Tropics, 2nd ed. (Washington, DC: …)": the edition closes the title
_EDITION = recache.compile(
    r",\s+(?P<e>(?:\d+(?:st|nd|rd|th)|rev\.|revised|new|expanded|updated)(?:\s+and\s+\w+\.?)?\s+ed(?:ition)?\.?)$",
    re.I,
)
# "The Cambridge History of Latin America, vol. 8, Latin America since 1930": one volume of a
# multi-volume work (its own title after the number is not the work's title)
_VOLUME = recache.compile(r",\s+vol\.\s*(?P<v>\d+|[ivxlc]+)\b(?:,.*)?$", re.I)
# abbreviations that may stand before the parentheses of a note (not sentence ends)
_ABBREVIATIONS = recache.compile(
    r"\b(?:[A-Z]\.)+|\b(?:eds?|trans|comp|St|Dr|Jr|No|Vol|rev|\d+(?:st|nd|rd|th)\s+ed)\.", re.I
)


def _names(head: str) -> tuple[tuple[str, ...], str, bool] | None:
    """(names, title, editors) of "Names, Title" — None when no name list opens ``head``."""
    em = _EDS.search(head)
    if em:
        people = head[: em.start()]
        parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", people) if p.strip() and p.strip() != "and"]
        parts = [_AND.sub("", p) for p in parts]
        if len(parts) >= 2 and len(parts[0].split()) == 1 and _GIVEN.fullmatch(parts[1]):
            parts[:2] = [f"{parts[0]}, {parts[1]}"]  # "Csampai, Attila, and Dietmar Holland (eds.)"
        if parts and all(looks_like_name(p.replace(",", " ")) for p in parts):
            return tuple(parts), head[em.end() :], True
        return None
    pieces = head.split(", ")
    if len(pieces) < 2:
        return None
    if " and " in pieces[0] or " & " in pieces[0]:
        people = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", pieces[0])]
        if all(looks_like_name(p) for p in people):
            return tuple(people), ", ".join(pieces[1:]), False
        # "Organisation for Economic Co-operation and Development": one corporate author
        return (pieces[0],), ", ".join(pieces[1:]), False
    if len(pieces) >= 3 and len(pieces[0].split()) == 1 and (gm := _GIVEN.fullmatch(pieces[1])) is not None:
        # a bibliography's inverted first name: "Weber, William, The Rise of Musical Classics (...)"
        return (f"{pieces[0]}, {gm.group('given')}",), ", ".join(pieces[2:]), bool(gm.group("role"))
    k = 1
    people = [pieces[0]]
    while k < len(pieces) - 1 and (looks_like_name(pieces[k]) or _AND.match(pieces[k])):
        people.append(_AND.sub("", pieces[k]))
        done = bool(_AND.match(pieces[k]))
        k += 1
        if done:
            break
    else:
        # no "and" before a last name: a note names one author ("Henry James, The Europeans, in ...")
        people, k = [pieces[0]], 1
    if len(people) > 1 and not all(looks_like_name(p) for p in people):
        return None
    if len(people) == 1 and (len(pieces[0].split()) > 9 or not pieces[0][:1].isupper()):
        return None
    return tuple(people), ", ".join(pieces[k:]), False


def read_chicago_book(ctx: Context, s: str) -> str | None:
    """Fill a Chicago book or report note; None when ``s`` is not one."""
    if "(" not in s or ":" not in s:
        return None
    m = _PUBLICATION.search(s)
    if m is None or m.start() < 5 or _QUOTE.search(s, 0, m.start()):
        return None
    head = s[: m.start()].strip()
    if "." in _ABBREVIATIONS.sub("", head):
        return None  # sentences before the parentheses: a bibliography or another style
    found = _names(head)
    if found is None:
        return None
    names, title, editors = found
    sm = _SERIES.search(title)
    if sm:
        ctx.entry_type = "report"
        title = title[: sm.start()]
    im = _IN_BOOK.search(title)
    if im and not editors:
        # "Henry James, The Europeans, in Novels, 1871–1880 (New York: ...)": a work inside a book
        ctx.container, title = title[im.end() :].strip(" ,"), title[: im.start()]
        ctx.cue = Cue.IN_BOOK
        ctx.entry_type = "chapter"
        ctx.fire("chicago:in-book")
    if editors:
        ctx.editors = names
    else:
        ctx.authors = names
        cm = _CREDIT.search(title) or _CREDIT_AFTER.search(title)
        if cm:
            ctx.editors = tuple(
                n.strip() for n in re.split(r",\s*|\s+and\s+", cm.group("names")) if n.strip()
            )
            title = title[: cm.start()]
            ctx.fire("chicago:book-credit")
    title = title.strip(" ,")
    if (em := _EDITION.search(title)) is not None:
        ctx.edition, title = em.group("e"), title[: em.start()]
        ctx.fire("chicago:edition")
    if (vm := _VOLUME.search(title)) is not None:
        ctx.volume, title = vm.group("v"), title[: vm.start()]
        ctx.fire("chicago:volume-of-work")
    ctx.title = title.strip(" ,")
    ctx.location, ctx.publisher = m.group("loc").strip(), m.group("pub").strip()
    ctx.year, ctx.date = int(m.group("y")), m.group("y")
    pm = _PAGE_AFTER.match(s[m.end() :])
    if pm:
        ctx.pages = pm.group("p")
        ctx.fire("chicago:page-after-publication")
    ctx.entry_type = ctx.entry_type or ("report" if _REPORT_WORDS.search(s) else "book")
    return ""


# Chicago's shortened note, for a work cited in full before: "Gallagher, China Triangle, 45." or
# "Myers and Ray, “Shifting Gears,” 4–6." — surnames only, a short title, the page; no year
_SURNAME = r"(?:[A-Z][\w'’-]+)(?:\s+(?:[A-Z][\w'’-]+|de|del|da|do|dos|van|von|la|le)){0,2}"
_SHORT_NOTE = recache.compile(
    rf"^(?P<names>{_SURNAME}(?:(?:,\s+{_SURNAME})*,?\s+and\s+{_SURNAME})?),\s+"
    r"(?:[“\"](?P<q>[^“”\"]{2,120}?),?[”\"],?|(?P<t>[^,“”\"()]{2,120}?),)\s+"
    r"(?P<p>[A-Za-z]?\d+(?:\s*[-–—]\s*\d+)?|[ivxlc]+)\.?$"
)


def read_chicago_short(ctx: Context, s: str) -> str | None:
    """Fill a Chicago shortened note (surnames, short title, page); None when ``s`` is not one."""
    m = _SHORT_NOTE.match(s)
    if m is None or re.search(YEAR_RE, s):
        return None
    names = tuple(n.strip() for n in re.split(r",?\s+and\s+|,\s+", m.group("names")) if n.strip())
    if not all(looks_like_name(n) for n in names):
        return None
    ctx.authors = names
    ctx.title = (m.group("q") or m.group("t")).strip()
    ctx.quoted_title = m.group("q") is not None
    ctx.pages = re.sub(r"\s*[-–—]\s*", "-", m.group("p"))
    return ""


# Chicago's note for a thesis or a paper: the genre, the institution and the date in parentheses
# after the quoted title: "Rosa Mendoza, “Lithium Governance” (PhD diss., University of Texas,
# 2019), 77–80." / "… (working paper, Atlantic Council, Washington, DC, March 2018), 9."
_GENRES = (
    (
        "thesis",
        r"(?:Ph\.?\s?D\.?|doctoral|master[’']?s|M\.?A\.?|MPhil)\s+(?:diss(?:ertation)?\.?|thesis)|dissertation|thesis",
    ),
    (
        "report",
        r"(?:working|discussion|policy|occasional|research|background|technical)\s+(?:paper|brief|note)(?:\s+no\.\s*\d+)?|report",
    ),
)
_UNPUBLISHED = recache.compile(
    r"^(?P<names>[^“\"()]{2,200}?),\s+[“\"](?P<t>[^“”\"]{2,300}?),?[”\"]\s*"
    r"\((?P<genre>" + "|".join(g for _, g in _GENRES) + r"),\s*(?P<where>[^()]*?),?\s*"
    rf"(?P<date>(?:[A-Z][a-z]+\.?\s+)?(?:\d{{1,2}},?\s+)?{YEAR_RE})\)"
    r"(?:,\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–—]\s*\d+)?))?\.?$",
    re.I,
)


def read_chicago_unpublished(ctx: Context, s: str) -> str | None:
    """Fill a Chicago note of a thesis or a working paper; None when ``s`` is not one."""
    m = _UNPUBLISHED.match(s)
    if m is None:
        return None
    names, et_al = split_authors(m.group("names"))
    if not names or not all(looks_like_name(n) for n in names):
        return None
    genre = m.group("genre").lower()
    kind = next(k for k, g in _GENRES if re.fullmatch(g, genre, re.I))
    where = [w.strip() for w in m.group("where").split(",") if w.strip()]
    ctx.authors, ctx.et_al = names, et_al
    ctx.title = m.group("t").strip()
    ctx.quoted_title = True
    ctx.entry_type = kind
    if where:
        ctx.publisher = where[0]
        ctx.location = ", ".join(where[1:]) or None
    year = re.search(YEAR_RE, m.group("date"))
    ctx.year = int(year.group(0)) if year else None
    ctx.date = str(ctx.year) if ctx.year else None
    if m.group("p"):
        ctx.pages = re.sub(r"\s*[-–—]\s*", "-", m.group("p"))
    return ""
