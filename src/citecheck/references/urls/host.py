"""Reading a host whose dots extraction turned into spaces (or dropped).

Every gap between two labels is a dot, except next to ``-`` and ``_`` (a hyphen or underscore
with a space beside it is one character of a label: ``faster- rivals``). The host is complete
when its labels end in a public suffix of the list with one label before it
(``www fightdementia org au`` -> ``www.fightdementia.org.au``). A label that lost its dots
altogether is split where a multi-label suffix ends it (``sasacgovcn`` -> ``sasac.gov.cn``);
that reading is ranked, with the label as printed second.

>>> read_host("www fightdementia org au").host
'www.fightdementia.org.au'
>>> r = read_host("www.govgovcn"); r.host, r.complete, r.repairs[-1]
('www.gov.cn', True, "removed doubled 'gov' in host")
>>> read_host("www.xinhuanet").complete
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import recache
from .suffixes import dotless_splits, is_suffix, registrable, suffix_length
from .vocab import literal_host

_PORT = recache.compile(r":\s*(\d{1,5})\s*$")
#: ``www`` glued to the rest of a host that lost every dot (``wwwtheguardiancom``).
_GLUED_SERVICE = recache.compile(r"www\d?(?=[a-z0-9]{3,})")
_SPACED_JOIN = recache.compile(r"\s*([-_])\s*")


@dataclass(frozen=True)
class HostReading:
    """A host as read from its printed text.

    ``host``: lower case, dots restored, port kept. ``complete``: it ends in a public suffix
    (or is an IP literal / localhost). ``alternatives``: other readings, most likely first.
    ``upper``: the printed host had upper-case letters (a sign the extraction changed case).
    ``dotless``: a label was split because its dots were lost (document evidence may re-rank).
    """

    host: str
    complete: bool
    alternatives: tuple[str, ...] = ()
    repairs: tuple[str, ...] = ()
    upper: bool = False
    dotless: bool = False


def labels_of(text: str) -> list[str]:
    """Labels of printed host text: spaces and dots separate, a spaced ``-``/``_`` joins."""
    return [x for x in re.split(r"[\s.]+", _SPACED_JOIN.sub(r"\1", text.strip()).lower()) if x]


def read_host(text: str) -> HostReading:
    """Read the printed host ``text`` (between the scheme and the first ``/``)."""
    port = ""
    m = _PORT.search(text)
    if m:
        port = ":" + m.group(1)
        text = text[: m.start()]
    upper = any(c.isupper() for c in text)
    repairs: list[str] = []
    if literal_host(text):
        return HostReading(text.strip().lower() + port, True)
    labels = labels_of(text)
    if len(labels) == 4 and literal_host(".".join(labels)):
        return HostReading(".".join(labels) + port, True, (), ("restored dots in host",))
    if len(labels) > 1 and re.search(r"\S\s+\S", text.strip()):
        repairs.append("restored dots in host")
    if upper:
        repairs.append("lower-cased host")
    readings: list[list[str]] = []
    dotless = False
    if registrable(labels):
        readings.append(labels)
    elif labels:
        for head, suffix in dotless_splits(labels[-1]):
            readings.append([*labels[:-1], head, *suffix.split(".")])
        service = _GLUED_SERVICE.match(labels[0]) if len(labels) == 1 else None
        if service:  # "wwwtheguardiancom": a host printed without any of its dots
            readings = _service_readings(labels[0], service.group(0))
        if readings:
            dotless = True
            repairs.append(f"restored dots in '{labels[-1]}'")
    if not readings:
        return HostReading(".".join(labels) + port, False, (), tuple(repairs), upper)
    ranked: list[list[str]] = []
    for reading in readings:
        undoubled = _undouble(reading)
        if undoubled is None:
            ranked.append(reading)
            continue
        ranked.append(undoubled)  # the doubled form is no reading at all: not even a candidate
        if not any("doubled" in r for r in repairs):
            repairs.append(f"removed doubled '{reading[-suffix_length(reading)]}' in host")
    names = list(dict.fromkeys(".".join(r) + port for r in ranked))
    return HostReading(names[0], True, tuple(names[1:]), tuple(repairs), upper, dotless)


def _service_readings(label: str, service: str) -> list[list[str]]:
    """Readings of a host printed without any dot after its glued service label.

    A digit after ``www`` may end the service label (``www2aneelgovbr``) or begin the name
    (``www20minutoses``: names may begin with digits): both are read. The name that would then
    begin with a digit (``www2.0minutos``) ranks after the other."""
    readings = [[service, *r[1:]] for r in _dotless_readings(label[len(service) :])]
    if service[-1:].isdigit():
        plain = [["www", *r[1:]] for r in _dotless_readings(label[3:])]
        digit_first = label[len(service) : len(service) + 1].isdigit()
        readings = plain + readings if digit_first else readings + plain
    return readings


def _dotless_readings(label: str) -> list[list[str]]:
    """``theguardiancom`` -> ``[["", "theguardian", "com"]]``: a name and a known suffix, longest
    suffix first (the first item is a placeholder for the glued service label)."""
    out = [["", head, *suffix.split(".")] for head, suffix in dotless_splits(label)]
    for i in range(1, len(label) - 1):
        if is_suffix(label[i:]) and "." not in label[i:]:
            out.append(["", label[:i], label[i:]])
    return [r for r in out if r[1]]


def _undouble(labels: list[str]) -> list[str] | None:
    """``www.gov.gov.cn`` -> ``www.gov.cn``: the label before a multi-label suffix repeats the
    suffix's first label (a registry reserves its categories: ``gov`` is not registered under
    ``gov.cn``), so extraction doubled it."""
    n = suffix_length(labels)
    if n < 2 or len(labels) <= n or labels[-n - 1] != labels[-n]:
        return None
    out = labels[: -n - 1] + labels[-n:]
    return out if registrable(out) else None


def prefer_known(reading: HostReading, known: frozenset[str]) -> HostReading:
    """Re-rank a dotless reading by registrable domains printed elsewhere in the same document.

    ``mxmofcom.gov.cn`` when the paper also prints ``ar.mofcom.gov.cn``: the label ends with a
    registrable name the document knows, so the lost dot sat before it (``mx.mofcom.gov.cn``).
    """
    if not reading.dotless or not known:
        return reading
    host, _, port = reading.host.partition(":")
    labels = host.split(".")
    n = suffix_length(labels)
    if len(labels) <= n:
        return reading
    label, suffix = labels[-n - 1], ".".join(labels[-n:])
    for name in sorted(known, key=len, reverse=True):
        head_label, _, rest = name.partition(".")
        if rest != suffix or not label.endswith(head_label) or len(label) <= len(head_label):
            continue
        head = label[: -len(head_label)].strip("-")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", head):
            continue
        better = ".".join([*labels[: -n - 1], head, head_label, *labels[-n:]]) + (":" + port if port else "")
        alternatives = tuple(dict.fromkeys([reading.host, *reading.alternatives]))
        repairs = (*reading.repairs, f"split '{label}' as a document's other host '{name}' shows")
        return HostReading(better, True, alternatives, repairs, reading.upper, True)
    return reading


def registrable_name(host: str) -> str | None:
    """``ar.mofcom.gov.cn`` -> ``mofcom.gov.cn``; None without a known suffix."""
    labels = host.split(":")[0].split(".")
    n = suffix_length(labels)
    if not 0 < n < len(labels):
        return None
    return ".".join(labels[-n - 1 :])
