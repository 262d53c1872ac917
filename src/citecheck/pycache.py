"""Objects derived from files of the installation, kept beside its byte code.

Some of citecheck's knowledge is built from a data file another package ships (the Public Suffix
List that ``publicsuffixlist`` bundles): building it costs every process the same milliseconds,
for the same answer, until that package is upgraded. Python keeps byte code in ``__pycache__``
for the same reason; :func:`load_or_build` keeps such an object there too, as
``__pycache__/<name>.<cache tag>.pickle``, keyed by what it was built from.

A cache in the strict sense: a file whose key differs (another interpreter, another version of
the package, the data file changed), that cannot be read or that is damaged is ignored and the
object is built again; it is written atomically, honouring the umask and
``PYTHONDONTWRITEBYTECODE``, and a directory that refuses it is never an error. It is read with
:mod:`pickle`: the same trust as the byte code beside it, which Python executes.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     store = Path(tmp) / "squares.pickle"
...     built = load_or_build(store, ("v1",), lambda: [n * n for n in range(4)], writable=True)
...     again = load_or_build(store, ("v1",), lambda: "not rebuilt", writable=True)
...     changed = load_or_build(store, ("v2",), lambda: "rebuilt", writable=True)
>>> built, again, changed
([0, 1, 4, 9], [0, 1, 4, 9], 'rebuilt')
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

__all__ = ["pycache_path", "file_key", "load_or_build"]

T = TypeVar("T")


def pycache_path(name: str) -> Path | None:
    """``citecheck/__pycache__/<name with the cache tag>``, wherever Python puts this package's
    byte code (``PYTHONPYCACHEPREFIX`` included); None where the interpreter keeps no byte-code
    cache. ``pycache_path("regex.bin")`` -> ``…/__pycache__/regex.cpython-311.bin``."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    from importlib.util import cache_from_source

    stem, _, extension = name.rpartition(".")
    return Path(cache_from_source(__file__)).with_name(f"{stem}.{tag}.{extension}")


def file_key(path: str | os.PathLike) -> tuple[str, int, int]:
    """What identifies a data file's content cheaply, as Python's byte code does its source: the
    path, its size and its modification time (nanoseconds)."""
    stat = os.stat(path)
    return (os.fspath(path), stat.st_size, stat.st_mtime_ns)


def load_or_build(
    store: Path | None, key: Hashable, build: Callable[[], T], *, writable: bool | None = None
) -> T:
    """The object ``build()`` returns, read from ``store`` when it was written for ``key`` by this
    interpreter; otherwise built and written there (unless ``writable`` is False, or None and
    Python was told not to write byte code)."""
    full_key = (sys.version, key)
    if store is not None:
        try:
            with open(store, "rb") as handle:
                stored_key, value = pickle.load(handle)
        except Exception:  # noqa: BLE001 - a missing, foreign or damaged cache is only a miss
            pass
        else:
            if stored_key == full_key:
                return value
    value = build()
    if writable is None:
        writable = not sys.dont_write_bytecode
    if store is not None and writable:
        from .errors import OutputError
        from .fsutil import atomic_write

        try:
            atomic_write(store, pickle.dumps((full_key, value), protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, OutputError, pickle.PicklingError):
            pass  # a cache never makes a run fail
    return value
