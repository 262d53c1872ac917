"""The Western layouts: author and title of APA, Chicago (notes, bibliography, author-date),
MLA, Vancouver, IEEE, physics and chemistry styles, and the seed's translated Chinese style.

:func:`read_western` takes the authors and the title off the front of a reference and returns
the rest, for the container and number rules. Where the author list ends is decided by the
first rule of :data:`AUTHOR_SPLITS` that finds an end (a date after the names, a colon, a full
stop after a name, a comma list of names); the rule's name goes to the provenance.

>>> from .context import Context
>>> ctx = Context()
>>> read_western(ctx, "Golomb, S., & Baumert, L. (1965). Backtrack programming. J. ACM, 12, 516-524.")
' J. ACM, 12, 516-524.'
>>> ctx.authors, ctx.title, ctx.year, ctx.provenance
(('Golomb, S.', 'Baumert, L.'), 'Backtrack programming', 1965, ['authors:author-date', 'title:sentence'])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ... import recache
from ..dates import YEAR_RE, find_date
from ..names import split_authors
from ..titles import find_quoted_title
from ..vocabulary import MEDIUM_WORDS
from .authors import (
    AUTHOR_MARK,
    author_end_by_sentence,
    chem_journal,
    comma_style_authors,
    is_corporate_name,
    is_initial_word,
    prefix_is_authors,
)
from .context import Context
from .patterns import APA_DATE, LOCATION_PUBLISHER, NUMBERS_NEXT
from .sentences import inner_sentence_ends, may_be_journal, sentence_ends, word_before
from .title import clean_title, title_from

__all__ = ["read_western", "AUTHOR_SPLITS", "AuthorSplit"]

# "Names, 1996, Title" / "Barthes, Roland 1988 [1964]. Title": the first edition's year may follow in brackets
_AUTHOR_YEAR = recache.compile(
    rf"[,.]?\s+\(?(?P<y>{YEAR_RE})[a-z]?\)?(?:\s*\[{YEAR_RE}\])?(?:[.,:]\s+|\s+(?=[A-Z«\"“‘]))"
)
_YEAR_SENTENCE = recache.compile(rf"^\s*\(?(?P<y>{YEAR_RE})[a-z]?\)?\s*[.,:]\s*")
_SENTENCE_CASE_WORD = recache.compile(r"(?<=\s)(?!(?:with|from|into|that|this|their|over|upon)\b)[a-z]{4,}\b")
# physics style has no title: "Phys. Rev. Lett. 83, 3370"; a section letter glued to the volume
# ("Phys. Lett. B428") is read with the volume, not with the journal's name
_JOURNAL_ONLY = recache.compile(
    r"^[\s,.;:]*(?P<j>(?:(?:[A-Z][A-Za-z&]{0,8}\.|[A-Z][a-z&]{0,4}|[A-Z][A-Z&]{1,8})\s+){0,5}"
    r"(?:[A-Z][A-Za-z&]{0,8}\.|[A-Z][a-z&]{0,4}|[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*)(?!\d))\s*,?\s*"
    r"(?:[A-Z]?\d{1,5}[A-Za-z]?|(?:1[89]|20)\d\d)(?=[\s,:;(])\s*(?:\(\d+\))?\s*[,:;]?\s*(?:\(?\d{4}\)?\s*)?[A-Za-z]?\d+"
)
_TITLE_PAGES = recache.compile(r"[\s,;-]+(?:Page|Pages|pp?\.)\s*\d+(?:\s*[-–]\s*\d+)?\s*$")
_CHEM_NUMBERS = recache.compile(
    rf"^[\s.,]*(?:(?P<y>{YEAR_RE})\s*,\s*)?(?P<v>\d{{1,4}})\s*(?:\(\d+\))?\s*,\s*(?P<pg>[A-Z]?\d+(?:\s*[-–]\s*\d+)?)\s*\.?\s*$"
)
_LOST_OPEN_QUOTE = recache.compile(r"[^«“]{8,400}?[»”]")
_LOST_OPEN_QUOTE_WORD = recache.compile(r"[^«“]{8,400}?[»”][\w]")
_UNTITLED_IN = recache.compile(r"[\s,.;]*in:?\s+(?=[A-Z‘'\"“«])")
_ET_AL_LEFT = recache.compile(r"[\s,]*et\.?\s+al(?:\.|\b)[\s,.;:]*")
_FILM_TITLE = recache.compile(r"(?P<t>[^.]{2,200}?)\.\s+(?=(?:Dir|Prod|Perf)[.,]\s+[A-Z])")
_EDS_END = recache.compile(r"(?i)(?:,\s*|\(|\s)(?:eds?|editors?|hrsg)\.?\)?\.?$")
_EDS_END_SURE = recache.compile(r"(?i)(?:,\s*|\()(?:eds?|editors?|hrsg)\.?\)?\.?$|\seds?\.?$")


@dataclass(frozen=True)
class AuthorSplit:
    """A rule that finds where the author list ends: ``find`` returns (authors, rest) or None."""

    name: str
    find: Callable[[Context, str], tuple[str, str] | None]


_EDITOR_MARK = recache.compile(r"\s*\((?:eds?|editors?|hrsg|ed\. and trans)\.?\)[.,:]?\s+", re.I)


def _editor_mark(ctx: Context, s: str) -> tuple[str, str] | None:
    """ "Whenham, John (ed.), Title" / "Ewing, David W. (ed.) Title" / "Baldwin, M. (Eds.). (2000).
    Title": "(ed.)" / "(eds.)" after names closes a list of editors."""
    m = _EDITOR_MARK.search(s, 0, 250)
    if m is None or m.start() < 2 or not prefix_is_authors(s[: m.start()], ctx.memo):
        return None
    rest = s[m.end() :]
    dm = APA_DATE.match(rest)
    if dm and dm.group("y"):
        found = find_date(dm.group(0))
        ctx.date, ctx.year = (found.iso, found.year) if found else (dm.group("y"), int(dm.group("y")))
        rest = rest[dm.end() :]
    return s[: m.start()] + " (eds.)", rest


