"""The title of a Western reference: where it ends, and how it is cleaned.

>>> title_from("Backtrack programming. J. ACM, 12, 516-524.", False)
('Backtrack programming', ' J. ACM, 12, 516-524.')
>>> clean_title(' «Backtrack programming». ')
'Backtrack programming'
"""

from __future__ import annotations

import re

from ... import recache
from ..dates import YEAR_RE
from ..titles import find_quoted_title
from ..vocabulary import COUNTRIES, MEDIUM_WORDS, PUBLISHING_CITIES
from .patterns import CONF_WORD, LOCATION_PUBLISHER, PUBLISHER_WORD
from .sentences import sentence_ends

_NON_TITLE_SEGMENT = recache.compile(
    r"(?i)^\s*(?:in\b|in:|to appear|submitted|paper\b|pp?\.|pages?\b|vol\b|vol\.|volume\b|no\.|proc\b|proc\.|proceedings\b|"
    r"journal\b|j\.|ieee\b|acm\b|lecture notes|lncs\b|tech(?:nical)?\b|ph\.?\s*d|thesis\b|dissertation\b|master|"
    r"preprint\b|manuscript\b|unpublished\b|personal communication|available\b|retrieved\b|\d|"
    r"eds?\.|tr\.|trans\.|edited\b|translated\b|working paper|[^,()]*\((?:eds?|trans|tr|ed\. and trans)\.?\)"
    rf"|(?:{MEDIUM_WORDS})\s*$)"
    r"|^[^,]{0,60}\b(?:IEEE|ACM|Proc|Proceedings|Conference|Conf|Symposium|Workshop|Seminar|Congress|Colloquium|Trans"
    r"|Journal|Review|Bulletin)\b"
)


_ABBREV_WORD = recache.compile(r"\b(?:[A-Z][a-z]{0,4}|Trans|Bull|Assoc)\.(?=\s|$)")


_DATE_IN_TITLE = recache.compile(
    rf"(?i)[,\s]\s*\(?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?{YEAR_RE}\)?\s*$"
)


# a bare year after the last word ("Renewables 2021"), not ", 2021" or "(2021)" or "May 2021"
_YEAR_NAMES_EDITION = recache.compile(rf"\s+{YEAR_RE}\s*$")


_LATER_YEAR = recache.compile(rf"\b{YEAR_RE}\b")


_SUBTITLE_NEXT = recache.compile(
    r"\s*(?:In:?\s|[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}(?:,\s*[A-Z]{2,}|,\s*[A-Z][a-z]+)?\s*:\s)"
)


# "Title. Subtitle. Edited by ..." / "... Translated by" / "... 2nd ed.": a book's credits or edition
# follow its whole title, so the sentence before them is still the title's
_CREDIT_NEXT = recache.compile(
    r"\s*(?:(?:Edited|Translated|Compiled|Introduced|Selected)\s+(?:and\s+\w+\s+)?(?:by|with)\b|(?:Trans|Ed|Comp)\.\s+[A-Z]"
    r"|(?:Traduction|Traducción|Tradução)\s+de\b|Traduit\b|Traduzione\s+di\b|(?:[ÜU]bersetzt|Herausgegeben)\s+von\b"
    r"|\d+(?:st|nd|rd|th)\s+(?:rev\.\s+)?ed(?:ition|n)?\b)"
)


_VOL_THESIS_SUFFIX = recache.compile(
    r"[:,.]?\s*\b(?:vol(?:ume)?\.?\s*\d+\b.*|(?:ph\.?\s*d\.?|doctoral|master'?s?)\s+(?:thesis|dissertation)\b.*)$",
    re.I,
)


_ROMAN_PART = recache.compile(r"\s*(?:[IVX]{1,4}|Part\s+[IVX\d]+)\s*$|\s*[IVX]{1,4}\.\s+[A-Z]")


_NOT_SUBTITLE = recache.compile(
    r"(?i)\s*(?:edited|translated|trans\.|ed\.|eds\.|reprint|revised|dir\.|perf\.|introduction by|foreword|"
    r"with an? |\d+(?:st|nd|rd|th)\b|volume|vol\.|review of|paper presented|presented at"
    r"|traduction|traduit|traducción|tradução|traduzione|[üu]bersetzt|herausgegeben"
    # MLA's medium, a sentence of its own: "Che. DVD. New York: Criterion"
    r"|(?:dvd|cd-rom|cd|blu-ray|vhs|videocassette|audiocassette|lp|print|web)\s*$)"
)


