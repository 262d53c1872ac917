"""The Chinese note layout of journals such as 《拉丁美洲研究》 and 《世界经济与政治》.

``吴宏涛：《秘鲁水电开发与外国直接投资》，载《拉丁美洲研究》2020年第2期，第61-80页。`` — the
responsibility statement ends with a colon, the title stands in ``《》``, ``载`` (or a second
``《》`` right away) introduces the journal, ``2020年第2期`` is its year and issue, ``第…页`` the
pages and ``第…版`` a newspaper's page; ``出版社2020年版`` closes a book; ``载某某主编：《书名》``
is a chapter. Cross-reference words (``参见``, ``转引自``), the author's country (``［美］``) and
roles (``主编``, ``译``) are not part of a name.

>>> from .context import Context
>>> ctx = Context()
>>> read_cn_note(ctx, "参见王友明：《巴西可再生能源政策》，载《国际问题研究》2020年第4期，第101页。")
''
>>> ctx.authors, ctx.title, ctx.container, ctx.year, ctx.issue, ctx.pages, ctx.entry_type
(('王友明',), '巴西可再生能源政策', '国际问题研究', 2020, '4', '101', 'article')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ... import recache
from ..dates import YEAR_RE, find_date
from ..vocabulary import CN_CONFERENCE_WORDS, CN_DEGREE_WORDS, CN_GENRE_WORDS
from .cjk import CN_PUBLISHED, cn_pages, cn_volume_issue, cn_year_issue, split_cjk_names, strip_see_also
from .context import Context, Cue
from .normalise import fold_punctuation

__all__ = ["read_cn_note"]

_IN = recache.compile(r"^\s*[,;]?\s*(?:载|载于|见|刊于|收入)\s*")
_TRANSLATED = recache.compile(r"^[^,《》]{1,40}(?:译|编译|译校|校)$")
_WEBSITE = recache.compile(r"(?:网站|网|官网|门户|网页|主页|新闻网|客户端|微信公众号)$")
_REPORTISH = recache.compile(r"报告|展望|Outlook|Report|年鉴|蓝皮书|白皮书")
# "北京：社会科学文献出版社": a place and a publisher
_PLACE_PUBLISHER = recache.compile(
    r"^(?P<loc>[^:]{1,12}):\s*(?P<pub>.{2,40}?(?:出版社|出版公司|出版集团|书局|书店|印书馆|Press))$"
)
# "澎湃新闻": the short name of the site a web article was read on (no digits)
_SITE_NAME = recache.compile(r"[^\d:]{2,15}")
_OFFICIAL = recache.compile(r"意见|通知|目录|规划|办法|条例|决定|纲要|方案|声明|宣言|公报")


def _closing(v: str, start: int) -> int:
    """The offset of the 》 that closes the 《 at ``start`` (nested 《》 counted)."""
    depth = 0
    for i in range(start, len(v)):
        if v[i] == "《":
            depth += 1
        elif v[i] == "》":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _pieces(s: str, v: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of the comma-separated pieces of ``v[start:]`` (commas inside 《》 kept; an
    enumeration comma 、 does not separate: "第12、15页")."""
    out, pos, depth = [], start, 0
    for i in range(start, len(v)):
        c = v[i]
        if c == "《":
            depth += 1
        elif c == "》":
            depth -= 1
        elif c in ",;" and depth <= 0 and s[i] != "、":
            out.append((pos, i))
            pos = i + 1
    out.append((pos, len(v)))
    return [(a, b) for a, b in out if v[a:b].strip(" .")]