# MLA names a creator's role after the name: "Soderbergh, Steven, director. Che." / "Lind, Petra, and
# Rui Costa, translators. Title"
_ROLE_MARK = recache.compile(
    r",\s+(?:directors?|producers?|translators?|narrators?|performers?|creators?|composers?|compilers?|hosts?)\.\s+"
    r"(?=[A-Z\d“\"‘«])"
)


def _role_mark(ctx: Context, s: str) -> tuple[str, str] | None:
    """A role word closes the list of the people who made the work."""
    m = _ROLE_MARK.search(s, 0, 250)
    if m is None or not prefix_is_authors(s[: m.start()], ctx.memo):
        return None
    return s[: m.start()], s[m.end() :]


# Harvard and AGPS cite an audiovisual work by its title: "Harbour Lights 2009, motion picture, Fjord Films"
_TITLE_YEAR_MEDIUM = recache.compile(
    rf"(?P<t>[^,]{{2,200}}?)\s+(?P<y>{YEAR_RE}),\s+(?=(?i:{MEDIUM_WORDS})\s*,)"
)


def _title_year_medium(ctx: Context, s: str) -> tuple[str, str] | None:
    """Title, year and medium with no author before them: the title opens the entry."""
    m = _TITLE_YEAR_MEDIUM.match(s)
    if m is None:
        return None
    ctx.title, ctx.title_first = clean_title(m.group("t")), True
    ctx.year, ctx.date = int(m.group("y")), ctx.date or m.group("y")
    return "", s[m.end() :]


