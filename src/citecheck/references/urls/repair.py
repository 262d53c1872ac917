"""From URL text to a :class:`~citecheck.model.Url`: scheme, host and path decoded, damage flagged.

What the text still carries is restored; what it does not carry is never guessed. Lost
characters (garble glyphs, a scheme cut beyond recognition, a host without a public suffix,
a query cut after its ``=``) make the URL ``complete=False`` with ``fragments``
``(host, prefix, tail, *middle)`` for the CDX prefix query; ambiguity among complete
readings gives ranked ``candidates``.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ... import recache
from ...model import Url
from .extent import MAX_URL_CHARS, find_url
from .host import HostReading, prefer_known, read_host
from .path import read_path
from .suffixes import country_suffixes_of, is_category, is_new_gtld, is_suffix, registrable
from .vocab import (
    GARBLE_RUN,
    GENERIC_TLDS,
    GOVERNMENT_CATEGORIES,
    HAS_GARBLE,
    WIDE,
    G,
    ascii_scheme_separators,
    literal_host,
)

__all__ = ["repair_url", "url_in", "characters_changed", "CHANGED"]

#: The phrase every repair note about altered (not lost) characters holds.
CHANGED = "changed in extraction"
#: A scheme whose surviving letters still name it: citations only carry http and https.
_SCHEME_TAILS = {
    "http": "http",
    "https": "https",
    "ttp": "http",
    "tp": "http",
    "p": "http",
    "ttps": "https",
    "tps": "https",
    "ps": "https",
    "s": "https",
}
#: Signs that a text came from a PDF extraction, where line ends cut addresses.
_EXTRACTION_SIGNS = recache.compile(rf"[«»《》{G}]")


def url_in(text: str, *, hosts: Collection[str] = ()) -> tuple[int, int, Url] | None:
    """Find the URL in a reference's ``text`` and repair it: ``(start, end, url)`` or None.

    ``hosts``: registrable domains printed elsewhere in the same document (evidence for a
    host that lost its dots). A host-only address that ends the text with a dot is cut at a
    line end when the text shows the signs of a PDF extraction; elsewhere the dot ends the
    sentence.

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
    cut = at_end and (_EXTRACTION_SIGNS.search(text) is not None or WIDE.search(text) is not None)
    return a, b, repair_url(text[a:b], cut_at_line_end=cut, hosts=hosts)


def _scheme(text: str, repairs: list[str]) -> tuple[str, bool, str]:
    """``(scheme, ok, rest)``: the scheme read from the start of ``text`` and the text after it."""
    m = re.match(r"^(?P<s>[^:/]{0,12}?)\s*:\s*/\s*/\s*", text)
    if m:
        printed = m.group("s").replace(" ", "").lower()
        rest = text[m.end() :]
        scheme = _SCHEME_TAILS.get(printed)
        if scheme is None:
            return (printed, False, rest) if printed else ("", False, rest)
        if scheme != printed:
            repairs.append(f"restored scheme '{scheme}' from '{printed}'")
        return scheme, True, rest
    g = re.match(rf"^[{G}]+\s*/\s*/\s*", text)
    if g:
        return "\u2026", False, text[g.end() :]
    if re.match(r"(?i)^www\d?\b", text) or re.match(r"^[\w-]+(?:[.\s][\w-]+)+\s*/", text):
        repairs.append("added 'http://' to an address written without a scheme")
        return "http", True, text
    return "", False, text


