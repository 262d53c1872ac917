"""URL repair on damaged URLs embedded in seed-style note lines: a damage model and its score.

Clean URLs come from ``tests/data/urls/pool.txt`` (written for this benchmark) and from the
``<url>`` elements of ``shared/parsing/anystyle-core.xml`` (read at run time from ``../shared``
or ``/work/shared``, never copied). They are split by a hash of the URL into a development half
and a held-out half. A third part, ``blind``, damages ``tests/data/urls/pool_blind.txt``: URLs
written without looking at the reader, of shapes the first pool may lack (second-level registries
of many countries, digits and hyphens in hosts, query strings, fragments, ports, ``~user``,
percent-encoding, DOIs, repository handles, IDN hosts). Each URL is damaged the ways the bundled seed shows PDF extraction and
machine translation damage URLs:

lossless (nothing lost, only spacing and case moved; the reader must restore the URL exactly)
  ``host-dots``    dots in the host read as spaces (``www fightdementia org au``)
  ``scheme-space`` spaces around ``://`` (``http:// ``, ``s: //`` style spacing)
  ``slash-space``  spaces around ``/`` in the path
  ``dash-space``   spaces around ``-`` and ``_``
  ``digit-split``  a digit run split in two (``20 21``)
  ``ext-space``    the dot before the extension read as a space (``content_5 html``)
  ``ext-split``    the extension split in two pieces (``SHT ML``, ``HTM L``)
  ``case-upper``   the extraction upper-cased the country code and the extension (``gov CN … SHT ML``)
  ``full-width``   a CJK text layer printed the scheme's colon and slashes full-width (``http：／／``)
  ``double-space`` PDF extraction doubled one of the spaces already there (``www  gov cn``)
  ``line-break``   the URL wrapped at a line end inside its path, read back as a space
                   between two letters or digits (``/agrone gocios/``)

lossy (characters lost: the reader must flag the URL incomplete, or restore it exactly)
  ``garble``       a run of characters replaced by garble glyphs (``ÿÿÿÿ``)
  ``scheme-cut``   the scheme partly lost (``ttp://``, ``s: //``, ``ht ÿÿÿ: //``, ``://``)
  ``host-cut``     the URL cut inside its host at the end of the note (``http://www.xinhuanet``)

ambiguous (no characters lost, but the text does not decide; the true URL must be among the
reading and its ranked candidates, and the reading complete)
  ``dots-dropped`` dots in the host dropped altogether (``sasacgovcn``)
  ``ext-case``     the extension's case changed with no other sign of it (``PDF`` for ``pdf``)

Every damaged URL sits in a note line (marker, «title», agency, date, URL, an access-date
bracket such as ``[2022 - 02 - 20]``, sometimes followed by the next work, prose or a running
page header) and is scored through ``url_in`` on the whole line.

Run: ``python benchmarks/url_repair.py [-v] [--per-url N] [--seed S] [--half NAME] [--seed-kinds]``;
``-v`` lists failures, ``--seed-kinds`` leaves out ``full-width``, ``double-space`` and ``line-break``.
"""

from __future__ import annotations

import hashlib
import html
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from citecheck.references.urls import url_in

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT / "tests" / "data" / "urls" / "pool.txt"
BLIND_POOL = ROOT / "tests" / "data" / "urls" / "pool_blind.txt"
ANYSTYLE = ("shared/parsing/anystyle-core.xml",)
GARBLES = "ÿÿÿÿÿÿŷŸ"
TARGETS = {"lossless restored exactly": 0.97, "lossy flagged incomplete": 0.97}
MAX_LOSSY_COMPLETE = 0.01
EXTRACTION_DAMAGE = True  # --seed-kinds turns off the kinds the seed itself does not show


# -- the pool --------------------------------------------------------------------------------


def anystyle_path() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent, Path("/work")):
        for rel in ANYSTYLE:
            p = base / rel
            if p.is_file():
                return p
    return None


