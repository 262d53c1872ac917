"""Author lists: splitting, "and others"/"et al.", and telling a name from a title.

Chinese names keep their given order (family name first, as printed: ``Wu Zhicheng``);
"Family, Given" names keep their comma. Pure functions.

>>> split_authors("Wu Zhicheng, Li Jiaxuan")
(('Wu Zhicheng', 'Li Jiaxuan'), False)
>>> split_authors("Yao Mingfeng and others")
(('Yao Mingfeng',), True)
>>> split_authors("Romero, C., Paunesku, D., & Dweck, C.")
(('Romero, C.', 'Paunesku, D.', 'Dweck, C.'), False)
>>> is_chinese_name("Li Xiangyang"), is_chinese_name("Robert Banks")
(True, False)
"""

from __future__ import annotations

import re

from .. import recache
from .vocabulary import ORGANISATION_WORDS

__all__ = ["split_authors", "is_chinese_name", "looks_like_name", "family_name", "PARTICLES"]

PARTICLES = frozenset(
    "van von der den de del della di da du le la dos das do ten ter zu y e bin al el st st. mc".split()
)
# Common Chinese family names in pinyin (single-syllable and a few double).
_CN_FAMILY = frozenset(
    """
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song
    tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng wei su lu ding ren shen
    yao lv lü shi fu zhong cui tan fan jin wan qian dai xia fang bai kong mao qiu qin gu hou shao meng long
    duan lei xing tong chai hao kang niu yin chang qi zhai ou yan mo zou xiong jia wen ni yue lai geng ji
    sima ouyang zhuge shangguan situ
    """.split()
)
_PINYIN_SYLLABLE = recache.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|uai|iao|ai|ei|ao|ou|an|en|"
    r"in|un|ua|uo|ui|ie|ia|iu|ve|ue|er|a|o|e|i|u|v|ü)(?:n|ng)?",
    re.IGNORECASE,
)
_INITIAL = recache.compile(r"^(?:[A-Z]\.?-?){1,3}$|^[A-Z]\.(?:-?[A-Z]\.)*,?$|^[A-Z][a-z]?\.$")
_ET_AL = recache.compile(
    r"(?i)(?:,?\s*(?:\[?et\.?\s*al\.?\]?|and others|and other|etc\.?|等|et\s+alii|a\s+kol\.?)\s*$)"
)  # "a kol.": Czech and Slovak
# "and" in a list set in title case or capitals ("Henderson, D. A. Jr. And Card, S. K.") joins names too
_CONJ = recache.compile(r"\s*(?:;|&|、|，)\s*|\s+(?:and|und|et|e|y|And|AND|Und|UND)\s+")
_LEAD_CONJ = recache.compile(r"^\s*(?:and|und|&)\s+")
_CJK_NAME = recache.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]{2,5}")
_EDS_PAREN = recache.compile(r"(?i)\s*\((?:eds?|editors?|hrsg|coords?|dirs?)\.?\)\s*$")
_EDS_TAIL = recache.compile(r"(?i)(?:,\s*|\s+)(?:eds?\.?|editors)$|,\s*editor$")
_BRACKETED_INITIALS = recache.compile(r"(?<=\w)\s*\((?:[A-Z][a-z]?\.\s?-?)+\)$")
_NAME_TOKEN = recache.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*$|^(?:[A-Z]\.?-?){1,3}$")


def _is_pinyin_word(word: str) -> bool:
    w = word.lower().replace("-", "").replace("'", "")
    if not w.isalpha():
        return False
    pos = 0
    while pos < len(w):
        m = _PINYIN_SYLLABLE.match(w, pos)
        if not m or m.end() == pos:
            return False
        pos = m.end()
    return True


def is_chinese_name(name: str) -> bool:
    """True for a romanised Chinese name in Chinese order: ``Wu Zhicheng``, ``Lv Yang``."""
    parts = name.split()
    if not 2 <= len(parts) <= 3:
        return False
    if parts[0].lower() not in _CN_FAMILY:
        return False
    return all(p[:1].isupper() and _is_pinyin_word(p) for p in parts[1:])


def _is_initials(piece: str) -> bool:
    toks = piece.replace(".", ". ").split()
    return bool(toks) and all(_INITIAL.match(t) for t in toks)


