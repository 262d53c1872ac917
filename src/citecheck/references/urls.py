"""Finding and repairing the URLs that PDF extraction and machine translation damaged.

Three pure functions:

* :func:`find_url` says where the URL text sits in a reference, even when the text has
  spaces where dots and slashes were (``http:// ar mofcom gov cn / art…``) or has lost its
  scheme to garbling (``ÿ ÿÿÿÿ/ / ÿÿÿÿÿÿ / 2021 - 11 / 19 / … htm``).
* :func:`repair_url` turns that text into a :class:`~citecheck.model.Url`: what the text
  still carries is restored (dots in the host, joined path pieces, the dot before
  ``html``); what it does not carry is never guessed. Garbled characters make the URL
  ``complete=False`` and their surroundings become ``fragments`` for a CDX prefix query.
* :func:`url_in` does both on a reference's text and reads the context: a host such as
  ``www.china.com.`` that ends a PDF-extracted footnote may have lost its country code
  (``.cn``) to the line break, while ``see http://example.com.`` in ordinary text just ends
  a sentence.

>>> repair_url("http:// ar mofcom gov cn / article / 202111 / 2021 shtml").repaired
'http://ar.mofcom.gov.cn/article/202111/2021.shtml'
>>> repair_url("http:// ar mofcom gov cn / art ÿÿÿÿÿ/ 202111 / 2021 shtml").complete
False

``fragments`` of an incomplete URL always hold three strings, empty when unknown:
``(host, prefix, tail)``; ``prefix`` is the URL up to the first damaged character,
``tail`` the text after the last one. Longer clean pieces from the middle follow.
"""

from __future__ import annotations

import re

from ..model import Url

__all__ = ["find_url", "repair_url", "url_in", "GARBLE_CHARS"]

#: Longer URL text is not an address; only this much is read.
MAX_URL_CHARS = 4096
#: Characters the seed's PDF extraction put where letters were lost.
GARBLE_CHARS = "ÿŷŸ\ufffd"
_G = GARBLE_CHARS
_GARBLE_RUN = re.compile(rf"[yö]*[{_G}][{_G}yö]*")
_HAS_GARBLE = re.compile(rf"[{_G}]")

# Top-level domains we accept as the end of a host: generic ones, and any two letters (country codes).
_GENERIC_TLDS = frozenset(
    "com org net edu gov int mil info biz io co museum name pro aero coop asia jobs mobi tel travel "
    "xyz online site app dev news blog eu".split()
)
# Second-level labels used under country codes (gov.cn, com.br, org.uk, ac.uk, gob.mx ...).
_SECOND_LEVEL = ("gov", "com", "org", "edu", "net", "ac", "gob", "go", "or", "co")
# Country codes seen with those second-level labels; used only to split a dotless label.
_CC_FOR_SPLIT = (
    "cn uk br ar mx jp au nz cl pe co ec uy ve bo py cu za in kr tw hk sg my th id ph ru es pt it fr de"
).split()
# Site labels that carry a short country or department prefix without a dot (mx.mofcom.gov.cn).
_PREFIXED_SITES = ("mofcom",)
_EXTENSIONS = (
    "shtml",
    "html",
    "htm",
    "pdf",
    "php",
    "aspx",
    "asp",
    "jsp",
    "xml",
    "doc",
    "docx",
    "xls",
    "xlsx",
)
_EXT_SIBLINGS = {"html": ("htm", "shtml"), "htm": ("html", "shtml"), "shtml": ("html", "htm")}