def repair_url(raw: str, *, cut_at_line_end: bool = False, hosts: Collection[str] = ()) -> Url:
    """Repair the URL text ``raw`` (as found by :func:`find_url`) into a :class:`Url`.

    ``cut_at_line_end``: the text ends a line of a PDF extraction, so a host-only address
    ending in ``.com.``/``.gov.``… may have lost its country code to the line break.
    ``hosts``: registrable domains the same document prints (see :func:`url_in`).

    >>> u = repair_url("http://www.govgovcn/xinwen/20 21 - 12 / 08 / content_5659408 html")
    >>> u.repaired, u.complete
    ('http://www.gov.cn/xinwen/2021-12/08/content_5659408.html', True)
    >>> repair_url("s: // www thedialogue org / wp - content / a pdf").repaired
    'https://www.thedialogue.org/wp-content/a.pdf'
    >>> u = repair_url("http://www.xinhuanet"); u.complete, u.fragments[0]
    (False, 'www.xinhuanet')
    """
    repairs: list[str] = []
    text = " ".join(ascii_scheme_separators(raw[: MAX_URL_CHARS * 2]).split())[:MAX_URL_CHARS]
    cut = len(" ".join(raw.split())) > MAX_URL_CHARS
    if cut:
        repairs.append(f"URL text longer than {MAX_URL_CHARS} characters; only the start was read")
    text = text.rstrip(",;")
    text = text.rstrip(".")
    scheme, scheme_ok, rest = _scheme(text, repairs)
    slash = rest.find("/")
    host_part, path_text = (rest, "") if slash < 0 else (rest[:slash], rest[slash:])
    host_garbled = HAS_GARBLE.search(host_part) is not None or not host_part.strip()
    reading = HostReading("", False) if host_garbled else read_host(host_part)
    if hosts:
        reading = prefer_known(reading, frozenset(hosts))
    repairs.extend(reading.repairs)
    path_reading = read_path(path_text, case_changed=reading.upper) if path_text else None
    path = path_reading.path if path_reading else ""
    if path_reading:
        repairs.extend(path_reading.repairs)
    host = reading.host
    damaged = (
        cut
        or not scheme_ok
        or host_garbled
        or HAS_GARBLE.search(path) is not None
        or HAS_GARBLE.search(scheme) is not None
    )
    if not damaged:
        if re.search(r"[=?&]$", path):
            repairs.append("the address is cut after its query")
            damaged = True
        elif not reading.complete:
            repairs.append("host has no top-level domain: cut or lost")
            damaged = True
        elif not path and cut_at_line_end and _ends_in_category(host):
            repairs.append("ends right after the host at a line end: a country code may be cut")
            damaged = True
        elif not path and cut_at_line_end and reading.dotless:
            # "www.china3gorges" cut before ".com" reads like a host that lost its dots
            # ("china3g.org.es"): only a path after it would show where the host ends
            repairs.append("ends right after the host at a line end: the rest of the host may be cut")
            damaged = True
        elif not path and cut_at_line_end and _ends_in_new_gtld(host):
            repairs.append(
                "ends right after the host at a line end under a new top-level domain: the suffix may be cut"
            )
            damaged = True
    if damaged:
        return _partial(raw, scheme, scheme_ok, host, host_garbled, host_part, path, repairs)
    url = f"{scheme}://{host}{path}"
    candidates = [url]
    for alt_path in path_reading.alternatives if path_reading else ():
        candidates.append(f"{scheme}://{host}{alt_path}")
    for alt_host in reading.alternatives:
        candidates.append(f"{scheme}://{alt_host}{path}")
    altered = _altered(scheme, host, path, repairs, hosts)
    if altered is not None:
        likely, others, fragments = altered
        return Url(
            raw=raw,
            repaired=likely,
            complete=False,
            candidates=tuple(dict.fromkeys([likely, *others, *candidates])),
            repairs=tuple(dict.fromkeys(repairs)),
            fragments=fragments,
        )
    candidates = list(dict.fromkeys(candidates))
    return Url(
        raw=raw,
        repaired=url,
        complete=True,
        candidates=tuple(candidates) if len(candidates) > 1 else (),
        repairs=tuple(dict.fromkeys(repairs)),
    )


def _ends_in_category(host: str) -> bool:
    """A host-only address ending in a registry category (``www.china.com``): at a line end the
    country code after it (``.cn``) may have been cut."""
    return is_category(host.rsplit(":", 1)[0].rsplit(".", 1)[-1])


def _ends_in_new_gtld(host: str) -> bool:
    """A host-only address ending in a new-gTLD label (``news.bbc``, ``finance.sina``): such a
    label is far more often a site's name before its older suffix (``bbc.co.uk``, ``sina.com.cn``),
    so at a line end the rest of the host may have been cut."""
    return is_new_gtld(host.rsplit(":", 1)[0].rsplit(".", 1)[-1])


def characters_changed(url: Url) -> bool:
    """True when the URL lost no characters but some were changed in extraction, so the
    printed form is not the address and ``repaired`` is the most likely one (unconfirmed).

    >>> characters_changed(repair_url("http://ar.mofcom.gov.com/article/a.shtml"))
    True
    >>> repair_url("http://ar.mofcom.gov.com/article/a.shtml", hosts={"customs.gov.cn"}).repaired
    'http://ar.mofcom.gov.cn/article/a.shtml'

    """
    return not url.complete and any(CHANGED in r for r in url.repairs)


# "/202.202/" in ".../jmxw/202.202/20220203278094.shtml": a YYYYMM(DD) folder that gained a dot
_DATE_FOLDER = recache.compile(r"^(\d{2,6})\.(\d{2,6})$")


def _date_digits(digits: str) -> bool:
    if len(digits) not in (6, 8) or not 1990 <= int(digits[:4]) <= 2039:
        return False
    return 1 <= int(digits[4:6]) <= 12 and (len(digits) == 6 or 1 <= int(digits[6:8]) <= 31)


def _edit_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


#: How many country readings of a changed government host are offered for the archive to confirm.
_MAX_COUNTRY_READINGS = 4