def _author_date(ctx: Context, s: str) -> tuple[str, str] | None:
    """APA / Chicago author-date: "Names (2011). Title" / "Corporate Body. (2020). Title";
    "Title. (1996, September). Magazine" when the text before the date is a sentence, not names."""
    m = APA_DATE.search(s, 0, 300)
    if m is None:
        return None
    corporate = (
        3 <= m.start() <= 120
        and not re.search(r"[«»\"“”\d]|[a-z]\.\s", s[: m.start()].rstrip(". "))
        and s[:1].isupper()
        and s[: m.start()].count(",") <= 1
        and len(s[: m.start()].split()) <= 8
    )
    authors = prefix_is_authors(s[: m.start()], ctx.memo)
    if not authors and 8 <= m.start() <= 300 and m.group("y"):
        head = s[: m.start()].rstrip(" ,.")
        if (
            len(_SENTENCE_CASE_WORD.findall(head)) >= (1 if len(head.split()) <= 8 else 2)
            and not re.search(r"[«»\"“”]|[.:;]\s|\b[A-Z]\.|\bet al\b|\([A-Z]{2,}\)", head)
            and not re.match(r"[A-Z][\w'’-]+,\s+[A-Z]", head)
        ):
            # APA without an author: "Good chemistry. (1996, September). Magazine, 44(1), p. 8"
            ctx.year = int(m.group("y"))
            dm = find_date(m.group(0))
            ctx.date, ctx.year = (dm.iso, dm.year) if dm else (m.group("y"), ctx.year)
            ctx.title = head
            ctx.title_first = True
            return "", s[m.end() :]
    if authors or corporate:
        if m.group("y"):
            ctx.year = int(m.group("y"))
            ctx.date = m.group("y")
            dm = find_date(m.group(0))
            if dm:
                ctx.date, ctx.year = dm.iso, dm.year
        return s[: m.start()], s[m.end() :]
    return None


_ACRONYM = recache.compile(r"[A-Z][A-Z&-]{1,9}")


def is_body_name(text: str) -> bool:
    """An organisation's name ("International Energy Agency") or an acronym ("IEA", "CEPAL")."""
    text = text.strip(" ,.;:")
    return _ACRONYM.fullmatch(text) is not None or is_corporate_name(text)


def _body_then_sentence(prefix: str) -> bool:
    """The text before a year is a body's name, a full stop or a comma, and more words (the title
    that the year closes)."""
    dot = prefix.find(". ")
    if 0 < dot < len(prefix.rstrip(" .")) - 1:
        ends = sentence_ends(prefix.rstrip(" ."))
        if ends and is_body_name(prefix[: ends[0]]):
            return True
    head, comma, tail = prefix.partition(", ")  # not an acronym here: "SMITH, JONES, 2009" are surnames
    return bool(comma and tail.strip()) and is_corporate_name(head)


def _author_year(ctx: Context, s: str) -> tuple[str, str] | None:
    """Chicago author-date without brackets: "Names, 1996, Title" / "Names. 2017. “Title.”"."""
    ym = _AUTHOR_YEAR.search(s, 0, 300)
    if ym and ym.start() > 2 and _body_then_sentence(s[: ym.start()]):
        return None  # "International Energy Agency. Renewables 2021. Paris": the body's name is the author
    if ym and ym.start() > 2 and prefix_is_authors(s[: ym.start()], ctx.memo):
        ctx.year = int(ym.group("y"))
        ctx.date = ym.group("y")
        return s[: ym.start()], s[ym.end() :]
    return None


def _author_end(ctx: Context, s: str) -> int | None:
    """Where a full stop ends the author list of ``s`` (asked by two rules: computed once)."""
    if ctx.author_end is None or ctx.author_end[0] is not s:
        ctx.author_end = (s, author_end_by_sentence(s, ctx.memo))
    return ctx.author_end[1]


# a word a name does not have (lower case, or a capitalised word of five letters or more that is
# no initial): what follows the comma that ends a name list
_TITLE_WORDS = recache.compile(
    r"\b(?!(?:and|und|van|von|der|den|del|della|dos|das)\b)[a-z]{3,}\b|\b[A-Z][a-z]{4,}\s+[A-Z][a-z]{4,}\b"
)


def _comma_end(ctx: Context, s: str) -> int:
    """Length of the comma-separated author list at the front of ``s`` (asked by two rules)."""
    if ctx.comma_end is None or ctx.comma_end[0] is not s:
        ctx.comma_end = (s, comma_style_authors(s))
    return ctx.comma_end[1]


