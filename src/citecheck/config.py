"""Run settings: defaults, then ``[tool.citecheck]`` / ``citecheck.toml``, then flags.

The configuration file is looked for next to the paper, then in its parent directories:
the first directory holding a ``citecheck.toml`` (keys at the top level or under
``[tool.citecheck]``) or a ``pyproject.toml`` with a ``[tool.citecheck]`` table wins.
``--config FILE`` names one explicitly. Keys may be written ``kebab-case`` or
``snake_case``; relative paths are relative to the file's directory. An example::

    [tool.citecheck]
    archives = ["http://127.0.0.1:8080/pywb/"]
    cdx = ["http://127.0.0.1:8080/pywb/cdx"]
    cache-dir = ".citecheck-cache"
    min-interval = 1.0          # seconds between two requests to one host
    retries = 2
    fail-on = ["broken", "inconsistent", "soft-404"]
    allowed-hosts = ["intranet.example"]
    formats = ["html", "json"]
    baseline = "ci/citecheck-baseline.toml"   # accepted findings (see citecheck.baseline)

>>> resolve_options(None, fail_on="broken").fail_on == frozenset({FindingKind.BROKEN})
True
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError
from .findings import DEFAULT_FAIL_ON, parse_fail_on
from .model import FindingKind
from .report import normalise_format

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

WAYBACK = "https://web.archive.org/web/"
WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx"
CONFIG_NAMES = ("citecheck.toml", "pyproject.toml")


@dataclass(frozen=True)
class VerifyOptions:
    """Everything a ``verify`` run needs besides the paper.

    Politeness numbers left as None keep the fetcher's defaults (which respect the
    Wayback Machine's limits).
    """

    input_format: str = "auto"
    archives: tuple[str, ...] = (WAYBACK,)
    cdx: tuple[str, ...] = (WAYBACK_CDX,)
    cache_dir: Path | None = None
    use_cache: bool = True
    offline: bool = False
    live_ttl: float | None = None  # seconds a live check stays fresh in the cache
    lookup_ttl: float | None = None  # seconds an archive look-up stays fresh
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    timeout: float | None = None  # read timeout per request, as `check --timeout` (total: 3x)
    connect_timeout: float | None = None
    read_timeout: float | None = None
    retries: int | None = None
    min_interval: float | None = None
    per_host_concurrency: int | None = None
    max_bytes: int | None = None
    cdx_per_minute: float | None = None
    snapshots_per_second: float | None = None
    ca_bundle: Path | None = None  # PEM authorities trusted instead of the default bundle
    workers: int = 8
    from_warc: tuple[Path, ...] = ()
    save_warc: Path | None = None
    fail_on: frozenset[FindingKind] = DEFAULT_FAIL_ON
    formats: tuple[str, ...] = ("html", "md", "json")
    report_dir: Path = Path("reports")
    bib_dir: Path = Path("references")
    bib_format: str = "bibtex"
    junit: Path | None = None
    baseline: Path | None = None  # accepted findings (default: citecheck-baseline.toml beside the paper)
    config_file: Path | None = None  # the file the settings came from, if any

    def summary(self) -> dict[str, Any]:
        """The settings a report records (paths as text, no secrets: there are none)."""
        return {
            "input_format": self.input_format,
            "archives": list(self.archives),
            "cdx": list(self.cdx),
            "offline": self.offline,
            "allow_private": self.allow_private,
            "allowed_hosts": list(self.allowed_hosts),
            "from_warc": [str(p) for p in self.from_warc],
            "fail_on": sorted(kind.value for kind in self.fail_on),
        }


_PATH_KEYS = {"cache_dir", "save_warc", "report_dir", "bib_dir", "junit", "ca_bundle", "baseline"}
_TUPLE_KEYS = {"archives", "cdx", "allowed_hosts", "formats"}
_BOOL_KEYS = {"use_cache", "offline", "allow_private"}
_INT_KEYS = {"retries", "per_host_concurrency", "max_bytes", "workers"}
_FLOAT_KEYS = {
    "live_ttl",
    "lookup_ttl",
    "timeout",
    "connect_timeout",
    "read_timeout",
    "min_interval",
    "cdx_per_minute",
    "snapshots_per_second",
}
_STR_KEYS = {"input_format", "bib_format"}
#: The bounds the command-line flags enforce (``--workers 1..64``, ``--timeout >= 0.1``): a
#: setting means the same in the file as on the command line. ``(lowest, highest or None)``.
_BOUNDS: dict[str, tuple[float, float | None]] = {
    "workers": (1, 64),
    "per_host_concurrency": (1, None),
    "timeout": (0.1, None),
    "connect_timeout": (0.1, None),
    "read_timeout": (0.1, None),
}
_ALIASES = {"cache": "use_cache", "archive": "archives", "format": "formats", "allow_hosts": "allowed_hosts"}
KNOWN_KEYS = (
    _PATH_KEYS | _TUPLE_KEYS | _BOOL_KEYS | _INT_KEYS | _FLOAT_KEYS | _STR_KEYS | {"fail_on", "from_warc"}
)


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The nearest configuration at or above ``start`` (a directory): ``(file, table)``."""
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            table = _read_table(candidate, required=False)
            if table is not None:
                return candidate, table
    return None