def clean(url: str, *, idn: bool = False) -> str | None:
    """A printable clean URL from a bibliography's ``<url>`` text, or None.

    ``idn`` admits a host in Latin letters beyond ASCII (``www.españa.es``); the path stays ASCII.
    """
    url = html.unescape(url).strip()
    url = re.sub(r"^(?:URL:\s*)", "", url)
    url = url.strip("()<>").rstrip(".,;)>").strip("<(")
    url = re.sub(r"\s+", "", url)
    ascii_ok = url.isascii() or (idn and _latin_idn(url))
    if not ascii_ok or "." not in url:
        return None
    if not re.match(r"https?://", url):
        url = "http://" + url
    parts = urlsplit(url)
    if not parts.hostname or "." not in parts.hostname:
        return None
    return url.replace(parts.netloc, parts.netloc.lower(), 1)


def _latin_idn(url: str) -> bool:
    host = urlsplit(url).netloc
    rest = url.split(host, 1)[-1]
    return rest.isascii() and all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in host)


def load_blind(exclude: set[str]) -> list[str]:
    """The blind pool's URLs, less any the first pool already holds."""
    out: dict[str, None] = {}
    for line in BLIND_POOL.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            u = clean(line, idn=True)
            if u and u not in exclude:
                out.setdefault(u, None)
    return list(out)


def load_pool() -> list[tuple[str, str]]:
    """(url, source) pairs, deduplicated."""
    out: dict[str, str] = {}
    for line in POOL.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            u = clean(line)
            if u:
                out.setdefault(u, "pool")
    p = anystyle_path()
    if p is not None:
        for raw in re.findall(r"<url>(.*?)</url>", p.read_text(encoding="utf-8"), re.S):
            u = clean(raw)
            if u:
                out.setdefault(u, "anystyle")
    return list(out.items())


def half(url: str) -> str:
    return "dev" if hashlib.sha1(url.encode()).digest()[0] % 2 == 0 else "held-out"


# -- the damage model -------------------------------------------------------------------------


@dataclass
class Damaged:
    truth: str
    printed: str
    kind: str  # lossless | lossy | ambiguous
    ops: list[str] = field(default_factory=list)
    line: str = ""


def _split(url: str) -> tuple[str, str, str]:
    """(scheme, host with port, rest from the first '/')."""
    scheme, rest = url.split("://", 1)
    slash = rest.find("/")
    if slash < 0:
        q = min([i for i in (rest.find("?"), rest.find("#")) if i >= 0], default=len(rest))
        return scheme, rest[:q], rest[q:]
    return scheme, rest[:slash], rest[slash:]


_EXT = re.compile(r"\.([A-Za-z][A-Za-z0-9]{1,5})(?=$|[?#])")


def _ext_span(path: str) -> tuple[int, int] | None:
    """Span of the final extension (without its dot) of the last path segment."""
    main = re.split(r"[?#]", path, maxsplit=1)[0]
    last = main.rsplit("/", 1)[-1]
    m = _EXT.search(last)
    if not m or m.start() == 0:
        return None
    start = len(main) - len(last) + m.start(1)
    return start, start + len(m.group(1))


def lossless(url: str, rng: random.Random, ops: list[str]) -> str:
    scheme, host, path = _split(url)
    # extension first (offsets in the clean path)
    span = _ext_span(path)
    if span:
        a, b = span
        ext = path[a:b]
        if rng.random() < 0.15:
            ext = ext.upper()
            host = re.sub(r"([a-z]+)$", lambda m: m.group(1).upper(), host) if "." in host else host
            ops.append("case-upper")
        if len(ext) >= 3 and rng.random() < 0.2:
            k = rng.randint(1, len(ext) - 1)
            ext = ext[:k] + " " + ext[k:]
            ops.append("ext-split")
        dot = "."
        if rng.random() < 0.8:
            dot = " "
            ops.append("ext-space")
        path = path[: a - 1] + dot + ext + path[b:]

    # digit runs split
    def split_digits(m: re.Match[str]) -> str:
        run = m.group(0)
        if len(run) >= 3 and rng.random() < 0.3:
            k = rng.randint(1, len(run) - 1)
            ops.append("digit-split")
            return run[:k] + " " + run[k:]
        return run

    path = re.sub(r"\d{3,}", split_digits, path)

    # spaces around separators
    def space_sep(m: re.Match[str]) -> str:
        c = m.group(0)
        p = 0.5 if c == "/" else 0.35
        if rng.random() >= p:
            return c
        ops.append("slash-space" if c == "/" else "dash-space")
        return rng.choice([f" {c} ", f"{c} ", f" {c}"])

    path = re.sub(r"[/\-_]", space_sep, path)
    # host dots
    if "." in host and rng.random() < 0.85:
        p = rng.choice([1.0, 0.6])
        parts = host.split(".")
        out = parts[0]
        for part in parts[1:]:
            out += (" " if rng.random() < p else ".") + part
        if out != host:
            ops.append("host-dots")
        host = out
    sep = "://"
    if rng.random() < 0.5:
        sep = rng.choice([":// ", ": // ", " : // ", ": //"])
        ops.append("scheme-space")
    return f"{scheme}{sep}{host}{path}"