def _colon(ctx: Context, s: str) -> tuple[str, str] | None:
    """The seed's translated Chinese style and many others: "Wu Zhicheng, Li Jiaxuan: Title"."""
    colon = re.search(r":\s", s[:200])
    if colon is None or not prefix_is_authors(s[: colon.start()], ctx.memo):
        return None
    i = _author_end(ctx, s)
    if i is not None and colon.start() > i:
        return None
    if re.search(r"\d", s[: colon.start()]) or len(s[: colon.start()].split()) > 40:
        return None
    if "," in s[: colon.start()] and _TITLE_WORDS.search(s, 0, colon.start()):
        end = _comma_end(ctx, s)
        piece_end = min(colon.start(), (s.find(",", end) + 1 or colon.start() + 1) - 1)
        if end and end < colon.start() and _TITLE_WORDS.search(s, end, piece_end):
            return (
                None  # "Foley, J. D., Hughes, J. F., Computer Graphics: Principles": the names end at a comma
            )
    return s[: colon.start()], s[colon.end() :]


def _sentence(ctx: Context, s: str) -> tuple[str, str] | None:
    """Chicago bibliography, Vancouver, ACM: the author list ends with a full stop."""
    i = _author_end(ctx, s)
    if i is None:
        return None
    keep = i + 1 if is_initial_word(word_before(s, i, "")) else i
    return s[:keep], s[i + 1 :]


def _corporate(ctx: Context, s: str) -> tuple[str, str] | None:
    """A body as author: "U.S. Department of Transportation. Transportation statistics ...": the
    first sentence names an organisation and a capitalised sentence (the title) follows."""
    ends = sentence_ends(s[:200])
    if not ends or ends[0] >= len(s) - 3:
        return None
    head = s[: ends[0]]
    if is_corporate_name(head) and re.match(r"\s+[A-Z\d“\"‘«]", s[ends[0] + 1 :]):
        return head, s[ends[0] + 1 :]
    return None


def _comma_list(ctx: Context, s: str) -> tuple[str, str] | None:
    """Chicago notes and IEEE: "Thomas Keller and Ana Lima, Grid Ambitions ..."."""
    end = _comma_end(ctx, s)
    if end and end < len(s):
        return s[:end], s[end:]
    return None


def _corporate_comma(ctx: Context, s: str) -> tuple[str, str] | None:
    """Chicago notes with a body as author: "International Energy Agency, Renewables 2021, Paris:
    IEA, 2021": an organisation's name or an acronym, a comma, then the title."""
    m = re.match(r"([^,.;:()]{2,90}),\s+(?=[A-Z\d“\"‘«])", s)
    if m is None or not is_body_name(m.group(1)) or LOCATION_PUBLISHER.match(s, m.end()):
        return None
    return m.group(1), s[m.end() :]


_YEAR_FIRST = recache.compile(rf"\(?(?P<y>{YEAR_RE})[a-z]?\)?[.,]?\s+(?=[A-Z“\"‘'«])")


def _year_first(ctx: Context, s: str) -> tuple[str, str] | None:
    """ "1968 Tzeltal Numerical Classifiers. Mouton." / "2010. “Title.” Journal": a list that leaves the
    repeated author out opens the entry with its year; no author, and the title follows."""
    ym = _YEAR_FIRST.match(s)
    if ym is None:
        return None
    ctx.year = int(ym.group("y"))
    ctx.date = ctx.date or ym.group("y")
    return "", s[ym.end() :]


#: where the author list ends, tried in order
AUTHOR_SPLITS: tuple[AuthorSplit, ...] = (
    AuthorSplit("year-first", _year_first),
    AuthorSplit("title-year-medium", _title_year_medium),
    AuthorSplit("editor-mark", _editor_mark),
    AuthorSplit("role-mark", _role_mark),
    AuthorSplit("author-date", _author_date),
    AuthorSplit("author-year", _author_year),
    AuthorSplit("colon", _colon),
    AuthorSplit("sentence", _sentence),
    AuthorSplit("corporate", _corporate),
    AuthorSplit("comma-list", _comma_list),
    AuthorSplit("corporate-comma", _corporate_comma),
)


_AND_BEFORE = recache.compile(r"(?:\band|&|\bund|\bet|\by|\be)$")


