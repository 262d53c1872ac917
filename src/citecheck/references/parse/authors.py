"""Is this text a list of names? The tests the Western layouts use to end an author list.

>>> prefix_is_authors("Romero, C., Paunesku, D., & Dweck, C.")
True
>>> prefix_is_authors("James Gleick, Chaos")
False
"""

from __future__ import annotations

import re

from ... import recache
from ..names import _INITIAL, PARTICLES, looks_like_name, split_authors
from ..vocabulary import ORGANISATION_WORDS
from .context import Context
from .patterns import APA_DATE
from .sentences import word_before

_LOWER_WORD = recache.compile(r"(?<![\w'’.-])[a-z][a-z]{3,}\b")


_NAME_GLUE = frozenset(
    "others della dell von der den van ter ten dos das del editors editor eds hrsg".split()
)


def _last_after_and(text: str, last: str) -> bool:
    """ "..., David E. Culler, and Karl Erik Schauser": "and" or "&" introduces the last piece, which
    names the last author (a title after a name list follows a comma or a full stop, not "and")."""
    return text.endswith(last) and re.search(r"(?:\band|&)\s+$", text[: len(text) - len(last)]) is not None


# an asterisk marks an author (a student, the corresponding author): "Furhmann, T.*", "*Cook, N."
AUTHOR_MARK = recache.compile(r"(?<=[\w.])\*+|\*+(?=[A-Z])")


def prefix_is_authors(prefix: str, memo: dict[str, bool] | None = None) -> bool:
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
    if "*" in prefix:
        prefix = AUTHOR_MARK.sub("", prefix)  # "Furhmann, T.* & Blikstein, P.", "*Cook, N.": a marked author
    t = APA_DATE.sub(" ", prefix).strip(" ,.:;") if "(" in prefix or "[" in prefix else prefix.strip(" ,.:;")
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
        shaped = [("," in n) or any(is_initial_word(w.strip(".-")) for w in n.split()) for n in names]
        last = [w for w in names[-1].split() if w.lower() not in PARTICLES]
        if not shaped[-1] and len(last) == 1 and len(names[0].split()) >= 2:
            return False  # "James Gleick, Chaos": a one-word piece after a full name is a title
        if any(shaped[:-1]) and not shaped[-1] and len(last) != 2 and not _last_after_and(t, names[-1]):
            return False  # "K. Chandy and J. Misra, Parallel Program Design": the last piece is a title
    return True


_NAME_GLUE_WORDS = frozenset("of the for and on in de la du des del der für und et y e".split())


def is_corporate_name(text: str) -> bool:
    """A body that authors a work: a short run of capitalised words naming an organisation
    ("U.S. National Library of Medicine", "Council of Economic Advisers"), not a sentence.

    >>> is_corporate_name("U.S. Department of Transportation"), is_corporate_name("Growth of the bank")
    (True, False)
    """
    words = text.strip(" ,.;:").split()
    if not 2 <= len(words) <= 12 or ORGANISATION_WORDS.search(text) is None:
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_GLUE_WORDS or w == "&" for w in words)


def is_initial_word(word: str) -> bool:
    return bool(_INITIAL.match(word)) or (len(word) <= 2 and word[:1].isupper() and word.isalpha())


_NAME_CONTINUES = recache.compile(
    r"\s*(?:(?:and|&|und)\s+[A-Z]|(?:[A-Z]\.)|(?:(?:van|von|de|der|den|del|la|le|da|di|du|dos|ten|ter|mc)\s+)*"
    r"[A-Z][\w'’-]*(?:\s+(?:(?:da|de|do|dos|van|von|del|della|di)\s+)?[A-Z][\w'’-]*)?\s*(?:[,;]|\.(?:\s|$)|\band\s+[A-Z]|&|\(|$))"
)


_BRACKETED_ALIAS = recache.compile(
    r"\s*\((?!(?:eds?|editors?|hrsg|trans)\.?\))[A-Za-z][^()\d]{1,50}\)$", re.I
)


_MORE_NAMES = recache.compile(r"\s*(?:,\s*|(?:and|And|AND|&)\s+)[A-Z]")


def author_end_by_sentence(s: str, memo: dict[str, bool] | None = None) -> int | None:
    """Where an author list that ends with '.' ends (Chicago, Vancouver, ACM styles)."""
    for m in re.finditer(r"\.(?=\s)", s[:800]):
        i = m.start()
        before = s[:i]
        word = word_before(s, i, "'’")
        if word.lower() in ("al", "others", "eds", "ed", "editors"):
            return i if prefix_is_authors(before, memo) else None
        if word in ("Jr", "Sr") and _MORE_NAMES.match(s, i + 1):
            continue  # "Henderson, D. A. Jr. And Card, S. K. Title": the suffix, then more names
        if len(word) == 1 and word.isupper():
            inverted = (
                _INVERTED_NAME_END.search(before, max(0, len(before) - 90)) is not None
                or _INVERTED_FIRST_AUTHOR.match(before) is not None
            )
            if _NAME_CONTINUES.match(s, i + 1) and (
                not inverted or re.match(r"\s*(?:and\s|&|[A-Z]\.|-[A-Z]\.|(?:Jr|Sr)\.)", s[i + 1 :])
            ):
                continue
            if prefix_is_authors(before, memo):
                return i
            continue
        if not word and before.endswith(")"):
            # "Céline, Louis-Ferdinand (Louis-Ferdinand Destouches). Title" / "Esty, Joshua (Jed). Title":
            # a real name, a pen name or a nickname in brackets after the author's name
            am = _BRACKETED_ALIAS.search(before)
            if am and am.start() > 2 and prefix_is_authors(before[: am.start()], memo):
                return i
            return None
        if re.fullmatch(r"[A-Z]{2,3}", word):
            if prefix_is_authors(before, memo):
                return i
            continue
        if prefix_is_authors(before, memo):
            return i
        return None
    return None


