"""Citation keys: readable, stable and unique (``wu2021correct``).

A key is the first author's family name (or, without authors, the first word of the
container, else of the title), the year (``nd`` when unknown) and the first significant
word of the title, folded to ASCII lower case. Keys a reference already has (read from a
user's .bib file) are kept. Clashes get ``a``, ``b``, ... in document order, so the same
input always gives the same keys.

>>> from citecheck.model import Reference
>>> refs = [Reference(key="", entry_type="article", raw="", authors=("Wu Zhicheng",), year=2021,
...                   title="The Correct View of Justice")]
>>> [r.key for r in assign_keys(refs)]
['wu2021correct']

Names and titles in Chinese characters are romanised with pypinyin: a person's family name
(the first character, or a two-character surname such as 欧阳), an organisation's first two
characters, a title's first two characters. An organisation's key is its initials
("International Energy Agency" -> ``iea``) or, for a short name, the name itself.

>>> refs = [Reference(key="", entry_type="article", raw="", authors=("谢文泽",), year=2021,
...                   title="中拉绿色合作的进展与前景")]
>>> [r.key for r in assign_keys(refs)]
['xie2021zhongla']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from .. import recache
from ..model import Reference
from .names import family_name
from .vocabulary import ORGANISATION_WORDS

__all__ = ["assign_keys", "base_key"]

_STOP = frozenset(
    """a an the of on in at to for and or but with by from into about as is are was were be this that these
    those its it their his her our your le la les de des du un une el los las del y der die das den und ein
    eine zur zum il lo gli i di da e o os as do dos das um uma""".split()
)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if c.isascii() and (c.isalnum())).lower()


_HAN = recache.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_HAN_RUN = recache.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 司徒 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 夏侯 令狐".split()
)


def _pinyin(text: str) -> str:
    # imported here: pypinyin loads its dictionaries (about 0.2 s) on import, and only papers
    # with names or titles in Chinese characters need them
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


def _han_family(name: str) -> str:
    """ "谢文泽" -> "xie", "欧阳修" -> "ouyang", "国家统计局" -> "guojia", "约瑟夫·奈" -> "nai"."""
    name = re.sub(r"\s+", "", name)
    if "·" in name:
        return _pinyin(name.rsplit("·", 1)[1])  # a transliterated foreign name: family name last
    if 2 <= len(name) <= 4:
        return _pinyin(name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1])
    return _pinyin(name[:2])


def _organisation(name: str) -> str:
    """ "International Energy Agency" -> "iea", "World Bank" -> "worldbank": an organisation's key."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w[:1].isupper()]
    if len(words) >= 3:
        return _ascii("".join(w[0] for w in words))
    return _ascii("".join(words))


def _first_word(text: str | None) -> str:
    if not text:
        return ""
    run = _HAN_RUN.search(text)
    if run and (run.start() == 0 or not re.search(r"[A-Za-z]{2}", text[: run.start()])):
        return _pinyin(run.group(0)[:2])
    for word in re.findall(r"[^\W_]+", text):
        w = _ascii(word)
        if w and w not in _STOP and not w.isdigit():
            return w[:20]
    return ""


def base_key(ref: Reference) -> str:
    """The key of ``ref`` before clashes are resolved."""
    who = ""
    first = ref.authors[0] if ref.authors else (ref.editors[0] if ref.editors else "")
    if first and _HAN.search(first):
        who = _han_family(first)
    elif first and ORGANISATION_WORDS.search(first) and "," not in first:
        who = _organisation(first)
    elif first:
        who = _ascii(family_name(first))
    if not who:
        who = _first_word(ref.container)
    if not who:
        who = "anon"
    year = str(ref.year) if ref.year else "nd"
    word = _first_word(ref.title)
    if word == who:
        word = _first_word(" ".join((ref.title or "").split()[1:])) or word
    return f"{who[:24]}{year}{word}"


def assign_keys(refs: list[Reference]) -> list[Reference]:
    """Return ``refs`` with unique keys; existing non-empty keys are kept (and de-duplicated)."""
    bases = [r.key if r.key else base_key(r) for r in refs]
    counts = Counter(bases)
    taken = {b for b, n in counts.items() if n == 1}
    seen: Counter = Counter()
    out = []
    for ref, base in zip(refs, bases, strict=True):
        key = base
        if counts[base] > 1:
            while True:
                n = seen[base]
                seen[base] += 1
                key = base + _suffix(n)
                if key not in taken:
                    break
            taken.add(key)
        out.append(ref if ref.key == key else replace(ref, key=key))
    return out


def _suffix(n: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa' ..."""
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(97 + r) + letters
    return letters