def looks_like_name(piece: str) -> bool:
    """Does ``piece`` read like one person's name (or a surname, or initials)?"""
    piece = piece.strip().strip(",.;:")
    if not piece or len(piece) > 60:
        return False
    if piece in ("———", "——", "---", "–––"):
        return True
    if _CJK_NAME.fullmatch(piece):
        return True  # a name in Chinese characters
    if piece.endswith(")"):
        piece = _BRACKETED_INITIALS.sub("", piece)  # French bibliographies: "ALY (M.I.)", "HERBIN (Fr.-R.)"
    toks = piece.split()
    if len(toks) > 5 and sum(t.lower() not in PARTICLES for t in toks) > 5:
        return False  # a particle does not lengthen a name: "van Benthem, J. F. A. K."
    caps = 0
    for t in toks:
        if t.lower() in PARTICLES:
            continue
        if not _NAME_TOKEN.match(t):
            return False
        if any(c.isdigit() for c in t):
            return False
        caps += 1
    return caps >= 1


def family_name(name: str) -> str:
    """The family name of a name as stored: ``"Romero, C."`` -> Romero, ``"Wu Zhicheng"`` -> Wu."""
    name = name.strip()
    if "," in name:
        return name.split(",")[0].strip()
    if is_chinese_name(name):
        return name.split()[0]
    toks = [t for t in name.split() if not _INITIAL.match(t)]
    if not toks:
        return name
    # Vancouver "Peters OA": family first, initials after
    if len(toks) < len(name.split()) and name.split()[0] == toks[0]:
        return toks[0]
    return toks[-1]


def split_authors(text: str) -> tuple[tuple[str, ...], bool]:
    """Split an author list into names; also say whether it ended in "et al." / "and others"."""
    text = " ".join(text.split()).strip(" ,;:")
    et_al = False
    tail_at = max(0, len(text) - 24)  # "et al." / "and others" can only end the list
    m = _ET_AL.search(text, tail_at)
    if m:
        et_al = True
        text = text[: m.start()].strip(" ,;:")
    if "ed" in text or "Ed" in text or "hrsg" in text or "dir" in text or "coord" in text:
        text = _EDS_PAREN.sub("", text)
        text = _EDS_TAIL.sub("", text).strip(" ,;")
    if not text:
        return (), et_al
    if _is_one_body(text):
        return (text,), et_al
    groups = [_LEAD_CONJ.sub("", g) for g in _CONJ.split(text) if g and g.strip(" ,")]
    groups = [g for g in groups if g.strip(" ,")]
    names: list[str] = []
    for group in groups:
        pieces = [p.strip() for p in group.split(",") if p.strip()]
        i = 0
        while i < len(pieces):
            p = pieces[i]
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            single = len(p.split()) == 1 or all(t.lower() in PARTICLES for t in p.split()[:-1])
            if nxt is not None and single and not _is_initials(p) and _given_like(nxt):
                names.append(f"{p}, {nxt}")
                i += 2
                continue
            if names and _is_initials(p) and "," not in names[-1] and len(names[-1].split()) == 1:
                names[-1] = f"{names[-1]}, {p}"
                i += 1
                continue
            names.append(p)
            i += 1
    names = [n.strip(" ,;:") for n in names if n.strip(" ,;:")]
    return tuple(names), et_al


# "Ministério de Minas e Energia", "Secretaría de Energía y Minas", "Department of Energy and Climate
# Change": an organisation word, a preposition, then nouns its own conjunction joins (a second
# organisation word after the conjunction starts a second body: "Bank of England and Bank of France")
_BODY_WITH_CONJUNCTION = recache.compile(
    r"^(?P<head>[^\s,;&]+)\s+(?i:of|de|del|da|do|dos|das|des|du|für|di|della)\s+[^,;&、]*?\s"
    r"(?i:e|y|et|und|and)\s+(?P<next>[^\s,;&、]+)[^,;&、]*$"
)


def _is_one_body(text: str) -> bool:
    """Is ``text`` one organisation whose name holds a conjunction (not two authors)?

    >>> _is_one_body("Ministério de Minas e Energia"), _is_one_body("Pedro Álvarez y Juan Pérez")
    (True, False)
    """
    m = _BODY_WITH_CONJUNCTION.match(text)
    return (
        m is not None
        and ORGANISATION_WORDS.fullmatch(m.group("head")) is not None
        and ORGANISATION_WORDS.fullmatch(m.group("next")) is None
    )


def _given_like(piece: str) -> bool:
    """Initials ("C.", "J. R."), or one or two given names ("Nicholson B.", "Graham"), perhaps with
    a real name or a nickname in brackets after them ("Joshua (Jed)")."""
    if piece.endswith(")"):
        piece = re.sub(r"\s*\([^()]{1,50}\)$", "", piece)
    if _is_initials(piece):
        return True
    toks = piece.split()
    if len(toks) > 3:
        return False
    return all(_NAME_TOKEN.match(t) for t in toks) and (
        len(toks) == 1 or any(_INITIAL.match(t) for t in toks)
    )