def title_head_start(author_text: str, dated: bool = False) -> int | None:
    """Where the title's head begins inside ``author_text``, when its end was taken for a name.

    The names of one list share one form. Chicago and MLA invert the first name only ("Witten,
    Ian H., David Bainbridge and ..."); a list that inverts two or more inverts them all and
    writes a direct one only after "and", so "Feiner, S. K., Hughes, J. F., Computer Graphics:
    Principles" ends its names at "Computer Graphics"."""
    names, _ = split_authors(author_text)
    if len(names) < 2:
        return None
    starts, pos = [], 0
    for name in names:
        at = author_text.find(name, pos)
        if at < 0:
            return None
        starts.append(at)
        pos = at + len(name)
    for k in range(1, len(names)):
        name = names[k]
        words = name.split()
        direct_full = (
            ", " not in name
            and len(words) >= 2
            and all(w[:1].isalpha() and not is_initial_word(w.strip(".-")) for w in words)
        )
        inverted_before = k >= 2 and all(", " in m for m in names[:k])
        # Chicago inverts the first name only and joins the last one with "and": "Beetz, Manfred,
        # Frühmoderne Höflichkeit." has one name, then the title's head
        # (a year right after the names shows that they are all names: "Coüasnon, Bertrand, Bernard Rétif, 1995")
        last_after_one = not dated and k == 1 == len(names) - 1 and ", " in names[0]
        if (
            direct_full
            and (inverted_before or last_after_one)
            and not _AND_BEFORE.search(author_text[: starts[k]].rstrip(" ,;"))
        ):
            return starts[k]
    return None


def split_unquoted(ctx: Context, s: str) -> tuple[str, str]:
    """(authors text, remainder starting with the title) of a reference without a quoted title."""
    for rule in AUTHOR_SPLITS:
        found = rule.find(ctx, s)
        if found is not None:
            ctx.fire(f"authors:{rule.name}")
            if found[0] and s.startswith(found[0]):
                at = title_head_start(found[0], dated=rule.name in ("author-date", "author-year"))
                if at is not None:
                    ctx.fire("authors:title-head")
                    return s[:at], s[at:]
            return found
    return "", s


_QUOTE_THEN_SENTENCE = recache.compile(
    r"(?P<glue>[?!.]?)\s+(?P<more>(?:in\s+|[A-Z])[^.?!]{3,200}?[.?!])\s+(?=In:?\s+(?!press\b)[A-Z])"
)


_NOT_TITLE_SENTENCE = recache.compile(
    r"(?i)(?:trans(?:lated)?\b|ed(?:ited)?\b|eds\.|review of|paper presented|presented at|\d|vol\.|pp?\.)"
)


def _quoted(ctx: Context, s: str) -> tuple[str, str] | None:
    """A title in quotation marks (or «»): the authors are what stands before it."""
    memo = ctx.memo
    q = find_quoted_title(s, prefix_ok=lambda prefix: prefix_is_authors(prefix, memo))
    if q is None:
        return None
    o, c, title = q
    prefix = s[:o]
    dm = APA_DATE.search(prefix)
    if dm:
        d2 = find_date(dm.group(0))
        if d2:
            ctx.date, ctx.year = d2.iso, d2.year
        prefix = prefix[: dm.start()] + prefix[dm.end() :]
    rest = s[c + 1 :]
    qm = _QUOTE_THEN_SENTENCE.match(rest)
    if qm and not _NOT_TITLE_SENTENCE.match(qm.group("more")):
        # "‘Tone Cases’ in Bantu Group B.40. In Jean Blanchon, Book": the quotation opens the title,
        # which goes on to the sentence before the book's "In"
        title = f"{title.strip()}{qm.group('glue').rstrip()} {qm.group('more').strip()}"
        rest = rest[qm.end("more") :]
        ctx.fire("title:quoted-then-more")
    ctx.title = clean_title(title)
    ctx.quoted_title = True
    ctx.fire("title:quoted")
    return prefix, rest


def _lost_open_quote(ctx: Context, s: str) -> tuple[str, str] | None:
    """The opening quote was lost (the title began on an earlier line): «… » without «."""
    if not ("»" in s or "”" in s):
        return None
    lq = _LOST_OPEN_QUOTE.match(s)
    if lq is None or _LOST_OPEN_QUOTE_WORD.match(s):
        return None
    c = lq.end() - 1
    ctx.title = clean_title(s[:c])
    ctx.fire("title:lost-open-quote")
    return "", s[c + 1 :]


