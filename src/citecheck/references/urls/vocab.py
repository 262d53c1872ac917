"""The general vocabulary the URL reader uses: garble glyphs, file extensions, URL characters.

Nothing here names a site: these are facts about PDF extraction (which glyphs it puts where
letters were lost), about the web (which file extensions pages are served with) and about
URL syntax (RFC 3986).
"""

from __future__ import annotations

from ... import recache

#: Characters PDF extraction puts where letters were lost: a glyph with no Unicode map read as its
#: Latin-1 code (``ÿ`` 0xFF, ``þ``/``Þ`` 0xFE/0xDE, ``Ð`` 0xD0; the capitals are never in a host,
#: which is lower case), a look-alike (``ŷ``, ``Ÿ``), or U+FFFD, the replacement character. ``ý`` and
#: ``ð``, letters of Czech and Icelandic names, are not read as garble in an address.
GARBLE_CHARS = "ÿŷŸþÞÐ\ufffd"
G = GARBLE_CHARS
#: A garbled run: the glyphs plus the ``y``/``ö`` the same extraction mixes into them.
GARBLE_RUN = recache.compile(rf"[yö]*[{G}][{G}yö]*")
HAS_GARBLE = recache.compile(rf"[{G}]")

#: File extensions of web pages and documents (lower case); a final word in this list that
#: follows the file name after a space is the extension whose dot was read as a space.
EXTENSIONS = frozenset(
    "html htm shtml shtm xhtml phtml jhtml php php3 asp aspx jsp jspx cfm cgi pl do action "
    "pdf doc docx xls xlsx ppt pptx odt ods rtf txt csv xml json rss ps zip ece".split()
)
#: Extensions whose pages are often served under a sibling name (a ranked alternative).
EXT_SIBLINGS = {
    "html": ("htm", "shtml"),
    "htm": ("html", "shtml"),
    "shtml": ("html", "htm"),
    "shtm": ("shtml", "htm"),
}
#: Longest extension worth joining from split pieces (``SHT ML``, ``HTM L``).
MAX_EXT = max(len(e) for e in EXTENSIONS)

#: Words that sit between an address and its access date in some styles; never URL text.
ACCESS_WORDS = frozenset(
    "accessed retrieved visited consulted viewed cited online available access retrieval "
    "accedido consultado consultada acesso acessado acessada consulté consultée".split()
)

#: Characters that end URL text in a reference: quotes and brackets of the sentence around it.
STOP_CHARS = '«»“”"<>()[]{}‘’`'
#: Full-width and CJK characters (a running header, the next Chinese title) end URL text too.
WIDE = recache.compile(
    r"[\u2e80-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)
#: Latin letters beyond ASCII that an internationalised host prints (``españa``, ``müller``), less
#: the signs ``×``/``÷`` and the letters that are garble glyphs.
IDN_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00fe\u0100-\u0176\u0179-\u024f"
#: Characters RFC 3986 allows in a URL (unreserved, reserved, percent), plus the letters of an
#: internationalised name (RFC 3987) and the garble glyphs.
URL_CHARS = recache.compile(rf"^[A-Za-z0-9\-._~:/?#@!$&'()*+,;={IDN_LETTERS}%ö{G}]+$")
#: Separators next to which a space is a join: ``2012_ 07``, ``c elac - 2``, ``/ path``.
JOINERS = "/-_?=&#:+~%"

#: Second-level labels only governments register under (``gov.br``, ``gob.mx``, ``gouv.fr``): a
#: host that prints one right before a generic top-level domain (``….gov.com``) names no real
#: registry, so its last letters were changed in extraction.
GOVERNMENT_CATEGORIES = frozenset({"gov", "gob", "gouv", "govt"})
#: Generic top-level domains (ICANN's oldest), under which no government category exists.
GENERIC_TLDS = frozenset({"com", "net", "org"})

#: A scheme separator a CJK text layer printed full-width (``http：／／``, ``https：//``): input
#: methods and CJK fonts give the colon and slashes their full-width forms, which stand for the
#: ASCII ones one for one.
_WIDE_SCHEME_SEPARATOR = recache.compile(r"(?i)(?<![a-z])[a-z]{0,5}\s*[:\uff1a]\s*[/\uff0f]\s*[/\uff0f]")
_WIDE_TO_ASCII = str.maketrans("\uff1a\uff0f", ":/")
#: The same fonts print the dots and slashes inside the address full-width too
#: (``www．moa．gov．cn／xw／a．htm``), and a CJK text layer may give a dot between two Latin
#: letters or digits as the ideographic full stop (``www。moa。gov。cn``): a full-width dot or
#: slash touching an ASCII letter or digit, or an ideographic full stop between two, is the
#: ASCII separator. An ideographic full stop after the address (``a.htm。``) ends a sentence.
_WIDE_URL_SEPARATOR = recache.compile(
    r"(?<=[A-Za-z0-9])[\uff0e\uff0f]|[\uff0e\uff0f](?=[A-Za-z0-9])|(?<=[A-Za-z0-9])\u3002(?=[A-Za-z0-9])"
)
_WIDE_SEPARATOR_TO_ASCII = {"\uff0e": ".", "\uff0f": "/", "\u3002": "."}


def ascii_scheme_separators(text: str) -> str:
    """``http：／／www．moa．gov．cn／a`` -> ``http://www.moa.gov.cn/a``: the same length, so offsets
    into ``text`` hold (the scheme's separators, then the dots and slashes of the address)."""
    if "\uff1a" in text or "\uff0f" in text:
        text = _WIDE_SCHEME_SEPARATOR.sub(lambda m: m.group(0).translate(_WIDE_TO_ASCII), text)
    if "\uff0e" in text or "\uff0f" in text or "\u3002" in text:
        text = _WIDE_URL_SEPARATOR.sub(lambda m: _WIDE_SEPARATOR_TO_ASCII[m.group(0)], text)
    return text


IPV4 = recache.compile(r"^(?:\d{1,3}\.){3}\d{1,3}$")
IPV6_LITERAL = recache.compile(r"^\[[0-9A-Fa-f:.]{2,45}\]")


def is_extension(word: str) -> bool:
    """``word`` (any case) is a file extension of the vocabulary."""
    return word.lower() in EXTENSIONS


def literal_host(host: str) -> bool:
    """``localhost``, an IPv4 address or a bracketed IPv6 literal: complete without a suffix."""
    h = host.strip().lower()
    if h.startswith("["):
        return IPV6_LITERAL.match(h) is not None and h.endswith("]")
    return h == "localhost" or (IPV4.match(h) is not None and all(int(x) <= 255 for x in h.split(".")))