_MEDIA_SUFFIX = recache.compile(
    r"\s*(?:\[[^\]]{2,40}\]|\((?:translated|trans\.|edited|ed\.|eds\.)[^)]{0,80}\)"
    r"|\([^()]{2,80},\s*(?:eds?|trans|tr)\.\))\s*$",  # "(G. Geymonat, ed.)": a credit, not the title's
    re.I,
)


_ED_SUFFIX = recache.compile(
    r"(?i)\s*\((?:\d+\w*|second|third|fourth|revised|rev\.)\s*(?:edition|ed\.?|edn\.?)[^)]{0,12}\)\s*$"
)


_PAREN_CUT = recache.compile(
    r"(?=[\s,(])(?![\s,]*\([^()]{1,40}\)\s+(?-i:[a-z]{3,}))"  # "Kelly's (1997) suggestion": the sentence goes on
    # "... in the UK (2005-2008)", "The Four Texts (1798, 1799, 1805, 1850)", "la Ligue (1589-1595): l'apport":
    # a period or a list of years in brackets closing the title or its main part is the title's
    r"(?!\s*\(\s*(?:\d{3,4}\s*[-–,]\s*)+\d{1,4}\s*\)\s*(?::|$))"
    # "... clinique (1ère partie)", "(2nd part)", "(2. Teil)": the part of a work in several is the title's
    r"(?!\s*\(\s*\d{1,2}\s*(?:st|nd|rd|th|e|er|re|ère|ème|\.)?\s*(?:part|partie|parte|teil)\s*\))"
    r"(?:\s*\((?=[A-Z][\w .'’-]*:)|\s+\((?=(?:pp?\.|vol|\d))"
    r"|\s*,?\s*\((?=[^()]*\b(?:Press|University|Publishers?|Verlag|Books|trans\.?|tr\.|eds?\.|edn|edition|dissertation|thesis|"
    r"report|brief|paper|ed\.|series|reihe|(?:1[5-9]|20)\d\d)\b[^()]*\)))",
    re.I,
)


def _is_period(m: re.Match[str]) -> bool:
    a, b = int(m.group("a")), int(m.group("b"))
    if m.groupdict().get("era"):
        return 0 < a < b <= 2100  # "AD 400-700": the era says these are years, however early
    if a >= 1000 and b < 10:
        b += a - a % 10  # "1561-2"
    elif a >= 1000 and b < 100:
        b += a - a % 100  # "1996-97"
    return 500 <= a < b <= 2100


# "..., 950-1100", "..., AD 400-700 : the Ceramic Evidence", "..., 1918–1956: An Experiment": a
# period the work covers, at the end of the title or before its subtitle (pages are not in order of
# centuries, and a year range after a title is the title's)
_MONTH_WORD = r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?"


_PERIOD_RE = recache.compile(
    rf"(?i:\s*(?P<era>AD\s+|CE\s+)?{_MONTH_WORD}(?P<a>\d{{1,4}})\s*[-–]\s*{_MONTH_WORD}(?P<b>\d{{1,4}})\s*)(?=$|:\s|,\s+[A-Z])"
)


class _Period:
    @staticmethod
    def match(text: str, pos: int) -> bool:
        m = _PERIOD_RE.match(text, pos)
        return m is not None and _is_period(m)


_PERIOD = _Period()


# a period or a list of years in brackets closing the title, which _PAREN_CUT keeps in it
_YEARS_IN_BRACKETS_END = recache.compile(r"\(\s*(?:\d{3,4}\s*[-–,]\s*)+\d{1,4}\s*\)\s*$")


# "1991-December" / "1815-": the first half of a period, just before the year that closes it
_RANGE_OPEN = recache.compile(r"\d\s*[-–]\s*(?:[A-Za-z]+\.?)?\s*$")


# a translator's or an editor's credit after the title: "tr. W. Rehg", "Michael Holquist (ed.)"
_CREDIT_AFTER = recache.compile(
    r"(?i)\s*(?:(?:tr|trans|transl|trad|ed|eds)\.\s+[A-Z]|(?:(?![.:;]\s)[^,()]){2,60}\((?:eds?|trans|tr|ed\. and trans)\.?\))"
)


