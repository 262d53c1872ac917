"""Readable text from a fetched body: HTML main text, PDF text, plain text in any charset.

What the body *is* is sniffed from its first bytes (``%PDF``, ``<html``), so a PDF served
as HTML and HTML served as PDF are both read right. Charsets: byte-order mark, then the
HTTP header, then ``<meta charset>``; a declared charset that does not decode the bytes is
distrusted and charset-normalizer decides. GB2312 and GBK pages are decoded as GB18030
(their superset), Big5 as CP950, ISO-8859-1 as Windows-1252, as browsers do.

The language a source declares is kept (``SourceText.language``): the ``lang`` (or
``xml:lang``) of its ``<html>`` element, else a ``<meta http-equiv="Content-Language">``,
else the ``Content-Language`` header the caller passes; the figure comparison reads the
source's numerals in it (``2.500`` is 2500 on a page in Portuguese).

Garbage, empty bodies and broken PDFs give empty text, never an exception. Work is capped:
HTML beyond :data:`MAX_HTML_BYTES`, text beyond :data:`MAX_TEXT_BYTES` and PDF pages beyond
:data:`MAX_PDF_PAGES` are not read.

>>> html = '<html><head><meta charset="gb2312"><title>T</title></head><body><nav>Home</nav><p>装机容量5181.74兆瓦。</p></body></html>'
>>> st = to_text(html.encode("gb2312"), "text/html")
>>> st.text, st.charset, st.title
('装机容量5181.74兆瓦。', 'gb18030', 'T')
>>> to_text(b'<html lang="pt-BR"><body><p>A usina tem 1.200 MW.</p></body></html>').language
'pt-BR'
"""

from __future__ import annotations

import codecs
import io
import re

from .. import recache
from ..model import SourceText

MAX_HTML_BYTES = 2 * 1024 * 1024  # of markup left after scripts and styles are cut out
MAX_RAW_HTML_BYTES = 16 * 1024 * 1024
MAX_TEXT_BYTES = 8 * 1024 * 1024
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 300

_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "gb18030": "gb18030", "big5": "cp950", "big5-hkscs": "big5hkscs", "cp950": "cp950",
    "iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    "windows-1252": "cp1252", "utf8": "utf-8", "unicode": "utf-8", "shift_jis": "cp932", "euc-kr": "cp949",
}  # fmt: skip
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_RE = recache.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET_RE = recache.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HTML_SNIFF_RE = recache.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p)\b", re.I | re.S
)

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "iframe", "button", "select", "input", "menu", "dialog", "canvas", "object", "embed",
)  # fmt: skip
_BOILERPLATE_RE = recache.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|header|masthead|sidebar|breadcrumbs?|cookies?|share|social|"
    r"comments?|related|advert|ads|banner|copyright|subscribe|newsletter|toolbar|skip|popup|modal)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCKS = (
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main",
    "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "table", "caption", "address", "tr",
)  # fmt: skip


def normalise_charset(name: str | None) -> str | None:
    """The codec to decode a declared charset with (its browser superset), or None.

    >>> normalise_charset("GB2312"), normalise_charset("Big5"), normalise_charset("nonsense")
    ('gb18030', 'cp950', None)
    """
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name if name not in ("gb18030", "cp950", "cp1252") else name
    except LookupError:
        return None


def _declared(body: bytes, content_type: str | None, html: bool) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for bom, enc in _BOMS:
        if body.startswith(bom):
            found.append(("bom", enc))
    if content_type:
        m = _HEADER_CHARSET_RE.search(content_type)
        if m and normalise_charset(m.group(1)):
            found.append(("header", normalise_charset(m.group(1))))
    if html:
        m = _META_RE.search(body[:8192])
        if m and normalise_charset(m.group(1).decode("ascii", "replace")):
            found.append(("meta", normalise_charset(m.group(1).decode("ascii", "replace"))))
    return found