_SCHEME_AT = re.compile(
    rf"(?<![A-Za-z])(?:https?|ttps?|tps?|h\s*t(?:\s*[^\s:/]{{1,6}})?|s)\s*:\s*/\s*/|(?<![\w./])(?-i:www\s*\.(?=\s*[a-z0-9]))|(?<![\w@/.:-])(?-i:[a-z0-9-]+\.)+(?-i:com|org|net|edu|gov|int|[a-z]{2})/(?=[\w~%.-])|[{_G}]+/\s*/",
    re.IGNORECASE,
)
_ACCESS_BRACKET = re.compile(r"\[\s*\d{2}\s*\d{2}\s*-")
_EXT_WORD = re.compile(r"(?i)^(?:s?html?|sht|ml|pdf|php|aspx?|jsp|xml|docx?|xlsx?)[.,;]?$")
_DOMAIN_LABEL = re.compile(r"^[A-Za-z0-9-]+\.?$")
_STOP_CHARS = '[«»“”"<>()'
_IPV4 = re.compile(r"^(?:\d{1,3}\.){3}\d{1,3}$")
_IPV6_LITERAL = re.compile(r"^\[[0-9A-Fa-f:.]{2,45}\]")
# Signs that a text came from a (Chinese) PDF extraction, where line ends cut addresses.
_EXTRACTION_SIGNS = re.compile(rf"[«»《》\u3000-\u30ff\u4e00-\u9fff{_G}]")


def _literal_host(host: str) -> bool:
    """``localhost``, an IPv4 address or a bracketed IPv6 literal: complete without a TLD."""
    h = host.strip().lower()
    if h.startswith("["):
        return _IPV6_LITERAL.match(h) is not None and h.endswith("]")
    return h == "localhost" or (_IPV4.match(h) is not None and all(int(x) <= 255 for x in h.split(".")))