def _unquoted(ctx: Context, s: str) -> tuple[str, str]:
    """No quotation marks: split off the authors, then read the title up to its sentence end."""
    fm = None if ctx.same_author else _FILM_TITLE.match(s)
    if fm:
        # MLA film: "The Arrival. Dir. David Twohy. Perf. Charlie Sheen. Artisan, 1996."
        author_text, remainder = "", s[fm.end("t") + 1 :]
        ctx.title = fm.group("t")
        ctx.title_first = True
        ctx.fire("title:film")
    else:
        author_text, remainder = ("", s) if ctx.same_author else split_unquoted(ctx, s)
    etm = _ET_AL_LEFT.match(remainder) if author_text else None
    if etm:
        # "Hwang I.-W. et al., J. Phys. Chem. C 2008, 112": "et al." closes the author list
        author_text, remainder = author_text.rstrip(" ,") + " et al.", remainder[etm.end() :]
    comma_style = author_text.rstrip().endswith(",") or bool(re.match(r"\s*,", remainder))
    chem = _CHEM_NUMBERS.match(remainder) if author_text and "," in author_text else None
    if chem and (chem.group("y") or ctx.year):
        # "S. E. Han, G. Chen, Nano Lett. 2010, 10, 1012.": the last piece is the journal
        head, _, last = author_text.strip(" ,.").rpartition(",")
        if head and chem_journal(head, last):
            author_text, remainder = head, remainder[chem.end() :]
            ctx.container = last.strip(" ,.")
            if chem.group("y"):
                ctx.year, ctx.date = int(chem.group("y")), ctx.date or chem.group("y")
            ctx.volume, ctx.pages = chem.group("v"), chem.group("pg")
            ctx.fire("layout:chemistry")
    ym = _YEAR_SENTENCE.match(remainder)
    if ym and (author_text or ctx.same_author):
        # "Names. 1996. Title" / "———. 1836. Title": the year stands between the names and the title
        ctx.year = int(ym.group("y"))
        ctx.date = ctx.date or ym.group("y")
        remainder = remainder[ym.end() :]
        ctx.fire("year-sentence")
    jm = _JOURNAL_ONLY.match(remainder) if author_text else None
    if ctx.title_first:
        title, rest = ctx.title or "", remainder
    elif author_text and ctx.year and _UNTITLED_IN.match(remainder):
        # "Arnaud, K.A., 1996, in Astronomical Data Analysis Software and Systems V, eds. ...":
        # astronomy style names the volume a paper is in and gives the paper no title
        title, rest = "", remainder
        ctx.fire("title:untitled-in")
    elif jm:
        # "Phys. Rev. Lett. 83, 3370 (1999)": physics style has no title
        title, rest = "", remainder
        ctx.container = jm.group("j").strip(" ,.")
        rest = remainder[jm.end("j") :]
        ctx.fire("title:physics-untitled")
    else:
        title, rest = title_from(remainder, comma_style)
        ctx.fire("title:sentence")
    ctx.title = clean_title(title) or None
    return author_text, rest


def _set_authors(ctx: Context, author_text: str) -> None:
    author_text = AUTHOR_MARK.sub("", author_text).strip(" ,:;")
    if author_text.endswith(".") and not re.search(r"(?:^|[\s.,-])[A-Z]\.$", author_text):
        author_text = author_text[:-1]
    if not author_text:
        return
    eds_m = _EDS_END.search(author_text)
    if eds_m and not _EDS_END_SURE.search(author_text):
        eds_m = None
    names, et_al = split_authors(author_text)
    if eds_m:
        ctx.editors = names
        ctx.fire("authors:editors")
    else:
        ctx.authors, ctx.et_al = names, et_al


_ELSEVIER_NUMBERS = recache.compile(rf"^\s*,\s*\d{{1,4}}\s*\(\s*{YEAR_RE}\s*\)\s*,\s*(?:pp?\.|\d)")
# a run of capitalised words, some abbreviated, after a lower-case word at the end of the title
_GLUED_JOURNAL = recache.compile(r"(?<=[a-z)]\s)(?P<j>[A-Z][a-z]*\.?(?:\s+[A-Z][a-z]*\.?){0,5})$")