def extraction(printed: str, rng: random.Random, ops: list[str]) -> str:
    """Damage of a PDF text layer on top of the seed's: full-width separators, doubled spaces."""
    if not EXTRACTION_DAMAGE:
        return printed
    if rng.random() < 0.1 and "://" in printed:
        ops.append("full-width")
        printed = printed.replace("://", rng.choice(("：//", "：／／")), 1)
    slash = printed.find("/", printed.find("//") + 2) if "//" in printed else -1
    if rng.random() < 0.15 and slash > 0:
        # a line break inside the path, read back as a space between two address characters
        spots = [
            i for i in range(slash + 2, len(printed)) if printed[i - 1].isalnum() and printed[i].isalnum()
        ]
        if spots:
            i = rng.choice(spots)
            ops.append("line-break")
            printed = printed[:i] + " " + printed[i:]
    if rng.random() < 0.1 and " " in printed:
        spaces = [m.start() for m in re.finditer(" ", printed)]
        i = rng.choice(spaces)
        ops.append("double-space")
        printed = printed[:i] + " " + printed[i:]
    return printed


def garble(printed: str, rng: random.Random, ops: list[str]) -> str:
    """Replace a run of letters or digits after the scheme with garble glyphs."""
    start = printed.find("//") + 2
    spots = [m for m in re.finditer(r"[A-Za-z0-9]{2,}", printed[start:])]
    if not spots:
        return printed
    m = rng.choice(spots)
    a, b = m.start() + start, m.end() + start
    k = rng.randint(1, min(8, b - a))
    i = rng.randint(a, b - k)
    ops.append("garble")
    glyphs = "".join(rng.choice(GARBLES) for _ in range(k))
    return printed[:i] + glyphs + printed[i + k :]


def scheme_cut(printed: str, rng: random.Random, ops: list[str]) -> str:
    scheme, rest = printed.split(":", 1)
    choice = rng.random()
    if choice < 0.4:
        k = rng.randint(1, len(scheme) - 1)
        new = scheme[k:]
    elif choice < 0.75:
        k = rng.randint(1, len(scheme) - 1)
        new = scheme[: max(1, k - 1)] + " " + "".join(rng.choice(GARBLES) for _ in range(k))
    else:
        new = ""
    ops.append("scheme-cut")
    return new + ":" + rest


def host_cut(url: str, printed: str, rng: random.Random, ops: list[str]) -> tuple[str, str] | None:
    """Cut the printed URL inside its host (the note ends there)."""
    scheme, host, _ = _split(url)
    labels = host.split(":")[0].split(".")
    if len(labels) < 2:
        return None
    # cut after a label that is not the last (a dot or the country code lost to the line break)
    k = rng.randint(1, len(labels) - 1)
    kept = ".".join(labels[:k])
    if rng.random() < 0.3:
        kept += "."
    ops.append("host-cut")
    return f"{scheme}://{kept}", url


def ambiguous(url: str, rng: random.Random, ops: list[str]) -> str | None:
    scheme, host, path = _split(url)
    span = _ext_span(path)
    if rng.random() < 0.5 and span and path[span[0] : span[1]].islower():
        a, b = span
        ops.append("ext-case")
        return f"{scheme}://{host}{path[:a]}{path[a:b].upper()}{path[b:]}"
    if host.count(".") >= 2:
        ops.append("dots-dropped")
        bare, _, port = host.partition(":")
        return f"{scheme}://{bare.replace('.', '')}{':' + port if port else ''}{path}"
    return None


