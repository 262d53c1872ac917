"""What the Chinese layouts share: name lists, roles, and the numbers of Chinese notes.

The rules work on :func:`~.normalise.fold_punctuation` views (full-width punctuation as ASCII,
same offsets) and return slices of the original text, so the fields keep ``《》``, ``（）`` and
``—`` as printed.

>>> split_cjk_names("［美］约瑟夫·奈、马娟娟 等")
(('约瑟夫·奈', '马娟娟'), True, False)
>>> split_cjk_names("苏振兴主编")
(('苏振兴',), False, True)
>>> cn_pages("，第12—15页。"), cn_pages("，第3版"), cn_pages("，頁1-20"), cn_year_issue("2020年第2期")
('12-15', '3', '1-20', (2020, '2'))
"""

from __future__ import annotations

import re

from ... import recache
from ..dates import YEAR_RE
from ..vocabulary import CN_ROLE_WORDS, CN_SEE_ALSO

__all__ = [
    "split_cjk_names",
    "cn_pages",
    "cn_year_issue",
    "cn_volume_issue",
    "strip_see_also",
    "CJK",
    "CN_PUBLISHED",
]

CJK = recache.compile(r"[\u4e00-\u9fff]")
# "［美］", "[阿根廷]", "(英)": the author's country before the name
_NATIONALITY = recache.compile(r"[\[(（［【〔]\s*[\u4e00-\u9fff]{1,6}\s*[\])）］】〕]\s*")
_ROLE = recache.compile("(?:" + "|".join(sorted(CN_ROLE_WORDS, key=len, reverse=True)) + r")\s*$")
_EDITOR_ROLE = recache.compile(r"(?:主编|编著|总编|编选|编)\s*$")
_ET_AL = recache.compile(r"\s*(?:等|et\s+al\.?)\s*$", re.I)
_PAGES = recache.compile(
    r"第\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–—~～]+\s*[A-Za-z]?\d+)?(?:\s*[,，、]\s*\d+(?:\s*[-–—]+\s*\d+)?)*)\s*[页版]"
)
# "頁1-20", "页54-58": the page word before the numbers (Taiwan and Hong Kong journals, some mainland ones)
_PAGES_AFTER_WORD = recache.compile(
    r"(?:^|(?<=[\s,，:：]))[页頁]\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–—~～]+\s*[A-Za-z]?\d+)?(?:\s*[,，、]\s*\d+(?:\s*[-–—]+\s*\d+)?)*)"
)
_YEAR_ISSUE = recache.compile(rf"(?P<y>{YEAR_RE})\s*年\s*第\s*(?P<i>[\dA-Za-z]+)\s*期")
#: "社会科学文献出版社2020年版": a publisher and its year
CN_PUBLISHED = recache.compile(
    rf"(?P<pub>[^,，。.;；:：]*?)\s*(?P<y>{YEAR_RE})\s*年\s*(?:\d{{1,2}}\s*月\s*)?(?:第\s*\d+\s*)?版"
)


def strip_see_also(text: str) -> tuple[str, bool]:
    """ "参见王友明：…" -> "王友明：…" (a cross-reference word is not part of the author)."""
    for w in CN_SEE_ALSO:
        if text.startswith(w) and len(text) > len(w) + 1 and text[len(w)] not in "，,。：:":
            return text[len(w) :].lstrip(), True
    return text, False


def split_cjk_names(text: str) -> tuple[tuple[str, ...], bool, bool]:
    """(names, et al., editors) of a Chinese responsibility statement: "张宇燕、冯维江",
    "［阿根廷］劳尔·普雷维什", "李文等", "苏振兴主编", "RAY R, GALLAGHER K P"."""
    text = text.strip(" ,，:：;；.。")
    editors = False
    et_al = False
    if _EDITOR_ROLE.search(text):
        editors = True
    text = _ROLE.sub("", text).strip()  # "周志伟等著": the role first, then "等"
    if _ET_AL.search(text):
        et_al = True
        text = _ET_AL.sub("", text)
    if _EDITOR_ROLE.search(text):
        editors = True
    text = _ROLE.sub("", text).strip(" ,，、")
    names = []
    for piece in re.split(r"\s*[,，、;；]\s*|\s+(?:and|&)\s+", text):
        piece = _NATIONALITY.sub("", piece.strip())
        piece = _ROLE.sub("", piece).strip(" ,，.")
        if _ET_AL.fullmatch(" " + piece):
            et_al = True
            continue
        if piece:
            names.append(piece)
    return tuple(names), et_al, editors


def cn_pages(text: str) -> str | None:
    """The pages of "第61—80页" (or "頁61-80") or the page of a newspaper's "第3版"."""
    m = _PAGES.search(text) or _PAGES_AFTER_WORD.search(text)
    if not m:
        return None
    return re.sub(r"\s*[-–—~～]+\s*", "-", re.sub(r"\s*[,，、]\s*", ", ", m.group("p")))


def cn_year_issue(text: str) -> tuple[int, str] | None:
    """ "2020年第2期": the year and the issue of a journal."""
    m = _YEAR_ISSUE.search(text)
    return (int(m.group("y")), m.group("i")) if m else None


_VOLUME_ISSUE = recache.compile(
    rf"第\s*(?P<v>\d+)\s*卷\s*(?:第\s*(?P<i>[\dA-Za-z]+)\s*期)?\s*(?:[(（]\s*(?P<y>{YEAR_RE})\s*年?\s*[)）])?"
)


def cn_volume_issue(text: str) -> tuple[str, str | None, int | None] | None:
    """Volume, issue and year of a journal written "第43卷第3期（2021年）".

    >>> cn_volume_issue("第43卷第3期（2021年）")
    ('43', '3', 2021)
    """
    m = _VOLUME_ISSUE.search(text)
    if not m:
        return None
    return m.group("v"), m.group("i"), int(m.group("y")) if m.group("y") else None