# "Title? (abstract). Lunar Science" / "Title, W. Germany (abstract). EOS": a bracketed note of the kind of
# work closes the title, and what stands between the title and it is the title's
_GENRE_NOTE = recache.compile(
    r"^(?P<more>\s*[,:]\s+[^().;]{1,40}?(?:\.\s[^().;]{1,30}?)?)?\s*\((?i:abstract|extended abstract|poster)\)"
)


_PERIODICAL_HEAD = recache.compile(
    r"(?:The\s+)?(?:Journal|Annals|Proceedings|Transactions|Bulletin|Archives|Revue|Revista|Rivista|Zeitschrift)"
    r"\s+(?:of|de|des|du|di|für|for|on)\s+[A-Z][^.:;?!]{2,120}$"
)
_VOLUME_ISSUE_NEXT = recache.compile(r"\s*,\s*(?:vol\.\s*)?\d{1,4}\s*\(\s*\d{1,4}[^)]{0,6}\)\s*[,:]")


def _title_tail(ctx: Context, rest: str) -> str:
    """What a title cannot end with: pages ("..., Page 23"), or a journal's name before its numbers;
    and what it ends with: a note of the kind of work ("(abstract)")."""
    gm = _GENRE_NOTE.match(rest) if ctx.title and not ctx.quoted_title else None
    if gm:
        ctx.title = clean_title(ctx.title + rest[: gm.end()])
        rest = rest[gm.end() :]
        ctx.fire("title:genre-note")
    if ctx.title:
        tm = _TITLE_PAGES.search(ctx.title)
        if tm and tm.start() > 3:
            rest = ctx.title[tm.start() :] + " " + rest
            ctx.title = clean_title(ctx.title[: tm.start()])
            ctx.fire("title:pages-out")
    if (
        ctx.title
        and not ctx.container
        and _PERIODICAL_HEAD.match(ctx.title)
        and _VOLUME_ISSUE_NEXT.match(rest)
    ):
        # "(2009) Journal of Mathematical Imaging and Vision, 35 (2), pp. 155-164": a periodical's name
        # right before its volume and issue, where the title would be: the entry lost its title
        ctx.container, ctx.title = ctx.title, None
        ctx.fire("title:periodical-only")
        return rest
    if ctx.title and not ctx.container and _ELSEVIER_NUMBERS.match(rest):
        gm = _GLUED_JOURNAL.search(ctx.title)
        if gm and len(gm.group("j").split()) >= 2:
            # Elsevier's "... a randomized clinical trial Diabetes Educ., 36 (2010), pp. 629-639": no full
            # stop between the title and the journal's abbreviated name before "vol (year), pp."
            ctx.title, ctx.container = clean_title(ctx.title[: gm.start("j")]), gm.group("j").strip(" .,")
            ctx.fire("title:journal-glued")
    if ctx.title and not ctx.container and ". " in ctx.title and NUMBERS_NEXT.match(rest):
        # "Fourier integral operators. I. Acta mathematica, 127(1):79": numbers right after the
        # "title" show that its last sentence is the journal
        ends = inner_sentence_ends(ctx.title)
        if ends:
            head, tail = ctx.title[: ends[-1]], ctx.title[ends[-1] + 1 :].strip()
            rm = re.match(r"([IVX]{1,4})\.\s+(?=[A-Z])", tail)
            if rm:
                head, tail = f"{head}. {rm.group(1)}", tail[rm.end() :]  # "operators. I. Acta mathematica"
            if may_be_journal(tail):
                ctx.title, ctx.container = clean_title(head), tail
                ctx.fire("title:journal-out")
    return rest


# a list bullet before the entry ("- V. Morel, « Titre »"), not the dash of a repeated author ("———.")
_BULLET = recache.compile(r"^[-–•]\s+(?=[A-Z])")


def read_western(ctx: Context, s: str) -> str:
    """Fill authors (or editors) and title from ``s``; return the text after the title."""
    bm = _BULLET.match(s)
    if bm:
        s = s[bm.end() :]
        ctx.fire("bullet-dropped")
    found = _quoted(ctx, s) or _lost_open_quote(ctx, s)
    author_text, rest = found if found is not None else _unquoted(ctx, s)
    _set_authors(ctx, author_text)
    return _title_tail(ctx, rest)