def decode(body: bytes, content_type: str | None = None, *, html: bool = False) -> tuple[str, str]:
    """Decode ``body`` to text; returns ``(text, codec used)``.

    >>> decode("中文".encode("big5"), "text/plain; charset=big5")
    ('中文', 'cp950')
    """
    if not body:
        return "", "utf-8"
    single_byte = {"cp1252", "iso8859-1", "latin-1", "iso8859-15", "cp1251"}
    for _origin, enc in _declared(body, content_type, html):
        try:
            text = body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue  # the declaration lies: the bytes are something else
        if enc in single_byte and not body.isascii():
            try:
                return body.decode("utf-8"), "utf-8"  # declared Latin-1, sent UTF-8
            except UnicodeDecodeError:
                pass
        return text.lstrip("\ufeff"), "utf-8" if enc == "utf-8-sig" else enc
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is not None:
        enc = normalise_charset(best.encoding) or best.encoding
        return body.decode(enc, errors="replace"), enc
    return body.decode("utf-8", errors="replace"), "utf-8"


_HTML_TAG_RE = recache.compile(r"<html\b[^>]{0,2000}", re.I)
_META_TAG_RE = recache.compile(r"<meta\b[^>]{0,2000}", re.I)
_LANG_ATTR_RE = recache.compile(r"""\s(?:xml:)?lang\s*=\s*["']?\s*([A-Za-z][A-Za-z0-9_-]{0,34})""", re.I)
_CONTENT_LANGUAGE_RE = recache.compile(r"""\shttp-equiv\s*=\s*["']?\s*content-language\b""", re.I)
_CONTENT_ATTR_RE = recache.compile(r"""\scontent\s*=\s*["']?\s*([A-Za-z][A-Za-z0-9_-]{0,34})""", re.I)
_HEADER_LANG_RE = recache.compile(r"\s*([A-Za-z][A-Za-z0-9_-]{0,34})")


def declared_language(html: str | None = None, content_language: str | None = None) -> str | None:
    """The language tag a page declares: ``<html lang>`` (or ``xml:lang``), then ``<meta
    http-equiv="Content-Language">``, then the ``Content-Language`` header (its first tag).

    >>> declared_language('<!DOCTYPE html><html class="x" lang="es-AR"><head>')
    'es-AR'
    >>> declared_language('<html><meta http-equiv="content-language" content="pt-BR">', "en")
    'pt-BR'
    >>> declared_language("<html><body>", "zh-CN, en"), declared_language("<p>no tag</p>")
    ('zh-CN', None)
    """
    head = (html or "")[:65536]
    root = _HTML_TAG_RE.search(head)  # the first <html> element only
    if root:
        m = _LANG_ATTR_RE.search(root.group())
        if m:
            return m.group(1)
    for tag in _META_TAG_RE.finditer(head):
        if _CONTENT_LANGUAGE_RE.search(tag.group()):
            m = _CONTENT_ATTR_RE.search(tag.group())
            if m:
                return m.group(1)
    if content_language:
        m = _HEADER_LANG_RE.match(content_language)
        if m:
            return m.group(1)
    return None


def sniff(body: bytes, content_type: str | None = None) -> str:
    """What a body really is: "pdf", "html", "text" or "binary".

    >>> sniff(b"%PDF-1.4 ...", "text/html"), sniff(b"<!DOCTYPE html><p>x", "application/pdf")
    ('pdf', 'html')
    """
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or b"%PDF-" in body[:1024]:
        return "pdf"
    if _HTML_SNIFF_RE.match(head) or re.search(rb"<html[\s>]|<body[\s>]", head[:1024], re.IGNORECASE):
        return "html"
    ct = (content_type or "").lower()
    sample = body[:4096]
    if sample.count(b"\x00") > len(sample) // 20 and not sample.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        return "binary"
    if "html" in ct or "xml" in ct:
        return "html"
    return "text"


def strip_scripts(html: str) -> str:
    """Cut ``<script>``/``<style>`` elements out of raw markup in one linear pass.

    >>> strip_scripts("a<script>var x = '<p>';</script>b<STYLE>p{}</style>c<script>never closed")
    'a b c '
    """
    out: list[str] = []
    pos = 0
    while True:
        m = _OPEN_RE.search(html, pos)
        if m is None:
            out.append(html[pos:])
            break
        out.append(html[pos : m.start()])
        out.append(" ")
        close = (_CLOSE_SCRIPT_RE if m.group(1).lower() == "script" else _CLOSE_STYLE_RE).search(
            html, m.end()
        )
        if close is None:
            break
        pos = close.end()
    return "".join(out)