# the end of a book reference in comma style: "Publisher, Place[, ST][, year]."
_IMPRINT_AT_END = recache.compile(
    rf"(?:[A-Z][\w&'’.-]*|[A-Z]{{2,}})(?:\s+[A-Z][\w&'’.-]*){{0,2}},\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
    rf"(?:,\s*(?:[A-Z]{{2,3}}|[A-Z][a-z]+\.?))?(?:,?\s*{YEAR_RE})?\s*\.?\s*$"
)


_SERIES_VOLUME_END = recache.compile(r"(?i)\s(?:vol(?:ume)?\.?|no\.)\s*\d+\s*\.?\s*$")


# IEEE's "ser." names the series after the title: "Gershgorin and His Circles. ser. Springer Series in ..."
_SERIES_MARK = recache.compile(r"\.\s+ser\.\s+(?=[A-Z])")


# a city where books are published, then a comma or a colon: the place of the imprint
_CITY_THEN_IMPRINT = recache.compile(rf"(?:{PUBLISHING_CITIES})\s*[,:]\s(?!(?:{COUNTRIES})\b)")


_SERIAL_LIST = recache.compile(r"[A-Z][^,.;:()]{1,40},\s+(?:and|&|or|und|et|y)\s+[A-Z]")


def _comma_cut(title: str, full: str) -> int | None:
    """First ", " in ``title`` after which the text (read on in ``full``) is container, date or pages."""
    for m in re.finditer(r",\s+", title):
        if m.start() < 8:
            continue
        if title.count("(", 0, m.start()) > title.count(")", 0, m.start()):
            continue  # "The Four Texts (1798, 1799, 1805, 1850)": a comma inside brackets ends nothing
        seg = re.split(r",|\s\(", title[m.end() :], maxsplit=1)[0]
        seg_on = full[m.end() :].split(",", 1)[0].strip()
        if _PERIOD.match(title, m.end()):
            continue  # "A History of Dartmouth College, 1815-1909": a period in the title
        if _SERIAL_LIST.match(full, m.end()):
            continue  # "Causation, Prediction, and Search": a list inside the title
        if _NON_TITLE_SEGMENT.match(seg) or PUBLISHER_WORD.search(seg) or _ABBREV_WORD.match(seg_on):
            return m.start()
        if _CREDIT_AFTER.match(seg_on):
            return m.start()  # "..., tr. W. Rehg (Cambridge", "..., Michael Holquist (ed.), ...": a credit
        if _IMPRINT_AT_END.match(full, m.end()) and not _SERIAL_LIST.match(full, m.end()):
            return m.start()  # "Andrei Tarkovski, Edilig, Paris, 1988": publisher, place and year close it
        if _CITY_THEN_IMPRINT.match(full, m.end()):
            return m.start()  # "The Frankish World, 750-900, London, Rio Grande, 1996": the imprint begins
        if re.search(rf"\b{YEAR_RE}\b|\d+\s*[-–]\s*\d+|\(\d+\)", seg) and not re.match(
            r"\s*(?:and|or)\b", seg
        ):
            return m.start()
        jm = re.match(
            r"[A-Z][^,]{1,80},\s*(?=(?i:\d|vol|pp|no\b|issue\b|iss\.|[vnp]\.\s*\d|[vn]\.\s*(?:spring|summer|autumn|fall|winter)\b))",
            full[m.end() :],
        )
        if (
            jm
            and not re.search(r"\.\s+[A-Z][a-z]{3,}", seg_on)
            and not _PERIOD.match(title, m.end() + jm.end())
        ):
            return m.start()  # "..., Computer Networks, 12" (not "..., United States, 1964–2004", a period)
        pm = re.match(
            rf"[A-Z][a-zé]+,\s*(?:[A-Z]{{2,}}\b|{YEAR_RE}|[^,]{{0,30}}\b(?:Press|[EÉ]ditions?|Verlag|Publishers?)\b)",
            full[m.end() :],
        )
        if pm and " " not in seg.strip() and not _PERIOD.match(title, m.end() + pm.group(0).find(",") + 1):
            return m.start()  # "..., Paris, PUF" / "..., Paris, Éditions Galilée, 2003"
        if seg.lstrip().startswith("("):
            return m.start()
        if _SERIES_VOLUME_END.search(seg):
            return (
                m.start()
            )  # "FluidMechanics, Course of Theoretical Physics Vol. 6": a series and its volume
        if re.fullmatch(r"\s*[A-Z][\w.&'’ ]{0,60}\s\d{1,4}\s*", seg) and re.match(
            r"\s*[A-Z][\w.&'’ ]{0,60}\s\d{1,4}\s*(?:\(|,|$)", full[m.end() :]
        ):
            return m.start()  # "..., Computer 20 (1987)": a journal and its volume
    return None