def _read_table(path: Path, *, required: bool) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read config {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        detail = " ".join(str(exc).split())
        raise UsageError(f"config {path} is not valid TOML: {detail}") from None
    tool = data.get("tool", {})
    table = tool.get("citecheck") if isinstance(tool, dict) else None
    if table is None and path.name != "pyproject.toml":
        table = {k: v for k, v in data.items() if k != "tool"}
    if table is None:
        if required:
            raise UsageError(f"config {path} has no [tool.citecheck] table")
        return None
    if not isinstance(table, dict):
        raise UsageError(f"config {path}: [tool.citecheck] must be a table")
    return table


def load_config(paper: str | Path | None, config_file: str | Path | None = None) -> tuple[dict, Path | None]:
    """The settings table for a run and the file it came from (``({}, None)`` when none)."""
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise UsageError(f"config file not found: {path}")
        return _read_table(path, required=True) or {}, path
    start = Path(paper).parent if paper is not None else Path.cwd()
    found = find_config(start if str(start) else Path.cwd())
    if found is None:
        return {}, None
    return found[1], found[0]


def _coerce(key: str, value: Any, base: Path, where: str) -> Any:
    def bad(expected: str) -> UsageError:
        return UsageError(f"{where}: {key.replace('_', '-')} must be {expected}, not {value!r}")

    if key in _BOOL_KEYS:
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    low, high = _BOUNDS.get(key, (0, None))
    within = f">= {low}" if high is None else f"from {low} to {high}"
    if key in _INT_KEYS:
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high and value > high):
            raise bad(f"a whole number {within}")
        return value
    if key in _FLOAT_KEYS:
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or value < low
            or (high and value > high)
        ):
            raise bad(f"a number {within}")
        return float(value)
    if key in _STR_KEYS:
        if not isinstance(value, str):
            raise bad("a string")
        if key == "bib_format":
            from .bibliography import FORMATS as BIB_FORMATS

            if value.lower() not in BIB_FORMATS:
                raise bad("one of " + ", ".join(BIB_FORMATS))
            return value.lower()
        return value
    if key in _PATH_KEYS:
        if not isinstance(value, (str, Path)):
            raise bad("a path")
        path = Path(value).expanduser()
        return path if path.is_absolute() else base / path
    if key == "from_warc":
        items = [value] if isinstance(value, (str, Path)) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(i, (str, Path)) for i in items):
            raise bad("a path or a list of paths")
        return tuple(p if p.is_absolute() else base / p for p in (Path(i).expanduser() for i in items))
    if key in _TUPLE_KEYS:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
            raise bad("a string or a list of strings")
        if key == "formats":
            return tuple(dict.fromkeys(normalise_format(i) for i in items))
        return tuple(items)
    if key == "fail_on":
        if not isinstance(value, (str, list, tuple, set, frozenset)):
            raise bad("a kind or a list of kinds")
        return parse_fail_on(value if value else ["none"])
    raise UsageError(f"{where}: unknown setting {key.replace('_', '-')!r}")


def options_from_table(table: dict, base: Path, where: str = "config") -> dict[str, Any]:
    """Validate a settings table: keyword arguments for :class:`VerifyOptions`."""
    out: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = str(raw_key).replace("-", "_")
        key = _ALIASES.get(key, key)
        if key not in KNOWN_KEYS:
            known = ", ".join(sorted(k.replace("_", "-") for k in KNOWN_KEYS))
            raise UsageError(f"{where}: unknown setting {raw_key!r} (known: {known})")
        try:
            out[key] = _coerce(key, value, base, where)
        except UsageError as exc:
            message = str(exc)
            raise UsageError(message if message.startswith(where) else f"{where}: {message}") from None
    return out


def resolve_options(
    paper: str | Path | None, config_file: str | Path | None = None, **flags: Any
) -> VerifyOptions:
    """Defaults, overridden by the configuration file, overridden by ``flags``.

    Flags whose value is None (or an empty tuple for list options) were not given and
    do not override anything. Flag values are validated like config values.
    """
    table, source = load_config(paper, config_file)
    base = source.parent if source is not None else Path.cwd()
    settings = options_from_table(table, base, str(source) if source else "config")
    for key, value in flags.items():
        key = _ALIASES.get(key, key)
        if value is None or (isinstance(value, (tuple, list)) and not value and key != "fail_on"):
            continue
        if key not in KNOWN_KEYS:
            raise UsageError(f"unknown option {key}")
        if key in _PATH_KEYS or key == "from_warc":
            settings[key] = _coerce(key, value, Path.cwd(), "option")
        elif key == "fail_on":
            settings[key] = parse_fail_on(value if value else ["none"])
        else:
            settings[key] = _coerce(key, value, Path.cwd(), "option")
    names = {f.name for f in dataclasses.fields(VerifyOptions)}
    return VerifyOptions(**{k: v for k, v in settings.items() if k in names}, config_file=source)


__all__ = ["VerifyOptions", "find_config", "load_config", "options_from_table", "resolve_options"]