def _container(ctx: Context, s: str, v: str, a: int, b: int) -> bool:
    """A piece with a 《》: "载《Journal》2020年第2期", "《人民日报》2021年11月20日", "载某某主编：《书名》"."""
    piece = v[a:b]
    o = piece.find("《")
    c = _closing(piece, o) if o >= 0 else -1
    if o < 0 or c < 0:
        return False
    lead = piece[:o]
    im = _IN.match(lead)
    if im:
        lead = lead[im.end() :]
    lead = lead.strip(" :")
    if lead:  # "载吴白乙主编：《书名》": the book's editors
        ctx.editors = split_cjk_names(s[a + (im.end() if im else 0) : a + o])[0]
        ctx.cue = Cue.IN_BOOK
        ctx.fire("cn:in-editors")
    ctx.container = s[a + o + 1 : a + c].strip()
    tail = piece[c + 1 :]
    yi = cn_year_issue(tail)
    vi = cn_volume_issue(tail)
    if vi:
        ctx.volume, ctx.issue = vi[0], vi[1]
        if vi[2]:
            ctx.year, ctx.date = vi[2], str(vi[2])
        ctx.entry_type = "article"
        ctx.fire("cn:volume-issue")
    elif yi:
        ctx.year, ctx.issue = yi
        ctx.date = str(yi[0])
        ctx.entry_type = "article"
        ctx.fire("cn:year-issue")
    elif (dm := find_date(tail)) is not None:
        ctx.date, ctx.year = dm.iso, dm.year
        ctx.entry_type = "newspaper" if len(dm.iso) == 10 else "article"
    if (pages := cn_pages(tail)) is not None:
        ctx.pages = pages  # "《国际石油经济》2018年第3期第20-35页": no comma before the pages
        ctx.fire("cn:pages-in-container")
    ctx.fire("cn:container")
    return True


_READ_VERB = r"(?:访问|查阅|浏览|检索|登录|引用|下载|获取|查询)"
_FULL_DATE = rf"{YEAR_RE}\s*(?:年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|-\s*\d{{1,2}}\s*-\s*\d{{1,2}})"
# "2022年2月20日访问", "（2022-02-20查阅）", "查阅日期：2022年3月3日": a date with the verb of reading
# it is when the source was read, not when it was published
_VISITED = recache.compile(
    rf"^\(?(?:(?P<d>{_FULL_DATE})\s*{_READ_VERB}|{_READ_VERB}\s*(?:日期|时间)\s*:?\s*(?P<d2>{_FULL_DATE}))\s*\)?$"
)
# "（2022-02-20）" closing a note that gives an address: the date the address was read
_DATE_IN_BRACKETS = recache.compile(rf"^\(\s*(?P<d>{_FULL_DATE})\s*\)$")


@dataclass(frozen=True)
class _Piece:
    """What one comma-separated piece after the title and container is: ``read`` fills the context
    and says True when the piece was this."""

    name: str
    read: Callable[[Context, str, str, int, int, str, bool], bool]