# French and Italian styles print the family name in capitals: "FERRIERES Madeleine", "Claude ACKET"
_CAPITALS_SURNAME = recache.compile(
    r"[A-ZÀ-Þ][A-ZÀ-Þ'’-]{2,}(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2}|(?:[A-Z][a-zà-ÿ'’-]+\s+){1,2}[A-ZÀ-Þ][A-ZÀ-Þ'’-]{2,}"
)


def comma_style_authors(s: str) -> int:
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
    inverted = 0  # names so far written "Surname, Given" in full
    while k < len(pieces):
        piece, sep = pieces[k]
        if not sep:
            break
        name = AUTHOR_MARK.sub("", piece).strip() if "*" in piece else piece.strip()
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
        single = len(name.split()) == 1 and not is_initial_word(name.strip("."))
        nxt, nsep = pieces[k + 1] if k + 1 < len(pieces) else ("", "")
        given = nxt and nsep and all(is_initial_word(w.strip(".-")) for w in nxt.replace(".", ". ").split())
        if (
            single
            and not given
            and n_names == inverted
            and nsep
            and re.fullmatch(r"[A-Z][a-zà-ÿ]+(?: [A-Z]\.?)?", nxt.strip())
        ):
            given = True  # "Breakell, Sue, Perspectives ..." / "Hale, Paul and Lind, Petra, Title"
            inverted += 1
        if single and given:
            pos += len(piece) + len(sep) + len(nxt) + len(nsep)
            k += 2
            n_names += 1
            if "," in nsep:
                end = pos
            continue
        has_init = any(is_initial_word(w.strip(".-")) for w in name.split())
        if not has_init and _CAPITALS_SURNAME.fullmatch(name):
            has_init = True  # "FERRIERES Madeleine, Nourritures canailles": the surname in capitals
        if not has_init:
            if n_names or len(name.split()) < 2 or len(nxt.split()) < 3:
                break
        pos += len(piece) + len(sep)
        n_names += 1
        if "," in sep:
            end = pos
        k += 1
    return end


_LEAD_INITIAL = recache.compile(r"^\s*(?:[A-Z]\.[\s-]*)+[A-Z]")


def chem_journal(names: str, last: str) -> bool:
    """Chemistry/physics style "S. E. Han, G. Chen, Nano Lett": every name opens with initials,
    the last piece has two or more words that are not initials: a journal abbreviation."""
    if not all(_LEAD_INITIAL.match(n) for n in names.split(",") if n.strip()):
        return False
    words = [w for w in last.replace(".", " ").split() if len(w) > 1 and w.lower() not in PARTICLES]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


# Chicago and MLA bibliographies invert only the first author: "Levine, Robert S. Title" ends the
# list at the middle initial unless "and" or another initial follows
_INVERTED_FIRST_AUTHOR = recache.compile(
    r"^[A-Z][\w'’-]+(?:\s(?:[A-Z][\w'’-]+|III|Jr\.?))?,\s+[A-Z][a-zà-ÿ][\w'’-]*(?:\s[A-Z][a-zà-ÿ][\w'’-]*)?\s+[A-Z]$"
)


_INVERTED_NAME_END = recache.compile(r"(?:^|,\s+|\b(?:and|&)\s+)[A-Z][\w'’-]+,\s*(?:[A-Z]\.[\s-]*)*[A-Z]$")


# "Liu SM Zhong J Zhao XJ", "Bao Q, Zhao Y, Renner A, Jauch K-W": surnames with initials after them
_VANCOUVER_NAMES = recache.compile(
    r"(?:[A-Z][\w'’-]+(?:\s[A-Z][a-z][\w'’-]*)?\s[A-Z]{1,3}(?:-[A-Z])?(?:[,;]?\s+|$))+"
)


def looks_like_names(text: str, ctx: Context) -> bool:
    """True when ``text`` reads as author names ("Moore JH", "Liu SM Zhong J Zhao XJ", "Cirillo DM;
    the SMIRA Group"), not as a title."""
    head = re.split(r";\s*", text, maxsplit=1)[0].replace("*", " ")
    head = " ".join(head.split())
    return len(text.split()) <= 40 and (
        _VANCOUVER_NAMES.fullmatch(head) is not None or prefix_is_authors(head, ctx.memo)
    )