def _subtitle_before_imprint(rest: str, end: int, next_end: int) -> int:
    """ "Surveiller et jouir. Anthropologie politique du sexe, Paris, EPEL, 2010": in comma style a
    subtitle sentence runs on to the comma where the imprint begins; return where the title ends."""
    comma = rest.find(", ", end + 1, next_end)
    seg = rest[end + 1 : comma].strip() if comma > 0 else ""
    if not seg or not seg[:1].isupper() or re.search(r"\d|[;:()]", seg) or len(seg.split()) > 12:
        return end
    at = comma + 2
    if (
        _CITY_THEN_IMPRINT.match(rest, at)
        or _IMPRINT_AT_END.match(rest, at)
        or LOCATION_PUBLISHER.match(rest[at:])
    ):
        return comma
    return end


_QUOTE_GOES_ON = recache.compile(r"\s+(?P<more>in\s+[^?!]{3,200}?[.?!])\s+(?=In:?\s+(?!press\b)[A-Z])")


def title_from(rest: str, comma_style: bool) -> tuple[str, str]:
    """Take the title off the front of ``rest``; return (title, remainder)."""
    rest = rest.lstrip(" ,.;:")
    q = find_quoted_title(rest, max_prefix=3)
    if q is not None:
        mm = _QUOTE_GOES_ON.match(rest, q[1] + 1)
        if mm:
            # "‘Tone Cases’ in Bantu Group B.40. In Jean Blanchon, Book": the quoted words open the title,
            # which runs on to the sentence before the book's "In"
            return f"{rest[q[0] : q[1] + 1].strip()} {mm.group('more').strip()}", rest[mm.end("more") :]
        return q[2], rest[q[1] + 1 :]
    ends = sentence_ends(rest)
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
            not (_SUBTITLE_NEXT.match(rest, ends[k + 1] + 1) or _CREDIT_NEXT.match(rest, ends[k + 1] + 1))
            or LOCATION_PUBLISHER.match(seg)
            or re.match(r"\s*In\b", seg)
        ):
            break
        if PUBLISHER_WORD.search(seg) or CONF_WORD.search(seg) or _NOT_SUBTITLE.match(seg):
            break
        k += 1
        end = ends[k]
    if comma_style:
        end = _subtitle_before_imprint(rest, end, ends[k + 1] if k + 1 < len(ends) else len(rest))
    title = rest[: end + 1] if end < len(rest) and rest[end] in "?!" else rest[:end]
    sm = _SERIES_MARK.search(title)
    if sm:
        end = sm.start()
        title = rest[:end]
    after = rest[end + 1 :] if end < len(rest) else ""
    cut = _comma_cut(title, rest)
    pm = _PAREN_CUT.search(title)
    if pm and pm.start() > 8 and (cut is None or pm.start() < cut):
        cut = pm.start()
    if cut is not None:
        after = title[cut:] + (". " + after if after else "")
        title = title[:cut]
    dm = _DATE_IN_TITLE.search(title)
    if (
        dm
        and _YEAR_NAMES_EDITION.match(dm.group(0))
        and (_LATER_YEAR.search(after) or LOCATION_PUBLISHER.match(after))
    ):
        # "Renewables 2021. Paris: IEA, 2021." / "Renewables 2021. Paris: IEA.": the date comes
        # after the place and publisher, so a bare year closing the title sentence is the title's
        dm = None
    if dm and _RANGE_OPEN.search(title, 0, dm.start()):
        dm = None  # "..., September 1991-December 1996": the year closes a period in the title
    if dm and _YEARS_IN_BRACKETS_END.search(title):
        dm = None  # "The Four Texts (1798, 1799, 1805, 1850)": the years the work covers, not its date
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


def clean_title(t: str) -> str:
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