# -- note lines -------------------------------------------------------------------------------

TITLE_WORDS = (
    "China Latin America green cooperation energy wind solar power station project investment "
    "trade agreement forum ministerial declaration lithium copper soybean supply chain climate "
    "development bank loan hydropower grid renewable transition"
).split()
AGENCIES = (
    "Xinhua News Agency",
    "Economic and Commercial Office of the Embassy in the Republic of Peru",
    "Ministry of Foreign Affairs website",
    "People's Daily Online",
    "Reuters",
    "El País",
    "Folha de S.Paulo",
    "BBC News",
    "China Daily",
    "Website of the National Energy Administration",
)
MONTHS = "January February March April May June July August September October November December".split()
ACCESS = ("[2022 - 02 - 20]", "[2022-02-16]", "[2022 - 03-10]", "[2022 - 03 - 01]", "[2021 - 12 - 09]")
AFTER = (
    "",
    "",
    "",
    " «China and Latin America sign a new energy agreement»ÿ",
    " Sun Hongbo: «Green finance in Latin America",
    " 拉丁美洲研究 Issue 4, 2022",
    " Journal of Latin American Studies Issue 4, 2022",
    " The project was completed in 2021.",
    " ÿ Li Ming, Zhang Wei: «Energy cooperation», published in «World Economy», Issue 3, 2021",
)


def note_line(printed: str, rng: random.Random, cut: bool) -> str:
    title = " ".join(rng.choice(TITLE_WORDS) for _ in range(rng.randint(3, 8))).capitalize()
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2012, 2022)}"
    marker = rng.choice(("ÿ ", "ÿ ", "Ÿ ", ""))
    sep = rng.choice((", ", " "))
    head = f"{marker}«{title}», {rng.choice(AGENCIES)}, {date}{sep}{printed}"
    if cut:
        return head
    return f"{head} {rng.choice(ACCESS)}{rng.choice(AFTER)}"


def damage(url: str, rng: random.Random, per_url: int, rng_x: random.Random | None = None) -> list[Damaged]:
    """``rng_x`` draws the extraction damage apart (none without it), so the seed's kinds print
    the same lines either way."""
    out = []
    for _ in range(per_url):
        ops: list[str] = []
        printed = lossless(url, rng, ops)
        if rng_x is not None:
            printed = extraction(printed, rng_x, ops)
        out.append(Damaged(url, printed, "lossless", ops))
    for fn in ("garble", "scheme-cut", "host-cut"):
        ops = []
        base = lossless(url, rng, ops)
        if fn == "garble":
            out.append(Damaged(url, garble(base, rng, ops), "lossy", ops))
        elif fn == "scheme-cut":
            out.append(Damaged(url, scheme_cut(base, rng, ops), "lossy", ops))
        else:
            cut = host_cut(url, base, rng, ops)
            if cut:
                out.append(Damaged(url, cut[0], "lossy", ops))
    ops = []
    amb = ambiguous(url, rng, ops)
    if amb:
        out.append(Damaged(url, amb, "ambiguous", ops))
    for d in out:
        d.line = note_line(d.printed, rng, cut="host-cut" in d.ops)
    return out


# -- scoring ----------------------------------------------------------------------------------


@dataclass
class Score:
    n: Counter = field(default_factory=Counter)
    ok: Counter = field(default_factory=Counter)
    lossy_complete: int = 0
    ambiguous_wrong: int = 0
    failures: list[tuple[Damaged, object]] = field(default_factory=list)
    failed_ops: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def score(items: list[Damaged]) -> Score:
    s = Score()
    t0 = time.perf_counter()
    for d in items:
        found = url_in(d.line)
        url = found[2] if found else None
        s.n[d.kind] += 1
        if d.kind == "lossless":
            good = url is not None and url.complete and url.repaired == d.truth
        elif d.kind == "lossy":
            good = url is not None and (not url.complete or url.repaired == d.truth)
            if url is not None and url.complete and url.repaired != d.truth:
                s.lossy_complete += 1
        else:
            good = url is not None and d.truth in (url.repaired, *url.candidates)
            if url is not None and url.complete and not good:
                s.ambiguous_wrong += 1
        if good:
            s.ok[d.kind] += 1
        else:
            s.failures.append((d, url))
            for op in sorted(set(d.ops)) or ["(none)"]:
                s.failed_ops[(d.kind, op)] += 1
    s.seconds = time.perf_counter() - t0
    return s