def _tokens(text: str, pos: int) -> list[tuple[int, int]]:
    """Whitespace-separated tokens of ``text`` from ``pos`` as (start, end) pairs."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text[pos:])]


def _host_done(host_text: str) -> bool:
    bare = re.sub(r":\s*\d+\s*$", "", host_text.strip())
    if _literal_host(bare):
        return True
    labels = [x for x in re.split(r"[\s.]+", host_text.strip().lower()) if x]
    if len(labels) < 2:
        return False
    last = labels[-1].split(":")[0]
    return last in _GENERIC_TLDS or (len(last) == 2 and last.isalpha())


def find_url(text: str) -> tuple[int, int] | None:
    """Return ``(start, end)`` of the URL text in ``text``, or None when there is none.

    The URL text may be spread over several tokens; it ends before an access date in
    brackets, a closing quote or the first token that reads as prose.

    >>> t = "Xinhua, 2021, http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5 html [2022 - 02 - 20]"
    >>> s, e = find_url(t); t[s:e]
    'http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5 html'
    """
    if "/" not in text and "www" not in text:
        return None  # every address form below needs a slash or "www"
    m = _SCHEME_AT.search(text)
    if m is None:
        return _find_schemeless(text)
    start = m.start()
    after = m.end()
    if m.group(0).lower().startswith("www"):
        after = m.start()
    end = _extend(text, start, after)
    return (start, end) if end > start else None


def _find_schemeless(text: str) -> tuple[int, int] | None:
    """A URL whose scheme was garbled away: a run of slash-bearing tokens before ``[date]``."""
    b = _ACCESS_BRACKET.search(text)
    if b is None or "/" not in text[: b.start()]:
        return None
    lo = max(0, b.start() - MAX_URL_CHARS)
    toks = [(x + lo, y + lo) for x, y in _tokens(text[lo : b.start()], 0)]
    i = len(toks)
    saw_slash = False
    while i > 0:
        s, e = toks[i - 1]
        tok = text[s:e]
        ok = (
            "/" in tok
            or _HAS_GARBLE.search(tok) is not None
            or tok.isdigit()
            or tok in ("-", "_", ".")
            or _EXT_WORD.match(tok) is not None
        )
        if not ok:
            break
        saw_slash = saw_slash or "/" in tok
        i -= 1
    if not saw_slash or i == len(toks):
        return None
    # trim leading pure numbers (dates such as "2021" that precede the garbled URL)
    while i < len(toks) and text[toks[i][0] : toks[i][1]].isdigit():
        i += 1
    if i >= len(toks):
        return None
    return toks[i][0], toks[-1][1]


def _extend(text: str, start: int, after: int) -> int:
    """Walk forward from the scheme over tokens that continue the URL; return the end offset."""
    window = text[: after + MAX_URL_CHARS]
    toks = [(s + after, e + after) for s, e in _tokens(window, after)]
    # the first token may start right at `after` (no space after //) or later
    end = after
    in_host = True
    host_text = ""
    prev = text[start:after]
    for idx, (s, e) in enumerate(toks):
        tok = text[s:e]
        stop = -1
        if idx == 0 and tok.startswith("[") and _IPV6_LITERAL.match(tok):
            pass  # "http://[::1]:80/": the bracket is the host, not the next work
        elif any(c in tok for c in _STOP_CHARS):
            stop = min(tok.find(c) for c in _STOP_CHARS if c in tok)
            if stop == 0:
                break
            tok = tok[:stop]
            e = s + stop
        glued = s == end if idx else s == after
        nxt = text[toks[idx + 1][0] : toks[idx + 1][1]] if idx + 1 < len(toks) else ""
        joined = glued or _continues(prev, tok, nxt, in_host, host_text)
        if not joined:
            break
        if stop > 0:
            end = e
            break
        end = e
        if in_host:
            if "/" in tok:
                in_host = False
            else:
                host_text += " " + tok
        prev = tok
        if tok.endswith((",", ";")):
            break
    # drop trailing punctuation that belongs to the sentence
    while end > start and text[end - 1] in ",;)]'\"":
        end -= 1
    return end


def _continues(prev: str, tok: str, nxt: str, in_host: bool, host_text: str) -> bool:
    """Does ``tok`` (separated from ``prev`` by whitespace) still belong to the URL?"""
    if prev.endswith((",", ";")):
        return False
    if prev.endswith(("/", "-", "_", ":", "?", "=", "&")) or tok.startswith(
        ("/", "-", "_", "?", "=", "&", ":")
    ):
        return True
    if prev.endswith(".") and prev.count("/") >= 3:
        return False  # "…/page.html. Accessed" : the dot ends the sentence
    if prev.endswith("."):
        if in_host and not _host_done(host_text) and re.match(r"[a-z0-9-]+\.[a-z]{2,}/", tok):
            return True  # "http://www. boston.com/business/..."
        return _DOMAIN_LABEL.match(tok) is not None and in_host and not _host_done(host_text)
    if _HAS_GARBLE.search(prev) or _HAS_GARBLE.search(tok):
        return True
    if _EXT_WORD.match(tok) and not tok.endswith((",", ";")) or tok.lower().rstrip(".,;") in ("ml",):
        return True
    if in_host:
        if _host_done(host_text):
            last = host_text.split()[-1].lower().rstrip(".") if host_text.split() else ""
            # "gov CN": a second-level label followed by a country code
            return last in _SECOND_LEVEL and len(tok) == 2 and tok.isalpha()
        return _DOMAIN_LABEL.match(tok) is not None and (tok[:1].islower() or tok.isupper() or tok.isdigit())
    # path: split numbers ("20 21"), or a piece followed by a separator ("c elac - 2")
    if prev[-1:].isdigit() and tok[:1].isdigit():
        return True
    if nxt in ("/", "-", "_") or nxt.startswith("/"):
        return re.fullmatch(r"[\w.%~+-]+/?", tok) is not None and len(tok) <= 40
    if "/" in tok and re.fullmatch(r"[\w./%~+-]+", tok):
        return True
    # "impact/Final BrochureWHA2008a.pdf": a path piece ending in a file name
    if re.fullmatch(r"[\w%~+-]+\.(?:pdf|s?html?|php|aspx?|jsp|doc|docx|ps|txt)\.?", tok) and re.search(
        r"/[\w%~+-]+$", prev
    ):
        return True
    return False


def _split_dotless_label(label: str, repairs: list[str]) -> list[str]:
    """Split ``sasacgovcn`` into ``sasac gov cn`` using second-level + country code suffixes."""
    for cc in _CC_FOR_SPLIT:
        if not label.endswith(cc) or len(label) <= len(cc):
            continue
        rest = label[: -len(cc)]
        for sld in _SECOND_LEVEL:
            if rest.endswith(sld) and len(rest) >= len(sld):
                head = rest[: -len(sld)]
                parts = [p for p in (head, sld, cc) if p]
                repairs.append(f"restored dots in '{label}'")
                return parts
    return [label]


def _repair_host(host: str, repairs: list[str]) -> tuple[str, bool]:
    """Return (host, ok). ``ok`` is False when the host lacks a top-level domain (cut or lost)."""
    port = ""
    pm = re.search(r":\s*(\d+)\s*$", host)
    if pm:
        port = ":" + pm.group(1)
        host = host[: pm.start()]
    if _literal_host(host):
        return host.strip().lower() + port, True
    raw_labels = [x for x in re.split(r"[\s.]+", host) if x]
    if len(raw_labels) > 1 and " " in host.strip():
        repairs.append("restored dots in host")
    labels: list[str] = []
    for x in raw_labels:
        labels.append(x.lower())
    if labels and "." not in host and len(labels) == 1 or (labels and not _host_done(".".join(labels))):
        last = labels.pop()
        labels.extend(_split_dotless_label(last, repairs))
    # a label doubled by extraction: www.gov.gov.cn -> www.gov.cn
    dedup: list[str] = []
    for lab in labels:
        if dedup and lab == dedup[-1] and lab in _SECOND_LEVEL:
            repairs.append(f"removed doubled '{lab}' in host")
            continue
        dedup.append(lab)
    labels = dedup
    # mxmofcom -> mx.mofcom
    out: list[str] = []
    for lab in labels:
        for site in _PREFIXED_SITES:
            head = lab[: -len(site)]
            if lab.endswith(site) and 2 <= len(head) <= 3 and head.isalpha():
                out.extend([head, site])
                repairs.append(f"restored dot in '{lab}'")
                break
        else:
            out.append(lab)
    if host != host.lower() and host.lower() != host:
        if any(c.isupper() for c in host):
            repairs.append("lower-cased host")
    result = ".".join(out) + port
    return result, _host_done(".".join(out))


def _repair_path(path: str, repairs: list[str]) -> str:
    """Join the pieces of a path that extraction spaced apart and restore the dot before extensions."""
    before = path
    # "SHT ML" -> "shtml"
    path = re.sub(r"(?i)\bSHT\s+ML\b", "shtml", path)
    # extension written as a separate word: "content_5659408 html" -> "content_5659408.html"
    ext_alt = "|".join(_EXTENSIONS)

    def _dot_ext(m: re.Match[str]) -> str:
        repairs.append(f"restored '.{m.group(2).lower()}'")
        return m.group(1) + "." + m.group(2).lower()

    path = re.sub(rf"(?i)([^\s/.])\s+({ext_alt})(?=\s*(?:$|[?#]))", _dot_ext, path)
    path = re.sub(r"\s+", "", path)
    if path != re.sub(r"\s+", "", before) or re.search(r"\s", before):
        if re.search(r"\s", before):
            repairs.append("removed spaces in path")
    return path


def _final_ext(url: str) -> str | None:
    m = re.search(r"\.(s?html?)$", url)
    return m.group(1) if m else None


def url_in(text: str) -> tuple[int, int, Url] | None:
    """Find the URL in a reference's ``text`` and repair it: ``(start, end, url)`` or None.

    A host-only address that ends the text with a dot is cut at a line end when the text
    shows the signs of a PDF extraction (guillemets, Chinese characters, garbled
    characters) and the host ends in a label that usually precedes a country code; in
    any other text the dot ends the sentence.

    >>> url_in("«Wang Yi», Ministry website, 2019, http://www.china.com.")[2].complete
    False
    >>> url_in("For details see http://example.com.")[2].repaired
    'http://example.com'
    """
    loc = find_url(text)
    if loc is None:
        return None
    a, b = loc
    at_end = not text[b:].strip()
    cut = at_end and _EXTRACTION_SIGNS.search(text) is not None
    return a, b, repair_url(text[a:b], cut_at_line_end=cut)


def repair_url(raw: str, *, cut_at_line_end: bool = False) -> Url:
    """Repair the URL text ``raw`` (as found by :func:`find_url`) into a :class:`Url`.

    ``cut_at_line_end``: the text ends a line of a PDF extraction, so a host-only address
    ending in ``.com.``/``.gov.``/``.org.``… may have lost its country code to the line
    break and is marked incomplete. Otherwise a final dot after a complete host is the
    sentence's and is dropped.

    >>> u = repair_url("http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5659408 html")
    >>> u.repaired, u.complete
    ('http://www.gov.cn/xinwen/2021-12/08/content_5659408.html', True)
    >>> repair_url("s: // www thedialogue org / wp - content / a pdf").repaired
    'https://www.thedialogue.org/wp-content/a.pdf'
    >>> u = repair_url("http://www.xinhuanet"); u.complete, u.fragments[0]
    (False, 'www.xinhuanet')
    """
    repairs: list[str] = []
    text = " ".join(raw[: MAX_URL_CHARS * 2].split())[:MAX_URL_CHARS]
    cut = len(" ".join(raw.split())) > MAX_URL_CHARS
    if cut:
        repairs.append(f"URL text longer than {MAX_URL_CHARS} characters; only the start was read")
    text = text.rstrip(",;")
    trailing_dot = text.endswith(".")
    text = text.rstrip(".")
    scheme = "http"
    scheme_ok = True
    m = re.match(r"^(?P<s>[^:/]{0,12}?)\s*:\s*/\s*/\s*", text)
    if m:
        s = m.group("s").replace(" ", "").lower()
        rest = text[m.end() :]
        if s in ("http", "https"):
            scheme = s
        elif s in ("ttp", "tp"):
            scheme = "http"
            repairs.append(f"restored scheme 'http' from '{s}'")
        elif s in ("ttps", "tps", "ps", "s"):
            scheme = "https"
            repairs.append(f"restored scheme 'https' from '{s}'")
        else:
            scheme_ok = False
            scheme = s
    elif re.match(rf"^[{_G}]+\s*/\s*/", text):
        rest = text[re.match(rf"^[{_G}]+\s*/\s*/\s*", text).end() :]
        scheme_ok = False
        scheme = "\u2026"
    elif re.match(r"(?i)^www\b", text):
        rest = text
        repairs.append("added 'http://' to an address written without a scheme")
    else:
        rest = text
        scheme_ok = False
        scheme = ""
    # host / path split
    slash = rest.find("/")
    host_part, path = (rest, "") if slash < 0 else (rest[:slash], rest[slash:])
    host_garbled = _HAS_GARBLE.search(host_part) is not None or not host_part.strip()
    if host_garbled:
        host, host_ok = "", False
    else:
        host, host_ok = _repair_host(host_part, repairs)
    path = _repair_path(path, repairs) if path else ""
    damaged = (
        not scheme_ok
        or host_garbled
        or _HAS_GARBLE.search(path) is not None
        or _HAS_GARBLE.search(scheme) is not None
    )
    damaged = damaged or cut
    if not damaged:
        if re.search(r"[=?&]$", path):
            repairs.append("the address is cut after its query")
            damaged = True
        elif not host_ok:
            repairs.append("host has no top-level domain: cut or lost")
            damaged = True
        elif (
            trailing_dot
            and not path
            and cut_at_line_end
            and host.rsplit(":", 1)[0].rsplit(".", 1)[-1] in _SECOND_LEVEL
        ):
            repairs.append("ends with '.' right after the host at a line end: a country code may be cut")
            damaged = True
    if not damaged:
        url = f"{scheme}://{host}{path}"
        candidates = [url]
        ext = _final_ext(url)
        if ext and any("restored '." in r for r in repairs):
            for alt in _EXT_SIBLINGS[ext]:
                candidates.append(url[: -len(ext)] + alt)
        altered = _altered(scheme, host, path, repairs)
        if altered is not None:
            likely, fragments = altered
            return Url(
                raw=raw,
                repaired=likely,
                complete=False,
                candidates=tuple(dict.fromkeys([likely, *candidates])),
                repairs=tuple(dict.fromkeys(repairs)),
                fragments=fragments,
            )
        return Url(
            raw=raw,
            repaired=url,
            complete=True,
            candidates=tuple(candidates) if len(candidates) > 1 else (),
            repairs=tuple(dict.fromkeys(repairs)),
        )
    return _partial(raw, scheme, scheme_ok, host, host_garbled, host_part, path, repairs)


CHANGED = "changed in extraction"  # the phrase every repair note about altered characters holds


def characters_changed(url: Url) -> bool:
    """True when the URL lost no characters but some were changed in extraction, so the
    printed form is not the address and ``repaired`` is the most likely one (unconfirmed).

    >>> characters_changed(repair_url("http://ar.mofcom.gov.com/article/a.shtml"))
    True
    """
    return not url.complete and any(CHANGED in r for r in url.repairs)


# "/202.202/" in ".../jmxw/202.202/20220203278094.shtml": a YYYYMM(DD) folder that gained a dot
_DATE_FOLDER = re.compile(r"^(\d{2,6})\.(\d{2,6})$")
_GOV_COM = re.compile(r"\.gov\.com(?=:|$)")


def _date_digits(digits: str) -> bool:
    if len(digits) not in (6, 8) or not 1990 <= int(digits[:4]) <= 2039:
        return False
    return 1 <= int(digits[4:6]) <= 12 and (len(digits) == 6 or 1 <= int(digits[6:8]) <= 31)


def _altered(scheme: str, host: str, path: str, repairs: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """Characters changed (not lost) in extraction: a government host printed ``.gov.com`` (there
    is no such registry; ``.gov.cn`` lost its last letter to an OCR ``m``), a date folder with a
    stray dot (``202.202`` for ``202202``). The URL as printed is then not the address; returns
    the most likely form and the fragments ``(host, prefix, tail)`` to confirm it in an archive's
    index (the prefix stops before the first changed folder; an unchanged last segment is the tail).
    """
    fixed_host, host_changes = _GOV_COM.subn(".gov.cn", host)
    if host_changes:
        repairs.append(f"host '.gov.com' is probably '.gov.cn': characters {CHANGED}")
    segments = path.split("/")
    first_bad = None
    for k, seg in enumerate(segments):
        m = _DATE_FOLDER.match(seg)
        if m and _date_digits(m.group(1) + m.group(2)):
            segments[k] = m.group(1) + m.group(2)
            first_bad = k if first_bad is None else first_bad
            repairs.append(f"date folder '{seg}' is probably '{segments[k]}': characters {CHANGED}")
    if not host_changes and first_bad is None:
        return None
    last = len(segments) - 1
    k = last if first_bad is None else first_bad
    prefix = f"{scheme}://{fixed_host}" + "/".join(segments[:k]) + "/"
    tail = "/" + segments[last] if segments[last] and (first_bad is None or first_bad < last) else ""
    return prefix + "/".join(segments[k:]), (fixed_host, prefix, tail)


def _partial(
    raw: str,
    scheme: str,
    scheme_ok: bool,
    host: str,
    host_garbled: bool,
    host_part: str,
    path: str,
    repairs: list[str],
) -> Url:
    """Build the best partial form of a damaged URL and the fragments for a prefix query."""
    if host_garbled:
        clean_host = ""
        hpart = _GARBLE_RUN.sub("…", re.sub(r"\s+", "", host_part))
    else:
        clean_host = host
        hpart = host
    sch = scheme if scheme_ok else _GARBLE_RUN.sub("…", scheme) if scheme else "…"
    full = f"{sch}://{hpart}{path}"
    partial = _GARBLE_RUN.sub("…", full)
    if clean_host and not _host_done(clean_host):
        # keep what names the site ("world" of "world.1"), drop stray numbers
        labels = clean_host.split(".")
        while len(labels) > 1 and labels[-1].isdigit():
            labels.pop()
        clean_host = ".".join(labels)
    # prefix: up to the first damage, only meaningful when scheme and host are clean
    prefix = ""
    pieces = _GARBLE_RUN.split(path) if path else []
    path_damaged = _HAS_GARBLE.search(path) is not None
    tail = pieces[-1] if path_damaged else ""
    if scheme_ok and not host_garbled:
        if not _host_done(clean_host):
            prefix, tail = f"{scheme}://{clean_host}", path
        else:
            prefix = f"{scheme}://{host}{pieces[0] if pieces else ''}"
    inner = pieces[:-1] if path_damaged else pieces
    if prefix and inner:
        inner = inner[1:]
    middle = tuple(p for p in inner if len(p.strip("/-_.")) >= 6)
    if _HAS_GARBLE.search(raw):
        repairs.append("characters lost to garbling; address incomplete")
    return Url(
        raw=raw,
        repaired=partial,
        complete=False,
        candidates=(),
        repairs=tuple(dict.fromkeys(repairs)),
        fragments=(clean_host, prefix, tail, *middle),
    )
