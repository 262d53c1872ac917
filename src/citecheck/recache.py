"""Module-level regular expressions compiled once per installation, not once per run.

citecheck's rules are some 450 regular expressions written at module level (vocabularies of
months, publishers, units in five languages). Python compiles each from its source text every
time a process starts: about a third of a warm ``citecheck verify``. Python keeps the byte code
of a module in ``__pycache__`` for the same reason; this module keeps the compiled form of each
expression beside it, in ``__pycache__/regex.<cache tag>.bin``, and a later process builds the
pattern from that code directly (microseconds instead of a parse).

The file is a cache in the strict sense: keyed by each expression's text and flags, written only
when a process compiled something new (atomically, honouring the umask and
``PYTHONDONTWRITEBYTECODE``, never an error when the directory is read-only), ignored when it was
written by another Python (the header names the exact interpreter and regex engine), and
whatever the file holds the patterns are what :func:`re.compile` gives. It is read with
:mod:`marshal`, as the byte code beside it is: the same trust as ``__pycache__`` itself.

On an interpreter whose regex internals differ (not CPython, a future engine), every call is
plain :func:`re.compile`.

>>> pattern = compile(r"(?P<n>\\d+)\\s*MW", re.I)
>>> pattern.search("reaches 90 mw").group("n"), pattern == re.compile(r"(?P<n>\\d+)\\s*MW", re.I)
('90', True)

Only for expressions fixed in the source (module level): an expression built from input at run
time goes to :func:`re.compile`, whose own in-process cache fits it, and never into the file.
"""

from __future__ import annotations

import atexit
import marshal
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["compile", "PatternStore"]

try:  # CPython's regex engine: the parser, the code generator and the constructor
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another interpreter
    _sre = None

#: (flags, code, groups, groupindex, indexgroup): what ``_sre.compile`` takes besides the text
_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
#: a store holding more expressions than this is rewritten with only the ones its last writer used
#: (source edits leave expressions behind; a release has about 500)
_MAX_ENTRIES = 2048


def _engine() -> str:
    """The interpreter and regex engine the code is valid for: any difference makes a file foreign."""
    if _sre is None:
        return ""
    return f"{sys.implementation.cache_tag} {sys.version} sre {_sre.MAGIC} {_sre.CODESIZE} {sys.maxunicode}"


def _code(pattern: str, flags: int) -> _Entry:
    """Compile ``pattern`` to the engine's code, as :func:`re.compile` does internally."""
    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    state = tree.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    return (
        int(flags | state.flags),
        [int(c) for c in code],
        int(state.groups - 1),
        {str(k): int(v) for k, v in state.groupdict.items()},
        tuple(indexgroup),
    )


def _default_path() -> Path | None:
    """``citecheck/__pycache__/regex.<tag>.bin``, beside this package's byte code."""
    from .pycache import pycache_path

    return pycache_path("regex.bin")


@dataclass
class PatternStore:
    """The compiled code of expressions, read from ``path`` on first use and written back once,
    at exit, when something was compiled that the file did not hold."""

    path: Path | None
    writable: bool = True
    _entries: dict[tuple[str, int], _Entry] | None = field(default=None, repr=False)
    _used: set[tuple[str, int]] = field(default_factory=set, repr=False)
    _new: int = 0
    _save_registered: bool = False

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        flags = int(flags)
        if _sre is None or not isinstance(pattern, str):
            return re.compile(pattern, flags)
        entries = self._load()
        key = (pattern, flags)
        entry = entries.get(key)
        if entry is not None:
            try:
                compiled = _sre.compile(pattern, entry[0], list(entry[1]), entry[2], entry[3], entry[4])
            except (TypeError, ValueError, RuntimeError):  # a damaged entry: the engine refused it
                entry = None
            else:
                self._used.add(key)
                return compiled
        try:
            entry = _code(pattern, flags)
            compiled = _sre.compile(pattern, entry[0], list(entry[1]), entry[2], entry[3], entry[4])
        except (AttributeError, TypeError):  # pragma: no cover - internals of another version
            return re.compile(pattern, flags)
        entries[key] = entry
        self._used.add(key)
        self._new += 1
        self._register_save()
        return compiled

    def _load(self) -> dict[tuple[str, int], _Entry]:
        if self._entries is None:
            self._entries = {}
            if self.path is not None:
                try:
                    data = marshal.loads(self.path.read_bytes())
                except (OSError, EOFError, ValueError, TypeError):
                    data = None
                if (
                    isinstance(data, tuple)
                    and len(data) == 2
                    and data[0] == _engine()
                    and isinstance(data[1], dict)
                ):
                    self._entries = data[1]
        return self._entries

    def _register_save(self) -> None:
        if not self._save_registered and self.writable and self.path is not None:
            self._save_registered = True
            atexit.register(self.save)

    def save(self) -> bool:
        """Write the store when it gained expressions; False when there was nothing to write or the
        directory refused it (a cache never makes a run fail)."""
        if not self._new or self.path is None or self._entries is None:
            return False
        entries = self._entries
        if len(entries) > _MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self._used}
        try:
            data = marshal.dumps((_engine(), entries))
            from .fsutil import atomic_write

            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, data)
        except (OSError, ValueError):
            return False
        self._new = 0
        return True


def _process_store() -> PatternStore:
    path = _default_path()
    return PatternStore(path, writable=not sys.dont_write_bytecode)


#: the process's store, as Python's own byte-code cache is per process
_STORE = _process_store()


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:  # noqa: A001 - re's name
    """:func:`re.compile` for an expression fixed in the source, from the installation's store."""
    return _STORE.compile(pattern, int(flags))