def report(name: str, s: Score, n_urls: int) -> list[str]:
    def rate(kind: str) -> float:
        return s.ok[kind] / s.n[kind] if s.n[kind] else 1.0

    lossy_complete = s.lossy_complete / s.n["lossy"] if s.n["lossy"] else 0.0
    lines = [
        f"{name}: {n_urls} clean URLs, {sum(s.n.values())} damaged note lines",
        f"  lossless damage restored exactly:       {s.ok['lossless']:>5}/{s.n['lossless']:<5} {rate('lossless'):.3f}"
        f"   (target >= {TARGETS['lossless restored exactly']})",
        f"  lossy damage flagged incomplete:        {s.ok['lossy']:>5}/{s.n['lossy']:<5} {rate('lossy'):.3f}"
        f"   (target >= {TARGETS['lossy flagged incomplete']})",
        f"  lossy damage presented as complete:     {s.lossy_complete:>5}/{s.n['lossy']:<5} {lossy_complete:.3f}"
        f"   (target <= {MAX_LOSSY_COMPLETE})",
        f"  ambiguous: true URL read or a candidate: {s.ok['ambiguous']:>5}/{s.n['ambiguous']:<5} {rate('ambiguous'):.3f}",
        f"  ambiguous: complete, true URL not offered: {s.ambiguous_wrong:>3}/{s.n['ambiguous']:<5}"
        f" {s.ambiguous_wrong / max(1, s.n['ambiguous']):.3f}",
        f"  time: {1000 * s.seconds / max(1, sum(s.n.values())):.2f} ms per line",
    ]
    if s.failed_ops:
        lines.append("  failures by damage kind (a line counts once for each kind it carries):")
        for (kind, op), count in sorted(s.failed_ops.items(), key=lambda x: (x[0][0], -x[1])):
            lines.append(f"    {kind:<9} {op:<13} {count}")
    return lines


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    per_url = int(argv[argv.index("--per-url") + 1]) if "--per-url" in argv else 4
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 2022
    only = argv[argv.index("--half") + 1] if "--half" in argv else None
    global EXTRACTION_DAMAGE
    EXTRACTION_DAMAGE = "--seed-kinds" not in argv
    pool = load_pool()
    print(f"pool: {len(pool)} clean URLs ({Counter(src for _, src in pool)})")
    if anystyle_path() is None:
        print("  (anystyle-core.xml not found beside the project: pool.txt only)")
    status = 0
    blind = load_blind({u for u, _ in pool})
    print(f"blind pool: {len(blind)} clean URLs (pool_blind.txt)")
    for name in ("dev", "held-out", "blind"):
        if only and name != only:
            continue
        urls = blind if name == "blind" else [u for u, _ in pool if half(u) == name]
        rng = random.Random(f"{seed}-{name}")
        rng_x = random.Random(f"{seed}-{name}-extraction")
        items = [d for u in urls for d in damage(u, rng, per_url, rng_x)]
        s = score(items)
        print("\n".join(report(name, s, len(urls))))
        if verbose:
            for d, url in s.failures:
                got = None if url is None else (url.repaired, url.complete, url.candidates[:3])
                print(
                    f"    FAIL {d.kind} {d.ops}\n      line:  {d.line}\n      truth: {d.truth}\n      got:   {got}"
                )
        lossless_ok = s.ok["lossless"] / max(1, s.n["lossless"]) >= TARGETS["lossless restored exactly"]
        lossy_ok = s.ok["lossy"] / max(1, s.n["lossy"]) >= TARGETS["lossy flagged incomplete"]
        complete_ok = s.lossy_complete / max(1, s.n["lossy"]) <= MAX_LOSSY_COMPLETE
        if not (lossless_ok and lossy_ok and complete_ok):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