_OPEN_RE = recache.compile(r"<(script|style)\b", re.IGNORECASE)
_CLOSE_SCRIPT_RE = recache.compile(r"</script\s*>", re.IGNORECASE)
_CLOSE_STYLE_RE = recache.compile(r"</style\s*>", re.IGNORECASE)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Main text and title of an HTML page: navigation, scripts and boilerplate dropped;
    paragraphs separated by blank lines, table cells by `` | ``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body", "main", "article"):
            continue
        attrs = tag.attrs or {}
        marks = " ".join([attrs.get("id") or "", " ".join(attrs.get("class") or []), attrs.get("role") or ""])
        if marks.strip() and _BOILERPLATE_RE.search(marks) and not tag.find(["article", "main"]):
            tag.decompose()
    candidates = soup.find_all(["article", "main"]) + soup.find_all(attrs={"role": "main"})
    root = max(candidates, key=lambda t: len(t.get_text()), default=None) if candidates else None
    if root is None or len(root.get_text(strip=True)) < 200:
        root = soup.body or soup
    return _tidy(_visible_text(root)), title


def _visible_text(root) -> str:
    """Text of ``root`` with blank lines around blocks and `` | `` after table cells.

    One walk over the tree, no mutation (inserting separators into a tree with many
    siblings is quadratic in BeautifulSoup).
    """
    from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    skip = (Comment, Declaration, Doctype, ProcessingInstruction)
    out: list[str] = []
    stack: list = [root]
    blocks = set(_BLOCKS)
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            out.append(node)  # a separator pushed below
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, skip):
                out.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name == "br":
            out.append("\n")
            continue
        if name in blocks:
            out.append("\n\n")
            stack.append("\n\n")
        elif name in ("td", "th"):
            stack.append(" | ")
        stack.extend(reversed(node.contents))
    return "".join(out)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t\u00a0\u3000]+", lambda m: " " if "\u3000" not in m.group() else "\u3000", text)
    text = re.sub(r" ?\| ?(\n|$)", r"\1", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def pdf_to_text(body: bytes) -> str:
    """Text of a PDF, pages separated by blank lines; "" when the PDF cannot be read."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body[:MAX_PDF_BYTES]), strict=False)
        parts = []
        for i, page in enumerate(reader.pages):
            if i >= MAX_PDF_PAGES:
                break
            try:
                parts.append(page.extract_text() or "")
            except Exception:  # one broken page does not lose the others
                continue
        return _tidy("\n\n".join(parts))
    except Exception:
        return ""


def to_text(
    body: bytes,
    content_type: str | None = None,
    url: str | None = None,
    *,
    origin: str = "live",
    content_language: str | None = None,
) -> SourceText:
    """The readable text of a fetched body (see the module docstring).

    ``content_language``: the ``Content-Language`` header of the response (or of the
    archived record), when the caller has it.
    """
    body = body or b""
    kind = sniff(body, content_type)
    ctype = (content_type or "").split(";")[0].strip().lower() or None
    header_language = declared_language(None, content_language)
    if kind == "pdf":
        return SourceText(
            url=url, text=pdf_to_text(body), origin=origin, content_type="application/pdf",
            language=header_language,
        )  # fmt: skip
    if kind == "binary":
        return SourceText(url=url, text="", origin=origin, content_type=ctype, language=header_language)
    if kind == "html":
        html, charset = decode(body[:MAX_RAW_HTML_BYTES], content_type, html=True)
        html = strip_scripts(html)[:MAX_HTML_BYTES]
        language = declared_language(html, content_language)
        try:
            text, title = html_to_text(html)
        except Exception:  # a parser failure on hostile markup: keep the visible characters
            text, title = _tidy(re.sub(r"<[^>]*>", " ", html)), None
        return SourceText(
            url=url, text=text, origin=origin, content_type="text/html", charset=charset, title=title,
            language=language,
        )  # fmt: skip
    text, charset = decode(body[:MAX_TEXT_BYTES], content_type)
    return SourceText(
        url=url, text=_tidy(text), origin=origin, content_type=ctype or "text/plain", charset=charset,
        language=header_language,
    )  # fmt: skip