def _country_readings(host: str, hosts: Collection[str]) -> list[str]:
    """A government category before a generic top-level domain (``ar.mofcom.gov.com``) is a
    country suffix whose last letters changed: the readings ``…gov.<cc>`` the Public Suffix List
    knows, those the same document prints first (most often first), then the country codes
    closest in spelling to what is printed. Empty when the host is not of that shape."""
    labels = host.split(".")
    if len(labels) < 3 or labels[-2] not in GOVERNMENT_CATEGORIES or labels[-1] not in GENERIC_TLDS:
        return []
    if is_suffix(".".join(labels[-2:])):
        return []
    printed, category = labels[-1], labels[-2]
    countries = country_suffixes_of(category)
    seen: dict[str, int] = {}
    for name in hosts:
        for suffix in countries:
            if name == suffix or name.endswith("." + suffix):
                seen[suffix] = seen.get(suffix, 0) + 1

    def rank(suffix: str) -> tuple[int, int, str]:
        return (-seen.get(suffix, 0), _edit_distance(printed, suffix.split(".")[1]), suffix)

    head = ".".join(labels[:-2])
    return [f"{head}.{suffix}" for suffix in sorted(countries, key=rank)[:_MAX_COUNTRY_READINGS]]


def _altered(
    scheme: str, host: str, path: str, repairs: list[str], hosts: Collection[str] = ()
) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """Characters changed (not lost) in extraction: a government host printed under a generic
    top-level domain (``.gov.com``: no registry has that category, so a country code was
    misread), a date folder with a stray dot (``202.202`` for ``202202``). The URL as printed is
    then not the address; returns the most likely form, the other readings, and the fragments
    ``(host, prefix, tail)`` to confirm it in an archive's index (the prefix stops before the
    first changed folder; an unchanged last segment is the tail).
    """
    readings = _country_readings(host, hosts)
    fixed_host = readings[0] if readings else host
    if readings:
        printed = ".".join(host.split(".")[-2:])
        likely = ".".join(fixed_host.split(".")[-2:])
        evidence = (
            "as the paper's other hosts show" if any(h.endswith(likely) for h in hosts) else "unconfirmed"
        )
        repairs.append(f"host '.{printed}' is probably '.{likely}' ({evidence}): characters {CHANGED}")
    segments = path.split("/")
    first_bad = None
    for k, seg in enumerate(segments):
        m = _DATE_FOLDER.match(seg)
        if m and _date_digits(m.group(1) + m.group(2)):
            segments[k] = m.group(1) + m.group(2)
            first_bad = k if first_bad is None else first_bad
            repairs.append(f"date folder '{seg}' is probably '{segments[k]}': characters {CHANGED}")
    if not readings and first_bad is None:
        return None
    last = len(segments) - 1
    k = last if first_bad is None else first_bad
    fixed_path = "/".join(segments)
    prefix = f"{scheme}://{fixed_host}" + "/".join(segments[:k]) + "/"
    tail = "/" + segments[last] if segments[last] and (first_bad is None or first_bad < last) else ""
    others = tuple(f"{scheme}://{h}{fixed_path}" for h in readings[1:])
    return prefix + "/".join(segments[k:]), others, (fixed_host, prefix, tail)


def _site_part(host: str) -> str:
    """What names the site in a host without a suffix: ``world`` of ``world.1``."""
    labels = host.split(".")
    while len(labels) > 1 and labels[-1].isdigit():
        labels.pop()
    return ".".join(labels)


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
        hpart = GARBLE_RUN.sub("…", re.sub(r"\s+", "", host_part))
    else:
        clean_host = host
        hpart = host
    sch = scheme if scheme_ok else GARBLE_RUN.sub("…", scheme) if scheme else "…"
    partial = GARBLE_RUN.sub("…", f"{sch}://{hpart}{path}")
    host_done = bool(clean_host) and (
        literal_host(clean_host.split(":")[0]) or registrable(clean_host.split(":")[0].split("."))
    )
    if clean_host and not host_done:
        clean_host = _site_part(clean_host)
    prefix = ""
    pieces = GARBLE_RUN.split(path) if path else []
    path_damaged = HAS_GARBLE.search(path) is not None
    tail = pieces[-1] if path_damaged else ""
    if scheme_ok and not host_garbled:
        if not host_done:
            prefix, tail = f"{scheme}://{clean_host}", path
        else:
            prefix = f"{scheme}://{host}{pieces[0] if pieces else ''}"
    inner = pieces[:-1] if path_damaged else pieces
    if prefix and inner:
        inner = inner[1:]
    middle = tuple(p for p in inner if len(p.strip("/-_.")) >= 6)
    if HAS_GARBLE.search(raw):
        repairs.append("characters lost to garbling; address incomplete")
    return Url(
        raw=raw,
        repaired=partial,
        complete=False,
        candidates=(),
        repairs=tuple(dict.fromkeys(repairs)),
        fragments=(clean_host, prefix, tail, *middle),
    )