def _pages_piece(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    pages = cn_pages(piece)
    if pages:
        ctx.pages = ctx.pages or pages
    return pages is not None


# "2019（4）：1-20" after the journal: year, issue in brackets and pages, as GB/T 7714 writes them
_YEAR_PAREN_ISSUE = recache.compile(
    rf"^(?P<y>{YEAR_RE})\s*\(\s*(?P<i>[\dA-Za-z]{{1,4}})\s*\)"
    r"(?:\s*:\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–—~～]+\s*[A-Za-z]?\d+)?))?$"
)
# "03版", "A5版": a newspaper's page written without 第 (only after a newspaper's date)
_NEWSPAPER_PAGE = recache.compile(r"^(?P<p>[A-Za-z]?\d{1,3})\s*版$")


def _year_paren_issue(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    m = _YEAR_PAREN_ISSUE.match(piece)
    if m is None or ctx.container is None:
        return False
    ctx.year, ctx.date, ctx.issue = int(m.group("y")), m.group("y"), m.group("i")
    if m.group("p"):
        ctx.pages = re.sub(r"\s*[-–—~～]+\s*", "-", m.group("p"))
    ctx.entry_type = ctx.entry_type or "article"
    return True


def _newspaper_page(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    m = _NEWSPAPER_PAGE.match(piece)
    if m is None or ctx.entry_type != "newspaper":
        return False
    ctx.pages = ctx.pages or m.group("p")
    return True


def _translator(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    return _TRANSLATED.match(piece) is not None


def _published(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    pm = CN_PUBLISHED.search(piece)
    if not pm:
        return False
    ctx.publisher = s[a + pm.start("pub") : a + pm.end("pub")].strip(" ,:") or ctx.publisher
    ctx.year = ctx.year or int(pm.group("y"))
    ctx.date = ctx.date or pm.group("y")
    ctx.entry_type = ctx.entry_type or ("chapter" if ctx.cue is Cue.IN_BOOK else "book")
    return True


def _thesis(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    if not CN_DEGREE_WORDS.search(piece):
        return False
    ctx.entry_type = "thesis"
    return True


def _conference(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    if not CN_CONFERENCE_WORDS.search(piece):
        return False
    ctx.entry_type = "conference"
    return True


def _visited(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    m = _VISITED.match(piece) or (_DATE_IN_BRACKETS.match(piece) if ctx.url is not None else None)
    dm = find_date(m.group("d") or m.groupdict().get("d2") or "") if m else None
    if dm is None or len(dm.iso) < 10:
        return False
    ctx.access_date = ctx.access_date or dm.iso
    return True


def _date(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    dm = find_date(piece)
    if dm is None or dm.start > 1:
        return False
    if ctx.year is None or len(dm.iso) > len(ctx.date or ""):
        ctx.date, ctx.year = dm.iso, dm.year
    return True


def _place_publisher(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    pp = _PLACE_PUBLISHER.match(piece)
    if not pp:
        return False
    ctx.location = s[a + pp.start("loc") : a + pp.end("loc")].strip()
    ctx.publisher = s[a + pp.start("pub") : a + pp.end("pub")].strip()
    ctx.entry_type = ctx.entry_type or ("chapter" if ctx.cue is Cue.IN_BOOK else "book")
    return True


def _website(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    if ctx.container is not None or not (
        _WEBSITE.search(piece) or (first and ctx.url is not None and _SITE_NAME.fullmatch(piece))
    ):
        return False
    ctx.container = s[a:b].strip(" .。")
    return True


def _thesis_school(ctx: Context, s: str, v: str, a: int, b: int, piece: str, first: bool) -> bool:
    if ctx.entry_type != "thesis" or ctx.publisher is not None:
        return False
    ctx.publisher = s[a:b].strip(" .。")  # "博士学位论文，中国人民大学，2019年"
    return True


#: tried in order on each piece after the title and container; the first that reads it wins
PIECES: tuple[_Piece, ...] = (
    _Piece("cn:pages", _pages_piece),
    _Piece("cn:year-paren-issue", _year_paren_issue),
    _Piece("cn:newspaper-page", _newspaper_page),
    _Piece("cn:translator", _translator),
    _Piece("cn:published", _published),
    _Piece("cn:thesis", _thesis),
    _Piece("cn:conference", _conference),
    _Piece("cn:visited", _visited),
    _Piece("cn:date", _date),
    _Piece("cn:place-publisher", _place_publisher),
    _Piece("cn:website", _website),
    _Piece("cn:thesis-school", _thesis_school),
)


def _piece(ctx: Context, s: str, v: str, a: int, b: int, first: bool = False) -> None:
    """One comma-separated piece after the title and container: the first rule of :data:`PIECES`
    that reads it."""
    piece = v[a:b].strip(" .")
    if not piece:
        return
    for rule in PIECES:
        if rule.read(ctx, s, v, a, b, piece, first):
            if rule.name != "cn:thesis-school":
                ctx.fire(rule.name)
            return


def _entry_type(ctx: Context) -> str:
    if ctx.entry_type:
        return ctx.entry_type
    title = ctx.title or ""
    if _REPORTISH.search(title) and ctx.container is None:
        return "report"
    if ctx.url is not None:
        return "webpage"
    if _OFFICIAL.search(title):
        return "document"
    return "misc"


# "韩琦：〈篇名〉，" before the first 《: a title in single angle brackets (the journal follows in 《》)
_ANGLE_TITLE = recache.compile(r"^(?:(?P<names>[^〈〉:]{1,60}?)\s*:\s*)?〈(?P<t>[^〈〉]+)〉\s*,?$")


# "《人民日报》评论员：", "《求是》编辑部：", "《经济日报》社论：": a periodical's own voice as the author
_PRESS_AUTHOR = recache.compile(r"^《[^《》]{1,20}》\s*(?:特约评论员|评论员|编辑部|社论|本刊编辑部|记者)\s*:")


# "吴宏涛，《…》": some journals end the names with a comma instead of a colon (a few Chinese
# names, with their country and role words; never a cross-reference word, nor prose that opens
# with a preposition: "据报道，《人民日报》…", "如前所述，")
_NAMES_COMMA = recache.compile(
    r"(?!.*(?:载|见|引自|参阅))(?!据|根据|按照|如|正如|详见|另见|关于|对于)[\u4e00-\u9fff·・\[\]()〔〕 ,]{2,30},"
)


# "吴白乙主编《…》", "［美］约瑟夫·奈著《…》": a role word right before the title stands for the colon
# (the names: Chinese names of two to four characters or transliterated ones with "·", with
# their countries; never a phrase such as "这本书由他主编")
_ONE_NAME = r"(?:[\[(〔][\u4e00-\u9fff]{1,6}[\])〕]\s*)?(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:[·・][\u4e00-\u9fff]{1,8})+)"
_NAMES_ROLE = recache.compile(
    rf"{_ONE_NAME}(?:\s*,\s*{_ONE_NAME}){{0,3}}\s*等?\s*(?:主编|编著|等著|等编|编|著)"
)


def _next_work(v: str, start: int) -> int | None:
    """Where a second work begins in a note that cites several, separated by semicolons
    ("…，第3-11页；苏振兴：《…》"): the first ";" outside 《》 with another 《 after it."""
    depth = 0
    for i in range(start, len(v)):
        c = v[i]
        if c == "《":
            depth += 1
        elif c == "》":
            depth -= 1
        elif c == ";" and depth <= 0 and "《" in v[i + 1 :]:
            return i
    return None


def _responsibility(ctx: Context, text: str) -> None:
    """The names before the title (authors, or editors when a role word says so)."""
    if not text.strip():
        return
    names, et_al, editors = split_cjk_names(text)
    if editors:
        ctx.editors = names
    else:
        ctx.authors, ctx.et_al = names, et_al
    ctx.fire("cn:authors")


def read_cn_note(ctx: Context, s: str) -> str | None:
    """Fill the fields of a Chinese note with a title in 《》; None when ``s`` has none."""
    if "《" not in s:
        return None
    s, see_also = strip_see_also(s)
    if see_also:
        ctx.fire("cn:see-also")
    v = fold_punctuation(s)
    o = v.find("《")
    c = _closing(v, o)
    if c < 0 or o > 120:
        return None
    head = v[:o].strip()
    am = _ANGLE_TITLE.match(head)
    pm = _PRESS_AUTHOR.match(v) if not head else None
    if pm:
        # "《人民日报》评论员：《…》": a paper's commentator or editorial office is the author
        ctx.authors = (s[: pm.end() - 1].strip(),)
        ctx.fire("cn:press-author")
        o = v.find("《", pm.end())
        c = _closing(v, o) if o >= 0 else -1
        if c < 0:
            return None
        ctx.title = s[o + 1 : c].strip()
    elif am:
        # "韩琦：〈墨西哥的石油国有化〉，《世界历史》…": the article in 〈〉, its journal in 《》
        _responsibility(ctx, s[: am.end("names")] if am.group("names") else "")
        ctx.title = s[am.start("t") : am.end("t")].strip()
        ctx.fire("cn:angle-title")
        c = o - 1
    elif (
        head
        and not head.endswith(":")
        and not _NAMES_COMMA.fullmatch(head)
        and not _NAMES_ROLE.fullmatch(head)
    ):
        return None  # "…，载《Journal》" with no title of its own, or prose: not this layout
    else:
        _responsibility(ctx, s[: o - 1 if v[o - 1] in ":," else o] if head else "")
        ctx.title = s[o + 1 : c].strip()
    ctx.quoted_title = True
    if (end := _next_work(v, c + 1)) is not None:
        s, v = s[:end], v[:end]  # "…第3-11页；苏振兴：《…》…": one note citing several works
        ctx.fire("cn:first-of-several")
    pieces = _pieces(s, v, c + 1)
    if pieces:
        a, b = pieces[0]
        first = v[a:b]
        if "《" in first and _container(ctx, s, v, a, b):
            pieces = pieces[1:]
        elif first.strip() in CN_GENRE_WORDS:
            pieces = pieces[1:]  # "《新时代的中国能源发展》白皮书": a genre word after the title
        for k, (a, b) in enumerate(pieces):
            if "《" in v[a:b] and ctx.container is None and _container(ctx, s, v, a, b):
                continue
            _piece(ctx, s, v, a, b, first=k == 0)
    ctx.entry_type = _entry_type(ctx)
    return ""
